"""Reports in the back office: the dashboard (`bao-cao/`), the statistics table
(`bao-cao/thong-ke/`) and the list of dossiers behind any number on them (`bao-cao/ho-so/`).

Adapters only. The actor's report scope (`motcua.reports.scope.report_scope`) decides which
agencies may be chosen; an agency outside it is a 404 on every page, like any object the officer
may not see. An officer whose role gives no report scope gets a page that says so (200), not an
error. The selectors (`motcua.reports.dashboard`, `motcua.reports.timeliness`) count; the views
only turn their rows into cells with drill-down links. Every filter is a plain GET form and every
number a plain link, so the pages work without JavaScript.

Drill-down links carry `figure` (a figure code of `timeliness.FIGURES`, or `to_process` / `late`),
`period` (a period token), the filter (`agency`, `field`, `procedure`, `channel`) and the row's key:
`row_agency` (the agency and its sub-units within the filter; with `row_own=1`, that agency's own
dossiers only), `row_field`, `row_procedure`, `row_channel`.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import Agency
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.report_export_views import export_download_url
from motcua.catalog.models import Field, Procedure
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.timezone import local_today
from motcua.dossiers.models import Channel, Dossier
from motcua.reports import charts
from motcua.reports.dashboard import (
    DERIVED_FIGURES,
    MonthPoint,
    dashboard_data,
    drilldown_facts,
    figure_label,
    is_figure,
    row_agency_ids,
)
from motcua.reports.models import Judgement
from motcua.reports.periods import Period, PeriodKind, custom, month_of, parse_period, quarter, year
from motcua.reports.scope import ReportFilter, ReportScope, report_filter, report_scope
from motcua.reports.timeliness import (
    TimelinessRow,
    figure_dossiers,
    timeliness_table,
)

PER_PAGE = 50
NO_SCOPE = "backoffice/reports/no_scope.html"

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KIND_CHOICES = [
    (PeriodKind.MONTH.value, gettext_lazy("Tháng")),
    (PeriodKind.QUARTER.value, gettext_lazy("Quý")),
    (PeriodKind.YEAR.value, gettext_lazy("Năm")),
    (PeriodKind.CUSTOM.value, gettext_lazy("Khoảng ngày tùy chọn")),
]
GROUP_CHOICES = [
    ("agency", gettext_lazy("Cơ quan, đơn vị")),
    ("field", gettext_lazy("Lĩnh vực")),
    ("procedure", gettext_lazy("Thủ tục")),
    ("channel", gettext_lazy("Kênh nộp")),
]
ROW_PARAM = {"field": "row_field", "procedure": "row_procedure", "channel": "row_channel"}


class ReportFilterForm(forms.Form):
    """What a report counts (agency, period, field, procedure, channel): a GET form whose fields
    are all optional; `clean` turns the period fields into `self.period`."""

    agency = forms.CharField(label=gettext_lazy("Cơ quan, đơn vị"), required=False, max_length=13)
    kind = forms.ChoiceField(label=gettext_lazy("Loại kỳ"), choices=KIND_CHOICES, required=False)
    month = forms.CharField(
        label=gettext_lazy("Tháng"),
        help_text=gettext_lazy("Khi chọn kỳ theo tháng. Ví dụ: 2026-03"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "pattern": r"\d{4}-\d{2}"}),
    )
    quarter = forms.ChoiceField(
        label=gettext_lazy("Quý"),
        help_text=gettext_lazy("Khi chọn kỳ theo quý (cùng với năm)."),
        choices=[("", "—"), *((str(q), str(q)) for q in range(1, 5))],
        required=False,
    )
    year = forms.IntegerField(
        label=gettext_lazy("Năm"),
        help_text=gettext_lazy("Khi chọn kỳ theo quý hoặc theo năm."),
        min_value=2000,
        max_value=2100,
        required=False,
    )
    date_from = forms.DateField(label=gettext_lazy("Từ ngày"), required=False, widget=_DATE)
    date_to = forms.DateField(label=gettext_lazy("Đến ngày"), required=False, widget=_DATE)
    field = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), required=False)
    procedure = forms.CharField(
        label=gettext_lazy("Mã thủ tục"),
        help_text=gettext_lazy("Ví dụ: 1.001193"),
        required=False,
        max_length=32,
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Kênh nộp"),
        choices=[("", gettext_lazy("Tất cả các kênh")), *Channel.choices],
        required=False,
    )

    PERIOD_FIELDS = ("kind", "month", "quarter", "year", "date_from", "date_to")

    def __init__(
        self,
        *args: Any,
        agency_choices: Sequence[tuple[str, str]],
        field_choices: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].widget = forms.Select(
            choices=[("", _("Mọi cơ quan được xem")), *agency_choices]
        )
        choice = self.fields["field"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", _("Tất cả lĩnh vực")), *field_choices]
        self.period: Period | None = None
        self.procedure_obj: Procedure | None = None

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        self.period = self._period(data)
        code = data.get("procedure")
        if code:
            self.procedure_obj = (
                Procedure.objects.filter(code=code).order_by("-namespace").first()
            )  # the national code before a local one
            if self.procedure_obj is None:
                self.add_error("procedure", _("Không có thủ tục mã “%(code)s”.") % {"code": code})
        return data

    def _period(self, data: Mapping[str, Any]) -> Period | None:
        """The period the fields name; None (with an error on a field) when they name none."""
        kind = data.get("kind") or PeriodKind.MONTH.value
        needed = {
            PeriodKind.MONTH: ("month",),
            PeriodKind.QUARTER: ("year", "quarter"),
            PeriodKind.YEAR: ("year",),
            PeriodKind.CUSTOM: ("date_from", "date_to"),
        }[PeriodKind(kind)]
        if any(name in self.errors for name in needed):
            return None
        missing = [name for name in needed if data.get(name) in (None, "")]
        if missing:
            for name in missing:
                self.add_error(
                    name, _("Nhập %(label)s của kỳ báo cáo.") % {"label": self.fields[name].label}
                )
            return None
        try:
            if kind == PeriodKind.MONTH:
                period = parse_period(data["month"])
                if period.kind is not PeriodKind.MONTH:
                    self.add_error("month", _("Ghi tháng theo dạng 2026-03."))
                    return None
                return period
            if kind == PeriodKind.QUARTER:
                return quarter(data["year"], int(data["quarter"]))
            if kind == PeriodKind.YEAR:
                return year(data["year"])
            return custom(data["date_from"], data["date_to"])
        except ValidationFailed as exc:
            self.add_error(needed[-1], exc.message)
            return None


def period_fields(period: Period) -> dict[str, str]:
    """The form's period fields showing `period`."""
    fields = {"kind": period.kind.value}
    if period.kind is PeriodKind.MONTH:
        fields["month"] = f"{period.first:%Y-%m}"
    elif period.kind is PeriodKind.QUARTER:
        fields |= {
            "quarter": str((period.first.month - 1) // 3 + 1),
            "year": str(period.first.year),
        }
    elif period.kind is PeriodKind.YEAR:
        fields["year"] = str(period.first.year)
    else:
        fields |= {"date_from": period.first.isoformat(), "date_to": period.last.isoformat()}
    return fields


@dataclass
class ReportRequest:
    """One report page's request, resolved: the actor's scope, the bound filter form (shown with
    its errors), the period and the filter actually counted, and both as query parameters."""

    scope: ReportScope
    form: ReportFilterForm
    period: Period
    report: ReportFilter
    params: dict[str, str]  # period token and filter, for links
    notices: list[str] = field(default_factory=list)

    def query(self, **extra: str) -> str:
        return urlencode({**self.params, **extra})


def _agency_choices(scope: ReportScope) -> list[tuple[str, str]]:
    agencies = Agency.objects.order_by("code")
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    return [(code, f"{name} ({code})") for code, name in agencies.values_list("code", "name")]


def _no_scope(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, NO_SCOPE, {"message": message})


def report_request(request: HttpRequest) -> ReportRequest | HttpResponse:
    """Resolve the filter of a report page (Http404 for an agency outside the scope), or the
    no-scope page for an officer without reports."""
    today = local_today()
    try:
        scope = report_scope(actor=actor(request), on=today)
    except PermissionDenied as exc:
        return _no_scope(request, exc.message)
    data: QueryDict = request.GET.copy()
    notices: list[str] = []
    if not data.get("kind"):
        token = data.get("period", "")
        try:
            period = parse_period(token) if token else month_of(today)
        except ValidationFailed as exc:
            notices.append(exc.message)
            period = month_of(today)
        for name, value in period_fields(period).items():
            data[name] = value
    if "agency" not in data and len(scope.roots) == 1:
        data["agency"] = scope.roots[0].code
    form = ReportFilterForm(
        data,
        agency_choices=_agency_choices(scope),
        field_choices=list(Field.objects.order_by("code").values_list("code", "name")),
    )
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    period = form.period or month_of(today)
    agency = None
    if code := cleaned.get("agency"):
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise Http404
    field_code = cleaned.get("field")
    channel = cleaned.get("channel")
    try:
        report = report_filter(
            scope=scope,
            agency=agency,
            field=Field.objects.get(code=field_code) if field_code else None,
            procedure=form.procedure_obj if "procedure" not in form.errors else None,
            channel=Channel(channel) if channel else None,
        )
    except NotFound:
        raise Http404 from None
    params = {"period": period.token, **report.params()}
    return ReportRequest(scope, form, period, report, params, notices)


def unfinished(period: Period) -> bool:
    """The period has not ended yet: "in process" and "overdue" are counted at its end as things
    stand now (a projection), like every figure of timeliness_table."""
    return period.end > timezone.now()


def drill_url(
    figure: str, ctx: ReportRequest, period: Period | None = None, row: Mapping[str, str] = {}
) -> str:
    """The drill-down of a figure, for the page's filter and period (or another period), narrowed
    to one row's key."""
    params = {"figure": figure, **ctx.params, **row}
    if period is not None:
        params["period"] = period.token
    return f"{reverse('backoffice:report-dossiers')}?{urlencode(params)}"


def figure_value(row: TimelinessRow, figure: str) -> int:
    """A figure's count on a row, or a derived number (`to_process`, `late`)."""
    if figure in DERIVED_FIGURES:
        value = getattr(row, figure)
        assert isinstance(value, int)
        return value
    return row[figure]


@dataclass(frozen=True)
class Column:
    figure: str
    label: str | Promise


@dataclass(frozen=True)
class Cell:
    value: int
    url: str


@dataclass
class Line:
    """One row of a table as shown: its label, its cells (each a link to its dossiers), the
    on-time rate, and for agency rows their sub-units' own rows."""

    key: str
    label: str
    cells: list[Cell]
    rate: Decimal | None
    late_rate: Decimal | None
    sub: bool = False
    children: list["Line"] = field(default_factory=list)
    expanded: bool = False
    toggle_url: str = ""
    open_url: str = ""  # the statistics of this agency (its sub-units as rows)


def _line(
    row: TimelinessRow,
    columns: Sequence[Column],
    ctx: ReportRequest,
    *,
    row_params: Mapping[str, str],
    sub: bool = False,
) -> Line:
    cells = [
        Cell(figure_value(row, c.figure), drill_url(c.figure, ctx, row=row_params)) for c in columns
    ]
    return Line(row.key, row.label, cells, row.on_time_rate, row.late_rate, sub=sub)


# The dashboard's table by agency.
DASHBOARD_COLUMNS = (
    Column("to_process", gettext_lazy("Phải giải quyết")),
    Column("received", gettext_lazy("Mới tiếp nhận")),
    Column("resolved", gettext_lazy("Đã giải quyết")),
    Column("resolved_late", gettext_lazy("Giải quyết quá hạn")),
    Column("in_process_overdue", gettext_lazy("Đang giải quyết quá hạn")),
)

# The statistics table (domain §11), in the order of its grouped header.
TABLE_COLUMNS = (
    Column("to_process", gettext_lazy("Tổng số")),
    Column("carried_over", gettext_lazy("Kỳ trước chuyển qua")),
    Column("received", gettext_lazy("Tổng số")),
    Column("received_counter", gettext_lazy("Trực tiếp")),
    Column("received_online", gettext_lazy("Trực tuyến")),
    Column("received_postal", gettext_lazy("Bưu chính công ích")),
    Column("resolved", gettext_lazy("Tổng số")),
    Column("resolved_early", gettext_lazy("Trước hạn")),
    Column("resolved_on_time", gettext_lazy("Đúng hạn")),
    Column("resolved_late", gettext_lazy("Quá hạn")),
    Column("in_process", gettext_lazy("Tổng số")),
    Column("in_process_in_time", gettext_lazy("Trong hạn")),
    Column("in_process_due_soon", gettext_lazy("Sắp đến hạn")),
    Column("in_process_overdue", gettext_lazy("Quá hạn")),
    Column("stopped", gettext_lazy("Rút hồ sơ, dừng xử lý")),
)


def _agency_lines(
    rows: Sequence[TimelinessRow],
    columns: Sequence[Column],
    ctx: ReportRequest,
    *,
    expanded: frozenset[str] = frozenset(),
    page: str = "",
    extra: Mapping[str, str] | None = None,
) -> list[Line]:
    """Rows by agency; a row that rolls up sub-units lists them (each unit's own dossiers) when
    expanded (`expand=<code>` in the page's URL, or `expand=all`)."""
    lines: list[Line] = []
    own_code = ctx.report.agency.code if ctx.report.agency else None
    for row in rows:
        line = _line(row, columns, ctx, row_params={"row_agency": row.key})
        if row.key != own_code:
            line.open_url = f"{page}?{ctx.query(**(extra or {}), agency=row.key)}"
        units = row.children
        if len(units) > 1 or (units and units[0].key != row.key):
            line.expanded = "all" in expanded or row.key in expanded
            shown = {r.key for r in rows} if "all" in expanded else set(expanded)
            toggled = sorted(shown ^ {row.key})
            query = urlencode(
                [*{**ctx.params, **(extra or {})}.items(), *(("expand", c) for c in toggled)]
            )
            line.toggle_url = f"{page}?{query}#row-{row.key}"
            if line.expanded:
                line.children = [
                    _line(unit, columns, ctx, row_params={"row_agency": unit.key, "row_own": "1"}, sub=True)
                    for unit in units
                ]  # fmt: skip
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Headline:
    label: str
    value: int | Decimal | None
    url: str
    is_rate: bool = False
    help: str = ""


@dataclass(frozen=True)
class MonthLine:
    point: MonthPoint
    received_url: str
    resolved_url: str
    late_url: str
    rate_url: str


@staff_required
def report_dashboard(request: HttpRequest) -> HttpResponse:
    """Headline figures, the monthly chart, on-time rate by agency and the channel split."""
    resolved = report_request(request)
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    data = dashboard_data(report=ctx.report, period=ctx.period)
    total = data.total
    headlines = [
        Headline(_("Mới tiếp nhận"), total["received"], drill_url("received", ctx)),
        Headline(_("Đã giải quyết"), total["resolved"], drill_url("resolved", ctx)),
        Headline(
            _("Tỷ lệ đúng hạn"),
            total.on_time_rate,
            drill_url("late", ctx),
            is_rate=True,
            help=_("100% trừ tỷ lệ trễ hạn; liên kết mở danh sách hồ sơ trễ hạn."),
        ),
        Headline(
            _("Đang giải quyết quá hạn"),
            total["in_process_overdue"],
            drill_url("in_process_overdue", ctx),
        ),
        Headline(
            _("Tỷ lệ trễ hạn"),
            total.late_rate,
            drill_url("late", ctx),
            is_rate=True,
            help=_("Hồ sơ trễ hạn trên tổng số hồ sơ phải giải quyết."),
        ),
    ]
    months = [
        MonthLine(
            point,
            drill_url("received", ctx, point.period),
            drill_url("resolved", ctx, point.period),
            drill_url("resolved_late", ctx, point.period),
            drill_url("late", ctx, point.period),
        )
        for point in data.months
    ]
    page = reverse("backoffice:reports")
    context = {
        "ctx": ctx,
        "form": ctx.form,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "unfinished": unfinished(ctx.period),
        "total": total,
        "headlines": headlines,
        "months": months,
        "month_chart": charts.monthly_chart(data.months),
        "agency_chart": charts.agency_rate_chart(
            data.rows, table_hint=_("Số liệu ở bảng theo cơ quan bên dưới.")
        ),
        "channel_chart": charts.channel_chart(data.channels),
        "channels": [(share, drill_url(share.figure, ctx)) for share in data.channels],
        "columns": DASHBOARD_COLUMNS,
        "lines": _agency_lines(data.rows, DASHBOARD_COLUMNS, ctx, page=page),
        "total_line": _line(total, DASHBOARD_COLUMNS, ctx, row_params={}),
        "page_url": page,
        "table_url": f"{reverse('backoffice:report-timeliness')}?{ctx.query()}",
    }
    return render(request, "backoffice/reports/dashboard.html", context)


@staff_required
def report_timeliness(request: HttpRequest) -> HttpResponse:
    """The statistics table (domain §11) by agency, field, procedure or channel."""
    resolved = report_request(request)
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    group_by = request.GET.get("group_by", "agency")
    if group_by not in ROW_PARAM and group_by != "agency":
        group_by = "agency"
    params = {"period": ctx.period.token, **ctx.report.params(), "group_by": group_by}
    table = timeliness_table(report=ctx.report, period=ctx.period, group_by=group_by)
    page = reverse("backoffice:report-timeliness")
    extra = {"group_by": group_by}
    if group_by == "agency":
        expanded = frozenset(request.GET.getlist("expand"))
        lines = _agency_lines(
            table.rows, TABLE_COLUMNS, ctx, expanded=expanded, page=page, extra=extra
        )
    else:
        lines = [
            _line(row, TABLE_COLUMNS, ctx, row_params={ROW_PARAM[group_by]: row.key})
            for row in table.rows
        ]
    context = {
        "ctx": ctx,
        "form": ctx.form,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "unfinished": unfinished(ctx.period),
        "group_by": group_by,
        "groups": [
            (value, label, value == group_by, f"{page}?{ctx.query(group_by=value)}")
            for value, label in GROUP_CHOICES
        ],
        "group_label": dict(GROUP_CHOICES)[group_by],
        "lines": lines,
        "total_line": _line(table.total, TABLE_COLUMNS, ctx, row_params={}),
        "page_url": page,
        "expand_all_url": f"{page}?{ctx.query(group_by='agency', expand='all')}",
        "collapse_url": f"{page}?{ctx.query(group_by='agency')}",
        "dashboard_url": f"{reverse('backoffice:reports')}?{ctx.query()}",
        "downloads": [
            (label, export_download_url(report="timeliness", file_format=fmt, params=params))
            for fmt, label in (("xlsx", "Excel"), ("csv", "CSV"), ("pdf", "PDF"))
        ],
    }
    return render(request, "backoffice/reports/timeliness.html", context)


@dataclass(frozen=True)
class DossierLine:
    dossier: Dossier
    judgement: str
    judgement_class: str


def judgement(dossier: Dossier, *, at: dt.datetime) -> tuple[str, str]:
    """The timeliness label of a listed dossier and its badge class: the judgement of a finished
    clock, else its standing now (paused, overdue, in time)."""
    fact = dossier.fact
    if fact.timeliness:
        return Judgement(fact.timeliness).label, fact.timeliness
    if fact.refused_intake_at is not None and fact.received_at is None:
        return _("Từ chối tiếp nhận"), "paused"
    if fact.finished_at is not None:
        return fact.get_end_kind_display(), "paused"
    if fact.paused_since is not None:
        return _("Đang tạm dừng tính thời hạn"), "paused"
    if fact.due_at is not None and fact.due_at < at:
        return _("Đang giải quyết, quá hạn"), "overdue"
    return _("Đang giải quyết, trong hạn"), "in_time"


@staff_required
def report_dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one number of a report page (50 a page)."""
    figure = request.GET.get("figure", "")
    if not is_figure(figure):
        raise Http404
    token = request.GET.get("period", "")
    if token:
        try:
            parse_period(token)
        except ValidationFailed:
            raise Http404 from None
    resolved = report_request(request)
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    report, period = ctx.report, ctx.period
    row: dict[str, str] = {}
    described: list[tuple[str, str]] = []
    agency_ids = None
    if code := request.GET.get("row_agency"):
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise Http404
        own = request.GET.get("row_own") == "1"
        try:
            agency_ids = row_agency_ids(report=report, agency=agency, own=own)
        except NotFound:
            raise Http404 from None
        row = {"row_agency": code, **({"row_own": "1"} if own else {})}
        described.append(
            (_("Đơn vị"), agency.name if own else _("%(name)s và các đơn vị trực thuộc") % {"name": agency.name})
        )  # fmt: skip
    row_field = row_procedure = None
    row_channel = None
    if code := request.GET.get("row_field"):
        row_field = Field.objects.filter(code=code).first()
        if row_field is None:
            raise Http404
        row["row_field"] = code
        described.append((_("Lĩnh vực"), row_field.name))
    if code := request.GET.get("row_procedure"):
        row_procedure = Procedure.objects.filter(code=code).order_by("-namespace").first()
        if row_procedure is None:
            raise Http404
        row["row_procedure"] = code
        described.append((_("Thủ tục"), code))
    if code := request.GET.get("row_channel"):
        if code not in Channel.values:
            raise Http404
        row_channel = Channel(code)
        row["row_channel"] = code
        described.append((_("Kênh nộp"), str(row_channel.label)))
    facts = drilldown_facts(
        report=report,
        period=period,
        figure=figure,
        agency_ids=agency_ids,
        field=row_field,
        procedure=row_procedure,
        channel=row_channel,
    )
    page = Paginator(figure_dossiers(facts), PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    lines = []
    for dossier in page:
        label, css = judgement(dossier, at=now)
        lines.append(DossierLine(dossier, label, css))
    query = ctx.query(figure=figure, **row)
    context = {
        "ctx": ctx,
        "period": period,
        "figure": figure,
        "figure_label": _(figure_label(figure)),
        "filters": filter_description(report),
        "row_description": described,
        "page": page,
        "lines": lines,
        "page_query": query,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "table_url": f"{reverse('backoffice:report-timeliness')}?{ctx.query()}",
        "dashboard_url": f"{reverse('backoffice:reports')}?{ctx.query()}",
    }
    return render(request, "backoffice/reports/dossiers.html", context)


def filter_description(report: ReportFilter) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    if report.agency is not None:
        parts.append(
            (_("Cơ quan"), _("%(name)s (gồm các đơn vị trực thuộc)") % {"name": report.agency.name})
        )
    else:
        parts.append((_("Cơ quan"), _("Mọi cơ quan được xem")))
    if report.field is not None:
        parts.append((_("Lĩnh vực"), report.field.name))
    if report.procedure is not None:
        parts.append((_("Thủ tục"), report.procedure.code))
    if report.channel is not None:
        parts.append((_("Kênh nộp"), str(report.channel.label)))
    return parts
