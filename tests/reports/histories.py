"""Small crafted histories for the report tests, written in the import format and imported through
`import_dossiers` (docs/dossier-import.md), on the dossier tests' world (tests/dossiers/builders):

- `linear`: Đăng ký khai sinh at UBND xã Hòa An, 3 working days (24 working hours), steps
  tiep-nhan → tham-dinh → phe-duyet → tra-ket-qua;
- `inter`: the same with a Công an tỉnh step (`cong-an`, 4 h) between appraisal and approval.

A dossier received Monday 09:00 is due Thursday 09:00 (no holiday in the weeks used)."""

import datetime as dt
import json
from typing import Any

from motcua.dossiers.models import Dossier
from motcua.workflow.importing import dossier_import
from tests.dossiers.builders import at

AGENCY = "000.01.31.H99"  # UBND xã Hòa An
DESK = "mot-cua-hoa-an"


def iso(instant: dt.datetime) -> str:
    return instant.isoformat()


def ev(action: str, when: dt.datetime, **fields: object) -> dict[str, object]:
    return {"at": iso(when), "action": action, "actor_name": "Cán bộ cũ", **fields}


_serials: dict[str, int] = {}


def code_for(received: dt.datetime) -> str:
    day = f"{received:%y%m%d}"
    _serials[day] = _serials.get(day, 0) + 1
    return f"{AGENCY}-{day}-{5000 + _serials[day]:04d}"


def line(
    received: dt.datetime,
    *,
    status: str,
    events: list[dict[str, object]],
    procedure: str = "1.001193",
    variant: str = "dung-han",
    channel: str = "counter",
    code: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One dossier: received at `received` (the `receive` event is added first)."""
    data: dict[str, Any] = {
        "code": code or code_for(received),
        "procedure_code": procedure,
        "variant_code": variant,
        "channel": channel,
        "desk_code": DESK,
        "agency_code": AGENCY,
        "applicant": {"name": "Nguyễn Văn Bình", "id_number": "001090012345"},
        "received_at": iso(received),
        "components": [
            {"code": "to-khai", "originals": 1},
            {"code": "giay-chung-sinh", "originals": 1},
        ],
        "status": status,
        "events": [ev("receive", received), *events],
    }
    if status in ("result_ready", "returned"):
        data.setdefault("result", {"number": "1/KS"})
    data.update(extra)
    return data


def processed(
    received: dt.datetime,
    done: dt.datetime,
    *,
    returned: dt.datetime | None = None,
    method: str = "counter",
    **extra: Any,
) -> dict[str, Any]:
    """Linear history: forward, forward, approve at `done`, optionally returned."""
    events = [
        ev("forward", received + dt.timedelta(minutes=30), to_step="tham-dinh"),
        ev("forward", received + dt.timedelta(minutes=60), to_step="phe-duyet"),
        ev("approve", done, to_step="tra-ket-qua"),
    ]
    if returned is not None:
        events.append(ev("return_result", returned))
        return line(received, status="returned", events=events,
                    returned={"method": method, "to_name": "Nguyễn Văn Bình"}, **extra)  # fmt: skip
    return line(received, status="result_ready", events=events, **extra)


def in_process(received: dt.datetime, **extra: Any) -> dict[str, Any]:
    return line(received, status="processing",
                events=[ev("forward", received + dt.timedelta(minutes=30), to_step="tham-dinh")],
                **extra)  # fmt: skip


def import_lines(*lines: dict[str, Any]) -> list[Dossier]:
    report = dossier_import(
        lines=[json.dumps(item, ensure_ascii=False) + "\n" for item in lines],
        source_system="legacy",
        actor=None,
    )
    assert report.ok, report.problems
    return list(Dossier.objects.filter(code__in=report.created).order_by("received_at", "pk"))


def day_at(y: int, m: int, d: int, hour: int, minute: int = 0) -> dt.datetime:
    return at(dt.date(y, m, d), hour, minute)
