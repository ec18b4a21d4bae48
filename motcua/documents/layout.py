"""Page furniture of Vietnamese administrative forms, on top of fpdf2.

The letterhead follows Decree 30/2020/NĐ-CP's layout: the issuing body on the left (governing body
above, agency in bold, a short rule below), the national heading on the right ("CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc", ruled), then the number on the left and the
place-and-date line in italics on the right. The form's number ("Mẫu số 01") sits in the top
right corner. Sizes in millimetres, type in points.
"""

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from motcua.documents.fonts import FAMILY, font_files
from motcua.documents.forms import AgencyHeading, Signer

A5_PORTRAIT = (148.0, 210.0)
A4 = (210.0, 297.0)

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký, ghi rõ họ tên)"
SEAL_HINT = "(Ký tên, đóng dấu)"

BODY_SIZE = 9.5
LINE = 4.6  # line height of body text (mm)
SMALL_SIZE = 8.5
QR_SCALE = 8  # pixels per module of the embedded PNG
QR_BORDER = 4  # quiet zone, in modules


def qr_png(url: str) -> bytes:
    """The QR code for `url` as a PNG, exactly as embedded in the receipt."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="png", scale=QR_SCALE, border=QR_BORDER
    )
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    title: str
    name: str
    authority: str = ""
    hint: str = SIGN_HINT

    @classmethod
    def of(cls, signer: Signer) -> "SignatureBlock":
        return cls(
            title=signer.title,
            name=signer.name,
            authority=signer.authority,
            hint=SEAL_HINT if signer.sealed else SIGN_HINT,
        )


class OfficialPDF(FPDF):
    """An A5 portrait (or A4 landscape) page set in IBM Plex Serif, with optional page numbers."""

    def __init__(self, *, landscape: bool = False, numbered: bool = False) -> None:
        if landscape:
            super().__init__(orientation="L", unit="mm", format=A4)
            self.set_margins(left=12, top=10, right=12)
            self.set_auto_page_break(auto=True, margin=12)
        else:
            super().__init__(orientation="P", unit="mm", format=A5_PORTRAIT)
            self.set_margins(left=14, top=8, right=11)
            self.set_auto_page_break(auto=True, margin=10)
        self.numbered = numbered
        for style, path in font_files().by_style().items():
            self.add_font(FAMILY, style, path)
        self.set_font(FAMILY, "", BODY_SIZE)
        self.set_creator("motcua")
        self.set_producer("motcua (fpdf2)")
        self.set_lang("vi-VN")
        self.set_display_mode(zoom="fullpage", layout="single")
        self.c_margin = 0.8

    def close_fonts(self) -> None:
        """Close the font files fpdf keeps open (it reads glyphs lazily until output)."""
        for font in self.fonts.values():
            close = getattr(font, "close", None)
            if close is not None:
                close()

    # -- fpdf hooks --------------------------------------------------------------------------

    def footer(self) -> None:
        if not self.numbered:
            return
        self.set_y(-8)
        self.set_font(FAMILY, "I", 8)
        self.cell(0, 4, f"Trang {self.page_no()}/{{nb}}", align="C")

    # -- metadata ----------------------------------------------------------------------------

    def describe(
        self, *, title: str, author: str, subject: str, keywords: str, created: dt.datetime
    ) -> None:
        self.set_title(title)
        self.set_author(author)
        self.set_subject(subject)
        self.set_keywords(keywords)
        self.set_creation_date(created)

    # -- letterhead --------------------------------------------------------------------------

    def form_marker(self, text: str) -> None:
        """ "Mẫu số 01" in the top right corner."""
        self.set_font(FAMILY, "B", 8)
        self.set_xy(self.l_margin, self.t_margin)
        self.cell(self.epw, 3.5, text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _fit_size(self, text: str, style: str, width: float, start: float) -> float:
        size = start
        while size > 6:
            self.set_font(FAMILY, style, size)
            if self.get_string_width(text) <= width:
                break
            size -= 0.25
        return size

    def letterhead(self, heading: AgencyHeading, *, number: str | None, date_line: str) -> None:
        left_w = self.epw * 0.44
        right_w = self.epw - left_w
        left_x = self.l_margin
        right_x = self.l_margin + left_w
        top = self.get_y() + 1
        size = 8.5 if self.w < 200 else 10.5

        # Left: governing body, agency (bold), short rule; each on one line when a slightly
        # smaller size allows, wrapped otherwise.
        self.set_xy(left_x, top)
        for text, style in ((heading.governing_body, ""), (heading.agency_name, "B")):
            if not text:
                continue
            fitted = self._fit_size(text.upper(), style, left_w - 1, size)
            self.set_font(FAMILY, style, max(fitted, size - 1.25))
            self.multi_cell(
                left_w, size * 0.45, text.upper(), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT
            )
        rule_y = self.get_y() + 0.8
        self.set_line_width(0.25)
        self.line(left_x + left_w * 0.33, rule_y, left_x + left_w * 0.67, rule_y)
        left_bottom = rule_y + 1.2

        # Right: national heading, motto (bold, ruled at its own width).
        name_size = self._fit_size(NATIONAL_NAME, "B", right_w - 1, size)
        self.set_xy(right_x, top)
        self.cell(right_w, size * 0.45, NATIONAL_NAME, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FAMILY, "B", name_size + 0.5)
        motto_w = self.get_string_width(NATIONAL_MOTTO)
        self.cell(right_w, size * 0.5, NATIONAL_MOTTO, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        rule_y = self.get_y() + 0.8
        middle = right_x + right_w / 2
        self.line(middle - motto_w / 2, rule_y, middle + motto_w / 2, rule_y)
        right_bottom = rule_y + 1.2

        # Number on the left, place and date on the right, on one line.
        line_top = max(left_bottom, right_bottom) + 1
        if number is not None:
            self.set_xy(left_x, line_top)
            self.set_font(FAMILY, "", size)
            self.multi_cell(left_w, size * 0.5, f"Số: {number}", align="C")
        self.set_xy(right_x, line_top)
        self.set_font(FAMILY, "I", size)
        self.multi_cell(
            right_w, size * 0.5, date_line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_y(max(self.get_y(), line_top + size * 0.5) + 3)

    def title_block(self, title: str, *, lines: Sequence[str] = (), size: float = 11) -> None:
        self.set_font(FAMILY, "B", size)
        self.multi_cell(
            0,
            size * 0.5,
            self._balanced(title.upper()),
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        for line in lines:
            self.set_font(FAMILY, "B", BODY_SIZE)
            self.multi_cell(0, LINE, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def _balanced(self, text: str) -> str:
        """A title too long for one line, split into two lines of similar width."""
        if self.get_string_width(text) <= self.epw:
            return text
        words = text.split()
        best, best_width = text, float("inf")
        for cut in range(1, len(words)):
            first, second = " ".join(words[:cut]), " ".join(words[cut:])
            width = max(self.get_string_width(first), self.get_string_width(second))
            if width < best_width:
                best, best_width = f"{first}\n{second}", width
        return best if best_width <= self.epw else text

    # -- body --------------------------------------------------------------------------------

    def field(self, label: str, value: str, *, bold: bool = True, size: float = BODY_SIZE) -> None:
        """ "Label: value" flowing over lines, the value in bold."""
        self.set_x(self.l_margin)
        self.set_font(FAMILY, "", size)
        self.write(LINE, f"{label}: ")
        self.set_font(FAMILY, "B" if bold else "", size)
        self.write(LINE, value)
        self.ln(LINE)

    def fields(self, *pairs: tuple[str, str]) -> None:
        for label, value in pairs:
            self.field(label, value)

    def paragraph(
        self,
        text: str,
        *,
        style: str = "",
        size: float = BODY_SIZE,
        indent: float = 0,
        align: str = "J",
        line: float = LINE,
    ) -> None:
        self.set_font(FAMILY, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent, line, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def bullets(self, items: Sequence[str], *, marker: str = "-") -> None:
        for item in items:
            self.set_font(FAMILY, "", BODY_SIZE)
            self.set_x(self.l_margin + 3)
            self.cell(4, LINE, marker)
            self.multi_cell(
                self.epw - 7, LINE, item, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )

    def table_rows(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float],
        aligns: Sequence[str],
        size: float = SMALL_SIZE,
    ) -> None:
        """A bordered table whose cells wrap; its heading row repeats on every page."""
        self.set_font(FAMILY, "", size)
        with self.table(
            col_widths=tuple(widths),
            width=self.epw,
            text_align=tuple(aligns),
            line_height=size * 0.46,
            padding=(0.8, 1.0),
            headings_style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=size),
            borders_layout=TableBordersLayout.ALL,
            v_align="MIDDLE",
            repeat_headings=1,
        ) as table:
            header = table.row()
            for text in headings:
                header.cell(text, align="C")
            for cells in rows:
                row = table.row()
                for text in cells:
                    row.cell(text)
        self.ln(2)

    def qr_code(self, png: bytes, *, x: float, y: float, size: float) -> None:
        self.image(io.BytesIO(png), x=x, y=y, w=size, h=size)

    # -- signatures --------------------------------------------------------------------------

    def _block_lines(self, block: SignatureBlock) -> list[tuple[str, float, str]]:
        lines: list[tuple[str, float, str]] = []
        if block.authority:
            lines.append(("B", BODY_SIZE, block.authority.upper()))
        lines.append(("B", BODY_SIZE, block.title.upper()))
        lines.append(("I", SMALL_SIZE, block.hint))
        return lines

    def _measure(self, width: float, lines: Sequence[tuple[str, float, str]]) -> float:
        height = 0.0
        for style, size, text in lines:
            self.set_font(FAMILY, style, size)
            result = self.multi_cell(
                width, LINE - 0.4, text, align="C", dry_run=True, output=MethodReturnValue.HEIGHT
            )
            if not isinstance(result, float | int):  # HEIGHT asks for a number
                raise TypeError(f"unexpected multi_cell result: {result!r}")
            height += result
        return height

    def signatures(
        self,
        right: SignatureBlock,
        *,
        left: SignatureBlock | None = None,
        recipients: Sequence[str] = (),
        space: float = 13,
    ) -> None:
        """One or two signature blocks side by side (or recipients on the left), kept together."""
        half = self.epw / 2
        left_x, right_x = self.l_margin, self.l_margin + half
        widths = half - 2
        needed = (
            max(
                self._measure(widths, self._block_lines(right)),
                self._measure(widths, self._block_lines(left)) if left else 0.0,
                (len(recipients) + 1) * 4.0,
            )
            + space
            + LINE
            + 4
        )
        if self.will_page_break(needed):
            self.add_page()
        self.ln(2)
        top = self.get_y()
        bottoms = [self._draw_block(right, right_x, top, widths, space)]
        if left is not None:
            bottoms.append(self._draw_block(left, left_x, top, widths, space))
        elif recipients:
            bottoms.append(self._draw_recipients(recipients, left_x, top, widths))
        self.set_xy(self.l_margin, max(bottoms))

    def _draw_block(
        self, block: SignatureBlock, x: float, top: float, width: float, space: float
    ) -> float:
        self.set_xy(x, top)
        for style, size, text in self._block_lines(block):
            self.set_font(FAMILY, style, size)
            self.multi_cell(width, LINE - 0.4, text, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_y(self.get_y() + space)
        self.set_x(x)
        self.set_font(FAMILY, "B", BODY_SIZE)
        self.multi_cell(width, LINE, block.name, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        return float(self.get_y())

    def _draw_recipients(
        self, recipients: Sequence[str], x: float, top: float, width: float
    ) -> float:
        self.set_xy(x, top)
        self.set_font(FAMILY, "BI", SMALL_SIZE)
        self.cell(width, 4.5, "Nơi nhận:", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 8.5)
        for index, name in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            self.multi_cell(
                width, 3.8, f"- {name}{end}", align="L", new_x=XPos.LEFT, new_y=YPos.NEXT
            )
        return float(self.get_y())
