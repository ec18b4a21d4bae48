"""The public catalog pages: search and filters, pagination, a procedure's page, downloads,
online submission entry, ended procedures, and the query count of the list."""

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import Agency, DeskKind
from motcua.accounts.services import desk_create
from motcua.calendar.engine import TimeUnit
from motcua.catalog import formatting
from motcua.catalog.models import CaseVariant, Component, Procedure, ProcedureVersion
from motcua.catalog.selectors import procedure_search
from motcua.catalog.services import procedure_abolish, procedure_draft_save, procedure_publish
from motcua.catalog.specs import FeeSpec
from motcua.core.timezone import VN_TZ
from motcua.portal import views
from tests.catalog.builders import COMMUNE, JUSTICE, birth_registration, catalog_world
from tests.portal.test_home import csp_nonce, parse

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=VN_TZ)
BIRTH = "Thủ tục đăng ký khai sinh"
LATE_BIRTH = "Đăng ký lại khai sinh"
MARRIAGE = "Đăng ký kết hôn"
BUSINESS = "Đăng ký hộ kinh doanh"
COPY = "Chứng thực bản sao từ bản chính giấy tờ, văn bản"


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def publish(valid_from: dt.date = JULY, **overrides: object) -> ProcedureVersion:
    draft = procedure_draft_save(spec=birth_registration(**overrides), actor=None)
    return procedure_publish(version=draft, valid_from=valid_from, actor=None)


def birth_variant(**overrides: object):
    return replace(birth_registration().variants[0], **overrides)  # type: ignore[arg-type]


@pytest.fixture
def catalog():
    catalog_world()
    publish(
        variants=(
            birth_variant(
                time_limit_value=Decimal(5),
                committed_value=Decimal(3),
                fees=(
                    FeeSpec(
                        kind="charge",
                        name="Lệ phí đăng ký khai sinh",
                        amount=Decimal(100000),
                        exemption="Miễn cho trẻ em thuộc hộ nghèo",
                    ),
                ),
            ),
        ),
        hotline="0260 3 862 468",
        feedback_address="Văn phòng UBND tỉnh, 01 Trần Hưng Đạo",
    )
    publish(code="1.001022", name=LATE_BIRTH, online_level="partial")
    publish(code="1.000894", name=MARRIAGE, online_level="none", method_online=False)
    publish(
        code="2.000720",
        name=BUSINESS,
        field_code="DD",
        postal_intake=False,
        postal_return=False,
        method_postal=False,
    )
    publish(code="2.000908", name=COPY, executing_agency_codes=(JUSTICE,), levels=("province",))


def html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    content: bytes = response.content
    return content.decode()


def result_names(page: str) -> list[str]:
    block = page.split('<ol class="results">', 1)
    if len(block) < 2:
        return []
    return [
        re.sub(r"\s+", " ", name).strip()
        for name in re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', block[1])
    ]


class Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self._tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3"}:
            self._tag = tag
            self.headings.append((tag, ""))

    def handle_data(self, data: str) -> None:
        if self._tag is not None:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, (text + data).strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == self._tag:
            self._tag = None


def headings(page: str, level: str) -> list[str]:
    parser = Headings()
    parser.feed(page)
    return [re.sub(r"\s+", " ", text) for tag, text in parser.headings if tag == level]


# --- Formatting ----------------------------------------------------------------------------------


def test_vietnamese_number_formats() -> None:
    assert formatting.money_vi(Decimal(100000)) == "100.000 đồng"
    assert formatting.money_vi(Decimal(1250000), "đồng/hồ sơ") == "1.250.000 đồng/hồ sơ"
    assert formatting.money_vi(Decimal(50000), "bản") == "50.000 đồng/bản"
    assert formatting.money_vi(0) == "0 đồng"
    assert formatting.decimal_vi(Decimal("1234567.50")) == "1.234.567,5"
    assert formatting.decimal_vi(Decimal("3.00")) == "3"
    assert formatting.decimal_vi(Decimal("0.5")) == "0,5"
    assert formatting.percent_vi(Decimal("33.3")) == "33,3%"


