"""The citizen's own dossiers on the portal ("hồ sơ của tôi"): who may open the pages (another
citizen's dossier is a 404 everywhere, staff get 403, visitors log in), the list and its query
count, the timeline a citizen may see, the appointment after an apology with the letter,
answering a supplement request by upload (and the refused uploads), withdrawal, the electronic
result. Data through the real workflow services."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.core.timezone import to_local
from motcua.dossiers.deadlines import dossier_deadline
from motcua.dossiers.drafts import draft_start
from motcua.dossiers.files import Upload, file_store
from motcua.dossiers.models import (
    Channel,
    Dossier,
    DossierFile,
    DossierStatus,
    FileKind,
    ReturnMethod,
)
from motcua.workflow import services as wf
from motcua.workflow.apologies import apology_approve, apology_draft, apology_submit
from motcua.workflow.transitions import SUPPLEMENT_SENT
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import (
    MONDAY_9AM,
    PDF,
    PNG,
    at,
    build_world,
    submit_online,
    to_approval,
    to_result,
)

MON = MONDAY_9AM.date()
TUE = MON + dt.timedelta(days=1)
LIST = "/ho-so-cua-toi/"
INTERNAL_NOTES = ("Ghi chú nội bộ khi tiếp nhận", "Lưu ý nội bộ: hồ sơ ưu tiên", "Nhắc chuyên viên")


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def citizen(db):
    return CitizenFactory()


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


def url(name: str, d: Dossier, *args: object) -> str:
    return reverse(f"portal:{name}", args=[d.display_code, *args])


def received(world, citizen, *, note: str = "") -> Dossier:
    """An online dossier of `citizen` accepted by the desk on Monday 9:00 (due Thursday 9:00)."""
    d = submit_online(world, account=citizen, when=at(MON, 8))
    return wf.dossier_accept(dossier=d, actor=world.desk_officer, note=note, at=at(MON, 9))


def at_appraisal(world, citizen) -> Dossier:
    d = received(world, citizen, note=INTERNAL_NOTES[0])
    return wf.dossier_forward(
        dossier=d, actor=world.desk_officer, note=INTERNAL_NOTES[1], at=at(MON, 10)
    )


def supplement_requested(world, citizen) -> Dossier:
    return wf.dossier_request_supplement(
        dossier=at_appraisal(world, citizen),
        actor=world.specialist,
        items=[("giay-chung-sinh", "Bản chụp rõ nét, đủ bốn góc")],
        reason="Giấy chứng sinh bị mờ",
        at=at(MON, 11),
    )


def pdf(name: str = "giay.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def text(response) -> str:
    return str(response.content.decode())


def status(response) -> int:
    """The status code, reading a file response to its end (which closes it)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return int(response.status_code)


# --- Who may open the pages ----------------------------------------------------------------------


def test_visitors_are_sent_to_the_login_page(client, world, citizen) -> None:
    d = received(world, citizen)
    for path in (LIST, url("my-dossier", d), url("my-dossier-withdraw", d)):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == f"/dang-nhap/?next={path}"


def test_staff_are_refused(client, world, citizen) -> None:
    d = received(world, citizen)
    client.force_login(world.desk_officer)  # sees the dossier in the back office, not here
    assert client.get(LIST).status_code == 403
    assert client.get(url("my-dossier", d)).status_code == 403


@pytest.mark.parametrize(
    "name", ["my-dossier", "my-dossier-supplement", "my-dossier-withdraw", "file", "form"]
)
def test_another_citizens_dossier_is_not_found(client, world, citizen, name) -> None:
    d = supplement_requested(world, citizen)
    component_file = DossierFile.objects.filter(dossier=d, kind=FileKind.COMPONENT).first()
    assert component_file is not None
    paths = {
        "file": url("my-dossier-file", d, component_file.pk),
        "form": url("my-dossier-form", d, "receipt"),
    }
    path = paths.get(name) or url(name, d)
    client.force_login(citizen)
    assert status(client.get(path)) == 200  # the owner opens it

    client.force_login(CitizenFactory())
    assert client.get(path).status_code == 404
    if name in ("my-dossier-supplement", "my-dossier-withdraw"):
        response = client.post(path, {"reason": "Không cần nữa"})
        assert response.status_code == 404
        d.refresh_from_db()
        assert d.status == DossierStatus.SUPPLEMENT_REQUESTED


