"""Synthetic dossier histories at province scale (`python manage.py generate_dossiers`), for the
benchmarks of the reports, the queues and the public look-up (bench/reports.py).

The generator plays whole histories on the agencies, desks, procedures (published versions, case
variants and their pinned processes) and staff the database already holds — the demo province of
`seed_demo` is the usual base — over several years ending on a given day:

- receptions at the counter, by post and online (submitted, then accepted), online growing over the
  years; a few refused at intake; online submissions not yet accepted at the end;
- each dossier walks its variant's process from reception to the return step, with step
  durations drawn against the time limit: most early, some on time, some late (more in a few
  "late units"), a few stuck for months; handlers are the staff holding the step's role;
- supplement requests (the clock stops, then restarts from zero; rarely a second request),
  financial obligations (the clock stops), inter-agency hand-offs where a variant has them (late
  ones mostly by the partner), send-backs, apologies approved by a leader (some late, some after
  the due), withdrawals (stopped, or refused), stops by decision, refused results;
- results returned at the counter, by post or electronically; a few never collected;
- the history is cut at the end instant: what was still open then stays open.

The rows are the ones the workflow services write (`motcua.workflow.intake`, `actions`,
`apologies`, `core.record`): `Dossier` (codes as `motcua.dossiers.codes.format_code`, logbook
serials per desk and year, submission references, rule set by reception date, limit, clock
starts, result and return fields, the sweep index), `DossierComponent`, `StepVisit` (budget, and
the working time used from the visit's agency calendar with pauses excluded), `DossierPause`,
`DossierEvent` (sequence 1..n, statuses, steps, the closed visit's budget and time used, the
data keys the services write), `Apology`, and `DossierFact` — computed here from what the
generator already knows, with the same calendar engine and the same rules as
`motcua.reports.facts.fact_compute` (tests/reports/test_synthetic.py proves them equal with
`facts_differing`, and replays generated dossiers through the historic import). The number
counters (codes, serials, references, form numbers) are raised past what is generated.

Not generated: files (no scans, no result files: as the historic import), notifications, e-form
answers (`{}`), citizen accounts (online applicants are named but have no account), the sweep's
apology drafts and alerts. Staff memberships are used whatever their start date.

Rows are written in batches of whole days, each batch in one transaction: PostgreSQL through
`COPY … FROM STDIN` (psycopg's `cursor.copy()`), other databases through `bulk_create`.
Deterministic: the same database, count, seed, years and end day give the same rows.
"""

import datetime as dt
import random
import threading
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from queue import Queue
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from motcua.accounts.models import Agency, Desk, Membership, Role, UserKind
from motcua.calendar.engine import Pause, TimeUnit, WorkingCalendar, clock_start
from motcua.calendar.selectors import calendar_for_agency, paper_cutoff
from motcua.catalog.models import (
    CaseVariant,
    ComponentRequirement,
    ProcedureVersion,
    ProcessStep,
    StepKind,
    VersionStatus,
)
from motcua.core.errors import DomainError
from motcua.core.timezone import local_datetime, to_local
from motcua.demo.dossier_content import (
    FAMILY_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    HAMLETS,
    ID_PROVINCES,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    MOBILE_PREFIXES,
    ORGANISATION_NAMES,
    tax_code_make,
)
from motcua.dossiers.codes import format_code
from motcua.dossiers.deadlines import DueFunction, due_soon_threshold
from motcua.dossiers.models import (
    OPEN_STATUSES,
    Apology,
    ApologyStatus,
    Channel,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierPause,
    DossierStatus,
    PauseKind,
    ResultKind,
    ReturnMethod,
    RuleSet,
    SequenceCounter,
    StepVisit,
    hours,
)
from motcua.reports.models import DossierFact, EndKind, Judgement
from motcua.workflow.intake import cutoff_defers_clock, rule_set_for
from motcua.workflow.transitions import Action

S = DossierStatus
R = ReturnMethod
ZERO = dt.timedelta(0)
MINUTE = 60
HOUR = 3600
HOUR_TD = dt.timedelta(hours=1)
WORK_DAY = 8 * HOUR
DEFAULT_BATCH = 10_000

# --- The mix (shares of dossiers; the generator draws each dossier's story from these) ------------

INTAKE_REFUSED = 0.015  # refused at the counter, or an online submission refused
ONLINE_SHARE = (0.22, 0.55)  # share of online receptions in the first and the last year
POSTAL_SHARE = 0.06
SUPPLEMENT = 0.08
SECOND_SUPPLEMENT = 0.05  # of the dossiers with a supplement request
SUPPLEMENT_ABANDONED = 0.04  # of the supplement requests: never completed, processing stopped
PAYMENT = 0.04
SEND_BACK = 0.04
WITHDRAWAL = 0.01
WITHDRAWAL_REFUSED = 0.15  # of the withdrawal requests
STOP_BY_DECISION = 0.003
REFUSED_RESULT = 0.02
LATE = 0.05
LATE_IN_LATE_UNIT = 0.25  # the late rate of the few "late units"
LATE_UNITS = 0.1  # share of the agencies that are late units (at least one)
ON_TIME = 0.14
STUCK = 0.003  # finished months late, or still open at the end
APOLOGY = 0.45  # of the late dossiers
NOT_COLLECTED = 0.02  # results never collected

REASONS_SUPPLEMENT = (
    "Thiếu bản sao giấy tờ chứng minh nhân thân.",
    "Tờ khai chưa ghi đầy đủ thông tin.",
    "Giấy tờ đã hết hạn, đề nghị bổ sung bản còn hiệu lực.",
    "Bản chụp không rõ, đề nghị nộp bản sao có chứng thực.",
)
REASONS_SEND_BACK = ("Cần thẩm định lại hồ sơ.", "Bổ sung ý kiến thẩm định.")
REASONS_REFUSAL = ("Không đủ điều kiện theo quy định.", "Đối tượng không thuộc phạm vi giải quyết.")
REASONS_INTAKE = ("Hồ sơ không thuộc thẩm quyền giải quyết.", "Thiếu thành phần hồ sơ bắt buộc.")
REASONS_WITHDRAWAL = ("Không còn nhu cầu giải quyết.", "Nộp nhầm thủ tục.")
REASONS_APOLOGY = (
    "Hồ sơ cần xác minh thêm với cơ quan liên quan.",
    "Số lượng hồ sơ tiếp nhận tăng đột biến.",
)
LEGAL_GROUND = "Người nộp không bổ sung hồ sơ trong thời hạn (NĐ 61/2018, Điều 19)."


class SyntheticWorldMissing(DomainError):
    """Nothing to generate on: no published procedure that a one-stop desk receives."""

    code = "synthetic_world_missing"


# --- The world: who can receive what, and who acts where ------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    """Who acts: a staff account (id) or, where the database has none, a named stand-in."""

    id: int | None
    name: str
    username: str = ""


@dataclass(slots=True)
class StepInfo:
    id: int
    kind: str
    role: str
    budget_hours: Decimal
    budget: dt.timedelta  # as the deadline engine reads `budget_hours`
    agency: Agency
    agency_id: int
    calendar: WorkingCalendar
    people: tuple[Person, ...]
    back_index: int | None = None  # an earlier step of the path it may send back to


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    id: int
    code: str
    name: str
    required: bool
    originals: int
    copies: int


@dataclass(slots=True)
class Route:
    """A way a dossier goes: a case variant received at a desk for a competent agency, along one
    path of its process from the reception step to the return step. Plain values, read for every
    dossier."""

    version: ProcedureVersion
    variant_id: int
    desk_id: int
    desk_code: str
    agency: Agency  # competent
    receiving: Agency  # the desk's host
    calendar: WorkingCalendar  # the receiving agency's: the legal clock's
    limit: Decimal  # the variant's effective limit (committed if set)
    legal_limit: Decimal
    unit: TimeUnit
    steps: tuple[StepInfo, ...]
    components: tuple[ComponentInfo, ...]
    fees: Decimal
    online: bool
    postal: bool
    defers_clock: bool
    officers: tuple[Person, ...]  # desk officers
    leaders: tuple[Person, ...]  # leaders of the competent agency
    late_rate: float
    partner: bool  # the path hands the dossier to another agency
    eligible_from: dt.date
    eligible_to: dt.date | None
    address: str  # where applicants live (the commune of the desk or the agency, if one)
    refusal_agency: Agency  # the agency a refusal at the counter is recorded for
    weight: float = 0.0  # how often it is taken (the procedure's popularity, shared)


@dataclass
class World:
    routes: list[Route]
    late_units: frozenset[int]
    reference_calendar: WorkingCalendar
    # Day ranges over which the same routes are eligible: (from, to, routes, cumulative weights).
    segments: list[tuple[dt.date, dt.date | None, list[Route], list[float]]] = field(
        default_factory=list
    )


def _pseudo_people(rng: random.Random, count: int = 3) -> tuple[Person, ...]:
    return tuple(Person(None, _person_name(rng, rng.random() < 0.5)) for _ in range(count))


def _person_name(rng: random.Random, male: bool) -> str:
    middle = MIDDLE_MALE if male else MIDDLE_FEMALE
    given = GIVEN_MALE if male else GIVEN_FEMALE
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(middle)} {rng.choice(given)}"


