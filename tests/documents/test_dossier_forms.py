"""The forms of real dossiers: built through the workflow services, rendered, read back with pypdf.

Dates: Monday 9 March 2026 is a working week without holidays. A counter dossier of the birth
registration (3 working days) received at 09:00 on Monday is due at 09:00 on Thursday 12/3.
"""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import Agency, AgencyLevel, Desk, Membership
from motcua.catalog.models import CaseVariant
from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.core.errors import NotFound, ValidationFailed
from motcua.documents.dossier_forms import (
    PrintableForm,
    form_data,
    form_list,
    form_render,
    legal_limit_text,
    logbook_data,
    logbook_render,
    place_name,
)
from motcua.documents.forms import ControlSheetData, FormKind, LogbookData, Timeliness
from motcua.dossiers.models import Channel, Dossier, ReturnMethod
from motcua.workflow import services as wf
from motcua.workflow.services import ApplicantInput
from tests.catalog.builders import birth_registration
from tests.documents.test_pdf import assert_contains, read, save
from tests.dossiers.builders import (
    ANSWERS,
    APPLICANT,
    MONDAY_9AM,
    World,
    at,
    build_world,
    full_components,
    receive,
    scan,
)

MONDAY = MONDAY_9AM.date()
TUESDAY = MONDAY + dt.timedelta(days=1)
WEDNESDAY = MONDAY + dt.timedelta(days=2)
HEADING = ("UBND TỈNH SƠN HÀ", "UBND XÃ HÒA AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
PROCEDURE = "Thủ tục đăng ký khai sinh"
INTER_PROCEDURE = "Đăng ký khai sinh có yếu tố xác minh"
DESK = "Bộ phận một cửa xã Hòa An"
RECEIVED_WORDS = "09 giờ 00 phút, ngày 09 tháng 3 năm 2026"
DUE_WORDS = "09 giờ 00 phút, ngày 12 tháng 3 năm 2026"
CIRCULAR_2018 = "Thông tư số 01/2018/TT-VPCP"
CIRCULAR_2025 = "Thông tư số 03/2025/TT-VPCP"


@pytest.fixture
def world(db) -> World:
    return build_world()


def pdf_of(dossier: Dossier, form: PrintableForm, name: str) -> tuple[str, str]:
    """The text of a listed form's PDF (pages joined) and its metadata subject."""
    pdf = form_render(dossier=dossier, kind=form.kind, event_sequence=form.event_sequence)
    save(f"dossier-{name}", pdf)
    reader, pages = read(pdf)
    assert reader.metadata is not None
    return " ".join(pages), str(reader.metadata.subject)


def only(forms: list[PrintableForm], kind: FormKind) -> PrintableForm:
    matching = [form for form in forms if form.kind is kind]
    assert len(matching) == 1, forms
    return matching[0]


def assert_in_order(text: str, *parts: str) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} not found after position {position} in {text!r}"
        position = found + len(part)


def forwarded(world: World) -> Dossier:
    """Received at 09:00 on Monday, handed to the specialist at 09:30."""
    dossier = receive(world)
    return wf.dossier_forward(
        dossier=dossier, actor=world.desk_officer, handler=world.specialist, at=at(MONDAY, 9, 30)
    )


# --- Listing -------------------------------------------------------------------------------------


def test_a_received_dossier_has_a_receipt_and_a_control_sheet(world):
    dossier = receive(world)

    forms = form_list(dossier=dossier)

    assert [(f.kind, f.title, f.number, f.issued_at, f.event_sequence) for f in forms] == [
        (
            FormKind.RECEIPT,
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            "1/2026",
            MONDAY_9AM,
            None,
        ),
        (
            FormKind.CONTROL_SHEET,
            "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            "",
            MONDAY_9AM,
            None,
        ),
    ]


