"""The dossier workspace in Debian's Chromium, with htmx: a dossier received at the counter goes
through appraisal (sent for supplement and supplemented) and approval to its return, each officer
in turn clicking the action, filling its form in the panel and uploading the papers; the timeline
lists every step. An officer of another agency cannot open it, and a wrong-step transfer is never
offered.

The dossier is received through the service a few working hours before now (the live server acts
at the real time: a paper dossier received after 15:00 could not be worked on before the next
working day's opening)."""

import datetime as dt
import re
from dataclasses import replace
from typing import Any

import pytest
from django.utils import timezone
from fpdf import FPDF
from playwright.sync_api import expect

from motcua.calendar.selectors import calendar_for_agency
from motcua.core.timezone import to_local
from motcua.documents.fonts import FAMILY, font_files
from motcua.dossiers.deadlines import dossier_deadline
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.workflow.services import dossier_approve, dossier_forward
from tests.accounts.factories import CitizenFactory
from tests.browser.conftest import WatchedPage
from tests.browser.staff import PASSWORD, assert_clean, log_in_as, pdf_text, picture, squash
from tests.dossiers.builders import (
    APPLICANT,
    World,
    build_world,
    receive,
    scan,
    submit_online,
)

pytestmark = pytest.mark.browser


def scanned(name: str, title: str, *lines: str) -> dict[str, Any]:
    """A one-page PDF standing for a scanned paper, as `set_input_files` takes it."""
    pdf = FPDF(format="A4")
    for style, path in font_files().by_style().items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.cell(0, 12, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 12)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return {"name": name, "mimeType": "application/pdf", "buffer": bytes(pdf.output())}


def received_recently(world: World) -> Dossier:
    """A dossier received at the counter three working hours before now (never after the 15:00
    cut-off with its hand-over still to come)."""
    calendar = calendar_for_agency(world.commune)
    return receive(world, when=calendar.instant_before(timezone.now(), dt.timedelta(hours=3)))


def to_approval_now(world: World, dossier: Dossier) -> Dossier:
    """Linear procedure: reception → appraisal → approval, now."""
    dossier = dossier_forward(dossier=dossier, actor=world.desk_officer)
    return dossier_forward(dossier=dossier, actor=world.specialist)


def open_dossier(page: Any, url: str, dossier: Dossier) -> None:
    response = page.goto(f"{url}/backoffice/ho-so/{dossier.code}/")
    assert response is not None
    assert response.status == 200
    expect(page.locator(".ws-code")).to_have_text(dossier.code or "")


def open_action(page: Any, label: str) -> Any:
    """Click an action's button: its form opens in the panel under the buttons (htmx)."""
    page.locator(".ws-actions__list").get_by_role("link", name=label, exact=True).click()
    form = page.locator("#action-panel form.action-form")
    expect(form).to_be_visible()
    expect(form.get_by_role("heading", name=label)).to_be_visible()
    return form


def confirm(page: Any, form: Any, label: str) -> None:
    form.get_by_role("button", name=f"Xác nhận: {label}").click()
    expect(page.get_by_text(f"Đã thực hiện: {label}.")).to_be_visible()
    expect(page.locator("#action-panel")).to_be_empty()


def status(page: Any) -> Any:
    return page.get_by_test_id("status")


