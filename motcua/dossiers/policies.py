"""Who may see a dossier. A dossier the actor may not see is "not found" (never say which).

- the applicant's own account;
- desk officers of the receiving desk;
- staff of the competent agency, of the receiving agency, and of every agency that held it at a
  step (inter-agency partners see the dossiers they were sent);
- province administrators and inspectors: every dossier of agencies in their province;
- superusers.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.accounts.models import Membership, Role, User, UserKind
from motcua.accounts.selectors import agency_province, agency_subtree_ids, membership_list_active
from motcua.core.errors import NotFound
from motcua.core.timezone import local_today
from motcua.dossiers.models import Dossier, StepVisit

_PROVINCE_ROLES = (Role.PROVINCE_ADMIN, Role.INSPECTOR)


def visible_dossiers_q(actor: User) -> Q:
    """A filter for the dossiers `actor` may see (an empty match for anonymous users)."""
    if not actor.is_authenticated or not actor.is_active:
        return Q(pk__in=[])
    if actor.is_superuser:
        return Q()
    if actor.kind == UserKind.CITIZEN:
        return Q(applicant_account=actor)
    memberships: list[Membership] = list(
        membership_list_active(user=actor, on=local_today()).select_related("agency")
    )
    condition = Q(pk__in=[])
    agency_ids: set[int] = set()
    for membership in memberships:
        if membership.role in _PROVINCE_ROLES:
            province = agency_province(agency=membership.agency) or membership.agency
            condition |= Q(agency_id__in=agency_subtree_ids(agency=province))
            continue
        if membership.role == Role.DESK_OFFICER and membership.desk_id is not None:
            condition |= Q(desk_id=membership.desk_id)
        agency_ids.add(membership.agency_id)
    if agency_ids:
        condition |= Q(agency_id__in=agency_ids) | Q(receiving_agency_id__in=agency_ids)
        condition |= Q(
            Exists(StepVisit.objects.filter(dossier=OuterRef("pk"), agency_id__in=agency_ids))
        )
    return condition


def dossier_queryset_for(actor: User) -> QuerySet[Dossier]:
    return Dossier.objects.filter(visible_dossiers_q(actor))


def access_dossier(actor: User, *, code: str) -> Dossier:
    """The dossier with this code (or submission reference) if `actor` may see it."""
    code = code.strip()
    queryset = dossier_queryset_for(actor).filter(Q(code=code) | Q(reference=code))
    dossier = queryset.select_related(
        "version", "variant", "desk", "agency", "receiving_agency", "current_step"
    ).first()
    if dossier is None:
        raise NotFound("Không tìm thấy hồ sơ.", code="dossier_not_found")
    return dossier
