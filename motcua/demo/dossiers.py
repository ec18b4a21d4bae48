"""The demo province's dossiers: about 150 over the three months before the seed day, so the back
office, the public look-up and the reports have something to show.

Every dossier is made through the workflow services, exactly as officers and citizens would, with
each action's instant given (`at=`): received at a counter, by post or online (submitted, then
accepted), forwarded along its pinned process, sometimes sent for a supplement or a financial
obligation, approved with a result file, returned. Most finish early or on time, about 8% late
(one after an approved apology); a few are refused at intake, one is withdrawn and stopped, one
result is refused; about 30 are still open on the seed day, some due soon, some overdue, a few
waiting at a partner agency (liên thông). Only procedures whose steps the demo staff can take are
used (a desk officer of a desk serving the agency, a specialist and a leader there).

Every instant is in working hours (07:30–11:15, 13:30–16:30 on the receiving agency's working
days) and before the seed day. The choices come from one `random.Random` with a fixed seed, so
the same database and seed day give the same dossiers. Idempotent: nothing is made when a demo
desk already has a dossier.

This module finds the routes (who can act where) and plans the stories; each story is told by a
runner of `motcua.demo.dossier_stories`.
"""

import datetime as dt
import random
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Prefetch

from motcua.accounts.admin_units import UnitDirectory, unit_directory
from motcua.accounts.models import Agency, CitizenKind, Desk, Membership, Role, User
from motcua.calendar.selectors import calendar_for_agency
from motcua.catalog.eforms import AnswersInvalid, clean_answers
from motcua.catalog.models import (
    CaseVariant,
    ProcedureVersion,
    ProcessStep,
    StepKind,
    VersionStatus,
)
from motcua.core.timezone import local_datetime, to_local
from motcua.demo import dossier_content as content
from motcua.demo.dossier_stories import (
    HOUR,
    PROVINCE_UNIT,
    RUNNERS,
    WINDOWS,
    Applicant,
    Plan,
    Route,
    Skip,
    World,
    expected_due,
    jitter,
    slot,
    working_days,
)
from motcua.demo.people_content import CITIZENS, STAFF, CitizenRow
from motcua.demo.province import Writer, desk_rows
from motcua.demo.province_content import COMMUNES, PROVINCE, PROVINCE_NAME
from motcua.dossiers.models import Channel, Dossier
from motcua.workflow import services as wf

SEED = 20250701
WINDOW_DAYS = 91  # receptions over the last three months

# How many dossiers of each story (about 150 in all; stories that cannot be placed are skipped).
STORIES: tuple[tuple[str, int], ...] = (
    ("early", 76),
    ("on_time", 10),
    ("late", 8),
    ("apology_finished", 1),
    ("supplement", 6),
    ("payment", 2),
    ("refused_result", 3),
    ("result_waiting", 4),
    ("intake_supplement", 1),
    ("refused_counter", 3),
    ("refused_online", 2),
    ("withdrawn", 1),
    ("open_reception", 3),
    ("open_processing", 7),
    ("open_approval", 4),
    ("open_due_soon", 4),
    ("open_overdue", 4),
    ("open_apology", 1),
    ("open_supplement", 2),
    ("open_payment", 1),
    ("open_inter_agency", 4),
    ("submitted", 3),
)

# Procedures people ask for most often are drawn more often (weight 1 otherwise).
POPULAR: dict[str, float] = {
    "2.000815": 10,  # chứng thực bản sao
    "1.001193": 8,  # đăng ký khai sinh
    "1.004873": 5,  # xác nhận tình trạng hôn nhân
    "1.000894": 4,  # đăng ký kết hôn
    "2.000884": 4,  # chứng thực chữ ký
    "1.000656": 3,  # đăng ký khai tử
    "1.012774": 6,  # đăng ký thế chấp
    "1.012775": 4,  # xóa đăng ký thế chấp
    "1.012768": 3,  # cấp đổi giấy chứng nhận
    "1.012814": 3,  # đăng ký biến động
    "2.000575": 4,  # đăng ký hộ kinh doanh
    "1.009974": 3,  # giấy phép xây dựng nhà ở
    "1.001776": 2,  # trợ cấp xã hội
    "1.009981": 2,  # chứng chỉ hành nghề xây dựng
    "1.002856": 2,  # giấy phép kinh doanh vận tải
    "2.001680": 2,  # trợ giúp pháp lý
}

