"""The demo catalog: the content as pure specs (complete, valid e-forms, varied enough to demo),
and its load through the catalog services (publication, lifecycle, idempotence)."""

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest

from motcua.accounts.models import Agency, AgencyLevel
from motcua.accounts.services import agency_create
from motcua.calendar.engine import TimeUnit
from motcua.catalog.eforms import schema_problems
from motcua.catalog.models import (
    EndReason,
    Field,
    ImplementingLevel,
    Procedure,
    ProcedureVersion,
    VersionStatus,
)
from motcua.catalog.selectors import version_current, version_list_public
from motcua.catalog.specs import (
    limit_in_hours,
    process_total_hours,
    upper_bound_hours,
    validate_for_publication,
)
from motcua.demo import province_content as pc
from motcua.demo.catalog import demo_catalog_load
from motcua.demo.catalog_content import (
    AMENDMENTS,
    DEMO_TODAY,
    DRAFT_CODES,
    ENDINGS,
    FIELDS,
    all_procedures,
    publication_start,
)

SPECS = all_procedures()
BY_CODE = {spec.code: spec for spec in SPECS}
PUBLISHED = [spec for spec in SPECS if spec.code not in DRAFT_CODES]
VARIANTS = [(spec, variant) for spec in SPECS for variant in spec.variants]


def has_inter_agency(spec):
    return any(step.kind == "inter_agency" for v in spec.variants for step in v.steps)


# --- The content, without the database --------------------------------------------------------


def test_the_catalog_is_large_and_spans_fields_and_levels() -> None:
    assert len(PUBLISHED) >= 150
    field_codes = {row.code for row in FIELDS}
    used = Counter(spec.field_code for spec in SPECS)
    assert set(used) <= field_codes
    assert len(used) >= 10
    levels = {level for spec in SPECS for level in spec.levels}
    assert {"province", "commune", "branch"} <= levels
    assert levels <= set(ImplementingLevel.values)


def test_codes_are_unique_and_well_formed() -> None:
    codes = [spec.code for spec in SPECS]
    assert len(codes) == len(set(codes))
    for spec in SPECS:
        if spec.namespace == "national":
            assert re.fullmatch(r"\d\.\d{6}", spec.code), spec.code
        else:
            assert spec.namespace == "local"
    assert len({row.code for row in FIELDS}) == len(FIELDS)
    for row in FIELDS:
        assert re.fullmatch(r"H99-[A-Z]{2,6}", row.code)
        assert row.name
        assert row.name_en


@pytest.mark.parametrize("spec", PUBLISHED, ids=lambda spec: spec.code)
def test_every_published_procedure_is_complete(spec) -> None:
    assert validate_for_publication(spec) == []
    assert publication_start(spec) <= DEMO_TODAY
    assert spec.decision_date is not None
    assert spec.decision_date < publication_start(spec)


def test_drafts_lack_only_their_publishing_decision() -> None:
    assert set(BY_CODE) >= DRAFT_CODES
    for code in DRAFT_CODES:
        problems = validate_for_publication(BY_CODE[code])
        assert {p.path for p in problems} == {"decision_number", "decision_date"}


@pytest.mark.parametrize(("spec", "variant"), VARIANTS, ids=lambda x: getattr(x, "code", ""))
def test_every_variant_has_a_valid_eform(spec, variant) -> None:
    assert variant.eform_schema, f"{spec.code}/{variant.code} has no e-form"
    assert schema_problems(variant.eform_schema) == []
    names = [field["name"] for field in variant.eform_schema["fields"]]
    assert names[-1] == "declaration"


def test_processes_run_from_reception_to_return_and_fill_the_limit() -> None:
    for spec, variant in VARIANTS:
        steps = variant.steps
        where = f"{spec.code}/{variant.code}"
        assert (steps[0].kind, steps[0].role) == ("reception", "desk_officer"), where
        assert (steps[-1].kind, steps[-1].role) == ("return", "desk_officer"), where
        assert any(s.kind == "processing" and s.role == "specialist" for s in steps), where
        assert any(s.kind == "approval" and s.role == "leader" for s in steps), where
        assert any(s.send_back_to for s in steps), where
        total = process_total_hours(steps)
        exact = limit_in_hours(variant.effective_limit, variant.time_limit_unit)
        if exact is not None:
            assert total == exact, where
        else:
            assert 0 < total <= upper_bound_hours(variant.effective_limit, variant.time_limit_unit)


def test_every_agency_is_one_of_the_province() -> None:
    codes = {row.code for row in pc.agency_rows()}
    for spec in SPECS:
        assert set(spec.executing_agency_codes) <= codes, spec.code
        for variant in spec.variants:
            for step in variant.steps:
                assert step.agency_code is None or step.agency_code in codes
    commune_level = [spec for spec in SPECS if spec.levels == ("commune",)]
    assert commune_level
    for spec in commune_level:
        assert len(spec.executing_agency_codes) == len(pc.COMMUNES)


