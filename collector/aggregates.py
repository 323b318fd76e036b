"""Per-day counts behind the dashboard, kept up to date at ingest in the records' own transaction.

The dashboard once read every session of its 14-day window and grouped them in Python: 8-9 s
and 795 MB at 1.15 million sessions. It now reads three small tables instead:

- `daily_sessions`: sessions per Vietnam calendar day, help point, kiosk and procedure, with
  how many had a procedure and how many reached its last step;
- `daily_marks`: per day and help point, how many sessions have each outcome as their newest
  volunteer mark (the newest mark wins; a mark counts only on its own kiosk's session);
- `daily_end_reasons`: per day and help point, how many sessions ended each way (finished,
  idle, volunteer reset, home).

A session's day is the day of its start, unless the kiosk's clock was implausible: then the day
the collector received it (collector/session_time.py; `counted_at_sql` is the same rule in SQL).

Why at ingest and not a PostgreSQL materialised view refreshed on a schedule: the collector
also runs on SQLite (a single-machine trial), which has no materialised views; counts written in
the same transaction as the records are never stale and never disagree with what the kiosk was
told was stored; and the cost is a handful of upserts per 500-record batch. `rebuild` computes
the tables from the raw records (the Alembic migrations do the same for existing data;
`dvc-collector aggregates rebuild` repairs them by hand).

Concurrency: upserts add to a row, so concurrent batches never lose each other's counts; keys
are written in sorted order so two transactions lock rows in the same order (no deadlock). A
mark changes a count only under a row lock on its session (PostgreSQL `FOR UPDATE`; SQLite has
one writer at a time), so two batches marking one session agree on which mark was newest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from collector import db
from collector.session_time import AHEAD_SLACK, MAX_BACKLOG, PRODUCT_EPOCH, counted_time

VN_TZ = timezone(timedelta(hours=7), "ICT")
# Stored for a session without a procedure (a primary key column cannot be NULL).
NO_PROCEDURE = ""

_SessionKey = tuple[date, str, str, str]  # day, help point, kiosk, procedure
_MarkKey = tuple[date, str, str]  # day, help point, outcome
_EndKey = tuple[date, str, str]  # day, help point, end reason


def local_day(moment_utc_naive: datetime) -> date:
    """The calendar day in Ho Chi Minh City of a stored (naive UTC) time."""
    return moment_utc_naive.replace(tzinfo=UTC).astimezone(VN_TZ).date()


def session_day(started_at: datetime, received_at: datetime) -> date:
    """The Vietnam day a stored session counts on (receipt day when its clock was wrong)."""
    return local_day(counted_time(started_at, received_at))


def counted_at_sql(
    dialect_name: str, started: str = "started_at", received: str = "received_at"
) -> str:
    """session_time.counted_time as an SQL expression over two stored (naive UTC) columns."""
    minutes = int(AHEAD_SLACK.total_seconds() // 60)
    days = MAX_BACKLOG.days
    epoch = PRODUCT_EPOCH.strftime("%Y-%m-%d %H:%M:%S")
    if dialect_name == "postgresql":
        ahead = f"{received} + INTERVAL '{minutes} minutes'"
        backlog = f"{received} - INTERVAL '{days} days'"
        epoch = f"TIMESTAMP '{epoch}'"
    else:
        # Stored as 'YYYY-MM-DD HH:MM:SS.ffffff' text: shift the seconds part, keep the
        # fraction, so the comparison is as exact as Python's.
        fraction = f"substr({received}, 20)"
        ahead = f"strftime('%Y-%m-%d %H:%M:%S', {received}, '+{minutes} minutes') || {fraction}"
        backlog = f"strftime('%Y-%m-%d %H:%M:%S', {received}, '-{days} days') || {fraction}"
        epoch = f"'{epoch}'"
    return (
        f"(CASE WHEN {started} > {ahead} OR {started} < {epoch} OR {started} < {backlog} "
        f"THEN {received} ELSE {started} END)"
    )


def _upsert(connection: Connection, table: Any, rows: list[dict[str, Any]], add: list[str]) -> None:
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    keys = [column.name for column in table.primary_key.columns]
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: table.c[name] + statement.excluded[name] for name in add},
    )
    # Sorted, so concurrent transactions take the row locks in one order.
    rows.sort(key=lambda row: tuple(str(row[k]) for k in keys))
    connection.execute(statement, rows)


def _add_marks(connection: Connection, changes: Counter[_MarkKey]) -> None:
    rows = [
        {"day": day, "help_point_id": point, "outcome": outcome, "sessions": delta}
        for (day, point, outcome), delta in changes.items()
        if delta
    ]
    _upsert(connection, db.daily_marks, rows, ["sessions"])


def _newest(marks: Iterable[Any]) -> dict[str, tuple[datetime, str, str]]:
    """session uuid -> (marked_at, mark uuid, outcome) of its newest mark (ties by uuid)."""
    newest: dict[str, tuple[datetime, str, str]] = {}
    for mark in marks:
        key = (mark.marked_at, mark.uuid, mark.outcome)
        if mark.session_uuid not in newest or key > newest[mark.session_uuid]:
            newest[mark.session_uuid] = key
    return newest


def sessions_added(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Count newly stored session rows, and the marks that arrived before their session."""
    if not rows:
        return
    counts: Counter[_SessionKey] = Counter()
    with_procedure: Counter[_SessionKey] = Counter()
    completed: Counter[_SessionKey] = Counter()
    ends: Counter[_EndKey] = Counter()
    for row in rows:
        key = (
            session_day(row["started_at"], row["received_at"]),
            row["help_point_id"],
            row["kiosk_id"],
            row["procedure_id"] or NO_PROCEDURE,
        )
        counts[key] += 1
        ends[(key[0], key[1], row["end_reason"])] += 1
        if row["procedure_id"] is not None and row["step_count"] > 0:
            with_procedure[key] += 1
            if row["furthest_step"] >= row["step_count"]:
                completed[key] += 1
    _upsert(
        connection,
        db.daily_sessions,
        [
            {
                "day": day,
                "help_point_id": point,
                "kiosk_id": kiosk,
                "procedure_id": procedure,
                "sessions": count,
                "with_procedure": with_procedure[(day, point, kiosk, procedure)],
                "completed": completed[(day, point, kiosk, procedure)],
            }
            for (day, point, kiosk, procedure), count in counts.items()
        ],
        ["sessions", "with_procedure", "completed"],
    )
    _upsert(
        connection,
        db.daily_end_reasons,
        [
            {"day": day, "help_point_id": point, "end_reason": reason, "sessions": count}
            for (day, point, reason), count in ends.items()
        ],
        ["sessions"],
    )
    by_uuid = {row["uuid"]: row for row in rows}
    o = db.outcomes
    earlier = connection.execute(
        select(o.c.session_uuid, o.c.outcome, o.c.marked_at, o.c.uuid, o.c.kiosk_id).where(
            o.c.session_uuid.in_(sorted(by_uuid))
        )
    ).all()
    own = [mark for mark in earlier if mark.kiosk_id == by_uuid[mark.session_uuid]["kiosk_id"]]
    changes: Counter[_MarkKey] = Counter()
    for session_uuid, (_at, _uuid, outcome) in _newest(own).items():
        session = by_uuid[session_uuid]
        day = session_day(session["started_at"], session["received_at"])
        changes[(day, session["help_point_id"], outcome)] += 1
    _add_marks(connection, changes)


