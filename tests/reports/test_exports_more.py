"""Report files of the other standard tables: late units, inter-agency attribution, officers'
evaluation, Circular 01/2018 scores per agency and per staff member, and the Decision 766 index.

Each table is rendered from a crafted history whose figures the report's own tests work out by
hand (tests/reports/test_units.py, test_attribution.py, test_officers.py, test_scoring.py,
test_index766.py); the arithmetic of every row checked here is repeated in the comments. Then the
report pages offer "Tải bảng này: Excel · CSV · PDF" and the CSV link downloads.

Excel layout (exports.xlsx_layout): rows 1–2 the issuer and the national heading, row 4 the
title, then one row per line (period, agency, any report line), a blank row, the header rows,
the body and the total.
"""

import csv
import io
import re
from decimal import Decimal
from typing import Any

import openpyxl
import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl.worksheet.worksheet import Worksheet

from motcua.accounts.models import AgencyLevel, Role, User
from motcua.reports.attribution import attribution_report
from motcua.reports.exports import (
    ReportSheet,
    render_csv,
    render_pdf,
    render_xlsx,
    sheet_for_attribution,
    sheet_for_circular01,
    sheet_for_circular01_staff,
    sheet_for_index766,
    sheet_for_late_units,
    sheet_for_officers,
    sheet_for_timeliness,
)
from motcua.reports.index766 import index766_table
from motcua.reports.models import ExportStatus
from motcua.reports.officers import officer_evaluation
from motcua.reports.periods import month, quarter
from motcua.reports.scope import ReportFilter, ReportScope, report_filter
from motcua.reports.scoring import STAFF_FULL, STAFF_LESS, circular01_scores, circular01_staff
from motcua.reports.services import (
    REPORTS,
    report_export_execute,
    report_export_render,
    report_export_request,
)
from motcua.reports.timeliness import timeliness_table
from motcua.reports.units import late_units
from motcua.workflow.services import dossier_approve, dossier_forward, dossier_send_back
from tests.accounts.factories import MembershipFactory
from tests.catalog.builders import JUSTICE
from tests.dossiers.builders import World, build_world, receive, scan
from tests.reports.histories import (
    AT_POLICE,
    AT_POLICE_UNIT,
    day_at,
    import_lines,
    in_process,
    police_world,
    processed,
)
from tests.reports.test_attribution import attribution_history
from tests.reports.test_index766 import crafted_quarter
from tests.reports.test_officers import officer_history
from tests.reports.test_scoring import justice_procedure
from tests.reports.unit_histories import unit

pytestmark = pytest.mark.django_db

MARCH = month(2026, 3)
Q1 = quarter(2026, 1)
MADE_AT = day_at(2026, 11, 2, 9)
PROVINCE_NAME = "UBND tỉnh Sơn Hà"
PROVINCE_LINE = "Đơn vị: UBND tỉnh Sơn Hà (gồm các đơn vị trực thuộc)"
MARCH_LINE = "Kỳ báo cáo: Tháng 3/2026 (từ ngày 01/03/2026 đến ngày 31/03/2026)"
Q1_LINE = "Kỳ báo cáo: Quý 1/2026 (từ ngày 01/01/2026 đến ngày 31/03/2026)"


def province(world: World) -> ReportFilter:
    agency = world.commune.parent
    assert agency is not None
    return report_filter(scope=ReportScope(None), agency=agency)


def sheet_of(data: bytes) -> Worksheet:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert isinstance(ws, Worksheet)
    return ws


def values(ws: Worksheet, row: int) -> list[Any]:
    return [cell.value for cell in ws[row]]


def merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def csv_rows(sheet: ReportSheet) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render_csv(sheet).decode("utf-8-sig"))))


def pdf_text(sheet: ReportSheet) -> str:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(sheet)))
    return "".join(page.extract_text() for page in reader.pages)


# --- Late units ---------------------------------------------------------------------------------


@pytest.fixture
def units_world(db) -> World:
    """March 2026 (tests/reports/test_units.py): a dossier received Monday 9/3 09:00 is due
    Thursday 12/3 09:00."""
    world = build_world()
    police_world(world)
    justice = unit(world.justice.code, "Sở Tư pháp", parent=world.justice, procedure="1.900001")
    parent = world.commune.parent
    assert parent is not None
    construction = unit(
        "000.00.20.H99", "Sở Xây dựng", parent=parent, procedure="1.900002",
        level=AgencyLevel.DEPARTMENT,
    )  # fmt: skip
    mon, early, late = day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10), day_at(2026, 3, 12, 10)
    import_lines(
        processed(day_at(2026, 2, 23, 9), day_at(2026, 3, 2, 10)),  # carried over, late
        processed(mon, early),
        processed(mon, late),
        processed(day_at(2026, 3, 16, 9), day_at(2026, 3, 17, 10)),
        in_process(day_at(2026, 3, 23, 9)),  # due Thu 26/3: overdue at the end
        *[justice.processed(mon, early) for _ in range(4)],
        justice.processed(mon, late),
        *[processed(mon, early, **AT_POLICE) for _ in range(3)],
        *[processed(mon, early, **AT_POLICE_UNIT) for _ in range(2)],
        processed(mon, late, **AT_POLICE_UNIT),
        construction.processed(mon, late),
        construction.in_process(day_at(2026, 3, 23, 9)),
    )
    return world