def test_time_limits_in_vietnamese() -> None:
    assert formatting.time_limit_vi(Decimal(3), TimeUnit.WORKING_DAYS) == "3 ngày làm việc"
    assert formatting.time_limit_vi(Decimal("1.5"), TimeUnit.WORKING_DAYS) == "1,5 ngày làm việc"
    assert formatting.time_limit_vi(Decimal(4), TimeUnit.WORKING_HOURS) == "4 giờ làm việc"
    assert formatting.time_limit_vi(Decimal(15), TimeUnit.CALENDAR_DAYS) == "15 ngày"
    assert formatting.time_limit_vi(Decimal(2), TimeUnit.MONTHS) == "2 tháng"
    assert formatting.time_limit_vi(Decimal(0), TimeUnit.WORKING_DAYS) == "Trong ngày"
    days = TimeUnit.WORKING_DAYS
    assert formatting.limits_summary_vi([(Decimal(3), days)]) == "3 ngày làm việc"
    assert formatting.limits_summary_vi([(Decimal(5), days), (Decimal(3), days)]) == (
        "3 – 5 ngày làm việc"
    )
    assert formatting.limits_summary_vi(
        [(Decimal(3), days), (Decimal(15), TimeUnit.CALENDAR_DAYS)]
    ) == ("15 ngày; 3 ngày làm việc")
    assert formatting.limits_summary_vi([]) == ""


# --- The list ------------------------------------------------------------------------------------


def test_list_shows_every_public_procedure_with_its_summary(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/"))
    assert sorted(result_names(page)) == sorted([BIRTH, LATE_BIRTH, MARRIAGE, BUSINESS, COPY])
    assert "5 thủ tục đang áp dụng" in page
    assert f'<a href="/thu-tuc/1.001193/">{BIRTH}</a>' in page
    birth = page.split(f">{BIRTH}</a>", 1)[1].split("</li>", 1)[0]
    assert "1.001193" in birth
    assert "Hộ tịch" in birth
    assert "Cấp xã" in birth
    assert "3 ngày làm việc" in birth, "the committed time, not the statutory 5"
    assert 'class="badge badge--full">Dịch vụ công trực tuyến toàn trình<' in birth


def test_unaccented_search_finds_the_accented_name_best_first(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/", {"q": "dang ky khai sinh"}))
    assert result_names(page) == [BIRTH, LATE_BIRTH]
    assert "Tìm thấy 2 thủ tục" in page
    assert "<title>«dang ky khai sinh» — Thủ tục hành chính" in page
    assert 'value="dang ky khai sinh"' in page, "the query stays in the box"
    any_order = result_names(html(client.get("/thu-tuc/", {"q": "khai sinh ĐĂNG KÝ"})))
    assert sorted(any_order) == sorted([BIRTH, LATE_BIRTH])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "DD"}, [BUSINESS]),
        ({"level": "province"}, [COPY]),
        ({"agency": JUSTICE}, [COPY]),
        ({"online_level": "none"}, [MARRIAGE]),
        ({"online_level": "partial"}, [LATE_BIRTH]),
        ({"postal": "khong"}, [BUSINESS]),
        ({"postal": "co", "q": "dang ky"}, [BIRTH, LATE_BIRTH, MARRIAGE]),
        ({"field": "HT", "q": "ket hon"}, [MARRIAGE]),
    ],
)
def test_filters(client: Client, catalog, params, expected) -> None:
    found = result_names(html(client.get("/thu-tuc/", params)))
    if "q" in params:
        assert sorted(found) == sorted(expected)
    else:
        assert found == expected


def test_filter_choices_come_from_public_procedures(client: Client, catalog) -> None:
    tags = parse(html(client.get("/thu-tuc/")))
    options = [attrs.get("value") for attrs in tags.find("option")]
    assert "HT" in options
    assert "DD" in options
    assert JUSTICE in options
    assert "000.00.41.H99" not in options, "the police execute no public procedure"
    labels = {attrs.get("for") for attrs in tags.find("label")}
    for attrs in [*tags.find("select"), *[i for i in tags.find("input") if i.get("name") == "q"]]:
        assert attrs["id"] in labels, f"every control has a label: {attrs}"


