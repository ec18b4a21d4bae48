"""The editable calendar: overrides by scope, office hours, permissions, audit, running clocks."""

import datetime as dt

import pytest

from motcua.accounts.models import Agency, AgencyLevel, Role, User
from motcua.accounts.services import agency_create, membership_grant, staff_user_create
from motcua.calendar.engine import Clock, DayReason
from motcua.calendar.models import CalendarOverride, OfficeHours, OverrideKind, OverrideScope
from motcua.calendar.selectors import calendar_for_agency
from motcua.calendar.services import (
    calendar_override_create,
    calendar_override_revoke,
    office_hours_set,
)
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.models import AuditEvent
from motcua.core.timezone import VN_TZ

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


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
def other_province():
    return agency_create(
        code="000.00.00.H98",
        name="UBND tỉnh Bên Cạnh",
        level=AgencyLevel.PROVINCE,
        parent=None,
        actor=None,
    )


@pytest.fixture
def department(province):
    return agency_create(
        code="000.00.15.H99",
        name="Sở Tư pháp",
        level=AgencyLevel.DEPARTMENT,
        parent=province,
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
def admin(province) -> User:
    user = staff_user_create(
        username="qt.tinh",
        full_name="Nguyễn Văn Quản",
        email="",
        phone="0912345678",
        password=None,
        actor=None,
    )
    membership_grant(user=user, agency=province, role=Role.PROVINCE_ADMIN, actor=None)
    return user


@pytest.fixture
def specialist(department) -> User:
    user = staff_user_create(
        username="cv.tuphap",
        full_name="Trần Thị Chuyên",
        email="",
        phone="0987654321",
        password=None,
        actor=None,
    )
    membership_grant(user=user, agency=department, role=Role.SPECIALIST, actor=None)
    return user


def add_override(admin, **overrides):
    values = {
        "start_date": dt.date(2026, 12, 31),
        "end_date": dt.date(2026, 12, 31),
        "kind": OverrideKind.DAY_OFF,
        "scope": OverrideScope.PROVINCE,
        "agency": Agency.objects.get(code="000.00.00.H99"),
        "name": "Nghỉ bổ sung cuối năm",
        "legal_reference": "CV 1/VPCP",
        "actor": admin,
    }
    values.update(overrides)
    return calendar_override_create(**values)


def test_national_calendar_without_data_uses_holidays_and_defaults() -> None:
    cal = calendar_for_agency(None)
    assert cal.day_info(dt.date(2026, 9, 2)).reason is DayReason.HOLIDAY
    assert cal.hours_per_day(dt.date(2026, 1, 5)) == 8 * H


def test_province_override_applies_to_its_agencies_only(
    admin, province, other_province, department, commune
) -> None:
    add_override(admin, scope=OverrideScope.PROVINCE, agency=province, name="Nghỉ bão số 9")
    day = dt.date(2026, 12, 31)
    assert not calendar_for_agency(department).is_working_day(day)
    assert not calendar_for_agency(commune).is_working_day(day)
    assert not calendar_for_agency(province).is_working_day(day)
    assert calendar_for_agency(other_province).is_working_day(day)
    assert calendar_for_agency(None).is_working_day(day)
    info = calendar_for_agency(department).day_info(day)
    assert info.reason is DayReason.EXTRA_DAY_OFF
    assert info.name_vi == "Nghỉ bão số 9"


def test_narrower_scope_wins(admin, province, department, commune) -> None:
    add_override(admin, scope=OverrideScope.PROVINCE, agency=province)
    # The department works that day anyway (e.g. a reception campaign): agency scope wins.
    add_override(
        admin,
        scope=OverrideScope.AGENCY,
        agency=department,
        kind=OverrideKind.WORKING_DAY,
        start_date=dt.date(2026, 12, 31),
        end_date=dt.date(2026, 12, 31),
        name="Làm việc trực",
    )
    day = dt.date(2026, 12, 31)
    assert calendar_for_agency(department).is_working_day(day)
    assert not calendar_for_agency(commune).is_working_day(day)


def test_make_up_saturday(admin, province, department) -> None:
    add_override(
        admin,
        scope=OverrideScope.PROVINCE,
        agency=province,
        kind=OverrideKind.WORKING_DAY,
        start_date=dt.date(2026, 12, 5),
        end_date=dt.date(2026, 12, 5),
        name="Làm bù thứ Bảy",
    )
    cal = calendar_for_agency(department)
    assert cal.day_info(dt.date(2026, 12, 5)).reason is DayReason.MAKE_UP_WORKING_DAY
    assert cal.add_working_time(at(2026, 12, 4, 17), 8 * H) == at(2026, 12, 5, 17)


def test_a_day_off_added_later_moves_a_running_deadline(admin, province, department) -> None:
    clock = Clock(at(2026, 12, 29, 9), 16 * H)
    assert clock.due(calendar_for_agency(department)) == at(2026, 12, 31, 9)
    add_override(admin, scope=OverrideScope.PROVINCE, agency=province)
    # 31/12 is now off and 1/1 is New Year's Day: Monday 4/1/2027.
    assert clock.due(calendar_for_agency(department)) == at(2027, 1, 4, 9)


def test_revoked_override_no_longer_applies_but_is_kept(admin, province, department) -> None:
    override = add_override(admin, scope=OverrideScope.PROVINCE, agency=province)
    calendar_override_revoke(override=override, reason="Nhập nhầm ngày", actor=admin)
    assert calendar_for_agency(department).is_working_day(dt.date(2026, 12, 31))
    override.refresh_from_db()
    assert override.revoked_by == admin
    assert override.revoke_reason == "Nhập nhầm ngày"
    with pytest.raises(ValidationFailed) as exc:
        calendar_override_revoke(override=override, reason="lần nữa", actor=admin)
    assert exc.value.code == "calendar_override_revoked"


def test_changes_are_audited(admin, province) -> None:
    override = add_override(admin, scope=OverrideScope.PROVINCE, agency=province)
    calendar_override_revoke(override=override, reason="Nhập nhầm", actor=admin)
    actions = list(
        AuditEvent.objects.filter(object_type="work_calendar.calendaroverride").values_list(
            "action", "actor"
        )
    )
    assert actions == [
        ("calendar.override_created", admin.pk),
        ("calendar.override_revoked", admin.pk),
    ]


def test_only_province_admins_edit_the_calendar(specialist, province) -> None:
    with pytest.raises(PermissionDenied) as exc:
        add_override(specialist, scope=OverrideScope.PROVINCE, agency=province)
    assert exc.value.code == "calendar_forbidden"
    with pytest.raises(PermissionDenied):
        office_hours_set(
            agency=province,
            valid_from=dt.date(2027, 1, 1),
            blocks="07:30-11:30,13:00-17:00",
            actor=specialist,
        )
    assert CalendarOverride.objects.count() == 0
    assert OfficeHours.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "code"),
    [
        (
            {"start_date": dt.date(2026, 12, 31), "end_date": dt.date(2026, 12, 30)},
            "calendar_override_range",
        ),
        (
            {"start_date": dt.date(2026, 12, 1), "end_date": dt.date(2027, 1, 15)},
            "calendar_override_too_long",
        ),
        ({"kind": OverrideKind.WORKING_DAY}, "calendar_already_working"),  # 31/12 is a Thursday
        (
            {"start_date": dt.date(2026, 9, 2), "end_date": dt.date(2026, 9, 2)},
            "calendar_already_off",
        ),
        ({"scope": OverrideScope.AGENCY, "agency": None}, "calendar_scope_agency"),
        ({"name": "  "}, "required"),
    ],
)
def test_bad_overrides_are_refused_and_nothing_is_saved(admin, values, code) -> None:
    with pytest.raises(ValidationFailed) as exc:
        add_override(admin, **values)
    assert exc.value.code == code
    assert exc.value.message  # a Vietnamese sentence for the UI
    assert CalendarOverride.objects.count() == 0


