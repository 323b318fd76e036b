"""Files in the portal view: an upload field opens the kiosk's own picker with only the scan
folder's files (never the system dialog, never the rest of the disk); a download lands in the
session's folder, is offered for printing, and is gone when the session ends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.fake_portal import RECEIPT_NAME, RECEIPT_PDF, FakePortal
from tests.ui.portal.conftest import (
    EARLIER_SCANS,
    PortalDriver,
    on_upload_page,
    photo_bytes,
    scan_now,
    top_level_windows,
    while_asked,
)


def test_an_upload_offers_only_the_scan_folders_files(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    portal: FakePortal,
    scan_folder: Path,
    tmp_path: Path,
) -> None:
    """Pressing the page's file field shows the kiosk's picker with the resident's two scans
    (a PDF and a picture, as the field accepts) — not a file elsewhere on the disk, not an
    earlier resident's scan, not a system dialog — and the chosen scan is what the portal
    receives."""
    (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF-1.4 not in the scan folder")
    driver = on_upload_page(portal_kiosk)
    scan_now(scan_folder, "cccd-mat-truoc.pdf", b"%PDF-1.4 scan of an ID card\n")
    scan_now(scan_folder, "so-ho-khau.jpg", photo_bytes(tmp_path))
    scan_now(scan_folder, "notes.txt", b"the field does not accept text files")
    windows = top_level_windows()
    picker = driver.pane.picker
    seen: dict[str, Any] = {}

    def choose_the_id_card() -> None:
        seen["names"] = sorted(entry.path.name for entry in picker.row_buttons.values())
        seen["where"] = [row.text() for row in picker.row_buttons]
        seen["windows"] = top_level_windows()
        seen["dialogs"] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]
        [row] = [b for b, e in picker.row_buttons.items() if e.path.name == "cccd-mat-truoc.pdf"]
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)

    acted = while_asked(picker, lambda: len(picker.row_buttons) == 2, choose_the_id_card)
    driver.click_element("file")
    qtbot.waitUntil(lambda: bool(acted) and not picker.isVisible(), timeout=10_000)
    assert seen["names"] == ["cccd-mat-truoc.pdf", "so-ho-khau.jpg"]
    assert all("Quét lúc" in text for text in seen["where"]), "scans, not USB files"
    assert seen["windows"] == windows and seen["dialogs"] == []
    driver.wait_for("document.getElementById('file').files.length === 1")
    driver.submit()
    driver.wait_for("location.pathname === '/done'")
    assert portal.state.uploads == ["cccd-mat-truoc.pdf"]


def test_cancelling_the_picker_uploads_nothing(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """'Hủy' closes the picker; the field stays empty."""
    driver = on_upload_page(portal_kiosk)
    scan_now(driver.window.portal.settings.scan_folder, "cccd.pdf", b"%PDF-1.4 a scan\n")
    picker = driver.pane.picker
    acted = while_asked(
        picker,
        lambda: bool(picker.row_buttons),
        lambda: qtbot.mouseClick(picker.cancel_button, Qt.MouseButton.LeftButton),
    )
    driver.click_element("file")
    qtbot.waitUntil(lambda: bool(acted) and not picker.isVisible(), timeout=10_000)
    assert driver.js("document.getElementById('file').files.length") == 0


def test_without_a_scan_folder_the_picker_says_what_to_do(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """No scan folder configured and no USB stick: a calm sentence, nothing to pick."""
    driver = on_upload_page(portal_kiosk, portal={"scan_folder": None})
    picker = driver.pane.picker
    seen: list[int] = []

    def cancel() -> None:
        seen.append(len(picker.row_buttons))
        qtbot.mouseClick(picker.cancel_button, Qt.MouseButton.LeftButton)

    acted = while_asked(picker, lambda: "Chưa có giấy tờ nào" in picker.hint.text(), cancel)
    driver.click_element("file")
    qtbot.waitUntil(lambda: bool(acted), timeout=10_000)
    assert seen == [0]


def test_the_session_ending_while_the_picker_waits_closes_it_safely(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """The idle wipe while the picker is open: the picker's wait ends with nothing chosen,
    and the page is deleted only afterwards (no crash, session over)."""
    driver = on_upload_page(portal_kiosk, idle_seconds=1, idle_answer_seconds=1)
    picker = driver.pane.picker
    opened = while_asked(picker, picker.isVisible, lambda: None)
    driver.click_element("file")  # returns when the wipe has answered the picker
    qtbot.waitUntil(lambda: not driver.window.portal.is_open, timeout=15_000)
    assert opened, "the picker was up when the session ended"
    assert not picker.asking
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not picker.isVisible()


def test_a_download_is_kept_for_the_session_offered_for_printing_and_deleted_after(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], ui_home: Any
) -> None:
    """The receipt is saved in the session's own folder under the kiosk's cache, offered with
    'In ra giấy' (no printer here: the kiosk says so), and deleted when the session ends."""
    driver = on_upload_page(portal_kiosk)
    driver.go("/done")
    driver.click_element("receipt")
    pane = driver.pane
    qtbot.waitUntil(lambda: pane.last_download is not None, timeout=10_000)
    receipt = pane.last_download
    assert receipt.name == RECEIPT_NAME and receipt.read_bytes() == RECEIPT_PDF
    assert receipt.is_relative_to(ui_home.cache / "portal")
    assert pane.download_label.text().replace("\u200b", "") == f"Đã tải về: {RECEIPT_NAME}"
    qtbot.mouseClick(pane.print_button, Qt.MouseButton.LeftButton)
    assert pane.download_label.text().startswith("Điểm này chưa nối máy in.")

    session_folder = driver.window.portal.session.folder
    driver.wizard.done()
    qtbot.waitUntil(lambda: not session_folder.exists(), timeout=10_000)
    assert not receipt.exists()


def test_a_downloaded_pdf_prints_page_by_page(tmp_path: Path) -> None:
    """The print path renders a downloaded PDF onto the printer (here a PDF printer)."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import print_file

    receipt = tmp_path / RECEIPT_NAME
    receipt.write_bytes(RECEIPT_PDF)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_file(receipt, printer) == 1
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000


