"""The officer's queues (hàng đợi hồ sơ): which dossiers wait for this officer, and why.

Queues are data. Each `Queue` is a filter over the dossiers the actor may see
(`motcua.dossiers.policies.dossier_queryset_for`, never widened), offered according to the actor's
active memberships. "Who may act at a step" is `motcua.workflow.policies.can_act_at_step` written
as a filter: a holder of the current step's role at the agency holding the dossier, and only the
handler once one is assigned (desk steps: any officer of the dossier's desk).

A clocked queue is sorted, counted (overdue, due soon) and paged in SQL on the reports'
per-dossier projection (`reports.DossierFact`: the due instant the deadline engine derived at the
dossier's last event, refreshed after calendar changes — ADR 0006), soonest due first, dossiers
without a clock last; only the rows of the page get their legal clock computed in Python (one
`Calendars` per call). The list of every visible dossier (`Queue.ALL`) sorts by arrival instead.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Role, User, UserKind
from motcua.accounts.selectors import membership_list_active
from motcua.catalog.models import StepKind
from motcua.catalog.selectors import version_list_public
from motcua.core.timezone import local_datetime, to_local
from motcua.dossiers.deadlines import Calendars, ClockState, Standing, Timeliness, legal_clock
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Apology,
    ApologyStatus,
    Channel,
    Dossier,
    DossierStatus,
)
from motcua.dossiers.policies import dossier_queryset_for
from motcua.dossiers.selectors import dossier_list_for
from motcua.reports.timeliness import due_soon_q, overdue_q

PER_PAGE = 30
PROCEDURE_CHOICES_CAP = 500

# When a dossier arrived: received, else submitted online, else created. Never null, so that one
# plain index (`dossier_arrival`) serves the list's order and the period filter on every database.
ARRIVAL = Coalesce("received_at", "submitted_at", "created_at")

# Statuses in which a step can be assigned or worked on (`workflow.transitions`: `_ACTIVE`).
ACTIVE_STATUSES = frozenset(
    {
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.SUPPLEMENT_REQUESTED,
        DossierStatus.AWAITING_PAYMENT,
    }
)
# Roles whose holders act at process steps; the others only read (or administer).
_STEP_ROLES = frozenset({Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER})


class Queue(models.TextChoices):
    """The officer's queues, in the order their tabs are shown."""

    RECEPTION = "reception", _("Chờ tiếp nhận")
    RETURNS = "returns", _("Chờ trả kết quả")
    WITHDRAWALS = "withdrawals", _("Xin rút hồ sơ")
    MINE = "mine", _("Của tôi")
    UNASSIGNED = "unassigned", _("Chưa phân công")
    INCOMING = "incoming", _("Liên thông đến")
    APPROVALS = "approvals", _("Chờ phê duyệt")
    APOLOGIES = "apologies", _("Xin lỗi chờ duyệt")
    WATCH = "watch", _("Sắp đến hạn, quá hạn")
    ALL = "all", _("Tất cả hồ sơ")


# Queues whose rows are open dossiers (the overdue / due-soon totals mean something there).
_CLOCKED = frozenset(Queue) - {Queue.RECEPTION, Queue.RETURNS, Queue.ALL}
# Queues shown only when something is in them (most officers never see an inter-agency hand-off).
_OPTIONAL = frozenset({Queue.INCOMING, Queue.WITHDRAWALS})
# Which queue opens first, by role: the first non-empty one of the actor's roles, in this order.
_PREFERENCES: tuple[tuple[Role, tuple[Queue, ...]], ...] = (
    (Role.LEADER, (Queue.APPROVALS, Queue.APOLOGIES, Queue.WATCH, Queue.UNASSIGNED, Queue.MINE)),
    (Role.SPECIALIST, (Queue.MINE, Queue.UNASSIGNED, Queue.INCOMING)),
    (Role.DESK_OFFICER, (Queue.RECEPTION, Queue.RETURNS, Queue.WITHDRAWALS, Queue.MINE)),
)


