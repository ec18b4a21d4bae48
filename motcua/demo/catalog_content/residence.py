"""Police (a vertical branch): residence, identity cards, passports, vehicle registration, driving
licences (transferred from the transport sector on 1 March 2025) and security-conditional
businesses. Received by the commune police stations and the provincial police's divisions."""

import datetime as dt
from functools import partial

from motcua.catalog.specs import ProcedureSpec
from motcua.demo import province_content as pc
from motcua.demo.catalog_content import fields as f
from motcua.demo.catalog_content import forms as ef
from motcua.demo.catalog_content.kit import (
    BRANCH_LEVEL,
    CD,
    D_POLICE,
    WH,
    basis,
    case,
    charge,
    copy_doc,
    form_doc,
    free,
    paper,
    paper_if,
    procedure,
)

POLICE_PLACE = (
    f"Công an cấp xã nơi cư trú; Phòng Cảnh sát quản lý hành chính về trật tự xã hội – Công an "
    f"tỉnh {pc.PROVINCE_NAME}, 50 Trần Hưng Đạo, phường Thành Sơn; hoặc nộp trực tuyến trên Cổng "
    "Dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an, ứng dụng VNeID"
)
police = partial(
    procedure,
    level=BRANCH_LEVEL,
    agencies=(pc.POLICE,),
    decision=D_POLICE,
    reception_place=POLICE_PLACE,
)

RESIDENCE_LAW = basis("Luật Cư trú số 68/2020/QH14 ngày 13/11/2020", dt.date(2021, 7, 1))
RESIDENCE_DECREE = basis(
    "Nghị định số 154/2024/NĐ-CP ngày 26/11/2024 của Chính phủ quy định chi tiết một số điều "
    "và biện pháp thi hành Luật Cư trú",
    dt.date(2024, 12, 26),
)
RESIDENCE_CIRCULAR = basis(
    "Thông tư số 53/2025/TT-BCA của Bộ trưởng Bộ Công an quy định chi tiết một số điều của Luật "
    "Cư trú",
    dt.date(2025, 7, 1),
)
RESIDENCE_FEES = basis(
    "Thông tư số 75/2022/TT-BTC ngày 22/12/2022 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng lệ phí đăng ký cư trú",
    dt.date(2023, 2, 6),
)
ID_LAW = basis("Luật Căn cước số 26/2023/QH15 ngày 27/11/2023", dt.date(2024, 7, 1))
ID_DECREE = basis(
    "Nghị định số 70/2024/NĐ-CP ngày 25/6/2024 của Chính phủ quy định chi tiết một số điều và "
    "biện pháp thi hành Luật Căn cước",
    dt.date(2024, 7, 1),
)
ID_FEES = basis(
    "Thông tư số 73/2024/TT-BTC ngày 21/10/2024 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng lệ phí cấp căn cước",
    dt.date(2024, 12, 5),
)
EXIT_LAW = basis(
    "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam số 49/2019/QH14 (sửa đổi, bổ sung bởi Luật "
    "số 23/2023/QH15)",
    dt.date(2023, 8, 15),
)
TRAFFIC_LAW = basis(
    "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15 ngày 27/6/2024", dt.date(2025, 1, 1)
)
VEHICLE_CIRCULAR = basis(
    "Thông tư số 79/2024/TT-BCA ngày 15/11/2024 của Bộ trưởng Bộ Công an quy định về cấp, thu hồi "
    "chứng nhận đăng ký xe, biển số xe cơ giới, xe máy chuyên dùng",
    dt.date(2025, 1, 1),
)
LICENCE_CIRCULAR = basis(
    "Thông tư số 12/2025/TT-BCA ngày 28/02/2025 của Bộ trưởng Bộ Công an quy định về sát hạch, "
    "cấp giấy phép lái xe; cấp, sử dụng giấy phép lái xe quốc tế",
    dt.date(2025, 3, 1),
)
LICENCE_FEES = basis(
    "Thông tư số 37/2023/TT-BTC ngày 07/6/2023 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí sát hạch lái xe; lệ phí cấp bằng, chứng chỉ hoạt động trên "
    "các phương tiện",
    dt.date(2023, 7, 22),
)
RESIDENCE_FORM = "Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA"
ONLINE_HALF = "Nộp hồ sơ trực tuyến: thu 50% mức lệ phí."


