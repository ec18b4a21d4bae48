"""Officer monthly evaluation, on dossiers processed through the real workflow services (an import
records no handlers). Linear procedure: tiep-nhan 2 h → tham-dinh 14 h → phe-duyet 4 h →
tra-ket-qua 4 h; inter: … tham-dinh 8 h → cong-an 4 h (police) → phe-duyet 6 h. Office hours
07:00–11:30, 13:30–17:00. Hand-computed visits (March 2026):

D1 received Mon 9/3 09:00 by the desk officer; forwarded 10:00 to the specialist (reception 1 h);
   forwarded by the specialist Tue 16:00 with no handler named (appraisal 1.5 + 3.5 + 4.5 + 2.5 =
   12 h of 14); approved by the leader Wed 10:00 (approval 1 + 3 = 4 h of 4: on time, nobody
   assigned — the leader's action ended it); returned by the desk officer Thu 09:00 (return step
   1.5 + 3.5 + 2 = 7 h: not judged).
D2 received Mon 16/3 09:00; to specialist2 at 09:30 (0.5 h); specialist2 sends it back at 14:00
   (appraisal 2 + 0.5 = 2.5 h, on time, sent back); the desk officer forwards again at 15:00 (1 h);
   specialist2 forwards Fri 20/3 10:00 (appraisal 2 + 8 + 8 + 8 + 3 = 29 h of 14: late); the
   leader approves at 11:00 (1 h).
D3 received Tue 17/3 09:00; to the specialist at 09:30 (0.5 h); the specialist asks for a
   supplement at 10:00 (still open: no visit of theirs ended).
D4 inter-agency, received Wed 18/3 09:00; to the specialist at 09:30 (0.5 h); to the police
   specialist at 10:30 (appraisal 1 h of 8); the police forward at 16:30 (1 + 3 = 4 h of 4).
"""

from decimal import Decimal

import pytest

from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.reports.officers import (
    OfficerRow,
    officer_dossier_ids,
    officer_evaluation,
    officer_own_evaluation,
)
from motcua.reports.periods import month
from motcua.reports.scope import ReportScope, report_filter, report_scope
from motcua.workflow.services import (
    dossier_approve,
    dossier_forward,
    dossier_request_supplement,
    dossier_return,
    dossier_send_back,
)
from tests.dossiers.builders import World, build_world, receive_dossier, scan
from tests.reports.histories import day_at

MARCH = month(2026, 3)


def officer_history(w: World) -> None:
    """D1–D4 of the module's docstring, through the workflow services."""
    d1 = receive_dossier(w, when=day_at(2026, 3, 9, 9))
    d1 = dossier_forward(
        dossier=d1, actor=w.desk_officer, handler=w.specialist, at=day_at(2026, 3, 9, 10)
    )
    d1 = dossier_forward(dossier=d1, actor=w.specialist, at=day_at(2026, 3, 10, 16))
    d1 = dossier_approve(
        dossier=d1, actor=w.leader, files=[scan("kq.pdf")], at=day_at(2026, 3, 11, 10)
    )
    dossier_return(
        dossier=d1,
        actor=w.desk_officer,
        method=ReturnMethod.COUNTER,
        received_by_name="Nguyễn Văn Bình",
        received_by_id_number="001090012345",
        at=day_at(2026, 3, 12, 9),
    )

    d2 = receive_dossier(w, when=day_at(2026, 3, 16, 9))
    d2 = dossier_forward(
        dossier=d2, actor=w.desk_officer, handler=w.specialist2, at=day_at(2026, 3, 16, 9, 30)
    )
    d2 = dossier_send_back(
        dossier=d2, actor=w.specialist2, note="Thiếu chữ ký người khai", at=day_at(2026, 3, 16, 14)
    )
    d2 = dossier_forward(
        dossier=d2, actor=w.desk_officer, handler=w.specialist2, at=day_at(2026, 3, 16, 15)
    )
    d2 = dossier_forward(dossier=d2, actor=w.specialist2, at=day_at(2026, 3, 20, 10))
    dossier_approve(dossier=d2, actor=w.leader, files=[scan("kq.pdf")], at=day_at(2026, 3, 20, 11))

    d3 = receive_dossier(w, when=day_at(2026, 3, 17, 9))
    d3 = dossier_forward(
        dossier=d3, actor=w.desk_officer, handler=w.specialist, at=day_at(2026, 3, 17, 9, 30)
    )
    dossier_request_supplement(
        dossier=d3,
        actor=w.specialist,
        items=[("to-khai", "Bản rõ nét hơn")],
        reason="Tờ khai bị mờ",
        at=day_at(2026, 3, 17, 10),
    )

    d4 = receive_dossier(w, when=day_at(2026, 3, 18, 9), variant=w.inter_variant)
    d4 = dossier_forward(
        dossier=d4, actor=w.desk_officer, handler=w.specialist, at=day_at(2026, 3, 18, 9, 30)
    )
    d4 = dossier_forward(
        dossier=d4, actor=w.specialist, handler=w.police_specialist, at=day_at(2026, 3, 18, 10, 30)
    )
    dossier_forward(dossier=d4, actor=w.police_specialist, at=day_at(2026, 3, 18, 16, 30))