def _paths(steps: Sequence[ProcessStep]) -> list[tuple[ProcessStep, ...]]:
    """The paths from the reception step to a return step along the forward links: the agency's
    own way, and (when there is one) the way through an inter-agency hand-off."""
    ordered = sorted(steps, key=lambda s: s.position)
    if not ordered:
        return []
    by_pk = {s.pk: s for s in ordered}
    first = next((s for s in ordered if s.kind == StepKind.RECEPTION), ordered[0])
    found: list[tuple[ProcessStep, ...]] = []
    for prefer_partner in (False, True):
        current, path = first, [first]
        while current.kind != StepKind.RETURN:
            options = sorted(
                (by_pk[t.pk] for t in current.forward_to.all() if t.pk in by_pk),
                key=lambda s: s.position,
            )
            partner = [s for s in options if s.kind == StepKind.INTER_AGENCY]
            own = [s for s in options if s.kind != StepKind.INTER_AGENCY]
            choices = (partner or own) if prefer_partner else (own or partner)
            if not choices or choices[0] in path:
                break
            current = choices[0]
            path.append(current)
        if current.kind != StepKind.RETURN or len(path) < 2:
            continue
        if prefer_partner and not any(s.kind == StepKind.INTER_AGENCY for s in path):
            continue
        if tuple(path) not in found:
            found.append(tuple(path))
    return found


class _Staff:
    """Who acts where: staff accounts by (role, agency) and desk officers by desk, or named
    stand-ins where the database has nobody (drawn once per place, from the seed)."""

    def __init__(self, rng: random.Random, on: dt.date) -> None:
        self.rng = rng
        self.by_role: dict[tuple[str, int], list[Person]] = defaultdict(list)
        self.by_desk: dict[int, list[Person]] = defaultdict(list)
        self.stand_ins: dict[tuple[str, int], tuple[Person, ...]] = {}
        active = Q(valid_to__isnull=True) | Q(valid_to__gt=on)
        memberships = (
            Membership.objects.filter(active, user__is_active=True, user__kind=UserKind.STAFF)
            .select_related("user")
            .order_by("user__username", "pk")
        )
        for m in memberships:
            person = Person(m.user.pk, m.user.full_name or m.user.username, m.user.username)
            if m.role == Role.DESK_OFFICER and m.desk_id is not None:
                self.by_desk[m.desk_id].append(person)
            else:
                self.by_role[(m.role, m.agency_id)].append(person)

    def people(self, role: str, agency_id: int, desk_id: int | None = None) -> tuple[Person, ...]:
        if desk_id is not None:
            real, key = self.by_desk.get(desk_id, []), ("desk", desk_id)
        else:
            real, key = self.by_role.get((role, agency_id), []), (role, agency_id)
        if real:
            return tuple(real)
        if key not in self.stand_ins:
            self.stand_ins[key] = _pseudo_people(random.Random(f"{self.rng.random()}:{key}"))
        return self.stand_ins[key]


class _Calendars:
    """Each agency's working calendar, one shared object per distinct calendar (so that their
    caches of days and months serve every agency with the same calendar)."""

    def __init__(self) -> None:
        self.by_agency: dict[int, WorkingCalendar] = {}
        self.shared: dict[str, WorkingCalendar] = {}

    def __call__(self, agency: Agency) -> WorkingCalendar:
        if agency.pk not in self.by_agency:
            calendar = calendar_for_agency(agency)
            key = repr((calendar.schedules, sorted(calendar.overrides.items())))
            self.by_agency[agency.pk] = self.shared.setdefault(key, calendar)
        return self.by_agency[agency.pk]


def world_load(*, rng: random.Random, on: dt.date) -> World:
    """Every route the database allows, with the staff (or stand-ins) who act at each step."""
    active = Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    desks = list(
        Desk.objects.filter(active)
        .select_related("host")
        .prefetch_related("serves")
        .order_by("code")
    )
    served = {desk.pk: {a.pk for a in desk.serves.all()} | {desk.host_id} for desk in desks}
    staff = _Staff(rng, on)
    steps = ProcessStep.objects.select_related("agency").prefetch_related(
        "forward_to", "send_back_to"
    )
    versions = list(
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("procedure")
        .prefetch_related(
            "executing_agencies",
            Prefetch(
                "variants",
                queryset=CaseVariant.objects.prefetch_related(
                    "components", "fees", Prefetch("steps", queryset=steps)
                ),
            ),
        )
        .order_by("procedure__code", "number")
    )
    calendar = _Calendars()
    executing = {v.pk: sorted(v.executing_agencies.all(), key=lambda a: a.code) for v in versions}
    agencies = sorted(
        {a.pk: a for found in executing.values() for a in found}.values(), key=lambda a: a.code
    )
    late_count = max(1, round(len(agencies) * LATE_UNITS)) if agencies else 0
    late_units = frozenset(a.pk for a in rng.sample(agencies, late_count))
    first_version: dict[int, int] = {}
    for version in versions:
        first_version.setdefault(version.procedure_id, version.pk)
    # Popularity: a Zipf law over the procedures in a seeded order.
    codes = sorted({v.procedure.code for v in versions})
    rng.shuffle(codes)
    popularity = {code: 1 / (rank + 1) ** 0.9 for rank, code in enumerate(codes)}

    routes: list[Route] = []
    for version in versions:
        # Before the catalog held it, a procedure's first version stands for its history.
        eligible_from = (
            dt.date.min
            if first_version[version.procedure_id] == version.pk
            else version.valid_from or dt.date.min
        )
        for_version: list[Route] = []
        for variant in version.variants.all():
            components = tuple(
                ComponentInfo(
                    c.pk,
                    c.code,
                    c.name,
                    c.requirement == ComponentRequirement.REQUIRED,
                    c.originals,
                    c.copies,
                )
                for c in sorted(variant.components.all(), key=lambda c: (c.position, c.pk))
            )
            fees = sum((f.amount for f in variant.fees.all()), Decimal(0))
            defers = cutoff_defers_clock(variant)
            for path in _paths(list(variant.steps.all())):
                for desk in desks:
                    competent = [a for a in executing[version.pk] if a.pk in served[desk.pk]]
                    for agency in competent:
                        host = desk.host
                        infos = []
                        for step in path:
                            acting = _step_agency(step, host, agency)
                            at_desk = step.role == Role.DESK_OFFICER
                            infos.append(
                                StepInfo(
                                    id=step.pk,
                                    kind=step.kind,
                                    role=step.role,
                                    budget_hours=step.budget_hours,
                                    budget=dt.timedelta(seconds=int(step.budget_hours * 3600)),
                                    agency=acting,
                                    agency_id=acting.pk,
                                    calendar=calendar(acting),
                                    people=staff.people(
                                        step.role, acting.pk, desk.pk if at_desk else None
                                    ),
                                )
                            )
                        for index, step in enumerate(path):
                            targets = {t.pk for t in step.send_back_to.all()}
                            earlier = [i for i in range(index) if path[i].pk in targets]
                            if earlier and step.kind != StepKind.RETURN:
                                infos[index].back_index = earlier[-1]
                        place = host if host.name.startswith("UBND ") else agency
                        for_version.append(
                            Route(
                                version=version,
                                variant_id=variant.pk,
                                desk_id=desk.pk,
                                desk_code=desk.code,
                                agency=agency,
                                receiving=host,
                                calendar=calendar(host),
                                limit=variant.effective_limit,
                                legal_limit=variant.time_limit_value,
                                unit=TimeUnit(variant.time_limit_unit),
                                steps=tuple(infos),
                                components=components,
                                fees=fees,
                                online=version.accepts_online_submission,
                                postal=version.method_postal or version.postal_intake,
                                defers_clock=defers,
                                officers=staff.people(Role.DESK_OFFICER, host.pk, desk.pk),
                                leaders=staff.people(Role.LEADER, agency.pk),
                                late_rate=LATE_IN_LATE_UNIT if agency.pk in late_units else LATE,
                                partner=any(s.kind == StepKind.INTER_AGENCY for s in path),
                                eligible_from=eligible_from,
                                eligible_to=version.valid_to,
                                address=place.name.removeprefix("UBND ")
                                if place.name.startswith("UBND ")
                                else "",
                                refusal_agency=competent[0] if len(competent) == 1 else host,
                            )
                        )
        for route in for_version:
            route.weight = popularity[version.procedure.code] / len(for_version)
            routes.append(route)
    if not routes:
        raise SyntheticWorldMissing(
            "Không có thủ tục nào đã công bố được một bộ phận một cửa tiếp nhận (cần phiên bản "
            "đã công bố có quy trình từ bước tiếp nhận đến bước trả kết quả và cơ quan thực hiện "
            "do một bộ phận một cửa phục vụ). Hãy chạy `python manage.py seed_demo` trước."
        )
    world = World(routes, late_units, routes[0].calendar)
    world.segments = _segments(routes)
    return world


def _step_agency(step: ProcessStep, receiving: Agency, competent: Agency) -> Agency:
    """As `motcua.workflow.policies.step_agency`."""
    if step.agency_id is not None:
        assert step.agency is not None
        return step.agency
    if step.role == Role.DESK_OFFICER:
        return receiving
    return competent


def _segments(
    routes: Sequence[Route],
) -> list[tuple[dt.date, dt.date | None, list[Route], list[float]]]:
    bounds = sorted(
        {dt.date.min}
        | {r.eligible_from for r in routes}
        | {r.eligible_to for r in routes if r.eligible_to is not None}
    )
    segments = []
    for n, start in enumerate(bounds):
        stop = bounds[n + 1] if n + 1 < len(bounds) else None
        eligible = [
            r
            for r in routes
            if r.eligible_from <= start and (r.eligible_to is None or start < r.eligible_to)
        ]
        if eligible:
            segments.append((start, stop, eligible, list(accumulate(r.weight for r in eligible))))
    return segments


# --- Numbers --------------------------------------------------------------------------------------


class Counters:
    """The sequence counters (codes, logbook serials, references, form numbers) as the services
    allocate them, held in memory and raised in the database after each batch."""

    def __init__(self) -> None:
        self.values: dict[str, int] = dict(SequenceCounter.objects.values_list("name", "value"))
        self.touched: set[str] = set()

    def next(self, name: str) -> int:
        value = self.values.get(name, 0) + 1
        self.values[name] = value
        self.touched.add(name)
        return value

    def form_number(self, agency_code: str, form: str, year: int) -> str:
        return f"{self.next(f'form:{agency_code}:{form}:{year}')}/{year}"

    def take(self) -> dict[str, int]:
        """The values of the counters moved since the last call (to raise in the database)."""
        taken = {name: self.values[name] for name in self.touched}
        self.touched = set()
        return taken


