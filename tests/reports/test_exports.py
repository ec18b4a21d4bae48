"""Report files: the timeliness table in Excel (cells, merged header, number formats, print
setup), CSV (BOM, values) and PDF (pages, repeated header); background exports (progress, the
file for its requester only, refusals with stable codes); the `report` command.

The history (March 2026; a dossier received Monday 09:00 is due Thursday 09:00; "early" is a day
or more before the due day, as in test_facts_smoke):

UBND xã Hòa An (000.01.31.H99), the birth registration:
  1. received Mon 23/02 09:00, approved Mon 02/03 10:00 (due Thu 26/02): carried over, late
  2. received Mon 09/03 09:00 online, approved Tue 10/03 10:00: early
  3. received Mon 09/03 09:00, approved Thu 12/03 08:00: on time
  4. received Mon 09/03 09:00, approved Thu 12/03 10:00: late
  5. received Mon 30/03 09:00, in process (due Thu 02/04 09:00; due soon from Wed 01/04 11:00):
     in time at the end (00:00 on 01/04)
  6. received Mon 23/03 09:00, in process (due Thu 26/03): overdue at the end
Công an tỉnh (000.00.41.H99) and its sub-unit PC06 (000.06.41.H99), the residence procedure:
  7, 8. received Mon 09/03 09:00 at the police, approved Tue 10/03 10:00: early
  9. received Mon 16/03 09:00 at PC06, approved Fri 20/03 10:00 (due Thu 19/03): late

By the province (000.00.00.H99), rows by code: Công an tỉnh (own 7, 8; PC06 9), then the commune.
"""

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.core.errors import DomainError
from motcua.core.models import AuditEvent
from motcua.reports import services
from motcua.reports.exports import (
    BOM,
    Column,
    ColumnKind,
    HeaderGroup,
    ReportRow,
    ReportSheet,
    render_csv,
    render_pdf,
    render_xlsx,
    sheet_for_timeliness,
)
from motcua.reports.models import ExportStatus, ReportExport
from motcua.reports.periods import custom, month, quarter
from motcua.reports.scope import ReportScope, report_filter
from motcua.reports.services import (
    report_export_execute,
    report_export_request,
    report_params_parse,
)
from motcua.reports.timeliness import timeliness_table
from tests.accounts.factories import MembershipFactory
from tests.catalog.builders import PROVINCE
from tests.dossiers.builders import build_world
from tests.reports.histories import (
    AGENCY,
    AT_POLICE,
    AT_POLICE_UNIT,
    POLICE_UNIT,
    day_at,
    import_lines,
    in_process,
    police_world,
    processed,
)

pytestmark = pytest.mark.django_db

POLICE = "000.00.41.H99"
MARCH = {"period": "2026-03", "agency": PROVINCE}
MADE_AT = day_at(2026, 4, 2, 8, 15)


@pytest.fixture
def world():
    world = build_world()
    police_world(world)
    import_lines(
        processed(day_at(2026, 2, 23, 9), day_at(2026, 3, 2, 10)),
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10), channel="online"),
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 8)),
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10)),
        in_process(day_at(2026, 3, 30, 9)),
        in_process(day_at(2026, 3, 23, 9)),
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10), **AT_POLICE),
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10), **AT_POLICE),
        processed(day_at(2026, 3, 16, 9), day_at(2026, 3, 20, 10), **AT_POLICE_UNIT),
    )
    return world


def province_sheet(group_by="agency"):
    params = report_params_parse(actor=None, params={**MARCH, "group_by": group_by})
    table = timeliness_table(report=params.filter, period=params.period, group_by=group_by)
    return sheet_for_timeliness(table, filter=params.filter, generated_at=MADE_AT)


