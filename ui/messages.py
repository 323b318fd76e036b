"""The words for what the Qt-free core answers with codes: sync and catalog-update problems,
practice answers, password rules, fee/time/account facts, day names.

The core (kiosk/) never holds a sentence for people; it returns codes, enums and numbers. This
module turns them into words through Qt Linguist like every other visible string (Vietnamese
source, English in resources/i18n/kiosk_en.ts, context "Messages"), so a language switch
changes them with the rest of the screen. Catalog content keeps its own {vi, en} fields and is
picked with `Text.get(language)`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from kiosk.catalog.model import Account, DocumentList, Fee, FeePeriod, ProcessingTime
from kiosk.cccd import CccdError, CccdParts, CccdProblem
from kiosk.format import day, money
from kiosk.practice import Answer, PasswordRule, PracticeProblem

translate = QCoreApplication.translate


def _with_count(text: str, count: int) -> str:
    return text.replace("%1", str(count))


# ----- sync and catalog updates (volunteer panel) ---------------------------------------------
def catalog_problem(code: str) -> str | None:
    """The sentence for a catalog-update refusal code (kiosk.sync.manifest), or None."""
    words = {
        "malformed": translate(
            "Messages",
            "Bản cập nhật danh mục không đúng định dạng nên chưa được cài. "
            "Máy vẫn dùng danh mục đang có, không cần làm gì thêm.",
        ),
        "bad-public-key": translate(
            "Messages",
            "Khóa công khai cài trên máy không hợp lệ nên chưa kiểm tra được bản cập nhật. "
            "Máy vẫn dùng danh mục đang có; vui lòng báo cán bộ quận khi thuận tiện.",
        ),
        "key-not-pinned": translate(
            "Messages",
            "Bản cập nhật được ký bằng một khóa lạ, không phải khóa của quận, nên không được "
            "cài. Máy vẫn dùng danh mục đang có.",
        ),
        "bad-signature": translate(
            "Messages",
            "Chữ ký của bản cập nhật danh mục không hợp lệ nên không được cài. "
            "Máy vẫn dùng danh mục đang có, không cần làm gì thêm.",
        ),
        "rollback": translate(
            "Messages",
            "Bản cập nhật không mới hơn danh mục đang dùng nên không được cài. "
            "Danh mục hiện tại vẫn hoạt động bình thường.",
        ),
        "expired": translate(
            "Messages",
            "Bản cập nhật danh mục đã hết hạn nên không được cài. Máy vẫn dùng danh mục đang "
            "có; vui lòng báo cán bộ quận khi thuận tiện.",
        ),
        "from-future": translate(
            "Messages",
            "Ngày phát hành của bản cập nhật nằm ở tương lai, có thể đồng hồ của máy đang sai. "
            "Máy vẫn dùng danh mục đang có; vui lòng kiểm tra ngày giờ của máy.",
        ),
        "too-many-files": translate(
            "Messages",
            "Bản cập nhật có quá nhiều tệp nên không được cài. Máy vẫn dùng danh mục đang có.",
        ),
        "file-too-large": translate(
            "Messages",
            "Một tệp trong bản cập nhật lớn hơn mức cho phép nên không được cài. "
            "Máy vẫn dùng danh mục đang có.",
        ),
        "bad-file-name": translate(
            "Messages",
            "Bản cập nhật có tên tệp không hợp lệ nên không được cài. "
            "Máy vẫn dùng danh mục đang có.",
        ),
        "file-mismatch": translate(
            "Messages",
            "Một tệp tải về không khớp với bản cập nhật đã ký. Máy sẽ thử tải lại sau; "
            "danh mục hiện tại vẫn hoạt động bình thường.",
        ),
        "disk-write-failed": translate(
            "Messages",
            "Máy không ghi được bản cập nhật danh mục vào ổ đĩa (ổ đĩa đầy hoặc chỉ đọc). "
            "Máy vẫn dùng danh mục đang có và sẽ thử lại sau; vui lòng báo cán bộ CNTT.",
        ),
    }
    return words.get(code)


def sync_problem(code: str) -> str:
    """The calm sentence for a sync error code or a (prefixed or bare) catalog code.

    Network-like failures (timeouts, no connection, HTTP 5xx, anything new) share one sentence:
    for a volunteer they all mean "the data is safe and will be sent later".
    """
    from kiosk.sync.worker import CATALOG_PREFIX  # the panel's first sync word, not at start-up

    catalog = catalog_problem(code.removeprefix(CATALOG_PREFIX))
    if catalog is not None:
        return catalog
    if code == "unauthorized":
        return translate(
            "Messages",
            "Máy chủ quận không nhận mã của máy này. Dữ liệu vẫn được giữ trên máy; "
            "vui lòng báo cán bộ quận kiểm tra mã máy.",
        )
    if code == "http-429":
        return translate(
            "Messages", "Máy chủ quận đang bận. Máy sẽ tự gửi lại sau, không cần làm gì thêm."
        )
    if code == "server-bad-answer":
        return translate(
            "Messages",
            "Máy chủ quận trả lời không đúng cách. Dữ liệu vẫn được giữ trên máy và sẽ gửi "
            "lại sau.",
        )
    if code == "not-pinned":
        return translate(
            "Messages",
            "Máy chưa được cài khóa công khai của quận nên chưa nhận bản cập nhật danh mục. "
            "Vui lòng báo cán bộ quận khi thuận tiện.",
        )
    return translate(
        "Messages",
        "Chưa kết nối được máy chủ quận. Dữ liệu vẫn được giữ an toàn trên máy "
        "và sẽ tự gửi lại sau, không cần làm gì thêm.",
    )


# ----- the ID-number practice -----------------------------------------------------------------
def cccd_problem(error: CccdError) -> str:
    """What to check in a typed ID number, calmly."""
    code = error.code
    if code is CccdProblem.EMPTY:
        return translate(
            "Messages",
            "Bạn chưa nhập số định danh. Số này gồm 12 chữ số, in trên thẻ căn cước.",
        )
    if code is CccdProblem.HAS_LETTERS:
        return translate(
            "Messages",
            "Số định danh chỉ gồm chữ số. Hãy xóa chữ cái hoặc ký hiệu rồi nhập lại.",
        )
    if code is CccdProblem.OLD_CMND:
        return translate(
            "Messages",
            "Đây có vẻ là số chứng minh nhân dân 9 số cũ. Hãy dùng số định danh 12 số "
            "trên thẻ căn cước.",
        )
    if code is CccdProblem.TOO_SHORT:
        return _with_count(
            translate(
                "Messages",
                "Số định danh có 12 chữ số. Bạn mới nhập %1 số — hãy kiểm tra lại trên thẻ "
                "căn cước.",
            ),
            error.count,
        )
    if code is CccdProblem.TOO_LONG:
        return _with_count(
            translate(
                "Messages",
                "Số định danh có 12 chữ số. Bạn đã nhập %1 số — có thể bị thừa một số, hãy "
                "kiểm tra lại trên thẻ căn cước.",
            ),
            error.count,
        )
    if code is CccdProblem.UNKNOWN_PROVINCE:
        return translate(
            "Messages",
            "Ba số đầu là mã tỉnh, thành phố nơi đăng ký khai sinh, nhưng mã này không có "
            "trong danh sách. Hãy xem lại ba số đầu trên thẻ căn cước; nếu bạn đăng ký khai "
            "sinh ở nước ngoài, hãy hỏi tình nguyện viên.",
        )
    if code is CccdProblem.BAD_CENTURY:
        return translate(
            "Messages",
            "Số thứ tư cho biết giới tính và thế kỷ sinh, chỉ có thể là 0, 1, 2 hoặc 3. Hãy "
            "xem lại số thứ tư trên thẻ căn cước.",
        )
    return translate(
        "Messages",
        "Số thứ tư đến số thứ sáu cho biết năm sinh, nhưng năm sinh này còn ở tương lai. "
        "Hãy kiểm tra lại các số này trên thẻ căn cước.",
    )


def cccd_description(parts: CccdParts) -> str:
    """One sentence explaining what each group of the number means."""
    place = parts.province_name
    if parts.merged:
        place = (
            translate("Messages", "%1, nay thuộc %2")
            .replace("%1", parts.province_name)
            .replace("%2", parts.province_now)
        )
    g, yy = parts.grouped.split()[1:3]
    male = parts.sex == "nam"
    sex = translate("Messages", "nam") if male else translate("Messages", "nữ")
    century = "1900–1999" if parts.birth_year < 2000 else "2000–2099"
    return (
        translate(
            "Messages",
            "%1 là nơi đăng ký khai sinh (%2), %3 nghĩa là %4 sinh trong những năm %5, %6 là "
            "năm sinh %7, còn 6 số cuối là số ngẫu nhiên.",
        )
        .replace("%1", parts.province_code)
        .replace("%2", place)
        .replace("%3", g)
        .replace("%4", sex)
        .replace("%5", century)
        .replace("%6", yy)
        .replace("%7", str(parts.birth_year))
    )


# ----- the VNeID activation practice ----------------------------------------------------------
def practice_problem(answer: Answer) -> str:
    """What to fix in a phone number, OTP or passcode typed in the practice."""
    p = answer.problem
    words = {
        PracticeProblem.PHONE_EMPTY: translate(
            "Messages", "Hãy nhập số điện thoại di động của bạn (10 số, bắt đầu bằng số 0)."
        ),
        PracticeProblem.PHONE_NOT_DIGITS: translate(
            "Messages",
            "Số điện thoại chỉ gồm chữ số. Hãy xóa chữ cái hoặc ký hiệu rồi nhập lại.",
        ),
        PracticeProblem.PHONE_LENGTH: translate(
            "Messages",
            "Số điện thoại di động có 10 chữ số. Bạn đã nhập %1 số — hãy kiểm tra lại.",
        ),
        PracticeProblem.PHONE_PREFIX: translate(
            "Messages",
            "Số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09. Hãy kiểm tra lại hai số đầu.",
        ),
        PracticeProblem.OTP_EMPTY: translate(
            "Messages", "Hãy nhập mã OTP 6 số trong tin nhắn vừa gửi đến điện thoại của bạn."
        ),
        PracticeProblem.OTP_NOT_DIGITS: translate(
            "Messages", "Mã OTP chỉ gồm chữ số. Hãy xem lại tin nhắn và nhập đúng 6 số."
        ),
        PracticeProblem.OTP_LENGTH: translate(
            "Messages", "Mã OTP có 6 chữ số. Bạn đã nhập %1 số — hãy xem lại tin nhắn."
        ),
        PracticeProblem.PASSCODE_EMPTY: translate(
            "Messages", "Hãy chọn một mã 6 chữ số để mở ứng dụng VNeID."
        ),
        PracticeProblem.PASSCODE_NOT_DIGITS: translate(
            "Messages", "Mã bảo vệ chỉ gồm chữ số. Hãy nhập 6 chữ số."
        ),
        PracticeProblem.PASSCODE_LENGTH: translate(
            "Messages", "Mã bảo vệ có đúng 6 chữ số. Bạn đã nhập %1 số."
        ),
        PracticeProblem.PASSCODE_EASY: translate(
            "Messages",
            "Mã này rất dễ đoán (như 123456 hay 000000). Hãy chọn 6 số khác mà chỉ bạn nhớ, "
            "không phải ngày sinh.",
        ),
    }
    return _with_count(words[p], answer.count)


def password_rule(rule: PasswordRule) -> str:
    """One line of the password checklist."""
    words = {
        PasswordRule.LENGTH: translate("Messages", "Ít nhất 8 ký tự"),
        PasswordRule.UPPER: translate("Messages", "Có chữ in hoa (A, B, C…)"),
        PasswordRule.LOWER: translate("Messages", "Có chữ thường (a, b, c…)"),
        PasswordRule.DIGIT: translate("Messages", "Có chữ số (0–9)"),
        PasswordRule.SPECIAL: translate("Messages", "Có ký tự đặc biệt (ví dụ ! @ # $)"),
    }
    return words[rule]


# ----- catalog facts on the overview --------------------------------------------------------
def check_on_portal() -> str:
    """What an unconfirmed fact says instead of a guess."""
    return translate("Messages", "kiểm tra lại trên cổng")


def _amount(amount: int) -> str:
    return translate("Messages", "Miễn phí") if amount == 0 else money(amount)


def fee_lines(fee: Fee, language: str, today: date) -> list[str]:
    """The fee as short lines; an unconfirmed fee says to check on the portal, not a guess.

    An online amount with its own legal basis (`online_basis`, e.g. HCMC Resolution 411: 0 đ
    online) is said with that basis, also when the counter amount is not confirmed. Dated rules
    (`[[fee.periods]]`, e.g. an exemption until 28/02/2027) come first, and only on the days
    they hold by the kiosk's clock (`today`); the normal fee follows them."""
    lines = [_period_line(p, language) for p in fee.periods_on(today)]
    if not fee.confirmed:
        if fee.online_basis:
            lines.append(_online_by_own_basis(fee))
            lines.append(
                translate("Messages", "Nộp trực tiếp: chưa xác nhận được mức lệ phí — %1.").replace(
                    "%1", check_on_portal()
                )
            )
        else:
            lines.append(
                translate("Messages", "Chưa xác nhận được mức lệ phí — %1.").replace(
                    "%1", check_on_portal()
                )
            )
        if fee.note:
            lines.append(fee.note.get(language))
        return lines
    if fee.online_basis:
        lines.append(_online_by_own_basis(fee))
    elif fee.online is not None:
        lines.append(translate("Messages", "Nộp trực tuyến: %1").replace("%1", _amount(fee.online)))
    if fee.in_person is not None:
        lines.append(
            translate("Messages", "Nộp trực tiếp: %1").replace("%1", _amount(fee.in_person))
        )
    if fee.exemptions:
        lines.append(
            translate("Messages", "Miễn, giảm: %1").replace("%1", fee.exemptions.get(language))
        )
    if fee.note:
        lines.append(fee.note.get(language))
    if fee.basis:
        lines.append(translate("Messages", "Căn cứ: %1").replace("%1", fee.basis))
    return lines


