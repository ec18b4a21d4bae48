"""Scoring of the one-stop service under Circular 01/2018/TT-VPCP Article 13 (bộ chỉ số đánh giá
việc giải quyết thủ tục hành chính), quarterly and yearly (Art 15.4): nine indicators of 0, 1 or 2
points. docs/reports.md states every rule in words; the short version:

Per dossier — the dossiers resolved in the period (result or refusal ready, by `finished_at`;
stopped and withdrawn dossiers have no result and are not scored):
 1. total time against the limit: early 2, on time 1, late 0 (`DossierFact.timeliness`);
 2. each agency's time against its share: every step early 2, no agency over its share 1, else 0;
 3. contacts to complete the dossier: supplement requests after reception 0 → 2, 1 → 1, more → 0
    (motcua has no "the applicant was at fault" mark yet: every request counts);
 4. places the applicant dealt with: filed online and the result not collected at the counter 2,
    otherwise the one-stop desk only 1 (0, "another agency as well", is not recorded);
 7. conduct: a substantiated complaint 0 (a PAKN about an officer's conduct linked to the dossier,
    accepted and answered); otherwise early 2, on time 1, late `LATE_WITHOUT_COMPLAINT`.

Per unit (the competent agency):
 5. "4 tại chỗ": the share of its procedures in force at the period's end flagged four-at-desk
    reaches the threshold of its level (province and departments 20%, district 50%, commune 100%)
    2, else 0;
 6. publication: procedures published electronically (motcua's public catalog) 1; "posted at the
    desk as well" (2) is not recorded;
 8. PAKN answered on time: 100% 2, ≥ 90% 1, less 0 (none to answer: 2);
 9. online service: ≥ 20% of its procedures online (partial or full), ≥ 30% of its dossiers
    received online and no online dossier late 2; else ≥ 15% received online 1; else 0.

An indicator scored per dossier is averaged per agency: Σ points ÷ dossiers, to one decimal. An
agency's total (out of 18) adds those five averages and the four unit indicators; a staff member's
score is the sum of the five averages over the dossiers in which they handled a step.

Everything is counted in SQL (CASE expressions over `DossierFact`), never dossier by dossier.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_noop

from motcua.accounts.models import Agency, AgencyLevel, User
from motcua.catalog.models import OnlineLevel, ProcedureVersion, VersionStatus
from motcua.dossiers.models import Channel, ReturnMethod, StepVisit
from motcua.feedback.models import Feedback, FeedbackSubject
from motcua.reports.models import DossierFact, EndKind, Judgement
from motcua.reports.periods import Period
from motcua.reports.scope import ReportFilter
from motcua.reports.timeliness import FIGURE_BY_CODE

DOSSIER_INDICATORS = (1, 2, 3, 4, 7)
UNIT_INDICATORS = (5, 6, 8, 9)
ALL_INDICATORS = (1, 2, 3, 4, 5, 6, 7, 8, 9)
MAX_TOTAL = 18

# Indicator 7 for a late dossier without a substantiated complaint. Circular 01/2018 gives 2 for
# "early, no complaint", 1 for "on time" and 0 for "a substantiated complaint"; a late dossier
# meets neither the 2-point nor the 1-point description, so it gets the lowest level. UNCONFIRMED.
LATE_WITHOUT_COMPLAINT = 0

# Indicator 5: the share of procedures done "4 tại chỗ" an agency of each level must reach (%).
# Units under a department and vertical (branch) agencies are treated as provincial level.
FOUR_AT_DESK_THRESHOLD: Mapping[str, int] = {
    AgencyLevel.PROVINCE: 20,
    AgencyLevel.DEPARTMENT: 20,
    AgencyLevel.UNIT: 20,
    AgencyLevel.BRANCH: 20,
    AgencyLevel.DISTRICT: 50,
    AgencyLevel.COMMUNE: 100,
}

SCORED_END_KINDS = (EndKind.RESULT, EndKind.REFUSAL)
ONLINE_LEVELS = (OnlineLevel.PARTIAL, OnlineLevel.FULL)

# Vietnamese labels (exports keep them); pages translate them with {% translate %}.
INDICATOR_LABELS: Mapping[int, str] = {
    1: gettext_noop("Tổng thời gian giải quyết so với thời hạn"),
    2: gettext_noop("Thời gian thực hiện của từng cơ quan so với thời gian được giao"),
    3: gettext_noop("Số lần liên hệ để hoàn thiện hồ sơ"),
    4: gettext_noop("Số cơ quan, đơn vị phải liên hệ"),
    5: gettext_noop("Thực hiện “4 tại chỗ”"),
    6: gettext_noop("Công khai thủ tục hành chính"),
    7: gettext_noop("Thái độ của cán bộ, công chức"),
    8: gettext_noop("Xử lý phản ánh, kiến nghị đúng hạn"),
    9: gettext_noop("Cung cấp dịch vụ công trực tuyến"),
}

AGENCY_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(15), gettext_noop("Xuất sắc")),
    (Decimal(12), gettext_noop("Tốt")),
    (Decimal(9), gettext_noop("Khá")),
    (Decimal(6), gettext_noop("Trung bình")),
)
AGENCY_BAND_LOWEST = gettext_noop("Yếu")

STAFF_FULL = gettext_noop("Hoàn thành 100% nhiệm vụ")
STAFF_MOST = gettext_noop("Hoàn thành từ 70% đến dưới 100% nhiệm vụ")
STAFF_LESS = gettext_noop("Hoàn thành dưới 70% nhiệm vụ")


def agency_band(total: Decimal) -> str:
    """≥ 15 Xuất sắc, ≥ 12 Tốt, ≥ 9 Khá, ≥ 6 Trung bình, below Yếu."""
    for floor, label in AGENCY_BANDS:
        if total >= floor:
            return label
    return AGENCY_BAND_LOWEST


def staff_band(score: Decimal) -> str:
    """≥ 5: 100% of the tasks; 3.5 to < 5: 70% to < 100%; < 3.5: < 70%."""
    if score >= 5:
        return STAFF_FULL
    if score >= Decimal("3.5"):
        return STAFF_MOST
    return STAFF_LESS


def average(total: int, count: int) -> Decimal:
    """Σ points ÷ dossiers, to one decimal (half up)."""
    if count == 0:
        return Decimal(0)
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# --- Per dossier ------------------------------------------------------------------------------


def scored_condition(period: Period, prefix: str = "") -> Q:
    """Dossiers scored in the period: resolved (result or refusal) within it."""
    return Q(
        **{
            f"{prefix}finished_at__gte": period.start,
            f"{prefix}finished_at__lt": period.end,
            f"{prefix}end_kind__in": list(SCORED_END_KINDS),
        }
    )


def scored_facts(*, report: ReportFilter, period: Period) -> QuerySet[DossierFact]:
    """The dossier facts the per-dossier indicators are averaged over."""
    return DossierFact.objects.filter(scored_condition(period)).filter(report.q())


def substantiated_complaint(dossier_ref: str = "dossier_id") -> Exists:
    """A PAKN about an officer's conduct linked to the dossier that was accepted and answered
    (motcua has no separate "substantiated" verdict: accepted and answered stands for it)."""
    return Exists(
        Feedback.objects.filter(
            dossier_id=OuterRef(dossier_ref),
            subject=FeedbackSubject.CONDUCT,
            accepted_at__isnull=False,
            answered_at__isnull=False,
        )
    )


def point_expressions(prefix: str = "") -> dict[int, Case]:
    """The points of indicators 1, 2, 3, 4 and 7 as SQL CASE expressions over a fact (`prefix`
    reaches the fact from another model, e.g. "dossier__fact__" from a step visit; both have the
    dossier's id as `dossier_id`)."""

    def q(**lookups: object) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    def case(*whens: When, default: int) -> Case:
        return Case(*whens, default=Value(default), output_field=IntegerField())

    return {
        1: case(
            When(q(timeliness=Judgement.EARLY), then=Value(2)),
            When(q(timeliness=Judgement.ON_TIME), then=Value(1)),
            default=0,
        ),
        2: case(
            When(q(agencies_all_early=True), then=Value(2)),
            When(q(agencies_late=0), then=Value(1)),
            default=0,
        ),
        3: case(
            When(q(supplement_count=0), then=Value(2)),
            When(q(supplement_count=1), then=Value(1)),
            default=0,
        ),
        4: case(
            When(q(channel=Channel.ONLINE) & ~q(return_method=ReturnMethod.COUNTER), then=Value(2)),
            default=1,
        ),
        7: case(
            When(Q(substantiated_complaint()), then=Value(0)),
            When(q(timeliness=Judgement.EARLY), then=Value(2)),
            When(q(timeliness=Judgement.ON_TIME), then=Value(1)),
            default=LATE_WITHOUT_COMPLAINT,
        ),
    }


def _sums(prefix: str = "") -> dict[str, Sum]:
    return {f"p{n}": Sum(expression) for n, expression in point_expressions(prefix).items()}


def circular01_dossier_points(fact: DossierFact) -> dict[int, int]:
    """The points one dossier earns on indicators 1, 2, 3, 4 and 7 (for a drill-down); the same
    rules as `point_expressions`, which the tables use."""
    timeliness = fact.timeliness
    points = {
        1: 2 if timeliness == Judgement.EARLY else 1 if timeliness == Judgement.ON_TIME else 0,
        2: 2 if fact.agencies_all_early else 1 if fact.agencies_late == 0 else 0,
        3: 2 if fact.supplement_count == 0 else 1 if fact.supplement_count == 1 else 0,
        4: 2
        if fact.channel == Channel.ONLINE and fact.return_method != ReturnMethod.COUNTER
        else 1,
    }
    complained = Feedback.objects.filter(
        dossier_id=fact.dossier_id,
        subject=FeedbackSubject.CONDUCT,
        accepted_at__isnull=False,
        answered_at__isnull=False,
    ).exists()
    if complained:
        points[7] = 0
    elif timeliness == Judgement.EARLY:
        points[7] = 2
    elif timeliness == Judgement.ON_TIME:
        points[7] = 1
    else:
        points[7] = LATE_WITHOUT_COMPLAINT
    return points


# --- Per unit ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitIndicator:
    points: int
    detail: str  # how it was reached, in Vietnamese, shown beside the points


def _percent(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _vn(value: Decimal) -> str:
    return f"{value}".replace(".", ",")


def _public_at(day: dt.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": VersionStatus.PUBLISHED,
            f"{prefix}valid_from__lte": day,
        }
    ) & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day}))


