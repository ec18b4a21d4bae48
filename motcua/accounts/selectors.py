"""Reads for organisations and accounts."""

import datetime as dt
import hmac

from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.accounts.models import Agency, AgencyLevel, ApiToken, Membership, Role, User
from motcua.accounts.tokens import key_hash, key_prefix


def _active_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def agency_list_active(*, on: dt.date) -> QuerySet[Agency]:
    return Agency.objects.filter(_active_on(on))


def agency_ancestors(*, agency: Agency) -> list[Agency]:
    """The agency's parents, nearest first (one query per level; trees are shallow).

    Stops at a repeated agency, so a cycle written past the services cannot loop forever."""
    chain: list[Agency] = []
    seen = {agency.pk}
    current = agency.parent
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def agency_province(*, agency: Agency) -> Agency | None:
    """The province-level ancestor (or the agency itself), if any."""
    for candidate in [agency, *agency_ancestors(agency=agency)]:
        if candidate.level == AgencyLevel.PROVINCE:
            return candidate
    return None


def agency_subtree_ids(*, agency: Agency) -> set[int]:
    """The agency and everything under it (breadth-first, one query per level)."""
    ids = {agency.pk}
    frontier = {agency.pk}
    while frontier:
        frontier = (
            set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        )
        ids |= frontier
    return ids


def membership_list_active(*, user: User, on: dt.date) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user).filter(_active_on(on)).select_related("agency", "desk")
    )


def user_has_role(*, user: User, role: Role, agency: Agency | None = None, on: dt.date) -> bool:
    qs = membership_list_active(user=user, on=on).filter(role=role)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.exists()


# Writing last_used_at on every call would turn each API read into a write.
API_TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)


def api_token_authenticate(*, key: str, at: dt.datetime | None = None) -> User | None:
    """The active user a well-formed, live API key belongs to, or None (revoked, expired, unknown,
    inactive user). The key is found by its hash, never compared in clear; `last_used_at` is
    refreshed at most once a minute."""
    prefix = key_prefix(key.strip())
    if prefix is None:
        return None
    digest = key_hash(key.strip())
    token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    at = at or timezone.now()
    if token.key_prefix != prefix or not token.is_usable_at(at) or not token.user.is_active:
        return None
    if token.last_used_at is None or at - token.last_used_at >= API_TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    return token.user


def staff_list_holding(*, agency_id: int, role: str, on: dt.date) -> QuerySet[User]:
    """Active staff accounts holding `role` at the agency on `day` (e.g. who may be assigned)."""
    members = Membership.objects.filter(_active_on(on), agency_id=agency_id, role=role)
    return User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
        "full_name", "username"
    )