def _period_line(period: FeePeriod, language: str) -> str:
    """'Miễn phí đến hết ngày 28/02/2027: … Căn cứ: …' for a dated rule in force today."""
    head = _amount(period.amount) if period.amount is not None else ""
    if period.valid_until is not None:
        until = translate("Messages", "đến hết ngày %1").replace("%1", day(period.valid_until))
        head = f"{head} {until}" if head else until[:1].upper() + until[1:]
    text = period.text.get(language)
    if head:
        text = translate("Messages", "%1: %2").replace("%1", head).replace("%2", text)
    if not period.confirmed:
        return f"{text} — {check_on_portal()}."
    if period.basis:
        text += ". " + translate("Messages", "Căn cứ: %1").replace("%1", period.basis)
    return text


def _online_by_own_basis(fee: Fee) -> str:
    """'0 đ khi nộp trực tuyến — theo Nghị quyết …': an online amount with its own basis."""
    assert fee.online is not None and fee.online_basis
    return (
        translate("Messages", "%1 khi nộp trực tuyến — theo %2")
        .replace("%1", money(fee.online))
        .replace("%2", fee.online_basis)
    )


def time_line(ptime: ProcessingTime, language: str) -> str:
    """The processing time; an unconfirmed one carries 'kiểm tra lại trên cổng'."""
    text = ptime.text.get(language)
    if not ptime.confirmed:
        text += f" ({check_on_portal()})"
    return text


