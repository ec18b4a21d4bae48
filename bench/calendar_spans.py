"""Benchmark of working-time arithmetic over long spans: the cost per call by the span's length,
with the day-by-day walk ("before", the engine's `_*_reference` methods) and with cumulative
working time per month ("after", what the engine uses).

Run with `make bench` (or `.venv/bin/python bench/calendar_spans.py`). Prints, per span (clock
started 1 day … 700 days before "now"), the p50 cost of `legal_clock` and `dossier_deadline` for a
dossier of the benchmark's world (what queues and reports compute per row), then of the three
engine calls alone, and the first clock on a fresh calendar (the months it touches being built).
Target: a 700-day-old clock within ~2× the cost of a 1-day-old one.
"""

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._runner import main  # noqa: E402 — after the path is set

if TYPE_CHECKING:
    import datetime as dt

    from motcua.accounts.models import Agency

SPANS = (("1 day", 1), ("1 week", 7), ("1 month", 30), ("1 year", 365), ("700 days", 700))
SAMPLES = 300
# The walk answers instant_before in time quadratic in the span: a few samples are enough.
SLOW_BUDGET_SECONDS = 2.0


@contextmanager
def reference_engine() -> Iterator[None]:
    """Every WorkingCalendar answers with the day-by-day walk while inside."""
    from motcua.calendar.engine import WorkingCalendar

    names = ("working_time_between", "add_working_time", "instant_before")
    saved = {name: WorkingCalendar.__dict__[name] for name in names}
    for name in names:
        setattr(WorkingCalendar, name, WorkingCalendar.__dict__[f"_{name}_reference"])
    try:
        yield
    finally:
        for name, method in saved.items():
            setattr(WorkingCalendar, name, method)


def p50_micros(call: Callable[[int], object], count: int, *, budget: float | None = None) -> float:
    """The median cost of `call(i)` for i in range(count), in µs (warm caches: i=0 runs twice)."""
    call(0)
    samples: list[int] = []
    deadline = time.perf_counter() + budget if budget else None
    for i in range(count):
        start = time.perf_counter_ns()
        call(i)
        samples.append(time.perf_counter_ns() - start)
        if deadline is not None and time.perf_counter() > deadline and len(samples) >= 3:
            break
    return statistics.median(samples) / 1000


def fmt(micros: float) -> str:
    return f"{micros:8.1f} µs" if micros < 10_000 else f"{micros / 1000:8.1f} ms"


def row(label: str, before: float, after: float) -> None:
    print(f"  {label:<34} {fmt(before)}  {fmt(after)}  ×{before / after:6.1f}")


def clocks(
    agency: "Agency", now: "dt.datetime", begin: "list[dt.datetime]"
) -> dict[str, tuple[float, float]]:
    """p50 of legal_clock and dossier_deadline (one supplement pause) per mode."""
    import datetime as dt
    from decimal import Decimal

    from motcua.calendar.engine import TimeUnit
    from motcua.dossiers.deadlines import Calendars, dossier_deadline, legal_clock
    from motcua.dossiers.models import Dossier, DossierPause, PauseKind

    dossiers = [
        Dossier(
            receiving_agency=agency,
            clock_started_at=start,
            first_clock_started_at=start,
            limit_value=Decimal(15),
            limit_unit=TimeUnit.WORKING_DAYS.value,
        )
        for start in begin
    ]
    # One supplement wait of a week, ten days after the start (capped at now).
    pauses = [
        [
            DossierPause(
                kind=PauseKind.SUPPLEMENT,
                reason="Bổ sung",
                started_at=min(start + dt.timedelta(days=10), now),
                ended_at=min(start + dt.timedelta(days=17), now),
            )
        ]
        for start in begin
    ]
    results = {}
    for mode in ("before", "after"):
        calendars = Calendars()

        def clock(i: int, calendars: Calendars = calendars) -> object:
            return legal_clock(dossiers[i], pauses=[], at=now, calendars=calendars)

        def deadline(i: int, calendars: Calendars = calendars) -> object:
            return dossier_deadline(
                dossiers[i], at=now, pauses=pauses[i], visits=[], calendars=calendars
            )

        with reference_engine() if mode == "before" else _nothing():
            results[mode] = (p50_micros(clock, len(begin)), p50_micros(deadline, len(begin)))
    return results


