"""Reads for organisations and accounts."""

import datetime as dt
import hmac

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from motcua.accounts.models import (
    Agency,
    AgencyLevel,
    ApiToken,
    CitizenProfile,
    Membership,
    Role,
    User,
    UserKind,
)
from motcua.accounts.tokens import key_hash, key_prefix
from motcua.accounts.validators import PhoneKind, parse_phone
from motcua.core.errors import ValidationFailed


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


# --- Citizens logging in ------------------------------------------------------------------------

# A phone shared by a family: at most this many accounts are tried for one verified number.
_PHONE_CANDIDATES = 5


def _identity_compact(identity: str) -> str:
    """An ID number or tax code as typed: "001 190 012 345", "0100.109.106" → digits (and dash)."""
    return "".join(ch for ch in identity.strip() if not ch.isspace() and ch != ".")


def _verified_mobile(identity: str) -> str | None:
    try:
        phone = parse_phone(identity, allow_landline=False)
    except ValidationError:
        return None
    return phone.number if phone.kind is PhoneKind.MOBILE else None


def _identity_accounts(identity: str) -> list[User]:
    """Accounts whose personal ID number, tax code or username is `identity`."""
    compact = _identity_compact(identity)
    if not compact:
        return []
    by_profile = CitizenProfile.objects.filter(
        Q(personal_id_number=compact) | Q(tax_code=compact)
    ).values("user_id")
    return list(
        User.objects.filter(
            Q(pk__in=by_profile) | Q(username=compact) | Q(username=identity.strip())
        ).order_by("pk")
    )


def _phone_accounts(identity: str) -> list[User]:
    """Citizen accounts that verified `identity` as their mobile number."""
    number = _verified_mobile(identity)
    if number is None:
        return []
    return list(
        User.objects.filter(
            kind=UserKind.CITIZEN, phone=number, phone_verified_at__isnull=False
        ).order_by("pk")[:_PHONE_CANDIDATES]
    )


def citizen_authenticate(*, identity: str, password: str) -> User:
    """The citizen account that `identity` (personal ID number, tax code, username, or a verified
    mobile number) and `password` open.

    A 10-digit number can be both a tax code and a mobile number: the tax code is tried first.
    Several accounts may share a verified phone (a family): the one whose password matches.
    Refusals: `login_invalid` (unknown or wrong password: never says which), and, only once the
    password is right, `login_staff_account` and `login_inactive`.
    """
    candidates: list[User] = []
    for user in [*_identity_accounts(identity), *_phone_accounts(identity)]:
        if all(user.pk != seen.pk for seen in candidates):
            candidates.append(user)
    if not candidates:
        User().set_password(password)  # the time of a hash, like a wrong password
    for user in candidates:
        if not user.check_password(password):
            continue
        if user.kind != UserKind.CITIZEN:
            raise ValidationFailed(
                "Đây là tài khoản cán bộ. Vui lòng đăng nhập tại trang dành cho cán bộ.",
                code="login_staff_account",
            )
        if not user.is_active:
            raise ValidationFailed(
                "Tài khoản này đã bị khóa. Vui lòng liên hệ Bộ phận một cửa.",
                code="login_inactive",
            )
        return user
    raise ValidationFailed(
        "Số định danh, mã số thuế, số điện thoại hoặc mật khẩu không đúng.", code="login_invalid"
    )


def citizen_find_by_identity(*, identity: str) -> User | None:
    """The active citizen account `identity` names (ID number, tax code, username or a verified
    mobile number shared by no other account), for a password reset; None otherwise."""
    accounts = [
        user
        for user in _identity_accounts(identity)
        if user.kind == UserKind.CITIZEN and user.is_active
    ]
    if len(accounts) == 1:
        return accounts[0]
    if accounts:
        return None
    by_phone = [user for user in _phone_accounts(identity) if user.is_active]
    return by_phone[0] if len(by_phone) == 1 else None
