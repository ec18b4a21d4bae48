import importlib.resources
import unicodedata
from pathlib import Path

import pytest

from motcua.documents.fonts import (
    FONT_PACKAGE,
    VIETNAMESE_LETTERS,
    font_files,
    missing_vietnamese_letters,
)

REPO = Path(__file__).resolve().parents[2]


def test_the_letter_list_is_every_precomposed_vietnamese_letter():
    assert len(VIETNAMESE_LETTERS) == len(set(VIETNAMESE_LETTERS)) == 146
    for letter in "ắẰẫẨệỄịĨọỐờỞựỮỳỸđĐ":
        assert letter in VIETNAMESE_LETTERS
    assert all(unicodedata.normalize("NFC", letter) == letter for letter in VIETNAMESE_LETTERS)


@pytest.mark.parametrize("style", ["", "B", "I", "BI"])
def test_every_face_has_a_glyph_for_every_vietnamese_letter(style):
    path = font_files().by_style()[style]
    assert missing_vietnamese_letters(path) == ""


def test_a_font_without_vietnamese_is_caught(tmp_path):
    # A subset of our own font with the ASCII letters only stands in for a font without Vietnamese.
    from fontTools import subset

    options = subset.Options()
    source = font_files().regular
    target = tmp_path / "ascii.ttf"
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="abcdefghijklmnopqrstuvwxyz")
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    font.close()
    missing = missing_vietnamese_letters(target)
    assert "ạ" in missing
    assert "Đ" in missing
    assert "a" not in missing


def test_the_fonts_come_from_the_installed_package_not_the_repository():
    package_root = Path(str(importlib.resources.files(FONT_PACKAGE)))
    for path in font_files().by_style().values():
        assert path.is_file()
        assert path.is_relative_to(package_root)
    copied = [p for p in (REPO / "motcua").rglob("*") if p.suffix.lower() in {".ttf", ".otf"}]
    assert copied == []
