"""The dashboard selector (motcua.reports.dashboard): its numbers are timeliness_table's, month by
month, agency by agency; every drill-down lists as many dossiers as the number it came from; the
public rates hide a rate below the minimum sample; the SVG charts are accessible and escaped.

Calendar (tests/reports/histories.py): 07:00–11:30 and 13:30–17:00, Monday to Friday, no holiday
in January–March 2026 in the test world. A 3-working-day dossier received Monday 09:00 is due
Thursday 09:00; received Wednesday 09:00, due Monday 09:00. Months are local: March 2026 is
[1/3 00:00, 1/4 00:00).

`crafted_history` (used by the page tests too), by agency:

UBND xã Hòa An (commune, linear procedure 1.001193, field HT):
  A  received Mon 26/1 09:00, due Thu 29/1 09:00, resolved Mon 2/2 10:00      → late (Feb)
  B  received Mon 2/2 09:00, due Thu 5/2 09:00, resolved Tue 3/2 10:00        → early (Feb)
  C  received Mon 23/2 09:00, due Thu 26/2 09:00, resolved Thu 26/2 08:00     → on time (Feb)
  D  received Wed 25/2 09:00, due Mon 2/3 09:00, still in process             → overdue from 2/3
  E  received Mon 9/3 09:00 online, resolved Tue 10/3 10:00                   → early (Mar)
  F  received Mon 9/3 09:00 by post, due Thu 12/3 09:00, resolved 12/3 10:00  → late (Mar)
  G  received Mon 30/3 09:00, due Thu 2/4 09:00, still in process             → in time at 1/4
  H  received Mon 2/3 09:00, due Thu 5/3 09:00, withdrawn Mon 9/3 10:00       → stopped late (Mar)
Công an tỉnh (procedure 1.004194, field CT) and its sub-unit PC06:
  P1 police, received Mon 9/3 09:00, resolved Tue 10/3 10:00                  → early
  P2 PC06,   received Mon 9/3 09:00, resolved Thu 12/3 10:00                  → late
  P3 police, received Mon 9/3 09:00, resolved Thu 12/3 08:00                  → on time
"""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from motcua.accounts.models import Agency
from motcua.catalog.models import Field, Procedure
from motcua.core.errors import NotFound
from motcua.dossiers.models import Channel
from motcua.reports import charts
from motcua.reports.dashboard import (
    DERIVED_FIGURES,
    MONTH_FIGURES,
    dashboard_data,
    drilldown_facts,
    month_series,
    months_ending,
    public_rates,
    row_agency_ids,
)
from motcua.reports.periods import month, quarter
from motcua.reports.scope import ReportScope, report_filter
from motcua.reports.timeliness import FIGURES, TimelinessRow, timeliness_table
from tests.dossiers.builders import World, build_world
from tests.reports.histories import (
    AT_POLICE,
    AT_POLICE_UNIT,
    PoliceWorld,
    day_at,
    import_lines,
    in_process,
    police_world,
    processed,
    withdrawn,
)

ALL = ReportScope(None)
JANUARY, FEBRUARY, MARCH = month(2026, 1), month(2026, 2), month(2026, 3)


def crafted_history(world: World) -> PoliceWorld:
    """The dossiers of the module docstring (the police desk and PC06 are created here)."""
    police = police_world(world)
    import_lines(
        processed(day_at(2026, 1, 26, 9), day_at(2026, 2, 2, 10)),  # A
        processed(day_at(2026, 2, 2, 9), day_at(2026, 2, 3, 10)),  # B
        processed(day_at(2026, 2, 23, 9), day_at(2026, 2, 26, 8)),  # C
        in_process(day_at(2026, 2, 25, 9)),  # D
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10), channel="online"),  # E
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10), channel="postal"),  # F
        in_process(day_at(2026, 3, 30, 9)),  # G
        withdrawn(day_at(2026, 3, 2, 9), day_at(2026, 3, 9, 10)),  # H
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10), **AT_POLICE),  # P1
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10), **AT_POLICE_UNIT),  # P2
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 8), **AT_POLICE),  # P3
    )
    return police


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def police(world: World) -> PoliceWorld:
    return crafted_history(world)


