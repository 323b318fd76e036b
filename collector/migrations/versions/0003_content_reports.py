"""Volunteers' content reports ("Báo nội dung sai"), listed per procedure and step.

Revision ID: 0003_content_reports
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_content_reports"
down_revision = "0002"
branch_labels = None
depends_on = None


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


def downgrade() -> None:
    op.drop_index("ix_content_reports_reported_at", table_name="content_reports")
    op.drop_table("content_reports")
