"""More crafted histories for the unit, attribution, officer and target reports, on top of
tests/reports/histories.py: extra competent agencies (each with its own desk and procedure), and
inter-agency dossiers of the world's `inter` procedure that may stay open at the police or at
approval (tiep-nhan 2 h → tham-dinh 8 h → cong-an 4 h at Công an tỉnh → phe-duyet 6 h →
tra-ket-qua 4 h; 3 working days, due 24 working hours after reception).

Office hours 07:00–11:30, 13:30–17:00 (8 h a day); March–April 2026 has no holiday before 26/4."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from motcua.accounts.models import Agency, AgencyLevel, Desk, DeskKind
from motcua.accounts.services import agency_create, desk_create
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.core.timezone import to_local
from tests.catalog.builders import birth_registration
from tests.dossiers.builders import JULY
from tests.reports.histories import INTER, ev, in_process, line, processed

INTER_VARIANT = "lien-thong"


@dataclass(frozen=True)
class Unit:
    """A competent agency with its own desk and procedure (national-style code `procedure`)."""

    agency: Agency
    desk: Desk
    procedure: str

    def processed(self, received: dt.datetime, done: dt.datetime, **extra: Any) -> dict[str, Any]:
        return processed(received, done, **self._where(), **extra)

    def in_process(self, received: dt.datetime, **extra: Any) -> dict[str, Any]:
        return in_process(received, **self._where(), **extra)

    def _where(self) -> dict[str, Any]:
        return {"procedure": self.procedure, "desk": self.desk.code, "agency": self.agency.code}


def unit(
    code: str, name: str, *, parent: Agency, procedure: str, level: AgencyLevel | None = None
) -> Unit:
    """A new agency under `parent` (or an existing one: pass its code) with a desk serving it and
    a birth-registration-like procedure it executes (linear steps, 3 working days)."""
    agency = Agency.objects.filter(code=code).first() or agency_create(
        code=code, name=name, level=level or AgencyLevel.DEPARTMENT, parent=parent, actor=None
    )
    desk = desk_create(
        code=f"mot-cua-{procedure.replace('.', '-')}",
        name=f"Bộ phận một cửa {name}",
        kind=DeskKind.AGENCY_DESK,
        host=agency,
        serves=[agency],
        actor=None,
    )
    spec = replace(
        birth_registration(),
        code=procedure,
        name=f"Thủ tục thử nghiệm {procedure}",
        executing_agency_codes=(code,),
    )
    procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=JULY, actor=None
    )
    return Unit(agency, desk, procedure)


def inter_history(
    received: dt.datetime,
    *,
    to_police: dt.datetime,
    from_police: dt.datetime | None = None,
    done: dt.datetime | None = None,
    reception: dt.timedelta = dt.timedelta(minutes=30),
) -> dict[str, Any]:
    """An inter-agency dossier of the world's `inter` procedure: reception until `received +
    reception`, appraisal until `to_police`, the police until `from_police` (None: still there),
    the commune leader until `done` (None: still there), then result ready."""
    events = [
        ev("forward", received + reception, to_step="tham-dinh"),
        ev("forward", to_police, to_step="cong-an"),
    ]
    if from_police is not None:
        events.append(ev("forward", from_police, to_step="phe-duyet"))
    if done is not None:
        assert from_police is not None
        events.append(ev("approve", done, to_step="tra-ket-qua"))
        return line(
            received, status="result_ready", events=events, procedure=INTER, variant=INTER_VARIANT
        )
    return line(
        received, status="processing", events=events, procedure=INTER, variant=INTER_VARIANT
    )


class Received(Protocol):
    @property
    def received_at(self) -> dt.datetime | None: ...


def received_days(items: Iterable[Received]) -> list[int]:
    """The local day of the month each item (a fact, a late dossier) was received on."""
    days = []
    for item in items:
        assert item.received_at is not None
        days.append(to_local(item.received_at).day)
    return days
