"""Sync rounds against a real collector (uvicorn on loopback, SQLite): upload, acknowledge, park.

Every test drives the kiosk's real SyncWorker or `dvc-kiosk sync` against `collector.app`
over real HTTP, with tokens issued by `dvc-collector kiosk add`.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.config import read_config
from kiosk.journal.db import Journal, open_journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.paths import AppDirs, resources_dir
from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.client import CollectorClient, SyncError
from kiosk.sync.worker import SyncStatus, SyncWorker
from tests.core.run_cli import run_cli
from tests.core.sync_support import (
    LiveCollector,
    collector_cli,
    fill_journal,
    free_port,
    make_key,
    publish,
    random_summary,
    register_kiosk,
    server_rows,
    start_collector,
    write_config,
)

HELP_POINT = "phu-nhuan-kp3"
KIOSK = "phu-nhuan-kp3-a"


@dataclass
class Setup:
    """A running collector and one provisioned kiosk home pointing at it."""

    live: LiveCollector
    dirs: AppDirs
    token: str
    config_path: Path

    def worker(self, journal: Journal, **kwargs: object) -> SyncWorker:
        config = read_config(self.config_path)
        assert config.sync is not None
        return SyncWorker(journal, config.sync, CatalogStore(self.dirs.data / "catalog"), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def setup(kiosk_home: AppDirs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    """Collector on a fresh SQLite file; kiosk config with server, token and no catalog key."""
    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    live = start_collector(database_url)
    try:
        token = register_kiosk(database_url, HELP_POINT, KIOSK)
        path = write_config(
            tmp_path / "cfg",
            help_point_id=HELP_POINT,
            kiosk_id=KIOSK,
            server=live.url,
            token=token,
            public_key=None,
        )
        monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
        yield Setup(live, kiosk_home, token, path)
    finally:
        live.stop()


def test_round_sends_everything_in_batches_and_clears_exactly_what_was_acknowledged(
    setup: Setup,
) -> None:
    """1,200 sessions and 40 marks go up in bounded batches; the outbox ends empty, no extras."""
    uuids = fill_journal(setup.dirs.database, KIOSK, HELP_POINT, 1200, seed=1, outcomes=40)
    with open_journal(setup.dirs.database) as journal:
        expected = journal.export_unsynced(KIOSK, HELP_POINT)
        report = setup.worker(journal).run_round()
        assert report.upload_error is None
        assert report.sent == 1240 and report.acknowledged == 1240 and report.dead == 0
        assert journal.unsynced_count() == 0 and journal.dead_count() == 0
        assert journal.sync_state().last_success_at is not None
    rows = server_rows(setup.live.database_url)
    assert sorted(r["uuid"] for r in rows) == sorted(uuids)
    marks = server_rows(setup.live.database_url, "outcomes")
    assert sorted(m["uuid"] for m in marks) == sorted(o["uuid"] for o in expected["outcomes"])


def test_a_lost_answer_is_resent_and_acknowledged_as_already_there(setup: Setup) -> None:
    """A journal copied before a sync (as if the answer was lost) resends; no duplicates."""
    fill_journal(setup.dirs.database, KIOSK, HELP_POINT, 120, seed=2)
    copy = setup.dirs.data / "before.db"
    shutil.copy(setup.dirs.database, copy)
    with open_journal(setup.dirs.database) as journal:
        assert setup.worker(journal).run_round().acknowledged == 120
    with open_journal(copy) as journal:
        report = setup.worker(journal).run_round()
        assert report.acknowledged == 120 and report.dead == 0
        assert journal.unsynced_count() == 0
    assert len(server_rows(setup.live.database_url)) == 120


def test_conflict_and_rejection_are_parked_kept_and_counted(setup: Setup, tmp_path: Path) -> None:
    """Same uuid with other content -> conflict; another kiosk's id -> rejected as wrong-kiosk;
    both kept dead under their reason."""
    rng = random.Random(3)
    summary = random_summary(rng, datetime(2026, 11, 1, tzinfo=UTC))
    with open_journal(setup.dirs.database) as journal:
        JournalRecorder(journal, KIOSK, HELP_POINT, recover=False).end_session(summary).result(10)
        assert setup.worker(journal).run_round().acknowledged == 1
    changed = replace(summary, help_requests=summary.help_requests + 1)
    other = random_summary(rng, summary.started_at)
    with open_journal(setup.dirs.database) as journal:
        recorder = JournalRecorder(journal, KIOSK, HELP_POINT, recover=False)
        # The journal itself refuses a second row with the same uuid, so the conflicting copy
        # comes from a second kiosk database that reuses the uuid (a cloned disk image).
        clone = open_journal(tmp_path / "clone.db")
        try:
            JournalRecorder(clone, KIOSK, HELP_POINT, recover=False).end_session(changed).result(10)
            JournalRecorder(clone, "phu-nhuan-kp3-z", HELP_POINT, recover=False).end_session(
                other
            ).result(10)
            report = setup.worker(clone).run_round()
            assert report.dead == 2 and report.acknowledged == 0
            assert report.dead_codes == {"conflict": 1, "wrong-kiosk": 1}
            assert clone.unsynced_count() == 0 and clone.dead_count() == 2
        finally:
            clone.close()
        assert recorder.kiosk_id == KIOSK
    rows = server_rows(setup.live.database_url)
    assert [r["uuid"] for r in rows] == [summary.uuid]
    assert rows[0]["help_requests"] == summary.help_requests


def test_unreachable_collector_keeps_records_and_says_so(
    kiosk_home: AppDirs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Nobody listening: `dvc-kiosk sync` exits 1 in plain words; nothing leaves the outbox."""
    path = write_config(
        tmp_path / "cfg",
        help_point_id=HELP_POINT,
        kiosk_id=KIOSK,
        server=f"http://127.0.0.1:{free_port()}",
        token="x" * 43,
        public_key=None,
    )
    monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
    fill_journal(kiosk_home.database, KIOSK, HELP_POINT, 10, seed=4)
    assert run_cli("sync") == 1
    out = capsys.readouterr().out
    assert "Could not reach the collector" in out and "no-connection" in out
    with open_journal(kiosk_home.database) as journal:
        assert journal.unsynced_count() == 10
        assert journal.sync_state().last_error_code == "no-connection"
        assert journal.pending_outbox(1, 10_000)[0].attempts == 1
    assert run_cli("status") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["unsynced_records"] == 10
    assert status["last_sync"]["error_code"] == "no-connection"


