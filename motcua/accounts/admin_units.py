"""Administrative units (đơn vị hành chính) for addresses: provinces and communes.

The national list (34 provinces, 3,321 communes, wards and special zones, codes of
QĐ 19/2025/QĐ-TTg) comes from the `vietnam-provinces` package. A deployment whose province is not
in it (the demo province H99) adds its own units through its agencies: a province-level agency
and commune agencies with an `admin_unit_code` the national list does not have.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward

from motcua.accounts.models import Agency, AgencyLevel


@dataclass(frozen=True)
class Unit:
    code: str  # provinces: 2 digits; communes: 5 digits
    name: str
    province_code: str  # a commune's province; a province's own code


@dataclass(frozen=True)
class UnitDirectory:
    """Provinces and their communes, looked up by code."""

    provinces: dict[str, Unit]
    communes: dict[str, Unit]

    def province(self, code: str) -> Unit | None:
        return self.provinces.get(code)

    def commune(self, code: str) -> Unit | None:
        return self.communes.get(code)

    def communes_of(self, province_code: str) -> list[Unit]:
        return [u for u in self.communes.values() if u.province_code == province_code]

    def label(self, *, province: str, commune: str, detail: str = "") -> str:
        """An address as people write it: "Số 5 ngõ 12, Phường Ba Đình, Thành phố Hà Nội"."""
        parts = [detail.strip()]
        if (c := self.commune(commune)) is not None:
            parts.append(c.name)
        if (p := self.province(province)) is not None:
            parts.append(p.name)
        return ", ".join(part for part in parts if part)


@cache
def _national() -> tuple[dict[str, Unit], dict[str, Unit]]:
    provinces = {
        f"{int(p.code):02d}": Unit(f"{int(p.code):02d}", p.name, f"{int(p.code):02d}")
        for p in Province.iter_all()
    }
    communes = {
        f"{int(w.code):05d}": Unit(f"{int(w.code):05d}", w.name, f"{int(w.province_code):02d}")
        for w in Ward.iter_all()
    }
    return provinces, communes


def _local_units(agencies: Iterable[Agency]) -> tuple[dict[str, Unit], dict[str, Unit]]:
    national_provinces, national_communes = _national()
    provinces: dict[str, Unit] = {}
    communes: dict[str, Unit] = {}
    rows = list(agencies)
    for agency in rows:
        code = agency.admin_unit_code
        if (
            agency.level == AgencyLevel.PROVINCE
            and len(code) == 2
            and code not in national_provinces
        ):
            name = agency.name.removeprefix("UBND ").strip()
            provinces[code] = Unit(code, name[:1].upper() + name[1:], code)
    for agency in rows:
        code = agency.admin_unit_code
        if agency.level != AgencyLevel.COMMUNE or len(code) != 5 or code in national_communes:
            continue
        parent_code = agency.parent.admin_unit_code if agency.parent else ""
        if parent_code in provinces:
            name = agency.name.removeprefix("UBND ").strip()
            communes[code] = Unit(code, name[:1].upper() + name[1:], parent_code)
    return provinces, communes


def unit_directory() -> UnitDirectory:
    """The national list plus this deployment's own units (one query)."""
    provinces, communes = _national()
    local_provinces, local_communes = _local_units(
        Agency.objects.filter(
            level__in=[AgencyLevel.PROVINCE, AgencyLevel.COMMUNE], valid_to__isnull=True
        )
        .exclude(admin_unit_code="")
        .select_related("parent")
    )
    return UnitDirectory(
        provinces={**provinces, **local_provinces}, communes={**communes, **local_communes}
    )
