"""Text helpers for messages: unaccented Vietnamese for SMS gateways, tidy whitespace."""

import re
import unicodedata

# Punctuation outside the GSM 7-bit alphabet that Vietnamese text commonly carries.
_ASCII_PUNCTUATION = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",
    }
)

_BLANK_LINES = re.compile(r"\n{3,}")

# The GSM 03.38 basic character set (without the escape table): what fits 160 characters a part.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


def unaccent(text: str) -> str:
    """Vietnamese without diacritics, case kept, đ/Đ as d/D: "Hồ sơ Đã nhận" → "Ho so Da nhan".

    Like `motcua.core.text.fold` (which also lower-cases, for search); curly quotes, dashes and
    the ellipsis become ASCII so the text stays in the GSM 7-bit alphabet.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).translate(_ASCII_PUNCTUATION)


def is_gsm7(text: str) -> bool:
    """True if every character is in the GSM 7-bit basic set (160 characters per SMS part)."""
    return all(ch in GSM7_BASIC for ch in text)


def one_line(text: str) -> str:
    """Runs of whitespace (newlines included) as single spaces, trimmed: subjects and SMS."""
    return " ".join(text.split())


def tidy_body(text: str) -> str:
    """An e-mail body: trailing spaces off each line, at most one blank line in a row, trimmed."""
    lines = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return _BLANK_LINES.sub("\n\n", lines)
