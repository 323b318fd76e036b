"""`dvc-kiosk status` and `dvc-kiosk export`: the journal seen from IT's side.

`status` prints one JSON object for IT (and for support over the phone) and nothing else on
the terminal, also when the journal cannot be opened (then with its error, exit 1); `export`
writes the unsynced records to a file for a kiosk that is never online, which
`dvc-collector import` reads (format in docs/journal.md). Both import SQLAlchemy only when they
run, and neither closes sessions left open: the kiosk itself may be running and own an open
session.
A broken config prints its file and key and exits 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.clock import SYSTEM_CLOCK, Clock

EXIT_CONFIG = 2
EXIT_JOURNAL = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `status` and `export` subcommands."""
    status = subparsers.add_parser("status", help="show this kiosk's state as JSON (for IT)")
    status.set_defaults(func=run_status)
    export = subparsers.add_parser(
        "export", help="write the records not yet synced to a file (for USB transfer)"
    )
    export.add_argument("--out", required=True, type=Path, help="the JSON file to write")
    export.set_defaults(func=run_export)


def _config() -> Any:
    """(dirs, config) or None after printing the config error."""
    from kiosk.config import ConfigError, load_config
    from kiosk.paths import app_dirs

    dirs = app_dirs()
    try:
        return dirs, load_config(dirs)
    except ConfigError as exc:
        print(
            f"Config error in {exc.file}, key {exc.key}: {exc.message}\n"
            f"Lỗi cấu hình trong {exc.file}, mục {exc.key}: {exc.message}",
            file=sys.stderr,
        )
        return None


def _catalog_info() -> dict[str, Any]:
    from kiosk.catalog.loader import CatalogError, load_catalog
    from kiosk.paths import resources_dir

    try:
        catalog = load_catalog(resources_dir() / "catalog")
    except (CatalogError, OSError) as exc:
        return {"error": str(exc)}
    return {
        "version": catalog.version,
        "date": catalog.updated.isoformat(),
        "procedures": len(catalog.procedures),
        "problems": len(catalog.problems),
        "portal_hosts": len(catalog.portal_hosts),
    }


def _release_info(dirs: Any, config: Any) -> dict[str, Any] | None:
    """Which downloaded release serves and why (kiosk.sync.release_choice); None offline."""
    if config.sync is None or not config.sync.catalog_public_key:
        return None
    from kiosk.paths import resources_dir
    from kiosk.sync.catalog_store import CatalogStore
    from kiosk.sync.release_choice import choose_release
    from kiosk.sync.worker import bundled_catalog_version

    choice = choose_release(
        CatalogStore(dirs.data / "catalog"),
        config.sync.catalog_public_key,
        bundled_catalog_version(),
        images_dir=resources_dir() / "images",
        record=False,  # status only looks
    )
    return choice.to_json()


def _open(dirs: Any) -> Any:
    from kiosk.journal.db import JournalError, open_journal

    try:
        return open_journal(dirs.database)
    except JournalError as exc:
        print(f"Journal error: {exc}", file=sys.stderr)
        return None


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def run_status(args: argparse.Namespace, clock: Clock = SYSTEM_CLOCK) -> int:
    """Print the kiosk's state as one JSON object (also when its journal cannot be opened)."""
    from kiosk import __version__
    from kiosk.journal.db import KV_RECOVERED, JournalError, open_journal
    from kiosk.portal import portal_report
    from kiosk.private_files import exposed_files
    from kiosk.startup_problems import read_problems

    found = _config()
    if found is None:
        return EXIT_CONFIG
    dirs, config = found
    exposed = exposed_files(dirs, config.source)  # before opening the journal tightens it
    report: dict[str, Any] = {
        "app_version": __version__,
        "catalog": _catalog_info(),
        "help_point_id": config.help_point.id,
        "help_point_name": config.help_point.name,
        "kiosk_id": config.kiosk_id,
        "demo": config.demo,
        "config_file": str(config.source) if config.source else None,
        "sync_configured": config.sync is not None,
        # What the kiosk program could not start when it last started (journal, sync).
        "kiosk_start": read_problems(dirs.data),
        "log_dir": str(dirs.logs),
        "catalog_release": _release_info(dirs, config),
        "readable_by_others": exposed,
        "portal": portal_report(config.portal, dirs.data),
    }
    try:
        journal = open_journal(dirs.database, clock=clock)
    except JournalError as exc:
        report["database"] = {"path": str(dirs.database), "error": str(exc)}
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_JOURNAL
    try:
        today = journal.today_stats(clock.now().astimezone())
        sync = journal.sync_state()
        report |= {
            "database": {"path": str(journal.path), "size_bytes": journal.size_bytes()},
            "sessions_today": today.sessions,
            "unsynced_records": journal.unsynced_count(),
            "rejected_records": journal.dead_count(),
            **fleet_status(journal, config),
            "sessions_closed_after_crash": int(journal.kv_get(KV_RECOVERED) or 0),
            "last_sync": {
                "success_at": _time(sync.last_success_at),
                "error_code": sync.last_error_code,
                "error_at": _time(sync.last_error_at),
            },
        }
    finally:
        journal.close()
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def fleet_status(journal: Any, config: Any) -> dict[str, Any]:
    """Refused records by reason and what to do; the token's ids and the clock's offset as the
    last sync round found them."""
    from kiosk.sync.fleet import KV_CHECKED_AT, KV_CLOCK_OFFSET
    from kiosk.sync.refused import refused_advice, token_ids

    by_reason = journal.dead_by_reason()
    token = token_ids(journal)
    offset = journal.kv_get(KV_CLOCK_OFFSET)
    return {
        "rejected_by_reason": by_reason,
        "rejected_advice": refused_advice(by_reason, config, token) if by_reason else None,
        "token_identity": {"kiosk_id": token[0], "help_point_id": token[1]} if token else None,
        "identity_checked_at": journal.kv_get(KV_CHECKED_AT),
        "clock_offset_seconds": int(offset) if offset and offset.lstrip("-").isdigit() else None,
    }


def run_export(args: argparse.Namespace) -> int:
    """Write every unsynced record to `args.out` (atomically: a whole file or none)."""
    found = _config()
    if found is None:
        return EXIT_CONFIG
    dirs, config = found
    journal = _open(dirs)
    if journal is None:
        return EXIT_JOURNAL
    try:
        document = journal.export_unsynced(config.kiosk_id, config.help_point.id)
    finally:
        journal.close()
    out: Path = args.out
    try:
        _write_atomically(out, json.dumps(document, ensure_ascii=False, indent=1))
    except OSError as exc:
        print(f"Cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_JOURNAL
    reports = len(document.get("content_reports", []))
    print(
        f"Exported {len(document['sessions'])} sessions, {len(document['outcomes'])} "
        f"outcomes and {reports} content reports to {out}. "
        "They stay queued here until the collector acknowledges them."
    )
    return 0


def _write_atomically(path: Path, text: str) -> None:
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