# Column order: STT, name, to process (total, carried over, received: total, counter, online,
# postal), resolved (total, early, on time, late), in process (total, in time, due soon,
# overdue), withdrawn/stopped, on-time rate.
#   Công an tỉnh: 3 received at the counter, 3 resolved (2 early, 1 late): late 1 of 3 to process
#     → late rate 33.33 % → on time 66.67 %.
#   its own dossiers (7, 8): 2 early → 100 %; PC06 (9): 1 late → 0 %.
#   UBND xã Hòa An: carried over 1 + received 5 (4 counter, 1 online) = 6; resolved 4 (1 early,
#     1 on time, 2 late); in process 2 (1 in time, 1 overdue); late 2 + 1 = 3 of 6 → 50 %.
#   Total: 1 + 8 = 9 to process; resolved 7 (3 early, 1 on time, 3 late); late 3 + 1 = 4 of 9
#     = 44.44 % → on time 55.56 %.
POLICE_ROW = ["1", "Công an tỉnh", 3, 0, 3, 3, 0, 0, 3, 2, 0, 1, 0, 0, 0, 0, 0, 66.67]
POLICE_OWN = ["1.1", "Công an tỉnh (hồ sơ của chính đơn vị)",
              2, 0, 2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 100.0]  # fmt: skip
PC06 = [
    "1.2",
    "Phòng Cảnh sát quản lý hành chính",
    1,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
    0.0,
]
COMMUNE = ["2", "UBND xã Hòa An", 6, 1, 5, 4, 1, 0, 4, 1, 1, 2, 2, 1, 0, 1, 0, 50.0]
TOTAL = [None, "Tổng cộng", 9, 1, 8, 7, 1, 0, 7, 3, 1, 3, 2, 1, 0, 1, 0, 55.56]


def row_values(ws, row):
    return [cell.value for cell in ws[row]]


# --- Excel --------------------------------------------------------------------------------------


def test_the_excel_file_has_the_title_block_merged_header_rows_and_total(world) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(province_sheet()))).active
    assert ws.title == "Báo cáo 2026-03"
    # Issuer over the left half (18 columns: A–I), the national heading over the right (J–R).
    assert ws["A1"].value == "UBND TỈNH SƠN HÀ"
    assert ws["J1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert ws["J2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert ws["A4"].value == ("BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH")
    assert ws["A5"].value == "Kỳ báo cáo: Tháng 3/2026 (từ ngày 01/03/2026 đến ngày 31/03/2026)"
    assert ws["A6"].value == "Đơn vị: UBND tỉnh Sơn Hà (gồm các đơn vị trực thuộc)"
    # Three header rows (8–10) under a blank row 7.
    assert row_values(ws, 8)[:3] == ["STT", "Tên đơn vị", "Tổng số hồ sơ phải giải quyết"]
    assert ws["I8"].value == "Đã giải quyết"
    assert ws["M8"].value == "Đang giải quyết"
    assert ws["Q8"].value == "Rút, dừng xử lý"
    assert ws["R8"].value == "Tỷ lệ đúng hạn (%)"
    assert row_values(ws, 9)[2:16] == [
        "Tổng số", "Kỳ trước chuyển qua", "Mới tiếp nhận", None, None, None,
        "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
        "Tổng số", "Trong hạn", "Sắp đến hạn", "Quá hạn",
    ]  # fmt: skip
    assert row_values(ws, 10)[4:8] == ["Tổng số", "Trực tiếp", "Trực tuyến", "Bưu chính công ích"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    header = {
        r for r in merged if r[1:].split(":")[0].isdigit() and 8 <= int(r[1:].split(":")[0]) <= 10
    }
    assert header == {
        "A8:A10", "B8:B10", "C8:H8", "I8:L8", "M8:P8", "Q8:Q10", "R8:R10",
        "C9:C10", "D9:D10", "E9:H9", "I9:I10", "J9:J10", "K9:K10", "L9:L10",
        "M9:M10", "N9:N10", "O9:O10", "P9:P10",
    }  # fmt: skip
    assert {"A1:I1", "J1:R1", "J2:R2", "A4:R4", "A5:R5", "A6:R6"} <= merged
    # Rows: the police with its own dossiers and PC06 indented beneath; the commune alone (its
    # only dossiers are its own); the total in bold.
    assert row_values(ws, 11) == POLICE_ROW
    assert row_values(ws, 12) == POLICE_OWN
    assert row_values(ws, 13) == PC06
    assert row_values(ws, 14) == COMMUNE
    assert row_values(ws, 15) == TOTAL
    assert (ws["B11"].alignment.indent, ws["B12"].alignment.indent) == (0, 2)
    assert ws["C15"].font.b
    assert not ws["C14"].font.b


def test_the_excel_file_formats_numbers_and_prints_on_a4_landscape(world) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(province_sheet()))).active
    assert ws["C11"].number_format == "#,##0"
    assert ws["R11"].number_format == "0.00"
    assert isinstance(ws["R15"].value, float)  # a number, not text
    assert ws["C11"].data_type == "n"
    assert ws["C11"].border.left.style == "thin"
    assert ws["H8"].border.right.style == "thin"  # the merged C8:H8's right edge
    assert ws.freeze_panes == "C11"
    assert ws.print_title_rows == "$8:$10"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4 (ECMA-376 paper size code)
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_margins.left == 0.4
    assert ws.oddFooter.center.text == "Trang &P/&N"
    assert ws.column_dimensions["B"].width == 38
    # Below the table (row 15): notes (17, 18), a blank row, the time it was made, signatures.
    assert ws["A17"].value.startswith("Tỷ lệ đúng hạn (%) = 100 − ")
    assert ws["J20"].value == "Lập lúc 08:15 ngày 02/04/2026 trên Hệ thống một cửa điện tử."
    assert (ws["A21"].value, ws["J21"].value) == ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ")
    assert (ws["A22"].value, ws["J22"].value) == ("(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)")
    assert ws.print_area == "'Báo cáo 2026-03'!$A$1:$R$22"


