"""Submitting a citizen's online draft (`dossier_submit_draft`), what blocks it
(`online_draft_problems`), the e-form standing for the paper declaration (`replaces`), and where
an online dossier goes (`online_destinations`)."""

import pytest
import time_machine

from motcua.accounts.models import DeskKind
from motcua.accounts.services import desk_create
from motcua.catalog.eforms import schema_problems
from motcua.catalog.models import CaseVariant
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers.drafts import draft_file_add, draft_save, draft_start
from motcua.dossiers.models import Channel, Dossier, DossierDraft, DossierStatus
from motcua.dossiers.selectors import online_destinations
from motcua.workflow.intake import online_draft_problems
from motcua.workflow.services import dossier_submit, dossier_submit_draft
from tests.accounts.factories import CitizenFactory
from tests.catalog.builders import BIRTH_FORM
from tests.dossiers.builders import (
    ANSWERS,
    APPLICANT,
    MONDAY_9AM,
    build_world,
    scan,
)

MONDAY = MONDAY_9AM.date()


@pytest.fixture
def world(db):
    with time_machine.travel(MONDAY_9AM, tick=False):
        built = build_world()
        CaseVariant.objects.filter(pk=built.variant.pk).update(
            eform_schema={**BIRTH_FORM, "replaces": ["to-khai"]}
        )
        yield built


@pytest.fixture
def citizen(world):
    return CitizenFactory(full_name="Trần Thị Hoa", phone="0987654321")


def online_draft(world, citizen, **data) -> DossierDraft:
    draft = draft_start(actor=citizen, channel=Channel.ONLINE, variant=world.variant)
    defaults = {
        "applicant": {"address": "Thôn Tây", "phone": "0987654321", "email": ""},
        "answers": dict(ANSWERS),
        "agency": world.commune.code,
    }
    return draft_save(draft=draft, actor=citizen, data={**defaults, **data}, desk=world.desk)


def test_a_complete_draft_becomes_a_submitted_dossier_and_is_gone(world, citizen) -> None:
    draft = online_draft(world, citizen)
    draft_file_add(draft=draft, actor=citizen, component_code="giay-chung-sinh", upload=scan())
    assert online_draft_problems(draft=draft, actor=citizen, today=MONDAY) == []
    dossier = dossier_submit_draft(draft=draft, actor=citizen, declaration=True)
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.desk == world.desk
    assert dossier.agency == world.commune
    assert dossier.applicant_account == citizen
    assert dossier.applicant_name == "Trần Thị Hoa"
    assert dossier.phone == "0987654321"
    assert not DossierDraft.objects.filter(pk=draft.pk).exists()


def test_without_the_declaration_nothing_is_submitted(world, citizen) -> None:
    draft = online_draft(world, citizen)
    draft_file_add(draft=draft, actor=citizen, component_code="giay-chung-sinh", upload=scan())
    with pytest.raises(ValidationFailed) as refused:
        dossier_submit_draft(draft=draft, actor=citizen, declaration=False)
    assert refused.value.code == "declaration_required"
    assert not Dossier.objects.exists()
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_a_missing_paper_refuses_and_keeps_the_draft(world, citizen) -> None:
    draft = online_draft(world, citizen)
    problems = online_draft_problems(draft=draft, actor=citizen, today=MONDAY)
    assert [p.path for p in problems] == ["components.giay-chung-sinh"]
    with pytest.raises(ValidationFailed) as refused:
        dossier_submit_draft(draft=draft, actor=citizen, declaration=True)
    assert refused.value.code == "dossier_incomplete"
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_the_declaration_needs_the_e_form_answers_to_be_replaced(world, citizen) -> None:
    draft = online_draft(world, citizen, answers={})
    paths = [p.path for p in online_draft_problems(draft=draft, actor=citizen, today=MONDAY)]
    assert "components.to-khai" in paths  # no answers: the e-form stands for nothing
    assert "answers" in paths


def test_contact_problems_are_reported_by_field(world, citizen) -> None:
    draft = online_draft(world, citizen, applicant={"address": "", "phone": "12", "email": "x"})
    paths = {p.path for p in online_draft_problems(draft=draft, actor=citizen, today=MONDAY)}
    assert {"applicant.phone", "applicant.email"} <= paths


def test_only_the_owner_submits_a_draft(world, citizen) -> None:
    draft = online_draft(world, citizen)
    with pytest.raises(NotFound):
        dossier_submit_draft(draft=draft, actor=CitizenFactory(), declaration=True)


def test_a_counter_draft_is_not_submitted_online(world) -> None:
    draft = draft_start(
        actor=world.desk_officer, channel=Channel.COUNTER, desk=world.desk, variant=world.variant
    )
    with pytest.raises(ValidationFailed) as refused:
        dossier_submit_draft(draft=draft, actor=world.desk_officer, declaration=True)
    assert refused.value.code == "draft_not_online"


def test_the_api_submission_also_takes_the_e_form_for_the_declaration(world, citizen) -> None:
    from dataclasses import replace

    from motcua.workflow.services import ComponentInput

    dossier = dossier_submit(
        variant=world.variant,
        desk=world.desk,
        applicant=replace(APPLICANT, account=citizen),
        components=[ComponentInput("giay-chung-sinh", electronic=True, files=(scan(),))],
        answers=ANSWERS,
        actor=citizen,
        submitted_at=MONDAY_9AM,
    )
    declaration = dossier.components.get(component__code="to-khai")
    assert declaration.electronic
    assert "tờ khai điện tử" in declaration.note


def test_replaces_must_name_components_as_slugs() -> None:
    codes = {p.code for p in schema_problems({**BIRTH_FORM, "replaces": ["Tờ khai"]})}
    assert "replaces_invalid" in codes
    assert schema_problems({**BIRTH_FORM, "replaces": ["to-khai"]}) == []


def test_online_destinations_pick_the_desk_receiving_for_each_agency(world) -> None:
    found = online_destinations(version=world.linear, on=MONDAY)
    assert [(d.agency, d.desk) for d in found] == [(world.commune, world.desk)]
    # A public service centre serving the commune does not take it from the commune's own desk.
    desk_create(code="trung-tam-tinh", name="Trung tâm Phục vụ hành chính công tỉnh",
                kind=DeskKind.SERVICE_CENTRE, host=world.justice, serves=[world.commune],
                actor=None)  # fmt: skip
    assert online_destinations(version=world.linear, on=MONDAY)[0].desk == world.desk


def test_an_agency_no_desk_receives_for_is_not_a_destination(world) -> None:
    world.linear.executing_agencies.add(world.police)
    agencies = [d.agency for d in online_destinations(version=world.linear, on=MONDAY)]
    assert agencies == [world.commune]
