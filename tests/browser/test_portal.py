"""The citizen portal in Debian's Chromium, every flow on a phone (390 × 844) and a desktop
(1280 × 900) screen:

- online submission end to end: the procedure found by typing without accents, the e-form's
  check seen in the page and corrected, a scan uploaded, "check your answers" with its change
  links, the declaration, "Mới đăng ký"; the desk officer receives it in the back office and the
  citizen sees "Được tiếp nhận" in "Hồ sơ của tôi";
- the public look-up: a wrong code or wrong digits get the same neutral answer, the right ones the
  status and dates without personal data; the receipt's QR address fills the code in;
- the satisfaction rating of a returned dossier: the form, the thank-you, "already rated".

Every page visited is checked: no Content-Security-Policy violation, no console error, every
visible input named (`Visits`). The live server acts at the real time; nothing here depends on
the hour (an online dossier submitted outside office hours is still "Mới đăng ký", and the desk
may receive it at any time). Dossiers built through the services are dated March 2026, before
now."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.accounts.validators import Sex
from motcua.catalog.models import CaseVariant
from motcua.core.timezone import local_today
from motcua.dossiers.models import Dossier, DossierRating, DossierStatus, ReturnMethod
from motcua.workflow.services import dossier_accept, dossier_return
from tests.accounts.factories import PASSWORD, CitizenFactory, personal_id
from tests.accounts.otp_helpers import clear_outboxes, last_sms_code
from tests.browser.citizen import DEVICES, Visits, citizen_picture, desktop_page
from tests.browser.conftest import WatchedPage, open_page
from tests.browser.staff import assert_clean, log_in_as
from tests.catalog.builders import BIRTH_FORM
from tests.dossiers.builders import (
    MONDAY_9AM,
    PDF,
    World,
    at,
    build_world,
    receive,
    submit_online,
    to_approval,
    to_result,
)

pytestmark = pytest.mark.browser

PROCEDURE = "Thủ tục đăng ký khai sinh"
NEW_PASSWORD = "Hoa-sen-2026!"
MONDAY = MONDAY_9AM.date()


@pytest.fixture(params=list(DEVICES))
def device(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def citizen_page(browser: Any, device: str) -> Iterator[WatchedPage]:
    """The citizen's own browser, Vietnamese, on the screen of the test's `device`."""
    yield from open_page(browser, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **DEVICES[device])


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """The look-up and login limits count in the (process-wide) cache: start from zero."""
    cache.clear()
    yield
    cache.clear()


def make_world() -> World:
    world = build_world()
    # Online, the e-form stands for the paper declaration (the catalog's `replaces`).
    CaseVariant.objects.filter(pk=world.variant.pk).update(
        eform_schema={**BIRTH_FORM, "replaces": ["to-khai"]}
    )
    return world


def make_citizen() -> User:
    user = CitizenFactory(
        full_name="Trần Thị Hoa", phone="0987654321", email="hoa@example.com",
        profile__address="Thôn Tây, xã Hòa An",
    )  # fmt: skip
    user.phone_verified_at = timezone.now()
    user.save(update_fields=["phone_verified_at"])
    return user


def goto(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url


def log_in_through_the_form(page: Any, user: User) -> None:
    """The citizen's login page: personal ID number (or tax code, or phone) and password."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc số điện thoại").fill(user.username)
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Đăng nhập").click()


# --- 0. An account: registered, the phone verified with a one-time code -------------------------