def test_unknown_filter_values_are_ignored_with_a_message(client: Client, catalog) -> None:
    page = html(
        client.get(
            "/thu-tuc/",
            {"q": "ket hon", "field": "KHONG-CO", "level": "galaxy", "postal": "x", "page": "x"},
        )
    )
    assert result_names(page) == [MARRIAGE]
    assert "Lĩnh vực, Cấp thực hiện, Nộp hồ sơ, nhận kết quả qua bưu chính" in page
    assert "không hợp lệ nên không được dùng để tìm kiếm" in page
    tags = parse(page)
    assert not [o for o in tags.find("option") if o.get("selected") is not None and o["value"]]
    too_long = html(client.get("/thu-tuc/", {"q": "x" * 300}))
    assert "Tên hoặc mã thủ tục" in too_long.split("không hợp lệ", 1)[0]
    assert len(result_names(too_long)) == 5


def test_empty_results_explain_what_to_try(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/", {"q": "phi thuyen vu tru"}))
    assert result_names(page) == []
    assert "Không tìm thấy thủ tục nào phù hợp" in page
    assert "gõ không dấu" in page
    assert 'href="/thu-tuc/">Xem tất cả thủ tục đang áp dụng' in page


def test_empty_catalog(client: Client, db) -> None:
    page = html(client.get("/thu-tuc/"))
    assert "Hiện chưa có thủ tục hành chính nào được công bố" in page


def test_pagination_keeps_the_search(client: Client, catalog, monkeypatch) -> None:
    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 2)
    first = html(client.get("/thu-tuc/", {"q": "dang ky", "postal": "co"}))
    assert result_names(first) == [BIRTH, LATE_BIRTH] or len(result_names(first)) == 2
    assert "trang 1/2" in first
    assert 'href="/thu-tuc/?q=dang+ky&amp;postal=co&amp;page=2" rel="next"' in first
    second = html(client.get("/thu-tuc/", {"q": "dang ky", "postal": "co", "page": "2"}))
    assert len(result_names(second)) == 1
    assert set(result_names(first) + result_names(second)) == {BIRTH, LATE_BIRTH, MARRIAGE}
    assert 'rel="prev"' in second
    assert 'aria-current="page"><span class="visually-hidden">Trang </span>2<' in second
    beyond = html(client.get("/thu-tuc/", {"q": "dang ky", "postal": "co", "page": "99"}))
    assert result_names(beyond) == result_names(second), "past the end: the last page"
    garbage = html(client.get("/thu-tuc/", {"q": "dang ky", "postal": "co", "page": "-1"}))
    assert result_names(garbage) == result_names(second)


