"""Civil status (hộ tịch), certification (chứng thực) and adoption (nuôi con nuôi): commune level,
plus the foreign adoptions of the Department of Justice."""

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
    D_JUSTICE,
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

commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_COMMUNE)

TT04 = "ban hành kèm theo Thông tư số 04/2020/TT-BTP (sửa đổi bởi Thông tư số 03/2023/TT-BTP)"
LAW = basis("Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014", dt.date(2016, 1, 1))
DECREE_123 = basis(
    "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều "
    "và biện pháp thi hành Luật Hộ tịch",
    dt.date(2016, 1, 1),
)
DECREE_120 = basis(
    "Nghị định số 120/2025/NĐ-CP ngày 11/6/2025 của Chính phủ quy định về phân định thẩm quyền "
    "của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp",
    dt.date(2025, 7, 1),
)
CIRCULAR_04 = basis(
    "Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ trưởng Bộ Tư pháp quy định chi tiết thi "
    "hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP",
    dt.date(2020, 7, 16),
)
FEES_RESOLUTION = basis(
    f"Nghị quyết số 08/2025/NQ-HĐND ngày 30/6/2025 của HĐND tỉnh {pc.PROVINCE_NAME} quy định "
    "mức thu, miễn, giảm lệ phí hộ tịch trên địa bàn tỉnh",
    dt.date(2025, 7, 10),
)
DECREE_63_2024 = basis(
    "Nghị định số 63/2024/NĐ-CP ngày 10/6/2024 của Chính phủ quy định thực hiện liên thông điện "
    "tử 02 nhóm thủ tục hành chính",
    dt.date(2024, 7, 1),
)
DECREE_23 = basis(
    "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng "
    "thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
    dt.date(2015, 4, 10),
)
CERT_FEES = basis(
    "Thông tư số 226/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, "
    "nộp, quản lý và sử dụng phí chứng thực",
    dt.date(2017, 1, 1),
)
ADOPTION_LAW = basis("Luật Nuôi con nuôi số 52/2010/QH12 ngày 17/6/2010", dt.date(2011, 1, 1))
ADOPTION_DECREE = basis(
    "Nghị định số 19/2011/NĐ-CP ngày 21/3/2011 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Nuôi con nuôi (sửa đổi bởi Nghị định số 24/2019/NĐ-CP)",
    dt.date(2011, 5, 10),
)

SAME_DAY = (
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được "
    "ngay thì trả kết quả trong ngày làm việc tiếp theo."
)
VERIFY_5 = "Trường hợp cần xác minh thì thời hạn giải quyết không quá 05 ngày làm việc."
FOREIGN_FEE_NOTE = (
    "Miễn lệ phí cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật."
)


def _child_fields() -> list[ef.FormField]:
    return [
        ef.text("child_name", "Họ, chữ đệm và tên của trẻ", max_length=100),
        ef.past_date("child_birth_date", "Ngày, tháng, năm sinh"),
        ef.select("child_sex", "Giới tính", ef.SEX),
        ef.text("child_ethnicity", "Dân tộc", max_length=50),
        ef.select("child_nationality", "Quốc tịch", ef.NATIONALITY),
        ef.address("child_birth_place", "Nơi sinh"),
        ef.text("child_home_town", "Quê quán", max_length=200),
    ]


def _parents_fields() -> list[ef.FormField]:
    return [
        *ef.person_fields("mother", "của mẹ"),
        ef.checkbox("father_known", "Đã xác định được cha của trẻ"),
        ef.text(
            "father_name",
            "Họ, chữ đệm và tên của cha",
            max_length=100,
            show_if=ef.when("father_known", True),
        ),
        ef.personal_id(
            "father_id", "Số định danh cá nhân của cha", show_if=ef.when("father_known", True)
        ),
        ef.select(
            "declarant_relation",
            "Quan hệ của người đi khai với trẻ",
            (("cha", "Cha"), ("me", "Mẹ"), ("ong_ba", "Ông, bà"), ("khac", "Người thân khác")),
        ),
    ]


def _spouse_fields(prefix: str, who: str) -> list[ef.FormField]:
    return [
        ef.text(f"{prefix}_name", f"Họ, chữ đệm và tên {who}", max_length=100),
        ef.past_date(f"{prefix}_birth_date", f"Ngày sinh {who}"),
        ef.select(f"{prefix}_nationality", f"Quốc tịch {who}", ef.NATIONALITY),
        ef.personal_id(
            f"{prefix}_id",
            f"Số định danh cá nhân {who}",
            show_if=ef.when(f"{prefix}_nationality", "viet_nam"),
        ),
        ef.text(
            f"{prefix}_passport",
            f"Số hộ chiếu {who}",
            max_length=20,
            show_if=ef.when(f"{prefix}_nationality", "nuoc_ngoai"),
        ),
        ef.address(f"{prefix}_address", f"Nơi cư trú {who}"),
        ef.select(
            f"{prefix}_marital",
            f"Tình trạng hôn nhân {who}",
            (
                ("chua_ket_hon", "Chưa kết hôn lần nào"),
                ("ly_hon", "Đã ly hôn"),
                ("goa", "Vợ/chồng đã chết"),
            ),
        ),
    ]


def _deceased_fields() -> list[ef.FormField]:
    return [
        *ef.person_fields("deceased", "của người chết"),
        ef.past_date("death_date", "Ngày chết"),
        ef.address("death_place", "Nơi chết"),
        ef.text("death_cause", "Nguyên nhân chết", max_length=200),
        ef.text("declarant_relation", "Quan hệ của người đi khai với người chết", max_length=50),
    ]


def _record_fields() -> list[ef.FormField]:
    """An earlier civil-status record identified in the register."""
    return [
        ef.text("record_book", "Số sổ / quyển hộ tịch đã đăng ký", required=False, max_length=30),
        ef.text("record_number", "Số đăng ký", required=False, max_length=30),
        ef.past_date("record_date", "Ngày đăng ký", required=False),
        ef.text("record_authority", "Cơ quan đã đăng ký", max_length=200),
    ]


