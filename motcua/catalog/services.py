"""Writes to the catalog: save a draft from a spec, propose it, publish it, abolish a procedure.

A published version is never edited: amending a procedure publishes a new version, and the
version it replaces ends on the new one's start date. Every change is audited with its actor and
reason. All-or-nothing: a refused operation leaves the database as it was.

Each service checks the actor's right (`motcua.catalog.policies`); `actor=None` is the system
(imports, demo data, commands).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.catalog.eforms import schema_problems
from motcua.catalog.models import (
    CaseVariant,
    CodeNamespace,
    Component,
    EndReason,
    FeeItem,
    Field,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    VersionLevel,
    VersionStatus,
)
from motcua.catalog.policies import CatalogAction, require_catalog_right
from motcua.catalog.search import search_index_update
from motcua.catalog.selectors import version_draft, version_latest_published, version_spec
from motcua.catalog.specs import Problem, ProcedureSpec, VariantSpec, validate_for_publication
from motcua.core.audit import audit_record
from motcua.core.errors import ValidationFailed
from motcua.core.text import search_text


def _refuse(problems: Sequence[Problem], *, code: str) -> ValidationFailed:
    first = problems[0]
    return ValidationFailed(
        first.message
        if len(problems) == 1
        else f"{first.message} (và {len(problems) - 1} lỗi khác)",
        code=code,
        field=first.path,
        details={"problems": [asdict(p) for p in problems]},
    )


def _structure_problems(spec: ProcedureSpec) -> list[Problem]:
    """What a draft must already get right to be stored: known codes, no duplicates, step links
    that point inside their variant. Completeness waits for publication."""
    problems: list[Problem] = []
    if not spec.code.strip():
        problems.append(Problem("code", "required", "Chưa có mã thủ tục."))
    if spec.namespace not in CodeNamespace.values:
        problems.append(Problem("namespace", "namespace_invalid", "Loại mã thủ tục không hợp lệ."))
    if not spec.name.strip():
        problems.append(Problem("name", "required", "Chưa có tên thủ tục."))
    seen_variants: set[str] = set()
    for i, variant in enumerate(spec.variants):
        where = f"variants[{i}]"
        if variant.code in seen_variants:
            problems.append(
                Problem(
                    f"{where}.code",
                    "variant_code_duplicate",
                    f"Mã trường hợp «{variant.code}» bị trùng.",
                )
            )
        seen_variants.add(variant.code)
        for label, codes, code in (
            ("thành phần", [c.code for c in variant.components], "component_code_duplicate"),
            ("bước", [s.code for s in variant.steps], "step_code_duplicate"),
        ):
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            if dupes:
                problems.append(Problem(where, code, f"Mã {label} bị trùng: {', '.join(dupes)}."))
        if variant.eform_schema:
            problems += _schema_problems(variant, where)
        step_codes = {s.code for s in variant.steps}
        for j, step in enumerate(variant.steps):
            for target in (*step.forward_to, *step.send_back_to):
                if target not in step_codes:
                    problems.append(
                        Problem(
                            f"{where}.steps[{j}]",
                            "step_unknown_target",
                            f"Bước «{step.name}» trỏ đến bước «{target}» không có trong trường hợp này.",
                        )
                    )
    return problems


def _resolve(spec: ProcedureSpec) -> tuple[Field, dict[str, Agency]]:
    problems: list[Problem] = []
    field = Field.objects.filter(code=spec.field_code).first()
    if field is None:
        problems.append(
            Problem("field", "field_unknown", f"Không có lĩnh vực mã «{spec.field_code}».")
        )
    wanted = set(spec.executing_agency_codes) | {
        s.agency_code for v in spec.variants for s in v.steps if s.agency_code
    }
    agencies = {a.code: a for a in Agency.objects.filter(code__in=wanted)}
    for code in sorted(wanted - agencies.keys()):
        problems.append(
            Problem("executing_agencies", "agency_unknown", f"Không có cơ quan mã «{code}».")
        )
    if problems:
        raise _refuse(problems, code="catalog_reference_unknown")
    assert field is not None
    return field, agencies


@transaction.atomic
def procedure_draft_save(
    *, spec: ProcedureSpec, actor: User | None, reason: str = "", new_procedure: bool = False
) -> ProcedureVersion:
    """Create or replace the draft version of the procedure `spec.code` (creating the procedure
    when new). The published versions are not touched. A pending proposal is withdrawn: it was
    made for the draft's earlier content. `new_procedure`: refuse a code already in the catalog
    (a screen that creates procedures must not overwrite another one's draft)."""
    require_catalog_right(actor, action=CatalogAction.EDIT)
    problems = _structure_problems(spec)
    if problems:
        raise _refuse(problems, code="catalog_spec_invalid")
    field, agencies = _resolve(spec)
    existing = Procedure.objects.filter(namespace=spec.namespace, code=spec.code.strip()).first()
    if new_procedure and existing is not None and existing.versions.exists():
        raise ValidationFailed(
            f"Mã thủ tục «{existing.code}» đã có trong danh mục: hãy mở thủ tục đó để sửa đổi.",
            code="procedure_code_taken",
            field="code",
        )
    require_catalog_right(
        actor,
        action=CatalogAction.EDIT,
        procedure=existing,
        agency_ids={agencies[c].pk for c in spec.executing_agency_codes},
    )
    procedure, _ = Procedure.objects.get_or_create(namespace=spec.namespace, code=spec.code.strip())
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    draft = version_draft(procedure=procedure)
    was_proposed = False
    if draft is None:
        last = procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0
        draft = ProcedureVersion(procedure=procedure, number=last + 1, created_by=actor)
    else:
        was_proposed = draft.proposed_at is not None
        draft.variants.all().delete()
        draft.levels.all().delete()
    _clear_proposal(draft)
    draft.name = spec.name.strip()
    draft.field = field
    for attr in (
        "reception_place", "steps_text", "method_counter", "method_online", "method_postal",
        "subjects", "for_individuals", "for_organisations", "result", "conditions", "fees_note",
        "online_level", "legacy_online_level", "full_online_eligible", "postal_intake",
        "postal_return", "four_at_desk", "cutoff_defers_clock", "hotline", "feedback_address",
        "decision_number", "decision_date", "decision_signer", "national_db_published_on",
    ):  # fmt: skip
        setattr(draft, attr, getattr(spec, attr))
    draft.legal_bases = [
        {
            "document": basis.document,
            "effective_date": basis.effective_date.isoformat() if basis.effective_date else None,
        }
        for basis in spec.legal_bases
    ]
    draft.search_name = search_text(draft.name)
    draft.search_keywords = " ".join(
        [
            procedure.code,
            field.code,
            field.name,
            *(f"{agencies[c].name} {agencies[c].short_name}" for c in spec.executing_agency_codes),
        ]
    )
    draft.save()
    search_index_update(version_ids=[draft.pk])
    draft.executing_agencies.set([agencies[c] for c in spec.executing_agency_codes])
    VersionLevel.objects.bulk_create(
        VersionLevel(version=draft, level=level) for level in sorted(set(spec.levels))
    )
    for position, variant_spec in enumerate(spec.variants):
        _save_variant(draft, position, variant_spec, agencies)
    data: dict[str, object] = {"procedure": procedure.code, "number": draft.number}
    if was_proposed:
        data["proposal_withdrawn"] = True
    audit_record(actor=actor, action="procedure.draft_saved", obj=draft, reason=reason, data=data)
    return draft


def _clear_proposal(version: ProcedureVersion) -> None:
    version.proposed_at = None
    version.proposed_by = None
    version.proposal_note = ""


def _locked_draft(version: ProcedureVersion) -> ProcedureVersion:
    version = (
        ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version.pk)
    )
    if version.status != VersionStatus.DRAFT:
        raise ValidationFailed("Phiên bản này đã được công bố.", code="version_not_draft")
    return version


