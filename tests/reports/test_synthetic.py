"""The synthetic history (`motcua.reports.synthetic`, `generate_dossiers`) on the dossier tests'
world (tests/dossiers/builders.build_world: UBND xã Hòa An's desk, the birth registration
procedure and its variant with a Công an tỉnh step, a desk officer, two specialists, a leader and
a police specialist): the rows are those the workflow would have written.

- the reports' projection equals a fresh computation (`facts_differing() == []`);
- each history replays through the transition table and the pinned process, and the dossier,
  its visits, pauses and apology agree with its events;
- generated dossiers exported as import lines (docs/dossier-import.md) and imported through
  `dossier_import` — whose replay derives clocks, visits, time used, pauses and the derived event
  data itself — come out with the same rows and the same facts;
- the number counters stand past what was generated: the next reception at the counter gets the
  next code and serial."""

import datetime as dt
import json
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models

from motcua.accounts.models import Agency
from motcua.calendar.engine import WorkingCalendar
from motcua.calendar.selectors import calendar_for_agency
from motcua.catalog.models import ProcessStep, StepKind
from motcua.core.timezone import to_local
from motcua.dossiers.codes import format_code, parse_code
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Apology,
    ApologyStatus,
    Dossier,
    DossierEvent,
    DossierPause,
    DossierStatus,
    PauseKind,
    StepVisit,
    hours,
)
from motcua.reports.facts import COMPARED, facts_compute, facts_differing
from motcua.reports.models import DossierFact
from motcua.reports.synthetic import TABLES, bulk_allowed, dossiers_generate, secondary_indexes
from motcua.workflow.core import engine_pauses
from motcua.workflow.importing import dossier_import
from motcua.workflow.transitions import RULES, Action, status_allows
from tests.dossiers.builders import build_world, receive

S = DossierStatus
END = dt.date(2026, 3, 31)
COUNT = 400
SEED = 2


@pytest.fixture
def generated(db):
    world = build_world()
    report = dossiers_generate(count=COUNT, seed=SEED, years=1, end=END, batch_size=150)
    return world, report


def test_every_model_column_is_written():
    """The generator writes every column of the models it fills (a new field must be added to it,
    not silently left to a default it may not have)."""
    for model, columns in TABLES:
        names = {f.attname for f in model._meta.concrete_fields}
        if model is not Dossier and not isinstance(model._meta.pk, models.OneToOneField):
            names.discard(model._meta.pk.attname)  # left to the database (the dossier's is given)
        assert set(columns) == names, model.__name__
        assert len(columns) == len(set(columns))


def test_counts_mix_and_facts(generated):
    world, report = generated
    dossiers = list(Dossier.objects.all())
    # 400 dossiers in 3 batches of whole days (150 + 150 + 100, each batch closed past 150).
    assert report.count == COUNT == len(dossiers)
    assert report.batches == 3
    assert sum(report.by_status.values()) == COUNT
    assert report.first_day == dt.date(2025, 4, 1)  # 365 days ending 31/03/2026
    arrivals = [d.submitted_at or d.received_at for d in dossiers]
    assert all(a is not None and report.first_day <= to_local(a).date() <= END for a in arrivals)
    assert facts_differing() == []
    # Every dossier received or refused at intake has its fact; open submissions have none.
    submitted = sum(1 for d in dossiers if d.status == S.SUBMITTED)
    assert DossierFact.objects.count() == COUNT - submitted

    channels = Counter(d.channel for d in dossiers)
    assert set(channels) == {"counter", "online", "postal"}
    statuses = Counter(d.status for d in dossiers)
    assert {S.RETURNED, S.RESULT_READY, S.REFUSED_INTAKE, S.STOPPED} <= set(statuses)
    assert any(status in OPEN_STATUSES for status in statuses)  # some still open at the end
    actions = Counter(DossierEvent.objects.values_list("action", flat=True))
    for action in (
        "submit", "receive", "forward", "assign", "approve", "send_back", "request_supplement",
        "receive_supplement", "request_payment", "confirm_payment", "refuse_result",
        "return_result", "refuse_intake", "request_withdrawal", "stop", "draft_apology",
        "submit_apology", "approve_apology",
    ):  # fmt: skip
        assert actions[action] > 0, action
    facts = DossierFact.objects.all()
    assert {f.timeliness for f in facts} >= {"early", "on_time", "late"}
    assert facts.filter(inter_agency=True).exists()  # the Công an tỉnh step
    assert facts.filter(apology_late=True).exists() or facts.filter(lacks_apology=True).exists()
    assert set(facts.exclude(return_method="").values_list("return_method", flat=True)) == {
        "counter",
        "post",
        "electronic",
    }
    visits = StepVisit.objects.all()
    assert visits.filter(handler__isnull=False).exists()
    assert visits.filter(agency=world.police).exists()


