"""Social protection (communes, Department of Health since 2025), people with meritorious services
(communes with the Department of Home Affairs), employment and labour (Department of Home
Affairs and its employment unit)."""

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
    D_SOCIAL,
    PROVINCE_LEVEL,
    basis,
    case,
    charge,
    copy_doc,
    form_doc,
    free,
    handoff,
    paper,
    paper_if,
    procedure,
)

commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_COMMUNE)
home_affairs = partial(
    procedure, level=PROVINCE_LEVEL, agencies=(pc.HOME_AFFAIRS,), decision=D_SOCIAL
)

DECREE_20 = basis(
    "Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã "
    "hội đối với đối tượng bảo trợ xã hội (sửa đổi, bổ sung bởi Nghị định số 76/2024/NĐ-CP)",
    dt.date(2021, 7, 1),
)
DISABILITY_LAW = basis("Luật Người khuyết tật số 51/2010/QH12 ngày 17/6/2010", dt.date(2011, 1, 1))
ELDERLY_LAW = basis("Luật Người cao tuổi số 39/2009/QH12 ngày 23/11/2009", dt.date(2010, 7, 1))
MERIT_ORDINANCE = basis(
    "Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14 ngày 09/12/2020",
    dt.date(2021, 1, 1),
)
MERIT_DECREE = basis(
    "Nghị định số 131/2021/NĐ-CP ngày 30/12/2021 của Chính phủ quy định chi tiết và biện pháp "
    "thi hành Pháp lệnh Ưu đãi người có công với cách mạng",
    dt.date(2022, 2, 15),
)
LABOUR_CODE = basis("Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019", dt.date(2021, 1, 1))
WORK_PERMIT_DECREE = basis(
    "Nghị định số 219/2025/NĐ-CP ngày 07/8/2025 của Chính phủ quy định về người lao động nước "
    "ngoài làm việc tại Việt Nam",
    dt.date(2025, 8, 7),
)
EMPLOYMENT_LAW = basis("Luật Việc làm số 38/2013/QH13 ngày 16/11/2013", dt.date(2015, 1, 1))
SOCIAL_FORM = "ban hành kèm theo Nghị định số 20/2021/NĐ-CP"


def _beneficiary_fields() -> list[ef.FormField]:
    return [
        *ef.person_fields("beneficiary", "của đối tượng"),
        ef.select("beneficiary_sex", "Giới tính", ef.SEX),
        ef.checkbox(
            "has_other_benefit",
            "Đang hưởng chế độ khác (lương hưu, trợ cấp BHXH, trợ cấp người có công)",
        ),
        ef.text(
            "other_benefit",
            "Chế độ đang hưởng, mức hưởng",
            max_length=255,
            show_if=ef.when("has_other_benefit", True),
        ),
        ef.text(
            "bank_account",
            "Số tài khoản nhận trợ cấp (nếu nhận qua tài khoản)",
            required=False,
            max_length=30,
            pattern=r"\d{6,20}",
            pattern_message="Số tài khoản gồm 6–20 chữ số.",
        ),
    ]


