"""Connects the running kiosk to the district: the sync worker, the footer, catalog updates.

`ui.app.after_first_paint` calls `start_sync` once the journal is open. The worker (plain
Python, kiosk.sync.worker) runs on its own thread; its callbacks arrive here on that thread and
hop to the GUI thread through queued signals, so no widget is touched off the GUI thread and
no HTTP or SQLite work runs on it. A new catalog is loaded and verified off the GUI thread too;
the wizard applies it only at the next return to the home screen.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from kiosk.catalog.loader import CatalogError, load_catalog
from kiosk.catalog.model import Catalog
from kiosk.paths import resources_dir

if TYPE_CHECKING:
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
    """Owns the worker and a small refresher thread; re-emits their news on the GUI thread.

    Signals (always delivered on the GUI thread):
        footer_changed(object): a FooterState.
        status_changed(object): a kiosk.sync.worker.SyncStatus after each round.
        catalog_ready(object): a loaded, verified kiosk.catalog.model.Catalog.
    """

    footer_changed = Signal(object)
    status_changed = Signal(object)
    catalog_ready = Signal(object)

    def __init__(self, kiosk: Kiosk, journal: Any) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.journal = journal
        self.online = kiosk.config.sync is not None
        self.worker: SyncWorker | None = None
        self.last_status: SyncStatus | None = None
        self.footer: FooterState | None = None
        self._language = kiosk.wizard.view.language
        self._stop = threading.Event()
        self._refresher: threading.Thread | None = None
        self._quit_connected = False
        queued = Qt.ConnectionType.QueuedConnection
        self.footer_changed.connect(self._show_footer, queued)
        self.status_changed.connect(self._on_status, queued)
        self.catalog_ready.connect(self._offer_catalog, queued)

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the refresher, and the worker when [sync] is configured."""
        if self.online:
            self.worker = self._make_worker()
        self._refresher = threading.Thread(target=self._refresh_loop, name="sync-footer")
        self._refresher.daemon = True
        self._refresher.start()

    def stop(self) -> None:
        """Stop the worker (finishing its current request) and the refresher."""
        self._stop.set()
        app = QApplication.instance()
        if self._quit_connected and app is not None:
            # The connection would keep this bridge, its kiosk and its window alive.
            self._quit_connected = False
            app.aboutToQuit.disconnect(self.stop)
        if self.worker is not None and not self.worker.stop(STOP_TIMEOUT_S):
            log.warning("sync worker still busy at exit; its records stay queued")
        if self._refresher is not None:
            self._refresher.join(STOP_TIMEOUT_S)

    def _make_worker(self) -> SyncWorker:
        from kiosk.sync.catalog_store import CatalogStore
        from kiosk.sync.worker import SyncWorker, bundled_catalog_version

        sync = self.kiosk.config.sync
        assert sync is not None
        return SyncWorker(
            self.journal,
            sync,
            CatalogStore(self.kiosk.dirs.data / "catalog"),
            bundled_version=max(self.kiosk.wizard.catalog.version, bundled_catalog_version()),
            on_state=self._from_worker_state,
            on_catalog=self._from_worker_catalog,
        )

    # -- off the GUI thread -------------------------------------------------------------------

    def _refresh_loop(self) -> None:
        # Start-up first: a release stored on an earlier run, if newer than the bundled one.
        if self.worker is not None:
            self._offer_stored_release()
            self.worker.start()
        while True:
            try:
                state = self.journal.sync_state()
                self.footer_changed.emit(
                    FooterState(self.journal.unsynced_count(), state.last_success_at)
                )
            except Exception:  # the journal closing at exit, or a disk hiccup: try later
                log.debug("footer refresh failed", exc_info=True)
            if self._stop.wait(REFRESH_SECONDS):
                return

    def _offer_stored_release(self) -> None:
        sync = self.kiosk.config.sync
        if sync is None or not sync.catalog_public_key or self.worker is None:
            return
        try:
            stored = self.worker.store.load_verified(sync.catalog_public_key)
        except Exception:
            log.exception("stored catalog could not be checked")
            return
        if stored is not None and stored.version > self.worker.bundled_version:
            self._from_worker_catalog(stored)

    def _from_worker_state(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)
        self.footer_changed.emit(FooterState(status.unsynced, status.last_success_at))

    def _from_worker_catalog(self, stored: StoredCatalog) -> None:
        catalog = load_release(stored)
        if catalog is not None:
            self.catalog_ready.emit(catalog)

    # -- on the GUI thread --------------------------------------------------------------------

    def _show_footer(self, state: FooterState) -> None:
        self.footer = state
        setter = getattr(self.kiosk.window, "set_sync_text", None)
        if setter is not None:
            setter(footer_text(state, self.online))

    def _follow_language(self, view: WizardView) -> None:
        # The wizard's language switcher installed the translator before this runs.
        if view.language != self._language:
            self._language = view.language
            if self.footer is not None:
                self._show_footer(self.footer)

    def _on_status(self, status: SyncStatus) -> None:
        self.last_status = status

    def _offer_catalog(self, catalog: Catalog) -> None:
        log.info("offering catalog version %s to the wizard", catalog.version)
        self.kiosk.wizard.offer_catalog(catalog)


def load_release(stored: StoredCatalog) -> Catalog | None:
    """Load a verified stored release with the bundled images; None (logged) if unusable."""
    try:
        catalog = load_catalog(stored.root, images_dir=resources_dir() / "images")
    except (CatalogError, OSError) as exc:
        log.error("downloaded catalog %d cannot be used: %s", stored.version, exc)
        return None
    if not catalog.procedures:
        log.error("downloaded catalog %d has no usable procedure; keeping ours", stored.version)
        return None
    return catalog


def start_sync(kiosk: Kiosk) -> None:
    """Start syncing (or, offline, just the footer count) for a kiosk whose journal is open."""
    journal = kiosk.journal
    if journal is None:
        log.warning("no journal: sync not started")
        return
    bridge = SyncBridge(kiosk, journal)
    kiosk.wizard.subscribe(bridge._follow_language)
    kiosk.sync = bridge
    bridge.start()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(bridge.stop)
        bridge._quit_connected = True
