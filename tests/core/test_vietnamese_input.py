"""Tests for the Telex/VNI composition core: keys in, NFC Vietnamese out, as Unikey types."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.catalog.loader import load_catalog
from kiosk.paths import resources_dir
from kiosk.vietnamese_input import (
    Composer,
    InputMethod,
    Mark,
    Replacement,
    compose,
    keys_for,
)

TELEX, VNI, OFF = InputMethod.TELEX, InputMethod.VNI, InputMethod.OFF

# Written out here rather than taken from the module, so the tables are an independent spec.
VOWEL_KEYS = {  # vowel: (Telex keys, VNI keys)
    "a": ("a", "a"),
    "ă": ("aw", "a8"),
    "â": ("aa", "a6"),
    "e": ("e", "e"),
    "ê": ("ee", "e6"),
    "i": ("i", "i"),
    "o": ("o", "o"),
    "ô": ("oo", "o6"),
    "ơ": ("ow", "o7"),
    "u": ("u", "u"),
    "ư": ("uw", "u7"),
    "y": ("y", "y"),
}
TONES = {  # combining mark: (Telex key, VNI key)
    "": ("", ""),
    "\u0301": ("s", "1"),  # sắc
    "\u0300": ("f", "2"),  # huyền
    "\u0309": ("r", "3"),  # hỏi
    "\u0303": ("x", "4"),  # ngã
    "\u0323": ("j", "5"),  # nặng
}


def _every_vowel_with_every_tone() -> list[tuple[str, str, str]]:
    """(Telex keys, VNI keys, expected) for each vowel alone and after 'b', with each tone."""
    cases = []
    for vowel, (telex, vni) in VOWEL_KEYS.items():
        for mark, (t_tone, v_tone) in TONES.items():
            letter = unicodedata.normalize("NFC", vowel + mark)
            cases.append((telex + t_tone, vni + v_tone, letter))
            cases.append(("b" + telex + t_tone, "b" + vni + v_tone, "b" + letter))
    return cases


VOWEL_TONE_CASES = _every_vowel_with_every_tone()

TELEX_WORDS = [
    # the example, names and everyday words
    ("Nguyeenx Thij Hoaf", "Nguyễn Thị Hòa"),
    ("Traanf Thij Ngocj Bichs", "Trần Thị Ngọc Bích"),
    ("Leee Vawn Thuwowngr", "Lee Văn Thưởng"),
    ("Le Vawn Thuwowngr", "Le Văn Thưởng"),
    ("Phamj Hoangf Yeesn Nhi", "Phạm Hoàng Yến Nhi"),
    ("DDawngj Quoocs Khair", "Đặng Quốc Khải"),
    ("ddawng kys tamj truus", "đăng ký tạm trúu"),
    ("ddawng kys tamj trus", "đăng ký tạm trú"),
    ("Vieetj Nam", "Việt Nam"),
    ("tieengs Vieetj", "tiếng Việt"),
    ("nguwowif", "người"),
    ("nguoiwf", "người"),
    ("truwowngf", "trường"),
    ("truowngf", "trường"),
    ("dduwowngf", "đường"),
    ("giuwowngf", "giường"),
    ("ruwowuj", "rượu"),
    ("khuyeens", "khuyến"),
    ("chuyeenr", "chuyển"),
    ("quoocs", "quốc"),
    ("quaan", "quân"),
    ("quys", "quý"),
    ("gif", "gì"),
    ("giaf", "già"),
    ("gioos", "giố"),
    ("xoawn", "xoăn"),
    ("khoaii", "khoaii"),
    ("khoais", "khoái"),
    ("xoays", "xoáy"),
    ("ngoeoj", "ngoẹo"),
    ("khuyur", "khuỷu"),
    ("cuwus", "cứu"),
    ("muwa", "mưa"),
    ("muaw", "mưa"),
    ("thuee", "thuê"),
    ("hueesr", "huể"),
    ("boong", "bông"),
    ("xooong", "xoong"),
    ("hoaf", "hòa"),
    ("hoafn", "hoàn"),
    ("toans", "toán"),
    ("khoer", "khỏe"),
    ("thuys", "thúy"),
    ("huyf", "hùy"),
    ("huyfnh", "huỳnh"),
    ("maiss", "mais"),
    ("muaf", "mùa"),
    ("mias", "mía"),
    ("chaof", "chào"),
    ("caauf", "cầu"),
    ("caay", "cây"),
    ("tooi", "tôi"),
    ("mowis", "mới"),
    ("cais", "cái"),
    ("leex", "lễ"),
    ("phis", "phí"),
    ("ddeemf", "đềm"),
    ("ddi", "đi"),
    ("Ddi", "Đi"),
    ("DDI", "ĐI"),
    # free marking: the mark key comes after the word's last letter
    ("tieengs", "tiếng"),
    ("tiengse", "tiếng"),
    ("vietej", "việt"),
    ("tana", "tân"),
    ("dangwf", "dằng"),
    ("duongwf", "dường"),
    ("did", "đi"),
    # undo by repeating the key
    ("ass", "as"),
    ("asss", "ass"),
    ("aff", "af"),
    ("arr", "ar"),
    ("axx", "ax"),
    ("ajj", "aj"),
    ("aaa", "aa"),
    ("aaaa", "aaa"),
    ("eee", "ee"),
    ("ooo", "oo"),
    ("aww", "aw"),
    ("oww", "ow"),
    ("uww", "uw"),
    ("ww", "w"),
    ("www", "ww"),
    ("ddd", "dd"),
    ("uoww", "uow"),
    ("tieengss", "tiêngs"),
    ("asz", "a"),
    ("az", "az"),
    ("asf", "à"),
    ("asfr", "ả"),
    # w alone and w after consonants
    ("w", "ư"),
    ("W", "Ư"),
    ("tw", "tư"),
    ("nhwngx", "những"),
    ("uow", "ươ"),
    ("uo", "uo"),
    # capitals kept
    ("NGUYEENX", "NGUYỄN"),
    ("Nguyeenx", "Nguyễn"),
    ("NguyeEnx", "Nguyễn"),
    ("HOAF", "HÒA"),
    ("DDAWNGJ", "ĐẶNG"),
    ("Dd", "Đ"),
    ("dD", "đ"),
    ("AS", "Á"),
    ("As", "Á"),
    ("AW", "Ă"),
    ("OWF", "Ờ"),
    ("UW", "Ư"),
    ("Ee", "Ê"),
    # digits pass through and end the word
    ("abc123", "abc123"),
    ("Phongf 12A", "Phòng 12A"),
    ("12", "12"),
    ("a1s", "a1s"),
    ("0912345678", "0912345678"),
    ("038185012947", "038185012947"),
    ("hoaf2", "hòa2"),
    ("tooi 25 tuooir", "tôi 25 tuổi"),
    # words that are not Vietnamese stay as typed
    ("email", "email"),
    ("gmail", "gmail"),
    ("yahoo", "yahoo"),
    ("bank", "bank"),
    ("facebook", "facebook"),
    ("VNeID", "VNeID"),
    ("ks", "ks"),
    ("s", "s"),
    ("x", "x"),
    ("z", "z"),
    ("passsport", "passport"),
    # punctuation and spaces end the word
    ("a, as. ass!", "a, á. as!"),
    ("ddi-ddeen", "đi-đên"),
    ("hoaf/vieetj", "hòa/việt"),
    ("as s", "á s"),
    ("tamj  truss", "tạm  trus"),
    ("", ""),
    (" ", " "),
]

VNI_WORDS = [
    ("Nguye6n4 Thi5 Hoa2", "Nguyễn Thị Hòa"),
    ("Tra6n2 Thi5 Ngoc5 Bich1", "Trần Thị Ngọc Bích"),
    ("D9a8ng5 Quo6c1 Khai3", "Đặng Quốc Khải"),
    ("d9a8ng ky1 ta5m tru1", "đăng ký tạm trú"),
    ("ta5m tru1", "tạm trú"),
    ("Vie6t5 Nam", "Việt Nam"),
    ("Viet65 Nam", "Việt Nam"),
    ("ngu7o7i2", "người"),
    ("nguoi72", "người"),
    ("tru7o7ng2", "trường"),
    ("truong72", "trường"),
    ("d9u7o7ng2", "đường"),
    ("ru7o7u5", "rượu"),
    ("khuye6n1", "khuyến"),
    ("quo6c1", "quốc"),
    ("qua6n", "quân"),
    ("quy1", "quý"),
    ("gi2", "gì"),
    ("gia2", "già"),
    ("xoa8n", "xoăn"),
    ("khoai1", "khoái"),
    ("khuyu3", "khuỷu"),
    ("cu7u1", "cứu"),
    ("mu7a", "mưa"),
    ("mua7", "mưa"),
    ("thue6", "thuê"),
    ("hoa2", "hòa"),
    ("hoan2", "hoàn"),
    ("khoe3", "khỏe"),
    ("thuy1", "thúy"),
    ("mua2", "mùa"),
    ("cho6i", "chôi"),
    ("to6i", "tôi"),
    ("mo7i1", "mới"),
    ("d9i", "đi"),
    ("di9", "đi"),
    ("D9I", "ĐI"),
    # undo by repeating the key
    ("a11", "a1"),
    ("a111", "a11"),
    ("a22", "a2"),
    ("a33", "a3"),
    ("a44", "a4"),
    ("a55", "a5"),
    ("a66", "a6"),
    ("a88", "a8"),
    ("o77", "o7"),
    ("u77", "u7"),
    ("d99", "d9"),
    ("uo77", "uo7"),
    ("a10", "a"),
    ("a0", "a0"),
    ("a12", "à"),
    # capitals kept
    ("NGUYE6N4", "NGUYỄN"),
    ("HOA2", "HÒA"),
    ("A1", "Á"),
    ("U7", "Ư"),
    ("O7", "Ơ"),
    ("A8", "Ă"),
    ("E6", "Ê"),
    # digits that are not marks stay digits
    ("0912345678", "0912345678"),
    ("038185012947", "038185012947"),
    ("12", "12"),
    ("abc123", "abc123"),
    ("7", "7"),
    ("b1", "b1"),
    ("Phong2 12A", "Phòng 12A"),
    ("to6i 25 tuo6i3", "tôi 25 tuổi"),
    ("a6a6", "âa6"),
    # letters that are Telex keys are plain letters in VNI
    ("aa", "aa"),
    ("as", "as"),
    ("dd", "dd"),
    ("w", "w"),
    ("email", "email"),
    ("yahoo", "yahoo"),
    ("Hoa2, vie6t5!", "Hòa, việt!"),
    ("", ""),
]


@pytest.mark.parametrize(("telex", "vni", "expected"), VOWEL_TONE_CASES)
def test_every_vowel_takes_every_tone_in_both_methods(telex: str, vni: str, expected: str) -> None:
    """Each of the 12 vowels with each of the 5 tones (and none), alone and after a consonant,
    composes to the one NFC letter in Telex and in VNI."""
    assert compose(telex, TELEX) == expected
    assert compose(vni, VNI) == expected


@pytest.mark.parametrize(("keys", "expected"), TELEX_WORDS)
def test_telex_words(keys: str, expected: str) -> None:
    """Telex key sequences compose as Unikey does (marks, đ, undo by repeat, capitals, digits)."""
    out = compose(keys, TELEX)
    assert out == expected
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(("keys", "expected"), VNI_WORDS)
def test_vni_words(keys: str, expected: str) -> None:
    """VNI key sequences compose as Unikey does; digits that mark nothing stay digits."""
    out = compose(keys, VNI)
    assert out == expected
    assert unicodedata.is_normalized("NFC", out)


def test_there_are_at_least_200_word_cases_for_each_method() -> None:
    """The tables keep at least 200 cases per method (the acceptance bar of issue #16)."""
    assert len(VOWEL_TONE_CASES) + len(TELEX_WORDS) >= 200
    assert len(VOWEL_TONE_CASES) + len(VNI_WORDS) >= 200


def test_off_passes_everything_through() -> None:
    """With typing off, keys are text as they are."""
    assert compose("Nguyeenx Thij Hoaf 123", OFF) == "Nguyeenx Thij Hoaf 123"


def _catalog_words() -> set[str]:
    catalog = load_catalog(resources_dir() / "catalog")
    texts: list[str] = []
    for p in catalog.procedures.values():
        texts += [p.name.vi, p.short_name.vi, p.summary.vi, p.who.vi, *p.everyday_words]
        texts += [s.title.vi + " " + s.body.vi for s in p.steps]
    return {w for t in texts for w in re.findall(r"\w+", t) if not w.isdigit()}


CATALOG_WORDS = sorted(_catalog_words())


@pytest.mark.parametrize("method", [TELEX, VNI])
def test_every_vietnamese_word_of_the_catalog_can_be_typed(method: InputMethod) -> None:
    """Every word with diacritics in the catalog's texts comes out exactly as written when its
    keys are typed (letter, mark key, tone key at the end of the word) — which also holds the
    catalog and the input method to one tone placement (classic: hòa, khỏe, thúy)."""
    marked = [w for w in CATALOG_WORDS if not w.isascii()]
    assert len(marked) > 500
    wrong = [(w, keys_for(w, method), compose(keys_for(w, method), method)) for w in marked]
    wrong = [case for case in wrong if case[0] != case[2]]
    assert wrong == []


def test_keys_for_gives_what_residents_type() -> None:
    """keys_for() writes the keys as a resident types them, tone key at the end of each word."""
    assert keys_for("Nguyễn Thị Hòa", TELEX) == "Nguyeenx Thij Hoaf"
    assert keys_for("Nguyễn Thị Hòa", VNI) == "Nguye6n4 Thi5 Hoa2"
    assert keys_for("đường, 12", TELEX) == "dduwowngf, 12"


def test_a_key_answers_the_smallest_replacement() -> None:
    """press() says how many characters to erase and what to type: a plain letter is itself; a
    tone key rewrites only the vowel it lands on and what follows it."""
    c = Composer(TELEX)
    assert c.press("h") == Replacement(0, "h")
    assert c.press("o").is_plain("o")
    assert c.press("a") == Replacement(0, "a")
    assert c.press("f") == Replacement(2, "òa")
    assert c.word == "hòa"
    assert c.press("n") == Replacement(2, "oàn")
    assert c.press(" ") == Replacement(0, " ")
    assert c.word == ""


def test_backspace_continues_the_shortened_word() -> None:
    """After an erase, marks still apply to what is left of the word ("hòa⌫" + "s" → "hó")."""
    c = Composer(TELEX)
    for key in "hoaf":
        c.press(key)
    c.backspace()
    assert c.word == "hò"
    assert c.press("s") == Replacement(1, "ó")
    c.backspace()
    c.backspace()
    assert c.word == ""
    assert c.press("a") == Replacement(0, "a")


def test_seeding_from_text_on_screen() -> None:
    """A word already on screen (typed earlier, or with a real input method) takes new marks."""
    c = Composer(TELEX)
    c.seed("Viêt")
    assert c.press("j") == Replacement(2, "ệt")
    c.seed("đươ")
    assert c.press("n") == Replacement(0, "n")
    assert c.press("g") == Replacement(0, "g")
    assert c.press("f") == Replacement(3, "ờng")
    c.seed("abc!")  # not a word: start over
    assert c.word == ""


def test_on_screen_marks_apply_without_typing_a_letter() -> None:
    """mark() is what the on-screen keyboard's mark keys do: the same mark twice takes it off,
    and đ or ư start a word."""
    c = Composer(OFF)  # the on-screen marks work even with physical-key typing off
    c.press("a")
    assert c.mark(Mark.CIRCUMFLEX) == Replacement(1, "â")
    assert c.mark(Mark.ACUTE) == Replacement(1, "ấ")
    assert c.mark(Mark.ACUTE) == Replacement(1, "â")
    c = Composer(TELEX)
    assert c.mark(Mark.STROKE) == Replacement(0, "đ")
    c.reset()
    assert c.mark(Mark.HORN_OR_BREVE) == Replacement(0, "ư")
    c.reset()
    assert c.mark(Mark.ACUTE) == Replacement(0, "")  # nothing to mark


def test_switching_method_forgets_the_word() -> None:
    """A new method starts a new word."""
    c = Composer(TELEX)
    c.press("a")
    c.set_method(VNI)
    assert c.word == ""
    assert c.press("a") == Replacement(0, "a")
    assert c.press("1") == Replacement(1, "á")


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30), st.sampled_from([TELEX, VNI, OFF]))
def test_any_keys_give_nfc_text_and_never_raise(keys: str, method: InputMethod) -> None:
    """Whatever is typed (any Unicode, control characters), the result is NFC text (when the
    keys were), and keys that are not letters (or VNI digits) come out unchanged."""
    assume(unicodedata.is_normalized("NFC", keys))
    out = compose(keys, method)
    assert unicodedata.is_normalized("NFC", out)
    ours = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    assert [ch for ch in out if ch not in ours and ch.isascii()] == [
        ch for ch in keys if ch not in ours and ch.isascii()
    ]


