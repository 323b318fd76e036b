"""End to end: two provisioned kiosks, a real collector on PostgreSQL, `dvc-kiosk sync` for each.

Each kiosk is its own data dir with its own kiosk.toml ([help_point], [kiosk], [sync]) and a
token issued by `dvc-collector kiosk add`. Sessions are made only by `dvc-kiosk simulate N` (the
real window driven offscreen; N = 500 at full scale, tests/scale.py): a journey that did not
become a session fails the test. Then `dvc-kiosk sync` runs as a real process per kiosk, and
the collector must hold exactly the journals' sessions and outcomes, field for field.
The USB path is checked too: export, `dvc-collector import`, then an online sync adds nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from collector.ingest import utc_naive
from kiosk.journal.db import open_journal
from kiosk.pin import DEMO_PIN
from kiosk.protocol import OutcomeRecord, SessionRecord
from tests.core.sync_support import (
    LiveCollector,
    collector_cli,
    fill_journal,
    make_key,
    postgres_database,
    register_kiosk,
    running_collector,
    server_rows,
)
from tests.scale import sized

PG_ENV = "DVC_TEST_POSTGRES_URL"
SESSIONS_PER_KIOSK = sized(small=25, full=500)  # tests/scale.py: DVC_TEST_SCALE
KIOSKS = (("duc-nhuan-kp1", "duc-nhuan-kp1-e2e"), ("cau-kieu-kp2", "cau-kieu-kp2-e2e"))
BIN = Path(sys.executable).parent


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database of its own (skipped without a server unless CI is set)."""
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {PG_ENV} is not: the e2e sync test cannot be skipped")
        pytest.skip(f"{PG_ENV} is not set (scripts/test.sh sets it)")
    with postgres_database(base) as url:
        yield url


