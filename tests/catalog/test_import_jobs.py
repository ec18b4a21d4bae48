"""Catalog imports as background jobs: the upload checks, the task, its report and progress."""

import datetime as dt
import logging

import pytest
from django.db import connection, models, transaction

from motcua.accounts.models import Role
from motcua.catalog import importing
from motcua.catalog.importing import (
    ImportProgress,
    catalog_import_confirm,
    catalog_import_list_recent,
    catalog_import_start,
)
from motcua.catalog.models import (
    CatalogImport,
    CatalogImportStatus,
    Procedure,
    ProcedureVersion,
    VersionStatus,
)
from motcua.catalog.tasks import run_catalog_import_task
from motcua.catalog.workbook import SHEET_PROCEDURES
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.models import AuditEvent
from tests.accounts.factories import MembershipFactory
from tests.catalog.builders import catalog_world
from tests.catalog.workbooks import Book, sample_fields, sample_workbook

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)
CODES = ["1.001193", "2.000488", "2.000815"]


@pytest.fixture
def world():
    agencies = catalog_world()
    sample_fields()
    return agencies


@pytest.fixture
def admin(world):
    return MembershipFactory(agency=world["province"], role=Role.PROVINCE_ADMIN).user


def bad_workbook() -> tuple[bytes, int]:
    """The sample with an unknown field code on one procedure's row (and that row's number)."""
    book = Book(sample_workbook())
    row = book.row(SHEET_PROCEDURES, code="2.000815")
    book.set(SHEET_PROCEDURES, row, "field_code", "KHONG-CO")
    return book.save(), row


def start(capture, actor, data, *, dry_run=True, filename="danh-muc.xlsx"):
    """Start a job and run its task as the transaction commits; the job as it ended."""
    with capture(execute=True):
        job = catalog_import_start(
            filename=filename, data=data, dry_run=dry_run, valid_from=JULY, actor=actor
        )
    job.refresh_from_db()
    return job


def written() -> tuple[int, int]:
    return Procedure.objects.count(), ProcedureVersion.objects.count()


# --- The task -----------------------------------------------------------------------------------


