"""The database holds the invariants even when code bypasses the services (raw `create`,
`update`): every case here must raise IntegrityError on SQLite and PostgreSQL alike."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import IntegrityError, transaction

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
from tests.accounts.factories import (
    AgencyFactory,
    CitizenUserFactory,
    DeskFactory,
    MembershipFactory,
    StaffUserFactory,
    tax_code,
)

pytestmark = pytest.mark.django_db

JULY_2025 = dt.date(2025, 7, 1)


def violates(write: Callable[[], object]) -> None:
    # A savepoint, so PostgreSQL can go on after the error (the test's transaction stays usable).
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


# --- Citizen identity ---------------------------------------------------------------------------


def test_individual_needs_personal_id() -> None:
    user = CitizenUserFactory()
    violates(
        lambda: CitizenProfile.objects.create(
            user=user, kind=CitizenKind.INDIVIDUAL, personal_id_number=None, tax_code=None
        )
    )
    # A tax code does not stand in for the ID number of an individual.
    violates(
        lambda: CitizenProfile.objects.create(
            user=user, kind=CitizenKind.INDIVIDUAL, tax_code=tax_code(1)
        )
    )
    CitizenProfile.objects.create(
        user=user, kind=CitizenKind.INDIVIDUAL, personal_id_number=user.username
    )


def test_organisation_needs_tax_code_and_name() -> None:
    user = CitizenUserFactory(username=tax_code(2))
    violates(
        lambda: CitizenProfile.objects.create(
            user=user, kind=CitizenKind.ORGANISATION, tax_code=None, organisation_name="Công ty A"
        )
    )
    violates(
        lambda: CitizenProfile.objects.create(
            user=user, kind=CitizenKind.ORGANISATION, tax_code=tax_code(2), organisation_name=""
        )
    )
    violates(
        lambda: CitizenProfile.objects.create(
            user=user, kind="cooperative", tax_code=tax_code(2), organisation_name="HTX"
        )
    )
    CitizenProfile.objects.create(
        user=user,
        kind=CitizenKind.ORGANISATION,
        tax_code=tax_code(2),
        organisation_name="Công ty A",
    )


def test_identity_numbers_unique() -> None:
    first, second = CitizenUserFactory(), CitizenUserFactory()
    CitizenProfile.objects.create(
        user=first, kind=CitizenKind.INDIVIDUAL, personal_id_number=first.username
    )
    violates(
        lambda: CitizenProfile.objects.create(
            user=second, kind=CitizenKind.INDIVIDUAL, personal_id_number=first.username
        )
    )


def test_user_kind_checked() -> None:
    violates(lambda: User.objects.create(username="ai-do", kind="robot", full_name="Không rõ"))
    User.objects.create(username="ai-do", kind=UserKind.STAFF, full_name="Cán bộ")


# --- Memberships --------------------------------------------------------------------------------


def test_desk_officer_needs_desk() -> None:
    user, agency = StaffUserFactory(), AgencyFactory()
    violates(
        lambda: Membership.objects.create(
            user=user, agency=agency, role=Role.DESK_OFFICER, desk=None
        )
    )
    membership = Membership.objects.create(
        user=user, agency=agency, role=Role.DESK_OFFICER, desk=DeskFactory(host=agency)
    )
    violates(lambda: Membership.objects.filter(pk=membership.pk).update(desk=None))
    # Other roles need no desk.
    Membership.objects.create(user=user, agency=agency, role=Role.SPECIALIST)


def test_membership_role_checked() -> None:
    user, agency = StaffUserFactory(), AgencyFactory()
    violates(lambda: Membership.objects.create(user=user, agency=agency, role="janitor"))


def test_one_open_membership_per_user_agency_role() -> None:
    first = MembershipFactory(role=Role.LEADER)
    user, agency = first.user, first.agency
    violates(lambda: Membership.objects.create(user=user, agency=agency, role=Role.LEADER))
    # Closed ones do not count: history may hold many.
    Membership.objects.create(
        user=user,
        agency=agency,
        role=Role.LEADER,
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2021, 1, 1),
    )
    Membership.objects.create(
        user=user,
        agency=agency,
        role=Role.LEADER,
        valid_from=dt.date(2021, 1, 1),
        valid_to=dt.date(2022, 1, 1),
    )
    # Nor do other roles, agencies or users.
    Membership.objects.create(user=user, agency=agency, role=Role.SPECIALIST)
    Membership.objects.create(user=user, agency=AgencyFactory(), role=Role.LEADER)
    Membership.objects.create(user=StaffUserFactory(), agency=agency, role=Role.LEADER)
    # Reopening a closed one beside the open one is refused too.
    closed = Membership.objects.filter(user=user, agency=agency, valid_to__isnull=False).first()
    assert closed is not None
    violates(lambda: Membership.objects.filter(pk=closed.pk).update(valid_to=None))


# --- Validity ranges ----------------------------------------------------------------------------


@pytest.mark.parametrize("valid_to", [JULY_2025, dt.date(2025, 6, 30)])
def test_validity_ranges(valid_to: dt.date) -> None:
    agency = AgencyFactory(valid_from=JULY_2025)
    desk = DeskFactory(host=agency, valid_from=JULY_2025)
    membership = MembershipFactory(agency=agency, valid_from=JULY_2025)
    violates(lambda: Agency.objects.filter(pk=agency.pk).update(valid_to=valid_to))
    violates(lambda: Desk.objects.filter(pk=desk.pk).update(valid_to=valid_to))
    violates(lambda: Membership.objects.filter(pk=membership.pk).update(valid_to=valid_to))
    violates(
        lambda: Agency.objects.create(
            code="000.00.99.H98",
            name="Thử",
            level=AgencyLevel.PROVINCE,
            valid_from=JULY_2025,
            valid_to=valid_to,
        )
    )
    violates(
        lambda: Desk.objects.create(
            code="thu",
            name="Thử",
            kind=DeskKind.AGENCY_DESK,
            host=agency,
            valid_from=JULY_2025,
            valid_to=valid_to,
        )
    )
    # The day after is a valid end.
    Agency.objects.filter(pk=agency.pk).update(valid_to=dt.date(2025, 7, 2))
    Desk.objects.filter(pk=desk.pk).update(valid_to=dt.date(2025, 7, 2))
    Membership.objects.filter(pk=membership.pk).update(valid_to=dt.date(2025, 7, 2))


# --- Agencies -----------------------------------------------------------------------------------


def test_agency_code_unique_and_level_checked() -> None:
    agency = AgencyFactory()
    violates(
        lambda: Agency.objects.create(code=agency.code, name="Trùng", level=AgencyLevel.PROVINCE)
    )
    violates(lambda: Agency.objects.create(code="000.00.98.H98", name="Thử", level="ministry"))


def test_agency_not_its_own_parent() -> None:
    agency = AgencyFactory()
    violates(lambda: Agency.objects.filter(pk=agency.pk).update(parent=agency))