def test_registering_and_verifying_the_phone(
    live_server, citizen_page: WatchedPage, device: str
) -> None:
    clear_outboxes()
    url = live_server.url
    page = citizen_page.page
    visits = Visits(citizen_page)
    phone = device == "phone"
    id_number = personal_id(4242, birth_year=1992, sex=Sex.FEMALE)

    goto(page, f"{url}/")
    visits.accessible()
    page.get_by_role("banner").get_by_role("link", name="Đăng ký", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký tài khoản")
    visits.accessible()
    page.get_by_label("Số định danh cá nhân").fill(id_number)
    page.get_by_label("Họ và tên").fill("Lê Thị Mai")
    page.get_by_label("Ngày sinh").fill("12/05/1992")
    page.get_by_label("Số điện thoại di động").fill("0901 234 567")
    page.get_by_label("Email").fill("mai@example.com")
    page.get_by_label("Mật khẩu", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(NEW_PASSWORD)
    citizen_picture(
        citizen_page,
        "register",
        device=device,
        docs=phone,
        top=page.get_by_role("heading", level=1),
    )
    page.get_by_role("main").get_by_role("button", name="Đăng ký").click()

    # Logged in at once; the code sent by SMS proves the phone.
    expect(page.get_by_role("heading", level=1)).to_have_text("Xác thực số điện thoại")
    visits.accessible()
    expect(page.get_by_role("main")).to_contain_text("Mã xác thực đã được gửi đến")
    page.get_by_label("Mã xác thực").fill(last_sms_code())
    citizen_picture(citizen_page, "verify", device=device, docs=not phone)
    page.get_by_role("button", name="Xác thực", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản của tôi")
    expect(page.get_by_text("Đã xác thực số điện thoại.")).to_be_visible()
    visits.accessible()
    account = User.objects.get(username=id_number)
    assert account.phone_verified

    # Out, and in again with the verified phone number instead of the ID number.
    page.get_by_role("banner").get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Ông/Bà đã đăng xuất.")).to_be_visible()
    visits.accessible()
    page.get_by_role("banner").get_by_role("link", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    visits.accessible()
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc số điện thoại").fill("0901234567")
    page.get_by_label("Mật khẩu", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản của tôi")
    expect(page.get_by_role("banner")).to_contain_text("Lê Thị Mai")
    visits.accessible()
    visits.all_checked()


# --- 1. Online submission, received by the desk -------------------------------------------------


def test_an_online_submission_received_by_the_desk(
    live_server, browser: Any, citizen_page: WatchedPage, device: str
) -> None:
    world = make_world()
    citizen = make_citizen()
    url = live_server.url
    page = citizen_page.page
    visits = Visits(citizen_page)
    phone = device == "phone"

    # The catalog, searched without accents.
    goto(page, f"{url}/thu-tuc/")
    visits.accessible()
    page.get_by_label("Tên hoặc mã thủ tục").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm kiếm").click()
    results = page.locator(".result__title a")
    expect(results.first).to_have_text(PROCEDURE)
    visits.accessible()
    citizen_picture(citizen_page, "search", device=device, docs=not phone)
    results.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCEDURE)
    visits.accessible()
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nộp hồ sơ trực tuyến")
    visits.accessible()
    expect(page.get_by_role("main")).to_contain_text("Giấy chứng sinh")  # what to prepare

    # Logged in: through the login form on the phone, by cookie on the desktop.
    begin = page.locator("section[aria-labelledby=begin-title]")
    if phone:
        begin.get_by_role("link", name="Đăng nhập", exact=True).click()
        visits.accessible()
        citizen_picture(citizen_page, "login", device=device, docs=True)
        log_in_through_the_form(page, citizen)
        expect(page).to_have_url(f"{url}/thu-tuc/1.001193/nop-truc-tuyen/")
    else:
        log_in_as(page, url, citizen)
        page.reload()
    visits.accessible()
    citizen_picture(
        citizen_page, "start", device=device, docs=not phone, top=page.locator("#prepare-title")
    )
    begin.get_by_role("button", name="Bắt đầu nộp hồ sơ").click()

    # 1. Contact: who files comes from the account; the contact is prefilled.
    heading = page.locator("#step-heading")
    expect(heading).to_have_text("Thông tin liên hệ")
    visits.accessible()
    main = page.get_by_role("main")
    expect(main).to_contain_text(citizen.username)
    expect(page.get_by_label("Số điện thoại di động")).to_have_value("0987654321")
    expect(page.get_by_label("Địa chỉ liên hệ")).to_have_value("Thôn Tây, xã Hòa An")
    citizen_picture(citizen_page, "contact", device=device, docs=phone)
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # 2. The e-form: a birth date in the future is said at once, beside the field.
    expect(heading).to_have_text("Tờ khai")
    visits.accessible()
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill("Nguyễn Minh An")
    birth_date = page.get_by_label("Ngày sinh")
    birth_date.fill(f"{local_today().year + 1}-01-15")
    page.get_by_role("group", name="Giới tính").get_by_label("Nữ", exact=True).check()
    page.get_by_label("Số điện thoại di động").fill("0987654321")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    problem = page.locator(".eform-error:not([hidden])")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("«Ngày sinh» không được sau ngày hôm nay.")
    expect(birth_date).to_have_attribute("aria-invalid", "true")
    expect(birth_date).to_be_focused()
    expect(heading).to_have_text("Tờ khai")  # not sent: still this step
    citizen_picture(
        citizen_page, "eform-error", device=device, docs=not phone, top=page.locator(".stepper")
    )
    born = local_today().replace(day=1)
    birth_date.fill(born.isoformat())
    expect(problem).to_have_count(0)
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # 3. The papers: the declaration is the e-form; the birth certificate is uploaded.
    expect(heading).to_have_text("Giấy tờ đính kèm")
    visits.accessible()
    declaration = page.locator("#component-to-khai")
    expect(declaration).to_contain_text("không cần đính kèm bản giấy")
    page.get_by_label("Chọn tệp: Giấy chứng sinh").set_input_files(
        [{"name": "giay-chung-sinh.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Tải tệp đã chọn lên").click()
    expect(page.get_by_text("Đã tải tệp lên.")).to_be_visible()
    expect(page.locator("#component-giay-chung-sinh .upload__files")).to_contain_text(
        "giay-chung-sinh.pdf"
    )
    visits.accessible()
    citizen_picture(citizen_page, "files", device=device, docs=phone, top=heading)
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # 4. Check your answers, with a change link to each part.
    expect(heading).to_have_text("Kiểm tra và nộp")
    visits.accessible()
    expect(page.locator(".error-summary")).to_have_count(0)  # nothing blocks
    for text in ("Trần Thị Hoa", "Nguyễn Minh An", f"{born:%d/%m/%Y}", "giay-chung-sinh.pdf",
                 "kê khai trên tờ khai điện tử", "UBND xã Hòa An"):  # fmt: skip
        expect(main).to_contain_text(text)
    expect(page.locator(".review-edit")).to_have_count(3)  # contact, e-form, papers
    page.get_by_role("link", name="Sửa tờ khai").click()
    expect(heading).to_have_text("Tờ khai")
    expect(page.get_by_label("Họ, chữ đệm và tên của trẻ")).to_have_value("Nguyễn Minh An")
    visits.accessible()
    page.get_by_role("navigation", name="Các bước nộp hồ sơ").get_by_role(
        "link", name=re.compile("Kiểm tra và nộp")
    ).click()
    expect(heading).to_have_text("Kiểm tra và nộp")
    citizen_picture(
        citizen_page, "review", device=device, docs=not phone, top=page.locator(".stepper")
    )

    # The declaration is required.
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.locator("#form-errors")).to_contain_text("Vui lòng đánh dấu xác nhận lời cam đoan")
    visits.accessible(refused=400)
    page.get_by_label("Tôi cam đoan những thông tin đã khai").check()
    citizen_picture(
        citizen_page, "declaration", device=device, top=page.locator("form.declaration")
    )
    page.get_by_role("button", name="Nộp hồ sơ").click()

    # Submitted: the reference, "Mới đăng ký", what happens next.
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ trực tuyến")
    visits.accessible()
    dossier = Dossier.objects.get(applicant_account=citizen)
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.answers["child_birth_date"] == born.isoformat()
    reference = dossier.reference
    expect(page.locator(".panel__code")).to_have_text(reference)
    expect(page.locator(".panel--success")).to_contain_text("Mới đăng ký")
    citizen_picture(citizen_page, "done", device=device, docs=phone)

    # The desk officer finds it among the submissions waiting and receives it.
    with desktop_page(browser) as officer_page:
        officer = officer_page.page
        log_in_as(officer, url, world.desk_officer)
        goto(officer, f"{url}/backoffice/")
        tabs = officer.get_by_role("navigation", name="Hàng đợi hồ sơ")
        expect(tabs.get_by_role("link", name=re.compile(r"^Chờ tiếp nhận"))).to_have_attribute(
            "aria-current", "page"
        )
        officer.locator("#queue-results").get_by_role("link", name=reference).click()
        expect(officer.get_by_test_id("status")).to_have_text("Mới đăng ký")
        officer.locator(".ws-actions__list").get_by_role(
            "link", name="Tiếp nhận hồ sơ", exact=True
        ).click()
        form = officer.locator("#action-panel form.action-form")
        form.get_by_label("Ghi chú").fill("Hồ sơ trực tuyến đầy đủ.")
        form.get_by_role("button", name="Xác nhận: Tiếp nhận hồ sơ").click()
        expect(officer.get_by_text("Đã thực hiện: Tiếp nhận hồ sơ.")).to_be_visible()
        expect(officer.get_by_test_id("status")).to_have_text("Được tiếp nhận")
        code = officer.locator(".ws-code").inner_text().strip()
        assert_clean(officer_page)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.code == code

    # The citizen sees it received, under its code, in "Hồ sơ của tôi".
    page.get_by_role("link", name="Hồ sơ của tôi", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ của tôi")
    visits.accessible()
    card = page.locator(".dossier-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(code)
    expect(card.locator(".dossier-status")).to_have_text("Được tiếp nhận")
    citizen_picture(citizen_page, "my-dossiers", device=device, docs=not phone)
    card.get_by_role("link", name=PROCEDURE).click()
    expect(page.locator(".my-dossier__kicker")).to_contain_text(code)
    expect(page.locator(".my-dossier__status .dossier-status")).to_have_text("Được tiếp nhận")
    events = [e.get_attribute("data-event") for e in page.locator(".citizen-timeline__item").all()]
    assert events[0] == "receive"  # newest first
    visits.accessible()
    citizen_picture(citizen_page, "my-dossier", device=device, docs=phone)
    visits.all_checked()


# --- 2. The public look-up ----------------------------------------------------------------------


def mark_stale(page: Any) -> None:
    page.locator("#lookup-panel").evaluate("panel => { panel.dataset.stale = 'yes'; }")


def look_up(page: Any, code: str, last4: str) -> None:
    """Send the look-up form and wait until htmx has put the answer in place of the panel."""
    mark_stale(page)
    page.get_by_label("Mã hồ sơ", exact=True).fill(code)
    page.get_by_label("4 số cuối", exact=True).fill(last4)
    page.get_by_role("button", name="Tra cứu", exact=True).click()
    expect(page.locator("#lookup-panel")).not_to_have_attribute("data-stale", "yes")


def test_the_public_lookup(live_server, citizen_page: WatchedPage, device: str) -> None:
    world = make_world()
    dossier = to_approval(world, receive(world))  # Nguyễn Văn Bình, ID …2345, phone …5678
    code = dossier.code or ""
    url = live_server.url
    page = citizen_page.page
    visits = Visits(citizen_page)
    phone = device == "phone"

    goto(page, f"{url}/")
    visits.accessible()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Tra cứu hồ sơ"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu tình trạng hồ sơ")
    visits.accessible()
    code_input = page.get_by_label("Mã hồ sơ", exact=True)
    last4 = page.get_by_label("4 số cuối", exact=True)
    not_found = page.locator("#lookup-not-found")

    # Right code, wrong digits; then a code that does not exist: the very same answer.
    look_up(page, code, "9999")
    expect(not_found.get_by_role("heading")).to_have_text("Không tìm thấy hồ sơ")
    expect(not_found).to_be_focused()  # read out at once
    wrong_digits = not_found.inner_text()
    expect(page.get_by_test_id("lookup-result")).to_have_count(0)
    expect(last4).to_have_value("")  # the digits are never written back
    visits.accessible()
    citizen_picture(
        citizen_page, "lookup-not-found", device=device, top=page.get_by_role("heading", level=1)
    )
    look_up(page, code[:-1] + ("1" if code[-1] != "1" else "2"), "2345")
    expect(not_found).to_be_visible()
    assert not_found.inner_text() == wrong_digits

    # Right code and the last digits of the ID number: status, procedure, dates; nobody's name.
    look_up(page, code, "2345")
    result = page.get_by_test_id("lookup-result")
    expect(result.get_by_role("heading")).to_have_text(f"Hồ sơ {code}")
    expect(result.locator(".lookup-status__value")).to_have_text("Đang xử lý")
    expect(result).to_contain_text(PROCEDURE)
    expect(result).to_contain_text("UBND xã Hòa An")
    expect(result).to_contain_text("09/03/2026")  # received on that Monday
    expect(not_found).to_have_count(0)
    main = page.get_by_role("main")
    for private in ("Nguyễn Văn Bình", "001090012345", "0912345678", "binh@example.com",
                    "Thôn Đông"):  # fmt: skip
        expect(main).not_to_contain_text(private)
    visits.accessible()
    citizen_picture(
        citizen_page, "lookup", device=device, docs=phone, top=page.get_by_role("heading", level=1)
    )

    # The receipt's QR code opens the page with the code filled in: only the digits to type.
    goto(page, f"{url}/tra-cuu/?ma={code}")
    expect(code_input).to_have_value(code)
    expect(last4).to_be_focused()
    visits.accessible()
    page.keyboard.type("5678")  # the phone's last digits do as well
    mark_stale(page)
    page.keyboard.press("Enter")
    expect(page.locator("#lookup-panel")).not_to_have_attribute("data-stale", "yes")
    expect(result.locator(".lookup-status__value")).to_have_text("Đang xử lý")
    assert_clean(citizen_page)
    visits.all_checked()


# --- 3. The rating of a returned dossier --------------------------------------------------------


def test_rating_a_returned_dossier(live_server, citizen_page: WatchedPage, device: str) -> None:
    world = make_world()
    citizen = make_citizen()
    dossier = submit_online(world, account=citizen, when=MONDAY_9AM)
    dossier = dossier_accept(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 9, 30))
    dossier = to_result(world, to_approval(world, dossier))
    dossier = dossier_return(
        dossier=dossier, actor=world.desk_officer, method=ReturnMethod.ELECTRONIC, at=at(MONDAY, 16)
    )
    code = dossier.code or ""
    url = live_server.url
    page = citizen_page.page
    visits = Visits(citizen_page)
    phone = device == "phone"
    log_in_as(page, url, citizen)

    # "Hồ sơ của tôi": returned, the result to download, an invitation to rate.
    goto(page, f"{url}/ho-so-cua-toi/")
    visits.accessible()
    card = page.locator(".dossier-card")
    expect(card.locator(".dossier-status")).to_have_text("Đã trả kết quả")
    card.get_by_role("link", name=PROCEDURE).click()
    visits.accessible()
    result = page.locator("#ket-qua")
    expect(result).to_contain_text("kq.pdf")
    href = result.get_by_role("link", name=re.compile("kq.pdf")).first.get_attribute("href")
    response = page.request.get(f"{url}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    citizen_picture(
        citizen_page,
        "result",
        device=device,
        docs=not phone,
        top=page.locator(".my-dossier__header"),
    )
    page.get_by_role("link", name="Đánh giá mức độ hài lòng").click()

    # The form: the overall answer is required, the criteria are not.
    expect(page.get_by_role("heading", level=1)).to_have_text("Đánh giá mức độ hài lòng")
    visits.accessible()
    expect(page.locator(".rating-dossier")).to_contain_text(code)
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("#rating-errors")).to_contain_text("Vui lòng chọn")
    visits.accessible(refused=400)
    overall = page.get_by_role("group", name=re.compile("Nhìn chung"))
    overall.get_by_label("Hài lòng", exact=True).check()
    page.get_by_role("group", name=re.compile("^Thái độ, tinh thần phục vụ")).get_by_label(
        "Rất hài lòng"
    ).check()
    page.get_by_role("group", name=re.compile("^Thời gian giải quyết hồ sơ")).get_by_label(
        "Hài lòng", exact=True
    ).check()
    page.get_by_label("Ý kiến khác (không bắt buộc)").fill("Cán bộ hướng dẫn tận tình.")
    citizen_picture(
        citizen_page, "rating", device=device, docs=phone, top=page.get_by_role("heading", level=1)
    )
    page.get_by_role("button", name="Gửi đánh giá").click()

    # Thanks, and what was given; once only.
    thanks = page.get_by_role("heading", name="Cảm ơn Ông/Bà đã đánh giá")
    expect(thanks).to_be_visible()
    expect(thanks).to_be_focused()
    expect(page.get_by_test_id("rating-satisfied")).to_have_text("Hài lòng")
    expect(page.locator('[data-criterion="attitude"]')).to_have_text("Rất hài lòng")
    visits.accessible()
    citizen_picture(citizen_page, "rating-thanks", device=device)
    # Back on the dossier, rating is no longer offered; the rating page shows what was given.
    goto(page, f"{url}/ho-so-cua-toi/{code}/")
    visits.accessible()
    expect(page.get_by_role("link", name="Đánh giá mức độ hài lòng")).to_have_count(0)
    goto(page, f"{url}/ho-so-cua-toi/{code}/danh-gia/")
    visits.accessible()
    expect(page.get_by_role("heading", name="Ông/Bà đã đánh giá hồ sơ này")).to_be_visible()
    expect(page.get_by_test_id("rating-satisfied")).to_have_text("Hài lòng")
    expect(page.get_by_role("button", name="Gửi đánh giá")).to_have_count(0)
    visits.accessible()
    rating = DossierRating.objects.get(dossier=dossier)
    assert rating.satisfied
    assert rating.answers == {"attitude": "very_satisfied", "time": "satisfied"}
    visits.all_checked()


# --- 4. Feedback on how a dossier was handled ---------------------------------------------------


def test_sending_feedback_on_a_dossier(live_server, citizen_page: WatchedPage, device: str) -> None:
    world = make_world()
    citizen = make_citizen()
    dossier = submit_online(world, account=citizen, when=MONDAY_9AM)
    dossier = dossier_accept(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 9, 30))
    code = dossier.code or ""
    url = live_server.url
    page = citizen_page.page
    visits = Visits(citizen_page)
    phone = device == "phone"
    log_in_as(page, url, citizen)

    goto(page, f"{url}/")
    visits.accessible()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Phản ánh, kiến nghị"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phản ánh, kiến nghị")
    visits.accessible()
    page.get_by_role("main").get_by_role("link", name="Gửi phản ánh, kiến nghị").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")
    visits.accessible()

    # The sender's details come from the account; the rest is typed.
    expect(page.get_by_label("Họ và tên (tên tổ chức)")).to_have_value("Trần Thị Hoa")
    expect(page.get_by_label("Số điện thoại", exact=True)).to_have_value("0987654321")
    page.get_by_role("group", name="Loại").get_by_label("Kiến nghị").check()
    page.get_by_role("group", name="Nội dung liên quan đến").get_by_label(
        "Việc giải quyết hồ sơ, thủ tục hành chính"
    ).check()
    page.get_by_label("Tiêu đề").fill("Đề nghị gửi tin nhắn khi hồ sơ được tiếp nhận")
    page.get_by_label("Nội dung", exact=True).fill(
        "Hồ sơ nộp trực tuyến được tiếp nhận nhưng tôi chỉ biết khi tự vào cổng kiểm tra."
    )
    page.get_by_label("Mã hồ sơ liên quan (nếu có)").fill(code)
    page.get_by_label("4 số cuối số định danh (CCCD) hoặc số điện thoại").fill("4321")
    citizen_picture(
        citizen_page,
        "feedback",
        device=device,
        docs=phone,
        top=page.get_by_role("group", name="Nội dung phản ánh, kiến nghị"),
    )
    page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()

    # Sent: its code, the agency of the dossier, what comes next; then its own page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi phản ánh, kiến nghị")
    visits.accessible()
    expect(page.locator(".pakn-sent")).to_contain_text("UBND xã Hòa An")
    sent = page.locator(".pakn-sent__code strong").inner_text().strip()
    citizen_picture(citizen_page, "feedback-sent", device=device, docs=not phone)
    page.get_by_role("link", name="Xem phản ánh, kiến nghị đã gửi").click()
    expect(page.locator(".pakn-detail__code")).to_have_text(sent)
    expect(page.locator(".pakn-facts")).to_contain_text(code)
    visits.accessible()
    visits.all_checked()
