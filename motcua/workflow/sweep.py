"""The overdue sweep (`process_deadlines`): find dossiers that became due soon or overdue, overall
or at their current step, and tell the handler, the leaders of the agency holding the dossier and
the desk — once per dossier × clock × threshold (a `DeadlineAlert` ledger row) — and open an
apology draft for the handler when the dossier itself becomes due soon or overdue.

Only dossiers whose `sweep_at` has come are read: every workflow event sets it to "now", and the
sweep sets it to the next instant a threshold can be crossed (the due-soon instant or the due of
the overall clock or the current step), or clears it when nothing is ahead or a pause holds the
clock (the event that ends the pause sets it again). `sweep_at` is only an index: the deadlines
themselves are derived on read, so a day off added to the calendar at worst makes the sweep look
early, recompute, and look again later.

Rows are claimed with `select_for_update(skip_locked=True)` in bounded batches, so several
sweeps can run at once and a dossier being worked on is simply taken next time.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from motcua.accounts.models import Membership, Role, User
from motcua.core.timezone import to_local
from motcua.dossiers.deadlines import Calendars, ClockState, Standing, dossier_deadline
from motcua.dossiers.models import (
    OPEN_STATUSES,
    AlertKind,
    Apology,
    ApologyStatus,
    DeadlineAlert,
    Dossier,
    DossierStatus,
)
from motcua.notifications.models import NotificationChannel, NotificationTemplate
from motcua.notifications.services import notification_enqueue
from motcua.workflow.apologies import apology_open_for_sweep

_ALERT_LABELS = {AlertKind.DUE_SOON: "Sắp đến hạn", AlertKind.OVERDUE: "Quá hạn"}


@dataclass(frozen=True)
class Alert:
    dossier_code: str
    scope: str  # "dossier" or "visit:<id>"
    kind: AlertKind
    recipients: int


@dataclass
class SweepReport:
    examined: int = 0
    batches: int = 0
    alerts: list[Alert] = field(default_factory=list)
    apologies_opened: list[str] = field(default_factory=list)  # dossier codes


def _kind(clock: ClockState) -> AlertKind | None:
    if clock.standing is Standing.OVERDUE:
        return AlertKind.OVERDUE
    if clock.standing is Standing.DUE_SOON:
        return AlertKind.DUE_SOON
    return None


def _recipients(dossier: Dossier, *, on: dt.date, include_desk: bool) -> list[User]:
    """The handler, the leaders of the agency holding the dossier, and (for the overall clock)
    the desk officers of the receiving desk."""
    active = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
    who = Q(role=Role.LEADER, agency_id=dossier.current_agency_id or dossier.agency_id)
    if include_desk:
        who |= Q(role=Role.DESK_OFFICER, desk_id=dossier.desk_id)
    users = {
        m.user.pk: m.user
        for m in Membership.objects.filter(active & who).select_related("user")
        if m.user.is_active
    }
    if dossier.handler is not None and dossier.handler.is_active:
        users[dossier.handler.pk] = dossier.handler
    return sorted(users.values(), key=lambda user: user.pk)


def _notify(
    dossier: Dossier,
    *,
    scope: str,
    kind: AlertKind,
    clock: ClockState,
    step_name: str,
    apology_opened: bool,
    on: dt.date,
) -> int:
    recipients = _recipients(dossier, on=on, include_desk=scope == "dossier")
    url = f"{settings.MOTCUA_PUBLIC_URL.rstrip('/')}/backoffice/ho-so/{dossier.code}/"
    for user in recipients:
        notification_enqueue(
            channel=NotificationChannel.EMAIL,
            recipient=user.email,
            template=NotificationTemplate.DEADLINE_ALERT,
            context={
                "dossier_code": dossier.code,
                "procedure_name": dossier.version.name,
                "applicant_name": dossier.applicant_name,
                "agency_name": (dossier.current_agency or dossier.agency).name,
                "alert_label": _ALERT_LABELS[kind],
                "overdue": kind == AlertKind.OVERDUE,
                "due_at": clock.due_at,
                "step_name": step_name,
                "handler_name": dossier.handler.full_name if dossier.handler else "",
                "apology_opened": apology_opened,
                "recipient_name": user.full_name or user.username,
                "backoffice_url": url,
            },
            key=f"dossier:{dossier.pk}:alert:{scope}:{kind.value}:user:{user.pk}",
            related=dossier,
            actor=None,
        )
    return len(recipients)


def _ledger(dossier: Dossier, scope: str, kind: AlertKind, due_at: dt.datetime) -> bool:
    """Write the ledger row; False when this threshold was already handled."""
    if DeadlineAlert.objects.filter(dossier=dossier, scope=scope, kind=kind).exists():
        return False
    try:
        with transaction.atomic():
            DeadlineAlert.objects.create(dossier=dossier, scope=scope, kind=kind, due_at=due_at)
    except IntegrityError:
        return False
    return True


def _next_look(clocks: list[ClockState], at: dt.datetime) -> dt.datetime | None:
    """The next instant a threshold is crossed: due soon at `soon_at`, overdue just after the due."""
    ahead = [
        instant
        for clock in clocks
        if not clock.paused
        for instant in (clock.soon_at, clock.due_at + dt.timedelta(seconds=1))
        if instant is not None and instant > at
    ]
    return min(ahead) if ahead else None


def _sweep_one(
    dossier: Dossier, *, at: dt.datetime, calendars: Calendars, report: SweepReport
) -> None:
    deadline = dossier_deadline(dossier, at=at, calendars=calendars)
    on = to_local(at).date()
    opened = False
    # The apology draft opens half a working day before the apology is due (or when the dossier
    # is due soon, whichever comes first), so a timely apology remains possible.
    wants_apology = not deadline.legal.paused and (
        at >= deadline.apology_open_at or _kind(deadline.legal) is not None
    )
    if wants_apology and dossier.status != DossierStatus.WITHDRAWAL_REQUESTED:
        opened = apology_open_for_sweep(dossier=dossier, at=at) is not None
        if opened:
            report.apologies_opened.append(dossier.code or "")
    clocks: list[tuple[str, ClockState, str]] = [("dossier", deadline.legal, "")]
    current = next((s for s in deadline.steps if s.visit.ended_at is None), None)
    if current is not None:
        clocks.append((f"visit:{current.visit.pk}", current.clock, current.visit.step.name))
    for scope, clock, step_name in clocks:
        kind = _kind(clock)
        if kind is None or clock.paused or not _ledger(dossier, scope, kind, clock.due_at):
            continue
        has_draft = scope == "dossier" and _has_open_draft(dossier)
        count = _notify(dossier, scope=scope, kind=kind, clock=clock, step_name=step_name,
                        apology_opened=has_draft, on=on)  # fmt: skip
        report.alerts.append(Alert(dossier.code or "", scope, kind, count))
    next_look = _next_look([clock for _, clock, _ in clocks], at)
    if not deadline.legal.paused and deadline.apology_open_at > at:
        next_look = min(filter(None, (next_look, deadline.apology_open_at)))
    Dossier.objects.filter(pk=dossier.pk).update(sweep_at=next_look)


def _has_open_draft(dossier: Dossier) -> bool:
    return Apology.objects.filter(dossier=dossier, status=ApologyStatus.DRAFT).exists()


def deadlines_process(
    *,
    at: dt.datetime | None = None,
    batch_size: int | None = None,
    max_batches: int = 50,
) -> SweepReport:
    """Run the sweep over the dossiers whose `sweep_at` has come, in bounded batches."""
    at = at or timezone.now()
    batch_size = batch_size or settings.MOTCUA_SWEEP_BATCH_SIZE
    report = SweepReport()
    calendars = Calendars()
    seen: set[int] = set()
    for _ in range(max_batches):
        with transaction.atomic():
            batch = list(
                Dossier.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sweep_at__lte=at, status__in=OPEN_STATUSES, code__isnull=False)
                .exclude(pk__in=seen)
                .select_related(
                    "version", "agency", "receiving_agency", "current_agency", "handler", "desk"
                )
                .order_by("sweep_at", "pk")[:batch_size]
            )
            if not batch:
                break
            report.batches += 1
            for dossier in batch:
                seen.add(dossier.pk)
                report.examined += 1
                _sweep_one(dossier, at=at, calendars=calendars, report=report)
    return report