@transaction.atomic
def procedure_draft_from_current(
    *, procedure: Procedure, actor: User | None, reason: str = ""
) -> ProcedureVersion:
    """Start amending a procedure: a new draft with the content of its latest published version
    (sửa đổi, bổ sung). Refused while a draft exists or once the procedure has ended."""
    require_catalog_right(actor, action=CatalogAction.EDIT, procedure=procedure)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if version_draft(procedure=procedure) is not None:
        raise ValidationFailed(
            "Thủ tục đã có một dự thảo đang soạn: hãy sửa dự thảo đó.", code="procedure_has_draft"
        )
    current = version_latest_published(procedure=procedure)
    if current is None:
        raise ValidationFailed("Thủ tục chưa được công bố.", code="procedure_not_published")
    if current.end_reason in (EndReason.ABOLISHED, EndReason.REPLACED):
        raise ValidationFailed(
            "Thủ tục đã bị bãi bỏ hoặc thay thế.", code="procedure_already_ended"
        )
    return procedure_draft_save(
        spec=version_spec(version=current),
        actor=actor,
        reason=reason or f"Soạn sửa đổi, bổ sung từ phiên bản {current.number}.",
    )


@transaction.atomic
def procedure_draft_propose(
    *, version: ProcedureVersion, actor: User | None, note: str = ""
) -> ProcedureVersion:
    """An agency admin asks the province admins to publish a draft. Only a complete draft may be
    proposed (the same checks as publication); a new save of the draft withdraws the proposal."""
    version = _locked_draft(version)
    require_catalog_right(actor, action=CatalogAction.EDIT, procedure=version.procedure)
    if version.proposed_at is not None:
        raise ValidationFailed(
            "Dự thảo đã được đề xuất công bố, đang chờ quản trị cấp tỉnh xem xét.",
            code="version_already_proposed",
        )
    problems = publication_problems(version=version)
    if problems:
        raise _refuse(problems, code="procedure_incomplete")
    version.proposed_at = timezone.now()
    version.proposed_by = actor
    version.proposal_note = note.strip()
    version.save(update_fields=["proposed_at", "proposed_by", "proposal_note", "updated_at"])
    audit_record(
        actor=actor,
        action="procedure.proposed",
        obj=version,
        reason=version.proposal_note,
        data={"procedure": version.procedure.code, "number": version.number},
    )
    return version


