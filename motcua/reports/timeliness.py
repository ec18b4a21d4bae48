"""The timeliness statistics (báo cáo tình hình tiếp nhận, giải quyết hồ sơ): every figure is a
count of dossier facts matching one condition, and the same condition lists the dossiers behind
the figure (drill-down), so a number and its list can never disagree. docs/reports.md states each
condition in words.

Instants: `S` = 00:00 local of the period's first day, `E` = 00:00 local of the day after its last.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_noop

from motcua.accounts.models import Agency
from motcua.catalog.models import Field, OnlineLevel, Procedure, ProcedureVersion
from motcua.dossiers.models import Channel, Dossier, ReturnMethod
from motcua.reports.models import DossierFact, EndKind, Judgement
from motcua.reports.periods import Period
from motcua.reports.scope import ReportFilter

Condition = Callable[[dt.datetime, dt.datetime], Q]


def _received(s: dt.datetime, e: dt.datetime) -> Q:
    return Q(received_at__gte=s, received_at__lt=e)


def _open_at(instant: dt.datetime, prefix: str = "") -> Q:
    """Received and not finished at the instant (stopped and withdrawn count as finished)."""
    return Q(**{f"{prefix}received_at__lt": instant}) & (
        Q(**{f"{prefix}finished_at__isnull": True}) | Q(**{f"{prefix}finished_at__gte": instant})
    )


def _finished(s: dt.datetime, e: dt.datetime) -> Q:
    return Q(finished_at__gte=s, finished_at__lt=e)


def _resolved(s: dt.datetime, e: dt.datetime) -> Q:
    return _finished(s, e) & Q(end_kind__in=[EndKind.RESULT, EndKind.REFUSAL])


def _running_at(instant: dt.datetime, prefix: str = "") -> Q:
    """Not standing paused (waiting for a supplement or a payment) at the instant."""
    return Q(**{f"{prefix}paused_since__isnull": True}) | Q(
        **{f"{prefix}paused_since__gt": instant}
    )


def overdue_q(instant: dt.datetime, prefix: str = "") -> Q:
    """Open at the instant and past its due then. A dossier standing paused at the instant is
    overdue only when its due had come by the time the pause began: a pause stops the clock, it
    does not undo lateness (as `motcua.dossiers.deadlines` classifies it). `prefix` reaches the
    fact from another model (`"fact__"` from Dossier: the officers' queues count with it)."""
    return (
        _open_at(instant, prefix)
        & Q(**{f"{prefix}due_at__lt": instant})
        & (_running_at(instant, prefix) | Q(**{f"{prefix}due_at__lte": F(f"{prefix}paused_since")}))
    )


def due_soon_q(instant: dt.datetime, prefix: str = "") -> Q:
    """Open, not overdue, and at most the threshold left: running at the instant and past
    `soon_at`, or paused at the instant after reaching `soon_at` (the time left stands still)."""
    running = _running_at(instant, prefix) & Q(
        **{f"{prefix}soon_at__lte": instant, f"{prefix}due_at__gte": instant}
    )
    paused = Q(
        **{
            f"{prefix}paused_since__lte": instant,
            f"{prefix}soon_at__lte": F(f"{prefix}paused_since"),
            f"{prefix}due_at__gt": F(f"{prefix}paused_since"),
        }
    )
    return _open_at(instant, prefix) & (running | paused)


@dataclass(frozen=True)
class FigureDef:
    code: str
    label: str  # Vietnamese column header (marked for translation: pages show `gettext(label)`)
    condition: Condition


FIGURES: tuple[FigureDef, ...] = (
    FigureDef("carried_over", gettext_noop("Kỳ trước chuyển qua"), lambda s, e: _open_at(s)),
    FigureDef("received", gettext_noop("Mới tiếp nhận"), _received),
    FigureDef("received_counter", gettext_noop("Trực tiếp"), lambda s, e: _received(s, e) & Q(channel__in=[Channel.COUNTER, Channel.KIOSK])),
    FigureDef("received_online", gettext_noop("Trực tuyến"), lambda s, e: _received(s, e) & Q(channel=Channel.ONLINE)),
    FigureDef("received_postal", gettext_noop("Bưu chính công ích"), lambda s, e: _received(s, e) & Q(channel=Channel.POSTAL)),
    FigureDef("resolved", gettext_noop("Đã giải quyết"), _resolved),
    FigureDef("resolved_early", gettext_noop("Trước hạn"), lambda s, e: _resolved(s, e) & Q(timeliness=Judgement.EARLY)),
    FigureDef("resolved_on_time", gettext_noop("Đúng hạn"), lambda s, e: _resolved(s, e) & Q(timeliness=Judgement.ON_TIME)),
    FigureDef("resolved_late", gettext_noop("Quá hạn"), lambda s, e: _resolved(s, e) & Q(timeliness=Judgement.LATE)),
    FigureDef("refused", gettext_noop("Từ chối giải quyết"), lambda s, e: _resolved(s, e) & Q(end_kind=EndKind.REFUSAL)),
    FigureDef("stopped", gettext_noop("Dừng xử lý, rút hồ sơ"), lambda s, e: _finished(s, e) & Q(end_kind=EndKind.STOPPED)),
    FigureDef("stopped_late", gettext_noop("Dừng xử lý khi đã quá hạn"), lambda s, e: _finished(s, e) & Q(end_kind=EndKind.STOPPED, timeliness=Judgement.LATE)),
    FigureDef("in_process", gettext_noop("Đang giải quyết"), lambda s, e: _open_at(e)),
    FigureDef("in_process_in_time", gettext_noop("Trong hạn"), lambda s, e: _open_at(e) & ~overdue_q(e) & ~due_soon_q(e)),
    FigureDef("in_process_due_soon", gettext_noop("Sắp đến hạn"), lambda s, e: due_soon_q(e)),
    FigureDef("in_process_overdue", gettext_noop("Quá hạn"), lambda s, e: overdue_q(e)),
    FigureDef("supplement_requested", gettext_noop("Yêu cầu bổ sung"), lambda s, e: Q(first_supplement_at__gte=s, first_supplement_at__lt=e)),
    FigureDef("apologies", gettext_noop("Văn bản xin lỗi"), lambda s, e: Q(apology_at__gte=s, apology_at__lt=e)),
    FigureDef("returned", gettext_noop("Đã trả kết quả"), lambda s, e: Q(returned_at__gte=s, returned_at__lt=e)),
    FigureDef("returned_post", gettext_noop("Trả qua bưu chính"), lambda s, e: Q(returned_at__gte=s, returned_at__lt=e, return_method=ReturnMethod.POST)),
    FigureDef("not_collected", gettext_noop("Chưa trả kết quả"), lambda s, e: Q(finished_at__lt=e, end_kind__in=[EndKind.RESULT, EndKind.REFUSAL]) & (Q(returned_at__isnull=True) | Q(returned_at__gte=e))),
    FigureDef("refused_intake", gettext_noop("Từ chối tiếp nhận"), lambda s, e: Q(refused_intake_at__gte=s, refused_intake_at__lt=e)),
    FigureDef("received_full", gettext_noop("Tiếp nhận — DVC toàn trình"), lambda s, e: _received(s, e) & Q(online_level=OnlineLevel.FULL)),
    FigureDef("received_full_online", gettext_noop("Trực tuyến — DVC toàn trình"), lambda s, e: _received(s, e) & Q(online_level=OnlineLevel.FULL, channel=Channel.ONLINE)),
    FigureDef("received_partial", gettext_noop("Tiếp nhận — DVC một phần"), lambda s, e: _received(s, e) & Q(online_level=OnlineLevel.PARTIAL)),
    FigureDef("received_partial_online", gettext_noop("Trực tuyến — DVC một phần"), lambda s, e: _received(s, e) & Q(online_level=OnlineLevel.PARTIAL, channel=Channel.ONLINE)),
)  # fmt: skip
FIGURE_BY_CODE: Mapping[str, FigureDef] = {f.code: f for f in FIGURES}


def base_condition(s: dt.datetime, e: dt.datetime) -> Q:
    """Every fact any figure of [S, E) can count: received before E and still in the logbook at S
    (not yet returned or stopped), or refused at intake in the period. Indexed (fact_settled,
    fact_unsettled, fact_received)."""
    return (Q(received_at__lt=e) & (Q(settled_at__isnull=True) | Q(settled_at__gte=s))) | Q(
        refused_intake_at__gte=s, refused_intake_at__lt=e
    )


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class TimelinessRow:
    key: str  # "" for the total
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    agency: Agency | None = None
    children: list["TimelinessRow"] = field(default_factory=list)

    def __getitem__(self, code: str) -> int:
        return self.counts.get(code, 0)

    def add(self, counts: Mapping[str, int]) -> None:
        for code, value in counts.items():
            self.counts[code] = self.counts.get(code, 0) + value

    @property
    def to_process(self) -> int:
        """Carried over + newly received (tổng số hồ sơ phải giải quyết)."""
        return self["carried_over"] + self["received"]

    @property
    def done(self) -> int:
        return self["resolved"] + self["stopped"]

    @property
    def late(self) -> int:
        """In process past due at the period end + finished late in the period."""
        return self["in_process_overdue"] + self["resolved_late"] + self["stopped_late"]

    @property
    def late_rate(self) -> Decimal | None:
        """Late ÷ to process, in percent (domain §11)."""
        return _percent(self.late, self.to_process)

    @property
    def on_time_rate(self) -> Decimal | None:
        """100% − the late rate (domain §11)."""
        rate = self.late_rate
        return None if rate is None else Decimal(100) - rate

    @property
    def resolved_on_time_rate(self) -> Decimal | None:
        """Early or on time ÷ resolved, in percent."""
        return _percent(self["resolved_early"] + self["resolved_on_time"], self["resolved"])

    @property
    def online_rate(self) -> Decimal | None:
        return _percent(self["received_online"], self["received"])

    @property
    def online_rate_full(self) -> Decimal | None:
        return _percent(self["received_full_online"], self["received_full"])

    @property
    def online_rate_partial(self) -> Decimal | None:
        return _percent(self["received_partial_online"], self["received_partial"])

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"key": self.key, "label": self.label}
        data.update({f.code: self[f.code] for f in FIGURES})
        for name in DERIVED:
            value = getattr(self, name)
            data[name] = float(value) if isinstance(value, Decimal) else value
        return data


