"""Small builders for e-form schemas (docs/eforms.md), so the demo content states only what is
particular to each procedure: the shared applicant blocks, result delivery and the declaration
are assembled here.

Every builder returns a plain dict in the documented format; `None` options are left out.
"""

from collections.abc import Sequence

FormField = dict[str, object]
Condition = dict[str, object]


def _field(kind: str, name: str, label: str, **keys: object) -> FormField:
    out: FormField = {"name": name, "type": kind, "label": label}
    out.update({key: value for key, value in keys.items() if value is not None})
    return out


def _required(required: bool) -> bool | None:
    return True if required else None


def when(field: str, equals: object) -> Condition:
    """Show a field when an earlier field has this answer."""
    return {"field": field, "equals": equals}


def when_in(field: str, values: Sequence[str]) -> Condition:
    return {"field": field, "in": list(values)}


def when_filled(field: str) -> Condition:
    return {"field": field, "filled": True}


def text(
    name: str,
    label: str,
    *,
    required: bool = True,
    max_length: int | None = None,
    pattern: str | None = None,
    pattern_message: str | None = None,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field(
        "text",
        name,
        label,
        required=_required(required),
        max_length=max_length,
        pattern=pattern,
        pattern_message=pattern_message,
        help=help,
        show_if=show_if,
    )


def textarea(
    name: str,
    label: str,
    *,
    required: bool = True,
    max_length: int | None = None,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field(
        "textarea",
        name,
        label,
        required=_required(required),
        max_length=max_length,
        help=help,
        show_if=show_if,
    )


def number(
    name: str,
    label: str,
    *,
    required: bool = True,
    low: int | float | None = None,
    high: int | float | None = None,
    integer: bool = False,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field(
        "number",
        name,
        label,
        required=_required(required),
        min=low,
        max=high,
        integer=True if integer else None,
        help=help,
        show_if=show_if,
    )


def date(
    name: str,
    label: str,
    *,
    required: bool = True,
    low: str | None = None,
    high: str | None = None,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field(
        "date",
        name,
        label,
        required=_required(required),
        min=low,
        max=high,
        help=help,
        show_if=show_if,
    )


def past_date(
    name: str, label: str, *, required: bool = True, show_if: Condition | None = None
) -> FormField:
    """A date that cannot be in the future (birth, death, issue dates)."""
    return date(name, label, required=required, high="today", show_if=show_if)


def select(
    name: str,
    label: str,
    options: Sequence[tuple[str, str]],
    *,
    required: bool = True,
    multiple: bool = False,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field(
        "select",
        name,
        label,
        options=[{"value": value, "label": shown} for value, shown in options],
        required=_required(required),
        multiple=True if multiple else None,
        help=help,
        show_if=show_if,
    )


def personal_id(
    name: str, label: str, *, required: bool = True, show_if: Condition | None = None
) -> FormField:
    return _field("personal_id", name, label, required=_required(required), show_if=show_if)


def tax_code(
    name: str, label: str, *, required: bool = True, show_if: Condition | None = None
) -> FormField:
    return _field("tax_code", name, label, required=_required(required), show_if=show_if)


def phone(
    name: str,
    label: str,
    *,
    required: bool = True,
    allow_landline: bool = False,
    show_if: Condition | None = None,
) -> FormField:
    return _field(
        "phone",
        name,
        label,
        required=_required(required),
        allow_landline=True if allow_landline else None,
        show_if=show_if,
    )


def email(
    name: str, label: str, *, required: bool = False, show_if: Condition | None = None
) -> FormField:
    return _field("email", name, label, required=_required(required), show_if=show_if)


def address(
    name: str,
    label: str,
    *,
    required: bool = True,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field("address", name, label, required=_required(required), help=help, show_if=show_if)


def checkbox(
    name: str,
    label: str,
    *,
    required: bool = False,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field("checkbox", name, label, required=_required(required), help=help, show_if=show_if)


def group(
    name: str,
    label: str,
    fields: Sequence[FormField],
    *,
    repeat: bool = False,
    min_items: int | None = None,
    max_items: int | None = None,
    help: str | None = None,
    show_if: Condition | None = None,
) -> FormField:
    return _field(
        "group",
        name,
        label,
        fields=list(fields),
        repeat=True if repeat else None,
        min_items=min_items if repeat else None,
        max_items=max_items if repeat else None,
        help=help,
        show_if=show_if,
    )


SEX = (("nam", "Nam"), ("nu", "Nữ"))
NATIONALITY = (("viet_nam", "Việt Nam"), ("nuoc_ngoai", "Nước ngoài"))


# --- Shared blocks ------------------------------------------------------------------------------


def person_fields(prefix: str, who: str, *, with_birth: bool = True) -> list[FormField]:
    """Name, personal ID, birth date and residence of a person, names prefixed."""
    fields = [
        text(f"{prefix}_name", f"Họ, chữ đệm và tên {who}", max_length=100),
        personal_id(f"{prefix}_id", f"Số định danh cá nhân {who}"),
    ]
    if with_birth:
        fields.append(past_date(f"{prefix}_birth_date", f"Ngày sinh {who}"))
    fields.append(address(f"{prefix}_address", f"Nơi cư trú {who}"))
    return fields


def individual_fields() -> list[FormField]:
    return [
        *person_fields("applicant", "người nộp hồ sơ"),
        phone("applicant_phone", "Số điện thoại di động"),
        email("applicant_email", "Thư điện tử"),
    ]


def organisation_fields() -> list[FormField]:
    return [
        text("org_name", "Tên tổ chức (ghi bằng chữ in hoa)", max_length=255),
        tax_code("org_tax_code", "Mã số doanh nghiệp / mã số thuế"),
        address("org_address", "Địa chỉ trụ sở chính"),
        text("org_representative", "Họ tên người đại diện theo pháp luật", max_length=100),
        text("org_representative_title", "Chức danh người đại diện", max_length=100),
        phone("org_phone", "Số điện thoại liên hệ", allow_landline=True),
        email("org_email", "Thư điện tử", required=True),
    ]


def applicant_block(*, individuals: bool, organisations: bool) -> list[FormField]:
    """The submitter's identity: an individual, an organisation, or a choice between the two."""
    if individuals and not organisations:
        return individual_fields()
    if organisations and not individuals:
        return organisation_fields()
    return [
        select(
            "applicant_kind",
            "Người nộp hồ sơ là",
            (("ca_nhan", "Cá nhân"), ("to_chuc", "Tổ chức")),
        ),
        group(
            "individual",
            "Thông tin cá nhân",
            individual_fields(),
            show_if=when("applicant_kind", "ca_nhan"),
        ),
        group(
            "organisation",
            "Thông tin tổ chức",
            organisation_fields(),
            show_if=when("applicant_kind", "to_chuc"),
        ),
    ]


def delivery_block(*, postal: bool, online: bool) -> list[FormField]:
    options = [("tai_noi_nop", "Nhận trực tiếp tại nơi nộp hồ sơ")]
    if postal:
        options.append(("buu_chinh", "Qua dịch vụ bưu chính công ích"))
    if online:
        options.append(("dien_tu", "Bản điện tử trên tài khoản Cổng Dịch vụ công quốc gia"))
    fields = [select("result_delivery", "Hình thức nhận kết quả", options)]
    if postal:
        fields.append(
            address(
                "delivery_address",
                "Địa chỉ nhận kết quả qua bưu chính",
                show_if=when("result_delivery", "buu_chinh"),
            )
        )
    return fields


def declaration() -> FormField:
    return checkbox(
        "declaration",
        "Tôi cam đoan nội dung khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật "
        "về lời khai của mình",
        required=True,
    )


def eform(
    title: str,
    fields: Sequence[FormField],
    *,
    individuals: bool,
    organisations: bool,
    postal: bool,
    online: bool,
    replaces: Sequence[str] = (),
) -> dict[str, object]:
    """A complete e-form: applicant, the procedure's own fields, delivery, declaration.
    `replaces`: the components (the paper declaration) it stands for online."""
    return {
        "version": 1,
        "title": title,
        **({"replaces": list(replaces)} if replaces else {}),
        "fields": [
            *applicant_block(individuals=individuals, organisations=organisations),
            *fields,
            *delivery_block(postal=postal, online=online),
            declaration(),
        ],
    }


# --- Blocks shared by several fields ------------------------------------------------------------


def parcel_fields(*, prefix: str = "parcel") -> list[FormField]:
    """A land parcel as the certificate identifies it."""
    return [
        text(f"{prefix}_sheet", "Tờ bản đồ số", max_length=10, pattern=r"\d{1,4}"),
        text(f"{prefix}_number", "Thửa đất số", max_length=10, pattern=r"\d{1,5}"),
        address(f"{prefix}_address", "Địa chỉ thửa đất"),
        number(f"{prefix}_area", "Diện tích (m²)", low=0.1, high=10_000_000),
        select(
            f"{prefix}_use",
            "Mục đích sử dụng đất",
            (
                ("ont", "Đất ở tại nông thôn (ONT)"),
                ("odt", "Đất ở tại đô thị (ODT)"),
                ("luc", "Đất chuyên trồng lúa (LUC)"),
                ("cln", "Đất trồng cây lâu năm (CLN)"),
                ("bhk", "Đất bằng trồng cây hằng năm khác (BHK)"),
                ("skc", "Đất cơ sở sản xuất phi nông nghiệp (SKC)"),
                ("tmd", "Đất thương mại, dịch vụ (TMD)"),
            ),
        ),
    ]


def certificate_fields(*, required: bool = True) -> list[FormField]:
    """The land-use right certificate already issued for a parcel."""
    return [
        text(
            "certificate_serial",
            "Số phát hành Giấy chứng nhận (số seri)",
            required=required,
            max_length=20,
            pattern=r"[A-Z]{1,2}\s?\d{6,9}",
            pattern_message="Số seri gồm 1–2 chữ cái in hoa và 6–9 chữ số, ví dụ DP 123456.",
        ),
        text("certificate_book_number", "Số vào sổ cấp Giấy chứng nhận", required=required),
        past_date("certificate_issued_on", "Ngày cấp Giấy chứng nhận", required=required),
    ]


def business_place_fields() -> list[FormField]:
    return [
        text("business_name", "Tên cơ sở / hộ kinh doanh", max_length=200),
        address("business_address", "Địa điểm kinh doanh"),
        phone("business_phone", "Điện thoại cơ sở", required=False, allow_landline=True),
    ]


def vehicle_fields() -> list[FormField]:
    return [
        text(
            "plate_number",
            "Biển số xe",
            max_length=12,
            pattern=r"\d{2}[A-Z]{1,2}[- ]?\d{3,5}(\.\d{2})?",
            pattern_message="Biển số không đúng định dạng, ví dụ 99A-123.45.",
        ),
        text("vehicle_brand", "Nhãn hiệu, số loại", max_length=100),
        number("vehicle_year", "Năm sản xuất", integer=True, low=1950, high=2100),
    ]


def member_group(name: str, label: str, *, max_items: int = 20) -> FormField:
    """A repeatable list of people (household members, founders, heirs)."""
    return group(
        name,
        label,
        [
            text("full_name", "Họ, chữ đệm và tên", max_length=100),
            personal_id("personal_id", "Số định danh cá nhân", required=False),
            past_date("birth_date", "Ngày sinh"),
            text("relation", "Quan hệ với người nộp hồ sơ", required=False, max_length=50),
        ],
        repeat=True,
        min_items=1,
        max_items=max_items,
    )
