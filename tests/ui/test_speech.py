"""Read-aloud: offered where a Vietnamese voice exists, hidden (not broken) where none does."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from ui.speech import Speaker


def test_without_a_voice_the_read_aloud_controls_stay_hidden(qtbot: Any, make_kiosk: Any) -> None:
    """A PC with no speech engine shows neither the 'Đọc to' button nor the home choice."""
    kiosk = make_kiosk()
    home = kiosk.window.pages["home"]
    assert not home.speech_label.isVisible(), "hidden until a voice has answered"
    speaker = Speaker(engine_names=[])  # what a PC without any speech engine reports
    kiosk.window.attach_speaker(speaker)
    assert speaker.wait(5000), "the speech thread ends at once when there is no engine"
    kiosk.wizard.set_read_aloud(True)
    assert not home.speech_label.isVisible()
    assert not kiosk.window.read_button.isVisible()
    speaker.stop()


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_with_a_vietnamese_voice_the_kiosk_reads_the_current_step(
    qtbot: Any, make_kiosk: Any
) -> None:
    """With speech-dispatcher + espeak-ng a Vietnamese voice is found; 'Đọc to' reads the step."""
    kiosk = make_kiosk()
    speaker = Speaker()
    try:
        with qtbot.waitSignal(speaker.availability_changed, timeout=20000, raising=False) as got:
            kiosk.window.attach_speaker(speaker)
        if not got.signal_triggered or not speaker.available:
            pytest.skip("speech-dispatcher did not offer a Vietnamese voice here")
        on = kiosk.window.findChild(QAbstractButton, "speech-on")
        assert on.isVisible()
        qtbot.mouseClick(on, Qt.MouseButton.LeftButton)
        kiosk.wizard.start()
        kiosk.wizard.choose("dang-ky-tam-tru")
        kiosk.wizard.begin_steps()
        assert kiosk.window.read_button.isVisible()
        assert kiosk.window.pages["step"].speech_text().startswith("Bước 1/")
        qtbot.mouseClick(kiosk.window.read_button, Qt.MouseButton.LeftButton)
    finally:
        speaker.stop()
