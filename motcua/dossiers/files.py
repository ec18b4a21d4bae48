"""Files of a dossier: checked by content (not by name), stored in the configured storage, with
their checksum and page count in the database."""

import hashlib
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile

from motcua.accounts.models import User
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent, DossierFile, FileKind

_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
_SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


@dataclass(frozen=True)
class Upload:
    """A file handed to a service: its name as given and its bytes."""

    name: str
    content: bytes


def sniff_type(content: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the first bytes, or None when not an accepted type."""
    for signature, content_type, extension in _SIGNATURES:
        if content.startswith(signature):
            return content_type, extension
    return None


def max_upload_bytes() -> int:
    return int(settings.MOTCUA_UPLOAD_MAX_BYTES)


def upload_check(upload: Upload, *, field: str = "files") -> tuple[str, str]:
    """Refuse empty, too large or wrongly typed files (by content). Returns (type, extension)."""
    if not upload.content:
        raise ValidationFailed(f"Tệp “{upload.name}” rỗng.", code="file_empty", field=field)
    limit = max_upload_bytes()
    if len(upload.content) > limit:
        raise ValidationFailed(
            f"Tệp “{upload.name}” lớn hơn {limit // (1024 * 1024)} MB.",
            code="file_too_large",
            field=field,
            details={"max_bytes": limit, "size": len(upload.content)},
        )
    sniffed = sniff_type(upload.content)
    if sniffed is None:
        raise ValidationFailed(
            f"Tệp “{upload.name}” không phải PDF, JPEG hoặc PNG.",
            code="file_type",
            field=field,
        )
    return sniffed


def _pdf_pages(content: bytes) -> int | None:
    try:
        from pypdf import PdfReader  # optional: installed in development and tests
    except ImportError:  # pragma: no cover
        return len(re.findall(rb"/Type\s*/Page[^s]", content)) or None
    try:
        return len(PdfReader(io.BytesIO(content)).pages)
    except Exception:
        return None


def file_store(
    *,
    dossier: Dossier,
    kind: FileKind,
    upload: Upload,
    actor: User | None,
    component: DossierComponent | None = None,
    event: DossierEvent | None = None,
) -> DossierFile:
    content_type, extension = upload_check(upload)
    digest = hashlib.sha256(upload.content).hexdigest()
    name = _SAFE_NAME.sub("_", upload.name).strip() or f"tep.{extension}"
    row = DossierFile(
        dossier=dossier,
        kind=kind,
        component=component,
        event=event,
        name=name[:255],
        content_type=content_type,
        size=len(upload.content),
        sha256=digest,
        pages=_pdf_pages(upload.content) if extension == "pdf" else 1,
        uploaded_by=actor,
    )
    row.file.save(f"{digest[:16]}.{extension}", ContentFile(upload.content), save=False)
    row.save()
    return row
