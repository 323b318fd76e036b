"""Connects the running kiosk to the district: the sync worker, the footer, catalog updates.

`ui.app.after_first_paint` calls `start_sync` once the journal is open. The worker (plain
Python, kiosk.sync.worker) runs on its own thread; its callbacks hand their news to the GUI
thread through `ui.background.Background.post`, and the footer's journal reads and the check of
a stored release run on a Background worker, so no widget is touched off the GUI thread and no
HTTP or SQLite work runs on it. A new catalog is loaded and verified off the GUI thread too;
the wizard applies it only at the next return to the home screen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.catalog.model import Catalog
from kiosk.paths import resources_dir
from kiosk.sync.release_choice import ReleaseInUse, choose_release
from ui.background import Background

if TYPE_CHECKING:
    from kiosk.journal.db import Journal
    from kiosk.sync.catalog_store import StoredCatalog
    from kiosk.sync.worker import SyncStatus, SyncWorker
    from kiosk.wizard import WizardView
    from ui.app import Kiosk

log = logging.getLogger(__name__)

# The footer's count is refreshed this often between rounds (a COUNT on a small table).
REFRESH_SECONDS = 30.0
STOP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class FooterState:
    """What the footer shows: records waiting and the last time the collector took them."""

    unsynced: int
    last_success_at: datetime | None


def footer_text(state: FooterState, online: bool) -> str:
    """'Chưa gửi: N · Gửi lần cuối: HH:MM dd/mm' (only 'Chưa gửi: N' on an offline kiosk),
    in the language shown now."""
    translate = QCoreApplication.translate
    text = translate("SyncBridge", "Chưa gửi: %1").replace("%1", str(state.unsynced))
    if online and state.last_success_at is not None:
        local = state.last_success_at.astimezone()
        text += " · " + translate("SyncBridge", "Gửi lần cuối: %1").replace(
            "%1", local.strftime("%H:%M %d/%m")
        )
    return text


class SyncBridge(QObject):
    """Owns the worker and the footer's refresh; shows their news on the GUI thread.

    Signals (always emitted on the GUI thread):
        footer_changed(object): a FooterState.
        status_changed(object): a kiosk.sync.worker.SyncStatus after each round.
        catalog_ready(object): a loaded, verified kiosk.catalog.model.Catalog.
        release_changed(object): a kiosk.sync.release_choice.ReleaseInUse (which release
            serves, and which newer ones failed), for the volunteer panel.
    """

    footer_changed = Signal(object)
    status_changed = Signal(object)
    catalog_ready = Signal(object)
    release_changed = Signal(object)

    def __init__(self, kiosk: Kiosk, journal: Journal) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.journal = journal
        self.online = kiosk.config.sync is not None
        self.worker: SyncWorker | None = None
        self.last_status: SyncStatus | None = None
        self.release: ReleaseInUse | None = None  # set on the GUI thread
        self._offered_version: int | None = None  # touched on the worker's threads only
        self._background = Background("sync-footer", parent=self)
        self._refresh = QTimer(self)
        self._refresh.setInterval(int(REFRESH_SECONDS * 1000))
        self._refresh.timeout.connect(self.refresh_footer)
        self.footer: FooterState | None = None
        self._language = kiosk.wizard.view.language
        self._quit_connected = False
        self.footer_changed.connect(self._show_footer)
        self.status_changed.connect(self._on_status)
        self.catalog_ready.connect(self._offer_catalog)
        self.release_changed.connect(self._on_release)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the footer's refresh, and the worker when [sync] is configured."""
        self.refresh_footer()
        self._refresh.start()
        if self.online:
            self.worker = self._make_worker()
            # A release stored on an earlier run first, if newer than the bundled one.
            self._background.run(self._start_worker, lambda _none: None, label="sync-start")

    def stop(self) -> None:
        """Stop the worker (finishing its current request) and the footer's refresh."""
        self._refresh.stop()
        app = QApplication.instance()
        if self._quit_connected and app is not None:
            # The connection would keep this bridge, its kiosk and its window alive.
            self._quit_connected = False
            app.aboutToQuit.disconnect(self.stop)
        if self.worker is not None and not self.worker.stop(STOP_TIMEOUT_S):
            log.warning("sync worker still busy at exit; its records stay queued")
        self._background.shutdown(wait=True)

    def _make_worker(self) -> SyncWorker:
        from kiosk.sync.catalog_store import CatalogStore
        from kiosk.sync.fleet import FleetRound
        from kiosk.sync.worker import SyncWorker, bundled_catalog_version
        from ui.health_hookup import health_context

        sync = self.kiosk.config.sync
        assert sync is not None
        return SyncWorker(
            self.journal,
            sync,
            CatalogStore(self.kiosk.dirs.data / "catalog"),
            bundled_version=max(self.kiosk.wizard.catalog.version, bundled_catalog_version()),
            on_state=self._from_worker_state,
            on_catalog=self._from_worker_catalog,
            clock=self.kiosk.clock,
            # Identity check and health report each round; screen and kiosk mode as values.
            fleet=FleetRound(
                self.journal,
                self.kiosk.config,
                self.kiosk.dirs.data,
                self.kiosk.clock,
                health_context(self.kiosk),
            ),
        )

    def refresh_footer(self) -> None:
        """Read the footer's count again (off the GUI thread); shown when it arrives."""

        def skipped(exc: BaseException) -> None:
            # The journal closing at exit, or a disk hiccup: the next refresh tries again.
            log.debug("footer refresh failed: %s", type(exc).__name__)

        self._background.run(self._read_footer, self.footer_changed.emit, skipped, label="footer")

    # -- off the GUI thread -------------------------------------------------------------------

    def _read_footer(self) -> FooterState:
        state = self.journal.sync_state()
        return FooterState(self.journal.unsynced_count(), state.last_success_at)

    def _start_worker(self) -> None:
        if self.worker is None:
            return
        self._offer_stored_release()
        self.worker.start()

    def _offer_stored_release(self) -> None:
        self._choose_release()

    def _from_worker_state(self, status: SyncStatus) -> None:
        self._background.post(self.status_changed.emit, status)
        footer = FooterState(status.unsynced, status.last_success_at)
        self._background.post(self.footer_changed.emit, footer)

    def _from_worker_catalog(self, _stored: StoredCatalog) -> None:
        # The new release may not load: the choice then falls back to the last good one.
        self._choose_release()

    def _choose_release(self) -> None:
        """Decide (in the Qt-free core) which stored release serves; offer it if it changed."""
        sync = self.kiosk.config.sync
        if sync is None or not sync.catalog_public_key or self.worker is None:
            return
        try:
            choice = choose_release(
                self.worker.store,
                sync.catalog_public_key,
                self.worker.bundled_version,
                images_dir=resources_dir() / "images",
            )
        except Exception:
            log.exception("stored catalog releases could not be checked")
            return
        log.info("catalog: %s", choice.summary())
        self._background.post(self.release_changed.emit, choice)
        if choice.catalog is not None and choice.version != self._offered_version:
            self._offered_version = choice.version
            self._background.post(self.catalog_ready.emit, choice.catalog)

    # -- on the GUI thread --------------------------------------------------------------------

    def _show_footer(self, state: FooterState) -> None:
        self.footer = state
        self.kiosk.window.set_sync_text(footer_text(state, self.online))

    def _follow_language(self, view: WizardView) -> None:
        # The wizard's language switcher installed the translator before this runs.
        if view.language != self._language:
            self._language = view.language
            if self.footer is not None:
                self._show_footer(self.footer)

    def _on_status(self, status: SyncStatus) -> None:
        self.last_status = status

    def _on_release(self, release: ReleaseInUse) -> None:
        self.release = release

    def _offer_catalog(self, catalog: Catalog) -> None:
        log.info("offering catalog version %s to the wizard", catalog.version)
        self.kiosk.wizard.offer_catalog(catalog)


def start_sync(kiosk: Kiosk) -> None:
    """Start syncing (or, offline, just the footer count) for a kiosk whose journal is open."""
    journal = kiosk.journal
    if journal is None:
        log.error("no journal: sync not started")
        if kiosk.config.sync is not None:  # an offline kiosk has nothing to send anyway
            kiosk.problems["sync"] = "not started: it sends from the journal, which is not open"
        return
    bridge = SyncBridge(kiosk, journal)
    kiosk.wizard.subscribe(bridge._follow_language)
    kiosk.sync = bridge
    bridge.start()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(bridge.stop)
        bridge._quit_connected = True
