"""Validation of Vietnamese identifiers: phone numbers, personal ID numbers, tax codes, agency codes.

Every function raises django.core.exceptions.ValidationError with a Vietnamese message and a stable
`code`, so forms show the message and the API returns the code.
"""

import datetime as dt
import enum
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email as django_validate_email

from motcua.core.timezone import VN_TZ


def _is_ascii_digits(value: str) -> bool:
    """str.isdigit() also accepts "²" and "٣"; identifiers are ASCII digits only."""
    return value.isascii() and value.isdigit()


# --- Phone numbers ------------------------------------------------------------------------------

# Mobile prefixes after the 2018 conversion from 11 to 10 digits.
_MOBILE_RE = re.compile(r"0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])[0-9]{7}")
# Fixed lines: 02 + area code, 11 digits in all (e.g. 024 3xxx xxxx Hà Nội, 0237 xxx xxxx Thanh Hóa).
_LANDLINE_RE = re.compile(r"02[0-9]{9}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


class PhoneKind(enum.StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"


@dataclass(frozen=True)
class PhoneNumber:
    number: str  # national format, digits only: 0912345678
    kind: PhoneKind

    @property
    def is_landline(self) -> bool:
        return self.kind is PhoneKind.LANDLINE


def normalize_phone(value: str) -> str:
    """Strip separators and turn +84/84 into the leading 0 (also "+84 (0)912…", a common form)."""
    digits = _PHONE_SEPARATORS.sub("", value.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def parse_phone(value: str, *, allow_landline: bool = False) -> PhoneNumber:
    """A Vietnamese phone number. Landlines only where the field allows them (and they are flagged)."""
    number = normalize_phone(value)
    if not _is_ascii_digits(number):
        raise ValidationError(
            "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84).", code="phone_not_digits"
        )
    if _MOBILE_RE.fullmatch(number):
        return PhoneNumber(number, PhoneKind.MOBILE)
    if _LANDLINE_RE.fullmatch(number):
        if allow_landline:
            return PhoneNumber(number, PhoneKind.LANDLINE)
        raise ValidationError(
            "%(number)s là số máy bàn. Vui lòng nhập số điện thoại di động (10 chữ số, "
            "ví dụ 0912 345 678) để nhận thông báo.",
            code="phone_is_landline",
            params={"number": number},
        )
    raise ValidationError(
        "Số điện thoại %(number)s không hợp lệ: số di động Việt Nam có 10 chữ số và bắt đầu "
        "bằng 03, 05, 07, 08 hoặc 09.",
        code="phone_invalid",
        params={"number": number},
    )


def validate_mobile_phone(value: str) -> None:
    parse_phone(value, allow_landline=False)


def validate_phone(value: str) -> None:
    """For fields that accept a landline (desk phones, a dossier's contact, flagged)."""
    parse_phone(value, allow_landline=True)


# --- Personal ID number (CCCD / số định danh cá nhân) --------------------------------------------

# Birth-registration province codes of the personal ID number (Circular 59/2021/TT-BCA, Appendix).
# The 2025 province mergers issue no new codes: a merged province keeps one of its former codes.
PERSONAL_ID_PROVINCES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

_CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 2300, 9: 2300}  # fmt: skip


class Sex(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class PersonalId:
    number: str
    province_code: str
    province_name: str
    sex: Sex
    birth_year: int


def parse_personal_id(
    value: str, *, birth_date: dt.date | None = None, today: dt.date | None = None
) -> PersonalId:
    """Check a 12-digit personal ID number: province of birth registration, century/sex, birth year.

    Digits 1-3: province code; digit 4: century and sex (0/1 = 1900s male/female, 2/3 = 2000s, …);
    digits 5-6: the last two digits of the birth year; digits 7-12: a random serial.
    """
    number = value.strip().replace(" ", "")
    if not _is_ascii_digits(number) or len(number) != 12:
        raise ValidationError(
            "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.", code="personal_id_format"
        )
    province_code = number[:3]
    if province_code not in PERSONAL_ID_PROVINCES:
        raise ValidationError(
            "Số định danh cá nhân %(number)s có mã tỉnh nơi đăng ký khai sinh %(code)s không tồn tại.",
            code="personal_id_province",
            params={"number": number, "code": province_code},
        )
    sex_century = int(number[3])
    birth_year = _CENTURY_BY_DIGIT[sex_century] + int(number[4:6])
    sex = Sex.MALE if sex_century % 2 == 0 else Sex.FEMALE
    today = today or dt.datetime.now(tz=VN_TZ).date()
    if birth_year > today.year:
        raise ValidationError(
            "Số định danh cá nhân %(number)s không hợp lệ: chữ số thứ 4-6 cho năm sinh %(year)s "
            "ở tương lai.",
            code="personal_id_birth_year",
            params={"number": number, "year": birth_year},
        )
    if birth_date is not None and birth_date.year != birth_year:
        raise ValidationError(
            "Số định danh cá nhân %(number)s không khớp năm sinh %(year)s.",
            code="personal_id_birth_mismatch",
            params={"number": number, "year": birth_date.year},
        )
    return PersonalId(number, province_code, PERSONAL_ID_PROVINCES[province_code], sex, birth_year)


def validate_personal_id(value: str) -> None:
    parse_personal_id(value)


# --- Tax code (mã số thuế) ----------------------------------------------------------------------

_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_RE = re.compile(r"([0-9]{10})(?:-([0-9]{3}))?")


def tax_code_check_digit(first_nine: str) -> int:
    """The 10th digit of a tax code: 10 - (weighted sum mod 11).

    Published implementations disagree on a remainder of 0 (a check value of 10): some say such
    codes are never issued, others write 0. We accept 0, as refusing a real code at the counter
    is worse than accepting a code that was never issued (docs/adr/0003-identifiers.md).
    """
    remainder = sum(w * int(d) for w, d in zip(_TAX_WEIGHTS, first_nine, strict=True)) % 11
    return (10 - remainder) % 10


def validate_tax_code(value: str) -> None:
    """A 10-digit organisation tax code (with its check digit) or a 13-character branch code
    (10 digits, a dash, 3 digits from 001). Individuals use their personal ID number since 2025."""
    match = _TAX_RE.fullmatch(value.strip())
    if not match:
        raise ValidationError(
            "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
            "đối với đơn vị phụ thuộc (ví dụ 0100109106-001).",
            code="tax_code_format",
        )
    base, branch = match.group(1), match.group(2)
    if tax_code_check_digit(base[:9]) != int(base[9]):
        raise ValidationError(
            "Mã số thuế %(code)s không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không đúng.",
            code="tax_code_checksum",
            params={"code": base},
        )
    if branch == "000":
        raise ValidationError(
            "Mã số thuế đơn vị phụ thuộc phải có số thứ tự từ 001.", code="tax_code_branch"
        )


# --- Email --------------------------------------------------------------------------------------


def validate_email(value: str) -> None:
    try:
        django_validate_email(value)
    except ValidationError as exc:
        raise ValidationError(
            "Địa chỉ email %(value)s không hợp lệ.", code="email_invalid", params={"value": value}
        ) from exc


# --- Agency identifier (QCVN 102:2016/BTTTT) ----------------------------------------------------

_AGENCY_CODE_RE = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}")


def validate_agency_code(value: str) -> None:
    """`V1V2V3.Z1Z2.Y1Y2.MX1X2`, 13 characters: e.g. 000.00.15.H12 (a department of province H12)."""
    if not _AGENCY_CODE_RE.fullmatch(value):
        raise ValidationError(
            "Mã định danh cơ quan %(value)s không đúng dạng QCVN 102:2016 "
            "(ví dụ 000.00.15.H12: ba chữ số, hai chữ số, hai chữ số, một chữ cái in hoa và hai chữ số).",
            code="agency_code_format",
            params={"value": value},
        )
