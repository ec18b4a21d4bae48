"""`python manage.py make_sample_workbook [OUT.xlsx]`

Writes the documented sample catalog workbook (default docs/samples/catalog-sample.xlsx) from
three example procedures: birth registration (commune, full online, an e-form with conditions
and a repeating group), the judicial record certificate (province, two case variants, one with
an inter-agency step) and certified copies (commune, counter only, "4 tại chỗ"). Their contents
are illustrative; they refer to the agencies 000.00.00.H99 (province), 000.00.15.H99 (justice
department), 000.01.31.H99 (commune), 000.00.41.H99 (police) and the fields HT, LLTP and CT.
"""

import datetime as dt
from argparse import ArgumentParser
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.calendar.engine import TimeUnit
from motcua.catalog.specs import (
    ComponentSpec,
    FeeSpec,
    LegalBasis,
    ProcedureSpec,
    StepSpec,
    VariantSpec,
)
from motcua.catalog.workbook import write_workbook

PROVINCE = "000.00.00.H99"
JUSTICE = "000.00.15.H99"
COMMUNE = "000.01.31.H99"
POLICE = "000.00.41.H99"
SAMPLE_FIELDS = {"HT": "Hộ tịch", "LLTP": "Lý lịch tư pháp", "CT": "Chứng thực"}
SAMPLE_AGENCIES = (PROVINCE, JUSTICE, COMMUNE, POLICE)


def _step(
    code: str,
    name: str,
    kind: str,
    role: str,
    hours: int | str,
    *,
    to: tuple[str, ...] = (),
    back: tuple[str, ...] = (),
    agency: str | None = None,
) -> StepSpec:
    return StepSpec(
        code=code,
        name=name,
        kind=kind,
        role=role,
        budget_hours=Decimal(hours),
        agency_code=agency,
        forward_to=to,
        send_back_to=back,
    )


