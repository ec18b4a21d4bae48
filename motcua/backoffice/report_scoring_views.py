"""The scoring reports in the back office: Circular 01/2018/TT-VPCP Article 13 scores per agency
and per staff member (`bao-cao/cham-diem/`), the Decision 766 service index (`bao-cao/chi-so-766/`)
and the rows behind each of its numerators and denominators
(`bao-cao/chi-so-766/<indicator>/<tu-so|mau-so>/`).

Adapters only, on the reports' shared request handling (`report_views.report_request`: the
actor's scope, the filter form, an agency outside the scope is a 404, an officer without report
scope gets the plain "no report scope" page). The selectors (`motcua.reports.scoring`,
`motcua.reports.index766`) count. Without a period in the URL both pages show the last full
quarter (Circular 01/2018 scores per quarter and year). Plain GET forms and links: no JavaScript.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.backoffice.access import staff_required
from motcua.backoffice.report_export_views import download_links
from motcua.backoffice.report_views import (
    ReportRequest,
    drill_url,
    filter_description,
    report_request,
)
from motcua.core.timezone import local_today
from motcua.reports.index766 import (
    GROUPS,
    IndicatorResult,
    IndicatorUnknown,
    Kind,
    Part,
    index766_drilldown,
    index766_table,
    measurable_indicator,
)
from motcua.reports.periods import Period, PeriodKind, quarter_of
from motcua.reports.scoring import (
    ALL_INDICATORS,
    DOSSIER_INDICATORS,
    INDICATOR_LABELS,
    MAX_TOTAL,
    circular01_scores,
    circular01_staff,
)
from motcua.reports.timeliness import figure_dossiers

PER_PAGE = 50
PARTS = {"tu-so": Part.NUMERATOR, "mau-so": Part.DENOMINATOR}
PART_SLUGS = {part: slug for slug, part in PARTS.items()}
TABS = ("don-vi", "can-bo")


def last_full_quarter(today: dt.date) -> Period:
    """The quarter before the one `today` is in."""
    return quarter_of(today).previous()


def _default_period(request: HttpRequest) -> HttpResponseRedirect | None:
    """Without a period in the URL, the same page for the last full quarter."""
    if request.GET.get("kind") or request.GET.get("period"):
        return None
    params = request.GET.copy()
    params["period"] = last_full_quarter(local_today()).token
    return HttpResponseRedirect(f"{request.path}?{params.urlencode()}")


def _period_notice(period: Period) -> str:
    if period.kind in (PeriodKind.QUARTER, PeriodKind.YEAR):
        return ""
    return _(
        "Thông tư 01/2018/TT-VPCP chấm điểm theo quý và theo năm; kỳ đang chọn (%(label)s) chỉ "
        "để tham khảo."
    ) % {"label": period.label}


# --- Circular 01/2018 -----------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreCell:
    indicator: int
    value: Decimal
    detail: str = ""


@staff_required
def report_scoring(request: HttpRequest) -> HttpResponse:
    """The nine indicators of Circular 01/2018 per agency (tab "don-vi"), or each staff member's
    score over the dossiers whose steps they handled (tab "can-bo")."""
    redirect = _default_period(request)
    if redirect is not None:
        return redirect
    resolved = report_request(request)
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    tab = request.GET.get("tab", TABS[0])
    if tab not in TABS:
        tab = TABS[0]
    page = reverse("backoffice:report-scoring")
    context: dict[str, Any] = {
        "ctx": ctx,
        "form": ctx.form,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "period_notice": _period_notice(ctx.period),
        "page_url": page,
        "tab": tab,
        "tabs": [
            ("don-vi", _("Theo cơ quan, đơn vị"), f"{page}?{ctx.query(tab='don-vi')}"),
            ("can-bo", _("Theo cán bộ, công chức"), f"{page}?{ctx.query(tab='can-bo')}"),
        ],
        "indicators": [(n, INDICATOR_LABELS[n]) for n in ALL_INDICATORS],
        "dossier_indicators": [(n, INDICATOR_LABELS[n]) for n in DOSSIER_INDICATORS],
        "max_total": MAX_TOTAL,
        "dashboard_url": f"{reverse('backoffice:reports')}?{ctx.query()}",
        "downloads": download_links(
            report="circular01" if tab == "don-vi" else "circular01_staff", params=ctx.params
        ),
    }
    if tab == "don-vi":
        table = circular01_scores(report=ctx.report, period=ctx.period)
        context["rows"] = [
            {
                "row": row,
                "cells": [
                    ScoreCell(n, row.score(n), row.unit[n].detail if n in row.unit else "")
                    for n in ALL_INDICATORS
                ],
                "dossiers_url": drill_url(
                    "resolved", ctx, row={"row_agency": row.agency.code, "row_own": "1"}
                ),
            }
            for row in table.rows
        ]
    else:
        context["staff"] = [
            {"score": score, "cells": [score.averages[n] for n in DOSSIER_INDICATORS]}
            for score in circular01_staff(report=ctx.report, period=ctx.period)
        ]
    return render(request, "backoffice/reports/scoring.html", context)


# --- Decision 766 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorLine:
    result: IndicatorResult
    numerator_url: str
    denominator_url: str


def _drill(code: str, part: Part, ctx: ReportRequest) -> str:
    path = reverse("backoffice:report-index766-dossiers", args=[code, PART_SLUGS[part]])
    return f"{path}?{ctx.query()}"


@staff_required
def report_index766(request: HttpRequest) -> HttpResponse:
    """The index for the filter (the province, or the chosen agency with its sub-units), each
    indicator with its formula, numerator and denominator (links to their rows), ratio and points,
    and the groups' and each agency's own estimated points."""
    redirect = _default_period(request)
    if redirect is not None:
        return redirect
    resolved = report_request(request)
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    table = index766_table(report=ctx.report, period=ctx.period)
    groups = []
    for group in table.total.groups:
        lines = [
            IndicatorLine(
                result,
                _drill(result.indicator.code, Part.NUMERATOR, ctx)
                if result.indicator.measurable
                else "",
                _drill(result.indicator.code, Part.DENOMINATOR, ctx)
                if result.indicator.measurable
                else "",
            )
            for result in group.results
        ]
        groups.append({"score": group, "lines": lines})
    page = reverse("backoffice:report-index766")
    agencies = [
        {
            "row": row,
            "url": f"{page}?{ctx.query(agency=row.agency.code)}" if row.agency else "",
        }
        for row in table.rows
    ]
    context = {
        "ctx": ctx,
        "form": ctx.form,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "total": table.total,
        "groups": groups,
        "group_defs": GROUPS,
        "agencies": agencies,
        "page_url": page,
        "dashboard_url": f"{reverse('backoffice:reports')}?{ctx.query()}",
        "downloads": download_links(report="index766", params=ctx.params),
    }
    return render(request, "backoffice/reports/index766.html", context)


def _rows(kind: Kind, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The drill-down's rows with what the list shows, in a stable order."""
    if kind is Kind.DOSSIERS:
        return figure_dossiers(queryset)
    if kind is Kind.FEEDBACK:
        return queryset.select_related("agency", "dossier").order_by("-received_at", "-pk")
    if kind is Kind.VERSIONS:
        return queryset.select_related("procedure", "field").order_by("procedure__code", "number")
    return queryset


