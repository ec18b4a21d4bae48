"""Education and training: private schools and transfers (communes, Department of Education),
diplomas, and the province's own support for poor pupils (a local procedure replaced in 2026)."""

import datetime as dt
from functools import partial

from motcua.catalog.specs import ProcedureSpec
from motcua.demo import province_content as pc
from motcua.demo.catalog_content import fields as f
from motcua.demo.catalog_content import forms as ef
from motcua.demo.catalog_content.kit import (
    ALL_COMMUNES,
    COMMUNE_LEVEL,
    D_EDUCATION,
    D_LOCAL_2026,
    PROVINCE_LEVEL,
    WH,
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
    procedure, level=PROVINCE_LEVEL, agencies=(pc.EDUCATION,), decision=D_EDUCATION
)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_EDUCATION)

EDUCATION_LAW = basis("Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019", dt.date(2020, 7, 1))
SCHOOLS_DECREE = basis(
    "Nghị định số 125/2024/NĐ-CP ngày 05/10/2024 của Chính phủ quy định về điều kiện đầu tư và "
    "hoạt động trong lĩnh vực giáo dục",
    dt.date(2024, 11, 20),
)
DECREE_142 = basis(
    "Nghị định số 142/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định về phân định thẩm quyền "
    "của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Giáo dục và Đào tạo",
    dt.date(2025, 7, 1),
)
DIPLOMA_CIRCULAR = basis(
    "Thông tư số 21/2019/TT-BGDĐT ngày 29/11/2019 ban hành Quy chế quản lý bằng tốt nghiệp trung "
    "học cơ sở, bằng tốt nghiệp trung học phổ thông, văn bằng giáo dục đại học và chứng chỉ",
    dt.date(2020, 1, 15),
)
TRANSFER_DECISION = basis(
    "Thông tư số 50/2021/TT-BGDĐT ngày 31/12/2021 sửa đổi Quy định về chuyển trường và tiếp nhận "
    "học sinh học tại các cơ sở giáo dục",
    dt.date(2022, 2, 15),
)
SUPPORT_2023 = basis(
    f"Nghị quyết số 12/2023/NQ-HĐND ngày 08/12/2023 của HĐND tỉnh {pc.PROVINCE_NAME} quy định "
    "chính sách hỗ trợ chi phí học tập cho trẻ em, học sinh thuộc hộ nghèo",
    dt.date(2024, 1, 1),
)
SUPPORT_2026 = basis(
    f"Nghị quyết số 05/2026/NQ-HĐND ngày 15/01/2026 của HĐND tỉnh {pc.PROVINCE_NAME} quy định "
    "chính sách hỗ trợ chi phí học tập cho trẻ em, học sinh thuộc hộ nghèo, hộ cận nghèo giai "
    "đoạn 2026–2030 (thay thế Nghị quyết số 12/2023/NQ-HĐND)",
    dt.date(2026, 2, 1),
)


def _pupil_fields() -> list[ef.FormField]:
    return [
        *ef.person_fields("pupil", "của học sinh"),
        ef.text("current_school", "Trường đang học", max_length=255),
        ef.select(
            "grade",
            "Lớp",
            tuple((f"lop_{n}", f"Lớp {n}") for n in range(1, 13)),
        ),
    ]


def _support_fields() -> list[ef.FormField]:
    return [
        ef.select(
            "child_level",
            "Cấp học",
            (
                ("mau_giao", "Mẫu giáo"),
                ("tieu_hoc", "Tiểu học"),
                ("thcs", "Trung học cơ sở"),
                ("thpt", "Trung học phổ thông"),
            ),
        ),
        *ef.person_fields("pupil", "của trẻ em, học sinh"),
        ef.text("school", "Trường đang học", max_length=255),
        ef.text("poor_household_code", "Mã số hộ nghèo, hộ cận nghèo", max_length=30),
    ]


