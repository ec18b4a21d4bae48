"""Every timeliness figure against numbers computed by hand, on small crafted histories imported
through `import_dossiers` (tests/reports/histories.py; `import_lines` also proves the stored facts
equal a fresh computation after each import).

Calendar (histories.py): 07:00–11:30 and 13:30–17:00, Monday to Friday, 8 working hours a day;
March 2026 has no holiday. Received Monday 09:00, a 3-working-day dossier (24 h) gets 6 h on
Monday, 8 h on Tuesday, 8 h on Wednesday (22 h) and its last 2 h on Thursday: due Thursday 09:00.
"Due soon" begins with 6 h left (8 h capped at 25% of 24 h), i.e. after 18 h: Wednesday 11:00.

Periods are local: March 2026 is [S, E) with S = 1/3 00:00 and E = 1/4 00:00 (Asia/Ho_Chi_Minh).
"""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.catalog.models import Procedure
from motcua.dossiers.deadlines import Standing, dossier_deadline
from motcua.dossiers.models import Channel, Dossier
from motcua.reports.facts import facts_differing
from motcua.reports.models import DossierFact
from motcua.reports.periods import Period, month
from motcua.reports.scope import ReportScope, report_filter, report_scope
from motcua.reports.timeliness import (
    FIGURES,
    TimelinessRow,
    figure_dossiers,
    figure_facts,
    timeliness_table,
)
from motcua.workflow.services import dossier_refuse_at_counter
from tests.dossiers.builders import APPLICANT, build_world
from tests.reports.histories import (
    AT_POLICE,
    AT_POLICE_UNIT,
    LINEAR,
    RESIDENCE,
    day_at,
    import_lines,
    in_process,
    inter,
    police_world,
    processed,
    refused,
    stopped_by_leader,
    with_apology,
    with_payment,
    with_supplements,
    withdrawn,
)

MARCH = month(2026, 3)
APRIL = month(2026, 4)
ALL = ReportScope(None)


@pytest.fixture
def world(db):
    return build_world()


def total(
    period: Period, *, procedure: Procedure | None = None, channel: Channel | None = None
) -> TimelinessRow:
    report = report_filter(scope=ALL, procedure=procedure, channel=channel)
    return timeliness_table(report=report, period=period, group_by="none").total


def name(dossier: Dossier) -> str:
    return dossier.code or f"#{dossier.pk}"  # refused at intake: no code


def behind(period: Period, figure: str) -> list[str]:
    """The dossiers behind a figure (the drill-down), in reception (then import) order."""
    facts = figure_facts(report=report_filter(scope=ALL), period=period, figure=figure)
    return [name(d) for d in reversed(figure_dossiers(facts))]


def codes(*dossiers: Dossier) -> list[str]:
    return [name(d) for d in dossiers]


def fact(dossier: Dossier) -> DossierFact:
    return DossierFact.objects.get(dossier=dossier)


def figures(row: TimelinessRow, *names: str) -> dict[str, int]:
    return {name: row[name] for name in names}


MON_9 = day_at(2026, 3, 9, 9)  # Monday 9/3/2026 09:00
DUE = day_at(2026, 3, 12, 9)  # its due: Thursday 12/3 09:00


# --- Finished: early, on time, late -------------------------------------------------------------


def test_finished_early_on_time_or_late_against_the_due_date_and_instant(world):
    early, night, at_due, minute_late = import_lines(
        processed(MON_9, day_at(2026, 3, 11, 16, 59)),  # Wed 11/3: a date before the due date
        processed(MON_9, day_at(2026, 3, 12, 0, 30)),  # Thu 00:30 local = Wed 17:30 UTC
        processed(MON_9, day_at(2026, 3, 12, 9)),  # exactly the due instant
        processed(MON_9, day_at(2026, 3, 12, 9, 1)),  # one minute after it
    )
    assert {fact(d).due_at for d in (early, night, at_due, minute_late)} == {DUE}
    # The local date decides "early": Thu 00:30 local is on the due date (its UTC date is Wed).
    assert [fact(d).timeliness for d in (early, night, at_due, minute_late)] == [
        "early", "on_time", "on_time", "late",
    ]  # fmt: skip
    # Late and no apology approved by the due instant: an inspection finding.
    assert [fact(d).lacks_apology for d in (early, night, at_due, minute_late)] == [
        False, False, False, True,
    ]  # fmt: skip

    t = total(MARCH)
    assert figures(t, "received", "resolved", "resolved_early", "resolved_on_time",
                   "resolved_late", "in_process") == {
        "received": 4, "resolved": 4, "resolved_early": 1, "resolved_on_time": 2,
        "resolved_late": 1, "in_process": 0,
    }  # fmt: skip
    assert behind(MARCH, "resolved_late") == codes(minute_late)
    assert behind(MARCH, "resolved_on_time") == codes(night, at_due)
    # Late rate = (0 overdue + 1 done late) ÷ (0 carried + 4 received) = 25%; on time 75%.
    assert (t.to_process, t.late, t.late_rate, t.on_time_rate) == (4, 1, Decimal("25.00"),
                                                                   Decimal("75.00"))  # fmt: skip
    # Early or on time among the resolved: 3 ÷ 4.
    assert t.resolved_on_time_rate == Decimal("75.00")


