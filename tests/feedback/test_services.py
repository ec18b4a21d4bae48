"""PAKN services: submission (routing, code, clocks in working time, links, sender checks), each
step and its refusal where it does not exist, who may take it, and the sender's messages."""

import datetime as dt
from dataclasses import replace

import pytest
from django.core import mail

from motcua.accounts.models import DeskKind, Role
from motcua.accounts.services import desk_create
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.feedback import services as fb
from motcua.feedback.models import (
    Feedback,
    FeedbackChannel,
    FeedbackEvent,
    FeedbackKind,
    FeedbackReaction,
    FeedbackStatus,
    FeedbackSubject,
    ReactionValue,
)
from motcua.feedback.policies import access_feedback
from motcua.feedback.services import FeedbackStepRefused, SenderInput
from motcua.notifications import backends
from motcua.notifications.models import Notification, NotificationTemplate
from tests.accounts.factories import CitizenFactory
from tests.catalog.builders import JUSTICE, birth_registration
from tests.dossiers.builders import JULY, MONDAY_9AM, at, receive, submit_online
from tests.feedback.factories import SENDER, send, staff

MON = MONDAY_9AM.date()  # Monday 9 March 2026


def days(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


# --- Submission: code, routing, clocks -----------------------------------------------------------


def test_a_pakn_gets_a_code_of_the_local_day_and_the_next_number(world) -> None:
    first, second = send(), send()
    assert first.code == "PAKN-260309-0001"
    assert second.code == "PAKN-260309-0002"
    assert first.status == FeedbackStatus.RECEIVED
    assert first.sender_phone == "0987654321"  # normalised


def test_without_links_it_goes_to_the_province(world, province) -> None:
    feedback = send()
    assert feedback.agency == province
    event = FeedbackEvent.objects.get(feedback=feedback)
    assert event.action == "feedback.received"
    assert event.data["routed_by"] == "province"


def test_a_linked_dossier_routes_to_its_competent_agency(world) -> None:
    dossier = receive(world)
    feedback = send(dossier=dossier, last4="5678")  # the applicant's phone ends 5678
    assert feedback.dossier == dossier
    assert feedback.agency == dossier.agency == world.commune
    assert feedback.procedure == world.linear.procedure


def test_a_procedure_with_one_executing_agency_routes_there(world) -> None:
    feedback = send(procedure=world.linear.procedure, subject=FeedbackSubject.REGULATION)
    assert feedback.agency == world.commune


def test_a_procedure_executed_by_several_agencies_goes_to_the_service_centre(world, province):
    spec = replace(
        birth_registration(),
        code="1.009999",
        executing_agency_codes=(world.commune.code, JUSTICE),
    )
    version = procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=JULY, actor=None
    )
    # No public service centre yet: the province.
    assert send(procedure=version.procedure).agency == province
    desk_create(code="ttphvhcc", name="Trung tâm Phục vụ hành chính công tỉnh",
                kind=DeskKind.SERVICE_CENTRE, host=world.justice, serves=[world.justice],
                actor=None)  # fmt: skip
    assert send(procedure=version.procedure).agency == world.justice


def test_clocks_start_at_receipt_in_working_days(world) -> None:
    feedback = send()  # Monday 09:00
    assert feedback.received_at == MONDAY_9AM == feedback.routed_at
    assert feedback.classify_due_at == at(days(2), 9)  # 16 working hours: Wednesday 09:00
    assert feedback.info_request_due_at == at(days(7), 9)  # 40 working hours: next Monday
    assert feedback.forward_due_at == at(days(7), 9)
    assert feedback.answer_due_at is None  # starts at acceptance


def test_clocks_skip_the_weekend(world, clock) -> None:
    clock.move_to(at(days(4), 16))  # Friday 13 March, 16:00
    feedback = send()
    # Friday 1 h, Monday 8 h, Tuesday 7 h: Tuesday 17 March at 16:00.
    assert feedback.classify_due_at == at(days(8), 16)


def test_clocks_skip_public_holidays(world, clock) -> None:
    clock.move_to(at(dt.date(2026, 4, 28), 9))  # Tuesday 28 April 2026
    feedback = send()
    # 30/4 and 1/5 are days off: Tue 6 h, Wed 8 h, Mon 8 h, Tue 8 h, Wed 8 h, Thu 2 h.
    assert feedback.forward_due_at == at(dt.date(2026, 5, 7), 9)


