"""What an officer's page about one dossier shows (the back-office workspace): the dossier with
what it is read with, personal data masked as the actor may see it, the e-form answers as
labelled rows, the timeline built from the events, the deadline with its explanation, who holds
the dossier now and since when, and the actions this actor may take now.

A read: no writes, a bounded number of queries whatever the length of the history."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from motcua.accounts.admin_units import unit_directory
from motcua.accounts.models import User
from motcua.calendar.engine import Explanation
from motcua.core.timezone import to_local
from motcua.dossiers.deadlines import (
    Calendars,
    DossierDeadline,
    StepClock,
    dossier_deadline,
    legal_explanation,
)
from motcua.dossiers.models import (
    Apology,
    ApologyStatus,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFile,
    DossierRating,
    DossierStatus,
    FileKind,
    StepVisit,
)
from motcua.dossiers.ratings import RatedCriterion, can_record_rating, rating_of, rating_rows
from motcua.dossiers.selectors import DOSSIER_RELATED
from motcua.workflow.disclosure import mask, mask_answers, sees_contact
from motcua.workflow.selectors import ActionOption, available_actions
from motcua.workflow.transitions import event_label


@dataclass(frozen=True)
class AnswerRow:
    label: str
    value: str
    depth: int = 0
    heading: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    event: DossierEvent
    label: str
    from_status: str
    to_status: str
    files: tuple[DossierFile, ...]


@dataclass(frozen=True)
class Applicant:
    kind: str
    name: str
    id_number: str
    address: str
    phone: str
    phone_is_landline: bool
    email: str
    submitter_name: str
    submitter_id_number: str


@dataclass(frozen=True)
class Workspace:
    dossier: Dossier
    masked: bool
    applicant: Applicant
    answers: tuple[AnswerRow, ...]
    components: tuple[DossierComponent, ...]
    other_files: tuple[DossierFile, ...]  # results, supplements, working papers
    timeline: tuple[TimelineEntry, ...]
    deadline: DossierDeadline | None
    explanation: Explanation | None
    holder: StepClock | None  # the open step visit: who has it, since when, time used
    apology: Apology | None  # the live one (not rejected)
    actions: tuple[ActionOption, ...]
    # The applicant's satisfaction rating (no person on it), and whether this actor may enter a
    # paper slip's rating now (a desk officer of the dossier's desk, returned, not rated).
    rating: DossierRating | None = None
    rating_rows: tuple[RatedCriterion, ...] = ()
    can_record_rating: bool = False

    @property
    def result_files(self) -> tuple[DossierFile, ...]:
        return tuple(f for f in self.other_files if f.kind == FileKind.RESULT)


def _status_label(value: str) -> str:
    return str(DossierStatus(value).label) if value in DossierStatus.values else value


def _option_label(field: Mapping[str, Any], value: object) -> str:
    labels = {str(o.get("value")): str(o.get("label")) for o in field.get("options") or []}
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def _answer_value(field: Mapping[str, Any], value: object) -> str:
    kind = field.get("type")
    if kind == "checkbox":
        return "Có" if value else "Không"
    if kind == "select":
        return _option_label(field, value)
    if kind == "address" and isinstance(value, Mapping):
        return unit_directory().label(
            province=str(value.get("province", "")),
            commune=str(value.get("commune", "")),
            detail=str(value.get("detail", "")),
        )
    if kind == "date" and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    return "" if value is None else str(value)


def answer_rows(
    fields: Sequence[Mapping[str, Any]], answers: Mapping[str, Any], depth: int = 0
) -> list[AnswerRow]:
    """The answers as rows in the form's order, labelled; groups as headings over their fields."""
    rows: list[AnswerRow] = []
    for field in fields:
        name = str(field.get("name"))
        if name not in answers:
            continue
        label = str(field.get("label") or name)
        value = answers[name]
        if field.get("type") == "group":
            items = value if isinstance(value, list) else [value]
            for number, item in enumerate(items, start=1):
                if not isinstance(item, Mapping):
                    continue
                title = f"{label} ({number})" if isinstance(value, list) else label
                rows.append(AnswerRow(title, "", depth, heading=True))
                rows += answer_rows(field.get("fields") or [], item, depth + 1)
            continue
        rows.append(AnswerRow(label, _answer_value(field, value), depth))
    return rows


