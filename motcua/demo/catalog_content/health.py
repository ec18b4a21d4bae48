"""Health (Department of Health): practising licences, clinics, pharmacies, food safety of
catering, medical assessment."""

import datetime as dt
from functools import partial

from motcua.catalog.specs import ProcedureSpec
from motcua.demo import province_content as pc
from motcua.demo.catalog_content import fields as f
from motcua.demo.catalog_content import forms as ef
from motcua.demo.catalog_content.kit import (
    CD,
    D_HEALTH,
    PROVINCE_LEVEL,
    basis,
    case,
    copy_doc,
    fee,
    form_doc,
    paper,
    paper_if,
    procedure,
)

department = partial(procedure, level=PROVINCE_LEVEL, agencies=(pc.HEALTH,), decision=D_HEALTH)

KCB_LAW = basis("Luật Khám bệnh, chữa bệnh số 15/2023/QH15 ngày 09/01/2023", dt.date(2024, 1, 1))
KCB_DECREE = basis(
    "Nghị định số 96/2023/NĐ-CP ngày 30/12/2023 của Chính phủ quy định chi tiết một số điều "
    "của Luật Khám bệnh, chữa bệnh",
    dt.date(2024, 1, 1),
)
KCB_FEES = basis(
    "Thông tư số 59/2023/TT-BTC ngày 30/8/2023 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí trong lĩnh vực y tế",
    dt.date(2023, 10, 15),
)
PHARMACY_LAW = basis(
    "Luật Dược số 105/2016/QH13 (sửa đổi, bổ sung bởi Luật số 44/2024/QH15)", dt.date(2025, 7, 1)
)
PHARMACY_DECREE = basis(
    "Nghị định số 54/2017/NĐ-CP ngày 08/5/2017 của Chính phủ quy định chi tiết một số điều và "
    "biện pháp thi hành Luật Dược",
    dt.date(2017, 7, 1),
)
FOOD_LAW = basis("Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010", dt.date(2011, 7, 1))
FOOD_DECREE = basis(
    "Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật An toàn thực phẩm",
    dt.date(2018, 2, 2),
)
FOOD_FEES = basis(
    "Thông tư số 67/2021/TT-BTC ngày 05/8/2021 quy định mức thu, chế độ thu, nộp, quản lý và "
    "sử dụng phí trong công tác an toàn thực phẩm",
    dt.date(2021, 9, 20),
)


def _practitioner_fields() -> list[ef.FormField]:
    return [
        ef.select(
            "title",
            "Chức danh chuyên môn",
            (
                ("bac_si", "Bác sĩ"),
                ("y_si", "Y sĩ"),
                ("dieu_duong", "Điều dưỡng"),
                ("ho_sinh", "Hộ sinh"),
                ("ky_thuat_y", "Kỹ thuật y"),
                ("luong_y", "Lương y"),
            ),
        ),
        ef.text("scope", "Phạm vi hành nghề đề nghị", max_length=255),
        ef.text(
            "workplace",
            "Cơ sở khám bệnh, chữa bệnh đăng ký hành nghề",
            max_length=255,
            required=False,
        ),
    ]


