import pytest

from motcua.dossiers.deadlines import Timeliness, dossier_deadline
from motcua.dossiers.models import DossierStatus, ReturnMethod
from motcua.workflow import services as wf
from tests.dossiers.builders import MONDAY_9AM, at, build_world, receive, scan


@pytest.fixture
def world(db):
    return build_world()


def test_linear_flow(world) -> None:
    d = receive(world)
    assert d.code == "000.01.31.H99-260309-0001"
    assert d.status == DossierStatus.RECEIVED
    day = MONDAY_9AM.date()
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(day, 10))
    assert d.status == DossierStatus.PROCESSING
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(day, 14))
    d = wf.dossier_approve(dossier=d, actor=world.leader, files=[scan("kq.pdf")], at=at(day, 15))
    assert d.status == DossierStatus.RESULT_READY
    d = wf.dossier_return(
        dossier=d,
        actor=world.desk_officer,
        method=ReturnMethod.COUNTER,
        received_by_name="Nguyễn Văn Bình",
        received_by_id_number="001090012345",
        at=at(day, 16),
    )
    assert d.status == DossierStatus.RETURNED
    deadline = dossier_deadline(d, at=at(day, 16))
    assert deadline.legal.timeliness is Timeliness.EARLY
    assert [e.action for e in d.events.all()] == [
        "receive",
        "forward",
        "forward",
        "approve",
        "return_result",
    ]