def test_a_dry_run_stores_every_problem_and_writes_nothing(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    data, row = bad_workbook()
    job = start(django_capture_on_commit_callbacks, admin, data)
    assert job.status == CatalogImportStatus.DONE
    assert job.problems == [
        {
            "sheet": SHEET_PROCEDURES,
            "row": row,
            "column": "Mã lĩnh vực",
            "code": "field_unknown",
            "message": "Không có lĩnh vực mã «KHONG-CO».",
        }
    ]
    assert not job.succeeded
    assert (job.done, job.total) == (3, 3)
    assert job.started_at is not None
    assert job.finished_at is not None
    assert written() == (0, 0)


def test_a_successful_dry_run_says_what_it_would_do(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    job = start(django_capture_on_commit_callbacks, admin, sample_workbook())
    assert job.status == CatalogImportStatus.DONE
    assert job.succeeded
    assert job.codes("created") == CODES
    assert job.codes("amended") == job.codes("unchanged") == []
    assert written() == (0, 0)


def test_a_real_import_publishes_and_stores_the_counts(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    job = start(django_capture_on_commit_callbacks, admin, sample_workbook(), dry_run=False)
    assert job.status == CatalogImportStatus.DONE
    assert job.codes("created") == CODES
    assert (job.done, job.total) == (3, 3)
    assert written() == (3, 3)
    assert set(ProcedureVersion.objects.values_list("status", flat=True)) == {
        VersionStatus.PUBLISHED
    }
    published = AuditEvent.objects.filter(action="procedure.published")
    assert published.count() == 3
    assert {e.actor_id for e in published} == {admin.pk}  # the requester, not the system
    finished = AuditEvent.objects.get(action="catalog_import.finished", object_id=str(job.pk))
    assert finished.data["created"] == 3
    assert finished.data["status"] == "done"

    again = start(django_capture_on_commit_callbacks, admin, sample_workbook(), dry_run=False)
    assert again.status == CatalogImportStatus.DONE
    assert again.codes("unchanged") == CODES
    assert written() == (3, 3)


def test_a_real_import_with_problems_fails_with_them_and_writes_nothing(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    data, row = bad_workbook()
    job = start(django_capture_on_commit_callbacks, admin, data, dry_run=False)
    assert job.status == CatalogImportStatus.FAILED
    assert [(p["sheet"], p["row"], p["code"]) for p in job.problems] == [
        (SHEET_PROCEDURES, row, "field_unknown")
    ]
    assert job.report["error"].startswith("Tệp chưa được nhập: Sheet «Thủ tục»")
    assert written() == (0, 0)


def test_a_zip_that_is_not_a_workbook_fails_with_a_message(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    job = start(django_capture_on_commit_callbacks, admin, b"PK\x03\x04" + b"\0" * 64)
    assert job.status == CatalogImportStatus.FAILED
    assert job.report["code"] == "workbook_unreadable"
    assert job.report["error"]
    assert job.problems == []


def test_an_unexpected_error_fails_the_job_and_is_logged(
    world, admin, django_capture_on_commit_callbacks, monkeypatch, caplog
) -> None:
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing, "catalog_import", broken)
    with caplog.at_level(logging.ERROR, logger="motcua.catalog.importing"):
        job = start(django_capture_on_commit_callbacks, admin, sample_workbook())
    assert job.status == CatalogImportStatus.FAILED
    assert job.report["error"] == importing.UNEXPECTED_ERROR
    assert job.finished_at is not None
    [record] = [r for r in caplog.records if r.name == "motcua.catalog.importing"]
    assert record.exc_info is not None
    assert "disk on fire" in str(record.exc_info[1])


def test_running_the_task_again_does_nothing(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    job = start(django_capture_on_commit_callbacks, admin, sample_workbook(), dry_run=False)
    before = (written(), AuditEvent.objects.count(), job.report, job.finished_at)
    run_catalog_import_task.call(job.pk)
    run_catalog_import_task.call(job.pk + 1000)  # gone: nothing either
    job.refresh_from_db()
    assert (written(), AuditEvent.objects.count(), job.report, job.finished_at) == before


def test_a_running_job_is_not_started_twice(world, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = catalog_import_start(
            filename="a.xlsx", data=sample_workbook(), dry_run=True, valid_from=JULY, actor=admin
        )
    assert len(callbacks) == 1  # the task is only queued once the upload is committed
    job.refresh_from_db()
    assert job.status == CatalogImportStatus.QUEUED
    CatalogImport.objects.filter(pk=job.pk).update(status=CatalogImportStatus.RUNNING)
    run_catalog_import_task.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.report) == (CatalogImportStatus.RUNNING, {})


# --- Starting: who and what ---------------------------------------------------------------------


def test_start_is_audited(world, admin, django_capture_on_commit_callbacks) -> None:
    job = start(
        django_capture_on_commit_callbacks, admin, sample_workbook(), filename="C:\\t\\x.xlsx"
    )
    assert job.filename == "x.xlsx"
    assert job.requested_by == admin
    event = AuditEvent.objects.get(action="catalog_import.requested")
    assert (event.actor, event.object_id) == (admin, str(job.pk))
    assert event.data["dry_run"] is True
    assert event.data["filename"] == "x.xlsx"


@pytest.mark.parametrize("role", [Role.AGENCY_ADMIN, Role.SPECIALIST])
def test_only_province_admins_may_import(world, role) -> None:
    user = MembershipFactory(agency=world["commune"], role=role).user
    with pytest.raises(PermissionDenied) as exc:
        catalog_import_start(
            filename="a.xlsx", data=sample_workbook(), dry_run=True, valid_from=JULY, actor=user
        )
    assert exc.value.code == "catalog_import_forbidden"
    assert not CatalogImport.objects.exists()


@pytest.mark.parametrize(
    ("filename", "data", "code"),
    [
        ("danh-muc.csv", b"ma;ten\n1.001193;Khai sinh\n", "workbook_not_xlsx"),
        ("danh-muc.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "workbook_not_xlsx"),
        ("danh-muc.xlsx", b"ma;ten\n1.001193;Khai sinh\n", "workbook_unreadable"),
        ("danh-muc.xlsx", b"", "workbook_empty"),
        ("danh-muc.xlsx", b"PK\x03\x04" + b"\0" * CatalogImport.MAX_BYTES, "workbook_too_large"),
    ],
)
def test_files_that_cannot_be_workbooks_are_refused(world, admin, filename, data, code) -> None:
    with pytest.raises(ValidationFailed) as exc:
        catalog_import_start(
            filename=filename, data=data, dry_run=True, valid_from=JULY, actor=admin
        )
    assert exc.value.code == code
    assert exc.value.field == "file"
    assert "Tệp «danh-muc." in exc.value.message
    assert not CatalogImport.objects.exists()


def test_a_long_file_name_is_shortened_and_keeps_its_extension(world, admin) -> None:
    job = catalog_import_start(
        filename="d" * 300 + ".XLSX",
        data=sample_workbook(),
        dry_run=True,
        valid_from=JULY,
        actor=admin,
    )
    assert len(job.filename) == 255
    assert job.filename.endswith(".XLSX")


def test_recent_jobs_come_with_their_requester_and_without_their_file(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    for _ in range(3):
        start(django_capture_on_commit_callbacks, admin, sample_workbook())
    jobs = list(catalog_import_list_recent(limit=2).fetch_mode(models.FETCH_RAISE))
    assert [job.pk for job in jobs] == list(
        CatalogImport.objects.order_by("-pk").values_list("pk", flat=True)[:2]
    )
    assert {job.requested_by for job in jobs} == {admin}
    assert "data" in jobs[0].get_deferred_fields()


# --- Importing a checked file -------------------------------------------------------------------


def test_a_successful_check_is_imported_once(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    check = start(django_capture_on_commit_callbacks, admin, sample_workbook())
    with django_capture_on_commit_callbacks(execute=True):
        job = catalog_import_confirm(check=check, actor=admin)
    job.refresh_from_db()
    assert (job.dry_run, job.source_check, job.valid_from) == (False, check, check.valid_from)
    assert bytes(job.data) == bytes(check.data)
    assert job.status == CatalogImportStatus.DONE
    assert written() == (3, 3)
    with pytest.raises(ValidationFailed) as exc:
        catalog_import_confirm(check=check, actor=admin)
    assert exc.value.code == "import_already_started"


def test_a_check_with_problems_cannot_be_imported(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    check = start(django_capture_on_commit_callbacks, admin, bad_workbook()[0])
    with pytest.raises(ValidationFailed) as exc:
        catalog_import_confirm(check=check, actor=admin)
    assert exc.value.code == "import_not_checked"
    assert CatalogImport.objects.count() == 1


# --- Progress -----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_is_saved_every_five_procedures_or_every_second() -> None:
    clock = Clock()
    progress = ImportProgress(import_id=1, clock=clock)
    saved: list[tuple[int, int]] = []
    progress.save = lambda done, total: saved.append((done, total))  # type: ignore[method-assign]
    for done in range(13):
        progress(done, 12)
    assert saved == [(0, 12), (5, 12), (10, 12), (12, 12)]
    assert progress.latest == (12, 12)
    progress = ImportProgress(import_id=1, clock=clock)
    saved.clear()
    progress.save = lambda done, total: saved.append((done, total))  # type: ignore[method-assign]
    progress(0, 40)
    progress(1, 40)
    clock.now += 1.0
    progress(2, 40)
    assert saved == [(0, 40), (2, 40)]


@pytest.mark.django_db(transaction=True)
def test_progress_outside_a_transaction_is_saved_on_the_row(world, admin) -> None:
    job = catalog_import_start(
        filename="a.xlsx", data=sample_workbook(), dry_run=True, valid_from=JULY, actor=admin
    )
    ImportProgress(import_id=job.pk).save(2, 7)
    job.refresh_from_db()
    assert (job.done, job.total) == (2, 7)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second writer needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_progress_inside_the_import_transaction_is_visible_at_once(world, admin) -> None:
    job = CatalogImport.objects.create(
        filename="a.xlsx", data=b"PK", valid_from=JULY, requested_by=admin
    )
    progress = ImportProgress(import_id=job.pk)

    def import_that_fails():
        with transaction.atomic():
            progress.save(4, 9)
            raise RuntimeError  # the import's transaction rolls back…

    try:
        with pytest.raises(RuntimeError):
            import_that_fails()
    finally:
        progress.close()
    job.refresh_from_db()
    assert (job.done, job.total) == (4, 9)  # …but the progress was committed on its own


# --- Jobs whose worker died ---------------------------------------------------------------------


def test_a_job_left_running_by_a_dead_worker_is_queued_again_and_runs(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        stalled = catalog_import_start(
            filename="a.xlsx", data=sample_workbook(), dry_run=False, valid_from=JULY, actor=admin
        )
        recent = catalog_import_start(
            filename="b.xlsx", data=sample_workbook(), dry_run=True, valid_from=JULY, actor=admin
        )
    now = timezone.now()
    CatalogImport.objects.filter(pk=stalled.pk).update(
        status=CatalogImportStatus.RUNNING,
        started_at=now - dt.timedelta(minutes=31),
        total=3,
        done=2,
    )
    CatalogImport.objects.filter(pk=recent.pk).update(
        status=CatalogImportStatus.RUNNING, started_at=now - dt.timedelta(minutes=5)
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_catalog_imports", stdout=out)
    assert f"#{stalled.pk}" in out.getvalue()
    stalled.refresh_from_db()
    recent.refresh_from_db()
    assert stalled.status == CatalogImportStatus.DONE  # queued again, then run to the end
    assert sorted(stalled.report["created"]) == CODES
    assert recent.status == CatalogImportStatus.RUNNING  # not stalled yet: left alone
    assert AuditEvent.objects.filter(action="catalog_import.requeued").count() == 1
    out = StringIO()
    call_command("requeue_catalog_imports", stdout=out)
    assert "Không có lần nhập nào" in out.getvalue()
