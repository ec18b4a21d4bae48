"""Queueing, sending after commit, idempotency, skips, retries with backoff, giving up."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from motcua.core.errors import ValidationFailed
from motcua.core.timezone import VN_TZ
from motcua.notifications import backends, rendering
from motcua.notifications.backends import DeliveryError
from motcua.notifications.models import (
    DeliveryAttempt,
    DeliveryOutcome,
    Notification,
    NotificationChannel,
    NotificationStatus,
    NotificationTemplate,
    SkipReason,
)
from motcua.notifications.selectors import notification_list_for_object
from motcua.notifications.services import (
    notification_enqueue,
    notification_send,
    notification_send_due,
    retry_delay,
)
from motcua.notifications.tasks import send_notification_task
from tests.accounts.factories import AgencyFactory, StaffUserFactory
from tests.notifications import fakes

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 24, 9, 5, tzinfo=VN_TZ)
EMAIL = NotificationChannel.EMAIL
SMS = NotificationChannel.SMS
RECEIVED = NotificationTemplate.DOSSIER_RECEIVED


@pytest.fixture
def scripted(settings):
    settings.MOTCUA_SMS_BACKEND = "tests.notifications.fakes.ScriptedSmsBackend"
    settings.MOTCUA_NOTIFICATION_RETRY_SECONDS = 60
    settings.MOTCUA_NOTIFICATION_RETRY_MAX_SECONDS = 3600
    settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS = 3
    fakes.script.clear()
    fakes.calls.clear()
    yield fakes
    fakes.script.clear()
    fakes.calls.clear()


@pytest.fixture
def related():
    return AgencyFactory()


def enqueue(context, *, channel=EMAIL, recipient="binh@example.vn", key="d:7:received:email", **kw):
    kw.setdefault("template", RECEIVED)
    kw.setdefault("related", None)
    return notification_enqueue(
        channel=channel, recipient=recipient, context=context, key=key, **kw
    )


def test_enqueue_stores_the_rendered_message_and_sends_only_after_commit(
    dossier_context, related, django_capture_on_commit_callbacks
):
    actor = StaffUserFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        notification = enqueue(dossier_context, related=related, actor=actor)
    assert notification.status == NotificationStatus.QUEUED
    assert notification.recipient == "binh@example.vn"
    assert notification.subject.startswith("Đã tiếp nhận hồ sơ 000.00.01.H98-261124-0007")
    assert "16 giờ 30 ngày 27/11/2026" in notification.body
    assert (notification.object_type, notification.object_id) == (
        "accounts.agency",
        str(related.pk),
    )
    assert notification.created_by == actor
    assert notification.attempts == 0
    assert len(callbacks) == 1
    assert mail.outbox == []  # nothing leaves before the transaction commits


def test_email_is_sent_on_commit(dossier_context, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = enqueue(dossier_context)
    notification.refresh_from_db()
    (sent,) = mail.outbox
    assert sent.to == ["binh@example.vn"]
    assert sent.subject == notification.subject
    assert sent.body == notification.body
    assert notification.status == NotificationStatus.SENT
    assert notification.sent_at is not None
    assert notification.next_attempt_at is None
    assert notification.attempts == 1
    assert notification.provider_message_id == sent.extra_headers["Message-ID"]
    (attempt,) = notification.delivery_attempts.all()
    assert (attempt.number, attempt.outcome) == (1, DeliveryOutcome.SENT)


def test_sms_recipient_is_normalised_and_sent_on_commit(
    dossier_context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = enqueue(
            dossier_context, channel=SMS, recipient="+84 912 345 678", key="d:7:received:sms"
        )
    notification.refresh_from_db()
    (sms,) = backends.outbox
    assert sms.recipient == notification.recipient == "0912345678"
    assert sms.sender == "MOTCUA"
    assert sms.reference == "d:7:received:sms"
    assert sms.body == notification.body
    assert sms.body.startswith("Hồ sơ 000.00.01.H98-261124-0007 đã được tiếp nhận.")
    assert notification.subject == ""
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_message_id == sms.message_id


def test_unaccented_option_folds_the_stored_and_sent_sms(
    settings, dossier_context, django_capture_on_commit_callbacks
):
    settings.MOTCUA_SMS_UNACCENTED = True
    with django_capture_on_commit_callbacks(execute=True):
        notification = enqueue(dossier_context, channel=SMS, recipient="0912345678")
    (sms,) = backends.outbox
    assert sms.body == notification.body
    assert sms.body.startswith("Ho so 000.00.01.H98-261124-0007 da duoc tiep nhan. Hen tra ket qua")
    assert sms.body.isascii()


def test_same_key_never_sends_twice(dossier_context, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = enqueue(dossier_context)
        second = enqueue(dossier_context, recipient="other@example.vn")
    assert second.pk == first.pk
    assert second.recipient == "binh@example.vn"
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        third = enqueue(dossier_context)
    assert third.pk == first.pk
    assert third.status == NotificationStatus.SENT
    assert callbacks == []
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_concurrent_enqueue_of_the_same_key_wins(
    monkeypatch, dossier_context, django_capture_on_commit_callbacks
):
    """Another transaction commits the same key between our look-up and our insert."""
    real_render = rendering.render_message
    theirs = []

    def render_while_racing(**kwargs):
        theirs.append(
            Notification.objects.create(
                channel=EMAIL,
                recipient="binh@example.vn",
                template=RECEIVED,
                body="theirs",
                key="d:7:received:email",
            )
        )
        return real_render(**kwargs)

    monkeypatch.setattr("motcua.notifications.services.render_message", render_while_racing)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = enqueue(dossier_context)
    assert notification.pk == theirs[0].pk
    assert notification.body == "theirs"
    assert callbacks == []  # their transaction sends it, not ours
    assert Notification.objects.count() == 1


@pytest.mark.parametrize(
    ("channel", "recipient", "stored", "reason"),
    [
        (EMAIL, "", "", SkipReason.NO_RECIPIENT),
        (SMS, "   ", "", SkipReason.NO_RECIPIENT),
        (SMS, "0237 3852 123", "02373852123", SkipReason.LANDLINE),
        (SMS, "12345", "12345", SkipReason.INVALID_RECIPIENT),
        (EMAIL, "binh@", "binh@", SkipReason.INVALID_RECIPIENT),
    ],
)
def test_unreachable_recipients_are_skipped_silently(
    channel, recipient, stored, reason, dossier_context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = enqueue(dossier_context, channel=channel, recipient=recipient)
    assert notification.status == NotificationStatus.SKIPPED
    assert notification.skip_reason == reason
    assert notification.recipient == stored
    assert notification.next_attempt_at is None
    assert callbacks == []
    assert mail.outbox == []
    assert backends.outbox == []
    # The skip is final: the same event later returns the skipped row, and sending does nothing.
    assert (
        enqueue(dossier_context, channel=channel, recipient="binh@example.vn").pk == notification.pk
    )
    assert notification_send(notification=notification).status == NotificationStatus.SKIPPED
    assert not DeliveryAttempt.objects.exists()


@pytest.mark.parametrize("key", ["", "   ", "x" * 201])
def test_key_is_required(key, dossier_context):
    with pytest.raises(ValidationFailed) as raised:
        enqueue(dossier_context, key=key)
    assert raised.value.code == "notification_key_invalid"
    assert not Notification.objects.exists()


def test_missing_context_stores_nothing(dossier_context):
    del dossier_context["lookup_url"]
    with pytest.raises(ValidationFailed) as raised:
        enqueue(dossier_context)
    assert raised.value.code == "notification_context_missing"
    assert not Notification.objects.exists()


def test_sending_a_sent_notification_does_nothing(
    dossier_context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = enqueue(dossier_context)
    again = notification_send(notification=notification)
    assert again.status == NotificationStatus.SENT
    assert again.attempts == 1
    assert len(mail.outbox) == 1
    assert DeliveryAttempt.objects.count() == 1


def test_retry_delay_doubles_and_is_capped(settings):
    settings.MOTCUA_NOTIFICATION_RETRY_SECONDS = 60
    settings.MOTCUA_NOTIFICATION_RETRY_MAX_SECONDS = 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 6, 7, 20)] == [
        60,
        120,
        240,
        1920,
        3600,
        3600,
    ]


def test_failures_back_off_exponentially_then_give_up(
    scripted, dossier_context, django_capture_on_commit_callbacks
):
    scripted.script[:] = [
        DeliveryError("HTTP 503: bận"),
        DeliveryError("HTTP 502"),
        DeliveryError("x"),
    ]
    with time_machine.travel(T0, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            notification = enqueue(dossier_context, channel=SMS, recipient="0912345678")
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.FAILED
        assert notification.attempts == 1
        assert notification.last_error == "HTTP 503: bận"
        assert notification.next_attempt_at == T0 + dt.timedelta(seconds=60)
        assert not notification.gave_up

        # Not due yet: nothing happens.
        traveller.shift(dt.timedelta(seconds=59))
        assert notification_send(notification=notification).attempts == 1
        assert len(scripted.calls) == 1

        traveller.shift(dt.timedelta(seconds=1))
        notification = notification_send(notification=notification)
        assert notification.status == NotificationStatus.FAILED
        assert notification.attempts == 2
        assert notification.next_attempt_at == T0 + dt.timedelta(seconds=60 + 120)

        traveller.shift(dt.timedelta(seconds=120))
        notification = notification_send(notification=notification)
        assert notification.attempts == 3
        assert notification.gave_up
        assert notification.next_attempt_at is None

        traveller.shift(dt.timedelta(days=1))
        assert notification_send(notification=notification).attempts == 3
    assert len(scripted.calls) == 3
    assert list(notification.delivery_attempts.values_list("number", "outcome", "detail")) == [
        (1, "failed", "HTTP 503: bận"),
        (2, "failed", "HTTP 502"),
        (3, "failed", "x"),
    ]


def test_success_after_a_failure_clears_the_error(
    scripted, dossier_context, django_capture_on_commit_callbacks
):
    scripted.script[:] = [DeliveryError("HTTP 503"), "gw-42"]
    with time_machine.travel(T0, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            notification = enqueue(dossier_context, channel=SMS, recipient="0912345678")
        traveller.shift(dt.timedelta(minutes=1))
        notification = notification_send(notification=notification)
    assert notification.status == NotificationStatus.SENT
    assert notification.sent_at == T0 + dt.timedelta(minutes=1)
    assert notification.provider_message_id == "gw-42"
    assert notification.last_error == ""
    assert notification.attempts == 2


def test_a_permanent_error_gives_up_at_once(
    scripted, dossier_context, django_capture_on_commit_callbacks
):
    scripted.script[:] = [DeliveryError("Số thuê bao không tồn tại", retryable=False)]
    with django_capture_on_commit_callbacks(execute=True):
        notification = enqueue(dossier_context, channel=SMS, recipient="0912345678")
    notification.refresh_from_db()
    assert notification.gave_up
    assert notification.attempts == 1


def test_an_unexpected_backend_exception_is_recorded_as_a_failure(
    scripted, dossier_context, django_capture_on_commit_callbacks, caplog
):
    scripted.script[:] = [RuntimeError("boom")]
    with django_capture_on_commit_callbacks(execute=True):
        notification = enqueue(dossier_context, channel=SMS, recipient="0912345678")
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.last_error == "RuntimeError: boom"
    assert notification.next_attempt_at is not None
    assert "backend raised" in caplog.text


def test_a_misconfigured_mailer_is_a_failure_not_a_crash(
    settings, dossier_context, django_capture_on_commit_callbacks
):
    settings.MOTCUA_NOTIFICATION_MAILER = "missing"
    with django_capture_on_commit_callbacks(execute=True):
        notification = enqueue(dossier_context)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert "missing" in notification.last_error


def test_a_row_stuck_sending_is_taken_over_after_its_lease(
    scripted, settings, dossier_context, django_capture_on_commit_callbacks
):
    settings.MOTCUA_NOTIFICATION_STALE_SECONDS = 600
    with time_machine.travel(T0, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=False):
            notification = enqueue(dossier_context, channel=SMS, recipient="0912345678")
        # A worker claimed it and died before recording the outcome.
        Notification.objects.filter(pk=notification.pk).update(
            status=NotificationStatus.SENDING,
            attempts=1,
            next_attempt_at=T0 + dt.timedelta(seconds=600),
        )
        traveller.shift(dt.timedelta(seconds=599))
        assert notification_send_due().results == []
        traveller.shift(dt.timedelta(seconds=1))
        report = notification_send_due()
    assert [result.outcome for result in report.results] == ["sent"]
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert list(notification.delivery_attempts.values_list("number", "outcome")) == [
        (1, "interrupted"),
        (2, "sent"),
    ]


def test_a_row_stuck_sending_at_the_last_attempt_gives_up(
    scripted, dossier_context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        notification = enqueue(dossier_context, channel=SMS, recipient="0912345678")
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING, attempts=3, next_attempt_at=T0
    )
    report = notification_send_due()
    assert [result.outcome for result in report.results] == ["gave_up"]
    notification.refresh_from_db()
    assert notification.gave_up
    assert scripted.calls == []


def test_the_task_sends_and_reports_the_status(dossier_context, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notification = enqueue(dossier_context)
    result = send_notification_task.enqueue(notification.pk)
    assert result.return_value == "sent"
    assert send_notification_task.enqueue(notification.pk).return_value == "sent"
    assert send_notification_task.enqueue(notification.pk + 1000).return_value == "missing"
    assert len(mail.outbox) == 1


def test_http_gateway_failure_is_retried_later(
    settings, gateway, dossier_context, django_capture_on_commit_callbacks
):
    settings.MOTCUA_SMS_BACKEND = "http"
    settings.MOTCUA_SMS_SENDER = "UBND-SONHA"
    settings.MOTCUA_SMS_HTTP = {
        **settings.MOTCUA_SMS_HTTP,
        "URL": gateway.url,
        "MESSAGE_ID_FIELD": "id",
        "TIMEOUT": 5,
    }
    gateway.answer(500, b"gateway down")
    gateway.answer(200, {"id": "VT-991"})
    with time_machine.travel(T0, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            notification = enqueue(dossier_context, channel=SMS, recipient="0912 345 678")
        notification.refresh_from_db()
        assert notification.status == NotificationStatus.FAILED
        assert notification.last_error == "HTTP 500: gateway down"
        traveller.shift(dt.timedelta(seconds=settings.MOTCUA_NOTIFICATION_RETRY_SECONDS))
        report = notification_send_due()
    assert [result.outcome for result in report.results] == ["sent"]
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.provider_message_id == "VT-991"
    assert len(gateway.requests) == 2
    assert all(request.json()["phone"] == "0912345678" for request in gateway.requests)
    assert gateway.requests[1].json()["sender"] == "UBND-SONHA"


def test_list_for_object(dossier_context, related):
    other = AgencyFactory()
    first = enqueue(dossier_context, related=related, key="a:1")
    second = enqueue(dossier_context, related=related, channel=SMS, recipient="", key="a:2")
    enqueue(dossier_context, related=other, key="b:1")
    enqueue(dossier_context, key="none:1")
    assert list(notification_list_for_object(obj=related)) == [first, second]
