"""Render the official forms to PDF bytes.

`render_form(data)` picks the renderer by the data's type and the form set by the dossier's local
reception date (`form_set_for`). Each renderer lays out one form; `_render` adds what every form
shares (form number, letterhead, metadata) and page numbers when a form runs over one page.
"""

from collections.abc import Callable

from motcua.documents import formatting as fmt
from motcua.documents.fonts import FAMILY
from motcua.documents.forms import (
    ApologyData,
    ControlSheetData,
    FormData,
    FormSet,
    LogbookData,
    ReceiptData,
    RefusalData,
    StopNoticeData,
    SupplementRequestData,
    form_number,
    form_set_for,
    form_title,
    local_date,
)
from motcua.documents.layout import (
    LINE,
    SMALL_SIZE,
    OfficialPDF,
    SignatureBlock,
    qr_png,
)

__all__ = [
    "render_apology",
    "render_control_sheet",
    "render_form",
    "render_logbook",
    "render_receipt",
    "render_refusal",
    "render_stop_notice",
    "render_supplement_request",
]


def _marker(number: int) -> str:
    return f"Mẫu số {number:02d}"


def _render(
    data: FormData,
    *,
    number_line: str | None,
    keywords: str,
    body: Callable[[OfficialPDF, FormSet], None],
    landscape: bool = False,
) -> bytes:
    form_set = form_set_for(data.selector_date())
    number = form_number(data.kind, form_set)
    title = form_title(data.kind, form_set)
    issued = data.issued_instant()

    def build(numbered: bool) -> OfficialPDF:
        pdf = OfficialPDF(landscape=landscape, numbered=numbered)
        pdf.describe(
            title=f"{title} — {keywords}" if keywords else title,
            author=data.heading.agency_name,
            subject=f"{_marker(number)} — {form_set.circular}",
            keywords=keywords,
            created=issued,
        )
        pdf.add_page()
        pdf.form_marker(_marker(number))
        pdf.letterhead(
            data.heading,
            number=number_line,
            date_line=fmt.place_date_line(data.heading.place_name, local_date(issued)),
        )
        body(pdf, form_set)
        return pdf

    pdf = build(numbered=False)
    try:
        if pdf.pages_count > 1:  # the same layout again, now with "Trang 1/2" in the footer
            pdf.close_fonts()
            pdf = build(numbered=True)
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()


# --- 01 Receipt ---------------------------------------------------------------------------------


def render_receipt(data: ReceiptData) -> bytes:
    data.check()

    def body(pdf: OfficialPDF, form_set: FormSet) -> None:
        pdf.title_block(form_title(data.kind, form_set))

        # The code and the look-up address beside the QR code.
        qr_size = 19.0
        top = pdf.get_y() - 1
        qr_x = pdf.l_margin + pdf.epw - qr_size
        pdf.qr_code(qr_png(data.lookup_url), x=qr_x, y=top, size=qr_size)
        saved_margin = pdf.r_margin
        pdf.set_right_margin(saved_margin + qr_size + 2)
        pdf.set_y(top + 1)
        pdf.field("Mã hồ sơ", data.dossier_code)
        pdf.paragraph(
            "Tra cứu hồ sơ: quét mã QR hoặc truy cập", style="I", size=SMALL_SIZE, align="L"
        )
        pdf.paragraph(data.lookup_url, size=7.5, align="L", line=3.4)
        pdf.set_right_margin(saved_margin)
        pdf.set_y(max(pdf.get_y(), top + qr_size) + 1)

        applicant = data.applicant
        pdf.fields(
            ("Bộ phận tiếp nhận và trả kết quả", data.desk_name),
            ("Tiếp nhận hồ sơ của", applicant.name),
            ("Địa chỉ", applicant.address or "—"),
        )
        _phone_email(pdf, applicant.phone, applicant.email)
        pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)

        items: list[tuple[str, str]] = []
        pdf.paragraph("1. Thành phần hồ sơ nộp gồm:")
        pdf.table_rows(
            ("TT", "Tên giấy tờ", "Bản chính", "Bản sao", "Ghi chú"),
            [
                (str(index), row.name, _copies(row.originals), _copies(row.copies), row.note)
                for index, row in enumerate(data.components, start=1)
            ],
            widths=(8, 55, 14, 14, 32),
            aligns=("C", "L", "C", "C", "L"),
        )
        items.append(("Số lượng hồ sơ", f"{fmt.count(data.sets)} bộ"))
        items.append(("Thời gian giải quyết hồ sơ theo quy định", data.legal_limit))
        items.append(("Thời gian nhận hồ sơ", fmt.instant_words(data.received_at)))
        items.append(("Thời gian trả kết quả giải quyết hồ sơ", fmt.instant_words(data.due_at)))
        items.append(("Đăng ký nhận kết quả tại", data.collect_at))
        if form_set is FormSet.R2025:
            items.append(("Hình thức nhận kết quả", data.result_delivery))
        if data.fee_amount is not None:
            items.append(("Phí, lệ phí", fmt.money(data.fee_amount)))
        for index, (label, value) in enumerate(items, start=2):
            pdf.field(f"{index}. {label}", value)
        pdf.paragraph(
            f"Vào Sổ theo dõi hồ sơ năm {data.logbook_year}, số thứ tự: {data.logbook_serial}.",
            style="I",
        )
        pdf.signatures(
            SignatureBlock(title="Người tiếp nhận hồ sơ", name=data.officer_name),
            left=SignatureBlock(title="Người nộp hồ sơ", name=applicant.name),
        )

    return _render(data, number_line=data.number, keywords=data.dossier_code, body=body)


