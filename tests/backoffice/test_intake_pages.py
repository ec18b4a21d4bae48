"""The counter intake wizard through the test client, over a real world (services, not mocks):
the whole path step by step to a received dossier, every refusal shown where it is fixed with
nothing typed lost, postal registration, the returning-applicant look-up, refusal at the counter,
and who may open what."""

import datetime as dt
import io
import re
from dataclasses import replace

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.dossiers.models import (
    Channel,
    CounterGuidance,
    Dossier,
    DossierDraft,
    DossierStatus,
    DraftFile,
)
from motcua.workflow.services import dossier_refuse_at_counter
from tests.catalog.builders import birth_registration
from tests.dossiers.builders import (
    APPLICANT,
    JULY,
    MONDAY_9AM,
    PDF,
    PNG,
    at,
    build_world,
    receive,
)

MONDAY = MONDAY_9AM.date()
START = reverse("backoffice:intake-start")


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    return build_world()


@pytest.fixture
def officer(client, world):
    client.force_login(world.desk_officer)
    return client


def step_url(name: str, draft: DossierDraft | int) -> str:
    pk = draft if isinstance(draft, int) else draft.pk
    return reverse(f"backoffice:intake-{name}", args=[pk])


def text(response):
    return response.content.decode()


def two_cases():
    """A published procedure with two case variants and no e-form."""
    spec = birth_registration()
    base = replace(spec.variants[0], eform_schema={})
    variants = (
        replace(base, code="trong-nuoc", name="Trẻ sinh ra ở trong nước"),
        replace(base, code="nuoc-ngoai", name="Trẻ sinh ra ở nước ngoài"),
    )
    spec = replace(
        spec, code="1.000999", name="Đăng ký khai sinh lưu động", variants=variants,
        method_online=False, online_level="none",
    )  # fmt: skip
    draft = procedure_draft_save(spec=spec, actor=None)
    return procedure_publish(version=draft, valid_from=JULY, actor=None)


# --- The POSTs a browser sends -------------------------------------------------------------------


def start(client, world, *, version=None, channel="counter", received_at=""):
    return client.post(
        START,
        {
            "desk": world.desk.pk,
            "channel": channel,
            "received_at": received_at,
            "q": "",
            "version": (version or world.linear).pk,
        },
    )


def components_post(*, to_khai=True, chung_sinh=True, applies=False):
    data = {
        "to-khai-originals": "1",
        "to-khai-copies": "0",
        "giay-chung-sinh-originals": "1",
        "giay-chung-sinh-copies": "0",
        "van-ban-uy-quyen-originals": "1",
        "van-ban-uy-quyen-copies": "0",
        "next": "1",
    }
    if to_khai:
        data["to-khai-handed"] = "on"
    if chung_sinh:
        data["giay-chung-sinh-handed"] = "on"
    if applies:
        data["van-ban-uy-quyen-applies"] = "on"
    return data


APPLICANT_POST = {
    "kind": "individual",
    "id_number": APPLICANT.id_number,
    "name": APPLICANT.name,
    "address": APPLICANT.address,
    "phone": "0912 345 678",
    "email": APPLICANT.email,
    "submitter_name": "",
    "submitter_id_number": "",
    "next": "1",
}
EFORM_POST = {
    "ef-child_name": "Nguyễn Minh An",
    "ef-child_birth_date": "2026-03-01",
    "ef-child_sex": "nam",
    "ef-declarant_phone": "0912345678",
    "next": "1",
}


