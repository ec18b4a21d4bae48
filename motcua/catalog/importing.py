"""Import and export of the catalog workbook (see docs/catalog-workbook.md).

An import checks the whole workbook before it writes anything: the sheets and cells
(`workbook.read_workbook`), each procedure's publication rules (`specs.validate_for_publication`),
its e-forms (`services.spec_publication_problems`), the lengths the database holds and the codes it refers to
(fields, agencies). Every problem is located to a sheet, row and column. Only a workbook with no
problem is written, in one transaction: a procedure is new, amended (something differs from its
latest published version: a new version is published from `valid_from`, and the old one ends
that day) or unchanged (nothing written), so importing the same workbook twice changes nothing.

From the back office an import is a job (`CatalogImport`): `catalog_import_start` checks the
upload and the actor and enqueues `catalog.tasks.run_catalog_import_task`, which runs
`catalog_import_run` in the background, saving progress and the report on the job's row.
"""

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial
from typing import BinaryIO

from django.db import DatabaseError, connection, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.catalog.models import (
    CaseVariant,
    CatalogImport,
    CatalogImportStatus,
    Component,
    EndReason,
    FeeItem,
    Field,
    Procedure,
    ProcedureVersion,
    ProcessStep,
)
from motcua.catalog.policies import catalog_rights
from motcua.catalog.selectors import (
    version_draft,
    version_latest_published,
    version_list_public,
    version_spec,
)
from motcua.catalog.services import (
    procedure_draft_save,
    procedure_publish,
    spec_publication_problems,
)
from motcua.catalog.specs import Problem, ProcedureSpec
from motcua.catalog.workbook import (
    SHEET_PROCEDURES,
    ParsedProcedure,
    WorkbookProblem,
    read_workbook,
    sort_problems,
    write_workbook,
)
from motcua.core.audit import audit_record
from motcua.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed

IMPORT_REASON = "Nhập danh mục thủ tục từ tệp Excel."

logger = logging.getLogger(__name__)

type Progress = Callable[[int, int], None]


class WorkbookInvalid(ValidationFailed):
    """The workbook has problems; nothing was written. `problems` lists every one."""

    code = "workbook_invalid"

    def __init__(self, problems: Sequence[WorkbookProblem]) -> None:
        first = problems[0].describe()
        more = f" (và {len(problems) - 1} lỗi khác)" if len(problems) > 1 else ""
        super().__init__(
            f"Tệp chưa được nhập: {first}{more}",
            details={"problems": [p.as_dict() for p in problems]},
        )
        self.problems = tuple(problems)


class ImportOutcome(StrEnum):
    CREATED = "created"
    AMENDED = "amended"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, in a dry run, would do) to each procedure of the workbook."""

    dry_run: bool
    valid_from: dt.date
    created: tuple[str, ...] = ()
    amended: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    problems: tuple[WorkbookProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total(self) -> int:
        return len(self.created) + len(self.amended) + len(self.unchanged)


def catalog_import(
    *,
    data: bytes | BinaryIO,
    dry_run: bool,
    actor: User | None,
    valid_from: dt.date,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a catalog workbook: every changed or new procedure is published from `valid_from`.

    A dry run writes nothing and returns the report with every problem. A real import writes
    only a workbook without problems, all of it in one transaction; otherwise it raises
    WorkbookInvalid listing every problem. A file that is not an .xlsx workbook raises
    WorkbookUnreadable (code `workbook_unreadable`) either way. `progress(done, total)` is
    called as the procedures are compared (and written).
    """
    parsed = read_workbook(data)
    problems = [*parsed.problems, *_content_problems(parsed.procedures)]
    if problems and not dry_run:
        raise WorkbookInvalid(sort_problems(problems))
    outcomes: dict[ImportOutcome, list[str]] = {o: [] for o in ImportOutcome}
    total = len(parsed.procedures)
    if progress is not None:
        progress(0, total)
    with transaction.atomic():
        if not dry_run:
            _lock(parsed.procedures)
        for done, item in enumerate(parsed.procedures, start=1):
            outcome, found = _plan(item, valid_from=valid_from)
            problems += found
            outcomes[outcome].append(item.spec.code)
            if not dry_run and not problems and outcome is not ImportOutcome.UNCHANGED:
                problems += _write(item, actor=actor, valid_from=valid_from)
            if progress is not None:
                progress(done, total)
        if problems and not dry_run:
            raise WorkbookInvalid(sort_problems(problems))  # rolls back what was written
    return ImportReport(
        dry_run=dry_run,
        valid_from=valid_from,
        created=tuple(outcomes[ImportOutcome.CREATED]),
        amended=tuple(outcomes[ImportOutcome.AMENDED]),
        unchanged=tuple(outcomes[ImportOutcome.UNCHANGED]),
        problems=tuple(sort_problems(problems)),
    )


