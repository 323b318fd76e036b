"""The journal: one writer, acknowledged writes, the read API, crash recovery, privacy gate."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.journal.db import (
    HEAD_REVISION,
    KV_RECOVERED,
    Journal,
    UnknownSessionError,
    alembic_config,
    create_journal_engine,
    new_uuid,
    open_journal,
)
from kiosk.journal.recorder import JournalRecorder
from kiosk.journal.writer import JournalClosedError
from kiosk.paths import AppDirs
from kiosk.protocol import (
    EndReason,
    Outcome,
    OutcomeRecord,
    RecordError,
    SessionRecord,
)
from kiosk.session import EventKind, SessionEvent, SessionSummary

VN = timezone(timedelta(hours=7))
T0 = datetime(2026, 11, 28, 18, 0, tzinfo=VN)


def summary(
    uuid: str | None = None,
    *,
    start: datetime = T0,
    minutes: int = 10,
    procedure: str | None = "dang-ky-tam-tru",
    reason: EndReason = EndReason.FINISHED,
    help_requests: int = 0,
) -> SessionSummary:
    return SessionSummary(
        uuid=uuid or new_uuid(),
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        language="vi",
        text_size="large",
        procedure_id=procedure,
        furthest_step=3,
        step_count=8,
        practice_modules=("cccd",),
        help_requests=help_requests,
        rating=4,
        end_reason=reason,
        catalog_version=7,
    )


@pytest.fixture
def recorder(journal: Journal) -> JournalRecorder:
    rec = JournalRecorder(journal, "kiosk-1", "duc-nhuan-kp1")
    rec.recovered.result(5)
    return rec


def query(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def test_session_end_writes_row_and_outbox_entry_together(
    journal: Journal, recorder: JournalRecorder
) -> None:
    """A finished session gives one sessions row and one pending outbox entry with its record."""
    s = summary()
    recorder.end_session(s).result(5)
    rows = query(journal.path, "SELECT uuid, kiosk_id, help_point_id, started_at FROM sessions")
    assert rows == [(s.uuid, "kiosk-1", "duc-nhuan-kp1", "2026-11-28T11:00:00+00:00")]
    [item] = journal.pending_outbox(10, 100_000)
    assert (item.uuid, item.kind, item.attempts) == (s.uuid, "session", 0)
    record = SessionRecord.from_json(item.payload)
    assert record.practice_modules == ("cccd",)
    assert record.ended_at == "2026-11-28T11:10:00+00:00"
    assert record.catalog_version == 7


def test_future_resolves_only_after_commit(journal: Journal, recorder: JournalRecorder) -> None:
    """When the Future resolves, another connection already sees the row (it was committed)."""
    seen: list[int] = []

    def check(_future: object) -> None:
        seen.append(len(query(journal.path, "SELECT uuid FROM outbox")))

    future = recorder.end_session(summary())
    future.add_done_callback(check)
    future.result(5)
    journal.flush(5)
    assert seen == [1]


def test_calls_return_at_once_while_the_writer_is_slow(kiosk_home: AppDirs) -> None:
    """With a slow writer, queueing events and a session end returns before any is written:
    had a call waited for its write, the session end's future would be done on return."""
    with open_journal(kiosk_home.database, write_delay=0.2) as slow:
        rec = JournalRecorder(slow, "kiosk-1", "duc-nhuan-kp1", recover=False)
        s = summary()
        for step in range(1, 4):
            rec.on_event(SessionEvent(s.uuid, EventKind.STEP_REACHED, T0, None, step))
        future = rec.end_session(s)
        assert not future.done()
        assert slow.flush(10)
        assert future.done() and future.exception() is None


def test_a_failed_write_fails_its_future_and_the_writer_goes_on(
    journal: Journal, recorder: JournalRecorder, caplog: pytest.LogCaptureFixture
) -> None:
    """A duplicate session uuid rolls back that write only; the next write still commits."""
    s = summary()
    recorder.end_session(s).result(5)
    with caplog.at_level(logging.ERROR):
        duplicate = recorder.end_session(s)
        assert duplicate.exception(5) is not None
    assert s.uuid not in caplog.text  # SQL errors are logged by type, not with row values
    recorder.end_session(summary()).result(5)
    assert journal.unsynced_count() == 2


