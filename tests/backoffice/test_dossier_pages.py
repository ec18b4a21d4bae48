"""The dossier workspace in the back office: who may open it, what it shows (timeline, documents,
answers, deadline and its explanation, inter-agency panel, forms), exactly the actions this
officer may take, each action's form (errors kept, wrong steps impossible), files and PDFs."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from motcua.catalog.models import ProcessStep
from motcua.dossiers.models import Dossier, DossierEvent, DossierFile, DossierStatus, FileKind
from motcua.workflow.services import dossier_forward
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import (
    ANSWERS,
    MONDAY_9AM,
    at,
    build_world,
    receive,
    scan,
    to_approval,
    to_result,
)

pytestmark = pytest.mark.django_db

DAY = MONDAY_9AM.date()


@pytest.fixture
def world():
    return build_world()


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(at(DAY, 16), tick=False):
        yield


def detail(dossier):
    return reverse("backoffice:dossier-detail", args=[dossier.code])


def action_url(dossier, action):
    return reverse("backoffice:dossier-action", args=[dossier.code, action])


def first_scan(dossier: Dossier) -> DossierFile:
    return DossierFile.objects.filter(dossier=dossier, kind=FileKind.COMPONENT).earliest("pk")


def current_step(dossier: Dossier) -> ProcessStep:
    dossier.refresh_from_db()
    assert dossier.current_step is not None
    return dossier.current_step


def upload(name):
    return SimpleUploadedFile(name, scan(name).content, content_type="application/pdf")


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def offered(response):
    """The actions the page offers, in order (the buttons of the actions panel)."""
    return re.findall(r'/thao-tac/([a-z_]+)/"\s+hx-get', response.content.decode())


# --- Who may open it -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, world):
    dossier = receive(world)
    response = client.get(detail(dossier))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_citizen_is_refused(client, world):
    dossier = receive(world)
    client.force_login(CitizenFactory())
    assert client.get(detail(dossier)).status_code == 403


def test_an_officer_of_another_agency_gets_not_found(client, world):
    dossier = receive(world)
    client.force_login(world.other_officer)
    response = client.get(detail(dossier))
    assert response.status_code == 404
    assert "Không tìm thấy trang hoặc hồ sơ" in text(response)  # the site's page, in Vietnamese
    assert dossier.applicant_name not in text(response)
    assert client.get(action_url(dossier, "forward")).status_code == 404
    row = first_scan(dossier)
    file_url = reverse("backoffice:dossier-file", args=[dossier.code, row.pk])
    assert client.get(file_url).status_code == 404
    form_url = reverse("backoffice:dossier-form", args=[dossier.code, "receipt"])
    assert client.get(form_url).status_code == 404


def test_an_unknown_code_is_not_found(client, world):
    client.force_login(world.desk_officer)
    url = reverse("backoffice:dossier-detail", args=["H99-260309-9999"])
    assert client.get(url).status_code == 404


# --- What it shows -------------------------------------------------------------------------------


def test_the_desk_sees_the_dossier_with_contact_data_and_its_actions(client, world):
    dossier = receive(world, when=at(DAY - dt.timedelta(days=4), 9))  # Thursday: spans a weekend
    client.force_login(world.desk_officer)
    response = client.get(detail(dossier))
    assert response.status_code == 200
    page = text(response)
    assert dossier.code in page
    assert "Thủ tục đăng ký khai sinh" in page
    assert "001090012345" in page
    assert "0912345678" in page
    assert "Tiếp nhận hồ sơ" in page  # the timeline's first event
    assert "Vì sao hạn là ngày này?" in page
    assert "Không tính 07/03/2026 (thứ Bảy)" in page  # the weekend skipped is explained
    assert "Sắp đến hạn" in page  # due Tuesday 9:00, seen on Monday 16:00
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in page or "receipt" in page
    actions = offered(response)
    assert actions[0] == "forward"
    assert "approve" not in actions
    assert "return_result" not in actions


def test_a_specialist_sees_contact_data_masked(client, world):
    dossier = receive(world)
    dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(DAY, 10))
    client.force_login(world.specialist)
    page = text(client.get(detail(dossier)))
    assert "001090012345" not in page
    assert "**********45" in page
    assert "Thông tin liên hệ được che" in page


def test_the_answers_are_shown_with_their_labels(client, world):
    dossier = receive(world)
    client.force_login(world.desk_officer)
    page = text(client.get(detail(dossier)))
    assert ANSWERS["child_name"] in page
    assert "01/03/2026" in page  # the birth date, as a Vietnamese date


def test_the_page_makes_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    short = receive(world)
    long = receive(world)
    long = to_approval(world, long)
    long = to_result(world, long)
    client.force_login(world.desk_officer)
    with django_assert_max_num_queries(60) as short_queries:
        client.get(detail(short))
    with django_assert_max_num_queries(60) as long_queries:
        client.get(detail(long))
    # Events, visits and files are loaded in bulk: a longer history costs at most a few queries
    # more (the calendars of the agencies it passed through), not one per event.
    assert len(long_queries) - len(short_queries) <= 6


# --- Actions -------------------------------------------------------------------------------------


def test_an_action_not_offered_is_not_found_and_a_stale_post_is_refused(client, world):
    dossier = receive(world)
    client.force_login(world.desk_officer)
    assert client.get(action_url(dossier, "approve")).status_code == 404
    assert client.get(action_url(dossier, "no-such-action")).status_code == 404
    response = client.post(action_url(dossier, "approve"), {"to_step": "tra-ket-qua"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    follow = client.get(response["Location"])
    assert "không còn thực hiện được" in text(follow)


def test_forward_offers_only_the_steps_the_process_allows(client, world):
    dossier = receive(world)
    client.force_login(world.desk_officer)
    page = text(client.get(action_url(dossier, "forward")))
    steps = re.findall(r'name="to_step" value="([^"]+)"', page)
    assert steps == [current_step(dossier).forward_to.get().code]
    # A step outside the choices (here: the approval step, skipping appraisal) is refused.
    response = client.post(action_url(dossier, "forward"), {"to_step": "phe-duyet", "note": "x"})
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in text(response) or "hợp lệ" in text(response)
    dossier.refresh_from_db()
    assert current_step(dossier).code == "tiep-nhan"


def test_the_whole_path_through_the_pages(client, world):
    dossier = receive(world)
    steps = list(dossier.variant.steps.order_by("position"))
    appraisal, approval = steps[1], steps[2]

    client.force_login(world.desk_officer)
    response = client.post(
        action_url(dossier, "forward"), {"to_step": appraisal.code, "note": "Đủ hồ sơ"}
    )
    assert response.status_code == 302
    assert response["Location"] == detail(dossier)
    assert "Đã thực hiện: Chuyển bước tiếp theo" in text(client.get(response["Location"]))

    client.force_login(world.specialist)
    response = client.post(
        action_url(dossier, "forward"),
        {"to_step": approval.code, "note": "Đề nghị cấp", "papers": [upload("to-trinh.pdf")]},
    )
    assert response.status_code == 302

    client.force_login(world.leader)
    # The result file is required at the end: approving without one leaves it to the next step;
    # here the leader attaches it.
    response = client.post(
        action_url(dossier, "approve"),
        {"to_step": "tra-ket-qua", "result_number": "12/GKS", "summary": "Cấp giấy khai sinh",
         "papers": [upload("giay-khai-sinh.pdf")]},
    )  # fmt: skip
    assert response.status_code == 302, text(response)

    client.force_login(world.desk_officer)
    response = client.post(
        action_url(dossier, "return_result"),
        {"method": "counter", "received_by_name": "Nguyễn Văn Bình",
         "received_by_id_number": "001090012345"},
    )  # fmt: skip
    assert response.status_code == 302, text(response)

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.returned_to_name == "Nguyễn Văn Bình"
    assert dossier.files.filter(kind=FileKind.RESULT).count() == 1
    page = text(client.get(detail(dossier)))
    labels = [e.action for e in DossierEvent.objects.filter(dossier=dossier)]
    assert labels == ["receive", "forward", "forward", "approve", "return_result"]
    for label in ("Chuyển bước tiếp theo", "Đề nghị cấp", "to-trinh.pdf", "giay-khai-sinh.pdf"):
        assert label in page
    assert offered(client.get(detail(dossier))) == []


def test_a_refusal_keeps_what_was_typed(client, world):
    dossier = to_approval(world, receive(world))
    client.force_login(world.leader)
    response = client.post(action_url(dossier, "refuse_result"), {"reasons": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    response = client.post(
        action_url(dossier, "send_back"), {"to_step": "tham-dinh", "note": "Xem lại hộ tịch"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert current_step(dossier).code == "tham-dinh"


def test_approving_without_a_result_file_shows_the_service_refusal(client, world):
    dossier = to_approval(world, receive(world))
    client.force_login(world.leader)
    response = client.post(
        action_url(dossier, "approve"), {"to_step": "tra-ket-qua", "summary": "Cấp giấy"}
    )
    assert response.status_code == 400
    assert "Phải đính kèm kết quả giải quyết" in text(response)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert re.search(r">\s*Cấp giấy</textarea>", response.content.decode())  # typed text kept
    assert 'aria-describedby="id_papers_error"' in response.content.decode()
    assert 'id="id_papers_error" role="alert"' in response.content.decode()


def test_htmx_gets_the_form_alone_and_a_redirect_header_on_success(client, world):
    dossier = receive(world)
    client.force_login(world.desk_officer)
    response = client.get(action_url(dossier, "forward"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith("<form")
    assert "<html" not in body
    step = current_step(dossier).forward_to.get().code
    response = client.post(
        action_url(dossier, "forward"), {"to_step": step}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == detail(dossier)


# --- Files and printable forms -------------------------------------------------------------------


def test_a_scan_opens_inline_and_downloads_on_request(client, world):
    dossier = receive(world)
    row = first_scan(dossier)
    url = reverse("backoffice:dossier-file", args=[dossier.code, row.pk])
    client.force_login(world.desk_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    download = client.get(url, {"tai-ve": "1"})
    assert download["Content-Disposition"].startswith("attachment")


def test_the_receipt_is_a_pdf_with_the_code(client, world):
    dossier = receive(world)
    client.force_login(world.desk_officer)
    response = client.get(reverse("backoffice:dossier-form", args=[dossier.code, "receipt"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    extracted = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert dossier.code is not None
    assert dossier.code in extracted.replace("\n", "")
    missing = reverse("backoffice:dossier-form", args=[dossier.code, "apology"])
    assert client.get(missing).status_code == 404
    assert (
        client.get(reverse("backoffice:dossier-form", args=[dossier.code, "nope"])).status_code
        == 404
    )


def test_a_leader_approves_the_apology_with_its_new_appointment(client, world):
    dossier = receive(world)
    dossier = dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(DAY, 10))
    client.force_login(world.leader)
    actions = offered(client.get(detail(dossier)))
    assert "approve_apology" not in actions  # nothing submitted yet

    client.force_login(world.specialist)
    assert "submit_apology" not in offered(client.get(detail(dossier)))
    response = client.post(
        action_url(dossier, "draft_apology"),
        {"reason": "Chờ xác minh nơi cư trú", "new_due_at": "2026-03-16T16:00"},
    )
    assert response.status_code == 302, text(response)
    assert "submit_apology" in offered(client.get(detail(dossier)))
    assert client.post(action_url(dossier, "submit_apology")).status_code == 302

    client.force_login(world.leader)
    page = text(client.get(action_url(dossier, "approve_apology")))
    assert "Chờ xác minh nơi cư trú" in page
    assert "16:00 16/03/2026" in page  # the new appointment the leader approves
    response = client.post(action_url(dossier, "approve_apology"), {"note": "Đồng ý"})
    assert response.status_code == 302
    page = text(client.get(detail(dossier)))
    assert "Hẹn mới (sau xin lỗi)" in page
    assert "approve_apology" not in offered(client.get(detail(dossier)))
    assert 'data-form="apology"' in page


# --- The desk's register -------------------------------------------------------------------------


def test_the_desk_prints_its_register_for_a_period(client, world):
    first = receive(world)
    second = receive(world)
    url = reverse("backoffice:logbook")
    client.force_login(world.desk_officer)
    assert client.get(url).status_code == 200
    response = client.get(
        url, {"desk": world.desk.pk, "period_from": "2026-03-01", "period_to": "2026-03-31"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    extracted = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    flat = extracted.replace("\n", "")
    assert first.code is not None
    assert second.code is not None
    assert first.code in flat
    assert second.code in flat


def test_the_register_refuses_bad_periods_and_other_desks(client, world):
    url = reverse("backoffice:logbook")
    client.force_login(world.desk_officer)
    response = client.get(
        url, {"desk": world.desk.pk, "period_from": "2026-03-31", "period_to": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi" in text(response)
    response = client.get(
        url, {"desk": world.other_desk.pk, "period_from": "2026-03-01", "period_to": "2026-03-31"}
    )
    assert response.status_code == 400  # not one of this officer's desks
    client.force_login(world.specialist)
    assert client.get(url).status_code == 403
