"""Back-office calendar pages: who sees what, who may change what, and errors that lose nothing."""

import pytest
from django.urls import reverse

from motcua.accounts.models import AgencyLevel, CitizenKind, Role
from motcua.accounts.services import (
    agency_create,
    citizen_register,
    membership_grant,
    staff_user_create,
)
from motcua.calendar.models import CalendarOverride, OfficeHours
from motcua.core.models import AuditEvent

pytestmark = pytest.mark.django_db
CALENDAR = reverse("backoffice:calendar")
DEADLINE = reverse("backoffice:deadline")


@pytest.fixture
def province():
    return agency_create(
        code="000.00.00.H99",
        name="UBND tỉnh Sơn Hà",
        level=AgencyLevel.PROVINCE,
        parent=None,
        actor=None,
    )


@pytest.fixture
def commune(province):
    return agency_create(
        code="000.01.31.H99",
        name="UBND xã Hòa An",
        level=AgencyLevel.COMMUNE,
        parent=province,
        actor=None,
    )


@pytest.fixture
def foreign_agency():
    other = agency_create(
        code="000.00.00.H98",
        name="UBND tỉnh Khác",
        level=AgencyLevel.PROVINCE,
        parent=None,
        actor=None,
    )
    return agency_create(
        code="000.00.15.H98",
        name="Sở Tư pháp tỉnh Khác",
        level=AgencyLevel.DEPARTMENT,
        parent=other,
        actor=None,
    )


def staff(username, agency, role):
    user = staff_user_create(
        username=username,
        full_name=username,
        email="",
        phone="0912345678",
        password=None,
        actor=None,
    )
    membership_grant(user=user, agency=agency, role=role, actor=None)
    return user


@pytest.fixture
def admin(province):
    return staff("qt.tinh", province, Role.PROVINCE_ADMIN)


@pytest.fixture
def specialist(commune):
    return staff("cv.xa", commune, Role.SPECIALIST)


def override_post(**values):
    data = {
        "override-start_date": "2026-12-31",
        "override-end_date": "2026-12-31",
        "override-kind": "day_off",
        "override-scope": "province",
        "override-agency": "",
        "override-name": "Nghỉ bổ sung cuối năm",
        "override-legal_reference": "QĐ 12/QĐ-UBND",
    }
    data.update(values)
    return data


def test_anonymous_goes_to_login(client) -> None:
    response = client.get(CALENDAR)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_citizens_are_refused(client) -> None:
    citizen = citizen_register(
        kind=CitizenKind.INDIVIDUAL,
        full_name="Lê Văn Dân",
        phone="0912345679",
        password="mat-khau-dai-2026",
        personal_id_number="001099012345",
    )
    client.force_login(citizen)
    assert client.get(CALENDAR).status_code == 403
    assert client.get(DEADLINE).status_code == 403


