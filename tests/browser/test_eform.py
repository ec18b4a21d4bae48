"""motcua/js/eform.js in Debian's Chromium: conditions, communes, repeat items and the checks, on a
page drawn by the real templates under the site's kind of Content-Security-Policy. No view: the
page, the static files and the form's target are served by Playwright's request routing."""

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

import pytest
from django.http import QueryDict
from django.template import engines
from playwright.sync_api import expect

from motcua.accounts.admin_units import UnitDirectory, _national
from motcua.catalog.eform_html import eform_answers_from_post, eform_render
from motcua.catalog.eforms import AnswersInvalid, clean_answers
from tests.browser.conftest import ROOT, WatchedPage

pytestmark = pytest.mark.browser

ORIGIN = "http://eform.test"
STATIC = ROOT / "motcua" / "core" / "static"
CSP = (
    "default-src 'self'; script-src 'self' 'nonce-r4nd0m'; style-src 'self' 'nonce-r4nd0m'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'self'; object-src 'none'"
)
PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Biểu mẫu</title>
<link rel="stylesheet" href="/static/motcua/css/site.css">
<link rel="stylesheet" href="/static/motcua/css/eform.css">
<script src="/static/motcua/js/eform.js" defer></script>
</head><body><main id="main">
<form method="post" action="/submit">
{% include "eforms/form.html" with eform=eform %}
<button type="submit" name="next" value="1">Tiếp tục</button>
<button type="submit" name="draft" value="1" formnovalidate>Lưu nháp</button>
</form></main></body></html>"""
TODAY = dt.date(2026, 11, 24)
UNITS = UnitDirectory(*_national())


def docs_example() -> dict[str, object]:
    text = (ROOT / "docs" / "eforms.md").read_text(encoding="utf-8")
    loaded = json.loads(re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)[-1])
    assert isinstance(loaded, dict)
    return loaded


class Site:
    """Serves one rendered form and records what the browser posts to it."""

    def __init__(self, watched: WatchedPage) -> None:
        self.page = watched.page
        self.watched = watched
        self.posts: list[QueryDict] = []
        self.html = ""
        self.page.route(f"{ORIGIN}/**", self.serve)

    def serve(self, route: Any) -> None:
        request = route.request
        path = request.url.removeprefix(ORIGIN)
        if path.startswith("/static/"):
            file = STATIC / path.removeprefix("/static/")
            kind = "text/css" if file.suffix == ".css" else "text/javascript"
            route.fulfill(status=200, body=file.read_bytes(), content_type=kind)
        elif path == "/submit":
            data = QueryDict(mutable=True)
            for key, value in parse_qsl(request.post_data or "", keep_blank_values=True):
                data.appendlist(key, value)
            self.posts.append(data)
            route.fulfill(
                status=200, body="<!doctype html><title>OK</title>", content_type="text/html"
            )
        else:
            route.fulfill(
                status=200,
                body=self.html,
                content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": CSP},
            )

    def open(
        self, schema: Mapping[str, object], answers: Mapping[str, object] | None = None
    ) -> Any:
        eform = eform_render(schema=schema, answers=answers, units=UNITS, today=TODAY)
        self.html = engines["django"].from_string(PAGE).render({"eform": eform})
        self.page.goto(f"{ORIGIN}/form")
        self.page.wait_for_load_state("load")
        return self.page

    def submit(self, button: str) -> QueryDict:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).click()
        return self.posts[-1]

    def assert_clean(self) -> None:
        assert self.watched.csp_violations == [], "Content-Security-Policy violations"
        assert self.watched.console_errors == [], "console errors or warnings"
        assert self.watched.page_errors == [], "uncaught JavaScript errors"


@pytest.fixture
def site(vi_page: WatchedPage) -> Site:
    return Site(vi_page)


def test_a_conditional_field_shows_when_its_condition_holds(site: Site) -> None:
    page = site.open(docs_example())
    father = page.locator("#ef-father_name")
    expect(father).to_be_hidden()
    expect(father).to_be_disabled()
    page.get_by_label("Đã xác định được cha").check()
    expect(father).to_be_visible()
    expect(father).to_be_enabled()
    # the no-script note is not shown with the script
    expect(page.locator("#ef-father_name--condition")).to_be_hidden()
    father.fill("Nguyễn Văn Cường")
    page.get_by_label("Đã xác định được cha").uncheck()
    expect(father).to_be_hidden()
    posted = site.submit("Lưu nháp")
    assert "ef-father_name" not in posted  # disabled: not posted
    assert "ef-child_name" in posted
    site.assert_clean()


def test_the_commune_list_follows_the_province(site: Site) -> None:
    page = site.open(docs_example())
    communes = page.locator("#ef-birth_place-commune option")
    expect(communes).to_have_count(1)
    expect(communes.first).to_have_text("— Chọn tỉnh, thành phố trước —")
    expect(page.get_by_role("button", name=re.compile("Hiện danh sách xã"))).to_be_hidden()
    page.locator("#ef-birth_place-province").select_option("01")
    hanoi = len([u for u in UNITS.communes.values() if u.province_code == "01"])
    expect(communes).to_have_count(hanoi + 1)
    page.locator("#ef-birth_place-commune").select_option(label="Phường Ba Đình")
    page.locator("#ef-birth_place-province").select_option("79")
    expect(page.locator("#ef-birth_place-commune")).to_have_value("")  # not in the new province
    site.assert_clean()


def test_repeat_items_are_added_and_removed_in_the_page(site: Site) -> None:
    schema = docs_example()
    page = site.open(schema, {"siblings": [{"name": "Anh A"}]})
    items = page.locator("#ef-siblings [data-eform-item]")
    expect(items).to_have_count(2)  # the answered one and a blank one
    page.get_by_role("button", name="Thêm Anh, chị, em ruột").click()
    expect(items).to_have_count(3)
    expect(page.locator("#ef-siblings-2-name")).to_be_focused()
    expect(items.nth(2).locator("legend")).to_have_text("Mục 3")
    page.locator("#ef-siblings-2-name").fill("Em C")
    page.get_by_role("button", name="Xoá mục 1").click()
    expect(items).to_have_count(2)
    expect(items.nth(0).locator("legend")).to_have_text("Mục 1")
    expect(items.nth(1).locator("legend")).to_have_text("Mục 2")
    posted = site.submit("Lưu nháp")
    assert "ef-siblings-0-name" not in posted
    assert eform_answers_from_post(schema=schema, data=posted)["siblings"] == [{"name": "Em C"}]
    site.assert_clean()


def test_the_checks_say_what_the_validator_says(site: Site) -> None:
    schema = docs_example()
    page = site.open(schema)
    phone = page.locator("#ef-declarant_phone")
    phone.fill("0123 456 789")
    phone.blur()
    with pytest.raises(AnswersInvalid) as refused:
        clean_answers(schema, {"declarant_phone": "0123 456 789"}, today=TODAY)
    problems = refused.value.details["problems"]
    assert isinstance(problems, list)
    expected = next(p["message"] for p in problems if p["path"] == "declarant_phone")
    expect(page.locator("#ef-declarant_phone--error")).to_have_text(f"Lỗi: {expected}")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_attribute("aria-describedby", re.compile("ef-declarant_phone--error"))
    phone.fill("0912 345 678")
    phone.blur()
    expect(page.locator("#ef-declarant_phone--error")).to_be_hidden()
    expect(phone).not_to_have_attribute("aria-invalid", "true")

    # submitting with a required field empty stops in the page, at the first problem
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.locator("#ef-child_name")).to_be_focused()
    assert site.posts == []
    site.assert_clean()


def test_enter_in_a_field_submits_the_form_not_the_first_remove_button(site: Site) -> None:
    schema = {
        "version": 1,
        "fields": [
            {"name": "kids", "type": "group", "label": "Con", "repeat": True,
             "fields": [{"name": "name", "type": "text", "label": "Tên"}]},
            {"name": "note", "type": "text", "label": "Ghi chú"},
        ],
    }  # fmt: skip
    page = site.open(schema, {"kids": [{"name": "A"}, {"name": "B"}]})
    page.locator("#ef-note").fill("x")
    with page.expect_navigation():
        page.locator("#ef-note").press("Enter")
    posted = site.posts[-1]
    assert "ef-kids-remove" not in posted
    assert eform_answers_from_post(schema=schema, data=posted) == {
        "kids": [{"name": "A"}, {"name": "B"}],
        "note": "x",
    }
    site.assert_clean()


def test_the_form_works_without_the_script(browser: Any) -> None:
    """The same page with JavaScript off: every field shown, "Thêm" posts."""
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        watched = WatchedPage(page=context.new_page())
        site = Site(watched)
        page = site.open(docs_example(), {"siblings": [{"name": "Anh A"}]})
        expect(page.locator("#ef-father_name")).to_be_visible()
        expect(page.locator("#ef-father_name--condition")).to_be_visible()
        posted = site.submit("Thêm Anh, chị, em ruột")
        assert posted["ef-siblings-add"] == "1"
        assert posted["ef-siblings-0-name"] == "Anh A"
    finally:
        context.close()
