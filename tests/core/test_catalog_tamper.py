"""Forged, stale and oversized catalog releases are refused through the real sync round.

A kiosk first installs a good release 5 from a real collector; then the collector serves a bad
release (stored in its tables exactly as `catalog publish` would store a real one). Each time
`dvc-kiosk sync` must refuse it with its stable code, keep release 5 as the catalog in use, and
`dvc-kiosk status` must show the reason (docs/reliability.md G8–G11).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, delete

from kiosk.clock import FixedClock
from kiosk.config import read_config
from kiosk.journal.db import open_journal
from kiosk.paths import AppDirs
from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.manifest import SignedManifest, build_manifest, sign_manifest
from kiosk.sync.worker import SyncWorker
from tests.core.run_cli import run_cli
from tests.core.sync_support import (
    CATALOG_DIR,
    LiveCollector,
    SigningKey,
    catalog_files,
    insert_release,
    make_key,
    publish,
    register_kiosk,
    start_collector,
    write_config,
)

HELP_POINT = "cau-kieu-kp2"
KIOSK = "cau-kieu-kp2-a"


@dataclass
class District:
    """A collector with release 5 installed on one kiosk, and the district's signing key."""

    live: LiveCollector
    key: SigningKey
    private: Ed25519PrivateKey
    dirs: AppDirs
    config_path: Path

    def release(self, version: int, **times: datetime) -> dict[str, Any]:
        """An unsigned manifest of the bundled catalog files."""
        now = datetime.now(UTC).replace(microsecond=0)
        issued = times.get("issued", now)
        expires = times.get("expires", now + timedelta(days=30))
        return build_manifest(CATALOG_DIR, version, issued, expires)

    def serve(self, signed: SignedManifest, files: dict[str, bytes] | None = None) -> None:
        """Make the collector serve this release (as its newest)."""
        insert_release(self.live.database_url, signed, files or catalog_files())


