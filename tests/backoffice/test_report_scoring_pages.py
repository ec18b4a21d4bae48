"""The scoring pages of the back office: Circular 01/2018 scores (`bao-cao/cham-diem/`), the
Decision 766 index (`bao-cao/chi-so-766/`) and the rows behind each of its numbers.

Who sees what (a leader sees their agency only, another agency is a 404, an officer without a
report scope gets the reports' "no scope" page), the default period (the last full quarter), every
numerator and denominator linking to a list of exactly that many rows, and a number of queries
that does not grow with the rows.

The data is tests/reports/test_index766.py's `crafted_quarter` (its comments work out every
figure): in the first quarter of 2026 the commune resolved 7 dossiers and Sở Tư pháp 1."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import models
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role, User
from motcua.accounts.services import membership_grant, staff_user_create
from motcua.backoffice.report_scoring_views import _rows
from motcua.dossiers.models import Dossier
from motcua.reports.index766 import INDICATORS, Kind, Part, index766_drilldown
from motcua.reports.periods import quarter
from motcua.reports.scope import ReportScope, report_filter
from motcua.reports.scoring import circular01_scores
from tests.catalog.builders import JUSTICE
from tests.dossiers.builders import World, build_world
from tests.reports.test_index766 import crafted_quarter

SCORING = reverse("backoffice:report-scoring")
INDEX = reverse("backoffice:report-index766")
Q1 = {"period": "2026-Q1"}


def drill(code: str, part: str) -> str:
    return reverse("backoffice:report-index766-dossiers", args=[code, part])


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def quarter_data(world: World) -> dict[str, Dossier]:
    return crafted_quarter(world)


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


# --- Who sees what -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SCORING, INDEX, drill("2.1", "tu-so")])
def test_anonymous_goes_to_login(client, world, path):
    response = client.get(path, Q1)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("path", [SCORING, INDEX, drill("2.1", "mau-so")])
def test_officer_without_report_scope_gets_the_reports_page_saying_so(client, world, path):
    client.force_login(world.desk_officer)
    response = get(client, path, Q1)
    assert response.templates[0].name == "backoffice/reports/no_scope.html"


@pytest.mark.parametrize("path", [SCORING, INDEX, drill("2.1", "tu-so")])
def test_another_agency_is_not_found(client, world, quarter_data, path):
    client.force_login(world.leader)  # the commune's leader
    get(client, path, {**Q1, "agency": JUSTICE}, status=404)
    get(client, path, {**Q1, "agency": "999.99.99.H99"}, status=404)


def test_leader_sees_own_agency_only(client, world, quarter_data):
    client.force_login(world.leader)
    response = get(client, SCORING, Q1)
    assert [item["row"].agency.code for item in response.context["rows"]] == [world.commune.code]
    assert "Sở Tư pháp" not in response.content.decode()
    index = get(client, INDEX, Q1)
    assert [item["row"].agency.code for item in index.context["agencies"]] == [world.commune.code]
    # The commune's own 2.1: 8 of 11 (tests/reports/test_index766.py, test_agency_rows).
    result = index.context["total"]["2.1"]
    assert (result.numerator, result.denominator) == (8, 11)


@time_machine.travel(dt.datetime(2026, 5, 10, 3, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("path", [SCORING, INDEX, drill("2.1", "tu-so")])
def test_without_a_period_the_last_full_quarter(client, world, province_admin, path):
    client.force_login(province_admin)
    response = client.get(path, {"tab": "can-bo"} if path == SCORING else {})
    assert response.status_code == 302
    assert "period=2026-Q1" in response["Location"]
    assert response["Location"].startswith(path)


def test_unknown_or_unmeasurable_indicators_are_not_found(client, world, province_admin):
    client.force_login(province_admin)
    get(client, drill("9.9", "tu-so"), Q1, status=404)
    get(client, drill("2.1", "ca-hai"), Q1, status=404)
    for code in ("1.4", "3.5", "3.5b"):  # not measurable: nothing to list
        get(client, drill(code, "mau-so"), Q1, status=404)


# --- Circular 01/2018 --------------------------------------------------------------------------


def test_scoring_page(client, world, quarter_data, province_admin):
    client.force_login(province_admin)
    response = get(client, SCORING, Q1)
    rows = {item["row"].agency.code: item for item in response.context["rows"]}
    assert set(rows) == {world.commune.code, JUSTICE}
    expected = circular01_scores(
        report=report_filter(scope=ReportScope(None)), period=quarter(2026, 1)
    )
    for row in expected.rows:
        shown = rows[row.agency.code]
        assert (shown["row"].total, shown["row"].band) == (row.total, row.band)
        assert [c.value for c in shown["cells"]] == [row.score(n) for n in range(1, 10)]
        # The number of scored dossiers links to exactly those dossiers (resolved in the period).
        listed = get(client, shown["dossiers_url"])
        assert listed.context["page"].paginator.count == row.dossiers
    html = response.content.decode()
    assert "<caption>" in html
    assert 'scope="col"' in html


def test_staff_tab(client, world, quarter_data, province_admin):
    client.force_login(province_admin)
    response = get(client, SCORING, {**Q1, "tab": "can-bo"})
    # d14 is the only native dossier: received by the desk officer (the reception step's handler).
    names = [item["score"].user.username for item in response.context["staff"]]
    assert names == [world.desk_officer.username]
    assert response.context["tab"] == "can-bo"
    # The filter keeps the tab.
    assert re.search(r'<input type="hidden" name="tab" value="can-bo">', response.content.decode())


def test_scoring_queries_are_bounded(client, world, quarter_data, province_admin,
                                     django_assert_max_num_queries):  # fmt: skip
    client.force_login(province_admin)
    # Session, user, scope, filter choices, then a fixed number of aggregates (13 and 10 here).
    with django_assert_max_num_queries(15):
        get(client, SCORING, Q1)
    with django_assert_max_num_queries(12):
        get(client, SCORING, {**Q1, "tab": "can-bo"})


# --- Decision 766 -------------------------------------------------------------------------------


def test_index_page_and_every_drilldown(client, world, quarter_data, province_admin):
    client.force_login(province_admin)
    response = get(client, INDEX, Q1)
    total = response.context["total"]
    html = response.content.decode()
    assert "Chưa đo được" in html
    assert "ước tính" in html
    checked = 0
    for group in response.context["groups"]:
        for line in group["lines"]:
            result = line.result
            if not result.indicator.measurable:
                assert line.numerator_url == line.denominator_url == ""
                continue
            for url, part in ((line.numerator_url, Part.NUMERATOR),
                              (line.denominator_url, Part.DENOMINATOR)):  # fmt: skip
                assert f'href="{url.replace("&", "&amp;")}"' in html
                listed = get(client, url)
                assert listed.context["page"].paginator.count == getattr(result, part.value), (
                    result.indicator.code,
                    part,
                )
                checked += 1
    assert checked == 2 * sum(1 for i in INDICATORS if i.measurable)
    # 2.1 over the whole province: 9 of 12 (tests/reports/test_index766.py).
    assert (total["2.1"].numerator, total["2.1"].denominator) == (9, 12)


def test_agency_rows_link_to_the_agencys_index(client, world, quarter_data, province_admin):
    client.force_login(province_admin)
    response = get(client, INDEX, Q1)
    rows = {item["row"].agency.code: item for item in response.context["agencies"]}
    assert set(rows) == {world.commune.code, JUSTICE}
    justice = get(client, rows[JUSTICE]["url"])
    # Sở Tư pháp alone: 2.1 J1 on time (1 of 1), its own points as in its row.
    assert (
        justice.context["total"]["2.1"].numerator,
        justice.context["total"]["2.1"].denominator,
    ) == (1, 1)
    assert justice.context["total"].points == rows[JUSTICE]["row"].points


def test_drilldown_lists_each_kind(client, world, quarter_data, province_admin):
    client.force_login(province_admin)
    dossiers = get(client, drill("2.1", "mau-so"), Q1).content.decode()
    assert quarter_data["d7"].display_code in dossiers
    pakn = get(client, drill("5.2", "mau-so"), Q1).content.decode()
    assert "PAKN-260313-" in pakn
    versions = get(client, drill("1.1", "tu-so"), Q1).content.decode()
    assert "2.000001" in versions
    assert "2.000002" not in versions  # decided late
    procedures = get(client, drill("4.1", "mau-so"), Q1).content.decode()
    assert "1.001193" in procedures
    assert "2.000001" in procedures


def test_index_queries_are_bounded(client, world, quarter_data, province_admin,
                                   django_assert_max_num_queries):  # fmt: skip
    client.force_login(province_admin)
    with django_assert_max_num_queries(22):  # 20 here, whatever the number of rows
        get(client, INDEX, Q1)
    lists = (("2.1", "mau-so"), ("5.2", "mau-so"), ("1.3", "mau-so"), ("4.1", "mau-so"),
             ("1.1", "tu-so"))  # fmt: skip
    for code, part in lists:
        with django_assert_max_num_queries(16):  # 10, and 15 with the calendar (1.1)
            get(client, drill(code, part), Q1)


def test_listed_rows_need_no_further_query(world, quarter_data):
    """Everything the drill-down lists show is loaded with the rows (Django's FETCH_RAISE)."""
    report = report_filter(scope=ReportScope(None))
    period = quarter(2026, 1)
    for code in ("2.1", "5.2", "1.3", "4.1"):
        found = index766_drilldown(
            report=report, period=period, indicator=code, part=Part.DENOMINATOR
        )
        rows = list(_rows(found.kind, found.queryset).fetch_mode(models.FETCH_RAISE))
        assert rows, code
        for row in rows:
            if found.kind is Kind.DOSSIERS:
                assert all((row.version.name, row.agency.name, row.fact.channel))
            elif found.kind is Kind.FEEDBACK:
                assert row.agency.name
                assert row.dossier is None or row.dossier.display_code
            elif found.kind is Kind.VERSIONS:
                assert all((row.procedure.namespace, row.procedure.code, row.field.name))
            else:
                assert all((row.namespace, row.code, row.name))