def _by_agency(rows: Iterable[Mapping[str, Any]]) -> dict[int, dict[str, int]]:
    return {
        int(row["agency_id"]): {k: int(v or 0) for k, v in row.items() if k != "agency_id"}
        for row in rows
    }


def _sums_of(item: Mapping[str, Any]) -> dict[int, int]:
    return {n: int(item[f"p{n}"] or 0) for n in DOSSIER_INDICATORS}


def _catalog_counts(agency_ids: Iterable[int], day: dt.date) -> dict[int, dict[str, int]]:
    """Per agency: its procedures in force on `day` (one version each), those flagged "4 tại
    chỗ" and those with an online service. One query over the executing-agency links."""
    through = ProcedureVersion.executing_agencies.through
    rows = (
        through.objects.filter(
            _public_at(day, "procedureversion__"), agency_id__in=list(agency_ids)
        )
        .values("agency_id")
        .annotate(
            total=Count("pk"),
            four=Count("pk", filter=Q(procedureversion__four_at_desk=True)),
            online=Count("pk", filter=Q(procedureversion__online_level__in=list(ONLINE_LEVELS))),
        )
        .order_by()
    )
    return _by_agency(rows)


def _feedback_counts(
    agency_ids: Iterable[int], period: Period, cutoff: dt.datetime
) -> dict[int, dict[str, int]]:
    """Per agency: the PAKN whose answer fell due in the period or was given in it, or that were
    still unanswered past their due during it (long-running), and those answered by the due."""
    s, e = period.start, period.end
    in_scope = Q(answered_at__gte=s, answered_at__lt=e) | (
        Q(answer_due_at__lt=cutoff) & (Q(answered_at__isnull=True) | Q(answered_at__gte=s))
    )
    rows = (
        Feedback.objects.filter(agency_id__in=list(agency_ids), answer_due_at__isnull=False)
        .filter(in_scope)
        .values("agency_id")
        .annotate(
            total=Count("pk"),
            on_time=Count(
                "pk",
                filter=Q(answered_at__isnull=False, answered_at__lte=F("answer_due_at")),
            ),
        )
        .order_by()
    )
    return _by_agency(rows)


