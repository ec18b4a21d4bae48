"""Fixtures for notification tests: realistic dossier contexts, clean outboxes, a fake gateway."""

import datetime as dt
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail

from motcua.core.timezone import VN_TZ
from motcua.notifications import backends


@pytest.fixture(autouse=True)
def _clean_outboxes() -> Iterator[None]:
    backends.outbox.clear()
    mail.outbox = []
    yield
    backends.outbox.clear()


@pytest.fixture
def dossier_context() -> dict[str, object]:
    """What the dossier engine will pass: a birth registration at a commune."""
    return {
        "dossier_code": "000.00.01.H98-261124-0007",
        "procedure_name": "Đăng ký khai sinh",
        "applicant_name": "Nguyễn Thị Bình",
        "agency_name": "Ủy ban nhân dân xã Hòa Bình",
        "received_at": dt.datetime(2026, 11, 24, 9, 5, tzinfo=VN_TZ),
        "appointment_at": dt.datetime(2026, 11, 27, 16, 30, tzinfo=VN_TZ),
        "pickup_place": "Bộ phận Một cửa UBND xã Hòa Bình, số 1 đường Trần Phú",
        "lookup_url": "https://dichvucong.sonha.gov.vn/tra-cuu",
        "reason": "Tờ khai thiếu chữ ký của người đi khai sinh & bản sao giấy chứng sinh bị mờ",
        "items": ["Tờ khai đăng ký khai sinh (có chữ ký)", "Bản sao Giấy chứng sinh"],
        "contact": "Bộ phận Một cửa, điện thoại 0237 3852 123",
        "original_appointment_at": dt.datetime(2026, 11, 27, 16, 30, tzinfo=VN_TZ),
        "new_appointment_at": dt.datetime(2026, 12, 1, 8, 5, tzinfo=VN_TZ),
        "returned_at": dt.datetime(2026, 11, 27, 10, 15, tzinfo=VN_TZ),
        "return_method": "trực tiếp tại Bộ phận Một cửa",
        "rating_url": "https://dichvucong.sonha.gov.vn/danh-gia",
        # Staff alerts from the deadline sweep.
        "alert_label": "Sắp đến hạn",
        "due_at": dt.datetime(2026, 11, 27, 16, 30, tzinfo=VN_TZ),
        "step_name": "Thẩm định hồ sơ",
        "recipient_name": "Trần Văn Nam",
        "backoffice_url": "https://motcua.sonha.gov.vn/backoffice/ho-so/000.00.01.H98-261124-0007/",
        # Feedback and petitions (motcua.feedback).
        "feedback_code": "PAKN-261124-0007",
        "sender_name": "Nguyễn Thị Bình",
        "feedback_url": "https://dichvucong.sonha.gov.vn/phan-anh-kien-nghi/PAKN-261124-0007/",
        "title": "Yêu cầu nộp thêm giấy tờ không có trong thủ tục",
        "info_request": "Xin cho biết ngày nộp hồ sơ và tên cán bộ tiếp nhận.",
        "answer": "Sở đã kiểm tra và chấn chỉnh việc yêu cầu thêm giấy tờ.\nXin cảm ơn Ông/Bà.",
        "answered_at": dt.datetime(2026, 12, 3, 15, 0, tzinfo=VN_TZ),
        "answer_days": 15,
    }


@dataclass
class ReceivedRequest:
    method: str
    path: str
    headers: Message  # case-insensitive, as HTTP headers are
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class Gateway:
    """A real HTTP server on 127.0.0.1 that records requests and answers from a script."""

    url: str = ""
    requests: list[ReceivedRequest] = field(default_factory=list)
    # (status, body, content type) answered in order; the last one repeats. None = never answer.
    responses: list[tuple[int, bytes, str] | None] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, status: int, body: object = b"", content_type: str = "") -> None:
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
            content_type = content_type or "application/json"
        self.responses.append((status, body, content_type or "text/plain"))

    def hang(self) -> None:
        """Accept the next request and never answer (the client must time out)."""
        self.responses.append(None)

    def next_response(self) -> tuple[int, bytes, str] | None:
        with self._lock:
            if not self.responses:
                return (200, b"", "text/plain")
            return self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    state = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            state.requests.append(ReceivedRequest(self.command, self.path, self.headers, body))
            response = state.next_response()
            if response is None:
                state.release.wait(30)
                self.close_connection = True
                return
            status, payload, content_type = response
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/api/sms/send"
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
