"""The fast working-time arithmetic (cumulative working time per month) against the day-by-day walk
it replaced, kept as the engine's `_*_reference` methods: same timedelta, same instant (to the
microsecond and the zone), same error, for random calendars, instants, amounts and pauses."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.calendar.engine import (
    DEFAULT_SCHEDULE,
    VIETNAM_HOLIDAYS,
    CalendarError,
    ClockPausedError,
    DayOverride,
    HolidaySource,
    NoHolidays,
    OfficeSchedule,
    Pause,
    WorkingCalendar,
    _NeedsReference,
    clock_start,
    parse_blocks,
)
from motcua.core.timezone import VN_TZ, local_datetime

UTC = dt.UTC
FIRST, LAST = dt.date(2024, 1, 1), dt.date(2029, 12, 31)
HOUR = dt.timedelta(hours=1)
SECOND = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class SomeHolidays:
    """Random public holidays and make-up days (the Vietnamese ones are one choice among these)."""

    days: frozenset[dt.date]
    make_up: frozenset[dt.date]

    def holiday(self, day: dt.date) -> tuple[str, str] | None:
        return ("Ngày lễ", "Holiday") if day in self.days else None

    def is_make_up_day(self, day: dt.date) -> bool:
        return day in self.make_up


def _time(second_of_day: int) -> dt.time:
    return dt.time(second_of_day // 3600, second_of_day // 60 % 60, second_of_day % 60)


USUAL_HOURS = [
    "07:00-11:30,13:30-17:00",  # the default
    "07:30-11:30,13:00-17:00",
    "07:00-11:30",  # a half day (Saturday mornings)
    "13:30-17:00",
    "08:00-12:00,12:00-17:00",  # blocks that touch
    "00:00-23:59",
    "07:00-09:00,10:00-11:00,14:00-16:30",
]


@st.composite
def office_blocks(draw: st.DrawFn) -> tuple[tuple[dt.time, dt.time], ...]:
    if draw(st.booleans()):
        return parse_blocks(draw(st.sampled_from(USUAL_HOURS)))
    count = draw(st.integers(1, 3))
    seconds = st.lists(st.integers(0, 86399), min_size=2 * count, max_size=2 * count, unique=True)
    marks = sorted(draw(seconds))
    return tuple((_time(marks[i]), _time(marks[i + 1])) for i in range(0, 2 * count, 2))


dates = st.dates(min_value=dt.date(2023, 6, 1), max_value=dt.date(2030, 6, 30))


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    schedules = [
        OfficeSchedule(
            dt.date.min if n == 0 else draw(dates),
            draw(office_blocks()),
            frozenset(draw(st.sets(st.integers(0, 6), min_size=1))),
        )
        for n in range(draw(st.integers(1, 3)))
    ]
    overrides = draw(
        st.dictionaries(
            dates,
            st.sampled_from(
                [
                    DayOverride("day_off", "Nghỉ bổ sung", "QĐ 1/2026"),
                    DayOverride("working_day", "Làm bù"),
                ]
            ),
            max_size=60,
        )
    )
    holidays: HolidaySource = draw(
        st.one_of(
            st.just(VIETNAM_HOLIDAYS),
            st.just(NoHolidays()),
            st.builds(
                SomeHolidays,
                st.frozensets(dates, max_size=40),
                st.frozensets(dates, max_size=10),
            ),
        )
    )
    return WorkingCalendar(schedules=schedules, overrides=overrides, holidays=holidays)


@st.composite
def instants(draw: st.DrawFn, calendar: WorkingCalendar) -> dt.datetime:
    """Anywhere in 2024-2029, often exactly on (or a microsecond off) an office block's edge."""
    if draw(st.booleans()):
        return draw(
            st.datetimes(
                min_value=dt.datetime.combine(FIRST, dt.time()),
                max_value=dt.datetime.combine(LAST, dt.time()),
                timezones=st.sampled_from([VN_TZ, UTC]),
            )
        )
    edges = [t for s in calendar.schedules for block in s.blocks for t in block] + [dt.time()]
    instant = local_datetime(draw(st.dates(FIRST, LAST)), draw(st.sampled_from(edges)))
    nudge = draw(st.sampled_from([0, 0, 0, 1, -1]))
    return instant + dt.timedelta(microseconds=nudge)


def amounts(max_hours: int) -> st.SearchStrategy[dt.timedelta]:
    return st.one_of(
        st.just(dt.timedelta(0)),
        st.integers(1, max_hours * 60).map(lambda m: dt.timedelta(minutes=m)),
        st.integers(1, max_hours * 3600 * 10**6).map(lambda us: dt.timedelta(microseconds=us)),
    )


