"""One-time codes (OTP) and the citizen account changes that rest on them: verifying a phone or an
e-mail address, resetting a forgotten password, changing contacts and password.

A code is six digits from `secrets`, sent through the notification outbox; only an HMAC-SHA256 of
it (keyed by SECRET_KEY, bound to the user and the purpose) is stored. It is valid for
MOTCUA_OTP_TTL_SECONDS, survives at most MOTCUA_OTP_MAX_ATTEMPTS wrong tries, and a new one may be
asked for MOTCUA_OTP_RESEND_SECONDS after the last. A new code voids the older open one of the same
purpose. Refusals carry stable codes: otp_invalid, otp_expired, otp_too_many_attempts,
otp_resend_too_soon, otp_no_recipient.

This is the one accounts module that depends on notifications (the outbox sends the code).
"""

import datetime as dt
import hmac
import math
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from motcua.accounts.models import OneTimeCode, OtpChannel, OtpPurpose, User, UserKind
from motcua.accounts.services import mobile_number
from motcua.accounts.validators import validate_email
from motcua.core.audit import audit_record
from motcua.core.errors import ValidationFailed
from motcua.notifications.models import NotificationChannel, NotificationTemplate
from motcua.notifications.services import notification_enqueue

OTP_DIGITS = 6
_HMAC_SALT = "motcua.accounts.otp"

# Which channel proves which contact.
VERIFY_PURPOSE: dict[OtpChannel, OtpPurpose] = {
    OtpChannel.SMS: OtpPurpose.VERIFY_PHONE,
    OtpChannel.EMAIL: OtpPurpose.VERIFY_EMAIL,
}


def otp_ttl_seconds() -> int:
    return int(settings.MOTCUA_OTP_TTL_SECONDS)


def _max_attempts() -> int:
    return int(settings.MOTCUA_OTP_MAX_ATTEMPTS)


def _resend_seconds() -> int:
    return int(settings.MOTCUA_OTP_RESEND_SECONDS)


def code_make() -> str:
    """Six random digits (leading zeros kept)."""
    return f"{secrets.randbelow(10**OTP_DIGITS):0{OTP_DIGITS}d}"


def code_hash(*, user_id: int, purpose: str, code: str) -> str:
    """HMAC-SHA256 of the code, keyed by SECRET_KEY and bound to the user and the purpose: a code
    for one account or purpose never matches another's row."""
    return salted_hmac(_HMAC_SALT, f"{user_id}:{purpose}:{code}", algorithm="sha256").hexdigest()


def code_normalize(code: str) -> str:
    """What people type: "123 456", "123-456" → "123456"."""
    return "".join(ch for ch in code if not ch.isspace() and ch != "-")


def contact_mask(value: str) -> str:
    """A phone or e-mail as shown on pages that confirm where a code went: 09******78,
    ng***@example.com."""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:2]}***@{domain}"
    if len(value) <= 4:
        return "*" * len(value)
    return f"{value[:2]}{'*' * (len(value) - 4)}{value[-2:]}"


def _recipient(user: User, channel: OtpChannel) -> str:
    return user.phone if channel == OtpChannel.SMS else user.email


def _refuse_no_recipient(channel: OtpChannel) -> ValidationFailed:
    if channel == OtpChannel.SMS:
        message = "Tài khoản chưa có số điện thoại di động để nhận mã."
    else:
        message = "Tài khoản chưa có địa chỉ email để nhận mã."
    return ValidationFailed(message, code="otp_no_recipient", field="channel")


