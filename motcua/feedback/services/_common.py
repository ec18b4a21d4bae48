"""What every PAKN step shares: input checks, the row lock, the step check, the event, the
sender's messages and the clocks that start when a PAKN reaches an agency."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from motcua.accounts.models import Agency, User, UserKind
from motcua.accounts.validators import parse_phone, validate_email
from motcua.calendar.selectors import calendar_for_agency
from motcua.core.errors import DomainError, PermissionDenied, ValidationFailed
from motcua.core.timezone import to_local
from motcua.feedback.clocks import Step, step_due
from motcua.feedback.models import (
    Feedback,
    FeedbackEvent,
    FeedbackStatus,
)
from motcua.feedback.policies import (
    Rule,
    actor_may,
    status_allows,
)
from motcua.notifications.models import NotificationChannel, NotificationTemplate
from motcua.notifications.services import notification_enqueue

TITLE_MAX = 255
CONTENT_MAX = 10_000


class FeedbackStepRefused(DomainError):
    """The step does not exist from the PAKN's status (it moved on, or never could)."""

    code = "feedback_transition_not_allowed"


@dataclass(frozen=True)
class SenderInput:
    """Who sends a PAKN (Decree 20/2008 Art 7: name, address and phone; e-mail optional)."""

    name: str
    address: str
    phone: str
    email: str = ""


# --- Shared pieces -------------------------------------------------------------------------------


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _required(value: str, *, field: str, message: str, limit: int | None = None) -> str:
    value = value.strip()
    if not value:
        raise ValidationFailed(message, code="required", field=field)
    if limit is not None and len(value) > limit:
        raise ValidationFailed(
            f"Nội dung quá dài (tối đa {limit} ký tự).", code="too_long", field=field
        )
    return value


def _phone(value: str) -> str:
    try:
        return parse_phone(value, allow_landline=True).number
    except ValidationError as exc:
        raise ValidationFailed(
            " ".join(exc.messages), code="phone_invalid", field="sender_phone"
        ) from exc


def _email(value: str) -> str:
    value = value.strip()
    if value:
        try:
            validate_email(value)
        except ValidationError as exc:
            raise ValidationFailed(
                " ".join(exc.messages), code="email_invalid", field="sender_email"
            ) from exc
    return value


def _lock(feedback: Feedback) -> Feedback:
    return (
        Feedback.objects.select_for_update(of=("self",))
        .select_related("agency", "procedure", "dossier")
        .get(pk=feedback.pk)
    )


def _record(
    feedback: Feedback,
    *,
    action: str,
    actor: User | None,
    at: dt.datetime,
    from_status: str,
    agency: Agency | None = None,
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> FeedbackEvent:
    """Append the event (the PAKN row is locked, so the sequence cannot collide)."""
    last = FeedbackEvent.objects.filter(feedback=feedback).aggregate(last=Max("sequence"))["last"]
    return FeedbackEvent.objects.create(
        feedback=feedback,
        sequence=(last or 0) + 1,
        occurred_at=at,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=_actor_name(actor, feedback),
        agency=agency or feedback.agency,
        action=action,
        from_status=from_status,
        to_status=feedback.status,
        note=note,
        data={key: _jsonable(value) for key, value in (data or {}).items()},
    )


def _actor_name(actor: User | None, feedback: Feedback) -> str:
    if actor is None or not actor.is_authenticated:
        return "Người gửi"
    if actor.kind == UserKind.CITIZEN:
        return "Người gửi"  # the sender's name is personal data: not repeated in the log
    return actor.full_name or actor.username


def _jsonable(value: object) -> object:
    if isinstance(value, dt.datetime):
        return to_local(value).isoformat()
    return value


def _check(rule: Rule, feedback: Feedback, actor: User, *, at: dt.datetime) -> None:
    if not status_allows(rule, feedback):
        raise FeedbackStepRefused(
            f"Không thể “{str(rule.label).lower()}” khi phản ánh, kiến nghị đang ở trạng thái "
            f"“{FeedbackStatus(feedback.status).label}”.",
            details={"action": rule.action.value, "status": feedback.status},
        )
    if not actor_may(rule, actor, feedback, on=to_local(at).date()):
        raise PermissionDenied(
            f"Tài khoản của Ông/Bà không được “{str(rule.label).lower()}” phản ánh, kiến nghị này.",
            code="feedback_action_not_permitted",
            details={"action": rule.action.value},
        )


def feedback_url(feedback: Feedback) -> str:
    """The portal page of this PAKN (sent in messages)."""
    return f"{settings.MOTCUA_PUBLIC_URL.rstrip('/')}/phan-anh-kien-nghi/{feedback.code}/"


def _notify_sender(
    feedback: Feedback,
    *,
    template: NotificationTemplate,
    event: str,
    actor: User | None,
    context: Mapping[str, object] | None = None,
) -> None:
    """Queue the message on SMS and e-mail (sent after commit; no address = skipped, logged)."""
    full: dict[str, object] = {
        "feedback_code": feedback.code,
        "sender_name": feedback.sender_name,
        "agency_name": feedback.agency.name,
        "agency_phone": feedback.agency.phone,
        "feedback_url": feedback_url(feedback),
        "title": feedback.title,
        **(context or {}),
    }
    for channel, recipient in (
        (NotificationChannel.SMS, feedback.sender_phone),
        (NotificationChannel.EMAIL, feedback.sender_email),
    ):
        notification_enqueue(
            channel=channel,
            recipient=recipient,
            template=template,
            context=full,
            key=f"feedback:{feedback.pk}:{event}:{channel.value}",
            related=feedback,
            actor=actor if actor is not None and actor.is_authenticated else None,
        )


def _set_intake_clocks(feedback: Feedback, *, start: dt.datetime) -> None:
    """The clocks that start when the PAKN reaches an agency: classify, forward, information."""
    calendar = calendar_for_agency(feedback.agency)
    feedback.routed_at = start
    feedback.classify_due_at = step_due(
        calendar, step=Step.CLASSIFY, subject=feedback.subject, start=start
    )
    feedback.forward_due_at = step_due(
        calendar, step=Step.FORWARD, subject=feedback.subject, start=start
    )
    feedback.info_request_due_at = step_due(
        calendar, step=Step.INFO_REQUEST, subject=feedback.subject, start=start
    )
