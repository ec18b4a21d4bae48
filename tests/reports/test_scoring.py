"""Circular 01/2018/TT-VPCP Article 13 scoring (`motcua.reports.scoring`) on crafted histories:
every point below is worked out by hand from the rules in the module's docstring.

The world (tests/dossiers/builders): UBND xã Hòa An (commune) executes two procedures, both full
online and neither "4 tại chỗ"; Đăng ký khai sinh takes 3 working days, so a dossier received
Monday 09:00 is due Thursday 09:00. Sở Tư pháp (a department) gets one procedure of its own here,
flagged "4 tại chỗ" and not online."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Feedback, FeedbackChannel, FeedbackKind, FeedbackSubject
from motcua.feedback.services import (
    SenderInput,
    feedback_accept,
    feedback_answer,
    feedback_submit,
)
from motcua.reports.models import DossierFact
from motcua.reports.periods import quarter
from motcua.reports.scope import ReportScope, report_filter
from motcua.reports.scoring import (
    AGENCY_BAND_LOWEST,
    STAFF_FULL,
    STAFF_LESS,
    STAFF_MOST,
    UnitIndicator,
    _indicator8,
    _indicator9,
    agency_band,
    average,
    circular01_dossier_points,
    circular01_scores,
    circular01_staff,
    staff_band,
)
from motcua.workflow.services import dossier_approve, dossier_forward, dossier_send_back
from tests.catalog.builders import JUSTICE, birth_registration
from tests.dossiers.builders import JULY, World, build_world, receive, scan
from tests.reports.histories import day_at, ev, import_lines, in_process, line, processed

Q1 = quarter(2026, 1)
EVERYTHING = ReportScope(None)
SENDER = SenderInput(name="Trần Thị Mai", address="Xã Hòa An", phone="0987654321")


@pytest.fixture
def world(db) -> World:
    return build_world()


def points(dossier: Dossier) -> dict[int, int]:
    return circular01_dossier_points(DossierFact.objects.get(dossier=dossier))


def pakn(
    world: World,
    dossier: Dossier,
    subject: FeedbackSubject,
    *,
    received: dt.datetime,
    accepted: dt.datetime | None = None,
    answered: dt.datetime | None = None,
) -> Feedback:
    """A PAKN about `dossier` received by telephone, then accepted and answered if given."""
    feedback = feedback_submit(
        kind=FeedbackKind.FEEDBACK, subject=subject, title="Phản ánh", content="Nội dung",
        sender=SENDER, actor=world.desk_officer, channel=FeedbackChannel.HOTLINE,
        dossier_code=dossier.display_code, received_at=received, at=received,
    )  # fmt: skip
    if accepted is not None:
        feedback = feedback_accept(feedback=feedback, actor=world.specialist, at=accepted)
    if answered is not None:
        feedback = feedback_answer(
            feedback=feedback, actor=world.specialist, answer="Đã xử lý", public=False, at=answered
        )
    return feedback


def one_supplement(**extra: Any) -> dict[str, Any]:
    """Received Mon 9/3 09:00, one supplement request (Mon 10:00 → Tue 10:00), result Wed."""
    return line(day_at(2026, 3, 9, 9), status="returned", events=[
        ev("forward", day_at(2026, 3, 9, 9, 30), to_step="tham-dinh"),
        ev("request_supplement", day_at(2026, 3, 9, 10), note="Thiếu giấy chứng sinh"),
        ev("receive_supplement", day_at(2026, 3, 10, 10)),
        ev("forward", day_at(2026, 3, 10, 14), to_step="phe-duyet"),
        ev("approve", day_at(2026, 3, 11, 9), to_step="tra-ket-qua"),
        ev("return_result", day_at(2026, 3, 11, 10)),
    ], **extra)  # fmt: skip


def two_supplements() -> dict[str, object]:
    return line(day_at(2026, 3, 9, 9), status="result_ready", events=[
        ev("forward", day_at(2026, 3, 9, 9, 30), to_step="tham-dinh"),
        ev("request_supplement", day_at(2026, 3, 9, 10), note="Thiếu giấy"),
        ev("receive_supplement", day_at(2026, 3, 11, 10)),
        ev("request_supplement", day_at(2026, 3, 11, 11), note="Thiếu giấy nữa"),
        ev("receive_supplement", day_at(2026, 3, 12, 10)),
        ev("forward", day_at(2026, 3, 12, 14), to_step="phe-duyet"),
        ev("approve", day_at(2026, 3, 13, 9), to_step="tra-ket-qua"),
    ])  # fmt: skip


def refused() -> dict[str, object]:
    return line(day_at(2026, 3, 9, 9), status="result_ready", events=[
        ev("forward", day_at(2026, 3, 9, 9, 30), to_step="tham-dinh"),
        ev("refuse_result", day_at(2026, 3, 10, 9), note="Không đủ điều kiện"),
    ], result={"kind": "refused", "number": "2/TB"})  # fmt: skip


def withdrawn() -> dict[str, object]:
    return line(day_at(2026, 3, 9, 9), status="stopped", events=[
        ev("request_withdrawal", day_at(2026, 3, 9, 10)),
        ev("stop", day_at(2026, 3, 9, 11)),
    ])  # fmt: skip


def justice_procedure() -> None:
    """Sở Tư pháp's own procedure: "4 tại chỗ", no online service (province level)."""
    spec = birth_registration(
        code="2.000635", name="Cấp bản sao trích lục", executing_agency_codes=(JUSTICE,),
        levels=("province",), four_at_desk=True, online_level="none", method_online=False,
    )  # fmt: skip
    procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=JULY, actor=None
    )


