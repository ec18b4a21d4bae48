"""The public catalog in English: the interface is translated (gettext), the procedures' own
texts from the database stay Vietnamese."""

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation

from motcua.accounts.models import Agency, DeskKind
from motcua.accounts.services import desk_create
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.core.timezone import VN_TZ
from motcua.portal.forms import CatalogSearchForm
from tests.catalog.builders import COMMUNE, birth_registration, catalog_world
from tests.portal.test_home import parse

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=VN_TZ)
BIRTH = "Thủ tục đăng ký khai sinh"


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def catalog() -> None:
    catalog_world()
    draft = procedure_draft_save(spec=birth_registration(), actor=None)
    procedure_publish(version=draft, valid_from=JULY, actor=None)


@pytest.fixture
def english(client: Client) -> Client:
    """A visitor who chose English: the language cookie the switch at /i18n/setlang/ sets."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


class Texts(HTMLParser):
    """The text inside each element of the given tags (nested tags' text included)."""

    def __init__(self, *tags: str) -> None:
        super().__init__()
        self.wanted = set(tags)
        self.found: dict[str, list[str]] = {tag: [] for tag in tags}
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.wanted:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            name, parts = self._open.pop()
            self.found[name].append(re.sub(r"\s+", " ", "".join(parts)).strip())

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def texts(html: str, *tags: str) -> dict[str, list[str]]:
    parser = Texts(*tags)
    parser.feed(html)
    parser.close()
    return parser.found


def page(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Language"] == "en"
    content: bytes = response.content
    return content.decode()


def test_the_list_page_is_in_english(english: Client, catalog) -> None:
    html = page(english.get("/thu-tuc/"))
    found = texts(html, "h1", "h2", "label", "legend", "button", "dt", "option")
    assert found["h1"] == ["Administrative procedures"]
    assert found["h2"] == ["1 procedure in force"]
    assert found["legend"] == ["Filter results"]
    assert "Procedure name or code" in found["label"]
    assert {"Field", "Implementing level", "Executing agency", "Online service level"} <= set(
        found["label"]
    )
    assert "Submission and results by post" in found["label"]
    assert {"Search", "Apply filters"} <= set(found["button"])
    assert {"All fields", "All levels", "All agencies", "All", "Yes", "No"} <= set(found["option"])
    assert found["dt"] == ["Procedure code", "Field", "Implementing level", "Time limit"]
    assert "Type with or without Vietnamese accents" in html
    assert 'aria-label="Search administrative procedures"' in html
    for vietnamese in (
        "Thủ tục hành chính",
        "Tìm kiếm",
        "Lọc kết quả",
        "Áp dụng bộ lọc",
        "Tên hoặc mã thủ tục",
        "Tất cả các lĩnh vực",
        "thủ tục đang áp dụng",
        "Thời hạn giải quyết",
    ):
        assert vietnamese not in html, vietnamese
    assert f">{BIRTH}</a>" in html, "the procedure's name is data and stays Vietnamese"


def test_the_list_names_ignored_filters_with_english_labels(english: Client, catalog) -> None:
    html = page(english.get("/thu-tuc/", {"field": "XX", "level": "galaxy"}))
    notice = unescape(html)
    assert "The value of “Field, Implementing level” is not valid" in notice
    assert "không hợp lệ" not in notice


def test_an_empty_search_gives_english_suggestions(english: Client, catalog) -> None:
    html = page(english.get("/thu-tuc/", {"q": "phi thuyen vu tru"}))
    assert texts(html, "h2")["h2"] == ["No matching procedures found"]
    assert "No procedure matches the search words and filters you chose" in html
    assert "See all procedures in force" in html
    assert "Chưa có thủ tục nào khớp" not in html


def test_the_procedure_page_is_in_english(english: Client, catalog) -> None:
    html = page(english.get("/thu-tuc/1.001193/"))
    found = texts(html, "h1", "h2", "th", "dt", "caption")
    assert found["h1"] == [BIRTH]
    assert found["h2"] == [
        "Contents",
        "Sequence of steps",
        "Method of submission",
        "Dossier components",
        "Time limit",
        "Who may apply",
        "Executing agency",
        "Result",
        "Fees and charges",
        "Requirements and conditions",
        "Legal basis",
        "Online service level",
        "Public postal service",
        "Publishing decision",
        "Feedback",
    ]
    assert found["dt"][:5] == [
        "Procedure code",
        "Field",
        "Implementing level",
        "Applies from",
        "Online public service",
    ]
    assert {"Document", "Originals", "Copies", "Requirement", "Form template"} <= set(found["th"])
    assert {"Statutory", "Committed time", "Reduction", "Item", "Amount"} <= set(found["th"])
    assert "Submit a dossier online" in html
    assert "Conditionally required: Khi người đi đăng ký là người được ủy quyền" in html
    assert "Dossiers received by post: <strong>Yes</strong>" in html
    navs = [nav.get("aria-label") for nav in parse(html).find("nav")]
    assert navs == ["Main navigation", "Breadcrumb", "Procedure contents"]
    for vietnamese in (
        "Thành phần hồ sơ",
        "Thời hạn giải quyết",
        "Trình tự thực hiện",
        "Cơ quan thực hiện",
        "Căn cứ pháp lý",
        "Quyết định công bố",
        "Phí, lệ phí",
        "Bắt buộc",
        "Nộp hồ sơ trực tuyến",
        "Vị trí trang",
    ):
        assert vietnamese not in html, vietnamese
    assert "Giấy chứng sinh" in html, "components' names are data and stay Vietnamese"


def test_the_online_submission_page_is_in_english(english: Client, catalog) -> None:
    commune = Agency.objects.get(code=COMMUNE)
    desk_create(code="mot-cua-xa", name="Bộ phận một cửa xã", kind=DeskKind.COMMUNE_CENTRE,
                host=commune, serves=[commune], actor=None)  # fmt: skip
    html = page(english.get("/thu-tuc/1.001193/nop-truc-tuyen/"))
    assert texts(html, "h1")["h1"] == ["Submit a dossier online"]
    assert "Documents to prepare" in html
    assert "Giấy tờ cần chuẩn bị" not in html


def test_an_unknown_code_says_not_found_in_english(english: Client, catalog) -> None:
    response = english.get("/thu-tuc/9.999999/")
    assert response.status_code == 404
    html = unescape(response.content.decode())
    assert texts(html, "h1")["h1"] == ["Procedure not found"]
    assert "No administrative procedure with code “9.999999” is in force." in html
    assert "Không tìm thấy thủ tục" not in html


def test_switching_back_to_vietnamese(english: Client, catalog) -> None:
    """The catalog follows the switch both ways; Vietnamese text is the msgid itself."""
    assert "Dossier components" in page(english.get("/thu-tuc/1.001193/"))
    english.post("/i18n/setlang/", {"language": "vi", "next": "/thu-tuc/1.001193/"})
    response = english.get("/thu-tuc/1.001193/")
    assert response["Content-Language"] == "vi"
    html = response.content.decode()
    assert "Thành phần hồ sơ" in html
    assert "Dossier components" not in html


def test_form_labels_follow_the_language_active_when_rendered() -> None:
    """The form is built once per request, its labels are lazy: no language is frozen in."""
    form = CatalogSearchForm(field_choices=[], agency_choices=[])
    with translation.override("en"):
        assert str(form.fields["q"].label) == "Procedure name or code"
        assert ">All fields</option>" in str(form["field"])
    with translation.override("vi"):
        assert str(form.fields["q"].label) == "Tên hoặc mã thủ tục"
        assert ">Tất cả các lĩnh vực</option>" in str(form["field"])


def test_catalog_choice_labels_are_in_english(english: Client, catalog) -> None:
    html = page(english.get("/thu-tuc/"))
    assert "Full online public service" in html
    assert "Commune level" in html
    assert "Dịch vụ công trực tuyến toàn trình" not in html
