"""What of an applicant's personal data an officer sees. Only the desk of the dossier and the
applicant contact applicants (domain §2): for everyone else (specialists, leaders, inspectors,
superusers) the ID number, phone and e-mail are masked, in the e-form answers too."""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.workflow.policies import is_applicant, is_desk_officer

MASKED_ANSWER_TYPES = frozenset({"personal_id", "phone", "email"})


def mask(value: str) -> str:
    """All but the last two characters hidden (e-mail: the first letter and the domain kept)."""
    value = value.strip()
    if not value:
        return ""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return "*" * max(len(value) - 2, 1) + value[-2:]


def mask_answers(fields: Sequence[Mapping[str, Any]], answers: Any) -> Any:
    """The e-form answers with the personal ID, phone and e-mail fields masked (groups too)."""
    if isinstance(answers, list):
        return [mask_answers(fields, item) for item in answers]
    if not isinstance(answers, dict):
        return answers
    masked = dict(answers)
    for field in fields:
        name = field.get("name")
        if name not in masked:
            continue
        if field.get("type") == "group":
            masked[name] = mask_answers(field.get("fields") or [], masked[name])
        elif field.get("type") in MASKED_ANSWER_TYPES and isinstance(masked[name], str):
            masked[name] = mask(masked[name])
    return masked


def sees_contact(dossier: Dossier, user: User, *, on: dt.date) -> bool:
    return is_applicant(user, dossier) or is_desk_officer(user, dossier, on=on)
