"""The report pages of the back office: the dashboard, the statistics table and the drill-down.

Who sees what (a leader sees their agency only; another agency is a 404; an officer without a
report scope gets a page saying so), the filter form, every number linking to a list of exactly
that many dossiers, and a number of queries that does not grow with the rows.

The data is tests/reports/test_dashboard.py's `crafted_history` (its docstring lists each dossier):
in March 2026 the commune received E, F, G, H (4) and carried D over; the police desk received
P1, P3 (Công an tỉnh) and P2 (its sub-unit PC06).
"""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import Role, User
from motcua.accounts.services import membership_grant, staff_user_create
from motcua.backoffice import report_views
from tests.dossiers.builders import World, at, build_world
from tests.reports.histories import POLICE_UNIT, PoliceWorld
from tests.reports.test_dashboard import crafted_history

DASHBOARD = reverse("backoffice:reports")
TABLE = reverse("backoffice:report-timeliness")
DOSSIERS = reverse("backoffice:report-dossiers")
MARCH = {"period": "2026-03"}
MARCH_DAY = dt.date(2026, 3, 31)  # "today" in the tests of the default period


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def police(world: World) -> PoliceWorld:
    return crafted_history(world)


@pytest.fixture
def province_admin(world: World) -> User:
    user = staff_user_create(username="vanphong.tinh", full_name="Văn Phòng Tỉnh",
                             email="vp@example.com", phone="", password="x-secret-123", actor=None)  # fmt: skip
    province = world.commune.parent
    assert province is not None
    membership_grant(user=user, agency=province, role=Role.PROVINCE_ADMIN, desk=None, actor=None)
    return user


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def get(client: Client, path: str, params: dict[str, str] | None = None, status: int = 200):
    response = client.get(path, params or {})
    assert response.status_code == status, (path, params, response.status_code)
    return response


# --- Who sees what -------------------------------------------------------------------------------


def test_anonymous_goes_to_login(client, world):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_leader_sees_own_agency_only(client, world, police):
    login(client, world.leader)
    response = get(client, DASHBOARD, MARCH)
    total = response.context["total"]
    # The commune's March: E, F, G, H received (not the police desk's P1–P3).
    assert total["received"] == 4
    assert [line.key for line in response.context["lines"]] == [world.commune.code]
    html = response.content.decode()
    assert "Công an tỉnh" not in html
    # The agency select offers the commune only (it has no sub-unit).
    assert re.findall(
        r'<option value="([^"]*)"', html.split('name="agency"')[1].split("</select>")[0]
    ) == ["", world.commune.code]


@pytest.mark.parametrize("path", [DASHBOARD, TABLE])
def test_another_agency_is_not_found(client, world, police, path):
    login(client, world.leader)
    get(client, path, {**MARCH, "agency": world.police.code}, status=404)
    get(client, path, {**MARCH, "agency": "999.99.99.H99"}, status=404)  # no such agency


def test_drilldown_outside_the_scope_is_not_found(client, world, police):
    login(client, world.leader)
    get(client, DOSSIERS, {**MARCH, "figure": "received", "agency": world.police.code}, status=404)
    get(
        client,
        DOSSIERS,
        {**MARCH, "figure": "received", "row_agency": world.police.code},
        status=404,
    )
    get(
        client,
        DOSSIERS,
        {**MARCH, "figure": "received", "row_agency": POLICE_UNIT, "row_own": "1"},
        status=404,
    )


@pytest.mark.parametrize("path", [DASHBOARD, TABLE, DOSSIERS])
def test_officer_without_report_scope_gets_a_page_saying_so(client, world, police, path):
    login(client, world.desk_officer)
    response = get(client, path, {**MARCH, "figure": "received"})
    assert response.templates[0].name == "backoffice/reports/no_scope.html"
    html = response.content.decode()
    assert "không có quyền xem báo cáo" in html
    assert "total" not in response.context
    assert "<table" not in html


def test_province_admin_sees_every_unit_under_the_province(client, world, police, province_admin):
    login(client, province_admin)
    response = get(client, DASHBOARD, MARCH)
    # The default agency is the province: rows for Công an tỉnh (with PC06) and the commune.
    assert [line.key for line in response.context["lines"]] == [
        world.police.code,
        world.commune.code,
    ]
    assert response.context["total"]["received"] == 7  # E, F, G, H + P1, P2, P3


# --- The dashboard -------------------------------------------------------------------------------


