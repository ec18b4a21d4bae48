"""What every workflow action shares: lock the dossier row, check the transition, move between
steps (closing and opening step visits), append the event, queue notifications after commit."""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from motcua.accounts.models import User
from motcua.calendar.engine import Pause
from motcua.calendar.selectors import calendar_for_agency
from motcua.catalog.models import ProcessStep, StepKind
from motcua.core.errors import DomainError, PermissionDenied, ValidationFailed
from motcua.core.timezone import to_local
from motcua.dossiers.files import Upload, file_store
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Dossier,
    DossierEvent,
    DossierFile,
    DossierPause,
    DossierStatus,
    FileKind,
    StepVisit,
    hours,
)
from motcua.notifications.models import NotificationChannel, NotificationTemplate
from motcua.notifications.services import notification_enqueue
from motcua.reports.facts import facts_refresh
from motcua.workflow.policies import actor_allowed, step_agency
from motcua.workflow.transitions import RULES, Action, Actor, status_allows


class TransitionRefused(DomainError):
    """The action does not exist from this status or at this step."""

    code = "transition_not_allowed"


def lock(dossier: Dossier) -> Dossier:
    """The dossier re-read under a row lock (call inside the action's transaction)."""
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related(
            "version",
            "variant",
            "desk",
            "agency",
            "receiving_agency",
            "current_step",
            "current_step__agency",
            "current_agency",
        )
        .get(pk=dossier.pk)
    )


def check(dossier: Dossier, action: Action, actor: User, *, at: dt.datetime) -> None:
    """Refuse an action the table does not allow here, or that this actor may not take."""
    rule = RULES[action]
    step = dossier.current_step
    step_kind = StepKind(step.kind) if step is not None else None
    if not status_allows(
        rule, DossierStatus(dossier.status), received=dossier.code is not None, step_kind=step_kind
    ):
        raise TransitionRefused(
            f"Không thể “{rule.label.lower()}” khi hồ sơ đang ở trạng thái "
            f"“{DossierStatus(dossier.status).label}”"
            + (f", bước “{step.name}”." if step is not None else "."),
            details={"action": action.value, "status": dossier.status},
        )
    if rule.actor in (Actor.STEP, Actor.STEP_OR_LEADER) and step is not None:
        starts = (
            StepVisit.objects.filter(dossier=dossier, ended_at=None)
            .values_list("started_at", flat=True)
            .first()
        )
        if starts is not None and at < starts:
            raise TransitionRefused(
                "Hồ sơ giấy nhận sau giờ chốt được chuyển đến cơ quan xử lý vào đầu ngày làm việc "
                f"tiếp theo ({to_local(starts):%H:%M ngày %d/%m/%Y}); chưa thể xử lý trước thời điểm đó.",
                code="handover_pending",
                details={"handover_at": starts.isoformat()},
            )
    if not actor_allowed(rule, actor, dossier, on=to_local(at).date()):
        raise PermissionDenied(
            f"Tài khoản của Ông/Bà không được “{rule.label.lower()}” hồ sơ này ở bước hiện tại.",
            code="action_not_permitted",
            details={"action": action.value},
        )


