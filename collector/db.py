"""Tables, engine and migrations of the collector: one schema for SQLite and PostgreSQL.

The table objects here are what queries use; `collector/migrations` creates them (a test
checks that the two never drift). Times are stored as naive UTC so both databases compare
and sort them the same way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
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
    make_url,
)
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# A SQLite database is made 0600 (its missing folders 0700): it holds the dashboard's
# cookie-signing secret and every password hash (issue #21 item 12). There is no default
# database: every command is given one (--database / DATABASE_URL, collector/cli.py).
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

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
    # JSON list of "sat 08:00-11:00" slots (the kiosk config's form); null = not registered.
    Column("opening_hours", Text(), nullable=True),
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
    # The portal view's use (migration 0005_portal_usage); NULL from kiosks that predate it.
    Column("portal_procedure_id", String(63), nullable=True),
    Column("portal_seconds", Integer(), nullable=True),
    Column("portal_last_step", Boolean(), nullable=True),
    Index("ix_sessions_started_at", "started_at"),
    Index("ix_sessions_kiosk_id", "kiosk_id"),
    Index("ix_sessions_received_at", "received_at"),  # the dashboard's receipt-time rule
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
    # Who said it (kiosk.protocol.MarkedBy, migration 0009_self_reported); NULL = a volunteer.
    Column("reported_by", String(16), nullable=True),
    Index("ix_outcomes_session_uuid", "session_uuid"),
)

# A volunteer's "Báo nội dung sai": which step of which procedure, why (a fixed list), and in
# which catalog version, so the district knows what to re-check (migration 0007_content_reports).
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

# Fleet health (collector/fleet_api.py): the newest report of each kiosk, a short bounded
# history of reports, and the records the upload refused per kiosk and reason.
_HEALTH_COLUMNS = (
    ("kind", String(16), False),
    ("app_version", String(32), False),
    ("catalog_version", BigInteger(), False),
    ("disk_free_bytes", BigInteger(), True),
    ("unsynced", Integer(), False),
    ("parked", Integer(), False),
    ("parked_by_reason", Text(), False),  # JSON object {reason id: count}
    ("restarts", Integer(), False),
    ("crashes", Integer(), False),
    ("errors", Integer(), False),
    ("clock_offset_seconds", BigInteger(), True),
    ("uptime_seconds", BigInteger(), True),
    ("screen_width", Integer(), True),
    ("screen_height", Integer(), True),
    ("kiosk_mode", Boolean(), True),
    ("opening_hours", Text(), False),  # JSON list, as the kiosk's config has them
    ("configured_kiosk_id", String(63), False),
    ("configured_help_point_id", String(63), False),
    ("machine_id", String(16), True),  # a hash of the PC's machine id; two mean two PCs
)

kiosk_health = Table(
    "kiosk_health",
    metadata,
    Column("kiosk_id", String(63), ForeignKey("kiosks.id"), primary_key=True),
    Column("received_at", DateTime(), nullable=False),
    Column("reports", BigInteger(), nullable=False),  # how many this kiosk sent: the history slot
    *(Column(name, kind, nullable=nullable) for name, kind, nullable in _HEALTH_COLUMNS),
)

# A ring per kiosk: report number n goes to slot n % HISTORY_PER_KIOSK, replacing the report
# that many before it, so the table is bounded without ever deleting.
kiosk_health_history = Table(
    "kiosk_health_history",
    metadata,
    Column("kiosk_id", String(63), ForeignKey("kiosks.id"), primary_key=True),
    Column("slot", Integer(), primary_key=True, autoincrement=False),
    Column("seq", BigInteger(), nullable=False),  # the report's number (order of the ring)
    Column("received_at", DateTime(), nullable=False),
    *(Column(name, kind, nullable=nullable) for name, kind, nullable in _HEALTH_COLUMNS),
)

upload_refusals = Table(
    "upload_refusals",
    metadata,
    Column("kiosk_id", String(63), ForeignKey("kiosks.id"), primary_key=True),
    Column("reason", String(32), primary_key=True),
    Column("count", BigInteger(), nullable=False),
    Column("first_at", DateTime(), nullable=False),
    Column("last_at", DateTime(), nullable=False),
    Column("last_detail", String(300), nullable=False),
)

# Server-wide settings shared by every worker process, e.g. the cookie-signing secret.
settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text(), nullable=False),
)


# Failed dashboard logins, counted per user name and per client address, shared by every worker
# (collector/throttle.py). `key` is a SHA-256, never the text typed into the form.
login_failures = Table(
    "login_failures",
    metadata,
    Column("scope", String(8), primary_key=True),  # "user", "address" or "pair"
    Column("key", String(64), primary_key=True),
    Column("failures", Integer(), nullable=False),
    Column("last_failed_at", DateTime(), nullable=False),
    Index("ix_login_failures_last_failed_at", "last_failed_at"),
)

# When each dashboard user's password last changed: cookies issued before it are refused.
password_changes = Table(
    "password_changes",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("changed_at", DateTime(), nullable=False),
)

# Per-day counts the dashboard reads instead of every session (collector/aggregates.py).
daily_sessions = Table(
    "daily_sessions",
    metadata,
    Column("day", Date(), primary_key=True),  # Ho Chi Minh City calendar day
    Column("help_point_id", String(63), primary_key=True),
    Column("kiosk_id", String(63), primary_key=True),
    Column("procedure_id", String(63), primary_key=True),  # "" = no procedure chosen
    Column("sessions", Integer(), nullable=False),
    Column("with_procedure", Integer(), nullable=False),
    Column("completed", Integer(), nullable=False),
)

daily_marks = Table(
    "daily_marks",
    metadata,
    Column("day", Date(), primary_key=True),
    Column("help_point_id", String(63), primary_key=True),
    Column("outcome", String(24), primary_key=True),
    Column("sessions", Integer(), nullable=False),  # sessions whose newest mark this is
)

# How sessions ended (kiosk.protocol.EndReason), per day and help point (migration
# 0007_content_reports).
daily_end_reasons = Table(
    "daily_end_reasons",
    metadata,
    Column("day", Date(), primary_key=True),
    Column("help_point_id", String(63), primary_key=True),
    Column("end_reason", String(20), primary_key=True),
    Column("sessions", Integer(), nullable=False),
)


def is_sqlite(engine: Engine) -> bool:
    """SQLite and PostgreSQL differ in a few SQL spellings; this picks the branch."""
    return engine.dialect.name == "sqlite"


def sqlite_file(database_url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL, memory or URI-style URLs)."""
    if not database_url.startswith("sqlite"):
        return None
    name = make_url(database_url).database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


def keep_private(path: Path) -> None:
    """Create the SQLite file 0600 (and its missing folders 0700) before SQLite does, or take
    group and other access away from one that exists; SQLite gives its -wal and -shm files
    the database file's mode. Nobody but the collector's account reads its secrets."""
    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR_MODE)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        return
    except FileExistsError:
        pass
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        _tighten(name, PRIVATE_FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            path.chmod(current & mode)
            log.warning("%s was readable by other accounts: now %o", path, current & mode)
    except FileNotFoundError:
        return
    except OSError as exc:  # not ours to change: say so, the owner can fix it
        log.warning("cannot make %s private: %s", path, exc)


def make_engine(database_url: str, pool_size: int = 10) -> Engine:
    """An engine tuned for many short concurrent transactions on either database."""
    if database_url.startswith("sqlite"):
        file = sqlite_file(database_url)
        if file is not None:
            keep_private(file)
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
