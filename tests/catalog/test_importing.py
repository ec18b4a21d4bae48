"""Importing and exporting the catalog workbook, through the services and the commands."""

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.catalog.importing import (
    WorkbookInvalid,
    canonical_spec,
    catalog_export,
    catalog_import,
)
from motcua.catalog.management.commands.make_sample_workbook import sample_specs
from motcua.catalog.models import EndReason, Procedure, ProcedureVersion, VersionStatus
from motcua.catalog.selectors import version_current, version_list_public, version_spec
from motcua.catalog.services import procedure_draft_save
from motcua.catalog.workbook import (
    SHEET_FORM,
    SHEET_PROCEDURES,
    SHEET_STEPS,
    SHEET_VARIANTS,
    read_workbook,
)
from motcua.core.errors import ValidationFailed
from motcua.core.models import AuditEvent
from tests.catalog.builders import catalog_world
from tests.catalog.workbooks import Book, sample_fields, sample_workbook

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)
NEXT_YEAR = dt.date(2026, 1, 1)
CODES = ("1.001193", "2.000488", "2.000815")


@pytest.fixture
def world():
    catalog_world()
    sample_fields()


def rows() -> tuple[int, int, int]:
    return Procedure.objects.count(), ProcedureVersion.objects.count(), AuditEvent.objects.count()


def run(data: bytes, *, dry_run: bool = False, valid_from: dt.date = JULY, progress=None):
    return catalog_import(
        data=data, dry_run=dry_run, actor=None, valid_from=valid_from, progress=progress
    )


def bad_workbook() -> tuple[bytes, dict[str, tuple[str, int, str]]]:
    """The sample with one problem of each kind, and where each one is."""
    book = Book(sample_workbook())
    field = book.row(SHEET_PROCEDURES, code="1.001193")
    book.set(SHEET_PROCEDURES, field, "field_code", "KHONG-CO")
    book.set(SHEET_PROCEDURES, field, "four_at_desk", "Có lẽ")  # same row: both are reported
    police = book.row(SHEET_STEPS, variant_code="phai-xac-minh", code="xac-minh")
    book.set(SHEET_STEPS, police, "agency_code", "000.00.77.H99")
    duplicate = book.append(SHEET_PROCEDURES, code="2.000488", name="Trùng")
    slow = book.row(SHEET_STEPS, procedure_code="2.000815", code="tra")
    book.set(SHEET_STEPS, slow, "budget_hours", 10)
    first_copy_step = book.row(SHEET_STEPS, procedure_code="2.000815")
    field_type = book.row(SHEET_FORM, name="child_name")
    book.set(SHEET_FORM, field_type, "type", "chữ")
    limit = book.row(SHEET_VARIANTS, code="thong-thuong")
    book.set(SHEET_VARIANTS, limit, "time_limit_value", "mười ngày")
    return book.save(), {
        "field_unknown": (SHEET_PROCEDURES, field, "Mã lĩnh vực"),
        "boolean_invalid": (SHEET_PROCEDURES, field, "4 tại chỗ"),
        "agency_unknown": (SHEET_STEPS, police, "Cơ quan thực hiện (mã)"),
        "procedure_code_duplicate": (SHEET_PROCEDURES, duplicate, "Mã thủ tục"),
        "process_over_budget": (SHEET_STEPS, first_copy_step, "Thời gian (giờ làm việc)"),
        "type_unknown": (SHEET_FORM, field_type, "Kiểu"),
        "number_invalid": (SHEET_VARIANTS, limit, "Thời hạn giải quyết"),
    }


# --- Importing ----------------------------------------------------------------------------------


def test_import_publishes_every_procedure(world) -> None:
    report = run(sample_workbook())
    assert report.ok
    assert report.created == CODES
    assert (report.amended, report.unchanged) == ((), ())
    assert rows()[:2] == (3, 3)
    for spec in sample_specs():
        version = version_current(procedure=Procedure.objects.get(code=spec.code), on=JULY)
        assert version is not None
        assert version.status == VersionStatus.PUBLISHED
        assert version_spec(version=version) == canonical_spec(spec)
    event = AuditEvent.objects.filter(action="procedure.published").first()
    assert event is not None
    assert event.reason == "Nhập danh mục thủ tục từ tệp Excel."


def test_dry_run_writes_nothing(world) -> None:
    before = rows()
    report = run(sample_workbook(), dry_run=True)
    assert report.ok
    assert report.dry_run
    assert report.created == CODES
    assert rows() == before