def test_dashboard_headlines_charts_and_links(client, world, police):
    login(client, world.leader)
    response = get(client, DASHBOARD, MARCH)
    html = response.content.decode()
    headlines = {h.label: h.value for h in response.context["headlines"]}
    # March at the commune: received 4; resolved E, F (2); late D, F, H of 5 to process → 60% late,
    # 40% on time; in process overdue: D (due 2/3).
    assert headlines == {
        "Mới tiếp nhận": 4,
        "Đã giải quyết": 2,
        "Tỷ lệ đúng hạn": 40,
        "Đang giải quyết quá hạn": 1,
        "Tỷ lệ trễ hạn": 60,
    }
    assert html.count('<svg class="chart') == 3
    assert html.count('role="img"') == 3
    for table in ("months-table", "by-agency", "channels-table"):
        assert f'id="{table}"' in html
    assert ' style="' not in html  # CSP: no inline style
    # The staff bar marks the reports.
    assert re.search(r'<a href="/backoffice/bao-cao/" aria-current="page">Báo cáo</a>', html)
    # The area the lead fills with the other reports' links.
    assert 'aria-label="Các báo cáo"' in html


def test_every_dashboard_number_links_to_that_many_dossiers(client, world, police):
    login(client, world.leader)
    response = get(client, DASHBOARD, MARCH)
    pairs = [(h.value, h.url) for h in response.context["headlines"] if not h.is_rate]
    for month in response.context["months"]:
        pairs += [(month.point.received, month.received_url), (month.point.resolved, month.resolved_url),
                  (month.point.resolved_late, month.late_url)]  # fmt: skip
    pairs += [(share.count, url) for share, url in response.context["channels"]]
    for line in [*response.context["lines"], response.context["total_line"]]:
        pairs += [(cell.value, cell.url) for cell in line.cells]
    assert len(pairs) == 3 + 12 * 3 + 3 + 2 * 5
    for value, url in pairs:
        assert client.get(url).context["page"].paginator.count == value, url
    # The rates link to the late dossiers: D, F, H.
    late = next(h for h in response.context["headlines"] if h.label == "Tỷ lệ trễ hạn")
    assert client.get(late.url).context["page"].paginator.count == 3


# --- The filter ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "label", "received"),
    [
        (MARCH, "Tháng 3/2026", 4),
        ({"kind": "month", "month": "2026-02"}, "Tháng 2/2026", 3),  # B, C, D
        ({"kind": "quarter", "year": "2026", "quarter": "1"}, "Quý 1/2026", 8),  # A … H
        ({"kind": "year", "year": "2026"}, "Năm 2026", 8),
        (
            {"kind": "custom", "date_from": "2026-03-09", "date_to": "2026-03-09"},
            "Từ 09/03/2026 đến 09/03/2026",
            2,
        ),  # E, F
        ({**MARCH, "channel": "online"}, "Tháng 3/2026", 1),  # E
        ({**MARCH, "field": "HT"}, "Tháng 3/2026", 4),
        ({**MARCH, "procedure": "1.001194"}, "Tháng 3/2026", 0),  # the inter-agency procedure
    ],
)
def test_filters(client, world, police, params, label, received):
    login(client, world.leader)
    response = get(client, DASHBOARD, params)
    assert response.context["period"].label == label
    assert response.context["total"]["received"] == received


def test_the_form_shows_the_period_of_a_link(client, world, police):
    login(client, world.leader)
    html = get(client, DASHBOARD, {"period": "2026-Q1"}).content.decode()
    assert re.search(r'<option value="quarter" selected>', html)
    assert re.search(r'name="year" value="2026"', html)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "month", "month": "2026-13"}, "month"),
        ({"kind": "custom", "date_from": "2026-03-31", "date_to": "2026-03-01"}, "date_to"),
        ({"kind": "quarter", "year": "2026"}, "quarter"),
        ({**MARCH, "procedure": "9.999999"}, "procedure"),
    ],
)
def test_invalid_filters_are_announced(client, world, police, params, field):
    login(client, world.leader)
    with time_machine.travel(at(MARCH_DAY, 10), tick=False):
        response = get(client, DASHBOARD, params)
    assert response.context["form"].errors[field]
    assert 'role="alert"' in response.content.decode()
    if field != "procedure":  # an unusable period falls back to this month (March 2026 here)
        assert response.context["period"].token == "2026-03"


