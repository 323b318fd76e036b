"""Vietnamese typing without an input method: Telex or VNI keys composed into words, as Unikey does.

A kiosk PC runs no Vietnamese input method, so a resident's keys arrive as plain letters. This
module turns them into Vietnamese the way Unikey does, and is the only place that knows how:
the Qt layer (ui/typing/) feeds it key presses and delivers the replacement it answers, the
on-screen keyboard sends it marks, and search (kiosk/catalog/query_reading.py) reads queries
typed in Telex or VNI with no input method at all.

The rules (docs/typing.md explains them to volunteers):
- Telex: aa → â, ee → ê, oo → ô, aw → ă, ow → ơ, uw → ư, uow → ươ, w alone → ư, dd → đ;
  s f r x j → sắc huyền hỏi ngã nặng, z removes the tone. VNI: 6 → â ê ô, 7 → ơ ư, 8 → ă,
  9 → đ; 1 2 3 4 5 → sắc huyền hỏi ngã nặng, 0 removes the tone.
- A mark key may come anywhere after its vowel ("tieengs" and "tiesng" both give "tiếng").
- Repeating a mark key takes the mark off and types the key itself ("ass" → "as",
  "aaa" → "aa"); that key then stays a plain letter until the word ends.
- A mark key applies only when the word stays a possible Vietnamese syllable, so "email",
  "yahoo" and "bank" stay as typed.
- The tone sits where the catalog puts it: the classic placement on the first vowel of an
  open oa/oe/uy ("hòa", "khỏe", "thúy"), as in "xóa", "khóa", "tùy" throughout
  resources/catalog (a test keeps the two in step).
- A word ends at a space, punctuation or anything else that is not a letter (or, in Telex, a
  digit); capitals are kept; the output is NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class InputMethod(StrEnum):
    """How keys become Vietnamese letters: Telex, VNI, or not at all."""

    TELEX = "telex"
    VNI = "vni"
    OFF = "off"


class Mark(StrEnum):
    """What a mark key does to the word being typed (Telex, VNI and on-screen keys alike)."""

    ACUTE = "acute"  # dấu sắc
    GRAVE = "grave"  # dấu huyền
    HOOK = "hook"  # dấu hỏi
    TILDE = "tilde"  # dấu ngã
    DOT = "dot"  # dấu nặng
    NO_TONE = "no-tone"  # bỏ dấu
    CIRCUMFLEX = "circumflex"  # â ê ô
    HORN_OR_BREVE = "horn-or-breve"  # Telex w: ă ơ ư ươ, whichever the word takes
    HORN = "horn"  # ơ ư ươ
    BREVE = "breve"  # ă
    STROKE = "stroke"  # đ


TONE_MARKS = (Mark.NO_TONE, Mark.ACUTE, Mark.GRAVE, Mark.HOOK, Mark.TILDE, Mark.DOT)
# The combining character of each tone, in TONE_MARKS order.
_TONE_CHARS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

TELEX_KEYS: dict[str, Mark] = {
    "s": Mark.ACUTE,
    "f": Mark.GRAVE,
    "r": Mark.HOOK,
    "x": Mark.TILDE,
    "j": Mark.DOT,
    "z": Mark.NO_TONE,
    "a": Mark.CIRCUMFLEX,
    "e": Mark.CIRCUMFLEX,
    "o": Mark.CIRCUMFLEX,
    "w": Mark.HORN_OR_BREVE,
    "d": Mark.STROKE,
}
VNI_KEYS: dict[str, Mark] = {
    "1": Mark.ACUTE,
    "2": Mark.GRAVE,
    "3": Mark.HOOK,
    "4": Mark.TILDE,
    "5": Mark.DOT,
    "0": Mark.NO_TONE,
    "6": Mark.CIRCUMFLEX,
    "7": Mark.HORN,
    "8": Mark.BREVE,
    "9": Mark.STROKE,
}

# Letter modifiers: ^ circumflex, ( breve, + horn, - stroke.
_CIRCUMFLEX, _BREVE, _HORN, _STROKE = "^", "(", "+", "-"
_COMPOSED = {
    ("a", _CIRCUMFLEX): "â",
    ("a", _BREVE): "ă",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
    ("d", _STROKE): "đ",
}
_COMBINING_MODS = {"\u0302": _CIRCUMFLEX, "\u0306": _BREVE, "\u031b": _HORN}
_BASE = {composed: base for (base, _), composed in _COMPOSED.items()}

VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")
# fmt: off
ONSETS = frozenset((
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
))
CODAS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
# Every vowel group a Vietnamese syllable can have (without its tone).
NUCLEI = frozenset((
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi",
    "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
    "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu",
))
# fmt: on


def _unmarked_variants(nucleus: str) -> set[str]:
    """`nucleus` with any of its marks still to come: 'ươ' → {'ươ', 'uơ', 'ưo', 'uo'}."""
    variants = {""}
    for ch in nucleus:
        options = {ch, _BASE.get(ch, ch)}
        variants = {v + o for v in variants for o in options}
    return variants


# A vowel group typed so far is fine if it is a real one, perhaps with marks still to come.
_PLAUSIBLE_NUCLEI = frozenset(v for n in NUCLEI for v in _unmarked_variants(n))


def _parse(plain: str) -> tuple[int, int] | None:
    """Where the vowel group of `plain` (a toneless, lower-case word) starts and ends, or None
    when `plain` cannot be a Vietnamese syllable."""
    i = 0
    while i < len(plain) and plain[i] not in VOWELS:
        i += 1
    j = i
    while j < len(plain) and plain[j] in VOWELS:
        j += 1
    if i == j:
        return None
    onset, nucleus, coda = plain[:i], plain[i:j], plain[j:]
    # The u of "qu" and the i of "gi" (before another vowel) belong to the consonant.
    if onset == "q" and nucleus[0] == "u" and len(nucleus) > 1:
        onset, nucleus, i = "qu", nucleus[1:], i + 1
    elif onset == "g" and nucleus[0] == "i" and len(nucleus) > 1:
        onset, nucleus, i = "gi", nucleus[1:], i + 1
    if onset not in ONSETS or coda not in CODAS or nucleus not in _PLAUSIBLE_NUCLEI:
        return None
    return i, j


def _tone_position(plain: str, start: int, end: int) -> int:
    """The index in `plain` of the vowel that carries the tone."""
    marked = [k for k in range(start, end) if plain[k] in _MARKED_VOWELS]
    if marked:
        return marked[-1]  # ươ → ơ; iê, uô, ây … → the marked one
    size = end - start
    if size == 1:
        return start
    if size == 3:
        return start + 1  # oai, oay, oeo, uya, uyu: the middle
    if end < len(plain):
        return start + 1  # a closed syllable: toán, hoàn, huỳnh
    # An open pair: mái, múa. The classic rule also puts oa, oe, uy here (hòa, khỏe, thúy),
    # as the catalog writes them; the modern one would put them on the second vowel.
    return start


@dataclass
class _Letter:
    """One letter of the word being typed: its base, case and modifier."""

    base: str  # a lower-case ASCII letter, or a digit typed in VNI
    upper: bool
    mod: str = ""
    from_w: bool = False  # an ư typed as a lone Telex w: undoing it gives back the w

    @property
    def plain(self) -> str:
        """The lower-case letter with its modifier (â, ư, đ …), without a tone."""
        return _COMPOSED.get((self.base, self.mod), self.base)

    @property
    def shown(self) -> str:
        """The letter as displayed, in its case."""
        return self.plain.upper() if self.upper else self.plain


@dataclass(frozen=True)
class Replacement:
    """What to do to the text before the cursor: erase `delete` characters, then type `insert`."""

    delete: int
    insert: str

    def is_plain(self, key: str) -> bool:
        """Whether this is just `key` typed as it is (the key event can go through unchanged)."""
        return self.delete == 0 and self.insert == key


@dataclass
class Composer:
    """Composes the word being typed, one key at a time; it keeps only the current word.

    `press()` answers how the text before the cursor changes. The Qt layer owns one per
    attached field and calls `reset()` when the caret moves, the field changes or the session
    ends; nothing here is logged or kept past the word.
    """

    method: InputMethod = InputMethod.TELEX
    _letters: list[_Letter] = field(default_factory=list)
    _tone: int = 0
    _tone_at: int | None = None
    _literal: set[str] = field(default_factory=set)
    _shown: str = ""

    @property
    def word(self) -> str:
        """The word being composed, as it is on screen."""
        return self._shown

    def reset(self) -> None:
        """Forget the word (a new word starts with the next key)."""
        self._letters = []
        self._tone = 0
        self._tone_at = None
        self._literal = set()
        self._shown = ""

    def set_method(self, method: InputMethod) -> None:
        """Switch Telex / VNI / off; the word in progress is forgotten."""
        if method != self.method:
            self.method = InputMethod(method)
            self.reset()

    def is_word_key(self, key: str) -> bool:
        """Whether `key` continues a word (letters; digits too in VNI, where they are marks)."""
        if len(key) != 1 or not key.isascii():
            return False
        return key.isalpha() or (self.method == InputMethod.VNI and key.isdigit())

    def press(self, key: str) -> Replacement:
        """Type `key` (one character) and say how the text before the cursor changes."""
        if not self.is_word_key(key):
            self.reset()
            return Replacement(0, key)
        self._press(key)
        return self._flush()

    def _press(self, key: str) -> None:
        """`key` (a word key) changes the word; rendering is left to the caller."""
        lower = key.lower()
        if self.method == InputMethod.OFF:
            # Kept as typed, but remembered: the on-screen mark keys still work on the word.
            self._letters.append(_Letter(lower, key.isupper()))
            return
        keys = TELEX_KEYS if self.method == InputMethod.TELEX else VNI_KEYS
        mark = keys.get(lower)
        if not (mark is not None and lower not in self._literal and self._apply(mark, key)):
            self._letters.append(_Letter(lower, key.isupper()))
        self._place_tone()

    def mark(self, mark: Mark) -> Replacement:
        """Apply `mark` to the word (an on-screen mark key): no letter is typed, and pressing
        the same mark again takes it off. Without a word, đ and ư start one."""
        if not self._apply(mark, None):
            if mark == Mark.STROKE and not self._letters:
                self._letters.append(_Letter("d", False, _STROKE))
            else:
                return Replacement(0, "")
        self._place_tone()
        return self._flush()

    def backspace(self) -> None:
        """The last character was erased: the word is what remains of it."""
        self.seed(self._shown[:-1])

    def seed(self, word: str) -> None:
        """Continue composing `word`, already on screen before the cursor (e.g. after an erase).
        A word with a character this method cannot compose starts over empty."""
        self.reset()
        letters: list[_Letter] = []
        tone, tone_at = 0, None
        for index, ch in enumerate(word):
            decomposed = unicodedata.normalize("NFD", ch)
            base, extra = decomposed[0], decomposed[1:]
            mod = ""
            if base in "đĐ":
                base, mod = ("D" if base == "Đ" else "d"), _STROKE
            for mark in extra:
                if mark in _COMBINING_MODS:
                    mod = _COMBINING_MODS[mark]
                elif mark in _TONE_CHARS[1:]:
                    tone, tone_at = _TONE_CHARS.index(mark), index
                else:
                    return
            if not self.is_word_key(base):
                return
            letters.append(_Letter(base.lower(), base.isupper(), mod))
        self._letters, self._tone, self._tone_at = letters, tone, tone_at
        self._shown = word

    # -- inside -----------------------------------------------------------------------------

    def _plain(self) -> str:
        return "".join(letter.plain for letter in self._letters)

    def _span(self) -> tuple[int, int] | None:
        return _parse(self._plain())

    def _undone(self, key: str | None) -> bool:
        """A repeated mark key took its mark off: the key is typed as a letter from now on."""
        if key is not None:
            self._letters.append(_Letter(key.lower(), key.isupper()))
            self._literal.add(key.lower())
        return True

    def _apply(self, mark: Mark, key: str | None) -> bool:
        """Apply (or, when repeated, undo) `mark`; False when it does not fit this word."""
        if mark in TONE_MARKS:
            return self._apply_tone(TONE_MARKS.index(mark), key)
        if mark == Mark.CIRCUMFLEX:
            return self._apply_circumflex(key)
        if mark == Mark.STROKE:
            return self._apply_stroke(key)
        return self._apply_horn_or_breve(mark, key)

    def _apply_tone(self, tone: int, key: str | None) -> bool:
        if self._span() is None:
            return False
        if tone == 0:
            if self._tone == 0:
                return False
            self._tone = 0
            return True
        if self._tone == tone:
            self._tone = 0
            return self._undone(key)
        self._tone = tone
        return True

    def _apply_circumflex(self, key: str | None) -> bool:
        span = self._span()
        if span is None:
            return False
        # Telex: aa, ee, oo (the same letter); VNI 6 and the on-screen key: any of a, e, o.
        wanted = {key.lower()} if key is not None and key.isalpha() else {"a", "e", "o"}
        eligible = [k for k in range(*span) if self._letters[k].base in wanted][::-1]
        for k in eligible:
            if self._letters[k].mod == _CIRCUMFLEX:
                self._letters[k].mod = ""
                return self._undone(key)
        return any(self._try({k: _CIRCUMFLEX}) for k in eligible)

    def _apply_stroke(self, key: str | None) -> bool:
        first = self._letters[0] if self._letters else None
        if first is None or first.base != "d":
            return False
        if first.mod == _STROKE:
            first.mod = ""
            return self._undone(key)
        first.mod = _STROKE
        return True

    def _apply_horn_or_breve(self, mark: Mark, key: str | None) -> bool:
        span = self._span()
        if span is None:
            if mark == Mark.HORN_OR_BREVE:  # a lone Telex w is ư
                upper = key.isupper() if key is not None else False
                self._letters.append(_Letter("u", upper, _HORN, from_w=True))
                if self._span() is not None:
                    return True
                self._letters.pop()
            return False
        for group in self._horn_groups(span, mark):
            if all(self._letters[k].mod == mod for k, mod in group.items()):
                return self._undo_horn(group, key)
            if self._try(group):
                return True
        return False

    def _horn_groups(self, span: tuple[int, int], mark: Mark) -> list[dict[int, str]]:
        """Where a horn or breve could go, most likely first: ươ together, then u, o, a."""
        letters = self._letters
        inside = range(*span)
        bases = [letters[k].base for k in inside]
        groups: list[dict[int, str]] = []
        if mark in (Mark.HORN_OR_BREVE, Mark.HORN):
            for k in inside:
                if k + 1 < span[1] and letters[k].base == "u" and letters[k + 1].base == "o":
                    groups.append({k: _HORN, k + 1: _HORN})
                    break
            if "u" in bases:
                groups.append({span[0] + bases.index("u"): _HORN})
            if "o" in bases:
                groups.append({span[0] + len(bases) - 1 - bases[::-1].index("o"): _HORN})
        if mark in (Mark.HORN_OR_BREVE, Mark.BREVE) and "a" in bases:
            groups.append({span[0] + len(bases) - 1 - bases[::-1].index("a"): _BREVE})
        return groups

    def _undo_horn(self, group: dict[int, str], key: str | None) -> bool:
        from_w = [k for k in group if self._letters[k].from_w]
        for k in group:
            self._letters[k].mod = ""
        if from_w and key is not None:
            # "ww": the ư that a lone w made turns back into that w.
            self._letters[from_w[0]] = _Letter(key.lower(), key.isupper())
            self._literal.add(key.lower())
            return True
        return self._undone(key)

    def _try(self, mods: dict[int, str]) -> bool:
        """Set `mods` if the word stays a possible syllable; otherwise leave it as it was."""
        before = {k: self._letters[k].mod for k in mods}
        for k, mod in mods.items():
            self._letters[k].mod = mod
        if self._span() is not None:
            return True
        for k, mod in before.items():
            self._letters[k].mod = mod
        return False

    def _place_tone(self) -> None:
        """Find the vowel that carries the tone; a word that stopped being a syllable keeps
        its tone where it was."""
        if self._tone:
            plain = self._plain()
            span = _parse(plain)
            if span is not None:
                self._tone_at = _tone_position(plain, *span)

    def _render(self) -> str:
        chars = [letter.shown for letter in self._letters]
        at = self._tone_at
        if self._tone and at is not None and at < len(chars):
            chars[at] = unicodedata.normalize("NFC", chars[at] + _TONE_CHARS[self._tone])
        return "".join(chars)

    def _flush(self) -> Replacement:
        new, old = self._render(), self._shown
        same = 0
        while same < min(len(new), len(old)) and new[same] == old[same]:
            same += 1
        self._shown = new
        return Replacement(len(old) - same, new[same:])


def compose(keys: str, method: InputMethod = InputMethod.TELEX) -> str:
    """The text that typing `keys` one by one produces (NFC).

    The same as applying each `Composer.press()` answer in turn, but a word is rendered only
    when it ends, which makes it fast enough for search to read a whole query.
    """
    out: list[str] = []
    composer = Composer(method)
    for key in keys:
        if composer.is_word_key(key):
            composer._press(key)
        else:
            out.append(composer._render())
            composer.reset()
            out.append(key)
    out.append(composer._render())
    return "".join(out)


_TELEX_MOD_KEYS = {_CIRCUMFLEX: None, _BREVE: "w", _HORN: "w", _STROKE: "d"}
_VNI_MOD_KEYS = {_CIRCUMFLEX: "6", _BREVE: "8", _HORN: "7", _STROKE: "9"}
_TELEX_TONE_KEYS = ("", "s", "f", "r", "x", "j")
_VNI_TONE_KEYS = ("", "1", "2", "3", "4", "5")


def keys_for(text: str, method: InputMethod = InputMethod.TELEX) -> str:
    """The keys a resident would type for `text`: letter, its mark key, and the word's tone
    key at the end of the word ("Nguyễn" → "Nguyeenx" in Telex, "Nguye6n4" in VNI)."""
    if method == InputMethod.OFF:
        return text
    telex = method == InputMethod.TELEX
    out: list[str] = []
    tone_key = ""
    for ch in text + " ":
        decomposed = unicodedata.normalize("NFD", ch)
        base, extra = decomposed[0], decomposed[1:]
        mod = ""
        if base in "đĐ":
            base, mod = ("D" if base == "Đ" else "d"), _STROKE
        is_letter = base.isascii() and base.isalpha()
        if not is_letter:
            out.append(tone_key)
            tone_key = ""
            out.append(ch)
            continue
        out.append(base)
        for mark in extra:
            if mark in _COMBINING_MODS:
                mod = _COMBINING_MODS[mark]
            elif mark in _TONE_CHARS[1:]:
                tones = _TELEX_TONE_KEYS if telex else _VNI_TONE_KEYS
                tone_key = tones[_TONE_CHARS.index(mark)]
        if mod:
            mod_key = (_TELEX_MOD_KEYS if telex else _VNI_MOD_KEYS)[mod]
            out.append(base.lower() if mod_key is None else mod_key)
    return "".join(out)[:-1]


ECHO_CHARS = 40  # the echo line shows the end of what was typed, this many characters


@dataclass
class TypedEcho:
    """What the on-screen keyboard has typed into the focused field since it got the focus,
    composed as the field composes it (the same Composer rules), so the kiosk can show it
    large above the keys: a resident whose field is under her hand, or far down a page, sees
    her words as they form.

    It lives in memory only, holds nothing the physical keyboard typed and nothing the page
    already had, and is cleared when the focus moves to another field, the keyboard hides or
    the session ends (the Qt keyboard calls `clear`). The keyboard never opens over ID-number,
    phone, OTP or password fields, so their digits never reach it.
    """

    _typed: str = ""
    _composer: Composer = field(default_factory=Composer)

    @property
    def text(self) -> str:
        """The end of what was typed (at most ECHO_CHARS characters)."""
        return self._typed[-ECHO_CHARS:]

    def clear(self) -> None:
        """Forget everything typed (focus moved, keyboard hidden, session over)."""
        self._typed = ""
        self._composer.reset()

    def set_method(self, method: InputMethod) -> None:
        """Follow the resident's Telex / VNI / Tắt choice."""
        self._composer.set_method(method)

    def key(self, char: str) -> None:
        """A letter or the space key, as typed into the field."""
        self._change(self._composer.press(char))

    def mark(self, mark: Mark) -> None:
        """A mark key on the word before the cursor."""
        self._change(self._composer.mark(mark))

    def erase(self) -> None:
        """The erase key: one character back."""
        self._typed = self._typed[:-1]
        self._composer.backspace()

    def _change(self, change: Replacement) -> None:
        kept = self._typed[: len(self._typed) - change.delete] if change.delete else self._typed
        self._typed = kept + change.insert
