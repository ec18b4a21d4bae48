"""Household businesses and cooperatives (communes), enterprises (Department of Finance),
investment (economic zones board), domestic trade and food safety (Department of Industry and
Trade, communes)."""

import datetime as dt
from functools import partial

from motcua.catalog.specs import ProcedureSpec
from motcua.demo import province_content as pc
from motcua.demo.catalog_content import fields as f
from motcua.demo.catalog_content import forms as ef
from motcua.demo.catalog_content.kit import (
    ALL_COMMUNES,
    CD,
    COMMUNE_LEVEL,
    D_BUSINESS,
    D_COMMUNE,
    D_LOCAL_2026,
    PROVINCE_LEVEL,
    Case,
    basis,
    case,
    charge,
    copy_doc,
    fee,
    form_doc,
    free,
    handoff,
    paper,
    paper_if,
    procedure,
    proxy_if,
)

commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_COMMUNE)
finance = partial(
    procedure,
    level=PROVINCE_LEVEL,
    agencies=(pc.FINANCE,),
    decision=D_BUSINESS,
    individuals=True,
    organisations=True,
)
trade = partial(procedure, level=PROVINCE_LEVEL, agencies=(pc.INDUSTRY_TRADE,), decision=D_BUSINESS)

ENTERPRISE_LAW = basis("Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020", dt.date(2021, 1, 1))
DECREE_168 = basis(
    "Nghị định số 168/2025/NĐ-CP ngày 30/6/2025 của Chính phủ về đăng ký doanh nghiệp",
    dt.date(2025, 7, 1),
)
CIRCULAR_68 = basis(
    "Thông tư số 68/2025/TT-BTC ngày 01/7/2025 của Bộ Tài chính ban hành biểu mẫu sử dụng trong "
    "đăng ký doanh nghiệp, đăng ký hộ kinh doanh",
    dt.date(2025, 7, 1),
)
REGISTRATION_FEES = basis(
    "Thông tư số 47/2019/TT-BTC ngày 05/8/2019 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp",
    dt.date(2019, 9, 21),
)
HOUSEHOLD_FEES = basis(
    f"Nghị quyết số 09/2025/NQ-HĐND ngày 30/6/2025 của HĐND tỉnh {pc.PROVINCE_NAME} quy định "
    "mức thu lệ phí đăng ký hộ kinh doanh, hợp tác xã",
    dt.date(2025, 7, 10),
)
COOPERATIVE_LAW = basis("Luật Hợp tác xã số 17/2023/QH15 ngày 20/6/2023", dt.date(2024, 7, 1))
INVESTMENT_LAW = basis(
    "Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020 (sửa đổi, bổ sung bởi Luật số 57/2024/QH15)",
    dt.date(2025, 1, 15),
)
TRADE_DECREE = basis(
    "Nghị định số 105/2017/NĐ-CP ngày 14/9/2017 của Chính phủ về kinh doanh rượu (sửa đổi bởi "
    "Nghị định số 17/2020/NĐ-CP)",
    dt.date(2017, 11, 1),
)
TOBACCO_DECREE = basis(
    "Nghị định số 67/2013/NĐ-CP ngày 27/6/2013 của Chính phủ quy định chi tiết Luật Phòng, chống "
    "tác hại của thuốc lá về kinh doanh thuốc lá (sửa đổi bởi Nghị định số 106/2017/NĐ-CP)",
    dt.date(2013, 8, 15),
)
FOOD_LAW = basis("Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010", dt.date(2011, 7, 1))
ONLINE_FREE = "Miễn lệ phí đối với hồ sơ đăng ký qua mạng thông tin điện tử."
HOUSEHOLD_FORM = "Phụ lục III-1 ban hành kèm theo Thông tư số 68/2025/TT-BTC"


def _household_fields() -> list[ef.FormField]:
    return [
        *ef.business_place_fields(),
        ef.textarea("business_lines", "Ngành, nghề kinh doanh", max_length=2000),
        ef.number("capital", "Vốn kinh doanh (đồng)", low=0),
        ef.number("workers", "Số lao động", integer=True, low=0, high=1000),
        ef.checkbox("family_household", "Hộ kinh doanh do các thành viên hộ gia đình đăng ký"),
        ef.group(
            "members",
            "Thành viên hộ gia đình tham gia",
            [
                ef.text("full_name", "Họ, chữ đệm và tên", max_length=100),
                ef.personal_id("personal_id", "Số định danh cá nhân"),
            ],
            repeat=True,
            min_items=1,
            max_items=20,
            show_if=ef.when("family_household", True),
        ),
    ]


