"""The applicant's online answer to a supplement request after reception
(`dossier_supplement_send`): files under the requested components, one event, no status change;
the desk then receives the supplement, which restarts the clock. Refused for anyone else, for
papers not asked for, without files, with a bad file, and outside status 5 after reception."""

import datetime as dt

import pytest

from motcua.core.errors import DomainError, PermissionDenied
from motcua.dossiers.files import Upload
from motcua.dossiers.models import (
    Dossier,
    DossierFile,
    DossierPause,
    DossierStatus,
    FileKind,
)
from motcua.workflow import services as wf
from motcua.workflow.transitions import SUPPLEMENT_SENT, event_label
from motcua.workflow.workspace import dossier_workspace
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import MONDAY_9AM, PDF, PNG, at, build_world, scan, submit_online

MON = MONDAY_9AM.date()
TUE = MON + dt.timedelta(days=1)
ITEMS = [("giay-chung-sinh", "Bản chụp rõ nét, đủ bốn góc")]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def citizen(db):
    return CitizenFactory()


def requested(world, citizen) -> Dossier:
    """An online dossier accepted by the desk, at appraisal, with a supplement requested."""
    d = submit_online(world, account=citizen, when=at(MON, 8))
    d = wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MON, 9))
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    return wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Giấy chứng sinh mờ", at=at(MON, 11)
    )


def papers(*files: Upload, code: str = "giay-chung-sinh") -> list[wf.ComponentInput]:
    return [wf.ComponentInput(code=code, files=files)]


def snapshot(d: Dossier) -> tuple[object, ...]:
    d = Dossier.objects.get(pk=d.pk)
    return (d.status, d.clock_started_at, d.events.count(), d.files.count(), d.pauses.count())


def refused(call, *, code: str, d: Dossier, kind: type[DomainError] = DomainError) -> None:
    before = snapshot(d)
    with pytest.raises(kind) as exc:
        call()
    assert exc.value.code == code
    assert snapshot(d) == before


def test_the_applicant_sends_papers_without_changing_the_status(world, citizen) -> None:
    d = requested(world, citizen)
    clock = d.clock_started_at
    d = wf.dossier_supplement_send(
        dossier=d,
        components=papers(scan("chung-sinh-1.pdf"), Upload("chung-sinh-2.png", PNG)),
        note="Gửi lại bản chụp rõ hơn",
        actor=citizen,
        at=at(TUE, 8),
    )
    d.refresh_from_db()
    assert d.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert d.public_status == 5
    assert d.clock_started_at == clock
    assert DossierPause.objects.get(dossier=d).ended_at is None  # the clock still waits
    event = d.events.get(action=SUPPLEMENT_SENT)
    assert (event.actor, event.occurred_at, event.note) == (
        citizen,
        at(TUE, 8),
        "Gửi lại bản chụp rõ hơn",
    )
    assert (event.from_status, event.to_status) == ("supplement_requested", "supplement_requested")
    request = d.events.get(action="request_supplement")
    assert event.data == {
        "components": [{"code": "giay-chung-sinh", "name": "Giấy chứng sinh", "files": 2}],
        "request": request.sequence,
    }
    stored = list(DossierFile.objects.filter(dossier=d, kind=FileKind.SUPPLEMENT).order_by("pk"))
    assert [(f.name, f.content_type, f.event) for f in stored] == [
        ("chung-sinh-1.pdf", "application/pdf", event),
        ("chung-sinh-2.png", "image/png", event),
    ]
    assert {f.component.component.code for f in stored if f.component} == {"giay-chung-sinh"}
    assert all(f.uploaded_by == citizen for f in stored)


def test_the_desk_sees_the_send_in_the_workspace_timeline(world, citizen) -> None:
    d = wf.dossier_supplement_send(
        dossier=requested(world, citizen), components=papers(scan()), actor=citizen, at=at(TUE, 8)
    )
    ws = dossier_workspace(dossier=d, actor=world.desk_officer, at=at(TUE, 9))
    entry = next(e for e in ws.timeline if e.event.action == SUPPLEMENT_SENT)
    assert entry.label == event_label(SUPPLEMENT_SENT) == "Công dân gửi hồ sơ bổ sung trực tuyến"
    assert [f.name for f in entry.files] == ["scan.pdf"]


