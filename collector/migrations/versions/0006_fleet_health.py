"""Fleet health: help points' opening hours, an index on sessions' receipt time, each kiosk's
newest health report and a short history of them, and the uploads refused per kiosk and reason.

Sessions whose start time is implausible (a kiosk with a wrong clock) now count on the day the
collector received them (collector/session_time.py), in the per-day aggregates too: if any such
session is stored, both aggregate tables are filled again by that rule. The SQL is copied here,
as in 0004, so later changes to collector.aggregates cannot change what this migration did.

Revision ID: 0006_fleet_health
Revises: 0005_portal_usage
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_fleet_health"
down_revision = "0005_portal_usage"
branch_labels = None
depends_on = None


def _health_columns() -> list[sa.Column]:
    return [
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("catalog_version", sa.BigInteger(), nullable=False),
        sa.Column("disk_free_bytes", sa.BigInteger(), nullable=True),
        sa.Column("unsynced", sa.Integer(), nullable=False),
        sa.Column("parked", sa.Integer(), nullable=False),
        sa.Column("parked_by_reason", sa.Text(), nullable=False),
        sa.Column("restarts", sa.Integer(), nullable=False),
        sa.Column("crashes", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("clock_offset_seconds", sa.BigInteger(), nullable=True),
        sa.Column("uptime_seconds", sa.BigInteger(), nullable=True),
        sa.Column("screen_width", sa.Integer(), nullable=True),
        sa.Column("screen_height", sa.Integer(), nullable=True),
        sa.Column("kiosk_mode", sa.Boolean(), nullable=True),
        sa.Column("opening_hours", sa.Text(), nullable=False),
        sa.Column("configured_kiosk_id", sa.String(63), nullable=False),
        sa.Column("configured_help_point_id", sa.String(63), nullable=False),
    ]


def _counted_at(dialect_name: str, started: str, received: str) -> str:
    # collector.session_time's rule: 10 minutes ahead of receipt, before 2025, or 400 days late.
    if dialect_name == "postgresql":
        ahead = f"{received} + INTERVAL '10 minutes'"
        backlog = f"{received} - INTERVAL '400 days'"
        epoch = "TIMESTAMP '2025-01-01 00:00:00'"
    else:
        fraction = f"substr({received}, 20)"
        ahead = f"strftime('%Y-%m-%d %H:%M:%S', {received}, '+10 minutes') || {fraction}"
        backlog = f"strftime('%Y-%m-%d %H:%M:%S', {received}, '-400 days') || {fraction}"
        epoch = "'2025-01-01 00:00:00'"
    return (
        f"(CASE WHEN {started} > {ahead} OR {started} < {epoch} OR {started} < {backlog} "
        f"THEN {received} ELSE {started} END)"
    )


def _backfill(dialect_name: str) -> list[str]:
    def day(column: str) -> str:
        if dialect_name == "postgresql":
            return f"CAST({column} + INTERVAL '7 hours' AS DATE)"
        return f"date({column}, '+7 hours')"

    has_procedure = "procedure_id IS NOT NULL AND step_count > 0"
    counted = _counted_at(dialect_name, "started_at", "received_at")
    counted_s = _counted_at(dialect_name, "s.started_at", "s.received_at")
    return [
        "DELETE FROM daily_sessions",
        "DELETE FROM daily_marks",
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
    ]


def _recount_implausible_sessions() -> None:
    connection = op.get_bind()
    dialect = connection.dialect.name
    counted = _counted_at(dialect, "started_at", "received_at")
    wrong_clock = connection.execute(
        sa.text(f"SELECT 1 FROM sessions WHERE {counted} <> started_at LIMIT 1")
    ).first()
    if wrong_clock is None:
        return  # every stored session counts on its own start day already
    for statement in _backfill(dialect):
        op.execute(sa.text(statement))


def upgrade() -> None:
    op.create_index("ix_sessions_received_at", "sessions", ["received_at"])
    with op.batch_alter_table("help_points") as batch:
        batch.add_column(sa.Column("opening_hours", sa.Text(), nullable=True))
    op.create_table(
        "kiosk_health",
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("reports", sa.BigInteger(), nullable=False),
        *_health_columns(),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name="fk_kiosk_health_kiosk_id_kiosks"
        ),
        sa.PrimaryKeyConstraint("kiosk_id", name="pk_kiosk_health"),
    )
    op.create_table(
        "kiosk_health_history",
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        *_health_columns(),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name="fk_kiosk_health_history_kiosk_id_kiosks"
        ),
        sa.PrimaryKeyConstraint("kiosk_id", "slot", name="pk_kiosk_health_history"),
    )
    op.create_table(
        "upload_refusals",
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("first_at", sa.DateTime(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.Column("last_detail", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name="fk_upload_refusals_kiosk_id_kiosks"
        ),
        sa.PrimaryKeyConstraint("kiosk_id", "reason", name="pk_upload_refusals"),
    )
    _recount_implausible_sessions()


def downgrade() -> None:
    # The aggregates keep the receipt-time days: `dvc-collector aggregates rebuild` under the
    # older code counts by start time again.
    op.drop_table("upload_refusals")
    op.drop_table("kiosk_health_history")
    op.drop_table("kiosk_health")
    with op.batch_alter_table("help_points") as batch:
        batch.drop_column("opening_hours")
    op.drop_index("ix_sessions_received_at", table_name="sessions")
