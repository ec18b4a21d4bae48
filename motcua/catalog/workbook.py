"""The catalog workbook: procedure specs to and from one Excel (.xlsx) file.

One sheet per kind of row, linked by codes: a procedure (sheet «Thủ tục») has case variants
(«Trường hợp»), and each variant has components, fees, process steps and e-form fields, each on
its own sheet with the procedure code and the variant code in its first two columns. Row 1 holds
the Vietnamese column headers, row 2 (hidden) a stable machine key per column; data starts on
row 3. Enum cells accept the Vietnamese label or the code; booleans «Có» / «Không».

Pure: no database. `read_workbook` turns a file into specs plus every problem it found, each
located to a sheet, row and column; the rules of a publishable procedure
(`specs.validate_for_publication`), the e-form validator and the database references are
checked by `catalog.importing`, which uses `ParsedProcedure.locate` to point their problems at
cells too. `write_workbook` writes the same format, so writing then reading gives the specs back.
The format is documented in docs/catalog-workbook.md and on the workbook's first sheet.
"""

import datetime as dt
import io
import itertools
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, BinaryIO

from django.db.models import TextChoices
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from motcua.accounts.models import Role
from motcua.calendar.engine import TimeUnit
from motcua.catalog.eforms import FIELD_TYPES, TYPE_LABELS
from motcua.catalog.models import (
    ClockCutoff,
    CodeNamespace,
    ComponentRequirement,
    FeeKind,
    ImplementingLevel,
    OnlineLevel,
    StepKind,
)
from motcua.catalog.specs import (
    ComponentSpec,
    FeeSpec,
    LegalBasis,
    Problem,
    ProcedureSpec,
    StepSpec,
    VariantSpec,
)
from motcua.core.errors import ValidationFailed

# openpyxl ships no type hints: its workbooks, sheets and cells are untyped objects.
type Sheet = Any

SHEET_GUIDE = "Hướng dẫn"
SHEET_LISTS = "Danh mục"
SHEET_PROCEDURES = "Thủ tục"
SHEET_VARIANTS = "Trường hợp"
SHEET_COMPONENTS = "Thành phần hồ sơ"
SHEET_FEES = "Phí lệ phí"
SHEET_STEPS = "Bước xử lý"
SHEET_FORM = "Trường biểu mẫu"

HEADER_ROW = 1
KEY_ROW = 2
FIRST_DATA_ROW = 3

YES = "Có"
NO = "Không"
DEFAULT_FEE_UNIT = "đồng/hồ sơ"
MAX_ROWS_PER_SHEET = 50_000

TIME_UNIT_CHOICES: tuple[tuple[str, str], ...] = (
    (TimeUnit.WORKING_HOURS.value, "Giờ làm việc"),
    (TimeUnit.WORKING_DAYS.value, "Ngày làm việc"),
    (TimeUnit.CALENDAR_DAYS.value, "Ngày (kể cả ngày nghỉ)"),
    (TimeUnit.MONTHS.value, "Tháng"),
)
LEGACY_LEVEL_CHOICES: tuple[tuple[str, str], ...] = (("2", "2"), ("3", "3"), ("4", "4"))
FIELD_TYPE_CHOICES: tuple[tuple[str, str], ...] = tuple((t, TYPE_LABELS[t]) for t in FIELD_TYPES)

_SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")
_NUMBER_RE = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
_TRUE_WORDS = {"có", "co", "x", "true", "1", "yes", "đúng", "dung"}
_FALSE_WORDS = {"không", "khong", "false", "0", "no", "sai"}


class WorkbookUnreadable(ValidationFailed):
    """The upload is not an Excel (.xlsx) workbook at all."""

    code = "workbook_unreadable"


# --- Problems -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookProblem:
    """A reason the workbook cannot be imported, located to a sheet, a row and a column
    (`row` is the row number Excel shows; `column` the column's Vietnamese header)."""

    sheet: str | None
    row: int | None
    column: str | None
    code: str
    message: str

    def describe(self) -> str:
        """«Sheet «Thành phần hồ sơ», dòng 12, cột «Số bản chính»: …»."""
        where = []
        if self.sheet:
            where.append(f"Sheet «{self.sheet}»")
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột «{self.column}»")
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }


# --- The format ---------------------------------------------------------------------------------


def _vi_choices(choices: type[TextChoices]) -> tuple[tuple[str, str], ...]:
    """An enum's values with their Vietnamese labels: the workbook is Vietnamese whatever the
    language of the request that writes or reads it."""
    with translation.override("vi"):
        return tuple((value, str(label)) for value, label in choices.choices)


class Kind(StrEnum):
    TEXT = "text"  # free text, may span lines
    CODE = "code"  # an identifier: must be typed as text
    SLUG = "slug"  # a code of letters, digits, - and _
    INTEGER = "integer"  # a whole number ≥ 0
    DECIMAL = "decimal"  # a number with at most 2 decimals
    MONEY = "money"  # whole đồng
    BOOLEAN = "boolean"  # Có / Không; blank = Không
    FLAG = "flag"  # Có / Không; blank = not stated (e-form keys)
    DATE = "date"
    CHOICE = "choice"  # one label or code from `choices`
    CHOICES = "choices"  # several, comma-separated
    CODES = "codes"  # several codes, comma-separated
    LEGAL = "legal"  # lines «document | YYYY-MM-DD»
    COUNT = "count"  # a whole number ≥ 0, blank = not stated (e-form keys)
    BOUND = "bound"  # a number, a date or «today» (e-form min/max)
    FIELD_TYPE = "field_type"  # an e-form field type (checked by the e-form validator)
    OPTIONS = "options"  # «value=Label; value2=Label 2»
    CONDITION = "condition"  # «father_known = true», «case in a, b», «email filled»


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind
    width: int = 16
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    default: str | None = None  # a blank CHOICE cell means this code
    help: str = ""


@dataclass(frozen=True)
class SheetFormat:
    name: str
    columns: tuple[Column, ...]
    help: str
    frozen_columns: int = 1

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)


def _procedure_code() -> Column:
    return Column(
        "procedure_code",
        "Mã thủ tục",
        Kind.CODE,
        14,
        required=True,
        help="Mã thủ tục ở sheet «Thủ tục».",
    )


def _variant_code() -> Column:
    return Column(
        "variant_code",
        "Mã trường hợp",
        Kind.SLUG,
        16,
        required=True,
        help="Mã trường hợp của thủ tục, ở sheet «Trường hợp».",
    )


