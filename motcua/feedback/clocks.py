"""The time limits of a PAKN's steps, in working days of the acting agency's calendar (domain §3,
§10): classify (accept or refuse) 2, forward 5 and ask for more information 5 working days from
receipt at the agency; answer 15 from acceptance; publish 2 from the answer
(`MOTCUA_FEEDBACK_WORKING_DAYS`, shortened per class by `MOTCUA_FEEDBACK_WORKING_DAYS_BY_SUBJECT`:
the shorter wins).

A step's due instant is computed when the step starts and stored on the PAKN (a forward restarts
the clocks at the new agency); whether a step is overdue or due soon is derived on read.
"""

import datetime as dt
import enum
from decimal import Decimal

from django.conf import settings

from motcua.calendar.engine import (
    ZERO,
    TimeUnit,
    WorkingCalendar,
    due_for_time_limit,
    working_days_to_time,
)
from motcua.core.timezone import to_local


class Step(enum.StrEnum):
    CLASSIFY = "classify"
    FORWARD = "forward"
    INFO_REQUEST = "info_request"
    ANSWER = "answer"
    PUBLISH = "publish"


DEFAULT_WORKING_DAYS: dict[Step, int] = {
    Step.CLASSIFY: 2,
    Step.FORWARD: 5,
    Step.INFO_REQUEST: 5,
    Step.ANSWER: 15,
    Step.PUBLISH: 2,
}


def working_days(step: Step, *, subject: str) -> int:
    """The step's limit in working days for a PAKN of this class (subject)."""
    configured = getattr(settings, "MOTCUA_FEEDBACK_WORKING_DAYS", {})
    days = int(configured.get(step.value, DEFAULT_WORKING_DAYS[step]))
    by_subject = getattr(settings, "MOTCUA_FEEDBACK_WORKING_DAYS_BY_SUBJECT", {})
    shorter = by_subject.get(subject, {}).get(step.value)
    if shorter is not None:
        days = min(days, int(shorter))
    return max(days, 0)


def step_due(
    calendar: WorkingCalendar, *, step: Step, subject: str, start: dt.datetime
) -> dt.datetime:
    """When the step started at `start` is due (outside office hours the clock starts at the next
    working instant; 0 days = the close of that working day)."""
    days = Decimal(working_days(step, subject=subject))
    return due_for_time_limit(calendar, start, days, TimeUnit.WORKING_DAYS)


def step_budget(
    calendar: WorkingCalendar, *, step: Step, subject: str, on: dt.datetime
) -> dt.timedelta:
    """The step's limit as working time (8 h a working day with the default office hours)."""
    days = Decimal(working_days(step, subject=subject))
    return working_days_to_time(calendar, days, on=to_local(on).date())


def pushed_by_wait(
    calendar: WorkingCalendar,
    *,
    due: dt.datetime,
    wait_started: dt.datetime,
    wait_ended: dt.datetime,
) -> dt.datetime:
    """A due moved by a wait that stopped its clock: the working time that was left when the wait
    began is counted again from its end. A clock already overdue when the wait began stays put."""
    left = calendar.working_time_between(wait_started, due)
    if left <= ZERO:
        return due
    return calendar.add_working_time(max(wait_ended, wait_started), left)
