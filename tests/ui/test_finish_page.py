"""The finish screen through the real window: checklist, QR code, printing, rating, 'Xong'."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.catalog.model import Catalog
from kiosk.config import demo_config
from kiosk.paths import AppDirs
from kiosk.wizard import Screen, Wizard
from tests.ui.kiosk_helpers import close_now, pinned_clock
from ui.main_window import KioskWindow
from ui.pages.finish_page import FinishPage
from ui.pages.practice_cccd_page import PracticeCccdPage
from ui.pages.practice_vneid_page import PracticeVneidPage
from ui.printing import PDF_NAME, ChecklistPrinter, checklist_document, is_virtual_printer
from ui.theme import apply_theme
from ui.widgets.qr import QUIET_ZONE, QrCode

PROCEDURE = "dang-ky-tam-tru"
TYPED_NUMBER = "079203001234"


@pytest.fixture
def window(qtbot: Any, ui_home: AppDirs, real_catalog: Catalog) -> Iterator[KioskWindow]:
    """The real window with a finish page on a PC without a printer, at the last step."""
    apply_theme(QApplication.instance())
    wizard = Wizard(real_catalog, clock=pinned_clock())
    pages = {
        "cccd": PracticeCccdPage(wizard),
        "vneid-activation": PracticeVneidPage(wizard),
        # Qt's printer lookup answers "none", as on most help-point PCs.
        "finish": FinishPage(wizard, printer=ChecklistPrinter(printers=lambda: [])),
    }
    win = KioskWindow(wizard, demo_config(), extra_pages=pages)  # type: ignore[arg-type]
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    yield win
    QApplication.instance().removeEventFilter(win.activity)
    close_now(win)


def named(win: KioskWindow, kind: type, name: str) -> Any:
    """The visible widget called `name`."""
    for widget in win.findChildren(kind, name):
        if widget.isVisible():
            return widget
    raise AssertionError(f"no visible {kind.__name__} '{name}'")


def click(qtbot: Any, win: KioskWindow, name: str) -> None:
    """Click the visible button called `name`."""
    qtbot.mouseClick(named(win, QAbstractButton, name), Qt.MouseButton.LeftButton)


def walk_to_finish(qtbot: Any, win: KioskWindow) -> FinishPage:
    """Press 'Tiếp tục' / 'Hoàn tất' through every step."""
    while win.wizard.view.screen == Screen.STEP:
        click(qtbot, win, "nextButton")
    assert win.wizard.view.screen == Screen.FINISH
    page = win.stack.currentWidget()
    assert isinstance(page, FinishPage)
    return page


def test_finish_shows_heading_checklist_and_qr(
    qtbot: Any, window: KioskWindow, real_catalog: Catalog
) -> None:
    """The heading, every document of the procedure, and a QR code of its first portal's URL
    with the caption; the painted code matches segno's matrix module by module."""
    page = walk_to_finish(qtbot, window)
    procedure = real_catalog.procedures[PROCEDURE]
    assert page.title.text() == "Bạn đã xem hết các bước"
    listed = named(window, QLabel, "documentList").text()
    for document in procedure.documents:
        assert document.vi in listed
    qr = named(window, QrCode, "qrCode")
    assert qr.data == real_catalog.portals[procedure.portals[0]].url
    assert page.qr_caption.text() == "Quét mã bằng điện thoại để làm tiếp trên điện thoại"

    image = qr.grab().toImage()
    total = qr.modules + 2 * QUIET_ZONE
    unit = min(qr.width(), qr.height()) // total
    offset = (min(qr.width(), qr.height()) - unit * total) // 2 + unit * QUIET_ZONE
    ratio = image.devicePixelRatio()
    for row in range(qr.modules):
        for col in range(qr.modules):
            x = int((offset + col * unit + unit / 2) * ratio)
            y = int((offset + row * unit + unit / 2) * ratio)
            dark = image.pixelColor(x, y).lightness() < 128
            assert dark == qr.is_dark(row, col), (row, col)