def procedures() -> list[ProcedureSpec]:
    allowance_fees = (free("Lệ phí", "Không thu"),)
    return [
        commune(
            "1.001776",
            "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng",
            f.BTXH,
            subjects="Đối tượng bảo trợ xã hội quy định tại Điều 5 Nghị định số 20/2021/NĐ-CP hoặc người giám hộ, người nhận chăm sóc",
            result="Quyết định trợ cấp xã hội hàng tháng hoặc hỗ trợ kinh phí chăm sóc, nuôi dưỡng của Chủ tịch UBND cấp xã",
            conditions="Đối tượng thuộc diện hưởng trợ cấp xã hội hàng tháng; hồ sơ được niêm yết công khai 02 ngày làm việc tại trụ sở UBND cấp xã.",
            legal=(DECREE_20, DISABILITY_LAW, ELDERLY_LAW),
            online="full",
            cases=(
                case(
                    "nguoi-cao-tuoi",
                    "Người cao tuổi",
                    15,
                    form_doc(
                        "to-khai", "Tờ khai đề nghị trợ giúp xã hội", f"Mẫu số 1c {SOCIAL_FORM}"
                    ),
                    paper_if(
                        "xac-nhan-ho-ngheo",
                        "Giấy chứng nhận hộ nghèo",
                        "Khi người cao tuổi thuộc hộ nghèo, hộ cận nghèo",
                        originals=0,
                        copies=1,
                    ),
                    committed=10,
                    fees=allowance_fees,
                    fields=(
                        *_beneficiary_fields(),
                        ef.select(
                            "elderly_group",
                            "Thuộc trường hợp",
                            (
                                (
                                    "tu_80",
                                    "Từ đủ 80 tuổi trở lên, không có lương hưu, trợ cấp BHXH",
                                ),
                                (
                                    "ho_ngheo",
                                    "Từ đủ 60 tuổi thuộc hộ nghèo, không có người phụng dưỡng",
                                ),
                                (
                                    "tu_75_ho_can_ngheo",
                                    "Từ đủ 75 tuổi thuộc hộ nghèo, hộ cận nghèo",
                                ),
                            ),
                        ),
                    ),
                    form_title="Tờ khai đề nghị trợ giúp xã hội (người cao tuổi)",
                ),
                case(
                    "nguoi-khuyet-tat",
                    "Người khuyết tật đặc biệt nặng, khuyết tật nặng",
                    15,
                    form_doc(
                        "to-khai", "Tờ khai đề nghị trợ giúp xã hội", f"Mẫu số 1d {SOCIAL_FORM}"
                    ),
                    copy_doc("giay-xac-nhan-khuyet-tat", "Bản sao Giấy xác nhận khuyết tật"),
                    committed=10,
                    fees=allowance_fees,
                    fields=(
                        *_beneficiary_fields(),
                        ef.select(
                            "disability_level",
                            "Mức độ khuyết tật",
                            (("dac_biet_nang", "Đặc biệt nặng"), ("nang", "Nặng")),
                        ),
                        ef.text(
                            "disability_certificate", "Số Giấy xác nhận khuyết tật", max_length=30
                        ),
                    ),
                    form_title="Tờ khai đề nghị trợ giúp xã hội (người khuyết tật)",
                ),
                case(
                    "tre-em",
                    "Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng; người từ 16 đến 22 tuổi đang học",
                    15,
                    form_doc(
                        "to-khai", "Tờ khai đề nghị trợ giúp xã hội", f"Mẫu số 1a {SOCIAL_FORM}"
                    ),
                    copy_doc("giay-khai-sinh", "Bản sao giấy khai sinh của trẻ em"),
                    paper_if(
                        "xac-nhan-hoc",
                        "Giấy xác nhận đang học",
                        "Khi đối tượng từ đủ 16 đến 22 tuổi đang học văn hóa, học nghề, trung học chuyên nghiệp, cao đẳng, đại học",
                    ),
                    paper_if(
                        "giay-to-cha-me",
                        "Trích lục khai tử của cha, mẹ hoặc quyết định của Tòa án tuyên bố mất tích; giấy tờ chứng minh cha, mẹ đang chấp hành án phạt tù",
                        "Tùy trường hợp mồ côi cha, mẹ hoặc cha, mẹ không có khả năng nuôi dưỡng",
                        originals=0,
                        copies=1,
                    ),
                    committed=10,
                    fees=allowance_fees,
                    fields=(
                        *_beneficiary_fields(),
                        ef.textarea("circumstance", "Hoàn cảnh cụ thể", max_length=2000),
                        *ef.person_fields("guardian", "của người giám hộ"),
                    ),
                    form_title="Tờ khai đề nghị trợ giúp xã hội (trẻ em)",
                ),
                case(
                    "ho-tro-cham-soc",
                    "Hỗ trợ kinh phí chăm sóc, nuôi dưỡng (hộ gia đình, cá nhân nhận chăm sóc)",
                    15,
                    form_doc(
                        "to-khai",
                        "Tờ khai hộ gia đình, cá nhân nhận chăm sóc, nuôi dưỡng",
                        f"Mẫu số 2a {SOCIAL_FORM}",
                    ),
                    paper_if(
                        "xac-nhan-mang-thai",
                        "Giấy xác nhận mang thai hoặc giấy khai sinh của con",
                        "Khi người khuyết tật đặc biệt nặng đang mang thai hoặc nuôi con dưới 36 tháng tuổi",
                        originals=0,
                        copies=1,
                    ),
                    committed=10,
                    fees=allowance_fees,
                    fields=(
                        *ef.person_fields("cared", "của người được nhận chăm sóc"),
                        ef.select(
                            "care_kind",
                            "Đối tượng được chăm sóc",
                            (
                                ("nguoi_khuyet_tat", "Người khuyết tật đặc biệt nặng"),
                                ("tre_em", "Trẻ em mồ côi"),
                                ("nguoi_cao_tuoi", "Người cao tuổi cô đơn"),
                            ),
                        ),
                    ),
                    form_title="Tờ khai nhận chăm sóc, nuôi dưỡng",
                ),
            ),
        ),
        commune(
            "1.001758",
            "Chi trả trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc khi đối tượng thay đổi nơi cư trú",
            f.BTXH,
            subjects="Đối tượng đang hưởng trợ cấp xã hội hàng tháng chuyển nơi cư trú",
            result="Quyết định thôi hưởng tại nơi cư trú cũ và quyết định trợ cấp tại nơi cư trú mới",
            legal=(DECREE_20,),
            online="full",
            cases=(
                case(
                    "chuyen-noi-cu-tru",
                    "Chuyển nơi cư trú",
                    10,
                    form_doc(
                        "don",
                        "Văn bản đề nghị chi trả trợ cấp tại nơi cư trú mới",
                        f"Mẫu số 06 {SOCIAL_FORM}",
                    ),
                    copy_doc("quyet-dinh-cu", "Bản sao quyết định hưởng trợ cấp tại nơi cư trú cũ"),
                    committed=7,
                    fees=allowance_fees,
                    fields=(
                        ef.address("old_address", "Nơi cư trú cũ"),
                        ef.address("new_address", "Nơi cư trú mới"),
                        ef.text("old_decision", "Số quyết định trợ cấp đang hưởng", max_length=30),
                    ),
                ),
            ),
        ),
        commune(
            "1.001699",
            "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
            f.BTXH,
            subjects="Cơ quan, tổ chức, gia đình hoặc cá nhân tổ chức mai táng cho đối tượng",
            individuals=True,
            organisations=True,
            result="Quyết định hỗ trợ chi phí mai táng",
            legal=(DECREE_20,),
            online="full",
            cases=(
                case(
                    "mai-tang",
                    "Hỗ trợ chi phí mai táng",
                    3,
                    form_doc(
                        "to-khai",
                        "Tờ khai đề nghị hỗ trợ chi phí mai táng",
                        f"Mẫu số 04 {SOCIAL_FORM}",
                    ),
                    copy_doc("trich-luc-khai-tu", "Bản sao trích lục khai tử hoặc giấy báo tử"),
                    committed=2,
                    fees=allowance_fees,
                    fields=(
                        *ef.person_fields("deceased", "của người chết"),
                        ef.past_date("death_date", "Ngày chết"),
                        ef.text("relation", "Quan hệ với người chết", max_length=50),
                    ),
                ),
            ),
        ),
        commune(
            "1.001731",
            "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở",
            f.BTXH,
            subjects="Hộ gia đình có nhà ở bị đổ, sập, trôi, cháy hoàn toàn hoặc hư hỏng nặng do thiên tai, hỏa hoạn",
            result="Quyết định hỗ trợ làm nhà ở hoặc sửa chữa nhà ở của Chủ tịch UBND cấp xã",
            legal=(DECREE_20,),
            online="partial",
            cases=(
                case(
                    "lam-nha",
                    "Hỗ trợ làm nhà ở (nhà bị đổ, sập, trôi, cháy hoàn toàn)",
                    10,
                    form_doc(
                        "to-khai", "Tờ khai đề nghị hỗ trợ về nhà ở", f"Mẫu số 05 {SOCIAL_FORM}"
                    ),
                    committed=5,
                    fees=allowance_fees,
                    fields=(
                        ef.address("house_address", "Địa chỉ nhà ở bị thiệt hại"),
                        ef.past_date("damage_date", "Ngày xảy ra thiệt hại"),
                        ef.select(
                            "cause",
                            "Nguyên nhân",
                            (
                                ("bao_lu", "Bão, lũ, lũ quét, sạt lở"),
                                ("hoa_hoan", "Hỏa hoạn"),
                                ("khac", "Lý do bất khả kháng khác"),
                            ),
                        ),
                        ef.checkbox("no_other_house", "Hộ không còn nơi ở nào khác", required=True),
                    ),
                ),
                case(
                    "sua-chua",
                    "Hỗ trợ sửa chữa nhà ở (nhà bị hư hỏng nặng)",
                    10,
                    form_doc(
                        "to-khai", "Tờ khai đề nghị hỗ trợ về nhà ở", f"Mẫu số 05 {SOCIAL_FORM}"
                    ),
                    committed=5,
                    fees=allowance_fees,
                    fields=(
                        ef.address("house_address", "Địa chỉ nhà ở bị thiệt hại"),
                        ef.past_date("damage_date", "Ngày xảy ra thiệt hại"),
                        ef.number("damage_percent", "Mức độ hư hỏng ước tính (%)", low=1, high=100),
                    ),
                ),
            ),
        ),
        commune(
            "1.001653",
            "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
            f.BTXH,
            subjects="Người khuyết tật hoặc người đại diện hợp pháp",
            result="Giấy xác nhận khuyết tật",
            legal=(
                DISABILITY_LAW,
                basis(
                    "Nghị định số 28/2012/NĐ-CP ngày 10/4/2012 quy định chi tiết Luật Người khuyết tật",
                    dt.date(2012, 6, 1),
                ),
                basis(
                    "Thông tư số 01/2019/TT-BLĐTBXH quy định về việc xác định mức độ khuyết tật do Hội đồng xác định mức độ khuyết tật thực hiện",
                    dt.date(2019, 2, 27),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "xac-dinh",
                    "Xác định mức độ khuyết tật lần đầu",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị xác định, xác định lại mức độ khuyết tật",
                        "Mẫu số 01 ban hành kèm theo Thông tư số 01/2019/TT-BLĐTBXH",
                    ),
                    paper_if(
                        "ket-luan-y-khoa",
                        "Bản sao kết luận của Hội đồng Giám định y khoa",
                        "Khi đã có kết luận giám định y khoa về khả năng tự phục vụ, mức độ suy giảm khả năng lao động",
                        originals=0,
                        copies=1,
                    ),
                    committed=15,
                    note="Hội đồng xác định mức độ khuyết tật tổ chức đánh giá trong thời hạn 20 ngày làm việc.",
                    fees=allowance_fees,
                    review=True,
                    fields=(
                        *ef.person_fields("disabled", "của người khuyết tật"),
                        ef.select(
                            "disability_kind",
                            "Dạng tật",
                            (
                                ("van_dong", "Khuyết tật vận động"),
                                ("nghe_noi", "Khuyết tật nghe, nói"),
                                ("nhin", "Khuyết tật nhìn"),
                                ("than_kinh", "Khuyết tật thần kinh, tâm thần"),
                                ("tri_tue", "Khuyết tật trí tuệ"),
                                ("khac", "Khuyết tật khác"),
                            ),
                            multiple=True,
                        ),
                    ),
                ),
                case(
                    "xac-dinh-lai",
                    "Xác định lại mức độ khuyết tật",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị xác định, xác định lại mức độ khuyết tật",
                        "Mẫu số 01 ban hành kèm theo Thông tư số 01/2019/TT-BLĐTBXH",
                    ),
                    paper("giay-xac-nhan-cu", "Giấy xác nhận khuyết tật đã được cấp"),
                    committed=15,
                    fees=allowance_fees,
                    fields=(
                        *ef.person_fields("disabled", "của người khuyết tật"),
                        ef.textarea("change_reason", "Lý do đề nghị xác định lại", max_length=1000),
                    ),
                ),
            ),
        ),
        commune(
            "1.001657",
            "Đổi, cấp lại Giấy xác nhận khuyết tật",
            f.BTXH,
            subjects="Người khuyết tật có Giấy xác nhận bị hư hỏng, mất hoặc thay đổi thông tin",
            result="Giấy xác nhận khuyết tật được đổi, cấp lại",
            legal=(DISABILITY_LAW,),
            online="full",
            cases=(
                case(
                    "doi-cap-lai",
                    "Đổi, cấp lại Giấy xác nhận khuyết tật",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật",
                        "Mẫu số 02 ban hành kèm theo Thông tư số 01/2019/TT-BLĐTBXH",
                    ),
                    committed=3,
                    fees=allowance_fees,
                    fields=(
                        ef.select(
                            "reason",
                            "Lý do",
                            (
                                ("hu_hong", "Bị hư hỏng"),
                                ("mat", "Bị mất"),
                                ("thay_doi", "Thay đổi thông tin cá nhân"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        procedure(
            "2.000286",
            "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp tỉnh",
            f.BTXH,
            level=PROVINCE_LEVEL,
            agencies=(pc.HEALTH,),
            decision=D_SOCIAL,
            subjects="Đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn, không tự lo được cuộc sống",
            result="Quyết định tiếp nhận đối tượng vào cơ sở trợ giúp xã hội",
            legal=(
                DECREE_20,
                basis(
                    "Nghị định số 103/2017/NĐ-CP quy định về thành lập, tổ chức, hoạt động, giải thể và quản lý các cơ sở trợ giúp xã hội",
                    dt.date(2017, 10, 30),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "tiep-nhan",
                    "Tiếp nhận vào cơ sở trợ giúp xã hội",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị tiếp nhận vào cơ sở trợ giúp xã hội",
                        f"Mẫu số 07 {SOCIAL_FORM}",
                    ),
                    paper(
                        "so-yeu-ly-lich", "Sơ yếu lý lịch của đối tượng có xác nhận của UBND cấp xã"
                    ),
                    paper("giay-kham-suc-khoe", "Giấy khám sức khỏe của cơ sở y tế"),
                    committed=7,
                    fees=allowance_fees,
                    fields=(
                        *_beneficiary_fields(),
                        ef.textarea("circumstance", "Hoàn cảnh đặc biệt khó khăn", max_length=2000),
                    ),
                ),
            ),
        ),
        commune(
            "1.010801",
            "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ",
            f.NCC,
            subjects="Đại diện thân nhân hoặc người thờ cúng liệt sĩ",
            result="Quyết định trợ cấp thờ cúng liệt sĩ của Giám đốc Sở Nội vụ",
            legal=(
                MERIT_ORDINANCE,
                MERIT_DECREE,
                basis(
                    "Nghị định số 128/2025/NĐ-CP ngày 11/6/2025 quy định về phân quyền, phân cấp trong lĩnh vực quản lý nhà nước của Bộ Nội vụ",
                    dt.date(2025, 7, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "tro-cap",
                    "Trợ cấp thờ cúng liệt sĩ",
                    17,
                    form_doc(
                        "to-khai",
                        "Bản khai đề nghị trợ cấp thờ cúng liệt sĩ",
                        "Mẫu số 10 Phụ lục I ban hành kèm theo Nghị định số 131/2021/NĐ-CP",
                    ),
                    paper_if(
                        "uy-quyen-tho-cung",
                        "Văn bản ủy quyền thờ cúng liệt sĩ",
                        "Khi liệt sĩ còn thân nhân nhưng người thờ cúng không phải là thân nhân",
                        template="Mẫu số 11 Phụ lục I ban hành kèm theo Nghị định số 131/2021/NĐ-CP",
                    ),
                    committed=12,
                    note="UBND cấp xã xác nhận trong 05 ngày làm việc; Sở Nội vụ ra quyết định trong 12 ngày làm việc.",
                    fees=allowance_fees,
                    handoffs=(
                        handoff(
                            "so-noi-vu",
                            pc.HOME_AFFAIRS,
                            "Sở Nội vụ thẩm định, ra quyết định trợ cấp",
                            40,
                            after_approval=True,
                        ),
                    ),
                    fields=(
                        ef.text("martyr_name", "Họ tên liệt sĩ", max_length=100),
                        ef.text("martyr_certificate", "Số Bằng Tổ quốc ghi công", max_length=30),
                        ef.text("relation", "Quan hệ với liệt sĩ", max_length=50),
                    ),
                ),
            ),
        ),
        commune(
            "1.010802",
            "Hỗ trợ mai táng phí và trợ cấp một lần khi người có công với cách mạng từ trần",
            f.NCC,
            subjects="Thân nhân hoặc người tổ chức mai táng người có công với cách mạng",
            result="Quyết định trợ cấp mai táng phí, trợ cấp một lần, trợ cấp tuất (nếu có)",
            legal=(MERIT_ORDINANCE, MERIT_DECREE),
            online="full",
            cases=(
                case(
                    "mai-tang",
                    "Mai táng phí, trợ cấp một lần",
                    12,
                    form_doc(
                        "to-khai",
                        "Bản khai của thân nhân",
                        "Mẫu số 12 Phụ lục I ban hành kèm theo Nghị định số 131/2021/NĐ-CP",
                    ),
                    copy_doc("trich-luc-khai-tu", "Bản sao trích lục khai tử"),
                    paper_if(
                        "uy-quyen",
                        "Biên bản ủy quyền của các thân nhân",
                        "Khi có nhiều thân nhân cùng được hưởng trợ cấp một lần",
                    ),
                    committed=8,
                    fees=allowance_fees,
                    handoffs=(
                        handoff(
                            "so-noi-vu",
                            pc.HOME_AFFAIRS,
                            "Sở Nội vụ ra quyết định trợ cấp",
                            24,
                            after_approval=True,
                        ),
                    ),
                    fields=(
                        *ef.person_fields("deceased", "của người có công đã từ trần"),
                        ef.past_date("death_date", "Ngày từ trần"),
                        ef.text("merit_record", "Số hồ sơ người có công", max_length=30),
                        ef.member_group("relatives", "Thân nhân đề nghị hưởng"),
                    ),
                ),
            ),
        ),
        home_affairs(
            "1.010803",
            "Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú",
            f.NCC,
            subjects="Người có công, thân nhân người có công đang hưởng trợ cấp hằng tháng",
            result="Phiếu báo di chuyển hồ sơ kèm hồ sơ người có công",
            legal=(MERIT_ORDINANCE, MERIT_DECREE),
            online="full",
            cases=(
                case(
                    "di-chuyen",
                    "Di chuyển hồ sơ",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị di chuyển hồ sơ",
                        "Mẫu số 23 Phụ lục I ban hành kèm theo Nghị định số 131/2021/NĐ-CP",
                    ),
                    committed=3,
                    fees=allowance_fees,
                    fields=(
                        ef.text("merit_record", "Số hồ sơ người có công", max_length=30),
                        ef.address("new_address", "Nơi thường trú mới"),
                    ),
                ),
            ),
        ),
        home_affairs(
            "1.010804",
            "Cấp trích lục hoặc sao hồ sơ người có công với cách mạng",
            f.NCC,
            subjects="Người có công, thân nhân người có công; cơ quan, đơn vị có thẩm quyền",
            individuals=True,
            organisations=True,
            result="Bản trích lục hoặc bản sao hồ sơ người có công",
            legal=(MERIT_DECREE,),
            online="full",
            cases=(
                case(
                    "trich-luc",
                    "Trích lục, sao hồ sơ",
                    8,
                    form_doc(
                        "don",
                        "Đơn đề nghị trích lục hồ sơ người có công",
                        "Mẫu số 25 Phụ lục I ban hành kèm theo Nghị định số 131/2021/NĐ-CP",
                    ),
                    committed=5,
                    fees=allowance_fees,
                    fields=(
                        ef.text("merit_record", "Số hồ sơ người có công", max_length=30),
                        ef.text("purpose", "Mục đích sử dụng", max_length=255),
                    ),
                ),
            ),
        ),
        home_affairs(
            "1.000105",
            "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
            f.VL,
            subjects="Người sử dụng lao động nước ngoài (doanh nghiệp, cơ quan, tổ chức)",
            individuals=False,
            organisations=True,
            result="Giấy phép lao động",
            legal=(
                LABOUR_CODE,
                WORK_PERMIT_DECREE,
                basis(
                    f"Nghị quyết số 11/2025/NQ-HĐND của HĐND tỉnh {pc.PROVINCE_NAME} quy định lệ phí cấp giấy phép lao động",
                    dt.date(2025, 7, 10),
                ),
            ),
            online="full",
            cases=(
                case(
                    "cap-moi",
                    "Cấp mới giấy phép lao động",
                    10,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị cấp giấy phép lao động",
                        "Mẫu số 11/PLI ban hành kèm theo Nghị định số 219/2025/NĐ-CP",
                    ),
                    paper(
                        "giay-kham-suc-khoe",
                        "Giấy chứng nhận sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp trong 12 tháng",
                    ),
                    paper(
                        "ly-lich-tu-phap",
                        "Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải người đang chấp hành hình phạt",
                    ),
                    copy_doc("ho-chieu", "Bản sao hộ chiếu còn giá trị"),
                    copy_doc(
                        "van-bang",
                        "Văn bằng, chứng chỉ, giấy tờ chứng minh kinh nghiệm (đã hợp pháp hóa lãnh sự, dịch sang tiếng Việt)",
                    ),
                    paper("anh", "02 ảnh màu cỡ 4×6 cm, phông nền trắng", originals=2),
                    committed=5,
                    fees=(charge("Lệ phí cấp giấy phép lao động", 600_000, unit="đồng/giấy phép"),),
                    fields=(
                        ef.text("worker_name", "Họ tên người lao động nước ngoài", max_length=100),
                        ef.text("worker_passport", "Số hộ chiếu", max_length=20),
                        ef.text("worker_nationality", "Quốc tịch", max_length=100),
                        ef.select(
                            "job_position",
                            "Vị trí công việc",
                            (
                                ("quan_ly", "Nhà quản lý"),
                                ("giam_doc", "Giám đốc điều hành"),
                                ("chuyen_gia", "Chuyên gia"),
                                ("ky_thuat", "Lao động kỹ thuật"),
                            ),
                        ),
                        ef.date("work_from", "Làm việc từ ngày"),
                        ef.date("work_to", "Đến ngày"),
                    ),
                ),
                case(
                    "cap-lai",
                    "Cấp lại giấy phép lao động (bị mất, hư hỏng, thay đổi thông tin)",
                    3,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị cấp lại giấy phép lao động",
                        "Mẫu số 11/PLI ban hành kèm theo Nghị định số 219/2025/NĐ-CP",
                    ),
                    paper_if(
                        "gpld-cu",
                        "Giấy phép lao động đã được cấp",
                        "Khi giấy phép bị hư hỏng hoặc thay đổi thông tin",
                    ),
                    fees=(
                        charge("Lệ phí cấp lại giấy phép lao động", 450_000, unit="đồng/giấy phép"),
                    ),
                    fields=(
                        ef.text("permit_number", "Số giấy phép lao động", max_length=30),
                        ef.select(
                            "reason",
                            "Lý do",
                            (
                                ("mat", "Bị mất"),
                                ("hu_hong", "Bị hư hỏng"),
                                (
                                    "thay_doi",
                                    "Thay đổi họ tên, quốc tịch, số hộ chiếu, địa điểm làm việc",
                                ),
                            ),
                        ),
                    ),
                ),
                case(
                    "gia-han",
                    "Gia hạn giấy phép lao động",
                    10,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị gia hạn giấy phép lao động",
                        "Mẫu số 11/PLI ban hành kèm theo Nghị định số 219/2025/NĐ-CP",
                    ),
                    paper(
                        "gpld-cu",
                        "Giấy phép lao động còn thời hạn ít nhất 10 ngày nhưng không quá 45 ngày",
                    ),
                    paper("giay-kham-suc-khoe", "Giấy chứng nhận sức khỏe"),
                    committed=5,
                    fees=(
                        charge("Lệ phí gia hạn giấy phép lao động", 450_000, unit="đồng/giấy phép"),
                    ),
                    fields=(
                        ef.text("permit_number", "Số giấy phép lao động", max_length=30),
                        ef.date("extend_to", "Gia hạn đến ngày", low="today"),
                    ),
                ),
            ),
        ),
        home_affairs(
            "1.000459",
            "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động",
            f.VL,
            subjects="Người sử dụng lao động nước ngoài",
            individuals=False,
            organisations=True,
            result="Văn bản xác nhận không thuộc diện cấp giấy phép lao động",
            legal=(LABOUR_CODE, WORK_PERMIT_DECREE),
            online="full",
            cases=(
                case(
                    "xac-nhan",
                    "Xác nhận không thuộc diện cấp giấy phép lao động",
                    5,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị xác nhận",
                        "Mẫu số 09/PLI ban hành kèm theo Nghị định số 219/2025/NĐ-CP",
                    ),
                    copy_doc("ho-chieu", "Bản sao hộ chiếu"),
                    paper(
                        "giay-to-chung-minh",
                        "Giấy tờ chứng minh thuộc diện không phải cấp giấy phép lao động",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("worker_name", "Họ tên người lao động nước ngoài", max_length=100),
                        ef.text("worker_passport", "Số hộ chiếu", max_length=20),
                        ef.textarea(
                            "exemption_ground",
                            "Căn cứ không thuộc diện cấp giấy phép",
                            max_length=1000,
                        ),
                    ),
                ),
            ),
        ),
        procedure(
            "1.001978",
            "Giải quyết hưởng trợ cấp thất nghiệp",
            f.VL,
            level=PROVINCE_LEVEL,
            agencies=(pc.LABOUR_UNIT,),
            decision=D_SOCIAL,
            subjects="Người lao động đang đóng bảo hiểm thất nghiệp bị chấm dứt hợp đồng lao động",
            result="Quyết định hưởng trợ cấp thất nghiệp",
            conditions="Đã đóng bảo hiểm thất nghiệp từ đủ 12 tháng trở lên trong thời gian 24 tháng trước khi chấm dứt hợp đồng lao động; đã nộp hồ sơ trong 03 tháng kể từ ngày chấm dứt hợp đồng; chưa tìm được việc làm sau 15 ngày.",
            legal=(
                EMPLOYMENT_LAW,
                basis(
                    "Nghị định số 28/2015/NĐ-CP ngày 12/3/2015 quy định chi tiết thi hành Luật Việc làm về bảo hiểm thất nghiệp",
                    dt.date(2015, 5, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "huong-tro-cap",
                    "Hưởng trợ cấp thất nghiệp",
                    20,
                    form_doc(
                        "de-nghi",
                        "Đề nghị hưởng trợ cấp thất nghiệp",
                        "Mẫu số 03 ban hành kèm theo Thông tư số 15/2023/TT-BLĐTBXH",
                    ),
                    copy_doc(
                        "cham-dut-hdld",
                        "Bản sao hợp đồng lao động đã hết hạn hoặc quyết định thôi việc, quyết định sa thải",
                    ),
                    paper(
                        "so-bhxh",
                        "Sổ bảo hiểm xã hội (hoặc xác nhận thời gian đóng trên Cổng thông tin BHXH)",
                    ),
                    unit=CD,
                    committed=15,
                    note="Kể từ ngày nhận đủ hồ sơ hợp lệ (ngày theo lịch).",
                    fees=(free("Lệ phí", "Không thu"),),
                    handoffs=(
                        handoff(
                            "bhxh",
                            pc.SOCIAL_INSURANCE,
                            "Bảo hiểm xã hội tỉnh xác nhận thời gian đóng bảo hiểm thất nghiệp",
                            16,
                        ),
                    ),
                    fields=(
                        ef.text(
                            "last_employer", "Đơn vị làm việc trước khi thất nghiệp", max_length=255
                        ),
                        ef.past_date("termination_date", "Ngày chấm dứt hợp đồng lao động"),
                        ef.text(
                            "social_insurance_number",
                            "Mã số bảo hiểm xã hội",
                            max_length=10,
                            pattern=r"\d{10}",
                            pattern_message="Mã số BHXH gồm 10 chữ số.",
                        ),
                        ef.select(
                            "payment",
                            "Hình thức nhận trợ cấp",
                            (("tai_khoan", "Qua tài khoản"), ("tien_mat", "Tiền mặt tại bưu điện")),
                        ),
                        ef.text(
                            "bank_account",
                            "Số tài khoản",
                            max_length=30,
                            show_if=ef.when("payment", "tai_khoan"),
                        ),
                    ),
                ),
            ),
        ),
        home_affairs(
            "1.009811",
            "Đăng ký nội quy lao động",
            f.LD,
            subjects="Người sử dụng lao động có từ 10 người lao động trở lên",
            individuals=False,
            organisations=True,
            result="Thông báo về việc đăng ký nội quy lao động",
            legal=(
                LABOUR_CODE,
                basis(
                    "Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 quy định chi tiết Bộ luật Lao động về điều kiện lao động và quan hệ lao động",
                    dt.date(2021, 2, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký nội quy lao động",
                    7,
                    paper("van-ban-de-nghi", "Văn bản đề nghị đăng ký nội quy lao động"),
                    paper("noi-quy", "Nội quy lao động"),
                    paper(
                        "y-kien-cong-doan",
                        "Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở (nếu có)",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.number("employees", "Số người lao động", integer=True, low=10),
                        ef.checkbox("has_union", "Có tổ chức đại diện người lao động tại cơ sở"),
                    ),
                ),
            ),
        ),
        home_affairs(
            "2.001955",
            "Đăng ký hợp đồng nhận lao động thực tập thời hạn dưới 90 ngày",
            f.VL,
            subjects="Doanh nghiệp đưa người lao động đi thực tập nâng cao tay nghề ở nước ngoài",
            individuals=False,
            organisations=True,
            result="Văn bản chấp thuận hợp đồng nhận lao động thực tập",
            legal=(
                basis(
                    "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng số 69/2020/QH14",
                    dt.date(2022, 1, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký hợp đồng",
                    5,
                    paper("van-ban-dang-ky", "Văn bản đăng ký hợp đồng nhận lao động thực tập"),
                    copy_doc(
                        "hop-dong",
                        "Bản sao hợp đồng nhận lao động thực tập kèm bản dịch tiếng Việt",
                    ),
                    paper("danh-sach", "Danh sách người lao động đi thực tập"),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("partner", "Tổ chức tiếp nhận ở nước ngoài", max_length=255),
                        ef.text("country", "Nước đến", max_length=100),
                        ef.number("trainees", "Số người lao động", integer=True, low=1, high=500),
                    ),
                ),
            ),
        ),
    ]