def test_forms_are_listed_in_the_order_they_were_issued(world):
    dossier = forwarded(world)
    dossier = wf.dossier_request_supplement(
        dossier=dossier,
        actor=world.specialist,
        items=[("giay-chung-sinh", "01 bản chính")],
        reason="Giấy chứng sinh bị tẩy xóa ngày sinh.",
        at=at(MONDAY, 10),
    )
    dossier = wf.dossier_receive_supplement(
        dossier=dossier, actor=world.desk_officer, at=at(TUESDAY, 8)
    )
    dossier = wf.dossier_refuse_result(
        dossier=dossier,
        actor=world.specialist,
        reasons=["Trẻ đã được đăng ký khai sinh tại xã khác."],
        at=at(TUESDAY, 10),
    )

    forms = form_list(dossier=dossier)

    assert [form.kind for form in forms] == [
        FormKind.RECEIPT,
        FormKind.CONTROL_SHEET,
        FormKind.SUPPLEMENT_REQUEST,
        FormKind.REFUSAL,
    ]
    events = {e.action: e.sequence for e in dossier.events.all()}
    assert forms[2].event_sequence == events["request_supplement"]
    assert forms[2].issued_at == at(MONDAY, 10)
    assert forms[3].event_sequence == events["refuse_result"]
    assert forms[3].title == "Phiếu từ chối tiếp nhận giải quyết hồ sơ"


# --- 01 Receipt ----------------------------------------------------------------------------------


def test_receipt(world):
    dossier = receive(world)

    data = form_data(dossier=dossier, kind=FormKind.RECEIPT)
    text, subject = pdf_of(dossier, only(form_list(dossier=dossier), FormKind.RECEIPT), "receipt")

    assert dossier.code is not None
    assert_contains(
        text,
        *HEADING,
        "Mẫu số 01",
        "Số: 1/2026",
        "Hòa An, ngày 09 tháng 3 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {dossier.code}",
        f"http://127.0.0.1:8000/tra-cuu/?ma={dossier.code}",
        f"Bộ phận tiếp nhận và trả kết quả: {DESK}",
        "Tiếp nhận hồ sơ của: Nguyễn Văn Bình",
        "Địa chỉ: Thôn Đông, xã Hòa An",
        "Số điện thoại: 0912345678",
        "Email: binh@example.com",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE}",
        "1 Tờ khai đăng ký khai sinh 01 —",
        "2 Giấy chứng sinh 01 —",
        "2. Số lượng hồ sơ: 01 bộ",
        "3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc",
        f"4. Thời gian nhận hồ sơ: {RECEIVED_WORDS}",
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {DUE_WORDS}",
        f"6. Đăng ký nhận kết quả tại: {DESK}",
        f"7. Hình thức nhận kết quả: Trả trực tiếp tại {DESK}",
        "8. Phí, lệ phí: 0 đồng",
        "Vào Sổ theo dõi hồ sơ năm 2026, số thứ tự: 1.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Tiepnhan Hoaan",
    )
    assert "Văn bản ủy quyền" not in text  # a conditional paper not handed in
    assert subject == f"Mẫu số 01 — {CIRCULAR_2025}"
    assert data.kind is FormKind.RECEIPT


def test_the_receipt_of_a_postal_dossier_says_the_result_goes_by_post(world):
    dossier = receive(world, channel=Channel.POSTAL)

    text, _ = pdf_of(dossier, only(form_list(dossier=dossier), FormKind.RECEIPT), "receipt-post")

    assert_contains(text, "7. Hình thức nhận kết quả: Trả qua dịch vụ bưu chính công ích")


def test_the_place_of_the_date_line_is_the_commune_or_else_the_province():
    province = Agency(name="Ủy ban nhân dân tỉnh Thanh Hóa", level=AgencyLevel.PROVINCE)
    city = Agency(name="UBND thành phố Hà Nội", level=AgencyLevel.PROVINCE)
    department = Agency(name="Sở Tư pháp", level=AgencyLevel.DEPARTMENT, parent=province)
    unit = Agency(name="Phòng Hộ tịch", level=AgencyLevel.UNIT, parent=department)
    police = Agency(name="Công an xã Sơn Hà", level=AgencyLevel.BRANCH, parent=province)

    assert place_name(Agency(name="UBND xã Hòa An", level=AgencyLevel.COMMUNE)) == "Hòa An"
    assert place_name(Agency(name="UBND phường Hạc Thành", level=AgencyLevel.COMMUNE)) == (
        "Hạc Thành"
    )
    assert place_name(department) == "Thanh Hóa"
    assert place_name(unit) == "Thanh Hóa"
    assert place_name(police) == "Thanh Hóa"
    assert place_name(city) == "Hà Nội"