def engine_calls(now: "dt.datetime", begin: "list[dt.datetime]") -> dict[str, list[float]]:
    """p50 of the three engine calls over the spans from `begin` to `now`, per mode."""
    from motcua.calendar.engine import WorkingCalendar

    calendar = WorkingCalendar()
    spans = [calendar.working_time_between(s, now) for s in begin]

    def between(i: int) -> object:
        return calendar.working_time_between(begin[i], now)

    def add(i: int) -> object:
        return calendar.add_working_time(begin[i], spans[i])

    def before(i: int) -> object:
        return calendar.instant_before(now, spans[i])

    cost: dict[str, list[float]] = {"wtb": [], "add": [], "before": []}
    for mode in ("before", "after"):
        with reference_engine() if mode == "before" else _nothing():
            cost["wtb"].append(p50_micros(between, len(begin)))
            cost["add"].append(p50_micros(add, len(begin)))
            cost["before"].append(p50_micros(before, len(begin), budget=SLOW_BUDGET_SECONDS))
    return cost


def measure(label: str) -> None:
    import datetime as dt
    import random

    from motcua.core.timezone import local_datetime
    from tests.dossiers.builders import build_world

    world = build_world()
    rng = random.Random(2026)
    now = local_datetime(dt.date(2026, 11, 23), dt.time(10, 0))  # a Monday

    def starts(days: int) -> list[dt.datetime]:
        # Spread over office hours and nights, around `days` before now.
        return [
            now - dt.timedelta(days=days, minutes=rng.randrange(0, 24 * 60)) for _ in range(SAMPLES)
        ]

    print(f"{label}: p50 per call, {SAMPLES} clocks per span; before = day-by-day walk")
    print(f"  {'':<34} {'before':>11}  {'after':>11}  {'speed-up':>7}")
    for name, days in SPANS:
        results = clocks(world.commune, now, starts(days))
        print(f" clock started {name} ago (limit 15 working days)")
        row("legal_clock", results["before"][0], results["after"][0])
        row("dossier_deadline (1 pause)", results["before"][1], results["after"][1])

    print(" engine alone (national calendar, default hours), amount = the span's working time")
    for name, days in SPANS:
        cost = engine_calls(now, starts(days))
        row(f"working_time_between, {name}", cost["wtb"][0], cost["wtb"][1])
        row(f"add_working_time, {name}", cost["add"][0], cost["add"][1])
        row(f"instant_before, {name}", cost["before"][0], cost["before"][1])

    # A calendar is built per request: its first clock pays for the months it touches.
    print(" first clock on a fresh calendar (what one dossier page pays), months built on the way")
    for name, days in (SPANS[0], SPANS[-1]):
        cold = first_clock(now, starts(days)[:20])
        row(f"fresh calendar, {name}", cold[0], cold[1])


def first_clock(now: "dt.datetime", begin: "list[dt.datetime]") -> tuple[float, float]:
    """p50 of a clock's two engine calls (time used, 15-day due) on a new calendar, per mode."""
    import datetime as dt

    from motcua.calendar.engine import WorkingCalendar

    def clock(i: int) -> object:
        calendar = WorkingCalendar()
        calendar.working_time_between(begin[i], now)
        return calendar.add_working_time(begin[i], dt.timedelta(hours=120))

    with reference_engine():
        before = p50_micros(clock, len(begin))
    return before, p50_micros(clock, len(begin))


@contextmanager
def _nothing() -> Iterator[None]:
    yield


if __name__ == "__main__":
    main(__file__, measure)
