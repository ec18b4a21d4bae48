"""Who may see and change which calendar."""

import datetime as dt

from django.conf import settings

from motcua.accounts.models import Agency, Role, User
from motcua.accounts.selectors import agency_province, membership_list_active
from motcua.calendar.models import OverrideScope


def calendar_province_for(actor: User, *, on: dt.date) -> Agency | None:
    """The province whose calendar `actor` administers (superusers: this deployment's province)."""
    if actor.is_superuser:
        return Agency.objects.filter(code=settings.MOTCUA_PROVINCE_CODE).first()
    memberships = membership_list_active(user=actor, on=on).filter(role=Role.PROVINCE_ADMIN)
    for membership in memberships:
        province = agency_province(agency=membership.agency)
        if province is not None:
            return province
    return None


def can_edit_calendar(
    actor: User, *, scope: OverrideScope, agency: Agency | None, on: dt.date
) -> bool:
    """National days: superusers only. Province and agency days: the province's admins, for their
    own province and the agencies in it."""
    if actor.is_superuser:
        return True
    if scope == OverrideScope.NATIONAL:
        return False
    province = calendar_province_for(actor, on=on)
    if province is None or agency is None:
        return False
    return agency_province(agency=agency) == province
