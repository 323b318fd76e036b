"""Guided steps: one step per screen — 'Bước 3/8', text, illustration, tip, common mistake."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk import format as fmt
from kiosk.paths import resources_dir
from kiosk.protocol import PracticeModule
from kiosk.wizard import Wizard, WizardView
from ui.messages import checked_line
from ui.pages.base import Page
from ui.portal.step_button import PortalButton
from ui.widgets.common import button, label, nav_bar, scroll_area
from ui.widgets.illustration import Illustration


class StepPage(Page):
    """One step of the chosen procedure."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(wizard, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 16)
        outer.setSpacing(10)
        self.progress = label("", "progress")
        self.progress.setObjectName("stepProgress")
        self.checked = label("", "small", wrap=False)
        self.checked.setObjectName("checkedDate")
        header = QHBoxLayout()
        header.addWidget(self.progress, 1)
        header.addWidget(self.checked, 0, Qt.AlignmentFlag.AlignBottom)
        self.title = label("", "h1")
        outer.addLayout(header)
        outer.addWidget(self.title)

        self.body_area = scroll = scroll_area()
        content = scroll.content
        row = self._row = QHBoxLayout(content)
        row.setSpacing(24)
        self.image = Illustration()
        self.image.setObjectName("stepImage")
        # At the top of its column, fitted to the visible height: the picture (and the part it
        # highlights) is seen whole without scrolling, however long the text beside it.
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.image, 5, Qt.AlignmentFlag.AlignTop)
        text_col = QVBoxLayout()
        text_col.setSpacing(12)
        self.body = label("", None)
        self.tip = label("", "tip")
        self.mistake = label("", "mistake")
        for w in (self.body, self.tip, self.mistake):
            text_col.addWidget(w)
        text_col.addStretch(1)
        row.addLayout(text_col, 6)
        outer.addWidget(scroll, 1)

        nav, self.back, forward = nav_bar(wizard.back, wizard.next)
        assert forward is not None
        self.next = forward
        # The practice and 'Làm ngay trên máy này' (ui/portal/) sit in their own row just above
        # 'Tiếp tục', always in view: below a long text they were off the screen at 'Rất lớn',
        # and in the navigation row itself the four buttons clipped at 1366 px.
        self.practice = button("", "secondary", "practiceButton")
        self.practice.clicked.connect(lambda: wizard.open_practice())
        self.portal = PortalButton(wizard)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.practice)
        actions.addWidget(self.portal)
        outer.addLayout(actions)
        outer.addLayout(nav)

    def show_view(self, view: WizardView) -> None:
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
        assert view.procedure is not None
        self.checked.setText(checked_line(fmt.day(view.procedure.checked)))
        self.body.setText(step.body.get(lang))
        self.tip.setVisible(step.tip is not None)
        if step.tip:
            self.tip.setText(self.tr("Mẹo: ") + step.tip.get(lang))
        self.mistake.setVisible(step.mistake is not None)
        if step.mistake:
            self.mistake.setText(self.tr("Hay nhầm: ") + step.mistake.get(lang))
        path = resources_dir() / "images" / step.image if step.image else None
        self.image.show_image(path, self.tr("Hình minh họa đang được cập nhật."))
        QTimer.singleShot(0, self, self._fit_image)  # not after the page is gone
        self.practice.setVisible(step.practice is not None)
        if step.practice == PracticeModule.CCCD.value:
            self.practice.setText(self.tr("Thực hành: nhập số định danh 12 số"))
        elif step.practice == PracticeModule.VNEID_ACTIVATION.value:
            self.practice.setText(self.tr("Thực hành: kích hoạt tài khoản VNeID"))
        self.portal.show_view(view)
        self.back.setText(self.tr("‹ Quay lại"))
        last = view.step_index + 1 == view.step_count
        self.next.setText(self.tr("Hoàn tất ›") if last else self.tr("Tiếp tục ›"))

    def _fit_image(self) -> None:
        # Not above the scroll area's visible height less the row's margins, so the whole
        # picture is in view.
        if self.isVisible():
            margins = self._row.contentsMargins()
            room = self.body_area.viewport().height() - margins.top() - margins.bottom()
            self.image.fit_height(room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_image)  # not after the page is gone

    def speech_text(self) -> str:
        parts = [self.progress.text(), self.title.text(), self.body.text()]
        if self.tip.isVisible():
            parts.append(self.tip.text())
        if self.mistake.isVisible():
            parts.append(self.mistake.text())
        return ". ".join(parts)
