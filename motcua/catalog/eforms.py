"""E-form schemas and answers: the one validator the portal, the counter and the API share.

The format is documented in docs/eforms.md. `validate_schema` checks a schema (when a case variant
is saved, imported or published) and returns it parsed; `clean_answers` checks an applicant's
answers against it and returns them cleaned (trimmed, normalised, hidden fields dropped).
Both collect every problem before refusing, each with a path, a stable code and a Vietnamese
message. Pure functions: the address directory is passed in (none = addresses not checked
against units).
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Literal

from django.core.exceptions import ValidationError

from motcua.accounts.admin_units import UnitDirectory
from motcua.accounts.validators import (
    parse_personal_id,
    parse_phone,
    validate_email,
    validate_tax_code,
)
from motcua.catalog.specs import Problem
from motcua.core.errors import ValidationFailed
from motcua.core.timezone import VN_TZ

FORMAT_VERSION = 1
FIELD_TYPES = (
    "text",
    "textarea",
    "number",
    "date",
    "select",
    "personal_id",
    "tax_code",
    "phone",
    "email",
    "address",
    "checkbox",
    "group",
)
TYPE_LABELS = {
    "text": "văn bản",
    "textarea": "đoạn văn bản",
    "number": "số",
    "date": "ngày",
    "select": "lựa chọn",
    "personal_id": "số định danh cá nhân",
    "tax_code": "mã số thuế",
    "phone": "số điện thoại",
    "email": "email",
    "address": "địa chỉ",
    "checkbox": "ô đánh dấu",
    "group": "nhóm trường",
}
NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,62}")
OPTION_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
DEFAULT_MAX_LENGTH = {"text": 255, "textarea": 4000}
DEFAULT_MAX_ITEMS = 20
MAX_FIELDS = 200

_KEYS_ALL = {"name", "type", "label", "label_en", "help", "required", "show_if"}
_KEYS_BY_TYPE: dict[str, set[str]] = {
    "text": {"min_length", "max_length", "pattern", "pattern_message"},
    "textarea": {"min_length", "max_length"},
    "number": {"min", "max", "integer"},
    "date": {"min", "max"},
    "select": {"options", "multiple"},
    "phone": {"allow_landline"},
    "group": {"fields", "repeat", "min_items", "max_items"},
}


class SchemaError(ValidationFailed):
    code = "eform_schema_invalid"


class AnswersInvalid(ValidationFailed):
    code = "eform_answers_invalid"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Condition:
    field: str
    op: Literal["equals", "in", "filled"]
    value: object = None


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: str
    label: str
    label_en: str = ""
    help: str = ""
    required: bool = False
    show_if: Condition | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str = ""
    min: object = None  # Decimal for numbers, a date or "today" for dates
    max: object = None
    integer: bool = False
    options: tuple[Option, ...] = ()
    multiple: bool = False
    allow_landline: bool = False
    fields: tuple["FieldDef", ...] = ()
    repeat: bool = False
    min_items: int = 0
    max_items: int = DEFAULT_MAX_ITEMS


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class EForm:
    title: str
    fields: tuple[FieldDef, ...]
    # Components of the case variant the filled form stands for in an online submission (the
    # declaration itself, "tờ khai"): no scan of a paper form is asked for them.
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class CleanedAnswers:
    answers: dict[str, object]
    warnings: list[Problem] = field(default_factory=list)


def _problems_details(problems: Sequence[Problem]) -> dict[str, object]:
    return {"problems": [asdict(p) for p in problems]}


def _summary(problems: Sequence[Problem]) -> str:
    first = problems[0].message
    return first if len(problems) == 1 else f"{first} (và {len(problems) - 1} lỗi khác)"


# --- The schema ---------------------------------------------------------------------------------


def validate_schema(schema: object) -> EForm:
    """Check a schema and return it parsed; raise SchemaError listing every problem."""
    problems: list[Problem] = []
    form = _parse_schema(schema, problems)
    if problems or form is None:
        if not problems:  # pragma: no cover - _parse_schema always explains a None
            problems.append(Problem("", "schema_invalid", "Biểu mẫu không hợp lệ."))
        raise SchemaError(_summary(problems), details=_problems_details(problems))
    return form


def schema_problems(schema: object) -> list[Problem]:
    """Every problem of a schema (empty = valid), for callers that collect problems."""
    problems: list[Problem] = []
    _parse_schema(schema, problems)
    return problems


def _parse_schema(schema: object, problems: list[Problem]) -> EForm | None:
    if not isinstance(schema, Mapping):
        problems.append(Problem("", "schema_not_object", "Biểu mẫu phải là một đối tượng JSON."))
        return None
    unknown = sorted(set(schema) - {"version", "title", "fields", "replaces"})
    if unknown:
        problems.append(
            Problem("", "unknown_key", f"Biểu mẫu có khóa không được hỗ trợ: {', '.join(unknown)}.")
        )
    if schema.get("version") != FORMAT_VERSION:
        problems.append(Problem("version", "version_unsupported", "Biểu mẫu phải có «version»: 1."))
    title = schema.get("title", "")
    if not isinstance(title, str):
        problems.append(Problem("title", "not_text", "Tiêu đề biểu mẫu phải là chuỗi ký tự."))
        title = ""
    replaces = schema.get("replaces", [])
    if not isinstance(replaces, list) or not all(
        isinstance(code, str) and _SLUG.fullmatch(code) for code in replaces
    ):
        problems.append(
            Problem(
                "replaces",
                "replaces_invalid",
                "«replaces» phải là danh sách mã thành phần hồ sơ (chữ thường, số, gạch nối).",
            )
        )
        replaces = []
    raw_fields = schema.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        problems.append(Problem("fields", "fields_missing", "Biểu mẫu phải có ít nhất một trường."))
        return None
    fields = _parse_fields(raw_fields, "fields", problems, top=(), nested=False)
    total = sum(1 + len(f.fields) for f in fields)
    if total > MAX_FIELDS:
        problems.append(
            Problem("fields", "too_many_fields", f"Biểu mẫu có quá {MAX_FIELDS} trường.")
        )
    return EForm(title=title.strip(), fields=tuple(fields), replaces=tuple(dict.fromkeys(replaces)))


def _parse_fields(
    raw_fields: list[object],
    path: str,
    problems: list[Problem],
    *,
    top: Sequence[FieldDef],
    nested: bool,
) -> list[FieldDef]:
    parsed: list[FieldDef] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_fields):
        where = f"{path}[{i}]"
        parsed_field = _parse_field(raw, where, problems, earlier=[*top, *parsed], nested=nested)
        if parsed_field is None:
            continue
        if parsed_field.name in seen:
            problems.append(
                Problem(
                    f"{where}.name",
                    "name_duplicate",
                    f"Tên trường «{parsed_field.name}» bị trùng.",
                )
            )
            continue
        seen.add(parsed_field.name)
        parsed.append(parsed_field)
    return parsed


def _parse_field(
    raw: object,
    where: str,
    problems: list[Problem],
    *,
    earlier: Sequence[FieldDef],
    nested: bool,
) -> FieldDef | None:
    if not isinstance(raw, Mapping):
        problems.append(
            Problem(where, "field_not_object", "Mỗi trường phải là một đối tượng JSON.")
        )
        return None
    start = len(problems)
    name = raw.get("name")
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        problems.append(
            Problem(
                f"{where}.name",
                "name_invalid",
                "Tên trường phải bắt đầu bằng chữ thường và chỉ gồm chữ thường không dấu, "
                f"chữ số, dấu gạch dưới (không phải «{name}»).",
            )
        )
        name = "?"
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(
            Problem(f"{where}.label", "label_missing", f"Trường «{name}» chưa có nhãn.")
        )
        label = name
    shown = f"«{label}»"
    kind = raw.get("type")
    if kind not in FIELD_TYPES:
        problems.append(
            Problem(
                f"{where}.type",
                "type_unknown",
                f"Trường {shown} có kiểu «{kind}» không được hỗ trợ "
                f"(các kiểu: {', '.join(FIELD_TYPES)}).",
            )
        )
        return None
    assert isinstance(kind, str)
    allowed = _KEYS_ALL | _KEYS_BY_TYPE.get(kind, set())
    unknown = sorted(set(raw) - allowed)
    if unknown:
        problems.append(
            Problem(
                where,
                "unknown_key",
                f"Trường {shown} ({kind}) có khóa không dùng được: {', '.join(unknown)}.",
            )
        )

    def text(key: str) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            problems.append(
                Problem(f"{where}.{key}", "not_text", f"{shown}: «{key}» phải là chuỗi.")
            )
            return ""
        return value

    def flag(key: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            problems.append(
                Problem(
                    f"{where}.{key}", "not_boolean", f"{shown}: «{key}» phải là true hoặc false."
                )
            )
            return False
        return value

    def count(key: str, default: int | None) -> int | None:
        value = raw.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(
                Problem(
                    f"{where}.{key}", "not_count", f"{shown}: «{key}» phải là số nguyên không âm."
                )
            )
            return default
        return value

    label_en, help_text = text("label_en"), text("help")
    required = flag("required")
    if kind == "group" and "required" in raw:
        problems.append(
            Problem(
                f"{where}.required",
                "group_required",
                f"Nhóm {shown}: dùng «min_items» thay cho «required».",
            )
        )
    show_if = _parse_condition(raw.get("show_if"), f"{where}.show_if", shown, earlier, problems)
    result = FieldDef(
        name=name,
        type=kind,
        label=label.strip(),
        label_en=label_en.strip(),
        help=help_text.strip(),
        required=required,
        show_if=show_if,
    )
    if kind in ("text", "textarea"):
        min_length = count("min_length", None)
        max_length = count("max_length", DEFAULT_MAX_LENGTH[kind])
        if min_length is not None and max_length is not None and min_length > max_length:
            problems.append(
                Problem(
                    f"{where}.min_length",
                    "range_inverted",
                    f"{shown}: độ dài tối thiểu lớn hơn độ dài tối đa.",
                )
            )
        result = replace(result, min_length=min_length, max_length=max_length)
        if kind == "text":
            pattern = raw.get("pattern")
            if pattern is not None:
                if not isinstance(pattern, str):
                    problems.append(
                        Problem(
                            f"{where}.pattern", "not_text", f"{shown}: mẫu kiểm tra phải là chuỗi."
                        )
                    )
                else:
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        problems.append(
                            Problem(
                                f"{where}.pattern",
                                "pattern_invalid",
                                f"{shown}: biểu thức kiểm tra không hợp lệ ({exc}).",
                            )
                        )
                    result = replace(result, pattern=pattern)
            result = replace(result, pattern_message=text("pattern_message").strip())
    elif kind == "number":
        low = _number_bound(raw.get("min"), f"{where}.min", shown, problems)
        high = _number_bound(raw.get("max"), f"{where}.max", shown, problems)
        if low is not None and high is not None and low > high:
            problems.append(
                Problem(
                    f"{where}.min", "range_inverted", f"{shown}: giá trị nhỏ nhất lớn hơn lớn nhất."
                )
            )
        result = replace(result, min=low, max=high, integer=flag("integer"))
    elif kind == "date":
        low_date = _date_bound(raw.get("min"), f"{where}.min", shown, problems)
        high_date = _date_bound(raw.get("max"), f"{where}.max", shown, problems)
        if (
            isinstance(low_date, dt.date)
            and isinstance(high_date, dt.date)
            and low_date > high_date
        ):
            problems.append(
                Problem(
                    f"{where}.min", "range_inverted", f"{shown}: ngày sớm nhất sau ngày muộn nhất."
                )
            )
        result = replace(result, min=low_date, max=high_date)
    elif kind == "select":
        result = replace(
            result,
            options=_parse_options(raw.get("options"), f"{where}.options", shown, problems),
            multiple=flag("multiple"),
        )
    elif kind == "phone":
        result = replace(result, allow_landline=flag("allow_landline"))
    elif kind == "group":
        if nested:
            problems.append(
                Problem(where, "group_nested", f"Nhóm {shown} không được nằm trong một nhóm khác.")
            )
        children = raw.get("fields")
        if not isinstance(children, list) or not children:
            problems.append(
                Problem(
                    f"{where}.fields", "fields_missing", f"Nhóm {shown} phải có ít nhất một trường."
                )
            )
            children = []
        top = [f for f in earlier if not f.fields]  # conditions may name earlier top-level fields
        group_fields = tuple(
            _parse_fields(children, f"{where}.fields", problems, top=top, nested=True)
        )
        repeat = flag("repeat")
        min_items = count("min_items", 0) or 0
        max_items = count("max_items", DEFAULT_MAX_ITEMS) or DEFAULT_MAX_ITEMS
        if not repeat and ("min_items" in raw or "max_items" in raw):
            problems.append(
                Problem(
                    where,
                    "items_without_repeat",
                    f"Nhóm {shown}: «min_items», «max_items» chỉ dùng khi «repeat» là true.",
                )
            )
        if min_items > max_items:
            problems.append(
                Problem(
                    f"{where}.min_items", "range_inverted", f"Nhóm {shown}: min_items > max_items."
                )
            )
        result = replace(
            result,
            fields=group_fields,
            repeat=repeat,
            min_items=min_items,
            max_items=max_items,
        )
    if len(problems) > start:
        return FieldDef(name=name, type=kind, label=label) if name != "?" else None
    return result


def _number_bound(value: object, path: str, shown: str, problems: list[Problem]) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(path, "not_number", f"{shown}: giới hạn phải là một số."))
        return None
    return Decimal(str(value))


def _date_bound(
    value: object, path: str, shown: str, problems: list[Problem]
) -> dt.date | str | None:
    if value is None:
        return None
    if value == "today":
        return "today"
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(
        Problem(
            path, "date_bound_invalid", f"{shown}: giới hạn ngày phải là YYYY-MM-DD hoặc «today»."
        )
    )
    return None


def _parse_options(
    value: object, path: str, shown: str, problems: list[Problem]
) -> tuple[Option, ...]:
    if not isinstance(value, list) or not value:
        problems.append(
            Problem(path, "options_missing", f"Trường {shown} (select) phải có danh sách lựa chọn.")
        )
        return ()
    options: list[Option] = []
    for j, item in enumerate(value):
        if (
            not isinstance(item, Mapping)
            or not isinstance(item.get("value"), str)
            or not OPTION_RE.fullmatch(str(item.get("value")))
            or not isinstance(item.get("label"), str)
            or not str(item.get("label")).strip()
        ):
            problems.append(
                Problem(
                    f"{path}[{j}]",
                    "option_invalid",
                    f"Trường {shown}: lựa chọn thứ {j + 1} phải có «value» (chữ không dấu, số) "
                    "và «label».",
                )
            )
            continue
        options.append(Option(str(item["value"]), str(item["label"]).strip()))
    values = [o.value for o in options]
    dupes = sorted({v for v in values if values.count(v) > 1})
    if dupes:
        problems.append(
            Problem(
                path,
                "option_duplicate",
                f"Trường {shown}: giá trị lựa chọn bị trùng: {', '.join(dupes)}.",
            )
        )
    return tuple(options)


def _parse_condition(
    value: object,
    path: str,
    shown: str,
    earlier: Sequence[FieldDef],
    problems: list[Problem],
) -> Condition | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("field"), str):
        problems.append(
            Problem(path, "condition_invalid", f"{shown}: điều kiện hiển thị phải có «field».")
        )
        return None
    target_name = str(value["field"])
    target = next((f for f in earlier if f.name == target_name), None)
    if target is None:
        problems.append(
            Problem(
                path,
                "condition_unknown_field",
                f"{shown}: điều kiện hiển thị nói đến trường «{target_name}», "
                "trường này phải được khai báo trước.",
            )
        )
        return None
    ops = [op for op in ("equals", "in", "filled") if op in value]
    if len(ops) != 1 or set(value) - {"field", *ops}:
        problems.append(
            Problem(
                path,
                "condition_invalid",
                f"{shown}: điều kiện hiển thị dùng đúng một trong «equals», «in», «filled».",
            )
        )
        return None
    op: Literal["equals", "in", "filled"] = (
        "equals" if ops[0] == "equals" else "in" if ops[0] == "in" else "filled"
    )
    operand = value[op]
    if op == "in" and not isinstance(operand, list):
        problems.append(Problem(path, "condition_invalid", f"{shown}: «in» phải là một danh sách."))
        return None
    if op == "filled" and operand is not True:
        problems.append(Problem(path, "condition_invalid", f"{shown}: «filled» chỉ nhận true."))
        return None
    if target.type == "select" and op in ("equals", "in"):
        wanted = operand if isinstance(operand, list) else [operand]
        known = {o.value for o in target.options}
        missing = [str(w) for w in wanted if w not in known]
        if missing:
            problems.append(
                Problem(
                    path,
                    "condition_unknown_option",
                    f"{shown}: điều kiện dùng giá trị không có trong «{target.label}»: "
                    f"{', '.join(missing)}.",
                )
            )
    return Condition(field=target_name, op=op, value=operand)


# --- Answers ------------------------------------------------------------------------------------


def clean_answers(
    schema: EForm | Mapping[str, object],
    answers: Mapping[str, object],
    *,
    units: UnitDirectory | None = None,
    today: dt.date | None = None,
) -> CleanedAnswers:
    """Check `answers` against the form. Returns them cleaned, or raises AnswersInvalid listing
    every problem by path (e.g. `siblings[1].name`)."""
    form = schema if isinstance(schema, EForm) else validate_schema(schema)
    if not isinstance(answers, Mapping):
        raise AnswersInvalid("Dữ liệu biểu mẫu phải là một đối tượng JSON.")
    context = _Context(
        units=units, today=today or dt.datetime.now(tz=VN_TZ).date(), problems=[], warnings=[]
    )
    cleaned = context.level(form.fields, answers, "", top={})
    if context.problems:
        raise AnswersInvalid(
            _summary(context.problems), details=_problems_details(context.problems)
        )
    return CleanedAnswers(answers=cleaned, warnings=context.warnings)


def is_blank(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {} or value is False


def condition_holds(condition: Condition, values: Mapping[str, object]) -> bool:
    actual = values.get(condition.field)
    if condition.op == "filled":
        return not is_blank(actual)
    wanted = condition.value if condition.op == "in" else [condition.value]
    assert isinstance(wanted, list)
    if isinstance(actual, list):
        return any(a in wanted for a in actual)
    return actual in wanted


@dataclass
class _Context:
    units: UnitDirectory | None
    today: dt.date
    problems: list[Problem]
    warnings: list[Problem]

    def fail(self, path: str, code: str, message: str) -> None:
        self.problems.append(Problem(path, code, message))

    def level(
        self,
        fields: Sequence[FieldDef],
        answers: Mapping[str, object],
        prefix: str,
        *,
        top: Mapping[str, object],
    ) -> dict[str, object]:
        known = {f.name for f in fields}
        for key in answers:
            if key not in known:
                self.fail(f"{prefix}{key}", "unknown_field", f"Biểu mẫu không có trường «{key}».")
        cleaned: dict[str, object] = {}
        for f in fields:
            if f.show_if is not None and not condition_holds(f.show_if, {**top, **cleaned}):
                continue  # hidden: neither required nor kept
            value = self.value(f, answers.get(f.name), f"{prefix}{f.name}", top=top or cleaned)
            if value is not None:
                cleaned[f.name] = value
        return cleaned

    def value(
        self, f: FieldDef, raw: object, path: str, *, top: Mapping[str, object]
    ) -> object | None:
        if f.type == "group":
            return self.group(f, raw, path, top=top)
        if isinstance(raw, str):
            raw = raw.strip()
        if is_blank(raw) and f.type != "address":
            if f.required:
                message = (
                    f"Vui lòng xác nhận «{f.label}»."
                    if f.type == "checkbox"
                    else f"Vui lòng nhập «{f.label}»."
                )
                self.fail(path, "required", message)
            return False if f.type == "checkbox" and raw is False else None
        check: Callable[[FieldDef, object, str], object | None] = getattr(self, f"check_{f.type}")
        return check(f, raw, path)

    def check_text(self, f: FieldDef, raw: object, path: str) -> object | None:
        if not isinstance(raw, str):
            self.fail(path, "not_text", f"«{f.label}» phải là chuỗi ký tự.")
            return None
        if f.max_length is not None and len(raw) > f.max_length:
            self.fail(path, "too_long", f"«{f.label}» dài tối đa {f.max_length} ký tự.")
        if f.min_length is not None and len(raw) < f.min_length:
            self.fail(path, "too_short", f"«{f.label}» phải có ít nhất {f.min_length} ký tự.")
        if f.pattern and not re.fullmatch(f.pattern, raw):
            self.fail(
                path, "pattern_mismatch", f.pattern_message or f"«{f.label}» không đúng định dạng."
            )
        return raw

    check_textarea = check_text

    def check_number(self, f: FieldDef, raw: object, path: str) -> object | None:
        if isinstance(raw, bool):
            raw = None
        try:
            number = Decimal(str(raw).replace(",", ".")) if raw is not None else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.fail(path, "not_number", f"«{f.label}» phải là một số.")
            return None
        if f.integer and number != number.to_integral_value():
            self.fail(path, "not_integer", f"«{f.label}» phải là số nguyên.")
        if isinstance(f.min, Decimal) and number < f.min:
            self.fail(path, "number_below_min", f"«{f.label}» không được nhỏ hơn {f.min}.")
        if isinstance(f.max, Decimal) and number > f.max:
            self.fail(path, "number_above_max", f"«{f.label}» không được lớn hơn {f.max}.")
        return int(number) if number == number.to_integral_value() else float(number)

    def check_date(self, f: FieldDef, raw: object, path: str) -> object | None:
        day = _parse_date(raw)
        if day is None:
            self.fail(path, "date_invalid", f"«{f.label}» phải là một ngày (dd/mm/yyyy).")
            return None
        low = self.today if f.min == "today" else f.min
        high = self.today if f.max == "today" else f.max
        if isinstance(low, dt.date) and day < low:
            message = (
                f"«{f.label}» không được trước ngày hôm nay."
                if f.min == "today"
                else f"«{f.label}» không được trước ngày {low:%d/%m/%Y}."
            )
            self.fail(path, "date_before_min", message)
        if isinstance(high, dt.date) and day > high:
            message = (
                f"«{f.label}» không được sau ngày hôm nay."
                if f.max == "today"
                else f"«{f.label}» không được sau ngày {high:%d/%m/%Y}."
            )
            self.fail(path, "date_after_max", message)
        return day.isoformat()

    def check_select(self, f: FieldDef, raw: object, path: str) -> object | None:
        values = {o.value for o in f.options}
        if f.multiple:
            chosen = raw if isinstance(raw, list) else [raw]
            bad = [str(c) for c in chosen if c not in values]
            if bad:
                self.fail(path, "option_unknown", f"«{f.label}»: lựa chọn không hợp lệ.")
                return None
            return [o.value for o in f.options if o.value in chosen]
        if raw not in values:
            self.fail(path, "option_unknown", f"«{f.label}»: lựa chọn không hợp lệ.")
            return None
        return raw

    def _identifier(
        self, f: FieldDef, raw: object, path: str, check: Callable[[str], object]
    ) -> object | None:
        if not isinstance(raw, str):
            self.fail(path, "not_text", f"«{f.label}» phải là chuỗi ký tự.")
            return None
        try:
            return check(raw)
        except ValidationError as exc:
            self.fail(path, str(exc.error_list[0].code or "invalid"), exc.messages[0])
            return None

    def check_personal_id(self, f: FieldDef, raw: object, path: str) -> object | None:
        return self._identifier(
            f, raw, path, lambda v: parse_personal_id(v, today=self.today).number
        )

    def check_tax_code(self, f: FieldDef, raw: object, path: str) -> object | None:
        def check(value: str) -> str:
            validate_tax_code(value)
            return value.strip()

        return self._identifier(f, raw, path, check)

    def check_email(self, f: FieldDef, raw: object, path: str) -> object | None:
        def check(value: str) -> str:
            validate_email(value)
            return value.strip().lower()

        return self._identifier(f, raw, path, check)

    def check_phone(self, f: FieldDef, raw: object, path: str) -> object | None:
        def check(value: str) -> str:
            phone = parse_phone(value, allow_landline=f.allow_landline)
            if phone.is_landline:
                self.warnings.append(
                    Problem(
                        path,
                        "phone_landline",
                        f"«{f.label}» là số máy bàn: không nhận được tin nhắn thông báo.",
                    )
                )
            return phone.number

        return self._identifier(f, raw, path, check)

    def check_checkbox(self, f: FieldDef, raw: object, path: str) -> object | None:
        if raw in (True, "true", "on", "1", 1):
            return True
        self.fail(path, "not_boolean", f"«{f.label}» phải được đánh dấu hoặc bỏ trống.")
        return None

    def check_address(self, f: FieldDef, raw: object, path: str) -> object | None:
        if raw is None or raw == "":
            raw = {}
        if not isinstance(raw, Mapping) or set(raw) - {"province", "commune", "detail"}:
            self.fail(path, "address_invalid", f"«{f.label}»: địa chỉ gồm tỉnh, xã và số nhà.")
            return None
        province = str(raw.get("province") or "").strip()
        commune = str(raw.get("commune") or "").strip()
        detail = str(raw.get("detail") or "").strip()
        if not (province or commune or detail):
            if f.required:
                self.fail(path, "required", f"Vui lòng nhập «{f.label}».")
            return None
        missing = [
            label
            for label, value in (
                ("tỉnh, thành phố", province),
                ("xã, phường", commune),
                ("số nhà, đường, thôn", detail),
            )
            if not value
        ]
        if missing and f.required:
            self.fail(
                path, "address_incomplete", f"«{f.label}»: vui lòng chọn {', '.join(missing)}."
            )
            return None
        if len(detail) > 255:
            self.fail(
                f"{path}.detail", "too_long", f"«{f.label}»: số nhà, đường dài tối đa 255 ký tự."
            )
        if self.units is not None:
            p = self.units.province(province) if province else None
            c = self.units.commune(commune) if commune else None
            if province and p is None:
                self.fail(
                    f"{path}.province",
                    "province_unknown",
                    f"«{f.label}»: tỉnh, thành phố không tồn tại.",
                )
            elif commune and c is None:
                self.fail(
                    f"{path}.commune", "commune_unknown", f"«{f.label}»: xã, phường không tồn tại."
                )
            elif c is not None and c.province_code != province:
                self.fail(
                    f"{path}.commune",
                    "commune_not_in_province",
                    f"«{f.label}»: {c.name} không thuộc tỉnh, thành phố đã chọn.",
                )
        return {"province": province, "commune": commune, "detail": detail}

    def group(
        self, f: FieldDef, raw: object, path: str, *, top: Mapping[str, object]
    ) -> object | None:
        if not f.repeat:
            if raw is None:
                raw = {}
            if not isinstance(raw, Mapping):
                self.fail(path, "group_invalid", f"«{f.label}» phải là một nhóm trường.")
                return None
            item = self.level(f.fields, raw, f"{path}.", top=top)
            return item or None
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            self.fail(path, "group_invalid", f"«{f.label}» phải là một danh sách.")
            return None
        items: list[object] = []
        for index, entry in enumerate(raw):
            if not isinstance(entry, Mapping):
                self.fail(
                    f"{path}[{index}]",
                    "group_invalid",
                    f"«{f.label}»: mục {index + 1} không hợp lệ.",
                )
                continue
            items.append(self.level(f.fields, entry, f"{path}[{index}].", top=top))
        if len(raw) < f.min_items:
            self.fail(path, "too_few_items", f"«{f.label}» cần ít nhất {f.min_items} mục.")
        if len(raw) > f.max_items:
            self.fail(path, "too_many_items", f"«{f.label}» có tối đa {f.max_items} mục.")
        return items


def _parse_date(raw: object) -> dt.date | None:
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None
