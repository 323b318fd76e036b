"""Opening the journal: the SQLite engines, their pragmas, migrations, and the Journal facade.

Every connection runs `journal_mode=WAL`, `synchronous=FULL` and `busy_timeout=5000`, and
the writer's transactions start with `BEGIN IMMEDIATE` (docs/reliability.md G1–G3): a commit that
returned survives kill -9 and power loss, and no write ever meets "database is locked" halfway.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import uuid as uuid_module
from collections.abc import Callable, Collection, Iterable, Mapping
from concurrent.futures import Future
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, event, select, update
from sqlalchemy.engine import URL, Engine, create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.journal import parked, queries
from kiosk.journal.models import (
    KvEntry,
    OutboxEntry,
    StoredContentReport,
    StoredEvent,
    StoredOutcome,
    StoredSession,
    to_utc_text,
)
from kiosk.journal.privacy import is_safe_id, is_uuid, session_problem
from kiosk.journal.queries import OutboxItem, SessionRow, SyncState, TodayStats
from kiosk.journal.writer import JournalWriter
from kiosk.private_files import create_private_file, make_private_dir, tighten_paths
from kiosk.protocol import (
    MAX_PORTAL_SECONDS,
    ContentReportRecord,
    EndReason,
    Language,
    OutcomeRecord,
    PracticeModule,
    RecordError,
    SessionRecord,
    TextSize,
)
from kiosk.session import EventKind, SessionEvent

log = logging.getLogger(__name__)

# The newest migration. open_journal compares the database's stamp with it before importing
# Alembic at all, which keeps a normal start-up fast; a test keeps it equal to the scripts' head.
HEAD_REVISION = "0005_self_reported"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000
KV_KEY = re.compile(r"^[a-z][a-z0-9._-]{0,62}$")
KV_VALUE_MAX = 512
KV_RECOVERED = "journal.recovered-sessions"
EVENT_RETENTION = timedelta(days=7)


class UnknownSessionError(LookupError):
    """An outcome was marked for a session the journal does not have."""


class JournalError(Exception):
    """The journal file cannot be opened or upgraded; the message is safe to show IT."""


def create_journal_engine(path: Path, *, writer: bool) -> Engine:
    """An engine on `path` with the journal's pragmas; `writer` engines BEGIN IMMEDIATE."""
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(path)),
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        # SQL errors must not echo row values into logs.
        hide_parameters=True,
        poolclass=QueuePool,
        pool_size=1 if writer else 4,
        max_overflow=0 if writer else 4,
    )
    begin_sql = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's begin hook (pysqlite's own BEGIN is lazy
        # and deferred, which is how read-then-write transactions meet SQLITE_BUSY).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin_sql)

    return engine


def stamped_revision(path: Path) -> str | None:
    """The migration the database file says it is at, or None (new file, or never stamped)."""
    if not path.exists():
        return None
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def alembic_config() -> Any:
    """Alembic's Config, built in code: no alembic.ini, works from a PyInstaller bundle."""
    from alembic.config import Config

    config = Config()
    # configparser interpolation would read a '%' in the install path as a placeholder.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to `revision` in one transaction (all of it or none of it)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_journal(path: Path, *, clock: Clock = SYSTEM_CLOCK, write_delay: float = 0.0) -> Journal:
    """Open (creating or upgrading as needed) the journal at `path` and start its writer.

    `clock` dates what the journal itself stamps (outbox entries, crash recovery, pruning).
    """
    try:
        make_private_dir(path.parent)
    except OSError as exc:
        raise JournalError(f"{path.parent}: cannot create the data folder ({exc})") from exc
    try:
        # Made 0600 before SQLite opens it: SQLite gives its -wal and -shm files the same mode.
        create_private_file(path)
    except OSError as exc:
        raise JournalError(f"{path}: cannot create the journal ({exc})") from exc
    # A journal made by an older version may be 0644: owner-only from now on.
    for problem in tighten_paths(path.with_name(path.name + s) for s in ("", "-wal", "-shm")):
        log.warning("%s", problem)
    write_engine = create_journal_engine(path, writer=True)
    try:
        if stamped_revision(path) != HEAD_REVISION:
            migrate(write_engine)
    except Exception as exc:
        write_engine.dispose()
        raise JournalError(f"{path}: cannot open or upgrade the journal ({exc})") from exc
    read_engine = create_journal_engine(path, writer=False)
    return Journal(path, write_engine, read_engine, clock=clock, write_delay=write_delay)


