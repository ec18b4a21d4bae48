"""The reports' per-dossier projection (`DossierFact`): stored in the same transaction as every
workflow event and by the import, always equal to a fresh computation (`facts_differing() == []`),
and what it records for each kind of history.

Calendar: 07:00–11:30, 13:30–17:00, Monday to Friday (8 h a day). Received Monday 9/3/2026 09:00,
a 3-working-day dossier is due Thursday 12/3 09:00 (6 h Mon + 8 Tue + 8 Wed + 2 Thu)."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.calendar.models import OverrideKind, OverrideScope
from motcua.calendar.services import calendar_override_create
from motcua.dossiers.models import Channel, Dossier, ReturnMethod
from motcua.reports.facts import facts_compute, facts_differing, facts_refresh, same
from motcua.reports.models import DossierFact
from motcua.reports.periods import month
from motcua.reports.scope import ReportScope, report_filter
from motcua.reports.timeliness import timeliness_table
from motcua.workflow import services as wf
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import (
    APPLICANT,
    MONDAY_9AM,
    at,
    build_world,
    receive,
    submit_online,
    to_approval,
    to_result,
)
from tests.reports.histories import day_at, import_lines, in_process, inter, processed

MARCH = month(2026, 3)
MON, TUE, WED, THU, FRI = (dt.date(2026, 3, d) for d in range(9, 14))
DUE = at(THU, 9)


@pytest.fixture
def world(db):
    return build_world()


def fact(dossier: Dossier) -> DossierFact:
    return DossierFact.objects.get(dossier=dossier)


def consistent() -> None:
    assert facts_differing() == []


def test_an_imported_month_is_counted_from_its_facts(world):
    import_lines(
        processed(day_at(2026, 2, 23, 9), day_at(2026, 3, 2, 10)),  # carried over, late
        processed(MONDAY_9AM, at(TUE, 10)),  # early (Tue < Thu)
        processed(MONDAY_9AM, at(THU, 8)),  # on time (Thu, before 09:00)
        processed(MONDAY_9AM, at(THU, 10)),  # late
        in_process(day_at(2026, 3, 30, 9)),  # in time at 1/4 00:00 (due Thu 2/4 09:00)
        in_process(day_at(2026, 3, 23, 9)),  # overdue at 1/4 00:00 (due Thu 26/3 09:00)
    )
    assert DossierFact.objects.count() == 6
    t = timeliness_table(
        report=report_filter(scope=ReportScope(None)), period=MARCH, group_by="none"
    ).total
    assert (t["carried_over"], t["received"], t["resolved"]) == (1, 5, 4)
    assert (t["resolved_early"], t["resolved_on_time"], t["resolved_late"]) == (1, 1, 2)
    assert (t["in_process"], t["in_process_overdue"]) == (2, 1)


def test_the_projection_follows_a_native_history_event_by_event(world):
    d = receive(world)  # Mon 9/3 09:00 at the counter
    consistent()
    assert (fact(d).received_at, fact(d).due_at, fact(d).finished_at) == (MONDAY_9AM, DUE, None)
    d = to_approval(world, d)  # appraisal Mon 10:00, approval Mon 14:00
    consistent()
    d = to_result(world, d, when=at(TUE, 10))
    consistent()
    assert (fact(d).finished_at, fact(d).end_kind, fact(d).timeliness) == (
        at(TUE, 10), "result", "early",
    )  # fmt: skip
    assert (fact(d).e_result, fact(d).settled_at) == (True, None)  # a result file, not collected
    d = wf.dossier_return(dossier=d, actor=world.desk_officer, method=ReturnMethod.POST,
                          tracking_number="EB123456789VN", at=at(WED, 9))  # fmt: skip
    consistent()
    assert (fact(d).returned_at, fact(d).return_method, fact(d).settled_at) == (
        at(WED, 9), "post", at(WED, 9),
    )  # fmt: skip


def test_the_projection_follows_supplements_payments_and_a_refusal(world):
    d = receive(world)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    d = wf.dossier_request_supplement(dossier=d, actor=world.specialist, at=at(MON, 11),
                                      items=[("giay-chung-sinh", "Bản chính")],
                                      reason="Giấy chứng sinh bị mờ")  # fmt: skip
    consistent()
    # Waiting: the stored due leaves the open pause out; the reports read `paused_since`.
    assert (fact(d).paused_since, fact(d).due_at, fact(d).supplement_count) == (at(MON, 11), DUE, 1)
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(TUE, 9))
    consistent()
    # The legal clock restarts Tue 09:00: 6 h Tue + 8 Wed + 8 Thu + 2 Fri = Fri 13/3 09:00.
    assert (fact(d).paused_since, fact(d).due_at) == (None, at(FRI, 9))
    d = wf.dossier_request_payment(dossier=d, actor=world.specialist, amount=Decimal(50000),
                                   reason="Lệ phí", at=at(TUE, 10))  # fmt: skip
    consistent()
    assert fact(d).paused_since == at(TUE, 10)
    d = wf.dossier_confirm_payment(dossier=d, actor=world.specialist, amount=Decimal(50000),
                                   at=at(TUE, 14))  # fmt: skip
    consistent()
    # Paused Tue 10:00–14:00 = 1.5 h + 0.5 h = 2 h: due Fri 13/3 11:00.
    assert fact(d).due_at == at(FRI, 11)
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(WED, 9))
    d = wf.dossier_refuse_result(dossier=d, actor=world.leader, reasons=["Không đủ điều kiện"],
                                 at=at(WED, 10))  # fmt: skip
    consistent()
    assert (fact(d).end_kind, fact(d).timeliness, fact(d).has_fees) == ("refusal", "early", True)


def test_the_projection_follows_a_withdrawal_and_an_apology(world):
    withdrawn = receive(world)
    withdrawn = wf.dossier_forward(dossier=withdrawn, actor=world.desk_officer, at=at(MON, 10))
    withdrawn = wf.dossier_request_withdrawal(dossier=withdrawn, actor=world.desk_officer,
                                              reason="Xin rút", at=at(TUE, 9))  # fmt: skip
    consistent()
    withdrawn = wf.dossier_stop(dossier=withdrawn, actor=world.desk_officer, at=at(TUE, 10))
    consistent()
    assert (fact(withdrawn).end_kind, fact(withdrawn).settled_at) == ("stopped", at(TUE, 10))

    late = receive(world, when=at(MON, 9, 30))  # due Thu 09:30
    late = wf.dossier_forward(dossier=late, actor=world.desk_officer, at=at(MON, 10))
    wf.apology_draft(dossier=late, actor=world.specialist, reason="Chờ xác minh",
                     new_due_at=at(FRI, 16), at=at(TUE, 9))  # fmt: skip
    wf.apology_submit(dossier=late, actor=world.specialist, at=at(TUE, 10))
    consistent()
    wf.apology_approve(dossier=late, actor=world.leader, at=at(TUE, 11))
    consistent()
    # Approved Tue 11:00, more than a working day before Thu 09:30: timely. The due stays.
    assert (fact(late).apology_at, fact(late).apology_late, fact(late).due_at) == (
        at(TUE, 11), False, at(THU, 9, 30),
    )  # fmt: skip


def test_an_online_submission_has_a_fact_only_once_received(world):
    d = submit_online(world, account=CitizenFactory(), when=at(dt.date(2026, 3, 8), 20))
    consistent()
    assert not DossierFact.objects.filter(dossier=d).exists()  # not in any report yet
    d = wf.dossier_accept(dossier=d, actor=world.desk_officer, at=MONDAY_9AM)
    consistent()
    assert (fact(d).channel, fact(d).submitted_at, fact(d).received_at) == (
        Channel.ONLINE, at(dt.date(2026, 3, 8), 20), MONDAY_9AM,
    )  # fmt: skip


def test_a_refusal_at_the_counter_has_a_fact_without_reception(world):
    d = wf.dossier_refuse_at_counter(desk=world.desk, variant=world.variant, applicant=APPLICANT,
                                     reasons=["Thiếu giấy chứng sinh"], actor=world.desk_officer,
                                     at=at(TUE, 8))  # fmt: skip
    consistent()
    assert (fact(d).refused_intake_at, fact(d).received_at, fact(d).due_at) == (
        at(TUE, 8), None, None,
    )  # fmt: skip


def test_a_finished_dossier_s_fact_does_not_depend_on_when_it_is_computed(world):
    """The return step opened by the result waits for the applicant: no agency's handling time.
    The fact computed a minute or a year after the finish is the one stored."""
    dossiers = import_lines(
        # The police step (4 h budget) Mon 10:00 → Wed 10:00 = 5 + 8 + 3 = 16 h: police late.
        inter(MONDAY_9AM, at(MON, 10), at(WED, 10), at(WED, 11)),
        processed(MONDAY_9AM, at(TUE, 10)),
    )
    assert [fact(d).agencies_late for d in dossiers] == [1, 0]
    for dossier in dossiers:
        stored = fact(dossier)
        assert dossier.finished_at is not None
        for later in (dossier.finished_at + dt.timedelta(minutes=1),
                      dossier.finished_at + dt.timedelta(days=365)):  # fmt: skip
            fresh = facts_compute([dossier.pk], at=later)[dossier.pk]
            assert fresh is not None
            assert same(fresh, stored), later


def test_facts_differing_finds_changed_and_missing_facts(world):
    early, open_one = import_lines(processed(MONDAY_9AM, at(TUE, 10)), in_process(MONDAY_9AM))
    DossierFact.objects.filter(dossier=early).update(timeliness="late")
    DossierFact.objects.filter(dossier=open_one).delete()
    assert facts_differing() == [early.pk, open_one.pk]
    assert facts_differing([open_one.pk]) == [open_one.pk]
    assert facts_refresh([early.pk, open_one.pk]) == 2
    consistent()


def test_a_day_off_added_later_leaves_the_stored_facts_stale_until_refreshed(
    world, django_user_model
):
    """Known limitation (docs): dues are derived from the calendar, so a day off declared after
    the facts were stored moves the due of every dossier whose clock runs over that day; the
    stored facts keep the old due until `facts_refresh` recomputes them."""
    open_one, finished = import_lines(
        in_process(MONDAY_9AM),
        processed(MONDAY_9AM, at(THU, 10)),  # late against Thu 09:00
    )
    assert (fact(open_one).due_at, fact(finished).timeliness) == (DUE, "late")
    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "x-secret-123")
    calendar_override_create(start_date=WED, end_date=WED, kind=OverrideKind.DAY_OFF,
                             scope=OverrideScope.NATIONAL, agency=None, name="Nghỉ đột xuất",
                             legal_reference="QĐ 1/QĐ-TTg", actor=admin)  # fmt: skip
    # Wed 11/3 off: 6 h Mon + 8 Tue + 8 Thu = 22 h, 2 h on Friday: due Fri 13/3 09:00.
    assert facts_differing() == [open_one.pk, finished.pk]
    assert fact(open_one).due_at == DUE  # stale
    report = report_filter(scope=ReportScope(None))
    assert timeliness_table(report=report, period=MARCH, group_by="none").total[
        "resolved_late"
    ] == 1  # fmt: skip

    assert facts_refresh([open_one.pk, finished.pk]) == 2
    consistent()
    assert fact(open_one).due_at == at(FRI, 9)
    # Finished Thu 12/3 10:00, on a date before the new due date: now early.
    assert (fact(finished).due_at, fact(finished).timeliness) == (at(FRI, 9), "early")
    t = timeliness_table(report=report, period=MARCH, group_by="none").total
    assert (t["resolved_late"], t["resolved_early"]) == (0, 1)
