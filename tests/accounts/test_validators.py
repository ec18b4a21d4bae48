"""Vietnamese identifiers: tables of real-looking cases, then properties (hypothesis)."""

import datetime as dt
from collections.abc import Callable
from functools import partial

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.validators import (
    PERSONAL_ID_PROVINCES,
    PhoneKind,
    Sex,
    parse_personal_id,
    parse_phone,
    tax_code_check_digit,
    validate_agency_code,
    validate_email,
    validate_mobile_phone,
    validate_phone,
    validate_tax_code,
)
from motcua.core.timezone import VN_TZ


def refused(check: Callable[[], object], *, code: str, says: str) -> ValidationError:
    """`check()` raises a ValidationError with this stable code and a Vietnamese message."""
    with pytest.raises(ValidationError) as info:
        check()
    assert info.value.code == code
    assert says in info.value.messages[0]
    return info.value


# --- Phone numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("0912345678", "0912345678"),  # Vinaphone 091
        ("0321234567", "0321234567"),  # Viettel 03x (ex-016x)
        ("0563456789", "0563456789"),  # Vietnamobile 05x
        ("0703456789", "0703456789"),  # MobiFone 07x (ex-0120)
        ("0833456789", "0833456789"),  # Vinaphone 08x
        ("0987654321", "0987654321"),  # Viettel 098
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("  0912 345 678 ", "0912345678"),
        ("(+84) 98-765-4321", "0987654321"),
    ],
)
def test_mobile_numbers_are_normalised(raw: str, number: str) -> None:
    phone = parse_phone(raw)
    assert phone.number == number
    assert phone.kind is PhoneKind.MOBILE
    assert not phone.is_landline


@pytest.mark.parametrize(
    "raw", ["024 3825 1234", "02438251234", "+84 24 3825 1234", "842438251234", "0237.385.2345"]
)
def test_landline_refused_for_mobile_fields(raw: str) -> None:
    refused(lambda: parse_phone(raw), code="phone_is_landline", says="là số máy bàn")
    refused(lambda: validate_mobile_phone(raw), code="phone_is_landline", says="điện thoại di động")


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("024 3825 1234", "02438251234"),
        ("+84 24 3825 1234", "02438251234"),
        ("842438251234", "02438251234"),
        ("0237.385.2345", "02373852345"),
    ],
)
def test_landline_accepted_where_allowed_and_flagged(raw: str, number: str) -> None:
    phone = parse_phone(raw, allow_landline=True)
    assert phone.number == number
    assert phone.kind is PhoneKind.LANDLINE
    assert phone.is_landline
    validate_phone(raw)  # the landline-friendly field validator agrees


def test_mobile_accepted_where_landline_allowed() -> None:
    assert parse_phone("0912345678", allow_landline=True).kind is PhoneKind.MOBILE


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "phone_not_digits"),
        ("abc", "phone_not_digits"),
        ("0912 345 67x", "phone_not_digits"),
        ("+1 202 555 0100", "phone_not_digits"),
        ("091２３４５６７８", "phone_not_digits"),  # fullwidth digits are not ASCII digits
        ("091234567", "phone_invalid"),  # 9 digits
        ("09123456789", "phone_invalid"),  # 11 digits
        ("0951234567", "phone_invalid"),  # 095 is not a mobile prefix
        ("0312345678", "phone_invalid"),  # 031 neither
        ("0112345678", "phone_invalid"),
        ("1912345678", "phone_invalid"),
        ("0243825123", "phone_invalid"),  # a landline one digit short
    ],
)
def test_garbage_refused_with_code(raw: str, code: str) -> None:
    says = "chỉ gồm chữ số" if code == "phone_not_digits" else "không hợp lệ"
    refused(lambda: parse_phone(raw, allow_landline=True), code=code, says=says)


MOBILE_PREFIXES = [
    *(f"03{d}" for d in "23456789"),
    *(f"05{d}" for d in "25689"),
    *(f"07{d}" for d in "06789"),
    *(f"08{d}" for d in "123456789"),
    *(f"09{d}" for d in "012346789"),
]
separators = st.lists(st.sampled_from(["", " ", ".", "-"]), min_size=9, max_size=9)


def _spread(written: str, seps: list[str]) -> str:
    """Put a separator after each of the first characters: "0912345678" → "09 12.345-678"."""
    padded = [*seps, *[""] * len(written)][: len(written)]
    return "".join(char + sep for char, sep in zip(written, padded, strict=True))


