"""The portal view's use per session: for which procedure, for how long, last step reached.

Three nullable columns: rows written before (and sessions without the portal) keep NULL, so a
kiosk's existing journal upgrades with its unsynced rows and outbox untouched.

Revision ID: 0003_portal_usage
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_portal_usage"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("portal_procedure_id", sa.String(63), nullable=True))
        batch.add_column(sa.Column("portal_seconds", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("portal_last_step", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("portal_last_step")
        batch.drop_column("portal_seconds")
        batch.drop_column("portal_procedure_id")
