"""Feedback and petitions (PAKN) on the portal: the published answers (no personal data, search,
filters, bounded queries), sending one (anyone; a citizen's details filled in; links to a dossier
by code and digits, to a procedure; errors announced; rate limit), the confirmation, one PAKN's
page (public once published, the sender's at any time, unknown and unpublished codes alike), the
sender's additions, and likes and dislikes (once per reader, without JavaScript and with htmx)."""

import re
from collections.abc import Iterator

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from motcua.accounts.models import Agency, Role, User
from motcua.feedback import services as fb
from motcua.feedback.models import Feedback, FeedbackReaction, FeedbackStatus
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import MONDAY_9AM, World, build_world, receive, submit_online
from tests.feedback.factories import SENDER, send, staff

LIST = reverse("portal:feedback-list")
NEW = reverse("portal:feedback-new")
MINE = reverse("portal:feedback-mine")


@pytest.fixture
def world(db) -> Iterator[World]:
    cache.clear()
    with time_machine.travel(MONDAY_9AM, tick=False):
        yield build_world()
    cache.clear()


@pytest.fixture
def officer(world: World) -> User:
    return staff(Agency.objects.get(code="000.00.00.H99"), Role.SPECIALIST)


def published(officer: User, **fields: object) -> Feedback:
    feedback = fb.feedback_accept(feedback=send(**fields), actor=officer)  # type: ignore[arg-type]
    feedback = fb.feedback_answer(
        feedback=feedback, actor=officer, answer="Sở đã chấn chỉnh việc này.", public=True
    )
    return fb.feedback_publish(feedback=feedback, actor=officer)


def detail(feedback: Feedback | str) -> str:
    code = feedback if isinstance(feedback, str) else feedback.code
    return reverse("portal:feedback-detail", args=[code])


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "kind": "feedback",
        "subject": "regulation",
        "title": "Lệ phí chứng thực cao",
        "content": "Mức lệ phí chứng thực bản sao cao hơn tỉnh bạn.",
        "procedure_code": "",
        "dossier_code": "",
        "dossier_last4": "",
        "repeat_of_code": "",
        "sender_name": SENDER.name,
        "sender_address": SENDER.address,
        "sender_phone": SENDER.phone,
        "sender_email": SENDER.email,
    }
    return {**data, **changes}


# --- Published answers -----------------------------------------------------------------------


def test_the_list_shows_published_answers_without_personal_data(client, world, officer) -> None:
    shown = published(officer, title="Thời gian chờ quá lâu")
    hidden = send(title="Chưa có trả lời")
    html = client.get(LIST).content.decode()
    assert shown.code in html
    assert "Thời gian chờ quá lâu" in html
    assert "Sở đã chấn chỉnh việc này." in html
    assert hidden.code not in html
    for personal in (SENDER.name, SENDER.address, "0987654321", "0987 654 321", SENDER.email):
        assert personal not in html
    detail_html = client.get(detail(shown)).content.decode()
    for personal in (SENDER.name, SENDER.address, "0987654321", SENDER.email):
        assert personal not in detail_html


def test_search_and_filter_the_answers(client, world, officer) -> None:
    fee = published(officer, title="Lệ phí chứng thực")
    wait = published(world.leader, dossier=receive(world), last4="5678", title="Chờ lâu")
    html = client.get(LIST, {"q": "chứng thực"}).content.decode()
    assert fee.code in html
    assert wait.code not in html
    html = client.get(LIST, {"agency": world.commune.code}).content.decode()
    assert wait.code in html
    assert fee.code not in html
    # An unknown agency code is ignored, never an error page.
    assert client.get(LIST, {"agency": "nope"}).status_code == 200


