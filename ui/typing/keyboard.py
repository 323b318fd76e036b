"""An on-screen Vietnamese keyboard for kiosks without a physical one: big letter keys, and
the tone and vowel marks as keys of their own, composed by the same core as typed keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.vietnamese_input import Mark, TypedEcho
from ui.theme import TARGET_PX
from ui.typing.layer import VietnameseTyping
from ui.widgets.common import button, label

COLUMNS = 11
GAP_PX = 8  # between a docked keyboard and the row below it
# (key, columns it spans). Letters type themselves (Telex keys still compose); marks apply
# to the word before the cursor whatever the method, so a resident who knows no Telex can tap
# "ơ" then "à". Tapping a tone again takes it off.
ROWS: tuple[tuple[tuple[str, int], ...], ...] = (
    (*((k, 1) for k in "qwertyuiop"), ("back", 1)),
    (*((k, 1) for k in "asdfghjkl"), ("stroke", 1), ("circumflex", 1)),
    (("shift", 1), *((k, 1) for k in "zxcvbnm"), ("horn", 1), ("hide", 2)),
    (("acute", 1), ("grave", 1), ("hook", 1), ("tilde", 1), ("dot", 1), ("space", 6)),
)
MARK_KEYS = {
    "acute": (Mark.ACUTE, "á"),
    "grave": (Mark.GRAVE, "à"),
    "hook": (Mark.HOOK, "ả"),
    "tilde": (Mark.TILDE, "ã"),
    "dot": (Mark.DOT, "ạ"),
    "circumflex": (Mark.CIRCUMFLEX, "â ê ô"),
    "horn": (Mark.HORN_OR_BREVE, "ă ơ ư"),
    "stroke": (Mark.STROKE, "đ"),
}


class VietnameseKeyboard(QWidget):
    """Letter keys, mark keys, space, erase, shift and hide, sending to `typing`'s field.

    It shows only while wanted (the 'Bàn phím' button, or a touch on a text field) and while
    the focused field takes Vietnamese: never over ID-number, phone or OTP fields, which keep
    their own keypad. Above the keys, large, the words its keys typed since the field got the
    focus (kiosk.vietnamese_input.TypedEcho): she sees them even where the field is hidden.

    Signals:
        wanted_changed(bool): the keyboard was opened or closed (e.g. by 'Ẩn bàn phím').
    """

    wanted_changed = Signal(bool)

    def __init__(self, typing: VietnameseTyping, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vietnameseKeyboard")
        self.setAutoFillBackground(True)  # opaque where it floats over the page
        self.typing = typing
        self._wanted = False
        self._field_takes_words = True
        self._dock: tuple[QWidget, QWidget] | None = None
        self._room: Callable[[int], None] | None = None  # docked over an area: its make-room
        self._upper = False
        self._reserved = 0  # height the docked-over area keeps free for the keys
        self.echo = TypedEcho()
        self.grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.echo_line: QLabel = label("", "h2", wrap=False)
        self.echo_line.setObjectName("oskEcho")
        self.echo_line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.echo_line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        grid.addWidget(self.echo_line, 0, 0, 1, COLUMNS)
        self.keys: dict[str, QPushButton] = {}
        for row, keys in enumerate(ROWS, start=1):
            column = 0
            for name, span in keys:
                key = button("", "osk-key", f"osk-{name}")
                # A tap must leave the focus in the field; Tab still reaches the keys.
                key.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                key.setAutoDefault(False)
                key.setMinimumWidth(TARGET_PX["osk"])
                # Its height is the stylesheet's (at least 56 px), the same at every text size.
                key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                key.clicked.connect(lambda _=False, n=name: self._pressed(n))
                grid.addWidget(key, row, column, 1, span)
                self.keys[name] = key
                column += span
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        typing.field_focused.connect(self._field_changed)
        typing.touched.connect(lambda: self.set_wanted(True))
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        """Labels and accessible names in the current language."""
        for name, (_mark, face) in MARK_KEYS.items():
            self.keys[name].setText(face)
        names = {
            "acute": self.tr("Dấu sắc"),
            "grave": self.tr("Dấu huyền"),
            "hook": self.tr("Dấu hỏi"),
            "tilde": self.tr("Dấu ngã"),
            "dot": self.tr("Dấu nặng"),
            "circumflex": self.tr("Dấu mũ: â ê ô"),
            "horn": self.tr("Dấu móc, dấu trăng: ă ơ ư"),
            "stroke": self.tr("Chữ đ"),
            "back": self.tr("Xóa một chữ"),
            "shift": self.tr("Chữ hoa"),
            "space": self.tr("Dấu cách"),
            "hide": self.tr("Ẩn bàn phím"),
        }
        for name, text in names.items():
            self.keys[name].setAccessibleName(text)
        self.keys["back"].setText("⌫")
        self.keys["shift"].setText("⇧")
        self.keys["space"].setText(self.tr("Dấu cách"))
        self.keys["hide"].setText(self.tr("Ẩn bàn phím"))
        self._label_letters()

    def _label_letters(self) -> None:
        for name, key in self.keys.items():
            if len(name) == 1:
                key.setText(name.upper() if self._upper else name)
        self.keys["shift"].setCheckable(True)
        self.keys["shift"].setChecked(self._upper)

    def _pressed(self, name: str) -> None:
        self.echo.set_method(self.typing.method)
        if len(name) == 1:
            letter = name.upper() if self._upper else name
            self.typing.type_text(letter)
            self.echo.key(letter)
            if self._upper:
                self._upper = False  # one capital, as on a phone
                self._label_letters()
        elif name in MARK_KEYS:
            self.typing.apply_mark(MARK_KEYS[name][0])
            self.echo.mark(MARK_KEYS[name][0])
        elif name == "back":
            self.typing.erase()
            self.echo.erase()
        elif name == "space":
            self.typing.type_text(" ")
            self.echo.key(" ")
        elif name == "shift":
            self._upper = not self._upper
            self._label_letters()
        elif name == "hide":
            self.set_wanted(False)
        self._show_echo()

    def _show_echo(self) -> None:
        text = self.echo.text
        self.echo_line.setText(text if text.strip() else self.tr("Chữ bạn gõ hiện ở đây"))
        self.echo_line.setProperty("empty", not text.strip())

    def clear_echo(self) -> None:
        """Forget the echoed words (a new field, the keyboard hidden, the session over)."""
        self.echo.clear()
        self._show_echo()

    # ----- showing -----------------------------------------------------------------------
    def dock_over(self, area: QWidget, make_room: Callable[[int], None]) -> None:
        """Float over the bottom of `area` (the portal pane), across its width, and have it
        make room: `make_room(height)` when the keyboard shows, `make_room(0)` when it hides.
        The area's content (the web page) then ends above the keys, and the field being typed
        into is scrolled into what is left — the keyboard never covers it."""
        self._dock = (area, area)
        self._room = make_room
        self.setParent(area)
        area.installEventFilter(self)
        self._update()

    def dock(self, page: QWidget, above: QWidget) -> None:
        """Float over the bottom of `page`, just above `above` (the screen's 'Quay lại'), as
        wide as the page's margins allow: the page's own layout does not move, and what is
        under the keyboard scrolls into view above it."""
        self._dock = (page, above)
        self.setParent(page)
        page.installEventFilter(self)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self._place()
        return False

    def _place(self) -> None:
        if self._dock is None or not self.isVisible():
            return
        page, above = self._dock
        for key in self.keys.values():
            key.ensurePolished()  # measured with its stylesheet, not before
        self.echo_line.ensurePolished()
        self.grid.invalidate()
        height = self.grid.minimumSize().height()
        if self._room is not None:  # docked over an area that makes room for the keys
            self.setGeometry(0, page.height() - height, page.width(), height)
            self.raise_()
            if self._reserved != height:
                self._reserved = height
                room = self._room
                QTimer.singleShot(0, self, lambda: room(height))  # not inside a resize
            return
        page_layout = page.layout()
        left = right = 0
        if page_layout is not None:
            left, right = (
                page_layout.contentsMargins().left(),
                page_layout.contentsMargins().right(),
            )
        bottom = above.mapTo(page, above.rect().topLeft()).y() - GAP_PX
        self.setGeometry(left, max(0, bottom - height), page.width() - left - right, height)
        self.raise_()

    @property
    def wanted(self) -> bool:
        """Whether the resident asked for the keyboard (it may still hide for a digit field)."""
        return self._wanted

    def set_wanted(self, wanted: bool) -> None:
        """Open or close the keyboard (the 'Bàn phím' button, a touch, 'Ẩn bàn phím')."""
        if wanted != self._wanted:
            self._wanted = wanted
            self._update()
            self.wanted_changed.emit(wanted)

    def _field_changed(self, takes_words: bool) -> None:
        self._field_takes_words = takes_words
        self.clear_echo()  # another field: its words are not the last field's
        self._update()

    def _update(self) -> None:
        shown = self._wanted and self._field_takes_words
        self.setVisible(shown)
        if shown:
            self._show_echo()
            self._place()
        else:
            self.clear_echo()
            if self._room is not None and self._reserved:
                self._reserved = 0
                self._room(0)
        if not self._wanted and self._upper:
            self._upper = False
            self._label_letters()