@pytest.fixture
def district(
    kiosk_home: AppDirs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[District]:
    """A collector, a pinned key, and release 5 already installed on the kiosk."""
    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    live = start_collector(database_url)
    try:
        token = register_kiosk(database_url, HELP_POINT, KIOSK)
        key = make_key(tmp_path / "keys")
        private = serialization.load_pem_private_key(key.private_path.read_bytes(), None)
        assert isinstance(private, Ed25519PrivateKey)
        path = write_config(
            tmp_path / "cfg",
            help_point_id=HELP_POINT,
            kiosk_id=KIOSK,
            server=live.url,
            token=token,
            public_key=key.public_b64,
        )
        monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
        publish(database_url, key, version=5)
        assert run_cli("sync") == 0
        assert "release 5 verified and installed" in capsys.readouterr().out
        yield District(live, key, private, kiosk_home, path)
    finally:
        live.stop()


def _flip_signature(signed: SignedManifest) -> SignedManifest:
    raw = bytearray(base64.b64decode(signed.signature))
    raw[10] ^= 0x01
    return SignedManifest(signed.manifest, base64.b64encode(bytes(raw)).decode(), signed.key_id)


def bad_signature(d: District) -> None:
    d.serve(_flip_signature(sign_manifest(d.release(6), d.private)))


def edited_after_signing(d: District) -> None:
    signed = sign_manifest(d.release(6), d.private)
    manifest = json.loads(json.dumps(signed.manifest))
    manifest["expires"] = "2099-01-01T00:00:00Z"
    d.serve(SignedManifest(manifest, signed.signature, signed.key_id))


def lower_version(d: District) -> None:
    # The collector's newest release becomes 4: drop 5 from its tables, serve a signed 4.
    from collector import db

    engine = create_engine(d.live.database_url)
    with engine.begin() as connection:
        connection.execute(delete(db.catalog_files))
        connection.execute(delete(db.catalog_releases))
    engine.dispose()
    d.serve(sign_manifest(d.release(4), d.private))


def expired(d: District) -> None:
    issued = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
    manifest = d.release(6, issued=issued, expires=issued + timedelta(days=1))
    manifest["issued_at"] = (issued - timedelta(days=1, seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest["expires"] = (issued - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    d.serve(sign_manifest(manifest, d.private))


def file_hash_differs(d: District) -> None:
    files = catalog_files()
    data = bytearray(files["catalog.toml"])
    data[-2] = ord("#") if data[-2] != ord("#") else ord(" ")
    files["catalog.toml"] = bytes(data)  # same size, other bytes
    d.serve(sign_manifest(d.release(6), d.private), files)


def file_over_the_cap(d: District) -> None:
    manifest = d.release(6)
    manifest["files"]["catalog.toml"]["size"] = 3 * 1024 * 1024
    d.serve(sign_manifest(manifest, d.private))


def file_longer_than_signed(d: District) -> None:
    files = catalog_files()
    files["catalog.toml"] += b"\n# extra bytes the district never signed\n" * 100
    d.serve(sign_manifest(d.release(6), d.private), files)


def key_not_pinned(d: District) -> None:
    d.serve(sign_manifest(d.release(6), Ed25519PrivateKey.generate()))


CASES: list[tuple[Callable[[District], None], str]] = [
    (bad_signature, "bad-signature"),
    (edited_after_signing, "bad-signature"),
    (lower_version, "rollback"),
    # A higher version issued "before" the one we have is no longer refused: the district's
    # clock may have run ahead when it signed ours (tests/core/test_catalog_clock_skew.py).
    (expired, "expired"),
    (file_hash_differs, "file-mismatch"),
    (file_over_the_cap, "file-too-large"),
    (file_longer_than_signed, "file-mismatch"),
    (key_not_pinned, "key-not-pinned"),
]


@pytest.mark.parametrize(("tamper", "code"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_release_is_refused_and_the_kiosk_keeps_its_catalog(
    district: District,
    tamper: Callable[[District], None],
    code: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The round refuses with the stable code; release 5 stays in use; status shows why."""
    store = CatalogStore(district.dirs.data / "catalog")
    before = store.pointer()
    tamper(district)
    assert run_cli("sync") == 0  # the collector was reached; the update was refused
    out = capsys.readouterr().out
    assert f"update refused ({code}); the current catalog stays" in out
    assert store.pointer() == before
    kept = store.load_verified(district.key.public_b64)
    assert kept is not None and kept.version == 5
    assert run_cli("status") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["last_sync"]["error_code"] == f"catalog-{code}"
    with open_journal(district.dirs.database) as journal:
        assert journal.kv_get("sync.catalog-version") == "5"


def test_a_clock_set_to_the_past_does_not_revive_an_expired_release(district: District) -> None:
    """With the PC's clock in 2001, a release that expired yesterday is not installed (G10): it
    is 'from-future' against that clock, and the panel says to check the date."""
    expired(district)
    config = read_config(district.config_path)
    assert config.sync is not None
    with open_journal(district.dirs.database) as journal:
        worker = SyncWorker(
            journal,
            config.sync,
            CatalogStore(district.dirs.data / "catalog"),
            clock=FixedClock(datetime(2001, 1, 1, tzinfo=UTC)),
        )
        report = worker.run_round()
    assert report.catalog == "refused" and report.catalog_error == "from-future"


def test_a_good_newer_release_after_refusals_is_installed(
    district: District, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refusals do not wedge updates: after a forged 6, an honest 7 installs normally."""
    bad_signature(district)
    assert run_cli("sync") == 0
    publish(district.live.database_url, district.key, version=7)
    assert run_cli("sync") == 0
    assert "release 7 verified and installed" in capsys.readouterr().out
    kept = CatalogStore(district.dirs.data / "catalog").load_verified(district.key.public_b64)
    assert kept is not None and kept.version == 7