def marks_added(connection: Connection, kiosk_id: str, rows: Sequence[dict[str, Any]]) -> None:
    """Move the counts of sessions whose newest mark changed with these newly stored marks."""
    if not rows:
        return
    s, o = db.sessions, db.outcomes
    session_uuids = sorted({row["session_uuid"] for row in rows})
    query = (
        select(s.c.uuid, s.c.started_at, s.c.received_at, s.c.help_point_id)
        .where(s.c.uuid.in_(session_uuids), s.c.kiosk_id == kiosk_id)
        .order_by(s.c.uuid)
    )
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    sessions = {row.uuid: row for row in connection.execute(query)}
    if not sessions:
        return  # marks without a stored session count when their session arrives
    marks = connection.execute(
        select(o.c.session_uuid, o.c.outcome, o.c.marked_at, o.c.uuid).where(
            o.c.session_uuid.in_(sorted(sessions)), o.c.kiosk_id == kiosk_id
        )
    ).all()
    new_here = {row["uuid"] for row in rows}
    before = _newest(mark for mark in marks if mark.uuid not in new_here)
    after = _newest(marks)
    changes: Counter[_MarkKey] = Counter()
    for session_uuid, session in sessions.items():
        old, new = before.get(session_uuid), after.get(session_uuid)
        if new is None or (old is not None and old[2] == new[2]):
            continue
        day, point = session_day(session.started_at, session.received_at), session.help_point_id
        if old is not None:
            changes[(day, point, old[2])] -= 1
        changes[(day, point, new[2])] += 1
    _add_marks(connection, changes)


def rebuild(connection: Connection) -> None:
    """Recompute the aggregate tables from the raw sessions and outcomes (one transaction)."""
    connection.execute(delete(db.daily_sessions))
    connection.execute(delete(db.daily_marks))
    connection.execute(delete(db.daily_end_reasons))
    for statement in rebuild_statements(connection.dialect.name):
        connection.execute(text(statement))


