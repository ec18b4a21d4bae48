"""Plain data and pure helpers for the demo dossiers: invented applicants (names, personal ID
numbers, tax codes, phone numbers), e-form answers built from a case variant's schema, the texts
officers write (reasons, requirements) and a tiny PDF for scans and results.

Everything is drawn from a `random.Random` passed in, so the same seed gives the same dossiers.
Every identifier is invented and built to pass `motcua.accounts.validators`.
"""

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from motcua.accounts.validators import tax_code_check_digit
from motcua.demo.province_content import PROVINCE_NAME

# --- People and organisations -------------------------------------------------------------------

FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Trịnh", "Mai",
)  # fmt: skip
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thành", "Công", "Tiến", "Ngọc")
MIDDLE_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Bảo", "Diệu")
GIVEN_MALE = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh",
    "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tú", "Vinh",
)  # fmt: skip
GIVEN_FEMALE = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai",
    "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến",
)  # fmt: skip
HAMLETS = (
    "Thôn Đông", "Thôn Đoài", "Thôn Trung", "Thôn Thượng", "Thôn Hạ", "Xóm Mới", "Tổ dân phố 1",
    "Tổ dân phố 2", "Tổ dân phố 5", "Số 18 đường Lê Lợi", "Số 42 đường Trần Phú",
    "Số 7 ngõ 3 phố Quang Trung",
)  # fmt: skip
ORGANISATION_NAMES = (
    "Công ty TNHH Thương mại Hòa Phát Sơn Hà",
    "Công ty Cổ phần Xây dựng Bắc Sơn",
    "Công ty TNHH Vận tải Minh Khai",
    "Hợp tác xã Dịch vụ nông nghiệp Tân Lập",
    "Công ty Cổ phần Nông sản Phú Lộc",
    "Công ty TNHH Tư vấn thiết kế Đông Hà",
    "Công ty TNHH Môi trường xanh Sơn Hà",
    "Công ty Cổ phần Đầu tư Quảng Yên",
)
REPRESENTATIVE_TITLES = ("Giám đốc", "Tổng Giám đốc", "Chủ tịch Hội đồng quản trị", "Giám đốc")

# Birth-registration province codes used for invented personal ID numbers (Thanh Hóa, Ninh Bình,
# Nghệ An, Hà Nội, Nam Định: neighbours of an imaginary province).
ID_PROVINCES = ("038", "037", "040", "001", "036")
MOBILE_PREFIXES = (
    "091", "094", "088", "083", "084", "085", "081", "098", "097", "096", "086", "032", "033",
    "035", "037", "039", "070", "076", "077", "079", "056", "058",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    full_name: str
    male: bool
    birth_date: dt.date
    personal_id: str
    phone: str
    email: str
    address_detail: str  # the hamlet or street, within `commune_unit`
    commune_unit: str  # 5-digit administrative unit code of the commune they live in


@dataclass(frozen=True)
class Organisation:
    name: str
    tax_code: str
    representative: Person
    representative_title: str
    phone: str
    email: str
    address_detail: str
    commune_unit: str


def person_name(rng: random.Random, *, male: bool) -> str:
    middle = MIDDLE_MALE if male else MIDDLE_FEMALE
    given = GIVEN_MALE if male else GIVEN_FEMALE
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(middle)} {rng.choice(given)}"


def personal_id_make(rng: random.Random, *, birth_date: dt.date, male: bool) -> str:
    """Province (3 digits), century and sex, year (2 digits), a 6-digit serial."""
    century = 0 if birth_date.year < 2000 else 2
    return (
        f"{rng.choice(ID_PROVINCES)}{century + (0 if male else 1)}{birth_date.year % 100:02d}"
        f"{rng.randrange(1_000_000):06d}"
    )


def tax_code_make(rng: random.Random) -> str:
    """A 10-digit tax code of the imaginary province's tax office (prefix 28) with its check digit."""
    first_nine = f"28{rng.randrange(10_000_000):07d}"
    return first_nine + str(tax_code_check_digit(first_nine))