# --- Period boundaries and carried-over dossiers -------------------------------------------------


def test_period_boundaries_are_local_midnights_and_carried_over_is_open_at_day_one(world):
    february, march_long, finished_at_midnight, last_minute, first_instant = import_lines(
        # Fri 27/2 09:00, still open: due Wed 4/3 09:00 (6 h Fri, 8 Mon, 8 Tue, 2 Wed).
        in_process(day_at(2026, 2, 27, 9)),
        # Mon 2/3 09:00 (due Thu 5/3 09:00), finished Tue 31/3 23:59: late, in March.
        processed(day_at(2026, 3, 2, 9), day_at(2026, 3, 31, 23, 59)),
        # Mon 30/3 09:00 (due Thu 2/4 09:00), finished at 00:00 on 1/4 exactly: an April finish.
        processed(day_at(2026, 3, 30, 9), day_at(2026, 4, 1, 0, 0)),
        # Received Tue 31/3 23:59 (a March reception) and Wed 1/4 00:00 (an April one).
        in_process(day_at(2026, 3, 31, 23, 59)),
        in_process(day_at(2026, 4, 1, 0, 0)),
    )
    # Paper after the 15:00 cut-off, and before office hours: both clocks start Wed 1/4 07:00,
    # 24 h = Wed, Thu, Fri: due Fri 3/4 17:00 (a block end is the due itself).
    assert fact(last_minute).due_at == fact(first_instant).due_at == day_at(2026, 4, 3, 17)

    march = total(MARCH)
    assert behind(MARCH, "carried_over") == codes(february)
    assert behind(MARCH, "received") == codes(march_long, finished_at_midnight, last_minute)
    assert behind(MARCH, "resolved") == codes(march_long)
    # Finished at 00:00 on 1/4 = E: still being processed at the end of March.
    assert behind(MARCH, "in_process") == codes(february, finished_at_midnight, last_minute)
    assert figures(march, "carried_over", "received", "resolved", "resolved_late",
                   "in_process", "in_process_in_time", "in_process_due_soon",
                   "in_process_overdue") == {
        "carried_over": 1, "received": 3, "resolved": 1, "resolved_late": 1, "in_process": 3,
        # At 1/4 00:00: February's is past Wed 4/3; the 30/3 one (due Thu 2/4 09:00, due soon
        # from Wed 1/4 11:00) and the 31/3 one (due Fri 3/4) are in time.
        "in_process_in_time": 2, "in_process_due_soon": 0, "in_process_overdue": 1,
    }  # fmt: skip
    # Carried over + received = done + in process: 1 + 3 = 1 + 3.
    assert march.to_process == march.done + march["in_process"] == 4
    # Late = 1 overdue + 1 finished late = 2 of 4: 50%.
    assert (march.late, march.late_rate, march.on_time_rate) == (2, Decimal("50.00"),
                                                                 Decimal("50.00"))  # fmt: skip

    april = total(APRIL)
    # Open at 1/4 00:00: February's, the one finished at that very instant, the 31/3 23:59 one;
    # the one received at 00:00 exactly is received in April, not carried over.
    assert behind(APRIL, "carried_over") == codes(february, finished_at_midnight, last_minute)
    assert behind(APRIL, "received") == codes(first_instant)
    assert behind(APRIL, "resolved_early") == codes(finished_at_midnight)  # Wed 1/4 < Thu 2/4
    # At 1/5 00:00 every open one is past its due (Wed 4/3, Fri 3/4, Fri 3/4).
    assert figures(april, "carried_over", "received", "resolved", "in_process",
                   "in_process_overdue") == {
        "carried_over": 3, "received": 1, "resolved": 1, "in_process": 3,
        "in_process_overdue": 3,
    }  # fmt: skip
    assert april.to_process == april.done + april["in_process"] == 4
    # Late = 3 overdue + 0 finished late = 3 of 4: 75%.
    assert (april.late_rate, april.on_time_rate) == (Decimal("75.00"), Decimal("25.00"))


# --- In process at the period end ----------------------------------------------------------------


