"""Derived deadlines of a dossier: the overall clock, each step visit's clock, and the time each
agency used — all computed on read from what is stored (clock start, limit, visits with budgets,
pauses), so a day off added to the calendar later moves every running deadline (domain §3).

- The **legal** clock starts at `clock_started_at` (restarted when a supplement completes the
  dossier) and runs the case variant's limit (committed if set), pushed by non-supplement pauses.
- The **Decision 766** view counts from the first clock start, subtracts the supplement pauses,
  and calls a dossier with more than one supplement request late (domain §3, §9).
- A finished dossier is early (finished on a date before the due date), on time (by the due
  instant) or late; an open one is overdue after the due instant, due soon when the working time
  left is at most the threshold (`MOTCUA_DUE_SOON_HOURS`, capped at 25% of the limit), else in time.
  The same classes apply per step visit and per agency. The due is the original one: an apology
  changes the appointment, never the classification.
"""

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from motcua.accounts.models import Agency
from motcua.calendar.engine import (
    ZERO,
    CalendarError,
    Explanation,
    Pause,
    TimeUnit,
    WorkingCalendar,
    due_for_time_limit,
    explain_span,
    working_days_to_time,
)
from motcua.calendar.selectors import calendar_for_agency
from motcua.core.timezone import to_local
from motcua.dossiers.models import (
    Apology,
    ApologyStatus,
    Dossier,
    DossierPause,
    PauseKind,
    StepVisit,
)


