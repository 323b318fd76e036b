"""Reading a search query the way a resident typed it: Telex or VNI keys typed with no input
method ("tamj truus", "ta5m tru1"), i or y (kí/ký, lí/lý, Mĩ/Mỹ), doubled letters, missing
spaces; and saying back, with its accents, what was understood ("đăng ký tạm trú").

Search compares folded words (kiosk.textfold) in one normal form (`search_key`). The reader
turns each typed word into the catalog's words: as typed when the catalog has it, else its
Telex or VNI reading, else without doubled letters, else split where spaces were left out.
It keeps nothing between queries.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kiosk.textfold import strip_marks, words
from kiosk.vietnamese_input import InputMethod, compose

_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")
_NON_WORD = re.compile(r"[\W_]+")
_DOUBLED = re.compile(r"(.)\1+")
# A word that may carry Telex keys (a tone key or w after a vowel, a doubled vowel, a leading
# dd or w) or VNI digits; other words are not composed at all, which keeps queries fast.
_TELEX_HINT = re.compile(r"[aeiouy][a-z]*[sfrxjzw]|aa|ee|oo|^dd|^w")
_VNI_HINT = re.compile(r"[a-z][0-9]|[0-9][a-z]|^[a-z]+[0-9]+$")
LONGEST_WORD = 12  # longer pieces are not looked for when splitting a word without spaces
LONGEST_RUN = 40  # a longer run of letters is not split at all
PHRASE_WORDS = 3  # accents are restored from the catalog's phrases of up to this many words


def search_key(word: str) -> str:
    """A folded word in the form search compares: a final y after a consonant is i (ký and
    kí, lý and lí, Mỹ and Mĩ are one word), and 'qui' is 'quy'."""
    if len(word) >= 2 and word[-1] == "y" and word[-2] in _CONSONANTS:
        return word[:-1] + "i"
    if word == "y":
        return "i"
    if word.endswith("qui"):
        return word[:-1] + "y"
    return word


def search_words(text: str) -> list[str]:
    """The folded words of `text` in search's normal form."""
    # Only words ending in y (or qui) change; the test keeps index building fast.
    return [search_key(w) if w[-1] in "yi" else w for w in words(text)]


def _split_with_accents(text: str) -> list[tuple[str, str]]:
    """(search key, lower-case word as written) for each word of `text`."""
    out = []
    for word in _NON_WORD.split(unicodedata.normalize("NFC", text).lower()):
        if word:
            out.append((search_key(strip_marks(word)), word))
    return out


def accent_phrases(texts: Iterable[str], preferred: Iterable[str] = ()) -> dict[str, str]:
    """Folded phrases of up to PHRASE_WORDS words → how `texts` most often write them; each
    of the `preferred` phrases is taken as written."""
    counts: Counter[tuple[str, str]] = Counter()
    for text in set(texts):
        pairs = _split_with_accents(text)
        keys = [k for k, _ in pairs]
        written = [w for _, w in pairs]
        for n in range(1, PHRASE_WORDS + 1):
            for i in range(len(pairs) - n + 1):
                counts[" ".join(keys[i : i + n]), " ".join(written[i : i + n])] += 1
    phrases: dict[str, str] = {}
    best: dict[str, int] = {}
    for (key, form), count in counts.items():
        if count > best.get(key, 0):
            best[key], phrases[key] = count, form
    del best
    for text in preferred:
        pairs = _split_with_accents(text)
        phrases[" ".join(k for k, _ in pairs)] = " ".join(w for _, w in pairs)
    return phrases


class ReadQuery:
    """The words to search for, and what the kiosk understood (lower case, with accents),
    worked out only when asked: most queries are never said back."""

    def __init__(self, tokens: list[str], typed: str, say: Callable[[], str]) -> None:
        self.tokens = tokens
        self.typed = typed  # the words as typed, lower case, for comparing with `understood`
        self._say = say

    @functools.cached_property
    def understood(self) -> str:
        """The query read back with accents ("đăng ký tạm trú")."""
        return self._say()

    @property
    def reinterpreted(self) -> bool:
        """Whether the kiosk read the query as something else than its words as typed."""
        return self.understood != self.typed


@dataclass(frozen=True)
class _Word:
    """One word read from the query."""

    key: str  # the search key
    written: str | None  # with its accents, when the resident typed them (or their keys)
    typed: str = ""  # as typed, when `written` is None