def late_units_sheet(world: World) -> ReportSheet:
    report = province(world)
    result = late_units(report=report, period=MARCH, threshold=Decimal(10), min_sample=3)
    return sheet_for_late_units(result, filter=report, generated_at=MADE_AT)


# Late rate = late ÷ to process: commune 3/5 = 60.00; justice 1/5 = 20.00; police 1/6 = 16.67
# (its own 0/3 = 0.00, PC06 1/3 = 33.33); construction 2/2 = 100.00 but 2 < 3 dossiers: not
# ranked. Total 5 + 5 + 6 + 2 = 18 to process, 3 + 1 + 1 + 2 = 7 late → 7/18 = 38.888… → 38.89.
UNIT_ROWS = [
    ["1", "UBND xã Hòa An", 5, 3, 60.0, "Từ 10% trở lên"],
    ["2", "Sở Tư pháp", 5, 1, 20.0, "Từ 10% trở lên"],
    ["3", "Công an tỉnh", 6, 1, 16.67, "Từ 10% trở lên"],
    ["3.1", "Công an tỉnh (hồ sơ của chính đơn vị)", 3, 0, 0.0, None],
    ["3.2", "Phòng Cảnh sát quản lý hành chính", 3, 1, 33.33, None],
    ["4", "Sở Xây dựng", 2, 2, 100.0, "Chưa đủ số liệu, không xếp hạng"],
]
UNIT_TOTAL = [None, "Tổng cộng", 18, 7, 38.89, None]


def test_late_units_in_excel(units_world) -> None:
    ws = sheet_of(render_xlsx(late_units_sheet(units_world)))
    assert ws.title == "Đơn vị trễ hạn 2026-03"
    assert ws["A1"].value == PROVINCE_NAME.upper()
    assert ws["A4"].value == "BÁO CÁO ĐƠN VỊ CÓ TỶ LỆ HỒ SƠ TRỄ HẠN TỪ 10% TRỞ LÊN"
    assert [ws["A5"].value, ws["A6"].value] == [MARCH_LINE, PROVINCE_LINE]
    assert ws["A7"].value == (
        "Ngưỡng: tỷ lệ trễ hạn từ 10%; chỉ xếp hạng đơn vị có từ 3 hồ sơ phải giải quyết trở lên."
    )
    # Header rows 9–10: "Số hồ sơ" over "Phải giải quyết" and "Trễ hạn".
    assert values(ws, 9) == ["STT", "Cơ quan, đơn vị", "Số hồ sơ", None, "Tỷ lệ trễ hạn (%)",
                             "Đánh giá"]  # fmt: skip
    assert values(ws, 10)[2:4] == ["Phải giải quyết", "Trễ hạn"]
    assert {"A9:A10", "B9:B10", "C9:D9", "E9:E10", "F9:F10"} <= merged(ws)
    assert [values(ws, row) for row in range(11, 17)] == UNIT_ROWS
    assert values(ws, 17) == UNIT_TOTAL
    assert ws["B14"].alignment.indent == 2  # a sub-unit
    assert ws["E11"].number_format == "0.00"
    assert ws["C17"].font.b


def test_late_units_in_csv_and_pdf(units_world) -> None:
    sheet = late_units_sheet(units_world)
    rows = csv_rows(sheet)
    assert rows[0] == ["STT", "Cơ quan, đơn vị", "Số hồ sơ - Phải giải quyết", "Số hồ sơ - Trễ hạn",
                       "Tỷ lệ trễ hạn (%)", "Đánh giá"]  # fmt: skip
    assert rows[3] == ["3", "Công an tỉnh", "6", "1", "16.67", "Từ 10% trở lên"]
    assert rows[-1] == ["", "Tổng cộng", "18", "7", "38.89", ""]
    text = pdf_text(sheet)
    assert "Phòng Cảnh sát quản lý hành chính" in text
    assert "38,89" in text


# --- Inter-agency attribution --------------------------------------------------------------------


@pytest.fixture
def attribution_world(db) -> World:
    """A, B (finished late), C (early), D (linear), F, G (open and overdue at the end of the
    quarter) of tests/reports/test_attribution.py."""
    world = build_world()
    attribution_history()
    return world


def attribution_sheet(world: World) -> ReportSheet:
    report = province(world)
    result = attribution_report(report=report, period=Q1)
    return sheet_for_attribution(result, filter=report, generated_at=MADE_AT)


