"""Reading one-time codes the way a citizen does: from the SMS or e-mail that carried them.

Messages are sent after commit; wrap the sending call in
`django_capture_on_commit_callbacks(execute=True)` so the locmem backends receive them.
"""

import re

from django.core import mail

from motcua.notifications import backends

_CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def clear_outboxes() -> None:
    backends.outbox.clear()
    mail.outbox = []


def code_in(text: str) -> str:
    match = _CODE.search(text)
    assert match, f"no six-digit code in {text!r}"
    return match.group(1)


def last_sms_code(recipient: str | None = None) -> str:
    messages = [sms for sms in backends.outbox if recipient is None or sms.recipient == recipient]
    assert messages, "no SMS was sent"
    return code_in(messages[-1].body)


def last_email_code(recipient: str | None = None) -> str:
    messages = [m for m in mail.outbox if recipient is None or recipient in m.to]
    assert messages, "no e-mail was sent"
    return code_in(str(messages[-1].body))
