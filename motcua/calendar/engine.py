"""Working-time arithmetic: the one engine every deadline in motcua uses.

Pure functions over a `WorkingCalendar` (no database): the calendar knows which days are working
days (weekly pattern, the `holidays` package's Vietnamese public holidays and make-up days, and the
province's own overrides) and the office hours of each day. Everything else is derived:

- `add_working_time(start, amount)`: the instant at which `amount` of working time has passed;
- `working_time_between(a, b)`: the working time from a to b;
- `next_working_instant(t)`, `is_office_hours(t)`, `close_of_day(day)`;
- `Clock`: a stored budget, time consumed before, and pauses, from which the due instant,
  the remaining time and "overdue" are derived on read;
- `explain(...)`: the days skipped and why, in Vietnamese and English.

Rules (../shared/domain.md §3): a deadline that ends exactly at the close of an office block is
that close (17:00), not the next opening; intake outside office hours starts the clock at the next
working instant; paper intake after the cut-off starts it at the next working day's opening.
"""

import bisect
import datetime as dt
import enum
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

import holidays

from motcua.core.timezone import VN_TZ, local_datetime, to_local

ZERO = dt.timedelta(0)
HOUR = dt.timedelta(hours=1)
# A search for working time gives up after this many days (a calendar with no working days).
MAX_SEARCH_DAYS = 366 * 30

Block = tuple[dt.time, dt.time]
Interval = tuple[dt.datetime, dt.datetime]


class CalendarError(ValueError):
    """The calendar cannot answer: bad office hours, no working day in reach, a naive instant."""


class ClockPausedError(CalendarError):
    """The clock is stopped by an open pause before the budget runs out: no due instant yet."""


# --- Office hours -------------------------------------------------------------------------------

_BLOCK_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_blocks(text: str) -> tuple[Block, ...]:
    """Parse office blocks such as "07:00-11:30,13:30-17:00" (sorted, non-overlapping)."""
    blocks: list[Block] = []
    for part in text.split(","):
        match = _BLOCK_RE.match(part)
        if not match:
            raise CalendarError(
                f"Giờ làm việc «{part.strip()}» không đúng dạng HH:MM-HH:MM (ví dụ 07:00-11:30)."
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            start, end = dt.time(h1, m1), dt.time(h2, m2)
        except ValueError as exc:
            raise CalendarError(f"Giờ làm việc «{part.strip()}» có giờ không hợp lệ.") from exc
        if start >= end:
            raise CalendarError(
                f"Giờ làm việc «{part.strip()}»: giờ bắt đầu phải trước giờ kết thúc."
            )
        blocks.append((start, end))
    blocks.sort()
    for (_, end), (start, _) in itertools.pairwise(blocks):
        if start < end:
            raise CalendarError("Các khoảng giờ làm việc không được chồng lên nhau.")
    return tuple(blocks)


def format_blocks(blocks: Sequence[Block]) -> str:
    return ",".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in blocks)


def parse_weekdays(text: str) -> frozenset[int]:
    """ "01234" → Monday to Friday (0 = Monday … 6 = Sunday)."""
    if not text or not all(c in "0123456" for c in text):
        raise CalendarError("Ngày làm việc trong tuần là các chữ số 0 (thứ Hai) đến 6 (Chủ nhật).")
    return frozenset(int(c) for c in text)


@dataclass(frozen=True)
class OfficeSchedule:
    """Office hours in force from `valid_from` (until the next schedule's `valid_from`)."""

    valid_from: dt.date
    blocks: tuple[Block, ...]
    weekdays: frozenset[int] = frozenset(range(5))

    @property
    def day_length(self) -> dt.timedelta:
        """The working time of a normal day: one "working day" in hours."""
        total = ZERO
        for start, end in self.blocks:
            total += dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)
        return total


DEFAULT_SCHEDULE = OfficeSchedule(dt.date.min, parse_blocks("07:00-11:30,13:30-17:00"))


# --- Days ---------------------------------------------------------------------------------------


class DayReason(enum.StrEnum):
    WORKING_DAY = "working_day"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    EXTRA_DAY_OFF = "extra_day_off"
    MAKE_UP_WORKING_DAY = "make_up_working_day"


REASON_LABELS: dict[DayReason, tuple[str, str]] = {
    DayReason.WORKING_DAY: ("ngày làm việc", "working day"),
    DayReason.WEEKEND: ("ngày nghỉ hằng tuần", "weekly day off"),
    DayReason.HOLIDAY: ("ngày lễ, Tết", "public holiday"),
    DayReason.EXTRA_DAY_OFF: ("ngày nghỉ bổ sung", "additional day off"),
    DayReason.MAKE_UP_WORKING_DAY: ("ngày làm bù", "make-up working day"),
}

WEEKDAY_NAMES: tuple[tuple[str, str], ...] = (
    ("thứ Hai", "Monday"),
    ("thứ Ba", "Tuesday"),
    ("thứ Tư", "Wednesday"),
    ("thứ Năm", "Thursday"),
    ("thứ Sáu", "Friday"),
    ("thứ Bảy", "Saturday"),
    ("Chủ nhật", "Sunday"),
)


@dataclass(frozen=True)
class DayOverride:
    """An editable exception to the base calendar: an extra day off or a make-up working day."""

    kind: Literal["day_off", "working_day"]
    name: str
    legal_reference: str = ""


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    working: bool
    reason: DayReason
    name_vi: str
    name_en: str
    legal_reference: str = ""

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "date": self.date.isoformat(),
            "working": self.working,
            "reason": self.reason.value,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "legal_reference": self.legal_reference,
        }