def procedures() -> list[ProcedureSpec]:
    return [
        commune(
            "1.005087",
            "Cho phép trường mầm non, trường mẫu giáo, nhà trẻ tư thục hoạt động giáo dục",
            f.GD,
            subjects="Trường mầm non, trường mẫu giáo, nhà trẻ tư thục đã có quyết định thành lập",
            individuals=False,
            organisations=True,
            result="Quyết định cho phép hoạt động giáo dục của Chủ tịch UBND cấp xã",
            conditions="Có quyết định thành lập; có đất đai, trường sở, cơ sở vật chất, thiết bị đáp ứng yêu cầu; có đội ngũ cán bộ quản lý, giáo viên đạt tiêu chuẩn.",
            legal=(EDUCATION_LAW, SCHOOLS_DECREE, DECREE_142),
            online="partial",
            cases=(
                case(
                    "cho-phep",
                    "Cho phép hoạt động giáo dục",
                    20,
                    form_doc(
                        "to-trinh",
                        "Tờ trình đề nghị cho phép hoạt động giáo dục",
                        "Mẫu số 05 Phụ lục I ban hành kèm theo Nghị định số 125/2024/NĐ-CP",
                    ),
                    copy_doc("quyet-dinh-thanh-lap", "Bản sao quyết định thành lập"),
                    paper(
                        "danh-sach-giao-vien",
                        "Danh sách cán bộ quản lý, giáo viên, nhân viên kèm văn bằng, chứng chỉ",
                    ),
                    paper("quy-che", "Quy chế tổ chức và hoạt động, quy chế chi tiêu nội bộ"),
                    committed=15,
                    fees=(free("Lệ phí", "Không thu"),),
                    review=True,
                    fields=(
                        ef.text("school_name", "Tên trường", max_length=255),
                        ef.address("school_address", "Địa chỉ"),
                        ef.number("classes", "Số nhóm, lớp", integer=True, low=1, high=100),
                        ef.number("children", "Số trẻ dự kiến", integer=True, low=1),
                    ),
                ),
            ),
        ),
        commune(
            "1.005088",
            "Thành lập trường mầm non, tiểu học, trung học cơ sở tư thục",
            f.GD,
            subjects="Tổ chức, cá nhân đề nghị thành lập trường",
            individuals=True,
            organisations=True,
            result="Quyết định thành lập trường của Chủ tịch UBND cấp xã",
            legal=(EDUCATION_LAW, SCHOOLS_DECREE, DECREE_142),
            online="partial",
            cases=(
                case(
                    "thanh-lap",
                    "Thành lập trường",
                    20,
                    form_doc(
                        "to-trinh",
                        "Tờ trình đề nghị thành lập trường",
                        "Mẫu số 01 Phụ lục I ban hành kèm theo Nghị định số 125/2024/NĐ-CP",
                    ),
                    paper("de-an", "Đề án thành lập trường"),
                    copy_doc(
                        "dat-dai",
                        "Bản sao giấy tờ chứng minh quyền sử dụng đất, hợp đồng thuê cơ sở vật chất",
                    ),
                    committed=15,
                    fees=(free("Lệ phí", "Không thu"),),
                    review=True,
                    fields=(
                        ef.text("school_name", "Tên trường dự kiến", max_length=255),
                        ef.select(
                            "school_level",
                            "Cấp học",
                            (
                                ("mam_non", "Mầm non"),
                                ("tieu_hoc", "Tiểu học"),
                                ("thcs", "Trung học cơ sở"),
                            ),
                        ),
                        ef.address("school_address", "Địa điểm"),
                    ),
                ),
            ),
        ),
        commune(
            "1.005090",
            "Chuyển trường đối với học sinh trung học cơ sở",
            f.GD,
            subjects="Cha mẹ hoặc người giám hộ học sinh trung học cơ sở",
            result="Văn bản đồng ý tiếp nhận học sinh chuyển trường",
            legal=(TRANSFER_DECISION,),
            online="full",
            cases=(
                case(
                    "chuyen-truong",
                    "Chuyển trường trong tỉnh hoặc từ tỉnh khác đến",
                    3,
                    form_doc(
                        "don",
                        "Đơn xin chuyển trường",
                        "Mẫu ban hành kèm theo Thông tư số 50/2021/TT-BGDĐT",
                    ),
                    paper("hoc-ba", "Học bạ (bản chính)"),
                    paper_if(
                        "giay-gioi-thieu",
                        "Giấy giới thiệu chuyển trường của Phòng/ Sở Giáo dục và Đào tạo nơi đi",
                        "Khi chuyển từ tỉnh, thành phố khác đến",
                    ),
                    committed=2,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        *_pupil_fields(),
                        ef.text("target_school", "Trường xin chuyển đến", max_length=255),
                        ef.textarea("reason", "Lý do chuyển trường", max_length=1000),
                    ),
                ),
            ),
        ),
        department(
            "1.005092",
            "Chuyển trường đối với học sinh trung học phổ thông",
            f.GD,
            subjects="Cha mẹ hoặc người giám hộ học sinh trung học phổ thông",
            result="Giấy giới thiệu chuyển trường; văn bản đồng ý tiếp nhận",
            legal=(TRANSFER_DECISION,),
            online="full",
            cases=(
                case(
                    "chuyen-truong",
                    "Chuyển trường",
                    3,
                    form_doc(
                        "don",
                        "Đơn xin chuyển trường",
                        "Mẫu ban hành kèm theo Thông tư số 50/2021/TT-BGDĐT",
                    ),
                    paper("hoc-ba", "Học bạ (bản chính)"),
                    copy_doc("bang-thcs", "Bản sao bằng tốt nghiệp trung học cơ sở"),
                    committed=2,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        *_pupil_fields(),
                        ef.text("target_school", "Trường xin chuyển đến", max_length=255),
                    ),
                ),
            ),
        ),
        department(
            "1.005095",
            "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            f.VB,
            subjects="Người được cấp văn bằng, chứng chỉ hoặc người đại diện theo pháp luật",
            result="Bản sao văn bằng, chứng chỉ từ sổ gốc",
            legal=(
                DIPLOMA_CIRCULAR,
                basis(
                    "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính",
                    dt.date(2015, 4, 10),
                ),
            ),
            online="full",
            four_at_desk=True,
            cases=(
                case(
                    "ban-sao",
                    "Cấp bản sao từ sổ gốc",
                    8,
                    form_doc(
                        "don",
                        "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
                        "Mẫu ban hành kèm theo Thông tư số 21/2019/TT-BGDĐT",
                    ),
                    unit=WH,
                    committed=4,
                    note="Ngay trong ngày; trường hợp yêu cầu nhiều bản hoặc sổ gốc lưu trữ xa thì không quá 03 ngày làm việc.",
                    fees=(fee("Phí cấp bản sao từ sổ gốc", 5_000, unit="đồng/bản"),),
                    fields=(
                        ef.select(
                            "diploma_kind",
                            "Loại văn bằng",
                            (
                                ("thcs", "Bằng tốt nghiệp THCS"),
                                ("thpt", "Bằng tốt nghiệp THPT"),
                                ("chung_chi", "Chứng chỉ"),
                            ),
                        ),
                        ef.number(
                            "graduation_year", "Năm tốt nghiệp", integer=True, low=1960, high=2100
                        ),
                        ef.text("graduation_school", "Trường tốt nghiệp", max_length=255),
                        ef.number("copies", "Số bản", integer=True, low=1, high=20),
                    ),
                ),
            ),
        ),
        department(
            "1.005096",
            "Chỉnh sửa nội dung văn bằng, chứng chỉ",
            f.VB,
            subjects="Người được cấp văn bằng, chứng chỉ có thông tin ghi sai hoặc đã được thay đổi, cải chính hộ tịch",
            result="Quyết định chỉnh sửa văn bằng, chứng chỉ",
            legal=(DIPLOMA_CIRCULAR,),
            online="full",
            cases=(
                case(
                    "chinh-sua",
                    "Chỉnh sửa nội dung văn bằng",
                    5,
                    form_doc(
                        "don",
                        "Đơn đề nghị chỉnh sửa nội dung văn bằng, chứng chỉ",
                        "Mẫu ban hành kèm theo Thông tư số 21/2019/TT-BGDĐT",
                    ),
                    paper("van-bang", "Văn bằng, chứng chỉ đề nghị chỉnh sửa"),
                    copy_doc(
                        "trich-luc-cai-chinh",
                        "Trích lục hoặc quyết định thay đổi, cải chính hộ tịch",
                    ),
                    committed=3,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("wrong_content", "Nội dung ghi trên văn bằng", max_length=255),
                        ef.text("correct_content", "Nội dung đề nghị chỉnh sửa", max_length=255),
                    ),
                ),
            ),
        ),
        department(
            "1.005100",
            "Công nhận văn bằng tốt nghiệp trung học cơ sở, trung học phổ thông do cơ sở giáo dục nước ngoài cấp",
            f.VB,
            subjects="Người có văn bằng do cơ sở giáo dục nước ngoài cấp",
            result="Giấy công nhận văn bằng",
            legal=(
                basis(
                    "Thông tư số 13/2021/TT-BGDĐT quy định điều kiện, trình tự, thủ tục công nhận văn bằng do cơ sở giáo dục nước ngoài cấp",
                    dt.date(2021, 6, 1),
                ),
                DECREE_142,
            ),
            online="full",
            cases=(
                case(
                    "cong-nhan",
                    "Công nhận văn bằng",
                    20,
                    form_doc(
                        "don",
                        "Đơn đề nghị công nhận văn bằng",
                        "Mẫu ban hành kèm theo Thông tư số 13/2021/TT-BGDĐT",
                    ),
                    copy_doc(
                        "van-bang", "Bản sao văn bằng, kèm bản dịch công chứng sang tiếng Việt"
                    ),
                    copy_doc("ket-qua-hoc-tap", "Bản sao kết quả học tập"),
                    committed=15,
                    note="Trường hợp cần xác minh thông tin văn bằng với cơ sở giáo dục nước ngoài thì không quá 45 ngày làm việc.",
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("issuing_school", "Cơ sở giáo dục cấp văn bằng", max_length=255),
                        ef.text("issuing_country", "Quốc gia", max_length=100),
                        ef.past_date("issued_on", "Ngày cấp văn bằng"),
                    ),
                ),
            ),
        ),
        department(
            "1.005110",
            "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục",
            f.GD,
            subjects="Trung tâm ngoại ngữ, tin học đã được thành lập",
            individuals=False,
            organisations=True,
            result="Quyết định cho phép hoạt động giáo dục",
            legal=(EDUCATION_LAW, SCHOOLS_DECREE),
            online="full",
            cases=(
                case(
                    "cho-phep",
                    "Cho phép hoạt động",
                    15,
                    form_doc(
                        "to-trinh",
                        "Tờ trình đề nghị cho phép hoạt động giáo dục",
                        "Mẫu số 10 Phụ lục I ban hành kèm theo Nghị định số 125/2024/NĐ-CP",
                    ),
                    copy_doc("quyet-dinh-thanh-lap", "Bản sao quyết định thành lập trung tâm"),
                    paper("chuong-trinh", "Chương trình, tài liệu giảng dạy; danh sách giáo viên"),
                    committed=10,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=(
                        ef.text("centre_name", "Tên trung tâm", max_length=255),
                        ef.select(
                            "subjects_taught",
                            "Lĩnh vực",
                            (("ngoai_ngu", "Ngoại ngữ"), ("tin_hoc", "Tin học")),
                            multiple=True,
                        ),
                    ),
                ),
            ),
        ),
        department(
            "1.005112",
            "Thành lập trường trung học phổ thông tư thục",
            f.GD,
            subjects="Tổ chức, cá nhân đề nghị thành lập trường",
            individuals=True,
            organisations=True,
            result="Quyết định cho phép thành lập của Chủ tịch UBND tỉnh",
            legal=(EDUCATION_LAW, SCHOOLS_DECREE),
            online="partial",
            cases=(
                case(
                    "thanh-lap",
                    "Thành lập trường trung học phổ thông tư thục",
                    25,
                    form_doc(
                        "to-trinh",
                        "Tờ trình đề nghị thành lập trường",
                        "Mẫu số 01 Phụ lục I ban hành kèm theo Nghị định số 125/2024/NĐ-CP",
                    ),
                    paper("de-an", "Đề án thành lập trường"),
                    copy_doc("dat-dai", "Bản sao giấy tờ chứng minh quyền sử dụng đất"),
                    paper("nang-luc-tai-chinh", "Văn bản chứng minh năng lực tài chính"),
                    committed=20,
                    fees=(free("Lệ phí", "Không thu"),),
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
                        ef.text("school_name", "Tên trường dự kiến", max_length=255),
                        ef.address("school_address", "Địa điểm"),
                        ef.number(
                            "planned_students", "Quy mô học sinh dự kiến", integer=True, low=1
                        ),
                    ),
                ),
            ),
        ),
        commune(
            "H99.0301",
            "Hỗ trợ chi phí học tập cho trẻ em mẫu giáo, học sinh thuộc hộ nghèo theo Nghị quyết số 12/2023/NQ-HĐND",
            f.GD,
            namespace="local",
            subjects="Cha mẹ hoặc người giám hộ trẻ em mẫu giáo, học sinh thuộc hộ nghèo",
            result="Quyết định hỗ trợ chi phí học tập",
            legal=(SUPPORT_2023,),
            online="full",
            cases=(
                case(
                    "ho-tro",
                    "Hỗ trợ chi phí học tập",
                    10,
                    form_doc(
                        "don",
                        "Đơn đề nghị hỗ trợ chi phí học tập",
                        f"Mẫu số 01 ban hành kèm theo Nghị quyết số 12/2023/NQ-HĐND tỉnh {pc.PROVINCE_NAME}",
                    ),
                    copy_doc("giay-chung-nhan-ho-ngheo", "Bản sao giấy chứng nhận hộ nghèo"),
                    committed=7,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=_support_fields(),
                ),
            ),
        ),
        commune(
            "H99.0302",
            "Hỗ trợ chi phí học tập cho trẻ em mẫu giáo, học sinh thuộc hộ nghèo, hộ cận nghèo theo Nghị quyết số 05/2026/NQ-HĐND",
            f.GD,
            namespace="local",
            decision=D_LOCAL_2026,
            subjects="Cha mẹ hoặc người giám hộ trẻ em mẫu giáo, học sinh thuộc hộ nghèo, hộ cận nghèo",
            result="Quyết định hỗ trợ chi phí học tập",
            legal=(SUPPORT_2026,),
            online="full",
            cases=(
                case(
                    "ho-tro",
                    "Hỗ trợ chi phí học tập",
                    7,
                    form_doc(
                        "don",
                        "Đơn đề nghị hỗ trợ chi phí học tập",
                        f"Mẫu số 01 ban hành kèm theo Nghị quyết số 05/2026/NQ-HĐND tỉnh {pc.PROVINCE_NAME}",
                    ),
                    paper_if(
                        "giay-chung-nhan-ho-ngheo",
                        "Giấy chứng nhận hộ nghèo, hộ cận nghèo",
                        "Khi thông tin hộ nghèo, hộ cận nghèo chưa có trong cơ sở dữ liệu của xã",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=(free("Lệ phí", "Không thu"),),
                    fields=_support_fields(),
                ),
            ),
        ),
    ]
