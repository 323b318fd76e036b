"""Sync under injected faults: every session reaches the collector exactly once (G5, G6).

A seeded fault proxy sits between the kiosk and a real collector and, request by request,
passes, drops the request, drops the answer after the collector committed, answers 500 or 503
with Retry-After, or stalls past the kiosk's timeout. Over 200+ rounds the kiosk keeps
recording sessions, runs sync rounds in-process, and now and then runs `dvc-kiosk sync` as a
real process that is SIGKILLed at a random moment. Afterwards, with the faults switched off,
the collector must hold every session and mark exactly once, and the kiosk must hold nothing
back and have parked nothing (a resend after a lost answer is "already there", never a
conflict).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.config import read_config
from kiosk.journal.db import open_journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.client import CollectorClient
from kiosk.sync.worker import SyncWorker
from tests.core.sync_support import (
    fill_journal,
    postgres_database,
    random_summary,
    register_kiosk,
    running_collector,
    server_rows,
    write_config,
)
from tests.e2e.fault_proxy import FaultProxy
from tests.scale import sized

SEED = 20261128
ROUNDS = sized(small=20, full=200)  # tests/scale.py: DVC_TEST_SCALE
KILL_EVERY = 5  # one round in five is a real `dvc-kiosk sync` process, killed at random
HELP_POINT = "phu-nhuan-kp3"
KIOSK = "phu-nhuan-kp3-faults"
BIN = Path(sys.executable).parent


@pytest.mark.slow
def test_every_session_arrives_exactly_once_through_drops_errors_stalls_and_kills(
    tmp_path: Path,
) -> None:
    """ROUNDS faulty rounds (200 at full scale) plus SIGKILLs, then a clean round: server
    uuids == kiosk uuids, once."""
    rng = random.Random(SEED + 1)  # not fill_journal's stream: its uuids would repeat
    # On PostgreSQL when scripts/test.sh started one (as the district runs it), else SQLite.
    base = os.environ.get("DVC_TEST_POSTGRES_URL")
    with contextlib.ExitStack() as stack:
        if base:
            database_url = stack.enter_context(postgres_database(base))
        else:
            database_url = f"sqlite:///{tmp_path / 'collector.db'}"
        _run_faulty_rounds(tmp_path, database_url, rng)


def _run_faulty_rounds(tmp_path: Path, database_url: str, rng: random.Random) -> None:
    home = tmp_path / "kiosk" / "home"
    database = home / "data" / "journal.db"
    token = register_kiosk(database_url, HELP_POINT, KIOSK)
    session_uuids = fill_journal(database, KIOSK, HELP_POINT, 400, seed=SEED, outcomes=40)
    outcome_count = 40
    began = time.monotonic()
    with running_collector(database_url) as live:
        proxy = FaultProxy(upstream_port=live.port, seed=SEED).start()
        try:
            config_path = write_config(
                tmp_path / "kiosk",
                help_point_id=HELP_POINT,
                kiosk_id=KIOSK,
                server=proxy.url,
                token=token,
                public_key=None,
            )
            config = read_config(config_path)
            assert config.sync is not None
            env = {k: v for k, v in os.environ.items() if not k.startswith("DVC_KIOSK")}
            env.update(DVC_KIOSK_HOME=str(home), DVC_KIOSK_CONFIG=str(config_path))
            kills = Counter[str]()
            with open_journal(database) as journal:
                recorder = JournalRecorder(journal, KIOSK, HELP_POINT, recover=False)
                worker = SyncWorker(
                    journal,
                    config.sync,
                    CatalogStore(home / "data" / "catalog"),
                    client_factory=lambda c: CollectorClient(c.server, c.token, timeout=1.0),
                    batch_records=25,
                    rng=random.Random(SEED),
                )
                for round_number in range(ROUNDS):
                    # The kiosk keeps working while sync struggles.
                    for _ in range(rng.randint(0, 3)):
                        summary = random_summary(rng, datetime.now(UTC))
                        recorder.end_session(summary).result(30)
                        session_uuids.append(summary.uuid)
                    if rng.random() < 0.1:
                        recorder.mark_outcome(rng.choice(session_uuids), "info-only").result(30)
                        outcome_count += 1
                    if round_number % KILL_EVERY == KILL_EVERY - 1:
                        process = subprocess.Popen(
                            [str(BIN / "dvc-kiosk"), "sync"],
                            env=env,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                        )
                        try:
                            process.wait(timeout=rng.uniform(0.1, 1.2))  # it lives ~0.5 s
                            kills["finished"] += 1
                        except subprocess.TimeoutExpired:
                            process.send_signal(signal.SIGKILL)
                            process.wait(timeout=30)
                            kills["killed"] += 1
                    else:
                        worker.run_round()

                proxy.enabled = False
                for _ in range(10):
                    report = worker.run_round()
                    if report.upload_error is None and journal.unsynced_count() == 0:
                        break
                assert journal.unsynced_count() == 0
                assert journal.dead_count() == 0
        finally:
            proxy.stop()

    sessions = server_rows(database_url)
    assert len(sessions) == len(session_uuids)
    assert sorted(r["uuid"] for r in sessions) == sorted(session_uuids)
    assert len(server_rows(database_url, "outcomes")) == outcome_count
    elapsed = time.monotonic() - began
    print(
        f"faults: {dict(proxy.counts)}; processes: {dict(kills)}; "
        f"{len(session_uuids)} sessions; {elapsed:.0f} s"
    )
    for action in ("pass", "drop-request", "drop-response", "error-500", "busy-503", "stall"):
        assert proxy.counts[action] >= (5 if ROUNDS >= 100 else 1), proxy.counts
    assert kills["killed"] >= (10 if ROUNDS >= 100 else 1)