def test_other_groupings_name_their_rows(world) -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(province_sheet("channel")))).active
    assert ws["B8"].value == "Kênh tiếp nhận"
    # Channels by label. Trực tiếp: dossier 1 carried over, 7 received (3 to 9) → 8 to
    # process; Trực tuyến: dossier 2 → 1.
    assert [row_values(ws, 11)[:5], row_values(ws, 12)[:5]] == [
        ["1", "Trực tiếp", 8, 1, 7],
        ["2", "Trực tuyến", 1, 0, 1],
    ]
    assert row_values(ws, 13)[:5] == [None, "Tổng cộng", 9, 1, 8]


# --- CSV ----------------------------------------------------------------------------------------


def test_the_csv_file_has_a_bom_one_header_row_and_the_values(world) -> None:
    data = render_csv(province_sheet())
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == [
        "STT",
        "Tên đơn vị",
        "Tổng số hồ sơ phải giải quyết - Tổng số",
        "Tổng số hồ sơ phải giải quyết - Kỳ trước chuyển qua",
    ]
    assert rows[0][7] == "Tổng số hồ sơ phải giải quyết - Mới tiếp nhận - Bưu chính công ích"
    assert rows[0][-1] == "Tỷ lệ đúng hạn (%)"
    assert len(rows) == 6  # header, 4 rows, total
    assert rows[1] == ["1", "Công an tỉnh", "3", "0", "3", "3", "0", "0", "3", "2", "0", "1",
                       "0", "0", "0", "0", "0", "66.67"]  # fmt: skip
    assert rows[3][-1] == "0.00"
    assert rows[5][:3] == ["", "Tổng cộng", "9"]
    assert rows[5][-1] == "55.56"
    coded = list(
        csv.reader(io.StringIO(render_csv(province_sheet(), codes=True).decode("utf-8-sig")))
    )
    assert coded[0][:4] == ["number", "label", "to_process", "carried_over"]
    assert coded[0][-1] == "on_time_rate"


# --- PDF ----------------------------------------------------------------------------------------


def test_the_pdf_is_one_landscape_page_with_the_table(world) -> None:
    data = render_pdf(province_sheet())
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = page.extract_text()
    assert "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH" in text
    assert "Tổng số hồ sơ phải giải quyết" in text
    assert "Phòng Cảnh sát quản lý hành chính" in text
    assert "55,56" in text  # the total's on-time rate, written the Vietnamese way
    assert "Trang 1/1" in text


