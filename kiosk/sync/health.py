"""The kiosk's health as the district sees it: built at the end of every sync round.

Versions, free disk, unsynced and parked counts, restarts and crashes since the last report,
the clock's offset from the collector, uptime, screen size and whether kiosk mode is on — never
anything about a resident. Restarts, crashes (the app ended without a clean exit) and errors
(an uncaught exception calmed by the crash handler) are counted in the journal's kv across
restarts; a report carries what happened since the last report the collector acknowledged.
What only the UI knows (screen, kiosk mode, when the app started) arrives as a HealthContext of
plain values: this module, like all of kiosk/, never imports Qt.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sys
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import __version__
from kiosk.clock import Clock
from kiosk.config import DAYS, KioskConfig
from kiosk.fleet_protocol import HealthReport, HeartbeatKind
from kiosk.journal.models import KvEntry

log = logging.getLogger(__name__)

KV_STARTS = "health.starts"
KV_CRASHES = "health.crashes"
KV_ERRORS = "health.errors"
KV_RUNNING = "health.running"  # set while the app runs: still set at a start = it crashed
KV_REPORTED = "health.reported"  # "starts,crashes,errors" as of the last acknowledged report
KV_SCREEN = "health.screen"  # "1920x1080", the app's last known screen (for `dvc-kiosk sync`)
KV_KIOSK_MODE = "health.kiosk-mode"  # "on" | "off", likewise
COUNTERS = (KV_STARTS, KV_CRASHES, KV_ERRORS)


@dataclass(frozen=True)
class HealthContext:
    """What only the running UI knows, as plain values (None: not known, e.g. from the CLI)."""

    screen_width: int | None = None
    screen_height: int | None = None
    kiosk_mode: bool | None = None
    started_monotonic: float | None = None  # Clock.monotonic() when the app started


def opening_slots(config: KioskConfig) -> tuple[str, ...]:
    """The config's opening hours back in their written form, 'sat 08:00-11:00'."""
    return tuple(
        f"{DAYS[slot.weekday]} {slot.start:%H:%M}-{slot.end:%H:%M}" for slot in config.opening_hours
    )


MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def machine_id() -> str | None:
    """A hash of this PC's own id (systemd's machine-id; Windows' MachineGuid), or None.

    The hash, not the id, goes on the wire: the collector needs only to tell two PCs on one
    token apart (issue #21 item 13). A disk image cloned without a new machine-id looks like
    one PC (deploy/README.md says to reset it)."""
    raw: str | None = None
    if sys.platform == "win32":
        try:
            import winreg

            with winreg.OpenKey(
                winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography"
            ) as key:
                raw = str(winreg.QueryValueEx(key, "MachineGuid")[0])
        except OSError:
            raw = None
    else:
        for path in MACHINE_ID_FILES:
            try:
                raw = path.read_text(encoding="ascii", errors="replace")[:200].strip() or None
            except OSError:
                continue
            if raw:
                break
    if not raw:
        return None
    return hashlib.sha256(b"dvc-kiosk machine\x00" + raw.encode()).hexdigest()[:16]