@staff_required
def report_index766_dossiers(request: HttpRequest, indicator: str, part: str) -> HttpResponse:
    """The dossiers, PAKN or procedures behind one indicator's numerator or denominator (50 a
    page); 404 for an unknown or not measurable indicator."""
    chosen = PARTS.get(part)
    if chosen is None:
        raise Http404
    try:
        definition = measurable_indicator(indicator)
    except IndicatorUnknown:
        raise Http404 from None
    redirect = _default_period(request)
    if redirect is not None:
        return redirect
    resolved = report_request(request)
    if isinstance(resolved, HttpResponse):
        return resolved
    ctx = resolved
    drilldown = index766_drilldown(
        report=ctx.report, period=ctx.period, indicator=indicator, part=chosen
    )
    page = Paginator(_rows(drilldown.kind, drilldown.queryset), PER_PAGE).get_page(
        request.GET.get("page")
    )
    other = Part.DENOMINATOR if chosen is Part.NUMERATOR else Part.NUMERATOR
    context = {
        "ctx": ctx,
        "period": ctx.period,
        "filters": filter_description(ctx.report),
        "indicator": definition,
        "part": chosen,
        "part_text": definition.numerator_text
        if chosen is Part.NUMERATOR
        else definition.denominator_text,
        "kind": drilldown.kind.value,
        "page": page,
        "page_query": urlencode(ctx.params),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "other_url": _drill(indicator, other, ctx),
        "index_url": f"{reverse('backoffice:report-index766')}?{ctx.query()}",
    }
    return render(request, "backoffice/reports/index766_dossiers.html", context)