def online_late_condition(period: Period, cutoff: dt.datetime) -> Q:
    """An online dossier late in the period: finished in it late, or in process and overdue at
    the cutoff (the statistics' `in_process_overdue`: a pause begun after the due does not
    undo lateness)."""
    s, e = period.start, period.end
    finished_late = Q(finished_at__gte=s, finished_at__lt=e, timeliness=Judgement.LATE)
    open_overdue = FIGURE_BY_CODE["in_process_overdue"].condition(s, cutoff)
    return Q(channel=Channel.ONLINE) & (finished_late | open_overdue)


def _dossier_counts(
    agency_ids: Iterable[int], period: Period, cutoff: dt.datetime
) -> dict[int, dict[str, int]]:
    """Per agency: dossiers received in the period, those received online, and online dossiers
    late in it (indicator 9). The unit's own figures: the report's field, procedure and channel
    filters do not apply."""
    s, e = period.start, period.end
    received = Q(received_at__gte=s, received_at__lt=e)
    late = online_late_condition(period, cutoff)
    rows = (
        DossierFact.objects.filter(agency_id__in=list(agency_ids))
        .filter(received | late)
        .values("agency_id")
        .annotate(
            received=Count("pk", filter=received),
            online=Count("pk", filter=received & Q(channel=Channel.ONLINE)),
            online_late=Count("pk", filter=late),
        )
        .order_by()
    )
    return _by_agency(rows)


