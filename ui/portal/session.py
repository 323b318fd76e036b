"""One resident's private browsing: an off-the-record profile, its pages, its download folder.

Made when the resident first opens the portal, destroyed (pages first, then the profile) when
their session ends. Off the record means Chromium keeps cookies, cache, local storage and
granted permissions in memory only; nothing is written to the kiosk's disk (qutebrowser's
webenginesettings.py makes its private profile the same way). Everything a page could use to
reach outside the allow-list, the disk or the hardware is switched off here, once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from kiosk.portal import DOWNLOADS, NO_WEBRTC_SCRIPT, AllowList, new_session_folder
from ui.portal.downloads import DownloadKeeper
from ui.portal.interceptor import AllowListInterceptor
from ui.portal.page import PageHost, PortalPage

log = logging.getLogger(__name__)
Attr = QWebEngineSettings.WebAttribute
ACCEPT_LANGUAGE = "vi-VN,vi;q=0.9,en;q=0.5"
# On: what portals need. Off: ways to the disk, the clipboard, the hardware, or out of the view.
SETTINGS: dict[QWebEngineSettings.WebAttribute, bool] = {
    Attr.JavascriptEnabled: True,
    Attr.JavascriptCanOpenWindows: True,  # window.open stays inside: PortalPage.createWindow
    Attr.LocalStorageEnabled: True,  # in memory only (off the record)
    Attr.AutoLoadImages: True,
    Attr.FocusOnNavigationEnabled: True,
    Attr.JavascriptCanAccessClipboard: False,
    Attr.JavascriptCanPaste: False,
    Attr.LocalContentCanAccessRemoteUrls: False,
    Attr.LocalContentCanAccessFileUrls: False,
    Attr.PluginsEnabled: False,
    Attr.PdfViewerEnabled: False,  # a PDF receipt is downloaded and offered for printing
    Attr.FullScreenSupportEnabled: False,
    Attr.ScreenCaptureEnabled: False,
    Attr.NavigateOnDropEnabled: False,  # a file dropped on the view must not open file://
    Attr.AllowRunningInsecureContent: False,
    Attr.AllowGeolocationOnInsecureOrigins: False,
    Attr.AllowWindowActivationFromJavaScript: False,
    Attr.HyperlinkAuditingEnabled: False,
    Attr.DnsPrefetchEnabled: False,
    Attr.AutoLoadIconsForPage: False,
    Attr.TouchIconsEnabled: False,
    Attr.ScrollAnimatorEnabled: False,
    Attr.WebRTCPublicInterfacesOnly: True,
    Attr.PlaybackRequiresUserGesture: True,
    Attr.ErrorPageEnabled: False,  # the kiosk shows its own calm page instead
}


def private_profile(parent: QObject | None = None) -> QWebEngineProfile:
    """A new off-the-record profile with the kiosk's settings (no storage name = off the
    record: no persistent cookies, cache, storage, autofill, HTTP logins or permissions)."""
    profile = QWebEngineProfile(parent)
    if not profile.isOffTheRecord():  # pragma: no cover - Qt's contract; never silently
        raise RuntimeError("QtWebEngine made a profile that is not off the record")
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )
    profile.setPersistentPermissionsPolicy(
        QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime
    )
    profile.setSpellCheckEnabled(False)
    profile.setPushServiceEnabled(False)
    profile.setHttpAcceptLanguage(ACCEPT_LANGUAGE)
    settings = profile.settings()
    for attribute, on in SETTINGS.items():
        settings.setAttribute(attribute, on)
    profile.scripts().insert(no_webrtc_script())
    return profile


def no_webrtc_script() -> QWebEngineScript:
    """Takes WebRTC and camera/microphone capture out of every frame before its scripts run
    (in the page's own world, where its scripts would find them)."""
    script = QWebEngineScript()
    script.setName("dvc-no-webrtc")
    script.setSourceCode(NO_WEBRTC_SCRIPT)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(True)
    return script


DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
CHILD_EVENTS = (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished)


class DropRefuser(QObject):
    """Refuses every drag and drop onto a portal view and the widgets inside it (the page's
    own surface, which QtWebEngine makes when the page first shows): a file dropped on an
    upload field would pass the kiosk's picker and its folder rule."""

    def guard(self, view: QWidget) -> None:
        """Refuse drops on `view` and every widget it holds, now and later."""
        self._refuse(view)
        for child in view.findChildren(QWidget):
            self._refuse(child)

    def _refuse(self, widget: QWidget) -> None:
        widget.setAcceptDrops(False)
        widget.removeEventFilter(self)  # installed once, whatever the order of events
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in DRAG_EVENTS:
            event.ignore()
            return True
        if kind in CHILD_EVENTS:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                self._refuse(child)
        elif kind in (QEvent.Type.Show, QEvent.Type.Polish) and isinstance(watched, QWidget):
            watched.setAcceptDrops(False)  # in case the engine set it again
        return False


class PortalSession(QObject):
    """A resident's private portal session: profile, interceptor, downloads, views."""

    def __init__(
        self,
        allow: AllowList,
        run_folder: Path,
        upload_places: Callable[[], list[Path]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.allow = allow
        self.upload_places = upload_places
        self.folder = new_session_folder(run_folder)
        self.profile = private_profile()  # no parent: deleted after its pages, in close()
        self.interceptor = AllowListInterceptor(allow, self)
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self.profile.setDownloadPath(str(self.folder / DOWNLOADS))
        self.downloads = DownloadKeeper(self.folder / DOWNLOADS, allow, self)
        self.drops = DropRefuser(self)
        self.profile.downloadRequested.connect(self.downloads.take)
        self.views: list[QWebEngineView] = []
        self.closed = False

    def new_view(self, host: PageHost) -> QWebEngineView:
        """A web view with a fresh page of this session (the main view and every popup)."""
        view = QWebEngineView()
        page = PortalPage(self.profile, self.allow, host, view)
        view.setPage(page)
        self.drops.guard(view)
        # Every portal web view is made here and nowhere else; the pane announces each one
        # (PortalPane.view_made) and the split page attaches Vietnamese typing to it.
        self.views.append(view)
        return view

    def forget_view(self, view: QWebEngineView) -> None:
        """A popup was closed: delete its view and page now-ish (the profile lives on)."""
        if view in self.views:
            self.views.remove(view)
        view.hide()
        view.deleteLater()  # its page is its child

    def close(self, now: bool = False) -> Path:
        """End the session: every view and page, then the profile. Returns the folder to
        delete (off the GUI thread).

        Normally deleted later, in that order: a page's own handler may be running (a nested
        loop of the file picker), and Qt deletes in posting order. `now` deletes at once, for
        when no event loop will run again (the kiosk is quitting).
        """
        self.closed = True
        for view in self.views:
            view.hide()
            _delete(view, now)  # its page is its child
        self.views.clear()
        self.profile.setUrlRequestInterceptor(None)  # type: ignore[arg-type]  # Qt: none
        _delete(self.profile, now)
        self.deleteLater()
        return self.folder


def _delete(thing: QObject, now: bool) -> None:
    if now:
        import shiboken6

        shiboken6.delete(thing)
    else:
        thing.deleteLater()
