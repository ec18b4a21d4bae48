"""Report tables as files officials file: Excel (openpyxl), CSV and PDF (fpdf2).

Every renderer takes a `ReportSheet`: a title block, leaf `Column`s arranged under nested
`HeaderGroup`s (the merged header cells), rows (agencies and their indented sub-units) and a total
row. A report only has to describe its table once to be exported in all three formats:
`sheet_for_timeliness`, `sheet_for_late_units`, `sheet_for_attribution`, `sheet_for_officers`,
`sheet_for_circular01`, `sheet_for_circular01_staff` and `sheet_for_index766` below.

- Excel: national heading, title, period and filter lines; two or three header rows with merged
  cells; counts formatted `#,##0`, rates `0.00` (numbers, not text); thin borders; frozen panes
  below the header; A4 landscape, fit to one page wide, header rows repeated on every printed page,
  page numbers in the footer; notes, the generation time and the signature block below the table.
- CSV: UTF-8 with a byte-order mark (so Excel reads Vietnamese correctly), one header row whose
  labels join the header groups with " - " (or the stable English column codes with
  `codes=True`), then the rows and the total row; rates with a dot as decimal separator.
- PDF: A4 landscape in the forms' Vietnamese typeface, the same merged header repeated on every
  page, "Trang x/y" at the foot of each page.
"""

import csv
import datetime as dt
import enum
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from motcua.accounts.models import Agency
from motcua.core.text import fold
from motcua.documents.fonts import FAMILY
from motcua.documents.layout import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    SEAL_HINT,
    SIGN_HINT,
    OfficialPDF,
    SignatureBlock,
)
from motcua.reports.attribution import AgencyAttribution, Attribution
from motcua.reports.attribution import Part as AttributionPartName
from motcua.reports.index766 import Index766Table, IndicatorResult, Status
from motcua.reports.officers import OfficerRow
from motcua.reports.periods import Period, PeriodKind
from motcua.reports.scope import ReportFilter
from motcua.reports.scoring import (
    DOSSIER_INDICATORS,
    INDICATOR_LABELS,
    MAX_TOTAL,
    UNIT_INDICATORS,
    Circular01Table,
    StaffScore,
    average,
)
from motcua.reports.timeliness import DERIVED, FIGURE_BY_CODE, TimelinessRow, TimelinessTable
from motcua.reports.units import LateUnits, UnitRate

type CellValue = str | int | Decimal | None

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
PDF_CONTENT_TYPE = "application/pdf"
CONTENT_TYPES: Mapping[str, str] = {
    "xlsx": XLSX_CONTENT_TYPE,
    "csv": CSV_CONTENT_TYPE,
    "pdf": PDF_CONTENT_TYPE,
}
FORMATS = tuple(CONTENT_TYPES)


class ColumnKind(enum.StrEnum):
    TEXT = "text"  # short text, centred (STT, codes)
    LABEL = "label"  # the row's name, left-aligned, indented by the row's level
    COUNT = "count"  # a whole number: #,##0
    RATE = "rate"  # a percentage with two decimals: 0.00
    DECIMAL = "decimal"  # a measure with two decimals: #,##0.00
    SCORE = "score"  # points with one decimal: 0.0 (Circular 01/2018 scores)
    NOTE = "note"  # longer text, left-aligned, never indented (remarks, lists of agencies)


NUMBER_FORMATS: Mapping[ColumnKind, str] = {
    ColumnKind.COUNT: "#,##0",
    ColumnKind.RATE: "0.00",
    ColumnKind.DECIMAL: "#,##0.00",
    ColumnKind.SCORE: "0.0",
}
NUMERIC_KINDS = frozenset(NUMBER_FORMATS)


@dataclass(frozen=True)
class Column:
    """A leaf column: its value in each row is `row.values[key]`."""

    key: str  # stable English code (the CSV's `codes=True` header)
    label: str  # Vietnamese header
    kind: ColumnKind = ColumnKind.COUNT
    width: float = 9.0  # in Excel character widths; the PDF shares the page in proportion


@dataclass(frozen=True)
class HeaderGroup:
    """A header cell merged over the columns (or groups) under it."""

    label: str
    children: tuple["Column | HeaderGroup", ...]


type HeaderNode = Column | HeaderGroup


@dataclass(frozen=True)
class ReportRow:
    values: Mapping[str, CellValue]
    level: int = 0  # 0: a unit; 1: one of its sub-units (indented)
    emphasis: bool = False  # bold (the total row)


@dataclass(frozen=True)
class HeaderCell:
    """One header cell placed in the header block (0-based row and column)."""

    row: int
    column: int
    rowspan: int
    colspan: int
    label: str


@dataclass(frozen=True)
class ReportSheet:
    """Everything a report file shows; see the module doc."""

    title: str
    headers: tuple[HeaderNode, ...]
    rows: tuple[ReportRow, ...]
    generated_at: dt.datetime
    total: ReportRow | None = None
    issuer: str = ""  # the agency the report is about, printed in capitals top left
    lines: tuple[str, ...] = ()  # under the title: the period, the filter
    notes: tuple[str, ...] = ()  # under the table: how figures are computed
    file_stem: str = "bao-cao"
    sheet_name: str = "Báo cáo"
    signatures: tuple[str, str] = ("Người lập biểu", "Thủ trưởng đơn vị")

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(_leaves(self.headers))

    @property
    def header_depth(self) -> int:
        return max(_depth(node) for node in self.headers)

    def header_cells(self) -> list[HeaderCell]:
        """The header laid out: a group spans its leaves; a leaf spans down to the last row."""
        depth = self.header_depth
        cells: list[HeaderCell] = []

        def place(node: HeaderNode, row: int, column: int) -> int:
            if isinstance(node, Column):
                cells.append(HeaderCell(row, column, depth - row, 1, node.label))
                return 1
            width = 0
            for child in node.children:
                width += place(child, row + 1, column + width)
            cells.append(HeaderCell(row, column, 1, width, node.label))
            return width

        column = 0
        for node in self.headers:
            column += place(node, 0, column)
        return sorted(cells, key=lambda c: (c.row, c.column))

    def flat_labels(self) -> list[str]:
        """Each column's header with its groups: "Đã giải quyết - Đúng hạn"."""
        labels: list[str] = []

        def walk(node: HeaderNode, path: tuple[str, ...]) -> None:
            if isinstance(node, Column):
                labels.append(" - ".join((*path, node.label)))
            else:
                for child in node.children:
                    walk(child, (*path, node.label))

        for node in self.headers:
            walk(node, ())
        return labels

    def body(self) -> list[ReportRow]:
        return [*self.rows, *([self.total] if self.total is not None else [])]


def _leaves(nodes: Sequence[HeaderNode]) -> list[Column]:
    found: list[Column] = []
    for node in nodes:
        found.extend([node] if isinstance(node, Column) else _leaves(node.children))
    return found


def _depth(node: HeaderNode) -> int:
    if isinstance(node, Column):
        return 1
    return 1 + max(_depth(child) for child in node.children)