def _copies(value: int) -> str:
    return fmt.count(value) if value else "—"


def _phone_email(pdf: OfficialPDF, phone: str, email: str) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FAMILY, "")
    pdf.write(LINE, "Số điện thoại: ")
    pdf.set_font(FAMILY, "B")
    pdf.write(LINE, phone or "—")
    pdf.set_font(FAMILY, "")
    pdf.write(LINE, "    Email: ")
    pdf.set_font(FAMILY, "B")
    pdf.write(LINE, email or "—")
    pdf.ln(LINE)


# --- 02 Supplement request ----------------------------------------------------------------------


def render_supplement_request(data: SupplementRequestData) -> bytes:
    data.check()

    def body(pdf: OfficialPDF, form_set: FormSet) -> None:
        pdf.title_block(form_title(data.kind, form_set))
        applicant = data.applicant
        pdf.fields(
            ("Bộ phận tiếp nhận và trả kết quả", data.desk_name), ("Hồ sơ của", applicant.name)
        )
        if applicant.address:
            pdf.field("Địa chỉ", applicant.address)
        if applicant.phone or applicant.email:
            _phone_email(pdf, applicant.phone, applicant.email)
        if data.dossier_code:
            pdf.field("Mã hồ sơ", data.dossier_code)
        pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
        pdf.paragraph("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:")
        pdf.table_rows(
            ("TT", "Tên giấy tờ", "Nội dung yêu cầu (số lượng, hình thức)"),
            [
                (str(index), item.name, item.requirement)
                for index, item in enumerate(data.items, start=1)
            ],
            widths=(8, 55, 60),
            aligns=("C", "L", "L"),
        )
        pdf.field("Lý do", data.reason, bold=False)
        pdf.paragraph(
            "Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với "
            f"{data.contact_name}, số điện thoại {data.contact_phone} để được hướng dẫn."
        )
        pdf.paragraph(
            "Hồ sơ chỉ được yêu cầu bổ sung, hoàn thiện một lần.",
            style="I",
            size=SMALL_SIZE,
        )
        pdf.signatures(SignatureBlock(title="Người hướng dẫn", name=data.officer_name))

    return _render(data, number_line=data.number, keywords=data.dossier_code, body=body)


# --- 03 Refusal ---------------------------------------------------------------------------------


