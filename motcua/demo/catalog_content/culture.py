"""Culture, tourism and sports: karaoke and festivals (communes), performances, travel agencies,
tour guides and accommodation ratings (Department of Culture, Sports and Tourism)."""

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
    D_CULTURE,
    PROVINCE_LEVEL,
    basis,
    case,
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
    procedure, level=PROVINCE_LEVEL, agencies=(pc.CULTURE_SPORTS_TOURISM,), decision=D_CULTURE
)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_CULTURE)

KARAOKE_DECREE = basis(
    "Nghị định số 54/2019/NĐ-CP ngày 19/6/2019 của Chính phủ quy định về kinh doanh dịch vụ "
    "karaoke, dịch vụ vũ trường",
    dt.date(2019, 9, 1),
)
KARAOKE_FEES = basis(
    "Thông tư số 01/2021/TT-BTC ngày 07/01/2021 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí thẩm định cấp giấy phép kinh doanh karaoke, vũ trường",
    dt.date(2021, 2, 22),
)
FESTIVAL_DECREE = basis(
    "Nghị định số 110/2018/NĐ-CP ngày 29/8/2018 của Chính phủ quy định về quản lý và tổ chức lễ hội",
    dt.date(2018, 10, 15),
)
PERFORMANCE_DECREE = basis(
    "Nghị định số 144/2020/NĐ-CP ngày 14/12/2020 của Chính phủ quy định về hoạt động nghệ thuật "
    "biểu diễn",
    dt.date(2021, 2, 1),
)
TOURISM_LAW = basis("Luật Du lịch số 09/2017/QH14 ngày 19/6/2017", dt.date(2018, 1, 1))
TOURISM_FEES = basis(
    "Thông tư số 33/2018/TT-BTC ngày 30/3/2018 quy định mức thu phí thẩm định cấp giấy phép kinh "
    "doanh dịch vụ lữ hành, phí thẩm định cấp thẻ hướng dẫn viên du lịch",
    dt.date(2018, 5, 15),
)
SPORTS_LAW = basis(
    "Luật Thể dục, thể thao số 77/2006/QH11 (sửa đổi, bổ sung bởi Luật số 26/2018/QH14)",
    dt.date(2019, 1, 1),
)
DECREE_137 = basis(
    "Nghị định số 137/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định về phân định thẩm quyền "
    "của chính quyền địa phương 02 cấp trong lĩnh vực văn hóa, thể thao và du lịch",
    dt.date(2025, 7, 1),
)


