"""Report files: parse a report's parameters for an actor, render a report now, or make the file
in the background and keep it for download (`ReportExport`).

- `report_params_parse` reads the parameters the report pages, the export form and the command
  share (period token or from/to dates, agency code within the actor's scope, field, procedure,
  channel, grouping) and refuses bad ones with stable codes (`period_invalid`,
  `agency_not_found`, …) before anything is written.
- `report_export_render` runs the query and renders the file at once (used for small reports:
  `export_is_small`, at most one month, downloaded directly from the pages).
- `report_export_request` checks everything, saves a queued `ReportExport` and enqueues
  `motcua.reports.tasks.report_export_run` after commit; `report_export_execute` (the task's body)
  runs it, saving progress (10 % after the query, 60 % after rendering, 100 % when stored), then
  `done` with the file or `failed` with a message in Vietnamese.
- `REPORTS`: the tables that can be exported, by code — `timeliness`, `late_units`,
  `attribution`, `officers`, `circular01` (per agency), `circular01_staff`, `index766` — each
  running its selector and describing its table with a `sheet_for_*` of `exports`.
"""

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.catalog.models import CodeNamespace, Field, Procedure
from motcua.core.audit import audit_record
from motcua.core.errors import DomainError, NotFound, ValidationFailed
from motcua.dossiers.models import Channel
from motcua.reports.attribution import attribution_report
from motcua.reports.exports import (
    CONTENT_TYPES,
    FORMATS,
    RenderedReport,
    ReportSheet,
    file_name,
    render,
    sheet_for_attribution,
    sheet_for_circular01,
    sheet_for_circular01_staff,
    sheet_for_index766,
    sheet_for_late_units,
    sheet_for_officers,
    sheet_for_timeliness,
)
from motcua.reports.index766 import index766_table
from motcua.reports.models import ExportStatus, ReportExport
from motcua.reports.officers import officer_evaluation
from motcua.reports.periods import Period, parse_period, period_between
from motcua.reports.scope import ReportFilter, ReportScope, report_filter, report_scope
from motcua.reports.scoring import circular01_scores, circular01_staff
from motcua.reports.timeliness import GROUPS, timeliness_table
from motcua.reports.units import late_units

logger = logging.getLogger(__name__)

PARAM_KEYS = ("period", "agency", "field", "procedure", "channel", "group_by")
SMALL_DAYS = 31  # a report over at most this many days is rendered at once (one month)
MAX_IN_FLIGHT = 5  # queued or running exports per person
UNEXPECTED_ERROR = (
    "Không tạo được tệp báo cáo do lỗi của hệ thống. Vui lòng thử lại sau hoặc báo quản trị viên."
)


@dataclass(frozen=True)
class ReportParams:
    """What a report counts, parsed and checked against the actor's scope."""

    period: Period
    filter: ReportFilter
    group_by: str = "agency"
    issuer: str = ""  # the agency named top left of the file

    def as_dict(self) -> dict[str, str]:
        """The parameters as stored on an export and written in links (stable, minimal)."""
        data = {"period": self.period.token, **self.filter.params()}
        if self.group_by != "agency":
            data["group_by"] = self.group_by
        return data


def _text(params: Mapping[str, object], key: str) -> str:
    value = params.get(key)
    return value.strip() if isinstance(value, str) else ""