def test_sync_command_prints_counts_and_exits_0(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dvc-kiosk sync` sends, prints sent/acknowledged/refused and the catalog result."""
    fill_journal(setup.dirs.database, KIOSK, HELP_POINT, 25, seed=5)
    assert run_cli("sync") == 0
    out = capsys.readouterr().out
    assert "Sent 25 records; 25 acknowledged, 0 refused" in out
    assert "Still waiting: 0" in out
    assert "Catalog: no catalog_public_key" in out


def test_config_errors_exit_2_naming_file_and_key(
    kiosk_home: AppDirs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bad [sync] key or no [sync] at all: exit 2 with the file and key named."""
    path = write_config(
        tmp_path / "cfg",
        help_point_id=HELP_POINT,
        kiosk_id=KIOSK,
        server="ftp://x",
        token="t",
        public_key=None,
    )
    monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
    assert run_cli("sync") == 2
    err = capsys.readouterr().err
    assert str(path) in err and "sync.server" in err
    path = write_config(
        tmp_path / "cfg2",
        help_point_id=HELP_POINT,
        kiosk_id=KIOSK,
        server=None,
        token=None,
        public_key=None,
    )
    monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
    assert run_cli("sync") == 2
    assert "[sync]" in capsys.readouterr().err


def test_revoked_token_is_reported_and_nothing_is_lost(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    """After `dvc-collector kiosk revoke` the round fails as 'unauthorized'; records stay."""
    fill_journal(setup.dirs.database, KIOSK, HELP_POINT, 5, seed=6)
    assert collector_cli(setup.live.database_url, "kiosk", "revoke", KIOSK)[0] == 0
    assert run_cli("sync") == 1
    assert "unauthorized" in capsys.readouterr().out
    with open_journal(setup.dirs.database) as journal:
        assert journal.unsynced_count() == 5
        assert journal.sync_state().last_error_code == "unauthorized"


def test_worker_thread_retries_until_the_collector_appears_then_stops_cleanly(
    kiosk_home: AppDirs, tmp_path: Path
) -> None:
    """The worker backs off while nobody listens, sends once a collector starts, and stops."""
    port = free_port()
    database_url = f"sqlite:///{tmp_path / 'late.db'}"
    token = register_kiosk(database_url, HELP_POINT, KIOSK)
    path = write_config(
        tmp_path / "cfg",
        help_point_id=HELP_POINT,
        kiosk_id=KIOSK,
        server=f"http://127.0.0.1:{port}",
        token=token,
        public_key=None,
        interval_seconds=60,
    )
    config = read_config(path)
    assert config.sync is not None
    fill_journal(kiosk_home.database, KIOSK, HELP_POINT, 30, seed=7)
    states: list[SyncStatus] = []
    with open_journal(kiosk_home.database) as journal:
        worker = SyncWorker(
            journal,
            config.sync,
            CatalogStore(kiosk_home.data / "catalog"),
            on_state=states.append,
            backoff_base=0.05,
        )
        worker.start()
        deadline = time.monotonic() + 20
        while worker.backoff.failures < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert worker.backoff.failures >= 2
        live = start_collector(database_url, port=port)
        try:
            # Until a round has ended well: stopped halfway, a round is not a success.
            while (not states or states[-1].failing) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert journal.unsynced_count() == 0
            assert worker.stop(timeout=10)
        finally:
            live.stop()
    assert states[0].unsynced == 30
    assert any(s.failing and s.last_error_code == "no-connection" for s in states)
    assert states[-1].unsynced == 0 and not states[-1].failing
    assert states[-1].last_success_at is not None
    assert len(server_rows(database_url)) == 30


def test_catalog_release_is_verified_installed_and_then_up_to_date(
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A published release is downloaded, verified, stored, loadable; the next round is a no-op."""
    from kiosk.catalog.loader import load_catalog

    key = make_key(tmp_path / "keys")
    path = write_config(
        tmp_path / "cfg",
        help_point_id=HELP_POINT,
        kiosk_id=KIOSK,
        server=setup.live.url,
        token=setup.token,
        public_key=key.public_b64,
    )
    monkeypatch.setenv("DVC_KIOSK_CONFIG", str(path))
    publish(setup.live.database_url, key, version=7)
    assert run_cli("sync") == 0
    assert "release 7 verified and installed" in capsys.readouterr().out
    stored = CatalogStore(setup.dirs.data / "catalog").load_verified(key.public_b64)
    assert stored is not None and stored.version == 7
    bundled = load_catalog(resources_dir() / "catalog")
    downloaded = load_catalog(stored.root, images_dir=resources_dir() / "images")
    assert sorted(downloaded.procedures) == sorted(bundled.procedures)
    assert downloaded.problems == bundled.problems
    assert run_cli("sync") == 0
    assert "up to date (release 7)" in capsys.readouterr().out
    with open_journal(setup.dirs.database) as journal:
        assert journal.kv_get("sync.catalog-version") == "7"


def test_client_reports_http_errors_as_codes(setup: Setup) -> None:
    """A wrong token is 'unauthorized'; no manifest yet is None, not an error."""
    with CollectorClient(setup.live.url, "wrong") as client, pytest.raises(SyncError) as caught:
        client.manifest()
    assert caught.value.code == "unauthorized"
    with CollectorClient(setup.live.url, setup.token) as client:
        assert client.manifest() is None
        assert client.health()


def test_sync_command_never_imports_qt(setup: Setup) -> None:
    """`dvc-kiosk sync` works on a machine without a screen: PySide6 is never imported."""
    code = (
        "import sys\n"
        "from tests.core.run_cli import run_cli\n"
        "assert run_cli('sync') == 0\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'ui'))], 'Qt imported'\n"
    )
    env = {**os.environ, "DVC_KIOSK_HOME": str(setup.dirs.data.parent)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert "Sent 0 records" in result.stdout


def test_worker_ends_by_itself_when_the_journal_is_closed_first(
    kiosk_home: AppDirs, tmp_path: Path
) -> None:
    """At quit the journal may close before sync stops: the thread ends, nothing is cleared."""
    path = write_config(
        tmp_path / "cfg",
        help_point_id=HELP_POINT,
        kiosk_id=KIOSK,
        server=f"http://127.0.0.1:{free_port()}",
        token="x" * 43,
        public_key=None,
    )
    config = read_config(path)
    assert config.sync is not None
    fill_journal(kiosk_home.database, KIOSK, HELP_POINT, 3, seed=8)
    journal = open_journal(kiosk_home.database)
    worker = SyncWorker(
        journal, config.sync, CatalogStore(kiosk_home.data / "catalog"), backoff_base=0.05
    )
    worker.start()
    deadline = time.monotonic() + 10
    while worker.rounds < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    journal.close()
    worker.wake()
    assert worker._thread is not None
    worker._thread.join(10)
    assert not worker._thread.is_alive()
    with open_journal(kiosk_home.database) as reopened:
        assert reopened.unsynced_count() == 3


def test_a_record_too_large_for_any_batch_is_parked_and_the_rest_still_go(
    setup: Setup,
) -> None:
    """An outbox row over the body cap (an old or damaged row) gets 413 alone and is parked."""
    import sqlite3
    import uuid as uuid_module

    fill_journal(setup.dirs.database, KIOSK, HELP_POINT, 20, seed=10)
    big = str(uuid_module.uuid4())
    connection = sqlite3.connect(setup.dirs.database)
    try:
        with connection:
            first = connection.execute("SELECT created_at FROM outbox ORDER BY rowid").fetchone()
            payload = json.dumps({"uuid": big, "kiosk_id": KIOSK, "padding": "x" * 1_100_000})
            connection.execute(
                "INSERT INTO outbox (uuid, kind, payload, created_at, attempts, state) "
                "VALUES (?, 'session', ?, ?, 0, 'pending')",
                (big, payload, first[0]),
            )
    finally:
        connection.close()
    with open_journal(setup.dirs.database) as journal:
        report = setup.worker(journal).run_round()
        assert report.upload_error is None
        assert report.dead_codes == {"too-large": 1}
        assert report.acknowledged == 20
        assert journal.unsynced_count() == 0 and journal.dead_count() == 1
    assert len(server_rows(setup.live.database_url)) == 20


def test_a_release_older_than_the_bundled_catalog_is_not_an_error(
    setup: Setup, tmp_path: Path
) -> None:
    """An app update may bundle catalog 10 while the district still serves 7: up to date."""
    key = make_key(tmp_path / "keys")
    path = write_config(
        tmp_path / "cfg",
        help_point_id=HELP_POINT,
        kiosk_id=KIOSK,
        server=setup.live.url,
        token=setup.token,
        public_key=key.public_b64,
    )
    setup.config_path = path
    publish(setup.live.database_url, key, version=7)
    with open_journal(setup.dirs.database) as journal:
        report = setup.worker(journal, bundled_version=10).run_round()
        assert report.catalog == "up-to-date" and report.catalog_version == 10
        assert report.error_code is None
        assert journal.sync_state().last_error_code is None
    assert CatalogStore(setup.dirs.data / "catalog").pointer() is None