def _allowed(event: DossierEvent, received: bool) -> bool:
    """Whether the transition table allows the event from where the dossier stood."""
    if event.action == "submit":
        return event.sequence == 1 and event.to_status == S.SUBMITTED
    action = Action(event.action)
    if action is Action.RECEIVE:
        return event.from_status in ("", S.SUBMITTED) and not received
    if action is Action.REFUSE_INTAKE and event.from_status == "":
        return event.sequence == 1  # refused at the counter
    step = event.from_step
    kind = StepKind(step.kind) if step is not None else None
    return status_allows(RULES[action], S(event.from_status), received=received, step_kind=kind)


def test_histories_replay_through_the_workflow(generated):
    steps = {s.pk: s for s in ProcessStep.objects.prefetch_related("forward_to", "send_back_to")}
    dossiers = Dossier.objects.select_related("variant", "receiving_agency").prefetch_related(
        "events__from_step", "visits__step", "visits__agency", "pauses", "apologies"
    )
    for d in dossiers:
        events = list(d.events.all())
        assert [e.sequence for e in events] == list(range(1, len(events) + 1))
        status, step, received = "", None, False
        for e in events:
            assert e.from_status == status, (d.code, e.sequence)
            assert e.from_step_id == step, (d.code, e.sequence)
            assert _allowed(e, received), (d.code, e.sequence, e.action)
            if e.action in ("forward", "approve", "send_back") and e.to_step_id != step:
                assert e.from_step_id is not None
                source = steps[e.from_step_id]
                targets = source.send_back_to if e.action == "send_back" else source.forward_to
                assert e.to_step_id in {t.pk for t in targets.all()}
            status, step = e.to_status, e.to_step_id
            received = received or e.action == "receive"
        assert [e.occurred_at for e in events] == sorted(e.occurred_at for e in events)
        assert d.status == status
        assert d.current_step_id == step
        # Codes: the receiving agency, the local reception date, the logbook of that year.
        if received:
            parsed = parse_code(d.code or "")
            assert parsed is not None
            assert parsed.agency_code == d.receiving_agency.code
            assert d.received_at is not None
            assert (
                parsed.day
                == to_local(d.received_at).date()
                == dt.date(d.logbook_year or 0, parsed.day.month, parsed.day.day)
            )
        else:
            assert d.code is None
            assert d.logbook_serial is None
        assert (d.finished_at is not None) == (d.status in (S.RESULT_READY, S.RETURNED, S.STOPPED))
        assert (d.returned_at is not None) == (d.status == S.RETURNED)
        assert bool(d.result_kind) == any(
            e.action in ("approve", "result_ready", "refuse_result")
            and e.to_status == S.RESULT_READY
            for e in events
        )
        supplements = [e for e in events if e.action == "request_supplement"]
        assert d.supplement_count == len(supplements)
        restarts = [e for e in events if e.action == "receive_supplement"]
        if restarts:
            restarted = dt.datetime.fromisoformat(restarts[-1].data["clock_restarted_at"])
            assert d.clock_started_at == restarted
        else:
            assert d.clock_started_at == d.first_clock_started_at
        payments = sum(Decimal(e.data["amount"]) for e in events if e.action == "request_payment")
        assert d.fees_due == payments  # the birth registration is free
        assert d.sweep_at == (
            events[-1].occurred_at if d.code and d.status in OPEN_STATUSES else None
        )

        # Visits: one per step entered, the open one where the dossier stands, time used as
        # `close_visit` computes it on the visit's agency calendar with the pauses excluded.
        visits = sorted(d.visits.all(), key=lambda v: (v.started_at, v.pk))
        moves = [e for e in events if e.to_step_id is not None and e.to_step_id != e.from_step_id]
        assert len(visits) == len(moves)
        open_visits = [v for v in visits if v.ended_at is None]
        if d.status in (S.RETURNED, S.STOPPED) or not received:
            assert open_visits == []
        else:
            assert [v.step_id for v in open_visits] == [d.current_step_id]
            assert d.handler_id == open_visits[0].handler_id
        pauses = list(d.pauses.all())
        for v in visits:
            if v.ended_at is not None:
                calendar = world_calendar(v.agency)
                used = calendar.working_time_between(
                    v.started_at, v.ended_at, pauses=engine_pauses(d)
                )
                assert v.used_hours == hours(used)
        assert len([p for p in pauses if p.kind == PauseKind.SUPPLEMENT]) == d.supplement_count
        paused = [p for p in pauses if p.ended_at is None]
        assert bool(paused) == (d.status in (S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT))
        for apology in d.apologies.all():
            if apology.status == ApologyStatus.APPROVED:
                assert apology.new_due_at is not None
                assert apology.original_due_at is not None
                assert apology.new_due_at > apology.original_due_at
                assert d.rescheduled_due_at == apology.new_due_at


