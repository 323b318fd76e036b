"""'Làm ngay trên máy này' on a step: opens the real portal beside the guide (no QtWebEngine
import here; the split screen is built when the button is first pressed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.wizard import Wizard, WizardView


class PortalButton(QPushButton):
    """The step page's portal button (the content tells residents to press
    «Làm ngay trên máy này» beside a step)."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portalButton")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(wizard.open_portal)
        self.setVisible(False)

    def show_view(self, view: WizardView) -> None:
        """Visible where the procedure's portal is on the allow-list; says when offline."""
        self.setVisible(view.portal_available)
        if view.portal_offline:
            self.setText(self.tr("Làm ngay trên máy này (máy đang mất mạng)"))
        else:
            self.setText(self.tr("Làm ngay trên máy này"))
