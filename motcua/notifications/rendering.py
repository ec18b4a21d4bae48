"""Rendering of the Vietnamese message templates.

Templates live in `notifications/<template>.subject.txt`, `.body.txt` (e-mail) and `.sms.txt`, in
the app or overridden in the project's `templates/` directory. They are plain text: rendered by a
dedicated engine without HTML autoescaping, with the `datetime_vi` and `date_vi` filters built in.
"""

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import Context, Engine

from motcua.core.errors import ValidationFailed
from motcua.notifications.models import NotificationChannel, NotificationTemplate
from motcua.notifications.text import one_line, tidy_body, unaccent

_DOSSIER = ("dossier_code", "procedure_name", "applicant_name", "agency_name", "lookup_url")
_FEEDBACK = ("feedback_code", "sender_name", "agency_name", "feedback_url")

# The context each template needs (documented with the optional ones in docs/notifications.md).
REQUIRED_CONTEXT: dict[NotificationTemplate, tuple[str, ...]] = {
    NotificationTemplate.DOSSIER_RECEIVED: _DOSSIER,
    NotificationTemplate.DOSSIER_SUPPLEMENT_REQUESTED: (*_DOSSIER, "reason"),
    NotificationTemplate.DOSSIER_RESULT_READY: _DOSSIER,
    NotificationTemplate.DOSSIER_APOLOGY: (*_DOSSIER, "reason", "new_appointment_at"),
    NotificationTemplate.DOSSIER_RETURNED: _DOSSIER,
    NotificationTemplate.OTP_CODE: ("code", "valid_minutes"),
    NotificationTemplate.DEADLINE_ALERT: (
        "dossier_code",
        "procedure_name",
        "applicant_name",
        "alert_label",
        "due_at",
        "recipient_name",
        "backoffice_url",
    ),
    NotificationTemplate.FEEDBACK_RECEIVED: _FEEDBACK,
    NotificationTemplate.FEEDBACK_INFO_REQUESTED: (*_FEEDBACK, "info_request"),
    NotificationTemplate.FEEDBACK_ANSWERED: _FEEDBACK,
}


@dataclass(frozen=True)
class RenderedMessage:
    subject: str  # "" for SMS
    body: str


@functools.cache
def _engine() -> Engine:
    dirs: list[Any] = []
    for config in settings.TEMPLATES:
        if config["BACKEND"] == "django.template.backends.django.DjangoTemplates":
            dirs.extend(config.get("DIRS", []))
    return Engine(
        dirs=dirs,
        app_dirs=True,
        autoescape=False,  # plain text: "&" must stay "&"
        builtins=["motcua.notifications.formatting"],
    )


def _render(name: str, context: Mapping[str, object]) -> str:
    return (
        _engine()
        .get_template(f"notifications/{name}")
        .render(Context(dict(context), autoescape=False))
    )


def render_message(
    *,
    channel: NotificationChannel,
    template: NotificationTemplate,
    context: Mapping[str, object],
    unaccented: bool = False,
) -> RenderedMessage:
    """Render one message. E-mail: subject on one line, tidy body. SMS: the body on one line,
    without diacritics when `unaccented` (the gateway then bills 160 characters a part, not 70).

    A missing or empty required context variable is a programming error in the caller, refused
    with `notification_context_missing` rather than sent with a hole in it.
    """
    missing = [
        name for name in REQUIRED_CONTEXT[template] if context.get(name) in (None, "", [], ())
    ]
    if missing:
        raise ValidationFailed(
            f"Thiếu dữ liệu cho mẫu thông báo «{template.label}»: {', '.join(missing)}.",
            code="notification_context_missing",
            details={"template": template.value, "missing": missing},
        )
    if channel == NotificationChannel.SMS:
        body = one_line(_render(f"{template.value}.sms.txt", context))
        return RenderedMessage(subject="", body=unaccent(body) if unaccented else body)
    subject = one_line(_render(f"{template.value}.subject.txt", context))
    body = tidy_body(_render(f"{template.value}.body.txt", context))
    return RenderedMessage(subject=subject, body=body)
