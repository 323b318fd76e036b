"""The calm page for a blocked request says what to do and fits at every text size; the log
names the blocked host the way docs/it-guide.md tells IT to look for it; the download bar's
"In ra giấy" is never squeezed; the top bar leaves "Đang mở…" once a download has started."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.portal import working_payment_ways
from tests.fake_portal import LONG_RECEIPT_NAME, FakePortal
from tests.ui.portal.conftest import PortalDriver
from ui.portal.notice import NoticeKind

SIZES = [(1366, 768), (1024, 768)]
TEXT_SIZES = ["normal", "large", "xlarge"]


def to_page(portal_kiosk: Callable[..., PortalDriver], path: str) -> PortalDriver:
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.go(path)
    return driver


def settle(driver: PortalDriver, size: tuple[int, int], text_size: str) -> None:
    driver.window.resize(*size)
    driver.wizard.set_text_size(text_size)
    for _ in range(3):
        QApplication.processEvents()


def fully_inside(widget: QWidget, outer: QWidget) -> bool:
    """`widget` is shown whole inside `outer` (not cut by its edges)."""
    top_left = widget.mapTo(outer, widget.rect().topLeft())
    return outer.rect().contains(QRect(top_left, widget.size()))


def test_a_blocked_payment_gateway_names_the_ways_that_work_and_the_log_names_its_host(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    foreign: FakePortal,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """On the payment page, a gateway off the allow-list (ViettelPay here): the calm page says
    to choose another way and names the catalog's gateways; the log says `blocked a request
    to HOST` with the host only — not the path or the query (they may carry typed data)."""
    caplog.set_level(logging.INFO)
    driver = to_page(portal_kiosk, "/thanh-toan")
    driver.click_element("blocked-gateway")
    notice = driver.pane.notice
    qtbot.waitUntil(lambda: driver.pane.stack.currentWidget() is notice, timeout=10_000)
    ways = working_payment_ways(driver.wizard.catalog, "vi")
    assert len(ways) >= 3 and "Ví MoMo" in ways
    assert notice.kind is NoticeKind.PAYMENT_BLOCKED
    assert f"chọn cách thanh toán khác: {', '.join(ways)}." in notice.text.text()
    assert notice.first.text() == "‹ Quay lại"
    assert foreign.paths() == []
    host = f"127.0.0.1:{foreign.port}"
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("ui.portal")]
    assert any(line.startswith(f"portal: blocked a request to {host} (") for line in lines), lines
    assert not [line for line in lines if "viettelpay" in line or "amount" in line]
    notice.first.click()
    assert driver.pane.stack.currentWidget() is driver.view
    assert driver.js("location.pathname") == "/thanh-toan"


def test_a_blocked_page_elsewhere_is_not_called_a_payment(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    driver = to_page(portal_kiosk, "/links")
    driver.click_element("foreign-link")
    notice = driver.pane.notice
    qtbot.waitUntil(lambda: driver.pane.stack.currentWidget() is notice, timeout=10_000)
    assert notice.kind is NoticeKind.BLOCKED
    assert "thanh toán khác" not in notice.text.text()
    assert any("portal: blocked a request to 127.0.0.1:" in r.getMessage() for r in caplog.records)
    assert not any("/clicked" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("page", "link"), [("/thanh-toan", "blocked-gateway"), ("/links", "foreign-link")]
)
def test_the_blocked_page_fits_at_every_text_size_on_both_screens(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], page: str, link: str
) -> None:
    """Thường, Lớn, Rất lớn on 1366×768 and 1024×768: each label is as tall as its wrapped
    words need (none squeezed into the next, as the resident saw), the way back is whole and
    in sight, and the words scroll rather than being cut."""
    driver = to_page(portal_kiosk, page)
    driver.click_element(link)
    notice = driver.pane.notice
    qtbot.waitUntil(lambda: driver.pane.stack.currentWidget() is notice, timeout=10_000)
    for size in SIZES:
        for text_size in TEXT_SIZES:
            settle(driver, size, text_size)
            where = f"{size} {text_size}"
            for words in (notice.title, notice.text):
                assert words.height() >= words.heightForWidth(words.width()), where
            button = notice.first
            assert button.isVisible() and fully_inside(button, notice), where
            assert button.width() >= button.sizeHint().width(), where


@pytest.mark.parametrize("link", ["long-receipt", "receipt-new-tab", "receipt-script"])
def test_after_a_download_the_top_bar_names_the_page_again(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], link: str
) -> None:
    """A link, a link to a new page, a script: each turns into a download; the top bar says
    the page she is on ('Kết nối … · host'), not 'Đang mở…' for ever, and no blank page is
    left on top of it."""
    driver = to_page(portal_kiosk, "/done")
    pane = driver.pane
    driver.click_element(link)
    qtbot.waitUntil(lambda: pane.last_download is not None, timeout=10_000)
    qtbot.wait(500)  # what a late loading signal would change
    assert pane.host_label.text().startswith("Kết nối"), pane.host_label.text()
    assert "127.0.0.1" in pane.host_label.text()
    assert pane.views == [pane.main_view] and pane.stack.currentWidget() is pane.main_view
    assert driver.js("location.pathname") == "/done"


@pytest.mark.parametrize("size", SIZES)
def test_the_download_bar_shows_in_ra_giay_whole_at_rat_lon(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], size: tuple[int, int]
) -> None:
    """The portal's long receipt name at 'Rất lớn': the print button keeps its whole words
    (its size hint fits its geometry) and the name wraps beside it."""
    driver = to_page(portal_kiosk, "/done")
    settle(driver, size, "xlarge")
    pane = driver.pane
    driver.click_element("long-receipt")
    qtbot.waitUntil(lambda: pane.last_download is not None, timeout=10_000)
    assert pane.last_download.name == LONG_RECEIPT_NAME
    settle(driver, size, "xlarge")
    button = pane.print_button
    assert button.text() == "In ra giấy"
    assert button.isVisible() and fully_inside(button, pane.download_bar)
    hint = button.sizeHint()
    assert button.width() >= hint.width() and button.height() >= hint.height()
    label = pane.download_label
    assert label.height() >= label.heightForWidth(label.width())
    shown = label.text().replace("\u200b", "")
    assert shown.startswith("Đã tải về: GiayTiepNhan_") and shown.endswith("-0001.pdf"), shown
    assert "…" in shown, "the long name is shortened in the middle, its start and end kept"
