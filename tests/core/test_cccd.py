"""Tests for reading the 12-digit personal ID number on the practice screen."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cccd import PROVINCE_NOW, PROVINCES, CccdError, CccdProblem, parse_cccd

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "code", "name", "now", "sex", "year"),
    [
        ("079203001234", "079", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh", "nam", 2003),
        ("001185004321", "001", "TP. Hà Nội", "TP. Hà Nội", "nu", 1985),
        ("074056123456", "074", "Bình Dương", "TP. Hồ Chí Minh", "nam", 1956),
        ("046312999999", "046", "Thừa Thiên Huế", "TP. Huế", "nu", 2012),
        ("036090000001", "036", "Nam Định", "Ninh Bình", "nam", 1990),
        ("096199000000", "096", "Cà Mau", "Cà Mau", "nu", 1999),
        ("077300000777", "077", "Bà Rịa – Vũng Tàu", "TP. Hồ Chí Minh", "nu", 2000),
    ],
)
def test_valid_numbers_are_split_into_their_parts(
    text: str, code: str, name: str, now: str, sex: str, year: int
) -> None:
    """Valid numbers from several provinces, both centuries and both sexes give the right parts."""
    parts = parse_cccd(text, today=TODAY)
    assert parts.digits == text
    assert parts.province_code == code
    assert parts.province_name == name
    assert parts.province_now == now
    assert parts.sex == sex
    assert parts.birth_year == year
    assert parts.grouped == f"{text[:3]} {text[3]} {text[4:6]} {text[6:]}"


@pytest.mark.parametrize(
    "text", ["079 2 03 001234", "079.203.001.234", "079-203-001234", " 0792030 01234 "]
)
def test_spaces_dots_and_dashes_between_groups_are_accepted(text: str) -> None:
    """Residents copy the number with separators; they are ignored."""
    assert parse_cccd(text, today=TODAY).grouped == "079 2 03 001234"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", CccdProblem.EMPTY),
        ("  - ", CccdProblem.EMPTY),
        ("07920300123A", CccdProblem.HAS_LETTERS),
        ("079/203/001234", CccdProblem.HAS_LETTERS),
        ("０７９２０３００１２３４", CccdProblem.HAS_LETTERS),
        ("023456789", CccdProblem.OLD_CMND),
        ("07920300123", CccdProblem.TOO_SHORT),
        ("0792030012345", CccdProblem.TOO_LONG),
        ("003203001234", CccdProblem.UNKNOWN_PROVINCE),
        ("999203001234", CccdProblem.UNKNOWN_PROVINCE),
        ("079403001234", CccdProblem.BAD_CENTURY),
        ("079903001234", CccdProblem.BAD_CENTURY),
        ("079230001234", CccdProblem.FUTURE_YEAR),
        ("079399001234", CccdProblem.FUTURE_YEAR),
    ],
)
def test_each_mistake_has_its_own_code(text: str, code: CccdProblem) -> None:
    """Every kind of mistake is named by its own code (ui/messages.py words each one)."""
    with pytest.raises(CccdError) as info:
        parse_cccd(text, today=TODAY)
    assert info.value.code is code
    assert isinstance(info.value, ValueError)


def test_too_short_says_how_many_digits_were_typed() -> None:
    """The error counts the digits so the screen can say one is missing."""
    with pytest.raises(CccdError) as info:
        parse_cccd("07920300123", today=TODAY)
    assert (info.value.code, info.value.count) == (CccdProblem.TOO_SHORT, 11)


def test_errors_and_repr_do_not_carry_the_number() -> None:
    """Neither an error's text nor the parts' repr can leak the ID number into a log."""
    for text in ("999203001234", "079230001234", "07920300123X"):
        with pytest.raises(CccdError) as info:
            parse_cccd(text, today=TODAY)
        assert "001234" not in str(info.value) and "001234" not in repr(info.value)
    parts = parse_cccd("079203001234", today=TODAY)
    assert "001234" not in repr(parts)


def test_birth_year_this_year_is_accepted() -> None:
    """A baby born this year has a valid number (only later years are in the future)."""
    assert parse_cccd("079226000001", today=TODAY).birth_year == 2026


def test_every_old_province_has_a_province_today() -> None:
    """The merger table covers all 63 old codes and gives 34 provinces."""
    assert len(PROVINCES) == 63
    assert set(PROVINCE_NOW) == set(PROVINCES)
    assert len(set(PROVINCE_NOW.values())) == 34


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 .-aZ/", max_size=20))
def test_any_input_parses_or_raises_cccd_error(text: str) -> None:
    """Typed input either parses or raises CccdError; nothing else escapes to the screen."""
    try:
        parts = parse_cccd(text, today=TODAY)
    except CccdError as exc:
        assert exc.code in CccdProblem
    else:
        assert len(parts.digits) == 12 and parts.birth_year <= TODAY.year
