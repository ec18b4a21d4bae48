"""Shared pieces of the dossier API tests: an authenticated client per user (API key or session),
request bodies built like a desk's or a citizen's client would build them."""

import base64
import datetime as dt
import json
from typing import Any

from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.services import api_token_create
from tests.dossiers.builders import ANSWERS, PDF

URL = "/api/v1/dossiers"


def b64(content: bytes = PDF) -> str:
    return base64.b64encode(content).decode()


def pdf_file(name: str = "scan.pdf") -> dict[str, str]:
    return {"name": name, "content_base64": b64()}


class ApiClient:
    """A test client that sends JSON and an API key (or a session, with `session=True`)."""

    def __init__(self, user: User, *, session: bool = False, csrf: bool = False) -> None:
        self.user = user
        self.client = Client(enforce_csrf_checks=csrf)
        self.headers: dict[str, str] = {}
        if session:
            self.client.force_login(user)
        else:
            _, key = api_token_create(user=user, name=f"test {user.username}", actor=None)
            self.headers["Authorization"] = f"Bearer {key}"

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(_url(path), params or {}, headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.post(
            _url(path),
            json.dumps(body or {}, default=_json_default),
            content_type="application/json",
            headers={**self.headers, **headers},
        )

    def act(self, code: str, action: str, **body: Any) -> Any:
        return self.post(f"/{code}/actions/{action}", body)


def _url(path: str) -> str:
    return URL + path


def _json_default(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def intake_body(**overrides: Any) -> dict[str, Any]:
    """A complete counter reception of the birth registration at the commune desk."""
    body: dict[str, Any] = {
        "desk": "mot-cua-hoa-an",
        "procedure_code": "1.001193",
        "channel": "counter",
        "applicant": {
            "name": "Nguyễn Văn Bình",
            "id_number": "001090012345",
            "address": "Thôn Đông, xã Hòa An",
            "phone": "0912345678",
            "email": "binh@example.com",
        },
        "components": [
            {"code": "to-khai", "originals": 1, "files": [pdf_file("to-khai.pdf")]},
            {
                "code": "giay-chung-sinh",
                "originals": 1,
                "scan_exemption": "Giấy tờ chỉ xuất trình",
            },
        ],
        "answers": dict(ANSWERS),
        "note": "Nhận tại quầy số 2",
    }
    body.update(overrides)
    return body


def online_body(**overrides: Any) -> dict[str, Any]:
    body = intake_body(**overrides)
    for key in ("channel", "note"):
        body.pop(key, None)
    body["components"] = [
        {"code": "to-khai", "electronic": True, "files": [pdf_file("to-khai.pdf")]},
        {"code": "giay-chung-sinh", "electronic": True, "files": [pdf_file("chung-sinh.pdf")]},
    ]
    return body