def test_in_process_at_the_period_end_in_time_due_soon_or_overdue(world):
    overdue, due_soon, in_time = import_lines(
        # Mon 23/3 09:00: due Thu 26/3 09:00 < E.
        in_process(day_at(2026, 3, 23, 9)),
        # Fri 27/3 09:00: 6 h Fri + 8 h Mon = 14 h, 18 h at Tue 31/3 11:00 (due soon from then),
        # 22 h at Tue's close, due Wed 1/4 09:00 ≥ E.
        in_process(day_at(2026, 3, 27, 9)),
        # Mon 30/3 09:00: due soon from Wed 1/4 11:00 > E, due Thu 2/4 09:00.
        in_process(day_at(2026, 3, 30, 9)),
    )
    assert (fact(due_soon).soon_at, fact(due_soon).due_at) == (day_at(2026, 3, 31, 11),
                                                               day_at(2026, 4, 1, 9))  # fmt: skip
    assert (fact(in_time).soon_at, fact(in_time).due_at) == (day_at(2026, 4, 1, 11),
                                                             day_at(2026, 4, 2, 9))  # fmt: skip
    t = total(MARCH)
    assert behind(MARCH, "in_process_overdue") == codes(overdue)
    assert behind(MARCH, "in_process_due_soon") == codes(due_soon)
    assert behind(MARCH, "in_process_in_time") == codes(in_time)
    # The three classes of domain §3 part the dossiers in process.
    assert (
        t["in_process"]
        == 3
        == (t["in_process_in_time"] + t["in_process_due_soon"] + t["in_process_overdue"])
    )
    # Late = 1 overdue of 3 received: 33.33% (1/3 = 33.333…), on time 66.67%.
    assert (t.late_rate, t.on_time_rate) == (Decimal("33.33"), Decimal("66.67"))


def test_in_process_classes_match_the_deadline_engine_at_the_period_end(world):
    """The report's classes at E are what the workspace's deadline engine says at E, also for
    dossiers standing paused at E."""
    dossiers = import_lines(  # in reception order
        # Mon 2/3 09:00, due Thu 5/3 09:00, payment asked Mon 9/3: late before the pause began.
        with_payment(day_at(2026, 3, 2, 9), day_at(2026, 3, 9, 9)),
        # The same with a supplement asked after the due, not yet back.
        with_supplements(day_at(2026, 3, 2, 9), [(day_at(2026, 3, 10, 9), None)]),
        # Mon 23/3 09:00, due Thu 26/3 09:00, running: overdue.
        in_process(day_at(2026, 3, 23, 9)),
        # Paused Mon 23/3 10:00 with 23 h left: the clock stands still, in time.
        with_payment(day_at(2026, 3, 23, 9), day_at(2026, 3, 23, 10)),
        # Paused Wed 25/3 16:00 with 3 h left (1 h Wed + 2 h Thu): due soon (from Wed 11:00).
        with_payment(day_at(2026, 3, 23, 9), day_at(2026, 3, 25, 16)),
        # Waiting for a supplement asked before the due: the clock stands still, in time.
        with_supplements(day_at(2026, 3, 23, 9), [(day_at(2026, 3, 24, 9), None)]),
        # A payment asked after E (2/4): at E it was running, and overdue.
        with_payment(day_at(2026, 3, 23, 9), day_at(2026, 4, 2, 10)),
        in_process(day_at(2026, 3, 27, 9)),  # due soon (Tue 31/3 11:00 ≤ E ≤ Wed 1/4 09:00)
        in_process(day_at(2026, 3, 30, 9)),  # in time (due soon from Wed 1/4 11:00)
    )
    expected = [Standing.OVERDUE, Standing.OVERDUE, Standing.OVERDUE, Standing.IN_TIME,
                Standing.DUE_SOON, Standing.IN_TIME, Standing.OVERDUE, Standing.DUE_SOON,
                Standing.IN_TIME]  # fmt: skip
    engine = [dossier_deadline(d, at=MARCH.end).legal.standing for d in dossiers]
    assert engine == expected
    report = {
        Standing.IN_TIME: behind(MARCH, "in_process_in_time"),
        Standing.DUE_SOON: behind(MARCH, "in_process_due_soon"),
        Standing.OVERDUE: behind(MARCH, "in_process_overdue"),
    }
    for dossier, standing in zip(dossiers, expected, strict=True):
        assert [s for s, listed in report.items() if dossier.code in listed] == [standing]


# --- Pauses ----------------------------------------------------------------------------------


def test_a_financial_pause_pushes_the_due_and_a_paused_dossier_is_not_overdue(world):
    paid, waiting, asked_after_march = import_lines(
        # Paused Mon 9/3 10:00 → Tue 10/3 10:00: 1.5 + 3.5 h Monday + 3 h Tuesday = 8 h. The due
        # moves from Thu 12/3 09:00 by 8 h (6 h left on Thursday, 2 h on Friday): Fri 13/3 09:00.
        with_payment(
            MON_9, day_at(2026, 3, 9, 10), paid=day_at(2026, 3, 10, 10), done=day_at(2026, 3, 13, 8)
        ),
        # Waiting for the payment since Mon 23/3 10:00; its due without the pause, Thu 26/3
        # 09:00, is before E but after the pause began: not overdue.
        with_payment(day_at(2026, 3, 23, 9), day_at(2026, 3, 23, 10)),
        # The same dossier asked to pay only on Thu 2/4: running, and overdue, at E.
        with_payment(day_at(2026, 3, 23, 9), day_at(2026, 4, 2, 10)),
    )
    assert fact(paid).due_at == day_at(2026, 3, 13, 9)
    assert fact(paid).timeliness == "on_time"  # Fri 08:00: the due date, before 09:00
    assert (fact(waiting).paused_since, fact(waiting).due_at) == (day_at(2026, 3, 23, 10),
                                                                  day_at(2026, 3, 26, 9))  # fmt: skip
    t = total(MARCH)
    assert figures(t, "received", "resolved_on_time", "in_process", "in_process_in_time",
                   "in_process_due_soon", "in_process_overdue") == {
        "received": 3, "resolved_on_time": 1, "in_process": 2, "in_process_in_time": 1,
        "in_process_due_soon": 0, "in_process_overdue": 1,
    }  # fmt: skip
    assert behind(MARCH, "in_process_in_time") == codes(waiting)
    assert behind(MARCH, "in_process_overdue") == codes(asked_after_march)
    # Late = 1 overdue of 3: 33.33%.
    assert t.late_rate == Decimal("33.33")
    # At the end of April both wait for their payment. `waiting` paused before its due: in time.
    # `asked_after_march` was overdue when its pause began (Thu 26/3 < Thu 2/4): still overdue.
    april = total(APRIL)
    assert behind(APRIL, "in_process_in_time") == codes(waiting)
    assert behind(APRIL, "in_process_overdue") == codes(asked_after_march)
    assert (april["carried_over"], april.late_rate) == (2, Decimal("50.00"))