# Finished late (A, B): police 2 dossiers, over in A → 1; 4 + 4 = 8 h given, 19 + 2 = 21 h used,
# 15 h over. Commune 2, over in B → 1; 32 h given, 6 + 24 = 30 h used, 8 h over.
# Open overdue at the end (F, G): police 2, over in both; 8 h given, 52.5 + 45 = 97.5 used,
# 48.5 + 41 = 89.5 over. Commune 2, 0 over; 10 + 10 = 20 given, 1.5 + 1 = 2.5 used.
# The police is first: 15 + 89.5 = 104.5 h over against the commune's 8.
ATTRIBUTION_POLICE = ["1", "Công an tỉnh", "Phối hợp", 2, 1, 8, 21, 15, 2, 2, 8, 97.5, 89.5]
ATTRIBUTION_COMMUNE = ["2", "UBND xã Hòa An", "Chủ trì", 2, 1, 32, 30, 8, 2, 0, 20, 2.5, 0]
# Each dossier once: 2 finished late, both with an agency over its budget (A police, B commune);
# 8 + 32 = 40 h given, 21 + 30 = 51 used, 15 + 8 = 23 over. Open: 2, both with the police over;
# 8 + 20 = 28 given, 97.5 + 2.5 = 100 used, 89.5 over.
ATTRIBUTION_TOTAL = [None, "Tổng cộng", None, 2, 2, 40, 51, 23, 2, 2, 28, 100, 89.5]


def test_attribution_in_excel(attribution_world) -> None:
    ws = sheet_of(render_xlsx(attribution_sheet(attribution_world)))
    assert ws["A4"].value == (
        "BÁO CÁO XÁC ĐỊNH TRÁCH NHIỆM TRONG GIẢI QUYẾT HỒ SƠ LIÊN THÔNG TRỄ HẠN"
    )
    assert [ws["A5"].value, ws["A6"].value] == [Q1_LINE, PROVINCE_LINE]
    # Three header rows (8–10): the part, then the counts and "Giờ làm việc", then the hours.
    assert values(ws, 8)[:4] == [
        "STT",
        "Cơ quan",
        "Vai trò",
        "Hồ sơ đã giải quyết quá hạn trong kỳ",
    ]
    assert ws["I8"].value == "Hồ sơ đang giải quyết, quá hạn cuối kỳ"
    assert values(ws, 9)[3:6] == ["Số hồ sơ tham gia", "Số hồ sơ vượt thời gian được giao",
                                  "Giờ làm việc"]  # fmt: skip
    assert values(ws, 10)[5:8] == ["Được giao", "Đã dùng", "Vượt"]
    assert {"A8:A10", "C8:C10", "D8:H8", "I8:M8", "D9:D10", "F9:H9", "K9:M9"} <= merged(ws)
    assert values(ws, 11) == ATTRIBUTION_POLICE
    assert values(ws, 12) == ATTRIBUTION_COMMUNE
    assert values(ws, 13) == ATTRIBUTION_TOTAL
    assert ws["F11"].number_format == "#,##0.00"


def test_attribution_in_csv(attribution_world) -> None:
    sheet = attribution_sheet(attribution_world)
    assert sheet.notes[-1] == (
        "Hồ sơ đang giải quyết, quá hạn cuối kỳ: chưa giải quyết xong và đã quá hạn lúc 00:00 ngày "
        "sau ngày cuối kỳ (giờ Việt Nam); giờ đã dùng của các hồ sơ này tính đến lúc đó."
    )
    rows = csv_rows(sheet)
    assert rows[0][3] == "Hồ sơ đã giải quyết quá hạn trong kỳ - Số hồ sơ tham gia"
    assert rows[0][-1] == "Hồ sơ đang giải quyết, quá hạn cuối kỳ - Giờ làm việc - Vượt"
    assert rows[1] == ["1", "Công an tỉnh", "Phối hợp", "2", "1", "8.00", "21.00", "15.00",
                       "2", "2", "8.00", "97.50", "89.50"]  # fmt: skip
    assert rows[3] == ["", "Tổng cộng", "", "2", "2", "40.00", "51.00", "23.00",
                       "2", "2", "28.00", "100.00", "89.50"]  # fmt: skip


# --- Officers' evaluation ------------------------------------------------------------------------


@pytest.fixture
def officers_world(db) -> World:
    """D1–D4 of tests/reports/test_officers.py, through the workflow services."""
    world = build_world()
    officer_history(world)
    return world


def officers_sheet(world: World) -> ReportSheet:
    report = province(world)
    rows = officer_evaluation(report=report, period=MARCH)
    return sheet_for_officers(rows, period=MARCH, filter=report, generated_at=MADE_AT)