def pdf(name="to-khai.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def draft_of(world) -> DossierDraft:
    return DossierDraft.objects.get(owner=world.desk_officer)


def fill_to_review(client, world, *, components=None) -> DossierDraft:
    """Start and fill every step as an officer would; returns the draft at the review step."""
    response = start(client, world)
    draft = draft_of(world)
    assert response.status_code == 302
    assert response["Location"] == step_url("components", draft)
    response = client.post(step_url("components", draft), components or components_post())
    assert response["Location"] == step_url("applicant", draft)
    response = client.post(step_url("applicant", draft), APPLICANT_POST)
    assert response["Location"] == step_url("eform", draft)
    response = client.post(step_url("eform", draft), EFORM_POST)
    assert response["Location"] == step_url("fees", draft)
    response = client.post(
        step_url("fees", draft), {"fees_paid": "50.000", "sets": "2", "next": "1"}
    )
    assert response["Location"] == step_url("files", draft)
    response = client.post(
        step_url("files", draft),
        {
            "files-to-khai": [pdf("to-khai-1.pdf"), pdf("to-khai-2.pdf", PDF + b"%2")],
            "giay-chung-sinh-exemption": "Chỉ xuất trình bản chính để đối chiếu",
            "next": "1",
        },
    )
    assert response.status_code == 302, text(response)
    assert response["Location"] == step_url("review", draft)
    return draft_of(world)


# --- The whole path ------------------------------------------------------------------------------


def test_the_whole_path_ends_with_a_received_dossier_and_no_draft(officer, world) -> None:
    draft = fill_to_review(officer, world)
    review = officer.get(step_url("review", draft))
    assert review.status_code == 200
    page = text(review)
    assert 'role="alert"' not in page  # nothing blocks
    assert "Nguyễn Minh An" in page
    assert "01/03/2026" in page  # the e-form date in words
    assert "to-khai-2.pdf" in page
    assert 'aria-current="step"' in page

    response = officer.post(step_url("review", draft), {"receive": "1"})
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:intake-done", args=[dossier.code])
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.code
    assert dossier.received_by == world.desk_officer
    assert dossier.channel == Channel.COUNTER
    assert dossier.received_at == MONDAY_9AM
    assert dossier.applicant_name == APPLICANT.name
    assert dossier.phone == "0912345678"
    assert dossier.answers["child_name"] == "Nguyễn Minh An"
    assert str(dossier.fees_paid) == "50000"
    assert dossier.sets == 2
    rows = {row.component.code: row for row in dossier.components.select_related("component")}
    assert rows["to-khai"].originals == 1
    assert rows["to-khai"].digitised
    assert rows["giay-chung-sinh"].scan_exemption == "Chỉ xuất trình bản chính để đối chiếu"
    stored = sorted(dossier.files.all(), key=lambda f: f.name)
    assert [f.name for f in stored] == ["to-khai-1.pdf", "to-khai-2.pdf"]
    with stored[1].file.open("rb") as handle:
        assert handle.read() == PDF + b"%2"
    assert not DossierDraft.objects.exists()
    assert not DraftFile.objects.exists()

    done = officer.get(response["Location"])
    page = text(done)
    assert dossier.code in page
    assert reverse("backoffice:dossier-form", args=[dossier.code, "receipt"]) in page
    assert reverse("backoffice:dossier-detail", args=[dossier.code]) in page
    # Three working days from Monday 09:00: Thursday 09:00.
    assert "09:00 12/03/2026" in page


def test_the_start_page_finds_procedures_without_accents_and_htmx_gets_the_results(
    officer, world
) -> None:
    page = text(officer.get(START, {"q": "dang ky khai sinh"}))
    assert "Thủ tục đăng ký khai sinh" in page
    assert f'name="version" value="{world.linear.pk}"' in page
    partial = officer.get(START, {"q": "khai sinh"}, headers={"HX-Request": "true"})
    body = text(partial)
    assert 'id="intake-results"' in body
    assert "<html" not in body
    assert "Đăng ký khai sinh có yếu tố xác minh" in body
    # The no-JS search is a POST of the same form: what was chosen is kept.
    response = officer.post(
        START, {"desk": world.desk.pk, "channel": "postal", "q": "khai sinh", "search": "1"}
    )
    page = text(response)
    assert response.status_code == 200
    assert "Thủ tục đăng ký khai sinh" in page
    assert re.search(r'value="postal"[^>]*checked', page)
    assert not DossierDraft.objects.exists()


def test_a_procedure_with_several_cases_asks_which_one(officer, world) -> None:
    version = two_cases()
    response = start(officer, world, version=version)
    draft = draft_of(world)
    assert response["Location"] == step_url("variant", draft)
    page = text(officer.get(step_url("variant", draft)))
    assert "Trẻ sinh ra ở nước ngoài" in page
    assert "checked" not in page
    refused = officer.post(step_url("variant", draft), {"next": "1"})
    assert refused.status_code == 400
    assert "Phải chọn một trường hợp" in text(refused)
    second = version.variants.get(code="nuoc-ngoai")
    response = officer.post(step_url("variant", draft), {"variant": second.pk, "next": "1"})
    assert response["Location"] == step_url("components", draft)
    draft.refresh_from_db()
    assert draft.variant == second
    assert draft.step == "components"
    # No e-form in this case: the applicant step goes straight on to the fees.
    officer.post(step_url("components", draft), components_post())
    response = officer.post(step_url("applicant", draft), APPLICANT_POST)
    assert response["Location"] == step_url("fees", draft)
    stepper = text(officer.get(step_url("fees", draft)))
    nav = re.search(r'<nav class="stepper".*?</nav>', stepper, re.S)
    assert nav is not None
    assert "Tờ khai" not in nav.group(0)


# --- Refusals: shown where they are fixed, nothing typed lost ------------------------------------


def test_a_missing_required_component_blocks_at_review_and_keeps_the_draft(officer, world) -> None:
    draft = fill_to_review(officer, world, components=components_post(chung_sinh=False))
    # The exemption for an unticked component is not part of the checklist: drop it too.
    review = officer.get(step_url("review", draft))
    page = text(review)
    assert "Còn thiếu thành phần bắt buộc: Giấy chứng sinh." in page
    assert step_url("components", draft) in page
    response = officer.post(step_url("review", draft), {"receive": "1"})
    assert response.status_code == 400
    page = text(response)
    assert "Giấy chứng sinh" in page
    assert step_url("components", draft) in page
    assert not Dossier.objects.exists()
    kept = draft_of(world)
    assert kept.data["applicant"]["name"] == APPLICANT.name
    assert kept.files.count() == 2


def test_a_conditional_component_that_applies_is_required(officer, world) -> None:
    draft = fill_to_review(officer, world, components=components_post(applies=True))
    assert draft.data["conditions"] == ["van-ban-uy-quyen"]
    page = text(officer.get(step_url("review", draft)))
    assert "Còn thiếu thành phần bắt buộc: Văn bản ủy quyền." in page


def test_invalid_eform_answers_are_saved_and_shown_with_their_errors(officer, world) -> None:
    start(officer, world)
    draft = draft_of(world)
    bad = {**EFORM_POST, "ef-child_birth_date": "2030-01-01", "ef-child_name": ""}
    response = officer.post(step_url("eform", draft), bad)
    assert response.status_code == 400
    page = text(response)
    assert "không được sau ngày hôm nay" in page
    assert "Vui lòng nhập «Họ, chữ đệm và tên của trẻ»" in page
    assert 'value="2030-01-01"' in page  # what was typed is shown again
    draft.refresh_from_db()
    assert draft.data["answers"]["child_birth_date"] == "2030-01-01"  # and kept
    assert draft.step == "components"  # not moved on
    fixed = officer.post(step_url("eform", draft), EFORM_POST)
    assert fixed["Location"] == step_url("fees", draft)


def test_invalid_applicant_details_are_kept_and_explained(officer, world) -> None:
    start(officer, world)
    draft = draft_of(world)
    bad = {**APPLICANT_POST, "id_number": "12345", "phone": "0123"}
    response = officer.post(step_url("applicant", draft), bad)
    assert response.status_code == 400
    page = text(response)
    assert "phải gồm đúng 12 chữ số" in page
    assert "không hợp lệ" in page
    assert 'aria-invalid="true"' in page
    draft.refresh_from_db()
    assert draft.data["applicant"]["id_number"] == "12345"


def test_a_landline_is_accepted_with_a_warning(officer, world) -> None:
    start(officer, world)
    draft = draft_of(world)
    check = officer.post(
        step_url("applicant-check", draft),
        {**APPLICANT_POST, "phone": "024 3825 1234"},
        headers={"HX-Request": "true", "HX-Trigger-Name": "phone"},
    )
    assert "Số máy bàn" in text(check)
    check = officer.post(
        step_url("applicant-check", draft),
        {**APPLICANT_POST, "id_number": "0010900"},
        headers={"HX-Request": "true", "HX-Trigger-Name": "id_number"},
    )
    assert "12 chữ số" in text(check)
    assert "<html" not in text(check)
    response = officer.post(
        step_url("applicant", draft), {**APPLICANT_POST, "phone": "02438251234"}
    )
    assert response.status_code == 302


def test_a_wrong_file_type_or_an_empty_file_is_refused_and_nothing_is_lost(officer, world) -> None:
    start(officer, world)
    draft = draft_of(world)
    officer.post(step_url("components", draft), components_post())
    response = officer.post(
        step_url("files", draft),
        {
            "files-to-khai": [
                pdf("good.pdf"),
                SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/pdf"),
                SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"),
            ],
            "files-giay-chung-sinh": [SimpleUploadedFile("anh.png", PNG, "image/png")],
            "giay-chung-sinh-exemption": "Chỉ xuất trình",
            "next": "1",
        },
    )
    assert response.status_code == 400
    page = text(response)
    assert "Tệp “virus.exe” không phải PDF, JPEG hoặc PNG." in page
    assert "rỗng" in page  # Django drops empty uploads or the service refuses them
    assert sorted(draft.files.values_list("name", flat=True)) == ["anh.png", "good.pdf"]
    draft.refresh_from_db()
    assert draft.data["components"]["giay-chung-sinh"]["scan_exemption"] == "Chỉ xuất trình"
    assert draft.step == "applicant"  # not moved on past the files


def test_removing_a_file(officer, world) -> None:
    start(officer, world)
    draft = draft_of(world)
    officer.post(step_url("files", draft), {"files-to-khai": [pdf()], "upload": "1"})
    row = draft.files.get()
    response = officer.post(reverse("backoffice:intake-file-remove", args=[draft.pk, row.pk]))
    assert response["Location"] == step_url("files", draft)
    assert not draft.files.exists()


# --- Postal registration -------------------------------------------------------------------------


def test_a_postal_dossier_is_received_as_of_the_parcels_arrival(officer, world, clock) -> None:
    arrived = at(MONDAY, 16, 10)  # after the 15:00 cut-off
    clock.move_to(at(MONDAY, 16, 30))
    future = officer.post(
        START,
        {"desk": world.desk.pk, "channel": "postal", "received_at": "2026-03-09T17:00",
         "version": world.linear.pk},
    )  # fmt: skip
    assert future.status_code == 400
    assert "không được sau thời điểm hiện tại" in text(future)
    missing = officer.post(
        START, {"desk": world.desk.pk, "channel": "postal", "version": world.linear.pk}
    )
    assert "phải ghi ngày giờ nhận bưu phẩm" in text(missing)
    assert not DossierDraft.objects.exists()

    draft = fill_to_review_postal(officer, world, arrived)
    assert draft.channel == Channel.POSTAL
    review = text(officer.get(step_url("review", draft)))
    assert 'value="2026-03-09T16:10"' in review
    response = officer.post(
        step_url("review", draft), {"received_at": "2026-03-09T16:10", "receive": "1"}
    )
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("backoffice:intake-done", args=[dossier.code])
    assert dossier.channel == Channel.POSTAL
    assert dossier.received_at == arrived
    assert dossier.handover_at == at(dt.date(2026, 3, 10), 7, 0)
    done = text(officer.get(response["Location"]))
    assert "07:00 10/03/2026" in done  # handed over on Tuesday's opening
    assert "17:00 12/03/2026" in done  # three working days from then


def fill_to_review_postal(client, world, arrived) -> DossierDraft:
    response = start(client, world, channel="postal", received_at=f"{arrived:%Y-%m-%dT%H:%M}")
    assert response.status_code == 302, text(response)
    draft = draft_of(world)
    client.post(step_url("components", draft), components_post())
    client.post(step_url("applicant", draft), APPLICANT_POST)
    client.post(step_url("eform", draft), EFORM_POST)
    client.post(step_url("fees", draft), {"fees_paid": "0", "sets": "1", "next": "1"})
    client.post(
        step_url("files", draft),
        {"files-to-khai": [pdf()], "giay-chung-sinh-exemption": "Bản chính", "next": "1"},
    )
    return draft_of(world)


# --- The returning applicant ---------------------------------------------------------------------


def test_the_look_up_fills_the_applicant_from_this_desks_dossiers_only(officer, world) -> None:
    receive(world, when=at(MONDAY, 8))
    start(officer, world)
    draft = draft_of(world)
    response = officer.post(
        step_url("applicant", draft),
        {"kind": "individual", "id_number": APPLICANT.id_number, "lookup": "1"},
    )
    page = text(response)
    assert response.status_code == 200
    assert f'value="{APPLICANT.name}"' in page
    assert 'value="0912345678"' in page
    assert "Đã điền theo hồ sơ" in page
    draft.refresh_from_db()
    assert "applicant" not in draft.data  # a look-up saves nothing

    # htmx gets the same page; it swaps the fields only.
    partial = officer.post(
        step_url("applicant", draft),
        {"kind": "individual", "id_number": APPLICANT.id_number, "lookup": "1"},
        headers={"HX-Request": "true"},
    )
    assert 'id="applicant-fields"' in text(partial)


def test_the_look_up_does_not_reach_another_desks_dossiers(client, world) -> None:
    receive(world, when=at(MONDAY, 8))  # received at the commune desk
    client.force_login(world.other_officer)
    start(client, world_other(world))
    draft = DossierDraft.objects.get(owner=world.other_officer)
    response = client.post(
        step_url("applicant", draft),
        {"kind": "individual", "id_number": APPLICANT.id_number, "lookup": "1"},
    )
    page = text(response)
    assert "Không tìm thấy hồ sơ nào" in page
    assert APPLICANT.name not in page


def world_other(world):
    """The start POST of the other desk's officer (justice desk)."""
    return replace(world, desk=world.other_desk)


# --- Who may open what ---------------------------------------------------------------------------


def test_another_officer_cannot_open_this_officers_draft(client, world) -> None:
    client.force_login(world.desk_officer)
    start(client, world)
    draft = draft_of(world)
    client.force_login(world.other_officer)
    for name in ("components", "applicant", "eform", "fees", "files", "review", "refuse", "guide"):
        assert client.get(step_url(name, draft)).status_code == 404, name
    assert client.post(step_url("discard", draft)).status_code == 404
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_a_specialist_gets_a_403_page_and_anonymous_users_log_in(client, world) -> None:
    anonymous = client.get(START)
    assert anonymous.status_code == 302
    assert "/login" in anonymous["Location"]
    client.force_login(world.specialist)
    response = client.get(START)
    assert response.status_code == 403
    assert "Chỉ cán bộ một cửa" in text(response)
    assert client.get(step_url("components", 1)).status_code == 403


# --- Refusal at the counter ----------------------------------------------------------------------


def test_refusing_at_the_counter_issues_the_slip_and_discards_the_draft(officer, world) -> None:
    start(officer, world)
    draft = draft_of(world)
    officer.post(step_url("applicant", draft), APPLICANT_POST)
    form = text(officer.get(step_url("refuse", draft)))
    assert f'value="{APPLICANT.name}"' in form
    empty = officer.post(step_url("refuse", draft), {"name": APPLICANT.name, "reasons": " "})
    assert empty.status_code == 400
    assert "Phải ghi lý do" in text(empty)
    response = officer.post(
        step_url("refuse", draft),
        {"name": APPLICANT.name, "id_number": APPLICANT.id_number,
         "reasons": "Thủ tục không thuộc thẩm quyền của xã\nĐã hướng dẫn nộp tại Sở"},
    )  # fmt: skip
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("backoffice:intake-refused", args=[dossier.reference])
    assert dossier.status == DossierStatus.REFUSED_INTAKE
    assert dossier.code is None
    event = dossier.events.get()
    assert event.data["reasons"] == [
        "Thủ tục không thuộc thẩm quyền của xã",
        "Đã hướng dẫn nộp tại Sở",
    ]
    assert not DossierDraft.objects.exists()
    page = text(officer.get(response["Location"]))
    assert reverse("backoffice:dossier-form", args=[dossier.reference, "refusal"]) in page


# --- Resuming ------------------------------------------------------------------------------------


def test_the_start_page_lists_the_officers_drafts_to_resume_or_discard(
    officer, world, django_assert_max_num_queries
) -> None:
    start(officer, world)
    first = draft_of(world)
    officer.post(step_url("components", first), components_post())
    officer.post(step_url("applicant", first), APPLICANT_POST)
    with django_assert_max_num_queries(12) as few:
        page = text(officer.get(START))
    count = len(few.captured_queries)
    assert APPLICANT.name in page
    assert reverse("backoffice:intake-resume", args=[first.pk]) in page
    for _ in range(3):
        start(officer, world)
    with django_assert_max_num_queries(count):
        page = text(officer.get(START))
    assert page.count(APPLICANT.name) == 1
    resume = officer.get(reverse("backoffice:intake-resume", args=[first.pk]))
    assert resume["Location"] == step_url("eform", first)
    response = officer.post(step_url("discard", first))
    assert response["Location"] == START
    assert not DossierDraft.objects.filter(pk=first.pk).exists()
    assert DossierDraft.objects.count() == 3


def test_others_drafts_are_not_listed(client, world) -> None:
    client.force_login(world.other_officer)
    start(client, world_other(world))
    client.force_login(world.desk_officer)
    page = text(client.get(START))
    assert "Không có hồ sơ nào đang lập dở" in page


def test_a_refused_dossier_page_is_only_for_refusals(officer, world) -> None:
    dossier = receive(world)
    assert officer.get(reverse("backoffice:intake-refused", args=[dossier.code])).status_code == 404
    refused = dossier_refuse_at_counter(
        desk=world.desk, variant=world.variant, applicant=APPLICANT, reasons=["Sai thẩm quyền"],
        actor=world.desk_officer,
    )  # fmt: skip
    page = officer.get(reverse("backoffice:intake-refused", args=[refused.reference]))
    assert page.status_code == 200


# --- Guidance at the counter (Mẫu 02): no dossier, the draft kept ---------------------------------


def missing_birth_certificate(client, world) -> DossierDraft:
    """A visit where the birth certificate is missing, recorded up to the applicant."""
    start(client, world)
    draft = draft_of(world)
    client.post(step_url("components", draft), components_post(chung_sinh=False))
    client.post(step_url("applicant", draft), APPLICANT_POST)
    return draft_of(world)


GUIDANCE_POST = {
    "giay-chung-sinh-missing": "on",
    "giay-chung-sinh-requirement": "01 bản chính do cơ sở y tế cấp",
    "to-khai-requirement": "01 bản chính",
    "van-ban-uy-quyen-requirement": "",
    "reason": "Thiếu giấy chứng sinh của trẻ.",
    "name": APPLICANT.name,
    "id_number": APPLICANT.id_number,
    "phone": "0912 345 678",
}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_guide_form_pre_ticks_the_missing_required_components(officer, world) -> None:
    draft = missing_birth_certificate(officer, world)
    step = text(officer.get(step_url("applicant", draft)))
    assert step_url("guide", draft) in step  # offered from every step
    response = officer.get(step_url("guide", draft))
    assert response.status_code == 200
    form = text(response)
    assert re.search(r'name="giay-chung-sinh-missing"[^>]*checked', form)
    assert not re.search(r'name="to-khai-missing"[^>]*checked', form)
    assert not re.search(r'name="van-ban-uy-quyen-missing"[^>]*checked', form)
    # What the procedure asks, as a starting requirement the officer may change.
    assert re.search(r'name="giay-chung-sinh-requirement"[^>]*value="01 bản chính"', form)
    assert re.search(
        r'name="to-khai-requirement"[^>]*value="01 bản chính \(Mẫu TT 04/2020\)"', form
    )
    assert f'value="{APPLICANT.name}"' in form
    assert "Mẫu 02" in form
    assert "Mẫu 03" not in form


def test_guiding_issues_the_slip_keeps_the_draft_and_makes_no_dossier(officer, world) -> None:
    draft = missing_birth_certificate(officer, world)
    response = officer.post(step_url("guide", draft), GUIDANCE_POST)
    guidance = CounterGuidance.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:intake-guided", args=[guidance.pk])
    assert guidance.items == [
        {
            "code": "giay-chung-sinh",
            "name": "Giấy chứng sinh",
            "requirement": "01 bản chính do cơ sở y tế cấp",
        }
    ]
    assert (guidance.form_number, guidance.issued_by) == ("1/2026", world.desk_officer)
    assert guidance.applicant_phone == "0912345678"
    # The statistics are untouched: nothing received, nothing refused.
    assert not Dossier.objects.exists()
    kept = DossierDraft.objects.get(pk=draft.pk)
    assert kept.data == draft.data

    page = text(officer.get(response["Location"]))
    assert "1/2026" in page
    assert "Giấy chứng sinh" in page
    pdf_url = reverse("backoffice:intake-guidance-pdf", args=[guidance.pk])
    assert pdf_url in page
    assert "In phiếu hướng dẫn bổ sung" in page
    assert reverse("backoffice:intake-resume", args=[draft.pk]) in page
    assert "Tiếp tục lập hồ sơ này" in page
    assert START in page

    slip = officer.get(pdf_url)
    assert slip.status_code == 200
    assert slip["Content-Type"] == "application/pdf"
    assert slip["Cache-Control"] == "private, no-store"
    content = pdf_text(slip.content)
    for expected in ("1/2026", "Giấy chứng sinh", "01 bản chính do cơ sở y tế cấp",
                     "Thiếu giấy chứng sinh của trẻ.", APPLICANT.name):  # fmt: skip
        assert expected in content, expected
    assert "Tờ khai đăng ký khai sinh" not in content  # handed in: not asked for

    # The applicant comes back: the officer resumes the same draft where it stopped.
    resumed = officer.get(reverse("backoffice:intake-resume", args=[draft.pk]))
    assert resumed["Location"] == step_url("eform", draft)


def test_a_guidance_refused_keeps_what_was_typed_and_writes_nothing(officer, world) -> None:
    draft = missing_birth_certificate(officer, world)
    nothing = {**GUIDANCE_POST, "reason": "Lý do đã gõ"}
    del nothing["giay-chung-sinh-missing"]
    response = officer.post(step_url("guide", draft), nothing)
    assert response.status_code == 400
    page = text(response)
    assert 'role="alert"' in page
    assert "Phải đánh dấu ít nhất một thành phần hồ sơ còn thiếu." in page
    assert "Lý do đã gõ" in page
    # On the first row, announced and linked from the summary.
    assert 'aria-describedby="id_to-khai-missing_error"' in page
    assert 'href="#id_to-khai-missing"' in page

    bad_id = {**GUIDANCE_POST, "id_number": "12345"}
    response = officer.post(step_url("guide", draft), bad_id)
    assert response.status_code == 400  # refused by the service (applicant_problems)
    page = text(response)
    assert 'id="id_id_number_error"' in page
    assert 'value="12345"' in page
    assert re.search(r'name="giay-chung-sinh-missing"[^>]*checked', page)

    no_reason = {**GUIDANCE_POST, "reason": " "}
    assert officer.post(step_url("guide", draft), no_reason).status_code == 400
    assert not CounterGuidance.objects.exists()
    assert not Dossier.objects.exists()
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_only_the_desks_officers_open_the_slip(client, world) -> None:
    client.force_login(world.desk_officer)
    draft = missing_birth_certificate(client, world)
    client.post(step_url("guide", draft), GUIDANCE_POST)
    guidance = CounterGuidance.objects.get()
    pdf_url = reverse("backoffice:intake-guidance-pdf", args=[guidance.pk])
    page_url = reverse("backoffice:intake-guided", args=[guidance.pk])
    client.force_login(world.other_officer)  # another desk's officer
    assert client.get(pdf_url).status_code == 404
    assert client.get(page_url).status_code == 404
    assert client.post(step_url("guide", draft), GUIDANCE_POST).status_code == 404
    client.force_login(world.specialist)
    assert client.get(pdf_url).status_code == 404
    client.logout()
    assert client.get(pdf_url).status_code == 302  # to the login page
    assert CounterGuidance.objects.count() == 1
