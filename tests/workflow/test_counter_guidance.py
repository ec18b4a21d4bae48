"""Counter guidance (phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ at a visit): a visit whose papers
are incomplete ends in a supplement slip (Mẫu 02) — not a dossier, not a refusal. The slip's rules
(components of the procedure only, a reason, a named applicant), its number from the agency's
supplement-request series, the draft kept for the applicant's return, who may issue and read it,
and nothing written when it is refused. The slip's PDF is read back with pypdf."""

import datetime as dt
import io
import re
from dataclasses import replace
from typing import Any

import pytest
import time_machine
from pypdf import PdfReader

from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.models import AuditEvent
from motcua.documents.dossier_forms import guidance_data, guidance_render
from motcua.dossiers.drafts import draft_file_add, draft_save, draft_start
from motcua.dossiers.files import Upload
from motcua.dossiers.models import (
    Channel,
    CounterGuidance,
    Dossier,
    DossierDraft,
    DossierStatus,
    SequenceCounter,
)
from motcua.workflow import services as wf
from motcua.workflow.intake import ApplicantInput, access_counter_guidance
from tests.catalog.builders import COMMUNE
from tests.dossiers.builders import ANSWERS, APPLICANT, MONDAY_9AM, PDF, at, build_world, receive

MONDAY = MONDAY_9AM.date()
SERIES = f"form:{COMMUNE}:supplement_request:2026"
CHUNG_SINH = ("giay-chung-sinh", "01 bản chính")
REASON = "Hồ sơ chưa đầy đủ thành phần theo quy định."


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    return build_world()


PERSON = {
    "name": APPLICANT.name,
    "kind": "individual",
    "id_number": APPLICANT.id_number,
    "address": APPLICANT.address,
    "phone": "0912 345 678",
    "email": APPLICANT.email,
}
# The citizen brought the declaration only: the birth certificate is missing.
PARTIAL: dict[str, Any] = {
    "components": {"to-khai": {"originals": 1, "copies": 0}},
    "applicant": PERSON,
    "answers": ANSWERS,
}


def visit_draft(world, *, owner=None, desk=None, channel=Channel.COUNTER, data=None):
    """A counter draft as the wizard leaves it when the officer finds papers missing."""
    owner = owner or world.desk_officer
    draft = draft_start(actor=owner, channel=channel, desk=desk or world.desk,
                        variant=world.variant, step="applicant")  # fmt: skip
    return draft_save(draft=draft, actor=owner, data=PARTIAL if data is None else data)


def issue(world, draft, **kwargs):
    kwargs.setdefault("items", [CHUNG_SINH])
    kwargs.setdefault("reason", REASON)
    kwargs.setdefault("actor", world.desk_officer)
    return wf.counter_guidance_issue(draft=draft, **kwargs)


def nothing_written() -> None:
    assert not CounterGuidance.objects.exists()
    assert not SequenceCounter.objects.filter(name=SERIES).exists()
    assert not AuditEvent.objects.filter(action="counter_guidance.issued").exists()
    assert not Dossier.objects.exists()


def refused(call, *, code: str, field: str | None = None, kind=ValidationFailed):
    with pytest.raises(kind) as exc:
        call()
    assert exc.value.code == code
    if field is not None:
        assert exc.value.field == field
    nothing_written()
    return exc.value


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


# --- The slip ------------------------------------------------------------------------------------


def test_guidance_issues_a_numbered_slip_and_no_dossier(world) -> None:
    draft = visit_draft(world)
    guidance = issue(world, draft)
    guidance.refresh_from_db()
    assert guidance.form_number == "1/2026"
    assert (guidance.desk, guidance.agency, guidance.variant) == (
        world.desk,
        world.commune,
        world.variant,
    )
    assert guidance.variant.version == world.linear  # the version pinned through the variant
    assert guidance.channel == Channel.COUNTER
    assert (guidance.issued_at, guidance.issued_by) == (MONDAY_9AM, world.desk_officer)
    assert (
        guidance.applicant_kind,
        guidance.applicant_name,
        guidance.applicant_id_number,
        guidance.applicant_phone,
        guidance.applicant_address,
    ) == ("individual", APPLICANT.name, APPLICANT.id_number, "0912345678", APPLICANT.address)
    assert guidance.items == [
        {"code": "giay-chung-sinh", "name": "Giấy chứng sinh", "requirement": "01 bản chính"}
    ]
    assert guidance.reason == REASON
    # Neither received nor refused: no dossier, so no status 3 in the statistics.
    assert not Dossier.objects.exists()
    assert not Dossier.objects.filter(status=DossierStatus.REFUSED_INTAKE).exists()
    audit = AuditEvent.objects.get(action="counter_guidance.issued")
    assert (audit.actor, audit.object_id, audit.reason) == (
        world.desk_officer,
        str(guidance.pk),
        REASON,
    )
    assert audit.data["form_number"] == "1/2026"
    assert audit.data["items"] == ["giay-chung-sinh"]


