"""`dvc-kiosk sync`: one sync round from the command line, for IT and for tests.

Uploads everything pending and checks for a newer catalog, then says in plain words what
happened. Exit 0: the collector answered; 1: it could not be reached (the records stay queued);
2: the config is wrong (file and key named). Never imports Qt; httpx and SQLAlchemy are
imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys

EXIT_OK = 0
EXIT_UNREACHABLE = 1
EXIT_CONFIG = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sync` subcommand."""
    sync = subparsers.add_parser(
        "sync", help="send the records waiting here and check for a catalog update, once"
    )
    sync.set_defaults(func=run_sync)


def run_sync(args: argparse.Namespace) -> int:
    """One round against the configured collector."""
    from kiosk.config import ConfigError, load_config
    from kiosk.paths import app_dirs

    dirs = app_dirs()
    try:
        config = load_config(dirs)
    except ConfigError as exc:
        print(
            f"Config error in {exc.file}, key {exc.key}: {exc.message}\n"
            f"Lỗi cấu hình trong {exc.file}, mục {exc.key}: {exc.message}",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if config.sync is None:
        where = config.source if config.source else "(no config file: demo kiosk)"
        print(
            f"Config error in {where}, key [sync]: section missing, so this kiosk has no "
            "collector to send to. Records stay here; use `dvc-kiosk export` for a USB copy.",
            file=sys.stderr,
        )
        return EXIT_CONFIG

    from kiosk.journal.db import JournalError, open_journal
    from kiosk.sync.catalog_store import CatalogStore
    from kiosk.sync.worker import SyncWorker

    dirs.ensure()
    try:
        journal = open_journal(dirs.database)
    except JournalError as exc:
        print(f"Journal error: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    try:
        worker = SyncWorker(journal, config.sync, CatalogStore(dirs.data / "catalog"))
        report = worker.run_round()
        waiting = journal.unsynced_count()
        parked = journal.dead_count()
    finally:
        journal.close()

    print(f"Collector: {config.sync.server}")
    print(
        f"Sent {report.sent} records; {report.acknowledged} acknowledged, "
        f"{report.dead} refused by the collector (kept here). "
        f"Still waiting: {waiting}; refused in total: {parked}."
    )
    if report.upload_error is not None:
        print(
            f"Could not reach the collector properly ({report.upload_error}). "
            "Nothing is lost: the records stay queued and are sent on the next try. "
            "(Codes: docs/it-guide.md.)"
        )
        return EXIT_UNREACHABLE
    print("Catalog: " + _catalog_line(report))
    if report.catalog == "error":
        return EXIT_UNREACHABLE
    return EXIT_OK


def _catalog_line(report: object) -> str:
    catalog = getattr(report, "catalog", "")
    version = getattr(report, "catalog_version", None)
    error = getattr(report, "catalog_error", None)
    lines = {
        "installed": f"release {version} verified and installed; shown at the next home screen",
        "up-to-date": f"up to date (release {version})",
        "none-published": "the collector has not published a catalog yet",
        "not-pinned": "no catalog_public_key in [sync], so updates are not checked",
        "refused": f"update refused ({error}); the current catalog stays",
        "error": f"could not download the update ({error}); trying again later",
        "skipped": "not checked",
    }
    return lines.get(str(catalog), str(catalog))