DERIVED = (
    "to_process",
    "done",
    "late",
    "late_rate",
    "on_time_rate",
    "resolved_on_time_rate",
    "online_rate",
    "online_rate_full",
    "online_rate_partial",
)


@dataclass
class TimelinessTable:
    period: Period
    group_by: str
    rows: list[TimelinessRow]
    total: TimelinessRow


GROUPS = ("agency", "field", "procedure", "channel", "none")


def fact_query(report: ReportFilter, period: Period) -> QuerySet[DossierFact]:
    """The facts any figure of the period may count, within the filter."""
    return DossierFact.objects.filter(base_condition(period.start, period.until)).filter(report.q())


def _annotations(period: Period) -> dict[str, Count]:
    s, e = period.start, period.until
    return {f.code: Count("pk", filter=f.condition(s, e)) for f in FIGURES}


def timeliness_table(
    *, report: ReportFilter, period: Period, group_by: str = "agency"
) -> TimelinessTable:
    """The statistics of the period, one row per group (agencies roll up their sub-units into
    the top units under the filter's agency), with the total."""
    if group_by not in GROUPS:
        raise ValueError(group_by)
    query = fact_query(report, period)
    total = TimelinessRow("", "Tổng cộng")
    if group_by == "none":
        total.add(query.aggregate(**_annotations(period)))
        return TimelinessTable(period, group_by, [], total)
    column = {"agency": "agency_id", "field": "field_id", "procedure": "procedure_id",
              "channel": "channel"}[group_by]  # fmt: skip
    grouped = list(query.values(column).annotate(**_annotations(period)).order_by())
    for item in grouped:
        total.add({f.code: item[f.code] for f in FIGURES})
    if group_by == "agency":
        rows = _agency_rows(report, grouped)
    else:
        rows = _plain_rows(group_by, grouped, column)
    return TimelinessTable(period, group_by, rows, total)


