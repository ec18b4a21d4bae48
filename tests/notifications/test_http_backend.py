"""The HTTP SMS gateway adapter against a real server on 127.0.0.1 (conftest `gateway`)."""

import socket
import urllib.parse

import pytest

from motcua.notifications.backends import (
    DeliveryError,
    HttpSmsBackend,
    HttpSmsSettings,
    OutgoingMessage,
)

MESSAGE = OutgoingMessage(
    recipient="0912345678",
    body="Hồ sơ 000.00.01.H98-261124-0007 đã được tiếp nhận.",
    reference="dossier:7:received:sms",
)


def backend(url, **options):
    return HttpSmsBackend(HttpSmsSettings(url=url, **options))


def test_json_request_and_message_id(gateway):
    gateway.answer(200, {"status": "ok", "data": {"id": "MSG-8812"}})
    message_id = backend(
        gateway.url,
        phone_field="to",
        message_field="text",
        sender_field="brandname",
        sender="UBND-SONHA",
        api_key="Bearer s3cret",
        message_id_field="data.id",
        extra_fields={"type": 2},
    ).send(MESSAGE)
    assert message_id == "MSG-8812"
    (request,) = gateway.requests
    assert request.method == "POST"
    assert request.path == "/api/sms/send"
    assert request.headers["Authorization"] == "Bearer s3cret"
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert request.json() == {
        "type": 2,
        "to": "0912345678",
        "text": "Hồ sơ 000.00.01.H98-261124-0007 đã được tiếp nhận.",
        "brandname": "UBND-SONHA",
    }


def test_form_request_with_custom_key_header(gateway):
    gateway.answer(201, b"queued")
    sms = backend(gateway.url, body_format="form", api_key="k-1", api_key_header="X-API-Key")
    assert sms.send(MESSAGE) == ""  # no message id field configured
    (request,) = gateway.requests
    assert request.headers["X-API-Key"] == "k-1"
    assert "Authorization" not in request.headers
    assert request.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert urllib.parse.parse_qs(request.body.decode()) == {
        "phone": ["0912345678"],
        "message": ["Hồ sơ 000.00.01.H98-261124-0007 đã được tiếp nhận."],
    }


def test_server_error_is_a_retryable_failure(gateway):
    gateway.answer(500, b"Internal gateway error")
    with pytest.raises(DeliveryError) as raised:
        backend(gateway.url).send(MESSAGE)
    assert raised.value.retryable
    assert raised.value.message == "HTTP 500: Internal gateway error"


def test_redirect_is_not_followed(gateway):
    gateway.answer(302, b"")
    with pytest.raises(DeliveryError, match="HTTP 302"):
        backend(gateway.url, api_key="s3cret").send(MESSAGE)
    assert len(gateway.requests) == 1  # the key never went to the Location


def test_timeout(gateway):
    gateway.hang()
    with pytest.raises(DeliveryError) as raised:
        backend(gateway.url, timeout=0.2).send(MESSAGE)
    assert raised.value.retryable
    assert raised.value.message == "Cổng SMS không trả lời trong 0.2 giây."
    assert len(gateway.requests) == 1


def test_connection_refused():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DeliveryError, match="Lỗi kết nối cổng SMS"):
        backend(f"http://127.0.0.1:{port}/send", timeout=2).send(MESSAGE)


def test_success_field_must_hold_a_success_value(gateway):
    # Many Vietnamese gateways answer 200 with a result code in the body.
    gateway.answer(200, {"CodeResult": "99", "ErrorMessage": "Sai brandname"})
    gateway.answer(200, {"CodeResult": "100", "SMSID": "abc-1"})
    sms = backend(
        gateway.url,
        success_field="CodeResult",
        success_values=("100",),
        message_id_field="SMSID",
    )
    with pytest.raises(DeliveryError, match="CodeResult='99'"):
        sms.send(MESSAGE)
    assert sms.send(MESSAGE) == "abc-1"


def test_success_field_with_a_non_json_answer_fails(gateway):
    gateway.answer(200, b"<html>OK</html>", "text/html")
    with pytest.raises(DeliveryError, match="không phải JSON"):
        backend(gateway.url, success_field="status", success_values=("ok",)).send(MESSAGE)


def test_missing_message_id_is_still_sent(gateway):
    gateway.answer(200, {"result": [{"id": 5}]})
    assert backend(gateway.url, message_id_field="result.0.id").send(MESSAGE) == "5"
    assert backend(gateway.url, message_id_field="data.id").send(MESSAGE) == ""
