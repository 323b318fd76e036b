"""A stand-in speech-dispatcher for the read-aloud tests: a real SSIP server on a Unix socket.

Qt's speechd engine (and libspeechd under it) finds the dispatcher at
`$XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock`, so a test points XDG_RUNTIME_DIR at
`fake.runtime_dir` and gets this server instead of the machine's own. (A short folder in the
system's temp dir: a Unix socket's path must stay under 108 bytes, which pytest's tmp_path
can pass.) It offers a Vietnamese and
an English voice, records what it was asked to read, and can be told to hang on a command, as
a real dispatcher does when its audio output is stuck (seen on this project's CI machines:
after reading once with no sound card, it answers nothing more).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

VOICES = b"249-vietnamese\tvi\tnone\r\n249-english\ten\tnone\r\n249 OK VOICE LIST SENT\r\n"


class FakeSpeechDispatcher:
    """Serves SSIP on `runtime_dir/speech-dispatcher/speechd.sock` from a daemon thread.

    `hang_on`: a command prefix (e.g. "SPEAK", "CANCEL", "LIST SYNTHESIS_VOICES"); when it
    arrives, that connection stops answering until `release()` or `hold_seconds` have passed.
    `stuck` is set while a connection hangs; `spoken` lists the texts received.
    """

    def __init__(self, hang_on: str | None = None, hold_seconds: float = 600) -> None:
        self.runtime_dir = Path(tempfile.mkdtemp(prefix="speechd-"))
        self.path = self.runtime_dir / "speech-dispatcher" / "speechd.sock"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.hang_on = hang_on.upper() if hang_on else None
        self.hold_seconds = hold_seconds
        self.spoken: list[str] = []
        self.commands: list[str] = []
        self.stuck = threading.Event()
        self.spoke = threading.Event()
        self._release = threading.Event()
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(self.path))
        self._server.listen()
        self._thread = threading.Thread(target=self._accept, name="fake-speechd", daemon=True)
        self._thread.start()

    def release(self) -> None:
        """Let hanging connections answer again."""
        self._release.set()

    def close(self) -> None:
        self.release()
        self._server.close()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            buffer = b""
            text: list[str] | None = None  # lines of a message being received after SPEAK
            while True:
                try:
                    data = conn.recv(4096)
                except OSError:
                    return
                if not data:
                    return
                buffer += data
                while b"\r\n" in buffer:
                    raw, buffer = buffer.split(b"\r\n", 1)
                    line = raw.decode("utf-8", "replace")
                    if text is not None:  # the message body ends with a lone '.'
                        if line == ".":
                            self.spoken.append("\n".join(text))
                            self.spoke.set()
                            text = None
                            conn.sendall(b"225-1\r\n225 OK MESSAGE QUEUED\r\n")
                        else:
                            text.append(line[1:] if line.startswith("..") else line)
                        continue
                    command = line.upper()
                    self.commands.append(line)
                    if self.hang_on and command.startswith(self.hang_on):
                        self.stuck.set()
                        self._release.wait(self.hold_seconds)
                        self.stuck.clear()
                    try:
                        if command.startswith("SPEAK"):
                            text = []
                            conn.sendall(b"230 OK RECEIVING DATA\r\n")
                        elif command.startswith("QUIT"):
                            conn.sendall(b"231 HAPPY HACKING\r\n")
                            return
                        else:
                            conn.sendall(self._answer(command))
                    except OSError:
                        return

    @staticmethod
    def _answer(command: str) -> bytes:
        if command.startswith("LIST OUTPUT_MODULES"):
            return b"250-espeak-ng\r\n250 OK MODULE LIST SENT\r\n"
        if command.startswith("GET OUTPUT_MODULE"):
            return b"251-espeak-ng\r\n251 OK GET RETURNED\r\n"
        if command.startswith("LIST SYNTHESIS_VOICES"):
            return VOICES
        return b"200 OK\r\n"


@contextlib.contextmanager
def fake_speech_dispatcher(
    hang_on: str | None = None, hold_seconds: float = 600
) -> Iterator[FakeSpeechDispatcher]:
    """A FakeSpeechDispatcher for the length of a `with` block."""
    fake = FakeSpeechDispatcher(hang_on, hold_seconds)
    try:
        yield fake
    finally:
        fake.close()