_COMPLETE = frozenset(
    {
        "early", "on_time", "late", "apology_finished", "supplement", "payment",
        "refused_result", "result_waiting", "intake_supplement", "withdrawn", "open_reception",
        "open_processing", "open_approval", "open_due_soon", "open_overdue", "open_apology",
        "open_supplement", "open_payment",
    }
)  # fmt: skip
_ONLINE_ONLY = frozenset({"refused_online", "submitted", "intake_supplement"})
# The shortest time limit (working hours) a story needs to be told.
_MIN_BUDGET: dict[str, int] = {
    "open_reception": 24,
    "open_processing": 24,
    "open_approval": 24,
    "open_supplement": 24,
    "open_payment": 24,
    "open_inter_agency": 24,
    "open_due_soon": 32,
    "open_overdue": 16,
    "open_apology": 32,
    "apology_finished": 32,
    "supplement": 16,
    "payment": 24,
    "withdrawn": 24,
}


def demo_desk_codes() -> list[str]:
    return [row.code for row in desk_rows()]


def demo_dossiers_exist() -> bool:
    return Dossier.objects.filter(desk__code__in=demo_desk_codes()).exists()


@transaction.atomic
def seed_dossiers(*, today: dt.date, stdout: Writer | None = None) -> int:
    """Make the demo dossiers as of `today` (every event before it); returns how many were made
    (0 when a demo desk already has dossiers, or when the demo catalog and staff are missing)."""
    if demo_dossiers_exist():
        if stdout is not None:
            stdout.write("Hồ sơ mẫu: đã có, không tạo thêm\n")
        return 0
    world = _world(today)
    if world is None or not any(route.complete for route in world.routes):
        if stdout is not None:
            stdout.write("Hồ sơ mẫu: chưa có danh mục thủ tục hoặc cán bộ mẫu, bỏ qua\n")
        return 0
    plans = _plans(world)
    plans.sort(key=lambda plan: plan.first_instant)
    made: list[Dossier] = []
    for plan in plans:
        try:
            with transaction.atomic():
                made.append(RUNNERS[plan.kind](world, plan))
        except Skip:
            world.skipped += 1
    if stdout is not None:
        by_status: dict[str, int] = {}
        for dossier in made:
            label = dossier.get_status_display()
            by_status[label] = by_status.get(label, 0) + 1
        parts = ", ".join(f"{label}: {count}" for label, count in sorted(by_status.items()))
        skipped = f"; {world.skipped} hồ sơ không xếp được lịch" if world.skipped else ""
        stdout.write(f"Hồ sơ mẫu: {len(made)} mới ({parts}){skipped}\n")
    return len(made)


def _world(today: dt.date) -> World | None:
    province = Agency.objects.filter(code=PROVINCE).first()
    if province is None:
        return None
    calendar = calendar_for_agency(province)
    last_day = today - dt.timedelta(days=1)
    while not calendar.is_working_day(last_day):
        last_day -= dt.timedelta(days=1)
    usernames = [row.username for row in STAFF]
    memberships = list(
        Membership.objects.filter(
            user__username__in=usernames, valid_to__isnull=True, user__is_active=True
        ).select_related("user", "agency", "desk")
    )
    officers: dict[int, list[User]] = {}
    staff: dict[tuple[str, int], list[User]] = {}
    for m in memberships:
        if m.role == Role.DESK_OFFICER and m.desk_id is not None:
            officers.setdefault(m.desk_id, []).append(m.user)
        staff.setdefault((m.role, m.agency_id), []).append(m.user)
    desks = [
        desk
        for desk in Desk.objects.filter(code__in=demo_desk_codes()).prefetch_related("serves")
        if desk.pk in officers
    ]
    citizens = []
    accounts = {
        u.username: u for u in User.objects.filter(username__in=[c.username for c in CITIZENS])
    }
    for row in CITIZENS:
        if row.username in accounts:
            citizens.append((row, accounts[row.username]))
    world = World(
        today=today,
        rng=random.Random(SEED),
        last_instant=local_datetime(last_day, WINDOWS[-1][1]),
        first_day=today - dt.timedelta(days=WINDOW_DAYS),
        next_open_day=calendar.working_day_on_or_after(today),
        routes=[],
        citizens=citizens,
        officers={pk: sorted(users, key=lambda u: u.username) for pk, users in officers.items()},
        calendars={province.pk: calendar},
    )
    world.routes = _routes(world, desks=desks, staff=staff, on=last_day)
    return world


