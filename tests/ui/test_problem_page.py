"""The IT config page fits the screens it is shown on: its text scrolls, and "Thoát (dành cho
kỹ thuật viên)" — the button docs/it-guide.md tells IT to press — is on screen and takes a
click at 1024×768, 1280×800 and 1366×768, even with an error message much longer than a screen
(issue #20: the page was 974 px tall, so the button was below a 768 px screen)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from kiosk.config import ConfigError
from ui.app import make_app
from ui.pages.problem_page import CatalogProblemPage, ConfigProblemPage, ProblemPage

SHORT = "phải là một số nguyên (must be a whole number), không phải 'two minutes'"
LONG = "giá trị không hợp lệ ở dòng 3: " + "danh sách lồng nhau quá sâu, " * 60


def config_page(message: str) -> ProblemPage:
    return ConfigProblemPage(
        ConfigError("/etc/dvc-kiosk/kiosk.toml", "kiosk.idle_seconds", message)
    )


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1366, 768)])
@pytest.mark.parametrize("message", [SHORT, LONG], ids=["short", "long"])
def test_the_exit_button_is_on_screen_and_takes_a_click(
    qtbot: Any, size: tuple[int, int], message: str
) -> None:
    make_app()  # the kiosk's fonts and theme: the sizes are the real ones
    page = config_page(message)
    qtbot.addWidget(page)
    width, height = size
    page.setGeometry(0, 0, width, height)  # what ui.app.show does with the screen's geometry
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    assert page.minimumSizeHint().height() <= height
    assert page.height() == height, f"the page grew to {page.height()} px on a {size} screen"
    button = page.quit
    top_left = button.mapTo(page, QPoint(0, 0))
    bottom_right = button.mapTo(page, QPoint(button.width() - 1, button.height() - 1))
    assert page.rect().contains(top_left) and page.rect().contains(bottom_right), (
        f"button at {top_left}–{bottom_right}, page {page.rect()}"
    )
    center = button.rect().center()
    assert page.childAt(button.mapTo(page, center)) is button  # nothing covers it
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=center)
    assert clicks == [True]
    # Whatever the text, it is all reachable: scrolled when it is longer than the page.
    bar = page.text_area.verticalScrollBar()
    if message is LONG:
        assert bar.maximum() > 0
    else:
        assert bar.maximum() == 0, "a scroll bar for text that fits"


def test_the_catalog_page_keeps_its_exit_on_screen_too(qtbot: Any) -> None:
    make_app()
    page = CatalogProblemPage("catalog/manifest.json: " + "chữ ký không hợp lệ; " * 80)
    qtbot.addWidget(page)
    page.setGeometry(0, 0, 1024, 768)
    page.show()
    qtbot.waitExposed(page)
    assert page.height() == 768
    bottom = page.quit.mapTo(page, QPoint(0, page.quit.height() - 1)).y()
    assert bottom < 768
