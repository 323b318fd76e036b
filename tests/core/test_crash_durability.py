"""G1: kill -9 at random moments never loses an acknowledged record or corrupts the journal.

A separate process writes sessions (events, then the session row and its outbox entry) and
volunteer outcomes through the real JournalRecorder and JournalWriter, printing each uuid only
after its Future resolved (after COMMIT). The test SIGKILLs it 200 times at random moments —
mostly mid-write, some during start-up and crash recovery — on the same database file, and
after every kill checks that each printed uuid is there with its outbox entry and that
`PRAGMA integrity_check` says ok.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.scale import sized

KILLS = sized(small=20, full=200)  # tests/scale.py: DVC_TEST_SCALE

WRITER = r"""
import os, sys, threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.journal.db import new_uuid, open_journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.protocol import EndReason
from kiosk.session import EventKind, SessionEvent, SessionSummary

journal = open_journal(Path(sys.argv[1]))
recorder = JournalRecorder(journal, "kiosk-1", "duc-nhuan-kp1")
recorder.recovered.result(30)
os.write(1, b"ready\n")


def acknowledged(tag, uuid):
    def callback(future):
        if future.exception() is None:
            # One write() per line: a kill cannot tear it, and nothing sits in a buffer.
            os.write(1, f"{tag} {uuid}\n".encode())
    return callback


now = datetime.now(UTC)
while True:
    uuid = new_uuid()
    recorder.on_event(SessionEvent(uuid, EventKind.SESSION_STARTED, now))
    recorder.on_event(SessionEvent(uuid, EventKind.STEP_REACHED, now, None, 2))
    if int(uuid[0], 16) % 4 == 0:
        # Leave some sessions open, like a crash mid-visit, for the next start-up to close.
        continue
    end = now + timedelta(minutes=3)
    future = recorder.end_session(SessionSummary(
        uuid=uuid, started_at=now, ended_at=end, language="vi", text_size="normal",
        procedure_id="dang-ky-tam-tru", furthest_step=2, step_count=8,
        practice_modules=("cccd",), help_requests=1, rating=5,
        end_reason=EndReason.FINISHED, catalog_version=1,
    ))
    future.add_done_callback(acknowledged("s", uuid))
    if int(uuid[1], 16) % 3 == 0:
        mark = recorder.mark_outcome(uuid, "info-only", "TNV-07")
        mark.add_done_callback(acknowledged("o", uuid))
        mark.result(30)  # keep the queue short, like a real kiosk
    else:
        future.result(30)
"""


def acknowledged_lines(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="ascii")
    lines = text.split("\n")[:-1]  # a last line without its newline was not finished
    return [(tag, uuid) for tag, uuid in (line.split(" ") for line in lines if line != "ready")]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_never_loses_an_acknowledged_record(tmp_path: Path) -> None:
    """KILLS SIGKILLs (200 at full scale) on one database: 0 acknowledged records lost,
    integrity ok every time."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    database = tmp_path / "journal.db"
    # The repo first, and whatever the run set (scripts/test_dates.sh's shim) after it.
    paths = [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in paths if p))
    rng = random.Random(20261128)
    sessions: set[str] = set()
    outcomes: set[str] = set()
    mid_write = 0
    began = time.monotonic()

    for kill in range(KILLS):
        out = tmp_path / f"out-{kill}.txt"
        with out.open("wb") as sink:
            proc = subprocess.Popen(
                [sys.executable, str(script), str(database)],
                stdout=sink,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        try:
            if rng.random() < 0.1:
                time.sleep(rng.uniform(0.0, 0.3))  # during start-up, migration or recovery
            else:
                deadline = time.monotonic() + 20
                while b"ready" not in out.read_bytes() and time.monotonic() < deadline:
                    if proc.poll() is not None:
                        break
                    time.sleep(0.005)
                assert proc.poll() is None, "the writer process died on its own"
                time.sleep(rng.uniform(0.0, 0.25))
                mid_write += 1
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        for tag, uuid in acknowledged_lines(out):
            (sessions if tag == "s" else outcomes).add(uuid)
        out.unlink()

        connection = sqlite3.connect(database)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = {r[0] for r in connection.execute("SELECT uuid FROM sessions")}
            queued = {r[0] for r in connection.execute("SELECT uuid FROM outbox")}
            marked = {r[0] for r in connection.execute("SELECT session_uuid FROM outcomes")}
        finally:
            connection.close()
        lost = (sessions - stored) | (sessions - queued) | (outcomes - marked)
        assert not lost, f"after kill {kill + 1}: {len(lost)} acknowledged records lost"

    # A clean start afterwards closes every session a kill left open.
    from kiosk.journal.db import open_journal
    from kiosk.journal.recorder import JournalRecorder

    with open_journal(database) as journal:
        recovered = JournalRecorder(journal, "kiosk-1", "duc-nhuan-kp1").recovered.result(30)
    connection = sqlite3.connect(database)
    try:
        orphans = connection.execute(
            "SELECT count(DISTINCT session_uuid) FROM session_events "
            "WHERE session_uuid NOT IN (SELECT uuid FROM sessions)"
        ).fetchone()[0]
        total_sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]
        total_recovered = connection.execute(
            "SELECT value FROM kv WHERE key = 'journal.recovered-sessions'"
        ).fetchone()
    finally:
        connection.close()
    assert orphans == 0
    print(
        f"\ncrash test: {KILLS} kills ({mid_write} mid-write), {len(sessions)} acknowledged "
        f"sessions + {len(outcomes)} outcomes, 0 lost; {total_sessions} session rows, "
        f"{total_recovered[0] if total_recovered else 0} closed as idle by recovery "
        f"({recovered} at the final start); {time.monotonic() - began:.0f} s"
    )
