"""Ready-made catalog specs and the rows they need (fields, agencies), built through services."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from motcua.accounts.models import Agency, AgencyLevel
from motcua.accounts.services import agency_create
from motcua.calendar.engine import TimeUnit
from motcua.catalog.models import Field
from motcua.catalog.specs import (
    ComponentSpec,
    FeeSpec,
    LegalBasis,
    ProcedureSpec,
    StepSpec,
    VariantSpec,
)

PROVINCE = "000.00.00.H99"
JUSTICE = "000.00.15.H99"
COMMUNE = "000.01.31.H99"
POLICE = "000.00.41.H99"


def step(code, kind, role, hours, *, to=(), back=(), agency=None, name=None) -> StepSpec:
    return StepSpec(
        code=code,
        name=name or code.replace("-", " ").capitalize(),
        kind=kind,
        role=role,
        budget_hours=Decimal(hours),
        agency_code=agency,
        forward_to=tuple(to),
        send_back_to=tuple(back),
    )


LINEAR_STEPS = (
    step("tiep-nhan", "reception", "desk_officer", 2, to=["tham-dinh"], name="Tiếp nhận hồ sơ"),
    step(
        "tham-dinh",
        "processing",
        "specialist",
        14,
        to=["phe-duyet"],
        back=["tiep-nhan"],
        name="Thẩm định",
    ),
    step(
        "phe-duyet",
        "approval",
        "leader",
        4,
        to=["tra-ket-qua"],
        back=["tham-dinh"],
        name="Lãnh đạo ký",
    ),
    step("tra-ket-qua", "return", "desk_officer", 4, name="Trả kết quả"),
)


BIRTH_FORM: dict[str, object] = {
    "version": 1,
    "title": "Tờ khai đăng ký khai sinh",
    "fields": [
        {"name": "child_name", "type": "text", "label": "Họ, chữ đệm và tên của trẻ", "required": True},
        {"name": "child_birth_date", "type": "date", "label": "Ngày sinh", "required": True, "max": "today"},
        {
            "name": "child_sex",
            "type": "select",
            "label": "Giới tính",
            "required": True,
            "options": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}],
        },
        {"name": "declarant_phone", "type": "phone", "label": "Số điện thoại di động", "required": True},
    ],
}  # fmt: skip


def birth_registration(**overrides: object) -> ProcedureSpec:
    """Đăng ký khai sinh, commune level, 3 working days committed to 3 (statutory 3)."""
    variant = VariantSpec(
        code="dung-han",
        name="Đăng ký khai sinh đúng hạn",
        time_limit_value=Decimal(3),
        time_limit_unit=TimeUnit.WORKING_DAYS,
        committed_value=Decimal(3),
        components=(
            ComponentSpec(
                code="to-khai", name="Tờ khai đăng ký khai sinh", template_name="Mẫu TT 04/2020"
            ),
            ComponentSpec(code="giay-chung-sinh", name="Giấy chứng sinh", originals=1),
            ComponentSpec(
                code="van-ban-uy-quyen",
                name="Văn bản ủy quyền",
                requirement="conditional",
                condition="Khi người đi đăng ký là người được ủy quyền",
            ),
        ),
        fees=(
            FeeSpec(
                kind="charge",
                name="Lệ phí đăng ký khai sinh đúng hạn",
                amount=Decimal(0),
                exemption="Miễn lệ phí",
            ),
        ),
        steps=LINEAR_STEPS,
        eform_schema=BIRTH_FORM,
    )
    spec = ProcedureSpec(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        field_code="HT",
        levels=("commune",),
        executing_agency_codes=(COMMUNE,),
        reception_place="Trung tâm phục vụ hành chính công cấp xã",
        steps_text="Bước 1: Nộp hồ sơ. Bước 2: Công chức tư pháp - hộ tịch kiểm tra. Bước 3: Trả kết quả.",
        method_counter=True,
        method_online=True,
        method_postal=True,
        postal_intake=True,
        postal_return=True,
        online_level="full",
        subjects="Cá nhân",
        result="Giấy khai sinh (bản chính)",
        legal_bases=(LegalBasis("Luật Hộ tịch số 60/2014/QH13", dt.date(2016, 1, 1)),),
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2025, 6, 20),
        decision_signer="Chủ tịch UBND tỉnh",
        variants=(variant,),
    )
    return replace(spec, **overrides)  # type: ignore[arg-type]


def catalog_world() -> dict[str, Agency | Field]:
    """The rows a spec refers to: fields and agencies."""
    province = agency_create(
        code=PROVINCE, name="UBND tỉnh Sơn Hà", level=AgencyLevel.PROVINCE, parent=None, actor=None
    )
    justice = agency_create(
        code=JUSTICE, name="Sở Tư pháp", level=AgencyLevel.DEPARTMENT, parent=province, actor=None
    )
    commune = agency_create(
        code=COMMUNE, name="UBND xã Hòa An", level=AgencyLevel.COMMUNE, parent=province, actor=None
    )
    police = agency_create(
        code=POLICE, name="Công an tỉnh", level=AgencyLevel.BRANCH, parent=province, actor=None
    )
    civil = Field.objects.create(code="HT", name="Hộ tịch", name_en="Civil status")
    land = Field.objects.create(code="DD", name="Đất đai", name_en="Land")
    return {
        "province": province,
        "justice": justice,
        "commune": commune,
        "police": police,
        "civil": civil,
        "land": land,
    }
