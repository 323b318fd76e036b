"""`dvc-kiosk sync`: one sync round from the command line, for IT and for tests.

Uploads everything pending and checks for a newer catalog, then says in plain words what
happened. Exit 0: the collector answered; 1: it could not be reached (the records stay queued);
2: the config is wrong (file and key named); 3: the collector refused records (kept here, and
the output says why and what to do). `--retry-refused` queues refused records again.
Never imports Qt; httpx and SQLAlchemy are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.paths import AppDirs

EXIT_OK = 0
EXIT_UNREACHABLE = 1
EXIT_CONFIG = 2
EXIT_REFUSED = 3  # the collector answered, but this kiosk holds records it refused


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sync` subcommand."""
    sync = subparsers.add_parser(
        "sync", help="send the records waiting here and check for a catalog update, once"
    )
    sync.add_argument(
        "--retry-refused",
        action="store_true",
        help="send the records the collector refused again (after fixing the cause)",
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

    from sqlalchemy.exc import OperationalError

    from kiosk.journal.db import JournalError, open_journal
    from kiosk.sync.catalog_store import CatalogStore
    from kiosk.sync.worker import SyncWorker

    try:
        dirs.ensure()
    except OSError as exc:
        print(f"Cannot create the kiosk's folders: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    try:
        journal = open_journal(dirs.database)
    except JournalError as exc:
        print(f"Journal error: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.sync.fleet import FleetRound
    from kiosk.sync.refused import refused_advice

    try:
        retried = None
        if getattr(args, "retry_refused", False):
            retried = journal.requeue_dead(
                config.kiosk_id, config.help_point.id, identity_only=False
            ).result(timeout=60)
        fleet = FleetRound(journal, config, dirs.data, SYSTEM_CLOCK)
        worker = SyncWorker(journal, config.sync, CatalogStore(dirs.data / "catalog"), fleet=fleet)
        report = worker.run_round()
        waiting = journal.unsynced_count()
        parked = journal.dead_count()
        by_reason = journal.dead_by_reason()
    except (OSError, OperationalError) as exc:
        # The journal's disk refused a write (full, read-only): what was not committed is sent
        # again next time, so nothing is lost; the kiosk's own worker backs off the same way.
        print(
            f"The round stopped: the journal could not be written ({type(exc).__name__}). "
            "Nothing is lost: unacknowledged records stay queued. Free disk space, then retry.",
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    finally:
        journal.close()

    print(f"Collector: {config.sync.server}")
    if retried is not None:
        print(f"Queued {retried.requeued} refused records again ({retried.restamped} re-stamped).")
    if fleet.identity is not None:
        match = "matches this config" if fleet.identity_matches else "DOES NOT match this config"
        print(
            f"Token: kiosk {fleet.identity.kiosk_id} at {fleet.identity.help_point_id} ({match})."
        )
    if fleet.requeued:
        print(f"Sent again: {fleet.requeued} records refused earlier for a wrong kiosk id.")
    print(
        f"Sent {report.sent} records; {report.acknowledged} acknowledged, "
        f"{report.dead} refused by the collector (kept here). "
        f"Still waiting: {waiting}; refused in total: {parked}."
    )
    if parked:
        reasons = ", ".join(f"{reason}: {count}" for reason, count in sorted(by_reason.items()))
        print(f"REFUSED ({reasons}). " + refused_advice(by_reason, config, fleet.identity))
    if report.upload_error is not None:
        print(
            f"Could not reach the collector properly ({report.upload_error}). "
            "Nothing is lost: the records stay queued and are sent on the next try. "
            "(Codes: docs/it-guide.md.)"
        )
        return EXIT_UNREACHABLE
    print("Catalog: " + _catalog_line(report))
    if report.catalog == "installed" and config.sync.catalog_public_key:
        _say_release_in_use(dirs, config.sync.catalog_public_key)
    print("Health report: " + (report.health if report.health != "sent" else "sent"))
    if report.catalog == "error":
        return EXIT_UNREACHABLE
    return EXIT_REFUSED if parked else EXIT_OK


def _say_release_in_use(dirs: AppDirs, public_key: str) -> None:
    """A release that verified may still not load: say which one the kiosk will show."""
    from kiosk.paths import resources_dir
    from kiosk.sync.catalog_store import CatalogStore
    from kiosk.sync.release_choice import choose_release
    from kiosk.sync.worker import bundled_catalog_version

    choice = choose_release(
        CatalogStore(dirs.data / "catalog"),
        public_key,
        bundled_catalog_version(),
        images_dir=resources_dir() / "images",
    )
    print("In use: " + choice.summary())


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
