"""Reads for organisations and accounts."""

import datetime as dt
from dataclasses import dataclass

import pytest
from pytest_django import DjangoAssertNumQueries

from motcua.accounts.models import Agency, AgencyLevel, Role
from motcua.accounts.selectors import (
    agency_ancestors,
    agency_list_active,
    agency_province,
    agency_subtree_ids,
    membership_list_active,
    user_has_role,
)
from tests.accounts.factories import (
    AgencyFactory,
    DeskFactory,
    MembershipFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Tree:
    province: Agency
    department: Agency
    unit: Agency
    sub_unit: Agency
    district: Agency
    commune: Agency
    other_province: Agency
    branch: Agency


@pytest.fixture
def tree() -> Tree:
    """province ─┬ department ─ unit ─ sub_unit
                 ├ district (retired 1/7/2025) ─ commune (old)
                 └ commune
    other_province; branch (a central agency's local office, no province)"""
    province = AgencyFactory()
    department = AgencyFactory(level=AgencyLevel.DEPARTMENT, parent=province)
    unit = AgencyFactory(level=AgencyLevel.UNIT, parent=department)
    sub_unit = AgencyFactory(level=AgencyLevel.UNIT, parent=unit)
    district = AgencyFactory(
        level=AgencyLevel.DISTRICT,
        parent=province,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2025, 7, 1),
    )
    AgencyFactory(
        level=AgencyLevel.COMMUNE,
        parent=district,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2025, 7, 1),
    )
    commune = AgencyFactory(level=AgencyLevel.COMMUNE, parent=province)
    return Tree(
        province=province,
        department=department,
        unit=unit,
        sub_unit=sub_unit,
        district=district,
        commune=commune,
        other_province=AgencyFactory(),
        branch=AgencyFactory(level=AgencyLevel.BRANCH),
    )


def test_subtree_ids(tree: Tree) -> None:
    everything_in_province = set(
        Agency.objects.exclude(pk__in=[tree.other_province.pk, tree.branch.pk]).values_list(
            "pk", flat=True
        )
    )
    assert agency_subtree_ids(agency=tree.province) == everything_in_province
    assert len(everything_in_province) == 7
    assert agency_subtree_ids(agency=tree.department) == {
        tree.department.pk,
        tree.unit.pk,
        tree.sub_unit.pk,
    }
    assert agency_subtree_ids(agency=tree.sub_unit) == {tree.sub_unit.pk}
    assert agency_subtree_ids(agency=tree.other_province) == {tree.other_province.pk}


def test_subtree_one_query_per_level(
    tree: Tree, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(4):  # department, unit, sub_unit, (no children) → 4
        agency_subtree_ids(agency=tree.province)


def test_ancestors_nearest_first(tree: Tree) -> None:
    sub_unit = Agency.objects.get(pk=tree.sub_unit.pk)
    assert agency_ancestors(agency=sub_unit) == [tree.unit, tree.department, tree.province]
    assert agency_ancestors(agency=tree.commune) == [tree.province]
    assert agency_ancestors(agency=tree.province) == []


def test_province(tree: Tree) -> None:
    assert agency_province(agency=tree.sub_unit) == tree.province
    assert agency_province(agency=tree.commune) == tree.province
    assert agency_province(agency=tree.province) == tree.province
    assert agency_province(agency=tree.branch) is None


def test_reads_terminate_on_a_cycle_written_past_the_services(tree: Tree) -> None:
    # The database only refuses an agency being its own parent; a longer loop needs a service
    # check (agency_parent_validate) and must not hang the reads if it slips through.
    Agency.objects.filter(pk=tree.province.pk).update(parent=tree.sub_unit)
    sub_unit = Agency.objects.get(pk=tree.sub_unit.pk)
    assert agency_ancestors(agency=sub_unit) == [tree.unit, tree.department, tree.province]
    assert tree.sub_unit.pk in agency_subtree_ids(agency=tree.department)
    assert agency_province(agency=sub_unit) == tree.province


def test_agency_list_active(tree: Tree) -> None:
    on_june = set(agency_list_active(on=dt.date(2025, 6, 30)))
    on_july = set(agency_list_active(on=dt.date(2025, 7, 1)))
    assert tree.district in on_june
    assert tree.district not in on_july
    assert tree.commune in on_july
    assert tree.commune not in on_june  # the new commune starts on 1/7/2025


def test_membership_list_active_respects_dates(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    user = StaffUserFactory()
    agency = AgencyFactory()
    old = MembershipFactory(
        user=user,
        agency=agency,
        role=Role.DESK_OFFICER,
        desk=DeskFactory(host=agency),
        valid_from=dt.date(2025, 7, 1),
        valid_to=dt.date(2026, 1, 1),
    )
    new = MembershipFactory(
        user=user, agency=agency, role=Role.LEADER, valid_from=dt.date(2026, 1, 1)
    )
    MembershipFactory(agency=agency, role=Role.LEADER)  # somebody else's

    def active(day: dt.date) -> list[int]:
        return sorted(m.pk for m in membership_list_active(user=user, on=day))

    assert active(dt.date(2025, 6, 30)) == []
    assert active(dt.date(2025, 7, 1)) == [old.pk]  # valid_from is inclusive
    assert active(dt.date(2025, 12, 31)) == [old.pk]
    assert active(dt.date(2026, 1, 1)) == [new.pk]  # valid_to is exclusive
    assert active(dt.date(2030, 1, 1)) == [new.pk]

    with django_assert_num_queries(1):  # agency and desk come with the memberships
        labels = [
            (m.agency.code, m.desk.code if m.desk else None)
            for m in membership_list_active(user=user, on=dt.date(2025, 8, 1))
        ]
    assert labels == [(agency.code, old.desk.code if old.desk else "?")]


def test_user_has_role() -> None:
    user = StaffUserFactory()
    department = AgencyFactory(level=AgencyLevel.DEPARTMENT)
    other = AgencyFactory()
    MembershipFactory(
        user=user,
        agency=department,
        role=Role.SPECIALIST,
        valid_from=dt.date(2025, 7, 1),
        valid_to=dt.date(2026, 7, 1),
    )
    day = dt.date(2026, 1, 15)
    assert user_has_role(user=user, role=Role.SPECIALIST, on=day)
    assert user_has_role(user=user, role=Role.SPECIALIST, agency=department, on=day)
    assert not user_has_role(user=user, role=Role.SPECIALIST, agency=other, on=day)
    assert not user_has_role(user=user, role=Role.LEADER, on=day)
    assert not user_has_role(user=user, role=Role.SPECIALIST, on=dt.date(2026, 7, 1))
    assert not user_has_role(user=user, role=Role.SPECIALIST, on=dt.date(2025, 6, 30))
    assert not user_has_role(user=StaffUserFactory(), role=Role.SPECIALIST, on=day)