def test_close_commits_queued_writes_then_refuses(kiosk_home: AppDirs) -> None:
    """close() drains the queue first; a write after close fails instead of vanishing."""
    j = open_journal(kiosk_home.database, write_delay=0.01)
    rec = JournalRecorder(j, "kiosk-1", "duc-nhuan-kp1", recover=False)
    futures = [rec.end_session(summary()) for _ in range(20)]
    j.close()
    assert all(f.done() and f.exception() is None for f in futures)
    late = rec.end_session(summary())
    assert isinstance(late.exception(1), JournalClosedError)
    assert query(kiosk_home.database, "SELECT count(*) FROM sessions") == [(20,)]


def test_writes_run_on_one_thread(journal: Journal) -> None:
    """Every write runs on the writer's own thread, never the caller's."""
    threads = [journal.writer.submit(lambda _s: threading.get_ident()) for _ in range(5)]
    idents = {f.result(5) for f in threads}
    assert len(idents) == 1 and threading.get_ident() not in idents


def test_connections_use_wal_full_sync_and_busy_timeout(journal: Journal) -> None:
    """Both engines set WAL, synchronous=FULL (2) and a 5 s busy timeout on every connection."""
    for writer in (True, False):
        engine = create_journal_engine(journal.path, writer=writer)
        try:
            with engine.connect() as c:
                assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2
                assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        finally:
            engine.dispose()


def test_write_transactions_begin_immediate(journal: Journal) -> None:
    """A writer transaction holds the write lock from BEGIN, before any statement runs."""
    engine = create_journal_engine(journal.path, writer=True)
    try:
        with engine.begin():
            other = sqlite3.connect(journal.path, timeout=0, isolation_level=None)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            finally:
                other.close()
    finally:
        engine.dispose()


def test_head_revision_matches_the_migration_scripts() -> None:
    """open_journal's fast path compares with HEAD_REVISION, so it must be the scripts' head."""
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_outcome_marks_newest_wins(journal: Journal, recorder: JournalRecorder) -> None:
    """Each mark is its own record with an outbox entry; the panel shows the newest."""
    s = summary()
    recorder.end_session(s).result(5)
    recorder.mark_outcome(s.uuid, Outcome.NEEDS_RETURN, "TNV-07").result(5)
    recorder.mark_outcome(s.uuid, Outcome.VNEID_ACTIVATED, None).result(5)
    last = journal.last_session()
    assert last is not None and last.outcome == "vneid-activated"
    outcomes = [i for i in journal.pending_outbox(10, 100_000) if i.kind == "outcome"]
    assert len(outcomes) == 2
    first = OutcomeRecord.from_json(outcomes[0].payload)
    assert (first.outcome, first.volunteer_code, first.kiosk_id) == (
        "needs-return",
        "TNV-07",
        "kiosk-1",
    )


def test_outcome_checks(journal: Journal, recorder: JournalRecorder) -> None:
    """Unknown sessions, bad volunteer codes and unknown outcomes are refused, nothing stored."""
    s = summary()
    recorder.end_session(s).result(5)
    with pytest.raises(UnknownSessionError):
        recorder.mark_outcome(new_uuid(), Outcome.INFO_ONLY).result(5)
    with pytest.raises(RecordError):
        recorder.mark_outcome(s.uuid, Outcome.INFO_ONLY, "Nguyen Van An").result(5)
    with pytest.raises(RecordError):
        recorder.mark_outcome(s.uuid, "went-home").result(5)
    assert query(journal.path, "SELECT count(*) FROM outcomes") == [(0,)]