# --- Supplements after appraisal -------------------------------------------------------------


def test_supplements_restart_the_legal_clock_and_the_766_view_subtracts_the_wait(world):
    once, twice = import_lines(
        # Asked Mon 9/3 10:00, complete Tue 10/3 09:00: the legal clock restarts Tue 09:00 and
        # runs 24 h (6 Tue, 8 Wed, 8 Thu, 2 Fri): due Fri 13/3 09:00. Decision 766 counts from
        # Mon 09:00 without the wait (1.5 + 3.5 h Monday, 2 h Tuesday = 7 h): Thu 12/3 09:00 + 7 h
        # (6 h Thursday, 1 h Friday) = Fri 13/3 08:00. Finished Fri 08:30.
        with_supplements(
            MON_9,
            [(day_at(2026, 3, 9, 10), day_at(2026, 3, 10, 9))],
            done=day_at(2026, 3, 13, 8, 30),
        ),
        # Two requests (Mon 10:00 → Mon 14:00, Tue 09:00 → Tue 10:00): the legal clock restarts
        # Tue 10:00 (5 h Tue, 8 Wed, 8 Thu, 3 Fri): due Fri 13/3 10:00; finished Wed 11/3 10:00.
        with_supplements(
            MON_9,
            [
                (day_at(2026, 3, 9, 10), day_at(2026, 3, 9, 14)),
                (day_at(2026, 3, 10, 9), day_at(2026, 3, 10, 10)),
            ],
            done=day_at(2026, 3, 11, 10),
        ),
    )
    one, two = fact(once), fact(twice)
    assert (one.due_at, one.due_766_at) == (day_at(2026, 3, 13, 9), day_at(2026, 3, 13, 8))
    # Legal: Fri 08:30 ≤ Fri 09:00 on the due date → on time. 766: after Fri 08:00 → late.
    assert (one.timeliness, one.timeliness_766) == ("on_time", "late")
    # Worked Mon 6 + Tue 8 + Wed 8 + Thu 8 + Fri 1.5 = 31.5 h, minus the 7 h wait = 24.5 h.
    assert one.elapsed_hours == Decimal("24.50")
    assert (one.supplement_count, one.first_supplement_at) == (1, day_at(2026, 3, 9, 10))
    # A second request is late for Decision 766 whatever the time (its due is the first start).
    assert two.due_at == day_at(2026, 3, 13, 10)
    assert (two.timeliness, two.timeliness_766, two.due_766_at) == ("early", "late", MON_9)
    # Mon 6 + Tue 8 + Wed 3 = 17 h, minus waits of 2 h (10:00–11:30, 13:30–14:00) and 1 h = 14 h.
    assert (two.supplement_count, two.elapsed_hours) == (2, Decimal("14.00"))

    t = total(MARCH)
    # The monthly report follows the legal clock: one on time, one early, none late.
    assert figures(t, "supplement_requested", "resolved", "resolved_early", "resolved_on_time",
                   "resolved_late") == {
        "supplement_requested": 2, "resolved": 2, "resolved_early": 1, "resolved_on_time": 1,
        "resolved_late": 0,
    }  # fmt: skip
    assert (t.late_rate, t.on_time_rate) == (Decimal("0.00"), Decimal("100.00"))
    assert total(APRIL)["supplement_requested"] == 0


# --- Inter-agency lateness -------------------------------------------------------------------