@pytest.fixture
def world(db):
    w = build_world()
    officer_history(w)
    return w


def figures(row: OfficerRow):
    return (
        row.officer.username, row.visits, row.judged, row.on_time, row.late, row.on_time_rate,
        row.sent_back, row.supplements, row.average_hours, row.dossiers,
    )  # fmt: skip


POLICE = ("chuyenvien.congan", 1, 1, 1, 0, Decimal("100.00"), 0, 0, Decimal("4.00"), 1)
# Appraisals of D1 (12 h) and D4 (1 h): mean 6.5 h; one supplement request (D3).
SPECIALIST = ("chuyenvien.hoaan", 2, 2, 2, 0, Decimal("100.00"), 0, 1, Decimal("6.50"), 2)
# D2: 2.5 h (sent back, within 14 h) and 29 h (late): 1/2 = 50%, mean (2.5 + 29) / 2 = 15.75 h.
SPECIALIST2 = ("chuyenvien2.hoaan", 2, 2, 1, 1, Decimal("50.00"), 1, 0, Decimal("15.75"), 1)
# Approvals of D1 (4 h of 4) and D2 (1 h): mean 2.5 h; nobody was assigned, the leader ended them.
LEADER = ("lanhdao.hoaan", 2, 2, 2, 0, Decimal("100.00"), 0, 0, Decimal("2.50"), 2)
# Receptions 1 + 0.5 + 1 + 0.5 + 0.5 = 3.5 h over 5 judged visits = 0.7 h; D1's return visit
# (7 h) is handled but not judged; dossiers D1–D4.
DESK = ("tiepnhan.hoaan", 6, 5, 5, 0, Decimal("100.00"), 0, 0, Decimal("0.70"), 4)


def test_every_officer_of_the_province_by_name(world):
    rows = officer_evaluation(report=report_filter(scope=ReportScope(None)), period=MARCH)
    # By full name: Chuyenvien Congan, Chuyenvien Hoaan, Chuyenvien2 Hoaan, Lanhdao…, Tiepnhan….
    assert [figures(r) for r in rows] == [POLICE, SPECIALIST, SPECIALIST2, LEADER, DESK]
    assert [a.code for a in rows[0].agencies] == ["000.00.41.H99"]
    assert rows[2].used_hours == Decimal("31.50")  # 2.5 + 29


def test_a_leader_sees_the_officers_of_their_agency(world):
    scope = report_scope(actor=world.leader, on=MARCH.last)
    rows = officer_evaluation(report=report_filter(scope=scope), period=MARCH)
    # The police specialist's visit was at Công an tỉnh, outside the commune.
    assert [figures(r) for r in rows] == [SPECIALIST, SPECIALIST2, LEADER, DESK]


def test_one_officer_and_the_own_row(world):
    report = report_filter(scope=ReportScope(None))
    assert [figures(r) for r in officer_evaluation(report=report, period=MARCH,
                                                   user=world.specialist2)] == [SPECIALIST2]  # fmt: skip
    assert figures(officer_own_evaluation(actor=world.police_specialist, period=MARCH)) == POLICE
    # Nothing in April: a row of zeros, no rate.
    idle = officer_own_evaluation(actor=world.specialist, period=month(2026, 4))
    assert figures(idle) == ("chuyenvien.hoaan", 0, 0, 0, 0, None, 0, 0, None, 0)


def test_drill_down_rows_name_the_dossiers(world):
    report = report_filter(scope=ReportScope(None))
    d1, d2, d3, d4 = Dossier.objects.order_by("received_at")

    def dossiers(officer, figure):
        rows = officer_dossier_ids(report=report, period=MARCH, officer=officer, figure=figure)
        return sorted(row.dossier_id for row in rows)

    assert dossiers(world.specialist2, "late") == [d2.pk]
    assert dossiers(world.specialist2, "sent_back") == [d2.pk]
    assert dossiers(world.specialist, "supplements") == [d3.pk]
    assert dossiers(world.desk_officer, "visits") == [d1.pk, d1.pk, d2.pk, d2.pk, d3.pk, d4.pk]


def test_a_fixed_number_of_queries(world, django_assert_num_queries):
    report = report_filter(scope=ReportScope(None))
    # Visits grouped by officer, their agencies, supplement requests, users, agencies.
    with django_assert_num_queries(5):
        officer_evaluation(report=report, period=MARCH)
