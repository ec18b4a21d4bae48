"""The satisfaction rating page (/ho-so-cua-toi/<code>/danh-gia/): the applicant's own returned
dossier only, once; radio groups as fieldsets with legends; errors on the fields; a thank-you,
then what was given."""

import re
from dataclasses import replace

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierRating, RatingChannel, ReturnMethod
from motcua.notifications.models import Notification
from motcua.workflow.actions import dossier_return
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import (
    APPLICANT,
    MONDAY_9AM,
    World,
    at,
    build_world,
    receive_dossier,
    to_approval,
    to_result,
)
from tests.portal.test_home import parse

MONDAY = MONDAY_9AM.date()
FILLED = {
    "satisfied": "no",
    "criterion_time": "dissatisfied",
    "criterion_attitude": "very_satisfied",
    "criterion_online": "",  # "no opinion"
    "comment": "Phải đi lại hai lần.",
}


@pytest.fixture
def clock():
    with time_machine.travel(at(MONDAY, 16, 30), tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock) -> World:
    return build_world()


@pytest.fixture
def applicant(db) -> User:
    return CitizenFactory()


def approved(world: World, account: User) -> Dossier:
    applicant = replace(APPLICANT, account=account)
    return to_result(world, to_approval(world, receive_dossier(world, applicant=applicant)))


def returned(world: World, account: User) -> Dossier:
    return dossier_return(dossier=approved(world, account), actor=world.desk_officer,
                          method=ReturnMethod.POST, tracking_number="EB1", at=at(MONDAY, 16))  # fmt: skip


def url(dossier: Dossier) -> str:
    return reverse("portal:rate", args=[dossier.code])


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_path_is_under_my_dossiers(world, applicant) -> None:
    dossier = returned(world, applicant)

    assert url(dossier) == f"/ho-so-cua-toi/{dossier.code}/danh-gia/"


def test_anonymous_visitors_are_sent_to_log_in(world, applicant) -> None:
    dossier = returned(world, applicant)

    response = Client().get(url(dossier))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


def test_another_citizens_dossier_is_not_found(world, applicant) -> None:
    dossier = returned(world, applicant)
    stranger = logged_in(CitizenFactory())

    assert stranger.get(url(dossier)).status_code == 404
    assert stranger.post(url(dossier), FILLED).status_code == 404
    assert (
        logged_in(applicant).get("/ho-so-cua-toi/000.01.31.H99-260309-9999/danh-gia/").status_code
        == 404
    )
    assert not DossierRating.objects.exists()


def test_staff_are_refused(world, applicant) -> None:
    dossier = returned(world, applicant)

    assert logged_in(world.desk_officer).get(url(dossier)).status_code == 403


def test_a_dossier_not_yet_returned_has_no_form(world, applicant) -> None:
    dossier = approved(world, applicant)
    client = logged_in(applicant)

    page = client.get(url(dossier))

    assert page.status_code == 200
    assert "Hồ sơ đang ở trạng thái “Đã xử lý xong”." in text(page)
    assert "sau khi nhận kết quả giải quyết" in text(page)
    assert parse(page.content.decode()).find("fieldset") == []
    assert client.post(url(dossier), FILLED).status_code == 409
    assert not DossierRating.objects.exists()


def test_the_form_asks_each_question_in_a_fieldset_with_its_legend(world, applicant) -> None:
    response = logged_in(applicant).get(url(returned(world, applicant)))

    assert response.status_code == 200
    page = text(response)
    legends = re.findall(r"<legend>(.*?)</legend>", page)
    assert legends[0] == "Nhìn chung, Ông/Bà có hài lòng với việc giải quyết hồ sơ này không?"
    assert legends[1:] == [
        "Thời gian giải quyết hồ sơ so với thời hạn quy định",
        "Số lần, số nơi (cơ quan, đơn vị) phải liên hệ để hoàn thành thủ tục",
        "Việc công khai thông tin về thủ tục hành chính",
        "Thái độ, tinh thần phục vụ của cán bộ, công chức",
        "Việc tuân thủ quy định khi giải quyết hồ sơ, chi phí (kể cả chi phí không chính thức)",
        "Việc tiếp nhận, trả lời phản ánh, kiến nghị",
        "Chất lượng dịch vụ công trực tuyến",
    ]
    tags = parse(response.content.decode())
    radios = [i for i in tags.find("input") if i.get("type") == "radio"]
    labelled = {label["for"] for label in tags.find("label") if label.get("for")}
    assert radios
    assert all(r["id"] in labelled for r in radios), "every choice has its label"
    time_levels = [(r["value"], "checked" in r) for r in radios if r["name"] == "criterion_time"]
    assert time_levels == [
        ("very_satisfied", False), ("satisfied", False), ("dissatisfied", False), ("", True),
    ]  # fmt: skip
    assert [r for r in radios if r["name"] == "satisfied" and "checked" in r] == []
    assert "Rất hài lòng" in page
    assert "Phải đi lại" not in page


