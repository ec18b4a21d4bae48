"""Files are checked by their content, never by their name, and stored with a checksum."""

import hashlib
import io

import pytest
from django.test import override_settings
from pypdf import PdfWriter

from motcua.core.errors import ValidationFailed
from motcua.dossiers.files import Upload, file_store, sniff_type, upload_check
from motcua.dossiers.models import DossierFile, FileKind
from tests.dossiers.builders import PDF, PNG, build_world, receive

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


def pdf_with_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF, ("application/pdf", "pdf")), (PNG, ("image/png", "png")), (JPEG, ("image/jpeg", "jpg"))],
)
def test_accepted_types_by_content(content: bytes, expected: tuple[str, str]) -> None:
    assert sniff_type(content) == expected
    # The name does not matter, only the bytes.
    assert upload_check(Upload("ảnh chụp.txt", content)) == expected


def test_empty_file_is_refused() -> None:
    with pytest.raises(ValidationFailed) as exc:
        upload_check(Upload("trống.pdf", b""), field="components.to-khai")
    assert exc.value.code == "file_empty"
    assert exc.value.field == "components.to-khai"


@override_settings(MOTCUA_UPLOAD_MAX_BYTES=64)
def test_too_large_file_is_refused() -> None:
    assert upload_check(Upload("a.pdf", PDF[:64])) == ("application/pdf", "pdf")
    big = PDF + b"\x00" * 64
    with pytest.raises(ValidationFailed) as exc:
        upload_check(Upload("lớn.pdf", big))
    assert exc.value.code == "file_too_large"
    assert exc.value.details == {"max_bytes": 64, "size": len(big)}
    assert exc.value.field == "files"


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows executable
        b"<html><body>not a pdf</body></html>",
        b"PK\x03\x04" + b"\x00" * 20,  # a ZIP (or .docx)
        b" %PDF-1.4",  # the signature must come first
        b"GIF89a",
    ],
)
def test_wrong_type_is_refused_even_when_named_pdf(content: bytes) -> None:
    with pytest.raises(ValidationFailed) as exc:
        upload_check(Upload("to-khai.pdf", content))
    assert exc.value.code == "file_type"


@pytest.mark.django_db
def test_file_store_keeps_metadata_and_bytes() -> None:
    world = build_world()
    dossier = receive(world)
    content = pdf_with_pages(2)
    row = file_store(
        dossier=dossier,
        kind=FileKind.ATTACHMENT,
        upload=Upload("../../Biên bản / xác minh?.pdf", content),
        actor=world.specialist,
    )
    row = DossierFile.objects.get(pk=row.pk)
    assert row.content_type == "application/pdf"
    assert row.size == len(content)
    assert row.sha256 == hashlib.sha256(content).hexdigest()
    assert row.pages == 2
    assert row.uploaded_by == world.specialist
    assert "/" not in row.name
    assert row.name.endswith(".pdf")
    # Stored under its checksum, with the extension of what it is.
    assert str(row.file.name).endswith(f"{row.sha256[:16]}.pdf")
    with row.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.django_db
def test_file_store_refuses_a_disguised_file() -> None:
    world = build_world()
    dossier = receive(world)
    before = DossierFile.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        file_store(
            dossier=dossier,
            kind=FileKind.ATTACHMENT,
            upload=Upload("ket-qua.pdf", b"#!/bin/sh\necho hi\n"),
            actor=None,
        )
    assert exc.value.code == "file_type"
    assert DossierFile.objects.count() == before


@pytest.mark.django_db
def test_image_is_one_page_and_keeps_its_real_extension() -> None:
    world = build_world()
    dossier = receive(world)
    row = file_store(
        dossier=dossier, kind=FileKind.ATTACHMENT, upload=Upload("anh.pdf", PNG), actor=None
    )
    assert (row.content_type, row.pages) == ("image/png", 1)
    assert str(row.file.name).endswith(".png")
