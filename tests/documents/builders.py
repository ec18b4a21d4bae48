"""Realistic form data for the tests: one dossier of a commune in Thanh Hóa, in either form set."""

import datetime as dt
from dataclasses import replace

from motcua.core.timezone import VN_TZ
from motcua.documents.forms import (
    AgencyHeading,
    ApologyData,
    Applicant,
    ComponentRow,
    ControlSheetData,
    HandoverRow,
    LogbookData,
    LogbookRow,
    ReceiptData,
    RefusalData,
    Signer,
    StopNoticeData,
    SupplementItem,
    SupplementRequestData,
    Timeliness,
)

HEADING = AgencyHeading(
    governing_body="Ủy ban nhân dân tỉnh Thanh Hóa",
    agency_name="Ủy ban nhân dân xã Sơn Hà",
    place_name="Sơn Hà",
)
APPLICANT = Applicant(
    name="Nguyễn Thị Hương",
    address="Thôn Đồng Tâm, xã Sơn Hà, tỉnh Thanh Hóa",
    phone="0912 345 678",
    email="huong.nguyen@example.vn",
)
PROCEDURE = (
    "Đăng ký khai sinh kết hợp đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
)
DESK = "Bộ phận Một cửa xã Sơn Hà"
OFFICER = "Lê Văn Đức"
LOOKUP_URL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu-ho-so?ma="

# A dossier received under the 2025 set (23/11/2026) and one under the 2018 set (20/06/2025,
# before the switch on 01/07/2025).
WHEN = {
    "2025": dt.datetime(2026, 11, 23, 9, 15, tzinfo=VN_TZ),
    "2018": dt.datetime(2025, 6, 20, 14, 5, tzinfo=VN_TZ),
}


def code_for(received_at: dt.datetime) -> str:
    return f"000.00.12.H56-{received_at:%y%m%d}-0007"


def receipt(form_set: str = "2025", **changes) -> ReceiptData:
    received = WHEN[form_set]
    data = ReceiptData(
        heading=HEADING,
        number="125/GTN",
        dossier_code=code_for(received),
        desk_name=DESK,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        components=(
            ComponentRow("Tờ khai đăng ký khai sinh", originals=1),
            ComponentRow("Giấy chứng sinh", originals=1, note="Bệnh viện Đa khoa huyện cũ cấp"),
            ComponentRow("Căn cước của cha, mẹ", copies=2, note="Đối chiếu bản chính"),
        ),
        sets=1,
        legal_limit="03 ngày làm việc",
        received_at=received,
        due_at=(received + dt.timedelta(days=3)).replace(hour=16, minute=30),
        collect_at="Bộ phận Một cửa xã Sơn Hà, quầy số 2",
        result_delivery="Nhận qua dịch vụ bưu chính công ích",
        lookup_url=LOOKUP_URL + code_for(received),
        officer_name=OFFICER,
        logbook_year=received.year,
        logbook_serial=125,
        fee_amount=100000,
    )
    return replace(data, **changes)


def supplement_request(form_set: str = "2025", **changes) -> SupplementRequestData:
    received = WHEN[form_set]
    data = SupplementRequestData(
        heading=HEADING,
        number="18/YCBS",
        desk_name=DESK,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        items=(
            SupplementItem("Giấy chứng sinh", "01 bản chính; ghi đủ họ tên người mẹ"),
            SupplementItem("Văn bản ủy quyền", "01 bản có chứng thực chữ ký"),
        ),
        reason="Giấy chứng sinh bị tẩy xóa phần họ tên người mẹ.",
        contact_name="ông Lê Văn Đức",
        contact_phone="0237 3 812 345",
        officer_name=OFFICER,
        received_on=received.date(),
        issued_at=received + dt.timedelta(hours=1),
        dossier_code=code_for(received),
    )
    return replace(data, **changes)


def refusal(form_set: str = "2025", **changes) -> RefusalData:
    received = WHEN[form_set]
    data = RefusalData(
        heading=HEADING,
        number="07/TC",
        desk_name=DESK,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        reasons=(
            "Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân phường Hạc Thành.",
            "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã Sơn Hà.",
        ),
        signer=Signer(title="Người tiếp nhận hồ sơ", name=OFFICER),
        received_on=received.date(),
        issued_at=received + dt.timedelta(minutes=20),
    )
    return replace(data, **changes)


