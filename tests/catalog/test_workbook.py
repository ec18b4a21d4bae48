"""The catalog workbook format: writing and reading specs, and locating problems (no database)."""

import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from motcua.catalog.management.commands.make_sample_workbook import sample_specs
from motcua.catalog.specs import Problem
from motcua.catalog.workbook import (
    SHEET_COMPONENTS,
    SHEET_FEES,
    SHEET_FORM,
    SHEET_GUIDE,
    SHEET_LISTS,
    SHEET_PROCEDURES,
    SHEET_STEPS,
    SHEET_VARIANTS,
    SHEETS,
    WorkbookProblem,
    WorkbookUnreadable,
    read_workbook,
    write_workbook,
)
from tests.catalog.builders import birth_registration
from tests.catalog.workbooks import Book, sample_workbook

DOCS = Path(__file__).resolve().parents[2] / "docs"


def located(parsed) -> set[tuple[str | None, int | None, str | None, str]]:
    return {(p.sheet, p.row, p.column, p.code) for p in parsed.problems}


# --- Round trip ---------------------------------------------------------------------------------


def test_writing_then_reading_gives_the_specs_back() -> None:
    specs = sample_specs()
    parsed = read_workbook(write_workbook(specs))
    assert parsed.problems == ()
    assert parsed.specs == specs


def test_round_trip_of_the_test_builder_spec() -> None:
    spec = birth_registration()
    assert read_workbook(write_workbook([spec])).specs == [spec]


def test_round_trip_keeps_awkward_values() -> None:
    spec = birth_registration(
        name='=HYPERLINK("http://example.com")',  # text, never a formula
        hotline="0912345678",
        namespace="local",
        legacy_online_level=2,
        conditions="Dòng 1\nDòng 2",
    )
    variant = spec.variants[0]
    form = {
        "version": 1,
        "fields": [
            {"name": "kind", "type": "select", "label": "Loại", "options": [
                {"value": "1", "label": "Một; hai"}, {"value": "2", "label": "Hai"}]},
            {"name": "note", "type": "text", "label": "Ghi chú", "required": False,
             "show_if": {"field": "kind", "in": ["1", "2"]}},
            {"name": "count", "type": "number", "label": "Số", "min": 0.5, "max": 10},
            {"name": "other", "type": "text", "label": "Khác",
             "show_if": {"field": "note", "equals": "a, \"b\""}},
            {"name": "flag", "type": "text", "label": "Cờ",
             "show_if": {"field": "count", "equals": 2}},
        ],
    }  # fmt: skip
    variant = replace(
        variant,
        committed_value=None,
        time_limit_value=Decimal("2.5"),
        eform_schema=form,
        fees=(replace(variant.fees[0], amount=Decimal(1250000)),),
    )
    spec = replace(spec, variants=(variant,))
    parsed = read_workbook(write_workbook([spec]))
    assert parsed.problems == ()
    assert parsed.specs == [spec]


def test_an_empty_catalog_round_trips() -> None:
    parsed = read_workbook(write_workbook([]))
    assert parsed.specs == []
    assert parsed.problems == ()


# --- Layout -------------------------------------------------------------------------------------


