"""The official forms as plain data: what each PDF prints, with no dependency on dossier models.

Which set of forms applies is chosen by the dossier's local reception date (domain §4): the forms
of Circular 01/2018/TT-VPCP before 2025-07-01, those of Circular 03/2025/TT-VPCP from then on. The
dossier engine fills these classes from a dossier and its event log; `motcua.documents.pdf`
renders them.

Identifiers are English; every value is printed as given (Vietnamese, with diacritics). Instants
must be time-zone aware; they are printed in Vietnam's local time.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from motcua.core.errors import DomainError, ValidationFailed
from motcua.core.timezone import to_local

R2025_START = dt.date(2025, 7, 1)


class FormSet(StrEnum):
    """The set of official forms; the value is the year of its circular."""

    R2018 = "2018"
    R2025 = "2025"

    @property
    def circular(self) -> str:
        return _CIRCULARS[self]


_CIRCULARS = {
    FormSet.R2018: "Thông tư số 01/2018/TT-VPCP",
    FormSet.R2025: "Thông tư số 03/2025/TT-VPCP",
}


def form_set_for(received_on: dt.date) -> FormSet:
    """The form set for a dossier received (local date) on `received_on`."""
    if isinstance(received_on, dt.datetime):
        raise TypeError("form_set_for takes the local reception date, not an instant")
    return FormSet.R2018 if received_on < R2025_START else FormSet.R2025


class FormKind(StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP_NOTICE = "stop_notice"
    CONTROL_SHEET = "control_sheet"
    LOGBOOK = "logbook"


_NUMBERS: dict[FormSet, dict[FormKind, int]] = {
    # Circular 01/2018/TT-VPCP Art 9.
    FormSet.R2018: {
        FormKind.RECEIPT: 1,
        FormKind.SUPPLEMENT_REQUEST: 2,
        FormKind.REFUSAL: 3,
        FormKind.APOLOGY: 4,
        FormKind.CONTROL_SHEET: 5,
        FormKind.LOGBOOK: 6,
    },
    # Circular 03/2025/TT-VPCP Appendix I.
    FormSet.R2025: {
        FormKind.RECEIPT: 1,
        FormKind.SUPPLEMENT_REQUEST: 2,
        FormKind.REFUSAL: 3,
        FormKind.APOLOGY: 4,
        FormKind.STOP_NOTICE: 5,
        FormKind.CONTROL_SHEET: 6,
        FormKind.LOGBOOK: 7,
    },
}

_TITLES: dict[FormKind, str] = {
    FormKind.RECEIPT: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    FormKind.SUPPLEMENT_REQUEST: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    FormKind.REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    FormKind.APOLOGY: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    FormKind.STOP_NOTICE: "Thông báo dừng giải quyết hồ sơ",
    FormKind.CONTROL_SHEET: "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    FormKind.LOGBOOK: "Sổ theo dõi hồ sơ",
}
_TITLES_2025: dict[FormKind, str] = {
    FormKind.APOLOGY: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
}


class FormNotInSet(DomainError):
    code = "form_not_in_set"


def form_number(kind: FormKind, form_set: FormSet) -> int:
    """The form's number ("Mẫu số 0X") in `form_set`; the stop notice exists only in 2025."""
    number = _NUMBERS[form_set].get(kind)
    if number is None:
        raise FormNotInSet(
            f"Bộ biểu mẫu theo {form_set.circular} không có mẫu “{form_title(kind, form_set)}”: "
            "thông báo dừng giải quyết hồ sơ chỉ áp dụng cho hồ sơ tiếp nhận từ ngày 01/7/2025.",
            details={"form": kind.value, "form_set": form_set.value},
        )
    return number


def form_title(kind: FormKind, form_set: FormSet) -> str:
    """The form's title in sentence case (printed in capitals)."""
    if form_set is FormSet.R2025 and kind in _TITLES_2025:
        return _TITLES_2025[kind]
    return _TITLES[kind]


def local_date(instant: dt.datetime) -> dt.date:
    return to_local(instant).date()


def _require(condition: bool, message: str, *, code: str, field: str) -> None:
    if not condition:
        raise ValidationFailed(message, code=code, field=field)


def _aware(*instants: dt.datetime | None) -> None:
    for instant in instants:
        if instant is not None:
            to_local(instant)  # refuses naive datetimes


# --- Building blocks ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgencyHeading:
    """The letterhead's left block and the place of the date line.

    `governing_body` is the line above the agency (cơ quan chủ quản, e.g. "Ủy ban nhân dân tỉnh
    Thanh Hóa"; may be empty), `agency_name` the issuing agency or desk; both print in capitals.
    `place_name` starts the date line: "Sơn Hà, ngày 24 tháng 11 năm 2026".
    """

    agency_name: str
    place_name: str
    governing_body: str = ""