# --- Rows -----------------------------------------------------------------------------------------

DOSSIER_COLUMNS = (
    "id", "code", "reference", "source_system", "rule_set", "version_id", "variant_id",
    "channel", "desk_id", "receiving_agency_id", "agency_id", "status",
    "status_before_withdrawal", "current_step_id", "current_agency_id", "handler_id",
    "applicant_kind", "applicant_name", "applicant_id_number", "applicant_address",
    "applicant_account_id", "submitter_name", "submitter_id_number", "phone",
    "phone_is_landline", "email", "answers", "sets", "fees_due", "fees_paid", "paid_online",
    "submitted_at", "received_at", "received_by_id", "clock_started_at",
    "first_clock_started_at", "handover_at", "limit_value", "limit_unit", "legal_limit_value",
    "rescheduled_due_at", "supplement_count", "finished_at", "sweep_at", "result_kind",
    "result_number", "result_summary", "returned_at", "return_method", "return_tracking_number",
    "returned_to_name", "returned_to_id_number", "logbook_year", "logbook_serial", "created_at",
    "updated_at",
)  # fmt: skip
COMPONENT_COLUMNS = (
    "dossier_id", "component_id", "originals", "copies", "electronic", "digitised", "reused",
    "from_store", "scan_exemption", "note",
)  # fmt: skip
VISIT_COLUMNS = (
    "dossier_id", "step_id", "agency_id", "role", "handler_id", "budget_hours", "started_at",
    "ended_at", "used_hours", "ended_by_action",
)  # fmt: skip
PAUSE_COLUMNS = (
    "dossier_id", "kind", "reason", "started_at", "ended_at", "started_by_id", "ended_by_id",
)  # fmt: skip
EVENT_COLUMNS = (
    "dossier_id", "sequence", "occurred_at", "actor_id", "actor_name", "agency_id", "action",
    "from_status", "to_status", "from_step_id", "to_step_id", "step_budget_hours",
    "step_used_hours", "note", "data",
)  # fmt: skip
APOLOGY_COLUMNS = (
    "dossier_id", "status", "reason", "new_due_at", "original_due_at", "opened_by_sweep",
    "drafted_by_id", "submitted_at", "decided_by_id", "decided_at", "decision_note", "late",
    "number", "created_at",
)  # fmt: skip
FACT_COLUMNS = (
    "dossier_id", "agency_id", "receiving_agency_id", "desk_id", "procedure_id", "version_id",
    "field_id", "channel", "online_level", "four_at_desk", "inter_agency", "submitted_at",
    "received_at", "refused_intake_at", "limit_hours", "due_at", "soon_at", "due_766_at",
    "paused_since", "finished_at", "end_kind", "timeliness", "timeliness_766", "elapsed_hours",
    "returned_at", "return_method", "settled_at", "supplement_count", "first_supplement_at",
    "apology_at", "apology_late", "lacks_apology", "agencies_late", "agencies_all_early",
    "e_result", "digitised", "reused", "from_store", "vneid", "has_fees", "paid_online",
    "refreshed_at",
)  # fmt: skip

Row = tuple[Any, ...]
TABLES: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (Dossier, DOSSIER_COLUMNS),
    (DossierComponent, COMPONENT_COLUMNS),
    (StepVisit, VISIT_COLUMNS),
    (DossierPause, PAUSE_COLUMNS),
    (DossierEvent, EVENT_COLUMNS),
    (Apology, APOLOGY_COLUMNS),
    (DossierFact, FACT_COLUMNS),
)


@dataclass
class Batch:
    """The rows of one batch, by table (in TABLES order)."""

    rows: dict[type[models.Model], list[Row]] = field(
        default_factory=lambda: {model: [] for model, _ in TABLES}
    )
    dossiers: int = 0


# --- One dossier's history --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applicant:
    kind: str
    name: str
    id_number: str
    address: str
    phone: str
    email: str
    submitter_name: str = ""
    submitter_id_number: str = ""


NOBODY = Applicant("individual", "", "", "", "", "")


@dataclass(slots=True)
class Visit:
    step: StepInfo
    handler: Person | None
    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    used_hours: Decimal | None = None
    ended_by_action: str = ""


@dataclass(slots=True)
class PauseRow:
    kind: str
    reason: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    started_by: int | None
    ended_by: int | None = None


@dataclass(slots=True)
class ApologyRow:
    status: str
    reason: str
    new_due_at: dt.datetime
    original_due_at: dt.datetime
    drafted_by: int | None
    created_at: dt.datetime
    submitted_at: dt.datetime | None = None
    decided_by: int | None = None
    decided_at: dt.datetime | None = None
    late: bool = False
    number: str = ""


class Truncated(Exception):
    """The next event would happen at or after the end of the history."""


