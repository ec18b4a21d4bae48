"""Citizen account pages: log in (password or the national electronic identity), register,
verify the phone or e-mail, reset a forgotten password, the account page.

Interfaces only: the forms check the shape; motcua.accounts (selectors, otp, oidc, services)
holds the rules. Staff keep their own login at /accounts/login/.
"""

import logging
import math

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, password_validation, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.models import CitizenKind, OtpChannel, OtpPurpose, User, UserKind
from motcua.accounts.oidc import (
    OidcError,
    OidcPending,
    OidcSettings,
    citizen_from_oidc,
    oidc_begin,
    oidc_complete,
)
from motcua.accounts.otp import (
    VERIFY_PURPOSE,
    citizen_contact_update,
    citizen_password_change,
    citizen_password_reset,
    citizen_verify_contact,
    contact_mask,
    otp_open,
    otp_send,
    otp_ttl_seconds,
)
from motcua.accounts.selectors import citizen_authenticate, citizen_find_by_identity
from motcua.accounts.services import citizen_register
from motcua.core.errors import DomainError, ValidationFailed
from motcua.core.ratelimit import Rate, RateLimited, client_address, rate_limit_hit
from motcua.portal.access import citizen, citizen_required
from motcua.portal.account_forms import (
    REGISTER_FIELDS,
    ContactForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetConfirmForm,
    PasswordResetRequestForm,
    RegisterForm,
    VerifyCodeForm,
)

logger = logging.getLogger(__name__)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SESSION_OIDC = "portal_oidc"
SESSION_RESET = "portal_password_reset"
KIND_PARAM = {"ca-nhan": CitizenKind.INDIVIDUAL, "to-chuc": CitizenKind.ORGANISATION}
CHANNEL_PARAM = {"sdt": OtpChannel.SMS, "email": OtpChannel.EMAIL}


# --- Helpers ------------------------------------------------------------------------------------


