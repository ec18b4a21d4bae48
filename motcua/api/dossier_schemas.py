"""Request and response schemas of the dossier endpoints (motcua.api.dossiers)."""

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, field_validator

from motcua.accounts.models import CitizenKind
from motcua.api.types import Base64Content, LocalDatetime
from motcua.catalog.models import CodeNamespace
from motcua.core.timezone import VN_TZ
from motcua.dossiers.files import Upload
from motcua.dossiers.models import Channel, DossierStatus, FileKind, ResultKind, ReturnMethod
from motcua.workflow import services as wf
from motcua.workflow.transitions import Action

# --- Input ---------------------------------------------------------------------------------------


def _local_if_naive(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=VN_TZ)
    return value


class FileIn(Schema):
    name: str = Field(min_length=1, max_length=255, description="Tên tệp, ví dụ to-khai.pdf.")
    content_base64: Base64Content = Field(
        description="Nội dung tệp mã hóa base64 (PDF, JPEG hoặc PNG; nhận biết theo nội dung)."
    )

    def upload(self) -> Upload:
        return Upload(self.name, bytes(self.content_base64))


class ApplicantIn(Schema):
    kind: CitizenKind = CitizenKind.INDIVIDUAL
    name: str = Field(max_length=255, description="Tên tổ chức, cá nhân.")
    id_number: str = Field("", max_length=16, description="Số định danh cá nhân / mã số thuế.")
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=20, description="Số di động để nhận tin nhắn.")
    email: str = Field("", max_length=254)
    submitter_name: str = Field("", max_length=255, description="Người nộp thay (nếu có).")
    submitter_id_number: str = Field("", max_length=16)


class ComponentIn(Schema):
    code: str = Field(max_length=64, description="Mã thành phần hồ sơ của trường hợp.")
    originals: int = Field(0, ge=0, le=99)
    copies: int = Field(0, ge=0, le=99)
    electronic: bool = False
    reused: bool = Field(False, description="Tái sử dụng dữ liệu đã số hóa.")
    from_store: bool = Field(False, description="Lấy từ kho dữ liệu của công dân.")
    scan_exemption: str = Field("", max_length=255, description="Lý do không số hóa.")
    note: str = Field("", max_length=500)
    files: list[FileIn] = Field(default_factory=list)

    def as_input(self) -> wf.ComponentInput:
        return wf.ComponentInput(
            code=self.code,
            originals=self.originals,
            copies=self.copies,
            electronic=self.electronic,
            reused=self.reused,
            from_store=self.from_store,
            scan_exemption=self.scan_exemption,
            note=self.note,
            files=tuple(f.upload() for f in self.files),
        )


class SubmissionIn(Schema):
    desk: str = Field(max_length=32, description="Mã bộ phận một cửa.")
    procedure_code: str = Field(max_length=32, description="Mã thủ tục.")
    namespace: CodeNamespace = Field(
        CodeNamespace.NATIONAL, description="national: mã CSDL quốc gia; local: mã nội bộ."
    )
    variant_code: str | None = Field(
        None, max_length=64, description="Mã trường hợp; bỏ trống khi thủ tục chỉ có một."
    )
    agency_code: str | None = Field(
        None, max_length=13, description="Cơ quan giải quyết; bỏ trống khi chỉ có một."
    )
    applicant: ApplicantIn
    components: list[ComponentIn] = Field(default_factory=list)
    conditions: list[str] = Field(
        default_factory=list,
        description="Mã các thành phần có điều kiện mà điều kiện áp dụng với người nộp.",
    )
    answers: dict[str, Any] = Field(default_factory=dict, description="Nội dung tờ khai điện tử.")


class IntakeIn(SubmissionIn):
    channel: Literal["counter", "postal", "kiosk"] = "counter"
    sets: int = Field(1, ge=1, le=99, description="Số bộ hồ sơ.")
    fees_paid: int = Field(0, ge=0, description="Phí, lệ phí đã nộp (đồng).")
    note: str = Field("", max_length=2000)


class ItemIn(Schema):
    code: str = Field(max_length=64, description="Mã thành phần hồ sơ.")
    requirement: str = Field("", max_length=1000, description="Nội dung cần bổ sung.")


class ResubmitComponentIn(Schema):
    code: str = Field(max_length=64)
    files: list[FileIn] = Field(default_factory=list)