def test_layout_for_people() -> None:
    book = load_workbook(io.BytesIO(sample_workbook()))
    assert book.sheetnames == [SHEET_GUIDE, *[s.name for s in SHEETS], SHEET_LISTS]
    assert book[SHEET_LISTS].sheet_state == "hidden"
    steps = book[SHEET_STEPS]
    assert steps["A1"].value == "Mã thủ tục"
    assert steps["A1"].font.bold
    assert steps.freeze_panes == "C3"
    assert steps.row_dimensions[2].hidden
    assert [c.value for c in steps[2]][:3] == ["procedure_code", "variant_code", "code"]
    assert steps.column_dimensions["D"].width == 30
    # Enum columns offer their Vietnamese labels as a drop-down list.
    kind_column = [c.value for c in steps[2]].index("kind") + 1
    validations = {
        str(v.sqref).split(":")[0]: v.formula1 for v in steps.data_validations.dataValidation
    }
    letter = steps.cell(row=3, column=kind_column).column_letter
    reference = validations[f"{letter}3"]
    lists = book[SHEET_LISTS]
    column = reference.split("!$")[1].split("$")[0]
    offered = [c.value for c in lists[column] if c.value]
    assert offered == [
        "Tiếp nhận",
        "Thẩm định, xử lý",
        "Lãnh đạo phê duyệt",
        "Liên thông sang cơ quan khác",
        "Trả kết quả",
    ]
    assert steps.cell(row=3, column=kind_column).value == "Tiếp nhận"
    fees = book[SHEET_FEES]
    amount = [c.value for c in fees[2]].index("amount") + 1
    assert fees.cell(row=3, column=amount).number_format == "#,##0"
    procedures = book[SHEET_PROCEDURES]
    decided = [c.value for c in procedures[2]].index("decision_date") + 1
    assert procedures.cell(row=3, column=decided).number_format == "dd/mm/yyyy"
    code = [c.value for c in procedures[2]].index("code") + 1
    assert procedures.cell(row=3, column=code).number_format == "@"
    guide = [row[0] for row in book[SHEET_GUIDE].iter_rows(values_only=True)]
    assert guide[0].startswith("Mẫu nhập, xuất danh mục")
    assert SHEET_FORM in guide


# --- Reading what people type -------------------------------------------------------------------


def test_codes_are_accepted_as_well_as_labels() -> None:
    book = Book(sample_workbook())
    book.set(SHEET_VARIANTS, 3, "time_limit_unit", "working_days")
    book.set(SHEET_STEPS, 3, "role", "desk_officer")
    book.set(SHEET_STEPS, 4, "kind", "thẩm định, xử lý")  # case does not matter
    book.set(SHEET_COMPONENTS, 3, "requirement", "Bat buoc")  # nor do diacritics
    book.set(SHEET_PROCEDURES, 3, "levels", "commune")
    book.set(SHEET_PROCEDURES, 3, "method_counter", "x")
    book.set(SHEET_FORM, 3, "type", "text")
    parsed = read_workbook(book.save())
    assert parsed.problems == ()
    assert parsed.specs == sample_specs()


def test_a_workbook_made_by_hand_without_the_key_row() -> None:
    book = Book(sample_workbook())
    for fmt in SHEETS:
        book.book[fmt.name].delete_rows(2)
    parsed = read_workbook(book.save())
    assert parsed.problems == ()
    assert parsed.specs == sample_specs()


def test_blank_cells_take_the_documented_defaults() -> None:
    book = Book(sample_workbook())
    row = book.row(SHEET_PROCEDURES, code="2.000815")
    book.set(SHEET_PROCEDURES, row, "namespace", "Mã nội bộ của tỉnh (chưa có mã quốc gia)")
    book.set(SHEET_PROCEDURES, row, "online_level", "Dịch vụ công trực tuyến một phần")
    assert read_workbook(book.save()).specs[2].online_level == "partial"
    for key in ("namespace", "online_level", "cutoff_defers_clock", "four_at_desk"):
        book.set(SHEET_PROCEDURES, row, key, None)
    fee = book.row(SHEET_FEES, procedure_code="2.000815")
    book.set(SHEET_FEES, fee, "unit", None)
    component = book.row(SHEET_COMPONENTS, procedure_code="2.000815", code="ban-chinh")
    book.set(SHEET_COMPONENTS, component, "requirement", None)
    spec = read_workbook(book.save()).specs[2]
    assert (spec.namespace, spec.online_level, spec.cutoff_defers_clock) == (
        "national",
        "none",
        "inherit",
    )
    assert spec.four_at_desk is False
    assert spec.variants[0].fees[0].unit == "đồng/hồ sơ"
    assert spec.variants[0].components[0].requirement == "required"