def test_a_province_may_shorten_a_class_the_shorter_wins(world, settings) -> None:
    settings.MOTCUA_FEEDBACK_WORKING_DAYS_BY_SUBJECT = {"handling": {"classify": 1}}
    assert send(subject=FeedbackSubject.HANDLING).classify_due_at == at(days(1), 9)
    assert send(subject=FeedbackSubject.REGULATION).classify_due_at == at(days(2), 9)
    settings.MOTCUA_FEEDBACK_WORKING_DAYS_BY_SUBJECT = {"handling": {"classify": 9}}
    assert send(subject=FeedbackSubject.HANDLING).classify_due_at == at(days(2), 9)


# --- Submission: sender, links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "sender_name"),
        ({"address": ""}, "sender_address"),
        ({"phone": ""}, "sender_phone"),
        ({"phone": "12345"}, "sender_phone"),
        ({"email": "not-an-address"}, "sender_email"),
    ],
)
def test_name_address_and_a_valid_phone_are_required(world, change, field) -> None:
    with pytest.raises(ValidationFailed) as refused:
        send(sender=replace(SENDER, **change))
    assert refused.value.field == field
    assert not Feedback.objects.exists()


def test_a_landline_is_accepted_as_the_senders_phone(world) -> None:
    feedback = send(sender=replace(SENDER, phone="024 3825 1234"))
    assert feedback.sender_phone == "02438251234"


def test_title_and_content_are_required(world) -> None:
    with pytest.raises(ValidationFailed) as refused:
        send(content="   ")
    assert refused.value.field == "content"


def test_wrong_digits_link_nothing_and_say_the_same_as_an_unknown_code(world) -> None:
    dossier = receive(world)
    with pytest.raises(ValidationFailed) as wrong_digits:
        send(dossier=dossier, last4="0000")
    with pytest.raises(ValidationFailed) as no_digits:
        send(dossier=dossier)
    with pytest.raises(ValidationFailed) as unknown:
        fb.feedback_submit(
            kind=FeedbackKind.FEEDBACK, subject=FeedbackSubject.HANDLING, title="T", content="C", sender=SENDER,
            actor=None, dossier_code="000.00.31.H99-260309-9999", dossier_last4="5678",
        )  # fmt: skip
    assert wrong_digits.value.message == no_digits.value.message == unknown.value.message
    assert wrong_digits.value.field == "dossier_code"
    assert not Feedback.objects.exists()


def test_the_applicants_id_number_digits_link_too(world) -> None:
    dossier = receive(world)  # ID number 001090012345
    assert send(dossier=dossier, last4="2345").dossier == dossier


def test_a_citizen_links_their_own_dossier_by_its_code_alone(world) -> None:
    citizen = CitizenFactory()
    dossier = submit_online(world, account=citizen)
    assert send(dossier=dossier, actor=citizen).dossier == dossier
    # Another citizen needs the digits like anyone else.
    with pytest.raises(ValidationFailed):
        send(dossier=dossier, actor=CitizenFactory())


def test_staff_recording_a_call_link_a_dossier_they_may_see(world) -> None:
    dossier = receive(world)
    feedback = send(
        dossier=dossier,
        actor=world.desk_officer,
        channel=FeedbackChannel.HOTLINE,
        received_at=at(MON, 8, 30),
    )
    assert feedback.dossier == dossier
    assert feedback.received_at == at(MON, 8, 30)
    assert feedback.recorded_by == world.desk_officer
    assert feedback.sender_account is None


def test_only_staff_record_pakn_received_by_phone_or_in_writing(world) -> None:
    with pytest.raises(PermissionDenied):
        send(channel=FeedbackChannel.WRITTEN)
    with pytest.raises(PermissionDenied):
        send(channel=FeedbackChannel.HOTLINE, actor=CitizenFactory())


def test_a_repeat_names_an_earlier_pakn_of_the_same_sender(world) -> None:
    first = send()
    assert send(repeat_of=first).repeat_of == first
    other = replace(SENDER, phone="0912000111")
    with pytest.raises(ValidationFailed) as refused:
        send(sender=other, repeat_of=first)
    assert refused.value.field == "repeat_of_code"


# --- Notifications -----------------------------------------------------------------------------


