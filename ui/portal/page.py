"""One portal page: where it may navigate, and every question a web page can ask a browser —
answered by the kiosk's rules, never by a dialog or a window of Chromium's own."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineFileSystemAccessRequest,
    QWebEngineFullScreenRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
    QWebEngineRegisterProtocolHandlerRequest,
)

from kiosk.portal import AllowList, Verdict, display_host
from ui.portal.interceptor import encoded

log = logging.getLogger(__name__)
Nav = QWebEnginePage.NavigationType


class PageHost(Protocol):
    """What a portal page needs from the pane that shows it (answers come back at once)."""

    def open_popup(self, opener: PortalPage) -> PortalPage | None:
        """A page for `window.open` / target=_blank, shown inside the kiosk (None: refused)."""

    def choose_files(self, multiple: bool, accept: list[str]) -> list[str]:
        """The kiosk's own file picker; the chosen paths ([] when cancelled)."""

    def confirm(self, text: str) -> bool:
        """A page's confirm(): ask the resident inside the pane."""

    def alert(self, text: str) -> None:
        """A page's alert(): say it inside the pane."""


class PortalPage(QWebEnginePage):
    """A page of a portal session.

    Signals:
        blocked(str, str): a navigation of this page was refused: the Verdict's value says
            why; then the refused host (never a path or query: they may carry typed data).
        certificate_refused: a page's certificate was bad, so it was not shown.
        print_wanted: the page asked to be printed (window.print()).
    """

    blocked = Signal(str, str)
    certificate_refused = Signal()
    print_wanted = Signal()

    def __init__(
        self, profile: QWebEngineProfile, allow: AllowList, host: PageHost, parent: QObject
    ) -> None:
        super().__init__(profile, parent)
        self.allow = allow
        self.host = host
        self.permissionRequested.connect(self._deny)
        self.fullScreenRequested.connect(self._no_full_screen)
        self.fileSystemAccessRequested.connect(self._no_file_system)
        self.registerProtocolHandlerRequested.connect(self._no_protocol_handler)
        self.certificateError.connect(self._refuse_certificate)
        self.selectClientCertificate.connect(lambda selection: selection.selectNone())
        self.webAuthUxRequested.connect(lambda request: request.cancel())
        self.printRequested.connect(self.print_wanted)
        # HTTP and proxy logins: the authenticator is left empty, which cancels the request.

    # ----- where it may go --------------------------------------------------------------
    def acceptNavigationRequest(
        self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType, main_frame: bool
    ) -> bool:
        address = encoded(QUrl(url))
        verdict = self.allow.verdict(address)
        if verdict is Verdict.ALLOWED or (verdict is Verdict.INTERNAL and not main_frame):
            return True
        if verdict is Verdict.INTERNAL and address.startswith("about:blank"):
            return True  # a popup starts out blank before its real address arrives
        if main_frame:
            kind = navigation_type.name.removeprefix("NavigationType").lower()
            # As docs/it-guide.md tells IT to find it: the host only, never a path or query.
            host = display_host(address) or address.split(":", 1)[0]
            log.info(
                "portal: blocked a request to %s (%s navigation, %s)", host, kind, verdict.value
            )
            self.blocked.emit(verdict.value, host)
        return False

    def createWindow(  # type: ignore[override]  # Qt takes None: no window
        self, window_type: QWebEnginePage.WebWindowType
    ) -> QWebEnginePage | None:
        return self.host.open_popup(self)

    # ----- questions a page asks ---------------------------------------------------------
    def chooseFiles(
        self,
        mode: QWebEnginePage.FileSelectionMode,
        old_files: Sequence[str],
        accepted_mime_types: Sequence[str],
    ) -> list[str]:
        multiple = mode == QWebEnginePage.FileSelectionMode.FileSelectOpenMultiple
        return self.host.choose_files(multiple, list(accepted_mime_types))

    def javaScriptAlert(self, security_origin: QUrl | str, msg: str) -> None:
        self.host.alert(msg)

    def javaScriptConfirm(self, security_origin: QUrl | str, msg: str) -> bool:
        return self.host.confirm(msg)

    def javaScriptPrompt(
        self, security_origin: QUrl | str, msg: str, default_value: str
    ) -> tuple[bool, str]:
        return False, ""  # a typed answer in a pop-up box: never on a kiosk

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line_number: int,
        source_id: str,
    ) -> None:
        """Dropped: a page's console can print what a resident typed; it must not reach a log."""

    # ----- requests refused by rule ------------------------------------------------------
    def _deny(self, permission: QWebEnginePermission) -> None:
        log.info("portal: denied %s", permission.permissionType().name)
        permission.deny()

    def _no_full_screen(self, request: QWebEngineFullScreenRequest) -> None:
        request.reject()

    def _no_file_system(self, request: QWebEngineFileSystemAccessRequest) -> None:
        request.reject()

    def _no_protocol_handler(self, request: QWebEngineRegisterProtocolHandlerRequest) -> None:
        request.reject()

    def _refuse_certificate(self, error: QWebEngineCertificateError) -> None:
        log.warning("portal: refused a bad certificate (%s)", error.type().name)
        error.rejectCertificate()
        self.certificate_refused.emit()
