"""Overview of a procedure: what it is for, who, what to prepare, fee, time, portal, account."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk import format as fmt
from kiosk.catalog.model import Procedure
from kiosk.clock import local_today
from kiosk.wizard import Wizard, WizardView
from ui import messages
from ui.pages.base import Page
from ui.widgets.common import label, nav_bar, scroll_area


class TickLabel(QLabel):
    """The wrapped text of a checklist row: pressing it ticks its box, like the box itself."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.box.toggle()
        event.accept()


class Checklist(QWidget):
    """Documents to prepare, each a big tickable row (ticks live only on screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.boxes: list[QCheckBox] = []

    def show_items(self, items: list[str]) -> None:
        """Replace the rows with `items`, all unticked."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.boxes = []
        for row, text in enumerate(items):
            box = QCheckBox()
            box.setAccessibleName(text)
            text_label = TickLabel(text, box)
            self.grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(text_label, row, 1)
            self.boxes.append(box)
        self.grid.setColumnStretch(1, 1)


class OverviewPage(Page):
    """Everything to know before starting, on one scrollable screen."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(wizard, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 16)
        self.title = label("", "h1")
        self.official = label("", "small")
        self.checked = label("", "small")
        self.checked.setObjectName("checkedDate")
        outer.addWidget(self.title)
        outer.addWidget(self.official)
        outer.addWidget(self.checked)

        scroll = scroll_area()
        self.body = QVBoxLayout(scroll.content)
        self.body.setSpacing(10)
        outer.addWidget(scroll, 1)

        self.summary = label("", None)
        self.body.addWidget(self.summary)
        self.sections: dict[str, tuple[object, object]] = {}
        self.checklist = Checklist()
        for key in ("who", "documents", "fee", "time", "portal", "account", "result"):
            heading = label("", "h2")
            content = self.checklist if key == "documents" else label("", "fact")
            self.body.addWidget(heading)
            self.body.addWidget(content)
            self.sections[key] = (heading, content)
            if key == "documents":
                # An unconfirmed list says so: "… chưa xác nhận được — kiểm tra lại trên cổng."
                self.documents_note = label("", "fact")
                self.documents_note.setObjectName("documentsNote")
                self.body.addWidget(self.documents_note)
        self.translation_note = label("", "small")
        self.body.addWidget(self.translation_note)
        self.body.addStretch(1)

        nav, self.back, forward = nav_bar(wizard.back, wizard.begin_steps)
        assert forward is not None
        self.next = forward
        outer.addLayout(nav)

    def show_view(self, view: WizardView) -> None:
        p = view.procedure
        if p is None:
            return
        lang = view.language
        self.title.setText(p.short_name.get(lang))
        self.official.setText(self.tr("Tên chính thức: %s") % p.name.get(lang))
        self.official.setVisible(p.name.get(lang) != p.short_name.get(lang))
        self.checked.setText(messages.checked_line(fmt.day(p.checked)))
        self.summary.setText(p.summary.get(lang))
        headings = {
            "who": self.tr("Ai làm được?"),
            "documents": self.tr("Cần chuẩn bị (bấm để đánh dấu)"),
            "fee": self.tr("Lệ phí"),
            "time": self.tr("Thời gian giải quyết"),
            "portal": self.tr("Làm ở đâu?"),
            "account": self.tr("Tài khoản cần có"),
            "result": self.tr("Nhận kết quả"),
        }
        for key, (heading, content) in self.sections.items():
            heading.setText(headings[key])  # type: ignore[attr-defined]
            if content is not self.checklist:
                content.setText(self._fact(key, p, lang))  # type: ignore[attr-defined]
        note = messages.documents_line(p.document_list)
        self.documents_note.setText(note)
        self.documents_note.setVisible(bool(note))
        if self.checklist.property("procedure") != p.id:
            self.checklist.show_items([d.get(lang) for d in p.documents])
            self.checklist.setProperty("procedure", p.id)
        self.back.setText(self.tr("‹ Quay lại"))
        self.next.setText(self.tr("Xem các bước (%n bước) ›", "", len(p.steps)))
        self.translation_note.setVisible(lang != "vi" and not p.summary.translated(lang))
        self.translation_note.setText(
            self.tr("Phần này chưa có bản dịch, đang hiển thị tiếng Việt.")
        )

    def _fact(self, key: str, p: Procedure, lang: str) -> str:
        catalog = self.wizard.catalog
        if key == "who":
            agency = catalog.agencies[p.agency].name.get(lang)
            office = self.tr("Cơ quan giải quyết:")
            return f"{p.who.get(lang)}\n{office} {agency}"
        if key == "fee":
            today = local_today(self.wizard.clock)
            return "\n".join(messages.fee_lines(p.fee, lang, today))
        if key == "time":
            return messages.time_line(p.processing_time, lang)
        if key == "portal":
            return "\n".join(
                f"{catalog.portals[i].name.get(lang)}: {catalog.portals[i].url}" for i in p.portals
            )
        if key == "account":
            return messages.account_line(p.account)
        return p.result.get(lang)

    def wipe(self) -> None:
        self.checklist.setProperty("procedure", None)
        for box in self.checklist.boxes:
            box.setChecked(False)

    def speech_text(self) -> str:
        return f"{self.title.text()}. {self.summary.text()}"