@transaction.atomic
def procedure_proposal_return(
    *, version: ProcedureVersion, actor: User | None, reason: str
) -> ProcedureVersion:
    """A province admin sends a proposal back (with the reason) without publishing; the draft
    stays for its authors to amend and propose again."""
    require_catalog_right(actor, action=CatalogAction.PUBLISH)
    version = _locked_draft(version)
    if version.proposed_at is None:
        raise ValidationFailed("Dự thảo chưa được đề xuất công bố.", code="version_not_proposed")
    if not reason.strip():
        raise ValidationFailed(
            "Vui lòng nêu lý do trả lại đề xuất.", code="required", field="reason"
        )
    proposer = version.proposed_by
    _clear_proposal(version)
    version.save(update_fields=["proposed_at", "proposed_by", "proposal_note", "updated_at"])
    audit_record(
        actor=actor,
        action="procedure.proposal_returned",
        obj=version,
        reason=reason.strip(),
        data={
            "procedure": version.procedure.code,
            "number": version.number,
            "proposed_by": proposer.pk if proposer else None,
        },
    )
    return version


def _save_variant(
    draft: ProcedureVersion, position: int, spec: VariantSpec, agencies: dict[str, Agency]
) -> None:
    variant = CaseVariant.objects.create(
        version=draft,
        code=spec.code,
        position=position,
        name=spec.name,
        time_limit_value=spec.time_limit_value,
        time_limit_unit=spec.time_limit_unit.value,
        committed_value=spec.committed_value,
        time_limit_note=spec.time_limit_note,
        eform_schema=spec.eform_schema,
    )
    Component.objects.bulk_create(
        Component(
            variant=variant,
            code=c.code,
            position=i,
            name=c.name,
            originals=c.originals,
            copies=c.copies,
            requirement=c.requirement,
            condition=c.condition,
            template_name=c.template_name,
        )
        for i, c in enumerate(spec.components)
    )
    FeeItem.objects.bulk_create(
        FeeItem(
            variant=variant,
            position=i,
            kind=f.kind,
            name=f.name,
            amount=f.amount,
            unit=f.unit,
            exemption=f.exemption,
        )
        for i, f in enumerate(spec.fees)
    )
    steps = {
        s.code: ProcessStep.objects.create(
            variant=variant,
            code=s.code,
            position=i,
            name=s.name,
            kind=s.kind,
            role=s.role,
            budget_hours=s.budget_hours,
            agency=agencies[s.agency_code] if s.agency_code else None,
        )
        for i, s in enumerate(spec.steps)
    }
    for s in spec.steps:
        steps[s.code].forward_to.set([steps[t] for t in s.forward_to])
        steps[s.code].send_back_to.set([steps[t] for t in s.send_back_to])


