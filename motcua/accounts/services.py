"""Writes for organisations and accounts. Keyword-only, typed, one transaction, audited."""

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from motcua.accounts.models import (
    Agency,
    AgencyLevel,
    ApiToken,
    CitizenKind,
    CitizenProfile,
    Desk,
    DeskKind,
    Membership,
    Role,
    User,
    UserKind,
)
from motcua.accounts.selectors import agency_subtree_ids
from motcua.accounts.tokens import key_hash, key_make
from motcua.accounts.validators import (
    parse_personal_id,
    parse_phone,
    validate_email,
    validate_tax_code,
)
from motcua.core.audit import audit_record
from motcua.core.errors import ValidationFailed

# Which parent levels each level may hang under (None = may be a root).
_ALLOWED_PARENTS: dict[str, set[str | None]] = {
    AgencyLevel.PROVINCE: {None},
    AgencyLevel.DEPARTMENT: {AgencyLevel.PROVINCE},
    AgencyLevel.UNIT: {AgencyLevel.DEPARTMENT, AgencyLevel.PROVINCE, AgencyLevel.UNIT},
    AgencyLevel.DISTRICT: {AgencyLevel.PROVINCE},
    AgencyLevel.COMMUNE: {AgencyLevel.PROVINCE, AgencyLevel.DISTRICT},
    AgencyLevel.BRANCH: {None, AgencyLevel.PROVINCE, AgencyLevel.BRANCH},
}


