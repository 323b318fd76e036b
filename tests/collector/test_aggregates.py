"""The dashboard's per-day aggregates (issue 13, item 7): kept right at ingest whatever the
kiosks send, and filled by the migration from a collector's existing records."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from alembic import command
from sqlalchemy import insert, select

from collector import aggregates, db, stats
from kiosk.clock import FixedClock
from tests.collector.conftest import Kiosk, LiveServer, add_kiosk, outcome_record, session_record


def _snapshot(engine: Any) -> dict[str, set[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {
            table.name: {
                tuple(row)
                for row in connection.execute(select(table))
                if row.sessions  # a count moved to zero is the same as no row
            }
            for table in (db.daily_sessions, db.daily_marks, db.daily_end_reasons)
        }


def test_aggregates_equal_a_rebuild_from_the_records(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    """Random batches from two kiosks (days across the Vietnam midnight, re-marks older and
    newer, marks before their session, foreign marks, re-sends) leave the counts kept at
    ingest equal to counts computed afresh from the stored records."""
    rng = random.Random(13)
    kiosks = [
        add_kiosk(live_server.database_url, capsys, kiosk_id="kiosk-a"),
        add_kiosk(live_server.database_url, capsys, "cau-kieu-kp2", "Phường Cầu Kiệu", "kiosk-b"),
    ]
    base = clock.now().replace(hour=16, minute=30) - timedelta(days=5)  # 23:30 in Vietnam
    sessions: list[tuple[Kiosk, dict[str, Any]]] = []
    pending: list[tuple[Kiosk, dict[str, Any]]] = []  # marks sent before their session
    for _ in range(12):
        kiosk = rng.choice(kiosks)
        batch_sessions, batch_outcomes = [], []
        for _ in range(rng.randint(1, 15)):
            start = base + timedelta(minutes=rng.randint(0, 5 * 24 * 60))
            steps = rng.choice([0, 5, 7])
            record = session_record(
                kiosk,
                started_at=start.isoformat(),
                ended_at=(start + timedelta(minutes=9)).isoformat(),
                procedure_id=rng.choice([None, "dang-ky-tam-tru", "kich-hoat-vneid"])
                if steps
                else None,
                step_count=steps,
                furthest_step=rng.randint(0, steps),
                end_reason=rng.choice(["finished", "idle", "volunteer-reset", "home"]),
            )
            if rng.random() < 0.2:
                pending.append((kiosk, record))  # its mark goes first, the session later
            else:
                batch_sessions.append(record)
        for owner, record in rng.sample(sessions, min(len(sessions), 6)):
            marker = owner if rng.random() < 0.8 else rng.choice(kiosks)  # some are foreign
            minutes = rng.randint(-30, 30)
            marked = (clock.now() - timedelta(hours=1, minutes=minutes)).isoformat()
            batch_outcomes.append(
                outcome_record(
                    marker,
                    record["uuid"],
                    outcome=rng.choice(["vneid-activated", "dossier-submitted", "needs-return"]),
                    marked_at=marked,
                )
            )
        for _owner, record in pending:
            if rng.random() < 0.5:  # this batch's kiosk may or may not be the session's
                outcome = rng.choice(["vneid-activated", "info-only"])
                batch_outcomes.append(outcome_record(kiosk, record["uuid"], outcome=outcome))
        body = {"sessions": batch_sessions, "outcomes": batch_outcomes}
        for _ in range(2):  # every batch is re-sent once, as after a lost answer
            response = httpx.post(
                live_server.url + "/api/v1/sessions", json=body, headers=kiosk.headers, timeout=30
            )
            assert response.status_code in (200, 422), response.text
        sessions += [(kiosk, record) for record in batch_sessions]
        late = [(owner, record) for owner, record in pending if owner is kiosk]
        if late and rng.random() < 0.7:
            body = {"sessions": [record for _, record in late]}
            response = httpx.post(
                live_server.url + "/api/v1/sessions", json=body, headers=kiosk.headers, timeout=30
            )
            assert response.status_code == 200, response.text
            sessions += late
            pending = [item for item in pending if item not in late]
    engine = db.make_engine(live_server.database_url)
    try:
        kept = _snapshot(engine)
        assert kept["daily_sessions"] and kept["daily_marks"] and kept["daily_end_reasons"]
        with engine.begin() as connection:
            aggregates.rebuild(connection)
        assert _snapshot(engine) == kept
    finally:
        engine.dispose()


def test_migration_counts_the_records_already_stored(database_url: str) -> None:
    """A collector with records from before the aggregates existed gets them counted by the
    migration: the dashboard shows the same numbers as computed by hand."""
    engine = db.make_engine(database_url)
    config = db.alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0003_login_throttle")
        at = datetime(2026, 11, 20, 16, 59)  # naive UTC: 23:59 on 20 Nov in Vietnam
        with engine.begin() as connection:
            connection.execute(
                insert(db.help_points).values(id="hp", name="Điểm", ward="Phường", created_at=at)
            )
            for kiosk in ("k-1", "k-2"):
                connection.execute(
                    insert(db.kiosks).values(
                        id=kiosk, help_point_id="hp", name=kiosk, token_sha256=kiosk, created_at=at
                    )
                )
            uuids = [str(uuid.uuid4()) for _ in range(4)]
            plan = [  # (uuid, kiosk, start, procedure, furthest, steps)
                (uuids[0], "k-1", at, "dang-ky-tam-tru", 7, 7),
                (uuids[1], "k-1", at + timedelta(minutes=2), "dang-ky-tam-tru", 3, 7),  # 21 Nov
                (uuids[2], "k-2", at + timedelta(minutes=3), None, 0, 0),
                (uuids[3], "k-2", at - timedelta(days=30), "kich-hoat-vneid", 5, 5),  # old
            ]
            for key, kiosk, start, procedure, furthest, steps in plan:
                connection.execute(
                    insert(db.sessions).values(
                        uuid=key,
                        kiosk_id=kiosk,
                        help_point_id="hp",
                        started_at=start,
                        ended_at=start,
                        language="vi",
                        text_size="normal",
                        procedure_id=procedure,
                        furthest_step=furthest,
                        step_count=steps,
                        practice_modules="",
                        help_requests=0,
                        rating=None,
                        end_reason="finished",
                        catalog_version=1,
                        schema=1,
                        payload_sha256="x",
                        received_at=start,
                    )
                )
            marks = [  # (session, kiosk, outcome, minutes after `at`)
                (uuids[0], "k-1", "needs-return", 10),
                (uuids[0], "k-1", "vneid-activated", 20),  # newest wins
                (uuids[1], "k-1", "dossier-submitted", 5),
                (uuids[2], "k-1", "vneid-activated", 5),  # foreign: not counted
            ]
            for session_uuid, kiosk, outcome, minutes in marks:
                connection.execute(
                    insert(db.outcomes).values(
                        uuid=str(uuid.uuid4()),
                        session_uuid=session_uuid,
                        kiosk_id=kiosk,
                        outcome=outcome,
                        marked_at=at + timedelta(minutes=minutes),
                        volunteer_code=None,
                        schema=1,
                        payload_sha256="x",
                        received_at=at,
                    )
                )
        db.migrate(engine)
        board = stats.dashboard(engine, now=datetime(2026, 11, 22, 3, 0, tzinfo=UTC))
        days = {day.day: count for day, count in zip(board.days, board.per_day_total, strict=True)}
        assert (days[20], days[21], days[22]) == (1, 2, 0)
        assert board.sessions_total == 3  # the 30-day-old session is outside the window
        assert (board.with_procedure, board.completed) == (2, 1)
        assert board.outcome_counts["vneid-activated"] == 1
        assert board.outcome_counts["dossier-submitted"] == 1
        assert board.outcome_counts["needs-return"] == 0
        assert board.end_reasons == {"finished": 3, "idle": 0, "volunteer-reset": 0, "home": 0}
        assert stats.summary(engine)["help_points"][0]["sessions"] == 4
    finally:
        engine.dispose()
