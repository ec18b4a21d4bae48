"""Actions on a received dossier: step moves, supplements, payments, decisions, results, returns,
withdrawal and stopping. Each one locks the row, checks the table and the process, writes, and
appends one event in the same transaction; messages go out after commit."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import Role, User
from motcua.accounts.validators import validate_personal_id
from motcua.calendar.engine import clock_start
from motcua.calendar.selectors import calendar_for_agency, paper_cutoff
from motcua.catalog.models import ProcessStep, StepKind
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.timezone import to_local
from motcua.dossiers.codes import form_number_allocate
from motcua.dossiers.files import Upload, file_store, upload_check
from motcua.dossiers.models import (
    Channel,
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
)
from motcua.dossiers.ratings import rating_url
from motcua.notifications.models import NotificationTemplate
from motcua.workflow import core
from motcua.workflow.intake import ComponentInput, cutoff_defers_clock, known_component_items
from motcua.workflow.policies import (
    holds_role,
    is_applicant,
    is_desk_officer,
    is_leader_for,
    step_agency,
)
from motcua.workflow.transitions import SUPPLEMENT_SENT, Action


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


def _target(current: ProcessStep, code: str | None, *, back: bool) -> ProcessStep:
    """A forward (or send-back) target the process defines for the current step."""
    allowed = list(current.send_back_to.all() if back else current.forward_to.all())
    if not allowed:
        raise ValidationFailed(
            f"Quy trình không cho phép {'trả lại' if back else 'chuyển'} từ bước “{current.name}”.",
            code="step_not_allowed",
            field="to_step",
            details={"choices": []},
        )
    if code is None:
        if len(allowed) == 1:
            return allowed[0]
        raise ValidationFailed(
            "Phải chọn bước chuyển đến.",
            code="step_required",
            field="to_step",
            details={"choices": [s.code for s in allowed]},
        )
    for step in allowed:
        if step.code == code:
            return step
    raise ValidationFailed(
        f"Quy trình không cho phép {'trả lại' if back else 'chuyển'} từ bước “{current.name}” "
        f"đến bước “{code}”.",
        code="step_not_allowed",
        field="to_step",
        details={"choices": [s.code for s in allowed]},
    )


def _handler_for(
    dossier: Dossier, step: ProcessStep, handler: User | None, *, on: dt.date
) -> User | None:
    if handler is None:
        return None
    agency = step_agency(step, dossier)
    if not holds_role(handler, role=step.role, agency_id=agency.pk, on=on):
        raise ValidationFailed(
            f"{handler} không có vai trò “{Role(step.role).label}” tại {agency.name}.",
            code="handler_not_eligible",
            field="handler",
        )
    return handler


def _move(
    dossier: Dossier,
    *,
    action: Action,
    actor: User,
    at: dt.datetime,
    target: ProcessStep,
    status: DossierStatus,
    handler: User | None = None,
    note: str = "",
    data: dict[str, object] | None = None,
    files: Sequence[Upload] = (),
    file_kind: FileKind = FileKind.ATTACHMENT,
) -> Dossier:
    from_status, from_step = dossier.status, dossier.current_step
    stored = core.store_files(dossier, files, kind=file_kind, actor=actor)
    closed = core.close_visit(dossier, at=at, action=action)
    start = at
    extra = dict(data or {})
    if from_step is not None and from_step.kind == StepKind.RECEPTION and dossier.handover_at:
        # A paper dossier received after the cut-off reaches the agency at the next opening.
        if dossier.handover_at > at:
            start = dossier.handover_at
        extra["handover_at"] = start
    from_agency, to_agency = dossier.current_agency, step_agency(target, dossier)
    crosses = from_step is not None and StepKind.INTER_AGENCY in (from_step.kind, target.kind)
    if crosses and from_agency is not None and from_agency.pk != to_agency.pk:
        # A hand-off to another agency, or its return: time is attributed per agency.
        extra["inter_agency"] = True
        extra["from_agency"] = from_agency.code
        extra["to_agency"] = to_agency.code
    core.open_visit(dossier, target, at=start, handler=handler)
    dossier.status = status
    dossier.save()
    core.record(dossier, action=action, actor=actor, at=at, from_status=from_status,
                from_step=from_step, closed=closed, note=note, data=extra, files=stored)  # fmt: skip
    return dossier


@transaction.atomic
def dossier_forward(
    *,
    dossier: Dossier,
    actor: User,
    to_step: str | None = None,
    handler: User | None = None,
    note: str = "",
    files: Sequence[Upload] = (),
    at: dt.datetime | None = None,
) -> Dossier:
    """Move to a next step the process defines (hand-over from the desk, inter-agency hand-off
    and its return included). The return step is reached by "result ready" or an approval."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.FORWARD, actor, at=at)
    assert dossier.current_step is not None
    target = _target(dossier.current_step, to_step, back=False)
    if target.kind == StepKind.RETURN:
        raise ValidationFailed(
            "Chuyển sang bước trả kết quả bằng thao tác “Có kết quả, chuyển trả” (kèm kết quả).",
            code="result_required",
            field="to_step",
        )
    handler = _handler_for(dossier, target, handler, on=to_local(at).date())
    return _move(dossier, action=Action.FORWARD, actor=actor, at=at, target=target,
                 status=DossierStatus.PROCESSING, handler=handler, note=note, files=files)  # fmt: skip