def test_legal_limit_text():
    assert legal_limit_text(Decimal(3), "working_days") == "03 ngày làm việc"
    assert legal_limit_text(Decimal(15), "calendar_days") == "15 ngày"
    assert legal_limit_text(Decimal("1.5"), "working_days") == "1,5 ngày làm việc"
    assert legal_limit_text(Decimal(0), "working_days") == "Trong ngày"


# --- 02 Supplement request -----------------------------------------------------------------------


def test_supplement_request(world):
    dossier = wf.dossier_request_supplement(
        dossier=forwarded(world),
        actor=world.specialist,
        items=[("giay-chung-sinh", "01 bản chính, không tẩy xóa")],
        reason="Giấy chứng sinh bị tẩy xóa ngày sinh.",
        at=at(TUESDAY, 10),
    )

    form = only(form_list(dossier=dossier), FormKind.SUPPLEMENT_REQUEST)
    text, subject = pdf_of(dossier, form, "supplement-request")

    assert form.number == "1/2026"
    assert_contains(
        text,
        *HEADING,
        "Mẫu số 02",
        "Số: 1/2026",
        "Hòa An, ngày 10 tháng 3 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Bộ phận tiếp nhận và trả kết quả: {DESK}",
        "Hồ sơ của: Nguyễn Văn Bình",
        f"Mã hồ sơ: {dossier.code}",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE}",
        "1 Giấy chứng sinh 01 bản chính, không tẩy xóa",
        "Lý do: Giấy chứng sinh bị tẩy xóa ngày sinh.",
        f"liên hệ với {DESK}",
        "NGƯỜI HƯỚNG DẪN",
        "Chuyenvien Hoaan",
    )
    assert "Tờ khai đăng ký khai sinh" not in text
    assert subject == f"Mẫu số 02 — {CIRCULAR_2025}"


def test_a_sequence_that_issued_no_such_form_is_not_found(world):
    dossier = wf.dossier_request_supplement(
        dossier=forwarded(world),
        actor=world.specialist,
        items=[("giay-chung-sinh", "01 bản chính")],
        reason="Giấy chứng sinh bị tẩy xóa.",
        at=at(MONDAY, 10),
    )
    supplement = dossier.events.get(action="request_supplement")

    data = form_data(
        dossier=dossier, kind=FormKind.SUPPLEMENT_REQUEST, event_sequence=supplement.sequence
    )
    assert data.kind is FormKind.SUPPLEMENT_REQUEST
    with pytest.raises(NotFound) as refused:
        form_data(dossier=dossier, kind=FormKind.SUPPLEMENT_REQUEST, event_sequence=1)
    assert refused.value.code == "form_not_found"
    assert refused.value.details == {"form": "supplement_request", "event_sequence": 1}
    with pytest.raises(NotFound):
        form_data(dossier=dossier, kind=FormKind.RECEIPT, event_sequence=supplement.sequence)


# --- 03 Refusal ----------------------------------------------------------------------------------


def test_refusal_at_the_counter_has_no_code_receipt_or_control_sheet(world):
    dossier = wf.dossier_refuse_at_counter(
        desk=world.desk,
        variant=world.variant,
        applicant=APPLICANT,
        reasons=["Trẻ đã được đăng ký khai sinh tại phường Hạc Thành.", "Không đủ giấy tờ."],
        actor=world.desk_officer,
        at=at(MONDAY, 10, 15),
    )

    forms = form_list(dossier=dossier)
    text, subject = pdf_of(dossier, only(forms, FormKind.REFUSAL), "refusal-counter")

    assert [form.kind for form in forms] == [FormKind.REFUSAL]
    assert forms[0].number == "1/2026"
    assert_contains(
        text,
        *HEADING,
        "Mẫu số 03",
        "Số: 1/2026",
        "Hòa An, ngày 09 tháng 3 năm 2026",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Tiếp nhận hồ sơ của: Nguyễn Văn Bình",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE}",
        "Qua xem xét, UBND xã Hòa An thông báo không tiếp nhận",
        "Trẻ đã được đăng ký khai sinh tại phường Hạc Thành.",
        "Không đủ giấy tờ.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký, ghi rõ họ tên) Tiepnhan Hoaan",
    )
    assert "Mã hồ sơ" not in text
    assert subject == f"Mẫu số 03 — {CIRCULAR_2025}"
    for kind in (FormKind.RECEIPT, FormKind.CONTROL_SHEET, FormKind.APOLOGY):
        with pytest.raises(NotFound) as refused:
            form_data(dossier=dossier, kind=kind)
        assert refused.value.code == "form_not_found"


