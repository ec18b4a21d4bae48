"""Unaccented text for SMS gateways: diacritics out, case kept, GSM-safe punctuation."""

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import fold
from motcua.notifications.text import is_gsm7, one_line, tidy_body, unaccent


def test_unaccent_keeps_case_and_turns_d_stroke_into_d():
    assert unaccent("Đăng ký hộ kinh doanh – Ủy ban “Hòa Bình”…") == (
        'Dang ky ho kinh doanh - Uy ban "Hoa Binh"...'
    )
    assert unaccent("đường Trần Phú, TỈNH ĐẮK LẮK") == "duong Tran Phu, TINH DAK LAK"


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ĐÀÁẠƯỨ"
    )
)
def test_unaccent_agrees_with_search_folding_up_to_case(text):
    assert unaccent(text).lower() == fold(text)
    assert is_gsm7(unaccent(text))


def test_one_line_and_tidy_body():
    assert one_line("  Hồ sơ\n  đã   nhận \n") == "Hồ sơ đã nhận"
    assert tidy_body("\nA  \n\n\n\nB\n\nC\n") == "A\n\nB\n\nC"
