"""Intake: a dossier is received at a desk (counter, post, kiosk), submitted online and accepted
by the desk, refused, or sent back for completion before reception. A counter visit with papers
missing ends in neither: the applicant is guided with a supplement slip (`CounterGuidance`) and no
dossier exists until they come back complete.

Reception checks completeness against the pinned case variant only: every required component
handed in (an officer cannot require a paper the procedure does not list), each paper scanned or
exempted with a reason, the e-form answers valid, the contact phone valid (a landline is kept
but flagged). It then allocates the code and the logbook serial, starts the clock (a paper dossier
received after the cut-off is handed over, and where the procedure says so counted, from the next
working day's opening) and opens the reception step.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from motcua.accounts.admin_units import unit_directory
from motcua.accounts.models import Agency, CitizenKind, Desk, User, UserKind
from motcua.accounts.validators import (
    parse_phone,
    validate_email,
    validate_personal_id,
    validate_tax_code,
)
from motcua.calendar.engine import clock_start
from motcua.calendar.selectors import paper_cutoff
from motcua.catalog.eforms import clean_answers
from motcua.catalog.models import (
    CaseVariant,
    ClockCutoff,
    ComponentRequirement,
    ProcessStep,
    StepKind,
    VersionStatus,
)
from motcua.catalog.specs import Problem
from motcua.core.audit import audit_record
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.timezone import local_today, to_local
from motcua.dossiers.applicants import officer_desk_ids
from motcua.dossiers.codes import (
    dossier_code_allocate,
    form_number_allocate,
    logbook_serial_allocate,
    next_value,
)
from motcua.dossiers.deadlines import Calendars, legal_clock
from motcua.dossiers.drafts import draft_discard, draft_uploads
from motcua.dossiers.files import Upload, file_store, upload_check
from motcua.dossiers.models import (
    Channel,
    CounterGuidance,
    Dossier,
    DossierComponent,
    DossierDraft,
    DossierStatus,
    FileKind,
    RuleSet,
)
from motcua.notifications.models import NotificationTemplate
from motcua.workflow import core
from motcua.workflow.policies import is_desk_officer
from motcua.workflow.transitions import Action

R2025_START = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class ApplicantInput:
    name: str
    kind: str = CitizenKind.INDIVIDUAL
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    submitter_name: str = ""
    submitter_id_number: str = ""
    account: User | None = None


@dataclass(frozen=True)
class ComponentInput:
    """What was handed in for one component of the case variant (by its code)."""

    code: str
    originals: int = 0
    copies: int = 0
    electronic: bool = False
    reused: bool = False
    from_store: bool = False
    scan_exemption: str = ""
    note: str = ""
    files: tuple[Upload, ...] = field(default=())

    @property
    def handed_in(self) -> bool:
        return (
            self.originals > 0
            or self.copies > 0
            or self.electronic
            or self.reused
            or bool(self.files)
        )


def rule_set_for(day: dt.date) -> RuleSet:
    return RuleSet.R2018 if day < R2025_START else RuleSet.R2025


def cutoff_defers_clock(variant: CaseVariant) -> bool:
    setting = variant.version.cutoff_defers_clock
    if setting == ClockCutoff.INHERIT:
        return bool(settings.MOTCUA_CUTOFF_DEFERS_CLOCK)
    return setting == ClockCutoff.ON


# --- checks -------------------------------------------------------------------------------------


def applicant_problems(applicant: ApplicantInput, *, require_contact: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not applicant.name.strip():
        problems["applicant.name"] = "Phải ghi tên tổ chức, cá nhân nộp hồ sơ."
    if applicant.kind not in CitizenKind.values:
        problems["applicant.kind"] = "Loại người nộp không hợp lệ."
    number = applicant.id_number.strip()
    if number:
        try:
            if applicant.kind == CitizenKind.ORGANISATION:
                validate_tax_code(number)
            else:
                validate_personal_id(number)
        except ValidationError as exc:
            problems["applicant.id_number"] = exc.messages[0]
    if applicant.phone.strip():
        try:
            parse_phone(applicant.phone, allow_landline=True)
        except ValidationError as exc:
            problems["applicant.phone"] = exc.messages[0]
    elif require_contact:
        problems["applicant.phone"] = "Phải có số điện thoại liên hệ (số di động để nhận tin nhắn)."
    if applicant.email.strip():
        try:
            validate_email(applicant.email.strip())
        except ValidationError as exc:
            problems["applicant.email"] = exc.messages[0]
    if applicant.submitter_id_number.strip():
        try:
            validate_personal_id(applicant.submitter_id_number.strip())
        except ValidationError as exc:
            problems["applicant.submitter_id_number"] = exc.messages[0]
    return problems


def _refuse(problems: Mapping[str, str], *, code: str, message: str) -> ValidationFailed:
    first_field = next(iter(problems), None)
    return ValidationFailed(
        message + " " + " ".join(problems.values()),
        code=code,
        field=first_field,
        details={"problems": dict(problems)},
    )


def missing_components(
    variant: CaseVariant, handed: Mapping[str, ComponentInput], *, conditions: Sequence[str] = ()
) -> list[str]:
    """Names of the required components not handed in (conditional ones when they apply)."""
    missing = []
    for component in variant.components.all():
        required = component.requirement == ComponentRequirement.REQUIRED or (
            component.code in conditions
        )
        given = handed.get(component.code)
        if required and (given is None or not given.handed_in):
            missing.append(component.name)
    return missing


def _component_problems(
    variant: CaseVariant,
    components: Sequence[ComponentInput],
    *,
    channel: Channel,
    conditions: Sequence[str],
) -> tuple[dict[str, ComponentInput], dict[str, str], list[str]]:
    known = {c.code: c for c in variant.components.all()}
    problems: dict[str, str] = {}
    handed: dict[str, ComponentInput] = {}
    for item in components:
        if item.code not in known:
            problems[f"components.{item.code}"] = (
                f"“{item.code}” không phải thành phần hồ sơ của thủ tục: không được yêu cầu giấy "
                "tờ ngoài quy định."
            )
            continue
        if item.code in handed:
            problems[f"components.{item.code}"] = "Thành phần hồ sơ được khai hai lần."
            continue
        if item.originals < 0 or item.copies < 0:
            problems[f"components.{item.code}"] = "Số bản không được âm."
        for upload in item.files:
            try:
                upload_check(upload, field=f"components.{item.code}")
            except ValidationFailed as exc:
                problems[f"components.{item.code}"] = exc.message
        if (
            channel.is_paper
            and item.handed_in
            and not item.files
            and not item.reused
            and not item.scan_exemption.strip()
        ):
            problems[f"components.{item.code}"] = (
                f"“{known[item.code].name}”: phải số hóa (quét) giấy tờ hoặc ghi lý do không số hóa."
            )
        handed[item.code] = item
    for code in conditions:
        if code not in known:
            problems[f"conditions.{code}"] = f"“{code}” không phải thành phần hồ sơ của thủ tục."
    missing = missing_components(variant, handed, conditions=[c for c in conditions if c in known])
    return handed, problems, missing


def _check_intake(
    variant: CaseVariant,
    applicant: ApplicantInput,
    components: Sequence[ComponentInput],
    *,
    channel: Channel,
    conditions: Sequence[str],
    extra: Mapping[str, str] | None = None,
) -> dict[str, ComponentInput]:
    """Every input problem at once (`dossier_input_invalid`), then what is missing
    (`dossier_incomplete`, with the list). Returns the components handed in, by code."""
    problems = applicant_problems(applicant, require_contact=True)
    handed, component_problems, missing = _component_problems(
        variant, components, channel=channel, conditions=conditions
    )
    problems.update(component_problems)
    problems.update(extra or {})
    if problems:
        raise _refuse(
            problems, code="dossier_input_invalid", message="Thông tin hồ sơ chưa hợp lệ."
        )
    if missing:
        raise ValidationFailed(
            "Hồ sơ chưa đủ thành phần, chưa thể tiếp nhận. Còn thiếu: " + "; ".join(missing) + ".",
            code="dossier_incomplete",
            field="components",
            details={"missing": missing},
        )
    return handed


def _clean_answers(
    variant: CaseVariant, answers: Mapping[str, object], day: dt.date
) -> dict[str, object]:
    if not variant.eform_schema:
        return dict(answers)
    return clean_answers(variant.eform_schema, answers, units=unit_directory(), today=day).answers


def _competent_agency(variant: CaseVariant, desk: Desk, agency: Agency | None) -> Agency:
    executing = list(variant.version.executing_agencies.all())
    if agency is not None:
        if executing and agency not in executing:
            raise ValidationFailed(
                f"{agency.name} không phải cơ quan thực hiện thủ tục này.",
                code="agency_not_competent",
                field="agency",
            )
        return agency
    served = set(desk.serves.values_list("pk", flat=True)) | {desk.host_id}
    candidates = [a for a in executing if a.pk in served]
    if len(candidates) == 1:
        return candidates[0]
    raise ValidationFailed(
        "Phải chọn cơ quan giải quyết hồ sơ.",
        code="agency_required",
        field="agency",
        details={"candidates": [a.code for a in candidates or executing]},
    )


def _reception_step(variant: CaseVariant) -> ProcessStep:
    step = variant.steps.filter(kind=StepKind.RECEPTION).order_by("position").first()
    if step is None:
        step = variant.steps.order_by("position").first()
    if step is None:
        raise ValidationFailed(
            "Trường hợp này chưa có quy trình nội bộ: không thể tiếp nhận.",
            code="process_missing",
        )
    return step


def _variant_open(variant: CaseVariant, day: dt.date) -> None:
    version = variant.version
    if version.status != VersionStatus.PUBLISHED or not version.is_public_on(day):
        raise ValidationFailed(
            "Thủ tục này không còn (hoặc chưa) được áp dụng vào ngày tiếp nhận.",
            code="procedure_not_in_force",
            field="variant",
        )


def _reference(day: dt.date) -> str:
    return f"TN{day:%y%m%d}{next_value(f'reference:{day:%Y%m%d}'):06d}"


def _new_dossier(
    *,
    variant: CaseVariant,
    desk: Desk,
    agency: Agency,
    channel: Channel,
    applicant: ApplicantInput,
    answers: Mapping[str, object],
    status: DossierStatus,
    day: dt.date,
    sets: int,
) -> Dossier:
    phone = parse_phone(applicant.phone, allow_landline=True) if applicant.phone.strip() else None
    fees = variant.fees.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return Dossier(
        reference=_reference(day),
        rule_set=rule_set_for(day),
        version=variant.version,
        variant=variant,
        channel=channel,
        desk=desk,
        receiving_agency=desk.host,
        agency=agency,
        status=status,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_id_number=applicant.id_number.strip(),
        applicant_address=applicant.address.strip(),
        applicant_account=applicant.account,
        submitter_name=applicant.submitter_name.strip(),
        submitter_id_number=applicant.submitter_id_number.strip(),
        phone=phone.number if phone is not None else "",
        phone_is_landline=phone.is_landline if phone is not None else False,
        email=applicant.email.strip(),
        answers=dict(answers),
        sets=sets,
        fees_due=fees,
        limit_value=variant.effective_limit,
        limit_unit=variant.time_limit_unit,
        legal_limit_value=variant.time_limit_value,
    )


def _save_components(
    dossier: Dossier, variant: CaseVariant, handed: Mapping[str, ComponentInput], actor: User | None
) -> None:
    for component in variant.components.all():
        item = handed.get(component.code)
        row = DossierComponent.objects.create(
            dossier=dossier,
            component=component,
            originals=item.originals if item else 0,
            copies=item.copies if item else 0,
            electronic=bool(
                item and (item.electronic or (item.files and dossier.channel == Channel.ONLINE))
            ),
            digitised=bool(item and item.files),
            reused=bool(item and item.reused),
            from_store=bool(item and item.from_store),
            scan_exemption=item.scan_exemption.strip() if item else "",
            note=item.note.strip() if item else "",
        )
        for upload in item.files if item else ():
            file_store(
                dossier=dossier, kind=FileKind.COMPONENT, upload=upload, component=row, actor=actor
            )


def start_clock(dossier: Dossier, *, at: dt.datetime, calendars: Calendars) -> None:
    """Reception facts: the instant, the clock start (cut-off for paper), the handover time."""
    calendar = calendars.for_agency(dossier.receiving_agency)
    cutoff = paper_cutoff() if Channel(dossier.channel).is_paper else None
    handover = clock_start(calendar, at, cutoff=cutoff)
    deferred = cutoff is not None and handover > calendar.next_working_instant(at)
    dossier.received_at = at
    dossier.handover_at = handover if deferred else None
    if deferred and cutoff_defers_clock(dossier.variant):
        dossier.clock_started_at = handover
    else:
        dossier.clock_started_at = calendar.next_working_instant(at)
    dossier.first_clock_started_at = dossier.clock_started_at


def _issue_code(dossier: Dossier, *, day: dt.date) -> None:
    dossier.code = dossier_code_allocate(agency_code=dossier.receiving_agency.code, day=day)
    dossier.logbook_year = day.year
    dossier.logbook_serial = logbook_serial_allocate(desk_code=dossier.desk.code, year=day.year)


def _notify_received(dossier: Dossier, actor: User | None, calendars: Calendars) -> None:
    at = dossier.received_at or timezone.now()
    clock = legal_clock(dossier, pauses=[], at=at, calendars=calendars)
    core.notify_applicant(
        dossier,
        template=NotificationTemplate.DOSSIER_RECEIVED,
        event="received",
        actor=actor,
        context={"appointment_at": clock.due_at},
    )


def _require_desk(actor: User, desk: Desk, day: dt.date) -> None:
    probe = Dossier(desk=desk)
    if not is_desk_officer(actor, probe, on=day):
        raise PermissionDenied(
            "Chỉ cán bộ một cửa của bộ phận này được tiếp nhận hồ sơ.", code="action_not_permitted"
        )


@transaction.atomic
def dossier_receive(
    *,
    desk: Desk,
    variant: CaseVariant,
    applicant: ApplicantInput,
    components: Sequence[ComponentInput],
    actor: User,
    channel: Channel = Channel.COUNTER,
    answers: Mapping[str, object] | None = None,
    agency: Agency | None = None,
    conditions: Sequence[str] = (),
    sets: int = 1,
    fees_paid: Decimal = Decimal(0),
    received_at: dt.datetime | None = None,
    note: str = "",
) -> Dossier:
    """Receive a paper dossier at the desk (counter, post, kiosk) and issue its code.

    `conditions`: codes of conditional components whose condition applies to this applicant.
    Missing required components refuse the reception with the list of what is missing."""
    at = received_at or timezone.now()
    day = to_local(at).date()
    if channel == Channel.ONLINE:
        raise ValidationFailed(
            "Hồ sơ trực tuyến được nộp qua cổng dịch vụ công rồi tiếp nhận.", code="channel_invalid"
        )
    _require_desk(actor, desk, day)
    variant = CaseVariant.objects.select_related("version").get(pk=variant.pk)
    _variant_open(variant, day)
    competent = _competent_agency(variant, desk, agency)
    extra: dict[str, str] = {}
    if sets < 1:
        extra["sets"] = "Số bộ hồ sơ phải từ 1."
    if fees_paid < 0:
        extra["fees_paid"] = "Số tiền đã nộp không được âm."
    handed = _check_intake(variant, applicant, components, channel=channel,
                           conditions=conditions, extra=extra)  # fmt: skip
    cleaned = _clean_answers(variant, answers or {}, day)
    dossier = _new_dossier(
        variant=variant, desk=desk, agency=competent, channel=channel, applicant=applicant,
        answers=cleaned, status=DossierStatus.RECEIVED, day=day, sets=sets,
    )  # fmt: skip
    dossier.fees_paid = fees_paid
    dossier.received_by = actor
    calendars = Calendars()
    start_clock(dossier, at=at, calendars=calendars)
    _issue_code(dossier, day=day)
    dossier.save()
    _save_components(dossier, variant, handed, actor)
    core.open_visit(dossier, _reception_step(variant), at=at, handler=actor)
    dossier.save()
    data: dict[str, object] = {"channel": channel.value, "logbook_serial": dossier.logbook_serial}
    if dossier.handover_at is not None:
        data["handover_at"] = dossier.handover_at
    core.record(dossier, action=Action.RECEIVE, actor=actor, at=at, from_status="",
                from_step=None, note=note, data=data)  # fmt: skip
    _notify_received(dossier, actor, calendars)
    return dossier


@transaction.atomic
def dossier_submit(
    *,
    variant: CaseVariant,
    desk: Desk,
    applicant: ApplicantInput,
    components: Sequence[ComponentInput],
    actor: User,
    answers: Mapping[str, object] | None = None,
    agency: Agency | None = None,
    conditions: Sequence[str] = (),
    submitted_at: dt.datetime | None = None,
    data: Mapping[str, object] | None = None,
) -> Dossier:
    """An online submission (status 1 "Mới đăng ký"): no code and no clock until the desk accepts
    it; the applicant gets a submission reference. The e-form and components are checked now.
    A component the e-form `replaces` (the declaration) needs no upload. `data`: kept on the
    submission event (e.g. the applicant's declaration)."""
    at = submitted_at or timezone.now()
    day = to_local(at).date()
    variant = CaseVariant.objects.select_related("version").get(pk=variant.pk)
    _variant_open(variant, day)
    if not variant.version.accepts_online_submission:
        raise ValidationFailed(
            "Thủ tục này chưa tiếp nhận hồ sơ trực tuyến.", code="online_not_accepted"
        )
    competent = _competent_agency(variant, desk, agency)
    components = [*components, *_declared_online(variant, components, answers)]
    handed = _check_intake(variant, applicant, components, channel=Channel.ONLINE,
                           conditions=conditions)  # fmt: skip
    cleaned = _clean_answers(variant, answers or {}, day)
    dossier = _new_dossier(
        variant=variant, desk=desk, agency=competent, channel=Channel.ONLINE, applicant=applicant,
        answers=cleaned, status=DossierStatus.SUBMITTED, day=day, sets=1,
    )  # fmt: skip
    dossier.submitted_at = at
    dossier.save()
    _save_components(dossier, variant, handed, actor)
    core.record(dossier, action="submit", actor=actor, at=at, from_status="", from_step=None,
                data=dict(data or {}))  # fmt: skip
    return dossier


DECLARED_ONLINE_NOTE = "Kê khai trên tờ khai điện tử"


def eform_replaces(variant: CaseVariant) -> tuple[str, ...]:
    """Codes of the components the variant's e-form stands for online (its `replaces`)."""
    schema = variant.eform_schema
    replaces = schema.get("replaces") if isinstance(schema, Mapping) else None
    return tuple(str(code) for code in replaces) if isinstance(replaces, list) else ()


def _declared_online(
    variant: CaseVariant,
    components: Sequence[ComponentInput],
    answers: Mapping[str, object] | None,
) -> list[ComponentInput]:
    """The paper declaration an online e-form stands for, as handed in electronically (unless
    the applicant uploaded it anyway): the answers are that component."""
    if not answers:
        return []
    given = {item.code for item in components}
    return [
        ComponentInput(code=code, electronic=True, note=DECLARED_ONLINE_NOTE)
        for code in eform_replaces(variant)
        if code not in given
    ]


@transaction.atomic
def dossier_accept(
    *, dossier: Dossier, actor: User, note: str = "", at: dt.datetime | None = None
) -> Dossier:
    """The desk accepts an online or postal submission: code, clock (no cut-off online)."""
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.RECEIVE, actor, at=at)
    day = to_local(at).date()
    from_status = dossier.status
    dossier.status = DossierStatus.RECEIVED
    dossier.received_by = actor
    calendars = Calendars()
    start_clock(dossier, at=at, calendars=calendars)
    _issue_code(dossier, day=day)
    dossier.rule_set = rule_set_for(day)
    dossier.save()
    core.open_visit(dossier, _reception_step(dossier.variant), at=at, handler=actor)
    dossier.save()
    core.record(dossier, action=Action.RECEIVE, actor=actor, at=at, from_status=from_status,
                from_step=None, note=note, data={"channel": dossier.channel})  # fmt: skip
    _notify_received(dossier, actor, calendars)
    return dossier