def _period(params: Mapping[str, object]) -> Period:
    token = _text(params, "period")
    first, last = _text(params, "from"), _text(params, "to")
    if not token and (first or last):
        try:
            return period_between(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
        except ValueError:
            raise ValidationFailed(
                "Ngày bắt đầu và ngày kết thúc phải ghi theo dạng năm-tháng-ngày (2026-01-31).",
                code="period_invalid",
                field="period",
            ) from None
    if not token:
        raise ValidationFailed(
            "Hãy chọn kỳ báo cáo: tháng (2026-03), quý (2026-Q1), năm (2026) hoặc khoảng ngày "
            "(2026-01-01..2026-03-31).",
            code="period_invalid",
            field="period",
        )
    return parse_period(token)


def _procedure(code: str) -> Procedure:
    """By code; a code used in both namespaces means the national one."""
    found = {p.namespace: p for p in Procedure.objects.filter(code=code)}
    procedure = found.get(CodeNamespace.NATIONAL) or next(iter(found.values()), None)
    if procedure is None:
        raise NotFound(
            f"Không có thủ tục mã «{code}».", code="procedure_not_found", field="procedure"
        )
    return procedure


def report_params_parse(
    *, actor: User | None, params: Mapping[str, object], on: dt.date | None = None
) -> ReportParams:
    """Parse and check report parameters. `actor=None` is the whole province (commands).

    Refusals: `reports_not_permitted` (PermissionDenied), `period_invalid`, `period_too_long`,
    `agency_not_found` (also for an agency outside the actor's scope), `field_not_found`,
    `procedure_not_found`, `channel_invalid`, `group_by_invalid`."""
    today = on or timezone.localdate()
    scope = (
        ReportScope(None, tuple(Agency.objects.filter(parent=None).order_by("code")))
        if actor is None
        else report_scope(actor=actor, on=today)
    )
    period = _period(params)
    agency = None
    if code := _text(params, "agency"):
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise NotFound("Không tìm thấy cơ quan.", code="agency_not_found", field="agency")
    field = None
    if code := _text(params, "field"):
        field = Field.objects.filter(code=code).first()
        if field is None:
            raise NotFound(f"Không có lĩnh vực mã «{code}».", code="field_not_found", field="field")
    procedure = _procedure(code) if (code := _text(params, "procedure")) else None
    channel = None
    if value := _text(params, "channel"):
        if value not in Channel.values:
            raise ValidationFailed(
                f"Kênh nộp «{value}» không hợp lệ.", code="channel_invalid", field="channel"
            )
        channel = Channel(value)
    group_by = _text(params, "group_by") or "agency"
    if group_by not in GROUPS:
        raise ValidationFailed(
            f"Cách nhóm «{group_by}» không hợp lệ.", code="group_by_invalid", field="group_by"
        )
    report = report_filter(
        scope=scope, agency=agency, field=field, procedure=procedure, channel=channel
    )
    issuer = agency.name if agency is not None else ""
    if not issuer and len(scope.roots) == 1:
        issuer = scope.roots[0].name
    return ReportParams(period=period, filter=report, group_by=group_by, issuer=issuer)


# --- Report kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportKind:
    code: str
    label: str  # Vietnamese, for the export form
    sheet: Callable[[ReportParams], ReportSheet]  # runs the query and describes the table


def _timeliness_sheet(params: ReportParams) -> ReportSheet:
    table = timeliness_table(report=params.filter, period=params.period, group_by=params.group_by)
    return sheet_for_timeliness(table, filter=params.filter, issuer=params.issuer)


def _late_units_sheet(params: ReportParams) -> ReportSheet:
    result = late_units(report=params.filter, period=params.period)
    return sheet_for_late_units(result, filter=params.filter, issuer=params.issuer)


def _attribution_sheet(params: ReportParams) -> ReportSheet:
    result = attribution_report(report=params.filter, period=params.period)
    return sheet_for_attribution(result, filter=params.filter, issuer=params.issuer)


def _officers_sheet(params: ReportParams) -> ReportSheet:
    rows = officer_evaluation(report=params.filter, period=params.period)
    return sheet_for_officers(
        rows, period=params.period, filter=params.filter, issuer=params.issuer
    )


def _circular01_sheet(params: ReportParams) -> ReportSheet:
    table = circular01_scores(report=params.filter, period=params.period)
    return sheet_for_circular01(table, filter=params.filter, issuer=params.issuer)


def _circular01_staff_sheet(params: ReportParams) -> ReportSheet:
    scores = circular01_staff(report=params.filter, period=params.period)
    return sheet_for_circular01_staff(
        scores, period=params.period, filter=params.filter, issuer=params.issuer
    )


def _index766_sheet(params: ReportParams) -> ReportSheet:
    table = index766_table(report=params.filter, period=params.period)
    return sheet_for_index766(table, filter=params.filter, issuer=params.issuer)


# The report pages link their table's files with these codes (`export_download_url(report=…)`).
REPORTS: dict[str, ReportKind] = {
    kind.code: kind
    for kind in (
        ReportKind("timeliness", "Tình hình tiếp nhận và giải quyết hồ sơ", _timeliness_sheet),
        ReportKind("late_units", "Đơn vị có tỷ lệ hồ sơ trễ hạn", _late_units_sheet),
        ReportKind(
            "attribution",
            "Xác định trách nhiệm trong hồ sơ liên thông trễ hạn",
            _attribution_sheet,
        ),
        ReportKind("officers", "Đánh giá kết quả xử lý hồ sơ của cán bộ", _officers_sheet),
        ReportKind(
            "circular01",
            "Chấm điểm theo Thông tư 01/2018 — cơ quan, đơn vị",
            _circular01_sheet,
        ),
        ReportKind(
            "circular01_staff",
            "Chấm điểm theo Thông tư 01/2018 — cán bộ, công chức",
            _circular01_staff_sheet,
        ),
        ReportKind(
            "index766",
            "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766) — ước tính",
            _index766_sheet,
        ),
    )
}


def _report_kind(report: str) -> ReportKind:
    kind = REPORTS.get(report)
    if kind is None:
        raise ValidationFailed(
            f"Không có báo cáo «{report}».", code="report_invalid", field="report"
        )
    return kind


def _check_format(file_format: str) -> None:
    if file_format not in FORMATS:
        raise ValidationFailed(
            f"Định dạng «{file_format}» không hợp lệ: chọn Excel (xlsx), CSV hoặc PDF.",
            code="format_invalid",
            field="format",
        )


def export_is_small(period: Period) -> bool:
    """A report covering at most one month is made at once; longer ones in the background."""
    return (period.last - period.first).days < SMALL_DAYS


def report_export_render(
    *, actor: User | None, report: str, file_format: str, params: Mapping[str, object]
) -> RenderedReport:
    """The report file now (no row saved): for small reports downloaded from the pages."""
    kind = _report_kind(report)
    _check_format(file_format)
    parsed = report_params_parse(actor=actor, params=params)
    sheet = kind.sheet(parsed)
    return RenderedReport(
        file_name(sheet, file_format), CONTENT_TYPES[file_format], render(sheet, file_format)
    )


# --- Background exports -------------------------------------------------------------------------


def _enqueue(export_id: int) -> None:
    from motcua.reports.tasks import report_export_run  # the task module imports this one

    report_export_run.enqueue(export_id)


def report_export_request(
    *, actor: User, report: str, file_format: str, params: Mapping[str, object]
) -> ReportExport:
    """Check the request and queue the file. Refusals (nothing saved): `report_invalid`,
    `format_invalid`, those of `report_params_parse`, and `export_busy` when the actor already
    has `MAX_IN_FLIGHT` files being made."""
    _report_kind(report)
    _check_format(file_format)
    parsed = report_params_parse(actor=actor, params=params)
    with transaction.atomic():
        in_flight = ReportExport.objects.filter(
            requested_by=actor, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]
        ).count()
        if in_flight >= MAX_IN_FLIGHT:
            raise ValidationFailed(
                f"Ông/Bà đang có {in_flight} tệp báo cáo chưa tạo xong. Vui lòng chờ các tệp đó "
                "xong rồi yêu cầu tiếp.",
                code="export_busy",
            )
        export = ReportExport.objects.create(
            report=report,
            file_format=file_format,
            params=parsed.as_dict(),
            requested_by=actor,
        )
        audit_record(
            actor=actor,
            action="report_export.requested",
            obj=export,
            data={"report": report, "format": file_format, "params": export.params},
        )
        transaction.on_commit(partial(_enqueue, export.pk))
    return export