def _routes(
    world: World, *, desks: Sequence[Desk], staff: dict[tuple[str, int], list[User]], on: dt.date
) -> list[Route]:
    """Every (variant, desk, agency, path) the demo can receive, in a stable order."""
    versions = (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("procedure")
        .prefetch_related(
            "executing_agencies",
            Prefetch(
                "variants",
                queryset=CaseVariant.objects.prefetch_related(
                    "components",
                    Prefetch(
                        "steps",
                        queryset=ProcessStep.objects.select_related("agency").prefetch_related(
                            "forward_to"
                        ),
                    ),
                ),
            ),
        )
        .order_by("procedure__code", "number")
    )
    units = unit_directory()
    served = {desk.pk: {a.pk for a in desk.serves.all()} | {desk.host_id} for desk in desks}
    routes: list[Route] = []
    for version in versions:
        if not version.is_public_on(on):
            continue
        weight = POPULAR.get(version.procedure.code, 1.0)
        variants = []
        for variant in version.variants.all():
            if not _answers_fit(world, variant, units):
                continue
            for prefer_partner in (False, True):
                path = _path(variant, prefer_partner=prefer_partner)
                if path is not None:
                    variants.append((variant, path))
        for agency in sorted(version.executing_agencies.all(), key=lambda a: a.code):
            for desk in desks:
                if agency.pk not in served[desk.pk]:
                    continue
                for variant, path in variants:
                    actors = tuple(
                        tuple(
                            world.officers[desk.pk]
                            if step.role == Role.DESK_OFFICER
                            else sorted(
                                staff.get((step.role, (step.agency or agency).pk), []),
                                key=lambda u: u.username,
                            )
                        )
                        for step in path
                    )
                    route = Route(version, variant, desk, agency, path, actors, weight)
                    if any(s.kind == StepKind.INTER_AGENCY for s in path) and not (
                        route.complete or route.partner_index is not None
                    ):
                        continue
                    routes.append(route)
    return routes


def _path(variant: CaseVariant, *, prefer_partner: bool) -> tuple[ProcessStep, ...] | None:
    """The steps from reception to return along the forward links, taking at each fork a step
    of the agency itself or (`prefer_partner`) a hand-off to another agency. None when there is
    no way to the return step, or no hand-off to prefer."""
    steps = {step.pk: step for step in variant.steps.all()}
    ordered = sorted(steps.values(), key=lambda s: s.position)
    if not ordered:
        return None
    current = next((s for s in ordered if s.kind == StepKind.RECEPTION), ordered[0])
    path = [current]
    while current.kind != StepKind.RETURN:
        options = sorted(
            (steps[target.pk] for target in current.forward_to.all()), key=lambda s: s.position
        )
        partner = [s for s in options if s.kind == StepKind.INTER_AGENCY]
        own = [s for s in options if s.kind != StepKind.INTER_AGENCY]
        choices = (partner or own) if prefer_partner else (own or partner)
        if not choices or choices[0] in path:
            return None
        current = choices[0]
        path.append(current)
    if prefer_partner and not any(s.kind == StepKind.INTER_AGENCY for s in path):
        return None
    return tuple(path)


def _answers_fit(world: World, variant: CaseVariant, units: UnitDirectory) -> bool:
    """Whether generated answers pass the variant's e-form, for an individual and for an
    organisation (a text pattern no sample matches, say, leaves the variant out)."""
    if not variant.eform_schema:
        return True
    rng = random.Random(variant.pk)
    person = content.person_make(rng, commune_unit=COMMUNES[0][2], on=world.today)
    org = content.organisation_make(rng, commune_unit=person.commune_unit, on=world.today)
    for organisation in (None, org):
        ctx = content.AnswerContext(person, organisation, PROVINCE_UNIT, world.today, "")
        answers = content.eform_answers(variant.eform_schema, ctx, rng)
        try:
            clean_answers(variant.eform_schema, answers, units=units, today=world.today)
        except AnswersInvalid:
            return False
    return True


# --- Plans ----------------------------------------------------------------------------------------


def _plans(world: World) -> list[Plan]:
    plans: list[Plan] = []
    for kind, count in STORIES:
        candidates = [route for route in world.routes if _fits(world, route, kind)]
        for _ in range(count):
            plan = _plan(world, kind, candidates)
            if plan is None:
                world.skipped += 1
            else:
                plans.append(plan)
    return plans


