"""Playwright driving Debian's Chromium (/usr/bin/chromium); no browser is ever downloaded.

Without Chromium the browser tests skip, except under CI (CI=true), where they fail.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = "Chromium (Debian package chromium) is not installed: browser tests skipped"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# Reports Content-Security-Policy violations to Python (the binding is added by CDP, not by a
# script in the page, so it is not itself subject to the policy).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__motcuaCspViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
});
"""


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run browser tests last: Playwright's loop stays marked as running until the session ends,
    and the other tests should not run beside it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session", autouse=True)
def _allow_async_unsafe() -> Iterator[None]:
    """Playwright's sync API keeps an asyncio loop marked as running in this thread between calls,
    and Django's async-unsafe guard would refuse every ORM call the tests make. Set for the browser
    tests only (they run last), not at import: `check --deploy` in a subprocess (tests/test_project)
    rejects the variable."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session", autouse=True)
def _test_database_before_live_server(_allow_async_unsafe: None, django_db_setup: None) -> None:
    """Create the test database before the session's `live_server` starts. With in-memory SQLite,
    pytest-django then hands the tests' own connection to the server thread; otherwise each request
    thread opens a connection that Django never closes for in-memory databases (ResourceWarning)."""


@pytest.fixture(scope="session")
def browser(_allow_async_unsafe: None) -> Iterator[Any]:
    if not CHROMIUM.exists():
        if _truthy(os.environ.get("CI")):
            pytest.fail(f"{MISSING.split(':')[0]}: CI must run the browser tests", pytrace=False)
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class WatchedPage:
    """A page with everything the browser complained about."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[dict[str, object]] = field(default_factory=list)

    def problems(self) -> list[object]:
        return [*self.console_errors, *self.page_errors, *self.csp_violations]

    def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def open_page(browser: Any, **context_options: Any) -> Iterator[WatchedPage]:
    context = browser.new_context(**context_options)
    try:
        page = context.new_page()
        watched = WatchedPage(page=page)
        page.on(
            "console",
            lambda message: (
                watched.console_errors.append(f"{message.type}: {message.text}")
                if message.type in {"error", "warning"}
                else None
            ),
        )
        page.on("pageerror", lambda error: watched.page_errors.append(str(error)))

        def record_violation(violation: dict[str, object]) -> None:
            watched.csp_violations.append(violation)

        context.expose_function("__motcuaCspViolation", record_violation)
        context.add_init_script(CSP_LISTENER)
        yield watched
    finally:
        context.close()


@pytest.fixture
def vi_page(browser: Any) -> Iterator[WatchedPage]:
    """A page in a browser whose user prefers Vietnamese, on a desktop screen."""
    yield from open_page(
        browser,
        locale="vi-VN",
        viewport={"width": 1280, "height": 800},
        timezone_id="Asia/Ho_Chi_Minh",
    )


@pytest.fixture
def phone_page(browser: Any) -> Iterator[WatchedPage]:
    """A small touch screen (360 × 740), Vietnamese."""
    yield from open_page(
        browser,
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