def test_national_days_are_for_superusers_only(admin, province) -> None:
    with pytest.raises(PermissionDenied):
        add_override(admin, scope=OverrideScope.NATIONAL, agency=None)
    root = User.objects.create_superuser(
        username="root", password="x", kind="staff", full_name="Quản trị hệ thống"
    )
    add_override(root, scope=OverrideScope.NATIONAL, agency=None, name="Quốc tang")
    assert not calendar_for_agency(province).is_working_day(dt.date(2026, 12, 31))
    assert not calendar_for_agency(None).is_working_day(dt.date(2026, 12, 31))


def test_province_admins_cannot_touch_another_province(admin, other_province) -> None:
    with pytest.raises(PermissionDenied):
        add_override(admin, scope=OverrideScope.PROVINCE, agency=other_province)
    with pytest.raises(PermissionDenied):
        office_hours_set(
            agency=other_province, valid_from=dt.date(2027, 1, 1), blocks="07:00-11:00", actor=admin
        )


def test_province_admins_set_agency_days_in_their_province(admin, commune) -> None:
    add_override(admin, scope=OverrideScope.AGENCY, agency=commune, name="Nghỉ lễ hội địa phương")
    assert not calendar_for_agency(commune).is_working_day(dt.date(2026, 12, 31))


def test_province_scope_needs_a_province(admin, department) -> None:
    with pytest.raises(ValidationFailed) as exc:
        add_override(admin, scope=OverrideScope.PROVINCE, agency=department)
    assert exc.value.code == "calendar_scope_province"


