"""Fleet health: help points' opening hours, an index on sessions' receipt time, each kiosk's newest health report and a short
history of them, and the uploads refused per kiosk and reason.

Revision ID: 0003_fleet_health
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_fleet_health"
down_revision = "0002"
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


def downgrade() -> None:
    op.drop_table("upload_refusals")
    op.drop_table("kiosk_health_history")
    op.drop_table("kiosk_health")
    with op.batch_alter_table("help_points") as batch:
        batch.drop_column("opening_hours")
    op.drop_index("ix_sessions_received_at", table_name="sessions")