def _refusal_number(dossier: Dossier, day: dt.date) -> str:
    return form_number_allocate(
        agency_code=dossier.receiving_agency.code, form="refusal", year=day.year
    )


@transaction.atomic
def dossier_refuse_intake(
    *, dossier: Dossier, reasons: Sequence[str], actor: User, at: dt.datetime | None = None
) -> Dossier:
    """Refuse an online or postal submission (refusal slip, Mẫu 03) with specific reasons."""
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.REFUSE_INTAKE, actor, at=at)
    clean = [r.strip() for r in reasons if r.strip()]
    if not clean:
        raise ValidationFailed(
            "Phải nêu lý do từ chối cụ thể.", code="reason_required", field="reasons"
        )
    from_status = dossier.status
    dossier.status = DossierStatus.REFUSED_INTAKE
    dossier.finished_at = None
    dossier.save()
    number = _refusal_number(dossier, to_local(at).date())
    core.record(dossier, action=Action.REFUSE_INTAKE, actor=actor, at=at, from_status=from_status,
                from_step=None, note="\n".join(clean),
                data={"reasons": clean, "form": "refusal", "form_number": number})  # fmt: skip
    return dossier


@transaction.atomic
def dossier_refuse_at_counter(
    *,
    desk: Desk,
    variant: CaseVariant,
    applicant: ApplicantInput,
    reasons: Sequence[str],
    actor: User,
    channel: Channel = Channel.COUNTER,
    at: dt.datetime | None = None,
) -> Dossier:
    """A counter (or postal, kiosk) visit that ends in a refusal slip: logged (status 3), no code
    issued."""
    at = at or timezone.now()
    day = to_local(at).date()
    if channel == Channel.ONLINE:
        raise ValidationFailed(
            "Hồ sơ trực tuyến bị từ chối từ hồ sơ đã nộp.", code="channel_invalid"
        )
    _require_desk(actor, desk, day)
    variant = CaseVariant.objects.select_related("version").get(pk=variant.pk)
    clean = [r.strip() for r in reasons if r.strip()]
    if not clean:
        raise ValidationFailed(
            "Phải nêu lý do từ chối cụ thể.", code="reason_required", field="reasons"
        )
    problems = applicant_problems(applicant, require_contact=False)
    if problems:
        raise _refuse(
            problems, code="dossier_input_invalid", message="Thông tin người nộp chưa hợp lệ."
        )
    agency = _competent_agency_or_host(variant, desk)
    dossier = _new_dossier(
        variant=variant, desk=desk, agency=agency, channel=channel, applicant=applicant,
        answers={}, status=DossierStatus.REFUSED_INTAKE, day=day, sets=1,
    )  # fmt: skip
    dossier.submitted_at = at
    dossier.save()
    number = _refusal_number(dossier, day)
    core.record(dossier, action=Action.REFUSE_INTAKE, actor=actor, at=at, from_status="",
                from_step=None, note="\n".join(clean),
                data={"reasons": clean, "form": "refusal", "form_number": number})  # fmt: skip
    return dossier


