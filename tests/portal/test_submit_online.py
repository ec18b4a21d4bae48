"""Online submission through the test client, over a real world (services, not mocks): the whole
path from the procedure page to "Mới đăng ký", each refusal shown on its step with nothing typed
lost, uploads checked by content, autosave, drafts that belong to their citizen only, and the
e-form validator shared with the API."""

from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from motcua.catalog.models import CaseVariant
from motcua.dossiers.models import Channel, Dossier, DossierDraft, DossierStatus, DraftFile
from motcua.workflow.services import dossier_accept
from tests.accounts.factories import CitizenFactory, OrganisationCitizenFactory
from tests.api.dossier_helpers import ApiClient, online_body
from tests.catalog.builders import BIRTH_FORM
from tests.dossiers.builders import MONDAY_9AM, PDF, PNG, at, build_world

MONDAY = MONDAY_9AM.date()
START = "/thu-tuc/1.001193/nop-truc-tuyen/"
GOOD_ANSWERS = {
    "ef-child_name": "Nguyễn Minh An",
    "ef-child_birth_date": "2026-03-01",
    "ef-child_sex": "nam",
    "ef-declarant_phone": "0912345678",
}


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    built = build_world()
    # The e-form stands for the paper declaration online (the catalog's `replaces`).
    CaseVariant.objects.filter(pk=built.variant.pk).update(
        eform_schema={**BIRTH_FORM, "replaces": ["to-khai"]}
    )
    return built


@pytest.fixture
def citizen(world):
    return CitizenFactory(
        full_name="Trần Thị Hoa", phone="0987654321", email="hoa@example.com",
        profile__address="Thôn Tây, xã Hòa An",
    )  # fmt: skip


@pytest.fixture
def browser(client, citizen):
    client.force_login(citizen)
    return client


def url(name: str, draft: DossierDraft | int, *args: Any) -> str:
    pk = draft if isinstance(draft, int) else draft.pk
    return reverse(f"portal:submit-{name}", args=[pk, *args])


def text(response) -> str:
    content: bytes = response.content
    return content.decode()


def start(browser) -> DossierDraft:
    response = browser.post(START)
    assert response.status_code == 302
    draft = DossierDraft.objects.get()
    assert response["Location"] == url("contact", draft)
    return draft


def fill_to_files(browser) -> DossierDraft:
    draft = start(browser)
    contact = {"address": "Thôn Tây, xã Hòa An", "phone": "0987654321", "email": ""}
    assert browser.post(url("contact", draft), contact).status_code == 302
    assert browser.post(url("eform", draft), GOOD_ANSWERS).status_code == 302
    return draft


def pdf(name: str = "giay-chung-sinh.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# --- Start -------------------------------------------------------------------------------------


def test_anonymous_visitors_see_what_to_prepare_and_are_asked_to_log_in(client, world) -> None:
    response = client.get(START)
    assert response.status_code == 200
    page = text(response)
    assert "Giấy chứng sinh" in page
    assert reverse("portal:login") in page
    response = client.post(START)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))
    assert not DossierDraft.objects.exists()


def test_staff_accounts_are_not_offered_online_submission(client, world) -> None:
    client.force_login(world.desk_officer)
    assert "Tài khoản cán bộ" in text(client.get(START))
    draft = DossierDraft.objects.create(
        owner=world.desk_officer, channel=Channel.ONLINE, variant=world.variant
    )
    assert client.get(url("contact", draft)).status_code == 403


def test_a_procedure_without_online_service_says_so(browser, world) -> None:
    world.linear.method_online = False
    world.linear.save(update_fields=["method_online"])
    assert browser.get(START).status_code == 404
    assert browser.post(START).status_code == 404
    assert not DossierDraft.objects.exists()


def test_starting_offers_the_drafts_already_begun(browser, world) -> None:
    draft = start(browser)
    page = text(browser.get(START))
    assert url("resume", draft).removesuffix("/") in page
    assert browser.get(url("resume", draft))["Location"] == url("contact", draft)


# --- The whole path ----------------------------------------------------------------------------