@dataclass(frozen=True, slots=True)
class Applicant:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Signer:
    """A signature block: `title` in bold capitals ("NGƯỜI TIẾP NHẬN HỒ SƠ", "CHỦ TỊCH"),
    `authority` above it when signing for someone ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"),
    `sealed` for a signature with the agency's seal."""

    title: str
    name: str
    authority: str = ""
    sealed: bool = False


DEFAULT_RECIPIENTS = ("Như trên", "Bộ phận Một cửa", "Lưu: VT")


# --- 01 Receipt and appointment slip ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComponentRow:
    """A paper handed in: originals and copies received, and the officer's note."""

    name: str
    originals: int = 0
    copies: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReceiptData:
    heading: AgencyHeading
    number: str
    dossier_code: str
    desk_name: str
    applicant: Applicant
    procedure_name: str
    components: tuple[ComponentRow, ...]
    sets: int
    legal_limit: str  # "05 ngày làm việc"
    received_at: dt.datetime
    due_at: dt.datetime
    collect_at: str  # where the result is collected
    result_delivery: str  # how the result reaches the applicant (printed on the 2025 form)
    lookup_url: str  # the public look-up page, encoded in the QR code
    officer_name: str
    logbook_year: int
    logbook_serial: int
    fee_amount: int | None = None  # đồng; printed when given

    kind: ClassVar[FormKind] = FormKind.RECEIPT

    def selector_date(self) -> dt.date:
        return local_date(self.received_at)

    def issued_instant(self) -> dt.datetime:
        return self.received_at

    def check(self) -> None:
        _aware(self.received_at, self.due_at)
        _require(
            bool(self.components),
            "Giấy tiếp nhận phải liệt kê thành phần hồ sơ.",
            code="receipt_components",
            field="components",
        )
        _require(self.sets >= 1, "Số lượng hồ sơ phải từ 01 bộ.", code="receipt_sets", field="sets")
        _require(
            self.due_at >= self.received_at,
            "Thời gian hẹn trả không được trước thời gian nhận hồ sơ.",
            code="receipt_due",
            field="due_at",
        )


# --- 02 Supplement request ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SupplementItem:
    """A paper to add or complete and what is required of it ("01 bản chính", "bổ sung chữ ký")."""

    name: str
    requirement: str


@dataclass(frozen=True, slots=True)
class SupplementRequestData:
    """At the counter (no code yet) or after appraisal (with the dossier's code).

    `received_on` is the dossier's reception date, or for a counter visit that ends in this slip
    the day of the visit: it chooses the form set.
    """

    heading: AgencyHeading
    number: str
    desk_name: str
    applicant: Applicant
    procedure_name: str
    items: tuple[SupplementItem, ...]
    reason: str
    contact_name: str
    contact_phone: str
    officer_name: str
    received_on: dt.date
    issued_at: dt.datetime
    dossier_code: str = ""

    kind: ClassVar[FormKind] = FormKind.SUPPLEMENT_REQUEST

    def selector_date(self) -> dt.date:
        return self.received_on

    def issued_instant(self) -> dt.datetime:
        return self.issued_at

    def check(self) -> None:
        _aware(self.issued_at)
        _require(
            bool(self.items),
            "Phải nêu các giấy tờ cần bổ sung, hoàn thiện.",
            code="supplement_items",
            field="items",
        )
        _require(
            bool(self.reason.strip()),
            "Phải nêu lý do yêu cầu bổ sung, hoàn thiện hồ sơ.",
            code="reason_required",
            field="reason",
        )


# --- 03 Refusal ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RefusalData:
    """Refusal at the counter, or after appraisal (then signed for the competent agency)."""

    heading: AgencyHeading
    number: str
    desk_name: str
    applicant: Applicant
    procedure_name: str
    reasons: tuple[str, ...]
    signer: Signer
    received_on: dt.date
    issued_at: dt.datetime
    dossier_code: str = ""

    kind: ClassVar[FormKind] = FormKind.REFUSAL

    def selector_date(self) -> dt.date:
        return self.received_on

    def issued_instant(self) -> dt.datetime:
        return self.issued_at

    def check(self) -> None:
        _aware(self.issued_at)
        _require(
            any(reason.strip() for reason in self.reasons),
            "Phải nêu lý do từ chối cụ thể.",
            code="reason_required",
            field="reasons",
        )


# --- 04 Apology (and extension request, 2025) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApologyData:
    heading: AgencyHeading
    number: str
    addressee: str  # "Ông Nguyễn Văn Bình"
    dossier_code: str
    procedure_name: str
    received_at: dt.datetime
    original_due_at: dt.datetime
    reason: str
    new_due_at: dt.datetime
    collect_at: str
    signer: Signer
    issued_at: dt.datetime
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS

    kind: ClassVar[FormKind] = FormKind.APOLOGY

    def selector_date(self) -> dt.date:
        return local_date(self.received_at)

    def issued_instant(self) -> dt.datetime:
        return self.issued_at

    def check(self) -> None:
        _aware(self.received_at, self.original_due_at, self.new_due_at, self.issued_at)
        _require(
            bool(self.reason.strip()),
            "Phải nêu lý do chậm trả kết quả.",
            code="reason_required",
            field="reason",
        )
        _require(
            self.new_due_at > self.original_due_at,
            "Ngày hẹn mới phải sau ngày hẹn trả ban đầu.",
            code="apology_new_due",
            field="new_due_at",
        )


