"""Benchmark of the reports at scale: a synthetic history of N dossiers (`generate_dossiers`), then
each read measured beside one hand-written SQL computing the same figures on the same tables, in
the same run, with the ratio:

(a) the province's monthly timeliness report by agency (`timeliness_table`, a month in the middle
    of the history) — the figures of both must be equal (asserted);
(b) the dashboard (`dashboard_data`: the last month of the history by agency, and the 12-month
    series of received / resolved / late) — totals and series asserted equal;
(c) an officer's queue (`queue_board`, the home page of the specialist handling the most open
    dossiers): p50 / p95 over many requests, beside the same officer's open dossiers, soonest due
    first, in SQL;
(d) the public look-up (`dossier_public_lookup`): p50 / p99 over many codes, beside one SQL.

Run with `make bench` (or `.venv/bin/python bench/reports.py`): on throw-away SQLite and
PostgreSQL databases, the demo province (agencies, desks, staff, calendar, catalog of
`seed_demo`, without its demo dossiers), N = MOTCUA_BENCH_REPORT_N dossiers (default 20000) over
three years ending yesterday. With MOTCUA_BENCH_REPORT_DB=<database URL> it measures an existing
database instead (nothing created, nothing written): the way to measure millions of dossiers made
once with `generate_dossiers` (docs/performance.md).

Targets at 5 million dossiers on a 2-core machine: report < 1 s and ≤ 1.5× the hand SQL, queue
p95 < 50 ms, look-up p99 < 20 ms. A slow query prints its PostgreSQL plan.
"""

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._runner import main  # noqa: E402 — after the path is set

N = int(os.environ.get("MOTCUA_BENCH_REPORT_N", "20000"))
EXISTING = os.environ.get("MOTCUA_BENCH_REPORT_DB", "")
SEED = 1
YEARS = 3
REPORT_RUNS = 5
QUEUE_REQUESTS = 100
LOOKUPS = 500

# The figures of `motcua.reports.timeliness.FIGURES`, written by hand: %(s)s is the period's start
# (00:00 local of its first day), %(e)s its end (00:00 local of the day after its last; now, for a
# period not over yet: `Period.until`).
OPEN_S = "received_at < %(s)s AND (finished_at IS NULL OR finished_at >= %(s)s)"
OPEN_E = "received_at < %(e)s AND (finished_at IS NULL OR finished_at >= %(e)s)"
RECEIVED = "received_at >= %(s)s AND received_at < %(e)s"
FINISHED = "finished_at >= %(s)s AND finished_at < %(e)s"
RESOLVED = f"{FINISHED} AND end_kind IN ('result', 'refusal')"
RUNNING = "(paused_since IS NULL OR paused_since > %(e)s)"
# Past due at E; paused at E only if the due had come when the pause began.
OVERDUE = f"{OPEN_E} AND due_at < %(e)s AND ({RUNNING} OR due_at <= paused_since)"
# Within the threshold at E; or paused at E after reaching it (the time left stands still).
DUE_SOON = (
    f"{OPEN_E} AND (({RUNNING} AND soon_at <= %(e)s AND due_at >= %(e)s) OR "
    "(paused_since <= %(e)s AND soon_at <= paused_since AND due_at > paused_since))"
)
HAND_FIGURES: dict[str, str] = {
    "carried_over": OPEN_S,
    "received": RECEIVED,
    "received_counter": f"{RECEIVED} AND channel IN ('counter', 'kiosk')",
    "received_online": f"{RECEIVED} AND channel = 'online'",
    "received_postal": f"{RECEIVED} AND channel = 'postal'",
    "resolved": RESOLVED,
    "resolved_early": f"{RESOLVED} AND timeliness = 'early'",
    "resolved_on_time": f"{RESOLVED} AND timeliness = 'on_time'",
    "resolved_late": f"{RESOLVED} AND timeliness = 'late'",
    "refused": f"{FINISHED} AND end_kind = 'refusal'",
    "stopped": f"{FINISHED} AND end_kind = 'stopped'",
    "stopped_late": f"{FINISHED} AND end_kind = 'stopped' AND timeliness = 'late'",
    "in_process": OPEN_E,
    # NULL-safe negations (a dossier finished after E has no "due soon" instant).
    "in_process_in_time": f"{OPEN_E} AND NOT COALESCE({OVERDUE}, FALSE) "
    f"AND NOT COALESCE({DUE_SOON}, FALSE)",
    "in_process_due_soon": DUE_SOON,
    "in_process_overdue": OVERDUE,
    "supplement_requested": "first_supplement_at >= %(s)s AND first_supplement_at < %(e)s",
    "apologies": "apology_at >= %(s)s AND apology_at < %(e)s",
    "returned": "returned_at >= %(s)s AND returned_at < %(e)s",
    "returned_post": "returned_at >= %(s)s AND returned_at < %(e)s AND return_method = 'post'",
    "not_collected": "finished_at < %(e)s AND end_kind IN ('result', 'refusal') "
    "AND (returned_at IS NULL OR returned_at >= %(e)s)",
    "refused_intake": "refused_intake_at >= %(s)s AND refused_intake_at < %(e)s",
    "received_full": f"{RECEIVED} AND online_level = 'full'",
    "received_full_online": f"{RECEIVED} AND online_level = 'full' AND channel = 'online'",
    "received_partial": f"{RECEIVED} AND online_level = 'partial'",
    "received_partial_online": f"{RECEIVED} AND online_level = 'partial' AND channel = 'online'",
}
# What any figure of [S, E) counts (`timeliness.base_condition`).
BASE = (
    "(received_at < %(e)s AND (settled_at IS NULL OR settled_at >= %(s)s)) "
    "OR (refused_intake_at >= %(s)s AND refused_intake_at < %(e)s)"
)


