"""Small constructors for themed widgets: a label or button with its style role set."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)


def set_role(widget: QWidget, role: str) -> None:
    """Choose the stylesheet variant of a widget (see resources/styles/kiosk.qss)."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def label(text: str = "", role: str | None = None, wrap: bool = True) -> QLabel:
    """A label that wraps and, for screen readers and read-aloud, is plain text."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if role:
        widget.setProperty("role", role)
    return widget


def button(text: str = "", role: str | None = None, name: str | None = None) -> QPushButton:
    """A push button reachable by keyboard (Tab, then Enter or Space)."""
    widget = QPushButton(text)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setAutoDefault(True)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    return widget


def toggle(text: str = "", name: str | None = None) -> QPushButton:
    """A checkable button used in segmented choices (language, text size, filters)."""
    widget = button(text, "toggle", name)
    widget.setCheckable(True)
    return widget


def nav_bar(
    back: Callable[[], None],
    forward: Callable[[], None] | None = None,
    forward_name: str = "nextButton",
) -> tuple[QHBoxLayout, QPushButton, QPushButton | None]:
    """The bottom bar of a screen: 'Quay lại' on the left, the way forward on the right."""
    row = QHBoxLayout()
    back_button = button("", "secondary", "backButton")
    back_button.clicked.connect(back)
    row.addWidget(back_button)
    row.addStretch(1)
    forward_button = None
    if forward is not None:
        forward_button = button("", None, forward_name)
        forward_button.clicked.connect(forward)
        row.addWidget(forward_button)
    return row, back_button, forward_button


class WrappingContent(QWidget):
    """Scroll-area content whose wrapped text is as tall as the width it really has.

    QScrollArea never lets its content be shorter than the content's minimum size hint, and
    word-wrapped labels compute that hint at their narrowest, where they wrap onto the most
    lines. The home screen then claimed ~140 px more than it needed at full width and scrolled
    its text-size choice out of sight at 'Rất lớn'; the overview scrolled through ~300 px of
    nothing. When the layout wraps text, the minimum height is left to heightForWidth, which
    QScrollArea asks for at the real width. `scroll_area()` gives every screen one.
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            return QSize(hint.width(), 0)
        return hint


class ScrollArea(QScrollArea):
    """A frameless scroll area that keeps its `content` (to be filled) as wide as itself.

    It claims no height of its own (vertical policy Ignored): the screen's headings and
    buttons around it get their full size first and the scroll area takes what is left.
    Claiming its content's height made a short screen squeeze every other part a little,
    cutting the bottom off buttons and wrapped sentences at 'Rất lớn'.
    """

    def __init__(self) -> None:
        super().__init__()
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.content = WrappingContent()
        self.setWidget(self.content)


def scroll_area(*, sideways: bool = True) -> ScrollArea:
    """A ScrollArea for a screen's body.

    Screens scroll rather than push the window past the screen at large text sizes.
    `sideways=False` never shows a horizontal bar (columns that wrap their text instead).
    """
    area = ScrollArea()
    if not sideways:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def scroll_to_top(widget: QWidget) -> None:
    """Every scroll area in `widget` back to its top left: a new screen, step or session
    starts at its beginning, never where the last one was left."""
    for area in widget.findChildren(QAbstractScrollArea):
        area.verticalScrollBar().setValue(0)
        area.horizontalScrollBar().setValue(0)