def phone_make(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10_000_000):07d}"


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics (đ → d): for e-mail addresses and the PDF's built-in font."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def person_make(
    rng: random.Random, *, commune_unit: str, on: dt.date, adult: bool = True
) -> Person:
    male = rng.random() < 0.5
    age = rng.randint(19, 75) if adult else rng.randint(0, 17)
    birth = on - dt.timedelta(days=365 * age + rng.randrange(365))
    name = person_name(rng, male=male)
    email = ""
    if rng.random() < 0.35:
        handle = ascii_fold(name).lower().split()
        email = f"{handle[-1]}.{''.join(handle[:-1])}{rng.randrange(10, 99)}@example.com"
    return Person(
        full_name=name,
        male=male,
        birth_date=birth,
        personal_id=personal_id_make(rng, birth_date=birth, male=male),
        phone=phone_make(rng),
        email=email,
        address_detail=rng.choice(HAMLETS),
        commune_unit=commune_unit,
    )


def organisation_make(rng: random.Random, *, commune_unit: str, on: dt.date) -> Organisation:
    name = rng.choice(ORGANISATION_NAMES)
    slug = "".join(word[0] for word in ascii_fold(name).lower().split() if word[0].isalpha())
    return Organisation(
        name=name,
        tax_code=tax_code_make(rng),
        representative=person_make(rng, commune_unit=commune_unit, on=on),
        representative_title=rng.choice(REPRESENTATIVE_TITLES),
        phone=phone_make(rng),
        email=f"lienhe.{slug}@example.com",
        address_detail=rng.choice(HAMLETS),
        commune_unit=commune_unit,
    )


# --- E-form answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerContext:
    """What the generated answers describe: the applicant, where, when, how the result goes."""

    person: Person  # the individual applicant, or the organisation's representative
    organisation: Organisation | None
    province_unit: str
    day: dt.date
    delivery: str  # "tai_noi_nop", "buu_chinh" or "dien_tu" when the form offers it