_calendars: dict[int, WorkingCalendar] = {}


def world_calendar(agency: Agency) -> WorkingCalendar:
    if agency.pk not in _calendars:
        _calendars[agency.pk] = calendar_for_agency(agency)
    return _calendars[agency.pk]


def test_counters_stand_past_the_generated_numbers(generated):
    """A dossier received at the counter afterwards continues the day's codes and the desk's
    logbook of the year."""
    world, _ = generated
    received = Dossier.objects.filter(desk=world.desk, received_at__isnull=False)
    when = max(d.received_at for d in received if d.received_at) + dt.timedelta(minutes=1)
    day = to_local(when).date()
    agency = world.desk.host.code
    codes = Dossier.objects.filter(code__startswith=f"{agency}-{day:%y%m%d}-")
    same_day = [parse_code(code or "") for code in codes.values_list("code", flat=True)]
    serials = Dossier.objects.filter(desk=world.desk, logbook_year=day.year).values_list(
        "logbook_serial", flat=True
    )
    # The generated serials of the year are 1..n with no gap (a fresh world).
    assert sorted(s or 0 for s in serials) == list(range(1, len(serials) + 1))
    dossier = receive(world, when=when)
    assert dossier.code == format_code(agency, day, max(p.sequence for p in same_day if p) + 1)
    assert dossier.logbook_serial == len(serials) + 1


# --- Generated dossiers through the historic import --------------------------------------------

# Event data the import sets itself (`imported`) or numbers afresh (the logbook serial); and the
# withdrawal's date, which `dossier_stop` copies into its event (the generator does too) but the
# import's replay leaves out of it (it keeps it on the request's event only).
_NOT_COMPARED = {"imported", "logbook_serial"}
_NOT_COMPARED_ON = {"stop": {"requested_on"}}


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def import_line(d: Dossier, code: str) -> dict[str, Any]:
    """The dossier in the import format (docs/dossier-import.md), under another code; instants,
    clocks, visits and the derived data are left for the import to derive."""
    line: dict[str, Any] = {
        "code": code,
        "procedure_code": d.version.procedure.code,
        "version_number": d.version.number,
        "variant_code": d.variant.code,
        "channel": d.channel,
        "desk_code": d.desk.code,
        "agency_code": d.agency.code,
        "applicant": {
            "kind": d.applicant_kind,
            "name": d.applicant_name,
            "id_number": d.applicant_id_number,
            "address": d.applicant_address,
            "phone": d.phone,
            "email": d.email,
            "submitter_name": d.submitter_name,
            "submitter_id_number": d.submitter_id_number,
        },
        "received_at": _iso(d.received_at),
        "components": [
            {
                "code": c.component.code,
                "originals": c.originals,
                "copies": c.copies,
                "electronic": c.electronic,
                "digitised": c.digitised,
                "reused": c.reused,
                "from_store": c.from_store,
            }
            for c in d.components.select_related("component")
            if c.handed_in
        ],
        "status": d.status,
        "events": [
            {
                "at": _iso(e.occurred_at),
                "action": e.action,
                "actor_name": e.actor_name,
                "note": e.note,
                "data": e.data,
                **(
                    {"to_step": e.to_step.code}
                    if e.action in ("forward", "send_back", "approve") and e.to_step
                    else {}
                ),
            }
            for e in d.events.select_related("to_step").order_by("sequence")
        ],
    }
    if d.status in (S.RESULT_READY, S.RETURNED):
        line["result"] = {"kind": d.result_kind, "number": d.result_number,
                          "summary": d.result_summary}  # fmt: skip
    if d.status == S.RETURNED:
        line["returned"] = {"method": d.return_method, "to_name": d.returned_to_name,
                            "to_id_number": d.returned_to_id_number,
                            "tracking_number": d.return_tracking_number}  # fmt: skip
    approved = d.apologies.filter(status=ApologyStatus.APPROVED).first()
    if approved is not None:
        line["apology"] = {"reason": approved.reason, "new_due_at": _iso(approved.new_due_at),
                           "approved_at": _iso(approved.decided_at),
                           "number": approved.number}  # fmt: skip
    return line


