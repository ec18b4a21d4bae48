"""Small crafted histories for the report tests, written in the import format and imported through
`import_dossiers` (docs/dossier-import.md), on the dossier tests' world (tests/dossiers/builders):

- `linear` (procedure 1.001193, variant `dung-han`): Đăng ký khai sinh at UBND xã Hòa An,
  3 working days (24 working hours), steps tiep-nhan → tham-dinh → phe-duyet → tra-ket-qua;
- `inter` (procedure 1.001194, variant `lien-thong`): the same with a Công an tỉnh step
  (`cong-an`, 4 h) between appraisal and approval;
- `police_world` adds a sub-unit under Công an tỉnh, a police desk and a procedure the police and
  its sub-unit carry out (roll-up by agency).

The calendar is the default one: office hours 07:00–11:30 and 13:30–17:00, Monday to Friday, 8
working hours a day, no holiday in March 2026. A dossier received Monday 09:00 has 6 working hours
that day (2.5 h before noon, 3.5 h after), 8 on Tuesday and 8 on Wednesday (22 h), and the last
2 h on Thursday morning: it is due Thursday 09:00. "Due soon" starts when 6 working hours are
left (8 h, at most 25% of the 24 h limit): Wednesday 11:00.

`import_lines` asserts that the reports' projection equals a fresh computation after every
import (`facts_differing() == []`)."""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from motcua.accounts.models import Agency, AgencyLevel, Desk, DeskKind
from motcua.accounts.services import agency_create, desk_create
from motcua.catalog.models import Field, ProcedureVersion
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.dossiers.models import Dossier
from motcua.reports.facts import facts_differing
from motcua.workflow.importing import dossier_import
from tests.catalog.builders import POLICE, birth_registration
from tests.dossiers.builders import JULY, World, at

AGENCY = "000.01.31.H99"  # UBND xã Hòa An
DESK = "mot-cua-hoa-an"
LINEAR = "1.001193"
INTER = "1.001194"
POLICE_UNIT = "000.06.41.H99"  # Phòng Cảnh sát quản lý hành chính (PC06), under Công an tỉnh
POLICE_DESK = "mot-cua-cong-an"
RESIDENCE = "1.004194"  # a procedure the police and PC06 carry out (field "CT", Cư trú)
MINUTES_30 = dt.timedelta(minutes=30)
# Extra arguments of any builder for a dossier of the police desk (with `police_world`).
AT_POLICE: dict[str, Any] = {"procedure": RESIDENCE, "desk": POLICE_DESK, "agency": POLICE}
AT_POLICE_UNIT: dict[str, Any] = {**AT_POLICE, "agency": POLICE_UNIT}


def iso(instant: dt.datetime) -> str:
    return instant.isoformat()


