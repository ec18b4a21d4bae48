"""Yearly targets (chỉ tiêu) per agency, entered by province administrators, shown against the
actual figure of the year to date.

Each actual is computed from the dossier facts of the target's agency and everything under it,
from 1 January to today (or to 31 December for a past year), in percent (two decimals):

| Kind | Actual |
|---|---|
| `online_share` | received online ÷ received (figures `received_online`, `received`) |
| `on_time_rate` | 100% − late rate of the timeliness statistics (late ÷ to process, domain §11) |
| `digitised_share` | received dossiers with a digitised component ÷ received |
| `online_payment_share` | received dossiers with fees paid online ÷ received dossiers with fees |
| `e_result_share` | resolved dossiers with an electronic result ÷ resolved (figure `resolved`) |

A target is met when the actual is at least its value; with no dossiers (a zero denominator) or a
year not begun there is no actual and the target is neither met nor missed.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from motcua.accounts.models import Agency, Role, User
from motcua.accounts.selectors import (
    agency_province,
    agency_subtree_ids,
    membership_list_active,
)
from motcua.core.audit import audit_record
from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.core.timezone import local_today
from motcua.reports.models import DossierFact, Target, TargetKind
from motcua.reports.periods import Period, period_between
from motcua.reports.scope import ReportFilter
from motcua.reports.timeliness import FIGURE_BY_CODE, TimelinessRow, base_condition

YEARS = (2000, 2100)
KIND_ORDER = {kind: index for index, kind in enumerate(TargetKind.values)}


# --- Who may set targets --------------------------------------------------------------------------


def target_agency_ids(*, actor: User, on: dt.date) -> frozenset[int] | None:
    """The agencies `actor` may set targets for: None = every agency (superusers); the provinces
    (with everything under them) where the actor is a province administrator; else empty."""
    if actor.is_superuser:
        return None
    ids: set[int] = set()
    for membership in membership_list_active(user=actor, on=on).filter(role=Role.PROVINCE_ADMIN):
        province = agency_province(agency=membership.agency) or membership.agency
        ids |= agency_subtree_ids(agency=province)
    return frozenset(ids)


def can_set_targets(actor: User, *, on: dt.date) -> bool:
    allowed = target_agency_ids(actor=actor, on=on)
    return allowed is None or bool(allowed)


def _check_actor(actor: User, agency: Agency) -> None:
    allowed = target_agency_ids(actor=actor, on=local_today())
    if allowed is not None and agency.pk not in allowed:
        raise PermissionDenied(
            "Chỉ quản trị cấp tỉnh được giao chỉ tiêu cho các cơ quan trong tỉnh.",
            code="target_not_permitted",
        )


# --- Services ------------------------------------------------------------------------------------


def _value(value: Decimal | int | str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise ValidationFailed(
            "Giá trị chỉ tiêu là tỷ lệ phần trăm, từ 0 đến 100.",
            code="target_value_invalid",
            field="value",
        )
    return number.quantize(Decimal("0.01"), ROUND_HALF_UP)


@transaction.atomic
def target_set(
    *,
    agency: Agency,
    year: int,
    kind: TargetKind | str,
    value: Decimal | int | str,
    basis: str = "",
    actor: User,
) -> Target:
    """Set (create or change) an agency's target for a year. Province administrators (for the
    agencies of their province) and superusers only."""
    _check_actor(actor, agency)
    if kind not in TargetKind.values:
        raise ValidationFailed("Chỉ tiêu không hợp lệ.", code="target_kind_invalid", field="kind")
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValidationFailed(
            f"Năm phải từ {YEARS[0]} đến {YEARS[1]}.", code="target_year_invalid", field="year"
        )
    number = _value(value)
    basis = basis.strip()
    if len(basis) > 255:
        raise ValidationFailed(
            "Căn cứ giao chỉ tiêu dài tối đa 255 ký tự.",
            code="target_basis_too_long",
            field="basis",
        )
    existing = (
        Target.objects.select_for_update().filter(agency=agency, year=year, kind=kind).first()
    )
    previous = str(existing.value) if existing is not None else None
    if existing is None:
        target = Target.objects.create(
            agency=agency, year=year, kind=kind, value=number, basis=basis, entered_by=actor
        )
    else:
        target = existing
        target.value, target.basis, target.entered_by = number, basis, actor
        target.save(update_fields=["value", "basis", "entered_by", "entered_at"])
    audit_record(
        actor=actor,
        action="report_target.set",
        obj=target,
        data={
            "agency": agency.code,
            "year": year,
            "kind": str(kind),
            "value": str(number),
            "previous": previous,
            "basis": basis,
        },
    )
    return target


@transaction.atomic
def target_delete(*, target: Target, actor: User) -> None:
    """Remove a target (same rights as setting it); the audit row keeps what it was."""
    _check_actor(actor, target.agency)
    audit_record(
        actor=actor,
        action="report_target.deleted",
        obj=target,
        data={
            "agency": target.agency.code,
            "year": target.year,
            "kind": target.kind,
            "value": str(target.value),
        },
    )
    target.delete()


# --- Selector ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    target: Target
    period: Period | None  # the year to date; None for a year not begun
    numerator: int
    denominator: int
    actual: Decimal | None

    @property
    def met(self) -> bool | None:
        if self.actual is None:
            return None
        return self.actual >= self.target.value


def year_to_date(year: int, *, today: dt.date | None = None) -> Period | None:
    today = today or local_today()
    if year > today.year:
        return None
    last = min(dt.date(year, 12, 31), today)
    return period_between(dt.date(year, 1, 1), last)


# The timeliness figures the actuals need, and the other counts (over the same facts).
_FIGURES = (
    "carried_over", "received", "received_online", "resolved", "resolved_late", "stopped_late",
    "in_process_overdue",
)  # fmt: skip


def _counts_by_agency(ids: set[int], period: Period) -> dict[int, dict[str, int]]:
    s, e = period.start, period.until
    received = FIGURE_BY_CODE["received"].condition(s, e)
    resolved = FIGURE_BY_CODE["resolved"].condition(s, e)
    annotations = {
        code: Count("pk", filter=FIGURE_BY_CODE[code].condition(s, e)) for code in _FIGURES
    }
    annotations |= {
        "digitised": Count("pk", filter=received & Q(digitised=True)),
        "with_fees": Count("pk", filter=received & Q(has_fees=True)),
        "paid_online": Count("pk", filter=received & Q(has_fees=True, paid_online=True)),
        "e_result": Count("pk", filter=resolved & Q(e_result=True)),
    }
    column: str = "agency_id"
    grouped = (
        DossierFact.objects.filter(base_condition(s, e), agency_id__in=ids)
        .values(column)
        .annotate(**annotations)
        .order_by()
    )
    return {int(item[column]): {name: int(item[name]) for name in annotations} for item in grouped}


def _subtrees(roots: set[int]) -> dict[int, set[int]]:
    """Each root's sub-tree, from one read of the agency tree."""
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent in Agency.objects.values_list("pk", "parent_id"):
        if parent is not None:
            children[parent].append(pk)
    result: dict[int, set[int]] = {}
    for root in roots:
        seen, frontier = {root}, [root]
        while frontier:
            nxt = [c for pk in frontier for c in children[pk] if c not in seen]
            seen.update(nxt)
            frontier = nxt
        result[root] = seen
    return result


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _actual(kind: str, counts: Mapping[str, int]) -> tuple[int, int, Decimal | None]:
    """(numerator, denominator, actual %) of a target kind from the summed counts."""
    if kind == TargetKind.ON_TIME_RATE:
        row = TimelinessRow("", "", dict(counts))
        return row.to_process - row.late, row.to_process, row.on_time_rate
    part, whole = {
        TargetKind.ONLINE_SHARE: ("received_online", "received"),
        TargetKind.DIGITISED_SHARE: ("digitised", "received"),
        TargetKind.ONLINE_PAYMENT_SHARE: ("paid_online", "with_fees"),
        TargetKind.E_RESULT_SHARE: ("e_result", "resolved"),
    }[TargetKind(kind)]
    return (
        counts.get(part, 0),
        counts.get(whole, 0),
        _percent(counts.get(part, 0), counts.get(whole, 0)),
    )


