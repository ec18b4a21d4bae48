"""The demo province's procedure catalog as plain specs, one module per group of fields.

Invented for demonstration from the shape of the regulations (no scraped data): names,
components, fees, time limits and legal bases look like a real province's 2025–2026 catalog.
`all_procedures()` returns every spec; `lifecycle` says which are amended, ended or kept as
drafts; `motcua.demo.catalog.demo_catalog_load` loads them through the catalog services.
"""

from collections.abc import Callable

from motcua.catalog.specs import ProcedureSpec
from motcua.demo.catalog_content import (
    agriculture,
    business,
    civil_status,
    construction,
    culture,
    education,
    health,
    home_affairs,
    insurance_tax,
    justice,
    land,
    residence,
    social,
    transport,
)
from motcua.demo.catalog_content.fields import FIELDS, FieldRow
from motcua.demo.catalog_content.kit import publication_start
from motcua.demo.catalog_content.lifecycle import (
    AMENDMENTS,
    DEMO_TODAY,
    DRAFT_CODES,
    ENDINGS,
    Amendment,
    Ending,
)

BUILDERS: tuple[Callable[[], list[ProcedureSpec]], ...] = (
    civil_status.procedures,
    justice.procedures,
    land.procedures,
    construction.procedures,
    business.procedures,
    social.procedures,
    transport.procedures,
    education.procedures,
    health.procedures,
    culture.procedures,
    agriculture.procedures,
    residence.procedures,
    insurance_tax.procedures,
    home_affairs.procedures,
)


def all_procedures() -> list[ProcedureSpec]:
    """Every procedure of the demo catalog, in a stable order."""
    return [spec for build in BUILDERS for spec in build()]


__all__ = [
    "AMENDMENTS",
    "BUILDERS",
    "DEMO_TODAY",
    "DRAFT_CODES",
    "ENDINGS",
    "FIELDS",
    "Amendment",
    "Ending",
    "FieldRow",
    "all_procedures",
    "publication_start",
]
