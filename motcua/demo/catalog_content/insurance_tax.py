"""Vertical branches of the Ministry of Finance: the provincial social insurance office and the
provincial tax office."""

import datetime as dt
from functools import partial

from motcua.catalog.specs import ProcedureSpec
from motcua.demo import province_content as pc
from motcua.demo.catalog_content import fields as f
from motcua.demo.catalog_content import forms as ef
from motcua.demo.catalog_content.kit import (
    BRANCH_LEVEL,
    CD,
    D_SOCIAL_INSURANCE,
    D_TAX,
    basis,
    case,
    copy_doc,
    form_doc,
    free,
    paper,
    paper_if,
    procedure,
)

insurance = partial(
    procedure, level=BRANCH_LEVEL, agencies=(pc.SOCIAL_INSURANCE,), decision=D_SOCIAL_INSURANCE
)
tax = partial(procedure, level=BRANCH_LEVEL, agencies=(pc.TAX,), decision=D_TAX)

SI_LAW = basis("Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29/6/2024", dt.date(2025, 7, 1))
HI_LAW = basis(
    "Luật Bảo hiểm y tế số 25/2008/QH12 (sửa đổi, bổ sung bởi Luật số 51/2024/QH15)",
    dt.date(2025, 7, 1),
)
SI_DECISION = basis(
    "Quyết định số 896/QĐ-BHXH ngày 06/7/2025 của Bảo hiểm xã hội Việt Nam ban hành quy trình "
    "giải quyết hưởng các chế độ bảo hiểm xã hội, chi trả các chế độ bảo hiểm xã hội, bảo hiểm "
    "thất nghiệp",
    dt.date(2025, 7, 6),
)
TAX_LAW = basis("Luật Quản lý thuế số 38/2019/QH14 ngày 13/6/2019", dt.date(2020, 7, 1))
TAX_DECREE = basis(
    "Nghị định số 126/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định chi tiết một số điều "
    "của Luật Quản lý thuế",
    dt.date(2020, 12, 5),
)
TAX_CIRCULAR = basis(
    "Thông tư số 86/2024/TT-BTC ngày 23/12/2024 của Bộ Tài chính quy định về đăng ký thuế",
    dt.date(2025, 2, 6),
)
TAX_FORMS = basis(
    "Thông tư số 80/2021/TT-BTC ngày 29/9/2021 của Bộ Tài chính hướng dẫn thi hành một số điều "
    "của Luật Quản lý thuế và Nghị định số 126/2020/NĐ-CP",
    dt.date(2022, 1, 1),
)
SI_FORM = "ban hành kèm theo Quyết định số 896/QĐ-BHXH"


def _insured_fields() -> list[ef.FormField]:
    return [
        ef.text(
            "social_insurance_number",
            "Mã số bảo hiểm xã hội",
            max_length=10,
            pattern=r"\d{10}",
            pattern_message="Mã số bảo hiểm xã hội gồm 10 chữ số.",
        ),
        ef.select(
            "payment",
            "Hình thức nhận tiền",
            (
                ("tai_khoan", "Qua tài khoản ngân hàng"),
                ("tien_mat", "Tiền mặt qua dịch vụ bưu chính"),
            ),
        ),
        ef.text(
            "bank_account", "Số tài khoản", max_length=30, show_if=ef.when("payment", "tai_khoan")
        ),
        ef.text("bank_name", "Ngân hàng", max_length=100, show_if=ef.when("payment", "tai_khoan")),
    ]


