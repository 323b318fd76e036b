"""Read-aloud: offered where a Vietnamese voice exists, hidden (not broken) where none does, and
a stuck speech service never freezes the kiosk.

The voice tests run Qt's real speechd engine in the real read-aloud worker process against a
stand-in speech-dispatcher (tests/fake_speechd.py), so they do not depend on this machine's
sound card or on the state its own dispatcher is in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QAbstractButton

from tests.fake_speechd import FakeSpeechDispatcher, fake_speech_dispatcher
from ui.speech import Speaker


def speechd_engine_present() -> bool:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return False
    return "speechd" in QTextToSpeech.availableEngines()


needs_speechd = pytest.mark.skipif(
    not speechd_engine_present(), reason="Qt's speechd engine is not installed here"
)


@pytest.fixture
def dispatcher(monkeypatch: pytest.MonkeyPatch, request: Any) -> Iterator[FakeSpeechDispatcher]:
    """A stand-in speech-dispatcher the worker will find (parametrize with `hang_on`)."""
    hang_on = getattr(request, "param", None)
    with fake_speech_dispatcher(hang_on=hang_on, hold_seconds=20) as fake:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(fake.runtime_dir))
        yield fake


def wait_for(event: threading.Event, qtbot: Any, what: str) -> None:
    """Wait for a thread event while the Qt event loop keeps running."""
    qtbot.waitUntil(event.is_set, timeout=20000)
    assert event.is_set(), what


@pytest.fixture
def speaker(dispatcher: FakeSpeechDispatcher) -> Iterator[Speaker]:
    """The read-aloud worker on Qt's speechd engine, talking to the stand-in dispatcher."""
    speaker = Speaker(engine_names=["speechd"])
    yield speaker
    speaker.stop()


def read_step_1(kiosk: Any, qtbot: Any, speaker: Speaker) -> None:
    """Attach the speaker, wait for its voice, switch read-aloud on, open step 1 and press
    'Đọc to'."""
    with qtbot.waitSignal(speaker.availability_changed, timeout=30000) as got:
        kiosk.window.attach_speaker(speaker)
    assert got.args == [True], "the stand-in offers a Vietnamese voice"
    on = kiosk.window.findChild(QAbstractButton, "speech-on")
    assert on.isVisible()
    qtbot.mouseClick(on, Qt.MouseButton.LeftButton)
    kiosk.wizard.start()
    kiosk.wizard.choose("dang-ky-tam-tru")
    kiosk.wizard.begin_steps()
    assert kiosk.window.read_button.isVisible()
    qtbot.mouseClick(kiosk.window.read_button, Qt.MouseButton.LeftButton)


def test_without_a_voice_the_read_aloud_controls_stay_hidden(qtbot: Any, make_kiosk: Any) -> None:
    """A PC with no speech engine shows neither the 'Đọc to' button nor the home choice."""
    kiosk = make_kiosk()
    home = kiosk.window.pages["home"]
    assert not home.speech_label.isVisible(), "hidden until a voice has answered"
    speaker = Speaker(engine_names=[])  # what a PC without any speech engine reports
    with qtbot.waitSignal(speaker.availability_changed, timeout=30000) as got:
        kiosk.window.attach_speaker(speaker)
    assert got.args == [False]
    kiosk.wizard.set_read_aloud(True)
    assert not home.speech_label.isVisible()
    assert not kiosk.window.read_button.isVisible()
    qtbot.waitUntil(lambda: speaker.process.state() == QProcess.ProcessState.NotRunning)
    speaker.stop()


@needs_speechd
def test_with_a_vietnamese_voice_the_kiosk_reads_the_current_step(
    qtbot: Any, make_kiosk: Any, dispatcher: FakeSpeechDispatcher, speaker: Speaker
) -> None:
    """A Vietnamese voice makes 'Đọc to' appear; pressing it sends the step's text to the
    speech service, in Vietnamese."""
    kiosk = make_kiosk()
    read_step_1(kiosk, qtbot, speaker)
    wait_for(dispatcher.spoke, qtbot, "the step reached the speech service")
    text = kiosk.window.pages["step"].speech_text()
    assert text.startswith("Bước 1/")
    assert dispatcher.spoken == [text]
    assert any(c.startswith("SET SELF LANGUAGE vi") for c in dispatcher.commands)
    speaker.stop()
    assert speaker.process.state() == QProcess.ProcessState.NotRunning


@needs_speechd
def test_reading_stops_when_the_resident_moves_on(
    qtbot: Any, make_kiosk: Any, dispatcher: FakeSpeechDispatcher, speaker: Speaker
) -> None:
    """'Tiếp tục' while step 1 is being read silences it: the speech service is told to cancel
    after the text, and is not told again on the next screens until 'Đọc to' is pressed."""
    kiosk = make_kiosk()
    read_step_1(kiosk, qtbot, speaker)
    wait_for(dispatcher.spoke, qtbot, "step 1 reached the speech service")
    spoken_at = len(dispatcher.commands)

    def cancels() -> int:
        return sum(c.upper().startswith("CANCEL") for c in dispatcher.commands[spoken_at:])

    assert cancels() == 0
    step = kiosk.window.pages["step"]
    qtbot.mouseClick(step.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cancels() > 0, timeout=10000)
    after_first_move = cancels()
    qtbot.mouseClick(step.next, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert cancels() == after_first_move, "nothing is being read, so nothing to cancel"


@needs_speechd
@pytest.mark.parametrize("dispatcher", ["SPEAK"], indirect=True)
def test_a_stuck_speech_service_neither_freezes_the_kiosk_nor_holds_up_quitting(
    qtbot: Any, make_kiosk: Any, dispatcher: FakeSpeechDispatcher, speaker: Speaker
) -> None:
    """The speech service stops answering in the middle of 'Đọc to' (a real dispatcher does
    this when its sound output is stuck). While it hangs, the resident's next tap still works,
    and quitting ends the read-aloud worker instead of waiting for the service."""
    kiosk = make_kiosk()
    read_step_1(kiosk, qtbot, speaker)
    wait_for(dispatcher.stuck, qtbot, "the speech service hangs on the text")

    step = kiosk.window.pages["step"]
    first = step.speech_text()
    qtbot.mouseClick(step.next, Qt.MouseButton.LeftButton)
    assert step.speech_text() != first and step.speech_text().startswith("Bước 2/")
    assert dispatcher.stuck.is_set(), "the tap was answered while the service still hung"

    speaker.stop()
    assert speaker.process.state() == QProcess.ProcessState.NotRunning
    assert dispatcher.stuck.is_set(), "quitting did not wait for the service"
