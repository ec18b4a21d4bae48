"""Delivery backends: one small interface per channel, the implementation chosen by a setting.

E-mail goes through Django's mailers (`MAILERS`), so SMTP, console, file or locmem comes from the
settings. SMS goes through `MOTCUA_SMS_BACKEND`: `console` (prints), `file` (JSON lines),
`locmem` (tests) or `http` (a generic HTTP gateway), or the dotted path of another class.

A backend's `send` returns the provider's message id ("" when there is none) or raises
`DeliveryError`. See docs/notifications.md.
"""

import itertools
import json
import smtplib
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPResponse
from pathlib import Path
from typing import IO, Any, Protocol, Self, runtime_checkable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import DNS_NAME, EmailMessage, mailers, make_msgid
from django.utils import timezone
from django.utils.module_loading import import_string

# How much of a gateway's answer we read and keep in the delivery log.
_MAX_RESPONSE_BYTES = 64 * 1024
_MAX_DETAIL_CHARS = 500


class DeliveryError(Exception):
    """The backend could not deliver. `retryable=False` gives up at once (no later attempt)."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable


@dataclass(frozen=True)
class OutgoingMessage:
    """What a backend sends. `reference` is the notification's idempotency key."""

    recipient: str
    body: str
    subject: str = ""
    reference: str = ""


@runtime_checkable
class EmailBackend(Protocol):
    def send(self, message: OutgoingMessage) -> str: ...


@runtime_checkable
class SmsBackend(Protocol):
    def send(self, message: OutgoingMessage) -> str: ...


# --- E-mail ---------------------------------------------------------------------------------------


class MailerEmailBackend:
    """E-mail through a Django mailer (`MAILERS[alias]`): SMTP in production, locmem in tests.

    The message id is the Message-ID header we set, so a bounce can be traced to its row.
    """

    def __init__(self, *, mailer: str = "default", from_email: str | None = None) -> None:
        self.mailer = mailer
        self.from_email = from_email

    @classmethod
    def from_settings(cls) -> Self:
        return cls(mailer=settings.MOTCUA_NOTIFICATION_MAILER)

    def send(self, message: OutgoingMessage) -> str:
        message_id = make_msgid(domain=DNS_NAME)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=self.from_email,
            to=[message.recipient],
            headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated"},
        )
        try:
            sent = mailers[self.mailer].send_messages([email])
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        if not sent:
            raise DeliveryError("Máy chủ thư không nhận thư (0 thư được gửi).")
        return message_id


# --- SMS ------------------------------------------------------------------------------------------


class ConsoleSmsBackend:
    """Prints each SMS to standard output (development)."""

    def __init__(self, *, sender: str = "", stream: IO[str] | None = None) -> None:
        self.sender = sender
        self.stream = stream

    @classmethod
    def from_settings(cls) -> Self:
        return cls(sender=settings.MOTCUA_SMS_SENDER)

    def send(self, message: OutgoingMessage) -> str:
        stream = self.stream or sys.stdout
        sender = f" từ {self.sender}" if self.sender else ""
        stream.write(f"[SMS{sender} → {message.recipient}] {message.body}\n")
        stream.flush()
        return ""