def publication_problems(*, version: ProcedureVersion) -> list[Problem]:
    """Everything that stops `version` from being published (empty = it may be published)."""
    return spec_publication_problems(version_spec(version=version))


def spec_publication_problems(spec: ProcedureSpec) -> list[Problem]:
    """The publication rules on a spec: every constituent part, the processes, and an e-form
    for each case variant of a procedure filed online (valid where there is one)."""
    problems = validate_for_publication(spec)
    for i, variant in enumerate(spec.variants):
        if not variant.eform_schema:
            if spec.method_online:
                problems.append(
                    Problem(
                        f"variants[{i}].eform_schema",
                        "eform_missing",
                        f"Trường hợp «{variant.name}» nộp trực tuyến nhưng chưa có biểu mẫu điện tử.",
                    )
                )
            continue
        problems += _schema_problems(variant, f"variants[{i}]")
    return problems


def _schema_problems(variant: VariantSpec, where: str) -> list[Problem]:
    problems = [
        Problem(f"{where}.eform_schema.{p.path}".rstrip("."), p.code, p.message)
        for p in schema_problems(variant.eform_schema)
    ]
    replaces = variant.eform_schema.get("replaces")
    if isinstance(replaces, list):
        codes = {c.code for c in variant.components}
        problems += [
            Problem(
                f"{where}.eform_schema.replaces",
                "replaces_unknown_component",
                f"«{code}» không phải thành phần hồ sơ của trường hợp «{variant.name}».",
            )
            for code in replaces
            if isinstance(code, str) and code not in codes
        ]
    return problems