def _enterprise_fields(kind: str) -> list[ef.FormField]:
    fields = [
        ef.text("company_name", "Tên doanh nghiệp viết bằng tiếng Việt", max_length=255),
        ef.text(
            "company_name_foreign",
            "Tên doanh nghiệp viết bằng tiếng nước ngoài",
            required=False,
            max_length=255,
        ),
        ef.address("head_office", "Địa chỉ trụ sở chính"),
        ef.textarea("business_lines", "Ngành, nghề kinh doanh (mã ngành cấp 4)", max_length=3000),
        ef.number("charter_capital", "Vốn điều lệ (đồng)", low=1),
        ef.text("legal_representative", "Người đại diện theo pháp luật", max_length=100),
    ]
    if kind in ("tnhh-2tv", "co-phan"):
        fields.append(
            ef.group(
                "founders",
                "Thành viên góp vốn / cổ đông sáng lập",
                [
                    ef.text("full_name", "Họ tên hoặc tên tổ chức", max_length=255),
                    ef.personal_id("personal_id", "Số định danh cá nhân", required=False),
                    ef.tax_code("org_code", "Mã số doanh nghiệp (nếu là tổ chức)", required=False),
                    ef.number("share", "Phần vốn góp / số cổ phần (đồng)", low=1),
                ],
                repeat=True,
                min_items=2 if kind == "tnhh-2tv" else 3,
                max_items=50,
            )
        )
    return fields