def test_inter_agency_lateness_counts_the_agencies_over_their_budget(world):
    police_late, police_in_time, linear = import_lines(
        # The police step (4 h) from Mon 10:00 to Wed 11/3 10:00: 5 + 8 + 3 = 16 h. The commune's
        # steps: reception 0.5 h of 2, appraisal 0.5 h of 8, approval Wed 10:00–11:00 1 h of 6.
        inter(MON_9, day_at(2026, 3, 9, 10), day_at(2026, 3, 11, 10), day_at(2026, 3, 11, 11)),
        # Police Mon 10:00–15:30: 1.5 + 2 = 3.5 h of 4; approval 15:30–16:00.
        inter(MON_9, day_at(2026, 3, 9, 10), day_at(2026, 3, 9, 15, 30), day_at(2026, 3, 9, 16)),
        processed(MON_9, day_at(2026, 3, 10, 10)),
    )
    assert [(fact(d).inter_agency, fact(d).agencies_late, fact(d).timeliness)
            for d in (police_late, police_in_time, linear)] == [
        (True, 1, "early"), (True, 0, "early"), (False, 0, "early"),
    ]  # fmt: skip
    # The dossier is early overall although the police overran its share.
    assert total(MARCH)["resolved_early"] == 3


# --- Apologies -------------------------------------------------------------------------------


def test_apologies_are_counted_when_approved_and_never_move_the_due(world):
    apologised, late_apology, no_apology = import_lines(
        # Approved Wed 11/3 09:00 = one working day before the due (2 h Thu + 3.5 h Wed afternoon
        # + 2.5 h Wed morning): timely. New appointment Mon 16/3; finished Fri 13/3 10:00, after
        # the due Thu 12/3 09:00: late, although before the new appointment.
        with_apology(
            MON_9, day_at(2026, 3, 11, 9), day_at(2026, 3, 16, 9), done=day_at(2026, 3, 13, 10)
        ),
        # Approved one minute later: a late apology; still open at E, overdue since Thu 12/3.
        with_apology(MON_9, day_at(2026, 3, 11, 9, 1), day_at(2026, 3, 16, 9)),
        processed(MON_9, day_at(2026, 3, 13, 10)),
    )
    a, b, c = fact(apologised), fact(late_apology), fact(no_apology)
    assert a.due_at == b.due_at == c.due_at == DUE
    assert (a.timeliness, a.apology_at, a.apology_late, a.lacks_apology) == (
        "late", day_at(2026, 3, 11, 9), False, False,
    )  # fmt: skip
    assert (b.apology_at, b.apology_late) == (day_at(2026, 3, 11, 9, 1), True)
    assert (c.timeliness, c.apology_at, c.lacks_apology) == ("late", None, True)

    t = total(MARCH)
    assert figures(t, "apologies", "resolved_late", "in_process_overdue") == {
        "apologies": 2, "resolved_late": 2, "in_process_overdue": 1,
    }  # fmt: skip
    assert behind(MARCH, "apologies") == codes(apologised, late_apology)
    # Late = 1 overdue + 2 finished late of 3: 100%.
    assert (t.late_rate, t.on_time_rate) == (Decimal("100.00"), Decimal("0.00"))
    april = total(APRIL)
    assert (april["apologies"], april["carried_over"], april["in_process_overdue"]) == (0, 1, 1)


# --- Withdrawals and stops -------------------------------------------------------------------


def test_withdrawn_and_stopped_dossiers_count_as_done_not_as_resolved(world):
    resolved, withdrawn_one, stopped_late = import_lines(
        processed(MON_9, day_at(2026, 3, 10, 10)),
        withdrawn(MON_9, day_at(2026, 3, 10, 10)),  # stopped Tue 10/3: before the due date
        stopped_by_leader(MON_9, day_at(2026, 3, 13, 10)),  # Fri 13/3: after Thu 12/3 09:00
    )
    assert [fact(d).end_kind for d in (resolved, withdrawn_one, stopped_late)] == [
        "result", "stopped", "stopped",
    ]  # fmt: skip
    assert [fact(d).timeliness for d in (withdrawn_one, stopped_late)] == ["early", "late"]
    assert fact(withdrawn_one).settled_at == day_at(2026, 3, 10, 10)

    t = total(MARCH)
    assert figures(t, "received", "resolved", "stopped", "stopped_late", "in_process",
                   "not_collected") == {
        "received": 3, "resolved": 1, "stopped": 2, "stopped_late": 1, "in_process": 0,
        "not_collected": 1,
    }  # fmt: skip
    assert behind(MARCH, "stopped") == codes(withdrawn_one, stopped_late)
    assert t.done == 3 == t.to_process
    # Late = 0 overdue + 0 resolved late + 1 stopped late, of 3: 33.33%; the resolved one was
    # early: 100% of the resolved on time.
    assert (t.late, t.late_rate, t.resolved_on_time_rate) == (1, Decimal("33.33"),
                                                              Decimal("100.00"))  # fmt: skip
    april = total(APRIL)
    assert (april["carried_over"], april["stopped"], april["not_collected"]) == (0, 0, 1)


# --- Refused results, returns, not collected --------------------------------------------------


