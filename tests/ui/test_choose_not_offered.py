"""A request the kiosk does not teach, on the real Choose screen: the not-offered answer and
the nearest procedure that is taught, found from words typed as residents type them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit


@pytest.mark.parametrize("typed", ["dang ky doanh nghiep", "thanh lap cong ty"])
def test_a_company_request_shows_the_answer_and_household_business(
    qtbot: Any, make_kiosk: Any, typed: str
) -> None:
    """Typing 'dang ky doanh nghiep' shows why it is not here and the tile of đăng ký hộ kinh
    doanh; 'Kết quả cho' says the words back with their accents."""
    kiosk = make_kiosk()
    window = kiosk.window
    qtbot.mouseClick(window.findChild(QAbstractButton, "startButton"), Qt.MouseButton.LeftButton)
    choose = window.pages["choose"]
    search = choose.findChild(QLineEdit, "searchBox")
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, typed)
    assert choose.not_found.isVisible()
    assert "doanh nghiệp" in choose.not_found.text()
    assert list(choose.tile_buttons) == ["dang-ky-thanh-lap-ho-kinh-doanh"]
    assert choose.list_heading.text().startswith("Kết quả cho: ")
