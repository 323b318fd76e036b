"""One logging setup for the whole program: rotating files in the log dir, plus stderr.

A kiosk runs for months with nobody watching, so its log must be on disk (for IT and
`dvc-kiosk status`), bounded in size (old PCs have small disks), and written by ids and codes
only — never what a resident typed (each module is careful about that; this only routes).
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.paths import AppDirs
from kiosk.private_files import FILE_MODE, make_private_dir, tighten

LOG_FILE = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_installed: list[logging.Handler] = []


class _PrivateLogFile:
    """What the kiosk's file handlers add to logging's: owner-only files, and a full or
    read-only disk reported once on stderr instead of a traceback for every line."""

    baseFilename: str  # noqa: N815 (logging's name)
    encoding: str | None
    errors: str | None
    _failing = False
    _emitted = True

    def _open(self) -> io.TextIOWrapper:
        # Rotation opens new files too: each is created 0600 whatever the umask.
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        handle = os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)
        assert isinstance(handle, io.TextIOWrapper)  # text mode always gives one
        return handle

    def emit(self, record: logging.LogRecord) -> None:
        self._emitted = True
        super().emit(record)  # type: ignore[misc]  # logging.FileHandler's, after this mixin
        if self._emitted and self._failing:
            self._failing = False
            _say(f"dvc-kiosk: the log {self.baseFilename} is writable again")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self._emitted = False
        if not self._failing:
            self._failing = True
            error = sys.exc_info()[1]
            _say(
                f"dvc-kiosk: cannot write the log {self.baseFilename} ({error}); "
                "log lines are dropped until it works again"
            )


class PrivateFileHandler(_PrivateLogFile, logging.FileHandler):
    """logging.FileHandler, owner-only and quiet about a failing disk."""


@functools.cache
def _rotating_handler() -> Callable[..., logging.Handler]:
    # logging.handlers costs the home screen ~6 ms: imported only once rotation is wanted.
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFileHandler(_PrivateLogFile, RotatingFileHandler):
        """RotatingFileHandler, owner-only and quiet about a failing disk."""

    return PrivateRotatingFileHandler


def _say(text: str) -> None:
    if sys.stderr is not None:  # the windowed Windows build has no stderr
        with contextlib.suppress(OSError, ValueError):  # stderr closed or full as well
            print(text, file=sys.stderr)


def log_file(dirs: AppDirs) -> Path:
    """The current rotating log file."""
    return dirs.logs / LOG_FILE


def setup_logging(
    dirs: AppDirs, *, level: int = logging.INFO, stderr: bool = True, rotate: bool = True
) -> Path | None:
    """Send every logger's records to `logs/kiosk.log` (1 MB × 5) and to stderr.

    Calling it again replaces what an earlier call installed (tests, self-test, and the kiosk
    itself). Returns the log file, or None when the log dir cannot be written (then stderr
    only: the kiosk must still start on a PC with a read-only or full disk).

    `rotate=False` appends to the same file without rotating: the kiosk logs so for its first
    tenth of a second, because `logging.handlers` imports socket, pickle and queue (~6 ms
    before the home screen is painted); `ui.app.run` calls this again with rotation right
    after the first paint.
    """
    root = logging.getLogger()
    for handler in _installed:
        root.removeHandler(handler)
        with contextlib.suppress(OSError):  # a full disk fails the last flush: nothing to save
            handler.close()
    _installed.clear()
    # The entry point's early basicConfig (before the dirs are known) hands over to this setup.
    for handler in list(root.handlers):
        if type(handler) is logging.StreamHandler and handler.stream in (sys.stderr, sys.stdout):
            root.removeHandler(handler)
    formatter = logging.Formatter(FORMAT)
    target = log_file(dirs)
    path: Path | None = target
    try:
        dirs.logs.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler
        make_private_dir(dirs.logs)
        tighten([dirs.logs])  # files an older version made 0644
        if rotate:
            file_handler = _rotating_handler()(
                target,
                maxBytes=MAX_BYTES,
                backupCount=BACKUPS,
                encoding="utf-8",
                delay=False,
            )
        else:
            file_handler = PrivateFileHandler(target, encoding="utf-8", delay=False)
        file_handler.setFormatter(formatter)
        _installed.append(file_handler)
    except OSError as exc:
        path = None
        print(f"dvc-kiosk: cannot write the log in {dirs.logs}: {exc}", file=sys.stderr)
    # The windowed build on Windows has no stderr at all (sys.stderr is None).
    if stderr and sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(formatter)
        _installed.append(console)
    for handler in _installed:
        root.addHandler(handler)
    root.setLevel(level)
    # A library's chatter at INFO would fill 5 MB of log in days on a busy kiosk.
    for noisy in ("httpx", "httpcore", "alembic.runtime.migration", "sqlalchemy.engine"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