PROCEDURES = SheetFormat(
    SHEET_PROCEDURES,
    (
        Column(
            "code",
            "Mã thủ tục",
            Kind.CODE,
            14,
            required=True,
            help="Mã trên CSDL quốc gia (ví dụ 1.001193) hoặc mã nội bộ; mỗi thủ tục một dòng.",
        ),
        Column(
            "namespace",
            "Loại mã",
            Kind.CHOICE,
            24,
            choices=_vi_choices(CodeNamespace),
            default=CodeNamespace.NATIONAL.value,
            help="Để trống: mã quốc gia.",
        ),
        Column("name", "Tên thủ tục", Kind.TEXT, 40),
        Column("field_code", "Mã lĩnh vực", Kind.CODE, 12, required=True),
        Column(
            "levels",
            "Cấp thực hiện",
            Kind.CHOICES,
            20,
            choices=_vi_choices(ImplementingLevel),
            help="Một hoặc nhiều cấp, cách nhau bởi dấu phẩy.",
        ),
        Column(
            "executing_agency_codes",
            "Cơ quan thực hiện (mã)",
            Kind.CODES,
            24,
            help="Mã định danh cơ quan, cách nhau bởi dấu phẩy (ví dụ 000.00.15.H99).",
        ),
        Column("reception_place", "Địa điểm tiếp nhận", Kind.TEXT, 30),
        Column("steps_text", "Trình tự thực hiện", Kind.TEXT, 40),
        Column("method_counter", "Nộp trực tiếp", Kind.BOOLEAN, 10),
        Column("method_online", "Nộp trực tuyến", Kind.BOOLEAN, 10),
        Column("method_postal", "Nộp qua bưu chính công ích", Kind.BOOLEAN, 12),
        Column("subjects", "Đối tượng thực hiện", Kind.TEXT, 24),
        Column("for_individuals", "Cá nhân", Kind.BOOLEAN, 9),
        Column("for_organisations", "Tổ chức", Kind.BOOLEAN, 9),
        Column("result", "Kết quả thực hiện", Kind.TEXT, 30),
        Column("conditions", "Yêu cầu, điều kiện", Kind.TEXT, 30),
        Column(
            "legal_bases",
            "Căn cứ pháp lý",
            Kind.LEGAL,
            44,
            help="Mỗi văn bản một dòng (Alt+Enter): «Tên văn bản | YYYY-MM-DD» (ngày có hiệu lực, "
            "có thể bỏ trống).",
        ),
        Column("fees_note", "Ghi chú phí, lệ phí", Kind.TEXT, 24),
        Column(
            "online_level",
            "Mức độ dịch vụ công trực tuyến",
            Kind.CHOICE,
            28,
            choices=_vi_choices(OnlineLevel),
            default=OnlineLevel.NONE.value,
            help="Để trống: không cung cấp trực tuyến.",
        ),
        Column(
            "legacy_online_level",
            "Mức độ cũ (2/3/4)",
            Kind.CHOICE,
            10,
            choices=LEGACY_LEVEL_CHOICES,
            help="Mức độ theo Nghị định 43/2011; có thể bỏ trống.",
        ),
        Column("full_online_eligible", "Đủ điều kiện toàn trình", Kind.BOOLEAN, 12),
        Column("postal_intake", "Tiếp nhận qua bưu chính", Kind.BOOLEAN, 12),
        Column("postal_return", "Trả kết quả qua bưu chính", Kind.BOOLEAN, 12),
        Column("four_at_desk", "4 tại chỗ", Kind.BOOLEAN, 9),
        Column(
            "cutoff_defers_clock",
            "Giờ chốt hồ sơ giấy",
            Kind.CHOICE,
            26,
            choices=_vi_choices(ClockCutoff),
            default=ClockCutoff.INHERIT.value,
            help="Để trống: theo cấu hình của tỉnh.",
        ),
        Column("hotline", "Đường dây nóng", Kind.TEXT, 14),
        Column("feedback_address", "Địa chỉ tiếp nhận phản ánh, kiến nghị", Kind.TEXT, 30),
        Column("decision_number", "Số quyết định công bố", Kind.TEXT, 18),
        Column("decision_date", "Ngày ký quyết định", Kind.DATE, 13),
        Column("decision_signer", "Người ký", Kind.TEXT, 20),
        Column("national_db_published_on", "Ngày công khai trên CSDL quốc gia", Kind.DATE, 14),
    ),
    "Mỗi dòng là một thủ tục với các bộ phận cấu thành (Nghị định 63/2010, Điều 8).",
)

VARIANTS = SheetFormat(
    SHEET_VARIANTS,
    (
        _procedure_code(),
        Column(
            "code",
            "Mã trường hợp",
            Kind.SLUG,
            16,
            required=True,
            help="Chữ không dấu, chữ số, dấu gạch ngang; không trùng trong một thủ tục.",
        ),
        Column("name", "Tên trường hợp", Kind.TEXT, 36),
        Column("time_limit_value", "Thời hạn giải quyết", Kind.DECIMAL, 12, required=True),
        Column(
            "time_limit_unit",
            "Đơn vị thời hạn",
            Kind.CHOICE,
            16,
            required=True,
            choices=TIME_UNIT_CHOICES,
        ),
        Column(
            "committed_value",
            "Thời hạn cam kết",
            Kind.DECIMAL,
            12,
            help="Thời hạn tỉnh cam kết, cùng đơn vị, không dài hơn thời hạn luật định; "
            "có thể bỏ trống.",
        ),
        Column("time_limit_note", "Ghi chú thời hạn", Kind.TEXT, 30),
        Column(
            "form_title",
            "Tiêu đề biểu mẫu điện tử",
            Kind.TEXT,
            30,
            help="Tiêu đề tờ khai điện tử; các trường ở sheet «Trường biểu mẫu».",
        ),
    ),
    "Mỗi dòng là một trường hợp giải quyết của một thủ tục (thủ tục chỉ có một trường hợp "
    "cũng cần một dòng).",
)

COMPONENTS = SheetFormat(
    SHEET_COMPONENTS,
    (
        _procedure_code(),
        _variant_code(),
        Column("code", "Mã thành phần", Kind.SLUG, 18, required=True),
        Column("name", "Tên giấy tờ", Kind.TEXT, 40),
        Column("originals", "Số bản chính", Kind.INTEGER, 10),
        Column("copies", "Số bản sao", Kind.INTEGER, 10),
        Column(
            "requirement",
            "Yêu cầu",
            Kind.CHOICE,
            22,
            choices=_vi_choices(ComponentRequirement),
            default=ComponentRequirement.REQUIRED.value,
            help="Để trống: bắt buộc.",
        ),
        Column(
            "condition", "Điều kiện", Kind.TEXT, 30, help="Bắt buộc khi nào (nếu có điều kiện)."
        ),
        Column("template_name", "Mẫu đơn, tờ khai", Kind.TEXT, 22),
    ),
    "Các giấy tờ của hồ sơ, theo thứ tự dòng, cho từng trường hợp.",
    frozen_columns=2,
)

FEES = SheetFormat(
    SHEET_FEES,
    (
        _procedure_code(),
        _variant_code(),
        Column("kind", "Loại", Kind.CHOICE, 10, required=True, choices=_vi_choices(FeeKind)),
        Column("name", "Tên khoản thu", Kind.TEXT, 36),
        Column("amount", "Mức thu (đồng)", Kind.MONEY, 14, required=True),
        Column("unit", "Đơn vị tính", Kind.TEXT, 16, help="Để trống: đồng/hồ sơ."),
        Column("exemption", "Miễn, giảm", Kind.TEXT, 30),
    ),
    "Phí, lệ phí của từng trường hợp; trường hợp không thu phí thì không có dòng nào.",
    frozen_columns=2,
)

STEPS = SheetFormat(
    SHEET_STEPS,
    (
        _procedure_code(),
        _variant_code(),
        Column("code", "Mã bước", Kind.SLUG, 14, required=True),
        Column("name", "Tên bước", Kind.TEXT, 30),
        Column("kind", "Loại bước", Kind.CHOICE, 22, required=True, choices=_vi_choices(StepKind)),
        Column("role", "Vai trò", Kind.CHOICE, 20, required=True, choices=_vi_choices(Role)),
        Column("budget_hours", "Thời gian (giờ làm việc)", Kind.DECIMAL, 12, required=True),
        Column(
            "agency_code",
            "Cơ quan thực hiện (mã)",
            Kind.CODE,
            18,
            help="Để trống: cơ quan giải quyết hồ sơ; bước liên thông phải ghi mã cơ quan phối hợp.",
        ),
        Column(
            "forward_to",
            "Chuyển tiếp đến (mã bước)",
            Kind.CODES,
            20,
            help="Mã các bước kế tiếp, cách nhau bởi dấu phẩy; bước trả kết quả để trống.",
        ),
        Column(
            "send_back_to",
            "Trả lại bước (mã bước)",
            Kind.CODES,
            20,
            help="Mã các bước đứng trước mà bước này được trả lại.",
        ),
    ),
    "Quy trình nội bộ: các bước theo thứ tự dòng; bước đầu tiên là bước tiếp nhận.",
    frozen_columns=2,
)