class Timeliness(enum.StrEnum):
    """How a finished dossier (or step) ended against its due."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


class Standing(enum.StrEnum):
    """Where an open dossier (or step) stands against its due."""

    IN_TIME = "in_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {"in_time": "Trong hạn", "due_soon": "Sắp đến hạn", "overdue": "Quá hạn"}[self.value]


class Calendars:
    """Working calendars by agency, built once per computation (a calendar is a few queries)."""

    def __init__(self) -> None:
        self._by_agency: dict[int, WorkingCalendar] = {}

    def for_agency(self, agency: Agency) -> WorkingCalendar:
        if agency.pk not in self._by_agency:
            self._by_agency[agency.pk] = calendar_for_agency(agency)
        return self._by_agency[agency.pk]


@dataclass(frozen=True)
class ClockState:
    started_at: dt.datetime
    budget: dt.timedelta  # working time allowed
    due_at: dt.datetime  # while paused: as if the pause ended now
    used: dt.timedelta  # working time used until the end (or now)
    ended_at: dt.datetime | None
    paused: bool
    soon_at: dt.datetime | None  # when "due soon" begins (None while paused)
    timeliness: Timeliness | None  # finished clocks
    standing: Standing | None  # open clocks

    @property
    def remaining(self) -> dt.timedelta:
        return self.budget - self.used

    @property
    def is_late(self) -> bool:
        return self.timeliness is Timeliness.LATE or self.standing is Standing.OVERDUE

    @property
    def label(self) -> str:
        if self.timeliness is not None:
            return self.timeliness.label
        assert self.standing is not None
        return self.standing.label


@dataclass(frozen=True)
class StepClock:
    visit: StepVisit
    clock: ClockState


@dataclass(frozen=True)
class AgencyShare:
    """Time an agency held the dossier against the budgets of its steps."""

    agency: Agency
    budget: dt.timedelta
    used: dt.timedelta

    @property
    def over_budget(self) -> bool:
        return self.used > self.budget


@dataclass(frozen=True)
class DossierDeadline:
    legal: ClockState
    view_766: Timeliness | Standing
    elapsed_766: dt.timedelta  # working time from the first clock start, supplement waits excluded
    steps: tuple[StepClock, ...]
    agencies: tuple[AgencyShare, ...]
    apology_due_by: dt.datetime  # an apology approved later is "late"
    apology_open_at: dt.datetime  # the sweep opens an apology draft for the handler from then
    appointment_at: dt.datetime  # the new date after an approved apology, else the due
    supplement_paused: dt.timedelta = field(default=ZERO)

    @property
    def late_agencies(self) -> tuple[AgencyShare, ...]:
        return tuple(share for share in self.agencies if share.over_budget)


def due_soon_threshold(budget: dt.timedelta) -> dt.timedelta:
    return min(dt.timedelta(hours=settings.MOTCUA_DUE_SOON_HOURS), budget / 4)


def _engine_pauses(
    pauses: Iterable[DossierPause], *, after: dt.datetime, at: dt.datetime, close_open: bool
) -> tuple[tuple[Pause, ...], bool]:
    """Engine pauses from rows that end after `after`; an open one is closed at `at` when
    `close_open` (a projection), else left open. Returns (pauses, one is open)."""
    result: list[Pause] = []
    is_open = False
    for pause in pauses:
        if pause.ended_at is not None and pause.ended_at <= after:
            continue
        if pause.started_at > at:
            continue
        end = pause.ended_at
        if end is None:
            is_open = True
            if close_open:
                end = max(at, pause.started_at)
        result.append(Pause(pause.started_at, end, kind=pause.kind, reason=pause.reason))
    return tuple(result), is_open


def _judge_finished(calendar: WorkingCalendar, ended: dt.datetime, due: dt.datetime) -> Timeliness:
    if ended > due:
        return Timeliness.LATE
    if to_local(ended).date() < to_local(due).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def _clock(
    calendar: WorkingCalendar,
    *,
    start: dt.datetime,
    budget: dt.timedelta,
    due_for: "DueFunction",
    pauses: Sequence[DossierPause],
    ended_at: dt.datetime | None,
    at: dt.datetime,
) -> ClockState:
    end = ended_at or at
    closed, paused = _engine_pauses(pauses, after=start, at=end, close_open=True)
    running, _ = _engine_pauses(pauses, after=start, at=end, close_open=False)
    due = due_for(closed)
    used = calendar.working_time_between(start, end, pauses=running) if end > start else ZERO
    paused = paused and ended_at is None
    if ended_at is not None:
        return ClockState(start, budget, due, used, ended_at, False, None,
                          _judge_finished(calendar, ended_at, due), None)  # fmt: skip
    threshold = due_soon_threshold(budget)
    soon_at = (
        None if paused else calendar.add_working_time(start, budget - threshold, pauses=closed)
    )
    if at > due:
        standing = Standing.OVERDUE
    elif budget - used <= threshold:
        standing = Standing.DUE_SOON
    else:
        standing = Standing.IN_TIME
    return ClockState(start, budget, due, used, None, paused, soon_at, None, standing)


class DueFunction:
    """The due instant of a limit from a start, given the pauses (a small callable object so the
    unit rules stay in one place)."""

    def __init__(
        self, calendar: WorkingCalendar, start: dt.datetime, value: Decimal, unit: TimeUnit
    ) -> None:
        self.calendar, self.start, self.value, self.unit = calendar, start, value, unit

    def __call__(self, pauses: Sequence[Pause]) -> dt.datetime:
        return due_for_time_limit(self.calendar, self.start, self.value, self.unit, pauses=pauses)

    def budget(self) -> dt.timedelta:
        start = self.calendar.next_working_instant(self.start)
        if self.unit is TimeUnit.WORKING_HOURS:
            return dt.timedelta(seconds=int((self.value * 3600).to_integral_value()))
        if self.unit is TimeUnit.WORKING_DAYS and self.value > 0:
            return working_days_to_time(self.calendar, self.value, on=to_local(start).date())
        return self.calendar.working_time_between(start, self(()))


class _StepDue(DueFunction):
    def __init__(self, calendar: WorkingCalendar, start: dt.datetime, budget: dt.timedelta) -> None:
        super().__init__(calendar, start, Decimal(0), TimeUnit.WORKING_HOURS)
        self._budget = budget

    def __call__(self, pauses: Sequence[Pause]) -> dt.datetime:
        return self.calendar.add_working_time(self.start, self._budget, pauses=pauses)

    def budget(self) -> dt.timedelta:
        return self._budget


def legal_clock(
    dossier: Dossier,
    *,
    pauses: Sequence[DossierPause],
    at: dt.datetime,
    calendars: Calendars | None = None,
) -> ClockState:
    """The overall legal clock of a received dossier."""
    if dossier.clock_started_at is None:
        raise ValueError("The dossier has not been received: it has no clock.")
    calendars = calendars or Calendars()
    calendar = calendars.for_agency(dossier.receiving_agency)
    due_for = DueFunction(
        calendar, dossier.clock_started_at, dossier.limit_value, dossier.time_unit
    )
    # A completed supplement restarted the clock after its pause; one still open holds the clock.
    return _clock(
        calendar,
        start=dossier.clock_started_at,
        budget=due_for.budget(),
        due_for=due_for,
        pauses=pauses,
        ended_at=dossier.finished_at,
        at=at,
    )


def legal_explanation(
    dossier: Dossier,
    clock: ClockState,
    *,
    pauses: Sequence[DossierPause],
    at: dt.datetime,
    calendars: Calendars | None = None,
) -> Explanation:
    """Why the legal due falls where it does: the days not counted (weekends, holidays, extra days
    off, with their names) and the pauses, between the clock start and the due."""
    calendars = calendars or Calendars()
    calendar = calendars.for_agency(dossier.receiving_agency)
    engine_pauses, _ = _engine_pauses(
        pauses, after=clock.started_at, at=dossier.finished_at or at, close_open=False
    )
    return explain_span(
        calendar,
        start=clock.started_at,
        due=clock.due_at,
        budget=clock.budget,
        pauses=engine_pauses,
        now=at,
    )


def dossier_deadline(
    dossier: Dossier,
    *,
    at: dt.datetime | None = None,
    pauses: Sequence[DossierPause] | None = None,
    visits: Sequence[StepVisit] | None = None,
    calendars: Calendars | None = None,
) -> DossierDeadline:
    """Everything about a received dossier's time: the legal clock, the 766 view, per-step clocks
    and per-agency shares. Pass `pauses` and `visits` when already loaded (lists avoid queries)."""
    at = at or timezone.now()
    calendars = calendars or Calendars()
    if pauses is None:
        pauses = list(dossier.pauses.all())
    if visits is None:
        visits = list(dossier.visits.select_related("step", "agency", "handler"))
    legal = legal_clock(dossier, pauses=pauses, at=at, calendars=calendars)
    calendar = calendars.for_agency(dossier.receiving_agency)

    # Decision 766: from the first clock start, supplement waits subtracted, >1 supplement = late.
    first = dossier.first_clock_started_at or dossier.clock_started_at
    assert first is not None
    first_due = DueFunction(calendar, first, dossier.limit_value, dossier.time_unit)
    all_closed, _ = _engine_pauses(
        pauses, after=first, at=dossier.finished_at or at, close_open=True
    )
    end = dossier.finished_at or at
    elapsed = calendar.working_time_between(first, end, pauses=all_closed) if end > first else ZERO
    supplement_only = tuple(p for p in all_closed if p.kind == PauseKind.SUPPLEMENT)
    supplement_paused = (
        calendar.working_time_between(first, end)
        - calendar.working_time_between(first, end, pauses=supplement_only)
        if end > first
        else ZERO
    )
    budget_766 = first_due.budget()
    view_766: Timeliness | Standing
    if dossier.finished_at is not None:
        if dossier.supplement_count > 1 or elapsed > budget_766:
            view_766 = Timeliness.LATE
        else:
            due_766 = calendar.add_working_time(first, budget_766, pauses=all_closed)
            view_766 = _judge_finished(calendar, dossier.finished_at, due_766)
    elif dossier.supplement_count > 1 or elapsed > budget_766:
        view_766 = Standing.OVERDUE
    elif budget_766 - elapsed <= due_soon_threshold(budget_766):
        view_766 = Standing.DUE_SOON
    else:
        view_766 = Standing.IN_TIME

    steps: list[StepClock] = []
    shares: dict[int, list[dt.timedelta]] = {}
    agencies: dict[int, Agency] = {}
    for visit in visits:
        step_calendar = calendars.for_agency(visit.agency)
        budget = dt.timedelta(seconds=int(visit.budget_hours * 3600))
        state = _clock(
            step_calendar,
            start=visit.started_at,
            budget=budget,
            due_for=_StepDue(step_calendar, visit.started_at, budget),
            pauses=pauses,
            ended_at=visit.ended_at,
            at=at,
        )
        if visit.used_hours is not None:
            state = _with_used(state, dt.timedelta(seconds=int(visit.used_hours * 3600)))
        steps.append(StepClock(visit, state))
        agencies[visit.agency_id] = visit.agency
        share = shares.setdefault(visit.agency_id, [ZERO, ZERO])
        share[0] += budget
        share[1] += state.used

    lead = dt.timedelta(hours=settings.MOTCUA_APOLOGY_LEAD_HOURS)
    try:
        apology_due_by = calendar.instant_before(legal.due_at, lead)
    except CalendarError:
        apology_due_by = legal.started_at
    try:
        # Half a working day before the apology is due, so the handler has time to write it.
        apology_open_at = max(
            legal.started_at,
            calendar.instant_before(legal.due_at, lead + dt.timedelta(hours=4)),
        )
    except CalendarError:
        apology_open_at = legal.started_at
    return DossierDeadline(
        legal=legal,
        view_766=view_766,
        elapsed_766=elapsed,
        steps=tuple(steps),
        agencies=tuple(
            AgencyShare(agencies[pk], budget, used) for pk, (budget, used) in shares.items()
        ),
        apology_due_by=apology_due_by,
        apology_open_at=apology_open_at,
        appointment_at=dossier.rescheduled_due_at or legal.due_at,
        supplement_paused=supplement_paused,
    )


def _with_used(state: ClockState, used: dt.timedelta) -> ClockState:
    return ClockState(
        state.started_at, state.budget, state.due_at, used, state.ended_at, state.paused,
        state.soon_at, state.timeliness, state.standing,
    )  # fmt: skip


def lacks_apology(deadline: DossierDeadline, apologies: Iterable[Apology]) -> bool:
    """A finding (domain §2, §11): the dossier is late (finished late or overdue) and no apology
    was approved before its due instant. An apology approved less than a working day before the
    due is not this finding but is flagged on the apology itself (`Apology.late`)."""
    if not deadline.legal.is_late:
        return False
    due = deadline.legal.due_at
    return not any(
        apology.status == ApologyStatus.APPROVED
        and apology.decided_at is not None
        and apology.decided_at <= due
        for apology in apologies
    )
