"""The running kiosk shows the last good downloaded release when a newer one does not load,
and its volunteer panel says which release is in use and why (issue #13 item 9); the PIN pad
says why no PIN can open when the PIN's secret file was replaced (item 12)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kiosk.config import SyncConfig
from kiosk.journal.db import open_journal
from kiosk.paths import AppDirs
from kiosk.pin import DEMO_PIN, hash_pin
from kiosk.sync.catalog_store import CatalogStore
from tests.core.release_support import PUBLIC, install, release_source
from ui.sync_hookup import start_sync


def test_the_panel_names_the_release_in_use_and_the_one_that_failed(
    qtbot: Any, journal_kiosk: Any, ui_home: AppDirs, tmp_path: Path
) -> None:
    """Stored releases 7 (good) and 8 (catalog.toml broken): at start-up the wizard gets
    release 7, not the bundled one, and the panel reads 'Đang dùng nội dung bản 7 … (bản 8 tải
    về bị lỗi: …)'."""
    store = CatalogStore(ui_home.data / "catalog")
    install(store, release_source(tmp_path, 7), 7)
    install(store, release_source(tmp_path, 8, "broken-index"), 8)
    # A collector nobody answers at: start-up must not need one.
    sync = SyncConfig("http://127.0.0.1:9", "token", PUBLIC, interval_seconds=300)
    kiosk, _hookup, driver = journal_kiosk(sync=sync)
    bundled = kiosk.wizard.catalog.version
    assert bundled < 7  # the bundled catalog, until the stored releases are read
    journal = open_journal(ui_home.database)
    kiosk.journal = journal
    try:
        start_sync(kiosk)
        qtbot.waitUntil(lambda: kiosk.wizard.catalog.version == 7, timeout=20_000)
        qtbot.waitUntil(lambda: kiosk.sync.release is not None, timeout=20_000)
        assert driver.open_panel(DEMO_PIN)
        text = driver.panel.catalog_lines.text()
        assert "Phiên bản 7," in text
        assert "Đang dùng nội dung bản 7 tải về từ quận (bản 8 tải về bị lỗi: " in text
        assert "nội dung không đọc được — catalog.toml" in text
        shots = Path(os.environ.get("DVC_SHOTS", tmp_path))
        shots.mkdir(parents=True, exist_ok=True)
        kiosk.window.grab().save(str(shots / "panel-release-fallback.png"))
        kiosk.sync.stop()
    finally:
        journal.close()


def test_a_pin_set_for_a_deleted_secret_file_gets_a_sentence_for_it(
    qtbot: Any, journal_kiosk: Any, ui_home: AppDirs, tmp_path: Path
) -> None:
    """A config hash made with another pepper (the file was deleted and remade): the pad says
    the secret file was replaced and IT must set the PIN again, instead of 'wrong PIN'."""
    foreign = hash_pin("482915", os.urandom(32), n=2**10)
    kiosk, _hookup, driver = journal_kiosk(pin_hash=foreign, demo=False)
    assert not driver.open_panel("482915")
    pad = driver.panel.pin_pad
    message = pad.message.text()
    assert "Tệp bí mật của mã PIN trên máy này đã bị xóa hoặc thay" in message
    assert "đặt lại mã PIN" in message
    # All its lines show: the sentence ends above the cancel button, not under it.
    qtbot.waitUntil(
        lambda: (
            pad.message.height() >= pad.message.heightForWidth(pad.message.width())
            and pad.message.geometry().bottom() < pad.cancel.geometry().top()
        )
    )
    shots = Path(os.environ.get("DVC_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    kiosk.window.grab().save(str(shots / "pin-pad-other-pepper.png"))
