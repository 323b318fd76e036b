"""The sync hook-up in the real kiosk window: footer text, catalog offer, clean stop.

A real collector on loopback publishes a catalog release; the running kiosk's worker sends the
journal's records, shows the count and time in the footer, and offers the verified release to
the wizard (on the GUI thread). Offline kiosks show only the count. A kiosk that talks to the
collector runs on the machine's clock, as the collector does: both read the same (possibly
faked) date, as a real kiosk and its district do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.clock import SYSTEM_CLOCK
from kiosk.config import SyncConfig
from kiosk.journal.db import open_journal
from kiosk.paths import AppDirs
from tests.core.sync_support import (
    fill_journal,
    make_key,
    publish,
    register_kiosk,
    running_collector,
)
from ui.sync_hookup import start_sync

HELP_POINT = "duc-nhuan-kp1"
KIOSK = "duc-nhuan-kp1-a"


def test_online_kiosk_sends_shows_footer_and_offers_the_new_catalog(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs, tmp_path: Path
) -> None:
    """Footer goes to 'Chưa gửi: 0 · Gửi lần cuối: …'; the wizard takes verified release 9."""
    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    token = register_kiosk(database_url, HELP_POINT, KIOSK)
    key = make_key(tmp_path / "keys")
    publish(database_url, key, version=9)
    fill_journal(ui_home.database, KIOSK, HELP_POINT, 12, seed=21)
    with running_collector(database_url) as live:
        sync = SyncConfig(live.url, token, key.public_b64, interval_seconds=300)
        kiosk = make_kiosk(sync=sync, kiosk_id=KIOSK, clock=SYSTEM_CLOCK)
        bundled = kiosk.wizard.catalog
        kiosk.journal = open_journal(ui_home.database)
        try:
            start_sync(kiosk)
            label = kiosk.window.sync_label
            qtbot.waitUntil(lambda: "Gửi lần cuối" in label.text(), timeout=20_000)
            assert label.text().startswith("Chưa gửi: 0 · Gửi lần cuối: ")
            # Idle on the home screen, the wizard takes the offered release at once.
            qtbot.waitUntil(lambda: kiosk.wizard.catalog is not bundled, timeout=20_000)
            assert sorted(kiosk.wizard.catalog.procedures) == sorted(bundled.procedures)
            assert kiosk.sync.last_status is not None
            assert not kiosk.sync.last_status.failing
            kiosk.sync.stop()
            assert not kiosk.sync.worker._thread.is_alive()
        finally:
            kiosk.journal.close()


def test_offline_kiosk_shows_only_the_count(qtbot: Any, make_kiosk: Any, ui_home: AppDirs) -> None:
    """Without [sync] the footer says 'Chưa gửi: N' and no worker starts."""
    fill_journal(ui_home.database, "demo-1", "demo", 3, seed=22)
    kiosk = make_kiosk()
    kiosk.journal = open_journal(ui_home.database)
    try:
        start_sync(kiosk)
        qtbot.waitUntil(lambda: kiosk.window.sync_label.text() == "Chưa gửi: 3", timeout=10_000)
        assert kiosk.sync.worker is None
        kiosk.sync.stop()
    finally:
        kiosk.journal.close()


def _install_release(ui_home: AppDirs, tmp_path: Path, version: int) -> tuple[SyncConfig, Path]:
    """Install `version` into the kiosk's store through a real round; the store's folder."""
    from kiosk.sync.catalog_store import CatalogStore
    from kiosk.sync.worker import SyncWorker

    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    token = register_kiosk(database_url, HELP_POINT, KIOSK)
    key = make_key(tmp_path / "keys")
    publish(database_url, key, version=version)
    store = CatalogStore(ui_home.data / "catalog")
    with running_collector(database_url) as live:
        sync = SyncConfig(live.url, token, key.public_b64)
        with open_journal(ui_home.database) as journal:
            assert SyncWorker(journal, sync, store).run_round().catalog == "installed"
    # The collector is gone now: start-up must not need it.
    return sync, store.root


def test_stored_release_is_verified_and_offered_at_start_up_without_a_network(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs, tmp_path: Path
) -> None:
    """A release installed on an earlier run is re-verified and offered before any sync."""
    sync, _ = _install_release(ui_home, tmp_path, version=4)
    kiosk = make_kiosk(sync=sync, kiosk_id=KIOSK, clock=SYSTEM_CLOCK)
    bundled = kiosk.wizard.catalog
    kiosk.journal = open_journal(ui_home.database)
    try:
        start_sync(kiosk)
        qtbot.waitUntil(lambda: kiosk.wizard.catalog is not bundled, timeout=20_000)
        kiosk.sync.stop()
    finally:
        kiosk.journal.close()


def test_a_stored_release_damaged_on_disk_is_not_offered(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs, tmp_path: Path
) -> None:
    """One byte changed in a stored file: the hash check fails and the bundled catalog stays."""
    sync, root = _install_release(ui_home, tmp_path, version=4)
    stored = next(p for p in root.glob("v*") if p.is_dir()) / "catalog" / "catalog.toml"
    data = bytearray(stored.read_bytes())
    data[0] ^= 0x20
    stored.write_bytes(bytes(data))
    kiosk = make_kiosk(sync=sync, kiosk_id=KIOSK, clock=SYSTEM_CLOCK)
    bundled = kiosk.wizard.catalog
    kiosk.journal = open_journal(ui_home.database)
    try:
        start_sync(kiosk)
        # The start-up check runs before the first round, so once that round's failure is
        # shown, any offer would already have arrived.
        qtbot.waitUntil(
            lambda: kiosk.sync.last_status is not None and kiosk.sync.last_status.failing,
            timeout=20_000,
        )
        assert kiosk.sync.last_status.last_error_code == "no-connection"
        assert kiosk.wizard.catalog is bundled
        kiosk.sync.stop()
    finally:
        kiosk.journal.close()
