"""The reports in Debian's Chromium: a commune leader opens the dashboard for March 2026 (the
crafted history of tests/reports/test_dashboard.py), sees the headline figures and the charts,
follows a number to the dossiers behind it and opens the statistics table; the public page of
on-time rates opens without logging in. No CSP violation, no console error, every input
labelled."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WatchedPage
from tests.browser.staff import assert_clean, log_in_as
from tests.dossiers.builders import build_world
from tests.reports.test_dashboard import crafted_history

pytestmark = pytest.mark.browser


def unlabelled_inputs(page) -> int:
    return int(
        page.evaluate(
            """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && !el.labels?.length
                    && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .length"""
        )
    )


def test_leader_dashboard_drill_down_and_table(live_server, vi_page: WatchedPage) -> None:
    world = build_world()
    crafted_history(world)
    page = vi_page.page
    log_in_as(page, live_server.url, world.leader)

    page.goto(f"{live_server.url}/backoffice/bao-cao/?period=2026-03")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Số liệu chính — Tháng 3/2026")).to_be_visible()
    charts = page.locator("svg[role='img']")
    assert charts.count() >= 2
    assert unlabelled_inputs(page) == 0

    # The commune received 4 dossiers in March (E, F, G, H): the number opens their list.
    received = page.locator(".report-headline__link", has_text="Mới tiếp nhận")
    expect(received.locator(".report-headline__value")).to_have_text("4")
    received.click()
    expect(page.locator("table tbody tr")).to_have_count(4)

    page.goto(f"{live_server.url}/backoffice/bao-cao/thong-ke/?period=2026-03")
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("link", name="Excel")).to_be_visible()
    vi_page.screenshot("reports-table")
    assert_clean(vi_page)


def test_public_on_time_rates(live_server, vi_page: WatchedPage) -> None:
    world = build_world()
    crafted_history(world)
    page = vi_page.page
    page.goto(f"{live_server.url}/cong-khai/ket-qua-giai-quyet/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    assert_clean(vi_page)