@dataclass
class KioskDir:
    """One provisioned kiosk: its home, config and the environment its commands run with."""

    help_point_id: str
    kiosk_id: str
    home: Path
    config: Path

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DVC_KIOSK")}
        # The config is found the way a real kiosk finds it: in its (user) config folder.
        env.update(DVC_KIOSK_HOME=str(self.home), QT_QPA_PLATFORM="offscreen")
        return env

    @property
    def database(self) -> Path:
        return self.home / "data" / "journal.db"

    def run(
        self, *argv: str, timeout: float = 600, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`dvc-kiosk ARGV` as a separate process, as IT would type it."""
        return subprocess.run(
            [str(BIN / "dvc-kiosk"), *argv],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
        )


def provision(tmp_path: Path, live: LiveCollector, help_point_id: str, kiosk_id: str) -> KioskDir:
    """Register the kiosk at the collector, then `dvc-kiosk provision --user` as IT would."""
    token = register_kiosk(live.database_url, help_point_id, kiosk_id)
    keys = tmp_path / "district-keys"
    if not (keys / "catalog-public-key.txt").exists():  # one district key for every kiosk
        make_key(keys)
    home = tmp_path / kiosk_id / "home"
    kiosk = KioskDir(help_point_id, kiosk_id, home, home / "config" / "kiosk.toml")
    # The volunteer PIN is the demo PIN, which simulate's volunteer marks type.
    result = kiosk.run(
        "provision",
        "--user",
        "--help-point",
        help_point_id,
        "--kiosk-id",
        kiosk_id,
        "--server",
        live.url,
        "--token",
        token,
        "--catalog-key",
        str(keys / "catalog-public-key.txt"),
        "--pin-stdin",
        stdin=DEMO_PIN + "\n",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "collector:  reachable, token accepted" in result.stdout, result.stdout
    assert kiosk.config.is_file()
    return kiosk


def recorded_sessions(kiosk: KioskDir) -> list[SessionRecord]:
    """Every session the kiosk's journal recorded (its sessions table, not the outbox): what
    must reach the district, whatever happened on the way."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from kiosk.journal.models import StoredSession
    from kiosk.journal.queries import session_to_record

    engine = create_engine(f"sqlite:///{kiosk.database}")
    try:
        with Session(engine) as session:
            return [session_to_record(row) for row in session.scalars(select(StoredSession))]
    finally:
        engine.dispose()


def journal_counts(kiosk: KioskDir) -> tuple[int, int]:
    """(sessions, outcomes) waiting in the kiosk's outbox."""
    with open_journal(kiosk.database) as journal:
        document = journal.export_unsynced(kiosk.kiosk_id, kiosk.help_point_id)
    return len(document["sessions"]), len(document["outcomes"])


def fill(kiosks: list[KioskDir], n: int) -> None:
    """`dvc-kiosk simulate n` on every kiosk at once; each journal then holds exactly n sessions."""
    processes = [
        subprocess.Popen(
            [str(BIN / "dvc-kiosk"), "simulate", str(n), "--seed", str(i + 1)],
            env=k.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, k in enumerate(kiosks)
    ]
    for kiosk, process in zip(kiosks, processes, strict=True):
        out, err = process.communicate(timeout=900)
        assert process.returncode == 0, f"{kiosk.kiosk_id}: simulate failed:\n{out}\n{err}"
        have = journal_counts(kiosk)[0] if kiosk.database.exists() else 0
        assert have == n, f"{kiosk.kiosk_id}: {n} journeys but {have} sessions in the journal"


def _session_row(record: SessionRecord) -> dict[str, Any]:
    return {
        "uuid": record.uuid,
        "kiosk_id": record.kiosk_id,
        "help_point_id": record.help_point_id,
        "started_at": utc_naive(record.started_at),
        "ended_at": utc_naive(record.ended_at),
        "language": record.language,
        "text_size": record.text_size,
        "procedure_id": record.procedure_id,
        "furthest_step": record.furthest_step,
        "step_count": record.step_count,
        "practice_modules": ",".join(record.practice_modules),
        "help_requests": record.help_requests,
        "rating": record.rating,
        "end_reason": record.end_reason,
        "catalog_version": record.catalog_version,
        "schema": record.schema,
    }


def _outcome_row(record: OutcomeRecord) -> dict[str, Any]:
    return {
        "uuid": record.uuid,
        "session_uuid": record.session_uuid,
        "kiosk_id": record.kiosk_id,
        "outcome": record.outcome,
        "marked_at": utc_naive(record.marked_at),
        "volunteer_code": record.volunteer_code,
        "schema": record.schema,
        "reported_by": record.reported_by,  # 'resident' for her own 'Đã nộp hồ sơ'
    }


def _project(rows: list[dict[str, Any]], keys: list[str]) -> dict[str, dict[str, Any]]:
    return {row["uuid"]: {k: row[k] for k in keys} for row in rows}


@pytest.mark.slow  # at full scale 1,000 real journeys (~0.4 s each): minutes on 2 cores
def test_two_kiosks_sync_exactly_their_sessions_field_for_field(
    postgres_url: str, tmp_path: Path
) -> None:
    """Every simulated session of two kiosks arrives once, every field equal to the journals'."""
    with running_collector(postgres_url) as live:
        kiosks = [provision(tmp_path, live, hp, kid) for hp, kid in KIOSKS]
        fill(kiosks, SESSIONS_PER_KIOSK)
        expected_sessions: list[SessionRecord] = []
        expected_outcomes: list[OutcomeRecord] = []
        for kiosk in kiosks:
            with open_journal(kiosk.database) as journal:
                document = journal.export_unsynced(kiosk.kiosk_id, kiosk.help_point_id)
            expected_sessions += recorded_sessions(kiosk)
            expected_outcomes += [OutcomeRecord.from_json(o) for o in document["outcomes"]]
        assert len(expected_sessions) == 2 * SESSIONS_PER_KIOSK
        # Some residents said 'Đã nộp hồ sơ' themselves: those marks travel as self-reported.
        assert any(o.reported_by == "resident" for o in expected_outcomes)

        for kiosk in kiosks:
            waiting = sum(journal_counts(kiosk))
            result = kiosk.run("sync")
            assert result.returncode == 0, result.stdout + result.stderr
            assert f"Sent {waiting} records; {waiting} acknowledged, 0 refused" in result.stdout
            assert "Still waiting: 0; refused in total: 0." in result.stdout

        sessions = server_rows(postgres_url)
        assert len(sessions) == 2 * SESSIONS_PER_KIOSK
        keys = list(_session_row(expected_sessions[0]))
        assert _project(sessions, keys) == {r.uuid: _session_row(r) for r in expected_sessions}
        outcomes = server_rows(postgres_url, "outcomes")
        if expected_outcomes:
            keys = list(_outcome_row(expected_outcomes[0]))
            assert _project(outcomes, keys) == {r.uuid: _outcome_row(r) for r in expected_outcomes}
        assert len(outcomes) == len(expected_outcomes)

        again = kiosks[0].run("sync")
        assert again.returncode == 0 and "Sent 0 records" in again.stdout
        assert len(server_rows(postgres_url)) == 2 * SESSIONS_PER_KIOSK


def test_usb_export_import_then_online_sync_makes_no_duplicates(
    postgres_url: str, tmp_path: Path
) -> None:
    """export -> `dvc-collector import` -> `dvc-kiosk sync`: everything 'already there', once."""
    with running_collector(postgres_url) as live:
        hp, kid = KIOSKS[0]
        kiosk = provision(tmp_path, live, hp, kid)
        uuids = fill_journal(kiosk.database, kid, hp, 300, seed=9, outcomes=30)
        export = tmp_path / "usb" / "export.json"
        result = kiosk.run("export", "--out", str(export))
        assert result.returncode == 0, result.stderr
        document = json.loads(export.read_text(encoding="utf-8"))
        assert len(document["sessions"]) == 300 and len(document["outcomes"]) == 30

        code, out = collector_cli(postgres_url, "import", str(export))
        assert code == 0, out
        assert "300" in out or "330" in out
        assert sorted(r["uuid"] for r in server_rows(postgres_url)) == sorted(uuids)

        result = kiosk.run("sync")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Sent 330 records; 330 acknowledged, 0 refused" in result.stdout
        assert len(server_rows(postgres_url)) == 300
        assert len(server_rows(postgres_url, "outcomes")) == 30
        assert journal_counts(kiosk) == (0, 0)
        code, out = collector_cli(postgres_url, "import", str(export))
        assert code == 0 and len(server_rows(postgres_url)) == 300
