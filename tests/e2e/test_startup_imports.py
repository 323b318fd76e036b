"""The home screen is painted before anything it does not need is imported: the real program,
told to exit right after its first paint, has not loaded the database, HTTP, crypto, speech or
QR-code libraries by then (DESIGN.md: they start after the first paint)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_BEFORE_FIRST_PAINT = (
    "sqlalchemy",
    "alembic",
    "httpx",
    "nacl",
    "PySide6.QtTextToSpeech",
    "segno",
    "kiosk.journal.db",
    "kiosk.catalog.search",
    # Each cost the home screen milliseconds and is not needed for it:
    "PySide6.QtSvg",  # the logo is a PNG; step pictures are drawn on their own screens
    "logging.handlers",  # log rotation is switched on after the first paint
    "kiosk.catalog.check",
    "hashlib",  # OpenSSL's ~4 MB: the PIN and file writes need it only after the paint
    # The portal view: QtWebEngine (and its process) start when a resident first opens it.
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtPrintSupport",
    "ui.portal.session",
    "ui.portal.split_page",
)


def test_nothing_heavy_is_imported_before_the_home_screen_is_painted(tmp_path: Path) -> None:
    """`python -X importtime -m ui.entry run` with DVC_KIOSK_EXIT_AFTER_PAINT=1 exits 0 after
    painting the home screen, and none of the heavy modules appears in its import log."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DVC_KIOSK_HOME": str(tmp_path / "home"),
        "DVC_KIOSK_EXIT_AFTER_PAINT": "1",
    }
    env.pop("DVC_KIOSK_CONFIG", None)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ui.entry", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "ui.pages.home_page" in imported, "the import log was read"
    assert "ui.portal.controller" in imported, "the portal's light half is there from the start"
    early = sorted(name for name in NOT_BEFORE_FIRST_PAINT if name in imported)
    assert early == [], f"imported before the first paint: {early}"