def test_the_acknowledgement_is_queued_and_sent_only_after_commit(
    world, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        feedback = send()
        rows = Notification.objects.filter(template=NotificationTemplate.FEEDBACK_RECEIVED)
        assert {row.channel for row in rows} == {"sms", "email"}
        assert mail.outbox == []
        assert backends.outbox == []
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["mai@example.com"]]
    assert feedback.code in mail.outbox[0].subject
    assert [sms.recipient for sms in backends.outbox] == ["0987654321"]


def test_the_answer_is_sent_to_the_sender(world, province_officer) -> None:
    feedback = fb.feedback_accept(feedback=send(), actor=province_officer)
    mail.outbox = []
    fb.feedback_answer(feedback=feedback, actor=province_officer, answer="Đã chấn chỉnh.",
                       public=False)  # fmt: skip
    answered = Notification.objects.get(template=NotificationTemplate.FEEDBACK_ANSWERED,
                                        channel="email")  # fmt: skip
    assert "Đã chấn chỉnh." in answered.body
    assert answered.object_id == str(feedback.pk)


# --- Steps ------------------------------------------------------------------------------------


def test_accept_starts_the_answer_clock(world, clock, province_officer) -> None:
    feedback = send()
    clock.move_to(at(MON, 14))
    feedback = fb.feedback_accept(feedback=feedback, actor=province_officer)
    assert feedback.status == FeedbackStatus.ACCEPTED
    assert feedback.accepted_at == at(MON, 14)
    # 15 working days = 120 h from Monday 14:00: Monday 30 March at 14:00.
    assert feedback.answer_due_at == at(days(21), 14)
    event = feedback.events.order_by("sequence").last()
    assert event is not None
    assert event.action == "feedback.accepted"
    assert dt.datetime.fromisoformat(event.data["due_at"]) == feedback.classify_due_at


def test_refuse_needs_a_reason_and_tells_the_sender(world, province_officer) -> None:
    feedback = send()
    with pytest.raises(ValidationFailed) as refused:
        fb.feedback_refuse(feedback=feedback, actor=province_officer, reason=" ")
    assert refused.value.field == "reason"
    reason = "Nội dung là khiếu nại, được giải quyết theo Luật Khiếu nại."
    feedback = fb.feedback_refuse(feedback=feedback, actor=province_officer, reason=reason)
    assert feedback.status == FeedbackStatus.REFUSED
    assert feedback.refusal_reason == reason
    sms = Notification.objects.get(template=NotificationTemplate.FEEDBACK_ANSWERED, channel="sms")
    assert "không được tiếp nhận" in sms.body


def test_forward_restarts_the_clocks_at_the_competent_agency(world, clock, province) -> None:
    desk_officer = world.desk_officer  # the commune's
    feedback = send()
    officer = staff(province, Role.AGENCY_ADMIN)
    clock.move_to(at(days(1), 10))  # Tuesday 10:00
    feedback = fb.feedback_forward(
        feedback=feedback, actor=officer, to_agency=world.commune, reason="Thuộc thẩm quyền xã."
    )
    assert feedback.status == FeedbackStatus.FORWARDED
    assert feedback.agency == world.commune
    assert feedback.forwarded_from == province
    assert feedback.routed_at == at(days(1), 10)
    assert feedback.classify_due_at == at(days(3), 10)
    event = feedback.events.get(action="feedback.forwarded")
    assert event.agency == province
    assert event.data["due_at"] == "2026-03-16T09:00:00+07:00"  # the province's forward due
    # The province may not act any more; the commune may.
    with pytest.raises(PermissionDenied):
        fb.feedback_accept(feedback=feedback, actor=officer)
    assert fb.feedback_accept(feedback=feedback, actor=desk_officer).status == "accepted"


def test_forward_to_the_same_agency_is_refused(world, province, province_officer) -> None:
    with pytest.raises(ValidationFailed) as refused:
        fb.feedback_forward(feedback=send(), actor=province_officer, to_agency=province,
                            reason="?")  # fmt: skip
    assert refused.value.field == "to_agency"


