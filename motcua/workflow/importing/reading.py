"""Reading the lines of an import file: the problems found, and typed readers of JSON values."""

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models

BATCH = 500


@dataclass(frozen=True)
class ImportProblem:
    """One problem of one line: `field` is a path into the line ("events[2].to_step")."""

    line: int
    field: str
    code: str
    message: str

    def describe(self) -> str:
        return f"dòng {self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "field": self.field, "code": self.code, "message": self.message}


class Line:
    """The problems of one line, and typed readers of its JSON values."""

    def __init__(self, number: int, problems: list[ImportProblem], now: dt.datetime) -> None:
        self.number = number
        self._problems = problems
        self._count = 0
        self.now = now

    def has_failed(self) -> bool:
        return self._count > 0

    def fail(self, path: str, code: str, message: str) -> None:
        self._problems.append(ImportProblem(self.number, path, code, message))
        self._count += 1

    def keys(self, obj: Mapping[str, object], allowed: frozenset[str], prefix: str) -> None:
        for key in obj:
            if key not in allowed:
                self.fail(
                    f"{prefix}{key}", "field_unknown", "Trường không có trong định dạng nhập."
                )

    def text(
        self,
        obj: Mapping[str, object],
        key: str,
        path: str,
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> str | None:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.fail(path, "required", "Thiếu trường bắt buộc.")
            return None
        if not isinstance(value, str):
            self.fail(path, "type_invalid", "Phải là một chuỗi ký tự.")
            return None
        value = value.strip()
        if required and not value:
            self.fail(path, "required", "Thiếu trường bắt buộc.")
            return None
        if max_length is not None and len(value) > max_length:
            self.fail(path, "too_long", f"Dài quá {max_length} ký tự.")
            return None
        return value

    def instant(
        self, obj: Mapping[str, object], key: str, path: str, *, required: bool = False
    ) -> dt.datetime | None:
        raw = self.text(obj, key, path, required=required)
        if raw is None:
            return None
        try:
            value = dt.datetime.fromisoformat(raw)
        except ValueError:
            self.fail(
                path,
                "datetime_invalid",
                f"«{raw}» không phải thời điểm theo ISO 8601 (ví dụ 2026-03-09T09:00:00+07:00).",
            )
            return None
        if value.tzinfo is None:
            self.fail(
                path,
                "datetime_naive",
                f"«{raw}» thiếu múi giờ: phải ghi độ lệch, ví dụ +07:00.",
            )
            return None
        if value > self.now:
            self.fail(path, "in_future", f"«{raw}» ở tương lai.")
            return None
        return value

    def integer(
        self, obj: Mapping[str, object], key: str, path: str, *, minimum: int, maximum: int
    ) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "type_invalid", "Phải là một số nguyên.")
            return None
        if not minimum <= value <= maximum:
            self.fail(path, "out_of_range", f"Phải từ {minimum} đến {maximum}.")
            return None
        return value

    def boolean(self, obj: Mapping[str, object], key: str, path: str) -> bool | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.fail(path, "type_invalid", "Phải là true hoặc false.")
            return None
        return value

    def amount(self, obj: Mapping[str, object], key: str, path: str) -> Decimal | None:
        """A sum of money in đồng: a whole, non-negative number (or a string of digits)."""
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(path, "amount_invalid", "Số tiền phải là một số.")
            return None
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.fail(path, "amount_invalid", f"«{value}» không phải số tiền.")
            return None
        if not amount.is_finite() or amount < 0 or amount != amount.to_integral_value():
            self.fail(path, "amount_invalid", "Số tiền phải là số nguyên đồng, không âm.")
            return None
        if amount >= Decimal(10) ** 14:
            self.fail(path, "amount_invalid", "Số tiền quá lớn.")
            return None
        return amount

    def mapping(
        self, obj: Mapping[str, object], key: str, path: str, *, required: bool = False
    ) -> dict[str, object] | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(path, "required", "Thiếu trường bắt buộc.")
            return None
        if not isinstance(value, dict):
            self.fail(path, "type_invalid", "Phải là một đối tượng JSON {…}.")
            return None
        return value

    def items(
        self, obj: Mapping[str, object], key: str, path: str, *, required: bool = False
    ) -> list[dict[str, object]] | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(path, "required", "Thiếu trường bắt buộc.")
            return None
        if not isinstance(value, list):
            self.fail(path, "type_invalid", "Phải là một danh sách […].")
            return None
        result: list[dict[str, object]] = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(f"{path}[{i}]", "type_invalid", "Phải là một đối tượng JSON {…}.")
                continue
            result.append(item)
        return result if len(result) == len(value) else None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} không phải giá trị JSON hợp lệ")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} vượt quá giới hạn của số thực")
    return value


def parse_json(raw: str) -> object:
    return json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)


def _jsonable(value: object) -> object:
    """What `workflow.core.record` stores for instants and amounts: ISO strings, decimal strings."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def json_dict(value: Mapping[str, object]) -> dict[str, object]:
    return {str(key): _jsonable(item) for key, item in value.items()}


def max_length(model: type[models.Model], name: str) -> int:
    column = model._meta.get_field(name)
    assert isinstance(column, models.CharField)
    assert column.max_length is not None
    return column.max_length