def test_every_cell_problem_is_located() -> None:
    book = Book(sample_workbook())
    limit = book.row(SHEET_VARIANTS, code="thong-thuong")
    book.set(SHEET_VARIANTS, limit, "time_limit_value", "mười ngày")
    book.set(SHEET_PROCEDURES, 3, "method_online", "Có lẽ")
    book.set(SHEET_PROCEDURES, 4, "decision_date", "30/02/2025")
    book.set(SHEET_COMPONENTS, 3, "originals", 1.5)
    book.set(SHEET_COMPONENTS, 4, "code", 1.1)
    book.set(SHEET_FEES, 3, "procedure_code", "9.999999")
    book.set(SHEET_STEPS, 3, "variant_code", "khong-co")
    book.set(SHEET_STEPS, 4, "kind", "Xem xét")
    duplicate = book.append(SHEET_PROCEDURES, code="2.000815", name="Trùng mã")
    child = book.row(SHEET_FORM, name="father_name")
    book.set(SHEET_FORM, child, "show_if", "father_known is true")
    sex = book.row(SHEET_FORM, name="child_sex")
    book.set(SHEET_FORM, sex, "options", "nam Nam; nu=Nữ")
    orphan = book.row(SHEET_FORM, name="birth_year")
    book.set(SHEET_FORM, orphan, "parent", "anh_chi_em")
    book.book[SHEET_PROCEDURES].cell(row=1, column=40, value="Ghi chú riêng")
    parsed = read_workbook(book.save())
    assert located(parsed) == {
        (SHEET_PROCEDURES, 1, "Ghi chú riêng", "column_unknown"),
        (SHEET_PROCEDURES, 3, "Nộp trực tuyến", "boolean_invalid"),
        (SHEET_PROCEDURES, 4, "Ngày ký quyết định", "date_invalid"),
        (SHEET_PROCEDURES, duplicate, "Mã thủ tục", "procedure_code_duplicate"),
        (SHEET_VARIANTS, limit, "Thời hạn giải quyết", "number_invalid"),
        (SHEET_COMPONENTS, 3, "Số bản chính", "number_too_precise"),
        (SHEET_COMPONENTS, 4, "Mã thành phần", "code_not_text"),
        (SHEET_FEES, 3, "Mã thủ tục", "procedure_unknown"),
        (SHEET_STEPS, 3, "Mã trường hợp", "variant_unknown"),
        (SHEET_STEPS, 4, "Loại bước", "choice_invalid"),
        (SHEET_FORM, child, "Điều kiện hiển thị", "condition_invalid"),
        (SHEET_FORM, sex, "Lựa chọn", "options_invalid"),
        (SHEET_FORM, orphan, "Thuộc nhóm", "form_parent_unknown"),
    }
    by_code = {p.code: p for p in parsed.problems}
    assert "Thẩm định, xử lý" in by_code["choice_invalid"].message
    assert by_code["procedure_code_duplicate"].message == "Mã thủ tục «2.000815» đã có ở dòng 5."
    # Problems come in reading order: sheet by sheet, row by row.
    order = [
        (SHEETS.index(next(s for s in SHEETS if s.name == p.sheet)), p.row) for p in parsed.problems
    ]
    assert order == sorted(order)


def test_missing_sheets_and_columns() -> None:
    book = Book(sample_workbook())
    del book.book[SHEET_PROCEDURES]
    book.book[SHEET_STEPS].delete_cols(7)  # «Thời gian (giờ làm việc)»
    book.book.create_sheet("Ghi chú")
    parsed = read_workbook(book.save())
    assert {
        (SHEET_PROCEDURES, None, None, "sheet_missing"),
        (SHEET_STEPS, 1, "Thời gian (giờ làm việc)", "column_missing"),
        ("Ghi chú", None, None, "sheet_unknown"),
    } <= located(parsed)
    assert parsed.specs == []


@pytest.mark.parametrize(
    "data", [b"", b"Ma thu tuc;Ten\n1.001193;Khai sinh\n", b"PK\x03\x04 broken zip"]
)
def test_a_file_that_is_not_a_workbook(data: bytes) -> None:
    with pytest.raises(WorkbookUnreadable) as exc:
        read_workbook(data)
    assert exc.value.code == "workbook_unreadable"
    assert "Excel (.xlsx)" in exc.value.message


