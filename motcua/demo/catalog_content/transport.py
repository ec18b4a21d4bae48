"""Road transport (the Department of Construction's transport unit since the 2025 merger) and
inland waterway vessels (communes)."""

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
    D_TRANSPORT,
    PROVINCE_LEVEL,
    basis,
    case,
    charge,
    copy_doc,
    fee,
    form_doc,
    free,
    paper,
    paper_if,
    procedure,
)

department = partial(
    procedure,
    level=PROVINCE_LEVEL,
    agencies=(pc.CONSTRUCTION, pc.TRANSPORT_UNIT),
    decision=D_TRANSPORT,
)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_COMMUNE)

ROAD_LAW = basis("Luật Đường bộ số 35/2024/QH15 ngày 27/6/2024", dt.date(2025, 1, 1))
TRAFFIC_LAW = basis(
    "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 ngày 27/6/2024", dt.date(2025, 1, 1)
)
TRANSPORT_DECREE = basis(
    "Nghị định số 158/2024/NĐ-CP ngày 18/12/2024 của Chính phủ quy định về hoạt động vận tải "
    "đường bộ",
    dt.date(2025, 1, 1),
)
ROAD_DECREE = basis(
    "Nghị định số 165/2024/NĐ-CP ngày 26/12/2024 của Chính phủ quy định chi tiết và hướng dẫn "
    "thi hành một số điều của Luật Đường bộ",
    dt.date(2025, 1, 1),
)
TRANSPORT_CIRCULAR = basis(
    "Thông tư số 41/2024/TT-BGTVT ngày 15/11/2024 quy định về tổ chức, quản lý hoạt động vận tải "
    "đường bộ",
    dt.date(2025, 1, 1),
)
WATERWAY_LAW = basis(
    "Luật Giao thông đường thủy nội địa số 23/2004/QH11 (sửa đổi, bổ sung bởi Luật số 48/2014/QH13)",
    dt.date(2015, 1, 1),
)


def _transport_business_fields() -> list[ef.FormField]:
    return [
        ef.select(
            "transport_kind",
            "Loại hình kinh doanh vận tải",
            (
                ("tuyen_co_dinh", "Vận tải hành khách theo tuyến cố định"),
                ("xe_buyt", "Vận tải hành khách bằng xe buýt"),
                ("taxi", "Vận tải hành khách bằng xe taxi"),
                ("hop_dong", "Vận tải hành khách theo hợp đồng"),
                ("du_lich", "Vận tải khách du lịch"),
                ("hang_hoa", "Vận tải hàng hóa"),
            ),
            multiple=True,
        ),
        ef.number("vehicles", "Số lượng phương tiện", integer=True, low=1, high=5000),
        ef.text("transport_manager", "Người điều hành vận tải", max_length=100),
    ]


