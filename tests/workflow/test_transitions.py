"""The transition table alone, without the database: every action has a rule, each rule allows
exactly the statuses and step kinds it names, and terminal statuses allow nothing."""

import pytest

from motcua.catalog.models import StepKind
from motcua.dossiers.models import PUBLIC_CODES, DossierStatus
from motcua.workflow.transitions import (
    RULES,
    Action,
    Actor,
    actions_from,
    rule_for,
    status_allows,
)

S = DossierStatus
K = StepKind
TERMINAL = {S.REFUSED_INTAKE, S.STOPPED, S.RETURNED}
STEP_KINDS: list[StepKind | None] = [None, *StepKind]


def test_every_action_has_exactly_one_rule() -> None:
    assert set(RULES) == set(Action)
    for action, rule in RULES.items():
        assert rule.action is action
        assert rule_for(action) is rule
        assert rule.label.strip()
        assert rule.from_statuses, action
    labels = [rule.label for rule in RULES.values()]
    assert len(labels) == len(set(labels))


def test_public_codes_are_one_to_ten() -> None:
    assert sorted(PUBLIC_CODES.values()) == list(range(1, 11))
    assert set(PUBLIC_CODES) == set(DossierStatus)
    assert S.SUBMITTED.public_code == 1
    assert S.WITHDRAWAL_REQUESTED.public_code == 7
    assert S.RETURNED.public_code == 10


def test_terminal_statuses_allow_nothing() -> None:
    for status in TERMINAL:
        for kind in STEP_KINDS:
            for received in (True, False):
                assert actions_from(status, received=received, step_kind=kind) == []


def test_every_open_status_has_a_way_out() -> None:
    for status in set(DossierStatus) - TERMINAL:
        reachable = {
            action
            for kind in STEP_KINDS
            for received in (True, False)
            for action in actions_from(status, received=received, step_kind=kind)
            if RULES[action].to_status not in (None, status)
        }
        assert reachable, status