def hand_report_sql(codes: Sequence[str]) -> str:
    """The figures by agency for one period, in one statement."""
    counts = ",\n  ".join(f"COUNT(*) FILTER (WHERE {HAND_FIGURES[c]}) AS {c}" for c in codes)
    return (
        f"SELECT agency_id,\n  {counts}\nFROM reports_dossierfact\nWHERE {BASE}\nGROUP BY agency_id"
    )


def hand_series_sql(codes: Sequence[str], months: int) -> str:
    """The figures of `codes` for each of `months` periods, in one statement: one aggregate per
    month (each through the indexes of its own period), joined with UNION ALL."""
    parts = []
    for n in range(months):
        counts = ", ".join(
            f"COUNT(*) FILTER (WHERE {on_month(HAND_FIGURES[c], n)}) AS {c}" for c in codes
        )
        parts.append(
            f"SELECT {n} AS n, {counts} FROM reports_dossierfact WHERE {on_month(BASE, n)}"  # noqa: S608 - constants
        )
    return "\nUNION ALL\n".join(parts) + "\nORDER BY n"


def on_month(condition: str, n: int) -> str:
    return condition.replace("%(s)s", f"%(s{n})s").replace("%(e)s", f"%(e{n})s")


# --- Measuring --------------------------------------------------------------------------------


