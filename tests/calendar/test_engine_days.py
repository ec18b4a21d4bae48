"""Table tests of the working-time engine against Vietnam's published days off (2025-2027)."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.calendar.engine import (
    CalendarError,
    Clock,
    DayOverride,
    DayReason,
    OfficeSchedule,
    Pause,
    TimeUnit,
    WorkingCalendar,
    clock_start,
    due_for_time_limit,
    explain,
    parse_blocks,
)
from motcua.core.timezone import VN_TZ

H = dt.timedelta(hours=1)
CAL = WorkingCalendar()


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("day", "reason", "name_part"),
    [
        # Tết Nguyên Đán
        (dt.date(2025, 1, 27), DayReason.HOLIDAY, "Tết"),
        (dt.date(2025, 2, 1), DayReason.HOLIDAY, "Tết"),
        (dt.date(2026, 2, 16), DayReason.HOLIDAY, "Tết"),
        (dt.date(2026, 2, 20), DayReason.HOLIDAY, "Tết"),
        (dt.date(2027, 2, 5), DayReason.HOLIDAY, "Tết"),
        (dt.date(2027, 2, 10), DayReason.HOLIDAY, "Tết"),
        # 30/4 and 1/5, with the 2025 swap (off Fri 2/5, worked Sat 26/4)
        (dt.date(2025, 4, 30), DayReason.HOLIDAY, "Chiến thắng"),
        (dt.date(2025, 5, 1), DayReason.HOLIDAY, "Lao động"),
        (dt.date(2025, 5, 2), DayReason.HOLIDAY, "26/04/2025"),
        (dt.date(2026, 4, 30), DayReason.HOLIDAY, "Chiến thắng"),
        (dt.date(2026, 5, 1), DayReason.HOLIDAY, "Lao động"),
        (dt.date(2027, 4, 30), DayReason.HOLIDAY, "Chiến thắng"),
        (dt.date(2027, 5, 3), DayReason.HOLIDAY, "nghỉ bù"),  # 1/5/2027 is a Saturday
        # Hùng Kings: 26/4/2026 is a Sunday, made up on Monday 27/4
        (dt.date(2025, 4, 7), DayReason.HOLIDAY, "Hùng Vương"),
        (dt.date(2026, 4, 27), DayReason.HOLIDAY, "nghỉ bù"),
        (dt.date(2027, 4, 16), DayReason.HOLIDAY, "Hùng Vương"),
        # National Day with its adjacent day (and the 2026 swap: off Mon 31/8)
        (dt.date(2025, 9, 1), DayReason.HOLIDAY, "Quốc khánh"),
        (dt.date(2025, 9, 2), DayReason.HOLIDAY, "Quốc khánh"),
        (dt.date(2026, 8, 31), DayReason.HOLIDAY, "22/08/2026"),
        (dt.date(2026, 9, 2), DayReason.HOLIDAY, "Quốc khánh"),
        (dt.date(2027, 9, 3), DayReason.HOLIDAY, "Quốc khánh"),
        # 24/11: a day off from 2026
        (dt.date(2026, 11, 24), DayReason.HOLIDAY, "Văn hóa"),
        (dt.date(2027, 11, 24), DayReason.HOLIDAY, "Văn hóa"),
        # Published make-up Saturdays
        (dt.date(2025, 4, 26), DayReason.MAKE_UP_WORKING_DAY, "Làm bù"),
        (dt.date(2026, 8, 22), DayReason.MAKE_UP_WORKING_DAY, "Làm bù"),
    ],
)
def test_published_days(day: dt.date, reason: DayReason, name_part: str) -> None:
    info = CAL.day_info(day)
    assert info.reason is reason
    assert info.working is (reason is DayReason.MAKE_UP_WORKING_DAY)
    assert name_part in info.name_vi
    assert info.name_en  # English name present


@pytest.mark.parametrize(
    "day",
    [dt.date(2025, 11, 24), dt.date(2026, 5, 4), dt.date(2026, 11, 23), dt.date(2027, 2, 11)],
)
def test_ordinary_working_days(day: dt.date) -> None:
    assert CAL.day_info(day).reason is DayReason.WORKING_DAY
    assert CAL.is_working_day(day)


def test_domain_example_fifth_working_day_after_28_april_2025() -> None:
    # ../shared/domain.md §3: the 5th WD after Mon 28/4/2025 is Thu 8/5/2025.
    assert CAL.add_working_time(at(2025, 4, 28, 9), 40 * H) == at(2025, 5, 8, 9)
    assert CAL.add_working_time(at(2025, 4, 28, 17), 40 * H) == at(2025, 5, 8, 17)


def test_issue_example_three_working_days_over_30_april() -> None:
    due = due_for_time_limit(CAL, at(2026, 4, 29, 9), Decimal(3), TimeUnit.WORKING_DAYS)
    assert due == at(2026, 5, 6, 9)


def test_tet_2026_is_skipped_whole() -> None:
    # Friday 13/2/2026 16:00 + 2 working hours: the weekend and Tết (16-20/2) are skipped.
    assert CAL.add_working_time(at(2026, 2, 13, 16), 2 * H) == at(2026, 2, 23, 8)


def test_deadline_ending_at_close_is_the_close_not_next_opening() -> None:
    assert CAL.add_working_time(at(2026, 11, 23, 13, 30), 3.5 * H) == at(2026, 11, 23, 17)
    assert CAL.add_working_time(at(2026, 11, 23, 7), 4.5 * H) == at(2026, 11, 23, 11, 30)
    # A full working day from the opening ends at that day's close.
    assert CAL.add_working_time(at(2026, 11, 25, 7), 8 * H) == at(2026, 11, 25, 17)


def test_lunch_break_and_evening_are_not_working_time() -> None:
    assert CAL.add_working_time(at(2026, 11, 23, 11), 1 * H) == at(2026, 11, 23, 14)
    # Monday 23/11/2026 16:00 + 2 h: Tuesday 24/11 is a day off from 2026.
    assert CAL.add_working_time(at(2026, 11, 23, 16), 2 * H) == at(2026, 11, 25, 8)
    assert CAL.working_time_between(at(2026, 11, 23, 11), at(2026, 11, 23, 14)) == 1 * H


def test_working_time_between_is_signed() -> None:
    a, b = at(2026, 11, 25, 8), at(2026, 11, 25, 10)
    assert CAL.working_time_between(a, b) == 2 * H
    assert CAL.working_time_between(b, a) == -2 * H


def test_next_working_instant_and_office_hours() -> None:
    assert CAL.next_working_instant(at(2026, 11, 25, 9)) == at(2026, 11, 25, 9)
    assert CAL.next_working_instant(at(2026, 11, 25, 12)) == at(2026, 11, 25, 13, 30)
    assert CAL.next_working_instant(at(2026, 11, 27, 17)) == at(2026, 11, 30, 7)  # Fri close
    assert CAL.next_working_instant(at(2026, 11, 28, 9)) == at(2026, 11, 30, 7)  # Saturday
    assert CAL.is_office_hours(at(2026, 11, 25, 7))
    assert not CAL.is_office_hours(at(2026, 11, 25, 11, 30))  # the close itself is out
    assert not CAL.is_office_hours(at(2026, 11, 24, 9))  # day off
    assert not CAL.is_office_hours(at(2026, 11, 28, 9))  # Saturday


def test_instants_in_another_zone_are_converted() -> None:
    utc = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC)  # 09:00 in Vietnam
    assert CAL.is_office_hours(utc)
    assert CAL.add_working_time(utc, 1 * H) == at(2026, 11, 25, 10)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(CalendarError):
        CAL.add_working_time(dt.datetime(2026, 11, 25, 9), H)  # noqa: DTZ001


def test_configured_make_up_saturday_counts_and_extra_day_off_does_not() -> None:
    cal = WorkingCalendar(
        overrides={
            dt.date(2026, 12, 5): DayOverride("working_day", "Làm bù cho 31/12/2026", "QĐ 1/UBND"),
            dt.date(2026, 12, 31): DayOverride("day_off", "Nghỉ bù theo QĐ 1/UBND"),
        }
    )
    assert cal.day_info(dt.date(2026, 12, 5)).reason is DayReason.MAKE_UP_WORKING_DAY
    # Friday 4/12 17:00 + 8 h lands on the make-up Saturday's close.
    assert cal.add_working_time(at(2026, 12, 4, 17), 8 * H) == at(2026, 12, 5, 17)
    assert CAL.add_working_time(at(2026, 12, 4, 17), 8 * H) == at(2026, 12, 7, 17)
    # 30/12 17:00 + 1 h skips the extra day off and New Year's Day (and the weekend).
    assert cal.add_working_time(at(2026, 12, 30, 17), 1 * H) == at(2027, 1, 4, 8)


def test_effective_dated_office_hours() -> None:
    summer = OfficeSchedule(dt.date(2026, 5, 1), parse_blocks("07:30-11:30,13:00-17:00"))
    cal = WorkingCalendar(
        schedules=[OfficeSchedule(dt.date.min, parse_blocks("07:00-11:30,13:30-17:00")), summer]
    )
    assert cal.hours_per_day(dt.date(2026, 4, 1)) == 8 * H
    assert cal.hours_per_day(dt.date(2026, 6, 1)) == 8 * H
    assert cal.next_working_instant(at(2026, 6, 1, 7)) == at(2026, 6, 1, 7, 30)
    assert cal.next_working_instant(at(2026, 4, 1, 7)) == at(2026, 4, 1, 7)
    assert cal.add_working_time(at(2026, 6, 1, 11), H) == at(2026, 6, 1, 13, 30)


@pytest.mark.parametrize(
    "text", ["07:00-11:30,11:00-17:00", "17:00-07:00", "7h-11h", "25:00-26:00", ""]
)
def test_bad_office_hours_are_refused(text: str) -> None:
    with pytest.raises(CalendarError):
        parse_blocks(text)


class TestClockStart:
    def test_in_office_hours_starts_at_once(self) -> None:
        assert clock_start(CAL, at(2026, 11, 25, 9, 15)) == at(2026, 11, 25, 9, 15)

    def test_outside_office_hours_starts_at_next_working_instant(self) -> None:
        assert clock_start(CAL, at(2026, 11, 25, 20)) == at(2026, 11, 26, 7)
        assert clock_start(CAL, at(2026, 11, 25, 12)) == at(2026, 11, 25, 13, 30)
        assert clock_start(CAL, at(2026, 11, 28, 9)) == at(2026, 11, 30, 7)  # Saturday counter

    def test_paper_after_cutoff_starts_next_working_day(self) -> None:
        cutoff = dt.time(15, 0)
        assert clock_start(CAL, at(2026, 11, 25, 14, 59), cutoff=cutoff) == at(2026, 11, 25, 14, 59)
        assert clock_start(CAL, at(2026, 11, 25, 15, 0), cutoff=cutoff) == at(2026, 11, 26, 7)
        # Friday after the cut-off: Monday's opening.
        assert clock_start(CAL, at(2026, 11, 27, 16), cutoff=cutoff) == at(2026, 11, 30, 7)
        # Monday 23/11/2026 after the cut-off: Tuesday is a day off.
        assert clock_start(CAL, at(2026, 11, 23, 15, 30), cutoff=cutoff) == at(2026, 11, 25, 7)


class TestTimeLimitUnits:
    def test_same_day_is_the_close_of_the_clock_start_day(self) -> None:
        due = due_for_time_limit(CAL, at(2026, 11, 25, 9), Decimal(0), TimeUnit.WORKING_DAYS)
        assert due == at(2026, 11, 25, 17)

    def test_half_day(self) -> None:
        due = due_for_time_limit(CAL, at(2026, 11, 25, 9), Decimal("0.5"), TimeUnit.WORKING_DAYS)
        assert due == at(2026, 11, 25, 15)  # 2.5 h before lunch, 1.5 h after

    def test_working_hours(self) -> None:
        due = due_for_time_limit(CAL, at(2026, 11, 25, 16), Decimal(2), TimeUnit.WORKING_HOURS)
        assert due == at(2026, 11, 26, 8)

    def test_calendar_days_end_at_close_and_move_off_days_off(self) -> None:
        # 15 days from Wed 25/11/2026 = Thu 10/12/2026.
        due = due_for_time_limit(CAL, at(2026, 11, 25, 9), Decimal(15), TimeUnit.CALENDAR_DAYS)
        assert due == at(2026, 12, 10, 17)
        # 3 days from Wed 25/11 = Sat 28/11 → close of Monday 30/11.
        due = due_for_time_limit(CAL, at(2026, 11, 25, 9), Decimal(3), TimeUnit.CALENDAR_DAYS)
        assert due == at(2026, 11, 30, 17)

    def test_months_clamp_to_month_end(self) -> None:
        due = due_for_time_limit(CAL, at(2027, 1, 29, 9), Decimal(1), TimeUnit.MONTHS)
        assert due == at(2027, 3, 1, 17)  # 28/2/2027 is a Sunday → Monday 1/3

    def test_fractional_calendar_days_refused(self) -> None:
        with pytest.raises(CalendarError):
            due_for_time_limit(CAL, at(2026, 11, 25, 9), Decimal("1.5"), TimeUnit.CALENDAR_DAYS)

    def test_negative_refused(self) -> None:
        with pytest.raises(CalendarError):
            due_for_time_limit(CAL, at(2026, 11, 25, 9), Decimal(-1), TimeUnit.WORKING_DAYS)

    def test_pauses_push_calendar_day_limits(self) -> None:
        pause = Pause(at(2026, 11, 26, 7), at(2026, 11, 27, 7))  # one working day paused
        due = due_for_time_limit(
            CAL, at(2026, 11, 25, 9), Decimal(15), TimeUnit.CALENDAR_DAYS, pauses=[pause]
        )
        assert due == at(2026, 12, 11, 17)


class TestClock:
    start = at(2026, 11, 25, 9)

    def test_due_remaining_overdue(self) -> None:
        clock = Clock(self.start, 16 * H)
        assert clock.due(CAL) == at(2026, 11, 27, 9)
        assert clock.remaining(CAL, at(2026, 11, 26, 9)) == 8 * H
        assert not clock.is_overdue(CAL, at(2026, 11, 27, 9))
        assert clock.is_overdue(CAL, at(2026, 11, 27, 9, 1))
        assert clock.remaining(CAL, at(2026, 11, 27, 10)) == -1 * H

    def test_consumed_before_shortens_what_is_left(self) -> None:
        clock = Clock(self.start, 16 * H, consumed_before=8 * H)
        assert clock.due(CAL) == at(2026, 11, 26, 9)

    def test_closed_pause_pushes_due_by_paused_working_time(self) -> None:
        pause = Pause(at(2026, 11, 25, 10), at(2026, 11, 26, 10), kind="financial_obligation")
        clock = Clock(self.start, 16 * H, pauses=(pause,))
        assert clock.due(CAL) == at(2026, 11, 30, 9)  # +8 h: Fri 27/11 9:00 → Mon 30/11 9:00
        assert clock.paused_time(CAL, at(2026, 12, 1)) == 8 * H

    def test_open_pause_stops_the_clock(self) -> None:
        clock = Clock(self.start, 16 * H, pauses=(Pause(at(2026, 11, 25, 10)),))
        assert clock.due(CAL) is None
        assert clock.consumed(CAL, at(2026, 12, 31, 9)) == 1 * H
        assert not clock.is_overdue(CAL, at(2026, 12, 31, 9))

    def test_pause_after_the_due_does_not_move_it(self) -> None:
        clock = Clock(self.start, 8 * H, pauses=(Pause(at(2026, 11, 27, 9)),))
        assert clock.due(CAL) == at(2026, 11, 26, 9)
        assert clock.is_overdue(CAL, at(2026, 11, 26, 10))

    def test_a_day_off_added_later_moves_the_due(self) -> None:
        clock = Clock(self.start, 16 * H)
        later = WorkingCalendar(overrides={dt.date(2026, 11, 26): DayOverride("day_off", "Bão")})
        assert clock.due(later) == at(2026, 11, 30, 9)


class TestExplain:
    def test_lists_skipped_days_with_reasons_in_both_languages(self) -> None:
        clock = Clock(at(2026, 4, 29, 9), 24 * H)
        explanation = explain(CAL, clock)
        assert explanation.due == at(2026, 5, 6, 9)
        assert [d.date for d in explanation.skipped] == [
            dt.date(2026, 4, 30),
            dt.date(2026, 5, 1),
            dt.date(2026, 5, 2),
            dt.date(2026, 5, 3),
        ]
        assert [d.reason for d in explanation.skipped] == [
            DayReason.HOLIDAY,
            DayReason.HOLIDAY,
            DayReason.WEEKEND,
            DayReason.WEEKEND,
        ]
        vi = "\n".join(explanation.lines("vi"))
        en = "\n".join(explanation.lines("en"))
        assert "30/04/2026 (thứ Năm): ngày lễ, Tết: Ngày Chiến thắng" in vi
        assert "01/05/2026 (Friday): public holiday: International Labor Day" in en

    def test_lists_make_up_days_and_pauses(self) -> None:
        pause = Pause(at(2026, 8, 20, 7), at(2026, 8, 21, 7), reason="Chờ nộp phí")
        clock = Clock(at(2026, 8, 19, 9), 24 * H, pauses=(pause,))
        explanation = explain(CAL, clock)
        assert [d.date for d in explanation.make_up_days] == [dt.date(2026, 8, 22)]
        assert explanation.pauses[0].working_time == 8 * H
        text = "\n".join(explanation.lines("vi"))
        assert "Tạm dừng" in text
        assert "Chờ nộp phí" in text
        assert explanation.as_dict()["pauses"] == [pause_dict(pause)]


def pause_dict(pause: Pause) -> dict[str, object]:
    return {
        "start": pause.start.isoformat(),
        "end": pause.end.isoformat() if pause.end else None,
        "kind": "pause",
        "reason": pause.reason,
        "working_hours": 8.0,
    }


def test_instant_before_walks_back_over_days_off() -> None:
    # One working day before Tuesday 5/5/2026 09:00: Monday 4/5 09:00 (no holiday that week);
    # before Monday 4/5/2026 09:00 it skips the weekend and 1/5 (Labour Day): Thursday 30/4 is
    # Reunification Day, so it is Wednesday 29/4 09:00.
    assert CAL.instant_before(at(2026, 5, 5, 9), 8 * H) == at(2026, 5, 4, 9)
    assert CAL.instant_before(at(2026, 5, 4, 9), 8 * H) == at(2026, 4, 29, 9)
    # A boundary at the close of a block is that close, to the second.
    assert CAL.instant_before(at(2026, 5, 5, 7), 8 * H) == at(2026, 5, 4, 7)
