"""Home affairs: commendations, associations (Department of Home Affairs), beliefs and religion
(communes, Department of Ethnic and Religious Affairs); and two local procedures still being
drafted (no publishing decision yet)."""

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
    D_HOME,
    D_LOCAL_2026,
    PROVINCE_LEVEL,
    basis,
    case,
    copy_doc,
    form_doc,
    free,
    handoff,
    paper,
    paper_if,
    procedure,
    unpublished,
)

department = partial(procedure, level=PROVINCE_LEVEL, agencies=(pc.HOME_AFFAIRS,), decision=D_HOME)
commune = partial(procedure, level=COMMUNE_LEVEL, agencies=ALL_COMMUNES, decision=D_HOME)

COMMENDATION_LAW = basis(
    "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022", dt.date(2024, 1, 1)
)
COMMENDATION_DECREE = basis(
    "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Thi đua, khen thưởng",
    dt.date(2024, 1, 1),
)
ASSOCIATION_DECREE = basis(
    "Nghị định số 126/2024/NĐ-CP ngày 08/10/2024 của Chính phủ quy định về tổ chức, hoạt động và "
    "quản lý hội",
    dt.date(2024, 11, 26),
)
RELIGION_LAW = basis(
    "Luật Tín ngưỡng, tôn giáo số 02/2016/QH14 ngày 18/11/2016", dt.date(2018, 1, 1)
)
RELIGION_DECREE = basis(
    "Nghị định số 95/2023/NĐ-CP ngày 29/12/2023 của Chính phủ quy định chi tiết Luật Tín ngưỡng, "
    "tôn giáo",
    dt.date(2024, 3, 30),
)
NO_FEE = (free("Lệ phí", "Không thu"),)


def _nominee_group() -> ef.FormField:
    return ef.group(
        "nominees",
        "Tập thể, cá nhân được đề nghị khen thưởng",
        [
            ef.text("name", "Tên tập thể hoặc họ tên cá nhân", max_length=255),
            ef.text("position", "Chức vụ, đơn vị", max_length=255, required=False),
            ef.textarea("achievements", "Thành tích tóm tắt", max_length=2000),
        ],
        repeat=True,
        min_items=1,
        max_items=100,
    )


