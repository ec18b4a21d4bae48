"""Text helpers for Vietnamese: folding for accent-insensitive search."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower case without diacritics, đ/Đ as d: "Đăng ký hộ kinh doanh" → "dang ky ho kinh doanh".

    The same folding as PostgreSQL's `unaccent` for Vietnamese, so both databases match alike.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).lower()


def search_text(text: str) -> str:
    """Folded words separated by single spaces: what the search index stores."""
    return " ".join(word for word in _NON_WORD.split(fold(text)) if word)


def search_terms(text: str) -> list[str]:
    """The words of a search query, folded, in order, without punctuation or repeats."""
    terms: list[str] = []
    for word in _NON_WORD.split(fold(text)):
        if word and word not in terms:
            terms.append(word)
    return terms
