"""Read-aloud with QTextToSpeech, only where a Vietnamese voice exists (hidden otherwise).

Linux: speech-dispatcher + espeak-ng; Windows: SAPI. Starting a speech engine can take long or
even hang (a stuck speech-dispatcher), so the engine is created, used and destroyed on its own
thread: the kiosk never waits for it, and read-aloud simply stays hidden until a Vietnamese
voice has answered.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

# Qt's test engine speaks to nobody, so it never counts as a voice.
IGNORED_ENGINES = {"mock"}


def speechd_socket() -> Path:
    """Where speech-dispatcher listens for this user (its own default rules)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path.home() / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def speechd_answers(timeout: float = 3.0) -> bool:
    """Whether a running speech-dispatcher answers an SSIP greeting within `timeout`.

    QTextToSpeech's speechd engine blocks without releasing Python's lock while it connects,
    so a stuck dispatcher would freeze the whole kiosk: ask first, from Python, with a timeout.
    A missing socket is fine (the engine starts a dispatcher itself).
    """
    path = speechd_socket()
    if not path.exists():
        return True
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(str(path))
            conn.sendall(b"SET SELF CLIENT_NAME kiosk:dvc:probe\r\n")
            answer = conn.recv(256)
            conn.sendall(b"QUIT\r\n")
        return answer.startswith(b"2")
    except OSError:
        return False


class _Voice(QObject):
    """Lives on the speech thread and forwards texts to the engine there."""

    def __init__(self, engine: QObject) -> None:
        super().__init__()
        self.engine = engine

    @Slot(str, str)
    def say(self, text: str, language: str) -> None:
        lang = QLocale.Language.English if language == "en" else QLocale.Language.Vietnamese
        self.engine.stop()  # type: ignore[attr-defined]
        self.engine.setLocale(QLocale(lang))  # type: ignore[attr-defined]
        self.engine.say(text)  # type: ignore[attr-defined]


class Speaker(QThread):
    """The speech thread; `available` turns True once a Vietnamese voice answered.

    Signals:
        availability_changed(bool): the engine finished starting; whether read-aloud works.
        say_requested(str, str): text and language, queued to the speech thread.
    """

    availability_changed = Signal(bool)
    say_requested = Signal(str, str)

    def __init__(self, engine_names: list[str] | None = None) -> None:
        super().__init__()
        self.setObjectName("speech")
        self.engine_names = engine_names
        self.available = False
        self.english = False
        self.start()

    def run(self) -> None:
        """Start the engine here (it may block), serve requests, and destroy it here too."""
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            log.info("read-aloud unavailable: QtTextToSpeech is not installed")
            self.availability_changed.emit(False)
            return
        names = self.engine_names
        if names is None:
            names = QTextToSpeech.availableEngines()
        names = [n for n in names if n not in IGNORED_ENGINES]
        if names and names[0] == "speechd" and sys.platform.startswith("linux"):
            if not speechd_answers():
                log.warning("read-aloud unavailable: speech-dispatcher does not answer")
                names = []
        if not names:
            log.info("read-aloud unavailable: no speech engine")
            self.availability_changed.emit(False)
            return
        engine = QTextToSpeech(names[0])
        locales = engine.availableLocales()
        self.english = any(loc.language() == QLocale.Language.English for loc in locales)
        self.available = any(loc.language() == QLocale.Language.Vietnamese for loc in locales)
        log.info("read-aloud engine %s, Vietnamese voice: %s", names[0], self.available)
        voice = _Voice(engine)
        self.say_requested.connect(voice.say)
        self.availability_changed.emit(self.available)
        self.exec()
        self.say_requested.disconnect(voice.say)
        engine.stop()
        del voice, engine  # destroyed on the thread that made them

    def say(self, text: str, language: str) -> None:
        """Read `text` (Vietnamese unless English is chosen and an English voice exists)."""
        if self.available:
            self.say_requested.emit(text, "en" if language == "en" and self.english else "vi")

    def stop(self) -> None:
        """End the speech thread at quit; a hung engine is abandoned, never waited for long."""
        self.quit()
        if not self.wait(2000):
            log.warning("speech engine did not stop; abandoning it")
            self.terminate()
            self.wait(500)
