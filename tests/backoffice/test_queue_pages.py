"""The officer's home (queues as tabs) and the list of dossiers: who may open them, what the rows
show (link, due instant in local time, badge), filters kept across pages, plain-words empty states,
the htmx partial, and a number of queries that does not grow with the rows."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from motcua.dossiers.deadlines import legal_clock
from motcua.dossiers.models import Dossier
from motcua.workflow import services as wf
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import MONDAY_9AM, World, at, build_world, receive, submit_online

HOME = reverse("backoffice:home")
LIST = reverse("backoffice:dossier-list")
MON = MONDAY_9AM.date()
TUE = MON + dt.timedelta(days=1)


@pytest.fixture
def clock():
    with time_machine.travel(at(TUE, 10), tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock) -> World:
    return build_world()


def get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def claimed(world: World, *, when: dt.datetime) -> Dossier:
    """Received, handed to appraisal and claimed by the specialist."""
    dossier = receive(world, when=when)
    dossier = wf.dossier_forward(
        dossier=dossier, actor=world.desk_officer, at=when + dt.timedelta(minutes=10)
    )
    return wf.dossier_assign(
        dossier=dossier,
        actor=world.specialist,
        handler=world.specialist,
        at=when + dt.timedelta(minutes=20),
    )


def detail_url(dossier: Dossier) -> str:
    return reverse("backoffice:dossier-detail", args=[dossier.display_code])


# --- Who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [HOME, LIST])
def test_anonymous_users_go_to_the_login_page(client, world, path) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("path", [HOME, LIST])
def test_citizens_are_refused(client, world, path) -> None:
    client.force_login(CitizenFactory())
    assert client.get(path).status_code == 403


def test_another_agencys_officer_sees_none_of_them(client, world) -> None:
    dossiers = [receive(world), claimed(world, when=at(MON, 8))]
    submit_online(world, account=CitizenFactory())
    client.force_login(world.other_officer)
    for page in (
        get(client, HOME),
        get(client, LIST),
        get(client, HOME, queue="reception"),
        get(client, LIST, q=dossiers[0].code),
    ):
        for dossier in dossiers:
            assert f'href="{detail_url(dossier)}"' not in page
        assert "Nguyễn Văn Bình" not in page
        assert "<table" not in page


# --- What the home shows -------------------------------------------------------------------------


def test_the_desk_officer_opens_on_reception_with_tabs_and_counts(client, world) -> None:
    online = submit_online(world, account=CitizenFactory(), when=at(MON, 8))
    mine = receive(world)
    client.force_login(world.desk_officer)
    page = get(client, HOME)
    tabs = re.findall(r'<a class="queue-tabs__tab"[^>]*aria-current="page"[^>]*>\s*([^<]+)', page)
    assert [t.strip() for t in tabs] == ["Chờ tiếp nhận"]
    assert online.reference in page  # an online submission has its reference until reception
    assert f'href="{detail_url(online)}"' in page
    assert re.search(r"Nộp lúc <time[^>]*>09/03/2026 08:00</time>", page)
    assert str(mine.code) not in page  # in another tab
    assert re.search(r"Của tôi\s*<span class=\"queue-tabs__count\">.*?1", page, re.S)
    page = get(client, HOME, queue="mine")
    assert f'href="{detail_url(mine)}"' in page
    assert f'href="{LIST}"' in page  # the list of everything is a tab too


def test_rows_show_the_local_due_instant_and_the_badge(client, world, clock) -> None:
    dossier = claimed(world, when=MONDAY_9AM)
    due = legal_clock(dossier, pauses=[], at=at(TUE, 10))
    client.force_login(world.specialist)
    page = get(client, HOME)  # a specialist opens on their own dossiers
    local = due.due_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert local.strftime("%d/%m/%Y %H:%M") in page
    assert '<span class="badge badge--in_time">Trong hạn</span>' in page
    assert due.soon_at is not None
    clock.move_to(due.soon_at + dt.timedelta(minutes=5))
    page = get(client, HOME)
    assert '<span class="badge badge--due_soon">Sắp đến hạn</span>' in page
    clock.move_to(due.due_at + dt.timedelta(minutes=5))
    page = get(client, HOME)
    assert '<span class="badge badge--overdue">Quá hạn</span>' in page
    summary = re.search(r'<ul class="queue-summary".*?</ul>', page, re.S)
    assert summary is not None
    assert re.search(r"Quá hạn</span>\s*1 hồ sơ", summary.group(0))
    assert re.search(r"Sắp đến hạn</span>\s*0 hồ sơ", summary.group(0))
    # The leader's watch list has it now.
    client.force_login(world.leader)
    page = get(client, HOME, queue="watch")
    assert f'href="{detail_url(dossier)}"' in page


def test_empty_queues_say_so_in_plain_words(client, world) -> None:
    client.force_login(world.leader)
    page = get(client, HOME)
    assert "Không có hồ sơ nào đang chờ phê duyệt." in page
    assert "<table" not in page


def test_an_unknown_queue_opens_the_default_one(client, world) -> None:
    client.force_login(world.specialist)
    for value in ("bogus", "reception", "all"):
        page = get(client, HOME, queue=value)
        assert '<h2 id="queue-heading">Của tôi' in page, value


# --- Filters, pages, the partial -----------------------------------------------------------------


def test_filters_are_kept_across_pages(client, world) -> None:
    for i in range(31):
        receive(world, when=MONDAY_9AM + dt.timedelta(minutes=2 * i))
    client.force_login(world.desk_officer)
    page = get(client, LIST, channel="counter", procedure="1.001193")
    assert "(31 hồ sơ phù hợp)" in page
    assert f'href="{LIST}?procedure=1.001193&amp;channel=counter&amp;page=2"' in page
    second = get(client, LIST, channel="counter", procedure="1.001193", page=2)
    assert second.count("<tr>") == 1 + 1  # the header and one row
    assert 'value="1.001193"' in second  # the filter form shows what was chosen
    # On a queue, the queue is kept too.
    page = get(client, HOME, queue="mine", channel="counter")
    assert f'href="{HOME}?queue=mine&amp;channel=counter&amp;page=2"' in page
    # Nothing matches: say so, and how to clear.
    page = get(client, LIST, channel="postal")
    assert "Không có hồ sơ nào khớp với từ khóa và bộ lọc đã chọn." in page
    assert f'<a href="{LIST}">Xóa tìm kiếm và bộ lọc</a>' in page


def test_search_by_code_and_name(client, world) -> None:
    first = receive(world)
    second = receive(world, when=at(MON, 10))
    client.force_login(world.desk_officer)
    page = get(client, LIST, q=first.code)
    assert f'href="{detail_url(first)}"' in page
    assert f'href="{detail_url(second)}"' not in page
    page = get(client, LIST, q="Văn Bình")
    assert f'href="{detail_url(first)}"' in page
    assert f'href="{detail_url(second)}"' in page


def test_a_wrong_period_is_shown_and_not_applied(client, world) -> None:
    dossier = receive(world)
    client.force_login(world.desk_officer)
    page = get(client, LIST, arrived_from="2026-03-10", arrived_to="2026-03-01")
    assert 'role="alert"' in page
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in page
    assert f'href="{detail_url(dossier)}"' in page  # the list is not emptied by a wrong filter
    assert 'value="2026-03-10"' in page  # what was typed is kept
    page = get(client, LIST, arrived_from="2026-03-10")
    assert f'href="{detail_url(dossier)}"' not in page


def test_htmx_gets_only_the_results(client, world) -> None:
    dossier = receive(world)
    client.force_login(world.desk_officer)
    response = client.get(LIST, {"q": dossier.code}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="queue-results"')
    assert "<html" not in page
    assert 'class="queue-filter"' not in page
    assert f'href="{detail_url(dossier)}"' in page
    assert 'id="queue-status" hx-swap-oob="innerHTML"' in page
    assert "HX-Request" in response["Vary"]
    # The whole page has the form that asks for it, and works without JavaScript.
    page = get(client, LIST)
    assert 'method="get"' in page
    assert 'hx-target="#queue-results"' in page
    assert 'hx-push-url="true"' in page


def test_the_procedure_filter_suggests_the_agencys_procedures(client, world) -> None:
    client.force_login(world.desk_officer)
    page = get(client, LIST)
    options = re.search(r'<datalist id="procedure-options">(.*?)</datalist>', page, re.S)
    assert options is not None
    assert 'value="1.001193"' in options.group(1)
    assert 'value="1.001194"' in options.group(1)
    client.force_login(world.other_officer)  # the justice department executes neither
    options = re.search(
        r'<datalist id="procedure-options">(.*?)</datalist>', get(client, LIST), re.S
    )
    assert options is not None
    assert "1.001193" not in options.group(1)


# --- Queries do not grow with the rows -----------------------------------------------------------


def test_queue_pages_make_the_same_queries_for_more_rows(
    client, world, django_assert_max_num_queries
) -> None:
    for i in range(3):
        claimed(world, when=MONDAY_9AM + dt.timedelta(minutes=30 * i))
    for user, path, params in (
        (world.specialist, HOME, {}),
        (world.leader, HOME, {"queue": "watch"}),
        (world.desk_officer, LIST, {}),
    ):
        client.force_login(user)
        client.get(path, params)  # warm up (session, content types)
    counts = {}
    for user, path, params in (
        (world.specialist, HOME, {}),
        (world.desk_officer, LIST, {}),
    ):
        client.force_login(user)
        with django_assert_max_num_queries(40) as few:
            assert client.get(path, params).status_code == 200
        counts[user.pk, path] = len(few.captured_queries)
    for i in range(12):
        claimed(world, when=at(MON, 13) + dt.timedelta(minutes=10 * i))
    for user, path, params in (
        (world.specialist, HOME, {}),
        (world.desk_officer, LIST, {}),
    ):
        client.force_login(user)
        with django_assert_max_num_queries(counts[user.pk, path]):
            page = get(client, path, **params)
        assert page.count('<th scope="row">') == 15