def test_staff_see_the_year_without_edit_forms(client, specialist) -> None:
    client.force_login(specialist)
    response = client.get(CALENDAR, {"year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert "UBND tỉnh Sơn Hà" in html
    assert "Ngày Văn hóa Việt Nam" in html  # 24/11/2026
    assert "Giỗ Tổ Hùng Vương (nghỉ bù)" in html
    assert "Lưu khai báo" not in html
    response = client.post(CALENDAR, override_post())
    assert response.status_code == 403
    assert CalendarOverride.objects.count() == 0


def test_province_admin_adds_a_day_off_and_it_shows(client, admin, province) -> None:
    client.force_login(admin)
    response = client.post(CALENDAR + "?year=2026", override_post())
    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert override.agency == province
    assert override.created_by == admin
    assert AuditEvent.objects.filter(action="calendar.override_created", actor=admin).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Nghỉ bổ sung cuối năm" in page
    assert "Các hạn xử lý đang chạy đã được tính lại" in page


def test_invalid_input_is_shown_and_nothing_saved(client, admin) -> None:
    client.force_login(admin)
    response = client.post(
        CALENDAR, override_post(**{"override-kind": "working_day"})
    )  # 31/12/2026 is a Thursday: already a working day
    assert response.status_code == 400
    html = response.content.decode()
    assert "đã là ngày làm việc" in html
    assert 'value="Nghỉ bổ sung cuối năm"' in html  # what was typed is kept
    assert CalendarOverride.objects.count() == 0


def test_agency_scope_needs_an_agency_of_the_province(
    client, admin, commune, foreign_agency
) -> None:
    client.force_login(admin)
    response = client.post(CALENDAR, override_post(**{"override-scope": "agency"}))
    assert response.status_code == 400
    assert "Vui lòng chọn cơ quan áp dụng" in response.content.decode()
    response = client.post(
        CALENDAR,
        override_post(**{"override-scope": "agency", "override-agency": str(foreign_agency.pk)}),
    )
    assert response.status_code == 400
    assert CalendarOverride.objects.count() == 0
    response = client.post(
        CALENDAR, override_post(**{"override-scope": "agency", "override-agency": str(commune.pk)})
    )
    assert response.status_code == 302
    assert CalendarOverride.objects.get().agency == commune


def test_revoke_needs_a_reason_and_keeps_the_row(client, admin) -> None:
    client.force_login(admin)
    client.post(CALENDAR, override_post())
    override = CalendarOverride.objects.get()
    url = reverse("backoffice:calendar-override-revoke", args=[override.pk])
    client.post(url, {"reason": ""})
    override.refresh_from_db()
    assert override.revoked_at is None
    response = client.post(url, {"reason": "Nhập nhầm ngày"})
    assert response.status_code == 302
    override = CalendarOverride.objects.get(pk=override.pk)
    assert override.revoked_at is not None
    assert override.revoke_reason == "Nhập nhầm ngày"


def test_revoking_is_refused_to_other_staff(client, admin, specialist) -> None:
    client.force_login(admin)
    client.post(CALENDAR, override_post())
    override = CalendarOverride.objects.get()
    client.force_login(specialist)
    client.post(reverse("backoffice:calendar-override-revoke", args=[override.pk]), {"reason": "x"})
    override.refresh_from_db()
    assert override.revoked_at is None


def test_revoking_an_invisible_override_is_404(client, admin) -> None:
    client.force_login(admin)
    response = client.post(
        reverse("backoffice:calendar-override-revoke", args=[999]), {"reason": "x"}
    )
    assert response.status_code == 404


def test_office_hours(client, admin, commune) -> None:
    client.force_login(admin)
    data = {
        "hours-agency": str(commune.pk),
        "hours-valid_from": "2027-01-01",
        "hours-blocks": "07:30-11:30,13:00-17:00",
        "hours-weekdays": ["0", "1", "2", "3", "4"],
    }
    bad = client.post(CALENDAR, {**data, "hours-blocks": "7h-11h"})
    assert bad.status_code == 400
    assert "không đúng dạng" in bad.content.decode()
    assert OfficeHours.objects.count() == 0
    assert client.post(CALENDAR, data).status_code == 302
    row = OfficeHours.objects.get()
    assert (row.agency, row.blocks, row.weekdays) == (commune, "07:30-11:30,13:00-17:00", "01234")


def test_deadline_calculator(client, specialist) -> None:
    client.force_login(specialist)
    response = client.get(DEADLINE)
    assert response.status_code == 200
    response = client.get(
        DEADLINE, {"received": "2026-04-29T09:00", "value": "3", "unit": "working_days"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'datetime="2026-05-06T09:00:00+07:00"' in html
    assert "Ngày Chiến thắng" in html
    assert "<html" in html


def test_deadline_calculator_htmx_returns_only_the_result(client, specialist) -> None:
    client.force_login(specialist)
    response = client.get(
        DEADLINE,
        {"received": "2026-04-29T09:00", "value": "3", "unit": "working_days"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.strip().startswith('<section id="deadline-result"')
    assert "<html" not in html
    assert 'datetime="2026-05-06T09:00:00+07:00"' in html


def test_deadline_calculator_bad_input(client, specialist) -> None:
    client.force_login(specialist)
    response = client.get(DEADLINE, {"received": "hôm qua", "value": "-1", "unit": "working_days"})
    assert response.status_code == 400
    assert "Vui lòng sửa các lỗi" in response.content.decode()


def test_calendar_year_is_clamped(client, specialist) -> None:
    client.force_login(specialist)
    assert client.get(CALENDAR, {"year": "abc"}).status_code == 200
    response = client.get(CALENDAR, {"year": "99999"})
    assert response.status_code == 200
    assert response.context["year"] == 2100
    assert response.context["next_year"] is None
