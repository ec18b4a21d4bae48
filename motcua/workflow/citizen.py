"""What a citizen sees of their own dossiers on the portal ("hồ sơ của tôi"): the list with the
public status and the appointment, and one dossier with the timeline a citizen may see, the papers
they filed, the electronic results and what they can do now.

The officer's counterpart is `motcua.workflow.workspace`. This one lives in `workflow` (not
`dossiers`) because it reads the transition table and the event vocabulary.

What the citizen sees of the event log (`_entry`): the public status changes (labels of the
national portal's codes 1–10), supplement requests with the papers asked for and the reason, their
own sends, payment requests, the result, the return, a withdrawal and its outcome, the approved
apology with the new appointment. Never: who did it (officer names), internal notes (the desk's
note on reception, a leader's comment, a late or override reason), internal steps (forwarding,
assignment, send-backs, apology drafts) — the processing shows as "Đang xử lý" once.

Reads only; a bounded number of queries whatever the length of the history.
"""

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.catalog.formatting import money_vi
from motcua.catalog.models import StepKind
from motcua.core.errors import NotFound
from motcua.dossiers.deadlines import Calendars, legal_clock
from motcua.dossiers.models import (
    Apology,
    ApologyStatus,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFile,
    DossierPause,
    DossierRating,
    DossierStatus,
    FileKind,
    ResultKind,
    ReturnMethod,
)
from motcua.dossiers.policies import access_dossier, dossier_queryset_for
from motcua.workflow import transitions
from motcua.workflow.transitions import RULES, SUPPLEMENT_SENT, Action, status_allows

S = DossierStatus


class StatusGroup(enum.StrEnum):
    """The tabs of the citizen's list."""

    IN_PROGRESS = "in_progress"
    NEEDS_ACTION = "needs_action"
    HAS_RESULT = "has_result"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "in_progress": _("Đang giải quyết"),
            "needs_action": _("Cần bổ sung, thực hiện"),
            "has_result": _("Đã có kết quả"),
            "closed": _("Đã dừng, không tiếp nhận"),
        }[self.value]

    @property
    def statuses(self) -> frozenset[DossierStatus]:
        return GROUP_STATUSES[self]


GROUP_STATUSES: dict[StatusGroup, frozenset[DossierStatus]] = {
    StatusGroup.IN_PROGRESS: frozenset(
        {S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.WITHDRAWAL_REQUESTED}
    ),
    StatusGroup.NEEDS_ACTION: frozenset({S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT}),
    StatusGroup.HAS_RESULT: frozenset({S.RESULT_READY, S.RETURNED}),
    StatusGroup.CLOSED: frozenset({S.REFUSED_INTAKE, S.STOPPED}),
}

# Statuses in which the result is out: result files are the citizen's to download from then on.
RESULT_OUT = frozenset({S.RESULT_READY, S.RETURNED})
# Official forms addressed to the applicant (`motcua.documents.forms.FormKind` values). The control
# sheet is the agencies' internal routing record and the logbook the desk's register.
CITIZEN_FORMS = frozenset({"receipt", "supplement_request", "refusal", "apology", "stop_notice"})


def citizen_may_print(kind: str) -> bool:
    return kind in CITIZEN_FORMS


# --- The list ------------------------------------------------------------------------------------


def _own(actor: User) -> QuerySet[Dossier]:
    """The actor's own dossiers (filed from their account): the policy's rule for citizens."""
    return dossier_queryset_for(actor).filter(applicant_account_id=actor.pk)


def citizen_dossier_list(
    *, actor: User, status_group: StatusGroup | None = None
) -> QuerySet[Dossier]:
    """The actor's own dossiers, newest first (by submission, else reception), with what a row
    shows loaded up front (no query per row; see `citizen_dossier_rows`)."""
    queryset = _own(actor)
    if status_group is not None:
        queryset = queryset.filter(status__in=status_group.statuses)
    pauses = Prefetch("pauses", queryset=DossierPause.objects.order_by("started_at", "pk"))
    return (
        queryset.select_related("version__procedure", "agency", "desk", "receiving_agency")
        .prefetch_related(pauses)
        .order_by(Coalesce("submitted_at", "received_at", "created_at").desc(), F("pk").desc())
    )