def test_information_asked_and_given_pushes_the_answer_due(world, clock, province_officer) -> None:
    citizen = CitizenFactory()
    feedback = fb.feedback_accept(feedback=send(actor=citizen), actor=province_officer)
    due = feedback.answer_due_at
    assert due is not None
    clock.move_to(at(days(1), 9))  # Tuesday 09:00
    feedback = fb.feedback_request_info(
        feedback=feedback, actor=province_officer, request="Ngày nộp hồ sơ là ngày nào?"
    )
    assert feedback.status == FeedbackStatus.INFO_REQUESTED
    assert Notification.objects.filter(
        template=NotificationTemplate.FEEDBACK_INFO_REQUESTED, recipient="mai@example.com"
    ).exists()
    clock.move_to(at(days(2), 9))  # one working day later
    feedback = fb.feedback_provide_info(feedback=feedback, actor=citizen, text="Ngày 2/3/2026.")
    assert feedback.status == FeedbackStatus.ACCEPTED
    assert feedback.info_provided == "Ngày 2/3/2026."
    assert feedback.answer_due_at == due + dt.timedelta(days=1)  # one working day later


def test_information_is_given_by_phone_digits_or_recorded_by_staff(world, province_officer) -> None:
    feedback = fb.feedback_accept(feedback=send(), actor=province_officer)
    feedback = fb.feedback_request_info(feedback=feedback, actor=province_officer, request="?")
    with pytest.raises(PermissionDenied):
        fb.feedback_provide_info(feedback=feedback, actor=None, text="x", sender_last4="1111")
    with pytest.raises(PermissionDenied):
        fb.feedback_provide_info(feedback=feedback, actor=CitizenFactory(), text="x")
    feedback = fb.feedback_provide_info(
        feedback=feedback, actor=None, text="Bổ sung", sender_last4="4321"
    )
    assert feedback.status == FeedbackStatus.ACCEPTED
    feedback = fb.feedback_request_info(feedback=feedback, actor=province_officer, request="?")
    feedback = fb.feedback_provide_info(
        feedback=feedback, actor=province_officer, text="Người gửi cho biết qua điện thoại."
    )
    assert feedback.info_request_count == 2
    assert feedback.events.filter(action="feedback.info_provided").count() == 2


def test_answer_then_publish_a_public_answer(world, clock, province_officer) -> None:
    feedback = fb.feedback_accept(feedback=send(), actor=province_officer)
    clock.move_to(at(days(3), 15))  # Thursday 15:00
    feedback = fb.feedback_answer(
        feedback=feedback, actor=province_officer, answer="Đã chấn chỉnh.", public=True
    )
    assert feedback.status == FeedbackStatus.ANSWERED
    assert feedback.answered_by == province_officer
    assert feedback.publish_due_at == at(days(7), 15)  # 2 working days: Monday 15:00
    feedback = fb.feedback_publish(
        feedback=feedback, actor=province_officer, public_content="Thời gian chờ quá lâu."
    )
    assert feedback.status == FeedbackStatus.PUBLISHED
    assert feedback.published_at == at(days(3), 15)
    assert feedback.public_content == "Thời gian chờ quá lâu."


def test_an_answer_not_public_cannot_be_published(world, province_officer) -> None:
    feedback = fb.feedback_accept(feedback=send(), actor=province_officer)
    feedback = fb.feedback_answer(feedback=feedback, actor=province_officer, answer="A",
                                  public=False)  # fmt: skip
    assert feedback.publish_due_at is None
    with pytest.raises(FeedbackStepRefused):
        fb.feedback_publish(feedback=feedback, actor=province_officer)


@pytest.mark.parametrize(
    "step",
    [
        lambda f, a: fb.feedback_answer(feedback=f, actor=a, answer="A", public=True),
        lambda f, a: fb.feedback_request_info(feedback=f, actor=a, request="?"),
        lambda f, a: fb.feedback_publish(feedback=f, actor=a),
        lambda f, a: fb.feedback_provide_info(feedback=f, actor=a, text="x"),
    ],
)
def test_steps_that_do_not_exist_from_received_are_refused(world, province_officer, step):
    feedback = send()
    with pytest.raises(FeedbackStepRefused):
        step(feedback, province_officer)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_nothing_follows_a_refusal(world, province_officer) -> None:
    feedback = fb.feedback_refuse(feedback=send(), actor=province_officer, reason="Khiếu nại.")
    with pytest.raises(FeedbackStepRefused):
        fb.feedback_accept(feedback=feedback, actor=province_officer)


