"""The demo province loader: what it creates, that it is idempotent, that its data is valid."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth import authenticate

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
from motcua.accounts.services import agency_create
from motcua.accounts.validators import (
    parse_personal_id,
    validate_mobile_phone,
    validate_tax_code,
)
from motcua.core.models import AuditEvent
from motcua.demo.people_content import ADMIN_USERNAME, CITIZENS, DEMO_PASSWORD, STAFF
from motcua.demo.province import demo_province_load, desk_rows
from motcua.demo.province_content import (
    AGRICULTURE_ENVIRONMENT,
    CONSTRUCTION,
    FIRST_COMMUNE,
    JUSTICE,
    LAND_REGISTRATION,
    LAND_REGISTRATION_BRANCH,
    POLICE,
    PROVINCE,
    SERVICE_CENTRE_AGENCY,
    SERVICE_CENTRE_DESK,
    TWO_TIER_START,
    agency_rows,
    commune_code,
    commune_desk_code,
)

pytestmark = pytest.mark.django_db

DISTRICTS = ("000.51.00.H99", "000.52.00.H99")


def _counts() -> dict[str, int]:
    return {
        "agencies": Agency.objects.count(),
        "successor_links": Agency.successors.through.objects.count(),
        "desks": Desk.objects.count(),
        "desk_serves": Desk.serves.through.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "citizens": CitizenProfile.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def test_loader_creates_the_agency_tree():
    summary = demo_province_load()

    levels = Counter(Agency.objects.values_list("level", flat=True))
    assert levels == {
        AgencyLevel.PROVINCE: 1,
        AgencyLevel.DEPARTMENT: 15,
        AgencyLevel.UNIT: 5,
        AgencyLevel.BRANCH: 4,
        AgencyLevel.COMMUNE: 30,
        AgencyLevel.DISTRICT: 2,
    }
    assert summary.agencies_created == 57
    assert summary.province.code == PROVINCE
    justice = Agency.objects.get(code=JUSTICE)
    assert justice.name == "Sở Tư pháp"
    assert justice.parent == summary.province


def test_former_districts_end_on_1_july_2025_with_the_communes_as_successors():
    demo_province_load()

    communes = set(Agency.objects.filter(level=AgencyLevel.COMMUNE).values_list("code", flat=True))
    covered: set[str] = set()
    for code in DISTRICTS:
        district = Agency.objects.get(code=code)
        assert district.valid_to == TWO_TIER_START
        assert not district.is_active_on(dt.date(2025, 7, 1))
        assert district.is_active_on(dt.date(2025, 6, 30))
        successors = set(district.successors.values_list("code", flat=True))
        assert successors
        assert not successors & covered  # each commune comes from one district
        covered |= successors
    assert covered == communes
    assert AuditEvent.objects.filter(action="agency.retired").count() == 2


def test_desks_the_service_centre_and_one_per_commune():
    summary = demo_province_load()

    assert summary.desks_created == Desk.objects.count() == 31
    centre = Desk.objects.get(code=SERVICE_CENTRE_DESK)
    assert centre.kind == DeskKind.SERVICE_CENTRE
    assert centre.host.code == SERVICE_CENTRE_AGENCY
    served = set(centre.serves.values_list("code", flat=True))
    expected = set(
        Agency.objects.filter(
            level__in=[
                AgencyLevel.PROVINCE,
                AgencyLevel.DEPARTMENT,
                AgencyLevel.UNIT,
                AgencyLevel.BRANCH,
            ]
        ).values_list("code", flat=True)
    )
    assert served == expected
    assert {JUSTICE, CONSTRUCTION, LAND_REGISTRATION, POLICE} <= served

    for n in range(1, 31):
        desk = Desk.objects.get(code=commune_desk_code(n))
        assert desk.kind == DeskKind.COMMUNE_CENTRE
        assert desk.host.code == commune_code(n)
        assert desk.host.level == AgencyLevel.COMMUNE
        serves = set(desk.serves.values_list("code", flat=True))
        assert commune_code(n) in serves
        branches = {LAND_REGISTRATION_BRANCH, POLICE}
        assert (branches <= serves) == (n <= 3)
        assert serves - branches == {commune_code(n)}


def test_at_least_three_staff_per_role_in_the_named_agencies():
    demo_province_load()

    open_memberships = Membership.objects.filter(valid_to__isnull=True)
    for role in Role:
        users = open_memberships.filter(role=role).values("user").distinct().count()
        assert users >= 3, role
    specialists_and_leaders = set(
        open_memberships.filter(role__in=[Role.SPECIALIST, Role.LEADER]).values_list(
            "agency__code", "role"
        )
    )
    for code in (JUSTICE, CONSTRUCTION, AGRICULTURE_ENVIRONMENT, LAND_REGISTRATION, FIRST_COMMUNE):
        assert (code, Role.SPECIALIST) in specialists_and_leaders, code
        assert (code, Role.LEADER) in specialists_and_leaders, code
    desk_kinds = set(
        open_memberships.filter(role=Role.DESK_OFFICER).values_list("desk__kind", flat=True)
    )
    assert desk_kinds == {DeskKind.SERVICE_CENTRE, DeskKind.COMMUNE_CENTRE}


def test_every_desk_officer_has_a_desk_serving_their_agency():
    demo_province_load()

    officers = Membership.objects.filter(role=Role.DESK_OFFICER).select_related("desk")
    assert officers.count() >= 3
    for membership in officers:
        assert membership.desk is not None
        assert membership.desk.serves.filter(pk=membership.agency_id).exists()


def test_the_admin_is_a_superuser_and_province_admin():
    summary = demo_province_load()

    admin = User.objects.get(username=ADMIN_USERNAME)
    assert summary.admin == admin
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.kind == UserKind.STAFF
    assert Membership.objects.filter(
        user=admin, role=Role.PROVINCE_ADMIN, agency__code=PROVINCE
    ).exists()
    # Nobody else gets the admin site.
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == [
        ADMIN_USERNAME
    ]


def test_staff_accounts_look_real():
    demo_province_load()

    staff = User.objects.filter(kind=UserKind.STAFF).exclude(username=ADMIN_USERNAME)
    assert staff.count() == len(STAFF)
    for user in staff:
        assert user.username.isascii()
        assert user.email == f"{user.username}@sonha.gov.vn"
        validate_mobile_phone(user.phone)
        assert len(user.full_name.split()) >= 3
    assert len({u.phone for u in staff}) == staff.count()
    assert len({u.full_name for u in staff}) == staff.count()


def test_citizens_and_organisations_have_valid_identifiers():
    summary = demo_province_load()

    individuals = CitizenProfile.objects.filter(kind=CitizenKind.INDIVIDUAL).select_related("user")
    organisations = CitizenProfile.objects.filter(kind=CitizenKind.ORGANISATION)
    assert individuals.count() >= 5
    assert organisations.count() >= 2
    for profile in individuals:
        assert profile.personal_id_number is not None
        assert profile.date_of_birth is not None
        identity = parse_personal_id(profile.personal_id_number, birth_date=profile.date_of_birth)
        assert profile.user.username == identity.number
        validate_mobile_phone(profile.user.phone)
    assert len({p.date_of_birth.year // 100 for p in individuals if p.date_of_birth}) == 2
    for profile in organisations:
        assert profile.tax_code is not None
        validate_tax_code(profile.tax_code)
        assert profile.organisation_name
        assert profile.user.username == profile.tax_code
    assert summary.accounts_created == 1 + len(STAFF) + len(CITIZENS)


def test_every_demo_account_logs_in_with_the_demo_password():
    demo_province_load()

    usernames = [ADMIN_USERNAME, *(r.username for r in STAFF), *(r.username for r in CITIZENS)]
    for username in usernames:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
    assert authenticate(username="chuyenvien.stp1", password="sai-mat-khau") is None


def test_second_run_creates_nothing():
    demo_province_load()
    before = _counts()

    summary = demo_province_load()

    assert _counts() == before
    assert not summary.created_anything
    assert (
        summary.agencies_created,
        summary.desks_created,
        summary.accounts_created,
        summary.memberships_created,
    ) == (0, 0, 0, 0)


def test_a_partly_loaded_database_is_completed():
    demo_province_load()
    full = _counts()
    User.objects.filter(username__in=["tiepnhan.hoaan1", CITIZENS[0].username]).delete()
    Membership.objects.filter(user__username="chuyenvien.stp1").delete()

    summary = demo_province_load()

    assert summary.agencies_created == summary.desks_created == 0
    assert summary.accounts_created == 2
    assert summary.memberships_created == 2  # the recreated desk officer's and the specialist's
    after = _counts()
    assert {k: v for k, v in after.items() if k != "audit"} == {
        k: v for k, v in full.items() if k != "audit"
    }


def test_agencies_made_before_the_demo_are_kept_and_the_districts_retired():
    """Someone started by hand: the province and one district exist, the district not retired."""
    rows = {row.code: row for row in agency_rows()}
    province = agency_create(
        code=PROVINCE,
        name="UBND tỉnh (nhập tay)",
        level=AgencyLevel.PROVINCE,
        parent=None,
        actor=None,
        valid_from=rows[PROVINCE].valid_from,
    )
    district = agency_create(
        code=DISTRICTS[0],
        name="UBND huyện (nhập tay)",
        level=AgencyLevel.DISTRICT,
        parent=province,
        actor=None,
        valid_from=rows[DISTRICTS[0]].valid_from,
    )

    summary = demo_province_load()

    assert summary.agencies_created == 55
    province.refresh_from_db()
    assert province.name == "UBND tỉnh (nhập tay)"
    district.refresh_from_db()
    assert district.valid_to == TWO_TIER_START
    assert set(district.successors.values_list("code", flat=True)) == set(
        rows[DISTRICTS[0]].successors
    )


def test_desk_rows_cover_every_commune():
    rows = desk_rows()
    communes = [row for row in agency_rows() if row.level == AgencyLevel.COMMUNE]
    assert len(rows) == 1 + len(communes)
    assert len({row.code for row in rows}) == len(rows)
