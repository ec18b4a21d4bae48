"""Back-office pages to check and import the catalog workbook (a background job with progress),
and to export the catalog in force."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.catalog.models import CatalogImport, CatalogImportStatus, ProcedureVersion
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.catalog.tasks import run_catalog_import_task
from motcua.catalog.workbook import SHEET_PROCEDURES, read_workbook
from tests.accounts.factories import MembershipFactory, StaffUserFactory
from tests.catalog.builders import birth_registration, catalog_world
from tests.catalog.workbooks import Book, sample_fields, sample_workbook

pytestmark = pytest.mark.django_db

IMPORT = reverse("backoffice:catalog-import")
EXPORT = reverse("backoffice:catalog-export")
SAMPLE = reverse("backoffice:catalog-import-sample")
LIST = reverse("backoffice:catalog-list")
JULY = dt.date(2025, 7, 1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def detail(job):
    return reverse("backoffice:catalog-import-detail", args=[job.pk])


@pytest.fixture
def world():
    agencies = catalog_world()
    sample_fields()
    return agencies


@pytest.fixture
def admin(world):
    return MembershipFactory(agency=world["province"], role=Role.PROVINCE_ADMIN).user


@pytest.fixture
def agency_admin(world):
    return MembershipFactory(agency=world["commune"], role=Role.AGENCY_ADMIN).user


def upload(data, *, name="danh-muc.xlsx", dry_run=True, valid_from=JULY):
    fields = {
        "file": SimpleUploadedFile(name, data, content_type=XLSX),
        "valid_from": valid_from.isoformat(),
    }
    if dry_run:
        fields["dry_run"] = "on"
    return fields


def post_upload(client, capture, data, **kwargs):
    """Upload and let the task run as the request's transaction commits; the job."""
    with capture(execute=True):
        response = client.post(IMPORT, upload(data, **kwargs))
    assert response.status_code == 302, response.content.decode()
    job = CatalogImport.objects.get()
    assert response["Location"] == detail(job)
    return job


def test_the_form_checks_only_by_default_from_today(client, admin) -> None:
    client.force_login(admin)
    response = client.get(IMPORT)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<input type="checkbox" name="dry_run"[^>]* checked', html)
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert SAMPLE in html


def test_a_check_shows_every_problem_by_sheet_row_and_column(
    client, admin, django_capture_on_commit_callbacks
) -> None:
    book = Book(sample_workbook())
    row = book.row(SHEET_PROCEDURES, code="2.000815")
    book.set(SHEET_PROCEDURES, row, "field_code", "KHONG-CO")
    client.force_login(admin)
    job = post_upload(client, django_capture_on_commit_callbacks, book.save())
    assert job.status == CatalogImportStatus.DONE
    html = client.get(detail(job)).content.decode()
    assert "Tệp có 1 lỗi; chưa ghi gì vào cơ sở dữ liệu." in html
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html.split("Các lỗi trong tệp")[1])
    assert cells[:4] == [
        SHEET_PROCEDURES,
        str(row),
        "Mã lĩnh vực",
        "Không có lĩnh vực mã «KHONG-CO».",
    ]
    assert "hx-trigger" not in html  # finished: no more polling
    assert "Nhập thật</button>" not in html
    assert ProcedureVersion.objects.count() == 0


def test_a_clean_check_is_imported_for_real_with_one_click(
    client, admin, django_capture_on_commit_callbacks
) -> None:
    client.force_login(admin)
    check = post_upload(client, django_capture_on_commit_callbacks, sample_workbook())
    html = client.get(detail(check)).content.decode()
    assert "Tệp hợp lệ, có 3 thủ tục. Nếu nhập: thêm mới 3, sửa đổi 0, không thay đổi 0." in html
    confirm = reverse("backoffice:catalog-import-confirm", args=[check.pk])
    assert f'action="{confirm}"' in html
    assert ProcedureVersion.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    job = CatalogImport.objects.get(dry_run=False)
    assert response["Location"] == detail(job)
    assert job.source_check == check
    assert ProcedureVersion.objects.count() == 3
    html = client.get(detail(job)).content.decode()
    assert (
        "Đã nhập 3 thủ tục: thêm mới 3, sửa đổi 0, không thay đổi 0. Phiên bản mới có hiệu lực "
        "từ ngày 01/07/2025." in html
    )
    # The check now points to its import instead of offering the button again.
    html = client.get(detail(check)).content.decode()
    assert "Nhập thật</button>" not in html
    assert detail(job) in html
    response = client.post(confirm, follow=True)
    assert "đã được nhập" in response.content.decode()
    assert CatalogImport.objects.count() == 2


