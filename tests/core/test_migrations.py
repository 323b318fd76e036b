"""Schema upgrades keep a kiosk's unsynced rows intact, and the migrations match the models."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kiosk.journal.db import (
    HEAD_REVISION,
    create_journal_engine,
    migrate,
    new_uuid,
    open_journal,
    stamped_revision,
)
from kiosk.journal.models import Base
from kiosk.protocol import SessionRecord


def old_kiosk_database(path: Path, sessions: int) -> list[SessionRecord]:
    """A database as release 0001 left it: sessions, events, unsynced outbox rows and kv."""
    engine = create_journal_engine(path, writer=True)
    try:
        migrate(engine, "0001")
    finally:
        engine.dispose()
    records = [
        SessionRecord(
            uuid=new_uuid(),
            kiosk_id="kiosk-2",
            help_point_id="duc-nhuan-kp5",
            started_at=f"2026-10-0{1 + i % 9}T10:00:00+00:00",
            ended_at=f"2026-10-0{1 + i % 9}T10:2{i % 10}:00+00:00",
            language="vi" if i % 2 else "en",
            text_size=("normal", "large", "xlarge")[i % 3],
            procedure_id=None if i % 4 == 0 else "dang-ky-tam-tru",
            furthest_step=i % 5,
            step_count=5,
            practice_modules=("cccd", "vneid-activation")[: i % 3],
            help_requests=i % 3,
            rating=None if i % 2 else 1 + i % 5,
            end_reason=("finished", "idle", "volunteer-reset")[i % 3],
            catalog_version=i,
        )
        for i in range(sessions)
    ]
    connection = sqlite3.connect(path)
    try:
        with connection:
            for r in records:
                connection.execute(
                    "INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        r.uuid, r.kiosk_id, r.help_point_id, r.started_at, r.ended_at,
                        r.language, r.text_size, r.procedure_id, r.furthest_step, r.step_count,
                        ",".join(r.practice_modules), r.help_requests, r.rating, r.end_reason,
                        r.catalog_version, r.schema,
                    ),
                )  # fmt: skip
                connection.execute(
                    "INSERT INTO outbox VALUES (?, 'session', ?, ?, 2, 'timeout', 'pending')",
                    (r.uuid, json.dumps(r.to_json()), r.ended_at),
                )
                connection.execute(
                    "INSERT INTO session_events (session_uuid, kind, at, value, number) "
                    "VALUES (?, 'step-reached', ?, NULL, 1)",
                    (r.uuid, r.started_at),
                )
            connection.execute("INSERT INTO kv VALUES ('pin.failures', '3')")
    finally:
        connection.close()
    return records


def dump(path: Path, table: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    finally:
        connection.close()


def test_upgrade_from_0001_keeps_every_row(tmp_path: Path) -> None:
    """0001 → head: every session, event, outbox and kv row is there, field for field."""
    path = tmp_path / "journal.db"
    records = old_kiosk_database(path, 40)
    assert stamped_revision(path) == "0001"
    before = {t: dump(path, t) for t in ("sessions", "session_events", "outbox", "kv")}

    with open_journal(path) as journal:
        assert stamped_revision(path) == HEAD_REVISION
        assert journal.unsynced_count() == 40
        batch = journal.pending_outbox(100, 10_000_000)
        upgraded = {i.uuid: SessionRecord.from_json(i.payload) for i in batch}
        assert upgraded == {r.uuid: r for r in records}
        assert all(i.attempts == 2 for i in batch)
        assert journal.kv.get("pin.failures") == "3"

    for table, rows in before.items():
        after = dump(path, table)
        if table == "sessions":  # 0003 added the portal columns: NULL on every older row
            assert all(row[16:] == (None, None, None) for row in after)
            after = [row[:16] for row in after]
        assert after == rows, table
    assert dump(path, "outcomes") == []


def test_migrated_schema_equals_the_models(tmp_path: Path) -> None:
    """Alembic finds no difference between the upgraded database and the ORM models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    path = tmp_path / "journal.db"
    old_kiosk_database(path, 1)
    open_journal(path).close()
    engine = create_journal_engine(path, writer=False)
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    finally:
        engine.dispose()


