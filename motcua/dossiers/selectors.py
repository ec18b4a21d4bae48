"""Reads of dossiers shared by the interfaces: the officer's list, the public look-up.

Which dossiers an actor may see is decided by `motcua.dossiers.policies`; these selectors narrow
and shape that set. The public look-up shows what the applicant may tell anyone (status,
procedure, dates and appointment), never personal data (domain §8).
"""

import datetime as dt
import hmac
import re
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from motcua.accounts.models import Agency, Desk, User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.deadlines import legal_clock
from motcua.dossiers.models import Dossier, DossierPause, DossierStatus
from motcua.dossiers.policies import dossier_queryset_for

_LAST4 = re.compile(r"^\d{4}$")
_NOT_DIGIT = re.compile(r"\D+")


# What a list row or a detail page shows of a dossier besides its own fields.
DOSSIER_RELATED = (
    "version",
    "version__procedure",
    "variant",
    "desk",
    "agency",
    "receiving_agency",
    "current_step",
    "current_agency",
    "handler",
)


def dossier_list_for(
    *, actor: User, status: DossierStatus | None = None, text: str = ""
) -> QuerySet[Dossier]:
    """The dossiers `actor` may see, newest first (by reception, else submission), with what a
    list row shows loaded up front: no query per row."""
    queryset = dossier_queryset_for(actor)
    if status is not None:
        queryset = queryset.filter(status=status)
    text = text.strip()
    if text:
        queryset = queryset.filter(
            Q(code__icontains=text)
            | Q(reference__iexact=text)
            | Q(applicant_name__icontains=text)
            | Q(applicant_id_number=text)
        )
    pauses = Prefetch("pauses", queryset=DossierPause.objects.order_by("started_at", "pk"))
    return (
        queryset.select_related(*DOSSIER_RELATED)
        .prefetch_related(pauses)
        .order_by(Coalesce("received_at", "submitted_at").desc(nulls_last=True), F("pk").desc())
    )


@dataclass(frozen=True)
class PublicLookup:
    """What the public look-up shows of a dossier."""

    code: str
    procedure_name: str
    status: DossierStatus
    submitted_at: dt.datetime | None
    received_at: dt.datetime | None
    appointment_at: dt.datetime | None  # the due instant, or the new one after an apology
    finished_at: dt.datetime | None
    returned_at: dt.datetime | None
    agency_name: str = ""  # the competent agency
    rescheduled: bool = False  # `appointment_at` is the new date of an approved apology

    @property
    def public_status(self) -> int:
        return self.status.public_code

    @property
    def status_label(self) -> str:
        return str(self.status.label)


def _last4_matches(value: str, last4: str) -> bool:
    digits = _NOT_DIGIT.sub("", value)
    return len(digits) >= 4 and hmac.compare_digest(digits[-4:], last4)


def dossier_public_lookup(
    *, code: str, last4: str, at: dt.datetime | None = None
) -> PublicLookup | None:
    """The dossier with this code (or submission reference) when `last4` are the last four digits
    of the applicant's ID number or contact phone; None otherwise (which one failed is not told)."""
    code, last4 = code.strip(), last4.strip()
    if not code or not _LAST4.match(last4):
        return None
    dossier = (
        Dossier.objects.filter(Q(code=code) | Q(reference=code))
        .select_related("version", "agency", "receiving_agency")
        .first()
    )
    if dossier is None:
        return None
    matched = _last4_matches(dossier.applicant_id_number, last4)
    matched |= _last4_matches(dossier.phone, last4)
    if not matched:
        return None
    appointment: dt.datetime | None = dossier.rescheduled_due_at
    if appointment is None and dossier.clock_started_at is not None:
        clock = legal_clock(dossier, pauses=list(dossier.pauses.all()), at=at or timezone.now())
        appointment = clock.due_at
    return PublicLookup(
        code=dossier.display_code,
        procedure_name=dossier.version.name,
        status=DossierStatus(dossier.status),
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        appointment_at=appointment,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
        agency_name=dossier.agency.name,
        rescheduled=dossier.rescheduled_due_at is not None,
    )


# --- Where an online dossier goes ----------------------------------------------------------------


@dataclass(frozen=True)
class Destination:
    """An agency that resolves the procedure and the one-stop desk that receives for it."""

    agency: Agency
    desk: Desk


def _in_force(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def online_destinations(*, version: ProcedureVersion, on: dt.date) -> list[Destination]:
    """Where the applicant can file this procedure online: each executing agency in force with a
    desk that receives for it, by name. The desk is the agency's own when it has one that serves
    it (or hosts no other), else a desk that lists it among those it serves (a public service
    centre); ties by desk code. An agency no desk receives for is left out."""
    agencies = list(version.executing_agencies.filter(_in_force(on)).order_by("name", "code"))
    desks = list(
        Desk.objects.filter(_in_force(on))
        .filter(Q(host__in=agencies) | Q(serves__in=agencies))
        .distinct()
        .prefetch_related("serves")
        .order_by("code")
    )
    found = []
    for agency in agencies:
        serving = [d for d in desks if agency in d.serves.all()]
        hosted = [d for d in desks if d.host_id == agency.pk]
        own = [d for d in hosted if d in serving or not d.serves.all()]
        candidates = own or serving or hosted
        if candidates:
            found.append(Destination(agency=agency, desk=candidates[0]))
    return found
