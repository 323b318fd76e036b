"""Alembic's environment for the journal: always run in code, on a connection we hand over.

`kiosk.journal.db.migrate` opens a `BEGIN IMMEDIATE` transaction and passes its connection
in `config.attributes["connection"]`, so a whole upgrade commits as one or not at all.
"""

from __future__ import annotations

from alembic import context

from kiosk.journal.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run journal migrations through kiosk.journal.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite can only ALTER a little; batch mode rebuilds tables when a migration needs more.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