def _indicator5(agency: Agency, catalog: Mapping[str, int]) -> UnitIndicator:
    threshold = FOUR_AT_DESK_THRESHOLD.get(agency.level, 20)
    total, four = catalog.get("total", 0), catalog.get("four", 0)
    share = _percent(four, total)
    points = 2 if total > 0 and share >= threshold else 0
    detail = f"{four}/{total} thủ tục 4 tại chỗ ({_vn(share)}%), ngưỡng {threshold}%"
    return UnitIndicator(points, detail)


def _indicator6(catalog: Mapping[str, int]) -> UnitIndicator:
    total = catalog.get("total", 0)
    if total == 0:
        return UnitIndicator(0, "Không có thủ tục được công khai")
    return UnitIndicator(
        1, f"{total} thủ tục công khai điện tử; niêm yết tại Bộ phận một cửa: chưa ghi nhận"
    )


def _indicator8(counts: Mapping[str, int]) -> UnitIndicator:
    total, on_time = counts.get("total", 0), counts.get("on_time", 0)
    if total == 0:
        return UnitIndicator(2, "Không có phản ánh, kiến nghị phải trả lời")
    share = _percent(on_time, total)
    points = 2 if on_time == total else 1 if share >= 90 else 0
    return UnitIndicator(points, f"{on_time}/{total} trả lời đúng hạn ({_vn(share)}%)")


def _indicator9(catalog: Mapping[str, int], dossiers: Mapping[str, int]) -> UnitIndicator:
    procedures, online_procedures = catalog.get("total", 0), catalog.get("online", 0)
    received, online = dossiers.get("received", 0), dossiers.get("online", 0)
    late = dossiers.get("online_late", 0)
    procedure_share = _percent(online_procedures, procedures)
    dossier_share = _percent(online, received)
    if procedures and procedure_share >= 20 and received and dossier_share >= 30 and late == 0:
        points = 2
    elif received and dossier_share >= 15:
        points = 1
    else:
        points = 0
    detail = (
        f"{online_procedures}/{procedures} thủ tục trực tuyến ({_vn(procedure_share)}%); "
        f"{online}/{received} hồ sơ trực tuyến ({_vn(dossier_share)}%); "
        f"{late} hồ sơ trực tuyến quá hạn"
    )
    return UnitIndicator(points, detail)


# --- Tables -----------------------------------------------------------------------------------