def test_the_catalog_is_varied_enough_to_demo() -> None:
    inter = [spec for spec in PUBLISHED if has_inter_agency(spec)]
    assert len(inter) >= 25
    partners = {step.agency_code for spec in inter for v in spec.variants for step in v.steps} - {
        None
    }
    assert {pc.TAX, pc.POLICE, pc.SOCIAL_INSURANCE, pc.PROVINCE} <= partners
    assert len([spec for spec in PUBLISHED if len(spec.variants) >= 2]) >= 25
    online = Counter(spec.online_level for spec in PUBLISHED)
    assert online["full"] >= 60
    assert online["partial"] >= 30
    assert online["none"] >= 5
    assert {spec.legacy_online_level for spec in PUBLISHED} == {2, 3, 4}
    units = Counter(v.time_limit_unit for _, v in VARIANTS)
    assert units[TimeUnit.WORKING_HOURS] >= 10
    assert units[TimeUnit.CALENDAR_DAYS] >= 10
    cut = [
        v
        for _, v in VARIANTS
        if v.committed_value is not None
        and v.committed_value <= v.time_limit_value * Decimal("0.8")
    ]
    assert len(cut) >= len(VARIANTS) // 2
    fees = {(f.name, f.amount, f.unit) for _, v in VARIANTS for f in v.fees}
    assert ("Phí cấp bản sao trích lục hộ tịch", Decimal(8000), "đồng/bản") in fees
    assert ("Lệ phí đăng ký hộ kinh doanh", Decimal(100_000), "đồng/lần") in fees
    assert any(c.requirement == "conditional" for _, v in VARIANTS for c in v.components)
    assert all(spec.postal_intake <= spec.method_postal for spec in SPECS)
    assert any(spec.postal_return and not spec.postal_intake for spec in SPECS)


def test_the_named_examples_are_there() -> None:
    birth = BY_CODE["1.001193"]
    assert {v.code for v in birth.variants} >= {"dung-han", "yeu-to-nuoc-ngoai"}
    assert birth.variants[0].fees[0].amount == 0
    permit = BY_CODE["1.009974"]
    assert [v.code for v in permit.variants] == ["nha-o-rieng-le", "cong-trinh"]
    land = BY_CODE["1.012766"]
    assert all(any(s.agency_code == pc.TAX for s in v.steps) for v in land.variants)
    assert BY_CODE["1.001776"].field_code == "H99-BTXH"


def test_the_lifecycle_refers_to_real_procedures() -> None:
    for amendment in AMENDMENTS:
        original = BY_CODE[amendment.code]
        amended = amendment.apply(original)
        assert amended != original
        assert validate_for_publication(amended) == []
        assert amended.decision_number == amendment.decision.number
        assert publication_start(original) < amendment.valid_from <= DEMO_TODAY
    for ending in ENDINGS:
        assert ending.code in BY_CODE
        assert ending.code not in DRAFT_CODES
        assert ending.valid_to > publication_start(BY_CODE[ending.code])
        if ending.replaced_by:
            assert publication_start(BY_CODE[ending.replaced_by]) <= ending.valid_to
    assert any(ending.valid_to > DEMO_TODAY for ending in ENDINGS)
    assert any(ending.replaced_by for ending in ENDINGS)


# --- Loading through the services -------------------------------------------------------------


@pytest.fixture
def agencies(db):
    """Every agency of the demo province, parents first (as the province loader makes them)."""
    made: dict[str, Agency] = {}
    for row in pc.agency_rows():
        if row.parent is not None and row.parent not in made:
            continue
        made[row.code] = agency_create(
            code=row.code,
            name=row.name,
            short_name=row.short_name,
            level=AgencyLevel(row.level),
            parent=made.get(row.parent) if row.parent else None,
            actor=None,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
    return made


def public_codes(day):
    return set(version_list_public(on=day).values_list("procedure__code", flat=True))


def in_force(code, day) -> ProcedureVersion:
    version = version_current(procedure=Procedure.objects.get(code=code), on=day)
    assert version is not None, f"{code} is not in force on {day}"
    return version


@pytest.mark.django_db
def test_the_loader_publishes_the_catalog_once(agencies) -> None:
    created = demo_catalog_load(actor=None)
    assert created == len(SPECS) + len(AMENDMENTS)
    assert Field.objects.filter(code__in=[row.code for row in FIELDS]).count() == len(FIELDS)
    assert Procedure.objects.count() == len(SPECS)
    versions = ProcedureVersion.objects.count()

    assert demo_catalog_load(actor=None) == 0
    assert ProcedureVersion.objects.count() == versions

    drafts = ProcedureVersion.objects.filter(status=VersionStatus.DRAFT)
    assert set(drafts.values_list("procedure__code", flat=True)) == set(DRAFT_CODES)
    today = public_codes(DEMO_TODAY)
    ended = {e.code for e in ENDINGS if e.valid_to <= DEMO_TODAY}
    assert today == {spec.code for spec in PUBLISHED} - ended


@pytest.mark.django_db
def test_the_lifecycle_is_visible_in_the_public_lists(agencies) -> None:
    demo_catalog_load(actor=None)
    today = public_codes(DEMO_TODAY)

    for ending in ENDINGS:
        procedure = Procedure.objects.get(code=ending.code)
        last = procedure.versions.latest("number")
        assert last.valid_to == ending.valid_to
        if ending.valid_to <= DEMO_TODAY:
            assert ending.code not in today
            assert ending.code in public_codes(ending.valid_to - dt.timedelta(days=1))
        else:
            assert ending.code in today
            assert ending.code not in public_codes(ending.valid_to)
        if ending.replaced_by:
            assert last.end_reason == EndReason.REPLACED
            assert last.replaced_by == Procedure.objects.get(code=ending.replaced_by)
        else:
            assert last.end_reason == EndReason.ABOLISHED

    for amendment in AMENDMENTS:
        current = in_force(amendment.code, DEMO_TODAY)
        assert current.number == 2
        assert current.valid_from == amendment.valid_from
        assert current.decision_number == amendment.decision.number
        first = current.procedure.versions.get(number=1)
        assert first.valid_to == amendment.valid_from
        assert first.end_reason == EndReason.AMENDED
        assert in_force(amendment.code, amendment.valid_from - dt.timedelta(days=1)).number == 1

    household = in_force("2.000575", DEMO_TODAY)
    assert household.variants.get().committed_value == 1