def commune_filter(world: World):
    return report_filter(scope=ALL, agency=world.commune)


def province_filter(world: World):
    return report_filter(scope=ALL, agency=world.commune.parent)


def test_months_ending_crosses_the_year():
    periods = months_ending(MARCH.last, 5)
    assert [p.token for p in periods] == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]


def test_month_series_by_hand(world, police):
    points = month_series(report=commune_filter(world), last=MARCH.last, months=3)
    assert [p.period for p in points] == [JANUARY, FEBRUARY, MARCH]
    jan, feb, mar = points
    # January: A received; open and past its due (29/1) at 1/2 00:00 → 1 late of 1 to process.
    assert (jan.received, jan.resolved, jan.resolved_late) == (1, 0, 0)
    assert jan.row["in_process_overdue"] == 1
    assert jan.on_time_rate == Decimal("0.00")  # 100 − 1/1
    # February: A carried over; B, C, D received; A, B, C resolved (A late); D due 2/3 not
    # overdue at 1/3 → late 1 of 4 to process → on time 100 − 25 = 75.
    assert (feb.row["carried_over"], feb.received, feb.resolved, feb.resolved_late) == (1, 3, 3, 1)
    assert feb.row["in_process_overdue"] == 0
    assert feb.on_time_rate == Decimal("75.00")
    # March: D carried over; E, F, G, H received; E, F resolved (F late); H stopped late; D
    # overdue at 1/4 → late 1 + 1 + 1 = 3 of 1 + 4 = 5 → on time 100 − 60 = 40.
    assert (mar.row["carried_over"], mar.received, mar.resolved, mar.resolved_late) == (1, 4, 2, 1)
    assert (mar.row["stopped_late"], mar.row["in_process_overdue"]) == (1, 1)
    assert mar.on_time_rate == Decimal("40.00")


@pytest.mark.parametrize("scope_of", ["commune", "province", "police"])
def test_month_series_equals_timeliness_table(world, police, scope_of):
    """Each month of the series counts what timeliness_table counts for that month alone."""
    agency = {"commune": world.commune, "province": world.commune.parent, "police": world.police}
    report = report_filter(scope=ALL, agency=agency[scope_of])
    points = month_series(report=report, last=MARCH.last, months=4)
    assert len(points) == 4
    for point in points:
        total = timeliness_table(report=report, period=point.period, group_by="none").total
        assert point.row.counts == {code: total[code] for code in MONTH_FIGURES}
        assert point.on_time_rate == total.on_time_rate


def test_month_series_respects_the_filter(world, police):
    online = report_filter(scope=ALL, channel=Channel.ONLINE)
    (mar,) = month_series(report=online, last=MARCH.last, months=1)
    assert (mar.received, mar.resolved) == (1, 1)  # E only


def test_dashboard_data_is_timeliness_table(world, police):
    report = province_filter(world)
    data = dashboard_data(report=report, period=MARCH)
    table = timeliness_table(report=report, period=MARCH, group_by="agency")
    assert data.total.counts == table.total.counts
    assert [(r.key, r.counts) for r in data.rows] == [(r.key, r.counts) for r in table.rows]
    # Rows under the province: Công an tỉnh (rolling up PC06) and the commune, by code.
    assert [r.key for r in data.rows] == [world.police.code, world.commune.code]
    police_row = data.rows[0]
    assert (police_row["received"], police_row["resolved"], police_row["resolved_late"]) == (
        3,
        3,
        1,
    )
    assert data.months[-1].period == MARCH
    assert len(data.months) == 12
    # The last month of the series is the period's total (a month period).
    assert data.months[-1].row.counts == {code: data.total[code] for code in MONTH_FIGURES}


