"""The public catalog in Debian's Chromium: search without accents, open a procedure, live search,
the same without JavaScript, and a phone screen."""

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import Agency, DeskKind
from motcua.accounts.services import desk_create
from motcua.catalog.services import procedure_draft_save, procedure_publish
from tests.browser.conftest import WatchedPage
from tests.catalog.builders import COMMUNE, birth_registration, catalog_world

pytestmark = pytest.mark.browser

BIRTH = "Thủ tục đăng ký khai sinh"
LATE_BIRTH = "Đăng ký lại khai sinh"
MARRIAGE = "Đăng ký kết hôn"


def assert_clean(watched: WatchedPage) -> None:
    assert watched.csp_violations == [], "Content-Security-Policy violations"
    assert watched.console_errors == [], "console errors or warnings"
    assert watched.page_errors == [], "uncaught JavaScript errors"


def build_catalog() -> None:
    catalog_world()
    for overrides in (
        {},
        {"code": "1.001022", "name": LATE_BIRTH, "online_level": "partial"},
        {"code": "1.000894", "name": MARRIAGE, "online_level": "none", "method_online": False},
    ):
        draft = procedure_draft_save(spec=birth_registration(**overrides), actor=None)
        procedure_publish(version=draft, valid_from=dt.date(2025, 7, 1), actor=None)


def test_search_without_accents_and_open_the_procedure(live_server, vi_page: WatchedPage) -> None:
    build_catalog()
    commune = Agency.objects.get(code=COMMUNE)
    desk_create(code="mot-cua-xa", name="Bộ phận một cửa xã", kind=DeskKind.COMMUNE_CENTRE,
                host=commune, serves=[commune], actor=None)  # fmt: skip
    page = vi_page.page
    response = page.goto(f"{live_server.url}/thu-tuc/")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Thủ tục hành chính")
    expect(page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Thủ tục hành chính"
    )).to_have_attribute("aria-current", "page")  # fmt: skip

    page.get_by_label("Tên hoặc mã thủ tục").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page).to_have_url(re.compile(r"[?&]q=dang(\+|%20)ky(\+|%20)khai(\+|%20)sinh"))
    results = page.locator(".result__title a")
    expect(results).to_have_count(2)
    expect(results.first).to_have_text(BIRTH)
    expect(page.locator("#results-heading")).to_have_text("Tìm thấy 2 thủ tục")
    vi_page.screenshot("catalog-search-vi-desktop")

    results.first.click()
    expect(page).to_have_url(f"{live_server.url}/thu-tuc/1.001193/")
    expect(page.get_by_role("heading", level=1)).to_have_text(BIRTH)
    components = page.locator("#thanh-phan table")
    expect(components).to_contain_text("Tờ khai đăng ký khai sinh")
    expect(components).to_contain_text("Giấy chứng sinh")
    expect(components).to_contain_text("Khi người đi đăng ký là người được ủy quyền")
    expect(page.locator("#thoi-han")).to_contain_text("3 ngày làm việc")
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến", exact=True)).to_be_visible()

    # The table of contents moves to a section.
    page.get_by_role("navigation", name="Nội dung thủ tục").get_by_role(
        "link", name="Phí, lệ phí"
    ).click()
    expect(page).to_have_url(re.compile(r"#phi$"))
    expect(page.get_by_role("heading", name="Phí, lệ phí", exact=True)).to_be_in_viewport()
    vi_page.screenshot("catalog-procedure-vi-desktop")

    page.get_by_role("link", name="Nộp hồ sơ trực tuyến", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/thu-tuc/1.001193/nop-truc-tuyen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nộp hồ sơ trực tuyến")
    # What to prepare, and a way in (the submission itself is tests/browser/test_portal.py's).
    expect(page.get_by_role("main")).to_contain_text("Giấy tờ cần chuẩn bị")
    expect(page.get_by_role("link", name="Đăng nhập").last).to_be_visible()
    assert_clean(vi_page)


def test_live_search_follows_the_typing(live_server, vi_page: WatchedPage) -> None:
    build_catalog()
    page = vi_page.page
    page.goto(f"{live_server.url}/thu-tuc/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".result__title a")).to_have_count(3)

    page.get_by_label("Tên hoặc mã thủ tục").press_sequentially("ket hon", delay=30)
    expect(page.locator(".result__title a")).to_have_count(1)  # no submit: htmx swapped
    expect(page.locator(".result__title a")).to_have_text(MARRIAGE)
    expect(page.locator("#catalog-status")).to_have_text("Tìm thấy 1 thủ tục.")
    expect(page).to_have_url(re.compile(r"[?&]q=ket(\+|%20)hon"))
    expect(page.get_by_label("Tên hoặc mã thủ tục")).to_be_focused()

    page.get_by_label("Mức độ dịch vụ công trực tuyến").select_option("full")
    expect(page.locator("#results-heading")).to_have_text("Không tìm thấy thủ tục nào phù hợp")
    expect(page.get_by_role("main")).to_contain_text("gõ không dấu")
    page.wait_for_load_state("networkidle")
    vi_page.screenshot("catalog-live-search-empty")
    assert_clean(vi_page)


def test_search_works_without_javascript(browser: Any, live_server) -> None:
    build_catalog()
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.get_by_label("Tên hoặc mã thủ tục").fill("DANG KY KET HON")
        page.get_by_role("button", name="Tìm kiếm").click()
        expect(page).to_have_url(re.compile(r"/thu-tuc/\?q=DANG\+KY\+KET\+HON"))
        expect(page.locator(".result__title a")).to_have_text([MARRIAGE])
        page.get_by_label("Cấp thực hiện").select_option("province")
        page.get_by_role("button", name="Áp dụng bộ lọc").click()
        expect(page.locator("#results-heading")).to_have_text("Không tìm thấy thủ tục nào phù hợp")
    finally:
        context.close()


def test_catalog_fits_a_phone_screen(live_server, phone_page: WatchedPage) -> None:
    build_catalog()
    page = phone_page.page
    for path, name in (
        ("/thu-tuc/", "catalog-search-vi-phone"),
        ("/thu-tuc/1.001193/", "catalog-procedure-vi-phone"),
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow == 0, f"{path}: no horizontal scrolling at 360 px"
        phone_page.screenshot(name)
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến", exact=True)).to_be_in_viewport()
    assert_clean(phone_page)
