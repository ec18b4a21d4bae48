"""Officer monthly evaluation (đánh giá cán bộ hằng tháng): per officer, the step visits they
handled that ended in the period at agencies in the filter.

- **Who handled a visit**: the visit's handler (`StepVisit.handler`: assigned, or the desk officer
  who received); for a visit nobody was assigned to, the officer whose action ended it (the actor
  of the event that closed it: same dossier, step and instant). Visits closed by imported events
  (no account) are nobody's.
- **Step visits handled**: those visits; **dossiers handled**: the distinct dossiers among them.
- **On time / late**: a visit is on time when the working time it used is within its budget
  (`used_hours ≤ budget_hours`), late otherwise. The return step is not judged (after the result
  is ready the time runs until the applicant collects it, outside the legal clock): its visits
  count as handled but not in on time, late or the average. **On-time %** = on time ÷ judged.
- **Sent back**: visits the officer ended by sending the dossier back to an earlier step.
- **Supplements requested**: requests for supplements after appraisal
  (`request_supplement` events) the officer made in the period at an agency in the filter.
- **Average working hours per step**: the mean `used_hours` of the judged visits.

Reads two grouped queries (visits, supplement requests) and one of users, whatever the size.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from motcua.accounts.models import Agency, User
from motcua.catalog.models import StepKind
from motcua.dossiers.models import DossierEvent, StepVisit
from motcua.reports.periods import Period
from motcua.reports.scope import ReportFilter

type OfficerFigure = Literal["visits", "late", "sent_back", "supplements"]
OFFICER_FIGURES: tuple[OfficerFigure, ...] = ("visits", "late", "sent_back", "supplements")

JUDGED = ~Q(step__kind=StepKind.RETURN)
ON_TIME = JUDGED & Q(used_hours__lte=F("budget_hours"))
LATE = JUDGED & Q(used_hours__gt=F("budget_hours"))
SENT_BACK = Q(ended_by_action="send_back")
# The annotation naming who handled a visit (a name the type checker does not know as a field).
OFFICER: str = "officer"


@dataclass
class OfficerRow:
    officer: User
    agencies: list[Agency] = field(default_factory=list)  # where the visits were
    visits: int = 0
    judged: int = 0
    on_time: int = 0
    late: int = 0
    sent_back: int = 0
    supplements: int = 0
    dossiers: int = 0
    used_hours: Decimal = Decimal(0)  # judged visits
    average_hours: Decimal | None = None

    @property
    def on_time_rate(self) -> Decimal | None:
        if self.judged == 0:
            return None
        return (Decimal(self.on_time) * 100 / self.judged).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _dimension_q(report: ReportFilter, prefix: str) -> Q:
    """The filter's field, procedure and channel, read on the dossier's fact."""
    query = Q()
    if report.field is not None:
        query &= Q(**{f"{prefix}field_id": report.field.pk})
    if report.procedure is not None:
        query &= Q(**{f"{prefix}procedure_id": report.procedure.pk})
    if report.channel is not None:
        query &= Q(**{f"{prefix}channel": report.channel.value})
    return query


def _closer() -> Subquery:
    """The account whose event ended the visit (same dossier, from its step, at its end)."""
    return Subquery(
        DossierEvent.objects.filter(
            dossier_id=OuterRef("dossier_id"),
            from_step_id=OuterRef("step_id"),
            occurred_at=OuterRef("ended_at"),
            actor__isnull=False,
        )
        .order_by("sequence")
        .values("actor_id")[:1],
        output_field=IntegerField(),
    )


def officer_visits(
    *, report: ReportFilter, period: Period, officer_id: int | None = None
) -> QuerySet[StepVisit]:
    """The visits ended in the period at agencies in the filter, annotated with `officer`."""
    visits = StepVisit.objects.filter(ended_at__gte=period.start, ended_at__lt=period.end).filter(
        _dimension_q(report, "dossier__fact__")
    )
    if report.agency_ids is not None:
        visits = visits.filter(agency_id__in=report.agency_ids)
    visits = visits.annotate(officer=Coalesce("handler_id", _closer(), output_field=IntegerField()))
    if officer_id is not None:
        return visits.filter(**{OFFICER: officer_id})
    return visits.filter(**{f"{OFFICER}__isnull": False})


def officer_supplements(
    *, report: ReportFilter, period: Period, officer_id: int | None = None
) -> QuerySet[DossierEvent]:
    events = DossierEvent.objects.filter(
        action="request_supplement",
        occurred_at__gte=period.start,
        occurred_at__lt=period.end,
        actor__isnull=False,
    ).filter(_dimension_q(report, "dossier__fact__"))
    if report.agency_ids is not None:
        events = events.filter(agency_id__in=report.agency_ids)
    if officer_id is not None:
        events = events.filter(actor_id=officer_id)
    return events


def officer_evaluation(
    *, report: ReportFilter, period: Period, user: User | None = None
) -> list[OfficerRow]:
    """One row per officer with visits ended or supplements requested in the period (only
    `user`'s when given), by name."""
    officer_id = user.pk if user is not None else None
    visits = officer_visits(report=report, period=period, officer_id=officer_id)
    grouped = (
        visits.values(OFFICER)
        .annotate(
            visits=Count("pk"),
            judged=Count("pk", filter=JUDGED),
            on_time=Count("pk", filter=ON_TIME),
            late=Count("pk", filter=LATE),
            sent_back=Count("pk", filter=SENT_BACK),
            dossiers=Count("dossier_id", distinct=True),
            used=Sum("used_hours", filter=JUDGED),
            average=Avg("used_hours", filter=JUDGED),
        )
        .order_by()
    )
    places = visits.values_list(OFFICER, "agency_id").distinct().order_by()
    supplements = dict(
        officer_supplements(report=report, period=period, officer_id=officer_id)
        .values("actor_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("actor_id", "n")
    )
    items = {int(item[OFFICER]): item for item in grouped}
    agency_ids: dict[int, set[int]] = {}
    for officer, agency_id in places:
        agency_ids.setdefault(int(officer), set()).add(agency_id)
    ids = set(items) | set(supplements)
    users = {u.pk: u for u in User.objects.filter(pk__in=ids)}
    wanted = {pk for found in agency_ids.values() for pk in found}
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=wanted)}
    rows: list[OfficerRow] = []
    for pk in ids:
        item = items.get(pk, {})
        average = item.get("average")
        row = OfficerRow(
            officer=users[pk],
            agencies=sorted(
                (agencies[a] for a in agency_ids.get(pk, ())), key=lambda agency: agency.code
            ),
            visits=int(item.get("visits", 0)),
            judged=int(item.get("judged", 0)),
            on_time=int(item.get("on_time", 0)),
            late=int(item.get("late", 0)),
            sent_back=int(item.get("sent_back", 0)),
            dossiers=int(item.get("dossiers", 0)),
            used_hours=Decimal(item.get("used") or 0).quantize(Decimal("0.01")),
            average_hours=(
                None
                if average is None
                else Decimal(str(average)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            ),
            supplements=int(supplements.get(pk, 0)),
        )
        rows.append(row)
    return sorted(rows, key=lambda r: (r.officer.full_name, r.officer.username))


def officer_own_evaluation(*, actor: User, period: Period) -> OfficerRow:
    """The actor's own row over every agency (an officer always sees it; zeros when idle)."""
    rows = officer_evaluation(report=ReportFilter(None), period=period, user=actor)
    return rows[0] if rows else OfficerRow(officer=actor)


def officer_dossier_ids(
    *,
    report: ReportFilter,
    period: Period,
    officer: User,
    figure: OfficerFigure,
) -> QuerySet[DossierEvent] | QuerySet[StepVisit]:
    """The rows behind one of an officer's figures (each has `dossier_id`)."""
    if figure == "supplements":
        return officer_supplements(report=report, period=period, officer_id=officer.pk)
    visits = officer_visits(report=report, period=period, officer_id=officer.pk)
    if figure == "late":
        return visits.filter(LATE)
    if figure == "sent_back":
        return visits.filter(SENT_BACK)
    return visits
