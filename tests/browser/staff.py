"""Officers in the browser: log in without the form (a session made by Django's test client, its
cookie handed to the browser), and small helpers the back-office browser tests share."""

import io
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from pypdf import PdfReader

from motcua.accounts.models import User
from tests.browser.conftest import ROOT, SCREENSHOTS, WatchedPage

PASSWORD = "x-secret-123"  # tests/dossiers/builders.py gives every officer this password

# `MOTCUA_DOCS_SCREENSHOTS=1 pytest tests/browser` refreshes the officer's guide's pictures
# (docs/officer-guide.md); each stays under this size.
DOCS_IMAGES = ROOT / "docs" / "images"
DOCS_IMAGE_MAX_BYTES = 250_000


def log_in_as(page: Any, live_server_url: str, user: User) -> None:
    """Make `user` the one logged in in this page's browser context (any other session goes)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = page.context
    context.clear_cookies()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server_url}]
    )


def assert_clean(watched: WatchedPage) -> None:
    assert watched.csp_violations == [], "Content-Security-Policy violations"
    assert watched.console_errors == [], "console errors or warnings"
    assert watched.page_errors == [], "uncaught JavaScript errors"


def pdf_text(body: bytes) -> str:
    """The text of a PDF, its pages joined."""
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def picture(watched: WatchedPage, name: str, *, element: Any = None, top: Any = None) -> Path:
    """A picture for the officer's guide: what the screen shows (not the whole page; scrolled
    so that the element `top` is at the top, if given), or one element. Saved with the other
    screenshots as `officer-<name>.png`; copied to docs/images/ when MOTCUA_DOCS_SCREENSHOTS is
    set."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"officer-{name}.png"
    if top is not None:
        top.evaluate("element => element.scrollIntoView({block: 'start'})")
    if element is None:
        watched.page.screenshot(path=str(path), full_page=False)
    else:
        element.screenshot(path=str(path))
    if os.environ.get("MOTCUA_DOCS_SCREENSHOTS"):
        assert path.stat().st_size <= DOCS_IMAGE_MAX_BYTES, f"{path.name} is too heavy for docs/"
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_IMAGES / path.name)
    return path


class Traffic:
    """The requests a page has in flight, to let htmx's delayed checks fire and be answered
    before the next click. With in-memory SQLite the live server's threads share the test's one
    connection, and a wizard step posted while a check of the same page was being answered was
    seen to fail (a 404 for the officer's own draft); PostgreSQL gives each thread its own
    connection."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.in_flight = 0
        self.last = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, _request: Any) -> None:
        self.in_flight += 1
        self.last = time.monotonic()

    def _ended(self, _request: Any) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.last = time.monotonic()

    def settle(self, *, quiet: float = 0.8, limit: float = 10.0) -> None:
        """Leave the field being typed in, then wait until nothing has been asked for `quiet`
        seconds (longer than htmx's `delay:600ms` triggers)."""
        focused = self.page.locator(":focus")
        if focused.count():
            focused.first.blur()
        ends = time.monotonic() + limit
        while time.monotonic() < ends:
            if self.in_flight == 0 and time.monotonic() - self.last >= quiet:
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"requests still in flight after {limit} s")
