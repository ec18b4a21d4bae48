"""PAKN reads: the staff queue (scope, order, clocks derived when read), the public list (no
personal data, search, filters) and the sender's own."""

import dataclasses
import datetime as dt
from dataclasses import replace

import pytest

from motcua.dossiers.deadlines import Standing
from motcua.feedback import services as fb
from motcua.feedback.clocks import Step
from motcua.feedback.models import (
    Feedback,
    FeedbackKind,
    FeedbackStatus,
    FeedbackSubject,
    ReactionValue,
)
from motcua.feedback.selectors import (
    FeedbackFilters,
    PublicAnswer,
    feedback_clock,
    feedback_counts,
    feedback_for_sender,
    feedback_list_for_sender,
    feedback_published_get,
    feedback_published_list,
    feedback_queue,
    feedback_rows,
    public_answers,
)
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import MONDAY_9AM, at, receive
from tests.feedback.factories import SENDER, send

MON = MONDAY_9AM.date()


def days(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def publish(feedback: Feedback, officer, *, answer: str = "Đã chấn chỉnh.") -> Feedback:
    feedback = fb.feedback_accept(feedback=feedback, actor=officer)
    feedback = fb.feedback_answer(feedback=feedback, actor=officer, answer=answer, public=True)
    return fb.feedback_publish(feedback=feedback, actor=officer)


# --- Clocks derived on read -------------------------------------------------------------------


def test_in_time_then_due_soon_then_overdue(world) -> None:
    feedback = send()  # classify due Wednesday 09:00 (16 working hours, threshold 4 h)
    assert feedback_clock(feedback, at=at(MON, 10)).standing is Standing.IN_TIME
    assert feedback_clock(feedback, at=at(days(1), 14, 59)).standing is Standing.IN_TIME
    due_soon = feedback_clock(feedback, at=at(days(1), 15))  # 4 working hours left
    assert due_soon.standing is Standing.DUE_SOON
    assert due_soon.step is Step.CLASSIFY
    assert due_soon.due_at == at(days(2), 9)
    assert feedback_clock(feedback, at=at(days(2), 9, 1)).standing is Standing.OVERDUE
    # Nothing is stored: the row did not change.
    assert Feedback.objects.filter(pk=feedback.pk, updated_at=feedback.updated_at).exists()


def test_waiting_for_the_sender_and_closed_pakn_have_no_running_clock(
    world, province_officer
) -> None:
    feedback = fb.feedback_accept(feedback=send(), actor=province_officer)
    assert feedback_clock(feedback).step is Step.ANSWER
    feedback = fb.feedback_request_info(feedback=feedback, actor=province_officer, request="?")
    waiting = feedback_clock(feedback, at=at(days(30), 9))
    assert waiting.standing is None
    assert waiting.badge == "paused"
    refused = fb.feedback_refuse(feedback=send(), actor=province_officer, reason="Tố cáo.")
    assert feedback_clock(refused, at=at(days(30), 9)).standing is None


# --- The staff queue -------------------------------------------------------------------------


def test_the_queue_holds_the_officers_agency_soonest_due_first(
    world, clock, province_officer
) -> None:
    at_commune = send(dossier=receive(world), last4="5678")
    clock.move_to(at(MON, 10))
    older = send()  # province, classify due Wednesday 09:00
    clock.move_to(at(MON, 11))
    newer = send()  # province, classify due Wednesday 11:00
    accepted = fb.feedback_accept(feedback=send(), actor=province_officer)  # due in 15 days
    assert list(feedback_queue(actor=province_officer)) == [older, newer, accepted]
    assert list(feedback_queue(actor=world.specialist)) == [at_commune]
    assert list(feedback_queue(actor=world.police_specialist)) == []


def test_overdue_is_a_filter_computed_from_now(world, clock, province_officer) -> None:
    early = send()
    clock.move_to(at(days(1), 16))
    late = send()
    now = at(days(2), 10)
    overdue = feedback_queue(actor=province_officer, filters=FeedbackFilters(overdue_only=True),
                             at=now)  # fmt: skip
    assert list(overdue) == [early]
    assert feedback_counts(actor=province_officer, at=now) == {"open": 2, "overdue": 1}
    rows = feedback_rows(feedback_queue(actor=province_officer), at=now)
    assert [(row.feedback, row.clock.standing) for row in rows] == [
        (early, Standing.OVERDUE),
        (late, Standing.IN_TIME),
    ]


def test_queue_filters(world, province_officer) -> None:
    first = send(
        title="Phí chứng thực quá cao",
        subject=FeedbackSubject.REGULATION,
        kind=FeedbackKind.PETITION,
    )
    second = send()
    fb.feedback_refuse(feedback=second, actor=province_officer, reason="Khiếu nại.")
    queue = lambda **kw: list(feedback_queue(actor=province_officer, filters=FeedbackFilters(**kw)))  # noqa: E731
    assert queue(text="chứng thực") == [first]
    assert queue(text=first.code) == [first]
    assert queue(text="0987654321") == [first, second]
    assert queue(subject=FeedbackSubject.REGULATION) == [first]
    assert queue(kind=FeedbackKind.PETITION) == [first]
    assert queue(status=FeedbackStatus.REFUSED) == [second]
    assert queue(open_only=True) == [first]


# --- Published answers ---------------------------------------------------------------------


def test_the_public_list_holds_published_answers_without_personal_data(
    world, province_officer
) -> None:
    shown = publish(send(title="Thời gian chờ"), province_officer)
    fb.feedback_accept(feedback=send(title="Chưa trả lời"), actor=province_officer)
    rows = public_answers(feedback_published_list())
    assert [row.code for row in rows] == [shown.code]
    fields = {field.name for field in dataclasses.fields(PublicAnswer)}
    assert not fields & {"sender_name", "sender_address", "sender_phone", "sender_email"}
    values = " ".join(str(value) for value in dataclasses.astuple(rows[0]))
    for personal in (SENDER.name, SENDER.address, "0987654321", SENDER.email):
        assert personal not in values


def test_the_public_content_is_what_the_agency_published(world, province_officer) -> None:
    feedback = fb.feedback_accept(
        feedback=send(content="Tôi là Trần Thị Mai, số 0987654321, phải chờ hai giờ."),
        actor=province_officer,
    )
    feedback = fb.feedback_answer(feedback=feedback, actor=province_officer, answer="A",
                                  public=True)  # fmt: skip
    fb.feedback_publish(feedback=feedback, actor=province_officer,
                        public_content="Người gửi phải chờ hai giờ.")  # fmt: skip
    answer = feedback_published_get(code=feedback.code)
    assert answer is not None
    assert answer.content == "Người gửi phải chờ hai giờ."


def test_public_search_and_filters(world, province_officer) -> None:
    fee = publish(send(title="Lệ phí chứng thực", subject=FeedbackSubject.REGULATION), province_officer,
                  answer="Mức lệ phí theo Thông tư của Bộ Tài chính.")  # fmt: skip
    wait = publish(send(dossier=receive(world), last4="5678"), world.leader)
    assert [r.code for r in public_answers(feedback_published_list(text="lệ phí"))] == [fee.code]
    assert [r.code for r in public_answers(feedback_published_list(text="Bộ Tài chính"))] == [
        fee.code
    ]
    by_agency = feedback_published_list(agency=world.commune.code)
    assert [r.code for r in public_answers(by_agency)] == [wait.code]
    by_subject = feedback_published_list(subject=FeedbackSubject.REGULATION)
    assert [r.code for r in public_answers(by_subject)] == [fee.code]


def test_reaction_counts_come_with_the_rows(world, province_officer) -> None:
    feedback = publish(send(), province_officer)
    for value in ("like", "like", "dislike"):
        fb.feedback_react(feedback=feedback, value=ReactionValue(value), actor=CitizenFactory())
    answer = feedback_published_get(code=feedback.code)
    assert answer is not None
    assert (answer.likes, answer.dislikes) == (2, 1)
    assert feedback_published_get(code=send().code) is None  # not published


# --- The sender's own ------------------------------------------------------------------------


def test_the_sender_sees_their_own_by_account_or_phone_digits(world) -> None:
    citizen = CitizenFactory()
    mine = send(actor=citizen)
    other = send(sender=replace(SENDER, phone="0912000111"))
    assert list(feedback_list_for_sender(account=citizen)) == [mine]
    assert feedback_for_sender(code=mine.code, account=citizen) == mine
    assert feedback_for_sender(code=other.code, account=citizen) is None
    assert feedback_for_sender(code=other.code, last4="0111") == other
    assert feedback_for_sender(code=other.code, last4="4321") is None
    assert feedback_for_sender(code="PAKN-000000-0000", last4="0111") is None


@pytest.mark.parametrize("status", [FeedbackStatus.RECEIVED, FeedbackStatus.ACCEPTED])
def test_unpublished_pakn_are_not_in_the_public_list(world, province_officer, status) -> None:
    feedback = send()
    if status == FeedbackStatus.ACCEPTED:
        fb.feedback_accept(feedback=feedback, actor=province_officer)
    assert not feedback_published_list().exists()
