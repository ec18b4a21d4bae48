"""Replaying a line's events on an unsaved dossier, as the workflow services would play them."""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError

from motcua.accounts.models import Agency
from motcua.accounts.validators import validate_personal_id
from motcua.calendar.engine import Pause, clock_start
from motcua.calendar.selectors import paper_cutoff
from motcua.catalog.models import (
    ProcessStep,
    StepKind,
)
from motcua.core.timezone import to_local
from motcua.dossiers.deadlines import Calendars, legal_clock
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Apology,
    ApologyStatus,
    Channel,
    Dossier,
    DossierEvent,
    DossierPause,
    DossierStatus,
    PauseKind,
    ResultKind,
    ReturnMethod,
    StepVisit,
    hours,
)
from motcua.workflow.importing.catalog import VariantInfo
from motcua.workflow.importing.reading import Line, json_dict
from motcua.workflow.intake import (
    cutoff_defers_clock,
    start_clock,
)
from motcua.workflow.policies import step_agency
from motcua.workflow.transitions import RULES, Action, status_allows

SUBMIT = "submit"
ACTIONS = frozenset({SUBMIT, *(a.value for a in Action)})
_WITH_RESULT = frozenset({DossierStatus.RESULT_READY, DossierStatus.RETURNED})
# Event data motcua derives itself: the same keys in a line's `data` are ignored.
DERIVED_DATA = frozenset(
    {"imported", "channel", "logbook_serial", "handover_at", "inter_agency", "timeliness",
     "early_return_announced", "clock_restarted_at", "late", "second_request", "requested_on",
     "at_request", "original_due_at", "from_agency", "to_agency"}
)  # fmt: skip
_RESULT_KEYS = frozenset({"kind", "number", "summary", "ready_at"})
_RETURNED_KEYS = frozenset({"at", "method", "tracking_number", "to_name", "to_id_number"})


@dataclass(slots=True)
class VisitRow:
    """A StepVisit to be: rows are built only when written (a model instance costs more)."""

    step: ProcessStep
    agency: Agency
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    used_hours: Decimal | None = None
    ended_by_action: str = ""

    def model(self, dossier_id: int) -> StepVisit:
        return StepVisit(
            dossier_id=dossier_id,
            step_id=self.step.pk,
            agency_id=self.agency.pk,
            role=self.step.role,
            handler_id=None,
            budget_hours=self.step.budget_hours,
            started_at=self.started_at,
            ended_at=self.ended_at,
            used_hours=self.used_hours,
            ended_by_action=self.ended_by_action,
        )


@dataclass(slots=True)
class EventRow:
    """A DossierEvent to be, with the fields `workflow.core.record` writes."""

    sequence: int
    occurred_at: dt.datetime
    actor_name: str
    agency: Agency
    action: str
    from_status: str
    to_status: str
    from_step: ProcessStep | None
    to_step: ProcessStep | None
    step_budget_hours: Decimal | None
    step_used_hours: Decimal | None
    note: str
    data: dict[str, object]

    def model(self, dossier_id: int) -> DossierEvent:
        return DossierEvent(
            dossier_id=dossier_id,
            sequence=self.sequence,
            occurred_at=self.occurred_at,
            actor_id=None,
            actor_name=self.actor_name,
            agency_id=self.agency.pk,
            action=self.action,
            from_status=self.from_status,
            to_status=self.to_status,
            from_step_id=self.from_step.pk if self.from_step is not None else None,
            to_step_id=self.to_step.pk if self.to_step is not None else None,
            step_budget_hours=self.step_budget_hours,
            step_used_hours=self.step_used_hours,
            note=self.note,
            data=self.data,
        )


@dataclass
class EventIn:
    path: str  # where the event is in the line, for problems
    at: dt.datetime
    action: str
    actor_name: str
    agency: Agency | None
    from_step: str | None
    to_step: str | None
    note: str
    data: dict[str, object] = field(default_factory=dict)
    synthetic: bool = False  # the approval added from the line's `apology`


@dataclass
class ApologyIn:
    reason: str
    new_due_at: dt.datetime
    approved_at: dt.datetime
    approved_by_name: str
    number: str