def render_refusal(data: RefusalData) -> bytes:
    data.check()

    def body(pdf: OfficialPDF, form_set: FormSet) -> None:
        pdf.title_block(form_title(data.kind, form_set))
        applicant = data.applicant
        pdf.fields(
            ("Bộ phận tiếp nhận và trả kết quả", data.desk_name),
            ("Tiếp nhận hồ sơ của", applicant.name),
        )
        if applicant.address:
            pdf.field("Địa chỉ", applicant.address)
        if applicant.phone or applicant.email:
            _phone_email(pdf, applicant.phone, applicant.email)
        if data.dossier_code:
            pdf.field("Mã hồ sơ", data.dossier_code)
        pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
        pdf.paragraph(
            f"Qua xem xét, {data.heading.agency_name} thông báo không tiếp nhận, giải quyết hồ sơ "
            "này với lý do cụ thể như sau:"
        )
        pdf.bullets(data.reasons)
        pdf.paragraph("Xin thông báo cho Ông/Bà được biết và thực hiện./.")
        pdf.signatures(SignatureBlock.of(data.signer))

    return _render(data, number_line=data.number, keywords=data.dossier_code, body=body)


# --- 04 Apology (2018) / apology and extension request (2025) -----------------------------------


def render_apology(data: ApologyData) -> bytes:
    data.check()
    agency = data.heading.agency_name

    def body(pdf: OfficialPDF, form_set: FormSet) -> None:
        pdf.title_block(form_title(data.kind, form_set))
        pdf.field("Kính gửi", data.addressee)
        pdf.paragraph(
            f"Ngày {fmt.date_words(local_date(data.received_at)).removeprefix('ngày ')}, {agency} "
            f"tiếp nhận giải quyết hồ sơ của {data.addressee}."
        )
        pdf.field("Mã hồ sơ", data.dossier_code)
        pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
        pdf.field("Thời hạn trả kết quả giải quyết hồ sơ", fmt.instant_words(data.original_due_at))
        pdf.paragraph(
            f"Tuy nhiên đến nay, {agency} chưa thể trả kết quả giải quyết hồ sơ của Ông/Bà đúng "
            "thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả với lý do:"
        )
        pdf.paragraph(data.reason, style="B", indent=4)
        new_due = fmt.instant_words(data.new_due_at)
        if form_set is FormSet.R2025:
            pdf.paragraph(
                f"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency} xin lỗi Ông/Bà và đề nghị "
                "gia hạn thời gian giải quyết hồ sơ đến:"
            )
        else:
            pdf.paragraph(
                f"Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại cho Ông/Bà. {agency} "
                "xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả:"
            )
        pdf.paragraph(new_due, style="B", indent=4)
        pdf.field("Ông/Bà vui lòng nhận kết quả tại", data.collect_at, bold=False)
        pdf.paragraph("Xin trân trọng cảm ơn!")
        pdf.signatures(SignatureBlock.of(data.signer), recipients=data.recipients)

    return _render(data, number_line=data.number, keywords=data.dossier_code, body=body)


# --- 05 Stop notice (2025 only) -----------------------------------------------------------------


def render_stop_notice(data: StopNoticeData) -> bytes:
    data.check()
    agency = data.heading.agency_name

    def body(pdf: OfficialPDF, form_set: FormSet) -> None:
        pdf.title_block(form_title(data.kind, form_set))
        pdf.field("Kính gửi", data.addressee)
        received = fmt.instant_words(data.received_at)
        pdf.paragraph(f"Lúc {received}, {agency} đã tiếp nhận hồ sơ của {data.addressee}.")
        pdf.field("Mã hồ sơ", data.dossier_code)
        pdf.field("Nội dung yêu cầu giải quyết", data.procedure_name)
        pdf.paragraph(
            f"Ngày {fmt.date_words(data.requested_on).removeprefix('ngày ')}, Ông/Bà có đề nghị "
            "dừng giải quyết hồ sơ nêu trên với lý do:"
        )
        pdf.paragraph(data.reason, style="B", indent=4)
        pdf.paragraph(
            f"Hồ sơ chưa có kết quả giải quyết. {agency} thông báo dừng giải quyết hồ sơ nêu trên "
            f"kể từ {fmt.date_words(local_date(data.issued_at))}."
        )
        if data.return_note:
            pdf.paragraph(data.return_note)
        pdf.paragraph("Xin thông báo để Ông/Bà được biết./.")
        pdf.signatures(SignatureBlock.of(data.signer), recipients=data.recipients)

    return _render(data, number_line=data.number, keywords=data.dossier_code, body=body)


# --- Control sheet ------------------------------------------------------------------------------