@transaction.atomic
def otp_send(
    *, user: User, purpose: OtpPurpose, channel: OtpChannel, actor: User | None
) -> OneTimeCode:
    """Make a new code for `purpose` and send it to the user's phone (SMS) or e-mail.

    Refused with `otp_resend_too_soon` (details.retry_after) within MOTCUA_OTP_RESEND_SECONDS of
    the previous code of the same purpose, and `otp_no_recipient` when the account has no such
    contact. A verification code goes by its own channel (phone by SMS, e-mail by e-mail).
    """
    purpose = OtpPurpose(purpose)
    channel = OtpChannel(channel)
    if purpose in VERIFY_PURPOSE.values() and VERIFY_PURPOSE[channel] != purpose:
        raise ValidationFailed(
            "Mã xác thực số điện thoại gửi bằng tin nhắn, mã xác thực email gửi bằng thư.",
            code="otp_channel_mismatch",
            field="channel",
        )
    user = User.objects.select_for_update().get(pk=user.pk)  # one send or check at a time
    recipient = _recipient(user, channel)
    if not recipient:
        raise _refuse_no_recipient(channel)
    now = timezone.now()
    last = OneTimeCode.objects.filter(user=user, purpose=purpose).order_by("-created_at").first()
    if last is not None:
        wait = (last.created_at - now).total_seconds() + _resend_seconds()
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise ValidationFailed(
                f"Mã vừa được gửi. Ông/Bà có thể yêu cầu gửi lại sau {retry_after} giây.",
                code="otp_resend_too_soon",
                details={"retry_after": retry_after},
            )
    OneTimeCode.objects.filter(
        user=user, purpose=purpose, used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)
    code = code_make()
    ttl = otp_ttl_seconds()
    otc = OneTimeCode.objects.create(
        user=user,
        purpose=purpose,
        channel=channel,
        recipient=recipient,
        code_hash=code_hash(user_id=user.pk, purpose=purpose, code=code),
        created_at=now,
        expires_at=now + dt.timedelta(seconds=ttl),
    )
    notification_enqueue(
        channel=NotificationChannel(channel.value),
        recipient=recipient,
        template=NotificationTemplate.OTP_CODE,
        context={"code": code, "valid_minutes": max(1, ttl // 60)},
        key=f"otp:{otc.pk}",
        related=otc,
        actor=actor,
    )
    audit_record(
        actor=actor,
        action="otp.sent",
        obj=otc,
        data={"user": user.username, "purpose": purpose.value, "channel": channel.value},
    )
    return otc


def otp_open(*, user: User, purpose: OtpPurpose) -> OneTimeCode | None:
    """The user's code for `purpose` that may still be entered (open, not expired, tries left)."""
    return (
        OneTimeCode.objects.filter(
            user=user,
            purpose=purpose,
            used_at__isnull=True,
            voided_at__isnull=True,
            expires_at__gt=timezone.now(),
            attempts__lt=_max_attempts(),
        )
        .order_by("-created_at")
        .first()
    )


@dataclass(frozen=True)
class _Check:
    otc: OneTimeCode | None
    error: ValidationFailed | None


def _check_locked(user: User, purpose: OtpPurpose, code: str) -> _Check:
    """Compare `code` with the user's open code; count a wrong try. Runs inside the caller's
    transaction and returns the refusal instead of raising, so the count is committed."""
    now = timezone.now()
    otc = (
        OneTimeCode.objects.select_for_update()
        .filter(user=user, purpose=purpose, used_at__isnull=True, voided_at__isnull=True)
        .first()
    )
    if otc is None:
        return _Check(None, _invalid(remaining=None))
    if now >= otc.expires_at:
        return _Check(
            None,
            ValidationFailed(
                "Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới.", code="otp_expired", field="code"
            ),
        )
    max_attempts = _max_attempts()
    if otc.attempts >= max_attempts:
        return _Check(None, _too_many())
    candidate = code_normalize(code)
    expected = otc.code_hash
    given = code_hash(user_id=user.pk, purpose=purpose, code=candidate)
    if not (candidate.isascii() and candidate.isdigit()) or not hmac.compare_digest(
        expected, given
    ):
        otc.attempts += 1
        otc.save(update_fields=["attempts"])
        if otc.attempts >= max_attempts:
            return _Check(None, _too_many())
        return _Check(None, _invalid(remaining=max_attempts - otc.attempts))
    otc.used_at = now
    otc.save(update_fields=["used_at"])
    return _Check(otc, None)


def _invalid(*, remaining: int | None) -> ValidationFailed:
    message = "Mã xác thực không đúng."
    if remaining is not None:
        message += f" Ông/Bà còn {remaining} lần thử."
    else:
        message += " Vui lòng yêu cầu mã mới."
    return ValidationFailed(message, code="otp_invalid", field="code")


def _too_many() -> ValidationFailed:
    return ValidationFailed(
        "Ông/Bà đã nhập sai mã quá số lần cho phép. Vui lòng yêu cầu mã mới.",
        code="otp_too_many_attempts",
        field="code",
    )


def otp_verify(*, user: User, purpose: OtpPurpose, code: str) -> OneTimeCode:
    """Use the user's open code for `purpose` if `code` matches (constant-time comparison).

    A wrong code counts a try (committed even though the call raises); the code is dead after
    MOTCUA_OTP_MAX_ATTEMPTS wrong tries or MOTCUA_OTP_TTL_SECONDS. Returns the used code.
    """
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        check = _check_locked(user, OtpPurpose(purpose), code)
    if check.error is not None:
        raise check.error
    assert check.otc is not None
    return check.otc


# --- The account changes that rest on a code --------------------------------------------------


def citizen_verify_contact(
    *, user: User, channel: OtpChannel, code: str, actor: User | None
) -> User:
    """Mark the phone (SMS) or e-mail as verified with the code sent to it. A code sent to a
    contact the user has since changed is refused as invalid."""
    channel = OtpChannel(channel)
    purpose = VERIFY_PURPOSE[channel]
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        check = _check_locked(locked, purpose, code)
        if check.otc is not None:
            if check.otc.recipient != _recipient(locked, channel):
                check = _Check(None, _invalid(remaining=None))
            else:
                now = timezone.now()
                field = "phone_verified_at" if channel == OtpChannel.SMS else "email_verified_at"
                setattr(locked, field, now)
                locked.save(update_fields=[field])
                audit_record(
                    actor=actor,
                    action="user.contact_verified",
                    obj=locked,
                    data={"channel": channel.value},
                )
    if check.error is not None:
        raise check.error
    _refresh(user, locked)
    return locked


def _validate_password(user: User, password: str, *, field: str) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(
            " ".join(exc.messages), code="password_invalid", field=field
        ) from exc


def citizen_password_reset(*, user: User, code: str, new_password: str) -> User:
    """Set a new password with a reset code. The password is checked first (Django's validators),
    so a weak one does not use up the code. A code that came by SMS to the account's phone also
    proves the phone."""
    if user.kind != UserKind.CITIZEN:
        raise _invalid(remaining=None)
    _validate_password(user, new_password, field="new_password")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        check = _check_locked(locked, OtpPurpose.RESET_PASSWORD, code)
        if check.otc is not None:
            fields = ["password"]
            locked.set_password(new_password)
            if (
                check.otc.channel == OtpChannel.SMS
                and check.otc.recipient == locked.phone
                and locked.phone_verified_at is None
            ):
                locked.phone_verified_at = timezone.now()
                fields.append("phone_verified_at")
            locked.save(update_fields=fields)
            audit_record(
                actor=None,
                action="user.password_reset",
                obj=locked,
                data={"channel": check.otc.channel},
            )
    if check.error is not None:
        raise check.error
    _refresh(user, locked)
    return locked


@transaction.atomic
def citizen_password_change(
    *, user: User, old_password: str | None, new_password: str, actor: User | None
) -> User:
    """Change a password. The old one is required when the account has one (an account made by
    the identity provider has none and sets its first here)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.has_usable_password() and not locked.check_password(old_password or ""):
        raise ValidationFailed(
            "Mật khẩu hiện tại không đúng.", code="password_incorrect", field="old_password"
        )
    _validate_password(locked, new_password, field="new_password")
    locked.set_password(new_password)
    locked.save(update_fields=["password"])
    audit_record(actor=actor, action="user.password_changed", obj=locked)
    _refresh(user, locked)
    return locked


@transaction.atomic
def citizen_contact_update(*, user: User, phone: str, email: str, actor: User | None) -> User:
    """Change the mobile phone and e-mail. A changed contact loses its verification, and the open
    code sent to the old one is voided. A citizen keeps a mobile phone (notifications go by SMS);
    the e-mail may be emptied."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not phone.strip():
        raise ValidationFailed(
            "Vui lòng nhập số điện thoại di động để nhận thông báo về hồ sơ.",
            code="phone_required",
            field="phone",
        )
    new_phone = mobile_number(phone)
    new_email = email.strip()
    if new_email:
        try:
            validate_email(new_email)
        except ValidationError as exc:
            raise ValidationFailed(exc.messages[0], code="email_invalid", field="email") from exc
    now = timezone.now()
    changed: list[str] = []
    if new_phone != locked.phone:
        locked.phone, locked.phone_verified_at = new_phone, None
        changed += ["phone", "phone_verified_at"]
        _void_open(locked, OtpPurpose.VERIFY_PHONE, now)
    if new_email.lower() != locked.email.lower():
        locked.email, locked.email_verified_at = new_email, None
        changed += ["email", "email_verified_at"]
        _void_open(locked, OtpPurpose.VERIFY_EMAIL, now)
    elif new_email != locked.email:  # only the letter case: the same mailbox, still verified
        locked.email = new_email
        changed.append("email")
    if changed:
        locked.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="user.contact_changed",
            obj=locked,
            data={"fields": [name for name in changed if not name.endswith("_at")]},
        )
    _refresh(user, locked)
    return locked


def _void_open(user: User, purpose: OtpPurpose, now: dt.datetime) -> None:
    OneTimeCode.objects.filter(
        user=user, purpose=purpose, used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)


def _refresh(user: User, fresh: User) -> None:
    """Copy what a service wrote onto the caller's instance (e.g. request.user)."""
    for name in ("phone", "email", "phone_verified_at", "email_verified_at", "password"):
        setattr(user, name, getattr(fresh, name))