def _replay(keys: str, method: InputMethod) -> str:
    """Apply each press() answer to a text, as the Qt layer does in a field."""
    text = ""
    composer = Composer(method)
    for key in keys:
        change = composer.press(key)
        text = text[: len(text) - change.delete] + change.insert
    return text


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="aAdeEioOuUwWyYsfrxjzbnghtq0123456789 .,", max_size=24),
    st.sampled_from([TELEX, VNI, OFF]),
)
def test_key_by_key_replacements_give_the_same_text_as_compose(
    keys: str, method: InputMethod
) -> None:
    """What the Qt layer delivers key by key (erase n, type s) adds up to compose(keys)."""
    assert _replay(keys, method) == compose(keys, method)


def test_the_keyboards_echo_composes_as_the_field_does_and_forgets_on_clear() -> None:
    """The on-screen keyboard's echo line (shown large above the keys) composes the keys it
    typed with the field's rules, follows the method, erases, and keeps nothing past clear."""
    from kiosk.vietnamese_input import ECHO_CHARS, TypedEcho

    echo = TypedEcho()
    for key in "Nguyeenx Thij Hoaf":
        echo.key(key)
    assert echo.text == "Nguyễn Thị Hòa"
    echo.erase()
    assert echo.text == "Nguyễn Thị Hò"
    echo.clear()
    assert echo.text == ""
    echo.set_method(InputMethod.OFF)
    for key in "Hoa":
        echo.key(key)
    echo.mark(Mark.GRAVE)  # mark keys work whatever the method
    assert echo.text == "Hòa"
    echo.clear()
    for key in "a" * (ECHO_CHARS + 5):
        echo.key(key)
    assert echo.text == "a" * ECHO_CHARS, "only the end of a long text is shown"