# By full name. Columns: dossiers; visits, on time, late, on-time %; sent back, supplements;
# mean hours of the judged visits.
OFFICER_ROWS = [
    ["1", "Chuyenvien Congan", "Công an tỉnh", 1, 1, 1, 0, 100.0, 0, 0, 4.0],
    # D1 and D4 appraisals (12 h and 1 h) → 6.5 h; D3's supplement request.
    ["2", "Chuyenvien Hoaan", "UBND xã Hòa An", 2, 2, 2, 0, 100.0, 0, 1, 6.5],
    # D2: 2.5 h (sent back) and 29 h (late): 1/2 on time, (2.5 + 29) ÷ 2 = 15.75 h.
    ["3", "Chuyenvien2 Hoaan", "UBND xã Hòa An", 1, 2, 1, 1, 50.0, 1, 0, 15.75],
    ["4", "Lanhdao Hoaan", "UBND xã Hòa An", 2, 2, 2, 0, 100.0, 0, 0, 2.5],
    # 6 visits, 5 judged (D1's return step is not): 3.5 h ÷ 5 = 0.7 h.
    ["5", "Tiepnhan Hoaan", "UBND xã Hòa An", 4, 6, 5, 0, 100.0, 0, 0, 0.7],
]
# Visits 1 + 2 + 2 + 2 + 6 = 13; judged 1 + 2 + 2 + 2 + 5 = 12, on time 11, late 1 → 11/12 =
# 91.666… → 91.67; hours 4 + 13 + 31.5 + 5 + 3.5 = 57 over 12 judged visits = 4.75. Dossiers
# are not added up (D1 went through four officers' hands).
OFFICER_TOTAL = [None, "Tổng cộng", None, None, 13, 11, 1, 91.67, 1, 1, 4.75]


def test_officers_in_excel(officers_world) -> None:
    ws = sheet_of(render_xlsx(officers_sheet(officers_world)))
    assert ws["A4"].value == "BÁO CÁO ĐÁNH GIÁ KẾT QUẢ XỬ LÝ HỒ SƠ CỦA CÁN BỘ, CÔNG CHỨC"
    assert [ws["A5"].value, ws["A6"].value] == [MARCH_LINE, PROVINCE_LINE]
    assert values(ws, 8)[3:5] == ["Số hồ sơ đã xử lý", "Lượt xử lý tại các bước"]
    assert ws["I8"].value == "Số lần"
    assert values(ws, 9)[4:10] == ["Tổng số", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn (%)",
                                   "Trả lại bước trước", "Yêu cầu bổ sung"]  # fmt: skip
    assert {"A8:A9", "D8:D9", "E8:H8", "I8:J8", "K8:K9"} <= merged(ws)
    assert [values(ws, row) for row in range(10, 15)] == OFFICER_ROWS
    assert values(ws, 15) == OFFICER_TOTAL
    assert ws.freeze_panes == "D10"  # after the officer and the agencies


def test_officers_in_csv(officers_world) -> None:
    rows = csv_rows(officers_sheet(officers_world))
    assert rows[0][4:8] == [
        "Lượt xử lý tại các bước - Tổng số", "Lượt xử lý tại các bước - Đúng hạn",
        "Lượt xử lý tại các bước - Trễ hạn", "Lượt xử lý tại các bước - Tỷ lệ đúng hạn (%)",
    ]  # fmt: skip
    assert rows[3] == ["3", "Chuyenvien2 Hoaan", "UBND xã Hòa An", "1", "2", "1", "1", "50.00",
                       "1", "0", "15.75"]  # fmt: skip
    assert rows[-1] == ["", "Tổng cộng", "", "", "13", "11", "1", "91.67", "1", "1", "4.75"]


# --- Circular 01/2018: per agency ----------------------------------------------------------------


@pytest.fixture
def scoring_world(db) -> World:
    """Three commune dossiers of March and one of Sở Tư pháp (as in tests/reports/test_scoring.py;
    a dossier received Monday 09:00 is due Thursday 09:00):
    A early at the counter; E late, collected at the counter; F on time, online, returned
    electronically; J at Sở Tư pháp, early (its procedure flagged "4 tại chỗ")."""
    world = build_world()
    justice_procedure()
    import_lines(
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10)),  # A
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 10),
                  returned=day_at(2026, 3, 12, 11)),  # E
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 12, 8), returned=day_at(2026, 3, 12, 9),
                  method="electronic", channel="online"),  # F
        processed(day_at(2026, 3, 10, 9), day_at(2026, 3, 10, 10), procedure="2.000635",
                  desk_code="mot-cua-so-tp", agency_code=JUSTICE,
                  code=f"{JUSTICE}-260310-0001"),  # J
    )  # fmt: skip
    return world


def scoring_sheet(world: World) -> ReportSheet:
    report = province(world)
    table = circular01_scores(report=report, period=Q1, at=MADE_AT)
    return sheet_for_circular01(table, filter=report, generated_at=MADE_AT)


