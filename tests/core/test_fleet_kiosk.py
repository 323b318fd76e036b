"""The kiosk's side of the fleet: identity from the token, refused records kept and re-sent
exactly once, health in every round — against a real collector (uvicorn on loopback, SQLite).

The defect this guards against: `provision` without --kiosk-id used the PC's host name, the
collector refused every record of that kiosk, and nothing said so.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from collector import db
from kiosk.clock import FixedClock
from kiosk.config import load_config, read_config
from kiosk.journal.db import open_journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.paths import AppDirs
from kiosk.provision_check import TEST_RECORD_OK
from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.fleet import FleetRound
from kiosk.sync.health import (
    MACHINE_ID_FILES,
    HealthContext,
    app_started,
    app_stopped,
    error_shown,
    machine_id,
)
from kiosk.sync.worker import SyncWorker
from tests.core.run_cli import run_cli
from tests.core.sync_support import (
    collector_cli,
    fill_journal,
    make_key,
    random_summary,
    register_kiosk,
    server_rows,
    start_collector,
    write_config,
)
from tests.core.test_provision import run_provision
from tests.loopback import LiveCollector

HELP_POINT = "duc-nhuan-kp1"
KIOSK = "kp1-may-1"
PIN = "482915"


@dataclass
class District:
    """A running collector with one registered kiosk, and the files IT carries."""

    live: LiveCollector
    token: str
    key_file: Path

    def provision(self, *extra: str) -> tuple[int, str, str]:
        """`dvc-kiosk provision --server … --token … --catalog-key … --pin-stdin` plus `extra`."""
        return run_provision(
            "--server", self.live.url, "--token", self.token,
            "--catalog-key", str(self.key_file), "--pin-stdin", *extra,
        )  # fmt: skip

    def rows(self, table: str = "sessions") -> list[dict[str, Any]]:
        """The collector's rows."""
        return server_rows(self.live.database_url, table)

    def health(self) -> dict[str, Any]:
        """The kiosk's newest health report as the collector keeps it."""
        engine = create_engine(self.live.database_url)
        try:
            with engine.connect() as connection:
                return dict(connection.execute(select(db.kiosk_health)).mappings().one())
        finally:
            engine.dispose()


@pytest.fixture
def district(kiosk_home: AppDirs, tmp_path: Path) -> Iterator[District]:
    """Help points with the KP1 point's opening hours registered, and kiosk kp1-may-1."""
    url = f"sqlite:///{tmp_path / 'collector.db'}"
    token = register_kiosk(url, HELP_POINT, KIOSK)
    code, out = collector_cli(
        url, "help-point", "add", "--id", HELP_POINT, "--name", "Điểm Khu phố 1",
        "--ward", "Phường Đức Nhuận", "--opening-hours", "tue 17:30-20:30", "sat 08:00-11:00",
    )  # fmt: skip
    assert code == 0, out
    make_key(tmp_path / "keys")
    live = start_collector(url)
    try:
        yield District(live, token, tmp_path / "keys" / "catalog-public-key.txt")
    finally:
        live.stop()


def round_for(dirs: AppDirs, clock: FixedClock | None = None, **context: Any) -> tuple[Any, Any]:
    """One sync round (with the fleet hooks) for the config the kiosk finds; (report, fleet)."""
    config = load_config(dirs)
    assert config.sync is not None
    clock = clock or FixedClock(datetime.now(UTC))
    with open_journal(dirs.database) as journal:
        fleet = FleetRound(journal, config, dirs.data, clock, HealthContext(**context))
        worker = SyncWorker(journal, config.sync, CatalogStore(dirs.data / "catalog"), fleet=fleet)
        return worker.run_round(), fleet


def test_provision_without_ids_writes_the_tokens_identity_and_sends_a_test_record(
    district: District, kiosk_home: AppDirs
) -> None:
    """No --kiosk-id, no --help-point, on a PC whose host name the collector never heard of:
    the config gets the token's kiosk, help point and opening hours, and the last line says
    the collector took the provisioning heartbeat (stored as such, not as a session)."""
    code, out, err = district.provision()
    assert code == 0, err
    config = read_config(kiosk_home.config / "kiosk.toml")
    assert config.kiosk_id == KIOSK
    assert config.help_point.id == HELP_POINT
    assert [(s.weekday, s.start.hour) for s in config.opening_hours] == [(1, 17), (5, 8)]
    assert "ids:        from the token" in out
    assert district.token not in out and PIN not in out
    assert (
        out.strip().splitlines()[-1]
        == TEST_RECORD_OK
        == "đã gửi thử 1 bản ghi kiểm tra: máy chủ nhận"
    )
    health = district.health()
    assert health["kind"] == "provision" and health["kiosk_id"] == KIOSK
    assert health["machine_id"] == machine_id()  # provisioning names the PC too
    assert health["configured_kiosk_id"] == KIOSK
    assert district.rows() == []  # a heartbeat, not a resident session


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--kiosk-id", "kp1-may-2"], "this token belongs to kiosk 'kp1-may-1'"),
        (["--help-point", "cau-kieu-kp2"], "registered at help point 'duc-nhuan-kp1'"),
    ],
)
def test_ids_that_contradict_the_token_are_refused_naming_the_right_ones(
    district: District, kiosk_home: AppDirs, extra: list[str], named: str
) -> None:
    """A token issued for kiosk A with a command line naming kiosk B (or another help point):
    refused, the right id said, nothing written."""
    code, _out, err = district.provision(*extra)
    assert code == 1
    assert named in err
    assert not (kiosk_home.config / "kiosk.toml").exists()


