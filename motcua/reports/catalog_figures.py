"""Catalog figures in the reports (số liệu thủ tục hành chính): the province-wide figures of
`motcua.catalog.selectors.catalog_figures` with labels, and the same figures per executing agency.

Counted over the procedure versions in force on the day (published, started, not ended): a version
counts for each of its executing agencies; "online" = offered at least partly online (một phần or
toàn trình); "cut ≥ 20%" = at least one case variant whose committed time limit is 20% or more
shorter than the statutory one (`CaseVariant.cut_percent`), as `catalog_figures` counts them.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from motcua.accounts.models import Agency
from motcua.catalog.models import ImplementingLevel, OnlineLevel
from motcua.catalog.selectors import CatalogFigures, catalog_figures, version_list_public

CUT_PERCENT = 20


@dataclass(frozen=True)
class LabelledFigures:
    figures: CatalogFigures
    by_level: list[tuple[str, int]]  # (label, count)
    by_online_level: list[tuple[str, int]]


def catalog_figures_labelled(*, on: dt.date) -> LabelledFigures:
    figures = catalog_figures(on=on)
    levels = dict(ImplementingLevel.choices)
    online = dict(OnlineLevel.choices)
    return LabelledFigures(
        figures=figures,
        by_level=[(str(levels.get(key, key)), n) for key, n in figures.by_level.items()],
        by_online_level=[
            (str(online.get(key, key)), n) for key, n in figures.by_online_level.items()
        ],
    )


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class AgencyCatalogRow:
    agency: Agency
    total: int = 0
    online: int = 0  # partly or fully online
    full: int = 0  # fully online (toàn trình)
    cut_20: int = 0

    @property
    def online_percent(self) -> Decimal | None:
        return _percent(self.online, self.total)

    @property
    def full_percent(self) -> Decimal | None:
        return _percent(self.full, self.total)

    @property
    def cut_20_percent(self) -> Decimal | None:
        return _percent(self.cut_20, self.total)


def catalog_figures_by_agency(
    *, on: dt.date, agency_ids: frozenset[int] | None = None
) -> list[AgencyCatalogRow]:
    """Procedures in force on `on` per executing agency (within `agency_ids`; None: all), by code.
    Three queries: versions, their variants, their agencies."""
    versions = version_list_public(on=on).prefetch_related("variants", "executing_agencies")
    rows: dict[int, AgencyCatalogRow] = {}
    for version in versions:
        online = version.online_level != OnlineLevel.NONE
        full = version.online_level == OnlineLevel.FULL
        cut = any(v.cut_percent >= CUT_PERCENT for v in version.variants.all())
        for agency in version.executing_agencies.all():
            if agency_ids is not None and agency.pk not in agency_ids:
                continue
            row = rows.setdefault(agency.pk, AgencyCatalogRow(agency))
            row.total += 1
            row.online += online
            row.full += full
            row.cut_20 += cut
    return sorted(rows.values(), key=lambda r: r.agency.code)