def _safe_next(request: HttpRequest, value: str | None) -> str:
    """`next` only when it stays on this site (same host, and https when we are on https)."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def _form_error(
    form: forms.BaseForm, exc: DomainError, mapping: dict[str, str] | None = None
) -> None:
    """A refusal of a service onto the form: on its field when the form has it, else on top."""
    field = (mapping or {}).get(exc.field or "", exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return _("%(n)s giây") % {"n": seconds}
    return _("%(n)s phút") % {"n": math.ceil(seconds / 60)}


def _rate_limit(request: HttpRequest, *, scope: str, identity: str) -> None:
    """Count one try for this client address and identity (MOTCUA_LOGIN_RATE)."""
    key = "".join(ch for ch in identity.lower() if ch.isalnum() or ch in "-@")
    rate_limit_hit(
        scope=scope,
        client=f"{client_address(request)}|{key}",
        rate=Rate.parse(settings.MOTCUA_LOGIN_RATE),
    )


def _rate_limited_message(exc: RateLimited) -> str:
    return _("Ông/Bà đã thử quá nhiều lần. Để bảo vệ tài khoản, vui lòng thử lại sau %(wait)s.") % {
        "wait": _wait_text(exc.retry_after)
    }


def _oidc_context() -> OidcSettings | None:
    config = OidcSettings.from_settings()
    return config if config.usable else None


def _landing(next_url: str) -> HttpResponseRedirect:
    return redirect(next_url or reverse("portal:account"))


# --- Login and logout ---------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    user = request.user
    if request.method != "POST" and isinstance(user, User) and user.kind == UserKind.CITIZEN:
        return _landing(next_url)
    status = 200
    staff_account = False
    if request.method == "POST":
        form = LoginForm(request.POST)
        if form.is_valid():
            identity = form.cleaned_data["identity"]
            try:
                _rate_limit(request, scope="portal-login", identity=identity)
                account = citizen_authenticate(
                    identity=identity, password=form.cleaned_data["password"]
                )
            except RateLimited as exc:
                form.add_error(None, _rate_limited_message(exc))
                status = 429
            except ValidationFailed as exc:
                form.add_error(None, exc.message)
                staff_account = exc.code == "login_staff_account"
            else:
                login(request, account, backend=MODEL_BACKEND)
                return _landing(next_url)
        if status == 200:
            status = 400
    else:
        form = LoginForm()
    return render(
        request,
        "portal/account/login.html",
        {"form": form, "next": next_url, "oidc": _oidc_context(), "staff_account": staff_account},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Ông/Bà đã đăng xuất."))
    return redirect("portal:home")


# --- Registration -------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "HEAD", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if isinstance(user, User) and user.kind == UserKind.CITIZEN:
        return redirect("portal:account")
    kind_param = request.POST.get("loai") or request.GET.get("loai") or "ca-nhan"
    kind = KIND_PARAM.get(kind_param, CitizenKind.INDIVIDUAL)
    kind_param = "to-chuc" if kind == CitizenKind.ORGANISATION else "ca-nhan"
    status = 200
    if request.method == "POST":
        form = RegisterForm(request.POST, kind=kind)
        if form.is_valid():
            data = form.cleaned_data
            try:
                account = citizen_register(
                    kind=kind,
                    full_name=data["full_name"],
                    phone=data["phone"],
                    password=data["new_password1"],
                    email=data.get("email") or "",
                    personal_id_number=data.get("personal_id_number"),
                    tax_code=data.get("tax_code"),
                    organisation_name=data.get("organisation_name") or "",
                    date_of_birth=data.get("date_of_birth"),
                )
            except ValidationFailed as exc:
                _form_error(form, exc, REGISTER_FIELDS)
            else:
                login(request, account, backend=MODEL_BACKEND)
                messages.success(request, _("Đã tạo tài khoản. Chào mừng Ông/Bà!"))
                _send_quietly(request, account, OtpChannel.SMS)
                return redirect("portal:verify")
        status = 400
    else:
        form = RegisterForm(kind=kind)
    return render(
        request,
        "portal/account/register.html",
        {"form": form, "kind": kind, "kind_param": kind_param, "oidc": _oidc_context()},
        status=status,
    )


def _send_quietly(request: HttpRequest, user: User, channel: OtpChannel) -> None:
    """Send a verification code right after registration; a refusal only means no code yet."""
    try:
        otp_send(user=user, purpose=VERIFY_PURPOSE[channel], channel=channel, actor=user)
    except ValidationFailed:
        return
    messages.info(
        request,
        _("Mã xác thực đã được gửi đến %(to)s.") % {"to": contact_mask(user.phone)},
    )


# --- Verifying the phone or e-mail ---------------------------------------------------------------


@never_cache
@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    user = citizen(request)
    channel_param = request.POST.get("kenh") or request.GET.get("kenh") or "sdt"
    channel = CHANNEL_PARAM.get(channel_param, OtpChannel.SMS)
    channel_param = "email" if channel == OtpChannel.EMAIL else "sdt"
    here = f"{reverse('portal:verify')}?kenh={channel_param}"
    form = VerifyCodeForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "send":
            try:
                otp_send(user=user, purpose=VERIFY_PURPOSE[channel], channel=channel, actor=user)
            except ValidationFailed as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("Đã gửi mã xác thực đến %(to)s. Mã có hiệu lực %(minutes)s phút.")
                    % {
                        "to": contact_mask(user.phone if channel == OtpChannel.SMS else user.email),
                        "minutes": max(1, otp_ttl_seconds() // 60),
                    },
                )
            return redirect(here)
        form = VerifyCodeForm(request.POST)
        if form.is_valid():
            try:
                citizen_verify_contact(
                    user=user, channel=channel, code=form.cleaned_data["code"], actor=user
                )
            except ValidationFailed as exc:
                _form_error(form, exc)
            else:
                if channel == OtpChannel.SMS:
                    messages.success(request, _("Đã xác thực số điện thoại."))
                else:
                    messages.success(request, _("Đã xác thực email."))
                return redirect("portal:account")
        status = 400
    recipient = user.phone if channel == OtpChannel.SMS else user.email
    verified = user.phone_verified if channel == OtpChannel.SMS else user.email_verified
    return render(
        request,
        "portal/account/verify.html",
        {
            "form": form,
            "channel": channel.value,
            "channel_param": channel_param,
            "recipient": contact_mask(recipient) if recipient else "",
            "verified": verified,
            "pending": otp_open(user=user, purpose=VERIFY_PURPOSE[channel]),
        },
        status=status,
    )


# --- Forgotten password ---------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def password_reset_view(request: HttpRequest) -> HttpResponse:
    """Ask for a code. The answer is the same whether or not the identity has an account."""
    status = 200
    if request.method == "POST":
        form = PasswordResetRequestForm(request.POST)
        if form.is_valid():
            identity = form.cleaned_data["identity"]
            channel = OtpChannel(form.cleaned_data["channel"])
            try:
                _rate_limit(request, scope="portal-password-reset", identity=identity)
            except RateLimited as exc:
                form.add_error(None, _rate_limited_message(exc))
                status = 429
            else:
                account = citizen_find_by_identity(identity=identity)
                if account is not None:
                    try:
                        otp_send(
                            user=account,
                            purpose=OtpPurpose.RESET_PASSWORD,
                            channel=channel,
                            actor=None,
                        )
                    except ValidationFailed as exc:  # told to nobody: it would say who exists
                        logger.info("password reset code not sent: %s", exc.code)
                request.session[SESSION_RESET] = {
                    "identity": identity,
                    "channel": channel.value,
                    "failures": 0,
                }
                return redirect("portal:password-reset-confirm")
        if status == 200:
            status = 400
    else:
        form = PasswordResetRequestForm()
    return render(request, "portal/account/password_reset.html", {"form": form}, status=status)


def _unknown_identity_refusal(request: HttpRequest, pending: dict[str, object]) -> ValidationFailed:
    """What a wrong code says, for an identity with no account: the same words, counting down the
    same way, so the page does not tell who has an account."""
    failures = int(str(pending.get("failures", 0))) + 1
    request.session[SESSION_RESET] = {**pending, "failures": failures}
    max_attempts = int(settings.MOTCUA_OTP_MAX_ATTEMPTS)
    if failures >= max_attempts:
        return ValidationFailed(
            "Ông/Bà đã nhập sai mã quá số lần cho phép. Vui lòng yêu cầu mã mới.",
            code="otp_too_many_attempts",
            field="code",
        )
    return ValidationFailed(
        f"Mã xác thực không đúng. Ông/Bà còn {max_attempts - failures} lần thử.",
        code="otp_invalid",
        field="code",
    )


@never_cache
@sensitive_post_parameters("code", "new_password1", "new_password2")
@require_http_methods(["GET", "HEAD", "POST"])
def password_reset_confirm_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_RESET)
    if not isinstance(pending, dict) or not pending.get("identity"):
        messages.info(request, _("Vui lòng nhập số định danh để nhận mã đặt lại mật khẩu."))
        return redirect("portal:password-reset")
    channel = OtpChannel(str(pending.get("channel", OtpChannel.SMS)))
    status = 200
    if request.method == "POST":
        form = PasswordResetConfirmForm(request.POST)
        if form.is_valid():
            account = citizen_find_by_identity(identity=str(pending["identity"]))
            try:
                if account is None:
                    _validate_password_shape(form.cleaned_data["new_password1"])
                    raise _unknown_identity_refusal(request, pending)
                citizen_password_reset(
                    user=account,
                    code=form.cleaned_data["code"],
                    new_password=form.cleaned_data["new_password1"],
                )
            except ValidationFailed as exc:
                _form_error(form, exc, {"new_password": "new_password1"})
            else:
                del request.session[SESSION_RESET]
                messages.success(
                    request, _("Đã đặt lại mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới.")
                )
                return redirect("portal:login")
        status = 400
    else:
        form = PasswordResetConfirmForm()
    return render(
        request,
        "portal/account/password_reset_confirm.html",
        {"form": form, "channel": channel.value},
        status=status,
    )


def _validate_password_shape(password: str) -> None:
    """Django's password validators without an account (the same refusals as for one)."""
    try:
        password_validation.validate_password(password, None)
    except ValidationError as exc:
        raise ValidationFailed(
            " ".join(exc.messages), code="password_invalid", field="new_password"
        ) from exc


