"""Catalog lifecycle: draft → published → amended / abolished, through the services."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from motcua.catalog.models import (
    CaseVariant,
    EndReason,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    VersionStatus,
)
from motcua.catalog.selectors import (
    catalog_figures,
    version_current,
    version_list_public,
    version_spec,
)
from motcua.catalog.services import (
    procedure_abolish,
    procedure_draft_discard,
    procedure_draft_save,
    procedure_publish,
)
from motcua.core.errors import ValidationFailed
from motcua.core.models import AuditEvent
from tests.catalog.builders import POLICE, birth_registration, catalog_world, step

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)


@pytest.fixture
def world():
    return catalog_world()


def publish(spec, on=JULY):
    return procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=on, actor=None
    )


def public_codes(day):
    return sorted(v.procedure.code for v in version_list_public(on=day))


def test_draft_round_trips_through_the_database(world) -> None:
    spec = birth_registration()
    draft = procedure_draft_save(spec=spec, actor=None)
    assert draft.status == VersionStatus.DRAFT
    assert draft.number == 1
    assert version_spec(version=draft) == spec


def test_a_draft_is_not_public(world) -> None:
    procedure_draft_save(spec=birth_registration(), actor=None)
    assert public_codes(dt.date(2030, 1, 1)) == []


def test_saving_again_replaces_the_draft(world) -> None:
    procedure_draft_save(spec=birth_registration(), actor=None)
    draft = procedure_draft_save(spec=birth_registration(name="Đăng ký khai sinh"), actor=None)
    assert ProcedureVersion.objects.count() == 1
    assert draft.name == "Đăng ký khai sinh"
    assert CaseVariant.objects.count() == 1
    assert ProcessStep.objects.count() == 4


def test_publish_makes_it_public_from_its_date(world) -> None:
    version = publish(birth_registration())
    assert version.status == VersionStatus.PUBLISHED
    assert public_codes(dt.date(2025, 6, 30)) == []
    assert public_codes(JULY) == ["1.001193"]
    assert AuditEvent.objects.filter(action="procedure.published").count() == 1


def test_amending_publishes_a_new_version_and_ends_the_old(world) -> None:
    first = publish(birth_registration())
    amended = birth_registration(name="Thủ tục đăng ký khai sinh (sửa đổi)")
    second = publish(amended, on=dt.date(2026, 3, 1))
    first.refresh_from_db()
    assert first.valid_to == dt.date(2026, 3, 1)
    assert first.end_reason == EndReason.AMENDED
    assert second.number == 2
    procedure = Procedure.objects.get()
    assert version_current(procedure=procedure, on=dt.date(2026, 2, 28)) == first
    assert version_current(procedure=procedure, on=dt.date(2026, 3, 1)) == second
    assert public_codes(dt.date(2026, 2, 28)) == public_codes(dt.date(2026, 3, 1)) == ["1.001193"]


def test_a_published_version_never_changes(world) -> None:
    first = publish(birth_registration())
    procedure_draft_save(spec=birth_registration(result="Giấy khai sinh điện tử"), actor=None)
    assert version_spec(version=first).result == "Giấy khai sinh (bản chính)"
    with pytest.raises(ValidationFailed) as exc:
        procedure_publish(version=first, valid_from=dt.date(2026, 1, 1), actor=None)
    assert exc.value.code == "version_not_draft"


def test_new_version_must_start_after_the_current_one(world) -> None:
    publish(birth_registration(), on=dt.date(2026, 1, 1))
    draft = procedure_draft_save(spec=birth_registration(name="Mới"), actor=None)
    with pytest.raises(ValidationFailed) as exc:
        procedure_publish(version=draft, valid_from=dt.date(2026, 1, 1), actor=None)
    assert exc.value.code == "version_starts_too_early"
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_abolished_procedures_disappear_on_their_end_date(world) -> None:
    publish(birth_registration())
    procedure_abolish(
        procedure=Procedure.objects.get(),
        valid_to=dt.date(2026, 12, 1),
        reason="Bãi bỏ theo QĐ 99/QĐ-UBND",
        actor=None,
    )
    assert public_codes(dt.date(2026, 11, 30)) == ["1.001193"]
    assert public_codes(dt.date(2026, 12, 1)) == []
    version = ProcedureVersion.objects.get()
    assert version.end_reason == EndReason.ABOLISHED
    event = AuditEvent.objects.get(action="procedure.abolished")
    assert event.reason == "Bãi bỏ theo QĐ 99/QĐ-UBND"


def test_replaced_procedure_points_to_its_successor(world) -> None:
    publish(birth_registration())
    successor = publish(birth_registration(code="1.099999", name="Thủ tục liên thông khai sinh"))
    procedure_abolish(
        procedure=Procedure.objects.get(code="1.001193"),
        valid_to=dt.date(2026, 1, 1),
        reason="Thay thế",
        actor=None,
        replaced_by=successor.procedure,
    )
    old = ProcedureVersion.objects.get(procedure__code="1.001193")
    assert old.end_reason == EndReason.REPLACED
    assert old.replaced_by == successor.procedure


@pytest.mark.parametrize(
    ("valid_to", "reason", "code"),
    [(JULY, "Bãi bỏ", "abolish_before_start"), (dt.date(2026, 1, 1), " ", "required")],
)
def test_bad_abolitions(world, valid_to, reason, code) -> None:
    publish(birth_registration())
    with pytest.raises(ValidationFailed) as exc:
        procedure_abolish(
            procedure=Procedure.objects.get(), valid_to=valid_to, reason=reason, actor=None
        )
    assert exc.value.code == code
    assert ProcedureVersion.objects.get().valid_to is None


def test_publishing_an_incomplete_version_lists_every_problem(world) -> None:
    draft = procedure_draft_save(
        spec=birth_registration(result="", legal_bases=(), decision_number=""), actor=None
    )
    with pytest.raises(ValidationFailed) as exc:
        procedure_publish(version=draft, valid_from=JULY, actor=None)
    assert exc.value.code == "procedure_incomplete"
    problems = exc.value.details["problems"]
    assert isinstance(problems, list)
    paths = {p["path"] for p in problems}
    assert {"result", "legal_bases", "decision_number"} <= paths
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_publishing_refuses_a_process_over_the_committed_time(world) -> None:
    spec = birth_registration()
    variant = replace(spec.variants[0], committed_value=Decimal(2))
    draft = procedure_draft_save(spec=replace(spec, variants=(variant,)), actor=None)
    with pytest.raises(ValidationFailed) as exc:
        procedure_publish(version=draft, valid_from=JULY, actor=None)
    assert exc.value.field == "variants[0].steps"
    assert "vượt thời hạn" in exc.value.message


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"field_code": "KHONG-CO"}, "catalog_reference_unknown"),
        ({"executing_agency_codes": ("000.00.77.H99",)}, "catalog_reference_unknown"),
        ({"code": " "}, "catalog_spec_invalid"),
    ],
)
def test_unknown_references_save_nothing(world, overrides, code) -> None:
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_save(spec=birth_registration(**overrides), actor=None)
    assert exc.value.code == code
    assert ProcedureVersion.objects.count() == 0
    assert Procedure.objects.count() == 0


def test_duplicate_codes_inside_a_spec_are_refused(world) -> None:
    spec = birth_registration()
    variant = spec.variants[0]
    twice = replace(variant, components=(variant.components[0], variant.components[0]))
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_save(spec=replace(spec, variants=(twice,)), actor=None)
    assert exc.value.code == "catalog_spec_invalid"
    assert ProcedureVersion.objects.count() == 0


def test_inter_agency_steps_keep_their_agency(world) -> None:
    spec = birth_registration()
    steps = (
        step("nhan", "reception", "desk_officer", 2, to=["ca"]),
        step(
            "ca",
            "inter_agency",
            "specialist",
            8,
            to=["tra"],
            agency=POLICE,
            name="Công an xác minh",
        ),
        step("tra", "return", "desk_officer", 2),
    )
    variant = replace(spec.variants[0], steps=steps)
    version = publish(replace(spec, variants=(variant,)))
    assert version_spec(version=version).variants[0].steps[1].agency_code == POLICE


def test_discarding_a_draft(world) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=None)
    procedure_draft_discard(version=draft, actor=None, reason="Nhập sai")
    assert ProcedureVersion.objects.count() == 0
    assert AuditEvent.objects.filter(action="procedure.draft_discarded").exists()


def test_catalog_figures(world) -> None:
    publish(birth_registration())
    spec = birth_registration(
        code="1.000001", name="Cấp bản sao trích lục", online_level="none", method_online=False
    )
    cut = replace(spec.variants[0], time_limit_value=Decimal(5), committed_value=Decimal(3))
    publish(replace(spec, variants=(cut,)))
    figures = catalog_figures(on=JULY)
    assert figures.total == 2
    assert figures.by_field == {"Hộ tịch": 2}
    assert figures.by_level == {"commune": 2}
    assert figures.online_percent == Decimal("50.0")
    assert figures.cut_20_count == 1
    assert figures.cut_20_percent == Decimal("50.0")


def test_a_draft_with_an_invalid_eform_is_not_saved(world) -> None:
    variant = birth_registration().variants[0]
    bad = replace(
        variant,
        eform_schema={"version": 1, "fields": [{"name": "x", "type": "colour", "label": "X"}]},
    )
    with pytest.raises(ValidationFailed) as exc:
        procedure_draft_save(spec=birth_registration(variants=(bad,)), actor=None)
    assert exc.value.code == "catalog_spec_invalid"
    assert exc.value.field == "variants[0].eform_schema.fields[0].type"
    assert ProcedureVersion.objects.count() == 0


def test_an_online_procedure_needs_an_eform_to_be_published(world) -> None:
    variant = replace(birth_registration().variants[0], eform_schema={})
    draft = procedure_draft_save(spec=birth_registration(variants=(variant,)), actor=None)
    with pytest.raises(ValidationFailed) as exc:
        procedure_publish(version=draft, valid_from=JULY, actor=None)
    assert exc.value.field == "variants[0].eform_schema"
    offline = birth_registration(
        variants=(variant,), method_online=False, online_level="none", code="1.000001"
    )
    assert publish(offline).status == VersionStatus.PUBLISHED
