"""What the kiosk writes is readable by the kiosk account only: 0600 files in 0700 folders,
whatever the umask; files an older version left 0644 are tightened; `status` names any file
others can still read (issue #13 item 12)."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.journal.db import open_journal
from kiosk.logging_setup import setup_logging
from kiosk.paths import AppDirs
from kiosk.pin import SECRET_FILE, load_or_create_secret
from tests.core.run_cli import run_cli
from tests.core.sync_support import fill_journal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask a desktop session or a service often has: files 0644 unless asked."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_the_journal_and_its_wal_and_shm_are_owner_only(
    kiosk_home: AppDirs, loose_umask: None
) -> None:
    """A new journal (and the -wal/-shm SQLite makes beside it) is 0600 in a 0700 folder."""
    fill_journal(kiosk_home.database, "demo-1", "demo", 3, seed=1)
    with open_journal(kiosk_home.database) as journal:
        journal.kv.put({"test.key": "x"}).result(10)
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{kiosk_home.database}{suffix}")
            assert mode(path) == 0o600, path


def test_the_pepper_the_log_the_catalog_and_the_export_are_owner_only(
    kiosk_home: AppDirs, loose_umask: None, tmp_path: Path
) -> None:
    """Every other file the kiosk makes is 0600 and every folder 0700."""
    from tests.core.release_support import install, release_source

    load_or_create_secret(kiosk_home.data)
    assert mode(kiosk_home.data / SECRET_FILE) == 0o600
    setup_logging(kiosk_home, stderr=False, rotate=False)
    import logging

    logging.getLogger("tests.private").info("a line")
    assert mode(kiosk_home.logs / "kiosk.log") == 0o600
    assert mode(kiosk_home.logs) == 0o700

    from kiosk.sync.catalog_store import CatalogStore

    store = CatalogStore(kiosk_home.data / "catalog")
    install(store, release_source(tmp_path, 7), 7)
    for path in [store.root, *store.root.rglob("*")]:
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, path

    fill_journal(kiosk_home.database, "demo-1", "demo", 2, seed=2)
    out = tmp_path / "usb" / "kp1.json"
    assert run_cli("export", "--out", str(out)) == 0
    assert mode(out) == 0o600


def test_files_an_older_version_left_readable_are_tightened(
    kiosk_home: AppDirs, loose_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """0644 journal, log and pepper, a 0755 folder and a 0644 config of ours: `status` names
    them; the start-up pass makes them 0600/0700; `status` then names none."""
    fill_journal(kiosk_home.database, "demo-1", "demo", 1, seed=3)
    load_or_create_secret(kiosk_home.data)
    log = kiosk_home.logs / "kiosk.log"
    log.write_text("old line\n")
    config = kiosk_home.config / "kiosk.toml"
    config.write_text('[help_point]\nid = "duc-nhuan-kp1"\n\n[kiosk]\nid = "kiosk-1"\n')
    loose = [kiosk_home.database, kiosk_home.data / SECRET_FILE, log, config]
    for path in loose:
        os.chmod(path, 0o644)
    os.chmod(kiosk_home.data, 0o755)

    assert run_cli("status") == 0
    named = json.loads(capsys.readouterr().out)["readable_by_others"]
    for path in [*loose, kiosk_home.data]:
        assert str(path) in named, path

    from kiosk.private_files import secure_kiosk_files

    assert secure_kiosk_files(kiosk_home, config) == []
    for path in loose:
        assert mode(path) == 0o600, path
    assert mode(kiosk_home.data) == 0o700
    assert run_cli("status") == 0
    assert json.loads(capsys.readouterr().out)["readable_by_others"] == []


def test_a_config_owned_by_root_for_the_kiosk_group_is_left_as_provision_made_it(
    tmp_path: Path,
) -> None:
    """The machine's config is root:kiosk 0640 on purpose; only 'others' would be a problem."""
    from kiosk.private_files import tighten_config

    config = tmp_path / "kiosk.toml"
    config.write_text("x = 1\n")
    os.chmod(config, 0o640)
    if os.geteuid() == 0:
        os.chown(config, 1, 1)  # as if root wrote it for another account ("daemon")
        assert tighten_config(config) == []
        assert mode(config) == 0o640
        os.chmod(config, 0o644)
        [problem] = tighten_config(config)
        assert "readable by every account" in problem