def _fits(world: World, route: Route, kind: str) -> bool:
    if route.budget_hours < _MIN_BUDGET.get(kind, 0):
        return False
    if kind in _ONLINE_ONLY and not (route.online and _citizens_for(world, route)):
        return False
    if kind in _COMPLETE:
        return route.complete and route.path[1].kind == StepKind.PROCESSING
    if kind == "open_inter_agency":
        return route.partner_index is not None and route.partner_index > 1
    return True  # refusals and submissions need only a desk officer


def _citizens_for(world: World, route: Route) -> list[tuple[CitizenRow, User]]:
    version = route.version
    return [
        (row, user)
        for row, user in world.citizens
        if (version.for_organisations if row.tax_code else version.for_individuals)
    ]


def _plan(world: World, kind: str, candidates: Sequence[Route]) -> Plan | None:
    rng = world.rng
    if not candidates:
        return None
    # A procedure's popularity is shared by its routes (case variants, desks, agencies).
    shares: dict[int, int] = {}
    for route in candidates:
        shares[route.version.pk] = shares.get(route.version.pk, 0) + 1
    weights = [route.weight / shares[route.version.pk] for route in candidates]
    for _ in range(20):
        route = rng.choices(candidates, weights)[0]
        channel = _channel(world, route, kind)
        if channel is None:
            continue
        received = _reception(world, route, channel, kind)
        if received is None or not route.version.is_public_on(to_local(received).date()):
            continue
        submitted = None
        if channel == Channel.ONLINE and kind != "submitted":
            submitted = _submission_before(world, route, received, kind)
        day = to_local(submitted or received).date()
        applicant = _applicant(world, route, channel, day)
        delivery = _delivery(world, route, channel)
        return Plan(kind, route, channel, applicant, received, submitted, delivery)
    return None


def _channel(world: World, route: Route, kind: str) -> Channel | None:
    online = route.online and bool(_citizens_for(world, route))
    if kind in _ONLINE_ONLY:
        return Channel.ONLINE if online else None
    if kind == "refused_counter":
        return Channel.COUNTER
    draw = world.rng.random()
    if online and draw < 0.32:
        return Channel.ONLINE
    if route.version.postal_intake and draw > 0.9:
        return Channel.POSTAL
    return Channel.COUNTER


def _delivery(world: World, route: Route, channel: Channel) -> str:
    if channel == Channel.ONLINE:
        return "dien_tu"
    if channel == Channel.POSTAL or (route.version.postal_return and world.rng.random() < 0.15):
        return "buu_chinh"
    return "tai_noi_nop"


def _reception(world: World, route: Route, channel: Channel, kind: str) -> dt.datetime | None:
    """When to receive the dossier so that its story fits before the seed day."""
    rng = world.rng
    cal = world.calendar(route.desk.host)
    days = working_days(world, cal)
    if len(days) < 15:
        return None
    opening = cal.opening_of(world.next_open_day)
    budget = dt.timedelta(hours=route.budget_hours)
    soon = min(dt.timedelta(hours=8), budget / 4)

    def due(received: dt.datetime) -> dt.datetime:
        return expected_due(world, route, channel, received)

    if kind in ("refused_counter", "refused_online"):
        return slot(world, rng.choice(days[:-1]))
    if kind == "submitted":
        return slot(world, rng.choice(days[-2:]))
    if kind == "withdrawn":
        return slot(world, rng.choice(days[:-10]))
    if kind == "result_waiting":
        return slot(world, rng.choice(days[-8:-2]))
    if kind in ("open_due_soon", "open_overdue", "open_apology"):
        lag = dt.timedelta(
            hours=rng.uniform(4, 40) if kind == "open_overdue" else rng.uniform(2, 16)
        )
        for day in reversed(days[:-1]):
            for time in (dt.time(14, 30), dt.time(9, 30), dt.time(16, 0), dt.time(8, 0)):
                received = local_datetime(day, time) + jitter(world, 10)
                when = due(received)
                if kind == "open_due_soon":
                    left = cal.working_time_between(opening, when)
                    if HOUR <= left <= soon:
                        return received
                elif cal.working_time_between(when, opening) >= lag:
                    return received
        return None
    if kind.startswith("open_"):
        recent = days[-2:] if kind == "open_reception" else days[-12:-1]
        for day in rng.sample(recent, len(recent)):
            received = slot(world, day)
            if (
                received < world.last_instant - 4 * HOUR
                and cal.working_time_between(opening, due(received)) > soon + 8 * HOUR
            ):
                return received
        return None
    # Finished stories: room after the due for a late result, supplements and the return.
    margin = {"late": 56, "apology_finished": 56, "supplement": 110, "payment": 70}.get(kind, 32)
    pool = days[:-3]
    for _ in range(6):
        if not pool:
            return None
        day = rng.choice(pool)
        received = slot(world, day)
        if cal.add_working_time(due(received), dt.timedelta(hours=margin)) < world.last_instant:
            return received
        pool = [d for d in pool if d < day]
    return None