def test_offline_provisioning_needs_both_ids_and_says_they_are_checked_later(
    kiosk_home: AppDirs,
) -> None:
    """Offline there is no one to ask: both ids are required, and the output says they are
    checked at the first sync and that no test record was sent."""
    code, _out, err = run_provision("--help-point", HELP_POINT, "--pin-stdin")
    assert code == 1
    assert "give both --kiosk-id and --help-point" in err
    assert not (kiosk_home.config / "kiosk.toml").exists()
    code, out, err = run_provision("--help-point", HELP_POINT, "--kiosk-id", KIOSK, "--pin-stdin")
    assert code == 0, err
    assert "checked against the token at the first sync" in out
    assert out.strip().splitlines()[-1].startswith("không gửi thử bản ghi kiểm tra")


def _record_as(dirs: AppDirs, kiosk_id: str, sessions: int, outcomes: int) -> list[str]:
    return fill_journal(dirs.database, kiosk_id, HELP_POINT, sessions, seed=5, outcomes=outcomes)


def _status(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert run_cli("status") == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_records_refused_for_a_host_name_id_arrive_exactly_once_after_reprovisioning(
    district: District, kiosk_home: AppDirs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kiosk set up the old way (kiosk id = host name 'vm'): every record is refused as
    wrong-kiosk and kept; status says so and what to do. After `provision` (no --kiosk-id)
    the next round re-stamps and sends them: each stored exactly once under the token's ids,
    every other field as recorded."""
    old = write_config(
        kiosk_home.config, help_point_id=HELP_POINT, kiosk_id="vm", server=district.live.url,
        token=district.token, public_key=None,
    )  # fmt: skip
    assert old == kiosk_home.config / "kiosk.toml"
    uuids = _record_as(kiosk_home, "vm", 30, 5)
    with open_journal(kiosk_home.database) as journal:
        recorded = journal.export_unsynced("vm", HELP_POINT)
    report, fleet = round_for(kiosk_home)
    assert fleet.identity_matches is False
    assert report.dead == 35 and report.acknowledged == 0
    assert district.rows() == []
    status = _status(capsys)
    assert status["rejected_records"] == 35
    assert status["rejected_by_reason"] == {"wrong-kiosk": 35}
    assert "the token is kiosk 'kp1-may-1'" in status["rejected_advice"]
    assert "`dvc-kiosk provision` again" in status["rejected_advice"]
    assert status["token_identity"] == {"kiosk_id": KIOSK, "help_point_id": HELP_POINT}
    assert district.health()["parked"] == 35  # the dashboard hears of it too

    code, out, err = district.provision()
    assert code == 0, err
    assert out.strip().splitlines()[-1] == TEST_RECORD_OK
    report, fleet = round_for(kiosk_home)
    assert fleet.identity_matches is True and fleet.requeued == 35
    assert report.acknowledged == 35 and report.dead == 0
    sessions = district.rows()
    assert sorted(r["uuid"] for r in sessions) == sorted(uuids)
    by_uuid = {r["uuid"]: r for r in sessions}
    for sent in recorded["sessions"]:
        row = by_uuid[sent["uuid"]]
        assert (row["kiosk_id"], row["help_point_id"]) == (KIOSK, HELP_POINT)
        for key in ("language", "text_size", "procedure_id", "furthest_step", "step_count",
                    "help_requests", "rating", "end_reason", "catalog_version"):  # fmt: skip
            assert row[key] == sent[key], key
    assert len(district.rows("outcomes")) == 5
    assert {r["kiosk_id"] for r in district.rows("outcomes")} == {KIOSK}
    report, _fleet = round_for(kiosk_home)
    assert report.sent == 0 and len(district.rows()) == 30
    status = _status(capsys)
    assert status["rejected_records"] == 0 and status["rejected_advice"] is None
    assert district.health()["parked"] == 0
    with open_journal(kiosk_home.database) as journal:  # the local copy says the same
        assert journal.last_session() is not None
        assert journal.export_unsynced(KIOSK, HELP_POINT)["sessions"] == []


def test_sync_retry_refused_sends_parked_records_again(
    district: District, kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """Records parked for another reason stay parked by a normal round (exit 3, the reason
    and what to do printed); `dvc-kiosk sync --retry-refused` sends them, exactly once."""
    assert district.provision()[0] == 0
    uuids = _record_as(kiosk_home, KIOSK, 4, 0)
    with open_journal(kiosk_home.database) as journal:
        for uuid in uuids:
            journal.mark_dead(uuid, "invalid").result(10)
    capsys.readouterr()
    assert run_cli("sync") == 3
    out = capsys.readouterr().out
    assert "REFUSED (invalid: 4)" in out and "--retry-refused" in out
    assert district.rows() == []
    assert run_cli("sync", "--retry-refused") == 0
    out = capsys.readouterr().out
    assert "Queued 4 refused records again" in out
    assert "Sent 4 records; 4 acknowledged, 0 refused" in out
    assert "Health report: sent" in out
    assert sorted(r["uuid"] for r in district.rows()) == sorted(uuids)
    assert run_cli("sync") == 0 and len(district.rows()) == 4


def test_health_reports_counts_since_the_last_report_and_the_uis_values(
    district: District, kiosk_home: AppDirs
) -> None:
    """Two starts without a clean exit in between = 2 restarts, 1 crash; one calmed error;
    uptime on the given clock; screen and kiosk mode as the UI handed them. The next report
    starts from zero."""
    assert district.provision()[0] == 0
    clock = FixedClock(datetime.now(UTC), monotonic=500.0)
    context = {"screen_width": 1366, "screen_height": 768, "kiosk_mode": True}
    with open_journal(kiosk_home.database) as journal:
        assert app_started(journal, HealthContext(**context)).result(10) is False
        assert app_started(journal, HealthContext(**context)).result(10) is True  # killed
        error_shown(journal).result(10)
    clock.advance(3600)
    round_for(kiosk_home, clock, started_monotonic=500.0, **context)
    health = district.health()
    assert (health["restarts"], health["crashes"], health["errors"]) == (2, 1, 1)
    assert health["uptime_seconds"] == 3600
    assert (health["screen_width"], health["screen_height"], health["kiosk_mode"]) == (
        1366,
        768,
        True,
    )
    assert health["app_version"] == "0.1.0" and health["catalog_version"] >= 1
    assert health["disk_free_bytes"] > 0
    assert json.loads(health["opening_hours"]) == ["tue 17:30-20:30", "sat 08:00-11:00"]
    # This PC's machine id, hashed (two PCs on one token raise the 'twin' alarm, #21 item 13).
    assert health["machine_id"] == machine_id()
    if any(path.exists() for path in MACHINE_ID_FILES):
        assert health["machine_id"] is not None and len(health["machine_id"]) == 16
    with open_journal(kiosk_home.database) as journal:
        app_stopped(journal).result(10)
        assert app_started(journal, HealthContext()).result(10) is False  # a clean exit
    round_for(kiosk_home, clock)  # from the CLI: screen and mode as last known
    health = district.health()
    assert (health["restarts"], health["crashes"], health["errors"]) == (1, 0, 0)
    assert (health["screen_width"], health["kiosk_mode"], health["uptime_seconds"]) == (
        1366,
        True,
        None,
    )


def test_a_wrong_clock_is_measured_and_never_costs_a_session(
    district: District, kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kiosk 10 minutes fast reports +600 s against the collector's Date; a session whose
    clock went back mid-visit is kept (ending when it started) and stored, like one in 2001."""
    assert district.provision()[0] == 0
    fast = FixedClock(datetime.now(UTC) + timedelta(minutes=10))
    summary = random_summary(random.Random(1), datetime(2001, 1, 1, tzinfo=UTC))
    back = random_summary(random.Random(2), datetime(2026, 11, 2, tzinfo=UTC))
    back = type(back)(**{**vars(back), "ended_at": back.started_at - timedelta(minutes=3)})
    with open_journal(kiosk_home.database) as journal:
        recorder = JournalRecorder(journal, KIOSK, HELP_POINT, recover=False)
        recorder.end_session(summary).result(10)
        recorder.end_session(back).result(10)
    report, fleet = round_for(kiosk_home, fast)
    assert report.acknowledged == 2
    assert fleet.clock_offset is not None and 597 <= fleet.clock_offset <= 603
    assert 597 <= district.health()["clock_offset_seconds"] <= 603
    assert 597 <= _status(capsys)["clock_offset_seconds"] <= 603  # IT sees it too
    rows = {r["uuid"]: r for r in district.rows()}
    assert rows[back.uuid]["ended_at"] == rows[back.uuid]["started_at"]
    assert rows[summary.uuid]["started_at"].year == 2001