@st.composite
def pauses_near(draw: st.DrawFn, calendar: WorkingCalendar, around: dt.datetime) -> list[Pause]:
    pauses = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(
            st.one_of(
                instants(calendar),
                st.just(around),
                # Exactly where the working time after `around` begins.
                st.builds(calendar.next_working_instant, st.just(around)),
            )
        )
        if draw(st.integers(0, 5)) == 0:
            pauses.append(Pause(start))  # still open
            continue
        length = draw(
            st.one_of(
                st.just(dt.timedelta(0)),
                st.integers(0, 60 * 24 * 90).map(lambda m: dt.timedelta(minutes=m)),
            )
        )
        pauses.append(Pause(start, start + length, kind="supplement"))
    return pauses


def outcome(call: Callable[[], object]) -> tuple[str, object]:
    """What a call gives: its value (with its exact representation) or the error it raises."""
    try:
        value = call()
    except ClockPausedError:
        return ("paused", None)
    except CalendarError as exc:
        return ("error", str(exc))
    if isinstance(value, dt.datetime):
        return ("instant", (value, value.isoformat(), value.tzinfo))
    return ("value", value)


def assert_fast_path_agrees(call: Callable[[], object], walk: tuple[str, object]) -> None:
    """The fast path's own answer is the walk's; it hands an input over to the walk only when the
    walk finds no answer in its 30-year search (the fast path never raises that error itself)."""
    if walk[0] == "error":
        with pytest.raises(_NeedsReference):
            call()
        return
    try:
        answer = outcome(call)
    except _NeedsReference:
        pytest.fail("the fast path handed an ordinary input over to the walk")
    assert answer == walk


# --- Properties -----------------------------------------------------------------------------------


@given(st.data(), calendars())
def test_working_time_between_matches_the_walk(
    data: st.DataObject, calendar: WorkingCalendar
) -> None:
    a, b = data.draw(instants(calendar)), data.draw(instants(calendar))
    pauses = data.draw(pauses_near(calendar, min(a, b)))
    expected = outcome(lambda: calendar._working_time_between_reference(a, b, pauses=pauses))
    assert outcome(lambda: calendar.working_time_between(a, b, pauses=pauses)) == expected
    start, end = min(a, b), max(a, b)
    assert_fast_path_agrees(
        lambda: calendar._working_time_between_fast(start, end, pauses),
        outcome(lambda: calendar._working_time_between_reference(start, end, pauses=pauses)),
    )


@given(st.data(), calendars())
def test_add_working_time_matches_the_walk(data: st.DataObject, calendar: WorkingCalendar) -> None:
    start = data.draw(instants(calendar))
    amount = data.draw(st.one_of(amounts(80), amounts(4000)))
    pauses = data.draw(pauses_near(calendar, start))
    expected = outcome(lambda: calendar._add_working_time_reference(start, amount, pauses=pauses))
    assert outcome(lambda: calendar.add_working_time(start, amount, pauses=pauses)) == expected
    assert_fast_path_agrees(
        lambda: calendar._add_working_time_fast(start, amount, pauses), expected
    )


@given(st.data(), calendars())
def test_instant_before_matches_the_walk(data: st.DataObject, calendar: WorkingCalendar) -> None:
    instant = data.draw(instants(calendar))
    # Amounts the last 60 days can hold (beyond, the walk is quadratic: minutes per example).
    held = calendar._working_time_between_reference(instant - dt.timedelta(days=60), instant)
    amount = data.draw(
        st.one_of(
            st.just(held),
            st.integers(0, held // dt.timedelta(microseconds=1)).map(
                lambda us: dt.timedelta(microseconds=us)
            ),
        )
    )
    expected = outcome(lambda: calendar._instant_before_reference(instant, amount))
    assert outcome(lambda: calendar.instant_before(instant, amount)) == expected
    assert_fast_path_agrees(lambda: calendar._instant_before_fast(instant, amount), expected)


@given(st.data(), calendars())
def test_adding_then_measuring_round_trips(data: st.DataObject, calendar: WorkingCalendar) -> None:
    start = data.draw(instants(calendar))
    amount = data.draw(amounts(2000))
    pauses = data.draw(pauses_near(calendar, start))
    try:
        due = calendar.add_working_time(start, amount, pauses=pauses)
    except CalendarError:  # paused, or not that much working time in 30 years
        return
    assert calendar.working_time_between(start, due, pauses=pauses) == amount
    assert due == calendar._add_working_time_reference(start, amount, pauses=pauses)


@given(st.data(), calendars())
def test_instant_before_round_trips(data: st.DataObject, calendar: WorkingCalendar) -> None:
    start = data.draw(instants(calendar))
    amount = data.draw(amounts(300).filter(lambda a: a > dt.timedelta(0)))
    try:
        due = calendar.add_working_time(start, amount)
    except CalendarError:  # not that much working time in 30 years
        return
    before = calendar.instant_before(due, amount)
    # The latest whole second with `amount` of working time before the due: no earlier than the
    # start (floored to the second), and one second later holds less.
    assert before >= start.replace(microsecond=0)
    assert calendar.working_time_between(before, due) >= amount
    assert calendar.working_time_between(before + SECOND, due) < amount
    assert calendar.add_working_time(before, amount) <= due
    assert before == calendar._instant_before_reference(due, amount)


