"""One logging setup for the whole program: rotating files in the log dir, plus stderr.

A kiosk runs for months with nobody watching, so its log must be on disk (for IT and
`dvc-kiosk status`), bounded in size (old PCs have small disks), and written by ids and codes
only — never what a resident typed (each module is careful about that; this only routes).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kiosk.paths import AppDirs

LOG_FILE = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_installed: list[logging.Handler] = []


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
        if rotate:
            from logging.handlers import RotatingFileHandler

            file_handler = RotatingFileHandler(
                target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False
            )
        else:
            file_handler = logging.FileHandler(target, encoding="utf-8", delay=False)
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
