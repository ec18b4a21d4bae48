"""Units with late dossiers: rates, threshold, minimum sample, sub-units, drill-down, scope.

March 2026; a dossier received Monday 09:00 is due Thursday 09:00 (tests/reports/histories.py).
Late rate = (in process past due at 1/4 00:00 + finished late in March) ÷ (carried over + received).

- UBND xã Hòa An (commune): carried over from February and finished late (1), early (2), late (1),
  overdue at the end (1): 5 to process, 3 late → 3/5 = 60.00%.
- Sở Tư pháp (justice): 4 early, 1 late → 1/5 = 20.00%.
- Công an tỉnh (police): its own 3 early; its sub-unit PC06 2 early, 1 late → 1/6 = 16.67%
  (own 0/3 = 0.00%, PC06 1/3 = 33.33%).
- Sở Xây dựng (construction): 1 late, 1 overdue → 2/2 = 100.00%, a small sample.
"""

from decimal import Decimal

import pytest
from django.test import override_settings

from motcua.accounts.models import AgencyLevel
from motcua.core.errors import NotFound
from motcua.reports.periods import month
from motcua.reports.scope import ReportScope, report_filter, report_scope
from motcua.reports.units import LateUnits, late_unit_facts, late_units, unit_agency_ids
from tests.dossiers.builders import build_world
from tests.reports.histories import (
    AT_POLICE,
    AT_POLICE_UNIT,
    day_at,
    import_lines,
    in_process,
    police_world,
    processed,
)
from tests.reports.unit_histories import received_days, unit

MARCH = month(2026, 3)
MON = day_at(2026, 3, 9, 9)  # due Thu 12/3 09:00
EARLY = day_at(2026, 3, 10, 10)
LATE = day_at(2026, 3, 12, 10)


@pytest.fixture
def world(db):
    world = build_world()
    police_world(world)
    justice = unit(world.justice.code, "Sở Tư pháp", parent=world.justice, procedure="1.900001")
    province = world.commune.parent
    assert province is not None
    construction = unit(
        "000.00.20.H99", "Sở Xây dựng", parent=province, procedure="1.900002",
        level=AgencyLevel.DEPARTMENT,
    )  # fmt: skip
    import_lines(
        # commune
        processed(day_at(2026, 2, 23, 9), day_at(2026, 3, 2, 10)),  # carried over, late
        processed(MON, EARLY),
        processed(MON, LATE),
        processed(day_at(2026, 3, 16, 9), day_at(2026, 3, 17, 10)),
        in_process(day_at(2026, 3, 23, 9)),  # due Thu 26/3 09:00: overdue at the end
        # justice
        *[justice.processed(MON, EARLY) for _ in range(4)],
        justice.processed(MON, LATE),
        # police and its sub-unit
        *[processed(MON, EARLY, **AT_POLICE) for _ in range(3)],
        *[processed(MON, EARLY, **AT_POLICE_UNIT) for _ in range(2)],
        processed(MON, LATE, **AT_POLICE_UNIT),
        # construction
        construction.processed(MON, LATE),
        construction.in_process(day_at(2026, 3, 23, 9)),
    )
    return world


def province_filter(world):
    return report_filter(scope=ReportScope(None), agency=world.commune.parent)


def summary(units):
    return [(u.agency.code, u.to_process, u.late, u.late_rate) for u in units]


COMMUNE = ("000.01.31.H99", 5, 3, Decimal("60.00"))
JUSTICE = ("000.00.15.H99", 5, 1, Decimal("20.00"))
POLICE = ("000.00.41.H99", 6, 1, Decimal("16.67"))  # 1/6 = 16.666…
CONSTRUCTION = ("000.00.20.H99", 2, 2, Decimal("100.00"))


def test_units_at_or_above_the_threshold_worst_first(world):
    result = late_units(
        report=province_filter(world), period=MARCH, threshold=Decimal(10), min_sample=3
    )
    assert isinstance(result, LateUnits)
    assert summary(result.late) == [COMMUNE, JUSTICE, POLICE]
    assert summary(result.below) == []
    # 2 dossiers to process < 3: listed apart, never ranked, whatever its rate.
    assert summary(result.small) == [CONSTRUCTION]
    assert [u.enough for u in result.small] == [False]
    assert result.ranked == 3