def catalog_export(
    *, versions: Iterable[ProcedureVersion] | None = None, on: dt.date | None = None
) -> bytes:
    """The given versions, or the versions in force on `on` (by procedure code), as a catalog
    workbook that `catalog_import` reads back unchanged."""
    if (versions is None) == (on is None):
        raise ValueError("catalog_export needs either versions or on, not both")
    if on is not None:
        versions = version_list_public(on=on).order_by("procedure__code")
    assert versions is not None
    return write_workbook([version_spec(version=v) for v in versions])


# --- Checks -------------------------------------------------------------------------------------


def _content_problems(procedures: Sequence[ParsedProcedure]) -> list[WorkbookProblem]:
    """Everything publication would refuse, found before anything is written."""
    field_codes = set(
        Field.objects.filter(code__in={p.spec.field_code for p in procedures}).values_list(
            "code", flat=True
        )
    )
    wanted_agencies = {code for p in procedures for code in _agency_codes(p.spec)}
    agency_codes = set(
        Agency.objects.filter(code__in=wanted_agencies).values_list("code", flat=True)
    )
    located: list[WorkbookProblem] = []
    for item in procedures:
        spec = item.spec
        found = [
            *spec_publication_problems(spec),
            *_length_problems(spec),
            *_reference_problems(spec, field_codes=field_codes, agency_codes=agency_codes),
        ]
        located += [p for p in map(item.locate, found) if p is not None]
    return located


def _agency_codes(spec: ProcedureSpec) -> set[str]:
    return set(spec.executing_agency_codes) | {
        s.agency_code for v in spec.variants for s in v.steps if s.agency_code
    }


def _reference_problems(
    spec: ProcedureSpec, *, field_codes: set[str], agency_codes: set[str]
) -> list[Problem]:
    problems = []
    if spec.field_code and spec.field_code not in field_codes:
        problems.append(
            Problem("field", "field_unknown", f"Không có lĩnh vực mã «{spec.field_code}».")
        )
    for code in spec.executing_agency_codes:
        if code not in agency_codes:
            problems.append(
                Problem("executing_agencies", "agency_unknown", f"Không có cơ quan mã «{code}».")
            )
    for i, variant in enumerate(spec.variants):
        for j, step in enumerate(variant.steps):
            if step.agency_code and step.agency_code not in agency_codes:
                problems.append(
                    Problem(
                        f"variants[{i}].steps[{j}].agency",
                        "agency_unknown",
                        f"Không có cơ quan mã «{step.agency_code}».",
                    )
                )
    return problems


def _max_length(model: type[models.Model], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, models.CharField)
    assert field.max_length is not None
    return field.max_length