def test_upgraded_journal_takes_new_writes(tmp_path: Path) -> None:
    """After the upgrade, outcomes (new in 0002) can be marked on sessions written by 0001."""
    from kiosk.journal.recorder import JournalRecorder

    path = tmp_path / "journal.db"
    records = old_kiosk_database(path, 2)
    with open_journal(path) as journal:
        recorder = JournalRecorder(journal, "kiosk-2", "duc-nhuan-kp5")
        # The 0001 rows had events and session rows: nothing to recover.
        assert recorder.recovered.result(5) == 0
        recorder.mark_outcome(records[0].uuid, "info-only").result(5)
        assert journal.unsynced_count() == 3


def test_upgrade_from_0004_keeps_every_mark_and_takes_a_residents_own(tmp_path: Path) -> None:
    """0004 → head (0005 adds outcomes.reported_by): a journal with sessions, volunteers'
    marks and their unsynced outbox rows keeps each field for field, the old marks read as a
    volunteer's (NULL), the outbox payloads are unchanged, and a resident's own
    'Đã nộp hồ sơ' can then be written with its MarkedBy."""
    from kiosk.protocol import OutcomeRecord

    path = tmp_path / "journal.db"
    records = old_kiosk_database(path, 6)
    engine = create_journal_engine(path, writer=True)
    try:
        migrate(engine, "0004_content_reports")
    finally:
        engine.dispose()
    marks = [
        OutcomeRecord(
            uuid=new_uuid(),
            session_uuid=r.uuid,
            kiosk_id="kiosk-2",
            outcome=("dossier-submitted", "needs-return", "info-only")[i % 3],
            marked_at=r.ended_at,
            volunteer_code="TNV-07" if i % 2 else None,
        )
        for i, r in enumerate(records)
    ]
    connection = sqlite3.connect(path)
    try:
        with connection:
            for m in marks:
                connection.execute(
                    "INSERT INTO outcomes VALUES (?,?,?,?,?)",
                    (m.uuid, m.session_uuid, m.outcome, m.volunteer_code, m.marked_at),
                )
                connection.execute(
                    "INSERT INTO outbox VALUES (?, 'outcome', ?, ?, 1, NULL, 'pending')",
                    (m.uuid, json.dumps(m.to_json()), m.marked_at),
                )
    finally:
        connection.close()
    assert stamped_revision(path) == "0004_content_reports"
    before = {t: dump(path, t) for t in ("sessions", "outcomes", "outbox")}

    with open_journal(path) as journal:
        assert stamped_revision(path) == HEAD_REVISION == "0005_self_reported"
        batch = journal.pending_outbox(100, 10_000_000)
        sent = {i.uuid: OutcomeRecord.from_json(i.payload) for i in batch if i.kind == "outcome"}
        assert sent == {m.uuid: m for m in marks}
        assert all("reported_by" not in i.payload for i in batch)
        own = OutcomeRecord(
            uuid=new_uuid(),
            session_uuid=records[0].uuid,
            kiosk_id="kiosk-2",
            outcome="dossier-submitted",
            marked_at=records[0].ended_at,
            reported_by="resident",
        )
        journal.record_outcome(own).result(5)
        assert journal.last_session() is not None

    after = {t: dump(path, t) for t in ("sessions", "outcomes", "outbox")}
    assert after["sessions"] == before["sessions"]
    assert after["outbox"][: len(before["outbox"])] == before["outbox"]
    old_marks = after["outcomes"][: len(marks)]
    assert [row[:5] for row in old_marks] == before["outcomes"]
    assert all(row[5] is None for row in old_marks)
    assert after["outcomes"][-1] == (
        own.uuid,
        own.session_uuid,
        "dossier-submitted",
        None,
        own.marked_at,
        "resident",
    )