def procedures() -> list[ProcedureSpec]:
    return [
        department(
            "1.012251",
            "Cấp mới, cấp lại, gia hạn giấy phép hành nghề khám bệnh, chữa bệnh",
            f.KCB,
            subjects="Người hành nghề khám bệnh, chữa bệnh (bác sĩ, y sĩ, điều dưỡng, hộ sinh, kỹ thuật y, lương y)",
            result="Giấy phép hành nghề khám bệnh, chữa bệnh (thời hạn 05 năm)",
            conditions="Có văn bằng phù hợp; đạt kỳ kiểm tra đánh giá năng lực hành nghề; đủ sức khỏe để hành nghề; không thuộc trường hợp đang bị cấm hành nghề.",
            legal=(KCB_LAW, KCB_DECREE, KCB_FEES),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới giấy phép hành nghề",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp mới giấy phép hành nghề",
                        "Mẫu 01 Phụ lục I ban hành kèm theo Nghị định số 96/2023/NĐ-CP",
                    ),
                    copy_doc("van-bang", "Bản sao hợp lệ văn bằng chuyên môn"),
                    paper(
                        "giay-kham-suc-khoe",
                        "Giấy chứng nhận đủ sức khỏe để hành nghề khám bệnh, chữa bệnh",
                    ),
                    paper(
                        "ket-qua-kiem-tra",
                        "Giấy chứng nhận đạt kỳ kiểm tra đánh giá năng lực hành nghề",
                    ),
                    paper("anh", "02 ảnh màu 04×06 cm nền trắng", originals=2),
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định cấp mới giấy phép hành nghề", 430_000, unit="đồng/hồ sơ"
                        ),
                    ),
                    review=True,
                    fields=_practitioner_fields(),
                ),
                case(
                    "cap-lai",
                    "Cấp lại giấy phép hành nghề (bị mất, hư hỏng, sai thông tin)",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp lại giấy phép hành nghề",
                        "Mẫu 03 Phụ lục I ban hành kèm theo Nghị định số 96/2023/NĐ-CP",
                    ),
                    paper_if(
                        "giay-phep-cu",
                        "Bản gốc giấy phép hành nghề đã được cấp",
                        "Khi giấy phép bị hư hỏng hoặc có thông tin sai",
                    ),
                    committed=7,
                    fees=(
                        fee(
                            "Phí thẩm định cấp lại giấy phép hành nghề", 150_000, unit="đồng/hồ sơ"
                        ),
                    ),
                    fields=(
                        ef.text("licence_number", "Số giấy phép hành nghề", max_length=30),
                        ef.select(
                            "reason",
                            "Lý do cấp lại",
                            (
                                ("mat", "Bị mất"),
                                ("hu_hong", "Bị hư hỏng"),
                                ("sai_thong_tin", "Có thông tin sai"),
                            ),
                        ),
                    ),
                ),
                case(
                    "gia-han",
                    "Gia hạn giấy phép hành nghề",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị gia hạn giấy phép hành nghề",
                        "Mẫu 02 Phụ lục I ban hành kèm theo Nghị định số 96/2023/NĐ-CP",
                    ),
                    paper(
                        "cap-nhat-kien-thuc",
                        "Giấy tờ chứng minh đã cập nhật kiến thức y khoa liên tục",
                    ),
                    paper("giay-kham-suc-khoe", "Giấy chứng nhận đủ sức khỏe để hành nghề"),
                    committed=12,
                    fees=(
                        fee(
                            "Phí thẩm định gia hạn giấy phép hành nghề", 430_000, unit="đồng/hồ sơ"
                        ),
                    ),
                    fields=(
                        ef.text("licence_number", "Số giấy phép hành nghề", max_length=30),
                        ef.number(
                            "cme_hours",
                            "Số giờ cập nhật kiến thức y khoa liên tục",
                            integer=True,
                            low=0,
                            high=1000,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.012260",
            "Cấp giấy phép hoạt động đối với phòng khám",
            f.KCB,
            subjects="Cơ sở khám bệnh, chữa bệnh theo hình thức phòng khám",
            individuals=False,
            organisations=True,
            result="Giấy phép hoạt động khám bệnh, chữa bệnh",
            legal=(KCB_LAW, KCB_DECREE, KCB_FEES),
            online="full",
            cases=(
                case(
                    "da-khoa",
                    "Phòng khám đa khoa",
                    60,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép hoạt động",
                        "Mẫu 01 Phụ lục II ban hành kèm theo Nghị định số 96/2023/NĐ-CP",
                    ),
                    paper(
                        "danh-sach-nhan-su", "Danh sách người hành nghề, kèm giấy phép hành nghề"
                    ),
                    paper("ke-khai-co-so-vat-chat", "Bản kê khai cơ sở vật chất, thiết bị y tế"),
                    copy_doc("giay-to-phap-ly", "Bản sao giấy tờ chứng minh tư cách pháp nhân"),
                    unit=CD,
                    committed=45,
                    note="Bao gồm thời gian thẩm định thực tế tại cơ sở (ngày theo lịch).",
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép hoạt động phòng khám đa khoa",
                            5_700_000,
                            unit="đồng/hồ sơ",
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.text("clinic_name", "Tên phòng khám", max_length=255),
                        ef.address("clinic_address", "Địa chỉ"),
                        ef.text(
                            "technical_director",
                            "Người chịu trách nhiệm chuyên môn kỹ thuật",
                            max_length=100,
                        ),
                        ef.number("practitioners", "Số người hành nghề", integer=True, low=1),
                    ),
                ),
                case(
                    "chuyen-khoa",
                    "Phòng khám chuyên khoa",
                    60,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép hoạt động",
                        "Mẫu 01 Phụ lục II ban hành kèm theo Nghị định số 96/2023/NĐ-CP",
                    ),
                    paper(
                        "danh-sach-nhan-su", "Danh sách người hành nghề, kèm giấy phép hành nghề"
                    ),
                    paper("ke-khai-co-so-vat-chat", "Bản kê khai cơ sở vật chất, thiết bị y tế"),
                    unit=CD,
                    committed=30,
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép hoạt động phòng khám chuyên khoa",
                            3_100_000,
                            unit="đồng/hồ sơ",
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.text("clinic_name", "Tên phòng khám", max_length=255),
                        ef.address("clinic_address", "Địa chỉ"),
                        ef.text("speciality", "Chuyên khoa", max_length=100),
                    ),
                ),
            ),
        ),
        department(
            "1.012270",
            "Cấp chứng chỉ hành nghề dược",
            f.DUOC,
            subjects="Người đề nghị cấp chứng chỉ hành nghề dược",
            result="Chứng chỉ hành nghề dược",
            legal=(
                PHARMACY_LAW,
                PHARMACY_DECREE,
                basis(
                    "Thông tư số 277/2016/TT-BTC quy định mức thu phí trong lĩnh vực dược, mỹ phẩm",
                    dt.date(2017, 1, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp chứng chỉ hành nghề dược",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Chứng chỉ hành nghề dược",
                        "Mẫu số 02 Phụ lục I ban hành kèm theo Nghị định số 54/2017/NĐ-CP",
                    ),
                    copy_doc("van-bang", "Bản sao văn bằng chuyên môn"),
                    paper("xac-nhan-thuc-hanh", "Giấy xác nhận thời gian thực hành chuyên môn"),
                    paper("giay-kham-suc-khoe", "Giấy chứng nhận đủ sức khỏe để hành nghề dược"),
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định cấp chứng chỉ hành nghề dược", 500_000, unit="đồng/hồ sơ"
                        ),
                    ),
                    fields=(
                        ef.select(
                            "degree",
                            "Văn bằng chuyên môn",
                            (
                                ("duoc_si_dai_hoc", "Dược sĩ đại học"),
                                ("cao_dang", "Cao đẳng dược"),
                                ("trung_cap", "Trung cấp dược"),
                                ("y_hoc_co_truyen", "Y học cổ truyền"),
                            ),
                        ),
                        ef.number(
                            "practice_months",
                            "Thời gian thực hành (tháng)",
                            integer=True,
                            low=0,
                            high=600,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.012275",
            "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc",
            f.DUOC,
            subjects="Nhà thuốc, quầy thuốc, tủ thuốc trạm y tế",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận đủ điều kiện kinh doanh dược; Giấy chứng nhận đạt Thực hành tốt cơ sở bán lẻ thuốc (GPP)",
            legal=(PHARMACY_LAW, PHARMACY_DECREE),
            online="full",
            cases=(
                case(
                    "nha-thuoc",
                    "Nhà thuốc",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
                        "Mẫu số 19 Phụ lục I ban hành kèm theo Nghị định số 54/2017/NĐ-CP",
                    ),
                    paper(
                        "tai-lieu-ky-thuat",
                        "Tài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị",
                    ),
                    copy_doc(
                        "cchn-duoc",
                        "Bản sao Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn",
                    ),
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định điều kiện kinh doanh thuốc", 1_000_000, unit="đồng/cơ sở"
                        ),
                    ),
                    review=True,
                    fields=(
                        *ef.business_place_fields(),
                        ef.text(
                            "pharmacist", "Dược sĩ chịu trách nhiệm chuyên môn", max_length=100
                        ),
                    ),
                ),
                case(
                    "quay-thuoc",
                    "Quầy thuốc",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
                        "Mẫu số 19 Phụ lục I ban hành kèm theo Nghị định số 54/2017/NĐ-CP",
                    ),
                    paper(
                        "tai-lieu-ky-thuat",
                        "Tài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị",
                    ),
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định điều kiện kinh doanh thuốc",
                            500_000,
                            unit="đồng/cơ sở",
                            exemption="Quầy thuốc tại xã miền núi, hải đảo, vùng có điều kiện kinh tế – xã hội khó khăn",
                        ),
                    ),
                    fields=ef.business_place_fields(),
                ),
            ),
        ),
        department(
            "1.012280",
            "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
            f.ATTP,
            subjects="Cơ sở kinh doanh dịch vụ ăn uống (nhà hàng, bếp ăn tập thể, căng tin)",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (thời hạn 03 năm)",
            legal=(FOOD_LAW, FOOD_DECREE, FOOD_FEES),
            online="full",
            cases=(
                case(
                    "an-uong",
                    "Cơ sở kinh doanh dịch vụ ăn uống",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                        "Mẫu số 01 ban hành kèm theo Thông tư số 47/2014/TT-BYT",
                    ),
                    paper(
                        "thuyet-minh", "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ"
                    ),
                    paper(
                        "tap-huan",
                        "Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm",
                        originals=0,
                        copies=1,
                    ),
                    paper(
                        "suc-khoe",
                        "Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp chế biến",
                        originals=0,
                        copies=1,
                    ),
                    committed=15,
                    fees=(
                        fee(
                            "Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống (phục vụ dưới 200 suất ăn)",
                            700_000,
                            unit="đồng/lần/cơ sở",
                        ),
                    ),
                    fields=(
                        *ef.business_place_fields(),
                        ef.number("meals_per_day", "Số suất ăn phục vụ/ngày", integer=True, low=1),
                    ),
                ),
            ),
        ),
        department(
            "1.012285",
            "Đăng ký bản công bố sản phẩm đối với thực phẩm dinh dưỡng dùng cho trẻ đến 36 tháng tuổi",
            f.ATTP,
            subjects="Tổ chức, cá nhân sản xuất, kinh doanh thực phẩm",
            individuals=False,
            organisations=True,
            result="Giấy tiếp nhận đăng ký bản công bố sản phẩm",
            legal=(FOOD_LAW, FOOD_DECREE, FOOD_FEES),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký bản công bố sản phẩm",
                    7,
                    form_doc(
                        "ban-cong-bo",
                        "Bản công bố sản phẩm",
                        "Mẫu số 02 Phụ lục I ban hành kèm theo Nghị định số 15/2018/NĐ-CP",
                    ),
                    paper(
                        "phieu-kiem-nghiem",
                        "Phiếu kết quả kiểm nghiệm an toàn thực phẩm trong 12 tháng",
                    ),
                    paper(
                        "bang-chung-khoa-hoc",
                        "Bằng chứng khoa học chứng minh công dụng của sản phẩm",
                    ),
                    committed=5,
                    fees=(
                        fee(
                            "Phí thẩm định hồ sơ đăng ký bản công bố sản phẩm",
                            1_500_000,
                            unit="đồng/lần/sản phẩm",
                        ),
                    ),
                    fields=(
                        ef.text("product_name", "Tên sản phẩm", max_length=255),
                        ef.text("manufacturer", "Nhà sản xuất", max_length=255),
                    ),
                ),
            ),
        ),
        department(
            "1.012290",
            "Xác nhận nội dung quảng cáo thực phẩm",
            f.ATTP,
            subjects="Tổ chức, cá nhân có sản phẩm thực phẩm cần quảng cáo",
            individuals=True,
            organisations=True,
            result="Giấy xác nhận nội dung quảng cáo",
            legal=(FOOD_LAW, FOOD_DECREE, FOOD_FEES),
            online="full",
            cases=(
                case(
                    "xac-nhan",
                    "Xác nhận nội dung quảng cáo",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị xác nhận nội dung quảng cáo",
                        "Mẫu số 10 Phụ lục I ban hành kèm theo Nghị định số 15/2018/NĐ-CP",
                    ),
                    paper("ma-ket", "Mẫu nội dung dự kiến quảng cáo (ma-két, kịch bản)"),
                    copy_doc(
                        "giay-tiep-nhan", "Bản sao Giấy tiếp nhận đăng ký bản công bố sản phẩm"
                    ),
                    committed=7,
                    fees=(
                        fee(
                            "Phí thẩm định nội dung quảng cáo", 1_100_000, unit="đồng/lần/sản phẩm"
                        ),
                    ),
                    fields=(
                        ef.text("product_name", "Tên sản phẩm", max_length=255),
                        ef.select(
                            "media",
                            "Phương tiện quảng cáo",
                            (
                                ("truyen_hinh", "Truyền hình"),
                                ("bao_in", "Báo in"),
                                ("bao_dien_tu", "Báo điện tử, mạng xã hội"),
                                ("bang_ron", "Bảng, biển, băng rôn"),
                            ),
                            multiple=True,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.012295",
            "Khám giám định mức độ suy giảm khả năng lao động",
            f.KCB,
            subjects="Người lao động đề nghị giám định để hưởng chế độ bảo hiểm xã hội, người có công",
            result="Biên bản giám định y khoa",
            legal=(
                basis(
                    "Thông tư số 56/2017/TT-BYT quy định chi tiết thi hành Luật Bảo hiểm xã hội và Luật An toàn, vệ sinh lao động thuộc lĩnh vực y tế",
                    dt.date(2018, 3, 1),
                ),
                basis(
                    "Thông tư số 243/2016/TT-BTC quy định mức thu phí giám định y khoa",
                    dt.date(2017, 1, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "giam-dinh",
                    "Khám giám định y khoa",
                    30,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị khám giám định",
                        "Mẫu số 03 ban hành kèm theo Thông tư số 56/2017/TT-BYT",
                    ),
                    paper(
                        "ho-so-benh-an",
                        "Bản sao hồ sơ bệnh án, giấy ra viện, giấy chứng nhận thương tích",
                        originals=0,
                        copies=1,
                    ),
                    unit=CD,
                    committed=20,
                    fees=(
                        fee(
                            "Phí giám định y khoa",
                            1_000_000,
                            unit="đồng/lần",
                            exemption="Người có công, người thuộc hộ nghèo được miễn",
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.select(
                            "purpose",
                            "Mục đích giám định",
                            (
                                ("huu_tri", "Hưởng lương hưu trước tuổi"),
                                ("tai_nan", "Tai nạn lao động"),
                                ("benh_nghe_nghiep", "Bệnh nghề nghiệp"),
                                ("nguoi_co_cong", "Chế độ người có công"),
                            ),
                        ),
                        ef.textarea(
                            "medical_history", "Tóm tắt quá trình bệnh tật", max_length=2000
                        ),
                    ),
                ),
            ),
        ),
    ]
