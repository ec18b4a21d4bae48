"""Derived deadlines: the legal due on the working-time calendar, early / on time / late for a
finished dossier, in time / due soon / overdue for an open one, a day off added later, per-step
clocks, and the Decision 766 view (supplement waits subtracted, more than one request late)."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.calendar.engine import TimeUnit
from motcua.calendar.models import CalendarOverride, OverrideKind, OverrideScope
from motcua.dossiers.deadlines import Standing, Timeliness, dossier_deadline, legal_clock
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.workflow import services as wf
from tests.dossiers.builders import (
    MONDAY_9AM,
    at,
    build_world,
    receive,
    to_approval,
    to_result,
)

MON = MONDAY_9AM.date()
TUE, WED, THU, FRI = (MON + dt.timedelta(days=n) for n in range(1, 5))
NEXT_MON, NEXT_TUE = MON + dt.timedelta(days=7), MON + dt.timedelta(days=8)
DUE = at(THU, 9)  # 3 working days (24 h) from Monday 09:00: 6 h + 8 h + 8 h + 2 h
ITEMS = [("giay-chung-sinh", "Bản rõ nét")]


@pytest.fixture
def world(db):
    return build_world()


def test_five_working_days_over_the_april_holidays(world) -> None:
    """Domain §3: the 5th working day after Monday 28/4/2025 is Thursday 8/5/2025 (30/4, 1/5 and
    the swapped 2/5 are days off)."""
    dossier = Dossier(
        receiving_agency=world.commune,
        clock_started_at=at(dt.date(2025, 4, 28), 9),
        limit_value=Decimal(5),
        limit_unit=TimeUnit.WORKING_DAYS.value,
    )
    clock = legal_clock(dossier, pauses=[], at=at(dt.date(2025, 4, 29), 9))
    assert clock.due_at == at(dt.date(2025, 5, 8), 9)
    assert clock.budget == dt.timedelta(hours=40)


def test_the_legal_due_of_a_received_dossier(world) -> None:
    d = receive(world)
    deadline = dossier_deadline(d, at=at(MON, 10))
    assert deadline.legal.started_at == MONDAY_9AM
    assert deadline.legal.due_at == DUE
    assert deadline.legal.budget == dt.timedelta(hours=24)
    assert deadline.legal.used == dt.timedelta(hours=1)
    assert deadline.appointment_at == DUE
    assert deadline.legal.ended_at is None


FINISHED = [
    (at(MON, 15), Timeliness.EARLY),
    (at(WED, 16), Timeliness.EARLY),
    (at(THU, 8), Timeliness.ON_TIME),
    (DUE, Timeliness.ON_TIME),
    (at(THU, 9, 1), Timeliness.LATE),
    (at(NEXT_MON, 8), Timeliness.LATE),
]


def test_finished_dossiers_are_early_on_time_or_late(world) -> None:
    for finished, expected in FINISHED:
        d = to_approval(world, receive(world))
        d = to_result(world, d, when=finished)
        assert d.status == DossierStatus.RESULT_READY
        deadline = dossier_deadline(d, at=finished + dt.timedelta(days=10))
        assert deadline.legal.due_at == DUE
        assert deadline.legal.timeliness is expected, finished
        assert deadline.legal.standing is None
        assert deadline.legal.ended_at == finished
        assert deadline.legal.is_late is (expected is Timeliness.LATE)


OPEN = [
    (at(MON, 10), Standing.IN_TIME),
    (at(WED, 10, 59), Standing.IN_TIME),
    # Due soon once at most 6 h remain (8 h threshold capped at 25% of 24 h): Wed 11:00.
    (at(WED, 11), Standing.DUE_SOON),
    (DUE, Standing.DUE_SOON),
    (at(THU, 9, 1), Standing.OVERDUE),
    (at(NEXT_MON, 9), Standing.OVERDUE),
]


def test_open_dossiers_are_in_time_due_soon_or_overdue(world) -> None:
    d = receive(world)
    for when, expected in OPEN:
        deadline = dossier_deadline(d, at=when)
        assert deadline.legal.standing is expected, when
        assert deadline.legal.timeliness is None
        assert deadline.legal.soon_at == at(WED, 11)
        assert deadline.legal.is_late is (expected is Standing.OVERDUE)


def test_a_day_off_added_later_moves_the_due(world) -> None:
    d = receive(world)
    assert dossier_deadline(d, at=at(MON, 10)).legal.due_at == DUE
    CalendarOverride.objects.create(
        start_date=WED,
        end_date=WED,
        kind=OverrideKind.DAY_OFF,
        scope=OverrideScope.NATIONAL,
        agency=None,
        name="Nghỉ đột xuất",
    )
    deadline = dossier_deadline(d, at=at(MON, 10))
    assert deadline.legal.due_at == at(FRI, 9)
    assert deadline.appointment_at == at(FRI, 9)
    # A day off somewhere else changes nothing here.
    CalendarOverride.objects.create(
        start_date=THU,
        end_date=THU,
        kind=OverrideKind.DAY_OFF,
        scope=OverrideScope.AGENCY,
        agency=world.police,
        name="Nghỉ riêng của Công an tỉnh",
    )
    assert dossier_deadline(d, at=at(MON, 10)).legal.due_at == at(FRI, 9)


def test_a_province_day_off_counts_for_its_agencies(world) -> None:
    d = receive(world)
    assert world.commune.parent is not None
    CalendarOverride.objects.create(
        start_date=TUE,
        end_date=TUE,
        kind=OverrideKind.DAY_OFF,
        scope=OverrideScope.PROVINCE,
        agency=world.commune.parent,
        name="Ngày giải phóng tỉnh",
    )
    assert dossier_deadline(d, at=at(MON, 10)).legal.due_at == at(FRI, 9)


def test_each_step_has_its_own_clock(world) -> None:
    d = receive(world)
    # Reception: 2 h budget, forwarded after 4 h (09:00–11:30 and 13:30–15:00).
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 15))
    deadline = dossier_deadline(d, at=at(TUE, 9))
    reception, appraisal = deadline.steps
    assert reception.visit.step.code == "tiep-nhan"
    assert reception.clock.used == dt.timedelta(hours=4)
    assert reception.clock.timeliness is Timeliness.LATE
    assert reception.clock.due_at == at(MON, 11)
    assert appraisal.clock.standing is Standing.IN_TIME
    assert appraisal.clock.used == dt.timedelta(hours=4)  # Mon 15:00–17:00, Tue 07:00–09:00
    assert appraisal.clock.budget == dt.timedelta(hours=14)


def test_766_subtracts_the_supplement_wait(world) -> None:
    d = receive(world)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(MON, 11)
    )
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(WED, 11))
    deadline = dossier_deadline(d, at=at(THU, 11))
    # Waiting Mon 11:00 → Wed 11:00: 4 h + 8 h + 4 h.
    assert deadline.supplement_paused == dt.timedelta(hours=16)
    # From the first start: 26 h of working time, 16 h of them waiting.
    assert deadline.elapsed_766 == dt.timedelta(hours=10)
    assert deadline.view_766 is Standing.IN_TIME
    # The legal clock restarted from zero on Wednesday 11:00: due Monday 16/3 11:00.
    assert deadline.legal.started_at == at(WED, 11)
    assert deadline.legal.due_at == at(NEXT_MON, 11)
    assert deadline.legal.standing is Standing.IN_TIME


def test_766_late_when_the_time_used_exceeds_the_limit_despite_the_restart(world) -> None:
    d = receive(world)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    # 6 + 8 + 7 = 21 h used before the request on Wednesday 16:00.
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(WED, 16)
    )
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(THU, 9))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(THU, 10))
    # The legal due is now Tuesday 17/3 09:00; the result comes on Monday 16/3.
    d = to_result(world, d, when=at(NEXT_MON, 10))
    deadline = dossier_deadline(d, at=at(NEXT_TUE, 10))
    assert deadline.legal.due_at == at(NEXT_TUE, 9)
    assert deadline.legal.timeliness is Timeliness.EARLY
    assert deadline.elapsed_766 > dt.timedelta(hours=24)
    assert deadline.view_766 is Timeliness.LATE


def test_766_late_after_a_second_supplement_request(world) -> None:
    d = receive(world)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.specialist, items=ITEMS, reason="Mờ", at=at(MON, 11)
    )
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(MON, 14))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 14, 30))
    d = wf.dossier_request_supplement(
        dossier=d, actor=world.leader, items=ITEMS, reason="Lại mờ",
        override_reason="Bản mới vẫn mờ", at=at(MON, 15),
    )  # fmt: skip
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(MON, 16))
    d = to_result(world, d, when=at(TUE, 9))
    deadline = dossier_deadline(d, at=at(TUE, 10))
    assert deadline.legal.timeliness is Timeliness.EARLY
    assert deadline.view_766 is Timeliness.LATE


def test_766_early_like_the_legal_view_without_supplements(world) -> None:
    d = to_result(world, to_approval(world, receive(world)))
    deadline = dossier_deadline(d, at=at(TUE, 10))
    assert deadline.view_766 is Timeliness.EARLY
    assert deadline.supplement_paused == dt.timedelta(0)