def test_dashboard_of_a_quarter_ends_the_series_with_its_last_month(world, police):
    data = dashboard_data(report=commune_filter(world), period=quarter(2026, 1), months=3)
    assert [p.period for p in data.months] == [JANUARY, FEBRUARY, MARCH]
    # Q1 for the commune: A..H received (8), resolved A, B, C, E, F (5), late A, F (2).
    assert (data.total["received"], data.total["resolved"], data.total["resolved_late"]) == (
        8,
        5,
        2,
    )


def test_channel_split(world, police):
    data = dashboard_data(report=commune_filter(world), period=MARCH, months=1)
    # March at the commune: G, H at the counter; E online; F by post → 2, 1, 1 of 4.
    split = {c.figure: (c.count, c.share) for c in data.channels}
    assert split == {
        "received_counter": (2, Decimal("50.00")),
        "received_online": (1, Decimal("25.00")),
        "received_postal": (1, Decimal("25.00")),
    }


def _figure_codes() -> list[str]:
    return [f.code for f in FIGURES] + list(DERIVED_FIGURES)


def _value(row: TimelinessRow, figure: str) -> int:
    return getattr(row, figure) if figure in DERIVED_FIGURES else row[figure]


@pytest.mark.parametrize(
    ("period", "units"),
    [(FEBRUARY, 1), (MARCH, 3), (quarter(2026, 1), 3)],  # the police has dossiers in March only
    ids=["2026-02", "2026-03", "2026-Q1"],
)
def test_drilldown_counts_equal_every_figure_of_every_agency_row(world, police, period, units):
    report = province_filter(world)
    table = timeliness_table(report=report, period=period, group_by="agency")
    agencies = {a.code: a for a in Agency.objects.all()}
    checked = 0
    for figure in _figure_codes():
        total = drilldown_facts(report=report, period=period, figure=figure).count()
        assert total == _value(table.total, figure), figure
        for row in table.rows:
            ids = row_agency_ids(report=report, agency=agencies[row.key])
            facts = drilldown_facts(report=report, period=period, figure=figure, agency_ids=ids)
            assert facts.count() == _value(row, figure), (figure, row.key)
            for unit in row.children:
                own = row_agency_ids(report=report, agency=agencies[unit.key], own=True)
                facts = drilldown_facts(report=report, period=period, figure=figure, agency_ids=own)
                assert facts.count() == _value(unit, figure), (figure, unit.key)
                checked += 1
    assert checked == len(_figure_codes()) * units  # police (own), PC06, commune


@pytest.mark.parametrize("group_by", ["field", "procedure", "channel"])
def test_drilldown_counts_equal_every_figure_by_group(world, police, group_by):
    report = report_filter(scope=ALL)
    table = timeliness_table(report=report, period=MARCH, group_by=group_by)
    assert table.rows
    for row in table.rows:
        field = Field.objects.get(code=row.key) if group_by == "field" else None
        procedure = Procedure.objects.get(code=row.key) if group_by == "procedure" else None
        channel = Channel(row.key) if group_by == "channel" else None
        for figure in _figure_codes():
            facts = drilldown_facts(report=report, period=MARCH, figure=figure, field=field,
                                    procedure=procedure, channel=channel)  # fmt: skip
            assert facts.count() == _value(row, figure), (figure, row.key)


def test_derived_drilldown_lists_the_union(world, police):
    report = commune_filter(world)
    facts = drilldown_facts(report=report, period=MARCH, figure="late")
    # March, commune: D (in process, overdue at 1/4), F (resolved late), H (stopped late).
    assert facts.count() == 3
    to_process = drilldown_facts(report=report, period=MARCH, figure="to_process")
    assert to_process.count() == 5  # D carried over + E, F, G, H received


def test_row_outside_the_filter_is_not_found(world, police):
    with pytest.raises(NotFound):
        row_agency_ids(report=commune_filter(world), agency=world.police)