def test_an_invalid_period_token_is_announced(client, world, police):
    login(client, world.leader)
    with time_machine.travel(at(MARCH_DAY, 10), tick=False):
        response = get(client, DASHBOARD, {"period": "2026-99"})
    assert response.context["period"].token == "2026-03"
    assert "không hợp lệ" in response.content.decode()


def test_default_period_is_this_month(client, world, police):
    login(client, world.leader)
    with time_machine.travel(at(MARCH_DAY, 10), tick=False):
        response = get(client, DASHBOARD)
    assert response.context["period"].token == "2026-03"


@pytest.mark.parametrize("path", [DASHBOARD, TABLE])
def test_a_period_not_ended_says_so(client, world, police, path):
    login(client, world.leader)
    with time_machine.travel(at(MARCH_DAY, 10), tick=False):
        march = get(client, path, MARCH).content.decode()
        february = get(client, path, {"period": "2026-02"}).content.decode()
    assert "Kỳ báo cáo chưa kết thúc" in march  # 31/3 10:00 is before 1/4 00:00
    assert "Kỳ báo cáo chưa kết thúc" not in february


# --- The statistics table ------------------------------------------------------------------------


def _cells(lines):
    for line in lines:
        yield from ((cell.value, cell.url) for cell in line.cells)
        yield from _cells(line.children)


def test_table_every_number_links_to_that_many_dossiers(client, world, police, province_admin):
    login(client, province_admin)
    response = get(client, TABLE, {**MARCH, "expand": "all"})
    lines = response.context["lines"]
    # Công an tỉnh rolls up PC06: expanded, its own row and PC06's; the commune has no sub-unit.
    assert [(line.key, [c.key for c in line.children]) for line in lines] == [
        (world.police.code, [world.police.code, POLICE_UNIT]),
        (world.commune.code, []),
    ]
    pairs = list(_cells([*lines, response.context["total_line"]]))
    assert len(pairs) == (2 + 2 + 1) * len(report_views.TABLE_COLUMNS)
    for value, url in pairs:
        assert client.get(url).context["page"].paginator.count == value, url
    html = response.content.decode()
    assert "Tổng số hồ sơ phải giải quyết" in html
    assert html.count('scope="colgroup"') == 4
    assert ' style="' not in html


@pytest.mark.parametrize("group_by", ["field", "procedure", "channel"])
def test_table_by_group_links_to_that_many_dossiers(
    client, world, police, province_admin, group_by
):
    login(client, province_admin)
    response = get(client, TABLE, {**MARCH, "group_by": group_by})
    assert response.context["group_by"] == group_by
    lines = response.context["lines"]
    # March: fields HT, CT; procedures 1.001193, 1.004194; channels counter, online, postal.
    assert len(lines) == {"field": 2, "procedure": 2, "channel": 3}[group_by]
    for value, url in _cells(lines):
        assert client.get(url).context["page"].paginator.count == value, url


def test_agency_rows_expand_with_a_link(client, world, police, province_admin):
    login(client, province_admin)
    response = get(client, TABLE, MARCH)
    police_line = response.context["lines"][0]
    assert police_line.children == []
    assert not police_line.expanded
    assert f"expand={world.police.code}" in police_line.toggle_url
    expanded = get(client, police_line.toggle_url.split("#")[0])
    police_line = expanded.context["lines"][0]
    assert police_line.expanded
    assert [c.label for c in police_line.children] == [
        "Công an tỉnh",
        "Phòng Cảnh sát quản lý hành chính",
    ]
    # Collapsing takes the code out again.
    assert f"expand={world.police.code}" not in police_line.toggle_url


def test_an_agency_name_opens_its_own_table(client, world, police, province_admin):
    login(client, province_admin)
    response = get(client, TABLE, MARCH)
    opened = get(client, response.context["lines"][0].open_url)
    # Filtered on Công an tỉnh: its own dossiers (P1, P3) and PC06's (P2) as rows.
    assert [(line.key, line.cells[2].value) for line in opened.context["lines"]] == [
        (world.police.code, 2),
        (POLICE_UNIT, 1),
    ]


# --- The drill-down ------------------------------------------------------------------------------


