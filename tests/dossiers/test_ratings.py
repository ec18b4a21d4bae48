"""Satisfaction ratings (`motcua.dossiers.ratings`): who may rate, only returned dossiers, once,
checked answers, no person on the rating row, the anonymous summary, and the invitation in the
"returned" message."""

import datetime as dt
from dataclasses import replace

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from motcua.accounts.models import User
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.models import AuditEvent
from motcua.dossiers.models import (
    Dossier,
    DossierRating,
    DossierStatus,
    RatingChannel,
    RatingLevel,
    ReturnMethod,
)
from motcua.dossiers.ratings import (
    RatingExists,
    RatingNotOpen,
    can_record_rating,
    dossier_rate,
    rating_criteria,
    rating_of,
    rating_rows,
    rating_summary,
    rating_url,
)
from motcua.notifications.models import Notification, NotificationChannel
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

MONDAY = MONDAY_9AM.date()
CRITERIA = ("time", "contacts", "publicity", "attitude", "compliance", "feedback", "online")


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


def returned(world: World, account: User | None, *, when: dt.datetime | None = None) -> Dossier:
    """A dossier of `account` (none: a counter applicant without an account), received Monday
    9:00, approved 15:00 and handed over at the counter 16:00."""
    applicant = replace(APPLICANT, account=account)
    dossier = to_result(world, to_approval(world, receive_dossier(world, applicant=applicant)))
    return dossier_return(dossier=dossier, actor=world.desk_officer, method=ReturnMethod.COUNTER,
                          received_by_name="Nguyễn Văn Bình", received_by_id_number=APPLICANT.id_number,
                          at=when or at(MONDAY, 16))  # fmt: skip


def rate(dossier: Dossier, actor: User, **overrides: object) -> DossierRating:
    arguments: dict[str, object] = {
        "satisfied": True,
        "answers": {"time": RatingLevel.VERY_SATISFIED, "attitude": RatingLevel.SATISFIED},
        "comment": "  Cán bộ hướng dẫn tận tình.  ",
        "channel": RatingChannel.ONLINE,
        "actor": actor,
    }
    arguments.update(overrides)
    return dossier_rate(dossier=dossier, **arguments)  # type: ignore[arg-type]


def test_the_applicant_rates_a_returned_dossier_online(world, applicant) -> None:
    dossier = returned(world, applicant)

    rating = rate(dossier, applicant)

    rating.refresh_from_db()
    assert rating.dossier == dossier
    assert rating.satisfied is True
    assert rating.answers == {"time": "very_satisfied", "attitude": "satisfied"}
    assert rating.comment == "Cán bộ hướng dẫn tận tình."
    assert rating.channel == RatingChannel.ONLINE
    assert rating.rated_at == at(MONDAY, 16, 30)
    assert rating_of(dossier=Dossier.objects.get(pk=dossier.pk)) == rating
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RETURNED  # not a transition


def test_the_rating_row_names_no_person(world, applicant) -> None:
    rating = rate(returned(world, applicant), applicant)

    person_links = [
        f.name
        for f in DossierRating._meta.get_fields()
        if isinstance(f, models.ForeignKey | models.OneToOneField) and f.related_model is User
    ]
    assert person_links == []
    stored = DossierRating.objects.filter(pk=rating.pk).values().get()
    assert set(stored) == {
        "id", "dossier_id", "satisfied", "answers", "comment", "channel", "rated_at",
    }  # fmt: skip
    assert applicant.username not in str(stored)


def test_who_entered_it_is_audited_on_the_dossier_without_the_answers(world, applicant) -> None:
    dossier = returned(world, applicant)
    rate(dossier, applicant, comment="Rất tốt")

    event = AuditEvent.objects.get(action="dossier.rated")

    assert (event.actor, event.object_type, event.object_id) == (
        applicant, "dossiers.dossier", str(dossier.pk),
    )  # fmt: skip
    assert event.data == {"channel": "online"}


def test_only_a_returned_dossier_can_be_rated(world, applicant) -> None:
    dossier = to_result(world, to_approval(world, receive_dossier(
        world, applicant=replace(APPLICANT, account=applicant))))  # fmt: skip
    assert dossier.status == DossierStatus.RESULT_READY

    with pytest.raises(RatingNotOpen) as refused:
        rate(dossier, applicant)

    assert refused.value.code == "rating_not_open"
    assert not DossierRating.objects.exists()