def long_sheet(rows: int) -> ReportSheet:
    """A generic sheet (not the timeliness one): the renderers need only the description."""
    return ReportSheet(
        title="Danh sách đơn vị thử",
        headers=(
            Column("number", "STT", ColumnKind.TEXT, 6),
            Column("label", "Đơn vị", ColumnKind.LABEL, 40),
            HeaderGroup("Hồ sơ", (Column("a", "Nhận"), Column("b", "Xong"))),
            Column("rate", "Tỷ lệ (%)", ColumnKind.RATE),
        ),
        rows=tuple(
            ReportRow(
                {
                    "number": str(i),
                    "label": f"Đơn vị số {i}",
                    "a": 1000 * i,
                    "b": i,
                    "rate": Decimal("12.50"),
                }
            )
            for i in range(1, rows + 1)
        ),
        total=ReportRow({"label": "Tổng cộng", "a": 1, "b": 2, "rate": None}, emphasis=True),
        generated_at=timezone.now(),
        issuer="UBND tỉnh Sơn Hà",
        lines=("Kỳ báo cáo: Quý 1/2026",),
    )


def test_a_long_pdf_repeats_the_header_on_every_page_and_numbers_them() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(long_sheet(150))))
    texts = [page.extract_text() for page in reader.pages]
    table_pages = [text for text in texts if "Đơn vị số" in text]
    assert len(table_pages) >= 3
    for text in table_pages:  # both header rows on every page of the table
        assert "Hồ sơ" in text
        assert "Nhận" in text
        assert "Tỷ lệ (%)" in text
    for number, text in enumerate(texts, start=1):
        assert f"Trang {number}/{len(texts)}" in text
    # Every row once, in order: 150 rows; the last one's count written 150.000.
    numbers = [int(n) for text in texts for n in re.findall(r"Đơn vị số (\d+)", text)]
    assert numbers == list(range(1, 151))
    assert "150.000" in "".join(texts)


def test_a_generic_sheet_in_excel_with_two_header_rows() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(long_sheet(3)))).active
    # Title 4, one line (5), blank 6, header 7–8, rows 9–11, total 12.
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A7:A8", "B7:B8", "C7:D7", "E7:E8"}
    assert row_values(ws, 9) == ["1", "Đơn vị số 1", 1000, 1, 12.5]
    assert row_values(ws, 12) == [None, "Tổng cộng", 1, 2, None]
    assert ws.print_title_rows == "$7:$8"
    assert ws.freeze_panes == "C9"


# --- Background exports -------------------------------------------------------------------------


@pytest.fixture
def admin(world):
    return MembershipFactory(agency=world.police.parent, role=Role.PROVINCE_ADMIN).user


