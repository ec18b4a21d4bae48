"""Reads for the workflow: which actions this actor may take on this dossier now, with the step
choices the process allows (what screens and the API offer — never a move the process lacks)."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import StepKind
from motcua.core.timezone import to_local
from motcua.dossiers.models import ApologyStatus, Dossier, DossierStatus
from motcua.workflow.policies import actor_allowed
from motcua.workflow.transitions import RULES, Action, actions_from

_UNKNOWN = object()
# The apology's state each apology action needs (None: no live apology): one apology per dossier,
# drafted and redrafted, submitted, then approved or rejected (a rejected one may be redrafted).
_APOLOGY_NEEDS: dict[Action, frozenset[ApologyStatus | None]] = {
    Action.DRAFT_APOLOGY: frozenset({None, ApologyStatus.DRAFT}),
    Action.SUBMIT_APOLOGY: frozenset({ApologyStatus.DRAFT}),
    Action.APPROVE_APOLOGY: frozenset({ApologyStatus.SUBMITTED}),
    Action.REJECT_APOLOGY: frozenset({ApologyStatus.SUBMITTED}),
}


def _apology_status(dossier: Dossier) -> ApologyStatus | None:
    statuses = [
        ApologyStatus(a.status)
        for a in dossier.apologies.all()
        if a.status != ApologyStatus.REJECTED
    ]
    return statuses[-1] if statuses else None


@dataclass(frozen=True)
class StepChoice:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class ActionOption:
    action: Action
    label: str
    steps: tuple[StepChoice, ...] = field(default=())


def available_actions(
    *, dossier: Dossier, actor: User, at: dt.datetime | None = None
) -> list[ActionOption]:
    at = at or timezone.now()
    on = to_local(at).date()
    step = dossier.current_step
    step_kind = StepKind(step.kind) if step is not None else None
    options: list[ActionOption] = []
    apology: ApologyStatus | object | None = _UNKNOWN
    for action in actions_from(
        DossierStatus(dossier.status), received=dossier.code is not None, step_kind=step_kind
    ):
        rule = RULES[action]
        if not actor_allowed(rule, actor, dossier, on=on):
            continue
        if action in _APOLOGY_NEEDS:
            if apology is _UNKNOWN:
                apology = _apology_status(dossier)
            if apology not in _APOLOGY_NEEDS[action]:
                continue
        steps: tuple[StepChoice, ...] = ()
        if step is not None and action in (Action.FORWARD, Action.APPROVE, Action.SEND_BACK):
            targets = (
                step.send_back_to.all() if action is Action.SEND_BACK else step.forward_to.all()
            )
            steps = tuple(
                StepChoice(t.code, t.name, t.kind)
                for t in targets
                if action is not Action.FORWARD or t.kind != StepKind.RETURN
            )
            if not steps:
                continue
        if (
            action is Action.RESULT_READY
            and step is not None
            and not any(t.kind == StepKind.RETURN for t in step.forward_to.all())
        ):
            continue
        options.append(ActionOption(action, rule.label, steps))
    return options
