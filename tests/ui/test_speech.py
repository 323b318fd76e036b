"""Read-aloud: offered where a Vietnamese voice exists, hidden (not broken) where none does."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from ui.speech import Speaker


def test_without_a_voice_the_read_aloud_controls_are_hidden(qtbot: Any, make_kiosk: Any) -> None:
    """A PC with no Vietnamese voice shows neither the 'Đọc to' button nor the home choice."""
    kiosk = make_kiosk()
    speaker = Speaker()
    speaker.available = False  # as on a PC without any Vietnamese voice
    kiosk.window.attach_speaker(speaker)
    home = kiosk.window.pages["home"]
    assert not home.speech_label.isVisible()
    kiosk.wizard.set_read_aloud(True)
    assert not kiosk.window.read_button.isVisible()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_with_espeak_the_kiosk_reads_the_current_step(qtbot: Any, make_kiosk: Any) -> None:
    """With speech-dispatcher + espeak-ng a Vietnamese voice is found; 'Đọc to' reads the step."""
    speaker = Speaker()
    if not speaker.available:
        pytest.skip("speech-dispatcher is not running a Vietnamese voice here")
    kiosk = make_kiosk()
    kiosk.window.attach_speaker(speaker)
    qtbot.mouseClick(
        kiosk.window.findChild(QAbstractButton, "speech-on"), Qt.MouseButton.LeftButton
    )
    kiosk.wizard.start()
    kiosk.wizard.choose("dang-ky-tam-tru")
    kiosk.wizard.begin_steps()
    assert kiosk.window.read_button.isVisible()
    text = kiosk.window.pages["step"].speech_text()
    assert text.startswith("Bước 1/")
    qtbot.mouseClick(kiosk.window.read_button, Qt.MouseButton.LeftButton)
