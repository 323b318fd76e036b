"""A disk that is full, read-only or refuses permission: every write the kiosk makes ends in a
stated refusal that keeps the last good state — never a traceback or a crash loop (issue #13
item 14). The faults are real: a tiny tmpfs (full: ENOSPC; remounted read-only: EROFS, which
stops root too, unlike chmod), or a regular file where a folder should be (tests/disk_faults.py).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk import logging_setup
from kiosk.journal.db import JournalError, open_journal
from kiosk.logging_setup import setup_logging
from kiosk.paths import AppDirs
from kiosk.sync.catalog_store import CatalogStore
from tests.core.run_cli import run_cli
from tests.core.sync_support import (
    LiveCollector,
    SigningKey,
    make_key,
    publish,
    register_kiosk,
    start_collector,
    write_config,
)
from tests.disk_faults import blocked_folder, fill, remount, small_tmpfs

HELP_POINT = "cau-kieu-kp2"
KIOSK = "cau-kieu-kp2-a"


@dataclass
class District:
    """A collector on loopback with release 5 installed on the kiosk, whose catalog folder is
    a small tmpfs of its own (the journal stays on the ordinary disk)."""

    live: LiveCollector
    key: SigningKey
    dirs: AppDirs
    catalog: Path


@pytest.fixture
def district(
    kiosk_home: AppDirs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[District]:
    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    live = start_collector(database_url)
    try:
        token = register_kiosk(database_url, HELP_POINT, KIOSK)
        key = make_key(tmp_path / "keys")
        path = write_config(
            tmp_path / "cfg",
            help_point_id=HELP_POINT,
            kiosk_id=KIOSK,
            server=live.url,
            token=token,
            public_key=key.public_b64,
        )
        monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
        with small_tmpfs(kiosk_home.data / "catalog", 2048) as catalog:
            publish(database_url, key, version=5)
            assert run_cli("sync") == 0
            assert "release 5 verified and installed" in capsys.readouterr().out
            yield District(live, key, kiosk_home, catalog)
    finally:
        live.stop()


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_a_catalog_update_on_a_refusing_disk_keeps_the_last_good_release(
    district: District, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Release 6 cannot be written: `dvc-kiosk sync` says so calmly (exit 0, no traceback),
    release 5 stays current and verified, nothing half-written is left, status shows the
    code; once the disk has room, the next round installs 6."""
    store = CatalogStore(district.catalog)
    before = store.pointer()
    publish(district.live.database_url, district.key, version=6)
    if fault == "full":
        fill(district.catalog)
    else:
        remount(district.catalog, read_only=True)
    assert run_cli("sync") == 0
    captured = capsys.readouterr()
    assert "update refused (disk-write-failed); the current catalog stays" in captured.out
    assert "Traceback" not in captured.out + captured.err
    assert store.pointer() == before
    kept = store.load_verified(district.key.public_b64)
    assert kept is not None and kept.version == 5
    assert not list(district.catalog.glob(".staging-*"))
    assert len(store.releases_newest_first()) == 1
    assert run_cli("status") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["last_sync"]["error_code"] == "catalog-disk-write-failed"
    assert status["catalog_release"]["in_use"] == 5

    if fault == "full":
        for filler in district.catalog.glob(".filler*"):
            filler.unlink()
    else:
        remount(district.catalog, read_only=False)
    assert run_cli("sync") == 0
    assert "release 6 verified and installed" in capsys.readouterr().out


def test_a_journal_that_cannot_be_created_is_a_journal_error(tmp_path: Path) -> None:
    """Read-only data folder, or a file in its place: JournalError naming the path."""
    with (
        small_tmpfs(tmp_path / "ro", 64, read_only=True) as folder,
        pytest.raises(JournalError, match="cannot create the journal"),
    ):
        open_journal(folder / "journal.db")
    with (
        blocked_folder(tmp_path / "data") as data,
        pytest.raises(JournalError, match="cannot create the data folder"),
    ):
        open_journal(data / "journal.db")


def test_a_full_disk_under_the_log_is_said_once_not_per_line(tmp_path: Path) -> None:
    """The log's disk fills up: stderr gets one sentence, not a traceback for every line; the
    sentence comes back once when the disk has room again."""
    dirs = AppDirs(tmp_path / "c", None, tmp_path / "d", tmp_path / "k", tmp_path / "logs")
    stderr = io.StringIO()
    with small_tmpfs(dirs.logs, 64) as logs, redirect_stderr(stderr):
        try:
            assert setup_logging(dirs, stderr=False) is not None
            log = logging.getLogger("tests.disk")
            log.info("before the disk filled up")
            fill(logs)
            for index in range(200):
                log.info("line %d while the disk is full", index)
            for filler in logs.glob(".filler*"):
                filler.unlink()
            log.info("after room came back")
        finally:
            for handler in logging_setup._installed:  # leave the run's logging as it was
                logging.getLogger().removeHandler(handler)
                handler.close()
            logging_setup._installed.clear()
    text = stderr.getvalue()
    assert "Logging error" not in text and "Traceback" not in text
    assert text.count("cannot write the log") == 1
    assert text.count("is writable again") == 1


def test_the_pepper_on_a_read_only_disk_is_a_stated_problem(tmp_path: Path) -> None:
    """No pin-pepper.key and a read-only data folder: the PIN check answers with a problem
    code the pad turns into a sentence for IT, instead of raising."""
    from kiosk.pin import PinGuard
    from kiosk.pin_format import PinProblem

    with (
        small_tmpfs(tmp_path / "data", 64, read_only=True) as data,
        open_journal(tmp_path / "journal.db") as journal,
    ):
        result = PinGuard(journal.kv, data, demo=True).check("123456")
    assert not result.ok and result.problem == PinProblem.SECRET_UNAVAILABLE


@pytest.mark.parametrize("fault", ["full", "read-only", "file-in-the-way"])
def test_export_to_a_refusing_disk_says_so_and_leaves_no_partial_file(
    kiosk_home: AppDirs, tmp_path: Path, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dvc-kiosk export` onto a full or read-only USB stick: exit 1, one sentence naming the
    file, nothing half-written; the records stay queued."""
    from tests.core.sync_support import fill_journal

    fill_journal(kiosk_home.database, "demo-1", "demo", 40, seed=3)
    if fault == "file-in-the-way":
        with blocked_folder(tmp_path / "usb") as usb:
            assert run_cli("export", "--out", str(usb / "kp1.json")) == 1
        assert "Cannot write" in capsys.readouterr().err
        return
    with small_tmpfs(tmp_path / "usb", 16, read_only=fault == "read-only") as usb:
        if fault == "full":
            fill(usb)
        assert run_cli("export", "--out", str(usb / "kp1.json")) == 1
        err = capsys.readouterr().err
        assert "Cannot write" in err and "kp1.json" in err
        assert not [p for p in usb.iterdir() if not p.name.startswith(".filler")]
    with open_journal(kiosk_home.database) as journal:
        assert journal.unsynced_count() == 40
