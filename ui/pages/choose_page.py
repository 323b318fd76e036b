"""Choose: the most used procedures as big tiles, categories, a UBND/Công an filter, search.

Filters sit in a scrolling column on the left (big wrapped chips); results fill the right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog.model import Procedure
from kiosk.wizard import AgencyFilter, Wizard, WizardView
from ui.pages.base import Page
from ui.typing import TypingTools
from ui.widgets.common import button, label, nav_bar, scroll_area
from ui.widgets.tile import TileButton

FILTER_WIDTH = 320
TILE_COLUMNS = 2


class ChoosePage(Page):
    """The resident picks what they need to do."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(wizard, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(10)

        self.heading = label("", "h1")
        layout.addWidget(self.heading)

        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.textEdited.connect(wizard.set_query)
        self.clear = button("", "secondary", "clearSearch")
        self.clear.clicked.connect(self._clear)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.clear)
        layout.addLayout(search_row)
        self.typing = TypingTools(wizard, self.search, parent=self)
        layout.addWidget(self.typing.switch)

        body = QHBoxLayout()
        body.setSpacing(16)
        self.filter_scroll = scroll_area(sideways=False)
        self.filter_scroll.setFixedWidth(FILTER_WIDTH)
        column = QVBoxLayout(self.filter_scroll.content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(8)
        self.agency_heading = label("", "h2")
        column.addWidget(self.agency_heading)
        self.agency_buttons: dict[str, TileButton] = {}
        for value in AgencyFilter:
            chip = TileButton("", role="chip")
            chip.setCheckable(True)
            chip.setObjectName(f"agency-{value.value}")
            chip.clicked.connect(lambda _=False, v=value.value: wizard.set_agency(v))
            column.addWidget(chip)
            self.agency_buttons[value.value] = chip
        self.category_heading = label("", "h2")
        column.addWidget(self.category_heading)
        self.category_buttons: dict[str, TileButton] = {}
        for category in wizard.catalog.categories.values():
            chip = TileButton(category.name.vi, role="chip")
            chip.setCheckable(True)
            chip.setObjectName(f"category-{category.id}")
            chip.clicked.connect(lambda checked, c=category.id: self._pick_category(c, checked))
            column.addWidget(chip)
            self.category_buttons[category.id] = chip
        column.addStretch(1)
        body.addWidget(self.filter_scroll)

        results = QVBoxLayout()
        self.list_heading = label("", "h2")
        results.addWidget(self.list_heading)
        self.not_found = label("", "notice")
        self.not_found.setObjectName("notFound")
        results.addWidget(self.not_found)
        self.results_area = scroll_area(sideways=False)
        self.tiles_host = self.results_area.content
        self.tiles = QGridLayout(self.tiles_host)
        self.tiles.setContentsMargins(0, 0, 8, 0)
        self.tiles.setSpacing(12)
        self.tiles.setAlignment(Qt.AlignmentFlag.AlignTop)
        for column_index in range(TILE_COLUMNS):
            self.tiles.setColumnStretch(column_index, 1)
        results.addWidget(self.results_area, 1)
        body.addLayout(results, 1)
        layout.addLayout(body, 1)

        nav, self.back, _ = nav_bar(wizard.back)
        layout.addLayout(nav)
        # The on-screen keyboard floats above 'Quay lại'; while it is open, the results need
        # the room more than the heading and the filters (the search box says what to type).
        self.typing.keyboard.dock(self, self.back)
        self.typing.keyboard.wanted_changed.connect(self._keyboard_open)
        self.tile_buttons: dict[str, TileButton] = {}
        self._shown: tuple[tuple[str, ...], str] = ((), "")

    def _keyboard_open(self, shown: bool) -> None:
        self.heading.setVisible(not shown)
        self.filter_scroll.setVisible(not shown)

    def _clear(self) -> None:
        self.search.clear()
        self.wizard.set_query("")
        self.search.setFocus()

    def _pick_category(self, category: str, checked: bool) -> None:
        self.wizard.set_category(category if checked else None)

    def wipe(self) -> None:
        self.search.clear()
        self.typing.wipe()

    def show_view(self, view: WizardView) -> None:
        lang = view.language
        choose = self.wizard.choose_view
        self.heading.setText(self.tr("Bạn cần làm thủ tục gì?"))
        self.search.setPlaceholderText(
            self.tr("Gõ tên thủ tục, không cần dấu. Ví dụ: tam tru, khai sinh, bang lai")
        )
        if self.search.text() != choose.query:
            self.search.setText(choose.query)
        self.clear.setText(self.tr("Xóa"))
        self.back.setText(self.tr("‹ Quay lại"))
        self.agency_heading.setText(self.tr("Cơ quan"))
        self.category_heading.setText(self.tr("Nhóm thủ tục"))
        agency_names = {
            AgencyFilter.ALL.value: self.tr("Tất cả"),
            AgencyFilter.UBND.value: self.tr("UBND phường"),
            AgencyFilter.CONG_AN.value: self.tr("Công an"),
        }
        for value, chip in self.agency_buttons.items():
            chip.set_texts(agency_names[value])
            chip.setChecked(value == choose.agency.value)
        for cid, chip in self.category_buttons.items():
            chip.set_texts(self.wizard.catalog.categories[cid].name.get(lang))
            chip.setChecked(cid == choose.category)

        self.typing.show_view(view)
        if choose.searched and choose.understood:
            # Said back with its accents, so the resident sees what the kiosk understood.
            self.list_heading.setText(self.tr("Kết quả cho: %s") % choose.understood)
        elif choose.searched:
            self.list_heading.setText(self.tr("Kết quả tìm kiếm"))
        elif choose.category or choose.agency != AgencyFilter.ALL:
            self.list_heading.setText(self.tr("Các thủ tục"))
        else:
            self.list_heading.setText(self.tr("Thủ tục nhiều người làm nhất"))

        if choose.not_offered is not None:
            self.not_found.setText(choose.not_offered.message.get(lang))
        elif choose.searched and not choose.procedures:
            self.not_found.setText(
                self.tr(
                    "Chưa tìm thấy thủ tục nào với từ này. Bạn thử gõ từ khác, "
                    'chọn một nhóm bên trái, hoặc bấm "Gọi tình nguyện viên".'
                )
            )
        self.not_found.setVisible(
            choose.not_offered is not None or (choose.searched and not choose.procedures)
        )
        self._fill_tiles(choose.procedures, lang)

    def _fill_tiles(self, procedures: tuple[Procedure, ...], lang: str) -> None:
        shown = (tuple(p.id for p in procedures), lang)
        if shown == self._shown:
            return
        self._shown = shown
        while self.tiles.count():
            item = self.tiles.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater runs later; never let an old tile show meanwhile
                widget.deleteLater()
        self.tile_buttons = {}
        agencies = self.wizard.catalog.agencies
        for i, p in enumerate(procedures):
            tile = TileButton(p.short_name.get(lang), agencies[p.agency].name.get(lang))
            tile.setObjectName(f"tile-{p.id}")
            tile.clicked.connect(lambda _=False, pid=p.id: self.wizard.choose(pid))
            self.tiles.addWidget(tile, i // TILE_COLUMNS, i % TILE_COLUMNS)
            tile.show()  # a layout shows new children only later, from the event loop
            self.tile_buttons[p.id] = tile
        self.results_area.verticalScrollBar().setValue(0)

    def speech_text(self) -> str:
        names = ", ".join(t.title.text() for t in self.tile_buttons.values())
        return f"{self.heading.text()} {names}"
