"""The read-aloud worker: a small process that owns the speech engine (`dvc-kiosk speech`).

Why a separate process: QTextToSpeech's calls wait for the speech service to answer, and
PySide6 keeps Python's lock while they wait. When the engine lived on a thread of the kiosk, a
stuck speech-dispatcher froze the whole kiosk: on 'Đọc to', and at quit, where the GUI thread
waited forever for the lock the speech thread held (Alt+F4 and the volunteer's exit hung, and
the service manager never restarted it). Here a stuck engine can block nothing but this
process, which the kiosk kills when it quits.

The protocol is one JSON object per line, UTF-8:

- kiosk → worker: ``{"say": text, "lang": "vi" | "en"}`` reads `text` aloud, replacing what was
  being read; ``{"stop": true}`` stops reading. When stdin closes (the kiosk quit or died), the
  worker ends.
- worker → kiosk, once the engine has started: ``{"engine": name | null, "vi": bool,
  "en": bool, "engines": [names]}``, saying which engine runs, whether it has a Vietnamese or
  English voice, and which engines this machine offers (for IT's diagnosis).

Diagnostics go to stderr, which the kiosk copies into its log. The texts are the catalog's
guidance, never anything a resident typed.
"""

from __future__ import annotations

import argparse
import faulthandler
import io
import json
import os
import signal
import sys
import threading
from typing import IO

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal, Slot

# Qt's test engine speaks to nobody, so it never counts as a voice.
IGNORED_ENGINES = {"mock"}


def choose_engine(available: list[str], wanted: list[str] | None) -> str | None:
    """The engine to use: the first wanted one (or the system's first) that is not Qt's mock."""
    names = wanted if wanted is not None else available
    usable = [name for name in names if name not in IGNORED_ENGINES]
    return usable[0] if usable else None


def report(out: IO[str], engines: list[str], engine: str | None, vi: bool, en: bool) -> None:
    """The one status line the kiosk waits for."""
    out.write(json.dumps({"engine": engine, "vi": vi, "en": en, "engines": engines}) + "\n")
    out.flush()


class Voice(QObject):
    """Receives the kiosk's requests (from the stdin thread) and speaks on the main thread.

    Signals:
        requested(str, str): text and language, queued from the reader thread.
        hush_requested(): stop reading; queued from the reader thread.
        kiosk_gone(): stdin closed; queued from the reader thread.
    """

    requested = Signal(str, str)
    hush_requested = Signal()
    kiosk_gone = Signal()

    def __init__(self, engine: QObject) -> None:
        super().__init__()
        self.engine = engine
        self.requested.connect(self.say)
        self.hush_requested.connect(self.hush)

    @Slot(str, str)
    def say(self, text: str, language: str) -> None:
        lang = QLocale.Language.English if language == "en" else QLocale.Language.Vietnamese
        self.engine.stop()  # type: ignore[attr-defined]
        self.engine.setLocale(QLocale(lang))  # type: ignore[attr-defined]
        self.engine.say(text)  # type: ignore[attr-defined]

    @Slot()
    def hush(self) -> None:
        self.engine.stop()  # type: ignore[attr-defined]


def read_requests(source: IO[str], voice: Voice) -> None:
    """The stdin thread: forward each request; quit the worker when the kiosk goes away."""
    for line in source:
        try:
            request = json.loads(line)
            if request.get("stop"):
                voice.hush_requested.emit()
                continue
            text, language = str(request["say"]), str(request.get("lang", "vi"))
        except (ValueError, KeyError, TypeError, AttributeError):
            print("speech worker: ignored a malformed request", file=sys.stderr, flush=True)
            continue
        voice.requested.emit(text, language)
    voice.kiosk_gone.emit()


def main(argv: list[str] | None = None) -> int:
    """Start the engine, report it, then read requests until stdin closes."""
    parser = argparse.ArgumentParser(prog="dvc-kiosk speech")
    parser.add_argument(
        "--engines",
        help="comma-separated engines to try instead of the system's list ('' for none)",
    )
    args = parser.parse_args(argv)
    if sys.stdin is None or sys.stdout is None:  # started without pipes: nobody to serve
        return 2
    if hasattr(signal, "SIGUSR1"):  # where a stuck worker is, into the kiosk's log
        faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)
    requests = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    status = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
    wanted = None if args.engines is None else [n for n in args.engines.split(",") if n]
    app = QCoreApplication([sys.argv[0]])
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        print("speech worker: QtTextToSpeech is not installed", file=sys.stderr, flush=True)
        report(status, [], None, False, False)
        return 0
    engines = QTextToSpeech.availableEngines()
    name = choose_engine(engines, wanted)
    if name is None:
        report(status, engines, None, False, False)
        return 0
    engine = QTextToSpeech(name)
    languages = {locale.language() for locale in engine.availableLocales()}
    report(
        status,
        engines,
        name,
        QLocale.Language.Vietnamese in languages,
        QLocale.Language.English in languages,
    )
    voice = Voice(engine)
    voice.kiosk_gone.connect(app.quit)
    reader = threading.Thread(
        target=read_requests, args=(requests, voice), name="requests", daemon=True
    )
    reader.start()
    app.exec()
    # Leave without destroying the engine: its destructor waits for the speech service, and
    # a stuck one would keep this process alive after the kiosk has gone.
    os._exit(0)