def test_overlapping_overrides_are_refused(admin, province) -> None:
    add_override(admin, scope=OverrideScope.PROVINCE, agency=province)
    with pytest.raises(ValidationFailed) as exc:
        add_override(
            admin,
            scope=OverrideScope.PROVINCE,
            agency=province,
            start_date=dt.date(2026, 12, 30),
            end_date=dt.date(2026, 12, 31),
        )
    assert exc.value.code == "calendar_override_overlap"
    assert CalendarOverride.objects.count() == 1


def test_office_hours_inherit_down_the_tree_and_are_effective_dated(
    admin, province, department, commune
) -> None:
    office_hours_set(
        agency=department,
        valid_from=dt.date(2027, 1, 1),
        blocks="07:30-11:30, 13:00-17:00",
        actor=admin,
    )
    dept_cal = calendar_for_agency(department)
    assert dept_cal.next_working_instant(at(2027, 1, 4, 7)) == at(2027, 1, 4, 7, 30)
    assert dept_cal.next_working_instant(at(2026, 12, 28, 7)) == at(2026, 12, 28, 7)  # before it
    assert calendar_for_agency(commune).next_working_instant(at(2027, 1, 4, 7)) == at(2027, 1, 4, 7)
    office_hours_set(
        agency=province,
        valid_from=dt.date(2027, 1, 1),
        blocks="08:00-12:00,13:00-17:00",
        actor=admin,
    )
    assert calendar_for_agency(commune).next_working_instant(at(2027, 1, 4, 7)) == at(2027, 1, 4, 8)
    # The department's own hours still win over the province's.
    assert calendar_for_agency(department).next_working_instant(at(2027, 1, 4, 7)) == at(
        2027, 1, 4, 7, 30
    )
    assert OfficeHours.objects.get(agency=department).blocks == "07:30-11:30,13:00-17:00"


@pytest.mark.parametrize("blocks", ["7h-11h", "13:00-12:00", "07:00-12:00,11:00-17:00"])
def test_bad_office_hours_are_refused(admin, province, blocks) -> None:
    with pytest.raises(ValidationFailed) as exc:
        office_hours_set(
            agency=province, valid_from=dt.date(2027, 1, 1), blocks=blocks, actor=admin
        )
    assert exc.value.code == "office_hours_invalid"
    assert OfficeHours.objects.count() == 0


def test_office_hours_twice_from_the_same_day_refused(admin, province) -> None:
    office_hours_set(
        agency=province, valid_from=dt.date(2027, 1, 1), blocks="07:00-11:00", actor=admin
    )
    with pytest.raises(ValidationFailed) as exc:
        office_hours_set(
            agency=province, valid_from=dt.date(2027, 1, 1), blocks="08:00-11:00", actor=admin
        )
    assert exc.value.code == "office_hours_exists"
