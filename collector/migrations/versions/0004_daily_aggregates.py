"""Per-day aggregates for the dashboard, filled from the sessions and outcomes already stored.

The backfill is the same SQL as `collector.aggregates.rebuild_statements` at the time of
writing, copied here so that later changes to the code cannot change what this migration did.

Revision ID: 0004_daily_aggregates
Revises: 0003_login_throttle
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_daily_aggregates"
down_revision = "0003_login_throttle"
branch_labels = None
depends_on = None


def _backfill(dialect_name: str) -> list[str]:
    def day(column: str) -> str:
        if dialect_name == "postgresql":
            return f"CAST({column} + INTERVAL '7 hours' AS DATE)"
        return f"date({column}, '+7 hours')"

    has_procedure = "procedure_id IS NOT NULL AND step_count > 0"
    return [
        f"""
        INSERT INTO daily_sessions
            (day, help_point_id, kiosk_id, procedure_id, sessions, with_procedure, completed)
        SELECT {day("started_at")}, help_point_id, kiosk_id, COALESCE(procedure_id, ''),
               COUNT(*),
               SUM(CASE WHEN {has_procedure} THEN 1 ELSE 0 END),
               SUM(CASE WHEN {has_procedure} AND furthest_step >= step_count THEN 1 ELSE 0 END)
        FROM sessions
        GROUP BY {day("started_at")}, help_point_id, kiosk_id, COALESCE(procedure_id, '')
        """,
        f"""
        INSERT INTO daily_marks (day, help_point_id, outcome, sessions)
        SELECT {day("m.started_at")}, m.help_point_id, m.outcome, COUNT(*)
        FROM (
            SELECT s.started_at, s.help_point_id, o.outcome,
                   ROW_NUMBER() OVER (
                       PARTITION BY o.session_uuid ORDER BY o.marked_at DESC, o.uuid DESC
                   ) AS mark_rank
            FROM outcomes o
            JOIN sessions s ON s.uuid = o.session_uuid AND s.kiosk_id = o.kiosk_id
        ) m
        WHERE m.mark_rank = 1
        GROUP BY {day("m.started_at")}, m.help_point_id, m.outcome
        """,
    ]


def upgrade() -> None:
    op.create_table(
        "daily_sessions",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("help_point_id", sa.String(63), nullable=False),
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("procedure_id", sa.String(63), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("with_procedure", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "help_point_id", "kiosk_id", "procedure_id", name="pk_daily_sessions"
        ),
    )
    op.create_table(
        "daily_marks",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("help_point_id", sa.String(63), nullable=False),
        sa.Column("outcome", sa.String(24), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "help_point_id", "outcome", name="pk_daily_marks"),
    )
    dialect = op.get_bind().dialect.name
    for statement in _backfill(dialect):
        op.execute(sa.text(statement))
    if dialect == "postgresql":
        # Fresh statistics, so the planner reads a 14-day window through the primary key at
        # once rather than after autovacuum gets round to it.
        op.execute(sa.text("ANALYZE daily_sessions"))
        op.execute(sa.text("ANALYZE daily_marks"))


def downgrade() -> None:
    op.drop_table("daily_marks")
    op.drop_table("daily_sessions")
