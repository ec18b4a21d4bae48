"""Intake: counter reception (codes, logbook, completeness, scans, contact, e-form, the 15:00
cut-off), online submission and acceptance, refusals, intake supplements and early withdrawal."""

import datetime as dt
from dataclasses import replace

import pytest

from motcua.catalog.models import ClockCutoff
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dossiers.files import Upload
from motcua.dossiers.models import (
    Channel,
    Dossier,
    DossierFile,
    DossierStatus,
    FileKind,
    RuleSet,
    SequenceCounter,
    StepVisit,
)
from motcua.notifications.models import (
    Notification,
    NotificationChannel,
    NotificationStatus,
    NotificationTemplate,
    SkipReason,
)
from motcua.workflow import services as wf
from motcua.workflow.intake import ComponentInput, rule_set_for
from tests.accounts.factories import CitizenFactory
from tests.catalog.builders import COMMUNE, JUSTICE
from tests.dossiers.builders import (
    ANSWERS,
    APPLICANT,
    MONDAY_9AM,
    at,
    build_world,
    receive,
    receive_dossier,
    scan,
    submit_online,
)

MONDAY = MONDAY_9AM.date()
TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def citizen(db):
    return CitizenFactory()


def problems(exc: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    value = exc.value.details["problems"]
    assert isinstance(value, dict)
    return value


def counters() -> dict[str, int]:
    return dict(SequenceCounter.objects.values_list("name", "value"))


# --- Counter reception ---------------------------------------------------------------------------


def test_counter_reception_issues_the_code_and_starts_the_clock(world) -> None:
    d = receive(world)
    assert d.code == f"{COMMUNE}-260309-0001"
    assert d.status == DossierStatus.RECEIVED
    assert d.public_status == 2
    assert d.rule_set == RuleSet.R2025
    assert d.channel == Channel.COUNTER
    assert d.reference.startswith("TN260309")
    assert d.receiving_agency == world.commune
    assert d.agency == world.commune
    assert d.received_at == MONDAY_9AM
    assert d.clock_started_at == MONDAY_9AM
    assert d.first_clock_started_at == MONDAY_9AM
    assert d.handover_at is None
    assert d.received_by == world.desk_officer
    assert (d.logbook_year, d.logbook_serial) == (2026, 1)
    assert d.current_step is not None
    assert d.current_step.code == "tiep-nhan"
    assert d.handler == world.desk_officer
    visit = StepVisit.objects.get(dossier=d)
    assert (visit.started_at, visit.ended_at, visit.handler) == (
        MONDAY_9AM,
        None,
        world.desk_officer,
    )
    event = d.events.get()
    assert (event.sequence, event.action, event.from_status, event.to_status) == (
        1,
        "receive",
        "",
        "received",
    )
    assert event.data == {"channel": "counter", "logbook_serial": 1}
    components = {c.component.code: c for c in d.components.select_related("component")}
    assert set(components) == {"to-khai", "giay-chung-sinh", "van-ban-uy-quyen"}
    assert components["to-khai"].digitised
    assert components["giay-chung-sinh"].scan_exemption == "Giấy tờ chỉ xuất trình"
    assert not components["van-ban-uy-quyen"].handed_in
    scanned = DossierFile.objects.get(dossier=d)
    assert (scanned.kind, scanned.component, scanned.content_type) == (
        FileKind.COMPONENT,
        components["to-khai"],
        "application/pdf",
    )


def test_codes_count_per_agency_and_day(world) -> None:
    first = receive(world)
    second = receive(world, when=at(MONDAY, 10))
    next_day = receive(world, when=at(TUESDAY, 8))
    assert first.code == f"{COMMUNE}-260309-0001"
    assert second.code == f"{COMMUNE}-260309-0002"
    assert next_day.code == f"{COMMUNE}-260310-0001"
    # The logbook runs on through the year.
    assert [first.logbook_serial, second.logbook_serial, next_day.logbook_serial] == [1, 2, 3]


def test_logbook_serials_run_per_desk_and_per_year(world) -> None:
    december = at(dt.date(2025, 12, 1), 9)
    answers_2025 = {**ANSWERS, "child_birth_date": "2025-11-20"}
    old = receive_dossier(world, when=december, answers=answers_2025)
    new = receive(world)
    # The justice department's desk receives for the commune: its own logbook and code prefix.
    other = receive_dossier(
        world, desk=world.other_desk, actor=world.other_officer, agency=world.commune
    )
    assert (old.logbook_year, old.logbook_serial) == (2025, 1)
    assert (new.logbook_year, new.logbook_serial) == (2026, 1)
    assert (other.logbook_year, other.logbook_serial) == (2026, 1)
    assert old.code == f"{COMMUNE}-251201-0001"
    assert new.code == f"{COMMUNE}-260309-0001"
    assert other.code == f"{JUSTICE}-260309-0001"
    assert other.receiving_agency == world.justice
    assert other.agency == world.commune


def test_missing_required_component_refuses_and_saves_nothing(world) -> None:
    receive(world)
    before = counters()
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, components=[ComponentInput("to-khai", originals=1, files=(scan(),))])
    assert exc.value.code == "dossier_incomplete"
    assert exc.value.details["missing"] == ["Giấy chứng sinh"]
    assert "Giấy chứng sinh" in exc.value.message
    assert Dossier.objects.count() == 1
    # Nothing was allocated (the checks come before any number; a rollback would undo one).
    assert counters() == before