def test_refusals_returns_by_post_or_at_the_counter_and_results_not_collected(world):
    february, refused_kept, by_post, at_counter, refused_returned, returned_in_april = import_lines(
        # Finished Wed 25/2, never collected.
        processed(day_at(2026, 2, 23, 9), day_at(2026, 2, 25, 10)),
        refused(MON_9, day_at(2026, 3, 11, 10)),
        processed(MON_9, day_at(2026, 3, 10, 10), returned=day_at(2026, 3, 11, 9), method="post"),
        processed(MON_9, day_at(2026, 3, 10, 10), returned=day_at(2026, 3, 10, 14)),
        refused(MON_9, day_at(2026, 3, 11, 10), returned=day_at(2026, 3, 12, 9)),
        processed(
            day_at(2026, 3, 30, 9),
            day_at(2026, 3, 31, 10),
            returned=day_at(2026, 4, 2, 9),
            method="post",
        ),
    )
    assert [fact(d).end_kind for d in (refused_kept, refused_returned)] == ["refusal", "refusal"]
    t = total(MARCH)
    assert figures(t, "received", "resolved", "resolved_early", "refused", "returned",
                   "returned_post", "not_collected") == {
        "received": 5, "resolved": 5, "resolved_early": 5, "refused": 2, "returned": 3,
        "returned_post": 1, "not_collected": 3,
    }  # fmt: skip
    assert behind(MARCH, "refused") == codes(refused_kept, refused_returned)
    assert behind(MARCH, "returned_post") == codes(by_post)
    assert behind(MARCH, "returned") == codes(by_post, at_counter, refused_returned)
    # Result (or refusal) ready before E and not handed over by E, whenever it was finished.
    assert behind(MARCH, "not_collected") == codes(february, refused_kept, returned_in_april)
    april = total(APRIL)
    assert figures(april, "resolved", "returned", "returned_post", "not_collected") == {
        "resolved": 0, "returned": 1, "returned_post": 1, "not_collected": 2,
    }  # fmt: skip
    assert behind(APRIL, "not_collected") == codes(february, refused_kept)


def test_refused_at_intake_is_counted_apart_from_the_received(world):
    import_lines(processed(MON_9, day_at(2026, 3, 10, 10)))
    refusal = dossier_refuse_at_counter(
        desk=world.desk, variant=world.variant, applicant=APPLICANT,
        reasons=["Thiếu giấy chứng sinh bản chính"], actor=world.desk_officer,
        at=day_at(2026, 3, 10, 8),
    )  # fmt: skip
    assert facts_differing() == []
    assert (fact(refusal).received_at, fact(refusal).refused_intake_at) == (
        None, day_at(2026, 3, 10, 8),
    )  # fmt: skip
    t = total(MARCH)
    assert figures(t, "refused_intake", "received", "resolved") == {
        "refused_intake": 1, "received": 1, "resolved": 1,
    }  # fmt: skip
    assert behind(MARCH, "refused_intake") == codes(refusal)
    assert t.to_process == 1
    assert total(APRIL)["refused_intake"] == 0


# --- Channels --------------------------------------------------------------------------------


def test_channels_and_online_rates(world):
    counter, online, postal, kiosk, online_2 = import_lines(
        in_process(day_at(2026, 3, 9, 8)),
        # Submitted online on Sunday evening, accepted by the desk Monday 09:00.
        in_process(MON_9, channel="online", submitted=day_at(2026, 3, 8, 20)),
        in_process(day_at(2026, 3, 9, 10), channel="postal"),
        in_process(day_at(2026, 3, 9, 11), channel="kiosk"),
        in_process(day_at(2026, 3, 10, 9), channel="online"),
    )
    assert (fact(online).submitted_at, fact(online).received_at) == (day_at(2026, 3, 8, 20),
                                                                     MON_9)  # fmt: skip
    t = total(MARCH)
    assert figures(t, "received", "received_counter", "received_online", "received_postal",
                   "received_full", "received_full_online", "received_partial") == {
        "received": 5, "received_counter": 2, "received_online": 2, "received_postal": 1,
        "received_full": 5, "received_full_online": 2, "received_partial": 0,
    }  # fmt: skip
    assert behind(MARCH, "received_counter") == codes(counter, kiosk)  # a kiosk is in person
    # Online rate: 2 ÷ 5 = 40%; the birth registration is a full online service (toàn trình).
    assert (t.online_rate, t.online_rate_full, t.online_rate_partial) == (
        Decimal("40.00"), Decimal("40.00"), None,
    )  # fmt: skip
    rows = timeliness_table(report=report_filter(scope=ALL), period=MARCH, group_by="channel")
    assert {r.key: (r.label, r["received"]) for r in rows.rows} == {
        "counter": ("Trực tiếp", 1), "kiosk": ("Ki-ốt tự phục vụ", 1),
        "online": ("Trực tuyến", 2), "postal": ("Bưu chính công ích", 1),
    }  # fmt: skip
    online_only = total(MARCH, channel=Channel.ONLINE)
    assert (online_only["received"], online_only.online_rate) == (2, Decimal("100.00"))
    assert behind(MARCH, "received_postal") == codes(postal)
    assert behind(MARCH, "received_online") == codes(online, online_2)


# --- Grouping: agency roll-up, field, procedure ---------------------------------------------------


