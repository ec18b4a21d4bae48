"""The step table as data (no database): which steps exist from which status."""

import pytest

from motcua.accounts.models import Role
from motcua.feedback.models import Feedback, FeedbackStatus
from motcua.feedback.policies import ANSWER_ROLES, RULES, FeedbackAction, status_allows

S = FeedbackStatus
A = FeedbackAction

EXPECTED = {
    S.RECEIVED: {A.ACCEPT, A.REFUSE, A.FORWARD, A.MARK_REPEAT},
    S.FORWARDED: {A.ACCEPT, A.REFUSE, A.FORWARD, A.MARK_REPEAT},
    S.ACCEPTED: {A.REQUEST_INFO, A.ANSWER, A.MARK_REPEAT},
    S.INFO_REQUESTED: {A.PROVIDE_INFO, A.MARK_REPEAT},
    S.ANSWERED: {A.PUBLISH, A.MARK_REPEAT},
    S.PUBLISHED: {A.MARK_REPEAT},
    S.REFUSED: {A.MARK_REPEAT},
}


@pytest.mark.parametrize("status", list(FeedbackStatus))
def test_steps_from_each_status(status) -> None:
    feedback = Feedback(status=status, answer_public=True)
    assert {rule.action for rule in RULES.values() if status_allows(rule, feedback)} == (
        EXPECTED[status]
    )


def test_a_private_answer_is_not_published() -> None:
    feedback = Feedback(status=S.ANSWERED, answer_public=False)
    assert not status_allows(RULES[A.PUBLISH], feedback)


def test_a_repeat_is_marked_once() -> None:
    feedback = Feedback(status=S.ACCEPTED, repeat_of_id=1)
    assert not status_allows(RULES[A.MARK_REPEAT], feedback)


def test_only_specialists_and_leaders_answer_and_publish() -> None:
    assert {Role.SPECIALIST, Role.LEADER} == ANSWER_ROLES
    assert RULES[A.ANSWER].roles == RULES[A.PUBLISH].roles == ANSWER_ROLES
    assert Role.DESK_OFFICER in RULES[A.ACCEPT].roles
    assert RULES[A.PROVIDE_INFO].sender
    assert not any(rule.sender for rule in RULES.values() if rule.action != A.PROVIDE_INFO)


def test_every_step_moves_to_a_status_the_table_knows() -> None:
    for rule in RULES.values():
        assert rule.to_status is None or rule.to_status in FeedbackStatus
        assert rule.event.startswith("feedback.")
