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


def strip_marks(text: str) -> str:
    """`text` without diacritics (keeps case and punctuation)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
