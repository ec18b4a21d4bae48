"""The steps of a PAKN at the responsible agency: classify (accept, refuse, forward), ask for and
record more information, answer, publish, mark a repeat."""

import datetime as dt

from django.db import transaction

from motcua.accounts.models import Agency, User
from motcua.calendar.selectors import calendar_for_agency
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.timezone import to_local
from motcua.feedback.clocks import Step, pushed_by_wait, step_due
from motcua.feedback.models import (
    Feedback,
    FeedbackStatus,
)
from motcua.feedback.policies import (
    RULES,
    FeedbackAction,
    last4_matches,
    status_allows,
)
from motcua.feedback.services._common import (
    CONTENT_MAX,
    FeedbackStepRefused,
    _check,
    _lock,
    _notify_sender,
    _now,
    _record,
    _required,
    _set_intake_clocks,
)
from motcua.notifications.models import NotificationTemplate

# --- Classification ----------------------------------------------------------------------------


@transaction.atomic
def feedback_accept(
    *, feedback: Feedback, actor: User, note: str = "", at: dt.datetime | None = None
) -> Feedback:
    """Within the agency's competence: accept it for handling; the answer clock starts."""
    now = _now(at)
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.ACCEPT]
    _check(rule, feedback, actor, at=now)
    before = feedback.status
    calendar = calendar_for_agency(feedback.agency)
    feedback.status = FeedbackStatus.ACCEPTED
    feedback.accepted_at = now
    feedback.answer_due_at = step_due(
        calendar, step=Step.ANSWER, subject=feedback.subject, start=now
    )
    feedback.save(update_fields=["status", "accepted_at", "answer_due_at", "updated_at"])
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=before,
        note=note.strip(),
        data={"due_at": feedback.classify_due_at, "answer_due_at": feedback.answer_due_at},
    )
    return feedback


@transaction.atomic
def feedback_refuse(
    *, feedback: Feedback, actor: User, reason: str, at: dt.datetime | None = None
) -> Feedback:
    """Not accepted (Decree 20/2008 Art 9): e.g. a complaint or a denunciation, which follow their
    own laws, or not about an administrative regulation. The reason is required and sent."""
    now = _now(at)
    reason = _required(reason, field="reason", message="Vui lòng ghi lý do không tiếp nhận.")
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.REFUSE]
    _check(rule, feedback, actor, at=now)
    before = feedback.status
    feedback.status = FeedbackStatus.REFUSED
    feedback.refused_at = now
    feedback.refusal_reason = reason
    feedback.save(update_fields=["status", "refused_at", "refusal_reason", "updated_at"])
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=before,
        note=reason,
        data={"due_at": feedback.classify_due_at},
    )
    _notify_sender(
        feedback,
        template=NotificationTemplate.FEEDBACK_ANSWERED,
        event="refused",
        actor=actor,
        context={"refused": True, "reason": reason},
    )
    return feedback


@transaction.atomic
def feedback_forward(
    *,
    feedback: Feedback,
    actor: User,
    to_agency: Agency,
    reason: str,
    at: dt.datetime | None = None,
) -> Feedback:
    """Outside the agency's competence (or about an officer of another agency): send it to the
    competent agency, which classifies it again; its clocks restart there, with its calendar."""
    now = _now(at)
    reason = _required(reason, field="reason", message="Vui lòng ghi lý do chuyển.")
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.FORWARD]
    _check(rule, feedback, actor, at=now)
    if to_agency.pk == feedback.agency_id:
        raise ValidationFailed(
            "Phản ánh, kiến nghị đang ở cơ quan này; hãy chọn cơ quan khác.",
            code="feedback_same_agency",
            field="to_agency",
        )
    if not to_agency.is_active_on(to_local(now).date()):
        raise ValidationFailed(
            "Cơ quan được chọn không còn hoạt động.", code="agency_inactive", field="to_agency"
        )
    before, origin, due = feedback.status, feedback.agency, feedback.forward_due_at
    feedback.status = FeedbackStatus.FORWARDED
    feedback.forwarded_from = origin
    feedback.agency = to_agency
    feedback.forwarded_at = now
    feedback.forward_count += 1
    _set_intake_clocks(feedback, start=now)
    feedback.save(
        update_fields=[
            "status", "forwarded_from", "agency", "forwarded_at", "forward_count", "routed_at",
            "classify_due_at", "forward_due_at", "info_request_due_at", "updated_at",
        ]
    )  # fmt: skip
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=before,
        agency=origin,
        note=reason,
        data={
            "due_at": due,
            "from_agency": origin.code,
            "to_agency": to_agency.code,
            "classify_due_at": feedback.classify_due_at,
            "forward_due_at": feedback.forward_due_at,
            "info_request_due_at": feedback.info_request_due_at,
        },
    )
    return feedback