# Points (test_scoring.test_points_of_each_dossier): A 2 1 2 1 2; E 0 0 2 1 0; F 1 0 2 2 1;
# J 2 1 2 1 2 on indicators 1, 2, 3, 4, 7.
# Sở Tư pháp (code 000.00.15.H99, first): 2.0 1.0 2.0 1.0 2.0; 5: its one procedure "4 tại chỗ"
# (100% ≥ 20%) 2; 6: 1; 8: no PAKN 2; 9: no online procedure 0 → 8 + 5 = 13.0, Tốt.
JUSTICE_SCORES = ["1", "Sở Tư pháp", 1, 2.0, 1.0, 2.0, 1.0, 2.0, 2.0, 1.0, 2.0, 0.0, 13.0, "Tốt"]
# The commune, 3 dossiers: 1: 3/3 = 1.0; 2: 1/3 = 0.33 → 0.3; 3: 6/3 = 2.0; 4: 4/3 = 1.33 → 1.3;
# 7: 3/3 = 1.0. 5: none of its 2 procedures "4 tại chỗ" (a commune needs 100%) 0; 6: 1; 8: 2;
# 9: 2/2 procedures online, 1 of 3 dossiers online (33.3% ≥ 30%), none late → 2.
# 1.0 + 0.3 + 2.0 + 1.3 + 1.0 + 0 + 1 + 2 + 2 = 10.6 → Khá.
COMMUNE_SCORES = [
    "2",
    "UBND xã Hòa An",
    3,
    1.0,
    0.3,
    2.0,
    1.3,
    1.0,
    0.0,
    1.0,
    2.0,
    2.0,
    10.6,
    "Khá",
]
# All 4 dossiers: 1: (2 + 0 + 1 + 2)/4 = 1.25 → 1.3; 2: 2/4 = 0.5; 3: 8/4 = 2.0; 4: 5/4 → 1.3;
# 7: 5/4 → 1.3 (half up).
SCORES_TOTAL = [None, "Chung các hồ sơ được chấm", 4, 1.3, 0.5, 2.0, 1.3, 1.3,
                None, None, None, None, None, None]  # fmt: skip


def test_circular01_in_excel(scoring_world) -> None:
    ws = sheet_of(render_xlsx(scoring_sheet(scoring_world)))
    assert ws.title == "Chấm điểm đơn vị 2026-Q1"
    assert ws["A4"].value == (
        "KẾT QUẢ CHẤM ĐIỂM GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CỦA CƠ QUAN, ĐƠN VỊ THEO THÔNG TƯ "
        "01/2018/TT-VPCP"
    )
    assert [ws["A5"].value, ws["A6"].value] == [Q1_LINE, PROVINCE_LINE]
    # Header rows 8–10: all nine indicators, then per dossier / per unit, then each indicator.
    assert values(ws, 8)[2:4] == ["Số hồ sơ được chấm", "Điểm theo từng chỉ số"]
    assert [ws["D9"].value, ws["I9"].value] == [
        "Chấm theo từng hồ sơ (điểm bình quân)",
        "Chấm cho đơn vị",
    ]
    assert values(ws, 10)[3:12] == [f"Chỉ số {n}" for n in (1, 2, 3, 4, 7, 5, 6, 8, 9)]
    assert {"C8:C10", "D8:L8", "D9:H9", "I9:L9", "M8:M10", "N8:N10"} <= merged(ws)
    assert values(ws, 11) == JUSTICE_SCORES
    assert values(ws, 12) == COMMUNE_SCORES
    assert values(ws, 13) == SCORES_TOTAL
    assert ws["D12"].number_format == "0.0"


def test_circular01_in_csv_and_pdf(scoring_world) -> None:
    sheet = scoring_sheet(scoring_world)
    rows = csv_rows(sheet)
    assert rows[0][3] == "Điểm theo từng chỉ số - Chấm theo từng hồ sơ (điểm bình quân) - Chỉ số 1"
    assert rows[0][-2:] == ["Tổng điểm (tối đa 18)", "Xếp loại"]
    assert rows[2] == ["2", "UBND xã Hòa An", "3", "1.0", "0.3", "2.0", "1.3", "1.0", "0.0",
                       "1.0", "2.0", "2.0", "10.6", "Khá"]  # fmt: skip
    assert rows[3][:8] == ["", "Chung các hồ sơ được chấm", "4", "1.3", "0.5", "2.0", "1.3", "1.3"]
    text = pdf_text(sheet)
    assert "10,6" in text
    assert "Chỉ số 5: Thực hiện “4 tại chỗ”." in text


# --- Circular 01/2018: per staff member ----------------------------------------------------------


@pytest.fixture
def staff_world(db) -> World:
    """X1 and X2 of tests/reports/test_scoring.py::test_staff_scores, through the workflow.

    X1: received Mon 9/3 09:00 by the desk officer, appraised by the specialist, sent back once by
    the leader, approved Mon 16:00: early. X2: received Mon 09:30, appraised by the second
    specialist until Thu 09:00, approved Thu 10:00: late (due Thu 09:30)."""
    w = build_world()
    x1 = receive(w, when=day_at(2026, 3, 9, 9))
    x1 = dossier_forward(dossier=x1, actor=w.desk_officer, handler=w.specialist,
                         at=day_at(2026, 3, 9, 10))  # fmt: skip
    x1 = dossier_forward(dossier=x1, actor=w.specialist, handler=w.leader,
                         at=day_at(2026, 3, 9, 11))  # fmt: skip
    x1 = dossier_send_back(dossier=x1, actor=w.leader, note="Xem lại", at=day_at(2026, 3, 9, 14))
    x1 = dossier_forward(dossier=x1, actor=w.specialist, handler=w.leader,
                         at=day_at(2026, 3, 9, 15))  # fmt: skip
    dossier_approve(dossier=x1, actor=w.leader, files=[scan("kq.pdf")], at=day_at(2026, 3, 9, 16))
    x2 = receive(w, when=day_at(2026, 3, 9, 9, 30))
    x2 = dossier_forward(dossier=x2, actor=w.desk_officer, handler=w.specialist2,
                         at=day_at(2026, 3, 9, 10))  # fmt: skip
    x2 = dossier_forward(dossier=x2, actor=w.specialist2, handler=w.leader,
                         at=day_at(2026, 3, 12, 9))  # fmt: skip
    dossier_approve(dossier=x2, actor=w.leader, files=[scan("kq.pdf")], at=day_at(2026, 3, 12, 10))
    return w