@pytest.fixture
def history(world: World) -> dict[str, Dossier]:
    """Commune dossiers of March 2026, and one of Sở Tư pháp. The facts the points depend on are
    checked in `test_the_facts_behind_the_points` (the deadline engine decides them)."""
    justice_procedure()
    names = "ABCDEFRGHI"
    dossiers = import_lines(
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10)),  # A early, counter
        processed(day_at(2026, 3, 9, 16, 20), day_at(2026, 3, 9, 18), channel="online"),  # B
        one_supplement(channel="online",
                       returned={"method": "post", "tracking_number": "EB1", "to_name": "An"}),  # C
        two_supplements(),  # D
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10), returned=day_at(2026, 3, 12, 11)),  # E late
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 8), returned=day_at(2026, 3, 12, 9),
                  method="electronic", channel="online"),  # F on time
        refused(),  # R refused after appraisal, early
        withdrawn(),  # G stopped: not scored
        processed(day_at(2026, 3, 30, 9), day_at(2026, 4, 1, 10)),  # H finished in Q2
        in_process(day_at(2026, 3, 31, 9)),  # I still open
    )  # fmt: skip
    by_code = {str(d.code): d for d in dossiers}
    # Codes number the lines of a day in order, so sorted codes follow the lines.
    result = dict(zip(names, [by_code[code] for code in sorted(by_code)], strict=True))
    (justice_dossier,) = import_lines(
        processed(day_at(2026, 3, 10, 9), day_at(2026, 3, 10, 10), procedure="2.000635",
                  desk_code="mot-cua-so-tp", agency_code=JUSTICE,
                  code=f"{JUSTICE}-260310-0001"),
    )  # fmt: skip
    result["J"] = justice_dossier
    # B: a complaint about an officer's conduct, accepted and answered: substantiated.
    pakn(world, result["B"], FeedbackSubject.CONDUCT, received=day_at(2026, 3, 10, 8),
         accepted=day_at(2026, 3, 10, 9), answered=day_at(2026, 3, 11, 9))  # fmt: skip
    # A: a conduct complaint never accepted: not substantiated.
    pakn(world, result["A"], FeedbackSubject.CONDUCT, received=day_at(2026, 3, 10, 8))
    # E: about the handling, accepted Mon 9/3 15:00, answer due 15 working days later (Mon 30/3
    # 15:00), answered Tue 31/3: late.
    pakn(world, result["E"], FeedbackSubject.HANDLING, received=day_at(2026, 3, 9, 14),
         accepted=day_at(2026, 3, 9, 15), answered=day_at(2026, 3, 31, 9))  # fmt: skip
    return result


