"""The apology and new appointment: drafted by the handler, approved by a leader once, flagged
late when approved less than one working day before the due; the dossier is still judged against
its original due."""

import datetime as dt

import pytest

from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dossiers.deadlines import dossier_deadline
from motcua.dossiers.models import Apology, ApologyStatus, Dossier
from motcua.notifications.models import Notification, NotificationTemplate
from motcua.workflow import services as wf
from motcua.workflow.apologies import apology_open_for_sweep
from tests.dossiers.builders import MONDAY_9AM, at, build_world, receive, to_approval, to_result

MON = MONDAY_9AM.date()
TUE, WED, THU, FRI = (MON + dt.timedelta(days=n) for n in range(1, 5))
ORIGINAL_DUE = at(THU, 9)  # 3 working days from Monday 09:00
NEW_DUE = at(FRI, 16)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def dossier(world) -> Dossier:
    d = receive(world)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    return wf.dossier_assign(
        dossier=d, actor=world.leader, handler=world.specialist, at=at(MON, 11)
    )


def drafted_and_submitted(world, d: Dossier) -> Apology:
    when = at(TUE, 8)
    wf.apology_draft(
        dossier=d,
        actor=world.specialist,
        reason="Chờ kết quả xác minh của cơ quan khác",
        new_due_at=NEW_DUE,
        at=when,
    )
    return wf.apology_submit(dossier=d, actor=world.specialist, at=when)


def test_draft_submit_approve(world, dossier) -> None:
    apology = wf.apology_draft(
        dossier=dossier,
        actor=world.specialist,
        reason="Chờ kết quả xác minh",
        new_due_at=NEW_DUE,
        at=at(TUE, 8),
    )
    assert apology.status == ApologyStatus.DRAFT
    assert apology.original_due_at == ORIGINAL_DUE
    assert apology.drafted_by == world.specialist
    event = dossier.events.get(action="draft_apology")
    assert dt.datetime.fromisoformat(event.data["new_due_at"]) == NEW_DUE
    assert (event.from_status, event.to_status) == ("processing", "processing")

    apology = wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(TUE, 8, 30))
    assert (apology.status, apology.submitted_at) == (ApologyStatus.SUBMITTED, at(TUE, 8, 30))
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_draft(
            dossier=dossier, actor=world.specialist, reason="Khác", new_due_at=NEW_DUE,
            at=at(TUE, 9),
        )  # fmt: skip
    assert exc.value.code == "apology_submitted"

    with pytest.raises(PermissionDenied):
        wf.apology_approve(dossier=dossier, actor=world.specialist, at=at(TUE, 9))
    apology = wf.apology_approve(dossier=dossier, actor=world.leader, note="Đồng ý", at=at(TUE, 9))
    assert apology.status == ApologyStatus.APPROVED
    assert (apology.decided_by, apology.decided_at) == (world.leader, at(TUE, 9))
    assert apology.number == "1/2026"
    assert apology.late is False
    assert apology.original_due_at == ORIGINAL_DUE
    dossier.refresh_from_db()
    assert dossier.rescheduled_due_at == NEW_DUE
    deadline = dossier_deadline(dossier, at=at(TUE, 10))
    assert deadline.appointment_at == NEW_DUE
    assert deadline.legal.due_at == ORIGINAL_DUE  # the due itself never moves
    event = dossier.events.get(action="approve_apology")
    assert (event.data["form"], event.data["form_number"]) == ("apology", "1/2026")
    assert event.data["late"] is False
    sent = Notification.objects.filter(template=NotificationTemplate.DOSSIER_APOLOGY)
    assert {n.channel for n in sent} == {"sms", "email"}


def test_only_the_handler_drafts(world, dossier) -> None:
    for who in (world.specialist2, world.leader, world.desk_officer):
        with pytest.raises(PermissionDenied):
            wf.apology_draft(
                dossier=dossier, actor=who, reason="x", new_due_at=NEW_DUE, at=at(TUE, 8)
            )
    assert not Apology.objects.exists()


def test_approval_less_than_a_working_day_before_the_due_is_late(world, dossier) -> None:
    # One working day (8 h) before Thursday 09:00 is Wednesday 09:00.
    assert dossier_deadline(dossier, at=at(TUE, 8)).apology_due_by == at(WED, 9)
    drafted_and_submitted(world, dossier)
    apology = wf.apology_approve(dossier=dossier, actor=world.leader, at=at(WED, 9, 30))
    assert apology.late is True
    assert dossier.events.get(action="approve_apology").data["late"] is True


def test_approval_exactly_a_working_day_before_is_in_time(world, dossier) -> None:
    drafted_and_submitted(world, dossier)
    apology = wf.apology_approve(dossier=dossier, actor=world.leader, at=at(WED, 9))
    assert apology.late is False