FORM_FIELDS = SheetFormat(
    SHEET_FORM,
    (
        _procedure_code(),
        _variant_code(),
        Column(
            "parent",
            "Thuộc nhóm",
            Kind.CODE,
            14,
            help="Tên trường nhóm (kiểu «nhóm trường») ở dòng trên; để trống nếu ở ngoài cùng.",
        ),
        Column(
            "name",
            "Tên trường",
            Kind.CODE,
            18,
            help="Chữ thường không dấu, chữ số, dấu gạch dưới; ví dụ child_name.",
        ),
        Column("type", "Kiểu", Kind.FIELD_TYPE, 16, required=True, choices=FIELD_TYPE_CHOICES),
        Column("label", "Nhãn", Kind.TEXT, 30),
        Column("label_en", "Nhãn tiếng Anh", Kind.TEXT, 22),
        Column("help", "Hướng dẫn nhập", Kind.TEXT, 24),
        Column("required", "Bắt buộc", Kind.FLAG, 9),
        Column(
            "options",
            "Lựa chọn",
            Kind.OPTIONS,
            28,
            help="Kiểu lựa chọn: «giá_trị=Nhãn; giá_trị_2=Nhãn 2».",
        ),
        Column(
            "show_if",
            "Điều kiện hiển thị",
            Kind.CONDITION,
            22,
            help="Ví dụ «father_known = true», «case in a, b», «email filled».",
        ),
        Column(
            "min",
            "Nhỏ nhất",
            Kind.BOUND,
            11,
            help="Kiểu số: một số; kiểu ngày: YYYY-MM-DD hoặc today.",
        ),
        Column("max", "Lớn nhất", Kind.BOUND, 11, help="Như cột «Nhỏ nhất»."),
        Column("integer", "Số nguyên", Kind.FLAG, 9),
        Column("min_length", "Số ký tự tối thiểu", Kind.COUNT, 10),
        Column("max_length", "Số ký tự tối đa", Kind.COUNT, 10),
        Column("pattern", "Biểu thức kiểm tra", Kind.TEXT, 18, help="Biểu thức chính quy (regex)."),
        Column("pattern_message", "Thông báo khi sai định dạng", Kind.TEXT, 24),
        Column("multiple", "Chọn nhiều", Kind.FLAG, 9),
        Column("allow_landline", "Nhận số máy bàn", Kind.FLAG, 9),
        Column("repeat", "Lặp lại", Kind.FLAG, 9, help="Nhóm lặp lại nhiều mục."),
        Column("min_items", "Số mục tối thiểu", Kind.COUNT, 10),
        Column("max_items", "Số mục tối đa", Kind.COUNT, 10),
    ),
    "Các trường của biểu mẫu điện tử (tờ khai trực tuyến), theo thứ tự dòng; xem "
    "docs/eforms.md. Cột để trống là không khai báo.",
    frozen_columns=2,
)

SHEETS: tuple[SheetFormat, ...] = (PROCEDURES, VARIANTS, COMPONENTS, FEES, STEPS, FORM_FIELDS)
_SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}
_FORMATS = {s.name: s for s in SHEETS}

# E-form field keys in the order a field's JSON object lists them.
_FORM_KEYS = (
    "name", "type", "label", "label_en", "help", "required", "show_if", "options", "multiple",
    "min", "max", "integer", "min_length", "max_length", "pattern", "pattern_message",
    "allow_landline", "repeat", "min_items", "max_items",
)  # fmt: skip


# --- Parsed results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a part of a spec came from, and the column its problems point at by default."""

    sheet: str
    row: int
    column: str


@dataclass(frozen=True)
class ParsedProcedure:
    spec: ProcedureSpec
    row: int
    places: Mapping[str, Place]  # spec path ("", "variants[0]", "variants[0].steps[2]", …)
    broken: frozenset[tuple[str, int, str]]  # cells (sheet, row, column) that could not be read

    def locate(self, problem: Problem) -> WorkbookProblem | None:
        """Point a problem about the spec (its `path`) at a cell. None: it follows from a cell
        that could not be read (and was read as blank), which is already reported."""
        path = problem.path
        key = path
        while key and key not in self.places:
            key = _parent_path(key)
        place = self.places.get(key) or self.places[""]
        tail = path[len(key) :].lstrip(".")
        attr = re.match(r"[a-z_]*", tail)
        name = attr.group(0) if attr else ""
        column_key = _COLUMN_FOR_CODE.get(problem.code) if not tail else None
        column_key = column_key or _ALIASES.get(place.sheet, {}).get(name, name)
        sheet = _FORMATS[place.sheet]
        if not column_key or not sheet.has(column_key):
            column_key = place.column
        column = sheet.column(column_key).label
        if self._follows_from_broken_cell(problem, place, column):
            return None
        return WorkbookProblem(place.sheet, place.row, column, problem.code, problem.message)

    def _follows_from_broken_cell(self, problem: Problem, place: Place, column: str) -> bool:
        if (place.sheet, place.row, column) in self.broken:
            return True
        rows = {(sheet, row) for sheet, row, _ in self.broken}
        if (place.sheet, place.row) in rows and (
            problem.code in _CROSS_CELL_CODES or problem.path in ("methods", "subjects")
        ):
            return True
        if _PROCESS_PATH.fullmatch(problem.path):
            variant = problem.path.rsplit(".", 1)[0]
            places = [
                p
                for k, p in self.places.items()
                if k == variant or k.startswith(f"{variant}.steps[")
            ]
            return any((p.sheet, p.row) in rows for p in places)
        return False


@dataclass(frozen=True)
class ParsedWorkbook:
    procedures: tuple[ParsedProcedure, ...]
    problems: tuple[WorkbookProblem, ...]

    @property
    def specs(self) -> list[ProcedureSpec]:
        return [p.spec for p in self.procedures]


_PROCESS_PATH = re.compile(r"variants\[\d+\]\.steps")
# Rules over several cells of a row: when one of them could not be read, they say nothing new.
_CROSS_CELL_CODES = frozenset(
    {
        "component_no_paper",
        "component_condition_missing",
        "committed_over_limit",
        "limit_negative",
        "limit_not_whole",
        "online_level_without_method",
        "postal_without_method",
        "step_approval_needs_leader",
        "step_reception_needs_desk",
        "step_inter_agency_needs_agency",
        "step_dead_end",
        "step_return_forwards",
    }
)
_COLUMN_FOR_CODE = {
    "process_over_budget": "budget_hours",
    "process_no_return": "kind",
    "process_forward_cycle": "forward_to",
}
_ALIASES: dict[str, dict[str, str]] = {
    SHEET_PROCEDURES: {
        "field": "field_code",
        "executing_agencies": "executing_agency_codes",
        "methods": "method_counter",
        "variants": "code",
    },
    SHEET_VARIANTS: {
        "components": "code",
        "fees": "code",
        "steps": "code",
        "eform_schema": "form_title",
        "title": "form_title",
        "fields": "form_title",
        "version": "form_title",
    },
    SHEET_STEPS: {"agency": "agency_code"},
    SHEET_FORM: {"fields": "name"},
}