def timed(call: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median of `runs` timed calls (ms) after one untimed warm-up, and the last result."""
    result = call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def percentile(samples: Sequence[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def sql(query: str, params: Mapping[str, Any] | Sequence[Any]) -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return list(cursor.fetchall())


def instants(values: Mapping[str, dt.datetime]) -> dict[str, Any]:
    """Parameters as the database compares them (SQLite stores UTC text)."""
    from django.db import connection

    return {k: connection.ops.adapt_datetimefield_value(v) for k, v in values.items()}


def explain(label: str, query: str, params: Mapping[str, Any] | Sequence[Any]) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    plan = sql("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
    print(f"      EXPLAIN {label}:")
    for (line,) in plan[:25]:
        print(f"        {line}")


def line(label: str, orm_ms: float, hand_ms: float, target: str = "") -> None:
    ratio = orm_ms / hand_ms if hand_ms else float("inf")
    print(
        f"    {label:<46} {orm_ms:9.1f} ms   SQL tay {hand_ms:8.1f} ms   × {ratio:5.2f}"
        + (f"   (mục tiêu ở 5 triệu hồ sơ: {target})" if target else "")
    )


# --- The four measurements ------------------------------------------------------------------------


def measure_report(period: Any) -> None:
    from motcua.reports.scope import ReportScope, report_filter
    from motcua.reports.timeliness import FIGURES, timeliness_table

    codes = [f.code for f in FIGURES]
    assert set(codes) == set(HAND_FIGURES), "bench/reports.py: a figure was added or removed"
    report = report_filter(scope=ReportScope(None))
    orm_ms, table = timed(
        lambda: timeliness_table(report=report, period=period, group_by="agency"), REPORT_RUNS
    )
    query = hand_report_sql(codes)
    params = instants({"s": period.start, "e": period.until})
    hand_ms, rows = timed(lambda: sql(query, params), REPORT_RUNS)
    by_agency = {
        child.agency.pk: child.counts
        for row in table.rows
        for child in row.children
        if child.agency is not None
    }
    hand = {row[0]: dict(zip(codes, row[1:], strict=True)) for row in rows}
    assert by_agency == hand, "the report and the hand SQL disagree"
    total = table.total
    line(f"(a) báo cáo tháng {period.token} theo cơ quan", orm_ms, hand_ms, "< 1 s, ≤ 1,5×")
    print(
        f"        {len(hand)} cơ quan; kỳ trước chuyển qua {total['carried_over']}, mới tiếp nhận "
        f"{total['received']}, đã giải quyết {total['resolved']} (trước hạn "
        f"{total['resolved_early']}, đúng hạn {total['resolved_on_time']}, quá hạn "
        f"{total['resolved_late']}), đang giải quyết quá hạn {total['in_process_overdue']} — "
        "bằng nhau ở mọi cơ quan"
    )
    if orm_ms > 1000:
        explain("SQL tay (a)", query, params)


def measure_dashboard(period: Any) -> None:
    from motcua.reports.dashboard import MONTH_FIGURES, dashboard_data, months_ending
    from motcua.reports.scope import ReportScope, report_filter
    from motcua.reports.timeliness import FIGURES

    codes = [f.code for f in FIGURES]
    report = report_filter(scope=ReportScope(None))
    orm_ms, board = timed(lambda: dashboard_data(report=report, period=period), REPORT_RUNS)
    months = months_ending(period.last, 12)
    table_sql = hand_report_sql(codes)
    table_params = instants({"s": period.start, "e": period.until})
    series_sql = hand_series_sql(MONTH_FIGURES, len(months))
    series_params = instants(
        {
            key: value
            for n, m in enumerate(months)
            for key, value in ((f"s{n}", m.start), (f"e{n}", m.until))
        }
    )

    def hand() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        return sql(table_sql, table_params), sql(series_sql, series_params)

    hand_ms, (rows, series) = timed(hand, REPORT_RUNS)
    totals = {c: sum(row[1 + n] for row in rows) for n, c in enumerate(codes)}
    assert totals == {c: board.total[c] for c in codes}, [
        (c, totals[c], board.total[c]) for c in codes if totals[c] != board.total[c]
    ]
    found = {row[0]: row[1:] for row in series}
    for n, point in enumerate(board.months):
        expected = tuple(found.get(n, (0,) * len(MONTH_FIGURES)))
        assert tuple(point.row[c] for c in MONTH_FIGURES) == expected, point.period.token
    line(f"(b) bảng điều khiển {period.token} + 12 tháng", orm_ms, hand_ms, "< 1 s, ≤ 1,5×")
    received = [p.received for p in board.months]
    print(f"        tiếp nhận theo tháng: {received} — bằng nhau")
    if orm_ms > 1000:
        explain("SQL tay (b), chuỗi 12 tháng", series_sql, series_params)


def measure_queue() -> None:
    from django.db.models import Count

    from motcua.accounts.models import User
    from motcua.dossiers.models import OPEN_STATUSES, Dossier
    from motcua.dossiers.queues import queue_board

    busiest = (
        Dossier.objects.filter(handler__isnull=False, status__in=OPEN_STATUSES)
        .values("handler")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if busiest is None:
        print("    (c) hàng đợi: không có cán bộ nào đang xử lý hồ sơ — bỏ qua")
        return
    officer = User.objects.get(pk=busiest["handler"])
    statuses = sorted(str(s) for s in OPEN_STATUSES)
    marks = ", ".join(["%s"] * len(statuses))
    query = (
        "SELECT d.id, d.code, d.status, f.due_at, COUNT(*) OVER () FROM dossiers_dossier d "  # noqa: S608
        "JOIN reports_dossierfact f ON f.dossier_id = d.id "
        f"WHERE d.handler_id = %s AND d.status IN ({marks}) ORDER BY f.due_at, d.id LIMIT 30"
    )
    params = [officer.pk, *statuses]
    orm, hand = [], []
    board = queue_board(actor=officer, queue=None)
    sql(query, params)
    for _ in range(QUEUE_REQUESTS):
        start = time.perf_counter()
        board = queue_board(actor=officer, queue=None)
        orm.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        rows = sql(query, params)
        hand.append((time.perf_counter() - start) * 1000)
    mine = next(tab.count for tab in board.tabs if tab.queue == "mine")
    assert rows, "the hand SQL found no dossier"
    assert rows[0][4] == mine == busiest["n"], "the queue and the hand SQL disagree"
    p95 = percentile(orm, 0.95)
    line(
        f"(c) hàng đợi ({officer.username}, {mine} hồ sơ) p50",
        statistics.median(orm),
        statistics.median(hand),
    )
    line("    p95", p95, percentile(hand, 0.95), "p95 < 50 ms")
    if p95 >= 50:
        explain("SQL tay (c)", query, params)


def measure_lookup() -> None:
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import dossier_public_lookup

    ids = list(Dossier.objects.filter(code__isnull=False).values_list("pk", flat=True)[:200000])
    rng = random.Random(SEED)
    sample = list(
        Dossier.objects.filter(pk__in=rng.sample(ids, min(LOOKUPS, len(ids)))).values_list(
            "code", "applicant_id_number", "status"
        )
    )
    query = (
        "SELECT d.code, d.status, v.name, a.name, d.submitted_at, d.received_at, "
        "COALESCE(d.rescheduled_due_at, f.due_at), d.finished_at, d.returned_at, "
        "d.applicant_id_number, d.phone FROM dossiers_dossier d "
        "JOIN catalog_procedureversion v ON v.id = d.version_id "
        "JOIN accounts_agency a ON a.id = d.agency_id "
        "LEFT JOIN reports_dossierfact f ON f.dossier_id = d.id "
        "WHERE d.code = %s OR d.reference = %s"
    )
    orm, hand = [], []
    for code, id_number, status in sample:
        assert code is not None
        last4 = id_number[-4:]
        start = time.perf_counter()
        found = dossier_public_lookup(code=code, last4=last4)
        orm.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        rows = sql(query, [code, code])
        matched = [r for r in rows if r[9].endswith(last4) or r[10].endswith(last4)]
        hand.append((time.perf_counter() - start) * 1000)
        assert found is not None, code
        assert matched, code
        assert found.status == status == matched[0][1]
    p99 = percentile(orm, 0.99)
    line(
        f"(d) tra cứu công khai ({len(sample)} mã) p50",
        statistics.median(orm),
        statistics.median(hand),
    )
    line("    p99", p99, percentile(hand, 0.99), "p99 < 20 ms")
    if p99 >= 20:
        explain("SQL tay (d)", query, [sample[0][0], sample[0][0]])


def measure(label: str) -> None:
    from django.db.models import Max, Min

    from motcua.core.timezone import to_local
    from motcua.reports.models import DossierFact
    from motcua.reports.periods import month

    span = DossierFact.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
    first, last = span["first"], span["last"]
    assert first is not None, "no dossier to report on"
    assert last is not None

    middle = to_local(first + (last - first) / 2).date()
    end = to_local(last).date()
    total = DossierFact.objects.count()
    print(
        f"{label}: {total} hồ sơ có số liệu, tiếp nhận từ {to_local(first):%d/%m/%Y} đến {end:%d/%m/%Y}"
    )
    measure_report(month(middle.year, middle.month))
    measure_dashboard(month(end.year, end.month))
    measure_queue()
    measure_lookup()


def generate(label: str) -> None:
    """The demo province without its demo dossiers, then N synthetic dossiers."""
    from django.db import transaction

    from motcua.accounts.models import Agency
    from motcua.demo.calendar_content import demo_calendar_load
    from motcua.demo.management.commands.seed_demo import catalog_loader, summer_hours_agency_code
    from motcua.demo.province import demo_province_load
    from motcua.reports.synthetic import dossiers_generate

    start = time.perf_counter()
    with transaction.atomic():
        summary = demo_province_load(stdout=None)
        summer = Agency.objects.filter(code=summer_hours_agency_code()).first()
        demo_calendar_load(province=summary.province, summer_agency=summer, actor=summary.admin)
        loader = catalog_loader()
        if loader is not None:
            loader(actor=summary.admin)
    seeded = time.perf_counter() - start
    report = dossiers_generate(count=N, seed=SEED, years=YEARS)
    print(
        f"{label}: tỉnh mẫu {seeded:.0f} s; {report.count} hồ sơ giả lập trong "
        f"{report.seconds:.1f} s ({report.rate:.0f} hồ sơ/s)"
    )


def run_one(label: str) -> None:
    from django.test import override_settings

    dummy = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        generate(label)
        measure(label)


def run_existing() -> None:
    """Measure the database at MOTCUA_BENCH_REPORT_DB as it is."""
    if len(sys.argv) > 1 and sys.argv[1] == "--existing":
        import django

        django.setup()
        from django.db import connection

        measure("PostgreSQL" if connection.vendor == "postgresql" else "SQLite")
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": EXISTING}
    command = [sys.executable, __file__, "--existing"]
    subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603 - our own script


if __name__ == "__main__":
    if EXISTING:
        run_existing()
    else:
        main(__file__, run_one)
