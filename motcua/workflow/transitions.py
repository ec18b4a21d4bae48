"""The transition table: which action moves a dossier from which statuses to which, who may take
it, and at which kinds of process step. Pure data, tested without the database; the pinned
process (forward and send-back targets of each step) decides the step moves on top of it.

Who may act (`Actor`):
- `STEP`: a holder of the current step's role at the agency of the current step (the assigned
  handler only, once one is assigned); for desk steps, a desk officer of the dossier's desk;
- `DESK`: a desk officer of the dossier's receiving desk;
- `LEADER`: a leader of the competent agency or of the agency holding the dossier;
- `APPLICANT`: the applicant's own account (or a desk officer on their behalf);
- `STEP_OR_LEADER`: either of the above (assignment within a step).
"""

import enum
from dataclasses import dataclass

from motcua.catalog.models import StepKind
from motcua.dossiers.models import DossierStatus as S


class Action(enum.StrEnum):
    RECEIVE = "receive"
    REFUSE_INTAKE = "refuse_intake"
    REQUEST_INTAKE_SUPPLEMENT = "request_intake_supplement"
    RESUBMIT = "resubmit"
    FORWARD = "forward"
    SEND_BACK = "send_back"
    ASSIGN = "assign"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    REQUEST_PAYMENT = "request_payment"
    CONFIRM_PAYMENT = "confirm_payment"
    APPROVE = "approve"
    REFUSE_RESULT = "refuse_result"
    RESULT_READY = "result_ready"
    RETURN_RESULT = "return_result"
    REQUEST_WITHDRAWAL = "request_withdrawal"
    REFUSE_WITHDRAWAL = "refuse_withdrawal"
    STOP = "stop"
    STOP_PROCESSING = "stop_processing"
    DRAFT_APOLOGY = "draft_apology"
    SUBMIT_APOLOGY = "submit_apology"
    APPROVE_APOLOGY = "approve_apology"
    REJECT_APOLOGY = "reject_apology"


class Actor(enum.StrEnum):
    STEP = "step"
    DESK = "desk"
    LEADER = "leader"
    APPLICANT = "applicant"
    STEP_OR_LEADER = "step_or_leader"


@dataclass(frozen=True)
class Rule:
    action: Action
    label: str  # Vietnamese, shown on buttons and in the timeline
    from_statuses: frozenset[S]
    to_status: S | None  # None: the status does not change
    actor: Actor
    step_kinds: frozenset[StepKind] | None = None  # None: any step (or none)
    needs_code: bool | None = None  # True: only received dossiers; False: only not yet received


_WORKING = frozenset({S.RECEIVED, S.PROCESSING})
_ACTIVE = frozenset({S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT})
_NOT_RETURN = frozenset(
    {StepKind.RECEPTION, StepKind.PROCESSING, StepKind.APPROVAL, StepKind.INTER_AGENCY}
)