def test_today_stats(journal: Journal, recorder: JournalRecorder) -> None:
    """Today counts the local day only, per procedure, finished vs abandoned, help requests."""
    marked = summary(help_requests=2)
    for s in (
        marked,
        summary(reason=EndReason.IDLE, help_requests=1),
        summary(procedure=None, reason=EndReason.VOLUNTEER_RESET),
        # 23:30 local on the day before is 16:30 UTC on the day before: not today.
        summary(start=datetime(2026, 11, 27, 23, 30, tzinfo=VN)),
        # 00:10 local today is still the previous UTC day: today.
        summary(start=datetime(2026, 11, 28, 0, 10, tzinfo=VN), procedure="dang-ky-khai-sinh"),
    ):
        recorder.end_session(s)
    recorder.mark_outcome(marked.uuid, Outcome.DOSSIER_SUBMITTED).result(5)
    stats = journal.today_stats(datetime(2026, 11, 28, 20, 0, tzinfo=VN))
    assert stats.sessions == 4
    assert stats.per_procedure == {"dang-ky-tam-tru": 2, None: 1, "dang-ky-khai-sinh": 1}
    assert (stats.finished, stats.abandoned, stats.idle, stats.volunteer_reset) == (2, 2, 1, 1)
    assert stats.help_requests == 3
    assert stats.outcomes == {"dossier-submitted": 1}
    with pytest.raises(ValueError):
        journal.today_stats(datetime(2026, 11, 28, 20, 0))


def test_outbox_batches_acknowledge_dead_and_attempts(
    journal: Journal, recorder: JournalRecorder
) -> None:
    """Batches respect count and bytes; acknowledge clears exactly those; dead ones stay out."""
    sessions = [summary(start=T0 + timedelta(minutes=i)) for i in range(6)]
    for s in sessions:
        recorder.end_session(s)
    journal.flush(5)
    assert [i.uuid for i in journal.pending_outbox(4, 1_000_000)] == [s.uuid for s in sessions[:4]]
    one = journal.pending_outbox(10, 1)
    assert len(one) == 1  # the first record always comes, even over the byte budget
    size = one[0].size
    assert len(journal.pending_outbox(10, size * 3)) == 3

    assert journal.note_failed_attempt([sessions[0].uuid], "timeout").result(5) == 1
    assert journal.pending_outbox(1, 10_000)[0].attempts == 1
    assert journal.mark_dead(sessions[1].uuid, "conflict").result(5) is True
    with pytest.raises(ValueError):
        journal.mark_dead(sessions[2].uuid, "409 Conflict: body was ...").result(5)
    assert journal.acknowledge([sessions[0].uuid, sessions[2].uuid, new_uuid()]).result(5) == 2
    assert journal.unsynced_count() == 3
    assert journal.dead_count() == 1
    pending = {i.uuid for i in journal.pending_outbox(100, 1_000_000)}
    assert pending == {s.uuid for s in sessions[3:]}
    # Acknowledged sessions stay in the journal (today's stats); only the outbox is cleared.
    assert query(journal.path, "SELECT count(*) FROM sessions") == [(6,)]


def test_last_session_reports_sync_state(journal: Journal, recorder: JournalRecorder) -> None:
    """last_session is the latest ended one and says whether the collector has it."""
    assert journal.last_session() is None
    early, late = summary(start=T0), summary(start=T0 + timedelta(hours=1))
    recorder.end_session(late)
    recorder.end_session(early).result(5)
    last = journal.last_session()
    assert last is not None and last.uuid == late.uuid and not last.synced
    journal.acknowledge([late.uuid]).result(5)
    last = journal.last_session()
    assert last is not None and last.synced and last.procedure_id == "dang-ky-tam-tru"


def test_export_unsynced_document(journal: Journal, recorder: JournalRecorder) -> None:
    """The export holds every pending record, each valid under the shared protocol."""
    s1, s2 = summary(), summary()
    recorder.end_session(s1)
    recorder.end_session(s2).result(5)
    recorder.mark_outcome(s1.uuid, Outcome.INFO_ONLY, "TNV-1").result(5)
    journal.acknowledge([s2.uuid]).result(5)
    doc = journal.export_unsynced("kiosk-1", "duc-nhuan-kp1")
    assert set(doc) == {"format", "version", "kiosk_id", "help_point_id", "sessions", "outcomes"}
    assert (doc["format"], doc["version"]) == ("dvc-kiosk-export", 1)
    assert [SessionRecord.from_json(r).uuid for r in doc["sessions"]] == [s1.uuid]
    assert [OutcomeRecord.from_json(r).session_uuid for r in doc["outcomes"]] == [s1.uuid]