def _counts(item: Mapping[str, object]) -> dict[str, int]:
    return {f.code: int(item[f.code]) for f in FIGURES}  # type: ignore[call-overload]


def _plain_rows(
    group_by: str, grouped: Sequence[Mapping[str, object]], column: str
) -> list[TimelinessRow]:
    keys = [str(item[column]) for item in grouped]
    labels: dict[str, str] = {}
    codes: dict[str, str] = {}
    if group_by == "field":
        for pk, code, name in Field.objects.filter(pk__in=keys).values_list("pk", "code", "name"):
            codes[str(pk)], labels[str(pk)] = code, name
    elif group_by == "procedure":
        codes = {
            str(pk): code
            for pk, code in Procedure.objects.filter(pk__in=keys).values_list("pk", "code")
        }
        for pk, name in (
            ProcedureVersion.objects.filter(procedure_id__in=keys)
            .order_by("procedure_id", "number")
            .values_list("procedure_id", "name")
        ):
            labels[str(pk)] = name  # the latest version's name
    else:
        labels = {c.value: str(c.label) for c in Channel}
        codes = {c.value: c.value for c in Channel}
    rows = [
        TimelinessRow(codes.get(key, key), labels.get(key, "—"), _counts(item))
        for key, item in zip(keys, grouped, strict=True)
    ]
    return sorted(rows, key=lambda r: r.label)


