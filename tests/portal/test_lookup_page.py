"""The public look-up page (/tra-cuu/): code + last four digits of the applicant's ID number or
phone, posted; the same answer for every miss; no personal data; the API's rate limit; the QR
code's `?ma=` link; accessible without JavaScript, htmx swaps the panel."""

import datetime as dt
import re
from dataclasses import replace

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, reverse

from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.workflow.actions import dossier_return
from motcua.workflow.core import lookup_url
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import (
    APPLICANT,
    MONDAY_9AM,
    at,
    build_world,
    receive,
    submit_online,
    to_approval,
    to_result,
)
from tests.portal.test_home import parse

URL = "/tra-cuu/"
MONDAY = MONDAY_9AM.date()
ADDRESS = "203.0.113.5"
NOT_FOUND = "Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập."
# What the applicant's papers say (tests/dossiers/builders.py): none of it may be shown.
PERSONAL = ("Nguyễn Văn Bình", "001090012345", "0912345678", "binh@example.com", "Thôn Đông",
            "Nguyễn Minh An")  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    with time_machine.travel(at(MONDAY, 11), tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    return build_world()


@pytest.fixture
def dossier(world) -> Dossier:
    return receive(world)  # received Monday 9:00; ID 001090012345, phone 0912345678


def look_up(
    code: str | None, last4: str, *, address: str = ADDRESS, htmx: bool = False
) -> HttpResponse:
    headers = {"HX-Request": "true"} if htmx else {}
    response = Client(REMOTE_ADDR=address).post(
        URL, {"code": code or "", "last4": last4}, headers=headers
    )
    assert isinstance(response, HttpResponse)
    return response


def text(response) -> str:
    return str(response.content, "utf-8")


def test_the_page_says_what_it_is_for(db) -> None:
    response = Client().get(reverse("portal:lookup"))

    assert response.status_code == 200
    assert reverse("portal:lookup") == URL
    page = text(response)
    assert "<h1>Tra cứu tình trạng hồ sơ</h1>" in page
    form = next(f for f in parse(page).find("form") if f.get("action") == URL)
    assert form["method"] == "post"
    assert 'name="csrfmiddlewaretoken"' in page
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_the_code_and_the_id_numbers_last_digits_show_the_status(dossier) -> None:
    response = look_up(dossier.code, "2345")

    assert response.status_code == 200
    page = text(response)
    assert "Hồ sơ 000.01.31.H99-260309-0001" in page
    assert 'data-public-status="2">Được tiếp nhận</strong>' in page
    assert "Thủ tục đăng ký khai sinh" in page
    assert dossier.agency.name in page
    assert '<time datetime="2026-03-09T09:00:00+07:00">09:00 09/03/2026</time>' in page
    assert "<dt>Ngày hẹn trả kết quả</dt>" in page
    assert '<time datetime="2026-03-12T09:00:00+07:00">09:00 12/03/2026</time>' in page
    assert "Ngày trả kết quả" not in page


def test_the_phones_last_digits_work_too(dossier) -> None:
    response = look_up(f"  {dossier.code} ", "5678")

    assert response.status_code == 200
    assert "Hồ sơ 000.01.31.H99-260309-0001" in text(response)


def test_the_result_is_a_region_whose_heading_takes_the_focus(dossier) -> None:
    tags = parse(text(look_up(dossier.code, "2345")))

    sections = [
        s for s in tags.find("section") if s.get("aria-labelledby") == "lookup-result-title"
    ]
    assert len(sections) == 1
    heading = next(h for h in tags.find("h2") if h.get("id") == "lookup-result-title")
    assert heading["tabindex"] == "-1"
    assert "autofocus" in heading
    assert [t for t in tags.tags if "autofocus" in t[1]] == [("h2", heading)]


def test_no_personal_data_is_shown(world, dossier) -> None:
    page = text(look_up(dossier.code, "5678"))

    assert "Hồ sơ 000.01.31.H99-260309-0001" in page
    for personal in (*PERSONAL, world.desk_officer.username):
        assert personal not in page
    assert 'value="5678"' not in page, "the digits typed are not written back"


def test_a_wrong_code_and_wrong_digits_answer_the_same(dossier) -> None:
    answers = [
        look_up(dossier.code, "0000"),
        look_up("000.01.31.H99-260309-9999", "2345"),
        look_up(dossier.code, "1234"),  # the first digits of the ID, not the last
        look_up(dossier.code.lower(), "2345"),
        look_up(dossier.reference, "0000"),
    ]

    assert {r.status_code for r in answers} == {404}
    # Apart from the code typed (kept in its box), the CSRF token and the CSP nonce: one page.
    pages = {re.sub(r'(value|nonce)="[^"]*"', "", text(r)) for r in answers}
    assert len(pages) == 1
    page = pages.pop()
    assert NOT_FOUND in page
    assert "lookup-result" not in page


def test_the_code_typed_is_kept_and_the_digits_are_not(dossier) -> None:
    page = text(look_up("000.01.31.H99-260309-9999", "2345"))

    tags = parse(page)
    inputs = {i["name"]: i for i in tags.find("input") if i.get("name") in ("code", "last4")}
    assert inputs["code"]["value"] == "000.01.31.H99-260309-9999"
    assert "value" not in inputs["last4"]


def test_a_malformed_form_shows_the_errors_on_the_fields(dossier) -> None:
    response = look_up("", "23a5")

    assert response.status_code == 400
    tags = parse(text(response))
    summary = [d for d in tags.find("div") if d.get("role") == "alert"]
    assert len(summary) == 1
    assert "autofocus" in summary[0]
    links = [a["href"] for a in tags.find("a") if a.get("href") in ("#id_code", "#id_last4")]
    assert links == ["#id_code", "#id_last4"]
    code = next(i for i in tags.find("input") if i.get("name") == "code")
    assert code["aria-invalid"] == "true"
    assert code["aria-describedby"] == "id_code_helptext id_code_error"
    page = text(response)
    assert "Vui lòng nhập mã hồ sơ." in page
    assert "4 số cuối gồm đúng 4 chữ số." in page


def test_a_malformed_form_is_not_counted_as_a_try(dossier, settings) -> None:
    settings.MOTCUA_LOOKUP_RATE = "1/600"
    for _ in range(3):
        assert look_up(dossier.code, "").status_code == 400

    assert look_up(dossier.code, "2345").status_code == 200


def test_an_online_submission_is_found_by_its_reference(world) -> None:
    submitted = submit_online(world, account=CitizenFactory(), when=at(MONDAY, 10))

    response = look_up(submitted.reference, "5678")

    assert response.status_code == 200
    page = text(response)
    assert f"Hồ sơ {submitted.reference}" in page
    assert 'data-public-status="1">Mới đăng ký</strong>' in page
    assert "<dt>Ngày nộp trực tuyến</dt>" in page
    assert '<time datetime="2026-03-09T10:00:00+07:00">10:00 09/03/2026</time>' in page
    assert "Chưa tiếp nhận" in page
    assert "aria-current" not in page.split('class="lookup-progress"')[1].split("</ol>")[0]


def test_a_returned_dossier_shows_every_stage_and_its_dates(world) -> None:
    dossier = to_result(world, to_approval(world, receive(world)))
    dossier_return(dossier=dossier, actor=world.desk_officer, method=ReturnMethod.POST,
                   tracking_number="EB123456789VN", at=at(MONDAY, 16))  # fmt: skip

    with time_machine.travel(at(MONDAY, 17), tick=False):
        page = text(look_up(dossier.code, "2345"))

    assert 'data-public-status="10">Đã trả kết quả</strong>' in page
    assert "trạng thái 10/10" in page
    steps = re.findall(r'<li class="lookup-progress__step([^"]*)"( aria-current="step")?', page)
    assert steps == [(" lookup-progress__step--reached", "")] * 3 + [
        (" lookup-progress__step--reached", ' aria-current="step"')
    ]
    assert '<time datetime="2026-03-09T15:00:00+07:00">15:00 09/03/2026</time>' in page
    assert '<time datetime="2026-03-09T16:00:00+07:00">16:00 09/03/2026</time>' in page
    assert "EB123456789VN" not in page


def test_the_new_appointment_after_an_apology_is_labelled(dossier) -> None:
    new_due = at(MONDAY + dt.timedelta(days=7), 16)
    Dossier.objects.filter(pk=dossier.pk).update(rescheduled_due_at=new_due)

    page = text(look_up(dossier.code, "2345"))

    assert "Ngày hẹn trả kết quả mới (theo văn bản xin lỗi, hẹn lại)" in page
    assert '<time datetime="2026-03-16T16:00:00+07:00">16:00 16/03/2026</time>' in page


def test_the_qr_code_link_fills_in_the_code_and_focuses_the_digits(dossier, settings) -> None:
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.gov.vn"
    link = lookup_url(dossier)
    assert link.startswith("https://dichvucong.example.gov.vn/tra-cuu/?ma=")

    response = Client().get(link.removeprefix("https://dichvucong.example.gov.vn"))

    assert response.status_code == 200
    inputs = {i["name"]: i for i in parse(text(response)).find("input") if i.get("name")}
    assert inputs["code"]["value"] == dossier.code
    assert "autofocus" in inputs["last4"]
    assert "autofocus" not in inputs["code"]
    assert NOT_FOUND not in text(response), "opening the link looks nothing up"


def test_opening_the_page_never_counts_as_a_try(dossier, settings) -> None:
    settings.MOTCUA_LOOKUP_RATE = "1/600"
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(3):
        assert client.get(URL, {"ma": dossier.code}).status_code == 200

    assert look_up(dossier.code, "2345").status_code == 200


def test_the_form_works_with_csrf_checks(dossier) -> None:
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=ADDRESS)
    assert client.post(URL, {"code": dossier.code, "last4": "2345"}).status_code == 403

    client.get(URL, {"ma": dossier.code})
    token = client.cookies["csrftoken"].value
    response = client.post(
        URL, {"code": dossier.code, "last4": "2345", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 200
    assert "Hồ sơ 000.01.31.H99-260309-0001" in text(response)


def test_tries_are_rate_limited_with_a_page_that_says_how_long(dossier, settings, clock) -> None:
    settings.MOTCUA_LOOKUP_RATE = "3/600"
    for _ in range(3):
        assert look_up(dossier.code, "0000").status_code == 404

    limited = look_up(dossier.code, "2345")  # even the right answer, once over the limit

    assert limited.status_code == 429
    assert limited["Retry-After"] == "600"  # Monday 11:00 starts a 10-minute window
    page = text(limited)
    assert "Ông/Bà đã tra cứu quá nhiều lần. Vui lòng thử lại sau 10 phút." in page
    assert "lookup-result" not in page
    assert NOT_FOUND not in page
    assert look_up(dossier.code, "2345", address="198.51.100.7").status_code == 200

    clock.shift(dt.timedelta(seconds=590))
    seconds = look_up(dossier.code, "2345")
    assert seconds.status_code == 429
    assert "Vui lòng thử lại sau 10 giây." in text(seconds)

    clock.shift(dt.timedelta(seconds=10))
    assert look_up(dossier.code, "2345").status_code == 200


def test_the_page_and_the_api_share_the_limit(dossier, settings) -> None:
    settings.MOTCUA_LOOKUP_RATE = "3/600"
    api = Client(REMOTE_ADDR=ADDRESS)
    assert look_up(dossier.code, "0000").status_code == 404
    assert api.get("/api/v1/lookup", {"code": dossier.code, "last4": "0000"}).status_code == 404
    assert look_up(dossier.code, "0001").status_code == 404

    assert api.get("/api/v1/lookup", {"code": dossier.code, "last4": "2345"}).status_code == 429
    assert look_up(dossier.code, "2345").status_code == 429


def test_htmx_swaps_the_panel_with_every_answer(dossier, settings) -> None:
    settings.MOTCUA_LOOKUP_RATE = "2/600"
    found = look_up(dossier.code, "2345", htmx=True)
    missed = look_up(dossier.code, "0000", htmx=True)
    limited = look_up(dossier.code, "2345", htmx=True)

    assert [r.status_code for r in (found, missed, limited)] == [200, 200, 200]
    for response in (found, missed, limited):
        assert text(response).lstrip().startswith('<div id="lookup-panel"')
        assert "<html" not in text(response)
    assert "Hồ sơ 000.01.31.H99-260309-0001" in text(found)
    assert NOT_FOUND in text(missed)
    assert "thử lại sau" in text(limited)
    assert limited["Retry-After"] == "600"


def test_the_login_link_for_details_appears_when_the_portal_has_a_login(db) -> None:
    page = text(Client().get(URL))

    assert "Xem chi tiết hồ sơ" in page
    try:
        login = reverse("portal:login")
    except NoReverseMatch:  # the citizens' login page comes with the accounts pages
        pytest.skip("portal:login is not routed yet")
    assert f'href="{login}"' in page


def test_the_home_page_has_a_lookup_box_that_opens_this_page(db) -> None:
    page = text(Client().get("/"))

    tags = parse(page)
    form = next(f for f in tags.find("form") if f.get("action") == URL)
    assert form["method"] == "get"
    boxes = [i for i in tags.find("input") if i.get("name") == "ma"]
    assert len(boxes) == 1
    assert [i for i in tags.find("input") if i.get("name") == "last4"] == []
    assert "tra cứu tình trạng hồ sơ chưa có" not in page.lower()


def test_a_dossier_of_an_account_holder_shows_no_account_data(world) -> None:
    citizen = CitizenFactory()
    dossier = receive(world, applicant=replace(APPLICANT, account=citizen))

    page = text(look_up(dossier.code, "2345"))

    assert "Hồ sơ 000.01.31.H99-260309-0001" in page
    assert citizen.username not in page
    assert citizen.full_name not in page
