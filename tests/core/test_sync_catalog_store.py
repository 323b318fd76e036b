"""The downloaded-catalog store: always the old or the new complete release, re-verified on load.

Covers docs/reliability.md G4: versioned folders, the pointer switched last, the previous good
release kept, a damaged folder skipped on load, and SIGKILL at random moments during installs.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.manifest import (
    ManifestError,
    SignedManifest,
    build_manifest,
    public_key_b64,
    sign_manifest,
    verify_manifest,
)

KEY = Ed25519PrivateKey.generate()
PUBLIC = public_key_b64(KEY.public_key())


def _release(tmp_path: Path, version: int) -> tuple[SignedManifest, dict[str, bytes]]:
    source = tmp_path / f"src{version}"
    (source / "procedures").mkdir(parents=True)
    files = {
        "catalog.toml": f"version = {version}\n".encode(),
        "procedures/a.toml": (f"# release {version}\n" * 50).encode(),
    }
    for name, data in files.items():
        (source / name).write_bytes(data)
    now = datetime.now(UTC).replace(microsecond=0)
    signed = sign_manifest(build_manifest(source, version, now, now + timedelta(days=9)), KEY)
    return signed, files


def _install(store: CatalogStore, tmp_path: Path, version: int) -> Path:
    signed, files = _release(tmp_path, version)
    manifest = verify_manifest(signed, PUBLIC, version - 1, datetime.now(UTC))
    return store.install(signed, manifest, files)


def test_install_switches_the_pointer_and_keeps_the_last_good_one(tmp_path: Path) -> None:
    """Three installs leave releases 2 and 3, the pointer on 3, both loadable and verified."""
    store = CatalogStore(tmp_path / "store")
    assert store.load_verified(PUBLIC) is None
    for version in (1, 2, 3):
        folder = _install(store, tmp_path, version)
        assert store.pointer() == folder.name
    names = sorted(p.name for p in (tmp_path / "store").iterdir())
    assert [n[:11] for n in names if n.startswith("v")] == ["v0000000002", "v0000000003"]
    loaded = store.load_verified(PUBLIC)
    assert loaded is not None and loaded.version == 3
    assert (loaded.root / "catalog.toml").read_bytes() == b"version = 3\n"
    assert store.pointer_version() == 3


def test_a_damaged_current_release_falls_back_to_the_previous_one(tmp_path: Path) -> None:
    """A stored file edited on disk fails its hash on load; the kiosk uses the release before."""
    store = CatalogStore(tmp_path / "store")
    _install(store, tmp_path, 1)
    folder = _install(store, tmp_path, 2)
    (folder / "catalog" / "procedures" / "a.toml").write_bytes(b"# edited by hand\n")
    loaded = store.load_verified(PUBLIC)
    assert loaded is not None and loaded.version == 1


def test_another_key_or_an_extra_file_is_not_loaded(tmp_path: Path) -> None:
    """Loading re-checks the signature with the pinned key and refuses unlisted files."""
    store = CatalogStore(tmp_path / "store")
    folder = _install(store, tmp_path, 1)
    other = public_key_b64(Ed25519PrivateKey.generate().public_key())
    assert store.load_verified(other) is None
    (folder / "catalog" / "procedures" / "smuggled.toml").write_text("x = 1\n")
    assert store.load_verified(PUBLIC) is None


def test_install_refuses_files_that_are_not_the_signed_ones(tmp_path: Path) -> None:
    """install() re-checks every file; a mismatch writes nothing and leaves the pointer alone."""
    store = CatalogStore(tmp_path / "store")
    _install(store, tmp_path, 1)
    signed, files = _release(tmp_path, 2)
    manifest = verify_manifest(signed, PUBLIC, 1, datetime.now(UTC))
    files["catalog.toml"] = b"version = 9\n"
    with pytest.raises(ManifestError) as caught:
        store.install(signed, manifest, files)
    assert caught.value.code == "file-mismatch"
    assert store.pointer_version() == 1
    assert not any(p.name.startswith(".staging") for p in (tmp_path / "store").iterdir())


_INSTALLER = """
import sys, itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.manifest import build_manifest, public_key_b64, sign_manifest, verify_manifest

root, key_pem, start = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), int(sys.argv[3])
key = load_pem_private_key(key_pem, None)
public = public_key_b64(key.public_key())
store = CatalogStore(root / "store")
print("ready", flush=True)
for version in itertools.count(start):
    source = root / "src"
    (source / "procedures").mkdir(parents=True, exist_ok=True)
    files = {"catalog.toml": f"version = {version}\\n".encode()}
    for i in range(20):
        files[f"procedures/p{i}.toml"] = (f"# {version} {i}\\n" * 400).encode()
    for name, data in files.items():
        (source / name).write_bytes(data)
    now = datetime.now(UTC).replace(microsecond=0)
    signed = sign_manifest(build_manifest(source, version, now, now + timedelta(days=9)), key)
    manifest = verify_manifest(signed, public, version - 1, now)
    store.install(signed, manifest, files)
    print(version, flush=True)
"""


def test_sigkill_during_installs_always_leaves_a_complete_verified_release(
    tmp_path: Path,
) -> None:
    """SIGKILL at random moments while releases are installed: the store always loads one."""
    from cryptography.hazmat.primitives import serialization

    key_path = tmp_path / "key.pem"
    key_path.write_bytes(
        KEY.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    script = tmp_path / "installer.py"
    script.write_text(_INSTALLER)
    rng = random.Random(11)
    store = CatalogStore(tmp_path / "store")
    highest_seen = 0
    # The repo first, and whatever the run set (scripts/test_dates.sh's shim) after it.
    paths = [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    for _ in range(12):
        start = store.pointer_version() + 1
        process = subprocess.Popen(
            [sys.executable, str(script), str(tmp_path), str(key_path), str(start)],
            stdout=subprocess.PIPE,
            env=env,
        )
        # The random moment counts from when the installer is ready: on a loaded machine its
        # imports alone can take longer than the whole window, and nothing would be tested.
        assert process.stdout is not None and process.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.4, 1.2))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        loaded = store.load_verified(PUBLIC)
        if store.pointer() is not None:
            assert loaded is not None
            assert loaded.version == store.pointer_version()
            assert loaded.version >= highest_seen
            highest_seen = loaded.version
    print(f"releases installed across kills: {highest_seen}")
    assert highest_seen >= 1
