"""The public transparency page (/cong-khai/ket-qua-giai-quyet/): open to anyone, counts only (no
dossier code, no name), the current month to date and the previous month (or quarters), and
"chưa đủ số liệu" instead of a rate below the minimum sample.

The data is tests/reports/test_dashboard.py's `crafted_history`; "today" is Tuesday 31/3/2026:
- March (current): Công an tỉnh with PC06 resolved P1 (early), P3 (on time), P2 (late) → 3, 2
  in time, 1 late, 2/3 = 66.67%; the commune resolved E (early), F (late) → 2, 1, 1, 50%;
  the province 5, 3, 2 → 60%.
- February (previous): only the commune: A (late), B (early), C (on time) → 3, 2, 1, 66.67%.
- Quarter 1 (current): police 3, 2, 1; commune A, B, C, E, F → 5, 3 in time, 2 late, 60%.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from motcua.reports.dashboard import PublicRates
from tests.dossiers.builders import World, at, build_world
from tests.reports.test_dashboard import crafted_history

PAGE = reverse("portal:transparency")
TODAY = dt.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    world = build_world()
    crafted_history(world)
    return world


@pytest.fixture
def today():
    with time_machine.travel(at(TODAY, 10), tick=False):
        yield


def rows(rates: PublicRates) -> dict[str, tuple[int, int, int, str | None]]:
    return {
        r.name: (r.resolved, r.in_time, r.late, None if r.rate is None else str(r.rate))
        for r in rates.rows
    }


def test_anyone_sees_the_current_and_previous_month(client, world, today, settings):
    settings.MOTCUA_REPORT_MIN_SAMPLE = 2
    response = client.get(PAGE)
    assert response.status_code == 200
    (march, is_current), (february, was_current) = response.context["periods"]
    assert (march.period.token, is_current, february.period.token, was_current) == (
        "2026-03",
        True,
        "2026-02",
        False,
    )
    assert rows(march) == {
        "Công an tỉnh": (3, 2, 1, "66.67"),
        "UBND xã Hòa An": (2, 1, 1, "50.00"),
    }
    assert (march.total.resolved, march.total.in_time, str(march.total.rate)) == (5, 3, "60.00")
    assert rows(february) == {"UBND xã Hòa An": (3, 2, 1, "66.67")}
    html = response.content.decode()
    assert "Tháng 3/2026 (đến ngày 31/03/2026)" in html
    assert "66,67%" in html


def test_below_the_minimum_sample_no_rate_is_shown(client, world, today, settings):
    settings.MOTCUA_REPORT_MIN_SAMPLE = 3
    response = client.get(PAGE)
    march = response.context["periods"][0][0]
    # The commune resolved 2 < 3 in March: its counts, but no rate.
    assert rows(march)["UBND xã Hòa An"] == (2, 1, 1, None)
    assert rows(march)["Công an tỉnh"] == (3, 2, 1, "66.67")
    html = response.content.decode()
    commune_row = re.search(r"<th scope=\"row\">UBND xã Hòa An</th>(.*?)</tr>", html, re.S)
    assert commune_row is not None
    assert "chưa đủ số liệu" in commune_row.group(1)
    assert "%" not in commune_row.group(1)


def test_the_default_minimum_sample_is_twenty(client, world, today):
    response = client.get(PAGE)
    assert response.context["min_sample"] == 20
    march = response.context["periods"][0][0]
    assert all(r.rate is None and not r.enough for r in march.rows)  # at most 3 resolved each


def test_by_quarter(client, world, today, settings):
    settings.MOTCUA_REPORT_MIN_SAMPLE = 1
    response = client.get(PAGE, {"ky": "quy"})
    (q1, _), (q4, _) = response.context["periods"]
    assert (q1.period.token, q4.period.token) == ("2026-Q1", "2025-Q4")
    assert rows(q1) == {
        "Công an tỉnh": (3, 2, 1, "66.67"),
        "UBND xã Hòa An": (5, 3, 2, "60.00"),
    }
    assert q4.rows == []
    assert "Chưa có số liệu." in response.content.decode()


def test_an_unknown_kind_shows_months(client, world, today):
    response = client.get(PAGE, {"ky": "<script>"})
    assert response.status_code == 200
    assert response.context["kind"] == "thang"


def test_no_personal_data_and_no_dossier(client, world, today, settings):
    settings.MOTCUA_REPORT_MIN_SAMPLE = 1
    html = client.get(PAGE).content.decode()
    assert "Nguyễn Văn Bình" not in html  # the applicant of every crafted dossier
    assert "001090012345" not in html
    assert not re.search(r"\d{3}\.\d{2}\.\d{2}\.H99-\d{6}", html)  # no dossier code


def test_the_figures_are_cached_and_the_same_for_everyone(client, world, today, settings,
                                                          django_assert_max_num_queries):  # fmt: skip
    settings.MOTCUA_REPORT_MIN_SAMPLE = 1
    first = client.get(PAGE).content.decode()
    # Computed once: later visits read the cache (session-less anonymous page, no query).
    with django_assert_max_num_queries(0):
        again = client.get(PAGE)
    assert again.status_code == 200
    assert again.context["periods"][0][0].total.resolved == 5
    # The page's content is the same (the layout around it carries a per-response CSP nonce
    # and CSRF token).
    main = re.compile(r"<main.*</main>", re.S)
    assert main.findall(first) == main.findall(again.content.decode())


def test_the_footer_links_to_the_page(client, world, today):
    html = client.get(reverse("portal:home")).content.decode()
    assert f'href="{PAGE}"' in html
