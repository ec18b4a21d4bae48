"""Render every form in both sets, read the text back with pypdf, and check the fields."""

import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
import segno
from PIL import Image, ImageChops
from pypdf import DocumentInformation, PdfReader
from pypdf.generic import DictionaryObject

from motcua.documents.forms import ComponentRow, FormNotInSet
from motcua.documents.layout import QR_BORDER, QR_SCALE, qr_png
from motcua.documents.pdf import (
    render_apology,
    render_control_sheet,
    render_form,
    render_logbook,
    render_receipt,
    render_refusal,
    render_stop_notice,
    render_supplement_request,
)
from tests.documents import builders

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"
MM = 72 / 25.4  # PDF points per millimetre
SETS = ("2018", "2025")


def save(name: str, pdf: bytes) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)


def flat(text: str) -> str:
    """Extracted text with every run of whitespace (line wraps included) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def read(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [flat(page.extract_text()) for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(read(pdf)[1])


def assert_contains(text: str, *expected: str) -> None:
    missing = [value for value in expected if flat(value) not in text]
    assert not missing, f"missing {missing!r} in {text!r}"


def metadata(reader: PdfReader) -> DocumentInformation:
    info = reader.metadata
    assert info is not None
    return info


def size_mm(reader: PdfReader, index: int = 0) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


COMMON = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN TỈNH THANH HÓA",
    "ỦY BAN NHÂN DÂN XÃ SƠN HÀ",
)
CIRCULAR = {"2018": "Thông tư số 01/2018/TT-VPCP", "2025": "Thông tư số 03/2025/TT-VPCP"}
DATE_LINE = {
    "2018": "Sơn Hà, ngày 20 tháng 6 năm 2025",
    "2025": "Sơn Hà, ngày 23 tháng 11 năm 2026",
}


# --- Receipt ------------------------------------------------------------------------------------


@pytest.mark.parametrize("form_set", SETS)
def test_receipt(form_set):
    data = builders.receipt(form_set)
    pdf = render_receipt(data)
    save(f"receipt-{form_set}", pdf)
    reader, pages = read(pdf)
    text = pages[0]
    assert len(pages) == 1
    assert size_mm(reader) == (148.0, 210.0)
    assert_contains(
        text,
        *COMMON,
        "Mẫu số 01",
        "Số: 125/GTN",
        DATE_LINE[form_set],
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {data.dossier_code}",
        "Bộ phận tiếp nhận và trả kết quả: Bộ phận Một cửa xã Sơn Hà",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hương",
        "Địa chỉ: Thôn Đồng Tâm, xã Sơn Hà, tỉnh Thanh Hóa",
        "Số điện thoại: 0912 345 678",
        "Email: huong.nguyen@example.vn",
        f"Nội dung yêu cầu giải quyết: {builders.PROCEDURE}",
        "1. Thành phần hồ sơ nộp gồm:",
        "TT Tên giấy tờ Bản chính Bản sao Ghi chú",
        "1 Tờ khai đăng ký khai sinh 01 —",
        "2 Giấy chứng sinh 01 — Bệnh viện Đa khoa huyện cũ cấp",
        "3 Căn cước của cha, mẹ — 02 Đối chiếu bản chính",
        "2. Số lượng hồ sơ: 01 bộ",
        "3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc",
        "6. Đăng ký nhận kết quả tại: Bộ phận Một cửa xã Sơn Hà, quầy số 2",
        f"Vào Sổ theo dõi hồ sơ năm {data.logbook_year}, số thứ tự: 125.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký, ghi rõ họ tên)",
        "Lê Văn Đức",
    )
    if form_set == "2025":
        assert_contains(
            text,
            "4. Thời gian nhận hồ sơ: 09 giờ 15 phút, ngày 23 tháng 11 năm 2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 26 tháng 11 năm 2026",
            "7. Hình thức nhận kết quả: Nhận qua dịch vụ bưu chính công ích",
            "8. Phí, lệ phí: 100.000 đồng",
        )
    else:
        assert_contains(
            text,
            "4. Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 20 tháng 6 năm 2025",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 23 tháng 6 năm 2025",
            "7. Phí, lệ phí: 100.000 đồng",
        )
        assert "Hình thức nhận kết quả" not in text
    assert "Trang" not in text  # one page: no page numbers

    info = metadata(reader)
    assert info.author == "Ủy ban nhân dân xã Sơn Hà"
    assert info.title == f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả — {data.dossier_code}"
    assert info.subject == f"Mẫu số 01 — {CIRCULAR[form_set]}"


def test_the_receipt_without_a_fee_has_no_fee_line():
    text = text_of(render_receipt(builders.receipt(fee_amount=None)))
    assert "Phí, lệ phí" not in text
    assert "7. Hình thức nhận kết quả" in text


def test_the_receipt_embeds_segnos_qr_code_for_the_lookup_url():
    data = builders.receipt()
    reader, _ = read(render_receipt(data))
    page = reader.pages[0]
    resources = page["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    xobjects = resources["/XObject"].get_object()
    assert isinstance(xobjects, DictionaryObject)
    subtypes: list[str] = []
    for name in xobjects:
        xobject = xobjects[name].get_object()
        assert isinstance(xobject, DictionaryObject)
        subtypes.append(str(xobject["/Subtype"]))
    assert subtypes == ["/Image"]

    image = page.images[0].image
    assert image is not None
    embedded = image.convert("L")
    expected = Image.open(io.BytesIO(qr_png(data.lookup_url))).convert("L")
    assert embedded.size == expected.size
    assert ImageChops.difference(embedded, expected).getbbox() is None  # identical pixels

    # And those pixels are the QR symbol of the look-up URL, module by module.
    matrix = segno.make(data.lookup_url, error="m", micro=False).matrix
    side = (len(matrix) + 2 * QR_BORDER) * QR_SCALE
    assert embedded.size == (side, side)
    pixels = embedded.tobytes()
    for row, modules in enumerate(matrix):
        for column, dark in enumerate(modules):
            x = (QR_BORDER + column) * QR_SCALE + QR_SCALE // 2
            y = (QR_BORDER + row) * QR_SCALE + QR_SCALE // 2
            assert (pixels[y * side + x] < 128) == bool(dark)
    other = Image.open(io.BytesIO(qr_png(data.lookup_url + "X"))).convert("L")
    assert other.size != embedded.size or ImageChops.difference(embedded, other).getbbox()


def test_a_long_components_table_flows_onto_a_second_page_with_its_heading():
    components = tuple(
        ComponentRow(
            f"Giấy tờ kèm theo số {n}", originals=1, note="Bản có xác nhận của Ủy ban nhân dân xã"
        )
        for n in range(1, 31)
    )
    pdf = render_receipt(builders.receipt(components=components))
    save("receipt-long", pdf)
    reader, pages = read(pdf)
    assert len(pages) >= 2
    assert all(size_mm(reader, i) == (148.0, 210.0) for i in range(len(pages)))
    assert "Giấy tờ kèm theo số 1 " in pages[0]
    assert "Giấy tờ kèm theo số 30" in pages[-1]
    with_rows = [text for text in pages if "Giấy tờ kèm theo số" in text]
    assert len(with_rows) >= 2
    for text in with_rows:  # the heading row repeats on every page the table reaches
        assert text.count("TT Tên giấy tờ Bản chính Bản sao Ghi chú") == 1
    # Every row is printed exactly once.
    numbers = re.findall(r"Giấy tờ kèm theo số (\d+)", " ".join(pages))
    assert numbers == [str(n) for n in range(1, 31)]
    for number, text in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in pages[-1]


def test_rendering_is_deterministic():
    data = builders.receipt()
    assert render_receipt(data) == render_receipt(data)


def test_a_dossier_received_after_midnight_local_time_on_1_july_2025_gets_the_2025_forms():
    received = dt.datetime(2025, 6, 30, 17, 30, tzinfo=dt.UTC)
    data = builders.receipt("2018", received_at=received, due_at=received + dt.timedelta(days=3))
    reader, pages = read(render_receipt(data))
    assert metadata(reader).subject == "Mẫu số 01 — Thông tư số 03/2025/TT-VPCP"
    assert "Sơn Hà, ngày 01 tháng 7 năm 2025" in pages[0]
    assert "Hình thức nhận kết quả" in pages[0]


# --- Supplement request -------------------------------------------------------------------------


@pytest.mark.parametrize("form_set", SETS)
def test_supplement_request(form_set):
    data = builders.supplement_request(form_set)
    pdf = render_supplement_request(data)
    save(f"supplement-request-{form_set}", pdf)
    reader, pages = read(pdf)
    assert size_mm(reader) == (148.0, 210.0)
    assert_contains(
        pages[0],
        *COMMON,
        "Mẫu số 02",
        "Số: 18/YCBS",
        DATE_LINE[form_set],
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Hồ sơ của: Nguyễn Thị Hương",
        f"Mã hồ sơ: {data.dossier_code}",
        f"Nội dung yêu cầu giải quyết: {builders.PROCEDURE}",
        "1 Giấy chứng sinh 01 bản chính; ghi đủ họ tên người mẹ",
        "2 Văn bản ủy quyền 01 bản có chứng thực chữ ký",
        "Lý do: Giấy chứng sinh bị tẩy xóa phần họ tên người mẹ.",
        "liên hệ với ông Lê Văn Đức, số điện thoại 0237 3 812 345 để được hướng dẫn",
        "NGƯỜI HƯỚNG DẪN",
        "(Ký, ghi rõ họ tên)",
        "Lê Văn Đức",
    )
    assert metadata(reader).subject == f"Mẫu số 02 — {CIRCULAR[form_set]}"


def test_a_counter_supplement_request_has_no_code_line():
    text = text_of(render_supplement_request(builders.supplement_request(dossier_code="")))
    assert "Mã hồ sơ" not in text


# --- Refusal ------------------------------------------------------------------------------------


@pytest.mark.parametrize("form_set", SETS)
def test_refusal(form_set):
    data = builders.refusal(form_set)
    pdf = render_refusal(data)
    save(f"refusal-{form_set}", pdf)
    reader, pages = read(pdf)
    assert size_mm(reader) == (148.0, 210.0)
    assert_contains(
        pages[0],
        *COMMON,
        "Mẫu số 03",
        "Số: 07/TC",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Hương",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "- Trẻ đã được đăng ký khai sinh tại Ủy ban nhân dân phường Hạc Thành.",
        "- Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã Sơn Hà.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Lê Văn Đức",
    )


# --- Apology ------------------------------------------------------------------------------------


@pytest.mark.parametrize("form_set", SETS)
def test_apology(form_set):
    data = builders.apology(form_set)
    pdf = render_apology(data)
    save(f"apology-{form_set}", pdf)
    reader, pages = read(pdf)
    text = pages[0]
    assert size_mm(reader) == (148.0, 210.0)
    assert_contains(
        text,
        *COMMON,
        "Mẫu số 04",
        "Số: 03/XL-UBND",
        "Kính gửi: Bà Nguyễn Thị Hương",
        f"Mã hồ sơ: {data.dossier_code}",
        "với lý do: Phải xác minh nơi cư trú của người mẹ tại tỉnh Nghệ An.",
        "Ông/Bà vui lòng nhận kết quả tại: Bộ phận Một cửa xã Sơn Hà",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "(Ký tên, đóng dấu)",
        "Trịnh Minh Tuấn",
        "Nơi nhận: - Như trên; - Bộ phận Một cửa; - Lưu: VT.",
    )
    if form_set == "2025":
        assert_contains(
            text,
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "Ngày 23 tháng 11 năm 2026, Ủy ban nhân dân xã Sơn Hà tiếp nhận giải quyết hồ sơ",
            "Thời hạn trả kết quả giải quyết hồ sơ: 11 giờ 15 phút, ngày 26 tháng 11 năm 2026",
            "đề nghị gia hạn thời gian giải quyết hồ sơ đến: 11 giờ 15 phút, ngày 30 tháng 11 năm 2026",
        )
        assert "PHIẾU XIN LỖI" not in text
    else:
        assert_contains(
            text,
            "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
            "Ngày 20 tháng 6 năm 2025, Ủy ban nhân dân xã Sơn Hà tiếp nhận giải quyết hồ sơ",
            "Thời hạn trả kết quả giải quyết hồ sơ: 16 giờ 05 phút, ngày 23 tháng 6 năm 2025",
            "hẹn lại thời gian trả kết quả: 16 giờ 05 phút, ngày 27 tháng 6 năm 2025",
        )
        assert "gia hạn" not in text


# --- Stop notice --------------------------------------------------------------------------------


def test_stop_notice():
    data = builders.stop_notice("2025")
    pdf = render_stop_notice(data)
    save("stop-notice-2025", pdf)
    reader, pages = read(pdf)
    assert size_mm(reader) == (148.0, 210.0)
    assert_contains(
        pages[0],
        *COMMON,
        "Mẫu số 05",
        "Số: 02/TB-UBND",
        "Sơn Hà, ngày 24 tháng 11 năm 2026",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Kính gửi: Bà Nguyễn Thị Hương",
        "Lúc 09 giờ 15 phút, ngày 23 tháng 11 năm 2026, Ủy ban nhân dân xã Sơn Hà đã tiếp nhận hồ sơ",
        f"Mã hồ sơ: {data.dossier_code}",
        "Ngày 24 tháng 11 năm 2026, Ông/Bà có đề nghị dừng giải quyết hồ sơ",
        "Gia đình chuyển đăng ký khai sinh về nơi cư trú của người cha.",
        "thông báo dừng giải quyết hồ sơ nêu trên kể từ ngày 24 tháng 11 năm 2026",
        "để nhận lại hồ sơ đã nộp",
        "CHỦ TỊCH",
        "(Ký tên, đóng dấu)",
        "Hoàng Văn Thắng",
    )
    assert metadata(reader).subject == "Mẫu số 05 — Thông tư số 03/2025/TT-VPCP"


def test_a_stop_notice_under_the_2018_set_is_refused():
    with pytest.raises(FormNotInSet) as caught:
        render_form(builders.stop_notice("2018"))
    assert caught.value.code == "form_not_in_set"
    assert "Thông tư số 01/2018/TT-VPCP" in caught.value.message


# --- Control sheet ------------------------------------------------------------------------------


@pytest.mark.parametrize(("form_set", "number"), [("2018", "05"), ("2025", "06")])
def test_control_sheet(form_set, number):
    data = builders.control_sheet(form_set)
    pdf = render_control_sheet(data)
    save(f"control-sheet-{form_set}", pdf)
    reader, pages = read(pdf)
    text = pages[0]
    assert size_mm(reader) == (148.0, 210.0)
    received = (
        "09 giờ 15 phút, ngày 23 tháng 11 năm 2026"
        if form_set == "2025"
        else "14 giờ 05 phút, ngày 20 tháng 6 năm 2025"
    )
    assert_contains(
        text,
        *COMMON,
        f"Mẫu số {number}",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {data.dossier_code}",
        "Kèm theo hồ sơ của: Nguyễn Thị Hương",
        f"Ngày, giờ nhận hồ sơ: {received}",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân xã Sơn Hà",
        "Cơ quan phối hợp giải quyết hồ sơ: Công an xã Sơn Hà; Bảo hiểm xã hội cơ sở Quan Sơn",
        "Tên cơ quan, bộ phận",
        "Thời gian giao, nhận hồ sơ",
        "1. Giao: Bộ phận Một cửa xã Sơn Hà 2. Nhận: Công chức Tư pháp - Hộ tịch",
        f"{received} Người giao: Lê Văn Đức Người nhận: Phạm Thị Ngọc Ánh",
        "Người giao: Phạm Thị Ngọc Ánh Người nhận: Trịnh Minh Tuấn Trước hạn",
        "Người nhận: Lê Văn Đức Đúng hạn",
        "Chuyển trong ngày",
    )
    assert "Số:" not in text
    assert metadata(reader).subject == f"Mẫu số {number} — {CIRCULAR[form_set]}"


def test_a_long_control_sheet_repeats_its_heading_and_numbers_its_pages():
    data = builders.control_sheet(hops=14)
    _, pages = read(render_control_sheet(data))
    assert len(pages) >= 2
    assert "Quá hạn" in " ".join(pages)
    for number, text in enumerate(pages, start=1):
        assert "Thời gian giao, nhận hồ sơ" in text
        assert f"Trang {number}/{len(pages)}" in text


# --- Logbook ------------------------------------------------------------------------------------

LOGBOOK_HEADINGS = (
    "STT Mã hồ sơ Tên thủ tục hành chính Số lượng hồ sơ (bộ) Tên cá nhân, tổ chức "
    "Địa chỉ, số điện thoại Cơ quan chủ trì giải quyết Nhận hồ sơ Hẹn trả kết quả Trả kết quả "
    "Ký nhận Ghi chú"
)


@pytest.mark.parametrize(("form_set", "number"), [("2018", "06"), ("2025", "07")])
def test_logbook(form_set, number):
    data = builders.logbook(form_set)
    pdf = render_logbook(data)
    save(f"logbook-{form_set}", pdf)
    reader, pages = read(pdf)
    text = pages[0]
    assert size_mm(reader) == (297.0, 210.0)  # A4 landscape
    year = data.year
    assert_contains(
        text,
        *COMMON,
        f"Mẫu số {number}",
        "SỔ THEO DÕI HỒ SƠ",
        f"Năm {year}",
        "Quyển số: 01",
        f"Từ ngày {data.period_from:%d/%m/%Y} đến ngày {data.period_to:%d/%m/%Y}",
        "Bộ phận tiếp nhận và trả kết quả: Bộ phận Một cửa xã Sơn Hà",
        "Lê Thị Ỷ Lan",
        "Vũ Ngọc Ưng",
        "Trả qua bưu chính",
    )
    assert " ".join(LOGBOOK_HEADINGS.split()) in text
    packed = text.replace(" ", "")  # a code may wrap inside its narrow column
    for row in data.rows:
        assert row.dossier_code in packed


def test_a_long_logbook_flows_over_pages_with_the_heading_repeated_and_serials_kept():
    data = builders.logbook("2025", entries=45)
    pdf = render_logbook(data)
    save("logbook-long", pdf)
    reader, pages = read(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert size_mm(reader, number - 1) == (297.0, 210.0)
        assert "STT Mã hồ sơ Tên thủ tục hành chính" in text
        assert f"Trang {number}/{len(pages)}" in text
    serials = [int(s) for s in re.findall(r"(?:^| )(\d{1,2}) 000\.00\.12\.H56", " ".join(pages))]
    assert serials == list(range(1, 46))


# --- Dispatch -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "title"),
    [
        (builders.receipt, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
        (builders.supplement_request, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        (builders.refusal, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        (builders.apology, "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
        (builders.stop_notice, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
        (builders.control_sheet, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
        (builders.logbook, "SỔ THEO DÕI HỒ SƠ"),
    ],
)
def test_render_form_dispatches_on_the_data(builder, title):
    assert title in text_of(render_form(builder()))


def test_render_form_refuses_other_objects():
    with pytest.raises(TypeError):
        render_form(replace)  # type: ignore[arg-type]
