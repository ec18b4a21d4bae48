"""Inter-agency attribution (báo cáo xác định trách nhiệm trong giải quyết hồ sơ liên thông): for
the late inter-agency dossiers of a period, which agency used more working time than the process
gave it — the report a lead agency (cơ quan chủ trì) sends each quarter.

Two parts, counted separately:

- **finished late**: inter-agency dossiers finished in the period (result, refusal or stop) later
  than their due (timeliness figures `resolved_late` + `stopped_late`);
- **open overdue**: inter-agency dossiers still open at the period end and past their due then
  (figure `in_process_overdue`).

An agency's time on a dossier is summed over its step visits (domain §3: "time is attributed to
each agency"): budget = the visits' budgets (`StepVisit.budget_hours`), used = the working hours
each visit used on its agency's calendar, pauses excluded (`StepVisit.used_hours`, stored when the
visit ended). For a finished dossier only the visits begun before it finished count (the return
step after the result is the applicant's collection, outside the legal clock). For an open dossier
the visits begun before the period end count, and a visit still open then (or closed after it) is
measured up to the period end as `motcua.workflow.core.close_visit` measures it (the agency's
calendar, the dossier's pauses). The agency is over budget on a dossier when used > budget, by
used − budget hours — the same rule as `motcua.dossiers.deadlines.AgencyShare`.

The dossiers are those whose competent agency (`DossierFact.agency`) is in the filter: the lead
agency's report. Queries: the facts, the visits, the pauses (only for open dossiers) and one
calendar per agency measured — never per dossier.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.db.models import F, Q

from motcua.accounts.models import Agency
from motcua.calendar.engine import Pause
from motcua.dossiers.deadlines import Calendars
from motcua.dossiers.models import DossierPause, StepVisit, hours
from motcua.reports.models import DossierFact
from motcua.reports.periods import Period
from motcua.reports.scope import ReportFilter
from motcua.reports.timeliness import FIGURE_BY_CODE, fact_query

ZERO = Decimal("0.00")

type Part = Literal["finished", "open"]
PARTS: tuple[Part, ...] = ("finished", "open")


@dataclass(frozen=True)
class AgencyTime:
    """One agency's time on one dossier."""

    agency: Agency
    budget_hours: Decimal
    used_hours: Decimal

    @property
    def over_budget(self) -> bool:
        return self.used_hours > self.budget_hours

    @property
    def over_hours(self) -> Decimal:
        return max(ZERO, self.used_hours - self.budget_hours)


@dataclass(frozen=True)
class LateDossier:
    dossier_id: int
    code: str
    lead: Agency  # the competent agency
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    finished_at: dt.datetime | None  # None: open at the period end
    agencies: tuple[AgencyTime, ...]  # in order of first visit

    def time_of(self, agency_id: int) -> AgencyTime | None:
        for share in self.agencies:
            if share.agency.pk == agency_id:
                return share
        return None

    @property
    def attributed(self) -> bool:
        """Some agency used more than its budget."""
        return any(share.over_budget for share in self.agencies)


@dataclass
class AgencyAttribution:
    """One coordinating agency over the late inter-agency dossiers it took part in."""

    agency: Agency
    dossiers: int = 0  # late inter-agency dossiers it had a step in
    over: int = 0  # of which it used more than its budget
    over_hours: Decimal = ZERO  # total working hours over budget
    budget_hours: Decimal = ZERO
    used_hours: Decimal = ZERO
    is_lead: bool = False  # the competent agency of at least one of them
    dossier_ids: list[int] = field(default_factory=list)
    over_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class AttributionPart:
    part: Part
    dossiers: tuple[LateDossier, ...]  # oldest reception first
    agencies: tuple[AgencyAttribution, ...]  # most hours over budget first

    @property
    def count(self) -> int:
        return len(self.dossiers)

    @property
    def unattributed(self) -> int:
        """Late dossiers in which no agency exceeded its budget."""
        return sum(1 for dossier in self.dossiers if not dossier.attributed)

    def agency(self, agency_id: int) -> AgencyAttribution | None:
        for row in self.agencies:
            if row.agency.pk == agency_id:
                return row
        return None


@dataclass(frozen=True)
class Attribution:
    period: Period
    finished: AttributionPart
    open: AttributionPart

    def part(self, part: Part) -> AttributionPart:
        return self.finished if part == "finished" else self.open


def _condition(part: Part, period: Period) -> Q:
    s, e = period.start, period.until
    if part == "open":
        return FIGURE_BY_CODE["in_process_overdue"].condition(s, e)
    return FIGURE_BY_CODE["resolved_late"].condition(s, e) | FIGURE_BY_CODE[
        "stopped_late"
    ].condition(s, e)


def _facts(report: ReportFilter, period: Period, part: Part) -> list[DossierFact]:
    return list(
        fact_query(report, period)
        .filter(_condition(part, period), inter_agency=True)
        .select_related("agency")
        .annotate(code=F("dossier__code"), reference=F("dossier__reference"))
        .order_by("received_at", "dossier_id")
    )


