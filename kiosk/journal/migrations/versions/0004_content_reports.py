"""Volunteers' "Báo nội dung sai" reports, and the outbox taking them ('content-report').

Revision ID: 0004_content_reports
Revises: 0003_portal_usage
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_content_reports"
down_revision = "0003_portal_usage"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('session', 'outcome')"
NEW_KINDS = "kind IN ('session', 'outcome', 'content-report')"


def upgrade() -> None:
    op.create_table(
        "content_reports",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("procedure_id", sa.String(63), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("catalog_version", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_content_reports"),
    )
    # SQLite cannot alter a CHECK constraint: batch mode copies the outbox (unsynced rows and
    # all) into a new table with the wider constraint, inside the upgrade's one transaction.
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.drop_constraint("ck_outbox_kind", type_="check")
        batch.create_check_constraint("ck_outbox_kind", NEW_KINDS)


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE kind = 'content-report'")
    with op.batch_alter_table("outbox", recreate="always") as batch:
        batch.drop_constraint("ck_outbox_kind", type_="check")
        batch.create_check_constraint("ck_outbox_kind", OLD_KINDS)
    op.drop_table("content_reports")
