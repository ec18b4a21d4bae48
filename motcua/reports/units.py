"""Units with late dossiers (đơn vị có tỷ lệ hồ sơ trễ hạn từ 10% trở lên).

Each top unit of the filter (the units directly under the filter's agency, or the scope's top
agencies; `timeliness_table(group_by="agency")`) gets its late rate (domain §11):

    late rate = (in process past due at the period end + finished late in the period)
                ÷ (carried over + newly received)

A unit is ranked only when it had at least `min_sample` dossiers to process; smaller units are
listed apart as "chưa đủ số liệu" and never ranked. Units at or above the threshold are listed by
late rate (highest first, then code), each with its sub-units (each agency's own dossiers) and
their own rates. `late_unit_facts` lists the dossiers behind a unit's figures (drill-down), with
the same conditions the timeliness table counts.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.db.models import Q, QuerySet

from motcua.accounts.models import Agency
from motcua.accounts.selectors import agency_subtree_ids
from motcua.core.errors import NotFound
from motcua.reports.models import DossierFact
from motcua.reports.periods import Period
from motcua.reports.scope import ReportFilter
from motcua.reports.timeliness import FIGURE_BY_CODE, TimelinessRow, fact_query, timeliness_table

# The figures each drill-down ORs together (the same ones `TimelinessRow` adds up).
LATE_FIGURES = ("in_process_overdue", "resolved_late", "stopped_late")
TO_PROCESS_FIGURES = ("carried_over", "received")

type UnitFigure = Literal["late", "to_process"]


def default_threshold() -> Decimal:
    return Decimal(str(settings.MOTCUA_LATE_UNIT_THRESHOLD))


def default_min_sample() -> int:
    return int(settings.MOTCUA_REPORT_MIN_SAMPLE)


@dataclass(frozen=True)
class UnitRate:
    """One unit's (or sub-unit's) late rate in the period."""

    agency: Agency
    to_process: int
    late: int
    late_rate: Decimal | None
    enough: bool  # to_process ≥ the minimum sample: may be ranked
    # A unit: the filter's own agency, whose row holds its own dossiers only. A child: the unit's
    # own agency among its sub-units (every child counts its agency's own dossiers only).
    own: bool = False
    children: tuple["UnitRate", ...] = ()


@dataclass(frozen=True)
class LateUnits:
    period: Period
    threshold: Decimal
    min_sample: int
    late: tuple[UnitRate, ...]  # ranked units at or above the threshold, worst first
    below: tuple[UnitRate, ...]  # ranked units under the threshold, worst first
    small: tuple[UnitRate, ...]  # units under the minimum sample ("chưa đủ số liệu"), by code

    @property
    def ranked(self) -> int:
        return len(self.late) + len(self.below)


def _rate(row: TimelinessRow, *, min_sample: int, own: bool = False) -> UnitRate:
    assert row.agency is not None
    return UnitRate(
        agency=row.agency,
        to_process=row.to_process,
        late=row.late,
        late_rate=row.late_rate,
        enough=row.to_process >= min_sample,
        own=own,
    )


def _worst_first(unit: UnitRate) -> tuple[int, Decimal, str]:
    # Units with a rate before those without; higher rates first; then by code.
    rate = unit.late_rate
    return (0 if rate is not None else 1, -(rate or Decimal(0)), unit.agency.code)


def late_units(
    *,
    report: ReportFilter,
    period: Period,
    threshold: Decimal | None = None,
    min_sample: int | None = None,
) -> LateUnits:
    """The top units of the filter by late rate (defaults: settings.MOTCUA_LATE_UNIT_THRESHOLD
    percent and settings.MOTCUA_REPORT_MIN_SAMPLE dossiers to process)."""
    threshold = default_threshold() if threshold is None else threshold
    min_sample = default_min_sample() if min_sample is None else min_sample
    table = timeliness_table(report=report, period=period, group_by="agency")
    late: list[UnitRate] = []
    below: list[UnitRate] = []
    small: list[UnitRate] = []
    for row in table.rows:
        children = sorted(
            (
                _rate(child, min_sample=min_sample, own=child.key == row.key)
                for child in row.children
            ),
            key=lambda unit: (not unit.own, *_worst_first(unit)),
        )
        # The filter's own agency has a row of its own dossiers (its sub-units have theirs).
        own = report.agency is not None and row.key == report.agency.code
        unit = _rate(row, min_sample=min_sample)
        unit = UnitRate(
            unit.agency, unit.to_process, unit.late, unit.late_rate, unit.enough, own=own,
            children=tuple(children),
        )  # fmt: skip
        if not unit.enough:
            small.append(unit)
        elif unit.late_rate is not None and unit.late_rate >= threshold:
            late.append(unit)
        else:
            below.append(unit)
    return LateUnits(
        period=period,
        threshold=threshold,
        min_sample=min_sample,
        late=tuple(sorted(late, key=_worst_first)),
        below=tuple(sorted(below, key=_worst_first)),
        small=tuple(sorted(small, key=lambda unit: unit.agency.code)),
    )


def unit_agency_ids(*, report: ReportFilter, agency: Agency, own: bool = False) -> frozenset[int]:
    """The agencies a unit's row counts: the agency and its sub-tree within the filter (`own`:
    the agency alone). NotFound when the agency is outside the filter."""
    if report.agency_ids is not None and agency.pk not in report.agency_ids:
        raise NotFound("Không tìm thấy cơ quan.", code="agency_not_found", field="unit")
    ids = frozenset({agency.pk}) if own else frozenset(agency_subtree_ids(agency=agency))
    return ids if report.agency_ids is None else ids & report.agency_ids


def late_unit_facts(
    *,
    report: ReportFilter,
    period: Period,
    agency: Agency,
    figure: UnitFigure = "late",
    own: bool = False,
) -> QuerySet[DossierFact]:
    """The facts behind a unit's late count (late) or its dossiers to process (to_process)."""
    codes = LATE_FIGURES if figure == "late" else TO_PROCESS_FIGURES
    condition = Q()
    for code in codes:
        condition |= FIGURE_BY_CODE[code].condition(period.start, period.until)
    ids = unit_agency_ids(report=report, agency=agency, own=own)
    return fact_query(report, period).filter(condition, agency_id__in=ids)