def _residence_fields(*, with_owner: bool) -> list[ef.FormField]:
    fields: list[ef.FormField] = [
        ef.address("residence_address", "Địa chỉ đề nghị đăng ký"),
        ef.select(
            "household_role",
            "Đăng ký vào hộ",
            (("chu_ho", "Là chủ hộ (lập hộ mới)"), ("thanh_vien", "Nhập vào hộ đã có")),
        ),
        ef.text(
            "head_name",
            "Họ tên chủ hộ",
            max_length=100,
            show_if=ef.when("household_role", "thanh_vien"),
        ),
        ef.personal_id(
            "head_id",
            "Số định danh cá nhân của chủ hộ",
            show_if=ef.when("household_role", "thanh_vien"),
        ),
        ef.text(
            "relation_to_head",
            "Quan hệ với chủ hộ",
            max_length=50,
            show_if=ef.when("household_role", "thanh_vien"),
        ),
    ]
    if with_owner:
        fields.append(
            ef.checkbox(
                "owner_consent",
                "Chủ sở hữu chỗ ở hợp pháp đã đồng ý (xác nhận trên VNeID hoặc ghi ý kiến vào tờ khai)",
                required=True,
            )
        )
    fields.append(
        ef.group(
            "members",
            "Người cùng đăng ký",
            [
                ef.text("full_name", "Họ, chữ đệm và tên", max_length=100),
                ef.personal_id("personal_id", "Số định danh cá nhân"),
                ef.text("relation", "Quan hệ với người nộp hồ sơ", max_length=50),
            ],
            repeat=True,
            max_items=15,
        )
    )
    return fields


