"""Writes for organisations and accounts: rules refused with stable codes, nothing half-saved,
an audit row for every write."""

import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest

from motcua.accounts.models import (
    Agency,
    AgencyLevel,
    CitizenKind,
    CitizenProfile,
    Desk,
    DeskKind,
    Membership,
    Role,
    User,
    UserKind,
)
from motcua.accounts.services import (
    agency_create,
    agency_retire,
    citizen_register,
    desk_create,
    membership_grant,
    membership_revoke,
    staff_user_create,
)
from motcua.core.errors import ValidationFailed
from motcua.core.models import AuditEvent
from tests.accounts.factories import (
    AgencyFactory,
    CitizenFactory,
    CitizenProfileFactory,
    DeskFactory,
    MembershipFactory,
    StaffUserFactory,
    personal_id,
    tax_code,
)

pytestmark = pytest.mark.django_db

COUNTED = (Agency, Desk, User, Membership, CitizenProfile, AuditEvent)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def unchanged() -> Iterator[None]:
    """The test's failing call must leave every table as it was."""
    before = _counts()
    yield
    assert _counts() == before


def refused(call: Callable[[], object], *, code: str, field: str | None) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as info:
        call()
    assert info.value.code == code
    assert info.value.field == field
    assert info.value.message  # a Vietnamese sentence for people
    return info.value


@pytest.fixture
def admin_user() -> User:
    return StaffUserFactory(username="quantri")


# --- Agencies -----------------------------------------------------------------------------------


def test_agency_create_writes_agency_and_audit(admin_user: User) -> None:
    province = agency_create(
        code="000.00.00.H98",
        name="Ủy ban nhân dân tỉnh Thử Nghiệm",
        level=AgencyLevel.PROVINCE,
        parent=None,
        phone="+84 24 3825 1234",
        actor=admin_user,
    )
    department = agency_create(
        code="000.00.15.H98",
        name="Sở Tư pháp",
        level=AgencyLevel.DEPARTMENT,
        parent=province,
        actor=admin_user,
    )
    department.refresh_from_db()
    assert department.parent == province
    assert department.valid_from == dt.date(2025, 7, 1)
    assert department.valid_to is None
    province.refresh_from_db()
    assert province.phone == "02438251234"  # normalised to national format
    event = AuditEvent.objects.get(object_type="accounts.agency", object_id=str(department.pk))
    assert event.action == "agency.created"
    assert event.actor == admin_user


@pytest.mark.parametrize(
    ("level", "parent_level"),
    [
        (AgencyLevel.PROVINCE, AgencyLevel.PROVINCE),
        (AgencyLevel.DEPARTMENT, None),
        (AgencyLevel.DEPARTMENT, AgencyLevel.DEPARTMENT),
        (AgencyLevel.DEPARTMENT, AgencyLevel.COMMUNE),
        (AgencyLevel.UNIT, None),
        (AgencyLevel.UNIT, AgencyLevel.COMMUNE),
        (AgencyLevel.DISTRICT, AgencyLevel.DEPARTMENT),
        (AgencyLevel.COMMUNE, None),
        (AgencyLevel.COMMUNE, AgencyLevel.DEPARTMENT),
        (AgencyLevel.COMMUNE, AgencyLevel.COMMUNE),
        (AgencyLevel.BRANCH, AgencyLevel.DEPARTMENT),
    ],
)
def test_agency_parent_level_refused(
    level: AgencyLevel, parent_level: AgencyLevel | None, admin_user: User
) -> None:
    parent = AgencyFactory(level=parent_level) if parent_level else None
    before = _counts()
    refused(
        lambda: agency_create(
            code="000.00.77.H98", name="Thử", level=level, parent=parent, actor=admin_user
        ),
        code="agency_parent_level",
        field="parent",
    )
    assert _counts() == before