@dataclass(frozen=True)
class QueueFilters:
    """What the officer narrowed the list by (every part optional)."""

    text: str = ""  # dossier code or reference, applicant name or ID number
    procedure: str = ""  # procedure code
    field: str = ""  # field code
    status: DossierStatus | None = None
    channel: Channel | None = None
    arrived_from: dt.date | None = None  # local dates, both included
    arrived_to: dt.date | None = None

    def __bool__(self) -> bool:
        parts = (self.status, self.channel, self.arrived_from, self.arrived_to)
        return bool(self.text.strip() or self.procedure.strip() or self.field or any(parts))


@dataclass(frozen=True)
class QueueRow:
    """A dossier with its derived legal clock (None before reception)."""

    dossier: Dossier
    clock: ClockState | None

    @property
    def due_at(self) -> dt.datetime | None:
        return self.clock.due_at if self.clock is not None else None

    @property
    def standing(self) -> Standing | None:
        return self.clock.standing if self.clock is not None else None

    @property
    def timeliness(self) -> Timeliness | None:
        return self.clock.timeliness if self.clock is not None else None

    @property
    def paused(self) -> bool:
        return self.clock is not None and self.clock.paused

    @property
    def badge(self) -> str:
        """The badge's key (`backoffice.css`: badge--<key>): standing, or timeliness once
        finished; empty without a clock."""
        if self.clock is None:
            return ""
        state = self.clock.standing or self.clock.timeliness
        return state.value if state is not None else ""


@dataclass(frozen=True)
class QueueTab:
    queue: Queue
    count: int | None  # None: not counted (the list of everything)


@dataclass(frozen=True)
class QueueResult:
    queue: Queue
    rows: list[QueueRow]  # the rows of this page
    page: Page[int]  # navigation: number, count, page range (over row positions)
    total: int
    overdue: int | None  # None where it is not computed (the list of everything, reception…)
    due_soon: int | None


@dataclass(frozen=True)
class QueueBoard:
    """What the home page shows: the actor's tabs and the chosen queue's page."""

    tabs: list[QueueTab]
    result: QueueResult

    @property
    def queue(self) -> Queue:
        return self.result.queue


# --- Whose queues ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    """The actor's active memberships, as the sets the queue filters need."""

    user: User
    roles: frozenset[str] = frozenset()
    desk_ids: frozenset[int] = frozenset()
    # (role, agency ids) for every role but the desk's: where the actor acts at non-desk steps.
    step_agencies: tuple[tuple[str, frozenset[int]], ...] = ()
    leader_agencies: frozenset[int] = frozenset()
    queues: tuple[Queue, ...] = (Queue.ALL,)


def _scope(actor: User, *, on: dt.date) -> _Scope:
    if not actor.is_authenticated or not actor.is_active or actor.kind != UserKind.STAFF:
        return _Scope(actor)
    roles: set[str] = set()
    desks: set[int] = set()
    by_role: dict[str, set[int]] = {}
    for membership in membership_list_active(user=actor, on=on):
        roles.add(membership.role)
        if membership.role == Role.DESK_OFFICER:
            if membership.desk_id is not None:
                desks.add(membership.desk_id)
        else:
            by_role.setdefault(membership.role, set()).add(membership.agency_id)
    queues: list[Queue] = []
    if desks:
        queues += [Queue.RECEPTION, Queue.RETURNS, Queue.WITHDRAWALS]
    if roles & _STEP_ROLES:
        queues.append(Queue.MINE)
    if roles & {Role.SPECIALIST, Role.LEADER}:
        queues += [Queue.UNASSIGNED, Queue.INCOMING]
    if Role.LEADER in roles:
        queues += [Queue.APPROVALS, Queue.APOLOGIES, Queue.WATCH]
    order = list(Queue)
    return _Scope(
        user=actor,
        roles=frozenset(roles),
        desk_ids=frozenset(desks),
        step_agencies=tuple(sorted((role, frozenset(ids)) for role, ids in by_role.items())),
        leader_agencies=frozenset(by_role.get(Role.LEADER, set())),
        queues=(*sorted(queues, key=order.index), Queue.ALL),
    )


def _may_act_q(scope: _Scope) -> Q:
    """`can_act_at_step` for non-desk steps, as a filter: the step's role held at the agency
    holding the dossier, unassigned or assigned to the actor."""
    condition = Q(pk__in=[])
    for role, agency_ids in scope.step_agencies:
        condition |= Q(current_step__role=role, current_agency_id__in=agency_ids)
    return condition & (Q(handler__isnull=True) | Q(handler=scope.user))


