"""A paper dossier received after the cut-off reaches the agency at the next opening: nobody there
can act on it before then, and the hand-over is recorded with its instant."""

import datetime as dt

import pytest

from motcua.workflow import services as wf
from motcua.workflow.core import TransitionRefused
from tests.dossiers.builders import MONDAY_9AM, at, build_world, receive

MONDAY = MONDAY_9AM.date()
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def world(db):
    return build_world()


def test_the_agency_cannot_act_before_the_handover(world) -> None:
    dossier = receive(world, when=at(MONDAY, 15, 30))
    dossier = wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 15, 45))
    event = dossier.events.get(action="forward")
    assert dt.datetime.fromisoformat(event.data["handover_at"]) == at(TUESDAY, 7)
    with pytest.raises(TransitionRefused) as refused:
        wf.dossier_forward(dossier=dossier, actor=world.specialist, at=at(MONDAY, 16))
    assert refused.value.code == "handover_pending"
    assert dossier.events.count() == 2
    dossier = wf.dossier_forward(dossier=dossier, actor=world.specialist, at=at(TUESDAY, 8))
    assert dossier.current_step is not None
    assert dossier.current_step.code == "phe-duyet"


def test_desk_hand_overs_are_not_inter_agency(world) -> None:
    dossier = receive(world)
    dossier = wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))
    assert "inter_agency" not in dossier.events.get(action="forward").data
