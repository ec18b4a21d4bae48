"""The official forms of a dossier, filled from the dossier, its components and its event log.

- `form_list(dossier=)`: which forms this dossier has (receipt, supplement requests, refusals,
  apology, stop notice, control sheet), each with its title, number and issue instant;
- `form_data(dossier=, kind=, event_sequence=)`: the dataclass of `motcua.documents.forms` for
  one of them (`NotFound`, code `form_not_found`, when the dossier has no such form);
- `form_render(...)`: its PDF;
- `logbook_data(desk=, year=, ...)` / `logbook_render(...)`: a desk's register for a year or part
  of it;
- `guidance_data(guidance=)` / `guidance_render(...)`: the supplement slip (Mẫu 02) of a counter
  visit that ended in guidance (`CounterGuidance`: no dossier, no code).

These are selectors: they write nothing and take no actor; resolve the dossier for the actor
first (`motcua.dossiers.policies.access_dossier`). The form set is chosen by the dossier's local
reception date, or for a dossier never received (a refusal at the counter or of an online
submission) by the day of the visit. Form numbers are the ones the workflow allocated and stored
on the event (`data["form_number"]`) or on the apology; only the receipt's number is derived (from
the logbook serial). How each field is filled: docs/documents.md, "Filling the forms from a
dossier".
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils import timezone

from motcua.accounts.models import Agency, AgencyLevel, CitizenKind, Desk, Role, User
from motcua.catalog.formatting import time_limit_vi, unit_vi
from motcua.catalog.models import ProcessStep, StepKind
from motcua.core.errors import NotFound
from motcua.core.timezone import local_datetime
from motcua.documents import formatting as fmt
from motcua.documents.forms import (
    AgencyHeading,
    ApologyData,
    Applicant,
    ComponentRow,
    ControlSheetData,
    FormData,
    FormKind,
    FormSet,
    HandoverRow,
    LogbookData,
    LogbookRow,
    ReceiptData,
    RefusalData,
    Signer,
    StopNoticeData,
    SupplementItem,
    SupplementRequestData,
    Timeliness,
    form_set_for,
    form_title,
    local_date,
)
from motcua.documents.pdf import render_form
from motcua.dossiers.deadlines import Calendars, dossier_deadline, legal_clock
from motcua.dossiers.models import (
    Apology,
    ApologyStatus,
    Channel,
    CounterGuidance,
    Dossier,
    DossierEvent,
    DossierStatus,
    ResultKind,
    ReturnMethod,
    StepVisit,
)
from motcua.workflow.core import lookup_url
from motcua.workflow.policies import step_agency
from motcua.workflow.transitions import Action

__all__ = [
    "PrintableForm",
    "form_data",
    "form_list",
    "form_render",
    "guidance_data",
    "guidance_render",
    "legal_limit_text",
    "logbook_data",
    "logbook_render",
    "place_name",
]

AGENCY_HEAD = "Thủ trưởng cơ quan"
RECEIVING_OFFICER = "Người tiếp nhận hồ sơ"
APPLICANT_PARTY = "Tổ chức, cá nhân nộp hồ sơ"

# Events that move the dossier between steps: one control-sheet row each.
_MOVES = frozenset(
    {
        Action.RECEIVE,
        Action.FORWARD,
        Action.SEND_BACK,
        Action.APPROVE,
        Action.RESULT_READY,
        Action.REFUSE_RESULT,
        Action.RETURN_RESULT,
    }
)
# Events that may issue a form (the workflow stores "form" and "form_number" in their data).
_FORM_EVENTS = frozenset(
    {
        Action.REQUEST_SUPPLEMENT,
        Action.REFUSE_INTAKE,
        Action.REFUSE_RESULT,
        Action.STOP,
        Action.STOP_PROCESSING,
    }
)
_EVENT_KINDS = frozenset({FormKind.SUPPLEMENT_REQUEST, FormKind.REFUSAL, FormKind.STOP_NOTICE})
_ORDER = {kind: index for index, kind in enumerate(FormKind)}


@dataclass(frozen=True)
class PrintableForm:
    """A form this dossier has. `event_sequence` names the event that issued it (supplement
    requests, refusals, stop notices: a dossier may have several); None for the others."""

    kind: FormKind
    title: str
    number: str
    issued_at: dt.datetime
    event_sequence: int | None


# --- Listing -------------------------------------------------------------------------------------


def form_list(*, dossier: Dossier) -> list[PrintableForm]:
    """The forms of `dossier`, in the order they were issued."""
    dossier = _load(dossier)
    forms: list[PrintableForm] = []
    received_at = dossier.received_at if dossier.code is not None else None
    if received_at is not None:
        form_set = form_set_for(local_date(received_at))
        forms.append(
            PrintableForm(
                FormKind.RECEIPT,
                form_title(FormKind.RECEIPT, form_set),
                _receipt_number(dossier),
                received_at,
                None,
            )
        )
        forms.append(
            PrintableForm(
                FormKind.CONTROL_SHEET,
                form_title(FormKind.CONTROL_SHEET, form_set),
                "",
                received_at,
                None,
            )
        )
    for event in _form_events(dossier):
        kind = _event_kind(dossier, event)
        if kind is None:
            continue
        form_set = form_set_for(_received_on(dossier, event.occurred_at))
        forms.append(
            PrintableForm(
                kind,
                form_title(kind, form_set),
                str(event.data.get("form_number", "")),
                event.occurred_at,
                event.sequence,
            )
        )
    apology = _approved_apology(dossier)
    if apology is not None and dossier.received_at is not None:
        assert apology.decided_at is not None
        form_set = form_set_for(local_date(dossier.received_at))
        forms.append(
            PrintableForm(
                FormKind.APOLOGY,
                form_title(FormKind.APOLOGY, form_set),
                apology.number,
                apology.decided_at,
                None,
            )
        )
    forms.sort(key=lambda form: (form.issued_at, _ORDER[form.kind], form.event_sequence or 0))
    return forms


def _form_events(dossier: Dossier) -> list[DossierEvent]:
    return list(
        DossierEvent.objects.filter(dossier=dossier, action__in=_FORM_EVENTS).order_by("sequence")
    )


def _event_kind(dossier: Dossier, event: DossierEvent) -> FormKind | None:
    """The form an event issued, if any (a stop notice only in the 2025 set)."""
    form = event.data.get("form")
    if event.action == Action.REQUEST_SUPPLEMENT:
        return FormKind.SUPPLEMENT_REQUEST
    if form == "refusal" and event.action in (Action.REFUSE_INTAKE, Action.REFUSE_RESULT):
        return FormKind.REFUSAL
    stop = form == "stop_notice" and event.action in (Action.STOP, Action.STOP_PROCESSING)
    if stop and form_set_for(_received_on(dossier, event.occurred_at)) is FormSet.R2025:
        return FormKind.STOP_NOTICE
    return None


# --- One form ------------------------------------------------------------------------------------


def form_data(
    *, dossier: Dossier, kind: FormKind | str, event_sequence: int | None = None
) -> FormData:
    """The data of one form of `dossier`, ready for `render_form`.

    `event_sequence` chooses among the forms issued by events (supplement requests, refusals,
    stop notices); None takes the latest. It must be None for the other forms."""
    dossier = _load(dossier)
    kind = FormKind(kind)
    if kind in _EVENT_KINDS:
        event = _issuing_event(dossier, kind, event_sequence)
        if kind is FormKind.SUPPLEMENT_REQUEST:
            return _supplement_request(dossier, event)
        if kind is FormKind.REFUSAL:
            return _refusal(dossier, event)
        return _stop_notice(dossier, event)
    if event_sequence is None:
        if kind is FormKind.RECEIPT and dossier.code is not None:
            return _receipt(dossier)
        if kind is FormKind.CONTROL_SHEET and dossier.code is not None:
            return _control_sheet(dossier)
        if kind is FormKind.APOLOGY:
            apology = _approved_apology(dossier)
            if apology is not None:
                return _apology(dossier, apology)
    raise _not_found(dossier, kind, event_sequence)


def form_render(
    *, dossier: Dossier, kind: FormKind | str, event_sequence: int | None = None
) -> bytes:
    """The PDF of one form of `dossier`."""
    return render_form(form_data(dossier=dossier, kind=kind, event_sequence=event_sequence))


def _load(dossier: Dossier) -> Dossier:
    """The dossier re-read with what every form prints (fresh, whatever the caller holds)."""
    return Dossier.objects.select_related(
        "version",
        "desk",
        "receiving_agency__parent",
        "agency__parent",
        "received_by",
    ).get(pk=dossier.pk)


def _not_found(dossier: Dossier, kind: FormKind, event_sequence: int | None) -> NotFound:
    day = local_date(dossier.received_at or dossier.submitted_at or timezone.now())
    title = form_title(kind, form_set_for(day))
    return NotFound(
        f"Hồ sơ {dossier.display_code} không có “{title}”.",
        code="form_not_found",
        details={"form": kind.value, "event_sequence": event_sequence},
    )


def _issuing_event(dossier: Dossier, kind: FormKind, event_sequence: int | None) -> DossierEvent:
    candidates = [event for event in _form_events(dossier) if _event_kind(dossier, event) is kind]
    if event_sequence is not None:
        candidates = [event for event in candidates if event.sequence == event_sequence]
    if not candidates:
        raise _not_found(dossier, kind, event_sequence)
    return candidates[-1]


def _received_on(dossier: Dossier, visit: dt.datetime) -> dt.date:
    """The date that chooses the form set: the reception date, else the day of the visit."""
    if dossier.code is not None and dossier.received_at is not None:
        return local_date(dossier.received_at)
    return local_date(visit)


def _received(dossier: Dossier) -> tuple[str, dt.datetime]:
    assert dossier.code is not None
    assert dossier.received_at is not None
    return dossier.code, dossier.received_at


# --- Shared pieces -------------------------------------------------------------------------------


_AUTHORITY_PREFIXES = ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd ")
_UNIT_PREFIXES = ("thành phố ", "tỉnh ", "đặc khu ", "phường ", "xã ", "thị trấn ")


def place_name(agency: Agency) -> str:
    """The place of the date line (Decree 30/2020/NĐ-CP, Appendix I): the commune's name for a
    commune-level agency, else the province's ("UBND xã Hòa An" → "Hòa An", "Sở Tư pháp" under
    "UBND tỉnh Sơn Hà" → "Sơn Hà"). The name is the agency's without "UBND"/"Ủy ban nhân dân"
    and the unit word (tỉnh, thành phố, xã, phường, đặc khu, thị trấn)."""
    locality = agency
    if agency.level != AgencyLevel.COMMUNE:
        while locality.level != AgencyLevel.PROVINCE and locality.parent is not None:
            locality = locality.parent
    name = locality.name.strip()
    for prefixes in (_AUTHORITY_PREFIXES, _UNIT_PREFIXES):
        for prefix in prefixes:
            if name.casefold().startswith(prefix):
                name = name[len(prefix) :].strip()
                break
    return name or locality.name


def _heading(agency: Agency) -> AgencyHeading:
    parent = agency.parent
    return AgencyHeading(
        agency_name=agency.name,
        place_name=place_name(agency),
        governing_body=parent.name if parent is not None else "",
    )


def _person(user: User | None) -> str:
    return (user.full_name or user.username) if user is not None else ""


def _applicant(dossier: Dossier) -> Applicant:
    return Applicant(
        name=dossier.applicant_name,
        address=dossier.applicant_address,
        phone=dossier.phone,
        email=dossier.email,
    )


def _addressee(dossier: Dossier) -> str:
    if dossier.applicant_kind == CitizenKind.ORGANISATION:
        return dossier.applicant_name
    return f"Ông/Bà {dossier.applicant_name}"


def _collect_at(desk: Desk) -> str:
    return f"{desk.name}, {desk.address}" if desk.address else desk.name


def legal_limit_text(value: Decimal, unit: str) -> str:
    """The time limit as the receipt prints it: a whole number with two digits ("03 ngày làm
    việc"), otherwise as the catalog shows it ("1,5 ngày làm việc", "Trong ngày")."""
    if value > 0 and value == value.to_integral_value():
        return f"{fmt.count(int(value))} {unit_vi(unit)}"
    return time_limit_vi(value, unit)


def _result_delivery(dossier: Dossier) -> str:
    """How the result reaches the applicant, from the channel the dossier came in by (the
    receipt states what was agreed at reception, whatever happens at the return)."""
    channel = Channel(dossier.channel)
    if channel is Channel.ONLINE:
        return "Trả kết quả điện tử trên Cổng Dịch vụ công"
    if channel is Channel.POSTAL:
        return "Trả qua dịch vụ bưu chính công ích"
    return f"Trả trực tiếp tại {dossier.desk.name}"


def _receipt_number(dossier: Dossier) -> str:
    return f"{dossier.logbook_serial}/{dossier.logbook_year}"


def _approved_apology(dossier: Dossier) -> Apology | None:
    return (
        Apology.objects.select_related("decided_by")
        .filter(dossier=dossier, status=ApologyStatus.APPROVED)
        .first()
    )


# --- 01 Receipt ----------------------------------------------------------------------------------


def _receipt(dossier: Dossier) -> ReceiptData:
    code, received_at = _received(dossier)
    assert dossier.logbook_year is not None
    assert dossier.logbook_serial is not None
    clock = legal_clock(dossier, pauses=list(dossier.pauses.all()), at=timezone.now())
    rows = []
    for row in dossier.components.select_related("component"):
        if not row.handed_in:
            continue
        notes = [row.note] if row.note else []
        if row.electronic:
            notes.append("Bản điện tử")
        if row.reused:
            notes.append("Tái sử dụng dữ liệu đã số hóa")
        rows.append(
            ComponentRow(
                name=row.component.name,
                originals=row.originals,
                copies=row.copies,
                note="; ".join(notes),
            )
        )
    officer = _person(dossier.received_by)
    if not officer:
        receive = dossier.events.filter(action=Action.RECEIVE).order_by("sequence").first()
        officer = receive.actor_name if receive is not None else ""
    return ReceiptData(
        heading=_heading(dossier.receiving_agency),
        number=_receipt_number(dossier),
        dossier_code=code,
        desk_name=dossier.desk.name,
        applicant=_applicant(dossier),
        procedure_name=dossier.version.name,
        components=tuple(rows),
        sets=dossier.sets,
        legal_limit=legal_limit_text(dossier.legal_limit_value, dossier.limit_unit),
        received_at=received_at,
        due_at=clock.due_at,
        collect_at=_collect_at(dossier.desk),
        result_delivery=_result_delivery(dossier),
        lookup_url=lookup_url(dossier),
        officer_name=officer,
        logbook_year=dossier.logbook_year,
        logbook_serial=dossier.logbook_serial,
        fee_amount=int(dossier.fees_due),
    )


# --- 02 Supplement request -----------------------------------------------------------------------


def _supplement_request(dossier: Dossier, event: DossierEvent) -> SupplementRequestData:
    items = tuple(
        SupplementItem(name=str(item.get("name", "")), requirement=str(item.get("requirement", "")))
        for item in event.data.get("items", [])
    )
    desk = dossier.desk
    return SupplementRequestData(
        heading=_heading(dossier.receiving_agency),
        number=str(event.data.get("form_number", "")),
        desk_name=desk.name,
        applicant=_applicant(dossier),
        procedure_name=dossier.version.name,
        items=items,
        reason=str(event.data.get("reason") or event.note),
        contact_name=desk.name,
        contact_phone=desk.phone or dossier.receiving_agency.phone or "—",
        officer_name=event.actor_name,
        received_on=_received_on(dossier, event.occurred_at),
        issued_at=event.occurred_at,
        dossier_code=dossier.code or "",
    )


def guidance_data(*, guidance: CounterGuidance) -> SupplementRequestData:
    """The supplement slip of a counter visit: the agency hosting the desk at the visit heads it,
    the form set is the visit day's, and there is no dossier code (nothing was received)."""
    guidance = CounterGuidance.objects.select_related(
        "desk", "agency__parent", "variant__version", "issued_by"
    ).get(pk=guidance.pk)
    desk = guidance.desk
    items = tuple(
        SupplementItem(name=str(item.get("name", "")), requirement=str(item.get("requirement", "")))
        for item in guidance.items
    )
    return SupplementRequestData(
        heading=_heading(guidance.agency),
        number=guidance.form_number,
        desk_name=desk.name,
        applicant=Applicant(
            name=guidance.applicant_name,
            address=guidance.applicant_address,
            phone=guidance.applicant_phone,
        ),
        procedure_name=guidance.variant.version.name,
        items=items,
        reason=guidance.reason,
        contact_name=desk.name,
        contact_phone=desk.phone or guidance.agency.phone or "—",
        officer_name=_person(guidance.issued_by),
        received_on=local_date(guidance.issued_at),
        issued_at=guidance.issued_at,
    )


def guidance_render(*, guidance: CounterGuidance) -> bytes:
    """The PDF of a counter guidance slip."""
    return render_form(guidance_data(guidance=guidance))


# --- 03 Refusal ----------------------------------------------------------------------------------


def _refusal(dossier: Dossier, event: DossierEvent) -> RefusalData:
    """At intake (counter, online or postal submission): the receiving desk, signed by its
    officer. After appraisal (`refuse_result`): the competent agency, signed for its head."""
    after_appraisal = event.action == Action.REFUSE_RESULT
    reasons = event.data.get("reasons") or event.note.splitlines()
    if after_appraisal:
        agency = dossier.agency
        signer = Signer(title=AGENCY_HEAD, name=event.actor_name, sealed=True)
    else:
        agency = dossier.receiving_agency
        signer = Signer(title=RECEIVING_OFFICER, name=event.actor_name)
    return RefusalData(
        heading=_heading(agency),
        number=str(event.data.get("form_number", "")),
        desk_name=dossier.desk.name,
        applicant=_applicant(dossier),
        procedure_name=dossier.version.name,
        reasons=tuple(str(reason) for reason in reasons),
        signer=signer,
        received_on=_received_on(dossier, event.occurred_at),
        issued_at=event.occurred_at,
        dossier_code=dossier.code or "",
    )


# --- 04 Apology ----------------------------------------------------------------------------------


def _apology(dossier: Dossier, apology: Apology) -> ApologyData:
    code, received_at = _received(dossier)
    assert apology.new_due_at is not None
    assert apology.decided_at is not None
    original_due = apology.original_due_at
    if original_due is None:  # stored on approval; recomputed for a row without it
        pauses = list(dossier.pauses.all())
        original_due = legal_clock(dossier, pauses=pauses, at=apology.decided_at).due_at
    return ApologyData(
        heading=_heading(dossier.agency),
        number=apology.number,
        addressee=_addressee(dossier),
        dossier_code=code,
        procedure_name=dossier.version.name,
        received_at=received_at,
        original_due_at=original_due,
        reason=apology.reason,
        new_due_at=apology.new_due_at,
        collect_at=_collect_at(dossier.desk),
        signer=Signer(title=AGENCY_HEAD, name=_person(apology.decided_by), sealed=True),
        issued_at=apology.decided_at,
    )


# --- 05 Stop notice (2025) -----------------------------------------------------------------------


def _stop_notice(dossier: Dossier, event: DossierEvent) -> StopNoticeData:
    code, received_at = _received(dossier)
    # The applicant's request (stop); a leader's decision (stop_processing) has none: its day.
    requested = event.data.get("requested_on")
    requested_on = (
        dt.date.fromisoformat(requested)
        if isinstance(requested, str)
        else local_date(event.occurred_at)
    )
    return_note = (
        f"Ông/Bà vui lòng đến {dossier.desk.name} để nhận lại các giấy tờ đã nộp."
        if Channel(dossier.channel).is_paper
        else ""
    )
    return StopNoticeData(
        heading=_heading(dossier.receiving_agency),
        number=str(event.data.get("form_number", "")),
        addressee=_addressee(dossier),
        dossier_code=code,
        procedure_name=dossier.version.name,
        received_at=received_at,
        requested_on=requested_on,
        reason=event.note,
        return_note=return_note,
        signer=Signer(title=AGENCY_HEAD, name=event.actor_name, sealed=True),
        issued_at=event.occurred_at,
    )


# --- Control sheet -------------------------------------------------------------------------------


def _control_sheet(dossier: Dossier) -> ControlSheetData:
    """One row per step move in the event log, the reception first.

    A row's timeliness is that of the step visit it closes, by the rule of
    `motcua.dossiers.deadlines` for finished clocks: early when the visit ended on a local date
    before its due date, on time up to the due instant, late after it (the due is the visit's
    start plus its budget in the acting agency's working time, pauses excluded)."""
    code, received_at = _received(dossier)
    events = list(
        dossier.events.filter(action__in=_MOVES)
        .select_related("from_step__agency", "to_step__agency")
        .order_by("sequence")
    )
    visits = list(dossier.visits.select_related("step", "agency", "handler").order_by("pk"))
    deadline = dossier_deadline(dossier, pauses=list(dossier.pauses.all()), visits=visits)
    judged = {
        step.visit.pk: Timeliness(step.clock.timeliness.value)
        for step in deadline.steps
        if step.clock.timeliness is not None
    }

    # Each move but the return opens a visit, in order: pair them (when the log and the visits
    # agree; otherwise fall back to the steps named on the event).
    opened: dict[int, StepVisit] = {}
    remaining = iter(visits)
    for event in events:
        if event.action == Action.RETURN_RESULT:
            continue
        visit = next(remaining, None)
        if visit is not None and visit.step_id == event.to_step_id:
            opened[event.pk] = visit

    rows: list[HandoverRow] = []
    current: StepVisit | None = None
    for index, event in enumerate(events):
        following = events[index + 1] if index + 1 < len(events) else None
        if event.action == Action.RECEIVE:
            from_unit = APPLICANT_PARTY
            giver = dossier.submitter_name or dossier.applicant_name
            timeliness: Timeliness | None = None
        else:
            from_unit = _unit(dossier, current, event.from_step)
            giver = event.actor_name
            timeliness = _timeliness(current, event, judged)
        note = ""
        if event.action == Action.RETURN_RESULT:
            to_unit = APPLICANT_PARTY
            receiver, note = _returned_to(dossier, event)
            visit = None
        else:
            visit = opened.get(event.pk)
            to_unit = _unit(dossier, visit, event.to_step)
            receiver = _person(visit.handler if visit is not None else None)
            if not receiver and following is not None:
                receiver = following.actor_name  # whoever acted at the step received it
            receiver = receiver or to_unit
            if event.action == Action.SEND_BACK:
                note = f"Trả lại: {event.note}"
            elif event.action == Action.REFUSE_RESULT:
                note = "Từ chối giải quyết"
        rows.append(
            HandoverRow(
                from_unit=from_unit,
                giver=giver,
                to_unit=to_unit,
                receiver=receiver,
                at=event.occurred_at,
                timeliness=timeliness,
                note=note,
            )
        )
        current = visit

    coordinating: list[str] = []
    for visit in visits:
        if (
            visit.step.kind == StepKind.INTER_AGENCY
            and visit.agency_id != dossier.agency_id
            and visit.agency.name not in coordinating
        ):
            coordinating.append(visit.agency.name)
    return ControlSheetData(
        heading=_heading(dossier.receiving_agency),
        dossier_code=code,
        applicant=_applicant(dossier),
        procedure_name=dossier.version.name,
        received_at=received_at,
        due_at=deadline.legal.due_at,
        handling_agency=dossier.agency.name,
        rows=tuple(rows),
        coordinating_agencies=tuple(coordinating),
    )


def _unit(dossier: Dossier, visit: StepVisit | None, step: ProcessStep | None) -> str:
    """The desk for its own steps, else "<agency> – <step>" (the agency that acted there)."""
    if visit is not None:
        step = visit.step
    if step is None:
        return ""
    if step.role == Role.DESK_OFFICER and step.agency_id is None:
        return dossier.desk.name
    agency = visit.agency if visit is not None else step_agency(step, dossier)
    return f"{agency.name} – {step.name}"


def _timeliness(
    closed: StepVisit | None, event: DossierEvent, judged: dict[int, Timeliness]
) -> Timeliness | None:
    if closed is not None and closed.ended_at is not None:
        return judged.get(closed.pk)
    # No matching visit (an imported log): compare the hours stored on the event.
    if event.step_used_hours is None or event.step_budget_hours is None:
        return None
    return (
        Timeliness.LATE if event.step_used_hours > event.step_budget_hours else Timeliness.ON_TIME
    )


def _returned_to(dossier: Dossier, event: DossierEvent) -> tuple[str, str]:
    method = event.data.get("method")
    if method == ReturnMethod.POST:
        tracking = str(event.data.get("tracking_number", ""))
        return f"Bưu chính công ích (vận đơn {tracking})", "Trả qua dịch vụ bưu chính"
    if method == ReturnMethod.ELECTRONIC:
        return dossier.applicant_name, "Trả kết quả điện tử"
    return str(event.data.get("received_by") or dossier.applicant_name), "Trả trực tiếp"


# --- Logbook -------------------------------------------------------------------------------------


def logbook_data(
    *,
    desk: Desk,
    year: int,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> LogbookData:
    """The desk's register for `year` (by default the whole year), rows in serial order.

    A printout follows one form set: a period crossing 30/6–1/7/2025 (as the whole of 2025 does)
    is refused with `ValidationFailed` (`logbook_spans_form_sets`); print the two parts."""
    printed_at = printed_at or timezone.now()
    start = period_from or dt.date(year, 1, 1)
    end = period_to or dt.date(year, 12, 31)
    empty = LogbookData(
        heading=_heading(Agency.objects.select_related("parent").get(pk=desk.host_id)),
        desk_name=desk.name,
        year=year,
        period_from=start,
        period_to=end,
        rows=(),
        printed_at=printed_at,
    )
    empty.check()  # refuse a bad period before reading a year of dossiers
    dossiers = (
        Dossier.objects.filter(
            desk=desk,
            logbook_year=year,
            logbook_serial__isnull=False,
            received_at__gte=local_datetime(start, dt.time.min),
            received_at__lt=local_datetime(end + dt.timedelta(days=1), dt.time.min),
        )
        .select_related("version", "agency", "receiving_agency")
        .prefetch_related("pauses")
        .order_by("logbook_serial")
    )
    calendars = Calendars()
    rows = []
    for dossier in dossiers:
        code, received_at = _received(dossier)
        assert dossier.logbook_serial is not None
        clock = legal_clock(
            dossier, pauses=list(dossier.pauses.all()), at=printed_at, calendars=calendars
        )
        rows.append(
            LogbookRow(
                serial=dossier.logbook_serial,
                dossier_code=code,
                procedure_name=dossier.version.name,
                sets=dossier.sets,
                applicant_name=dossier.applicant_name,
                applicant_contact="; ".join(
                    part for part in (dossier.applicant_address, dossier.phone) if part
                ),
                handling_agency=dossier.agency.name,
                received_at=received_at,
                due_at=clock.due_at,
                returned_at=dossier.returned_at,
                note=_logbook_note(dossier),
            )
        )
    data = replace(empty, rows=tuple(rows))
    data.check()
    return data


def logbook_render(
    *,
    desk: Desk,
    year: int,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> bytes:
    return render_form(
        logbook_data(
            desk=desk,
            year=year,
            period_from=period_from,
            period_to=period_to,
            printed_at=printed_at,
        )
    )


def _logbook_note(dossier: Dossier) -> str:
    if dossier.status == DossierStatus.STOPPED:
        return "Dừng giải quyết"
    if dossier.result_kind == ResultKind.REFUSED:
        return "Từ chối giải quyết"
    if dossier.return_method == ReturnMethod.POST:
        return "Trả qua bưu chính"
    return ""
