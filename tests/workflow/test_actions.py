"""Actions on a received dossier, each allowed and refused: step moves, assignment, supplements,
payments, decisions, results, returns, withdrawal and stop; inter-agency steps and the time each
agency used; the event log as the timeline."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from motcua.catalog.models import ProcessStep
from motcua.core.errors import DomainError, PermissionDenied, ValidationFailed
from motcua.dossiers.deadlines import dossier_deadline
from motcua.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierFile,
    DossierPause,
    DossierStatus,
    FileKind,
    PauseKind,
    ResultKind,
    ReturnMethod,
    RuleSet,
    StepVisit,
)
from motcua.notifications.models import Notification, NotificationTemplate
from motcua.workflow import services as wf
from motcua.workflow.selectors import available_actions
from motcua.workflow.transitions import Action
from tests.dossiers.builders import (
    MONDAY_9AM,
    at,
    build_world,
    receive,
    scan,
    to_approval,
    to_result,
)

MON = MONDAY_9AM.date()
TUE, WED, THU, FRI = (MON + dt.timedelta(days=n) for n in range(1, 5))


@pytest.fixture
def world(db):
    return build_world()


def snapshot(d: Dossier) -> tuple[object, ...]:
    d = Dossier.objects.get(pk=d.pk)
    return (
        d.status,
        d.current_step_id,
        d.current_agency_id,
        d.handler_id,
        d.supplement_count,
        d.events.count(),
        d.visits.count(),
        d.pauses.count(),
    )


def refused(call, *, code: str, d: Dossier, kind: type[DomainError] = DomainError) -> None:
    """`call()` is refused with `code` and leaves the dossier exactly as it was."""
    before = snapshot(d)
    with pytest.raises(kind) as exc:
        call()
    assert exc.value.code == code
    assert snapshot(d) == before


def at_appraisal(world, when: dt.datetime = MONDAY_9AM) -> Dossier:
    d = receive(world, when=when)
    return wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))


def step_code(d: Dossier) -> str:
    d.refresh_from_db()
    assert d.current_step is not None
    return d.current_step.code


def link_appraisal_to_return(world) -> None:
    """Let the appraisal step of the linear process lead to the return step directly."""
    steps = {s.code: s for s in ProcessStep.objects.filter(variant=world.variant)}
    steps["tham-dinh"].forward_to.add(steps["tra-ket-qua"])


# --- Forward and send back -----------------------------------------------------------------------


def test_forward_moves_along_the_process(world) -> None:
    d = at_appraisal(world)
    assert d.status == DossierStatus.PROCESSING
    assert step_code(d) == "tham-dinh"
    assert d.current_agency == world.commune
    assert d.handler is None
    reception, appraisal = StepVisit.objects.filter(dossier=d).order_by("pk")
    assert (reception.ended_at, reception.used_hours, reception.ended_by_action) == (
        at(MON, 10),
        Decimal("1.00"),
        "forward",
    )
    assert (appraisal.started_at, appraisal.budget_hours, appraisal.ended_at) == (
        at(MON, 10),
        Decimal(14),
        None,
    )
    event = d.events.get(action="forward")
    assert (event.from_status, event.to_status) == ("received", "processing")
    assert (event.from_step, event.to_step) == (reception.step, appraisal.step)
    assert (event.step_budget_hours, event.step_used_hours) == (Decimal(2), Decimal("1.00"))


def test_forward_to_a_step_the_process_does_not_allow_is_refused(world) -> None:
    d = receive(world)
    refused(
        lambda: wf.dossier_forward(
            dossier=d, actor=world.desk_officer, to_step="phe-duyet", at=at(MON, 10)
        ),
        code="step_not_allowed",
        d=d,
    )
    assert step_code(d) == "tiep-nhan"


def test_forward_to_the_return_step_needs_a_result(world) -> None:
    link_appraisal_to_return(world)
    d = at_appraisal(world)
    refused(
        lambda: wf.dossier_forward(
            dossier=d, actor=world.specialist, to_step="tra-ket-qua", at=at(MON, 11)
        ),
        code="result_required",
        d=d,
    )
    # With two possible next steps the target must be named.
    refused(
        lambda: wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 11)),
        code="step_required",
        d=d,
    )
    d = wf.dossier_forward(dossier=d, actor=world.specialist, to_step="phe-duyet", at=at(MON, 11))
    assert step_code(d) == "phe-duyet"


def test_forward_is_not_the_way_out_of_an_approval(world) -> None:
    d = to_approval(world, receive(world))
    refused(
        lambda: wf.dossier_forward(dossier=d, actor=world.leader, at=at(MON, 15)),
        code="transition_not_allowed",
        d=d,
    )


def test_send_back_needs_a_reason_and_an_allowed_target(world) -> None:
    d = at_appraisal(world)
    refused(
        lambda: wf.dossier_send_back(dossier=d, actor=world.specialist, note=" ", at=at(MON, 11)),
        code="reason_required",
        d=d,
    )
    refused(
        lambda: wf.dossier_send_back(
            dossier=d, actor=world.specialist, note="Sai", to_step="phe-duyet", at=at(MON, 11)
        ),
        code="step_not_allowed",
        d=d,
    )
    d = wf.dossier_send_back(
        dossier=d, actor=world.specialist, note="Thiếu chữ ký trên tờ khai", at=at(MON, 11)
    )
    assert d.status == DossierStatus.RECEIVED
    assert step_code(d) == "tiep-nhan"
    # Back to the officer who held the reception step.
    assert d.handler == world.desk_officer
    event = d.events.get(action="send_back")
    assert event.note == "Thiếu chữ ký trên tờ khai"
    assert (event.from_status, event.to_status) == ("processing", "received")


def test_send_back_from_approval_returns_to_the_assigned_specialist(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_assign(dossier=d, actor=world.leader, handler=world.specialist, at=at(MON, 11))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 14))
    d = wf.dossier_send_back(dossier=d, actor=world.leader, note="Xem lại", at=at(MON, 15))
    assert step_code(d) == "tham-dinh"
    assert d.status == DossierStatus.PROCESSING
    assert d.handler == world.specialist
    # Only the assigned specialist acts now.
    refused(
        lambda: wf.dossier_forward(dossier=d, actor=world.specialist2, at=at(MON, 16)),
        code="action_not_permitted",
        d=d,
    )


# --- Who may act ---------------------------------------------------------------------------------


def test_only_the_step_role_at_the_step_agency_acts(world) -> None:
    d = at_appraisal(world)
    for who in (world.desk_officer, world.leader, world.police_specialist, world.other_officer):
        refused(
            lambda who=who: wf.dossier_forward(dossier=d, actor=who, at=at(MON, 11)),
            code="action_not_permitted",
            d=d,
            kind=PermissionDenied,
        )


def test_desk_step_belongs_to_the_desk_officers_of_that_desk(world) -> None:
    d = receive(world)
    for who in (world.other_officer, world.specialist):
        refused(
            lambda who=who: wf.dossier_forward(dossier=d, actor=who, at=at(MON, 10)),
            code="action_not_permitted",
            d=d,
            kind=PermissionDenied,
        )


def test_once_assigned_only_the_handler_acts(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_assign(dossier=d, actor=world.leader, handler=world.specialist, at=at(MON, 11))
    assert d.handler == world.specialist
    assert StepVisit.objects.get(dossier=d, ended_at=None).handler == world.specialist
    assert d.events.get(action="assign").data == {"handler": world.specialist.username}
    refused(
        lambda: wf.dossier_forward(dossier=d, actor=world.specialist2, at=at(MON, 13, 30)),
        code="action_not_permitted",
        d=d,
        kind=PermissionDenied,
    )
    # Another specialist cannot take it over by claiming it; the leader can reassign.
    refused(
        lambda: wf.dossier_assign(
            dossier=d, actor=world.specialist2, handler=world.specialist2, at=at(MON, 13, 30)
        ),
        code="action_not_permitted",
        d=d,
    )
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 14))
    assert step_code(d) == "phe-duyet"
    assert d.handler is None


def test_self_claim_and_leader_assignment(world) -> None:
    d = at_appraisal(world)
    # A specialist may claim an unassigned step for themselves, not assign others.
    refused(
        lambda: wf.dossier_assign(
            dossier=d, actor=world.specialist, handler=world.specialist2, at=at(MON, 11)
        ),
        code="action_not_permitted",
        d=d,
    )
    d = wf.dossier_assign(
        dossier=d, actor=world.specialist2, handler=world.specialist2, at=at(MON, 11)
    )
    assert d.handler == world.specialist2
    # The leader reassigns, but only to someone holding the step's role there.
    refused(
        lambda: wf.dossier_assign(
            dossier=d, actor=world.leader, handler=world.police_specialist, at=at(MON, 11)
        ),
        code="handler_not_eligible",
        d=d,
    )
    refused(
        lambda: wf.dossier_assign(
            dossier=d, actor=world.leader, handler=world.desk_officer, at=at(MON, 11)
        ),
        code="handler_not_eligible",
        d=d,
    )
    d = wf.dossier_assign(dossier=d, actor=world.leader, handler=world.specialist, at=at(MON, 12))
    assert d.handler == world.specialist


def test_forward_with_a_handler_assigns_on_arrival(world) -> None:
    d = receive(world)
    with pytest.raises(ValidationFailed) as exc:
        wf.dossier_forward(
            dossier=d, actor=world.desk_officer, handler=world.leader, at=at(MON, 10)
        )
    assert exc.value.code == "handler_not_eligible"
    d = wf.dossier_forward(
        dossier=d, actor=world.desk_officer, handler=world.specialist2, at=at(MON, 10)
    )
    assert d.handler == world.specialist2
    assert StepVisit.objects.get(dossier=d, ended_at=None).handler == world.specialist2


def test_available_actions_follow_role_and_process(world) -> None:
    d = receive(world)
    officer = {
        o.action: o for o in available_actions(dossier=d, actor=world.desk_officer, at=MONDAY_9AM)
    }
    assert Action.FORWARD in officer
    assert [s.code for s in officer[Action.FORWARD].steps] == ["tham-dinh"]
    assert Action.RESULT_READY not in officer  # the reception step does not lead to the return
    assert available_actions(dossier=d, actor=world.specialist, at=MONDAY_9AM) == []
    d = at_appraisal(world)
    specialist = {
        o.action for o in available_actions(dossier=d, actor=world.specialist, at=at(MON, 11))
    }
    assert {Action.FORWARD, Action.SEND_BACK, Action.REQUEST_SUPPLEMENT} <= specialist
    assert Action.APPROVE not in specialist


# --- Supplements ---------------------------------------------------------------------------------

ITEMS = [("giay-chung-sinh", "Bản chính rõ nét")]


def test_request_supplement_pauses_and_issues_the_slip(world) -> None:
    d = at_appraisal(world)
    refused(
        lambda: wf.dossier_request_supplement(
            dossier=d,
            actor=world.specialist,
            items=[("so-ho-khau", "bản sao")],
            reason="Thiếu",
            at=at(MON, 11),
        ),
        code="component_not_in_procedure",
        d=d,
    )
    refused(
        lambda: wf.dossier_request_supplement(
            dossier=d, actor=world.specialist, items=ITEMS, reason="", at=at(MON, 11)
        ),
        code="reason_required",
        d=d,
    )
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Giấy chứng sinh mờ", at=at(MON, 11)
    )
    assert d.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert d.public_status == 5
    assert d.supplement_count == 1
    pause = DossierPause.objects.get(dossier=d)
    assert (pause.kind, pause.started_at, pause.ended_at) == (
        PauseKind.SUPPLEMENT,
        at(MON, 11),
        None,
    )
    event = d.events.get(action="request_supplement")
    assert event.data["items"] == [
        {"code": "giay-chung-sinh", "name": "Giấy chứng sinh", "requirement": "Bản chính rõ nét"}
    ]
    assert (event.data["form"], event.data["form_number"]) == ("supplement_request", "1/2026")
    assert "late" not in event.data
    assert (
        Notification.objects.filter(
            template=NotificationTemplate.DOSSIER_SUPPLEMENT_REQUESTED
        ).count()
        == 2
    )  # SMS and e-mail
    # Waiting for the applicant: no step moves.
    refused(
        lambda: wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 14)),
        code="transition_not_allowed",
        d=d,
    )
    # While the applicant completes the dossier, its legal clock stands still.
    waiting = dossier_deadline(d, at=at(FRI, 16))
    assert waiting.legal.paused
    assert not waiting.legal.is_late


def test_receiving_the_supplement_restarts_the_legal_clock(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(MON, 11)
    )
    refused(
        lambda: wf.dossier_receive_supplement(
            dossier=d, actor=world.specialist, files=[scan()], at=at(TUE, 10)
        ),
        code="action_not_permitted",
        d=d,
        kind=PermissionDenied,
    )
    d = wf.dossier_receive_supplement(
        dossier=d, actor=world.desk_officer, files=[scan("bo-sung.pdf")], at=at(TUE, 10)
    )
    assert d.status == DossierStatus.PROCESSING
    assert step_code(d) == "tham-dinh"
    assert d.clock_started_at == at(TUE, 10)
    assert d.first_clock_started_at == MONDAY_9AM
    pause = DossierPause.objects.get(dossier=d)
    assert (pause.ended_at, pause.ended_by) == (at(TUE, 10), world.desk_officer)
    stored = DossierFile.objects.get(dossier=d, kind=FileKind.SUPPLEMENT)
    assert stored.event == d.events.get(action="receive_supplement")
    # 3 working days (24 h) from Tuesday 10:00: 5 h Tue, 8 h Wed, 8 h Thu, 3 h Fri → Fri 10:00.
    deadline = dossier_deadline(d, at=at(TUE, 11))
    assert deadline.legal.due_at == at(FRI, 10)
    assert deadline.legal.started_at == at(TUE, 10)
    assert not deadline.legal.paused


def test_paper_supplement_after_the_cutoff_restarts_next_morning(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(MON, 11)
    )
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(TUE, 16))
    assert d.clock_started_at == at(WED, 7)


def test_supplement_only_once_unless_a_leader_overrides(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(MON, 11)
    )
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(MON, 14))
    refused(
        lambda: wf.dossier_request_supplement(
            dossier=d, actor=world.specialist, items=ITEMS, reason="Lại mờ", at=at(MON, 15)
        ),
        code="supplement_once",
        d=d,
    )
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 15))
    refused(
        lambda: wf.dossier_request_supplement(
            dossier=d, actor=world.leader, items=ITEMS, reason="Lại mờ", at=at(MON, 16)
        ),
        code="supplement_once",
        d=d,
    )
    d = wf.dossier_request_supplement(
        dossier=d,
        actor=world.leader,
        items=ITEMS,
        reason="Lại mờ",
        override_reason="Giấy chứng sinh bản mới vẫn không đọc được",
        at=at(MON, 16),
    )
    assert d.supplement_count == 2
    event = d.events.filter(action="request_supplement").last()
    assert event is not None
    assert event.data["second_request"] is True
    assert event.data["override_reason"] == "Giấy chứng sinh bản mới vẫn không đọc được"
    assert event.data["form_number"] == "2/2026"
    # More than one request is late for Decision 766 whatever the time used.
    assert dossier_deadline(d, at=at(MON, 16, 30)).view_766.value == "overdue"


def test_supplement_after_the_window_needs_a_late_reason(world) -> None:
    d = at_appraisal(world)
    # Received Monday 09:00: 6 + 8 + 8 h by Wednesday close, the 24th hour ends Thursday 09:00.
    refused(
        lambda: wf.dossier_request_supplement(
            dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(THU, 10)
        ),
        code="supplement_window_passed",
        d=d,
    )
    d = wf.dossier_request_supplement(
        dossier=d,
        actor=world.specialist,
        items=ITEMS,
        reason="Mờ",
        late_reason="Phát hiện khi xác minh",
        at=at(THU, 10),
    )
    event = d.events.get(action="request_supplement")
    assert event.data["late"] is True
    assert event.data["late_reason"] == "Phát hiện khi xác minh"


def test_supplement_inside_the_window_needs_no_late_reason(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(THU, 8, 59)
    )
    assert "late" not in d.events.get(action="request_supplement").data


# --- Financial obligation ------------------------------------------------------------------------


def test_payment_pauses_the_clock_and_pushes_the_due(world) -> None:
    d = at_appraisal(world)
    assert dossier_deadline(d, at=at(MON, 11)).legal.due_at == at(THU, 9)
    refused(
        lambda: wf.dossier_request_payment(
            dossier=d, actor=world.specialist, amount=Decimal(-1), reason="Lệ phí", at=at(MON, 14)
        ),
        code="amount_invalid",
        d=d,
    )
    d = wf.dossier_request_payment(
        dossier=d, actor=world.specialist, amount=Decimal(50000), reason="Lệ phí", at=at(MON, 14)
    )
    assert d.status == DossierStatus.AWAITING_PAYMENT
    assert d.public_status == 6
    assert d.fees_due == Decimal(50000)
    waiting = dossier_deadline(d, at=at(TUE, 10))
    assert waiting.legal.paused
    refused(
        lambda: wf.dossier_request_payment(
            dossier=d, actor=world.specialist, amount=Decimal(1), reason="Thêm", at=at(TUE, 10)
        ),
        code="transition_not_allowed",
        d=d,
    )
    d = wf.dossier_confirm_payment(
        dossier=d, actor=world.specialist, amount=Decimal(50000), online=True, at=at(TUE, 14)
    )
    assert d.status == DossierStatus.PROCESSING
    assert (d.fees_paid, d.paid_online) == (Decimal(50000), True)
    pause = DossierPause.objects.get(dossier=d)
    assert (pause.kind, pause.ended_at) == (PauseKind.FINANCIAL, at(TUE, 14))
    # Paused Monday 14:00 → Tuesday 14:00 = 3 h + 5 h of working time: the due moves by 8 h.
    deadline = dossier_deadline(d, at=at(TUE, 15))
    assert deadline.legal.due_at == at(FRI, 9)
    assert deadline.legal.started_at == MONDAY_9AM
    assert d.clock_started_at == MONDAY_9AM


# --- Decisions and results -----------------------------------------------------------------------


def test_approval_needs_a_result_file(world) -> None:
    d = to_approval(world, receive(world))
    refused(
        lambda: wf.dossier_approve(dossier=d, actor=world.leader, at=at(MON, 15)),
        code="result_required",
        d=d,
    )
    refused(
        lambda: wf.dossier_approve(
            dossier=d, actor=world.specialist, files=[scan("kq.pdf")], at=at(MON, 15)
        ),
        code="action_not_permitted",
        d=d,
        kind=PermissionDenied,
    )
    d = wf.dossier_approve(
        dossier=d,
        actor=world.leader,
        result_number="12/GKS",
        files=[scan("kq.pdf")],
        at=at(MON, 15),
    )
    assert d.status == DossierStatus.RESULT_READY
    assert d.public_status == 9
    assert d.result_kind == ResultKind.APPROVED
    assert d.result_number == "12/GKS"
    assert d.finished_at == at(MON, 15)
    assert step_code(d) == "tra-ket-qua"
    event = d.events.get(action="approve")
    result = DossierFile.objects.get(dossier=d, kind=FileKind.RESULT)
    assert result.event == event
    assert event.data["timeliness"] == "early"
    assert event.data["early_return_announced"] is True
    ready = Notification.objects.filter(template=NotificationTemplate.DOSSIER_RESULT_READY)
    assert ready.count() == 2


def test_result_on_the_due_date_is_not_announced_as_early(world) -> None:
    d = to_approval(world, receive(world))
    d = to_result(world, d, when=at(THU, 8))
    event = d.events.get(action="approve")
    assert event.data["timeliness"] == "on_time"
    assert "early_return_announced" not in event.data


def test_result_ready_from_a_step_that_leads_to_the_return(world) -> None:
    d = at_appraisal(world)
    refused(
        lambda: wf.dossier_result_ready(
            dossier=d, actor=world.specialist, files=[scan()], at=at(MON, 11)
        ),
        code="step_not_allowed",
        d=d,
    )
    link_appraisal_to_return(world)
    refused(
        lambda: wf.dossier_result_ready(dossier=d, actor=world.specialist, at=at(MON, 11)),
        code="result_required",
        d=d,
    )
    d = wf.dossier_result_ready(
        dossier=d, actor=world.specialist, files=[scan("kq.pdf")], at=at(MON, 11)
    )
    assert d.status == DossierStatus.RESULT_READY
    assert step_code(d) == "tra-ket-qua"
    assert d.events.get(action="result_ready").data["early_return_announced"] is True
    assert Notification.objects.filter(template=NotificationTemplate.DOSSIER_RESULT_READY).exists()


def test_refuse_result_with_reasons(world) -> None:
    d = at_appraisal(world)
    refused(
        lambda: wf.dossier_refuse_result(
            dossier=d, actor=world.specialist, reasons=[" "], at=at(MON, 11)
        ),
        code="reason_required",
        d=d,
    )
    d = wf.dossier_refuse_result(
        dossier=d,
        actor=world.specialist,
        reasons=["Người yêu cầu không có quyền đăng ký"],
        at=at(MON, 11),
    )
    assert d.status == DossierStatus.RESULT_READY
    assert d.result_kind == ResultKind.REFUSED
    assert d.result_summary == "Người yêu cầu không có quyền đăng ký"
    assert step_code(d) == "tra-ket-qua"
    event = d.events.get(action="refuse_result")
    assert event.data["reasons"] == ["Người yêu cầu không có quyền đăng ký"]
    assert event.data["form"] == "refusal"
    assert event.data["form_number"] == d.result_number == "1/2026"
    # A refusal needs no result file to be handed over.
    d = wf.dossier_return(
        dossier=d, actor=world.desk_officer, method=ReturnMethod.ELECTRONIC, at=at(MON, 14)
    )
    assert d.status == DossierStatus.RETURNED


# --- Return --------------------------------------------------------------------------------------


def test_return_at_the_counter_needs_the_name_and_under_r2025_the_id(world) -> None:
    d = to_result(world, to_approval(world, receive(world)))

    def give(**kwargs):
        return lambda: wf.dossier_return(
            dossier=d, actor=world.desk_officer, method=ReturnMethod.COUNTER, at=at(MON, 16),
            **kwargs,
        )  # fmt: skip

    refused(give(received_by_id_number="001090012345"), code="reason_required", d=d)
    refused(give(received_by_name="Nguyễn Văn Bình"), code="personal_id_required", d=d)
    refused(
        give(received_by_name="Nguyễn Văn Bình", received_by_id_number="123"),
        code="personal_id_invalid",
        d=d,
    )
    refused(
        lambda: wf.dossier_return(
            dossier=d, actor=world.specialist, method=ReturnMethod.ELECTRONIC, at=at(MON, 16)
        ),
        code="action_not_permitted",
        d=d,
        kind=PermissionDenied,
    )
    d = give(received_by_name="Nguyễn Văn Bình", received_by_id_number="001090012345")()
    assert d.status == DossierStatus.RETURNED
    assert d.public_status == 10
    assert (d.returned_at, d.return_method) == (at(MON, 16), ReturnMethod.COUNTER)
    assert (d.returned_to_name, d.returned_to_id_number) == ("Nguyễn Văn Bình", "001090012345")
    assert d.events.get(action="return_result").data == {
        "method": "counter",
        "received_by": "Nguyễn Văn Bình",
    }
    assert StepVisit.objects.filter(dossier=d, ended_at=None).count() == 0
    assert Notification.objects.filter(template=NotificationTemplate.DOSSIER_RETURNED).exists()
    # Returned is final.
    again = give(received_by_name="X", received_by_id_number="001090012345")
    refused(again, code="transition_not_allowed", d=d)


def test_return_at_the_counter_under_r2018_needs_no_id(world) -> None:
    d = to_result(world, to_approval(world, receive(world)))
    Dossier.objects.filter(pk=d.pk).update(rule_set=RuleSet.R2018)
    d = wf.dossier_return(
        dossier=d,
        actor=world.desk_officer,
        method=ReturnMethod.COUNTER,
        received_by_name="Nguyễn Văn Bình",
        at=at(MON, 16),
    )
    assert d.status == DossierStatus.RETURNED
    assert d.returned_to_id_number == ""


def test_return_by_post_needs_a_tracking_number(world) -> None:
    d = to_result(world, to_approval(world, receive(world)))
    refused(
        lambda: wf.dossier_return(
            dossier=d, actor=world.desk_officer, method=ReturnMethod.POST, at=at(MON, 16)
        ),
        code="reason_required",
        d=d,
    )
    d = wf.dossier_return(
        dossier=d,
        actor=world.desk_officer,
        method=ReturnMethod.POST,
        tracking_number=" EB123456789VN ",
        at=at(MON, 16),
    )
    assert d.return_tracking_number == "EB123456789VN"
    assert d.events.get(action="return_result").data["tracking_number"] == "EB123456789VN"


def test_electronic_return_needs_nothing_more(world) -> None:
    d = to_result(world, to_approval(world, receive(world)))
    d = wf.dossier_return(
        dossier=d, actor=world.desk_officer, method=ReturnMethod.ELECTRONIC, at=at(MON, 16)
    )
    assert (d.status, d.return_method) == (DossierStatus.RETURNED, ReturnMethod.ELECTRONIC)


def test_no_return_before_the_result(world) -> None:
    d = receive(world)
    refused(
        lambda: wf.dossier_return(
            dossier=d, actor=world.desk_officer, method=ReturnMethod.ELECTRONIC, at=at(MON, 16)
        ),
        code="transition_not_allowed",
        d=d,
    )
    d = to_approval(world, d)
    refused(
        lambda: wf.dossier_return(
            dossier=d, actor=world.desk_officer, method=ReturnMethod.ELECTRONIC, at=at(MON, 16)
        ),
        code="transition_not_allowed",
        d=d,
    )


# --- Withdrawal and stop -------------------------------------------------------------------------


def test_withdrawal_refused_restores_the_status(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(MON, 11)
    )
    refused(
        lambda: wf.dossier_request_withdrawal(
            dossier=d, actor=world.desk_officer, reason="", at=at(MON, 14)
        ),
        code="reason_required",
        d=d,
    )
    # A desk officer records the request on the applicant's behalf.
    d = wf.dossier_request_withdrawal(
        dossier=d, actor=world.desk_officer, reason="Đã đăng ký nơi khác", at=at(MON, 14)
    )
    assert d.status == DossierStatus.WITHDRAWAL_REQUESTED
    assert d.public_status == 7
    assert d.status_before_withdrawal == DossierStatus.SUPPLEMENT_REQUESTED
    refused(
        lambda: wf.dossier_refuse_withdrawal(
            dossier=d, actor=world.specialist, reason="Đã có quyết định", at=at(MON, 15)
        ),
        code="action_not_permitted",
        d=d,
        kind=PermissionDenied,
    )
    d = wf.dossier_refuse_withdrawal(
        dossier=d, actor=world.desk_officer, reason="Đã có quyết định", at=at(MON, 15)
    )
    assert d.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert d.status_before_withdrawal == ""
    event = d.events.get(action="refuse_withdrawal")
    assert (event.from_status, event.to_status) == ("withdrawal_requested", "supplement_requested")


def test_stop_at_the_applicants_request(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_request_payment(
        dossier=d, actor=world.specialist, amount=Decimal(10000), reason="Phí", at=at(MON, 11)
    )
    refused(
        lambda: wf.dossier_stop(dossier=d, actor=world.desk_officer, at=at(MON, 14)),
        code="transition_not_allowed",
        d=d,
    )
    d = wf.dossier_request_withdrawal(
        dossier=d, actor=world.desk_officer, reason="Không có nhu cầu", at=at(MON, 14)
    )
    d = wf.dossier_stop(dossier=d, actor=world.desk_officer, at=at(MON, 15))
    assert d.status == DossierStatus.STOPPED
    assert d.public_status == 8
    assert d.finished_at == at(MON, 15)
    assert d.handler is None
    event = d.events.get(action="stop")
    assert event.note == "Không có nhu cầu"
    assert (event.data["form"], event.data["form_number"]) == ("stop_notice", "1/2026")
    assert event.data["at_request"] is True
    assert event.data["requested_on"] == "2026-03-09"
    assert not StepVisit.objects.filter(dossier=d, ended_at=None).exists()
    assert not DossierPause.objects.filter(dossier=d, ended_at=None).exists()
    # Stopped is final.
    refused(
        lambda: wf.dossier_request_withdrawal(
            dossier=d, actor=world.desk_officer, reason="x", at=at(MON, 16)
        ),
        code="transition_not_allowed",
        d=d,
    )


def test_stop_under_r2018_has_no_stop_notice(world) -> None:
    d = at_appraisal(world)
    Dossier.objects.filter(pk=d.pk).update(rule_set=RuleSet.R2018)
    d = wf.dossier_request_withdrawal(
        dossier=d, actor=world.desk_officer, reason="Không có nhu cầu", at=at(MON, 14)
    )
    d = wf.dossier_stop(dossier=d, actor=world.desk_officer, at=at(MON, 15))
    assert d.status == DossierStatus.STOPPED
    assert "form" not in d.events.get(action="stop").data


def test_no_withdrawal_once_the_result_exists(world) -> None:
    d = to_result(world, to_approval(world, receive(world)))
    refused(
        lambda: wf.dossier_request_withdrawal(
            dossier=d, actor=world.desk_officer, reason="x", at=at(MON, 16)
        ),
        code="transition_not_allowed",
        d=d,
    )


def test_stop_processing_by_a_leader_with_a_legal_ground(world) -> None:
    d = at_appraisal(world)
    refused(
        lambda: wf.dossier_stop_processing(
            dossier=d, actor=world.specialist, legal_ground="Điều 19", at=at(MON, 14)
        ),
        code="action_not_permitted",
        d=d,
        kind=PermissionDenied,
    )
    refused(
        lambda: wf.dossier_stop_processing(
            dossier=d, actor=world.leader, legal_ground="  ", at=at(MON, 14)
        ),
        code="reason_required",
        d=d,
    )
    d = wf.dossier_stop_processing(
        dossier=d,
        actor=world.leader,
        legal_ground="Khoản 4 Điều 19 Nghị định 61/2018/NĐ-CP",
        at=at(MON, 14),
    )
    assert d.status == DossierStatus.STOPPED
    assert d.finished_at == at(MON, 14)
    event = d.events.get(action="stop_processing")
    assert event.note == "Khoản 4 Điều 19 Nghị định 61/2018/NĐ-CP"
    assert event.data["at_request"] is False
    assert "form" not in event.data  # a stop notice answers only the applicant's request


# --- The event log -------------------------------------------------------------------------------


def test_events_are_append_only(world) -> None:
    d = receive(world)
    event = d.events.get()
    event.note = "sửa"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert DossierEvent.objects.get(pk=event.pk).note == ""


def test_the_events_alone_reproduce_the_timeline(world) -> None:
    d = at_appraisal(world)
    d = wf.dossier_assign(dossier=d, actor=world.leader, handler=world.specialist, at=at(MON, 11))
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(MON, 13, 30)
    )
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(MON, 14))
    d = wf.dossier_request_payment(
        dossier=d, actor=world.specialist, amount=Decimal(8000), reason="Phí", at=at(MON, 14, 30)
    )
    d = wf.dossier_confirm_payment(
        dossier=d, actor=world.specialist, amount=Decimal(8000), at=at(MON, 15)
    )
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 15, 30))
    d = wf.dossier_send_back(dossier=d, actor=world.leader, note="Xem lại", at=at(MON, 16))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(TUE, 8))
    d = to_result(world, d, when=at(TUE, 9))
    d = wf.dossier_return(
        dossier=d, actor=world.desk_officer, method=ReturnMethod.ELECTRONIC, at=at(TUE, 10)
    )
    events = list(d.events.order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    assert [e.action for e in events] == [
        "receive", "forward", "assign", "request_supplement", "receive_supplement",
        "request_payment", "confirm_payment", "forward", "send_back", "forward", "approve",
        "return_result",
    ]  # fmt: skip
    assert events[0].from_status == ""
    for before, after in itertools.pairwise(events):
        assert before.to_status == after.from_status, after.action
        assert before.to_step_id == after.from_step_id, after.action
        assert before.occurred_at <= after.occurred_at
    assert events[-1].to_status == d.status == DossierStatus.RETURNED
    statuses = [e.to_status for e in events if e.to_status != e.from_status]
    assert statuses == [
        "received", "processing", "supplement_requested", "processing", "awaiting_payment",
        "processing", "result_ready", "returned",
    ]  # fmt: skip
    # Each step stay is one visit, and each move closed the previous one.
    visits = list(StepVisit.objects.filter(dossier=d).order_by("started_at", "pk"))
    assert [v.step.code for v in visits] == [
        "tiep-nhan", "tham-dinh", "phe-duyet", "tham-dinh", "phe-duyet", "tra-ket-qua",
    ]  # fmt: skip
    assert all(v.ended_at is not None for v in visits)


# --- Inter-agency --------------------------------------------------------------------------------


def to_police(world) -> Dossier:
    d = receive(world, variant=world.inter_variant)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    return wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 14))


def test_inter_agency_step_belongs_to_the_partner_agency(world) -> None:
    d = to_police(world)
    assert step_code(d) == "cong-an"
    assert d.current_agency == world.police
    assert d.agency == world.commune
    assert d.events.get(action="forward", to_step__code="cong-an").data["inter_agency"] is True
    visit = StepVisit.objects.get(dossier=d, ended_at=None)
    assert (visit.agency, visit.budget_hours) == (world.police, Decimal(4))
    for who in (world.specialist, world.specialist2, world.desk_officer):
        refused(
            lambda who=who: wf.dossier_forward(dossier=d, actor=who, at=at(MON, 15)),
            code="action_not_permitted",
            d=d,
            kind=PermissionDenied,
        )
    d = wf.dossier_forward(dossier=d, actor=world.police_specialist, at=at(MON, 16))
    assert step_code(d) == "phe-duyet"
    assert d.current_agency == world.commune
    back = d.events.get(action="forward", from_step__code="cong-an").data
    assert (back["inter_agency"], back["from_agency"], back["to_agency"]) == (
        True,
        world.police.code,
        world.commune.code,
    )
    assert "inter_agency" not in d.events.get(action="forward", to_step__code="tham-dinh").data


def test_time_is_attributed_to_each_agency(world) -> None:
    d = to_police(world)
    # The police take Monday 14:00 → Tuesday 14:00: 3 h + 5 h against a 4 h budget.
    d = wf.dossier_forward(dossier=d, actor=world.police_specialist, at=at(TUE, 14))
    deadline = dossier_deadline(d, at=at(TUE, 15))
    shares = {share.agency.pk: share for share in deadline.agencies}
    police, commune = shares[world.police.pk], shares[world.commune.pk]
    assert (police.budget, police.used) == (dt.timedelta(hours=4), dt.timedelta(hours=8))
    assert police.over_budget
    # Commune: reception 1 h of 2, appraisal 2 h of 8, approval 1 h so far of 6.
    assert commune.budget == dt.timedelta(hours=16)
    assert commune.used == dt.timedelta(hours=4)
    assert not commune.over_budget
    assert [share.agency for share in deadline.late_agencies] == [world.police]
    police_step = next(s for s in deadline.steps if s.visit.step.code == "cong-an")
    assert police_step.clock.timeliness is not None
    assert police_step.clock.timeliness.value == "late"
    assert police_step.visit.used_hours == Decimal("8.00")
