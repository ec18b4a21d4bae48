"""Land (đất đai): first registration and certificates (communes for individuals, the department
for organisations), changes and mortgages at the land registration office, hand-offs to the tax
office for financial obligations."""

import datetime as dt
from functools import partial

from motcua.catalog.specs import ProcedureSpec
from motcua.demo import province_content as pc
from motcua.demo.catalog_content import fields as f
from motcua.demo.catalog_content import forms as ef
from motcua.demo.catalog_content.kit import (
    ALL_COMMUNES,
    COMMUNE_LEVEL,
    D_COMMUNE,
    D_LAND,
    PROVINCE_LEVEL,
    WH,
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

REGISTRY = (pc.LAND_REGISTRATION, pc.LAND_REGISTRATION_BRANCH)
REGISTRY_PLACE = (
    "Văn phòng Đăng ký đất đai tỉnh, Chi nhánh Văn phòng Đăng ký đất đai khu vực; Trung tâm "
    "Phục vụ hành chính công cấp xã nơi có đất"
)
registry = partial(
    procedure,
    level=PROVINCE_LEVEL,
    agencies=REGISTRY,
    decision=D_LAND,
    reception_place=f"{REGISTRY_PLACE}; hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia",
    individuals=True,
    organisations=True,
)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_COMMUNE)

LAND_LAW = basis(
    "Luật Đất đai số 31/2024/QH15 ngày 18/01/2024 (sửa đổi, bổ sung bởi Luật số 43/2024/QH15)",
    dt.date(2024, 8, 1),
)
DECREE_101 = basis(
    "Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 của Chính phủ quy định về điều tra cơ bản đất "
    "đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất "
    "và Hệ thống thông tin đất đai",
    dt.date(2024, 8, 1),
)
DECREE_102 = basis(
    "Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Đất đai",
    dt.date(2024, 8, 1),
)
DECREE_151 = basis(
    "Nghị định số 151/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định về phân định thẩm quyền "
    "của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai",
    dt.date(2025, 7, 1),
)
DECREE_99 = basis(
    "Nghị định số 99/2022/NĐ-CP ngày 30/11/2022 của Chính phủ về đăng ký biện pháp bảo đảm",
    dt.date(2023, 1, 15),
)
FEES_RESOLUTION = basis(
    f"Nghị quyết số 12/2025/NQ-HĐND ngày 30/6/2025 của HĐND tỉnh {pc.PROVINCE_NAME} quy định "
    "mức thu lệ phí cấp Giấy chứng nhận và phí thẩm định hồ sơ cấp Giấy chứng nhận",
    dt.date(2025, 7, 10),
)
TAX_NOTE = (
    "Không tính thời gian thực hiện nghĩa vụ tài chính của người sử dụng đất, thời gian niêm "
    "yết công khai, thời gian xem xét xử lý đối với trường hợp sử dụng đất có vi phạm."
)
REGISTRATION_FORM = "Mẫu số 04/ĐK ban hành kèm theo Nghị định số 101/2024/NĐ-CP"
CHANGE_FORM = "Mẫu số 11/ĐK ban hành kèm theo Nghị định số 101/2024/NĐ-CP"
REGISTRATION_FEE_TAX = (
    "Tờ khai lệ phí trước bạ nhà, đất",
    "Mẫu số 01/LPTB ban hành kèm theo Nghị định số 10/2022/NĐ-CP",
)


def _tax_forms() -> tuple[ef.FormField, ...]:
    return (
        ef.checkbox(
            "tax_exempt", "Thuộc trường hợp được miễn thuế thu nhập cá nhân, lệ phí trước bạ"
        ),
        ef.select(
            "tax_exempt_reason",
            "Lý do miễn",
            (
                ("vo_chong", "Giữa vợ với chồng"),
                ("cha_me_con", "Giữa cha, mẹ với con (kể cả con nuôi, con dâu, con rể)"),
                ("ong_ba_chau", "Giữa ông, bà với cháu"),
                ("anh_chi_em", "Giữa anh, chị, em ruột"),
                ("nha_dat_duy_nhat", "Nhà, đất duy nhất"),
            ),
            show_if=ef.when("tax_exempt", True),
        ),
    )