_INSTANTS = ("new_due_at", "original_due_at", "handover_at", "clock_restarted_at")


def _instant(value: object) -> object:
    """An instant written in the event data, whatever offset it was written with."""
    if isinstance(value, str) and len(value) >= 20 and value[10:11] == "T":
        return dt.datetime.fromisoformat(value)
    return value


def _data(e: DossierEvent) -> dict[str, object]:
    left_out = _NOT_COMPARED | _NOT_COMPARED_ON.get(e.action, set())
    return {k: _instant(v) for k, v in e.data.items() if k not in left_out}


def _rows(d: Dossier) -> dict[str, Any]:
    """What the replay derives, for comparison (ids and numbers the import gives afresh apart)."""
    return {
        "dossier": [
            getattr(d, name)
            for name in (
                "status",
                "rule_set",
                "channel",
                "agency_id",
                "current_step_id",
                "current_agency_id",
                "received_at",
                "submitted_at",
                "clock_started_at",
                "first_clock_started_at",
                "handover_at",
                "limit_value",
                "limit_unit",
                "supplement_count",
                "fees_due",
                "fees_paid",
                "paid_online",
                "finished_at",
                "rescheduled_due_at",
                "result_kind",
                "result_number",
                "returned_at",
                "return_method",
                "returned_to_name",
                "status_before_withdrawal",
                "sweep_at",
                "logbook_year",
            )
        ],
        "visits": [
            (
                v.step_id,
                v.agency_id,
                v.role,
                v.budget_hours,
                v.started_at,
                v.ended_at,
                v.used_hours,
                v.ended_by_action,
            )
            for v in d.visits.order_by("started_at", "pk")
        ],
        "pauses": [
            (p.kind, p.started_at, p.ended_at) for p in d.pauses.order_by("started_at", "pk")
        ],
        "events": [
            (
                e.sequence,
                e.occurred_at,
                e.actor_name,
                e.agency_id,
                e.action,
                e.from_status,
                e.to_status,
                e.from_step_id,
                e.to_step_id,
                e.step_budget_hours,
                e.step_used_hours,
                e.note,
                _data(e),
            )
            for e in d.events.order_by("sequence")
        ],
        "apology": [
            (a.new_due_at, a.original_due_at, a.decided_at, a.late, a.number)
            for a in d.apologies.filter(status=ApologyStatus.APPROVED)
        ],
    }