def _led_q(scope: _Scope) -> Q:
    """Dossiers of the actor's unit as a leader: competent there, or being handled there."""
    return Q(agency_id__in=scope.leader_agencies) | Q(current_agency_id__in=scope.leader_agencies)


def _queue_q(queue: Queue, scope: _Scope) -> Q:
    non_desk_step = Q(current_step__role__in=[r for r in Role.values if r != Role.DESK_OFFICER])
    match queue:
        case Queue.RECEPTION:
            return Q(desk_id__in=scope.desk_ids, status=DossierStatus.SUBMITTED)
        case Queue.RETURNS:
            return Q(desk_id__in=scope.desk_ids, status=DossierStatus.RESULT_READY)
        case Queue.WITHDRAWALS:
            return Q(desk_id__in=scope.desk_ids, status=DossierStatus.WITHDRAWAL_REQUESTED)
        case Queue.MINE:
            return Q(handler=scope.user, status__in=OPEN_STATUSES)
        case Queue.UNASSIGNED:
            # A leader assigns at any step of their unit's dossiers (`is_leader_for`).
            leader = _led_q(scope) & non_desk_step
            return Q(status__in=ACTIVE_STATUSES, handler__isnull=True) & (
                _may_act_q(scope) | leader
            )
        case Queue.INCOMING:
            leader = Q(current_agency_id__in=scope.leader_agencies)
            return Q(status__in=ACTIVE_STATUSES, current_step__kind=StepKind.INTER_AGENCY) & (
                _may_act_q(scope) | leader
            )
        case Queue.APPROVALS:
            return Q(status=DossierStatus.PROCESSING, current_step__kind=StepKind.APPROVAL) & (
                _may_act_q(scope)
            )
        case Queue.APOLOGIES:
            submitted = Apology.objects.filter(
                dossier=OuterRef("pk"), status=ApologyStatus.SUBMITTED
            )
            return Q(status__in=ACTIVE_STATUSES) & _led_q(scope) & Q(Exists(submitted))
        case Queue.WATCH:
            return Q(status__in=OPEN_STATUSES) & _led_q(scope)
        case Queue.ALL:
            return Q()


# --- Rows --------------------------------------------------------------------------------------


def _filtered(actor: User, filters: QueueFilters) -> QuerySet[Dossier]:
    """The visible dossiers narrowed by `filters`, with what a row shows loaded up front.

    A text that is exactly a dossier code, a submission reference or an ID number is looked up
    through their indexes; any other text goes to the list's search (parts of codes and names),
    which reads every visible row."""
    queryset = dossier_list_for(actor=actor, status=filters.status)
    text = filters.text.strip()
    if text:
        exact = queryset.filter(
            Q(code=text.upper()) | Q(reference=text.upper()) | Q(applicant_id_number=text)
        )
        if exact.exists():
            queryset = exact
        else:
            queryset = dossier_list_for(actor=actor, status=filters.status, text=text)
    if filters.procedure.strip():
        queryset = queryset.filter(version__procedure__code=filters.procedure.strip())
    if filters.field:
        queryset = queryset.filter(version__field__code=filters.field)
    if filters.channel is not None:
        queryset = queryset.filter(channel=filters.channel)
    if filters.arrived_from is not None or filters.arrived_to is not None:
        queryset = queryset.alias(arrival=ARRIVAL)
        if filters.arrived_from is not None:
            queryset = queryset.filter(
                arrival__gte=local_datetime(filters.arrived_from, dt.time.min)
            )
        if filters.arrived_to is not None:
            end = filters.arrived_to + dt.timedelta(days=1)
            queryset = queryset.filter(arrival__lt=local_datetime(end, dt.time.min))
    return queryset


def queue_row(dossier: Dossier, *, at: dt.datetime, calendars: Calendars) -> QueueRow:
    """A row: the dossier and its legal clock at `at` (its pauses should be prefetched)."""
    if dossier.clock_started_at is None:
        return QueueRow(dossier, None)
    pauses = list(dossier.pauses.all())
    return QueueRow(dossier, legal_clock(dossier, pauses=pauses, at=at, calendars=calendars))