def _length_problems(spec: ProcedureSpec) -> list[Problem]:
    """Text longer than its database column (a slug or name that would not fit)."""
    checks: list[tuple[str, str, type[models.Model], str]] = [
        ("code", spec.code, Procedure, "code"),
        ("name", spec.name, ProcedureVersion, "name"),
        ("hotline", spec.hotline, ProcedureVersion, "hotline"),
        ("decision_number", spec.decision_number, ProcedureVersion, "decision_number"),
        ("decision_signer", spec.decision_signer, ProcedureVersion, "decision_signer"),
    ]
    for i, v in enumerate(spec.variants):
        where = f"variants[{i}]"
        checks += [(f"{where}.code", v.code, CaseVariant, "code")]
        checks += [(f"{where}.name", v.name, CaseVariant, "name")]
        for j, c in enumerate(v.components):
            checks += [
                (f"{where}.components[{j}].{attr}", getattr(c, attr), Component, attr)
                for attr in ("code", "name", "template_name")
            ]
        for j, f in enumerate(v.fees):
            checks += [
                (f"{where}.fees[{j}].{attr}", getattr(f, attr), FeeItem, attr)
                for attr in ("name", "unit")
            ]
        for j, s in enumerate(v.steps):
            checks += [
                (f"{where}.steps[{j}].{attr}", getattr(s, attr), ProcessStep, attr)
                for attr in ("code", "name")
            ]
    problems = []
    for path, value, model, name in checks:
        limit = _max_length(model, name)
        if len(value) > limit:
            problems.append(
                Problem(path, "too_long", f"Dài quá {limit} ký tự (hiện có {len(value)} ký tự).")
            )
    return problems


# --- Comparing and writing ----------------------------------------------------------------------


def canonical_spec(spec: ProcedureSpec) -> ProcedureSpec:
    """The spec as `version_spec` reads it back: sets sorted."""
    return replace(
        spec,
        levels=tuple(sorted(set(spec.levels))),
        executing_agency_codes=tuple(sorted(set(spec.executing_agency_codes))),
        variants=tuple(
            replace(
                v,
                steps=tuple(
                    replace(
                        s,
                        forward_to=tuple(sorted(set(s.forward_to))),
                        send_back_to=tuple(sorted(set(s.send_back_to))),
                    )
                    for s in v.steps
                ),
            )
            for v in spec.variants
        ),
    )


def _lock(procedures: Sequence[ParsedProcedure]) -> None:
    """Serialise concurrent imports of the same procedures."""
    codes = [p.spec.code for p in procedures]
    list(Procedure.objects.select_for_update().filter(code__in=codes).values_list("pk"))


def _plan(
    item: ParsedProcedure, *, valid_from: dt.date
) -> tuple[ImportOutcome, list[WorkbookProblem]]:
    """New, amended or unchanged, and what would stop the new version from being published."""
    spec = item.spec
    procedure = Procedure.objects.filter(namespace=spec.namespace, code=spec.code).first()
    if procedure is None:
        return ImportOutcome.CREATED, []
    latest = version_latest_published(procedure=procedure)
    if latest is not None and canonical_spec(version_spec(version=latest)) == canonical_spec(spec):
        return ImportOutcome.UNCHANGED, []
    problems: list[Problem] = []
    if version_draft(procedure=procedure) is not None:
        problems.append(
            Problem(
                "code",
                "draft_exists",
                f"Thủ tục «{spec.code}» đang có một dự thảo chưa công bố; hãy công bố hoặc hủy "
                "dự thảo đó trước khi nhập.",
            )
        )
    if latest is not None:
        assert latest.valid_from is not None
        if latest.end_reason in (EndReason.ABOLISHED, EndReason.REPLACED):
            problems.append(
                Problem(
                    "code",
                    "procedure_ended",
                    f"Thủ tục «{spec.code}» đã bị bãi bỏ hoặc thay thế; không nhập được phiên "
                    "bản mới.",
                )
            )
        elif valid_from <= latest.valid_from:
            problems.append(
                Problem(
                    "code",
                    "version_starts_too_early",
                    f"Thủ tục «{spec.code}» có phiên bản hiệu lực từ ngày "
                    f"{latest.valid_from:%d/%m/%Y}; phiên bản mới phải có hiệu lực sau ngày đó "
                    f"(ngày hiệu lực đã chọn: {valid_from:%d/%m/%Y}).",
                )
            )
    outcome = ImportOutcome.CREATED if latest is None else ImportOutcome.AMENDED
    return outcome, [p for p in map(item.locate, problems) if p is not None]


