"""Initial schema: help points, kiosks, sessions, outcomes, catalog releases, users, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
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
        "help_points",
        sa.Column("id", sa.String(63), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("ward", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_help_points"),
    )
    op.create_table(
        "kiosks",
        sa.Column("id", sa.String(63), nullable=False),
        sa.Column("help_point_id", sa.String(63), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["help_point_id"], ["help_points.id"], name="fk_kiosks_help_point_id_help_points"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_kiosks"),
        sa.UniqueConstraint("token_sha256", name="uq_kiosks_token_sha256"),
    )
    op.create_table(
        "sessions",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("help_point_id", sa.String(63), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text_size", sa.String(8), nullable=False),
        sa.Column("procedure_id", sa.String(63), nullable=True),
        sa.Column("furthest_step", sa.Integer(), nullable=False),
        sa.Column("step_count", sa.Integer(), nullable=False),
        sa.Column("practice_modules", sa.String(300), nullable=False),
        sa.Column("help_requests", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("end_reason", sa.String(20), nullable=False),
        sa.Column("catalog_version", sa.BigInteger(), nullable=False),
        sa.Column("schema", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosks.id"], name="fk_sessions_kiosk_id_kiosks"),
        sa.PrimaryKeyConstraint("uuid", name="pk_sessions"),
    )
    op.create_index("ix_sessions_started_at", "sessions", ["started_at"])
    op.create_index("ix_sessions_kiosk_id", "sessions", ["kiosk_id"])
    op.create_table(
        "outcomes",
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("session_uuid", sa.String(36), nullable=False),
        sa.Column("kiosk_id", sa.String(63), nullable=False),
        sa.Column("outcome", sa.String(24), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("volunteer_code", sa.String(8), nullable=True),
        sa.Column("schema", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["kiosk_id"], ["kiosks.id"], name="fk_outcomes_kiosk_id_kiosks"),
        sa.PrimaryKeyConstraint("uuid", name="pk_outcomes"),
    )
    op.create_index("ix_outcomes_session_uuid", "outcomes", ["session_uuid"])
    op.create_table(
        "catalog_releases",
        sa.Column("version", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("manifest_json", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(100), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_catalog_releases"),
    )
    op.create_table(
        "catalog_files",
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(800), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version"],
            ["catalog_releases.version"],
            name="fk_catalog_files_version_catalog_releases",
        ),
        sa.PrimaryKeyConstraint("version", "name", name="pk_catalog_files"),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username", name="pk_users"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )


def downgrade() -> None:
    for table in [
        "settings",
        "users",
        "catalog_files",
        "catalog_releases",
        "outcomes",
        "sessions",
        "kiosks",
        "help_points",
    ]:
        op.drop_table(table)
