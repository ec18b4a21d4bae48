"""The back-office dashboard's figures and the drill-down behind every number on it.

Everything here is counted with the figure conditions of `motcua.reports.timeliness`, so a number
on the dashboard, the same number in the statistics table and the length of its drill-down list
are always equal:

- the period's totals and the rows by agency are `timeliness_table` itself;
- the monthly series runs the period query of `timeliness_table` (`fact_query` and the figures'
  conditions) once per month, the months joined with UNION ALL into one round trip;
- the channel split is the period total's "received" by channel (no query);
- `drilldown_facts` narrows `figure_facts` to one row of a table, or lists the union of the
  figures a derived number adds up (`to_process`, `late`).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, IntegerField, Q, QuerySet, Value
from django.utils.translation import gettext_noop

from motcua.accounts.models import Agency
from motcua.accounts.selectors import agency_subtree_ids
from motcua.catalog.models import Field, Procedure
from motcua.core.errors import NotFound
from motcua.dossiers.models import Channel
from motcua.reports.models import DossierFact
from motcua.reports.periods import Period, month
from motcua.reports.scope import ReportFilter, ReportScope, report_filter
from motcua.reports.timeliness import (
    FIGURE_BY_CODE,
    TimelinessRow,
    fact_query,
    figure_facts,
    timeliness_table,
)

# The figures a month of the series needs: received, resolved, resolved late, and what the
# on-time rate is derived from (TimelinessRow.late_rate: to process and late).
MONTH_FIGURES = (
    "carried_over",
    "received",
    "resolved",
    "resolved_late",
    "stopped_late",
    "in_process_overdue",
)

# Numbers shown on the pages that add up several disjoint figures (TimelinessRow.to_process and
# TimelinessRow.late): their drill-down lists the union of those figures' dossiers.
DERIVED_FIGURES: Mapping[str, tuple[str, ...]] = {
    "to_process": ("carried_over", "received"),
    "late": ("in_process_overdue", "resolved_late", "stopped_late"),
}
DERIVED_LABELS: Mapping[str, str] = {
    "to_process": gettext_noop("Tổng số hồ sơ phải giải quyết"),
    "late": gettext_noop(
        "Hồ sơ trễ hạn (đang giải quyết quá hạn và đã giải quyết, dừng xử lý quá hạn)"
    ),
}

# The channels of "received" (Trực tiếp counts the self-service kiosk too, as on the report).
CHANNEL_FIGURES = ("received_counter", "received_online", "received_postal")


@dataclass(frozen=True)
class MonthPoint:
    """One month of the series; `row` holds the counts of MONTH_FIGURES."""

    period: Period
    row: TimelinessRow

    @property
    def received(self) -> int:
        return self.row["received"]

    @property
    def resolved(self) -> int:
        return self.row["resolved"]

    @property
    def resolved_late(self) -> int:
        return self.row["resolved_late"]

    @property
    def on_time_rate(self) -> Decimal | None:
        return self.row.on_time_rate


@dataclass(frozen=True)
class ChannelShare:
    figure: str  # the figure code (received_counter, received_online, received_postal)
    label: str
    count: int
    share: Decimal | None  # percent of received; None when nothing was received


@dataclass
class Dashboard:
    period: Period
    total: TimelinessRow
    rows: list[TimelinessRow]  # by agency, as timeliness_table(group_by="agency")
    months: list[MonthPoint]  # oldest first, the last one the period's (last) month
    channels: list[ChannelShare]


def months_ending(day: dt.date, count: int) -> list[Period]:
    """The `count` months ending with the month of `day`, oldest first."""
    y, m = day.year, day.month
    periods: list[Period] = []
    for _ in range(count):
        periods.append(month(y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return periods[::-1]


def month_series(*, report: ReportFilter, last: dt.date, months: int = 12) -> list[MonthPoint]:
    """For each of the `months` months ending with the month of `last`: the month's counts of
    MONTH_FIGURES, each exactly as `timeliness_table` counts it for that month (the same base
    query and conditions), in one round trip."""
    if months < 1:
        raise ValueError(months)
    periods = months_ending(last, months)
    parts = [
        fact_query(report, period)
        .annotate(position=Value(n, output_field=IntegerField()))
        .values("position")
        .annotate(
            **{
                code: Count("pk", filter=FIGURE_BY_CODE[code].condition(period.start, period.until))
                for code in MONTH_FIGURES
            }
        )
        .order_by()
        for n, period in enumerate(periods)
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    results: list[Mapping[str, object]] = list(query)
    found = {_int(item["position"]): item for item in results}
    points: list[MonthPoint] = []
    for n, period in enumerate(periods):
        item = found.get(n, {})
        counts = {code: _int(item.get(code)) for code in MONTH_FIGURES}
        points.append(MonthPoint(period, TimelinessRow(period.token, period.label, counts)))
    return points


def _int(value: object) -> int:
    """A count read from the database (an int on every backend; absent: 0)."""
    return value if isinstance(value, int) else 0


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def channel_split(total: TimelinessRow) -> list[ChannelShare]:
    """Received by channel, with each channel's share of everything received."""
    return [
        ChannelShare(code, FIGURE_BY_CODE[code].label, total[code], _percent(total[code], total["received"]))
        for code in CHANNEL_FIGURES
    ]  # fmt: skip