def test_the_draft_is_kept_as_it_was_for_the_applicants_return(world) -> None:
    draft = visit_draft(world)
    draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                   upload=Upload("to-khai.pdf", PDF))  # fmt: skip
    before = DossierDraft.objects.get(pk=draft.pk)
    guidance = issue(world, draft)
    kept = DossierDraft.objects.get(pk=draft.pk)
    assert guidance.draft == kept
    assert (kept.data, kept.step, kept.files.count()) == (before.data, before.step, 1)


def test_the_kept_draft_is_received_normally_once_complete(world, clock) -> None:
    draft = visit_draft(world)
    guidance = issue(world, draft)
    clock.move_to(at(MONDAY + dt.timedelta(days=2), 8))  # the applicant comes back Wednesday
    complete = {
        "components": {
            "to-khai": {"originals": 1, "copies": 0},
            "giay-chung-sinh": {"originals": 1, "copies": 0, "scan_exemption": "Chỉ xuất trình"},
        }
    }
    draft = draft_save(draft=draft, actor=world.desk_officer, data=complete)
    draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                   upload=Upload("to-khai.pdf", PDF))  # fmt: skip
    dossier = wf.dossier_receive_draft(draft=draft, actor=world.desk_officer)
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.received_at == at(MONDAY + dt.timedelta(days=2), 8)
    guidance.refresh_from_db()
    assert guidance.draft is None  # the draft went with the reception; the slip stays
    assert CounterGuidance.objects.count() == 1


def test_items_follow_the_procedures_order_with_their_requirements(world) -> None:
    guidance = issue(
        world,
        visit_draft(world),
        items=[
            ("van-ban-uy-quyen", "  Bản chính có chứng thực  "),
            ("giay-chung-sinh", ""),
            ("to-khai", "Ký, ghi rõ họ tên"),
        ],
    )
    assert guidance.items == [
        {"code": "to-khai", "name": "Tờ khai đăng ký khai sinh", "requirement": "Ký, ghi rõ họ tên"},
        {"code": "giay-chung-sinh", "name": "Giấy chứng sinh", "requirement": ""},
        {"code": "van-ban-uy-quyen", "name": "Văn bản ủy quyền",
         "requirement": "Bản chính có chứng thực"},
    ]  # fmt: skip


def test_numbers_run_on_in_the_agencys_supplement_request_series(world, clock) -> None:
    first = issue(world, visit_draft(world))
    second = issue(world, visit_draft(world))
    assert (first.form_number, second.form_number) == ("1/2026", "2/2026")
    # A supplement request after appraisal is the same form (Mẫu 02) of the same agency.
    dossier = receive(world)
    dossier = wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))
    dossier = wf.dossier_request_supplement(
        dossier=dossier, actor=world.specialist, items=[CHUNG_SINH], reason="Bản chụp mờ",
        at=at(MONDAY, 11),
    )  # fmt: skip
    event = dossier.events.get(action="request_supplement")
    assert event.data["form_number"] == "3/2026"
    clock.move_to(at(dt.date(2027, 1, 4), 9))
    assert issue(world, visit_draft(world)).form_number == "1/2027"


def test_a_postal_draft_is_guided_by_post(world) -> None:
    guidance = issue(world, visit_draft(world, channel=Channel.POSTAL))
    assert guidance.channel == Channel.POSTAL


def test_the_applicant_corrected_on_the_form_replaces_the_drafts(world) -> None:
    corrected = ApplicantInput(name="Trần Thị Hoa", id_number="", phone="")
    guidance = issue(world, visit_draft(world), applicant=corrected)
    assert (guidance.applicant_name, guidance.applicant_id_number, guidance.applicant_phone) == (
        "Trần Thị Hoa",
        "",
        "",
    )  # no contact needed for a slip handed over at the desk


