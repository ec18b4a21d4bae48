"""Returning applicants (người nộp đã từng nộp hồ sơ): at the counter, a desk officer types the
personal ID number (or tax code) of the person in front of them and gets the contact details the
desk recorded the last time, so they need not be typed again.

What is shown, and why it stays within what the desk already holds:

- only to desk officers, and only dossiers *received at one of their own desks* (active
  desk-officer memberships on the day): exactly the dossiers `motcua.dossiers.policies` already
  lets them open in full, with these very fields on the dossier's page;
- only the applicant's snapshot of the latest such dossier: kind, name, ID number, address, phone,
  e-mail, and which dossier it came from — no e-form answers, files, submitter or history;
- only on an exact match of the whole ID number the citizen hands over: no partial or fuzzy search,
  so the look-up cannot be used to browse people; nothing from another desk, nothing for other
  roles (a specialist or a leader gets nothing).
"""

import datetime as dt
from dataclasses import dataclass

from motcua.accounts.models import Role, User, UserKind
from motcua.accounts.selectors import membership_list_active
from motcua.core.timezone import local_today
from motcua.dossiers.models import Dossier


@dataclass(frozen=True)
class ApplicantSnapshot:
    """The applicant as recorded on one dossier received at the officer's desk."""

    kind: str
    name: str
    id_number: str
    address: str
    phone: str
    email: str
    dossier_code: str
    received_at: dt.datetime

    def as_draft_data(self) -> dict[str, str]:
        """In the shape of a draft's `applicant` (see `motcua.dossiers.drafts`)."""
        return {
            "kind": self.kind,
            "name": self.name,
            "id_number": self.id_number,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
        }


def officer_desk_ids(*, actor: User, on: dt.date) -> set[int]:
    """The desks `actor` serves as a desk officer on `on` (empty for anyone else)."""
    if not actor.is_authenticated or not actor.is_active or actor.kind != UserKind.STAFF:
        return set()
    return {
        desk_id
        for desk_id in membership_list_active(user=actor, on=on)
        .filter(role=Role.DESK_OFFICER, desk__isnull=False)
        .values_list("desk_id", flat=True)
        if desk_id is not None
    }


def applicant_lookup(
    *, actor: User, id_number: str, on: dt.date | None = None
) -> ApplicantSnapshot | None:
    """The applicant with exactly this ID number on the latest dossier received at one of the
    actor's desks, or None (not found, not a desk officer, or a blank number)."""
    number = id_number.strip().replace(" ", "")
    if not number:
        return None
    desks = officer_desk_ids(actor=actor, on=on or local_today())
    if not desks:
        return None
    dossier = (
        Dossier.objects.filter(
            desk_id__in=desks, applicant_id_number=number, received_at__isnull=False
        )
        .order_by("-received_at", "-pk")
        .only(
            "code",
            "reference",
            "received_at",
            "applicant_kind",
            "applicant_name",
            "applicant_id_number",
            "applicant_address",
            "phone",
            "email",
        )
        .first()
    )
    if dossier is None or dossier.received_at is None:
        return None
    return ApplicantSnapshot(
        kind=dossier.applicant_kind,
        name=dossier.applicant_name,
        id_number=dossier.applicant_id_number,
        address=dossier.applicant_address,
        phone=dossier.phone,
        email=dossier.email,
        dossier_code=dossier.display_code,
        received_at=dossier.received_at,
    )