def target_list(*, report: ReportFilter, year: int) -> QuerySet[Target]:
    targets = Target.objects.filter(year=year).select_related("agency", "entered_by")
    if report.agency_ids is not None:
        targets = targets.filter(agency_id__in=report.agency_ids)
    return targets


def targets_with_actuals(
    *, report: ReportFilter, year: int, today: dt.date | None = None
) -> list[TargetRow]:
    """The year's targets of the agencies in the filter, each with its actual (year to date), by
    agency code and kind."""
    targets = sorted(
        target_list(report=report, year=year),
        key=lambda t: (t.agency.code, KIND_ORDER.get(t.kind, 99)),
    )
    period = year_to_date(year, today=today)
    if not targets or period is None:
        return [TargetRow(t, period, 0, 0, None) for t in targets]
    subtrees = _subtrees({t.agency_id for t in targets})
    counts = _counts_by_agency(set().union(*subtrees.values()), period)
    rows: list[TargetRow] = []
    for target in targets:
        summed: dict[str, int] = defaultdict(int)
        for pk in subtrees[target.agency_id]:
            for name, value in counts.get(pk, {}).items():
                summed[name] += value
        numerator, denominator, actual = _actual(target.kind, summed)
        rows.append(TargetRow(target, period, numerator, denominator, actual))
    return rows


def target_facts(*, target: Target, period: Period, part: str) -> QuerySet[DossierFact]:
    """The facts behind a target's actual: `part` "numerator" or "denominator" (drill-down)."""
    s, e = period.start, period.until
    received = FIGURE_BY_CODE["received"].condition(s, e)
    resolved = FIGURE_BY_CODE["resolved"].condition(s, e)
    late = (
        FIGURE_BY_CODE["in_process_overdue"].condition(s, e)
        | FIGURE_BY_CODE["resolved_late"].condition(s, e)
        | FIGURE_BY_CODE["stopped_late"].condition(s, e)
    )
    to_process = FIGURE_BY_CODE["carried_over"].condition(s, e) | received
    conditions: dict[str, tuple[Q, Q]] = {
        TargetKind.ONLINE_SHARE: (FIGURE_BY_CODE["received_online"].condition(s, e), received),
        TargetKind.ON_TIME_RATE: (to_process & ~late, to_process),
        TargetKind.DIGITISED_SHARE: (received & Q(digitised=True), received),
        TargetKind.ONLINE_PAYMENT_SHARE: (
            received & Q(has_fees=True, paid_online=True),
            received & Q(has_fees=True),
        ),
        TargetKind.E_RESULT_SHARE: (resolved & Q(e_result=True), resolved),
    }
    numerator, denominator = conditions[TargetKind(target.kind)]
    ids = agency_subtree_ids(agency=target.agency)
    return DossierFact.objects.filter(base_condition(s, e), agency_id__in=ids).filter(
        numerator if part == "numerator" else denominator
    )