RULES: dict[Action, Rule] = {
    rule.action: rule
    for rule in (
        Rule(Action.RECEIVE, "Tiếp nhận hồ sơ", frozenset({S.SUBMITTED}), S.RECEIVED, Actor.DESK,
             needs_code=False),
        Rule(Action.REFUSE_INTAKE, "Từ chối tiếp nhận", frozenset({S.SUBMITTED}), S.REFUSED_INTAKE,
             Actor.DESK, needs_code=False),
        Rule(Action.REQUEST_INTAKE_SUPPLEMENT, "Đề nghị bổ sung trước khi tiếp nhận",
             frozenset({S.SUBMITTED}), S.SUPPLEMENT_REQUESTED, Actor.DESK, needs_code=False),
        Rule(Action.RESUBMIT, "Nộp lại hồ sơ đã bổ sung", frozenset({S.SUPPLEMENT_REQUESTED}),
             S.SUBMITTED, Actor.APPLICANT, needs_code=False),
        Rule(Action.FORWARD, "Chuyển bước tiếp theo", _WORKING, S.PROCESSING, Actor.STEP,
             frozenset({StepKind.RECEPTION, StepKind.PROCESSING, StepKind.INTER_AGENCY})),
        Rule(Action.SEND_BACK, "Trả lại bước trước", _WORKING, S.PROCESSING, Actor.STEP,
             _NOT_RETURN),
        Rule(Action.ASSIGN, "Phân công xử lý", _ACTIVE, None, Actor.STEP_OR_LEADER, _NOT_RETURN),
        Rule(Action.REQUEST_SUPPLEMENT, "Yêu cầu bổ sung, hoàn thiện hồ sơ", _WORKING,
             S.SUPPLEMENT_REQUESTED, Actor.STEP, _NOT_RETURN, needs_code=True),
        Rule(Action.RECEIVE_SUPPLEMENT, "Nhận hồ sơ bổ sung", frozenset({S.SUPPLEMENT_REQUESTED}),
             S.PROCESSING, Actor.DESK, needs_code=True),
        Rule(Action.REQUEST_PAYMENT, "Yêu cầu thực hiện nghĩa vụ tài chính",
             frozenset({S.PROCESSING}), S.AWAITING_PAYMENT, Actor.STEP, _NOT_RETURN),
        Rule(Action.CONFIRM_PAYMENT, "Xác nhận đã thực hiện nghĩa vụ tài chính",
             frozenset({S.AWAITING_PAYMENT}), S.PROCESSING, Actor.STEP),
        Rule(Action.APPROVE, "Phê duyệt", frozenset({S.PROCESSING}), S.PROCESSING, Actor.STEP,
             frozenset({StepKind.APPROVAL})),
        Rule(Action.REFUSE_RESULT, "Từ chối giải quyết (nêu lý do)", frozenset({S.PROCESSING}),
             S.RESULT_READY, Actor.STEP, frozenset({StepKind.PROCESSING, StepKind.APPROVAL})),
        Rule(Action.RESULT_READY, "Có kết quả, chuyển trả", _WORKING, S.RESULT_READY, Actor.STEP,
             frozenset({StepKind.RECEPTION, StepKind.PROCESSING, StepKind.INTER_AGENCY})),
        Rule(Action.RETURN_RESULT, "Trả kết quả", frozenset({S.RESULT_READY}), S.RETURNED,
             Actor.DESK, frozenset({StepKind.RETURN})),
        Rule(Action.REQUEST_WITHDRAWAL, "Xin rút hồ sơ / dừng giải quyết",
             _ACTIVE | {S.SUBMITTED}, S.WITHDRAWAL_REQUESTED, Actor.APPLICANT),
        Rule(Action.REFUSE_WITHDRAWAL, "Không chấp nhận rút hồ sơ",
             frozenset({S.WITHDRAWAL_REQUESTED}), None, Actor.DESK),
        Rule(Action.STOP, "Dừng giải quyết theo yêu cầu", frozenset({S.WITHDRAWAL_REQUESTED}),
             S.STOPPED, Actor.DESK),
        Rule(Action.STOP_PROCESSING, "Dừng xử lý hồ sơ (có căn cứ)", _ACTIVE, S.STOPPED,
             Actor.LEADER, needs_code=True),
        Rule(Action.DRAFT_APOLOGY, "Soạn văn bản xin lỗi, hẹn lại", _ACTIVE, None, Actor.STEP,
             needs_code=True),
        Rule(Action.SUBMIT_APOLOGY, "Trình lãnh đạo văn bản xin lỗi", _ACTIVE, None, Actor.STEP,
             needs_code=True),
        Rule(Action.APPROVE_APOLOGY, "Duyệt văn bản xin lỗi, hẹn lại", _ACTIVE, None,
             Actor.LEADER, needs_code=True),
        Rule(Action.REJECT_APOLOGY, "Không duyệt văn bản xin lỗi", _ACTIVE, None, Actor.LEADER,
             needs_code=True),
    )
}  # fmt: skip


def rule_for(action: Action) -> Rule:
    return RULES[action]


def status_allows(rule: Rule, status: S, *, received: bool, step_kind: StepKind | None) -> bool:
    """Whether the table allows `rule` from this status at this kind of step (roles apart)."""
    if status not in rule.from_statuses:
        return False
    if rule.needs_code is not None and rule.needs_code != received:
        return False
    if rule.step_kinds is not None:
        return step_kind is not None and step_kind in rule.step_kinds
    return True


def actions_from(status: S, *, received: bool, step_kind: StepKind | None) -> list[Action]:
    """Every action the table allows from this status at this kind of step."""
    return [
        action
        for action, rule in RULES.items()
        if status_allows(rule, status, received=received, step_kind=step_kind)
    ]


# Events written by services outside the transition table.
SUPPLEMENT_SENT = "supplement_sent"  # `dossier_supplement_send`: no status change
_EXTRA_EVENT_LABELS = {
    "submit": "Nộp hồ sơ trực tuyến",
    "apology_opened": "Mở dự thảo văn bản xin lỗi (hồ sơ sắp đến hạn)",
    SUPPLEMENT_SENT: "Công dân gửi hồ sơ bổ sung trực tuyến",
}


def event_label(action: str) -> str:
    """The Vietnamese label of an event's action, as timelines show it."""
    if action in Action:
        return RULES[Action(action)].label
    return _EXTRA_EVENT_LABELS.get(action, action)