def test_dry_run_reports_every_problem_with_its_cell(world) -> None:
    data, expected = bad_workbook()
    before = rows()
    report = run(data, dry_run=True)
    assert rows() == before
    assert not report.ok
    found = {(p.sheet, p.row, p.column, p.code) for p in report.problems}
    for code, where in expected.items():
        assert (*where, code) in found, code
    # The unreadable limit (read as 0) does not also put its variant's process over budget.
    over = [p for p in report.problems if p.code == "process_over_budget"]
    assert [(p.sheet, p.row, p.column) for p in over] == [expected["process_over_budget"]]
    unknown = next(p for p in report.problems if p.code == "agency_unknown")
    assert unknown.message == "Không có cơ quan mã «000.00.77.H99»."


def test_a_workbook_with_one_bad_procedure_imports_nothing(world) -> None:
    book = Book(sample_workbook())
    book.set(SHEET_PROCEDURES, book.row(SHEET_PROCEDURES, code="2.000815"), "field_code", "XX")
    before = rows()
    with pytest.raises(WorkbookInvalid) as exc:
        run(book.save())
    assert rows() == before
    assert before[:2] == (0, 0)
    assert exc.value.code == "workbook_invalid"
    assert [p.code for p in exc.value.problems] == ["field_unknown"]
    assert exc.value.message == (
        "Tệp chưa được nhập: Sheet «Thủ tục», dòng 5, cột «Mã lĩnh vực»: Không có lĩnh vực mã «XX»."
    )
    assert exc.value.details["problems"] == [p.as_dict() for p in exc.value.problems]
    assert exc.value.problems[0].row == 5


def test_reimporting_the_same_workbook_creates_no_version(world) -> None:
    data = sample_workbook()
    run(data)
    before = rows()
    report = run(data, valid_from=NEXT_YEAR)
    assert report.unchanged == CODES
    assert (report.created, report.amended) == ((), ())
    assert rows() == before


def test_changing_one_fee_amends_only_that_procedure(world) -> None:
    data = sample_workbook()
    run(data)
    book = Book(data)
    fee = book.row("Phí lệ phí", procedure_code="2.000815")
    book.set("Phí lệ phí", fee, "amount", 3000)
    report = run(book.save(), valid_from=NEXT_YEAR)
    assert report.amended == ("2.000815",)
    assert report.unchanged == ("1.001193", "2.000488")
    assert ProcedureVersion.objects.count() == 4
    old, new = ProcedureVersion.objects.filter(procedure__code="2.000815").order_by("number")
    assert (old.valid_to, old.end_reason) == (NEXT_YEAR, EndReason.AMENDED)
    assert (new.valid_from, new.valid_to) == (NEXT_YEAR, None)
    assert version_spec(version=new).variants[0].fees[0].amount == Decimal(3000)
    assert version_spec(version=old).variants[0].fees[0].amount == Decimal(2000)


