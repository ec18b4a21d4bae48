"""Who may take an action on a dossier: the transition table's `Actor` resolved against the actor's
memberships, the dossier's desk and agencies, and the step it stands at."""

import datetime as dt

from motcua.accounts.models import Agency, Membership, Role, User, UserKind
from motcua.accounts.selectors import membership_list_active
from motcua.catalog.models import ProcessStep
from motcua.dossiers.models import Dossier
from motcua.workflow.transitions import Actor, Rule


def step_agency(step: ProcessStep, dossier: Dossier) -> Agency:
    """The agency acting at `step`: the step's own, the desk's host for desk steps, else the
    competent agency."""
    if step.agency_id is not None:
        assert step.agency is not None
        return step.agency
    if step.role == Role.DESK_OFFICER:
        return dossier.receiving_agency
    return dossier.agency


def _memberships(actor: User, on: dt.date) -> list[Membership]:
    if not actor.is_authenticated or actor.kind != UserKind.STAFF or not actor.is_active:
        return []
    return list(membership_list_active(user=actor, on=on))


def is_desk_officer(actor: User, dossier: Dossier, *, on: dt.date) -> bool:
    return any(
        m.role == Role.DESK_OFFICER and m.desk_id == dossier.desk_id
        for m in _memberships(actor, on)
    )


def holds_role(actor: User, *, role: str, agency_id: int, on: dt.date) -> bool:
    return any(m.role == role and m.agency_id == agency_id for m in _memberships(actor, on))


def can_act_at_step(actor: User, dossier: Dossier, step: ProcessStep, *, on: dt.date) -> bool:
    """A holder of the step's role at its agency; the assigned handler only, once assigned."""
    if step.role == Role.DESK_OFFICER:
        return is_desk_officer(actor, dossier, on=on)
    if dossier.handler_id is not None and dossier.handler_id != actor.pk:
        return False
    agency = dossier.current_agency_id or step_agency(step, dossier).pk
    return holds_role(actor, role=step.role, agency_id=agency, on=on)


def is_leader_for(actor: User, dossier: Dossier, *, on: dt.date) -> bool:
    agencies = {dossier.agency_id, dossier.current_agency_id}
    return any(m.role == Role.LEADER and m.agency_id in agencies for m in _memberships(actor, on))


def is_applicant(actor: User, dossier: Dossier) -> bool:
    return (
        actor.is_authenticated
        and dossier.applicant_account_id is not None
        and dossier.applicant_account_id == actor.pk
    )


def actor_allowed(rule: Rule, actor: User, dossier: Dossier, *, on: dt.date) -> bool:
    step = dossier.current_step
    match rule.actor:
        case Actor.DESK:
            return is_desk_officer(actor, dossier, on=on)
        case Actor.LEADER:
            return is_leader_for(actor, dossier, on=on)
        case Actor.APPLICANT:
            return is_applicant(actor, dossier) or is_desk_officer(actor, dossier, on=on)
        case Actor.STEP:
            return step is not None and can_act_at_step(actor, dossier, step, on=on)
        case Actor.STEP_OR_LEADER:
            if is_leader_for(actor, dossier, on=on):
                return True
            # Like STEP: once a handler is assigned, another member cannot claim it away.
            return step is not None and can_act_at_step(actor, dossier, step, on=on)