def test_refusal_after_appraisal_is_signed_for_the_competent_agency(world):
    dossier = wf.dossier_refuse_result(
        dossier=forwarded(world),
        actor=world.specialist,
        reasons=["Trẻ đã được đăng ký khai sinh tại xã khác."],
        at=at(TUESDAY, 15),
    )

    text, _ = pdf_of(dossier, only(form_list(dossier=dossier), FormKind.REFUSAL), "refusal-result")

    assert_contains(
        text,
        *HEADING,
        "Mẫu số 03",
        "Số: 1/2026",
        "Hòa An, ngày 10 tháng 3 năm 2026",
        f"Mã hồ sơ: {dossier.code}",
        "Trẻ đã được đăng ký khai sinh tại xã khác.",
        "THỦ TRƯỞNG CƠ QUAN (Ký tên, đóng dấu) Chuyenvien Hoaan",
    )


# --- 04 Apology ----------------------------------------------------------------------------------


def test_apology(world):
    dossier = forwarded(world)
    new_due = at(dt.date(2026, 3, 16), 16)
    wf.apology_draft(
        dossier=dossier,
        actor=world.specialist,
        reason="Phải xác minh nơi cư trú của người mẹ tại tỉnh khác.",
        new_due_at=new_due,
        at=at(MONDAY, 10),
    )
    wf.apology_submit(dossier=dossier, actor=world.specialist, at=at(MONDAY, 10, 30))
    with pytest.raises(NotFound):  # submitted, not yet approved
        form_data(dossier=dossier, kind=FormKind.APOLOGY)
    wf.apology_approve(dossier=dossier, actor=world.leader, at=at(TUESDAY, 8))

    form = only(form_list(dossier=dossier), FormKind.APOLOGY)
    text, subject = pdf_of(dossier, form, "apology")

    assert form.number == "1/2026"
    assert form.issued_at == at(TUESDAY, 8)
    assert form.title == "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    assert_contains(
        text,
        *HEADING,
        "Mẫu số 04",
        "Số: 1/2026",
        "Hòa An, ngày 10 tháng 3 năm 2026",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Kính gửi: Ông/Bà Nguyễn Văn Bình",
        "Ngày 09 tháng 3 năm 2026, UBND xã Hòa An tiếp nhận",
        f"Mã hồ sơ: {dossier.code}",
        f"Nội dung yêu cầu giải quyết: {PROCEDURE}",
        f"Thời hạn trả kết quả giải quyết hồ sơ: {DUE_WORDS}",
        "Phải xác minh nơi cư trú của người mẹ tại tỉnh khác.",
        "16 giờ 00 phút, ngày 16 tháng 3 năm 2026",
        f"Ông/Bà vui lòng nhận kết quả tại: {DESK}",
        "THỦ TRƯỞNG CƠ QUAN (Ký tên, đóng dấu) Lanhdao Hoaan",
    )
    assert subject == f"Mẫu số 04 — {CIRCULAR_2025}"


# --- 05 Stop notice ------------------------------------------------------------------------------