def test_progress_is_reported(world) -> None:
    calls: list[tuple[int, int]] = []
    run(sample_workbook(), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    calls.clear()
    run(sample_workbook(), dry_run=True, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (3, 3)


def test_a_draft_being_edited_is_not_overwritten(world) -> None:
    run(sample_workbook())
    spec = sample_specs()[2]
    procedure_draft_save(spec=replace(spec, result="Bản sao điện tử"), actor=None)
    book = Book(sample_workbook())
    row = book.row(SHEET_PROCEDURES, code="2.000815")
    book.set(SHEET_PROCEDURES, row, "hotline", "1900 1234")
    with pytest.raises(WorkbookInvalid) as exc:
        run(book.save(), valid_from=NEXT_YEAR)
    assert [(p.sheet, p.row, p.code) for p in exc.value.problems] == [
        (SHEET_PROCEDURES, row, "draft_exists")
    ]
    assert ProcedureVersion.objects.filter(procedure__code="2.000815").count() == 2


def test_a_new_version_must_start_after_the_current_one(world) -> None:
    run(sample_workbook(), valid_from=NEXT_YEAR)
    book = Book(sample_workbook())
    row = book.row(SHEET_PROCEDURES, code="1.001193")
    book.set(SHEET_PROCEDURES, row, "hotline", "1900 1234")
    report = run(book.save(), dry_run=True, valid_from=JULY)
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (row, "Mã thủ tục", "version_starts_too_early")
    ]
    assert "01/01/2026" in report.problems[0].message


def test_text_too_long_for_the_database_is_located(world) -> None:
    book = Book(sample_workbook())
    row = book.row(SHEET_STEPS, procedure_code="2.000815", code="ky")
    book.set(SHEET_STEPS, row, "name", "x" * 256)
    report = run(book.save(), dry_run=True)
    assert [(p.sheet, p.row, p.column, p.code) for p in report.problems] == [
        (SHEET_STEPS, row, "Tên bước", "too_long")
    ]


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_file_that_is_not_a_workbook(world, dry_run) -> None:
    with pytest.raises(ValidationFailed) as exc:
        run(b"%PDF-1.7 not a workbook", dry_run=dry_run)
    assert exc.value.code == "workbook_unreadable"


# --- Exporting ----------------------------------------------------------------------------------


def test_export_then_import_is_a_round_trip(world) -> None:
    run(sample_workbook())
    exported = catalog_export(on=JULY)
    versions = list(version_list_public(on=JULY).order_by("procedure__code"))
    assert read_workbook(exported).specs == [version_spec(version=v) for v in versions]
    assert read_workbook(exported).specs == [canonical_spec(s) for s in sample_specs()]
    report = run(exported, valid_from=NEXT_YEAR)
    assert report.unchanged == CODES
    one = catalog_export(versions=versions[:1])
    assert [s.code for s in read_workbook(one).specs] == ["1.001193"]


def test_export_needs_versions_or_a_day(world) -> None:
    with pytest.raises(ValueError, match="either"):
        catalog_export()


# --- Commands -----------------------------------------------------------------------------------


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run `import_catalog` as a script would: exit code, stdout, stderr. (`call_command`
    rather than `run_from_argv`, which closes the test's database connection.)"""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_catalog", *argv, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_import_command_dry_run_and_import(world, tmp_path) -> None:
    path = tmp_path / "catalog.xlsx"
    path.write_bytes(sample_workbook())
    code, out, err = run_cli(str(path), "--dry-run", "--valid-from", "2025-07-01")
    assert code == 0
    assert "Chạy thử: tệp hợp lệ, 3 thủ tục (thêm mới 3, sửa đổi 0, không thay đổi 0)" in out
    assert "Đã xử lý 3/3 thủ tục." in err
    assert ProcedureVersion.objects.count() == 0
    code, out, _ = run_cli(str(path), "--valid-from", "2025-07-01")
    assert code == 0
    assert "  2.000815: thêm mới" in out
    assert "Đã nhập 3 thủ tục (thêm mới 3, sửa đổi 0, không thay đổi 0)" in out
    assert "01/07/2025" in out
    assert ProcedureVersion.objects.count() == 3


def test_import_command_prints_problems_and_exits_2(world, tmp_path) -> None:
    data, expected = bad_workbook()
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    for extra in (["--dry-run"], []):
        code, out, err = run_cli(str(path), *extra)
        assert code == 2
        sheet, row, column = expected["type_unknown"]
        assert f"Sheet «{sheet}», dòng {row}, cột «{column}»: " in out
        sheet, row, column = expected["field_unknown"]
        assert (
            f"Sheet «{sheet}», dòng {row}, cột «{column}»: Không có lĩnh vực mã «KHONG-CO»." in out
        )
        assert "chưa ghi gì vào cơ sở dữ liệu" in err
    assert ProcedureVersion.objects.count() == 0


def test_import_command_bad_input(world, tmp_path) -> None:
    text = tmp_path / "catalog.csv"
    text.write_text("Mã thủ tục;Tên\n")
    code, _, err = run_cli(str(text))
    assert code == 2
    assert "Excel (.xlsx)" in err
    code, _, err = run_cli(str(tmp_path / "missing.xlsx"))
    assert code == 2
    assert "không đọc được tệp" in err
    code, _, err = run_cli(str(text), "--valid-from", "01/07/2025")
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_export_command_writes_a_workbook_that_imports_unchanged(world, tmp_path) -> None:
    run(sample_workbook())
    path = tmp_path / "out.xlsx"
    out = io.StringIO()
    call_command("export_catalog", str(path), "--on", "2025-07-01", stdout=out)
    assert f"Đã xuất 3 thủ tục có hiệu lực ngày 01/07/2025 vào «{path}»." in out.getvalue()
    report = run(path.read_bytes(), valid_from=NEXT_YEAR)
    assert report.unchanged == CODES
    with pytest.raises(CommandError) as exc:
        call_command("export_catalog", str(tmp_path / "out.csv"))
    assert exc.value.returncode == 2


def test_make_sample_workbook_command(tmp_path) -> None:
    path = tmp_path / "sample.xlsx"
    call_command("make_sample_workbook", str(path), stdout=io.StringIO())
    assert read_workbook(path.read_bytes()).specs == sample_specs()
