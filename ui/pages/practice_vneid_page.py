"""Practice: activating a VNeID account on a PC (vneid.gov.vn → 'Kích hoạt tài khoản'), safely.

Three parts, as on the real site: ID number and phone → the one-time code from a text message →
password and passcode. The text message is simulated on screen with a fake code. Everything
typed stays in these widgets' memory only: never logged, saved or sent, and wiped on leaving.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.cccd import CccdError, parse_cccd
from kiosk.clock import local_today
from kiosk.practice import Answer, check_otp, check_passcode, check_phone, password_rules
from kiosk.protocol import PracticeModule
from kiosk.wizard import Screen, Wizard, WizardView
from ui.messages import cccd_problem, password_rule, practice_problem
from ui.pages.base import Page
from ui.pages.practice_cccd_page import PracticeBand
from ui.typing.layer import OFF_PROPERTY
from ui.widgets.common import button, label, scroll_area, set_role

# The fake code shown in the simulated text message; it is not a secret, it is printed on screen.
PRACTICE_OTP = "482915"
STAGES = 3


def card(content: QWidget) -> QFrame:
    """`content` on a light card: labels in the practice area have no background of their own."""
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(content)
    return frame


class Field(QWidget):
    """A labelled input, a plain hint under it, and a calm error line shown only when needed."""

    def __init__(self, name: str, secret: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.caption = label("", None)
        self.caption.setProperty("role", "h2")
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        # No context menu: nothing typed here should be copied out to the clipboard.
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.edit.setMaxLength(40)
        # Once the resident changes the input, the old complaint no longer applies.
        self.edit.textEdited.connect(lambda _text: self.say(None))
        self.caption.setBuddy(self.edit)
        self.setMaximumWidth(760)  # a very wide box is hard to read across
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.edit, 1)
        self.show_button: QPushButton | None = None
        if secret:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
            # Shown or hidden, a secret is never composed as Vietnamese (ui/typing): the
            # echo mode's own hints go when 'Hiện' shows it.
            self.edit.setProperty(OFF_PROPERTY, False)
            self.show_button = button("", "toggle", f"{name}-show")
            self.show_button.setCheckable(True)
            self.show_button.toggled.connect(self._reveal)
            row.addWidget(self.show_button)
        self.hint = label("", "muted")
        self.error = label("", "error")
        self.error.setObjectName(f"{name}-error")
        self.error.setVisible(False)
        column.addWidget(self.caption)
        column.addLayout(row)
        column.addWidget(self.hint)
        column.addWidget(self.error)

    def _reveal(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.retranslate_toggle()

    def retranslate_toggle(self) -> None:
        """'Hiện' while hidden, 'Ẩn' while shown."""
        if self.show_button is not None:
            shown = self.show_button.isChecked()
            self.show_button.setText(self.tr("Ẩn") if shown else self.tr("Hiện"))

    def set_texts(self, caption: str, hint: str) -> None:
        """The field's name and the hint under it, in the current language."""
        self.caption.setText(caption)
        self.hint.setText(hint)
        self.edit.setAccessibleName(caption)
        self.edit.setAccessibleDescription(hint)
        self.retranslate_toggle()

    def say(self, problem: str | None) -> None:
        """Show `problem` under the field (with a leading ✗, not colour alone) or hide it."""
        self.error.setVisible(problem is not None)
        self.error.setText(self.tr("✗ ") + problem if problem else "")

    def wipe(self) -> None:
        """Forget the input; setText also drops the undo history that would keep old text."""
        self.edit.setText("")
        self.say(None)
        if self.show_button is not None:
            self.show_button.setChecked(False)


