"""The journal's tables as typed SQLAlchemy models: ids, enums, numbers and times only.

There is deliberately no column that could hold free text (DESIGN.md, "anonymous by
construction"); every string column is an id, an enum value, a uuid, a time, or JSON built
from a validated `kiosk.protocol` record. These models describe the schema at the newest
migration; the migrations under `migrations/versions/` are what actually build it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, Integer, MetaData, String
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

UUID_LEN = 36
ID_LEN = 63
TIME_LEN = 32


class UtcTime(TypeDecorator[datetime]):
    """An aware datetime stored as fixed-width ISO 8601 UTC text, so text order is time order."""

    impl = String(TIME_LEN)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # A naive time would silently be read back as UTC; refuse it instead.
            raise ValueError("journal times must carry a UTC offset")
        return to_utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)


def to_utc_text(moment: datetime) -> str:
    """The protocol's time format: ISO 8601, UTC, seconds precision."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


class Base(DeclarativeBase):
    """The declarative base; constraint names are fixed so migrations can refer to them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class StoredSession(Base):
    """One finished session: exactly the fields of `kiosk.protocol.SessionRecord`."""

    __tablename__ = "sessions"

    uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(ID_LEN))
    help_point_id: Mapped[str] = mapped_column(String(ID_LEN))
    started_at: Mapped[datetime] = mapped_column(UtcTime(), index=True)
    ended_at: Mapped[datetime] = mapped_column(UtcTime())
    language: Mapped[str] = mapped_column(String(8))
    text_size: Mapped[str] = mapped_column(String(16))
    procedure_id: Mapped[str | None] = mapped_column(String(ID_LEN))
    furthest_step: Mapped[int] = mapped_column(Integer)
    step_count: Mapped[int] = mapped_column(Integer)
    # PracticeModule values joined by ","; each is checked against the enum before writing.
    practice_modules: Mapped[str] = mapped_column(String(255), default="")
    help_requests: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer)
    end_reason: Mapped[str] = mapped_column(String(32))
    catalog_version: Mapped[int] = mapped_column(Integer, default=0)
    schema: Mapped[int] = mapped_column(Integer)
    # The portal view (migration 0003): all NULL when it was not opened in the session.
    portal_procedure_id: Mapped[str | None] = mapped_column(String(ID_LEN))
    portal_seconds: Mapped[int | None] = mapped_column(Integer)
    portal_last_step: Mapped[int | None] = mapped_column(Integer)  # 1 = reached, 0 = not


class StoredEvent(Base):
    """One thing that happened during a session, kept locally (never synced)."""

    __tablename__ = "session_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_uuid: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcTime())
    value: Mapped[str | None] = mapped_column(String(ID_LEN))
    number: Mapped[int | None] = mapped_column(Integer)


class OutboxEntry(Base):
    """A record waiting for the collector's acknowledgement (transactional outbox, G5)."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("kind IN ('session', 'outcome', 'content-report')", name="kind"),
        CheckConstraint("state IN ('pending', 'dead')", name="state"),
        Index("ix_outbox_created_at", "created_at"),
    )

    uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error_code: Mapped[str | None] = mapped_column(String(ID_LEN))
    state: Mapped[str] = mapped_column(String(16), default="pending")


class StoredOutcome(Base):
    """A volunteer's mark on a session; the newest mark for a session wins."""

    __tablename__ = "outcomes"

    uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    session_uuid: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    volunteer_code: Mapped[str | None] = mapped_column(String(16))
    marked_at: Mapped[datetime] = mapped_column(UtcTime())
    # Migration 0005: a kiosk.protocol.MarkedBy value; NULL = a volunteer's mark.
    reported_by: Mapped[str | None] = mapped_column(String(16))


class StoredContentReport(Base):
    """A volunteer's "Báo nội dung sai": a procedure step and a reason from a fixed list."""

    __tablename__ = "content_reports"

    uuid: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    procedure_id: Mapped[str] = mapped_column(String(ID_LEN))
    step: Mapped[int] = mapped_column(Integer)  # 0 = the overview; else the step number
    reason: Mapped[str] = mapped_column(String(32))  # a kiosk.protocol.ContentProblem value
    catalog_version: Mapped[int] = mapped_column(Integer)
    reported_at: Mapped[datetime] = mapped_column(UtcTime())


class KvEntry(Base):
    """Small state the kiosk keeps across restarts (PIN lockout, sync state, catalog version)."""

    __tablename__ = "kv"

    key: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    value: Mapped[str] = mapped_column(String(512))