def procedures() -> list[ProcedureSpec]:
    residence_form = form_doc("to-khai", "Tờ khai thay đổi thông tin cư trú", RESIDENCE_FORM)
    return [
        police(
            "1.004194",
            "Đăng ký thường trú",
            f.CT,
            subjects="Công dân Việt Nam có chỗ ở hợp pháp",
            result="Thông báo kết quả đăng ký thường trú; thông tin được cập nhật vào Cơ sở dữ liệu về cư trú",
            conditions="Có chỗ ở hợp pháp; trường hợp đăng ký thường trú tại chỗ ở thuê, mượn, ở nhờ thì bảo đảm diện tích nhà ở tối thiểu theo quy định của HĐND tỉnh.",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE, RESIDENCE_CIRCULAR, RESIDENCE_FEES),
            online="full",
            cases=(
                case(
                    "so-huu",
                    "Đăng ký vào chỗ ở hợp pháp thuộc quyền sở hữu của mình",
                    7,
                    residence_form,
                    paper_if(
                        "giay-to-cho-o",
                        "Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp",
                        "Khi thông tin về chỗ ở chưa có trong Cơ sở dữ liệu quốc gia về đất đai, nhà ở",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(
                        charge(
                            "Lệ phí đăng ký thường trú",
                            20_000,
                            unit="đồng/lần",
                            exemption=ONLINE_HALF,
                        ),
                    ),
                    fields=_residence_fields(with_owner=False),
                    form_title="Tờ khai thay đổi thông tin cư trú (đăng ký thường trú)",
                ),
                case(
                    "nguoi-than",
                    "Về ở với vợ, chồng, cha, mẹ, con hoặc người thân thích (được chủ hộ, chủ sở hữu đồng ý)",
                    7,
                    residence_form,
                    paper_if(
                        "chung-minh-quan-he",
                        "Giấy tờ, tài liệu chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình",
                        "Khi thông tin chứng minh quan hệ nhân thân chưa có trong Cơ sở dữ liệu quốc gia về dân cư",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(
                        charge(
                            "Lệ phí đăng ký thường trú",
                            20_000,
                            unit="đồng/lần",
                            exemption=ONLINE_HALF,
                        ),
                    ),
                    fields=_residence_fields(with_owner=True),
                    form_title="Tờ khai thay đổi thông tin cư trú (đăng ký thường trú)",
                ),
                case(
                    "thue-muon",
                    "Đăng ký tại chỗ ở hợp pháp do thuê, mượn, ở nhờ",
                    7,
                    residence_form,
                    copy_doc(
                        "hop-dong-thue",
                        "Hợp đồng, văn bản cho thuê, cho mượn, cho ở nhờ chỗ ở hợp pháp",
                    ),
                    paper(
                        "dien-tich",
                        "Giấy tờ chứng minh đủ diện tích nhà ở tối thiểu để đăng ký thường trú",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(
                        charge(
                            "Lệ phí đăng ký thường trú",
                            20_000,
                            unit="đồng/lần",
                            exemption=ONLINE_HALF,
                        ),
                    ),
                    review=True,
                    fields=_residence_fields(with_owner=True),
                    form_title="Tờ khai thay đổi thông tin cư trú (đăng ký thường trú)",
                ),
            ),
        ),
        police(
            "1.004222",
            "Đăng ký tạm trú, gia hạn tạm trú",
            f.CT,
            subjects="Công dân đến sinh sống tại chỗ ở hợp pháp ngoài phạm vi xã nơi đã đăng ký thường trú từ 30 ngày trở lên",
            result="Thông báo kết quả đăng ký tạm trú, gia hạn tạm trú",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE, RESIDENCE_FEES),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký tạm trú",
                    3,
                    residence_form,
                    paper_if(
                        "giay-to-cho-o",
                        "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
                        "Khi thông tin chưa có trong cơ sở dữ liệu chuyên ngành",
                        originals=0,
                        copies=1,
                    ),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí đăng ký tạm trú", 15_000, unit="đồng/lần", exemption=ONLINE_HALF
                        ),
                    ),
                    fields=(
                        *_residence_fields(with_owner=True),
                        ef.date("stay_until", "Tạm trú đến ngày", low="today"),
                    ),
                ),
                case(
                    "gia-han",
                    "Gia hạn tạm trú",
                    3,
                    residence_form,
                    committed=1,
                    fees=(
                        charge(
                            "Lệ phí gia hạn tạm trú", 15_000, unit="đồng/lần", exemption=ONLINE_HALF
                        ),
                    ),
                    fields=(
                        ef.address("residence_address", "Địa chỉ đang tạm trú"),
                        ef.date("stay_until", "Gia hạn đến ngày", low="today"),
                    ),
                ),
            ),
        ),
        police(
            "1.004206",
            "Xóa đăng ký thường trú",
            f.CT,
            subjects="Người thuộc trường hợp bị xóa đăng ký thường trú hoặc đại diện hộ gia đình",
            result="Thông tin xóa đăng ký thường trú được cập nhật vào Cơ sở dữ liệu về cư trú",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE),
            online="full",
            cases=(
                case(
                    "xoa",
                    "Xóa đăng ký thường trú",
                    1,
                    residence_form,
                    paper_if(
                        "giay-to-xoa",
                        "Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký thường trú",
                        "Khi thông tin chưa có trong cơ sở dữ liệu",
                        originals=0,
                        copies=1,
                    ),
                    fees=(free("Lệ phí"),),
                    fields=(
                        ef.address("residence_address", "Địa chỉ thường trú"),
                        ef.select(
                            "reason",
                            "Trường hợp xóa",
                            (
                                ("chet", "Người đăng ký đã chết"),
                                ("ra_nuoc_ngoai", "Định cư ở nước ngoài"),
                                ("vang_12_thang", "Vắng mặt liên tục 12 tháng"),
                                ("khac", "Trường hợp khác"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        police(
            "1.004208",
            "Xóa đăng ký tạm trú",
            f.CT,
            subjects="Người thuộc trường hợp bị xóa đăng ký tạm trú",
            result="Thông tin xóa đăng ký tạm trú được cập nhật vào Cơ sở dữ liệu về cư trú",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE),
            online="full",
            cases=(
                case(
                    "xoa",
                    "Xóa đăng ký tạm trú",
                    1,
                    residence_form,
                    fees=(free("Lệ phí"),),
                    fields=(ef.address("residence_address", "Địa chỉ tạm trú"),),
                ),
            ),
        ),
        police(
            "1.004212",
            "Tách hộ",
            f.CT,
            subjects="Thành viên hộ gia đình có năng lực hành vi dân sự đầy đủ có nhu cầu tách hộ",
            result="Thông báo kết quả tách hộ",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE, RESIDENCE_FEES),
            online="full",
            cases=(
                case(
                    "tach-ho",
                    "Tách hộ",
                    3,
                    residence_form,
                    committed=2,
                    fees=(
                        charge("Lệ phí tách hộ", 10_000, unit="đồng/lần", exemption=ONLINE_HALF),
                    ),
                    fields=(
                        ef.text("head_name", "Họ tên chủ hộ hiện tại", max_length=100),
                        ef.text("new_head_name", "Họ tên chủ hộ mới", max_length=100),
                        ef.member_group("new_members", "Thành viên hộ mới"),
                    ),
                ),
            ),
        ),
        police(
            "1.004216",
            "Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú",
            f.CT,
            subjects="Công dân có thay đổi thông tin về hộ tịch so với thông tin đã lưu trong Cơ sở dữ liệu về cư trú",
            result="Thông tin về cư trú được điều chỉnh",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE),
            online="full",
            cases=(
                case(
                    "dieu-chinh",
                    "Điều chỉnh thông tin về cư trú",
                    3,
                    residence_form,
                    paper_if(
                        "giay-to-thay-doi",
                        "Giấy tờ, tài liệu chứng minh việc điều chỉnh thông tin",
                        "Khi thông tin chưa có trong Cơ sở dữ liệu hộ tịch điện tử",
                        originals=0,
                        copies=1,
                    ),
                    committed=2,
                    fees=(free("Lệ phí"),),
                    fields=(
                        ef.text("changed_field", "Thông tin cần điều chỉnh", max_length=255),
                        ef.text("new_value", "Nội dung sau khi điều chỉnh", max_length=255),
                    ),
                ),
            ),
        ),
        police(
            "1.004220",
            "Khai báo tạm vắng",
            f.CT,
            subjects="Người đang bị truy cứu trách nhiệm hình sự, người đang chấp hành án, người đi khỏi nơi thường trú từ 12 tháng trở lên",
            result="Phiếu khai báo tạm vắng",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE),
            online="full",
            cases=(
                case(
                    "khai-bao",
                    "Khai báo tạm vắng",
                    1,
                    form_doc(
                        "de-nghi",
                        "Đề nghị khai báo tạm vắng",
                        "Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA",
                    ),
                    paper_if(
                        "van-ban-dong-y",
                        "Văn bản đồng ý của cơ quan có thẩm quyền giải quyết vụ án, quản lý người chấp hành án",
                        "Khi người khai báo thuộc diện phải được cơ quan có thẩm quyền đồng ý",
                    ),
                    fees=(free("Lệ phí"),),
                    fields=(
                        ef.date("absent_from", "Tạm vắng từ ngày"),
                        ef.date("absent_to", "Đến ngày"),
                        ef.address("destination", "Nơi đến"),
                        ef.text("reason", "Lý do tạm vắng", max_length=255),
                    ),
                ),
            ),
        ),
        police(
            "1.004225",
            "Thông báo lưu trú",
            f.CT,
            subjects="Thành viên hộ gia đình, người đại diện cơ sở chữa bệnh, cơ sở lưu trú du lịch và các cơ sở khác có người đến lưu trú",
            individuals=True,
            organisations=True,
            result="Thông tin lưu trú được ghi nhận vào Cơ sở dữ liệu về cư trú",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE),
            online="full",
            postal="none",
            cases=(
                case(
                    "thong-bao",
                    "Thông báo lưu trú",
                    2,
                    paper(
                        "thong-tin-luu-tru",
                        "Thông tin người lưu trú (họ tên, số định danh, thời gian lưu trú) thông báo trực tiếp, qua điện thoại hoặc ứng dụng",
                    ),
                    unit=WH,
                    note="Thông báo trước 23 giờ của ngày bắt đầu lưu trú; người đến lưu trú sau 23 giờ thì thông báo trước 08 giờ ngày hôm sau.",
                    fees=(free("Lệ phí"),),
                    fields=(
                        ef.address("stay_address", "Địa điểm lưu trú"),
                        ef.group(
                            "guests",
                            "Người lưu trú",
                            [
                                ef.text("full_name", "Họ tên", max_length=100),
                                ef.personal_id(
                                    "personal_id", "Số định danh cá nhân", required=False
                                ),
                                ef.text(
                                    "passport",
                                    "Số hộ chiếu (người nước ngoài)",
                                    required=False,
                                    max_length=20,
                                ),
                            ],
                            repeat=True,
                            min_items=1,
                            max_items=50,
                        ),
                        ef.date("stay_from", "Lưu trú từ ngày"),
                        ef.date("stay_to", "Đến ngày"),
                    ),
                ),
            ),
        ),
        police(
            "1.004227",
            "Xác nhận thông tin về cư trú",
            f.CT,
            subjects="Công dân có yêu cầu xác nhận thông tin về cư trú",
            result="Văn bản xác nhận thông tin về cư trú (có giá trị 01 năm kể từ ngày cấp)",
            legal=(RESIDENCE_LAW, RESIDENCE_DECREE),
            online="full",
            cases=(
                case(
                    "xac-nhan",
                    "Xác nhận thông tin về cư trú",
                    3,
                    residence_form,
                    committed=1,
                    note="Trường hợp cần xác minh thì không quá 07 ngày làm việc.",
                    fees=(free("Lệ phí"),),
                    fields=(ef.text("purpose", "Mục đích xác nhận", max_length=255),),
                ),
            ),
        ),
        police(
            "2.001917",
            "Cấp, cấp đổi, cấp lại thẻ căn cước cho công dân Việt Nam từ đủ 14 tuổi trở lên",
            f.CC,
            subjects="Công dân Việt Nam từ đủ 14 tuổi trở lên (người dưới 14 tuổi theo nhu cầu)",
            result="Thẻ căn cước; căn cước điện tử trên ứng dụng VNeID",
            conditions="Người đề nghị có mặt để thu nhận sinh trắc học (ảnh khuôn mặt, vân tay, mống mắt).",
            legal=(ID_LAW, ID_DECREE, ID_FEES),
            online="partial",
            postal="return",
            cases=(
                case(
                    "cap-moi",
                    "Cấp thẻ căn cước lần đầu",
                    7,
                    form_doc(
                        "to-khai",
                        "Tờ khai căn cước (thu nhận tại nơi làm thủ tục)",
                        "Mẫu CC01 ban hành kèm theo Thông tư số 16/2024/TT-BCA",
                    ),
                    paper_if(
                        "giay-to-thay-doi",
                        "Giấy tờ hợp pháp chứng minh thông tin cần cập nhật",
                        "Khi thông tin trong Cơ sở dữ liệu quốc gia về dân cư chưa có hoặc chưa chính xác",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(free("Lệ phí cấp thẻ căn cước lần đầu", "Miễn lệ phí cấp lần đầu"),),
                    fields=(
                        ef.select(
                            "delivery_point",
                            "Nơi nhận thẻ",
                            (
                                ("co_quan", "Tại cơ quan Công an"),
                                ("buu_chinh", "Qua dịch vụ bưu chính"),
                            ),
                        ),
                    ),
                ),
                case(
                    "cap-doi",
                    "Cấp đổi thẻ căn cước (đủ tuổi đổi thẻ, thay đổi thông tin, thẻ hư hỏng)",
                    7,
                    form_doc(
                        "to-khai",
                        "Tờ khai căn cước",
                        "Mẫu CC01 ban hành kèm theo Thông tư số 16/2024/TT-BCA",
                    ),
                    paper(
                        "the-cu",
                        "Thẻ căn cước công dân, thẻ căn cước đang sử dụng (nộp lại khi cấp đổi)",
                    ),
                    committed=5,
                    fees=(
                        charge(
                            "Lệ phí cấp đổi thẻ căn cước",
                            30_000,
                            unit="đồng/thẻ",
                            exemption="Miễn khi đổi thẻ ở độ tuổi 25, 40, 60 theo quy định; miễn cho đồng bào dân tộc thiểu số ở xã đặc biệt khó khăn",
                        ),
                    ),
                    fields=(
                        ef.select(
                            "reason",
                            "Lý do cấp đổi",
                            (
                                ("du_tuoi", "Đủ tuổi đổi thẻ (25, 40, 60)"),
                                ("thay_doi", "Thay đổi thông tin nhân thân"),
                                ("hu_hong", "Thẻ bị hư hỏng"),
                                ("xac_dinh_lai_gioi_tinh", "Xác định lại giới tính"),
                            ),
                        ),
                    ),
                ),
                case(
                    "cap-lai",
                    "Cấp lại thẻ căn cước (bị mất, bị thu hồi, giữ)",
                    7,
                    form_doc(
                        "to-khai",
                        "Tờ khai căn cước",
                        "Mẫu CC01 ban hành kèm theo Thông tư số 16/2024/TT-BCA",
                    ),
                    committed=5,
                    fees=(charge("Lệ phí cấp lại thẻ căn cước", 50_000, unit="đồng/thẻ"),),
                    fields=(ef.past_date("lost_on", "Ngày mất thẻ"),),
                ),
            ),
        ),
        police(
            "2.001920",
            "Cấp giấy chứng nhận căn cước cho người gốc Việt Nam chưa xác định được quốc tịch",
            f.CC,
            subjects="Người gốc Việt Nam chưa xác định được quốc tịch đang sinh sống liên tục từ 06 tháng trở lên tại xã",
            result="Giấy chứng nhận căn cước",
            legal=(ID_LAW, ID_DECREE),
            online="none",
            postal="none",
            cases=(
                case(
                    "cap-moi",
                    "Cấp giấy chứng nhận căn cước",
                    30,
                    form_doc(
                        "to-khai",
                        "Tờ khai căn cước",
                        "Mẫu CC01 ban hành kèm theo Thông tư số 16/2024/TT-BCA",
                    ),
                    paper_if(
                        "giay-to-goc",
                        "Giấy tờ có giá trị chứng minh nguồn gốc Việt Nam",
                        "Khi có",
                        originals=0,
                        copies=1,
                    ),
                    unit=CD,
                    committed=20,
                    note="Kể từ ngày tiếp nhận hồ sơ (ngày theo lịch).",
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text(
                            "origin", "Nguồn gốc, quá trình sinh sống tại Việt Nam", max_length=500
                        ),
                    ),
                ),
            ),
        ),
        police(
            "2.001930",
            "Cấp hộ chiếu phổ thông ở trong nước",
            f.XNC,
            subjects="Công dân Việt Nam",
            result="Hộ chiếu phổ thông (có gắn chíp điện tử)",
            legal=(
                EXIT_LAW,
                basis(
                    "Thông tư số 25/2021/TT-BTC quy định phí, lệ phí trong lĩnh vực xuất cảnh, nhập cảnh",
                    dt.date(2021, 5, 22),
                ),
            ),
            online="full",
            postal="return",
            cases=(
                case(
                    "cap-ho-chieu",
                    "Cấp hộ chiếu phổ thông",
                    8,
                    form_doc(
                        "to-khai",
                        "Tờ khai đề nghị cấp hộ chiếu phổ thông",
                        "Mẫu TK01 ban hành kèm theo Thông tư số 31/2023/TT-BCA",
                    ),
                    paper(
                        "anh",
                        "02 ảnh chân dung cỡ 4×6 cm (nộp trực tuyến: ảnh chụp kỹ thuật số)",
                        originals=2,
                    ),
                    paper_if(
                        "ho-chieu-cu",
                        "Hộ chiếu cũ còn giá trị",
                        "Khi đề nghị cấp hộ chiếu mới mà hộ chiếu cũ còn giá trị sử dụng",
                    ),
                    committed=5,
                    fees=(charge("Lệ phí cấp hộ chiếu phổ thông", 200_000, unit="đồng/cuốn"),),
                    fields=(
                        ef.select(
                            "passport_kind",
                            "Loại hộ chiếu",
                            (
                                ("co_chip", "Hộ chiếu có gắn chíp điện tử"),
                                ("khong_chip", "Hộ chiếu không gắn chíp"),
                            ),
                        ),
                        ef.checkbox("had_passport", "Đã được cấp hộ chiếu"),
                        ef.text(
                            "old_passport",
                            "Số hộ chiếu đã cấp",
                            max_length=20,
                            show_if=ef.when("had_passport", True),
                        ),
                    ),
                ),
            ),
        ),
        police(
            "2.001940",
            "Đăng ký xe mô tô, xe gắn máy lần đầu",
            f.PTGT,
            subjects="Chủ xe là cá nhân, tổ chức",
            individuals=True,
            organisations=True,
            result="Chứng nhận đăng ký xe; biển số xe (định danh)",
            legal=(
                TRAFFIC_LAW,
                VEHICLE_CIRCULAR,
                basis(
                    "Thông tư số 60/2023/TT-BTC quy định lệ phí đăng ký, cấp biển phương tiện giao thông",
                    dt.date(2023, 10, 22),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "lan-dau",
                    "Đăng ký xe lần đầu",
                    2,
                    form_doc(
                        "giay-khai",
                        "Giấy khai đăng ký xe",
                        "Mẫu ĐKX12 ban hành kèm theo Thông tư số 79/2024/TT-BCA",
                    ),
                    paper(
                        "chung-tu-nguon-goc",
                        "Chứng từ nguồn gốc xe (dữ liệu điện tử phiếu kiểm tra chất lượng xuất xưởng hoặc tờ khai hải quan)",
                    ),
                    paper("chung-tu-chuyen-nhuong", "Hóa đơn, chứng từ chuyển quyền sở hữu xe"),
                    paper("chung-tu-le-phi", "Chứng từ nộp lệ phí trước bạ (dữ liệu điện tử)"),
                    committed=1,
                    note="Cấp biển số ngay khi tiếp nhận hồ sơ hợp lệ; chứng nhận đăng ký xe cấp trong 02 ngày làm việc.",
                    fees=(
                        charge(
                            "Lệ phí đăng ký, cấp biển xe mô tô (khu vực II)",
                            150_000,
                            unit="đồng/lần/xe",
                        ),
                    ),
                    fields=(
                        ef.text("frame_number", "Số khung", max_length=30),
                        ef.text("engine_number", "Số máy", max_length=30),
                        ef.text("vehicle_brand", "Nhãn hiệu, số loại", max_length=100),
                        ef.number("cylinder", "Dung tích xi lanh (cm³)", low=0, high=3000),
                    ),
                ),
            ),
        ),
        police(
            "2.001950",
            "Cấp đổi giấy phép lái xe",
            f.PTGT,
            subjects="Người có giấy phép lái xe hết hạn, hư hỏng hoặc do ngành Giao thông vận tải, ngành Quân đội cấp",
            result="Giấy phép lái xe (bản giấy và bản điện tử trên VNeID)",
            legal=(TRAFFIC_LAW, LICENCE_CIRCULAR, LICENCE_FEES),
            online="full",
            cases=(
                case(
                    "gtvt",
                    "Giấy phép lái xe do ngành Giao thông vận tải hoặc Công an cấp",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị đổi, cấp lại giấy phép lái xe",
                        "Mẫu số 01 Phụ lục XIV ban hành kèm theo Thông tư số 12/2025/TT-BCA",
                    ),
                    paper_if(
                        "giay-kham-suc-khoe",
                        "Giấy khám sức khỏe của người lái xe",
                        "Khi đổi giấy phép lái xe hạng A1, A, B1 trở lên có thời hạn, trừ trường hợp dữ liệu khám sức khỏe đã được liên thông điện tử",
                    ),
                    committed=3,
                    fees=(
                        charge(
                            "Lệ phí cấp đổi giấy phép lái xe",
                            135_000,
                            unit="đồng/lần",
                            exemption="Nộp trực tuyến: 115.000 đồng/lần.",
                        ),
                    ),
                    fields=(
                        ef.text(
                            "licence_number",
                            "Số giấy phép lái xe",
                            max_length=12,
                            pattern=r"\d{12}",
                            pattern_message="Số giấy phép lái xe gồm 12 chữ số.",
                        ),
                        ef.select(
                            "licence_class",
                            "Hạng",
                            (
                                ("a1", "A1"),
                                ("a", "A"),
                                ("b", "B"),
                                ("c1", "C1"),
                                ("c", "C"),
                                ("d", "D"),
                            ),
                        ),
                        ef.past_date("licence_issued_on", "Ngày cấp"),
                    ),
                ),
                case(
                    "quan-doi",
                    "Giấy phép lái xe quân sự do Bộ Quốc phòng cấp (khi ra quân)",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị đổi, cấp lại giấy phép lái xe",
                        "Mẫu số 01 Phụ lục XIV ban hành kèm theo Thông tư số 12/2025/TT-BCA",
                    ),
                    copy_doc(
                        "quyet-dinh-ra-quan", "Quyết định ra quân, nghỉ hưu, chuyển ngành (bản sao)"
                    ),
                    paper(
                        "gplx-quan-su",
                        "Giấy phép lái xe quân sự còn thời hạn (bản chính để đối chiếu)",
                        originals=0,
                        copies=1,
                    ),
                    committed=4,
                    fees=(charge("Lệ phí cấp đổi giấy phép lái xe", 135_000, unit="đồng/lần"),),
                    fields=(
                        ef.text("military_licence", "Số giấy phép lái xe quân sự", max_length=20),
                        ef.past_date("discharge_date", "Ngày quyết định ra quân"),
                    ),
                ),
            ),
        ),
        police(
            "2.001951",
            "Cấp lại giấy phép lái xe",
            f.PTGT,
            subjects="Người có giấy phép lái xe bị mất",
            result="Giấy phép lái xe được cấp lại",
            legal=(TRAFFIC_LAW, LICENCE_CIRCULAR, LICENCE_FEES),
            online="full",
            cases=(
                case(
                    "bi-mat",
                    "Giấy phép lái xe bị mất",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị đổi, cấp lại giấy phép lái xe",
                        "Mẫu số 01 Phụ lục XIV ban hành kèm theo Thông tư số 12/2025/TT-BCA",
                    ),
                    paper(
                        "giay-kham-suc-khoe",
                        "Giấy khám sức khỏe của người lái xe (đối với giấy phép có thời hạn)",
                    ),
                    committed=5,
                    note="Sau khi tra cứu, xác minh không phát hiện giấy phép lái xe đang bị cơ quan có thẩm quyền tạm giữ, xử lý.",
                    fees=(charge("Lệ phí cấp lại giấy phép lái xe", 135_000, unit="đồng/lần"),),
                    fields=(
                        ef.text(
                            "licence_number",
                            "Số giấy phép lái xe (nếu nhớ)",
                            required=False,
                            max_length=12,
                        ),
                        ef.past_date("lost_on", "Ngày mất"),
                    ),
                ),
            ),
        ),
        police(
            "2.001952",
            "Cấp giấy phép lái xe quốc tế",
            f.PTGT,
            subjects="Người có giấy phép lái xe quốc gia do Việt Nam cấp còn hạn",
            result="Giấy phép lái xe quốc tế (mẫu theo Công ước Viên 1968)",
            legal=(TRAFFIC_LAW, LICENCE_CIRCULAR, LICENCE_FEES),
            online="full",
            cases=(
                case(
                    "cap-idp",
                    "Cấp giấy phép lái xe quốc tế",
                    5,
                    form_doc(
                        "to-khai",
                        "Tờ khai đề nghị cấp giấy phép lái xe quốc tế",
                        "Mẫu số 01 Phụ lục XVIII ban hành kèm theo Thông tư số 12/2025/TT-BCA",
                    ),
                    paper("anh", "Ảnh chân dung màu cỡ 3×4 cm", originals=1),
                    committed=3,
                    fees=(charge("Lệ phí cấp giấy phép lái xe quốc tế", 135_000, unit="đồng/lần"),),
                    fields=(
                        ef.text(
                            "licence_number",
                            "Số giấy phép lái xe quốc gia",
                            max_length=12,
                            pattern=r"\d{12}",
                            pattern_message="Số giấy phép lái xe gồm 12 chữ số.",
                        ),
                    ),
                ),
            ),
        ),
        police(
            "2.001960",
            "Cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự để làm ngành, nghề đầu tư kinh doanh có điều kiện",
            f.ANTT,
            subjects="Cơ sở kinh doanh ngành, nghề có điều kiện về an ninh, trật tự (cơ sở lưu trú, karaoke, cầm đồ, con dấu...)",
            individuals=True,
            organisations=True,
            result="Giấy chứng nhận đủ điều kiện về an ninh, trật tự",
            legal=(
                basis(
                    "Nghị định số 96/2016/NĐ-CP ngày 01/7/2016 quy định điều kiện về an ninh, trật tự đối với một số ngành, nghề đầu tư kinh doanh có điều kiện (sửa đổi bởi Nghị định số 56/2023/NĐ-CP)",
                    dt.date(2023, 9, 25),
                ),
                basis(
                    "Thông tư số 43/2020/TT-BTC quy định mức thu lệ phí cấp giấy chứng nhận đủ điều kiện về an ninh, trật tự",
                    dt.date(2020, 7, 15),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới",
                    5,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự",
                        "Mẫu số 03 ban hành kèm theo Nghị định số 96/2016/NĐ-CP",
                    ),
                    copy_doc(
                        "dang-ky-kinh-doanh",
                        "Bản sao giấy chứng nhận đăng ký doanh nghiệp, hộ kinh doanh",
                    ),
                    form_doc(
                        "ban-khai-ly-lich",
                        "Bản khai lý lịch của người chịu trách nhiệm về an ninh, trật tự",
                        "Mẫu số 02 ban hành kèm theo Nghị định số 96/2016/NĐ-CP",
                    ),
                    copy_doc(
                        "pccc",
                        "Bản sao văn bản nghiệm thu về phòng cháy và chữa cháy (đối với cơ sở thuộc diện)",
                    ),
                    committed=4,
                    fees=(
                        charge(
                            "Lệ phí cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự",
                            300_000,
                            unit="đồng/giấy",
                        ),
                    ),
                    fields=(
                        *ef.business_place_fields(),
                        ef.select(
                            "business_kind",
                            "Ngành, nghề",
                            (
                                ("luu_tru", "Kinh doanh dịch vụ lưu trú"),
                                ("karaoke", "Kinh doanh dịch vụ karaoke, vũ trường"),
                                ("cam_do", "Kinh doanh dịch vụ cầm đồ"),
                                ("con_dau", "Sản xuất con dấu"),
                                ("khac", "Ngành, nghề khác"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ]