def _live_apology(apologies: Sequence[Apology]) -> Apology | None:
    live = [a for a in apologies if a.status != ApologyStatus.REJECTED]
    return live[-1] if live else None


def apology_live(dossier: Dossier) -> Apology | None:
    """The dossier's apology in progress or approved (a rejected draft is not live)."""
    return _live_apology(list(dossier.apologies.order_by("created_at", "pk")))


def dossier_workspace(*, dossier: Dossier, actor: User, at: dt.datetime | None = None) -> Workspace:
    at = at or timezone.now()
    dossier = (
        Dossier.objects.select_related(*DOSSIER_RELATED, "received_by", "rating")
        .prefetch_related(
            "pauses",
            Prefetch(
                "components",
                queryset=DossierComponent.objects.select_related("component").prefetch_related(
                    "files"
                ),
            ),
            Prefetch("files", queryset=DossierFile.objects.exclude(kind=FileKind.COMPONENT)),
            Prefetch(
                "events",
                queryset=DossierEvent.objects.select_related(
                    "agency", "from_step", "to_step"
                ).prefetch_related("files"),
            ),
            Prefetch(
                "visits", queryset=StepVisit.objects.select_related("step", "agency", "handler")
            ),
            Prefetch("apologies", queryset=Apology.objects.order_by("created_at", "pk")),
            "current_step__forward_to",
            "current_step__send_back_to",
        )
        .get(pk=dossier.pk)
    )
    masked = not sees_contact(dossier, actor, on=to_local(at).date())
    hide = mask if masked else str
    applicant = Applicant(
        kind=dossier.get_applicant_kind_display(),
        name=dossier.applicant_name,
        id_number=hide(dossier.applicant_id_number),
        address=dossier.applicant_address,
        phone=hide(dossier.phone),
        phone_is_landline=dossier.phone_is_landline,
        email=hide(dossier.email),
        submitter_name=dossier.submitter_name,
        submitter_id_number=hide(dossier.submitter_id_number),
    )
    fields: list[Mapping[str, Any]] = (dossier.variant.eform_schema or {}).get("fields") or []
    answers = mask_answers(fields, dossier.answers) if masked else dossier.answers
    pauses = list(dossier.pauses.all())
    visits = list(dossier.visits.all())
    deadline = explanation = holder = None
    if dossier.clock_started_at is not None:
        calendars = Calendars()
        deadline = dossier_deadline(
            dossier, at=at, pauses=pauses, visits=visits, calendars=calendars
        )
        explanation = legal_explanation(
            dossier, deadline.legal, pauses=pauses, at=at, calendars=calendars
        )
        holder = next((s for s in deadline.steps if s.visit.ended_at is None), None)
    rating = rating_of(dossier=dossier)
    timeline = tuple(
        TimelineEntry(
            event=event,
            label=event_label(event.action),
            from_status=_status_label(event.from_status),
            to_status=_status_label(event.to_status),
            files=tuple(event.files.all()),
        )
        for event in dossier.events.all()
    )
    return Workspace(
        dossier=dossier,
        masked=masked,
        applicant=applicant,
        answers=tuple(answer_rows(fields, answers if isinstance(answers, Mapping) else {})),
        components=tuple(dossier.components.all()),
        other_files=tuple(dossier.files.all()),
        timeline=timeline,
        deadline=deadline,
        explanation=explanation,
        holder=holder,
        apology=_live_apology(list(dossier.apologies.all())),
        actions=tuple(available_actions(dossier=dossier, actor=actor, at=at)),
        rating=rating,
        rating_rows=tuple(rating_rows(rating)) if rating is not None else (),
        can_record_rating=can_record_rating(actor, dossier, on=to_local(at).date()),
    )