class HolidaySource(Protocol):
    def holiday(self, day: dt.date) -> tuple[str, str] | None:
        """(Vietnamese name, English name) of a public holiday on this day, if any."""

    def is_make_up_day(self, day: dt.date) -> bool:
        """A weekend day that is worked in exchange for a day off (published swaps)."""


@functools.cache
def _vn_year(year: int) -> tuple[dict[dt.date, tuple[str, str]], frozenset[dt.date]]:
    vi = holidays.country_holidays("VN", years=year, language="vi")
    en = holidays.country_holidays("VN", years=year, language="en_US")
    names = {day: (str(vi[day]), str(en.get(day, vi[day]))) for day in vi}
    workdays = frozenset(d for d in getattr(vi, "weekend_workdays", set()) if d.year == year)
    return names, workdays


class VietnamHolidays:
    """Vietnam's public holidays from the `holidays` package (substitute days included)."""

    def holiday(self, day: dt.date) -> tuple[str, str] | None:
        return _vn_year(day.year)[0].get(day)

    def is_make_up_day(self, day: dt.date) -> bool:
        return day in _vn_year(day.year)[1]


class NoHolidays:
    """For tests and for calendars that take every day off from overrides only."""

    def holiday(self, day: dt.date) -> tuple[str, str] | None:
        return None

    def is_make_up_day(self, day: dt.date) -> bool:
        return False


VIETNAM_HOLIDAYS = VietnamHolidays()


# --- Pauses -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pause:
    """An interval during which a clock stands still (e.g. waiting for a financial obligation).

    `end` None = still paused.
    """

    start: dt.datetime
    end: dt.datetime | None = None
    kind: str = "pause"
    reason: str = ""

    def __post_init__(self) -> None:
        _require_aware(self.start)
        if self.end is not None:
            _require_aware(self.end)
            if self.end < self.start:
                raise CalendarError("Khoảng tạm dừng kết thúc trước khi bắt đầu.")


def _merge_pauses(pauses: Iterable[Pause]) -> list[tuple[dt.datetime, dt.datetime | None]]:
    """Sorted, merged (start, end) pairs; an open pause swallows everything after it."""
    merged: list[tuple[dt.datetime, dt.datetime | None]] = []
    for p in sorted(pauses, key=lambda p: p.start):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                break
            if p.start <= last_end:
                new_end = None if p.end is None else max(last_end, p.end)
                merged[-1] = (last_start, new_end)
                continue
        merged.append((p.start, p.end))
    return merged


def _subtract(
    interval: Interval, pauses: Sequence[tuple[dt.datetime, dt.datetime | None]]
) -> Iterator[tuple[dt.datetime, dt.datetime, bool]]:
    """Pieces of `interval` outside the pauses: (start, end, blocked_after). `blocked_after` is
    True for the last piece when an open pause begins inside the interval."""
    start, end = interval
    for p_start, p_end in pauses:
        if p_end is not None and p_end <= start:
            continue
        if p_start >= end:
            break
        if p_start > start:
            yield start, p_start, p_end is None
        if p_end is None:
            if p_start <= start:
                yield start, start, True
            return
        start = max(start, p_end)
        if start >= end:
            return
    if start < end:
        yield start, end, False


def _require_aware(instant: dt.datetime) -> None:
    if instant.tzinfo is None:
        raise CalendarError("Thời điểm phải kèm múi giờ (naive datetime).")


# --- Cumulative working time (the fast path) -----------------------------------------------------
#
# Working time is measured in whole microseconds from the start of a month: `_Month` holds, for
# each day of a month, the working time before that day, so the working time between two instants
# is a difference of positions plus the totals of the months in between, and the day on which an
# amount runs out is a bisection. Months are built lazily, per calendar object, from `day_info`
# and `schedule_on` (the same answers the day-by-day walk uses): a calendar built for one request
# pays only for the months it touches. The walk stays as the reference (`_*_reference` methods):
# the property tests compare both, and every input the fast path cannot vouch for (instants
# before 1976 or after 9000, pauses beyond the search window, a calendar without working time in
# reach, schedules with empty or unsorted blocks) goes to it.

_MICROSECOND = dt.timedelta(microseconds=1)
_MINUTE = dt.timedelta(minutes=1)
# Vietnam has kept UTC+7 since 13/6/1975: from 1976 on, wall-clock and elapsed time agree.
_FAST_FIRST_YEAR = 1976
_FAST_LAST_YEAR = 9000


class _NeedsReference(Exception):
    """The fast path cannot vouch for this input: the day-by-day walk answers it."""


@dataclass(frozen=True, slots=True)
class _Month:
    first: int  # proleptic ordinal of the month's first day
    cum: list[int]  # working µs before each day of the month; last item: the month's total
    schedule: list[int]  # index of the day's schedule in `WorkingCalendar.schedules`; -1 = day off

    @property
    def total(self) -> int:
        return self.cum[-1]

    @property
    def last(self) -> int:
        """Ordinal of the month's last day."""
        return self.first + len(self.schedule) - 1


def _month_number(day: dt.date) -> int:
    """Months counted from year 0: consecutive months have consecutive numbers."""
    return day.year * 12 + day.month - 1