# --- 05 Stop notice (2025 only) -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StopNoticeData:
    heading: AgencyHeading
    number: str
    addressee: str
    dossier_code: str
    procedure_name: str
    received_at: dt.datetime
    requested_on: dt.date  # the applicant's stop request
    reason: str
    return_note: str  # how the papers handed in are given back
    signer: Signer
    issued_at: dt.datetime
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS

    kind: ClassVar[FormKind] = FormKind.STOP_NOTICE

    def selector_date(self) -> dt.date:
        return local_date(self.received_at)

    def issued_instant(self) -> dt.datetime:
        return self.issued_at

    def check(self) -> None:
        _aware(self.received_at, self.issued_at)
        _require(
            bool(self.reason.strip()),
            "Phải nêu lý do dừng giải quyết hồ sơ.",
            code="reason_required",
            field="reason",
        )


# --- Control sheet ------------------------------------------------------------------------------


class Timeliness(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


@dataclass(frozen=True, slots=True)
class HandoverRow:
    """One hand-over from the event log: who gave the dossier to whom, when, and how the giving
    step finished against its budget (None while it is not judged, e.g. the reception)."""

    from_unit: str
    giver: str
    to_unit: str
    receiver: str
    at: dt.datetime
    timeliness: Timeliness | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ControlSheetData:
    heading: AgencyHeading
    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: dt.datetime
    due_at: dt.datetime
    handling_agency: str
    rows: tuple[HandoverRow, ...]
    coordinating_agencies: tuple[str, ...] = ()
    printed_at: dt.datetime | None = None  # date line; the reception instant when None

    kind: ClassVar[FormKind] = FormKind.CONTROL_SHEET

    def selector_date(self) -> dt.date:
        return local_date(self.received_at)

    def issued_instant(self) -> dt.datetime:
        return self.printed_at or self.received_at

    def check(self) -> None:
        _aware(self.received_at, self.due_at, self.printed_at, *(row.at for row in self.rows))


# --- Logbook ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogbookRow:
    serial: int
    dossier_code: str
    procedure_name: str
    sets: int
    applicant_name: str
    applicant_contact: str  # address and phone
    handling_agency: str
    received_at: dt.datetime
    due_at: dt.datetime
    returned_at: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class LogbookData:
    """A printout of a desk's register for one year, or a part of it (`period_from`–`period_to`).

    Serial numbers run from 1 each year and are never reused. A printout covers one form set: a
    2025 register is printed in two parts, up to 30/6/2025 and from 01/7/2025.
    """

    heading: AgencyHeading
    desk_name: str
    year: int
    period_from: dt.date
    period_to: dt.date
    rows: tuple[LogbookRow, ...]
    printed_at: dt.datetime
    volume: str = ""

    kind: ClassVar[FormKind] = FormKind.LOGBOOK

    def selector_date(self) -> dt.date:
        return self.period_from

    def issued_instant(self) -> dt.datetime:
        return self.printed_at

    def check(self) -> None:
        """Refuse a printout that mixes form sets, leaves its year, or misnumbers its rows."""
        _aware(self.printed_at, *(row.received_at for row in self.rows))
        if self.period_from > self.period_to:
            raise ValidationFailed(
                "Khoảng thời gian của sổ không hợp lệ.", code="logbook_period", field="period_to"
            )
        if self.period_from.year != self.year or self.period_to.year != self.year:
            raise ValidationFailed(
                f"Sổ theo dõi hồ sơ năm {self.year} chỉ gồm các ngày trong năm {self.year}.",
                code="logbook_period",
                field="period_from",
            )
        if form_set_for(self.period_from) is not form_set_for(self.period_to):
            raise ValidationFailed(
                "Một bản in sổ theo dõi hồ sơ chỉ theo một bộ biểu mẫu: in riêng phần đến ngày "
                "30/6/2025 và phần từ ngày 01/7/2025.",
                code="logbook_spans_form_sets",
                field="period_to",
            )
        previous = 0
        for row in self.rows:
            if row.serial <= previous:
                raise ValidationFailed(
                    f"Số thứ tự {row.serial} không tăng dần (sau số {previous}).",
                    code="logbook_serial",
                    field="rows",
                )
            previous = row.serial
            received_on = local_date(row.received_at)
            if not self.period_from <= received_on <= self.period_to:
                raise ValidationFailed(
                    f"Hồ sơ {row.dossier_code} tiếp nhận ngoài khoảng thời gian của sổ.",
                    code="logbook_period",
                    field="rows",
                )


FormData = (
    ReceiptData
    | SupplementRequestData
    | RefusalData
    | ApologyData
    | StopNoticeData
    | ControlSheetData
    | LogbookData
)