@given(
    prefix=st.sampled_from(MOBILE_PREFIXES),
    rest=st.text("0123456789", min_size=7, max_size=7),
    form=st.sampled_from(["national", "+84", "84"]),
    seps=separators,
)
def test_every_mobile_form_parses_to_the_national_number(
    prefix: str, rest: str, form: str, seps: list[str]
) -> None:
    national = prefix + rest
    written = {"national": national, "+84": "+84" + national[1:], "84": "84" + national[1:]}[form]
    phone = parse_phone(_spread(written, seps))
    assert phone == parse_phone(national)
    assert phone.number == national
    assert phone.kind is PhoneKind.MOBILE


@given(st.text(max_size=20))
def test_any_text_is_parsed_or_refused_with_a_known_code(raw: str) -> None:
    try:
        phone = parse_phone(raw, allow_landline=True)
    except ValidationError as exc:
        code = exc.code
    else:
        code = None
        assert phone.number.isascii()
        assert phone.number.isdigit()
        assert len(phone.number) == (10 if phone.kind is PhoneKind.MOBILE else 11)
    assert code in {None, "phone_not_digits", "phone_invalid"}


# --- Personal ID numbers ------------------------------------------------------------------------

TODAY = dt.date(2026, 5, 15)


@pytest.mark.parametrize(
    ("number", "province", "sex", "year"),
    [
        ("001090000123", "Hà Nội", Sex.MALE, 1990),
        ("001190000123", "Hà Nội", Sex.FEMALE, 1990),
        ("079200012345", "Hồ Chí Minh", Sex.MALE, 2000),
        ("079301012345", "Hồ Chí Minh", Sex.FEMALE, 2001),
        ("038099999999", "Thanh Hóa", Sex.MALE, 1999),
        ("096326000001", "Cà Mau", Sex.FEMALE, 2026),  # born this year
        ("001 090 000 123", "Hà Nội", Sex.MALE, 1990),  # spaces as printed on the card
    ],
)
def test_personal_id_decoded(number: str, province: str, sex: Sex, year: int) -> None:
    parsed = parse_personal_id(number, today=TODAY)
    assert parsed.number == number.replace(" ", "")
    assert parsed.province_name == province
    assert parsed.province_code == parsed.number[:3]
    assert parsed.sex is sex
    assert parsed.birth_year == year


@pytest.mark.parametrize(
    "number",
    ["00109000012", "0010900001234", "00109000012a", "", "001-090-000-123", "00109000012٣"],
)
def test_personal_id_format(number: str) -> None:
    refused(lambda: parse_personal_id(number), code="personal_id_format", says="12 chữ số")


def test_superscript_digit_refused_not_crashing() -> None:
    # "²".isdigit() is True but int("²") fails: must be a ValidationError, not a ValueError.
    refused(lambda: parse_personal_id("0012900001²3"), code="personal_id_format", says="12 chữ số")


@pytest.mark.parametrize("province", ["000", "003", "005", "050", "097", "099"])
def test_unknown_province_refused(province: str) -> None:
    refused(
        lambda: parse_personal_id(f"{province}090000123"),
        code="personal_id_province",
        says=f"mã tỉnh nơi đăng ký khai sinh {province} không tồn tại",
    )


@pytest.mark.parametrize("number", ["001227000001", "001327000001", "001499000001"])
def test_birth_year_in_future_refused(number: str) -> None:
    refused(
        lambda: parse_personal_id(number, today=TODAY),
        code="personal_id_birth_year",
        says="ở tương lai",
    )


def test_birth_year_future_is_judged_on_vietnam_date() -> None:
    # 31/12/2025 18:00 UTC is already 1/1/2026 in Vietnam: a baby born that day has an ID.
    with time_machine.travel(dt.datetime(2025, 12, 31, 18, 0, tzinfo=dt.UTC), tick=False):
        assert dt.datetime.now(tz=VN_TZ).date() == dt.date(2026, 1, 1)
        assert parse_personal_id("001226000001").birth_year == 2026
    with time_machine.travel(dt.datetime(2025, 12, 31, 16, 0, tzinfo=dt.UTC), tick=False):
        refused(
            lambda: parse_personal_id("001226000001"),
            code="personal_id_birth_year",
            says="2026",
        )


def test_birth_date_must_match() -> None:
    parse_personal_id("001090000123", birth_date=dt.date(1990, 12, 31), today=TODAY)
    refused(
        lambda: parse_personal_id("001090000123", birth_date=dt.date(1991, 1, 1), today=TODAY),
        code="personal_id_birth_mismatch",
        says="không khớp năm sinh 1991",
    )
    # Same two year digits, wrong century.
    refused(
        lambda: parse_personal_id("001200000123", birth_date=dt.date(1900, 5, 1)),
        code="personal_id_birth_mismatch",
        says="không khớp",
    )


