"""Alembic migrations of the collector database (run by collector.db.migrate)."""
