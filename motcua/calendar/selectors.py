"""Build the working calendar of an agency from the editable tables (and settings defaults)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from motcua.accounts.models import Agency, AgencyLevel
from motcua.accounts.selectors import agency_ancestors, agency_subtree_ids
from motcua.calendar.engine import (
    DayInfo,
    DayOverride,
    DayReason,
    Explanation,
    OfficeSchedule,
    TimeUnit,
    WorkingCalendar,
    clock_start,
    due_for_time_limit,
    explain_span,
    parse_blocks,
    parse_weekdays,
    working_days_to_time,
)
from motcua.calendar.models import CalendarOverride, OfficeHours, OverrideKind, OverrideScope
from motcua.core.timezone import to_local

# Narrower scopes win over wider ones when overrides disagree on a day.
_SCOPE_PRIORITY = {OverrideScope.NATIONAL: 0, OverrideScope.PROVINCE: 1, OverrideScope.AGENCY: 2}


def default_schedule() -> OfficeSchedule:
    return OfficeSchedule(dt.date.min, parse_blocks(settings.MOTCUA_DEFAULT_OFFICE_HOURS))


def calendar_for_agency(agency: Agency | None) -> WorkingCalendar:
    """The calendar that applies to `agency`: national days, its province's overrides, and its own
    (or an ancestor's) overrides and office hours. None = the national calendar with defaults."""
    chain = [agency, *agency_ancestors(agency=agency)] if agency is not None else []
    return WorkingCalendar(
        schedules=_schedules_for(chain),
        overrides=_overrides_for(chain),
    )


def _schedules_for(chain: list[Agency]) -> list[OfficeSchedule]:
    schedules = [default_schedule()]
    if not chain:
        return schedules
    rows = list(OfficeHours.objects.filter(agency__in=chain).order_by("valid_from"))
    # The nearest agency in the chain with its own office hours decides.
    for candidate in chain:
        own = [row for row in rows if row.agency_id == candidate.pk]
        if own:
            schedules += [
                OfficeSchedule(
                    row.valid_from, parse_blocks(row.blocks), parse_weekdays(row.weekdays)
                )
                for row in own
            ]
            break
    return schedules


def _overrides_for(chain: list[Agency]) -> dict[dt.date, DayOverride]:
    province_ids = [a.pk for a in chain if a.level == AgencyLevel.PROVINCE]
    scope_filter = Q(scope=OverrideScope.NATIONAL)
    if province_ids:
        scope_filter |= Q(scope=OverrideScope.PROVINCE, agency_id__in=province_ids)
    if chain:
        scope_filter |= Q(scope=OverrideScope.AGENCY, agency__in=chain)
    rows = sorted(
        CalendarOverride.objects.filter(scope_filter, revoked_at__isnull=True),
        key=lambda row: (_SCOPE_PRIORITY[OverrideScope(row.scope)], row.created_at, row.pk),
    )
    days: dict[dt.date, DayOverride] = {}
    for row in rows:  # later (narrower, newer) rows overwrite earlier ones
        entry = DayOverride(
            "day_off" if row.kind == OverrideKind.DAY_OFF else "working_day",
            row.name,
            row.legal_reference,
        )
        day = row.start_date
        while day <= row.end_date:
            days[day] = entry
            day += dt.timedelta(days=1)
    return days


def calendar_override_list_for_province(
    *, province: Agency | None, include_revoked: bool = True
) -> list[CalendarOverride]:
    """National overrides and those of the province and the agencies in it, newest first."""
    scope = Q(scope=OverrideScope.NATIONAL)
    if province is not None:
        scope |= Q(agency_id__in=agency_subtree_ids(agency=province))
    qs = CalendarOverride.objects.filter(scope).select_related("agency", "created_by", "revoked_by")
    if not include_revoked:
        qs = qs.filter(revoked_at__isnull=True)
    return list(qs.order_by("-start_date", "-pk"))


def office_hours_list_for_province(*, province: Agency | None) -> list[OfficeHours]:
    qs = OfficeHours.objects.select_related("agency", "created_by")
    if province is not None:
        qs = qs.filter(agency_id__in=agency_subtree_ids(agency=province))
    return list(qs.order_by("agency__code", "valid_from"))


def calendar_special_days(*, agency: Agency | None, year: int) -> list[DayInfo]:
    """The year's days off other than weekends, and its make-up working days, in date order."""
    calendar = calendar_for_agency(agency)
    days = calendar.days_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return [day for day in days if day.reason not in (DayReason.WORKING_DAY, DayReason.WEEKEND)]


@dataclass(frozen=True)
class DeadlineAnswer:
    received: dt.datetime
    clock_start: dt.datetime
    due: dt.datetime
    value: Decimal
    unit: TimeUnit
    agency: Agency | None
    explanation: Explanation

    def as_dict(self) -> dict[str, object]:
        explained = self.explanation.as_dict()
        return {
            "due": to_local(self.due).isoformat(),
            "received": to_local(self.received).isoformat(),
            "clock_start": to_local(self.clock_start).isoformat(),
            "time_limit": {"value": str(self.value), "unit": self.unit.value},
            "budget_hours": explained["budget_hours"],
            "agency": self.agency.code if self.agency else None,
            "skipped": explained["skipped"],
            "make_up_days": explained["make_up_days"],
        }


def deadline_compute(
    *,
    received: dt.datetime,
    value: Decimal,
    unit: TimeUnit,
    agency: Agency | None = None,
    paper: bool = False,
) -> DeadlineAnswer:
    """The due instant of a time limit for something received at `received`, with its
    explanation (used by the `deadline` command and the API alike).

    `paper`: apply the paper cut-off (MOTCUA_PAPER_CUTOFF): received after it, the clock starts
    at the next working day's opening. Raises CalendarError on impossible input.
    """
    calendar = calendar_for_agency(agency)
    cutoff = paper_cutoff() if paper else None
    start = clock_start(calendar, received, cutoff=cutoff)
    due = due_for_time_limit(calendar, start, value, unit)
    if unit is TimeUnit.WORKING_DAYS:
        budget = working_days_to_time(calendar, value, on=to_local(start).date())
    else:
        budget = calendar.working_time_between(start, due)
    explanation = explain_span(calendar, start=start, due=due, budget=budget)
    return DeadlineAnswer(received, start, due, value, unit, agency, explanation)


def paper_cutoff() -> dt.time:
    hours, minutes = settings.MOTCUA_PAPER_CUTOFF.split(":")
    return dt.time(int(hours), int(minutes))
