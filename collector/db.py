"""Tables, engine and migrations of the collector: one schema for SQLite and PostgreSQL.

The table objects here are what queries use; `collector/migrations` creates them (a test
checks that the two never drift). Times are stored as naive UTC so both databases compare
and sort them the same way.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DEFAULT_DATABASE_URL = "sqlite:///dvc-collector.db"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

help_points = Table(
    "help_points",
    metadata,
    Column("id", String(63), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("ward", String(120), nullable=False),
    Column("created_at", DateTime(), nullable=False),
)

kiosks = Table(
    "kiosks",
    metadata,
    Column("id", String(63), primary_key=True),
    Column("help_point_id", String(63), ForeignKey("help_points.id"), nullable=False),
    Column("name", String(200), nullable=False),
    # SHA-256 hex of the bearer token: the token itself is shown once and never stored (G15).
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(), nullable=False),
    Column("revoked_at", DateTime(), nullable=True),
    Column("last_seen_at", DateTime(), nullable=True),
)

# The primary key on uuid is the UNIQUE(uuid) that makes concurrent re-sends collapse into one
# row (G17); payload_sha256 tells an identical re-send from a conflicting one.
sessions = Table(
    "sessions",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("kiosk_id", String(63), ForeignKey("kiosks.id"), nullable=False),
    # Not a foreign key: a kiosk may report a help point the district has not registered yet,
    # and that must never turn into a lost record.
    Column("help_point_id", String(63), nullable=False),
    Column("started_at", DateTime(), nullable=False),
    Column("ended_at", DateTime(), nullable=False),
    Column("language", String(8), nullable=False),
    Column("text_size", String(8), nullable=False),
    Column("procedure_id", String(63), nullable=True),
    Column("furthest_step", Integer(), nullable=False),
    Column("step_count", Integer(), nullable=False),
    Column("practice_modules", String(300), nullable=False),  # comma-separated enum values
    Column("help_requests", Integer(), nullable=False),
    Column("rating", Integer(), nullable=True),
    Column("end_reason", String(20), nullable=False),
    Column("catalog_version", BigInteger(), nullable=False),
    Column("schema", Integer(), nullable=False),
    Column("payload_sha256", String(64), nullable=False),
    Column("received_at", DateTime(), nullable=False),
    Index("ix_sessions_started_at", "started_at"),
    Index("ix_sessions_kiosk_id", "kiosk_id"),
)

outcomes = Table(
    "outcomes",
    metadata,
    Column("uuid", String(36), primary_key=True),
    # Not a foreign key: an outcome may arrive before (or without) its session.
    Column("session_uuid", String(36), nullable=False),
    Column("kiosk_id", String(63), ForeignKey("kiosks.id"), nullable=False),
    Column("outcome", String(24), nullable=False),
    Column("marked_at", DateTime(), nullable=False),
    Column("volunteer_code", String(8), nullable=True),
    Column("schema", Integer(), nullable=False),
    Column("payload_sha256", String(64), nullable=False),
    Column("received_at", DateTime(), nullable=False),
    Index("ix_outcomes_session_uuid", "session_uuid"),
)

# A volunteer's "Báo nội dung sai": which step of which procedure, why (a fixed list), and in
# which catalog version, so the district knows what to re-check.
content_reports = Table(
    "content_reports",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("kiosk_id", String(63), ForeignKey("kiosks.id"), nullable=False),
    Column("procedure_id", String(63), nullable=False),
    Column("step", Integer(), nullable=False),  # 0 = the overview; else the step number
    Column("reason", String(32), nullable=False),
    Column("catalog_version", BigInteger(), nullable=False),
    Column("reported_at", DateTime(), nullable=False),
    Column("schema", Integer(), nullable=False),
    Column("payload_sha256", String(64), nullable=False),
    Column("received_at", DateTime(), nullable=False),
    Index("ix_content_reports_reported_at", "reported_at"),
)

catalog_releases = Table(
    "catalog_releases",
    metadata,
    Column("version", BigInteger(), primary_key=True, autoincrement=False),
    Column("manifest_json", Text(), nullable=False),  # canonical bytes, exactly as signed
    Column("signature", String(100), nullable=False),
    Column("key_id", String(16), nullable=False),
    Column("published_at", DateTime(), nullable=False),
)

catalog_files = Table(
    "catalog_files",
    metadata,
    Column("version", BigInteger(), ForeignKey("catalog_releases.version"), primary_key=True),
    Column("name", String(800), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer(), nullable=False),
    Column("data", LargeBinary(), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(300), nullable=False),
    Column("created_at", DateTime(), nullable=False),
)

# Dashboard sessions ended by "Đăng xuất" before their cookie expired: a copied cookie must
# not outlive the logout. Rows are removed once the cookie would have expired anyway.
ended_sessions = Table(
    "ended_sessions",
    metadata,
    Column("nonce", String(32), primary_key=True),
    Column("expires_at", DateTime(), nullable=False),
)

# Server-wide settings shared by every worker process, e.g. the cookie-signing secret.
settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text(), nullable=False),
)


def is_sqlite(engine: Engine) -> bool:
    """SQLite and PostgreSQL differ in a few SQL spellings; this picks the branch."""
    return engine.dialect.name == "sqlite"


def make_engine(database_url: str, pool_size: int = 10) -> Engine:
    """An engine tuned for many short concurrent transactions on either database."""
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url, connect_args={"timeout": 30, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        database_url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the dashboard read while kiosks write; the busy timeout makes concurrent writers
    # queue instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config() -> Config:
    """Alembic settings that work from any working directory (script_location = package path)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema; safe to call on every start."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
