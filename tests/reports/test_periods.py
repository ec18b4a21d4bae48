"""Reporting periods: parsing the tokens of URLs and the command line, the local-midnight
boundaries, and the period before (domain §11: carried over = open at 00:00 on day 1)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.errors import ValidationFailed
from motcua.reports.periods import (
    Period,
    PeriodKind,
    custom,
    month,
    parse_period,
    period_between,
    quarter,
    year,
)

D = dt.date
HCM_OFFSET = dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh, no daylight saving


def test_tokens_parse_into_months_quarters_years_and_custom_ranges():
    assert parse_period("2026-03") == Period(PeriodKind.MONTH, D(2026, 3, 1), D(2026, 3, 31))
    assert parse_period("2026-Q1") == Period(PeriodKind.QUARTER, D(2026, 1, 1), D(2026, 3, 31))
    assert parse_period("2026-q4") == Period(PeriodKind.QUARTER, D(2026, 10, 1), D(2026, 12, 31))
    assert parse_period("2026") == Period(PeriodKind.YEAR, D(2026, 1, 1), D(2026, 12, 31))
    assert parse_period(" 2026-02 ") == month(2026, 2)  # surrounding spaces are ignored
    # Custom dates stay custom even when they make a quarter (period_between names those).
    assert parse_period("2026-01-01..2026-03-31") == Period(
        PeriodKind.CUSTOM, D(2026, 1, 1), D(2026, 3, 31)
    )


def test_tokens_and_labels():
    assert [p.token for p in (month(2026, 3), quarter(2026, 2), year(2026))] == [
        "2026-03", "2026-Q2", "2026",
    ]  # fmt: skip
    assert custom(D(2026, 3, 5), D(2026, 3, 20)).token == "2026-03-05..2026-03-20"
    assert [p.label for p in (month(2026, 3), quarter(2026, 2), year(2026))] == [
        "Tháng 3/2026", "Quý 2/2026", "Năm 2026",
    ]  # fmt: skip
    assert custom(D(2026, 3, 5), D(2026, 3, 20)).label == "Từ 05/03/2026 đến 20/03/2026"


@pytest.mark.parametrize(
    "token",
    [
        "", "abc", "2026-13", "2026-00", "2026-3", "26-03", "2026/03", "1999-12", "1999",
        "2026-Q5", "2026-Q0", "2026-Q", "2026-02-30..2026-03-01", "2026-03-01..", "2026-03-01...2026-03-02",
    ],
)  # fmt: skip
def test_bad_tokens_are_refused_with_period_invalid(token):
    with pytest.raises(ValidationFailed) as caught:
        parse_period(token)
    assert (caught.value.code, caught.value.field) == ("period_invalid", "period")


def test_a_custom_range_must_run_forward_and_not_too_long():
    with pytest.raises(ValidationFailed) as caught:
        parse_period("2026-03-31..2026-03-01")
    assert (caught.value.code, caught.value.field) == ("period_invalid", "to")
    # At most about three years: 3 × 366 + 1 days.
    custom(D(2024, 1, 1), D(2024, 1, 1) + dt.timedelta(days=3 * 366))  # 1,099 days: accepted
    with pytest.raises(ValidationFailed) as caught:
        custom(D(2024, 1, 1), D(2024, 1, 1) + dt.timedelta(days=3 * 366 + 1))
    assert caught.value.code == "period_too_long"
    assert custom(D(2026, 3, 9), D(2026, 3, 9)).contains(D(2026, 3, 9))  # a single day


def test_boundaries_are_local_midnights():
    march = month(2026, 3)
    # 1/3 00:00 in Hồ Chí Minh City is 28/2 17:00 UTC; the end is 1/4 00:00 local (exclusive).
    assert march.start == dt.datetime(2026, 2, 28, 17, tzinfo=dt.UTC)
    assert march.end == dt.datetime(2026, 3, 31, 17, tzinfo=dt.UTC)
    assert march.start.utcoffset() == HCM_OFFSET
    assert month(2028, 2).last == D(2028, 2, 29)  # a leap year
    assert month(2026, 2).last == D(2026, 2, 28)
    assert (march.contains(D(2026, 3, 31)), march.contains(D(2026, 4, 1))) == (True, False)
    assert quarter(2026, 1).end == month(2026, 4).start
    assert year(2026).end == month(2027, 1).start


def test_the_previous_period():
    assert month(2026, 3).previous() == month(2026, 2)
    assert month(2026, 1).previous() == month(2025, 12)
    assert quarter(2026, 1).previous() == quarter(2025, 4)
    assert quarter(2026, 3).previous() == quarter(2026, 2)
    assert year(2026).previous() == year(2025)
    # Custom: as many days just before (16 days: 5–20/3 → 17/2–4/3).
    assert custom(D(2026, 3, 5), D(2026, 3, 20)).previous() == custom(D(2026, 2, 17), D(2026, 3, 4))


def test_period_between_names_whole_months_quarters_and_years():
    assert period_between(D(2026, 3, 1), D(2026, 3, 31)) == month(2026, 3)
    assert period_between(D(2026, 1, 1), D(2026, 3, 31)) == quarter(2026, 1)
    assert period_between(D(2026, 1, 1), D(2026, 12, 31)) == year(2026)
    assert period_between(D(2026, 3, 1), D(2026, 3, 30)).kind is PeriodKind.CUSTOM
    assert period_between(D(2026, 2, 1), D(2026, 3, 31)).kind is PeriodKind.CUSTOM
    with pytest.raises(ValidationFailed) as caught:
        period_between(D(2026, 3, 2), D(2026, 3, 1))
    assert caught.value.code == "period_invalid"


periods = st.one_of(
    st.builds(month, st.integers(2000, 2099), st.integers(1, 12)),
    st.builds(quarter, st.integers(2000, 2099), st.integers(1, 4)),
    st.builds(year, st.integers(2000, 2099)),
    st.builds(
        lambda first, days: custom(first, first + dt.timedelta(days=days)),
        st.dates(D(2001, 1, 1), D(2098, 1, 1)),
        st.integers(0, 400),
    ),
)


@given(periods)
def test_tokens_round_trip_and_periods_tile_time(period):
    assert parse_period(period.token) == period
    before = period.previous()
    assert before.kind is period.kind
    assert before.end == period.start  # no gap, no overlap
    assert (period.end - period.start).days >= 1