def test_stop_notice(world):
    dossier = wf.dossier_request_withdrawal(
        dossier=forwarded(world),
        actor=world.desk_officer,
        reason="Gia đình chuyển đăng ký khai sinh về nơi cư trú của người cha.",
        at=at(MONDAY, 14),
    )
    dossier = wf.dossier_stop(dossier=dossier, actor=world.desk_officer, at=at(TUESDAY, 8))

    form = only(form_list(dossier=dossier), FormKind.STOP_NOTICE)
    text, subject = pdf_of(dossier, form, "stop-notice")

    assert form.number == "1/2026"
    assert_contains(
        text,
        *HEADING,
        "Mẫu số 05",
        "Số: 1/2026",
        "Hòa An, ngày 10 tháng 3 năm 2026",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Kính gửi: Ông/Bà Nguyễn Văn Bình",
        f"Lúc {RECEIVED_WORDS}, UBND xã Hòa An đã tiếp nhận hồ sơ",
        f"Mã hồ sơ: {dossier.code}",
        "Ngày 09 tháng 3 năm 2026, Ông/Bà có đề nghị dừng giải quyết hồ sơ",
        "Gia đình chuyển đăng ký khai sinh về nơi cư trú của người cha.",
        "kể từ ngày 10 tháng 3 năm 2026",
        f"Ông/Bà vui lòng đến {DESK} để nhận lại các giấy tờ đã nộp.",
        "THỦ TRƯỞNG CƠ QUAN",
    )
    assert subject == f"Mẫu số 05 — {CIRCULAR_2025}"


# --- Control sheet -------------------------------------------------------------------------------


def test_the_control_sheet_lists_every_hand_over_in_order_with_its_timeliness(world):
    """Budgets: reception 2 h, appraisal 8 h, police 4 h, approval 6 h, return 4 h (office hours
    07:00–11:30, 13:30–17:00)."""
    d = receive(world, variant=world.inter_variant)
    d = wf.dossier_forward(
        dossier=d, actor=world.desk_officer, handler=world.specialist, at=at(MONDAY, 9, 30)
    )  # reception due 11:00 Mon → on time
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MONDAY, 14))
    # appraisal from 09:30 Mon due 09:30 Tue, done Mon → early
    d = wf.dossier_forward(dossier=d, actor=world.police_specialist, at=at(TUESDAY, 10))
    # police from 14:00 Mon due 08:00 Tue → late
    d = wf.dossier_send_back(
        dossier=d, actor=world.leader, note="Thiếu ý kiến xác minh.", at=at(TUESDAY, 11)
    )  # approval from 10:00 Tue due 08:00 Wed → early
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(TUESDAY, 14))
    # appraisal from 11:00 Tue due 11:00 Wed → early
    d = wf.dossier_forward(dossier=d, actor=world.police_specialist, at=at(WEDNESDAY, 9))
    # police from 14:00 Tue due 17:00 Tue → late
    d = wf.dossier_approve(
        dossier=d, actor=world.leader, files=[scan("kq.pdf")], at=at(WEDNESDAY, 10)
    )  # approval from 09:00 Wed due 17:00 Wed, done the same day → on time
    d = wf.dossier_return(
        dossier=d,
        actor=world.desk_officer,
        method=ReturnMethod.COUNTER,
        received_by_name="Nguyễn Văn Bình",
        received_by_id_number="001090012345",
        at=at(WEDNESDAY, 16, 30),
    )  # return from 10:00 Wed due 16:00 Wed → late

    data = form_data(dossier=d, kind=FormKind.CONTROL_SHEET)
    text, subject = pdf_of(d, only(form_list(dossier=d), FormKind.CONTROL_SHEET), "control-sheet")

    assert isinstance(data, ControlSheetData)
    appraisal = "UBND xã Hòa An – Thẩm định"
    police = "Công an tỉnh – Công an xác minh"
    approval = "UBND xã Hòa An – Lãnh đạo ký"
    applicant = "Tổ chức, cá nhân nộp hồ sơ"
    officer, specialist = "Tiepnhan Hoaan", "Chuyenvien Hoaan"
    police_officer, leader = "Chuyenvien Congan", "Lanhdao Hoaan"
    early, on_time, late = Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE
    expected = [
        (applicant, DESK, MONDAY_9AM, "Nguyễn Văn Bình", officer, None),
        (DESK, appraisal, at(MONDAY, 9, 30), officer, specialist, on_time),
        (appraisal, police, at(MONDAY, 14), specialist, police_officer, early),
        (police, approval, at(TUESDAY, 10), police_officer, leader, late),
        (approval, appraisal, at(TUESDAY, 11), leader, specialist, early),
        (appraisal, police, at(TUESDAY, 14), specialist, police_officer, early),
        (police, approval, at(WEDNESDAY, 9), police_officer, leader, late),
        (approval, DESK, at(WEDNESDAY, 10), leader, officer, on_time),
        (DESK, applicant, at(WEDNESDAY, 16, 30), officer, "Nguyễn Văn Bình", late),
    ]
    assert [
        (row.from_unit, row.to_unit, row.at, row.giver, row.receiver, row.timeliness)
        for row in data.rows
    ] == expected
    assert data.rows[4].note == "Trả lại: Thiếu ý kiến xác minh."
    assert data.coordinating_agencies == ("Công an tỉnh",)

    assert_contains(
        text,
        *HEADING,
        "Mẫu số 06",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {d.code}",
        "Kèm theo hồ sơ của: Nguyễn Văn Bình",
        f"Nội dung yêu cầu giải quyết: {INTER_PROCEDURE}",
        f"Ngày, giờ nhận hồ sơ: {RECEIVED_WORDS}",
        f"Ngày, giờ hẹn trả kết quả: {DUE_WORDS}",
        "Cơ quan (bộ phận) giải quyết hồ sơ: UBND xã Hòa An",
        "Cơ quan phối hợp giải quyết hồ sơ: Công an tỉnh",
    )
    rows = []
    for giver_unit, receiver_unit, instant, giver, receiver, timeliness in expected:
        hour = instant.astimezone(MONDAY_9AM.tzinfo)
        when = f"{hour:%H} giờ {hour:%M} phút, ngày {hour.day:02d} tháng 3 năm 2026"
        row = (
            f"1. Giao: {giver_unit} 2. Nhận: {receiver_unit} {when} "
            f"Người giao: {giver} Người nhận: {receiver}"
        )
        rows.append(f"{row} {timeliness.label}" if timeliness else row)
    assert_in_order(text, *rows)
    assert f"{rows[0]} 1. Giao:" in text  # the reception row has no timeliness
    assert_contains(text, "Trả lại: Thiếu ý kiến xác minh.", "Trả trực tiếp")
    assert subject == f"Mẫu số 06 — {CIRCULAR_2025}"