def _engine_pauses(pauses: Iterable[DossierPause], *, until: dt.datetime) -> tuple[Pause, ...]:
    """The dossier's pauses as they stood at `until` (one not ended by then is open)."""
    return tuple(
        Pause(
            p.started_at,
            p.ended_at if p.ended_at is not None and p.ended_at <= until else None,
            kind=p.kind,
            reason=p.reason,
        )
        for p in pauses
        if p.started_at < until
    )


def _measured(visit: StepVisit, until: dt.datetime) -> bool:
    """Whether the visit counts and must be measured on the calendar (not stored by `until`)."""
    if visit.started_at >= until:
        return False
    return visit.used_hours is None or visit.ended_at is None or visit.ended_at > until


def _used(
    visit: StepVisit,
    *,
    until: dt.datetime,
    pauses: Sequence[DossierPause],
    calendars: Calendars,
) -> Decimal:
    """The working hours the visit used by `until` (stored when it had ended by then)."""
    if not _measured(visit, until):
        return visit.used_hours or ZERO
    end = min(visit.ended_at or until, until)
    if end <= visit.started_at:
        return ZERO
    calendar = calendars.for_agency(visit.agency)
    return hours(
        calendar.working_time_between(
            visit.started_at, end, pauses=_engine_pauses(pauses, until=end)
        )
    )


def _late_dossiers(facts: Sequence[DossierFact], *, period: Period) -> list[LateDossier]:
    ids = [fact.dossier_id for fact in facts]
    visits: dict[int, list[StepVisit]] = defaultdict(list)
    for visit in (
        StepVisit.objects.filter(dossier_id__in=ids)
        .select_related("agency")
        .order_by("dossier_id", "started_at", "pk")
    ):
        visits[visit.dossier_id].append(visit)
    # Pauses matter only where a visit is measured now (open dossiers, visits ending later).
    needs_pauses = [
        fact.dossier_id
        for fact in facts
        if any(_measured(v, _until(fact, period)) for v in visits[fact.dossier_id])
    ]
    pauses: dict[int, list[DossierPause]] = defaultdict(list)
    if needs_pauses:
        for pause in DossierPause.objects.filter(dossier_id__in=needs_pauses).order_by(
            "started_at", "pk"
        ):
            pauses[pause.dossier_id].append(pause)
    calendars = Calendars()
    result: list[LateDossier] = []
    for fact in facts:
        until = _until(fact, period)
        shares: dict[int, list[Decimal]] = {}
        agencies: dict[int, Agency] = {}
        for visit in visits[fact.dossier_id]:
            if visit.started_at >= until:
                continue  # begun after the dossier finished (the return step) or after the end
            used = _used(visit, until=until, pauses=pauses[fact.dossier_id], calendars=calendars)
            agencies[visit.agency_id] = visit.agency
            share = shares.setdefault(visit.agency_id, [ZERO, ZERO])
            share[0] += visit.budget_hours
            share[1] += used
        result.append(
            LateDossier(
                dossier_id=fact.dossier_id,
                code=str(getattr(fact, "code", None) or getattr(fact, "reference", "")),
                lead=fact.agency,
                received_at=fact.received_at,
                due_at=fact.due_at,
                finished_at=fact.finished_at if until != period.until else None,
                agencies=tuple(
                    AgencyTime(agencies[pk], budget, used) for pk, (budget, used) in shares.items()
                ),
            )
        )
    return result


def _until(fact: DossierFact, period: Period) -> dt.datetime:
    """Where the dossier's time is measured to: its finish if it finished in the period, else the
    period end."""
    if fact.finished_at is not None and fact.finished_at < period.until:
        return fact.finished_at
    return period.until


def _by_agency(dossiers: Sequence[LateDossier]) -> tuple[AgencyAttribution, ...]:
    rows: dict[int, AgencyAttribution] = {}
    for dossier in dossiers:
        for share in dossier.agencies:
            row = rows.setdefault(share.agency.pk, AgencyAttribution(share.agency))
            row.dossiers += 1
            row.dossier_ids.append(dossier.dossier_id)
            row.budget_hours += share.budget_hours
            row.used_hours += share.used_hours
            row.is_lead = row.is_lead or share.agency.pk == dossier.lead.pk
            if share.over_budget:
                row.over += 1
                row.over_hours += share.over_hours
                row.over_ids.append(dossier.dossier_id)
    return tuple(sorted(rows.values(), key=lambda r: (-r.over_hours, -r.over, r.agency.code)))


def attribution_part(*, report: ReportFilter, period: Period, part: Part) -> AttributionPart:
    dossiers = _late_dossiers(_facts(report, period, part), period=period)
    return AttributionPart(part, tuple(dossiers), _by_agency(dossiers))


def attribution_report(*, report: ReportFilter, period: Period) -> Attribution:
    """The inter-agency attribution of the dossiers whose competent agency is in the filter."""
    return Attribution(
        period=period,
        finished=attribution_part(report=report, period=period, part="finished"),
        open=attribution_part(report=report, period=period, part="open"),
    )