def procedures() -> list[ProcedureSpec]:
    no_fee = (free("Lệ phí", "Không thu"),)
    return [
        insurance(
            "1.012400",
            "Cấp lại, đổi, điều chỉnh thông tin trên sổ bảo hiểm xã hội, thẻ bảo hiểm y tế",
            f.BHYT,
            subjects="Người tham gia bảo hiểm xã hội, bảo hiểm y tế",
            result="Thẻ bảo hiểm y tế, sổ bảo hiểm xã hội được cấp lại, điều chỉnh (bản điện tử trên VssID, VNeID)",
            legal=(SI_LAW, HI_LAW),
            online="full",
            cases=(
                case(
                    "cap-lai-the",
                    "Cấp lại thẻ bảo hiểm y tế do mất, hỏng (không thay đổi thông tin)",
                    2,
                    form_doc(
                        "to-khai",
                        "Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế",
                        f"Mẫu TK1-TS {SI_FORM}",
                    ),
                    committed=1,
                    fees=no_fee,
                    fields=(
                        ef.text("health_card", "Mã thẻ bảo hiểm y tế", max_length=15),
                        ef.select("reason", "Lý do", (("mat", "Bị mất"), ("hong", "Bị hư hỏng"))),
                    ),
                ),
                case(
                    "dieu-chinh",
                    "Điều chỉnh họ tên, ngày sinh, giới tính, nơi đăng ký khám chữa bệnh ban đầu",
                    10,
                    form_doc(
                        "to-khai",
                        "Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế",
                        f"Mẫu TK1-TS {SI_FORM}",
                    ),
                    paper_if(
                        "giay-to-chung-minh",
                        "Giấy tờ chứng minh thông tin điều chỉnh",
                        "Khi thông tin chưa được xác thực với Cơ sở dữ liệu quốc gia về dân cư",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=no_fee,
                    fields=(
                        ef.text(
                            "social_insurance_number",
                            "Mã số bảo hiểm xã hội",
                            max_length=10,
                            pattern=r"\d{10}",
                            pattern_message="Mã số bảo hiểm xã hội gồm 10 chữ số.",
                        ),
                        ef.select(
                            "changes",
                            "Nội dung điều chỉnh",
                            (
                                ("ho_ten", "Họ tên"),
                                ("ngay_sinh", "Ngày sinh"),
                                ("gioi_tinh", "Giới tính"),
                                ("noi_kcb", "Nơi đăng ký khám chữa bệnh ban đầu"),
                            ),
                            multiple=True,
                        ),
                        ef.text(
                            "new_hospital",
                            "Nơi đăng ký khám chữa bệnh ban đầu mới",
                            max_length=255,
                            show_if=ef.when_filled("changes"),
                        ),
                    ),
                ),
            ),
        ),
        insurance(
            "1.012401",
            "Đăng ký tham gia bảo hiểm xã hội tự nguyện",
            f.BHXH,
            subjects="Công dân Việt Nam từ đủ 15 tuổi trở lên không thuộc đối tượng tham gia bảo hiểm xã hội bắt buộc",
            result="Sổ bảo hiểm xã hội (bản điện tử)",
            legal=(
                SI_LAW,
                basis(
                    "Nghị định số 159/2025/NĐ-CP quy định chi tiết về bảo hiểm xã hội tự nguyện",
                    dt.date(2025, 7, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "dang-ky",
                    "Đăng ký tham gia",
                    5,
                    form_doc(
                        "to-khai",
                        "Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế",
                        f"Mẫu TK1-TS {SI_FORM}",
                    ),
                    committed=3,
                    fees=no_fee,
                    fields=(
                        ef.number(
                            "declared_income",
                            "Mức thu nhập tháng làm căn cứ đóng (đồng)",
                            low=1_500_000,
                        ),
                        ef.select(
                            "payment_period",
                            "Phương thức đóng",
                            (
                                ("hang_thang", "Hằng tháng"),
                                ("3_thang", "03 tháng một lần"),
                                ("6_thang", "06 tháng một lần"),
                                ("12_thang", "12 tháng một lần"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        insurance(
            "1.012402",
            "Giải quyết hưởng chế độ ốm đau",
            f.BHXH,
            subjects="Người sử dụng lao động đề nghị cho người lao động",
            individuals=False,
            organisations=True,
            result="Danh sách giải quyết hưởng chế độ ốm đau; tiền trợ cấp chuyển vào tài khoản của người lao động",
            legal=(SI_LAW, SI_DECISION),
            online="full",
            cases=(
                case(
                    "om-dau",
                    "Hưởng chế độ ốm đau",
                    6,
                    form_doc(
                        "danh-sach",
                        "Danh sách đề nghị giải quyết hưởng chế độ ốm đau, thai sản, dưỡng sức",
                        f"Mẫu 01B-HSB {SI_FORM}",
                    ),
                    paper(
                        "chung-tu-y-te",
                        "Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội hoặc giấy ra viện (dữ liệu điện tử)",
                    ),
                    committed=5,
                    fees=no_fee,
                    fields=(
                        ef.group(
                            "employees",
                            "Người lao động đề nghị hưởng",
                            [
                                ef.text("full_name", "Họ tên", max_length=100),
                                ef.text(
                                    "social_insurance_number",
                                    "Mã số BHXH",
                                    max_length=10,
                                    pattern=r"\d{10}",
                                    pattern_message="Mã số BHXH gồm 10 chữ số.",
                                ),
                                ef.number("days", "Số ngày nghỉ", integer=True, low=1, high=180),
                            ],
                            repeat=True,
                            min_items=1,
                            max_items=200,
                        ),
                    ),
                ),
            ),
        ),
        insurance(
            "1.012403",
            "Giải quyết hưởng chế độ thai sản",
            f.BHXH,
            subjects="Người lao động tham gia bảo hiểm xã hội; người sử dụng lao động",
            individuals=True,
            organisations=True,
            result="Quyết định hưởng chế độ thai sản; tiền trợ cấp",
            legal=(SI_LAW, SI_DECISION),
            online="full",
            cases=(
                case(
                    "qua-don-vi",
                    "Người lao động đang làm việc (hồ sơ do đơn vị nộp)",
                    6,
                    form_doc(
                        "danh-sach",
                        "Danh sách đề nghị giải quyết hưởng chế độ ốm đau, thai sản, dưỡng sức",
                        f"Mẫu 01B-HSB {SI_FORM}",
                    ),
                    copy_doc(
                        "giay-khai-sinh", "Bản sao giấy khai sinh hoặc trích lục khai sinh của con"
                    ),
                    committed=5,
                    fees=no_fee,
                    fields=(
                        *_insured_fields(),
                        ef.past_date("child_birth_date", "Ngày sinh của con"),
                        ef.number("children", "Số con sinh ra", integer=True, low=1, high=5),
                    ),
                ),
                case(
                    "da-nghi-viec",
                    "Người lao động thôi việc trước thời điểm sinh con (nộp trực tiếp)",
                    5,
                    form_doc("de-nghi", "Đề nghị hưởng chế độ thai sản", f"Mẫu 02-HSB {SI_FORM}"),
                    copy_doc(
                        "giay-khai-sinh", "Bản sao giấy khai sinh hoặc trích lục khai sinh của con"
                    ),
                    committed=4,
                    fees=no_fee,
                    fields=(
                        *_insured_fields(),
                        ef.past_date("child_birth_date", "Ngày sinh của con"),
                        ef.past_date("left_job_on", "Ngày thôi việc"),
                    ),
                ),
            ),
        ),
        insurance(
            "1.012404",
            "Giải quyết hưởng bảo hiểm xã hội một lần",
            f.BHXH,
            subjects="Người lao động đủ điều kiện hưởng bảo hiểm xã hội một lần",
            result="Quyết định hưởng bảo hiểm xã hội một lần",
            conditions="Thuộc một trong các trường hợp: đủ tuổi nghỉ hưu nhưng chưa đủ 15 năm đóng; ra nước ngoài định cư; mắc bệnh hiểm nghèo; tham gia trước ngày 01/7/2025 và sau 12 tháng không tiếp tục đóng.",
            legal=(SI_LAW, SI_DECISION),
            online="full",
            cases=(
                case(
                    "mot-lan",
                    "Hưởng bảo hiểm xã hội một lần",
                    10,
                    form_doc(
                        "de-nghi", "Đề nghị hưởng bảo hiểm xã hội một lần", f"Mẫu 14-HSB {SI_FORM}"
                    ),
                    paper("so-bhxh", "Sổ bảo hiểm xã hội"),
                    paper_if(
                        "giay-to-dinh-cu",
                        "Giấy tờ chứng minh ra nước ngoài để định cư",
                        "Khi hưởng do ra nước ngoài định cư",
                        originals=0,
                        copies=1,
                    ),
                    committed=5,
                    fees=no_fee,
                    fields=(
                        *_insured_fields(),
                        ef.select(
                            "ground",
                            "Trường hợp hưởng",
                            (
                                ("du_tuoi", "Đủ tuổi nghỉ hưu, chưa đủ 15 năm đóng"),
                                ("dinh_cu", "Ra nước ngoài định cư"),
                                ("benh_hiem_ngheo", "Mắc bệnh hiểm nghèo"),
                                ("nghi_12_thang", "Sau 12 tháng không tiếp tục đóng"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        insurance(
            "1.012405",
            "Giải quyết hưởng lương hưu",
            f.BHXH,
            subjects="Người lao động đủ điều kiện hưởng lương hưu",
            individuals=True,
            organisations=True,
            result="Quyết định hưởng lương hưu",
            legal=(SI_LAW, SI_DECISION),
            online="full",
            cases=(
                case(
                    "luong-huu",
                    "Hưởng lương hưu",
                    10,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị giải quyết hưởng lương hưu",
                        f"Mẫu 12-HSB {SI_FORM}",
                    ),
                    paper("so-bhxh", "Sổ bảo hiểm xã hội"),
                    paper_if(
                        "bien-ban-giam-dinh",
                        "Biên bản giám định mức suy giảm khả năng lao động",
                        "Khi nghỉ hưu trước tuổi do suy giảm khả năng lao động",
                    ),
                    committed=7,
                    fees=no_fee,
                    fields=(*_insured_fields(), ef.date("retire_from", "Đề nghị hưởng từ ngày")),
                ),
            ),
        ),
        insurance(
            "1.012406",
            "Đăng ký cấp thẻ bảo hiểm y tế đối với người tham gia theo hộ gia đình",
            f.BHYT,
            subjects="Thành viên hộ gia đình tham gia bảo hiểm y tế",
            result="Thẻ bảo hiểm y tế",
            legal=(HI_LAW,),
            online="full",
            cases=(
                case(
                    "ho-gia-dinh",
                    "Cấp thẻ bảo hiểm y tế hộ gia đình",
                    5,
                    form_doc(
                        "to-khai",
                        "Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế",
                        f"Mẫu TK1-TS {SI_FORM}",
                    ),
                    committed=3,
                    fees=no_fee,
                    fields=(
                        ef.member_group("insured_members", "Thành viên hộ gia đình tham gia"),
                        ef.text("hospital", "Nơi đăng ký khám chữa bệnh ban đầu", max_length=255),
                    ),
                ),
            ),
        ),
        tax(
            "1.012500",
            "Đăng ký thuế lần đầu đối với cá nhân",
            f.THUE,
            subjects="Cá nhân có thu nhập chịu thuế, người phụ thuộc của người nộp thuế",
            result="Thông báo mã số thuế (mã số định danh cá nhân được sử dụng thay mã số thuế)",
            legal=(TAX_LAW, TAX_CIRCULAR),
            online="full",
            cases=(
                case(
                    "ca-nhan",
                    "Đăng ký thuế lần đầu",
                    3,
                    form_doc(
                        "to-khai",
                        "Tờ khai đăng ký thuế",
                        "Mẫu số 05-ĐK-TCT ban hành kèm theo Thông tư số 86/2024/TT-BTC",
                    ),
                    committed=2,
                    fees=no_fee,
                    fields=(
                        ef.select(
                            "income_kind",
                            "Loại thu nhập",
                            (
                                ("tien_luong", "Tiền lương, tiền công"),
                                ("kinh_doanh", "Kinh doanh"),
                                ("cho_thue_tai_san", "Cho thuê tài sản"),
                                ("khac", "Khác"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        tax(
            "1.012501",
            "Xác nhận việc thực hiện nghĩa vụ thuế",
            f.THUE,
            subjects="Người nộp thuế có yêu cầu xác nhận",
            individuals=True,
            organisations=True,
            result="Thư xác nhận số thuế đã nộp hoặc văn bản xác nhận hoàn thành nghĩa vụ thuế",
            legal=(TAX_LAW, TAX_DECREE, TAX_FORMS),
            online="full",
            cases=(
                case(
                    "xac-nhan",
                    "Xác nhận nghĩa vụ thuế",
                    5,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị xác nhận việc thực hiện nghĩa vụ thuế",
                        "Mẫu số 01/ĐNXN ban hành kèm theo Thông tư số 80/2021/TT-BTC",
                    ),
                    committed=3,
                    fees=no_fee,
                    fields=(
                        ef.number("from_year", "Từ năm", integer=True, low=2000, high=2100),
                        ef.number("to_year", "Đến năm", integer=True, low=2000, high=2100),
                        ef.text("purpose", "Mục đích sử dụng", max_length=255),
                    ),
                ),
            ),
        ),
        tax(
            "1.012502",
            "Hoàn thuế thu nhập cá nhân",
            f.THUE,
            subjects="Cá nhân có số thuế thu nhập cá nhân đã nộp lớn hơn số thuế phải nộp",
            result="Quyết định hoàn thuế; tiền hoàn chuyển vào tài khoản của người nộp thuế",
            legal=(TAX_LAW, TAX_FORMS),
            online="full",
            cases=(
                case(
                    "hoan-truoc",
                    "Hoàn thuế trước, kiểm tra sau",
                    6,
                    form_doc(
                        "to-khai-quyet-toan",
                        "Tờ khai quyết toán thuế thu nhập cá nhân (chỉ tiêu đề nghị hoàn)",
                        "Mẫu số 02/QTT-TNCN ban hành kèm theo Thông tư số 80/2021/TT-BTC",
                    ),
                    paper_if(
                        "chung-tu-khau-tru",
                        "Chứng từ khấu trừ thuế thu nhập cá nhân",
                        "Khi tổ chức trả thu nhập chưa cung cấp chứng từ điện tử",
                        originals=0,
                        copies=1,
                    ),
                    committed=3,
                    fees=no_fee,
                    fields=(
                        ef.number("tax_year", "Năm quyết toán", integer=True, low=2015, high=2100),
                        ef.number("refund_amount", "Số thuế đề nghị hoàn (đồng)", low=1),
                        ef.text("bank_account", "Số tài khoản nhận tiền hoàn", max_length=30),
                    ),
                ),
                case(
                    "kiem-tra-truoc",
                    "Kiểm tra trước, hoàn thuế sau",
                    40,
                    form_doc(
                        "to-khai-quyet-toan",
                        "Tờ khai quyết toán thuế thu nhập cá nhân (chỉ tiêu đề nghị hoàn)",
                        "Mẫu số 02/QTT-TNCN ban hành kèm theo Thông tư số 80/2021/TT-BTC",
                    ),
                    paper(
                        "chung-tu-khau-tru",
                        "Chứng từ khấu trừ thuế thu nhập cá nhân",
                        originals=0,
                        copies=1,
                    ),
                    unit=CD,
                    committed=30,
                    note="Ngày theo lịch, kể từ ngày cơ quan thuế ra thông báo chấp nhận hồ sơ.",
                    fees=no_fee,
                    review=True,
                    fields=(
                        ef.number("tax_year", "Năm quyết toán", integer=True, low=2015, high=2100),
                        ef.number("refund_amount", "Số thuế đề nghị hoàn (đồng)", low=1),
                        ef.text("bank_account", "Số tài khoản nhận tiền hoàn", max_length=30),
                    ),
                ),
            ),
        ),
        tax(
            "1.012503",
            "Miễn, giảm tiền thuê đất",
            f.THUE,
            subjects="Tổ chức, cá nhân được Nhà nước cho thuê đất thuộc trường hợp được miễn, giảm",
            individuals=True,
            organisations=True,
            result="Quyết định miễn, giảm tiền thuê đất",
            legal=(
                TAX_LAW,
                basis(
                    "Nghị định số 103/2024/NĐ-CP ngày 30/7/2024 quy định về tiền sử dụng đất, tiền thuê đất",
                    dt.date(2024, 8, 1),
                ),
            ),
            online="partial",
            cases=(
                case(
                    "mien-giam",
                    "Miễn, giảm tiền thuê đất",
                    30,
                    form_doc(
                        "van-ban-de-nghi",
                        "Văn bản đề nghị miễn, giảm tiền thuê đất",
                        "Mẫu số 01/MGTH ban hành kèm theo Thông tư số 80/2021/TT-BTC",
                    ),
                    copy_doc(
                        "quyet-dinh-cho-thue", "Bản sao quyết định cho thuê đất, hợp đồng thuê đất"
                    ),
                    paper(
                        "giay-to-uu-dai",
                        "Giấy tờ chứng minh thuộc trường hợp được miễn, giảm (giấy chứng nhận đầu tư, ưu đãi)",
                        originals=0,
                        copies=1,
                    ),
                    unit=CD,
                    committed=20,
                    fees=no_fee,
                    review=True,
                    fields=(
                        ef.text("lease_decision", "Số quyết định cho thuê đất", max_length=30),
                        ef.number("area", "Diện tích thuê (m²)", low=1),
                        ef.textarea(
                            "exemption_ground", "Căn cứ đề nghị miễn, giảm", max_length=2000
                        ),
                    ),
                ),
            ),
        ),
        tax(
            "1.012504",
            "Khai lệ phí trước bạ đối với nhà, đất",
            f.THUE,
            subjects="Tổ chức, cá nhân có tài sản là nhà, đất thuộc đối tượng chịu lệ phí trước bạ",
            individuals=True,
            organisations=True,
            result="Thông báo nộp lệ phí trước bạ hoặc thông báo miễn lệ phí trước bạ",
            legal=(
                TAX_LAW,
                basis(
                    "Nghị định số 10/2022/NĐ-CP ngày 15/01/2022 của Chính phủ quy định về lệ phí trước bạ",
                    dt.date(2022, 3, 1),
                ),
            ),
            online="full",
            cases=(
                case(
                    "khai",
                    "Khai lệ phí trước bạ nhà, đất",
                    3,
                    form_doc(
                        "to-khai",
                        "Tờ khai lệ phí trước bạ nhà, đất",
                        "Mẫu số 01/LPTB ban hành kèm theo Nghị định số 10/2022/NĐ-CP",
                    ),
                    copy_doc(
                        "giay-to-nha-dat",
                        "Bản sao giấy tờ chứng minh nhà, đất có nguồn gốc hợp pháp và hợp đồng chuyển nhượng",
                    ),
                    committed=2,
                    fees=no_fee,
                    fields=(
                        *ef.parcel_fields(),
                        ef.number(
                            "declared_value", "Giá trị tính lệ phí trước bạ kê khai (đồng)", low=0
                        ),
                    ),
                ),
            ),
        ),
    ]