def test_rating_once_then_thank_you_then_what_was_given(world, applicant, clock) -> None:
    dossier = returned(world, applicant)
    client = logged_in(applicant)

    sent = client.post(url(dossier), FILLED)

    assert sent.status_code == 302
    assert sent["Location"] == f"{url(dossier)}?cam-on=1"
    rating = DossierRating.objects.get(dossier=dossier)
    assert (rating.satisfied, rating.channel) == (False, RatingChannel.ONLINE)
    assert rating.answers == {"time": "dissatisfied", "attitude": "very_satisfied"}
    assert rating.comment == "Phải đi lại hai lần."

    thanks = client.get(sent["Location"])
    assert thanks.status_code == 200
    heading = next(h for h in parse(thanks.content.decode()).find("h2")
                   if h.get("id") == "rating-given-title")  # fmt: skip
    assert "autofocus" in heading
    page = text(thanks)
    assert "Cảm ơn Ông/Bà đã đánh giá" in page
    assert 'data-testid="rating-satisfied">Không hài lòng</dd>' in page
    assert 'data-criterion="time">Không hài lòng</dd>' in page
    assert 'data-criterion="attitude">Rất hài lòng</dd>' in page
    assert 'data-criterion="online"' not in page
    assert "Phải đi lại hai lần." in page
    assert "16:30 09/03/2026" in page

    again = client.post(url(dossier), {**FILLED, "satisfied": "yes"})
    assert again.status_code == 409
    assert "Ông/Bà đã đánh giá hồ sơ này" in text(again)
    assert 'data-testid="rating-satisfied">Không hài lòng</dd>' in text(again)
    assert DossierRating.objects.get().satisfied is False
    later = client.get(url(dossier))
    assert "Ông/Bà đã đánh giá hồ sơ này" in text(later)
    assert "Cảm ơn Ông/Bà" not in text(later)
    forms = parse(later.content.decode()).find("form")
    assert [f for f in forms if f.get("action") == url(dossier)] == []


def test_errors_are_shown_on_their_fields(world, applicant) -> None:
    dossier = returned(world, applicant)

    response = logged_in(applicant).post(
        url(dossier), {"criterion_time": "excellent", "comment": "x" * 2001}
    )

    assert response.status_code == 400
    assert not DossierRating.objects.exists()
    tags = parse(response.content.decode())
    summary = [d for d in tags.find("div") if d.get("role") == "alert"]
    assert len(summary) == 1
    assert "autofocus" in summary[0]
    links = [a["href"] for a in tags.find("a") if (a.get("href") or "").startswith("#id_")]
    assert links == ["#id_satisfied", "#id_criterion_time", "#id_comment"]
    fieldsets = {f["id"]: f for f in tags.find("fieldset")}
    assert (fieldsets["id_satisfied"]["aria-describedby"] or "").split() == ["id_satisfied_error"]
    described = fieldsets["id_criterion_time"]["aria-describedby"] or ""
    assert described.split() == ["id_criterion_time_error"]
    assert "aria-describedby" not in fieldsets["id_criterion_online"]
    page = text(response)
    assert 'id="id_satisfied_error"' in page
    assert "Vui lòng chọn “Hài lòng” hoặc “Không hài lòng”." in page
    assert "Vui lòng chọn một mức trong danh sách." in page
    assert "Ý kiến khác không dài quá 2000 ký tự." in page
    comment = next(t for t in tags.find("textarea") if t.get("name") == "comment")
    assert "id_comment_error" in (comment["aria-describedby"] or "").split()


def test_the_returned_message_links_to_this_page(world, applicant, settings) -> None:
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.gov.vn"
    dossier = returned(world, applicant)

    body = Notification.objects.get(key=f"dossier:{dossier.pk}:returned:email").body
    link = re.search(r"https://dichvucong\.example\.gov\.vn(\S+)", body.split("đánh giá")[1])
    assert link is not None
    assert link.group(1) == url(dossier)
    assert logged_in(applicant).get(link.group(1)).status_code == 200