def report_export_progress(*, export_id: int, percent: int) -> None:
    """Save how far a running export has got (autocommitted: the status page sees it)."""
    ReportExport.objects.filter(pk=export_id).update(progress=percent)


def _claim(export_id: int) -> ReportExport | None:
    with transaction.atomic():
        export = (
            ReportExport.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status != ExportStatus.QUEUED:
            return None
        export.status = ExportStatus.RUNNING
        export.progress = 0
        export.save(update_fields=["status", "progress"])
    return export


def _fail(export: ReportExport, message: str, code: str) -> None:
    export.status = ExportStatus.FAILED
    export.error = message
    export.finished_at = timezone.now()
    export.save(update_fields=["status", "error", "finished_at"])
    audit_record(
        actor=export.requested_by,
        action="report_export.failed",
        obj=export,
        data={"code": code},
    )


def report_export_execute(*, export_id: int) -> None:
    """Make a queued export's file (the task's body); does nothing unless it is queued.

    The parameters are checked again against the requester's scope today (rights may have
    changed since the request)."""
    export = _claim(export_id)
    if export is None:
        return
    try:
        kind = _report_kind(export.report)
        _check_format(export.file_format)
        params = report_params_parse(actor=export.requested_by, params=export.params)
        sheet = kind.sheet(params)
        report_export_progress(export_id=export.pk, percent=10)
        data = render(sheet, export.file_format)
        report_export_progress(export_id=export.pk, percent=60)
        name = file_name(sheet, export.file_format)
        export.file.save(name, ContentFile(data), save=False)
    except DomainError as exc:
        _fail(export, exc.message, exc.code)
        return
    except Exception:
        logger.exception("Report export %s failed", export.pk)
        _fail(export, UNEXPECTED_ERROR, "unexpected_error")
        return
    export.file_name = name
    export.status = ExportStatus.DONE
    export.progress = 100
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "file_name", "status", "progress", "finished_at"])
    audit_record(
        actor=export.requested_by,
        action="report_export.done",
        obj=export,
        data={"file_name": name, "size": len(data)},
    )


# --- Reads --------------------------------------------------------------------------------------


def report_export_list_for_user(*, actor: User, limit: int = 50) -> list[ReportExport]:
    """The actor's own exports, newest first."""
    return list(
        ReportExport.objects.filter(requested_by=actor).order_by("-created_at", "-pk")[:limit]
    )


def access_report_export(actor: User, *, pk: int) -> ReportExport:
    """The export `pk` if the actor requested it; NotFound otherwise (whether it exists or not)."""
    export = ReportExport.objects.filter(pk=pk, requested_by=actor).first()
    if export is None:
        raise NotFound("Không tìm thấy tệp báo cáo.", code="export_not_found")
    return export


def report_export_content_type(export: ReportExport) -> str:
    return CONTENT_TYPES.get(export.file_format, "application/octet-stream")