def test_a_step_nobody_was_assigned_to_is_received_by_whoever_acted_there(world):
    d = receive(world)
    d = wf.dossier_forward(dossier=d, actor=world.desk_officer, at=at(MONDAY, 9, 30))
    d = wf.dossier_forward(dossier=d, actor=world.specialist2, at=at(MONDAY, 10))

    data = form_data(dossier=d, kind=FormKind.CONTROL_SHEET)

    assert isinstance(data, ControlSheetData)
    assert [(row.giver, row.receiver) for row in data.rows] == [
        ("Nguyễn Văn Bình", "Tiepnhan Hoaan"),
        ("Tiepnhan Hoaan", "Chuyenvien2 Hoaan"),
        # The approval step is still open and unassigned: its unit receives it.
        ("Chuyenvien2 Hoaan", "UBND xã Hòa An – Lãnh đạo ký"),
    ]
    assert data.coordinating_agencies == ()


# --- Logbook -------------------------------------------------------------------------------------


def test_the_logbook_lists_the_desks_dossiers_in_serial_order(world):
    names = ["Nguyễn Văn Bình", "Trần Thị Lan", "Lê Văn Cường"]
    dossiers = [
        receive(world, when=at(MONDAY, 9, 10 * index), applicant=replace(APPLICANT, name=name))
        for index, name in enumerate(names)
    ]
    later = receive(world, when=at(TUESDAY, 8), applicant=replace(APPLICANT, name="Phạm Thị Mai"))
    d = wf.dossier_forward(dossier=dossiers[0], actor=world.desk_officer, at=at(MONDAY, 9, 30))
    d = wf.dossier_forward(dossier=d, actor=world.specialist, at=at(MONDAY, 10))
    d = wf.dossier_approve(dossier=d, actor=world.leader, files=[scan("kq.pdf")], at=at(MONDAY, 11))
    wf.dossier_return(
        dossier=d,
        actor=world.desk_officer,
        method=ReturnMethod.COUNTER,
        received_by_name="Nguyễn Văn Bình",
        received_by_id_number="001090012345",
        at=at(MONDAY, 16),
    )

    data = logbook_data(desk=world.desk, year=2026, printed_at=at(WEDNESDAY, 8))
    pdf = logbook_render(desk=world.desk, year=2026, printed_at=at(WEDNESDAY, 8))
    save("dossier-logbook", pdf)
    reader, pages = read(pdf)
    text = " ".join(pages)

    assert [row.serial for row in data.rows] == [1, 2, 3, 4]
    assert [row.applicant_name for row in data.rows] == [*names, "Phạm Thị Mai"]
    assert (data.period_from, data.period_to) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert data.rows[0].returned_at == at(MONDAY, 16)
    assert data.rows[1].returned_at is None
    assert_contains(
        text,
        "UBND TỈNH SƠN HÀ",
        "UBND XÃ HÒA AN",
        "Mẫu số 07",
        "SỔ THEO DÕI HỒ SƠ",
        "Năm 2026",
        "Từ ngày 01/01/2026 đến ngày 31/12/2026",
        f"Bộ phận tiếp nhận và trả kết quả: {DESK}",
        "Thôn Đông, xã Hòa An; 0912345678",
    )
    cells = []
    for row, dossier in zip(data.rows, [*dossiers, later], strict=True):
        received = row.received_at.astimezone(MONDAY_9AM.tzinfo)
        cells.append(f"{row.serial} {dossier.code}")
        cells.append(PROCEDURE)
        cells.append(row.applicant_name)
        cells.append(f"{received:%H:%M %d/%m/%Y}")
    assert_in_order(text, *cells)
    assert_in_order(text, "09:00 09/03/2026 09:00 12/03/2026 16:00 09/03/2026")
    assert_in_order(text, "08:00 10/03/2026 08:00 13/03/2026")
    assert str(reader.metadata.subject) == f"Mẫu số 07 — {CIRCULAR_2025}"  # type: ignore[union-attr]


