"""Alembic migrations for the journal, run in code by kiosk.journal.db.migrate (no ini file)."""