def procedures() -> list[ProcedureSpec]:
    return [
        commune(
            "1.001029",
            "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
            f.VH,
            subjects="Doanh nghiệp, hộ kinh doanh dịch vụ karaoke",
            individuals=True,
            organisations=True,
            result="Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
            conditions="Phòng hát có diện tích sử dụng từ 20 m² trở lên; không được đặt chốt cửa bên trong hoặc thiết bị báo động; bảo đảm điều kiện phòng cháy, chữa cháy.",
            legal=(KARAOKE_DECREE, KARAOKE_FEES, DECREE_137),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
                        "Mẫu số 01 ban hành kèm theo Nghị định số 54/2019/NĐ-CP",
                    ),
                    copy_doc(
                        "dang-ky-kinh-doanh",
                        "Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh",
                    ),
                    paper_if(
                        "pccc",
                        "Bản sao văn bản nghiệm thu về phòng cháy và chữa cháy",
                        "Khi cơ sở thuộc diện phải nghiệm thu phòng cháy, chữa cháy",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép kinh doanh karaoke (từ 01 đến 03 phòng)",
                            3_000_000,
                            unit="đồng/giấy phép",
                            exemption="Từ 04 phòng trở lên: thêm 1.000.000 đồng/phòng, tổng mức thu không quá 12.000.000 đồng/giấy phép",
                        ),
                    ),
                    fields=(
                        *ef.business_place_fields(),
                        ef.number("rooms", "Số phòng hát", integer=True, low=1, high=200),
                        ef.number(
                            "smallest_room_area", "Diện tích phòng hát nhỏ nhất (m²)", low=20
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.001030",
            "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường",
            f.VH,
            subjects="Doanh nghiệp, hộ kinh doanh dịch vụ vũ trường",
            individuals=True,
            organisations=True,
            result="Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường",
            legal=(KARAOKE_DECREE, KARAOKE_FEES),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường",
                        "Mẫu số 02 ban hành kèm theo Nghị định số 54/2019/NĐ-CP",
                    ),
                    copy_doc(
                        "dang-ky-kinh-doanh",
                        "Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh",
                    ),
                    copy_doc("pccc", "Bản sao văn bản nghiệm thu về phòng cháy và chữa cháy"),
                    committed=4,
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép kinh doanh vũ trường",
                            10_000_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    review=True,
                    fields=(
                        *ef.business_place_fields(),
                        ef.number("hall_area", "Diện tích phòng vũ trường (m²)", low=80),
                    ),
                ),
            ),
        ),
        commune(
            "1.001100",
            "Thông báo tổ chức lễ hội cấp xã",
            f.VH,
            subjects="Ban tổ chức lễ hội, cơ sở tín ngưỡng, tổ chức tôn giáo",
            individuals=True,
            organisations=True,
            result="Văn bản trả lời (trường hợp không đồng ý thì nêu rõ lý do)",
            legal=(FESTIVAL_DECREE, DECREE_137),
            online="full",
            cases=(
                case(
                    "thong-bao",
                    "Thông báo tổ chức lễ hội",
                    5,
                    form_doc(
                        "van-ban-thong-bao",
                        "Văn bản thông báo tổ chức lễ hội",
                        "Mẫu số 02 ban hành kèm theo Nghị định số 110/2018/NĐ-CP",
                    ),
                    paper(
                        "chuong-trinh",
                        "Chương trình, kế hoạch tổ chức lễ hội, thành phần ban tổ chức",
                    ),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("festival_name", "Tên lễ hội", max_length=255),
                        ef.address("venue", "Địa điểm tổ chức"),
                        ef.date("start_date", "Ngày bắt đầu", low="today"),
                        ef.number("days", "Số ngày tổ chức", integer=True, low=1, high=30),
                    ),
                ),
            ),
        ),
        department(
            "1.001105",
            "Đăng ký tổ chức lễ hội cấp tỉnh",
            f.VH,
            subjects="Cơ quan, tổ chức tổ chức lễ hội truyền thống lần đầu hoặc được khôi phục sau thời gian gián đoạn",
            individuals=False,
            organisations=True,
            result="Văn bản chấp thuận của UBND tỉnh",
            legal=(FESTIVAL_DECREE,),
            online="partial",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký tổ chức lễ hội",
                    15,
                    form_doc(
                        "van-ban-dang-ky",
                        "Văn bản đăng ký tổ chức lễ hội",
                        "Mẫu số 01 ban hành kèm theo Nghị định số 110/2018/NĐ-CP",
                    ),
                    paper(
                        "de-an",
                        "Đề án tổ chức lễ hội (phần nghi lễ, phần hội, phương án bảo đảm an ninh, trật tự)",
                    ),
                    committed=10,
                    fees=(free("Lệ phí", "Không thu"),),
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "UBND tỉnh xem xét, chấp thuận",
                            24,
                            after_approval=True,
                        ),
                    ),
                    fields=(
                        ef.text("festival_name", "Tên lễ hội", max_length=255),
                        ef.address("venue", "Địa điểm tổ chức"),
                        ef.date("start_date", "Ngày bắt đầu", low="today"),
                        ef.number(
                            "expected_visitors", "Số người tham dự dự kiến", integer=True, low=1
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.001110",
            "Tổ chức biểu diễn nghệ thuật trên địa bàn tỉnh",
            f.VH,
            subjects="Tổ chức, cá nhân tổ chức biểu diễn nghệ thuật (trừ đơn vị nghệ thuật công lập)",
            individuals=True,
            organisations=True,
            result="Văn bản chấp thuận tổ chức biểu diễn nghệ thuật",
            legal=(PERFORMANCE_DECREE,),
            online="full",
            cases=(
                case(
                    "chap-thuan",
                    "Chấp thuận tổ chức biểu diễn",
                    5,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị tổ chức biểu diễn nghệ thuật",
                        "Mẫu số 01 ban hành kèm theo Nghị định số 144/2020/NĐ-CP",
                    ),
                    paper("kich-ban", "Kịch bản, danh mục tác phẩm, danh sách người biểu diễn"),
                    paper_if(
                        "nguoi-nuoc-ngoai",
                        "Văn bản thỏa thuận với tổ chức, cá nhân nước ngoài tham gia biểu diễn",
                        "Khi có tổ chức, cá nhân nước ngoài tham gia biểu diễn",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("programme_name", "Tên chương trình", max_length=255),
                        ef.address("venue", "Địa điểm biểu diễn"),
                        ef.date("performance_date", "Ngày biểu diễn", low="today"),
                        ef.group(
                            "works",
                            "Danh mục tác phẩm",
                            [
                                ef.text("title", "Tên tác phẩm", max_length=255),
                                ef.text("author", "Tác giả", max_length=100),
                            ],
                            repeat=True,
                            min_items=1,
                            max_items=60,
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.001125",
            "Xét tặng danh hiệu “Gia đình văn hóa”",
            f.VH,
            subjects="Hộ gia đình",
            result="Quyết định và Giấy khen tặng danh hiệu “Gia đình văn hóa” của Chủ tịch UBND cấp xã",
            legal=(
                basis(
                    "Nghị định số 86/2023/NĐ-CP ngày 07/12/2023 quy định khung tiêu chuẩn và trình tự, thủ tục, hồ sơ xét tặng danh hiệu “Gia đình văn hóa”, “Thôn, tổ dân phố văn hóa”",
                    dt.date(2024, 1, 25),
                ),
            ),
            online="none",
            postal="none",
            cases=(
                case(
                    "xet-tang",
                    "Xét tặng danh hiệu",
                    5,
                    paper("bien-ban-binh-xet", "Biên bản họp bình xét của thôn, tổ dân phố"),
                    paper("danh-sach", "Danh sách hộ gia đình đề nghị xét tặng"),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("village", "Thôn, tổ dân phố", max_length=100),
                        ef.number("households", "Số hộ đề nghị", integer=True, low=1, high=2000),
                    ),
                ),
            ),
        ),
        department(
            "1.001130",
            "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
            f.DL,
            subjects="Doanh nghiệp kinh doanh dịch vụ lữ hành nội địa",
            individuals=False,
            organisations=True,
            result="Giấy phép kinh doanh dịch vụ lữ hành nội địa",
            conditions="Ký quỹ kinh doanh dịch vụ lữ hành nội địa 100.000.000 đồng tại ngân hàng; người phụ trách kinh doanh tốt nghiệp chuyên ngành về lữ hành hoặc có chứng chỉ nghiệp vụ điều hành du lịch nội địa.",
            legal=(
                TOURISM_LAW,
                basis(
                    "Nghị định số 168/2017/NĐ-CP quy định chi tiết một số điều của Luật Du lịch (sửa đổi bởi Nghị định số 94/2021/NĐ-CP)",
                    dt.date(2018, 1, 1),
                ),
                TOURISM_FEES,
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành nội địa",
                        "Mẫu số 02 Phụ lục II ban hành kèm theo Thông tư số 06/2017/TT-BVHTTDL",
                    ),
                    paper("ky-quy", "Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành"),
                    copy_doc(
                        "van-bang",
                        "Bản sao văn bằng, chứng chỉ của người phụ trách kinh doanh dịch vụ lữ hành",
                    ),
                    committed=7,
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa",
                            3_000_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    fields=(
                        ef.text("deposit_bank", "Ngân hàng nhận ký quỹ", max_length=255),
                        ef.number("deposit_amount", "Số tiền ký quỹ (đồng)", low=100_000_000),
                        ef.text(
                            "manager", "Người phụ trách kinh doanh dịch vụ lữ hành", max_length=100
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.001140",
            "Cấp thẻ hướng dẫn viên du lịch tại điểm",
            f.DL,
            subjects="Người đạt yêu cầu kiểm tra nghiệp vụ hướng dẫn du lịch tại điểm",
            result="Thẻ hướng dẫn viên du lịch tại điểm",
            legal=(TOURISM_LAW, TOURISM_FEES),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp thẻ",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp thẻ hướng dẫn viên du lịch",
                        "Mẫu số 08 Phụ lục II ban hành kèm theo Thông tư số 06/2017/TT-BVHTTDL",
                    ),
                    paper(
                        "giay-kham-suc-khoe",
                        "Giấy chứng nhận sức khỏe do cơ sở khám bệnh có thẩm quyền cấp trong 06 tháng",
                    ),
                    paper(
                        "giay-chung-nhan-kiem-tra", "Giấy chứng nhận đạt yêu cầu kiểm tra nghiệp vụ"
                    ),
                    paper("anh", "02 ảnh chân dung màu cỡ 3×4 cm", originals=2),
                    committed=7,
                    fees=(
                        fee(
                            "Phí thẩm định cấp thẻ hướng dẫn viên du lịch tại điểm",
                            200_000,
                            unit="đồng/thẻ",
                        ),
                    ),
                    fields=(
                        ef.text(
                            "destination", "Khu du lịch, điểm du lịch hướng dẫn", max_length=255
                        ),
                        ef.select(
                            "languages",
                            "Ngôn ngữ hướng dẫn",
                            (
                                ("vi", "Tiếng Việt"),
                                ("en", "Tiếng Anh"),
                                ("zh", "Tiếng Trung"),
                                ("fr", "Tiếng Pháp"),
                                ("ko", "Tiếng Hàn"),
                            ),
                            multiple=True,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.001150",
            "Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao, 3 sao",
            f.DL,
            subjects="Khách sạn, biệt thự du lịch, căn hộ du lịch, tàu thủy lưu trú du lịch",
            individuals=True,
            organisations=True,
            result="Quyết định công nhận hạng cơ sở lưu trú du lịch; biển hiệu hạng",
            legal=(
                TOURISM_LAW,
                basis(
                    "Thông tư số 34/2018/TT-BTC quy định mức thu phí thẩm định cấp, công nhận hạng cơ sở lưu trú du lịch",
                    dt.date(2018, 5, 15),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cong-nhan",
                    "Công nhận hạng",
                    30,
                    form_doc(
                        "don",
                        "Đơn đề nghị công nhận hạng cơ sở lưu trú du lịch",
                        "Mẫu số 04 Phụ lục II ban hành kèm theo Thông tư số 06/2017/TT-BVHTTDL",
                    ),
                    paper(
                        "bang-tu-danh-gia",
                        "Bản tự đánh giá chất lượng cơ sở lưu trú du lịch theo tiêu chuẩn quốc gia",
                    ),
                    paper(
                        "danh-sach-nhan-vien",
                        "Danh sách người quản lý và nhân viên kèm văn bằng, chứng chỉ",
                    ),
                    unit=CD,
                    committed=20,
                    fees=(
                        fee(
                            "Phí thẩm định công nhận hạng 1 sao, 2 sao",
                            1_500_000,
                            unit="đồng/hồ sơ",
                            exemption="Hạng 3 sao: 2.000.000 đồng/hồ sơ",
                        ),
                    ),
                    review=True,
                    fields=(
                        *ef.business_place_fields(),
                        ef.select(
                            "stars",
                            "Hạng đề nghị",
                            (("1", "1 sao"), ("2", "2 sao"), ("3", "3 sao")),
                        ),
                        ef.number("rooms", "Số buồng", integer=True, low=10, high=2000),
                    ),
                ),
            ),
        ),
        department(
            "1.001160",
            "Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao",
            f.TDTT,
            subjects="Doanh nghiệp, hộ kinh doanh hoạt động thể thao (bể bơi, võ thuật, thể dục thẩm mỹ...)",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao",
            legal=(
                SPORTS_LAW,
                basis(
                    "Nghị định số 36/2019/NĐ-CP ngày 29/4/2019 quy định chi tiết một số điều của Luật Thể dục, thể thao",
                    dt.date(2019, 6, 15),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    7,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao",
                        "Mẫu số 02 Phụ lục ban hành kèm theo Nghị định số 36/2019/NĐ-CP",
                    ),
                    paper(
                        "ban-tom-tat",
                        "Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh (cơ sở vật chất, trang thiết bị, nhân viên chuyên môn)",
                    ),
                    committed=5,
                    fees=(fee("Phí thẩm định cấp giấy chứng nhận", 500_000, unit="đồng/giấy"),),
                    fields=(
                        *ef.business_place_fields(),
                        ef.select(
                            "sport",
                            "Môn thể thao",
                            (
                                ("boi_loi", "Bơi, lặn"),
                                ("vo_thuat", "Võ thuật"),
                                ("the_duc_tham_my", "Thể dục thẩm mỹ"),
                                ("bong_da", "Bóng đá"),
                                ("khac", "Môn khác"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.001170",
            "Thông báo thành lập thư viện tư nhân có phục vụ cộng đồng",
            f.VH,
            subjects="Cá nhân, hộ gia đình thành lập thư viện tư nhân có phục vụ cộng đồng",
            result="Văn bản xác nhận thông báo thành lập thư viện",
            legal=(
                basis("Luật Thư viện số 46/2019/QH14 ngày 21/11/2019", dt.date(2020, 7, 1)),
                basis(
                    "Nghị định số 93/2020/NĐ-CP quy định chi tiết một số điều của Luật Thư viện",
                    dt.date(2020, 10, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "thong-bao",
                    "Thông báo thành lập",
                    10,
                    form_doc(
                        "thong-bao",
                        "Thông báo thành lập thư viện",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Nghị định số 93/2020/NĐ-CP",
                    ),
                    committed=5,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("library_name", "Tên thư viện", max_length=255),
                        ef.address("library_address", "Địa chỉ"),
                        ef.number("volumes", "Số bản sách", integer=True, low=1000),
                    ),
                ),
            ),
        ),
    ]