def test_sync_state_and_kv(journal: Journal) -> None:
    """Sync success/error and kv values persist; error codes and keys must be short ids."""
    at = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    journal.record_sync_error("http-503", at).result(5)
    state = journal.sync_state()
    assert state.failing and state.last_error_code == "http-503"
    journal.record_sync_success(at + timedelta(minutes=5)).result(5)
    assert not journal.sync_state().failing
    with pytest.raises(ValueError):
        journal.record_sync_error("Connection refused by 10.0.0.1", at).result(5)
    journal.kv.put({"catalog.max-version": "3"}).result(5)
    assert journal.kv.get("catalog.max-version") == "3"
    journal.kv.put({"catalog.max-version": None}).result(5)
    assert journal.kv.get("catalog.max-version") is None
    with pytest.raises(ValueError):
        journal.kv.put({"Free Text": "x"}).result(5)


def test_crashed_sessions_are_closed_as_idle_at_start(kiosk_home: AppDirs) -> None:
    """Events without a session row (a crash) become an 'idle' session at the next start-up."""
    crashed = new_uuid()
    with open_journal(kiosk_home.database) as j:
        rec = JournalRecorder(j, "kiosk-1", "duc-nhuan-kp1")
        for ev in (
            SessionEvent(crashed, EventKind.SESSION_STARTED, T0),
            SessionEvent(crashed, EventKind.STEP_REACHED, T0 + timedelta(minutes=1), None, 2),
            SessionEvent(crashed, EventKind.PRACTICE_USED, T0 + timedelta(minutes=2), "cccd"),
            SessionEvent(crashed, EventKind.HELP_REQUESTED, T0 + timedelta(minutes=3)),
        ):
            rec.on_event(ev)
        finished = summary()
        rec.on_event(SessionEvent(finished.uuid, EventKind.SESSION_STARTED, T0))
        rec.end_session(finished).result(5)
    with open_journal(kiosk_home.database) as j:
        rec = JournalRecorder(j, "kiosk-1", "duc-nhuan-kp1")
        assert rec.recovered.result(5) == 1
        items = {i.uuid: i for i in j.pending_outbox(10, 100_000)}
        record = SessionRecord.from_json(items[crashed].payload)
        assert record.end_reason == "idle"
        assert (record.furthest_step, record.help_requests) == (2, 1)
        assert record.practice_modules == ("cccd",)
        assert record.ended_at == "2026-11-28T11:03:00+00:00"
        assert j.kv.get(KV_RECOVERED) == "1"
    with open_journal(kiosk_home.database) as j:
        assert JournalRecorder(j, "kiosk-1", "duc-nhuan-kp1").recovered.result(5) == 0


def test_old_events_are_pruned_new_ones_kept(journal: Journal, recorder: JournalRecorder) -> None:
    """Events of sessions ended over a week ago go; recent and still-open sessions keep theirs."""
    old, recent, open_uuid = summary(start=T0 - timedelta(days=10)), summary(), new_uuid()
    for s in (old, recent):
        recorder.on_event(SessionEvent(s.uuid, EventKind.SESSION_STARTED, s.started_at))
        recorder.end_session(s)
    recorder.on_event(SessionEvent(open_uuid, EventKind.SESSION_STARTED, T0 - timedelta(days=10)))
    assert journal.prune_events(now=T0 + timedelta(hours=1)).result(5) == 1
    left = {r[0] for r in query(journal.path, "SELECT session_uuid FROM session_events")}
    assert left == {recent.uuid, open_uuid}


# What a resident might type; none of it may reach the journal or a log line.
TYPED = ["079123456789", "0901234567", "nguyen van an", "Nguyễn Văn An", "abc1234", "P@ssw0rd!"]


