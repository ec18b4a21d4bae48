"""Log in with the national electronic identity (VNeID) through OpenID Connect.

Authorization code flow with PKCE (S256); `state` and `nonce` kept server-side (in the session, by
the view) and checked on return. The provider's discovery document and keys (JWKS) are fetched
with urllib and cached in Django's cache; the ID token is verified with PyJWT: RS256 signature
against the JWKS, `iss`, `aud` (and `azp`), `exp`, `iat`, `nonce`. Claims missing from the ID token
are read from the userinfo endpoint when the provider has one. The citizen is then found by the
personal ID number the provider asserts, or created.

Settings: MOTCUA_OIDC (config/settings/base.py, docs/accounts.md). Every failure raises
`OidcError` with a stable code and a Vietnamese message; nothing is written before the token is
verified.
"""

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Self

import jwt
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import CitizenKind, CitizenProfile, User, UserKind
from motcua.accounts.services import citizen_register
from motcua.accounts.validators import PhoneKind, parse_personal_id, parse_phone
from motcua.core.audit import audit_record
from motcua.core.errors import DomainError, ValidationFailed

logger = logging.getLogger(__name__)

# A login started more than this long ago is refused on return (state and nonce are stale).
PENDING_MAX_AGE_SECONDS = 600
# Clock skew allowed between us and the provider when checking exp and iat.
LEEWAY_SECONDS = 60
_MAX_RESPONSE_BYTES = 256 * 1024
_ALGORITHM = "RS256"
_TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post")


class OidcError(DomainError):
    """The identity provider login failed; `code` says where (see MESSAGES)."""

    code = "oidc_failed"


MESSAGES: dict[str, str] = {
    "oidc_disabled": "Đăng nhập bằng tài khoản định danh điện tử chưa được bật trên hệ thống này.",
    "oidc_unavailable": (
        "Chưa kết nối được với hệ thống định danh điện tử. Vui lòng thử lại sau ít phút hoặc "
        "đăng nhập bằng số định danh và mật khẩu."
    ),
    "oidc_state_mismatch": (
        "Phiên đăng nhập bằng định danh điện tử không hợp lệ hoặc đã hết hạn. Vui lòng bấm "
        "đăng nhập lại."
    ),
    "oidc_cancelled": "Ông/Bà đã hủy đăng nhập bằng tài khoản định danh điện tử.",
    "oidc_provider_error": (
        "Hệ thống định danh điện tử không xác nhận việc đăng nhập. Vui lòng thử lại."
    ),
    "oidc_token_invalid": (
        "Thông tin đăng nhập nhận từ hệ thống định danh điện tử không hợp lệ, nên chưa thể đăng "
        "nhập. Vui lòng thử lại."
    ),
    "oidc_claim_missing": (
        "Hệ thống định danh điện tử không cung cấp số định danh cá nhân hợp lệ, nên chưa thể "
        "đăng nhập. Vui lòng đăng nhập bằng số định danh và mật khẩu."
    ),
    "oidc_name_missing": (
        "Hệ thống định danh điện tử không cung cấp họ và tên, nên chưa thể tạo tài khoản. "
        "Vui lòng đăng ký bằng số định danh cá nhân."
    ),
    "oidc_account_unusable": (
        "Số định danh này thuộc một tài khoản không dùng được trên cổng (đã bị khóa hoặc là tài "
        "khoản cán bộ). Vui lòng liên hệ Bộ phận một cửa."
    ),
}


def _fail(code: str, detail: str = "") -> OidcError:
    if detail:
        logger.warning("OIDC login failed (%s): %s", code, detail)
    return OidcError(MESSAGES[code], code=code, details={"detail": detail} if detail else None)


