"""Checking the lines of an import file, each into the plan of the rows it will write."""

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils import timezone

from motcua.accounts.models import Agency, CitizenKind, Desk
from motcua.accounts.validators import parse_phone
from motcua.catalog.models import (
    ComponentRequirement,
)
from motcua.core.timezone import to_local
from motcua.dossiers.codes import parse_code
from motcua.dossiers.deadlines import Calendars
from motcua.dossiers.models import (
    Apology,
    Channel,
    Dossier,
    DossierEvent,
    DossierPause,
    DossierStatus,
)
from motcua.workflow.importing.catalog import Catalog, VariantInfo
from motcua.workflow.importing.reading import BATCH, ImportProblem, Line, max_length, parse_json
from motcua.workflow.importing.replay import ACTIONS, ApologyIn, EventIn, EventRow, Replay, VisitRow
from motcua.workflow.intake import (
    ApplicantInput,
    applicant_problems,
    rule_set_for,
)

# Statuses a dossier with a code can end in (submitted and refused-at-intake ones have no code).
IMPORTABLE_STATUSES = frozenset(DossierStatus) - {
    DossierStatus.SUBMITTED,
    DossierStatus.REFUSED_INTAKE,
}
_TOP_KEYS = frozenset(
    {
        "code", "procedure_code", "version_number", "variant_code", "channel", "desk_code",
        "agency_code", "applicant", "received_at", "clock_started_at", "components", "answers",
        "sets", "fees_due", "fees_paid", "status", "result", "returned", "finished_at",
        "logbook_serial", "events", "apology",
    }
)  # fmt: skip
_APPLICANT_KEYS = frozenset(
    {"kind", "name", "id_number", "address", "phone", "email", "submitter_name",
     "submitter_id_number"}
)  # fmt: skip
_COMPONENT_KEYS = frozenset(
    {"code", "originals", "copies", "electronic", "digitised", "reused", "from_store",
     "scan_exemption", "note"}
)  # fmt: skip
_EVENT_KEYS = frozenset(
    {"at", "action", "actor_name", "agency_code", "from_step", "to_step", "note", "data"}
)
_APOLOGY_KEYS = frozenset({"reason", "new_due_at", "approved_at", "approved_by_name", "number"})


@dataclass
class Plan:
    """The rows one valid line will write (the dossier unsaved, the others as light records)."""

    line: int
    dossier: Dossier
    components: list[dict[str, object]]  # the DossierComponent fields, component as its id
    visits: list[VisitRow]
    pauses: list[DossierPause]
    events: list[EventRow]
    apology: Apology | None
    receive_event: EventRow
    logbook_serial: int | None  # given in the file; None = allocate
    code_counter: tuple[str, int] | None  # a motcua-format code: (counter name, its sequence)