BIRTH_FORM: dict[str, object] = {
    "version": 1,
    "title": "Tờ khai đăng ký khai sinh",
    "fields": [
        {"name": "child_name", "type": "text", "label": "Họ, chữ đệm và tên của trẻ", "label_en": "Child's full name", "required": True, "max_length": 100},
        {"name": "child_birth_date", "type": "date", "label": "Ngày sinh", "required": True, "min": "1900-01-01", "max": "today"},
        {"name": "child_sex", "type": "select", "label": "Giới tính", "required": True, "options": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
        {"name": "birth_place", "type": "address", "label": "Nơi sinh", "required": True},
        {"name": "father_known", "type": "checkbox", "label": "Đã xác định được cha"},
        {"name": "father_name", "type": "text", "label": "Họ tên cha", "required": True, "show_if": {"field": "father_known", "equals": True}},
        {"name": "declarant_id", "type": "personal_id", "label": "Số định danh cá nhân của người đi khai", "required": True},
        {"name": "declarant_phone", "type": "phone", "label": "Số điện thoại", "required": True, "allow_landline": True},
        {"name": "declarant_email", "type": "email", "label": "Thư điện tử", "help": "Để nhận thông báo về hồ sơ."},
        {"name": "email_consent", "type": "checkbox", "label": "Đồng ý nhận thông báo qua thư điện tử", "show_if": {"field": "declarant_email", "filled": True}},
        {"name": "receive_by", "type": "select", "label": "Cách nhận kết quả", "required": True, "options": [{"value": "truc-tiep", "label": "Nhận trực tiếp"}, {"value": "buu-chinh", "label": "Nhận qua bưu chính công ích"}]},
        {"name": "delivery_address", "type": "address", "label": "Địa chỉ nhận kết quả", "required": True, "show_if": {"field": "receive_by", "in": ["buu-chinh"]}},
        {"name": "copies", "type": "number", "label": "Số bản sao trích lục đề nghị cấp", "integer": True, "min": 0, "max": 10},
        {"name": "siblings", "type": "group", "label": "Anh, chị, em ruột", "repeat": True, "max_items": 10, "fields": [
            {"name": "name", "type": "text", "label": "Họ tên", "required": True},
            {"name": "birth_year", "type": "number", "label": "Năm sinh", "integer": True, "min": 1900},
        ]},
        {"name": "declaration", "type": "checkbox", "label": "Tôi cam đoan nội dung khai trên là đúng sự thật", "required": True},
    ],
}  # fmt: skip

RECORD_FORM: dict[str, object] = {
    "version": 1,
    "title": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
    "fields": [
        {"name": "full_name", "type": "text", "label": "Họ và tên", "required": True, "max_length": 100},
        {"name": "personal_id", "type": "personal_id", "label": "Số định danh cá nhân", "required": True},
        {"name": "record_kind", "type": "select", "label": "Loại phiếu", "required": True, "options": [{"value": "1", "label": "Phiếu số 1"}, {"value": "2", "label": "Phiếu số 2"}]},
        {"name": "purpose", "type": "textarea", "label": "Mục đích sử dụng", "required": True, "max_length": 500},
        {"name": "tax_code", "type": "tax_code", "label": "Mã số thuế của cơ quan yêu cầu", "show_if": {"field": "record_kind", "equals": "2"}},
        {"name": "phone", "type": "phone", "label": "Số điện thoại di động", "required": True},
        {"name": "residence_code", "type": "text", "label": "Mã hộ khẩu cũ", "pattern": "[0-9]{6,12}", "pattern_message": "Mã gồm 6 đến 12 chữ số.", "min_length": 6},
    ],
}  # fmt: skip


BIRTH_STEPS = (
    _step("tiep-nhan", "Tiếp nhận hồ sơ", "reception", "desk_officer", 2, to=("tham-dinh",)),
    _step("tham-dinh", "Thẩm định", "processing", "specialist", 8, to=("phe-duyet",), back=("tiep-nhan",)),
    _step("phe-duyet", "Chủ tịch UBND xã ký", "approval", "leader", 4, to=("tra-ket-qua",), back=("tham-dinh",)),
    _step("tra-ket-qua", "Trả kết quả", "return", "desk_officer", 2),
)  # fmt: skip

COPY_STEPS = (
    _step("tiep-nhan", "Tiếp nhận, đối chiếu", "reception", "desk_officer", 1, to=("ky",)),
    _step("ky", "Người có thẩm quyền ký chứng thực", "approval", "leader", 5, to=("tra",), back=("tiep-nhan",)),
    _step("tra", "Trả kết quả", "return", "desk_officer", "1.5"),
)  # fmt: skip


def sample_specs() -> list[ProcedureSpec]:
    """The three procedures of the sample workbook."""
    birth = ProcedureSpec(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        field_code="HT",
        levels=("commune",),
        executing_agency_codes=(COMMUNE,),
        reception_place="Trung tâm phục vụ hành chính công cấp xã",
        steps_text=(
            "Bước 1: Người đi đăng ký nộp hồ sơ.\n"
            "Bước 2: Công chức tư pháp - hộ tịch kiểm tra, ghi vào Sổ đăng ký khai sinh.\n"
            "Bước 3: Chủ tịch UBND cấp xã ký Giấy khai sinh; trả kết quả."
        ),
        method_counter=True,
        method_online=True,
        method_postal=True,
        subjects="Công dân Việt Nam",
        result="Giấy khai sinh (bản chính)",
        conditions="",
        legal_bases=(
            LegalBasis("Luật Hộ tịch số 60/2014/QH13", dt.date(2016, 1, 1)),
            LegalBasis("Nghị định 123/2015/NĐ-CP", dt.date(2016, 1, 1)),
            LegalBasis("Thông tư 04/2020/TT-BTP"),
        ),
        fees_note="Miễn lệ phí đăng ký khai sinh đúng hạn.",
        online_level="full",
        legacy_online_level=4,
        full_online_eligible=True,
        postal_intake=True,
        postal_return=True,
        hotline="0243 123 4567",
        feedback_address="UBND xã Hòa An, số 1 đường Trung tâm",
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2025, 6, 20),
        decision_signer="Chủ tịch UBND tỉnh",
        national_db_published_on=dt.date(2025, 6, 25),
        variants=(
            VariantSpec(
                code="dung-han",
                name="Đăng ký khai sinh đúng hạn",
                time_limit_value=Decimal(3),
                time_limit_unit=TimeUnit.WORKING_DAYS,
                committed_value=Decimal(2),
                time_limit_note="Ngay trong ngày tiếp nhận nếu nhận trước 15 giờ.",
                components=(
                    ComponentSpec(
                        code="to-khai",
                        name="Tờ khai đăng ký khai sinh",
                        template_name="Mẫu TT 04/2020/TT-BTP",
                    ),
                    ComponentSpec(code="giay-chung-sinh", name="Giấy chứng sinh"),
                    ComponentSpec(
                        code="van-ban-uy-quyen",
                        name="Văn bản ủy quyền",
                        originals=0,
                        copies=1,
                        requirement="conditional",
                        condition="Khi người đi đăng ký là người được ủy quyền",
                    ),
                ),
                fees=(
                    FeeSpec(
                        kind="charge",
                        name="Lệ phí đăng ký khai sinh",
                        amount=Decimal(0),
                        exemption="Miễn lệ phí khi đăng ký đúng hạn",
                    ),
                    FeeSpec(
                        kind="fee",
                        name="Phí cấp bản sao trích lục",
                        amount=Decimal(8000),
                        unit="đồng/bản",
                    ),
                ),
                steps=BIRTH_STEPS,
                eform_schema=BIRTH_FORM,
            ),
        ),
    )

    record_steps = (
        _step("tiep-nhan", "Tiếp nhận hồ sơ", "reception", "desk_officer", 4, to=("tham-dinh",)),
        _step("tham-dinh", "Tra cứu, xác minh", "processing", "specialist", 52, to=("phe-duyet",), back=("tiep-nhan",)),
        _step("phe-duyet", "Lãnh đạo Sở ký phiếu", "approval", "leader", 16, to=("tra-ket-qua",), back=("tham-dinh",)),
        _step("tra-ket-qua", "Trả kết quả", "return", "desk_officer", 8),
    )  # fmt: skip
    verified_steps = (
        _step("tiep-nhan", "Tiếp nhận hồ sơ", "reception", "desk_officer", 4, to=("tham-dinh",)),
        _step("tham-dinh", "Tra cứu", "processing", "specialist", 24, to=("xac-minh",), back=("tiep-nhan",)),
        _step("xac-minh", "Công an tỉnh xác minh", "inter_agency", "specialist", 64, to=("phe-duyet",), agency=POLICE),
        _step("phe-duyet", "Lãnh đạo Sở ký phiếu", "approval", "leader", 16, to=("tra-ket-qua",), back=("tham-dinh",)),
        _step("tra-ket-qua", "Trả kết quả", "return", "desk_officer", 12),
    )  # fmt: skip
    record_components = (
        ComponentSpec(code="to-khai", name="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"),
        ComponentSpec(
            code="giay-to-tuy-than",
            name="Giấy tờ tùy thân của người yêu cầu",
            originals=0,
            copies=1,
        ),
    )
    record_fees = (
        FeeSpec(
            kind="fee",
            name="Phí cung cấp thông tin lý lịch tư pháp",
            amount=Decimal(200000),
            unit="đồng/lần/người",
            exemption="Trẻ em, người cao tuổi, người khuyết tật, người có công với cách mạng "
            "được miễn.",
        ),
        FeeSpec(
            kind="fee",
            name="Phí cung cấp thông tin lý lịch tư pháp (sinh viên)",
            amount=Decimal(100000),
            unit="đồng/lần/người",
        ),
    )
    record = ProcedureSpec(
        code="2.000488",
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại "
        "Việt Nam",
        field_code="LLTP",
        levels=("province",),
        executing_agency_codes=(JUSTICE,),
        reception_place="Trung tâm Phục vụ hành chính công tỉnh",
        steps_text="Bước 1: Nộp hồ sơ. Bước 2: Sở Tư pháp tra cứu, xác minh. Bước 3: Trả kết quả.",
        method_counter=True,
        method_online=True,
        subjects="Công dân Việt Nam; người nước ngoài đang cư trú tại Việt Nam",
        for_individuals=True,
        for_organisations=True,
        result="Phiếu lý lịch tư pháp số 1 hoặc số 2",
        conditions="Người yêu cầu từ đủ 14 tuổi trở lên.",
        legal_bases=(LegalBasis("Luật Lý lịch tư pháp số 28/2009/QH12", dt.date(2010, 7, 1)),),
        online_level="partial",
        legacy_online_level=3,
        cutoff_defers_clock="on",
        decision_number="567/QĐ-UBND",
        decision_date=dt.date(2025, 6, 18),
        decision_signer="Phó Chủ tịch UBND tỉnh",
        variants=(
            VariantSpec(
                code="thong-thuong",
                name="Không phải xác minh",
                time_limit_value=Decimal(10),
                time_limit_unit=TimeUnit.WORKING_DAYS,
                components=record_components,
                fees=record_fees,
                steps=record_steps,
                eform_schema=RECORD_FORM,
            ),
            VariantSpec(
                code="phai-xac-minh",
                name="Phải xác minh (đã cư trú ở nhiều nơi, có thời gian cư trú ở nước ngoài)",
                time_limit_value=Decimal(15),
                time_limit_unit=TimeUnit.WORKING_DAYS,
                time_limit_note="Trường hợp khẩn cấp không quá 24 giờ.",
                components=record_components,
                fees=record_fees,
                steps=verified_steps,
                eform_schema=RECORD_FORM,
            ),
        ),
    )

    copies = ProcedureSpec(
        code="2.000815",
        name="Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của "
        "Việt Nam cấp",
        field_code="CT",
        levels=("commune", "province"),
        executing_agency_codes=(COMMUNE, PROVINCE),
        reception_place="Bộ phận một cửa UBND cấp xã",
        steps_text="Người yêu cầu xuất trình bản chính và bản sao; người thực hiện chứng thực "
        "đối chiếu, ký, đóng dấu.",
        method_counter=True,
        subjects="Cá nhân, tổ chức",
        for_individuals=True,
        for_organisations=True,
        result="Bản sao được chứng thực từ bản chính",
        legal_bases=(LegalBasis("Nghị định 23/2015/NĐ-CP", dt.date(2015, 4, 10)),),
        four_at_desk=True,
        cutoff_defers_clock="off",
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2025, 6, 20),
        decision_signer="Chủ tịch UBND tỉnh",
        variants=(
            VariantSpec(
                code="trong-ngay",
                name="Chứng thực trong ngày",
                time_limit_value=Decimal(8),
                time_limit_unit=TimeUnit.WORKING_HOURS,
                committed_value=Decimal("7.5"),
                time_limit_note="Trong ngày tiếp nhận; nhận sau 15 giờ thì trả trong ngày làm "
                "việc tiếp theo.",
                components=(
                    ComponentSpec(code="ban-chinh", name="Bản chính giấy tờ, văn bản", originals=1),
                    ComponentSpec(
                        code="ban-sao", name="Bản sao cần chứng thực", originals=0, copies=1
                    ),
                ),
                fees=(
                    FeeSpec(
                        kind="fee",
                        name="Phí chứng thực bản sao từ bản chính",
                        amount=Decimal(2000),
                        unit="đồng/trang",
                        exemption="Từ trang thứ ba trở lên thu 1.000 đồng/trang; tối đa "
                        "200.000 đồng/bản.",
                    ),
                ),
                steps=COPY_STEPS,
            ),
        ),
    )
    return [birth, record, copies]


class Command(BaseCommand):
    help = (
        "Ghi tệp Excel mẫu nhập danh mục thủ tục (docs/samples/catalog-sample.xlsx). "
        "Write the sample catalog workbook."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "out",
            nargs="?",
            default=str(Path(settings.BASE_DIR) / "docs" / "samples" / "catalog-sample.xlsx"),
            help="Tệp sẽ ghi (mặc định docs/samples/catalog-sample.xlsx).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        try:
            out.write_bytes(write_workbook(sample_specs()))
        except OSError as exc:
            raise CommandError(f"không ghi được tệp «{out}» ({exc.strerror or exc}).") from exc
        self.stdout.write(f"Đã ghi tệp mẫu «{out}».")