@pytest.mark.parametrize(
    ("level", "parent_level"),
    [
        (AgencyLevel.PROVINCE, None),
        (AgencyLevel.DEPARTMENT, AgencyLevel.PROVINCE),
        (AgencyLevel.UNIT, AgencyLevel.DEPARTMENT),
        (AgencyLevel.UNIT, AgencyLevel.UNIT),
        (AgencyLevel.DISTRICT, AgencyLevel.PROVINCE),
        (AgencyLevel.COMMUNE, AgencyLevel.PROVINCE),
        (AgencyLevel.COMMUNE, AgencyLevel.DISTRICT),
        (AgencyLevel.BRANCH, None),
        (AgencyLevel.BRANCH, AgencyLevel.BRANCH),
    ],
)
def test_agency_parent_level_allowed(
    level: AgencyLevel, parent_level: AgencyLevel | None, admin_user: User
) -> None:
    parent = AgencyFactory(level=parent_level) if parent_level else None
    agency = agency_create(
        code="000.00.77.H98", name="Thử", level=level, parent=parent, actor=admin_user
    )
    assert agency.level == level


@pytest.mark.parametrize("code", ["H98.00.15.000", "000.00.15.h98", "000.0.15.H98", ""])
def test_agency_invalid_code_names_the_field(code: str, admin_user: User, unchanged: None) -> None:
    error = refused(
        lambda: agency_create(
            code=code, name="Sở Tư pháp", level=AgencyLevel.PROVINCE, parent=None, actor=admin_user
        ),
        code="blank" if code == "" else "agency_code_format",
        field="code",
    )
    errors = error.details["errors"]
    assert isinstance(errors, dict)
    assert "code" in errors


def test_agency_duplicate_code_refused(admin_user: User) -> None:
    AgencyFactory(code="000.00.00.H98")
    before = _counts()
    refused(
        lambda: agency_create(
            code="000.00.00.H98",
            name="Trùng mã",
            level=AgencyLevel.PROVINCE,
            parent=None,
            actor=admin_user,
        ),
        code="unique",
        field="code",
    )
    assert _counts() == before


@pytest.mark.parametrize(
    ("phone", "code"), [("abc", "phone_not_digits"), ("0951234567", "phone_invalid")]
)
def test_agency_bad_phone_is_a_domain_error(
    phone: str, code: str, admin_user: User, unchanged: None
) -> None:
    refused(
        lambda: agency_create(
            code="000.00.00.H98",
            name="Thử",
            level=AgencyLevel.PROVINCE,
            parent=None,
            phone=phone,
            actor=admin_user,
        ),
        code=code,
        field="phone",
    )


@pytest.mark.parametrize("valid_to", [dt.date(2025, 7, 1), dt.date(2025, 6, 30)])
def test_agency_create_valid_range(valid_to: dt.date, admin_user: User, unchanged: None) -> None:
    refused(
        lambda: agency_create(
            code="000.00.00.H98",
            name="Thử",
            level=AgencyLevel.PROVINCE,
            parent=None,
            valid_to=valid_to,
            actor=admin_user,
        ),
        code="agency_valid_range",
        field="valid_to",
    )


def test_agency_retire_records_successors(admin_user: User) -> None:
    province = AgencyFactory()
    district = AgencyFactory(
        level=AgencyLevel.DISTRICT, parent=province, valid_from=dt.date(2010, 1, 1)
    )
    communes = [
        AgencyFactory(level=AgencyLevel.COMMUNE, parent=province, valid_from=dt.date(2025, 7, 1))
        for _ in range(2)
    ]
    retired = agency_retire(
        agency=district,
        valid_to=dt.date(2025, 7, 1),
        successors=communes,
        reason="Nghị quyết 1656/NQ-UBTVQH15: kết thúc hoạt động cấp huyện.",
        actor=admin_user,
    )
    district.refresh_from_db()
    assert district.valid_to == dt.date(2025, 7, 1)
    assert retired.valid_to == dt.date(2025, 7, 1)
    assert set(district.successors.all()) == set(communes)
    assert list(communes[0].predecessors.all()) == [district]
    assert district.is_active_on(dt.date(2025, 6, 30))
    assert not district.is_active_on(dt.date(2025, 7, 1))
    event = AuditEvent.objects.get(action="agency.retired")
    assert event.object_id == str(district.pk)
    assert event.reason.startswith("Nghị quyết 1656")
    assert event.data == {
        "valid_to": "2025-07-01",
        "successors": [communes[0].code, communes[1].code],
    }


