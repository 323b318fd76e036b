"""Sessions record the portal view's use: for which procedure, how long, last step reached.

Nullable columns: sessions stored before, and records from kiosks that predate the portal
view (which send none of the three fields), keep NULL.

Revision ID: 0005_portal_usage
Revises: 0004_daily_aggregates
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_portal_usage"
down_revision = "0004_daily_aggregates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("portal_procedure_id", sa.String(63), nullable=True))
        batch.add_column(sa.Column("portal_seconds", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("portal_last_step", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("portal_last_step")
        batch.drop_column("portal_seconds")
        batch.drop_column("portal_procedure_id")