def _write(
    item: ParsedProcedure, *, actor: User | None, valid_from: dt.date
) -> list[WorkbookProblem]:
    """Save and publish the procedure's new version; a refusal the checks did not foresee
    comes back located, and the caller rolls everything back."""
    try:
        draft = procedure_draft_save(spec=item.spec, actor=actor, reason=IMPORT_REASON)
        procedure_publish(version=draft, valid_from=valid_from, actor=actor, reason=IMPORT_REASON)
    except ValidationFailed as exc:
        raw = exc.details.get("problems")
        found = [
            Problem(str(p.get("path", "")), str(p.get("code", "")), str(p.get("message", "")))
            for p in (raw if isinstance(raw, list) else [])
            if isinstance(p, Mapping)
        ] or [Problem(exc.field or "code", exc.code, exc.message)]
        located = [p for p in map(item.locate, found) if p is not None]
        return located or [WorkbookProblem(SHEET_PROCEDURES, item.row, None, exc.code, exc.message)]
    return []


# --- Imports as background jobs (the back office) ------------------------------------------------

XLSX_SUFFIX = ".xlsx"
ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx file is a zip archive
PROGRESS_EVERY = 5  # save progress at least every 5 procedures…
PROGRESS_SECONDS = 1.0  # …or every second
UNEXPECTED_ERROR = (
    "Có lỗi ngoài dự kiến khi xử lý tệp; chưa ghi gì vào cơ sở dữ liệu. Hãy thử lại sau hoặc báo "
    "quản trị hệ thống."
)


def _require_import_right(actor: User) -> None:
    if not catalog_rights(actor).manage_all:
        raise PermissionDenied(
            "Chỉ quản trị cấp tỉnh được nhập danh mục thủ tục từ tệp Excel.",
            code="catalog_import_forbidden",
        )