def test_rating_reaches_the_wizard_and_stays_checked(qtbot: Any, window: KioskWindow) -> None:
    """Each of the five buttons has a number and a word; the pick goes to the wizard, stays
    checked and is marked ✓; picking again replaces it."""
    page = walk_to_finish(qtbot, window)
    words = ["Rất khó", "Khó", "Bình thường", "Dễ", "Rất dễ"]
    for stars, word in enumerate(words, start=1):
        text = named(window, QAbstractButton, f"rate-{stars}").text()
        assert text == f"{stars}\n{word}"
    click(qtbot, window, "rate-2")
    assert window.wizard.view.rating == 2
    assert page.rating_buttons[2].isChecked() and page.rating_buttons[2].text().startswith("✓")
    click(qtbot, window, "rate-5")
    assert window.wizard.view.rating == 5
    checked = [n for n, b in page.rating_buttons.items() if b.isChecked()]
    assert checked == [5]
    assert not page.rating_buttons[2].text().startswith("✓")
    assert named(window, QLabel, "ratingThanks").text().startswith("✓")


def test_done_returns_home_and_clears_the_rating(qtbot: Any, window: KioskWindow) -> None:
    """'Xong' ends the session and shows Home; the next resident sees no rating picked."""
    page = walk_to_finish(qtbot, window)
    click(qtbot, window, "rate-4")
    click(qtbot, window, "doneButton")
    assert window.wizard.view.screen == Screen.HOME
    assert window.wizard.session_uuid is None
    assert not any(b.isChecked() for b in page.rating_buttons.values())


def test_back_returns_to_the_last_step(qtbot: Any, window: KioskWindow) -> None:
    """'Quay lại' on the finish screen shows the last step again."""
    walk_to_finish(qtbot, window)
    click(qtbot, window, "backButton")
    view = window.wizard.view
    assert view.screen == Screen.STEP and view.step_index == view.step_count - 1


def _pdf_text(data: bytes) -> bytes:
    """The PDF's bytes plus every Flate stream inflated, to search for leaked text."""
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)


def test_printing_without_a_printer_saves_a_pdf_with_only_the_checklist(
    qtbot: Any, window: KioskWindow, ui_home: AppDirs, real_catalog: Catalog
) -> None:
    """With no printer, 'In danh sách giấy tờ' writes a PDF to the cache folder and says so
    calmly; the PDF holds the catalog's checklist and none of what was typed in practice."""
    wizard = window.wizard
    while wizard.view.step is not None and wizard.view.step.practice != "cccd":
        wizard.next()
    click(qtbot, window, "practiceButton")
    for digit in TYPED_NUMBER:
        click(qtbot, window, f"key-{digit}")
    click(qtbot, window, "checkButton")
    click(qtbot, window, "backButton")

    page = walk_to_finish(qtbot, window)
    click(qtbot, window, "printButton")
    status = named(window, QLabel, "printStatus").text()
    assert status == (
        "Máy này chưa nối máy in. Đã lưu danh sách thành tệp PDF để tình nguyện viên in giúp."
    )
    pdf = ui_home.cache / PDF_NAME
    assert pdf.is_file()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")

    checklist = page.checklist()
    assert checklist is not None
    procedure = real_catalog.procedures[PROCEDURE]
    assert checklist.items == tuple(d.vi for d in procedure.documents)
    printed = checklist_document(checklist).toPlainText()
    assert procedure.short_name.vi in printed
    assert TYPED_NUMBER not in printed
    # Whole forms only: short digit runs also occur in the PDF's own byte offsets.
    for group in (TYPED_NUMBER, "079 2 03 001234"):
        assert group.encode() not in _pdf_text(data)


@pytest.mark.parametrize(
    ("name", "virtual"),
    [
        ("Microsoft Print to PDF", True),
        ("Microsoft XPS Document Writer", True),
        ("OneNote (Desktop)", True),
        ("Fax", True),
        ("HP LaserJet M110w", False),
        ("Canon LBP2900", False),
    ],
)
def test_file_writing_printers_do_not_count_as_printers(name: str, virtual: bool) -> None:
    """Windows' built-in PDF/XPS/OneNote/Fax printers would open a save dialog on the kiosk, so
    only real printers are used; with none, the PDF goes to the cache folder instead."""
    assert is_virtual_printer(name) is virtual
