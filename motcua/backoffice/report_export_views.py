"""Back-office pages to export report tables to Excel, CSV or PDF, and the files made.

- `report-export` (bao-cao/xuat/): GET shows the form, prefilled from the query string (report
  pages link here with their filter). POST queues the file in the background
  (`report_export_request`) and goes to its status page. GET with `download=1` and a report of
  at most one month (`export_is_small`) sends the file at once, rendered in the request (no row
  kept); a longer report shows the form again, with a note that it is made in the background.
- `report-export-list` (bao-cao/tep/): the actor's own files, newest first.
- `report-export-status` (bao-cao/tep/<pk>/): status and progress; while queued or running, htmx
  refreshes its status panel every 2 s (a plain "Tải lại" link does the same without JS).
- `report-export-download` (bao-cao/tep/<pk>/tai-ve/): the file, as an attachment, for the
  requester only (404 for anyone else, and while it is not done).
Anyone without reports (`reports_not_permitted`) gets 404 on the form.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.accounts.models import Agency
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.forms import add_domain_error
from motcua.catalog.models import Field
from motcua.core.errors import DomainError, NotFound
from motcua.dossiers.models import Channel
from motcua.reports.models import ExportStatus, ReportExport
from motcua.reports.periods import month_of, parse_period
from motcua.reports.scope import ReportScope, report_scope
from motcua.reports.services import (
    PARAM_KEYS,
    REPORTS,
    access_report_export,
    export_is_small,
    report_export_content_type,
    report_export_list_for_user,
    report_export_render,
    report_export_request,
    report_params_parse,
)

FORM = "backoffice/reports/exports_form.html"
LIST = "backoffice/reports/exports_list.html"
STATUS = "backoffice/reports/exports_status.html"

FORMAT_CHOICES = [
    ("xlsx", gettext_lazy("Excel (.xlsx)")),
    ("csv", gettext_lazy("CSV (.csv)")),
    ("pdf", gettext_lazy("PDF (.pdf)")),
]
GROUP_CHOICES = [
    ("agency", gettext_lazy("Theo đơn vị (kèm các đơn vị trực thuộc)")),
    ("field", gettext_lazy("Theo lĩnh vực")),
    ("procedure", gettext_lazy("Theo thủ tục")),
    ("channel", gettext_lazy("Theo kênh nộp")),
    ("none", gettext_lazy("Chỉ dòng tổng cộng")),
]


def export_download_url(*, report: str, file_format: str, params: Mapping[str, str]) -> str:
    """The link a report page offers for "Tải Excel/CSV/PDF": a direct download for a month or
    less, the export form (background file) for longer periods."""
    query = {**params, "report": report, "format": file_format, "download": "1"}
    return f"{reverse('backoffice:report-export')}?{urlencode(query)}"


DOWNLOAD_FORMATS = (("xlsx", "Excel"), ("csv", "CSV"), ("pdf", "PDF"))


def download_links(*, report: str, params: Mapping[str, str]) -> list[tuple[str, str]]:
    """(label, url) of a report page's "Tải bảng này: Excel · CSV · PDF" line
    (backoffice/reports/_downloads.html)."""
    return [
        (label, export_download_url(report=report, file_format=fmt, params=params))
        for fmt, label in DOWNLOAD_FORMATS
    ]


class ReportExportForm(forms.Form):
    """The shape of an export request. Values are checked by the service, which names the
    field of any refusal (so the messages and codes are the same for the API and the command)."""

    report = forms.CharField(label=gettext_lazy("Báo cáo"), widget=forms.Select())
    format = forms.CharField(
        label=gettext_lazy("Định dạng tệp"),
        initial="xlsx",
        widget=forms.Select(choices=FORMAT_CHOICES),
    )
    period = forms.CharField(
        label=gettext_lazy("Kỳ báo cáo"),
        max_length=32,
        help_text=gettext_lazy(
            "Tháng (2026-03), quý (2026-Q1), năm (2026) hoặc khoảng ngày "
            "(2026-01-01..2026-03-31). Báo cáo dài hơn một tháng được tạo dưới nền."
        ),
    )
    agency = forms.CharField(label=gettext_lazy("Đơn vị"), required=False, widget=forms.Select())
    field = forms.CharField(label=gettext_lazy("Lĩnh vực"), required=False, widget=forms.Select())
    procedure = forms.CharField(
        label=gettext_lazy("Mã thủ tục"),
        required=False,
        max_length=32,
        help_text=gettext_lazy("Để trống để gồm mọi thủ tục; ví dụ 1.001193."),
    )
    channel = forms.CharField(label=gettext_lazy("Kênh nộp"), required=False, widget=forms.Select())
    group_by = forms.CharField(
        label=gettext_lazy("Các dòng của bảng"),
        initial="agency",
        required=False,
        widget=forms.Select(choices=GROUP_CHOICES),
    )

    def __init__(
        self,
        data: Mapping[str, str] | None = None,
        *,
        initial: Mapping[str, str] | None = None,
        agencies: list[Agency],
        fields: list[Field],
    ) -> None:
        super().__init__(data, initial=dict(initial or {}))
        self._choose("report", [(code, _(kind.label)) for code, kind in REPORTS.items()])
        self._choose(
            "agency",
            [("", _("Mọi đơn vị trong phạm vi"))]
            + [(a.code, f"{a.name} ({a.code})") for a in agencies],
        )
        self._choose("field", [("", _("Mọi lĩnh vực"))] + [(f.code, f.name) for f in fields])
        self._choose("channel", [("", _("Mọi kênh"))] + [(c.value, str(c.label)) for c in Channel])

    def _choose(self, name: str, choices: list[tuple[str, str]]) -> None:
        widget = self.fields[name].widget
        assert isinstance(widget, forms.Select)
        widget.choices = choices

    def request_params(self) -> dict[str, str]:
        return {key: str(self.cleaned_data.get(key) or "") for key in PARAM_KEYS}


def _scope_or_404(request: HttpRequest) -> ReportScope:
    try:
        return report_scope(actor=actor(request), on=timezone.localdate())
    except DomainError as exc:
        raise Http404(exc.message) from exc


def _form(
    scope: ReportScope, data: Mapping[str, str] | None, initial: Mapping[str, str]
) -> ReportExportForm:
    agencies = Agency.objects.only("pk", "code", "name").order_by("code")
    if scope.agency_ids is not None:
        agencies = agencies.filter(pk__in=scope.agency_ids)
    fields = list(Field.objects.only("pk", "code", "name").order_by("name"))
    return ReportExportForm(data, initial=initial, agencies=list(agencies), fields=fields)


def _default_initial(query: Mapping[str, str]) -> dict[str, str]:
    today: dt.date = timezone.localdate()
    previous = month_of(month_of(today).first - dt.timedelta(days=1))
    initial = {
        "report": "timeliness",
        "format": "xlsx",
        "period": previous.token,
        "group_by": "agency",
    }
    for key in ("report", "format", *PARAM_KEYS):
        if value := query.get(key, "").strip():
            initial[key] = value
    return initial


def _file_response(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _direct(request: HttpRequest, form: ReportExportForm) -> tuple[HttpResponse | None, bool]:
    """A small report's file now; (None, True) when it is too long for that; (None, False) with
    the form's errors set when the request is refused."""
    params = form.request_params()
    try:
        parsed = report_params_parse(actor=actor(request), params=params)
        if not export_is_small(parsed.period):
            return None, True
        rendered = report_export_render(
            actor=actor(request),
            report=form.cleaned_data["report"],
            file_format=form.cleaned_data["format"],
            params=params,
        )
    except DomainError as exc:
        add_domain_error(form, exc)
        return None, False
    return _file_response(rendered.data, rendered.name, rendered.content_type), False


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_export(request: HttpRequest) -> HttpResponseBase:
    scope = _scope_or_404(request)
    user = actor(request)
    status = 200
    too_long = False
    if request.method == "POST":
        form = _form(scope, request.POST, {})
        if form.is_valid():
            try:
                export = report_export_request(
                    actor=user,
                    report=form.cleaned_data["report"],
                    file_format=form.cleaned_data["format"],
                    params=form.request_params(),
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _("Đã nhận yêu cầu. Tệp báo cáo đang được tạo."))
                return redirect("backoffice:report-export-status", export.pk)
        status = 400
    elif request.GET.get("download"):
        form = _form(scope, request.GET, {})
        if form.is_valid():
            response, too_long = _direct(request, form)
            if response is not None:
                return response
        if not too_long:
            status = 400
    else:
        form = _form(scope, None, _default_initial(request.GET))
    return render(request, FORM, {"form": form, "too_long": too_long}, status=status)


