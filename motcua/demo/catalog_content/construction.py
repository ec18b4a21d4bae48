"""Construction (hoạt động xây dựng) and housing (nhà ở): building permits at the communes and
the Department of Construction, project appraisal, practising certificates, social housing."""

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
    D_COMMUNE,
    D_CONSTRUCTION,
    PROVINCE_LEVEL,
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
)

department = partial(
    procedure, level=PROVINCE_LEVEL, agencies=(pc.CONSTRUCTION,), decision=D_CONSTRUCTION
)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_COMMUNE)

CONSTRUCTION_LAW = basis(
    "Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014 (sửa đổi, bổ sung bởi Luật số 62/2020/QH14)",
    dt.date(2021, 1, 1),
)
DECREE_175 = basis(
    "Nghị định số 175/2024/NĐ-CP ngày 30/12/2024 của Chính phủ quy định chi tiết một số điều "
    "và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng",
    dt.date(2024, 12, 30),
)
DECREE_140 = basis(
    "Nghị định số 140/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định về phân định thẩm quyền "
    "của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng",
    dt.date(2025, 7, 1),
)
PERMIT_FEES = basis(
    f"Nghị quyết số 10/2025/NQ-HĐND ngày 30/6/2025 của HĐND tỉnh {pc.PROVINCE_NAME} quy định "
    "mức thu lệ phí cấp giấy phép xây dựng",
    dt.date(2025, 7, 10),
)
APPRAISAL_FEES = basis(
    "Thông tư số 28/2023/TT-BTC ngày 12/5/2023 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí thẩm định dự án đầu tư xây dựng, phí thẩm định thiết kế cơ sở",
    dt.date(2023, 6, 26),
)
HOUSING_LAW = basis("Luật Nhà ở số 27/2023/QH15 ngày 27/11/2023", dt.date(2024, 8, 1))
REAL_ESTATE_LAW = basis(
    "Luật Kinh doanh bất động sản số 29/2023/QH15 ngày 28/11/2023", dt.date(2024, 8, 1)
)
PERMIT_FORM = "Mẫu số 01 Phụ lục II ban hành kèm theo Nghị định số 175/2024/NĐ-CP"


def _building_fields() -> list[ef.FormField]:
    return [
        ef.text("work_name", "Tên công trình", max_length=255),
        ef.address("work_address", "Địa điểm xây dựng"),
        ef.text("parcel_ref", "Lô đất, thửa đất số, tờ bản đồ số", max_length=100),
        ef.number("footprint", "Diện tích xây dựng tầng 1 (m²)", low=1),
        ef.number("floor_area", "Tổng diện tích sàn (m²)", low=1),
        ef.number("floors", "Số tầng (kể cả tầng hầm, tầng lửng)", integer=True, low=1, high=100),
        ef.number("height", "Chiều cao công trình (m)", low=1, high=500),
        ef.text("designer", "Tổ chức, cá nhân thiết kế", max_length=255, required=False),
        ef.date("expected_finish", "Dự kiến thời gian hoàn thành", low="today", required=False),
    ]


def _certificate_fields() -> list[ef.FormField]:
    return [
        ef.select(
            "field_of_practice",
            "Lĩnh vực đề nghị cấp chứng chỉ",
            (
                ("khao_sat", "Khảo sát xây dựng"),
                ("thiet_ke", "Thiết kế xây dựng"),
                ("giam_sat", "Giám sát thi công xây dựng"),
                ("dinh_gia", "Định giá xây dựng"),
                ("quan_ly_du_an", "Quản lý dự án"),
            ),
        ),
        ef.select("grade", "Hạng", (("hang_2", "Hạng II"), ("hang_3", "Hạng III"))),
    ]


