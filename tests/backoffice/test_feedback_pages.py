"""Feedback and petitions (PAKN) in the back office: who may open the pages (another agency's
PAKN is a 404), the queue with its overdue badges and filters, one PAKN's page with exactly the
steps allowed now, each step's form (errors, stale posts, htmx), recording a PAKN received by
telephone, and a number of queries that does not grow with the rows."""

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from motcua.accounts.models import Agency, Role, User
from motcua.feedback import services as fb
from motcua.feedback.models import Feedback, FeedbackStatus
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import MONDAY_9AM, World, at, build_world, receive
from tests.feedback.factories import send, staff

LIST = reverse("backoffice:feedback-list")
RECORD = reverse("backoffice:feedback-record")
MON = MONDAY_9AM.date()


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock) -> World:
    cache.clear()
    return build_world()


@pytest.fixture
def province(world: World) -> Agency:
    return Agency.objects.get(code="000.00.00.H99")


@pytest.fixture
def officer(province: Agency) -> User:
    return staff(province, Role.SPECIALIST, name="chuyenvien.tinh")


def detail(feedback: Feedback) -> str:
    return reverse("backoffice:feedback-detail", args=[feedback.code])


def action(feedback: Feedback, name: str) -> str:
    return reverse("backoffice:feedback-action", args=[feedback.code, name])


def page(client, path: str, **params: object) -> str:
    response = client.get(path, params)
    assert response.status_code == 200, response.status_code
    return str(response.content.decode())


# --- Who may open the pages -------------------------------------------------------------------


def test_anonymous_users_go_to_the_login_page(client, world) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_citizens_are_refused(client, world) -> None:
    client.force_login(CitizenFactory())
    assert client.get(LIST).status_code == 403


def test_another_agencys_pakn_is_not_found(client, world, officer) -> None:
    feedback = send()  # at the province
    client.force_login(world.police_specialist)
    assert client.get(detail(feedback)).status_code == 404
    assert client.get(action(feedback, "accept")).status_code == 404
    assert client.post(action(feedback, "accept")).status_code == 404
    assert feedback.code not in page(client, LIST)


def test_the_staff_bar_links_to_the_queue(client, world, officer) -> None:
    client.force_login(officer)
    html = page(client, LIST)
    assert re.search(rf'<a href="{LIST}" aria-current="true">Phản ánh, kiến nghị</a>', html)


# --- The queue ----------------------------------------------------------------------------------


def test_the_queue_shows_the_due_and_an_overdue_badge(client, world, clock, officer) -> None:
    feedback = send(title="Phí chứng thực quá cao")
    client.force_login(officer)
    html = page(client, LIST)
    assert feedback.code in html
    assert "Phí chứng thực quá cao" in html
    assert "11/03/2026 09:00" in html  # classify due, local time
    assert "badge--in_time" in html
    clock.move_to(at(MON + dt.timedelta(days=2), 10))
    html = page(client, LIST)
    assert 'class="badge badge--overdue">Quá hạn</span></td>' in html


def test_the_queue_filters_overdue_and_text(client, world, clock, officer) -> None:
    late = send(title="Chờ lâu")
    clock.move_to(at(MON + dt.timedelta(days=1), 16))
    fresh = send(title="Phí cao")
    clock.move_to(at(MON + dt.timedelta(days=2), 10))
    client.force_login(officer)
    html = page(client, LIST, overdue_only="on")
    assert late.code in html
    assert fresh.code not in html
    html = page(client, LIST, q="Phí cao")
    assert fresh.code in html
    assert late.code not in html


