"""Judicial records, judicial support services, legal aid (Department of Justice) and grassroots
mediation (communes)."""

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
    D_JUSTICE,
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

department = partial(procedure, level=PROVINCE_LEVEL, agencies=(pc.JUSTICE,), decision=D_JUSTICE)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_COMMUNE)

RECORDS_LAW = basis("Luật Lý lịch tư pháp số 28/2009/QH12 ngày 17/6/2009", dt.date(2010, 7, 1))
RECORDS_DECREE = basis(
    "Nghị định số 111/2010/NĐ-CP ngày 23/11/2010 của Chính phủ quy định chi tiết một số điều "
    "của Luật Lý lịch tư pháp",
    dt.date(2011, 1, 10),
)
RECORDS_FEES = basis(
    "Thông tư số 244/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp",
    dt.date(2017, 1, 1),
)
LAWYERS_LAW = basis(
    "Luật Luật sư số 65/2006/QH11 (sửa đổi, bổ sung bởi Luật số 20/2012/QH13)",
    dt.date(2013, 7, 1),
)
NOTARY_LAW = basis("Luật Công chứng số 46/2024/QH15 ngày 26/11/2024", dt.date(2025, 7, 1))
AUCTION_LAW = basis(
    "Luật Đấu giá tài sản số 01/2016/QH14 (sửa đổi, bổ sung bởi Luật số 37/2024/QH15)",
    dt.date(2025, 1, 1),
)
MEDIATION_LAW = basis("Luật Hòa giải ở cơ sở số 35/2013/QH13 ngày 20/6/2013", dt.date(2014, 1, 1))
LEGAL_AID_LAW = basis("Luật Trợ giúp pháp lý số 11/2017/QH14 ngày 20/6/2017", dt.date(2018, 1, 1))
JUDICIAL_FEES = basis(
    "Thông tư số 220/2016/TT-BTC ngày 10/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí, lệ phí trong lĩnh vực bổ trợ tư pháp",
    dt.date(2017, 1, 1),
)

RECORD_FEE_EXEMPTION = (
    "Giảm 50% (100.000 đồng) cho sinh viên, người có công với cách mạng, thân nhân liệt sĩ; miễn "
    "cho trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo, người cư trú tại xã đặc "
    "biệt khó khăn."
)


def _record_request_fields() -> list[ef.FormField]:
    return [
        ef.select(
            "record_form",
            "Loại Phiếu lý lịch tư pháp yêu cầu cấp",
            (("phieu_1", "Phiếu lý lịch tư pháp số 1"), ("phieu_2", "Phiếu lý lịch tư pháp số 2")),
        ),
        ef.text(
            "birth_name",
            "Họ và tên khai sinh (nếu khác họ tên hiện tại)",
            required=False,
            max_length=100,
        ),
        ef.group(
            "residences",
            "Quá trình cư trú từ đủ 14 tuổi",
            [
                ef.text("period", "Thời gian (từ tháng/năm đến tháng/năm)", max_length=50),
                ef.address("place", "Nơi thường trú, tạm trú"),
            ],
            repeat=True,
            min_items=1,
            max_items=15,
        ),
        ef.checkbox(
            "confirm_ban",
            "Yêu cầu xác nhận về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã",
        ),
        ef.text("purpose", "Mục đích sử dụng Phiếu", max_length=255),
        ef.number("copies", "Số lượng Phiếu yêu cầu cấp", integer=True, low=1, high=10),
    ]


