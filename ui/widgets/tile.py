"""Tiles: push buttons whose text wraps — big procedure tiles and category chips."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets.common import label, set_role


class TileButton(QPushButton):
    """A button whose text wraps (QPushButton's own text cannot)."""

    def __init__(
        self, title: str, detail: str = "", parent: QWidget | None = None, role: str = "tile"
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(4)
        self.min_height = 120 if role == "tile" else 64
        self.title = label(title, "h2" if role == "tile" else "chip")
        self.detail = label(detail, "muted")
        self.detail.setVisible(bool(detail))
        for child in (self.title, self.detail):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)
        self.setAccessibleName(f"{title}. {detail}" if detail else title)
        if role == "chip":
            self.toggled.connect(self._restyle)

    def _restyle(self, checked: bool) -> None:
        # A descendant selector cannot see the button's :checked state, so swap the label's role.
        set_role(self.title, "chip-on" if checked else "chip")

    def set_texts(self, title: str, detail: str = "") -> None:
        """Change the texts (language switch)."""
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(f"{title}. {detail}" if detail else title)

    def sizeHint(self) -> QSize:
        hint = self.column.sizeHint()
        return QSize(max(hint.width(), 200), max(hint.height(), self.min_height))

    def minimumSizeHint(self) -> QSize:
        width = 160
        height = self.column.heightForWidth(width) if self.column.hasHeightForWidth() else 0
        return QSize(width, max(height, self.column.minimumSize().height(), self.min_height))


class WrappingToggle(TileButton):
    """A checkable choice whose words wrap inside it (the finish screen's rating buttons).

    `setText`/`text` work as on a QPushButton, but the words live in the tile's label, so at
    'Rất lớn' a long word goes to a second line instead of being cut off.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent=parent, role="chip")
        self.setCheckable(True)
        self.setObjectName(name)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self.set_texts(text)

    def text(self) -> str:
        return self.title.text()
