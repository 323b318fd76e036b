"""Judging what a resident types in the VNeID activation practice, with calm sentences.

The practice lets residents try the real form safely before doing it on their phone. Inputs stay
in the widgets' memory; this module only looks at them and never logs, stores or sends them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kiosk.catalog.model import Text

PHONE_LENGTH = 10
# Vietnamese mobile prefixes since the 2018 renumbering: 03x, 05x, 07x, 08x, 09x.
MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
OTP_LENGTH = 6
PASSCODE_LENGTH = 6
PASSWORD_MIN_LENGTH = 8
_SPACES = re.compile(r"[\s.\-]+")


@dataclass(frozen=True)
class Rule:
    """One password requirement and whether the typed password meets it (shown as a checklist)."""

    label: Text
    ok: bool


def _digits_only(text: str) -> str | None:
    """`text` without spaces/dots/dashes if what is left is ASCII digits, else None."""
    compact = _SPACES.sub("", text)
    return compact if compact.isascii() and compact.isdigit() else None


def check_phone(text: str) -> Text | None:
    """None if `text` is a Vietnamese mobile number (10 digits, 03/05/07/08/09), else why not."""
    compact = _SPACES.sub("", text)
    if not compact:
        return Text(
            "Hãy nhập số điện thoại di động của bạn (10 số, bắt đầu bằng số 0).",
            "Enter your mobile phone number (10 digits, starting with 0).",
        )
    if compact.startswith("+84"):
        # People copy the international form from their SIM card's paperwork.
        compact = "0" + compact[3:]
    digits = _digits_only(compact)
    if digits is None:
        return Text(
            "Số điện thoại chỉ gồm chữ số. Hãy xóa chữ cái hoặc ký hiệu rồi nhập lại.",
            "A phone number is digits only. Remove any letters or symbols and try again.",
        )
    if len(digits) != PHONE_LENGTH:
        return Text(
            f"Số điện thoại di động có 10 chữ số. Bạn đã nhập {len(digits)} số — hãy kiểm tra lại.",
            f"A mobile number has 10 digits. You have entered {len(digits)} — please check it.",
        )
    if not digits.startswith(MOBILE_PREFIXES):
        return Text(
            "Số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09. Hãy kiểm tra lại hai số đầu.",
            "Mobile numbers start with 03, 05, 07, 08 or 09. Please check the first two digits.",
        )
    return None


def check_otp(text: str) -> Text | None:
    """None if `text` is a 6-digit one-time code, else what to fix."""
    digits = _digits_only(text)
    if not _SPACES.sub("", text):
        return Text(
            "Hãy nhập mã OTP 6 số trong tin nhắn vừa gửi đến điện thoại của bạn.",
            "Enter the 6-digit OTP code from the text message just sent to your phone.",
        )
    if digits is None:
        return Text(
            "Mã OTP chỉ gồm chữ số. Hãy xem lại tin nhắn và nhập đúng 6 số.",
            "The OTP code is digits only. Look at the text message again and enter its 6 digits.",
        )
    if len(digits) != OTP_LENGTH:
        return Text(
            f"Mã OTP có 6 chữ số. Bạn đã nhập {len(digits)} số — hãy xem lại tin nhắn.",
            f"The OTP code has 6 digits. You have entered {len(digits)} — look at the message "
            "again.",
        )
    return None


def password_rules(text: str) -> list[Rule]:
    """The portal's password checklist (≥ 8 characters, upper, lower, digit, special) for `text`.

    The rule is the one stated for national portal accounts (research note §3, source
    khanhhoa.baohiemxahoi.gov.vn); the practice uses it as a safe, strong default.
    """
    return [
        Rule(
            Text("Ít nhất 8 ký tự", "At least 8 characters"),
            len(text) >= PASSWORD_MIN_LENGTH,
        ),
        Rule(
            Text("Có chữ in hoa (A, B, C…)", "An upper-case letter (A, B, C…)"),
            any(c.isupper() for c in text),
        ),
        Rule(
            Text("Có chữ thường (a, b, c…)", "A lower-case letter (a, b, c…)"),
            any(c.islower() for c in text),
        ),
        Rule(Text("Có chữ số (0–9)", "A digit (0–9)"), any(c.isdigit() for c in text)),
        Rule(
            Text("Có ký tự đặc biệt (ví dụ ! @ # $)", "A special character (e.g. ! @ # $)"),
            any(not c.isalnum() and not c.isspace() for c in text),
        ),
    ]


def _easy_to_guess(digits: str) -> bool:
    """Same digit repeated, a run up or down (123456, 987654), or a repeated pair/triple."""
    if len(set(digits)) == 1:
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(digits)}
    if steps in ({1}, {9}):
        return True
    return digits[:2] * 3 == digits or digits[:3] * 2 == digits


def check_passcode(text: str) -> Text | None:
    """None if `text` is a 6-digit passcode that is not easy to guess, else what to change."""
    digits = _digits_only(text)
    if not _SPACES.sub("", text):
        return Text(
            "Hãy chọn một mã 6 chữ số để mở ứng dụng VNeID.",
            "Choose a 6-digit code for opening the VNeID app.",
        )
    if digits is None:
        return Text(
            "Mã bảo vệ chỉ gồm chữ số. Hãy nhập 6 chữ số.",
            "The passcode is digits only. Enter 6 digits.",
        )
    if len(digits) != PASSCODE_LENGTH:
        return Text(
            f"Mã bảo vệ có đúng 6 chữ số. Bạn đã nhập {len(digits)} số.",
            f"The passcode has exactly 6 digits. You have entered {len(digits)}.",
        )
    if _easy_to_guess(digits):
        return Text(
            "Mã này rất dễ đoán (như 123456 hay 000000). Hãy chọn 6 số khác mà chỉ bạn nhớ, "
            "không phải ngày sinh.",
            "This code is very easy to guess (like 123456 or 000000). Choose 6 other digits "
            "only you remember, not your birthday.",
        )
    return None