# Samples tried, in order, for text fields with a pattern.
_PATTERN_SAMPLES = (
    "12", "215", "1048", "AB 123456", "99A-123.45", "123/QĐ-UBND", "2801234564", "038078012345",
    "123456", "1",
)  # fmt: skip
# `<x>_name` fields that name a thing, not a person.
_THINGS = (
    "association", "bank", "branch", "business", "centre", "clinic", "company", "coop", "course",
    "document", "festival", "library", "org", "project", "school", "vessel",
)  # fmt: skip
_FEMALE = ("mother", "wife", "bride")
_MALE = ("father", "husband", "groom")
# Plain values for common text fields, by a word of the field's name.
_TEXT_VALUES = (
    ("ethnicity", "Kinh"),
    ("home_town", f"xã Hòa An, tỉnh {PROVINCE_NAME}"),
    ("country", "Việt Nam"),
    ("nationality", "Việt Nam"),
    ("bank_account", "3600205123456"),
    ("bank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
    ("passport", "C1234567"),
    ("document_name", "Giấy khai sinh"),
    ("death_cause", "Bệnh già"),
    ("business_name", "Cửa hàng tạp hóa Minh An"),
    ("company_name", "CÔNG TY TNHH THƯƠNG MẠI MINH AN"),
)


def _is_person(name: str) -> bool:
    if name in ("full_name", "org_representative", "branch_head"):
        return True
    return name.endswith("_name") and not name.startswith(_THINGS)


def _text(field: Mapping[str, object], ctx: AnswerContext, rng: random.Random) -> str:
    name = str(field["name"])
    limit = int(str(field.get("max_length") or 255))
    pattern = field.get("pattern")
    if isinstance(pattern, str):
        for sample in _PATTERN_SAMPLES:
            if len(sample) <= limit and re.fullmatch(pattern, sample):
                return sample
        return ""  # the caller's check refuses the variant
    plain = next((value for word, value in _TEXT_VALUES if word in name), None)
    if name == "org_name" and ctx.organisation is not None:
        value = ctx.organisation.name.upper()
    elif name == "org_representative_title" and ctx.organisation is not None:
        value = ctx.organisation.representative_title
    elif name in ("applicant_name", "org_representative"):
        value = ctx.person.full_name
    elif plain is not None:
        value = plain
    elif _is_person(name):
        female = name.startswith(_FEMALE)
        male = name.startswith(_MALE) or (not female and rng.random() < 0.5)
        value = person_name(rng, male=male)
    elif "relation" in name:
        value = rng.choice(("Con", "Vợ", "Chồng", "Cha", "Mẹ"))
    elif "number" in name or name.endswith("_no"):
        value = f"{rng.randrange(1, 999)}/{ctx.day.year}"
    else:
        value = str(field.get("label", "Nội dung"))[:60] + ": theo hồ sơ kèm theo"
    minimum = int(str(field.get("min_length") or 0))
    value = value.ljust(minimum, ".")
    return value[:limit]


_RECENT_EVENTS = ("death", "damage", "lost", "record", "termination", "left_job", "judgment")


def _date(field: Mapping[str, object], ctx: AnswerContext, rng: random.Random) -> str:
    name = str(field["name"])
    low, high = field.get("min"), field.get("max")
    if name == "applicant_birth_date":
        return ctx.person.birth_date.isoformat()
    if low == "today":
        day = ctx.day + dt.timedelta(days=rng.randint(7, 40))
    elif "birth" in name and name.startswith(("child_", "adoptee_")):
        day = ctx.day - dt.timedelta(days=rng.randint(5, 60))
    elif "birth" in name and name.startswith("pupil_"):
        day = ctx.day - dt.timedelta(days=rng.randint(6 * 365, 14 * 365))
    elif "birth" in name:
        day = dt.date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
    elif any(word in name for word in _RECENT_EVENTS):
        day = ctx.day - dt.timedelta(days=rng.randint(3, 60))
    else:
        day = ctx.day - dt.timedelta(days=rng.randint(10, 700))
    if isinstance(high, str) and high != "today":
        day = min(day, dt.date.fromisoformat(high))
    if isinstance(low, str) and low != "today":
        day = max(day, dt.date.fromisoformat(low))
    return day.isoformat()


def _number(field: Mapping[str, object], rng: random.Random) -> int | float:
    low = float(str(field.get("min", 0) or 0))
    high_raw = field.get("max")
    high = float(str(high_raw)) if high_raw is not None else max(low * 3, low + 200)
    if low >= 1900:  # a year
        value: float = rng.uniform(max(low, 2005), min(high, 2024))
    else:
        value = rng.uniform(max(low, 1), max(min(high, low + 200), max(low, 1)))
    if field.get("integer"):
        return max(int(low), min(int(value), int(high)))
    return max(low, min(round(value, 1), high))


def _value(field: Mapping[str, object], ctx: AnswerContext, rng: random.Random) -> object:
    kind = field["type"]
    name = str(field["name"])
    person, org = ctx.person, ctx.organisation
    if kind in ("text", "textarea"):
        if kind == "textarea":
            return "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định."
        return _text(field, ctx, rng)
    if kind == "date":
        return _date(field, ctx, rng)
    if kind == "number":
        return _number(field, rng)
    if kind == "select":
        options = field.get("options")
        assert isinstance(options, list)
        values = [str(option["value"]) for option in options]
        if name == "applicant_kind":
            choice = "to_chuc" if org is not None else "ca_nhan"
        elif name == "result_delivery":
            choice = ctx.delivery if ctx.delivery in values else values[0]
        else:
            choice = rng.choice(values)
        return [choice] if field.get("multiple") else choice
    if kind == "personal_id":
        return person.personal_id if name in ("applicant_id",) else _other_id(rng, ctx.day)
    if kind == "tax_code":
        return org.tax_code if org is not None else tax_code_make(rng)
    if kind == "phone":
        return org.phone if org is not None and name.startswith("org_") else person.phone
    if kind == "email":
        if org is not None and name.startswith("org_"):
            return org.email
        return person.email
    if kind == "address":
        where = org if org is not None and name.startswith("org_") else person
        return {
            "province": ctx.province_unit,
            "commune": where.commune_unit,
            "detail": where.address_detail,
        }
    if kind == "checkbox":
        return True
    if kind == "group":
        fields = field.get("fields")
        assert isinstance(fields, list)
        item = {str(sub["name"]): _value(sub, ctx, rng) for sub in fields}
        return [item] if field.get("repeat") else item
    raise ValueError(f"unknown field type {kind!r}")  # pragma: no cover


def _other_id(rng: random.Random, day: dt.date) -> str:
    birth = day - dt.timedelta(days=rng.randint(20 * 365, 60 * 365))
    return personal_id_make(rng, birth_date=birth, male=rng.random() < 0.5)


def eform_answers(
    schema: Mapping[str, object], ctx: AnswerContext, rng: random.Random
) -> dict[str, object]:
    """Answers for every field of the form (hidden ones are dropped by the validator): the
    applicant's own data where the field asks for it, plausible values elsewhere."""
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return {}
    return {str(field["name"]): _value(field, ctx, rng) for field in fields}


# --- What officers write ------------------------------------------------------------------------

SUPPLEMENT_REQUIREMENTS = (
    "Bản sao chưa được chứng thực, đề nghị nộp bản sao có chứng thực hoặc xuất trình bản chính "
    "để đối chiếu.",
    "Thông tin trên giấy tờ không khớp với tờ khai, đề nghị kê khai lại cho thống nhất.",
    "Giấy tờ đã hết hiệu lực, đề nghị bổ sung giấy tờ còn hiệu lực.",
    "Thiếu chữ ký của người có thẩm quyền, đề nghị bổ sung bản có đủ chữ ký, đóng dấu.",
)
SUPPLEMENT_REASONS = (
    "Hồ sơ chưa đầy đủ, hợp lệ theo quy định sau khi thẩm định.",
    "Thành phần hồ sơ có sai sót cần hoàn thiện trước khi giải quyết.",
)
INTAKE_REFUSALS = (
    "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận.",
    "Người nộp hồ sơ không có văn bản ủy quyền hợp lệ.",
    "Hồ sơ đã được giải quyết trước đó, không có căn cứ để giải quyết lại.",
    "Yêu cầu của người nộp không thuộc đối tượng của thủ tục hành chính.",
)
RESULT_REFUSALS = (
    "Hồ sơ không đủ điều kiện theo quy định tại văn bản pháp luật hiện hành.",
    "Kết quả xác minh cho thấy thông tin kê khai không đúng thực tế.",
    "Đối tượng đề nghị không thuộc trường hợp được giải quyết theo quy định.",
)
WITHDRAWAL_REASONS = (
    "Người nộp hồ sơ không còn nhu cầu giải quyết.",
    "Người nộp hồ sơ xin rút hồ sơ để bổ sung, nộp lại sau.",
)
APOLOGY_REASONS = (
    "Hồ sơ phải lấy ý kiến, xác minh bổ sung nên cần thêm thời gian giải quyết.",
    "Số lượng hồ sơ tăng đột biến, cơ quan chưa kịp giải quyết đúng hạn.",
)
PAYMENT_REASONS = (
    "Nộp lệ phí trước bạ và lệ phí cấp Giấy chứng nhận theo thông báo của cơ quan thuế.",
    "Nộp tiền sử dụng đất theo thông báo của cơ quan thuế.",
)


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return options[rng.randrange(len(options))]


# --- A tiny PDF ---------------------------------------------------------------------------------


def tiny_pdf(*lines: str) -> bytes:
    """A valid one-page PDF showing `lines` (folded to ASCII for the built-in Helvetica font)."""
    text = " ".join(
        f"({ascii_fold(line).replace('\\', '').replace('(', '[').replace(')', ']')}) Tj 0 -18 Td"
        for line in lines
    )
    stream = f"BT /F1 12 Tf 56 780 Td {text} ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