def day_at(y: int, m: int, d: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local (Asia/Ho_Chi_Minh) instant."""
    return at(dt.date(y, m, d), hour, minute)


def ev(action: str, when: dt.datetime, **fields: object) -> dict[str, object]:
    return {"at": iso(when), "action": action, "actor_name": "Cán bộ cũ", **fields}


_serials: dict[str, int] = {}


def code_for(received: dt.datetime, agency: str = AGENCY) -> str:
    day = f"{received:%y%m%d}"
    _serials[day] = _serials.get(day, 0) + 1
    return f"{agency}-{day}-{5000 + _serials[day]:04d}"


def line(
    received: dt.datetime,
    *,
    status: str,
    events: list[dict[str, object]],
    procedure: str = LINEAR,
    variant: str = "dung-han",
    channel: str = "counter",
    code: str | None = None,
    desk: str = DESK,
    agency: str = AGENCY,
    submitted: dt.datetime | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One dossier received at `received` (the `receive` event is added first; an online one is
    first submitted, by default an hour before it is received)."""
    first = [ev("receive", received)]
    if channel == "online":
        first.insert(0, ev("submit", submitted or received - dt.timedelta(hours=1)))
    data: dict[str, Any] = {
        "code": code or code_for(received, agency),
        "procedure_code": procedure,
        "variant_code": variant,
        "channel": channel,
        "desk_code": desk,
        "agency_code": agency,
        "applicant": {"name": "Nguyễn Văn Bình", "id_number": "001090012345"},
        "received_at": iso(received),
        "components": [
            {"code": "to-khai", "originals": 1},
            {"code": "giay-chung-sinh", "originals": 1},
        ],
        "status": status,
        "events": [*first, *events],
    }
    if status in ("result_ready", "returned"):
        data["result"] = {"number": "1/KS"}
    data.update(extra)
    return data


def _returned(
    received: dt.datetime,
    events: list[dict[str, object]],
    returned: dt.datetime | None,
    method: str,
    **extra: Any,
) -> dict[str, Any]:
    if returned is None:
        return line(received, status="result_ready", events=events, **extra)
    events = [*events, ev("return_result", returned)]
    return line(received, status="returned", events=events,
                returned={"method": method, "to_name": "Nguyễn Văn Bình"}, **extra)  # fmt: skip


def processed(
    received: dt.datetime,
    done: dt.datetime,
    *,
    returned: dt.datetime | None = None,
    method: str = "counter",
    **extra: Any,
) -> dict[str, Any]:
    """Linear history: forward (+30 min), forward (+60 min), approve at `done` (the result is
    ready: the dossier is finished), optionally returned by `method` at `returned`."""
    events = [
        ev("forward", received + MINUTES_30, to_step="tham-dinh"),
        ev("forward", received + 2 * MINUTES_30, to_step="phe-duyet"),
        ev("approve", done, to_step="tra-ket-qua"),
    ]
    return _returned(received, events, returned, method, **extra)


def in_process(received: dt.datetime, **extra: Any) -> dict[str, Any]:
    """Forwarded to appraisal 30 minutes after reception, and still there."""
    return line(received, status="processing",
                events=[ev("forward", received + MINUTES_30, to_step="tham-dinh")],
                **extra)  # fmt: skip


def refused(
    received: dt.datetime, done: dt.datetime, *, returned: dt.datetime | None = None, **extra: Any
) -> dict[str, Any]:
    """Linear history ending in a refusal (từ chối giải quyết) by the leader at `done`."""
    events = [
        ev("forward", received + MINUTES_30, to_step="tham-dinh"),
        ev("forward", received + 2 * MINUTES_30, to_step="phe-duyet"),
        ev("refuse_result", done, note="Không đủ điều kiện đăng ký"),
    ]
    return _returned(received, events, returned, "counter", **extra)


def withdrawn(received: dt.datetime, stopped: dt.datetime, **extra: Any) -> dict[str, Any]:
    """The applicant asks to withdraw at `stopped`; the desk stops the dossier at once."""
    events = [
        ev("forward", received + MINUTES_30, to_step="tham-dinh"),
        ev("request_withdrawal", stopped, note="Xin rút hồ sơ"),
        ev("stop", stopped),
    ]
    return line(received, status="stopped", events=events, **extra)


def stopped_by_leader(received: dt.datetime, stopped: dt.datetime, **extra: Any) -> dict[str, Any]:
    """The leader stops the processing (dừng xử lý, có căn cứ) at `stopped`."""
    events = [
        ev("forward", received + MINUTES_30, to_step="tham-dinh"),
        ev("stop_processing", stopped, note="Có văn bản của cơ quan có thẩm quyền"),
    ]
    return line(received, status="stopped", events=events, **extra)


def with_payment(
    received: dt.datetime,
    requested: dt.datetime,
    *,
    paid: dt.datetime | None = None,
    done: dt.datetime | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A financial obligation (nghĩa vụ tài chính) asked at appraisal at `requested`: the clock
    stops until `paid` (open when None); then to approval at `paid` and approved at `done`."""
    events = [
        ev("forward", received + MINUTES_30, to_step="tham-dinh"),
        ev("request_payment", requested, data={"amount": 50000}),
    ]
    if paid is None:
        return line(received, status="awaiting_payment", events=events, **extra)
    events.append(ev("confirm_payment", paid, data={"amount": 50000}))
    if done is None:
        return line(received, status="processing", events=events, **extra)
    events += [ev("forward", paid, to_step="phe-duyet"), ev("approve", done, to_step="tra-ket-qua")]
    return line(received, status="result_ready", events=events, **extra)


def with_supplements(
    received: dt.datetime,
    rounds: list[tuple[dt.datetime, dt.datetime | None]],
    *,
    done: dt.datetime | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Supplement requests after appraisal: each round is (asked at appraisal, complete dossier
    back at the desk — None while waiting); approved at `done` when given."""
    events = [ev("forward", received + MINUTES_30, to_step="tham-dinh")]
    status = "processing"
    for asked, back in rounds:
        events.append(ev("request_supplement", asked, note="Giấy chứng sinh bị mờ"))
        status = "supplement_requested"
        if back is not None:
            events.append(ev("receive_supplement", back))
            status = "processing"
    if done is not None:
        events += [
            ev("forward", done, to_step="phe-duyet"),
            ev("approve", done, to_step="tra-ket-qua"),
        ]
        status = "result_ready"
    return line(received, status=status, events=events, **extra)


def inter(
    received: dt.datetime,
    police_from: dt.datetime,
    police_to: dt.datetime,
    done: dt.datetime,
    **extra: Any,
) -> dict[str, Any]:
    """The `inter` variant: appraisal at +30 min, the police step (4 h budget) from `police_from`
    to `police_to`, the leader approves at `done`."""
    events = [
        ev("forward", received + MINUTES_30, to_step="tham-dinh"),
        ev("forward", police_from, to_step="cong-an"),
        ev("forward", police_to, to_step="phe-duyet"),
        ev("approve", done, to_step="tra-ket-qua"),
    ]
    return line(received, status="result_ready", events=events, procedure=INTER,
                variant="lien-thong", **extra)  # fmt: skip


def with_apology(
    received: dt.datetime,
    approved: dt.datetime,
    new_due: dt.datetime,
    *,
    done: dt.datetime | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """An apology with a new appointment approved at `approved` (văn bản xin lỗi, hẹn lại);
    approved by the leader at `done` when given (else still at appraisal)."""
    events = [ev("forward", received + MINUTES_30, to_step="tham-dinh")]
    status = "processing"
    if done is not None:
        events += [
            ev("forward", done, to_step="phe-duyet"),
            ev("approve", done, to_step="tra-ket-qua"),
        ]
        status = "result_ready"
    apology = {"reason": "Chờ xác minh nơi sinh", "new_due_at": iso(new_due),
               "approved_at": iso(approved), "approved_by_name": "Hà Văn Sơn"}  # fmt: skip
    return line(received, status=status, events=events, apology=apology, **extra)


def import_lines(*lines: dict[str, Any]) -> list[Dossier]:
    """Import the lines (all must be accepted); the dossiers in reception order. The stored
    facts must equal a fresh computation afterwards."""
    report = dossier_import(
        lines=[json.dumps(item, ensure_ascii=False) + "\n" for item in lines],
        source_system="legacy",
        actor=None,
    )
    assert report.ok, report.problems
    assert facts_differing() == []
    return list(Dossier.objects.filter(code__in=report.created).order_by("received_at", "pk"))


@dataclass
class PoliceWorld:
    unit: Agency  # PC06, under Công an tỉnh
    desk: Desk
    residence: ProcedureVersion


def police_world(world: World) -> PoliceWorld:
    """A sub-unit under Công an tỉnh, the police desk receiving for both, and a procedure both
    carry out (same steps and components as the birth registration, field Cư trú)."""
    unit = agency_create(code=POLICE_UNIT, name="Phòng Cảnh sát quản lý hành chính",
                         level=AgencyLevel.BRANCH, parent=world.police, actor=None)  # fmt: skip
    desk = desk_create(code=POLICE_DESK, name="Bộ phận một cửa Công an tỉnh",
                       kind=DeskKind.AGENCY_DESK, host=world.police,
                       serves=[world.police, unit], actor=None)  # fmt: skip
    Field.objects.create(code="CT", name="Cư trú", name_en="Residence")
    spec = birth_registration(code=RESIDENCE, name="Thủ tục xác nhận thông tin về cư trú",
                              field_code="CT", levels=("province",),
                              executing_agency_codes=(POLICE, POLICE_UNIT))  # fmt: skip
    residence = procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=JULY, actor=None
    )
    return PoliceWorld(unit=unit, desk=desk, residence=residence)