def _competent_agency_or_host(variant: CaseVariant, desk: Desk) -> Agency:
    try:
        return _competent_agency(variant, desk, None)
    except ValidationFailed:
        return desk.host


@transaction.atomic
def dossier_request_intake_supplement(
    *,
    dossier: Dossier,
    missing: Sequence[str],
    reason: str,
    actor: User,
    at: dt.datetime | None = None,
) -> Dossier:
    """Before reception, tell the online applicant once everything that must be completed."""
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.REQUEST_INTAKE_SUPPLEMENT, actor, at=at)
    reason = core.require_text(reason, field="reason", message="Phải nêu nội dung cần bổ sung.")
    items = known_component_items(dossier, missing)
    from_status = dossier.status
    dossier.status = DossierStatus.SUPPLEMENT_REQUESTED
    dossier.save()
    count = dossier.events.filter(action=Action.REQUEST_INTAKE_SUPPLEMENT).count() + 1
    core.record(dossier, action=Action.REQUEST_INTAKE_SUPPLEMENT, actor=actor, at=at,
                from_status=from_status, from_step=None, note=reason,
                data={"items": items})  # fmt: skip
    core.notify_applicant(
        dossier, template=NotificationTemplate.DOSSIER_SUPPLEMENT_REQUESTED,
        event=f"intake_supplement:{count}", actor=actor, context={"reason": reason},
    )  # fmt: skip
    return dossier