@transaction.atomic
def procedure_publish(
    *, version: ProcedureVersion, valid_from: dt.date, actor: User | None, reason: str = ""
) -> ProcedureVersion:
    """Publish a draft from `valid_from`. The version in force before it ends that day
    (amended). Refused, with every problem listed, while any constituent part is missing.
    A pending proposal is settled by the publication."""
    require_catalog_right(actor, action=CatalogAction.PUBLISH)
    version = _locked_draft(version)
    problems = publication_problems(version=version)
    if problems:
        raise _refuse(problems, code="procedure_incomplete")
    previous = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=version.procedure, status=VersionStatus.PUBLISHED)
        .exclude(end_reason__in=[EndReason.ABOLISHED, EndReason.REPLACED])
        .order_by("-number")
        .first()
    )
    if previous is not None:
        assert previous.valid_from is not None
        if valid_from <= previous.valid_from:
            raise ValidationFailed(
                f"Phiên bản mới phải có hiệu lực sau ngày {previous.valid_from:%d/%m/%Y} "
                "(ngày hiệu lực của phiên bản đang áp dụng).",
                code="version_starts_too_early",
                field="valid_from",
            )
        if previous.valid_to is None or previous.valid_to > valid_from:
            previous.valid_to = valid_from
            previous.end_reason = EndReason.AMENDED
            previous.save(update_fields=["valid_to", "end_reason", "updated_at"])
            audit_record(
                actor=actor,
                action="procedure.amended",
                obj=previous,
                reason=reason,
                data={
                    "procedure": version.procedure.code,
                    "valid_to": valid_from.isoformat(),
                    "by_version": version.number,
                },
            )
    proposer = version.proposed_by
    version.status = VersionStatus.PUBLISHED
    version.valid_from = valid_from
    version.published_at = timezone.now()
    version.published_by = actor
    _clear_proposal(version)
    version.save(
        update_fields=[
            "status",
            "valid_from",
            "published_at",
            "published_by",
            "proposed_at",
            "proposed_by",
            "proposal_note",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="procedure.published",
        obj=version,
        reason=reason,
        data={
            "procedure": version.procedure.code,
            "valid_from": valid_from.isoformat(),
            "number": version.number,
            "proposed_by": proposer.pk if proposer else None,
        },
    )
    return version


@transaction.atomic
def procedure_abolish(
    *,
    procedure: Procedure,
    valid_to: dt.date,
    reason: str,
    actor: User | None,
    replaced_by: Procedure | None = None,
) -> ProcedureVersion:
    """End a procedure from `valid_to` (abolished, or replaced by another procedure). It leaves
    every public list that day by itself; open dossiers keep their version."""
    require_catalog_right(actor, action=CatalogAction.PUBLISH)
    if not reason.strip():
        raise ValidationFailed(
            "Vui lòng nêu lý do (quyết định bãi bỏ, thay thế).", code="required", field="reason"
        )
    if replaced_by is not None and replaced_by.pk == procedure.pk:
        raise ValidationFailed(
            "Thủ tục không thể thay thế chính nó.", code="replaced_by_self", field="replaced_by"
        )
    current = (
        ProcedureVersion.objects.select_for_update()
        .filter(procedure=procedure, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )
    if current is None:
        raise ValidationFailed("Thủ tục chưa được công bố.", code="procedure_not_published")
    if current.end_reason in (EndReason.ABOLISHED, EndReason.REPLACED):
        raise ValidationFailed(
            "Thủ tục đã bị bãi bỏ hoặc thay thế.", code="procedure_already_ended"
        )
    assert current.valid_from is not None
    if valid_to <= current.valid_from:
        raise ValidationFailed(
            f"Ngày hết hiệu lực phải sau ngày {current.valid_from:%d/%m/%Y}.",
            code="abolish_before_start",
            field="valid_to",
        )
    current.valid_to = valid_to
    current.end_reason = EndReason.REPLACED if replaced_by else EndReason.ABOLISHED
    current.replaced_by = replaced_by
    current.save(update_fields=["valid_to", "end_reason", "replaced_by", "updated_at"])
    audit_record(
        actor=actor,
        action="procedure.replaced" if replaced_by else "procedure.abolished",
        obj=current,
        reason=reason,
        data={
            "procedure": procedure.code,
            "valid_to": valid_to.isoformat(),
            "replaced_by": replaced_by.code if replaced_by else None,
        },
    )
    return current


@transaction.atomic
def procedure_draft_discard(
    *, version: ProcedureVersion, actor: User | None, reason: str = ""
) -> None:
    """Delete a draft (the audit event keeps who did it and why)."""
    version = (
        ProcedureVersion.objects.select_for_update().select_related("procedure").get(pk=version.pk)
    )
    if version.status != VersionStatus.DRAFT:
        raise ValidationFailed("Chỉ hủy được dự thảo.", code="version_not_draft")
    require_catalog_right(actor, action=CatalogAction.EDIT, procedure=version.procedure)
    audit_record(
        actor=actor,
        action="procedure.draft_discarded",
        obj=version,
        reason=reason,
        data={"procedure": version.procedure.code, "number": version.number},
    )
    pk = version.pk
    version.delete()
    search_index_update(version_ids=[pk])