def documents_line(documents: DocumentList) -> str:
    """Under the list of documents: '' when the list was found in a source, otherwise a line
    saying it is not confirmed and to check on the portal."""
    if documents.confirmed:
        return ""
    return translate("Messages", "Danh sách giấy tờ chưa xác nhận được — %1.").replace(
        "%1", check_on_portal()
    )


def account_line(account: Account) -> str:
    """Which VNeID level is needed, in one sentence."""
    if account is Account.NONE:
        return translate("Messages", "Không cần có sẵn tài khoản VNeID.")
    if account is Account.MUC_1:
        return translate("Messages", "Tài khoản VNeID mức 1 (tự đăng ký trên điện thoại).")
    return translate(
        "Messages", "Tài khoản VNeID mức 2 (đăng ký tại Công an phường, có lấy vân tay)."
    )


def checked_line(procedure_checked: str) -> str:
    """'Thông tin kiểm tra ngày dd/mm/yyyy' under a procedure's name."""
    return translate("Messages", "Thông tin kiểm tra ngày %1").replace("%1", procedure_checked)


# ----- times ------------------------------------------------------------------------------
def day_name(weekday: int) -> str:
    """Monday = 0 … Sunday = 6, as the help point's opening hours name them."""
    names = (
        translate("Messages", "Thứ Hai"),
        translate("Messages", "Thứ Ba"),
        translate("Messages", "Thứ Tư"),
        translate("Messages", "Thứ Năm"),
        translate("Messages", "Thứ Sáu"),
        translate("Messages", "Thứ Bảy"),
        translate("Messages", "Chủ nhật"),
    )
    return names[weekday]