def citizen_dossier_counts(*, actor: User) -> dict[StatusGroup | None, int]:
    """How many of the actor's dossiers each tab holds (None: all), in one query."""
    totals = _own(actor).aggregate(
        all=Count("pk"),
        **{group.value: Count("pk", filter=Q(status__in=group.statuses)) for group in StatusGroup},
    )
    counts: dict[StatusGroup | None, int] = {None: totals["all"]}
    counts.update({group: totals[group.value] for group in StatusGroup})
    return counts


@dataclass(frozen=True)
class Appointment:
    """When the result is due back. `due_at` is the appointment of the receipt (restarted when a
    supplement completed the dossier); `new_due_at` the one an approved apology set. While the
    clock stands paused (waiting for papers or a payment) the date is not known yet."""

    due_at: dt.datetime
    new_due_at: dt.datetime | None
    paused: bool
    pause_kind: str  # PauseKind value of the open pause, "" when none

    @property
    def current(self) -> dt.datetime:
        return self.new_due_at or self.due_at


def _appointment(
    dossier: Dossier,
    *,
    pauses: Sequence[DossierPause],
    apology: Apology | None,
    at: dt.datetime,
    calendars: Calendars,
) -> Appointment | None:
    if dossier.clock_started_at is None:
        return None
    clock = legal_clock(dossier, pauses=pauses, at=at, calendars=calendars)
    due = clock.due_at
    if apology is not None and apology.original_due_at is not None:
        due = apology.original_due_at
    open_pause = next((p for p in pauses if p.ended_at is None), None)
    return Appointment(
        due_at=due,
        new_due_at=dossier.rescheduled_due_at,
        paused=clock.paused,
        pause_kind=open_pause.kind if open_pause is not None and clock.paused else "",
    )


@dataclass(frozen=True)
class CitizenDossierRow:
    dossier: Dossier
    appointment: Appointment | None

    @property
    def status(self) -> DossierStatus:
        return DossierStatus(self.dossier.status)

    @property
    def public_status(self) -> int:
        return self.status.public_code

    @property
    def status_label(self) -> str:
        return str(self.status.label)


def citizen_dossier_rows(
    dossiers: Iterable[Dossier], *, at: dt.datetime | None = None
) -> list[CitizenDossierRow]:
    """List rows for dossiers read by `citizen_dossier_list` (one page of them)."""
    at = at or timezone.now()
    calendars = Calendars()
    return [
        CitizenDossierRow(
            dossier,
            _appointment(
                dossier, pauses=list(dossier.pauses.all()), apology=None, at=at, calendars=calendars
            ),
        )
        for dossier in dossiers
    ]


