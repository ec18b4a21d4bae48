import datetime as dt

import pytest

from motcua.core.timezone import VN_TZ
from motcua.documents import formatting as fmt


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 24), "ngày 24 tháng 11 năm 2026"),
        (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (dt.date(2025, 7, 1), "ngày 01 tháng 7 năm 2025"),
        (dt.date(2025, 3, 10), "ngày 10 tháng 3 năm 2025"),
    ],
)
def test_dates_follow_the_administrative_style(day, expected):
    assert fmt.date_words(day) == expected


def test_place_and_date_line():
    assert (
        fmt.place_date_line("Sơn Hà", dt.date(2026, 11, 24)) == "Sơn Hà, ngày 24 tháng 11 năm 2026"
    )


def test_instants_are_printed_in_local_time():
    instant = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)  # 16:30 in Vietnam
    assert fmt.instant_words(instant) == "16 giờ 30 phút, ngày 27 tháng 11 năm 2026"
    assert fmt.instant_short(instant) == "16:30 27/11/2026"
    late = dt.datetime(2025, 6, 30, 17, 5, tzinfo=dt.UTC)  # already 1 July in Vietnam
    assert fmt.instant_words(late) == "00 giờ 05 phút, ngày 01 tháng 7 năm 2025"
    assert fmt.instant_words(dt.datetime(2026, 1, 2, 7, 5, tzinfo=VN_TZ)).startswith(
        "07 giờ 05 phút"
    )


def test_naive_instants_are_refused():
    with pytest.raises(ValueError, match="naive"):
        fmt.instant_words(dt.datetime(2026, 11, 27, 16, 30))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (100000, "100.000 đồng"),
        (1250000, "1.250.000 đồng"),
        (500, "500 đồng"),
        (0, "0 đồng"),
        (-20000, "-20.000 đồng"),
    ],
)
def test_money(amount, expected):
    assert fmt.money(amount) == expected


def test_counts_take_two_digits():
    assert [fmt.count(n) for n in (1, 9, 10, 125)] == ["01", "09", "10", "125"]
