"""Time helpers: store UTC, compute in Asia/Ho_Chi_Minh."""

import datetime as dt
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def to_local(instant: dt.datetime) -> dt.datetime:
    """The instant in Vietnam's local time. Naive datetimes are refused: they are a bug."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: every instant must carry a time zone")
    return instant.astimezone(VN_TZ)


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock time on a day in Vietnam, as an aware datetime (Vietnam has no DST)."""
    return dt.datetime.combine(day, time, tzinfo=VN_TZ)


def parse_local(value: str) -> dt.datetime:
    """Parse ISO 8601; a value without an offset is read as Vietnam's local time."""
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VN_TZ)
    return parsed


def local_today() -> dt.date:
    """Today's date in Vietnam: what is public, due or late is decided by the local date."""
    from django.utils import timezone

    return to_local(timezone.now()).date()
