"""Tests for the rules that judge inputs in the VNeID activation practice."""

from __future__ import annotations

import pytest

from kiosk.practice import (
    Answer,
    PasswordRule,
    PracticeProblem,
    check_otp,
    check_passcode,
    check_phone,
    password_rules,
)


@pytest.mark.parametrize(
    "text", ["0912345678", "091 234 5678", "0358.123.456", "+84 912 345 678", "0701234567"]
)
def test_vietnamese_mobile_numbers_pass(text: str) -> None:
    """10-digit mobiles starting 03/05/07/08/09 pass, with spaces or the +84 form."""
    assert check_phone(text) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("", Answer(PracticeProblem.PHONE_EMPTY)),
        ("09123abc78", Answer(PracticeProblem.PHONE_NOT_DIGITS)),
        ("091234567", Answer(PracticeProblem.PHONE_LENGTH, 9)),
        ("09123456789", Answer(PracticeProblem.PHONE_LENGTH, 11)),
        ("0212345678", Answer(PracticeProblem.PHONE_PREFIX)),
        ("1912345678", Answer(PracticeProblem.PHONE_PREFIX)),
    ],
)
def test_wrong_phone_numbers_get_their_reason(text: str, answer: Answer) -> None:
    """Each wrong phone number gets the code of what to fix (and the digit count typed)."""
    assert check_phone(text) == answer


def test_otp_needs_exactly_six_digits() -> None:
    """A 6-digit OTP passes (spaces allowed); empty, letters or wrong length are explained."""
    assert check_otp("123456") is None
    assert check_otp("123 456") is None
    assert check_otp("") == Answer(PracticeProblem.OTP_EMPTY)
    assert check_otp("12a456") == Answer(PracticeProblem.OTP_NOT_DIGITS)
    assert check_otp("12345") == Answer(PracticeProblem.OTP_LENGTH, 5)


def test_password_rules_list_each_requirement() -> None:
    """The checklist has the five portal rules, each ticked independently."""
    assert [r.ok for r in password_rules("")] == [False] * 5
    assert [r.ok for r in password_rules("abcdefgh")] == [True, False, True, False, False]
    assert [r.ok for r in password_rules("Abcdef1!")] == [True] * 5
    assert [r.ok for r in password_rules("ABC 1")] == [False, True, False, True, False]
    assert [r.rule for r in password_rules("x")] == list(PasswordRule)


@pytest.mark.parametrize("text", ["482915", "730 518", "102938"])
def test_good_passcodes_pass(text: str) -> None:
    """Six digits that are not an obvious pattern pass."""
    assert check_passcode(text) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("", Answer(PracticeProblem.PASSCODE_EMPTY)),
        ("12345", Answer(PracticeProblem.PASSCODE_LENGTH, 5)),
        ("1234567", Answer(PracticeProblem.PASSCODE_LENGTH, 7)),
        ("12a456", Answer(PracticeProblem.PASSCODE_NOT_DIGITS)),
        ("123456", Answer(PracticeProblem.PASSCODE_EASY)),
        ("000000", Answer(PracticeProblem.PASSCODE_EASY)),
        ("654321", Answer(PracticeProblem.PASSCODE_EASY)),
        ("121212", Answer(PracticeProblem.PASSCODE_EASY)),
        ("123123", Answer(PracticeProblem.PASSCODE_EASY)),
    ],
)
def test_bad_passcodes_are_explained(text: str, answer: Answer) -> None:
    """Wrong length, letters, and easy sequences like 123456/000000 each get their code."""
    assert check_passcode(text) == answer