def test_a_dossier_is_rated_once(world, applicant) -> None:
    dossier = returned(world, applicant)
    rate(dossier, applicant)

    with pytest.raises(RatingExists) as again:
        rate(dossier, applicant, satisfied=False)
    with pytest.raises(RatingExists):  # a slip for a dossier already rated online, too
        rate(dossier, world.desk_officer, channel=RatingChannel.SLIP)

    assert again.value.code == "rating_exists"
    assert DossierRating.objects.get().satisfied is True


def test_who_may_rate(world, applicant) -> None:
    dossier = returned(world, applicant)
    refused = [
        (CitizenFactory(), RatingChannel.ONLINE),  # another citizen
        (world.desk_officer, RatingChannel.ONLINE),  # online is the applicant's own
        (applicant, RatingChannel.SLIP),  # slips are entered at the desk
        (world.other_officer, RatingChannel.SLIP),  # a desk officer of another desk
        (world.specialist, RatingChannel.DEVICE),  # not a desk officer
        (world.leader, RatingChannel.SLIP),
    ]
    for actor, channel in refused:
        with pytest.raises(PermissionDenied) as denied:
            rate(dossier, actor, channel=channel)
        assert denied.value.code == "rating_not_permitted", (actor, channel)

    rating = rate(dossier, world.desk_officer, channel=RatingChannel.SLIP)

    assert rating.channel == RatingChannel.SLIP


def test_a_desk_officer_enters_a_slip_for_an_applicant_without_account(world) -> None:
    dossier = returned(world, None)
    assert can_record_rating(world.desk_officer, dossier, on=MONDAY)
    assert not can_record_rating(world.other_officer, dossier, on=MONDAY)

    rate(dossier, world.desk_officer, channel=RatingChannel.DEVICE, satisfied=False, answers={})

    assert DossierRating.objects.get(dossier=dossier).channel == RatingChannel.DEVICE
    assert not can_record_rating(world.desk_officer, Dossier.objects.get(pk=dossier.pk), on=MONDAY)


@pytest.mark.parametrize(
    ("answers", "comment", "field", "code"),
    [
        ({"speed": "satisfied"}, "", "answers", "criterion_unknown"),
        ({"time": "excellent"}, "", "answers.time", "level_invalid"),
        ({"online": ""}, "", "answers.online", "level_invalid"),
        ({}, "x" * 2001, "comment", "comment_too_long"),
    ],
)
def test_answers_are_checked_field_by_field(world, applicant, answers, comment, field, code):
    dossier = returned(world, applicant)

    with pytest.raises(ValidationFailed) as invalid:
        rate(dossier, applicant, answers=answers, comment=comment)

    assert (invalid.value.field, invalid.value.code) == (field, code)
    assert not DossierRating.objects.exists()


def test_every_criterion_and_a_full_comment_are_accepted(world, applicant) -> None:
    answers = dict.fromkeys(CRITERIA, RatingLevel.DISSATISFIED)

    rating = rate(returned(world, applicant), applicant, answers=answers, comment="x" * 2000)

    assert rating.answers == dict.fromkeys(CRITERIA, "dissatisfied")
    assert [row.code for row in rating_rows(rating)] == list(CRITERIA)


def test_the_default_criteria_are_those_of_decree_61_art_31() -> None:
    criteria = rating_criteria()

    assert tuple(c.code for c in criteria) == CRITERIA
    assert criteria[0].question == "Thời gian giải quyết hồ sơ so với thời hạn quy định"
    assert "chi phí không chính thức" in criteria[4].question


def test_the_criteria_follow_the_setting(settings) -> None:
    settings.MOTCUA_RATING_CRITERIA = [("wait_time", "Thời gian chờ tại quầy")]
    assert [(c.code, c.question) for c in rating_criteria()] == [
        ("wait_time", "Thời gian chờ tại quầy")
    ]
    for bad in ([("Time", "?")], [("a__b", "?")], [("time", "?"), ("time", "!")], ["time"]):
        settings.MOTCUA_RATING_CRITERIA = bad
        with pytest.raises(ImproperlyConfigured, match="MOTCUA_RATING_CRITERIA"):
            rating_criteria()