PARAM_LABELS = {
    "agency": gettext_lazy("Đơn vị"),
    "field": gettext_lazy("Lĩnh vực"),
    "procedure": gettext_lazy("Thủ tục"),
    "channel": gettext_lazy("Kênh nộp"),
    "group_by": gettext_lazy("Các dòng"),
}


@dataclass(frozen=True)
class ExportLine:
    """An export as the pages show it (no query: codes as stored)."""

    export: ReportExport
    report_label: str
    period_label: str
    details: list[tuple[str, str]]

    @property
    def finished(self) -> bool:
        return self.export.status in (ExportStatus.DONE, ExportStatus.FAILED)


def _line(export: ReportExport) -> ExportLine:
    params = export.params if isinstance(export.params, dict) else {}
    kind = REPORTS.get(export.report)
    token = str(params.get("period", ""))
    try:
        period_label = parse_period(token).label
    except DomainError:
        period_label = token
    channels = {c.value: str(c.label) for c in Channel}
    groups = dict(GROUP_CHOICES)
    details: list[tuple[str, str]] = []
    for key, label in PARAM_LABELS.items():
        value = str(params.get(key, "") or "")
        if not value:
            continue
        shown = channels.get(value, value) if key == "channel" else value
        shown = str(groups.get(value, value)) if key == "group_by" else shown
        details.append((str(label), shown))
    return ExportLine(export, _(kind.label) if kind else export.report, period_label, details)


@staff_required
@require_GET
def report_export_list(request: HttpRequest) -> HttpResponse:
    """The actor's own files, newest first."""
    lines = [_line(export) for export in report_export_list_for_user(actor=actor(request))]
    return render(request, LIST, {"lines": lines})


def _export_or_404(request: HttpRequest, pk: int) -> ReportExport:
    try:
        return access_report_export(actor(request), pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@staff_required
@require_GET
def report_export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """An export's page; htmx polling gets only its status panel."""
    export = _export_or_404(request, pk)
    template = STATUS + "#status" if getattr(request, "htmx", False) else STATUS
    return render(request, template, {"line": _line(export), "export": export})


@staff_required
@require_GET
def report_export_download(request: HttpRequest, pk: int) -> FileResponse:
    export = _export_or_404(request, pk)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404(_("Tệp báo cáo chưa tạo xong."))
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file_name or (export.file.name or "").rsplit("/", 1)[-1],
        content_type=report_export_content_type(export),
    )