def known_component_items(dossier: Dossier, codes: Sequence[str]) -> list[dict[str, str]]:
    """The named components of the pinned variant (never a paper the procedure does not list)."""
    known = {c.code: c.name for c in dossier.variant.components.all()}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationFailed(
            "Chỉ được yêu cầu các thành phần hồ sơ có trong thủ tục: "
            + ", ".join(unknown)
            + " không có trong thủ tục.",
            code="component_not_in_procedure",
            field="items",
            details={"unknown": unknown},
        )
    if not codes:
        raise ValidationFailed(
            "Phải nêu các thành phần hồ sơ cần bổ sung.", code="supplement_items", field="items"
        )
    return [{"code": code, "name": known[code]} for code in codes]


@transaction.atomic
def dossier_resubmit(
    *,
    dossier: Dossier,
    components: Sequence[ComponentInput],
    actor: User,
    at: dt.datetime | None = None,
) -> Dossier:
    """The online applicant sends the completed submission back (status 5 → 1)."""
    at = at or timezone.now()
    dossier = core.lock(dossier)
    core.check(dossier, Action.RESUBMIT, actor, at=at)
    stored = []
    by_code = {row.component.code: row for row in dossier.components.select_related("component")}
    for item in components:
        row = by_code.get(item.code)
        if row is None:
            raise ValidationFailed(
                f"“{item.code}” không phải thành phần hồ sơ của thủ tục.",
                code="component_not_in_procedure",
                field="components",
            )
        for upload in item.files:
            stored.append(file_store(dossier=dossier, kind=FileKind.COMPONENT, upload=upload,
                                     component=row, actor=actor))  # fmt: skip
        if item.files:
            row.electronic = row.digitised = True
            row.save(update_fields=["electronic", "digitised"])
    from_status = dossier.status
    dossier.status = DossierStatus.SUBMITTED
    dossier.save()
    core.record(dossier, action=Action.RESUBMIT, actor=actor, at=at, from_status=from_status,
                from_step=None, files=stored)  # fmt: skip
    return dossier


