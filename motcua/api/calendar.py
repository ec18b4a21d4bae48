"""Calendar endpoints: the due instant of a time limit, and what each day is."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field, model_validator

from motcua.accounts.models import Agency
from motcua.calendar.engine import CalendarError, TimeUnit
from motcua.calendar.selectors import calendar_for_agency, deadline_compute
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.timezone import parse_local

router = Router(tags=["calendar"])

MAX_DAYS_LISTED = 400


class DeadlineQuery(Schema):
    start: str = Field(
        description="Thời điểm tiếp nhận, ISO 8601; không có múi giờ = giờ Việt Nam."
    )
    working_days: Decimal | None = Field(None, ge=0)
    working_hours: Decimal | None = Field(None, ge=0)
    calendar_days: int | None = Field(None, ge=0)
    months: int | None = Field(None, ge=0)
    agency: str | None = Field(None, description="Mã định danh cơ quan.")
    paper: bool = Field(False, description="Hồ sơ giấy: áp dụng giờ chốt chuyển hồ sơ.")

    @model_validator(mode="after")
    def exactly_one_limit(self) -> "DeadlineQuery":
        given = [
            v
            for v in (self.working_days, self.working_hours, self.calendar_days, self.months)
            if v is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "Cần đúng một trong working_days, working_hours, calendar_days, months."
            )
        return self


class DayOut(Schema):
    date: dt.date
    working: bool
    reason: Literal["working_day", "weekend", "holiday", "extra_day_off", "make_up_working_day"]
    name_vi: str
    name_en: str
    legal_reference: str


class TimeLimitOut(Schema):
    value: str
    unit: Literal["working_hours", "working_days", "calendar_days", "months"]


class DeadlineOut(Schema):
    due: dt.datetime
    received: dt.datetime
    clock_start: dt.datetime
    time_limit: TimeLimitOut
    budget_hours: float
    agency: str | None
    skipped: list[DayOut]
    make_up_days: list[DayOut]


class DaysQuery(Schema):
    start: dt.date
    end: dt.date
    agency: str | None = None


def _agency(code: str | None) -> Agency | None:
    if code is None:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise NotFound(f"Không có cơ quan mã «{code}».", code="agency_not_found", field="agency")
    return agency


@router.get("/deadline", response=DeadlineOut, summary="Tính hạn xử lý theo thời gian làm việc")
def deadline(request: HttpRequest, query: Query[DeadlineQuery]) -> dict[str, object]:
    try:
        received = parse_local(query.start)
    except ValueError as exc:
        raise ValidationFailed(
            f"Không đọc được thời điểm «{query.start}».", code="bad_datetime", field="start"
        ) from exc
    if query.working_days is not None:
        unit, value = TimeUnit.WORKING_DAYS, query.working_days
    elif query.working_hours is not None:
        unit, value = TimeUnit.WORKING_HOURS, query.working_hours
    elif query.calendar_days is not None:
        unit, value = TimeUnit.CALENDAR_DAYS, Decimal(query.calendar_days)
    else:
        unit, value = TimeUnit.MONTHS, Decimal(query.months or 0)
    try:
        answer = deadline_compute(
            received=received,
            value=value,
            unit=unit,
            agency=_agency(query.agency),
            paper=query.paper,
        )
    except CalendarError as exc:
        raise ValidationFailed(str(exc), code="calendar_error") from exc
    return answer.as_dict()


@router.get("/days", response=list[DayOut], summary="Ngày làm việc, ngày nghỉ trong một khoảng")
def days(request: HttpRequest, query: Query[DaysQuery]) -> list[dict[str, str | bool]]:
    if query.end < query.start:
        raise ValidationFailed(
            "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.", code="bad_range", field="end"
        )
    if (query.end - query.start).days >= MAX_DAYS_LISTED:
        raise ValidationFailed(
            f"Mỗi lần chỉ xem tối đa {MAX_DAYS_LISTED} ngày.", code="range_too_long", field="end"
        )
    calendar = calendar_for_agency(_agency(query.agency))
    return [day.as_dict() for day in calendar.days_between(query.start, query.end)]