@pytest.mark.parametrize("valid_to", [dt.date(2010, 1, 1), dt.date(2009, 12, 31)])
def test_agency_retire_range_checked(valid_to: dt.date, admin_user: User) -> None:
    district = AgencyFactory(level=AgencyLevel.DISTRICT, valid_from=dt.date(2010, 1, 1))
    before = _counts()
    refused(
        lambda: agency_retire(
            agency=district, valid_to=valid_to, successors=[], reason="", actor=admin_user
        ),
        code="agency_valid_range",
        field="valid_to",
    )
    district.refresh_from_db()
    assert district.valid_to is None
    assert _counts() == before


def test_agency_cannot_succeed_itself(admin_user: User) -> None:
    district = AgencyFactory(level=AgencyLevel.DISTRICT, valid_from=dt.date(2010, 1, 1))
    refused(
        lambda: agency_retire(
            agency=district,
            valid_to=dt.date(2025, 7, 1),
            successors=[district],
            reason="",
            actor=admin_user,
        ),
        code="agency_self_successor",
        field="successors",
    )
    district.refresh_from_db()
    assert district.valid_to is None
    assert not district.successors.exists()


# --- Desks --------------------------------------------------------------------------------------


def test_desk_create(admin_user: User) -> None:
    province = AgencyFactory()
    departments = [AgencyFactory(level=AgencyLevel.DEPARTMENT, parent=province) for _ in range(2)]
    desk = desk_create(
        code="ttphvhc",
        name="Trung tâm Phục vụ hành chính công tỉnh",
        kind=DeskKind.SERVICE_CENTRE,
        host=province,
        serves=[province, *departments],
        phone="0237 385 2345",
        actor=admin_user,
    )
    desk.refresh_from_db()
    assert desk.host == province
    assert set(desk.serves.all()) == {province, *departments}
    assert desk.phone == "02373852345"
    event = AuditEvent.objects.get(action="desk.created")
    assert event.object_id == str(desk.pk)
    assert sorted(event.data["serves"]) == sorted(a.code for a in [province, *departments])


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"code": "bộ phận một cửa"}, "invalid", "code"),
        ({"name": ""}, "blank", "name"),
        ({"phone": "12345"}, "phone_invalid", "phone"),
    ],
)
def test_desk_create_refused(
    changes: dict[str, str], code: str, field: str, admin_user: User
) -> None:
    province = AgencyFactory()
    before = _counts()
    fields: dict[str, str] = {"code": "mot-cua", "name": "Bộ phận một cửa", "phone": ""} | changes
    refused(
        lambda: desk_create(
            kind=DeskKind.AGENCY_DESK, host=province, serves=[province], actor=admin_user, **fields
        ),
        code=code,
        field=field,
    )
    assert _counts() == before


def test_desk_duplicate_code_refused(admin_user: User) -> None:
    existing = DeskFactory()
    refused(
        lambda: desk_create(
            code=existing.code,
            name="Khác",
            kind=DeskKind.AGENCY_DESK,
            host=existing.host,
            serves=[],
            actor=admin_user,
        ),
        code="unique",
        field="code",
    )


# --- Staff users and memberships ----------------------------------------------------------------


def test_staff_user_create(admin_user: User) -> None:
    user = staff_user_create(
        username="nguyenvana",
        full_name="Nguyễn Văn A",
        email="nguyenvana@tuphap.gov.vn",
        phone="+84 912 345 678",
        password="Mot-cua-2025!",
        actor=admin_user,
    )
    user.refresh_from_db()
    assert user.kind == UserKind.STAFF
    assert user.phone == "0912345678"
    assert not user.is_staff  # staff of the province, not of the Django admin
    assert user.check_password("Mot-cua-2025!")
    event = AuditEvent.objects.get(action="user.created", object_id=str(user.pk))
    assert event.data == {"kind": "staff"}
    assert event.actor == admin_user