def test_conditional_component_is_required_when_its_condition_applies(world) -> None:
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, conditions=("van-ban-uy-quyen",))
    assert exc.value.code == "dossier_incomplete"
    assert exc.value.details["missing"] == ["Văn bản ủy quyền"]
    assert Dossier.objects.count() == 0
    assert SequenceCounter.objects.count() == 0


def test_component_outside_the_procedure_is_refused(world) -> None:
    extra = ComponentInput("so-ho-khau", originals=1, scan_exemption="Chỉ xuất trình")
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, components=[*receive_components(), extra])
    assert exc.value.code == "dossier_input_invalid"
    assert set(problems(exc)) == {"components.so-ho-khau"}
    assert Dossier.objects.count() == 0


def test_paper_component_needs_a_scan_or_an_exemption(world) -> None:
    components = [
        ComponentInput("to-khai", originals=1, files=(scan(),)),
        ComponentInput("giay-chung-sinh", originals=1),
    ]
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, components=components)
    assert exc.value.code == "dossier_input_invalid"
    assert set(problems(exc)) == {"components.giay-chung-sinh"}
    assert Dossier.objects.count() == 0


def test_a_scan_that_is_not_a_pdf_or_image_is_refused(world) -> None:
    components = [
        ComponentInput("to-khai", originals=1, files=(scan("to-khai.pdf"),)),
        ComponentInput("giay-chung-sinh", originals=1, files=(Upload("cs.pdf", b"MZ\x90\x00"),)),
    ]
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, components=components)
    assert exc.value.code == "dossier_input_invalid"
    assert "components.giay-chung-sinh" in problems(exc)


def test_landline_is_kept_flagged_and_sms_skipped(world) -> None:
    applicant = replace(APPLICANT, phone="024 3825 1234")
    d = receive_dossier(world, applicant=applicant)
    assert d.phone == "02438251234"
    assert d.phone_is_landline is True
    rows = {
        n.channel: n
        for n in Notification.objects.filter(template=NotificationTemplate.DOSSIER_RECEIVED)
    }
    assert rows[NotificationChannel.SMS].status == NotificationStatus.SKIPPED
    assert rows[NotificationChannel.SMS].skip_reason == SkipReason.LANDLINE
    assert rows[NotificationChannel.EMAIL].status == NotificationStatus.QUEUED
    assert rows[NotificationChannel.EMAIL].recipient == "binh@example.com"
    assert d.code is not None
    assert d.code in rows[NotificationChannel.EMAIL].body


def test_mobile_phone_gets_the_sms(world) -> None:
    d = receive(world)
    assert d.phone_is_landline is False
    sms = Notification.objects.get(channel=NotificationChannel.SMS)
    assert (sms.status, sms.recipient) == (NotificationStatus.QUEUED, "0912345678")


def test_invalid_phone_is_refused(world) -> None:
    applicant = replace(APPLICANT, phone="12345")
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, applicant=applicant)
    assert exc.value.code == "dossier_input_invalid"
    assert "applicant.phone" in problems(exc)


