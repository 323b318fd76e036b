"""The base of every screen: it renders a WizardView and can say what read-aloud should read."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.wizard import Wizard, WizardView


class Page(QWidget):
    """A screen of the wizard; subclasses fill `show_view` and `speech_text`."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wizard = wizard

    def show_view(self, view: WizardView) -> None:
        """Show `view` (called after every change of the wizard's state)."""

    def speech_text(self) -> str:
        """What the 'Đọc to' button reads on this screen."""
        return ""

    def wipe(self) -> None:
        """Forget anything typed on this screen (session end)."""
