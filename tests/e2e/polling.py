"""Waiting on a program that runs in another process: poll, and say what never happened."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def wait(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll `condition` every 0.1 s until it is true, or fail naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def text_of(path: Path) -> str:
    """A log or output file's text so far ('' before it exists)."""
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