def render_control_sheet(data: ControlSheetData) -> bytes:
    data.check()

    def body(pdf: OfficialPDF, form_set: FormSet) -> None:
        pdf.title_block(form_title(data.kind, form_set), lines=(f"Mã hồ sơ: {data.dossier_code}",))
        pdf.fields(
            ("Kèm theo hồ sơ của", data.applicant.name),
            ("Nội dung yêu cầu giải quyết", data.procedure_name),
            ("Ngày, giờ nhận hồ sơ", fmt.instant_words(data.received_at)),
            ("Ngày, giờ hẹn trả kết quả", fmt.instant_words(data.due_at)),
            ("Cơ quan (bộ phận) giải quyết hồ sơ", data.handling_agency),
        )
        if data.coordinating_agencies:
            pdf.field("Cơ quan phối hợp giải quyết hồ sơ", "; ".join(data.coordinating_agencies))
        pdf.ln(1)
        rows = []
        for row in data.rows:
            rows.append(
                (
                    f"1. Giao: {row.from_unit}\n2. Nhận: {row.to_unit}",
                    f"{fmt.instant_words(row.at)}\nNgười giao: {row.giver}\nNgười nhận: {row.receiver}",
                    row.timeliness.label if row.timeliness else "",
                    row.note,
                )
            )
        pdf.table_rows(
            (
                "Tên cơ quan, bộ phận",
                "Thời gian giao, nhận hồ sơ",
                "Kết quả giải quyết hồ sơ (trước hạn / đúng hạn / quá hạn)",
                "Ghi chú",
            ),
            rows,
            widths=(33, 44, 22, 24),
            aligns=("L", "L", "C", "L"),
            size=8.5,
        )

    return _render(data, number_line=None, keywords=data.dossier_code, body=body)


# --- Logbook (A4 landscape) ---------------------------------------------------------------------


def render_logbook(data: LogbookData) -> bytes:
    data.check()

    def body(pdf: OfficialPDF, form_set: FormSet) -> None:
        lines = [f"Năm {data.year}"]
        if data.volume:
            lines.append(f"Quyển số: {data.volume}")
        lines.append(
            f"Từ ngày {fmt.date_short(data.period_from)} đến ngày {fmt.date_short(data.period_to)}"
        )
        pdf.title_block(form_title(data.kind, form_set), lines=lines, size=14)
        pdf.field("Bộ phận tiếp nhận và trả kết quả", data.desk_name)
        pdf.ln(1)
        pdf.table_rows(
            (
                "STT",
                "Mã hồ sơ",
                "Tên thủ tục hành chính",
                "Số lượng hồ sơ (bộ)",
                "Tên cá nhân, tổ chức",
                "Địa chỉ, số điện thoại",
                "Cơ quan chủ trì giải quyết",
                "Nhận hồ sơ",
                "Hẹn trả kết quả",
                "Trả kết quả",
                "Ký nhận",
                "Ghi chú",
            ),
            [
                (
                    str(row.serial),
                    row.dossier_code,
                    row.procedure_name,
                    fmt.count(row.sets),
                    row.applicant_name,
                    row.applicant_contact,
                    row.handling_agency,
                    fmt.instant_short(row.received_at),
                    fmt.instant_short(row.due_at),
                    fmt.instant_short(row.returned_at) if row.returned_at else "",
                    "",
                    row.note,
                )
                for row in data.rows
            ],
            widths=(10, 41, 40, 12, 28, 31, 27, 18, 18, 18, 14, 16),
            aligns=("C", "L", "L", "C", "L", "L", "L", "C", "C", "C", "C", "L"),
            size=8,
        )

    return _render(data, number_line=None, keywords=data.desk_name, body=body, landscape=True)


# --- Dispatch -----------------------------------------------------------------------------------


def render_form(data: FormData) -> bytes:
    """The PDF of any form, in the set chosen by the dossier's reception date."""
    match data:
        case ReceiptData():
            return render_receipt(data)
        case SupplementRequestData():
            return render_supplement_request(data)
        case RefusalData():
            return render_refusal(data)
        case ApologyData():
            return render_apology(data)
        case StopNoticeData():
            return render_stop_notice(data)
        case ControlSheetData():
            return render_control_sheet(data)
        case LogbookData():
            return render_logbook(data)
    raise TypeError(f"not a form: {type(data).__name__}")
