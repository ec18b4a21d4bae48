"""Inter-agency attribution: which agency used more than its budget on late inter-agency dossiers.

The world's `inter` procedure: tiep-nhan 2 h, tham-dinh 8 h, phe-duyet 6 h at the commune (16 h),
cong-an 4 h at Công an tỉnh; 24 working hours, so received Monday 09:00 → due Thursday 09:00.
Office hours 07:00–11:30 (4.5 h) and 13:30–17:00 (3.5 h). Hand-computed visits:

A — the police overran, received Mon 9/3 09:00, approved Thu 12/3 10:00 (late):
    reception 09:00–09:30 = 0.5 h; appraisal 09:30–13:30 = 2 h; police Mon 13:30 → Wed 11/3 16:30
    = 3.5 + 8 + (4.5 + 3) = 19 h (budget 4: over by 15); leader Wed 16:30 → Thu 10:00 = 0.5 + 3
    = 3.5 h. Commune 0.5 + 2 + 3.5 = 6 h of 16; police 19 h of 4.
B — the commune overran, received Mon 16/3 09:00, approved Thu 19/3 11:00 (late):
    reception 0.5 h; appraisal Mon 09:30 → Wed 18/3 16:00 = 5.5 + 8 + 7 = 20.5 h; police Wed 16:00
    → Thu 08:00 = 1 + 1 = 2 h; leader Thu 08:00–11:00 = 3 h. Commune 0.5 + 20.5 + 3 = 24 h of 16
    (over by 8); police 2 h of 4.
C — inter-agency and early (Mon 2/3, done the same day): not late, not counted.
D — linear and late: not inter-agency, not counted.
F — still at the police at the end of March: received Mon 23/3 09:00, appraisal 09:30–10:30
    (1 h), police from Mon 10:30: to 1/4 00:00 = 1 + 3.5 + 6 days × 8 = 52.5 h (over by 48.5);
    due Thu 26/3 09:00, overdue. Commune 0.5 + 1 = 1.5 h of 2 + 8 = 10.
G — at the police at the end of March, back on 2/4: received Tue 24/3 09:00, appraisal
    09:30–10:00 (0.5 h), police Tue 10:00 → (1/4 00:00) = 1.5 + 3.5 + 5 days × 8 = 45 h (over by
    41); due Fri 27/3 09:00, overdue at the end of March; finished late on Thu 2/4 14:00.
"""

from decimal import Decimal

import pytest

from motcua.reports.attribution import Attribution, attribution_report
from motcua.reports.periods import month, quarter
from motcua.reports.scope import ReportScope, report_filter, report_scope
from tests.dossiers.builders import build_world
from tests.reports.histories import day_at, import_lines, inter, processed
from tests.reports.unit_histories import inter_history, received_days

Q1 = quarter(2026, 1)
COMMUNE = "000.01.31.H99"
POLICE = "000.00.41.H99"


def attribution_history() -> None:
    """A, B, C, D, F, G of the module's docstring."""
    import_lines(
        # A: the police overran
        inter(day_at(2026, 3, 9, 9), day_at(2026, 3, 9, 13, 30), day_at(2026, 3, 11, 16, 30),
              day_at(2026, 3, 12, 10)),
        # B: the commune's appraisal overran
        inter(day_at(2026, 3, 16, 9), day_at(2026, 3, 18, 16), day_at(2026, 3, 19, 8),
              day_at(2026, 3, 19, 11)),
        # C: early
        inter(day_at(2026, 3, 2, 9), day_at(2026, 3, 2, 10), day_at(2026, 3, 2, 11),
              day_at(2026, 3, 2, 14)),
        # D: linear, late
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10)),
        # F: at the police at the end of the quarter
        inter_history(day_at(2026, 3, 23, 9), to_police=day_at(2026, 3, 23, 10, 30)),
        # G: at the police at the end of the quarter, finished late in April
        inter_history(day_at(2026, 3, 24, 9), to_police=day_at(2026, 3, 24, 10),
                      from_police=day_at(2026, 4, 2, 10), done=day_at(2026, 4, 2, 14)),
    )  # fmt: skip


@pytest.fixture
def world(db):
    world = build_world()
    attribution_history()
    return world


def agency_rows(part):
    return [
        (r.agency.code, r.dossiers, r.over, r.over_hours, r.budget_hours, r.used_hours, r.is_lead)
        for r in part.agencies
    ]