def test_staff_user_without_password_cannot_log_in(admin_user: User) -> None:
    user = staff_user_create(
        username="tranthib", full_name="Trần Thị B", email="", phone="", password=None, actor=None
    )
    assert not user.has_usable_password()
    assert user.phone == ""


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"email": "not-an-email"}, "email_invalid", "email"),
        ({"phone": "024 3825 1234"}, "phone_is_landline", "phone"),
        ({"phone": "0951234567"}, "phone_invalid", "phone"),
        ({"username": "quantri"}, "unique", "username"),
        ({"username": "có dấu cách"}, "invalid", "username"),
        ({"full_name": ""}, "blank", "full_name"),
    ],
)
def test_staff_user_create_refused(
    changes: dict[str, str], code: str, field: str, admin_user: User
) -> None:
    before = _counts()
    fields = {
        "username": "nguyenvana",
        "full_name": "Nguyễn Văn A",
        "email": "a@example.com",
        "phone": "0912345678",
    } | changes
    refused(
        lambda: staff_user_create(password="Mot-cua-2025!", actor=admin_user, **fields),
        code=code,
        field=field,
    )
    assert _counts() == before


def test_membership_grant(admin_user: User) -> None:
    user = StaffUserFactory()
    agency = AgencyFactory(level=AgencyLevel.DEPARTMENT)
    membership = membership_grant(user=user, agency=agency, role=Role.SPECIALIST, actor=admin_user)
    assert membership.desk is None
    assert membership.valid_to is None
    event = AuditEvent.objects.get(action="membership.granted")
    assert event.object_id == str(membership.pk)
    assert event.data == {"user": user.username, "agency": agency.code, "role": "specialist"}


def test_desk_officer_at_host_or_served_agency(admin_user: User) -> None:
    province = AgencyFactory()
    department = AgencyFactory(level=AgencyLevel.DEPARTMENT, parent=province)
    centre = DeskFactory(host=province, serves=[department])
    user = StaffUserFactory()
    at_host = membership_grant(
        user=user, agency=province, role=Role.DESK_OFFICER, desk=centre, actor=admin_user
    )
    served = membership_grant(
        user=user, agency=department, role=Role.DESK_OFFICER, desk=centre, actor=admin_user
    )
    assert at_host.desk == served.desk == centre


def test_desk_officer_needs_a_desk(admin_user: User) -> None:
    user, agency = StaffUserFactory(), AgencyFactory()
    before = _counts()
    refused(
        lambda: membership_grant(
            user=user, agency=agency, role=Role.DESK_OFFICER, actor=admin_user
        ),
        code="membership_desk_required",
        field="desk",
    )
    assert _counts() == before


def test_desk_must_serve_the_agency(admin_user: User) -> None:
    province = AgencyFactory()
    department = AgencyFactory(level=AgencyLevel.DEPARTMENT, parent=province)
    desk = DeskFactory(host=province)  # serves only its host
    user = StaffUserFactory()
    before = _counts()
    refused(
        lambda: membership_grant(
            user=user, agency=department, role=Role.DESK_OFFICER, desk=desk, actor=admin_user
        ),
        code="membership_desk_agency",
        field="desk",
    )
    assert _counts() == before


def test_citizen_cannot_get_a_role(admin_user: User) -> None:
    citizen, agency = CitizenFactory(), AgencyFactory()
    before = _counts()
    refused(
        lambda: membership_grant(user=citizen, agency=agency, role=Role.LEADER, actor=admin_user),
        code="membership_not_staff",
        field=None,
    )
    assert _counts() == before


def test_duplicate_open_membership_refused(admin_user: User) -> None:
    existing = MembershipFactory(role=Role.LEADER)
    before = _counts()
    refused(
        lambda: membership_grant(
            user=existing.user, agency=existing.agency, role=Role.LEADER, actor=admin_user
        ),
        code="membership_exists",
        field="role",
    )
    assert _counts() == before
    # Another role at the same agency is fine.
    membership_grant(
        user=existing.user, agency=existing.agency, role=Role.SPECIALIST, actor=admin_user
    )


