"""Benchmark of the working-time engine: how many deadlines per second one core computes.

Run with `make bench` (or `.venv/bin/python bench/calendar_deadlines.py`). Prints p50/p95 per
operation and throughput; reports classify every dossier with these calls, so they bound how fast
an on-time report over 10^6 dossiers can be without precomputation.
"""

import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from motcua.calendar.engine import Clock, Pause, WorkingCalendar
from motcua.core.timezone import VN_TZ

N = 20_000


def sample_starts(rng: random.Random) -> list[dt.datetime]:
    base = dt.datetime(2025, 1, 1, tzinfo=VN_TZ)
    return [base + dt.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60)) for _ in range(N)]


def timed(label: str, func: Callable[[int], object], items: Sequence[int]) -> None:
    samples = []
    t0 = time.perf_counter()
    for item in items:
        s = time.perf_counter_ns()
        func(item)
        samples.append(time.perf_counter_ns() - s)
    total = time.perf_counter() - t0
    samples.sort()
    p50 = statistics.median(samples) / 1000
    p95 = samples[int(len(samples) * 0.95)] / 1000
    print(
        f"{label:<44} n={len(items):>6}  p50={p50:7.1f} µs  p95={p95:7.1f} µs  {len(items) / total:9.0f}/s"
    )


def main() -> None:
    rng = random.Random(2026)
    cal = WorkingCalendar()
    starts = sample_starts(rng)
    budgets = [dt.timedelta(hours=rng.choice([4, 8, 24, 40, 80, 120, 240])) for _ in range(N)]
    cal.add_working_time(starts[0], budgets[0])  # warm the holiday cache
    print(f"calendar engine, {N} random starts in 2025-2027, budgets 0.5-30 working days")
    timed("add_working_time", lambda i: cal.add_working_time(starts[i], budgets[i]), range(N))
    ends = [s + dt.timedelta(days=rng.randrange(0, 60)) for s in starts]
    timed(
        "working_time_between (≤ 60 days)",
        lambda i: cal.working_time_between(starts[i], ends[i]),
        range(N),
    )
    clocks = [
        Clock(s, b, pauses=(Pause(s + dt.timedelta(days=1), s + dt.timedelta(days=3)),))
        for s, b in zip(starts, budgets, strict=True)
    ]
    timed("Clock.due with one pause", lambda i: clocks[i].due(cal), range(N))
    now = dt.datetime(2026, 11, 23, 10, tzinfo=VN_TZ)
    timed("Clock.is_overdue", lambda i: clocks[i].is_overdue(cal, now), range(N))


if __name__ == "__main__":
    main()
