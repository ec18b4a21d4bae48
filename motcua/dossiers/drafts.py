"""Drafts (hồ sơ đang lập): a dossier being put together before it is received at the desk or
submitted online. The counter wizard saves each step here, a citizen's online form saves as they
type; either can be resumed. A draft belongs to the account that started it and nobody else.

`DossierDraft.data` keeps what the steps collected, in this shape (every key optional):

    {"conditions": ["giay-uy-quyen"],                    # conditional components that apply
     "components": {"to-khai": {"originals": 1, "copies": 0, "electronic": false,
                                "reused": false, "scan_exemption": "", "note": ""}},
     "applicant": {"name": …, "kind": "individual", "id_number": …, "address": …, "phone": …,
                   "email": …, "submitter_name": …, "submitter_id_number": …},
     "answers": {…the e-form answers…},
     "fees_paid": "50000", "sets": 1, "agency": "<competent agency code or absent>",
     "note": "…",
     "received_at": "2026-03-09T08:15:00+07:00"}        # postal: when the parcel arrived

Files wait in `DraftFile` rows (checked by content like dossier files). Receiving or submitting a
draft is a workflow service (`motcua.workflow.intake.dossier_receive_draft`), which deletes it.
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from motcua.accounts.models import Desk, User
from motcua.catalog.models import CaseVariant
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers.files import Upload, upload_check
from motcua.dossiers.models import Channel, DossierDraft, DraftFile

# Keys of `DossierDraft.data` a step may write.
DATA_KEYS = frozenset(
    {
        "conditions",
        "components",
        "applicant",
        "answers",
        "fees_paid",
        "sets",
        "agency",
        "note",
        "received_at",
    }
)
MAX_FILES_PER_DRAFT = 100


def draft_list_for(*, actor: User, channel: Channel | None = None) -> QuerySet[DossierDraft]:
    """The actor's own drafts, last touched first."""
    queryset = DossierDraft.objects.filter(owner=actor)
    if channel is not None:
        queryset = queryset.filter(channel=channel)
    return queryset.select_related("variant", "variant__version", "desk")


def access_draft(actor: User, *, pk: int) -> DossierDraft:
    """The draft `pk` when `actor` started it; "not found" otherwise."""
    if not actor.is_authenticated:
        raise NotFound("Không tìm thấy hồ sơ đang lập.", code="draft_not_found")
    draft = draft_list_for(actor=actor).filter(pk=pk).first()
    if draft is None:
        raise NotFound("Không tìm thấy hồ sơ đang lập.", code="draft_not_found")
    return draft


def draft_start(
    *,
    actor: User,
    channel: Channel,
    desk: Desk | None = None,
    variant: CaseVariant | None = None,
    step: str = "",
) -> DossierDraft:
    return DossierDraft.objects.create(
        owner=actor, channel=channel, desk=desk, variant=variant, step=step
    )


def _component_codes(variant: CaseVariant) -> set[str]:
    return set(variant.components.values_list("code", flat=True))


@transaction.atomic
def draft_save(
    *,
    draft: DossierDraft,
    actor: User,
    data: Mapping[str, Any] | None = None,
    step: str | None = None,
    variant: CaseVariant | None = None,
    desk: Desk | None = None,
) -> DossierDraft:
    """Merge `data` into the draft (key by key) and record the step reached. Choosing another
    case variant drops the checklist, conditions and files of components it does not have.
    `desk`: where an online draft will be filed (the counter's is set when it starts)."""
    if draft.owner_id != actor.pk:
        raise NotFound("Không tìm thấy hồ sơ đang lập.", code="draft_not_found")
    unknown = set(data or {}) - DATA_KEYS
    if unknown:
        raise ValueError(f"unknown draft keys: {sorted(unknown)}")
    draft = DossierDraft.objects.select_for_update().get(pk=draft.pk)
    merged = dict(draft.data)
    if variant is not None and variant.pk != draft.variant_id:
        codes = _component_codes(variant)
        components = merged.get("components") or {}
        merged["components"] = {k: v for k, v in components.items() if k in codes}
        merged["conditions"] = [c for c in merged.get("conditions") or [] if c in codes]
        merged.pop("answers", None)  # another variant may have another e-form
        for row in draft.files.exclude(component_code__in=codes):
            _delete_file(row)
        draft.variant = variant
    merged.update(data or {})
    draft.data = merged
    if desk is not None:
        draft.desk = desk
    if step is not None:
        draft.step = step
    draft.save()
    return draft


def _delete_file(row: DraftFile) -> None:
    name, storage = row.file.name, row.file.storage
    row.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def draft_file_add(
    *, draft: DossierDraft, actor: User, component_code: str, upload: Upload
) -> DraftFile:
    """Attach a file to one component of the draft's case variant (type checked by content)."""
    if draft.owner_id != actor.pk:
        raise NotFound("Không tìm thấy hồ sơ đang lập.", code="draft_not_found")
    if draft.variant is None or component_code not in _component_codes(draft.variant):
        raise ValidationFailed(
            "Thành phần hồ sơ không có trong trường hợp đã chọn.",
            code="component_unknown",
            field="component",
        )
    if draft.files.count() >= MAX_FILES_PER_DRAFT:
        raise ValidationFailed(
            f"Mỗi hồ sơ có tối đa {MAX_FILES_PER_DRAFT} tệp.", code="too_many_files", field="files"
        )
    content_type, extension = upload_check(upload)
    digest = hashlib.sha256(upload.content).hexdigest()
    row = DraftFile(
        draft=draft,
        component_code=component_code,
        name=(upload.name.strip() or f"tep.{extension}")[:255],
        content_type=content_type,
        size=len(upload.content),
        sha256=digest,
    )
    row.file.save(f"{digest[:16]}.{extension}", ContentFile(upload.content), save=False)
    row.save()
    DossierDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
    return row


@transaction.atomic
def draft_file_remove(*, draft: DossierDraft, actor: User, file_id: int) -> None:
    if draft.owner_id != actor.pk:
        raise NotFound("Không tìm thấy hồ sơ đang lập.", code="draft_not_found")
    row = draft.files.filter(pk=file_id).first()
    if row is None:
        raise NotFound("Không tìm thấy tệp.", code="file_not_found")
    _delete_file(row)


def draft_uploads(draft: DossierDraft) -> dict[str, tuple[Upload, ...]]:
    """The draft's files read back, by component code, in upload order."""
    found: dict[str, list[Upload]] = defaultdict(list)
    for row in draft.files.order_by("uploaded_at", "pk"):
        with row.file.open("rb") as handle:
            found[row.component_code].append(Upload(name=row.name, content=handle.read()))
    return {code: tuple(uploads) for code, uploads in found.items()}


@transaction.atomic
def draft_discard(*, draft: DossierDraft, actor: User | None) -> None:
    """Delete the draft and its files (`actor` None: the system, after receiving or purging)."""
    if actor is not None and draft.owner_id != actor.pk:
        raise NotFound("Không tìm thấy hồ sơ đang lập.", code="draft_not_found")
    for row in draft.files.all():
        _delete_file(row)
    draft.delete()


def drafts_purge(*, older_than: dt.timedelta, at: dt.datetime | None = None) -> int:
    """Delete drafts nobody touched for `older_than`; returns how many."""
    cutoff = (at or timezone.now()) - older_than
    count = 0
    for draft in DossierDraft.objects.filter(updated_at__lt=cutoff).iterator():
        draft_discard(draft=draft, actor=None)
        count += 1
    return count