# --- Settings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OidcSettings:
    enabled: bool
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    label: str
    id_number_claim: str
    name_claim: str
    phone_claim: str
    phone_verified_claim: str
    token_auth_method: str  # "" = as the discovery document offers (basic preferred)
    redirect_uri: str  # "" = built from the request
    timeout: float
    cache_seconds: int

    @classmethod
    def from_settings(cls) -> Self:
        raw: Mapping[str, Any] = getattr(settings, "MOTCUA_OIDC", {}) or {}
        return cls(
            enabled=bool(raw.get("ENABLED", False)),
            issuer=str(raw.get("ISSUER", "")).strip().rstrip("/"),
            client_id=str(raw.get("CLIENT_ID", "")).strip(),
            client_secret=str(raw.get("CLIENT_SECRET", "")),
            scopes=str(raw.get("SCOPES", "openid profile")),
            label=str(raw.get("LABEL", "VNeID")),
            id_number_claim=str(raw.get("ID_NUMBER_CLAIM", "sub")),
            name_claim=str(raw.get("NAME_CLAIM", "name")),
            phone_claim=str(raw.get("PHONE_CLAIM", "phone_number")),
            phone_verified_claim=str(raw.get("PHONE_VERIFIED_CLAIM", "phone_number_verified")),
            token_auth_method=str(raw.get("TOKEN_AUTH_METHOD", "")).strip(),
            redirect_uri=str(raw.get("REDIRECT_URI", "")).strip(),
            timeout=float(raw.get("TIMEOUT", 10)),
            cache_seconds=int(raw.get("CACHE_SECONDS", 3600)),
        )

    @property
    def usable(self) -> bool:
        """Switched on and configured enough to start a login."""
        return self.enabled and bool(self.issuer) and bool(self.client_id)

    @property
    def scope(self) -> str:
        scopes = self.scopes.split()
        return " ".join(scopes if "openid" in scopes else ["openid", *scopes])


