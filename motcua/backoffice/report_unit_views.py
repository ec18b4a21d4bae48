"""Unit reports in the back office: units with late dossiers (`bao-cao/don-vi-tre-han/`), the
inter-agency attribution (`bao-cao/lien-thong/`), the officers' monthly evaluation
(`bao-cao/can-bo/`), targets against actuals (`bao-cao/chi-tieu/`), catalog figures
(`bao-cao/thu-tuc/`), and the dossiers behind their numbers that the statistics drill-down
(`backoffice:report-dossiers`) cannot list (`bao-cao/danh-sach/<kind>/`).

Adapters only: the filter is resolved as on the other report pages (`report_views`: the actor's
report scope, an agency outside it is a 404, no scope → a page saying so), the selectors of
`motcua.reports` count, and every count is a link to its dossiers. Numbers that are timeliness
figures (late, to process, received…) link to the statistics drill-down; the others to
`backoffice:report-unit-dossiers`. An officer without a report scope sees their own evaluation.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.models import Agency, User
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.forms import add_domain_error
from motcua.backoffice.report_export_views import download_links
from motcua.backoffice.report_unit_forms import TargetDeleteForm, TargetFilterForm, TargetForm
from motcua.backoffice.report_views import (
    NO_SCOPE,
    ReportFilterForm,
    ReportRequest,
    drill_url,
    filter_description,
    judgement,
    period_fields,
    report_request,
)
from motcua.catalog.models import Field
from motcua.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from motcua.core.timezone import local_today
from motcua.dossiers.models import Dossier, StepVisit
from motcua.reports.attribution import (
    PARTS,
    LateDossier,
    Part,
    attribution_part,
    attribution_report,
)
from motcua.reports.catalog_figures import catalog_figures_by_agency, catalog_figures_labelled
from motcua.reports.models import DossierFact, Target, TargetKind
from motcua.reports.officers import (
    OFFICER_FIGURES,
    OfficerFigure,
    OfficerRow,
    officer_dossier_ids,
    officer_evaluation,
    officer_own_evaluation,
    officer_supplements,
)
from motcua.reports.periods import Period, month_of, parse_period, quarter_of
from motcua.reports.scope import ReportFilter, ReportScope, report_filter, report_scope
from motcua.reports.targets import (
    TargetRow,
    can_set_targets,
    target_agency_ids,
    target_delete,
    target_facts,
    target_set,
    targets_with_actuals,
    year_to_date,
)
from motcua.reports.timeliness import figure_dossiers
from motcua.reports.units import UnitRate, late_units

PER_PAGE = 50
CSS = "backoffice/css/reports.css"


def last_full_month(today: dt.date) -> Period:
    return month_of(today).previous()


def last_full_quarter(today: dt.date) -> Period:
    return quarter_of(today).previous()


def _resolve(request: HttpRequest, *, default: Period) -> ReportRequest | HttpResponse:
    """The report filter of the page, with `default` as the period when none is asked for."""
    if not request.GET.get("kind") and not request.GET.get("period"):
        query = request.GET.copy()
        query["period"] = default.token
        request.GET = QueryDict(query.urlencode())
    return report_request(request)


def _url(name: str, params: Mapping[str, str], *args: object) -> str:
    return f"{reverse(name, args=args)}?{urlencode(params)}"


def _list_url(kind: str, ctx: ReportRequest, **extra: str) -> str:
    return _url("backoffice:report-unit-dossiers", {**ctx.params, **extra}, kind)


# --- Units with late dossiers --------------------------------------------------------------------


@dataclass
class UnitLine:
    unit: UnitRate
    late_url: str
    to_process_url: str
    sub: bool = False
    children: list["UnitLine"] = field(default_factory=list)


def _unit_line(unit: UnitRate, ctx: ReportRequest, *, sub: bool = False) -> UnitLine:
    # A sub-unit line holds that agency's own dossiers, as does the filter's agency's own row.
    own = sub or unit.own
    row = {"row_agency": unit.agency.code, **({"row_own": "1"} if own else {})}
    line = UnitLine(
        unit,
        drill_url("late", ctx, row=row),
        drill_url("to_process", ctx, row=row),
        sub=sub,
    )
    if not sub:
        line.children = [_unit_line(child, ctx, sub=True) for child in unit.children]
    return line


@staff_required
def report_late_units(request: HttpRequest) -> HttpResponse:
    """Units with a late rate at or above the threshold (default: the last full month)."""
    resolved = _resolve(request, default=last_full_month(local_today()))
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    result = late_units(report=ctx.report, period=ctx.period)
    page = reverse("backoffice:report-late-units")
    context = {
        "ctx": ctx,
        "form": ctx.form,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "result": result,
        "late": [_unit_line(u, ctx) for u in result.late],
        "below": [_unit_line(u, ctx) for u in result.below],
        "small": [_unit_line(u, ctx) for u in result.small],
        "downloads": download_links(report="late_units", params=ctx.params),
        "page_url": page,
        "reset_label": _("Về mặc định (tháng trước)"),
    }
    return render(request, "backoffice/reports/units.html", context)


# --- Inter-agency attribution --------------------------------------------------------------------


@dataclass(frozen=True)
class AttributionLine:
    agency: Agency
    is_lead: bool
    dossiers: int
    dossiers_url: str
    over: int
    over_url: str
    over_hours: Decimal
    budget_hours: Decimal
    used_hours: Decimal


@staff_required
def report_attribution(request: HttpRequest) -> HttpResponse:
    """Late inter-agency dossiers by coordinating agency (default: the last full quarter)."""
    resolved = _resolve(request, default=last_full_quarter(local_today()))
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    result = attribution_report(report=ctx.report, period=ctx.period)
    parts = []
    for part in PARTS:
        data = result.part(part)
        lines = [
            AttributionLine(
                row.agency, row.is_lead,
                row.dossiers, _list_url("lien-thong", ctx, part=part, unit=row.agency.code),
                row.over, _list_url("lien-thong", ctx, part=part, unit=row.agency.code, over="1"),
                row.over_hours, row.budget_hours, row.used_hours,
            )
            for row in data.agencies
        ]  # fmt: skip
        parts.append(
            {
                "part": part,
                "data": data,
                "lines": lines,
                "all_url": _list_url("lien-thong", ctx, part=part),
            }
        )
    context = {
        "ctx": ctx,
        "form": ctx.form,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "parts": parts,
        "downloads": download_links(report="attribution", params=ctx.params),
        "page_url": reverse("backoffice:report-attribution"),
        "reset_label": _("Về mặc định (quý trước)"),
    }
    return render(request, "backoffice/reports/attribution.html", context)


# --- Officers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerLine:
    row: OfficerRow
    urls: dict[str, str]  # figure → list URL
    own: bool


def _officer_line(row: OfficerRow, params: Mapping[str, str], *, own: bool) -> OfficerLine:
    urls: dict[str, str] = {
        figure: _url(
            "backoffice:report-unit-dossiers",
            {**params, "officer": row.officer.username, "what": figure},
            "can-bo",
        )
        for figure in OFFICER_FIGURES
    }
    return OfficerLine(row, urls, own)


def _own_period(request: HttpRequest, default: Period) -> tuple[Period, ReportFilterForm]:
    """The period of an officer without a report scope (only the period fields are shown)."""
    data: QueryDict = request.GET.copy()
    if not data.get("kind"):
        token = data.get("period", "")
        try:
            period = parse_period(token) if token else default
        except ValidationFailed:
            period = default
        for name, value in period_fields(period).items():
            data[name] = value
    form = ReportFilterForm(data, agency_choices=[], field_choices=[])
    form.is_valid()
    return form.period or default, form


@staff_required
def report_officers(request: HttpRequest) -> HttpResponse:
    """Officers' evaluation (default: the last full month); without a report scope, one's own."""
    user = actor(request)
    today = local_today()
    default = last_full_month(today)
    try:
        report_scope(actor=user, on=today)
    except PermissionDenied:
        period, form = _own_period(request, default)
        row = officer_own_evaluation(actor=user, period=period)
        params = {"period": period.token}
        context: dict[str, Any] = {
            "own_only": True,
            "form": form,
            "period": period,
            "lines": [_officer_line(row, params, own=True)],
            "page_url": reverse("backoffice:report-officers"),
            "reset_label": _("Về mặc định (tháng trước)"),
        }
        return render(request, "backoffice/reports/officers.html", context)
    resolved = _resolve(request, default=default)
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    rows = officer_evaluation(report=ctx.report, period=ctx.period)
    context = {
        "own_only": False,
        "ctx": ctx,
        "form": ctx.form,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "lines": [_officer_line(r, ctx.params, own=r.officer.pk == user.pk) for r in rows],
        "downloads": download_links(report="officers", params=ctx.params),
        "page_url": reverse("backoffice:report-officers"),
        "reset_label": _("Về mặc định (tháng trước)"),
    }
    return render(request, "backoffice/reports/officers.html", context)


# --- Targets -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetLine:
    row: TargetRow
    numerator_url: str
    denominator_url: str
    numerator_label: str
    denominator_label: str
    delete_form: TargetDeleteForm | None


# What each kind's numerator and denominator are, and the statistics figure that lists them when
# there is one (else the target's own list).
TARGET_PARTS: dict[str, tuple[str, str, str | None, str | None]] = {
    TargetKind.ONLINE_SHARE: ("Hồ sơ nộp trực tuyến", "Hồ sơ mới tiếp nhận", "received_online", "received"),
    TargetKind.ON_TIME_RATE: ("Hồ sơ không trễ hạn", "Hồ sơ phải giải quyết", None, "to_process"),
    TargetKind.DIGITISED_SHARE: ("Hồ sơ có thành phần được số hóa", "Hồ sơ mới tiếp nhận", None, "received"),
    TargetKind.ONLINE_PAYMENT_SHARE: ("Hồ sơ thanh toán trực tuyến", "Hồ sơ có phí, lệ phí", None, None),
    TargetKind.E_RESULT_SHARE: ("Hồ sơ có kết quả điện tử", "Hồ sơ đã giải quyết", None, "resolved"),
}  # fmt: skip


def _target_part_url(row: TargetRow, part: str, figure: str | None) -> str:
    target = row.target
    if figure is not None and row.period is not None:
        params = {"figure": figure, "period": row.period.token, "agency": target.agency.code}
        return _url("backoffice:report-dossiers", params)
    return _url(
        "backoffice:report-unit-dossiers", {"target": str(target.pk), "part": part}, "chi-tieu"
    )


def _target_line(row: TargetRow, *, may_edit: bool) -> TargetLine:
    numerator, denominator, top, bottom = TARGET_PARTS[row.target.kind]
    return TargetLine(
        row,
        _target_part_url(row, "numerator", top),
        _target_part_url(row, "denominator", bottom),
        _(numerator),
        _(denominator),
        TargetDeleteForm(initial={"target": row.target.pk}, auto_id=False) if may_edit else None,
    )


def _agency_choices(ids: Iterable[int] | None) -> list[tuple[str, str]]:
    agencies = Agency.objects.order_by("code")
    if ids is not None:
        agencies = agencies.filter(pk__in=list(ids))
    return [(code, f"{name} ({code})") for code, name in agencies.values_list("code", "name")]


def _scope_ids(scope: ReportScope, allowed: frozenset[int] | None) -> frozenset[int] | None:
    if scope.agency_ids is None:
        return allowed
    if allowed is None:
        return scope.agency_ids
    return scope.agency_ids & allowed


@staff_required
@require_http_methods(["GET", "POST"])
def report_targets(request: HttpRequest) -> HttpResponse:
    """Targets of the year against their actuals; province administrators set and remove them."""
    user = actor(request)
    today = local_today()
    try:
        scope = report_scope(actor=user, on=today)
    except PermissionDenied as exc:
        return render(request, NO_SCOPE, {"message": exc.message})
    may_edit = can_set_targets(user, on=today)
    editable = _scope_ids(scope, target_agency_ids(actor=user, on=today)) if may_edit else None
    scope_choices = _agency_choices(scope.agency_ids)
    filter_form = TargetFilterForm(request.GET, agency_choices=scope_choices, auto_id="filter-%s")
    filter_form.is_valid()
    cleaned = getattr(filter_form, "cleaned_data", {})
    year = cleaned.get("year") or today.year
    agency = None
    if code := cleaned.get("agency") or request.GET.get("agency"):
        agency = Agency.objects.filter(code=code).first()
        if agency is None or not scope.allows(agency.pk):
            raise Http404
    report = report_filter(scope=scope, agency=agency)
    form = None
    if may_edit:
        initial = {"year": year, "agency": agency.code if agency else ""}
        form = TargetForm(initial=initial, agency_choices=_agency_choices(editable))
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if "delete" in request.POST:
            return _target_delete(request, user, report)
        form = TargetForm(request.POST, agency_choices=_agency_choices(editable))
        if form.is_valid():
            data = form.cleaned_data
            chosen = Agency.objects.get(code=data["agency"])
            try:
                target = target_set(
                    agency=chosen, year=data["year"], kind=data["kind"], value=data["value"],
                    basis=data["basis"], actor=user,
                )  # fmt: skip
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã lưu chỉ tiêu “%(kind)s” năm %(year)s của %(agency)s: %(value)s%%.")
                    % {"kind": target.get_kind_display(), "year": target.year,
                       "agency": chosen.name, "value": number_format(target.value, 2)},
                )  # fmt: skip
                query = urlencode(
                    {"year": target.year, **({"agency": agency.code} if agency else {})}
                )
                return HttpResponseRedirect(f"{reverse('backoffice:report-targets')}?{query}")
    rows = targets_with_actuals(report=report, year=year)
    editable_ids = editable
    lines = [
        _target_line(
            row,
            may_edit=may_edit and (editable_ids is None or row.target.agency_id in editable_ids),
        )
        for row in rows
    ]
    context = {
        "filter_form": filter_form,
        "form": form,
        "year": year,
        "period": year_to_date(year, today=today),
        "agency": agency,
        "lines": lines,
        "may_edit": may_edit,
        "page_url": reverse("backoffice:report-targets"),
    }
    refused = request.method == "POST"  # a valid POST redirected above
    return render(
        request, "backoffice/reports/targets.html", context, status=400 if refused else 200
    )


def _target_delete(request: HttpRequest, user: User, report: ReportFilter) -> HttpResponse:
    form = TargetDeleteForm(request.POST)
    if not form.is_valid():
        raise Http404
    target = Target.objects.select_related("agency").filter(pk=form.cleaned_data["target"]).first()
    if target is None or (
        report.agency_ids is not None and target.agency_id not in report.agency_ids
    ):
        raise Http404
    try:
        target_delete(target=target, actor=user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request,
        _("Đã xóa chỉ tiêu “%(kind)s” năm %(year)s của %(agency)s.")
        % {"kind": target.get_kind_display(), "year": target.year, "agency": target.agency.name},
    )
    query = urlencode({"year": target.year})
    return HttpResponseRedirect(f"{reverse('backoffice:report-targets')}?{query}")


# --- Catalog figures -----------------------------------------------------------------------------


@staff_required
def report_catalog(request: HttpRequest) -> HttpResponse:
    """Procedures in force today: by field and level, online, time cut; per executing agency."""
    user = actor(request)
    today = local_today()
    try:
        scope = report_scope(actor=user, on=today)
    except PermissionDenied as exc:
        return render(request, NO_SCOPE, {"message": exc.message})
    labelled = catalog_figures_labelled(on=today)
    fields = dict(Field.objects.values_list("name", "code"))
    catalog = reverse("backoffice:catalog-list")
    by_field = [
        (name, count, f"{catalog}?{urlencode({'field': fields[name]})}" if name in fields else "")
        for name, count in labelled.figures.by_field.items()
    ]
    context = {
        "today": today,
        "figures": labelled.figures,
        "by_field": by_field,
        "by_level": labelled.by_level,
        "by_online_level": labelled.by_online_level,
        "agencies": catalog_figures_by_agency(on=today, agency_ids=scope.agency_ids),
    }
    return render(request, "backoffice/reports/catalog_figures.html", context)


# --- The dossiers behind a number ----------------------------------------------------------------


@dataclass(frozen=True)
class ListLine:
    dossier: Dossier
    judgement: str
    judgement_class: str
    notes: list[str]


@dataclass
class Listing:
    title: str
    dossiers: QuerySet[Dossier]
    notes: Mapping[int, list[str]] | None = None
    describe: list[tuple[str, str]] = field(default_factory=list)
    period: Period | None = None
    query: dict[str, str] = field(default_factory=dict)
    back_url: str = ""
    # Notes computed for the page's dossiers only (instead of `notes` for all).
    notes_for: Callable[[Sequence[int]], Mapping[int, list[str]]] | None = None


def _hours(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _share_note(dossier: LateDossier, agency_id: int | None) -> list[str]:
    notes = []
    for share in dossier.agencies:
        if agency_id is not None and share.agency.pk != agency_id:
            continue
        text = _("%(agency)s: dùng %(used)s giờ / được giao %(budget)s giờ") % {
            "agency": share.agency.short_name or share.agency.name,
            "used": _hours(share.used_hours),
            "budget": _hours(share.budget_hours),
        }
        if share.over_budget:
            text += _(" (vượt %(over)s giờ)") % {"over": _hours(share.over_hours)}
        notes.append(text)
    return notes


PART_TITLES = {
    "finished": "Hồ sơ liên thông đã giải quyết quá hạn",
    "open": "Hồ sơ liên thông đang giải quyết quá hạn cuối kỳ",
}
OFFICER_TITLES = {
    "visits": "Hồ sơ đã xử lý",
    "late": "Lượt xử lý vượt thời gian được giao",
    "sent_back": "Hồ sơ đã trả lại bước trước",
    "supplements": "Hồ sơ đã yêu cầu bổ sung",
}


def _dossiers_of(ids: Iterable[int]) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(pk__in=list(ids))
        .select_related("agency", "version", "fact")
        .order_by("-received_at", "-pk")
    )


def _attribution_listing(request: HttpRequest) -> Listing | HttpResponse:
    resolved = _resolve(request, default=last_full_quarter(local_today()))
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    part = request.GET.get("part", "")
    if part not in PARTS:
        raise Http404
    typed: Part = "finished" if part == "finished" else "open"
    data = attribution_part(report=ctx.report, period=ctx.period, part=typed)
    unit = None
    if code := request.GET.get("unit"):
        unit = Agency.objects.filter(code=code).first()
        if unit is None:
            raise Http404
    over = request.GET.get("over") == "1"
    chosen = [
        d
        for d in data.dossiers
        if unit is None
        or ((share := d.time_of(unit.pk)) is not None and (share.over_budget or not over))
    ]
    notes = {d.dossier_id: _share_note(d, unit.pk if unit else None) for d in chosen}
    describe = filter_description(ctx.report)
    if unit is not None:
        describe.append(
            (_("Cơ quan phối hợp"), unit.name + (_(" — vượt thời gian được giao") if over else ""))
        )
    query = {**ctx.params, "part": part}
    if unit is not None:
        query["unit"] = unit.code
    if over:
        query["over"] = "1"
    return Listing(
        _(PART_TITLES[part]),
        _dossiers_of(notes),
        notes,
        describe,
        ctx.period,
        query,
        _url("backoffice:report-attribution", ctx.params),
    )


def _officer_listing(request: HttpRequest) -> Listing | HttpResponse:
    user = actor(request)
    today = local_today()
    what = request.GET.get("what", "")
    if what not in OFFICER_FIGURES:
        raise Http404
    figure: OfficerFigure = next(f for f in OFFICER_FIGURES if f == what)
    officer = User.objects.filter(username=request.GET.get("officer", "")).first()
    if officer is None:
        raise Http404
    try:
        report_scope(actor=user, on=today)
    except PermissionDenied:
        if officer.pk != user.pk:
            raise Http404 from None
        period, _form = _own_period(request, last_full_month(today))
        report = ReportFilter(None)
        params = {"period": period.token}
        back = _url("backoffice:report-officers", params)
        describe: list[tuple[str, str]] = []
    else:
        resolved = _resolve(request, default=last_full_month(today))
        if isinstance(resolved, HttpResponse):
            return resolved
        period, report, params = resolved.period, resolved.report, resolved.params
        back = _url("backoffice:report-officers", params)
        describe = filter_description(report)
    rows = officer_dossier_ids(report=report, period=period, officer=officer, figure=figure)
    ids = rows.values_list("dossier_id", flat=True).distinct().order_by()
    describe.append((_("Cán bộ"), officer.full_name or officer.username))

    def notes_for(page_ids: Sequence[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = defaultdict(list)
        if figure == "supplements":
            for dossier_id, occurred in (
                officer_supplements(report=report, period=period, officer_id=officer.pk)
                .filter(dossier_id__in=page_ids)
                .values_list("dossier_id", "occurred_at")
            ):
                found[dossier_id].append(_("Yêu cầu bổ sung lúc %(at)s") % {"at": _local(occurred)})
            return found
        visits = officer_dossier_ids(report=report, period=period, officer=officer, figure=figure)
        assert visits.model is StepVisit
        for visit in (
            StepVisit.objects.filter(pk__in=visits.values("pk"), dossier_id__in=page_ids)
            .select_related("step")
            .order_by("started_at", "pk")
        ):
            used = visit.used_hours if visit.used_hours is not None else Decimal(0)
            found[visit.dossier_id].append(
                _("%(step)s: dùng %(used)s giờ / được giao %(budget)s giờ")
                % {"step": visit.step.name, "used": _hours(used),
                   "budget": _hours(visit.budget_hours)}
            )  # fmt: skip
        return found

    return Listing(
        _(OFFICER_TITLES[figure]),
        Dossier.objects.filter(pk__in=ids)
        .select_related("agency", "version", "fact")
        .order_by("-received_at", "-pk"),
        None,
        describe,
        period,
        {**params, "officer": officer.username, "what": figure},
        back,
        notes_for,
    )


def _local(instant: dt.datetime) -> str:
    return f"{timezone.localtime(instant):%H:%M %d/%m/%Y}"


def _target_listing(request: HttpRequest) -> Listing | HttpResponse:
    user = actor(request)
    today = local_today()
    try:
        scope = report_scope(actor=user, on=today)
    except PermissionDenied as exc:
        return render(request, NO_SCOPE, {"message": exc.message})
    part = request.GET.get("part", "")
    if part not in ("numerator", "denominator"):
        raise Http404
    try:
        pk = int(request.GET.get("target", ""))
    except ValueError:
        raise Http404 from None
    target = Target.objects.select_related("agency").filter(pk=pk).first()
    if target is None or not scope.allows(target.agency_id):
        raise Http404
    period = year_to_date(target.year, today=today)
    if period is None:
        raise Http404
    numerator, denominator, _top, _bottom = TARGET_PARTS[target.kind]
    facts: QuerySet[DossierFact] = target_facts(target=target, period=period, part=part)
    return Listing(
        _(numerator if part == "numerator" else denominator),
        figure_dossiers(facts),
        None,
        [
            (_("Chỉ tiêu"), f"{target.get_kind_display()} {target.year}: {target.value}%"),
            (
                _("Cơ quan"),
                _("%(name)s (gồm các đơn vị trực thuộc)") % {"name": target.agency.name},
            ),
        ],
        period,
        {"target": str(target.pk), "part": part},
        _url("backoffice:report-targets", {"year": str(target.year)}),
    )


LISTINGS = {
    "lien-thong": _attribution_listing,
    "can-bo": _officer_listing,
    "chi-tieu": _target_listing,
}


@staff_required
def report_unit_dossiers(request: HttpRequest, kind: str) -> HttpResponse:
    """The dossiers behind a number of the attribution, officer or target reports (50 a page)."""
    build = LISTINGS.get(kind)
    if build is None:
        raise Http404
    try:
        listing = build(request)
    except NotFound:
        raise Http404 from None
    if isinstance(listing, HttpResponse):
        return listing
    page = Paginator(listing.dossiers, PER_PAGE).get_page(request.GET.get("page"))
    dossiers = list(page)
    notes: Mapping[int, list[str]] = listing.notes or {}
    if listing.notes_for is not None:
        notes = listing.notes_for([d.pk for d in dossiers])
    now = timezone.now()
    lines = []
    for dossier in dossiers:
        label, css = judgement(dossier, at=now)
        lines.append(ListLine(dossier, label, css, list(notes.get(dossier.pk, []))))
    context = {
        "listing": listing,
        "page": page,
        "lines": lines,
        "page_query": urlencode(listing.query),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }
    return render(request, "backoffice/reports/units_dossiers.html", context)
