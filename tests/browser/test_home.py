"""The home page, the language switch, the admin login and the API docs in Debian's Chromium."""

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import User
from tests.browser.conftest import ROOT, WatchedPage

pytestmark = pytest.mark.browser

# `MOTCUA_DOCS_SCREENSHOTS=1 pytest tests/browser` refreshes the screenshot in the README.
DOCS_SCREENSHOT = ROOT / "docs" / "images" / "home.png"


def assert_clean(watched: WatchedPage) -> None:
    assert watched.csp_violations == [], "Content-Security-Policy violations"
    assert watched.console_errors == [], "console errors or warnings"
    assert watched.page_errors == [], "uncaught JavaScript errors"


def test_home_renders_without_errors(live_server, vi_page: WatchedPage) -> None:
    page = vi_page.page
    response = page.goto(f"{live_server.url}/")
    assert response is not None
    assert response.status == 200
    assert "'nonce-" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page).to_have_title("Hệ thống thông tin giải quyết thủ tục hành chính")
    expect(page.get_by_role("banner")).to_contain_text(
        "Hệ thống thông tin giải quyết thủ tục hành chính"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Một cửa điện tử cho thủ tục hành chính"
    )
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_be_visible()
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("motcua")
    # The stylesheet applied (same-origin file under the CSP): the header is the brand red.
    header_colour = page.locator(".site-header").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert header_colour == "rgb(142, 27, 27)"
    # htmx loaded from our static files with the nonce, and did not inject a <style>.
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("document.querySelectorAll('style').length") == 0

    path = vi_page.screenshot("home-vi-desktop")
    if os.environ.get("MOTCUA_DOCS_SCREENSHOTS"):
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SCREENSHOT)
    assert_clean(vi_page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(
    live_server, vi_page: WatchedPage
) -> None:
    page = vi_page.page
    page.goto(f"{live_server.url}/")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    vi_page.screenshot("home-skip-link-focused", full_page=False)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()
    assert_clean(vi_page)


def test_home_fits_a_phone_screen(live_server, phone_page: WatchedPage) -> None:
    page = phone_page.page
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0, "no horizontal scrolling at 360 px"
    expect(page.get_by_role("button", name="English")).to_be_in_viewport()
    phone_page.screenshot("home-vi-phone")
    assert_clean(phone_page)


def test_language_switch_by_clicking(live_server, vi_page: WatchedPage) -> None:
    page = vi_page.page
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "An electronic one-stop shop for administrative procedures"
    )
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text("Home")
    vi_page.screenshot("home-en-desktop")

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Một cửa điện tử cho thủ tục hành chính"
    )
    assert_clean(vi_page)


def test_language_switch_works_without_javascript(browser, live_server) -> None:
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    finally:
        context.close()


def test_admin_login(live_server, vi_page: WatchedPage) -> None:
    User.objects.create_superuser(
        username="quantri",
        email="quantri@example.vn",
        password="mat-khau-thu-nghiem-2026",
        kind="staff",
        full_name="Nguyễn Văn Quản Trị",
    )
    page = vi_page.page
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Đăng nhập trang quản trị").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem-2026")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("#user-tools")).to_contain_text("quantri")
    expect(page.get_by_role("button", name="Thoát")).to_be_visible()  # Django's "Log out"
    vi_page.screenshot("admin-index")
    assert_clean(vi_page)


def test_admin_login_refuses_a_wrong_password(live_server, vi_page: WatchedPage) -> None:
    User.objects.create_superuser(
        username="quantri", password="dung-mat-khau-2026", kind="staff", full_name="Quản Trị"
    )
    page = vi_page.page
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.locator(".errornote")).to_be_visible()


def test_api_docs_render_swagger_ui_under_our_csp(live_server, vi_page: WatchedPage) -> None:
    page = vi_page.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(f"{live_server.url}/api/v1/docs")
    assert response is not None
    assert "content-security-policy" in response.headers

    expect(page.locator("#swagger-ui .info .title")).to_contain_text("motcua API")
    expect(page.locator("#swagger-ui .opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("/api/v1/health", exact=True)).to_be_visible()
    page.wait_for_load_state("networkidle")
    vi_page.screenshot("api-docs")

    foreign = [url for url in requested if not url.startswith(live_server.url)]
    assert foreign == [], "the docs page loads nothing from other origins"
    assert f"{live_server.url}/api/v1/openapi.json" in requested
    assert_clean(vi_page)