def procedures() -> list[ProcedureSpec]:
    record_form = form_doc(
        "to-khai",
        "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        "Mẫu số 03/2013/TT-LLTP ban hành kèm theo Thông tư số 06/2013/TT-BTP",
    )
    police = handoff("cong-an", pc.POLICE, "Công an tỉnh tra cứu, xác minh thông tin án tích", 24)
    return [
        department(
            "2.000488",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
            f.LLTP,
            subjects="Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam",
            result="Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản giấy hoặc bản điện tử)",
            legal=(RECORDS_LAW, RECORDS_DECREE, RECORDS_FEES),
            online="full",
            fees_note="Từ Phiếu thứ 3 trở đi thu thêm 5.000 đồng/Phiếu.",
            cases=(
                case(
                    "thong-thuong",
                    "Công dân Việt Nam cư trú ổn định, không có án tích",
                    10,
                    record_form,
                    copy_doc(
                        "giay-to-tuy-than",
                        "Bản chụp giấy tờ tùy thân (căn cước, hộ chiếu) của người được cấp Phiếu",
                    ),
                    paper_if(
                        "uy-quyen",
                        "Văn bản ủy quyền",
                        "Khi ủy quyền làm thủ tục cấp Phiếu số 1 (Phiếu số 2 không được ủy quyền)",
                    ),
                    committed=7,
                    fees=(
                        fee(
                            "Phí cung cấp thông tin lý lịch tư pháp",
                            200_000,
                            unit="đồng/lần/người",
                            exemption=RECORD_FEE_EXEMPTION,
                        ),
                    ),
                    handoffs=(police,),
                    fields=_record_request_fields(),
                    form_title="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                ),
                case(
                    "phuc-tap",
                    "Người đã cư trú ở nhiều nơi, người nước ngoài, người có án tích cần xác minh điều kiện xóa án tích",
                    15,
                    record_form,
                    copy_doc(
                        "giay-to-tuy-than",
                        "Bản chụp giấy tờ tùy thân (căn cước, hộ chiếu) của người được cấp Phiếu",
                    ),
                    paper_if(
                        "xac-nhan-xoa-an",
                        "Giấy chứng nhận đã chấp hành xong bản án",
                        "Khi người yêu cầu đã từng bị kết án",
                    ),
                    committed=12,
                    fees=(
                        fee(
                            "Phí cung cấp thông tin lý lịch tư pháp",
                            200_000,
                            unit="đồng/lần/người",
                            exemption=RECORD_FEE_EXEMPTION,
                        ),
                    ),
                    handoffs=(
                        handoff(
                            "cong-an",
                            pc.POLICE,
                            "Công an tỉnh tra cứu, xác minh thông tin án tích",
                            40,
                        ),
                    ),
                    review=True,
                    fields=_record_request_fields(),
                    form_title="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                ),
            ),
        ),
        department(
            "2.000505",
            "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng, cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị – xã hội",
            f.LLTP,
            subjects="Cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị – xã hội",
            individuals=False,
            organisations=True,
            result="Phiếu lý lịch tư pháp số 1 hoặc số 2",
            legal=(RECORDS_LAW, RECORDS_DECREE),
            online="partial",
            cases=(
                case(
                    "co-quan",
                    "Cấp Phiếu theo yêu cầu của cơ quan, tổ chức",
                    10,
                    paper(
                        "van-ban-yeu-cau",
                        "Văn bản yêu cầu cấp Phiếu lý lịch tư pháp ghi rõ địa chỉ cơ quan, mục đích sử dụng",
                    ),
                    committed=7,
                    note="Trường hợp khẩn cấp theo yêu cầu của cơ quan tiến hành tố tụng: không quá 24 giờ.",
                    fees=(free("Phí cung cấp thông tin lý lịch tư pháp", "Không thu phí"),),
                    handoffs=(police,),
                    fields=(
                        *ef.person_fields("subject", "của người được yêu cầu cấp Phiếu"),
                        ef.text("purpose", "Mục đích sử dụng", max_length=255),
                    ),
                ),
            ),
        ),
        department(
            "2.000718",
            "Đăng ký hoạt động của tổ chức hành nghề luật sư",
            f.BTTP,
            subjects="Văn phòng luật sư, công ty luật",
            individuals=False,
            organisations=True,
            result="Giấy đăng ký hoạt động của tổ chức hành nghề luật sư",
            legal=(LAWYERS_LAW, JUDICIAL_FEES),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký hoạt động",
                    10,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị đăng ký hoạt động của tổ chức hành nghề luật sư",
                        "Mẫu TP-LS-06 ban hành kèm theo Thông tư số 05/2021/TT-BTP",
                    ),
                    paper("du-thao-dieu-le", "Dự thảo Điều lệ của công ty luật"),
                    copy_doc(
                        "chung-chi",
                        "Bản sao Chứng chỉ hành nghề luật sư, Thẻ luật sư của luật sư thành lập",
                    ),
                    paper(
                        "tru-so",
                        "Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư",
                        originals=0,
                        copies=1,
                    ),
                    committed=7,
                    fees=(charge("Lệ phí cấp Giấy đăng ký hoạt động", 100_000),),
                    fields=(
                        ef.select(
                            "firm_kind",
                            "Hình thức tổ chức",
                            (
                                ("van_phong", "Văn phòng luật sư"),
                                ("cong_ty_tnhh", "Công ty luật TNHH"),
                                ("cong_ty_hop_danh", "Công ty luật hợp danh"),
                            ),
                        ),
                        ef.member_group("lawyers", "Luật sư thành viên"),
                    ),
                ),
            ),
        ),
        department(
            "2.000744",
            "Đăng ký hành nghề luật sư với tư cách cá nhân",
            f.BTTP,
            subjects="Luật sư hành nghề với tư cách cá nhân",
            result="Giấy đăng ký hành nghề luật sư với tư cách cá nhân",
            legal=(LAWYERS_LAW, JUDICIAL_FEES),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký hành nghề",
                    7,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị đăng ký hành nghề luật sư với tư cách cá nhân",
                        "Mẫu TP-LS-14 ban hành kèm theo Thông tư số 05/2021/TT-BTP",
                    ),
                    copy_doc("the-luat-su", "Bản sao Thẻ luật sư"),
                    paper(
                        "hop-dong-lao-dong",
                        "Hợp đồng lao động ký với cơ quan, tổ chức",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(charge("Lệ phí đăng ký hành nghề", 100_000),),
                    fields=(
                        ef.text("lawyer_card", "Số Thẻ luật sư", max_length=20),
                        ef.text("bar_association", "Đoàn luật sư", max_length=100),
                        ef.text(
                            "employer", "Cơ quan, tổ chức ký hợp đồng lao động", max_length=255
                        ),
                    ),
                ),
            ),
        ),
        department(
            "2.002114",
            "Thành lập Văn phòng công chứng",
            f.BTTP,
            subjects="Công chứng viên đề nghị thành lập Văn phòng công chứng",
            result="Quyết định cho phép thành lập Văn phòng công chứng của Chủ tịch UBND tỉnh",
            conditions="Phù hợp với quy hoạch tổng thể phát triển tổ chức hành nghề công chứng; công chứng viên hợp danh đã hành nghề công chứng từ 02 năm trở lên.",
            legal=(NOTARY_LAW, JUDICIAL_FEES),
            online="partial",
            cases=(
                case(
                    "thanh-lap",
                    "Thành lập Văn phòng công chứng",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị thành lập Văn phòng công chứng",
                        "Mẫu TP-CC-08 ban hành kèm theo Thông tư số 01/2021/TT-BTP",
                    ),
                    paper(
                        "de-an",
                        "Đề án thành lập Văn phòng công chứng nêu rõ sự cần thiết, tên gọi, trụ sở, nhân sự, kế hoạch hoạt động",
                    ),
                    copy_doc("quyet-dinh-bo-nhiem", "Bản sao quyết định bổ nhiệm công chứng viên"),
                    committed=15,
                    fees=(
                        fee("Phí thẩm định điều kiện hoạt động Văn phòng công chứng", 1_000_000),
                    ),
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "UBND tỉnh xem xét, quyết định cho phép thành lập",
                            40,
                            after_approval=True,
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.text("office_name", "Tên Văn phòng công chứng dự kiến", max_length=200),
                        ef.address("office_address", "Địa chỉ trụ sở dự kiến"),
                        ef.member_group("notaries", "Công chứng viên hợp danh", max_items=10),
                    ),
                ),
            ),
        ),
        department(
            "2.002118",
            "Đăng ký hoạt động Văn phòng công chứng",
            f.BTTP,
            subjects="Văn phòng công chứng đã được cho phép thành lập",
            individuals=False,
            organisations=True,
            result="Giấy đăng ký hoạt động Văn phòng công chứng",
            legal=(NOTARY_LAW, JUDICIAL_FEES),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký hoạt động",
                    10,
                    form_doc(
                        "don",
                        "Đơn đăng ký hoạt động Văn phòng công chứng",
                        "Mẫu TP-CC-09 ban hành kèm theo Thông tư số 01/2021/TT-BTP",
                    ),
                    copy_doc(
                        "quyet-dinh-thanh-lap",
                        "Bản sao Quyết định cho phép thành lập Văn phòng công chứng",
                    ),
                    paper(
                        "tru-so",
                        "Giấy tờ chứng minh về trụ sở của Văn phòng công chứng",
                        originals=0,
                        copies=1,
                    ),
                    committed=7,
                    fees=(charge("Lệ phí cấp Giấy đăng ký hoạt động", 1_000_000),),
                    fields=(
                        ef.text(
                            "decision_number", "Số quyết định cho phép thành lập", max_length=30
                        ),
                        ef.past_date("decision_date", "Ngày quyết định"),
                    ),
                ),
            ),
        ),
        department(
            "1.008724",
            "Đăng ký hoạt động của doanh nghiệp đấu giá tài sản",
            f.BTTP,
            subjects="Doanh nghiệp đấu giá tài sản",
            individuals=False,
            organisations=True,
            result="Giấy đăng ký hoạt động của doanh nghiệp đấu giá tài sản",
            legal=(AUCTION_LAW, JUDICIAL_FEES),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký hoạt động",
                    7,
                    form_doc(
                        "giay-de-nghi",
                        "Giấy đề nghị đăng ký hoạt động của doanh nghiệp đấu giá tài sản",
                        "Mẫu TP-ĐGTS-05 ban hành kèm theo Thông tư số 19/2024/TT-BTP",
                    ),
                    copy_doc(
                        "the-dau-gia-vien", "Bản sao Chứng chỉ hành nghề đấu giá của đấu giá viên"
                    ),
                    paper(
                        "tru-so",
                        "Giấy tờ chứng minh trụ sở, cơ sở vật chất bảo đảm hoạt động đấu giá",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(fee("Phí thẩm định tiêu chuẩn, điều kiện hoạt động", 1_000_000),),
                    fields=(ef.member_group("auctioneers", "Đấu giá viên"),),
                ),
            ),
        ),
        department(
            "2.001680",
            "Yêu cầu trợ giúp pháp lý",
            f.TGPL,
            subjects="Người được trợ giúp pháp lý (người có công, người thuộc hộ nghèo, trẻ em, người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế – xã hội đặc biệt khó khăn...)",
            result="Văn bản thụ lý vụ việc trợ giúp pháp lý; cử người thực hiện trợ giúp pháp lý",
            legal=(LEGAL_AID_LAW,),
            online="full",
            cases=(
                case(
                    "yeu-cau",
                    "Yêu cầu trợ giúp pháp lý",
                    2,
                    form_doc(
                        "don",
                        "Đơn yêu cầu trợ giúp pháp lý",
                        "Mẫu số 01-TP-TGPL ban hành kèm theo Thông tư số 12/2018/TT-BTP",
                    ),
                    paper(
                        "chung-minh-doi-tuong",
                        "Giấy tờ chứng minh thuộc diện người được trợ giúp pháp lý",
                        originals=0,
                        copies=1,
                    ),
                    paper_if(
                        "tai-lieu-vu-viec",
                        "Giấy tờ, tài liệu liên quan đến vụ việc",
                        "Khi có",
                        originals=0,
                        copies=1,
                    ),
                    committed=1,
                    fees=(free("Trợ giúp pháp lý", "Miễn phí"),),
                    fields=(
                        ef.select(
                            "aid_group",
                            "Thuộc diện",
                            (
                                ("co_cong", "Người có công với cách mạng"),
                                ("ho_ngheo", "Người thuộc hộ nghèo"),
                                ("tre_em", "Trẻ em"),
                                ("dan_toc", "Người dân tộc thiểu số vùng đặc biệt khó khăn"),
                                ("khac", "Trường hợp khác theo Điều 7 Luật"),
                            ),
                        ),
                        ef.textarea("case_summary", "Tóm tắt vụ việc", max_length=3000),
                    ),
                ),
            ),
        ),
        commune(
            "2.000930",
            "Thủ tục công nhận hòa giải viên",
            f.HGCS,
            subjects="Trưởng ban công tác Mặt trận ở thôn, tổ dân phố đề nghị công nhận",
            result="Quyết định công nhận hòa giải viên của Chủ tịch UBND cấp xã",
            legal=(
                MEDIATION_LAW,
                basis(
                    "Nghị định số 15/2014/NĐ-CP ngày 27/02/2014 quy định chi tiết một số điều và biện pháp thi hành Luật Hòa giải ở cơ sở",
                    dt.date(2014, 4, 15),
                ),
            ),
            online="none",
            postal="none",
            cases=(
                case(
                    "cong-nhan",
                    "Công nhận hòa giải viên",
                    3,
                    paper("van-ban-de-nghi", "Văn bản đề nghị công nhận hòa giải viên"),
                    paper(
                        "danh-sach",
                        "Danh sách người được đề xuất làm hòa giải viên (kèm biên bản bầu)",
                    ),
                    committed=2,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("village", "Thôn, tổ dân phố", max_length=100),
                        ef.member_group("mediators", "Người được đề nghị công nhận", max_items=15),
                    ),
                ),
            ),
        ),
        commune(
            "2.000962",
            "Thủ tục thanh toán thù lao cho hòa giải viên",
            f.HGCS,
            subjects="Tổ hòa giải ở thôn, tổ dân phố",
            result="Quyết định thanh toán thù lao cho hòa giải viên",
            legal=(MEDIATION_LAW,),
            online="none",
            postal="none",
            cases=(
                case(
                    "thanh-toan",
                    "Thanh toán thù lao theo vụ việc",
                    5,
                    paper(
                        "giay-de-nghi", "Giấy đề nghị thanh toán thù lao của tổ trưởng tổ hòa giải"
                    ),
                    paper(
                        "so-theo-doi",
                        "Bản sao Sổ theo dõi hoạt động hòa giải ở cơ sở (phần ghi vụ việc)",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("team", "Tổ hòa giải", max_length=100),
                        ef.number(
                            "cases_count",
                            "Số vụ việc đề nghị thanh toán",
                            integer=True,
                            low=1,
                            high=100,
                        ),
                    ),
                ),
            ),
        ),
    ]