def test_generated_dossiers_import_into_the_same_rows(generated):
    """Every story the generator tells, replayed by the historic import from the events alone,
    gives the same dossier, visits (time used included), pauses, event data and apology — and
    the same facts."""
    received = Dossier.objects.filter(code__isnull=False).order_by("pk")
    rare = set(
        DossierEvent.objects.exclude(
            action__in=["receive", "forward", "approve", "return_result", "submit", "assign"]
        ).values_list("dossier_id", flat=True)
    )
    chosen = [d for d in received if d.pk in rare][:60] + [d for d in received if d.pk not in rare][
        :40
    ]
    assert {d.status for d in chosen} >= {S.RETURNED, S.RESULT_READY, S.STOPPED}
    covered = set(DossierEvent.objects.filter(dossier__in=chosen).values_list("action", flat=True))
    assert covered >= {
        "submit", "receive", "forward", "assign", "send_back", "approve", "request_supplement",
        "receive_supplement", "request_payment", "confirm_payment", "refuse_result",
        "return_result", "request_withdrawal", "stop", "stop_processing", "draft_apology",
        "submit_apology", "approve_apology",
    }  # fmt: skip
    lines, pairs = [], {}
    for d in chosen:
        parsed = parse_code(d.code or "")
        assert parsed is not None
        code = format_code(parsed.agency_code, parsed.day, parsed.sequence + 5000)
        lines.append(json.dumps(import_line(d, code), ensure_ascii=False) + "\n")
        pairs[code] = d
    report = dossier_import(lines=lines, source_system="synthetic", actor=None)
    assert report.ok, report.problems[:3]
    assert len(report.created) == len(chosen)
    imported = {d.code: d for d in Dossier.objects.filter(code__in=report.created)}
    fresh = facts_compute([d.pk for d in imported.values()])
    stored = {
        f.dossier_id: f for f in DossierFact.objects.filter(dossier_id__in=[d.pk for d in chosen])
    }
    compared = [name for name in COMPARED if name != "dossier_id"]
    for code, original in pairs.items():
        copy = imported[code]
        assert _rows(copy) == _rows(original), original.code
        fact = fresh[copy.pk]
        assert fact is not None
        assert [getattr(fact, n) for n in compared] == [
            getattr(stored[original.pk], n) for n in compared
        ], original.code


def test_same_seed_same_history(db):
    """Deterministic: the same world, count, seed and end give the same dossiers (ids apart)."""
    build_world()

    def digest() -> list[tuple[object, ...]]:
        return [
            (
                d.code,
                d.reference,
                d.status,
                d.channel,
                d.received_at,
                d.finished_at,
                d.applicant_name,
                tuple(d.events.values_list("action", "occurred_at")),
            )
            for d in Dossier.objects.order_by("pk")
        ]

    dossiers_generate(count=60, seed=5, years=1, end=END)
    first = digest()
    DossierEvent.objects.all()._raw_delete(DossierEvent.objects.db)  # append-only otherwise
    Apology.objects.all().delete()
    DossierPause.objects.all().delete()
    Dossier.objects.all().delete()
    from motcua.dossiers.models import SequenceCounter

    SequenceCounter.objects.all().delete()
    dossiers_generate(count=60, seed=5, years=1, end=END)
    assert digest() == first
    dossiers_generate(count=60, seed=6, years=1, end=END)
    assert digest()[:60] == first  # another seed adds other dossiers after them


def test_command_refuses_without_a_receivable_procedure(db):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("generate_dossiers", count=10, seed=1)


def test_command_refuses_an_end_not_in_the_past(db):
    with pytest.raises(CommandError, match="trước hôm nay"):
        call_command("generate_dossiers", count=10, seed=1, end=dt.date(2999, 1, 1))


def test_command_generates(db, capsys):
    build_world()
    call_command("generate_dossiers", "--count=25", "--seed=3", "--years=1", "--end=2026-03-31")
    out = capsys.readouterr().out
    assert "Đã tạo 25 hồ sơ giả lập từ 01/04/2025 đến 31/03/2026" in out
    assert Dossier.objects.count() == 25
    assert facts_differing() == []


def test_command_refuses_bulk_where_it_cannot_run(db):
    """`--bulk` needs PostgreSQL as a superuser outside a transaction (a test runs inside one)."""
    build_world()
    with pytest.raises(CommandError, match="superuser"):
        call_command("generate_dossiers", "--count=5", "--seed=1", "--bulk")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY and bulk loads: PostgreSQL")
def test_postgresql_writer_thread_and_bulk_load(transactional_db):
    """Outside a transaction (as the command runs) PostgreSQL rows go through COPY in a writer
    thread; `bulk` also drops the indexes that back no constraint and builds them again."""
    build_world()
    indexes = secondary_indexes()
    assert len(indexes) > 20  # e.g. the dossier's `dossier_queue`, the facts' `fact_settled`
    first = dossiers_generate(count=150, seed=8, years=1, end=END, batch_size=60)
    assert bulk_allowed()
    second = dossiers_generate(count=150, seed=9, years=1, end=END, batch_size=60, bulk=True)
    assert (first.batches, second.batches) == (3, 3)  # 150 in batches closed past 60: 3 each
    assert Dossier.objects.count() == 300
    assert facts_differing() == []
    assert secondary_indexes() == indexes