def _watch_q(at: dt.datetime) -> Q:
    """Overdue or due soon now, from the stored dues (`reports.timeliness`: the reports' rule)."""
    return overdue_q(at, "fact__") | due_soon_q(at, "fact__")


def _sorted_page(
    queryset: QuerySet[Dossier],
    queue: Queue,
    number: int | str | None,
    *,
    at: dt.datetime,
    calendars: Calendars,
) -> QueueResult:
    """Soonest stored due first (without a clock: last, oldest arrival first; paused ones after
    the running), counted and paged in SQL; the page's rows get their clock. Clocked queues count
    overdue and due soon."""
    if queue is Queue.WATCH:
        queryset = queryset.filter(_watch_q(at))
    counts = queryset.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=overdue_q(at, "fact__")),
        due_soon=Count("pk", filter=due_soon_q(at, "fact__")),
    )
    page = _page(counts["total"], number)
    # A dossier standing paused (waiting for the applicant's supplement or payment) comes after
    # the running ones: its due moves on while it waits.
    waiting = Case(When(fact__paused_since__isnull=False, then=Value(1)), default=Value(0))
    ordered = queryset.order_by(
        waiting.asc(), F("fact__due_at").asc(nulls_last=True), ARRIVAL.asc(), F("pk").asc()
    )
    start = page.start_index() - 1
    dossiers = list(ordered[start : start + PER_PAGE]) if counts["total"] else []
    clocked = queue in _CLOCKED
    return QueueResult(
        queue=queue,
        rows=[queue_row(d, at=at, calendars=calendars) for d in dossiers],
        page=page,
        total=counts["total"],
        overdue=counts["overdue"] if clocked else None,
        due_soon=counts["due_soon"] if clocked else None,
    )


def _page(total: int, number: int | str | None) -> Page[int]:
    return Paginator(range(total), PER_PAGE).get_page(number)


def _empty(queue: Queue, number: int | str | None) -> QueueResult:
    clocked = queue in _CLOCKED
    return QueueResult(
        queue, [], _page(0, number), 0, 0 if clocked else None, 0 if clocked else None
    )


def queue_dossiers(
    *,
    actor: User,
    queue: Queue,
    filters: QueueFilters = QueueFilters(),
    page: int | str | None = 1,
    at: dt.datetime | None = None,
    calendars: Calendars | None = None,
) -> QueueResult:
    """One page of a queue, sorted by due instant (the list of everything: newest arrival first).

    A queue the actor does not have is empty (it is never a way to see more)."""
    at = at or timezone.now()
    scope = _scope(actor, on=to_local(at).date())
    return _queue_page(scope, queue, filters, page, at=at, calendars=calendars or Calendars())


def _queue_page(
    scope: _Scope,
    queue: Queue,
    filters: QueueFilters,
    page: int | str | None,
    *,
    at: dt.datetime,
    calendars: Calendars,
) -> QueueResult:
    if queue not in scope.queues:
        return _empty(queue, page)
    queryset = _filtered(scope.user, filters)
    if queue is Queue.ALL:
        return _all_page(queryset, page, at=at, calendars=calendars)
    queryset = queryset.filter(_queue_q(queue, scope))
    return _sorted_page(queryset, queue, page, at=at, calendars=calendars)


def _all_page(
    queryset: QuerySet[Dossier], number: int | str | None, *, at: dt.datetime, calendars: Calendars
) -> QueueResult:
    """Newest arrival first, paged in SQL: only the page's rows get a clock."""
    ordered = queryset.order_by(ARRIVAL.desc(), F("pk").desc())
    page = _page(ordered.count(), number)
    start = page.start_index() - 1
    dossiers = list(ordered[start : start + PER_PAGE]) if page.paginator.count else []
    rows = [queue_row(d, at=at, calendars=calendars) for d in dossiers]
    return QueueResult(Queue.ALL, rows, page, page.paginator.count, None, None)


# --- Tabs --------------------------------------------------------------------------------------


