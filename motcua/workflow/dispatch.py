"""One entry point for every workflow action taken on an existing dossier: the JSON API, the back
office and scripts describe the action with `ActionInputs` and `dossier_act` calls the one service
behind it with the inputs that service reads (others are ignored)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from motcua.accounts.models import User
from motcua.core.errors import ValidationFailed
from motcua.dossiers.files import Upload
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.workflow.actions import (
    dossier_approve,
    dossier_assign,
    dossier_confirm_payment,
    dossier_forward,
    dossier_receive_supplement,
    dossier_refuse_result,
    dossier_refuse_withdrawal,
    dossier_request_payment,
    dossier_request_supplement,
    dossier_request_withdrawal,
    dossier_result_ready,
    dossier_return,
    dossier_send_back,
    dossier_stop,
    dossier_stop_processing,
)
from motcua.workflow.apologies import apology_approve, apology_draft, apology_reject, apology_submit
from motcua.workflow.intake import (
    ComponentInput,
    dossier_accept,
    dossier_refuse_intake,
    dossier_request_intake_supplement,
    dossier_resubmit,
)
from motcua.workflow.transitions import Action


class InputMissing(ValidationFailed):
    """The action needs an input that was not given (`field` names it)."""

    code = "input_missing"


@dataclass(frozen=True)
class ActionInputs:
    to_step: str | None = None
    handler: User | None = None
    note: str = ""
    reason: str = ""
    reasons: tuple[str, ...] = ()
    items: tuple[tuple[str, str], ...] = ()  # (component code, what is required of it)
    late_reason: str = ""
    override_reason: str = ""
    amount: Decimal | None = None
    online: bool = False
    result_number: str = ""
    summary: str = ""
    files: tuple[Upload, ...] = ()
    components: tuple[ComponentInput, ...] = ()
    method: ReturnMethod | None = None
    received_by_name: str = ""
    received_by_id_number: str = ""
    tracking_number: str = ""
    legal_ground: str = ""
    new_due_at: dt.datetime | None = field(default=None)


def dossier_act(*, dossier: Dossier, action: Action, inputs: ActionInputs, actor: User) -> None:
    """Take `action` on `dossier` through its workflow service (which checks every rule)."""
    i = inputs
    match action:
        case Action.RECEIVE:
            dossier_accept(dossier=dossier, actor=actor, note=i.note)
        case Action.REFUSE_INTAKE:
            dossier_refuse_intake(dossier=dossier, reasons=i.reasons, actor=actor)
        case Action.REQUEST_INTAKE_SUPPLEMENT:
            dossier_request_intake_supplement(
                dossier=dossier, missing=[code for code, _ in i.items], reason=i.reason,
                actor=actor,
            )  # fmt: skip
        case Action.RESUBMIT:
            dossier_resubmit(dossier=dossier, components=i.components, actor=actor)
        case Action.FORWARD:
            dossier_forward(
                dossier=dossier, actor=actor, to_step=i.to_step, handler=i.handler, note=i.note,
                files=i.files,
            )  # fmt: skip
        case Action.SEND_BACK:
            dossier_send_back(dossier=dossier, actor=actor, note=i.note, to_step=i.to_step)
        case Action.ASSIGN:
            if i.handler is None:
                raise InputMissing("Phải chọn người xử lý.", field="handler")
            dossier_assign(dossier=dossier, actor=actor, handler=i.handler, note=i.note)
        case Action.REQUEST_SUPPLEMENT:
            dossier_request_supplement(
                dossier=dossier, actor=actor, items=i.items, reason=i.reason,
                late_reason=i.late_reason, override_reason=i.override_reason,
            )  # fmt: skip
        case Action.RECEIVE_SUPPLEMENT:
            dossier_receive_supplement(dossier=dossier, actor=actor, files=i.files, note=i.note)
        case Action.REQUEST_PAYMENT:
            if i.amount is None:
                raise InputMissing("Phải ghi số tiền (đồng).", field="amount")
            dossier_request_payment(dossier=dossier, actor=actor, amount=i.amount, reason=i.reason)
        case Action.CONFIRM_PAYMENT:
            if i.amount is None:
                raise InputMissing("Phải ghi số tiền (đồng).", field="amount")
            dossier_confirm_payment(
                dossier=dossier, actor=actor, amount=i.amount, online=i.online, note=i.note
            )
        case Action.APPROVE:
            dossier_approve(
                dossier=dossier, actor=actor, to_step=i.to_step, result_number=i.result_number,
                summary=i.summary, note=i.note, files=i.files,
            )  # fmt: skip
        case Action.REFUSE_RESULT:
            dossier_refuse_result(dossier=dossier, actor=actor, reasons=i.reasons, files=i.files)
        case Action.RESULT_READY:
            dossier_result_ready(
                dossier=dossier, actor=actor, result_number=i.result_number, summary=i.summary,
                note=i.note, files=i.files,
            )  # fmt: skip
        case Action.RETURN_RESULT:
            if i.method is None:
                raise InputMissing("Phải chọn hình thức trả kết quả.", field="method")
            dossier_return(
                dossier=dossier, actor=actor, method=i.method,
                received_by_name=i.received_by_name,
                received_by_id_number=i.received_by_id_number,
                tracking_number=i.tracking_number, note=i.note,
            )  # fmt: skip
        case Action.REQUEST_WITHDRAWAL:
            dossier_request_withdrawal(dossier=dossier, actor=actor, reason=i.reason)
        case Action.REFUSE_WITHDRAWAL:
            dossier_refuse_withdrawal(dossier=dossier, actor=actor, reason=i.reason)
        case Action.STOP:
            dossier_stop(dossier=dossier, actor=actor, reason=i.reason)
        case Action.STOP_PROCESSING:
            dossier_stop_processing(dossier=dossier, actor=actor, legal_ground=i.legal_ground)
        case Action.DRAFT_APOLOGY:
            if i.new_due_at is None:
                raise InputMissing("Phải ghi ngày hẹn trả mới.", field="new_due_at")
            apology_draft(dossier=dossier, actor=actor, reason=i.reason, new_due_at=i.new_due_at)
        case Action.SUBMIT_APOLOGY:
            apology_submit(dossier=dossier, actor=actor)
        case Action.APPROVE_APOLOGY:
            apology_approve(dossier=dossier, actor=actor, note=i.note)
        case Action.REJECT_APOLOGY:
            apology_reject(dossier=dossier, actor=actor, note=i.note)