def rebuild_statements(dialect_name: str) -> list[str]:
    """The SQL that fills empty aggregate tables from the records (the migration runs it too)."""

    def day(column: str) -> str:
        if dialect_name == "postgresql":
            return f"CAST({column} + INTERVAL '7 hours' AS DATE)"
        return f"date({column}, '+7 hours')"

    has_procedure = "procedure_id IS NOT NULL AND step_count > 0"
    counted = counted_at_sql(dialect_name)
    counted_s = counted_at_sql(dialect_name, "s.started_at", "s.received_at")
    return [
        f"""
        INSERT INTO daily_sessions
            (day, help_point_id, kiosk_id, procedure_id, sessions, with_procedure, completed)
        SELECT {day(counted)}, help_point_id, kiosk_id, COALESCE(procedure_id, ''),
               COUNT(*),
               SUM(CASE WHEN {has_procedure} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {has_procedure} AND furthest_step >= step_count THEN 1 ELSE 0 END)
        FROM sessions
        GROUP BY {day(counted)}, help_point_id, kiosk_id, COALESCE(procedure_id, '')
        """,
        f"""
        INSERT INTO daily_marks (day, help_point_id, outcome, sessions)
        SELECT {day("m.counted_at")}, m.help_point_id, m.outcome, COUNT(*)
        FROM (
            SELECT {counted_s} AS counted_at, s.help_point_id, o.outcome,
                   ROW_NUMBER() OVER (
                       PARTITION BY o.session_uuid ORDER BY o.marked_at DESC, o.uuid DESC
                   ) AS mark_rank
            FROM outcomes o
            JOIN sessions s ON s.uuid = o.session_uuid AND s.kiosk_id = o.kiosk_id
        ) m
        WHERE m.mark_rank = 1
        GROUP BY {day("m.counted_at")}, m.help_point_id, m.outcome
        """,
        f"""
        INSERT INTO daily_end_reasons (day, help_point_id, end_reason, sessions)
        SELECT {day(counted)}, help_point_id, end_reason, COUNT(*)
        FROM sessions
        GROUP BY {day(counted)}, help_point_id, end_reason
        """,
    ]


def window_counts(connection: Connection, first: date, last: date) -> dict[str, Any]:
    """Everything the dashboard needs about days `first`..`last` (Vietnam days), summed.

    The sums are done by the database: handing the window's rows to Python instead (one
    grouped scan, then summed here) made the page 4× slower at 1 M sessions in a run where
    main's code slowed only 1.5× from the load (bench/RESULTS.md)."""
    d = db.daily_sessions
    in_window = d.c.day.between(first, last)
    per_point_day = connection.execute(
        select(d.c.help_point_id, d.c.day, func.sum(d.c.sessions))
        .where(in_window)
        .group_by(d.c.help_point_id, d.c.day)
    ).all()
    procedures = connection.execute(
        select(d.c.procedure_id, func.sum(d.c.sessions).label("n"))
        .where(in_window)
        .group_by(d.c.procedure_id)
        .order_by(func.sum(d.c.sessions).desc(), d.c.procedure_id)
        .limit(10)
    ).all()
    totals = connection.execute(
        select(
            func.coalesce(func.sum(d.c.sessions), 0),
            func.coalesce(func.sum(d.c.with_procedure), 0),
            func.coalesce(func.sum(d.c.completed), 0),
        ).where(in_window)
    ).one()
    m = db.daily_marks
    marks = connection.execute(
        select(m.c.outcome, func.sum(m.c.sessions))
        .where(m.c.day.between(first, last))
        .group_by(m.c.outcome)
    ).all()
    e = db.daily_end_reasons
    ends = connection.execute(
        select(e.c.end_reason, func.sum(e.c.sessions))
        .where(e.c.day.between(first, last))
        .group_by(e.c.end_reason)
    ).all()
    return {
        "per_point_day": [(point, _as_date(day), int(n)) for point, day, n in per_point_day],
        "procedures": [(p or None, int(n)) for p, n in procedures],
        "sessions": int(totals[0]),
        "with_procedure": int(totals[1]),
        "completed": int(totals[2]),
        "marks": {outcome: int(n) for outcome, n in marks},
        "end_reasons": {reason: int(n) for reason, n in ends},
    }


def all_time_counts(connection: Connection) -> tuple[dict[str, int], dict[str, int]]:
    """Sessions ever, per help point and per kiosk."""
    d = db.daily_sessions
    per_point = connection.execute(
        select(d.c.help_point_id, func.sum(d.c.sessions)).group_by(d.c.help_point_id)
    ).all()
    per_kiosk = connection.execute(
        select(d.c.kiosk_id, func.sum(d.c.sessions)).group_by(d.c.kiosk_id)
    ).all()
    return (
        {point: int(n) for point, n in per_point},
        {kiosk: int(n) for kiosk, n in per_kiosk},
    )


def _as_date(value: Any) -> date:
    # SQLite hands back the ISO text of a date() expression's row as a date through the column
    # type; be tolerant of a plain string all the same.
    return value if isinstance(value, date) else date.fromisoformat(str(value))
