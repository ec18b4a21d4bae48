"""Vietnamese formatting of instants and dates for messages, also as template filters.

The notification templates get these filters built in (no `{% load %}`):
`{{ appointment_at|datetime_vi }}` → "16 giờ 30 ngày 27/11/2026".
"""

import datetime as dt

from django import template

from motcua.core.timezone import to_local

register = template.Library()


@register.filter
def datetime_vi(value: dt.datetime | None) -> str:
    """An instant in Vietnam's local time: "16 giờ 30 ngày 27/11/2026", "8 giờ 05 ngày 01/12/2026".

    Naive datetimes are refused (ValueError), as everywhere in motcua; None renders as "".
    """
    if value is None:
        return ""
    local = to_local(value)
    return f"{local.hour} giờ {local.minute:02d} ngày {local:%d/%m/%Y}"


@register.filter
def date_vi(value: dt.date | None) -> str:
    """A date: "27/11/2026". An aware datetime is first taken to Vietnam's local date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = to_local(value).date()
    return f"{value:%d/%m/%Y}"
