"""The first journal schema: sessions, their events, the outbox and kv.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("help_point_id", sa.String(63), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("ended_at", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text_size", sa.String(16), nullable=False),
        sa.Column("procedure_id", sa.String(63), nullable=True),
        sa.Column("furthest_step", sa.Integer(), nullable=False),
        sa.Column("step_count", sa.Integer(), nullable=False),
        sa.Column("practice_modules", sa.String(255), nullable=False),
        sa.Column("help_requests", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("end_reason", sa.String(32), nullable=False),
        sa.Column("catalog_version", sa.Integer(), nullable=False),
        sa.Column("schema", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_sessions"),
    )
    op.create_index("ix_sessions_started_at", "sessions", ["started_at"])
    op.create_table(
        "session_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_uuid", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("value", sa.String(63), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_session_events"),
    )
    op.create_index("ix_session_events_session_uuid", "session_events", ["session_uuid"])
    op.create_table(
        "outbox",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error_code", sa.String(63), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.CheckConstraint("kind IN ('session', 'outcome')", name="ck_outbox_kind"),
        sa.CheckConstraint("state IN ('pending', 'dead')", name="ck_outbox_state"),
        sa.PrimaryKeyConstraint("uuid", name="pk_outbox"),
    )
    op.create_table(
        "kv",
        sa.Column("key", sa.String(63), nullable=False),
        sa.Column("value", sa.String(512), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_kv"),
    )


def downgrade() -> None:
    op.drop_table("kv")
    op.drop_table("outbox")
    op.drop_index("ix_session_events_session_uuid", table_name="session_events")
    op.drop_table("session_events")
    op.drop_index("ix_sessions_started_at", table_name="sessions")
    op.drop_table("sessions")
