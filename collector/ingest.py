"""Storing uploaded records exactly once, for both the HTTP upload and the USB file import.

A record is checked by the pydantic model (precise messages) and by kiosk.protocol's own
dataclass (the shared truth). It is then inserted with "insert, or do nothing if the uuid is
already there"; every record that was not inserted is compared with the stored row through a
hash of its canonical payload: equal means an identical re-send ("already-there"), different
means "conflict" (docs/reliability.md G6, G17). The database's UNIQUE(uuid) does the arbitration,
so 50 concurrent identical uploads leave one row whatever the interleaving.

Before any of that, every key and string of a record is checked for text no database or encoder
takes (collector/textcheck.py), so a bad record is a 422 naming its field and never a 500 after
half a batch. An outcome is refused on another kiosk's session and when its `marked_at` is
further ahead of the collector's clock than MAX_MARK_AHEAD. A content report ("Báo nội dung
sai") passes the same checks as the others (text, both models, the token's kiosk). The token
decides whose records they are: a kiosk_id or help_point_id other than the token's kiosk's is
refused with a named reason (kiosk.fleet_protocol.RefusalReason), and refusals are counted per
kiosk and reason for the fleet page. The dashboard's per-day counts are updated in the same
transaction (collector/aggregates.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import Table, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection

from collector import aggregates, db
from collector.fleet_store import note_refusals
from collector.models import ContentReportIn, OutcomeIn, RecordResult, SessionIn
from collector.textcheck import find_bad_text, printable
from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.fleet_protocol import RefusalReason
from kiosk.protocol import (
    ContentReportRecord,
    OutcomeRecord,
    RecordError,
    ResultStatus,
    SessionRecord,
    without_unused_additions,
)

Kind = Literal["session", "outcome", "content-report"]
Record = SessionRecord | OutcomeRecord | ContentReportRecord
_MODELS: dict[str, tuple[Any, Any]] = {
    "session": (SessionIn, SessionRecord),
    "outcome": (OutcomeIn, OutcomeRecord),
    "content-report": (ContentReportIn, ContentReportRecord),
}

# A kiosk's clock may run a little ahead of the collector's; a mark further in the future would
# stay "newest" for ever and hide every later mark of that session.
MAX_MARK_AHEAD = timedelta(minutes=10)


@dataclass(frozen=True)
class _Row:
    """A checked record on its way into a table."""

    uuid: str
    values: dict[str, Any]


def payload_hash(record: Record) -> str:
    """SHA-256 of the record's canonical JSON (= to_json()), so equal content means equal hash."""
    wire = dict(vars(record))  # flat records: the same dict as to_json(), without deep copies
    if "practice_modules" in wire:
        wire["practice_modules"] = list(wire["practice_modules"])
    without_unused_additions(wire)  # a record from before the portal hashes as it always did
    body = json.dumps(wire, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def utc_naive(text: str) -> datetime:
    """ISO time with offset -> naive UTC, the storage form (OverflowError at the edges)."""
    return datetime.fromisoformat(text).astimezone(UTC).replace(tzinfo=None)


def now_utc(clock: Clock = SYSTEM_CLOCK) -> datetime:
    """The clock's time in the storage form (naive UTC)."""
    return clock.now().astimezone(UTC).replace(tzinfo=None)


def _describe(exc: ValidationError) -> str:
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "$"
    return printable(f"{where}: {first['msg']}", 300)


def _uuid_of(raw: Any) -> str | None:
    value = raw.get("uuid") if isinstance(raw, dict) else None
    return printable(value, 64) if isinstance(value, str) else None


def _reject(
    uuid: str | None, kind: Kind, detail: str, reason: RefusalReason = RefusalReason.INVALID
) -> RecordResult:
    return RecordResult(
        uuid=uuid, kind=kind, status=ResultStatus.REJECTED, detail=detail, reason=reason.value
    )


def _parse(
    raw: Any,
    kind: Kind,
    kiosk_id: str,
    time_fields: tuple[str, ...],
    help_point_id: str | None = None,
) -> tuple[Record, list[datetime]] | RecordResult:
    """Both checks (pydantic for precise messages, kiosk.protocol for the shared truth), the
    times in storage form, and the record's kiosk (and help point) being the token's — or why
    not. The token decides who a record belongs to: ids in the record never override it."""
    uuid = _uuid_of(raw)
    bad_text = find_bad_text(raw)
    if bad_text:
        return _reject(uuid, kind, bad_text)
    model, record_class = _MODELS[kind]
    try:
        model.model_validate(raw)
        record = record_class.from_json(raw)
        times = [utc_naive(getattr(record, name)) for name in time_fields]
    except ValidationError as exc:
        return _reject(uuid, kind, _describe(exc))
    except RecordError as exc:
        return _reject(uuid, kind, printable(str(exc), 300))
    except (OverflowError, ValueError):
        return _reject(uuid, kind, "time out of range")
    if record.kiosk_id != kiosk_id:
        return _reject(
            uuid,
            kind,
            f"kiosk_id '{record.kiosk_id}' is not this token's kiosk '{kiosk_id}': "
            "run `dvc-kiosk provision` again on that PC",
            RefusalReason.WRONG_KIOSK,
        )
    record_point = getattr(record, "help_point_id", None)
    if help_point_id is not None and record_point is not None and record_point != help_point_id:
        return _reject(
            uuid,
            kind,
            f"help_point_id '{record_point}' is not the help point of this token's kiosk "
            f"'{help_point_id}': run `dvc-kiosk provision` again on that PC",
            RefusalReason.WRONG_HELP_POINT,
        )
    return record, times


def _check_session(
    raw: Any, kiosk_id: str, help_point_id: str | None = None
) -> _Row | RecordResult:
    parsed = _parse(raw, "session", kiosk_id, ("started_at", "ended_at"), help_point_id)
    if isinstance(parsed, RecordResult):
        return parsed
    record, (started, ended) = parsed
    assert isinstance(record, SessionRecord)
    return _Row(
        uuid=record.uuid,
        values={
            "uuid": record.uuid,
            "kiosk_id": record.kiosk_id,
            "help_point_id": record.help_point_id,
            "started_at": started,
            "ended_at": ended,
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
            "payload_sha256": payload_hash(record),
            "portal_procedure_id": record.portal_procedure_id,
            "portal_seconds": record.portal_seconds,
            "portal_last_step": record.portal_last_step,
        },
    )


def _check_outcome(raw: Any, kiosk_id: str, now: datetime) -> _Row | RecordResult:
    parsed = _parse(raw, "outcome", kiosk_id, ("marked_at",))
    if isinstance(parsed, RecordResult):
        return parsed
    record, (marked,) = parsed
    assert isinstance(record, OutcomeRecord)
    if marked > now + MAX_MARK_AHEAD:
        minutes = int(MAX_MARK_AHEAD.total_seconds() // 60)
        return _reject(
            record.uuid,
            "outcome",
            f"marked_at: more than {minutes} minutes ahead of the collector's clock",
        )
    return _Row(
        uuid=record.uuid,
        values={
            "uuid": record.uuid,
            "session_uuid": record.session_uuid,
            "kiosk_id": record.kiosk_id,
            "outcome": record.outcome,
            "marked_at": marked,
            "volunteer_code": record.volunteer_code,
            "schema": record.schema,
            "payload_sha256": payload_hash(record),
            "reported_by": record.reported_by,
        },
    )


def _check_content_report(
    raw: Any, kiosk_id: str, help_point_id: str | None = None
) -> _Row | RecordResult:
    # A report is stored whatever its kiosk's clock said, as a session is: the dashboard
    # places one with an implausible reported_at at its receipt (collector/session_time.py).
    parsed = _parse(raw, "content-report", kiosk_id, ("reported_at",), help_point_id)
    if isinstance(parsed, RecordResult):
        return parsed
    record, (reported,) = parsed
    assert isinstance(record, ContentReportRecord)
    return _Row(
        uuid=record.uuid,
        values={
            "uuid": record.uuid,
            "kiosk_id": record.kiosk_id,
            "procedure_id": record.procedure_id,
            "step": record.step,
            "reason": record.reason,
            "catalog_version": record.catalog_version,
            "reported_at": reported,
            "schema": record.schema,
            "payload_sha256": payload_hash(record),
        },
    )


def _insert_postgresql(
    connection: Connection, table: Table, rows: list[dict[str, Any]]
) -> set[str]:
    # One statement with one array per column, whatever the batch size: psycopg caches its
    # parsing (a 500-row VALUES list with 9,000 placeholders is re-parsed on every request,
    # which cost more than the insert itself), and PostgreSQL plans it once.
    names = [column.name for column in table.columns]
    casts = ", ".join(
        f"CAST(:{name} AS {table.c[name].type.compile(dialect=connection.dialect)}[])"
        for name in names
    )
    columns = ", ".join(f'"{name}"' for name in names)
    statement = text(
        f"INSERT INTO {table.name} ({columns}) SELECT * FROM unnest({casts}) "
        "ON CONFLICT (uuid) DO NOTHING RETURNING uuid"
    )
    params = {name: [row[name] for row in rows] for name in names}
    return set(connection.execute(statement, params).scalars())


def _store(
    connection: Connection,
    table: Table,
    kind: Kind,
    checked: list[_Row | RecordResult],
    received: datetime,
) -> tuple[list[RecordResult], list[dict[str, Any]]]:
    """The per-record results, and the rows this call really inserted."""
    first: dict[str, _Row] = {}
    for item in checked:
        if isinstance(item, _Row) and item.uuid not in first:
            first[item.uuid] = item
    inserted: set[str] = set()
    rows: list[dict[str, Any]] = []
    if first:
        rows = [{**row.values, "received_at": received} for row in first.values()]
        if connection.dialect.name == "postgresql":
            inserted = _insert_postgresql(connection, table, rows)
        else:
            # executemany + RETURNING: SQLAlchemy batches it into multi-row INSERTs with one
            # cached compiled statement; RETURNING yields only the rows really inserted.
            statement = (
                sqlite.insert(table)
                .on_conflict_do_nothing(index_elements=["uuid"])
                .returning(table.c.uuid)
            )
            inserted = set(connection.execute(statement, rows).scalars())
    stored_hash: dict[str, str] = {}
    others = [uuid for uuid in first if uuid not in inserted]
    if others:
        query = select(table.c.uuid, table.c.payload_sha256).where(table.c.uuid.in_(others))
        stored_hash = {row.uuid: row.payload_sha256 for row in connection.execute(query)}

    results: list[RecordResult] = []
    answered: set[str] = set()
    for item in checked:
        if isinstance(item, RecordResult):
            results.append(item)
            continue
        wanted = item.values["payload_sha256"]
        if item.uuid in inserted and item.uuid not in answered:
            status, detail = ResultStatus.STORED, "stored"
        else:
            have = first[item.uuid].values["payload_sha256"] if item.uuid in inserted else None
            have = have or stored_hash.get(item.uuid)
            if have == wanted:
                status, detail = ResultStatus.ALREADY_THERE, "identical record already stored"
            else:
                status, detail = ResultStatus.CONFLICT, "a different record has this uuid"
        answered.add(item.uuid)
        reason = RefusalReason.CONFLICT.value if status is ResultStatus.CONFLICT else None
        results.append(
            RecordResult(uuid=item.uuid, kind=kind, status=status, detail=detail, reason=reason)
        )
    return results, [row for row in rows if row["uuid"] in inserted]


def _own_sessions_only(
    connection: Connection, kiosk_id: str, checked: list[_Row | RecordResult]
) -> list[_Row | RecordResult]:
    """Refuse marks on a stored session of another kiosk (a kiosk marks only its own)."""
    wanted = sorted({item.values["session_uuid"] for item in checked if isinstance(item, _Row)})
    if not wanted:
        return checked
    s = db.sessions
    foreign = set(
        connection.execute(
            select(s.c.uuid).where(s.c.uuid.in_(wanted), s.c.kiosk_id != kiosk_id)
        ).scalars()
    )
    return [
        _reject(item.uuid, "outcome", "session_uuid: a session of another kiosk")
        if isinstance(item, _Row) and item.values["session_uuid"] in foreign
        else item
        for item in checked
    ]


def ingest(
    connection: Connection,
    kiosk_id: str,
    sessions: Sequence[Any],
    outcomes: Sequence[Any],
    clock: Clock = SYSTEM_CLOCK,
    help_point_id: str | None = None,
    content_reports: Sequence[Any] = (),
) -> list[RecordResult]:
    """Check and store one batch inside the caller's transaction; one result per record
    (sessions, then outcomes, then content reports).

    `help_point_id`: the token's kiosk's help point; a session naming another is refused.
    Refused records are counted per kiosk and reason for the fleet page (collector.fleet).
    """
    now = now_utc(clock)
    checked_sessions = [_check_session(raw, kiosk_id, help_point_id) for raw in sessions]
    checked_outcomes = [_check_outcome(raw, kiosk_id, now) for raw in outcomes]
    checked_reports = [
        _check_content_report(raw, kiosk_id, help_point_id) for raw in content_reports
    ]
    session_results, new_sessions = _store(
        connection, db.sessions, "session", checked_sessions, now
    )
    aggregates.sessions_added(connection, new_sessions)
    checked_outcomes = _own_sessions_only(connection, kiosk_id, checked_outcomes)
    outcome_results, new_marks = _store(connection, db.outcomes, "outcome", checked_outcomes, now)
    aggregates.marks_added(connection, kiosk_id, new_marks)
    results = session_results + outcome_results
    if checked_reports:
        report_results, _ = _store(
            connection, db.content_reports, "content-report", checked_reports, now
        )
        results += report_results
    note_refusals(connection, kiosk_id, results, now)
    return results
