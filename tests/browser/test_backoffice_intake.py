"""Counter intake in Debian's Chromium, with htmx and the wizard's script: the desk officer finds
the procedure typing without accents, ticks the papers handed in, types the applicant and the
e-form, uploads a scan (chosen files upload at once), reviews and receives; the receipt PDF is
fetched and names the dossier's code. The files step also fits a tablet held upright.

The live server receives at the real time: nothing here depends on the hour (after 15:00 the
dossier is only handed over the next working day)."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from motcua.dossiers.models import Dossier, DossierStatus
from tests.browser.conftest import WatchedPage, open_page
from tests.browser.staff import Traffic, assert_clean, log_in_as, pdf_text, picture
from tests.dossiers.builders import PDF, build_world

pytestmark = pytest.mark.browser

PROCEDURE = "Thủ tục đăng ký khai sinh"


@pytest.fixture
def tablet_page(browser: Any) -> Iterator[WatchedPage]:
    """A tablet held upright (800 × 1280), Vietnamese: what a counter's camera station uses."""
    yield from open_page(
        browser,
        locale="vi-VN",
        viewport={"width": 800, "height": 1280},
        is_mobile=True,
        has_touch=True,
        timezone_id="Asia/Ho_Chi_Minh",
    )


def scan(name: str) -> dict[str, Any]:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def heading(page: Any) -> Any:
    return page.locator("#step-heading")


def next_step(traffic: Traffic) -> None:
    """Click «Tiếp tục» once the checks made while typing are answered."""
    traffic.settle()
    traffic.page.locator(".wizard-actions").get_by_role("button", name="Tiếp tục").click()


def find_and_start(watched: WatchedPage, url: str, *, shot: bool = False) -> None:
    """The start page: the procedure found by typing without accents (htmx), then chosen."""
    page = watched.page
    page.goto(f"{url}/backoffice/tiep-nhan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiếp nhận hồ sơ")
    search = page.get_by_role("searchbox", name="Tìm thủ tục")
    expect(search).to_be_focused()  # autofocus: the officer types at once
    page.wait_for_load_state("networkidle")
    search.press_sequentially("dang ky khai sinh", delay=20)
    results = page.locator("#intake-results .intake-result__name")
    expect(results.first).to_be_visible()  # no submit: the results follow the typing
    expect(results).to_contain_text([PROCEDURE])
    expect(page).to_have_url(f"{url}/backoffice/tiep-nhan/")  # a search is not a new page
    if shot:
        picture(watched, "intake-search")
    page.get_by_role("button", name=f"Chọn thủ tục {PROCEDURE}", exact=True).click()
    expect(page).to_have_url(re.compile(r"/backoffice/tiep-nhan/\d+/thanh-phan/$"))


