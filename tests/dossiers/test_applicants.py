"""The returning-applicant look-up: the latest applicant snapshot of a dossier received at one of
the officer's own desks, on an exact ID number; nothing for other desks or other roles."""

import datetime as dt
from dataclasses import replace

import pytest
import time_machine

from motcua.accounts.models import Role
from motcua.accounts.services import membership_grant, membership_revoke
from motcua.dossiers.applicants import applicant_lookup, officer_desk_ids
from motcua.workflow.services import dossier_refuse_at_counter
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import (
    APPLICANT,
    MONDAY_9AM,
    at,
    build_world,
    receive_dossier,
    submit_online,
)

MONDAY = MONDAY_9AM.date()


@pytest.fixture
def world(db):
    with time_machine.travel(MONDAY_9AM, tick=False):
        yield build_world()


def test_the_latest_dossier_at_the_officers_desk_gives_the_applicant(world) -> None:
    receive_dossier(world, when=at(MONDAY, 8))
    moved = replace(APPLICANT, address="Số 5, thôn Tây, xã Hòa An", phone="0987654321")
    latest = receive_dossier(world, when=at(MONDAY, 10), applicant=moved)
    found = applicant_lookup(actor=world.desk_officer, id_number=f" {APPLICANT.id_number} ")
    assert found is not None
    assert found.name == APPLICANT.name
    assert found.address == "Số 5, thôn Tây, xã Hòa An"
    assert found.phone == "0987654321"
    assert found.email == APPLICANT.email
    assert found.kind == "individual"
    assert found.dossier_code == latest.code
    assert found.received_at == at(MONDAY, 10)
    assert found.as_draft_data() == {
        "kind": "individual",
        "name": APPLICANT.name,
        "id_number": APPLICANT.id_number,
        "address": "Số 5, thôn Tây, xã Hòa An",
        "phone": "0987654321",
        "email": APPLICANT.email,
    }


def test_only_an_exact_id_number_matches(world) -> None:
    receive_dossier(world, when=at(MONDAY, 8))
    assert applicant_lookup(actor=world.desk_officer, id_number=APPLICANT.id_number[:-1]) is None
    assert applicant_lookup(actor=world.desk_officer, id_number="") is None
    assert applicant_lookup(actor=world.desk_officer, id_number="   ") is None


def test_another_desks_officer_and_other_roles_get_nothing(world) -> None:
    receive_dossier(world, when=at(MONDAY, 8))
    for user in (world.other_officer, world.specialist, world.leader):
        assert applicant_lookup(actor=user, id_number=APPLICANT.id_number) is None


def test_an_officer_of_several_desks_finds_dossiers_of_each(world) -> None:
    receive_dossier(world, when=at(MONDAY, 8))
    membership_grant(user=world.other_officer, agency=world.commune, role=Role.DESK_OFFICER,
                     desk=world.desk, actor=None)  # fmt: skip
    assert officer_desk_ids(actor=world.other_officer, on=MONDAY) == {
        world.desk.pk,
        world.other_desk.pk,
    }
    found = applicant_lookup(actor=world.other_officer, id_number=APPLICANT.id_number)
    assert found is not None


def test_dossiers_never_received_are_not_used(world) -> None:
    """A refusal at the counter or an online submission not yet accepted holds no snapshot the
    desk vouched for."""
    dossier_refuse_at_counter(desk=world.desk, variant=world.variant, applicant=APPLICANT,
                              reasons=["Sai thẩm quyền"], actor=world.desk_officer)  # fmt: skip
    submit_online(world, account=CitizenFactory())
    assert applicant_lookup(actor=world.desk_officer, id_number=APPLICANT.id_number) is None


def test_a_membership_that_ended_gives_nothing(world) -> None:
    receive_dossier(world, when=at(MONDAY, 8))
    later = MONDAY + dt.timedelta(days=400)
    membership_revoke(membership=world.desk_officer.memberships.get(),
                      valid_to=MONDAY + dt.timedelta(days=1), reason="Chuyển công tác",
                      actor=None)  # fmt: skip
    assert (
        applicant_lookup(actor=world.desk_officer, id_number=APPLICANT.id_number, on=later) is None
    )