def file_slug(text: str) -> str:
    """A file-name part without diacritics or spaces: "Quý 1/2026" → "quy-1-2026"."""
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")


def file_name(sheet: ReportSheet, file_format: str) -> str:
    return f"{sheet.file_stem}.{file_format}"


def render(sheet: ReportSheet, file_format: str) -> bytes:
    """The sheet in one of `FORMATS`."""
    if file_format == "xlsx":
        return render_xlsx(sheet)
    if file_format == "csv":
        return render_csv(sheet)
    if file_format == "pdf":
        return render_pdf(sheet)
    raise ValueError(file_format)


def _local(instant: dt.datetime) -> dt.datetime:
    return timezone.localtime(instant)


def generated_line(sheet: ReportSheet) -> str:
    when = _local(sheet.generated_at)
    return f"Lập lúc {when:%H:%M} ngày {when:%d/%m/%Y} trên Hệ thống một cửa điện tử."


# --- Excel --------------------------------------------------------------------------------------

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDE4EE", end_color="DDE4EE")
TOTAL_FILL = PatternFill(fill_type="solid", start_color="F2F2F2", end_color="F2F2F2")
FONT_NAME = "Times New Roman"  # the typeface of Vietnamese administrative documents
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class XlsxLayout:
    """Where the parts of a sheet land in the worksheet (1-based rows)."""

    title_row: int
    header_top: int
    header_bottom: int
    first_data_row: int
    last_data_row: int


def xlsx_layout(sheet: ReportSheet) -> XlsxLayout:
    title_row = 4  # rows 1–2: issuer and national heading; row 3 blank
    header_top = title_row + len(sheet.lines) + 2  # a blank row before the header
    header_bottom = header_top + sheet.header_depth - 1
    first = header_bottom + 1
    return XlsxLayout(title_row, header_top, header_bottom, first, first + len(sheet.body()) - 1)


def _xlsx_value(value: CellValue, kind: ColumnKind) -> str | int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if kind in NUMERIC_KINDS or isinstance(value, int):
        return value
    return str(value)