def procedures() -> list[ProcedureSpec]:
    land_papers = copy_doc("giay-to-dat", "Bản sao giấy tờ hợp pháp về quyền sử dụng đất")
    return [
        commune(
            "1.009974",
            "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
            f.XD,
            subjects="Chủ đầu tư xây dựng công trình, nhà ở riêng lẻ",
            individuals=True,
            organisations=True,
            result="Giấy phép xây dựng kèm theo bản vẽ thiết kế được đóng dấu",
            conditions="Phù hợp với quy hoạch chi tiết xây dựng hoặc quy chế quản lý kiến trúc; bảo đảm an toàn cho công trình và công trình lân cận; thiết kế đáp ứng quy chuẩn kỹ thuật.",
            legal=(CONSTRUCTION_LAW, DECREE_175, DECREE_140, PERMIT_FEES),
            online="partial",
            cases=(
                case(
                    "nha-o-rieng-le",
                    "Nhà ở riêng lẻ",
                    15,
                    form_doc("don", "Đơn đề nghị cấp giấy phép xây dựng", PERMIT_FORM),
                    land_papers,
                    paper(
                        "ban-ve",
                        "02 bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)",
                        originals=2,
                    ),
                    paper_if(
                        "cam-ket-lien-ke",
                        "Bản cam kết bảo đảm an toàn đối với công trình liền kề",
                        "Khi công trình xây chen có tầng hầm hoặc có công trình liền kề",
                    ),
                    committed=10,
                    fees=(
                        charge(
                            "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ",
                            75_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    fields=_building_fields(),
                    form_title="Đơn đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ",
                ),
                case(
                    "cong-trinh",
                    "Công trình cấp III, cấp IV không theo tuyến",
                    20,
                    form_doc("don", "Đơn đề nghị cấp giấy phép xây dựng", PERMIT_FORM),
                    land_papers,
                    copy_doc(
                        "quyet-dinh-phe-duyet",
                        "Bản sao quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định của cơ quan chuyên môn về xây dựng",
                    ),
                    paper(
                        "ban-ve",
                        "02 bộ bản vẽ thiết kế xây dựng trong hồ sơ thiết kế xây dựng triển khai sau thiết kế cơ sở",
                        originals=2,
                    ),
                    paper_if(
                        "pccc",
                        "Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy",
                        "Khi công trình thuộc danh mục phải thẩm duyệt phòng cháy, chữa cháy",
                        originals=0,
                        copies=1,
                    ),
                    committed=15,
                    fees=(
                        charge(
                            "Lệ phí cấp giấy phép xây dựng công trình",
                            150_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    review=True,
                    fields=_building_fields(),
                    form_title="Đơn đề nghị cấp giấy phép xây dựng công trình",
                ),
            ),
        ),
        department(
            "1.009975",
            "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II",
            f.XD,
            subjects="Chủ đầu tư xây dựng công trình",
            individuals=False,
            organisations=True,
            result="Giấy phép xây dựng",
            legal=(CONSTRUCTION_LAW, DECREE_175, PERMIT_FEES),
            online="full",
            cases=(
                case(
                    "khong-theo-tuyen",
                    "Công trình không theo tuyến",
                    20,
                    form_doc("don", "Đơn đề nghị cấp giấy phép xây dựng", PERMIT_FORM),
                    land_papers,
                    copy_doc(
                        "thong-bao-tham-dinh",
                        "Bản sao văn bản thông báo kết quả thẩm định thiết kế xây dựng",
                    ),
                    paper("ban-ve", "02 bộ bản vẽ thiết kế xây dựng", originals=2),
                    paper_if(
                        "pccc",
                        "Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy",
                        "Khi công trình thuộc diện phải thẩm duyệt",
                        originals=0,
                        copies=1,
                    ),
                    committed=15,
                    fees=(
                        charge(
                            "Lệ phí cấp giấy phép xây dựng công trình",
                            150_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    review=True,
                    fields=_building_fields(),
                ),
                case(
                    "theo-tuyen",
                    "Công trình theo tuyến",
                    20,
                    form_doc("don", "Đơn đề nghị cấp giấy phép xây dựng", PERMIT_FORM),
                    paper(
                        "van-ban-huong-tuyen",
                        "Văn bản chấp thuận hướng tuyến của cơ quan có thẩm quyền",
                        originals=0,
                        copies=1,
                    ),
                    copy_doc(
                        "thong-bao-tham-dinh",
                        "Bản sao văn bản thông báo kết quả thẩm định thiết kế xây dựng",
                    ),
                    paper("ban-ve", "02 bộ bản vẽ thiết kế xây dựng", originals=2),
                    committed=15,
                    fees=(
                        charge(
                            "Lệ phí cấp giấy phép xây dựng công trình",
                            150_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    review=True,
                    fields=(
                        *_building_fields(),
                        ef.number("route_length", "Chiều dài tuyến (m)", low=1),
                    ),
                ),
                case(
                    "sua-chua-cai-tao",
                    "Sửa chữa, cải tạo công trình",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép sửa chữa, cải tạo công trình",
                        "Mẫu số 01 Phụ lục II ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    copy_doc("giay-to-so-huu", "Bản sao giấy tờ về quyền sở hữu công trình"),
                    paper(
                        "ban-ve-hien-trang",
                        "Bản vẽ, ảnh chụp hiện trạng bộ phận, hạng mục công trình đề nghị được cải tạo",
                    ),
                    committed=12,
                    fees=(
                        charge(
                            "Lệ phí cấp giấy phép sửa chữa, cải tạo", 150_000, unit="đồng/giấy phép"
                        ),
                    ),
                    fields=_building_fields(),
                ),
            ),
        ),
        department(
            "1.009976",
            "Điều chỉnh giấy phép xây dựng đối với công trình cấp I, cấp II",
            f.XD,
            subjects="Chủ đầu tư đã được cấp giấy phép xây dựng",
            individuals=False,
            organisations=True,
            result="Giấy phép xây dựng điều chỉnh",
            legal=(CONSTRUCTION_LAW, DECREE_175),
            online="full",
            cases=(
                case(
                    "dieu-chinh",
                    "Điều chỉnh giấy phép xây dựng",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị điều chỉnh giấy phép xây dựng",
                        "Mẫu số 02 Phụ lục II ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper("giay-phep", "Bản chính giấy phép xây dựng đã được cấp"),
                    paper(
                        "ban-ve-dieu-chinh",
                        "02 bộ bản vẽ thiết kế xây dựng điều chỉnh",
                        originals=2,
                    ),
                    committed=12,
                    fees=(
                        charge(
                            "Lệ phí điều chỉnh giấy phép xây dựng", 15_000, unit="đồng/giấy phép"
                        ),
                    ),
                    fields=(
                        ef.text("permit_number", "Số giấy phép xây dựng đã cấp", max_length=30),
                        ef.textarea("changes", "Nội dung đề nghị điều chỉnh"),
                    ),
                ),
            ),
        ),
        commune(
            "1.009977",
            "Gia hạn giấy phép xây dựng",
            f.XD,
            subjects="Chủ đầu tư có giấy phép xây dựng hết thời hạn khởi công",
            individuals=True,
            organisations=True,
            result="Giấy phép xây dựng được gia hạn",
            legal=(CONSTRUCTION_LAW, DECREE_175),
            online="full",
            cases=(
                case(
                    "gia-han",
                    "Gia hạn giấy phép xây dựng",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị gia hạn giấy phép xây dựng",
                        "Mẫu số 03 Phụ lục II ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper("giay-phep", "Bản chính giấy phép xây dựng đã được cấp"),
                    committed=3,
                    fees=(
                        charge("Lệ phí gia hạn giấy phép xây dựng", 15_000, unit="đồng/giấy phép"),
                    ),
                    fields=(
                        ef.text("permit_number", "Số giấy phép xây dựng", max_length=30),
                        ef.past_date("permit_date", "Ngày cấp"),
                        ef.textarea("reason", "Lý do chưa khởi công", max_length=1000),
                    ),
                ),
            ),
        ),
        commune(
            "1.009978",
            "Cấp lại giấy phép xây dựng",
            f.XD,
            subjects="Chủ đầu tư có giấy phép xây dựng bị rách, nát hoặc bị mất",
            individuals=True,
            organisations=True,
            result="Giấy phép xây dựng được cấp lại",
            legal=(CONSTRUCTION_LAW, DECREE_175),
            online="full",
            cases=(
                case(
                    "cap-lai",
                    "Cấp lại giấy phép xây dựng",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp lại giấy phép xây dựng",
                        "Mẫu số 03 Phụ lục II ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper_if(
                        "ban-goc",
                        "Bản chính giấy phép xây dựng bị rách, nát",
                        "Khi giấy phép bị rách, nát",
                    ),
                    committed=3,
                    fees=(
                        charge("Lệ phí cấp lại giấy phép xây dựng", 15_000, unit="đồng/giấy phép"),
                    ),
                    fields=(
                        ef.text("permit_number", "Số giấy phép xây dựng", max_length=30),
                        ef.select(
                            "reason", "Lý do", (("mat", "Bị mất"), ("rach_nat", "Bị rách, nát"))
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.009979",
            "Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng tại cơ quan chuyên môn về xây dựng",
            f.XD,
            subjects="Người đề nghị thẩm định (chủ đầu tư, cơ quan được giao chuẩn bị dự án)",
            individuals=False,
            organisations=True,
            result="Văn bản thông báo kết quả thẩm định Báo cáo nghiên cứu khả thi",
            legal=(CONSTRUCTION_LAW, DECREE_175, APPRAISAL_FEES),
            online="full",
            fees_note="Phí thẩm định tính theo tỷ lệ phần trăm trên tổng mức đầu tư theo Thông tư số 28/2023/TT-BTC; mức ghi dưới đây là mức tối thiểu.",
            cases=(
                case(
                    "nhom-b",
                    "Dự án nhóm B",
                    25,
                    form_doc(
                        "to-trinh",
                        "Tờ trình thẩm định Báo cáo nghiên cứu khả thi",
                        "Mẫu số 01 Phụ lục I ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper(
                        "bao-cao-nckt",
                        "Hồ sơ Báo cáo nghiên cứu khả thi (thuyết minh, thiết kế cơ sở)",
                    ),
                    copy_doc("chu-truong", "Bản sao văn bản quyết định chủ trương đầu tư"),
                    paper_if(
                        "dtm",
                        "Văn bản thẩm định báo cáo đánh giá tác động môi trường",
                        "Khi dự án thuộc đối tượng phải đánh giá tác động môi trường",
                        originals=0,
                        copies=1,
                    ),
                    unit=CD,
                    committed=20,
                    fees=(
                        fee(
                            "Phí thẩm định dự án đầu tư xây dựng (tối thiểu)",
                            500_000,
                            unit="đồng/dự án",
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.text("project_name", "Tên dự án", max_length=255),
                        ef.number("total_investment", "Tổng mức đầu tư (triệu đồng)", low=1),
                        ef.address("project_address", "Địa điểm xây dựng"),
                    ),
                ),
                case(
                    "nhom-c",
                    "Dự án nhóm C",
                    20,
                    form_doc(
                        "to-trinh",
                        "Tờ trình thẩm định Báo cáo nghiên cứu khả thi",
                        "Mẫu số 01 Phụ lục I ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper(
                        "bao-cao-nckt",
                        "Hồ sơ Báo cáo nghiên cứu khả thi (thuyết minh, thiết kế cơ sở)",
                    ),
                    copy_doc("chu-truong", "Bản sao văn bản quyết định chủ trương đầu tư"),
                    unit=CD,
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định dự án đầu tư xây dựng (tối thiểu)",
                            500_000,
                            unit="đồng/dự án",
                        ),
                    ),
                    fields=(
                        ef.text("project_name", "Tên dự án", max_length=255),
                        ef.number("total_investment", "Tổng mức đầu tư (triệu đồng)", low=1),
                        ef.address("project_address", "Địa điểm xây dựng"),
                    ),
                ),
            ),
        ),
        department(
            "1.009980",
            "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở",
            f.XD,
            subjects="Chủ đầu tư",
            individuals=False,
            organisations=True,
            result="Văn bản thông báo kết quả thẩm định thiết kế xây dựng",
            legal=(CONSTRUCTION_LAW, DECREE_175, APPRAISAL_FEES),
            online="full",
            cases=(
                case(
                    "cap-2",
                    "Công trình cấp II",
                    30,
                    form_doc(
                        "to-trinh",
                        "Tờ trình thẩm định thiết kế xây dựng",
                        "Mẫu số 05 Phụ lục I ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper(
                        "ho-so-thiet-ke", "Hồ sơ thiết kế xây dựng triển khai sau thiết kế cơ sở"
                    ),
                    paper("bao-cao-tham-tra", "Báo cáo kết quả thẩm tra thiết kế xây dựng"),
                    unit=CD,
                    committed=25,
                    fees=(
                        fee("Phí thẩm định thiết kế (tối thiểu)", 500_000, unit="đồng/công trình"),
                    ),
                    review=True,
                    fields=(
                        ef.text("work_name", "Tên công trình", max_length=255),
                        ef.select(
                            "work_type",
                            "Loại công trình",
                            (
                                ("dan_dung", "Dân dụng"),
                                ("cong_nghiep", "Công nghiệp"),
                                ("giao_thong", "Giao thông"),
                                ("ha_tang", "Hạ tầng kỹ thuật"),
                            ),
                        ),
                    ),
                ),
                case(
                    "cap-3",
                    "Công trình cấp III",
                    20,
                    form_doc(
                        "to-trinh",
                        "Tờ trình thẩm định thiết kế xây dựng",
                        "Mẫu số 05 Phụ lục I ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper(
                        "ho-so-thiet-ke", "Hồ sơ thiết kế xây dựng triển khai sau thiết kế cơ sở"
                    ),
                    unit=CD,
                    committed=15,
                    fees=(
                        fee("Phí thẩm định thiết kế (tối thiểu)", 500_000, unit="đồng/công trình"),
                    ),
                    fields=(ef.text("work_name", "Tên công trình", max_length=255),),
                ),
            ),
        ),
        department(
            "1.009981",
            "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III",
            f.XD,
            subjects="Cá nhân hoạt động xây dựng",
            result="Chứng chỉ hành nghề hoạt động xây dựng (bản điện tử)",
            legal=(
                CONSTRUCTION_LAW,
                DECREE_175,
                basis(
                    "Thông tư số 38/2022/TT-BTC quy định lệ phí cấp chứng chỉ hành nghề hoạt động xây dựng",
                    dt.date(2022, 8, 8),
                ),
            ),
            online="full",
            cases=(
                case(
                    "lan-dau",
                    "Cấp lần đầu, nâng hạng, điều chỉnh lĩnh vực",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng",
                        "Mẫu số 01 Phụ lục IV ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    copy_doc(
                        "van-bang",
                        "Văn bằng do cơ sở đào tạo hợp pháp cấp phù hợp với lĩnh vực đề nghị",
                    ),
                    paper(
                        "kinh-nghiem", "Bản kê khai kinh nghiệm công việc chuyên môn có xác nhận"
                    ),
                    paper("ket-qua-sat-hach", "Kết quả sát hạch đạt yêu cầu"),
                    committed=7,
                    fees=(
                        charge("Lệ phí cấp chứng chỉ hành nghề", 300_000, unit="đồng/chứng chỉ"),
                    ),
                    fields=_certificate_fields(),
                ),
                case(
                    "cap-lai",
                    "Cấp lại (chứng chỉ hết hạn, bị mất, hư hỏng)",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp lại chứng chỉ hành nghề hoạt động xây dựng",
                        "Mẫu số 01 Phụ lục IV ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper_if(
                        "chung-chi-cu",
                        "Bản gốc chứng chỉ hành nghề cũ",
                        "Khi chứng chỉ bị hư hỏng hoặc ghi sai thông tin",
                    ),
                    committed=5,
                    fees=(
                        charge(
                            "Lệ phí cấp lại chứng chỉ hành nghề", 150_000, unit="đồng/chứng chỉ"
                        ),
                    ),
                    fields=(
                        *_certificate_fields(),
                        ef.text("old_certificate", "Mã số chứng chỉ đã cấp", max_length=30),
                    ),
                ),
            ),
        ),
        department(
            "1.009982",
            "Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III",
            f.XD,
            subjects="Tổ chức hoạt động xây dựng",
            individuals=False,
            organisations=True,
            result="Chứng chỉ năng lực hoạt động xây dựng",
            legal=(CONSTRUCTION_LAW, DECREE_175),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp chứng chỉ năng lực",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp chứng chỉ năng lực hoạt động xây dựng",
                        "Mẫu số 04 Phụ lục IV ban hành kèm theo Nghị định số 175/2024/NĐ-CP",
                    ),
                    paper(
                        "danh-sach-nhan-su",
                        "Danh sách cá nhân chủ chốt, kèm mã số chứng chỉ hành nghề",
                    ),
                    paper(
                        "hop-dong-kinh-nghiem",
                        "Hợp đồng và biên bản nghiệm thu công việc đã thực hiện",
                        originals=0,
                        copies=1,
                    ),
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định cấp chứng chỉ năng lực", 1_000_000, unit="đồng/chứng chỉ"
                        ),
                    ),
                    fields=(
                        *_certificate_fields(),
                        ef.number(
                            "key_staff", "Số cá nhân chủ chốt", integer=True, low=1, high=500
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.010005",
            "Xác nhận đối tượng, điều kiện được hưởng chính sách hỗ trợ về nhà ở xã hội",
            f.NO,
            subjects="Cá nhân thuộc đối tượng được hưởng chính sách nhà ở xã hội (người thu nhập thấp, hộ nghèo, công nhân)",
            result="Giấy xác nhận đối tượng, điều kiện về nhà ở, thu nhập",
            legal=(
                HOUSING_LAW,
                basis(
                    "Nghị định số 100/2024/NĐ-CP ngày 26/7/2024 của Chính phủ quy định chi tiết một số điều của Luật Nhà ở về phát triển và quản lý nhà ở xã hội",
                    dt.date(2024, 8, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "xac-nhan",
                    "Xác nhận đối tượng và điều kiện nhà ở, thu nhập",
                    7,
                    form_doc(
                        "don",
                        "Mẫu giấy đề nghị xác nhận đối tượng, điều kiện về nhà ở",
                        "Mẫu số 02 ban hành kèm theo Thông tư số 05/2024/TT-BXD",
                    ),
                    paper_if(
                        "xac-nhan-thu-nhap",
                        "Giấy xác nhận thu nhập của cơ quan, đơn vị nơi làm việc",
                        "Khi người đề nghị có hợp đồng lao động",
                    ),
                    committed=5,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.select(
                            "beneficiary_group",
                            "Nhóm đối tượng",
                            (
                                ("thu_nhap_thap", "Người thu nhập thấp tại khu vực đô thị"),
                                ("cong_nhan", "Công nhân, người lao động tại doanh nghiệp"),
                                ("ho_ngheo", "Hộ nghèo, cận nghèo"),
                                ("can_bo", "Cán bộ, công chức, viên chức"),
                            ),
                        ),
                        ef.checkbox("no_house", "Chưa có nhà ở thuộc sở hữu của mình tại tỉnh"),
                        ef.number(
                            "house_area_per_person",
                            "Diện tích nhà ở bình quân đầu người (m²)",
                            low=0,
                            show_if=ef.when("no_house", False),
                        ),
                        ef.number("monthly_income", "Thu nhập bình quân hằng tháng (đồng)", low=0),
                        ef.member_group("household", "Vợ/chồng và người cùng hộ"),
                    ),
                ),
            ),
        ),
        department(
            "1.010006",
            "Cấp chứng chỉ hành nghề môi giới bất động sản",
            f.NO,
            subjects="Cá nhân đã đạt yêu cầu kỳ thi sát hạch kiến thức hành nghề môi giới bất động sản",
            result="Chứng chỉ hành nghề môi giới bất động sản (thời hạn 05 năm)",
            legal=(
                REAL_ESTATE_LAW,
                basis(
                    "Nghị định số 96/2024/NĐ-CP ngày 24/7/2024 quy định chi tiết một số điều của Luật Kinh doanh bất động sản",
                    dt.date(2024, 8, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp chứng chỉ",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp chứng chỉ hành nghề môi giới bất động sản",
                        "Mẫu số 01 Phụ lục X ban hành kèm theo Nghị định số 96/2024/NĐ-CP",
                    ),
                    paper("anh", "02 ảnh màu cỡ 4×6 cm", originals=2),
                    copy_doc(
                        "ket-qua-thi", "Bản sao giấy xác nhận kết quả thi sát hạch đạt yêu cầu"
                    ),
                    committed=5,
                    fees=(
                        charge(
                            "Lệ phí cấp chứng chỉ hành nghề môi giới bất động sản",
                            200_000,
                            unit="đồng/chứng chỉ",
                        ),
                    ),
                    fields=(
                        ef.past_date("exam_date", "Ngày thi sát hạch"),
                        ef.number("exam_score", "Tổng điểm thi", low=0, high=100),
                    ),
                ),
            ),
        ),
        department(
            "1.010007",
            "Thuê nhà ở công vụ thuộc thẩm quyền quản lý của UBND tỉnh",
            f.NO,
            subjects="Cán bộ, công chức được điều động, luân chuyển đến công tác tại tỉnh",
            result="Hợp đồng thuê nhà ở công vụ",
            legal=(
                HOUSING_LAW,
                basis(
                    "Nghị định số 95/2024/NĐ-CP ngày 24/7/2024 quy định chi tiết một số điều của Luật Nhà ở",
                    dt.date(2024, 8, 1),
                ),
            ),
            online="partial",
            postal="return",
            cases=(
                case(
                    "thue",
                    "Thuê nhà ở công vụ",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị thuê nhà ở công vụ",
                        "Mẫu số 01 Phụ lục II ban hành kèm theo Thông tư số 05/2024/TT-BXD",
                    ),
                    copy_doc(
                        "quyet-dinh-dieu-dong", "Bản sao quyết định điều động, luân chuyển công tác"
                    ),
                    paper(
                        "xac-nhan-nha-o",
                        "Giấy xác nhận chưa có nhà ở thuộc sở hữu tại nơi đến công tác",
                    ),
                    committed=15,
                    fees=(free("Lệ phí", "Không thu"),),
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "UBND tỉnh quyết định bố trí nhà ở công vụ",
                            24,
                            after_approval=True,
                        ),
                    ),
                    fields=(
                        ef.text("position", "Chức vụ, đơn vị công tác", max_length=255),
                        ef.text("transfer_decision", "Số quyết định điều động", max_length=30),
                        ef.number(
                            "family_members", "Số người cùng ở", integer=True, low=0, high=10
                        ),
                    ),
                ),
            ),
        ),
    ]
