"""'Báo nội dung sai': a content report goes from the recorder through the journal, its
migration and the sync worker to a real collector, ids and enums only."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.journal.db import Journal, create_journal_engine, migrate, new_uuid, open_journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.paths import AppDirs
from kiosk.protocol import (
    OVERVIEW_STEP,
    ContentProblem,
    ContentReportRecord,
    EndReason,
    RecordError,
    SessionRecord,
)
from kiosk.session import SessionSummary
from tests.core.sync_support import (
    collector_cli,
    register_kiosk,
    server_rows,
    start_collector,
    write_config,
)

REPORTED = datetime(2026, 12, 2, 3, 4, 5, tzinfo=UTC)
KIOSK = "phu-nhuan-kp3-a"
HELP_POINT = "phu-nhuan-kp3"


def report(**changes: object) -> ContentReportRecord:
    values: dict[str, object] = {
        "uuid": new_uuid(),
        "kiosk_id": KIOSK,
        "procedure_id": "dang-ky-tam-tru",
        "step": 4,
        "reason": ContentProblem.PICTURE.value,
        "catalog_version": 7,
        "reported_at": "2026-12-02T03:04:05+00:00",
    }
    values.update(changes)
    return ContentReportRecord(**values)  # type: ignore[arg-type]


def recorder_for(journal: Journal) -> JournalRecorder:
    rec = JournalRecorder(journal, KIOSK, HELP_POINT, clock=FixedClock(REPORTED))
    rec.recovered.result(5)
    return rec


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reason": "the fee is 50.000 now"}, "reason"),
        ({"step": -1}, "step"),
        ({"step": 201}, "step"),
        ({"procedure_id": "Đăng ký tạm trú"}, "procedure_id"),
        ({"reported_at": "2026-12-02T03:04:05"}, "reported_at"),
        ({"note": "free text"}, "note"),
    ],
)
def test_the_record_takes_only_ids_enums_numbers_and_times(
    changes: dict[str, object], field: str
) -> None:
    """A reason outside the fixed list, a step out of range, a name instead of an id, a time
    without offset or any extra field is refused, naming the field."""
    good = report().to_json()
    assert ContentReportRecord.from_json(good) == report(uuid=good["uuid"])
    with pytest.raises(RecordError) as info:
        ContentReportRecord.from_json({**good, **changes})
    assert info.value.field == field


def test_a_report_is_one_row_and_one_outbox_entry(journal: Journal) -> None:
    """The recorder stores the report and queues it for the collector in one transaction;
    the overview is step 0; the USB export carries it."""
    rec = recorder_for(journal)
    rec.report_content("dang-ky-tam-tru", 4, ContentProblem.PICTURE.value, 7).result(5)
    rec.report_content("dang-ky-tam-tru", OVERVIEW_STEP, ContentProblem.FEE.value, 7).result(5)
    stored = rows(
        journal.path,
        "SELECT procedure_id, step, reason, catalog_version, reported_at FROM content_reports "
        "ORDER BY rowid",
    )
    assert stored == [
        ("dang-ky-tam-tru", 4, "picture", 7, "2026-12-02T03:04:05+00:00"),
        ("dang-ky-tam-tru", 0, "fee", 7, "2026-12-02T03:04:05+00:00"),
    ]
    kinds = rows(journal.path, "SELECT kind FROM outbox ORDER BY rowid")
    assert kinds == [("content-report",), ("content-report",)]
    assert journal.unsynced_count() == 2
    exported = journal.export_unsynced(KIOSK, HELP_POINT)["content_reports"]
    assert [(r["step"], r["reason"]) for r in exported] == [(4, "picture"), (0, "fee")]


def test_a_bad_report_is_refused_and_nothing_is_written(journal: Journal) -> None:
    """A reason not in the list, or a procedure id shaped like a typed number, never reaches
    the journal."""
    rec = recorder_for(journal)
    with pytest.raises(RecordError):
        rec.report_content("dang-ky-tam-tru", 1, "sai phí", 7).result(5)
    with pytest.raises(RecordError):
        rec.report_content("079203001234", 1, ContentProblem.FEE.value, 7).result(5)
    journal.flush(5)
    assert rows(journal.path, "SELECT count(*) FROM content_reports") == [(0,)]
    assert journal.unsynced_count() == 0


def test_upgrade_from_0002_keeps_unsynced_rows_and_takes_reports(tmp_path: Path) -> None:
    """A kiosk at 0002 with records waiting: after the upgrade every outbox row is there as it
    was, and content reports can be queued beside them."""
    path = tmp_path / "journal.db"
    engine = create_journal_engine(path, writer=True)
    try:
        migrate(engine, "0002")
    finally:
        engine.dispose()
    session = SessionRecord(
        uuid=new_uuid(),
        kiosk_id=KIOSK,
        help_point_id=HELP_POINT,
        started_at="2026-11-30T10:00:00+00:00",
        ended_at="2026-11-30T10:20:00+00:00",
        language="vi",
        text_size="xlarge",
        procedure_id="dang-ky-tam-tru",
        furthest_step=2,
        step_count=7,
        end_reason=EndReason.IDLE.value,
    )
    outcome_uuid = new_uuid()
    outcome = {"uuid": outcome_uuid, "session_uuid": session.uuid, "kiosk_id": KIOSK}
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(
                "INSERT INTO outbox VALUES (?, 'session', ?, ?, 3, 'timeout', 'pending')",
                (session.uuid, json.dumps(session.to_json()), session.ended_at),
            )
            connection.execute(
                "INSERT INTO outbox VALUES (?, 'outcome', ?, ?, 0, NULL, 'dead')",
                (outcome_uuid, json.dumps(outcome), session.ended_at),
            )
    finally:
        connection.close()
    before = rows(path, "SELECT * FROM outbox ORDER BY rowid")

    with open_journal(path) as journal:
        assert rows(path, "SELECT * FROM outbox ORDER BY rowid") == before
        assert journal.unsynced_count() == 1 and journal.dead_count() == 1
        recorder_for(journal).report_content("dang-ky-tam-tru", 2, "portal", 3).result(5)
        assert journal.unsynced_count() == 2
    with pytest.raises(sqlite3.IntegrityError):  # the constraint still names every kind
        connection = sqlite3.connect(path)
        try:
            with connection:
                connection.execute(
                    "INSERT INTO outbox VALUES ('x', 'note', '{}', '2026', 0, NULL, 'pending')"
                )
        finally:
            connection.close()


def test_sync_round_delivers_reports_to_the_collector(
    kiosk_home: AppDirs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session and two reports go up in one round over real HTTP; the collector stores the
    reports field for field, the outbox ends empty, and an import of the same export finds
    them already there."""
    from kiosk.config import read_config
    from kiosk.sync.catalog_store import CatalogStore
    from kiosk.sync.worker import SyncWorker

    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    live = start_collector(database_url)
    try:
        token = register_kiosk(database_url, HELP_POINT, KIOSK)
        config_path = write_config(
            tmp_path / "cfg",
            help_point_id=HELP_POINT,
            kiosk_id=KIOSK,
            server=live.url,
            token=token,
            public_key=None,
        )
        config = read_config(config_path)
        assert config.sync is not None
        with open_journal(kiosk_home.database) as journal:
            rec = recorder_for(journal)
            rec.end_session(
                SessionSummary(
                    uuid=new_uuid(),
                    started_at=REPORTED,
                    ended_at=REPORTED,
                    language="vi",
                    text_size="normal",
                    procedure_id="dang-ky-tam-tru",
                    furthest_step=1,
                    step_count=7,
                    practice_modules=(),
                    help_requests=0,
                    rating=None,
                    end_reason=EndReason.HOME,
                    catalog_version=7,
                )
            ).result(5)
            rec.report_content("dang-ky-tam-tru", 4, "picture", 7).result(5)
            rec.report_content("cap-doi-the-can-cuoc", 0, "fee", 7).result(5)
            sent = journal.export_unsynced(KIOSK, HELP_POINT)
            worker = SyncWorker(journal, config.sync, CatalogStore(kiosk_home.data / "catalog"))
            round_report = worker.run_round()
            assert round_report.upload_error is None and round_report.dead == 0
            assert round_report.acknowledged == 3
            assert journal.unsynced_count() == 0
        stored = server_rows(database_url, "content_reports")
        assert sorted((r["procedure_id"], r["step"], r["reason"]) for r in stored) == [
            ("cap-doi-the-can-cuoc", 0, "fee"),
            ("dang-ky-tam-tru", 4, "picture"),
        ]
        assert {r["kiosk_id"] for r in stored} == {KIOSK}
        assert [s["end_reason"] for s in server_rows(database_url)] == ["home"]
        export = tmp_path / "export.json"
        export.write_text(json.dumps(sent), encoding="utf-8")
        code, out = collector_cli(database_url, "import", str(export))
        assert code == 0 and "0 bản ghi mới, 3 đã có" in out
    finally:
        live.stop()