def test_the_whole_path_ends_in_a_submitted_dossier(browser, world, citizen) -> None:
    draft = start(browser)
    assert draft.desk == world.desk
    assert draft.data["applicant"]["phone"] == "0987654321"  # prefilled from the account

    page = text(browser.get(url("contact", draft)))
    assert citizen.citizen_profile.personal_id_number in page  # who files: from the account
    contact = {"address": "Thôn Tây, xã Hòa An", "phone": "0987654321", "email": "hoa@example.com"}
    assert browser.post(url("contact", draft), contact)["Location"] == url("eform", draft)

    bad = {**GOOD_ANSWERS, "ef-child_birth_date": "2027-01-01"}
    response = browser.post(url("eform", draft), bad)
    assert response.status_code == 400
    assert 'role="alert"' in text(response)
    draft.refresh_from_db()
    assert draft.data["answers"]["child_name"] == "Nguyễn Minh An"  # kept while invalid
    assert browser.post(url("eform", draft), GOOD_ANSWERS)["Location"] == url("files", draft)

    response = browser.post(url("files", draft), {"files-giay-chung-sinh": pdf()})
    assert response["Location"] == url("review", draft)
    assert DraftFile.objects.filter(draft=draft, component_code="giay-chung-sinh").count() == 1

    review = text(browser.get(url("review", draft)))
    assert "Trước khi nộp" not in review  # nothing blocks
    assert "kê khai trên tờ khai điện tử" in review
    assert "Nguyễn Minh An" in review

    response = browser.post(url("review", draft), {})
    assert response.status_code == 400  # the declaration is required
    assert DossierDraft.objects.filter(pk=draft.pk).exists()

    response = browser.post(url("review", draft), {"declaration": "on"})
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("portal:submit-done", args=[dossier.reference])
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.channel == Channel.ONLINE
    assert dossier.code is None
    assert dossier.clock_started_at is None
    assert dossier.applicant_account == citizen
    assert dossier.applicant_name == "Trần Thị Hoa"
    assert dossier.applicant_id_number == citizen.citizen_profile.personal_id_number
    assert dossier.answers["child_name"] == "Nguyễn Minh An"
    components = {c.component.code: c for c in dossier.components.select_related("component")}
    assert components["to-khai"].electronic
    assert not components["to-khai"].files.exists()
    assert components["giay-chung-sinh"].files.count() == 1
    assert dossier.events.get().data == {"declaration": True}
    assert not DossierDraft.objects.exists()

    done = text(browser.get(response["Location"]))
    assert dossier.reference in done
    assert "Mới đăng ký" in done


def test_the_desk_receives_the_online_dossier_and_the_clock_starts_then(
    browser, world, clock
) -> None:
    draft = fill_to_files(browser)
    browser.post(url("files", draft), {"files-giay-chung-sinh": pdf()})
    browser.post(url("review", draft), {"declaration": "on"})
    dossier = Dossier.objects.get()
    clock.move_to(at(MONDAY, 14, 0))
    dossier = dossier_accept(dossier=dossier, actor=world.desk_officer)
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.code is not None
    assert dossier.clock_started_at == at(MONDAY, 14, 0)


def test_a_submission_after_office_hours_says_when_the_desk_sees_it(browser, clock) -> None:
    clock.move_to(at(MONDAY, 20, 30))
    draft = fill_to_files(browser)
    browser.post(url("files", draft), {"files-giay-chung-sinh": pdf()})
    response = browser.post(url("review", draft), {"declaration": "on"})
    page = text(browser.get(response["Location"]))
    assert "ngoài giờ hành chính" in page
    assert "07:00, 10/03/2026" in page


# --- Refusals on their step, nothing lost ------------------------------------------------------


def test_a_landline_is_refused_on_the_contact_step_and_kept(browser) -> None:
    draft = start(browser)
    response = browser.post(
        url("contact", draft), {"address": "Thôn Tây", "phone": "02363822123", "email": ""}
    )
    assert response.status_code == 400
    assert "di động" in text(response)
    draft.refresh_from_db()
    assert draft.data["applicant"]["phone"] == "02363822123"


def test_review_lists_what_is_missing_with_links_to_the_step(browser) -> None:
    draft = fill_to_files(browser)
    response = browser.get(url("review", draft))
    page = text(response)
    assert "Chưa đính kèm: Giấy chứng sinh." in page
    assert f"{url('files', draft)}#component-giay-chung-sinh" in page
    response = browser.post(url("review", draft), {"declaration": "on"})
    assert response.status_code == 400
    assert not Dossier.objects.exists()
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_a_conditional_component_becomes_required_when_it_applies(browser) -> None:
    draft = fill_to_files(browser)
    browser.post(
        url("files", draft),
        {"files-giay-chung-sinh": pdf(), "applies-van-ban-uy-quyen": "1"},
    )
    assert "Chưa đính kèm: Văn bản ủy quyền." in text(browser.get(url("review", draft)))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        pytest.param(pdf("scan.pdf", b"hello, not a pdf"), "không phải PDF", id="wrong-type"),
        pytest.param(pdf("empty.pdf", b""), "rỗng", id="empty"),
        pytest.param(pdf("big.pdf", PDF + b"0" * 400), "lớn hơn", id="too-large"),
    ],
)
@override_settings(MOTCUA_UPLOAD_MAX_BYTES=300)
def test_refused_uploads_are_reported_on_their_component(browser, upload, message) -> None:
    draft = fill_to_files(browser)
    browser.post(url("files", draft), {"files-giay-chung-sinh": pdf("first.pdf")})
    response = browser.post(url("files", draft), {"files-giay-chung-sinh": upload})
    assert response.status_code == 400
    assert message in text(response)
    assert 'aria-invalid="true"' in text(response)
    names = list(DraftFile.objects.filter(draft=draft).values_list("name", flat=True))
    assert names == ["first.pdf"]  # the earlier upload is kept, the bad one is not