def test_the_threshold_is_inclusive(world):
    report = province_filter(world)
    at_20 = late_units(report=report, period=MARCH, threshold=Decimal(20), min_sample=3)
    assert summary(at_20.late) == [COMMUNE, JUSTICE]  # 20.00% ≥ 20%
    assert summary(at_20.below) == [POLICE]
    above = late_units(report=report, period=MARCH, threshold=Decimal("20.01"), min_sample=3)
    assert summary(above.late) == [COMMUNE]
    assert summary(above.below) == [JUSTICE, POLICE]  # 20.00 before 16.67


def test_each_unit_lists_its_sub_units_with_their_own_rates(world):
    result = late_units(report=province_filter(world), period=MARCH, min_sample=3)
    police = result.late[2]
    # Its own dossiers first (0/3), then PC06 (1/3 = 33.33%).
    assert [(c.agency.code, c.to_process, c.late, c.late_rate, c.own) for c in police.children] == [
        ("000.00.41.H99", 3, 0, Decimal("0.00"), True),
        ("000.06.41.H99", 3, 1, Decimal("33.33"), False),
    ]
    assert [c.enough for c in police.children] == [True, True]


def test_minimum_sample_keeps_small_units_out_of_the_ranking(world):
    result = late_units(report=province_filter(world), period=MARCH, min_sample=6)
    assert summary(result.late) == [POLICE]  # 6 ≥ 6; 16.67% ≥ 10%
    # By code: 000.00.15 (justice, 5), 000.00.20 (construction, 2), 000.01.31 (commune, 5).
    assert summary(result.small) == [JUSTICE, CONSTRUCTION, COMMUNE]


@override_settings(MOTCUA_REPORT_MIN_SAMPLE=6, MOTCUA_LATE_UNIT_THRESHOLD="17")
def test_defaults_come_from_the_settings(world):
    result = late_units(report=province_filter(world), period=MARCH)
    assert (result.threshold, result.min_sample) == (Decimal(17), 6)
    assert summary(result.late) == []
    assert summary(result.below) == [POLICE]  # 16.67% < 17%


def test_filter_on_a_unit_lists_its_own_row_and_its_sub_units(world):
    report = report_filter(scope=ReportScope(None), agency=world.police)
    result = late_units(report=report, period=MARCH, threshold=Decimal(10), min_sample=3)
    assert summary(result.late) == [("000.06.41.H99", 3, 1, Decimal("33.33"))]
    assert summary(result.below) == [("000.00.41.H99", 3, 0, Decimal("0.00"))]
    assert result.below[0].own
    assert not result.late[0].own


def test_without_an_agency_the_whole_province_is_one_unit(world):
    result = late_units(report=report_filter(scope=ReportScope(None)), period=MARCH, min_sample=3)
    # 5 + 5 + 6 + 2 = 18 to process; 3 + 1 + 1 + 2 = 7 late; 7/18 = 38.888… → 38.89%.
    assert summary(result.late) == [("000.00.00.H99", 18, 7, Decimal("38.89"))]
    children = result.late[0].children
    # No dossier of the province's own; sub-units by rate: 100, 60, 33.33, 20, 0.
    assert [(c.agency.code, c.late_rate) for c in children] == [
        ("000.00.20.H99", Decimal("100.00")),
        ("000.01.31.H99", Decimal("60.00")),
        ("000.06.41.H99", Decimal("33.33")),
        ("000.00.15.H99", Decimal("20.00")),
        ("000.00.41.H99", Decimal("0.00")),
    ]
    assert [c.enough for c in children] == [False, True, True, True, True]


def test_drill_down_lists_the_dossiers_behind_each_figure(world):
    report = province_filter(world)
    late = late_unit_facts(report=report, period=MARCH, agency=world.police)
    assert [f.agency.code for f in late] == ["000.06.41.H99"]
    assert late_unit_facts(report=report, period=MARCH, agency=world.police, own=True).count() == 0
    to_process = late_unit_facts(
        report=report, period=MARCH, agency=world.police, figure="to_process"
    )
    assert to_process.count() == 6
    commune = late_unit_facts(report=report, period=MARCH, agency=world.commune)
    # Carried over and finished late, late, overdue at the end.
    assert sorted(received_days(commune)) == [9, 23, 23]


def test_scope_limits_the_units_and_hides_the_others(world):
    scope = report_scope(actor=world.leader, on=MARCH.last)  # a leader of the commune
    report = report_filter(scope=scope)
    result = late_units(report=report, period=MARCH, min_sample=3)
    assert summary(result.late) == [COMMUNE]
    assert result.small == ()
    assert result.below == ()
    with pytest.raises(NotFound):
        report_filter(scope=scope, agency=world.justice)
    with pytest.raises(NotFound):
        unit_agency_ids(report=report, agency=world.justice)