# --- Edges the random calendars rarely reach --------------------------------------------------------


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, tz: dt.tzinfo = VN_TZ) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=tz)


def assert_same_as_walk(
    calendar: WorkingCalendar,
    start: dt.datetime,
    end: dt.datetime,
    amount: dt.timedelta,
    pauses: tuple[Pause, ...] = (),
) -> None:
    assert outcome(lambda: calendar.working_time_between(start, end, pauses=pauses)) == outcome(
        lambda: calendar._working_time_between_reference(start, end, pauses=pauses)
    )
    assert outcome(lambda: calendar.add_working_time(start, amount, pauses=pauses)) == outcome(
        lambda: calendar._add_working_time_reference(start, amount, pauses=pauses)
    )
    assert outcome(lambda: calendar.instant_before(end, amount)) == outcome(
        lambda: calendar._instant_before_reference(end, amount)
    )


DEFAULT = WorkingCalendar()


@pytest.mark.parametrize(
    ("start", "end", "amount"),
    [
        # Across the year boundary, Tết 2026 and a leap day (2028).
        (at(2025, 12, 31, 16), at(2026, 1, 2, 8), 2 * HOUR),
        (at(2026, 2, 13, 16, 30), at(2026, 2, 23, 7, 30), 1 * HOUR),
        (at(2028, 2, 28, 10), at(2028, 3, 1, 10), 9 * HOUR),
        # 700 days, in UTC, with microseconds.
        (at(2024, 3, 1, 2, tz=UTC), at(2026, 1, 30, 9) + dt.timedelta(microseconds=7), 900 * HOUR),
        # On the edges of a block: 17:00 exactly, 11:30 exactly, 13:30 exactly.
        (at(2026, 3, 9, 17), at(2026, 3, 10, 11, 30), 3 * HOUR + 30 * dt.timedelta(minutes=1)),
        (at(2026, 3, 9, 11, 30), at(2026, 3, 9, 13, 30), dt.timedelta(0)),
    ],
)
def test_edges_of_days_and_years(
    start: dt.datetime, end: dt.datetime, amount: dt.timedelta
) -> None:
    assert_same_as_walk(DEFAULT, start, end, amount)
    pauses = (Pause(start + HOUR, start + 30 * HOUR), Pause(end - HOUR))
    assert_same_as_walk(DEFAULT, start, end, amount, pauses)


@pytest.mark.parametrize(
    "instant",
    [at(2026, 3, 9, 6, 59), at(2026, 3, 9, 7), at(2026, 3, 8, 12), at(2026, 3, 9, 9, tz=UTC)],
)
def test_nothing_or_less_before_an_instant_is_that_instant(instant: dt.datetime) -> None:
    for amount in (dt.timedelta(0), -HOUR):
        expected = DEFAULT._instant_before_reference(instant, amount)
        assert DEFAULT.instant_before(instant, amount) == expected == instant
        assert DEFAULT.instant_before(instant, amount).isoformat() == expected.isoformat()


def test_an_open_pause_before_the_start_holds_everything() -> None:
    pauses = (Pause(at(2026, 3, 1)),)
    start, end = at(2026, 3, 9, 9), at(2027, 3, 9, 9)
    assert DEFAULT.working_time_between(start, end, pauses=pauses) == dt.timedelta(0)
    with pytest.raises(ClockPausedError):
        DEFAULT.add_working_time(start, dt.timedelta(0), pauses=pauses)
    assert_same_as_walk(DEFAULT, start, end, 8 * HOUR, pauses)


def test_an_open_pause_starting_where_the_amount_runs_out() -> None:
    start = at(2026, 3, 9, 9)
    # 8 h from Monday 9:00 end on Tuesday 9:00; the pause starts then, or at Monday's close.
    for pause_start in (at(2026, 3, 10, 9), at(2026, 3, 9, 17), at(2026, 3, 9, 20)):
        pauses = (Pause(pause_start),)
        assert_same_as_walk(DEFAULT, start, at(2026, 4, 1), 8 * HOUR, pauses)
        assert_same_as_walk(DEFAULT, start, at(2026, 4, 1), 7 * HOUR, pauses)
    assert DEFAULT.add_working_time(start, 8 * HOUR, pauses=(Pause(at(2026, 3, 10, 9)),)) == at(
        2026, 3, 10, 9
    )


