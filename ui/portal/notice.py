"""The calm page the portal pane shows instead of a web page: blocked, offline, not secure,
broken — always one sentence of what happened, one of what to do, and a way back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.widgets.common import button, label, scroll_area


class NoticeKind(StrEnum):
    """Why the pane shows a notice instead of the page."""

    BLOCKED = "blocked"  # a page outside the allow-list
    PAYMENT_BLOCKED = "payment-blocked"  # a way to pay outside the allow-list, from a payment page
    NOT_SECURE = "not-secure"  # http:// to an allowed host
    OFFLINE = "offline"  # no network, or the portal does not answer
    CERTIFICATE = "certificate"  # the site could not prove it is the real one
    CRASHED = "crashed"  # the page's process stopped
    UNAVAILABLE = "unavailable"  # the portal cannot start on this machine (IT knows)


class PortalNotice(QWidget):
    """A notice with up to two buttons; the pane decides what they do.

    The words scroll when the pane is shorter than they are ('Rất lớn' on a 768 px screen, the
    keyboard open); the buttons stay below them, always in sight — never squeezed into each
    other as labels in a plain column are.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portalNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("role", "portal-notice")
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(16)
        self.words_area = scroll_area(sideways=False)
        self.words_area.setObjectName("portalNoticeWords")
        words = QVBoxLayout(self.words_area.content)
        words.setContentsMargins(0, 0, 8, 0)
        words.setSpacing(16)
        self.title = label("", "h2")
        self.title.setObjectName("portalNoticeTitle")
        self.text = label("", None)
        self.text.setObjectName("portalNoticeText")
        words.addWidget(self.title)
        words.addWidget(self.text)
        words.addStretch(1)
        column.addWidget(self.words_area, 1)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.first = button("", None, "portalNoticeFirst")
        self.second = button("", "secondary", "portalNoticeSecond")
        row.addWidget(self.first)
        row.addWidget(self.second)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(0)  # below the button when the words need less than the pane
        self.kind: NoticeKind | None = None
        self.ways: list[str] = []  # the ways to pay that work here (a payment notice)
        self._actions: dict[QPushButton, Callable[[], None] | None] = {}
        self.first.clicked.connect(lambda: self._run(self.first))
        self.second.clicked.connect(lambda: self._run(self.second))

    def show_notice(
        self,
        kind: NoticeKind,
        first: tuple[str, Callable[[], None]],
        second: tuple[str, Callable[[], None]] | None = None,
        ways: Sequence[str] = (),
    ) -> None:
        """Fill in the words for `kind` (`ways`: the payment gateways that work, for a payment
        notice) and the buttons' labels and actions."""
        self.kind = kind
        self.ways = list(ways)
        title, text = self.words(kind)
        self.words_area.verticalScrollBar().setValue(0)
        self._fit_words()
        QTimer.singleShot(0, self._fit_words)  # again once laid out at its real width
        self.title.setText(title)
        self.text.setText(text)
        for widget, choice in ((self.first, first), (self.second, second)):
            widget.setVisible(choice is not None)
            if choice is not None:
                widget.setText(choice[0])
            self._actions[widget] = choice[1] if choice is not None else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_words()

    def _fit_words(self) -> None:
        """The words take the height they need (the button right under them), and scroll
        only when the pane is shorter than that."""
        content = self.words_area.content
        # Measured as if the scroll bar were there: never a height that makes it appear.
        bar = max(self.words_area.verticalScrollBar().sizeHint().width(), 40)
        width = self.words_area.width() - bar
        layout = content.layout()
        if width <= 0 or layout is None:
            return
        self.words_area.setMaximumHeight(layout.totalHeightForWidth(width) + 4)

    def _run(self, widget: QPushButton) -> None:
        action = self._actions.get(widget)
        if action is not None:
            action()

    def words(self, kind: NoticeKind) -> tuple[str, str]:
        """(title, sentence) for a notice, in the resident's language."""
        if kind is NoticeKind.PAYMENT_BLOCKED:
            if not self.ways:
                return (
                    self.tr("Máy này không mở được cách thanh toán này"),
                    self.tr(
                        "Bạn vẫn ở trang thanh toán. Bấm nút dưới đây để quay lại, rồi nhờ "
                        "tình nguyện viên giúp thanh toán."
                    ),
                )
            return (
                self.tr("Máy này không mở được cách thanh toán này"),
                self.tr(
                    "Bạn hãy chọn cách thanh toán khác: %1. Bạn vẫn ở trang thanh toán; bấm "
                    "nút dưới đây để quay lại và chọn lại."
                ).replace("%1", ", ".join(self.ways)),
            )
        if kind is NoticeKind.BLOCKED:
            return (
                self.tr("Trang này nằm ngoài Cổng dịch vụ công"),
                self.tr(
                    "Để giữ an toàn cho bạn, máy này chỉ mở trang của cổng dịch vụ công và "
                    "trang thanh toán được phép. Bạn vẫn ở trang trước đó; bấm nút dưới đây "
                    "để quay lại."
                ),
            )
        if kind is NoticeKind.NOT_SECURE:
            return (
                self.tr("Trang này không được bảo vệ"),
                self.tr(
                    "Địa chỉ này không có khóa bảo vệ (https) nên máy không mở. Bạn vẫn ở "
                    "trang trước đó; bấm nút dưới đây để quay lại."
                ),
            )
        if kind is NoticeKind.OFFLINE:
            return (
                self.tr("Chưa kết nối được Cổng dịch vụ công — bạn vẫn xem hướng dẫn được"),
                self.tr(
                    "Có thể mạng đang chập chờn hoặc cổng đang bảo trì. Bạn thử lại sau ít "
                    "phút, hoặc nhờ tình nguyện viên giúp."
                ),
            )
        if kind is NoticeKind.CERTIFICATE:
            return (
                self.tr("Máy không chắc đây là trang thật"),
                self.tr(
                    "Trang này không chứng minh được là trang chính thức nên máy không mở. "
                    "Bạn hãy nhờ tình nguyện viên xem giúp."
                ),
            )
        if kind is NoticeKind.CRASHED:
            return (
                self.tr("Trang vừa bị lỗi"),
                self.tr("Bấm Tải lại để mở lại trang, hoặc nhờ tình nguyện viên giúp."),
            )
        return (
            self.tr("Chưa mở được cổng trên máy này"),
            self.tr(
                "Tình nguyện viên sẽ xem giúp. Bạn vẫn xem hướng dẫn được, hoặc làm trên "
                "điện thoại bằng ứng dụng VNeID."
            ),
        )


