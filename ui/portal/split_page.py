"""The split screen: the guide's current step beside the real portal.

The guide column keeps working while the portal is open — "Bước 3/8", the step's words, back
and next, read-aloud (the top bar reads this column) and the volunteer button (top bar) — and
'Về hướng dẫn' leaves the portal for the guide alone; the resident's login stays until the end
of their session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

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


class GuideColumn(QWidget):
    """The current step, narrow: progress, title, words, tip, mistake; back, next, leave."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portalGuide")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("role", "portal-guide")
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 12, 20, 12)
        column.setSpacing(8)
        self.progress = label("", "progress")
        self.progress.setObjectName("stepProgress")
        self.title = label("", "h2")
        column.addWidget(self.progress)
        column.addWidget(self.title)
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
        self.leave = button("", "secondary", "portalLeaveButton")
        self.leave.clicked.connect(wizard.close_portal)
        column.addWidget(self.leave)
        nav = QHBoxLayout()
        nav.setSpacing(8)
        self.back = button("", "secondary", "backButton")
        self.back.clicked.connect(wizard.back)
        self.next = button("", None, "nextButton")
        self.next.clicked.connect(wizard.next)
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        column.addLayout(nav)

    def show_view(self, view: WizardView) -> None:
        """The current step's words, in the resident's language."""
        step = view.step
        if step is None:
            return
        lang = view.language
        self.progress.setText(
            self.tr("Bước %1/%2")
            .replace("%1", str(view.step_index + 1))
            .replace("%2", str(view.step_count))
        )
        self.title.setText(step.title.get(lang))
        self.body.setText(step.body.get(lang))
        self.tip.setVisible(step.tip is not None)
        if step.tip:
            self.tip.setText(self.tr("Mẹo: ") + step.tip.get(lang))
        self.mistake.setVisible(step.mistake is not None)
        if step.mistake:
            self.mistake.setText(self.tr("Hay nhầm: ") + step.mistake.get(lang))
        self.leave.setText(self.tr("‹ Về hướng dẫn"))
        self.back.setText(self.tr("‹ Quay lại"))
        last = view.step_index + 1 == view.step_count
        self.next.setText(self.tr("Hoàn tất ›") if last else self.tr("Tiếp tục ›"))
        self.setFixedWidth(round(GUIDE_WIDTH * SCALE.get(view.text_size, 1.0)))

    def speech_text(self) -> str:
        """What 'Đọc to' reads: the step, as on the guide's own screen."""
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
        row.addWidget(self.guide)
        row.addWidget(self.pane, 1)
        self.typing.keyboard.dock(self, self.guide.back)

    def show_view(self, view: WizardView) -> None:
        self.guide.show_view(view)
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