def _micros(amount: dt.timedelta) -> int:
    return amount // _MICROSECOND


def _time_micros(value: dt.time | dt.datetime) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond


def _local_at(ordinal: int, micros: int) -> dt.datetime:
    """The local instant `micros` after midnight of the day with this ordinal."""
    midnight = dt.datetime.combine(dt.date.fromordinal(ordinal), dt.time(), tzinfo=VN_TZ)
    return midnight + dt.timedelta(microseconds=micros)


def _split_pauses(
    merged: Sequence[tuple[dt.datetime, dt.datetime | None]],
) -> tuple[list[Interval], dt.datetime | None]:
    """Merged pauses as (closed intervals, start of the open pause or None)."""
    closed: list[Interval] = []
    open_start: dt.datetime | None = None
    for p_start, p_end in merged:
        if p_end is None:
            open_start = p_start
        else:
            closed.append((p_start, p_end))
    return closed, open_start


def _schedule_micros(
    schedules: Sequence[OfficeSchedule],
) -> list[tuple[tuple[int, int, int], ...]] | None:
    result: list[tuple[tuple[int, int, int], ...]] = []
    for schedule in schedules:
        blocks: list[tuple[int, int, int]] = []
        earlier = previous_end = 0
        for start, end in schedule.blocks:
            start_us, end_us = _time_micros(start), _time_micros(end)
            if start_us >= end_us or start_us < previous_end:
                return None
            blocks.append((start_us, end_us, earlier))
            earlier += end_us - start_us
            previous_end = end_us
        if not blocks:
            return None
        result.append(tuple(blocks))
    return result


# --- The calendar -------------------------------------------------------------------------------


