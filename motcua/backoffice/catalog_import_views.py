"""Back-office pages to check and import the catalog workbook, and to export it.

An upload becomes a background job (`catalog_import_start`); its page shows the progress, which
htmx refreshes every second while the job is queued or running (a plain link reloads it without
JavaScript), then the report: what was or would be created, amended and unchanged, and every
problem by sheet, row and column. A successful check can be imported for real in one click.
Only province admins and superusers see these pages (an import publishes); anyone who reads the
catalog may export it.
"""

import datetime as dt
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.forms import add_domain_error
from motcua.catalog.importing import (
    access_catalog_import,
    catalog_export,
    catalog_import_confirm,
    catalog_import_list_recent,
    catalog_import_start,
)
from motcua.catalog.models import CatalogImport, CatalogImportStatus
from motcua.catalog.policies import catalog_rights
from motcua.core.errors import DomainError, NotFound

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "catalog-sample.xlsx"
SAMPLE_NAME = "mau-danh-muc-thu-tuc.xlsx"
DETAIL = "backoffice/catalog/import_detail.html"
PROBLEMS_SHOWN = 1000  # a page with more rows helps nobody; the rest is counted


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx) theo mẫu",
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )
    dry_run = forms.BooleanField(
        label="Chỉ kiểm tra (không ghi)",
        required=False,
        initial=True,
        help_text="Báo mọi lỗi của tệp và cho biết thủ tục nào sẽ được thêm mới hoặc sửa đổi, "
        "nhưng không ghi gì. Sau khi kiểm tra không có lỗi, bấm «Nhập thật» để nhập.",
    )
    valid_from = forms.DateField(
        label="Ngày hiệu lực của các phiên bản mới",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Thủ tục mới hoặc có thay đổi được công bố có hiệu lực từ ngày này; phiên bản "
        "đang áp dụng hết hiệu lực từ cùng ngày.",
    )


def _import_rights_or_404(request: HttpRequest) -> None:
    if not catalog_rights(actor(request)).manage_all:
        raise Http404


def _job_or_404(request: HttpRequest, pk: int) -> CatalogImport:
    try:
        return access_catalog_import(actor(request), pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@staff_required
def catalog_import(request: HttpRequest) -> HttpResponse:
    """The upload form and the latest jobs. POST stores the file, queues the job and goes to its
    page; a refused file comes back on the form."""
    _import_rights_or_404(request)
    user = actor(request)
    status = 200
    if request.method == "POST":
        form = CatalogImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # One byte over the limit is enough for the service to refuse an oversized file.
            data = upload.read(CatalogImport.MAX_BYTES + 1)
            try:
                job = catalog_import_start(
                    filename=upload.name or "",
                    data=data,
                    dry_run=form.cleaned_data["dry_run"],
                    valid_from=form.cleaned_data["valid_from"],
                    actor=user,
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    f"Đã nhận tệp «{job.filename}». "
                    + ("Đang kiểm tra…" if job.dry_run else "Đang nhập…"),
                )
                return redirect("backoffice:catalog-import-detail", job.pk)
        status = 400
    else:
        form = CatalogImportForm(initial={"valid_from": timezone.localdate(), "dry_run": True})
    return render(
        request,
        "backoffice/catalog/import_form.html",
        {"form": form, "jobs": catalog_import_list_recent()},
        status=status,
    )


def _detail_context(job: CatalogImport) -> dict[str, Any]:
    problems = job.problems
    created, amended, unchanged = (job.codes(key) for key in ("created", "amended", "unchanged"))
    confirmations = list(job.imports.exclude(status=CatalogImportStatus.FAILED).order_by("-pk"))
    return {
        "job": job,
        "problems": problems[:PROBLEMS_SHOWN],
        "problem_count": len(problems),
        "problems_hidden": max(0, len(problems) - PROBLEMS_SHOWN),
        "created": created,
        "amended": amended,
        "unchanged": unchanged,
        "show_outcomes": not problems and bool(created or amended or unchanged),
        "error": str(job.report.get("error", "")) if isinstance(job.report, dict) else "",
        "confirmation": confirmations[0] if confirmations else None,
        "percent": round(100 * job.done / job.total) if job.total else 0,
    }


@staff_required
@require_GET
def catalog_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's page; htmx polling gets only its status panel."""
    job = _job_or_404(request, pk)
    template = DETAIL
    if getattr(request, "htmx", False):
        template += "#status"
    return render(request, template, _detail_context(job))


@staff_required
@require_POST
def catalog_import_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    """«Nhập thật»: import the file of a successful check, from the same day."""
    check = _job_or_404(request, pk)
    try:
        job = catalog_import_confirm(check=check, actor=actor(request))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:catalog-import-detail", check.pk)
    messages.success(request, f"Đang nhập tệp «{job.filename}».")
    return redirect("backoffice:catalog-import-detail", job.pk)


@staff_required
@require_GET
def catalog_import_sample(request: HttpRequest) -> HttpResponse:
    """The documented sample workbook (docs/samples/catalog-sample.xlsx, a few kilobytes)."""
    if not catalog_rights(actor(request)).read or not SAMPLE.is_file():
        raise Http404
    return _xlsx_download(SAMPLE.read_bytes(), SAMPLE_NAME)


@staff_required
@require_GET
def catalog_export_view(request: HttpRequest) -> HttpResponse:
    """The procedures in force today as a catalog workbook, the format the import reads."""
    if not catalog_rights(actor(request)).read:
        raise Http404
    today: dt.date = timezone.localdate()
    return _xlsx_download(catalog_export(on=today), f"danh-muc-thu-tuc-{today:%Y%m%d}.xlsx")


def _xlsx_download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
