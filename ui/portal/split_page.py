"""The split screen: the guide's current step beside the real portal.

The guide column keeps working while the portal is open — "Bước 3/8", the step's words, back
and next, read-aloud (the top bar reads this column) and the volunteer button (top bar) — and
'Về hướng dẫn' leaves the portal for the guide alone; the resident's login stays until the end
of their session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.portal_steps import offer_to_follow
from kiosk.protocol import TextSize
from kiosk.wizard import Wizard, WizardView
from ui.pages.base import Page
from ui.portal.controller import PortalProblem
from ui.portal.pane import PortalPane
from ui.theme import SCALE, keep_normal_size
from ui.typing import TypingTools
from ui.widgets.common import button, label, scroll_area

if TYPE_CHECKING:
    from ui.portal.controller import PortalController

GUIDE_WIDTH = 380  # px at the normal text size; it grows with the text, the portal shrinks
STRIP_WIDTH = 180  # px at least, the folded guide (wider only as its button needs)
STRIP_MARGIN = 12
# Where the guide folds by itself when the portal opens: at these sizes the open column takes
# 475-570 of 1366 px, and the portal's page, zoomed with the text, had ~530 CSS px of width.
FOLDED_AT = frozenset({TextSize.LARGE.value, TextSize.XLARGE.value})


class GuideColumn(QWidget):
    """The current step, narrow: progress, title, words, tip, mistake; back, next, leave.

    It folds to a slim strip — "Bước 3/8", the step's title and a tap to open it — so the
    portal's page gets the width; read-aloud stays in the top bar, which reads this column.
    While the portal is beside it the buttons say what they do to the guide ("Bước sau của
    hướng dẫn"), never a bare «Tiếp tục» that a resident takes for the portal's own.
    """

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portalGuide")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("role", "portal-guide")
        self.wizard = wizard
        self._size = TextSize.NORMAL.value
        self._chosen: bool | None = None  # the resident's own fold/open, this session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.full = QWidget()
        outer.addWidget(self.full)
        column = QVBoxLayout(self.full)
        column.setContentsMargins(20, 12, 20, 12)
        column.setSpacing(8)
        head = QHBoxLayout()
        self.progress = label("", "progress")
        self.progress.setObjectName("stepProgress")
        self.fold_button = button("", "secondary", "portalGuideFold")
        self.fold_button.clicked.connect(lambda: self.set_folded(True))
        head.addWidget(self.progress, 1)
        head.addWidget(self.fold_button)
        column.addLayout(head)
        self.title = label("", "h2")
        column.addWidget(self.title)
        # "Cổng đang ở bước: …": shown when the portal's page is another step's (never moves
        # the guide by itself: kiosk/portal_steps.py).
        self.follow_box = QWidget()
        self.follow_box.setObjectName("portalFollow")
        follow = QVBoxLayout(self.follow_box)
        follow.setContentsMargins(0, 0, 0, 0)
        follow.setSpacing(6)
        self.follow_text = label("", "tip")
        self.follow_button = button("", None, "portalFollowButton")
        self.follow_button.clicked.connect(self._follow)
        follow.addWidget(self.follow_text)
        follow.addWidget(self.follow_button)
        self.follow_box.hide()
        self._follow_to: int | None = None
        column.addWidget(self.follow_box)
        scroll = scroll_area(sideways=False)
        text = QVBoxLayout(scroll.content)
        text.setContentsMargins(0, 0, 8, 0)
        text.setSpacing(10)
        self.body = label("", None)
        self.tip = label("", "tip")
        self.mistake = label("", "mistake")
        for widget in (self.body, self.tip, self.mistake):
            text.addWidget(widget)
        text.addStretch(1)
        column.addWidget(scroll, 1)
        # A row each (side by side they clipped); the guide's next step first.
        self.next = button("", None, "nextButton")
        self.next.clicked.connect(wizard.next)
        self.back = button("", "secondary", "backButton")
        self.back.clicked.connect(wizard.back)
        self.leave = button("", "secondary", "portalLeaveButton")
        self.leave.clicked.connect(wizard.close_portal)
        for nav in (self.next, self.back, self.leave):
            # Their full height always: the step's words above scroll instead.
            nav.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            column.addWidget(nav)

        self.strip = QWidget()
        self.strip.setObjectName("portalGuideStrip")
        outer.addWidget(self.strip)
        strip = QVBoxLayout(self.strip)
        strip.setContentsMargins(STRIP_MARGIN, STRIP_MARGIN, STRIP_MARGIN, STRIP_MARGIN)
        strip.setSpacing(8)
        self.strip_progress = label("", "progress")
        self.strip_title = label("", None)
        self.strip_title.setObjectName("portalGuideStripTitle")
        self.open_button = button("", None, "portalGuideOpen")
        self.open_button.clicked.connect(lambda: self.set_folded(False))
        # The offer to follow the portal, folded: one tap, and the strip stays a strip.
        self.strip_follow = button("", "secondary", "portalGuideStripFollow")
        self.strip_follow.clicked.connect(self._follow)
        self.strip_follow.hide()
        strip.addWidget(self.strip_progress)
        strip_scroll = scroll_area(sideways=False)
        strip_text = QVBoxLayout(strip_scroll.content)
        strip_text.setContentsMargins(0, 0, 0, 0)
        strip_text.addWidget(self.strip_title)
        strip_text.addStretch(1)
        strip.addWidget(strip_scroll, 1)
        strip.addWidget(self.strip_follow)
        strip.addWidget(self.open_button)
        self.strip.hide()

    # ----- following the portal ----------------------------------------------------------
    def offer_step(self, index: int | None, title: str = "") -> None:
        """Offer to move the guide to step `index` (None: the portal and guide agree)."""
        self._follow_to = index
        if index is None:
            self.follow_box.hide()
            self.strip_follow.hide()
            self._apply_fold()
            return
        self.follow_text.setText(
            self.tr("Cổng đang ở bước %1: %2 — chuyển hướng dẫn?")
            .replace("%1", str(index + 1))
            .replace("%2", title)
        )
        self.follow_button.setText(self.tr("Chuyển tới bước %1 ›").replace("%1", str(index + 1)))
        self.strip_follow.setText(self.tr("Cổng ở\nbước %1 ›").replace("%1", str(index + 1)))
        self.strip_follow.setAccessibleName(self.follow_text.text())
        self.follow_box.show()
        self.strip_follow.show()
        self._apply_fold()  # the strip may need to be wider for the offer

    @property
    def offered(self) -> int | None:
        """The step the guide offers to move to (the portal's page is that step's), or None."""
        return self._follow_to

    def _follow(self) -> None:
        if self._follow_to is not None:
            self.wizard.go_to_step(self._follow_to)

    # ----- folding -----------------------------------------------------------------------
    @property
    def folded(self) -> bool:
        """Whether the guide shows as the slim strip (the resident's choice this session,
        else folded at 'Lớn' and 'Rất lớn')."""
        return self._chosen if self._chosen is not None else self._size in FOLDED_AT

    def set_folded(self, folded: bool) -> None:
        """The resident folded or opened the guide: kept until her session ends."""
        self._chosen = folded
        self._apply_fold()

    def forget_choice(self) -> None:
        """A new resident: the fold follows the text size again."""
        self._chosen = None
        self._apply_fold()

    def _apply_fold(self) -> None:
        folded = self.folded
        self.full.setVisible(not folded)
        self.strip.setVisible(folded)
        if folded:
            buttons = [self.open_button]
            if self._follow_to is not None:
                buttons.append(self.strip_follow)
            for widget in buttons:
                widget.ensurePolished()  # measured with the text size's stylesheet
            need = max(w.sizeHint().width() for w in buttons) + 2 * STRIP_MARGIN
            self.setFixedWidth(max(STRIP_WIDTH, need))
        else:
            self.setFixedWidth(round(GUIDE_WIDTH * SCALE.get(self._size, 1.0)))

    # ----- showing -----------------------------------------------------------------------
    def show_view(self, view: WizardView) -> None:
        """The current step's words, in the resident's language."""
        step = view.step
        if step is None:
            return
        lang = view.language
        progress = (
            self.tr("Bước %1/%2")
            .replace("%1", str(view.step_index + 1))
            .replace("%2", str(view.step_count))
        )
        self.progress.setText(progress)
        self.strip_progress.setText(progress)
        self.title.setText(step.title.get(lang))
        self.strip_title.setText(step.title.get(lang))
        self.body.setText(step.body.get(lang))
        self.tip.setVisible(step.tip is not None)
        if step.tip:
            self.tip.setText(self.tr("Mẹo: ") + step.tip.get(lang))
        self.mistake.setVisible(step.mistake is not None)
        if step.mistake:
            self.mistake.setText(self.tr("Hay nhầm: ") + step.mistake.get(lang))
        self.leave.setText(self.tr("‹ Về hướng dẫn"))
        self.back.setText(self.tr("‹ Bước trước"))
        self.back.setEnabled(view.step_index > 0)
        last = view.step_index + 1 == view.step_count
        self.next.setText(
            # Two lines: in the column's width one line of these words clipped.
            self.tr("Hoàn tất\nhướng dẫn ›") if last else self.tr("Bước sau\ncủa hướng dẫn ›")
        )
        self.fold_button.setText(self.tr("‹ Thu gọn"))
        self.fold_button.setAccessibleName(self.tr("Thu gọn hướng dẫn"))
        self.open_button.setText(self.tr("Mở\nhướng dẫn"))
        self.open_button.setAccessibleName(self.tr("Mở hướng dẫn"))
        self._size = view.text_size
        self._apply_fold()

    def speech_text(self) -> str:
        """What 'Đọc to' reads: the step, as on the guide's own screen (folded or not)."""
        parts = [self.progress.text(), self.title.text(), self.body.text()]
        parts += [w.text() for w in (self.tip, self.mistake) if not w.isHidden()]
        return ". ".join(parts)


class PortalSplitPage(Page):
    """The step beside the portal pane (built on the first 'Làm ngay trên máy này')."""

    def __init__(self, wizard: Wizard, controller: PortalController) -> None:
        super().__init__(wizard)
        self.setObjectName("portalSplitPage")
        self.controller = controller
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.guide = GuideColumn(wizard)
        self._portal_url = ""  # the page the portal shows (its path decides the offer)
        self.pane = PortalPane(controller)
        self.pane.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.pane.leave_wanted.connect(wizard.close_portal)
        # Telex / VNI in the portal's forms (#16): the switch above the page, the on-screen
        # keyboard over the bottom of the screen when asked; each new view (popups too) gets it.
        self.typing = TypingTools(wizard, parent=self)
        tools = QWidget()
        tools.setObjectName("portalTypingRow")
        tools_row = QHBoxLayout(tools)
        tools_row.setContentsMargins(16, 6, 16, 6)  # as the address bar above it
        tools_row.addWidget(self.typing.switch)
        # Normal size at every text size: beside the guide column grown to 'Rất lớn' the row
        # has ~800 px, and the page below zooms with the resident's choice anyway.
        keep_normal_size(tools)
        self.typing.switch.set_compact()
        self.pane.add_tools(tools)
        self.pane.view_made.connect(self.typing.attach)
        self.pane.view_made.connect(self._follow_pages)
        row.addWidget(self.guide)
        row.addWidget(self.pane, 1)
        # Over the portal's pane only, which keeps the keys' height free under the page: the
        # field being typed into is never under the keyboard (the guide beside stays whole).
        self.typing.keyboard.dock_over(self.pane, self.pane.make_room)

    def _follow_pages(self, web_view: QWebEngineView) -> None:
        """Each page the portal opens (in this view) may be another step's."""
        web_view.urlChanged.connect(lambda url: self._portal_page(url.toString()))

    def _portal_page(self, url: str) -> None:
        self._portal_url = url
        self._offer()

    def _offer(self) -> None:
        view = self.wizard.view
        procedure = view.procedure
        if procedure is None or not view.portal_open or not self._portal_url:
            self.guide.offer_step(None)
            return
        index = offer_to_follow(procedure.steps, self._portal_url, view.step_index)
        title = procedure.steps[index].title.get(view.language) if index is not None else ""
        self.guide.offer_step(index, title)

    def show_view(self, view: WizardView) -> None:
        self.guide.show_view(view)
        self._offer()
        self.typing.show_view(view)
        self.pane.set_text_size(view.text_size)
        procedure = view.procedure
        if not view.portal_open or procedure is None:
            return
        url = self.wizard.portal.page(procedure)
        try:
            session = self.controller.ensure_session()
        except PortalProblem:
            self.pane.show_problem()
            return
        if url is not None:
            self.pane.show_portal(session, url, procedure.id)

    def speech_text(self) -> str:
        return self.guide.speech_text()

    def forget_session(self) -> None:
        """The controller ended the session: the pane lets go of its views, and the typing
        forgets the word being composed and closes its keyboard."""
        self.pane.forget_session()
        self.typing.wipe()
        self.guide.forget_choice()
        self._portal_url = ""
        self.guide.offer_step(None)