class PracticeVneidPage(Page):
    """A three-part practice of 'Kích hoạt tài khoản' on vneid.gov.vn, then what to do for real."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(wizard, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.band = PracticeBand()
        outer.addWidget(self.band)

        area = QWidget()
        area.setProperty("role", "practice")
        area.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        area_col = QVBoxLayout(area)
        area_col.setContentsMargins(32, 12, 32, 12)
        area_col.setSpacing(8)
        outer.addWidget(area, 1)
        self.title = label("", "h2")
        self.progress = label("", "progress")
        self.progress.setObjectName("stageProgress")
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTop)
        area_col.addLayout(heading)

        self.stages = QStackedWidget()
        self.stages.setObjectName("stages")
        area_col.addWidget(self.stages, 1)
        self._stage_a()
        self._stage_b()
        self._stage_c()
        self._stage_done()

        nav = QHBoxLayout()
        self.back = button("", "secondary", "backButton")
        self.back.clicked.connect(wizard.close_practice)
        nav.addWidget(self.back)
        nav.addStretch(1)
        # Each part's action stays in view at the bottom right, like 'Tiếp tục' on other screens.
        self.stage_buttons = (self.send, self.confirm, self.done_button, self.again)
        for action in self.stage_buttons:
            nav.addWidget(action)
        area_col.addLayout(nav)

        wizard.subscribe(self._follow)
        self._retranslate()

    # ----- building ----------------------------------------------------------------------
    def _stage_page(self) -> tuple[QVBoxLayout, QScrollArea]:
        scroll = scroll_area()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = scroll.content
        content.setProperty("role", "practice")
        content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 16, 0)
        column.setSpacing(12)
        self.stages.addWidget(scroll)
        return column, scroll

    def _stage_a(self) -> None:
        column, self.page_a = self._stage_page()
        self.intro_a = label("", None)
        self.id_field = Field("idNumber")
        self.phone_field = Field("phone")
        for field in (self.id_field, self.phone_field):
            field.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            field.edit.returnPressed.connect(self.send_request)
        self.send = button("", None, "sendButton")
        self.send.clicked.connect(self.send_request)
        column.addWidget(self.intro_a)
        pair = QHBoxLayout()
        pair.setSpacing(32)
        pair.addWidget(self.id_field, 1, Qt.AlignmentFlag.AlignTop)
        pair.addWidget(self.phone_field, 1, Qt.AlignmentFlag.AlignTop)
        column.addLayout(pair)
        column.addStretch(1)

    def _stage_b(self) -> None:
        column, self.page_b = self._stage_page()
        self.sms = label("", None)
        self.sms.setObjectName("smsMessage")
        self.otp_field = Field("otp")
        self.otp_field.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.otp_field.edit.returnPressed.connect(self.confirm_otp)
        self.confirm = button("", None, "otpButton")
        self.confirm.clicked.connect(self.confirm_otp)
        column.addWidget(card(self.sms))
        column.addWidget(self.otp_field)
        column.addStretch(1)

    def _stage_c(self) -> None:
        column, self.page_c = self._stage_page()
        self.password_field = Field("password", secret=True)
        self.password_field.edit.textChanged.connect(self._show_rules)
        self.password_field.edit.returnPressed.connect(self.finish)
        self.rules_box = QVBoxLayout()
        self.rules_box.setSpacing(2)
        self.rule_labels: list[QLabel] = []
        for index in range(len(password_rules(""))):
            rule = label("", "muted")
            rule.setObjectName(f"rule-{index}")
            self.rules_box.addWidget(rule)
            self.rule_labels.append(rule)
        self.passcode_field = Field("passcode", secret=True)
        self.passcode_field.edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.passcode_field.edit.returnPressed.connect(self.finish)
        self.done_button = button("", None, "finishButton")
        self.done_button.clicked.connect(self.finish)
        # The rules sit beside the password so each tick changes in view while typing.
        row = QHBoxLayout()
        row.setSpacing(32)
        fields = QVBoxLayout()
        fields.setSpacing(12)
        fields.addWidget(self.password_field)
        fields.addWidget(self.passcode_field)
        fields.addStretch(1)
        row.addLayout(fields, 3)
        rules = QVBoxLayout()
        self.rules_title = label("", "h2")
        rules.addWidget(self.rules_title)
        rules.addLayout(self.rules_box)
        rules.addStretch(1)
        row.addLayout(rules, 2)
        column.addLayout(row)
        column.addStretch(1)

    def _stage_done(self) -> None:
        column, self.page_done = self._stage_page()
        self.congrats = label("", "ok")
        self.congrats.setObjectName("congratulation")
        self.for_real = label("", None)
        self.again = button("", "secondary", "againButton")
        self.again.clicked.connect(self.wipe)
        column.addWidget(self.congrats)
        column.addWidget(card(self.for_real))
        column.addStretch(1)

    # ----- the three parts ---------------------------------------------------------------
    @staticmethod
    def _text(answer: Answer | None) -> str | None:
        return practice_problem(answer) if answer is not None else None

    def send_request(self) -> None:
        """'Gửi yêu cầu': both fields must look right before the (simulated) text message."""
        try:
            parse_cccd(self.id_field.edit.text(), local_today(self.wizard.clock))
            id_problem = None
        except CccdError as error:
            id_problem = cccd_problem(error)
        phone_problem = self._text(check_phone(self.phone_field.edit.text()))
        self.id_field.say(id_problem)
        self.phone_field.say(phone_problem)
        if id_problem is None and phone_problem is None:
            self._go(self.page_b, self.otp_field.edit)
        else:
            self._point_at(self.id_field if id_problem else self.phone_field)

    def confirm_otp(self) -> None:
        """'Xác nhận': the code must be 6 digits and the one in the practice message."""
        typed = self.otp_field.edit.text()
        problem = self._text(check_otp(typed))
        if problem is None and typed.strip() != PRACTICE_OTP:
            problem = self.tr(
                "Mã này khác mã trong tin nhắn thử ở trên. Hãy nhìn lại tin nhắn và nhập đúng 6 số."
            )
        self.otp_field.say(problem)
        if problem is None:
            self._go(self.page_c, self.password_field.edit)
        else:
            self._point_at(self.otp_field)

    def _show_rules(self, text: str = "") -> None:
        for widget, rule in zip(self.rule_labels, password_rules(text), strict=True):
            words = password_rule(rule.rule)
            widget.setText(f"{'✓' if rule.ok else '✗'} {words}")
            state = self.tr("đã đạt") if rule.ok else self.tr("chưa đạt")
            widget.setAccessibleName(f"{words}: {state}")
            set_role(widget, "ok" if rule.ok else "muted")
            widget.setProperty("met", rule.ok)

    def finish(self) -> None:
        """'Hoàn thành': every password rule met and a passcode that is hard to guess."""
        rules_met = all(rule.ok for rule in password_rules(self.password_field.edit.text()))
        password_problem = (
            None
            if rules_met
            else self.tr("Mật khẩu chưa đủ điều kiện. Hãy xem những dòng có dấu ✗ bên phải.")
        )
        passcode_problem = self._text(check_passcode(self.passcode_field.edit.text()))
        self.password_field.say(password_problem)
        self.passcode_field.say(passcode_problem)
        if password_problem is None and passcode_problem is None:
            self._clear_fields()  # the practice is over: nothing typed stays even in memory
            self._go(self.page_done, self.again)
        else:
            self._point_at(self.password_field if password_problem else self.passcode_field)

    def _point_at(self, field: Field) -> None:
        """Put the cursor in the field to fix and scroll its message into view."""
        field.edit.setFocus()
        QTimer.singleShot(0, lambda: self._reveal(field))

    def _reveal(self, field: Field) -> None:
        if not shiboken6.isValid(self):
            return
        scroll = self.stages.currentWidget()
        if isinstance(scroll, QScrollArea) and scroll.isAncestorOf(field):
            scroll.ensureWidgetVisible(field.error)

    def _go(self, page: QWidget, focus: QWidget) -> None:
        self.stages.setCurrentWidget(page)
        self._show_progress()
        focus.setFocus()

    @property
    def stage(self) -> int:
        """0, 1, 2 for the three parts; 3 once finished."""
        return self.stages.currentIndex()

    def _show_progress(self) -> None:
        stage = self.stages.currentIndex()
        for index, action in enumerate(self.stage_buttons):
            action.setVisible(index == stage)
        self.progress.setVisible(stage < STAGES)
        self.progress.setText(
            self.tr("Phần %1/%2").replace("%1", str(stage + 1)).replace("%2", str(STAGES))
        )
        titles = (
            self.tr("Nhập số định danh và số điện thoại"),
            self.tr("Nhập mã OTP trong tin nhắn"),
            self.tr("Đặt mật khẩu và mã bảo vệ"),
            self.tr("Bạn đã thực hành xong"),
        )
        self.title.setText(titles[stage])

    # ----- page --------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.band.retranslate()
        self.intro_a.setText(
            self.tr(
                "Trên máy tính, vào trang vneid.gov.vn và bấm “Kích hoạt tài khoản”. Trang sẽ "
                "hỏi hai thứ dưới đây. Ở đây bạn tập trước, không có gì được gửi đi."
            )
        )
        self.id_field.set_texts(
            self.tr("Số định danh cá nhân"),
            self.tr("12 chữ số in trên thẻ căn cước của bạn."),
        )
        self.phone_field.set_texts(
            self.tr("Số điện thoại"),
            self.tr("Số di động 10 số bạn đang dùng; mã OTP sẽ được gửi đến số này."),
        )
        self.send.setText(self.tr("Gửi yêu cầu"))
        self.sms.setText(
            self.tr(
                "Tin nhắn thử: mã OTP của bạn là 482915 — đây chỉ là mã giả để thực hành. "
                "Không bao giờ đưa mã OTP thật cho ai."
            )
        )
        self.otp_field.set_texts(
            self.tr("Mã OTP"),
            self.tr("Nhập 6 số trong tin nhắn. Khi làm thật, mã chỉ dùng được vài phút."),
        )
        self.confirm.setText(self.tr("Xác nhận"))
        self.password_field.set_texts(
            self.tr("Mật khẩu"),
            self.tr("Dùng để đăng nhập VNeID. Không nói cho ai."),
        )
        self.passcode_field.set_texts(
            self.tr("Mã bảo vệ (6 số)"),
            self.tr("6 chữ số để mở ứng dụng VNeID; đừng dùng ngày sinh."),
        )
        self.done_button.setText(self.tr("Hoàn thành"))
        self.rules_title.setText(self.tr("Mật khẩu cần có"))
        self.congrats.setText(
            self.tr("✓ Chúc mừng! Bạn đã tập xong các bước kích hoạt tài khoản VNeID.")
        )
        self.for_real.setText(
            self.tr(
                "Khi làm thật: vào trang vneid.gov.vn trên máy tính, hoặc mở ứng dụng VNeID trên "
                "điện thoại, chọn “Kích hoạt tài khoản”, nhập số định danh và số điện thoại của "
                "bạn, rồi nhập mã OTP thật được gửi đến điện thoại. Không đưa mã OTP, mật khẩu "
                "hay mã bảo vệ cho bất kỳ ai, kể cả người xưng là công an."
            )
        )
        self.again.setText(self.tr("Thực hành lại"))
        self.back.setText(self.tr("‹ Quay lại bước"))
        self._show_rules(self.password_field.edit.text())
        self._show_progress()

    def show_view(self, view: WizardView) -> None:
        self._retranslate()
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            first = (self.id_field.edit, self.otp_field.edit, self.password_field.edit, self.again)
            first[self.stage].setFocus()

    def _follow(self, view: WizardView) -> None:
        if not shiboken6.isValid(self):
            return
        here = (
            view.screen == Screen.PRACTICE
            and view.practice == PracticeModule.VNEID_ACTIVATION.value
        )
        if not here:
            self.wipe()

    def _clear_fields(self) -> None:
        for field in (
            self.id_field,
            self.phone_field,
            self.otp_field,
            self.password_field,
            self.passcode_field,
        ):
            field.wipe()
        self._show_rules("")

    def wipe(self) -> None:
        self._clear_fields()
        self.stages.setCurrentWidget(self.page_a)
        self._show_progress()

    def speech_text(self) -> str:
        # Only the page's own words: never what the resident typed.
        parts = [self.band.text(), self.progress.text(), self.title.text()]
        if self.stage == 1:
            parts.append(self.sms.text())
        return ". ".join(p for p in parts if p)