@dataclass
class Circular01Row:
    agency: Agency
    dossiers: int
    sums: dict[int, int]  # Σ points per per-dossier indicator
    unit: dict[int, UnitIndicator] = field(default_factory=dict)

    @property
    def averages(self) -> dict[int, Decimal]:
        return {n: average(self.sums.get(n, 0), self.dossiers) for n in DOSSIER_INDICATORS}

    def score(self, indicator: int) -> Decimal:
        """The indicator's score: the per-dossier average, or the unit indicator's points."""
        if indicator in DOSSIER_INDICATORS:
            return self.averages[indicator]
        return Decimal(self.unit[indicator].points)

    @property
    def scores(self) -> list[tuple[int, Decimal]]:
        return [(n, self.score(n)) for n in ALL_INDICATORS]

    @property
    def total(self) -> Decimal:
        return sum((self.score(n) for n in ALL_INDICATORS), Decimal(0))

    @property
    def band(self) -> str:
        return agency_band(self.total)


@dataclass
class Circular01Table:
    period: Period
    rows: list[Circular01Row]


def circular01_scores(
    *, report: ReportFilter, period: Period, at: dt.datetime | None = None
) -> Circular01Table:
    """One row per competent agency with dossiers scored in the period within the filter. A
    fixed number of queries whatever the number of dossiers and agencies."""
    cutoff = min(period.end, at or timezone.now())
    grouped = list(
        scored_facts(report=report, period=period)
        .values("agency_id")
        .annotate(dossiers=Count("pk"), **_sums())
        .order_by()
    )
    ids = [int(item["agency_id"]) for item in grouped]
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=ids)}
    catalog = _catalog_counts(ids, period.last)
    feedback = _feedback_counts(ids, period, cutoff)
    dossiers = _dossier_counts(ids, period, cutoff)
    rows: list[Circular01Row] = []
    for item in grouped:
        pk = int(item["agency_id"])
        agency = agencies[pk]
        row = Circular01Row(
            agency=agency,
            dossiers=int(item["dossiers"]),
            sums=_sums_of(item),
        )
        own_catalog = catalog.get(pk, {})
        row.unit = {
            5: _indicator5(agency, own_catalog),
            6: _indicator6(own_catalog),
            8: _indicator8(feedback.get(pk, {})),
            9: _indicator9(own_catalog, dossiers.get(pk, {})),
        }
        rows.append(row)
    rows.sort(key=lambda r: r.agency.code)
    return Circular01Table(period, rows)


@dataclass
class StaffScore:
    user: User
    dossiers: int
    sums: dict[int, int]

    @property
    def averages(self) -> dict[int, Decimal]:
        return {n: average(self.sums.get(n, 0), self.dossiers) for n in DOSSIER_INDICATORS}

    @property
    def score(self) -> Decimal:
        """The sum of the five per-dossier averages (out of 10)."""
        return sum(self.averages.values(), Decimal(0))

    @property
    def band(self) -> str:
        return staff_band(self.score)


def staff_visits(*, report: ReportFilter, period: Period) -> QuerySet[StepVisit]:
    """One step visit per (scored dossier, handler): the handler's first visit of the dossier."""
    prefix = "dossier__fact__"
    earlier = StepVisit.objects.filter(
        dossier_id=OuterRef("dossier_id"), handler_id=OuterRef("handler_id"), pk__lt=OuterRef("pk")
    )
    return (
        StepVisit.objects.filter(handler__isnull=False)
        .filter(scored_condition(period, prefix))
        .filter(report.q(prefix))
        .exclude(Exists(earlier))
    )


def circular01_staff(*, report: ReportFilter, period: Period) -> list[StaffScore]:
    """Each person who handled a step of a dossier scored in the period: the mean of indicators
    1, 2, 3, 4 and 7 over those dossiers (domain §13 item 7), sorted by name."""
    grouped = list(
        staff_visits(report=report, period=period)
        .values("handler_id")
        .annotate(dossiers=Count("pk"), **_sums("dossier__fact__"))
        .order_by()
    )
    users = {u.pk: u for u in User.objects.filter(pk__in=[g["handler_id"] for g in grouped])}
    scores = [
        StaffScore(
            user=users[int(item["handler_id"])],
            dossiers=int(item["dossiers"]),
            sums=_sums_of(item),
        )
        for item in grouped
    ]
    scores.sort(key=lambda s: (s.user.full_name or s.user.username, s.user.pk))
    return scores