def queues_for(
    *, actor: User, at: dt.datetime | None = None, calendars: Calendars | None = None
) -> list[QueueTab]:
    """The actor's queues with their sizes (filters apart), in tab order. The optional queues
    (inter-agency hand-offs, withdrawal requests) only when something is in them."""
    at = at or timezone.now()
    scope = _scope(actor, on=to_local(at).date())
    return _tabs(scope, at=at)


def _tabs(scope: _Scope, *, at: dt.datetime) -> list[QueueTab]:
    """The tabs with their sizes (optional queues only when something is in them)."""
    actor = scope.user
    counts = _counts(actor, scope, [q for q in scope.queues if q is not Queue.ALL], at=at)
    tabs: list[QueueTab] = []
    for queue in scope.queues:
        if queue is Queue.ALL:
            tabs.append(QueueTab(queue, None))
        elif counts[queue] or queue not in _OPTIONAL:
            tabs.append(QueueTab(queue, counts[queue]))
    return tabs


def _counts(
    actor: User, scope: _Scope, queues: Sequence[Queue], *, at: dt.datetime
) -> dict[Queue, int]:
    """The size of each queue, in one query (the watch list: from the stored dues)."""
    if not queues:
        return {}
    conditions = {
        queue: _queue_q(queue, scope) & (_watch_q(at) if queue is Queue.WATCH else Q())
        for queue in queues
    }
    either = Q(pk__in=[])
    for condition in conditions.values():
        either |= condition
    values = (
        dossier_queryset_for(actor)
        .filter(either)
        .aggregate(**{q.value: Count("pk", filter=c) for q, c in conditions.items()})
    )
    return {queue: int(values[queue.value] or 0) for queue in queues}


def procedure_choices_for(*, actor: User, on: dt.date) -> list[tuple[str, str]]:
    """(code, name) of the procedures in force that the actor's agencies (and the agencies their
    desks serve) execute: suggestions for the procedure filter. Empty for province-wide roles,
    whose whole catalog is too long to suggest (they type the code)."""
    memberships = list(membership_list_active(user=actor, on=on)) if actor.is_authenticated else []
    if not memberships or any(m.role in (Role.PROVINCE_ADMIN, Role.INSPECTOR) for m in memberships):
        return []
    agencies = Q(executing_agencies__in={m.agency_id for m in memberships})
    desks = {m.desk_id for m in memberships if m.desk_id is not None}
    if desks:
        agencies |= Q(executing_agencies__served_by_desks__in=desks)
    rows = (
        version_list_public(on=on)
        .filter(agencies)
        .order_by("procedure__code")
        .values_list("procedure__code", "name")
        .distinct()
    )
    return list(rows[:PROCEDURE_CHOICES_CAP])


def default_queue(tabs: Iterable[QueueTab], *, actor: User, on: dt.date) -> Queue:
    """The queue the home page opens on: the first non-empty one in the order the actor's roles
    prefer (leader: approvals…, specialist: mine…, desk officer: reception…), else the first
    preferred one, else the list of everything."""
    return _default_queue(tabs, roles=_scope(actor, on=on).roles)


def _default_queue(tabs: Iterable[QueueTab], *, roles: frozenset[str]) -> Queue:
    available = {tab.queue: tab for tab in tabs}
    preferred = [
        queue
        for role, queues in _PREFERENCES
        if role in roles
        for queue in queues
        if queue in available
    ]
    for queue in preferred:
        if available[queue].count:
            return queue
    return preferred[0] if preferred else Queue.ALL


def queue_board(
    *,
    actor: User,
    queue: Queue | None,
    filters: QueueFilters = QueueFilters(),
    page: int | str | None = 1,
    at: dt.datetime | None = None,
) -> QueueBoard:
    """The home page: the actor's tabs and one page of `queue` (None, or a queue the actor does
    not have: the default one). One `Calendars` serves the whole page."""
    at = at or timezone.now()
    calendars = Calendars()
    scope = _scope(actor, on=to_local(at).date())
    tabs = _tabs(scope, at=at)
    if queue is None or queue not in {tab.queue for tab in tabs}:
        queue = _default_queue(tabs, roles=scope.roles)
    result = _queue_page(scope, queue, filters, page, at=at, calendars=calendars)
    return QueueBoard(tabs=tabs, result=result)