# --- HTTP ---------------------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Provider endpoints answer directly; a redirect is an error, not something to follow."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _check_url(url: str) -> str:
    """https, or http to this machine only (a provider run for tests or development)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname:
        host = parts.hostname
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if loopback:
            return url
    raise _fail("oidc_unavailable", f"refused URL (https only): {url!r}")


def _http_json(
    url: str,
    *,
    timeout: float,
    data: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    """(status, JSON object) from a GET, or a form POST when `data` is given. 4xx answers are
    returned (a token endpoint says why it refused); anything else wrong raises oidc_unavailable."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked by _check_url
        _check_url(url),
        data=body,
        headers={"Accept": "application/json", "User-Agent": "motcua-oidc", **(headers or {})},
        method="POST" if body is not None else "GET",
    )
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with _opener.open(request, timeout=timeout) as response:
            status, raw = response.status, response.read(_MAX_RESPONSE_BYTES)
    except urllib.error.HTTPError as exc:
        with exc:
            status, raw = exc.code, exc.read(_MAX_RESPONSE_BYTES)
        if not 400 <= status < 500:
            raise _fail("oidc_unavailable", f"{url}: HTTP {status}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise _fail("oidc_unavailable", f"{url}: {exc}") from exc
    try:
        answer = json.loads(raw)
    except ValueError as exc:
        raise _fail("oidc_unavailable", f"{url}: HTTP {status}, not JSON") from exc
    if not isinstance(answer, dict):
        raise _fail("oidc_unavailable", f"{url}: HTTP {status}, not a JSON object")
    return status, answer


# --- Discovery and keys -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    token_auth_methods: tuple[str, ...]


def _cache_key(kind: str, value: str) -> str:
    return f"oidc:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def oidc_discovery(*, config: OidcSettings) -> ProviderMetadata:
    """The provider's `/.well-known/openid-configuration`, cached for CACHE_SECONDS. Its `issuer`
    must be the configured one (OpenID Connect Discovery §4.3)."""
    key = _cache_key("discovery", config.issuer)
    document = cache.get(key)
    if not isinstance(document, dict):
        url = f"{config.issuer}/.well-known/openid-configuration"
        status, document = _http_json(url, timeout=config.timeout)
        if status != 200:
            raise _fail("oidc_unavailable", f"{url}: HTTP {status}")
        cache.set(key, document, config.cache_seconds)
    try:
        metadata = ProviderMetadata(
            issuer=str(document["issuer"]).rstrip("/"),
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
            userinfo_endpoint=str(document.get("userinfo_endpoint") or ""),
            token_auth_methods=tuple(
                document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
            ),
        )
    except KeyError as exc:
        cache.delete(key)
        raise _fail("oidc_unavailable", f"discovery document lacks {exc}") from exc
    if metadata.issuer != config.issuer:
        cache.delete(key)
        raise _fail(
            "oidc_unavailable", f"discovery issuer {metadata.issuer!r} is not {config.issuer!r}"
        )
    return metadata


def _jwks(*, config: OidcSettings, metadata: ProviderMetadata, refresh: bool) -> jwt.PyJWKSet:
    key = _cache_key("jwks", metadata.jwks_uri)
    document = None if refresh else cache.get(key)
    if not isinstance(document, dict):
        status, document = _http_json(metadata.jwks_uri, timeout=config.timeout)
        if status != 200:
            raise _fail("oidc_unavailable", f"{metadata.jwks_uri}: HTTP {status}")
        cache.set(key, document, config.cache_seconds)
    try:
        return jwt.PyJWKSet.from_dict(document)
    except jwt.PyJWTError as exc:
        raise _fail("oidc_unavailable", f"JWKS unusable: {exc}") from exc


def _signing_key(*, config: OidcSettings, metadata: ProviderMetadata, kid: str | None) -> Any:
    """The RSA public key for `kid`; the JWKS is fetched again once when the key is unknown (the
    provider rotated its keys)."""
    for refresh in (False, True):
        keys = [
            k
            for k in _jwks(config=config, metadata=metadata, refresh=refresh).keys
            if k.key_type == "RSA" and (k.public_key_use in (None, "sig"))
        ]
        if kid is None and len(keys) == 1:
            return keys[0].key
        for candidate in keys:
            if kid is not None and candidate.key_id == kid:
                return candidate.key
    raise _fail("oidc_token_invalid", f"no RSA signing key with kid {kid!r}")


# --- The flow -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OidcPending:
    """What the browser must bring back: kept in the session between start and callback."""

    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    next_url: str
    started_at: float

    def as_session(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_session(cls, value: object) -> Self | None:
        if not isinstance(value, dict):
            return None
        try:
            return cls(
                state=str(value["state"]),
                nonce=str(value["nonce"]),
                code_verifier=str(value["code_verifier"]),
                redirect_uri=str(value["redirect_uri"]),
                next_url=str(value.get("next_url", "")),
                started_at=float(value["started_at"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


def pkce_challenge(verifier: str) -> str:
    """S256: base64url(SHA-256(verifier)) without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def oidc_begin(
    *, config: OidcSettings, redirect_uri: str, next_url: str = ""
) -> tuple[str, OidcPending]:
    """The provider's authorization URL to send the browser to, and what to keep until it comes
    back."""
    if not config.usable:
        raise _fail("oidc_disabled")
    metadata = oidc_discovery(config=config)
    pending = OidcPending(
        state=secrets.token_urlsafe(32),
        nonce=secrets.token_urlsafe(32),
        code_verifier=secrets.token_urlsafe(64),
        redirect_uri=config.redirect_uri or redirect_uri,
        next_url=next_url,
        started_at=time.time(),
    )
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": config.client_id,
            "redirect_uri": pending.redirect_uri,
            "scope": config.scope,
            "state": pending.state,
            "nonce": pending.nonce,
            "code_challenge": pkce_challenge(pending.code_verifier),
            "code_challenge_method": "S256",
        }
    )
    endpoint = _check_url(metadata.authorization_endpoint)
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{query}", pending


@dataclass(frozen=True)
class OidcIdentity:
    """Who the provider says logged in, mapped to our fields."""

    subject: str
    personal_id_number: str
    full_name: str
    phone: str  # a valid mobile number in national format, or ""
    phone_verified: bool  # the provider asserted it (phone_number_verified)


def oidc_complete(
    *, config: OidcSettings, pending: OidcPending | None, params: Mapping[str, str]
) -> OidcIdentity:
    """Check the provider's answer at the callback (`params`: its query string), exchange the
    code, verify the ID token and map its claims."""
    if not config.usable:
        raise _fail("oidc_disabled")
    state = params.get("state", "")
    if (
        pending is None
        or not state
        or not hmac.compare_digest(state.encode(), pending.state.encode())
        or time.time() - pending.started_at > PENDING_MAX_AGE_SECONDS
    ):
        raise _fail("oidc_state_mismatch", "state missing, different or stale")
    if error := params.get("error", ""):
        if error == "access_denied":
            raise _fail("oidc_cancelled", error)
        raise _fail("oidc_provider_error", f"{error}: {params.get('error_description', '')}")
    code = params.get("code", "")
    if not code:
        raise _fail("oidc_provider_error", "no code in the callback")
    metadata = oidc_discovery(config=config)
    tokens = _exchange(config=config, metadata=metadata, code=code, pending=pending)
    id_token = tokens.get("id_token")
    if not isinstance(id_token, str) or not id_token:
        raise _fail("oidc_token_invalid", "no id_token in the token response")
    claims = oidc_verify_id_token(
        config=config, metadata=metadata, id_token=id_token, nonce=pending.nonce
    )
    access_token = tokens.get("access_token")
    wanted = (config.id_number_claim, config.name_claim, config.phone_claim)
    if (
        any(name not in claims for name in wanted)
        and metadata.userinfo_endpoint
        and isinstance(access_token, str)
    ):
        claims = {**_userinfo(config, metadata, access_token, subject=claims["sub"]), **claims}
    return oidc_map_claims(config=config, claims=claims)


def _exchange(
    *, config: OidcSettings, metadata: ProviderMetadata, code: str, pending: OidcPending
) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": pending.redirect_uri,
        "code_verifier": pending.code_verifier,
    }
    headers: dict[str, str] = {}
    method = config.token_auth_method or next(
        (m for m in _TOKEN_AUTH_METHODS if m in metadata.token_auth_methods),
        "client_secret_basic",
    )
    if method == "client_secret_post":
        form |= {"client_id": config.client_id, "client_secret": config.client_secret}
    else:  # client_secret_basic (RFC 6749 §2.3.1: each part form-encoded first)
        pair = ":".join(
            urllib.parse.quote_plus(part) for part in (config.client_id, config.client_secret)
        )
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode("ascii")
    status, answer = _http_json(
        metadata.token_endpoint, timeout=config.timeout, data=form, headers=headers
    )
    if status != 200 or "error" in answer:
        raise _fail(
            "oidc_provider_error",
            f"token endpoint HTTP {status}: {answer.get('error', '')} "
            f"{answer.get('error_description', '')}",
        )
    return answer


def oidc_verify_id_token(
    *, config: OidcSettings, metadata: ProviderMetadata, id_token: str, nonce: str
) -> dict[str, Any]:
    """The ID token's claims once its RS256 signature, issuer, audience, times and nonce hold."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError as exc:
        raise _fail("oidc_token_invalid", f"unreadable ID token: {exc}") from exc
    if header.get("alg") != _ALGORITHM:
        raise _fail("oidc_token_invalid", f"algorithm {header.get('alg')!r} is not RS256")
    kid = header.get("kid")
    key = _signing_key(config=config, metadata=metadata, kid=kid if isinstance(kid, str) else None)
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key=key,
            algorithms=[_ALGORITHM],
            audience=config.client_id,
            issuer=metadata.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.PyJWTError as exc:
        raise _fail("oidc_token_invalid", f"{type(exc).__name__}: {exc}") from exc
    issued_at = float(claims["iat"])
    if time.time() - issued_at > PENDING_MAX_AGE_SECONDS + LEEWAY_SECONDS:
        raise _fail("oidc_token_invalid", "ID token issued too long ago")
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != config.client_id:
        raise _fail("oidc_token_invalid", "several audiences and azp is not our client")
    token_nonce = claims.get("nonce")
    if not isinstance(token_nonce, str) or not hmac.compare_digest(
        token_nonce.encode(), nonce.encode()
    ):
        raise _fail("oidc_token_invalid", "nonce missing or different")
    return claims


def _userinfo(
    config: OidcSettings, metadata: ProviderMetadata, access_token: str, *, subject: object
) -> dict[str, Any]:
    status, answer = _http_json(
        metadata.userinfo_endpoint,
        timeout=config.timeout,
        headers={"Authorization": f"Bearer {access_token}"},
    )
    if status != 200:
        raise _fail("oidc_provider_error", f"userinfo HTTP {status}")
    if answer.get("sub") != subject:
        raise _fail("oidc_token_invalid", "userinfo is about another subject")
    return answer


def oidc_map_claims(*, config: OidcSettings, claims: Mapping[str, Any]) -> OidcIdentity:
    """Claims → identity: the personal ID number must be valid (else oidc_claim_missing); a phone
    that is not a valid mobile number is dropped (the citizen adds one on the account page)."""
    raw_id = claims.get(config.id_number_claim)
    if not isinstance(raw_id, str | int) or isinstance(raw_id, bool):
        raise _fail("oidc_claim_missing", f"claim {config.id_number_claim!r} missing")
    try:
        personal_id = parse_personal_id(str(raw_id)).number
    except ValidationError as exc:
        raise _fail("oidc_claim_missing", f"claim {config.id_number_claim!r} invalid") from exc
    name = claims.get(config.name_claim)
    phone = ""
    raw_phone = claims.get(config.phone_claim)
    if isinstance(raw_phone, str) and raw_phone.strip():
        try:
            parsed = parse_phone(raw_phone, allow_landline=False)
        except ValidationError:
            parsed = None
        if parsed is not None and parsed.kind is PhoneKind.MOBILE:
            phone = parsed.number
    verified = claims.get(config.phone_verified_claim)
    return OidcIdentity(
        subject=str(claims.get("sub", "")),
        personal_id_number=personal_id,
        full_name=" ".join(name.split()) if isinstance(name, str) else "",
        phone=phone,
        phone_verified=bool(phone) and (verified is True or verified == "true"),
    )


# --- The account ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OidcLogin:
    user: User
    created: bool


@transaction.atomic
def citizen_from_oidc(*, identity: OidcIdentity) -> OidcLogin:
    """The citizen with this personal ID number, or a new one made from the claims (no password:
    they log in through the provider, or set one on the account page).

    The phone is marked verified only when the provider asserted it; an existing account's
    phone is never replaced, only verified when it is the asserted one (or filled when empty).
    """
    now = timezone.now()
    profile = (
        CitizenProfile.objects.filter(personal_id_number=identity.personal_id_number)
        .only("user_id")
        .first()
    )
    if profile is None:
        if User.objects.filter(username=identity.personal_id_number).exists():
            raise _fail("oidc_account_unusable", "the ID number is another account's username")
        if not identity.full_name:
            raise _fail("oidc_name_missing", "no name claim for a new account")
        try:
            user = citizen_register(
                kind=CitizenKind.INDIVIDUAL,
                full_name=identity.full_name,
                phone=identity.phone,
                password=None,
                personal_id_number=identity.personal_id_number,
                require_phone=False,
            )
        except ValidationFailed as exc:
            raise _fail("oidc_account_unusable", f"{exc.code}: {exc.message}") from exc
        created = True
    else:
        user = User.objects.select_for_update().get(pk=profile.user_id)
        if user.kind != UserKind.CITIZEN or not user.is_active:
            raise _fail("oidc_account_unusable", "inactive or not a citizen account")
        created = False
    first_link = user.identity_verified_at is None
    fields = ["identity_verified_at"]
    user.identity_verified_at = now
    phone_verified = False
    if identity.phone and identity.phone_verified:
        if not user.phone:
            user.phone = identity.phone
            fields.append("phone")
        if user.phone == identity.phone and user.phone_verified_at is None:
            user.phone_verified_at = now
            fields.append("phone_verified_at")
            phone_verified = True
    user.save(update_fields=fields)
    if first_link or phone_verified:
        audit_record(
            actor=user,
            action="user.identity_linked" if first_link else "user.contact_verified",
            obj=user,
            data={"provider": "oidc", "phone_verified": phone_verified},
        )
    return OidcLogin(user=user, created=created)
