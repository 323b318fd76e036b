"""Judging what a resident types in the VNeID activation practice: what is wrong, as a code.

The practice lets residents try the real form safely before doing it on their phone. Inputs stay
in the widgets' memory; this module only looks at them and never logs, stores or sends them. It
answers with codes (and a digit count where the sentence needs one); the UI says them in the
resident's language (ui/messages.py).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum

PHONE_LENGTH = 10
# Vietnamese mobile prefixes since the 2018 renumbering: 03x, 05x, 07x, 08x, 09x.
MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
OTP_LENGTH = 6
PASSCODE_LENGTH = 6
PASSWORD_MIN_LENGTH = 8
_SPACES = re.compile(r"[\s.\-]+")


class PracticeProblem(StrEnum):
    """What is wrong with one practice input."""

    PHONE_EMPTY = "phone-empty"
    PHONE_NOT_DIGITS = "phone-not-digits"
    PHONE_LENGTH = "phone-length"
    PHONE_PREFIX = "phone-prefix"
    OTP_EMPTY = "otp-empty"
    OTP_NOT_DIGITS = "otp-not-digits"
    OTP_LENGTH = "otp-length"
    PASSCODE_EMPTY = "passcode-empty"
    PASSCODE_NOT_DIGITS = "passcode-not-digits"
    PASSCODE_LENGTH = "passcode-length"
    PASSCODE_EASY = "passcode-easy"


@dataclass(frozen=True)
class Answer:
    """A practice input judged wrong: the problem, and how many digits were typed (or 0)."""

    problem: PracticeProblem
    count: int = 0


class PasswordRule(StrEnum):
    """The portal's password requirements, in the order the checklist shows them."""

    LENGTH = "length"
    UPPER = "upper"
    LOWER = "lower"
    DIGIT = "digit"
    SPECIAL = "special"


@dataclass(frozen=True)
class Rule:
    """One password requirement and whether the typed password meets it (shown as a checklist)."""

    rule: PasswordRule
    ok: bool


def _digits_only(text: str) -> str | None:
    """`text` without spaces/dots/dashes if what is left is ASCII digits, else None."""
    compact = _SPACES.sub("", text)
    return compact if compact.isascii() and compact.isdigit() else None


def check_phone(text: str) -> Answer | None:
    """None if `text` is a Vietnamese mobile number (10 digits, 03/05/07/08/09), else why not."""
    compact = _SPACES.sub("", text)
    if not compact:
        return Answer(PracticeProblem.PHONE_EMPTY)
    if compact.startswith("+84"):
        # People copy the international form from their SIM card's paperwork.
        compact = "0" + compact[3:]
    digits = _digits_only(compact)
    if digits is None:
        return Answer(PracticeProblem.PHONE_NOT_DIGITS)
    if len(digits) != PHONE_LENGTH:
        return Answer(PracticeProblem.PHONE_LENGTH, len(digits))
    if not digits.startswith(MOBILE_PREFIXES):
        return Answer(PracticeProblem.PHONE_PREFIX)
    return None


def check_otp(text: str) -> Answer | None:
    """None if `text` is a 6-digit one-time code, else what to fix."""
    digits = _digits_only(text)
    if not _SPACES.sub("", text):
        return Answer(PracticeProblem.OTP_EMPTY)
    if digits is None:
        return Answer(PracticeProblem.OTP_NOT_DIGITS)
    if len(digits) != OTP_LENGTH:
        return Answer(PracticeProblem.OTP_LENGTH, len(digits))
    return None


def password_rules(text: str) -> list[Rule]:
    """The portal's password checklist (≥ 8 characters, upper, lower, digit, special) for `text`.

    The rule is the one stated for national portal accounts (research note §3, source
    khanhhoa.baohiemxahoi.gov.vn); the practice uses it as a safe, strong default.
    """
    return [
        Rule(PasswordRule.LENGTH, len(text) >= PASSWORD_MIN_LENGTH),
        Rule(PasswordRule.UPPER, any(c.isupper() for c in text)),
        Rule(PasswordRule.LOWER, any(c.islower() for c in text)),
        Rule(PasswordRule.DIGIT, any(c.isdigit() for c in text)),
        Rule(PasswordRule.SPECIAL, any(not c.isalnum() and not c.isspace() for c in text)),
    ]


def _easy_to_guess(digits: str) -> bool:
    """Same digit repeated, a run up or down (123456, 987654), or a repeated pair/triple."""
    if len(set(digits)) == 1:
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(digits)}
    if steps in ({1}, {9}):
        return True
    return digits[:2] * 3 == digits or digits[:3] * 2 == digits


def check_passcode(text: str) -> Answer | None:
    """None if `text` is a 6-digit passcode that is not easy to guess, else what to change."""
    digits = _digits_only(text)
    if not _SPACES.sub("", text):
        return Answer(PracticeProblem.PASSCODE_EMPTY)
    if digits is None:
        return Answer(PracticeProblem.PASSCODE_NOT_DIGITS)
    if len(digits) != PASSCODE_LENGTH:
        return Answer(PracticeProblem.PASSCODE_LENGTH, len(digits))
    if _easy_to_guess(digits):
        return Answer(PracticeProblem.PASSCODE_EASY)
    return None