def test_group_by_agency_rolls_sub_units_up_into_the_units_under_the_chosen_agency(world):
    police = police_world(world)
    import_lines(
        processed(MON_9, day_at(2026, 3, 10, 10)),  # commune: early
        in_process(day_at(2026, 3, 23, 9)),  # commune: overdue at E
        processed(MON_9, day_at(2026, 3, 13, 10), **AT_POLICE),  # police: late
        processed(MON_9, day_at(2026, 3, 12, 8), **AT_POLICE_UNIT),  # PC06: on time
        in_process(day_at(2026, 3, 30, 9), **AT_POLICE_UNIT),  # PC06: in time at E
    )
    province = world.police.parent
    table = timeliness_table(report=report_filter(scope=ALL, agency=province), period=MARCH)
    rows = {r.key: r for r in table.rows}
    assert list(rows) == [world.police.code, world.commune.code]  # ordered by code
    police_row, commune_row = rows[world.police.code], rows[world.commune.code]
    # The police row holds its own dossier and PC06's: 3 received, 1 late + 1 on time, 1 open.
    assert figures(police_row, "received", "resolved_late", "resolved_on_time",
                   "in_process_in_time") == {
        "received": 3, "resolved_late": 1, "resolved_on_time": 1, "in_process_in_time": 1,
    }  # fmt: skip
    assert [(c.key, c["received"]) for c in police_row.children] == [
        (world.police.code, 1), (police.unit.code, 2),
    ]  # fmt: skip
    # Police: 1 late of 3 = 33.33%. Commune: 1 overdue of 2 = 50%. Province: 2 of 5 = 40%.
    assert police_row.late_rate == Decimal("33.33")
    assert (commune_row["received"], commune_row.late_rate) == (2, Decimal("50.00"))
    assert (table.total["received"], table.total.late_rate) == (5, Decimal("40.00"))

    # Under Công an tỉnh itself: its own row and PC06's.
    under_police = timeliness_table(
        report=report_filter(scope=ALL, agency=world.police), period=MARCH
    )
    assert [(r.key, r["received"], r.late_rate) for r in under_police.rows] == [
        (world.police.code, 1, Decimal("100.00")), (police.unit.code, 2, Decimal("0.00")),
    ]  # fmt: skip
    # No agency chosen: everything rolls up into the province.
    everything = timeliness_table(report=report_filter(scope=ALL), period=MARCH)
    assert [(r.key, r["received"]) for r in everything.rows] == [(province.code, 5)]
    # A commune leader's scope: the commune only.
    scope = report_scope(actor=world.leader, on=dt.date(2026, 3, 31))
    mine = timeliness_table(report=report_filter(scope=scope), period=MARCH)
    assert [(r.key, r["received"]) for r in mine.rows] == [(world.commune.code, 2)]
    # Drill-down into one row's agencies.
    facts = figure_facts(report=report_filter(scope=ALL), period=MARCH, figure="resolved",
                         agency_ids=[world.police.pk, police.unit.pk])  # fmt: skip
    assert facts.count() == 2


def test_group_by_field_and_procedure(world):
    police_world(world)
    import_lines(
        processed(MON_9, day_at(2026, 3, 10, 10)),
        in_process(day_at(2026, 3, 23, 9)),
        processed(MON_9, day_at(2026, 3, 13, 10), **AT_POLICE),
        inter(MON_9, day_at(2026, 3, 9, 10), day_at(2026, 3, 9, 15, 30), day_at(2026, 3, 9, 16)),
    )
    by_field = timeliness_table(report=report_filter(scope=ALL), period=MARCH, group_by="field")
    assert {r.key: (r.label, r["received"], r["resolved_late"]) for r in by_field.rows} == {
        "HT": ("Hộ tịch", 3, 0), "CT": ("Cư trú", 1, 1),
    }  # fmt: skip
    by_procedure = timeliness_table(
        report=report_filter(scope=ALL), period=MARCH, group_by="procedure"
    )
    assert {r.key: (r.label, r["received"]) for r in by_procedure.rows} == {
        LINEAR: ("Thủ tục đăng ký khai sinh", 2),
        "1.001194": ("Đăng ký khai sinh có yếu tố xác minh", 1),
        RESIDENCE: ("Thủ tục xác nhận thông tin về cư trú", 1),
    }
    for table in (by_field, by_procedure):
        assert table.total["received"] == 4
        assert table.total.late_rate == Decimal("50.00")  # 1 overdue + 1 late of 4
    procedure = Procedure.objects.get(code=LINEAR)
    only = total(MARCH, procedure=procedure)
    assert (only["received"], only["in_process_overdue"], only.late_rate) == (
        2, 1, Decimal("50.00"),
    )  # fmt: skip


# --- A whole month: every figure and the derived rates ------------------------------------------


