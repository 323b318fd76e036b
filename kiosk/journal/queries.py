"""The journal's read side: what the volunteer panel, IT's `status` and the sync worker see.

Reads run on their own connections (WAL lets them proceed while the writer commits) and return
plain frozen dataclasses, never ORM objects, so callers on any thread can keep them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from kiosk.journal.models import KvEntry, OutboxEntry, StoredOutcome, StoredSession
from kiosk.protocol import EndReason, SessionRecord

EXPORT_FORMAT = "dvc-kiosk-export"
EXPORT_VERSION = 1

KV_SYNC_SUCCESS_AT = "sync.last-success-at"
KV_SYNC_ERROR_CODE = "sync.last-error-code"
KV_SYNC_ERROR_AT = "sync.last-error-at"


@dataclass(frozen=True)
class TodayStats:
    """Today's work at this kiosk, for the volunteer panel and IT's status."""

    day: date
    sessions: int = 0
    per_procedure: dict[str | None, int] = field(default_factory=dict)  # None: none chosen
    finished: int = 0
    abandoned: int = 0  # idle + volunteer-reset + home
    idle: int = 0
    volunteer_reset: int = 0
    went_home: int = 0  # the resident pressed 'Quay lại' back to the home screen
    help_requests: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # newest mark per session


@dataclass(frozen=True)
class SessionRow:
    """One stored session as the volunteer panel shows it, with its current outcome."""

    uuid: str
    started_at: datetime
    ended_at: datetime
    language: str
    procedure_id: str | None
    furthest_step: int
    step_count: int
    help_requests: int
    rating: int | None
    end_reason: str
    outcome: str | None  # the newest volunteer mark, or None
    synced: bool  # False while its outbox entry waits for the collector
    outcome_reported_by: str | None = None  # that mark's MarkedBy ('resident'); None = volunteer


@dataclass(frozen=True)
class OutboxItem:
    """One record for the sync worker: build the upload from `payload`, clear by `uuid`."""

    uuid: str
    kind: str  # "session" | "outcome" | "content-report"
    payload: dict[str, Any]
    attempts: int
    size: int  # bytes of the compact JSON payload


@dataclass(frozen=True)
class SyncState:
    """The last sync outcome kept in kv, for the panel and `status`."""

    last_success_at: datetime | None
    last_error_code: str | None
    last_error_at: datetime | None

    @property
    def failing(self) -> bool:
        """Whether the newest thing that happened was an error."""
        if self.last_error_at is None:
            return False
        return self.last_success_at is None or self.last_error_at > self.last_success_at


def session_to_record(row: StoredSession) -> SessionRecord:
    """The protocol record a stored session stands for."""
    return SessionRecord(
        uuid=row.uuid,
        kiosk_id=row.kiosk_id,
        help_point_id=row.help_point_id,
        started_at=row.started_at.isoformat(),
        ended_at=row.ended_at.isoformat(),
        language=row.language,
        text_size=row.text_size,
        procedure_id=row.procedure_id,
        furthest_step=row.furthest_step,
        step_count=row.step_count,
        practice_modules=tuple(m for m in row.practice_modules.split(",") if m),
        help_requests=row.help_requests,
        rating=row.rating,
        end_reason=row.end_reason,
        catalog_version=row.catalog_version,
        schema=row.schema,
    )


def compact_size(payload: dict[str, Any]) -> int:
    """Bytes of the payload as compact JSON (what the batch limit counts)."""
    return len(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())


def newest_outcomes(session: Session, session_uuids: list[str] | None = None) -> dict[str, str]:
    """The newest outcome per session uuid (later marked_at wins; ties go to the later row)."""
    query = select(StoredOutcome.session_uuid, StoredOutcome.outcome).order_by(
        StoredOutcome.marked_at, literal_column("outcomes.rowid")
    )
    if session_uuids is not None:
        query = query.where(StoredOutcome.session_uuid.in_(session_uuids))
    return {uuid: outcome for uuid, outcome in session.execute(query)}


def today_stats(session: Session, now: datetime) -> TodayStats:
    """Sessions that started on `now`'s local calendar day (`now` must carry its offset)."""
    if now.tzinfo is None:
        raise ValueError("now must carry a UTC offset (the help point's local time)")
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)
    rows = session.execute(
        select(
            StoredSession.uuid,
            StoredSession.procedure_id,
            StoredSession.end_reason,
            StoredSession.help_requests,
        ).where(StoredSession.started_at >= start, StoredSession.started_at < end)
    ).all()
    reasons = Counter(r.end_reason for r in rows)
    outcomes = newest_outcomes(session, [r.uuid for r in rows]) if rows else {}
    return TodayStats(
        day=start.date(),
        sessions=len(rows),
        per_procedure=dict(Counter(r.procedure_id for r in rows)),
        finished=reasons[EndReason.FINISHED.value],
        abandoned=reasons[EndReason.IDLE.value]
        + reasons[EndReason.VOLUNTEER_RESET.value]
        + reasons[EndReason.HOME.value],
        idle=reasons[EndReason.IDLE.value],
        volunteer_reset=reasons[EndReason.VOLUNTEER_RESET.value],
        went_home=reasons[EndReason.HOME.value],
        help_requests=sum(r.help_requests for r in rows),
        outcomes=dict(Counter(outcomes.values())),
    )