def test_membership_revoke_then_grant_again(admin_user: User) -> None:
    membership = MembershipFactory(role=Role.LEADER)
    revoked = membership_revoke(
        membership=membership,
        valid_to=dt.date(2026, 1, 1),
        reason="Nghỉ hưu theo chế độ.",
        actor=admin_user,
    )
    membership.refresh_from_db()
    assert membership.valid_to == revoked.valid_to == dt.date(2026, 1, 1)
    event = AuditEvent.objects.get(action="membership.revoked")
    assert (event.object_id, event.reason) == (str(membership.pk), "Nghỉ hưu theo chế độ.")
    again = membership_grant(
        user=membership.user,
        agency=membership.agency,
        role=Role.LEADER,
        valid_from=dt.date(2026, 3, 1),
        actor=admin_user,
    )
    assert again.pk != membership.pk


def test_membership_revoke_refused(admin_user: User) -> None:
    membership = MembershipFactory(valid_from=dt.date(2025, 7, 1))
    for valid_to in [dt.date(2025, 7, 1), dt.date(2025, 1, 1)]:
        refused(
            partial(
                membership_revoke,
                membership=membership,
                valid_to=valid_to,
                reason="",
                actor=admin_user,
            ),
            code="membership_valid_range",
            field="valid_to",
        )
    membership.refresh_from_db()
    assert membership.valid_to is None
    membership_revoke(membership=membership, valid_to=dt.date(2026, 1, 1), reason="", actor=None)
    refused(
        lambda: membership_revoke(
            membership=membership, valid_to=dt.date(2027, 1, 1), reason="", actor=admin_user
        ),
        code="membership_already_ended",
        field=None,
    )
    membership.refresh_from_db()
    assert membership.valid_to == dt.date(2026, 1, 1)


# --- Citizens -----------------------------------------------------------------------------------


def test_citizen_register_individual() -> None:
    user = citizen_register(
        kind=CitizenKind.INDIVIDUAL,
        full_name="  Lê Thị Hồng  ",
        phone="098 765 4321",
        password="Mot-cua-2025!",
        email="lethihong@example.com",
        personal_id_number="001 190 012 345",
        date_of_birth=dt.date(1990, 3, 8),
        address="Số 5 Hàng Bài, Hà Nội",
    )
    user.refresh_from_db()
    assert user.username == "001190012345"  # logs in with the ID number
    assert user.kind == UserKind.CITIZEN
    assert user.full_name == "Lê Thị Hồng"
    assert user.phone == "0987654321"
    assert not user.is_staff
    assert user.check_password("Mot-cua-2025!")
    profile = user.citizen_profile
    assert profile.kind == CitizenKind.INDIVIDUAL
    assert profile.personal_id_number == "001190012345"
    assert profile.tax_code is None
    assert profile.date_of_birth == dt.date(1990, 3, 8)
    event = AuditEvent.objects.get(action="user.created", object_id=str(user.pk))
    assert event.actor is None
    assert event.data == {"kind": "citizen"}


def test_citizen_register_organisation() -> None:
    user = citizen_register(
        kind=CitizenKind.ORGANISATION,
        full_name="Phạm Văn Đại diện",
        phone="+84 912 000 111",
        password=None,
        tax_code=" 0100109106-001 ",
        organisation_name="Chi nhánh Viettel Hà Nội",
    )
    assert user.username == "0100109106-001"
    assert not user.has_usable_password()
    profile = CitizenProfile.objects.get(user=user)
    assert profile.kind == CitizenKind.ORGANISATION
    assert profile.tax_code == "0100109106-001"
    assert profile.personal_id_number is None
    assert profile.organisation_name == "Chi nhánh Viettel Hà Nội"


INDIVIDUAL: dict[str, Any] = {
    "kind": CitizenKind.INDIVIDUAL,
    "full_name": "Lê Thị Hồng",
    "phone": "0987654321",
    "password": "Mot-cua-2025!",
    "personal_id_number": "001190012345",
}
ORGANISATION: dict[str, Any] = {
    "kind": CitizenKind.ORGANISATION,
    "full_name": "Phạm Văn Đại diện",
    "phone": "0912000111",
    "password": "Mot-cua-2025!",
    "tax_code": "0100109106",
    "organisation_name": "Tập đoàn Viettel",
}


