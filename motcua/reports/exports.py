"""Report tables as files officials file: Excel (openpyxl), CSV and PDF (fpdf2).

Every renderer takes a `ReportSheet`: a title block, leaf `Column`s arranged under nested
`HeaderGroup`s (the merged header cells), rows (agencies and their indented sub-units) and a total
row. A report only has to describe its table once (`sheet_for_timeliness` below; the other reports
add their own `sheet_for_*`) to be exported in all three formats.

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
from decimal import Decimal

from django.utils import timezone
from fpdf.enums import Align, TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

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
from motcua.reports.periods import Period, PeriodKind
from motcua.reports.scope import ReportFilter
from motcua.reports.timeliness import DERIVED, FIGURE_BY_CODE, TimelinessRow, TimelinessTable

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


NUMBER_FORMATS: Mapping[ColumnKind, str] = {
    ColumnKind.COUNT: "#,##0",
    ColumnKind.RATE: "0.00",
    ColumnKind.DECIMAL: "#,##0.00",
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
            if c.kind not in (ColumnKind.TEXT, ColumnKind.LABEL)
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


def _pdf_text(value: CellValue, kind: ColumnKind) -> str:
    """Numbers as Vietnamese print them: 1.234 and 97,50."""
    if value is None:
        return ""
    if kind is ColumnKind.COUNT and isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if kind in (ColumnKind.RATE, ColumnKind.DECIMAL) and isinstance(value, Decimal | int):
        text = f"{Decimal(value):,.2f}"
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


_ALIGN: Mapping[ColumnKind, Align] = {
    ColumnKind.TEXT: Align.C,
    ColumnKind.LABEL: Align.L,
    ColumnKind.COUNT: Align.R,
    ColumnKind.RATE: Align.R,
    ColumnKind.DECIMAL: Align.R,
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
        notes=(
            ON_TIME_NOTE,
            "Hồ sơ kỳ trước chuyển qua: hồ sơ đã tiếp nhận, chưa giải quyết xong lúc 00:00 ngày "
            "đầu kỳ; số hồ sơ đang giải quyết tính đến 00:00 ngày sau ngày cuối kỳ (giờ Việt Nam).",
        ),
        file_stem="-".join(stem_parts),
        sheet_name=f"Báo cáo {table.period.token}"[:31].replace("..", "-"),
    )


@dataclass(frozen=True)
class RenderedReport:
    """A rendered file: its name, content type and bytes."""

    name: str
    content_type: str
    data: bytes = field(repr=False)
