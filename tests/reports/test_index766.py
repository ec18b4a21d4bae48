"""The Decision 766 service index (`motcua.reports.index766`) on a crafted first quarter of 2026:
every numerator, denominator and point below is worked out by hand, and every drill-down lists
exactly as many rows as the number it explains.

The world (tests/dossiers/builders): UBND xã Hòa An executes Đăng ký khai sinh (1.001193, full
online, 3 working days: received Monday 09:00, due Thursday 09:00) and 1.001194 (full online);
both were decided on 20/6/2025. Added here: three procedures of Sở Tư pháp and one of the commune
whose decisions fall in the quarter (indicators 1.1, 1.2)."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from motcua.accounts.models import Agency
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.catalog.specs import LegalBasis
from motcua.dossiers.models import Dossier, RatingChannel
from motcua.dossiers.ratings import dossier_rate
from motcua.feedback.models import (
    Feedback,
    FeedbackChannel,
    FeedbackKind,
    FeedbackSubject,
    ReactionValue,
)
from motcua.feedback.services import (
    SenderInput,
    feedback_accept,
    feedback_answer,
    feedback_publish,
    feedback_react,
    feedback_request_info,
    feedback_submit,
)
from motcua.reports.index766 import (
    GROUPS,
    INDICATOR_BY_CODE,
    INDICATORS,
    IndicatorResult,
    IndicatorUnknown,
    Kind,
    Part,
    Status,
    index766_drilldown,
    index766_table,
)
from motcua.reports.models import DossierFact
from motcua.reports.periods import quarter
from motcua.reports.scope import ReportScope, report_filter
from motcua.workflow.services import dossier_accept, dossier_approve, dossier_forward
from tests.accounts.factories import CitizenFactory
from tests.catalog.builders import JUSTICE, birth_registration
from tests.dossiers.builders import World, build_world, scan, submit_online
from tests.reports.histories import day_at, ev, import_lines, in_process, line, processed

Q1 = quarter(2026, 1)
NOW = day_at(2026, 11, 2, 9)  # long after the quarter: C = E
SENDER = SenderInput(name="Trần Thị Mai", address="Xã Hòa An", phone="0987654321")
COMMUNE = "000.01.31.H99"


@pytest.fixture
def world(db) -> World:
    return build_world()


def publish(code: str, *, agency: str, decided: dt.date, effective: dt.date | None,
            national: dt.date | None, valid_from: dt.date, online: str = "none",
            eligible: bool = False) -> None:  # fmt: skip
    spec = birth_registration(
        code=code, name=f"Thủ tục {code}", executing_agency_codes=(agency,),
        levels=("province",) if agency == JUSTICE else ("commune",),
        decision_date=decided, national_db_published_on=national,
        legal_bases=(LegalBasis("Nghị định mới", effective),),
        online_level=online, method_online=online != "none", full_online_eligible=eligible,
    )  # fmt: skip
    procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=valid_from, actor=None
    )


def catalog() -> None:
    """P1 Sở Tư pháp: decided Mon 2/2, its legal basis in force Tue 10/2 (5 working days before:
    Tue 3/2) → on time; in the national database Fri 6/2 ≤ Mon 9/2 (2/2 + 5 WD) → on time;
    partial online, not eligible for full online (its highest level).
    P2 Sở Tư pháp: decided Thu 5/3, legal basis from Tue 10/3 (5 WD before: Tue 3/3) → late;
    never entered in the national database, due Thu 12/3 → late; partial online though eligible
    for full online.
    P3 commune: decided Mon 30/3, legal basis from Wed 15/4 (5 WD before: Wed 8/4) → on time; its
    national-database due Mon 6/4 is after the quarter; in force only from 15/4.
    P4 Sở Tư pháp: decided Thu 15/1, legal basis without a date (not judged for 1.1); in the
    national database Fri 30/1, after its due Thu 22/1 → late; no online service."""
    publish(
        "2.000001",
        agency=JUSTICE,
        decided=dt.date(2026, 2, 2),
        effective=dt.date(2026, 2, 10),
        national=dt.date(2026, 2, 6),
        valid_from=dt.date(2026, 2, 10),
        online="partial",
    )
    publish(
        "2.000002",
        agency=JUSTICE,
        decided=dt.date(2026, 3, 5),
        effective=dt.date(2026, 3, 10),
        national=None,
        valid_from=dt.date(2026, 3, 10),
        online="partial",
        eligible=True,
    )
    publish(
        "2.000003",
        agency=COMMUNE,
        decided=dt.date(2026, 3, 30),
        effective=dt.date(2026, 4, 15),
        national=dt.date(2026, 4, 1),
        valid_from=dt.date(2026, 4, 15),
        online="full",
    )
    publish("2.000004", agency=JUSTICE, decided=dt.date(2026, 1, 15), effective=None,
            national=dt.date(2026, 1, 30), valid_from=dt.date(2026, 2, 1))  # fmt: skip


def with_payment(*, online: bool) -> dict[str, object]:
    """Received Mon 9/3 09:00, a fee of 50,000 đ paid (online or not), result Tue 10/3 09:00."""
    return line(day_at(2026, 3, 9, 9), status="result_ready", events=[
        ev("forward", day_at(2026, 3, 9, 9, 30), to_step="tham-dinh"),
        ev("request_payment", day_at(2026, 3, 9, 10), data={"amount": 50000}),
        ev("confirm_payment", day_at(2026, 3, 9, 11), data={"amount": 50000, "online": online}),
        ev("forward", day_at(2026, 3, 9, 14), to_step="phe-duyet"),
        ev("approve", day_at(2026, 3, 10, 9), to_step="tra-ket-qua"),
    ])  # fmt: skip


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


def waiting_for_supplement() -> dict[str, object]:
    return line(day_at(2026, 3, 23, 9), status="supplement_requested", events=[
        ev("forward", day_at(2026, 3, 23, 9, 30), to_step="tham-dinh"),
        ev("request_supplement", day_at(2026, 3, 23, 10), note="Thiếu giấy"),
    ])  # fmt: skip


def withdrawn() -> dict[str, object]:
    return line(day_at(2026, 3, 9, 9), status="stopped", events=[
        ev("request_withdrawal", day_at(2026, 3, 9, 10)),
        ev("stop", day_at(2026, 3, 9, 11)),
    ])  # fmt: skip


STORED = [
    {"code": "to-khai", "originals": 1, "digitised": True, "reused": True},
    {"code": "giay-chung-sinh", "originals": 1, "from_store": True},
]


def send(world: World, *, received: dt.datetime, subject: FeedbackSubject,
         dossier: Dossier | None = None, repeat_of: Feedback | None = None) -> Feedback:  # fmt: skip
    """A PAKN received by telephone: linked to a commune dossier, or to the commune's procedure
    (routed to the commune, its only executing agency)."""
    return feedback_submit(
        kind=FeedbackKind.FEEDBACK, subject=subject, title="Phản ánh", content="Nội dung",
        sender=SENDER, actor=world.desk_officer, channel=FeedbackChannel.HOTLINE,
        dossier_code=dossier.display_code if dossier is not None else "",
        procedure=None if dossier is not None else world.linear.procedure,
        repeat_of_code=repeat_of.code if repeat_of is not None else "",
        received_at=received, at=received,
    )  # fmt: skip


@pytest.fixture
def history(world: World) -> dict[str, Dossier]:
    return crafted_quarter(world)


def crafted_quarter(world: World) -> dict[str, Dossier]:
    """The first quarter of 2026 described in the comments below (also used by the page tests in
    tests/backoffice/test_report_scoring_pages.py)."""
    catalog()
    lines = {
        "d1": processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10), channel="online",
                        returned=day_at(2026, 3, 10, 11), method="electronic",
                        components=STORED),  # early, e-result, digitised, reused, from the store
        "d2": processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 8), channel="online"),  # on time
        "d3": processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10),
                        returned=day_at(2026, 3, 12, 11)),  # late
        "d4": two_supplements(),  # early by law, late for 766 (two requests)
        "d5": with_payment(online=True),
        "d6": with_payment(online=False),
        "d7": in_process(day_at(2026, 3, 23, 9)),  # due Thu 26/3 09:00: overdue at the end
        "d8": in_process(day_at(2026, 3, 31, 9)),  # due Fri 3/4: in time at the end
        "d9": waiting_for_supplement(),  # paused since Mon 23/3 10:00, before its due
        "d11": withdrawn(),  # stopped Mon 9/3 11:00
    }  # fmt: skip
    names = list(lines)
    imported = import_lines(*lines.values())
    by_code = {str(d.code): d for d in imported}
    # Codes number a day's lines in order; d7 and d9 are both received on 23/3 (d7 first).
    ordered = sorted(by_code)
    day9 = [by_code[c] for c in ordered if "-260309-" in c]
    day23 = [by_code[c] for c in ordered if "-260323-" in c]
    day31 = [by_code[c] for c in ordered if "-260331-" in c]
    found: dict[str, Dossier] = dict(
        zip(["d1", "d2", "d3", "d4", "d5", "d6", "d11"], day9, strict=True)
    )
    found.update(zip(["d7", "d9"], day23, strict=True))
    found["d8"] = day31[0]
    assert set(found) == set(names)
    (found["J1"],) = import_lines(
        processed(day_at(2026, 3, 10, 9), day_at(2026, 3, 10, 10), procedure="2.000001",
                  desk_code="mot-cua-so-tp", agency_code=JUSTICE, code=f"{JUSTICE}-260310-0001"),
    )  # fmt: skip
    # d14: filed online by a citizen whose account is verified with VNeID, accepted Mon 16/3
    # 09:30, result with a file at 15:00 the same day: early, e-result.
    citizen = CitizenFactory(identity_verified_at=day_at(2026, 1, 5, 9))
    d14 = submit_online(world, account=citizen, when=day_at(2026, 3, 16, 9))
    d14 = dossier_accept(dossier=d14, actor=world.desk_officer, at=day_at(2026, 3, 16, 9, 30))
    d14 = dossier_forward(dossier=d14, actor=world.desk_officer, at=day_at(2026, 3, 16, 10))
    d14 = dossier_forward(dossier=d14, actor=world.specialist, at=day_at(2026, 3, 16, 14))
    found["d14"] = dossier_approve(dossier=d14, actor=world.leader, files=[scan("kq.pdf")],
                                   at=day_at(2026, 3, 16, 15))  # fmt: skip
    # d3: rated "not satisfied" on a slip.
    dossier_rate(dossier=found["d3"], satisfied=False, answers={}, channel=RatingChannel.SLIP,
                 actor=world.desk_officer, at=day_at(2026, 3, 13, 9))  # fmt: skip

    # PAKN of the quarter, all at the commune (linked to its dossiers or its procedure).
    s = world.specialist
    # f1 (about d3's handling): accepted within 2 WD, answered within 15 WD: on time.
    f1 = send(world, received=day_at(2026, 3, 13, 9), subject=FeedbackSubject.HANDLING,
              dossier=found["d3"])  # fmt: skip
    f1 = feedback_accept(feedback=f1, actor=s, at=day_at(2026, 3, 13, 10))
    feedback_answer(
        feedback=f1, actor=s, answer="Đã xử lý", public=False, at=day_at(2026, 3, 16, 9)
    )
    # f2 (about d1's handling): received Tue 10/3 09:00, accepted Fri 13/3 (due Thu 12/3): late.
    f2 = send(world, received=day_at(2026, 3, 10, 9), subject=FeedbackSubject.HANDLING,
              dossier=found["d1"])  # fmt: skip
    feedback_accept(feedback=f2, actor=s, at=day_at(2026, 3, 13, 10))
    # f3 (about the rule, on d2): received Fri 20/3, never classified, due Tue 24/3: late.
    send(world, received=day_at(2026, 3, 20, 9), subject=FeedbackSubject.REGULATION,
         dossier=found["d2"])  # fmt: skip
    # f4 (about conduct, on d8): received Tue 31/3 09:00, classification due Thu 2/4: in time.
    send(world, received=day_at(2026, 3, 31, 9), subject=FeedbackSubject.CONDUCT,
         dossier=found["d8"])  # fmt: skip
    # f5 (on the procedure): every step on time, answer published; 2 dislikes, 1 like.
    f5 = send(world, received=day_at(2026, 3, 16, 9), subject=FeedbackSubject.HANDLING)
    f5 = feedback_accept(feedback=f5, actor=s, at=day_at(2026, 3, 16, 10))
    f5 = feedback_answer(feedback=f5, actor=s, answer="Trả lời", public=True,
                         at=day_at(2026, 3, 17, 9))  # fmt: skip
    f5 = feedback_publish(feedback=f5, actor=s, at=day_at(2026, 3, 18, 9))
    for key, value in (("a", ReactionValue.DISLIKE), ("b", ReactionValue.DISLIKE),
                       ("c", ReactionValue.LIKE)):  # fmt: skip
        feedback_react(feedback=f5, value=value, actor=None, session_key=f"session-{key}")
    # f6: the same sender again about f5's matter, handled on time: a repeat.
    f6 = send(world, received=day_at(2026, 3, 20, 9), subject=FeedbackSubject.HANDLING,
              repeat_of=f5)  # fmt: skip
    f6 = feedback_accept(feedback=f6, actor=s, at=day_at(2026, 3, 20, 10))
    feedback_answer(
        feedback=f6, actor=s, answer="Như trước", public=False, at=day_at(2026, 3, 23, 9)
    )
    # f7: received Mon 2/3, more information asked for Tue 10/3 (due Mon 9/3): late.
    f7 = send(world, received=day_at(2026, 3, 2, 9), subject=FeedbackSubject.HANDLING)
    f7 = feedback_accept(feedback=f7, actor=s, at=day_at(2026, 3, 2, 10))
    feedback_request_info(feedback=f7, actor=s, request="Số hồ sơ?", at=day_at(2026, 3, 10, 9))
    return found


def facts(history: dict[str, Dossier]) -> dict[str, DossierFact]:
    return {name: DossierFact.objects.get(dossier=dossier) for name, dossier in history.items()}


def test_the_facts_behind_the_index(history) -> None:
    f = facts(history)
    judged = {name: (fact.end_kind, fact.timeliness_766) for name, fact in f.items()}
    assert judged == {
        "d1": ("result", "early"), "d2": ("result", "on_time"), "d3": ("result", "late"),
        "d4": ("result", "late"), "d5": ("result", "early"), "d6": ("result", "early"),
        "d7": ("", ""), "d8": ("", ""), "d9": ("", ""), "d11": ("stopped", "early"),
        "J1": ("result", "early"), "d14": ("result", "early"),
    }  # fmt: skip
    assert f["d9"].paused_since == day_at(2026, 3, 23, 10)
    assert f["d9"].due_766_at == day_at(2026, 3, 26, 9)
    assert f["d7"].due_766_at == day_at(2026, 3, 26, 9)
    flags = {
        name: (fact.e_result, fact.digitised, fact.reused, fact.from_store, fact.vneid,
               fact.has_fees, fact.paid_online)
        for name, fact in f.items()
        if any((fact.e_result, fact.digitised, fact.reused, fact.from_store, fact.vneid,
                fact.has_fees, fact.paid_online))
    }  # fmt: skip
    assert flags == {
        "d1": (True, True, True, True, False, False, False),
        "d5": (False, False, False, False, False, True, True),
        "d6": (False, False, False, False, False, True, False),
        "d14": (True, True, False, False, True, False, False),  # uploaded online: digitised
    }
    # Working hours, supplement and payment waits subtracted: d1 Mon 09:00–Tue 10:00 = 6 + 3;
    # d2 to Thu 08:00 = 6 + 8 + 8 + 1; d3 to Thu 10:00 = 25; d4 1 + 1 + 5 + 2 (two waits);
    # d5, d6 8 − 1 (payment wait); d14 Mon 09:30–15:00 = 2 + 1.5; J1 1.
    hours = {name: fact.elapsed_hours for name, fact in f.items() if fact.end_kind == "result"}
    assert hours == {
        "d1": Decimal(9), "d2": Decimal(23), "d3": Decimal(25), "d4": Decimal(9),
        "d5": Decimal(7), "d6": Decimal(7), "d14": Decimal("3.5"), "J1": Decimal(1),
    }  # fmt: skip


def table():
    return index766_table(report=report_filter(scope=ReportScope(None)), period=Q1, at=NOW)


def counts(result: IndicatorResult) -> tuple[int | None, int | None, Decimal | None]:
    return (result.numerator, result.denominator, result.points)


def test_province_figures(history) -> None:
    total = table().total
    # 1.1: decided in Q1 with a dated legal basis: P1, P2, P3; on time P1, P3 → 2/3 = 66.67%
    #      → 6 × 66.67 ÷ 100 = 4.00.
    assert counts(total["1.1"]) == (2, 3, Decimal("4.00"))
    # 1.2: national-database due in Q1: P1 (9/2), P2 (12/3), P4 (22/1); on time P1 → 33.33%
    #      → 4 × 33.33 ÷ 100 = 1.33.
    assert counts(total["1.2"]) == (1, 3, Decimal("1.33"))
    # 1.3: in force on 31/3: the commune's two, P1, P2, P4 (P3 from 15/4) → 5/5 → 2.00.
    assert counts(total["1.3"]) == (5, 5, Decimal("2.00"))
    assert total["1.4"].indicator.status is Status.NOT_MEASURABLE
    assert counts(total["1.4"]) == (None, None, None)
    # 2.1: finished in Q1 d1 d2 d3 d4 d5 d6 d11 d14 J1 (9) + open at the end d7 d8 d9 (3) = 12;
    #      within the 766 deadline: d1 d2 d5 d6 d11 d14 J1 + d8, d9 (paused before its due)
    #      = 9 → 75% → 20 × 75 ÷ 100 = 15.00.
    assert counts(total["2.1"]) == (9, 12, Decimal("15.00"))
    # 2.2: resolved d1 d2 d3 d4 d5 d6 d14 J1: (9+23+25+9+7+7+3.5+1) = 84.5 h ÷ 8 ÷ 8 h = 1.32 WD.
    assert (total["2.2"].denominator, total["2.2"].value, total["2.2"].points) == (
        8,
        Decimal("1.32"),
        None,
    )
    # 3.1: highest level among the 5 in force: 1.001193, 1.001194 (full), P1 (partial, not
    #      eligible); P2 (partial but eligible) and P4 (none) not → 3/5 = 60%, ratio only.
    assert counts(total["3.1"]) == (3, 5, None)
    assert total["3.1"].ratio == Decimal("60.00")
    # 3.2: online services 1.001193, 1.001194, P1, P2; with an online dossier in Q1: 1.001193.
    assert counts(total["3.2"]) == (1, 4, None)
    # 3.3: online and resolved: d1, d2, d14; with an e-result d1 (returned electronically), d14
    #      (result file) → 2/3 = 66.67%, ratio only.
    assert counts(total["3.3"]) == (2, 3, None)
    assert total["3.3"].ratio == Decimal("66.67")
    assert total["3.5"].indicator.status is Status.NOT_MEASURABLE
    assert total["3.5b"].indicator.status is Status.NOT_MEASURABLE
    # 3.6: with fees d5, d6; paid online d5 → 50% → 3.00.
    assert counts(total["3.6"]) == (1, 2, Decimal("3.00"))
    # 4.1: procedures with a result in Q1: 1.001193, P1; with an e-result 1.001193 → 3.00.
    assert counts(total["4.1"]) == (1, 2, Decimal("3.00"))
    # Received in Q1: d1–d9, d11, d14, J1 = 12.
    # 4.2: digitised d1, d14 → 16.67% → 4 × 16.67 ÷ 80 = 0.8335 → 0.83.
    assert counts(total["4.2"]) == (2, 12, Decimal("0.83"))
    # 4.3: reused d1 → 2 × 8.33 ÷ 80 = 0.208 → 0.21.
    assert counts(total["4.3"]) == (1, 12, Decimal("0.21"))
    # 4.4: from the store d1 → 4 × 8.33 ÷ 100 = 0.333 → 0.33.
    assert counts(total["4.4"]) == (1, 12, Decimal("0.33"))
    # 4.5a: procedures received 1.001193, P1; with a VNeID dossier 1.001193 → 50% → 1.00.
    assert counts(total["4.5a"]) == (1, 2, Decimal("1.00"))
    # 4.5b: d14 → 2 × 8.33 ÷ 100 = 0.167 → 0.17.
    assert counts(total["4.5b"]) == (1, 12, Decimal("0.17"))
    # 5.2: PAKN f1–f7; late f2 (accepted late), f3 (waiting past its due), f7 (information asked
    #      late) → 4/7 = 57.14% → 6 × 57.14 ÷ 100 = 3.43.
    assert counts(total["5.2"]) == (4, 7, Decimal("3.43"))
    # 5.3: on time f1 f4 f5 f6, minus f5 (2 dislikes > 1 like) and f6 (a repeat) → 2/7 = 28.57%
    #      → 1.71.
    assert counts(total["5.3"]) == (2, 7, Decimal("1.71"))
    assert total["5.3"].details == [("feedback_late", 3), ("disliked", 1), ("repeated", 1)]
    # 5.4: of 2.1's 12, in time 9, minus d1 (a PAKN on its handling) and d8 (one on an
    #      officer's conduct); d2's is about the rule → 7/12 = 58.33% → 6 × 58.33 ÷ 90 = 3.8887
    #      → 3.89. Parts: late d3 d4 d7; with a PAKN d1 d3 d8; dissatisfied d3.
    assert counts(total["5.4"]) == (7, 12, Decimal("3.89"))
    assert total["5.4"].details == [("late", 3), ("pakn", 3), ("dissatisfied", 1)]

    groups = {g.group.number: (g.points, g.measured_max) for g in total.groups}
    assert groups == {
        1: (Decimal("7.33"), Decimal(12)),  # 4.00 + 1.33 + 2.00 of 6 + 4 + 2
        2: (Decimal("15.00"), Decimal(20)),
        3: (Decimal("3.00"), Decimal(6)),
        4: (Decimal("5.54"), Decimal(20)),  # 3.00 + 0.83 + 0.21 + 0.33 + 1.00 + 0.17
        5: (Decimal("9.03"), Decimal(18)),  # 3.43 + 1.71 + 3.89
    }
    # 7.33 + 15.00 + 3.00 + 5.54 + 9.03 = 39.90 of 12 + 20 + 6 + 20 + 18 = 76 measured.
    assert (total.points, total.measured_max) == (Decimal("39.90"), Decimal(76))


def test_agency_rows(history) -> None:
    rows = {row.agency.code: row for row in table().rows if row.agency is not None}
    assert set(rows) == {COMMUNE, JUSTICE}
    justice, commune = rows[JUSTICE], rows[COMMUNE]
    # Sở Tư pháp: 1.1 P1 of P1, P2 → 50% → 3.00; 1.2 P1 of P1, P2, P4 → 1.33; 1.3 P1 P2 P4;
    # 2.1 J1 on time; 3.1 P1 of 3; 3.2 P1, P2 online, no online dossier.
    assert counts(justice["1.1"]) == (1, 2, Decimal("3.00"))
    assert counts(justice["1.2"]) == (1, 3, Decimal("1.33"))
    assert counts(justice["1.3"]) == (3, 3, Decimal("2.00"))
    assert counts(justice["2.1"]) == (1, 1, Decimal("20.00"))
    assert counts(justice["3.1"]) == (1, 3, None)
    assert counts(justice["3.2"]) == (0, 2, None)
    assert counts(justice["5.2"]) == (0, 0, None)  # no PAKN: nothing to score
    # The commune: 1.1 P3 → 6.00; no 1.2 due; 2.1 8 of 11; 4.1 its one procedure with an
    # e-result → 6.00.
    assert counts(commune["1.1"]) == (1, 1, Decimal("6.00"))
    assert counts(commune["1.2"]) == (0, 0, None)
    assert counts(commune["2.1"]) == (8, 11, Decimal("14.55"))  # 72.73% × 20 ÷ 100
    assert counts(commune["4.1"]) == (1, 1, Decimal("6.00"))
    assert counts(commune["5.2"]) == (4, 7, Decimal("3.43"))


def test_a_filter_narrows_everything(history, world) -> None:
    justice = Agency.objects.get(code=JUSTICE)
    only = index766_table(report=report_filter(scope=ReportScope(None), agency=justice),
                          period=Q1, at=NOW).total  # fmt: skip
    assert counts(only["2.1"]) == (1, 1, Decimal("20.00"))
    assert counts(only["5.2"]) == (0, 0, None)
    assert counts(only["1.3"]) == (3, 3, Decimal("2.00"))


def test_every_drilldown_lists_its_number(history) -> None:
    report = report_filter(scope=ReportScope(None))
    result = table()
    justice = Agency.objects.get(code=JUSTICE)
    justice_row = next(r for r in result.rows if r.agency == justice)
    for indicator in INDICATORS:
        if not indicator.measurable:
            with pytest.raises(IndicatorUnknown):
                index766_drilldown(report=report, period=Q1, indicator=indicator.code,
                                   part=Part.NUMERATOR, at=NOW)  # fmt: skip
            continue
        for part in Part:
            listed = index766_drilldown(
                report=report, period=Q1, indicator=indicator.code, part=part, at=NOW
            )
            assert listed.kind is indicator.kind
            assert listed.queryset.count() == getattr(result.total[indicator.code], part.value), (
                indicator.code,
                part,
            )
            own = index766_drilldown(report=report, period=Q1, indicator=indicator.code,
                                     part=part, agency_ids=[justice.pk], at=NOW)  # fmt: skip
            assert own.queryset.count() == getattr(justice_row[indicator.code], part.value), (
                indicator.code,
                part,
            )


def test_drilldown_lists_the_right_rows(history) -> None:
    report = report_filter(scope=ReportScope(None))

    def listed(code: str, part: Part) -> list[Any]:
        return list(index766_drilldown(report=report, period=Q1, indicator=code, part=part,
                                       at=NOW).queryset)  # fmt: skip

    late = {history[n].pk for n in ("d3", "d4", "d7")}
    in_time = {f.dossier_id for f in listed("2.1", Part.NUMERATOR)}
    handled = {f.dossier_id for f in listed("2.1", Part.DENOMINATOR)}
    assert handled - in_time == late
    assert [p.code for p in listed("4.1", Part.DENOMINATOR)] == ["1.001193", "2.000001"]
    decided = sorted(v.procedure.code for v in listed("1.1", Part.NUMERATOR))
    assert decided == ["2.000001", "2.000003"]
    assert {f.subject for f in listed("5.2", Part.DENOMINATOR)} == {
        FeedbackSubject.HANDLING,
        FeedbackSubject.REGULATION,
        FeedbackSubject.CONDUCT,
    }


def test_unknown_indicator() -> None:
    report = report_filter(scope=ReportScope(None))
    with pytest.raises(IndicatorUnknown):
        index766_drilldown(report=report, period=Q1, indicator="9.9", part=Part.NUMERATOR)


def test_queries_are_bounded(history, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(16):
        table()


# --- Rules without the database ----------------------------------------------------------------


def test_points_formula() -> None:
    # 2.1: 20 points, threshold 100%: 75% → 15; 5.4: 6 points, threshold 90%: 90% → 6, 95% →
    # capped at 6; 4.2: 4 points, threshold 80%: 40% → 2.
    assert IndicatorResult(INDICATOR_BY_CODE["2.1"], 3, 4).points == Decimal("15.00")
    assert IndicatorResult(INDICATOR_BY_CODE["5.4"], 9, 10).points == Decimal("6.00")
    assert IndicatorResult(INDICATOR_BY_CODE["5.4"], 19, 20).points == Decimal("6.00")
    assert IndicatorResult(INDICATOR_BY_CODE["4.2"], 2, 5).points == Decimal("2.00")
    assert IndicatorResult(INDICATOR_BY_CODE["4.2"], 0, 0).points is None
    assert IndicatorResult(INDICATOR_BY_CODE["3.1"], 4, 5).points is None  # ratio only


def test_definitions() -> None:
    # Group maxima as Decision 766 gives them (100 in all); the listed indicators' maxima leave
    # group 3's 12 online points unsplit and group 4 two points short (domain §9).
    assert sum(g.max_points for g in GROUPS) == 100
    listed = {g.number: sum((i.max_points or 0) for i in INDICATORS if i.group == g.number)
              for g in GROUPS}  # fmt: skip
    assert listed == {1: 18, 2: 20, 3: 10, 4: 20, 5: 18}
    assert {i.code for i in INDICATORS if i.status is Status.NOT_MEASURABLE} == {
        "1.4",
        "3.5",
        "3.5b",
    }
    assert all(i.kind is not None for i in INDICATORS if i.measurable)
    assert INDICATOR_BY_CODE["4.1"].kind is Kind.PROCEDURES
    formula = INDICATOR_BY_CODE["5.4"].formula
    assert "min(6, tỷ lệ × 6 ÷ 90%)" in formula
