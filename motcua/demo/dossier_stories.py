"""How each kind of demo dossier comes about (see `motcua.demo.dossiers`): the types the seed
works with (routes through a process, applicants, plans), instants in working windows, and one
runner per story that drives the dossier through the workflow services with each action's `at`.

Runners raise `Skip` when a draw does not fit before the seed day; the caller rolls the story
back and goes on.
"""

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from motcua.accounts.models import Agency, Desk, Role, User
from motcua.calendar.engine import TimeUnit, WorkingCalendar, clock_start, due_for_time_limit
from motcua.calendar.selectors import calendar_for_agency, paper_cutoff
from motcua.catalog.models import (
    CaseVariant,
    ComponentRequirement,
    ProcedureVersion,
    ProcessStep,
    StepKind,
)
from motcua.core.timezone import local_datetime, to_local
from motcua.demo import dossier_content as content
from motcua.demo.people_content import CitizenRow
from motcua.demo.province_content import PROVINCE_ROWS
from motcua.dossiers.deadlines import legal_clock
from motcua.dossiers.files import Upload
from motcua.dossiers.models import Channel, Dossier, ReturnMethod
from motcua.workflow import services as wf
from motcua.workflow.intake import cutoff_defers_clock

# Every instant falls in these windows of a working day (inside the office hours).
WINDOWS = ((dt.time(7, 30), dt.time(11, 15)), (dt.time(13, 30), dt.time(16, 30)))
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


class Skip(Exception):
    """The story cannot be told with this draw (rolled back, counted as skipped)."""