def _submission_before(world: World, route: Route, received: dt.datetime, kind: str) -> dt.datetime:
    """An online submission some working hours before its acceptance."""
    cal = world.calendar(route.desk.host)
    local = to_local(received)
    day = local.date()
    back = 2 if kind == "intake_supplement" else (0 if world.rng.random() < 0.4 else 1)
    for _ in range(back):
        day -= dt.timedelta(days=1)
        while not cal.is_working_day(day):
            day -= dt.timedelta(days=1)
    if back == 0 and local.time() > dt.time(8, 0):
        return slot(world, day, before=local.time())
    if back == 0:
        day -= dt.timedelta(days=1)
        while not cal.is_working_day(day):
            day -= dt.timedelta(days=1)
    return slot(world, day)


# --- Applicants -----------------------------------------------------------------------------------


def _commune_label(unit: str) -> str:
    for name, kind, code, _district in COMMUNES:
        if code == unit:
            return f"{kind} {name}"
    return ""


def _address(detail: str, unit: str) -> str:
    return f"{detail}, {_commune_label(unit)}, tỉnh {PROVINCE_NAME}"


def _applicant(world: World, route: Route, channel: Channel, day: dt.date) -> Applicant:
    rng = world.rng
    version = route.version
    if channel == Channel.ONLINE:
        row, user = rng.choice(_citizens_for(world, route))
        return _citizen_applicant(row, user)
    unit = (
        route.agency.admin_unit_code
        if len(route.agency.admin_unit_code) == 5
        else rng.choice(COMMUNES)[2]
    )
    as_organisation = version.for_organisations and (
        not version.for_individuals or rng.random() < 0.3
    )
    if as_organisation:
        org = content.organisation_make(rng, commune_unit=unit, on=day)
        return Applicant(_org_input(org, None), org.representative, org, None)
    person = content.person_make(rng, commune_unit=unit, on=day)
    return Applicant(_person_input(person, None), person, None, None)


def _person_input(person: content.Person, account: User | None) -> wf.ApplicantInput:
    return wf.ApplicantInput(
        name=person.full_name,
        kind=CitizenKind.INDIVIDUAL,
        id_number=person.personal_id,
        address=_address(person.address_detail, person.commune_unit),
        phone=person.phone,
        email=person.email,
        account=account,
    )


def _org_input(org: content.Organisation, account: User | None) -> wf.ApplicantInput:
    return wf.ApplicantInput(
        name=org.name,
        kind=CitizenKind.ORGANISATION,
        id_number=org.tax_code,
        address=_address(org.address_detail, org.commune_unit),
        phone=org.phone,
        email=org.email,
        submitter_name=org.representative.full_name,
        submitter_id_number=org.representative.personal_id,
        account=account,
    )


def _citizen_applicant(row: CitizenRow, user: User) -> Applicant:
    unit = next(
        (code for name, kind, code, _d in COMMUNES if f"{kind} {name}," in row.address),
        COMMUNES[0][2],
    )
    detail = row.address.split(",")[0]
    if row.tax_code:
        rep_rng = random.Random(row.tax_code)
        representative = content.Person(
            full_name=row.full_name,
            male=True,
            birth_date=dt.date(1975, 6, 1),
            personal_id=content.personal_id_make(
                rep_rng, birth_date=dt.date(1975, 6, 1), male=True
            ),
            phone=row.phone,
            email=row.email,
            address_detail=detail,
            commune_unit=unit,
        )
        org = content.Organisation(
            name=row.organisation_name,
            tax_code=row.tax_code,
            representative=representative,
            representative_title="Giám đốc",
            phone=row.phone,
            email=row.email,
            address_detail=detail,
            commune_unit=unit,
        )
        return Applicant(_org_input(org, user), representative, org, user)
    assert row.personal_id_number is not None
    assert row.date_of_birth is not None
    person = content.Person(
        full_name=row.full_name,
        male=int(row.personal_id_number[3]) % 2 == 0,
        birth_date=row.date_of_birth,
        personal_id=row.personal_id_number,
        phone=row.phone,
        email=row.email,
        address_detail=detail,
        commune_unit=unit,
    )
    return Applicant(_person_input(person, user), person, None, user)