def test_public_rates(world, police):
    rates = public_rates(period=MARCH, min_sample=3)
    by_name = {r.name: r for r in rates.rows}
    assert list(by_name) == ["Công an tỉnh", "UBND xã Hòa An"]  # by name
    # Công an tỉnh with PC06: P1 early, P3 on time, P2 late → 2 of 3 = 66.67%.
    police_rate = by_name["Công an tỉnh"]
    assert (police_rate.resolved, police_rate.in_time, police_rate.late) == (3, 2, 1)
    assert police_rate.rate == Decimal("66.67")
    assert police_rate.enough
    # The commune resolved E (early) and F (late): 2 < 3 → no rate.
    commune = by_name["UBND xã Hòa An"]
    assert (commune.resolved, commune.in_time, commune.late) == (2, 1, 1)
    assert (commune.rate, commune.enough) == (None, False)
    # The province: 5 resolved, 3 early or on time → 60%.
    assert (rates.total.resolved, rates.total.in_time, rates.total.rate) == (5, 3, Decimal("60.00"))
    # With a sample of 2 the commune gets its rate: 1 of 2.
    lower = {r.name: r for r in public_rates(period=MARCH, min_sample=2).rows}
    assert lower["UBND xã Hòa An"].rate == Decimal("50.00")


# --- Charts --------------------------------------------------------------------------------------


def test_monthly_chart_is_an_accessible_svg(world, police):
    points = month_series(report=commune_filter(world), last=MARCH.last, months=3)
    svg = str(charts.monthly_chart(points, chart_id="m"))
    assert svg.startswith('<svg class="chart chart--months"')
    assert 'role="img"' in svg
    assert 'aria-labelledby="m-title m-desc"' in svg
    assert re.search(r'<title id="m-title">[^<]+</title><desc id="m-desc">[^<]+</desc>', svg)
    assert "style=" not in svg
    # Three months: a received bar, a resolved (in time) bar and a late part each.
    assert svg.count("chart__bar--received") == 3
    assert svg.count("chart__bar--late") == 3
    # The on-time line joins January (0%), February (75%) and March (40%).
    assert svg.count("<circle") == 3
    assert svg.count("<polyline") == 1
    assert "1/26" in svg
    assert "3/26" in svg


def test_agency_chart_escapes_names_and_marks_low_rates():
    rows = [
        TimelinessRow("X", "<script>alert(1)</script>", {"received": 10, "resolved_late": 5}),
        TimelinessRow("Y", "Sở Tư pháp", {"received": 4}),
        TimelinessRow("Z", "Không có hồ sơ", {}),
        TimelinessRow("W", "UBND xã Hòa An", {"received": 3, "resolved_late": 1}),
    ]
    with translation.override("vi"):
        svg = str(charts.agency_rate_chart(rows, chart_id="a"))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    # X: late 5 of 10 → 50% (a low bar); Y: 100%; Z: nothing to process, no bar; W: late 1 of 3
    # → 100 − 33.33 = 66.67%, shown rounded half up to one decimal with a Vietnamese comma.
    assert svg.count("chart__bar--rate") == 3
    assert svg.count("chart__bar--low") == 2
    assert "50,0%" in svg
    assert "100,0%" in svg
    assert "66,7%" in svg
    assert "style=" not in svg


def test_channel_chart_widths_follow_the_shares(world, police):
    data = dashboard_data(report=commune_filter(world), period=MARCH, months=1)
    svg = str(charts.channel_chart(data.channels, chart_id="c"))
    # The plot is 720 − 16 = 704 wide: 2/4 → 352, 1/4 → 176 each.
    widths = re.findall(r'class="chart__seg chart__seg--\d" x="[\d.]+" y="8" width="([\d.]+)"', svg)
    assert widths == ["352", "176", "176"]


def test_nice_scale():
    assert charts.nice_scale(0) == (1, 1)
    assert charts.nice_scale(7) == (8, 2)  # rough step 1.75 → 2; 7 → 8
    assert charts.nice_scale(100) == (100, 50)  # rough step 25 → 50
    assert charts.nice_scale(101) == (150, 50)