# --- One dossier ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestedItem:
    code: str
    name: str
    requirement: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the citizen's timeline. `status` is the public status the event moved the
    dossier to (None when it did not change it); `text` what the citizen is told (a reason);
    `form` a printable form the event issued (a `CITIZEN_FORMS` value, with `form_event` naming
    the event when a dossier may have several)."""

    occurred_at: dt.datetime
    action: str
    label: str
    status: DossierStatus | None = None
    text: str = ""
    items: tuple[RequestedItem, ...] = ()
    files: tuple[DossierFile, ...] = ()
    new_due_at: dt.datetime | None = None
    form: str = ""
    form_event: int | None = None

    @property
    def status_label(self) -> str:
        return str(self.status.label) if self.status is not None else ""


@dataclass(frozen=True)
class SupplementRequest:
    """The supplement request the dossier waits on (status 5): before reception the applicant
    resubmits the submission; after reception they send the papers, the desk then receives them."""

    requested_at: dt.datetime
    reason: str
    items: tuple[RequestedItem, ...]
    after_reception: bool
    event_sequence: int
    sent: tuple[TimelineEntry, ...]  # what the applicant sent since (after reception)


@dataclass(frozen=True)
class Papers:
    """A component of the dossier and the files the citizen has for it (filed and supplemented)."""

    code: str
    name: str
    files: tuple[DossierFile, ...]


@dataclass(frozen=True)
class CitizenDossier:
    dossier: Dossier
    appointment: Appointment | None
    apology: Apology | None  # the approved one
    timeline: tuple[TimelineEntry, ...]
    papers: tuple[Papers, ...]
    other_supplement_files: tuple[DossierFile, ...]  # handed in at the desk, no component
    result_files: tuple[DossierFile, ...]  # only once the result is out
    supplement: SupplementRequest | None
    can_withdraw: bool
    can_rate: bool
    result_kind_label: str = ""
    return_method_label: str = ""

    @property
    def status(self) -> DossierStatus:
        return DossierStatus(self.dossier.status)

    @property
    def public_status(self) -> int:
        return self.status.public_code

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def can_supplement(self) -> bool:
        return self.supplement is not None

    @property
    def result_out(self) -> bool:
        return self.status in RESULT_OUT


def _items(data: Mapping[str, Any]) -> tuple[RequestedItem, ...]:
    return tuple(
        RequestedItem(
            code=str(item.get("code", "")),
            name=str(item.get("name", "")),
            requirement=str(item.get("requirement", "")),
        )
        for item in data.get("items") or []
        if isinstance(item, Mapping)
    )


def _status(event: DossierEvent) -> DossierStatus | None:
    if event.to_status and event.to_status != event.from_status and event.to_status in S.values:
        return DossierStatus(event.to_status)
    return None


_INTERNAL_MOVES = frozenset({Action.FORWARD, Action.SEND_BACK, Action.ASSIGN, Action.APPROVE})


def _entry(
    event: DossierEvent, *, shown: DossierStatus | None, apology: Apology | None
) -> TimelineEntry | None:
    """The citizen's line for one event (None: nothing a citizen sees). `shown` is the public
    status the timeline shows so far."""
    action, data, status = event.action, event.data, _status(event)
    base: dict[str, Any] = {"occurred_at": event.occurred_at, "action": action, "status": status}
    files = tuple(event.files.all())
    match action:
        case "submit":
            return TimelineEntry(**base, label=_("Nộp hồ sơ trực tuyến"))
        case Action.RECEIVE:
            return TimelineEntry(**base, label=_("Hồ sơ được tiếp nhận"), form="receipt")
        case Action.REFUSE_INTAKE:
            return TimelineEntry(**base, label=_("Hồ sơ không được tiếp nhận"), text=event.note,
                                 form="refusal", form_event=event.sequence)  # fmt: skip
        case Action.REQUEST_INTAKE_SUPPLEMENT:
            return TimelineEntry(**base, label=_("Yêu cầu bổ sung hồ sơ trước khi tiếp nhận"),
                                 text=event.note, items=_items(data))  # fmt: skip
        case Action.RESUBMIT:
            return TimelineEntry(**base, label=_("Nộp lại hồ sơ đã bổ sung"), files=files)
        case Action.REQUEST_SUPPLEMENT:
            return TimelineEntry(**base, label=_("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
                                 text=str(data.get("reason") or event.note), items=_items(data),
                                 form="supplement_request", form_event=event.sequence)  # fmt: skip
        case transitions.SUPPLEMENT_SENT:
            return TimelineEntry(**base, label=_("Đã gửi hồ sơ bổ sung trực tuyến"),
                                 text=event.note, files=files)  # fmt: skip
        case Action.RECEIVE_SUPPLEMENT:
            return TimelineEntry(**base, label=_("Đã nhận đủ hồ sơ bổ sung, thời hạn giải quyết "
                                                 "được tính lại từ đầu"))  # fmt: skip
        case Action.REQUEST_PAYMENT:
            amount = Decimal(str(data.get("amount") or 0))
            text = event.note + (f" ({money_vi(amount)})" if amount > 0 else "")
            return TimelineEntry(**base, label=_("Yêu cầu thực hiện nghĩa vụ tài chính"),
                                 text=text)  # fmt: skip
        case Action.CONFIRM_PAYMENT:
            return TimelineEntry(**base, label=_("Đã hoàn thành nghĩa vụ tài chính"))
        case Action.REFUSE_RESULT:
            return TimelineEntry(**base, label=_("Cơ quan từ chối giải quyết hồ sơ (có lý do)"),
                                 text=event.note, form="refusal",
                                 form_event=event.sequence)  # fmt: skip
        case Action.RESULT_READY:
            return TimelineEntry(**base, label=_("Đã có kết quả giải quyết"))
        case Action.RETURN_RESULT:
            method = str(data.get("method") or "")
            label = ReturnMethod(method).label if method in ReturnMethod.values else ""
            return TimelineEntry(**base, label=_("Đã trả kết quả"), text=str(label))
        case Action.REQUEST_WITHDRAWAL:
            return TimelineEntry(**base, label=_("Yêu cầu rút hồ sơ, dừng giải quyết"),
                                 text=event.note)  # fmt: skip
        case Action.REFUSE_WITHDRAWAL:
            return TimelineEntry(**base, label=_("Không chấp nhận yêu cầu rút hồ sơ"),
                                 text=event.note)  # fmt: skip
        case Action.STOP:
            form = "stop_notice" if data.get("form") == "stop_notice" else ""
            return TimelineEntry(**base, label=_("Dừng giải quyết hồ sơ theo yêu cầu"), form=form,
                                 form_event=event.sequence if form else None)  # fmt: skip
        case Action.STOP_PROCESSING:
            return TimelineEntry(**base, label=_("Dừng xử lý hồ sơ"), text=event.note)
        case Action.APPROVE_APOLOGY:
            return TimelineEntry(
                **base,
                label=_("Xin lỗi và hẹn lại ngày trả kết quả"),
                text=apology.reason if apology is not None else "",
                new_due_at=apology.new_due_at if apology is not None else None,
                form="apology",
            )
    if action in _INTERNAL_MOVES and status is not None:
        if status == S.RESULT_READY:  # an approval that produced the result
            return TimelineEntry(**base, label=_("Đã có kết quả giải quyết"))
        if status == S.PROCESSING and shown != S.PROCESSING:
            return TimelineEntry(**base, label=_("Hồ sơ đang được xử lý"))
    return None


def citizen_timeline(
    events: Iterable[DossierEvent], *, apology: Apology | None
) -> list[TimelineEntry]:
    """The events as the citizen sees them, oldest first (see the module's docstring)."""
    entries: list[TimelineEntry] = []
    shown: DossierStatus | None = None
    for event in events:
        entry = _entry(event, shown=shown, apology=apology)
        if entry is None:
            continue
        entries.append(entry)
        if entry.status is not None:
            shown = entry.status
    return entries


def _supplement(
    dossier: Dossier, events: Sequence[DossierEvent], timeline: Sequence[TimelineEntry]
) -> SupplementRequest | None:
    if dossier.status != S.SUPPLEMENT_REQUESTED:
        return None
    action = Action.REQUEST_SUPPLEMENT if dossier.code else Action.REQUEST_INTAKE_SUPPLEMENT
    request = next((e for e in reversed(events) if e.action == action), None)
    if request is None:
        return None
    sent = tuple(
        entry
        for entry in timeline
        if entry.action == SUPPLEMENT_SENT and entry.occurred_at >= request.occurred_at
    )
    return SupplementRequest(
        requested_at=request.occurred_at,
        reason=str(request.data.get("reason") or request.note),
        # A request always lists its papers; should one not, every component may be answered.
        items=_items(request.data)
        or tuple(
            RequestedItem(r.component.code, r.component.name) for r in dossier.components.all()
        ),
        after_reception=dossier.code is not None,
        event_sequence=request.sequence,
        sent=sent,
    )


def _load(dossier: Dossier) -> Dossier:
    files = DossierFile.objects.order_by("uploaded_at", "pk")
    return (
        Dossier.objects.select_related(
            "version__procedure", "variant", "agency", "desk", "receiving_agency", "current_step"
        )
        .prefetch_related(
            Prefetch("pauses", queryset=DossierPause.objects.order_by("started_at", "pk")),
            Prefetch(
                "components",
                queryset=DossierComponent.objects.select_related("component").prefetch_related(
                    Prefetch(
                        "files",
                        queryset=files.filter(kind__in=[FileKind.COMPONENT, FileKind.SUPPLEMENT]),
                    )
                ),
            ),
            Prefetch(
                "files",
                queryset=files.filter(kind__in=[FileKind.SUPPLEMENT, FileKind.RESULT]),
                to_attr="citizen_files",
            ),
            Prefetch(
                "events",
                queryset=DossierEvent.objects.order_by("sequence").prefetch_related(
                    Prefetch("files", queryset=files.exclude(kind=FileKind.ATTACHMENT))
                ),
            ),
            Prefetch("apologies", queryset=Apology.objects.order_by("created_at", "pk")),
        )
        .get(pk=dossier.pk)
    )


def citizen_dossier_detail(
    *, actor: User, code: str, at: dt.datetime | None = None
) -> CitizenDossier:
    """One of the actor's own dossiers by its code (or submission reference); `NotFound` for any
    other, whoever it belongs to."""
    at = at or timezone.now()
    dossier = _load(access_citizen_dossier(actor, code=code))
    apology = next((a for a in dossier.apologies.all() if a.status == ApologyStatus.APPROVED), None)
    events = list(dossier.events.all())
    timeline = citizen_timeline(events, apology=apology)
    pauses = list(dossier.pauses.all())
    status = DossierStatus(dossier.status)
    step = dossier.current_step
    withdraw = status_allows(
        RULES[Action.REQUEST_WITHDRAWAL],
        status,
        received=dossier.code is not None,
        step_kind=StepKind(step.kind) if step is not None else None,
    )
    citizen_files: list[DossierFile] = getattr(dossier, "citizen_files", [])
    return CitizenDossier(
        dossier=dossier,
        appointment=_appointment(
            dossier, pauses=pauses, apology=apology, at=at, calendars=Calendars()
        ),
        apology=apology,
        timeline=tuple(timeline),
        papers=tuple(
            Papers(row.component.code, row.component.name, tuple(row.files.all()))
            for row in dossier.components.all()
            if row.handed_in or row.files.all()
        ),
        other_supplement_files=tuple(
            f for f in citizen_files if f.kind == FileKind.SUPPLEMENT and f.component_id is None
        ),
        result_files=tuple(f for f in citizen_files if f.kind == FileKind.RESULT)
        if status in RESULT_OUT
        else (),
        supplement=_supplement(dossier, events, timeline),
        can_withdraw=withdraw,
        can_rate=status == S.RETURNED
        and not DossierRating.objects.filter(dossier_id=dossier.pk).exists(),
        result_kind_label=str(ResultKind(dossier.result_kind).label)
        if dossier.result_kind in ResultKind.values
        else "",
        return_method_label=str(ReturnMethod(dossier.return_method).label)
        if dossier.return_method in ReturnMethod.values
        else "",
    )


def access_citizen_file(actor: User, *, code: str, file_id: int) -> tuple[Dossier, DossierFile]:
    """One file of the actor's own dossier they may download: what they filed or supplemented,
    and the result files once the result is out. `NotFound` for anything else."""
    dossier = access_citizen_dossier(actor, code=code)
    kinds = [FileKind.COMPONENT, FileKind.SUPPLEMENT]
    if dossier.status in RESULT_OUT:
        kinds.append(FileKind.RESULT)
    row = DossierFile.objects.filter(dossier=dossier, pk=file_id, kind__in=kinds).first()
    if row is None:
        raise NotFound("Không tìm thấy tệp.", code="file_not_found")
    return dossier, row


def access_citizen_dossier(actor: User, *, code: str) -> Dossier:
    """The actor's own dossier by code or reference (for the write pages); `NotFound` otherwise."""
    dossier = access_dossier(actor, code=code)
    if dossier.applicant_account_id != actor.pk:
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found")
    return dossier


__all__ = [
    "CITIZEN_FORMS",
    "Appointment",
    "CitizenDossier",
    "CitizenDossierRow",
    "StatusGroup",
    "access_citizen_dossier",
    "access_citizen_file",
    "citizen_dossier_counts",
    "citizen_dossier_detail",
    "citizen_dossier_list",
    "citizen_dossier_rows",
    "citizen_may_print",
    "citizen_timeline",
]
