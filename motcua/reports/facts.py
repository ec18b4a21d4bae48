"""Computing and storing `DossierFact`: what the reports count about a dossier, derived by the same
deadline engine the workspace uses (`motcua.dossiers.deadlines.dossier_deadline`).

`fact_refresh` runs inside every workflow event's transaction (`motcua.workflow.core.record`);
`facts_refresh` does the same for many dossiers at once (the historic import, the rebuild
command). `fact_compute` is pure given the loaded rows, so "stored equals live" is one comparison.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.calendar.engine import Pause
from motcua.calendar.models import CalendarOverride, OfficeHours
from motcua.catalog.models import StepKind
from motcua.core.timezone import local_datetime
from motcua.dossiers.deadlines import (
    Calendars,
    DueFunction,
    Timeliness,
    dossier_deadline,
    lacks_apology,
)
from motcua.dossiers.models import (
    Apology,
    ApologyStatus,
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFile,
    DossierPause,
    DossierStatus,
    FileKind,
    PauseKind,
    ResultKind,
    ReturnMethod,
    StepVisit,
    hours,
)
from motcua.reports.models import CalendarMark, DossierFact, EndKind, Judgement

BATCH = 500
# Fields compared between a stored fact and a fresh computation (all but the refresh instant).
COMPARED = tuple(
    f.attname for f in DossierFact._meta.concrete_fields if f.attname != "refreshed_at"
)


@dataclass(frozen=True)
class Loaded:
    """The rows a fact is computed from, loaded once (per dossier or per batch)."""

    pauses: Sequence[DossierPause]
    visits: Sequence[StepVisit]
    components: Sequence[DossierComponent]
    apologies: Sequence[Apology]
    has_result_file: bool
    refused_intake_at: dt.datetime | None


def _dossiers(ids: Iterable[int]) -> list[Dossier]:
    return list(
        Dossier.objects.filter(pk__in=list(ids)).select_related(
            "version", "receiving_agency", "applicant_account"
        )
    )


def _load(dossiers: Sequence[Dossier]) -> dict[int, Loaded]:
    ids = [d.pk for d in dossiers]
    pauses: dict[int, list[DossierPause]] = defaultdict(list)
    visits: dict[int, list[StepVisit]] = defaultdict(list)
    components: dict[int, list[DossierComponent]] = defaultdict(list)
    apologies: dict[int, list[Apology]] = defaultdict(list)
    for pause in DossierPause.objects.filter(dossier_id__in=ids).order_by("started_at", "pk"):
        pauses[pause.dossier_id].append(pause)
    for visit in (
        StepVisit.objects.filter(dossier_id__in=ids)
        .select_related("step", "agency")
        .order_by("started_at", "pk")
    ):
        visits[visit.dossier_id].append(visit)
    for component in DossierComponent.objects.filter(dossier_id__in=ids).only(
        "dossier_id", "digitised", "reused", "from_store"
    ):
        components[component.dossier_id].append(component)
    for apology in Apology.objects.filter(dossier_id__in=ids):
        apologies[apology.dossier_id].append(apology)
    with_result = set(
        DossierFile.objects.filter(dossier_id__in=ids, kind=FileKind.RESULT).values_list(
            "dossier_id", flat=True
        )
    )
    refused: dict[int, dt.datetime] = dict(
        DossierEvent.objects.filter(dossier_id__in=ids, action="refuse_intake").values_list(
            "dossier_id", "occurred_at"
        )
    )
    return {
        pk: Loaded(
            pauses=pauses[pk],
            visits=visits[pk],
            components=components[pk],
            apologies=apologies[pk],
            has_result_file=pk in with_result,
            refused_intake_at=refused.get(pk),
        )
        for pk in ids
    }


def _judgement(value: object) -> str:
    return Judgement(str(value)).value if isinstance(value, Timeliness) else ""


def fact_compute(
    dossier: Dossier, loaded: Loaded, *, at: dt.datetime, calendars: Calendars
) -> DossierFact | None:
    """The fact of a dossier, or None for one that has no place in the reports yet (a submission
    not received nor refused)."""
    version = dossier.version
    fact = DossierFact(
        dossier_id=dossier.pk,
        agency_id=dossier.agency_id,
        receiving_agency_id=dossier.receiving_agency_id,
        desk_id=dossier.desk_id,
        procedure_id=version.procedure_id,
        version_id=version.pk,
        field_id=version.field_id,
        channel=dossier.channel,
        online_level=version.online_level,
        four_at_desk=version.four_at_desk,
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        refreshed_at=at,
    )
    if dossier.status == DossierStatus.REFUSED_INTAKE:
        fact.refused_intake_at = loaded.refused_intake_at
        return fact
    if dossier.clock_started_at is None:
        return None

    finished = dossier.finished_at is not None
    open_pauses = [p for p in loaded.pauses if p.ended_at is None]
    # An open dossier's due is computed without its open pause (a pause has no end yet): reports
    # treat it as paused from `paused_since`, so nothing stored depends on when it was computed.
    pauses = loaded.pauses if finished else [p for p in loaded.pauses if p.ended_at is not None]
    # A finished dossier's agency shares stop at the finish: the return step opened by it waits
    # for the applicant, and counting it would make the fact depend on when it was computed.
    visits = (
        [v for v in loaded.visits if v.started_at < dossier.finished_at]
        if dossier.finished_at is not None
        else loaded.visits
    )
    deadline = dossier_deadline(dossier, at=at, pauses=pauses, visits=visits, calendars=calendars)
    legal = deadline.legal
    if not finished and open_pauses:
        fact.paused_since = open_pauses[0].started_at
    fact.limit_hours = hours(legal.budget)
    fact.due_at = legal.due_at
    fact.soon_at = legal.soon_at
    fact.inter_agency = any(
        visit.step.kind == StepKind.INTER_AGENCY
        or visit.agency_id not in (dossier.agency_id, dossier.receiving_agency_id)
        for visit in loaded.visits
    )
    fact.supplement_count = dossier.supplement_count
    supplements = [p for p in loaded.pauses if p.kind == PauseKind.SUPPLEMENT]
    fact.first_supplement_at = supplements[0].started_at if supplements else None

    # Decision 766 view: the instant its budget runs out (more than one supplement request makes
    # the dossier late from its first clock start), and the elapsed working time.
    first = dossier.first_clock_started_at or dossier.clock_started_at
    calendar = calendars.for_agency(dossier.receiving_agency)
    if dossier.supplement_count > 1:
        fact.due_766_at = first
    else:
        budget_766 = DueFunction(calendar, first, dossier.limit_value, dossier.time_unit).budget()
        fact.due_766_at = calendar.add_working_time(
            first, budget_766, pauses=_engine(pauses, end=dossier.finished_at or at)
        )

    if finished:
        # What depends on the end: fixed once finished (an open dossier's elapsed time, agency
        # shares and missing apology depend on "now" and are derived by the reports instead).
        fact.elapsed_hours = hours(deadline.elapsed_766)
        fact.agencies_late = len(deadline.late_agencies)
        fact.lacks_apology = lacks_apology(deadline, loaded.apologies)
        fact.finished_at = dossier.finished_at
        if dossier.status == DossierStatus.STOPPED:
            fact.end_kind = EndKind.STOPPED
        elif dossier.result_kind == ResultKind.REFUSED:
            fact.end_kind = EndKind.REFUSAL
        else:
            fact.end_kind = EndKind.RESULT
        fact.timeliness = _judgement(legal.timeliness)
        fact.timeliness_766 = _judgement(deadline.view_766)
        fact.agencies_all_early = all(
            step.clock.timeliness is Timeliness.EARLY for step in deadline.steps
        )
    fact.returned_at = dossier.returned_at
    fact.return_method = dossier.return_method
    if dossier.status == DossierStatus.RETURNED:
        fact.settled_at = dossier.returned_at
    elif dossier.status == DossierStatus.STOPPED:
        fact.settled_at = dossier.finished_at

    approved = [a for a in loaded.apologies if a.status == ApologyStatus.APPROVED and a.decided_at]
    if approved:
        fact.apology_at = approved[0].decided_at
        fact.apology_late = approved[0].late

    fact.e_result = loaded.has_result_file or dossier.return_method == ReturnMethod.ELECTRONIC
    fact.digitised = any(c.digitised for c in loaded.components)
    fact.reused = any(c.reused for c in loaded.components)
    fact.from_store = any(c.from_store for c in loaded.components)
    account = dossier.applicant_account
    fact.vneid = account is not None and account.identity_verified_at is not None
    fact.has_fees = dossier.fees_due > 0
    fact.paid_online = dossier.paid_online
    return fact


def _engine(pauses: Sequence[DossierPause], *, end: dt.datetime) -> tuple[Pause, ...]:
    return tuple(
        Pause(p.started_at, p.ended_at or max(end, p.started_at), kind=p.kind, reason=p.reason)
        for p in pauses
        if p.started_at <= end
    )


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def facts_compute(
    ids: Sequence[int], *, at: dt.datetime | None = None, calendars: Calendars | None = None
) -> dict[int, DossierFact | None]:
    """Fresh facts of the given dossiers (None for those with no place in the reports)."""
    at = at or timezone.now()
    calendars = calendars or Calendars()
    result: dict[int, DossierFact | None] = {}
    for chunk in _chunks(list(ids), BATCH):
        dossiers = _dossiers(chunk)
        loaded = _load(dossiers)
        for dossier in dossiers:
            result[dossier.pk] = fact_compute(
                dossier, loaded[dossier.pk], at=at, calendars=calendars
            )
    return result


def facts_refresh(ids: Iterable[int], *, at: dt.datetime | None = None) -> int:
    """Recompute and store the facts of the given dossiers; returns how many are stored."""
    ids = list(ids)
    stored = 0
    calendars = Calendars()
    for chunk in _chunks(ids, BATCH):
        fresh = facts_compute(chunk, at=at, calendars=calendars)
        DossierFact.objects.filter(dossier_id__in=chunk).delete()
        rows = [fact for fact in fresh.values() if fact is not None]
        DossierFact.objects.bulk_create(rows, batch_size=BATCH)
        stored += len(rows)
    return stored


def fact_refresh(dossier: Dossier, *, at: dt.datetime | None = None) -> None:
    """Refresh one dossier's fact (inside the caller's transaction)."""
    facts_refresh([dossier.pk], at=at)


def facts_differing(ids: Iterable[int] | None = None) -> list[int]:
    """Dossiers whose stored fact differs from a fresh computation (or is missing or extra)."""
    query = Dossier.objects.filter(
        Q(clock_started_at__isnull=False) | Q(status=DossierStatus.REFUSED_INTAKE)
    )
    if ids is not None:
        ids = list(ids)
        query = query.filter(pk__in=ids)
    wanted = list(query.order_by("pk").values_list("pk", flat=True))
    differing: list[int] = []
    calendars = Calendars()
    for chunk in _chunks(wanted, BATCH):
        fresh = facts_compute(chunk, calendars=calendars)
        stored = {f.dossier_id: f for f in DossierFact.objects.filter(dossier_id__in=chunk)}
        for pk in chunk:
            new, old = fresh.get(pk), stored.get(pk)
            if (new is None) != (old is None) or (
                new is not None and old is not None and not same(new, old)
            ):
                differing.append(pk)
    extra = DossierFact.objects.exclude(dossier_id__in=query.values("pk"))
    if ids is not None:
        extra = extra.filter(dossier_id__in=ids)
    differing += list(extra.values_list("dossier_id", flat=True))
    return differing


def same(a: DossierFact, b: DossierFact) -> bool:
    """Equal in every compared field (decimals by value, instants by the moment they denote)."""
    return all(getattr(a, name) == getattr(b, name) for name in COMPARED)


def differences(a: DossierFact, b: DossierFact) -> dict[str, tuple[object, object]]:
    return {
        name: (getattr(a, name), getattr(b, name))
        for name in COMPARED
        if getattr(a, name) != getattr(b, name)
    }


def facts_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Recompute every fact from the dossiers (after a restore, a bulk fix, or to prove the
    projection: `report_facts --check` compares without writing). Returns how many are stored."""
    wanted = list(
        Dossier.objects.filter(
            Q(clock_started_at__isnull=False) | Q(status=DossierStatus.REFUSED_INTAKE)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    DossierFact.objects.exclude(dossier_id__in=wanted).delete()
    stored = 0
    for start in range(0, len(wanted), BATCH * 10):
        with transaction.atomic():
            stored += facts_refresh(wanted[start : start + BATCH * 10])
        if progress is not None:
            progress(min(start + BATCH * 10, len(wanted)), len(wanted))
    return stored


def facts_refresh_after_calendar_change(*, at: dt.datetime | None = None) -> int:
    """Due instants are derived from the calendar (domain §3): when a day off, a make-up day or
    office hours change, the dues of dossiers whose clock ran on or after the first changed date
    move. Refresh the facts computed before the change that are still open, or finished or due on
    or after that date; returns how many were refreshed. Run by the schedule (refresh_report_facts).
    """
    at = at or timezone.now()
    mark, created = CalendarMark.objects.get_or_create(pk=1, defaults={"synced_at": at})
    if created:
        return 0  # every fact so far was computed with the calendar as it is now
    overrides = CalendarOverride.objects.filter(updated_at__gt=mark.synced_at)
    hours_rows = OfficeHours.objects.filter(updated_at__gt=mark.synced_at)
    days = [*overrides.values_list("start_date", flat=True)]
    days += [*hours_rows.values_list("valid_from", flat=True)]
    changed = [
        *overrides.values_list("updated_at", flat=True),
        *hours_rows.values_list("updated_at", flat=True),
    ]
    if not days:
        return 0
    since = local_datetime(min(days), dt.time())
    stale = list(
        DossierFact.objects.filter(received_at__isnull=False, refreshed_at__lt=max(changed))
        .filter(Q(finished_at__isnull=True) | Q(finished_at__gte=since) | Q(due_at__gte=since))
        .order_by("dossier_id")
        .values_list("dossier_id", flat=True)
    )
    refreshed = 0
    for start in range(0, len(stale), BATCH * 10):
        with transaction.atomic():
            refreshed += facts_refresh(stale[start : start + BATCH * 10], at=at)
    CalendarMark.objects.filter(pk=1).update(synced_at=at)
    return refreshed
