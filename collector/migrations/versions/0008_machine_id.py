"""Heartbeats carry a hash of the PC's machine id, so two PCs on one token raise an alarm
(issue #21 item 13). Nullable: kiosks from before it send none.

Revision ID: 0008_machine_id
Revises: 0007_content_reports
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_machine_id"
down_revision = "0007_content_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable column to the newest report and to the history ring."""
    for table in ("kiosk_health", "kiosk_health_history"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("machine_id", sa.String(16), nullable=True))


def downgrade() -> None:
    """Drop it again."""
    for table in ("kiosk_health", "kiosk_health_history"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("machine_id")