def _lock_draft(draft: DossierDraft, actor: User) -> DossierDraft:
    """The draft read afresh under a row lock: a second click on "receive" waits, then finds the
    draft gone (not found) instead of receiving the dossier twice."""
    fresh = (
        DossierDraft.objects.select_for_update(of=("self",))
        .select_related("desk", "variant")
        .filter(pk=draft.pk, owner=actor)
        .first()
    )
    if fresh is None:
        raise NotFound("Không tìm thấy hồ sơ đang lập.", code="draft_not_found")
    return fresh


def _draft_applicant(draft: DossierDraft) -> ApplicantInput:
    """The applicant as the draft's applicant step recorded them (empty fields when not yet)."""
    person = draft.data.get("applicant") or {}
    return ApplicantInput(
        name=str(person.get("name", "")),
        kind=str(person.get("kind") or CitizenKind.INDIVIDUAL),
        id_number=str(person.get("id_number", "")),
        address=str(person.get("address", "")),
        phone=str(person.get("phone", "")),
        email=str(person.get("email", "")),
        submitter_name=str(person.get("submitter_name", "")),
        submitter_id_number=str(person.get("submitter_id_number", "")),
    )


def _draft_inputs(
    draft: DossierDraft,
) -> tuple[ApplicantInput, list[ComponentInput], dict[str, Any]]:
    """The service inputs a draft's collected data stands for (see `motcua.dossiers.drafts`)."""
    data = draft.data
    applicant = _draft_applicant(draft)
    uploads = draft_uploads(draft)
    checklist: Mapping[str, Mapping[str, Any]] = data.get("components") or {}
    components = [
        ComponentInput(
            code=code,
            originals=int(ticks.get("originals") or 0),
            copies=int(ticks.get("copies") or 0),
            electronic=bool(ticks.get("electronic")),
            reused=bool(ticks.get("reused")),
            from_store=bool(ticks.get("from_store")),
            scan_exemption=str(ticks.get("scan_exemption") or ""),
            note=str(ticks.get("note") or ""),
            files=uploads.get(code, ()),
        )
        for code, ticks in checklist.items()
    ]
    components += [
        ComponentInput(code=code, files=files)
        for code, files in uploads.items()
        if code not in checklist
    ]
    agency = None
    if data.get("agency"):
        agency = Agency.objects.filter(code=data["agency"]).first()
        if agency is None:
            raise ValidationFailed(
                "Cơ quan giải quyết đã chọn không còn tồn tại.",
                code="agency_not_found",
                field="agency",
            )
    try:
        fees_paid = Decimal(str(data.get("fees_paid") or 0))
        sets = int(data.get("sets") or 1)
    except (ArithmeticError, ValueError):
        raise ValidationFailed(
            "Số tiền đã nộp hoặc số bộ hồ sơ không hợp lệ.", code="draft_invalid", field="fees"
        ) from None
    extra = {
        "answers": data.get("answers") or {},
        "conditions": [str(c) for c in data.get("conditions") or []],
        "agency": agency,
        "fees_paid": fees_paid,
        "sets": sets,
        "note": str(data.get("note") or ""),
    }
    return applicant, components, extra


