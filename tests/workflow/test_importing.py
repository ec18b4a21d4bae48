"""Importing dossiers with their history (motcua.workflow.importing, import_dossiers).

The central check: a history processed natively through the workflow services, written out as an
import line and imported, gives the same rows (visits, pauses, events) and the same deadlines as
the native dossier."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.core.models import AuditEvent
from motcua.dossiers.deadlines import DossierDeadline, dossier_deadline
from motcua.dossiers.models import (
    Apology,
    ApologyStatus,
    Channel,
    Dossier,
    DossierEvent,
    DossierStatus,
    ReturnMethod,
    SequenceCounter,
)
from motcua.workflow import services as wf
from motcua.workflow.importing import DossierImportInvalid, dossier_import
from tests.dossiers.builders import MONDAY_9AM, at, build_world, receive, scan

MON = MONDAY_9AM.date()  # 2026-03-09
TUE, WED, THU, FRI = (MON + dt.timedelta(days=n) for n in range(1, 5))
NEXT_MON = MON + dt.timedelta(days=7)
CODE = "000.01.31.H99-260309-5001"


@pytest.fixture
def world(db):
    return build_world()


def iso(instant: dt.datetime | None) -> str:
    assert instant is not None
    return instant.isoformat()


def event(action: str, when: dt.datetime, **fields: object) -> dict[str, object]:
    return {"at": iso(when), "action": action, "actor_name": "Cán bộ cũ", **fields}


def returned_line(code: str = CODE, **overrides: object) -> dict[str, Any]:
    """A birth registration received Monday 09:00 and returned the same day, in the import format."""
    line: dict[str, Any] = {
        "code": code,
        "procedure_code": "1.001193",
        "variant_code": "dung-han",
        "channel": "counter",
        "desk_code": "mot-cua-hoa-an",
        "agency_code": "000.01.31.H99",
        "applicant": {
            "name": "Trần Thị Hoa",
            "id_number": "001190012345",
            "address": "Thôn Tây, xã Hòa An",
            "phone": "0987654321",
        },
        "received_at": iso(at(MON, 9)),
        "components": [
            {"code": "to-khai", "originals": 1, "digitised": True},
            {"code": "giay-chung-sinh", "originals": 1},
        ],
        "answers": {"child_name": "Trần Minh Khang"},
        "status": "returned",
        "result": {"kind": "approved", "number": "123/2026/KS", "summary": "Giấy khai sinh"},
        "returned": {"method": "counter", "to_name": "Trần Thị Hoa"},
        "events": [
            event("receive", at(MON, 9)),
            event("forward", at(MON, 10), to_step="tham-dinh"),
            event("forward", at(MON, 14), from_step="tham-dinh", to_step="phe-duyet"),
            event("approve", at(MON, 15), to_step="tra-ket-qua"),
            event("return_result", at(MON, 16)),
        ],
    }
    line.update(overrides)
    return line


def jsonl(*lines: object) -> list[str]:
    return [
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) + "\n"
        for line in lines
    ]


def run(*lines: object, source: str = "legacy", dry_run: bool = False):
    return dossier_import(lines=jsonl(*lines), source_system=source, actor=None, dry_run=dry_run)


def refused(*lines: object, source: str = "legacy") -> list[tuple[int, str, str]]:
    with pytest.raises(DossierImportInvalid) as caught:
        run(*lines, source=source)
    return [(p.line, p.field, p.code) for p in caught.value.problems]


# --- Native history → import line ---------------------------------------------------------------


def line_from_native(dossier: Dossier, code: str) -> dict[str, Any]:
    """Write a natively processed dossier out in the import format (what a previous system's
    export would contain)."""
    events = []
    for row in dossier.events.select_related("from_step", "to_step").order_by("sequence"):
        item: dict[str, object] = {"at": iso(row.occurred_at), "action": row.action,
                                   "actor_name": row.actor_name, "note": row.note}  # fmt: skip
        if row.from_step is not None:
            item["from_step"] = row.from_step.code
        if row.to_step is not None:
            item["to_step"] = row.to_step.code
        known = {key: row.data[key] for key in ("amount", "new_due_at") if key in row.data}
        if known and row.action != "approve_apology":
            item["data"] = known
        events.append(item)
    line: dict[str, object] = {
        "code": code,
        "procedure_code": dossier.version.procedure.code,
        "version_number": dossier.version.number,
        "variant_code": dossier.variant.code,
        "channel": dossier.channel,
        "desk_code": dossier.desk.code,
        "agency_code": dossier.agency.code,
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "phone": dossier.phone,
            "email": dossier.email,
        },
        "received_at": iso(dossier.received_at),
        "components": [
            {
                "code": row.component.code,
                "originals": row.originals,
                "copies": row.copies,
                "electronic": row.electronic,
                "digitised": row.digitised,
            }
            for row in dossier.components.select_related("component")
        ],
        "answers": dossier.answers,
        "status": dossier.status,
        "events": events,
    }
    if dossier.result_kind:
        line["result"] = {"kind": dossier.result_kind, "number": dossier.result_number}
    if dossier.returned_at:
        line["returned"] = {"method": dossier.return_method, "to_name": dossier.returned_to_name}
    apology = dossier.apologies.filter(status=ApologyStatus.APPROVED).first()
    if apology is not None:
        line["apology"] = {"reason": apology.reason, "new_due_at": iso(apology.new_due_at),
                           "approved_at": iso(apology.decided_at), "number": apology.number}  # fmt: skip
    return line


def rows(dossier: Dossier) -> dict[str, Any]:
    """Everything the reports and the deadline engine read, handlers and accounts aside."""
    dossier.refresh_from_db()
    return {
        "dossier": (
            dossier.status, dossier.rule_set, dossier.received_at, dossier.clock_started_at,
            dossier.first_clock_started_at, dossier.handover_at, dossier.finished_at,
            dossier.supplement_count, dossier.rescheduled_due_at, dossier.returned_at,
            dossier.result_kind, dossier.fees_due, dossier.fees_paid, dossier.limit_value,
            dossier.limit_unit, code_of(dossier.current_step), code_of(dossier.current_agency),
            dossier.receiving_agency.code, dossier.agency.code, dossier.sweep_at,
        ),
        "components": [
            (c.component.code, c.originals, c.copies, c.electronic)
            for c in dossier.components.order_by("component__position")
        ],
        "visits": [
            (v.step.code, code_of(v.agency), v.role, v.budget_hours, v.started_at, v.ended_at,
             v.used_hours, v.ended_by_action)
            for v in dossier.visits.order_by("started_at", "pk")
        ],
        "pauses": [(p.kind, p.started_at, p.ended_at) for p in dossier.pauses.order_by("pk")],
        "events": [
            (e.sequence, e.occurred_at, e.action, e.from_status, e.to_status,
             e.from_step.code if e.from_step else None, e.to_step.code if e.to_step else None,
             e.step_budget_hours, e.step_used_hours, code_of(e.agency),
             {k: instant_or_value(e.data[k]) for k in sorted(e.data) if k in COMPUTED})
            for e in dossier.events.order_by("sequence")
        ],
        "apology": [
            (a.status, a.new_due_at, a.original_due_at, a.late, a.decided_at)
            for a in dossier.apologies.all()
        ],
    }  # fmt: skip


COMPUTED = {"handover_at", "inter_agency", "timeliness", "early_return_announced",
            "clock_restarted_at", "amount", "late", "new_due_at", "original_due_at",
            "from_agency", "to_agency"}  # fmt: skip


def instant_or_value(value: object) -> object:
    """Event data keep instants as ISO strings, in whichever offset they were computed."""
    if isinstance(value, str) and value[:4].isdigit() and "T" in value:
        return dt.datetime.fromisoformat(value)
    return value


def clocks(deadline: DossierDeadline) -> dict[str, object]:
    legal = deadline.legal
    return {
        "legal": (
            legal.started_at,
            legal.due_at,
            legal.budget,
            legal.used,
            legal.timeliness,
            legal.standing,
            legal.paused,
        ),
        "766": (deadline.view_766, deadline.elapsed_766, deadline.supplement_paused),
        "steps": [
            (s.visit.step.code, s.clock.due_at, s.clock.used, s.clock.timeliness, s.clock.standing)
            for s in deadline.steps
        ],
        "agencies": sorted((a.agency.code, a.budget, a.used) for a in deadline.agencies),
        "appointment": deadline.appointment_at,
        "apology_due_by": deadline.apology_due_by,
    }


def import_like(native: Dossier, code: str) -> Dossier:
    report = run(line_from_native(native, code))
    assert report.created == (code,)
    return Dossier.objects.get(code=code)


def code_of(row: Any) -> str | None:
    return row.code if row is not None else None


def assert_same(native: Dossier, imported: Dossier, *instants: dt.datetime) -> None:
    ours, theirs = rows(imported), rows(native)
    for key, expected in theirs.items():
        if isinstance(expected, list):
            assert len(ours[key]) == len(expected), key
            for mine, native_row in zip(ours[key], expected, strict=True):
                assert mine == native_row, key
        else:
            assert ours[key] == expected, key
    for instant in instants:
        assert clocks(dossier_deadline(imported, at=instant)) == clocks(
            dossier_deadline(native, at=instant)
        )


def test_after_cutoff_supplement_and_send_back_match_the_native_history(world) -> None:
    d = receive(world, when=at(TUE, 15, 30))  # after the cut-off: handed over Wednesday 07:00
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(TUE, 16))
    d = wf.dossier_request_supplement(dossier=d, actor=world.specialist, at=at(WED, 9),
                                      items=[("giay-chung-sinh", "Bản chính")],
                                      reason="Giấy chứng sinh bị mờ")  # fmt: skip
    d = wf.dossier_receive_supplement(dossier=d, actor=world.desk_officer, at=at(THU, 10))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(THU, 14))
    d = wf.dossier_send_back(dossier=d, actor=world.leader, note="Sai tên mẹ", at=at(THU, 15))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(FRI, 9))
    d = wf.dossier_approve(dossier=d, actor=world.leader, files=[scan("kq.pdf")], at=at(FRI, 10))
    d = wf.dossier_return(dossier=d, actor=world.desk_officer, method=ReturnMethod.COUNTER,
                          received_by_name="Nguyễn Văn Bình",
                          received_by_id_number="001090012345", at=at(FRI, 14))  # fmt: skip

    imported = import_like(d, CODE)

    assert imported.handover_at == at(WED, 7)
    assert imported.clock_started_at == at(THU, 10)  # restarted by the completed supplement
    assert imported.supplement_count == 1
    assert imported.source_system == "legacy"
    assert imported.reference == f"NK-{CODE}"
    assert imported.code == CODE
    assert imported.logbook_serial == 2  # after the native dossier's serial 1
    assert_same(d, imported, at(FRI, 14), at(NEXT_MON, 9))
    assert dossier_deadline(imported, at=at(FRI, 14)).legal.timeliness == "early"
    assert all(e.data["imported"] is True for e in imported.events.all())
    assert all(e.actor is None for e in imported.events.all())


def test_inter_agency_payment_and_refusal_match_the_native_history(world) -> None:
    d = receive(world, variant=world.inter_variant)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 9, 30))
    d = wf.dossier_request_payment(dossier=d, actor=world.specialist, amount=Decimal(50000),
                                   reason="Phí xác minh", at=at(MON, 10))  # fmt: skip
    d = wf.dossier_confirm_payment(dossier=d, actor=world.specialist, amount=Decimal(50000),
                                   at=at(TUE, 8))  # fmt: skip
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(TUE, 9))
    d = wf.dossier_forward(dossier=d, actor=world.police_specialist, at=at(WED, 10))
    d = wf.dossier_refuse_result(dossier=d, actor=world.leader, reasons=["Không đủ điều kiện"],
                                 at=at(NEXT_MON, 11))  # fmt: skip

    imported = import_like(d, CODE)

    assert imported.status == DossierStatus.RESULT_READY
    assert imported.fees_due == imported.fees_paid == Decimal(50000)
    assert [p.kind for p in imported.pauses.all()] == ["financial"]
    assert [v.agency.code for v in imported.visits.order_by("started_at")] == [
        "000.01.31.H99", "000.01.31.H99", "000.00.41.H99", "000.01.31.H99", "000.01.31.H99",
    ]  # fmt: skip
    assert_same(d, imported, at(NEXT_MON, 11), at(NEXT_MON, 16))
    assert dossier_deadline(imported, at=at(NEXT_MON, 11)).legal.timeliness == "late"


def test_open_dossier_with_an_apology_matches_the_native_one(world) -> None:
    d = receive(world, variant=world.inter_variant)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 9, 30))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MON, 14))
    due = dossier_deadline(d, at=at(TUE, 9)).legal.due_at
    wf.apology_draft(dossier=d, actor=world.police_specialist, reason="Chờ xác minh",
                     new_due_at=due + dt.timedelta(days=5), at=at(TUE, 9))  # fmt: skip
    wf.apology_submit(dossier=d, actor=world.police_specialist, at=at(TUE, 10))
    wf.apology_approve(dossier=d, actor=world.leader, at=at(WED, 16))

    imported = import_like(d, CODE)

    assert imported.status == DossierStatus.PROCESSING
    assert imported.visits.filter(ended_at=None).get().step.code == "cong-an"
    apology = Apology.objects.get(dossier=imported)
    assert apology.status == ApologyStatus.APPROVED
    assert apology.late  # approved less than a working day before the due
    assert imported.rescheduled_due_at == due + dt.timedelta(days=5)
    assert_same(d, imported, at(WED, 16), at(THU, 9), at(NEXT_MON, 9))
    assert dossier_deadline(imported, at=at(NEXT_MON, 9)).legal.standing == "overdue"


def test_withdrawal_refused_then_granted_matches_the_native_history(world) -> None:
    d = receive(world)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    d = wf.dossier_request_withdrawal(dossier=d, actor=world.desk_officer, reason="Đổi ý",
                                      at=at(MON, 11))  # fmt: skip
    d = wf.dossier_refuse_withdrawal(dossier=d, actor=world.desk_officer, reason="Đã ký",
                                     at=at(MON, 14))  # fmt: skip
    d = wf.dossier_request_withdrawal(dossier=d, actor=world.desk_officer, reason="Xin rút",
                                      at=at(TUE, 9))  # fmt: skip
    d = wf.dossier_stop(dossier=d, actor=world.desk_officer, at=at(TUE, 10))

    imported = import_like(d, CODE)

    assert imported.status == DossierStatus.STOPPED
    assert imported.finished_at == at(TUE, 10)
    assert_same(d, imported, at(TUE, 10), at(NEXT_MON, 9))


def test_an_open_supplement_request_matches_the_native_one(world) -> None:
    d = receive(world, channel=Channel.POSTAL)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MON, 10))
    d = wf.dossier_request_supplement(dossier=d, actor=world.specialist, at=at(TUE, 9),
                                      items=[("to-khai", "Ký tên")], reason="Thiếu chữ ký")  # fmt: skip

    imported = import_like(d, CODE)

    assert imported.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert imported.pauses.get().ended_at is None
    assert imported.visits.filter(ended_at=None).get().step.code == "tham-dinh"
    assert_same(d, imported, at(TUE, 9), at(NEXT_MON, 9))
    assert dossier_deadline(imported, at=at(NEXT_MON, 9)).legal.paused


def test_online_submission_then_reception(world) -> None:
    line = returned_line(channel="online")
    line["events"] = [event("submit", at(MON, 8)), *line["events"]]
    run(line)
    d = Dossier.objects.get(code=CODE)
    assert d.submitted_at == at(MON, 8)
    assert d.handover_at is None
    assert [(e.action, e.from_status, e.to_status) for e in d.events.all()][:2] == [
        ("submit", "", "submitted"),
        ("receive", "submitted", "received"),
    ]


# --- A valid file -------------------------------------------------------------------------------


def test_a_valid_file_imports_every_row(world) -> None:
    report = run(returned_line(), returned_line("000.01.31.H99-260309-5002"), "\n")

    assert report.ok
    assert report.lines == 2
    assert report.created == (CODE, "000.01.31.H99-260309-5002")
    d = Dossier.objects.get(code=CODE)
    assert (d.status, d.result_kind, d.result_number) == ("returned", "approved", "123/2026/KS")
    assert (d.return_method, d.returned_to_name, d.returned_at) == ("counter", "Trần Thị Hoa",
                                                                     at(MON, 16))  # fmt: skip
    assert d.finished_at == at(MON, 15)
    assert d.applicant_name == "Trần Thị Hoa"
    assert d.answers == {"child_name": "Trần Minh Khang"}
    assert [(c.component.code, c.originals) for c in d.components.order_by("component__position")] == [
        ("to-khai", 1), ("giay-chung-sinh", 1), ("van-ban-uy-quyen", 0),
    ]  # fmt: skip
    assert [
        (v.step.code, v.budget_hours, v.used_hours) for v in d.visits.order_by("started_at")
    ] == [
        ("tiep-nhan", Decimal(2), Decimal(1)),
        ("tham-dinh", Decimal(14), Decimal(2)),  # 10:00-11:30 and 13:30-14:00
        ("phe-duyet", Decimal(4), Decimal(1)),
        ("tra-ket-qua", Decimal(4), Decimal(1)),
    ]
    chain = [(e.from_status, e.to_status) for e in d.events.order_by("sequence")]
    assert chain == [("", "received"), ("received", "processing"), ("processing", "processing"),
                     ("processing", "result_ready"), ("result_ready", "returned")]  # fmt: skip
    assert d.events.get(action="return_result").data == {
        "imported": True, "method": "counter", "received_by": "Trần Thị Hoa",
    }  # fmt: skip
    assert [e.actor_name for e in d.events.all()] == ["Cán bộ cũ"] * 5
    assert d.logbook_year == 2026
    assert {d.logbook_serial for d in Dossier.objects.all()} == {1, 2}
    audit = AuditEvent.objects.get(action="dossier.imported")
    assert audit.data["created"] == 2
    assert audit.data["source_system"] == "legacy"


def test_the_clock_start_can_be_given(world) -> None:
    run(returned_line(clock_started_at=iso(at(MON, 9, 30))))
    d = Dossier.objects.get(code=CODE)
    assert d.clock_started_at == d.first_clock_started_at == at(MON, 9, 30)


def test_the_version_is_the_one_in_force_on_the_reception_day(world) -> None:
    line = returned_line()
    line.pop("variant_code")  # a single variant needs no code
    assert "version_number" not in line
    run(line)
    assert Dossier.objects.get(code=CODE).version == world.linear


# --- Refusals ------------------------------------------------------------------------------------


def test_three_bad_lines_are_all_reported_and_nothing_is_written(world) -> None:
    counters = SequenceCounter.objects.count()
    unknown = returned_line("000.01.31.H99-260309-5004", procedure_code="9.999999")
    wrong_status = returned_line("000.01.31.H99-260309-5005", status="processing")

    problems = refused(
        returned_line(),
        '{"code": "000.01.31.H99-260309-5002", \n',
        returned_line("000.01.31.H99-260309-5003"),
        unknown,
        wrong_status,
    )

    assert [(line, code) for line, _, code in problems] == [
        (2, "json_invalid"), (4, "procedure_unknown"), (5, "status_mismatch"),
    ]  # fmt: skip
    assert Dossier.objects.count() == 0
    assert DossierEvent.objects.count() == 0
    assert SequenceCounter.objects.count() == counters


def test_every_problem_of_a_line_is_reported(world) -> None:
    line = returned_line(channel="fax", desk_code="khong-co", extra="?")
    line["applicant"] = {"name": "", "phone": "12"}
    line["events"][1]["at"] = "2026-03-09 10:00"  # no offset
    problems = refused(line)
    assert {(field, code) for _, field, code in problems} == {
        ("channel", "channel_invalid"),
        ("desk_code", "desk_unknown"),
        ("extra", "field_unknown"),
        ("applicant.name", "applicant_invalid"),
        ("applicant.phone", "applicant_invalid"),
        ("events[1].at", "datetime_naive"),
    }


def numbered(n: int, **overrides: object) -> dict[str, Any]:
    return returned_line(f"000.01.31.H99-260309-{5000 + n}", **overrides)


def test_a_history_that_breaks_the_process_is_refused(world) -> None:
    skip = numbered(1)
    skip["events"][1] = event("forward", at(MON, 10), to_step="phe-duyet")
    approve_too_early = numbered(2)
    approve_too_early["events"][2] = event("approve", at(MON, 14))
    unknown_step = numbered(3)
    unknown_step["events"][1] = event("forward", at(MON, 10), to_step="khong-co")
    wrong_from = numbered(4)
    wrong_from["events"][2]["from_step"] = "tiep-nhan"
    backwards = numbered(5)
    backwards["events"][3]["at"] = iso(at(MON, 13))
    no_reception = numbered(6)
    no_reception["events"] = no_reception["events"][1:]

    assert refused(skip, approve_too_early, unknown_step, wrong_from, backwards,
                   no_reception) == [
        (1, "events[1].to_step", "step_not_allowed"),
        (2, "events[2].action", "transition_not_allowed"),
        (3, "events[1].to_step", "step_unknown"),
        (4, "events[2].from_step", "step_mismatch"),
        (5, "events[3].at", "event_order"),
        (6, "events[0].action", "receive_missing"),
    ]  # fmt: skip
    assert Dossier.objects.count() == 0


def test_final_facts_must_match_the_history(world) -> None:
    assert refused(
        numbered(1, received_at=iso(at(MON, 8))),
        numbered(2, result={"kind": "refused"}),
        numbered(3, finished_at=iso(at(MON, 16))),
        numbered(4, returned=None),
    ) == [
        (1, "received_at", "received_at_mismatch"),
        (2, "result.kind", "result_kind_mismatch"),
        (3, "finished_at", "finished_at_mismatch"),
        (4, "returned", "returned_required"),
    ]


def test_codes_and_references_are_checked(world) -> None:
    native = receive(world)
    assert refused(
        returned_line(str(native.code)),
        returned_line("HS-0001"),
        returned_line(),
        returned_line(),
        returned_line("000.01.31.H99-260309-5009", procedure_code="1.001193", variant_code="x"),
        returned_line("000.01.31.H99-260309-5010", agency_code="000.00.15.H99"),
        returned_line("000.01.31.H99-260309-5011", received_at=iso(at(dt.date(2099, 1, 1), 9))),
    ) == [
        (1, "code", "code_exists"),
        (2, "code", "code_invalid"),
        (4, "code", "code_duplicate"),
        (5, "variant_code", "variant_unknown"),
        (6, "agency_code", "agency_not_competent"),
        (7, "received_at", "in_future"),
    ]


def test_a_line_that_lacks_a_required_component_is_refused(world) -> None:
    line = returned_line(components=[{"code": "to-khai", "originals": 1}])
    assert refused(line) == [(1, "components", "component_missing")]


# --- Idempotence, sources, dry run ---------------------------------------------------------------


def test_importing_again_skips_what_the_source_already_gave(world) -> None:
    first = run(returned_line())
    events = DossierEvent.objects.count()

    again = run(returned_line(), returned_line("000.01.31.H99-260309-5002"))

    assert first.created == (CODE,)
    assert again.skipped == (CODE,)
    assert again.created == ("000.01.31.H99-260309-5002",)
    assert Dossier.objects.count() == 2
    assert DossierEvent.objects.count() == 2 * events
    assert refused(returned_line(), source="other") == [(1, "code", "code_exists")]


def test_a_dry_run_writes_nothing(world) -> None:
    counters = list(SequenceCounter.objects.values_list("name", "value"))

    report = run(returned_line(), dry_run=True)
    bad = run(returned_line(), returned_line(status="stopped"), dry_run=True)

    assert report.ok
    assert report.created == (CODE,)
    assert [(p.line, p.code) for p in bad.problems] == [(2, "code_duplicate")]
    assert Dossier.objects.count() == 0
    assert list(SequenceCounter.objects.values_list("name", "value")) == counters


# --- Logbook and counters ------------------------------------------------------------------------


def test_logbook_serials_and_codes_never_collide_with_later_receptions(world) -> None:
    receive(world)  # native serial 1, code …-260309-0001
    run(
        returned_line("000.01.31.H99-260309-0002"),  # allocated: 2 (3 is taken by the next line)
        returned_line("000.01.31.H99-260309-0003", logbook_serial=3),
        returned_line("000.01.31.H99-260309-0007"),  # allocated: 4
    )
    serials = dict(
        Dossier.objects.filter(source_system="legacy").values_list("code", "logbook_serial")
    )
    assert serials == {
        "000.01.31.H99-260309-0002": 2,
        "000.01.31.H99-260309-0003": 3,
        "000.01.31.H99-260309-0007": 4,
    }
    receive_event = Dossier.objects.get(code="000.01.31.H99-260309-0002").events.get(
        action="receive"
    )
    assert receive_event.data["logbook_serial"] == 2

    later = receive(world)  # the same day: after every imported code and serial
    assert later.code == "000.01.31.H99-260309-0008"
    assert later.logbook_serial == 5
    assert refused(returned_line("000.01.31.H99-260309-0009", logbook_serial=5)) == [
        (1, "logbook_serial", "logbook_serial_taken")
    ]


# --- The command ---------------------------------------------------------------------------------


def call(*args: str) -> str:
    out = StringIO()
    call_command("import_dossiers", *args, stdout=out)
    return out.getvalue()


def test_command_imports_and_says_so(world, tmp_path) -> None:
    path = tmp_path / "hoso.jsonl"
    path.write_text("".join(jsonl(returned_line())), encoding="utf-8")

    assert "Chạy thử: tệp hợp lệ (1 dòng). Sẽ nhập 1 hồ sơ" in call(str(path), "--dry-run")
    assert Dossier.objects.count() == 0
    assert call(str(path), "--source", "igate") == (
        "Đã nhập 1 hồ sơ từ hệ thống «igate»; 0 hồ sơ đã có (bỏ qua).\n"
    )
    assert Dossier.objects.get().source_system == "igate"
    assert "1 hồ sơ đã có" in call(str(path), "--source", "igate")


def test_command_lists_bad_lines_and_exits_1(world, tmp_path) -> None:
    path = tmp_path / "hoso.jsonl"
    path.write_text("".join(jsonl(returned_line(), "not json\n", returned_line(status="x"))))
    out = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import_dossiers", str(path), stdout=out)

    assert caught.value.returncode == 1
    assert "chưa ghi gì" in str(caught.value)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("dòng 2: (dòng): Không phải JSON hợp lệ")
    assert lines[1].startswith("dòng 3: code: Mã hồ sơ trùng với dòng 1")
    assert lines[2].startswith("dòng 3: status: Trạng thái «x» không hợp lệ")
    assert Dossier.objects.count() == 0


def test_command_refuses_a_missing_file(world, tmp_path) -> None:
    with pytest.raises(CommandError) as caught:
        call(str(tmp_path / "khong-co.jsonl"))
    assert caught.value.returncode == 1