# --- More information ------------------------------------------------------------------------


@transaction.atomic
def feedback_request_info(
    *, feedback: Feedback, actor: User, request: str, at: dt.datetime | None = None
) -> Feedback:
    """Ask the sender for more information. The answer clock stands still until it comes."""
    now = _now(at)
    request = _required(
        request, field="request", message="Vui lòng ghi thông tin cần bổ sung.", limit=CONTENT_MAX
    )
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.REQUEST_INFO]
    _check(rule, feedback, actor, at=now)
    before = feedback.status
    feedback.status = FeedbackStatus.INFO_REQUESTED
    feedback.info_requested_at = now
    feedback.info_request = request
    feedback.info_request_count += 1
    feedback.save(
        update_fields=[
            "status", "info_requested_at", "info_request", "info_request_count", "updated_at"
        ]
    )  # fmt: skip
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=before,
        note=request,
        data={"due_at": feedback.info_request_due_at, "number": feedback.info_request_count},
    )
    _notify_sender(
        feedback,
        template=NotificationTemplate.FEEDBACK_INFO_REQUESTED,
        event=f"info_requested:{feedback.info_request_count}",
        actor=actor,
        context={"info_request": request},
    )
    return feedback


@transaction.atomic
def feedback_provide_info(
    *,
    feedback: Feedback,
    actor: User | None,
    text: str,
    sender_last4: str = "",
    at: dt.datetime | None = None,
) -> Feedback:
    """The information the agency asked for: added by the sender (their account, or anyone who
    gives the last four digits of the sender's phone), or recorded by a member of the agency
    (received by telephone or in writing, or "no answer" once the sender let it wait). The answer
    clock resumes with the working time it had left."""
    now = _now(at)
    text = _required(
        text, field="text", message="Vui lòng nhập thông tin bổ sung.", limit=CONTENT_MAX
    )
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.PROVIDE_INFO]
    if not status_allows(rule, feedback):
        raise FeedbackStepRefused(
            "Phản ánh, kiến nghị này không chờ bổ sung thông tin.",
            details={"action": rule.action.value, "status": feedback.status},
        )
    if not last4_matches(feedback.sender_phone, sender_last4):
        if actor is None or not actor.is_authenticated:
            raise PermissionDenied(
                "Vui lòng nhập đúng 4 số cuối số điện thoại đã ghi khi gửi phản ánh, kiến nghị.",
                code="feedback_sender_not_verified",
                field="sender_last4",
            )
        _check(rule, feedback, actor, at=now)
    before = feedback.status
    calendar = calendar_for_agency(feedback.agency)
    assert feedback.info_requested_at is not None
    assert feedback.answer_due_at is not None
    feedback.answer_due_at = pushed_by_wait(
        calendar,
        due=feedback.answer_due_at,
        wait_started=feedback.info_requested_at,
        wait_ended=now,
    )
    feedback.status = FeedbackStatus.ACCEPTED
    feedback.info_provided_at = now
    feedback.info_provided = text
    feedback.save(
        update_fields=["status", "info_provided_at", "info_provided", "answer_due_at", "updated_at"]
    )
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=before,
        note=text,
        data={"answer_due_at": feedback.answer_due_at},
    )
    return feedback


