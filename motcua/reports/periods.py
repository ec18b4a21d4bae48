"""Reporting periods: a month, a quarter, a year or custom dates, in Vietnam's local time.

A period runs from 00:00 of its first day to 00:00 of the day after its last (local), so
"carried over" is what was open at 00:00 on day 1 (domain §11)."""

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass
from functools import cached_property

from motcua.core.errors import ValidationFailed
from motcua.core.timezone import local_datetime

MAX_DAYS = 3 * 366 + 1  # a custom period of at most about three years


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first: dt.date  # first day
    last: dt.date  # last day (inclusive)

    @property
    def start(self) -> dt.datetime:
        return local_datetime(self.first, dt.time())

    @property
    def end(self) -> dt.datetime:
        """00:00 local of the day after the last day (exclusive)."""
        return local_datetime(self.last + dt.timedelta(days=1), dt.time())

    @cached_property
    def until(self) -> dt.datetime:
        """Where the period's stocks are measured (in process, overdue at the end): its end, or
        now for a period not over yet — a dossier due later this month is not overdue today.
        Fixed when first read, so every figure of one report is measured at the same instant."""
        from django.utils import timezone

        return min(self.end, timezone.now())

    @property
    def token(self) -> str:
        """The period as written in URLs and the command line (`2026-03`, `2026-Q1`, `2026`)."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.first:%Y-%m}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.YEAR:
            return str(self.first.year)
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.first.month}/{self.first.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {(self.first.month - 1) // 3 + 1}/{self.first.year}"
        if self.kind is PeriodKind.YEAR:
            return f"Năm {self.first.year}"
        return f"Từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}"

    def previous(self) -> "Period":
        """The period of the same kind just before (custom: the same number of days before)."""
        if self.kind is PeriodKind.MONTH:
            day = self.first - dt.timedelta(days=1)
            return month(day.year, day.month)
        if self.kind is PeriodKind.QUARTER:
            day = self.first - dt.timedelta(days=1)
            return quarter(day.year, (day.month - 1) // 3 + 1)
        if self.kind is PeriodKind.YEAR:
            return year(self.first.year - 1)
        length = (self.last - self.first).days + 1
        return custom(self.first - dt.timedelta(days=length), self.first - dt.timedelta(days=1))

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def month(y: int, m: int) -> Period:
    last = calendar.monthrange(y, m)[1]
    return Period(PeriodKind.MONTH, dt.date(y, m, 1), dt.date(y, m, last))


def quarter(y: int, q: int) -> Period:
    first_month = 3 * (q - 1) + 1
    last_month = first_month + 2
    return Period(
        PeriodKind.QUARTER,
        dt.date(y, first_month, 1),
        dt.date(y, last_month, calendar.monthrange(y, last_month)[1]),
    )


def year(y: int) -> Period:
    return Period(PeriodKind.YEAR, dt.date(y, 1, 1), dt.date(y, 12, 31))


def custom(first: dt.date, last: dt.date) -> Period:
    if last < first:
        raise ValidationFailed(
            "Ngày kết thúc phải từ ngày bắt đầu trở đi.", code="period_invalid", field="to"
        )
    if (last - first).days >= MAX_DAYS:
        raise ValidationFailed(
            "Kỳ báo cáo tùy chọn dài tối đa 3 năm.", code="period_too_long", field="to"
        )
    return Period(PeriodKind.CUSTOM, first, last)


def month_of(day: dt.date) -> Period:
    return month(day.year, day.month)


def quarter_of(day: dt.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_CUSTOM = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def parse_period(token: str) -> Period:
    """`2026-03` (month), `2026-Q1` (quarter), `2026` (year) or `2026-01-01..2026-03-31`."""
    token = token.strip()
    try:
        if found := _MONTH.match(token):
            y, m = int(found[1]), int(found[2])
            if 1 <= m <= 12 and y >= 2000:
                return month(y, m)
        elif found := _QUARTER.match(token):
            if int(found[1]) >= 2000:
                return quarter(int(found[1]), int(found[2]))
        elif found := _YEAR.match(token):
            if int(found[1]) >= 2000:
                return year(int(found[1]))
        elif found := _CUSTOM.match(token):
            return custom(dt.date.fromisoformat(found[1]), dt.date.fromisoformat(found[2]))
    except ValueError:
        pass
    raise ValidationFailed(
        f"Kỳ báo cáo “{token}” không hợp lệ: ghi tháng (2026-03), quý (2026-Q1), năm (2026) "
        "hoặc khoảng ngày (2026-01-01..2026-03-31).",
        code="period_invalid",
        field="period",
    )


def period_between(first: dt.date, last: dt.date) -> Period:
    """The period for two dates: a whole month, quarter or year when the dates make one."""
    for candidate in (month_of(first), quarter_of(first), year(first.year)):
        if candidate.first == first and candidate.last == last:
            return candidate
    return custom(first, last)