def _check_upload(*, filename: str, data: bytes) -> str:
    """Refuse what cannot be a catalog workbook before it is stored; the file's own name (no
    folder a browser may send), shortened to fit its column."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name.lower().endswith(XLSX_SUFFIX):
        raise ValidationFailed(
            f"Tệp «{name}» không phải tệp Excel .xlsx. Chỉ nhận tệp .xlsx theo mẫu; tệp .xls "
            "cũ hãy mở bằng Excel rồi lưu lại dưới dạng .xlsx.",
            code="workbook_not_xlsx",
            field="file",
        )
    limit = CatalogImport._meta.get_field("filename").max_length or 255
    if len(name) > limit:
        name = name[: limit - len(XLSX_SUFFIX)] + name[-len(XLSX_SUFFIX) :]
    if not data:
        raise ValidationFailed(
            f"Tệp «{name}» không có nội dung.", code="workbook_empty", field="file"
        )
    if len(data) > CatalogImport.MAX_BYTES:
        megabytes = CatalogImport.MAX_BYTES // (1024 * 1024)
        raise ValidationFailed(
            f"Tệp «{name}» quá lớn: chỉ nhận tệp đến {megabytes} MB. Hãy chia danh mục thành nhiều "
            "tệp để nhập nhiều lần.",
            code="workbook_too_large",
            field="file",
        )
    if not data.startswith(ZIP_MAGIC):
        raise ValidationFailed(
            f"Tệp «{name}» không phải tệp Excel (.xlsx) hợp lệ: nội dung không đọc được.",
            code="workbook_unreadable",
            field="file",
        )
    return name


def _enqueue(import_id: int) -> None:
    from motcua.catalog.tasks import run_catalog_import_task  # the task module imports this one

    run_catalog_import_task.enqueue(import_id)


def catalog_import_start(
    *,
    filename: str,
    data: bytes,
    dry_run: bool,
    valid_from: dt.date,
    actor: User,
    source_check: CatalogImport | None = None,
) -> CatalogImport:
    """Store an uploaded workbook and queue its check (`dry_run`) or import in the background.

    Only province admins and superusers may (an import publishes). The file must be an .xlsx
    workbook of at most `CatalogImport.MAX_BYTES`; its content is checked by the task.
    `source_check` is the successful check this import repeats for real.
    """
    _require_import_right(actor)
    name = _check_upload(filename=filename, data=data)
    with transaction.atomic():
        job = CatalogImport.objects.create(
            filename=name,
            data=data,
            dry_run=dry_run,
            valid_from=valid_from,
            requested_by=actor,
            source_check=source_check,
        )
        audit_record(
            actor=actor,
            action="catalog_import.requested",
            obj=job,
            data={
                "filename": name,
                "size": len(data),
                "dry_run": dry_run,
                "valid_from": valid_from.isoformat(),
                "source_check": source_check.pk if source_check else None,
            },
        )
        transaction.on_commit(partial(_enqueue, job.pk))
    return job


def catalog_import_confirm(*, check: CatalogImport, actor: User) -> CatalogImport:
    """Import for real the file of a check (dry run) that found no problem, from the same day.

    Refused when the check did not succeed, or when an import from it is already queued, running
    or done (a failed one may be tried again)."""
    _require_import_right(actor)
    with transaction.atomic():
        locked = CatalogImport.objects.select_for_update().get(pk=check.pk)
        if not (locked.dry_run and locked.succeeded):
            raise ValidationFailed(
                "Chỉ nhập được tệp đã kiểm tra xong và không có lỗi.", code="import_not_checked"
            )
        if locked.imports.exclude(status=CatalogImportStatus.FAILED).exists():
            raise ValidationFailed(
                "Tệp này đã được nhập (hoặc đang nhập) từ lần kiểm tra này.",
                code="import_already_started",
            )
        return catalog_import_start(
            filename=locked.filename,
            data=bytes(locked.data),
            dry_run=False,
            valid_from=locked.valid_from,
            actor=actor,
            source_check=locked,
        )


def catalog_import_list_recent(*, limit: int = 20) -> QuerySet[CatalogImport]:
    """The latest jobs, newest first, without their files."""
    return CatalogImport.objects.defer("data").select_related("requested_by")[:limit]


def access_catalog_import(actor: User, *, pk: int) -> CatalogImport:
    """The job `pk` for someone who may import; NotFound otherwise (whether it exists or not)."""
    if not catalog_rights(actor).manage_all:
        raise NotFound("Không tìm thấy lần nhập.")
    job = CatalogImport.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None:
        raise NotFound("Không tìm thấy lần nhập.")
    return job


class ImportProgress:
    """The progress callback of a job: saves `done`/`total` on its row, at most every
    `PROGRESS_EVERY` procedures or `PROGRESS_SECONDS` (and always the first and last call).

    `catalog_import` reports progress inside its transaction, where a write would stay invisible
    until the end; there the counters are written through a separate, autocommitting connection
    (PostgreSQL). SQLite allows one writer at a time, so there only the final counts appear.
    Progress is informative: a failure to save it is logged, never raised.
    """

    def __init__(self, *, import_id: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.import_id = import_id
        self.clock = clock
        self.saved: tuple[int, float] | None = None  # done, clock at the last save
        self.latest = (0, 0)  # done, total at the last call
        self._side: BaseDatabaseWrapper | None = None

    def __call__(self, done: int, total: int) -> None:
        self.latest = (done, total)
        if self.due(done, total):
            self.saved = (done, self.clock())
            self.save(done, total)

    def due(self, done: int, total: int) -> bool:
        if self.saved is None or done >= total:
            return True
        last_done, last_time = self.saved
        return done - last_done >= PROGRESS_EVERY or self.clock() - last_time >= PROGRESS_SECONDS

    def save(self, done: int, total: int) -> None:
        if not connection.in_atomic_block:
            CatalogImport.objects.filter(pk=self.import_id).update(done=done, total=total)
            return
        if connection.vendor != "postgresql":
            return
        try:
            if self._side is None:
                self._side = connections.create_connection(connection.alias)
            side = self._side
            quote = side.ops.quote_name
            table = quote(CatalogImport._meta.db_table)
            done_, total_, id_ = quote("done"), quote("total"), quote("id")
            # Identifiers are constants of this model; the values are bound parameters.
            sql = f"UPDATE {table} SET {done_} = %s, {total_} = %s WHERE {id_} = %s"  # noqa: S608
            with side.cursor() as cursor:
                cursor.execute(sql, [done, total, self.import_id])
        except DatabaseError:
            logger.warning("Could not save the progress of catalog import %s", self.import_id)

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
            self._side = None


def _claim(import_id: int) -> CatalogImport | None:
    """The queued job, now marked running; None when it is gone or already taken."""
    with transaction.atomic():
        job = CatalogImport.objects.select_for_update().filter(pk=import_id).first()
        if job is None or job.status != CatalogImportStatus.QUEUED:
            return None
        job.status = CatalogImportStatus.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    return job


STALLED_AFTER = dt.timedelta(minutes=30)


def catalog_import_requeue_stalled(*, now: dt.datetime | None = None) -> list[int]:
    """Queue again the jobs left `running` for longer than `STALLED_AFTER` (their worker died).

    Safe: an import writes everything in one transaction, so a dead worker wrote nothing. Returns
    the ids queued again; each is audited and its task enqueued after commit."""
    cutoff = (now or timezone.now()) - STALLED_AFTER
    requeued: list[int] = []
    with transaction.atomic():
        stalled = CatalogImport.objects.select_for_update(skip_locked=True).filter(
            status=CatalogImportStatus.RUNNING, started_at__lt=cutoff
        )
        for job in stalled:
            job.status = CatalogImportStatus.QUEUED
            job.done = 0
            job.save(update_fields=["status", "done"])
            audit_record(
                actor=None,
                action="catalog_import.requeued",
                obj=job,
                reason="Tiến trình nền dừng khi đang xử lý.",
                data={"started_at": job.started_at.isoformat() if job.started_at else None},
            )
            transaction.on_commit(partial(_enqueue, job.pk))
            requeued.append(job.pk)
    return requeued


def _report_data(report: ImportReport) -> dict[str, object]:
    return {
        "created": list(report.created),
        "amended": list(report.amended),
        "unchanged": list(report.unchanged),
        "problems": [p.as_dict() for p in report.problems],
        "error": "",
    }


def _finish(
    job: CatalogImport,
    *,
    status: CatalogImportStatus,
    report: dict[str, object],
    counts: tuple[int, int],
) -> None:
    job.status = status
    job.report = report
    job.done, job.total = counts
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "done", "total", "finished_at"])
    summary: dict[str, object] = {"status": status.value, "dry_run": job.dry_run}
    for key in ("created", "amended", "unchanged", "problems"):
        value = report.get(key)
        summary[key] = len(value) if isinstance(value, list) else 0
    audit_record(actor=job.requested_by, action="catalog_import.finished", obj=job, data=summary)


def catalog_import_run(*, import_id: int) -> None:
    """Run a queued job (the task's body): check or import its file, saving progress and then
    the report. Running it again for a job that is not queued does nothing.

    A dry run ends `done`, with any problems in its report. A real import with problems ends
    `failed` with the problems, nothing written; any other failure ends `failed` with a message
    (and the traceback in the log)."""
    job = _claim(import_id)
    if job is None:
        return
    progress = ImportProgress(import_id=job.pk)
    status = CatalogImportStatus.FAILED
    try:
        result = catalog_import(
            data=bytes(job.data),
            dry_run=job.dry_run,
            actor=job.requested_by,
            valid_from=job.valid_from,
            progress=progress,
        )
    except WorkbookInvalid as exc:
        if job.dry_run:
            status = CatalogImportStatus.DONE
        report: dict[str, object] = {
            "problems": [p.as_dict() for p in exc.problems],
            "error": exc.message,
            "code": exc.code,
        }
    except DomainError as exc:  # not a workbook after all; the requester lost the right
        report = {"problems": [], "error": exc.message, "code": exc.code}
    except Exception:
        logger.exception("Catalog import %s failed", job.pk)
        report = {"problems": [], "error": UNEXPECTED_ERROR, "code": "unexpected_error"}
    else:
        status = CatalogImportStatus.DONE
        report = _report_data(result)
    finally:
        progress.close()
    _finish(job, status=status, report=report, counts=progress.latest)