def test_only_their_own_files_and_forms(logged_in, world, citizen) -> None:
    d = at_appraisal(world, citizen)
    working = file_store(dossier=d, kind=FileKind.ATTACHMENT, upload=Upload("to-trinh.pdf", PDF),
                         actor=world.specialist)  # fmt: skip
    draft_result = file_store(dossier=d, kind=FileKind.RESULT, upload=Upload("kq.pdf", PDF),
                              actor=world.specialist)  # fmt: skip
    other = received(world, CitizenFactory())
    foreign = DossierFile.objects.filter(dossier=other).first()
    assert foreign is not None
    for row in (working, draft_result, foreign):  # a working paper, a result not out yet
        assert logged_in.get(url("my-dossier-file", d, row.pk)).status_code == 404
    assert logged_in.get(url("my-dossier-form", d, "control-sheet")).status_code == 404
    assert logged_in.get(url("my-dossier-form", d, "apology")).status_code == 404  # none yet
    receipt = logged_in.get(url("my-dossier-form", d, "receipt"))
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")


# --- The list ------------------------------------------------------------------------------------


def test_the_list_shows_their_dossiers_with_status_and_appointment(
    logged_in, world, citizen
) -> None:
    submitted = submit_online(world, account=citizen, when=at(MON, 8))
    accepted = received(world, citizen)
    waiting = supplement_requested(world, citizen)
    someone_elses = submit_online(world, account=CitizenFactory(), when=at(MON, 8))

    page = text(logged_in.get(LIST))
    for d in (submitted, accepted, waiting):
        assert url("my-dossier", d) in page
    assert someone_elses.display_code not in page
    assert 'data-public-status="1"' in page
    assert 'data-public-status="2"' in page
    assert 'data-public-status="5"' in page
    due = to_local(dossier_deadline(accepted).legal.due_at)
    assert f"{due:%H:%M %d/%m/%Y}" in page

    needs_action = text(logged_in.get(LIST, {"status": "needs_action"}))
    assert url("my-dossier", waiting) in needs_action
    assert url("my-dossier", accepted) not in needs_action
    assert url("my-dossier", submitted) not in needs_action
    assert 'aria-current="page">Cần bổ sung, thực hiện <span class="dossier-tabs__count">(1)' in (
        needs_action
    )
    # An unknown tab is ignored: every dossier is listed.
    assert url("my-dossier", accepted) in text(logged_in.get(LIST, {"status": "nope"}))


def test_the_list_shows_the_online_drafts(logged_in, world, citizen) -> None:
    draft_start(actor=citizen, channel=Channel.ONLINE, desk=world.desk, variant=world.variant)
    draft_start(actor=CitizenFactory(), channel=Channel.ONLINE, variant=world.inter_variant)
    page = text(logged_in.get(LIST))
    assert "Hồ sơ đang soạn" in page
    assert world.linear.name in page
    assert world.inter.name not in page


def test_the_list_costs_the_same_queries_for_more_dossiers(logged_in, world, citizen) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert logged_in.get(LIST).status_code == 200
        return len(queries)

    received(world, citizen)
    submit_online(world, account=citizen, when=at(MON, 8))
    few = count()
    for _ in range(3):
        received(world, citizen)
    supplement_requested(world, citizen)
    submit_online(world, account=citizen, when=at(MON, 8))
    assert count() == few


# --- One dossier ---------------------------------------------------------------------------------


def test_the_detail_costs_the_same_queries_for_a_longer_history(logged_in, world, citizen) -> None:
    d = supplement_requested(world, citizen)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert logged_in.get(url("my-dossier", d)).status_code == 200
        return len(queries)

    short = count()
    for n in range(3):
        wf.dossier_supplement_send(dossier=d, components=[wf.ComponentInput(
            code="giay-chung-sinh", files=(Upload(f"{n}.pdf", PDF), Upload(f"{n}.png", PNG)))],
            actor=citizen, at=at(TUE, 8 + n))  # fmt: skip
    assert count() == short


def test_the_timeline_hides_officers_and_internal_notes(logged_in, world, citizen) -> None:
    d = supplement_requested(world, citizen)
    page = text(logged_in.get(url("my-dossier", d)))
    assert "Hồ sơ được tiếp nhận" in page
    assert "Hồ sơ đang được xử lý" in page
    assert "Giấy chứng sinh bị mờ" in page  # the reason is told to the citizen
    assert "Bản chụp rõ nét, đủ bốn góc" in page
    event = d.events.get(action="request_supplement")
    assert url("my-dossier-form", d, "supplement-request") + f"?su-kien={event.sequence}" in page
    for officer in (world.desk_officer, world.specialist):
        assert officer.full_name
        assert officer.full_name not in page
        assert officer.username not in page
    for note in INTERNAL_NOTES[:2]:
        assert note not in page
    for step_name in ("Thẩm định", "Lãnh đạo ký"):
        assert step_name not in page