def test_the_logbook_prints_a_period(world):
    receive(world)
    later = receive(world, when=at(TUESDAY, 8))

    data = logbook_data(desk=world.desk, year=2026, period_from=TUESDAY)

    assert [row.dossier_code for row in data.rows] == [later.code]
    assert data.rows[0].serial == 2  # serials run on through the year
    assert data.period_to == dt.date(2026, 12, 31)


def test_the_logbook_of_another_desk_or_year_is_empty(world):
    receive(world)

    assert logbook_data(desk=world.other_desk, year=2026).rows == ()
    assert logbook_data(desk=world.desk, year=2027).rows == ()


def test_the_2025_logbook_must_be_printed_in_two_parts(world):
    with pytest.raises(ValidationFailed) as refused:
        logbook_data(desk=world.desk, year=2025)
    assert refused.value.code == "logbook_spans_form_sets"

    second_half = logbook_data(desk=world.desk, year=2025, period_from=dt.date(2025, 7, 1))
    assert isinstance(second_half, LogbookData)
    assert second_half.period_to == dt.date(2025, 12, 31)


def test_the_logbook_reads_a_fixed_number_of_queries_whatever_the_number_of_dossiers(world):
    for minute in (0, 10):
        receive(world, when=at(MONDAY, 9, minute))
    with CaptureQueriesContext(connection) as two:
        assert len(logbook_data(desk=world.desk, year=2026).rows) == 2
    for minute in (20, 30, 40):
        receive(world, when=at(MONDAY, 9, minute))
    with CaptureQueriesContext(connection) as five:
        assert len(logbook_data(desk=world.desk, year=2026).rows) == 5

    assert len(five.captured_queries) == len(two.captured_queries)


# --- Before 1 July 2025: the 2018 set ------------------------------------------------------------