# (action, status, received, step kind, allowed)
CASES: list[tuple[Action, DossierStatus, bool, StepKind | None, bool]] = [
    # Intake: only a submission without a code.
    (Action.RECEIVE, S.SUBMITTED, False, None, True),
    (Action.RECEIVE, S.SUBMITTED, True, None, False),
    (Action.RECEIVE, S.RECEIVED, True, K.RECEPTION, False),
    (Action.REFUSE_INTAKE, S.SUBMITTED, False, None, True),
    (Action.REFUSE_INTAKE, S.PROCESSING, True, K.PROCESSING, False),
    (Action.REQUEST_INTAKE_SUPPLEMENT, S.SUBMITTED, False, None, True),
    (Action.REQUEST_INTAKE_SUPPLEMENT, S.RECEIVED, True, K.RECEPTION, False),
    (Action.RESUBMIT, S.SUPPLEMENT_REQUESTED, False, None, True),
    (Action.RESUBMIT, S.SUPPLEMENT_REQUESTED, True, K.PROCESSING, False),
    (Action.RESUBMIT, S.SUBMITTED, False, None, False),
    # Step moves.
    (Action.FORWARD, S.RECEIVED, True, K.RECEPTION, True),
    (Action.FORWARD, S.PROCESSING, True, K.PROCESSING, True),
    (Action.FORWARD, S.PROCESSING, True, K.INTER_AGENCY, True),
    (Action.FORWARD, S.PROCESSING, True, K.APPROVAL, False),  # a leader approves instead
    (Action.FORWARD, S.PROCESSING, True, K.RETURN, False),
    (Action.FORWARD, S.PROCESSING, True, None, False),
    (Action.FORWARD, S.SUPPLEMENT_REQUESTED, True, K.PROCESSING, False),
    (Action.FORWARD, S.AWAITING_PAYMENT, True, K.PROCESSING, False),
    (Action.FORWARD, S.RESULT_READY, True, K.RETURN, False),
    (Action.SEND_BACK, S.PROCESSING, True, K.APPROVAL, True),
    (Action.SEND_BACK, S.PROCESSING, True, K.RETURN, False),
    (Action.SEND_BACK, S.RESULT_READY, True, K.RETURN, False),
    (Action.ASSIGN, S.PROCESSING, True, K.PROCESSING, True),
    (Action.ASSIGN, S.SUPPLEMENT_REQUESTED, True, K.PROCESSING, True),
    (Action.ASSIGN, S.RESULT_READY, True, K.RETURN, False),
    (Action.ASSIGN, S.PROCESSING, True, K.RETURN, False),
    # Supplements and payments.
    (Action.REQUEST_SUPPLEMENT, S.PROCESSING, True, K.PROCESSING, True),
    (Action.REQUEST_SUPPLEMENT, S.RECEIVED, True, K.RECEPTION, True),
    (Action.REQUEST_SUPPLEMENT, S.PROCESSING, False, K.PROCESSING, False),
    (Action.REQUEST_SUPPLEMENT, S.SUPPLEMENT_REQUESTED, True, K.PROCESSING, False),
    (Action.REQUEST_SUPPLEMENT, S.PROCESSING, True, K.RETURN, False),
    (Action.RECEIVE_SUPPLEMENT, S.SUPPLEMENT_REQUESTED, True, K.PROCESSING, True),
    (Action.RECEIVE_SUPPLEMENT, S.SUPPLEMENT_REQUESTED, False, None, False),
    (Action.RECEIVE_SUPPLEMENT, S.PROCESSING, True, K.PROCESSING, False),
    (Action.REQUEST_PAYMENT, S.PROCESSING, True, K.PROCESSING, True),
    (Action.REQUEST_PAYMENT, S.RECEIVED, True, K.RECEPTION, False),
    (Action.REQUEST_PAYMENT, S.AWAITING_PAYMENT, True, K.PROCESSING, False),
    (Action.CONFIRM_PAYMENT, S.AWAITING_PAYMENT, True, K.PROCESSING, True),
    (Action.CONFIRM_PAYMENT, S.PROCESSING, True, K.PROCESSING, False),
    # Decisions, results, return.
    (Action.APPROVE, S.PROCESSING, True, K.APPROVAL, True),
    (Action.APPROVE, S.PROCESSING, True, K.PROCESSING, False),
    (Action.APPROVE, S.RECEIVED, True, K.APPROVAL, False),
    (Action.REFUSE_RESULT, S.PROCESSING, True, K.PROCESSING, True),
    (Action.REFUSE_RESULT, S.PROCESSING, True, K.APPROVAL, True),
    (Action.REFUSE_RESULT, S.PROCESSING, True, K.RECEPTION, False),
    (Action.REFUSE_RESULT, S.RESULT_READY, True, K.RETURN, False),
    (Action.RESULT_READY, S.RECEIVED, True, K.RECEPTION, True),
    (Action.RESULT_READY, S.PROCESSING, True, K.PROCESSING, True),
    (Action.RESULT_READY, S.PROCESSING, True, K.APPROVAL, False),
    (Action.RESULT_READY, S.RESULT_READY, True, K.RETURN, False),
    (Action.RETURN_RESULT, S.RESULT_READY, True, K.RETURN, True),
    (Action.RETURN_RESULT, S.RESULT_READY, True, K.APPROVAL, False),
    (Action.RETURN_RESULT, S.PROCESSING, True, K.RETURN, False),
    (Action.RETURN_RESULT, S.RETURNED, True, K.RETURN, False),
    # Withdrawal and stop: only while no result exists.
    (Action.REQUEST_WITHDRAWAL, S.SUBMITTED, False, None, True),
    (Action.REQUEST_WITHDRAWAL, S.PROCESSING, True, K.PROCESSING, True),
    (Action.REQUEST_WITHDRAWAL, S.AWAITING_PAYMENT, True, K.PROCESSING, True),
    (Action.REQUEST_WITHDRAWAL, S.RESULT_READY, True, K.RETURN, False),
    (Action.REQUEST_WITHDRAWAL, S.WITHDRAWAL_REQUESTED, True, K.PROCESSING, False),
    (Action.REFUSE_WITHDRAWAL, S.WITHDRAWAL_REQUESTED, True, K.PROCESSING, True),
    (Action.REFUSE_WITHDRAWAL, S.PROCESSING, True, K.PROCESSING, False),
    (Action.STOP, S.WITHDRAWAL_REQUESTED, True, K.APPROVAL, True),
    (Action.STOP, S.PROCESSING, True, K.PROCESSING, False),
    (Action.STOP_PROCESSING, S.SUPPLEMENT_REQUESTED, True, K.PROCESSING, True),
    (Action.STOP_PROCESSING, S.SUBMITTED, False, None, False),
    (Action.STOP_PROCESSING, S.RESULT_READY, True, K.RETURN, False),
    # Apologies: received dossiers still open.
    (Action.DRAFT_APOLOGY, S.PROCESSING, True, K.PROCESSING, True),
    (Action.DRAFT_APOLOGY, S.SUBMITTED, False, None, False),
    (Action.DRAFT_APOLOGY, S.RESULT_READY, True, K.RETURN, False),
    (Action.APPROVE_APOLOGY, S.AWAITING_PAYMENT, True, K.PROCESSING, True),
    (Action.REJECT_APOLOGY, S.RETURNED, True, None, False),
]