def disk_free_bytes(folder: Path) -> int | None:
    """Free bytes on the disk holding `folder` (None when it cannot be asked)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _kv_int(session: Session, key: str) -> int:
    value = session.scalar(select(KvEntry.value).where(KvEntry.key == key))
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def _put(session: Session, key: str, value: str) -> None:
    session.merge(KvEntry(key=key, value=value))


def app_started(journal: Any, context: HealthContext) -> Future[bool]:
    """Count one start; if the last run never said it ended cleanly, count a crash too.

    Resolves to True when a crash was counted. Runs on the journal's writer thread.
    """

    def work(session: Session) -> bool:
        crashed = session.scalar(select(KvEntry.value).where(KvEntry.key == KV_RUNNING)) is not None
        _put(session, KV_STARTS, str(_kv_int(session, KV_STARTS) + 1))
        if crashed:
            _put(session, KV_CRASHES, str(_kv_int(session, KV_CRASHES) + 1))
        _put(session, KV_RUNNING, "1")
        if context.screen_width and context.screen_height:
            _put(session, KV_SCREEN, f"{context.screen_width}x{context.screen_height}")
        if context.kiosk_mode is not None:
            _put(session, KV_KIOSK_MODE, "on" if context.kiosk_mode else "off")
        return crashed

    future: Future[bool] = journal.writer.submit(work, "health-start")
    return future


def app_stopped(journal: Any) -> Future[None]:
    """The app ends cleanly (a volunteer left kiosk mode, IT stopped it): not a crash."""
    future: Future[None] = journal.kv_put({KV_RUNNING: None})
    return future


def error_shown(journal: Any) -> Future[None]:
    """An uncaught exception was calmed by the crash handler: count it."""

    def work(session: Session) -> None:
        _put(session, KV_ERRORS, str(_kv_int(session, KV_ERRORS) + 1))

    future: Future[None] = journal.writer.submit(work, "health-error")
    return future


def _totals(journal: Any) -> dict[str, int]:
    totals: dict[str, int] = {}
    for key in COUNTERS:
        try:
            totals[key] = int(journal.kv_get(key) or 0)
        except ValueError:
            totals[key] = 0
    return totals


def _reported(journal: Any) -> dict[str, int]:
    parts = (journal.kv_get(KV_REPORTED) or "").split(",")
    try:
        values = [int(p) for p in parts] if len(parts) == len(COUNTERS) else [0] * len(COUNTERS)
    except ValueError:
        values = [0] * len(COUNTERS)
    return dict(zip(COUNTERS, values, strict=True))


class HealthReporter:
    """Builds this kiosk's health report from its journal, config, disk and context."""

    def __init__(
        self,
        journal: Any,
        config: KioskConfig,
        data_dir: Path,
        context: HealthContext,
        clock: Clock,
    ) -> None:
        self.journal = journal
        self.kiosk_id = config.kiosk_id
        self.help_point_id = config.help_point.id
        self.opening_hours = opening_slots(config)
        self.data_dir = data_dir
        self.context = context
        self.clock = clock

    def _screen(self) -> tuple[int | None, int | None]:
        if self.context.screen_width and self.context.screen_height:
            return self.context.screen_width, self.context.screen_height
        width, _, height = (self.journal.kv_get(KV_SCREEN) or "").partition("x")
        if width.isdigit() and height.isdigit() and int(width) and int(height):
            return int(width), int(height)
        return None, None

    def _kiosk_mode(self) -> bool | None:
        if self.context.kiosk_mode is not None:
            return self.context.kiosk_mode
        known = self.journal.kv_get(KV_KIOSK_MODE)
        return {"on": True, "off": False}.get(known or "")

    def build(
        self, catalog_version: int, clock_offset: int | None
    ) -> tuple[HealthReport, dict[str, int]]:
        """The report, and the counter totals to acknowledge once the collector stored it."""
        totals = _totals(self.journal)
        reported = _reported(self.journal)
        since = {key: max(0, totals[key] - reported[key]) for key in COUNTERS}
        parked = self.journal.dead_by_reason()
        width, height = self._screen()
        uptime = None
        if self.context.started_monotonic is not None:
            uptime = max(0, int(self.clock.monotonic() - self.context.started_monotonic))
        report = HealthReport(
            kind=HeartbeatKind.SYNC.value,
            kiosk_id=self.kiosk_id,
            help_point_id=self.help_point_id,
            app_version=__version__,
            catalog_version=catalog_version,
            disk_free_bytes=disk_free_bytes(self.data_dir),
            unsynced=self.journal.unsynced_count(),
            parked=sum(parked.values()),
            parked_by_reason=parked,
            restarts=since[KV_STARTS],
            crashes=since[KV_CRASHES],
            errors=since[KV_ERRORS],
            clock_offset_seconds=clock_offset,
            uptime_seconds=uptime,
            screen_width=width,
            screen_height=height,
            kiosk_mode=self._kiosk_mode(),
            opening_hours=self.opening_hours,
            machine_id=machine_id(),
        )
        return report, totals

    def acknowledge(self, totals: Mapping[str, int]) -> Future[None]:
        """The collector stored a report built from `totals`: the next one starts from them."""
        value = ",".join(str(totals[key]) for key in COUNTERS)
        future: Future[None] = self.journal.kv_put({KV_REPORTED: value})
        return future