def test_a_png_is_accepted_and_can_be_removed(browser) -> None:
    draft = fill_to_files(browser)
    image = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    browser.post(url("files", draft), {"files-giay-chung-sinh": image, "upload": "1"})
    row = DraftFile.objects.get(draft=draft)
    assert row.content_type == "image/png"
    response = browser.post(url("file-remove", draft, row.pk))
    assert response["Location"] == url("files", draft)
    assert not DraftFile.objects.filter(draft=draft).exists()


# --- Autosave and resume -----------------------------------------------------------------------


def test_autosave_keeps_what_is_typed_without_checking_it(browser) -> None:
    draft = start(browser)
    response = browser.post(
        url("autosave", draft),
        {"autosave": "contact", "address": "Xóm Mới", "phone": "09", "email": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Đã lưu nháp lúc 09:00" in text(response)
    response = browser.post(
        url("autosave", draft),
        {"autosave": "eform", "ef-child_name": "Bé Na"},
        headers={"HX-Request": "true"},
    )
    draft.refresh_from_db()
    assert draft.data["applicant"]["address"] == "Xóm Mới"
    assert draft.data["applicant"]["phone"] == "09"
    assert draft.data["answers"]["child_name"] == "Bé Na"
    assert browser.post(url("autosave", draft), {"autosave": "other"}).status_code == 400


def test_later_saves_and_goes_to_my_dossiers(browser) -> None:
    draft = start(browser)
    response = browser.post(
        url("contact", draft), {"address": "Xóm Mới", "phone": "", "email": "", "later": "1"}
    )
    assert response["Location"] == reverse("portal:my-dossiers")
    draft.refresh_from_db()
    assert draft.data["applicant"]["address"] == "Xóm Mới"


def test_an_organisation_names_who_files_for_it(client, world) -> None:
    company = OrganisationCitizenFactory(phone="0987000111")
    client.force_login(company)
    draft = start(client)
    response = client.post(url("contact", draft), {"address": "KCN", "phone": "0987000111"})
    assert response.status_code == 400  # the person filing for the organisation is required
    ok = {"address": "KCN", "phone": "0987000111", "submitter_name": "Lê Văn Tâm"}
    assert client.post(url("contact", draft), ok)["Location"] == url("eform", draft)


# --- Whose draft -------------------------------------------------------------------------------


def test_another_citizens_draft_is_not_found(browser, client, world) -> None:
    draft = start(browser)
    client.force_login(CitizenFactory())
    for name in ("contact", "eform", "files", "review", "resume"):
        assert client.get(url(name, draft)).status_code == 404, name
    assert client.post(url("autosave", draft), {"autosave": "contact"}).status_code == 404
    assert client.post(url("discard", draft)).status_code == 404
    assert client.post(url("review", draft), {"declaration": "on"}).status_code == 404
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_the_done_page_is_only_for_the_applicant(browser, client) -> None:
    draft = fill_to_files(browser)
    browser.post(url("files", draft), {"files-giay-chung-sinh": pdf()})
    response = browser.post(url("review", draft), {"declaration": "on"})
    client.force_login(CitizenFactory())
    assert client.get(response["Location"]).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_from_a_step(client, world, citizen) -> None:
    draft = DossierDraft.objects.create(
        owner=citizen, channel=Channel.ONLINE, variant=world.variant
    )
    response = client.get(url("contact", draft))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


# --- One validator ------------------------------------------------------------------------------


def test_the_portal_and_the_api_refuse_the_same_answers_with_the_same_message(
    browser, citizen
) -> None:
    draft = start(browser)
    response = browser.post(
        url("eform", draft), {**GOOD_ANSWERS, "ef-child_birth_date": "2027-01-01"}
    )
    portal_page = text(response)
    body = online_body(answers={"child_name": "Nguyễn Minh An", "child_birth_date": "2027-01-01",
                                "child_sex": "nam", "declarant_phone": "0912345678"})  # fmt: skip
    api = ApiClient(citizen, session=True).post("/online", body)
    assert api.status_code == 400
    assert api.json()["code"] == "eform_answers_invalid"
    problems = api.json()["details"]["problems"]
    messages = [p["message"] for p in problems if p["path"] == "child_birth_date"]
    assert messages
    assert all(message in portal_page for message in messages)
