"""Volunteers' content reports ("Báo nội dung sai"), listed per procedure and step; and how
sessions ended, counted per day like the other dashboard aggregates.

`daily_end_reasons` is filled from the sessions already stored, by the receipt-time rule of
0006 (collector/session_time.py). The SQL is copied here, as in 0004 and 0006, so later changes
to collector.aggregates cannot change what this migration did.

Revision ID: 0007_content_reports
Revises: 0006_fleet_health
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_content_reports"
down_revision = "0006_fleet_health"
branch_labels = None
depends_on = None


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


def _backfill(dialect_name: str) -> str:
    counted = _counted_at(dialect_name, "started_at", "received_at")
    if dialect_name == "postgresql":
        day = f"CAST({counted} + INTERVAL '7 hours' AS DATE)"
    else:
        day = f"date({counted}, '+7 hours')"
    return f"""
        INSERT INTO daily_end_reasons (day, help_point_id, end_reason, sessions)
        SELECT {day}, help_point_id, end_reason, COUNT(*)
        FROM sessions
        GROUP BY {day}, help_point_id, end_reason
        """


def upgrade() -> None:
    op.create_table(
        "content_reports",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("procedure_id", sa.String(63), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("catalog_version", sa.BigInteger(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("schema", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kiosk_id"], ["kiosks.id"], name="fk_content_reports_kiosk_id_kiosks"
        ),
        sa.PrimaryKeyConstraint("uuid", name="pk_content_reports"),
    )
    op.create_index("ix_content_reports_reported_at", "content_reports", ["reported_at"])
    op.create_table(
        "daily_end_reasons",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("help_point_id", sa.String(63), nullable=False),
        sa.Column("end_reason", sa.String(20), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "help_point_id", "end_reason", name="pk_daily_end_reasons"),
    )
    dialect = op.get_bind().dialect.name
    op.execute(sa.text(_backfill(dialect)))
    if dialect == "postgresql":
        op.execute(sa.text("ANALYZE daily_end_reasons"))


def downgrade() -> None:
    op.drop_table("daily_end_reasons")
    op.drop_index("ix_content_reports_reported_at", table_name="content_reports")
    op.drop_table("content_reports")