def test_a_second_send_adds_papers_until_the_desk_receives_them(world, citizen) -> None:
    d = requested(world, citizen)
    wf.dossier_supplement_send(dossier=d, components=papers(scan("a.pdf")), actor=citizen,
                               at=at(TUE, 8))  # fmt: skip
    wf.dossier_supplement_send(dossier=d, components=papers(scan("b.pdf")), actor=citizen,
                               at=at(TUE, 9))  # fmt: skip
    assert d.events.filter(action=SUPPLEMENT_SENT).count() == 2
    names = DossierFile.objects.filter(dossier=d, kind=FileKind.SUPPLEMENT).values_list("name")
    assert sorted(n for (n,) in names) == ["a.pdf", "b.pdf"]

    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(TUE, 10))
    assert d.status == DossierStatus.PROCESSING
    assert d.clock_started_at == at(TUE, 10)  # restarted from zero
    refused(
        lambda: wf.dossier_supplement_send(
            dossier=d, components=papers(scan("c.pdf")), actor=citizen, at=at(TUE, 11)
        ),
        code="transition_not_allowed",
        d=d,
    )


def test_the_desk_may_send_on_the_applicants_behalf(world, citizen) -> None:
    d = wf.dossier_supplement_send(
        dossier=requested(world, citizen),
        components=papers(scan()),
        actor=world.desk_officer,
        at=at(TUE, 8),
    )
    assert d.events.get(action=SUPPLEMENT_SENT).actor == world.desk_officer


@pytest.mark.parametrize("who", ["other_citizen", "specialist", "other_officer"])
def test_nobody_else_may_send(world, citizen, who) -> None:
    d = requested(world, citizen)
    actor = CitizenFactory() if who == "other_citizen" else getattr(world, who)
    refused(
        lambda: wf.dossier_supplement_send(
            dossier=d, components=papers(scan()), actor=actor, at=at(TUE, 8)
        ),
        code="action_not_permitted",
        d=d,
        kind=PermissionDenied,
    )


def test_only_the_requested_papers_with_files_checked_by_content(world, citizen) -> None:
    d = requested(world, citizen)

    def send(components: list[wf.ComponentInput]):
        return lambda: wf.dossier_supplement_send(
            dossier=d, components=components, actor=citizen, at=at(TUE, 8)
        )

    refused(send(papers(scan(), code="to-khai")), code="component_not_requested", d=d)
    refused(send(papers(scan(), code="so-ho-khau")), code="component_not_requested", d=d)
    refused(send(papers()), code="supplement_files_required", d=d)
    refused(send([]), code="supplement_files_required", d=d)
    # A good file and a bad one: nothing is stored.
    refused(send(papers(scan(), Upload("gia.pdf", b"not a pdf"))), code="file_type", d=d)
    refused(send(papers(Upload("rong.pdf", b""))), code="file_empty", d=d)


def test_outside_status_5_after_reception_it_is_refused(world, citizen) -> None:
    d = submit_online(world, account=citizen, when=at(MON, 8))
    refused(
        lambda: wf.dossier_supplement_send(
            dossier=d, components=papers(scan()), actor=citizen, at=at(MON, 9)
        ),
        code="transition_not_allowed",
        d=d,
    )
    # Before reception, the applicant answers by resubmitting (status 5 → 1).
    d = wf.dossier_request_intake_supplement(
        dossier=d, missing=["giay-chung-sinh"], reason="Thiếu trang 2", actor=world.desk_officer,
        at=at(MON, 9),
    )  # fmt: skip
    refused(
        lambda: wf.dossier_supplement_send(
            dossier=d, components=papers(scan()), actor=citizen, at=at(MON, 10)
        ),
        code="transition_not_allowed",
        d=d,
    )
    d = wf.dossier_resubmit(dossier=d, components=papers(Upload("p2.pdf", PDF)), actor=citizen,
                            at=at(MON, 10))  # fmt: skip
    assert d.status == DossierStatus.SUBMITTED
