"""Which agency a new PAKN goes to (domain §10):

1. linked to a dossier → the dossier's competent agency;
2. else linked to a procedure → its executing agency when the version in force names exactly one,
   else the province's receiving agency (the host of its public service centre);
3. else the province itself (`MOTCUA_PROVINCE_CODE`).

The agency that receives it classifies it, and forwards it within 5 working days when another
agency is competent (Decree 20/2008 Art 9).
"""

import datetime as dt
import enum
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from motcua.accounts.models import Agency, AgencyLevel, Desk, DeskKind
from motcua.accounts.selectors import agency_subtree_ids
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import version_current
from motcua.core.errors import ValidationFailed
from motcua.dossiers.models import Dossier


class RouteReason(enum.StrEnum):
    DOSSIER = "dossier"  # the linked dossier's competent agency
    PROCEDURE = "procedure"  # the procedure's single executing agency
    RECEIVING = "receiving"  # the province's receiving agency (service centre)
    PROVINCE = "province"  # the province itself


@dataclass(frozen=True)
class Route:
    agency: Agency
    reason: RouteReason


def _active(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def province_root() -> Agency:
    """The province this deployment serves (its code is MOTCUA_PROVINCE_CODE), else the only
    province-level agency without a parent."""
    found = Agency.objects.filter(code=settings.MOTCUA_PROVINCE_CODE).first()
    if found is None:
        roots = list(Agency.objects.filter(level=AgencyLevel.PROVINCE, parent__isnull=True)[:2])
        found = roots[0] if len(roots) == 1 else None
    if found is None:
        raise ValidationFailed(
            "Hệ thống chưa được cấu hình cơ quan tiếp nhận phản ánh, kiến nghị.",
            code="feedback_no_agency",
        )
    return found


def province_receiving_agency(*, province: Agency, on: dt.date) -> Agency | None:
    """The host of the province's public service centre (the desk that receives for it)."""
    desk = (
        Desk.objects.filter(_active(on), kind=DeskKind.SERVICE_CENTRE)
        .filter(host_id__in=agency_subtree_ids(agency=province))
        .select_related("host")
        .order_by("code")
        .first()
    )
    return desk.host if desk is not None else None


def feedback_route(*, dossier: Dossier | None, procedure: Procedure | None, on: dt.date) -> Route:
    """The agency responsible for a new PAKN with these links."""
    if dossier is not None:
        return Route(dossier.agency, RouteReason.DOSSIER)
    province = province_root()
    if procedure is not None:
        version = version_current(procedure=procedure, on=on)
        if version is not None:
            executing = list(version.executing_agencies.filter(_active(on))[:2])
            if len(executing) == 1:
                return Route(executing[0], RouteReason.PROCEDURE)
        receiving = province_receiving_agency(province=province, on=on)
        if receiving is not None:
            return Route(receiving, RouteReason.RECEIVING)
    return Route(province, RouteReason.PROVINCE)