def _merged_line(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    text: str,
    *,
    font: Font,
    align: str = "center",
    height: float | None = None,
) -> None:
    cell = ws.cell(row=row, column=first, value=text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    if height is not None:
        ws.row_dimensions[row].height = height


def render_xlsx(sheet: ReportSheet) -> bytes:
    workbook = Workbook()
    ws = workbook.active
    assert isinstance(ws, Worksheet)
    ws.title = re.sub(r"[\[\]:*?/\\]", " ", sheet.sheet_name)[:31]
    columns = sheet.columns
    n = len(columns)
    layout = xlsx_layout(sheet)
    last_letter = get_column_letter(n)
    half = max(1, n // 2)
    regular = Font(name=FONT_NAME, size=11)
    bold = Font(name=FONT_NAME, size=11, bold=True)
    italic = Font(name=FONT_NAME, size=11, italic=True)

    # Title block: issuer left, national heading right; title; period and filter lines.
    if sheet.issuer:
        _merged_line(ws, 1, 1, half, sheet.issuer.upper(), font=bold)
    if n >= 2:
        _merged_line(ws, 1, half + 1, n, NATIONAL_NAME, font=bold)
        _merged_line(ws, 2, half + 1, n, NATIONAL_MOTTO, font=bold)
    _merged_line(
        ws,
        layout.title_row,
        1,
        n,
        sheet.title.upper(),
        font=Font(name=FONT_NAME, size=13, bold=True),
        height=36,
    )
    for offset, text in enumerate(sheet.lines, start=1):
        _merged_line(ws, layout.title_row + offset, 1, n, text, font=italic)

    # Header rows: merged cells, bordered (the top-left cell's border is spread over the range
    # when merging, so it is set first).
    for spec in sheet.header_cells():
        row, first = layout.header_top + spec.row, spec.column + 1
        cell = ws.cell(row=row, column=first, value=spec.label)
        cell.font = bold
        cell.alignment = CENTRE
        cell.fill = HEADER_FILL
        cell.border = BORDER
        if spec.rowspan > 1 or spec.colspan > 1:
            ws.merge_cells(
                start_row=row,
                start_column=first,
                end_row=row + spec.rowspan - 1,
                end_column=first + spec.colspan - 1,
            )
    for row in range(layout.header_top, layout.header_bottom + 1):
        ws.row_dimensions[row].height = 45 if row == layout.header_bottom else 30

    # Body: units, their sub-units indented, the total row in bold.
    for index, item in enumerate(sheet.body()):
        row = layout.first_data_row + index
        for number, column in enumerate(columns, start=1):
            cell = ws.cell(
                row=row,
                column=number,
                value=_xlsx_value(item.values.get(column.key), column.kind),
            )
            cell.border = BORDER
            cell.font = bold if item.emphasis else regular
            if item.emphasis:
                cell.fill = TOTAL_FILL
            if column.kind in NUMERIC_KINDS:
                cell.number_format = NUMBER_FORMATS[column.kind]
                cell.alignment = Alignment(horizontal="right", vertical="center")
            elif column.kind is ColumnKind.LABEL:
                cell.alignment = Alignment(
                    horizontal="left", vertical="center", wrap_text=True, indent=2 * item.level
                )
            elif column.kind is ColumnKind.NOTE:
                cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            else:
                cell.alignment = CENTRE

    for number, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(number)].width = column.width

    # Below the table: notes, the generation time, the signature block.
    row = layout.last_data_row + 2
    for note in sheet.notes:
        _merged_line(
            ws,
            row,
            1,
            n,
            note,
            font=Font(name=FONT_NAME, size=10, italic=True),
            align="left",
            height=28,
        )
        row += 1
    row += 1
    _merged_line(ws, row, half + 1 if n >= 2 else 1, n, generated_line(sheet), font=italic)
    row += 1
    left_title, right_title = sheet.signatures
    if n >= 2:
        _merged_line(ws, row, 1, half, left_title.upper(), font=bold)
        _merged_line(ws, row + 1, 1, half, SIGN_HINT, font=italic)
    _merged_line(ws, row, half + 1 if n >= 2 else 1, n, right_title.upper(), font=bold)
    _merged_line(ws, row + 1, half + 1 if n >= 2 else 1, n, SEAL_HINT, font=italic)
    last_row = row + 1

    # Screen and print setup.
    first_value = next(
        (
            i
            for i, c in enumerate(columns, start=1)
            if c.kind not in (ColumnKind.TEXT, ColumnKind.LABEL, ColumnKind.NOTE)
        ),
        1,
    )
    ws.freeze_panes = f"{get_column_letter(first_value)}{layout.first_data_row}"
    ws.print_title_rows = f"{layout.header_top}:{layout.header_bottom}"
    ws.print_area = f"A1:{last_letter}{last_row}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.size = 9
    ws.oddFooter.center.font = FONT_NAME

    workbook.properties.title = sheet.title
    workbook.properties.creator = "motcua"
    workbook.properties.subject = "; ".join(sheet.lines)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- CSV ----------------------------------------------------------------------------------------

BOM = "\ufeff"


def _csv_value(value: CellValue) -> str:
    if value is None:
        return ""
    return str(value)  # Decimal keeps its two places: "97.50"


def render_csv(sheet: ReportSheet, *, codes: bool = False) -> bytes:
    """UTF-8 with BOM; a header row (Vietnamese labels, or the column codes), then the rows and
    the total row. No title block: the file is for other programs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = sheet.columns
    writer.writerow([c.key for c in columns] if codes else sheet.flat_labels())
    for item in sheet.body():
        writer.writerow([_csv_value(item.values.get(c.key)) for c in columns])
    return (BOM + buffer.getvalue()).encode("utf-8")


# --- PDF ----------------------------------------------------------------------------------------

PDF_SIZE = 7.0  # points, for the table
PDF_LINE = 3.3  # mm


PDF_PLACES: Mapping[ColumnKind, int] = {
    ColumnKind.RATE: 2,
    ColumnKind.DECIMAL: 2,
    ColumnKind.SCORE: 1,
}


def _pdf_text(value: CellValue, kind: ColumnKind) -> str:
    """Numbers as Vietnamese print them: 1.234, 97,50 and 9,8."""
    if value is None:
        return ""
    if kind is ColumnKind.COUNT and isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if kind in PDF_PLACES and isinstance(value, Decimal | int):
        text = f"{Decimal(value):,.{PDF_PLACES[kind]}f}"
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


_ALIGN: Mapping[ColumnKind, Align] = {
    ColumnKind.TEXT: Align.C,
    ColumnKind.LABEL: Align.L,
    ColumnKind.COUNT: Align.R,
    ColumnKind.RATE: Align.R,
    ColumnKind.DECIMAL: Align.R,
    ColumnKind.SCORE: Align.R,
    ColumnKind.NOTE: Align.L,
}


def _pdf_heading(pdf: OfficialPDF, sheet: ReportSheet) -> None:
    half = pdf.epw * 0.42
    top = pdf.get_y()
    pdf.set_font(FAMILY, "B", 10)
    pdf.set_xy(pdf.l_margin, top)
    pdf.multi_cell(half, 4.6, sheet.issuer.upper(), align="C")
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + half, top)
    pdf.cell(pdf.epw - half, 4.6, NATIONAL_NAME, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "B", 10.5)
    pdf.cell(pdf.epw - half, 4.8, NATIONAL_MOTTO, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    middle = pdf.l_margin + half + (pdf.epw - half) / 2
    width = pdf.get_string_width(NATIONAL_MOTTO)
    rule = pdf.get_y() + 0.6
    pdf.set_line_width(0.25)
    pdf.line(middle - width / 2, rule, middle + width / 2, rule)
    pdf.set_y(max(left_bottom, rule) + 5)


def render_pdf(sheet: ReportSheet) -> bytes:
    pdf = OfficialPDF(landscape=True, numbered=True)
    try:
        pdf.describe(
            title=sheet.title,
            author=sheet.issuer or "motcua",
            subject="; ".join(sheet.lines),
            keywords=sheet.file_stem,
            created=sheet.generated_at,
        )
        pdf.add_page()
        _pdf_heading(pdf, sheet)
        pdf.title_block(sheet.title, lines=sheet.lines, size=12)
        columns = sheet.columns
        total_width = sum(c.width for c in columns)
        widths = tuple(pdf.epw * c.width / total_width for c in columns)
        pdf.set_font(FAMILY, "", PDF_SIZE)
        bold = FontFace(family=FAMILY, emphasis="BOLD", size_pt=PDF_SIZE)
        with pdf.table(
            col_widths=widths,
            width=pdf.epw,
            text_align=tuple(_ALIGN[c.kind] for c in columns),
            line_height=PDF_LINE,
            padding=(0.6, 0.8),
            headings_style=FontFace(
                family=FAMILY, emphasis="BOLD", size_pt=PDF_SIZE, fill_color=(221, 228, 238)
            ),
            num_heading_rows=sheet.header_depth,
            first_row_as_headings=True,
            repeat_headings=1,
            borders_layout=TableBordersLayout.ALL,
            v_align=VAlign.M,
        ) as table:
            cells = sheet.header_cells()
            for level in range(sheet.header_depth):
                heading = table.row()
                for spec in (c for c in cells if c.row == level):
                    heading.cell(
                        spec.label, align=Align.C, colspan=spec.colspan, rowspan=spec.rowspan
                    )
            for item in sheet.body():
                row = table.row()
                for column in columns:
                    text = _pdf_text(item.values.get(column.key), column.kind)
                    padding = (0.6, 0.8, 0.6, 0.8 + 3 * item.level)
                    if column.kind is ColumnKind.LABEL and item.level:
                        row.cell(text, padding=padding, style=bold if item.emphasis else None)
                    else:
                        row.cell(text, style=bold if item.emphasis else None)
        pdf.ln(2)
        for note in sheet.notes:
            pdf.paragraph(note, style="I", size=8, line=3.8)
        pdf.paragraph(generated_line(sheet), style="I", size=8, align="R", line=3.8)
        left_title, right_title = sheet.signatures
        pdf.signatures(
            SignatureBlock(title=right_title, name="", hint=SEAL_HINT),
            left=SignatureBlock(title=left_title, name="", hint=SIGN_HINT),
            space=18,
        )
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()


# --- The timeliness report (báo cáo tình hình tiếp nhận và giải quyết hồ sơ) --------------------

TIMELINESS_TITLE = "Báo cáo tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính"
GROUP_LABELS: Mapping[str, str] = {
    "agency": "Tên đơn vị",
    "field": "Lĩnh vực",
    "procedure": "Thủ tục hành chính",
    "channel": "Kênh tiếp nhận",
    "none": "Nội dung",
}
ON_TIME_NOTE = (
    "Tỷ lệ đúng hạn (%) = 100 − (số hồ sơ đang giải quyết quá hạn + số hồ sơ đã giải quyết quá "
    "hạn + số hồ sơ dừng xử lý khi đã quá hạn) × 100 ÷ tổng số hồ sơ phải giải quyết."
)


def _figure(code: str) -> Column:
    return Column(code, FIGURE_BY_CODE[code].label, ColumnKind.COUNT, 9.5)


def timeliness_headers(group_by: str) -> tuple[HeaderNode, ...]:
    """The standard columns: what had to be processed, what was resolved, what is in process."""
    return (
        Column("number", "STT", ColumnKind.TEXT, 6),
        Column("label", GROUP_LABELS[group_by], ColumnKind.LABEL, 38),
        HeaderGroup(
            "Tổng số hồ sơ phải giải quyết",
            (
                Column("to_process", "Tổng số", ColumnKind.COUNT, 9.5),
                _figure("carried_over"),
                HeaderGroup(
                    "Mới tiếp nhận",
                    (
                        Column("received", "Tổng số", ColumnKind.COUNT, 9.5),
                        _figure("received_counter"),
                        _figure("received_online"),
                        _figure("received_postal"),
                    ),
                ),
            ),
        ),
        HeaderGroup(
            "Đã giải quyết",
            (
                Column("resolved", "Tổng số", ColumnKind.COUNT, 9.5),
                _figure("resolved_early"),
                _figure("resolved_on_time"),
                _figure("resolved_late"),
            ),
        ),
        HeaderGroup(
            "Đang giải quyết",
            (
                Column("in_process", "Tổng số", ColumnKind.COUNT, 9.5),
                _figure("in_process_in_time"),
                _figure("in_process_due_soon"),
                _figure("in_process_overdue"),
            ),
        ),
        Column("stopped", "Rút, dừng xử lý", ColumnKind.COUNT, 9.5),
        Column("on_time_rate", "Tỷ lệ đúng hạn (%)", ColumnKind.RATE, 10),
    )


def timeliness_values(row: TimelinessRow, columns: Sequence[Column]) -> dict[str, CellValue]:
    values: dict[str, CellValue] = {}
    for column in columns:
        if column.key in FIGURE_BY_CODE:
            values[column.key] = row[column.key]
        elif column.key in DERIVED:
            derived = getattr(row, column.key)
            assert derived is None or isinstance(derived, int | Decimal)
            values[column.key] = derived
    return values


def period_line(period: Period) -> str:
    if period.kind is PeriodKind.CUSTOM:
        return f"Kỳ báo cáo: từ ngày {period.first:%d/%m/%Y} đến ngày {period.last:%d/%m/%Y}"
    return (
        f"Kỳ báo cáo: {period.label} (từ ngày {period.first:%d/%m/%Y} "
        f"đến ngày {period.last:%d/%m/%Y})"
    )


def filter_line(report: ReportFilter) -> str:
    parts: list[str] = []
    if report.agency is not None:
        parts.append(f"Đơn vị: {report.agency.name} (gồm các đơn vị trực thuộc)")
    if report.field is not None:
        parts.append(f"Lĩnh vực: {report.field.name}")
    if report.procedure is not None:
        parts.append(f"Thủ tục: {report.procedure.code}")
    if report.channel is not None:
        parts.append(f"Kênh nộp: {report.channel.label}")
    return "; ".join(parts)


def stock_note(period: Period) -> str:
    """When the carried-over and in-process stocks were counted. A period not over yet is
    measured at `Period.until` (the moment the figures were read), not at its end."""
    carried = (
        "Hồ sơ kỳ trước chuyển qua: hồ sơ đã tiếp nhận, chưa giải quyết xong lúc 00:00 ngày đầu kỳ"
    )
    if period.until < period.end:
        when = _local(period.until)
        return (
            f"{carried}. Kỳ báo cáo chưa kết thúc: số hồ sơ đang giải quyết (trong hạn, sắp đến "
            f"hạn, quá hạn) tính tại thời điểm lập báo cáo, {when:%H:%M} ngày {when:%d/%m/%Y} "
            "(giờ Việt Nam)."
        )
    return (
        f"{carried}; số hồ sơ đang giải quyết tính đến 00:00 ngày sau ngày cuối kỳ (giờ Việt Nam)."
    )


def period_slug(period: Period) -> str:
    return file_slug(period.token.replace("..", "-"))


def _shows_children(row: TimelinessRow) -> bool:
    """Sub-unit rows, unless the only one is the unit itself."""
    return bool(row.children) and not (len(row.children) == 1 and row.children[0].key == row.key)


def sheet_for_timeliness(
    table: TimelinessTable,
    *,
    title: str = TIMELINESS_TITLE,
    filter: ReportFilter,
    issuer: str = "",
    generated_at: dt.datetime | None = None,
) -> ReportSheet:
    """The standard timeliness table: one row per unit (with its sub-units indented beneath,
    numbered 1.1, 1.2, …; a unit's own dossiers appear as "<name> (hồ sơ của chính đơn vị)"),
    field, procedure or channel, and the total."""
    headers = timeliness_headers(table.group_by)
    columns = _leaves(headers)
    rows: list[ReportRow] = []
    for number, row in enumerate(table.rows, start=1):
        label = f"{row.label} ({row.key})" if table.group_by == "procedure" else row.label
        rows.append(
            ReportRow({"number": str(number), "label": label, **timeliness_values(row, columns)})
        )
        if table.group_by == "agency" and _shows_children(row):
            for sub, child in enumerate(row.children, start=1):
                name = (
                    f"{child.label} (hồ sơ của chính đơn vị)"
                    if child.key == row.key
                    else child.label
                )
                rows.append(
                    ReportRow(
                        {
                            "number": f"{number}.{sub}",
                            "label": name,
                            **timeliness_values(child, columns),
                        },
                        level=1,
                    )
                )
    total = ReportRow(
        {"number": "", "label": "Tổng cộng", **timeliness_values(table.total, columns)},
        emphasis=True,
    )
    agency = filter.agency
    stem_parts = ["bao-cao-dung-han", period_slug(table.period)]
    if agency is not None:
        stem_parts.append(file_slug(agency.code))
    lines = [period_line(table.period)]
    if scope := filter_line(filter):
        lines.append(scope)
    return ReportSheet(
        title=title,
        headers=headers,
        rows=tuple(rows),
        total=total,
        generated_at=generated_at or timezone.now(),
        issuer=issuer or (agency.name if agency is not None else ""),
        lines=tuple(lines),
        notes=(ON_TIME_NOTE, stock_note(table.period)),
        file_stem="-".join(stem_parts),
        sheet_name=f"Báo cáo {table.period.token}"[:31].replace("..", "-"),
    )


@dataclass(frozen=True)
class RenderedReport:
    """A rendered file: its name, content type and bytes."""

    name: str
    content_type: str
    data: bytes = field(repr=False)


# --- Shared by the other reports ----------------------------------------------------------------


def _percent(part: int, whole: int) -> Decimal | None:
    """part × 100 ÷ whole, half up to 0.01 (as `timeliness`); None when whole is 0."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _hours(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _score(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), ROUND_HALF_UP)


def _vn_number(value: Decimal) -> str:
    """10 → "10", 20.5 → "20,5"."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _lines(period: Period, filter: ReportFilter, *extra: str) -> tuple[str, ...]:
    """Under the title: the period, the filter (the agency), then any report-specific line."""
    lines = [period_line(period)]
    if scope := filter_line(filter):
        lines.append(scope)
    lines.extend(extra)
    return tuple(lines)


def _stem(prefix: str, period: Period, filter: ReportFilter) -> str:
    parts = [prefix, period_slug(period)]
    if filter.agency is not None:
        parts.append(file_slug(filter.agency.code))
    return "-".join(parts)


def _sheet_name(name: str, period: Period) -> str:
    return f"{name} {period.token}".replace("..", "-")[:31]


def _issuer(issuer: str, filter: ReportFilter) -> str:
    return issuer or (filter.agency.name if filter.agency is not None else "")


def measured_note(period: Period) -> str | None:
    """For a period not over yet: the moment its figures were read (`Period.until`)."""
    if period.until >= period.end:
        return None
    when = _local(period.until)
    return (
        f"Kỳ báo cáo chưa kết thúc: số liệu tính đến {when:%H:%M} ngày {when:%d/%m/%Y} "
        "(giờ Việt Nam)."
    )


def _own_label(name: str, own: bool) -> str:
    return f"{name} (hồ sơ của chính đơn vị)" if own else name


# --- Units with late dossiers (đơn vị có tỷ lệ hồ sơ trễ hạn) ------------------------------------

LATE_RATE_NOTE = (
    "Tỷ lệ trễ hạn (%) = (số hồ sơ đang giải quyết quá hạn cuối kỳ + số hồ sơ đã giải quyết quá "
    "hạn + số hồ sơ dừng xử lý khi đã quá hạn) × 100 ÷ tổng số hồ sơ phải giải quyết (kỳ trước "
    "chuyển qua + mới tiếp nhận)."
)


def _unit_values(unit: UnitRate) -> dict[str, CellValue]:
    return {"to_process": unit.to_process, "late": unit.late, "late_rate": unit.late_rate}


def sheet_for_late_units(
    result: LateUnits,
    *,
    filter: ReportFilter,
    issuer: str = "",
    generated_at: dt.datetime | None = None,
) -> ReportSheet:
    """The units at or above the late-rate threshold (worst first), then those below it, then
    those with too few dossiers to rank; each unit's sub-units (their own dossiers) indented
    beneath it, numbered 1.1, 1.2…; the total of the units."""
    threshold = _vn_number(result.threshold)
    headers: tuple[HeaderNode, ...] = (
        Column("number", "STT", ColumnKind.TEXT, 6),
        Column("label", "Cơ quan, đơn vị", ColumnKind.LABEL, 42),
        HeaderGroup(
            "Số hồ sơ",
            (
                Column("to_process", "Phải giải quyết", ColumnKind.COUNT, 12),
                Column("late", "Trễ hạn", ColumnKind.COUNT, 12),
            ),
        ),
        Column("late_rate", "Tỷ lệ trễ hạn (%)", ColumnKind.RATE, 12),
        Column("standing", "Đánh giá", ColumnKind.NOTE, 26),
    )
    standings = (
        (result.late, f"Từ {threshold}% trở lên"),
        (result.below, f"Dưới {threshold}%"),
        (result.small, "Chưa đủ số liệu, không xếp hạng"),
    )
    rows: list[ReportRow] = []
    number = 0
    for units, standing in standings:
        for unit in units:
            number += 1
            rows.append(
                ReportRow(
                    {
                        "number": str(number),
                        "label": _own_label(unit.agency.name, unit.own),
                        **_unit_values(unit),
                        "standing": standing,
                    }
                )
            )
            children = unit.children
            if len(children) == 1 and children[0].own:
                continue  # its only dossiers are its own: the unit's row says it all
            for sub, child in enumerate(children, start=1):
                rows.append(
                    ReportRow(
                        {
                            "number": f"{number}.{sub}",
                            "label": _own_label(child.agency.name, child.own),
                            **_unit_values(child),
                            "standing": "" if child.enough else "Chưa đủ số liệu",
                        },
                        level=1,
                    )
                )
    ranked_and_small = (*result.late, *result.below, *result.small)
    to_process = sum(u.to_process for u in ranked_and_small)
    late = sum(u.late for u in ranked_and_small)
    total = ReportRow(
        {
            "number": "",
            "label": "Tổng cộng",
            "to_process": to_process,
            "late": late,
            "late_rate": _percent(late, to_process),
            "standing": "",
        },
        emphasis=True,
    )
    period = result.period
    return ReportSheet(
        title=f"Báo cáo đơn vị có tỷ lệ hồ sơ trễ hạn từ {threshold}% trở lên",
        headers=headers,
        rows=tuple(rows),
        total=total,
        generated_at=generated_at or timezone.now(),
        issuer=_issuer(issuer, filter),
        lines=_lines(
            period,
            filter,
            f"Ngưỡng: tỷ lệ trễ hạn từ {threshold}%; chỉ xếp hạng đơn vị có từ "
            f"{result.min_sample} hồ sơ phải giải quyết trở lên.",
        ),
        notes=(LATE_RATE_NOTE, stock_note(period)),
        file_stem=_stem("don-vi-tre-han", period, filter),
        sheet_name=_sheet_name("Đơn vị trễ hạn", period),
    )


# --- Inter-agency attribution (xác định trách nhiệm trong hồ sơ liên thông trễ hạn) -------------

ATTRIBUTION_PARTS: tuple[tuple[AttributionPartName, str], ...] = (
    ("finished", "Hồ sơ đã giải quyết quá hạn trong kỳ"),
    ("open", "Hồ sơ đang giải quyết, quá hạn cuối kỳ"),
)


def _attribution_group(part: AttributionPartName, label: str) -> HeaderGroup:
    return HeaderGroup(
        label,
        (
            Column(f"{part}_dossiers", "Số hồ sơ tham gia", ColumnKind.COUNT, 10),
            Column(f"{part}_over", "Số hồ sơ vượt thời gian được giao", ColumnKind.COUNT, 11),
            HeaderGroup(
                "Giờ làm việc",
                (
                    Column(f"{part}_budget_hours", "Được giao", ColumnKind.DECIMAL, 10),
                    Column(f"{part}_used_hours", "Đã dùng", ColumnKind.DECIMAL, 10),
                    Column(f"{part}_over_hours", "Vượt", ColumnKind.DECIMAL, 10),
                ),
            ),
        ),
    )


def _attribution_values(
    part: AttributionPartName, row: AgencyAttribution | None
) -> dict[str, CellValue]:
    if row is None:
        return {
            f"{part}_dossiers": 0,
            f"{part}_over": 0,
            f"{part}_budget_hours": _hours(Decimal(0)),
            f"{part}_used_hours": _hours(Decimal(0)),
            f"{part}_over_hours": _hours(Decimal(0)),
        }
    return {
        f"{part}_dossiers": row.dossiers,
        f"{part}_over": row.over,
        f"{part}_budget_hours": _hours(row.budget_hours),
        f"{part}_used_hours": _hours(row.used_hours),
        f"{part}_over_hours": _hours(row.over_hours),
    }


def _open_overdue_note(period: Period) -> str:
    """When the open part was measured: the period's end, or `Period.until` while it runs."""
    if period.until < period.end:
        when = _local(period.until)
        return (
            "Kỳ báo cáo chưa kết thúc: hồ sơ đang giải quyết quá hạn và giờ đã dùng của hồ sơ "
            f"chưa xong tính tại thời điểm lập báo cáo, {when:%H:%M} ngày {when:%d/%m/%Y} (giờ "
            "Việt Nam)."
        )
    return (
        "Hồ sơ đang giải quyết, quá hạn cuối kỳ: chưa giải quyết xong và đã quá hạn lúc 00:00 ngày "
        "sau ngày cuối kỳ (giờ Việt Nam); giờ đã dùng của các hồ sơ này tính đến lúc đó."
    )


def sheet_for_attribution(
    result: Attribution,
    *,
    filter: ReportFilter,
    issuer: str = "",
    generated_at: dt.datetime | None = None,
) -> ReportSheet:
    """One row per agency that took part in a late inter-agency dossier (the lead agency and the
    coordinating ones), the two parts side by side; most hours over budget first. The total row
    counts each dossier once."""
    headers: tuple[HeaderNode, ...] = (
        Column("number", "STT", ColumnKind.TEXT, 6),
        Column("label", "Cơ quan", ColumnKind.LABEL, 36),
        Column("role", "Vai trò", ColumnKind.TEXT, 10),
        *(_attribution_group(part, label) for part, label in ATTRIBUTION_PARTS),
    )
    agencies: dict[int, Agency] = {}
    lead: set[int] = set()
    for part, _label in ATTRIBUTION_PARTS:
        for row in result.part(part).agencies:
            agencies[row.agency.pk] = row.agency
            if row.is_lead:
                lead.add(row.agency.pk)

    def order(pk: int) -> tuple[Decimal, int, str]:
        found = [result.part(part).agency(pk) for part, _label in ATTRIBUTION_PARTS]
        over_hours = sum((row.over_hours for row in found if row is not None), Decimal(0))
        over = sum(row.over for row in found if row is not None)
        return (-over_hours, -over, agencies[pk].code)

    rows: list[ReportRow] = []
    for number, pk in enumerate(sorted(agencies, key=order), start=1):
        values: dict[str, CellValue] = {
            "number": str(number),
            "label": agencies[pk].name,
            "role": "Chủ trì" if pk in lead else "Phối hợp",
        }
        for part, _label in ATTRIBUTION_PARTS:
            values.update(_attribution_values(part, result.part(part).agency(pk)))
        rows.append(ReportRow(values))
    total: dict[str, CellValue] = {"number": "", "label": "Tổng cộng", "role": ""}
    for part, _label in ATTRIBUTION_PARTS:
        data = result.part(part)
        total |= {
            f"{part}_dossiers": data.count,
            f"{part}_over": data.count - data.unattributed,
            f"{part}_budget_hours": _hours(
                sum((r.budget_hours for r in data.agencies), Decimal(0))
            ),
            f"{part}_used_hours": _hours(sum((r.used_hours for r in data.agencies), Decimal(0))),
            f"{part}_over_hours": _hours(sum((r.over_hours for r in data.agencies), Decimal(0))),
        }
    period = result.period
    return ReportSheet(
        title="Báo cáo xác định trách nhiệm trong giải quyết hồ sơ liên thông trễ hạn",
        headers=headers,
        rows=tuple(rows),
        total=ReportRow(total, emphasis=True),
        generated_at=generated_at or timezone.now(),
        issuer=_issuer(issuer, filter),
        lines=_lines(period, filter),
        notes=(
            "Hồ sơ liên thông do cơ quan trong phạm vi báo cáo chủ trì giải quyết, bị trễ hạn. Giờ "
            "được giao: tổng thời gian quy trình giao cho các bước của cơ quan; giờ đã dùng: tổng "
            "giờ làm việc tại các bước đó theo lịch làm việc của cơ quan, không tính thời gian tạm "
            "dừng; vượt: phần đã dùng quá thời gian được giao, trên các hồ sơ cơ quan dùng quá.",
            "Dòng tổng cộng đếm mỗi hồ sơ một lần (một hồ sơ có nhiều cơ quan tham gia): số hồ sơ "
            "trễ hạn và số hồ sơ có ít nhất một cơ quan vượt thời gian được giao.",
            _open_overdue_note(period),
        ),
        file_stem=_stem("lien-thong-tre-han", period, filter),
        sheet_name=_sheet_name("Liên thông trễ hạn", period),
    )


# --- Officers' monthly evaluation (đánh giá kết quả xử lý hồ sơ của cán bộ) ----------------------


def sheet_for_officers(
    rows: Sequence[OfficerRow],
    *,
    period: Period,
    filter: ReportFilter,
    issuer: str = "",
    generated_at: dt.datetime | None = None,
) -> ReportSheet:
    """One row per officer (by name) with the step visits they handled that ended in the period;
    the total adds the visits up (the average and the rate over all judged visits)."""
    headers: tuple[HeaderNode, ...] = (
        Column("number", "STT", ColumnKind.TEXT, 6),
        Column("label", "Cán bộ", ColumnKind.LABEL, 26),
        Column("agencies", "Cơ quan", ColumnKind.NOTE, 24),
        Column("dossiers", "Số hồ sơ đã xử lý", ColumnKind.COUNT, 10),
        HeaderGroup(
            "Lượt xử lý tại các bước",
            (
                Column("visits", "Tổng số", ColumnKind.COUNT, 9),
                Column("on_time", "Đúng hạn", ColumnKind.COUNT, 9),
                Column("late", "Trễ hạn", ColumnKind.COUNT, 9),
                Column("on_time_rate", "Tỷ lệ đúng hạn (%)", ColumnKind.RATE, 10),
            ),
        ),
        HeaderGroup(
            "Số lần",
            (
                Column("sent_back", "Trả lại bước trước", ColumnKind.COUNT, 10),
                Column("supplements", "Yêu cầu bổ sung", ColumnKind.COUNT, 10),
            ),
        ),
        Column("average_hours", "Thời gian trung bình mỗi bước (giờ)", ColumnKind.DECIMAL, 12),
    )
    lines: list[ReportRow] = []
    for number, row in enumerate(rows, start=1):
        lines.append(
            ReportRow(
                {
                    "number": str(number),
                    "label": row.officer.full_name or row.officer.username,
                    "agencies": "; ".join(a.short_name or a.name for a in row.agencies),
                    "dossiers": row.dossiers,
                    "visits": row.visits,
                    "on_time": row.on_time,
                    "late": row.late,
                    "on_time_rate": row.on_time_rate,
                    "sent_back": row.sent_back,
                    "supplements": row.supplements,
                    "average_hours": row.average_hours,
                }
            )
        )
    judged = sum(r.judged for r in rows)
    on_time = sum(r.on_time for r in rows)
    used = sum((r.used_hours for r in rows), Decimal(0))
    total = ReportRow(
        {
            "number": "",
            "label": "Tổng cộng",
            "agencies": "",
            "dossiers": None,  # a dossier handled by several officers would count several times
            "visits": sum(r.visits for r in rows),
            "on_time": on_time,
            "late": sum(r.late for r in rows),
            "on_time_rate": _percent(on_time, judged),
            "sent_back": sum(r.sent_back for r in rows),
            "supplements": sum(r.supplements for r in rows),
            "average_hours": _hours(used / judged) if judged else None,
        },
        emphasis=True,
    )
    notes = [
        "Lượt xử lý: lượt hồ sơ ở một bước của quy trình kết thúc trong kỳ tại cơ quan trong phạm "
        "vi báo cáo, tính cho cán bộ được giao xử lý (hoặc cán bộ đã chuyển bước khi không ai "
        "được giao). Lượt đúng hạn khi thời gian làm việc đã dùng không vượt thời gian quy trình "
        "giao cho bước; lượt ở bước trả kết quả có trong tổng số nhưng không xét đúng hạn, trễ "
        "hạn.",
        "Tỷ lệ đúng hạn (%) = số lượt đúng hạn × 100 ÷ số lượt được xét; thời gian trung bình: "
        "bình quân giờ làm việc đã dùng của các lượt được xét. Dòng tổng cộng không cộng số hồ sơ "
        "(một hồ sơ qua tay nhiều cán bộ).",
    ]
    if note := measured_note(period):
        notes.append(note)
    return ReportSheet(
        title="Báo cáo đánh giá kết quả xử lý hồ sơ của cán bộ, công chức",
        headers=headers,
        rows=tuple(lines),
        total=total,
        generated_at=generated_at or timezone.now(),
        issuer=_issuer(issuer, filter),
        lines=_lines(period, filter),
        notes=tuple(notes),
        file_stem=_stem("danh-gia-can-bo", period, filter),
        sheet_name=_sheet_name("Đánh giá cán bộ", period),
    )


# --- Circular 01/2018 scoring (chấm điểm theo Thông tư 01/2018/TT-VPCP) ----------------------------


def _indicator_column(number: int) -> Column:
    return Column(f"i{number}", f"Chỉ số {number}", ColumnKind.SCORE, 8)


def _circular01_lines(period: Period, filter: ReportFilter) -> tuple[str, ...]:
    if period.kind in (PeriodKind.QUARTER, PeriodKind.YEAR):
        return _lines(period, filter)
    return _lines(
        period,
        filter,
        "Thông tư 01/2018/TT-VPCP chấm điểm theo quý và theo năm; kỳ này chỉ để tham khảo.",
    )


def _indicator_notes() -> tuple[str, ...]:
    return tuple(f"Chỉ số {n}: {label}." for n, label in INDICATOR_LABELS.items())


def sheet_for_circular01(
    table: Circular01Table,
    *,
    filter: ReportFilter,
    issuer: str = "",
    generated_at: dt.datetime | None = None,
) -> ReportSheet:
    """The nine indicators per competent agency (by code): the per-dossier averages of
    indicators 1, 2, 3, 4 and 7, the unit's points on 5, 6, 8 and 9, the total out of 18 and the
    band. The last row: all scored dossiers together (the per-dossier averages only)."""
    headers: tuple[HeaderNode, ...] = (
        Column("number", "STT", ColumnKind.TEXT, 6),
        Column("label", "Cơ quan, đơn vị", ColumnKind.LABEL, 34),
        Column("dossiers", "Số hồ sơ được chấm", ColumnKind.COUNT, 10),
        HeaderGroup(
            "Điểm theo từng chỉ số",
            (
                HeaderGroup(
                    "Chấm theo từng hồ sơ (điểm bình quân)",
                    tuple(_indicator_column(n) for n in DOSSIER_INDICATORS),
                ),
                HeaderGroup(
                    "Chấm cho đơn vị", tuple(_indicator_column(n) for n in UNIT_INDICATORS)
                ),
            ),
        ),
        Column("total", f"Tổng điểm (tối đa {MAX_TOTAL})", ColumnKind.SCORE, 10),
        Column("band", "Xếp loại", ColumnKind.TEXT, 11),
    )
    rows = [
        ReportRow(
            {
                "number": str(number),
                "label": row.agency.name,
                "dossiers": row.dossiers,
                **{f"i{n}": _score(score) for n, score in row.scores},
                "total": _score(row.total),
                "band": row.band,
            }
        )
        for number, row in enumerate(table.rows, start=1)
    ]
    dossiers = sum(row.dossiers for row in table.rows)
    total = ReportRow(
        {
            "number": "",
            "label": "Chung các hồ sơ được chấm",
            "dossiers": dossiers,
            **{
                f"i{n}": average(sum(row.sums.get(n, 0) for row in table.rows), dossiers)
                for n in DOSSIER_INDICATORS
            },
        },
        emphasis=True,
    )
    period = table.period
    notes = [
        "Chỉ số 1, 2, 3, 4 và 7 chấm cho từng hồ sơ đã giải quyết trong kỳ (có kết quả hoặc từ "
        "chối giải quyết) rồi lấy bình quân (tổng điểm ÷ số hồ sơ, làm tròn một chữ số thập "
        "phân); chỉ số 5, 6, 8 và 9 chấm cho đơn vị. Xếp loại: từ 15 điểm Xuất sắc, từ 12 Tốt, "
        "từ 9 Khá, từ 6 Trung bình, dưới 6 Yếu.",
        *_indicator_notes(),
    ]
    if note := measured_note(period):
        notes.append(note)
    return ReportSheet(
        title="Kết quả chấm điểm giải quyết thủ tục hành chính của cơ quan, đơn vị theo Thông tư "
        "01/2018/TT-VPCP",
        headers=headers,
        rows=tuple(rows),
        total=total,
        generated_at=generated_at or timezone.now(),
        issuer=_issuer(issuer, filter),
        lines=_circular01_lines(period, filter),
        notes=tuple(notes),
        file_stem=_stem("cham-diem-tt01-don-vi", period, filter),
        sheet_name=_sheet_name("Chấm điểm đơn vị", period),
    )


def sheet_for_circular01_staff(
    scores: Sequence[StaffScore],
    *,
    period: Period,
    filter: ReportFilter,
    issuer: str = "",
    generated_at: dt.datetime | None = None,
) -> ReportSheet:
    """Each person who handled a step of a dossier scored in the period (by name): the averages
    of indicators 1, 2, 3, 4 and 7 over those dossiers, their sum (out of 10) and the level of
    task completion. No total row: the scores of different people do not add up."""
    headers: tuple[HeaderNode, ...] = (
        Column("number", "STT", ColumnKind.TEXT, 6),
        Column("label", "Cán bộ, công chức", ColumnKind.LABEL, 30),
        Column("dossiers", "Số hồ sơ đã xử lý", ColumnKind.COUNT, 10),
        HeaderGroup(
            "Điểm bình quân theo chỉ số",
            tuple(_indicator_column(n) for n in DOSSIER_INDICATORS),
        ),
        Column("score", "Điểm (tối đa 10)", ColumnKind.SCORE, 10),
        Column("band", "Mức hoàn thành nhiệm vụ", ColumnKind.NOTE, 26),
    )
    rows = [
        ReportRow(
            {
                "number": str(number),
                "label": score.user.full_name or score.user.username,
                "dossiers": score.dossiers,
                **{f"i{n}": _score(value) for n, value in score.averages.items()},
                "score": _score(score.score),
                "band": score.band,
            }
        )
        for number, score in enumerate(scores, start=1)
    ]
    notes = [
        "Điểm của mỗi người là tổng điểm bình quân các chỉ số 1, 2, 3, 4 và 7 trên các hồ sơ đã "
        "giải quyết trong kỳ mà người đó được giao xử lý ít nhất một bước (tối đa 10). Từ 5 điểm: "
        "hoàn thành 100% nhiệm vụ; từ 3,5 đến dưới 5: từ 70% đến dưới 100%; dưới 3,5: dưới 70%.",
        *(_indicator_notes()[n - 1] for n in DOSSIER_INDICATORS),
    ]
    if note := measured_note(period):
        notes.append(note)
    return ReportSheet(
        title="Kết quả chấm điểm giải quyết thủ tục hành chính của cán bộ, công chức theo Thông "
        "tư 01/2018/TT-VPCP",
        headers=headers,
        rows=tuple(rows),
        generated_at=generated_at or timezone.now(),
        issuer=_issuer(issuer, filter),
        lines=_circular01_lines(period, filter),
        notes=tuple(notes),
        file_stem=_stem("cham-diem-tt01-can-bo", period, filter),
        sheet_name=_sheet_name("Chấm điểm cán bộ", period),
    )


# --- Decision 766 index (bộ chỉ số phục vụ người dân, doanh nghiệp) ------------------------------

INDEX766_MAX = 100


def _whole(value: Decimal | None) -> CellValue:
    """A maximum or threshold: an int when whole (6, 80), else the Decimal."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _index766_remark(result: IndicatorResult) -> str:
    indicator = result.indicator
    parts: list[str] = []
    if indicator.status is Status.NOT_MEASURABLE:
        parts.append(f"Chưa đo được: {indicator.note}")
    elif indicator.status is Status.DISPLAY:
        if result.value is not None:
            parts.append(f"Bình quân {_vn_number(result.value)} ngày làm việc")
        parts.append(indicator.note)
    elif indicator.status is Status.RATIO:
        parts.append(indicator.note)
    else:
        if result.points is None:
            parts.append("Không phát sinh (mẫu số bằng 0): không tính điểm.")
        if indicator.note:
            parts.append(indicator.note)
    if result.detail_rows:
        details = "; ".join(f"{count} {label}" for label, count in result.detail_rows)
        parts.append(f"Trong mẫu số: {details}.")
    return " ".join(part for part in parts if part)


def _index766_points(result: IndicatorResult) -> CellValue:
    status = result.indicator.status
    if status is Status.NOT_MEASURABLE:
        return "Chưa đo được"
    if status is Status.DISPLAY:
        return "Chỉ hiển thị"
    if status is Status.RATIO:
        return "Chỉ hiển thị tỷ lệ"
    return result.points


def sheet_for_index766(
    table: Index766Table,
    *,
    filter: ReportFilter,
    issuer: str = "",
    generated_at: dt.datetime | None = None,
) -> ReportSheet:
    """One row per indicator of the filter as a whole (numerator, denominator, ratio, threshold,
    points, the points it was measurable for and its maximum, a remark), under a row per group
    with the group's points; the total is the estimated score out of the points measured."""
    headers: tuple[HeaderNode, ...] = (
        Column("number", "Mã", ColumnKind.TEXT, 7),
        Column("label", "Nhóm, chỉ số", ColumnKind.LABEL, 40),
        HeaderGroup(
            "Số liệu",
            (
                Column("numerator", "Tử số", ColumnKind.COUNT, 9),
                Column("denominator", "Mẫu số", ColumnKind.COUNT, 9),
                Column("ratio", "Tỷ lệ (%)", ColumnKind.RATE, 9),
            ),
        ),
        Column("threshold", "Ngưỡng (%)", ColumnKind.COUNT, 9),
        HeaderGroup(
            "Điểm (ước tính)",
            (
                Column("points", "Đạt được", ColumnKind.DECIMAL, 11),
                Column("measured", "Tối đa đo được", ColumnKind.COUNT, 9),
                Column("max_points", "Tối đa", ColumnKind.COUNT, 8),
            ),
        ),
        Column("remark", "Ghi chú", ColumnKind.NOTE, 48),
    )
    rows: list[ReportRow] = []
    for group in table.total.groups:
        rows.append(
            ReportRow(
                {
                    "number": str(group.group.number),
                    "label": group.group.label,
                    "points": group.points,
                    "measured": _whole(group.measured_max),
                    "max_points": group.group.max_points,
                },
                emphasis=True,
            )
        )
        for result in group.results:
            indicator = result.indicator
            measured = result.points is not None and indicator.max_points is not None
            rows.append(
                ReportRow(
                    {
                        "number": indicator.code,
                        "label": indicator.label,
                        "numerator": result.numerator,
                        "denominator": result.denominator,
                        "ratio": result.ratio if indicator.status is not Status.DISPLAY else None,
                        "threshold": _whole(indicator.threshold)
                        if indicator.max_points is not None or indicator.status is Status.RATIO
                        else None,
                        "points": _index766_points(result),
                        "measured": _whole(indicator.max_points) if measured else None,
                        "max_points": _whole(indicator.max_points),
                        "remark": _index766_remark(result),
                    },
                    level=1,
                )
            )
    total = ReportRow(
        {
            "number": "",
            "label": "Tổng điểm (ước tính)",
            "points": table.total.points,
            "measured": _whole(table.total.measured_max),
            "max_points": INDEX766_MAX,
        },
        emphasis=True,
    )
    period = table.period
    notes = [
        "Số liệu tính trực tiếp từ dữ liệu của Hệ thống một cửa điện tử nên chỉ là ước tính; điểm "
        "chính thức do Cổng Dịch vụ công quốc gia tính.",
        "Tỷ lệ (%) = tử số × 100 ÷ mẫu số; điểm = tỷ lệ × điểm tối đa ÷ ngưỡng, không vượt điểm "
        "tối đa (ngưỡng 100% khi Quyết định không quy định). Tối đa đo được: tổng điểm tối đa "
        "của các chỉ số đã tính được điểm. Chỉ số chưa rõ điểm tối đa chỉ hiển thị tỷ lệ; chỉ "
        "số cần dữ liệu hệ thống chưa có ghi “Chưa đo được”.",
    ]
    if note := measured_note(period):
        notes.append(note)
    return ReportSheet(
        title="Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh "
        "nghiệp (Quyết định 766/QĐ-TTg) — ước tính",
        headers=headers,
        rows=tuple(rows),
        total=total,
        generated_at=generated_at or timezone.now(),
        issuer=_issuer(issuer, filter),
        lines=_lines(period, filter),
        notes=tuple(notes),
        file_stem=_stem("chi-so-766", period, filter),
        sheet_name=_sheet_name("Chỉ số 766", period),
    )