class JournalKv:
    """The kv table as a small store (what PinGuard and the sync worker keep across restarts)."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    def get(self, key: str) -> str | None:
        """The value, or None."""
        return self._journal.kv_get(key)

    def put(self, values: Mapping[str, str | None]) -> Future[None]:
        """Set (or, with None, delete) several keys in one transaction."""
        return self._journal.kv_put(values)


class Journal:
    """The session journal: writes go through its one JournalWriter, reads use their own pool."""

    def __init__(
        self,
        path: Path,
        write_engine: Engine,
        read_engine: Engine,
        *,
        clock: Clock = SYSTEM_CLOCK,
        write_delay: float = 0.0,
    ) -> None:
        self.path = path
        self.clock = clock
        self._write_engine = write_engine
        self._read_engine = read_engine
        self.writer = JournalWriter(write_engine, write_delay=write_delay)
        self.kv = JournalKv(self)

    # -- lifecycle -------------------------------------------------------------------------

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write queued so far is committed; False on timeout."""
        return self.writer.flush(timeout)

    def close(self) -> None:
        """Commit what is queued, stop the writer and close every connection."""
        self.writer.close()
        self._write_engine.dispose()
        self._read_engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writes (all return at once; the Future resolves after COMMIT) ---------------------

    def record_event(self, ev: SessionEvent) -> Future[None]:
        """Queue one event row. The caller (JournalRecorder) has checked its values."""

        def work(session: Session) -> None:
            session.add(
                StoredEvent(
                    session_uuid=ev.session_uuid,
                    kind=ev.kind.value,
                    at=ev.at,
                    value=ev.value,
                    number=ev.number,
                )
            )

        return self.writer.submit(work, "event")

    def record_session(self, record: SessionRecord) -> Future[None]:
        """Queue a finished session: its row and its outbox entry in ONE transaction."""
        problem = session_problem(record)
        if problem is not None:
            return _failed(RecordError(problem, "rejected by the journal"))

        def work(session: Session) -> None:
            _insert_session(session, record, self.clock.now())

        return self.writer.submit(work, "session")

    def record_outcome(self, record: OutcomeRecord) -> Future[None]:
        """Queue a volunteer's mark: its row and its outbox entry in one transaction."""
        try:
            OutcomeRecord.from_json(record.to_json())
        except RecordError as exc:
            return _failed(exc)

        def work(session: Session) -> None:
            known = session.scalar(
                select(StoredSession.uuid).where(StoredSession.uuid == record.session_uuid)
            )
            if known is None:
                raise UnknownSessionError("no such session in this journal")
            session.add(
                StoredOutcome(
                    uuid=record.uuid,
                    session_uuid=record.session_uuid,
                    outcome=record.outcome,
                    volunteer_code=record.volunteer_code,
                    marked_at=datetime.fromisoformat(record.marked_at),
                    reported_by=record.reported_by,
                )
            )
            session.add(
                OutboxEntry(
                    uuid=record.uuid,
                    kind="outcome",
                    payload=record.to_json(),
                    created_at=self.clock.now(),
                    attempts=0,
                    state="pending",
                )
            )

        return self.writer.submit(work, "outcome")

    def record_content_report(self, record: ContentReportRecord) -> Future[None]:
        """Queue a volunteer's content report: its row and its outbox entry in one transaction."""
        try:
            ContentReportRecord.from_json(record.to_json())
        except RecordError as exc:
            return _failed(exc)
        if not is_safe_id(record.procedure_id):
            return _failed(RecordError("procedure_id", "rejected by the journal"))

        def work(session: Session) -> None:
            session.add(
                StoredContentReport(
                    uuid=record.uuid,
                    procedure_id=record.procedure_id,
                    step=record.step,
                    reason=record.reason,
                    catalog_version=record.catalog_version,
                    reported_at=datetime.fromisoformat(record.reported_at),
                )
            )
            session.add(
                OutboxEntry(
                    uuid=record.uuid,
                    kind="content-report",
                    payload=record.to_json(),
                    created_at=self.clock.now(),
                    attempts=0,
                    state="pending",
                )
            )

        return self.writer.submit(work, "content-report")

    def acknowledge(self, uuids: Iterable[str]) -> Future[int]:
        """Remove the outbox entries the collector acknowledged; resolves to how many."""
        wanted = [u for u in uuids if is_uuid(u)]

        def work(session: Session) -> int:
            removed = 0
            for chunk in _chunks(wanted, 500):
                result = session.execute(delete(OutboxEntry).where(OutboxEntry.uuid.in_(chunk)))
                removed += result.rowcount  # type: ignore[attr-defined]
            return removed

        return self.writer.submit(work, "acknowledge")

    def mark_dead(self, uuid: str, reason_code: str) -> Future[bool]:
        """Stop sending a record the collector rejected or conflicted on; keep it for IT."""
        if not is_safe_id(reason_code):
            return _failed(ValueError("reason_code must be a short id such as 'conflict'"))

        def work(session: Session) -> bool:
            result = session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.uuid == uuid)
                .values(state="dead", last_error_code=reason_code)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return self.writer.submit(work, "mark-dead")

    def note_failed_attempt(self, uuids: Iterable[str], error_code: str) -> Future[int]:
        """Count one more failed upload for these records, with a short error code."""
        if not is_safe_id(error_code):
            return _failed(ValueError("error_code must be a short id such as 'timeout'"))
        wanted = list(uuids)

        def work(session: Session) -> int:
            changed = 0
            for chunk in _chunks(wanted, 500):
                result = session.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.uuid.in_(chunk))
                    .values(attempts=OutboxEntry.attempts + 1, last_error_code=error_code)
                )
                changed += result.rowcount  # type: ignore[attr-defined]
            return changed

        return self.writer.submit(work, "attempt")

    def record_sync_success(self, at: datetime) -> Future[None]:
        """Remember when the collector last answered a sync fully."""
        return self.kv_put({queries.KV_SYNC_SUCCESS_AT: to_utc_text(at)})

    def record_sync_error(self, code: str, at: datetime) -> Future[None]:
        """Remember the last sync failure as a short code (never a message or a body)."""
        if not is_safe_id(code):
            return _failed(ValueError("code must be a short id such as 'http-503'"))
        return self.kv_put(
            {queries.KV_SYNC_ERROR_CODE: code, queries.KV_SYNC_ERROR_AT: to_utc_text(at)}
        )

    def kv_put(self, values: Mapping[str, str | None]) -> Future[None]:
        """Set (or, with None, delete) kv keys in one transaction."""
        items = dict(values)
        for key, value in items.items():
            if not KV_KEY.match(key):
                return _failed(ValueError("kv keys are short lower-case ids"))
            if value is not None and (not isinstance(value, str) or len(value) > KV_VALUE_MAX):
                return _failed(ValueError("kv values are short strings"))

        def work(session: Session) -> None:
            for key, value in items.items():
                if value is None:
                    session.execute(delete(KvEntry).where(KvEntry.key == key))
                else:
                    session.merge(KvEntry(key=key, value=value))

        return self.writer.submit(work, "kv")

    def close_unfinished_sessions(
        self,
        kiosk_id: str,
        help_point_id: str,
        *,
        exclude: Collection[str] = (),
    ) -> Future[int]:
        """Close sessions a crash left open (events, no session row) as idle; returns the count.

        Their summary never reached the journal, so the record is rebuilt from the events:
        language and text size fall back to vi/normal, step_count to the furthest step and
        catalog_version to 0 (unknown). The total is kept in kv `journal.recovered-sessions`.
        """
        skip = set(exclude)

        def work(session: Session) -> int:
            has_row = select(StoredSession.uuid)
            orphans = session.scalars(
                select(StoredEvent.session_uuid)
                .where(StoredEvent.session_uuid.not_in(has_row))
                .distinct()
            ).all()
            closed = 0
            for session_uuid in orphans:
                if session_uuid in skip:
                    continue
                events = session.scalars(
                    select(StoredEvent)
                    .where(StoredEvent.session_uuid == session_uuid)
                    .order_by(StoredEvent.id)
                ).all()
                record = _record_from_events(session_uuid, events, kiosk_id, help_point_id)
                if record is None:
                    continue
                _insert_session(session, record, self.clock.now())
                closed += 1
            if closed:
                before = int(queries.kv_get(session, KV_RECOVERED) or 0)
                session.merge(KvEntry(key=KV_RECOVERED, value=str(before + closed)))
                log.warning("closed %d session(s) left open by a crash as 'idle'", closed)
            return closed

        return self.writer.submit(work, "recover")

    def prune_events(
        self, keep: timedelta = EVENT_RETENTION, *, now: datetime | None = None
    ) -> Future[int]:
        """Delete the events of sessions that ended more than `keep` ago; returns how many.

        Events only matter until their session row exists (crash recovery) and for a few days
        of local diagnostics; keeping less is the point of an anonymous journal.
        """
        cutoff = (now or self.clock.now()) - keep

        def work(session: Session) -> int:
            ended = select(StoredSession.uuid).where(StoredSession.ended_at < cutoff)
            result = session.execute(delete(StoredEvent).where(StoredEvent.session_uuid.in_(ended)))
            return int(result.rowcount)  # type: ignore[attr-defined]

        return self.writer.submit(work, "prune")

    # -- reads (on the calling thread, on their own connections) --------------------------

    def _read(self, fn: Callable[[Session], Any]) -> Any:
        with Session(self._read_engine) as session, session.begin():
            return fn(session)

    def today_stats(self, now: datetime) -> TodayStats:
        """Counts for sessions started on `now`'s local day (`now` carries the local offset)."""
        result: TodayStats = self._read(lambda s: queries.today_stats(s, now))
        return result

    def last_session(self) -> SessionRow | None:
        """The session that ended last, with its current outcome, or None."""
        result: SessionRow | None = self._read(queries.last_session)
        return result

    def unsynced_count(self) -> int:
        """Records still waiting for the collector (dead ones not included)."""
        result: int = self._read(lambda s: queries.count_outbox(s, "pending"))
        return result

    def dead_count(self) -> int:
        """Records the collector refused (kept for IT, not sent again)."""
        result: int = self._read(lambda s: queries.count_outbox(s, "dead"))
        return result

    def dead_by_reason(self) -> dict[str, int]:
        """Parked (refused) records per reason code (kiosk.journal.parked)."""
        result: dict[str, int] = self._read(parked.dead_by_reason)
        return result

    def requeue_dead(
        self, kiosk_id: str, help_point_id: str, *, identity_only: bool
    ) -> Future[parked.Requeued]:
        """Queue parked records again under these ids (see kiosk.journal.parked)."""

        def work(session: Session) -> parked.Requeued:
            return parked.requeue_dead(
                session, kiosk_id, help_point_id, identity_only=identity_only
            )

        return self.writer.submit(work, "requeue")

    def pending_outbox(self, limit: int, max_bytes: int) -> list[OutboxItem]:
        """The oldest pending records for one upload batch (see queries.pending_outbox)."""
        result: list[OutboxItem] = self._read(lambda s: queries.pending_outbox(s, limit, max_bytes))
        return result

    def export_unsynced(self, kiosk_id: str, help_point_id: str) -> dict[str, Any]:
        """Every pending record as the USB export document (docs/journal.md)."""
        result: dict[str, Any] = self._read(
            lambda s: queries.export_unsynced(s, kiosk_id, help_point_id)
        )
        return result

    def sync_state(self) -> SyncState:
        """The last sync success and error."""
        result: SyncState = self._read(queries.sync_state)
        return result

    def kv_get(self, key: str) -> str | None:
        """One kv value, or None."""
        result: str | None = self._read(lambda s: queries.kv_get(s, key))
        return result

    def size_bytes(self) -> int:
        """The database's size on disk, WAL included."""
        total = 0
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                total += part.stat().st_size
        return total


