"""Reads of the catalog: what is public on a day, the staff's list and history, a version as a
spec, catalog figures."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)

from motcua.accounts.models import User
from motcua.calendar.engine import TimeUnit
from motcua.catalog.models import (
    CaseVariant,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    VersionStatus,
)
from motcua.catalog.policies import catalog_rights
from motcua.catalog.search import apply_text_search
from motcua.catalog.specs import (
    ComponentSpec,
    FeeSpec,
    LegalBasis,
    ProcedureSpec,
    StepSpec,
    VariantSpec,
)
from motcua.core.models import AuditEvent


def public_on(day: dt.date) -> Q:
    """Versions a citizen may see on `day`: published, started, not yet ended."""
    return Q(status=VersionStatus.PUBLISHED, valid_from__lte=day) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )


def version_list_public(*, on: dt.date) -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(public_on(on)).select_related("procedure", "field")


@dataclass(frozen=True)
class CatalogQuery:
    """What a citizen or an API client searches the public catalog with."""

    text: str = ""
    field: str | None = None  # field code
    level: str | None = None  # ImplementingLevel value
    agency: str | None = None  # executing agency code
    online_level: str | None = None  # OnlineLevel value
    postal: bool | None = None  # True: intake or return by post


def procedure_search(*, query: CatalogQuery, on: dt.date) -> QuerySet[ProcedureVersion]:
    """Public versions matching the query, best matches first (by field and name without text).

    Vietnamese accent-insensitive: "dang ky ho kinh doanh" finds "Đăng ký hộ kinh doanh"."""
    versions = version_list_public(on=on)
    if query.field:
        versions = versions.filter(field__code=query.field)
    if query.level:
        versions = versions.filter(levels__level=query.level)
    if query.agency:
        versions = versions.filter(executing_agencies__code=query.agency)
    if query.online_level:
        versions = versions.filter(online_level=query.online_level)
    if query.postal is not None:
        by_post = Q(postal_intake=True) | Q(postal_return=True)
        versions = versions.filter(by_post if query.postal else ~by_post)
    if query.text.strip():
        return apply_text_search(versions, query.text)
    return versions.order_by("field__name", "name", "pk")


def version_current(*, procedure: Procedure, on: dt.date) -> ProcedureVersion | None:
    """The version of `procedure` in force on `on`, if any."""
    return version_list_public(on=on).filter(procedure=procedure).first()


def version_latest_published(*, procedure: Procedure) -> ProcedureVersion | None:
    return (
        ProcedureVersion.objects.filter(procedure=procedure, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def version_draft(*, procedure: Procedure) -> ProcedureVersion | None:
    return ProcedureVersion.objects.filter(procedure=procedure, status=VersionStatus.DRAFT).first()


def version_with_parts(*, pk: int) -> ProcedureVersion:
    """A version with everything its spec needs, in a fixed number of queries."""
    steps = ProcessStep.objects.select_related("agency").prefetch_related(
        "forward_to", "send_back_to"
    )
    variants = CaseVariant.objects.prefetch_related(
        "components", "fees", Prefetch("steps", queryset=steps)
    )
    return (
        ProcedureVersion.objects.select_related("procedure", "field")
        .prefetch_related("levels", "executing_agencies", Prefetch("variants", queryset=variants))
        .get(pk=pk)
    )


def version_spec(*, version: ProcedureVersion) -> ProcedureSpec:
    """The version as a plain spec (what an export writes and an import compares against)."""
    v = version_with_parts(pk=version.pk)
    return ProcedureSpec(
        code=v.procedure.code,
        namespace=v.procedure.namespace,
        name=v.name,
        field_code=v.field.code,
        levels=tuple(sorted(level.level for level in v.levels.all())),
        executing_agency_codes=tuple(sorted(a.code for a in v.executing_agencies.all())),
        reception_place=v.reception_place,
        steps_text=v.steps_text,
        method_counter=v.method_counter,
        method_online=v.method_online,
        method_postal=v.method_postal,
        subjects=v.subjects,
        for_individuals=v.for_individuals,
        for_organisations=v.for_organisations,
        result=v.result,
        conditions=v.conditions,
        legal_bases=tuple(
            LegalBasis(
                document=str(item["document"]),
                effective_date=dt.date.fromisoformat(str(item["effective_date"]))
                if item.get("effective_date")
                else None,
            )
            for item in v.legal_bases
        ),
        fees_note=v.fees_note,
        online_level=v.online_level,
        legacy_online_level=v.legacy_online_level,
        full_online_eligible=v.full_online_eligible,
        postal_intake=v.postal_intake,
        postal_return=v.postal_return,
        four_at_desk=v.four_at_desk,
        cutoff_defers_clock=v.cutoff_defers_clock,
        hotline=v.hotline,
        feedback_address=v.feedback_address,
        decision_number=v.decision_number,
        decision_date=v.decision_date,
        decision_signer=v.decision_signer,
        national_db_published_on=v.national_db_published_on,
        variants=tuple(_variant_spec(variant) for variant in v.variants.all()),
    )


def _variant_spec(variant: CaseVariant) -> VariantSpec:
    return VariantSpec(
        code=variant.code,
        name=variant.name,
        time_limit_value=variant.time_limit_value.normalize() + 0,
        time_limit_unit=TimeUnit(variant.time_limit_unit),
        committed_value=(
            variant.committed_value.normalize() + 0 if variant.committed_value is not None else None
        ),
        time_limit_note=variant.time_limit_note,
        components=tuple(
            ComponentSpec(
                code=c.code,
                name=c.name,
                originals=c.originals,
                copies=c.copies,
                requirement=c.requirement,
                condition=c.condition,
                template_name=c.template_name,
            )
            for c in variant.components.all()
        ),
        fees=tuple(
            FeeSpec(
                kind=f.kind, name=f.name, amount=f.amount + 0, unit=f.unit, exemption=f.exemption
            )
            for f in variant.fees.all()
        ),
        steps=tuple(
            StepSpec(
                code=s.code,
                name=s.name,
                kind=s.kind,
                role=s.role,
                budget_hours=s.budget_hours.normalize() + 0,
                agency_code=s.agency.code if s.agency else None,
                forward_to=tuple(sorted(t.code for t in s.forward_to.all())),
                send_back_to=tuple(sorted(t.code for t in s.send_back_to.all())),
            )
            for s in variant.steps.all()
        ),
        eform_schema=dict(variant.eform_schema),
    )


# --- The staff's view of the catalog -----------------------------------------------------------


class StaffStatus(TextChoices):
    """Where a version stands for the staff on a day (a badge on every back-office list)."""

    DRAFT = "draft", "Dự thảo"
    PROPOSED = "proposed", "Đề xuất"
    SCHEDULED = "scheduled", "Chưa đến ngày hiệu lực"
    IN_FORCE = "in_force", "Đang hiệu lực"
    ENDED = "ended", "Hết hiệu lực"


def staff_status_on(day: dt.date) -> Case:
    """The StaffStatus of each version on `day`, as an expression to annotate and filter by."""
    return Case(
        When(
            status=VersionStatus.DRAFT, proposed_at__isnull=False, then=Value(StaffStatus.PROPOSED)
        ),
        When(status=VersionStatus.DRAFT, then=Value(StaffStatus.DRAFT)),
        When(valid_from__gt=day, then=Value(StaffStatus.SCHEDULED)),
        When(valid_to__lte=day, then=Value(StaffStatus.ENDED)),
        default=Value(StaffStatus.IN_FORCE),
        output_field=CharField(),
    )


def version_staff_status(version: ProcedureVersion, *, on: dt.date) -> StaffStatus:
    """The same as `staff_status_on`, for a version in hand."""
    if version.status == VersionStatus.DRAFT:
        return StaffStatus.PROPOSED if version.proposed_at is not None else StaffStatus.DRAFT
    assert version.valid_from is not None
    if version.valid_from > on:
        return StaffStatus.SCHEDULED
    if version.valid_to is not None and version.valid_to <= on:
        return StaffStatus.ENDED
    return StaffStatus.IN_FORCE


def version_list_for_staff(
    *,
    actor: User,
    on: dt.date,
    text: str = "",
    status: StaffStatus | None = None,
    field: str | None = None,
    agency: str | None = None,
    mine: bool = False,
) -> QuerySet[ProcedureVersion]:
    """What the back office lists: every draft, every published version not yet ended, and the
    last version of a procedure that has ended (so abolished procedures stay findable); each
    annotated with `staff_status`. Searched like the public catalog; without text ordered by
    procedure code. `mine`: only procedures of the agencies the actor administers.

    Empty for an actor who may not read the catalog."""
    rights = catalog_rights(actor, on=on)
    if not rights.read:
        return ProcedureVersion.objects.none()
    last_published = (
        ProcedureVersion.objects.filter(
            procedure=OuterRef("procedure"), status=VersionStatus.PUBLISHED
        )
        .order_by("-number")
        .values("number")[:1]
    )
    versions = (
        ProcedureVersion.objects.annotate(
            last_published=Subquery(last_published), staff_status=staff_status_on(on)
        )
        .filter(
            Q(status=VersionStatus.DRAFT)
            | Q(status=VersionStatus.PUBLISHED) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
            | Q(number=F("last_published"))
        )
        .select_related("procedure", "field")
        .prefetch_related("executing_agencies")
    )
    if status:
        versions = versions.filter(staff_status=status)
    if field:
        versions = versions.filter(field__code=field)
    if agency:
        versions = versions.filter(_executed_by(Q(agency__code=agency)))
    if mine and not rights.manage_all:
        versions = versions.filter(_executed_by(Q(agency_id__in=rights.agency_ids)))
    if text.strip():
        return apply_text_search(versions, text)
    return versions.order_by("procedure__code", "number")


def _executed_by(agencies: Q) -> Q:
    through = ProcedureVersion.executing_agencies.through
    return Q(pk__in=through.objects.filter(agencies).values("procedureversion_id"))


def version_history(*, procedure: Procedure) -> list[ProcedureVersion]:
    """Every version of a procedure, newest first, with the people and successor they name."""
    return list(
        ProcedureVersion.objects.filter(procedure=procedure)
        .select_related("published_by", "proposed_by", "created_by", "replaced_by", "field")
        .order_by("-number")
    )


def procedure_events(*, procedure: Procedure, limit: int = 200) -> list[AuditEvent]:
    """The audit events of a procedure's versions, newest first, discarded drafts included."""
    version_type = ProcedureVersion._meta.label_lower
    version_ids = [
        str(pk)
        for pk in ProcedureVersion.objects.filter(procedure=procedure).values_list("pk", flat=True)
    ]
    return list(
        AuditEvent.objects.filter(object_type=version_type)
        .filter(Q(object_id__in=version_ids) | Q(data__procedure=procedure.code))
        .select_related("actor")
        .order_by("-occurred_at", "-pk")[:limit]
    )