def _agency_rows(
    report: ReportFilter, grouped: Sequence[Mapping[str, object]]
) -> list[TimelinessRow]:
    """Rows for the units directly under the filter's agency (or the scope's top agencies), each
    with its own dossiers and those of its sub-units; `children` keeps each agency's own row."""
    agencies = {a.pk: a for a in Agency.objects.all().only("pk", "code", "name", "parent_id")}
    top = report.agency.pk if report.agency is not None else None

    def head(pk: int) -> int:
        """The ancestor just under `top` (or the topmost ancestor within the filter)."""
        current = agencies[pk]
        while current.parent_id is not None and current.parent_id != top:
            parent = agencies.get(current.parent_id)
            if parent is None or (
                report.agency_ids is not None and parent.pk not in report.agency_ids
            ):
                break
            current = parent
        return current.pk

    rows: dict[int, TimelinessRow] = {}
    for item in grouped:
        pk = int(item["agency_id"])  # type: ignore[call-overload]
        counts = _counts(item)
        own = agencies[pk]
        key = pk if top is not None and pk == top else head(pk)
        agency = agencies[key]
        row = rows.setdefault(key, TimelinessRow(agency.code, agency.name, agency=agency))
        row.add(counts)
        row.children.append(TimelinessRow(own.code, own.name, dict(counts), agency=own))
    for row in rows.values():
        row.children.sort(key=lambda r: (r.key != row.key, r.key))
    return sorted(rows.values(), key=lambda r: r.key)


def figure_facts(
    *,
    report: ReportFilter,
    period: Period,
    figure: str,
    agency_ids: Iterable[int] | None = None,
    field_id: int | None = None,
    procedure_id: int | None = None,
    channel: str | None = None,
) -> QuerySet[DossierFact]:
    """The facts behind one figure (the drill-down), optionally narrowed to one row's key."""
    definition = FIGURE_BY_CODE.get(figure)
    if definition is None:
        raise KeyError(figure)
    query = fact_query(report, period).filter(definition.condition(period.start, period.until))
    if agency_ids is not None:
        query = query.filter(agency_id__in=list(agency_ids))
    if field_id is not None:
        query = query.filter(field_id=field_id)
    if procedure_id is not None:
        query = query.filter(procedure_id=procedure_id)
    if channel is not None:
        query = query.filter(channel=channel)
    return query


def figure_dossiers(facts: QuerySet[DossierFact]) -> QuerySet[Dossier]:
    """The dossiers of a drill-down, newest reception first."""
    return (
        Dossier.objects.filter(pk__in=facts.values("dossier_id"))
        .select_related("agency", "version", "fact")
        .order_by("-received_at", "-pk")
    )