def procedures() -> list[ProcedureSpec]:
    tax = handoff(
        "thue", pc.TAX, "Thuế tỉnh xác định nghĩa vụ tài chính, ra thông báo nộp tiền", 24
    )
    tax_short = handoff("thue", pc.TAX, "Thuế tỉnh xác định nghĩa vụ tài chính", 16)
    registry_measure = handoff(
        "do-dac",
        pc.LAND_REGISTRATION_BRANCH,
        "Chi nhánh Văn phòng Đăng ký đất đai trích đo, cập nhật hồ sơ địa chính",
        24,
    )
    certificate_form = form_doc(
        "don", "Đơn đăng ký đất đai, tài sản gắn liền với đất", REGISTRATION_FORM
    )
    change_form = form_doc(
        "don", "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", CHANGE_FORM
    )
    original_certificate = paper("gcn", "Bản gốc Giấy chứng nhận đã cấp")
    return [
        commune(
            "1.012756",
            "Đăng ký đất đai, tài sản gắn liền với đất lần đầu và cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất cho cá nhân, cộng đồng dân cư",
            f.DD,
            subjects="Cá nhân, hộ gia đình, cộng đồng dân cư đang sử dụng đất",
            result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            conditions="Đất không có tranh chấp, phù hợp với quy hoạch sử dụng đất; trường hợp không có giấy tờ thì sử dụng đất ổn định, được UBND cấp xã xác nhận.",
            legal=(LAND_LAW, DECREE_101, DECREE_151, FEES_RESOLUTION),
            online="partial",
            fees_note="Lệ phí trước bạ, tiền sử dụng đất (nếu có) nộp theo thông báo của cơ quan thuế.",
            cases=(
                case(
                    "co-giay-to",
                    "Có giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai",
                    20,
                    certificate_form,
                    copy_doc(
                        "giay-to-qsdd",
                        "Một trong các loại giấy tờ về quyền sử dụng đất quy định tại Điều 137 Luật Đất đai",
                    ),
                    paper_if(
                        "giay-to-tai-san",
                        "Giấy tờ về quyền sở hữu tài sản gắn liền với đất",
                        "Khi đề nghị chứng nhận quyền sở hữu nhà ở, công trình xây dựng",
                        originals=0,
                        copies=1,
                    ),
                    paper_if(
                        "mien-giam",
                        "Giấy tờ chứng minh được miễn, giảm nghĩa vụ tài chính",
                        "Khi thuộc đối tượng được miễn, giảm",
                        originals=0,
                        copies=1,
                    ),
                    form_doc("to-khai-lptb", *REGISTRATION_FEE_TAX),
                    committed=15,
                    note=TAX_NOTE,
                    fees=(
                        charge(
                            "Lệ phí cấp Giấy chứng nhận (cấp mới có tài sản gắn liền với đất)",
                            100_000,
                            unit="đồng/giấy",
                        ),
                        fee("Phí thẩm định hồ sơ cấp Giấy chứng nhận", 500_000),
                    ),
                    handoffs=(registry_measure, tax),
                    fields=(
                        *ef.parcel_fields(),
                        ef.text("land_origin", "Nguồn gốc sử dụng đất", max_length=255),
                        ef.past_date("use_since", "Thời điểm bắt đầu sử dụng đất"),
                        ef.member_group("co_users", "Những người cùng sử dụng đất"),
                    ),
                ),
                case(
                    "khong-giay-to",
                    "Không có giấy tờ về quyền sử dụng đất (sử dụng đất ổn định trước ngày 01/7/2014)",
                    20,
                    certificate_form,
                    paper(
                        "xac-nhan-nguon-goc",
                        "Văn bản xác nhận nguồn gốc, thời điểm sử dụng đất, tình trạng tranh chấp của UBND cấp xã",
                    ),
                    paper_if(
                        "giay-to-tai-san",
                        "Giấy tờ về quyền sở hữu tài sản gắn liền với đất",
                        "Khi đề nghị chứng nhận quyền sở hữu tài sản",
                        originals=0,
                        copies=1,
                    ),
                    form_doc("to-khai-lptb", *REGISTRATION_FEE_TAX),
                    committed=17,
                    note=f"{TAX_NOTE} Không tính thời gian niêm yết công khai 15 ngày tại trụ sở UBND cấp xã.",
                    fees=(
                        charge(
                            "Lệ phí cấp Giấy chứng nhận (cấp mới có tài sản gắn liền với đất)",
                            100_000,
                            unit="đồng/giấy",
                        ),
                        fee("Phí thẩm định hồ sơ cấp Giấy chứng nhận", 500_000),
                    ),
                    handoffs=(registry_measure, tax),
                    review=True,
                    fields=(
                        *ef.parcel_fields(),
                        ef.past_date("use_since", "Thời điểm bắt đầu sử dụng đất"),
                        ef.checkbox("no_dispute", "Đất không có tranh chấp", required=True),
                    ),
                ),
            ),
        ),
        procedure(
            "1.012757",
            "Đăng ký đất đai, tài sản gắn liền với đất lần đầu và cấp Giấy chứng nhận cho tổ chức",
            f.DD,
            level=PROVINCE_LEVEL,
            agencies=(pc.AGRICULTURE_ENVIRONMENT,),
            decision=D_LAND,
            subjects="Tổ chức trong nước, tổ chức tôn giáo, tổ chức kinh tế có vốn đầu tư nước ngoài",
            individuals=False,
            organisations=True,
            result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            legal=(LAND_LAW, DECREE_101, DECREE_151, FEES_RESOLUTION),
            online="partial",
            cases=(
                case(
                    "to-chuc",
                    "Cấp Giấy chứng nhận lần đầu cho tổ chức",
                    20,
                    certificate_form,
                    copy_doc(
                        "quyet-dinh-giao-dat",
                        "Quyết định giao đất, cho thuê đất hoặc giấy tờ về quyền sử dụng đất",
                    ),
                    paper_if(
                        "bao-cao-ra-soat",
                        "Báo cáo kết quả rà soát hiện trạng sử dụng đất",
                        "Khi tổ chức đang sử dụng đất trước ngày Luật Đất đai năm 2024 có hiệu lực",
                    ),
                    form_doc("to-khai-lptb", *REGISTRATION_FEE_TAX),
                    committed=15,
                    note=TAX_NOTE,
                    fees=(
                        charge("Lệ phí cấp Giấy chứng nhận cho tổ chức", 500_000, unit="đồng/giấy"),
                    ),
                    handoffs=(
                        handoff(
                            "vpdk",
                            pc.LAND_REGISTRATION,
                            "Văn phòng Đăng ký đất đai kiểm tra hồ sơ địa chính",
                            24,
                        ),
                        tax,
                    ),
                    fields=(
                        *ef.parcel_fields(),
                        ef.text(
                            "allocation_decision",
                            "Số quyết định giao đất, cho thuê đất",
                            max_length=30,
                            pattern=r"\d{1,6}/QĐ-[A-ZĐ]{2,10}",
                            pattern_message="Ví dụ: 123/QĐ-UBND.",
                        ),
                    ),
                ),
            ),
        ),
        registry(
            "1.012766",
            "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế",
            f.DD,
            subjects="Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất",
            result="Giấy chứng nhận mới hoặc Giấy chứng nhận đã cấp được xác nhận nội dung biến động",
            legal=(
                LAND_LAW,
                DECREE_101,
                FEES_RESOLUTION,
                basis(
                    "Nghị định số 10/2022/NĐ-CP ngày 15/01/2022 của Chính phủ quy định về lệ phí trước bạ",
                    dt.date(2022, 3, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "chuyen-nhuong",
                    "Chuyển nhượng quyền sử dụng đất, tài sản gắn liền với đất",
                    10,
                    change_form,
                    paper("hop-dong", "Hợp đồng chuyển nhượng đã được công chứng hoặc chứng thực"),
                    original_certificate,
                    form_doc(
                        "to-khai-tncn",
                        "Tờ khai thuế thu nhập cá nhân đối với chuyển nhượng bất động sản",
                        "Mẫu số 03/BĐS-TNCN ban hành kèm theo Thông tư số 80/2021/TT-BTC",
                    ),
                    form_doc("to-khai-lptb", *REGISTRATION_FEE_TAX),
                    committed=7,
                    note=TAX_NOTE,
                    fees=(
                        charge(
                            "Lệ phí cấp Giấy chứng nhận (đăng ký biến động)",
                            50_000,
                            unit="đồng/giấy",
                        ),
                        fee("Phí thẩm định hồ sơ đăng ký biến động", 300_000),
                    ),
                    handoffs=(tax,),
                    fields=(
                        *ef.parcel_fields(),
                        *ef.certificate_fields(),
                        ef.text("buyer_name", "Họ tên bên nhận chuyển nhượng", max_length=100),
                        ef.personal_id("buyer_id", "Số định danh cá nhân bên nhận chuyển nhượng"),
                        ef.number("price", "Giá chuyển nhượng ghi trên hợp đồng (đồng)", low=0),
                        *_tax_forms(),
                    ),
                ),
                case(
                    "tang-cho",
                    "Tặng cho quyền sử dụng đất, tài sản gắn liền với đất",
                    10,
                    change_form,
                    paper("hop-dong", "Hợp đồng tặng cho đã được công chứng hoặc chứng thực"),
                    original_certificate,
                    paper_if(
                        "chung-minh-quan-he",
                        "Giấy tờ chứng minh quan hệ nhân thân để được miễn thuế",
                        "Khi tặng cho giữa những người thân thích được miễn thuế thu nhập cá nhân, lệ phí trước bạ",
                        originals=0,
                        copies=1,
                    ),
                    form_doc("to-khai-lptb", *REGISTRATION_FEE_TAX),
                    committed=7,
                    note=TAX_NOTE,
                    fees=(
                        charge(
                            "Lệ phí cấp Giấy chứng nhận (đăng ký biến động)",
                            50_000,
                            unit="đồng/giấy",
                        ),
                        fee("Phí thẩm định hồ sơ đăng ký biến động", 300_000),
                    ),
                    handoffs=(tax_short,),
                    optional_handoffs=True,
                    fields=(
                        *ef.parcel_fields(),
                        *ef.certificate_fields(),
                        ef.text("receiver_name", "Họ tên bên được tặng cho", max_length=100),
                        ef.personal_id("receiver_id", "Số định danh cá nhân bên được tặng cho"),
                        *_tax_forms(),
                    ),
                ),
                case(
                    "thua-ke",
                    "Thừa kế quyền sử dụng đất, tài sản gắn liền với đất",
                    10,
                    change_form,
                    paper(
                        "van-ban-thua-ke",
                        "Văn bản thỏa thuận phân chia di sản hoặc văn bản khai nhận di sản đã được công chứng, chứng thực; hoặc bản án, quyết định của Tòa án",
                    ),
                    original_certificate,
                    form_doc("to-khai-lptb", *REGISTRATION_FEE_TAX),
                    committed=8,
                    note=TAX_NOTE,
                    fees=(
                        charge(
                            "Lệ phí cấp Giấy chứng nhận (đăng ký biến động)",
                            50_000,
                            unit="đồng/giấy",
                        ),
                        fee("Phí thẩm định hồ sơ đăng ký biến động", 300_000),
                    ),
                    handoffs=(tax_short,),
                    optional_handoffs=True,
                    fields=(
                        *ef.parcel_fields(),
                        *ef.certificate_fields(),
                        ef.text("decedent_name", "Họ tên người để lại di sản", max_length=100),
                        ef.member_group("heirs", "Người nhận thừa kế"),
                        *_tax_forms(),
                    ),
                ),
            ),
        ),
        registry(
            "1.012768",
            "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            f.DD,
            subjects="Người sử dụng đất có Giấy chứng nhận bị ố, nhòe, rách, hư hỏng hoặc đề nghị cấp đổi",
            result="Giấy chứng nhận mới",
            legal=(LAND_LAW, DECREE_101, FEES_RESOLUTION),
            online="full",
            cases=(
                case(
                    "cap-doi",
                    "Cấp đổi Giấy chứng nhận",
                    7,
                    change_form,
                    original_certificate,
                    paper_if(
                        "ban-do",
                        "Mảnh trích đo bản đồ địa chính thửa đất",
                        "Khi cấp đổi do đo đạc lại diện tích",
                    ),
                    committed=5,
                    fees=(charge("Lệ phí cấp đổi Giấy chứng nhận", 50_000, unit="đồng/giấy"),),
                    fields=(
                        *ef.certificate_fields(),
                        ef.select(
                            "reason",
                            "Lý do cấp đổi",
                            (
                                ("hu_hong", "Giấy chứng nhận bị ố, nhòe, rách, hư hỏng"),
                                ("do_dac_lai", "Đo đạc lại bản đồ địa chính"),
                                ("mau_moi", "Đổi sang mẫu Giấy chứng nhận mới"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        registry(
            "1.012770",
            "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất",
            f.DD,
            subjects="Người sử dụng đất bị mất Giấy chứng nhận",
            result="Giấy chứng nhận được cấp lại; quyết định hủy Giấy chứng nhận bị mất",
            legal=(LAND_LAW, DECREE_101, FEES_RESOLUTION),
            online="partial",
            cases=(
                case(
                    "cap-lai",
                    "Cấp lại Giấy chứng nhận do bị mất",
                    10,
                    form_doc("don", "Đơn đề nghị cấp lại Giấy chứng nhận", CHANGE_FORM),
                    paper_if(
                        "xac-nhan-mat",
                        "Giấy xác nhận của cơ quan công an về việc mất giấy tờ",
                        "Khi Giấy chứng nhận bị mất do thiên tai, hỏa hoạn thì thay bằng giấy xác nhận của UBND cấp xã về thiên tai, hỏa hoạn",
                    ),
                    committed=8,
                    note="Không kể thời gian niêm yết thông báo mất Giấy chứng nhận 15 ngày tại trụ sở UBND cấp xã.",
                    fees=(charge("Lệ phí cấp lại Giấy chứng nhận", 50_000, unit="đồng/giấy"),),
                    fields=(
                        *ef.parcel_fields(),
                        ef.past_date("lost_on", "Ngày phát hiện mất"),
                        ef.textarea(
                            "lost_circumstances", "Hoàn cảnh mất Giấy chứng nhận", max_length=1000
                        ),
                    ),
                ),
            ),
        ),
        registry(
            "1.012772",
            "Đính chính Giấy chứng nhận đã cấp",
            f.DD,
            subjects="Người được cấp Giấy chứng nhận phát hiện có sai sót",
            result="Giấy chứng nhận đã được đính chính",
            legal=(LAND_LAW, DECREE_101),
            online="full",
            cases=(
                case(
                    "dinh-chinh",
                    "Đính chính Giấy chứng nhận",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị đính chính Giấy chứng nhận",
                        "Mẫu số 10/ĐK ban hành kèm theo Nghị định số 101/2024/NĐ-CP",
                    ),
                    original_certificate,
                    paper_if(
                        "giay-to-nhan-than",
                        "Giấy tờ chứng minh nội dung sai sót về nhân thân",
                        "Khi sai sót thông tin về người sử dụng đất",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=(
                        free(
                            "Lệ phí đính chính Giấy chứng nhận",
                            "Không thu lệ phí khi sai sót do cơ quan cấp",
                        ),
                    ),
                    fields=(
                        *ef.certificate_fields(),
                        ef.text("wrong_content", "Nội dung sai sót", max_length=255),
                        ef.text("correct_content", "Nội dung đề nghị đính chính", max_length=255),
                    ),
                ),
            ),
        ),
        registry(
            "1.012774",
            "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
            f.DD,
            subjects="Bên thế chấp, bên nhận thế chấp (tổ chức tín dụng)",
            result="Giấy chứng nhận có chứng nhận nội dung đăng ký thế chấp",
            legal=(
                DECREE_99,
                LAND_LAW,
                basis(
                    "Thông tư số 178/2024/TT-BTC quy định mức thu phí, lệ phí trong lĩnh vực đăng ký biện pháp bảo đảm",
                    dt.date(2025, 1, 1),
                ),
            ),
            online="full",
            cutoff="on",
            cases=(
                case(
                    "the-chap",
                    "Đăng ký thế chấp",
                    8,
                    form_doc(
                        "phieu-yeu-cau",
                        "Phiếu yêu cầu đăng ký biện pháp bảo đảm",
                        "Mẫu số 01a ban hành kèm theo Nghị định số 99/2022/NĐ-CP",
                    ),
                    paper(
                        "hop-dong-the-chap",
                        "Hợp đồng thế chấp hoặc hợp đồng thế chấp có công chứng, chứng thực",
                        originals=0,
                        copies=1,
                    ),
                    original_certificate,
                    proxy_if(),
                    unit=WH,
                    committed=4,
                    note="Trong ngày nhận hồ sơ hợp lệ; nhận sau 15 giờ thì hoàn thành trong ngày làm việc tiếp theo.",
                    fees=(charge("Lệ phí đăng ký biện pháp bảo đảm", 80_000),),
                    fields=(
                        *ef.certificate_fields(),
                        ef.text("lender", "Bên nhận thế chấp", max_length=200),
                        ef.text("contract_number", "Số hợp đồng thế chấp", max_length=50),
                        ef.number(
                            "secured_amount",
                            "Giá trị nghĩa vụ được bảo đảm (đồng)",
                            low=0,
                            required=False,
                        ),
                    ),
                ),
            ),
        ),
        registry(
            "1.012775",
            "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
            f.DD,
            subjects="Bên thế chấp, bên nhận thế chấp",
            result="Giấy chứng nhận có xác nhận nội dung xóa đăng ký thế chấp",
            legal=(DECREE_99,),
            online="full",
            cutoff="on",
            cases=(
                case(
                    "xoa",
                    "Xóa đăng ký thế chấp",
                    8,
                    form_doc(
                        "phieu-yeu-cau",
                        "Phiếu yêu cầu xóa đăng ký biện pháp bảo đảm",
                        "Mẫu số 03a ban hành kèm theo Nghị định số 99/2022/NĐ-CP",
                    ),
                    original_certificate,
                    unit=WH,
                    committed=4,
                    fees=(charge("Lệ phí xóa đăng ký biện pháp bảo đảm", 20_000),),
                    fields=(
                        *ef.certificate_fields(),
                        ef.text("lender", "Bên nhận thế chấp", max_length=200),
                    ),
                ),
            ),
        ),
        registry(
            "1.012780",
            "Tách thửa hoặc hợp thửa đất",
            f.DD,
            subjects="Người sử dụng đất có nhu cầu tách thửa, hợp thửa",
            result="Giấy chứng nhận cho thửa đất mới",
            conditions="Thửa đất sau khi tách bảo đảm diện tích tối thiểu theo quy định của UBND tỉnh; thửa đất đã được cấp Giấy chứng nhận; không có tranh chấp, không bị kê biên.",
            legal=(
                LAND_LAW,
                DECREE_101,
                basis(
                    f"Quyết định số 25/2024/QĐ-UBND của UBND tỉnh {pc.PROVINCE_NAME} quy định điều kiện, diện tích tối thiểu tách thửa, hợp thửa",
                    dt.date(2024, 10, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "tach-thua",
                    "Tách thửa đất",
                    15,
                    form_doc(
                        "don",
                        "Đơn đề nghị tách thửa đất, hợp thửa đất",
                        "Mẫu số 12/ĐK ban hành kèm theo Nghị định số 101/2024/NĐ-CP",
                    ),
                    original_certificate,
                    paper("ban-ve", "Bản vẽ tách thửa đất do đơn vị đo đạc có giấy phép lập"),
                    committed=10,
                    fees=(
                        charge("Lệ phí cấp Giấy chứng nhận", 50_000, unit="đồng/giấy"),
                        fee("Phí đo đạc, lập bản đồ địa chính", 800_000, unit="đồng/thửa"),
                    ),
                    handoffs=(registry_measure,),
                    fields=(
                        *ef.parcel_fields(),
                        *ef.certificate_fields(),
                        ef.number(
                            "new_parcels", "Số thửa đất sau khi tách", integer=True, low=2, high=20
                        ),
                    ),
                ),
                case(
                    "hop-thua",
                    "Hợp thửa đất",
                    15,
                    form_doc(
                        "don",
                        "Đơn đề nghị tách thửa đất, hợp thửa đất",
                        "Mẫu số 12/ĐK ban hành kèm theo Nghị định số 101/2024/NĐ-CP",
                    ),
                    paper("gcn", "Bản gốc Giấy chứng nhận của các thửa đất hợp thửa"),
                    committed=10,
                    fees=(charge("Lệ phí cấp Giấy chứng nhận", 50_000, unit="đồng/giấy"),),
                    fields=(
                        ef.group(
                            "parcels",
                            "Các thửa đất hợp thửa",
                            ef.parcel_fields(prefix="item"),
                            repeat=True,
                            min_items=2,
                            max_items=10,
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.012782",
            "Chuyển mục đích sử dụng đất phải được cơ quan nhà nước có thẩm quyền cho phép đối với cá nhân",
            f.DD,
            subjects="Cá nhân sử dụng đất",
            result="Quyết định cho phép chuyển mục đích sử dụng đất của Chủ tịch UBND cấp xã; Giấy chứng nhận được chỉnh lý",
            conditions="Phù hợp với quy hoạch sử dụng đất cấp xã đã được phê duyệt.",
            legal=(LAND_LAW, DECREE_102, DECREE_151),
            online="partial",
            cases=(
                case(
                    "chuyen-muc-dich",
                    "Chuyển mục đích sử dụng đất",
                    20,
                    form_doc(
                        "don",
                        "Đơn xin chuyển mục đích sử dụng đất",
                        "Mẫu số 02c ban hành kèm theo Nghị định số 102/2024/NĐ-CP",
                    ),
                    original_certificate,
                    committed=15,
                    note=TAX_NOTE,
                    fees=(charge("Lệ phí cấp Giấy chứng nhận", 50_000, unit="đồng/giấy"),),
                    handoffs=(
                        tax,
                        handoff(
                            "vpdk",
                            pc.LAND_REGISTRATION_BRANCH,
                            "Chi nhánh Văn phòng Đăng ký đất đai chỉnh lý hồ sơ địa chính",
                            16,
                            after_approval=True,
                        ),
                    ),
                    fields=(
                        *ef.parcel_fields(),
                        *ef.certificate_fields(),
                        ef.number("converted_area", "Diện tích xin chuyển mục đích (m²)", low=1),
                        ef.select(
                            "new_use",
                            "Mục đích sử dụng sau khi chuyển",
                            (
                                ("ont", "Đất ở tại nông thôn"),
                                ("odt", "Đất ở tại đô thị"),
                                ("cln", "Đất trồng cây lâu năm"),
                                ("tmd", "Đất thương mại, dịch vụ"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        registry(
            "1.012790",
            "Xác nhận tiếp tục sử dụng đất nông nghiệp của cá nhân khi hết thời hạn sử dụng đất",
            f.DD,
            subjects="Cá nhân trực tiếp sản xuất nông nghiệp",
            result="Giấy chứng nhận được xác nhận thời hạn sử dụng đất",
            legal=(LAND_LAW, DECREE_101),
            online="full",
            cases=(
                case(
                    "xac-nhan",
                    "Xác nhận tiếp tục sử dụng đất",
                    5,
                    form_doc(
                        "don", "Đơn đề nghị xác nhận tiếp tục sử dụng đất nông nghiệp", CHANGE_FORM
                    ),
                    original_certificate,
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(*ef.parcel_fields(), *ef.certificate_fields()),
                ),
            ),
        ),
        registry(
            "1.012800",
            "Cung cấp thông tin, dữ liệu đất đai",
            f.DD,
            subjects="Cơ quan, tổ chức, cá nhân có nhu cầu khai thác thông tin đất đai",
            result="Thông tin, dữ liệu đất đai (trích lục, trích sao hồ sơ địa chính)",
            legal=(
                LAND_LAW,
                basis(
                    "Thông tư số 56/2024/TT-BTC quy định phí khai thác và sử dụng tài liệu đất đai",
                    dt.date(2024, 9, 15),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cung-cap",
                    "Cung cấp thông tin, dữ liệu đất đai",
                    3,
                    form_doc(
                        "phieu-yeu-cau",
                        "Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai",
                        "Mẫu số 13/ĐK ban hành kèm theo Nghị định số 101/2024/NĐ-CP",
                    ),
                    committed=1,
                    note="Trường hợp nhận yêu cầu trước 15 giờ thì cung cấp ngay trong ngày; sau 15 giờ thì cung cấp trong ngày làm việc tiếp theo.",
                    fees=(fee("Phí khai thác, sử dụng tài liệu đất đai", 150_000),),
                    fields=(
                        *ef.parcel_fields(),
                        ef.select(
                            "data_kind",
                            "Thông tin cần cung cấp",
                            (
                                ("trich_luc", "Trích lục bản đồ địa chính"),
                                ("trich_sao", "Trích sao sổ địa chính"),
                                ("lich_su", "Lịch sử biến động thửa đất"),
                            ),
                            multiple=True,
                        ),
                    ),
                ),
            ),
        ),
        procedure(
            "1.012810",
            "Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất đối với tổ chức",
            f.DD,
            level=PROVINCE_LEVEL,
            agencies=(pc.AGRICULTURE_ENVIRONMENT,),
            decision=D_LAND,
            subjects="Tổ chức kinh tế, đơn vị sự nghiệp công lập có dự án đầu tư",
            individuals=False,
            organisations=True,
            result="Quyết định giao đất, cho thuê đất của UBND tỉnh; hợp đồng thuê đất; Giấy chứng nhận",
            conditions="Dự án có trong kế hoạch sử dụng đất; đã hoàn thành bồi thường, giải phóng mặt bằng; chủ đầu tư có năng lực tài chính.",
            legal=(LAND_LAW, DECREE_102, DECREE_151),
            online="partial",
            cases=(
                case(
                    "giao-thue",
                    "Giao đất, cho thuê đất cho tổ chức",
                    20,
                    form_doc(
                        "don",
                        "Đơn xin giao đất, cho thuê đất",
                        "Mẫu số 02a ban hành kèm theo Nghị định số 102/2024/NĐ-CP",
                    ),
                    copy_doc(
                        "chu-truong-dau-tu",
                        "Bản sao văn bản chấp thuận chủ trương đầu tư hoặc Giấy chứng nhận đăng ký đầu tư",
                    ),
                    paper("trich-do", "Trích lục hoặc trích đo bản đồ địa chính khu đất"),
                    committed=15,
                    note="Không kể thời gian bồi thường, hỗ trợ, tái định cư và thời gian xác định giá đất.",
                    fees=(fee("Phí thẩm định hồ sơ giao đất, cho thuê đất", 3_000_000),),
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "UBND tỉnh quyết định giao đất, cho thuê đất",
                            24,
                            after_approval=True,
                        ),
                        handoff(
                            "thue",
                            pc.TAX,
                            "Thuế tỉnh xác định tiền thuê đất, tiền sử dụng đất",
                            16,
                            after_approval=True,
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.text("project_name", "Tên dự án", max_length=255),
                        ef.address("project_address", "Địa điểm khu đất"),
                        ef.number("area", "Diện tích xin giao, thuê (m²)", low=1),
                        ef.select(
                            "form",
                            "Hình thức",
                            (
                                ("giao_co_thu", "Giao đất có thu tiền sử dụng đất"),
                                ("thue_hang_nam", "Thuê đất trả tiền hằng năm"),
                                ("thue_mot_lan", "Thuê đất trả tiền một lần"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        registry(
            "1.012814",
            "Đăng ký biến động đất đai do thay đổi thông tin người sử dụng đất hoặc thay đổi về thửa đất",
            f.DD,
            subjects="Người sử dụng đất có thay đổi tên, giấy tờ nhân thân, địa chỉ; thửa đất bị giảm diện tích do sạt lở tự nhiên",
            result="Giấy chứng nhận được xác nhận thay đổi hoặc Giấy chứng nhận mới",
            legal=(LAND_LAW, DECREE_101),
            online="full",
            cases=(
                case(
                    "thong-tin-nguoi-su-dung",
                    "Thay đổi tên, giấy tờ nhân thân, địa chỉ của người sử dụng đất",
                    10,
                    change_form,
                    original_certificate,
                    paper(
                        "giay-to-thay-doi",
                        "Giấy tờ chứng minh việc thay đổi thông tin",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(charge("Lệ phí chứng nhận đăng ký biến động", 30_000),),
                    fields=(
                        *ef.certificate_fields(),
                        ef.text("changed_info", "Thông tin thay đổi", max_length=255),
                    ),
                ),
                case(
                    "sat-lo",
                    "Giảm diện tích thửa đất do sạt lở tự nhiên",
                    10,
                    change_form,
                    original_certificate,
                    paper("xac-nhan-sat-lo", "Văn bản xác nhận của UBND cấp xã về việc sạt lở đất"),
                    committed=7,
                    fees=(free("Lệ phí chứng nhận đăng ký biến động", "Miễn lệ phí"),),
                    handoffs=(registry_measure,),
                    fields=(
                        *ef.certificate_fields(),
                        ef.number("lost_area", "Diện tích bị sạt lở (m²)", low=0.1),
                    ),
                ),
            ),
        ),
    ]
