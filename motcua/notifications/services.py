"""Writes for notifications: queue a message, send it, retry what is due.

Life of a row: `queued` (written in the caller's transaction) → `sending` (claimed by one worker,
outside any long transaction) → `sent`, or `failed` with `next_attempt_at` for the retry
(exponential backoff), or `failed` with no `next_attempt_at` once we give up. A recipient we cannot
reach is `skipped` with a reason. Every try is logged as a `DeliveryAttempt`.

The network call is never made while a row lock is held: a worker claims the row (locked, status
`sending`, a lease in `next_attempt_at`), commits, sends, then records the outcome. A worker that
dies mid-send leaves a `sending` row whose lease expires; `send_notifications` takes it over and
logs the lost attempt as `interrupted` (the message may then arrive twice: at-least-once).
"""

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.accounts.validators import PhoneKind, parse_phone, validate_email
from motcua.core.errors import ValidationFailed
from motcua.notifications.backends import (
    DeliveryError,
    OutgoingMessage,
    email_backend,
    sms_backend,
)
from motcua.notifications.models import (
    DeliveryAttempt,
    DeliveryOutcome,
    Notification,
    NotificationChannel,
    NotificationStatus,
    NotificationTemplate,
    SkipReason,
)
from motcua.notifications.rendering import render_message
from motcua.notifications.tasks import send_notification_task

logger = logging.getLogger(__name__)

_KEY_MAX_LENGTH = Notification._meta.get_field("key").max_length or 200
_SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length or 255
_ERROR_MAX_CHARS = 2000


# --- Queueing -------------------------------------------------------------------------------------


def _recipient(channel: NotificationChannel, value: str) -> tuple[str, str]:
    """The normalised recipient and, when the message cannot go there, the skip reason."""
    value = value.strip()
    if not value:
        return "", SkipReason.NO_RECIPIENT
    if channel == NotificationChannel.SMS:
        try:
            phone = parse_phone(value, allow_landline=True)
        except ValidationError:
            return value[:254], SkipReason.INVALID_RECIPIENT
        if phone.kind is PhoneKind.LANDLINE:
            return phone.number, SkipReason.LANDLINE
        return phone.number, ""
    try:
        validate_email(value)
    except ValidationError:
        return value[:254], SkipReason.INVALID_RECIPIENT
    return value, ""


