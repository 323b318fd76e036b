"""Tests for the rules that judge inputs in the VNeID activation practice."""

from __future__ import annotations

import pytest

from kiosk.practice import check_otp, check_passcode, check_phone, password_rules


@pytest.mark.parametrize(
    "text", ["0912345678", "091 234 5678", "0358.123.456", "+84 912 345 678", "0701234567"]
)
def test_vietnamese_mobile_numbers_pass(text: str) -> None:
    """10-digit mobiles starting 03/05/07/08/09 pass, with spaces or the +84 form."""
    assert check_phone(text) is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "Hãy nhập"),
        ("09123abc78", "chỉ gồm chữ số"),
        ("091234567", "Bạn đã nhập 9 số"),
        ("09123456789", "Bạn đã nhập 11 số"),
        ("0212345678", "03, 05, 07, 08 hoặc 09"),
        ("1912345678", "03, 05, 07, 08 hoặc 09"),
    ],
)
def test_wrong_phone_numbers_get_a_calm_reason(text: str, hint: str) -> None:
    """Each wrong phone number is explained in Vietnamese, with English too."""
    message = check_phone(text)
    assert message is not None and hint in message.vi and message.en


def test_otp_needs_exactly_six_digits() -> None:
    """A 6-digit OTP passes (spaces allowed); empty, letters or wrong length are explained."""
    assert check_otp("123456") is None
    assert check_otp("123 456") is None
    for text, hint in (("", "Hãy nhập"), ("12a456", "chỉ gồm chữ số"), ("12345", "5 số")):
        message = check_otp(text)
        assert message is not None and hint in message.vi


def test_password_rules_list_each_requirement() -> None:
    """The checklist has the five portal rules, each ticked independently."""
    assert [r.ok for r in password_rules("")] == [False] * 5
    assert [r.ok for r in password_rules("abcdefgh")] == [True, False, True, False, False]
    assert [r.ok for r in password_rules("Abcdef1!")] == [True] * 5
    assert [r.ok for r in password_rules("ABC 1")] == [False, True, False, True, False]
    labels = [r.label.vi for r in password_rules("x")]
    assert labels[0] == "Ít nhất 8 ký tự" and all(r.label.en for r in password_rules("x"))


@pytest.mark.parametrize("text", ["482915", "730 518", "102938"])
def test_good_passcodes_pass(text: str) -> None:
    """Six digits that are not an obvious pattern pass."""
    assert check_passcode(text) is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "Hãy chọn"),
        ("12345", "Bạn đã nhập 5 số"),
        ("1234567", "Bạn đã nhập 7 số"),
        ("12a456", "chỉ gồm chữ số"),
        ("123456", "dễ đoán"),
        ("000000", "dễ đoán"),
        ("654321", "dễ đoán"),
        ("121212", "dễ đoán"),
        ("123123", "dễ đoán"),
    ],
)
def test_bad_passcodes_are_explained(text: str, hint: str) -> None:
    """Wrong length, letters, and easy sequences like 123456/000000 get a calm sentence."""
    message = check_passcode(text)
    assert message is not None and hint in message.vi and message.en