def early_variant(world: World) -> CaseVariant:
    """The desk, its officer and a procedure in force from 1 January 2025."""
    since = dt.date(2025, 1, 1)
    Desk.objects.filter(pk=world.desk.pk).update(valid_from=since)
    Membership.objects.filter(user=world.desk_officer).update(valid_from=since)
    spec = replace(birth_registration(), code="1.001200", name="Đăng ký khai sinh (2025)")
    version = procedure_publish(
        version=procedure_draft_save(spec=spec, actor=None), valid_from=since, actor=None
    )
    return version.variants.get()


def test_a_dossier_received_before_1_july_2025_gets_the_2018_forms(world):
    variant = early_variant(world)
    dossier = wf.dossier_receive(
        desk=world.desk,
        variant=variant,
        applicant=APPLICANT,
        components=full_components(),
        answers={**ANSWERS, "child_birth_date": "2025-06-15"},
        actor=world.desk_officer,
        received_at=at(dt.date(2025, 6, 20), 14, 5),
    )
    dossier = wf.dossier_request_withdrawal(
        dossier=dossier,
        actor=world.desk_officer,
        reason="Không có nhu cầu.",
        at=at(dt.date(2025, 6, 23), 9),
    )
    dossier = wf.dossier_stop(
        dossier=dossier, actor=world.desk_officer, at=at(dt.date(2025, 6, 23), 10)
    )

    forms = form_list(dossier=dossier)
    receipt, receipt_subject = pdf_of(dossier, only(forms, FormKind.RECEIPT), "receipt-2018")
    sheet, sheet_subject = pdf_of(dossier, only(forms, FormKind.CONTROL_SHEET), "control-2018")

    # The 2018 set has no stop notice: the stop is recorded, no notice issued.
    assert [form.kind for form in forms] == [FormKind.RECEIPT, FormKind.CONTROL_SHEET]
    with pytest.raises(NotFound) as refused:
        form_data(dossier=dossier, kind=FormKind.STOP_NOTICE)
    assert refused.value.code == "form_not_found"
    assert receipt_subject == f"Mẫu số 01 — {CIRCULAR_2018}"
    assert_contains(
        receipt,
        "Mẫu số 01",
        "Hòa An, ngày 20 tháng 6 năm 2025",
        f"Mã hồ sơ: {dossier.code}",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh (2025)",
        "4. Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 20 tháng 6 năm 2025",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 05 phút, ngày 25 tháng 6 năm 2025",
        "Vào Sổ theo dõi hồ sơ năm 2025, số thứ tự: 1.",
    )
    assert "Hình thức nhận kết quả" not in receipt
    assert sheet_subject == f"Mẫu số 05 — {CIRCULAR_2018}"
    assert_contains(sheet, "Mẫu số 05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")

    first_half = logbook_data(desk=world.desk, year=2025, period_to=dt.date(2025, 6, 30))
    assert [row.dossier_code for row in first_half.rows] == [dossier.code]
    assert first_half.rows[0].note == "Dừng giải quyết"
    _, pages = read(logbook_render(desk=world.desk, year=2025, period_to=dt.date(2025, 6, 30)))
    assert_contains(" ".join(pages), "Mẫu số 06", "Từ ngày 01/01/2025 đến ngày 30/06/2025")


@pytest.mark.parametrize(
    ("visit", "circular"),
    [
        (at(dt.date(2025, 6, 30), 16, 30), CIRCULAR_2018),
        (at(dt.date(2025, 7, 1), 7, 30), CIRCULAR_2025),
    ],
)
def test_a_refusal_at_the_counter_takes_the_set_of_the_visit_day(world, visit, circular):
    variant = early_variant(world)
    dossier = wf.dossier_refuse_at_counter(
        desk=world.desk,
        variant=variant,
        applicant=ApplicantInput(name="Trần Văn Ất"),
        reasons=["Không thuộc thẩm quyền."],
        actor=world.desk_officer,
        at=visit,
    )

    form = only(form_list(dossier=dossier), FormKind.REFUSAL)
    text, subject = pdf_of(dossier, form, f"refusal-{visit:%Y%m%d}")

    assert subject == f"Mẫu số 03 — {circular}"
    assert_contains(text, "Trần Văn Ất", "Không thuộc thẩm quyền.")
