"""The Qt side of Vietnamese typing: key events of attached fields go through the core's
Composer (kiosk.vietnamese_input), and the replacement it answers is delivered to the field.

Delivery:
- a widget that takes input-method events (QLineEdit, QTextEdit …): one QInputMethodEvent
  whose commit string replaces the end of the word (replaceFrom < 0). Before each key the word
  is read back from the widget (Qt.ImSurroundingText), so a click, "Xóa" or an undo can never
  leave the composer out of step with the text;
- a QWebEngineView, which ignores synthetic input-method events: Backspace key events, then
  the composed characters as key events (Unikey's technique). The page is first asked whether
  its focused element takes Vietnamese (ui/typing/web_fields.py); keys wait in order for the
  answer, one key at a time, so an OTP box that moves the focus after each digit is honoured.
  After a click or a caret move, the answer also gives the word before the caret.
A key that composes to itself goes through untouched. Fields for digits and secrets are never
composed: Qt's inputMethodHints (ImhDigitsOnly, ImhHiddenText, ImhSensitiveData …), a
password echo mode, or the dynamic property `vietnameseTyping` = False mark them.

Nothing typed is logged or kept: the composer holds the current word only, and is wiped when
the field loses focus, when the session changes and by `reset()` (called by `Page.wipe`).
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputDevice, QInputMethodEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.vietnamese_input import Composer, InputMethod, Mark, Replacement
from kiosk.wizard import Wizard
from ui.typing.web_fields import FIELD_KIND_JS, read_answer, web_view_of

log = logging.getLogger(__name__)

OFF_PROPERTY = "vietnameseTyping"  # set to False on a field that must never be composed
# Hints Qt already has for "not words": such fields keep every key as typed.
PLAIN_HINTS = (
    Qt.InputMethodHint.ImhDigitsOnly
    | Qt.InputMethodHint.ImhFormattedNumbersOnly
    | Qt.InputMethodHint.ImhDialableCharactersOnly
    | Qt.InputMethodHint.ImhHiddenText
    | Qt.InputMethodHint.ImhSensitiveData
    | Qt.InputMethodHint.ImhEmailCharactersOnly
    | Qt.InputMethodHint.ImhUrlCharactersOnly
    | Qt.InputMethodHint.ImhLatinOnly
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
APPLICATION_WORLD = 1  # QWebEngineScript.ApplicationWorld: page scripts cannot see it
# A page that has not answered the field question by then gets its keys as typed (logged).
WEB_ANSWER_MS = 1500
FOCUS_RECHECK_MS = 200


def takes_vietnamese(widget: QWidget) -> bool:
    """Whether `widget` (a kiosk field) is for words, not digits or secrets."""
    if widget.property(OFF_PROPERTY) is False:
        return False
    if widget.inputMethodHints() & PLAIN_HINTS:
        return False
    return not (isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal)


def _is_touch(event: QMouseEvent) -> bool:
    device = event.pointingDevice()
    touch = device is not None and device.type() == QInputDevice.DeviceType.TouchScreen
    return touch or event.source() != Qt.MouseEventSource.MouseEventNotSynthesized


def _key_event(kind: QEvent.Type, text: str, key: int | None = None) -> QKeyEvent:
    if key is None:
        key = ord(text.upper()) if text.isascii() and text.isalnum() else Qt.Key.Key_unknown
        key = Qt.Key.Key_Space if text == " " else key
    return QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)


@dataclass
class _Waiting:
    """A key (or on-screen mark) for a web view, waiting for the page to say what field has
    the focus."""

    proxy: QWidget
    view: QWidget
    event: QKeyEvent | None
    mark: Mark | None = None


class VietnameseTyping(QObject):
    """Composes Vietnamese in the fields attached to it, with the method the wizard holds
    (Gõ tiếng Việt: Telex / VNI / Tắt, for this session).

    Signals:
        field_focused(bool): an attached field took the focus; True when it takes Vietnamese
            (the on-screen keyboard shows only then, never over ID-number or OTP fields).
        touched(): a field that takes Vietnamese was touched on a touch screen.
    """

    field_focused = Signal(bool)
    touched = Signal()

    def __init__(self, wizard: Wizard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wizard = wizard
        self._composer = Composer()
        self._fields: list[QWidget] = []
        self._target: QWidget | None = None  # where on-screen keys go: the last focused field
        self._session: str | None = None
        self._delivering = False
        self._waiting: deque[_Waiting] = deque()
        self._asked = 0  # the number of the question in flight to a page (0: none)
        self._questions = 0
        self._swallowed: set[int] = set()
        # Whether the composer knows the word before a web page's caret (False after a click,
        # a focus change or a caret move: the page is asked then).
        self._web_word_known = False
        self._answer_timer = QTimer(self)
        self._answer_timer.setSingleShot(True)
        self._answer_timer.setInterval(WEB_ANSWER_MS)
        self._answer_timer.timeout.connect(self._no_answer)

    # ----- attaching ---------------------------------------------------------------------
    def attach(self, widget: QWidget) -> None:
        """Compose in `widget`: a QLineEdit, QTextEdit or other text widget, or a
        QWebEngineView (any page it shows, now or later)."""
        self._fields = [f for f in self._fields if shiboken6.isValid(f)]  # views made anew
        if any(f is widget for f in self._fields):
            return
        self._fields.append(widget)
        widget.installEventFilter(self)
        if widget.inherits("QWebEngineView"):
            # Keys go to the view's focus proxy, a child that Qt may replace on navigation.
            for child in widget.findChildren(QWidget):
                child.installEventFilter(self)
        if self._target is None:
            self._target = widget

    def reset(self) -> None:
        """Forget the word being composed and any keys waiting for a page (session end)."""
        self._composer.reset()
        self._web_word_known = False
        self._waiting.clear()
        self._swallowed.clear()
        self._asked = 0
        self._answer_timer.stop()

    @property
    def method(self) -> InputMethod:
        """The resident's choice for this session."""
        return InputMethod(self._wizard.view.typing)

    # ----- on-screen keys ----------------------------------------------------------------
    def type_text(self, text: str) -> None:
        """An on-screen key: `text` (one character) typed into the focused field."""
        target = self._live_target()
        if target is not None:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, _key_event(kind, text))

    def erase(self) -> None:
        """The on-screen erase key: one character back."""
        target = self._live_target()
        if target is not None:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, _key_event(kind, "", Qt.Key.Key_Backspace))

    def apply_mark(self, mark: Mark) -> None:
        """An on-screen mark key (dấu sắc, â ê ô, đ …) on the word before the cursor."""
        target = self._live_target()
        if target is None:
            return
        view = web_view_of(target)
        if view is not None:
            self._wait(_Waiting(target, view, None, mark))
        elif takes_vietnamese(target) and self._prepare(target):
            self._replace(target, self._composer.mark(mark))

    def _live_target(self) -> QWidget | None:
        target = self._target
        if target is None or not shiboken6.isValid(target):
            return None
        view = web_view_of(target)
        if view is not None and target is view:
            target = view.focusProxy() or view
        if not target.hasFocus():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        return target

    # ----- events ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._delivering or not isinstance(watched, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(watched, event)
        if kind == QEvent.Type.KeyRelease:
            assert isinstance(event, QKeyEvent)
            if event.key() in self._swallowed and not event.isAutoRepeat():
                self._swallowed.discard(event.key())
                return True
        elif kind == QEvent.Type.ChildAdded and watched.inherits("QWebEngineView"):
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                child.installEventFilter(self)
        elif kind == QEvent.Type.FocusIn:
            self._focused(watched)
        elif kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            self._composer.reset()
            self._web_word_known = False
        elif kind == QEvent.Type.MouseButtonPress:
            self._composer.reset()  # the caret moves
            self._web_word_known = False
            assert isinstance(event, QMouseEvent)
            if web_view_of(watched) is None:
                self._target = watched  # a tap focuses the field (also in a window not active)
                self.field_focused.emit(takes_vietnamese(watched))
            if _is_touch(event) and self._takes_vietnamese_now(watched):
                self.touched.emit()
        elif kind == QEvent.Type.MouseButtonRelease:
            view = web_view_of(watched)
            if view is not None:
                # The click may have focused another element; the page handles it a moment
                # later, so ask again once it surely has.
                self._ask_focus(view)
                QTimer.singleShot(FOCUS_RECHECK_MS, self, lambda: self._ask_focus(view))
        return False

    def _focused(self, widget: QWidget) -> None:
        self._composer.reset()
        self._web_word_known = False
        view = web_view_of(widget)
        if view is not None:
            self._target = view.focusProxy() or widget
            self._ask_focus(view)
        else:
            self._target = widget
            self.field_focused.emit(takes_vietnamese(widget))

    def _takes_vietnamese_now(self, widget: QWidget) -> bool:
        return web_view_of(widget) is not None or takes_vietnamese(widget)

    def _key(self, widget: QWidget, event: QKeyEvent) -> bool:
        view = web_view_of(widget)
        if view is not None:
            return self._web_key(widget, view, event)
        text = event.text()
        plain = not event.modifiers() & _COMMAND_MODIFIERS and len(text) == 1
        if not takes_vietnamese(widget) or not plain or not text.isprintable():
            self._composer.reset()
            return False
        if not self._prepare(widget):
            return False
        change = self._composer.press(text)
        if change.is_plain(text):
            return False
        self._replace(widget, change)
        return True

    def _prepare(self, widget: QWidget | None) -> bool:
        """Bring the composer up to date: the method, the session, and (where the widget can
        tell) the word before the cursor. False when typing should just go through (text is
        selected: the key replaces it)."""
        method, session = self.method, self._wizard.session_uuid
        if method != self._composer.method or session != self._session:
            self._session = session
            self._composer.set_method(method)
            self._composer.reset()
            self._web_word_known = False
        if widget is None:
            return True
        query = Qt.InputMethodQuery
        text = widget.inputMethodQuery(query.ImSurroundingText)
        cursor = widget.inputMethodQuery(query.ImCursorPosition)
        anchor = widget.inputMethodQuery(query.ImAnchorPosition)
        if not isinstance(text, str) or not isinstance(cursor, int):
            return True
        if isinstance(anchor, int) and anchor != cursor:
            self._composer.reset()
            return False
        word = self._word_before(text[:cursor])
        if word != self._composer.word:
            self._composer.seed(word)
        return True

    def _word_before(self, text: str) -> str:
        start = len(text)
        vni = self._composer.method == InputMethod.VNI
        while start > 0 and (text[start - 1].isalpha() or (vni and text[start - 1].isdigit())):
            start -= 1
        return text[start:]

    # ----- delivering --------------------------------------------------------------------
    def _send(self, target: QWidget, event: QEvent) -> None:
        self._delivering = True
        try:
            QApplication.sendEvent(target, event)
        finally:
            self._delivering = False

    def _replace(self, widget: QWidget, change: Replacement) -> None:
        if not change.delete and not change.insert:
            return
        if widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
            event = QInputMethodEvent("", [])
            event.setCommitString(change.insert, -change.delete, change.delete)
            self._send(widget, event)
        else:
            self._retype(widget, change)

    def _retype(self, target: QWidget, change: Replacement) -> None:
        """Backspace over what changes, then type the new characters (Unikey's way)."""
        for _ in range(change.delete):
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                self._send(target, _key_event(kind, "", Qt.Key.Key_Backspace))
        for ch in change.insert:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                self._send(target, _key_event(kind, ch))

    # ----- web views ---------------------------------------------------------------------
    def _web_key(self, proxy: QWidget, view: QWidget, event: QKeyEvent) -> bool:
        text = event.text()
        plain = not event.modifiers() & _COMMAND_MODIFIERS and len(text) == 1
        if not self._waiting and not (plain and text.isprintable()):
            if event.key() == Qt.Key.Key_Backspace and self._web_word_known:
                self._composer.backspace()
            else:  # a caret move (or an erase in a word not known): ask the page next time
                self._composer.reset()
                self._web_word_known = False
            return False
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), text)
        self._swallowed.add(event.key())
        self._wait(_Waiting(proxy, view, copy))
        return True

    def _wait(self, item: _Waiting) -> None:
        self._waiting.append(item)
        self._ask_next()

    def _ask_next(self) -> None:
        if self._asked or not self._waiting:
            return
        view = self._waiting[0].view
        if not shiboken6.isValid(view):
            self.reset()
            return
        self._questions += 1
        number = self._questions
        self._asked = number
        self._answer_timer.start()
        view.page().runJavaScript(  # type: ignore[attr-defined]
            FIELD_KIND_JS, APPLICATION_WORLD, lambda kind: self._answered(number, kind)
        )

    def _ask_focus(self, view: QWidget) -> None:
        """Ask the page whether its focused element takes Vietnamese (for the keyboard)."""
        if not shiboken6.isValid(view) or not view.isVisible():
            return  # a closed view's page no longer runs scripts
        view.page().runJavaScript(  # type: ignore[attr-defined]
            FIELD_KIND_JS,
            APPLICATION_WORLD,
            lambda answer: self.field_focused.emit(read_answer(answer)[0]),
        )

    def _no_answer(self) -> None:
        if self._asked:
            log.warning("a web page did not say what field has the focus; keys go through as typed")
            self._answered(self._asked, None)

    def _answered(self, number: int, answer: object) -> None:
        if number != self._asked:
            return  # a question from before a reset
        self._asked = 0
        self._answer_timer.stop()
        if not self._waiting:
            return
        item = self._waiting.popleft()
        if shiboken6.isValid(item.proxy):
            self._web_deliver(item, *read_answer(answer))
        self._ask_next()

    def _web_deliver(self, item: _Waiting, is_text: bool, word: str | None) -> None:
        self._prepare(None)
        if not is_text:
            self._composer.reset()
            self._web_word_known = False
        elif not self._web_word_known:
            # After a click or a caret move, the page said what word is before the caret.
            # Otherwise the composer's own word is the truth: every key went through it, and
            # the page may not have caught up with the last ones yet.
            self._composer.seed(word or "")
            self._web_word_known = True
        if item.mark is not None:
            if is_text:
                self._retype(item.proxy, self._composer.mark(item.mark))
            return
        event = item.event
        assert event is not None
        text = event.text()
        printable = not event.modifiers() & _COMMAND_MODIFIERS and len(text) == 1
        if is_text and printable and text.isprintable():
            change = self._composer.press(text)
            if not change.is_plain(text):
                self._retype(item.proxy, change)
                return
        elif event.key() == Qt.Key.Key_Backspace and is_text:
            self._composer.backspace()
        else:
            self._composer.reset()
            self._web_word_known = False
        self._send(item.proxy, event)
        release = QKeyEvent(QEvent.Type.KeyRelease, event.key(), event.modifiers(), text)
        self._send(item.proxy, release)