def test_every_scan_goes_when_the_resident_leaves_and_the_next_sees_none(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], scan_folder: Path
) -> None:
    """The default rule: at the end of her session the scan folder is emptied — her scan and
    the earlier resident's alike — so the next resident's picker offers nothing."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    assert driver.window.portal._scan_sweep is None, "the default rule runs at a session's end"
    hers = scan_now(scan_folder, "giay-khai-sinh.pdf", b"%PDF-1.4 scanned during the session")
    driver.wizard.done()
    qtbot.waitUntil(lambda: list(scan_folder.iterdir()) == [], timeout=10_000)
    assert not hers.exists()
    assert driver.window.portal.scan_problem is None

    driver = on_upload_page(lambda **_: driver)  # the next resident, on the same kiosk
    picker = driver.pane.picker
    seen: list[int] = []

    def cancel() -> None:
        seen.append(len(picker.row_buttons))
        qtbot.mouseClick(picker.cancel_button, Qt.MouseButton.LeftButton)

    acted = while_asked(picker, lambda: "Chưa có giấy tờ nào" in picker.hint.text(), cancel)
    driver.click_element("file")
    qtbot.waitUntil(lambda: bool(acted), timeout=10_000)
    assert seen == [0]


def test_after_n_minutes_the_rule_keeps_the_open_sessions_scans_and_takes_older_ones(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], scan_folder: Path
) -> None:
    """delete_scans_after_minutes: a sweep deletes scans older than N minutes — the earlier
    resident's, ten minutes old — but never one of the open session's own."""
    driver = portal_kiosk(portal={"delete_scans_after_minutes": 5})
    driver.to_step()
    driver.press_portal_button()
    sweep = driver.window.portal._scan_sweep
    assert sweep is not None and sweep.isActive() and sweep.interval() == 60_000, "each minute"
    hers = scan_now(scan_folder, "giay-khai-sinh.pdf", b"%PDF-1.4 hers")
    driver.window.portal.clean_scans()
    qtbot.waitUntil(
        lambda: not any((scan_folder / name).exists() for name in EARLIER_SCANS), timeout=10_000
    )
    assert hers.exists()
    driver.wizard.done()  # N minutes, not the session's end, is the rule now
    qtbot.wait(300)
    assert hers.exists()