@pytest.mark.parametrize("typed", TYPED)
def test_typed_text_is_refused_and_not_logged(
    journal: Journal, recorder: JournalRecorder, caplog: pytest.LogCaptureFixture, typed: str
) -> None:
    """A value that is not an allowed id/enum is dropped, logged without the value itself."""
    s = new_uuid()
    with caplog.at_level(logging.DEBUG):
        for kind in (EventKind.SCREEN_SHOWN, EventKind.STEP_REACHED, EventKind.PRACTICE_USED):
            recorder.on_event(SessionEvent(s, kind, T0, typed))
        bad_summary = summary(procedure=typed)
        assert recorder.end_session(bad_summary).exception(5) is not None
    journal.flush(5)
    assert recorder.rejected == 4
    assert typed not in caplog.text
    assert "refused" in caplog.text
    assert query(journal.path, "SELECT count(*) FROM session_events") == [(0,)]
    for suffix in ("", "-wal"):
        data = Path(f"{journal.path}{suffix}").read_bytes()
        assert typed.encode() not in data


def test_numbers_out_of_range_are_refused(journal: Journal, recorder: JournalRecorder) -> None:
    """A typed number cannot ride in `number`: ratings 1-5, steps 0-200, others small."""
    s = new_uuid()
    recorder.on_event(SessionEvent(s, EventKind.RATING, T0, None, 9))
    recorder.on_event(SessionEvent(s, EventKind.STEP_REACHED, T0, None, 79123456789))
    recorder.on_event(SessionEvent(s, EventKind.HELP_REQUESTED, T0, None, 901234567))
    recorder.on_event(SessionEvent("not-a-uuid", EventKind.HELP_REQUESTED, T0))
    recorder.on_event(SessionEvent(s, EventKind.RATING, T0, None, 5))
    recorder.on_event(SessionEvent(s, EventKind.SESSION_ENDED, T0, "finished"))
    journal.flush(5)
    assert recorder.rejected == 4
    assert query(journal.path, "SELECT kind, value, number FROM session_events ORDER BY id") == [
        ("rating", None, 5),
        ("session-ended", "finished", None),
    ]


def test_known_ids_restrict_values(journal: Journal) -> None:
    """Given the app's screen names and procedure ids, any other id-shaped value is refused."""
    rec = JournalRecorder(journal, "kiosk-1", "duc-nhuan-kp1", known_ids={"home", "search"})
    s = new_uuid()
    rec.on_event(SessionEvent(s, EventKind.SCREEN_SHOWN, T0, "home"))
    rec.on_event(SessionEvent(s, EventKind.SCREEN_SHOWN, T0, "nguyen-van-an"))
    journal.flush(5)
    assert rec.rejected == 1
    assert query(journal.path, "SELECT value FROM session_events") == [("home",)]


def test_no_free_text_column() -> None:
    """Columns are integers, times, short bounded strings, or the one record-JSON payload."""
    from sqlalchemy import JSON, Integer, String

    from kiosk.journal.models import Base, UtcTime

    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            kind = column.type
            where = (table.name, column.name)
            if isinstance(kind, JSON):
                assert where == ("outbox", "payload")
            elif isinstance(kind, String):
                assert kind.length is not None and kind.length <= 512, where
            else:
                assert isinstance(kind, Integer | UtcTime), where


def test_privacy_gate_lets_through_only_id_shapes() -> None:
    """Fuzzed: any accepted value is a short lower-case id without long digit runs; ID numbers,
    phone numbers and names (with or without accents) are always refused."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kiosk.journal.privacy import event_problem, is_safe_id

    uuid = new_uuid()

    @settings(max_examples=300, deadline=None)
    @given(
        st.one_of(
            st.text(max_size=40),
            st.from_regex(r"0[0-9]{11}", fullmatch=True),  # CCCD numbers
            st.from_regex(r"0[35789][0-9]{8}", fullmatch=True),  # mobile numbers
            st.from_regex(r"[a-z]{2,8}(-[a-z]{1,3}[0-9]{4,9})", fullmatch=True),
        )
    )
    def check(value: str) -> None:
        problem = event_problem(SessionEvent(uuid, EventKind.SCREEN_SHOWN, T0, value))
        if problem is None:
            assert is_safe_id(value)
            assert value == value.strip().lower() and len(value) <= 63
            assert not any(ch.isdigit() for ch in value[:1])
            assert " " not in value

    check()
    for name in ("Nguyễn Văn An", "nguyen van an", "Trần Thị Bích"):
        assert event_problem(SessionEvent(uuid, EventKind.SCREEN_SHOWN, T0, name)) is not None