def staff_sheet(world: World) -> ReportSheet:
    report = province(world)
    scores = circular01_staff(report=report, period=MARCH)
    return sheet_for_circular01_staff(scores, period=MARCH, filter=report, generated_at=MADE_AT)


# X1 earns 2 1 2 1 2 = 8, X2 0 0 2 1 0 = 3 (indicators 1, 2, 3, 4, 7). By full name:
STAFF_ROWS = [
    ["1", "Chuyenvien Hoaan", 1, 2.0, 1.0, 2.0, 1.0, 2.0, 8.0, STAFF_FULL],  # X1
    ["2", "Chuyenvien2 Hoaan", 1, 0.0, 0.0, 2.0, 1.0, 0.0, 3.0, STAFF_LESS],  # X2: < 3.5
    # X1 and X2: (2+0)/2 = 1.0, (1+0)/2 = 0.5, 2.0, 1.0, (2+0)/2 = 1.0 → 5.5 (≥ 5).
    ["3", "Lanhdao Hoaan", 2, 1.0, 0.5, 2.0, 1.0, 1.0, 5.5, STAFF_FULL],
    ["4", "Tiepnhan Hoaan", 2, 1.0, 0.5, 2.0, 1.0, 1.0, 5.5, STAFF_FULL],
]


def test_circular01_staff_in_excel_and_csv(staff_world) -> None:
    sheet = staff_sheet(staff_world)
    ws = sheet_of(render_xlsx(sheet))
    assert ws["A4"].value == (
        "KẾT QUẢ CHẤM ĐIỂM GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CỦA CÁN BỘ, CÔNG CHỨC THEO THÔNG TƯ "
        "01/2018/TT-VPCP"
    )
    # A month is not a scoring period of the Circular: said under the period and the agency.
    assert [ws["A5"].value, ws["A6"].value, ws["A7"].value] == [
        MARCH_LINE,
        PROVINCE_LINE,
        "Thông tư 01/2018/TT-VPCP chấm điểm theo quý và theo năm; kỳ này chỉ để tham khảo.",
    ]
    assert values(ws, 9)[3] == "Điểm bình quân theo chỉ số"
    assert values(ws, 10)[3:8] == ["Chỉ số 1", "Chỉ số 2", "Chỉ số 3", "Chỉ số 4", "Chỉ số 7"]
    assert {"A9:A10", "C9:C10", "D9:H9", "I9:I10", "J9:J10"} <= merged(ws)
    assert [values(ws, row) for row in range(11, 15)] == STAFF_ROWS
    # No total row: people's scores do not add up; the notes follow a blank row.
    assert values(ws, 15) == [None] * 10
    assert ws["A16"].value.startswith("Điểm của mỗi người là tổng điểm bình quân")
    rows = csv_rows(sheet)
    assert rows[0][3] == "Điểm bình quân theo chỉ số - Chỉ số 1"
    assert rows[2] == ["2", "Chuyenvien2 Hoaan", "1", "0.0", "0.0", "2.0", "1.0", "0.0", "3.0",
                       STAFF_LESS]  # fmt: skip
    assert len(rows) == 5


# --- Decision 766 index --------------------------------------------------------------------------


@pytest.fixture
def index_world(db) -> World:
    """The first quarter crafted in tests/reports/test_index766.py."""
    world = build_world()
    crafted_quarter(world)
    return world


def index_sheet(world: World) -> ReportSheet:
    report = province(world)
    table = index766_table(report=report, period=Q1, at=MADE_AT)
    return sheet_for_index766(table, filter=report, generated_at=MADE_AT)


