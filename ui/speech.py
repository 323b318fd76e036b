"""Read-aloud, only where a Vietnamese voice exists (hidden otherwise).

Linux: speech-dispatcher + espeak-ng; Windows: SAPI. The engine runs in its own process, the
read-aloud worker (`ui.speech_worker`, started as `dvc-kiosk speech`): a speech service that
hangs or crashes can then neither freeze the kiosk nor keep it from quitting. The kiosk only
writes lines to the worker's stdin and reads one status line back, never waiting for either.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QProcess, QTimer, Signal

log = logging.getLogger(__name__)

START_TIMEOUT_MS = 30_000  # an engine still silent after this is given up for this session
QUIT_TIMEOUT_MS = 1_000  # how long quitting waits for the worker before killing it


def worker_command(engine_names: list[str] | None = None) -> tuple[str, list[str], str | None]:
    """Program, arguments and working directory that start the read-aloud worker.

    The bundle starts its own executable with the `speech` command; from source, the same
    Python runs `-m ui.entry speech` from the project's folder.
    """
    extra = [] if engine_names is None else ["--engines", ",".join(engine_names)]
    if getattr(sys, "frozen", False):
        return sys.executable, ["speech", *extra], None
    project = str(Path(__file__).resolve().parents[1])
    return sys.executable, ["-m", "ui.entry", "speech", *extra], project


class Speaker(QObject):
    """The kiosk's side of read-aloud; `available` turns True once a Vietnamese voice answered.

    Signals:
        availability_changed(bool): the engine finished starting (or stopped); whether
            read-aloud works now.
    """

    availability_changed = Signal(bool)

    def __init__(self, engine_names: list[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.available = False
        self.english = False
        self.engine: str | None = None
        self._reported = False  # availability_changed has been emitted at least once
        self._stopping = False
        self._out = b""
        self._err = b""
        self.process = QProcess(self)
        program, args, folder = worker_command(engine_names)
        self.process.setProgram(program)
        self.process.setArguments(args)
        if folder is not None:
            self.process.setWorkingDirectory(folder)
        self.process.readyReadStandardOutput.connect(self._read_status)
        self.process.readyReadStandardError.connect(self._read_diagnostics)
        self.process.errorOccurred.connect(self._failed)
        self.process.finished.connect(self._ended)
        self._give_up = QTimer(self, singleShot=True, interval=START_TIMEOUT_MS)
        self._give_up.timeout.connect(self._start_timed_out)
        self.process.start()
        self._give_up.start()

    def say(self, text: str, language: str) -> None:
        """Read `text` (Vietnamese unless English is chosen and an English voice exists)."""
        if not self.available:
            return
        self._send({"say": text, "lang": "en" if language == "en" and self.english else "vi"})

    def hush(self) -> None:
        """Stop reading (the resident moved on to another screen)."""
        if self.available:
            self._send({"stop": True})

    def _send(self, request: dict[str, object]) -> None:
        line = json.dumps(request, ensure_ascii=False) + "\n"
        self.process.write(QByteArray(line.encode("utf-8")))

    def stop(self) -> None:
        """End the worker at quit: close its stdin, then kill it if it has not gone in 1 s."""
        self._stopping = True
        self._give_up.stop()
        if self.process.state() == QProcess.ProcessState.NotRunning:
            return
        self.process.closeWriteChannel()
        if not self.process.waitForFinished(QUIT_TIMEOUT_MS):
            log.warning("read-aloud worker did not stop; killing it")
            self.process.kill()
            self.process.waitForFinished(QUIT_TIMEOUT_MS)

    def _set_available(self, available: bool) -> None:
        changed = available != self.available
        self.available = available
        if changed or not self._reported:
            self._reported = True
            self.availability_changed.emit(available)

    def _read_status(self) -> None:
        self._out += bytes(self.process.readAllStandardOutput().data())
        while b"\n" in self._out:
            line, self._out = self._out.split(b"\n", 1)
            try:
                status = json.loads(line)
                engine, vi, en = status["engine"], bool(status["vi"]), bool(status["en"])
                offered = ", ".join(map(str, status.get("engines", []))) or "none"
            except (ValueError, KeyError, TypeError):
                log.warning("read-aloud worker said something unexpected; ignored")
                continue
            self._give_up.stop()
            self.engine, self.english = engine, en
            if engine is None:
                log.info("read-aloud unavailable: no speech engine (engines: %s)", offered)
            else:
                log.info("read-aloud engine %s, Vietnamese voice: %s", engine, vi)
            self._set_available(vi)

    def _read_diagnostics(self, last: bool = False) -> None:
        self._err += bytes(self.process.readAllStandardError().data())
        *lines, self._err = self._err.split(b"\n")
        if last:  # the worker has ended: its final line may lack a newline
            lines.append(self._err)
            self._err = b""
        for line in lines:
            if line.strip():
                log.info("read-aloud worker: %s", line.decode("utf-8", "replace").rstrip())

    def _start_timed_out(self) -> None:
        log.warning(
            "read-aloud unavailable: the speech engine did not start in %d s",
            START_TIMEOUT_MS // 1000,
        )
        self._stopping = True
        self.process.kill()
        self._set_available(False)

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("read-aloud unavailable: the worker could not start")
            self._give_up.stop()
            self._set_available(False)

    def _ended(self, code: int, status: QProcess.ExitStatus) -> None:
        self._give_up.stop()
        self._read_diagnostics(last=True)
        # Ending is normal when it said there is no engine, or when the kiosk stops it.
        if not self._stopping and (self.engine is not None or not self._reported):
            how = "crashed" if status == QProcess.ExitStatus.CrashExit else f"ended ({code})"
            log.warning("read-aloud worker %s; read-aloud is off until the kiosk restarts", how)
        self._set_available(False)
