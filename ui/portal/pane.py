"""The portal side of the split screen: a read-only bar (host, secure or not), the web view and
the pages it opened itself, and the kiosk's calm pages in their place when something is refused
or fails. No address bar, no tabs to manage: a popup shows on top with one way back."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineLoadingInfo, QWebEnginePage, QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.portal import (
    DOWNLOADS,
    Verdict,
    display_host,
    is_payment_page,
    is_secure,
    unique_path,
    working_payment_ways,
)
from ui.background import Background
from ui.portal.content_start import scroll_to_content, show_focused_field
from ui.portal.file_picker import FilePicker
from ui.portal.interceptor import encoded
from ui.portal.notice import NoticeKind, PageMessage, PortalNotice
from ui.portal.page import PortalPage
from ui.theme import SCALE
from ui.widgets.common import button, label

MAX_SHOWN_NAME = 30  # a downloaded file's name longer than this is shortened in the middle

if TYPE_CHECKING:
    from ui.portal.controller import PortalController
    from ui.portal.session import PortalSession

KIOSK_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld.value  # page scripts can't see it
log = logging.getLogger(__name__)
Status = QWebEngineLoadingInfo.LoadStatus
Domain = QWebEngineLoadingInfo.ErrorDomain
ERR_ABORTED = -3  # a load replaced by another one: not a failure the resident must see
# Failures that mean "the portal cannot be reached": no network, no name, no answer.
UNREACHABLE = (Domain.ConnectionErrorDomain, Domain.DnsErrorDomain, Domain.InternalErrorDomain)
MAX_POPUPS = 4  # pages a portal may open on top of itself; more are refused


class PortalPane(QWidget):
    """Shows one session's views; asks the session for new ones.

    Signals:
        leave_wanted: the resident chose 'Về hướng dẫn' on a notice.
        download_ready(object): a file is ready to print (its Path).
        view_made(object): a web view was made (the main one or a popup's): Vietnamese
            typing attaches to it.
    """

    leave_wanted = Signal()
    download_ready = Signal(object)
    view_made = Signal(object)

    def __init__(self, controller: PortalController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portalPane")
        self.controller = controller
        self.session: PortalSession | None = None
        self.views: list[QWebEngineView] = []  # the main view, then popups on top of it
        self.loaded_for: str | None = None  # the procedure whose page the main view opened
        self.zoom = 1.0
        self._failed: set[int] = set()  # views whose last load failed (id)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.bar = QWidget()
        self.bar.setProperty("role", "portal-bar")
        bar_row = QHBoxLayout(self.bar)
        bar_row.setContentsMargins(16, 6, 16, 6)
        self.host_label = label("", "small", wrap=False)
        self.host_label.setObjectName("portalHost")
        self.close_popup = button("", "secondary", "portalClosePopup")
        self.close_popup.clicked.connect(self.close_top_popup)
        self.close_popup.hide()
        bar_row.addWidget(self.host_label, 1)
        bar_row.addWidget(self.close_popup)
        column.addWidget(self.bar)
        self._column = column

        self.stack = QStackedWidget()
        self.notice = PortalNotice()
        self.stack.addWidget(self.notice)
        column.addWidget(self.stack, 1)

        self.download_bar = QWidget()
        self.download_bar.setProperty("role", "portal-bar")
        download_row = QHBoxLayout(self.download_bar)
        download_row.setContentsMargins(16, 6, 16, 6)
        self.download_label = label("", None)
        self.download_label.setObjectName("portalDownload")
        # The sentence wraps into the room the button leaves; the button never shrinks below
        # its words ("In ra giấy" was squeezed to "'a g" by a long file name).
        self.download_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.download_label.setMinimumWidth(120)
        self.print_button = button("", None, "portalPrintButton")
        self.print_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.print_button.clicked.connect(self._print_last)
        download_row.addWidget(self.download_label, 1)
        download_row.addWidget(self.print_button)
        self.download_bar.hide()
        column.addWidget(self.download_bar)

        self.files = Background("portal-picker", parent=self)
        self.picker = FilePicker(self, self.files)
        self.message = PageMessage(self)
        self.last_download: Path | None = None

    # ----- the session's views -----------------------------------------------------------
    @property
    def main_view(self) -> QWebEngineView | None:
        """The view the portal opened in (popups come on top of it)."""
        return self.views[0] if self.views else None

    @property
    def top_view(self) -> QWebEngineView | None:
        """The view the resident sees."""
        return self.views[-1] if self.views else None

    def show_portal(self, session: PortalSession, url: str, procedure_id: str) -> None:
        """Show `session`'s main view, opening `url` when the procedure changed."""
        if session is not self.session:
            self.forget_session()
            self.session = session
            session.downloads.finished.connect(self._downloaded)
            session.downloads.failed.connect(self._download_failed)
        if self.main_view is None:
            self.views.append(self._new_view())
        main = self.main_view
        assert main is not None
        if self.loaded_for != procedure_id:
            self.loaded_for = procedure_id
            while len(self.views) > 1:
                self.close_top_popup()
            main.load(QUrl(url))
        self._show_top()

    def forget_session(self) -> None:
        """The session ended (its views are being deleted): let go of them; answer any
        question a page is waiting on, so no page is deleted in the middle of asking."""
        self.picker.cancel()
        self.message.cancel()
        self.views.clear()
        self.session = None
        self.loaded_for = None
        self.last_download = None
        self._failed.clear()
        self.download_bar.hide()
        self.close_popup.hide()
        self.host_label.clear()
        self.stack.setCurrentWidget(self.notice)

    def show_problem(self) -> None:
        """The portal cannot start on this machine: say so calmly, with the way back."""
        self.notice.show_notice(
            NoticeKind.UNAVAILABLE, (self.tr("‹ Về hướng dẫn"), self.leave_wanted.emit)
        )
        self.stack.setCurrentWidget(self.notice)
        self.host_label.clear()

    def set_zoom(self, factor: float) -> None:
        """Page zoom follows the kiosk's text size (1, 1.25, 1.5)."""
        self.zoom = factor
        for view in self.views:
            view.setZoomFactor(factor)

    def set_text_size(self, size: str) -> None:
        """Zoom for one of the kiosk's text sizes."""
        self.set_zoom(SCALE.get(size, 1.0))

    def _new_view(self) -> QWebEngineView:
        assert self.session is not None
        view = self.session.new_view(self)
        view.setZoomFactor(self.zoom)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda at, v=view: self._context_menu(v, at))
        page = view.page()
        assert isinstance(page, PortalPage)
        page.blocked.connect(lambda why, _host, v=view: self._blocked(v, why))
        page.certificate_refused.connect(lambda v=view: self._certificate(v))
        page.print_wanted.connect(lambda p=page: self._print_page(p))
        page.pdfPrintingFinished.connect(
            lambda path, ok: self._downloaded(Path(path)) if ok else self._download_failed()
        )
        page.loadingChanged.connect(lambda info, v=view: self._loading(v, info))
        # Each new page opens where its content starts, past the portal's banner.
        page.loadFinished.connect(lambda ok, p=page: self._loaded(p, ok))
        page.urlChanged.connect(lambda _url, v=view: self._update_bar(v))
        page.windowCloseRequested.connect(lambda v=view: self._close_view(v))
        page.renderProcessTerminated.connect(lambda status, _code, v=view: self._crashed(v, status))
        self.stack.addWidget(view)
        self.view_made.emit(view)
        return view

    def make_room(self, bottom: int) -> None:
        """Keep `bottom` px free under the page (the on-screen keyboard floats there) and
        bring the field being typed into back into view."""
        self._column.setContentsMargins(0, 0, 0, bottom)
        top = self.top_view
        if bottom and top is not None:
            page = top.page()
            QTimer.singleShot(100, page, lambda: show_focused_field(page, KIOSK_WORLD))

    def add_tools(self, widget: QWidget) -> None:
        """A row of tools between the address bar and the page ('Gõ tiếng Việt')."""
        self._column.insertWidget(1, widget)

    # ----- PageHost: what pages ask --------------------------------------------------------
    def open_popup(self, opener: PortalPage) -> PortalPage | None:
        """window.open / target=_blank: a new page on top, inside the kiosk."""
        if self.session is None or len(self.views) > MAX_POPUPS:
            log.info("portal: refused a popup (%d open)", len(self.views) - 1)
            return None
        view = self._new_view()
        self.views.append(view)
        self._show_top()
        page = view.page()
        assert isinstance(page, PortalPage)
        return page

    def choose_files(self, multiple: bool, accept: list[str]) -> list[str]:
        """An upload field was pressed: the kiosk's own picker."""
        scans = self.controller.settings.scan_folder
        return self.picker.ask(self.controller.upload_choices, scans, accept, multiple)

    def confirm(self, text: str) -> bool:
        """A page's confirm()."""
        return self.message.confirm(text)

    def alert(self, text: str) -> None:
        """A page's alert()."""
        self.message.alert(text)

    # ----- what happened ---------------------------------------------------------------------
    def _show_top(self) -> None:
        top = self.top_view
        if top is None:
            return
        if id(top) in self._failed:
            return  # its notice is showing
        self.stack.setCurrentWidget(top)
        self.close_popup.setVisible(len(self.views) > 1)
        self.close_popup.setText(self.tr("‹ Đóng trang này"))
        self._update_bar(top)
        top.setFocus()

    def close_top_popup(self) -> None:
        """'Đóng trang này': back to the page under it."""
        if len(self.views) > 1:
            self._close_view(self.views[-1])

    def _close_view(self, view: QWebEngineView) -> None:
        if view is self.main_view or view not in self.views:
            return  # the portal's own page stays; 'Về hướng dẫn' leaves it
        self.views.remove(view)
        self._failed.discard(id(view))
        if self.session is not None:
            self.session.forget_view(view)
        self._show_top()

    def _blocked(self, view: QWebEngineView, why: str) -> None:
        kind = NoticeKind.NOT_SECURE if why == Verdict.NOT_HTTPS.value else NoticeKind.BLOCKED
        if view is not self.top_view:
            return
        page_url = encoded(view.url())
        fresh_popup = view is not self.main_view and not page_url.startswith(("http", "https"))
        back = self._close_view if fresh_popup else self._back_to
        # Refused from a payment page (the page she is on, or the one that opened this popup):
        # a way to pay that does not work here; name those that do (the catalog's gateways).
        from_url = page_url
        if fresh_popup and len(self.views) > 1:
            from_url = encoded(self.views[-2].url())
        catalog = self.controller.wizard.catalog
        ways: list[str] = []
        if kind is NoticeKind.BLOCKED and is_payment_page(
            from_url, catalog, self.controller.settings.test_origin
        ):
            kind = NoticeKind.PAYMENT_BLOCKED
            ways = working_payment_ways(catalog, self.controller.wizard.view.language)
        back_text = self.tr("‹ Quay lại trang trước")
        if kind is NoticeKind.PAYMENT_BLOCKED:
            back_text = self.tr("‹ Quay lại")  # the words above say: to the payment page
        self._notice(view, kind, (back_text, lambda: back(view)), ways=ways)

    def _certificate(self, view: QWebEngineView) -> None:
        self._notice(
            view, NoticeKind.CERTIFICATE, (self.tr("‹ Quay lại"), lambda: self._back_to(view))
        )

    def _crashed(
        self, view: QWebEngineView, status: QWebEnginePage.RenderProcessTerminationStatus
    ) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        log.error("portal: the page's process stopped (%s)", status.name)
        self._notice(view, NoticeKind.CRASHED, (self.tr("Tải lại"), lambda: self._reload(view)))

    def _loaded(self, page: QWebEnginePage, ok: bool) -> None:
        if ok:
            scroll_to_content(page, KIOSK_WORLD)

    def _loading(self, view: QWebEngineView, info: QWebEngineLoadingInfo) -> None:
        if info.status() == Status.LoadStartedStatus:
            if view is self.top_view and id(view) not in self._failed:
                self.host_label.setText(self.tr("Đang mở…"))
            return
        if info.status() == Status.LoadSucceededStatus:
            if id(view) in self._failed:
                self._failed.discard(id(view))
                self._show_top()
            self._update_bar(view)
            return
        if info.status() != Status.LoadFailedStatus or info.errorCode() == ERR_ABORTED:
            # Stopped or replaced — a link that turned out to be a download ends this way, and
            # the page under it stays: the bar says that page again, not "Đang mở…".
            self._update_bar(view)
            return
        domain, code = info.errorDomain(), info.errorCode()
        if domain in UNREACHABLE or (domain == Domain.HttpStatusCodeDomain and code >= 500):
            log.info("portal: the portal could not be reached (%s %d)", domain.name, code)
            self._notice(
                view,
                NoticeKind.OFFLINE,
                (self.tr("Thử lại"), lambda: self._reload(view)),
                (self.tr("‹ Về hướng dẫn"), self.leave_wanted.emit),
            )

    def _notice(
        self,
        view: QWebEngineView,
        kind: NoticeKind,
        first: tuple[str, object],
        second: tuple[str, object] | None = None,
        ways: list[str] | None = None,
    ) -> None:
        self._failed.add(id(view))
        self.notice.show_notice(kind, first, second, ways or ())  # type: ignore[arg-type]
        if view is self.top_view:
            self.stack.setCurrentWidget(self.notice)
            self.host_label.setText("")

    def _back_to(self, view: QWebEngineView) -> None:
        self._failed.discard(id(view))
        self._show_top()

    def _reload(self, view: QWebEngineView) -> None:
        self._failed.discard(id(view))
        self._show_top()
        view.reload()

    def _update_bar(self, view: QWebEngineView) -> None:
        if view is not self.top_view or id(view) in self._failed:
            return
        address = encoded(view.url())
        host = display_host(address)
        if not host:
            self.host_label.setText("")
        elif is_secure(address):
            self.host_label.setText(self.tr("Kết nối an toàn · %1").replace("%1", host))
        else:
            self.host_label.setText(self.tr("Kết nối KHÔNG an toàn · %1").replace("%1", host))

    # ----- copy and paste, downloads, printing -----------------------------------------------
    def _context_menu(self, view: QWebEngineView, at: QPoint) -> None:
        """Only copy and paste, in the resident's language (no 'Inspect', no 'View source')."""
        menu = QMenu(view)
        menu.setObjectName("portalContextMenu")
        page = view.page()
        actions = (
            (self.tr("Sao chép"), QWebEnginePage.WebAction.Copy),
            (self.tr("Cắt"), QWebEnginePage.WebAction.Cut),
            (self.tr("Dán"), QWebEnginePage.WebAction.Paste),
        )
        for text, web_action in actions:
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, a=web_action: page.triggerAction(a))
        menu.popup(view.mapToGlobal(at))

    def _downloaded(self, path: Path) -> None:
        # A link opened in a new page that turned out to be a file leaves that page blank on
        # top: close it, back to the page she was on.
        for view in self.views[1:]:
            if encoded(view.url()) in ("", "about:blank"):
                self._close_view(view)
        self.last_download = path
        self.download_label.setText(self.tr("Đã tải về: %1").replace("%1", shown_name(path.name)))
        self.print_button.setText(self.tr("In ra giấy"))
        self.print_button.setEnabled(True)
        self.download_bar.show()
        self.download_ready.emit(path)

    def _download_failed(self) -> None:
        self.download_label.setText(self.tr("Chưa tải về được. Bạn thử bấm lại trên trang."))
        self.print_button.setEnabled(False)
        self.download_bar.show()

    def _print_page(self, page: PortalPage) -> None:
        """window.print(): the page as a PDF in the session folder, offered like a download."""
        if self.session is None:
            return
        target = unique_path(self.session.folder / DOWNLOADS, "trang-de-in.pdf")
        page.printToPdf(str(target))

    def _print_last(self) -> None:
        path = self.last_download
        if path is None:
            return
        from ui.printing import paper_printers, print_file

        printer = paper_printers(self.controller.printers)
        if printer is None:
            self.download_label.setText(
                self.tr(
                    "Điểm này chưa nối máy in. Nhờ tình nguyện viên in giúp ngay bây giờ: "
                    "tệp sẽ bị xóa khi bạn xong."
                )
            )
            return
        self.print_button.setEnabled(False)
        self.download_label.setText(self.tr("Đang in…"))
        self.files.run(
            lambda: print_file(path, printer),
            lambda pages: self.download_label.setText(
                self.tr("Đã gửi %1 trang tới máy in.").replace("%1", str(pages))
            ),
            lambda _exc: self.download_label.setText(
                self.tr("Chưa in được tệp này. Nhờ tình nguyện viên giúp.")
            ),
            label="portal-print",
        )


def shown_name(name: str, longest: int = MAX_SHOWN_NAME) -> str:
    """A file name as the download bar shows it: breakable after '_', '-' and '.' (a zero-width
    space), and shortened in the middle when very long — its start and its extension stay."""
    if len(name) > longest:
        keep = longest - 1
        name = name[: keep - keep // 3] + "…" + name[-(keep // 3) :]
    for mark in "_-.":
        name = name.replace(mark, mark + "\u200b")
    return name