@transaction.atomic
def dossier_send_back(
    *,
    dossier: Dossier,
    actor: User,
    note: str,
    to_step: str | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Send back to an earlier step the process allows, with the reason."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.SEND_BACK, actor, at=at)
    note = core.require_text(note, field="note", message="Phải nêu lý do trả lại.")
    assert dossier.current_step is not None
    target = _target(dossier.current_step, to_step, back=True)
    status = (
        DossierStatus.RECEIVED if target.kind == StepKind.RECEPTION else DossierStatus.PROCESSING
    )
    previous = (
        dossier.visits.filter(step=target, handler__isnull=False).order_by("-started_at").first()
    )
    return _move(dossier, action=Action.SEND_BACK, actor=actor, at=at, target=target,
                 status=status, handler=previous.handler if previous else None, note=note)  # fmt: skip


@transaction.atomic
def dossier_assign(
    *, dossier: Dossier, actor: User, handler: User, note: str = "", at: dt.datetime | None = None
) -> Dossier:
    """Assign the current step to a handler (a leader assigns; a step member claims it)."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.ASSIGN, actor, at=at)
    assert dossier.current_step is not None
    on = to_local(at).date()
    if handler.pk != actor.pk and not is_leader_for(actor, dossier, on=on):
        raise PermissionDenied(
            "Chỉ lãnh đạo được phân công cho người khác.",
            code="action_not_permitted",
            field="handler",
        )
    _handler_for(dossier, dossier.current_step, handler, on=on)
    from_status = dossier.status
    dossier.handler = handler
    dossier.save(update_fields=["handler", "updated_at"])
    dossier.visits.filter(ended_at=None).update(handler=handler)
    core.record(dossier, action=Action.ASSIGN, actor=actor, at=at, from_status=from_status,
                from_step=dossier.current_step, note=note,
                data={"handler": handler.username})  # fmt: skip
    return dossier


# --- Supplements ---------------------------------------------------------------------------------


def _supplement_window_passed(dossier: Dossier, at: dt.datetime) -> bool:
    assert dossier.received_at is not None
    calendar = calendar_for_agency(dossier.receiving_agency)
    window = dt.timedelta(hours=8 * settings.MOTCUA_SUPPLEMENT_WINDOW_DAYS)
    return calendar.working_time_between(dossier.received_at, at) > window


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier: Dossier,
    actor: User,
    items: Sequence[tuple[str, str]],
    reason: str,
    late_reason: str = "",
    override_reason: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """Ask, through the desk, for the listed components to be completed (Mẫu 02), once.

    `items`: (component code, what is required of it) — only components of the procedure.
    After the window (3 working days from reception) a `late_reason` is required and the request
    is flagged; a second request needs a leader and an `override_reason` (late for Decision 766).
    The clock stops until the complete dossier arrives; it then restarts from zero."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.REQUEST_SUPPLEMENT, actor, at=at)
    reason = core.require_text(reason, field="reason", message="Phải nêu lý do yêu cầu bổ sung.")
    listed = known_component_items(dossier, [code for code, _ in items])
    for entry, (_, requirement) in zip(listed, items, strict=True):
        entry["requirement"] = requirement.strip()
    data: dict[str, object] = {"items": listed, "reason": reason}
    if dossier.supplement_count >= 1:
        if not (is_leader_for(actor, dossier, on=to_local(at).date()) and override_reason.strip()):
            raise ValidationFailed(
                "Hồ sơ đã được yêu cầu bổ sung một lần: chỉ yêu cầu bổ sung một lần (lần thứ hai "
                "cần lãnh đạo quyết định, ghi rõ lý do).",
                code="supplement_once",
            )
        data["second_request"] = True
        data["override_reason"] = override_reason.strip()
    if _supplement_window_passed(dossier, at):
        if not late_reason.strip():
            raise ValidationFailed(
                f"Đã quá {settings.MOTCUA_SUPPLEMENT_WINDOW_DAYS} ngày làm việc kể từ khi tiếp nhận: "
                "phải ghi lý do yêu cầu bổ sung muộn.",
                code="supplement_window_passed",
                field="late_reason",
            )
        data["late"] = True
        data["late_reason"] = late_reason.strip()
    from_status = dossier.status
    dossier.status = DossierStatus.SUPPLEMENT_REQUESTED
    dossier.supplement_count += 1
    dossier.save()
    DossierPause.objects.create(dossier=dossier, kind=PauseKind.SUPPLEMENT, reason=reason,
                                started_at=at, started_by=actor)  # fmt: skip
    data["form"] = "supplement_request"
    data["form_number"] = form_number_allocate(
        agency_code=dossier.receiving_agency.code, form="supplement_request", year=to_local(at).year
    )
    core.record(dossier, action=Action.REQUEST_SUPPLEMENT, actor=actor, at=at,
                from_status=from_status, from_step=dossier.current_step, note=reason,
                data=data)  # fmt: skip
    core.notify_applicant(
        dossier, template=NotificationTemplate.DOSSIER_SUPPLEMENT_REQUESTED,
        event=f"supplement_requested:{dossier.supplement_count}", actor=actor,
        context={"reason": reason, "items": [i["name"] for i in listed]},
    )  # fmt: skip
    return dossier


@transaction.atomic
def dossier_receive_supplement(
    *,
    dossier: Dossier,
    actor: User,
    files: Sequence[Upload] = (),
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """The complete dossier arrived: the pause ends and the legal time limit restarts from zero
    (Decree 61/2018 Art 19.4; the cut-off applies to paper)."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.RECEIVE_SUPPLEMENT, actor, at=at)
    stored = core.store_files(dossier, files, kind=FileKind.SUPPLEMENT, actor=actor)
    DossierPause.objects.filter(dossier=dossier, ended_at=None).update(ended_at=at, ended_by=actor)
    calendar = calendar_for_agency(dossier.receiving_agency)
    paper = Channel(dossier.channel).is_paper and cutoff_defers_clock(dossier.variant)
    dossier.clock_started_at = clock_start(calendar, at, cutoff=paper_cutoff() if paper else None)
    from_status = dossier.status
    step = dossier.current_step
    dossier.status = (
        DossierStatus.RECEIVED
        if step is not None and step.kind == StepKind.RECEPTION
        else DossierStatus.PROCESSING
    )
    dossier.save()
    core.record(dossier, action=Action.RECEIVE_SUPPLEMENT, actor=actor, at=at,
                from_status=from_status, from_step=step, note=note,
                data={"clock_restarted_at": dossier.clock_started_at}, files=stored)  # fmt: skip
    return dossier


def supplement_request_open(dossier: Dossier) -> DossierEvent | None:
    """The request a dossier waiting for its supplement answers (status 5): the latest request
    after appraisal, or before reception the latest intake request; None in other statuses."""
    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED:
        return None
    action = Action.REQUEST_SUPPLEMENT if dossier.code else Action.REQUEST_INTAKE_SUPPLEMENT
    return dossier.events.filter(action=action).order_by("-sequence").first()


@transaction.atomic
def dossier_supplement_send(
    *,
    dossier: Dossier,
    components: Sequence[ComponentInput],
    note: str = "",
    actor: User,
    at: dt.datetime | None = None,
) -> Dossier:
    """The applicant (or the desk on their behalf) sends online the papers a supplement request
    after reception asked for: each file under its component (kind "supplement"), one event
    `supplement_sent` with the files. The status does not change and the clock stays paused: the
    desk checks the papers and "receives the supplement" (`dossier_receive_supplement`), which
    restarts the time limit from zero.

    Only the components the request lists, at least one file, every file checked by content.
    Sending again while the desk has not received the supplement yet is allowed (a paper forgotten
    the first time): each send is its own event and nothing sent before is replaced. Before
    reception (status 5 without a code) the applicant resubmits instead (`dossier_resubmit`)."""
    at = _now(at)
    dossier = core.lock(dossier)
    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED or dossier.code is None:
        raise core.TransitionRefused(
            "Hồ sơ không ở trạng thái chờ bổ sung sau khi tiếp nhận: không gửi được hồ sơ bổ sung.",
            code="transition_not_allowed",
            details={"action": SUPPLEMENT_SENT, "status": dossier.status},
        )
    on = to_local(at).date()
    if not (is_applicant(actor, dossier) or is_desk_officer(actor, dossier, on=on)):
        raise PermissionDenied(
            "Chỉ người nộp hồ sơ (hoặc bộ phận một cửa thay mặt) được gửi hồ sơ bổ sung.",
            code="action_not_permitted",
            details={"action": SUPPLEMENT_SENT},
        )
    request = supplement_request_open(dossier)
    requested = [str(i.get("code")) for i in (request.data.get("items") or [])] if request else []
    rows = {row.component.code: row for row in dossier.components.select_related("component")}
    allowed = [code for code in requested if code in rows] or list(rows)
    for item in components:
        if item.code not in allowed:
            raise ValidationFailed(
                f"“{item.code}” không phải giấy tờ được yêu cầu bổ sung.",
                code="component_not_requested",
                field="components",
                details={"allowed": allowed},
            )
    if not any(item.files for item in components):
        raise ValidationFailed(
            "Phải đính kèm ít nhất một tệp giấy tờ bổ sung.",
            code="supplement_files_required",
            field="components",
        )
    for item in components:  # every file checked before any is stored
        for upload in item.files:
            upload_check(upload, field=f"component-{item.code}")
    stored: list[DossierFile] = []
    sent: list[dict[str, object]] = []
    for item in components:
        if not item.files:
            continue
        row = rows[item.code]
        stored += [
            file_store(
                dossier=dossier, kind=FileKind.SUPPLEMENT, upload=upload, component=row, actor=actor
            )
            for upload in item.files
        ]
        sent.append({"code": item.code, "name": row.component.name, "files": len(item.files)})
    core.record(dossier, action=SUPPLEMENT_SENT, actor=actor, at=at, from_status=dossier.status,
                from_step=dossier.current_step, note=note.strip(),
                data={"components": sent, "request": request.sequence if request else None},
                files=stored)  # fmt: skip
    return dossier


# --- Financial obligation ------------------------------------------------------------------------


@transaction.atomic
def dossier_request_payment(
    *, dossier: Dossier, actor: User, amount: Decimal, reason: str, at: dt.datetime | None = None
) -> Dossier:
    """Ask the applicant to fulfil a financial obligation (fee, tax); the clock stops meanwhile."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.REQUEST_PAYMENT, actor, at=at)
    reason = core.require_text(reason, field="reason", message="Phải nêu nghĩa vụ tài chính.")
    if amount < 0:
        raise ValidationFailed("Số tiền không được âm.", code="amount_invalid", field="amount")
    from_status = dossier.status
    dossier.status = DossierStatus.AWAITING_PAYMENT
    dossier.fees_due += amount
    dossier.save()
    DossierPause.objects.create(dossier=dossier, kind=PauseKind.FINANCIAL, reason=reason,
                                started_at=at, started_by=actor)  # fmt: skip
    core.record(dossier, action=Action.REQUEST_PAYMENT, actor=actor, at=at,
                from_status=from_status, from_step=dossier.current_step, note=reason,
                data={"amount": amount})  # fmt: skip
    return dossier


@transaction.atomic
def dossier_confirm_payment(
    *,
    dossier: Dossier,
    actor: User,
    amount: Decimal,
    online: bool = False,
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.CONFIRM_PAYMENT, actor, at=at)
    if amount < 0:
        raise ValidationFailed("Số tiền không được âm.", code="amount_invalid", field="amount")
    DossierPause.objects.filter(dossier=dossier, ended_at=None).update(ended_at=at, ended_by=actor)
    from_status = dossier.status
    dossier.status = DossierStatus.PROCESSING
    dossier.fees_paid += amount
    dossier.paid_online = dossier.paid_online or online
    dossier.save()
    core.record(dossier, action=Action.CONFIRM_PAYMENT, actor=actor, at=at,
                from_status=from_status, from_step=dossier.current_step, note=note,
                data={"amount": amount, "online": online})  # fmt: skip
    return dossier


# --- Decisions and results -----------------------------------------------------------------------


def _return_step(dossier: Dossier, current: ProcessStep) -> ProcessStep:
    for step in current.forward_to.all():
        if step.kind == StepKind.RETURN:
            return step
    fallback = dossier.variant.steps.filter(kind=StepKind.RETURN).order_by("position").first()
    if fallback is None:
        raise ValidationFailed("Quy trình không có bước trả kết quả.", code="process_missing")
    return fallback


def _finish(
    dossier: Dossier,
    *,
    action: Action,
    actor: User,
    at: dt.datetime,
    kind: ResultKind,
    target: ProcessStep,
    number: str,
    summary: str,
    note: str,
    files: Sequence[Upload],
    data: dict[str, object] | None = None,
) -> Dossier:
    """Status 9 at the return step. An approved result needs a result file; an early result is
    announced to the applicant before it is returned."""
    from motcua.dossiers.deadlines import legal_clock

    if kind == ResultKind.APPROVED and not files and not core.has_result_file(dossier):
        raise ValidationFailed(
            "Phải đính kèm kết quả giải quyết (bản điện tử hoặc bản quét) trước khi chuyển trả.",
            code="result_required",
            field="files",
        )
    dossier.result_kind = kind
    dossier.result_number = number.strip()
    dossier.result_summary = summary.strip()
    dossier.finished_at = at
    extra = dict(data or {})
    clock = legal_clock(dossier, pauses=list(dossier.pauses.all()), at=at)
    early = to_local(at).date() < to_local(clock.due_at).date()
    extra["timeliness"] = clock.timeliness.value if clock.timeliness else ""
    if early:
        extra["early_return_announced"] = True
    _move(dossier, action=action, actor=actor, at=at, target=target,
          status=DossierStatus.RESULT_READY, note=note, data=extra, files=files,
          file_kind=FileKind.RESULT)  # fmt: skip
    core.notify_applicant(
        dossier, template=NotificationTemplate.DOSSIER_RESULT_READY, event="result_ready",
        actor=actor, context={"early": early, "appointment_at": clock.due_at,
                              "refused": kind == ResultKind.REFUSED},
    )  # fmt: skip
    return dossier


@transaction.atomic
def dossier_approve(
    *,
    dossier: Dossier,
    actor: User,
    to_step: str | None = None,
    result_number: str = "",
    summary: str = "",
    note: str = "",
    files: Sequence[Upload] = (),
    at: dt.datetime | None = None,
) -> Dossier:
    """A leader approves at an approval step: on to the next step, or — when that is the return
    step — the result is ready (a result file is required)."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.APPROVE, actor, at=at)
    assert dossier.current_step is not None
    target = _target(dossier.current_step, to_step, back=False)
    if target.kind == StepKind.RETURN:
        return _finish(dossier, action=Action.APPROVE, actor=actor, at=at,
                       kind=ResultKind.APPROVED, target=target, number=result_number,
                       summary=summary, note=note, files=files)  # fmt: skip
    return _move(dossier, action=Action.APPROVE, actor=actor, at=at, target=target,
                 status=DossierStatus.PROCESSING, note=note, files=files)  # fmt: skip


@transaction.atomic
def dossier_result_ready(
    *,
    dossier: Dossier,
    actor: User,
    result_number: str = "",
    summary: str = "",
    note: str = "",
    files: Sequence[Upload] = (),
    at: dt.datetime | None = None,
) -> Dossier:
    """The result is ready and goes to the return step (only where the process leads there)."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.RESULT_READY, actor, at=at)
    assert dossier.current_step is not None
    targets = [s for s in dossier.current_step.forward_to.all() if s.kind == StepKind.RETURN]
    if not targets:
        raise ValidationFailed(
            f"Quy trình không cho phép chuyển trả kết quả từ bước “{dossier.current_step.name}”.",
            code="step_not_allowed",
        )
    return _finish(dossier, action=Action.RESULT_READY, actor=actor, at=at,
                   kind=ResultKind.APPROVED, target=targets[0], number=result_number,
                   summary=summary, note=note, files=files)  # fmt: skip


@transaction.atomic
def dossier_refuse_result(
    *,
    dossier: Dossier,
    actor: User,
    reasons: Sequence[str],
    files: Sequence[Upload] = (),
    at: dt.datetime | None = None,
) -> Dossier:
    """Refuse to grant the result, with reasons: a result of kind "refusal" through the return
    step (within the time limit, else it is late like any result)."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.REFUSE_RESULT, actor, at=at)
    clean = [r.strip() for r in reasons if r.strip()]
    if not clean:
        raise ValidationFailed(
            "Phải nêu lý do từ chối cụ thể.", code="reason_required", field="reasons"
        )
    assert dossier.current_step is not None
    target = _return_step(dossier, dossier.current_step)
    number = form_number_allocate(
        agency_code=dossier.agency.code, form="result_refusal", year=to_local(at).year
    )
    return _finish(dossier, action=Action.REFUSE_RESULT, actor=actor, at=at,
                   kind=ResultKind.REFUSED, target=target, number=number,
                   summary="\n".join(clean), note="\n".join(clean), files=files,
                   data={"reasons": clean, "form": "refusal", "form_number": number})  # fmt: skip


@transaction.atomic
def dossier_return(
    *,
    dossier: Dossier,
    actor: User,
    method: ReturnMethod,
    received_by_name: str = "",
    received_by_id_number: str = "",
    tracking_number: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> Dossier:
    """Hand the result over: at the counter (to whom, their ID), by post (tracking number), or
    electronically. Never without a result."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.RETURN_RESULT, actor, at=at)
    if dossier.result_kind == ResultKind.APPROVED and not core.has_result_file(dossier):
        raise ValidationFailed("Hồ sơ chưa có kết quả: không thể trả.", code="result_required")
    data: dict[str, object] = {"method": method.value}
    if method == ReturnMethod.COUNTER:
        received_by_name = core.require_text(
            received_by_name, field="received_by_name", message="Phải ghi người nhận kết quả."
        )
        if received_by_id_number.strip():
            try:
                validate_personal_id(received_by_id_number.strip())
            except Exception as exc:
                raise ValidationFailed(
                    "Số định danh của người nhận không hợp lệ.",
                    code="personal_id_invalid",
                    field="received_by_id_number",
                ) from exc
        elif dossier.rule_set == RuleSet.R2025:
            raise ValidationFailed(
                "Phải ghi số định danh cá nhân của người nhận kết quả.",
                code="personal_id_required",
                field="received_by_id_number",
            )
        dossier.returned_to_name = received_by_name
        dossier.returned_to_id_number = received_by_id_number.strip()
        data["received_by"] = received_by_name
    elif method == ReturnMethod.POST:
        tracking_number = core.require_text(
            tracking_number, field="tracking_number", message="Phải ghi số vận đơn bưu chính."
        )
        dossier.return_tracking_number = tracking_number
        data["tracking_number"] = tracking_number
    from_status, from_step = dossier.status, dossier.current_step
    closed = core.close_visit(dossier, at=at, action=Action.RETURN_RESULT)
    dossier.status = DossierStatus.RETURNED
    dossier.returned_at = at
    dossier.return_method = method
    dossier.handler = None
    dossier.save()
    core.record(dossier, action=Action.RETURN_RESULT, actor=actor, at=at, from_status=from_status,
                from_step=from_step, closed=closed, note=note, data=data)  # fmt: skip
    # An applicant with an account is invited to rate the service (the link needs their login).
    context = {"rating_url": rating_url(dossier)} if dossier.applicant_account_id else {}
    core.notify_applicant(dossier, template=NotificationTemplate.DOSSIER_RETURNED,
                          event="returned", actor=actor, context=context)  # fmt: skip
    return dossier


# --- Withdrawal and stop -------------------------------------------------------------------------


@transaction.atomic
def dossier_request_withdrawal(
    *, dossier: Dossier, actor: User, reason: str, at: dt.datetime | None = None
) -> Dossier:
    """The applicant asks to withdraw or stop (only while no result exists). An online submission
    not yet received simply ends."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.REQUEST_WITHDRAWAL, actor, at=at)
    reason = core.require_text(reason, field="reason", message="Phải nêu lý do xin rút hồ sơ.")
    from_status = dossier.status
    if dossier.code is None:
        dossier.status = DossierStatus.STOPPED
    else:
        dossier.status_before_withdrawal = dossier.status
        dossier.status = DossierStatus.WITHDRAWAL_REQUESTED
    dossier.save()
    core.record(dossier, action=Action.REQUEST_WITHDRAWAL, actor=actor, at=at,
                from_status=from_status, from_step=dossier.current_step, note=reason,
                data={"requested_on": to_local(at).date()})  # fmt: skip
    return dossier


@transaction.atomic
def dossier_refuse_withdrawal(
    *, dossier: Dossier, actor: User, reason: str, at: dt.datetime | None = None
) -> Dossier:
    """The request cannot be granted (e.g. a decision already exists): the status is restored."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.REFUSE_WITHDRAWAL, actor, at=at)
    reason = core.require_text(reason, field="reason", message="Phải nêu lý do.")
    from_status = dossier.status
    dossier.status = dossier.status_before_withdrawal or DossierStatus.PROCESSING
    dossier.status_before_withdrawal = ""
    dossier.save()
    core.record(dossier, action=Action.REFUSE_WITHDRAWAL, actor=actor, at=at,
                from_status=from_status, from_step=dossier.current_step, note=reason)  # fmt: skip
    return dossier


def _stop(dossier: Dossier, *, action: Action, actor: User, at: dt.datetime, reason: str,
          data: dict[str, object]) -> Dossier:  # fmt: skip
    from_status, from_step = dossier.status, dossier.current_step
    closed = core.close_visit(dossier, at=at, action=action)
    DossierPause.objects.filter(dossier=dossier, ended_at=None).update(ended_at=at, ended_by=actor)
    dossier.status = DossierStatus.STOPPED
    dossier.finished_at = at
    dossier.handler = None
    dossier.save()
    if dossier.rule_set == RuleSet.R2025 and data.get("at_request"):
        # The stop notice (TT 03/2025 Mẫu 05) answers the applicant's request; a stop by decision
        # is the leader's own document, recorded with its legal ground.
        data["form"] = "stop_notice"
        data["form_number"] = form_number_allocate(
            agency_code=dossier.receiving_agency.code, form="stop_notice", year=to_local(at).year
        )
    core.record(dossier, action=action, actor=actor, at=at, from_status=from_status,
                from_step=from_step, closed=closed, note=reason, data=data)  # fmt: skip
    return dossier


@transaction.atomic
def dossier_stop(
    *, dossier: Dossier, actor: User, reason: str = "", at: dt.datetime | None = None
) -> Dossier:
    """Stop at the applicant's request: a stop notice (R2025, Mẫu 05) or a withdrawal record."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.STOP, actor, at=at)
    request = dossier.events.filter(action=Action.REQUEST_WITHDRAWAL).order_by("-sequence").first()
    reason = reason.strip() or (request.note if request else "") or "Theo đề nghị của người nộp."
    return _stop(dossier, action=Action.STOP, actor=actor, at=at, reason=reason,
                 data={"requested_on": request.data.get("requested_on") if request else None,
                       "at_request": True})  # fmt: skip


@transaction.atomic
def dossier_stop_processing(
    *, dossier: Dossier, actor: User, legal_ground: str, at: dt.datetime | None = None
) -> Dossier:
    """A leader stops processing by a recorded decision citing its legal ground (e.g. a
    supplement never completed)."""
    at = _now(at)
    dossier = core.lock(dossier)
    core.check(dossier, Action.STOP_PROCESSING, actor, at=at)
    legal_ground = core.require_text(
        legal_ground, field="legal_ground", message="Phải nêu căn cứ pháp lý của việc dừng xử lý."
    )
    return _stop(dossier, action=Action.STOP_PROCESSING, actor=actor, at=at, reason=legal_ground,
                 data={"at_request": False})  # fmt: skip
