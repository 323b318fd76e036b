"""The anonymous session journal: SQLite tables, one writer thread, and the read side.

Importing this package is cheap on purpose: the CLI imports `kiosk.journal.commands` to build
its parser, so SQLAlchemy is only imported by the modules that need it (models, db, writer).
"""