@transaction.atomic
def dossier_receive_draft(
    *,
    draft: DossierDraft,
    actor: User,
    channel: Channel | None = None,
    received_at: dt.datetime | None = None,
) -> Dossier:
    """Receive the dossier a counter (or postal) draft describes, then delete the draft. A refusal
    (missing components, bad e-form, …) leaves the draft as it was, to be corrected."""
    draft = _lock_draft(draft, actor)
    if draft.variant is None or draft.desk is None:
        raise ValidationFailed(
            "Chưa chọn thủ tục, trường hợp hoặc bộ phận một cửa.", code="draft_incomplete"
        )
    applicant, components, extra = _draft_inputs(draft)
    if received_at is None and draft.data.get("received_at"):
        received_at = dt.datetime.fromisoformat(str(draft.data["received_at"]))
    dossier = dossier_receive(
        desk=draft.desk,
        variant=draft.variant,
        applicant=applicant,
        components=components,
        actor=actor,
        channel=channel or Channel(draft.channel),
        answers=extra["answers"],
        agency=extra["agency"],
        conditions=extra["conditions"],
        sets=extra["sets"],
        fees_paid=extra["fees_paid"],
        received_at=received_at,
        note=extra["note"],
    )
    draft_discard(draft=draft, actor=None)
    return dossier