class QueryReader:
    """Reads resident-typed queries against one catalog's vocabulary."""

    def __init__(
        self,
        vocabulary: list[str],
        accents: dict[str, str],
        near: Callable[[str, bool], bool],
    ) -> None:
        """`vocabulary`: the sorted search keys of the catalog; `accents`: from
        accent_phrases(); `near(word, last)`: whether search would match `word` as a prefix
        or with one typo (so such a word is left for search to match as typed)."""
        self._sorted = vocabulary
        self._known = frozenset(vocabulary)
        self._accents = accents
        self._near = near

    def read(self, query: str, max_words: int) -> ReadQuery:
        """The search words of `query` (at most `max_words` typed words) and what they mean."""
        lower = unicodedata.normalize("NFC", query.lower())
        typed = [w for w in _NON_WORD.split(lower) if w][:max_words]
        read: list[_Word] = []
        for i, word in enumerate(typed):
            read += self._read_word(word, last=i == len(typed) - 1)
        return ReadQuery([w.key for w in read], " ".join(typed), lambda: self._understood(read))

    # -- one word ---------------------------------------------------------------------------

    def _read_word(self, word: str, last: bool) -> list[_Word]:
        if not word.isascii():  # typed with its accents (a real input method, or pasted)
            nfc = unicodedata.normalize("NFC", word)
            return [_Word(search_key(strip_marks(nfc)), nfc)]
        key = search_key(word)
        if key in self._known:
            return [_Word(key, None, word)]
        if last and len(key) >= 2 and self._is_prefix(key):
            return [_Word(key, None, word)]  # still being typed: "tam tr", "khai si"
        readings = self._readings(word)
        for reading in readings:
            if reading.key in self._known:
                return [reading]
        if last:  # still being typed: "ddawn" is on its way to "đăng"
            for reading in readings:
                if reading.written is not None and self._is_prefix(reading.key):
                    return [reading]
        if self._near(key, last):
            return [_Word(key, None, word)]
        pieces = self._split(word)
        if pieces is None and (_TELEX_HINT.search(word) or _VNI_HINT.search(word)):
            pieces = self._split(word, decode=True)
        return pieces or [_Word(key, None, word)]

    def _readings(self, word: str) -> list[_Word]:
        """The word read as Telex, as VNI, without doubled letters, and both."""
        out: list[_Word] = []
        single = _DOUBLED.sub(r"\1", word)
        for variant in dict.fromkeys((word, single)):
            for method, hint in ((InputMethod.TELEX, _TELEX_HINT), (InputMethod.VNI, _VNI_HINT)):
                if hint.search(variant):
                    written = compose(variant, method)
                    if written != variant:
                        out.append(_Word(search_key(strip_marks(written)), written))
            if variant != word:
                out.append(_Word(search_key(variant), None, variant))
        return out

    def _is_prefix(self, key: str) -> bool:
        i = bisect.bisect_left(self._sorted, key)
        return i < len(self._sorted) and self._sorted[i].startswith(key)

    def _split(self, word: str, decode: bool = False) -> list[_Word] | None:
        """`word` cut into the fewest catalog words (at least two letters each), or None.
        With `decode`, a piece may also be a Telex or VNI reading ("ddawngkys")."""
        if len(word) > LONGEST_RUN:
            return None
        n = len(word)
        best: list[list[_Word] | None] = [None] * (n + 1)
        best[0] = []
        for end in range(2, n + 1):
            for start in range(max(0, end - LONGEST_WORD), end - 1):
                before = best[start]
                if before is None:
                    continue
                piece = self._piece(word[start:end], decode)
                if piece is not None:
                    candidate = [*before, piece]
                    current = best[end]
                    if current is None or len(candidate) < len(current):
                        best[end] = candidate
        found = best[n]
        return found if found is not None and len(found) >= 2 else None

    def _piece(self, piece: str, decode: bool) -> _Word | None:
        key = search_key(piece)
        if not decode:
            return _Word(key, None, piece) if key in self._known else None
        for reading in self._readings(piece):
            if reading.written is not None and reading.key in self._known:
                return reading
        return None

    # -- saying it back ---------------------------------------------------------------------

    def _understood(self, read: list[_Word]) -> str:
        """The words with accents as the catalog writes them where it has the phrase and the
        resident's own marks agree ("hoo chieu" → "hộ chiếu"); else as typed or composed."""
        parts: list[str] = []
        i = 0
        while i < len(read):
            for n in range(min(PHRASE_WORDS, len(read) - i), 0, -1):
                run = read[i : i + n]
                written = self._accents.get(" ".join(w.key for w in run))
                if written is not None and all(
                    _agrees(w.written, phrase_word)
                    for w, phrase_word in zip(run, written.split(), strict=False)
                ):
                    parts.append(written)
                    i += n
                    break
            else:
                word = read[i]
                parts.append(word.written or word.typed or word.key)
                i += 1
        return " ".join(parts)


def _agrees(typed: str | None, written: str) -> bool:
    """Whether the marks a resident typed are all in the catalog's spelling of the word."""
    if typed is None:
        return True
    if len(typed) != len(written):
        return False
    for a, b in zip(typed, written, strict=True):
        da, db = unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b)
        if da[0] != db[0] or not set(da[1:]) <= set(db[1:]):
            return False
    return True