# --- The account page ---------------------------------------------------------------------------


def _account_page(
    request: HttpRequest,
    user: User,
    *,
    contact_form: ContactForm | None = None,
    password_form: PasswordChangeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    profile = getattr(user, "citizen_profile", None)
    return render(
        request,
        "portal/account/account.html",
        {
            "account": user,
            "profile": profile,
            "contact_form": contact_form
            or ContactForm(initial={"phone": user.phone, "email": user.email}),
            "password_form": password_form
            or PasswordChangeForm(has_password=user.has_usable_password()),
            "has_password": user.has_usable_password(),
        },
        status=status,
    )


@never_cache
@citizen_required
@require_safe
def account_view(request: HttpRequest) -> HttpResponse:
    return _account_page(request, citizen(request))


@never_cache
@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_contact_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("portal:account")
    user = citizen(request)
    form = ContactForm(request.POST)
    if form.is_valid():
        old_phone, old_email = user.phone, user.email
        try:
            citizen_contact_update(
                user=user,
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data.get("email") or "",
                actor=user,
            )
        except ValidationFailed as exc:
            _form_error(form, exc)
        else:
            if user.phone != old_phone:
                messages.success(request, _("Đã lưu số điện thoại mới. Vui lòng xác thực số này."))
                return redirect(f"{reverse('portal:verify')}?kenh=sdt")
            if user.email and user.email.lower() != old_email.lower():
                messages.success(request, _("Đã lưu email mới. Vui lòng xác thực email này."))
                return redirect(f"{reverse('portal:verify')}?kenh=email")
            messages.success(request, _("Đã lưu thông tin liên hệ."))
            return redirect("portal:account")
    return _account_page(request, user, contact_form=form, status=400)


@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_password_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("portal:account")
    user = citizen(request)
    form = PasswordChangeForm(request.POST, has_password=user.has_usable_password())
    if form.is_valid():
        try:
            citizen_password_change(
                user=user,
                old_password=form.cleaned_data.get("old_password"),
                new_password=form.cleaned_data["new_password1"],
                actor=user,
            )
        except ValidationFailed as exc:
            _form_error(form, exc, {"new_password": "new_password1"})
        else:
            update_session_auth_hash(request, user)  # stay logged in here, out elsewhere
            messages.success(request, _("Đã đổi mật khẩu."))
            return redirect("portal:account")
    return _account_page(request, user, password_form=form, status=400)


# --- The national electronic identity (OpenID Connect) ------------------------------------------


def _oidc_failed(request: HttpRequest, exc: DomainError) -> HttpResponse:
    messages.error(request, exc.message)
    return redirect("portal:login")


@never_cache
@require_safe
def oidc_start_view(request: HttpRequest) -> HttpResponse:
    config = OidcSettings.from_settings()
    next_url = _safe_next(request, request.GET.get("next"))
    try:
        url, pending = oidc_begin(
            config=config,
            redirect_uri=request.build_absolute_uri(reverse("portal:oidc-callback")),
            next_url=next_url,
        )
    except OidcError as exc:
        return _oidc_failed(request, exc)
    request.session[SESSION_OIDC] = pending.as_session()
    return redirect(url)


@never_cache
@require_safe
def oidc_callback_view(request: HttpRequest) -> HttpResponse:
    pending = OidcPending.from_session(request.session.pop(SESSION_OIDC, None))
    try:
        identity = oidc_complete(
            config=OidcSettings.from_settings(),
            pending=pending,
            params={key: request.GET.get(key, "") for key in request.GET},
        )
        result = citizen_from_oidc(identity=identity)
    except OidcError as exc:
        return _oidc_failed(request, exc)
    login(request, result.user, backend=MODEL_BACKEND)
    if result.created:
        messages.success(request, _("Đã tạo tài khoản từ tài khoản định danh điện tử."))
    if not result.user.phone:
        messages.info(
            request,
            _("Vui lòng bổ sung số điện thoại di động để nhận thông báo về hồ sơ."),
        )
        return redirect("portal:account")
    next_url = _safe_next(request, pending.next_url if pending else "")
    return _landing(next_url)