def test_rows_follow_the_criteria_order_and_keep_a_removed_criterion(
    world, applicant, settings
) -> None:
    rating = rate(returned(world, applicant), applicant,
                  answers={"online": "satisfied", "time": "dissatisfied"})  # fmt: skip
    settings.MOTCUA_RATING_CRITERIA = [("online", "Trực tuyến"), ("contacts", "Liên hệ")]

    rows = rating_rows(rating)

    assert [(r.code, r.question, r.level) for r in rows] == [
        ("online", "Trực tuyến", RatingLevel.SATISFIED),
        ("time", "time", RatingLevel.DISSATISFIED),
    ]


def test_the_summary_counts_without_persons(world, django_assert_num_queries) -> None:
    citizens = [CitizenFactory() for _ in range(3)]
    first, second, third = (returned(world, c) for c in citizens)
    rate(first, citizens[0], satisfied=True,
         answers={"time": "very_satisfied", "attitude": "satisfied"})  # fmt: skip
    rate(second, citizens[1], satisfied=False,
         answers={"time": "dissatisfied", "attitude": "dissatisfied"})  # fmt: skip
    rate(third, world.desk_officer, channel=RatingChannel.SLIP, satisfied=True,
         answers={"time": "very_satisfied"}, at=at(MONDAY + dt.timedelta(days=1), 9))  # fmt: skip

    with django_assert_num_queries(1):
        summary = rating_summary()

    assert (summary.total, summary.satisfied, summary.dissatisfied) == (3, 2, 1)
    assert summary.satisfied_percent == 66.7
    by_code = {c.code: c for c in summary.criteria}
    assert list(by_code) == list(CRITERIA)
    assert by_code["time"].counts == {
        RatingLevel.VERY_SATISFIED: 2, RatingLevel.SATISFIED: 0, RatingLevel.DISSATISFIED: 1,
    }  # fmt: skip
    assert by_code["attitude"].answered == 2
    assert by_code["online"].answered == 0

    monday = rating_summary(since=at(MONDAY, 0), until=at(MONDAY + dt.timedelta(days=1), 0))
    assert (monday.total, monday.satisfied) == (2, 1)
    assert rating_summary(agency_ids=[world.commune.pk]).total == 3
    assert rating_summary(agency_ids=[world.justice.pk]).total == 0
    assert rating_summary(agency_ids=[]).total == 0


@pytest.mark.django_db
def test_an_empty_summary_has_no_percentage() -> None:
    summary = rating_summary()

    assert (summary.total, summary.satisfied_percent) == (0, None)
    assert all(c.answered == 0 for c in summary.criteria)


def test_the_returned_message_invites_an_account_holder_to_rate(world, applicant) -> None:
    with_account = returned(world, applicant)
    without = returned(world, None)

    def email(dossier: Dossier) -> str:
        return Notification.objects.get(
            key=f"dossier:{dossier.pk}:returned:{NotificationChannel.EMAIL.value}"
        ).body

    url = f"http://testserver.example/ho-so-cua-toi/{with_account.code}/danh-gia/"
    assert url in email(with_account)
    assert "danh-gia" not in email(without)
    sms = Notification.objects.get(key=f"dossier:{with_account.pk}:returned:sms").body
    assert url in sms


@pytest.fixture(autouse=True)
def _public_url(settings) -> None:
    settings.MOTCUA_PUBLIC_URL = "http://testserver.example/"


def test_the_rating_link_is_the_rating_page(db) -> None:
    dossier = Dossier(code="000.01.31.H99-260309-0001", reference="R1")

    assert rating_url(dossier) == "http://testserver.example" + reverse(
        "portal:rate", args=[dossier.code]
    )


def test_the_database_refuses_a_comment_too_long(world, applicant) -> None:
    rating = rate(returned(world, applicant), applicant)

    with pytest.raises(IntegrityError), transaction.atomic():
        DossierRating.objects.filter(pk=rating.pk).update(comment="x" * 2001)
    with pytest.raises(IntegrityError), transaction.atomic():
        DossierRating.objects.filter(pk=rating.pk).update(channel="phone")