def _full_clean(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run model validation and turn it into a DomainError naming the first failing field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ValidationFailed(
            "; ".join(messages),
            code=_first_code(exc, field),
            field=None if field == "__all__" else field,
            details={"errors": exc.message_dict},
        ) from exc


def _first_code(exc: ValidationError, field: str) -> str:
    errors = exc.error_dict.get(field, []) if hasattr(exc, "error_dict") else []
    for error in errors:
        if error.code:
            return str(error.code)
    return "validation_failed"


def agency_parent_validate(
    *, level: AgencyLevel, parent: Agency | None, agency: Agency | None = None
) -> None:
    """Check where an agency may hang in the tree: the parent's level suits the agency's, and
    (when moving an existing `agency`) the parent is not the agency itself or one of its
    descendants. Shared by agency_create and the admin form."""
    allowed = _ALLOWED_PARENTS[level]
    parent_level = parent.level if parent is not None else None
    if parent_level not in allowed:
        raise ValidationFailed(
            f"Cơ quan cấp «{AgencyLevel(level).label}» không thể trực thuộc "
            f"{'cấp ' + AgencyLevel(parent_level).label if parent_level else 'không cơ quan nào'}.",
            code="agency_parent_level",
            field="parent",
        )
    if (
        agency is not None
        and agency.pk is not None
        and parent is not None
        and parent.pk in agency_subtree_ids(agency=agency)
    ):
        raise ValidationFailed(
            "Cơ quan cấp trên không thể là chính cơ quan này hoặc một đơn vị trực thuộc nó.",
            code="agency_parent_cycle",
            field="parent",
        )


def _valid_range(valid_from: dt.date, valid_to: dt.date | None, *, code: str) -> None:
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationFailed(
            "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.", code=code, field="valid_to"
        )


@transaction.atomic
def agency_create(
    *,
    code: str,
    name: str,
    level: AgencyLevel,
    parent: Agency | None,
    actor: User | None,
    short_name: str = "",
    admin_unit_code: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    valid_from: dt.date = dt.date(2025, 7, 1),
    valid_to: dt.date | None = None,
) -> Agency:
    agency_parent_validate(level=level, parent=parent)
    _valid_range(valid_from, valid_to, code="agency_valid_range")
    agency = Agency(
        code=code,
        name=name,
        short_name=short_name,
        level=level,
        parent=parent,
        admin_unit_code=admin_unit_code,
        address=address,
        phone=_phone(phone) if phone else "",
        email=email,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _full_clean(agency)
    agency.save()
    audit_record(actor=actor, action="agency.created", obj=agency)
    return agency


@transaction.atomic
def agency_retire(
    *, agency: Agency, valid_to: dt.date, successors: list[Agency], reason: str, actor: User | None
) -> Agency:
    """End an agency's validity (e.g. a district on 1 July 2025) and record its successors."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    _valid_range(agency.valid_from, valid_to, code="agency_valid_range")
    if any(s.pk == agency.pk for s in successors):
        raise ValidationFailed(
            "Cơ quan không thể kế thừa chính nó.", code="agency_self_successor", field="successors"
        )
    agency.valid_to = valid_to
    agency.save(update_fields=["valid_to", "updated_at"])
    agency.successors.add(*successors)
    audit_record(
        actor=actor,
        action="agency.retired",
        obj=agency,
        reason=reason,
        data={"valid_to": valid_to.isoformat(), "successors": [s.code for s in successors]},
    )
    return agency


@transaction.atomic
def desk_create(
    *,
    code: str,
    name: str,
    kind: DeskKind,
    host: Agency,
    serves: list[Agency],
    actor: User | None,
    address: str = "",
    phone: str = "",
) -> Desk:
    desk = Desk(
        code=code,
        name=name,
        kind=kind,
        host=host,
        address=address,
        phone=_phone(phone) if phone else "",
    )
    _full_clean(desk)
    desk.save()
    desk.serves.set(serves)
    audit_record(
        actor=actor, action="desk.created", obj=desk, data={"serves": [a.code for a in serves]}
    )
    return desk


@transaction.atomic
def staff_user_create(
    *,
    username: str,
    full_name: str,
    email: str,
    phone: str,
    password: str | None,
    actor: User | None,
) -> User:
    if email:
        _wrap(validate_email, email, "email")
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        phone=_mobile(phone) if phone else "",
        kind=UserKind.STAFF,
        is_staff=False,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    _full_clean(user, exclude=["password"])
    user.save()
    audit_record(actor=actor, action="user.created", obj=user, data={"kind": UserKind.STAFF})
    return user


def membership_validate(
    *,
    user: User,
    agency: Agency,
    role: Role,
    desk: Desk | None,
    membership: Membership | None = None,
) -> None:
    """The rules of a role assignment beyond the database constraints: staff only, a desk for
    desk officers, a desk that receives for the agency, one open assignment per user, agency and
    role. Shared by membership_grant and the admin forms; pass `membership` when editing one."""
    if user.kind != UserKind.STAFF:
        raise ValidationFailed(
            "Chỉ tài khoản cán bộ mới được phân công vai trò.", code="membership_not_staff"
        )
    if role == Role.DESK_OFFICER and desk is None:
        raise ValidationFailed(
            "Cán bộ một cửa phải được gắn với một bộ phận một cửa.",
            code="membership_desk_required",
            field="desk",
        )
    if (
        desk is not None
        and desk.host_id != agency.pk
        and not desk.serves.filter(pk=agency.pk).exists()
    ):
        raise ValidationFailed(
            "Bộ phận một cửa này không tiếp nhận hồ sơ cho cơ quan đã chọn.",
            code="membership_desk_agency",
            field="desk",
        )
    open_ones = Membership.objects.filter(user=user, agency=agency, role=role, valid_to=None)
    if membership is not None and membership.pk is not None:
        open_ones = open_ones.exclude(pk=membership.pk)
    if open_ones.exists():
        raise ValidationFailed(
            "Tài khoản đã có vai trò này tại cơ quan này.", code="membership_exists", field="role"
        )


@transaction.atomic
def membership_grant(
    *,
    user: User,
    agency: Agency,
    role: Role,
    actor: User | None,
    desk: Desk | None = None,
    valid_from: dt.date = dt.date(2025, 7, 1),
) -> Membership:
    membership_validate(user=user, agency=agency, role=role, desk=desk)
    membership = Membership(user=user, agency=agency, role=role, desk=desk, valid_from=valid_from)
    _full_clean(membership)
    membership.save()
    audit_record(
        actor=actor,
        action="membership.granted",
        obj=membership,
        data={"user": user.username, "agency": agency.code, "role": role},
    )
    return membership


@transaction.atomic
def membership_revoke(
    *, membership: Membership, valid_to: dt.date, reason: str, actor: User | None
) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.valid_to is not None:
        raise ValidationFailed("Phân công này đã kết thúc.", code="membership_already_ended")
    if valid_to <= membership.valid_from:
        raise ValidationFailed(
            "Ngày kết thúc phải sau ngày bắt đầu.", code="membership_valid_range", field="valid_to"
        )
    membership.valid_to = valid_to
    membership.save(update_fields=["valid_to", "updated_at"])
    audit_record(actor=actor, action="membership.revoked", obj=membership, reason=reason)
    return membership


@transaction.atomic
def citizen_register(
    *,
    kind: CitizenKind,
    full_name: str,
    phone: str,
    password: str | None,
    email: str = "",
    personal_id_number: str | None = None,
    tax_code: str | None = None,
    organisation_name: str = "",
    date_of_birth: dt.date | None = None,
    address: str = "",
    actor: User | None = None,
    require_phone: bool = True,
) -> User:
    """Create a citizen account: an individual logs in with the personal ID number, an
    organisation with its tax code. A password, when given, must pass Django's password
    validators (`password_invalid`); None makes an account that cannot log in with a password.
    `require_phone=False` is for accounts made from the identity provider's claims, which may
    carry no usable mobile number (the citizen adds one on the account page)."""
    if kind == CitizenKind.INDIVIDUAL:
        if not personal_id_number:
            raise ValidationFailed(
                "Vui lòng nhập số định danh cá nhân (12 chữ số).",
                code="personal_id_required",
                field="personal_id_number",
            )
        try:
            identity = parse_personal_id(personal_id_number, birth_date=date_of_birth)
        except ValidationError as exc:
            raise ValidationFailed(
                exc.messages[0], code=str(exc.error_list[0].code), field="personal_id_number"
            ) from exc
        username = identity.number
        personal_id_number = identity.number
    else:
        if not tax_code:
            raise ValidationFailed(
                "Vui lòng nhập mã số thuế của tổ chức.", code="tax_code_required", field="tax_code"
            )
        _wrap(validate_tax_code, tax_code, "tax_code")
        if not organisation_name.strip():
            raise ValidationFailed(
                "Vui lòng nhập tên tổ chức.",
                code="organisation_name_required",
                field="organisation_name",
            )
        username = tax_code = tax_code.strip()
    if email:
        _wrap(validate_email, email, "email")
    if require_phone and not phone.strip():
        raise ValidationFailed(
            "Vui lòng nhập số điện thoại di động để nhận thông báo về hồ sơ.",
            code="phone_required",
            field="phone",
        )
    identity_taken = (
        Q(personal_id_number=username) if kind == CitizenKind.INDIVIDUAL else Q(tax_code=username)
    )
    if (
        User.objects.filter(username=username).exists()
        or CitizenProfile.objects.filter(identity_taken).exists()
    ):
        raise ValidationFailed(
            "Đã có tài khoản với số định danh hoặc mã số thuế này. Vui lòng đăng nhập hoặc "
            "lấy lại mật khẩu.",
            code="citizen_exists",
            field="personal_id_number" if kind == CitizenKind.INDIVIDUAL else "tax_code",
        )
    user = User(
        username=username,
        full_name=full_name.strip(),
        email=email,
        phone=_mobile(phone) if phone.strip() else "",
        kind=UserKind.CITIZEN,
    )
    if password:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed(
                " ".join(exc.messages), code="password_invalid", field="password"
            ) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    _full_clean(user, exclude=["password"])
    user.save()
    profile = CitizenProfile(
        user=user,
        kind=kind,
        personal_id_number=personal_id_number if kind == CitizenKind.INDIVIDUAL else None,
        tax_code=tax_code if kind == CitizenKind.ORGANISATION else None,
        organisation_name=organisation_name.strip(),
        date_of_birth=date_of_birth,
        address=address,
    )
    _full_clean(profile)
    profile.save()
    audit_record(actor=actor, action="user.created", obj=user, data={"kind": UserKind.CITIZEN})
    return user


def mobile_number(phone: str) -> str:
    """A person's mobile number in national format, or ValidationFailed on field "phone"
    (landlines refused: notifications go by SMS)."""
    return _mobile(phone)


def _mobile(phone: str) -> str:
    """A phone field for people (notifications go by SMS): mobile only, in national format."""
    return _wrap(lambda value: parse_phone(value, allow_landline=False).number, phone, "phone")


def _phone(phone: str) -> str:
    """A phone field that accepts landlines (agencies, desks), in national format."""
    return _wrap(lambda value: parse_phone(value, allow_landline=True).number, phone, "phone")


def _wrap[T](validator: Callable[[str], T], value: str, field: str) -> T:
    """Call a validator from validators.py, turning its ValidationError into ValidationFailed."""
    try:
        return validator(value)
    except ValidationError as exc:
        raise ValidationFailed(
            exc.messages[0], code=str(exc.error_list[0].code), field=field
        ) from exc


# --- API tokens ----------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(
    *, user: User, name: str, actor: User | None, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new API key for `user`. Returns the token and the key, which is never shown again."""
    name = name.strip()
    if not name:
        raise ValidationFailed(
            "Phải đặt tên cho khóa API (hệ thống nào sử dụng).",
            code="api_token_name_required",
            field="name",
        )
    if not user.is_active:
        raise ValidationFailed(
            "Tài khoản đã bị khóa: không thể cấp khóa API.", code="user_inactive", field="user"
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(
            "Thời điểm hết hạn phải ở tương lai.",
            code="api_token_expiry_past",
            field="expires_at",
        )
    prefix, key = key_make()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        key_prefix=prefix,
        key_hash=key_hash(key),
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action="api_token.created",
        obj=token,
        data={"user": user.username, "name": token.name, "prefix": prefix},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None) -> ApiToken:
    """Stop a key from working, at once and for good."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationFailed("Khóa API này đã bị thu hồi.", code="api_token_already_revoked")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="api_token.revoked",
        obj=token,
        data={"user": token.user.username, "prefix": token.key_prefix},
    )
    return token