def test_a_desk_officer_classifies_but_does_not_answer(world) -> None:
    feedback = send(dossier=receive(world), last4="5678")  # at the commune
    feedback = fb.feedback_accept(feedback=feedback, actor=world.desk_officer)
    with pytest.raises(PermissionDenied):
        fb.feedback_answer(feedback=feedback, actor=world.desk_officer, answer="A", public=False)
    assert (
        fb.feedback_answer(feedback=feedback, actor=world.leader, answer="A", public=False).status
        == FeedbackStatus.ANSWERED
    )


def test_another_agencys_staff_may_neither_see_nor_act(world) -> None:
    feedback = send(dossier=receive(world), last4="5678")  # at the commune
    with pytest.raises(PermissionDenied):
        fb.feedback_accept(feedback=feedback, actor=world.police_specialist)
    with pytest.raises(NotFound):
        access_feedback(world.police_specialist, code=feedback.code)
    assert access_feedback(world.specialist, code=feedback.code) == feedback


def test_province_administrators_see_every_pakn_of_the_province(world, province) -> None:
    feedback = send(dossier=receive(world), last4="5678")
    admin = staff(province, Role.PROVINCE_ADMIN)
    assert access_feedback(admin, code=feedback.code) == feedback
    with pytest.raises(PermissionDenied):  # seeing is not handling
        fb.feedback_accept(feedback=feedback, actor=admin)


def test_citizens_do_not_see_the_back_office_view(world) -> None:
    citizen = CitizenFactory()
    feedback = send(actor=citizen)
    with pytest.raises(NotFound):
        access_feedback(citizen, code=feedback.code)


def test_mark_repeat_names_an_earlier_pakn(world, province_officer) -> None:
    first, second = send(), send(sender=replace(SENDER, phone="0912000111"))
    with pytest.raises(ValidationFailed):
        fb.feedback_mark_repeat(feedback=first, actor=province_officer, repeat_of_code=second.code)
    second = fb.feedback_mark_repeat(
        feedback=second, actor=province_officer, repeat_of_code=first.code.lower()
    )
    assert second.repeat_of == first
    with pytest.raises(FeedbackStepRefused):  # once marked, the step is gone
        fb.feedback_mark_repeat(feedback=second, actor=province_officer, repeat_of_code=first.code)


def test_events_are_append_only(world) -> None:
    event = FeedbackEvent.objects.get(feedback=send())
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


# --- Reactions -------------------------------------------------------------------------------


@pytest.fixture
def published(world, province_officer) -> Feedback:
    feedback = fb.feedback_accept(feedback=send(), actor=province_officer)
    feedback = fb.feedback_answer(feedback=feedback, actor=province_officer, answer="A",
                                  public=True)  # fmt: skip
    return fb.feedback_publish(feedback=feedback, actor=province_officer)


def test_one_reaction_per_account_which_may_change_its_mind(published) -> None:
    reader = CitizenFactory()
    fb.feedback_react(feedback=published, value=ReactionValue.LIKE, actor=reader)
    fb.feedback_react(feedback=published, value=ReactionValue.LIKE, actor=reader)
    assert FeedbackReaction.objects.filter(feedback=published).count() == 1
    fb.feedback_react(feedback=published, value=ReactionValue.DISLIKE, actor=reader)
    assert list(FeedbackReaction.objects.values_list("value", flat=True)) == ["dislike"]
    fb.feedback_react(feedback=published, value=ReactionValue.LIKE, actor=CitizenFactory())
    assert FeedbackReaction.objects.filter(feedback=published).count() == 2


def test_readers_not_logged_in_react_once_per_session(published) -> None:
    for _ in range(3):
        fb.feedback_react(feedback=published, value=ReactionValue.DISLIKE, actor=None,
                          session_key="abc")  # fmt: skip
    fb.feedback_react(feedback=published, value=ReactionValue.LIKE, actor=None, session_key="xyz")
    assert sorted(FeedbackReaction.objects.values_list("session_key", "value")) == [
        ("abc", "dislike"),
        ("xyz", "like"),
    ]
    with pytest.raises(ValidationFailed):
        fb.feedback_react(feedback=published, value=ReactionValue.LIKE, actor=None)


def test_only_published_answers_take_reactions(world) -> None:
    with pytest.raises(NotFound):
        fb.feedback_react(feedback=send(), value=ReactionValue.LIKE, actor=CitizenFactory())


def test_sender_input_is_a_plain_record() -> None:
    assert SenderInput(name="A", address="B", phone="0912345678").email == ""