@transaction.atomic
def dossier_refuse_draft(
    *,
    draft: DossierDraft,
    reasons: Sequence[str],
    actor: User,
    applicant: ApplicantInput | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Refuse at the desk what a counter (or postal) draft describes: the refusal slip's dossier
    (status 3, through the draft's channel), then the draft deleted. `applicant`: as corrected
    on the refusal form, else the draft's."""
    draft = _lock_draft(draft, actor)
    if draft.variant is None or draft.desk is None:
        raise ValidationFailed(
            "Chưa chọn thủ tục, trường hợp hoặc bộ phận một cửa.", code="draft_incomplete"
        )
    dossier = dossier_refuse_at_counter(
        desk=draft.desk,
        variant=draft.variant,
        applicant=applicant or _draft_applicant(draft),
        reasons=reasons,
        actor=actor,
        channel=Channel(draft.channel),
        at=at,
    )
    draft_discard(draft=draft, actor=None)
    return dossier


def online_applicant(draft: DossierDraft, account: User) -> ApplicantInput:
    """The applicant of an online draft: who they are comes from the account (name, personal ID
    or tax code — not editable in the draft), how to reach them from the draft's contact step
    (defaulting to the account's)."""
    profile = getattr(account, "citizen_profile", None)
    if account.kind != UserKind.CITIZEN or profile is None:
        raise PermissionDenied(
            "Chỉ tài khoản công dân, tổ chức được nộp hồ sơ trực tuyến.", code="citizen_required"
        )
    contact: Mapping[str, Any] = draft.data.get("applicant") or {}
    organisation = profile.kind == CitizenKind.ORGANISATION
    return ApplicantInput(
        name=profile.organisation_name if organisation else account.full_name,
        kind=profile.kind,
        id_number=(profile.tax_code if organisation else profile.personal_id_number) or "",
        address=str(contact.get("address", profile.address)),
        phone=str(contact.get("phone", account.phone)),
        email=str(contact.get("email", account.email)),
        submitter_name=str(contact.get("submitter_name", "")) if organisation else "",
        submitter_id_number=str(contact.get("submitter_id_number", "")) if organisation else "",
        account=account,
    )


def online_draft_problems(*, draft: DossierDraft, actor: User, today: dt.date) -> list[Problem]:
    """What submitting this online draft would refuse, known before trying, by path:
    `variant`, `applicant.<field>`, `components.<code>` (missing), `answers` (the e-form). The
    files themselves were checked when uploaded."""
    variant = draft.variant
    if variant is None or draft.desk is None:
        return [Problem("variant", "draft_incomplete", "Chưa chọn trường hợp hoặc nơi nộp hồ sơ.")]
    found = [
        Problem(path, "applicant_invalid", message)
        for path, message in applicant_problems(
            online_applicant(draft, actor), require_contact=True
        ).items()
    ]
    answers = draft.data.get("answers") or {}
    uploaded = set(draft.files.values_list("component_code", flat=True))
    replaced = set(eform_replaces(variant)) if answers else set()
    conditions = set(draft.data.get("conditions") or [])
    for component in variant.components.all():
        required = component.requirement == ComponentRequirement.REQUIRED or (
            component.code in conditions
        )
        if required and component.code not in uploaded | replaced:
            found.append(
                Problem(
                    f"components.{component.code}",
                    "component_missing",
                    f"Chưa đính kèm: {component.name}.",
                )
            )
    if variant.eform_schema:
        try:
            clean_answers(variant.eform_schema, answers, units=unit_directory(), today=today)
        except ValidationFailed as exc:  # AnswersInvalid, or a broken schema
            listed = exc.details.get("problems")
            count = len(listed) if isinstance(listed, list) and listed else 1
            found.append(
                Problem("answers", exc.code, f"Tờ khai điện tử còn {count} nội dung chưa hợp lệ.")
            )
    return found


@transaction.atomic
def dossier_submit_draft(
    *,
    draft: DossierDraft,
    actor: User,
    declaration: bool,
    submitted_at: dt.datetime | None = None,
) -> Dossier:
    """Submit the online dossier a citizen's draft describes (status 1 "Mới đăng ký"), then
    delete the draft. The applicant must make the declaration (cam đoan); a refusal (missing
    papers, e-form problems, …) leaves the draft as it was, to be corrected."""
    draft = _lock_draft(draft, actor)
    if draft.channel != Channel.ONLINE:
        raise ValidationFailed(
            "Hồ sơ đang lập này không phải hồ sơ trực tuyến.", code="draft_not_online"
        )
    if draft.variant is None or draft.desk is None:
        raise ValidationFailed(
            "Chưa chọn trường hợp hoặc nơi nộp hồ sơ.", code="draft_incomplete", field="variant"
        )
    if not declaration:
        raise ValidationFailed(
            "Vui lòng xác nhận lời cam đoan trước khi nộp hồ sơ.",
            code="declaration_required",
            field="declaration",
        )
    _, components, extra = _draft_inputs(draft)
    dossier = dossier_submit(
        variant=draft.variant,
        desk=draft.desk,
        applicant=online_applicant(draft, actor),
        components=components,
        actor=actor,
        answers=extra["answers"],
        agency=extra["agency"],
        conditions=extra["conditions"],
        submitted_at=submitted_at,
        data={"declaration": True},
    )
    draft_discard(draft=draft, actor=None)
    return dossier


# --- Counter guidance (phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ at a visit) ---------------------


def _guidance_items(variant: CaseVariant, items: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """`items` as stored: components of the pinned variant only, each once, in the variant's
    order (never a paper the procedure does not list, domain §2)."""
    if not items:
        raise ValidationFailed(
            "Phải chọn ít nhất một thành phần hồ sơ cần bổ sung, hoàn thiện.",
            code="supplement_items",
            field="items",
        )
    known = list(variant.components.all())
    names = {c.code: c.name for c in known}
    codes = [code for code, _requirement in items]
    unknown = [code for code in codes if code not in names]
    if unknown:
        raise ValidationFailed(
            "Chỉ được hướng dẫn bổ sung các thành phần hồ sơ có trong thủ tục: "
            + ", ".join(unknown)
            + " không có trong thủ tục.",
            code="component_not_in_procedure",
            field="items",
            details={"unknown": unknown},
        )
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ValidationFailed(
            "Mỗi thành phần hồ sơ chỉ được nêu một lần: " + ", ".join(repeated) + ".",
            code="supplement_item_repeated",
            field="items",
            details={"repeated": repeated},
        )
    requirements = {code: requirement.strip() for code, requirement in items}
    return [
        {"code": c.code, "name": c.name, "requirement": requirements[c.code]}
        for c in known
        if c.code in requirements
    ]


@transaction.atomic
def counter_guidance_issue(
    *,
    draft: DossierDraft,
    items: Sequence[tuple[str, str]],
    reason: str,
    actor: User,
    applicant: ApplicantInput | None = None,
    at: dt.datetime | None = None,
) -> CounterGuidance:
    """Guide the applicant of a counter (or postal, kiosk) visit whose papers are incomplete: the
    supplement slip (Mẫu 02) listing, once and completely, what is missing and what is required
    of each. The dossier is neither received nor refused: no `Dossier` row, no code, no status,
    so the dossier statistics are untouched; the slip is a `CounterGuidance` with its own number
    from the receiving agency's supplement-request series.

    `items`: (component code, what is required of it) — components of the draft's case variant
    only, at least one. `applicant`: as corrected on the guidance form, else the draft's (a name
    is needed; no contact required). The draft is KEPT: the applicant comes back with the papers
    and the officer resumes it; receiving it then is a normal `dossier_receive_draft`."""
    at = at or timezone.now()
    day = to_local(at).date()
    draft = _lock_draft(draft, actor)
    if draft.variant is None or draft.desk is None:
        raise ValidationFailed(
            "Chưa chọn thủ tục, trường hợp hoặc bộ phận một cửa.", code="draft_incomplete"
        )
    channel = Channel(draft.channel)
    if channel == Channel.ONLINE:
        raise ValidationFailed(
            "Hồ sơ trực tuyến được yêu cầu bổ sung từ hồ sơ đã nộp.", code="channel_invalid"
        )
    desk = Desk.objects.select_related("host").get(pk=draft.desk.pk)
    _require_desk(actor, desk, day)
    variant = CaseVariant.objects.select_related("version").get(pk=draft.variant.pk)
    _variant_open(variant, day)
    listed = _guidance_items(variant, items)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            "Phải nêu lý do hướng dẫn bổ sung, hoàn thiện hồ sơ.",
            code="reason_required",
            field="reason",
        )
    person = applicant or _draft_applicant(draft)
    problems = applicant_problems(person, require_contact=False)
    if problems:
        raise _refuse(
            problems, code="dossier_input_invalid", message="Thông tin người nộp chưa hợp lệ."
        )
    phone = parse_phone(person.phone, allow_landline=True) if person.phone.strip() else None
    number = form_number_allocate(
        agency_code=desk.host.code, form="supplement_request", year=day.year
    )
    guidance = CounterGuidance.objects.create(
        desk=desk,
        agency=desk.host,
        variant=variant,
        channel=channel,
        form_number=number,
        issued_at=at,
        issued_by=actor,
        applicant_kind=person.kind,
        applicant_name=person.name.strip(),
        applicant_id_number=person.id_number.strip(),
        applicant_phone=phone.number if phone is not None else "",
        applicant_address=person.address.strip(),
        items=listed,
        reason=reason,
        draft=draft,
    )
    audit_record(
        actor=actor,
        action="counter_guidance.issued",
        obj=guidance,
        reason=reason,
        data={
            "form_number": number,
            "desk": desk.code,
            "channel": channel.value,
            "items": [item["code"] for item in listed],
            "draft": draft.pk,
        },
    )
    return guidance


def access_counter_guidance(actor: User, *, pk: int) -> CounterGuidance:
    """The guidance slip `pk` when `actor` is today a desk officer of the desk that issued it;
    "not found" otherwise (never say which)."""
    guidance = (
        CounterGuidance.objects.select_related(
            "desk", "agency__parent", "variant__version", "issued_by"
        )
        .filter(pk=pk)
        .first()
    )
    if guidance is None or guidance.desk_id not in officer_desk_ids(actor=actor, on=local_today()):
        raise NotFound("Không tìm thấy phiếu hướng dẫn bổ sung.", code="guidance_not_found")
    return guidance