def _enterprise_case(code: str, name: str, form: str) -> Case:
    return case(
        code,
        name,
        3,
        form_doc("giay-de-nghi", "Giấy đề nghị đăng ký doanh nghiệp", form),
        *((paper("dieu-le", "Điều lệ công ty"),) if code != "tu-nhan" else ()),
        *(
            (
                form_doc(
                    "danh-sach",
                    "Danh sách thành viên hoặc cổ đông sáng lập",
                    "Phụ lục I-6, I-7 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                ),
            )
            if code in ("tnhh-2tv", "co-phan")
            else ()
        ),
        copy_doc(
            "giay-to-phap-ly",
            "Bản sao giấy tờ pháp lý của cá nhân đối với người thành lập, người đại diện theo pháp luật (trường hợp chưa được xác thực qua Cơ sở dữ liệu quốc gia về dân cư)",
        ),
        proxy_if(),
        committed=2,
        fees=(
            charge("Lệ phí đăng ký doanh nghiệp", 50_000, exemption=ONLINE_FREE),
            fee("Phí công bố nội dung đăng ký doanh nghiệp", 100_000),
        ),
        fields=_enterprise_fields(code),
    )


def procedures() -> list[ProcedureSpec]:
    return [
        commune(
            "2.000575",
            "Đăng ký thành lập hộ kinh doanh",
            f.HKD,
            subjects="Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ",
            result="Giấy chứng nhận đăng ký hộ kinh doanh",
            conditions="Ngành, nghề kinh doanh không bị cấm; tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi xã; nộp đủ lệ phí.",
            legal=(DECREE_168, CIRCULAR_68, HOUSEHOLD_FEES),
            online="full",
            cases=(
                case(
                    "thanh-lap",
                    "Đăng ký thành lập hộ kinh doanh",
                    3,
                    form_doc("giay-de-nghi", "Giấy đề nghị đăng ký hộ kinh doanh", HOUSEHOLD_FORM),
                    paper_if(
                        "bien-ban-hop",
                        "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
                        "Khi các thành viên hộ gia đình đăng ký hộ kinh doanh",
                        originals=0,
                        copies=1,
                    ),
                    paper_if(
                        "uy-quyen-thanh-vien",
                        "Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh",
                        "Khi các thành viên hộ gia đình đăng ký hộ kinh doanh",
                        originals=0,
                        copies=1,
                    ),
                    proxy_if(),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí đăng ký hộ kinh doanh",
                            100_000,
                            unit="đồng/lần",
                            exemption=ONLINE_FREE,
                        ),
                    ),
                    fields=_household_fields(),
                    form_title="Giấy đề nghị đăng ký hộ kinh doanh",
                ),
            ),
        ),
        commune(
            "2.000720",
            "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
            f.HKD,
            subjects="Chủ hộ kinh doanh",
            result="Giấy chứng nhận đăng ký hộ kinh doanh (cấp lại theo nội dung thay đổi)",
            legal=(DECREE_168, CIRCULAR_68, HOUSEHOLD_FEES),
            online="full",
            cases=(
                case(
                    "thay-doi-noi-dung",
                    "Thay đổi ngành nghề, vốn, chủ hộ, tên hộ kinh doanh",
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
                        "Phụ lục III-2 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    paper_if(
                        "hop-dong-chuyen-nhuong",
                        "Hợp đồng tặng cho, chuyển nhượng hộ kinh doanh",
                        "Khi thay đổi chủ hộ kinh doanh do tặng cho, mua bán",
                        originals=0,
                        copies=1,
                    ),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí thay đổi nội dung đăng ký hộ kinh doanh",
                            50_000,
                            unit="đồng/lần",
                            exemption=ONLINE_FREE,
                        ),
                    ),
                    fields=(
                        ef.text("registration_number", "Mã số hộ kinh doanh", max_length=20),
                        ef.select(
                            "change",
                            "Nội dung thay đổi",
                            (
                                ("nganh_nghe", "Ngành, nghề kinh doanh"),
                                ("von", "Vốn kinh doanh"),
                                ("chu_ho", "Chủ hộ kinh doanh"),
                                ("ten", "Tên hộ kinh doanh"),
                            ),
                            multiple=True,
                        ),
                        ef.textarea("change_detail", "Nội dung sau khi thay đổi"),
                    ),
                ),
                case(
                    "chuyen-dia-diem",
                    "Chuyển địa chỉ trụ sở sang xã, phường khác",
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
                        "Phụ lục III-2 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    paper("gcn-cu", "Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh đã cấp"),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí thay đổi nội dung đăng ký hộ kinh doanh",
                            50_000,
                            unit="đồng/lần",
                            exemption=ONLINE_FREE,
                        ),
                    ),
                    fields=(
                        ef.text("registration_number", "Mã số hộ kinh doanh", max_length=20),
                        ef.address("new_address", "Địa chỉ trụ sở mới"),
                    ),
                ),
            ),
        ),
        commune(
            "2.000614",
            "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
            f.HKD,
            subjects="Chủ hộ kinh doanh",
            result="Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh hoặc tiếp tục kinh doanh",
            legal=(DECREE_168, CIRCULAR_68),
            online="full",
            cases=(
                case(
                    "tam-ngung",
                    "Tạm ngừng hoặc tiếp tục kinh doanh",
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo về việc tạm ngừng/tiếp tục kinh doanh",
                        "Phụ lục III-3 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    committed=1,
                    fees=(free("Lệ phí"),),
                    fields=(
                        ef.text("registration_number", "Mã số hộ kinh doanh", max_length=20),
                        ef.select(
                            "action",
                            "Đăng ký",
                            (
                                ("tam_ngung", "Tạm ngừng kinh doanh"),
                                ("tiep_tuc", "Tiếp tục kinh doanh trước thời hạn"),
                            ),
                        ),
                        ef.date("from_date", "Từ ngày"),
                        ef.date("to_date", "Đến ngày", show_if=ef.when("action", "tam_ngung")),
                    ),
                ),
            ),
        ),
        commune(
            "2.000638",
            "Chấm dứt hoạt động hộ kinh doanh",
            f.HKD,
            subjects="Chủ hộ kinh doanh",
            result="Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
            legal=(
                DECREE_168,
                CIRCULAR_68,
                basis("Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019", dt.date(2020, 7, 1)),
            ),
            online="full",
            cases=(
                case(
                    "cham-dut",
                    "Chấm dứt hoạt động hộ kinh doanh",
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
                        "Phụ lục III-4 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    paper("gcn", "Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh"),
                    paper_if(
                        "thong-bao-thue",
                        "Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế",
                        "Khi chưa có thông tin hoàn thành nghĩa vụ thuế trên hệ thống liên thông",
                        originals=0,
                        copies=1,
                    ),
                    committed=2,
                    fees=(free("Lệ phí"),),
                    handoffs=(
                        handoff(
                            "thue",
                            pc.TAX,
                            "Thuế tỉnh xác nhận tình trạng hoàn thành nghĩa vụ thuế",
                            4,
                        ),
                    ),
                    optional_handoffs=True,
                    fields=(
                        ef.text("registration_number", "Mã số hộ kinh doanh", max_length=20),
                        ef.date("end_date", "Ngày chấm dứt hoạt động"),
                    ),
                ),
            ),
        ),
        commune(
            "2.000648",
            "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
            f.HKD,
            subjects="Chủ hộ kinh doanh có Giấy chứng nhận bị mất, cháy, rách, nát",
            result="Giấy chứng nhận đăng ký hộ kinh doanh được cấp lại",
            legal=(DECREE_168, CIRCULAR_68, HOUSEHOLD_FEES),
            online="full",
            cases=(
                case(
                    "cap-lai",
                    "Cấp lại Giấy chứng nhận",
                    3,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
                        "Phụ lục III-5 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    committed=1,
                    fees=(
                        charge(
                            "Lệ phí cấp lại Giấy chứng nhận",
                            50_000,
                            unit="đồng/lần",
                            exemption=ONLINE_FREE,
                        ),
                    ),
                    fields=(
                        ef.text("registration_number", "Mã số hộ kinh doanh", max_length=20),
                        ef.select(
                            "reason",
                            "Lý do",
                            (
                                ("mat", "Bị mất"),
                                ("chay", "Bị cháy"),
                                ("rach", "Bị rách, nát, hư hỏng"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        finance(
            "2.001610",
            "Đăng ký thành lập doanh nghiệp",
            f.DN,
            subjects="Tổ chức, cá nhân thành lập doanh nghiệp",
            result="Giấy chứng nhận đăng ký doanh nghiệp",
            conditions="Ngành, nghề đăng ký kinh doanh không bị cấm; tên doanh nghiệp đặt theo quy định; hồ sơ hợp lệ; nộp đủ lệ phí.",
            legal=(ENTERPRISE_LAW, DECREE_168, CIRCULAR_68, REGISTRATION_FEES),
            online="full",
            cases=(
                _enterprise_case(
                    "tu-nhan",
                    "Doanh nghiệp tư nhân",
                    "Phụ lục I-1 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                ),
                _enterprise_case(
                    "tnhh-1tv",
                    "Công ty trách nhiệm hữu hạn một thành viên",
                    "Phụ lục I-2 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                ),
                _enterprise_case(
                    "tnhh-2tv",
                    "Công ty trách nhiệm hữu hạn hai thành viên trở lên",
                    "Phụ lục I-3 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                ),
                _enterprise_case(
                    "co-phan",
                    "Công ty cổ phần",
                    "Phụ lục I-4 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                ),
            ),
        ),
        finance(
            "2.002030",
            "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
            f.DN,
            subjects="Doanh nghiệp",
            individuals=False,
            organisations=True,
            result="Giấy chứng nhận đăng ký doanh nghiệp (cấp lại theo nội dung thay đổi)",
            legal=(ENTERPRISE_LAW, DECREE_168, CIRCULAR_68, REGISTRATION_FEES),
            online="full",
            cases=tuple(
                case(
                    code,
                    name,
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo thay đổi nội dung đăng ký doanh nghiệp",
                        "Phụ lục II-1 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    paper(decision_code, decision_name),
                    proxy_if(),
                    committed=2,
                    fees=(
                        charge("Lệ phí đăng ký thay đổi", 50_000, exemption=ONLINE_FREE),
                        fee("Phí công bố nội dung đăng ký doanh nghiệp", 100_000),
                    ),
                    fields=(ef.textarea("change_detail", label, max_length=2000),),
                )
                for code, name, decision_code, decision_name, label in (
                    (
                        "doi-ten",
                        "Đổi tên doanh nghiệp",
                        "nghi-quyet",
                        "Nghị quyết, quyết định và bản sao biên bản họp về việc đổi tên",
                        "Tên mới của doanh nghiệp",
                    ),
                    (
                        "doi-tru-so",
                        "Thay đổi địa chỉ trụ sở chính",
                        "nghi-quyet",
                        "Nghị quyết, quyết định về việc chuyển địa chỉ trụ sở chính",
                        "Địa chỉ trụ sở chính mới",
                    ),
                    (
                        "thay-doi-von",
                        "Tăng, giảm vốn điều lệ",
                        "nghi-quyet",
                        "Nghị quyết, quyết định về việc thay đổi vốn điều lệ; báo cáo tài chính gần nhất (khi giảm vốn)",
                        "Vốn điều lệ sau khi thay đổi và cách thức thay đổi",
                    ),
                    (
                        "nguoi-dai-dien",
                        "Thay đổi người đại diện theo pháp luật",
                        "nghi-quyet",
                        "Nghị quyết, quyết định về việc thay đổi người đại diện theo pháp luật",
                        "Thông tin người đại diện mới",
                    ),
                )
            ),
        ),
        finance(
            "2.002032",
            "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo",
            f.DN,
            subjects="Doanh nghiệp, chi nhánh, văn phòng đại diện, địa điểm kinh doanh",
            individuals=False,
            organisations=True,
            result="Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh / tiếp tục kinh doanh",
            legal=(ENTERPRISE_LAW, DECREE_168, CIRCULAR_68),
            online="full",
            cases=(
                case(
                    "tam-ngung",
                    "Tạm ngừng hoặc tiếp tục kinh doanh",
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo về việc tạm ngừng kinh doanh/tiếp tục kinh doanh trước thời hạn",
                        "Phụ lục II-19 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    paper(
                        "nghi-quyet",
                        "Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên, Đại hội đồng cổ đông",
                    ),
                    committed=1,
                    fees=(free("Lệ phí"),),
                    fields=(
                        ef.select(
                            "action",
                            "Đăng ký",
                            (
                                ("tam_ngung", "Tạm ngừng kinh doanh"),
                                ("tiep_tuc", "Tiếp tục kinh doanh trước thời hạn"),
                            ),
                        ),
                        ef.date("from_date", "Từ ngày"),
                        ef.date("to_date", "Đến ngày", show_if=ef.when("action", "tam_ngung")),
                    ),
                ),
            ),
        ),
        finance(
            "2.002037",
            "Giải thể doanh nghiệp",
            f.DN,
            subjects="Doanh nghiệp",
            individuals=False,
            organisations=True,
            result="Thông báo về việc giải thể và cập nhật tình trạng pháp lý “đã giải thể” trên Cơ sở dữ liệu quốc gia",
            legal=(ENTERPRISE_LAW, DECREE_168),
            online="full",
            cases=(
                case(
                    "giai-the",
                    "Giải thể doanh nghiệp",
                    5,
                    form_doc(
                        "thong-bao",
                        "Thông báo về giải thể doanh nghiệp",
                        "Phụ lục II-22 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    paper(
                        "bao-cao-thanh-ly",
                        "Báo cáo thanh lý tài sản doanh nghiệp; danh sách chủ nợ và số nợ đã thanh toán",
                    ),
                    paper("nghi-quyet", "Nghị quyết, quyết định giải thể doanh nghiệp"),
                    committed=3,
                    fees=(free("Lệ phí"),),
                    handoffs=(
                        handoff(
                            "thue",
                            pc.TAX,
                            "Thuế tỉnh có ý kiến về việc hoàn thành nghĩa vụ thuế",
                            8,
                        ),
                    ),
                    fields=(
                        ef.past_date("dissolution_decision_date", "Ngày ra quyết định giải thể"),
                        ef.checkbox(
                            "debts_settled",
                            "Doanh nghiệp đã thanh toán hết các khoản nợ",
                            required=True,
                        ),
                    ),
                ),
            ),
        ),
        finance(
            "2.002040",
            "Đăng ký hoạt động chi nhánh, văn phòng đại diện, thông báo lập địa điểm kinh doanh",
            f.DN,
            subjects="Doanh nghiệp",
            individuals=False,
            organisations=True,
            result="Giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện; hoặc cập nhật thông tin địa điểm kinh doanh",
            legal=(ENTERPRISE_LAW, DECREE_168, CIRCULAR_68, REGISTRATION_FEES),
            online="full",
            cases=(
                case(
                    "chi-nhanh",
                    "Đăng ký hoạt động chi nhánh, văn phòng đại diện",
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo về việc đăng ký hoạt động chi nhánh, văn phòng đại diện",
                        "Phụ lục II-7 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    proxy_if(),
                    committed=2,
                    fees=(
                        charge("Lệ phí đăng ký hoạt động chi nhánh", 50_000, exemption=ONLINE_FREE),
                    ),
                    fields=(
                        ef.text("branch_name", "Tên chi nhánh, văn phòng đại diện", max_length=255),
                        ef.address("branch_address", "Địa chỉ"),
                        ef.text("branch_head", "Người đứng đầu", max_length=100),
                    ),
                ),
                case(
                    "dia-diem",
                    "Thông báo lập địa điểm kinh doanh",
                    3,
                    form_doc(
                        "thong-bao",
                        "Thông báo về việc lập địa điểm kinh doanh",
                        "Phụ lục II-8 ban hành kèm theo Thông tư số 68/2025/TT-BTC",
                    ),
                    committed=1,
                    fees=(free("Lệ phí"),),
                    fields=(
                        ef.text("place_name", "Tên địa điểm kinh doanh", max_length=255),
                        ef.address("place_address", "Địa chỉ địa điểm kinh doanh"),
                    ),
                ),
            ),
        ),
        commune(
            "1.005280",
            "Đăng ký thành lập hợp tác xã",
            f.HTX,
            subjects="Sáng lập viên hợp tác xã",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận đăng ký hợp tác xã",
            legal=(
                COOPERATIVE_LAW,
                basis(
                    "Nghị định số 92/2024/NĐ-CP ngày 18/7/2024 của Chính phủ về đăng ký hộ kinh doanh, hợp tác xã",
                    dt.date(2024, 9, 1),
                ),
                HOUSEHOLD_FEES,
            ),
            online="full",
            cases=(
                case(
                    "thanh-lap",
                    "Đăng ký thành lập hợp tác xã",
                    3,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị đăng ký hợp tác xã",
                        "Mẫu số 01 ban hành kèm theo Thông tư số 09/2024/TT-BKHĐT",
                    ),
                    paper("dieu-le", "Điều lệ hợp tác xã"),
                    paper("phuong-an", "Phương án sản xuất, kinh doanh"),
                    paper(
                        "danh-sach-thanh-vien",
                        "Danh sách thành viên; danh sách Hội đồng quản trị, Giám đốc, Ban kiểm soát",
                    ),
                    paper("nghi-quyet", "Nghị quyết hội nghị thành lập hợp tác xã"),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí đăng ký hợp tác xã",
                            100_000,
                            unit="đồng/lần",
                            exemption=ONLINE_FREE,
                        ),
                    ),
                    fields=(
                        ef.text("coop_name", "Tên hợp tác xã", max_length=255),
                        ef.address("coop_address", "Địa chỉ trụ sở chính"),
                        ef.number("charter_capital", "Vốn điều lệ (đồng)", low=1),
                        ef.member_group("founders", "Thành viên sáng lập", max_items=50),
                    ),
                ),
            ),
        ),
        procedure(
            "1.009645",
            "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
            f.DT,
            level=PROVINCE_LEVEL,
            agencies=(pc.ECONOMIC_ZONES, pc.FINANCE),
            decision=D_BUSINESS,
            subjects="Nhà đầu tư trong nước, nhà đầu tư nước ngoài",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận đăng ký đầu tư",
            legal=(
                INVESTMENT_LAW,
                basis(
                    "Nghị định số 31/2021/NĐ-CP ngày 26/3/2021 quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư",
                    dt.date(2021, 3, 26),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp Giấy chứng nhận đăng ký đầu tư",
                    15,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị thực hiện dự án đầu tư",
                        "Mẫu A.I.1 ban hành kèm theo Thông tư số 25/2023/TT-BKHĐT",
                    ),
                    paper("de-xuat-du-an", "Đề xuất dự án đầu tư"),
                    copy_doc(
                        "nang-luc-tai-chinh",
                        "Tài liệu chứng minh năng lực tài chính của nhà đầu tư (báo cáo tài chính 02 năm gần nhất, cam kết hỗ trợ tài chính)",
                    ),
                    paper_if(
                        "dia-diem",
                        "Bản sao giấy tờ về quyền sử dụng địa điểm thực hiện dự án",
                        "Khi dự án không đề nghị Nhà nước giao đất, cho thuê đất",
                    ),
                    unit=CD,
                    committed=10,
                    fees=(free("Lệ phí", "Không thu"),),
                    review=True,
                    fields=(
                        ef.text("project_name", "Tên dự án", max_length=255),
                        ef.address("project_address", "Địa điểm thực hiện dự án"),
                        ef.number("investment_capital", "Vốn đầu tư (đồng)", low=1),
                        ef.textarea("objectives", "Mục tiêu, quy mô dự án"),
                        ef.date(
                            "operation_date", "Tiến độ dự kiến đưa dự án vào hoạt động", low="today"
                        ),
                    ),
                ),
            ),
        ),
        procedure(
            "1.009646",
            "Điều chỉnh Giấy chứng nhận đăng ký đầu tư",
            f.DT,
            level=PROVINCE_LEVEL,
            agencies=(pc.ECONOMIC_ZONES, pc.FINANCE),
            decision=D_BUSINESS,
            subjects="Nhà đầu tư",
            individuals=False,
            organisations=True,
            result="Giấy chứng nhận đăng ký đầu tư điều chỉnh",
            legal=(INVESTMENT_LAW,),
            online="full",
            cases=(
                case(
                    "dieu-chinh",
                    "Điều chỉnh dự án đầu tư",
                    10,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị điều chỉnh dự án đầu tư",
                        "Mẫu A.I.11 ban hành kèm theo Thông tư số 25/2023/TT-BKHĐT",
                    ),
                    paper(
                        "bao-cao",
                        "Báo cáo tình hình triển khai dự án đầu tư đến thời điểm điều chỉnh",
                    ),
                    unit=CD,
                    committed=7,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("certificate_number", "Mã số dự án", max_length=20),
                        ef.textarea("changes", "Nội dung điều chỉnh"),
                    ),
                ),
            ),
        ),
        commune(
            "2.000633",
            "Cấp Giấy phép bán lẻ rượu",
            f.LTHH,
            subjects="Thương nhân kinh doanh bán lẻ rượu",
            individuals=True,
            organisations=True,
            result="Giấy phép bán lẻ rượu (thời hạn 05 năm)",
            conditions="Có địa điểm kinh doanh cố định, địa chỉ rõ ràng; có văn bản giới thiệu hoặc hợp đồng mua bán với thương nhân sản xuất, phân phối rượu.",
            legal=(
                TRADE_DECREE,
                basis(
                    "Thông tư số 168/2016/TT-BTC quy định mức thu phí thẩm định kinh doanh hàng hóa hạn chế kinh doanh",
                    dt.date(2017, 1, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới Giấy phép bán lẻ rượu",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy phép bán lẻ rượu",
                        "Mẫu số 01 ban hành kèm theo Nghị định số 105/2017/NĐ-CP",
                    ),
                    copy_doc(
                        "dia-diem",
                        "Bản sao hợp đồng thuê địa điểm hoặc giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh",
                    ),
                    paper(
                        "hop-dong-mua-ban",
                        "Bản sao văn bản giới thiệu hoặc hợp đồng với thương nhân sản xuất, phân phối rượu",
                        originals=0,
                        copies=1,
                    ),
                    committed=7,
                    fees=(
                        fee(
                            "Phí thẩm định cấp Giấy phép bán lẻ rượu",
                            600_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    fields=ef.business_place_fields(),
                ),
            ),
        ),
        commune(
            "2.000150",
            "Cấp Giấy phép bán lẻ sản phẩm thuốc lá",
            f.LTHH,
            subjects="Thương nhân kinh doanh bán lẻ sản phẩm thuốc lá",
            individuals=True,
            organisations=True,
            result="Giấy phép bán lẻ sản phẩm thuốc lá (thời hạn 05 năm)",
            legal=(TOBACCO_DECREE,),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới Giấy phép bán lẻ sản phẩm thuốc lá",
                    15,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá",
                        "Mẫu số 01 ban hành kèm theo Thông tư số 57/2018/TT-BCT",
                    ),
                    copy_doc(
                        "dia-diem", "Bản sao giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh"
                    ),
                    paper(
                        "thu-gioi-thieu",
                        "Bản sao văn bản giới thiệu của thương nhân phân phối, bán buôn sản phẩm thuốc lá",
                        originals=0,
                        copies=1,
                    ),
                    committed=10,
                    fees=(
                        fee(
                            "Phí thẩm định cấp Giấy phép bán lẻ thuốc lá",
                            600_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    fields=ef.business_place_fields(),
                ),
            ),
        ),
        trade(
            "2.000190",
            "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
            f.LTHH,
            subjects="Thương nhân có cửa hàng bán lẻ xăng dầu",
            individuals=False,
            organisations=True,
            result="Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
            legal=(
                basis(
                    "Nghị định số 83/2014/NĐ-CP ngày 03/9/2014 về kinh doanh xăng dầu (sửa đổi bởi Nghị định số 80/2023/NĐ-CP)",
                    dt.date(2023, 11, 17),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    15,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
                        "Mẫu số 10 ban hành kèm theo Nghị định số 83/2014/NĐ-CP",
                    ),
                    copy_doc("pccc", "Bản sao văn bản nghiệm thu về phòng cháy, chữa cháy"),
                    copy_doc(
                        "moi-truong", "Bản sao giấy phép môi trường hoặc văn bản đăng ký môi trường"
                    ),
                    paper(
                        "chung-chi",
                        "Bản sao chứng chỉ bồi dưỡng nghiệp vụ của cán bộ quản lý, nhân viên cửa hàng",
                        originals=0,
                        copies=1,
                    ),
                    committed=10,
                    fees=(
                        fee(
                            "Phí thẩm định điều kiện kinh doanh xăng dầu",
                            1_200_000,
                            unit="đồng/cửa hàng",
                        ),
                    ),
                    review=True,
                    fields=(
                        *ef.business_place_fields(),
                        ef.number("pumps", "Số cột bơm", integer=True, low=1, high=50),
                        ef.number("tank_volume", "Tổng dung tích bể chứa (m³)", low=1),
                    ),
                ),
            ),
        ),
        trade(
            "2.000291",
            "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm thuộc lĩnh vực Công Thương",
            f.ATTP,
            subjects="Cơ sở sản xuất, kinh doanh thực phẩm thuộc thẩm quyền quản lý của ngành Công Thương",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (thời hạn 03 năm)",
            legal=(
                FOOD_LAW,
                basis(
                    "Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm",
                    dt.date(2018, 2, 2),
                ),
                basis(
                    "Thông tư số 67/2021/TT-BTC quy định phí thẩm định cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                    dt.date(2021, 9, 20),
                ),
            ),
            online="full",
            cases=(
                case(
                    "san-xuat",
                    "Cơ sở sản xuất thực phẩm",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Thông tư số 43/2018/TT-BCT",
                    ),
                    paper(
                        "thuyet-minh",
                        "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm an toàn thực phẩm",
                    ),
                    paper(
                        "kien-thuc",
                        "Giấy xác nhận đủ kiến thức về an toàn thực phẩm của chủ cơ sở và người trực tiếp sản xuất",
                        originals=0,
                        copies=1,
                    ),
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định cơ sở sản xuất thực phẩm",
                            2_500_000,
                            unit="đồng/lần/cơ sở",
                            exemption="Cơ sở sản xuất nhỏ lẻ: 500.000 đồng/lần/cơ sở",
                        ),
                    ),
                    review=True,
                    fields=(
                        *ef.business_place_fields(),
                        ef.textarea("products", "Nhóm sản phẩm sản xuất", max_length=1000),
                    ),
                ),
                case(
                    "kinh-doanh",
                    "Cơ sở kinh doanh thực phẩm",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Thông tư số 43/2018/TT-BCT",
                    ),
                    paper(
                        "thuyet-minh",
                        "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm an toàn thực phẩm",
                    ),
                    committed=12,
                    fees=(
                        fee(
                            "Phí thẩm định cơ sở kinh doanh thực phẩm",
                            1_000_000,
                            unit="đồng/lần/cơ sở",
                        ),
                    ),
                    fields=(
                        *ef.business_place_fields(),
                        ef.textarea("products", "Nhóm sản phẩm kinh doanh", max_length=1000),
                    ),
                ),
            ),
        ),
        procedure(
            "H99.0101",
            "Hỗ trợ chi phí tư vấn cho doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo trên địa bàn tỉnh",
            f.DN,
            namespace="local",
            level=PROVINCE_LEVEL,
            agencies=(pc.FINANCE,),
            decision=D_LOCAL_2026,
            subjects="Doanh nghiệp nhỏ và vừa khởi nghiệp sáng tạo có trụ sở chính trên địa bàn tỉnh",
            individuals=False,
            organisations=True,
            result="Quyết định hỗ trợ và thanh toán kinh phí hỗ trợ",
            conditions="Doanh nghiệp thành lập không quá 05 năm; chưa được hỗ trợ cùng nội dung từ ngân sách nhà nước.",
            legal=(
                basis(
                    f"Nghị quyết số 03/2026/NQ-HĐND ngày 12/01/2026 của HĐND tỉnh {pc.PROVINCE_NAME} quy định chính sách hỗ trợ doanh nghiệp nhỏ và vừa giai đoạn 2026–2030",
                    dt.date(2026, 1, 25),
                ),
                basis("Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14", dt.date(2018, 1, 1)),
            ),
            online="full",
            cases=(
                case(
                    "ho-tro",
                    "Hỗ trợ chi phí tư vấn",
                    15,
                    form_doc(
                        "don",
                        "Đơn đề nghị hỗ trợ",
                        f"Mẫu số 01 ban hành kèm theo Nghị quyết số 03/2026/NQ-HĐND tỉnh {pc.PROVINCE_NAME}",
                    ),
                    paper(
                        "hop-dong-tu-van",
                        "Hợp đồng tư vấn, biên bản nghiệm thu, hóa đơn",
                        originals=0,
                        copies=1,
                    ),
                    committed=10,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.number("consulting_cost", "Chi phí tư vấn đề nghị hỗ trợ (đồng)", low=1),
                        ef.text("consultant", "Tổ chức, cá nhân tư vấn", max_length=255),
                    ),
                ),
            ),
        ),
    ]