def _parent_path(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rsplit(".", 1)[0] if "." in path else ""


def sort_problems(problems: Iterable[WorkbookProblem]) -> list[WorkbookProblem]:
    """In reading order: by sheet, row, then column (as the workbook lays them out); no repeats."""

    def order(p: WorkbookProblem) -> tuple[int, int, int]:
        sheet = _SHEET_ORDER.get(p.sheet or "", -1)
        column = -1
        if p.sheet in _FORMATS and p.column:
            labels = [c.label for c in _FORMATS[p.sheet].columns]
            column = labels.index(p.column) if p.column in labels else len(labels)
        return sheet, p.row or 0, column

    return sorted(dict.fromkeys(problems), key=order)


# --- Cells --------------------------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _norm(text: str) -> str:
    """For matching headers, sheet names and labels: NFC, case- and spacing-insensitive."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _plain(text: str) -> str:
    """`_norm` without diacritics (Thành phần hồ sơ → thanh phan ho so)."""
    decomposed = unicodedata.normalize("NFD", _norm(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def _code(value: object) -> str:
    if isinstance(value, float):
        raise _CellError(
            "code_not_text",
            f"Mã «{value:g}» đang ở dạng số nên có thể đã mất chữ số 0 ở cuối; định dạng ô là "
            "Văn bản (Text) rồi nhập lại.",
        )
    return _text(value)


def _slug(value: object) -> str:
    code = _code(value)
    if not _SLUG_RE.fullmatch(code):
        raise _CellError(
            "code_invalid",
            f"Mã «{code}» chỉ được gồm chữ cái không dấu, chữ số, dấu gạch ngang (-) và "
            "gạch dưới (_).",
        )
    return code


def _decimal(value: object, *, places: int, limit: Decimal) -> Decimal:
    if isinstance(value, bool):
        raise _CellError("number_invalid", f"«{_text(value)}» không phải là số.")
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = _text(value)
        if not _NUMBER_RE.fullmatch(text):
            raise _CellError(
                "number_invalid",
                f"«{text}» không phải là số (nhập dạng 12 hoặc 12,5; không ghi đơn vị).",
            )
        number = Decimal(text.replace(",", "."))
    if not number.is_finite():
        raise _CellError("number_invalid", f"«{_text(value)}» không phải là số.")
    number = number.normalize() + 0
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise _CellError(
            "number_too_precise",
            "Phải là số nguyên."
            if places == 0
            else f"Chỉ được có tối đa {places} chữ số sau dấu thập phân.",
        )
    if abs(number) >= limit:
        raise _CellError("number_too_large", f"Số {number} quá lớn.")
    return number


def _integer(value: object) -> int:
    number = _decimal(value, places=0, limit=Decimal(32768))
    if number < 0:
        raise _CellError("number_negative", "Không được là số âm.")
    return int(number)


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = _norm(_text(value))
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise _CellError("boolean_invalid", f"«{_text(value)}»: nhập «{YES}» hoặc «{NO}».")


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise _CellError("date_invalid", f"«{text}» không phải là ngày (dd/mm/yyyy).")


def _choice(value: object, choices: Sequence[tuple[str, str]]) -> str:
    text = _text(value)
    wanted = _norm(text)
    for code, label in choices:
        if wanted in (_norm(code), _norm(label)):
            return code
    plain = _plain(text)
    for code, label in choices:
        if plain == _plain(label):
            return code
    allowed = "; ".join(f"«{label}»" for _, label in choices)
    raise _CellError("choice_invalid", f"«{text}» không thuộc danh sách: {allowed}.")


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def _choices(value: object, choices: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_choice(part, choices) for part in _split(_text(value))))


def _codes(value: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_split(_code(value))))


def _legal(value: object) -> tuple[LegalBasis, ...]:
    bases = []
    for line in _text(value).split("\n"):
        if not line.strip():
            continue
        document, _, day = line.rpartition("|") if "|" in line else (line, "", "")
        effective = None
        if day.strip():
            try:
                effective = _date(day.strip())
            except _CellError:
                raise _CellError(
                    "legal_basis_invalid",
                    f"Dòng «{line.strip()}»: ngày có hiệu lực «{day.strip()}» không đúng dạng "
                    "YYYY-MM-DD.",
                ) from None
        bases.append(LegalBasis(document.strip(), effective))
    return tuple(bases)


def _bound(value: object) -> object:
    if isinstance(value, bool):
        raise _CellError("bound_invalid", "Nhập một số, một ngày (YYYY-MM-DD) hoặc today.")
    if isinstance(value, int | float):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(value)


def _count(value: object) -> int:
    return _integer(value)


def _options(value: object) -> list[object]:
    text = _text(value)
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _CellError(
                "options_invalid", f"Danh sách lựa chọn JSON không hợp lệ ({exc})."
            ) from None
        if not isinstance(loaded, list):
            raise _CellError("options_invalid", "Danh sách lựa chọn JSON phải là một mảng.")
        return loaded
    items = text.split("\n") if "\n" in text else text.split(";")
    options: list[object] = []
    for item in items:
        if not item.strip():
            continue
        option_value, sep, label = item.partition("=")
        if not sep:
            raise _CellError(
                "options_invalid",
                f"Lựa chọn «{item.strip()}» phải có dạng giá_trị=Nhãn, ví dụ «nam=Nam; nu=Nữ».",
            )
        options.append({"value": option_value.strip(), "label": label.strip()})
    return options


_CONDITION_EQUALS = re.compile(r"(?P<field>[A-Za-z_]\w*)\s*=\s*(?P<value>.*)", re.DOTALL)
_CONDITION_IN = re.compile(r"(?P<field>[A-Za-z_]\w*)\s+in\s+(?P<values>.+)", re.IGNORECASE)
_CONDITION_FILLED = re.compile(r"(?P<field>[A-Za-z_]\w*)\s+filled", re.IGNORECASE)
_TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[^,]*?)\s*(?:,|$)')


def _condition(value: object, types: Mapping[str, str]) -> dict[str, object]:
    """«father_known = true», «case in a, b», «email filled» (or the JSON object itself). Values
    are read as the type of the field they test: true/false for a checkbox, numbers for a number
    field, text otherwise; "quoted" values are always text."""
    text = _text(value)
    if text.startswith("{"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _CellError("condition_invalid", f"Điều kiện JSON không hợp lệ ({exc}).") from None
        if not isinstance(loaded, dict):
            raise _CellError("condition_invalid", "Điều kiện JSON phải là một đối tượng.")
        return loaded
    if match := _CONDITION_FILLED.fullmatch(text):
        return {"field": match["field"], "filled": True}
    if match := _CONDITION_IN.fullmatch(text):
        kind = types.get(match["field"], "")
        tokens = [t for t in _TOKEN.findall(match["values"]) if t]
        return {"field": match["field"], "in": [_operand(t, kind) for t in tokens]}
    if match := _CONDITION_EQUALS.fullmatch(text):
        kind = types.get(match["field"], "")
        return {"field": match["field"], "equals": _operand(match["value"].strip(), kind)}
    raise _CellError(
        "condition_invalid",
        f"Điều kiện «{text}» không đúng dạng; ví dụ «father_known = true», «case in a, b», "
        "«email filled».",
    )


def _operand(token: str, kind: str) -> object:
    if token.startswith('"'):
        try:
            loaded = json.loads(token)
        except json.JSONDecodeError:
            raise _CellError("condition_invalid", f"Giá trị {token} thiếu dấu ngoặc kép.") from None
        return str(loaded)
    lowered = token.casefold()
    if kind in ("checkbox", "") and lowered in ("true", "false"):
        return lowered == "true"
    if kind in ("number", "") and _NUMBER_RE.fullmatch(token):
        number = Decimal(token.replace(",", "."))
        return int(number) if number == number.to_integral_value() else float(number)
    return token


# --- Reading ------------------------------------------------------------------------------------


class _Row:
    """One data row of a sheet, read cell by cell; a cell that cannot be read is reported once
    and gives the blank value."""

    def __init__(
        self,
        fmt: SheetFormat,
        number: int,
        values: Mapping[str, object],
        problems: list[WorkbookProblem],
        broken: set[tuple[str, int, str]],
    ) -> None:
        self.fmt = fmt
        self.number = number
        self.values = values
        self._problems = problems
        self._broken = broken

    def fail(self, key: str, code: str, message: str) -> None:
        label = self.fmt.column(key).label
        self._problems.append(WorkbookProblem(self.fmt.name, self.number, label, code, message))
        self._broken.add((self.fmt.name, self.number, label))

    def read[T](self, key: str, convert: Callable[[object], T], blank: T) -> T:
        raw = self.values.get(key)
        column = self.fmt.column(key)
        if _blank(raw):
            if column.required:
                self.fail(key, "required", f"Chưa nhập «{column.label}».")
            return blank
        try:
            return convert(raw)
        except _CellError as exc:
            self.fail(key, exc.code, exc.message)
            return blank

    def text(self, key: str) -> str:
        return self.read(key, _text, "")

    def code(self, key: str) -> str:
        return self.read(key, _code, "")

    def slug(self, key: str) -> str:
        return self.read(key, _slug, "")

    def decimal(self, key: str) -> Decimal | None:
        return self.read(key, lambda v: _decimal(v, places=2, limit=Decimal(100_000)), None)

    def money(self, key: str) -> Decimal | None:
        return self.read(key, lambda v: _decimal(v, places=0, limit=Decimal(10**14)), None)

    def integer(self, key: str) -> int:
        return self.read(key, _integer, 0)

    def boolean(self, key: str) -> bool:
        return self.read(key, _boolean, False)

    def date(self, key: str) -> dt.date | None:
        return self.read(key, _date, None)

    def choice(self, key: str) -> str:
        column = self.fmt.column(key)
        return self.read(key, lambda v: _choice(v, column.choices), column.default or "")

    def choices(self, key: str) -> tuple[str, ...]:
        column = self.fmt.column(key)
        return self.read(key, lambda v: _choices(v, column.choices), ())

    def codes(self, key: str) -> tuple[str, ...]:
        return self.read(key, _codes, ())

    def legal(self, key: str) -> tuple[LegalBasis, ...]:
        return self.read(key, _legal, ())


@dataclass
class _VariantRows:
    row: _Row
    components: list[_Row] = field(default_factory=list)
    fees: list[_Row] = field(default_factory=list)
    steps: list[_Row] = field(default_factory=list)
    form: list[_Row] = field(default_factory=list)


@dataclass
class _ProcedureRows:
    row: _Row
    variants: dict[str, _VariantRows] = field(default_factory=dict)


def read_workbook(data: bytes | BinaryIO) -> ParsedWorkbook:
    """Read a catalog workbook: the procedures it describes, and every problem found in its
    sheets, rows and cells. Raises WorkbookUnreadable when it is not an .xlsx file."""
    raw = data if isinstance(data, bytes) else data.read()
    problems: list[WorkbookProblem] = []
    broken: set[tuple[str, int, str]] = set()
    rows: dict[str, list[_Row]] = {s.name: [] for s in SHEETS}
    seen: set[str] = set()
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                fmt = _sheet_format(str(sheet.title), seen, problems)
                if fmt is not None:
                    lines = sheet.iter_rows(values_only=True)
                    rows[fmt.name] = _read_sheet(fmt, lines, problems, broken)
        finally:
            book.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise WorkbookUnreadable(
            "Không đọc được tệp: tệp phải là bảng tính Excel (.xlsx) theo mẫu nhập danh mục "
            "thủ tục.",
            field="file",
        ) from exc
    if SHEET_PROCEDURES not in seen:
        problems.append(
            WorkbookProblem(
                SHEET_PROCEDURES,
                None,
                None,
                "sheet_missing",
                f"Tệp không có sheet «{SHEET_PROCEDURES}».",
            )
        )
    assembled = [_assemble(p) for p in _link(rows, problems)]
    unreadable = frozenset(broken)  # complete only now: cells are read while assembling
    parsed = tuple(
        ParsedProcedure(spec=spec, row=row, places=places, broken=unreadable)
        for spec, row, places in assembled
    )
    return ParsedWorkbook(procedures=parsed, problems=tuple(sort_problems(problems)))


def _sheet_format(
    title: str, seen: set[str], problems: list[WorkbookProblem]
) -> SheetFormat | None:
    """The format of the sheet called `title` (spelling, case and diacritics aside); None for
    the guide and lists sheets, and for a sheet the format does not know (reported)."""
    by_name = {_norm(s.name): s for s in SHEETS} | {_plain(s.name): s for s in SHEETS}
    fmt = by_name.get(_norm(title)) or by_name.get(_plain(title))
    if fmt is None:
        if _plain(title) not in (_plain(SHEET_GUIDE), _plain(SHEET_LISTS)):
            problems.append(
                WorkbookProblem(
                    title,
                    None,
                    None,
                    "sheet_unknown",
                    "Sheet này không thuộc mẫu nhập danh mục; đổi tên cho đúng mẫu "
                    f"({', '.join(s.name for s in SHEETS)}) hoặc xóa sheet.",
                )
            )
        return None
    if fmt.name in seen:
        problems.append(
            WorkbookProblem(title, None, None, "sheet_duplicate", f"Có hai sheet «{fmt.name}».")
        )
        return None
    seen.add(fmt.name)
    return fmt


def _read_sheet(
    fmt: SheetFormat,
    lines: Iterable[tuple[object, ...]],
    problems: list[WorkbookProblem],
    broken: set[tuple[str, int, str]],
) -> list[_Row]:
    """The sheet's data rows. Columns are found by their key (row 2) or else by their header
    (row 1), so a workbook made by hand without the key row is read too."""
    iterator = iter(lines)
    header = list(next(iterator, ()))
    if all(_blank(v) for v in header):
        if fmt is PROCEDURES:  # other sheets may be left empty
            problems.append(
                WorkbookProblem(
                    fmt.name, HEADER_ROW, None, "header_missing", "Dòng 1 phải là tên cột."
                )
            )
        return []
    second = list(next(iterator, ()))
    keys = {c.key for c in fmt.columns}
    key_row = any(not _blank(v) for v in second) and all(
        _blank(v) or _text(v) in keys for v in second
    )
    labels = {_norm(c.label): c.key for c in fmt.columns} | {
        _plain(c.label): c.key for c in fmt.columns
    }
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _text(second[i]) if key_row and i < len(second) and not _blank(second[i]) else None
        if key is None and not _blank(cell):
            key = labels.get(_norm(_text(cell))) or labels.get(_plain(_text(cell)))
        if key is None:
            if not _blank(cell):
                problems.append(
                    WorkbookProblem(
                        fmt.name,
                        HEADER_ROW,
                        _text(cell),
                        "column_unknown",
                        "Cột này không thuộc mẫu; sửa tên cột cho đúng mẫu hoặc xóa cột.",
                    )
                )
            continue
        if key in index:
            problems.append(
                WorkbookProblem(
                    fmt.name,
                    HEADER_ROW,
                    fmt.column(key).label,
                    "column_duplicate",
                    "Cột này xuất hiện hai lần.",
                )
            )
            continue
        index[key] = i
    missing = [c for c in fmt.columns if c.required and c.key not in index]
    for column in missing:
        problems.append(
            WorkbookProblem(
                fmt.name,
                HEADER_ROW,
                column.label,
                "column_missing",
                "Thiếu cột bắt buộc này.",
            )
        )
    if missing:
        return []
    rows: list[_Row] = []
    start = FIRST_DATA_ROW if key_row else HEADER_ROW + 1
    pending: list[Sequence[object]] = [] if key_row else [second]
    for number, line in enumerate(itertools.chain(pending, iterator), start=start):
        if all(_blank(v) for v in line):
            continue
        if len(rows) >= MAX_ROWS_PER_SHEET:
            problems.append(
                WorkbookProblem(
                    fmt.name,
                    number,
                    None,
                    "too_many_rows",
                    f"Mỗi sheet có tối đa {MAX_ROWS_PER_SHEET} dòng; chia tệp để nhập nhiều lần.",
                )
            )
            break
        values = {key: line[i] if i < len(line) else None for key, i in index.items()}
        rows.append(_Row(fmt, number, values, problems, broken))
    return rows


def _link(rows: Mapping[str, list[_Row]], problems: list[WorkbookProblem]) -> list[_ProcedureRows]:
    """Attach each row to its procedure and variant by code; rows pointing nowhere are reported."""
    procedures: dict[str, _ProcedureRows] = {}
    for row in rows[SHEET_PROCEDURES]:
        code = row.code("code")
        if not code:
            continue
        if code in procedures:
            row.fail(
                "code",
                "procedure_code_duplicate",
                f"Mã thủ tục «{code}» đã có ở dòng {procedures[code].row.number}.",
            )
            continue
        procedures[code] = _ProcedureRows(row)
    for row in rows[SHEET_VARIANTS]:
        owner = _owner(row, procedures)
        code = row.slug("code")
        if owner is None or not code:
            continue
        if code in owner.variants:
            row.fail(
                "code",
                "variant_code_duplicate",
                f"Mã trường hợp «{code}» của thủ tục «{row.code('procedure_code')}» đã có ở "
                f"dòng {owner.variants[code].row.number}.",
            )
            continue
        owner.variants[code] = _VariantRows(row)
    for sheet, attr in (
        (SHEET_COMPONENTS, "components"),
        (SHEET_FEES, "fees"),
        (SHEET_STEPS, "steps"),
        (SHEET_FORM, "form"),
    ):
        for row in rows[sheet]:
            procedure = _owner(row, procedures)
            variant_code = row.slug("variant_code")
            if procedure is None or not variant_code:
                continue
            variant = procedure.variants.get(variant_code)
            if variant is None:
                row.fail(
                    "variant_code",
                    "variant_unknown",
                    f"Thủ tục «{row.code('procedure_code')}» không có trường hợp mã "
                    f"«{variant_code}» ở sheet «{SHEET_VARIANTS}».",
                )
                continue
            getattr(variant, attr).append(row)
    return list(procedures.values())


def _owner(row: _Row, procedures: Mapping[str, _ProcedureRows]) -> _ProcedureRows | None:
    code = row.code("procedure_code")
    if code and code not in procedures:
        row.fail(
            "procedure_code",
            "procedure_unknown",
            f"Không có thủ tục mã «{code}» ở sheet «{SHEET_PROCEDURES}».",
        )
    return procedures.get(code)


def _assemble(rows: _ProcedureRows) -> tuple[ProcedureSpec, int, dict[str, Place]]:
    p = rows.row
    places: dict[str, Place] = {"": Place(SHEET_PROCEDURES, p.number, "code")}
    variants = []
    for i, variant_rows in enumerate(rows.variants.values()):
        variants.append(_assemble_variant(variant_rows, f"variants[{i}]", places))
    legacy = p.choice("legacy_online_level")
    spec = ProcedureSpec(
        code=p.code("code"),
        namespace=p.choice("namespace"),
        name=p.text("name"),
        field_code=p.code("field_code"),
        levels=p.choices("levels"),
        executing_agency_codes=p.codes("executing_agency_codes"),
        reception_place=p.text("reception_place"),
        steps_text=p.text("steps_text"),
        method_counter=p.boolean("method_counter"),
        method_online=p.boolean("method_online"),
        method_postal=p.boolean("method_postal"),
        subjects=p.text("subjects"),
        for_individuals=p.boolean("for_individuals"),
        for_organisations=p.boolean("for_organisations"),
        result=p.text("result"),
        conditions=p.text("conditions"),
        legal_bases=p.legal("legal_bases"),
        fees_note=p.text("fees_note"),
        online_level=p.choice("online_level"),
        legacy_online_level=int(legacy) if legacy else None,
        full_online_eligible=p.boolean("full_online_eligible"),
        postal_intake=p.boolean("postal_intake"),
        postal_return=p.boolean("postal_return"),
        four_at_desk=p.boolean("four_at_desk"),
        cutoff_defers_clock=p.choice("cutoff_defers_clock"),
        hotline=p.text("hotline"),
        feedback_address=p.text("feedback_address"),
        decision_number=p.text("decision_number"),
        decision_date=p.date("decision_date"),
        decision_signer=p.text("decision_signer"),
        national_db_published_on=p.date("national_db_published_on"),
        variants=tuple(variants),
    )
    return spec, p.number, places


def _assemble_variant(rows: _VariantRows, path: str, places: dict[str, Place]) -> VariantSpec:
    v = rows.row
    places[path] = Place(SHEET_VARIANTS, v.number, "code")
    places[f"{path}.eform_schema"] = Place(SHEET_VARIANTS, v.number, "form_title")
    components = []
    for j, row in enumerate(rows.components):
        places[f"{path}.components[{j}]"] = Place(SHEET_COMPONENTS, row.number, "code")
        components.append(
            ComponentSpec(
                code=row.slug("code"),
                name=row.text("name"),
                originals=row.integer("originals"),
                copies=row.integer("copies"),
                requirement=row.choice("requirement"),
                condition=row.text("condition"),
                template_name=row.text("template_name"),
            )
        )
    fees = []
    for j, row in enumerate(rows.fees):
        places[f"{path}.fees[{j}]"] = Place(SHEET_FEES, row.number, "name")
        fees.append(
            FeeSpec(
                kind=row.choice("kind"),
                name=row.text("name"),
                amount=row.money("amount") or Decimal(0),
                unit=row.text("unit") or DEFAULT_FEE_UNIT,
                exemption=row.text("exemption"),
            )
        )
    steps = []
    for j, row in enumerate(rows.steps):
        places[f"{path}.steps[{j}]"] = Place(SHEET_STEPS, row.number, "code")
        if j == 0:
            places[f"{path}.steps"] = Place(SHEET_STEPS, row.number, "code")
        steps.append(
            StepSpec(
                code=row.slug("code"),
                name=row.text("name"),
                kind=row.choice("kind"),
                role=row.choice("role"),
                budget_hours=row.decimal("budget_hours") or Decimal(0),
                agency_code=row.code("agency_code") or None,
                forward_to=row.codes("forward_to"),
                send_back_to=row.codes("send_back_to"),
            )
        )
    unit = v.choice("time_limit_unit")
    schema = _assemble_form(rows, v.text("form_title"), path, places)
    return VariantSpec(
        code=v.slug("code"),
        name=v.text("name"),
        time_limit_value=v.decimal("time_limit_value") or Decimal(0),
        time_limit_unit=TimeUnit(unit) if unit else TimeUnit.WORKING_DAYS,
        committed_value=v.decimal("committed_value"),
        time_limit_note=v.text("time_limit_note"),
        components=tuple(components),
        fees=tuple(fees),
        steps=tuple(steps),
        eform_schema=schema,
    )


def _assemble_form(
    rows: _VariantRows, title: str, path: str, places: dict[str, Place]
) -> dict[str, object]:
    """The variant's e-form schema: {} when it has neither a title nor a field."""
    if not title and not rows.form:
        return {}
    top: list[dict[str, object]] = []
    groups: dict[str, tuple[int, list[dict[str, object]]]] = {}
    for row in rows.form:
        parent = row.code("parent")
        if not parent:
            types = {str(f.get("name")): str(f.get("type")) for f in top}
            item = _form_field(row, types)
            places[f"{path}.eform_schema.fields[{len(top)}]"] = Place(
                SHEET_FORM, row.number, "name"
            )
            if item.get("type") == "group":
                children: list[dict[str, object]] = []
                item["fields"] = children
                groups[str(item.get("name"))] = (len(top), children)
            top.append(item)
            continue
        if parent not in groups:
            named = any(f.get("name") == parent for f in top)
            row.fail(
                "parent",
                "form_parent_not_group" if named else "form_parent_unknown",
                f"Trường «{parent}» không phải là nhóm (kiểu «{TYPE_LABELS['group']}»)."
                if named
                else f"Chưa có nhóm «{parent}» ở các dòng trên của trường hợp này.",
            )
            continue
        index, siblings = groups[parent]
        types = {str(f.get("name")): str(f.get("type")) for f in [*top, *siblings]}
        places[f"{path}.eform_schema.fields[{index}].fields[{len(siblings)}]"] = Place(
            SHEET_FORM, row.number, "name"
        )
        siblings.append(_form_field(row, types))
    for item in top:
        if item.get("fields") == []:  # a group without rows: the e-form validator says so
            del item["fields"]
    schema: dict[str, object] = {"version": 1}
    if title:
        schema["title"] = title
    schema["fields"] = top
    return schema


def _form_field(row: _Row, types: Mapping[str, str]) -> dict[str, object]:
    item: dict[str, object] = {}
    kind = row.read("type", _field_type, "")
    for key in _FORM_KEYS:
        column = row.fmt.column(key)
        value: object
        if key == "type":
            value = kind or None
        elif column.kind is Kind.FLAG:
            value = row.read(key, _boolean, None)
        elif column.kind is Kind.COUNT:
            value = row.read(key, _count, None)
        elif column.kind is Kind.BOUND:
            value = row.read(key, _bound, None)
            if kind == "number" and isinstance(value, str) and _NUMBER_RE.fullmatch(value):
                value = _operand(value, "number")
        elif column.kind is Kind.OPTIONS:
            value = row.read(key, _options, None)
        elif column.kind is Kind.CONDITION:
            value = row.read(key, lambda v: _condition(v, types), None)
        elif key in ("name", "pattern"):
            value = row.code(key) or None
        else:
            value = row.text(key) or None
        if value is not None:
            item[key] = value
    return item


def _field_type(value: object) -> str:
    """A type code or label; anything else is kept for the e-form validator to refuse."""
    text = _text(value)
    try:
        return _choice(text, FIELD_TYPE_CHOICES)
    except _CellError:
        return text


# --- Writing ------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_KEY_FONT = Font(color="808080", size=8)
_WRAP = Alignment(wrap_text=True, vertical="top")
_NUMBER_FORMATS = {
    Kind.MONEY: "#,##0",
    Kind.DECIMAL: "General",
    Kind.INTEGER: "0",
    Kind.COUNT: "0",
    Kind.DATE: "dd/mm/yyyy",
    Kind.BOUND: "General",
}
_VALIDATION_ROWS = 2000


def write_workbook(specs: Sequence[ProcedureSpec]) -> bytes:
    """The specs as a catalog workbook (the format `read_workbook` reads)."""
    book = Workbook()
    guide = book.active
    guide.title = SHEET_GUIDE
    _write_guide(guide)
    lists = _ListSheet()
    for fmt in SHEETS:
        sheet = book.create_sheet(fmt.name)
        rows = list(_sheet_rows(fmt, specs))
        _write_sheet(sheet, fmt, rows, lists)
    lists.write(book.create_sheet(SHEET_LISTS))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_rows(fmt: SheetFormat, specs: Sequence[ProcedureSpec]) -> Iterable[dict[str, object]]:
    for spec in specs:
        if fmt is PROCEDURES:
            yield _procedure_row(spec)
            continue
        for variant in spec.variants:
            link = {"procedure_code": spec.code, "variant_code": variant.code}
            if fmt is VARIANTS:
                title = variant.eform_schema.get("title", "")
                yield {
                    "procedure_code": spec.code,
                    "code": variant.code,
                    "name": variant.name,
                    "time_limit_value": variant.time_limit_value,
                    "time_limit_unit": variant.time_limit_unit.value,
                    "committed_value": variant.committed_value,
                    "time_limit_note": variant.time_limit_note,
                    "form_title": title if isinstance(title, str) else "",
                }
            elif fmt is COMPONENTS:
                for c in variant.components:
                    yield link | {
                        "code": c.code,
                        "name": c.name,
                        "originals": c.originals,
                        "copies": c.copies,
                        "requirement": c.requirement,
                        "condition": c.condition,
                        "template_name": c.template_name,
                    }
            elif fmt is FEES:
                for f in variant.fees:
                    yield link | {
                        "kind": f.kind,
                        "name": f.name,
                        "amount": f.amount,
                        "unit": f.unit,
                        "exemption": f.exemption,
                    }
            elif fmt is STEPS:
                for s in variant.steps:
                    yield link | {
                        "code": s.code,
                        "name": s.name,
                        "kind": s.kind,
                        "role": s.role,
                        "budget_hours": s.budget_hours,
                        "agency_code": s.agency_code or "",
                        "forward_to": s.forward_to,
                        "send_back_to": s.send_back_to,
                    }
            else:
                fields = variant.eform_schema.get("fields", [])
                yield from _form_rows(link, fields if isinstance(fields, list) else [])


def _procedure_row(spec: ProcedureSpec) -> dict[str, object]:
    row = {c.key: getattr(spec, c.key) for c in PROCEDURES.columns if c.key != "procedure_code"}
    row["code"] = spec.code
    if spec.legacy_online_level is not None:
        row["legacy_online_level"] = str(spec.legacy_online_level)
    return row


def _form_rows(link: Mapping[str, object], fields: list[object]) -> Iterable[dict[str, object]]:
    earlier: dict[str, str] = {}
    for item in fields:
        if not isinstance(item, Mapping):
            continue
        yield {**link, **_form_row(item, earlier), "parent": ""}
        children = item.get("fields")
        if isinstance(children, list):
            siblings = dict(earlier)
            for child in children:
                if isinstance(child, Mapping):
                    yield {**link, **_form_row(child, siblings), "parent": item.get("name", "")}
                    siblings[str(child.get("name"))] = str(child.get("type"))
        earlier[str(item.get("name"))] = str(item.get("type"))


def _form_row(item: Mapping[str, object], types: Mapping[str, str]) -> dict[str, object]:
    row: dict[str, object] = {}
    for key in _FORM_KEYS:
        if key not in item:
            continue
        value = item[key]
        if key == "options" and isinstance(value, list):
            row[key] = _options_text(value)
        elif key == "show_if" and isinstance(value, Mapping):
            row[key] = _condition_text(value, types)
        elif key in ("min", "max"):
            row[key] = value if isinstance(value, int | float | str) else json.dumps(value)
        else:
            row[key] = value
    return row


def _options_text(options: list[object]) -> str:
    simple = all(
        isinstance(o, Mapping)
        and set(o) == {"value", "label"}
        and isinstance(o["value"], str)
        and isinstance(o["label"], str)
        and "=" not in o["value"]
        and "\n" not in o["label"]
        for o in options
    )
    if not simple:
        return json.dumps(options, ensure_ascii=False)
    pairs = [f"{o['value']}={o['label']}" for o in options if isinstance(o, Mapping)]
    multiline = any(";" in pair for pair in pairs)
    return ("\n" if multiline else "; ").join(pairs)


def _condition_text(condition: Mapping[str, object], types: Mapping[str, str]) -> str:
    target = condition.get("field")
    as_json = json.dumps(dict(condition), ensure_ascii=False)
    if not isinstance(target, str) or not re.fullmatch(r"[A-Za-z_]\w*", target):
        return as_json
    kind = types.get(target, "")
    keys = set(condition) - {"field"}
    if keys == {"filled"} and condition["filled"] is True:
        text = f"{target} filled"
    elif keys == {"equals"}:
        text = f"{target} = {_operand_text(condition['equals'], kind)}"
    elif keys == {"in"} and isinstance(condition["in"], list) and condition["in"]:
        text = f"{target} in " + ", ".join(_operand_text(v, kind) for v in condition["in"])
    else:
        return as_json
    try:
        same = _condition(text, types) == dict(condition)
    except _CellError:
        same = False
    return text if same else as_json


def _operand_text(value: object, kind: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    plain = bool(re.fullmatch(r"[^\s,\"][^,\"]*", text)) and text == text.strip()
    if plain and _operand(text, kind) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _cell_value(column: Column, value: object) -> object:
    if value is None or value == "" or value == ():
        return None
    match column.kind:
        case Kind.BOOLEAN | Kind.FLAG:
            return YES if value else NO
        case Kind.CHOICE:
            labels = dict(column.choices)
            return labels.get(str(value), str(value))
        case Kind.FIELD_TYPE:
            return TYPE_LABELS.get(str(value), str(value))
        case Kind.CHOICES:
            labels = dict(column.choices)
            assert isinstance(value, tuple)
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        case Kind.CODES:
            assert isinstance(value, tuple)
            return ", ".join(str(v) for v in value)
        case Kind.LEGAL:
            assert isinstance(value, tuple)
            return "\n".join(
                f"{b.document} | {b.effective_date.isoformat()}" if b.effective_date else b.document
                for b in value
                if isinstance(b, LegalBasis)
            )
        case Kind.DECIMAL | Kind.MONEY:
            assert isinstance(value, Decimal)
            return int(value) if value == value.to_integral_value() else float(value)
        case _:
            if isinstance(value, str):
                return ILLEGAL_CHARACTERS_RE.sub("", value)
            return value


class _ListSheet:
    """The hidden sheet holding the lists that enum cells offer (a cell's drop-down)."""

    def __init__(self) -> None:
        self.lists: dict[tuple[str, ...], str] = {}

    def reference(self, labels: tuple[str, ...]) -> str:
        if labels not in self.lists:
            letter = get_column_letter(len(self.lists) + 1)
            self.lists[labels] = f"'{SHEET_LISTS}'!${letter}$1:${letter}${len(labels)}"
        return self.lists[labels]

    def write(self, sheet: Sheet) -> None:
        for i, labels in enumerate(self.lists, start=1):
            for j, label in enumerate(labels, start=1):
                sheet.cell(row=j, column=i, value=label)
        sheet.sheet_state = "hidden"


def _write_sheet(
    ws: Sheet, fmt: SheetFormat, rows: list[dict[str, object]], lists: _ListSheet
) -> None:
    for i, column in enumerate(fmt.columns, start=1):
        letter = get_column_letter(i)
        head = ws.cell(row=HEADER_ROW, column=i, value=column.label)
        head.font = _HEADER_FONT
        head.fill = _HEADER_FILL
        head.alignment = _WRAP
        if column.help:
            head.comment = Comment(column.help, "motcua", width=300, height=120)
        key = ws.cell(row=KEY_ROW, column=i, value=column.key)
        key.font = _KEY_FONT
        ws.column_dimensions[letter].width = column.width
        labels = _drop_down(column)
        if labels:
            validation = DataValidation(
                type="list",
                formula1=lists.reference(labels),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",  # codes (desk_officer, …) are accepted too
                errorTitle="Giá trị ngoài danh sách",
                error="Nên chọn một giá trị trong danh sách (hoặc nhập đúng mã).",
            )
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{_VALIDATION_ROWS + len(rows)}")
            ws.add_data_validation(validation)
    ws.row_dimensions[KEY_ROW].hidden = True
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = f"{get_column_letter(fmt.frozen_columns + 1)}{FIRST_DATA_ROW}"
    for r, row in enumerate(rows, start=FIRST_DATA_ROW):
        for i, column in enumerate(fmt.columns, start=1):
            value = _cell_value(column, row.get(column.key))
            cell = ws.cell(row=r, column=i, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.number_format = _NUMBER_FORMATS.get(column.kind, "@")
            cell.alignment = _WRAP


def _drop_down(column: Column) -> tuple[str, ...]:
    if column.kind in (Kind.BOOLEAN, Kind.FLAG):
        return (YES, NO)
    if column.kind in (Kind.CHOICE, Kind.FIELD_TYPE):
        return tuple(label for _, label in column.choices)
    return ()


def kind_hint(column: Column) -> str:
    """What a cell of the column holds, for people (the guide sheet and the docs)."""
    match column.kind:
        case Kind.CHOICE | Kind.FIELD_TYPE:
            return "Một trong: " + "; ".join(label for _, label in column.choices)
        case Kind.CHOICES:
            return "Một hoặc nhiều (cách nhau bởi dấu phẩy): " + "; ".join(
                label for _, label in column.choices
            )
        case Kind.BOOLEAN:
            return f"{YES} / {NO} (để trống: {NO})"
        case Kind.FLAG:
            return f"{YES} / {NO} / để trống"
        case Kind.DATE:
            return "Ngày dd/mm/yyyy"
        case Kind.DECIMAL:
            return "Số, tối đa 2 chữ số thập phân"
        case Kind.MONEY:
            return "Số nguyên (đồng)"
        case Kind.INTEGER | Kind.COUNT:
            return "Số nguyên không âm"
        case Kind.CODES:
            return "Các mã, cách nhau bởi dấu phẩy"
        case Kind.CODE | Kind.SLUG:
            return "Mã (văn bản)"
        case Kind.LEGAL:
            return "Mỗi dòng: Tên văn bản | YYYY-MM-DD"
        case Kind.OPTIONS:
            return "giá_trị=Nhãn; giá_trị_2=Nhãn 2"
        case Kind.CONDITION:
            return "trường = giá trị | trường in a, b | trường filled"
        case Kind.BOUND:
            return "Số, ngày YYYY-MM-DD hoặc today"
        case _:
            return "Văn bản"


GUIDE_TEXT = (
    "Mẫu nhập, xuất danh mục thủ tục hành chính (motcua)",
    "",
    "1. Mỗi sheet là một bảng. Dòng 1 là tên cột, không sửa; dòng 2 (ẩn) là mã cột cho máy đọc, "
    "không xóa. Dữ liệu bắt đầu từ dòng 3.",
    "2. Các sheet liên kết với nhau bằng mã: Mã thủ tục (sheet «Thủ tục») → Mã trường hợp (sheet "
    "«Trường hợp») → thành phần hồ sơ, phí lệ phí, bước xử lý, trường biểu mẫu.",
    "3. Thứ tự dòng là thứ tự hiển thị: thành phần hồ sơ, phí, các bước (bước đầu tiên là tiếp "
    "nhận) và các trường biểu mẫu.",
    f"4. Ô lựa chọn nhận tên tiếng Việt trong danh sách hoặc mã; ô Có/Không nhận «{YES}» hoặc "
    f"«{NO}»; ngày ghi dd/mm/yyyy.",
    "5. Kiểm tra trước khi nhập: python manage.py import_catalog tệp.xlsx --dry-run. Mọi lỗi được "
    "báo theo sheet, dòng, cột; không có gì được ghi nếu tệp còn lỗi.",
    "6. Nhập lại cùng tệp không tạo phiên bản mới; thủ tục có thay đổi được công bố phiên bản mới "
    "từ ngày hiệu lực đã chọn, phiên bản cũ hết hiệu lực từ ngày đó.",
    "",
    "Tài liệu đầy đủ: docs/catalog-workbook.md",
)


def _write_guide(ws: Sheet) -> None:
    for r, line in enumerate(GUIDE_TEXT, start=1):
        cell = ws.cell(row=r, column=1, value=line)
        if r == 1:
            cell.font = Font(bold=True, size=14)
    r = len(GUIDE_TEXT) + 2
    headers = ("Sheet", "Cột", "Mã cột", "Bắt buộc", "Giá trị", "Ghi chú")
    for i, text in enumerate(headers, start=1):
        cell = ws.cell(row=r, column=i, value=text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for fmt in SHEETS:
        for column in fmt.columns:
            r += 1
            values = (
                fmt.name,
                column.label,
                column.key,
                YES if column.required else "",
                kind_hint(column),
                column.help,
            )
            for i, text in enumerate(values, start=1):
                cell = ws.cell(row=r, column=i, value=text)
                cell.alignment = _WRAP
    for letter, width in zip("ABCDEF", (18, 30, 22, 9, 45, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{len(GUIDE_TEXT) + 3}"