def require_text(value: str, *, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationFailed(message, code="reason_required", field=field)
    return value


def engine_pauses(dossier: Dossier) -> list[Pause]:
    return [
        Pause(p.started_at, p.ended_at, kind=p.kind, reason=p.reason)
        for p in DossierPause.objects.filter(dossier=dossier)
    ]


def close_visit(dossier: Dossier, *, at: dt.datetime, action: Action) -> StepVisit | None:
    """End the open step visit at `at`, storing the working time it used (pauses excluded)."""
    visit = (
        StepVisit.objects.select_related("agency").filter(dossier=dossier, ended_at=None).first()
    )
    if visit is None:
        return None
    calendar = calendar_for_agency(visit.agency)
    end = max(at, visit.started_at)
    used = calendar.working_time_between(visit.started_at, end, pauses=engine_pauses(dossier))
    visit.ended_at = end
    visit.used_hours = hours(used)
    visit.ended_by_action = action.value
    visit.save(update_fields=["ended_at", "used_hours", "ended_by_action"])
    return visit


def open_visit(
    dossier: Dossier, step: ProcessStep, *, at: dt.datetime, handler: User | None = None
) -> StepVisit:
    agency = step_agency(step, dossier)
    dossier.current_step = step
    dossier.current_agency = agency
    dossier.handler = handler
    return StepVisit.objects.create(
        dossier=dossier,
        step=step,
        agency=agency,
        role=step.role,
        handler=handler,
        budget_hours=step.budget_hours,
        started_at=at,
    )


def record(
    dossier: Dossier,
    *,
    action: Action | str,
    actor: User | None,
    at: dt.datetime,
    from_status: str,
    from_step: ProcessStep | None,
    closed: StepVisit | None = None,
    note: str = "",
    data: Mapping[str, Any] | None = None,
    files: Iterable[DossierFile] = (),
) -> DossierEvent:
    """Append the event (the dossier row is locked, so the sequence cannot collide)."""
    last = DossierEvent.objects.filter(dossier=dossier).aggregate(last=Max("sequence"))["last"]
    agency = dossier.current_agency or dossier.agency
    event = DossierEvent.objects.create(
        dossier=dossier,
        sequence=(last or 0) + 1,
        occurred_at=at,
        actor=actor,
        actor_name=(actor.full_name or actor.username) if actor is not None else "Hệ thống",
        agency=agency,
        action=str(action),
        from_status=from_status,
        to_status=dossier.status,
        from_step=from_step,
        to_step=dossier.current_step,
        step_budget_hours=closed.budget_hours if closed is not None else None,
        step_used_hours=closed.used_hours if closed is not None else None,
        note=note,
        data=_jsonable(dict(data or {})),
    )
    for row in files:
        DossierFile.objects.filter(pk=row.pk).update(event=event)
    # Ask the deadline sweep to look at the dossier again (its clocks may have changed).
    dossier.sweep_at = at if dossier.code is not None and dossier.status in OPEN_STATUSES else None
    Dossier.objects.filter(pk=dossier.pk).update(sweep_at=dossier.sweep_at)
    # The reports' projection moves in the same transaction as the event.
    facts_refresh([dossier.pk], at=max(at, timezone.now()))
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return value


def store_files(
    dossier: Dossier, uploads: Iterable[Upload], *, kind: FileKind, actor: User | None
) -> list[DossierFile]:
    return [file_store(dossier=dossier, kind=kind, upload=u, actor=actor) for u in uploads]


def lookup_url(dossier: Dossier) -> str:
    """The public look-up page for this dossier (printed as a QR code, sent in messages)."""
    return f"{settings.MOTCUA_PUBLIC_URL.rstrip('/')}/tra-cuu/?ma={dossier.display_code}"


def notify_applicant(
    dossier: Dossier,
    *,
    template: NotificationTemplate,
    event: str,
    actor: User | None,
    context: Mapping[str, object] | None = None,
) -> None:
    """Queue the message on SMS and e-mail (a landline or no address is skipped and logged)."""
    full: dict[str, object] = {
        "dossier_code": dossier.display_code,
        "procedure_name": dossier.version.name,
        "applicant_name": dossier.applicant_name,
        "agency_name": dossier.agency.name,
        "lookup_url": lookup_url(dossier),
        "received_at": dossier.received_at,
        "pickup_place": ", ".join(p for p in (dossier.desk.name, dossier.desk.address) if p),
        **(context or {}),
    }
    for channel, recipient in (
        (NotificationChannel.SMS, dossier.phone),
        (NotificationChannel.EMAIL, dossier.email),
    ):
        notification_enqueue(
            channel=channel,
            recipient=recipient,
            template=template,
            context=full,
            key=f"dossier:{dossier.pk}:{event}:{channel.value}",
            related=dossier,
            actor=actor,
        )


def has_result_file(dossier: Dossier) -> bool:
    return DossierFile.objects.filter(dossier=dossier, kind=FileKind.RESULT).exists()
