"""Idle: the question comes after the quiet time, and with no answer everything is wiped."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox

from kiosk.clock import SYSTEM_CLOCK
from kiosk.wizard import Screen


def test_idle_mid_journey_asks_then_wipes_the_screen(qtbot: Any, make_kiosk: Any) -> None:
    """Quiet for idle_seconds → 'Bạn còn ở đó không?'; no answer → home, nothing left on screen.

    On the real clock: the countdown reads the seconds that really passed.
    """
    kiosk = make_kiosk(idle_seconds=1, idle_answer_seconds=2, clock=SYSTEM_CLOCK)
    window, wizard = kiosk.window, kiosk.wizard
    qtbot.mouseClick(window.findChild(QAbstractButton, "startButton"), Qt.MouseButton.LeftButton)
    search = window.pages["choose"].search
    qtbot.keyClicks(search, "tam tru")
    tile = window.pages["choose"].tile_buttons["dang-ky-tam-tru"]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    box = window.pages["overview"].findChildren(QCheckBox)[0]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked()

    qtbot.waitUntil(lambda: window.idle_overlay.isVisible(), timeout=3000)
    assert "Bạn còn ở đó không?" in window.idle_overlay.question.text()
    qtbot.waitUntil(lambda: wizard.view.screen == Screen.HOME, timeout=5000)

    assert not window.idle_overlay.isVisible()
    assert wizard.session_uuid is None
    assert search.text() == ""
    assert not any(b.isChecked() for b in window.pages["overview"].findChildren(QCheckBox))


def test_answering_the_idle_question_keeps_the_screen(qtbot: Any, make_kiosk: Any) -> None:
    """'Tôi vẫn đang xem' keeps the resident where they were."""
    kiosk = make_kiosk(idle_seconds=1, idle_answer_seconds=20)
    window, wizard = kiosk.window, kiosk.wizard
    qtbot.mouseClick(window.findChild(QAbstractButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.idle_overlay.isVisible(), timeout=3000)
    qtbot.mouseClick(window.idle_overlay.answer, Qt.MouseButton.LeftButton)
    assert not window.idle_overlay.isVisible()
    assert wizard.view.screen == Screen.CHOOSE and wizard.session_uuid is not None
