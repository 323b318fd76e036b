"""Fixtures for core tests: a private kiosk home in tmp_path and a fresh journal in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.paths import AppDirs, app_dirs

if TYPE_CHECKING:
    from kiosk.journal.db import Journal


@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppDirs:
    """Config, data, cache and logs under tmp_path; no config file from the real machine."""
    monkeypatch.setenv("DVC_KIOSK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DVC_KIOSK_CONFIG", raising=False)
    dirs = app_dirs()
    dirs.ensure()
    return dirs


@pytest.fixture
def journal(kiosk_home: AppDirs) -> Iterator[Journal]:
    """An open journal on a new database, closed (and its connections with it) afterwards."""
    from kiosk.journal.db import open_journal

    opened = open_journal(kiosk_home.database)
    try:
        yield opened
    finally:
        opened.close()