def test_invalid_eform_answers_are_refused(world) -> None:
    answers = {**ANSWERS, "child_sex": "khac"}
    del answers["child_name"]
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, answers=answers)
    assert exc.value.code == "eform_answers_invalid"
    assert Dossier.objects.count() == 0
    assert SequenceCounter.objects.filter(name__startswith="code:").count() == 0


def test_only_a_desk_officer_of_the_desk_receives(world) -> None:
    for who in (world.other_officer, world.specialist, world.leader, world.police_specialist):
        with pytest.raises(PermissionDenied) as exc:
            receive_dossier(world, actor=who)
        assert exc.value.code == "action_not_permitted"
    assert Dossier.objects.count() == 0
    assert SequenceCounter.objects.count() == 0


def test_rule_set_follows_the_local_reception_date() -> None:
    assert rule_set_for(dt.date(2018, 6, 21)) is RuleSet.R2018
    assert rule_set_for(dt.date(2025, 6, 30)) is RuleSet.R2018
    assert rule_set_for(dt.date(2025, 7, 1)) is RuleSet.R2025
    assert rule_set_for(dt.date(2026, 3, 9)) is RuleSet.R2025


def test_procedure_not_in_force_before_its_version(world) -> None:
    """A reception before 2025-07-01 (rule set R2018) needs a version valid then: the test
    procedure starts on 2025-07-01, so the day before is refused."""
    from motcua.accounts.models import Membership

    Membership.objects.filter(user=world.desk_officer).update(valid_from=dt.date(2025, 1, 1))
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(
            world,
            when=at(dt.date(2025, 6, 30), 9),
            answers={**ANSWERS, "child_birth_date": "2025-06-01"},
        )
    assert exc.value.code == "procedure_not_in_force"


# --- The 15:00 cut-off ---------------------------------------------------------------------------


def test_paper_received_after_the_cutoff_is_handed_over_next_morning(world) -> None:
    d = receive(world, when=at(MONDAY, 15, 30))
    opening = at(TUESDAY, 7)
    assert d.received_at == at(MONDAY, 15, 30)
    assert d.handover_at == opening
    assert d.clock_started_at == opening
    assert d.first_clock_started_at == opening
    assert dt.datetime.fromisoformat(d.events.get().data["handover_at"]) == opening

    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MONDAY, 16))
    reception, appraisal = StepVisit.objects.filter(dossier=d).order_by("pk")
    assert reception.ended_at == at(MONDAY, 16)
    assert appraisal.step.code == "tham-dinh"
    assert appraisal.started_at == opening
    forward = d.events.get(action="forward")
    assert dt.datetime.fromisoformat(forward.data["handover_at"]) == opening


def test_paper_received_before_the_cutoff_starts_at_once(world) -> None:
    d = receive(world, when=at(MONDAY, 14, 59))
    assert d.handover_at is None
    assert d.clock_started_at == at(MONDAY, 14, 59)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MONDAY, 16))
    assert "handover_at" not in d.events.get(action="forward").data


def test_cutoff_off_for_the_procedure_hands_over_late_but_counts_at_once(world) -> None:
    world.linear.cutoff_defers_clock = ClockCutoff.OFF
    world.linear.save(update_fields=["cutoff_defers_clock"])
    d = receive(world, when=at(MONDAY, 15, 30))
    assert d.handover_at == at(TUESDAY, 7)
    assert d.clock_started_at == at(MONDAY, 15, 30)


def test_online_acceptance_has_no_cutoff(world, citizen) -> None:
    d = submit_online(world, account=citizen, when=at(MONDAY, 14))
    d = wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MONDAY, 16))
    assert d.handover_at is None
    assert d.clock_started_at == at(MONDAY, 16)


def test_postal_reception_after_the_cutoff_is_deferred_too(world) -> None:
    d = receive(world, when=at(MONDAY, 16), channel=Channel.POSTAL)
    assert d.handover_at == at(TUESDAY, 7)
    assert d.clock_started_at == at(TUESDAY, 7)


# --- Online submission ---------------------------------------------------------------------------