def test_a_dossier_from_reception_to_its_return(live_server, vi_page: WatchedPage) -> None:
    world = build_world()
    dossier = received_recently(world)
    code = dossier.code or ""
    page = vi_page.page
    url = live_server.url

    # The desk officer logs in through the form, sent there by the dossier's address.
    page.goto(f"{url}/backoffice/ho-so/{code}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Tên đăng nhập").fill(world.desk_officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{url}/backoffice/ho-so/{code}/")
    expect(status(page)).to_have_text("Được tiếp nhận")
    expect(page.locator(".ws-head__procedure")).to_have_text("Thủ tục đăng ký khai sinh")
    page.get_by_text("Vì sao hạn là ngày này?").click()
    expect(page.locator("details.explain li").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    vi_page.screenshot("backoffice-dossier-received")
    page.evaluate("window.scrollTo(0, 0)")
    picture(vi_page, "dossier")

    # Reception → appraisal: the only step offered is the next one.
    form = open_action(page, "Chuyển bước tiếp theo")
    steps = form.get_by_role("radio")
    expect(steps).to_have_count(1)
    expect(form.get_by_role("radio", name="Thẩm định")).to_be_checked()
    expect(form.get_by_role("radio", name="Thẩm định")).to_be_focused()  # by workspace.js
    form.get_by_label("Ý kiến, ghi chú").fill("Hồ sơ đủ thành phần, chuyển thẩm định.")
    vi_page.screenshot("backoffice-dossier-forward-form", full_page=False)
    confirm(page, form, "Chuyển bước tiếp theo")
    expect(status(page)).to_have_text("Đang xử lý")

    # The specialist asks for a supplement.
    log_in_as(page, url, world.specialist)
    open_dossier(page, url, dossier)
    form = open_action(page, "Yêu cầu bổ sung, hoàn thiện hồ sơ")
    form.get_by_label("Giấy chứng sinh", exact=True).check()
    form.get_by_label("Yêu cầu đối với «Giấy chứng sinh»").fill("Bản sao có chứng thực")
    form.get_by_label("Nội dung, lý do cần bổ sung").fill(
        "Giấy chứng sinh chỉ xuất trình, chưa có bản sao để lưu hồ sơ."
    )
    picture(vi_page, "action-form")
    confirm(page, form, "Yêu cầu bổ sung, hoàn thiện hồ sơ")
    expect(status(page)).to_have_text("Yêu cầu bổ sung giấy tờ")
    expect(page.locator(".badge--paused").first).to_be_visible()

    # The desk receives the supplement: the papers scanned.
    log_in_as(page, url, world.desk_officer)
    open_dossier(page, url, dossier)
    form = open_action(page, "Nhận hồ sơ bổ sung")
    form.get_by_label("Bản quét giấy tờ bổ sung").set_input_files(
        [scanned("giay-chung-sinh.pdf", "Giấy chứng sinh", "Bản sao có chứng thực")]
    )
    form.get_by_label("Ghi chú").fill("Người nộp mang bản sao đến quầy.")
    confirm(page, form, "Nhận hồ sơ bổ sung")
    expect(status(page)).to_have_text("Đang xử lý")

    # Appraisal → approval, with the specialist's report attached.
    log_in_as(page, url, world.specialist)
    open_dossier(page, url, dossier)
    form = open_action(page, "Chuyển bước tiếp theo")
    expect(form.get_by_role("radio")).to_have_count(1)
    expect(form.get_by_role("radio", name="Lãnh đạo ký")).to_be_checked()
    form.get_by_label("Ý kiến, ghi chú").fill("Đủ điều kiện, đề nghị cấp giấy khai sinh.")
    form.get_by_label("Tệp đính kèm (dự thảo, tờ trình…)").set_input_files(
        [scanned("to-trinh.pdf", "Tờ trình", "Đề nghị cấp giấy khai sinh cho cháu Nguyễn Minh An")]
    )
    confirm(page, form, "Chuyển bước tiếp theo")

    # The leader approves, attaching the signed result.
    log_in_as(page, url, world.leader)
    open_dossier(page, url, dossier)
    form = open_action(page, "Phê duyệt")
    expect(form.get_by_role("radio", name="Trả kết quả")).to_be_checked()
    form.get_by_label("Số, ký hiệu kết quả").fill("125/GKS")
    form.get_by_label("Trích yếu kết quả").fill("Cấp giấy khai sinh cho cháu Nguyễn Minh An")
    form.get_by_label("Tệp kết quả (bản điện tử, đã ký số)").set_input_files(
        [scanned("giay-khai-sinh.pdf", "Giấy khai sinh", "Họ, chữ đệm, tên: Nguyễn Minh An")]
    )
    picture(vi_page, "approve")
    confirm(page, form, "Phê duyệt")
    expect(status(page)).to_have_text("Đã xử lý xong")

    # The desk hands the result over at the counter.
    log_in_as(page, url, world.desk_officer)
    open_dossier(page, url, dossier)
    form = open_action(page, "Trả kết quả")
    form.get_by_role("radio", name="Trả trực tiếp tại Bộ phận một cửa").check()
    expect(form.get_by_label("Người nhận kết quả (trả trực tiếp)")).to_have_value("Nguyễn Văn Bình")
    form.get_by_label("Số định danh cá nhân của người nhận").fill("001090012345")
    confirm(page, form, "Trả kết quả")
    expect(status(page)).to_have_text("Đã trả kết quả")
    expect(page.locator(".ws-actions__list")).to_have_count(0)

    # The timeline lists every step, with the files each brought.
    timeline = page.locator("#timeline .timeline__item")
    expect(timeline).to_have_count(7)
    events = [item.get_attribute("data-event") for item in timeline.all()]
    assert events == [
        "receive",
        "forward",
        "request_supplement",
        "receive_supplement",
        "forward",
        "approve",
        "return_result",
    ]
    labels = [squash(text) for text in page.locator("#timeline .timeline__label").all_inner_texts()]
    assert labels == [
        "Tiếp nhận hồ sơ",
        "Chuyển bước tiếp theo",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        "Nhận hồ sơ bổ sung",
        "Chuyển bước tiếp theo",
        "Phê duyệt",
        "Trả kết quả",
    ]
    history = page.locator("#timeline")
    for text in ("«Thẩm định»", "«Lãnh đạo ký»", "«Trả kết quả»", "to-trinh.pdf",
                 "giay-chung-sinh.pdf", "giay-khai-sinh.pdf",
                 "Hồ sơ đủ thành phần, chuyển thẩm định."):  # fmt: skip
        expect(history).to_contain_text(text)
    # The result opens inline, in the page's viewer (a same-origin frame).
    with page.expect_response(re.compile(r"/tep/\d+/$")) as shown:
        page.locator("details.viewer summary", has_text="giay-khai-sinh.pdf").click()
    assert shown.value.status == 200
    assert shown.value.headers["content-type"] == "application/pdf"
    expect(page.locator("details.viewer[open] iframe.viewer__frame")).to_be_visible()
    page.wait_for_load_state("networkidle")
    vi_page.screenshot("backoffice-dossier-returned")
    picture(vi_page, "timeline", element=page.locator("#timeline"))

    # The supplement request was issued as a form: its PDF names the dossier.
    link = page.locator('a[data-form="supplement_request"]')
    response = page.request.get(f"{url}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert code in text

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.returned_to_id_number == "001090012345"
    assert_clean(vi_page)


def test_another_agency_cannot_open_it_and_a_wrong_step_is_never_offered(
    live_server, vi_page: WatchedPage
) -> None:
    world = build_world()
    dossier = received_recently(world)
    page = vi_page.page
    url = live_server.url

    # The desk officer of the justice department: not found, not forbidden (nothing leaks).
    log_in_as(page, url, world.other_officer)
    for path in ("", "thao-tac/forward/", "bieu-mau/receipt/"):
        response = page.goto(f"{url}/backoffice/ho-so/{dossier.code}/{path}")
        assert response is not None
        assert response.status == 404, path
        expect(page.locator("body")).not_to_contain_text(dossier.applicant_name)
    # The only complaints are the three 404 answers themselves.
    assert [e for e in vi_page.console_errors if "404" not in e] == []
    vi_page.console_errors.clear()

    # At reception the desk may forward to appraisal only, and may not approve.
    log_in_as(page, url, world.desk_officer)
    open_dossier(page, url, dossier)
    actions = page.locator(".ws-actions__list a")
    offered = [a.get_attribute("data-action") for a in actions.all()]
    assert "forward" in offered
    assert "approve" not in offered
    assert "return_result" not in offered
    form = open_action(page, "Chuyển bước tiếp theo")
    expect(form.get_by_role("radio")).to_have_count(1)
    expect(form.get_by_role("radio", name="Thẩm định")).to_be_visible()
    expect(form).not_to_contain_text("Lãnh đạo ký")
    expect(form).not_to_contain_text("Trả kết quả")
    # "Huỷ" closes the panel and gives the focus back to the buttons.
    form.get_by_role("link", name="Huỷ").click()
    expect(page.locator("#action-panel")).to_be_empty()
    expect(actions.first).to_be_focused()

    # The specialist, once it is at appraisal: forward to approval only, back to reception only.
    dossier_forward(dossier=dossier, actor=world.desk_officer)
    log_in_as(page, url, world.specialist)
    open_dossier(page, url, dossier)
    form = open_action(page, "Trả lại bước trước")
    expect(form.get_by_role("radio")).to_have_count(1)
    expect(form.get_by_role("radio", name="Tiếp nhận hồ sơ")).to_be_visible()
    form = open_action(page, "Chuyển bước tiếp theo")
    expect(form.get_by_role("radio")).to_have_count(1)
    expect(form.get_by_role("radio", name="Lãnh đạo ký")).to_be_visible()
    # The approval is the leader's: asking for it by address is not found.
    response = page.request.get(f"{url}/backoffice/ho-so/{dossier.code}/thao-tac/approve/")
    assert response.status == 404
    assert_clean(vi_page)


def test_an_apology_drafted_submitted_and_approved_by_the_leader(
    live_server, vi_page: WatchedPage
) -> None:
    world = build_world()
    dossier = dossier_forward(dossier=received_recently(world), actor=world.desk_officer)
    due = dossier_deadline(dossier, at=timezone.now()).legal.due_at
    new_due = to_local(due + dt.timedelta(days=3)).replace(hour=9, minute=0, second=0)
    page = vi_page.page
    url = live_server.url

    # The specialist drafts the apology with a new appointment, then submits it to the leader.
    log_in_as(page, url, world.specialist)
    open_dossier(page, url, dossier)
    form = open_action(page, "Soạn văn bản xin lỗi, hẹn lại")
    form.get_by_label("Lý do chậm trả kết quả").fill(
        "Phải xác minh thêm thông tin hộ tịch của người mẹ tại nơi cư trú trước đây."
    )
    form.get_by_label("Ngày, giờ hẹn trả kết quả mới").fill(f"{new_due:%Y-%m-%dT%H:%M}")
    confirm(page, form, "Soạn văn bản xin lỗi, hẹn lại")
    apology = page.locator("section[aria-labelledby=apology-heading]")
    expect(apology).to_contain_text("Dự thảo")
    expect(apology).to_contain_text(f"{new_due:%H:%M %d/%m/%Y}")
    form = open_action(page, "Trình lãnh đạo văn bản xin lỗi")
    confirm(page, form, "Trình lãnh đạo văn bản xin lỗi")
    expect(apology).to_contain_text("Chờ lãnh đạo duyệt")

    # The leader reads it beside the deadline and approves it.
    log_in_as(page, url, world.leader)
    open_dossier(page, url, dossier)
    form = open_action(page, "Duyệt văn bản xin lỗi, hẹn lại")
    form.get_by_label("Ghi chú").fill("Đồng ý hẹn lại; báo người nộp hồ sơ.")
    picture(vi_page, "apology-approve")
    confirm(page, form, "Duyệt văn bản xin lỗi, hẹn lại")
    expect(apology).to_contain_text("Đã duyệt")
    expect(page.locator("#deadline-heading + dl")).to_contain_text(f"{new_due:%H:%M %d/%m/%Y}")
    events = [e.get_attribute("data-event") for e in page.locator(".timeline__item").all()]
    assert events[-3:] == ["draft_apology", "submit_apology", "approve_apology"]

    # The apology letter (Mẫu 04) is among the printable forms.
    link = page.locator('a[data-form="apology"]')
    response = page.request.get(f"{url}{link.get_attribute('href')}")
    assert response.status == 200
    text = pdf_text(response.body())
    assert dossier.code is not None
    assert dossier.code in text
    assert_clean(vi_page)


def test_the_home_queues_lead_to_the_dossier(live_server, vi_page: WatchedPage) -> None:
    world = build_world()
    calendar = calendar_for_agency(world.commune)
    when = calendar.instant_before(timezone.now(), dt.timedelta(hours=3))
    receive(world, when=when)  # at reception, waiting to be forwarded
    lan = replace(APPLICANT, name="Lê Thị Lan", id_number="001190006789", phone="0901234567")
    approving = to_approval_now(world, receive(world, when=when, applicant=lan))
    mai = replace(APPLICANT, name="Trần Thị Mai", id_number="001185004321", phone="0987654321")
    returning = to_approval_now(world, receive(world, when=when, applicant=mai))
    dossier_approve(dossier=returning, actor=world.leader, files=[scan("giay-khai-sinh.pdf")])
    submit_online(world, account=CitizenFactory(), when=when)
    page = vi_page.page
    url = live_server.url

    # «Dành cho cán bộ» asks the officer to log in, then opens the home with the desk's queues.
    page.goto(f"{url}/")
    page.get_by_role("link", name="Dành cho cán bộ").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/backoffice/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập dành cho cán bộ")
    page.get_by_label("Tên đăng nhập").fill(world.desk_officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    vi_page.screenshot("backoffice-login", full_page=False)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{url}/backoffice/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ cần xử lý")
    tabs = page.get_by_role("navigation", name="Hàng đợi hồ sơ")
    expect(tabs.get_by_role("link", name=re.compile(r"^Chờ tiếp nhận"))).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator("#queue-results tbody tr")).to_have_count(1)  # the online submission
    page.wait_for_load_state("networkidle")
    vi_page.screenshot("backoffice-home-desk")

    # The results waiting to be handed over.
    tabs.get_by_role("link", name=re.compile(r"^Chờ trả kết quả")).click()
    rows = page.locator("#queue-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Trần Thị Mai")

    # Every dossier, searched by the applicant's name as one types (htmx swaps the results).
    tabs.get_by_role("link", name="Tất cả hồ sơ").click()
    expect(page.locator("#queue-results tbody tr")).to_have_count(4)
    page.get_by_label("Tìm hồ sơ").press_sequentially("Lê Thị Lan", delay=20)
    expect(page.locator("#queue-results tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]q=L"))
    vi_page.screenshot("backoffice-dossier-list-search")
    page.get_by_role("link", name=approving.code or "").click()
    expect(page).to_have_url(f"{url}/backoffice/ho-so/{approving.code}/")
    expect(page.locator(".ws-facts")).to_contain_text("Lãnh đạo ký")

    # The leader's home opens on what waits for approval.
    log_in_as(page, url, world.leader)
    page.goto(f"{url}/backoffice/")
    expect(page.get_by_role("heading", level=2, name=re.compile("^Chờ phê duyệt"))).to_be_visible()
    rows = page.locator("#queue-results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(approving.code or "")
    expect(rows.first).to_contain_text("Lê Thị Lan")
    vi_page.screenshot("backoffice-home-leader")
    picture(vi_page, "home")
    assert_clean(vi_page)


def test_an_action_works_as_a_plain_page_without_javascript(browser: Any, live_server) -> None:
    world = build_world()
    dossier = received_recently(world)
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        page = context.new_page()
        log_in_as(page, live_server.url, world.desk_officer)
        open_dossier(page, live_server.url, dossier)
        # Without htmx the button is a link to the action's own page.
        page.get_by_role("link", name="Chuyển bước tiếp theo", exact=True).click()
        expect(page).to_have_url(re.compile(r"/thao-tac/forward/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Chuyển bước tiếp theo")
        page.get_by_label("Ý kiến, ghi chú").fill("Chuyển thẩm định.")
        page.get_by_role("button", name="Xác nhận: Chuyển bước tiếp theo").click()
        expect(page).to_have_url(f"{live_server.url}/backoffice/ho-so/{dossier.code}/")
        expect(page.get_by_text("Đã thực hiện: Chuyển bước tiếp theo.")).to_be_visible()
        expect(status(page)).to_have_text("Đang xử lý")
    finally:
        context.close()
