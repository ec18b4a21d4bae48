"""Citizens in the browser: the two screens every portal flow runs on, pictures for the citizen's
guide, and an accessibility smoke check of each page visited."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.browser.conftest import SCREENSHOTS, WatchedPage, open_page
from tests.browser.staff import DOCS_IMAGE_MAX_BYTES, DOCS_IMAGES, assert_clean

# A phone held upright (an iPhone 12-15 sized screen) and a laptop.
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}

# The controls of a page, every one of which needs an accessible name: its <label> (for= or
# around it), aria-labelledby or aria-label. Buttons written as <input> are named by their value.
UNNAMED_CONTROLS = """
() => {
  const text = (element) => (element ? element.textContent.trim() : "");
  const unnamed = [];
  for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    if (control.getClientRects().length === 0) continue;  // not rendered (display: none)
    const type = (control.getAttribute("type") || "").toLowerCase();
    if (["submit", "reset", "button"].includes(type) && control.value.trim()) continue;
    if (type === "image" && (control.getAttribute("alt") || "").trim()) continue;
    const byIds = (control.getAttribute("aria-labelledby") || "")
      .split(/\\s+/).filter(Boolean).map((id) => text(document.getElementById(id))).join("");
    const byLabels = Array.from(control.labels || []).map(text).join("");
    const byAria = (control.getAttribute("aria-label") || "").trim();
    if (!byIds && !byLabels && !byAria) unnamed.push(control.outerHTML.slice(0, 160));
  }
  return unnamed;
}
"""


def _page_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


class Visits:
    """The pages a browser tab opened (main frame; by path: the query string and the fragment
    only change what a page shows), and those checked by `accessible`: a test ends with
    `all_checked()` so that no page escapes the check."""

    def __init__(self, watched: WatchedPage) -> None:
        self.watched = watched
        self.opened: set[str] = set()
        self.checked: set[str] = set()
        page = watched.page
        page.on(
            "framenavigated",
            lambda frame: (
                self.opened.add(_page_of(frame.url)) if frame == page.main_frame else None
            ),
        )

    def accessible(self, *, refused: int | None = None) -> None:
        """Every visible input of the page has an accessible name; nothing complained so far.
        `refused`: the page is the answer to a form refused with this status (400 for a form with
        errors), which Chromium logs as a console error: that one error is expected."""
        page = self.watched.page
        page.wait_for_load_state("load")
        if refused is not None:
            said = f"the server responded with a status of {refused}"
            errors = self.watched.console_errors
            expected = [e for e in errors if said in e]
            assert expected, f"no answer {refused} was logged"
            errors[:] = [e for e in errors if said not in e]
        unnamed = page.evaluate(UNNAMED_CONTROLS)
        assert unnamed == [], f"controls without an accessible name on {page.url}"
        assert_clean(self.watched)
        self.checked.add(_page_of(page.url))

    def all_checked(self) -> None:
        missed = sorted(url for url in self.opened - self.checked if url.startswith("http"))
        assert missed == [], f"pages opened but never checked: {missed}"


@contextmanager
def desktop_page(browser: Any) -> Iterator[WatchedPage]:
    """A second browser (another person at a desk), Vietnamese, desktop-sized."""
    yield from open_page(
        browser, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **DEVICES["desktop"]
    )


def citizen_picture(
    watched: WatchedPage,
    name: str,
    *,
    device: str,
    docs: bool = False,
    element: Any = None,
    top: Any = None,
    full_page: bool = False,
) -> Path:
    """A screenshot saved as `citizen-<name>-<device>.png` with the other screenshots: what the
    screen shows (scrolled so that the element `top` is at the top, if given), the whole page, or
    one element. With `docs` and MOTCUA_DOCS_SCREENSHOTS set it is also the citizen's guide's
    picture docs/images/citizen-<name>.png (docs/citizen-guide.md), kept under 250 kB."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"citizen-{name}-{device}.png"
    if top is not None:
        top.evaluate("element => element.scrollIntoView({block: 'start'})")
    if element is None:
        watched.page.screenshot(path=str(path), full_page=full_page, caret="initial")
    else:
        element.screenshot(path=str(path), caret="initial")
    if docs and os.environ.get("MOTCUA_DOCS_SCREENSHOTS"):
        assert path.stat().st_size <= DOCS_IMAGE_MAX_BYTES, f"{path.name} is too heavy for docs/"
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_IMAGES / f"citizen-{name}.png")
    return path