def test_online_submission_then_acceptance(world, citizen) -> None:
    d = submit_online(world, account=citizen, when=at(MONDAY, 8))
    assert d.status == DossierStatus.SUBMITTED
    assert d.public_status == 1
    assert d.code is None
    assert d.received_at is None
    assert d.clock_started_at is None
    assert d.submitted_at == at(MONDAY, 8)
    assert d.channel == Channel.ONLINE
    assert d.applicant_account == citizen
    assert [e.action for e in d.events.all()] == ["submit"]
    assert DossierFile.objects.filter(dossier=d, kind=FileKind.COMPONENT).count() == 2
    assert d.components.filter(electronic=True).count() == 2

    d = wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MONDAY, 10))
    assert d.status == DossierStatus.RECEIVED
    assert d.code == f"{COMMUNE}-260309-0001"
    assert d.received_at == at(MONDAY, 10)
    assert d.clock_started_at == at(MONDAY, 10)
    assert d.logbook_serial == 1
    assert d.current_step is not None
    assert d.current_step.code == "tiep-nhan"
    receive_event = d.events.get(action="receive")
    assert (receive_event.from_status, receive_event.to_status) == ("submitted", "received")


def test_only_the_desk_accepts(world, citizen) -> None:
    d = submit_online(world, account=citizen)
    for actor in (world.other_officer, world.specialist, citizen):
        with pytest.raises(PermissionDenied):
            wf.dossier_accept(dossier=d, actor=actor, at=at(MONDAY, 10))
    d.refresh_from_db()
    assert (d.status, d.code) == (DossierStatus.SUBMITTED, None)


def test_an_accepted_dossier_cannot_be_accepted_again(world, citizen) -> None:
    d = submit_online(world, account=citizen)
    d = wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MONDAY, 10))
    with pytest.raises(wf.TransitionRefused):
        wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MONDAY, 11))


def test_online_submission_is_checked_for_completeness(world, citizen) -> None:
    from motcua.workflow.intake import dossier_submit

    with pytest.raises(ValidationFailed) as exc:
        dossier_submit(
            variant=world.variant,
            desk=world.desk,
            applicant=APPLICANT,
            components=[ComponentInput("to-khai", electronic=True, files=(scan(),))],
            answers=ANSWERS,
            actor=citizen,
            submitted_at=MONDAY_9AM,
        )
    assert exc.value.code == "dossier_incomplete"
    assert Dossier.objects.count() == 0


def test_counter_channel_cannot_be_online(world) -> None:
    with pytest.raises(ValidationFailed) as exc:
        receive_dossier(world, channel=Channel.ONLINE)
    assert exc.value.code == "channel_invalid"


def test_refuse_intake_with_reasons_and_a_refusal_slip(world, citizen) -> None:
    d = submit_online(world, account=citizen)
    with pytest.raises(ValidationFailed) as exc:
        wf.dossier_refuse_intake(dossier=d, reasons=["  "], actor=world.desk_officer)
    assert exc.value.code == "reason_required"
    d = wf.dossier_refuse_intake(
        dossier=d,
        reasons=["Không thuộc thẩm quyền", " Tờ khai không ký "],
        actor=world.desk_officer,
        at=at(MONDAY, 10),
    )
    assert d.status == DossierStatus.REFUSED_INTAKE
    assert d.public_status == 3
    assert d.code is None
    event = d.events.get(action="refuse_intake")
    assert event.data["reasons"] == ["Không thuộc thẩm quyền", "Tờ khai không ký"]
    assert event.data["form"] == "refusal"
    assert event.data["form_number"] == "1/2026"
    # Refused is final.
    with pytest.raises(wf.TransitionRefused):
        wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MONDAY, 11))


def test_refuse_at_counter_logs_the_visit_without_a_code(world) -> None:
    with pytest.raises(ValidationFailed) as exc:
        wf.dossier_refuse_at_counter(
            desk=world.desk, variant=world.variant, applicant=APPLICANT, reasons=[],
            actor=world.desk_officer, at=MONDAY_9AM,
        )  # fmt: skip
    assert exc.value.code == "reason_required"
    with pytest.raises(PermissionDenied):
        wf.dossier_refuse_at_counter(
            desk=world.desk, variant=world.variant, applicant=APPLICANT, reasons=["x"],
            actor=world.other_officer, at=MONDAY_9AM,
        )  # fmt: skip
    d = wf.dossier_refuse_at_counter(
        desk=world.desk,
        variant=world.variant,
        applicant=APPLICANT,
        reasons=["Hồ sơ thuộc thẩm quyền của UBND xã khác"],
        actor=world.desk_officer,
        at=MONDAY_9AM,
    )
    assert d.status == DossierStatus.REFUSED_INTAKE
    assert d.code is None
    assert d.channel == Channel.COUNTER
    event = d.events.get()
    assert event.data["form"] == "refusal"
    assert event.data["form_number"] == "1/2026"
    assert not SequenceCounter.objects.filter(name__startswith="code:").exists()
    second = wf.dossier_refuse_at_counter(
        desk=world.desk, variant=world.variant, applicant=APPLICANT, reasons=["Lý do khác"],
        actor=world.desk_officer, at=at(MONDAY, 10),
    )  # fmt: skip
    assert second.events.get().data["form_number"] == "2/2026"


