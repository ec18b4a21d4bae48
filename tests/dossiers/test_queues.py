"""The officer's queues: who sees which dossier in which queue, in which order, with which deadline
standing; the filters, the pages, the cap; and agreement with the workflow's own rules (the rows
of "unassigned" are exactly the dossiers the workflow lets this officer assign or forward)."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import TypedDict, Unpack

import pytest

from motcua.accounts.models import Role, User
from motcua.accounts.services import membership_grant
from motcua.catalog.models import CaseVariant
from motcua.dossiers.deadlines import Standing, legal_clock
from motcua.dossiers.models import Channel, Dossier, DossierStatus
from motcua.dossiers.queues import (
    Queue,
    QueueFilters,
    default_queue,
    queue_board,
    queue_dossiers,
    queues_for,
)
from motcua.reports.models import DossierFact
from motcua.workflow import services as wf
from motcua.workflow.selectors import available_actions
from motcua.workflow.transitions import Action
from tests.accounts.factories import CitizenFactory, StaffUserFactory
from tests.dossiers.builders import (
    APPLICANT,
    MONDAY_9AM,
    World,
    at,
    build_world,
    online_components,
    receive,
    submit_online,
    to_approval,
    to_result,
)

MON = MONDAY_9AM.date()
TUE = MON + dt.timedelta(days=1)
WED = MON + dt.timedelta(days=2)
LATER = at(TUE, 16)  # "now" for most checks: everything below happens before


@pytest.fixture
def world(db) -> World:
    return build_world()


class Filters(TypedDict, total=False):
    text: str
    procedure: str
    field: str
    status: DossierStatus
    channel: Channel
    arrived_from: dt.date
    arrived_to: dt.date


def pks(
    actor: User, queue: Queue, *, when: dt.datetime = LATER, **filters: Unpack[Filters]
) -> list[int]:
    result = queue_dossiers(actor=actor, queue=queue, filters=QueueFilters(**filters), at=when)
    return [row.dossier.pk for row in result.rows]


def forwarded(
    world: World, *, when: dt.datetime = MONDAY_9AM, variant: CaseVariant | None = None
) -> Dossier:
    """Received at the counter and handed from the desk to the appraisal step (unassigned)."""
    dossier = receive(world, when=when, variant=variant)
    return wf.dossier_forward(
        dossier=dossier, actor=world.desk_officer, at=when + dt.timedelta(minutes=30)
    )


def claimed(world: World, dossier: Dossier, user: User, *, when: dt.datetime) -> Dossier:
    return wf.dossier_assign(dossier=dossier, actor=user, handler=user, at=when)


def staff(world: World, role: Role) -> User:
    user = StaffUserFactory()
    membership_grant(user=user, agency=world.commune, role=role, actor=None)
    return user


# --- Who sees what -------------------------------------------------------------------------------


def test_a_desk_officer_has_reception_returns_and_their_own(world) -> None:
    received = receive(world)  # stays at the reception step, handled by the receiving officer
    online = submit_online(world, account=CitizenFactory(), when=at(MON, 10))
    ready = to_result(world, to_approval(world, receive(world, when=at(MON, 8))))
    officer = world.desk_officer
    assert pks(officer, Queue.RECEPTION) == [online.pk]
    assert pks(officer, Queue.RETURNS) == [ready.pk]
    assert pks(officer, Queue.MINE) == [received.pk]
    assert [tab.queue for tab in queues_for(actor=officer, at=LATER)] == [
        Queue.RECEPTION, Queue.RETURNS, Queue.MINE, Queue.ALL,
    ]  # fmt: skip
    # The desk's queues are the desk's: a specialist does not have them, another desk sees none.
    assert pks(world.specialist, Queue.RECEPTION) == []
    for queue in Queue:
        assert pks(world.other_officer, queue) == [], queue


def test_an_online_resubmission_comes_back_to_reception(world) -> None:
    citizen = CitizenFactory()
    online = submit_online(world, account=citizen)
    online = wf.dossier_request_intake_supplement(
        dossier=online, missing=["to-khai"], reason="Tờ khai thiếu chữ ký.",
        actor=world.desk_officer, at=at(MON, 10),
    )  # fmt: skip
    assert pks(world.desk_officer, Queue.RECEPTION) == []
    wf.dossier_resubmit(
        dossier=online, components=online_components()[:1], actor=citizen, at=at(MON, 11)
    )
    assert pks(world.desk_officer, Queue.RECEPTION) == [online.pk]


def test_unassigned_until_someone_claims_it(world) -> None:
    dossier = forwarded(world)
    for user in (world.specialist, world.specialist2, world.leader):
        assert pks(user, Queue.UNASSIGNED) == [dossier.pk], user
    assert pks(world.desk_officer, Queue.UNASSIGNED) == []
    assert pks(world.police_specialist, Queue.UNASSIGNED) == []
    assert pks(world.other_officer, Queue.UNASSIGNED) == []

    claimed(world, dossier, world.specialist, when=at(MON, 11))
    for user in (world.specialist, world.specialist2, world.leader):
        assert pks(user, Queue.UNASSIGNED) == [], user
    assert pks(world.specialist, Queue.MINE) == [dossier.pk]
    assert pks(world.specialist2, Queue.MINE) == []


def test_inter_agency_hand_offs_arrive_at_the_other_agency(world) -> None:
    dossier = forwarded(world, variant=world.inter_variant)
    dossier = wf.dossier_forward(dossier=dossier, actor=world.specialist, at=at(MON, 14))
    assert dossier.current_agency == world.police
    assert pks(world.police_specialist, Queue.INCOMING) == [dossier.pk]
    assert pks(world.police_specialist, Queue.UNASSIGNED) == [dossier.pk]
    assert pks(world.specialist, Queue.INCOMING) == []
    # The commune's leader may still assign it (the competent agency's leader): not incoming.
    assert pks(world.leader, Queue.INCOMING) == []
    assert pks(world.leader, Queue.UNASSIGNED) == [dossier.pk]
    # The incoming tab is shown only when something arrived.
    police_tabs = [tab.queue for tab in queues_for(actor=world.police_specialist, at=LATER)]
    commune_tabs = [tab.queue for tab in queues_for(actor=world.specialist, at=LATER)]
    assert Queue.INCOMING in police_tabs
    assert Queue.INCOMING not in commune_tabs


def test_approvals_wait_for_the_leader_then_go_to_the_desk(world) -> None:
    dossier = to_approval(world, receive(world))
    assert pks(world.leader, Queue.APPROVALS) == [dossier.pk]
    assert pks(world.specialist, Queue.APPROVALS) == []  # not a queue of theirs
    other_leader = staff(world, Role.LEADER)
    assert pks(other_leader, Queue.APPROVALS) == [dossier.pk]
    wf.dossier_assign(dossier=dossier, actor=world.leader, handler=world.leader, at=at(MON, 14, 30))
    assert pks(other_leader, Queue.APPROVALS) == []  # assigned to someone else
    to_result(world, dossier)
    assert pks(world.leader, Queue.APPROVALS) == []
    assert pks(world.desk_officer, Queue.RETURNS) == [dossier.pk]


def test_submitted_apologies_wait_for_the_leader(world) -> None:
    dossier = claimed(world, forwarded(world), world.specialist, when=at(MON, 11))
    due = legal_clock(dossier, pauses=[], at=at(MON, 11)).due_at
    wf.apology_draft(dossier=dossier, actor=world.specialist, reason="Chờ xác minh.",
                     new_due_at=due + dt.timedelta(days=3), at=at(TUE, 9))  # fmt: skip
    assert pks(world.leader, Queue.APOLOGIES) == []  # a draft is the handler's
    wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(TUE, 10))
    assert pks(world.leader, Queue.APOLOGIES) == [dossier.pk]
    assert pks(world.specialist, Queue.APOLOGIES) == []
    wf.apology_approve(dossier=dossier, actor=world.leader, at=at(TUE, 11))
    assert pks(world.leader, Queue.APOLOGIES) == []


def test_withdrawal_requests_wait_at_the_desk(world) -> None:
    dossier = receive(world)
    assert Queue.WITHDRAWALS not in [t.queue for t in queues_for(actor=world.desk_officer)]
    wf.dossier_request_withdrawal(
        dossier=dossier, actor=world.desk_officer, reason="Người nộp xin rút.", at=at(MON, 10)
    )
    assert pks(world.desk_officer, Queue.WITHDRAWALS) == [dossier.pk]
    tabs = {tab.queue: tab.count for tab in queues_for(actor=world.desk_officer, at=LATER)}
    assert tabs[Queue.WITHDRAWALS] == 1


def test_roles_without_step_work_only_have_the_list(world) -> None:
    dossier = receive(world)
    inspector = StaffUserFactory()
    membership_grant(user=inspector, agency=world.commune, role=Role.INSPECTOR, actor=None)
    assert [tab.queue for tab in queues_for(actor=inspector, at=LATER)] == [Queue.ALL]
    assert pks(inspector, Queue.ALL) == [dossier.pk]
    assert pks(inspector, Queue.MINE) == []  # asking for a queue one does not have shows nothing


# --- Order, badges and totals --------------------------------------------------------------------


def test_rows_are_sorted_by_due_instant_not_by_arrival(world) -> None:
    paused = claimed(world, forwarded(world), world.specialist, when=at(MON, 10, 45))
    wf.dossier_request_payment(dossier=paused, actor=world.specialist, amount=Decimal(50000),
                               reason="Nộp lệ phí.", at=at(MON, 11))  # fmt: skip
    later = claimed(world, forwarded(world, when=at(MON, 13, 30)), world.specialist,
                    when=at(MON, 14, 30))  # fmt: skip
    earliest = claimed(world, forwarded(world, when=at(MON, 8)), world.specialist,
                       when=at(MON, 9, 30))  # fmt: skip
    result = queue_dossiers(actor=world.specialist, queue=Queue.MINE, at=at(TUE, 15))
    # The one paused for a payment comes after the running ones (its due moves on as it waits).
    assert [row.dossier.pk for row in result.rows] == [earliest.pk, later.pk, paused.pk]
    dues = [row.due_at for row in result.rows if row.due_at is not None]
    assert len(dues) == 3
    assert dues == sorted(dues)
    assert [row.paused for row in result.rows] == [False, False, True]


def test_dossiers_without_a_clock_come_oldest_first(world) -> None:
    second = submit_online(world, account=CitizenFactory(), when=at(MON, 10))
    first = submit_online(world, account=CitizenFactory(), when=at(MON, 9))
    result = queue_dossiers(actor=world.desk_officer, queue=Queue.RECEPTION, at=LATER)
    assert [row.dossier.pk for row in result.rows] == [first.pk, second.pk]
    assert all(row.clock is None and row.badge == "" for row in result.rows)
    assert result.overdue is None  # nothing to be overdue before reception


def test_badges_and_totals_at_chosen_instants(world) -> None:
    dossier = claimed(world, forwarded(world), world.specialist, when=at(MON, 11))
    clock = legal_clock(dossier, pauses=[], at=at(MON, 11))
    assert clock.soon_at is not None
    minute = dt.timedelta(minutes=1)
    expected = {
        clock.soon_at - minute: Standing.IN_TIME,
        clock.soon_at + minute: Standing.DUE_SOON,
        clock.due_at + minute: Standing.OVERDUE,
    }
    for when, standing in expected.items():
        result = queue_dossiers(actor=world.specialist, queue=Queue.MINE, at=when)
        [row] = result.rows
        assert row.standing is standing, when
        assert row.badge == standing.value
        assert row.due_at == clock.due_at
        assert result.overdue == (standing is Standing.OVERDUE)
        assert result.due_soon == (standing is Standing.DUE_SOON)
        # The leader's watch list holds the unit's dossiers due soon or overdue, and only them.
        watch = queue_dossiers(actor=world.leader, queue=Queue.WATCH, at=when)
        assert [r.dossier.pk for r in watch.rows] == (
            [] if standing is Standing.IN_TIME else [dossier.pk]
        )
        tabs = {tab.queue: tab.count for tab in queues_for(actor=world.leader, at=when)}
        assert tabs[Queue.WATCH] == watch.total
    assert pks(world.police_specialist, Queue.WATCH, when=clock.due_at + minute) == []


def test_finished_dossiers_carry_their_timeliness(world) -> None:
    ready = to_result(world, to_approval(world, receive(world)))
    [row] = queue_dossiers(actor=world.desk_officer, queue=Queue.RETURNS, at=LATER).rows
    assert row.dossier.pk == ready.pk
    assert row.standing is None
    assert row.badge == "early"  # finished on the day of reception, due days later


# --- Filters, search, pages, the cap ------------------------------------------------------------


def test_filters_and_search(world) -> None:
    counter = receive(world)
    postal = receive(
        world,
        when=at(MON, 10),
        channel=Channel.POSTAL,
        applicant=replace(APPLICANT, name="Trần Thị Cúc", id_number="001190054321",
                          email=""),
    )  # fmt: skip
    inter = receive(world, when=at(TUE, 9), variant=world.inter_variant)
    officer = world.desk_officer
    everything = {counter.pk, postal.pk, inter.pk}
    assert set(pks(officer, Queue.ALL)) == everything
    assert pks(officer, Queue.ALL, channel=Channel.POSTAL) == [postal.pk]
    assert pks(officer, Queue.ALL, procedure="1.001194") == [inter.pk]
    assert pks(officer, Queue.ALL, procedure=" 1.001194 ") == [inter.pk]
    assert set(pks(officer, Queue.ALL, field="HT")) == everything
    assert pks(officer, Queue.ALL, field="DD") == []
    assert pks(officer, Queue.ALL, status=DossierStatus.PROCESSING) == []
    assert set(pks(officer, Queue.ALL, status=DossierStatus.RECEIVED)) == everything
    assert pks(officer, Queue.ALL, arrived_from=TUE) == [inter.pk]
    assert set(pks(officer, Queue.ALL, arrived_to=MON)) == {counter.pk, postal.pk}
    assert pks(officer, Queue.ALL, arrived_from=WED) == []
    assert counter.code is not None
    assert pks(officer, Queue.ALL, text=counter.code) == [counter.pk]
    assert pks(officer, Queue.ALL, text=counter.reference) == [counter.pk]
    assert pks(officer, Queue.ALL, text=f" {counter.code.lower()} ") == [counter.pk]
    assert postal.code is not None
    assert pks(officer, Queue.ALL, text=postal.code[-7:]) == [postal.pk]  # part of a code
    assert pks(officer, Queue.ALL, text="Thị Cúc") == [postal.pk]
    assert pks(officer, Queue.ALL, text="001190054321") == [postal.pk]
    # The same filters narrow a queue.
    assert pks(officer, Queue.MINE, channel=Channel.POSTAL) == [postal.pk]
    assert pks(officer, Queue.MINE, text="Thị Cúc", channel=Channel.COUNTER) == []


def test_the_list_of_everything_is_newest_first_and_paged_in_sql(world) -> None:
    dossiers = [receive(world, when=MONDAY_9AM + dt.timedelta(minutes=5 * i)) for i in range(33)]
    newest_first = [d.pk for d in reversed(dossiers)]
    first = queue_dossiers(actor=world.desk_officer, queue=Queue.ALL, at=LATER)
    second = queue_dossiers(actor=world.desk_officer, queue=Queue.ALL, page=2, at=LATER)
    assert first.total == second.total == 33
    assert [r.dossier.pk for r in first.rows] == newest_first[:30]
    assert [r.dossier.pk for r in second.rows] == newest_first[30:]
    assert all(r.clock is not None for r in second.rows)
    assert first.overdue is None  # not computed over the whole list
    # A page out of range shows the last one; a page that is not a number, the first.
    assert (
        queue_dossiers(actor=world.desk_officer, queue=Queue.ALL, page=9, at=LATER).page.number == 2
    )
    assert (
        queue_dossiers(actor=world.desk_officer, queue=Queue.ALL, page="x", at=LATER).page.number
        == 1
    )


def test_a_queue_is_paged_after_sorting(world) -> None:
    received = [receive(world, when=MONDAY_9AM + dt.timedelta(minutes=5 * i)) for i in range(32)]
    first = queue_dossiers(actor=world.desk_officer, queue=Queue.MINE, at=LATER)
    second = queue_dossiers(actor=world.desk_officer, queue=Queue.MINE, page="2", at=LATER)
    assert first.total == 32
    assert len(first.rows) == 30
    assert len(second.rows) == 2
    assert [r.dossier.pk for r in first.rows + second.rows] == [d.pk for d in received]
    assert first.overdue == second.overdue == 0  # totals are over the queue, not the page


def test_a_queue_is_sorted_and_counted_on_the_stored_dues(world) -> None:
    """Order, totals and the watch list come from the reports' projection (DossierFact), so a
    queue of any size is paged in SQL: here the stored due decides the order, not the arrival."""
    first, second, third = (
        receive(world, when=MONDAY_9AM + dt.timedelta(minutes=i)) for i in range(3)
    )
    DossierFact.objects.filter(dossier=first).update(due_at=LATER + dt.timedelta(days=30))
    DossierFact.objects.filter(dossier=third).update(due_at=LATER - dt.timedelta(hours=1))
    result = queue_dossiers(actor=world.desk_officer, queue=Queue.MINE, at=LATER)
    assert [r.dossier.pk for r in result.rows] == [third.pk, second.pk, first.pk]
    # `third` is overdue by its stored due (1 h before LATER); the others by theirs are not.
    assert (result.total, result.overdue) == (3, 1)


# --- Tabs and the default queue ------------------------------------------------------------------


def test_tab_counts_are_the_sizes_of_the_queues(world) -> None:
    receive(world)
    forwarded(world, when=at(MON, 8))
    to_approval(world, receive(world, when=at(MON, 7, 30)))
    submit_online(world, account=CitizenFactory(), when=at(MON, 10))
    for user in (world.desk_officer, world.specialist, world.leader, world.police_specialist):
        for tab in queues_for(actor=user, at=LATER):
            if tab.queue is Queue.ALL:
                assert tab.count is None
                continue
            result = queue_dossiers(actor=user, queue=tab.queue, at=LATER)
            assert tab.count == result.total, (user, tab.queue)


def test_the_home_opens_on_the_first_non_empty_queue_of_the_role(world) -> None:
    def opens(user: User) -> Queue:
        return queue_board(actor=user, queue=None, at=LATER).queue

    assert opens(world.desk_officer) is Queue.RECEPTION  # everything empty: the role's first
    assert opens(world.specialist) is Queue.MINE
    assert opens(world.leader) is Queue.APPROVALS
    forwarded(world)  # the desk officer's own reception step is over; appraisal is unassigned
    assert opens(world.desk_officer) is Queue.RECEPTION
    assert opens(world.specialist) is Queue.UNASSIGNED
    assert opens(world.leader) is Queue.UNASSIGNED
    to_approval(world, receive(world, when=at(MON, 8)))
    assert opens(world.leader) is Queue.APPROVALS
    # A queue the actor does not have is replaced by their default one.
    assert queue_board(actor=world.specialist, queue=Queue.APPROVALS, at=LATER).queue is (
        Queue.UNASSIGNED
    )
    assert default_queue([], actor=world.other_officer, on=TUE) is Queue.ALL


def test_the_board_reuses_the_watch_rows_it_counted(world) -> None:
    dossier = claimed(world, forwarded(world), world.specialist, when=at(MON, 11))
    late = at(WED + dt.timedelta(days=5), 9)
    board = queue_board(actor=world.leader, queue=Queue.WATCH, at=late)
    assert [r.dossier.pk for r in board.result.rows] == [dossier.pk]
    assert board.result.overdue == 1
    assert {t.queue: t.count for t in board.tabs}[Queue.WATCH] == 1


# --- Agreement with the workflow -----------------------------------------------------------------


def test_unassigned_rows_are_what_the_workflow_lets_the_officer_assign_or_forward(world) -> None:
    """Over dossiers at every kind of step and status, for each officer: the rows of
    "unassigned" are exactly the unassigned dossiers on which `available_actions` offers them a
    step action (forward or assign); "approvals" exactly those it offers "approve"."""
    when = at(TUE, 9)
    receive(world, when=at(MON, 7, 30))  # at the desk's reception step
    forwarded(world, when=at(MON, 7, 45))  # appraisal, unassigned
    claimed(world, forwarded(world, when=at(MON, 8)), world.specialist2, when=at(MON, 9))
    to_approval(world, receive(world, when=at(MON, 8, 15)))  # approval, unassigned
    inter = forwarded(world, when=at(MON, 8, 30), variant=world.inter_variant)
    wf.dossier_forward(dossier=inter, actor=world.specialist, at=at(MON, 10))  # at the police
    paused = claimed(world, forwarded(world, when=at(MON, 8, 45)), world.specialist,
                     when=at(MON, 9, 30))  # fmt: skip
    wf.dossier_request_supplement(dossier=paused, actor=world.specialist,
                                  items=[("to-khai", "Ký lại tờ khai")], reason="Thiếu chữ ký.",
                                  at=at(MON, 10, 30))  # fmt: skip
    unclaimed_paused = forwarded(world, when=at(MON, 9, 15))
    wf.dossier_request_supplement(dossier=unclaimed_paused, actor=world.specialist,
                                  items=[("to-khai", "Ký lại tờ khai")], reason="Thiếu chữ ký.",
                                  at=at(MON, 10, 45))  # fmt: skip
    to_result(world, to_approval(world, receive(world, when=at(MON, 9, 20))))
    withdrawn = forwarded(world, when=at(MON, 9, 40))
    wf.dossier_request_withdrawal(dossier=withdrawn, actor=world.desk_officer,
                                  reason="Xin rút.", at=at(MON, 11))  # fmt: skip
    submit_online(world, account=CitizenFactory(), when=at(MON, 9))
    officers = [world.desk_officer, world.specialist, world.specialist2, world.leader,
                world.police_specialist, world.other_officer, staff(world, Role.SPECIALIST)]  # fmt: skip
    every = list(Dossier.objects.select_related("current_step", "desk", "agency"))

    def offered(dossier: Dossier, user: User, wanted: set[Action]) -> bool:
        actions = available_actions(dossier=dossier, actor=user, at=when)
        return any(option.action in wanted for option in actions)

    for user in officers:
        unassigned = {
            d.pk
            for d in every
            if d.handler_id is None and offered(d, user, {Action.FORWARD, Action.ASSIGN})
        }
        assert set(pks(user, Queue.UNASSIGNED, when=when)) == unassigned, user
        approvals = {d.pk for d in every if offered(d, user, {Action.APPROVE})}
        assert set(pks(user, Queue.APPROVALS, when=when)) == approvals, user
        mine = {d.pk for d in every if d.handler_id == user.pk and d.is_open}
        assert set(pks(user, Queue.MINE, when=when)) == mine, user
    # The world is rich enough for the check to mean something.
    assert pks(world.specialist, Queue.UNASSIGNED, when=when)
    assert pks(world.police_specialist, Queue.UNASSIGNED, when=when)
    assert pks(world.leader, Queue.APPROVALS, when=when)
