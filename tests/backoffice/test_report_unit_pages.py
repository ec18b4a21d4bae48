"""The unit report pages: late units, inter-agency attribution, officers, targets, catalog figures
and the dossier lists behind their numbers.

Who sees what (a leader: their agency; another agency is a 404; an officer without a report scope
sees only their own evaluation and no other report), the target form (CSRF, errors next to the
field, nothing lost), every number linking to that many dossiers, default periods, and a number
of queries that does not grow with the rows.

Data (March 2026, all at UBND xã Hòa An): the attribution histories A, B, C, D, F, G of
tests/reports/test_attribution.py (imported, no handlers) and the officer histories D1–D4 of
tests/reports/test_officers.py (through the workflow services).
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.accounts.models import Role, User
from motcua.accounts.services import membership_grant, staff_user_create
from motcua.core.models import AuditEvent
from motcua.reports.models import Target
from motcua.workflow.services import dossier_forward
from tests.dossiers.builders import World, at, build_world, receive_dossier
from tests.reports.histories import (
    AT_POLICE,
    AT_POLICE_UNIT,
    POLICE_UNIT,
    day_at,
    import_lines,
    inter,
    police_world,
    processed,
)
from tests.reports.test_attribution import attribution_history
from tests.reports.test_officers import officer_history
from tests.reports.unit_histories import inter_history

UNITS = reverse("backoffice:report-late-units")
ATTRIBUTION = reverse("backoffice:report-attribution")
OFFICERS = reverse("backoffice:report-officers")
TARGETS = reverse("backoffice:report-targets")
CATALOG = reverse("backoffice:report-catalog")
PAGES = [UNITS, ATTRIBUTION, OFFICERS, TARGETS, CATALOG]
MARCH = {"period": "2026-03"}
Q1 = {"period": "2026-Q1"}


def unit_list(kind: str) -> str:
    return reverse("backoffice:report-unit-dossiers", args=[kind])


@pytest.fixture
def world(db) -> World:
    world = build_world()
    attribution_history()
    officer_history(world)
    return world


@pytest.fixture
def province_admin(world: World) -> User:
    user = staff_user_create(username="vanphong.tinh", full_name="Văn Phòng Tỉnh",
                             email="vp@example.com", phone="", password="x-secret-123", actor=None)  # fmt: skip
    province = world.commune.parent
    assert province is not None
    membership_grant(user=user, agency=province, role=Role.PROVINCE_ADMIN, desk=None, actor=None)
    return user


def get(client: Client, path: str, params: dict[str, str] | None = None, status: int = 200):
    response = client.get(path, params or {})
    assert response.status_code == status, (path, params, response.status_code)
    return response


def count_at(client: Client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return int(response.context["page"].paginator.count)


# --- Who sees what -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*PAGES, unit_list("lien-thong")])
def test_anonymous_goes_to_login(client, world, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("path", [UNITS, ATTRIBUTION, TARGETS, CATALOG])
def test_officer_without_report_scope_sees_no_unit_report(client, world, path):
    client.force_login(world.specialist)
    response = get(client, path, MARCH)
    assert response.templates[0].name == "backoffice/reports/no_scope.html"
    assert "<table" not in response.content.decode()


def test_officer_without_report_scope_sees_their_own_evaluation(client, world):
    client.force_login(world.specialist2)
    response = get(client, OFFICERS, MARCH)
    assert response.context["own_only"] is True
    (line,) = response.context["lines"]
    # D2: 2 visits, 1 late (29 h of 14), 1 sent back (test_officers).
    assert (line.row.officer, line.row.visits, line.row.late, line.row.sent_back) == (
        world.specialist2, 2, 1, 1,
    )  # fmt: skip
    html = response.content.decode()
    assert 'name="agency"' not in html  # the period only
    assert count_at(client, line.urls["late"]) == 1
    # Another officer's list is not theirs to see.
    get(client, unit_list("can-bo"), {**MARCH, "officer": world.specialist.username,
                                       "what": "visits"}, status=404)  # fmt: skip


def test_leader_sees_their_agency_and_not_another(client, world):
    client.force_login(world.leader)
    response = get(client, OFFICERS, MARCH)
    names = [line.row.officer.username for line in response.context["lines"]]
    # The police specialist's visit was at Công an tỉnh.
    assert names == ["chuyenvien.hoaan", "chuyenvien2.hoaan", "lanhdao.hoaan", "tiepnhan.hoaan"]
    assert [line.own for line in response.context["lines"]] == [False, False, True, False]
    for path in (UNITS, ATTRIBUTION, OFFICERS):
        get(client, path, {**MARCH, "agency": world.police.code}, status=404)
        get(client, path, {**MARCH, "agency": "999.99.99.H99"}, status=404)
    get(client, unit_list("lien-thong"), {**Q1, "part": "open", "agency": world.police.code},
        status=404)  # fmt: skip
    get(client, TARGETS, {"agency": world.police.code}, status=404)
    get(client, unit_list("nothing"), Q1, status=404)
    get(client, unit_list("lien-thong"), {**Q1, "part": "other"}, status=404)


# --- Late units ----------------------------------------------------------------------------------


@override_settings(MOTCUA_REPORT_MIN_SAMPLE=5)
def test_late_units_every_number_links_to_that_many_dossiers(client, world):
    client.force_login(world.leader)
    response = get(client, UNITS, MARCH)
    (line,) = response.context["late"]
    # March at the commune: A, B, C, D, F, G, D1–D4 received (10, nothing carried over); late:
    # A, B, D, D2 finished late, F, G, D4 overdue on 1/4 (D3 waits for its supplement) → 7/10.
    assert (line.unit.to_process, line.unit.late, str(line.unit.late_rate)) == (10, 7, "70.00")
    assert count_at(client, line.late_url) == 7
    assert count_at(client, line.to_process_url) == 10
    html = response.content.decode()
    assert "<caption>" in html
    assert ' style="' not in html


@override_settings(MOTCUA_REPORT_MIN_SAMPLE=1)
def test_sub_units_link_to_their_own_dossiers(client, world, province_admin):
    police_world(world)
    monday = day_at(2026, 3, 9, 9)
    import_lines(
        processed(monday, day_at(2026, 3, 12, 10), **AT_POLICE_UNIT),  # late
        processed(monday, day_at(2026, 3, 10, 10), **AT_POLICE),  # early
    )
    client.force_login(province_admin)
    province = world.commune.parent
    assert province is not None
    response = get(client, UNITS, {**MARCH, "agency": province.code})
    lines = {line.unit.agency.code: line for line in response.context["late"]}
    # Công an tỉnh: 2 to process, 1 late (PC06's) = 50%; its own row 0/1, PC06 1/1.
    police = lines[world.police.code]
    assert (police.unit.to_process, police.unit.late) == (2, 1)
    assert [(c.unit.agency.code, c.unit.to_process, c.unit.late) for c in police.children] == [
        (world.police.code, 1, 0),
        (POLICE_UNIT, 1, 1),
    ]
    for line in [*response.context["late"], *police.children]:
        assert count_at(client, line.late_url) == line.unit.late
        assert count_at(client, line.to_process_url) == line.unit.to_process
    assert "row_own=1" in police.children[1].late_url


def test_late_units_small_sample_is_listed_apart(client, world):
    client.force_login(world.leader)
    response = get(client, UNITS, MARCH)  # the default minimum sample: 20
    assert response.context["late"] == []
    assert [line.unit.to_process for line in response.context["small"]] == [10]
    assert "Chưa đủ số liệu" in response.content.decode()


def test_default_periods_are_the_last_full_month_and_quarter(client, world):
    client.force_login(world.leader)
    with time_machine.travel(at(dt.date(2026, 4, 15), 10), tick=False):
        assert get(client, UNITS).context["period"].label == "Tháng 3/2026"
        assert get(client, ATTRIBUTION).context["period"].label == "Quý 1/2026"
        assert get(client, OFFICERS).context["period"].label == "Tháng 3/2026"


# --- Attribution ---------------------------------------------------------------------------------


def test_attribution_numbers_link_to_their_dossiers(client, world):
    client.force_login(world.leader)
    response = get(client, ATTRIBUTION, Q1)
    finished, opened = response.context["parts"]
    # Finished late: A (police over 15 h), B (commune over 8 h). Open and overdue on 1/4: F, G
    # (police over 48.5 h and 41 h) and D4: reception 0.5 h, appraisal 1 h, police 4 h of 4, the
    # leader's step from Wed 18/3 16:30 to 1/4 00:00 = 0.5 + 9 days × 8 = 72.5 h of 6 → the commune
    # used 74 h of 16 (over by 58).
    summary = [
        [(ln.agency.code, ln.dossiers, ln.over, str(ln.over_hours), str(ln.used_hours))
         for ln in part["lines"]]
        for part in (finished, opened)
    ]  # fmt: skip
    assert summary == [
        [(world.police.code, 2, 1, "15.00", "21.00"), (world.commune.code, 2, 1, "8.00", "30.00")],
        # Police 52.5 + 45 + 4 = 101.5 h; commune 1.5 + 1 + 74 = 76.5 h.
        [
            (world.police.code, 3, 2, "89.50", "101.50"),
            (world.commune.code, 3, 1, "58.00", "76.50"),
        ],
    ]
    for part in (finished, opened):
        assert count_at(client, part["all_url"]) == part["data"].count
        for line in part["lines"]:
            assert count_at(client, line.dossiers_url) == line.dossiers
            assert count_at(client, line.over_url) == line.over
    listed = get(client, finished["lines"][0].over_url)
    (only,) = listed.context["lines"]
    assert only.notes == ["Công an tỉnh: dùng 19,00 giờ / được giao 4,00 giờ (vượt 15,00 giờ)"]


# --- Officers ------------------------------------------------------------------------------------


def test_officer_numbers_link_to_their_dossiers(client, world, province_admin):
    client.force_login(province_admin)
    response = get(client, OFFICERS, MARCH)
    lines = {line.row.officer.username: line for line in response.context["lines"]}
    assert len(lines) == 5
    for line in lines.values():
        row = line.row
        assert count_at(client, line.urls["visits"]) == row.dossiers
        assert count_at(client, line.urls["late"]) == row.late
        assert count_at(client, line.urls["sent_back"]) == row.sent_back
        assert count_at(client, line.urls["supplements"]) == row.supplements
    listed = get(client, lines["chuyenvien2.hoaan"].urls["visits"])
    (d2,) = listed.context["lines"]
    assert d2.notes == [
        "Thẩm định: dùng 2,50 giờ / được giao 14,00 giờ",
        "Thẩm định: dùng 29,00 giờ / được giao 14,00 giờ",
    ]


# --- Targets -------------------------------------------------------------------------------------


def post_target(client: Client, world: World, **data: str):
    values = {"agency": world.commune.code, "year": "2026", "kind": "online_share",
              "value": "40", "basis": "Kế hoạch 12/KH-UBND", **data}  # fmt: skip
    return client.post(f"{TARGETS}?year=2026", values)


def test_province_admin_sets_a_target_and_sees_it_against_the_actual(client, world, province_admin):
    client.force_login(province_admin)
    response = post_target(client, world)
    assert response.status_code == 302
    assert response["Location"] == f"{TARGETS}?year=2026"
    target = Target.objects.get()
    assert (target.agency, target.value, target.entered_by) == (
        world.commune,
        Decimal(40),
        province_admin,
    )
    assert AuditEvent.objects.filter(action="report_target.set", actor=province_admin).count() == 1
    page = get(client, TARGETS, {"year": "2026"})
    (line,) = page.context["lines"]
    assert line.row.target == target
    # Every March dossier counts (the year to date); the share is received online ÷ received.
    assert count_at(client, line.numerator_url) == line.row.numerator
    assert count_at(client, line.denominator_url) == line.row.denominator
    assert "Đã lưu chỉ tiêu" in page.content.decode()


def test_a_refused_value_is_shown_next_to_the_field_and_nothing_is_lost(
    client, world, province_admin
):
    client.force_login(province_admin)
    response = post_target(client, world, value="150", basis="Nghị quyết 05")
    assert response.status_code == 400
    assert not Target.objects.exists()
    form = response.context["form"]
    assert form.errors["value"] == ["Giá trị chỉ tiêu là tỷ lệ phần trăm, từ 0 đến 100."]
    html = response.content.decode()
    assert 'role="alert"' in html
    assert re.search(r'<input[^>]*name="value"[^>]*value="150"', html)
    assert re.search(r'<input[^>]*name="basis"[^>]*value="Nghị quyết 05"', html)
    assert 'aria-invalid="true"' in html


def test_deleting_a_target(client, world, province_admin):
    client.force_login(province_admin)
    post_target(client, world)
    target = Target.objects.get()
    response = client.post(f"{TARGETS}?year=2026", {"target": str(target.pk), "delete": "1"})
    assert response.status_code == 302
    assert not Target.objects.exists()


def test_only_province_admins_may_post_and_csrf_is_required(client, world, province_admin):
    client.force_login(world.leader)
    assert post_target(client, world).status_code == 404
    page = get(client, TARGETS, {"year": "2026"})
    assert page.context["form"] is None
    assert "Giao chỉ tiêu" not in page.content.decode()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(province_admin)
    assert post_target(strict, world).status_code == 403
    assert not Target.objects.exists()


# --- Queries --------------------------------------------------------------------------------------


def more_rows(world: World) -> None:
    """More dossiers of every kind counted: late and overdue inter-agency ones, a late linear one,
    one more officer's work."""
    import_lines(
        inter(day_at(2026, 3, 2, 9), day_at(2026, 3, 2, 10), day_at(2026, 3, 5, 10),
              day_at(2026, 3, 6, 10)),
        inter_history(day_at(2026, 3, 25, 9), to_police=day_at(2026, 3, 25, 10)),
        processed(day_at(2026, 3, 2, 9), day_at(2026, 3, 6, 10)),
    )  # fmt: skip
    dossier = receive_dossier(world, when=day_at(2026, 3, 19, 9), actor=world.desk_officer)
    dossier_forward(dossier=dossier, actor=world.desk_officer, handler=world.specialist2,
                    at=day_at(2026, 3, 19, 10))  # fmt: skip