def test_an_open_pause_from_the_first_working_instant_holds_even_nothing() -> None:
    sunday = at(2026, 3, 8, 10)
    pauses = (Pause(at(2026, 3, 9, 7)),)
    with pytest.raises(ClockPausedError):
        DEFAULT.add_working_time(sunday, dt.timedelta(0), pauses=pauses)
    assert_same_as_walk(DEFAULT, sunday, at(2026, 3, 10), dt.timedelta(0), pauses)
    later = (Pause(at(2026, 3, 9, 7, 1)),)
    assert DEFAULT.add_working_time(sunday, dt.timedelta(0), pauses=later) == at(2026, 3, 9, 7)


def test_inputs_the_fast_path_leaves_to_the_walk() -> None:
    # Before 1976 Vietnam's offset changed; a zone with a seconds offset; pauses beyond the
    # 30-year search window; blocks out of order.
    odd_zone = dt.timezone(dt.timedelta(hours=7, seconds=30))
    cases = [
        (at(1975, 12, 30, 9), at(1976, 1, 5, 9)),
        (at(2026, 3, 9, 9, tz=odd_zone), at(2026, 3, 20, 9, 7, tz=odd_zone)),
    ]
    for start, end in cases:
        assert_same_as_walk(DEFAULT, start, end, 20 * HOUR)
    with pytest.raises(_NeedsReference):
        DEFAULT._working_time_between_fast(*cases[0], ())
    with pytest.raises(_NeedsReference):
        DEFAULT._instant_before_fast(cases[1][1], HOUR)
    far = (Pause(at(2026, 3, 10, 9), at(2070, 1, 1)),)
    assert_same_as_walk(DEFAULT, at(2026, 3, 9, 9), at(2026, 3, 20), 20 * HOUR, far)
    unsorted = WorkingCalendar(
        schedules=[
            OfficeSchedule(dt.date.min, ((dt.time(13), dt.time(17)), (dt.time(7), dt.time(11))))
        ]
    )
    assert_same_as_walk(unsorted, at(2026, 3, 9, 9), at(2026, 3, 20), 20 * HOUR)


def test_a_calendar_without_working_days_fails_as_before() -> None:
    never = WorkingCalendar(
        schedules=[OfficeSchedule(dt.date.min, DEFAULT_SCHEDULE.blocks, frozenset())],
        holidays=NoHolidays(),
    )
    start = at(2026, 3, 9, 9)
    with pytest.raises(CalendarError):
        never.add_working_time(start, HOUR)
    with pytest.raises(CalendarError):
        never.working_time_between(start, start + dt.timedelta(days=3))


def test_each_calendar_object_has_its_own_cumulative_time() -> None:
    """What calendar edits rely on: a calendar built after a day off was added sees it, even
    when an earlier calendar already built that year's cumulative working time."""
    start, end = at(2026, 12, 7, 9), at(2026, 12, 14, 9)
    before = WorkingCalendar()
    assert before.working_time_between(start, end) == 40 * HOUR
    after = WorkingCalendar(overrides={dt.date(2026, 12, 10): DayOverride("day_off", "Bão")})
    assert after.working_time_between(start, end) == 32 * HOUR
    assert before.working_time_between(start, end) == 40 * HOUR


def test_schedule_changes_and_half_days_on_long_spans() -> None:
    calendar = WorkingCalendar(
        schedules=[
            OfficeSchedule(dt.date.min, parse_blocks("07:00-11:30,13:30-17:00")),
            OfficeSchedule(dt.date(2025, 7, 1), parse_blocks("07:30-11:30,13:00-17:00")),
            # Saturdays worked in the morning only from 2026: a second schedule cannot say "half
            # day on Saturday", so the whole week becomes mornings.
            OfficeSchedule(dt.date(2026, 1, 1), parse_blocks("07:00-11:30"), frozenset(range(6))),
        ],
        overrides={dt.date(2025, 12, 27): DayOverride("working_day", "Làm bù")},
    )
    for start, end in [
        (at(2024, 6, 3, 10), at(2026, 5, 4, 9)),
        (at(2025, 6, 30, 16), at(2025, 7, 1, 8)),
        (at(2025, 12, 26, 16), at(2026, 1, 3, 10)),
    ]:
        assert_same_as_walk(calendar, start, end, 500 * HOUR)
        assert_same_as_walk(calendar, start, end, 3 * HOUR)


def test_paper_cutoff_clock_start_feeds_the_same_arithmetic() -> None:
    """clock_start (with the paper cut-off) then a limit: the same due as the walk."""
    received = at(2026, 4, 29, 16, 30)  # after a 16:00 cut-off, before the 30/4 holidays
    start = clock_start(DEFAULT, received, cutoff=dt.time(16))
    assert start == at(2026, 5, 4, 7)
    due = DEFAULT.add_working_time(start, 40 * HOUR)
    assert due == DEFAULT._add_working_time_reference(start, 40 * HOUR)
    assert due == at(2026, 5, 8, 17)
