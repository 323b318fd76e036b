"""When a resident's private portal session starts and ends (no QtWebEngine import here).

The window makes one PortalController at start-up. It offers the portal on the steps of
procedures whose portal page is on the catalog's allow-list, builds the split screen the first
time a resident presses "Làm ngay trên máy này" (that is when QtWebEngine is imported and its
process starts), and ends the private session — pages first, then the off-the-record profile,
then the session's download folder — at every end: "Xong", the idle wipe, a volunteer reset,
a return to the home screen, or "Kết thúc phiên trên cổng" on the volunteer panel. A crash
leaves nothing to end: the profile lived in memory only, and leftover download folders are
deleted after the next start's first paint.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.catalog.model import Catalog, Procedure
from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.paths import app_dirs
from kiosk.portal import (
    AllowList,
    PickableFile,
    ScanCleanup,
    clean_scans,
    leftover_run_folders,
    new_run_folder,
    portal_page,
    removable_media,
    remove_portal_folder,
    scan_rule_text,
    upload_choices,
    write_scan_problem,
)
from kiosk.wizard import Screen, WizardView
from ui.first_paint import FirstPaintWatcher

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinterInfo

    from ui.background import Background
    from ui.main_window import KioskWindow
    from ui.portal.session import PortalSession
    from ui.portal.split_page import PortalSplitPage

log = logging.getLogger(__name__)

PORTAL_FOLDER = "portal"
LEFTOVERS_DELAY_MS = 3000
SCAN_SWEEP_MS = 60_000  # "after N minutes": how often the scan folder is looked at
SANDBOX_OFF_ENV = "QTWEBENGINE_DISABLE_SANDBOX"
# Ways into Chromium's developer tools; a kiosk never has them.
DEVTOOLS_ENV = ("QTWEBENGINE_REMOTE_DEBUGGING",)
DEVTOOLS_FLAGS = ("--remote-debugging-port", "--remote-debugging-pipe", "--auto-open-devtools")


class PortalProblem(Exception):  # noqa: N818 - a state the volunteer panel names, not a bug
    """The portal cannot start on this machine; the message is for IT (log, panel)."""


class PortalController(QObject):
    """Owns the resident's PortalSession, if any, and the split page.

    Signals:
        state_changed: a portal session started or ended (the volunteer panel listens).
    """

    state_changed = Signal()

    def __init__(self, window: KioskWindow, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(window)
        self.clock = clock
        self.window_ = window
        self.wizard = window.wizard
        self.settings = window.config.portal
        self.session: PortalSession | None = None
        self.problem: str | None = None  # why the portal cannot start here (for IT)
        self.opened_for: str | None = None  # procedure id of the open session
        self.started_at: float | None = None  # monotonic, for the panel's "N phút"
        # When the resident at the screen began (the wizard's session): the scans that arrived
        # from then on are theirs, and only those are offered.
        self.resident_since: datetime | None = None
        self.scan_problem: str | None = None  # old scans that could not be deleted (for IT)
        self._scan_sweep: QTimer | None = None
        self._split: PortalSplitPage | None = None
        self._allow: tuple[Catalog, AllowList] | None = None
        self._background: Background | None = None  # made when first needed (after paint)
        self._cleaned = False
        self._network: QObject | None = None
        self.root = app_dirs().cache / PORTAL_FOLDER
        self.run_folder = new_run_folder(self.root)  # this run's sessions live in here
        self.data_dir = app_dirs().data  # where `dvc-kiosk status` reads a deletion failure
        if self.settings.enabled:
            self.wizard.enable_portal(self.page_url)
            self.wizard.subscribe(self._follow)
            # A few seconds after the first paint, when the home screen has settled.
            FirstPaintWatcher(
                window, lambda: QTimer.singleShot(LEFTOVERS_DELAY_MS, self, self._clean_leftovers)
            )
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self._quitting)

    def _quitting(self) -> None:
        self.end("the kiosk is quitting", now=True)
        if self.resident_since is not None:  # the resident's session ends with the kiosk
            self.resident_since = None
            self.clean_scans(now=True)

    @property
    def _files(self) -> Background:
        """The worker that deletes session folders (ui/background.py loads on first use)."""
        if self._background is None:
            from ui.background import Background

            self._background = Background("portal-files", parent=self)
        return self._background

    # ----- what the wizard asks -----------------------------------------------------------
    @property
    def allow_list(self) -> AllowList:
        """The allow-list of the catalog in use (rebuilt when a new catalog is applied)."""
        catalog = self.wizard.catalog
        if self._allow is None or self._allow[0] is not catalog:
            allow = AllowList.from_catalog(catalog, self.settings.test_origin)
            self._allow = (catalog, allow)
        return self._allow[1]

    def page_url(self, procedure: Procedure) -> str | None:
        """The page `procedure` opens on in the portal view, if it can be done here."""
        return portal_page(procedure, self.wizard.catalog, self.allow_list)

    @property
    def is_open(self) -> bool:
        """Whether a resident's private portal session exists right now."""
        return self.session is not None

    # ----- the split page and the session ----------------------------------------------
    def page(self) -> PortalSplitPage:
        """The split screen (built, and QtWebEngine loaded, on the first use)."""
        if self._split is None:
            from ui.portal.split_page import PortalSplitPage

            self._split = PortalSplitPage(self.wizard, self)
            self.window_.pages.add("portal", self._split)
        return self._split

    def ensure_session(self) -> PortalSession:
        """The resident's session, made now if there is none. Raises PortalProblem when the
        web engine cannot run here (said on the volunteer panel and in the log)."""
        if self.session is not None:
            return self.session
        if self.problem is not None:
            raise PortalProblem(self.problem)
        self._clean_leftovers()
        try:
            self._check_machine()
            prepare_engine(self.settings.software_rendering)
            from ui.portal.session import PortalSession

            session = PortalSession(
                self.allow_list, self.run_folder, self.upload_places, parent=self
            )
        except PortalProblem as exc:
            self.problem = str(exc)
            log.error("portal view cannot start: %s", exc)
            self.state_changed.emit()
            raise
        self.session = session
        procedure = self.wizard.view.procedure
        self.opened_for = procedure.id if procedure is not None else None
        self.started_at = self.clock.monotonic()
        log.info("portal session started for %s", self.opened_for)
        self.state_changed.emit()
        return session

    def upload_places(self) -> list[Path]:
        """Where the upload picker may look: the scan folder, and USB sticks if allowed."""
        places = []
        folder = self.settings.scan_folder
        if folder is not None and folder.is_dir():
            places.append(folder)
        if self.settings.removable_media:
            places.extend(removable_media())
        return places

    def upload_choices(self, accept: list[str]) -> tuple[list[Path], list[PickableFile]]:
        """What the upload picker lists (off the GUI thread: it reads the disk): the places it
        may take files from, and this resident's scans and USB files, newest first."""
        places = self.upload_places()
        folder = self.settings.scan_folder
        scans = folder if folder is not None and folder in places else None
        sticks = [p for p in places if p != scans]
        files = upload_choices(scans, sticks, accept, self.resident_since, self.clock.now())
        return places, files

    def open_seconds(self) -> float:
        """How long the open session has lasted (0 without one)."""
        if self.started_at is None:
            return 0.0
        return max(0.0, self.clock.monotonic() - self.started_at)

    def procedure_name(self) -> str:
        """The open session's procedure, by its everyday name (or its id)."""
        procedure = self.wizard.catalog.procedures.get(self.opened_for or "")
        if procedure is None:
            return self.opened_for or "?"
        return procedure.short_name.get(self.wizard.view.language)

    def printers(self) -> list[QPrinterInfo]:
        """The printers Qt knows (a test stands in "none" by replacing this method)."""
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinters())

    def end(self, why: str, now: bool = False) -> None:
        """End the private session: pages, then the profile, then its files (`now`: delete
        at once, when no event loop will run again)."""
        session, self.session = self.session, None
        if session is None:
            return
        if self._split is not None:
            self._split.forget_session()
        folder = session.close(now)
        run = self.run_folder
        if now:  # no event loop will deliver a background result any more
            _delete_quietly(folder, run)
        else:
            self._files.run(
                lambda: remove_portal_folder(folder, run),
                lambda _none: log.info("portal session files deleted"),
                lambda exc: log.error("portal session files not deleted: %s", type(exc).__name__),
                label="portal-files",
            )
        ended = self.clock.monotonic()
        minutes = (ended - (self.started_at or ended)) / 60
        log.info("portal session ended (%s) after %.1f min", why, minutes)
        self.opened_for = None
        self.started_at = None
        self.state_changed.emit()

    def end_by_volunteer(self) -> None:
        """'Kết thúc phiên trên cổng': wipe the portal session; the guide goes on."""
        self.wizard.close_portal()
        self.end("volunteer")

    # ----- following the wizard ----------------------------------------------------------
    def _follow(self, view: WizardView) -> None:
        # A resident is at the screen from their session's start to its end or the home
        # screen (where the next person may continue it): then their scans go (by default).
        here = view.session_open and view.screen != Screen.HOME
        if here and self.resident_since is None:
            self.resident_since = self.clock.now()
        elif not here and self.resident_since is not None:
            self.resident_since = None
            self.clean_scans()
        if self._network is None and view.procedure is not None:
            self._watch_network()  # before the first step shows the button
        if self.session is None:
            return
        if not view.session_open or view.screen == Screen.HOME:
            self.end("session end" if not view.session_open else "home screen")

    # ----- the scan folder ----------------------------------------------------------------
    def clean_scans(self, now: bool = False) -> None:
        """Apply the scan rule (kiosk.portal.scans_to_delete) to the scan folder: at the end of
        a resident's session, at start-up, and each minute when scans go after N minutes.
        What cannot be deleted is said on the volunteer panel and in `dvc-kiosk status`."""
        folder = self.settings.scan_folder
        if folder is None:
            return
        after = self.settings.delete_scans_after_minutes
        at, since = self.clock.now(), self.resident_since

        def work() -> ScanCleanup:
            return clean_scans(folder, at, after, since)

        if now:
            try:
                self._scans_cleaned(folder, work(), write_now=True)
            except OSError as exc:
                log.error("old scans not deleted at exit: %s", type(exc).__name__)
            return
        self._files.run(
            work,
            lambda result: self._scans_cleaned(folder, result),
            lambda exc: self._scans_cleaned(folder, ScanCleanup(0, 1, type(exc).__name__)),
            label="portal-scans",
        )

    def _scans_cleaned(self, folder: Path, result: ScanCleanup, write_now: bool = False) -> None:
        problem = result.problem(folder)
        if result.deleted:
            log.info("portal: deleted %d old scans (%s)", result.deleted, self.scan_rule)
        if problem is not None:
            log.error("portal: %s", problem)
        changed = problem != self.scan_problem
        self.scan_problem = problem
        if not changed:
            return
        data, at = self.data_dir, self.clock.now()
        if write_now:
            write_scan_problem(data, problem, at)
        else:
            self._files.run(
                lambda: write_scan_problem(data, problem, at),
                lambda _none: None,
                lambda exc: log.error("scan report not written: %s", type(exc).__name__),
                label="portal-scan-report",
            )
        self.state_changed.emit()

    @property
    def scan_rule(self) -> str:
        """When scans are deleted, in IT's words."""
        return scan_rule_text(self.settings.delete_scans_after_minutes)

    def _start_scan_sweep(self) -> None:
        if self.settings.scan_folder is None or self.settings.delete_scans_after_minutes is None:
            return
        self._scan_sweep = QTimer(self)
        self._scan_sweep.setInterval(SCAN_SWEEP_MS)
        self._scan_sweep.timeout.connect(self.clean_scans)
        self._scan_sweep.start()

    def _clean_leftovers(self) -> None:
        """Delete what a crash or power cut left (once: soon after start, or at the first
        portal session if that comes sooner), and start the scan rule."""
        if self._cleaned:
            return
        self._cleaned = True
        self.clean_scans()
        self._start_scan_sweep()
        root, run = self.root, self.run_folder
        self._files.run(
            lambda: _delete_leftovers(root, run),
            _report_leftovers,
            lambda exc: log.error("leftover portal folders: %s", type(exc).__name__),
            label="portal-leftovers",
        )

    def _watch_network(self) -> None:
        """Learn whether the network is known to be down (QtNetwork loads now, not at start)."""
        self._network = QObject(self)  # tried once, whatever happens
        try:
            from ui.portal.network import NetworkWatch

            self._network = NetworkWatch(self.wizard.set_portal_offline, parent=self)
        except Exception:  # the network state is a nicety: the button then says nothing
            log.exception("network state unavailable")

    def _check_machine(self) -> None:
        if sys.platform != "win32" and os.geteuid() == 0 and not os.environ.get(SANDBOX_OFF_ENV):
            raise PortalProblem(
                "the kiosk runs as root, where Chromium's sandbox cannot start: run it as the "
                "kiosk user (deploy/README.md)"
            )


def prepare_engine(software_rendering: bool) -> None:
    """Before QtWebEngine starts: no way into developer tools, and the rendering IT chose."""
    for name in DEVTOOLS_ENV:
        if os.environ.pop(name, None) is not None:
            log.warning("%s was set: removed (no developer tools on a kiosk)", name)
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    kept = [f for f in flags if not f.startswith(DEVTOOLS_FLAGS)]
    if software_rendering:
        kept += [f for f in ("--disable-gpu", "--disable-gpu-compositing") if f not in kept]
        os.environ["QT_QUICK_BACKEND"] = "software"  # read when Qt Quick first draws
    if kept != flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(kept)


def _delete_quietly(folder: Path, run: Path) -> None:
    try:
        remove_portal_folder(folder, run)
    except OSError as exc:
        log.error("portal session files not deleted at exit: %s", type(exc).__name__)


def _report_leftovers(count: int) -> None:
    if count:
        log.warning("deleted %d portal folders left by a crash or power cut", count)


def _delete_leftovers(root: Path, current_run: Path) -> int:
    folders = leftover_run_folders(root, current_run)
    for folder in folders:
        remove_portal_folder(folder, root)
    return len(folders)