def test_only_one_apology_per_dossier(world, dossier) -> None:
    drafted_and_submitted(world, dossier)
    wf.apology_approve(dossier=dossier, actor=world.leader, at=at(TUE, 9))
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_draft(
            dossier=dossier, actor=world.specialist, reason="Lần hai",
            new_due_at=NEW_DUE + dt.timedelta(days=3), at=at(WED, 8),
        )  # fmt: skip
    assert exc.value.code == "apology_once"
    for call in (wf.apology_submit, wf.apology_approve):
        actor = world.specialist if call is wf.apology_submit else world.leader
        with pytest.raises(ValidationFailed) as exc:
            call(dossier=dossier, actor=actor, at=at(WED, 8))
        assert exc.value.code == "apology_once"
    assert Apology.objects.count() == 1


def test_rejected_apology_may_be_redrafted(world, dossier) -> None:
    drafted_and_submitted(world, dossier)
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_reject(dossier=dossier, actor=world.leader, note=" ", at=at(TUE, 9))
    assert exc.value.code == "reason_required"
    rejected = wf.apology_reject(
        dossier=dossier, actor=world.leader, note="Lý do chưa cụ thể", at=at(TUE, 9)
    )
    assert rejected.status == ApologyStatus.REJECTED
    assert rejected.decision_note == "Lý do chưa cụ thể"
    dossier.refresh_from_db()
    assert dossier.rescheduled_due_at is None
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_approve(dossier=dossier, actor=world.leader, at=at(TUE, 9, 30))
    assert exc.value.code == "apology_not_submitted"

    second = wf.apology_draft(
        dossier=dossier, actor=world.specialist, reason="Chờ Công an tỉnh xác minh nhân thân",
        new_due_at=NEW_DUE, at=at(TUE, 10),
    )  # fmt: skip
    assert second.pk != rejected.pk
    wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(TUE, 10))
    approved = wf.apology_approve(dossier=dossier, actor=world.leader, at=at(TUE, 11))
    assert approved.pk == second.pk
    assert approved.status == ApologyStatus.APPROVED
    assert [a.status for a in Apology.objects.order_by("pk")] == ["rejected", "approved"]


def test_new_date_must_be_after_the_due(world, dossier) -> None:
    for new_due in (ORIGINAL_DUE, ORIGINAL_DUE - dt.timedelta(hours=1)):
        with pytest.raises(ValidationFailed) as exc:
            wf.apology_draft(
                dossier=dossier, actor=world.specialist, reason="Chậm", new_due_at=new_due,
                at=at(TUE, 8),
            )  # fmt: skip
        assert exc.value.code == "apology_new_due"
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_draft(
            dossier=dossier, actor=world.specialist, reason=" ", new_due_at=NEW_DUE, at=at(TUE, 8)
        )
    assert exc.value.code == "reason_required"
    assert not Apology.objects.exists()


def test_approval_after_the_new_date_has_passed_is_refused(world, dossier) -> None:
    wf.apology_draft(
        dossier=dossier, actor=world.specialist, reason="Chậm", new_due_at=at(THU, 10),
        at=at(TUE, 8),
    )  # fmt: skip
    wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(TUE, 8))
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_approve(dossier=dossier, actor=world.leader, at=at(THU, 11))
    assert exc.value.code == "apology_new_due"
    assert Apology.objects.get().status == ApologyStatus.SUBMITTED


def test_submit_needs_a_complete_draft(world, dossier) -> None:
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(TUE, 8))
    assert exc.value.code == "apology_incomplete"
    # The sweep opens an empty draft; the handler completes that same row.
    opened = apology_open_for_sweep(dossier=dossier, at=at(WED, 9))
    assert opened is not None
    assert apology_open_for_sweep(dossier=dossier, at=at(WED, 10)) is None
    with pytest.raises(ValidationFailed) as exc:
        wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(WED, 10))
    assert exc.value.code == "apology_incomplete"
    filled = wf.apology_draft(
        dossier=dossier, actor=world.specialist, reason="Chờ xác minh", new_due_at=NEW_DUE,
        at=at(WED, 10),
    )  # fmt: skip
    assert filled.pk == opened.pk
    assert (
        wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(WED, 10)).pk == opened.pk
    )


def test_classification_keeps_the_original_due(world, dossier) -> None:
    drafted_and_submitted(world, dossier)
    wf.apology_approve(dossier=dossier, actor=world.leader, at=at(TUE, 9))
    # Thursday 14:00: past the original due (09:00), before the new appointment (Friday 16:00).
    d = wf.dossier_forward(dossier=dossier, actor=world.specialist, at=at(THU, 10))
    d = to_result(world, d, when=at(THU, 14))
    deadline = dossier_deadline(d, at=at(THU, 15))
    assert deadline.legal.due_at == ORIGINAL_DUE
    assert deadline.legal.timeliness is not None
    assert deadline.legal.timeliness.value == "late"
    assert deadline.appointment_at == NEW_DUE
    assert d.events.get(action="approve").data["timeliness"] == "late"


def test_no_apology_once_the_result_is_ready(world) -> None:
    d = to_result(world, to_approval(world, receive(world)))
    with pytest.raises(wf.TransitionRefused):
        wf.apology_draft(
            dossier=d, actor=world.desk_officer, reason="x", new_due_at=NEW_DUE, at=at(TUE, 8)
        )