@given(
    province=st.sampled_from(sorted(PERSONAL_ID_PROVINCES)),
    century_sex=st.integers(0, 9),
    yy=st.integers(0, 99),
    serial=st.integers(0, 999_999),
)
def test_century_and_sex_digit(province: str, century_sex: int, yy: int, serial: int) -> None:
    number = f"{province}{century_sex}{yy:02d}{serial:06d}"
    year = 1900 + 100 * (century_sex // 2) + yy
    parsed = parse_personal_id(number, today=dt.date(2399, 12, 31))
    assert parsed.birth_year == year
    assert parsed.sex is (Sex.FEMALE if century_sex % 2 else Sex.MALE)
    assert parsed.province_name == PERSONAL_ID_PROVINCES[province]
    if year > TODAY.year:
        with pytest.raises(ValidationError):
            parse_personal_id(number, today=TODAY)


# --- Tax codes ----------------------------------------------------------------------------------

PUBLISHED_TAX_CODES = [
    "0100109106",  # Tập đoàn Công nghiệp - Viễn thông Quân đội (Viettel)
    "0100107518",  # Tổng công ty Hàng không Việt Nam
    "0100107370",  # Tập đoàn Xăng dầu Việt Nam (Petrolimex)
    "0300588569",  # Công ty CP Sữa Việt Nam (Vinamilk)
    "0101248141",  # Công ty CP FPT
    "0101245486",  # Tập đoàn Vingroup
]


@pytest.mark.parametrize("code", PUBLISHED_TAX_CODES)
def test_published_tax_codes_valid(code: str) -> None:
    validate_tax_code(code)
    validate_tax_code(f"{code}-001")  # a dependent unit (branch)
    validate_tax_code(f" {code}-999 ")
    assert tax_code_check_digit(code[:9]) == int(code[9])


def test_any_one_digit_change_of_viettel_is_invalid() -> None:
    viettel = "0100109106"
    for position in range(10):
        for digit in "0123456789":
            if digit == viettel[position]:
                continue
            changed = viettel[:position] + digit + viettel[position + 1 :]
            refused(
                partial(validate_tax_code, changed),
                code="tax_code_checksum",
                says="chữ số kiểm tra",
            )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "010010910",  # 9 digits
        "01001091060",  # 11 digits
        "0100109106-01",
        "0100109106-0001",
        "0100109106001",  # branch without the dash
        "0100109106 001",
        "010010910٦",  # Arabic-Indic six
        "0100109106\n-001",
        "MST0100109106",
    ],
)
def test_tax_code_format(value: str) -> None:
    refused(lambda: validate_tax_code(value), code="tax_code_format", says="10 chữ số")


def test_branch_000_refused() -> None:
    refused(lambda: validate_tax_code("0100109106-000"), code="tax_code_branch", says="từ 001")


def test_branch_of_invalid_code_refused_for_checksum() -> None:
    refused(
        lambda: validate_tax_code("0100109107-001"),
        code="tax_code_checksum",
        says="Mã số thuế 0100109107 không hợp lệ",
    )


@given(st.text("0123456789", min_size=9, max_size=9))
def test_check_digit_property(first_nine: str) -> None:
    check = tax_code_check_digit(first_nine)
    assert 0 <= check <= 9
    validate_tax_code(f"{first_nine}{check}")
    for other in set(range(10)) - {check}:
        with pytest.raises(ValidationError) as info:
            validate_tax_code(f"{first_nine}{other}")
        assert info.value.code == "tax_code_checksum"


# --- Agency codes and email ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["000.00.15.H12", "000.00.00.H99", "123.45.67.G01", "000.01.27.A05"]
)
def test_agency_code_valid(code: str) -> None:
    validate_agency_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "000.00.15.h12",  # lower case
        "000.00.15.H1",
        "000.00.15.H123",
        "00.000.15.H12",
        "000-00-15-H12",
        "000.00.15.H12\n",  # `$` would let a trailing newline through
        " 000.00.15.H12",
        "000.00.1٥.H12",
        "H12.00.15.000",
    ],
)
def test_agency_code_invalid(code: str) -> None:
    refused(lambda: validate_agency_code(code), code="agency_code_format", says="QCVN 102:2016")


@given(st.from_regex(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}", fullmatch=True))
def test_agency_code_pattern_property(code: str) -> None:
    validate_agency_code(code)
    refused(
        lambda: validate_agency_code(code.lower()), code="agency_code_format", says=code.lower()
    )


@pytest.mark.parametrize("email", ["vanthu@tuphap.hanoi.gov.vn", "a.b+c@example.com"])
def test_email_valid(email: str) -> None:
    validate_email(email)


@pytest.mark.parametrize("email", ["", "not-an-email", "a@", "@example.com", "a b@example.com"])
def test_email_invalid(email: str) -> None:
    refused(
        lambda: validate_email(email),
        code="email_invalid",
        says=f"Địa chỉ email {email} không hợp lệ",
    )