def test_an_approved_apology_shows_the_new_appointment_and_the_letter(
    logged_in, world, citizen
) -> None:
    d = at_appraisal(world, citizen)
    original = dossier_deadline(d, at=at(TUE, 9)).legal.due_at
    new_date = original + dt.timedelta(days=5)
    apology_draft(dossier=d, actor=world.specialist, reason="Cần xác minh với bệnh viện",
                  new_due_at=new_date, at=at(TUE, 9))  # fmt: skip
    apology_submit(dossier=d, actor=world.specialist, at=at(TUE, 9, 30))
    page = text(logged_in.get(url("my-dossier", d)))
    assert "Ngày hẹn trả mới" not in page  # a draft is not the citizen's business
    assert "Cần xác minh với bệnh viện" not in page

    apology_approve(dossier=d, actor=world.leader, note=INTERNAL_NOTES[2], at=at(TUE, 10))
    page = text(logged_in.get(url("my-dossier", d)))
    assert "Ngày hẹn trả ban đầu" in page
    assert f"{to_local(original):%H:%M %d/%m/%Y}" in page
    assert "Ngày hẹn trả mới" in page
    assert f"{to_local(new_date):%H:%M %d/%m/%Y}" in page
    assert "Cần xác minh với bệnh viện" in page
    assert INTERNAL_NOTES[2] not in page
    assert world.leader.full_name not in page
    letter = url("my-dossier-form", d, "apology")
    assert f'href="{letter}"' in page
    response = logged_in.get(letter)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")

    listed = text(logged_in.get(LIST))
    assert f"{to_local(new_date):%H:%M %d/%m/%Y}" in listed


def test_results_download_once_ready_and_after_return(logged_in, world, citizen) -> None:
    d = to_approval(world, received(world, citizen))
    assert "Kết quả giải quyết" not in text(logged_in.get(url("my-dossier", d)))
    d = to_result(world, d)
    result = DossierFile.objects.get(dossier=d, kind=FileKind.RESULT)
    page = text(logged_in.get(url("my-dossier", d)))
    assert 'data-public-status="9"' in page
    assert url("my-dossier-file", d, result.pk) in page

    response = logged_in.get(url("my-dossier-file", d, result.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    download = logged_in.get(url("my-dossier-file", d, result.pk) + "?tai-ve")
    assert download["Content-Disposition"].startswith("attachment")
    assert status(download) == 200

    wf.dossier_return(dossier=d, actor=world.desk_officer, method=ReturnMethod.ELECTRONIC,
                      at=at(MON, 16))  # fmt: skip
    page = text(logged_in.get(url("my-dossier", d)))
    assert 'data-public-status="10"' in page
    assert "Trả kết quả điện tử" in page
    assert reverse("portal:rate", args=[d.display_code]) in page
    assert status(logged_in.get(url("my-dossier-file", d, result.pk))) == 200


# --- Supplement ----------------------------------------------------------------------------------


def test_a_supplement_request_is_answered_by_upload(logged_in, world, citizen) -> None:
    d = supplement_requested(world, citizen)
    form_url = url("my-dossier-supplement", d)
    page = text(logged_in.get(form_url))
    assert 'name="component-giay-chung-sinh"' in page
    assert 'name="component-to-khai"' not in page  # only what was asked for
    assert 'accept="application/pdf,image/jpeg,image/png"' in page

    response = logged_in.post(
        form_url,
        {
            "component-giay-chung-sinh": [
                pdf("chung-sinh.pdf"),
                SimpleUploadedFile("anh.png", PNG, content_type="image/png"),
            ],
            "note": "Bản rõ hơn",
        },
    )
    assert response.status_code == 302
    assert response.url == url("my-dossier", d)
    d.refresh_from_db()
    assert d.status == DossierStatus.SUPPLEMENT_REQUESTED  # the desk receives it next
    event = d.events.get(action=SUPPLEMENT_SENT)
    assert (event.actor, event.note) == (citizen, "Bản rõ hơn")
    sent = list(event.files.order_by("pk"))
    assert [f.name for f in sent] == ["chung-sinh.pdf", "anh.png"]

    page = text(logged_in.get(url("my-dossier", d)))
    assert "Đã gửi hồ sơ bổ sung trực tuyến" in page
    assert url("my-dossier-file", d, sent[0].pk) in page
    assert status(logged_in.get(url("my-dossier-file", d, sent[1].pk))) == 200

    wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(TUE, 10))
    response = logged_in.get(form_url)
    assert response.status_code == 302  # nothing is waiting any more
    assert response.url == url("my-dossier", d)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("gia-mao.pdf", b"GIF89a not really a pdf"), "không phải PDF, JPEG hoặc PNG"),
        (pdf("to-qua.pdf", PDF + b"0" * 200), "lớn hơn"),
        (pdf("rong.pdf", b""), "rỗng"),
        (None, "Chọn ít nhất một tệp"),
    ],
    ids=["type-by-content", "too-large", "empty", "none"],
)
def test_refused_uploads_say_why_on_the_field(
    logged_in, world, citizen, settings, upload, message
) -> None:
    settings.MOTCUA_UPLOAD_MAX_BYTES = len(PDF) + 100
    d = supplement_requested(world, citizen)
    before = DossierFile.objects.filter(dossier=d).count()
    data: dict[str, object] = {"note": "Ghi chú của tôi"}
    if upload is not None:
        data["component-giay-chung-sinh"] = [pdf("dung.pdf"), upload]
    response = logged_in.post(url("my-dossier-supplement", d), data)
    assert response.status_code == 400
    page = text(response)
    summary = re.search(r'<div class="[^"]*error-summary" role="alert".*?</div>', page, re.S)
    assert summary is not None
    assert message in summary.group(0)
    assert 'href="#id_component-giay-chung-sinh"' in summary.group(0)
    field = re.search(r'<input type="file" name="component-giay-chung-sinh"[^>]*>', page)
    assert field is not None
    assert 'aria-invalid="true"' in field.group(0)
    assert "id_component-giay-chung-sinh_error" in field.group(0)
    assert "Ghi chú của tôi" in page  # what was typed is kept
    assert DossierFile.objects.filter(dossier=d).count() == before
    assert not d.events.filter(action=SUPPLEMENT_SENT).exists()