def test_drilldown_lists_the_dossiers_with_a_heading(client, world, police):
    login(client, world.leader)
    response = get(client, DOSSIERS, {**MARCH, "figure": "resolved_late"})
    html = response.content.decode()
    dossiers = [line.dossier for line in response.context["lines"]]
    assert len(dossiers) == 1  # F
    assert dossiers[0].received_at == at(dt.date(2026, 3, 9), 9)
    assert "Hồ sơ: Quá hạn" in html
    assert "Tháng 3/2026" in html
    assert reverse("backoffice:dossier-detail", args=[dossiers[0].code]) in html
    assert response.context["lines"][0].judgement == "Quá hạn"


@pytest.mark.parametrize(
    "params", [{"figure": "nope"}, {}, {"figure": "received", "period": "2026-13"}]
)
def test_drilldown_of_an_unknown_figure_is_not_found(client, world, police, params):
    login(client, world.leader)
    get(client, DOSSIERS, {**MARCH, **params}, status=404)


def test_drilldown_pages(client, world, police, province_admin, monkeypatch):
    monkeypatch.setattr(report_views, "PER_PAGE", 3)
    login(client, province_admin)
    # March: 7 received → pages of 3, 3, 1; the count is the whole list's.
    first = get(client, DOSSIERS, {**MARCH, "figure": "received"})
    assert first.context["page"].paginator.count == 7
    assert len(first.context["lines"]) == 3
    last = get(client, DOSSIERS, {**MARCH, "figure": "received", "page": "3"})
    assert len(last.context["lines"]) == 1
    assert "page=2" in last.content.decode()


# --- Queries -------------------------------------------------------------------------------------


def test_query_counts_are_bounded(
    client, world, police, province_admin, django_assert_max_num_queries
):
    login(client, province_admin)
    # Session and user, memberships, the agency tree (a query per level), the select's agencies and
    # fields, then the report: one grouped query, the agencies, the month series in one query.
    with django_assert_max_num_queries(13):
        get(client, DASHBOARD, MARCH)
    with django_assert_max_num_queries(13):
        get(client, TABLE, {**MARCH, "expand": "all"})
    with django_assert_max_num_queries(13):
        get(client, TABLE, {**MARCH, "group_by": "procedure"})
    # The drill-down: the count and one page (dossiers with agency, version and fact joined).
    with django_assert_max_num_queries(13):
        get(client, DOSSIERS, {**MARCH, "figure": "received"})


def test_drilldown_queries_do_not_grow_with_the_rows(client, world, police, province_admin):
    login(client, province_admin)
    few = _count_queries(client, {**MARCH, "figure": "resolved_late"})  # F, P2
    many = _count_queries(client, {"period": "2026-Q1", "figure": "received"})  # 11
    assert few == many


def _count_queries(client, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get(client, DOSSIERS, params)
    return len(captured.captured_queries)


# --- English -------------------------------------------------------------------------------------


def test_the_dashboard_renders_in_english(client, world, police):
    login(client, world.leader)
    response = client.post("/i18n/setlang/", {"language": "en", "next": DASHBOARD})
    assert response.status_code == 302
    html = get(client, DASHBOARD, MARCH).content.decode()
    assert '<html lang="en">' in html


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def test_links_on_the_table_are_drilldowns_of_the_same_filter(client, world, police):
    login(client, world.leader)
    html = get(client, TABLE, {**MARCH, "channel": "online"}).content.decode()
    parser = _Links()
    parser.feed(html)
    drills = [h for h in parser.hrefs if h.startswith(DOSSIERS)]
    assert drills
    assert all("channel=online" in h and "period=2026-03" in h for h in drills)


def test_the_dashboard_links_every_report_and_the_table_offers_downloads(client, world, police):
    """The reports hub: each report page is one click from the dashboard, with the filter kept;
    the statistics table offers its Excel, CSV and PDF files."""
    login(client, world.leader)
    html = get(client, DASHBOARD, MARCH).content.decode()
    for name in ("report-late-units", "report-attribution", "report-officers", "report-scoring",
                 "report-index766", "report-targets", "report-catalog", "report-export"):  # fmt: skip
        assert reverse(f"backoffice:{name}") in html, name
    assert f"{reverse('backoffice:report-scoring')}?period=2026-03" in html
    table = get(client, reverse("backoffice:report-timeliness"), MARCH).content.decode()
    for fmt in ("xlsx", "csv", "pdf"):
        assert f"format={fmt}" in table
    csv_link = re.search(r'href="([^"]*format=csv[^"]*)"', table)
    assert csv_link is not None
    download = client.get(csv_link[1].replace("&amp;", "&"))
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
