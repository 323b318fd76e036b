"""Folding Vietnamese text to plain lower-case ASCII words, so 'tam tru' finds 'Đăng ký tạm trú'.

Residents often type without accents (no Vietnamese keyboard, or Telex they never learned);
search and the catalog checks compare folded forms.
"""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d + a combining mark, so NFD leaves them alone.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_NON_WORD = re.compile(r"[\W_]+")


# The combining-mark blocks; Vietnamese uses only the first (U+0300–U+036F). A regex is several
# times faster than testing each character, which matters when the search index is built.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_marks(text: str) -> str:
    """`text` without diacritics (keeps case and punctuation)."""
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFD", text.translate(_SPECIAL)))


def fold(text: str) -> str:
    """Lower-case, accent-free words separated by single spaces; punctuation dropped."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    plain = strip_marks(text).lower()
    return [w for w in _NON_WORD.split(plain) if w]


def has_marks(text: str) -> bool:
    """Whether `text` carries any Vietnamese diacritic (or đ)."""
    return strip_marks(text) != text