def test_before_reception_the_supplement_resubmits(logged_in, world, citizen) -> None:
    d = submit_online(world, account=citizen, when=at(MON, 8))
    d = wf.dossier_request_intake_supplement(
        dossier=d, missing=["giay-chung-sinh"], reason="Thiếu trang 2", actor=world.desk_officer,
        at=at(MON, 9),
    )  # fmt: skip
    page = text(logged_in.get(url("my-dossier", d)))
    assert "Hồ sơ cần bổ sung trước khi được tiếp nhận." in page
    assert "Thiếu trang 2" in page
    form_page = text(logged_in.get(url("my-dossier-supplement", d)))
    assert 'name="note"' not in form_page
    response = logged_in.post(
        url("my-dossier-supplement", d), {"component-giay-chung-sinh": [pdf("trang-2.pdf")]}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == DossierStatus.SUBMITTED
    assert d.public_status == 1
    assert d.files.filter(kind=FileKind.COMPONENT, name="trang-2.pdf").exists()


# --- Withdrawal ----------------------------------------------------------------------------------


def test_withdrawal_asks_for_a_reason_and_moves_to_status_7(logged_in, world, citizen) -> None:
    d = at_appraisal(world, citizen)
    page = text(logged_in.get(url("my-dossier", d)))
    assert url("my-dossier-withdraw", d) in page

    response = logged_in.post(url("my-dossier-withdraw", d), {"reason": "  "})
    assert response.status_code == 400
    assert "Vui lòng ghi lý do rút hồ sơ." in text(response)
    d.refresh_from_db()
    assert d.status == DossierStatus.PROCESSING

    response = logged_in.post(url("my-dossier-withdraw", d), {"reason": "Nộp nhầm thủ tục"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == DossierStatus.WITHDRAWAL_REQUESTED
    assert d.public_status == 7
    page = text(logged_in.get(url("my-dossier", d)))
    assert 'data-public-status="7"' in page
    assert "Nộp nhầm thủ tục" in page  # their own reason, in the timeline
    assert url("my-dossier-withdraw", d) not in page
    response = logged_in.post(url("my-dossier-withdraw", d), {"reason": "Lần nữa"})
    assert response.status_code == 302  # not offered any more: back to the dossier
    assert d.events.filter(action="request_withdrawal").count() == 1


def test_a_submission_not_yet_received_simply_ends(logged_in, world, citizen) -> None:
    d = submit_online(world, account=citizen, when=at(MON, 8))
    response = logged_in.post(url("my-dossier-withdraw", d), {"reason": "Không cần nữa"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.status, d.public_status) == (DossierStatus.STOPPED, 8)


def test_no_withdrawal_once_the_result_exists(logged_in, world, citizen) -> None:
    d = to_result(world, to_approval(world, received(world, citizen)))
    assert url("my-dossier-withdraw", d) not in text(logged_in.get(url("my-dossier", d)))
    response = logged_in.post(url("my-dossier-withdraw", d), {"reason": "Muộn rồi"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == DossierStatus.RESULT_READY