def test_counter_intake_from_search_to_a_printed_receipt(live_server, vi_page: WatchedPage) -> None:
    world = build_world()
    page = vi_page.page
    url = live_server.url
    log_in_as(page, url, world.desk_officer)
    traffic = Traffic(page)

    find_and_start(vi_page, url, shot=True)

    # 1. The checklist: what the applicant handed in.
    expect(heading(page)).to_have_text("Thành phần hồ sơ")
    expect(page.locator(".intake-head__title")).to_have_text(PROCEDURE)
    expect(page.get_by_role("navigation", name="Các bước tiếp nhận").locator(
        "[aria-current=step]"
    )).to_contain_text("Thành phần hồ sơ")  # fmt: skip
    page.get_by_label("Đã nộp: Tờ khai đăng ký khai sinh").check()
    page.get_by_label("Đã nộp: Giấy chứng sinh").check()
    picture(vi_page, "intake-checklist")
    next_step(traffic)

    # 2. The applicant, checked while typing (a landline would be flagged).
    expect(heading(page)).to_have_text("Người nộp")
    id_number = page.get_by_label("Số định danh cá nhân (CCCD) hoặc mã số thuế")
    id_number.fill("00109001234")  # a digit short: said at once, beside the field
    expect(page.locator("#id_id_number_live")).not_to_be_empty()
    id_number.fill("001090012345")
    expect(page.locator("#id_id_number_live")).to_be_empty()
    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Văn Bình")
    page.get_by_label("Địa chỉ").fill("Thôn Đông, xã Hòa An")
    phone = page.get_by_label("Số điện thoại di động")
    phone.fill("024 3825 1234")
    expect(page.locator("#id_phone_live")).to_have_text("Số máy bàn: không nhận được tin nhắn.")
    phone.fill("0912 345 678")
    expect(page.locator("#id_phone_live")).to_be_empty()
    page.get_by_label("Thư điện tử").fill("binh@example.com")
    traffic.settle()
    picture(vi_page, "intake-applicant")
    next_step(traffic)

    # 3. The e-form, as the paper declaration says.
    expect(heading(page)).to_have_text("Tờ khai")
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill("Nguyễn Minh An")
    page.get_by_label("Ngày sinh").fill("2026-03-01")
    page.get_by_role("group", name="Giới tính").get_by_label("Nam", exact=True).check()
    page.get_by_label("Số điện thoại di động").fill("0912345678")
    next_step(traffic)

    # 4. Fees: this one is free of charge.
    expect(heading(page)).to_have_text("Phí, lệ phí")
    expect(page.locator(".fees-due")).to_contain_text("Miễn lệ phí")
    next_step(traffic)

    # 5. The scans: a chosen file uploads at once (intake.js), the paper only shown is explained.
    expect(heading(page)).to_have_text("Số hoá giấy tờ")
    form_row = page.locator("#component-to-khai")
    form_row.get_by_label("Chọn tệp Tờ khai đăng ký khai sinh").set_input_files(
        [scan("to-khai-trang-1.pdf"), scan("to-khai-trang-2.pdf")]
    )
    expect(page.get_by_text("Đã tải tệp lên.")).to_be_visible()
    expect(page.locator("#component-to-khai .file-list__name")).to_have_text(
        ["to-khai-trang-1.pdf", "to-khai-trang-2.pdf"]
    )
    page.locator("#component-giay-chung-sinh").get_by_label(
        "Lý do không số hoá (nếu không quét)"
    ).fill("Chỉ xuất trình bản chính để đối chiếu")
    vi_page.screenshot("backoffice-intake-files")
    next_step(traffic)

    # 6. Review: everything at a glance, nothing blocks.
    expect(heading(page)).to_have_text("Kiểm tra và tiếp nhận")
    expect(page.locator(".error-summary")).to_have_count(0)
    main = page.get_by_role("main")
    for text in ("Nguyễn Văn Bình", "Nguyễn Minh An", "to-khai-trang-2.pdf",
                 "Chỉ xuất trình bản chính để đối chiếu"):  # fmt: skip
        expect(main).to_contain_text(text)
    picture(vi_page, "intake-review", top=page.locator(".stepper"))
    traffic.settle()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()

    # Done: the code, the appointment, the receipt to print.
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã tiếp nhận hồ sơ")
    code = page.get_by_test_id("dossier-code").inner_text().strip()
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.applicant_name == "Nguyễn Văn Bình"
    assert dossier.answers["child_name"] == "Nguyễn Minh An"
    assert sorted(f.name for f in dossier.files.all()) == [
        "to-khai-trang-1.pdf",
        "to-khai-trang-2.pdf",
    ]
    expect(page.get_by_test_id("appointment")).not_to_be_empty()
    receipt = page.get_by_role("link", name="In giấy tiếp nhận")
    expect(receipt).to_be_focused()
    picture(vi_page, "intake-done")
    response = page.request.get(f"{url}{receipt.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert code in text
    assert "Nguyễn Văn Bình" in text

    # The new dossier opens in the workspace, received, its scans listed.
    page.get_by_role("link", name="Mở hồ sơ").click()
    expect(page.get_by_test_id("status")).to_have_text("Được tiếp nhận")
    expect(page.locator("#timeline .timeline__item")).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text("to-khai-trang-1.pdf")
    assert_clean(vi_page)


def test_the_files_step_on_a_tablet(live_server, tablet_page: WatchedPage) -> None:
    world = build_world()
    page = tablet_page.page
    url = live_server.url
    log_in_as(page, url, world.desk_officer)
    traffic = Traffic(page)
    find_and_start(tablet_page, url)
    page.get_by_label("Đã nộp: Tờ khai đăng ký khai sinh").check()
    page.get_by_label("Đã nộp: Giấy chứng sinh").check()
    next_step(traffic)
    # The steps before the files, briefly.
    page.get_by_label("Số định danh cá nhân (CCCD) hoặc mã số thuế").fill("001090012345")
    page.get_by_label("Họ và tên / tên tổ chức").fill("Nguyễn Văn Bình")
    page.get_by_label("Số điện thoại di động").fill("0912345678")
    next_step(traffic)
    page.get_by_label("Họ, chữ đệm và tên của trẻ").fill("Nguyễn Minh An")
    page.get_by_label("Ngày sinh").fill("2026-03-01")
    page.get_by_role("group", name="Giới tính").get_by_label("Nam", exact=True).check()
    page.get_by_label("Số điện thoại di động").fill("0912345678")
    next_step(traffic)
    next_step(traffic)

    # The camera button: a photo taken on the tablet uploads like a chosen file.
    camera = page.locator("#component-giay-chung-sinh").get_by_label(
        "Chụp bằng máy ảnh (máy tính bảng) Giấy chứng sinh"
    )
    expect(camera).to_have_attribute("capture", "environment")
    camera.set_input_files([scan("chung-sinh-anh-chup.pdf")])
    expect(page.locator("#component-giay-chung-sinh .file-list__name")).to_have_text(
        ["chung-sinh-anh-chup.pdf"]
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0, "no horizontal scrolling on an upright tablet"
    page.wait_for_load_state("networkidle")
    picture(tablet_page, "intake-tablet")
    assert_clean(tablet_page)