def procedures() -> list[ProcedureSpec]:
    return [
        department(
            "1.002856",
            "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô",
            f.DB,
            subjects="Doanh nghiệp, hợp tác xã, hộ kinh doanh kinh doanh vận tải bằng xe ô tô",
            individuals=True,
            organisations=True,
            result="Giấy phép kinh doanh vận tải bằng xe ô tô",
            conditions="Có phương tiện thuộc quyền sở hữu hoặc quyền sử dụng hợp pháp; người điều hành vận tải có trình độ chuyên môn theo quy định; phương tiện lắp thiết bị giám sát hành trình, camera.",
            legal=(TRAFFIC_LAW, TRANSPORT_DECREE, TRANSPORT_CIRCULAR),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    5,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị cấp Giấy phép kinh doanh vận tải bằng xe ô tô",
                        "Mẫu số 01 Phụ lục XIII ban hành kèm theo Nghị định số 158/2024/NĐ-CP",
                    ),
                    copy_doc(
                        "chung-chi-dieu-hanh",
                        "Bản sao văn bằng, chứng chỉ của người trực tiếp điều hành vận tải",
                    ),
                    paper_if(
                        "phuong-an",
                        "Phương án kinh doanh vận tải",
                        "Khi kinh doanh vận tải hành khách theo tuyến cố định, xe buýt, taxi",
                        template="Mẫu số 02 Phụ lục XIII ban hành kèm theo Nghị định số 158/2024/NĐ-CP",
                    ),
                    committed=3,
                    fees=(
                        fee(
                            "Phí thẩm định cấp giấy phép kinh doanh vận tải",
                            200_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    fields=_transport_business_fields(),
                ),
                case(
                    "cap-lai",
                    "Cấp lại (thay đổi nội dung, hết hạn, bị mất)",
                    5,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị cấp lại Giấy phép kinh doanh vận tải bằng xe ô tô",
                        "Mẫu số 01 Phụ lục XIII ban hành kèm theo Nghị định số 158/2024/NĐ-CP",
                    ),
                    paper_if(
                        "giay-phep-cu",
                        "Giấy phép kinh doanh vận tải đã được cấp",
                        "Khi cấp lại do thay đổi nội dung hoặc hết hạn",
                    ),
                    committed=2,
                    fees=(
                        fee(
                            "Phí thẩm định cấp lại giấy phép kinh doanh vận tải",
                            200_000,
                            unit="đồng/giấy phép",
                        ),
                    ),
                    fields=(
                        ef.text("licence_number", "Số giấy phép kinh doanh vận tải", max_length=30),
                        ef.select(
                            "reason",
                            "Lý do cấp lại",
                            (
                                ("thay_doi", "Thay đổi nội dung"),
                                ("het_han", "Hết hạn"),
                                ("mat", "Bị mất, hư hỏng"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.002859",
            "Cấp phù hiệu xe ô tô kinh doanh vận tải",
            f.DB,
            subjects="Đơn vị kinh doanh vận tải đã được cấp Giấy phép kinh doanh vận tải",
            individuals=False,
            organisations=True,
            result="Phù hiệu xe (bản điện tử)",
            legal=(TRANSPORT_DECREE, TRANSPORT_CIRCULAR),
            online="full",
            cases=(
                case(
                    "cap-phu-hieu",
                    "Cấp phù hiệu",
                    2,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị cấp phù hiệu",
                        "Mẫu số 05 Phụ lục XIII ban hành kèm theo Nghị định số 158/2024/NĐ-CP",
                    ),
                    paper_if(
                        "hop-dong-thue-xe",
                        "Bản sao hợp đồng thuê phương tiện",
                        "Khi phương tiện không thuộc sở hữu của đơn vị",
                        originals=0,
                        copies=1,
                    ),
                    committed=1,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.group(
                            "vehicles",
                            "Danh sách xe đề nghị cấp phù hiệu",
                            ef.vehicle_fields(),
                            repeat=True,
                            min_items=1,
                            max_items=100,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.001023",
            "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn, xe bánh xích trên đường bộ",
            f.DB,
            subjects="Chủ phương tiện, người thuê vận tải hoặc người điều khiển phương tiện",
            individuals=True,
            organisations=True,
            result="Giấy phép lưu hành xe",
            legal=(
                ROAD_LAW,
                ROAD_DECREE,
                basis(
                    "Thông tư số 39/2024/TT-BGTVT quy định về tải trọng, khổ giới hạn của đường bộ; lưu hành xe quá khổ giới hạn, xe quá tải trọng",
                    dt.date(2025, 1, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "luu-hanh",
                    "Cấp giấy phép lưu hành",
                    2,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp giấy phép lưu hành xe",
                        "Mẫu số 01 Phụ lục ban hành kèm theo Thông tư số 39/2024/TT-BGTVT",
                    ),
                    copy_doc(
                        "dang-ky-xe",
                        "Bản sao giấy chứng nhận đăng ký xe, giấy chứng nhận kiểm định",
                    ),
                    paper_if(
                        "phuong-an-van-chuyen",
                        "Phương án vận chuyển, gia cố đường",
                        "Khi phải khảo sát, gia cố đường bộ",
                    ),
                    committed=1,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        *ef.vehicle_fields(),
                        ef.textarea("route", "Tuyến đường vận chuyển", max_length=1000),
                        ef.number("total_weight", "Tổng trọng lượng xe và hàng (tấn)", low=1),
                        ef.date("travel_from", "Thời gian lưu hành từ ngày", low="today"),
                    ),
                ),
            ),
        ),
        department(
            "1.001045",
            "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng đường bộ",
            f.DB,
            subjects="Chủ đầu tư công trình thiết yếu (điện, cấp thoát nước, viễn thông)",
            individuals=False,
            organisations=True,
            result="Văn bản chấp thuận xây dựng công trình thiết yếu",
            legal=(ROAD_LAW, ROAD_DECREE),
            online="full",
            cases=(
                case(
                    "chap-thuan",
                    "Chấp thuận xây dựng",
                    7,
                    form_doc(
                        "don",
                        "Đơn đề nghị chấp thuận xây dựng công trình thiết yếu",
                        "Mẫu số 01 Phụ lục II ban hành kèm theo Nghị định số 165/2024/NĐ-CP",
                    ),
                    paper(
                        "ho-so-thiet-ke",
                        "Hồ sơ thiết kế thể hiện vị trí, mặt bằng, mặt cắt công trình trong phạm vi bảo vệ đường bộ",
                    ),
                    committed=5,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("work_name", "Tên công trình thiết yếu", max_length=255),
                        ef.text("road_name", "Tên đường, lý trình", max_length=255),
                    ),
                ),
            ),
        ),
        department(
            "1.001046",
            "Cấp phép thi công công trình trên đường bộ đang khai thác",
            f.DB,
            subjects="Chủ đầu tư, nhà thầu thi công",
            individuals=False,
            organisations=True,
            result="Giấy phép thi công",
            legal=(ROAD_LAW, ROAD_DECREE),
            online="full",
            cases=(
                case(
                    "thi-cong",
                    "Cấp phép thi công",
                    7,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp phép thi công",
                        "Mẫu số 03 Phụ lục II ban hành kèm theo Nghị định số 165/2024/NĐ-CP",
                    ),
                    paper(
                        "phuong-an-thi-cong",
                        "Phương án tổ chức thi công bảo đảm an toàn giao thông",
                    ),
                    copy_doc("van-ban-chap-thuan", "Bản sao văn bản chấp thuận xây dựng"),
                    committed=4,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("work_name", "Tên công trình", max_length=255),
                        ef.text("road_name", "Tên đường, lý trình", max_length=255),
                        ef.date("start_date", "Ngày dự kiến thi công", low="today"),
                        ef.number(
                            "duration_days",
                            "Thời gian thi công (ngày)",
                            integer=True,
                            low=1,
                            high=720,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.002804",
            "Cấp giấy phép đào tạo lái xe ô tô",
            f.DB,
            subjects="Cơ sở đào tạo lái xe ô tô",
            individuals=False,
            organisations=True,
            result="Giấy phép đào tạo lái xe ô tô",
            legal=(
                TRAFFIC_LAW,
                basis(
                    "Nghị định số 160/2024/NĐ-CP ngày 18/12/2024 quy định về hoạt động đào tạo và sát hạch lái xe",
                    dt.date(2025, 1, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới giấy phép đào tạo lái xe",
                    10,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị cấp giấy phép đào tạo lái xe",
                        "Mẫu số 01 Phụ lục I ban hành kèm theo Nghị định số 160/2024/NĐ-CP",
                    ),
                    paper("bao-cao", "Báo cáo đề xuất cấp giấy phép đào tạo lái xe"),
                    paper("danh-sach-giao-vien", "Danh sách giáo viên, xe tập lái, sân tập lái"),
                    committed=7,
                    fees=(free("Lệ phí", "Không thu"),),
                    review=True,
                    fields=(
                        ef.select(
                            "classes",
                            "Hạng giấy phép lái xe được đào tạo",
                            (("b", "B"), ("c1", "C1"), ("c", "C"), ("d", "D")),
                            multiple=True,
                        ),
                        ef.number("capacity", "Lưu lượng đào tạo (học viên)", integer=True, low=1),
                    ),
                ),
            ),
        ),
        department(
            "1.002810",
            "Cấp giấy phép xe tập lái",
            f.DB,
            subjects="Cơ sở đào tạo lái xe ô tô",
            individuals=False,
            organisations=True,
            result="Giấy phép xe tập lái",
            legal=(
                basis(
                    "Nghị định số 160/2024/NĐ-CP ngày 18/12/2024 quy định về hoạt động đào tạo và sát hạch lái xe",
                    dt.date(2025, 1, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp giấy phép xe tập lái",
                    2,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị cấp giấy phép xe tập lái",
                        "Mẫu số 05 Phụ lục I ban hành kèm theo Nghị định số 160/2024/NĐ-CP",
                    ),
                    committed=1,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.group(
                            "vehicles",
                            "Danh sách xe tập lái",
                            ef.vehicle_fields(),
                            repeat=True,
                            min_items=1,
                            max_items=50,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.001120",
            "Đăng ký khai thác tuyến vận tải hành khách cố định bằng xe ô tô",
            f.DB,
            subjects="Doanh nghiệp, hợp tác xã kinh doanh vận tải hành khách theo tuyến cố định",
            individuals=False,
            organisations=True,
            result="Thông báo đăng ký khai thác tuyến thành công",
            legal=(TRANSPORT_DECREE, TRANSPORT_CIRCULAR),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký khai thác tuyến",
                    5,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đăng ký khai thác tuyến",
                        "Mẫu số 03 Phụ lục II ban hành kèm theo Thông tư số 41/2024/TT-BGTVT",
                    ),
                    paper("phuong-an", "Phương án khai thác tuyến"),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("route_code", "Mã số tuyến", max_length=20),
                        ef.text("origin_station", "Bến đi", max_length=100),
                        ef.text("destination_station", "Bến đến", max_length=100),
                        ef.number(
                            "trips_per_month", "Số chuyến/tháng", integer=True, low=1, high=3000
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.003930",
            "Đăng ký phương tiện thủy nội địa lần đầu đối với phương tiện chưa khai thác",
            f.DTND,
            subjects="Chủ phương tiện thủy nội địa có trọng tải toàn phần dưới 15 tấn hoặc sức chở dưới 12 người",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận đăng ký phương tiện thủy nội địa",
            legal=(
                WATERWAY_LAW,
                basis(
                    "Thông tư số 75/2014/TT-BGTVT quy định về đăng ký phương tiện thủy nội địa (sửa đổi bởi Thông tư số 24/2022/TT-BGTVT)",
                    dt.date(2015, 1, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "lan-dau",
                    "Đăng ký lần đầu",
                    3,
                    form_doc(
                        "to-khai",
                        "Đơn đề nghị đăng ký phương tiện thủy nội địa",
                        "Mẫu số 01 ban hành kèm theo Thông tư số 75/2014/TT-BGTVT",
                    ),
                    paper(
                        "anh-phuong-tien",
                        "02 ảnh khổ 10×15 cm chụp toàn bộ mạn phải của phương tiện",
                        originals=2,
                    ),
                    paper_if(
                        "bien-lai-le-phi-truoc-ba",
                        "Biên lai nộp lệ phí trước bạ",
                        "Khi phương tiện thuộc diện chịu lệ phí trước bạ",
                        originals=0,
                        copies=1,
                    ),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí cấp giấy chứng nhận đăng ký phương tiện",
                            70_000,
                            unit="đồng/giấy",
                        ),
                    ),
                    fields=(
                        ef.text("vessel_name", "Tên phương tiện", max_length=100, required=False),
                        ef.select(
                            "vessel_kind",
                            "Loại phương tiện",
                            (
                                ("tho_so", "Phương tiện thô sơ"),
                                ("co_dong_co", "Phương tiện có động cơ"),
                            ),
                        ),
                        ef.number("tonnage", "Trọng tải toàn phần (tấn)", low=0, high=15),
                        ef.number(
                            "engine_power",
                            "Công suất máy (sức ngựa)",
                            low=0,
                            show_if=ef.when("vessel_kind", "co_dong_co"),
                        ),
                    ),
                ),
            ),
        ),
    ]
