"""Vietnamese formatting of dates, times, counts and amounts as the official forms print them.

Dates follow Decree 30/2020/NĐ-CP (administrative documents): a day below 10 and the months
1 and 2 take a leading zero ("ngày 05 tháng 02 năm 2026", "ngày 24 tháng 11 năm 2026").
Instants are shown in Vietnam's local time.
"""

import datetime as dt

from motcua.core.timezone import to_local


def _day(value: int) -> str:
    return f"{value:02d}"


def _month(value: int) -> str:
    return f"{value:02d}" if value <= 2 else str(value)


def date_words(day: dt.date) -> str:
    """ "ngày 24 tháng 11 năm 2026"."""
    return f"ngày {_day(day.day)} tháng {_month(day.month)} năm {day.year}"


def place_date_line(place: str, day: dt.date) -> str:
    """ "Sơn Hà, ngày 24 tháng 11 năm 2026": the place-and-date line under the national heading."""
    return f"{place}, {date_words(day)}"


def instant_words(instant: dt.datetime) -> str:
    """ "16 giờ 30 phút, ngày 27 tháng 11 năm 2026" (local time)."""
    local = to_local(instant)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {date_words(local.date())}"


def instant_short(instant: dt.datetime) -> str:
    """ "16:30 27/11/2026" (local time), for table cells."""
    local = to_local(instant)
    return f"{local:%H:%M} {local:%d/%m/%Y}"


def date_short(day: dt.date) -> str:
    """ "27/11/2026"."""
    return f"{day:%d/%m/%Y}"


def money(amount: int) -> str:
    """ "100.000 đồng": dots group the thousands."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đồng"


def count(value: int) -> str:
    """Counts the way forms print them: "01", "02", …, "10", "125"."""
    return f"{value:02d}"