def test_index766_in_excel(index_world) -> None:
    ws = sheet_of(render_xlsx(index_sheet(index_world)))
    assert ws["A4"].value == (
        "BỘ CHỈ SỐ CHỈ ĐẠO, ĐIỀU HÀNH VÀ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP "
        "(QUYẾT ĐỊNH 766/QĐ-TTG) — ƯỚC TÍNH"
    )
    assert [ws["A5"].value, ws["A6"].value] == [Q1_LINE, PROVINCE_LINE]
    assert values(ws, 8) == ["Mã", "Nhóm, chỉ số", "Số liệu", None, None, "Ngưỡng (%)",
                             "Điểm (ước tính)", None, None, "Ghi chú"]  # fmt: skip
    assert values(ws, 9)[2:9] == ["Tử số", "Mẫu số", "Tỷ lệ (%)", None, "Đạt được",
                                  "Tối đa đo được", "Tối đa"]  # fmt: skip
    assert {"A8:A9", "C8:E8", "F8:F9", "G8:I8", "J8:J9"} <= merged(ws)
    # Group 1: 4.00 + 1.33 + 2.00 = 7.33 of 6 + 4 + 2 = 12 measured, out of 18.
    assert values(ws, 10) == ["1", "Công khai, minh bạch", None, None, None, None, 7.33, 12, 18,
                              None]  # fmt: skip
    # 1.1: on time 2 of 3 decisions → 66.67% → 6 × 66.67 ÷ 100 = 4.00 (of 6).
    assert values(ws, 11)[:9] == ["1.1", "Công bố thủ tục hành chính đúng hạn", 2, 3, 66.67, 100,
                                  4.0, 6, 6]  # fmt: skip
    # 1.4 needs data motcua does not hold.
    assert values(ws, 14)[:9] == ["1.4", "Đồng bộ hồ sơ lên Hệ thống thông tin báo cáo quốc gia",
                                  None, None, None, 100, "Chưa đo được", None, 6]  # fmt: skip
    assert ws["J14"].value.startswith("Chưa đo được: motcua chưa đồng bộ hồ sơ")
    # 2.2 is shown, not scored: 84.5 h over 8 resolved dossiers ÷ 8 h = 1.32 working days.
    assert values(ws, 17)[:9] == ["2.2", "Thời gian giải quyết trung bình (ngày làm việc)", 8, 8,
                                  None, None, "Chỉ hiển thị", None, None]  # fmt: skip
    assert ws["J17"].value.startswith("Bình quân 1,32 ngày làm việc")
    # 5 groups and 21 indicators (rows 10–35), then the total: 7.33 + 15.00 + 3.00 + 5.54 + 9.03
    # = 39.90 of 12 + 20 + 6 + 20 + 18 = 76 measured, out of 100.
    assert values(ws, 36) == [None, "Tổng điểm (ước tính)", None, None, None, None, 39.9, 76, 100,
                              None]  # fmt: skip
    assert (ws["B11"].alignment.indent, ws["B10"].font.b) == (2, True)


def test_index766_in_csv(index_world) -> None:
    rows = csv_rows(index_sheet(index_world))
    assert rows[0] == ["Mã", "Nhóm, chỉ số", "Số liệu - Tử số", "Số liệu - Mẫu số",
                       "Số liệu - Tỷ lệ (%)", "Ngưỡng (%)", "Điểm (ước tính) - Đạt được",
                       "Điểm (ước tính) - Tối đa đo được", "Điểm (ước tính) - Tối đa",
                       "Ghi chú"]  # fmt: skip
    by_code = {row[0]: row for row in rows[1:]}
    # 4.2: digitised 2 of 12 received → 16.67% → 4 × 16.67 ÷ 80 = 0.83 (threshold 80%).
    assert by_code["4.2"][:9] == ["4.2", "Hồ sơ được số hóa", "2", "12", "16.67", "80", "0.83",
                                  "4", "4"]  # fmt: skip
    # 3.1: ratio only (its maximum is not known): 3 of 5 = 60%.
    assert by_code["3.1"][2:9] == ["3", "5", "60.00", "80", "Chỉ hiển thị tỷ lệ", "", ""]
    assert rows[-1][:9] == ["", "Tổng điểm (ước tính)", "", "", "", "", "39.90", "76", "100"]


# --- Every report in every format, the background and the timeliness note ----------------------

NEW_REPORTS = ["late_units", "attribution", "officers", "circular01", "circular01_staff",
               "index766"]  # fmt: skip


@pytest.mark.parametrize("report", NEW_REPORTS)
def test_each_new_report_is_registered_and_renders_in_every_format(db, report) -> None:
    build_world()
    assert report in REPORTS
    xlsx = report_export_render(actor=None, report=report, file_format="xlsx",
                                params={"period": "2026-03"})  # fmt: skip
    assert xlsx.name.endswith("-2026-03.xlsx")
    assert sheet_of(xlsx.data)["A5"].value == MARCH_LINE
    csv_file = report_export_render(actor=None, report=report, file_format="csv",
                                    params={"period": "2026-03"})  # fmt: skip
    assert csv_file.data.decode("utf-8-sig").splitlines()[0].startswith(("STT,", "Mã,"))
    pdf = report_export_render(actor=None, report=report, file_format="pdf",
                               params={"period": "2026-03"})  # fmt: skip
    assert pdf.data.startswith(b"%PDF")


