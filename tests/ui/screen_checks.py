"""What a resident would see go wrong on a screen, measured on the laid-out widgets.

- `clipped_text`: a button narrower or shorter than its text needs (QPushButton cuts text off
  without an ellipsis), a label shorter than its wrapped text or narrower than its one line,
  or a widget cut off by a container that does not scroll.
- `actions_out_of_view`: a main action (by object name) not entirely inside the window and
  inside every scroll area's visible part, i.e. not reachable without scrolling.
- `visible_texts`: every string a resident can see (labels, buttons, placeholders).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

# One pixel of rounding between a hint and a geometry is not a clipped letter.
SLACK = 1


def shown(widget: QWidget) -> bool:
    """Visible on screen: itself and every ancestor shown, with a non-empty size."""
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def shown_children(root: QWidget) -> list[QWidget]:
    """`root` and its shown descendants."""
    return [w for w in [root, *root.findChildren(QWidget)] if shown(w)]


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text().replace("\n", " ")[:40]
    return f"{type(widget).__name__}#{widget.objectName() or '?'} '{text}'"


def _cut_by_ancestor(widget: QWidget) -> bool:
    """Whether a container that does not scroll cuts part of `widget` off."""
    rect = QRect(QPoint(0, 0), widget.size())
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None and not child.isWindow():
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()  # type: ignore[union-attr]
        ):
            return False  # scrolled content: reachable by scrolling
        rect = rect.translated(child.pos())
        inside = QRect(QPoint(0, 0), parent.size())
        if not inside.contains(rect):
            return True
        child, parent = parent, parent.parentWidget()
    return False


def clipped_text(root: QWidget) -> list[str]:
    """Every shown button or label whose text does not fit, or that a container cuts off."""
    problems: list[str] = []
    for widget in shown_children(root):
        if isinstance(widget, QPushButton) and widget.text() and widget.layout() is None:
            # (A button with a layout of its own, a tile, shows its words in labels: below.)
            need = widget.sizeHint()
            if widget.width() + SLACK < need.width() or widget.height() + SLACK < need.height():
                problems.append(
                    f"{_name(widget)}: {widget.width()}x{widget.height()} < "
                    f"{need.width()}x{need.height()}"
                )
        elif isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                need_h = widget.heightForWidth(widget.width())
                if widget.height() + SLACK < need_h:
                    problems.append(f"{_name(widget)}: height {widget.height()} < {need_h}")
            else:
                need = widget.sizeHint()
                if widget.width() + SLACK < need.width():
                    problems.append(f"{_name(widget)}: width {widget.width()} < {need.width()}")
        if isinstance(widget, QLabel | QAbstractButton) and _cut_by_ancestor(widget):
            problems.append(f"{_name(widget)}: cut off by its container")
    return problems


def visible_rect(widget: QWidget) -> QRect:
    """The part of `widget` a resident sees without scrolling, in window coordinates."""
    window = widget.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            rect = rect.intersected(QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def actions_out_of_view(root: QWidget, names: Iterable[str]) -> list[str]:
    """The named widgets (those shown) that are not wholly in view without scrolling."""
    problems: list[str] = []
    for name in names:
        for widget in root.findChildren(QWidget, name):
            if not shown(widget):
                continue
            seen = visible_rect(widget)
            if seen.width() < widget.width() or seen.height() < widget.height():
                problems.append(
                    f"{_name(widget)}: {seen.width()}x{seen.height()} of "
                    f"{widget.width()}x{widget.height()} in view"
                )
    return problems


def visible_texts(root: QWidget) -> list[str]:
    """Every string shown: label and button texts, field texts and placeholders."""
    texts: list[str] = []
    for widget in shown_children(root):
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
    return [t for t in texts if t.strip()]


OVERLAYS = ("volunteerPanel", "messageOverlay", "idleOverlay", "helpOverlay")


def on_top(window: QWidget) -> QWidget:
    """What the resident looks at: the overlay shown over the window, or the window."""
    for name in OVERLAYS:
        overlay = window.findChild(QWidget, name)
        if overlay is not None and overlay.isVisible():
            return overlay
    return window
