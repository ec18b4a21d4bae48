"""Vietnamese display of catalog figures: amounts, decimals, time limits, percentages.

Pure functions, the same whatever language is active: amounts are in đồng and procedure texts
are Vietnamese, so "100.000 đồng" reads the same on the English page. Used by the portal's pages
and by the official forms (`motcua.documents`, which may not import an interface).
"""

from collections.abc import Iterable
from decimal import Decimal

from motcua.calendar.engine import TimeUnit

UNIT_LABELS = {
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
    TimeUnit.MONTHS: "tháng",
}


def decimal_vi(value: Decimal | int) -> str:
    """A number Vietnamese style: "." groups thousands, "," marks decimals; no trailing zeros.

    >>> decimal_vi(Decimal("1234567.50"))
    '1.234.567,5'
    """
    number = Decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def money_vi(amount: Decimal | int, unit: str = "đồng") -> str:
    """An amount with its unit: "100.000 đồng", "50.000 đồng/hồ sơ" (the unit is stored as
    "đồng/hồ sơ"; a unit without "đồng" gets it in front)."""
    unit = unit.strip()
    if not unit:
        unit = "đồng"
    elif not unit.startswith("đồng"):
        unit = f"đồng/{unit}"
    return f"{decimal_vi(amount)} {unit}"


def unit_vi(unit: str) -> str:
    try:
        return UNIT_LABELS[TimeUnit(unit)]
    except ValueError:
        return unit


def time_limit_vi(value: Decimal, unit: str) -> str:
    """ "3 ngày làm việc", "15 ngày", "4 giờ làm việc"; 0 working days or hours = "Trong ngày"."""
    if value == 0 and unit in (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS):
        return "Trong ngày"
    return f"{decimal_vi(value)} {unit_vi(unit)}"


def percent_vi(value: Decimal) -> str:
    return f"{decimal_vi(value)}%"


def limits_summary_vi(limits: Iterable[tuple[Decimal, str]]) -> str:
    """The time limits of a procedure's case variants in one phrase: "3 ngày làm việc",
    "3 – 5 ngày làm việc" (one unit), or each distinct limit separated by "; "."""
    distinct = sorted(set(limits), key=lambda item: (item[1], item[0]))
    if not distinct:
        return ""
    units = {unit for _, unit in distinct}
    if len(distinct) > 1 and len(units) == 1:
        (unit,) = units
        low, high = distinct[0][0], distinct[-1][0]
        if low == 0:
            return f"{time_limit_vi(low, unit)} – {time_limit_vi(high, unit)}"
        return f"{decimal_vi(low)} – {decimal_vi(high)} {unit_vi(unit)}"
    return "; ".join(time_limit_vi(value, unit) for value, unit in distinct)