def procedures() -> list[ProcedureSpec]:
    birth_form = form_doc(
        "to-khai", "Tờ khai đăng ký khai sinh", f"Mẫu Tờ khai đăng ký khai sinh {TT04}"
    )
    birth_proof = paper_if(
        "giay-chung-sinh",
        "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh hoặc "
        "giấy cam đoan về việc sinh",
        "Bắt buộc đối với mọi trường hợp; trẻ bị bỏ rơi thay bằng biên bản xác nhận việc trẻ bị "
        "bỏ rơi; trẻ sinh ra do mang thai hộ thay bằng văn bản chứng minh việc mang thai hộ",
    )
    return [
        commune(
            "1.001193",
            "Đăng ký khai sinh",
            f.HT,
            subjects="Cha, mẹ, ông, bà, người thân thích khác hoặc cá nhân, tổ chức đang nuôi dưỡng trẻ em",
            result="Giấy khai sinh (bản chính); trích lục khai sinh bản điện tử",
            conditions="Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.",
            legal=(LAW, DECREE_123, CIRCULAR_04, DECREE_120, FEES_RESOLUTION),
            online="full",
            cutoff="on",
            cases=(
                case(
                    "dung-han",
                    "Đăng ký khai sinh đúng hạn (trẻ em sinh tại Việt Nam, cha mẹ là công dân Việt Nam)",
                    8,
                    birth_form,
                    birth_proof,
                    proxy_if(),
                    unit=WH,
                    committed=4,
                    note=SAME_DAY,
                    fees=(free("Lệ phí đăng ký khai sinh đúng hạn"),),
                    fields=(*_child_fields(), *_parents_fields()),
                    form_title="Tờ khai đăng ký khai sinh",
                ),
                case(
                    "qua-han",
                    "Đăng ký khai sinh quá hạn",
                    3,
                    birth_form,
                    birth_proof,
                    paper_if(
                        "giay-to-chung-minh",
                        "Giấy tờ, tài liệu có thông tin về họ tên, ngày sinh của người được khai "
                        "sinh (hồ sơ học tập, giấy tờ tùy thân)",
                        "Khi người được đăng ký khai sinh đã trưởng thành, có giấy tờ cá nhân",
                        originals=0,
                        copies=1,
                    ),
                    proxy_if(),
                    committed=2,
                    note=VERIFY_5,
                    fees=(free("Lệ phí đăng ký khai sinh quá hạn"),),
                    fields=(*_child_fields(), *_parents_fields()),
                    form_title="Tờ khai đăng ký khai sinh",
                ),
                case(
                    "yeu-to-nuoc-ngoai",
                    "Đăng ký khai sinh có yếu tố nước ngoài (cha hoặc mẹ là người nước ngoài, trẻ sinh ra ở nước ngoài về cư trú)",
                    3,
                    birth_form,
                    birth_proof,
                    paper_if(
                        "thoa-thuan-quoc-tich",
                        "Văn bản thỏa thuận của cha, mẹ về việc lựa chọn quốc tịch cho con",
                        "Khi cha hoặc mẹ là người nước ngoài và cha mẹ chọn quốc tịch nước ngoài cho con",
                        template=f"Mẫu văn bản thỏa thuận lựa chọn quốc tịch {TT04}",
                    ),
                    copy_doc(
                        "ho-chieu",
                        "Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của cha, mẹ là người nước ngoài",
                    ),
                    proxy_if(),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí đăng ký khai sinh có yếu tố nước ngoài",
                            75_000,
                            unit="đồng/trường hợp",
                            exemption=FOREIGN_FEE_NOTE,
                        ),
                    ),
                    fields=(*_child_fields(), *_parents_fields()),
                    form_title="Tờ khai đăng ký khai sinh có yếu tố nước ngoài",
                ),
            ),
        ),
        commune(
            "1.001195",
            "Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
            f.HT,
            subjects="Cha, mẹ hoặc người đi đăng ký khai sinh cho trẻ em dưới 6 tuổi",
            result="Giấy khai sinh; thông báo kết quả đăng ký thường trú; thẻ bảo hiểm y tế của trẻ (bản điện tử trên VNeID)",
            legal=(
                LAW,
                DECREE_123,
                DECREE_63_2024,
                basis("Luật Cư trú số 68/2020/QH14 ngày 13/11/2020", dt.date(2021, 7, 1)),
            ),
            online="full",
            cases=(
                case(
                    "lien-thong",
                    "Liên thông đăng ký khai sinh – đăng ký thường trú – cấp thẻ BHYT",
                    10,
                    form_doc(
                        "to-khai-lien-thong",
                        "Tờ khai điện tử liên thông (đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế)",
                        "Mẫu tờ khai điện tử liên thông ban hành kèm theo Nghị định số 63/2024/NĐ-CP",
                    ),
                    birth_proof,
                    paper_if(
                        "y-kien-chu-ho",
                        "Văn bản đồng ý của chủ hộ, chủ sở hữu chỗ ở hợp pháp cho đăng ký thường trú",
                        "Khi trẻ đăng ký thường trú tại chỗ ở không thuộc sở hữu của cha, mẹ",
                    ),
                    committed=7,
                    note="Đăng ký khai sinh trong ngày; đăng ký thường trú không quá 05 ngày làm việc; cấp thẻ bảo hiểm y tế không quá 03 ngày làm việc.",
                    fees=(free("Lệ phí đăng ký khai sinh, đăng ký thường trú"),),
                    handoffs=(
                        handoff(
                            "cong-an",
                            pc.POLICE,
                            "Công an cấp xã đăng ký thường trú cho trẻ",
                            16,
                            after_approval=True,
                        ),
                        handoff(
                            "bhxh",
                            pc.SOCIAL_INSURANCE,
                            "Bảo hiểm xã hội cấp thẻ bảo hiểm y tế",
                            16,
                            after_approval=True,
                        ),
                    ),
                    fields=(
                        *_child_fields(),
                        *_parents_fields(),
                        ef.address("residence_address", "Địa chỉ đăng ký thường trú của trẻ"),
                        ef.text(
                            "insurance_hospital",
                            "Nơi đăng ký khám chữa bệnh ban đầu",
                            max_length=200,
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.000894",
            "Đăng ký kết hôn",
            f.HT,
            subjects="Nam, nữ có yêu cầu đăng ký kết hôn",
            result="Giấy chứng nhận kết hôn (02 bản chính, mỗi bên vợ, chồng giữ một bản)",
            conditions=(
                "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do nam, nữ tự nguyện quyết định; "
                "không bị mất năng lực hành vi dân sự; không thuộc các trường hợp cấm kết hôn theo "
                "Luật Hôn nhân và gia đình."
            ),
            legal=(
                LAW,
                DECREE_123,
                CIRCULAR_04,
                basis(
                    "Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014", dt.date(2015, 1, 1)
                ),
                DECREE_120,
                FEES_RESOLUTION,
            ),
            online="partial",
            postal="return",
            cases=(
                case(
                    "trong-nuoc",
                    "Đăng ký kết hôn giữa công dân Việt Nam cư trú trong nước",
                    8,
                    form_doc(
                        "to-khai", "Tờ khai đăng ký kết hôn", f"Mẫu Tờ khai đăng ký kết hôn {TT04}"
                    ),
                    paper_if(
                        "xac-nhan-hon-nhan",
                        "Giấy xác nhận tình trạng hôn nhân",
                        "Khi bên nam hoặc nữ không đăng ký thường trú tại xã, phường nơi đăng ký "
                        "kết hôn và thông tin tình trạng hôn nhân chưa có trong Cơ sở dữ liệu hộ tịch điện tử",
                    ),
                    paper_if(
                        "trich-luc-ly-hon",
                        "Trích lục ghi chú ly hôn",
                        "Khi công dân Việt Nam đã ly hôn, hủy việc kết hôn ở nước ngoài",
                        originals=0,
                        copies=1,
                    ),
                    unit=WH,
                    committed=4,
                    note=f"{SAME_DAY} {VERIFY_5}",
                    fees=(free("Lệ phí đăng ký kết hôn"),),
                    fields=(
                        *_spouse_fields("groom", "của bên nam"),
                        *_spouse_fields("bride", "của bên nữ"),
                    ),
                    form_title="Tờ khai đăng ký kết hôn",
                ),
                case(
                    "yeu-to-nuoc-ngoai",
                    "Đăng ký kết hôn có yếu tố nước ngoài",
                    15,
                    form_doc(
                        "to-khai", "Tờ khai đăng ký kết hôn", f"Mẫu Tờ khai đăng ký kết hôn {TT04}"
                    ),
                    paper(
                        "giay-kham-suc-khoe",
                        "Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận người đó không mắc bệnh "
                        "tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được hành vi của mình",
                        originals=2,
                    ),
                    paper(
                        "tinh-trang-hon-nhan-nuoc-ngoai",
                        "Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm "
                        "quyền nước ngoài cấp, đã được hợp pháp hóa lãnh sự và dịch sang tiếng Việt",
                    ),
                    copy_doc(
                        "ho-chieu",
                        "Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài",
                    ),
                    committed=10,
                    note="Trường hợp cần xác minh thì thời hạn giải quyết được kéo dài thêm không quá 10 ngày làm việc.",
                    fees=(
                        charge(
                            "Lệ phí đăng ký kết hôn có yếu tố nước ngoài",
                            1_000_000,
                            unit="đồng/trường hợp",
                            exemption=FOREIGN_FEE_NOTE,
                        ),
                    ),
                    handoffs=(
                        handoff(
                            "xac-minh", pc.POLICE, "Công an tỉnh xác minh nhân thân (khi cần)", 24
                        ),
                    ),
                    optional_handoffs=True,
                    fields=(
                        *_spouse_fields("groom", "của bên nam"),
                        *_spouse_fields("bride", "của bên nữ"),
                    ),
                    form_title="Tờ khai đăng ký kết hôn có yếu tố nước ngoài",
                ),
            ),
        ),
        commune(
            "1.000656",
            "Đăng ký khai tử",
            f.HT,
            subjects="Người thân thích của người chết; đại diện cơ quan, tổ chức, cá nhân liên quan",
            result="Trích lục khai tử (bản chính)",
            conditions="Trong thời hạn 15 ngày kể từ ngày có người chết, vợ, chồng hoặc con, cha, mẹ hoặc người thân thích khác của người chết có trách nhiệm đi đăng ký khai tử.",
            legal=(LAW, DECREE_123, CIRCULAR_04, DECREE_120),
            online="full",
            cutoff="on",
            cases=(
                case(
                    "trong-nuoc",
                    "Đăng ký khai tử cho công dân Việt Nam chết tại Việt Nam",
                    8,
                    form_doc(
                        "to-khai", "Tờ khai đăng ký khai tử", f"Mẫu Tờ khai đăng ký khai tử {TT04}"
                    ),
                    paper(
                        "giay-bao-tu",
                        "Giấy báo tử hoặc giấy tờ khác thay giấy báo tử do cơ quan có thẩm quyền cấp",
                    ),
                    proxy_if(),
                    unit=WH,
                    committed=4,
                    note=f"{SAME_DAY} {VERIFY_5}",
                    fees=(free("Lệ phí đăng ký khai tử"),),
                    fields=_deceased_fields(),
                    form_title="Tờ khai đăng ký khai tử",
                ),
                case(
                    "yeu-to-nuoc-ngoai",
                    "Đăng ký khai tử cho người nước ngoài hoặc công dân Việt Nam định cư ở nước ngoài chết tại Việt Nam",
                    3,
                    form_doc(
                        "to-khai", "Tờ khai đăng ký khai tử", f"Mẫu Tờ khai đăng ký khai tử {TT04}"
                    ),
                    paper("giay-bao-tu", "Giấy báo tử hoặc giấy tờ thay giấy báo tử"),
                    copy_doc("ho-chieu", "Bản sao hộ chiếu của người chết"),
                    committed=2,
                    fees=(
                        charge(
                            "Lệ phí đăng ký khai tử có yếu tố nước ngoài",
                            50_000,
                            unit="đồng/trường hợp",
                        ),
                    ),
                    fields=_deceased_fields(),
                    form_title="Tờ khai đăng ký khai tử có yếu tố nước ngoài",
                ),
            ),
        ),
        commune(
            "1.001196",
            "Liên thông các thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng",
            f.HT,
            subjects="Thân nhân của người chết",
            result="Trích lục khai tử; thông báo xóa đăng ký thường trú; quyết định hưởng chế độ tử tuất hoặc hỗ trợ chi phí mai táng",
            legal=(
                LAW,
                DECREE_63_2024,
                basis("Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29/6/2024", dt.date(2025, 7, 1)),
            ),
            online="full",
            cases=(
                case(
                    "lien-thong",
                    "Liên thông khai tử – xóa thường trú – tử tuất, mai táng phí",
                    8,
                    form_doc(
                        "to-khai",
                        "Tờ khai điện tử liên thông đăng ký khai tử, xóa đăng ký thường trú, mai táng phí",
                        "Mẫu ban hành kèm theo Nghị định số 63/2024/NĐ-CP",
                    ),
                    paper("giay-bao-tu", "Giấy báo tử hoặc giấy tờ thay giấy báo tử"),
                    paper_if(
                        "so-bhxh",
                        "Sổ bảo hiểm xã hội của người chết",
                        "Khi người chết đang tham gia hoặc đang hưởng chế độ bảo hiểm xã hội",
                    ),
                    committed=6,
                    fees=(free("Lệ phí đăng ký khai tử"),),
                    handoffs=(
                        handoff(
                            "cong-an",
                            pc.POLICE,
                            "Công an cấp xã xóa đăng ký thường trú",
                            16,
                            after_approval=True,
                        ),
                        handoff(
                            "bhxh",
                            pc.SOCIAL_INSURANCE,
                            "Bảo hiểm xã hội giải quyết chế độ tử tuất, mai táng phí",
                            16,
                            after_approval=True,
                        ),
                    ),
                    fields=(
                        *_deceased_fields(),
                        ef.select(
                            "benefit",
                            "Chế độ đề nghị giải quyết",
                            (
                                ("tu_tuat", "Trợ cấp tử tuất (BHXH)"),
                                ("mai_tang", "Hỗ trợ chi phí mai táng"),
                                ("khong", "Không đề nghị"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.000689",
            "Đăng ký nhận cha, mẹ, con",
            f.HT,
            subjects="Cha, mẹ hoặc con có yêu cầu nhận cha, mẹ, con",
            result="Trích lục đăng ký nhận cha, mẹ, con",
            conditions="Bên nhận và bên được nhận là cha, mẹ, con còn sống vào thời điểm đăng ký và không có tranh chấp.",
            legal=(LAW, DECREE_123, CIRCULAR_04, DECREE_120, FEES_RESOLUTION),
            cases=(
                case(
                    "trong-nuoc",
                    "Giữa công dân Việt Nam cư trú trong nước",
                    3,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký nhận cha, mẹ, con",
                        f"Mẫu Tờ khai đăng ký nhận cha, mẹ, con {TT04}",
                    ),
                    paper(
                        "chung-cu",
                        "Văn bản của cơ sở y tế, cơ quan giám định xác nhận quan hệ cha con, mẹ con "
                        "hoặc chứng cứ chứng minh quan hệ cha, mẹ, con",
                    ),
                    committed=2,
                    note=VERIFY_5,
                    fees=(
                        charge("Lệ phí đăng ký nhận cha, mẹ, con", 15_000, unit="đồng/trường hợp"),
                    ),
                    fields=(
                        *ef.person_fields("parent", "của người nhận (cha hoặc mẹ)"),
                        *ef.person_fields("child", "của người được nhận là con"),
                    ),
                ),
                case(
                    "yeu-to-nuoc-ngoai",
                    "Có yếu tố nước ngoài",
                    15,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký nhận cha, mẹ, con",
                        f"Mẫu Tờ khai đăng ký nhận cha, mẹ, con {TT04}",
                    ),
                    paper(
                        "chung-cu",
                        "Chứng cứ chứng minh quan hệ cha, mẹ, con (đã hợp pháp hóa lãnh sự, dịch sang tiếng Việt nếu do nước ngoài cấp)",
                    ),
                    copy_doc("ho-chieu", "Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu"),
                    committed=12,
                    fees=(
                        charge(
                            "Lệ phí đăng ký nhận cha, mẹ, con có yếu tố nước ngoài",
                            1_000_000,
                            unit="đồng/trường hợp",
                        ),
                    ),
                    fields=(
                        *ef.person_fields("parent", "của người nhận (cha hoặc mẹ)"),
                        *ef.person_fields("child", "của người được nhận là con"),
                    ),
                ),
            ),
        ),
        commune(
            "1.004746",
            "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
            f.HT,
            subjects="Cha hoặc mẹ của trẻ chưa được đăng ký khai sinh",
            result="Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con",
            legal=(LAW, DECREE_123, CIRCULAR_04),
            online="full",
            cases=(
                case(
                    "trong-nuoc",
                    "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
                    3,
                    birth_form,
                    form_doc(
                        "to-khai-nhan",
                        "Tờ khai đăng ký nhận cha, mẹ, con",
                        f"Mẫu Tờ khai đăng ký nhận cha, mẹ, con {TT04}",
                    ),
                    birth_proof,
                    paper("chung-cu", "Chứng cứ chứng minh quan hệ cha, con hoặc mẹ, con"),
                    committed=2,
                    fees=(
                        free("Lệ phí đăng ký khai sinh"),
                        charge("Lệ phí đăng ký nhận cha, mẹ, con", 15_000),
                    ),
                    fields=(*_child_fields(), *_parents_fields()),
                ),
            ),
        ),
        commune(
            "1.004837",
            "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
            f.HT,
            subjects="Cá nhân có yêu cầu thay đổi, cải chính, bổ sung thông tin hộ tịch",
            result="Trích lục thay đổi, cải chính hộ tịch hoặc trích lục bổ sung thông tin hộ tịch",
            conditions="Việc thay đổi họ, chữ đệm, tên cho người từ đủ 09 tuổi trở lên phải có sự đồng ý của người đó.",
            legal=(
                LAW,
                DECREE_123,
                CIRCULAR_04,
                basis("Bộ luật Dân sự số 91/2015/QH13 ngày 24/11/2015", dt.date(2017, 1, 1)),
            ),
            online="full",
            cases=(
                case(
                    "thay-doi-cai-chinh",
                    "Thay đổi, cải chính thông tin hộ tịch, xác định lại dân tộc",
                    3,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                        f"Mẫu Tờ khai {TT04}",
                    ),
                    paper(
                        "giay-to-lien-quan",
                        "Giấy tờ làm căn cứ thay đổi, cải chính hộ tịch",
                        originals=0,
                        copies=1,
                    ),
                    paper_if(
                        "y-kien-nguoi-duoc-thay-doi",
                        "Văn bản đồng ý của người được thay đổi họ, chữ đệm, tên",
                        "Khi người được thay đổi họ, chữ đệm, tên từ đủ 09 tuổi trở lên",
                    ),
                    committed=2,
                    note="Trường hợp cần xác minh thì được kéo dài thêm không quá 03 ngày làm việc.",
                    fees=(
                        charge(
                            "Lệ phí thay đổi, cải chính hộ tịch", 15_000, unit="đồng/trường hợp"
                        ),
                    ),
                    fields=(
                        ef.select(
                            "change_kind",
                            "Nội dung yêu cầu",
                            (
                                ("thay_doi", "Thay đổi họ, chữ đệm, tên"),
                                ("cai_chinh", "Cải chính thông tin"),
                                ("dan_toc", "Xác định lại dân tộc"),
                            ),
                        ),
                        *_record_fields(),
                        ef.text("current_value", "Nội dung đã đăng ký", max_length=255),
                        ef.text(
                            "requested_value",
                            "Nội dung đề nghị thay đổi, cải chính",
                            max_length=255,
                        ),
                        ef.textarea("change_reason", "Lý do", max_length=1000),
                    ),
                ),
                case(
                    "bo-sung",
                    "Bổ sung thông tin hộ tịch",
                    8,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                        f"Mẫu Tờ khai {TT04}",
                    ),
                    paper(
                        "giay-to-lien-quan",
                        "Giấy tờ làm căn cứ bổ sung thông tin hộ tịch",
                        originals=0,
                        copies=1,
                    ),
                    unit=WH,
                    committed=4,
                    note=SAME_DAY,
                    fees=(
                        charge("Lệ phí bổ sung thông tin hộ tịch", 15_000, unit="đồng/trường hợp"),
                    ),
                    fields=(
                        *_record_fields(),
                        ef.textarea("supplement", "Thông tin đề nghị bổ sung", max_length=1000),
                    ),
                ),
            ),
        ),
        commune(
            "1.004873",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            f.HT,
            subjects="Công dân Việt Nam cư trú trong nước có yêu cầu xác nhận tình trạng hôn nhân",
            result="Giấy xác nhận tình trạng hôn nhân (có giá trị 06 tháng kể từ ngày cấp)",
            legal=(LAW, DECREE_123, CIRCULAR_04, FEES_RESOLUTION),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp Giấy xác nhận tình trạng hôn nhân",
                    3,
                    form_doc(
                        "to-khai",
                        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
                        f"Mẫu Tờ khai {TT04}",
                    ),
                    paper_if(
                        "ly-hon",
                        "Bản án, quyết định ly hôn đã có hiệu lực pháp luật hoặc trích lục khai tử của vợ, chồng",
                        "Khi người yêu cầu đã từng kết hôn",
                        originals=0,
                        copies=1,
                    ),
                    paper_if(
                        "giay-xac-nhan-cu",
                        "Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây",
                        "Khi yêu cầu cấp lại để sử dụng vào mục đích khác hoặc do đã hết hạn",
                    ),
                    committed=2,
                    note="Trường hợp phải xác minh tại nơi cư trú trước đây thì thời hạn không quá 20 ngày.",
                    fees=(
                        charge(
                            "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 10_000, unit="đồng/bản"
                        ),
                    ),
                    fields=(
                        ef.select(
                            "marital_status",
                            "Tình trạng hôn nhân hiện tại",
                            (
                                ("chua_ket_hon", "Chưa kết hôn lần nào"),
                                ("ly_hon", "Đã ly hôn, chưa kết hôn lại"),
                                ("goa", "Vợ/chồng đã chết"),
                                ("dang_co_vo_chong", "Đang có vợ/chồng"),
                            ),
                        ),
                        ef.select(
                            "purpose",
                            "Mục đích sử dụng",
                            (("ket_hon", "Để đăng ký kết hôn"), ("khac", "Mục đích khác")),
                        ),
                        ef.text(
                            "partner_name",
                            "Họ tên người dự định kết hôn",
                            max_length=100,
                            show_if=ef.when("purpose", "ket_hon"),
                        ),
                        ef.text(
                            "purpose_other",
                            "Mục đích cụ thể",
                            max_length=255,
                            show_if=ef.when("purpose", "khac"),
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.001022",
            "Cấp bản sao trích lục hộ tịch",
            f.HT,
            subjects="Cá nhân có yêu cầu cấp bản sao trích lục hộ tịch đã đăng ký",
            result="Bản sao trích lục hộ tịch",
            legal=(LAW, DECREE_123, CIRCULAR_04, FEES_RESOLUTION),
            online="full",
            four_at_desk=True,
            cases=(
                case(
                    "cap-ban-sao",
                    "Cấp bản sao trích lục hộ tịch",
                    8,
                    form_doc(
                        "to-khai",
                        "Tờ khai cấp bản sao trích lục hộ tịch",
                        f"Mẫu Tờ khai cấp bản sao trích lục hộ tịch {TT04}",
                    ),
                    proxy_if(),
                    unit=WH,
                    committed=4,
                    note=SAME_DAY,
                    fees=(fee("Phí cấp bản sao trích lục hộ tịch", 8_000, unit="đồng/bản"),),
                    fields=(
                        ef.select(
                            "record_kind",
                            "Loại trích lục",
                            (
                                ("khai_sinh", "Trích lục khai sinh"),
                                ("ket_hon", "Trích lục kết hôn"),
                                ("khai_tu", "Trích lục khai tử"),
                                ("khac", "Trích lục hộ tịch khác"),
                            ),
                        ),
                        *_record_fields(),
                        ef.number("copies", "Số bản đề nghị cấp", integer=True, low=1, high=20),
                    ),
                ),
            ),
        ),
        commune(
            "1.000080",
            "Đăng ký giám hộ",
            f.HT,
            subjects="Người được cử làm người giám hộ",
            result="Trích lục đăng ký giám hộ",
            legal=(
                LAW,
                DECREE_123,
                basis("Bộ luật Dân sự số 91/2015/QH13 ngày 24/11/2015", dt.date(2017, 1, 1)),
            ),
            cases=(
                case(
                    "giam-ho-cu",
                    "Đăng ký giám hộ cử",
                    8,
                    form_doc(
                        "to-khai", "Tờ khai đăng ký giám hộ", f"Mẫu Tờ khai đăng ký giám hộ {TT04}"
                    ),
                    paper(
                        "van-ban-cu", "Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự"
                    ),
                    unit=WH,
                    committed=4,
                    note=SAME_DAY,
                    fees=(charge("Lệ phí đăng ký giám hộ", 10_000),),
                    fields=(
                        *ef.person_fields("ward", "của người được giám hộ"),
                        ef.textarea("guardianship_reason", "Lý do giám hộ"),
                    ),
                ),
                case(
                    "giam-ho-duong-nhien",
                    "Đăng ký giám hộ đương nhiên",
                    8,
                    form_doc(
                        "to-khai", "Tờ khai đăng ký giám hộ", f"Mẫu Tờ khai đăng ký giám hộ {TT04}"
                    ),
                    paper(
                        "chung-minh-giam-ho",
                        "Giấy tờ chứng minh điều kiện làm người giám hộ đương nhiên",
                    ),
                    paper_if(
                        "thoa-thuan",
                        "Văn bản thỏa thuận cử một người làm giám hộ đương nhiên",
                        "Khi có nhiều người cùng đủ điều kiện làm giám hộ đương nhiên",
                    ),
                    unit=WH,
                    committed=4,
                    note=SAME_DAY,
                    fees=(charge("Lệ phí đăng ký giám hộ", 10_000),),
                    fields=(
                        *ef.person_fields("ward", "của người được giám hộ"),
                        ef.textarea("guardianship_reason", "Lý do giám hộ"),
                    ),
                ),
            ),
        ),
        commune(
            "1.000110",
            "Đăng ký chấm dứt giám hộ",
            f.HT,
            subjects="Người yêu cầu chấm dứt giám hộ",
            result="Trích lục đăng ký chấm dứt giám hộ",
            legal=(LAW, DECREE_123),
            cases=(
                case(
                    "cham-dut",
                    "Đăng ký chấm dứt giám hộ",
                    2,
                    form_doc("to-khai", "Tờ khai đăng ký chấm dứt giám hộ", f"Mẫu Tờ khai {TT04}"),
                    paper(
                        "can-cu",
                        "Giấy tờ làm căn cứ chấm dứt giám hộ theo quy định của Bộ luật Dân sự",
                    ),
                    fees=(charge("Lệ phí đăng ký chấm dứt giám hộ", 10_000),),
                    fields=(*_record_fields(), ef.textarea("end_reason", "Lý do chấm dứt giám hộ")),
                ),
            ),
        ),
        commune(
            "1.004859",
            "Đăng ký lại khai sinh",
            f.HT,
            subjects="Cá nhân đã đăng ký khai sinh tại Việt Nam nhưng sổ hộ tịch và bản chính giấy tờ hộ tịch đều bị mất",
            result="Giấy khai sinh (bản chính) có ghi chú đăng ký lại",
            legal=(LAW, DECREE_123, CIRCULAR_04),
            cases=(
                case(
                    "dang-ky-lai",
                    "Đăng ký lại khai sinh",
                    5,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký lại khai sinh",
                        f"Mẫu Tờ khai đăng ký lại khai sinh {TT04}",
                    ),
                    paper(
                        "ban-sao-giay-khai-sinh",
                        "Bản sao Giấy khai sinh trước đây hoặc giấy tờ có nội dung khai sinh hợp lệ",
                        originals=0,
                        copies=1,
                    ),
                    paper_if(
                        "van-ban-cam-doan",
                        "Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không lưu giữ được bản sao",
                        "Khi không còn bản sao Giấy khai sinh",
                    ),
                    committed=3,
                    note="Trường hợp phải xác minh thì thời hạn giải quyết không quá 10 ngày làm việc.",
                    fees=(charge("Lệ phí đăng ký lại khai sinh", 5_000),),
                    fields=(*_child_fields(), *_record_fields()),
                ),
            ),
        ),
        commune(
            "1.004884",
            "Đăng ký lại kết hôn",
            f.HT,
            subjects="Vợ, chồng đã đăng ký kết hôn nhưng sổ hộ tịch và bản chính giấy tờ hộ tịch đều bị mất",
            result="Giấy chứng nhận kết hôn có ghi chú đăng ký lại",
            legal=(LAW, DECREE_123, CIRCULAR_04),
            cases=(
                case(
                    "dang-ky-lai",
                    "Đăng ký lại kết hôn",
                    5,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký lại kết hôn",
                        f"Mẫu Tờ khai đăng ký lại kết hôn {TT04}",
                    ),
                    paper(
                        "ban-sao-gcn-ket-hon",
                        "Bản sao Giấy chứng nhận kết hôn được cấp trước đây",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    note="Trường hợp phải xác minh thì thời hạn giải quyết không quá 10 ngày làm việc.",
                    fees=(charge("Lệ phí đăng ký lại kết hôn", 5_000),),
                    fields=(
                        *_spouse_fields("husband", "của chồng"),
                        *_spouse_fields("wife", "của vợ"),
                        *_record_fields(),
                    ),
                ),
            ),
        ),
        commune(
            "1.005461",
            "Đăng ký lại khai tử",
            f.HT,
            subjects="Người thân thích của người đã được đăng ký khai tử",
            result="Trích lục khai tử có ghi chú đăng ký lại",
            legal=(LAW, DECREE_123),
            cases=(
                case(
                    "dang-ky-lai",
                    "Đăng ký lại khai tử",
                    5,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký lại khai tử",
                        f"Mẫu Tờ khai đăng ký lại khai tử {TT04}",
                    ),
                    paper(
                        "ban-sao-trich-luc",
                        "Bản sao Giấy chứng tử hoặc trích lục khai tử trước đây",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=(charge("Lệ phí đăng ký lại khai tử", 5_000),),
                    fields=(*_deceased_fields(), *_record_fields()),
                ),
            ),
        ),
        commune(
            "1.003583",
            "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài",
            f.HT,
            subjects="Công dân Việt Nam đã đăng ký kết hôn tại cơ quan có thẩm quyền của nước ngoài",
            result="Trích lục ghi chú kết hôn",
            legal=(LAW, DECREE_123, DECREE_120, FEES_RESOLUTION),
            cases=(
                case(
                    "ghi-chu",
                    "Ghi chú kết hôn",
                    5,
                    form_doc(
                        "to-khai", "Tờ khai ghi chú kết hôn", f"Mẫu Tờ khai ghi chú kết hôn {TT04}"
                    ),
                    copy_doc(
                        "giay-ket-hon-nuoc-ngoai",
                        "Bản sao giấy tờ chứng nhận việc kết hôn do cơ quan có thẩm quyền nước ngoài cấp (đã hợp pháp hóa lãnh sự)",
                    ),
                    committed=4,
                    fees=(charge("Lệ phí ghi chú kết hôn", 75_000, unit="đồng/trường hợp"),),
                    fields=(
                        *_spouse_fields("husband", "của chồng"),
                        *_spouse_fields("wife", "của vợ"),
                        ef.text(
                            "foreign_authority", "Cơ quan nước ngoài đã đăng ký", max_length=200
                        ),
                        ef.past_date("foreign_date", "Ngày đăng ký kết hôn"),
                    ),
                ),
            ),
        ),
        commune(
            "1.003642",
            "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài",
            f.HT,
            subjects="Công dân Việt Nam có bản án, quyết định ly hôn, hủy việc kết hôn của nước ngoài",
            result="Trích lục ghi chú ly hôn",
            legal=(LAW, DECREE_123, DECREE_120, FEES_RESOLUTION),
            cases=(
                case(
                    "ghi-chu",
                    "Ghi chú ly hôn, hủy việc kết hôn",
                    12,
                    form_doc(
                        "to-khai", "Tờ khai ghi chú ly hôn", f"Mẫu Tờ khai ghi chú ly hôn {TT04}"
                    ),
                    copy_doc(
                        "ban-an",
                        "Bản sao bản án, quyết định ly hôn của cơ quan có thẩm quyền nước ngoài đã có hiệu lực pháp luật (đã hợp pháp hóa lãnh sự, dịch sang tiếng Việt)",
                    ),
                    committed=8,
                    fees=(charge("Lệ phí ghi chú ly hôn", 75_000, unit="đồng/trường hợp"),),
                    fields=(
                        ef.text("spouse_name", "Họ tên người vợ/chồng cũ", max_length=100),
                        ef.text(
                            "foreign_authority", "Cơ quan nước ngoài đã giải quyết", max_length=200
                        ),
                        ef.past_date("judgment_date", "Ngày bản án, quyết định có hiệu lực"),
                    ),
                ),
            ),
        ),
        commune(
            "1.001180",
            "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân",
            f.HT,
            subjects="Người đã có hồ sơ, giấy tờ cá nhân nhưng chưa được đăng ký khai sinh",
            result="Giấy khai sinh (bản chính)",
            legal=(LAW, DECREE_123, CIRCULAR_04),
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân",
                    5,
                    birth_form,
                    paper(
                        "giay-to-ca-nhan",
                        "Bản sao giấy tờ tùy thân, hồ sơ học tập, hồ sơ công chức, hồ sơ đảng viên có thông tin về họ tên, ngày sinh",
                        originals=0,
                        copies=1,
                    ),
                    paper(
                        "van-ban-cam-doan",
                        "Văn bản cam đoan của người yêu cầu về việc chưa được đăng ký khai sinh",
                    ),
                    committed=3,
                    fees=(free("Lệ phí đăng ký khai sinh"),),
                    fields=_child_fields(),
                ),
            ),
        ),
        commune(
            "2.000815",
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            f.CTH,
            subjects="Cá nhân, tổ chức có yêu cầu chứng thực bản sao",
            individuals=True,
            organisations=True,
            result="Bản sao được chứng thực từ bản chính",
            conditions="Bản chính không thuộc các trường hợp bị tẩy xóa, sửa chữa, hư hỏng, cũ nát không xác định được nội dung, đóng dấu mật hoặc có nội dung trái pháp luật.",
            legal=(DECREE_23, CERT_FEES, DECREE_120),
            online="partial",
            four_at_desk=True,
            fees_note="Từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản.",
            cases=(
                case(
                    "viet-nam",
                    "Bản chính do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp",
                    8,
                    paper(
                        "ban-chinh", "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"
                    ),
                    paper("ban-sao", "Bản sao cần chứng thực", originals=0, copies=1),
                    unit=WH,
                    committed=4,
                    note="Trong ngày; trường hợp yêu cầu nhiều bản thì có thể hẹn trong ngày làm việc tiếp theo.",
                    fees=(
                        fee(
                            "Phí chứng thực bản sao từ bản chính (trang thứ nhất, thứ hai)",
                            2_000,
                            unit="đồng/trang",
                        ),
                    ),
                    fields=(
                        ef.text("document_name", "Tên giấy tờ cần chứng thực", max_length=255),
                        ef.number("pages", "Số trang", integer=True, low=1, high=500),
                        ef.number("copies", "Số bản", integer=True, low=1, high=50),
                    ),
                ),
                case(
                    "nuoc-ngoai",
                    "Bản chính do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp (đã hợp pháp hóa lãnh sự)",
                    16,
                    paper(
                        "ban-chinh",
                        "Bản chính giấy tờ, văn bản đã được hợp pháp hóa lãnh sự (trừ trường hợp được miễn)",
                    ),
                    paper("ban-sao", "Bản sao cần chứng thực", originals=0, copies=1),
                    unit=WH,
                    committed=8,
                    fees=(
                        fee(
                            "Phí chứng thực bản sao từ bản chính (trang thứ nhất, thứ hai)",
                            2_000,
                            unit="đồng/trang",
                        ),
                    ),
                    fields=(
                        ef.text("document_name", "Tên giấy tờ cần chứng thực", max_length=255),
                        ef.text("issuing_country", "Nước cấp giấy tờ", max_length=100),
                        ef.number("pages", "Số trang", integer=True, low=1, high=500),
                        ef.number("copies", "Số bản", integer=True, low=1, high=50),
                    ),
                ),
            ),
        ),
        commune(
            "2.000884",
            "Chứng thực chữ ký trong các giấy tờ, văn bản",
            f.CTH,
            subjects="Cá nhân có yêu cầu chứng thực chữ ký",
            result="Giấy tờ, văn bản đã được chứng thực chữ ký",
            legal=(DECREE_23, CERT_FEES),
            online="none",
            postal="none",
            four_at_desk=True,
            cases=(
                case(
                    "chu-ky",
                    "Chứng thực chữ ký",
                    8,
                    paper("van-ban", "Giấy tờ, văn bản mà mình sẽ ký"),
                    unit=WH,
                    committed=4,
                    note="Người yêu cầu phải ký trước mặt người thực hiện chứng thực.",
                    fees=(fee("Phí chứng thực chữ ký", 10_000, unit="đồng/trường hợp"),),
                    fields=(ef.text("document_name", "Tên giấy tờ, văn bản", max_length=255),),
                ),
            ),
        ),
        commune(
            "2.001035",
            "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
            f.CTH,
            subjects="Các bên tham gia hợp đồng, giao dịch",
            individuals=True,
            organisations=True,
            result="Hợp đồng, giao dịch được chứng thực",
            legal=(
                DECREE_23,
                CERT_FEES,
                basis("Luật Đất đai số 31/2024/QH15 ngày 18/01/2024", dt.date(2024, 8, 1)),
            ),
            online="none",
            postal="none",
            cases=(
                case(
                    "hop-dong",
                    "Chứng thực hợp đồng, giao dịch",
                    2,
                    paper("du-thao-hop-dong", "Dự thảo hợp đồng, giao dịch", originals=3),
                    copy_doc(
                        "giay-to-tai-san",
                        "Bản sao Giấy chứng nhận quyền sử dụng đất hoặc giấy tờ về quyền sở hữu, sử dụng tài sản (xuất trình bản chính để đối chiếu)",
                    ),
                    committed=1,
                    note="Trường hợp kéo dài theo thỏa thuận bằng văn bản với người yêu cầu chứng thực.",
                    fees=(fee("Phí chứng thực hợp đồng, giao dịch", 50_000, unit="đồng/hợp đồng"),),
                    fields=(
                        ef.select(
                            "contract_kind",
                            "Loại hợp đồng",
                            (
                                ("chuyen_nhuong", "Chuyển nhượng"),
                                ("tang_cho", "Tặng cho"),
                                ("the_chap", "Thế chấp"),
                                ("thue", "Thuê, cho thuê"),
                                ("khac", "Khác"),
                            ),
                        ),
                        ef.group(
                            "parties",
                            "Các bên tham gia",
                            [
                                ef.text("full_name", "Họ tên hoặc tên tổ chức", max_length=200),
                                ef.personal_id(
                                    "personal_id", "Số định danh cá nhân", required=False
                                ),
                                ef.text("role", "Vai trò (bên A, bên B...)", max_length=50),
                            ],
                            repeat=True,
                            min_items=2,
                            max_items=10,
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "2.001019",
            "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
            f.CTH,
            subjects="Các bên đã tham gia hợp đồng, giao dịch đã được chứng thực",
            result="Văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch được chứng thực",
            legal=(DECREE_23, CERT_FEES),
            online="none",
            postal="none",
            cases=(
                case(
                    "sua-doi",
                    "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
                    2,
                    paper(
                        "du-thao",
                        "Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch",
                        originals=3,
                    ),
                    paper("hop-dong-cu", "Hợp đồng, giao dịch đã được chứng thực"),
                    committed=1,
                    fees=(
                        fee(
                            "Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng",
                            30_000,
                            unit="đồng/hợp đồng",
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "2.001016",
            "Chứng thực văn bản thỏa thuận phân chia di sản, văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
            f.CTH,
            subjects="Người thừa kế",
            result="Văn bản thỏa thuận phân chia di sản hoặc văn bản khai nhận di sản được chứng thực",
            legal=(DECREE_23, CERT_FEES),
            online="none",
            postal="none",
            cases=(
                case(
                    "phan-chia",
                    "Văn bản thỏa thuận phân chia di sản",
                    2,
                    paper("du-thao", "Dự thảo văn bản thỏa thuận phân chia di sản", originals=3),
                    copy_doc(
                        "trich-luc-khai-tu", "Bản sao trích lục khai tử của người để lại di sản"
                    ),
                    copy_doc(
                        "giay-to-tai-san",
                        "Bản sao giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản của người để lại di sản",
                    ),
                    paper_if(
                        "di-chuc",
                        "Bản sao di chúc",
                        "Khi thừa kế theo di chúc",
                        originals=0,
                        copies=1,
                    ),
                    note="Không kể thời gian niêm yết 15 ngày tại trụ sở UBND cấp xã nơi có bất động sản.",
                    fees=(
                        fee(
                            "Phí chứng thực văn bản thỏa thuận phân chia di sản",
                            50_000,
                            unit="đồng/văn bản",
                        ),
                    ),
                    fields=(
                        ef.text("decedent_name", "Họ tên người để lại di sản", max_length=100),
                        ef.past_date("decedent_death_date", "Ngày chết"),
                        ef.member_group("heirs", "Những người thừa kế"),
                    ),
                ),
                case(
                    "khai-nhan",
                    "Văn bản khai nhận di sản",
                    2,
                    paper("du-thao", "Dự thảo văn bản khai nhận di sản", originals=2),
                    copy_doc(
                        "trich-luc-khai-tu", "Bản sao trích lục khai tử của người để lại di sản"
                    ),
                    copy_doc(
                        "giay-to-tai-san",
                        "Bản sao giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản",
                    ),
                    note="Không kể thời gian niêm yết 15 ngày tại trụ sở UBND cấp xã nơi có bất động sản.",
                    fees=(
                        fee("Phí chứng thực văn bản khai nhận di sản", 50_000, unit="đồng/văn bản"),
                    ),
                    fields=(
                        ef.text("decedent_name", "Họ tên người để lại di sản", max_length=100),
                        ef.past_date("decedent_death_date", "Ngày chết"),
                    ),
                ),
            ),
        ),
        commune(
            "2.000927",
            "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật",
            f.CTH,
            subjects="Người dịch là cộng tác viên dịch thuật của UBND cấp xã",
            result="Bản dịch được chứng thực chữ ký người dịch",
            legal=(DECREE_23, CERT_FEES, DECREE_120),
            online="partial",
            cases=(
                case(
                    "chu-ky-nguoi-dich",
                    "Chứng thực chữ ký người dịch",
                    16,
                    paper("ban-dich", "Bản dịch đính kèm giấy tờ, văn bản cần dịch"),
                    unit=WH,
                    committed=8,
                    fees=(fee("Phí chứng thực chữ ký người dịch", 10_000, unit="đồng/trường hợp"),),
                    fields=(
                        ef.text("source_language", "Ngôn ngữ gốc", max_length=50),
                        ef.text("document_name", "Tên giấy tờ được dịch", max_length=255),
                    ),
                ),
            ),
        ),
        commune(
            "2.000843",
            "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
            f.CTH,
            subjects="Các bên tham gia hợp đồng, giao dịch; người được cơ quan, tổ chức có thẩm quyền cho phép",
            individuals=True,
            organisations=True,
            result="Bản sao có chứng thực hợp đồng, giao dịch",
            legal=(DECREE_23, CERT_FEES),
            online="partial",
            cases=(
                case(
                    "cap-ban-sao",
                    "Cấp bản sao có chứng thực hợp đồng, giao dịch",
                    2,
                    paper("van-ban-yeu-cau", "Văn bản yêu cầu cấp bản sao"),
                    committed=1,
                    fees=(fee("Phí cấp bản sao có chứng thực", 2_000, unit="đồng/trang"),),
                    fields=(
                        ef.text(
                            "contract_reference", "Số chứng thực, quyển số hợp đồng", max_length=50
                        ),
                        ef.past_date("certified_on", "Ngày chứng thực"),
                        ef.number("copies", "Số bản", integer=True, low=1, high=20),
                    ),
                ),
            ),
        ),
        commune(
            "1.003005",
            "Đăng ký việc nuôi con nuôi trong nước",
            f.NCN,
            subjects="Người nhận con nuôi là công dân Việt Nam thường trú ở trong nước",
            result="Giấy chứng nhận nuôi con nuôi; trích lục vào Sổ đăng ký nuôi con nuôi",
            conditions="Người nhận con nuôi có năng lực hành vi dân sự đầy đủ, hơn con nuôi từ 20 tuổi trở lên, có điều kiện về sức khỏe, kinh tế, chỗ ở bảo đảm việc chăm sóc, nuôi dưỡng, giáo dục con nuôi.",
            legal=(ADOPTION_LAW, ADOPTION_DECREE, DECREE_120),
            online="none",
            postal="none",
            cases=(
                case(
                    "trong-nuoc",
                    "Đăng ký nuôi con nuôi trong nước",
                    30,
                    form_doc(
                        "don",
                        "Đơn xin nhận con nuôi",
                        "Mẫu TP/CN-2014/CN.02 ban hành kèm theo Thông tư số 10/2020/TT-BTP",
                    ),
                    paper(
                        "phieu-suc-khoe",
                        "Giấy khám sức khỏe của người nhận con nuôi do cơ quan y tế cấp huyện trở lên cấp",
                    ),
                    paper(
                        "xac-nhan-hoan-canh",
                        "Văn bản xác nhận hoàn cảnh gia đình, tình trạng chỗ ở, điều kiện kinh tế của người nhận con nuôi",
                    ),
                    copy_doc(
                        "giay-khai-sinh-tre",
                        "Bản sao Giấy khai sinh của người được nhận làm con nuôi",
                    ),
                    paper(
                        "anh", "02 ảnh chân dung chụp toàn thân, nhìn thẳng của trẻ", originals=2
                    ),
                    unit=CD,
                    committed=25,
                    note="Kể từ ngày nhận đủ hồ sơ hợp lệ (ngày theo lịch).",
                    fees=(
                        charge(
                            "Lệ phí đăng ký nuôi con nuôi trong nước",
                            400_000,
                            unit="đồng/trường hợp",
                            exemption="Miễn khi nhận con riêng, cháu ruột làm con nuôi hoặc nhận trẻ có hoàn cảnh đặc biệt",
                        ),
                    ),
                    fields=(
                        *ef.person_fields("adoptee", "của trẻ được nhận làm con nuôi"),
                        ef.select(
                            "relation",
                            "Quan hệ với trẻ",
                            (
                                ("cha_duong_me_ke", "Cha dượng, mẹ kế"),
                                ("co_cau_di_chu_bac", "Cô, cậu, dì, chú, bác ruột"),
                                ("khac", "Không có quan hệ họ hàng"),
                            ),
                        ),
                        ef.checkbox("joint_adoption", "Vợ chồng cùng nhận con nuôi"),
                        ef.text(
                            "spouse_name",
                            "Họ tên vợ hoặc chồng",
                            max_length=100,
                            show_if=ef.when("joint_adoption", True),
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "1.003160",
            "Đăng ký lại việc nuôi con nuôi trong nước",
            f.NCN,
            subjects="Cha mẹ nuôi, con nuôi hoặc người đại diện theo pháp luật",
            result="Trích lục đăng ký lại việc nuôi con nuôi",
            legal=(ADOPTION_LAW, ADOPTION_DECREE),
            online="none",
            cases=(
                case(
                    "dang-ky-lai",
                    "Đăng ký lại việc nuôi con nuôi",
                    5,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký lại việc nuôi con nuôi",
                        "Mẫu TP/CN-2014/CN.05 ban hành kèm theo Thông tư số 10/2020/TT-BTP",
                    ),
                    paper_if(
                        "ban-sao-quyet-dinh",
                        "Bản sao Giấy chứng nhận nuôi con nuôi đã cấp trước đây",
                        "Khi còn lưu giữ được bản sao",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=(free("Lệ phí đăng ký lại việc nuôi con nuôi"),),
                ),
            ),
        ),
        procedure(
            "2.001263",
            "Giải quyết việc người nước ngoài thường trú ở Việt Nam nhận trẻ em Việt Nam làm con nuôi",
            f.NCN,
            level=PROVINCE_LEVEL,
            agencies=(pc.JUSTICE,),
            decision=D_JUSTICE,
            subjects="Người nước ngoài thường trú ở Việt Nam",
            result="Quyết định cho người nước ngoài nhận con nuôi của Chủ tịch UBND tỉnh; Giấy chứng nhận nuôi con nuôi",
            legal=(ADOPTION_LAW, ADOPTION_DECREE, DECREE_120),
            online="none",
            postal="none",
            cases=(
                case(
                    "nuoc-ngoai",
                    "Người nước ngoài thường trú ở Việt Nam nhận con nuôi",
                    60,
                    form_doc(
                        "don",
                        "Đơn xin nhận con nuôi",
                        "Mẫu TP/CN-2014/CN.02 ban hành kèm theo Thông tư số 10/2020/TT-BTP",
                    ),
                    copy_doc("ho-chieu", "Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu"),
                    paper(
                        "ban-dieu-tra",
                        "Văn bản cho phép được nhận con nuôi ở Việt Nam; bản điều tra về tâm lý, gia đình",
                    ),
                    paper("phieu-ly-lich", "Phiếu lý lịch tư pháp của người nhận con nuôi"),
                    unit=CD,
                    committed=50,
                    fees=(
                        charge(
                            "Lệ phí giải quyết việc nuôi con nuôi có yếu tố nước ngoài",
                            9_000_000,
                            unit="đồng/trường hợp",
                        ),
                    ),
                    handoffs=(
                        handoff(
                            "cong-an", pc.POLICE, "Công an tỉnh xác minh nguồn gốc của trẻ em", 40
                        ),
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "Chủ tịch UBND tỉnh quyết định cho nhận con nuôi",
                            40,
                            after_approval=True,
                        ),
                    ),
                    review=True,
                    fields=(
                        ef.text(
                            "adopter_passport", "Số hộ chiếu của người nhận con nuôi", max_length=20
                        ),
                        ef.text("adopter_country", "Quốc tịch", max_length=100),
                        *ef.person_fields("adoptee", "của trẻ được nhận làm con nuôi"),
                    ),
                ),
            ),
        ),
    ]
