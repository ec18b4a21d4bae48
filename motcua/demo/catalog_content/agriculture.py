"""Agriculture and environment (the merged Department of Agriculture and Environment since 2025):
environmental permits, water, minerals, veterinary, crops, forestry, irrigation; disaster relief
and environmental registration at the communes."""

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
    D_AGRICULTURE,
    PROVINCE_LEVEL,
    WD,
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
)

department = partial(
    procedure,
    level=PROVINCE_LEVEL,
    agencies=(pc.AGRICULTURE_ENVIRONMENT,),
    decision=D_AGRICULTURE,
)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_AGRICULTURE)

ENVIRONMENT_LAW = basis(
    "Luật Bảo vệ môi trường số 72/2020/QH14 ngày 17/11/2020", dt.date(2022, 1, 1)
)
ENVIRONMENT_DECREE = basis(
    "Nghị định số 08/2022/NĐ-CP ngày 10/01/2022 của Chính phủ quy định chi tiết một số điều của "
    "Luật Bảo vệ môi trường (sửa đổi, bổ sung bởi Nghị định số 05/2025/NĐ-CP)",
    dt.date(2022, 1, 10),
)
ENVIRONMENT_FEES = basis(
    f"Nghị quyết số 14/2025/NQ-HĐND ngày 30/6/2025 của HĐND tỉnh {pc.PROVINCE_NAME} quy định "
    "mức thu phí thẩm định báo cáo đánh giá tác động môi trường, cấp giấy phép môi trường",
    dt.date(2025, 7, 10),
)
WATER_LAW = basis("Luật Tài nguyên nước số 28/2023/QH15 ngày 27/11/2023", dt.date(2024, 7, 1))
MINERALS_LAW = basis(
    "Luật Địa chất và khoáng sản số 54/2024/QH15 ngày 29/11/2024", dt.date(2025, 7, 1)
)
VETERINARY_LAW = basis("Luật Thú y số 79/2015/QH13 ngày 19/6/2015", dt.date(2016, 7, 1))
VETERINARY_FEES = basis(
    "Thông tư số 101/2020/TT-BTC ngày 23/11/2020 quy định mức thu, chế độ thu, nộp, quản lý và "
    "sử dụng phí, lệ phí trong công tác thú y",
    dt.date(2021, 1, 8),
)
CROP_LAW = basis("Luật Trồng trọt số 31/2018/QH14 ngày 19/11/2018", dt.date(2020, 1, 1))
FORESTRY_LAW = basis("Luật Lâm nghiệp số 16/2017/QH14 ngày 15/11/2017", dt.date(2019, 1, 1))
IRRIGATION_LAW = basis("Luật Thủy lợi số 08/2017/QH14 ngày 19/6/2017", dt.date(2018, 7, 1))
DISASTER_DECREE = basis(
    "Nghị định số 09/2025/NĐ-CP ngày 10/01/2025 của Chính phủ quy định chính sách hỗ trợ cây "
    "trồng, vật nuôi, thủy sản để khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh",
    dt.date(2025, 1, 10),
)
SAFE_FOOD_FEES = basis(
    "Thông tư số 44/2018/TT-BTC quy định mức thu phí thẩm định cấp giấy chứng nhận cơ sở đủ điều "
    "kiện an toàn thực phẩm nông, lâm, thủy sản",
    dt.date(2018, 7, 1),
)


def _project_fields() -> list[ef.FormField]:
    return [
        ef.text("project_name", "Tên dự án, cơ sở", max_length=255),
        ef.address("project_address", "Địa điểm thực hiện"),
        ef.select(
            "project_group",
            "Nhóm dự án theo tiêu chí môi trường",
            (("nhom_i", "Nhóm I"), ("nhom_ii", "Nhóm II"), ("nhom_iii", "Nhóm III")),
        ),
        ef.number("wastewater", "Lưu lượng nước thải (m³/ngày đêm)", low=0, required=False),
    ]