@pytest.mark.parametrize(("action", "status", "received", "kind", "allowed"), CASES)
def test_status_allows(
    action: Action, status: DossierStatus, received: bool, kind: StepKind | None, allowed: bool
) -> None:
    rule = RULES[action]
    assert status_allows(rule, status, received=received, step_kind=kind) is allowed
    assert (action in actions_from(status, received=received, step_kind=kind)) is allowed


def test_actions_from_a_submission() -> None:
    assert set(actions_from(S.SUBMITTED, received=False, step_kind=None)) == {
        Action.RECEIVE,
        Action.REFUSE_INTAKE,
        Action.REQUEST_INTAKE_SUPPLEMENT,
        Action.REQUEST_WITHDRAWAL,
    }


def test_actions_from_a_result_at_the_return_step() -> None:
    assert actions_from(S.RESULT_READY, received=True, step_kind=K.RETURN) == [Action.RETURN_RESULT]


def test_actions_from_the_approval_step() -> None:
    actions = set(actions_from(S.PROCESSING, received=True, step_kind=K.APPROVAL))
    assert {Action.APPROVE, Action.SEND_BACK, Action.REFUSE_RESULT} <= actions
    assert Action.FORWARD not in actions
    assert Action.RESULT_READY not in actions
    assert Action.RETURN_RESULT not in actions


def test_actions_from_a_supplement_wait() -> None:
    received = set(actions_from(S.SUPPLEMENT_REQUESTED, received=True, step_kind=K.PROCESSING))
    assert Action.RECEIVE_SUPPLEMENT in received
    assert Action.RESUBMIT not in received
    assert Action.FORWARD not in received
    online = set(actions_from(S.SUPPLEMENT_REQUESTED, received=False, step_kind=None))
    assert online == {Action.RESUBMIT, Action.REQUEST_WITHDRAWAL}


def test_who_acts() -> None:
    assert RULES[Action.RECEIVE].actor is Actor.DESK
    assert RULES[Action.RETURN_RESULT].actor is Actor.DESK
    assert RULES[Action.RECEIVE_SUPPLEMENT].actor is Actor.DESK
    assert RULES[Action.STOP].actor is Actor.DESK
    assert RULES[Action.STOP_PROCESSING].actor is Actor.LEADER
    assert RULES[Action.APPROVE_APOLOGY].actor is Actor.LEADER
    assert RULES[Action.REJECT_APOLOGY].actor is Actor.LEADER
    assert RULES[Action.RESUBMIT].actor is Actor.APPLICANT
    assert RULES[Action.REQUEST_WITHDRAWAL].actor is Actor.APPLICANT
    assert RULES[Action.ASSIGN].actor is Actor.STEP_OR_LEADER
    for action in (Action.FORWARD, Action.SEND_BACK, Action.APPROVE, Action.DRAFT_APOLOGY):
        assert RULES[action].actor is Actor.STEP


def test_status_changing_rules_land_on_open_or_finished_statuses() -> None:
    assert RULES[Action.RETURN_RESULT].to_status is S.RETURNED
    assert RULES[Action.STOP].to_status is S.STOPPED
    assert RULES[Action.APPROVE].to_status is S.PROCESSING
    for action in (Action.ASSIGN, Action.REFUSE_WITHDRAWAL, Action.DRAFT_APOLOGY):
        assert RULES[action].to_status is None