class FileSmsBackend:
    """Appends each SMS as one JSON line to a file (a staging server without a gateway)."""

    _lock = threading.Lock()

    def __init__(self, *, path: Path, sender: str = "") -> None:
        self.path = Path(path)
        self.sender = sender

    @classmethod
    def from_settings(cls) -> Self:
        return cls(path=settings.MOTCUA_SMS_FILE_PATH, sender=settings.MOTCUA_SMS_SENDER)

    def send(self, message: OutgoingMessage) -> str:
        line = json.dumps(
            {
                "at": timezone.now().isoformat(),
                "sender": self.sender,
                "to": message.recipient,
                "body": message.body,
                "reference": message.reference,
            },
            ensure_ascii=False,
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError as exc:
            raise DeliveryError(f"Không ghi được tệp {self.path}: {exc}") from exc
        return ""


@dataclass(frozen=True)
class SentSms:
    """An SMS kept by the locmem backend."""

    recipient: str
    body: str
    sender: str
    reference: str
    message_id: str


# The locmem backend's outbox, like `django.core.mail.outbox`. Tests clear it.
outbox: list[SentSms] = []
_locmem_ids = itertools.count(1)


class LocmemSmsBackend:
    """Keeps each SMS in `motcua.notifications.backends.outbox` (tests)."""

    def __init__(self, *, sender: str = "") -> None:
        self.sender = sender

    @classmethod
    def from_settings(cls) -> Self:
        return cls(sender=settings.MOTCUA_SMS_SENDER)

    def send(self, message: OutgoingMessage) -> str:
        message_id = f"locmem-{next(_locmem_ids)}"
        outbox.append(
            SentSms(
                recipient=message.recipient,
                body=message.body,
                sender=self.sender,
                reference=message.reference,
                message_id=message_id,
            )
        )
        return message_id


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A gateway that redirects is misconfigured: never resend the API key to another URL."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        return None


@dataclass(frozen=True)
class HttpSmsSettings:
    """How to talk to an HTTP SMS gateway. Field names vary between Vietnamese providers."""

    url: str
    body_format: str = "json"  # "json" or "form"
    phone_field: str = "phone"
    message_field: str = "message"
    sender_field: str = "sender"
    sender: str = ""
    api_key: str = ""
    api_key_header: str = "Authorization"
    timeout: float = 10.0
    message_id_field: str = ""  # dotted path in the JSON answer, e.g. "data.id"
    success_field: str = ""  # dotted path; when set, its value must be one of success_values
    success_values: tuple[str, ...] = ()
    extra_fields: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        scheme = urllib.parse.urlsplit(self.url).scheme
        if scheme not in {"http", "https"}:
            raise ImproperlyConfigured(
                f"MOTCUA_SMS_HTTP_URL must be an http(s) URL, not {self.url!r}."
            )
        if self.body_format not in {"json", "form"}:
            raise ImproperlyConfigured(
                f"MOTCUA_SMS_HTTP_FORMAT must be 'json' or 'form', not {self.body_format!r}."
            )
        if self.timeout <= 0:
            raise ImproperlyConfigured("MOTCUA_SMS_HTTP_TIMEOUT must be positive.")


class HttpSmsBackend:
    """A generic HTTP SMS gateway: one POST per message (JSON or form body).

    2xx is sent (the message id is read from `message_id_field` of a JSON answer; with
    `success_field` set, that field must also hold one of `success_values`). Any other status,
    a timeout or a network error raises a retryable `DeliveryError`. Standard library only.
    """

    def __init__(self, config: HttpSmsSettings) -> None:
        self.config = config
        self._opener = urllib.request.build_opener(_NoRedirects)

    @classmethod
    def from_settings(cls) -> Self:
        options = settings.MOTCUA_SMS_HTTP
        return cls(
            HttpSmsSettings(
                url=options["URL"],
                body_format=options["FORMAT"],
                phone_field=options["PHONE_FIELD"],
                message_field=options["MESSAGE_FIELD"],
                sender_field=options["SENDER_FIELD"],
                sender=settings.MOTCUA_SMS_SENDER,
                api_key=options["API_KEY"],
                api_key_header=options["API_KEY_HEADER"],
                timeout=float(options["TIMEOUT"]),
                message_id_field=options["MESSAGE_ID_FIELD"],
                success_field=options["SUCCESS_FIELD"],
                success_values=tuple(options["SUCCESS_VALUES"]),
                extra_fields=_extra_fields(options["EXTRA_FIELDS"]),
            )
        )

    def _request(self, message: OutgoingMessage) -> urllib.request.Request:
        config = self.config
        payload: dict[str, Any] = dict(config.extra_fields)
        payload[config.phone_field] = message.recipient
        payload[config.message_field] = message.body
        if config.sender_field and config.sender:
            payload[config.sender_field] = config.sender
        headers = {"Accept": "application/json", "User-Agent": "motcua-notifications"}
        if config.body_format == "json":
            data = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        else:
            data = urllib.parse.urlencode(payload).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        if config.api_key:
            headers[config.api_key_header] = config.api_key
        # The scheme is checked to be http(s) in HttpSmsSettings.__post_init__.
        return urllib.request.Request(  # noqa: S310
            config.url, data=data, headers=headers, method="POST"
        )

    def send(self, message: OutgoingMessage) -> str:
        request = self._request(message)
        try:
            response: HTTPResponse = self._opener.open(request, timeout=self.config.timeout)
            with response:
                status = response.status
                raw = response.read(_MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as exc:
            with exc:
                answer = exc.read(_MAX_RESPONSE_BYTES)
            raise DeliveryError(f"HTTP {exc.code}: {_excerpt(answer)}") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timeout() from exc
            raise DeliveryError(f"Lỗi kết nối cổng SMS: {exc.reason}") from exc
        except TimeoutError as exc:
            raise self._timeout() from exc
        except OSError as exc:
            raise DeliveryError(f"Lỗi kết nối cổng SMS: {type(exc).__name__}: {exc}") from exc
        if not 200 <= status < 300:  # 1xx never reaches here; 3xx is refused above
            raise DeliveryError(f"HTTP {status}: {_excerpt(raw)}")
        return self._message_id(raw)

    def _timeout(self) -> DeliveryError:
        return DeliveryError(f"Cổng SMS không trả lời trong {self.config.timeout:g} giây.")

    def _message_id(self, raw: bytes) -> str:
        config = self.config
        if not (config.message_id_field or config.success_field):
            return ""
        try:
            answer = json.loads(raw)
        except ValueError as exc:
            if config.success_field:
                raise DeliveryError(f"Cổng SMS trả lời không phải JSON: {_excerpt(raw)}") from exc
            return ""
        if config.success_field:
            value = _lookup(answer, config.success_field)
            if value is None or str(value) not in config.success_values:
                raise DeliveryError(
                    f"Cổng SMS từ chối: {config.success_field}={value!r}: {_excerpt(raw)}"
                )
        message_id = _lookup(answer, config.message_id_field) if config.message_id_field else None
        return "" if message_id is None else str(message_id)[:128]


def _extra_fields(value: object) -> dict[str, Any]:
    """MOTCUA_SMS_HTTP["EXTRA_FIELDS"]: a mapping, or a JSON object as text (from the env)."""
    if isinstance(value, str):
        try:
            value = json.loads(value or "{}")
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"MOTCUA_SMS_HTTP_EXTRA_FIELDS is not valid JSON: {exc}"
            ) from exc
    if not isinstance(value, Mapping):
        raise ImproperlyConfigured("MOTCUA_SMS_HTTP_EXTRA_FIELDS must be a JSON object.")
    return {str(name): item for name, item in value.items()}


def _lookup(document: object, path: str) -> object | None:
    """`document["data"]["id"]` for "data.id"; None when any step is missing."""
    current = document
    for part in path.split("."):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def _excerpt(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace").strip()
    return text[:_MAX_DETAIL_CHARS] or "(không có nội dung)"


# --- Loading from settings ------------------------------------------------------------------------

SMS_BACKEND_ALIASES = {
    "console": "motcua.notifications.backends.ConsoleSmsBackend",
    "file": "motcua.notifications.backends.FileSmsBackend",
    "locmem": "motcua.notifications.backends.LocmemSmsBackend",
    "http": "motcua.notifications.backends.HttpSmsBackend",
}


def _load(path: str, setting: str) -> object:
    try:
        backend_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"{setting}: cannot import {path!r}: {exc}") from exc
    from_settings = getattr(backend_class, "from_settings", None)
    return from_settings() if callable(from_settings) else backend_class()


def sms_backend() -> SmsBackend:
    """The SMS backend named by `MOTCUA_SMS_BACKEND` (an alias or a dotted path)."""
    name = settings.MOTCUA_SMS_BACKEND
    backend = _load(SMS_BACKEND_ALIASES.get(name, name), "MOTCUA_SMS_BACKEND")
    if not isinstance(backend, SmsBackend):
        raise ImproperlyConfigured(f"MOTCUA_SMS_BACKEND {name!r} has no send(message) method.")
    return backend


def email_backend() -> EmailBackend:
    """The e-mail backend named by `MOTCUA_NOTIFICATION_EMAIL_BACKEND` (a dotted path)."""
    path = settings.MOTCUA_NOTIFICATION_EMAIL_BACKEND
    backend = _load(path, "MOTCUA_NOTIFICATION_EMAIL_BACKEND")
    if not isinstance(backend, EmailBackend):
        raise ImproperlyConfigured(
            f"MOTCUA_NOTIFICATION_EMAIL_BACKEND {path!r} has no send(message) method."
        )
    return backend
