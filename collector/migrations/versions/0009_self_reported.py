"""Outcomes say who reported them: NULL = a volunteer (every mark before, and every mark from
a kiosk that predates the field), 'resident' = the resident's own "Đã nộp hồ sơ" on the
finish page: self-reported, stored as such.

A nullable column: the marks stored before keep NULL and their payload hashes (a record
without `reported_by` hashes as it always did), so a kiosk re-sending one is "already there".

Revision ID: 0009_self_reported
Revises: 0008_machine_id
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_self_reported"
down_revision = "0008_machine_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outcomes") as batch:
        batch.add_column(sa.Column("reported_by", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outcomes") as batch:
        batch.drop_column("reported_by")
