"""Choose: the most used procedures as big tiles, categories, a UBND/Công an filter, search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.wizard import AgencyFilter, Wizard, WizardView
from ui.pages.base import Page
from ui.widgets.common import button, label, toggle
from ui.widgets.tile import TileButton

CATEGORY_COLUMNS = 5
TILE_COLUMNS = 2


class ChoosePage(Page):
    """The resident picks what they need to do."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(wizard, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(12)

        self.heading = label("", "h1")
        layout.addWidget(self.heading)

        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(False)
        self.search.textEdited.connect(wizard.set_query)
        self.clear = button("", "secondary", "clearSearch")
        self.clear.clicked.connect(self._clear)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.clear)
        layout.addLayout(search_row)

        filter_row = QHBoxLayout()
        self.agency_group = QButtonGroup(self)
        for value in AgencyFilter:
            b = toggle("", f"agency-{value.value}")
            b.setProperty("value", value.value)
            b.clicked.connect(lambda _=False, v=value.value: wizard.set_agency(v))
            self.agency_group.addButton(b)
            filter_row.addWidget(b)
        filter_row.addStretch(1)
        layout.addLayout(filter_row)

        self.category_grid = QGridLayout()
        self.category_grid.setSpacing(8)
        self.category_group = QButtonGroup(self)
        self.category_group.setExclusive(False)
        for i, category in enumerate(wizard.catalog.categories.values()):
            b = toggle(category.name.vi, f"category-{category.id}")
            b.setProperty("value", category.id)
            b.clicked.connect(lambda checked, c=category.id: self._pick_category(c, checked))
            self.category_group.addButton(b)
            self.category_grid.addWidget(b, i // CATEGORY_COLUMNS, i % CATEGORY_COLUMNS)
        layout.addLayout(self.category_grid)

        self.list_heading = label("", "h2")
        layout.addWidget(self.list_heading)
        self.not_found = label("", "notice")
        self.not_found.setObjectName("notFound")
        layout.addWidget(self.not_found)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tiles_host = QWidget()
        self.tiles = QGridLayout(self.tiles_host)
        self.tiles.setSpacing(12)
        self.tiles.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.tiles_host)
        layout.addWidget(self.scroll, 1)

        nav = QHBoxLayout()
        self.back = button("", "secondary", "backButton")
        self.back.clicked.connect(wizard.back)
        nav.addWidget(self.back)
        nav.addStretch(1)
        layout.addLayout(nav)
        self.tile_buttons: dict[str, TileButton] = {}

    def _clear(self) -> None:
        self.search.clear()
        self.wizard.set_query("")
        self.search.setFocus()

    def _pick_category(self, category: str, checked: bool) -> None:
        self.wizard.set_category(category if checked else None)

    def wipe(self) -> None:
        self.search.clear()

    def render(self, view: WizardView) -> None:
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
        agency_names = {
            AgencyFilter.ALL.value: self.tr("Tất cả"),
            AgencyFilter.UBND.value: self.tr("UBND phường"),
            AgencyFilter.CONG_AN.value: self.tr("Công an"),
        }
        for b in self.agency_group.buttons():
            b.setText(agency_names[b.property("value")])
            b.setChecked(b.property("value") == choose.agency.value)
        for b in self.category_group.buttons():
            category = self.wizard.catalog.categories[b.property("value")]
            b.setText(category.name.get(lang))
            b.setChecked(b.property("value") == choose.category)

        if choose.searched:
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
                    "chọn một nhóm ở trên, hoặc bấm \"Gọi tình nguyện viên\"."
                )
            )
        self.not_found.setVisible(
            choose.not_offered is not None or (choose.searched and not choose.procedures)
        )
        self._fill_tiles(choose.procedures, lang)

    def _fill_tiles(self, procedures, lang: str) -> None:  # type: ignore[no-untyped-def]
        while self.tiles.count():
            item = self.tiles.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.tile_buttons = {}
        agencies = self.wizard.catalog.agencies
        for i, p in enumerate(procedures):
            tile = TileButton(p.short_name.get(lang), agencies[p.agency].name.get(lang))
            tile.setObjectName(f"tile-{p.id}")
            tile.clicked.connect(lambda _=False, pid=p.id: self.wizard.choose(pid))
            self.tiles.addWidget(tile, i // TILE_COLUMNS, i % TILE_COLUMNS)
            self.tile_buttons[p.id] = tile

    def speech_text(self) -> str:
        names = ", ".join(t.title.text() for t in self.tile_buttons.values())
        return f"{self.heading.text()} {names}"