class Replay:
    """The events of one line played on an unsaved dossier, as the workflow services would play
    them: the transition table, the pinned process, visits, pauses and clocks. Stops at the first
    event that could not have happened (one problem per line is enough to refuse it)."""

    def __init__(
        self,
        source: str,
        calendars: Calendars,
        line: Line,
        dossier: Dossier,
        variant: VariantInfo,
        *,
        clock_started_at: dt.datetime | None,
    ) -> None:
        self.source = source
        self.line = line
        self.dossier = dossier
        self.variant = variant
        self.clock_override = clock_started_at
        self.calendars = calendars
        self.status = ""
        self.received = False
        self.open: VisitRow | None = None
        self.visits: list[VisitRow] = []
        self.pauses: list[DossierPause] = []
        self.events: list[EventRow] = []
        self.apology: Apology | None = None
        self.apology_in: ApologyIn | None = None
        self.receive_event: EventRow | None = None
        self.finish_event: tuple[str, dt.datetime, str] | None = None  # action, at, note
        self.fees_requested = Decimal(0)
        self.fees_confirmed = Decimal(0)
        self.last_submit_apology: dt.datetime | None = None

    # -- driver -------------------------------------------------------------------------------

    def run(self, events: list[EventIn], apology: ApologyIn | None) -> bool:
        self.apology_in = apology
        if apology is not None:
            approvals = [e for e in events if e.action == Action.APPROVE_APOLOGY]
            if len(approvals) > 1:
                self.line.fail(
                    approvals[1].path,
                    "apology_once",
                    "Mỗi hồ sơ chỉ được xin lỗi và hẹn lại một lần.",
                )
                return False
            if approvals and approvals[0].at != apology.approved_at:
                self.line.fail(
                    "apology.approved_at",
                    "apology_mismatch",
                    f"Không trùng thời điểm của sự kiện duyệt xin lỗi ({approvals[0].path}).",
                )
                return False
            if not approvals:
                position = sum(1 for e in events if e.at <= apology.approved_at)
                events = [
                    *events[:position],
                    EventIn(
                        path="apology.approved_at",
                        at=apology.approved_at,
                        action=Action.APPROVE_APOLOGY.value,
                        actor_name=apology.approved_by_name,
                        agency=None,
                        from_step=None,
                        to_step=None,
                        note="",
                        synthetic=True,
                    ),
                    *events[position:],
                ]
        return all(self._event(event) for event in events)

    def _refuse(self, event: EventIn, field: str, code: str, message: str) -> bool:
        path = event.path if event.synthetic or not field else f"{event.path}.{field}"
        self.line.fail(path, code, message)
        return False

    def _event(self, event: EventIn) -> bool:
        current = self.dossier.current_step if self.status else None
        if event.from_step is not None and event.from_step != (current.code if current else None):
            where = f"bước «{current.code}»" if current else "chưa ở bước nào"
            return self._refuse(
                event,
                "from_step",
                "step_mismatch",
                f"Lúc này hồ sơ {where}, không phải «{event.from_step}».",
            )
        if event.action == SUBMIT:
            return self._submit(event)
        action = Action(event.action)
        if not self.status and action is not Action.RECEIVE:
            return self._refuse(
                event,
                "action",
                "receive_missing",
                "Lịch sử phải bắt đầu bằng nộp hồ sơ (submit) hoặc tiếp nhận (receive).",
            )
        if action is Action.RECEIVE:
            if self.received or self.status not in ("", DossierStatus.SUBMITTED):
                return self._not_allowed(event, action)
        elif not status_allows(
            RULES[action],
            DossierStatus(self.status),
            received=self.received,
            step_kind=StepKind(current.kind) if current is not None else None,
        ):
            return self._not_allowed(event, action)
        before_agency = self.dossier.current_agency
        handle: Callable[[EventIn], bool] = getattr(self, f"_{action.value}")  # one per action
        ok = handle(event)
        if ok and event.agency is not None:
            plausible = {
                self.dossier.receiving_agency.pk,
                self.dossier.agency.pk,
                before_agency.pk if before_agency is not None else None,
                self.dossier.current_agency.pk if self.dossier.current_agency else None,
            }
            if event.agency.pk not in plausible:
                return self._refuse(
                    event,
                    "agency_code",
                    "event_agency_unexpected",
                    f"{event.agency.name} không tham gia giải quyết hồ sơ ở bước này.",
                )
        return ok

    def _not_allowed(self, event: EventIn, action: Action) -> bool:
        rule = RULES[action]
        step = self.dossier.current_step if self.status else None
        status = DossierStatus(self.status).label if self.status else "chưa tiếp nhận"
        return self._refuse(
            event,
            "action",
            "transition_not_allowed",
            f"Không thể “{rule.label.lower()}” khi hồ sơ đang ở trạng thái “{status}”"
            + (f", bước “{step.name}”." if step is not None else "."),
        )

    # -- rows ---------------------------------------------------------------------------------

    def _engine_pauses(self) -> list[Pause]:
        return [Pause(p.started_at, p.ended_at, kind=p.kind, reason=p.reason) for p in self.pauses]

    def _close_visit(self, at: dt.datetime, action: Action) -> VisitRow | None:
        """As `workflow.core.close_visit`: the working time used, pauses excluded."""
        visit = self.open
        if visit is None:
            return None
        calendar = self.calendars.for_agency(visit.agency)
        end = max(at, visit.started_at)
        used = calendar.working_time_between(visit.started_at, end, pauses=self._engine_pauses())
        visit.ended_at = end
        visit.used_hours = hours(used)
        visit.ended_by_action = action.value
        self.open = None
        return visit

    def _open_visit(self, step: ProcessStep, at: dt.datetime) -> None:
        agency = step_agency(step, self.dossier)
        self.dossier.current_step = step
        self.dossier.current_agency = agency
        self.open = VisitRow(step=step, agency=agency, started_at=at)
        self.visits.append(self.open)

    def _end_pause(self, at: dt.datetime) -> None:
        for pause in self.pauses:
            if pause.ended_at is None:
                pause.ended_at = at

    def _record(
        self,
        event: EventIn,
        *,
        from_status: str,
        from_step: ProcessStep | None,
        closed: VisitRow | None = None,
        data: Mapping[str, object] | None = None,
    ) -> EventRow:
        """As `workflow.core.record`, with the name the file gives and `imported: true`."""
        row = EventRow(
            sequence=len(self.events) + 1,
            occurred_at=event.at,
            actor_name=event.actor_name or f"Hệ thống {self.source}",
            agency=self.dossier.current_agency or self.dossier.agency,
            action=event.action,
            from_status=from_status,
            to_status=self.status,
            from_step=from_step,
            to_step=self.dossier.current_step,
            step_budget_hours=closed.step.budget_hours if closed is not None else None,
            step_used_hours=closed.used_hours if closed is not None else None,
            note=event.note,
            data=json_dict(
                {
                    **{k: v for k, v in event.data.items() if k not in DERIVED_DATA},
                    **(data or {}),
                    "imported": True,
                }
            ),
        )
        self.events.append(row)
        return row

    def _same_step(self, event: EventIn) -> bool:
        """Actions that do not move: a `to_step`, if given, is where the dossier stands."""
        step = self.dossier.current_step
        if event.to_step is not None and (step is None or event.to_step != step.code):
            return self._refuse(
                event,
                "to_step",
                "step_mismatch",
                f"Hành động này không chuyển bước: hồ sơ vẫn ở bước «{step.code if step else '—'}».",
            )
        return True

    def _target(self, event: EventIn, *, back: bool) -> ProcessStep | None:
        """As `workflow.actions._target`: a forward (or send-back) target of the current step."""
        current = self.dossier.current_step
        assert current is not None
        allowed = (self.variant.back if back else self.variant.forward)[current.pk]
        if not allowed:
            self._refuse(
                event,
                "action",
                "step_not_allowed",
                f"Quy trình không cho phép {'trả lại' if back else 'chuyển'} từ bước "
                f"«{current.code}».",
            )
            return None
        if event.to_step is None:
            if len(allowed) == 1:
                return allowed[0]
            self._refuse(
                event,
                "to_step",
                "step_required",
                "Phải ghi bước chuyển đến (một trong: " + ", ".join(s.code for s in allowed) + ").",
            )
            return None
        for step in allowed:
            if step.code == event.to_step:
                return step
        if event.to_step not in self.variant.steps:
            self._refuse(
                event,
                "to_step",
                "step_unknown",
                f"Quy trình của trường hợp «{self.variant.variant.code}» không có bước "
                f"«{event.to_step}».",
            )
            return None
        self._refuse(
            event,
            "to_step",
            "step_not_allowed",
            f"Quy trình không cho phép {'trả lại' if back else 'chuyển'} từ bước "
            f"«{current.code}» đến bước «{event.to_step}» (được phép: "
            + (", ".join(s.code for s in allowed) or "không có")
            + ").",
        )
        return None

    def _move(
        self,
        event: EventIn,
        *,
        action: Action,
        target: ProcessStep,
        status: DossierStatus,
        data: Mapping[str, object] | None = None,
    ) -> bool:
        """As `workflow.actions._move`: close the visit, hand over, open the target's visit."""
        from_status, from_step = self.status, self.dossier.current_step
        closed = self._close_visit(event.at, action)
        start = event.at
        extra = dict(data or {})
        handover = self.dossier.handover_at
        if from_step is not None and from_step.kind == StepKind.RECEPTION and handover:
            if handover > event.at:
                start = handover
            extra["handover_at"] = start
        from_agency, to_agency = self.dossier.current_agency, step_agency(target, self.dossier)
        if from_step is not None and from_agency is not None and from_agency.pk != to_agency.pk:
            # A hand-off to another agency, or its return: time is attributed per agency.
            extra["inter_agency"] = True
            extra["from_agency"] = from_agency.code
            extra["to_agency"] = to_agency.code
        self._open_visit(target, start)
        self.status = status
        self._record(event, from_status=from_status, from_step=from_step, closed=closed, data=extra)
        return True

    # -- actions ------------------------------------------------------------------------------

    def _submit(self, event: EventIn) -> bool:
        if self.status or self.events:
            return self._refuse(
                event,
                "action",
                "transition_not_allowed",
                "Nộp hồ sơ (submit) chỉ có thể là sự kiện đầu tiên.",
            )
        if not self._same_step(event):
            return False
        if self.dossier.channel != Channel.ONLINE:
            return self._refuse(
                event,
                "action",
                "transition_not_allowed",
                "Chỉ hồ sơ nộp trực tuyến (channel online) có sự kiện nộp (submit).",
            )
        self.status = DossierStatus.SUBMITTED
        self.dossier.submitted_at = event.at
        self._record(event, from_status="", from_step=None)
        return True

    def _pre_reception(self, event: EventIn, status: DossierStatus) -> bool:
        """Online intake before reception (no step, no clock), as `workflow.intake`."""
        if not self._same_step(event):
            return False
        from_status = self.status
        self.status = status
        self._record(event, from_status=from_status, from_step=None)
        return True

    def _refuse_intake(self, event: EventIn) -> bool:
        return self._pre_reception(event, DossierStatus.REFUSED_INTAKE)

    def _request_intake_supplement(self, event: EventIn) -> bool:
        return self._pre_reception(event, DossierStatus.SUPPLEMENT_REQUESTED)

    def _resubmit(self, event: EventIn) -> bool:
        return self._pre_reception(event, DossierStatus.SUBMITTED)

    def _receive(self, event: EventIn) -> bool:
        step = self.variant.reception
        if step is None:
            return self._refuse(
                event, "", "process_missing", "Trường hợp này chưa có quy trình nội bộ."
            )
        if event.to_step is not None and event.to_step != step.code:
            return self._refuse(
                event,
                "to_step",
                "step_not_allowed",
                f"Tiếp nhận luôn mở bước «{step.code}» của quy trình.",
            )
        start_clock(self.dossier, at=event.at, calendars=self.calendars)
        if self.clock_override is not None:
            self.dossier.clock_started_at = self.clock_override
            self.dossier.first_clock_started_at = self.clock_override
        from_status = self.status
        self.received = True
        self._open_visit(step, event.at)
        self.status = DossierStatus.RECEIVED
        data: dict[str, object] = {"channel": self.dossier.channel}
        if self.dossier.handover_at is not None:
            data["handover_at"] = self.dossier.handover_at
        self.receive_event = self._record(event, from_status=from_status, from_step=None, data=data)
        return True

    def _forward(self, event: EventIn) -> bool:
        target = self._target(event, back=False)
        if target is None:
            return False
        if target.kind == StepKind.RETURN:
            return self._refuse(
                event,
                "action",
                "result_required",
                "Chuyển sang bước trả kết quả bằng “result_ready”, “approve” hoặc “refuse_result”.",
            )
        return self._move(
            event, action=Action.FORWARD, target=target, status=DossierStatus.PROCESSING
        )

    def _send_back(self, event: EventIn) -> bool:
        target = self._target(event, back=True)
        if target is None:
            return False
        status = (
            DossierStatus.RECEIVED
            if target.kind == StepKind.RECEPTION
            else DossierStatus.PROCESSING
        )
        return self._move(event, action=Action.SEND_BACK, target=target, status=status)

    def _neutral(self, event: EventIn, data: Mapping[str, object] | None = None) -> bool:
        """An event that changes neither the status nor the step."""
        if not self._same_step(event):
            return False
        self._record(event, from_status=self.status, from_step=self.dossier.current_step, data=data)
        return True

    def _assign(self, event: EventIn) -> bool:
        return self._neutral(event)

    def _request_supplement(self, event: EventIn) -> bool:
        if not self._same_step(event):
            return False
        dossier = self.dossier
        assert dossier.received_at is not None
        data: dict[str, object] = {}
        if dossier.supplement_count >= 1:
            data["second_request"] = True
        calendar = self.calendars.for_agency(dossier.receiving_agency)
        window = dt.timedelta(hours=8 * settings.MOTCUA_SUPPLEMENT_WINDOW_DAYS)
        if calendar.working_time_between(dossier.received_at, event.at) > window:
            data["late"] = True
        from_status = self.status
        self.status = DossierStatus.SUPPLEMENT_REQUESTED
        dossier.supplement_count += 1
        self.pauses.append(
            DossierPause(
                kind=PauseKind.SUPPLEMENT,
                reason=event.note or "Yêu cầu bổ sung, hoàn thiện hồ sơ.",
                started_at=event.at,
                started_by=None,
            )
        )
        self._record(event, from_status=from_status, from_step=dossier.current_step, data=data)
        return True

    def _receive_supplement(self, event: EventIn) -> bool:
        """As `dossier_receive_supplement`: the pause ends, the legal clock restarts."""
        if not self._same_step(event):
            return False
        dossier = self.dossier
        self._end_pause(event.at)
        calendar = self.calendars.for_agency(dossier.receiving_agency)
        paper = Channel(dossier.channel).is_paper and cutoff_defers_clock(self.variant.variant)
        dossier.clock_started_at = clock_start(
            calendar, event.at, cutoff=paper_cutoff() if paper else None
        )
        from_status = self.status
        step = dossier.current_step
        self.status = (
            DossierStatus.RECEIVED
            if step is not None and step.kind == StepKind.RECEPTION
            else DossierStatus.PROCESSING
        )
        self._record(
            event,
            from_status=from_status,
            from_step=step,
            data={"clock_restarted_at": dossier.clock_started_at},
        )
        return True

    def _event_amount(self, event: EventIn) -> Decimal | None:
        amount = self.line.amount(event.data, "amount", f"{event.path}.data.amount")
        if amount is None and "amount" in event.data:
            return None
        return amount or Decimal(0)

    def _request_payment(self, event: EventIn) -> bool:
        amount = self._event_amount(event)
        if amount is None or not self._same_step(event):
            return False
        from_status = self.status
        self.status = DossierStatus.AWAITING_PAYMENT
        self.fees_requested += amount
        self.pauses.append(
            DossierPause(
                kind=PauseKind.FINANCIAL,
                reason=event.note or "Thực hiện nghĩa vụ tài chính.",
                started_at=event.at,
                started_by=None,
            )
        )
        self._record(
            event,
            from_status=from_status,
            from_step=self.dossier.current_step,
            data={"amount": amount},
        )
        return True

    def _confirm_payment(self, event: EventIn) -> bool:
        amount = self._event_amount(event)
        online = self.line.boolean(event.data, "online", f"{event.path}.data.online")
        if amount is None or not self._same_step(event):
            return False
        self._end_pause(event.at)
        from_status = self.status
        self.status = DossierStatus.PROCESSING
        self.fees_confirmed += amount
        self.dossier.paid_online = self.dossier.paid_online or bool(online)
        self._record(
            event,
            from_status=from_status,
            from_step=self.dossier.current_step,
            data={"amount": amount, "online": bool(online)},
        )
        return True

    def _finish(
        self, event: EventIn, *, action: Action, kind: ResultKind, target: ProcessStep
    ) -> bool:
        """As `workflow.actions._finish`: the result is ready at the return step (status 9)."""
        dossier = self.dossier
        dossier.result_kind = kind
        dossier.finished_at = event.at
        clock = legal_clock(dossier, pauses=self.pauses, at=event.at, calendars=self.calendars)
        extra: dict[str, object] = {
            "timeliness": clock.timeliness.value if clock.timeliness else ""
        }
        if to_local(event.at).date() < to_local(clock.due_at).date():
            extra["early_return_announced"] = True
        self.finish_event = (action.value, event.at, event.note)
        return self._move(
            event, action=action, target=target, status=DossierStatus.RESULT_READY, data=extra
        )

    def _approve(self, event: EventIn) -> bool:
        target = self._target(event, back=False)
        if target is None:
            return False
        if target.kind == StepKind.RETURN:
            return self._finish(
                event, action=Action.APPROVE, kind=ResultKind.APPROVED, target=target
            )
        return self._move(
            event, action=Action.APPROVE, target=target, status=DossierStatus.PROCESSING
        )

    def _result_ready(self, event: EventIn) -> bool:
        current = self.dossier.current_step
        assert current is not None
        targets = [s for s in self.variant.forward[current.pk] if s.kind == StepKind.RETURN]
        if event.to_step is not None:
            targets = [s for s in targets if s.code == event.to_step]
        if not targets:
            return self._refuse(
                event,
                "to_step" if event.to_step else "action",
                "step_not_allowed",
                f"Quy trình không cho phép chuyển trả kết quả từ bước «{current.code}»"
                + (f" đến bước «{event.to_step}»." if event.to_step else "."),
            )
        return self._finish(
            event, action=Action.RESULT_READY, kind=ResultKind.APPROVED, target=targets[0]
        )

    def _refuse_result(self, event: EventIn) -> bool:
        current = self.dossier.current_step
        assert current is not None
        targets = [s for s in self.variant.forward[current.pk] if s.kind == StepKind.RETURN]
        targets = targets or self.variant.returns()[:1]  # as `workflow.actions._return_step`
        if event.to_step is not None:
            targets = [s for s in targets if s.code == event.to_step]
        if not targets:
            return self._refuse(
                event,
                "to_step" if event.to_step else "action",
                "step_not_allowed",
                "Quy trình không có bước trả kết quả cho việc từ chối giải quyết"
                + (f" là bước «{event.to_step}»." if event.to_step else "."),
            )
        return self._finish(
            event, action=Action.REFUSE_RESULT, kind=ResultKind.REFUSED, target=targets[0]
        )

    def _return_result(self, event: EventIn) -> bool:
        if not self._same_step(event):
            return False
        from_status, from_step = self.status, self.dossier.current_step
        closed = self._close_visit(event.at, Action.RETURN_RESULT)
        self.status = DossierStatus.RETURNED
        self.dossier.returned_at = event.at
        self._record(event, from_status=from_status, from_step=from_step, closed=closed)
        return True

    def _request_withdrawal(self, event: EventIn) -> bool:
        if not self._same_step(event):
            return False
        from_status = self.status
        if not self.received:  # an online submission not yet received simply ends
            self.status = DossierStatus.STOPPED
        else:
            self.dossier.status_before_withdrawal = self.status
            self.status = DossierStatus.WITHDRAWAL_REQUESTED
        self._record(
            event,
            from_status=from_status,
            from_step=self.dossier.current_step,
            data={"requested_on": to_local(event.at).date()},
        )
        return True

    def _refuse_withdrawal(self, event: EventIn) -> bool:
        if not self._same_step(event):
            return False
        from_status = self.status
        self.status = self.dossier.status_before_withdrawal or DossierStatus.PROCESSING
        self.dossier.status_before_withdrawal = ""
        self._record(event, from_status=from_status, from_step=self.dossier.current_step)
        return True

    def _stop_now(self, event: EventIn, action: Action, *, at_request: bool) -> bool:
        """As `workflow.actions._stop`: the visit closes, pauses end, the dossier is finished."""
        if not self._same_step(event):
            return False
        from_status, from_step = self.status, self.dossier.current_step
        closed = self._close_visit(event.at, action)
        self._end_pause(event.at)
        self.status = DossierStatus.STOPPED
        self.dossier.finished_at = event.at
        self.finish_event = (action.value, event.at, event.note)
        self._record(
            event,
            from_status=from_status,
            from_step=from_step,
            closed=closed,
            data={"at_request": at_request},
        )
        return True

    def _stop(self, event: EventIn) -> bool:
        return self._stop_now(event, Action.STOP, at_request=True)

    def _stop_processing(self, event: EventIn) -> bool:
        return self._stop_now(event, Action.STOP_PROCESSING, at_request=False)

    def _draft_apology(self, event: EventIn) -> bool:
        return self._neutral(event)

    def _submit_apology(self, event: EventIn) -> bool:
        self.last_submit_apology = event.at
        return self._neutral(event)

    def _reject_apology(self, event: EventIn) -> bool:
        return self._neutral(event)

    def _approve_apology(self, event: EventIn) -> bool:
        """As `workflow.apologies.apology_approve`, with the apology the line describes."""
        apology = self.apology_in
        if apology is None:
            return self._refuse(
                event,
                "action",
                "apology_missing",
                "Có sự kiện duyệt xin lỗi nhưng dòng không có mục apology.",
            )
        due = legal_clock(self.dossier, pauses=self.pauses, at=event.at, calendars=self.calendars)
        due_at = due.due_at
        if apology.new_due_at <= max(event.at, due_at):
            self.line.fail(
                "apology.new_due_at",
                "apology_new_due",
                "Ngày hẹn mới phải sau ngày hẹn trả ban đầu ("
                f"{to_local(due_at):%H:%M %d/%m/%Y}) và sau thời điểm duyệt.",
            )
            return False
        # As `dossier_deadline(...).apology_due_by`: a working day (the lead) before the due.
        lead = dt.timedelta(hours=settings.MOTCUA_APOLOGY_LEAD_HOURS)
        calendar = self.calendars.for_agency(self.dossier.receiving_agency)
        try:
            due_by = calendar.instant_before(due_at, lead)
        except ValueError:
            due_by = due.started_at
        late = event.at > due_by
        self.apology = Apology(
            status=ApologyStatus.APPROVED,
            reason=apology.reason,
            new_due_at=apology.new_due_at,
            original_due_at=due_at,
            submitted_at=self.last_submit_apology,
            decided_at=event.at,
            late=late,
            number=apology.number,
        )
        self.dossier.rescheduled_due_at = apology.new_due_at
        event.actor_name = event.actor_name or apology.approved_by_name
        data: dict[str, object] = {
            "new_due_at": apology.new_due_at,
            "original_due_at": due_at,
            "late": late,
            "form": "apology",
        }
        if apology.number:
            data["form_number"] = apology.number
        return self._neutral(event, data)

    # -- after the last event -------------------------------------------------------------------

    def finish(
        self, obj: Mapping[str, object], *, status: DossierStatus, received_at: dt.datetime
    ) -> None:
        """The line's final facts against the replayed history."""
        line, dossier = self.line, self.dossier
        if not self.received:
            line.fail("events", "receive_missing", "Lịch sử không có sự kiện tiếp nhận (receive).")
            return
        if dossier.received_at != received_at:
            line.fail(
                "received_at",
                "received_at_mismatch",
                "Không trùng thời điểm của sự kiện tiếp nhận (receive).",
            )
        if self.apology_in is not None and self.apology is None:
            line.fail("apology", "apology_missing", "Không áp dụng được văn bản xin lỗi.")
        if self.status != status:
            line.fail(
                "status",
                "status_mismatch",
                f"Trạng thái «{status.value}» không khớp lịch sử: sau sự kiện cuối cùng hồ sơ ở "
                f"trạng thái «{self.status}».",
            )
            return
        dossier.status = status
        finished = self.finish_event
        finished_at = line.instant(obj, "finished_at", "finished_at")
        if dossier.finished_at is None and finished_at is not None:
            line.fail("finished_at", "finished_at_unexpected", "Hồ sơ chưa kết thúc giải quyết.")
        elif finished_at is not None and finished_at != dossier.finished_at:
            line.fail(
                "finished_at",
                "finished_at_mismatch",
                f"Không trùng thời điểm của sự kiện kết thúc ({finished[0] if finished else '—'}).",
            )
        self._result(obj, status)
        self._returned(obj, status)
        dossier.fees_due = self.variant.fees + self.fees_requested
        dossier.fees_paid = self.fees_confirmed
        dossier.sweep_at = self.events[-1].occurred_at if status in OPEN_STATUSES else None

    def _result(self, obj: Mapping[str, object], status: DossierStatus) -> None:
        line, dossier = self.line, self.dossier
        data = line.mapping(obj, "result", "result")
        if data is None:
            if status in _WITH_RESULT and obj.get("result") is None:
                line.fail("result", "result_required", "Hồ sơ đã xử lý xong phải có kết quả.")
            return
        line.keys(data, _RESULT_KEYS, "result.")
        if status not in _WITH_RESULT:
            line.fail("result", "result_unexpected", "Hồ sơ chưa có kết quả giải quyết.")
            return
        kind = line.text(data, "kind", "result.kind")
        if kind is not None and kind != dossier.result_kind:
            line.fail(
                "result.kind",
                "result_kind_mismatch",
                f"Lịch sử cho kết quả «{dossier.result_kind}» "
                "(approve/result_ready: approved; refuse_result: refused).",
            )
        ready_at = line.instant(data, "ready_at", "result.ready_at")
        if ready_at is not None and ready_at != dossier.finished_at:
            line.fail(
                "result.ready_at",
                "result_ready_at_mismatch",
                "Không trùng thời điểm của sự kiện có kết quả.",
            )
        dossier.result_number = line.text(data, "number", "result.number", max_length=64) or ""
        summary = line.text(data, "summary", "result.summary")
        note = self.finish_event[2] if self.finish_event else ""
        dossier.result_summary = summary or (
            note if dossier.result_kind == ResultKind.REFUSED else ""
        )

    def _returned(self, obj: Mapping[str, object], status: DossierStatus) -> None:
        line, dossier = self.line, self.dossier
        data = line.mapping(obj, "returned", "returned")
        if data is None:
            if status == DossierStatus.RETURNED and obj.get("returned") is None:
                line.fail(
                    "returned", "returned_required", "Hồ sơ đã trả kết quả phải có mục returned."
                )
            return
        line.keys(data, _RETURNED_KEYS, "returned.")
        if status != DossierStatus.RETURNED:
            line.fail("returned", "returned_unexpected", "Hồ sơ chưa trả kết quả.")
            return
        at = line.instant(data, "at", "returned.at")
        if at is not None and at != dossier.returned_at:
            line.fail(
                "returned.at",
                "returned_at_mismatch",
                "Không trùng thời điểm của sự kiện trả kết quả (return_result).",
            )
        method = line.text(data, "method", "returned.method", required=True)
        if method is not None and method not in ReturnMethod.values:
            line.fail(
                "returned.method",
                "return_method_invalid",
                f"Hình thức trả «{method}» không hợp lệ (một trong: "
                + ", ".join(ReturnMethod.values)
                + ").",
            )
        id_number = line.text(data, "to_id_number", "returned.to_id_number", max_length=16) or ""
        if id_number:
            try:
                validate_personal_id(id_number)
            except ValidationError as exc:
                line.fail("returned.to_id_number", "personal_id_invalid", exc.messages[0])
        dossier.return_method = method or ""
        dossier.return_tracking_number = (
            line.text(data, "tracking_number", "returned.tracking_number", max_length=64) or ""
        )
        dossier.returned_to_name = (
            line.text(data, "to_name", "returned.to_name", max_length=255) or ""
        )
        dossier.returned_to_id_number = id_number
        if self.events and self.events[-1].action == Action.RETURN_RESULT:
            event = self.events[-1]
            event.data = {
                **event.data,
                "method": dossier.return_method,
                **({"received_by": dossier.returned_to_name} if dossier.returned_to_name else {}),
                **(
                    {"tracking_number": dossier.return_tracking_number}
                    if dossier.return_tracking_number
                    else {}
                ),
            }
