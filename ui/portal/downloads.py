"""Downloads of a portal session (receipts, forms): into the session's own folder, named so
they cannot leave it, and only from the allow-list (qutebrowser's webenginedownloads.py is
the model). The folder is deleted when the session ends."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineDownloadRequest

from kiosk.portal import AllowList, display_host, safe_file_name, unique_path
from ui.portal.interceptor import PASS, encoded

log = logging.getLogger(__name__)
State = QWebEngineDownloadRequest.DownloadState
MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024  # a receipt or a form; anything bigger is not one


class DownloadKeeper(QObject):
    """Accepts a session's downloads into `folder` and says when each is complete.

    Signals:
        finished(object): a download is complete; its Path.
        failed: a download was refused or did not complete.
    """

    finished = Signal(object)
    failed = Signal()

    def __init__(self, folder: Path, allow: AllowList, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.allow = allow
        self.done: list[Path] = []

    def take(self, request: QWebEngineDownloadRequest) -> None:
        """profile.downloadRequested: accept it into the session folder, or cancel it."""
        address = encoded(request.url())
        verdict = self.allow.verdict(address)
        if verdict not in PASS:
            # As docs/it-guide.md tells IT to find it: the host only, never a path or query.
            host = display_host(address) or address.split(":", 1)[0]
            log.info("portal: blocked a request to %s (a download, %s)", host, verdict.value)
            request.cancel()
            self.failed.emit()
            return
        suggested = request.downloadFileName() or request.suggestedFileName()
        target = unique_path(self.folder, safe_file_name(suggested))
        request.setDownloadDirectory(str(self.folder))
        request.setDownloadFileName(target.name)
        request.receivedBytesChanged.connect(lambda: self._limit(request))
        request.isFinishedChanged.connect(lambda: self._finished(request, target))
        request.accept()

    def _limit(self, request: QWebEngineDownloadRequest) -> None:
        if request.receivedBytes() > MAX_DOWNLOAD_BYTES:
            log.warning("portal: a download passed %d MB and was stopped", MAX_DOWNLOAD_BYTES >> 20)
            request.cancel()

    def _finished(self, request: QWebEngineDownloadRequest, target: Path) -> None:
        if not request.isFinished():
            return
        if request.state() == State.DownloadCompleted:
            self.done.append(target)
            self.finished.emit(target)
        else:
            log.info("portal: a download ended as %s", request.state().name)
            self.failed.emit()
