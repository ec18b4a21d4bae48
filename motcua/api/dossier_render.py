"""What the dossier endpoints answer, built from the dossier as the caller may see it: contact
data masked for everyone but the desk and the applicant (domain §2), instants in Vietnam's time."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import Agency, Desk, User
from motcua.catalog.models import CaseVariant, ProcessStep
from motcua.core.timezone import to_local
from motcua.dossiers.deadlines import Calendars, ClockState, DossierDeadline, legal_clock
from motcua.dossiers.models import (
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFile,
    DossierStatus,
)
from motcua.dossiers.selectors import DOSSIER_RELATED
from motcua.workflow.disclosure import mask, mask_answers, sees_contact
from motcua.workflow.selectors import available_actions
from motcua.workflow.transitions import event_label


def _named(obj: Agency | Desk | CaseVariant | None) -> dict[str, str] | None:
    if obj is None:
        return None
    return {"code": obj.code, "name": obj.name}


def _step(step: ProcessStep | None) -> dict[str, str] | None:
    if step is None:
        return None
    return {"code": step.code, "name": step.name, "kind": step.kind}


def _person(user: User | None) -> dict[str, str] | None:
    if user is None:
        return None
    return {"username": user.username, "full_name": user.full_name}


def _hours(amount: dt.timedelta) -> float:
    return round(amount.total_seconds() / 3600, 2)


def _state(clock: ClockState) -> dict[str, str]:
    state = clock.timeliness or clock.standing
    assert state is not None
    return {"code": state.value, "label": state.label}


def _timeliness(clock: ClockState | None) -> dict[str, object] | None:
    if clock is None:
        return None
    return {**_state(clock), "paused": clock.paused}


def _clock(clock: ClockState) -> dict[str, object]:
    return {
        "started_at": clock.started_at,
        "due_at": clock.due_at,
        "ended_at": clock.ended_at,
        "budget_hours": _hours(clock.budget),
        "used_hours": _hours(clock.used),
        "remaining_hours": _hours(clock.remaining),
        "paused": clock.paused,
        "due_soon_at": clock.soon_at,
        "state": _state(clock),
    }


def _legal(dossier: Dossier, *, at: dt.datetime, calendars: Calendars) -> ClockState | None:
    if dossier.clock_started_at is None:
        return None
    return legal_clock(dossier, pauses=list(dossier.pauses.all()), at=at, calendars=calendars)


def render_summary(dossier: Dossier, *, at: dt.datetime, calendars: Calendars) -> dict[str, Any]:
    clock = _legal(dossier, at=at, calendars=calendars)
    status = DossierStatus(dossier.status)
    return {
        "code": dossier.code,
        "reference": dossier.reference,
        "status": status,
        "public_status": {"code": status.public_code, "label": str(status.label)},
        "procedure": {
            "code": dossier.version.procedure.code,
            "namespace": dossier.version.procedure.namespace,
            "name": dossier.version.name,
            "version": dossier.version.number,
        },
        "channel": dossier.channel,
        "applicant_name": dossier.applicant_name,
        "agency": _named(dossier.agency),
        "current_step": _step(dossier.current_step),
        "handler": _person(dossier.handler),
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": clock.due_at if clock else None,
        "appointment_at": (dossier.rescheduled_due_at or clock.due_at) if clock else None,
        "timeliness": _timeliness(clock),
    }


def _applicant(dossier: Dossier, *, masked: bool) -> dict[str, object]:
    hide = mask if masked else str
    return {
        "kind": dossier.applicant_kind,
        "name": dossier.applicant_name,
        "id_number": hide(dossier.applicant_id_number),
        "address": dossier.applicant_address,
        "phone": hide(dossier.phone),
        "phone_is_landline": dossier.phone_is_landline,
        "email": hide(dossier.email),
        "submitter_name": dossier.submitter_name,
        "submitter_id_number": hide(dossier.submitter_id_number),
        "masked": masked,
    }


def _file_url(dossier: Dossier, row: DossierFile) -> str:
    return reverse("api:dossier-document", args=[dossier.display_code, row.pk])


def render_file(dossier: Dossier, row: DossierFile) -> dict[str, object]:
    return {
        "id": row.pk,
        "kind": row.kind,
        "name": row.name,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
        "pages": row.pages,
        "uploaded_at": row.uploaded_at,
        "component": row.component.component.code if row.component else None,
        "event": row.event.sequence if row.event else None,
        "url": _file_url(dossier, row),
    }


def render_detail(dossier: Dossier, user: User, *, at: dt.datetime | None = None) -> dict[str, Any]:
    """Everything about one dossier the caller may see, with what the caller may do now."""
    at = at or timezone.now()
    dossier = (
        Dossier.objects.select_related(*DOSSIER_RELATED)
        .prefetch_related(
            "pauses",
            Prefetch(
                "components",
                queryset=DossierComponent.objects.select_related("component").prefetch_related(
                    "files"
                ),
            ),
            "current_step__forward_to",
            "current_step__send_back_to",
        )
        .get(pk=dossier.pk)
    )
    masked = not sees_contact(dossier, user, on=to_local(at).date())
    answers: Any = dossier.answers
    if masked and dossier.variant.eform_schema:
        answers = mask_answers(dossier.variant.eform_schema.get("fields") or [], answers)
    return {
        **render_summary(dossier, at=at, calendars=Calendars()),
        "rule_set": dossier.rule_set,
        "variant": _named(dossier.variant),
        "desk": _named(dossier.desk),
        "receiving_agency": _named(dossier.receiving_agency),
        "current_agency": _named(dossier.current_agency),
        "applicant": _applicant(dossier, masked=masked),
        "answers": answers,
        "components": [
            {
                "code": row.component.code,
                "name": row.component.name,
                "requirement": row.component.requirement,
                "originals": row.originals,
                "copies": row.copies,
                "electronic": row.electronic,
                "digitised": row.digitised,
                "reused": row.reused,
                "from_store": row.from_store,
                "scan_exemption": row.scan_exemption,
                "note": row.note,
                "files": [f.pk for f in row.files.all()],
            }
            for row in dossier.components.all()
        ],
        "sets": dossier.sets,
        "fees_due": int(dossier.fees_due),
        "fees_paid": int(dossier.fees_paid),
        "paid_online": dossier.paid_online,
        "clock_started_at": dossier.clock_started_at,
        "handover_at": dossier.handover_at,
        "finished_at": dossier.finished_at,
        "supplement_count": dossier.supplement_count,
        "result": {
            "kind": dossier.result_kind or None,
            "number": dossier.result_number,
            "summary": dossier.result_summary,
            "returned_at": dossier.returned_at,
            "return_method": dossier.return_method or None,
            "tracking_number": dossier.return_tracking_number,
            "returned_to_name": dossier.returned_to_name,
        },
        "actions": [
            {
                "action": option.action,
                "label": option.label,
                "steps": [{"code": s.code, "name": s.name, "kind": s.kind} for s in option.steps],
            }
            for option in available_actions(dossier=dossier, actor=user, at=at)
        ],
    }


def render_event(dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at,
        "actor_name": event.actor_name,
        "agency": _named(event.agency),
        "action": event.action,
        "action_label": event_label(event.action),
        "from_status": event.from_status or None,
        "to_status": event.to_status or None,
        "from_step": _step(event.from_step),
        "to_step": _step(event.to_step),
        "step_budget_hours": event.step_budget_hours,
        "step_used_hours": event.step_used_hours,
        "note": event.note,
        "data": event.data,
        "files": [render_file(dossier, row) for row in event.files.all()],
    }


def render_deadline(deadline: DossierDeadline) -> dict[str, Any]:
    view = deadline.view_766
    return {
        "legal": _clock(deadline.legal),
        "view_766": {"code": view.value, "label": view.label},
        "elapsed_766_hours": _hours(deadline.elapsed_766),
        "supplement_paused_hours": _hours(deadline.supplement_paused),
        "apology_due_by": deadline.apology_due_by,
        "appointment_at": deadline.appointment_at,
        "steps": [
            {
                "step": _step(item.visit.step),
                "agency": _named(item.visit.agency),
                "role": item.visit.role,
                "handler": _person(item.visit.handler),
                "clock": _clock(item.clock),
            }
            for item in deadline.steps
        ],
        "agencies": [
            {
                "agency": _named(share.agency),
                "budget_hours": _hours(share.budget),
                "used_hours": _hours(share.used),
                "over_budget": share.over_budget,
            }
            for share in deadline.agencies
        ],
    }
