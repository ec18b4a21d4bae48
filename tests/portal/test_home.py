"""The public home page and the base layout: language, landmarks, CSP; the API docs pages."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

SYSTEM_NAME_VI = "Hệ thống thông tin giải quyết thủ tục hành chính"
SYSTEM_NAME_EN = "Administrative procedure information system"
NONCE_RE = re.compile(r"'nonce-([A-Za-z0-9+/=_-]+)'")


class Tags(HTMLParser):
    """Every start tag with its attributes, and which tags had text inside (inline code)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self._open = attributes if tag in {"script", "style"} else None

    def handle_data(self, data: str) -> None:
        if self._open is not None and data.strip():
            self.inline.append(self._open)
            self._open = None

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


def csp_nonce(header: str) -> str:
    directives: dict[str, str] = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    script_nonce = NONCE_RE.search(directives["script-src"])
    style_nonce = NONCE_RE.search(directives["style-src"])
    assert script_nonce is not None
    assert style_nonce is not None
    assert script_nonce.group(1) == style_nonce.group(1)
    return script_nonce.group(1)


def test_home_is_vietnamese_by_default(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert f"<title>{SYSTEM_NAME_VI}</title>" in html
    assert "Một cửa điện tử cho thủ tục hành chính" in html
    assert "Bỏ qua, đến nội dung chính" in html
    assert SYSTEM_NAME_EN not in html


def test_home_has_the_landmarks_and_the_links_that_exist(client: Client) -> None:
    tags = parse(client.get("/").content.decode())
    skip = tags.find("a")[0]
    assert skip == {"class": "skip-link", "href": "#main"}, "the skip link comes first"
    mains = tags.find("main")
    assert len(mains) == 1
    assert mains[0]["id"] == "main"
    assert len(tags.find("header")) == 1
    assert len(tags.find("footer")) == 1
    assert [nav.get("aria-label") for nav in tags.find("nav")] == ["Điều hướng chính"]
    assert len(tags.find("h1")) == 1
    hrefs = {a.get("href") for a in tags.find("a")}
    assert {"/", "/admin/", "/api/v1/docs", "/api/v1/openapi.json"} <= hrefs
    current = [a for a in tags.find("a") if a.get("aria-current") == "page"]
    assert [a["href"] for a in current] == ["/"]


def test_language_switch_is_a_plain_form(client: Client) -> None:
    tags = parse(client.get("/").content.decode())
    forms = [f for f in tags.find("form") if f.get("action") == "/i18n/setlang/"]
    assert len(forms) == 1
    assert forms[0]["method"] == "post"
    inputs = {i.get("name"): i.get("value") for i in tags.find("input")}
    assert inputs["next"] == "/"
    assert inputs["csrfmiddlewaretoken"]
    buttons = [b for b in tags.find("button") if b.get("name") == "language"]
    assert [(b["name"], b["value"], b["lang"]) for b in buttons] == [("language", "en", "en")]


def test_home_is_english_after_switching_language(client: Client) -> None:
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/"

    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert f"<title>{SYSTEM_NAME_EN}</title>" in html
    assert "An electronic one-stop shop for administrative procedures" in html
    assert "Skip to main content" in html
    assert 'aria-label="Main navigation"' in html
    assert "Một cửa điện tử cho thủ tục hành chính" not in html
    button = [b for b in parse(html).find("button") if b.get("name") == "language"]
    assert [(b["value"], b["lang"]) for b in button] == [("vi", "vi")]
    assert ">Tiếng Việt</button>" in html, "the language's own name, NFC-normalised"

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_home_has_a_csp_with_a_nonce_and_nothing_inline_without_it(client: Client) -> None:
    response = client.get("/")
    header = response["Content-Security-Policy"]
    assert "default-src 'self'" in header
    assert "frame-ancestors 'none'" in header
    nonce = csp_nonce(header)

    tags = parse(response.content.decode())
    scripts = tags.find("script")
    assert scripts, "the layout loads htmx"
    for attrs in [*scripts, *tags.find("style")]:
        assert (attrs.get("src") or "").startswith("/static/") or attrs.get("nonce") == nonce, attrs
    for attrs in tags.inline:
        assert attrs.get("nonce") == nonce, f"inline code without the nonce: {attrs}"
    for tag, attrs in tags.tags:
        assert "style" not in attrs, f"inline style attribute on <{tag}>"
        assert not [name for name in attrs if name.startswith("on")], f"handler on <{tag}>"
    stylesheets = [link for link in tags.find("link") if link.get("rel") == "stylesheet"]
    assert [link["href"] for link in stylesheets] == ["/static/motcua/css/site.css"]

    again = client.get("/")
    assert csp_nonce(again["Content-Security-Policy"]) != nonce, "a fresh nonce per response"


def test_home_searches_the_catalog(client: Client) -> None:
    tags = parse(client.get("/").content.decode())
    searches = [f for f in tags.find("form") if f.get("role") == "search"]
    assert [(f["method"], f["action"]) for f in searches] == [("get", "/thu-tuc/")]
    box = [i for i in tags.find("input") if i.get("name") == "q"]
    assert len(box) == 1
    assert box[0]["id"] in {label.get("for") for label in tags.find("label")}
    hrefs = {a.get("href") for a in tags.find("a")}
    assert "/thu-tuc/" in hrefs


def test_home_accepts_only_safe_methods(client: Client) -> None:
    assert client.post("/").status_code == 405
    assert client.head("/").status_code == 200


def test_stylesheet_is_found_by_staticfiles() -> None:
    path = finders.find("motcua/css/site.css")
    assert isinstance(path, str)
    css = Path(path).read_text(encoding="utf-8")
    assert ".skip-link:focus" in css
    assert "@import" not in css, "no third-party CSS"


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_api_docs_answer(client: Client, path: str) -> None:
    assert client.get(path).status_code == 200


def test_openapi_schema_describes_our_api(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "motcua API"
    assert "/api/v1/health" in schema["paths"]


def test_api_docs_use_local_swagger_files_only(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert "Content-Security-Policy" in response
    html = response.content.decode()
    tags = parse(html)
    sources = [attrs.get("src") for attrs in tags.find("script") if attrs.get("src")]
    assert sources == ["/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"]
    for tag, attrs in tags.tags:
        for name in ("src", "href"):
            url = attrs.get(name) or ""
            assert not re.match(r"^(https?:)?//", url), f"<{tag} {name}={url}> leaves the site"
    assert "cdn" not in html.lower()
    for attrs in tags.inline:
        assert attrs.get("type") == "application/json", "only the JSON settings block is inline"


def test_favicon_is_served_at_the_root(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg ")
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/").content.decode()