def test_the_facts_behind_the_points(history) -> None:
    """What the deadline engine decided for each dossier (timeliness, every agency's share,
    supplements, channel, return), i.e. the inputs of the hand computation below."""
    wanted = {
        # (timeliness, all steps early, agencies over their share, supplements, channel, return)
        "A": ("early", False, 0, 0, "counter", ""),
        "B": ("early", True, 0, 0, "online", ""),
        "C": ("early", False, 0, 1, "online", "post"),
        "D": ("early", False, 0, 2, "counter", ""),
        "E": ("late", False, 1, 0, "counter", "counter"),
        "F": ("on_time", False, 1, 0, "online", "electronic"),
        "R": ("early", False, 0, 0, "counter", ""),
    }
    for name, expected in wanted.items():
        fact = DossierFact.objects.get(dossier=history[name])
        got = (fact.timeliness, fact.agencies_all_early, fact.agencies_late,
               fact.supplement_count, fact.channel, fact.return_method)  # fmt: skip
        assert got == expected, name


def test_points_of_each_dossier(history) -> None:
    # Indicator 1: early 2, on time 1, late 0. Indicator 2: all steps early 2, no agency over
    # its share 1, else 0. Indicator 3: 0 supplements 2, 1 → 1, 2 → 0. Indicator 4: online and
    # not collected at the counter 2, else 1. Indicator 7: substantiated complaint 0, else early
    # 2, on time 1, late 0.
    assert points(history["A"]) == {1: 2, 2: 1, 3: 2, 4: 1, 7: 2}  # unaccepted complaint ignored
    assert points(history["B"]) == {1: 2, 2: 2, 3: 2, 4: 2, 7: 0}  # substantiated complaint
    assert points(history["C"]) == {1: 2, 2: 1, 3: 1, 4: 2, 7: 2}  # online, returned by post
    assert points(history["D"]) == {1: 2, 2: 1, 3: 0, 4: 1, 7: 2}
    assert points(history["E"]) == {1: 0, 2: 0, 3: 2, 4: 1, 7: 0}  # late, no complaint: 0
    assert points(history["F"]) == {1: 1, 2: 0, 3: 2, 4: 2, 7: 1}
    assert points(history["R"]) == {1: 2, 2: 1, 3: 2, 4: 1, 7: 2}


def test_agency_table(history) -> None:
    table = circular01_scores(
        report=report_filter(scope=EVERYTHING), period=Q1, at=day_at(2026, 11, 2, 9)
    )
    justice, commune = table.rows  # by agency code: 000.00.15.H99, 000.01.31.H99
    assert commune.agency.code == "000.01.31.H99"
    # Scored: A B C D E F R (G stopped, H finished 1/4, I open) = 7 dossiers.
    assert commune.dossiers == 7
    # Σ per indicator (A B C D E F R):
    # 1: 2+2+2+2+0+1+2 = 11 → 11/7 = 1.571 → 1.6
    # 2: 1+2+1+1+0+0+1 = 6  → 0.857 → 0.9
    # 3: 2+2+1+0+2+2+2 = 11 → 1.6
    # 4: 1+2+2+1+1+2+1 = 10 → 1.429 → 1.4
    # 7: 2+0+2+2+0+1+2 = 9  → 1.286 → 1.3
    assert commune.sums == {1: 11, 2: 6, 3: 11, 4: 10, 7: 9}
    assert commune.averages == {
        1: Decimal("1.6"), 2: Decimal("0.9"), 3: Decimal("1.6"), 4: Decimal("1.4"),
        7: Decimal("1.3"),
    }  # fmt: skip
    # 5: 0 of its 2 procedures "4 tại chỗ", a commune needs 100% → 0.
    # 6: published electronically → 1.
    # 8: PAKN answers in Q1: B's on time, E's late → 1/2 = 50% → 0.
    # 9: 2/2 procedures online (≥ 20%), received in Q1: A B C D E F R G H I = 10, online B C F
    #    = 3 → 30% (≥ 30%), no online dossier late → 2.
    assert {n: u.points for n, u in commune.unit.items()} == {5: 0, 6: 1, 8: 0, 9: 2}
    # Total 1.6 + 0.9 + 1.6 + 1.4 + 1.3 + 0 + 1 + 0 + 2 = 9.8 → Khá (≥ 9).
    assert commune.total == Decimal("9.8")
    assert commune.band == "Khá"

    assert justice.agency.code == JUSTICE
    # One dossier, early (Tue 10/3 09:00 → 10:00): 2, 1 (its first step ends the same day as its
    # due), 2, 1 (counter), 2 → averages 2.0 1.0 2.0 1.0 2.0 = 8.0.
    assert justice.dossiers == 1
    assert justice.sums == {1: 2, 2: 1, 3: 2, 4: 1, 7: 2}
    # 5: 1/1 "4 tại chỗ" = 100% ≥ 20% (department) → 2; 6: 1; 8: no PAKN → 2; 9: no online
    # procedure, no online dossier → 0. Total 8.0 + 5 = 13.0 → Tốt.
    assert {n: u.points for n, u in justice.unit.items()} == {5: 2, 6: 1, 8: 2, 9: 0}
    assert justice.total == Decimal("13.0")
    assert justice.band == "Tốt"