@pytest.mark.parametrize(
    ("path", "params", "bound"),
    [
        # Session, user, scope, filter choices, the timeliness table, agencies.
        (UNITS, MARCH, 12),
        # …, facts, visits and pauses of each part, one calendar (3 queries) per agency measured.
        (ATTRIBUTION, Q1, 20),
        # …, visits grouped by officer, their agencies, supplement requests, users, agencies.
        (OFFICERS, MARCH, 15),
        (TARGETS, {"year": "2026"}, 15),
        (CATALOG, {}, 12),
        (unit_list("lien-thong"), {**Q1, "part": "open"}, 20),
        (unit_list("can-bo"), {**MARCH, "officer": "tiepnhan.hoaan", "what": "visits"}, 15),
    ],
)
def test_queries_do_not_grow_with_the_rows(client, world, province_admin, path, params, bound):
    client.force_login(province_admin)
    for kind in ("online_share", "on_time_rate", "digitised_share", "e_result_share"):
        post_target(client, world, kind=kind)
    with CaptureQueriesContext(connection) as before:
        get(client, path, params)
    more_rows(world)
    with CaptureQueriesContext(connection) as after:
        response = get(client, path, params)
    assert len(after) == len(before) <= bound, [q["sql"][:100] for q in after.captured_queries]
    assert response.status_code == 200


# --- Catalog figures -----------------------------------------------------------------------------


def test_catalog_figures_by_field_and_agency(client, world, province_admin):
    client.force_login(province_admin)
    response = get(client, CATALOG)
    # Two procedures in force (birth registration and its inter-agency variant), field Hộ tịch,
    # both executed by the commune, both fully online, no time cut.
    assert response.context["by_field"] == [
        ("Hộ tịch", 2, f"{reverse('backoffice:catalog-list')}?field=HT")
    ]
    (row,) = response.context["agencies"]
    assert (row.agency, row.total, row.online, row.full, row.cut_20) == (world.commune, 2, 2, 2, 0)
    assert ' style="' not in response.content.decode()
