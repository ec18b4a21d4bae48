"""Back-office pages for report files: the export form, the background file with its status
page (htmx polling while it is made), the download for its requester only, the list of one's
own files, and the direct download of a report of at most one month."""

import csv
import io
import re

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.reports.models import ExportStatus, ReportExport
from motcua.reports.services import report_export_request
from tests.accounts.factories import MembershipFactory
from tests.dossiers.builders import build_world
from tests.reports.histories import day_at, import_lines, in_process, processed

pytestmark = pytest.mark.django_db

EXPORT = reverse("backoffice:report-export")
LIST = reverse("backoffice:report-export-list")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COMMUNE = "000.01.31.H99"
POLICE = "000.00.41.H99"


def status_url(export):
    return reverse("backoffice:report-export-status", args=[export.pk])


def download_url(export):
    return reverse("backoffice:report-export-download", args=[export.pk])


@pytest.fixture
def world():
    world = build_world()
    # March 2026 at the commune: one resolved early (received Mon 09/03, approved Tue 10/03),
    # one still in process (received Mon 30/03, due Thu 02/04): 2 received, 1 resolved, 1 open.
    import_lines(
        processed(day_at(2026, 3, 9, 9), day_at(2026, 3, 10, 10)),
        in_process(day_at(2026, 3, 30, 9)),
    )
    return world


@pytest.fixture
def leader(world):
    return world.leader  # the commune's leader: reports on the commune only


def form_data(**changes):
    data = {
        "report": "timeliness",
        "format": "xlsx",
        "period": "2026-03",
        "agency": "",
        "field": "",
        "procedure": "",
        "channel": "",
        "group_by": "agency",
    }
    data.update(changes)
    return data


def test_the_form_is_labelled_and_offers_the_scope(client, leader) -> None:
    client.force_login(leader)
    response = client.get(EXPORT + "?period=2026-Q1&agency=" + COMMUNE)
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("report", "format", "period", "agency", "field", "procedure", "channel",
                 "group_by"):  # fmt: skip
        assert re.search(rf'<label for="id_{name}">', html), name
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'value="2026-Q1"' in html  # prefilled from the link
    assert f'<option value="{COMMUNE}" selected>UBND xã Hòa An ({COMMUNE})</option>' in html
    assert POLICE not in html  # outside the leader's scope


def test_someone_without_reports_gets_404(client, world) -> None:
    client.force_login(world.desk_officer)
    assert client.get(EXPORT).status_code == 404
    assert client.post(EXPORT, form_data()).status_code == 404


def test_posting_queues_the_file_and_shows_its_status(
    client, leader, django_capture_on_commit_callbacks
) -> None:
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EXPORT, form_data(format="csv"))
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(export)
    assert (export.requested_by, export.status, export.progress) == (leader, "done", 100)
    html = client.get(status_url(export)).content.decode()
    assert "Đã xong" in html
    assert download_url(export) in html
    assert "hx-trigger" not in html  # finished: no more polling
    assert "bao-cao-dung-han-2026-03.csv" in html