def dashboard_data(*, report: ReportFilter, period: Period, months: int = 12) -> Dashboard:
    """The dashboard of a period: totals and rows by agency (timeliness_table), the monthly series
    of the `months` months ending with the period's last month, and the channel split."""
    table = timeliness_table(report=report, period=period, group_by="agency")
    return Dashboard(
        period=period,
        total=table.total,
        rows=table.rows,
        months=month_series(report=report, last=period.last, months=months),
        channels=channel_split(table.total),
    )


def figure_label(figure: str) -> str:
    """The Vietnamese name of a figure or derived number; KeyError for an unknown code."""
    if figure in DERIVED_LABELS:
        return DERIVED_LABELS[figure]
    return FIGURE_BY_CODE[figure].label


def is_figure(figure: str) -> bool:
    return figure in FIGURE_BY_CODE or figure in DERIVED_FIGURES


def row_agency_ids(*, report: ReportFilter, agency: Agency, own: bool = False) -> frozenset[int]:
    """The agencies one agency row of `timeliness_table` counts: the row's agency and its
    sub-units within the filter; only the agency itself for a sub-unit's own row (`own`) and for
    the filter's agency, whose row holds only its own dossiers. NotFound outside the filter."""
    if report.agency_ids is not None and agency.pk not in report.agency_ids:
        raise NotFound("Không tìm thấy cơ quan.", code="agency_not_found", field="row_agency")
    if own or (report.agency is not None and agency.pk == report.agency.pk):
        return frozenset({agency.pk})
    ids = frozenset(agency_subtree_ids(agency=agency))
    return ids if report.agency_ids is None else ids & report.agency_ids


def drilldown_facts(
    *,
    report: ReportFilter,
    period: Period,
    figure: str,
    agency_ids: Iterable[int] | None = None,
    field: Field | None = None,
    procedure: Procedure | None = None,
    channel: Channel | None = None,
) -> QuerySet[DossierFact]:
    """The facts behind a figure or a derived number (DERIVED_FIGURES), for the whole filter or
    narrowed to one row's key; KeyError for an unknown figure."""
    ids = None if agency_ids is None else list(agency_ids)
    field_id = None if field is None else field.pk
    procedure_id = None if procedure is None else procedure.pk
    channel_value = None if channel is None else channel.value
    if figure not in DERIVED_FIGURES:
        return figure_facts(
            report=report,
            period=period,
            figure=figure,
            agency_ids=ids,
            field_id=field_id,
            procedure_id=procedure_id,
            channel=channel_value,
        )
    condition = Q()
    for code in DERIVED_FIGURES[figure]:
        condition |= FIGURE_BY_CODE[code].condition(period.start, period.until)
    query = fact_query(report, period).filter(condition)
    if ids is not None:
        query = query.filter(agency_id__in=ids)
    if field_id is not None:
        query = query.filter(field_id=field_id)
    if procedure_id is not None:
        query = query.filter(procedure_id=procedure_id)
    if channel_value is not None:
        query = query.filter(channel=channel_value)
    return query


@dataclass(frozen=True)
class PublicRate:
    """One agency on the public transparency page: counts of resolved dossiers only."""

    code: str
    name: str
    resolved: int
    in_time: int  # resolved early or on time
    late: int
    rate: Decimal | None  # in_time ÷ resolved; None below the minimum sample
    enough: bool  # at least the minimum sample of resolved dossiers


@dataclass(frozen=True)
class PublicRates:
    period: Period
    rows: list[PublicRate]
    total: PublicRate


def province_root() -> Agency | None:
    """The province the deployment serves (settings.MOTCUA_PROVINCE_CODE), else the only agency
    at the top of the tree."""
    found = Agency.objects.filter(code=settings.MOTCUA_PROVINCE_CODE).first()
    if found is not None:
        return found
    roots = list(Agency.objects.filter(parent=None)[:2])
    return roots[0] if len(roots) == 1 else None


def _public(row: TimelinessRow, name: str, min_sample: int) -> PublicRate:
    enough = row["resolved"] >= min_sample
    return PublicRate(
        code=row.key,
        name=name,
        resolved=row["resolved"],
        in_time=row["resolved_early"] + row["resolved_on_time"],
        late=row["resolved_late"],
        rate=row.resolved_on_time_rate if enough else None,
        enough=enough,
    )


def public_rates(*, period: Period, min_sample: int) -> PublicRates:
    """On-time rates of the units directly under the province (each with its sub-units) for the
    public page: resolved, resolved early or on time, resolved late, and early-or-on-time ÷
    resolved — shown only for units with at least `min_sample` resolved dossiers. Counts only: no
    dossier, no person. The province's own dossiers (if any) are a row of their own."""
    province = province_root()
    if province is None:
        empty = TimelinessRow("", "")
        return PublicRates(period, [], _public(empty, "", min_sample))
    scope = ReportScope(None, (province,))
    report = report_filter(scope=scope, agency=province)
    table = timeliness_table(report=report, period=period, group_by="agency")
    rows = [
        _public(row, row.agency.name if row.agency else row.label, min_sample) for row in table.rows
    ]
    rows.sort(key=lambda r: r.name)
    return PublicRates(period, rows, _public(table.total, province.name, min_sample))
