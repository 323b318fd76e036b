"""Alembic environment: runs on the connection collector.db.migrate hands over (no ini file)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from collector.db import metadata

# Several uvicorn workers may start at once; on PostgreSQL one advisory lock makes them
# migrate one after another instead of racing to CREATE the same tables.
_LOCK_ID = 7_301_825_001


def run_migrations_online() -> None:
    """Migrate on the caller's connection, inside the caller's transaction."""
    connection = context.config.attributes["connection"]
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
