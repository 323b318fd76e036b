"""A signed release that verifies but does not load: the kiosk falls back to the last good
downloaded release — not to the catalog bundled with the program — and says which release is
in use and why (issue #13 item 9)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.clock import SYSTEM_CLOCK
from kiosk.paths import AppDirs, resources_dir
from kiosk.sync.catalog_store import UNUSABLE_NAME, CatalogStore
from kiosk.sync.manifest import build_manifest, sign_manifest
from kiosk.sync.release_choice import FailureReason, Source, choose_release
from tests.core.release_support import PUBLIC, install, release_source
from tests.core.run_cli import run_cli
from tests.core.sync_support import (
    SigningKey,
    catalog_files,
    insert_release,
    make_key,
    register_kiosk,
    running_collector,
    write_config,
)

IMAGES = resources_dir() / "images"


def serve_release(database_url: str, key: SigningKey, version: int, source: Path) -> None:
    """Sign `source` as `version` and store it in the collector as `catalog publish` does, but
    without publish's `catalog check`: that check now refuses the broken release 8 these tests
    need (a release can still break on the way, e.g. a loader that is stricter than the
    publisher's), so the district's key signs it here directly."""
    private = serialization.load_pem_private_key(key.private_path.read_bytes(), password=None)
    assert isinstance(private, Ed25519PrivateKey)
    # `dvc-kiosk sync` runs on the machine's clock, so the release is issued by that clock.
    issued = SYSTEM_CLOCK.now().replace(microsecond=0) - timedelta(hours=1)
    manifest = build_manifest(source, version, issued, issued + timedelta(days=60))
    insert_release(database_url, sign_manifest(manifest, private), catalog_files(source))


BUNDLED = 1


def test_a_release_that_does_not_load_falls_back_to_the_last_good_download(
    tmp_path: Path,
) -> None:
    """7 loads, 8's catalog.toml does not: release 7 serves (not the bundled 1), and 8 is
    named with the loader's file and field."""
    store = CatalogStore(tmp_path / "store")
    install(store, release_source(tmp_path, 7), 7)
    install(store, release_source(tmp_path, 8, "broken-index"), 8)
    choice = choose_release(store, PUBLIC, BUNDLED, images_dir=IMAGES)
    assert (choice.version, choice.source) == (7, Source.DOWNLOADED)
    assert choice.catalog is not None and choice.catalog.version == 7
    assert choice.catalog.procedures
    [failed] = choice.failed
    assert (failed.version, failed.reason) == (8, FailureReason.CATALOG_UNUSABLE)
    assert "catalog.toml" in failed.detail and "updated" in failed.detail
    assert "release 8 catalog-unusable: catalog.toml" in choice.summary()


def test_a_release_without_a_usable_procedure_is_passed_over_too(tmp_path: Path) -> None:
    """A release whose every procedure file is broken loads but serves nothing: skipped."""
    store = CatalogStore(tmp_path / "store")
    install(store, release_source(tmp_path, 7), 7)
    install(store, release_source(tmp_path, 8, "no-procedures"), 8)
    choice = choose_release(store, PUBLIC, BUNDLED, images_dir=IMAGES)
    assert choice.version == 7
    assert [(f.version, f.reason) for f in choice.failed] == [(8, FailureReason.NO_PROCEDURES)]


def test_the_finding_is_remembered_and_the_last_good_release_survives_pruning(
    tmp_path: Path,
) -> None:
    """Broken releases 8, 9 and 10 arrive one by one: each is noted as unusable once, and
    release 7 — the last good one — is never pruned, so it still serves after all three."""
    store = CatalogStore(tmp_path / "store")
    install(store, release_source(tmp_path, 7), 7)
    assert choose_release(store, PUBLIC, BUNDLED, images_dir=IMAGES).version == 7
    for version in (8, 9, 10):
        install(store, release_source(tmp_path, version, "broken-index"), version)
        choice = choose_release(store, PUBLIC, BUNDLED, images_dir=IMAGES)
        assert choice.version == 7, choice.summary()
    assert [f.version for f in choice.failed] == [10, 9]  # 8 was pruned: only the newest kept
    assert store.last_good() is not None and store.last_good().startswith("v0000000007-")
    noted = [p.name[:11] for p in store.releases_newest_first() if (p / UNUSABLE_NAME).exists()]
    assert noted == ["v0000000010", "v0000000009"]


def test_with_no_good_download_the_bundled_catalog_serves_and_says_why(tmp_path: Path) -> None:
    """Only a broken release 8 on disk: the bundled catalog serves, and 8 is named."""
    store = CatalogStore(tmp_path / "store")
    install(store, release_source(tmp_path, 8, "broken-index"), 8)
    choice = choose_release(store, PUBLIC, BUNDLED, images_dir=IMAGES)
    assert (choice.version, choice.source, choice.catalog) == (BUNDLED, Source.BUNDLED, None)
    assert [f.version for f in choice.failed] == [8]


def test_status_only_looks(tmp_path: Path) -> None:
    """record=False (what `status` uses) leaves no note and no pointer behind."""
    store = CatalogStore(tmp_path / "store")
    install(store, release_source(tmp_path, 7), 7)
    install(store, release_source(tmp_path, 8, "broken-index"), 8)
    assert choose_release(store, PUBLIC, BUNDLED, images_dir=IMAGES, record=False).version == 7
    assert store.last_good() is None
    assert not any((p / UNUSABLE_NAME).exists() for p in store.releases_newest_first())


@pytest.fixture
def district_kiosk(
    kiosk_home: AppDirs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, SigningKey]]:
    """A collector on loopback and a kiosk config pinned to its catalog key."""
    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    token = register_kiosk(database_url, "cau-kieu-kp2", "cau-kieu-kp2-a")
    key = make_key(tmp_path / "keys")
    with running_collector(database_url) as live:
        path = write_config(
            tmp_path / "cfg",
            help_point_id="cau-kieu-kp2",
            kiosk_id="cau-kieu-kp2-a",
            server=live.url,
            token=token,
            public_key=key.public_b64,
        )
        monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
        yield database_url, key


def test_sync_and_status_say_which_release_is_in_use_and_why(
    district_kiosk: tuple[str, SigningKey], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through `dvc-kiosk sync` and `dvc-kiosk status`: release 8 installs (it verifies) but
    the kiosk will show release 7, and both commands say so with the reason."""
    database_url, key = district_kiosk
    serve_release(database_url, key, 7, release_source(tmp_path, 7))
    assert run_cli("sync") == 0
    capsys.readouterr()
    serve_release(database_url, key, 8, release_source(tmp_path, 8, "broken-index"))
    assert run_cli("sync") == 0
    out = capsys.readouterr().out
    assert "release 8 verified and installed" in out
    assert "In use: using downloaded catalog release 7 (release 8 catalog-unusable: " in out
    assert run_cli("status") == 0
    status = json.loads(capsys.readouterr().out)
    release = status["catalog_release"]
    assert (release["in_use"], release["source"]) == (7, "downloaded")
    assert [(f["version"], f["reason"]) for f in release["failed"]] == [(8, "catalog-unusable")]
