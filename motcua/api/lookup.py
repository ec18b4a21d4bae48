"""The public dossier look-up: anyone holding the code and the last four digits of the applicant's
ID number or phone sees the status, the procedure and the dates — never personal data. Tries are
rate-limited per client address (MOTCUA_LOOKUP_RATE)."""

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.api.types import LocalDatetime, ProblemOut
from motcua.core.errors import NotFound
from motcua.core.ratelimit import Rate, client_address, rate_limit_hit
from motcua.dossiers.models import DossierStatus
from motcua.dossiers.selectors import dossier_public_lookup

router = Router(tags=["lookup"])


class LookupQuery(Schema):
    code: str = Field(
        max_length=40, description="Mã hồ sơ (trên giấy tiếp nhận) hoặc mã tham chiếu khi nộp."
    )
    last4: str = Field(
        max_length=8,
        description="4 số cuối số định danh (CCCD) hoặc số điện thoại của người nộp hồ sơ.",
    )


class LookupStatusOut(Schema):
    code: DossierStatus
    public_code: int = Field(description="Mã trạng thái trên Cổng dịch vụ công quốc gia (1–10).")
    label: str


class LookupOut(Schema):
    code: str
    procedure_name: str
    status: LookupStatusOut
    submitted_at: LocalDatetime | None
    received_at: LocalDatetime | None
    appointment_at: LocalDatetime | None = Field(
        description="Ngày hẹn trả kết quả (ngày hẹn mới nếu đã có văn bản xin lỗi, hẹn lại)."
    )
    finished_at: LocalDatetime | None
    returned_at: LocalDatetime | None


@router.get(
    "",
    response={200: LookupOut, frozenset({404, 422, 429}): ProblemOut},
    summary="Tra cứu tình trạng hồ sơ",
    description=(
        "Không cần đăng nhập. Mã sai và 4 số cuối sai cho cùng một câu trả lời 404 "
        "`lookup_not_found`. Quá số lần cho phép: 429 `rate_limited` với Retry-After."
    ),
)
def lookup(request: HttpRequest, query: Query[LookupQuery]) -> dict[str, object]:
    rate_limit_hit(
        scope="lookup",
        client=client_address(request),
        rate=Rate.parse(settings.MOTCUA_LOOKUP_RATE),
    )
    found = dossier_public_lookup(code=query.code, last4=query.last4)
    if found is None:
        raise NotFound(
            "Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập. Vui lòng kiểm tra lại.",
            code="lookup_not_found",
        )
    return {
        "code": found.code,
        "procedure_name": found.procedure_name,
        "status": {
            "code": found.status,
            "public_code": found.public_status,
            "label": found.status_label,
        },
        "submitted_at": found.submitted_at,
        "received_at": found.received_at,
        "appointment_at": found.appointment_at,
        "finished_at": found.finished_at,
        "returned_at": found.returned_at,
    }