def test_the_list_costs_the_same_queries_for_more_rows(
    client, world, officer, django_assert_max_num_queries
) -> None:
    published(officer)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    for _ in range(6):
        published(officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(LIST).content.decode()
    assert html.count('class="result pakn-result"') == 7


# --- Sending -----------------------------------------------------------------------------------


def test_anyone_sends_a_pakn_and_sees_the_confirmation(client, world) -> None:
    response = client.post(NEW, form_data())
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("portal:feedback-sent", args=[feedback.code])
    html = client.get(response.url).content.decode()
    assert feedback.code in html
    assert "UBND tỉnh Sơn Hà" in html
    assert feedback.sender_account is None
    # The browser that sent it sees it, even before any answer.
    assert "Lệ phí chứng thực cao" in client.get(detail(feedback)).content.decode()


def test_the_confirmation_belongs_to_the_browser_that_sent_it(client, world) -> None:
    feedback = send()
    response = client.get(reverse("portal:feedback-sent", args=[feedback.code]))
    assert response.status_code == 302
    assert response.url == detail(feedback)


def test_errors_are_summarised_and_tied_to_their_fields(client, world) -> None:
    response = client.post(NEW, form_data(sender_phone="", title=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'href="#id_sender_phone"' in html
    assert 'aria-describedby="id_sender_phone_helptext id_sender_phone_error"' in html
    assert not Feedback.objects.exists()


def test_an_invalid_phone_comes_back_from_the_service_on_its_field(client, world) -> None:
    response = client.post(NEW, form_data(sender_phone="12345"))
    assert response.status_code == 400
    assert 'id="id_sender_phone_error"' in response.content.decode()


def test_a_citizens_details_are_filled_in(client, world) -> None:
    citizen = CitizenFactory(full_name="Phạm Thu Hà")
    client.force_login(citizen)
    html = client.get(NEW).content.decode()
    assert 'value="Phạm Thu Hà"' in html
    assert f'value="{citizen.phone}"' in html
    assert f'value="{citizen.email}"' in html
    assert 'value="Số 1 đường Trần Phú, phường Ba Đình, Hà Nội"' in html
    client.post(NEW, form_data())
    assert Feedback.objects.get().sender_account == citizen
    assert Feedback.objects.get().code in client.get(MINE).content.decode()


def test_a_citizens_own_dossier_is_linked_from_its_page(client, world) -> None:
    citizen = CitizenFactory()
    dossier = submit_online(world, account=citizen)
    client.force_login(citizen)
    html = client.get(NEW, {"ho_so": dossier.display_code}).content.decode()
    assert f'value="{dossier.display_code}"' in html
    assert re.search(r'<input type="radio" name="subject" value="handling"[^>]*checked', html)
    client.post(f"{NEW}?ho_so={dossier.display_code}",
                form_data(dossier_code=dossier.display_code, subject="handling"))  # fmt: skip
    assert Feedback.objects.get().dossier == dossier


def test_someone_elses_dossier_is_not_filled_in(client, world) -> None:
    dossier = submit_online(world, account=CitizenFactory())
    client.force_login(CitizenFactory())
    html = client.get(NEW, {"ho_so": dossier.display_code}).content.decode()
    assert f'value="{dossier.display_code}"' not in html
    assert not re.search(r'<input type="radio" name="subject" value="handling"[^>]*checked', html)


def test_a_dossier_is_linked_with_its_code_and_the_right_digits(client, world) -> None:
    dossier = receive(world)
    wrong = client.post(NEW, form_data(dossier_code=dossier.display_code, dossier_last4="0000"))
    assert wrong.status_code == 400
    unknown = client.post(NEW, form_data(dossier_code="000.01.31.H99-260309-9999",
                                          dossier_last4="5678"))  # fmt: skip
    assert unknown.status_code == 400
    message = "Không tìm thấy hồ sơ có mã và 4 số cuối đã nhập."
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()
    assert not Feedback.objects.exists()
    right = client.post(NEW, form_data(dossier_code=dossier.display_code, dossier_last4="5678"))
    assert right.status_code == 302
    assert Feedback.objects.get().dossier == dossier
    assert Feedback.objects.get().agency == world.commune


def test_a_procedure_is_linked_from_its_page(client, world) -> None:
    html = client.get(NEW, {"thu_tuc": "1.001193"}).content.decode()
    assert 'value="1.001193"' in html
    assert "Thủ tục đăng ký khai sinh" in html
    client.post(NEW, form_data(procedure_code="1.001193"))
    feedback = Feedback.objects.get()
    assert feedback.procedure == world.linear.procedure
    assert feedback.agency == world.commune
    response = client.post(NEW, form_data(procedure_code="9.999999"))
    assert response.status_code == 400
    assert 'id="id_procedure_code_error"' in response.content.decode()


def test_sending_is_rate_limited_per_address(client, world, settings) -> None:
    settings.MOTCUA_FEEDBACK_RATE = "2/3600"
    assert client.post(NEW, form_data()).status_code == 302
    assert client.post(NEW, form_data()).status_code == 302
    response = client.post(NEW, form_data())
    assert response.status_code == 429
    assert "Vui lòng thử lại sau" in response.content.decode()
    assert Feedback.objects.count() == 2
    # Another address is not held back.
    assert client.post(NEW, form_data(), REMOTE_ADDR="10.0.0.9").status_code == 302


# --- One PAKN --------------------------------------------------------------------------------


def test_unknown_and_unpublished_codes_look_the_same(client, world) -> None:
    unpublished = send()
    unknown = client.get(detail("PAKN-260309-9999"))
    hidden = client.get(detail(unpublished))
    assert unknown.status_code == hidden.status_code == 404
    assert unpublished.title not in hidden.content.decode()
    assert unpublished.content not in hidden.content.decode()


def test_the_sender_opens_theirs_with_the_phone_digits(client, world, officer) -> None:
    feedback = fb.feedback_accept(feedback=send(), actor=officer)
    wrong = client.post(detail(feedback), {"last4": "0000"})
    assert wrong.status_code == 400
    assert feedback.title not in wrong.content.decode()
    response = client.post(detail(feedback), {"last4": "4321"})
    assert response.status_code == 302
    html = client.get(detail(feedback)).content.decode()
    assert feedback.content in html
    assert "Đang xử lý" in html
    assert officer.full_name not in html  # the sender sees the agency, not the officer


def test_the_sender_adds_the_information_asked_for(client, world, officer) -> None:
    citizen = CitizenFactory()
    feedback = fb.feedback_accept(feedback=send(actor=citizen), actor=officer)
    fb.feedback_request_info(feedback=feedback, actor=officer, request="Ngày nộp hồ sơ?")
    client.force_login(citizen)
    html = client.get(detail(feedback)).content.decode()
    assert "Ngày nộp hồ sơ?" in html
    response = client.post(
        reverse("portal:feedback-provide-info", args=[feedback.code]), {"text": "Ngày 2/3."}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ACCEPTED
    assert feedback.info_provided == "Ngày 2/3."
    other = CitizenFactory()
    client.force_login(other)
    assert (
        client.post(reverse("portal:feedback-provide-info", args=[feedback.code]), {"text": "x"})
    ).status_code == 404


# --- Likes and dislikes ------------------------------------------------------------------------


def test_a_reader_reacts_once_without_javascript(client, world, officer) -> None:
    feedback = published(officer)
    react = reverse("portal:feedback-react", args=[feedback.code])
    for _ in range(3):
        response = client.post(react, {"value": "like"})
        assert response.status_code == 302
        assert response.url == detail(feedback) + "#danh-gia"
    assert FeedbackReaction.objects.count() == 1
    html = client.get(detail(feedback)).content.decode()
    assert 'value="like" class="pakn-reactions__button" aria-pressed="true"' in html
    assert "(1)" in html
    client.post(react, {"value": "dislike"})
    assert list(FeedbackReaction.objects.values_list("value", flat=True)) == ["dislike"]


def test_htmx_swaps_the_buttons(client, world, officer) -> None:
    feedback = published(officer)
    citizen = CitizenFactory()
    client.force_login(citizen)
    response = client.post(
        reverse("portal:feedback-react", args=[feedback.code]),
        {"value": "dislike"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="danh-gia"')
    assert "Cảm ơn Ông/Bà đã đánh giá câu trả lời." in html
    assert FeedbackReaction.objects.get().account == citizen


def test_only_published_answers_take_reactions(client, world) -> None:
    feedback = send()
    response = client.post(
        reverse("portal:feedback-react", args=[feedback.code]), {"value": "like"}
    )
    assert response.status_code == 404
    assert not FeedbackReaction.objects.exists()