def apology(form_set: str = "2025", **changes) -> ApologyData:
    received = WHEN[form_set]
    due = received + dt.timedelta(days=3, hours=2)
    data = ApologyData(
        heading=HEADING,
        number="03/XL-UBND",
        addressee="Bà Nguyễn Thị Hương",
        dossier_code=code_for(received),
        procedure_name=PROCEDURE,
        received_at=received,
        original_due_at=due,
        reason="Phải xác minh nơi cư trú của người mẹ tại tỉnh Nghệ An.",
        new_due_at=due + dt.timedelta(days=4),
        collect_at="Bộ phận Một cửa xã Sơn Hà",
        signer=Signer(
            title="Phó Chủ tịch", name="Trịnh Minh Tuấn", authority="KT. Chủ tịch", sealed=True
        ),
        issued_at=due - dt.timedelta(days=1, hours=1),
    )
    return replace(data, **changes)


def stop_notice(form_set: str = "2025", **changes) -> StopNoticeData:
    received = WHEN[form_set]
    data = StopNoticeData(
        heading=HEADING,
        number="02/TB-UBND",
        addressee="Bà Nguyễn Thị Hương",
        dossier_code=code_for(received),
        procedure_name=PROCEDURE,
        received_at=received,
        requested_on=(received + dt.timedelta(days=1)).date(),
        reason="Gia đình chuyển đăng ký khai sinh về nơi cư trú của người cha.",
        return_note="Ông/Bà vui lòng đến Bộ phận Một cửa xã Sơn Hà để nhận lại hồ sơ đã nộp.",
        signer=Signer(title="Chủ tịch", name="Hoàng Văn Thắng", sealed=True),
        issued_at=received + dt.timedelta(days=1, hours=3),
    )
    return replace(data, **changes)


def control_sheet(form_set: str = "2025", *, hops: int = 3, **changes) -> ControlSheetData:
    received = WHEN[form_set]
    units = [
        ("Bộ phận Một cửa xã Sơn Hà", OFFICER),
        ("Công chức Tư pháp - Hộ tịch", "Phạm Thị Ngọc Ánh"),
        ("Lãnh đạo Ủy ban nhân dân xã", "Trịnh Minh Tuấn"),
    ]
    outcomes = [None, Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE]
    rows = []
    for index in range(hops):
        giver = units[index % len(units)]
        receiver = units[(index + 1) % len(units)]
        rows.append(
            HandoverRow(
                from_unit=giver[0],
                giver=giver[1],
                to_unit=receiver[0],
                receiver=receiver[1],
                at=received + dt.timedelta(hours=2 * index),
                timeliness=outcomes[index % len(outcomes)],
                note="Chuyển trong ngày" if index == 0 else "",
            )
        )
    data = ControlSheetData(
        heading=HEADING,
        dossier_code=code_for(received),
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        received_at=received,
        due_at=received + dt.timedelta(days=3),
        handling_agency="Ủy ban nhân dân xã Sơn Hà",
        coordinating_agencies=("Công an xã Sơn Hà", "Bảo hiểm xã hội cơ sở Quan Sơn"),
        rows=tuple(rows),
    )
    return replace(data, **changes)


def logbook(form_set: str = "2025", *, entries: int = 5, **changes) -> LogbookData:
    received = WHEN[form_set]
    names = ["Nguyễn Thị Hương", "Trần Văn Ất", "Lê Thị Ỷ Lan", "Phạm Đức Quỳnh", "Vũ Ngọc Ưng"]
    rows = tuple(
        LogbookRow(
            serial=index,
            dossier_code=f"000.00.12.H56-{received:%y%m%d}-{index:04d}",
            procedure_name=PROCEDURE if index % 2 else "Chứng thực bản sao từ bản chính",
            sets=1,
            applicant_name=names[index % len(names)],
            applicant_contact=f"Thôn Đồng Tâm, xã Sơn Hà; 0912 345 {index:03d}",
            handling_agency="Ủy ban nhân dân xã Sơn Hà",
            received_at=received + dt.timedelta(minutes=index),
            due_at=received + dt.timedelta(days=3),
            returned_at=received + dt.timedelta(days=2) if index % 3 else None,
            note="Trả qua bưu chính" if index % 4 == 0 else "",
        )
        for index in range(1, entries + 1)
    )
    start = dt.date(2025, 1, 1) if form_set == "2018" else dt.date(received.year, 1, 1)
    if form_set == "2025" and received.year == 2025:
        start = dt.date(2025, 7, 1)
    end = dt.date(2025, 6, 30) if form_set == "2018" else dt.date(received.year, 12, 31)
    data = LogbookData(
        heading=HEADING,
        desk_name=DESK,
        year=received.year,
        period_from=start,
        period_to=end,
        rows=rows,
        printed_at=received + dt.timedelta(days=5),
        volume="01",
    )
    return replace(data, **changes)
