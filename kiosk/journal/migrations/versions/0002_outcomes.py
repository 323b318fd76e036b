"""Volunteer outcomes, and an index so the sync worker finds the oldest outbox rows fast.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outcomes",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("session_uuid", sa.String(36), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("volunteer_code", sa.String(16), nullable=True),
        sa.Column("marked_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_outcomes"),
    )
    op.create_index("ix_outcomes_session_uuid", "outcomes", ["session_uuid"])
    op.create_index("ix_outbox_created_at", "outbox", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_created_at", table_name="outbox")
    op.drop_index("ix_outcomes_session_uuid", table_name="outcomes")
    op.drop_table("outcomes")
