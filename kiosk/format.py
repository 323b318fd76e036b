"""How numbers, money, dates and catalog facts are written for residents (Vietnamese first)."""

from __future__ import annotations

from datetime import date

from kiosk.catalog.model import Account, Fee, ProcessingTime

CHECK_ON_PORTAL = {"vi": "kiểm tra lại trên cổng", "en": "please check on the portal"}


def money(amount: int) -> str:
    """30000 -> '30.000 đ' (dots group thousands, as Vietnamese write money)."""
    return f"{amount:,}".replace(",", ".") + " đ"


def day(value: date) -> str:
    """A date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


def _amount(amount: int, lang: str) -> str:
    if amount == 0:
        return "Miễn phí" if lang == "vi" else "Free"
    return money(amount)


def fee_lines(fee: Fee, lang: str) -> list[str]:
    """The fee as short lines; an unconfirmed fee says to check on the portal, not a guess."""
    vi = lang == "vi"
    lines: list[str] = []
    if not fee.confirmed:
        if fee.online_basis:
            # The online amount is sourced; only the counter amount is not.
            lines.append(_online_by_own_basis(fee, vi))
            lines.append(
                "Nộp trực tiếp: chưa xác nhận được mức lệ phí — " + CHECK_ON_PORTAL["vi"] + "."
                if vi
                else "In person: the fee is not confirmed — " + CHECK_ON_PORTAL["en"] + "."
            )
        else:
            lines.append(
                "Chưa xác nhận được mức lệ phí — " + CHECK_ON_PORTAL["vi"] + "."
                if vi
                else "The fee is not confirmed — " + CHECK_ON_PORTAL["en"] + "."
            )
        if fee.note:
            lines.append(fee.note.get(lang))
        return lines
    if fee.online_basis:
        lines.append(_online_by_own_basis(fee, vi))
    elif fee.online is not None:
        lines.append(("Nộp trực tuyến: " if vi else "Online: ") + _amount(fee.online, lang))
    if fee.in_person is not None:
        lines.append(("Nộp trực tiếp: " if vi else "In person: ") + _amount(fee.in_person, lang))
    if fee.exemptions:
        lines.append(("Miễn, giảm: " if vi else "Exemptions: ") + fee.exemptions.get(lang))
    if fee.note:
        lines.append(fee.note.get(lang))
    if fee.basis:
        lines.append(("Căn cứ: " if vi else "Legal basis: ") + fee.basis)
    return lines


def _online_by_own_basis(fee: Fee, vi: bool) -> str:
    """'0 đ khi nộp trực tuyến — theo Nghị quyết …': an online amount with its own legal basis."""
    assert fee.online is not None and fee.online_basis
    if vi:
        return f"{money(fee.online)} khi nộp trực tuyến — theo {fee.online_basis}"
    return f"{money(fee.online)} when done online — under {fee.online_basis}"


def time_line(ptime: ProcessingTime, lang: str) -> str:
    """The processing time; unconfirmed times carry 'kiểm tra lại trên cổng'."""
    text = ptime.text.get(lang)
    if not ptime.confirmed:
        text += f" ({CHECK_ON_PORTAL[lang if lang in CHECK_ON_PORTAL else 'vi']})"
    return text


ACCOUNT_TEXT = {
    Account.MUC_1: {
        "vi": "Tài khoản VNeID mức 1 (tự đăng ký trên điện thoại).",
        "en": "A level 1 VNeID account (self-registered on a phone).",
    },
    Account.MUC_2: {
        "vi": "Tài khoản VNeID mức 2 (đăng ký tại Công an phường, có lấy vân tay).",
        "en": "A level 2 VNeID account (registered at the ward police, with fingerprints).",
    },
}


def account_line(account: Account, lang: str) -> str:
    """Which VNeID level is needed, in one sentence."""
    return ACCOUNT_TEXT[account]["en" if lang == "en" else "vi"]
