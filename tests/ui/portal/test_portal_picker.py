"""The upload picker offers only this resident's scans — those that arrived since their session
began — newest first, with a large preview of the one touched; an earlier resident's scan (a
stranger's ID card) is never listed, even when the kiosk could not delete it, and that failure
is said on the volunteer panel and to `dvc-kiosk status`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from kiosk.portal import read_scan_problem
from tests.disk_faults import undeletable
from tests.ui.portal.conftest import (
    EARLIER_SCANS,
    PortalDriver,
    on_upload_page,
    photo_bytes,
    scan_now,
    while_asked,
)


def pdf_bytes(tmp_path: Path) -> bytes:
    """A real one-page PDF, as a scanner saves."""
    path = tmp_path / "scan.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(QRectF(200, 200, 4000, 400), "CĂN CƯỚC — bản quét thử")
    painter.end()
    return path.read_bytes()


def open_picker(qtbot: Any, driver: PortalDriver, act: Callable[[], None]) -> None:
    picker = driver.pane.picker
    acted = while_asked(picker, lambda: picker.previewed is not None, act)
    driver.click_element("file")
    qtbot.waitUntil(lambda: bool(acted) and not picker.isVisible(), timeout=15_000)


def test_a_scan_older_than_the_session_is_not_listed_and_the_newest_is_first_with_a_preview(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], scan_folder: Path, tmp_path: Path
) -> None:
    """Her two scans, newest first, each previewed large (a picture; a PDF's first page); the
    earlier resident's ID card and lease are not offered. The stranger's card cannot be
    deleted here, so it is still in the folder when she opens the picker: it is the rule
    of the session's start, not the deletion, that keeps it out."""
    stranger = scan_folder / EARLIER_SCANS[0]
    with undeletable(stranger):
        driver = on_upload_page(portal_kiosk)
        scan_now(scan_folder, "cccd-mat-truoc.pdf", pdf_bytes(tmp_path))
        scan_now(scan_folder, "cccd-mat-sau.jpg", photo_bytes(tmp_path), seconds_later=1)
        picker = driver.pane.picker
        seen: dict[str, Any] = {}

        def look_and_cancel() -> None:
            qtbot.waitUntil(lambda: picker.preview.image is not None, timeout=10_000)
            seen["names"] = [entry.path.name for entry in picker.row_buttons.values()]
            seen["first_preview"] = picker.previewed.path.name if picker.previewed else None
            seen["stranger_there"] = stranger.exists()
            second = list(picker.row_buttons)[1]
            qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(
                lambda: (
                    picker.previewed is not None
                    and picker.previewed.path.name == "cccd-mat-truoc.pdf"
                    and picker.preview.image is not None
                ),
                timeout=10_000,
            )
            image = picker.preview.image
            seen["pdf_page"] = (image.width(), image.height()) if image is not None else None
            seen["preview_size"] = (picker.preview.width(), picker.preview.height())
            qtbot.mouseClick(picker.cancel_button, Qt.MouseButton.LeftButton)

        open_picker(qtbot, driver, look_and_cancel)
        assert seen["stranger_there"], "the stranger's card was still on the disk"
        assert seen["names"] == ["cccd-mat-sau.jpg", "cccd-mat-truoc.pdf"]
        assert seen["first_preview"] == "cccd-mat-sau.jpg"
        width, height = seen["pdf_page"]
        assert height > width > 300, "an A4 page, rendered large"
        assert min(seen["preview_size"]) >= 200
        # The stranger's card could not go: said on the panel and kept for `status`.
        controller = driver.window.portal
        qtbot.waitUntil(lambda: controller.scan_problem is not None, timeout=10_000)
        assert "could not be deleted" in controller.scan_problem
        assert EARLIER_SCANS[0] not in controller.scan_problem, "never a file's name"
        qtbot.waitUntil(lambda: read_scan_problem(controller.data_dir) is not None, timeout=5000)
        kept = read_scan_problem(controller.data_dir)
        assert kept is not None and kept["problem"] == controller.scan_problem
        from ui.portal.panel_box import PortalPanelBox

        box = PortalPanelBox(controller)
        assert box.state.text().startswith("Chưa xóa được giấy tờ quét cũ")
        assert box.state.property("role") == "error"
        box.deleteLater()


def test_a_file_qt_cannot_draw_gets_a_card_naming_its_kind(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], scan_folder: Path
) -> None:
    """A damaged scan (or a kind Qt cannot draw): a clear card, not an empty box."""
    driver = on_upload_page(portal_kiosk)
    scan_now(scan_folder, "giay-to.pdf", b"%PDF-1.4 not really a PDF")
    picker = driver.pane.picker
    seen: list[str] = []

    def look() -> None:
        qtbot.waitUntil(lambda: "không xem trước được" in picker.preview.card_text.text())
        seen.append(picker.preview.card.text())
        qtbot.mouseClick(picker.cancel_button, Qt.MouseButton.LeftButton)

    open_picker(qtbot, driver, look)
    assert seen == ["PDF"]
    assert picker.preview.image is None
