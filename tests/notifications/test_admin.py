"""The outbox admin: superusers read it with filters; nobody adds, edits or deletes there."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from motcua.accounts.models import User
from motcua.notifications.models import NotificationChannel, NotificationTemplate
from motcua.notifications.services import notification_enqueue
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:notifications_notification_changelist"


@pytest.fixture
def notification(dossier_context, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return notification_enqueue(
            channel=NotificationChannel.EMAIL,
            recipient="binh@example.vn",
            template=NotificationTemplate.DOSSIER_RECEIVED,
            context=dossier_context,
            key="dossier:7:received:email",
            related=None,
        )


@pytest.fixture
def root(client):
    user = User.objects.create_superuser(username="root", password="mat-khau-rat-dai-2026")
    client.force_login(user)
    return user


def test_superuser_lists_and_filters(client, root, notification):
    response = client.get(reverse(CHANGELIST), {"status__exact": "sent", "channel__exact": "email"})
    assert response.status_code == 200
    assert "binh@example.vn" in response.text
    assert "Đã gửi" in response.text
    empty = client.get(reverse(CHANGELIST), {"status__exact": "failed"})
    assert "binh@example.vn" not in empty.text


def test_superuser_reads_a_notification_with_its_attempts(client, root, notification):
    response = client.get(
        reverse("admin:notifications_notification_change", args=[notification.pk])
    )
    assert response.status_code == 200
    assert "Kính gửi Ông/Bà Nguyễn Thị Bình" in response.text
    assert "dossier:7:received:email" in response.text
    assert 'name="_save"' not in response.text  # read-only


def test_no_add_change_or_delete(client, root, notification):
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
    delete = reverse("admin:notifications_notification_delete", args=[notification.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:notifications_notification_change", args=[notification.pk])
    assert client.post(change, {"recipient": "evil@example.vn"}).status_code == 403
    notification.refresh_from_db()
    assert notification.recipient == "binh@example.vn"


def test_staff_with_the_view_permission_is_still_refused(client, notification):
    staff = StaffUserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_notification"))
    client.force_login(staff)
    assert client.get(reverse(CHANGELIST)).status_code == 403
    index = client.get(reverse("admin:index"))
    assert "notifications/notification" not in index.text