# --- Refusals: nothing written -------------------------------------------------------------------


def test_at_least_one_component_is_listed(world) -> None:
    draft = visit_draft(world)
    refused(lambda: issue(world, draft, items=[]), code="supplement_items", field="items")


def test_only_components_of_the_procedure_may_be_asked_for(world) -> None:
    draft = visit_draft(world)
    error = refused(
        lambda: issue(world, draft, items=[CHUNG_SINH, ("so-ho-khau", "Bản sao")]),
        code="component_not_in_procedure",
        field="items",
    )
    assert error.details["unknown"] == ["so-ho-khau"]


def test_a_component_is_listed_once(world) -> None:
    draft = visit_draft(world)
    error = refused(
        lambda: issue(world, draft, items=[CHUNG_SINH, ("giay-chung-sinh", "Bản sao")]),
        code="supplement_item_repeated",
        field="items",
    )
    assert error.details["repeated"] == ["giay-chung-sinh"]


def test_a_reason_is_required(world) -> None:
    draft = visit_draft(world)
    refused(lambda: issue(world, draft, reason="  \n "), code="reason_required", field="reason")


def test_the_applicant_must_be_named_and_valid(world) -> None:
    nameless = visit_draft(world, data={"components": {}})
    error = refused(lambda: issue(world, nameless), code="dossier_input_invalid",
                    field="applicant.name")  # fmt: skip
    assert "applicant.name" in error.details["problems"]
    bad_id = replace(APPLICANT, id_number="12345")
    error = refused(
        lambda: issue(world, visit_draft(world), applicant=bad_id),
        code="dossier_input_invalid",
        field="applicant.id_number",
    )


def test_an_online_or_unfinished_draft_cannot_be_guided_at_the_counter(world) -> None:
    online = draft_start(actor=world.desk_officer, channel=Channel.ONLINE, desk=world.desk,
                         variant=world.variant)  # fmt: skip
    refused(lambda: issue(world, online), code="channel_invalid")
    unfinished = draft_start(actor=world.desk_officer, channel=Channel.COUNTER, desk=world.desk)
    refused(lambda: issue(world, unfinished), code="draft_incomplete")


# --- Who -----------------------------------------------------------------------------------------


def test_another_officers_draft_is_not_found(world) -> None:
    draft = visit_draft(world)
    refused(lambda: issue(world, draft, actor=world.other_officer), code="draft_not_found",
            kind=NotFound)  # fmt: skip
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_only_a_desk_officer_of_the_drafts_desk_may_issue(world) -> None:
    # Another desk's officer (and a specialist) with a draft for this desk: refused.
    for user in (world.other_officer, world.specialist):
        draft = visit_draft(world, owner=user)
        refused(lambda d=draft, u=user: issue(world, d, actor=u), code="action_not_permitted",
                kind=PermissionDenied)  # fmt: skip
        assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_a_slip_is_read_by_the_officers_of_its_desk_only(world) -> None:
    guidance = issue(world, visit_draft(world))
    assert access_counter_guidance(world.desk_officer, pk=guidance.pk) == guidance
    for user in (world.other_officer, world.specialist, world.leader):
        with pytest.raises(NotFound):
            access_counter_guidance(user, pk=guidance.pk)
    with pytest.raises(NotFound):
        access_counter_guidance(world.desk_officer, pk=guidance.pk + 1)


# --- The PDF -------------------------------------------------------------------------------------


def test_the_slip_prints_as_the_supplement_request_without_a_dossier_code(world) -> None:
    world.desk.phone = "02363123456"
    world.desk.save()
    guidance = issue(
        world,
        visit_draft(world),
        items=[CHUNG_SINH, ("van-ban-uy-quyen", "Bản chính")],
        reason="Người đi nộp là người được ủy quyền.",
    )
    data = guidance_data(guidance=guidance)
    assert data.dossier_code == ""
    assert data.received_on == MONDAY
    assert data.heading.agency_name == world.commune.name
    text = pdf_text(guidance_render(guidance=guidance))
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "1/2026",
        world.desk.name,
        APPLICANT.name,
        world.linear.name,
        "Giấy chứng sinh",
        "01 bản chính",
        "Văn bản ủy quyền",
        "Người đi nộp là người được ủy quyền.",
        "02363123456",
        world.desk_officer.full_name,
    ):
        assert expected in text, expected
    assert "Mã hồ sơ" not in text