def notification_enqueue(
    *,
    channel: NotificationChannel,
    recipient: str,
    template: NotificationTemplate,
    context: Mapping[str, object],
    key: str,
    related: models.Model | None,
    actor: User | None = None,
) -> Notification:
    """Queue one message; it is sent after the surrounding transaction commits.

    `key` makes the call idempotent: if a row with this key exists (whatever its status) it is
    returned unchanged and nothing new is sent. The message is rendered now, so the row keeps
    exactly what was (or will be) sent. An empty recipient, a landline for SMS or an invalid
    address gives a `skipped` row with its reason, silently: the caller need not check.
    """
    key = key.strip()
    if not key or len(key) > _KEY_MAX_LENGTH:
        raise ValidationFailed(
            f"Khóa chống gửi trùng phải có từ 1 đến {_KEY_MAX_LENGTH} ký tự.",
            code="notification_key_invalid",
            field="key",
        )
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing

    rendered = render_message(
        channel=channel,
        template=template,
        context=context,
        unaccented=channel == NotificationChannel.SMS and settings.MOTCUA_SMS_UNACCENTED,
    )
    address, skip_reason = _recipient(channel, recipient)
    notification = Notification(
        channel=channel,
        recipient=address,
        template=template,
        subject=rendered.subject[:_SUBJECT_MAX_LENGTH],
        body=rendered.body,
        object_type=related._meta.label_lower if related is not None else "",
        object_id=str(related.pk) if related is not None else "",
        key=key,
        status=NotificationStatus.SKIPPED if skip_reason else NotificationStatus.QUEUED,
        skip_reason=skip_reason,
        # A queued row whose task never runs is taken over by `send_notifications` from then on.
        next_attempt_at=None if skip_reason else timezone.now() + _stale_after(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        # The same event raced us to the key: theirs wins, ours is the same message.
        existing = Notification.objects.filter(key=key).first()
        if existing is None:
            raise
        return existing
    if not skip_reason:
        transaction.on_commit(partial(send_notification_task.enqueue, notification.pk), robust=True)
    return notification


# --- Sending --------------------------------------------------------------------------------------


def _stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.MOTCUA_NOTIFICATION_STALE_SECONDS)


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the `attempts`-th failure: base × 2^(attempts − 1), capped."""
    base = settings.MOTCUA_NOTIFICATION_RETRY_SECONDS
    cap = settings.MOTCUA_NOTIFICATION_RETRY_MAX_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def _is_due(notification: Notification, now: dt.datetime) -> bool:
    if notification.status == NotificationStatus.QUEUED:
        return True
    if notification.status in (NotificationStatus.FAILED, NotificationStatus.SENDING):
        return notification.next_attempt_at is not None and notification.next_attempt_at <= now
    return False


def _truncate(text: str) -> str:
    return text if len(text) <= _ERROR_MAX_CHARS else text[: _ERROR_MAX_CHARS - 1] + "…"


def _claim_locked(notification: Notification, now: dt.datetime) -> Notification | None:
    """Mark a locked, due row `sending` for one attempt. None if it may not be sent again.

    A `sending` row here has outlived its lease: the attempt is logged as interrupted.
    """
    max_attempts = settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS
    if notification.status == NotificationStatus.SENDING:
        DeliveryAttempt.objects.get_or_create(
            notification=notification,
            number=notification.attempts,
            defaults={
                "at": now,
                "outcome": DeliveryOutcome.INTERRUPTED,
                "detail": "Không nhận được kết quả của lần gửi này trong thời hạn; "
                "tiến trình gửi có thể đã bị dừng.",
            },
        )
        notification.last_error = "Lần gửi trước bị gián đoạn, không rõ kết quả."
        if notification.attempts >= max_attempts:
            notification.status = NotificationStatus.FAILED
            notification.next_attempt_at = None
            notification.save(update_fields=["status", "next_attempt_at", "last_error"])
            return None
    notification.status = NotificationStatus.SENDING
    notification.attempts += 1
    notification.next_attempt_at = now + _stale_after()
    notification.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
    return notification


@dataclass(frozen=True)
class _Outcome:
    sent: bool
    provider_message_id: str = ""
    detail: str = ""
    retryable: bool = True


def _deliver(notification: Notification) -> _Outcome:
    """Hand the message to its backend. Never raises: every failure becomes an outcome."""
    message = OutgoingMessage(
        recipient=notification.recipient,
        subject=notification.subject,
        body=notification.body,
        reference=notification.key,
    )
    try:
        if notification.channel == NotificationChannel.SMS:
            message_id = sms_backend().send(message)
        else:
            message_id = email_backend().send(message)
    except DeliveryError as exc:
        return _Outcome(sent=False, detail=_truncate(exc.message), retryable=exc.retryable)
    except Exception as exc:  # a bug or misconfiguration must not leave the row "sending"
        logger.exception("notification %s: backend raised", notification.pk)
        return _Outcome(sent=False, detail=_truncate(f"{type(exc).__name__}: {exc}"))
    return _Outcome(sent=True, provider_message_id=message_id[:128])


@transaction.atomic
def _record(notification: Notification, number: int, outcome: _Outcome) -> Notification:
    now = timezone.now()
    row = Notification.objects.select_for_update().get(pk=notification.pk)
    DeliveryAttempt.objects.update_or_create(
        notification=row,
        number=number,
        defaults={
            "at": now,
            "outcome": DeliveryOutcome.SENT if outcome.sent else DeliveryOutcome.FAILED,
            "detail": outcome.detail,
            "provider_message_id": outcome.provider_message_id,
        },
    )
    if outcome.sent:
        row.status = NotificationStatus.SENT
        row.sent_at = now
        row.provider_message_id = outcome.provider_message_id
        row.next_attempt_at = None
        row.last_error = ""
    elif row.status == NotificationStatus.SENDING and row.attempts == number:
        row.status = NotificationStatus.FAILED
        row.last_error = outcome.detail
        gave_up = not outcome.retryable or number >= settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS
        row.next_attempt_at = None if gave_up else now + retry_delay(number)
    else:
        # Another worker took the row over after our lease expired: only log our attempt.
        return row
    fields = ["status", "sent_at", "provider_message_id", "next_attempt_at", "last_error"]
    if row.template in SECRET_TEMPLATES and row.next_attempt_at is None:
        row.subject, row.body = redact_digits(row.subject), redact_digits(row.body)
        fields += ["subject", "body"]
    row.save(update_fields=fields)
    return row


# Templates whose text carries a secret (a one-time code): once the row will never be sent again
# (sent, or given up), the stored copy keeps its wording with the code masked.
SECRET_TEMPLATES = frozenset({NotificationTemplate.OTP_CODE})
_CODE_DIGITS = re.compile(r"(?<!\d)\d{4,8}(?!\d)")


def redact_digits(text: str) -> str:
    """Mask every run of 4 to 8 digits (the codes; "10 phút" stays)."""
    return _CODE_DIGITS.sub(lambda match: "•" * len(match.group()), text)


def notification_send(*, notification: Notification) -> Notification:
    """Send one notification now if it is queued or due for a retry; otherwise do nothing.

    Idempotent: a sent, skipped, given-up or not-yet-due row is returned as it is. Delivery
    failures are recorded (status `failed`, retry time), never raised.
    """
    now = timezone.now()
    with transaction.atomic():
        row = Notification.objects.select_for_update().get(pk=notification.pk)
        claimed = _claim_locked(row, now) if _is_due(row, now) else None
    if claimed is None:
        return row
    return _record(claimed, claimed.attempts, _deliver(claimed))


@dataclass(frozen=True)
class SendResult:
    notification_id: int
    key: str
    outcome: str  # "sent", "failed" (will be retried) or "gave_up"


@dataclass
class SendReport:
    """What one run of `notification_send_due` did, notification by notification."""

    batches: int = 0
    results: list[SendResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)


def notification_send_due(*, batch_size: int = 50, max_batches: int = 20) -> SendReport:
    """Send what is due — retries, queued rows whose task never ran, `sending` rows whose lease
    expired — in at most `max_batches` batches of `batch_size`, oldest due first.

    Each batch is claimed in one short transaction with `select_for_update(skip_locked=True)`,
    so several workers can run side by side without taking the same row.
    """
    if batch_size < 1 or max_batches < 1:
        raise ValueError("batch_size and max_batches must be positive")
    report = SendReport()
    while report.batches < max_batches:
        now = timezone.now()
        with transaction.atomic():
            due = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(
                    status__in=[
                        NotificationStatus.QUEUED,
                        NotificationStatus.FAILED,
                        NotificationStatus.SENDING,
                    ],
                    next_attempt_at__lte=now,
                )
                .order_by("next_attempt_at", "pk")[:batch_size]
            )
            claimed: list[Notification] = []
            for row in due:
                taken = _claim_locked(row, now)
                if taken is None:
                    report.results.append(SendResult(row.pk, row.key, "gave_up"))
                else:
                    claimed.append(taken)
        if not due:
            break
        report.batches += 1
        for row in claimed:
            result = _record(row, row.attempts, _deliver(row))
            if result.status == NotificationStatus.SENT:
                outcome = "sent"
            elif result.gave_up:
                outcome = "gave_up"
            else:
                outcome = "failed"
            report.results.append(SendResult(result.pk, result.key, outcome))
        if len(due) < batch_size:
            break
    return report