class History:
    """One dossier played as the workflow services would play it, event by event, until it
    finishes or the history ends (`Truncated`): the same statuses, steps, visits, pauses, clocks
    and event data as `motcua.workflow` writes."""

    def __init__(self, gen: "Generator", route: Route, dossier_id: int, channel: Channel) -> None:
        self.gen = gen
        self.route = route
        self.agency = route.agency  # the competent agency
        self.id = dossier_id
        self.channel = channel
        self.paper = channel != Channel.ONLINE
        self.status = ""
        self.step: StepInfo | None = None
        self.handler: Person | None = None
        self.visits: list[Visit] = []
        self.open_visit: Visit | None = None
        self.pauses: list[PauseRow] = []
        self.engine: list[Pause] = []  # the same pauses as the calendar engine takes them
        self.events: list[Row] = []
        self.last_at: dt.datetime | None = None
        self.code: str | None = None
        self.reference = ""
        self.rule_set = ""
        self.logbook: tuple[int, int] | tuple[None, None] = (None, None)
        self.submitted_at: dt.datetime | None = None
        self.received_at: dt.datetime | None = None
        self.received_by: int | None = None
        self.clock_started_at: dt.datetime | None = None
        self.first_clock_started_at: dt.datetime | None = None
        self.first_budget = ZERO
        self.handover_at: dt.datetime | None = None
        self.status_before_withdrawal = ""
        self.withdrawal_reason = ""
        self.withdrawal_on: dt.date | None = None
        self.supplement_count = 0
        self.fees_due = route.fees
        self.fees_paid = Decimal(0)
        self.paid_online = False
        self.finished_at: dt.datetime | None = None
        self.result_kind = ""
        self.result_number = ""
        self.result_summary = ""
        self.returned_at: dt.datetime | None = None
        self.return_method = ""
        self.tracking = ""
        self.returned_to = ("", "")
        self.rescheduled_due_at: dt.datetime | None = None
        self.apology: ApologyRow | None = None
        self.refused_intake_at: dt.datetime | None = None
        self.budget = ZERO  # the legal budget of the current clock
        self._due: dt.datetime | None = None
        self.components: list[Row] = []
        self.applicant = NOBODY
        self.pending: list[tuple[dt.datetime, str]] = []  # apology events, at their instants
        self.apology_extra = ZERO  # how much later than the due the new appointment is

    # -- bookkeeping -----------------------------------------------------------------------------

    def _check(self, at: dt.datetime) -> dt.datetime:
        if at >= self.gen.end:
            raise Truncated
        last = self.last_at
        return last if last is not None and at < last else at

    def record(
        self,
        action: str,
        at: dt.datetime,
        actor: Person | None,
        *,
        from_status: str,
        from_step: StepInfo | None,
        closed: Visit | None = None,
        note: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        """As `motcua.workflow.core.record`: the event's agency is the one holding the dossier
        (else the competent one), the closed visit's budget and time used are copied."""
        step = self.step
        self.events.append(
            (
                self.id,
                len(self.events) + 1,
                at,
                actor.id if actor is not None else None,
                actor.name if actor is not None else "Hệ thống",
                step.agency_id if step is not None else self.agency.pk,
                action,
                from_status,
                self.status,
                from_step.id if from_step is not None else None,
                step.id if step is not None else None,
                closed.step.budget_hours if closed is not None else None,
                closed.used_hours if closed is not None else None,
                note,
                data if data is not None else {},
            )
        )
        self.last_at = at

    def _close_visit(self, at: dt.datetime, action: str) -> Visit | None:
        """As `motcua.workflow.core.close_visit`: the working time on the visit's agency calendar,
        every pause of the dossier excluded."""
        visit = self.open_visit
        if visit is None:
            return None
        end = max(at, visit.started_at)
        used = visit.step.calendar.working_time_between(visit.started_at, end, pauses=self.engine)
        visit.ended_at = end
        visit.used_hours = hours(used)
        visit.ended_by_action = action
        self.open_visit = None
        return visit

    def _open_visit(self, index: int, at: dt.datetime, handler: Person | None) -> None:
        self.step = step = self.route.steps[index]
        self.handler = handler
        visit = Visit(step, handler, at)
        self.visits.append(visit)
        self.open_visit = visit

    def due(self) -> dt.datetime:
        """The legal due: the current clock start, the limit, the closed pauses since (as
        `motcua.dossiers.deadlines.legal_clock` computes it)."""
        if self._due is None:
            start = self.clock_started_at
            assert start is not None
            pauses = [p for p in self.engine if p.end is not None and p.end > start]
            route = self.route
            self._due = DueFunction(route.calendar, start, route.limit, route.unit)(pauses)
        return self._due

    def _restart_clock(self, start: dt.datetime) -> None:
        route = self.route
        self.clock_started_at = start
        self.budget = DueFunction(route.calendar, start, route.limit, route.unit).budget()
        self._due = None

    def _start_pause(self, kind: str, reason: str, at: dt.datetime, actor: Person | None) -> None:
        self.pauses.append(PauseRow(kind, reason, at, None, actor.id if actor else None))
        self.engine.append(Pause(at, None, kind=kind, reason=reason))

    def _end_pauses(self, at: dt.datetime, actor: Person | None) -> None:
        for n, pause in enumerate(self.pauses):
            if pause.ended_at is None:
                pause.ended_at = at
                pause.ended_by = actor.id if actor else None
                old = self.engine[n]
                self.engine[n] = Pause(old.start, at, kind=old.kind, reason=old.reason)
                self._due = None

    @property
    def paused(self) -> bool:
        return any(p.ended_at is None for p in self.pauses)

    # -- intake (`motcua.workflow.intake`) -----------------------------------------------------

    def submit(self, at: dt.datetime) -> None:
        """As `dossier_submit`: an online submission, no code, no clock."""
        at = self._check(at)
        day = to_local(at).date()
        self.status = S.SUBMITTED
        self.submitted_at = at
        self.reference = self.gen.reference(day)
        self.rule_set = rule_set_for(day)
        self.record("submit", at, Person(None, self.applicant.name), from_status="",
                    from_step=None, data={"declaration": True})  # fmt: skip

    def refuse_intake(self, at: dt.datetime, *, counter: bool) -> None:
        """As `dossier_refuse_intake` (an online submission) or `dossier_refuse_at_counter`."""
        at = self._check(at)
        gen, route = self.gen, self.route
        day = to_local(at).date()
        from_status = self.status
        if counter:
            self.agency = route.refusal_agency
            self.reference = gen.reference(day)
            self.rule_set = rule_set_for(day)
            self.submitted_at = at
            self.components = []  # nothing is recorded of a refused visit's papers
        self.status = S.REFUSED_INTAKE
        self.refused_intake_at = at
        reasons = [gen.rng.choice(REASONS_INTAKE)]
        number = gen.counters.form_number(route.receiving.code, "refusal", day.year)
        self.record(Action.REFUSE_INTAKE, at, gen.pick(route.officers), from_status=from_status,
                    from_step=None, note="\n".join(reasons),
                    data={"reasons": reasons, "form": "refusal", "form_number": number})  # fmt: skip

    def receive(self, at: dt.datetime) -> None:
        """As `dossier_receive` (paper) or `dossier_accept` (online): code, serial, clock."""
        at = self._check(at)
        gen, route = self.gen, self.route
        day = to_local(at).date()
        calendar = route.calendar
        actor = gen.pick(route.officers)
        from_status = self.status
        if self.paper:
            self.reference = gen.reference(day)
        self.rule_set = rule_set_for(day)
        # As `workflow.intake.start_clock`: the cut-off for paper, the next working instant.
        cutoff = gen.cutoff if self.paper else None
        handover = clock_start(calendar, at, cutoff=cutoff)
        first = calendar.next_working_instant(at)
        deferred = cutoff is not None and handover > first
        self.received_at = at
        self.handover_at = handover if deferred else None
        self._restart_clock(handover if deferred and route.defers_clock else first)
        self.first_clock_started_at = self.clock_started_at
        self.first_budget = self.budget
        self.received_by = actor.id
        receiving = route.receiving.code
        self.code = format_code(receiving, day, gen.counters.next(f"code:{receiving}:{day:%Y%m%d}"))
        serial = gen.counters.next(f"logbook:{route.desk_code}:{day.year}")
        self.logbook = (day.year, serial)
        self._open_visit(0, at, actor)
        self.status = S.RECEIVED
        data: dict[str, Any] = {"channel": self.channel.value}
        if self.paper:  # `dossier_accept` records the channel only
            data["logbook_serial"] = serial
            if self.handover_at is not None:
                data["handover_at"] = self.handover_at.isoformat()
        self.record(Action.RECEIVE, at, actor, from_status=from_status, from_step=None, data=data)

    # -- actions (`motcua.workflow.actions`, `apologies`) ------------------------------------------

    def move(
        self,
        action: str,
        at: dt.datetime,
        actor: Person | None,
        target: int,
        status: str,
        *,
        handler: Person | None = None,
        note: str = "",
        data: dict[str, Any] | None = None,
    ) -> None:
        """As `workflow.actions._move`: close the visit, hand over, open the target's visit."""
        at = self._check(at)
        from_status, from_step = self.status, self.step
        closed = self._close_visit(at, action)
        start = at
        extra = data if data is not None else {}
        if from_step is not None and from_step.kind == StepKind.RECEPTION and self.handover_at:
            if self.handover_at > at:
                start = self.handover_at
            extra["handover_at"] = start.isoformat()
        to_step = self.route.steps[target]
        if (
            from_step is not None
            and StepKind.INTER_AGENCY in (from_step.kind, to_step.kind)
            and from_step.agency_id != to_step.agency_id
        ):
            extra["inter_agency"] = True
            extra["from_agency"] = from_step.agency.code
            extra["to_agency"] = to_step.agency.code
        self._open_visit(target, start, handler)
        self.status = status
        self.record(action, at, actor, from_status=from_status, from_step=from_step,
                    closed=closed, note=note, data=extra)  # fmt: skip

    def assign(self, at: dt.datetime, actor: Person, handler: Person) -> None:
        at = self._check(at)
        self.handler = handler
        assert self.open_visit is not None
        self.open_visit.handler = handler
        self.record(Action.ASSIGN, at, actor, from_status=self.status, from_step=self.step,
                    data={"handler": handler.username})  # fmt: skip

    def request_supplement(self, at: dt.datetime, actor: Person, *, second: bool) -> None:
        at = self._check(at)
        gen, route = self.gen, self.route
        reason = gen.rng.choice(REASONS_SUPPLEMENT)
        items = [
            {"code": c.code, "name": c.name, "requirement": "Nộp bản sao có chứng thực."}
            for c in route.components[:1]
        ]
        data: dict[str, Any] = {"items": items, "reason": reason}
        if second:
            data["second_request"] = True
            data["override_reason"] = "Hồ sơ bổ sung lần trước chưa đáp ứng yêu cầu."
        assert self.received_at is not None
        if route.calendar.working_time_between(self.received_at, at) > gen.supplement_window:
            data["late"] = True
            data["late_reason"] = "Phát hiện thiếu sót khi thẩm định."
        from_status = self.status
        self.status = S.SUPPLEMENT_REQUESTED
        self.supplement_count += 1
        self._start_pause(PauseKind.SUPPLEMENT, reason, at, actor)
        data["form"] = "supplement_request"
        data["form_number"] = gen.counters.form_number(
            route.receiving.code, "supplement_request", to_local(at).year
        )
        self.record(Action.REQUEST_SUPPLEMENT, at, actor, from_status=from_status,
                    from_step=self.step, note=reason, data=data)  # fmt: skip

    def receive_supplement(self, at: dt.datetime) -> None:
        """The clock restarts from zero (the cut-off applies to paper)."""
        at = self._check(at)
        gen, route = self.gen, self.route
        actor = gen.pick(route.officers)
        self._end_pauses(at, actor)
        cutoff = gen.cutoff if self.paper and route.defers_clock else None
        restarted = clock_start(route.calendar, at, cutoff=cutoff)
        self._restart_clock(restarted)
        from_status, step = self.status, self.step
        self.status = (
            S.RECEIVED if step is not None and step.kind == StepKind.RECEPTION else S.PROCESSING
        )
        self.record(Action.RECEIVE_SUPPLEMENT, at, actor, from_status=from_status, from_step=step,
                    data={"clock_restarted_at": restarted.isoformat()})  # fmt: skip

    def request_payment(self, at: dt.datetime, actor: Person, amount: Decimal) -> None:
        at = self._check(at)
        reason = "Nộp lệ phí cấp giấy chứng nhận."
        from_status = self.status
        self.status = S.AWAITING_PAYMENT
        self.fees_due += amount
        self._start_pause(PauseKind.FINANCIAL, reason, at, actor)
        self.record(Action.REQUEST_PAYMENT, at, actor, from_status=from_status,
                    from_step=self.step, note=reason, data={"amount": str(amount)})  # fmt: skip

    def confirm_payment(self, at: dt.datetime, actor: Person, amount: Decimal) -> None:
        at = self._check(at)
        online = self.gen.rng.random() < 0.4
        self._end_pauses(at, actor)
        from_status = self.status
        self.status = S.PROCESSING
        self.fees_paid += amount
        self.paid_online = self.paid_online or online
        self.record(Action.CONFIRM_PAYMENT, at, actor, from_status=from_status,
                    from_step=self.step, data={"amount": str(amount), "online": online})  # fmt: skip

    def finish(self, at: dt.datetime, actor: Person, *, refused: bool) -> None:
        """As `workflow.actions._finish` through `dossier_approve`, `dossier_result_ready` or
        `dossier_refuse_result`: the result is ready at the return step (status 9)."""
        at = self._check(at)
        gen, route = self.gen, self.route
        step = self.step
        assert step is not None
        year = to_local(at).year
        data: dict[str, Any] = {}
        note = ""
        if refused:
            action = Action.REFUSE_RESULT
            reasons = [gen.rng.choice(REASONS_REFUSAL)]
            number = gen.counters.form_number(self.agency.code, "result_refusal", year)
            self.result_kind, self.result_number = ResultKind.REFUSED, number
            self.result_summary = note = "\n".join(reasons)
            data = {"reasons": reasons, "form": "refusal", "form_number": number}
        else:
            action = Action.APPROVE if step.kind == StepKind.APPROVAL else Action.RESULT_READY
            self.result_kind = ResultKind.APPROVED
            self.result_number = f"{self.id % 100000}/{year}/KQ"
            self.result_summary = "Cấp kết quả giải quyết thủ tục hành chính."
        self.finished_at = at
        due = self.due()
        early = to_local(at).date() < to_local(due).date()
        data["timeliness"] = _judge(at, due)
        if early:
            data["early_return_announced"] = True
        self.move(action, at, actor, len(route.steps) - 1, S.RESULT_READY, note=note, data=data)

    def return_result(self, at: dt.datetime, method: ReturnMethod) -> None:
        at = self._check(at)
        gen = self.gen
        actor = gen.pick(self.route.officers)
        data: dict[str, Any] = {"method": method.value}
        if method == ReturnMethod.COUNTER:
            a = self.applicant
            self.returned_to = (
                (a.submitter_name, a.submitter_id_number)
                if a.submitter_name
                else (a.name, a.id_number)
            )
            data["received_by"] = self.returned_to[0]
        elif method == ReturnMethod.POST:
            self.tracking = f"EB{gen.rng.randrange(10**8):08d}VN"
            data["tracking_number"] = self.tracking
        from_status, from_step = self.status, self.step
        closed = self._close_visit(at, Action.RETURN_RESULT)
        self.status = S.RETURNED
        self.returned_at = at
        self.return_method = method.value
        self.handler = None
        self.record(Action.RETURN_RESULT, at, actor, from_status=from_status, from_step=from_step,
                    closed=closed, data=data)  # fmt: skip

    def request_withdrawal(self, at: dt.datetime) -> None:
        at = self._check(at)
        self.withdrawal_reason = self.gen.rng.choice(REASONS_WITHDRAWAL)
        self.withdrawal_on = to_local(at).date()
        from_status = self.status
        self.status_before_withdrawal = self.status
        self.status = S.WITHDRAWAL_REQUESTED
        self.record(Action.REQUEST_WITHDRAWAL, at, self.gen.pick(self.route.officers),
                    from_status=from_status, from_step=self.step, note=self.withdrawal_reason,
                    data={"requested_on": self.withdrawal_on.isoformat()})  # fmt: skip

    def refuse_withdrawal(self, at: dt.datetime) -> None:
        at = self._check(at)
        from_status = self.status
        self.status = self.status_before_withdrawal or S.PROCESSING
        self.status_before_withdrawal = ""
        self.record(Action.REFUSE_WITHDRAWAL, at, self.gen.pick(self.route.officers),
                    from_status=from_status, from_step=self.step,
                    note="Hồ sơ đã có quyết định giải quyết.")  # fmt: skip

    def stop(self, at: dt.datetime, *, at_request: bool) -> None:
        """As `workflow.actions._stop` (`dossier_stop` or `dossier_stop_processing`)."""
        at = self._check(at)
        gen, route = self.gen, self.route
        data: dict[str, Any]
        if at_request:
            action, actor, reason = Action.STOP, gen.pick(route.officers), self.withdrawal_reason
            on = self.withdrawal_on.isoformat() if self.withdrawal_on else None
            data = {"requested_on": on, "at_request": True}
        else:
            action, actor, reason = Action.STOP_PROCESSING, gen.pick(route.leaders), LEGAL_GROUND
            data = {"at_request": False}
        from_status, from_step = self.status, self.step
        closed = self._close_visit(at, action)
        self._end_pauses(at, actor)
        self.status = S.STOPPED
        self.finished_at = at
        self.handler = None
        if self.rule_set == RuleSet.R2025 and at_request:
            data["form"] = "stop_notice"
            data["form_number"] = gen.counters.form_number(
                route.receiving.code, "stop_notice", to_local(at).year
            )
        self.record(action, at, actor, from_status=from_status, from_step=from_step,
                    closed=closed, note=reason, data=data)  # fmt: skip

    def before(self, at: dt.datetime) -> dt.datetime:
        """Play the planned apology events due by `at`; returns `at` (the next event's)."""
        while self.pending and self.pending[0][0] <= at:
            when, kind = self.pending.pop(0)
            # Drafted, submitted and approved while the dossier is worked on (not waiting for
            # the applicant, not being withdrawn), as `workflow.apologies`.
            if self.status not in (S.RECEIVED, S.PROCESSING) or self.paused:
                self.pending.clear()
                break
            getattr(self, f"_apology_{kind}")(self._check(when))
        return at

    def _apology_draft(self, at: dt.datetime) -> None:
        gen, route = self.gen, self.route
        handler = self.handler or gen.pick(self.step.people if self.step else route.leaders)
        due = self.due()
        new_due = route.calendar.add_working_time(max(due, at), self.apology_extra + 4 * HOUR_TD)
        reason = gen.rng.choice(REASONS_APOLOGY)
        self.apology = ApologyRow(ApologyStatus.DRAFT, reason, new_due, due, handler.id, at)
        self.record(Action.DRAFT_APOLOGY, at, handler, from_status=self.status,
                    from_step=self.step, note=reason,
                    data={"new_due_at": new_due.isoformat()})  # fmt: skip

    def _apology_submit(self, at: dt.datetime) -> None:
        apology = self.apology
        if apology is None:
            return
        handler = self.handler or self.gen.pick(
            self.step.people if self.step else self.route.leaders
        )
        apology.status = ApologyStatus.SUBMITTED
        apology.submitted_at = at
        self.record(
            Action.SUBMIT_APOLOGY, at, handler, from_status=self.status, from_step=self.step
        )

    def _apology_approve(self, at: dt.datetime) -> None:
        apology = self.apology
        if apology is None:
            return
        gen, route = self.gen, self.route
        due = self.due()
        if apology.new_due_at <= max(at, due):  # `apology_approve` would send it back: rewrite
            apology.new_due_at = route.calendar.add_working_time(max(at, due), 8 * HOUR_TD)
        leader = gen.pick(route.leaders)
        try:
            due_by = route.calendar.instant_before(due, gen.apology_lead)
        except ValueError:
            due_by = self.clock_started_at or due
        apology.status = ApologyStatus.APPROVED
        apology.decided_by = leader.id
        apology.decided_at = at
        apology.original_due_at = due
        apology.late = at > due_by
        apology.number = gen.counters.form_number(self.agency.code, "apology", to_local(at).year)
        self.rescheduled_due_at = apology.new_due_at
        self.record(Action.APPROVE_APOLOGY, at, leader, from_status=self.status,
                    from_step=self.step,
                    data={"new_due_at": apology.new_due_at.isoformat(),
                          "original_due_at": due.isoformat(),
                          "late": apology.late, "form": "apology",
                          "form_number": apology.number})  # fmt: skip


# --- The generator --------------------------------------------------------------------------------


@dataclass
class GenerationReport:
    """What a run made."""

    count: int
    seconds: float
    batches: int
    by_status: dict[str, int]
    first_day: dt.date
    last_day: dt.date

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


class Generator:
    """The stories of the dossiers, drawn from one seeded random source, day after day."""

    def __init__(
        self, *, world: World, seed: int, first_day: dt.date, last_day: dt.date, now: dt.datetime
    ) -> None:
        self.world = world
        self.rng = random.Random(seed)
        self.first_day = first_day
        self.last_day = last_day
        self.end = local_datetime(last_day + dt.timedelta(days=1), dt.time())
        self.now = now
        self.cutoff = paper_cutoff()
        self.supplement_window = dt.timedelta(hours=8 * settings.MOTCUA_SUPPLEMENT_WINDOW_DAYS)
        self.apology_lead = dt.timedelta(hours=settings.MOTCUA_APOLOGY_LEAD_HOURS)
        self.counters = Counters()
        self.blocks: dict[tuple[int, dt.date], tuple[list[dt.datetime], list[int]]] = {}
        self.by_status: dict[str, int] = defaultdict(int)

    def pick(self, people: Sequence[Person]) -> Person:
        return people[int(self.rng.random() * len(people))]

    def reference(self, day: dt.date) -> str:
        """As `workflow.intake._reference`."""
        return f"TN{day:%y%m%d}{self.counters.next(f'reference:{day:%Y%m%d}'):06d}"

    def add(self, calendar: WorkingCalendar, start: dt.datetime, seconds: float) -> dt.datetime:
        """`start` plus whole minutes (at least one) of working time."""
        minutes = max(1, int(seconds) // MINUTE)
        return calendar.add_working_time(start, dt.timedelta(minutes=minutes))

    # -- days ------------------------------------------------------------------------------------------

    def day_counts(self, count: int) -> list[tuple[dt.date, int]]:
        """How many dossiers arrive each working day: growing over the years, fewer around Tết,
        more on Mondays, with noise; the counts add up to `count`."""
        calendar = self.world.reference_calendar
        days = []
        day = self.first_day
        while day <= self.last_day:
            if calendar.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        days = days or [self.last_day]
        span = max(1, (self.last_day - self.first_day).days)
        weights = []
        for day in days:
            growth = 1 + 0.4 * (day - self.first_day).days / span
            season = {1: 1.15, 2: 0.8, 12: 1.1}.get(day.month, 1.0)
            weekday = {0: 1.1, 4: 0.95}.get(day.weekday(), 1.0)
            weights.append(growth * season * weekday * self.rng.uniform(0.85, 1.15))
        total = sum(weights)
        shares = [w * count / total for w in weights]
        counts = [int(s) for s in shares]
        order = sorted(range(len(days)), key=lambda i: shares[i] - counts[i], reverse=True)
        for i in order[: count - sum(counts)]:
            counts[i] += 1
        return [(d, n) for d, n in zip(days, counts, strict=True) if n]

    def working_day(self, calendar: WorkingCalendar, day: dt.date) -> dt.date:
        """`day`, or the nearest working day of `calendar` within the history."""
        if calendar.is_working_day(day):
            return day
        later = calendar.next_working_day(day)
        if later <= self.last_day:
            return later
        while not calendar.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def office_instant(self, calendar: WorkingCalendar, day: dt.date) -> dt.datetime:
        """An instant drawn uniformly over the office hours of a working day."""
        key = (id(calendar), day)
        if key not in self.blocks:
            blocks = calendar.blocks_on(day)
            lengths = [int((end - start).total_seconds()) for start, end in blocks]
            self.blocks[key] = ([start for start, _ in blocks], list(accumulate(lengths)))
        starts, cumulative = self.blocks[key]
        offset = int(self.rng.random() * cumulative[-1])
        index = bisect_right(cumulative, offset)
        return starts[index] + dt.timedelta(
            seconds=offset - (cumulative[index - 1] if index else 0)
        )

    def plan_day(self, day: dt.date, n: int) -> list[tuple[dt.datetime, Route, Channel]]:
        """The arrivals of a day (route, channel, instant), in time order."""
        rng = self.rng
        routes, cumulative = self.world.segments[-1][2:]
        for start, stop, eligible, weights in self.world.segments:
            if start <= day and (stop is None or day < stop):
                routes, cumulative = eligible, weights
        total = cumulative[-1]
        span = max(1, (self.last_day - self.first_day).days)
        online_share = ONLINE_SHARE[0] + (ONLINE_SHARE[1] - ONLINE_SHARE[0]) * (
            (day - self.first_day).days / span
        )
        arrivals = []
        for _ in range(n):
            route = routes[bisect_right(cumulative, rng.random() * total)]
            draw = rng.random()
            if route.online and draw < online_share:
                # Online submissions come at any hour from 06:00 to 22:00.
                seconds = int(rng.random() * 16 * HOUR)
                at = local_datetime(day, dt.time(6)) + dt.timedelta(seconds=seconds)
                arrivals.append((at, route, Channel.ONLINE))
            else:
                postal = route.postal and draw > 1 - POSTAL_SHARE
                at = self.office_instant(route.calendar, self.working_day(route.calendar, day))
                arrivals.append((at, route, Channel.POSTAL if postal else Channel.COUNTER))
        arrivals.sort(key=lambda item: item[0])
        return arrivals

    # -- one dossier -----------------------------------------------------------------------------------

    def dossier(self, dossier_id: int, at: dt.datetime, route: Route, channel: Channel) -> History:
        h = History(self, route, dossier_id, channel)
        self.applicant(h)
        self.components(h)
        with suppress(Truncated):  # the history ended before the dossier did
            self.play(h, at)
        return h

    def applicant(self, h: History) -> None:
        rng, version = self.rng, h.route.version
        organisation = version.for_organisations and (
            not version.for_individuals or rng.random() < 0.15
        )
        male = rng.random() < 0.5
        name = _person_name(rng, male)
        year = self.last_day.year - rng.randint(19, 75)
        century = (0 if year < 2000 else 2) + (0 if male else 1)
        personal = f"{rng.choice(ID_PROVINCES)}{century}{year % 100:02d}{rng.randrange(10**6):06d}"
        phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
        place = f", {h.route.address}" if h.route.address else ""
        address = f"{rng.choice(HAMLETS)}{place}"
        email = f"nguoinop{rng.randrange(10**6)}@example.com" if rng.random() < 0.3 else ""
        if organisation:
            h.applicant = Applicant(
                "organisation", rng.choice(ORGANISATION_NAMES), tax_code_make(rng), address, phone,
                email, name, personal,
            )  # fmt: skip
        else:
            h.applicant = Applicant("individual", name, personal, address, phone, email)

    def components(self, h: History) -> None:
        """As `workflow.intake._save_components`: a row per component of the variant, handed in
        or not (a conditional one for about a third of the applicants); online ones uploaded."""
        rng, online = self.rng, h.channel == Channel.ONLINE
        rows = []
        for c in h.route.components:
            handed = c.required or rng.random() < 0.3
            if online:
                store = handed and rng.random() < 0.1
                rows.append((h.id, c.id, 0, 0, handed, handed, False, store, "", ""))
            else:
                digitised = handed and rng.random() < 0.6
                reused = handed and rng.random() < 0.05
                rows.append((h.id, c.id, c.originals if handed else 0, c.copies if handed else 0,
                             False, digitised, reused, False, "", ""))  # fmt: skip
        h.components = rows

    def play(self, h: History, arrival: dt.datetime) -> None:
        rng, calendar = self.rng, h.route.calendar
        refused = rng.random() < INTAKE_REFUSED
        if h.channel == Channel.ONLINE:
            h.submit(arrival)
            lag = rng.uniform(0.1, 1.5) * WORK_DAY
            accepted = self.add(calendar, calendar.next_working_instant(arrival), lag)
            if refused:
                h.refuse_intake(accepted, counter=False)
                return
            h.receive(accepted)
        elif refused:
            h.refuse_intake(arrival, counter=True)
            return
        else:
            h.receive(arrival)
        self.walk(h)
        self.collect(h)

    def _speed(self, route: Route) -> float:
        """How fast the dossier goes against its time limit (above 1: late)."""
        draw = self.rng.random()
        if draw < STUCK:
            return self.rng.uniform(3, 12)
        if draw < STUCK + route.late_rate:
            return self.rng.uniform(1.03, 1.9)
        if draw < STUCK + route.late_rate + ON_TIME:
            return self.rng.uniform(0.9, 1.0)
        return self.rng.uniform(0.15, 0.85)

    def _plan_apology(self, h: History, speed: float) -> None:
        """A late dossier's apology: mostly approved a working day or more before the due, some
        later than that (flagged late), a few after the due (a finding)."""
        rng, calendar = self.rng, h.route.calendar
        due = h.due()
        kind = rng.random()
        try:
            if kind < 0.7:
                approve = calendar.instant_before(due, dt.timedelta(hours=rng.uniform(9, 24)))
            elif kind < 0.9:
                approve = calendar.instant_before(due, dt.timedelta(hours=rng.uniform(0.5, 7)))
            else:
                approve = self.add(calendar, due, rng.uniform(1, 8) * HOUR)
        except ValueError:
            return
        assert h.received_at is not None
        if approve > h.received_at + 2 * HOUR_TD:
            h.apology_extra = dt.timedelta(seconds=int((speed - 1) * h.budget.total_seconds()))
            h.pending = [
                (approve - 2 * HOUR_TD, "draft"),
                (approve - HOUR_TD, "submit"),
                (approve, "approve"),
            ]

    def walk(self, h: History) -> None:
        """From reception along the path to the result, with what may happen on the way."""
        rng, route = self.rng, h.route
        steps = route.steps
        last = len(steps) - 2  # the step that finishes (the last one is the return)
        speed = self._speed(route)
        weights = [float(s.budget_hours) or 0.5 for s in steps[:-1]]
        if speed > 1 and route.partner and rng.random() < 0.6:
            # A late inter-agency dossier: mostly the partner used more than its share.
            weights = [w * (3 if s.kind == StepKind.INTER_AGENCY else 1) for w, s in zip(weights, steps, strict=False)]  # fmt: skip
        shares = [w * rng.uniform(0.7, 1.3) for w in weights]
        scale = h.budget.total_seconds() * speed / sum(shares)
        durations = [max(5 * MINUTE, share * scale) for share in shares]
        if speed > 1 and rng.random() < APOLOGY:
            self._plan_apology(h, speed)
        # Which stories happen, and at which step (an index in the path; -1: none).
        story = rng.random()
        stop_decision = WITHDRAWAL <= story < WITHDRAWAL + STOP_BY_DECISION
        later = [i for i in range(last + 1) if steps[i].kind != StepKind.RECEPTION] or [0]
        supplement_at = rng.choice(later) if rng.random() < SUPPLEMENT else -1
        second_at = -1
        if supplement_at >= 0 and rng.random() < SECOND_SUPPLEMENT:
            after = [i for i in later if i > supplement_at]
            second_at = rng.choice(after) if after else -1
        payment_at = rng.choice(later) if rng.random() < PAYMENT else -1
        withdrawal_at = rng.randrange(last + 1) if story < WITHDRAWAL or stop_decision else -1
        backs = [i for i in range(last + 1) if steps[i].back_index is not None]
        send_back_at = rng.choice(backs) if backs and rng.random() < SEND_BACK else -1
        refused = rng.random() < REFUSED_RESULT

        index, sent_back = 0, False
        while True:
            step = steps[index]
            visit = h.open_visit
            assert visit is not None
            assert h.last_at is not None
            calendar = step.calendar
            start = max(visit.started_at, h.last_at)
            duration = durations[index] * (0.5 if sent_back else 1)
            done = 0.0
            if h.handler is None and step.role != Role.DESK_OFFICER and rng.random() < 0.7:
                # A leader (or the officer) assigns the step to someone who holds its role.
                assignee = self.pick(step.people)
                if assignee.id is not None:
                    moment = h.before(self.add(calendar, start, min(duration * 0.1, HOUR)))
                    h.assign(moment, self.pick(route.leaders), assignee)
            if index in (supplement_at, second_at):
                second = index == second_at
                done = duration * rng.uniform(0.2, 0.6)
                moment = h.before(self.add(calendar, start, done))
                actor = self.pick(route.leaders) if second else h.handler or self.pick(step.people)
                h.request_supplement(moment, actor, second=second)
                second_at = -1 if second else second_at
                supplement_at = -1 if not second else supplement_at
                if rng.random() < SUPPLEMENT_ABANDONED:
                    wait = rng.uniform(15, 30) * WORK_DAY
                    h.stop(self.add(route.calendar, moment, wait), at_request=False)
                    return
                start = self.add(route.calendar, moment, rng.uniform(1, 12) * WORK_DAY)
                h.receive_supplement(start)
                h.pending = [(max(when, start), kind) for when, kind in h.pending]
            if index == payment_at and h.status == S.PROCESSING:
                part = (duration - done) * rng.uniform(0.3, 0.8)
                moment = h.before(self.add(calendar, start, part))
                amount = Decimal(rng.randrange(50, 2000) * 1000)
                actor = h.handler or self.pick(step.people)
                h.request_payment(moment, actor, amount)
                start = self.add(calendar, moment, rng.uniform(0.5, 5) * WORK_DAY)
                h.confirm_payment(start, actor, amount)
                done, payment_at = done + part, -1
            if index == withdrawal_at:
                moment = h.before(
                    self.add(calendar, start, (duration - done) * rng.uniform(0.2, 0.8))
                )
                if stop_decision:
                    h.stop(moment, at_request=False)
                    return
                h.request_withdrawal(moment)
                decided = self.add(route.calendar, moment, rng.uniform(1, 16) * HOUR)
                if rng.random() >= WITHDRAWAL_REFUSED:
                    h.stop(decided, at_request=True)
                    return
                h.refuse_withdrawal(decided)
                start, withdrawal_at = decided, -1
            end = h.before(self.add(calendar, start, duration - done))
            actor = h.handler or self.pick(step.people)
            if index == send_back_at and not sent_back and step.back_index is not None:
                target = step.back_index
                previous = next(
                    (
                        v.handler
                        for v in reversed(h.visits)
                        if v.step is steps[target] and v.handler
                    ),
                    None,
                )  # as `dossier_send_back`: the last handler of that step takes it again
                status = S.RECEIVED if steps[target].kind == StepKind.RECEPTION else S.PROCESSING
                h.move(Action.SEND_BACK, end, actor, target, status, handler=previous,
                       note=rng.choice(REASONS_SEND_BACK))  # fmt: skip
                index, sent_back = target, True
                continue
            if index == last:
                can_refuse = step.kind in (StepKind.PROCESSING, StepKind.APPROVAL)
                h.finish(end, actor, refused=refused and can_refuse)
                return
            following = steps[index + 1]
            handler = None
            if following.role != Role.DESK_OFFICER and rng.random() < 0.8:
                chosen = self.pick(following.people)  # the forward names the next handler
                handler = chosen if chosen.id is not None else None
            action = Action.APPROVE if step.kind == StepKind.APPROVAL else Action.FORWARD
            h.move(action, end, actor, index + 1, S.PROCESSING, handler=handler)
            index += 1

    def collect(self, h: History) -> None:
        """The result waits at the return step until the applicant collects it (a few never do),
        at the counter, by post or electronically."""
        if h.status != S.RESULT_READY or self.rng.random() < NOT_COLLECTED:
            return
        draw = self.rng.random()
        if h.channel == Channel.ONLINE:
            method = R.ELECTRONIC if draw < 0.7 else R.COUNTER if draw < 0.9 else R.POST
        elif h.channel == Channel.POSTAL:
            method = R.POST if draw < 0.8 else R.COUNTER
        else:
            method = R.COUNTER if draw < 0.88 else R.POST if draw < 0.96 else R.ELECTRONIC
        lag = {R.ELECTRONIC: 0.2, R.POST: 1.0}.get(method, 2.5) * WORK_DAY
        assert h.finished_at is not None
        at = self.add(h.route.calendar, h.finished_at, self.rng.expovariate(1 / lag))
        h.return_result(at, method)


# --- The rows of a history ---------------------------------------------------------------------------


def _judge(ended: dt.datetime, due: dt.datetime) -> str:
    """As `motcua.dossiers.deadlines._judge_finished`."""
    if ended > due:
        return Judgement.LATE
    if to_local(ended).date() < to_local(due).date():
        return Judgement.EARLY
    return Judgement.ON_TIME


def _pauses_after(
    pauses: Sequence[Pause], *, after: dt.datetime, at: dt.datetime, close_open: bool
) -> list[Pause]:
    """As `motcua.dossiers.deadlines._engine_pauses`: the pauses that end after `after` and
    start by `at`, an open one closed at `at` when `close_open`."""
    result = []
    for p in pauses:
        if (p.end is not None and p.end <= after) or p.start > at:
            continue
        if p.end is None and close_open:
            p = Pause(p.start, max(at, p.start), kind=p.kind, reason=p.reason)
        result.append(p)
    return result


def fact_row(h: History, *, now: dt.datetime) -> Row | None:
    """The `DossierFact` of a generated history, by the rules of
    `motcua.reports.facts.fact_compute` from what the generator already holds (the legal due, the
    budget, the visits' time used); tests prove the two equal (`facts_differing`)."""
    route = h.route
    version = route.version
    head = (
        h.id, h.agency.pk, route.receiving.pk, route.desk_id, version.procedure_id, version.pk,
        version.field_id, h.channel.value, version.online_level, version.four_at_desk,
    )  # fmt: skip
    if h.status == S.REFUSED_INTAKE:
        return (*head, False, h.submitted_at, None, h.refused_intake_at, Decimal(0), None, None,
                None, None, None, "", "", "", None, None, "", None, 0, None, None, False, False, 0,
                False, False, False, False, False, False, False, False, now)  # fmt: skip
    start, first = h.clock_started_at, h.first_clock_started_at
    if start is None or first is None:
        return None
    calendar = route.calendar
    finished = h.finished_at
    at = finished or now
    # An open dossier's clock leaves its open pause out (`paused_since` says it stands still).
    pauses = h.engine if finished is not None else [p for p in h.engine if p.end is not None]
    due, budget = h.due(), h.budget
    soon_at = paused_since = None
    if finished is None:
        closed = _pauses_after(pauses, after=start, at=at, close_open=True)
        soon_at = calendar.add_working_time(
            start, budget - due_soon_threshold(budget), pauses=closed
        )
        paused_since = next((p.started_at for p in h.pauses if p.ended_at is None), None)
    # Decision 766: from the first clock start, every pause subtracted.
    budget_766 = h.first_budget
    if first == start:
        due_766 = due  # the same clock: no supplement restarted it
    else:
        engine = [
            Pause(p.start, p.end or max(at, p.start), kind=p.kind, reason=p.reason)
            for p in pauses
            if p.start <= at
        ]
        due_766 = calendar.add_working_time(first, budget_766, pauses=engine)
    supplements = [p for p in h.pauses if p.kind == PauseKind.SUPPLEMENT]
    inter = any(
        v.step.kind == StepKind.INTER_AGENCY
        or v.step.agency_id not in (route.agency.pk, route.receiving.pk)
        for v in h.visits
    )
    approved = (
        h.apology if h.apology is not None and h.apology.status == ApologyStatus.APPROVED else None
    )
    end_kind = timeliness = timeliness_766 = ""
    elapsed_hours: Decimal | None = None
    agencies_late, all_early, lacks = 0, False, False
    if finished is not None:
        all_closed = _pauses_after(pauses, after=first, at=finished, close_open=True)
        elapsed = (
            calendar.working_time_between(first, finished, pauses=all_closed)
            if finished > first
            else ZERO
        )
        elapsed_hours = hours(elapsed)
        timeliness = _judge(finished, due)
        late_766 = h.supplement_count > 1 or elapsed > budget_766
        timeliness_766 = Judgement.LATE if late_766 else _judge(finished, due_766)
        if h.status == S.STOPPED:
            end_kind = EndKind.STOPPED
        elif h.result_kind == ResultKind.REFUSED:
            end_kind = EndKind.REFUSAL
        else:
            end_kind = EndKind.RESULT
        # The agencies' shares stop at the finish (the return step waits for the applicant).
        visits = [v for v in h.visits if v.started_at < finished]
        shares: dict[int, list[int]] = {}
        for v in visits:
            share = shares.setdefault(v.step.agency_id, [0, 0])
            share[0] += int(v.step.budget.total_seconds())
            assert v.used_hours is not None  # every visit before the finish is closed
            share[1] += int(v.used_hours * 3600)
        agencies_late = sum(1 for budgeted, used in shares.values() if used > budgeted)
        all_early = True
        for v in visits:  # each step finished on a date before its own due date
            assert v.ended_at is not None
            step_due = v.step.calendar.add_working_time(
                v.started_at, v.step.budget,
                pauses=_pauses_after(pauses, after=v.started_at, at=v.ended_at, close_open=True),
            )  # fmt: skip
            if _judge(v.ended_at, step_due) != Judgement.EARLY:
                all_early = False
                break
        lacks = timeliness == Judgement.LATE and not (
            approved is not None and approved.decided_at is not None and approved.decided_at <= due
        )
    if h.status == S.RETURNED:
        settled_at = h.returned_at
    else:
        settled_at = finished if h.status == S.STOPPED else None
    return (
        *head, inter, h.submitted_at, h.received_at, None, hours(budget), due, soon_at,
        first if h.supplement_count > 1 else due_766, paused_since, finished, end_kind,
        timeliness, timeliness_766, elapsed_hours, h.returned_at, h.return_method, settled_at,
        h.supplement_count, supplements[0].started_at if supplements else None,
        approved.decided_at if approved else None, approved.late if approved else False, lacks,
        agencies_late, all_early, h.return_method == ReturnMethod.ELECTRONIC,
        any(row[5] for row in h.components), any(row[6] for row in h.components),
        any(row[7] for row in h.components), False, h.fees_due > 0, h.paid_online, now,
    )  # fmt: skip


def dossier_row(h: History) -> Row:
    route, a, step = h.route, h.applicant, h.step
    first_at = h.events[0][2]
    last_at = h.events[-1][2]
    sweep = last_at if h.code is not None and h.status in OPEN_STATUSES else None
    return (
        h.id, h.code, h.reference, "", h.rule_set, route.version.pk, route.variant_id,
        h.channel.value, route.desk_id, route.receiving.pk, h.agency.pk, h.status,
        h.status_before_withdrawal, step.id if step else None, step.agency_id if step else None,
        h.handler.id if h.handler else None, a.kind, a.name, a.id_number, a.address, None,
        a.submitter_name, a.submitter_id_number, a.phone, False, a.email, {}, 1, h.fees_due,
        h.fees_paid, h.paid_online, h.submitted_at, h.received_at, h.received_by,
        h.clock_started_at, h.first_clock_started_at, h.handover_at, route.limit,
        route.unit.value, route.legal_limit, h.rescheduled_due_at, h.supplement_count,
        h.finished_at, sweep, h.result_kind, h.result_number, h.result_summary, h.returned_at,
        h.return_method, h.tracking, h.returned_to[0], h.returned_to[1], *h.logbook, first_at,
        last_at,
    )  # fmt: skip


def history_rows(h: History, batch: Batch, *, now: dt.datetime) -> None:
    rows = batch.rows
    rows[Dossier].append(dossier_row(h))
    rows[DossierComponent].extend(h.components)
    visits = rows[StepVisit]
    for v in h.visits:
        step = v.step
        visits.append(
            (h.id, step.id, step.agency_id, step.role, v.handler.id if v.handler else None,
             step.budget_hours, v.started_at, v.ended_at, v.used_hours, v.ended_by_action)
        )  # fmt: skip
    for p in h.pauses:
        rows[DossierPause].append(
            (h.id, p.kind, p.reason, p.started_at, p.ended_at, p.started_by, p.ended_by)
        )
    rows[DossierEvent].extend(h.events)
    a = h.apology
    if a is not None:
        rows[Apology].append(
            (h.id, a.status, a.reason, a.new_due_at, a.original_due_at, False, a.drafted_by,
             a.submitted_at, a.decided_by, a.decided_at, "", a.late, a.number, a.created_at)
        )  # fmt: skip
    fact = fact_row(h, now=now)
    if fact is not None:
        rows[DossierFact].append(fact)
    batch.dossiers += 1


# --- Writing ------------------------------------------------------------------------------------------


def write_batch(batch: Batch, counters: Mapping[str, int]) -> None:
    """Write the rows of a batch and raise the counters, in one transaction. PostgreSQL: `COPY`
    through psycopg (`cursor.copy()`, its C row formatting); others: INSERTs of the values as
    each field prepares them."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _copy_batch(batch)
        else:
            _insert_batch(batch)
        _counters_raise(counters)


def _copy_batch(batch: Batch) -> None:
    from psycopg.types.json import Jsonb

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")  # a crash loses the batch, no more
        raw = cursor.cursor  # psycopg's own cursor
        for model, columns in TABLES:
            rows = batch.rows[model]
            if not rows:
                continue
            json_at = [n for n, c in enumerate(columns) if c in ("answers", "data")]
            table = connection.ops.quote_name(model._meta.db_table)
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                write = copy.write_row
                if json_at:
                    (n,) = json_at
                    for row in rows:
                        write((*row[:n], Jsonb(row[n]), *row[n + 1 :]))
                else:
                    for row in rows:
                        write(row)


def _insert_batch(batch: Batch) -> None:
    with connection.cursor() as cursor:
        for model, columns in TABLES:
            rows = batch.rows[model]
            if not rows:
                continue
            by_name = {f.attname: f for f in model._meta.concrete_fields}
            fields = [by_name[column] for column in columns]
            table = connection.ops.quote_name(model._meta.db_table)
            names = ", ".join(connection.ops.quote_name(column) for column in columns)
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 - our tables
                [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
                    for row in rows
                ],
            )


def _counters_raise(values: Mapping[str, int]) -> None:
    """Set each counter to at least the value given (never lower it), in one statement a 500."""
    names = sorted(values)
    table = connection.ops.quote_name(SequenceCounter._meta.db_table)
    highest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    with connection.cursor() as cursor:
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            marks = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (name, value) VALUES {marks} ON CONFLICT (name) "  # noqa: S608
                f"DO UPDATE SET value = {highest}({table}.value, EXCLUDED.value)",
                [item for name in chunk for item in (name, values[name])],
            )


def _reserve_ids(count: int) -> int:
    """The first of `count` consecutive dossier ids that nothing else will take: on PostgreSQL the
    id sequence is moved past them (under a short table lock), elsewhere the caller's write
    transaction holds the database."""
    table = connection.ops.quote_name(Dossier._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
            return int(cursor.fetchone()[0]) + 1
        cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [Dossier._meta.db_table])
        sequence = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), "  # noqa: S608
            "(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "
            f"{sequence}))"
        )
        highest = int(cursor.fetchone()[0])
        cursor.execute("SELECT setval(%s, %s)", [sequence, highest + count])
        return highest + 1


def bulk_allowed() -> bool:
    """Whether `bulk` can run here: PostgreSQL, as a superuser (to skip the foreign-key
    triggers), outside a transaction."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def secondary_indexes() -> list[tuple[str, str]]:
    """(name, definition) of the indexes of the generated tables that back no constraint (not
    the primary keys, not the unique ones): what `bulk` drops during the load (PostgreSQL)."""
    tables = [model._meta.db_table for model, _ in TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = ANY(%s) "
            "AND NOT i.indisprimary AND NOT i.indisunique AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
            [tables],
        )
        return [(str(name), str(definition)) for name, definition in cursor.fetchall()]


class _Writer:
    """Writes the batches: on PostgreSQL outside a transaction, in a thread with its own
    connection, so that the database inserts one batch while the next is generated (the thread
    waits on the socket without holding the interpreter); otherwise in the caller's thread.
    `bulk` (PostgreSQL, a superuser): the writer's session skips the triggers of the foreign keys
    (`session_replication_role = replica`): every reference is to a row read or just written."""

    def __init__(self, *, bulk: bool = False) -> None:
        self.bulk = bulk
        self.background = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.queue: Queue[tuple[Batch, dict[str, int]] | None] = Queue(maxsize=1)
        self.failure: BaseException | None = None
        self.thread: threading.Thread | None = None
        if self.background:
            self.thread = threading.Thread(target=self._run, name="generate-dossiers", daemon=True)
            self.thread.start()

    def _run(self) -> None:
        try:
            if self.bulk:
                with connection.cursor() as cursor:
                    cursor.execute("SET session_replication_role = replica")
            while (item := self.queue.get()) is not None:
                if self.failure is None:
                    write_batch(*item)
        except BaseException as exc:  # handed to the generating thread
            self.failure = exc
            while self.queue.get() is not None:  # let the producer finish putting
                pass
        finally:
            connection.close()

    def put(self, batch: Batch, counters: dict[str, int]) -> None:
        self._raise()
        if self.thread is None:
            write_batch(batch, counters)
        else:
            self.queue.put((batch, counters))

    def close(self) -> None:
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.failure is not None:
            raise self.failure


def _indexes_rebuild(
    indexes: Sequence[tuple[str, str]], progress: Callable[[str], None] | None
) -> None:
    if not indexes:
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
        for model, _ in TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    if progress is not None:
        progress(
            f"dựng lại {len(indexes)} chỉ mục và ANALYZE: {time.perf_counter() - started:.0f} s"
        )


# --- The entry point ------------------------------------------------------------------------------------


def dossiers_generate(
    *,
    count: int,
    seed: int,
    years: int = 3,
    end: dt.date | None = None,
    batch_size: int = DEFAULT_BATCH,
    bulk: bool = False,
    progress: Callable[[str], None] | None = None,
) -> GenerationReport:
    """Generate `count` dossiers arriving over the `years` years that end with the day `end`
    (default: yesterday), written in batches of whole days (one transaction each).

    `bulk` (PostgreSQL, as a superuser, nobody else writing): the indexes that back no constraint
    are dropped during the load and built again at the end (also after a failure), and the load
    skips the foreign-key triggers. Raises SyntheticWorldMissing when the database has no
    procedure a desk receives."""
    if count < 1 or years < 1 or batch_size < 1:
        raise ValueError("count, years and batch_size must be positive")
    now = timezone.now()
    last_day = end or to_local(now).date() - dt.timedelta(days=1)
    if last_day >= to_local(now).date():
        raise ValueError("The history ends before today.")
    first_day = last_day - dt.timedelta(days=round(365.25 * years) - 1)
    started = time.perf_counter()
    world = world_load(rng=random.Random(f"{seed}:world"), on=last_day)
    gen = Generator(world=world, seed=seed, first_day=first_day, last_day=last_day, now=now)
    days = gen.day_counts(count)
    dropped: list[tuple[str, str]] = []
    if bulk:
        if not bulk_allowed():
            raise ValueError("bulk loads need PostgreSQL, a superuser, outside a transaction")
        dropped = secondary_indexes()
        with connection.cursor() as cursor:
            for name, definition in dropped:
                if progress is not None:
                    progress(f"tạm bỏ chỉ mục (dựng lại ở cuối): {definition};")
                cursor.execute(f"DROP INDEX {name}")
    writer = _Writer(bulk=bulk)
    made = batches = 0
    try:
        while days:
            chunk, size = [], 0
            while days and size < batch_size:
                chunk.append(days.pop(0))
                size += chunk[-1][1]
            batch = Batch()
            next_id = _reserve_ids(size)
            for day, n in chunk:
                for at, route, channel in gen.plan_day(day, n):
                    history = gen.dossier(next_id, at, route, channel)
                    next_id += 1
                    history_rows(history, batch, now=now)
                    gen.by_status[history.status] += 1
            writer.put(batch, gen.counters.take())
            made += batch.dossiers
            batches += 1
            if progress is not None:
                elapsed = time.perf_counter() - started
                progress(
                    f"{made}/{count} hồ sơ (đến ngày {chunk[-1][0]:%d/%m/%Y}): "
                    f"{elapsed:.0f} s, {made / elapsed:.0f} hồ sơ/s"
                )
    finally:
        try:
            writer.close()
        finally:
            _indexes_rebuild(dropped, progress)
    seconds = time.perf_counter() - started
    return GenerationReport(made, seconds, batches, dict(gen.by_status), first_day, last_day)