def test_a_month_of_every_kind_gives_every_figure(world):
    m = day_at
    dossiers = import_lines(
        # 1. Mon 23/2 (due Thu 26/2 09:00) finished Mon 2/3: carried over, late; returned Tue 3/3.
        processed(m(2026, 2, 23, 9), m(2026, 3, 2, 10), returned=m(2026, 3, 3, 9)),
        # 2. Fri 27/2 (due Wed 4/3 09:00), open: carried over, overdue at E.
        in_process(m(2026, 2, 27, 9)),
        # 3. early, returned by post Wed 11/3.
        processed(MON_9, m(2026, 3, 10, 10), returned=m(2026, 3, 11, 9), method="post"),
        # 4. on time (at the due instant), 5. late (a minute after), 6. refused early.
        processed(MON_9, DUE),
        processed(MON_9, DUE + dt.timedelta(minutes=1)),
        refused(MON_9, m(2026, 3, 11, 10)),
        # 7. withdrawn Tue 10/3 (early), 8. stopped Fri 13/3 (late).
        withdrawn(MON_9, m(2026, 3, 10, 10)),
        stopped_by_leader(MON_9, m(2026, 3, 13, 10)),
        # 9. online Mon 30/3: in time at E. 10. postal Fri 27/3: due soon. 11. Mon 23/3: overdue.
        in_process(m(2026, 3, 30, 9), channel="online"),
        in_process(m(2026, 3, 27, 9), channel="postal"),
        in_process(m(2026, 3, 23, 9)),
        # 12. waiting for a payment since Mon 23/3 10:00 (before its due): in time.
        with_payment(m(2026, 3, 23, 9), m(2026, 3, 23, 10)),
        # 13. a supplement (legal due Fri 13/3 09:00), finished Fri 08:30: on time.
        with_supplements(
            MON_9, [(m(2026, 3, 9, 10), m(2026, 3, 10, 9))], done=m(2026, 3, 13, 8, 30)
        ),
        # 14. a timely apology, finished after the due: late.
        with_apology(MON_9, m(2026, 3, 11, 9), m(2026, 3, 16, 9), done=m(2026, 3, 13, 10)),
        # 16. received at 00:00 on 1/4: not March's.
        in_process(m(2026, 4, 1, 0)),
    )
    # 15. refused at the counter on Tue 10/3.
    dossier_refuse_at_counter(desk=world.desk, variant=world.variant, applicant=APPLICANT,
                              reasons=["Thiếu tờ khai"], actor=world.desk_officer,
                              at=m(2026, 3, 10, 8))  # fmt: skip
    assert len(dossiers) == 15
    assert facts_differing() == []

    table = timeliness_table(report=report_filter(scope=ALL), period=MARCH, group_by="none")
    t = table.total
    assert {f.code: t[f.code] for f in FIGURES} == {
        "carried_over": 2,  # 1, 2
        "received": 12,  # 3–14
        "received_counter": 10,  # all but 9 (online) and 10 (postal)
        "received_online": 1,
        "received_postal": 1,
        "resolved": 7,  # 1, 3, 4, 5, 6, 13, 14
        "resolved_early": 2,  # 3, 6
        "resolved_on_time": 2,  # 4, 13
        "resolved_late": 3,  # 1, 5, 14
        "refused": 1,  # 6
        "stopped": 2,  # 7, 8
        "stopped_late": 1,  # 8
        "in_process": 5,  # 2, 9, 10, 11, 12
        "in_process_in_time": 2,  # 9, 12
        "in_process_due_soon": 1,  # 10
        "in_process_overdue": 2,  # 2, 11
        "supplement_requested": 1,  # 13
        "apologies": 1,  # 14
        "returned": 2,  # 1, 3
        "returned_post": 1,  # 3
        "not_collected": 5,  # 4, 5, 6, 13, 14
        "refused_intake": 1,  # 15
        "received_full": 12,
        "received_full_online": 1,
        "received_partial": 0,
        "received_partial_online": 0,
    }
    # To process = 2 carried + 12 received = 14 = 9 done (7 resolved + 2 stopped) + 5 in process.
    assert (t.to_process, t.done, t["in_process"]) == (14, 9, 5)
    # Late = 2 overdue + 3 resolved late + 1 stopped late = 6; 6 ÷ 14 = 42.857…% → 42.86%.
    assert (t.late, t.late_rate, t.on_time_rate) == (6, Decimal("42.86"), Decimal("57.14"))
    # Early or on time among the resolved: 4 ÷ 7 = 57.142…% → 57.14%. Online: 1 ÷ 12 = 8.33%.
    assert t.resolved_on_time_rate == Decimal("57.14")
    assert (t.online_rate, t.online_rate_full, t.online_rate_partial) == (
        Decimal("8.33"), Decimal("8.33"), None,
    )  # fmt: skip
    data = t.as_dict()
    assert (data["late_rate"], data["on_time_rate"], data["to_process"]) == (42.86, 57.14, 14)

    # Every figure's drill-down lists exactly as many dossiers as the figure counts.
    report = report_filter(scope=ALL)
    for definition in FIGURES:
        facts = figure_facts(report=report, period=MARCH, figure=definition.code)
        assert facts.count() == t[definition.code], definition.code
    # Grouped by agency, the one row (the province, everything rolls up) equals the total.
    by_agency = timeliness_table(report=report, period=MARCH)
    assert [r.counts for r in by_agency.rows] == [t.counts]