def procedures() -> list[ProcedureSpec]:
    return [
        commune(
            "2.000100",
            "Tặng Giấy khen của Chủ tịch UBND cấp xã",
            f.TDKT,
            subjects="Tập thể, cá nhân, hộ gia đình có thành tích",
            individuals=True,
            organisations=True,
            result="Quyết định khen thưởng và Giấy khen của Chủ tịch UBND cấp xã",
            legal=(COMMENDATION_LAW, COMMENDATION_DECREE),
            online="partial",
            postal="none",
            cases=(
                case(
                    "giay-khen",
                    "Khen thưởng theo công trạng, thành tích",
                    20,
                    paper("to-trinh", "Tờ trình đề nghị khen thưởng"),
                    form_doc(
                        "bao-cao-thanh-tich",
                        "Báo cáo thành tích của tập thể, cá nhân",
                        "Mẫu số 01, 02 Phụ lục ban hành kèm theo Nghị định số 98/2023/NĐ-CP",
                    ),
                    paper(
                        "bien-ban-hoi-dong", "Biên bản họp Hội đồng thi đua – khen thưởng cấp xã"
                    ),
                    committed=10,
                    fees=NO_FEE,
                    fields=(_nominee_group(),),
                ),
            ),
        ),
        department(
            "2.000101",
            "Tặng Bằng khen của Chủ tịch UBND tỉnh",
            f.TDKT,
            subjects="Tập thể, cá nhân, hộ gia đình có thành tích xuất sắc",
            individuals=False,
            organisations=True,
            result="Quyết định khen thưởng và Bằng khen của Chủ tịch UBND tỉnh",
            legal=(COMMENDATION_LAW, COMMENDATION_DECREE),
            online="partial",
            postal="none",
            cases=(
                case(
                    "bang-khen",
                    "Khen thưởng theo công trạng, thành tích",
                    20,
                    paper("to-trinh", "Tờ trình đề nghị khen thưởng của cơ quan, đơn vị trình"),
                    form_doc(
                        "bao-cao-thanh-tich",
                        "Báo cáo thành tích của tập thể, cá nhân",
                        "Mẫu số 01, 02 Phụ lục ban hành kèm theo Nghị định số 98/2023/NĐ-CP",
                    ),
                    paper(
                        "bien-ban-hoi-dong", "Biên bản họp Hội đồng thi đua – khen thưởng cấp trình"
                    ),
                    paper_if(
                        "xac-nhan-thue",
                        "Văn bản xác nhận việc chấp hành chính sách, pháp luật thuế, bảo hiểm",
                        "Khi đối tượng đề nghị khen thưởng là doanh nghiệp, doanh nhân",
                        originals=0,
                        copies=1,
                    ),
                    committed=15,
                    fees=NO_FEE,
                    handoffs=(
                        handoff(
                            "ubnd-tinh",
                            pc.PROVINCE,
                            "Chủ tịch UBND tỉnh quyết định khen thưởng",
                            24,
                            after_approval=True,
                        ),
                    ),
                    review=True,
                    fields=(_nominee_group(),),
                ),
            ),
        ),
        department(
            "2.000110",
            "Công nhận ban vận động thành lập hội có phạm vi hoạt động trong tỉnh",
            f.HOI,
            subjects="Công dân, tổ chức sáng lập hội",
            result="Quyết định công nhận ban vận động thành lập hội",
            legal=(ASSOCIATION_DECREE,),
            online="partial",
            cases=(
                case(
                    "cong-nhan",
                    "Công nhận ban vận động",
                    30,
                    paper("don", "Đơn đề nghị công nhận ban vận động thành lập hội"),
                    paper(
                        "danh-sach",
                        "Danh sách và sơ yếu lý lịch của những người trong ban vận động",
                    ),
                    paper(
                        "du-kien", "Văn bản dự kiến tôn chỉ, mục đích, phạm vi hoạt động của hội"
                    ),
                    unit=CD,
                    committed=20,
                    fees=NO_FEE,
                    fields=(
                        ef.text("association_name", "Tên hội dự kiến", max_length=255),
                        ef.textarea("purpose", "Tôn chỉ, mục đích", max_length=2000),
                        ef.member_group("founders", "Thành viên ban vận động"),
                    ),
                ),
            ),
        ),
        department(
            "2.000111",
            "Phê duyệt điều lệ hội",
            f.HOI,
            subjects="Hội có phạm vi hoạt động trong tỉnh",
            individuals=False,
            organisations=True,
            result="Quyết định phê duyệt điều lệ hội",
            legal=(ASSOCIATION_DECREE,),
            online="partial",
            cases=(
                case(
                    "phe-duyet",
                    "Phê duyệt điều lệ",
                    30,
                    paper("van-ban-de-nghi", "Văn bản đề nghị phê duyệt điều lệ"),
                    paper("dieu-le", "Điều lệ và biên bản thông qua điều lệ tại đại hội"),
                    paper("nghi-quyet-dai-hoi", "Nghị quyết đại hội"),
                    unit=CD,
                    committed=20,
                    fees=NO_FEE,
                    fields=(
                        ef.past_date("congress_date", "Ngày tổ chức đại hội"),
                        ef.number("members", "Số hội viên", integer=True, low=1),
                    ),
                ),
            ),
        ),
        commune(
            "2.000120",
            "Đăng ký sinh hoạt tôn giáo tập trung",
            f.TG,
            subjects="Người đại diện nhóm người theo tôn giáo",
            result="Văn bản chấp thuận đăng ký sinh hoạt tôn giáo tập trung",
            legal=(RELIGION_LAW, RELIGION_DECREE),
            online="partial",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký sinh hoạt tôn giáo tập trung",
                    20,
                    form_doc(
                        "van-ban-dang-ky",
                        "Văn bản đăng ký sinh hoạt tôn giáo tập trung",
                        "Mẫu B1 ban hành kèm theo Nghị định số 95/2023/NĐ-CP",
                    ),
                    paper(
                        "danh-sach", "Danh sách những người tham gia sinh hoạt tôn giáo tập trung"
                    ),
                    copy_doc(
                        "dia-diem",
                        "Giấy tờ chứng minh địa điểm hợp pháp để sinh hoạt tôn giáo tập trung",
                    ),
                    unit=CD,
                    committed=15,
                    fees=NO_FEE,
                    fields=(
                        ef.text("religion", "Tôn giáo", max_length=100),
                        ef.address("venue", "Địa điểm sinh hoạt"),
                        ef.number("participants", "Số người tham gia", integer=True, low=1),
                    ),
                ),
            ),
        ),
        commune(
            "2.000121",
            "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo có quy mô tổ chức trong một xã",
            f.TG,
            subjects="Tổ chức tôn giáo, tổ chức tôn giáo trực thuộc",
            individuals=False,
            organisations=True,
            result="Văn bản chấp thuận tổ chức cuộc lễ",
            legal=(RELIGION_LAW, RELIGION_DECREE),
            online="partial",
            cases=(
                case(
                    "cuoc-le",
                    "Tổ chức cuộc lễ ngoài cơ sở tôn giáo",
                    15,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo",
                        "Mẫu B20 ban hành kèm theo Nghị định số 95/2023/NĐ-CP",
                    ),
                    unit=CD,
                    committed=10,
                    fees=NO_FEE,
                    fields=(
                        ef.text("ceremony", "Tên cuộc lễ", max_length=255),
                        ef.address("venue", "Địa điểm"),
                        ef.date("ceremony_date", "Thời gian tổ chức", low="today"),
                        ef.number("participants", "Số người dự kiến", integer=True, low=1),
                    ),
                ),
            ),
        ),
        commune(
            "2.000122",
            "Đăng ký hoạt động tín ngưỡng",
            f.TG,
            subjects="Người đại diện hoặc ban quản lý cơ sở tín ngưỡng",
            result="Văn bản chấp thuận đăng ký hoạt động tín ngưỡng",
            legal=(RELIGION_LAW, RELIGION_DECREE),
            online="partial",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký hoạt động tín ngưỡng hằng năm",
                    15,
                    form_doc(
                        "van-ban-dang-ky",
                        "Văn bản đăng ký hoạt động tín ngưỡng",
                        "Mẫu A1 ban hành kèm theo Nghị định số 95/2023/NĐ-CP",
                    ),
                    unit=CD,
                    committed=10,
                    fees=NO_FEE,
                    fields=(
                        ef.text("shrine", "Tên cơ sở tín ngưỡng", max_length=255),
                        ef.textarea(
                            "activities",
                            "Tên, quy mô, thời gian các hoạt động tín ngưỡng trong năm",
                            max_length=3000,
                        ),
                    ),
                ),
            ),
        ),
        procedure(
            "2.000130",
            "Đăng ký mở lớp bồi dưỡng về tôn giáo cho người chuyên hoạt động tôn giáo",
            f.TG,
            level=PROVINCE_LEVEL,
            agencies=(pc.ETHNIC_RELIGIOUS,),
            decision=D_HOME,
            subjects="Tổ chức tôn giáo, tổ chức tôn giáo trực thuộc",
            individuals=False,
            organisations=True,
            result="Văn bản chấp thuận mở lớp bồi dưỡng",
            legal=(RELIGION_LAW, RELIGION_DECREE),
            online="partial",
            cases=(
                case(
                    "mo-lop",
                    "Mở lớp bồi dưỡng",
                    30,
                    form_doc(
                        "van-ban-dang-ky",
                        "Văn bản đăng ký mở lớp bồi dưỡng về tôn giáo",
                        "Mẫu B15 ban hành kèm theo Nghị định số 95/2023/NĐ-CP",
                    ),
                    paper("chuong-trinh", "Chương trình, nội dung bồi dưỡng; danh sách giảng viên"),
                    unit=CD,
                    committed=20,
                    fees=NO_FEE,
                    fields=(
                        ef.text("course_name", "Tên lớp bồi dưỡng", max_length=255),
                        ef.address("venue", "Địa điểm"),
                        ef.number("learners", "Số học viên", integer=True, low=1),
                    ),
                ),
            ),
        ),
        # Drafts: local procedures of resolutions still before the provincial council; no
        # publishing decision has been signed, so they stay drafts.
        unpublished(
            procedure(
                "H99.0401",
                "Hỗ trợ kinh phí cho người có uy tín trong đồng bào dân tộc thiểu số",
                f.TG,
                namespace="local",
                level=PROVINCE_LEVEL,
                agencies=(pc.ETHNIC_RELIGIOUS,),
                decision=D_LOCAL_2026,
                subjects="Người có uy tín trong đồng bào dân tộc thiểu số được UBND tỉnh phê duyệt danh sách",
                result="Quyết định hỗ trợ kinh phí",
                legal=(
                    basis(
                        f"Dự thảo Nghị quyết của HĐND tỉnh {pc.PROVINCE_NAME} quy định chính sách hỗ trợ người có uy tín giai đoạn 2027–2030",
                        dt.date(2027, 1, 1),
                    ),
                ),
                online="full",
                cases=(
                    case(
                        "ho-tro",
                        "Hỗ trợ kinh phí",
                        10,
                        paper(
                            "danh-sach",
                            "Danh sách người có uy tín đề nghị hỗ trợ, có xác nhận của UBND cấp xã",
                        ),
                        committed=7,
                        fees=NO_FEE,
                        fields=(
                            ef.text("village", "Thôn, bản", max_length=100),
                            ef.text("ethnicity", "Dân tộc", max_length=50),
                        ),
                    ),
                ),
            )
        ),
        unpublished(
            procedure(
                "H99.0402",
                "Hỗ trợ sửa chữa nhà ở cho người có công với cách mạng theo Nghị quyết của HĐND tỉnh",
                f.NCC,
                namespace="local",
                level=COMMUNE_LEVEL,
                agencies=ALL_COMMUNES,
                decision=D_LOCAL_2026,
                subjects="Người có công với cách mạng có nhà ở bị hư hỏng",
                result="Quyết định hỗ trợ sửa chữa nhà ở",
                legal=(
                    basis(
                        f"Dự thảo Nghị quyết của HĐND tỉnh {pc.PROVINCE_NAME} về hỗ trợ nhà ở cho người có công giai đoạn 2027–2030",
                        dt.date(2027, 1, 1),
                    ),
                ),
                online="full",
                cases=(
                    case(
                        "sua-chua",
                        "Hỗ trợ sửa chữa nhà ở",
                        15,
                        form_doc(
                            "don",
                            "Đơn đề nghị hỗ trợ sửa chữa nhà ở",
                            "Mẫu ban hành kèm theo Nghị quyết của HĐND tỉnh (dự thảo)",
                        ),
                        committed=10,
                        fees=NO_FEE,
                        handoffs=(
                            handoff(
                                "so-noi-vu",
                                pc.HOME_AFFAIRS,
                                "Sở Nội vụ thẩm định danh sách",
                                16,
                                after_approval=True,
                            ),
                        ),
                        fields=(
                            ef.text("merit_record", "Số hồ sơ người có công", max_length=30),
                            ef.address("house_address", "Địa chỉ nhà ở"),
                            ef.number("estimated_cost", "Chi phí sửa chữa dự kiến (đồng)", low=1),
                        ),
                    ),
                ),
            )
        ),
    ]