def _failed(exc: BaseException) -> Future[Any]:
    future: Future[Any] = Future()
    future.set_exception(exc)
    return future


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_session(session: Session, record: SessionRecord, now: datetime) -> None:
    session.add(
        StoredSession(
            uuid=record.uuid,
            kiosk_id=record.kiosk_id,
            help_point_id=record.help_point_id,
            started_at=datetime.fromisoformat(record.started_at),
            ended_at=datetime.fromisoformat(record.ended_at),
            language=record.language,
            text_size=record.text_size,
            procedure_id=record.procedure_id,
            furthest_step=record.furthest_step,
            step_count=record.step_count,
            practice_modules=",".join(record.practice_modules),
            help_requests=record.help_requests,
            rating=record.rating,
            end_reason=record.end_reason,
            catalog_version=record.catalog_version,
            schema=record.schema,
            portal_procedure_id=record.portal_procedure_id,
            portal_seconds=record.portal_seconds,
            portal_last_step=(
                None if record.portal_last_step is None else int(record.portal_last_step)
            ),
        )
    )
    session.add(
        OutboxEntry(
            uuid=record.uuid,
            kind="session",
            payload=record.to_json(),
            created_at=now,
            attempts=0,
            state="pending",
        )
    )


def _record_from_events(
    session_uuid: str, events: Iterable[StoredEvent], kiosk_id: str, help_point_id: str
) -> SessionRecord | None:
    events = list(events)
    if not events or not is_uuid(session_uuid):
        return None
    started = min(e.at for e in events)
    for e in events:
        if e.kind == EventKind.SESSION_STARTED.value:
            started = e.at
            break
    ended = max(max(e.at for e in events), started)
    steps = [e.number for e in events if e.kind == EventKind.STEP_REACHED.value and e.number]
    modules: list[str] = []
    for e in events:
        if (
            e.kind == EventKind.PRACTICE_USED.value
            and e.value in {m.value for m in PracticeModule}
            and e.value not in modules
        ):
            modules.append(e.value)
    ratings = [e.number for e in events if e.kind == EventKind.RATING.value and e.number]
    procedures = [
        e.value for e in events if e.kind == EventKind.STEP_REACHED.value and is_safe_id(e.value)
    ]
    furthest = min(max(steps, default=0), 200)
    portal = _portal_from_events(events, ended)
    record = SessionRecord(
        uuid=session_uuid,
        kiosk_id=kiosk_id,
        help_point_id=help_point_id,
        started_at=to_utc_text(started),
        ended_at=to_utc_text(ended),
        language=Language.VI.value,
        text_size=TextSize.NORMAL.value,
        procedure_id=procedures[-1] if procedures else None,
        furthest_step=furthest,
        step_count=furthest,
        practice_modules=tuple(modules[:10]),
        help_requests=min(sum(1 for e in events if e.kind == EventKind.HELP_REQUESTED.value), 1000),
        rating=ratings[-1] if ratings and 1 <= ratings[-1] <= 5 else None,
        end_reason=EndReason.IDLE.value,
        catalog_version=0,
        **portal,
    )
    if session_problem(record) is not None:
        log.warning("a crashed session could not be rebuilt; its events are kept")
        return None
    return record


def _portal_from_events(events: list[StoredEvent], ended: datetime) -> dict[str, Any]:
    """A crashed session's portal use, rebuilt from its portal-opened/-closed events (an
    opening the crash cut short lasts until the session's last event)."""
    opened = [e for e in events if e.kind == EventKind.PORTAL_OPENED.value and is_safe_id(e.value)]
    if not opened:
        return {}
    closed = [e for e in events if e.kind == EventKind.PORTAL_CLOSED.value]
    seconds = sum(e.number or 0 for e in closed)
    if len(opened) > len(closed):  # still open when the kiosk stopped
        seconds += max(0, int((ended - opened[-1].at).total_seconds()))
    return {
        "portal_procedure_id": opened[-1].value,
        "portal_seconds": min(seconds, MAX_PORTAL_SECONDS),
        "portal_last_step": False,  # the step count of a crashed session is not known
    }


def new_uuid() -> str:
    """A fresh record uuid in canonical form."""
    return str(uuid_module.uuid4())
