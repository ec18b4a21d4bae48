"""Numbers that must never repeat: dossier codes, logbook serials, form numbers.

A dossier code is `<receiving agency identifier>-<YYMMDD>-<sequence>` (Circular 01/2018/TT-VPCP
Art 19; domain §5): the agency's QCVN identifier, the local reception date, and the sequence within
that agency's day, zero-padded to `MOTCUA_DOSSIER_SEQ_WIDTH` digits (at least 4) and growing past
it instead of failing. The parser also accepts the Circular 04/2025 national form
`MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX`.

Allocation is one atomic `UPDATE … SET value = value + 1` on a counter row inside the caller's
transaction: the row stays locked until commit, so concurrent receptions on PostgreSQL queue on
it, and SQLite serialises writers anyway (IMMEDIATE transactions). A missing row is created in a
savepoint; losing that race to another transaction is retried as an update. A rolled-back
reception leaves no gap because the increment rolls back with it.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from motcua.dossiers.models import SequenceCounter

MIN_WIDTH = 4

_CODE_RE = re.compile(
    r"^(?P<agency>[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2})"
    r"-(?P<date>\d{6})-(?P<seq>\d{4,})$"
)
_NATIONAL_RE = re.compile(
    r"^(?P<agency>[A-Z][0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{2})"
    r"-(?P<date>\d{6})-(?P<system>[0-9A-Z]{2})(?P<seq>\d{4,})$"
)


def next_value(name: str) -> int:
    """The next number of the counter `name` (1 for a new counter). Call inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_value() must run inside transaction.atomic()")
    for _attempt in range(3):
        if SequenceCounter.objects.filter(name=name).update(value=F("value") + 1):
            return SequenceCounter.objects.values_list("value", flat=True).get(name=name)
        try:
            with transaction.atomic():
                SequenceCounter.objects.create(name=name, value=1)
            return 1
        except IntegrityError:
            continue  # another transaction created it first: increment theirs
    raise RuntimeError(f"Could not allocate a number from {name}")  # pragma: no cover


def sequence_width() -> int:
    return max(MIN_WIDTH, int(settings.MOTCUA_DOSSIER_SEQ_WIDTH))


def format_code(agency_code: str, day: dt.date, sequence: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{sequence:0{sequence_width()}d}"


def dossier_code_allocate(*, agency_code: str, day: dt.date) -> str:
    """A new dossier code for the agency's local `day`."""
    return format_code(agency_code, day, next_value(f"code:{agency_code}:{day:%Y%m%d}"))


def logbook_serial_allocate(*, desk_code: str, year: int) -> int:
    """The next serial of the desk's logbook for `year` (a yearly series from 1)."""
    return next_value(f"logbook:{desk_code}:{year}")


def form_number_allocate(*, agency_code: str, form: str, year: int) -> str:
    """A form number ("12/2026") from the sequence per agency, form and year (domain §4)."""
    return f"{next_value(f'form:{agency_code}:{form}:{year}')}/{year}"


@dataclass(frozen=True)
class ParsedCode:
    agency_code: str
    day: dt.date
    sequence: int
    system: str = ""  # the Circular 04/2025 system-owner prefix (AA)


def parse_code(code: str) -> ParsedCode | None:
    """The parts of a dossier code in either format, or None when it is not one."""
    code = code.strip().upper()
    match = _CODE_RE.match(code) or _NATIONAL_RE.match(code)
    if match is None:
        return None
    try:
        day = dt.date(
            2000 + int(match["date"][:2]), int(match["date"][2:4]), int(match["date"][4:])
        )
    except ValueError:
        return None
    system = match.groupdict().get("system") or ""
    return ParsedCode(match["agency"], day, int(match["seq"]), system)
