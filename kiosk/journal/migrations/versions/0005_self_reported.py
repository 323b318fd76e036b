"""Outcomes say who reported them: NULL = a volunteer (every mark before), 'resident' = her
own "Đã nộp hồ sơ" on the finish page (self-reported, counted as such).

One nullable column: marks written before keep NULL, so a kiosk's journal upgrades with its
unsynced outcomes and outbox untouched.

Revision ID: 0005_self_reported
Revises: 0004_content_reports
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_self_reported"
down_revision = "0004_content_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outcomes") as batch:
        batch.add_column(sa.Column("reported_by", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outcomes") as batch:
        batch.drop_column("reported_by")