class ActionIn(Schema):
    """The fields each action reads (others are ignored); see docs/api.md for the table."""

    to_step: str | None = Field(None, max_length=64, description="Mã bước chuyển đến.")
    handler: str | None = Field(None, max_length=150, description="Tên đăng nhập người xử lý.")
    note: str = Field("", max_length=4000)
    reason: str = Field("", max_length=4000)
    reasons: list[str] = Field(default_factory=list)
    items: list[ItemIn] = Field(default_factory=list)
    late_reason: str = Field("", max_length=4000)
    override_reason: str = Field("", max_length=4000)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=0)
    online: bool = False
    result_number: str = Field("", max_length=64)
    summary: str = Field("", max_length=4000)
    files: list[FileIn] = Field(default_factory=list)
    components: list[ResubmitComponentIn] = Field(default_factory=list)
    method: ReturnMethod | None = None
    received_by_name: str = Field("", max_length=255)
    received_by_id_number: str = Field("", max_length=16)
    tracking_number: str = Field("", max_length=64)
    legal_ground: str = Field("", max_length=4000)
    new_due_at: dt.datetime | None = Field(
        None, description="Ngày hẹn mới (ISO 8601; không có múi giờ = giờ Việt Nam)."
    )

    @field_validator("new_due_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _local_if_naive(value)

    def uploads(self) -> list[Upload]:
        return [f.upload() for f in self.files]


class DossierListQuery(Schema):
    status: DossierStatus | None = Field(None, description="Lọc theo trạng thái.")
    q: str = Field(
        "", max_length=100, description="Mã hồ sơ, mã tham chiếu, tên hoặc số định danh."
    )


class FormQuery(Schema):
    event: int | None = Field(
        None, ge=1, description="Số thứ tự sự kiện đã cấp phiếu (mặc định: lần gần nhất)."
    )


# --- Output --------------------------------------------------------------------------------------


class CodeLabelOut(Schema):
    code: str
    label: str


class PublicStatusOut(Schema):
    code: int = Field(description="Mã trạng thái trên Cổng dịch vụ công quốc gia (1–10).")
    label: str


class NamedOut(Schema):
    code: str
    name: str


class StepOut(Schema):
    code: str
    name: str
    kind: str


class PersonOut(Schema):
    username: str
    full_name: str


class ProcedureRefOut(Schema):
    code: str
    namespace: CodeNamespace
    name: str
    version: int


class ApplicantOut(Schema):
    kind: CitizenKind
    name: str
    id_number: str
    address: str
    phone: str
    phone_is_landline: bool
    email: str
    submitter_name: str
    submitter_id_number: str
    masked: bool = Field(
        description="true: số định danh, điện thoại, email bị che (chỉ cán bộ một cửa và người "
        "nộp thấy đầy đủ)."
    )


class FileOut(Schema):
    id: int
    kind: FileKind
    name: str
    content_type: str
    size: int
    sha256: str
    pages: int | None
    uploaded_at: LocalDatetime
    component: str | None = Field(description="Mã thành phần hồ sơ (tệp thành phần).")
    event: int | None = Field(description="Số thứ tự sự kiện kèm tệp.")
    url: str


class ComponentOut(Schema):
    code: str
    name: str
    requirement: str
    originals: int
    copies: int
    electronic: bool
    digitised: bool
    reused: bool
    from_store: bool
    scan_exemption: str
    note: str
    files: list[int] = Field(description="Mã các tệp (xem /documents).")


class TimelinessOut(Schema):
    code: str = Field(
        description="Hồ sơ đã kết thúc: early / on_time / late; đang giải quyết: in_time / "
        "due_soon / overdue."
    )
    label: str
    paused: bool


class ResultOut(Schema):
    kind: ResultKind | None
    number: str
    summary: str
    returned_at: LocalDatetime | None
    return_method: ReturnMethod | None
    tracking_number: str
    returned_to_name: str


class ActionOptionOut(Schema):
    action: Action
    label: str
    steps: list[StepOut]


class DossierSummaryOut(Schema):
    code: str | None
    reference: str
    status: DossierStatus
    public_status: PublicStatusOut
    procedure: ProcedureRefOut
    channel: Channel
    applicant_name: str
    agency: NamedOut
    current_step: StepOut | None
    handler: PersonOut | None
    submitted_at: LocalDatetime | None
    received_at: LocalDatetime | None
    due_at: LocalDatetime | None
    appointment_at: LocalDatetime | None
    timeliness: TimelinessOut | None


class DossierDetailOut(DossierSummaryOut):
    rule_set: str
    variant: NamedOut
    desk: NamedOut
    receiving_agency: NamedOut
    current_agency: NamedOut | None
    applicant: ApplicantOut
    answers: dict[str, Any]
    components: list[ComponentOut]
    sets: int
    fees_due: int
    fees_paid: int
    paid_online: bool
    clock_started_at: LocalDatetime | None
    handover_at: LocalDatetime | None
    finished_at: LocalDatetime | None
    supplement_count: int
    result: ResultOut
    actions: list[ActionOptionOut] = Field(
        description="Các thao tác người gọi được thực hiện lúc này, với các bước có thể chọn."
    )


class EventOut(Schema):
    sequence: int
    occurred_at: LocalDatetime
    actor_name: str
    agency: NamedOut | None
    action: str
    action_label: str
    from_status: DossierStatus | None
    to_status: DossierStatus | None
    from_step: StepOut | None
    to_step: StepOut | None
    step_budget_hours: Decimal | None
    step_used_hours: Decimal | None
    note: str
    data: dict[str, Any]
    files: list[FileOut]


class ClockOut(Schema):
    started_at: LocalDatetime
    due_at: LocalDatetime
    ended_at: LocalDatetime | None
    budget_hours: float
    used_hours: float
    remaining_hours: float
    paused: bool
    due_soon_at: LocalDatetime | None
    state: CodeLabelOut


class StepClockOut(Schema):
    step: StepOut
    agency: NamedOut
    role: str
    handler: PersonOut | None
    clock: ClockOut


class AgencyShareOut(Schema):
    agency: NamedOut
    budget_hours: float
    used_hours: float
    over_budget: bool


class DeadlineOut(Schema):
    legal: ClockOut
    view_766: CodeLabelOut = Field(description="Cách tính của Quyết định 766/QĐ-TTg.")
    elapsed_766_hours: float
    supplement_paused_hours: float
    apology_due_by: LocalDatetime
    appointment_at: LocalDatetime
    steps: list[StepClockOut]
    agencies: list[AgencyShareOut]


class PrintableFormOut(Schema):
    kind: str
    title: str
    number: str | None
    issued_at: LocalDatetime
    event_sequence: int | None
    url: str