def test_dossier_points_equal_the_sql_sums(history) -> None:
    table = circular01_scores(report=report_filter(scope=EVERYTHING), period=Q1)
    commune = table.rows[1]
    assert commune.agency.code == "000.01.31.H99"
    facts = DossierFact.objects.filter(agency=commune.agency, dossier_id__in=[
        history[name].pk for name in "ABCDEFR"
    ])  # fmt: skip
    sums = dict.fromkeys((1, 2, 3, 4, 7), 0)
    for fact in facts:
        for n, value in circular01_dossier_points(fact).items():
            sums[n] += value
    assert sums == commune.sums


def test_filter_and_period(history, world) -> None:
    # Only the commune's sub-tree.
    table = circular01_scores(
        report=report_filter(scope=EVERYTHING, agency=world.commune), period=Q1
    )
    assert [r.agency.code for r in table.rows] == ["000.01.31.H99"]
    # Q2: only H (finished Wed 1/4 10:00, received Mon 30/3 → due Thu 2/4: early).
    q2 = circular01_scores(report=report_filter(scope=EVERYTHING), period=quarter(2026, 2))
    assert [(r.agency.code, r.dossiers, r.sums[1]) for r in q2.rows] == [("000.01.31.H99", 1, 2)]


def test_queries_do_not_grow_with_agencies(history, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(6):
        circular01_scores(report=report_filter(scope=EVERYTHING), period=Q1)


# --- Staff -------------------------------------------------------------------------------------


def test_staff_scores(world) -> None:
    # X1: received Mon 09:00 (desk officer), appraisal (specialist), sent back once by the leader
    # (the specialist visits appraisal twice: still one dossier), approved Mon 16:00: early.
    x1 = receive(world, when=day_at(2026, 3, 9, 9))
    x1 = dossier_forward(dossier=x1, actor=world.desk_officer, handler=world.specialist,
                         at=day_at(2026, 3, 9, 10))  # fmt: skip
    x1 = dossier_forward(dossier=x1, actor=world.specialist, handler=world.leader,
                         at=day_at(2026, 3, 9, 11))  # fmt: skip
    x1 = dossier_send_back(
        dossier=x1, actor=world.leader, note="Xem lại", at=day_at(2026, 3, 9, 14)
    )
    x1 = dossier_forward(dossier=x1, actor=world.specialist, handler=world.leader,
                         at=day_at(2026, 3, 9, 15))  # fmt: skip
    dossier_approve(
        dossier=x1, actor=world.leader, files=[scan("kq.pdf")], at=day_at(2026, 3, 9, 16)
    )
    # X2: received Mon 09:30, appraisal by the second specialist until Thu 09:00, approved Thu
    # 10:00: late (due Thu 09:30).
    x2 = receive(world, when=day_at(2026, 3, 9, 9, 30))
    x2 = dossier_forward(dossier=x2, actor=world.desk_officer, handler=world.specialist2,
                         at=day_at(2026, 3, 9, 10))  # fmt: skip
    x2 = dossier_forward(dossier=x2, actor=world.specialist2, handler=world.leader,
                         at=day_at(2026, 3, 12, 9))  # fmt: skip
    dossier_approve(
        dossier=x2, actor=world.leader, files=[scan("kq.pdf")], at=day_at(2026, 3, 12, 10)
    )

    f1, f2 = (DossierFact.objects.get(dossier=d) for d in (x1, x2))
    assert (f1.timeliness, f1.agencies_late, f1.agencies_all_early) == ("early", 0, False)
    assert (f2.timeliness, f2.agencies_late) == ("late", 1)
    # X1: 2 + 1 + 2 + 1 (counter) + 2 = 8; X2: 0 + 0 + 2 + 1 + 0 = 3.
    scores = {s.user.username: s for s in circular01_staff(report=report_filter(scope=EVERYTHING),
                                                           period=Q1)}  # fmt: skip
    assert set(scores) == {world.desk_officer.username, world.specialist.username,
                           world.specialist2.username, world.leader.username}  # fmt: skip
    desk = scores[world.desk_officer.username]
    # X1 and X2: (2+0)/2 = 1.0, (1+0)/2 = 0.5, 2.0, 1.0, (2+0)/2 = 1.0 → 5.5 → 100%.
    assert desk.dossiers == 2
    assert desk.averages == {1: Decimal("1.0"), 2: Decimal("0.5"), 3: Decimal("2.0"),
                             4: Decimal("1.0"), 7: Decimal("1.0")}  # fmt: skip
    assert (desk.score, desk.band) == (Decimal("5.5"), STAFF_FULL)
    leader = scores[world.leader.username]
    assert (leader.dossiers, leader.score) == (2, Decimal("5.5"))
    specialist = scores[world.specialist.username]
    assert (specialist.dossiers, specialist.score, specialist.band) == (
        1,
        Decimal("8.0"),
        STAFF_FULL,
    )
    second = scores[world.specialist2.username]
    assert (second.dossiers, second.score, second.band) == (1, Decimal("3.0"), STAFF_LESS)


# --- Rules without the database ----------------------------------------------------------------


def test_bands() -> None:
    assert [agency_band(Decimal(v)) for v in ("15", "14.9", "12", "9", "6", "5.9")] == [
        "Xuất sắc", "Tốt", "Tốt", "Khá", "Trung bình", AGENCY_BAND_LOWEST,
    ]  # fmt: skip
    assert [staff_band(Decimal(v)) for v in ("5", "4.9", "3.5", "3.4")] == [
        STAFF_FULL, STAFF_MOST, STAFF_MOST, STAFF_LESS,
    ]  # fmt: skip


def test_average_rounds_half_up_to_one_decimal() -> None:
    assert average(1, 4) == Decimal("0.3")  # 0.25 → 0.3
    assert average(2, 3) == Decimal("0.7")  # 0.667
    assert average(0, 0) == Decimal(0)


def test_indicator8_thresholds() -> None:
    assert _indicator8({"total": 10, "on_time": 10}).points == 2
    assert _indicator8({"total": 10, "on_time": 9}).points == 1  # 90%
    assert _indicator8({"total": 1000, "on_time": 899}).points == 0  # 89.9%
    assert _indicator8({}) == UnitIndicator(2, "Không có phản ánh, kiến nghị phải trả lời")


def test_indicator9_thresholds() -> None:
    catalog = {"total": 10, "online": 2}  # 20% of procedures online
    assert _indicator9(catalog, {"received": 10, "online": 3, "online_late": 0}).points == 2
    # One online dossier late: not 2; 30% ≥ 15% → 1.
    assert _indicator9(catalog, {"received": 10, "online": 3, "online_late": 1}).points == 1
    # 19% of procedures online: not 2.
    assert _indicator9({"total": 100, "online": 19},
                       {"received": 10, "online": 3, "online_late": 0}).points == 1  # fmt: skip
    assert _indicator9(catalog, {"received": 20, "online": 3, "online_late": 0}).points == 1  # 15%
    assert _indicator9(catalog, {"received": 100, "online": 14, "online_late": 0}).points == 0