def test_an_htmx_request_gets_the_results_only(client, world, officer) -> None:
    send()
    client.force_login(officer)
    response = client.get(LIST, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="pakn-results"')
    assert "staff-bar" not in html


def test_the_queue_costs_the_same_queries_for_more_rows(
    client, world, officer, django_assert_max_num_queries
) -> None:
    send()
    client.force_login(officer)
    with django_assert_max_num_queries(40) as few:
        page(client, LIST)
    for _ in range(12):
        send()
    fb.feedback_accept(feedback=send(), actor=officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = page(client, LIST)
    assert html.count('<th scope="row">') == 14


# --- One PAKN -----------------------------------------------------------------------------------


def test_the_page_shows_content_sender_clock_and_the_steps_allowed_now(
    client, world, officer
) -> None:
    feedback = send(content="Tôi phải chờ hơn hai giờ.")
    client.force_login(officer)
    html = page(client, detail(feedback))
    assert "Tôi phải chờ hơn hai giờ." in html
    assert "Trần Thị Mai" in html
    assert "0987654321" in html
    assert "Tiếp nhận phản ánh, kiến nghị" in html  # the timeline's first step
    offered = re.findall(r'data-action="([a-z_]+)"', html)
    assert offered == ["accept", "refuse", "forward", "mark_repeat"]


def test_a_desk_officer_is_not_offered_the_answer(client, world) -> None:
    feedback = send(dossier=receive(world), last4="5678")  # at the commune
    feedback = fb.feedback_accept(feedback=feedback, actor=world.desk_officer)
    client.force_login(world.desk_officer)
    html = page(client, detail(feedback))
    assert 'data-action="answer"' not in html
    assert client.get(action(feedback, "answer")).status_code == 404
    client.force_login(world.leader)
    assert 'data-action="answer"' in page(client, detail(feedback))


def test_the_linked_dossier_is_a_link_only_for_who_may_see_it(client, world) -> None:
    dossier = receive(world)
    feedback = send(dossier=dossier, last4="5678")
    dossier_url = reverse("backoffice:dossier-detail", args=[dossier.display_code])
    client.force_login(world.specialist)  # the commune: sees the dossier
    assert f'href="{dossier_url}"' in page(client, detail(feedback))
    justice = staff(world.justice, Role.SPECIALIST)
    fb.feedback_forward(feedback=feedback, actor=world.specialist, to_agency=world.justice,
                        reason="Thuộc thẩm quyền Sở Tư pháp.")  # fmt: skip
    client.force_login(justice)  # sees the PAKN, not the dossier
    html = page(client, detail(feedback))
    assert dossier.display_code in html
    assert f'href="{dossier_url}"' not in html


# --- Steps ------------------------------------------------------------------------------------


def test_accept_from_the_form(client, world, officer) -> None:
    feedback = send()
    client.force_login(officer)
    assert "Tiếp nhận xử lý" in page(client, action(feedback, "accept"))
    response = client.post(action(feedback, "accept"), {"note": "Thuộc thẩm quyền."})
    assert response.status_code == 302
    assert response.url == detail(feedback)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ACCEPTED
    assert "Đã thực hiện: Tiếp nhận xử lý." in page(client, detail(feedback))


def test_a_refusal_without_reason_shows_the_error_on_the_field(client, world, officer) -> None:
    feedback = send()
    client.force_login(officer)
    response = client.post(action(feedback, "refuse"), {"reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'href="#id_reason"' in html
    assert re.search(r'<textarea[^>]*aria-describedby="[^"]*id_reason_error', html)
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_a_stale_post_gets_a_message(client, world, officer) -> None:
    feedback = send()
    fb.feedback_accept(feedback=feedback, actor=officer)  # a colleague was faster
    client.force_login(officer)
    response = client.post(action(feedback, "accept"), {"note": ""}, follow=True)
    assert response.redirect_chain[-1][0] == detail(feedback)
    assert "không còn thực hiện được" in response.content.decode()


def test_forward_lists_other_agencies(client, world, officer, province) -> None:
    feedback = send()
    client.force_login(officer)
    html = page(client, action(feedback, "forward"))
    assert world.commune.name in html
    assert f'value="{province.pk}"' not in html
    response = client.post(
        action(feedback, "forward"), {"to_agency": world.commune.pk, "reason": "Của xã."}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.agency == world.commune
    # The province still sees the PAKN it forwarded, without steps.
    html = page(client, detail(feedback))
    assert "Bạn không có thao tác nào" in html


def test_answer_public_then_publish_with_the_content_prefilled(client, world, officer) -> None:
    feedback = fb.feedback_accept(feedback=send(content="Nội dung gốc"), actor=officer)
    client.force_login(officer)
    response = client.post(action(feedback, "answer"), {"answer": "Đã xử lý.", "public": "on"})
    assert response.status_code == 302
    html = page(client, action(feedback, "publish"))
    assert "Nội dung gốc</textarea>" in html
    client.post(action(feedback, "publish"), {"public_content": "Nội dung đã lược bỏ"})
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.PUBLISHED
    assert feedback.public_content == "Nội dung đã lược bỏ"


def test_an_htmx_step_answers_with_a_redirect_header(client, world, officer) -> None:
    feedback = send()
    client.force_login(officer)
    form = client.get(action(feedback, "accept"), headers={"HX-Request": "true"})
    assert form.content.decode().lstrip().startswith("<form")
    response = client.post(action(feedback, "accept"), {"note": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == detail(feedback)


# --- Recording a PAKN received by telephone ---------------------------------------------------


def test_a_desk_officer_records_a_call_about_their_dossier(client, world) -> None:
    dossier = receive(world)
    client.force_login(world.desk_officer)
    assert "Điện thoại đường dây nóng (ghi lại)" in page(client, RECORD)
    response = client.post(
        RECORD,
        {
            "channel": "hotline",
            "received_at": "2026-03-09T08:30",
            "kind": "feedback",
            "subject": "conduct",
            "title": "Cán bộ hẹn lại nhiều lần",
            "content": "Người gọi cho biết phải đến ba lần.",
            "dossier_code": dossier.display_code,
            "sender_name": "Lê Văn Cường",
            "sender_address": "Thôn Tây, xã Hòa An",
            "sender_phone": "0912 111 222",
            "sender_email": "",
        },
    )
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response.url == detail(feedback)
    assert feedback.channel == "hotline"
    assert feedback.recorded_by == world.desk_officer
    assert feedback.received_at == at(MON, 8, 30)
    assert feedback.agency == world.commune


def test_recording_shows_errors_and_needs_an_agency_membership(client, world) -> None:
    client.force_login(world.desk_officer)
    response = client.post(RECORD, {"channel": "hotline"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Feedback.objects.exists()
    client.force_login(staff(world.commune, Role.INSPECTOR))
    assert client.get(RECORD).status_code == 404