def _livestock_fields() -> list[ef.FormField]:
    return [
        ef.select(
            "animal",
            "Loại động vật, sản phẩm động vật",
            (
                ("lon", "Lợn"),
                ("trau_bo", "Trâu, bò"),
                ("gia_cam", "Gia cầm"),
                ("san_pham", "Sản phẩm động vật"),
            ),
        ),
        ef.number("quantity", "Số lượng (con) hoặc khối lượng (kg)", low=1),
        ef.address("origin", "Nơi xuất phát"),
        ef.text("destination", "Nơi đến (tỉnh, thành phố)", max_length=255),
        ef.text("vehicle_plate", "Biển số phương tiện vận chuyển", max_length=12, required=False),
    ]


def procedures() -> list[ProcedureSpec]:
    return [
        department(
            "1.004258",
            "Cấp giấy phép môi trường (cấp tỉnh)",
            f.MT,
            subjects="Chủ dự án đầu tư, cơ sở có phát sinh chất thải phải xử lý",
            individuals=False,
            organisations=True,
            result="Giấy phép môi trường",
            legal=(ENVIRONMENT_LAW, ENVIRONMENT_DECREE, ENVIRONMENT_FEES),
            online="full",
            cases=(
                case(
                    "khong-kiem-tra",
                    "Dự án, cơ sở không thuộc trường hợp phải kiểm tra thực tế",
                    20,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị cấp giấy phép môi trường",
                        "Mẫu số 01 Phụ lục XIII ban hành kèm theo Nghị định số 08/2022/NĐ-CP",
                    ),
                    form_doc(
                        "bao-cao-de-xuat",
                        "Báo cáo đề xuất cấp giấy phép môi trường",
                        "Mẫu Phụ lục IX ban hành kèm theo Nghị định số 08/2022/NĐ-CP",
                    ),
                    unit=CD,
                    committed=15,
                    note="Ngày theo lịch, kể từ ngày nhận đủ hồ sơ hợp lệ.",
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép môi trường", 15_000_000, unit="đồng/hồ sơ"
                        ),
                    ),
                    fields=_project_fields(),
                ),
                case(
                    "co-kiem-tra",
                    "Dự án, cơ sở phải kiểm tra thực tế (thành lập đoàn kiểm tra)",
                    30,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị cấp giấy phép môi trường",
                        "Mẫu số 01 Phụ lục XIII ban hành kèm theo Nghị định số 08/2022/NĐ-CP",
                    ),
                    form_doc(
                        "bao-cao-de-xuat",
                        "Báo cáo đề xuất cấp giấy phép môi trường",
                        "Mẫu Phụ lục VIII ban hành kèm theo Nghị định số 08/2022/NĐ-CP",
                    ),
                    unit=CD,
                    committed=25,
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép môi trường", 20_000_000, unit="đồng/hồ sơ"
                        ),
                    ),
                    review=True,
                    fields=_project_fields(),
                ),
            ),
        ),
        department(
            "1.004260",
            "Thẩm định báo cáo đánh giá tác động môi trường",
            f.MT,
            subjects="Chủ dự án đầu tư thuộc đối tượng phải thực hiện đánh giá tác động môi trường",
            individuals=False,
            organisations=True,
            result="Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường",
            legal=(ENVIRONMENT_LAW, ENVIRONMENT_DECREE, ENVIRONMENT_FEES),
            online="full",
            cases=(
                case(
                    "nhom-ii",
                    "Dự án nhóm II",
                    30,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị thẩm định báo cáo đánh giá tác động môi trường",
                        "Mẫu số 01 Phụ lục IV ban hành kèm theo Nghị định số 08/2022/NĐ-CP",
                    ),
                    paper("bao-cao-dtm", "Báo cáo đánh giá tác động môi trường"),
                    paper("bao-cao-nckt", "Báo cáo nghiên cứu khả thi hoặc tài liệu tương đương"),
                    unit=CD,
                    committed=25,
                    note="Ngày theo lịch; không kể thời gian chủ dự án chỉnh sửa, bổ sung báo cáo.",
                    fees=(
                        fee(
                            "Phí thẩm định báo cáo đánh giá tác động môi trường",
                            18_000_000,
                            unit="đồng/báo cáo",
                        ),
                    ),
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "UBND tỉnh phê duyệt kết quả thẩm định",
                            24,
                            after_approval=True,
                        ),
                    ),
                    review=True,
                    fields=(
                        *_project_fields(),
                        ef.number("total_investment", "Tổng vốn đầu tư (tỷ đồng)", low=0),
                    ),
                ),
            ),
        ),
        commune(
            "1.004262",
            "Đăng ký môi trường",
            f.MT,
            subjects="Chủ dự án đầu tư, cơ sở thuộc đối tượng phải đăng ký môi trường",
            individuals=True,
            organisations=True,
            result="Thông tin đăng ký môi trường được tiếp nhận và cập nhật vào cơ sở dữ liệu môi trường",
            legal=(ENVIRONMENT_LAW, ENVIRONMENT_DECREE),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký môi trường",
                    5,
                    form_doc(
                        "phieu-dang-ky",
                        "Văn bản đăng ký môi trường",
                        "Mẫu Phụ lục XLVII ban hành kèm theo Thông tư số 02/2022/TT-BTNMT",
                    ),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        *_project_fields(),
                        ef.textarea(
                            "waste_measures", "Biện pháp thu gom, xử lý chất thải", max_length=3000
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.004270",
            "Cấp giấy phép khai thác, sử dụng nước mặt",
            f.TNN,
            subjects="Tổ chức, cá nhân khai thác, sử dụng nước mặt thuộc thẩm quyền cấp phép của UBND tỉnh",
            individuals=True,
            organisations=True,
            result="Giấy phép khai thác, sử dụng nước mặt",
            legal=(
                WATER_LAW,
                basis(
                    "Nghị định số 54/2024/NĐ-CP ngày 16/5/2024 quy định việc hành nghề khoan nước dưới đất, kê khai, đăng ký, cấp phép tài nguyên nước",
                    dt.date(2024, 7, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    30,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép khai thác, sử dụng nước mặt",
                        "Mẫu số 04 Phụ lục I ban hành kèm theo Nghị định số 54/2024/NĐ-CP",
                    ),
                    paper("de-an", "Đề án khai thác, sử dụng nước mặt"),
                    paper("ket-qua-phan-tich", "Kết quả phân tích chất lượng nguồn nước"),
                    committed=25,
                    fees=(
                        fee(
                            "Phí thẩm định đề án khai thác, sử dụng nước mặt",
                            5_000_000,
                            unit="đồng/đề án",
                        ),
                    ),
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "UBND tỉnh cấp giấy phép",
                            24,
                            after_approval=True,
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.text("water_source", "Nguồn nước khai thác", max_length=255),
                        ef.number("flow", "Lưu lượng khai thác (m³/ngày đêm)", low=1),
                        ef.select(
                            "purpose",
                            "Mục đích sử dụng",
                            (
                                ("sinh_hoat", "Cấp nước sinh hoạt"),
                                ("san_xuat", "Sản xuất công nghiệp"),
                                ("nong_nghiep", "Tưới tiêu nông nghiệp"),
                                ("thuy_dien", "Thủy điện"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.004275",
            "Cấp giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường",
            f.KS,
            subjects="Doanh nghiệp, hợp tác xã, hộ kinh doanh đã trúng đấu giá quyền khai thác khoáng sản",
            individuals=True,
            organisations=True,
            result="Giấy phép khai thác khoáng sản",
            legal=(
                MINERALS_LAW,
                basis(
                    "Nghị định số 193/2025/NĐ-CP quy định chi tiết một số điều của Luật Địa chất và khoáng sản",
                    dt.date(2025, 7, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "cap-moi",
                    "Cấp giấy phép khai thác",
                    45,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép khai thác khoáng sản",
                        "Mẫu số 10 Phụ lục ban hành kèm theo Nghị định số 193/2025/NĐ-CP",
                    ),
                    paper("du-an", "Dự án đầu tư khai thác khoáng sản kèm quyết định phê duyệt"),
                    copy_doc(
                        "ket-qua-dau-gia",
                        "Bản sao văn bản công nhận kết quả trúng đấu giá quyền khai thác khoáng sản",
                    ),
                    copy_doc(
                        "dtm",
                        "Bản sao quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường",
                    ),
                    unit=CD,
                    committed=35,
                    fees=(
                        charge(
                            "Lệ phí cấp giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường",
                            15_000_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "UBND tỉnh cấp giấy phép khai thác",
                            40,
                            after_approval=True,
                        ),
                        handoff(
                            "thue",
                            pc.TAX,
                            "Thuế tỉnh thông báo tiền cấp quyền khai thác",
                            16,
                            after_approval=True,
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.select(
                            "mineral",
                            "Loại khoáng sản",
                            (
                                ("cat_soi", "Cát, sỏi lòng sông"),
                                ("da_xay_dung", "Đá xây dựng"),
                                ("dat_san_lap", "Đất san lấp"),
                                ("set_gach_ngoi", "Sét gạch ngói"),
                            ),
                        ),
                        ef.number("area_ha", "Diện tích khu vực khai thác (ha)", low=0.01),
                        ef.number("capacity", "Công suất khai thác (m³/năm)", low=1),
                    ),
                ),
            ),
        ),
        department(
            "1.004280",
            "Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
            f.TY,
            subjects="Chủ hàng vận chuyển động vật, sản phẩm động vật",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
            legal=(
                VETERINARY_LAW,
                VETERINARY_FEES,
                basis(
                    "Thông tư số 25/2016/TT-BNNPTNT quy định về kiểm dịch động vật, sản phẩm động vật trên cạn",
                    dt.date(2016, 8, 15),
                ),
            ),
            online="full",
            cutoff="off",
            cases=(
                case(
                    "co-so-an-toan",
                    "Động vật, sản phẩm động vật xuất phát từ cơ sở an toàn dịch bệnh hoặc đã được giám sát",
                    8,
                    form_doc(
                        "giay-dang-ky",
                        "Giấy đăng ký kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
                        "Mẫu 1 Phụ lục V ban hành kèm theo Thông tư số 25/2016/TT-BNNPTNT",
                    ),
                    unit=WH,
                    committed=4,
                    note="Trong 01 ngày làm việc kể từ khi nhận đăng ký kiểm dịch.",
                    fees=(
                        fee(
                            "Phí kiểm dịch động vật, sản phẩm động vật", 40_000, unit="đồng/lô hàng"
                        ),
                    ),
                    fields=_livestock_fields(),
                ),
                case(
                    "cach-ly",
                    "Phải cách ly kiểm dịch, lấy mẫu xét nghiệm",
                    5,
                    form_doc(
                        "giay-dang-ky",
                        "Giấy đăng ký kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
                        "Mẫu 1 Phụ lục V ban hành kèm theo Thông tư số 25/2016/TT-BNNPTNT",
                    ),
                    unit=WD,
                    committed=4,
                    fees=(
                        fee(
                            "Phí kiểm dịch động vật, sản phẩm động vật", 40_000, unit="đồng/lô hàng"
                        ),
                        fee("Phí xét nghiệm mẫu", 150_000, unit="đồng/mẫu"),
                    ),
                    fields=_livestock_fields(),
                ),
            ),
        ),
        department(
            "1.004285",
            "Cấp chứng chỉ hành nghề thú y",
            f.TY,
            subjects="Cá nhân hành nghề tiêm phòng, chữa bệnh, phẫu thuật động vật; tư vấn, xét nghiệm bệnh động vật; buôn bán thuốc thú y",
            result="Chứng chỉ hành nghề thú y",
            legal=(VETERINARY_LAW, VETERINARY_FEES),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp chứng chỉ",
                    5,
                    form_doc(
                        "don",
                        "Đơn đăng ký cấp chứng chỉ hành nghề thú y",
                        "Mẫu số 01 Phụ lục V ban hành kèm theo Nghị định số 35/2016/NĐ-CP",
                    ),
                    copy_doc("van-bang", "Bản sao văn bằng, chứng chỉ chuyên môn phù hợp"),
                    paper("anh", "01 ảnh 4×6 cm"),
                    committed=3,
                    fees=(
                        charge(
                            "Lệ phí cấp chứng chỉ hành nghề thú y", 50_000, unit="đồng/chứng chỉ"
                        ),
                    ),
                    fields=(
                        ef.select(
                            "practice_scope",
                            "Phạm vi hành nghề",
                            (
                                ("tiem_phong", "Tiêm phòng, chữa bệnh, phẫu thuật động vật"),
                                ("xet_nghiem", "Tư vấn, xét nghiệm bệnh động vật"),
                                ("buon_ban_thuoc", "Buôn bán thuốc thú y"),
                            ),
                            multiple=True,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.004290",
            "Cấp Giấy chứng nhận cơ sở an toàn dịch bệnh động vật",
            f.TY,
            subjects="Cơ sở chăn nuôi, cơ sở sản xuất giống",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận cơ sở an toàn dịch bệnh động vật (thời hạn 05 năm)",
            legal=(VETERINARY_LAW, VETERINARY_FEES),
            online="partial",
            cases=(
                case(
                    "cap-moi",
                    "Cấp lần đầu",
                    10,
                    form_doc(
                        "don",
                        "Đơn đăng ký chứng nhận cơ sở an toàn dịch bệnh động vật",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Thông tư số 24/2022/TT-BNNPTNT",
                    ),
                    paper(
                        "bao-cao-giam-sat",
                        "Báo cáo kết quả giám sát dịch bệnh, kèm phiếu kết quả xét nghiệm",
                    ),
                    committed=7,
                    fees=(fee("Phí thẩm định cơ sở an toàn dịch bệnh", 300_000, unit="đồng/lần"),),
                    fields=(
                        *_livestock_fields()[:2],
                        ef.address("farm_address", "Địa chỉ cơ sở chăn nuôi"),
                    ),
                ),
            ),
        ),
        department(
            "1.004295",
            "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, thủy sản",
            f.ATTP,
            subjects="Cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (thời hạn 03 năm)",
            legal=(
                basis("Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010", dt.date(2011, 7, 1)),
                SAFE_FOOD_FEES,
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    15,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                        "Mẫu Phụ lục V ban hành kèm theo Thông tư số 38/2018/TT-BNNPTNT",
                    ),
                    paper(
                        "thuyet-minh",
                        "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm an toàn thực phẩm",
                    ),
                    committed=10,
                    fees=(
                        fee(
                            "Phí thẩm định cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản",
                            700_000,
                            unit="đồng/lần/cơ sở",
                        ),
                    ),
                    review=True,
                    fields=(
                        *ef.business_place_fields(),
                        ef.textarea("products", "Sản phẩm sản xuất, kinh doanh", max_length=1000),
                    ),
                ),
            ),
        ),
        department(
            "1.004300",
            "Cấp mã số vùng trồng phục vụ xuất khẩu",
            f.TTBVTV,
            subjects="Tổ chức, cá nhân, hợp tác xã có vùng trồng nông sản xuất khẩu",
            individuals=True,
            organisations=True,
            result="Mã số vùng trồng",
            legal=(
                CROP_LAW,
                basis(
                    "Nghị định số 37/2024/NĐ-CP ngày 04/4/2024 sửa đổi Nghị định số 94/2019/NĐ-CP quy định chi tiết Luật Trồng trọt về giống cây trồng và canh tác",
                    dt.date(2024, 4, 4),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-ma",
                    "Cấp mã số vùng trồng",
                    15,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị cấp mã số vùng trồng",
                        "Mẫu số 01.MSVT ban hành kèm theo Nghị định số 37/2024/NĐ-CP",
                    ),
                    paper("ban-do-vung-trong", "Bản đồ, danh sách hộ, diện tích vùng trồng"),
                    committed=10,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("crop", "Loại cây trồng", max_length=100),
                        ef.number("area_ha", "Diện tích vùng trồng (ha)", low=1),
                        ef.text("export_market", "Thị trường xuất khẩu", max_length=100),
                    ),
                ),
            ),
        ),
        department(
            "1.004305",
            "Phê duyệt phương án trồng rừng thay thế",
            f.LN,
            subjects="Chủ dự án có chuyển mục đích sử dụng rừng sang mục đích khác",
            individuals=False,
            organisations=True,
            result="Quyết định phê duyệt phương án trồng rừng thay thế",
            legal=(
                FORESTRY_LAW,
                basis(
                    "Nghị định số 156/2018/NĐ-CP quy định chi tiết thi hành một số điều của Luật Lâm nghiệp (sửa đổi bởi Nghị định số 91/2024/NĐ-CP)",
                    dt.date(2024, 9, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "phe-duyet",
                    "Phê duyệt phương án",
                    15,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị phê duyệt phương án trồng rừng thay thế",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Thông tư số 25/2022/TT-BNNPTNT",
                    ),
                    paper("phuong-an", "Phương án trồng rừng thay thế"),
                    committed=10,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("project_name", "Tên dự án", max_length=255),
                        ef.number("forest_area", "Diện tích rừng chuyển mục đích (ha)", low=0.01),
                        ef.address("replanting_site", "Địa điểm trồng rừng thay thế"),
                    ),
                ),
            ),
        ),
        commune(
            "1.004310",
            "Hỗ trợ khôi phục sản xuất nông nghiệp vùng bị thiệt hại do thiên tai, dịch bệnh",
            f.TL,
            subjects="Hộ gia đình, cá nhân, tổ chức sản xuất nông nghiệp bị thiệt hại",
            individuals=True,
            organisations=True,
            result="Quyết định hỗ trợ của Chủ tịch UBND cấp xã",
            conditions="Thiệt hại từ 30% trở lên; sản xuất tuân thủ quy hoạch, kế hoạch, hướng dẫn của cơ quan chuyên môn.",
            legal=(DISASTER_DECREE,),
            online="full",
            cases=(
                case(
                    "trong-trot",
                    "Thiệt hại về cây trồng",
                    10,
                    form_doc(
                        "don",
                        "Văn bản đề nghị hỗ trợ",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Nghị định số 09/2025/NĐ-CP",
                    ),
                    committed=5,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("crop", "Loại cây trồng", max_length=100),
                        ef.number("damaged_area", "Diện tích thiệt hại (m²)", low=1),
                        ef.number("damage_percent", "Mức độ thiệt hại (%)", low=30, high=100),
                        ef.past_date("damage_date", "Thời điểm thiệt hại"),
                    ),
                ),
                case(
                    "chan-nuoi",
                    "Thiệt hại về vật nuôi, thủy sản",
                    10,
                    form_doc(
                        "don",
                        "Văn bản đề nghị hỗ trợ",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Nghị định số 09/2025/NĐ-CP",
                    ),
                    paper_if(
                        "xac-nhan-dich-benh",
                        "Biên bản xác nhận gia súc, gia cầm bị chết do dịch bệnh",
                        "Khi thiệt hại do dịch bệnh động vật",
                    ),
                    committed=5,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        *_livestock_fields()[:2],
                        ef.past_date("damage_date", "Thời điểm thiệt hại"),
                    ),
                ),
            ),
        ),
        department(
            "1.004315",
            "Cấp giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi",
            f.TL,
            subjects="Tổ chức, cá nhân thực hiện hoạt động trong phạm vi bảo vệ công trình thủy lợi",
            individuals=True,
            organisations=True,
            result="Giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi",
            legal=(
                IRRIGATION_LAW,
                basis(
                    "Nghị định số 67/2018/NĐ-CP quy định chi tiết một số điều của Luật Thủy lợi (sửa đổi bởi Nghị định số 40/2023/NĐ-CP)",
                    dt.date(2023, 8, 10),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép",
                        "Mẫu số 01 Phụ lục I ban hành kèm theo Nghị định số 67/2018/NĐ-CP",
                    ),
                    paper("ban-ve", "Bản vẽ mặt bằng, mặt cắt thể hiện phạm vi hoạt động"),
                    paper(
                        "y-kien-don-vi-khai-thac",
                        "Văn bản ý kiến của tổ chức, cá nhân khai thác công trình thủy lợi",
                    ),
                    committed=15,
                    fees=(fee("Phí thẩm định cấp giấy phép", 1_000_000, unit="đồng/giấy phép"),),
                    fields=(
                        ef.text("work_name", "Tên công trình thủy lợi", max_length=255),
                        ef.select(
                            "activity",
                            "Hoạt động đề nghị",
                            (
                                ("xay_dung", "Xây dựng công trình mới"),
                                ("xa_thai", "Xả nước thải vào công trình thủy lợi"),
                                ("giao_thong", "Phương tiện cơ giới đi qua"),
                                ("khac", "Hoạt động khác"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ]