def shares(dossier):
    return [(s.agency.code, s.budget_hours, s.used_hours, s.over_hours) for s in dossier.agencies]


def test_finished_late_inter_agency_dossiers_by_agency(world):
    result = attribution_report(report=report_filter(scope=ReportScope(None)), period=Q1)
    assert isinstance(result, Attribution)
    finished = result.finished
    assert received_days(finished.dossiers) == [9, 16]  # A, B (C early, D linear)
    a, b = finished.dossiers
    assert shares(a) == [
        (COMMUNE, Decimal(16), Decimal("6.00"), Decimal(0)),
        (POLICE, Decimal(4), Decimal("19.00"), Decimal("15.00")),
    ]
    assert shares(b) == [
        (COMMUNE, Decimal(16), Decimal("24.00"), Decimal("8.00")),
        (POLICE, Decimal(4), Decimal("2.00"), Decimal(0)),
    ]
    # Police: 2 dossiers, over in A by 15 h; 4 + 4 = 8 h budget, 19 + 2 = 21 h used.
    # Commune: 2 dossiers, over in B by 8 h; 16 + 16 = 32 h budget, 6 + 24 = 30 h used.
    assert agency_rows(finished) == [
        (POLICE, 2, 1, Decimal("15.00"), Decimal(8), Decimal("21.00"), False),
        (COMMUNE, 2, 1, Decimal("8.00"), Decimal(32), Decimal("30.00"), True),
    ]
    police = finished.agency(world.police.pk)
    assert police is not None
    assert police.over_ids == [a.dossier_id]
    assert finished.unattributed == 0
    assert a.finished_at is not None
    assert a.lead.code == COMMUNE


def test_open_overdue_at_the_end_measured_to_the_end(world):
    result = attribution_report(report=report_filter(scope=ReportScope(None)), period=Q1)
    opened = result.open
    f, g = opened.dossiers
    assert received_days([f, g]) == [23, 24]
    assert f.finished_at is None
    assert g.finished_at is None  # G finished only in April
    assert shares(f) == [
        (COMMUNE, Decimal(10), Decimal("1.50"), Decimal(0)),
        (POLICE, Decimal(4), Decimal("52.50"), Decimal("48.50")),
    ]
    # G's police visit ended on 2/4: measured to 1/4 00:00, not its stored 56 h.
    assert shares(g) == [
        (COMMUNE, Decimal(10), Decimal("1.00"), Decimal(0)),
        (POLICE, Decimal(4), Decimal("45.00"), Decimal("41.00")),
    ]
    # 48.5 + 41 = 89.5 h over; 52.5 + 45 = 97.5 h used.
    assert agency_rows(opened) == [
        (POLICE, 2, 2, Decimal("89.50"), Decimal(8), Decimal("97.50"), False),
        (COMMUNE, 2, 0, Decimal(0), Decimal(20), Decimal("2.50"), True),
    ]


def test_a_dossier_finished_late_later_counts_in_that_period_with_its_stored_times(world):
    result = attribution_report(
        report=report_filter(scope=ReportScope(None)), period=month(2026, 4)
    )
    (g,) = result.finished.dossiers
    # Police Tue 24/3 10:00 → Thu 2/4 10:00 = 45 + 8 (Wed 1/4) + 3 = 56 h; the commune's reception
    # 0.5 + appraisal 0.5 + leader 10:00–14:00 (1.5 + 0.5 = 2 h) = 3 h of 16.
    assert shares(g) == [
        (COMMUNE, Decimal(16), Decimal("3.00"), Decimal(0)),
        (POLICE, Decimal(4), Decimal("56.00"), Decimal("52.00")),
    ]
    # F is still open and overdue at the end of April.
    assert received_days(result.open.dossiers) == [23]


def test_the_lead_agency_report_counts_only_its_dossiers(world):
    police_leader = report_filter(scope=ReportScope(frozenset({world.police.pk})))
    result = attribution_report(report=police_leader, period=Q1)
    assert result.finished.count == 0
    assert result.open.count == 0
    commune = report_scope(actor=world.leader, on=Q1.last)
    assert attribution_report(report=report_filter(scope=commune), period=Q1).finished.count == 2


def test_queries_do_not_grow_with_the_dossiers(world, django_assert_max_num_queries):
    report = report_filter(scope=ReportScope(None))
    # Facts and visits per part, pauses for the open part, the police calendar (3 queries).
    with django_assert_max_num_queries(8):
        attribution_report(report=report, period=Q1)
