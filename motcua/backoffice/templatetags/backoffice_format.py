"""Formatting for officers' pages."""

import datetime as dt

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from motcua.calendar.engine import Explanation

register = template.Library()


@register.filter
def hours(amount: dt.timedelta | None) -> str:
    """Working time in hours with at most one decimal, in the active locale: «12,5»."""
    if amount is None:
        return ""
    value = round(amount.total_seconds() / 3600, 1)
    return number_format(value, decimal_pos=0 if value == int(value) else 1)


@register.filter
def filesize(size: int | None) -> str:
    """«850 kB», «2,4 MB»."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        return f"{number_format(max(1, round(size / 1024)))} kB"
    return f"{number_format(round(size / (1024 * 1024), 1), decimal_pos=1)} MB"


@register.filter
def explained(explanation: Explanation) -> list[str]:
    """The deadline explanation's lines in the active language (Vietnamese or English)."""
    return explanation.lines("en" if (get_language() or "vi").startswith("en") else "vi")
