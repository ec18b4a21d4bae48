"""The overdue sweep: thresholds notified once, apology drafts opened, idempotent, concurrent-safe."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from motcua.dossiers.models import AlertKind, Apology, ApologyStatus, DeadlineAlert, Dossier
from motcua.notifications.models import Notification, NotificationTemplate
from motcua.workflow import services as wf
from motcua.workflow.sweep import deadlines_process
from tests.dossiers.builders import MONDAY_9AM, at, build_world, receive

MONDAY = MONDAY_9AM.date()
TUESDAY = MONDAY + dt.timedelta(days=1)
WEDNESDAY = MONDAY + dt.timedelta(days=2)
THURSDAY = MONDAY + dt.timedelta(days=3)
NEXT_MONDAY = MONDAY + dt.timedelta(days=7)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def processing(world):
    """Received Monday 09:00 (3 working days: due Thursday 09:00), at the appraisal step."""
    dossier = receive(world)
    dossier = wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))
    return wf.dossier_assign(
        dossier=dossier, actor=world.specialist, handler=world.specialist, at=at(MONDAY, 10, 5)
    )


def alerts(dossier):
    return sorted(DeadlineAlert.objects.filter(dossier=dossier).values_list("scope", "kind"))


def staff_alerts():
    return Notification.objects.filter(template=NotificationTemplate.DEADLINE_ALERT)


def test_nothing_to_say_while_in_time(processing) -> None:
    report = deadlines_process(at=at(MONDAY, 11))
    assert report.examined == 1
    assert report.alerts == []
    processing.refresh_from_db()
    # The next look is the step's due-soon instant, not sooner.
    assert processing.sweep_at is not None
    assert processing.sweep_at > at(MONDAY, 11)


def test_step_overdue_is_notified_once_to_handler_and_leader(world, processing) -> None:
    # The appraisal step has 14 working hours from Monday 10:00: due Wednesday 08:00.
    assert deadlines_process(at=at(WEDNESDAY, 8)).alerts[0].kind == AlertKind.DUE_SOON
    report = deadlines_process(at=at(WEDNESDAY, 8, 1))
    scopes = {(a.scope.split(":")[0], a.kind) for a in report.alerts}
    assert ("visit", AlertKind.OVERDUE) in scopes
    recipients = set(staff_alerts().values_list("recipient", flat=True))
    assert world.specialist.email in recipients
    assert world.leader.email in recipients
    before = staff_alerts().count()

    again = deadlines_process(at=at(WEDNESDAY, 8, 30))
    assert again.examined == 0  # nothing ahead before the dossier's own due-soon instant
    assert again.alerts == []
    assert staff_alerts().count() == before


def test_an_apology_draft_opens_in_time_for_a_timely_apology(world, processing) -> None:
    # 3 working days from Monday 09:00 = Thursday 09:00. The apology is due 8 working hours
    # before (Wednesday 09:00); the draft opens 4 working hours earlier (Tuesday 15:00).
    assert deadlines_process(at=at(TUESDAY, 14, 59)).apologies_opened == []
    report = deadlines_process(at=at(TUESDAY, 15))
    assert report.apologies_opened == [processing.code]
    assert [a for a in report.alerts if a.scope == "dossier"] == []  # not due soon yet
    # Due soon: 6 working hours before the due (25% of 24 h) = Wednesday 11:00.
    report = deadlines_process(at=at(WEDNESDAY, 11, 1))
    overall = [a for a in report.alerts if a.scope == "dossier"]
    assert [a.kind for a in overall] == [AlertKind.DUE_SOON]
    assert report.apologies_opened == []
    body = (
        staff_alerts().get(recipient=world.specialist.email, key__contains=":alert:dossier:").body
    )
    assert "dự thảo văn bản xin lỗi" in body
    apology = Apology.objects.get(dossier=processing)
    assert apology.status == ApologyStatus.DRAFT
    assert apology.opened_by_sweep
    # The desk hears about the dossier as a whole.
    assert world.desk_officer.email in set(staff_alerts().values_list("recipient", flat=True))
    assert processing.events.filter(action="apology_opened").count() == 1

    later = deadlines_process(at=at(THURSDAY, 10))
    assert [a.kind for a in later.alerts if a.scope == "dossier"] == [AlertKind.OVERDUE]
    assert later.apologies_opened == []
    assert Apology.objects.filter(dossier=processing).count() == 1
    assert alerts(processing).count(("dossier", AlertKind.OVERDUE)) == 1


def test_a_paused_dossier_is_not_alerted_and_resumes_later(world, processing) -> None:
    wf.dossier_request_supplement(
        dossier=processing,
        actor=world.specialist,
        items=[("giay-chung-sinh", "Bản chính")],
        reason="Thiếu bản chính",
        at=at(MONDAY, 11),
    )
    report = deadlines_process(at=at(NEXT_MONDAY, 9))
    assert [a for a in report.alerts if a.scope == "dossier"] == []
    processing.refresh_from_db()
    assert processing.sweep_at is None  # paused: nothing ahead until the supplement arrives
    wf.dossier_receive_supplement(
        dossier=processing, actor=world.desk_officer, at=at(NEXT_MONDAY, 9, 30)
    )
    processing.refresh_from_db()
    assert processing.sweep_at == at(NEXT_MONDAY, 9, 30)


def test_finished_dossiers_are_left_alone(world, processing) -> None:
    wf.dossier_request_withdrawal(
        dossier=processing, actor=world.desk_officer, reason="Không cần nữa", at=at(MONDAY, 11)
    )
    wf.dossier_stop(dossier=processing, actor=world.desk_officer, at=at(MONDAY, 11, 30))
    report = deadlines_process(at=at(NEXT_MONDAY, 9))
    assert report.examined == 0
    assert not DeadlineAlert.objects.exists()


def test_batches_are_bounded(world) -> None:
    for hour in (8, 9, 10):
        receive(world, when=at(MONDAY, hour))
    report = deadlines_process(at=at(NEXT_MONDAY, 9), batch_size=2, max_batches=1)
    assert report.examined == 2
    rest = deadlines_process(at=at(NEXT_MONDAY, 9), batch_size=2)
    assert rest.examined == 1


def test_the_command_prints_what_it_did(processing) -> None:
    out = io.StringIO()
    call_command("process_deadlines", "--at", at(THURSDAY, 10).isoformat(), stdout=out)
    text = out.getvalue()
    assert f"{processing.code}: quá hạn (toàn hồ sơ)" in text
    assert f"{processing.code}: đã mở dự thảo xin lỗi" in text
    out = io.StringIO()
    call_command("process_deadlines", "--at", at(THURSDAY, 10).isoformat(), stdout=out)
    assert "0 cảnh báo mới" in out.getvalue()


def test_the_command_refuses_a_naive_instant(db) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="múi giờ"):
        call_command("process_deadlines", "--at", "2026-03-09T10:00")


def test_run_schedule_once_runs_every_job(processing, settings) -> None:
    settings.MOTCUA_SCHEDULE = {"process_deadlines": 300, "send_notifications": 60}
    out = io.StringIO()
    call_command("run_schedule", "--once", stdout=out)
    text = out.getvalue()
    assert "Đã xem" in text  # process_deadlines ran
    assert "thông báo" in text  # send_notifications ran
    assert Dossier.objects.count() == 1


def test_a_late_dossier_without_a_timely_apology_is_a_finding(world, processing) -> None:
    from motcua.dossiers.deadlines import dossier_deadline, lacks_apology
    from motcua.dossiers.models import Apology

    def finding(when):
        return lacks_apology(
            dossier_deadline(processing, at=when), Apology.objects.filter(dossier=processing)
        )

    assert not finding(at(WEDNESDAY, 9))  # not late yet
    assert finding(at(THURSDAY, 10))  # overdue, no apology
    wf.apology_draft(
        dossier=processing,
        actor=world.specialist,
        reason="Chờ xác minh",
        new_due_at=at(NEXT_MONDAY, 16),
        at=at(TUESDAY, 9),
    )
    wf.apology_submit(dossier=processing, actor=world.specialist, at=at(TUESDAY, 9, 5))
    apology = wf.apology_approve(dossier=processing, actor=world.leader, at=at(TUESDAY, 10))
    assert not apology.late
    assert not finding(at(THURSDAY, 10))