def test_an_export_runs_after_commit_with_progress_and_keeps_the_file(
    world, admin, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    seen: list[object] = []
    original = services.report_export_progress

    def record(*, export_id: int, percent: int) -> None:
        seen.append(ReportExport.objects.get(pk=export_id).status)
        seen.append(percent)
        original(export_id=export_id, percent=percent)

    monkeypatch.setattr(services, "report_export_progress", record)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        export = report_export_request(
            actor=admin, report="timeliness", file_format="xlsx", params=dict(MARCH)
        )
        assert ReportExport.objects.get().status == ExportStatus.QUEUED
    assert len(callbacks) == 1
    export.refresh_from_db()
    assert seen == ["running", 10, "running", 60]
    assert (export.status, export.progress, export.error) == (ExportStatus.DONE, 100, "")
    assert export.file_name == "bao-cao-dung-han-2026-03-000-00-00-h99.xlsx"
    assert export.params == {"period": "2026-03", "agency": PROVINCE}
    assert export.finished_at is not None
    ws = openpyxl.load_workbook(export.file.open("rb")).active
    assert row_values(ws, 15) == TOTAL
    actions = list(
        AuditEvent.objects.filter(
            object_type="reports.reportexport", object_id=str(export.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["report_export.done", "report_export.requested"]


def test_running_an_export_twice_does_nothing_the_second_time(
    world, admin, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        export = report_export_request(
            actor=admin, report="timeliness", file_format="csv", params=dict(MARCH)
        )
    export.refresh_from_db()
    name = export.file.name
    report_export_execute(export_id=export.pk)
    export.refresh_from_db()
    assert (export.status, export.file.name) == (ExportStatus.DONE, name)
    assert export.file_name == "bao-cao-dung-han-2026-03-000-00-00-h99.csv"


@pytest.mark.parametrize(
    ("report", "file_format", "params", "code"),
    [
        ("timeliness", "xlsx", {"period": "2026-13"}, "period_invalid"),
        ("timeliness", "xlsx", {}, "period_invalid"),
        ("timeliness", "xlsx", {"from": "2026-03-31", "to": "2026-03-01"}, "period_invalid"),
        (
            "timeliness",
            "xlsx",
            {"period": "2026-03", "agency": "000.99.99.H99"},
            "agency_not_found",
        ),
        ("timeliness", "xlsx", {"period": "2026-03", "agency": POLICE}, "agency_not_found"),
        ("timeliness", "docx", {"period": "2026-03"}, "format_invalid"),
        ("lich-su", "xlsx", {"period": "2026-03"}, "report_invalid"),
        ("timeliness", "xlsx", {"period": "2026-03", "channel": "fax"}, "channel_invalid"),
        ("timeliness", "xlsx", {"period": "2026-03", "group_by": "desk"}, "group_by_invalid"),
        ("timeliness", "xlsx", {"period": "2026-03", "field": "XX"}, "field_not_found"),
        ("timeliness", "xlsx", {"period": "2026-03", "procedure": "9.999"}, "procedure_not_found"),
    ],
)
def test_bad_requests_are_refused_with_stable_codes_and_nothing_saved(
    world, report, file_format, params, code, django_capture_on_commit_callbacks
) -> None:
    # The commune's leader sees the commune only: the police is outside the scope (not found).
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(DomainError) as caught,
    ):
        report_export_request(
            actor=world.leader, report=report, file_format=file_format, params=params
        )
    assert caught.value.code == code
    assert callbacks == []
    assert ReportExport.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="report_export").exists()


def test_a_desk_officer_has_no_reports_to_export(world) -> None:
    with pytest.raises(DomainError) as caught:
        report_export_request(
            actor=world.desk_officer, report="timeliness", file_format="xlsx", params=dict(MARCH)
        )
    assert caught.value.code == "reports_not_permitted"


def test_a_leader_exports_the_commune_only(world, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        export = report_export_request(
            actor=world.leader, report="timeliness", file_format="csv", params={"period": "2026-03"}
        )
    export.refresh_from_db()
    rows = list(csv.reader(io.StringIO(export.file.open("rb").read().decode("utf-8-sig"))))
    assert [row[:3] for row in rows[1:]] == [["1", "UBND xã Hòa An", "6"], ["", "Tổng cộng", "6"]]
    assert export.file_name == "bao-cao-dung-han-2026-03.csv"


def test_a_failed_export_says_why_in_vietnamese(world, admin, monkeypatch) -> None:
    # Parameters are checked again when the file is made: the period stored is no longer valid.
    bad = ReportExport.objects.create(
        report="timeliness", file_format="pdf", params={"period": "2026-Q5"}, requested_by=admin
    )
    report_export_execute(export_id=bad.pk)
    bad.refresh_from_db()
    assert bad.status == ExportStatus.FAILED
    assert bad.error.startswith("Kỳ báo cáo “2026-Q5” không hợp lệ")
    assert not bad.file

    def broken(sheet, file_format):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "render", broken)
    other = ReportExport.objects.create(
        report="timeliness", file_format="pdf", params=dict(MARCH), requested_by=admin
    )
    report_export_execute(export_id=other.pk)
    other.refresh_from_db()
    assert other.status == ExportStatus.FAILED
    assert other.progress == 10  # the query ran; rendering failed
    assert other.error == services.UNEXPECTED_ERROR


def test_at_most_five_exports_wait_per_person(world, admin) -> None:
    for _ in range(5):
        report_export_request(
            actor=admin, report="timeliness", file_format="csv", params=dict(MARCH)
        )
    with pytest.raises(DomainError) as caught:
        report_export_request(
            actor=admin, report="timeliness", file_format="csv", params=dict(MARCH)
        )
    assert caught.value.code == "export_busy"
    assert ReportExport.objects.count() == 5


def test_small_reports_are_rendered_at_once() -> None:
    assert services.export_is_small(month(2026, 2))
    assert services.export_is_small(month(2026, 3))
    assert services.export_is_small(custom(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    assert not services.export_is_small(custom(dt.date(2026, 3, 1), dt.date(2026, 4, 1)))
    assert not services.export_is_small(quarter(2026, 1))


# --- The command --------------------------------------------------------------------------------


def run_report(*args):
    out = io.StringIO()
    call_command("report", "timeliness", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_json_equal_to_the_table(world) -> None:
    output = run_report("--agency", PROVINCE, "--from", "2026-03-01", "--to", "2026-03-31")
    document = json.loads(output)
    assert document["agency"] == {"code": PROVINCE, "name": "UBND tỉnh Sơn Hà"}
    assert document["period"] == {"kind": "month", "token": "2026-03", "label": "Tháng 3/2026",
                                  "from": "2026-03-01", "to": "2026-03-31"}  # fmt: skip
    total = document["total"]
    # The hand-computed total (see TOTAL above): 9 to process, 4 late → 44.44 % → 55.56 %.
    assert (total["carried_over"], total["received"], total["to_process"]) == (1, 8, 9)
    assert (total["resolved_early"], total["resolved_on_time"], total["resolved_late"]) == (3, 1, 3)
    assert (total["in_process_in_time"], total["in_process_overdue"], total["late"]) == (1, 1, 4)
    assert (total["late_rate"], total["on_time_rate"]) == (44.44, 55.56)
    table = timeliness_table(
        report=report_filter(scope=ReportScope(None), agency=world.police.parent),
        period=month(2026, 3),
    )
    assert total == table.total.as_dict()
    assert [row["key"] for row in document["rows"]] == [POLICE, AGENCY]
    assert document["rows"][0] == {
        **table.rows[0].as_dict(),
        "units": [unit.as_dict() for unit in table.rows[0].children],
    }
    assert [unit["key"] for unit in document["rows"][0]["units"]] == [POLICE, POLICE_UNIT]


def test_the_command_prints_csv_with_the_same_codes(world) -> None:
    output = run_report("--agency", POLICE, "--from", "2026-03-01", "--to", "2026-03-31",
                        "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(output)))
    header = output.splitlines()[0].split(",")
    assert header[:5] == ["row_type", "key", "label", "carried_over", "received"]
    assert header[-1] == "online_rate_partial"
    assert not output.startswith(BOM)
    # The police filter: a row for the police itself (its own dossiers) and one for each unit
    # directly under it (PC06), each with its agencies as units, then the total.
    assert [(r["row_type"], r["key"]) for r in rows] == [
        ("row", POLICE), ("unit", POLICE), ("row", POLICE_UNIT), ("unit", POLICE_UNIT),
        ("total", ""),
    ]  # fmt: skip
    total = rows[-1]
    # 3 received, 1 late of 3 → 33.33 % late, 66.67 % on time.
    assert (total["received"], total["resolved_late"], total["late_rate"]) == ("3", "1", "33.33")
    assert total["on_time_rate"] == "66.67"
    assert (rows[0]["received"], rows[0]["on_time_rate"]) == ("2", "100.00")
    assert (rows[2]["received"], rows[2]["on_time_rate"]) == ("1", "0.00")
    assert rows[1]["online_rate"] == "0.00"


def test_the_command_groups_without_an_agency_over_the_whole_province(world) -> None:
    output = run_report("--from", "2026-01-01", "--to", "2026-03-31", "--group-by", "none")
    document = json.loads(output)
    assert document["agency"] is None
    assert document["period"]["token"] == "2026-Q1"
    assert document["rows"] == []
    # The first quarter: dossier 1 received in February too → 9 received, nothing carried over.
    assert (document["total"]["carried_over"], document["total"]["received"]) == (0, 9)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "000.99.99.H99", "--from", "2026-03-01", "--to", "2026-03-31"],
         "Không có cơ quan mã «000.99.99.H99»."),
        (["--from", "2026-02-30", "--to", "2026-03-31"],
         "Ngày bắt đầu và ngày kết thúc phải ghi theo dạng năm-tháng-ngày (2026-01-31)."),
        (["--from", "2026-03-31", "--to", "2026-03-01"],
         "Ngày kết thúc phải từ ngày bắt đầu trở đi."),
    ],
)  # fmt: skip
def test_the_command_refuses_bad_input_with_exit_code_1(world, args, message) -> None:
    with pytest.raises(CommandError) as caught:
        run_report(*args)
    assert str(caught.value) == message
    assert caught.value.returncode == 1