def test_htmx_gets_only_the_results(client: Client, catalog) -> None:
    response = client.get("/thu-tuc/", {"q": "ket hon"}, headers={"HX-Request": "true"})
    page = html(response)
    assert "HX-Request" in response["Vary"]
    assert page.lstrip().startswith('<section id="catalog-results"')
    assert "<html" not in page
    assert result_names(page) == [MARRIAGE]
    assert '<p id="catalog-status" hx-swap-oob="innerHTML">Tìm thấy 1 thủ tục.</p>' in page
    restore = client.get(
        "/thu-tuc/",
        {"q": "ket hon"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in html(restore), "a history restore needs the whole page"


def test_list_query_count_does_not_grow_with_results(client: Client, catalog, monkeypatch) -> None:
    with CaptureQueriesContext(connection) as few:
        html(client.get("/thu-tuc/", {"q": "ket hon"}))
    for i in range(6):
        publish(code=f"3.00000{i}", name=f"Đăng ký thử nghiệm {i}")
    with CaptureQueriesContext(connection) as many:
        page = html(client.get("/thu-tuc/"))
    assert len(result_names(page)) == 11
    assert len(many) == len(few)


def test_list_stays_within_a_query_budget(
    client: Client, catalog, django_assert_max_num_queries
) -> None:
    # Filter choices (2), count, page, levels, variants.
    with django_assert_max_num_queries(6):
        html(client.get("/thu-tuc/", {"q": "dang ky", "field": "HT"}))


def test_list_never_fetches_lazily(client: Client, catalog, monkeypatch) -> None:
    """With Django's FETCH_RAISE, reading a forward relation (procedure, field) that the
    selector did not select_related raises instead of querying once per result. Reverse
    relations (levels, variants) are covered by the query-count tests."""

    def strict_search(**kwargs: Any) -> Any:
        return procedure_search(**kwargs).fetch_mode(models.FETCH_RAISE)

    monkeypatch.setattr(views, "procedure_search", strict_search)
    assert len(result_names(html(client.get("/thu-tuc/")))) == 5


def test_detail_stays_within_a_query_budget(
    client: Client, catalog, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(11):
        html(client.get("/thu-tuc/1.001193/"))


def test_list_accepts_only_safe_methods(client: Client, catalog) -> None:
    assert client.post("/thu-tuc/").status_code == 405


def test_the_local_date_in_vietnam_decides_what_is_public(client: Client, catalog, now) -> None:
    publish(code="3.000001", name="Thủ tục mới áp dụng", valid_from=dt.date(2026, 11, 25))
    now.move_to(dt.datetime(2026, 11, 24, 16, 59, tzinfo=dt.UTC))  # 23:59 in Vietnam
    assert "Thủ tục mới áp dụng" not in result_names(html(client.get("/thu-tuc/")))
    now.move_to(dt.datetime(2026, 11, 24, 17, 0, tzinfo=dt.UTC))  # 00:00 on the 25th
    assert "Thủ tục mới áp dụng" in result_names(html(client.get("/thu-tuc/")))


# --- A procedure's page --------------------------------------------------------------------------


def test_detail_has_every_public_part_in_publication_order(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/1.001193/"))
    assert headings(page, "h1") == [BIRTH]
    assert headings(page, "h2") == [
        "Nội dung",
        "Trình tự thực hiện",
        "Cách thức thực hiện",
        "Thành phần hồ sơ",
        "Thời hạn giải quyết",
        "Đối tượng thực hiện",
        "Cơ quan thực hiện",
        "Kết quả thực hiện",
        "Phí, lệ phí",
        "Yêu cầu, điều kiện thực hiện",
        "Căn cứ pháp lý",
        "Mức độ dịch vụ công trực tuyến",
        "Dịch vụ bưu chính công ích",
        "Quyết định công bố",
        "Phản ánh, kiến nghị",
    ]
    assert "<title>Thủ tục đăng ký khai sinh — Thủ tục hành chính" in page


def test_detail_shows_components_limits_fees_and_decision(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/1.001193/"))
    components = page.split('id="thanh-phan"', 1)[1].split("</section>", 1)[0]
    for name in ("Tờ khai đăng ký khai sinh", "Giấy chứng sinh", "Văn bản ủy quyền"):
        assert f'<th scope="row">{name}</th>' in components
    assert "Bắt buộc có điều kiện: Khi người đi đăng ký là người được ủy quyền" in components
    assert "Mẫu TT 04/2020" in components
    limits = page.split('id="thoi-han"', 1)[1].split("</section>", 1)[0]
    assert "<td>5 ngày làm việc</td>" in limits
    assert "<td>3 ngày làm việc</td>" in limits
    assert "<td>40%</td>" in limits
    fees = page.split('id="phi"', 1)[1].split("</section>", 1)[0]
    assert "Lệ phí: Lệ phí đăng ký khai sinh" in fees
    assert "100.000 đồng/hồ sơ" in fees
    assert "Miễn cho trẻ em thuộc hộ nghèo" in fees
    assert "Luật Hộ tịch số 60/2014/QH13" in page
    assert "01/01/2016" in page
    decision = page.split('id="cong-bo"', 1)[1].split("</section>", 1)[0]
    assert "1234/QĐ-UBND" in decision
    assert "20/06/2025" in decision
    assert "Chủ tịch UBND tỉnh" in decision
    assert 'href="tel:02603862468"' in page
    assert "Văn phòng UBND tỉnh, 01 Trần Hưng Đạo" in page
    assert "UBND xã Hòa An" in page
    assert "Trung tâm phục vụ hành chính công cấp xã" in page
    assert "Tiếp nhận hồ sơ qua bưu chính: <strong>Có</strong>" in page


def test_detail_never_shows_the_internal_process(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/1.001193/"))
    for internal in ("Lãnh đạo ký", "tham-dinh", "budget", "Quy trình nội bộ", "desk_officer"):
        assert internal not in page


def test_online_procedures_offer_online_submission(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/1.001193/"))
    tags = parse(page)
    buttons = [a for a in tags.find("a") if "button--large" in (a.get("class") or "")]
    assert [a["href"] for a in buttons] == ["/thu-tuc/1.001193/nop-truc-tuyen/"]
    assert ">Nộp hồ sơ trực tuyến</a>" in page

    # No desk receives for the commune yet: nowhere to file online on this portal.
    nowhere = client.get("/thu-tuc/1.001193/nop-truc-tuyen/")
    assert nowhere.status_code == 404
    assert "chưa cung cấp dịch vụ công trực tuyến" in nowhere.content.decode()
    commune = Agency.objects.get(code=COMMUNE)
    desk_create(code="mot-cua-xa", name="Bộ phận một cửa xã", kind=DeskKind.COMMUNE_CENTRE,
                host=commune, serves=[commune], actor=None)  # fmt: skip
    online = html(client.get("/thu-tuc/1.001193/nop-truc-tuyen/"))
    assert "Bắt đầu" in online
    assert BIRTH in online
    assert "Giấy chứng sinh" in online, "what to prepare"
    assert "/dang-nhap/?next=/thu-tuc/1.001193/nop-truc-tuyen/" in online

    offline = html(client.get("/thu-tuc/1.000894/"))
    assert "nop-truc-tuyen" not in offline
    assert "Nộp hồ sơ trực tuyến</a>" not in offline
    refused = client.get("/thu-tuc/1.000894/nop-truc-tuyen/")
    assert refused.status_code == 404
    assert "chưa cung cấp dịch vụ công trực tuyến" in refused.content.decode()


def test_form_templates_are_downloadable(client: Client, catalog) -> None:
    component = Component.objects.get(variant__version__procedure__code="1.001193", code="to-khai")
    component.template_file.save("to-khai-khai-sinh.docx", ContentFile(b"PK mau to khai"))
    page = html(client.get("/thu-tuc/1.001193/"))
    link = "/thu-tuc/1.001193/mau/dung-han/to-khai/"
    assert f'<a href="{link}" download>Tải mẫu Mẫu TT 04/2020' in page

    response: Any = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK mau to khai"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "to-khai-khai-sinh" in response["Content-Disposition"]

    assert client.get("/thu-tuc/1.001193/mau/dung-han/giay-chung-sinh/").status_code == 404
    assert client.get("/thu-tuc/1.001193/mau/khac/to-khai/").status_code == 404
    assert client.get("/thu-tuc/9.999999/mau/dung-han/to-khai/").status_code == 404


def test_a_replaced_procedure_links_its_successor(client: Client, catalog) -> None:
    successor = Procedure.objects.get(code="1.001022")
    procedure_abolish(
        procedure=Procedure.objects.get(code="1.000894"),
        valid_to=dt.date(2026, 3, 1),
        reason="Quyết định 99/QĐ-UBND",
        actor=None,
        replaced_by=successor,
    )
    response = client.get("/thu-tuc/1.000894/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Thủ tục đã hết hiệu lực</h1>" in page
    assert "đã hết hiệu lực từ ngày 01/03/2026" in page
    assert f'<a href="/thu-tuc/1.001022/">{LATE_BIRTH}</a>' in page
    assert MARRIAGE not in result_names(html(client.get("/thu-tuc/")))


def test_an_abolished_procedure_says_so(client: Client, catalog) -> None:
    procedure_abolish(
        procedure=Procedure.objects.get(code="1.000894"),
        valid_to=dt.date(2026, 3, 1),
        reason="Quyết định 99/QĐ-UBND",
        actor=None,
    )
    response = client.get("/thu-tuc/1.000894/")
    assert response.status_code == 404
    assert "Thủ tục đã được bãi bỏ" in response.content.decode()


def test_unknown_future_and_draft_procedures_are_not_found(client: Client, catalog) -> None:
    unknown = client.get("/thu-tuc/9.999999/")
    assert unknown.status_code == 404
    assert "Không tìm thấy thủ tục" in unknown.content.decode()
    assert 'action="/thu-tuc/"' in unknown.content.decode(), "a way on"

    publish(code="3.000002", name="Thủ tục sắp áp dụng", valid_from=dt.date(2027, 1, 1))
    future = client.get("/thu-tuc/3.000002/")
    assert future.status_code == 404
    assert "được áp dụng từ ngày 01/01/2027" in future.content.decode()

    procedure_draft_save(spec=birth_registration(code="3.000003", name="Bản nháp"), actor=None)
    draft = client.get("/thu-tuc/3.000003/")
    assert draft.status_code == 404
    assert "Bản nháp" not in draft.content.decode()


def test_local_codes_live_under_their_own_prefix(client: Client, catalog) -> None:
    publish(code="HT-01", namespace="local", name="Xác nhận tình trạng hôn nhân (nội bộ)")
    assert html(client.get("/thu-tuc/noi-bo/HT-01/"))
    assert "mã nội bộ của tỉnh" in html(client.get("/thu-tuc/noi-bo/HT-01/"))
    assert client.get("/thu-tuc/HT-01/").status_code == 404
    listing = html(client.get("/thu-tuc/", {"q": "tinh trang hon nhan"}))
    assert 'href="/thu-tuc/noi-bo/HT-01/"' in listing


def test_catalog_pages_keep_the_csp(client: Client, catalog) -> None:
    for path in ("/thu-tuc/", "/thu-tuc/?q=khai+sinh", "/thu-tuc/1.001193/"):
        response = client.get(path)
        nonce = csp_nonce(response["Content-Security-Policy"])
        tags = parse(response.content.decode())
        for attrs in tags.inline:
            assert attrs.get("nonce") == nonce, f"{path}: inline code without the nonce"
        for tag, attrs in tags.tags:
            assert "style" not in attrs, f"{path}: inline style on <{tag}>"
            assert not [name for name in attrs if name.startswith("on")], f"{path}: <{tag}>"


def test_landmarks_and_navigation(client: Client, catalog) -> None:
    page = html(client.get("/thu-tuc/"))
    tags = parse(page)
    assert len(tags.find("main")) == 1
    assert len(tags.find("h1")) == 1
    current = [a["href"] for a in tags.find("a") if a.get("aria-current") == "page"]
    assert current == ["/thu-tuc/"]
    searches = [f for f in tags.find("form") if f.get("role") == "search"]
    assert [(f["method"], f["action"]) for f in searches] == [("get", "/thu-tuc/")]

    detail = parse(html(client.get("/thu-tuc/1.001193/")))
    assert [n.get("aria-label") for n in detail.find("nav")] == [
        "Điều hướng chính",
        "Vị trí trang",
        "Nội dung thủ tục",
    ]
    nav_links = [a for a in detail.find("a") if a.get("href") == "/thu-tuc/"]
    assert any(a.get("aria-current") == "true" for a in nav_links)


def test_the_search_uses_only_versions_in_force(client: Client, catalog) -> None:
    """An amendment replaces the page's content from its start date; one result per procedure."""
    birth = CaseVariant.objects.get(version__procedure__code="1.001193")
    assert birth.committed_value == 3
    publish(
        valid_from=dt.date(2026, 10, 1),
        name="Thủ tục đăng ký khai sinh (sửa đổi)",
        variants=(birth_variant(time_limit_value=Decimal(4), committed_value=Decimal(3)),),
    )
    found = result_names(html(client.get("/thu-tuc/", {"q": "khai sinh"})))
    assert found.count("Thủ tục đăng ký khai sinh (sửa đổi)") == 1
    assert BIRTH not in found
    page = html(client.get("/thu-tuc/1.001193/"))
    assert "<td>4 ngày làm việc</td>" in page
    assert "<td>25%</td>" in page