def test_problem_descriptions() -> None:
    full = WorkbookProblem(SHEET_COMPONENTS, 12, "Số bản chính", "x", "Phải là số nguyên.")
    assert full.describe() == (
        "Sheet «Thành phần hồ sơ», dòng 12, cột «Số bản chính»: Phải là số nguyên."
    )
    assert WorkbookProblem("Ghi chú", None, None, "x", "Thừa.").describe() == (
        "Sheet «Ghi chú»: Thừa."
    )
    assert WorkbookProblem(None, None, None, "x", "Hỏng.").describe() == "Hỏng."


# --- Locating problems about specs --------------------------------------------------------------


def test_spec_problems_point_at_their_cells() -> None:
    book = Book(sample_workbook())
    parsed = read_workbook(book.save())
    record = parsed.procedures[1]
    police = book.row(
        SHEET_STEPS, procedure_code="2.000488", variant_code="phai-xac-minh", code="xac-minh"
    )
    first_step = book.row(SHEET_STEPS, procedure_code="2.000488", variant_code="phai-xac-minh")
    kind = book.row(
        SHEET_FORM, procedure_code="2.000488", variant_code="phai-xac-minh", name="record_kind"
    )
    variant = book.row(SHEET_VARIANTS, procedure_code="2.000488", code="phai-xac-minh")
    cases = {
        "field": (SHEET_PROCEDURES, 4, "Mã lĩnh vực"),
        "methods": (SHEET_PROCEDURES, 4, "Nộp trực tiếp"),
        "variants[1].time_limit_value": (SHEET_VARIANTS, variant, "Thời hạn giải quyết"),
        "variants[1].steps[2].agency": (SHEET_STEPS, police, "Cơ quan thực hiện (mã)"),
        "variants[1].steps": (SHEET_STEPS, first_step, "Thời gian (giờ làm việc)"),
        "variants[1].eform_schema": (SHEET_VARIANTS, variant, "Tiêu đề biểu mẫu điện tử"),
        "variants[1].eform_schema.fields[2].options[1]": (SHEET_FORM, kind, "Lựa chọn"),
        "variants[1].eform_schema.fields[2]": (SHEET_FORM, kind, "Tên trường"),
        "variants[1].components[1].originals": (
            SHEET_COMPONENTS,
            book.row(SHEET_COMPONENTS, procedure_code="2.000488", variant_code="phai-xac-minh", code="giay-to-tuy-than"),
            "Số bản chính",
        ),
    }  # fmt: skip
    for path, where in cases.items():
        code = "process_over_budget" if path == "variants[1].steps" else "required"
        problem = record.locate(Problem(path, code, "…"))
        assert problem is not None
        assert (problem.sheet, problem.row, problem.column) == where, path


def test_problems_following_from_an_unreadable_cell_are_not_repeated() -> None:
    book = Book(sample_workbook())
    variant = book.row(SHEET_VARIANTS, code="thong-thuong")
    book.set(SHEET_VARIANTS, variant, "time_limit_value", "mười")
    parsed = read_workbook(book.save())
    record = parsed.procedures[1]
    assert record.locate(Problem("variants[0].steps", "process_over_budget", "…")) is None
    assert (
        record.locate(Problem("variants[0].committed_value", "committed_over_limit", "…")) is None
    )
    assert record.locate(Problem("variants[1].steps", "process_over_budget", "…")) is not None


# --- The documented sample ----------------------------------------------------------------------


def test_the_sample_in_docs_is_the_sample_specs() -> None:
    parsed = read_workbook((DOCS / "samples" / "catalog-sample.xlsx").read_bytes())
    assert parsed.problems == ()
    assert parsed.specs == sample_specs()


def test_the_docs_describe_every_sheet_and_column() -> None:
    text = (DOCS / "catalog-workbook.md").read_text()
    for fmt in SHEETS:
        assert f"«{fmt.name}»" in text
        for column in fmt.columns:
            assert f"| {column.label} | `{column.key}` |" in text, (fmt.name, column.label)