def test_a_refused_request_comes_back_on_the_form(client, leader) -> None:
    client.force_login(leader)
    response = client.post(EXPORT, form_data(period="2026-13"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kỳ báo cáo “2026-13” không hợp lệ" in html
    response = client.post(EXPORT, form_data(agency=POLICE))
    assert response.status_code == 400
    assert "Không tìm thấy cơ quan." in response.content.decode()
    assert ReportExport.objects.count() == 0


def test_the_form_needs_the_csrf_token(leader) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader)
    assert client.post(EXPORT, form_data()).status_code == 403
    assert ReportExport.objects.count() == 0


def test_while_being_made_the_status_polls_every_two_seconds(client, leader) -> None:
    export = report_export_request(  # not committed in the test: the task has not run
        actor=leader, report="timeliness", file_format="pdf", params={"period": "2026-03"}
    )
    client.force_login(leader)
    html = client.get(status_url(export)).content.decode()
    assert f'hx-get="{status_url(export)}" hx-trigger="every 2s"' in html
    assert '<progress id="export-progress" max="100" value="0">' in html
    assert '<label for="export-progress">' in html
    assert f'<a href="{status_url(export)}">Tải lại</a>' in html
    assert "Đang chờ" in html
    partial = client.get(status_url(export), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<section id="export-status"')
    assert "<html" not in partial
    ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, progress=60)
    partial = client.get(status_url(export), headers={"HX-Request": "true"}).content.decode()
    assert 'value="60"' in partial
    assert "Đang tạo" in partial
    assert client.get(download_url(export)).status_code == 404  # not done yet


def test_a_failed_file_says_why(client, leader) -> None:
    export = ReportExport.objects.create(
        report="timeliness",
        file_format="xlsx",
        params={"period": "2026-03"},
        requested_by=leader,
        status=ExportStatus.FAILED,
        error="Không tạo được tệp báo cáo do lỗi của hệ thống.",
    )
    client.force_login(leader)
    html = client.get(status_url(export)).content.decode()
    assert '<div class="notice notice--warning" role="alert"><p>Không tạo được tệp' in html
    assert "hx-trigger" not in html


def test_only_the_requester_downloads_the_file(
    client, world, leader, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        export = report_export_request(
            actor=leader, report="timeliness", file_format="xlsx", params={"period": "2026-03"}
        )
    client.force_login(leader)
    response = client.get(download_url(export))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-dung-han-2026-03.xlsx"'
    )
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    # Rows 4 title, 5 period, 6 blank, 7–9 header (no filter line): the commune, then the total.
    assert [c.value for c in ws[10]][:5] == ["1", "UBND xã Hòa An", 2, 0, 2]
    other = MembershipFactory(agency=world.commune, role=Role.LEADER).user
    client.force_login(other)
    assert client.get(download_url(export)).status_code == 404
    assert client.get(status_url(export)).status_code == 404
    assert (
        client.get(reverse("backoffice:report-export-download", args=[export.pk + 99])).status_code
        == 404
    )


def test_the_list_shows_ones_own_files_newest_first(client, world, leader) -> None:
    first = report_export_request(
        actor=leader, report="timeliness", file_format="xlsx", params={"period": "2026-02"}
    )
    second = report_export_request(
        actor=leader,
        report="timeliness",
        file_format="csv",
        params={"period": "2026-Q1", "channel": "online"},
    )
    other = MembershipFactory(agency=world.commune, role=Role.LEADER).user
    theirs = report_export_request(
        actor=other, report="timeliness", file_format="pdf", params={"period": "2026-03"}
    )
    client.force_login(leader)
    html = client.get(LIST).content.decode()
    assert "<caption>" in html
    assert html.index(status_url(second)) < html.index(status_url(first))
    assert status_url(theirs) not in html
    assert "Quý 1/2026" in html
    assert "Kênh nộp: Trực tuyến" in html
    assert "Tháng 2/2026" in html


def test_the_list_makes_the_same_queries_for_more_files(
    client, leader, django_assert_max_num_queries
) -> None:
    report_export_request(
        actor=leader, report="timeliness", file_format="xlsx", params={"period": "2026-02"}
    )
    client.force_login(leader)
    client.get(LIST)  # warm up (session, content types)
    with django_assert_max_num_queries(10) as few:
        assert client.get(LIST).status_code == 200
    for month in range(1, 5):
        ReportExport.objects.create(
            report="timeliness",
            file_format="csv",
            params={"period": f"2025-{month:02d}", "agency": COMMUNE},
            requested_by=leader,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


def test_the_form_makes_a_bounded_number_of_queries(
    client, leader, django_assert_max_num_queries
) -> None:
    client.force_login(leader)
    client.get(EXPORT)
    with django_assert_max_num_queries(12):
        assert client.get(EXPORT).status_code == 200


def test_a_month_downloads_at_once_and_a_quarter_goes_to_the_background(client, leader) -> None:
    client.force_login(leader)
    query = "?report=timeliness&format=csv&period=2026-03&download=1"
    response = client.get(EXPORT + query)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-dung-han-2026-03.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # The commune: 2 received (1 resolved early, 1 in process) → to process 2.
    assert rows[1][:5] == ["1", "UBND xã Hòa An", "2", "0", "2"]
    assert ReportExport.objects.count() == 0  # nothing kept

    response = client.get(EXPORT + query.replace("2026-03", "2026-Q1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo dài hơn một tháng không tải về ngay được" in html
    assert 'value="2026-Q1"' in html
    assert ReportExport.objects.count() == 0

    response = client.get(EXPORT + query.replace("2026-03", "2026-3"))
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