# --- Catalog figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogFigures:
    total: int
    by_field: dict[str, int]
    by_level: dict[str, int]
    by_online_level: dict[str, int]
    online_percent: Decimal
    cut_20_percent: Decimal
    cut_20_count: int


def catalog_figures(*, on: dt.date) -> CatalogFigures:
    """Procedures in force on `on`: counts by field, level and online level; the share with an
    online service; the share whose committed time cuts the statutory time by 20% or more."""
    versions = list(
        version_list_public(on=on).prefetch_related("levels", "variants").order_by("pk")
    )
    total = len(versions)
    by_field = Counter(v.field.name for v in versions)
    by_level = Counter(level.level for v in versions for level in v.levels.all())
    by_online = Counter(v.online_level for v in versions)
    online = sum(1 for v in versions if v.online_level != OnlineLevel.NONE)
    cut = sum(1 for v in versions if any(variant.cut_percent >= 20 for variant in v.variants.all()))
    return CatalogFigures(
        total=total,
        by_field=dict(sorted(by_field.items())),
        by_level=dict(sorted(by_level.items())),
        by_online_level=dict(sorted(by_online.items())),
        online_percent=_percent(online, total),
        cut_20_percent=_percent(cut, total),
        cut_20_count=cut,
    )


def _percent(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
