"""The satisfaction rating in the back office: the workspace shows it without the rater, and a desk
officer of the dossier's desk enters a paper slip (or a counter device's record) once the result
is returned — nobody else, and not twice."""

import re
from dataclasses import replace

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierRating, RatingChannel, ReturnMethod
from motcua.dossiers.ratings import dossier_rate
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

pytestmark = pytest.mark.django_db

MONDAY = MONDAY_9AM.date()
SLIP = {
    "channel": "slip",
    "satisfied": "yes",
    "criterion_time": "satisfied",
    "criterion_attitude": "very_satisfied",
    "comment": "Cán bộ nhiệt tình.",
}


@pytest.fixture
def world() -> World:
    with time_machine.travel(at(MONDAY, 8), tick=False):
        return build_world()


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(at(MONDAY, 16, 30), tick=False):
        yield


def approved(world: World, account: User | None = None) -> Dossier:
    applicant = replace(APPLICANT, account=account)
    return to_result(world, to_approval(world, receive_dossier(world, applicant=applicant)))


def returned(world: World, account: User | None = None) -> Dossier:
    return dossier_return(dossier=approved(world, account), actor=world.desk_officer,
                          method=ReturnMethod.POST, tracking_number="EB1", at=at(MONDAY, 16))  # fmt: skip


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail(dossier: Dossier) -> str:
    return reverse("backoffice:dossier-detail", args=[dossier.code])


def entry(dossier: Dossier) -> str:
    return reverse("backoffice:dossier-rating", args=[dossier.code])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_desk_enters_a_paper_slip_from_the_workspace(world) -> None:
    dossier = returned(world)
    desk = logged_in(world.desk_officer)

    workspace = desk.get(detail(dossier))
    assert f'href="{entry(dossier)}"' in text(workspace)
    form = desk.get(entry(dossier))
    assert form.status_code == 200
    assert "<legend>Thời gian giải quyết hồ sơ so với thời hạn quy định</legend>" in text(form)

    saved = desk.post(entry(dossier), SLIP)

    assert saved.status_code == 302
    assert saved["Location"] == detail(dossier)
    rating = DossierRating.objects.get(dossier=dossier)
    assert (rating.channel, rating.satisfied) == (RatingChannel.SLIP, True)
    assert rating.answers == {"time": "satisfied", "attitude": "very_satisfied"}
    page = text(desk.get(detail(dossier)))
    assert 'data-testid="rating-satisfied">Hài lòng</dd>' in page
    assert "<dt>Thái độ, tinh thần phục vụ của cán bộ, công chức</dt><dd>Rất hài lòng</dd>" in page
    assert "Cán bộ nhiệt tình." in page
    assert "Phiếu đánh giá (cán bộ nhập lại), 09/03/2026" in page
    assert f'href="{entry(dossier)}"' not in page
    assert desk.get(entry(dossier)).status_code == 404, "once per dossier"


def test_a_slip_with_errors_is_shown_again(world) -> None:
    dossier = returned(world)

    response = logged_in(world.desk_officer).post(entry(dossier), {"channel": "slip"})

    assert response.status_code == 400
    assert 'href="#id_satisfied"' in text(response)
    assert not DossierRating.objects.exists()


def test_only_the_desk_of_the_dossier_may_enter_a_slip(world) -> None:
    dossier = returned(world)
    for officer in (world.specialist, world.leader):
        client = logged_in(officer)
        assert f'href="{entry(dossier)}"' not in text(client.get(detail(dossier)))
        assert client.get(entry(dossier)).status_code == 404
        assert client.post(entry(dossier), SLIP).status_code == 404
    assert logged_in(world.other_officer).get(entry(dossier)).status_code == 404
    assert not DossierRating.objects.exists()


def test_no_slip_before_the_result_is_returned(world) -> None:
    dossier = approved(world)
    desk = logged_in(world.desk_officer)

    assert f'href="{entry(dossier)}"' not in text(desk.get(detail(dossier)))
    assert desk.post(entry(dossier), SLIP).status_code == 404


def test_the_workspace_shows_an_online_rating_without_the_rater(world) -> None:
    citizen = CitizenFactory()
    dossier = returned(world, citizen)
    dossier_rate(dossier=dossier, satisfied=False, answers={"online": "dissatisfied"},
                 comment="Trang nộp hồ sơ chậm.", channel=RatingChannel.ONLINE,
                 actor=citizen)  # fmt: skip

    page = text(logged_in(world.specialist).get(detail(dossier)))

    section = page.split('id="rating-heading"')[1].split("</section>")[0]
    assert 'data-testid="rating-satisfied">Không hài lòng</dd>' in section
    assert "<dt>Chất lượng dịch vụ công trực tuyến</dt><dd>Không hài lòng</dd>" in section
    assert "Trang nộp hồ sơ chậm." in section
    assert citizen.full_name not in section
    assert citizen.username not in section
    assert logged_in(world.desk_officer).get(entry(dossier)).status_code == 404
