"""`manage.py send_notifications`: due rows only, oldest first, in bounded batches."""

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from motcua.notifications.backends import DeliveryError
from motcua.notifications.models import (
    Notification,
    NotificationChannel,
    NotificationStatus,
    NotificationTemplate,
)
from motcua.notifications.services import notification_enqueue, notification_send
from tests.notifications import fakes


def run(*args):
    out = StringIO()
    call_command("send_notifications", *args, stdout=out)
    return out.getvalue()


def queue(context, n, *, status=NotificationStatus.FAILED, due_minutes_ago=10, channel="email"):
    """A notification whose task never ran, then set to `status`, due `due_minutes_ago`."""
    recipient = f"nguoi{n}@example.vn" if channel == "email" else f"091234{n:04d}"
    notification = notification_enqueue(
        channel=NotificationChannel(channel),
        recipient=recipient,
        template=NotificationTemplate.DOSSIER_RECEIVED,
        context=context,
        key=f"dossier:{n}:received:{channel}",
        related=None,
    )
    Notification.objects.filter(pk=notification.pk).update(
        status=status,
        attempts=1 if status == NotificationStatus.FAILED else 0,
        next_attempt_at=timezone.now() - dt.timedelta(minutes=due_minutes_ago),
    )
    return notification


@pytest.mark.django_db
def test_nothing_due(dossier_context):
    queue(dossier_context, 1, due_minutes_ago=-5)  # a retry planned in five minutes
    assert run() == "Không có thông báo nào đến hạn gửi.\n"
    assert mail.outbox == []


@pytest.mark.django_db
def test_batches_are_bounded_and_oldest_due_go_first(dossier_context):
    rows = [queue(dossier_context, n, due_minutes_ago=60 - n) for n in range(5)]
    output = run("--batch-size", "2", "--max-batches", "2")
    assert output == (
        "Đã xử lý 4 thông báo trong 2 lô: 4 đã gửi, 0 lỗi (sẽ gửi lại), 0 ngừng gửi.\n"
    )
    statuses = [Notification.objects.get(pk=row.pk).status for row in rows]
    assert statuses == ["sent", "sent", "sent", "sent", "failed"]
    assert [message.to for message in mail.outbox] == [[f"nguoi{n}@example.vn"] for n in range(4)]
    assert run() == "Đã xử lý 1 thông báo trong 1 lô: 1 đã gửi, 0 lỗi (sẽ gửi lại), 0 ngừng gửi.\n"


@pytest.mark.django_db
def test_only_due_rows_are_touched(dossier_context):
    due = queue(dossier_context, 1, due_minutes_ago=10)
    later = queue(dossier_context, 2, due_minutes_ago=-1)
    sent = notification_send(notification=queue(dossier_context, 3))
    fresh = notification_enqueue(  # queued, its task may still run: not yet the command's
        channel=NotificationChannel.EMAIL,
        recipient="moi@example.vn",
        template=NotificationTemplate.OTP_CODE,
        context={"code": "123456", "valid_minutes": 5},
        key="otp:1",
        related=None,
    )
    stale = queue(dossier_context, 4, status=NotificationStatus.QUEUED, due_minutes_ago=20)
    mail.outbox.clear()
    assert run("-v", "2").splitlines() == [
        f"#{stale.pk} dossier:4:received:email: đã gửi",
        f"#{due.pk} dossier:1:received:email: đã gửi",
        "Đã xử lý 2 thông báo trong 1 lô: 2 đã gửi, 0 lỗi (sẽ gửi lại), 0 ngừng gửi.",
    ]
    assert len(mail.outbox) == 2
    assert Notification.objects.get(pk=later.pk).status == NotificationStatus.FAILED
    assert Notification.objects.get(pk=fresh.pk).status == NotificationStatus.QUEUED
    assert Notification.objects.get(pk=sent.pk).attempts == 2


@pytest.mark.django_db
def test_failures_and_give_ups_are_reported(settings, dossier_context):
    settings.MOTCUA_SMS_BACKEND = "tests.notifications.fakes.ScriptedSmsBackend"
    settings.MOTCUA_NOTIFICATION_MAX_ATTEMPTS = 2
    fakes.script[:] = [DeliveryError("HTTP 503"), DeliveryError("HTTP 503")]
    first = queue(dossier_context, 1, channel="sms", due_minutes_ago=20)
    Notification.objects.filter(pk=first.pk).update(attempts=0)
    queue(dossier_context, 2, channel="sms", due_minutes_ago=10)  # attempts=1: its last try
    try:
        output = run()
    finally:
        fakes.script.clear()
        fakes.calls.clear()
    assert output == "Đã xử lý 2 thông báo trong 1 lô: 0 đã gửi, 1 lỗi (sẽ gửi lại), 1 ngừng gửi.\n"


@pytest.mark.django_db
@pytest.mark.parametrize("args", [["--batch-size", "0"], ["--max-batches", "-1"]])
def test_bad_arguments(args):
    with pytest.raises(CommandError, match="số nguyên dương"):
        run(*args)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked,
    reason="SKIP LOCKED needs PostgreSQL (SQLite serialises writers instead)",
)
def test_rows_locked_by_another_worker_are_skipped(dossier_context):
    locked = queue(dossier_context, 1, due_minutes_ago=30)
    free = queue(dossier_context, 2, due_minutes_ago=10)
    holding, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                Notification.objects.select_for_update().get(pk=locked.pk)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert holding.wait(30)
        output = run()
    finally:
        release.set()
        thread.join(30)
    assert output == "Đã xử lý 1 thông báo trong 1 lô: 1 đã gửi, 0 lỗi (sẽ gửi lại), 0 ngừng gửi.\n"
    assert Notification.objects.get(pk=free.pk).status == NotificationStatus.SENT
    assert Notification.objects.get(pk=locked.pk).status == NotificationStatus.FAILED