# --- The world the stories happen in -------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """A way a dossier can go: a case variant received at a desk for a competent agency, along
    one path of its process, with who can act at each step (empty: nobody in the demo)."""

    version: ProcedureVersion
    variant: CaseVariant
    desk: Desk
    agency: Agency
    path: tuple[ProcessStep, ...]
    actors: tuple[tuple[User, ...], ...]
    weight: float

    @property
    def complete(self) -> bool:
        return self.path[-1].kind == StepKind.RETURN and all(self.actors)

    @property
    def partner_index(self) -> int | None:
        """The first inter-agency step the dossier can reach (its partner's turn)."""
        for index, step in enumerate(self.path):
            if step.kind == StepKind.INTER_AGENCY and all(self.actors[:index]):
                return index
            if not self.actors[index]:
                return None
        return None

    @property
    def approval_index(self) -> int:
        return next(
            (i for i, s in enumerate(self.path) if s.kind == StepKind.APPROVAL),
            len(self.path) - 2,
        )

    @property
    def budget_hours(self) -> float:
        value = float(self.variant.effective_limit)
        unit = TimeUnit(self.variant.time_limit_unit)
        if unit is TimeUnit.WORKING_HOURS:
            return value
        if unit is TimeUnit.CALENDAR_DAYS:
            return value * 5 / 7 * 8
        if unit is TimeUnit.WORKING_DAYS:
            return value * 8
        return value * 22 * 8

    @property
    def online(self) -> bool:
        return self.version.accepts_online_submission


@dataclass(frozen=True)
class Applicant:
    input: wf.ApplicantInput
    person: content.Person
    organisation: content.Organisation | None
    account: User | None


@dataclass
class World:
    today: dt.date
    rng: random.Random
    last_instant: dt.datetime  # the end of the last window before the seed day: events precede it
    first_day: dt.date
    next_open_day: dt.date  # the seed day, or the next working day
    routes: list[Route]
    citizens: list[tuple[CitizenRow, User]]
    officers: dict[int, list[User]]
    calendars: dict[int, WorkingCalendar] = field(default_factory=dict)
    skipped: int = 0

    def calendar(self, agency: Agency) -> WorkingCalendar:
        if agency.pk not in self.calendars:
            self.calendars[agency.pk] = calendar_for_agency(agency)
        return self.calendars[agency.pk]


# The province's administrative unit code, for addresses in e-form answers.
PROVINCE_UNIT = PROVINCE_ROWS[0].admin_unit_code


# --- Time -----------------------------------------------------------------------------------------


def jitter(world: World, most: int = 15) -> dt.timedelta:
    return dt.timedelta(minutes=world.rng.randint(0, most))


def snap(world: World, cal: WorkingCalendar, instant: dt.datetime) -> dt.datetime:
    """`instant`, or the next moment in a working window of a working day."""
    local = to_local(instant).replace(second=0, microsecond=0)
    day, time = local.date(), local.time()
    if cal.is_working_day(day):
        for start, end in WINDOWS:
            if time < start:
                return local_datetime(day, start) + jitter(world)
            if time <= end:
                return local
    return local_datetime(cal.next_working_day(day), WINDOWS[0][0]) + jitter(world)


def later(world: World, cal: WorkingCalendar, instant: dt.datetime, hours: float) -> dt.datetime:
    """`hours` of working time after `instant`, in a working window."""
    moved = cal.add_working_time(instant, dt.timedelta(hours=max(hours, 0)))
    return max(snap(world, cal, moved), instant + MINUTE)


def slot(world: World, day: dt.date, *, before: dt.time | None = None) -> dt.datetime:
    """A random minute of the day's working windows (before `before` when given)."""
    minutes: list[int] = []
    for start, end in WINDOWS:
        first = start.hour * 60 + start.minute
        last = end.hour * 60 + end.minute
        if before is not None:
            last = min(last, before.hour * 60 + before.minute - 20)
        minutes.extend(range(first, last + 1))
    chosen = world.rng.choice(minutes) if minutes else 7 * 60 + 30
    return local_datetime(day, dt.time(chosen // 60, chosen % 60))


def _spread(
    world: World, cal: WorkingCalendar, start: dt.datetime, end: dt.datetime, n: int
) -> list[dt.datetime]:
    """`n` increasing instants after `start` in working windows, the last one `end`."""
    if n <= 0:
        return []
    total = cal.working_time_between(start, end)
    instants: list[dt.datetime] = []
    previous = start
    for i in range(1, n):
        share = (i + world.rng.uniform(-0.3, 0.3)) / n
        instant = snap(world, cal, cal.add_working_time(start, total * share))
        if instant <= previous or instant > end - (n - i) * MINUTE:
            instant = previous + MINUTE  # no room left in the window: right after the last one
        instants.append(instant)
        previous = instant
    instants.append(max(end, previous + MINUTE))
    return instants


def working_days(world: World, cal: WorkingCalendar) -> list[dt.date]:
    days = []
    day = world.first_day
    last = to_local(world.last_instant).date()
    while day <= last:
        if cal.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def expected_due(
    world: World, route: Route, channel: Channel, received: dt.datetime
) -> dt.datetime:
    """The due instant the dossier will get when received at `received` (as intake computes it)."""
    cal = world.calendar(route.desk.host)
    if channel.is_paper and cutoff_defers_clock(route.variant):
        start = clock_start(cal, received, cutoff=paper_cutoff())
    else:
        start = cal.next_working_instant(received)
    value = route.variant.effective_limit
    return due_for_time_limit(cal, start, value, TimeUnit(route.variant.time_limit_unit))


def _due(dossier: Dossier, at: dt.datetime) -> dt.datetime:
    return legal_clock(dossier, pauses=list(dossier.pauses.all()), at=at).due_at


# --- Plans ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    kind: str
    route: Route
    channel: Channel
    applicant: Applicant
    received_at: dt.datetime  # reception; for dossiers never received, the refusal or submission
    submitted_at: dt.datetime | None  # online submissions
    delivery: str

    @property
    def first_instant(self) -> dt.datetime:
        return self.submitted_at or self.received_at


# --- Acting ---------------------------------------------------------------------------------------


def _guard(world: World, *instants: dt.datetime) -> None:
    if any(instant >= world.last_instant + 30 * MINUTE for instant in instants):
        raise Skip


def _officer(world: World, plan: Plan) -> User:
    return world.rng.choice(world.officers[plan.route.desk.pk])


def _scan(plan: Plan, title: str, note: str = "Bản quét (dữ liệu mẫu)") -> Upload:
    slug = content.ascii_fold(title).lower()
    name = "".join(ch if ch.isalnum() else "-" for ch in slug)[:40].strip("-") or "tep"
    pdf = content.tiny_pdf(
        title[:90], plan.applicant.input.name, note, plan.first_instant.isoformat()
    )
    return Upload(f"{name}.pdf", pdf)


def _components(world: World, plan: Plan) -> list[wf.ComponentInput]:
    rng = world.rng
    online = plan.channel == Channel.ONLINE
    items = []
    for component in sorted(plan.route.variant.components.all(), key=lambda c: c.position):
        if component.requirement != ComponentRequirement.REQUIRED and rng.random() < 0.8:
            continue
        scan = _scan(plan, component.name)
        if online:
            items.append(wf.ComponentInput(component.code, electronic=True, files=(scan,)))
        elif component.originals > 0 and rng.random() < 0.2:
            items.append(
                wf.ComponentInput(
                    component.code,
                    originals=component.originals,
                    copies=component.copies,
                    scan_exemption="Bản chính chỉ xuất trình để đối chiếu, đã trả lại người nộp",
                )
            )
        else:
            items.append(
                wf.ComponentInput(
                    component.code,
                    originals=component.originals,
                    copies=component.copies,
                    files=(scan,),
                )
            )
    return items


def _answers(world: World, plan: Plan) -> dict[str, object]:
    ctx = content.AnswerContext(
        person=plan.applicant.person,
        organisation=plan.applicant.organisation,
        province_unit=PROVINCE_UNIT,
        day=to_local(plan.first_instant).date(),
        delivery=plan.delivery,
    )
    return content.eform_answers(plan.route.variant.eform_schema, ctx, world.rng)


def _fees(route: Route) -> Decimal:
    total = route.variant.fees.aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def _receive(world: World, plan: Plan) -> Dossier:
    """Receive at the counter or by post, or submit online and accept (after a round of intake
    supplement for that story)."""
    route = plan.route
    cal = world.calendar(route.desk.host)
    officer = _officer(world, plan)
    components = _components(world, plan)
    answers = _answers(world, plan)
    if plan.channel != Channel.ONLINE:
        return wf.dossier_receive(
            desk=route.desk,
            variant=route.variant,
            applicant=plan.applicant.input,
            components=components,
            actor=officer,
            channel=plan.channel,
            answers=answers,
            agency=route.agency,
            fees_paid=_fees(route),
            received_at=plan.received_at,
        )
    account = plan.applicant.account
    assert account is not None
    assert plan.submitted_at is not None
    dossier = wf.dossier_submit(
        variant=route.variant,
        desk=route.desk,
        applicant=plan.applicant.input,
        components=components,
        actor=account,
        answers=answers,
        agency=route.agency,
        submitted_at=plan.submitted_at,
    )
    accept_at = plan.received_at
    if plan.kind == "intake_supplement":
        component = components[0]
        asked = later(world, cal, plan.submitted_at, world.rng.uniform(1, 4))
        dossier = wf.dossier_request_intake_supplement(
            dossier=dossier,
            missing=[component.code],
            reason="Bản điện tử chưa rõ nét, đề nghị tải lại bản quét đủ trang, rõ chữ.",
            actor=officer,
            at=asked,
        )
        again = later(world, cal, asked, world.rng.uniform(3, 8))
        dossier = wf.dossier_resubmit(
            dossier=dossier,
            components=[
                wf.ComponentInput(
                    component.code, files=(_scan(plan, "Bản quét bổ sung", "Nộp lại"),)
                )
            ],
            actor=account,
            at=again,
        )
        accept_at = max(accept_at, later(world, cal, again, world.rng.uniform(0.5, 2)))
    _guard(world, accept_at)
    return wf.dossier_accept(dossier=dossier, actor=officer, at=accept_at)


def _index(route: Route, dossier: Dossier) -> int:
    """Where the dossier stands on the route's path."""
    assert dossier.current_step_id is not None
    return [step.pk for step in route.path].index(dossier.current_step_id)


def _actor(world: World, route: Route, dossier: Dossier, index: int) -> User:
    step = route.path[index]
    if step.role == Role.DESK_OFFICER:
        if dossier.handler is not None:
            return dossier.handler
        return world.rng.choice(route.actors[index])
    if dossier.handler is not None:
        return dossier.handler
    return world.rng.choice(route.actors[index])


def _result_number(world: World, dossier: Dossier, at: dt.datetime) -> str:
    serial = world.rng.randrange(100, 2000)
    return f"{serial}/{to_local(at).year}/KQ"


def _act(world: World, plan: Plan, dossier: Dossier, at: dt.datetime, *, refuse: bool = False
         ) -> Dossier:  # fmt: skip
    """One move along the path: forward, approve, or (at the last step before the return) the
    result, approved with its file or refused with reasons."""
    route = plan.route
    index = _index(route, dossier)
    step, following = route.path[index], route.path[index + 1]
    actor = _actor(world, route, dossier, index)
    if refuse:
        return wf.dossier_refuse_result(
            dossier=dossier,
            actor=actor,
            reasons=[content.pick(world.rng, content.RESULT_REFUSALS)],
            at=at,
        )
    if following.kind == StepKind.RETURN:
        result = Upload(
            f"ket-qua-{dossier.code}.pdf",
            content.tiny_pdf(
                "KET QUA GIAI QUYET THU TUC HANH CHINH",
                route.version.name[:90],
                f"Ho so: {dossier.code}",
                f"Nguoi nop: {dossier.applicant_name}",
                "Ban dien tu (du lieu mau)",
            ),
        )
        number = _result_number(world, dossier, at)
        summary = (route.version.result or route.version.name)[:300]
        if step.kind == StepKind.APPROVAL:
            return wf.dossier_approve(
                dossier=dossier, actor=actor, to_step=following.code, result_number=number,
                summary=summary, files=[result], at=at,
            )  # fmt: skip
        return wf.dossier_result_ready(
            dossier=dossier, actor=actor, result_number=number, summary=summary, files=[result],
            at=at,
        )  # fmt: skip
    if step.kind == StepKind.APPROVAL:
        return wf.dossier_approve(dossier=dossier, actor=actor, to_step=following.code, at=at)
    partners = route.actors[index + 1]
    handler = world.rng.choice(partners) if following.role == Role.SPECIALIST and partners else None
    return wf.dossier_forward(
        dossier=dossier, actor=actor, to_step=following.code, handler=handler, at=at
    )


def _handed_over(world: World, plan: Plan, dossier: Dossier, at: dt.datetime) -> dt.datetime:
    """`at`, or a moment after the handover when a paper dossier received after the cut-off
    reaches the agency only at the next opening (nobody acts on it before)."""
    handover = dossier.handover_at
    if handover is None or at > handover:
        return at
    cal = world.calendar(plan.route.desk.host)
    return snap(world, cal, handover + MINUTE + jitter(world, 30))


def _walk(world: World, plan: Plan, dossier: Dossier, instants: Sequence[dt.datetime],
          *, refuse_last: bool = False) -> tuple[Dossier, dt.datetime]:  # fmt: skip
    """Take the moves at the planned instants (later when the handover or the previous move
    comes after one). Returns the dossier and the last move's instant."""
    previous = dossier.received_at
    assert previous is not None
    for number, planned in enumerate(instants, start=1):
        at = _handed_over(world, plan, dossier, max(planned, previous + MINUTE))
        _guard(world, at)
        dossier = _act(world, plan, dossier, at, refuse=refuse_last and number == len(instants))
        previous = at
    return dossier, previous


def _moves_to_result(route: Route, dossier: Dossier, *, refuse: bool) -> int:
    """Actions from the current step to the result (a refusal is decided at the approval step)."""
    index = _index(route, dossier)
    if refuse:
        return route.approval_index - index + 1
    return len(route.path) - 1 - index


def _finish_at(
    world: World, cal: WorkingCalendar, kind: str, after: dt.datetime, due: dt.datetime, moves: int
) -> dt.datetime:
    """When the result is ready: before the due date (early), on the due date (on time) or
    after the due (late)."""
    rng = world.rng
    earliest = after + moves * 10 * MINUTE
    if kind in ("late", "apology_finished"):
        finish = later(world, cal, max(due, after), rng.uniform(3, 20))
        return max(finish, earliest)
    if kind == "on_time":
        day = to_local(due).date()
        for candidate in (
            to_local(due) - dt.timedelta(minutes=rng.randint(5, 45)),
            local_datetime(day, dt.time(16, 10)),
            local_datetime(day, dt.time(10, 40)),
            local_datetime(day, dt.time(8, 0)),
        ):
            time = candidate.time()
            in_window = any(start <= time <= end for start, end in WINDOWS)
            if candidate.date() == day and candidate <= due and candidate > earliest and in_window:
                return candidate.replace(second=0, microsecond=0)
    span = cal.working_time_between(after, due).total_seconds() / 3600
    finish = later(world, cal, after, span * rng.uniform(0.15, 0.75))
    if kind == "result_waiting":
        finish = min(finish, world.last_instant - 5 * MINUTE)
    return max(finish, earliest)


def _return(world: World, plan: Plan, dossier: Dossier, finished: dt.datetime) -> Dossier:
    """Hand the result over, the way the applicant asked (not yet, when that falls on or after
    the seed day)."""
    rng = world.rng
    cal = world.calendar(plan.route.desk.host)
    delivery = str(dossier.answers.get("result_delivery", plan.delivery))
    if plan.channel == Channel.ONLINE or delivery == "dien_tu":
        method = ReturnMethod.ELECTRONIC
        at = snap(world, cal, finished + dt.timedelta(minutes=rng.randint(10, 60)))
    elif delivery == "buu_chinh":
        method = ReturnMethod.POST
        at = later(world, cal, finished, rng.uniform(2, 8))
    else:
        method = ReturnMethod.COUNTER
        at = later(world, cal, finished, rng.uniform(1, 24))
    if at >= world.last_instant:
        return dossier
    person = plan.applicant.person
    return wf.dossier_return(
        dossier=dossier,
        actor=_officer(world, plan),
        method=method,
        received_by_name=person.full_name if method == ReturnMethod.COUNTER else "",
        received_by_id_number=person.personal_id if method == ReturnMethod.COUNTER else "",
        tracking_number=(
            f"EB{rng.randrange(10**8, 10**9)}VN" if method == ReturnMethod.POST else ""
        ),
        at=at,
    )


def _request_supplement(world: World, plan: Plan, dossier: Dossier, at: dt.datetime) -> Dossier:
    rng = world.rng
    components = sorted(plan.route.variant.components.all(), key=lambda c: c.position)
    component = rng.choice(components)
    assert dossier.handler is not None
    return wf.dossier_request_supplement(
        dossier=dossier,
        actor=dossier.handler,
        items=[(component.code, content.pick(rng, content.SUPPLEMENT_REQUIREMENTS))],
        reason=content.pick(rng, content.SUPPLEMENT_REASONS),
        late_reason="Phải xác minh thông tin với cơ quan liên quan trước khi yêu cầu bổ sung.",
        at=at,
    )


def _request_payment(world: World, dossier: Dossier, at: dt.datetime) -> tuple[Dossier, Decimal]:
    amount = Decimal(world.rng.choice((150_000, 250_000, 500_000, 1_200_000)))
    assert dossier.handler is not None
    dossier = wf.dossier_request_payment(
        dossier=dossier,
        actor=dossier.handler,
        amount=amount,
        reason=content.pick(world.rng, content.PAYMENT_REASONS),
        at=at,
    )
    return dossier, amount


def _apology(
    world: World, plan: Plan, dossier: Dossier, *, since: dt.datetime, due: dt.datetime,
    new_due: dt.datetime,
) -> tuple[Dossier, dt.datetime]:  # fmt: skip
    """The handler drafts and submits the apology with a new appointment, a leader approves it
    at least a working day before the due. Returns the dossier and the approval instant."""
    cal = world.calendar(plan.route.desk.host)
    left = cal.working_time_between(since, due).total_seconds() / 3600
    if left < 24:
        raise Skip
    handler = dossier.handler
    assert handler is not None
    drafted = later(world, cal, since, left - 20 + world.rng.uniform(0, 3))
    wf.apology_draft(
        dossier=dossier,
        actor=handler,
        reason=content.pick(world.rng, content.APOLOGY_REASONS),
        new_due_at=new_due,
        at=drafted,
    )
    submitted = later(world, cal, drafted, world.rng.uniform(0.3, 1))
    wf.apology_submit(dossier=dossier, actor=handler, at=submitted)
    approved = later(world, cal, submitted, world.rng.uniform(2, 5))
    leader = world.rng.choice(plan.route.actors[plan.route.approval_index])
    wf.apology_approve(
        dossier=dossier, actor=leader, note="Đồng ý, gửi văn bản xin lỗi và hẹn lại", at=approved
    )
    dossier.refresh_from_db()
    _guard(world, approved)
    return dossier, approved


# --- Stories --------------------------------------------------------------------------------------


def _run_finished(world: World, plan: Plan) -> Dossier:
    """Received, handled and (unless the result waits at the desk) returned."""
    rng = world.rng
    kind = plan.kind
    cal = world.calendar(plan.route.desk.host)
    dossier = _receive(world, plan)
    assert dossier.received_at is not None
    since = dossier.received_at
    if kind in ("supplement", "payment", "apology_finished"):
        dossier, since = _walk(
            world, plan, dossier, [later(world, cal, since, rng.uniform(0.5, 4))]
        )
        if kind == "supplement":
            asked = later(world, cal, since, rng.uniform(1, 8))
            dossier = _request_supplement(world, plan, dossier, asked)
            since = later(world, cal, asked, rng.uniform(16, 56))
            _guard(world, since)
            dossier = wf.dossier_receive_supplement(
                dossier=dossier,
                actor=_officer(world, plan),
                files=[_scan(plan, "Giấy tờ bổ sung theo phiếu yêu cầu")],
                note="Người nộp đã bổ sung đầy đủ theo phiếu yêu cầu.",
                at=since,
            )
        elif kind == "payment":
            asked = later(world, cal, since, rng.uniform(1, 6))
            dossier, amount = _request_payment(world, dossier, asked)
            since = later(world, cal, asked, rng.uniform(6, 30))
            _guard(world, since)
            assert dossier.handler is not None
            dossier = wf.dossier_confirm_payment(
                dossier=dossier,
                actor=dossier.handler,
                amount=amount,
                online=plan.channel == Channel.ONLINE,
                note="Đã có chứng từ nộp tiền vào ngân sách nhà nước.",
                at=since,
            )
        else:
            due = _due(dossier, since)
            new_due = later(world, cal, due, rng.uniform(16, 24))
            dossier, since = _apology(world, plan, dossier, since=since, due=due, new_due=new_due)
    refuse = kind == "refused_result"
    moves = _moves_to_result(plan.route, dossier, refuse=refuse)
    finish = _finish_at(world, cal, kind, since, _due(dossier, since), moves)
    _guard(world, finish)
    dossier, finished = _walk(
        world, plan, dossier, _spread(world, cal, since, finish, moves), refuse_last=refuse
    )
    if kind == "result_waiting":
        return dossier
    return _return(world, plan, dossier, finished)


def _run_open(world: World, plan: Plan) -> Dossier:
    """Received and still being handled on the seed day, at the story's step."""
    rng = world.rng
    kind = plan.kind
    route = plan.route
    cal = world.calendar(route.desk.host)
    dossier = _receive(world, plan)
    assert dossier.received_at is not None
    received = dossier.received_at
    target = {
        "open_reception": 0,
        "open_processing": 1,
        "open_supplement": 1,
        "open_payment": 1,
        "open_apology": 1,
        "open_approval": route.approval_index,
        "open_inter_agency": route.partner_index or 1,
    }.get(kind, rng.randint(1, route.approval_index))
    extra = 1 if kind in ("open_supplement", "open_payment") else 0
    moves = target + extra
    if moves == 0:
        return dossier
    if kind == "open_apology":
        dossier, since = _walk(
            world, plan, dossier, [later(world, cal, received, rng.uniform(0.5, 4))]
        )
        due = _due(dossier, since)
        opening = cal.opening_of(world.next_open_day)
        new_due = later(world, cal, opening, rng.uniform(12, 30))
        dossier, _ = _apology(world, plan, dossier, since=since, due=due, new_due=new_due)
        return dossier
    span = cal.working_time_between(received, world.last_instant).total_seconds() / 3600
    end = later(world, cal, received, span * rng.uniform(0.3, 0.9))
    end = min(end, world.last_instant - 5 * MINUTE)
    instants = _spread(world, cal, received, end, moves)
    dossier, last = _walk(world, plan, dossier, instants[:target])
    asked = max(instants[-1], last + MINUTE)
    if kind in ("open_supplement", "open_payment"):
        _guard(world, asked)
    if kind == "open_supplement":
        dossier = _request_supplement(world, plan, dossier, asked)
    elif kind == "open_payment":
        dossier, _ = _request_payment(world, dossier, asked)
    return dossier


def _run_refused_counter(world: World, plan: Plan) -> Dossier:
    return wf.dossier_refuse_at_counter(
        desk=plan.route.desk,
        variant=plan.route.variant,
        applicant=plan.applicant.input,
        reasons=[content.pick(world.rng, content.INTAKE_REFUSALS)],
        actor=_officer(world, plan),
        at=plan.received_at,
    )


def _submit(world: World, plan: Plan, at: dt.datetime) -> Dossier:
    account = plan.applicant.account
    assert account is not None
    return wf.dossier_submit(
        variant=plan.route.variant,
        desk=plan.route.desk,
        applicant=plan.applicant.input,
        components=_components(world, plan),
        actor=account,
        answers=_answers(world, plan),
        agency=plan.route.agency,
        submitted_at=at,
    )


def _run_refused_online(world: World, plan: Plan) -> Dossier:
    assert plan.submitted_at is not None
    dossier = _submit(world, plan, plan.submitted_at)
    return wf.dossier_refuse_intake(
        dossier=dossier,
        reasons=[content.pick(world.rng, content.INTAKE_REFUSALS)],
        actor=_officer(world, plan),
        at=plan.received_at,
    )


def _run_submitted(world: World, plan: Plan) -> Dossier:
    return _submit(world, plan, plan.received_at)


def _run_withdrawn(world: World, plan: Plan) -> Dossier:
    """Received, then withdrawn at the applicant's request and stopped by the desk."""
    rng = world.rng
    cal = world.calendar(plan.route.desk.host)
    dossier = _receive(world, plan)
    assert dossier.received_at is not None
    planned = later(world, cal, dossier.received_at, rng.uniform(0.5, 4))
    dossier, forwarded = _walk(world, plan, dossier, [planned])
    asked = later(world, cal, forwarded, rng.uniform(2, 8))
    requester = plan.applicant.account or _officer(world, plan)
    dossier = wf.dossier_request_withdrawal(
        dossier=dossier,
        actor=requester,
        reason=content.pick(rng, content.WITHDRAWAL_REASONS),
        at=asked,
    )
    stopped = later(world, cal, asked, rng.uniform(1, 4))
    _guard(world, stopped)
    return wf.dossier_stop(dossier=dossier, actor=_officer(world, plan), at=stopped)


_FINISHED_STORIES = (
    "early", "on_time", "late", "apology_finished", "supplement", "payment", "refused_result",
    "result_waiting", "intake_supplement",
)  # fmt: skip
_OPEN_STORIES = (
    "open_reception", "open_processing", "open_approval", "open_due_soon", "open_overdue",
    "open_apology", "open_supplement", "open_payment", "open_inter_agency",
)  # fmt: skip
RUNNERS: dict[str, Callable[[World, Plan], Dossier]] = {
    **dict.fromkeys(_FINISHED_STORIES, _run_finished),
    **dict.fromkeys(_OPEN_STORIES, _run_open),
    "refused_counter": _run_refused_counter,
    "refused_online": _run_refused_online,
    "submitted": _run_submitted,
    "withdrawn": _run_withdrawn,
}