@pytest.mark.parametrize(
    ("base", "changes", "code", "field"),
    [
        (INDIVIDUAL, {"phone": "024 3825 1234"}, "phone_is_landline", "phone"),
        (INDIVIDUAL, {"phone": ""}, "phone_required", "phone"),
        (INDIVIDUAL, {"phone": "0951234567"}, "phone_invalid", "phone"),
        (INDIVIDUAL, {"personal_id_number": None}, "personal_id_required", "personal_id_number"),
        (
            INDIVIDUAL,
            {"personal_id_number": "00119001234"},
            "personal_id_format",
            "personal_id_number",
        ),
        (
            INDIVIDUAL,
            {"personal_id_number": "003190012345"},
            "personal_id_province",
            "personal_id_number",
        ),
        (
            INDIVIDUAL,
            {"date_of_birth": dt.date(1991, 1, 1)},
            "personal_id_birth_mismatch",
            "personal_id_number",
        ),
        (INDIVIDUAL, {"email": "lethihong@"}, "email_invalid", "email"),
        (INDIVIDUAL, {"full_name": "   "}, "blank", "full_name"),
        # Fails only when the profile is validated, after the user row was written: rolled back.
        (INDIVIDUAL, {"address": "x" * 300}, "max_length", "address"),
        (ORGANISATION, {"tax_code": None}, "tax_code_required", "tax_code"),
        (ORGANISATION, {"tax_code": "0100109107"}, "tax_code_checksum", "tax_code"),
        (ORGANISATION, {"tax_code": "0100109106-000"}, "tax_code_branch", "tax_code"),
        (
            ORGANISATION,
            {"organisation_name": " "},
            "organisation_name_required",
            "organisation_name",
        ),
        (ORGANISATION, {"phone": "(024) 3825 1234"}, "phone_is_landline", "phone"),
    ],
)
def test_citizen_register_refused_and_nothing_saved(
    base: dict[str, Any], changes: dict[str, Any], code: str, field: str, unchanged: None
) -> None:
    refused(lambda: citizen_register(**(base | changes)), code=code, field=field)


def test_duplicate_identity_refused() -> None:
    citizen_register(**INDIVIDUAL)
    citizen_register(**ORGANISATION)
    before = _counts()
    refused(
        lambda: citizen_register(**(INDIVIDUAL | {"personal_id_number": "001 190 012 345"})),
        code="citizen_exists",
        field="personal_id_number",
    )
    refused(
        lambda: citizen_register(**(ORGANISATION | {"tax_code": " 0100109106"})),
        code="citizen_exists",
        field="tax_code",
    )
    assert _counts() == before


def test_identity_taken_under_another_username_refused() -> None:
    # The profile is what proves identity; an account renamed in the admin still holds it.
    number = personal_id(4242, birth_year=1990)
    CitizenProfileFactory(personal_id_number=number, user__username="doi-ten")
    organisation = tax_code(4242)
    CitizenProfileFactory(
        kind=CitizenKind.ORGANISATION,
        personal_id_number=None,
        tax_code=organisation,
        organisation_name="Công ty Đổi Tên",
        user__username="doi-ten-to-chuc",
    )
    before = _counts()
    refused(
        lambda: citizen_register(**(INDIVIDUAL | {"personal_id_number": number})),
        code="citizen_exists",
        field="personal_id_number",
    )
    refused(
        lambda: citizen_register(**(ORGANISATION | {"tax_code": organisation})),
        code="citizen_exists",
        field="tax_code",
    )
    assert _counts() == before


def test_staff_username_equal_to_an_id_blocks_registration() -> None:
    StaffUserFactory(username="001190012345")
    refused(
        lambda: citizen_register(**INDIVIDUAL),
        code="citizen_exists",
        field="personal_id_number",
    )