# --- Answer and publication ------------------------------------------------------------------


@transaction.atomic
def feedback_answer(
    *,
    feedback: Feedback,
    actor: User,
    answer: str,
    public: bool,
    at: dt.datetime | None = None,
) -> Feedback:
    """The agency's answer, sent to the sender. A public answer is then published on the portal
    (without the sender's personal data) within its own limit."""
    now = _now(at)
    answer = _required(answer, field="answer", message="Vui lòng nhập nội dung trả lời.")
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.ANSWER]
    _check(rule, feedback, actor, at=now)
    before = feedback.status
    feedback.status = FeedbackStatus.ANSWERED
    feedback.answered_at = now
    feedback.answered_by = actor
    feedback.answer = answer
    feedback.answer_public = public
    feedback.publish_due_at = (
        step_due(
            calendar_for_agency(feedback.agency),
            step=Step.PUBLISH,
            subject=feedback.subject,
            start=now,
        )
        if public
        else None
    )
    feedback.save(
        update_fields=[
            "status", "answered_at", "answered_by", "answer", "answer_public", "publish_due_at",
            "updated_at",
        ]
    )  # fmt: skip
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=before,
        data={
            "due_at": feedback.answer_due_at,
            "public": public,
            "publish_due_at": feedback.publish_due_at,
        },
    )
    _notify_sender(
        feedback,
        template=NotificationTemplate.FEEDBACK_ANSWERED,
        event="answered",
        actor=actor,
        context={"answer": answer, "answered_at": now, "public": public},
    )
    return feedback


@transaction.atomic
def feedback_publish(
    *,
    feedback: Feedback,
    actor: User,
    public_content: str = "",
    at: dt.datetime | None = None,
) -> Feedback:
    """Publish a public answer on the portal, with the PAKN's content as the agency edited it to
    leave out personal data (`public_content`; the content as sent when empty)."""
    now = _now(at)
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.PUBLISH]
    _check(rule, feedback, actor, at=now)
    before = feedback.status
    feedback.status = FeedbackStatus.PUBLISHED
    feedback.published_at = now
    feedback.public_content = public_content.strip()[:CONTENT_MAX] or feedback.content
    feedback.save(update_fields=["status", "published_at", "public_content", "updated_at"])
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=before,
        data={"due_at": feedback.publish_due_at},
    )
    return feedback


@transaction.atomic
def feedback_mark_repeat(
    *,
    feedback: Feedback,
    actor: User,
    repeat_of_code: str,
    note: str = "",
    at: dt.datetime | None = None,
) -> Feedback:
    """Record that this PAKN repeats an earlier one (sent again on the same matter; Decision 766
    item 5.3 counts repeats)."""
    now = _now(at)
    feedback = _lock(feedback)
    rule = RULES[FeedbackAction.MARK_REPEAT]
    _check(rule, feedback, actor, at=now)
    code = repeat_of_code.strip().upper()
    previous = Feedback.objects.filter(code=code).exclude(pk=feedback.pk).first() if code else None
    if previous is None or (previous.received_at, previous.pk) > (
        feedback.received_at,
        feedback.pk,
    ):
        raise ValidationFailed(
            "Không tìm thấy phản ánh, kiến nghị gửi trước đó với mã này.",
            code="feedback_previous_not_found",
            field="repeat_of_code",
        )
    feedback.repeat_of = previous
    feedback.save(update_fields=["repeat_of", "updated_at"])
    _record(
        feedback,
        action=rule.event,
        actor=actor,
        at=now,
        from_status=feedback.status,
        note=note.strip(),
        data={"repeat_of": previous.code},
    )
    return feedback