def test_a_long_report_is_made_in_the_background(
    attribution_world, django_capture_on_commit_callbacks
) -> None:
    admin = MembershipFactory(
        agency=attribution_world.commune.parent, role=Role.PROVINCE_ADMIN
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        export = report_export_request(actor=admin, report="attribution", file_format="csv",
                                       params={"period": "2026-Q1"})  # fmt: skip
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    assert export.file_name == "lien-thong-tre-han-2026-q1.csv"
    rows = list(csv.reader(io.StringIO(export.file.open("rb").read().decode("utf-8-sig"))))
    assert rows[-1][3:5] == ["2", "2"]  # 2 finished late, both attributed (see above)
    report_export_execute(export_id=export.pk)  # already done: nothing happens
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE


def test_the_timeliness_note_of_a_running_period_names_the_moment(units_world) -> None:
    report = province(units_world)
    ended = timeliness_table(report=report, period=MARCH)
    assert (
        sheet_for_timeliness(ended, filter=report)
        .notes[1]
        .endswith("số hồ sơ đang giải quyết tính đến 00:00 ngày sau ngày cuối kỳ (giờ Việt Nam).")
    )
    # A period not over yet (this month; the test clock runs in November 2026 or later): the
    # stocks are counted at Period.until, the moment the table was made.
    today = timezone.localdate()
    running = month(today.year, today.month)
    table = timeliness_table(report=report, period=running)
    note = sheet_for_timeliness(table, filter=report).notes[1]
    when = timezone.localtime(running.until)
    assert running.until < running.end
    assert note.endswith(
        "Kỳ báo cáo chưa kết thúc: số hồ sơ đang giải quyết (trong hạn, sắp đến hạn, quá hạn) "
        f"tính tại thời điểm lập báo cáo, {when:%H:%M} ngày {when:%d/%m/%Y} (giờ Việt Nam)."
    )
    # The other files say so too, at the same instant.
    officers = sheet_for_officers([], period=running, filter=report)
    assert officers.notes[-1] == (
        f"Kỳ báo cáo chưa kết thúc: số liệu tính đến {when:%H:%M} ngày {when:%d/%m/%Y} "
        "(giờ Việt Nam)."
    )
    assert sheet_for_officers([], period=MARCH, filter=report).notes[-1].startswith("Tỷ lệ")


# --- The report pages offer the files ------------------------------------------------------------


def login_admin(client: Client, world: World) -> User:
    user = MembershipFactory(agency=world.commune.parent, role=Role.PROVINCE_ADMIN).user
    client.force_login(user)
    return user


def download_links(html: str) -> dict[str, str]:
    """The "Tải bảng này" line's links by format."""
    line = re.search(r'<p class="report-downloads">(.*?)</p>', html, re.S)
    assert line is not None, "no download line"
    links = re.findall(r'href="([^"]*)">(Excel|CSV|PDF)</a>', line[1])
    return {label: href.replace("&amp;", "&") for href, label in links}


PAGES = [
    ("backoffice:report-late-units", {}, "late_units", "don-vi-tre-han-2026-03"),
    ("backoffice:report-attribution", {}, "attribution", "lien-thong-tre-han-2026-03"),
    ("backoffice:report-officers", {}, "officers", "danh-gia-can-bo-2026-03"),
    ("backoffice:report-scoring", {}, "circular01", "cham-diem-tt01-don-vi-2026-03"),
    ("backoffice:report-scoring", {"tab": "can-bo"}, "circular01_staff",
     "cham-diem-tt01-can-bo-2026-03"),
    ("backoffice:report-index766", {}, "index766", "chi-so-766-2026-03"),
    ("backoffice:report-timeliness", {}, "timeliness", "bao-cao-dung-han-2026-03"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "extra", "report", "stem"), PAGES)
def test_each_report_page_links_its_files_and_the_csv_downloads(
    client, officers_world, page, extra, report, stem
) -> None:
    login_admin(client, officers_world)
    response = client.get(reverse(page), {"period": "2026-03", **extra})
    assert response.status_code == 200
    links = download_links(response.content.decode())
    assert list(links) == ["Excel", "CSV", "PDF"]
    for label, fmt in (("Excel", "xlsx"), ("CSV", "csv"), ("PDF", "pdf")):
        assert f"report={report}&" in links[label]
        assert f"format={fmt}&" in links[label]
        assert "period=2026-03" in links[label]
    download = client.get(links["CSV"])
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    # The province administrator's page counts their province: its code ends the file name.
    assert download["Content-Disposition"] == f'attachment; filename="{stem}-000-00-00-h99.csv"'
    assert download.content.startswith("\ufeff".encode())


def test_the_officers_page_csv_has_the_table(client, officers_world) -> None:
    login_admin(client, officers_world)
    html = client.get(reverse("backoffice:report-officers"), {"period": "2026-03"})
    rows = list(
        csv.reader(io.StringIO(client.get(download_links(html.content.decode())["CSV"])
                               .content.decode("utf-8-sig")))
    )  # fmt: skip
    assert rows[1][:5] == ["1", "Chuyenvien Congan", "Công an tỉnh", "1", "1"]
    assert rows[-1][:5] == ["", "Tổng cộng", "", "", "13"]


def test_a_quarter_links_to_the_export_form_made_in_the_background(client, officers_world) -> None:
    login_admin(client, officers_world)
    html = client.get(reverse("backoffice:report-attribution"), {"period": "2026-Q1"})
    response = client.get(download_links(html.content.decode())["Excel"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "không tải về ngay được" in response.content.decode()


def test_an_officer_without_reports_sees_no_files(client, officers_world) -> None:
    client.force_login(officers_world.specialist)
    html = client.get(reverse("backoffice:report-officers"), {"period": "2026-03"})
    assert html.status_code == 200
    assert "report-downloads" not in html.content.decode()
