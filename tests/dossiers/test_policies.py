"""Who sees a dossier: a dossier someone may not see is "not found", never "forbidden"."""

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.accounts.models import Agency, AgencyLevel, Role, User
from motcua.accounts.services import membership_grant
from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import access_dossier, dossier_queryset_for
from motcua.workflow import services as wf
from tests.accounts.factories import AgencyFactory, CitizenFactory, StaffUserFactory
from tests.dossiers.builders import MONDAY_9AM, at, build_world, receive, submit_online

MON = MONDAY_9AM.date()


@pytest.fixture
def world(db):
    return build_world()


def staff(agency: Agency, role: Role) -> User:
    user = StaffUserFactory()
    membership_grant(user=user, agency=agency, role=role, actor=None)
    return user


def sees(actor, dossier: Dossier) -> bool:
    """Whether `actor` may see the dossier; the list filter and `access_dossier` must agree."""
    if not dossier_queryset_for(actor).filter(pk=dossier.pk).exists():
        with pytest.raises(NotFound) as exc:
            access_dossier(actor, code=dossier.display_code)
        assert exc.value.code == "dossier_not_found"
        return False
    assert access_dossier(actor, code=dossier.display_code).pk == dossier.pk
    return True


def test_the_applicant_account_sees_its_own_dossier(world) -> None:
    citizen = CitizenFactory()
    d = submit_online(world, account=citizen)
    # Before reception, by the submission reference.
    assert access_dossier(citizen, code=d.reference).pk == d.pk
    d = wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    assert d.code is not None
    assert access_dossier(citizen, code=d.code).pk == d.pk
    assert access_dossier(citizen, code=f"  {d.code} ").pk == d.pk
    assert list(dossier_queryset_for(citizen)) == [d]


def test_another_citizen_does_not(world) -> None:
    d = submit_online(world, account=CitizenFactory())
    stranger = CitizenFactory()
    assert not sees(stranger, d)
    # Nor a citizen whose ID number happens to be on a counter dossier without an account.
    counter = receive(world)
    assert not sees(stranger, counter)
    assert dossier_queryset_for(stranger).count() == 0


def test_nobody_unauthenticated_or_inactive(world) -> None:
    d = receive(world)
    assert not sees(AnonymousUser(), d)
    world.desk_officer.is_active = False
    world.desk_officer.save(update_fields=["is_active"])
    assert not sees(world.desk_officer, d)


def test_staff_of_the_desk_and_of_the_agency_see_it(world) -> None:
    d = receive(world)
    for user in (world.desk_officer, world.specialist, world.specialist2, world.leader):
        assert sees(user, d), user


def test_staff_of_an_unrelated_agency_do_not(world) -> None:
    d = receive(world)
    assert not sees(world.other_officer, d)  # a desk officer of another desk and agency
    assert not sees(staff(world.justice, Role.LEADER), d)
    assert not sees(staff(world.justice, Role.AGENCY_ADMIN), d)
    assert not sees(world.police_specialist, d)  # not (yet) involved


def test_a_desk_officer_sees_what_the_desk_received_for_another_agency(world) -> None:
    d = receive(world, when=MONDAY_9AM)
    d_other = wf.dossier_receive(
        desk=world.other_desk,
        variant=world.variant,
        applicant=wf.ApplicantInput(name="Trần Thị Mai", phone="0987654321"),
        components=[
            wf.ComponentInput("to-khai", originals=1, scan_exemption="Bản điện tử có sẵn"),
            wf.ComponentInput("giay-chung-sinh", originals=1, scan_exemption="Chỉ xuất trình"),
        ],
        answers={
            "child_name": "Trần Minh Khang",
            "child_birth_date": "2026-03-01",
            "child_sex": "nam",
            "declarant_phone": "0987654321",
        },
        agency=world.commune,
        actor=world.other_officer,
        received_at=MONDAY_9AM,
    )
    assert sees(world.other_officer, d_other)
    assert not sees(world.other_officer, d)
    # The commune handles it, so its staff (its desk officer included) see it too.
    assert sees(world.specialist, d_other)
    assert sees(world.desk_officer, d_other)


def test_partner_agency_sees_a_dossier_once_sent_there(world) -> None:
    d = receive(world, variant=world.inter_variant)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    assert not sees(world.police_specialist, d)
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 14))
    assert sees(world.police_specialist, d)
    d = wf.dossier_forward(dossier=d, actor=world.police_specialist, at=at(MON, 16))
    # Still visible after it left: the partner keeps what it worked on.
    assert sees(world.police_specialist, d)
    other = receive(world, variant=world.inter_variant, when=at(MON, 11))
    assert not sees(world.police_specialist, other)


@pytest.mark.parametrize("role", [Role.PROVINCE_ADMIN, Role.INSPECTOR])
def test_province_roles_see_every_dossier_of_their_province(world, role) -> None:
    province = world.commune.parent
    assert province is not None
    assert province.level == AgencyLevel.PROVINCE
    overseer = staff(province, role)
    d = receive(world)
    assert sees(overseer, d)
    # Granted at a department, the role still covers the whole province.
    assert sees(staff(world.justice, role), d)
    # Another province's overseer does not.
    elsewhere = AgencyFactory(level=AgencyLevel.PROVINCE)
    assert not sees(staff(elsewhere, role), d)


def test_superuser_sees_everything(world) -> None:
    d = receive(world)
    root = StaffUserFactory(is_superuser=True)
    assert sees(root, d)


def test_unknown_code_is_not_found(world) -> None:
    receive(world)
    with pytest.raises(NotFound):
        access_dossier(world.desk_officer, code="000.01.31.H99-260309-9999")
