"""Vietnamese typing on screens where residents type: Telex / VNI composition of their keys,
the 'Gõ tiếng Việt' switch, and the on-screen keyboard (docs/typing.md).

A screen with text fields makes one `TypingTools` and places its two widgets; the portal
view is attached the same way:

    self.typing = TypingTools(wizard, self.view, parent=self)  # after creating the view
    layout.addWidget(self.typing.switch)                       # above the view
    self.typing.keyboard.dock(self, self.back)  # floats just above 'Quay lại' when asked
    #   (or layout.addWidget(self.typing.keyboard) to give it a row of its own)
    # in show_view(view):  self.typing.show_view(view)
    # in wipe():           self.typing.wipe()
    # a view made anew later:  self.typing.attach(new_view)
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk.wizard import Wizard, WizardView
from ui.typing.keyboard import VietnameseKeyboard
from ui.typing.layer import VietnameseTyping
from ui.typing.switch import TypingSwitch


class TypingTools(QObject):
    """The Vietnamese typing a screen offers: composition in its fields (a QLineEdit, a
    QTextEdit or a QWebEngineView), the switch, and the on-screen keyboard."""

    def __init__(self, wizard: Wizard, *fields: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layer = VietnameseTyping(wizard, self)
        self.switch = TypingSwitch(wizard)
        self.keyboard = VietnameseKeyboard(self.layer)
        self.switch.keyboard_toggled.connect(self.keyboard.set_wanted)
        self.keyboard.wanted_changed.connect(self.switch.set_keyboard_shown)
        for field in fields:
            self.layer.attach(field)

    def attach(self, field: QWidget) -> None:
        """Compose in `field` too (e.g. a web view made for a new session)."""
        self.layer.attach(field)

    def show_view(self, view: WizardView) -> None:
        """Show the session's typing choice, in the current language."""
        self.switch.show_view(view)
        self.keyboard.retranslate()

    def wipe(self) -> None:
        """Session end: forget the word being composed and close the keyboard."""
        self.layer.reset()
        self.keyboard.set_wanted(False)
        self.keyboard.clear_echo()


def attach_typing(view: QWidget, wizard: Wizard, parent: QObject | None = None) -> TypingTools:
    """The one call the portal view needs: Vietnamese typing in `view` (a QWebEngineView,
    whatever page it shows), with the switch and keyboard widgets to place on the screen."""
    return TypingTools(wizard, view, parent=parent if parent is not None else view)