@dataclass
class WorkingCalendar:
    """Which days are worked, and when. Build one with `calendar_for_agency` (selectors)."""

    schedules: Sequence[OfficeSchedule] = (DEFAULT_SCHEDULE,)
    overrides: Mapping[dt.date, DayOverride] = field(default_factory=dict)
    holidays: HolidaySource = VIETNAM_HOLIDAYS
    _starts: list[dt.date] = field(init=False, repr=False)
    _day_cache: dict[dt.date, DayInfo] = field(init=False, repr=False, default_factory=dict)
    # The fast path's caches: they live and die with this object, which is built per request or
    # computation from the calendar tables (`calendar_for_agency`), so an edit is seen next time.
    _months: dict[int, _Month] = field(init=False, repr=False, compare=False, default_factory=dict)
    # Per schedule: its blocks as (start µs, end µs, working µs earlier that day); None when a
    # schedule's blocks are empty, unsorted or overlapping (then only the walk is used).
    _block_micros: list[tuple[tuple[int, int, int], ...]] | None = field(
        init=False, repr=False, compare=False, default=None
    )

    def __post_init__(self) -> None:
        if not self.schedules:
            raise CalendarError("Lịch làm việc cần ít nhất một khung giờ làm việc.")
        self.schedules = sorted(self.schedules, key=lambda s: s.valid_from)
        self._starts = [s.valid_from for s in self.schedules]
        self._block_micros = _schedule_micros(self.schedules)

    # Days

    def schedule_on(self, day: dt.date) -> OfficeSchedule:
        index = bisect.bisect_right(self._starts, day) - 1
        return self.schedules[max(index, 0)]

    def day_info(self, day: dt.date) -> DayInfo:
        cached = self._day_cache.get(day)
        if cached is not None:
            return cached
        info = self._compute_day_info(day)
        self._day_cache[day] = info
        return info

    def _compute_day_info(self, day: dt.date) -> DayInfo:
        override = self.overrides.get(day)
        if override is not None:
            if override.kind == "day_off":
                return DayInfo(
                    day,
                    False,
                    DayReason.EXTRA_DAY_OFF,
                    override.name,
                    override.name,
                    override.legal_reference,
                )
            return DayInfo(
                day,
                True,
                DayReason.MAKE_UP_WORKING_DAY,
                override.name,
                override.name,
                override.legal_reference,
            )
        holiday = self.holidays.holiday(day)
        if holiday is not None:
            return DayInfo(day, False, DayReason.HOLIDAY, holiday[0], holiday[1])
        weekday_vi, weekday_en = WEEKDAY_NAMES[day.weekday()]
        if self.holidays.is_make_up_day(day):
            return DayInfo(
                day,
                True,
                DayReason.MAKE_UP_WORKING_DAY,
                f"Làm bù ({weekday_vi})",
                f"Make-up working day ({weekday_en})",
            )
        if day.weekday() in self.schedule_on(day).weekdays:
            return DayInfo(day, True, DayReason.WORKING_DAY, weekday_vi, weekday_en)
        return DayInfo(day, False, DayReason.WEEKEND, weekday_vi, weekday_en)

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_info(day).working

    def blocks_on(self, day: dt.date) -> list[Interval]:
        """The office blocks of a day as aware local instants (empty on a day off)."""
        if not self.is_working_day(day):
            return []
        return [
            (local_datetime(day, start), local_datetime(day, end))
            for start, end in self.schedule_on(day).blocks
        ]

    def hours_per_day(self, day: dt.date) -> dt.timedelta:
        """One working day, in working time (8 h with the default office hours)."""
        return self.schedule_on(day).day_length

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for offset in range(1, MAX_SEARCH_DAYS):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise CalendarError("Không tìm thấy ngày làm việc nào trong lịch.")

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def opening_of(self, day: dt.date) -> dt.datetime:
        """Opening of a working day (the first block's start)."""
        blocks = self.blocks_on(day)
        if not blocks:
            raise CalendarError(f"{day:%d/%m/%Y} không phải ngày làm việc.")
        return blocks[0][0]

    def close_of_day(self, day: dt.date) -> dt.datetime:
        """Close of office hours on `day`, or of the next working day when `day` is off."""
        return self.blocks_on(self.working_day_on_or_after(day))[-1][1]

    # Instants

    def is_office_hours(self, instant: dt.datetime) -> bool:
        _require_aware(instant)
        local = to_local(instant)
        return any(start <= local < end for start, end in self.blocks_on(local.date()))

    def working_intervals(
        self, start: dt.datetime, *, pauses: Iterable[Pause] = ()
    ) -> Iterator[tuple[dt.datetime, dt.datetime, bool]]:
        """Working time from `start` on, as (start, end, blocked_after) pieces, pauses removed.

        A piece with blocked_after=True is followed by an open pause: no working time after it.
        """
        _require_aware(start)
        merged = _merge_pauses(pauses)
        local = to_local(start)
        day = local.date()
        for _ in range(MAX_SEARCH_DAYS):
            for block_start, block_end in self.blocks_on(day):
                if block_end <= local:
                    continue
                piece = (max(block_start, local), block_end)
                for piece_start, piece_end, blocked in _subtract(piece, merged):
                    yield piece_start, piece_end, blocked
                    if blocked:
                        return
            day += dt.timedelta(days=1)
        raise CalendarError("Không tìm thấy thời gian làm việc trong lịch.")

    def next_working_instant(self, instant: dt.datetime) -> dt.datetime:
        """`instant` itself when in office hours, else the next opening."""
        for start, end, _ in self.working_intervals(instant):
            if start < end:
                return start
        raise CalendarError("Không tìm thấy thời gian làm việc trong lịch.")  # pragma: no cover

    def add_working_time(
        self, start: dt.datetime, amount: dt.timedelta, *, pauses: Iterable[Pause] = ()
    ) -> dt.datetime:
        """The instant at which `amount` of working time has passed since `start`.

        A deadline that uses up an office block exactly ends at that block's close.
        Raises ClockPausedError when an open pause stops the clock before the amount is used.
        """
        if amount < ZERO:
            raise CalendarError("Thời gian cộng thêm không được âm.")
        _require_aware(start)
        pause_list = tuple(pauses)
        try:
            return self._add_working_time_fast(start, amount, pause_list)
        except _NeedsReference:
            return self._add_working_time_reference(start, amount, pauses=pause_list)

    def working_time_between(
        self, start: dt.datetime, end: dt.datetime, *, pauses: Iterable[Pause] = ()
    ) -> dt.timedelta:
        """Working time from `start` to `end` (negative when `end` is before `start`)."""
        _require_aware(start)
        _require_aware(end)
        if end < start:
            return -self.working_time_between(end, start, pauses=pauses)
        pause_list = tuple(pauses)
        try:
            return self._working_time_between_fast(start, end, pause_list)
        except _NeedsReference:
            return self._working_time_between_reference(start, end, pauses=pause_list)

    def instant_before(self, instant: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """The latest instant (to the second) with `amount` of working time before `instant`:
        e.g. the last moment an apology is timely, one working day before a due instant.
        Raises CalendarError when the calendar holds less working time than that before it."""
        _require_aware(instant)
        try:
            return self._instant_before_fast(instant, amount)
        except _NeedsReference:
            return self._instant_before_reference(instant, amount)

    # The fast path: positions in cumulative working time (see `_Month`). Each method answers
    # exactly what the walk below answers, or raises _NeedsReference.

    def _month(self, number: int) -> _Month:
        month = self._months.get(number)
        if month is not None:
            return month
        year, month_of_year = divmod(number, 12)
        if self._block_micros is None or not _FAST_FIRST_YEAR <= year <= _FAST_LAST_YEAR:
            raise _NeedsReference
        block_micros = self._block_micros
        day_micros = [blocks[-1][2] + blocks[-1][1] - blocks[-1][0] for blocks in block_micros]
        first = dt.date(year, month_of_year + 1, 1)
        following = (
            dt.date(year + 1, 1, 1) if month_of_year == 11 else dt.date(year, month_of_year + 2, 1)
        )
        days = (following - first).days
        cum = [0] * (days + 1)
        schedule = [-1] * days
        total = 0
        day = first
        for i in range(days):
            cum[i] = total
            if self.is_working_day(day):
                # The same schedule as `schedule_on(day)`.
                which = max(bisect.bisect_right(self._starts, day) - 1, 0)
                schedule[i] = which
                total += day_micros[which]
            day += dt.timedelta(days=1)
        cum[days] = total
        month = _Month(first.toordinal(), cum, schedule)
        self._months[number] = month
        return month

    def _position(self, instant: dt.datetime) -> tuple[int, int]:
        """(number of the local month, working µs in that month before `instant`)."""
        local = instant.astimezone(VN_TZ)
        number = _month_number(local)
        month = self._month(number)
        i = local.toordinal() - month.first
        before = month.cum[i]
        which = month.schedule[i]
        if which < 0:
            return number, before
        assert self._block_micros is not None
        t = _time_micros(local)
        for start_us, end_us, earlier in self._block_micros[which]:
            if t <= start_us:
                return number, before + earlier
            if t < end_us:
                return number, before + earlier + t - start_us
        return number, month.cum[i + 1]

    def _span(self, start: dt.datetime, end: dt.datetime) -> int:
        """Working µs from `start` to `end` (start <= end), pauses ignored."""
        start_month, start_value = self._position(start)
        end_month, end_value = self._position(end)
        total = end_value - start_value
        for number in range(start_month, end_month):
            total += self._month(number).total
        return total

    def _search_limit(self, start: dt.datetime) -> int:
        """The ordinal of the last day the walk from `start` looks at."""
        local = to_local(start)
        if not _FAST_FIRST_YEAR <= local.year <= _FAST_LAST_YEAR:
            raise _NeedsReference
        return local.toordinal() + MAX_SEARCH_DAYS - 1

    def _day(self, ordinal: int) -> tuple[int, _Month, int]:
        """The number and the month of a day, and the day's index in it."""
        number = _month_number(dt.date.fromordinal(ordinal))
        month = self._month(number)
        return number, month, ordinal - month.first

    def _next_working_day(self, ordinal: int, limit: int) -> int:
        """The first day with office hours strictly after `ordinal`, no later than `limit`."""
        number, month, j = self._day(ordinal)
        j += 1
        while True:
            cum = month.cum
            if j < len(cum) - 1:
                # Days off add nothing: the first day from j that adds time is the last one whose
                # running total still equals cum[j].
                k = bisect.bisect_right(cum, cum[j]) - 1
                if k < len(cum) - 1:
                    found = month.first + k
                    break
            number += 1
            month = self._month(number)
            if month.first > limit:
                raise _NeedsReference
            j = 0
        if found > limit:
            raise _NeedsReference
        return found

    def _previous_working_day(self, ordinal: int, lowest: int) -> int:
        """The last day with office hours strictly before `ordinal`, no earlier than `lowest`."""
        number, month, j = self._day(ordinal)
        while True:
            k = bisect.bisect_left(month.cum, month.cum[j]) - 1
            if k >= 0:
                found = month.first + k
                break
            number -= 1
            month = self._month(number)
            if month.last < lowest:
                raise _NeedsReference
            j = len(month.cum) - 1
        if found < lowest:
            raise _NeedsReference
        return found

    def _next_working_point(self, instant: dt.datetime, limit: int) -> dt.datetime:
        """The first instant at or after `instant` inside an office block (day <= `limit`)."""
        local = instant.astimezone(VN_TZ)
        ordinal = local.toordinal()
        if ordinal > limit:
            raise _NeedsReference
        _, month, i = self._day(ordinal)
        which = month.schedule[i]
        assert self._block_micros is not None
        if which >= 0:
            t = _time_micros(local)
            for start_us, end_us, _ in self._block_micros[which]:
                if t < end_us:
                    return instant if t >= start_us else _local_at(ordinal, start_us)
        day = self._next_working_day(ordinal, limit)
        _, month, i = self._day(day)
        return _local_at(day, self._block_micros[month.schedule[i]][0][0])

    def _locate(self, start: dt.datetime, amount: int, limit: int) -> dt.datetime:
        """The earliest instant with `amount` (> 0) working µs since `start`, pauses ignored."""
        number, value = self._position(start)
        month = self._month(number)
        target = value + amount
        while target > month.total:
            target -= month.total
            number += 1
            month = self._month(number)
            if month.first > limit:
                raise _NeedsReference
        i = bisect.bisect_left(month.cum, target) - 1  # cum[i] < target <= cum[i + 1]
        if month.first + i > limit:
            raise _NeedsReference
        offset = target - month.cum[i]
        assert self._block_micros is not None
        for start_us, end_us, earlier in self._block_micros[month.schedule[i]]:
            if offset <= earlier + end_us - start_us:
                return _local_at(month.first + i, start_us + offset - earlier)
        raise AssertionError("cumulative working time out of step with the blocks")

    def _working_time_between_fast(
        self, start: dt.datetime, end: dt.datetime, pauses: Sequence[Pause]
    ) -> dt.timedelta:
        """The working time in [start, end) minus the pauses, up to an open pause's start."""
        closed, open_start = _split_pauses(_merge_pauses(pauses))
        stop = end if open_start is None else min(end, open_start)
        # The walk stops at the first piece of working time at or after `end` (or at an open
        # pause): it must find one within its search window. A working day after both `end` and
        # every pause's end is such a piece.
        horizon = max([end, *(p_end for _, p_end in closed)])
        limit = self._search_limit(start)
        if horizon >= _local_at(limit, 0):
            raise _NeedsReference
        self._next_working_day(horizon.astimezone(VN_TZ).toordinal(), limit)
        if stop <= start:
            return ZERO
        total = self._span(start, stop)
        for p_start, p_end in closed:
            low, high = max(p_start, start), min(p_end, stop)
            if high > low:
                total -= self._span(low, high)
        return dt.timedelta(microseconds=total)

    def _add_working_time_fast(
        self, start: dt.datetime, amount: dt.timedelta, pauses: Sequence[Pause]
    ) -> dt.datetime:
        closed, open_start = _split_pauses(_merge_pauses(pauses))
        limit = self._search_limit(start)
        beyond = _local_at(limit + 1, 0)
        if any(p_end >= beyond for _, p_end in closed) or (
            open_start is not None and open_start >= beyond
        ):
            raise _NeedsReference
        remaining = _micros(amount)
        cursor = start
        if remaining == 0:
            # The first instant of working time not inside a closed pause.
            point = self._next_working_point(cursor, limit)
            for p_start, p_end in closed:
                if p_end <= point:
                    continue
                if p_start > point:
                    break
                point = self._next_working_point(p_end, limit)
            if open_start is not None and open_start <= point:
                raise ClockPausedError("Đồng hồ đang tạm dừng.")
            return to_local(point)
        for p_start, p_end in closed:
            if p_end <= cursor:
                continue
            if p_start > cursor:
                available = self._span(cursor, p_start)
                if remaining <= available:
                    return self._locate(cursor, remaining, limit)
                remaining -= available
            cursor = p_end
        if open_start is None:
            return self._locate(cursor, remaining, limit)
        available = self._span(cursor, open_start) if open_start > cursor else 0
        if remaining <= available:
            return self._locate(cursor, remaining, limit)
        # The walk reports the pause on the first office block after it: one must be in reach.
        self._next_working_point(max(open_start, start), limit)
        raise ClockPausedError("Đồng hồ đang tạm dừng.")

    def _instant_before_fast(self, instant: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        # The walk's answer is the latest whole second s with working_time_between(s, instant)
        # >= amount: whole seconds of `instant`'s own zone, the same as Vietnam's when the offset
        # is whole minutes.
        offset = instant.utcoffset()
        if offset is None or offset % _MINUTE:
            raise _NeedsReference
        today = to_local(instant).toordinal()
        lowest = today - MAX_SEARCH_DAYS + 1
        if amount <= ZERO:
            # Any day with office hours opening by `instant` will do; the answer is `instant`.
            local = to_local(instant)
            _, month, i = self._day(today)
            which = month.schedule[i]
            assert self._block_micros is not None
            opens_by = which >= 0 and self._block_micros[which][0][0] <= _time_micros(local)
            if not opens_by:
                self._previous_working_day(today, lowest)
            return to_local(instant.replace(microsecond=0))
        number, value = self._position(instant)
        month = self._month(number)
        target = value - _micros(amount)  # the latest position with `amount` after it
        while target < 0:
            number -= 1
            month = self._month(number)
            if month.last < lowest:
                raise _NeedsReference
            target += month.total
        i = bisect.bisect_right(month.cum, target) - 1  # cum[i] <= target < cum[i + 1]
        if month.first + i < lowest:
            raise _NeedsReference
        offset_us = target - month.cum[i]
        assert self._block_micros is not None
        for start_us, end_us, earlier in self._block_micros[month.schedule[i]]:
            if offset_us < earlier + end_us - start_us:
                latest = _local_at(month.first + i, start_us + offset_us - earlier)
                return latest.replace(microsecond=0)
        raise AssertionError("cumulative working time out of step with the blocks")

    # The reference: the day-by-day walk (slow over long spans, obviously right). Used when the
    # fast path cannot vouch for an input, and by the tests, which compare both.

    def _add_working_time_reference(
        self, start: dt.datetime, amount: dt.timedelta, *, pauses: Iterable[Pause] = ()
    ) -> dt.datetime:
        if amount < ZERO:
            raise CalendarError("Thời gian cộng thêm không được âm.")
        remaining = amount
        for piece_start, piece_end, blocked in self.working_intervals(start, pauses=pauses):
            length = piece_end - piece_start
            if remaining <= length and (length > ZERO or remaining == ZERO):
                if remaining == ZERO and length == ZERO and blocked:
                    raise ClockPausedError("Đồng hồ đang tạm dừng.")
                return to_local(piece_start + remaining)
            remaining -= length
            if blocked:
                raise ClockPausedError("Đồng hồ đang tạm dừng.")
        raise CalendarError("Không tìm thấy thời gian làm việc trong lịch.")  # pragma: no cover

    def _working_time_between_reference(
        self, start: dt.datetime, end: dt.datetime, *, pauses: Iterable[Pause] = ()
    ) -> dt.timedelta:
        _require_aware(start)
        _require_aware(end)
        if end < start:
            return -self._working_time_between_reference(end, start, pauses=pauses)
        total = ZERO
        for piece_start, piece_end, blocked in self.working_intervals(start, pauses=pauses):
            if piece_start >= end:
                break
            total += min(piece_end, end) - piece_start
            if blocked:
                break
        return total

    def _instant_before_reference(self, instant: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        _require_aware(instant)
        between = self._working_time_between_reference
        day = to_local(instant).date()
        for _ in range(MAX_SEARCH_DAYS):
            opening = self.opening_of(day) if self.is_working_day(day) else None
            if opening is not None and opening <= instant and between(opening, instant) >= amount:
                # Binary search inside the day for the boundary.
                low, high = opening, instant
                while high - low > dt.timedelta(seconds=1):
                    middle = low + (high - low) / 2
                    if between(middle, instant) >= amount:
                        low = middle
                    else:
                        high = middle
                # The boundary lies in [low, high), under a second wide: the latest whole second
                # still `amount` before (09:00:00 exactly, not 08:59:59).
                rounded = to_local(high.replace(microsecond=0))
                if between(rounded, instant) >= amount:
                    return rounded
                return to_local(low.replace(microsecond=0))
            day -= dt.timedelta(days=1)
        raise CalendarError("Không đủ thời gian làm việc trước thời điểm này.")

    def days_between(self, first: dt.date, last: dt.date) -> list[DayInfo]:
        """Every day from `first` to `last` inclusive."""
        return [self.day_info(first + dt.timedelta(days=n)) for n in range((last - first).days + 1)]


# --- Clock start, time limits -------------------------------------------------------------------


def clock_start(
    calendar: WorkingCalendar, received_at: dt.datetime, *, cutoff: dt.time | None = None
) -> dt.datetime:
    """When the clock of something received at `received_at` starts.

    In office hours: at once. Outside them: at the next working instant. With a `cutoff` (paper
    dossiers handed over on the next working day when received after it, domain §3): received on
    a working day at or after the cut-off, the clock starts at the next working day's opening.
    """
    local = to_local(received_at)
    if cutoff is not None and calendar.is_working_day(local.date()) and local.time() >= cutoff:
        return calendar.opening_of(calendar.next_working_day(local.date()))
    return calendar.next_working_instant(received_at)


class TimeUnit(enum.StrEnum):
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


def working_days_to_time(calendar: WorkingCalendar, days: Decimal, *, on: dt.date) -> dt.timedelta:
    """Working days as working time: one day = a normal day's office hours (8 h by default)."""
    if days < 0:
        raise CalendarError("Thời hạn không được âm.")
    seconds = Decimal(calendar.hours_per_day(on).total_seconds()) * days
    return dt.timedelta(seconds=int(seconds.to_integral_value()))


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def due_for_time_limit(
    calendar: WorkingCalendar,
    start: dt.datetime,
    value: Decimal,
    unit: TimeUnit,
    *,
    pauses: Iterable[Pause] = (),
) -> dt.datetime:
    """The due instant of a time limit counted from the clock start `start` (domain §3 "Units").

    - working hours / days: working time (0 working days = "same day": the close of that day);
    - calendar days / months: the close of office hours on start date + N (months clamped to the
      month's end); a day off moves it to the close of the next working day. Pauses push
      calendar-day and month limits by the paused working time.
    """
    if value < 0:
        raise CalendarError("Thời hạn không được âm.")
    start = calendar.next_working_instant(start)
    pause_list = tuple(pauses)
    if unit is TimeUnit.WORKING_HOURS:
        amount = dt.timedelta(seconds=int((value * 3600).to_integral_value()))
        return calendar.add_working_time(start, amount, pauses=pause_list)
    if unit is TimeUnit.WORKING_DAYS:
        if value == 0:
            target = calendar.close_of_day(to_local(start).date())
        else:
            amount = working_days_to_time(calendar, value, on=to_local(start).date())
            return calendar.add_working_time(start, amount, pauses=pause_list)
    elif unit is TimeUnit.CALENDAR_DAYS:
        if value != value.to_integral_value():
            raise CalendarError("Thời hạn tính theo ngày phải là số nguyên.")
        target = calendar.close_of_day(to_local(start).date() + dt.timedelta(days=int(value)))
    else:
        if value != value.to_integral_value():
            raise CalendarError("Thời hạn tính theo tháng phải là số nguyên.")
        target = calendar.close_of_day(_add_months(to_local(start).date(), int(value)))
    if not pause_list:
        return target
    # A fixed-date limit is the working time up to its date; pauses push it like any budget.
    budget = calendar.working_time_between(start, target)
    return calendar.add_working_time(start, budget, pauses=pause_list)


# --- Clocks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """A running time limit: what is stored (budget, time consumed before, pauses); the due
    instant, the remaining time and "overdue" are derived on read, so a day off added later
    moves every running deadline."""

    started_at: dt.datetime
    budget: dt.timedelta
    consumed_before: dt.timedelta = ZERO
    pauses: tuple[Pause, ...] = ()

    def __post_init__(self) -> None:
        _require_aware(self.started_at)
        if self.budget < ZERO or self.consumed_before < ZERO:
            raise CalendarError("Thời hạn và thời gian đã dùng không được âm.")

    def due(self, calendar: WorkingCalendar) -> dt.datetime | None:
        """The due instant, or None while an open pause holds the clock before it runs out."""
        left = max(self.budget - self.consumed_before, ZERO)
        try:
            return calendar.add_working_time(self.started_at, left, pauses=self.pauses)
        except ClockPausedError:
            return None

    def consumed(self, calendar: WorkingCalendar, at: dt.datetime) -> dt.timedelta:
        if at <= self.started_at:
            return self.consumed_before
        return self.consumed_before + calendar.working_time_between(
            self.started_at, at, pauses=self.pauses
        )

    def remaining(self, calendar: WorkingCalendar, at: dt.datetime) -> dt.timedelta:
        """Working time left at `at` (negative once overdue)."""
        return self.budget - self.consumed(calendar, at)

    def is_overdue(self, calendar: WorkingCalendar, at: dt.datetime) -> bool:
        due = self.due(calendar)
        if due is None:
            return self.consumed(calendar, at) > self.budget
        return at > due

    def paused_time(self, calendar: WorkingCalendar, until: dt.datetime) -> dt.timedelta:
        """Working time the pauses took out between the start and `until`."""
        if until <= self.started_at:
            return ZERO
        return calendar.working_time_between(
            self.started_at, until
        ) - calendar.working_time_between(self.started_at, until, pauses=self.pauses)


# --- Explanations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PauseExplanation:
    start: dt.datetime
    end: dt.datetime | None
    kind: str
    reason: str
    working_time: dt.timedelta

    def as_dict(self) -> dict[str, str | float | None]:
        return {
            "start": to_local(self.start).isoformat(),
            "end": to_local(self.end).isoformat() if self.end else None,
            "kind": self.kind,
            "reason": self.reason,
            "working_hours": self.working_time / HOUR,
        }


@dataclass(frozen=True)
class Explanation:
    """Why a deadline falls where it does: the days not counted, make-up days, and pauses."""

    start: dt.datetime
    due: dt.datetime | None
    budget: dt.timedelta
    skipped: tuple[DayInfo, ...]
    make_up_days: tuple[DayInfo, ...]
    pauses: tuple[PauseExplanation, ...]

    def lines(self, language: Literal["vi", "en"] = "vi") -> list[str]:
        vi = language == "vi"
        out = [
            (
                f"Bắt đầu tính: {_fmt(self.start)}; thời hạn {_hours(self.budget)} giờ làm việc."
                if vi
                else f"Clock start: {_fmt(self.start)}; time limit {_hours(self.budget)} working hours."
            )
        ]
        if not self.skipped and not self.pauses and not self.make_up_days:
            out.append(
                "Không có ngày nghỉ nào trong khoảng này."
                if vi
                else "No day off falls in this period."
            )
        for day in self.skipped:
            weekday = WEEKDAY_NAMES[day.date.weekday()][0 if vi else 1]
            label = REASON_LABELS[day.reason][0 if vi else 1]
            name = day.name_vi if vi else day.name_en
            detail = label if day.reason is DayReason.WEEKEND else f"{label}: {name}"
            legal = f" ({day.legal_reference})" if day.legal_reference else ""
            out.append(
                f"  {'Không tính' if vi else 'Skipped'} {day.date:%d/%m/%Y} ({weekday}): {detail}{legal}"
            )
        for day in self.make_up_days:
            weekday = WEEKDAY_NAMES[day.date.weekday()][0 if vi else 1]
            name = day.name_vi if vi else day.name_en
            out.append(
                f"  {'Có tính' if vi else 'Counted'} {day.date:%d/%m/%Y} ({weekday}): "
                f"{REASON_LABELS[DayReason.MAKE_UP_WORKING_DAY][0 if vi else 1]} — {name}"
            )
        for pause in self.pauses:
            end = _fmt(pause.end) if pause.end else ("đang tạm dừng" if vi else "still paused")
            out.append(
                f"  {'Tạm dừng' if vi else 'Paused'} {_fmt(pause.start)} → {end}: "
                f"{_hours(pause.working_time)} {'giờ làm việc' if vi else 'working hours'}"
                + (f" ({pause.reason})" if pause.reason else "")
            )
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "start": to_local(self.start).isoformat(),
            "due": to_local(self.due).isoformat() if self.due else None,
            "budget_hours": self.budget / HOUR,
            "skipped": [d.as_dict() for d in self.skipped],
            "make_up_days": [d.as_dict() for d in self.make_up_days],
            "pauses": [p.as_dict() for p in self.pauses],
        }


def explain(
    calendar: WorkingCalendar, clock: Clock, *, now: dt.datetime | None = None
) -> Explanation:
    """The days between the clock start and the due instant (or `now` while paused) that were not
    counted, the make-up days that were, and the working time each pause took."""
    return explain_span(
        calendar,
        start=clock.started_at,
        due=clock.due(calendar),
        budget=clock.budget,
        pauses=clock.pauses,
        now=now,
    )


def explain_span(
    calendar: WorkingCalendar,
    *,
    start: dt.datetime,
    due: dt.datetime | None,
    budget: dt.timedelta,
    pauses: Sequence[Pause] = (),
    now: dt.datetime | None = None,
) -> Explanation:
    """Explain the span from a clock start to a due instant computed elsewhere."""
    until = due or now or start
    first, last = to_local(start).date(), to_local(until).date()
    days = calendar.days_between(first, last) if last >= first else []
    skipped = tuple(d for d in days if not d.working)
    make_up = tuple(d for d in days if d.reason is DayReason.MAKE_UP_WORKING_DAY)
    explained = tuple(
        PauseExplanation(
            start=p.start,
            end=p.end,
            kind=p.kind,
            reason=p.reason,
            working_time=calendar.working_time_between(max(p.start, start), p.end or until)
            if (p.end or until) > max(p.start, start)
            else ZERO,
        )
        for p in sorted(pauses, key=lambda p: p.start)
    )
    return Explanation(start, due, budget, skipped, make_up, explained)


def _fmt(instant: dt.datetime) -> str:
    return f"{to_local(instant):%H:%M %d/%m/%Y}"


def _hours(amount: dt.timedelta) -> str:
    hours = amount / HOUR
    return f"{hours:g}"


__all__ = [
    "DEFAULT_SCHEDULE",
    "VIETNAM_HOLIDAYS",
    "VN_TZ",
    "CalendarError",
    "Clock",
    "ClockPausedError",
    "DayInfo",
    "DayOverride",
    "DayReason",
    "Explanation",
    "NoHolidays",
    "OfficeSchedule",
    "Pause",
    "TimeUnit",
    "WorkingCalendar",
    "clock_start",
    "due_for_time_limit",
    "explain",
    "explain_span",
    "format_blocks",
    "parse_blocks",
    "parse_weekdays",
    "working_days_to_time",
]
