"""Who sees which reports: province administrators and inspectors the whole province, leaders and
agency administrators their agency's sub-tree, everyone else nothing (`reports_not_permitted`);
an agency outside the scope is "not found", never "forbidden"."""

import datetime as dt

import pytest

from motcua.accounts.models import Agency, Role, User
from motcua.accounts.services import membership_grant, staff_user_create
from motcua.catalog.models import Field, Procedure
from motcua.core.errors import NotFound, PermissionDenied
from motcua.dossiers.models import Channel
from motcua.reports.scope import ReportScope, report_filter, report_scope
from tests.dossiers.builders import build_world
from tests.reports.histories import police_world

ON = dt.date(2026, 3, 31)


@pytest.fixture
def world(db):
    return build_world()


def staff(username: str, *grants: tuple[Agency, Role]) -> User:
    user = staff_user_create(username=username, full_name=username.title(),
                             email=f"{username}@example.com", phone="", password="x-secret-123",
                             actor=None)  # fmt: skip
    for agency, role in grants:
        membership_grant(user=user, agency=agency, role=role, actor=None)
    return user


def test_province_administrators_and_inspectors_see_every_agency(world):
    province = world.commune.parent
    admin = staff("quantri.tinh", (province, Role.PROVINCE_ADMIN))
    inspector = staff("thanhtra", (province, Role.INSPECTOR))
    # An inspector posted at a department still inspects the whole province.
    department_inspector = staff("thanhtra.sotp", (world.justice, Role.INSPECTOR))
    for actor in (admin, inspector, department_inspector):
        scope = report_scope(actor=actor, on=ON)
        assert (scope.agency_ids, scope.roots) == (None, (province,))
        assert scope.allows(world.police.pk)


def test_a_superuser_sees_everything_from_the_top_agencies(world, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "x-secret-123")
    scope = report_scope(actor=root, on=ON)
    assert (scope.agency_ids, scope.roots) == (None, (world.commune.parent,))


def test_leaders_and_agency_administrators_see_their_sub_tree(world):
    police = police_world(world)
    assert report_scope(actor=world.leader, on=ON) == ReportScope(
        frozenset({world.commune.pk}), (world.commune,)
    )
    police_admin = staff("quantri.congan", (world.police, Role.AGENCY_ADMIN))
    scope = report_scope(actor=police_admin, on=ON)
    assert scope.agency_ids == frozenset({world.police.pk, police.unit.pk})
    assert (scope.allows(police.unit.pk), scope.allows(world.commune.pk)) == (True, False)
    # A leader of two agencies sees both sub-trees.
    both = staff("lanhdao.hai", (world.commune, Role.LEADER), (police.unit, Role.LEADER))
    scope = report_scope(actor=both, on=ON)
    assert scope.agency_ids == frozenset({world.commune.pk, police.unit.pk})
    assert scope.roots == (world.commune, police.unit)


def test_specialists_and_desk_officers_have_no_agency_report(world):
    for actor in (world.specialist, world.desk_officer, world.police_specialist):
        with pytest.raises(PermissionDenied) as caught:
            report_scope(actor=actor, on=ON)
        assert caught.value.code == "reports_not_permitted"
    # Memberships count on the day asked: before the leader's started (1/7/2025), none.
    with pytest.raises(PermissionDenied) as caught:
        report_scope(actor=world.leader, on=dt.date(2025, 6, 30))
    assert caught.value.code == "reports_not_permitted"


def test_a_filter_is_cut_to_the_scope_and_an_agency_outside_it_is_not_found(world):
    police = police_world(world)
    leader_scope = report_scope(actor=world.leader, on=ON)
    with pytest.raises(NotFound) as caught:
        report_filter(scope=leader_scope, agency=world.police)
    assert (caught.value.code, caught.value.field) == ("agency_not_found", "agency")
    assert report_filter(scope=leader_scope).agency_ids == frozenset({world.commune.pk})
    assert report_filter(scope=leader_scope, agency=world.commune).agency_ids == frozenset(
        {world.commune.pk}
    )

    everything = ReportScope(None)
    assert report_filter(scope=everything).agency_ids is None
    assert report_filter(scope=everything, agency=world.police).agency_ids == frozenset(
        {world.police.pk, police.unit.pk}
    )
    # A scope of the sub-unit only: choosing its parent keeps the sub-unit's part.
    unit_leader = staff("lanhdao.pc06", (police.unit, Role.LEADER))
    unit_scope = report_scope(actor=unit_leader, on=ON)
    with pytest.raises(NotFound):
        report_filter(scope=unit_scope, agency=world.police)
    assert report_filter(scope=unit_scope, agency=police.unit).agency_ids == frozenset(
        {police.unit.pk}
    )


def test_a_filter_as_query_string_parameters(world):
    police_world(world)
    civil = Field.objects.get(code="HT")
    procedure = Procedure.objects.get(code="1.001193")
    report = report_filter(scope=ReportScope(None), agency=world.commune, field=civil,
                           procedure=procedure, channel=Channel.ONLINE)  # fmt: skip
    assert report.params() == {
        "agency": world.commune.code, "field": "HT", "procedure": "1.001193", "channel": "online",
    }  # fmt: skip
    assert report_filter(scope=ReportScope(None)).params() == {}