def last_session(session: Session) -> SessionRow | None:
    """The session that ended last, or None on a fresh kiosk."""
    row = session.scalars(
        select(StoredSession)
        .order_by(StoredSession.ended_at.desc(), literal_column("sessions.rowid").desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    newest = session.execute(
        select(StoredOutcome.outcome, StoredOutcome.reported_by)
        .where(StoredOutcome.session_uuid == row.uuid)
        .order_by(StoredOutcome.marked_at.desc(), literal_column("outcomes.rowid").desc())
        .limit(1)
    ).first()
    outcome, reported_by = (newest[0], newest[1]) if newest is not None else (None, None)
    waiting = session.scalar(select(func.count()).where(OutboxEntry.uuid == row.uuid))
    return SessionRow(
        uuid=row.uuid,
        started_at=row.started_at,
        ended_at=row.ended_at,
        language=row.language,
        procedure_id=row.procedure_id,
        furthest_step=row.furthest_step,
        step_count=row.step_count,
        help_requests=row.help_requests,
        rating=row.rating,
        end_reason=row.end_reason,
        outcome=outcome,
        synced=not waiting,
        outcome_reported_by=reported_by,
    )


def count_outbox(session: Session, state: str) -> int:
    """How many outbox entries are in `state` ('pending' or 'dead')."""
    return session.scalar(select(func.count()).where(OutboxEntry.state == state)) or 0


def pending_outbox(session: Session, limit: int, max_bytes: int) -> list[OutboxItem]:
    """The oldest pending records, at most `limit` of them and `max_bytes` of payload.

    The first record is always included, even alone over `max_bytes`, so one oversized record
    cannot stall the queue unseen: the collector answers 413 and the worker marks it dead.
    """
    rows = session.execute(
        select(OutboxEntry.uuid, OutboxEntry.kind, OutboxEntry.payload, OutboxEntry.attempts)
        .where(OutboxEntry.state == "pending")
        .order_by(OutboxEntry.created_at, literal_column("outbox.rowid"))
        .limit(limit)
    ).all()
    items: list[OutboxItem] = []
    total = 0
    for row in rows:
        size = compact_size(row.payload)
        if items and total + size > max_bytes:
            break
        total += size
        items.append(OutboxItem(row.uuid, row.kind, row.payload, row.attempts, size))
    return items


def export_unsynced(session: Session, kiosk_id: str, help_point_id: str) -> dict[str, Any]:
    """Every pending record in the USB export format that `dvc-collector import` reads."""
    rows = session.execute(
        select(OutboxEntry.kind, OutboxEntry.payload)
        .where(OutboxEntry.state == "pending")
        .order_by(OutboxEntry.created_at, literal_column("outbox.rowid"))
    ).all()
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "kiosk_id": kiosk_id,
        "help_point_id": help_point_id,
        "sessions": [r.payload for r in rows if r.kind == "session"],
        "outcomes": [r.payload for r in rows if r.kind == "outcome"],
    }
    reports = [r.payload for r in rows if r.kind == "content-report"]
    if reports:  # only then: a collector from before content reports still imports the file
        document["content_reports"] = reports
    return document


def kv_get(session: Session, key: str) -> str | None:
    """One kv value, or None."""
    return session.scalar(select(KvEntry.value).where(KvEntry.key == key))


def sync_state(session: Session) -> SyncState:
    """The last sync success and error kept in kv."""
    keys = [KV_SYNC_SUCCESS_AT, KV_SYNC_ERROR_CODE, KV_SYNC_ERROR_AT]
    values: dict[str, str] = {
        key: value
        for key, value in session.execute(
            select(KvEntry.key, KvEntry.value).where(KvEntry.key.in_(keys))
        )
    }

    def moment(key: str) -> datetime | None:
        text = values.get(key)
        return datetime.fromisoformat(text) if text else None

    return SyncState(
        last_success_at=moment(KV_SYNC_SUCCESS_AT),
        last_error_code=values.get(KV_SYNC_ERROR_CODE),
        last_error_at=moment(KV_SYNC_ERROR_AT),
    )
