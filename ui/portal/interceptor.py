"""Every request of a portal session passes the allow-list (qutebrowser's interceptor.py is the
model): pages, frames, scripts, pictures, form posts, fetches, redirects and downloads."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from kiosk.portal import AllowList, Verdict, display_host

log = logging.getLogger(__name__)
PASS = (Verdict.ALLOWED, Verdict.INTERNAL)


def encoded(url: object) -> str:
    """A QUrl as the ASCII address the allow-list reads (international hosts in punycode)."""
    return bytes(url.toEncoded()).decode("ascii", "replace")  # type: ignore[attr-defined]


class AllowListInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request whose address is not on the allow-list (https on its hosts).

    The page refuses a foreign navigation first and shows why (ui/portal/page.py); this is the
    net under it, for what a page loads by itself: a picture, a script, a fetch() or a form
    sent by a script to another host. Blocked hosts are logged once per session — a host, not
    an address: a path or query could carry what a resident typed.
    """

    def __init__(self, allow: AllowList, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allow = allow
        self.blocked = 0
        self._logged: set[str] = set()

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = encoded(info.requestUrl())
        verdict = self.allow.verdict(url)
        if verdict in PASS:
            return
        info.block(True)
        self.blocked += 1
        host = display_host(url) or url.split(":", 1)[0]
        if host not in self._logged:
            self._logged.add(host)
            log.info("portal: blocked a request to %s (%s)", host, verdict.value)
