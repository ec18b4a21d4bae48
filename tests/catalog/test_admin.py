"""The catalog admin: superusers edit fields and inspect procedures, versions and their parts;
nothing of a version is written from the admin."""

import datetime as dt

import pytest
from django.urls import reverse

from motcua.accounts.models import User
from motcua.catalog.models import CaseVariant, Field, Procedure, ProcedureVersion
from motcua.catalog.services import procedure_draft_save, procedure_publish
from tests.catalog.builders import birth_registration, catalog_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = User.objects.create_superuser(username="root", password="mat-khau-rat-dai-2026")
    client.force_login(user)
    return user


@pytest.fixture
def version():
    catalog_world()
    draft = procedure_draft_save(spec=birth_registration(), actor=None)
    return procedure_publish(version=draft, valid_from=dt.date(2025, 7, 1), actor=None)


def test_every_catalog_page_loads_for_a_superuser(client, root, version) -> None:
    variant = CaseVariant.objects.get()
    pages = [
        reverse("admin:catalog_field_changelist"),
        reverse("admin:catalog_field_add"),
        reverse("admin:catalog_field_change", args=[Field.objects.get(code="HT").pk]),
        reverse("admin:catalog_procedure_changelist"),
        reverse("admin:catalog_procedure_change", args=[version.procedure.pk]),
        reverse("admin:catalog_procedureversion_changelist"),
        reverse("admin:catalog_procedureversion_change", args=[version.pk]),
        reverse("admin:catalog_casevariant_changelist"),
        reverse("admin:catalog_casevariant_change", args=[variant.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(reverse("admin:catalog_casevariant_change", args=[variant.pk])).content
    assert "Giấy chứng sinh" in html.decode()  # components inline
    assert "tham-dinh" in html.decode()  # steps inline with their targets


def test_fields_are_edited_in_the_admin(client, root) -> None:
    response = client.post(
        reverse("admin:catalog_field_add"),
        {"code": "TP", "name": "Tư pháp", "name_en": "Justice", "valid_from": "2018-01-01"},
    )
    assert response.status_code == 302
    assert Field.objects.get(code="TP").name == "Tư pháp"


def test_versions_are_read_only(client, root, version) -> None:
    assert client.get(reverse("admin:catalog_procedureversion_add")).status_code == 403
    assert client.get(reverse("admin:catalog_procedure_add")).status_code == 403
    response = client.post(
        reverse("admin:catalog_procedureversion_change", args=[version.pk]), {"name": "Đổi tên"}
    )
    assert response.status_code == 403
    delete = reverse("admin:catalog_procedureversion_delete", args=[version.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    version.refresh_from_db()
    assert version.name == "Thủ tục đăng ký khai sinh"
    assert Procedure.objects.count() == ProcedureVersion.objects.count() == 1


def test_import_jobs_are_listed_read_only_without_their_bytes(client, root) -> None:
    from motcua.catalog.models import CatalogImport

    job = CatalogImport.objects.create(
        filename="danh-muc.xlsx",
        data=b"PK\x03\x04 not shown",
        dry_run=True,
        valid_from=dt.date(2026, 12, 1),
        requested_by=root,
    )
    listing = client.get(reverse("admin:catalog_catalogimport_changelist"))
    assert listing.status_code == 200
    assert "danh-muc.xlsx" in listing.content.decode()
    page = client.get(reverse("admin:catalog_catalogimport_change", args=[job.pk]))
    assert page.status_code == 200
    assert "not shown" not in page.content.decode()
    assert client.get(reverse("admin:catalog_catalogimport_add")).status_code == 403
