"""The calendar admin goes through the services: validation on the form, audit, no deletion."""

import pytest
from django.urls import reverse

from motcua.accounts.models import AgencyLevel, User
from motcua.accounts.services import agency_create
from motcua.calendar.models import CalendarOverride, OfficeHours
from motcua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = User.objects.create_superuser(username="root", password="mat-khau-rat-dai-2026")
    client.force_login(user)
    return user


@pytest.fixture
def province():
    return agency_create(
        code="000.00.00.H99",
        name="UBND tỉnh Sơn Hà",
        level=AgencyLevel.PROVINCE,
        parent=None,
        actor=None,
    )


def add(client, **values):
    data = {
        "start_date": "2026-12-31",
        "end_date": "2026-12-31",
        "kind": "day_off",
        "scope": "province",
        "name": "Nghỉ bổ sung",
        "legal_reference": "",
        **values,
    }
    return client.post(reverse("admin:work_calendar_calendaroverride_add"), data)


def test_add_goes_through_the_service(client, root, province) -> None:
    response = add(client, agency=province.pk)
    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert override.created_by == root
    assert AuditEvent.objects.filter(action="calendar.override_created").exists()


def test_rule_errors_show_on_the_form(client, root, province) -> None:
    response = add(client, agency=province.pk, kind="working_day")
    assert response.status_code == 200
    assert "đã là ngày làm việc" in response.content.decode()
    assert CalendarOverride.objects.count() == 0


def test_revoke_action_asks_for_a_reason(client, root, province) -> None:
    add(client, agency=province.pk)
    override = CalendarOverride.objects.get()
    url = reverse("admin:work_calendar_calendaroverride_changelist")
    form = client.post(url, {"action": "revoke_selected", "_selected_action": [override.pk]})
    assert form.status_code == 200
    assert "Lý do hủy" in form.content.decode()
    client.post(
        url,
        {"action": "revoke_selected", "_selected_action": [override.pk], "reason": "Nhập nhầm"},
    )
    override.refresh_from_db()
    assert override.revoke_reason == "Nhập nhầm"


def test_overrides_cannot_be_deleted_or_edited(client, root, province) -> None:
    add(client, agency=province.pk)
    override = CalendarOverride.objects.get()
    assert (
        client.get(
            reverse("admin:work_calendar_calendaroverride_delete", args=[override.pk])
        ).status_code
        == 403
    )
    client.post(
        reverse("admin:work_calendar_calendaroverride_change", args=[override.pk]),
        {"name": "Đổi tên"},
    )
    override.refresh_from_db()
    assert override.name == "Nghỉ bổ sung"


def test_office_hours_admin(client, root, province) -> None:
    url = reverse("admin:work_calendar_officehours_add")
    bad = client.post(
        url,
        {
            "agency": province.pk,
            "valid_from": "2027-01-01",
            "blocks": "7h-11h",
            "weekdays": "01234",
        },
    )
    assert bad.status_code == 200
    assert "không đúng dạng" in bad.content.decode()
    ok = client.post(
        url,
        {
            "agency": province.pk,
            "valid_from": "2027-01-01",
            "blocks": "07:30-11:30",
            "weekdays": "01234",
        },
    )
    assert ok.status_code == 302
    assert OfficeHours.objects.get().created_by == root