def test_a_file_that_is_not_xlsx_comes_back_on_the_form(client, admin) -> None:
    client.force_login(admin)
    response = client.post(IMPORT, upload(b"ma;ten\n", name="danh-muc.csv"))
    assert response.status_code == 400
    assert "Tệp «danh-muc.csv» không phải tệp Excel .xlsx." in response.content.decode()
    assert not CatalogImport.objects.exists()


def test_the_job_page_polls_its_progress_until_finished(
    client, admin, django_capture_on_commit_callbacks
) -> None:
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not started yet
        client.post(IMPORT, upload(sample_workbook()))
    job = CatalogImport.objects.get()
    html = client.get(detail(job)).content.decode()
    assert f'hx-get="{detail(job)}" hx-trigger="every 1s"' in html
    assert re.search(rf'<a href="{detail(job)}">Tải lại</a>', html)
    assert "<progress" in html
    assert "http-equiv" not in html

    CatalogImport.objects.filter(pk=job.pk).update(
        status=CatalogImportStatus.RUNNING, done=2, total=5
    )
    response = client.get(detail(job), headers={"HX-Request": "true"})
    partial = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in partial
    assert partial.lstrip().startswith('<section id="import-status"')
    assert '<progress id="import-progress" max="5" value="2">' in partial
    assert "Đã xử lý 2/5 thủ tục." in partial
    assert 'hx-trigger="every 1s"' in partial

    CatalogImport.objects.filter(pk=job.pk).update(status=CatalogImportStatus.QUEUED, done=0)
    run_catalog_import_task.call(job.pk)  # the worker gets to it
    partial = client.get(detail(job), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial
    assert "<progress" not in partial
    assert "Tệp hợp lệ, có 3 thủ tục." in partial


def test_recent_imports_are_listed(client, admin, django_capture_on_commit_callbacks) -> None:
    client.force_login(admin)
    job = post_upload(client, django_capture_on_commit_callbacks, sample_workbook())
    html = client.get(IMPORT).content.decode()
    assert f'<a href="{detail(job)}">danh-muc.xlsx</a>' in html
    assert "Chỉ kiểm tra" in html
    assert str(CatalogImportStatus.DONE.label) in html


def test_export_downloads_the_catalog_in_force(client, world) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=None)
    procedure_publish(version=draft, valid_from=JULY, actor=None)
    client.force_login(MembershipFactory(agency=world["commune"], role=Role.SPECIALIST).user)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="danh-muc-thu-tuc-{today:%Y%m%d}.xlsx"'
    )
    parsed = read_workbook(response.content)
    assert parsed.problems == ()
    assert [spec.code for spec in parsed.specs] == ["1.001193"]


def test_the_sample_workbook_downloads(client, admin) -> None:
    client.force_login(admin)
    response = client.get(SAMPLE)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="mau-danh-muc-thu-tuc.xlsx"'
    assert read_workbook(response.content).problems == ()


def test_agency_admins_export_but_cannot_import(
    client, admin, agency_admin, django_capture_on_commit_callbacks
) -> None:
    client.force_login(admin)
    job = post_upload(client, django_capture_on_commit_callbacks, sample_workbook())
    assert IMPORT in client.get(LIST).content.decode()

    client.force_login(agency_admin)
    assert client.get(IMPORT).status_code == 404
    assert client.post(IMPORT, upload(sample_workbook())).status_code == 404
    assert client.get(detail(job)).status_code == 404
    confirm = reverse("backoffice:catalog-import-confirm", args=[job.pk])
    assert client.post(confirm).status_code == 404
    listing = client.get(LIST).content.decode()
    assert IMPORT not in listing
    assert EXPORT in listing
    assert client.get(EXPORT).status_code == 200
    assert CatalogImport.objects.count() == 1


def test_outsiders_get_nothing(client, world) -> None:
    assert client.get(IMPORT)["Location"].startswith(reverse("login"))
    client.force_login(StaffUserFactory())  # staff without a membership
    assert client.get(EXPORT).status_code == 404
    assert client.get(IMPORT).status_code == 404
