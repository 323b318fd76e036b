"""Guided steps: one step per screen — 'Bước 3/8', text, illustration, tip, common mistake."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.paths import resources_dir
from kiosk.protocol import PracticeModule
from kiosk.wizard import Wizard, WizardView
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
        self.title = label("", "h1")
        outer.addWidget(self.progress)
        outer.addWidget(self.title)

        scroll = scroll_area()
        content = scroll.content
        row = QHBoxLayout(content)
        row.setSpacing(24)
        self.image = Illustration()
        row.addWidget(self.image, 5)
        text_col = QVBoxLayout()
        text_col.setSpacing(12)
        self.body = label("", None)
        self.tip = label("", "tip")
        self.mistake = label("", "mistake")
        self.practice = button("", "secondary", "practiceButton")
        self.practice.clicked.connect(lambda: wizard.open_practice())
        for w in (self.body, self.tip, self.mistake):
            text_col.addWidget(w)
        text_col.addWidget(self.practice)
        self.portal = PortalButton(wizard)  # 'Làm ngay trên máy này' (ui/portal/)
        text_col.addWidget(self.portal)
        text_col.addStretch(1)
        row.addLayout(text_col, 6)
        outer.addWidget(scroll, 1)

        nav, self.back, forward = nav_bar(wizard.back, wizard.next)
        assert forward is not None
        self.next = forward
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
        self.body.setText(step.body.get(lang))
        self.tip.setVisible(step.tip is not None)
        if step.tip:
            self.tip.setText(self.tr("Mẹo: ") + step.tip.get(lang))
        self.mistake.setVisible(step.mistake is not None)
        if step.mistake:
            self.mistake.setText(self.tr("Hay nhầm: ") + step.mistake.get(lang))
        path = resources_dir() / "images" / step.image if step.image else None
        self.image.show_image(path, self.tr("Hình minh họa đang được cập nhật."))
        self.practice.setVisible(step.practice is not None)
        if step.practice == PracticeModule.CCCD.value:
            self.practice.setText(self.tr("Thực hành: nhập số định danh 12 số"))
        elif step.practice == PracticeModule.VNEID_ACTIVATION.value:
            self.practice.setText(self.tr("Thực hành: kích hoạt tài khoản VNeID"))
        self.portal.show_view(view)
        self.back.setText(self.tr("‹ Quay lại"))
        last = view.step_index + 1 == view.step_count
        self.next.setText(self.tr("Hoàn tất ›") if last else self.tr("Tiếp tục ›"))

    def speech_text(self) -> str:
        parts = [self.progress.text(), self.title.text(), self.body.text()]
        if self.tip.isVisible():
            parts.append(self.tip.text())
        if self.mistake.isVisible():
            parts.append(self.mistake.text())
        return ". ".join(parts)
