"""The demo province's procedure catalog, loaded through the catalog services.

Every procedure of `motcua.demo.catalog_content` is saved as a draft and published from its
decision's effective date; then the lifecycle is played: amended versions, abolished and replaced
procedures, one with an announced end date; the drafts stay drafts. The agencies must exist
(the province loader creates them). Idempotent: procedures that already have a version are left
alone, and the whole load is one transaction.
"""

from django.db import transaction

from motcua.accounts.models import User
from motcua.catalog.models import Field, Procedure
from motcua.catalog.services import procedure_abolish, procedure_draft_save, procedure_publish
from motcua.demo.catalog_content import (
    AMENDMENTS,
    DRAFT_CODES,
    ENDINGS,
    FIELDS,
    all_procedures,
    publication_start,
)

DEMO_REASON = "Dữ liệu mẫu: danh mục thủ tục hành chính của tỉnh"


def demo_fields_ensure() -> int:
    """Create the catalog's fields that do not exist yet (there is no service for fields).
    Returns how many were created."""
    created = 0
    for row in FIELDS:
        _, was_created = Field.objects.get_or_create(
            code=row.code, defaults={"name": row.name, "name_en": row.name_en}
        )
        created += int(was_created)
    return created


@transaction.atomic
def demo_catalog_load(*, actor: User | None) -> int:
    """Load the demo catalog; returns how many procedure versions were created (0 when every
    procedure already has a version)."""
    demo_fields_ensure()
    specs = all_procedures()
    existing = set(
        Procedure.objects.filter(versions__isnull=False).values_list("namespace", "code")
    )
    created = 0
    new: dict[str, Procedure] = {}
    for spec in specs:
        if (spec.namespace, spec.code) in existing:
            continue
        draft = procedure_draft_save(spec=spec, actor=actor, reason=DEMO_REASON)
        created += 1
        new[spec.code] = draft.procedure
        if spec.code in DRAFT_CODES:
            continue
        assert spec.decision_date is not None
        procedure_publish(
            version=draft,
            valid_from=publication_start(spec),
            actor=actor,
            reason=(
                f"Công bố theo Quyết định số {spec.decision_number} ngày "
                f"{spec.decision_date:%d/%m/%Y} của {spec.decision_signer} ({DEMO_REASON.lower()})"
            ),
        )

    by_code = {spec.code: spec for spec in specs}
    for amendment in AMENDMENTS:
        if amendment.code not in new:
            continue
        draft = procedure_draft_save(
            spec=amendment.apply(by_code[amendment.code]), actor=actor, reason=amendment.reason
        )
        procedure_publish(
            version=draft, valid_from=amendment.valid_from, actor=actor, reason=amendment.reason
        )
        created += 1

    for ending in ENDINGS:
        if ending.code not in new:
            continue
        replaced_by = None
        if ending.replaced_by is not None:
            target = by_code[ending.replaced_by]
            replaced_by = Procedure.objects.get(namespace=target.namespace, code=target.code)
        procedure_abolish(
            procedure=new[ending.code],
            valid_to=ending.valid_to,
            reason=ending.reason,
            actor=actor,
            replaced_by=replaced_by,
        )
    return created
