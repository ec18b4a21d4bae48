"""Types and schemas shared by the API's endpoints."""

import base64
import binascii
import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field, PlainValidator, WithJsonSchema

from motcua.core.timezone import to_local

# An instant, answered in Vietnam's time (+07:00) whatever zone it was computed or stored in.
LocalDatetime = Annotated[dt.datetime, AfterValidator(to_local)]


def _decode_base64(value: object) -> bytes:
    if not isinstance(value, str):
        raise ValueError("Nội dung tệp phải là chuỗi base64.")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise ValueError("Nội dung tệp không phải base64 hợp lệ.") from exc


# File content sent as standard base64 (RFC 4648 §4, padded); anything else is refused (422).
Base64Content = Annotated[
    bytes,
    PlainValidator(_decode_base64),
    WithJsonSchema({"type": "string", "format": "base64", "contentEncoding": "base64"}),
]


class ProblemOut(Schema):
    """A refused request (any 4xx): the same shape everywhere."""

    code: str = Field(description="Mã lỗi ổn định, dùng trong chương trình (xem docs/api.md).")
    message: str = Field(description="Thông báo cho người dùng, tiếng Việt.")
    field: str | None = Field(None, description="Trường dữ liệu gây lỗi, nếu có.")
    details: dict[str, Any] | None = Field(None, description="Chi tiết thêm, tùy mã lỗi.")


# The refusals an authenticated endpoint may answer (documented in the OpenAPI document).
PROBLEMS = frozenset({400, 401, 403, 404, 422})
