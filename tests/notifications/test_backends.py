"""The simple backends and how settings choose them; e-mail through Django's mailers."""

import io
import json

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import MailerDoesNotExist

from motcua.notifications import backends
from motcua.notifications.backends import (
    ConsoleSmsBackend,
    DeliveryError,
    FileSmsBackend,
    HttpSmsBackend,
    LocmemSmsBackend,
    MailerEmailBackend,
    OutgoingMessage,
    email_backend,
    sms_backend,
)

MESSAGE = OutgoingMessage(
    recipient="0912345678",
    body="Hồ sơ 000.00.01.H98-261124-0007 đã được tiếp nhận.",
    reference="k1",
)


def test_console_prints_the_message():
    stream = io.StringIO()
    assert ConsoleSmsBackend(sender="UBND-SONHA", stream=stream).send(MESSAGE) == ""
    assert stream.getvalue() == (
        "[SMS từ UBND-SONHA → 0912345678] Hồ sơ 000.00.01.H98-261124-0007 đã được tiếp nhận.\n"
    )


def test_file_appends_json_lines(tmp_path):
    path = tmp_path / "sms" / "outbox.jsonl"
    backend = FileSmsBackend(path=path, sender="UBND-SONHA")
    backend.send(MESSAGE)
    backend.send(OutgoingMessage(recipient="0987654321", body="Thứ hai", reference="k2"))
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["to"], line["body"], line["reference"]) for line in lines] == [
        ("0912345678", "Hồ sơ 000.00.01.H98-261124-0007 đã được tiếp nhận.", "k1"),
        ("0987654321", "Thứ hai", "k2"),
    ]
    assert lines[0]["sender"] == "UBND-SONHA"


def test_file_backend_unwritable_path_is_a_delivery_error(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    with pytest.raises(DeliveryError, match="Không ghi được tệp"):
        FileSmsBackend(path=blocker / "outbox.jsonl").send(MESSAGE)


def test_locmem_keeps_messages_with_ids():
    first = LocmemSmsBackend(sender="S").send(MESSAGE)
    second = LocmemSmsBackend(sender="S").send(MESSAGE)
    assert first != second
    assert [(sms.recipient, sms.message_id) for sms in backends.outbox] == [
        ("0912345678", first),
        ("0912345678", second),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("console", ConsoleSmsBackend),
        ("file", FileSmsBackend),
        ("locmem", LocmemSmsBackend),
        ("motcua.notifications.backends.LocmemSmsBackend", LocmemSmsBackend),
    ],
)
def test_sms_backend_is_chosen_by_setting(settings, name, expected):
    settings.MOTCUA_SMS_BACKEND = name
    assert type(sms_backend()) is expected


def test_http_backend_from_settings(settings):
    settings.MOTCUA_SMS_BACKEND = "http"
    settings.MOTCUA_SMS_SENDER = "UBND-SONHA"
    settings.MOTCUA_SMS_HTTP = {
        **settings.MOTCUA_SMS_HTTP,
        "URL": "https://sms.example.vn/send",
        "FORMAT": "form",
        "SUCCESS_VALUES": ["100"],
        "EXTRA_FIELDS": '{"SmsType": 2}',
    }
    backend = sms_backend()
    assert isinstance(backend, HttpSmsBackend)
    assert backend.config.url == "https://sms.example.vn/send"
    assert backend.config.body_format == "form"
    assert backend.config.sender == "UBND-SONHA"
    assert backend.config.success_values == ("100",)
    assert backend.config.extra_fields == {"SmsType": 2}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"URL": ""}, "must be an http"),
        ({"URL": "file:///etc/passwd"}, "must be an http"),
        ({"URL": "https://x.vn", "FORMAT": "xml"}, "'json' or 'form'"),
        ({"URL": "https://x.vn", "TIMEOUT": 0}, "positive"),
        ({"URL": "https://x.vn", "EXTRA_FIELDS": "[1]"}, "JSON object"),
        ({"URL": "https://x.vn", "EXTRA_FIELDS": "{oops"}, "not valid JSON"),
    ],
)
def test_http_backend_misconfiguration_is_reported(settings, overrides, message):
    settings.MOTCUA_SMS_BACKEND = "http"
    settings.MOTCUA_SMS_HTTP = {**settings.MOTCUA_SMS_HTTP, **overrides}
    with pytest.raises(ImproperlyConfigured, match=message):
        sms_backend()


def test_unknown_backend_is_improperly_configured(settings):
    settings.MOTCUA_SMS_BACKEND = "motcua.notifications.backends.NoSuchBackend"
    with pytest.raises(ImproperlyConfigured, match="cannot import"):
        sms_backend()
    settings.MOTCUA_SMS_BACKEND = "collections.OrderedDict"
    with pytest.raises(ImproperlyConfigured, match=r"has no send\(message\) method"):
        sms_backend()


def test_email_goes_through_the_configured_mailer():
    backend = email_backend()
    assert isinstance(backend, MailerEmailBackend)
    message_id = backend.send(
        OutgoingMessage(
            recipient="binh@example.vn", subject="Đã tiếp nhận hồ sơ", body="Kính gửi Ông/Bà"
        )
    )
    (sent,) = mail.outbox
    assert sent.to == ["binh@example.vn"]
    assert sent.subject == "Đã tiếp nhận hồ sơ"
    assert sent.body == "Kính gửi Ông/Bà"
    assert sent.extra_headers["Message-ID"] == message_id
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    assert sent.sent_using == "default"  # type: ignore[attr-defined]  # set by the locmem mailer


def test_email_to_an_unknown_mailer_fails():
    with pytest.raises(MailerDoesNotExist):
        MailerEmailBackend(mailer="nope").send(
            OutgoingMessage(recipient="binh@example.vn", subject="s", body="b")
        )
