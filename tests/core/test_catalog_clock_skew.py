"""Clocks that run ahead never lock a kiosk out of honest catalog releases (issue #13 item 10).

Rollback protection rests on the version alone; a manifest's issued_at and expires are only
checked against the kiosk's own clock, with the stated skew (12 h,
kiosk.sync.manifest.DEFAULT_FUTURE_TOLERANCE), and no time from an installed release is kept
as a floor. Real collector on loopback, releases signed with the district's key, the kiosk's
clock pinned with FixedClock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.clock import FixedClock
from kiosk.config import SyncConfig
from kiosk.journal.db import Journal, open_journal
from kiosk.paths import AppDirs
from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.manifest import DEFAULT_FUTURE_TOLERANCE, build_manifest, sign_manifest
from kiosk.sync.worker import KV_CATALOG_ISSUED_AT, RoundReport, SyncWorker
from tests.core.sync_support import (
    CATALOG_DIR,
    catalog_files,
    insert_release,
    make_key,
    register_kiosk,
    running_collector,
)

T = datetime(2027, 5, 4, 2, 0, tzinfo=UTC)  # the true time in these stories
DAY = timedelta(days=1)


@dataclass
class Kiosk:
    """One kiosk talking to a real collector, its clock pinned."""

    database_url: str
    private: Ed25519PrivateKey
    sync: SyncConfig
    dirs: AppDirs
    journal: Journal
    clock: FixedClock

    def serve(self, version: int, issued: datetime, valid_for: timedelta = 60 * DAY) -> None:
        """The district signs the bundled catalog as `version` with its server's idea of now."""
        manifest = build_manifest(CATALOG_DIR, version, issued, issued + valid_for)
        insert_release(self.database_url, sign_manifest(manifest, self.private), catalog_files())

    def round(self) -> RoundReport:
        """One sync round at the kiosk's pinned time."""
        store = CatalogStore(self.dirs.data / "catalog")
        return SyncWorker(self.journal, self.sync, store, clock=self.clock).run_round()


@pytest.fixture
def kiosk(kiosk_home: AppDirs, tmp_path: Path) -> Iterator[Kiosk]:
    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    token = register_kiosk(database_url, "cau-kieu-kp2", "cau-kieu-kp2-a")
    key = make_key(tmp_path / "keys")
    private = serialization.load_pem_private_key(key.private_path.read_bytes(), None)
    assert isinstance(private, Ed25519PrivateKey)
    with running_collector(database_url) as live, open_journal(kiosk_home.database) as journal:
        yield Kiosk(
            database_url,
            private,
            SyncConfig(live.url, token, key.public_b64),
            kiosk_home,
            journal,
            FixedClock(T),
        )


def test_a_release_signed_with_the_server_clock_ahead_does_not_block_the_next(
    kiosk: Kiosk,
) -> None:
    """Release 5 is signed while the collector's clock runs 11 h ahead (inside the skew): it
    installs. Release 6, signed an hour later by the corrected clock — so 'before' 5 — also
    installs: a higher version is newer, whatever the dates say."""
    kiosk.serve(5, issued=T + timedelta(hours=11))
    assert kiosk.round().catalog == "installed"
    kiosk.clock.advance(3600)
    kiosk.serve(6, issued=T + timedelta(hours=1))
    report = kiosk.round()
    assert (report.catalog, report.catalog_error, report.catalog_version) == ("installed", None, 6)


def test_clocks_a_year_ahead_then_corrected_do_not_lock_the_kiosk_out(kiosk: Kiosk) -> None:
    """A district network whose time server ran a year ahead: kiosk and collector agree on
    that year, release 5 installs. Both are corrected; release 6, valid for 60 days of the
    real year, installs the next day (before #13 it was 'rollback', then 'expired')."""
    kiosk.clock.set(T + 365 * DAY)
    kiosk.serve(5, issued=T + 365 * DAY)
    assert kiosk.round().catalog == "installed"
    kiosk.clock.set(T + DAY)
    kiosk.serve(6, issued=T + DAY)
    report = kiosk.round()
    assert (report.catalog, report.catalog_version) == ("installed", 6)


def test_a_time_floor_left_by_an_older_version_is_ignored_and_removed(kiosk: Kiosk) -> None:
    """A kiosk upgraded while locked out by the old floor (an issued_at a year ahead kept in
    kv) takes the next honest release, and the floor is deleted."""
    kiosk.journal.kv.put({KV_CATALOG_ISSUED_AT: "2028-05-04T02:00:00Z"}).result(10)
    kiosk.serve(6, issued=T)
    assert kiosk.round().catalog == "installed"
    assert kiosk.journal.kv_get(KV_CATALOG_ISSUED_AT) is None


def test_beyond_the_stated_skew_a_release_waits_and_leaves_nothing_behind(kiosk: Kiosk) -> None:
    """Issued more than 12 h ahead of the kiosk's clock: refused as 'from-future' (one clock is
    wrong), nothing stored; an honest release after it installs."""
    assert timedelta(hours=12) == DEFAULT_FUTURE_TOLERANCE
    kiosk.serve(6, issued=T + DEFAULT_FUTURE_TOLERANCE + timedelta(minutes=1))
    report = kiosk.round()
    assert (report.catalog, report.catalog_error) == ("refused", "from-future")
    assert CatalogStore(kiosk.dirs.data / "catalog").pointer() is None
    kiosk.serve(7, issued=T - timedelta(minutes=5))
    assert kiosk.round().catalog == "installed"


def test_a_kiosk_clock_set_back_years_installs_nothing(kiosk: Kiosk) -> None:
    """A dead CMOS battery puts the kiosk in 2001: every real release is 'from-future' (the
    panel says to check the date), so an expired one is not revived either."""
    kiosk.clock.set(datetime(2001, 1, 1, tzinfo=UTC))
    kiosk.serve(6, issued=T - 90 * DAY, valid_for=30 * DAY)  # expired two months ago
    report = kiosk.round()
    assert (report.catalog, report.catalog_error) == ("refused", "from-future")
