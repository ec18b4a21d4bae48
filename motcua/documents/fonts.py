"""The typeface of the official forms: IBM Plex Serif, from the `fontpkg-ibm-plex-serif` wheel.

A serif face with every Vietnamese letter in regular, bold, italic and bold italic (checked by
`missing_vietnamese_letters` and the tests). The files are found through `importlib.resources`
and the package's own `metadata.json`; nothing is fetched at run time and no font file is copied
into the repository.
"""

import atexit
import contextlib
import functools
import importlib.resources
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_PACKAGE = "fontpkg_ibm_plex_serif"
FAMILY = "PlexSerif"  # the family name the PDFs use (fpdf's key, not the font's own name)

_BASE_VOWELS = "aăâeêioôơuưy"
# No mark, grave (huyền), acute (sắc), tilde (ngã), hook above (hỏi), dot below (nặng).
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def _vietnamese_letters() -> str:
    letters: list[str] = []
    for vowel in _BASE_VOWELS:
        for mark in _TONE_MARKS:
            letter = unicodedata.normalize("NFC", vowel + mark)
            letters.extend((letter, letter.upper()))
    letters.extend(("đ", "Đ"))
    return "".join(letters)


VIETNAMESE_LETTERS = _vietnamese_letters()
"""Every precomposed Vietnamese letter: 12 vowels × 6 tones × 2 cases, plus đ and Đ (146)."""


@dataclass(frozen=True, slots=True)
class FontFiles:
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def by_style(self) -> dict[str, Path]:
        """fpdf style letters ("", "B", "I", "BI") to files."""
        return {"": self.regular, "B": self.bold, "I": self.italic, "BI": self.bold_italic}


_resources = contextlib.ExitStack()
atexit.register(_resources.close)


@functools.cache
def font_files() -> FontFiles:
    """The four faces, located through the package's `metadata.json` (weight 400/700 × style)."""
    root = importlib.resources.files(FONT_PACKAGE)
    metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    by_face: dict[tuple[int, str], str] = {
        (int(entry["weight"]), str(entry["style"])): str(entry["path"])
        for entry in metadata["files"]
        if not entry.get("variable")
    }

    def locate(weight: int, style: str) -> Path:
        relative = by_face[(weight, style)]
        # A real file for fpdf even if the package were installed zipped.
        return _resources.enter_context(importlib.resources.as_file(root.joinpath(relative)))

    return FontFiles(
        regular=locate(400, "normal"),
        bold=locate(700, "normal"),
        italic=locate(400, "italic"),
        bold_italic=locate(700, "italic"),
    )


def missing_vietnamese_letters(path: Path) -> str:
    """The Vietnamese letters the font at `path` has no glyph for ("" when it covers them all)."""
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap()
    return "".join(letter for letter in VIETNAMESE_LETTERS if ord(letter) not in cmap)
