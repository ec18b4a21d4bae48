"""Property-based tests of the working-time engine (hypothesis)."""

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from motcua.calendar.engine import (
    Clock,
    DayOverride,
    OfficeSchedule,
    Pause,
    WorkingCalendar,
    parse_blocks,
)
from motcua.core.timezone import VN_TZ, to_local

CAL = WorkingCalendar(
    schedules=[
        OfficeSchedule(dt.date.min, parse_blocks("07:00-11:30,13:30-17:00")),
        # From 2027 the province switches to summer-style hours: the engine must not care.
        OfficeSchedule(dt.date(2027, 4, 1), parse_blocks("07:30-11:30,13:00-17:00")),
    ],
    overrides={
        dt.date(2026, 12, 5): DayOverride("working_day", "Làm bù"),
        dt.date(2026, 12, 31): DayOverride("day_off", "Nghỉ bổ sung"),
        dt.date(2025, 10, 10): DayOverride("day_off", "Bão"),
    },
)

instants = st.datetimes(
    min_value=dt.datetime(2024, 12, 1),  # noqa: DTZ001 - bounds; the strategy adds the zone
    max_value=dt.datetime(2027, 12, 31),  # noqa: DTZ001
    timezones=st.just(VN_TZ),
).map(lambda d: d.replace(second=0, microsecond=0))
amounts = st.integers(min_value=0, max_value=8 * 60 * 45).map(lambda m: dt.timedelta(minutes=m))
positive_amounts = amounts.filter(lambda a: a > dt.timedelta(0))


@st.composite
def closed_pauses(draw: st.DrawFn, start: dt.datetime) -> tuple[Pause, ...]:
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        offset = dt.timedelta(minutes=draw(st.integers(-600, 60 * 24 * 40)))
        length = dt.timedelta(minutes=draw(st.integers(0, 60 * 24 * 10)))
        pauses.append(Pause(start + offset, start + offset + length))
    return tuple(pauses)


@given(instants, amounts)
def test_add_then_measure_round_trips(start: dt.datetime, amount: dt.timedelta) -> None:
    due = CAL.add_working_time(start, amount)
    assert CAL.working_time_between(start, due) == amount


@given(instants, instants)
def test_measure_then_add_reaches_no_later(a: dt.datetime, b: dt.datetime) -> None:
    start, end = min(a, b), max(a, b)
    spent = CAL.working_time_between(start, end)
    # Adding nothing lands on the next working instant, which may lie after `end`.
    assert CAL.add_working_time(start, spent) <= max(end, CAL.next_working_instant(start))


@given(instants, amounts, amounts)
def test_monotonic_in_amount(start: dt.datetime, x: dt.timedelta, y: dt.timedelta) -> None:
    small, large = min(x, y), max(x, y)
    assert CAL.add_working_time(start, small) <= CAL.add_working_time(start, large)


@given(instants, instants, amounts)
def test_monotonic_in_start(a: dt.datetime, b: dt.datetime, amount: dt.timedelta) -> None:
    early, late = min(a, b), max(a, b)
    assert CAL.add_working_time(early, amount) <= CAL.add_working_time(late, amount)


@given(instants, positive_amounts)
def test_never_due_on_a_non_working_instant(start: dt.datetime, amount: dt.timedelta) -> None:
    due = to_local(CAL.add_working_time(start, amount))
    assert CAL.is_working_day(due.date())
    # Inside an office block, or exactly at its close (a deadline ending at 17:00 is 17:00).
    assert any(b_start < due <= b_end for b_start, b_end in CAL.blocks_on(due.date()))


@given(instants)
def test_next_working_instant_is_in_office_hours(start: dt.datetime) -> None:
    instant = CAL.next_working_instant(start)
    assert instant >= start
    assert CAL.is_office_hours(instant)
    assert CAL.working_time_between(start, instant) == dt.timedelta(0)


@given(st.data(), instants, amounts)
def test_pauses_never_shorten_a_deadline(
    data: st.DataObject, start: dt.datetime, amount: dt.timedelta
) -> None:
    pauses = data.draw(closed_pauses(start))
    plain = CAL.add_working_time(start, amount)
    paused = CAL.add_working_time(start, amount, pauses=pauses)
    assert paused >= plain
    # And the working time counted up to the paused due, minus the pauses, is the amount.
    assert CAL.working_time_between(start, paused, pauses=pauses) == amount


@given(st.data(), instants, amounts, instants)
def test_clock_remaining_matches_due(
    data: st.DataObject, start: dt.datetime, budget: dt.timedelta, now: dt.datetime
) -> None:
    clock = Clock(start, budget, pauses=data.draw(closed_pauses(start)))
    due = clock.due(CAL)
    assert due is not None
    assume(now >= start)
    if clock.is_overdue(CAL, now):
        assert now > due
        assert clock.remaining(CAL, now) <= dt.timedelta(0)
    else:
        assert now <= due
        assert clock.remaining(CAL, now) >= dt.timedelta(0)


@given(instants, amounts, st.integers(0, 60 * 24 * 30))
def test_an_open_pause_holds_the_clock(
    start: dt.datetime, budget: dt.timedelta, offset_minutes: int
) -> None:
    pause_start = start + dt.timedelta(minutes=offset_minutes)
    clock = Clock(start, budget, pauses=(Pause(pause_start),))
    due = clock.due(CAL)
    consumed_at_pause = CAL.working_time_between(start, pause_start)
    if consumed_at_pause >= budget and budget > dt.timedelta(0):
        assert due == CAL.add_working_time(start, budget)
    elif consumed_at_pause < budget:
        assert due is None
        later = pause_start + dt.timedelta(days=60)
        assert clock.consumed(CAL, later) == consumed_at_pause


@given(instants, positive_amounts)
def test_instant_before_is_the_latest_with_that_much_working_time(
    due: dt.datetime, amount: dt.timedelta
) -> None:
    before = CAL.instant_before(due, amount)
    assert CAL.working_time_between(before, due) == amount
    # A second later leaves less than `amount`, unless that second is outside office hours.
    later = before + dt.timedelta(seconds=1)
    assert CAL.working_time_between(later, due) < amount or not CAL.is_office_hours(before)