class PageMessage(QWidget):
    """A web page's alert() or confirm(), asked inside the pane (never a window of its own).

    `confirm` waits for the answer in a nested event loop (a page's confirm() is synchronous);
    `cancel` ends that wait with "no" — at the end of the session, before its page is deleted.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("portalPageMessage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("role", "scrim")
        outer = QVBoxLayout(self)
        card = QWidget()
        card.setProperty("role", "overlay")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(card)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(16)
        self.heading = label("", "h2")
        self.text = label("", None)
        self.text.setObjectName("portalPageMessageText")
        row = QHBoxLayout()
        self.yes = button("", None, "portalMessageYes")
        self.no = button("", "secondary", "portalMessageNo")
        row.addStretch(1)
        row.addWidget(self.no)
        row.addWidget(self.yes)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addLayout(row)
        outer.addStretch(1)
        outer.addWidget(card)
        outer.addStretch(1)
        self._loop: QEventLoop | None = None
        self._answer = False
        self.yes.clicked.connect(lambda: self._answered(True))
        self.no.clicked.connect(lambda: self._answered(False))
        self.hide()

    def alert(self, text: str) -> None:
        """Show the page's message with 'Đã hiểu'; the page does not wait."""
        self._fill(self.tr("Cổng dịch vụ công nhắn bạn"), text, self.tr("Đã hiểu"), None)

    def confirm(self, text: str) -> bool:
        """Ask the page's yes/no question and wait for the answer."""
        if self._loop is not None:
            return False  # one question at a time
        self._fill(self.tr("Cổng dịch vụ công hỏi bạn"), text, self.tr("Đồng ý"), self.tr("Không"))
        self._answer = False
        self._loop = QEventLoop()
        self._loop.exec()
        self._loop = None
        return self._answer

    def cancel(self) -> None:
        """Answer 'no' and close (the session is ending)."""
        self._answered(False)

    def _fill(self, heading: str, text: str, yes: str, no: str | None) -> None:
        self.heading.setText(heading)
        self.text.setText(text)
        self.yes.setText(yes)
        self.no.setVisible(no is not None)
        self.no.setText(no or "")
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.yes.setFocus()

    def _answered(self, yes: bool) -> None:
        self._answer = yes
        self.hide()
        if self._loop is not None:
            self._loop.quit()
