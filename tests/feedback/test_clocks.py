"""The PAKN step limits as working time (no database): settings, the shorter class limit, the
calendar's days off, and a wait that stops the answer clock."""

import datetime as dt

import pytest

from motcua.calendar.engine import WorkingCalendar
from motcua.feedback.clocks import Step, pushed_by_wait, step_budget, step_due, working_days
from tests.dossiers.builders import at

CALENDAR = WorkingCalendar()  # national days off, default office hours
MONDAY = dt.date(2026, 3, 9)


def test_default_limits_follow_decision_766() -> None:
    assert {step: working_days(step, subject="regulation") for step in Step} == {
        Step.CLASSIFY: 2,
        Step.FORWARD: 5,
        Step.INFO_REQUEST: 5,
        Step.ANSWER: 15,
        Step.PUBLISH: 2,
    }


def test_settings_change_a_limit_and_a_class_may_only_shorten_it(settings) -> None:
    settings.MOTCUA_FEEDBACK_WORKING_DAYS = {"answer": 20}
    settings.MOTCUA_FEEDBACK_WORKING_DAYS_BY_SUBJECT = {
        "handling": {"answer": 10},
        "conduct": {"answer": 30},
    }
    assert working_days(Step.ANSWER, subject="regulation") == 20
    assert working_days(Step.ANSWER, subject="handling") == 10
    assert working_days(Step.ANSWER, subject="conduct") == 20
    assert working_days(Step.CLASSIFY, subject="handling") == 2  # not configured: the default


def test_a_step_started_outside_office_hours_starts_at_the_next_opening() -> None:
    # Saturday evening: the clock starts Monday 07:00; 2 working days end Tuesday 17:00.
    due = step_due(
        CALENDAR,
        step=Step.CLASSIFY,
        subject="regulation",
        start=at(MONDAY, 20) - dt.timedelta(days=2),
    )
    assert due == at(MONDAY + dt.timedelta(days=1), 17)


def test_the_answer_limit_over_tet() -> None:
    # Tết 2026: 16–20 February off. 15 working days (120 h) from Thursday 12 February 09:00:
    # 12–13/2 give 14 h, then 23/2 to 11/3 (13 working days) 104 h, the last 2 h on 12/3.
    due = step_due(
        CALENDAR, step=Step.ANSWER, subject="regulation", start=at(dt.date(2026, 2, 12), 9)
    )
    assert due == at(dt.date(2026, 3, 12), 9)


def test_budget_is_eight_hours_a_day() -> None:
    assert step_budget(CALENDAR, step=Step.ANSWER, subject="x", on=at(MONDAY, 9)) == dt.timedelta(
        hours=120
    )


def test_a_wait_pushes_the_due_by_the_working_time_it_took() -> None:
    due = at(MONDAY + dt.timedelta(days=3), 9)  # Thursday 09:00
    # Asked Monday 09:00 (3 working days left), answered Wednesday 09:00: due Monday 09:00.
    pushed = pushed_by_wait(CALENDAR, due=due, wait_started=at(MONDAY, 9),
                            wait_ended=at(MONDAY + dt.timedelta(days=2), 9))  # fmt: skip
    assert pushed == at(MONDAY + dt.timedelta(days=7), 9)


@pytest.mark.parametrize("late_by", [dt.timedelta(0), dt.timedelta(hours=5)])
def test_a_clock_overdue_when_the_wait_began_keeps_its_due(late_by) -> None:
    due = at(MONDAY, 9)
    pushed = pushed_by_wait(CALENDAR, due=due, wait_started=due + late_by,
                            wait_ended=due + dt.timedelta(days=2))  # fmt: skip
    assert pushed == due