class Checker:
    """Checks the lines of one file from one source, collecting every problem in `problems`."""

    def __init__(self, source_system: str) -> None:
        self.source = source_system
        self.now = timezone.now()
        self.problems: list[ImportProblem] = []
        self.catalog = Catalog()
        self.calendars = Calendars()

    def check(self, lines: Iterable[str]) -> tuple[list["Plan"], list[str], int]:
        parsed: list[tuple[Line, dict[str, object]]] = []
        count = 0
        for number, raw in enumerate(lines, start=1):
            text = raw.strip()
            if not text:
                continue
            count += 1
            line = Line(number, self.problems, self.now)
            try:
                obj = parse_json(text)
            except ValueError as exc:
                detail = (
                    f"{exc.msg} (cột {exc.colno})"
                    if isinstance(exc, json.JSONDecodeError)
                    else str(exc)
                )
                line.fail("(dòng)", "json_invalid", f"Không phải JSON hợp lệ: {detail}.")
                continue
            if not isinstance(obj, dict):
                line.fail("(dòng)", "not_object", "Mỗi dòng phải là một đối tượng JSON {…}.")
                continue
            parsed.append((line, obj))

        codes = [obj["code"] for _, obj in parsed if isinstance(obj.get("code"), str)]
        existing: dict[str, str] = {}
        for start in range(0, len(codes), BATCH):
            rows = Dossier.objects.filter(code__in=codes[start : start + BATCH])
            for found, source in rows.values_list("code", "source_system"):
                existing[found or ""] = source
        plans: list[Plan] = []
        skipped: list[str] = []
        seen: dict[str, int] = {}
        for line, obj in parsed:
            code = self._code(line, obj, seen)
            if code is not None and code in existing:
                if existing[code] == self.source:
                    skipped.append(code)
                    continue  # imported before: kept as it is, not checked again
                line.fail(
                    "code",
                    "code_exists",
                    f"Mã hồ sơ «{code}» đã được nhập từ hệ thống «{existing[code]}»."
                    if existing[code]
                    else f"Mã hồ sơ «{code}» đã có trong motcua.",
                )
            # The rest of a line with a bad code is checked all the same (every problem at once).
            plan = self._plan(line, obj, code or "")
            if plan is not None and not line.has_failed():
                plans.append(plan)
        self._check_logbook(plans)
        return plans, skipped, count

    def _code(self, line: Line, obj: Mapping[str, object], seen: dict[str, int]) -> str | None:
        value = obj.get("code")
        if value is None or value == "":
            line.fail("code", "required", "Thiếu trường bắt buộc.")
            return None
        if not isinstance(value, str):
            line.fail("code", "type_invalid", "Phải là một chuỗi ký tự.")
            return None
        if value != value.strip() or len(value) > max_length(Dossier, "code"):
            line.fail("code", "code_invalid", f"«{value}» không phải mã hồ sơ hợp lệ.")
            return None
        if parse_code(value) is None:
            line.fail(
                "code",
                "code_invalid",
                f"«{value}» không phải mã hồ sơ theo TT 01/2018 hoặc TT 04/2025.",
            )
            return None
        if value in seen:
            line.fail("code", "code_duplicate", f"Mã hồ sơ trùng với dòng {seen[value]}.")
            return None
        seen[value] = line.number
        return value

    # -- one line -----------------------------------------------------------------------------

    def _plan(self, line: Line, obj: dict[str, object], code: str) -> Plan | None:
        line.keys(obj, _TOP_KEYS, "")
        received_at = line.instant(obj, "received_at", "received_at", required=True)
        channel = self._channel(line, obj)
        desk = self._desk(line, obj)
        variant = self._variant(line, obj, received_at)
        agency = self._competent(line, obj, variant, desk)
        status = self._status(line, obj)
        applicant = self._applicant(line, obj)
        events = self._events(line, obj)
        apology = self._apology(line, obj)
        clock_started_at = line.instant(obj, "clock_started_at", "clock_started_at")
        if clock_started_at and received_at and clock_started_at < received_at:
            line.fail(
                "clock_started_at",
                "clock_start_invalid",
                "Thời điểm bắt đầu tính thời hạn không được trước thời điểm tiếp nhận.",
            )
        sets = line.integer(obj, "sets", "sets", minimum=1, maximum=32767) or 1
        fees_due = line.amount(obj, "fees_due", "fees_due")
        fees_paid = line.amount(obj, "fees_paid", "fees_paid")
        answers = line.mapping(obj, "answers", "answers") or {}
        serial = line.integer(obj, "logbook_serial", "logbook_serial", minimum=1, maximum=2**31 - 1)
        components = (
            self._components(line, obj, variant, channel)
            if variant is not None and channel is not None
            else None
        )
        if (
            line.has_failed()
            or received_at is None
            or channel is None
            or desk is None
            or variant is None
            or agency is None
            or status is None
            or applicant is None
            or events is None
            or components is None
        ):
            return None

        day = to_local(received_at).date()
        phone = parse_phone(applicant.phone, allow_landline=True) if applicant.phone else None
        dossier = Dossier(
            code=code,
            reference=_reference(code),
            source_system=self.source,
            rule_set=rule_set_for(day),
            version=variant.variant.version,
            variant=variant.variant,
            channel=channel,
            desk=desk,
            receiving_agency=desk.host,
            agency=agency,
            applicant_kind=applicant.kind,
            applicant_name=applicant.name,
            applicant_id_number=applicant.id_number,
            applicant_address=applicant.address,
            submitter_name=applicant.submitter_name,
            submitter_id_number=applicant.submitter_id_number,
            phone=phone.number if phone is not None else "",
            phone_is_landline=phone.is_landline if phone is not None else False,
            email=applicant.email,
            answers=answers,
            sets=sets,
            limit_value=variant.variant.effective_limit,
            limit_unit=variant.variant.time_limit_unit,
            legal_limit_value=variant.variant.time_limit_value,
            logbook_year=day.year,
        )
        replay = Replay(
            self.source, self.calendars, line, dossier, variant, clock_started_at=clock_started_at
        )
        if not replay.run(events, apology):
            return None
        replay.finish(obj, status=status, received_at=received_at)
        if line.has_failed():
            return None
        if fees_due is not None:
            dossier.fees_due = fees_due
        if fees_paid is not None:
            dossier.fees_paid = fees_paid
        parsed_code = parse_code(code)
        assert parsed_code is not None
        assert replay.receive_event is not None
        return Plan(
            line=line.number,
            dossier=dossier,
            components=components,
            visits=replay.visits,
            pauses=replay.pauses,
            events=replay.events,
            apology=replay.apology,
            receive_event=replay.receive_event,
            logbook_serial=serial,
            code_counter=(
                (
                    f"code:{parsed_code.agency_code}:{parsed_code.day:%Y%m%d}",
                    parsed_code.sequence,
                )
                if not parsed_code.system
                else None
            ),
        )

    def _channel(self, line: Line, obj: Mapping[str, object]) -> Channel | None:
        value = line.text(obj, "channel", "channel", required=True)
        if value is None:
            return None
        if value not in Channel.values:
            line.fail(
                "channel",
                "channel_invalid",
                f"Kênh nộp «{value}» không hợp lệ (một trong: {', '.join(Channel.values)}).",
            )
            return None
        return Channel(value)

    def _desk(self, line: Line, obj: Mapping[str, object]) -> Desk | None:
        code = line.text(obj, "desk_code", "desk_code", required=True)
        if code is None:
            return None
        desk = self.catalog.desk(code)
        if desk is None:
            line.fail("desk_code", "desk_unknown", f"Không có bộ phận một cửa mã «{code}».")
        return desk

    def _variant(
        self, line: Line, obj: Mapping[str, object], received_at: dt.datetime | None
    ) -> VariantInfo | None:
        code = line.text(obj, "procedure_code", "procedure_code", required=True)
        number = line.integer(obj, "version_number", "version_number", minimum=1, maximum=2**31 - 1)
        if code is None or ("version_number" in obj and number is None):
            return None
        versions = self.catalog.versions(code)
        if not versions:
            line.fail(
                "procedure_code", "procedure_unknown", f"Không có thủ tục mã «{code}» đã công bố."
            )
            return None
        if number is not None:
            candidates = [v for v in versions if v.number == number]
            if not candidates:
                line.fail(
                    "version_number",
                    "version_unknown",
                    f"Thủ tục «{code}» không có phiên bản số {number} đã công bố.",
                )
                return None
        else:
            if received_at is None:
                return None
            day = to_local(received_at).date()
            candidates = [v for v in versions if v.is_public_on(day)]
            if not candidates:
                line.fail(
                    "procedure_code",
                    "procedure_not_in_force",
                    f"Không có phiên bản nào của thủ tục «{code}» có hiệu lực ngày "
                    f"{day:%d/%m/%Y}: ghi rõ version_number.",
                )
                return None
        if len(candidates) > 1:
            line.fail(
                "procedure_code",
                "procedure_ambiguous",
                f"Có nhiều thủ tục mang mã «{code}» (mã quốc gia và mã nội bộ).",
            )
            return None
        version = candidates[0]
        variants = list(version.variants.all())
        variant_code = line.text(obj, "variant_code", "variant_code")
        if variant_code is None:
            if len(variants) != 1:
                if "variant_code" not in obj:
                    line.fail(
                        "variant_code",
                        "variant_required",
                        "Thủ tục có nhiều trường hợp: phải ghi mã trường hợp ("
                        + ", ".join(v.code for v in variants)
                        + ").",
                    )
                return None
            return self.catalog.variant(variants[0])
        for variant in variants:
            if variant.code == variant_code:
                return self.catalog.variant(variant)
        line.fail(
            "variant_code",
            "variant_unknown",
            f"Phiên bản {version.number} của thủ tục «{code}» không có trường hợp "
            f"«{variant_code}».",
        )
        return None

    def _competent(
        self,
        line: Line,
        obj: Mapping[str, object],
        variant: VariantInfo | None,
        desk: Desk | None,
    ) -> Agency | None:
        """The competent agency, as `workflow.intake._competent_agency` chooses it."""
        code = line.text(obj, "agency_code", "agency_code")
        agency = None
        if code is not None:
            agency = self.catalog.agency(code)
            if agency is None:
                line.fail("agency_code", "agency_unknown", f"Không có cơ quan mã «{code}».")
                return None
        if variant is None or desk is None:
            return None
        executing = list(variant.variant.version.executing_agencies.all())
        if agency is not None:
            if executing and agency not in executing:
                line.fail(
                    "agency_code",
                    "agency_not_competent",
                    f"{agency.name} không phải cơ quan thực hiện thủ tục này.",
                )
                return None
            return agency
        served = self.catalog.served_by(desk)
        candidates = [a for a in executing if a.pk in served]
        if len(candidates) == 1:
            return candidates[0]
        line.fail(
            "agency_code",
            "agency_required",
            "Phải ghi mã cơ quan giải quyết hồ sơ (không suy ra được từ bộ phận một cửa).",
        )
        return None

    def _status(self, line: Line, obj: Mapping[str, object]) -> DossierStatus | None:
        value = line.text(obj, "status", "status", required=True)
        if value is None:
            return None
        if value not in DossierStatus.values or DossierStatus(value) not in IMPORTABLE_STATUSES:
            line.fail(
                "status",
                "status_invalid",
                f"Trạng thái «{value}» không hợp lệ cho hồ sơ đã tiếp nhận (một trong: "
                + ", ".join(s.value for s in DossierStatus if s in IMPORTABLE_STATUSES)
                + ").",
            )
            return None
        return DossierStatus(value)

    def _applicant(self, line: Line, obj: Mapping[str, object]) -> ApplicantInput | None:
        data = line.mapping(obj, "applicant", "applicant", required=True)
        if data is None:
            return None
        line.keys(data, _APPLICANT_KEYS, "applicant.")
        values = {
            key: line.text(data, key, f"applicant.{key}", max_length=length) or ""
            for key, length in (
                ("name", 255), ("kind", 16), ("id_number", 16), ("address", 500),
                ("phone", 16), ("email", 254), ("submitter_name", 255),
                ("submitter_id_number", 16),
            )
        }  # fmt: skip
        applicant = ApplicantInput(
            name=values["name"],
            kind=values["kind"] or CitizenKind.INDIVIDUAL,
            id_number=values["id_number"],
            address=values["address"],
            phone=values["phone"],
            email=values["email"],
            submitter_name=values["submitter_name"],
            submitter_id_number=values["submitter_id_number"],
        )
        for path, message in applicant_problems(applicant, require_contact=False).items():
            line.fail(path, "applicant_invalid", message)
        return applicant

    def _components(
        self,
        line: Line,
        obj: Mapping[str, object],
        variant: VariantInfo,
        channel: Channel,
    ) -> list[dict[str, object]] | None:
        """The fields of a DossierComponent row for every component of the variant."""
        items = line.items(obj, "components", "components", required=True)
        if items is None:
            return None
        known = {c.code: c for c in variant.components}
        given: dict[str, dict[str, object]] = {}
        ok = True
        for i, item in enumerate(items):
            path = f"components[{i}]"
            line.keys(item, _COMPONENT_KEYS, f"{path}.")
            code = line.text(item, "code", f"{path}.code", required=True)
            row: dict[str, object] = {
                "originals": line.integer(item, "originals", f"{path}.originals",
                                          minimum=0, maximum=32767) or 0,
                "copies": line.integer(item, "copies", f"{path}.copies",
                                       minimum=0, maximum=32767) or 0,
                "electronic": line.boolean(item, "electronic", f"{path}.electronic"),
                "digitised": bool(line.boolean(item, "digitised", f"{path}.digitised")),
                "reused": bool(line.boolean(item, "reused", f"{path}.reused")),
                "from_store": bool(line.boolean(item, "from_store", f"{path}.from_store")),
                "scan_exemption": line.text(item, "scan_exemption", f"{path}.scan_exemption",
                                            max_length=255) or "",
                "note": line.text(item, "note", f"{path}.note", max_length=500) or "",
            }  # fmt: skip
            if row["electronic"] is None:
                row["electronic"] = channel == Channel.ONLINE
            if code is None:
                ok = False
            elif code not in known:
                line.fail(
                    f"{path}.code",
                    "component_unknown",
                    f"«{code}» không phải thành phần hồ sơ của trường hợp «{variant.variant.code}».",
                )
                ok = False
            elif code in given:
                line.fail(f"{path}.code", "component_duplicate", "Thành phần được khai hai lần.")
                ok = False
            else:
                given[code] = row
        if not ok:
            return None
        missing = [
            c.name
            for c in variant.components
            if c.requirement == ComponentRequirement.REQUIRED and not _handed_in(given.get(c.code))
        ]
        if missing:
            line.fail(
                "components",
                "component_missing",
                "Hồ sơ đã tiếp nhận phải có đủ thành phần bắt buộc. Còn thiếu: "
                + "; ".join(missing)
                + ".",
            )
            return None
        rows: list[dict[str, object]] = []
        for component in variant.components:
            row = given.get(component.code) or {
                "originals": 0, "copies": 0, "electronic": False, "digitised": False,
                "reused": False, "from_store": False, "scan_exemption": "", "note": "",
            }  # fmt: skip
            rows.append({"component_id": component.pk, **row})
        return rows

    def _events(self, line: Line, obj: Mapping[str, object]) -> list[EventIn] | None:
        items = line.items(obj, "events", "events", required=True)
        if items is None:
            return None
        if not items:
            line.fail("events", "required", "Phải có ít nhất sự kiện tiếp nhận (receive).")
            return None
        events: list[EventIn] = []
        ok = True
        previous: dt.datetime | None = None
        for i, item in enumerate(items):
            path = f"events[{i}]"
            line.keys(item, _EVENT_KEYS, f"{path}.")
            at = line.instant(item, "at", f"{path}.at", required=True)
            action = line.text(item, "action", f"{path}.action", required=True)
            if action is not None and action not in ACTIONS:
                line.fail(
                    f"{path}.action",
                    "action_unknown",
                    f"Hành động «{action}» không có trong quy trình (xem docs/dossier-import.md).",
                )
                action = None
            agency = None
            agency_code = line.text(item, "agency_code", f"{path}.agency_code")
            if agency_code is not None:
                agency = self.catalog.agency(agency_code)
                if agency is None:
                    line.fail(
                        f"{path}.agency_code",
                        "agency_unknown",
                        f"Không có cơ quan mã «{agency_code}».",
                    )
                    ok = False
            actor_name = line.text(
                item,
                "actor_name",
                f"{path}.actor_name",
                max_length=max_length(DossierEvent, "actor_name"),
            )
            from_step = line.text(item, "from_step", f"{path}.from_step")
            to_step = line.text(item, "to_step", f"{path}.to_step")
            note = line.text(item, "note", f"{path}.note") or ""
            data = line.mapping(item, "data", f"{path}.data")
            if at is not None and previous is not None and at < previous:
                line.fail(
                    f"{path}.at",
                    "event_order",
                    "Các sự kiện phải theo thứ tự thời gian: sự kiện này trước sự kiện liền trước.",
                )
                ok = False
            if at is None or action is None or ("data" in item and data is None):
                ok = False
                continue
            previous = at
            events.append(
                EventIn(
                    path=path,
                    at=at,
                    action=action,
                    actor_name=actor_name or "",
                    agency=agency,
                    from_step=from_step,
                    to_step=to_step,
                    note=note,
                    data=dict(data or {}),
                )
            )
        return events if ok else None

    def _apology(self, line: Line, obj: Mapping[str, object]) -> ApologyIn | None:
        data = line.mapping(obj, "apology", "apology")
        if data is None:
            return None
        line.keys(data, _APOLOGY_KEYS, "apology.")
        reason = line.text(data, "reason", "apology.reason", required=True)
        new_due_at = self._new_due(line, data)
        approved_at = line.instant(data, "approved_at", "apology.approved_at", required=True)
        name = line.text(data, "approved_by_name", "apology.approved_by_name", max_length=255)
        number = line.text(data, "number", "apology.number", max_length=32)
        if reason is None or new_due_at is None or approved_at is None:
            return None
        return ApologyIn(reason, new_due_at, approved_at, name or "", number or "")

    def _new_due(self, line: Line, data: Mapping[str, object]) -> dt.datetime | None:
        # The new appointment may lie in the future: read it without the "not in the future" rule.
        raw = line.text(data, "new_due_at", "apology.new_due_at", required=True)
        if raw is None:
            return None
        try:
            value = dt.datetime.fromisoformat(raw)
        except ValueError:
            line.fail(
                "apology.new_due_at", "datetime_invalid", f"«{raw}» không phải thời điểm ISO 8601."
            )
            return None
        if value.tzinfo is None:
            line.fail(
                "apology.new_due_at", "datetime_naive", f"«{raw}» thiếu múi giờ (ví dụ +07:00)."
            )
            return None
        return value

    # -- logbook ------------------------------------------------------------------------------

    def _check_logbook(self, plans: Sequence[Plan]) -> None:
        """Serials given in the file must be free in the desk's logbook of that year."""
        wanted: dict[tuple[int, int], dict[int, Plan]] = defaultdict(dict)
        for plan in plans:
            if plan.logbook_serial is None:
                continue
            key = (plan.dossier.desk.pk, plan.dossier.logbook_year or 0)
            other = wanted[key].get(plan.logbook_serial)
            if other is not None:
                self.problems.append(
                    ImportProblem(
                        plan.line,
                        "logbook_serial",
                        "logbook_serial_taken",
                        f"Số thứ tự {plan.logbook_serial} trùng với dòng {other.line}.",
                    )
                )
                continue
            wanted[key][plan.logbook_serial] = plan
        for (desk_id, year), by_serial in wanted.items():
            serials = list(by_serial)
            for start in range(0, len(serials), BATCH):
                taken = Dossier.objects.filter(
                    desk_id=desk_id,
                    logbook_year=year,
                    logbook_serial__in=serials[start : start + BATCH],
                ).values_list("logbook_serial", flat=True)
                for serial in taken:
                    assert serial is not None
                    self.problems.append(
                        ImportProblem(
                            by_serial[serial].line,
                            "logbook_serial",
                            "logbook_serial_taken",
                            f"Số thứ tự {serial} của sổ theo dõi năm {year} đã được dùng.",
                        )
                    )


def _handed_in(row: Mapping[str, object] | None) -> bool:
    if row is None:
        return False
    return bool(row["originals"] or row["copies"] or row["electronic"] or row["reused"])


def _reference(code: str) -> str:
    """The reference of an imported dossier: "NK-" and its code (hashed when too long)."""
    reference = f"NK-{code}"
    limit = max_length(Dossier, "reference")
    if len(reference) > limit:
        reference = "NK-" + hashlib.sha256(code.encode()).hexdigest()[: limit - 3]
    return reference