def test_intake_supplement_then_resubmission_then_acceptance(world, citizen) -> None:
    d = submit_online(world, account=citizen)
    with pytest.raises(ValidationFailed) as exc:
        wf.dossier_request_intake_supplement(
            dossier=d, missing=["so-ho-khau"], reason="Thiếu giấy", actor=world.desk_officer
        )
    assert exc.value.code == "component_not_in_procedure"
    with pytest.raises(ValidationFailed) as exc:
        wf.dossier_request_intake_supplement(
            dossier=d, missing=["giay-chung-sinh"], reason=" ", actor=world.desk_officer
        )
    assert exc.value.code == "reason_required"
    d = wf.dossier_request_intake_supplement(
        dossier=d,
        missing=["giay-chung-sinh"],
        reason="Bản chụp giấy chứng sinh bị mờ",
        actor=world.desk_officer,
        at=at(MONDAY, 10),
    )
    assert d.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert d.code is None
    event = d.events.get(action="request_intake_supplement")
    assert event.data["items"] == [{"code": "giay-chung-sinh", "name": "Giấy chứng sinh"}]
    assert Notification.objects.filter(
        template=NotificationTemplate.DOSSIER_SUPPLEMENT_REQUESTED
    ).exists()
    assert d.clock_started_at is None

    # Another citizen cannot resubmit it.
    with pytest.raises(PermissionDenied):
        wf.dossier_resubmit(dossier=d, components=[], actor=CitizenFactory(), at=at(MONDAY, 11))
    with pytest.raises(ValidationFailed) as exc:
        wf.dossier_resubmit(
            dossier=d,
            components=[ComponentInput("so-ho-khau", files=(scan(),))],
            actor=citizen,
            at=at(MONDAY, 11),
        )
    assert exc.value.code == "component_not_in_procedure"
    d = wf.dossier_resubmit(
        dossier=d,
        components=[ComponentInput("giay-chung-sinh", files=(scan("ro.pdf"),))],
        actor=citizen,
        at=at(MONDAY, 11),
    )
    assert d.status == DossierStatus.SUBMITTED
    resubmit = d.events.get(action="resubmit")
    assert resubmit.files.get().name == "ro.pdf"

    d = wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MONDAY, 13, 30))
    assert d.status == DossierStatus.RECEIVED
    assert d.clock_started_at == at(MONDAY, 13, 30)
    assert [e.action for e in d.events.all()] == [
        "submit",
        "request_intake_supplement",
        "resubmit",
        "receive",
    ]


def test_withdrawing_a_submission_ends_it(world, citizen) -> None:
    d = submit_online(world, account=citizen)
    with pytest.raises(PermissionDenied):
        wf.dossier_request_withdrawal(dossier=d, actor=CitizenFactory(), reason="Không cần nữa")
    d = wf.dossier_request_withdrawal(
        dossier=d, actor=citizen, reason="Không cần nữa", at=at(MONDAY, 10)
    )
    assert d.status == DossierStatus.STOPPED
    assert d.public_status == 8
    assert d.code is None
    with pytest.raises(wf.TransitionRefused):
        wf.dossier_accept(dossier=d, actor=world.desk_officer, at=at(MONDAY, 11))


def receive_components() -> list[ComponentInput]:
    return [
        ComponentInput("to-khai", originals=1, files=(scan("to-khai.pdf"),)),
        ComponentInput("giay-chung-sinh", originals=1, scan_exemption="Chỉ xuất trình"),
    ]
