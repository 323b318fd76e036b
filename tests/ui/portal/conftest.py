"""The portal view's tests: the fake portal and a foreign site on loopback, the real kiosk with
a test origin in its config, and a driver that works the real web view the way a resident
does (keys and clicks through the kiosk's window) and reads it through page JavaScript."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.clock import SYSTEM_CLOCK
from kiosk.portal import LoopbackOrigin, PortalConfig
from tests.fake_portal import FakePortal
from tests.portal_driver import PROCEDURE, PortalDriver

__all__ = [
    "EARLIER_SCANS",
    "PROCEDURE",
    "PortalDriver",
    "photo_bytes",
    "scan_now",
    "top_level_windows",
    "while_asked",
]


@pytest.fixture
def foreign() -> Iterator[FakePortal]:
    """A site outside the allow-list; nothing should ever reach it."""
    site = FakePortal.start(foreign=True)
    yield site
    site.stop()


@pytest.fixture
def portal(foreign: FakePortal) -> Iterator[FakePortal]:
    """The fake national portal, whose pages link, redirect, post and pop up to `foreign`."""
    site = FakePortal.start(foreign_url=foreign.origin)
    yield site
    site.stop()


EARLIER_SCANS = ("cccd-nguoi-truoc.pdf", "hop-dong-thue-nha.jpg")


@pytest.fixture
def scan_folder(tmp_path: Path) -> Path:
    """The help point's scan folder, holding two scans of an earlier resident (ten minutes
    old): a stranger's ID card and lease, which no later resident may ever be offered."""
    import os
    import time

    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / EARLIER_SCANS[0]).write_bytes(b"%PDF-1.4 scan of a stranger's ID card\n")
    (folder / EARLIER_SCANS[1]).write_bytes(b"\xff\xd8\xff\xe0 a stranger's lease")
    old = time.time() - 600
    for name in EARLIER_SCANS:
        os.utime(folder / name, (old, old))
    return folder


def photo_bytes(folder: Path, size: tuple[int, int] = (600, 800)) -> bytes:
    """A real JPEG (a phone photo of a paper): a broken one makes Qt warn when previewed."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4efe1"))
    path = folder / ".photo-maker.jpg"
    assert image.save(str(path), "JPEG")
    data = path.read_bytes()
    path.unlink()
    return data


def scan_now(folder: Path, name: str, data: bytes, seconds_later: float = 0.0) -> Path:
    """A scan that arrives now, during the resident's session (`seconds_later`: its time
    moved on, to order several)."""
    import os
    import time

    path = folder / name
    path.write_bytes(data)
    at = time.time() + seconds_later
    os.utime(path, (at, at))
    return path


def while_asked(widget: Any, ready: Callable[[], bool], act: Callable[[], None]) -> list[bool]:
    """Act on a nested-loop question (the file picker, a page's confirm) while it waits.

    A page's file chooser or confirm() waits for its answer inside a nested event loop, so a
    test cannot poll from outside; this polls from a timer, which runs inside that loop, and
    calls `act` once `ready()` is true. The returned list gets True when it acted.
    """
    done: list[bool] = []

    def poll() -> None:
        if ready():
            act()
            done.append(True)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    return done


def on_upload_page(portal_kiosk: Callable[..., PortalDriver], **config: Any) -> PortalDriver:
    """A kiosk (with `config`) whose portal is logged in and on the upload page."""
    driver = portal_kiosk(**config)
    driver.to_step()
    driver.press_portal_button()
    driver.log_in()
    driver.go("/upload")
    return driver


def top_level_windows() -> set[QWidget]:
    """Every visible top-level widget of the application (the kiosk's window alone, normally)."""
    return {w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()}


@pytest.fixture
def portal_kiosk(
    qtbot: Any, make_kiosk: Any, portal: FakePortal, scan_folder: Path
) -> Iterator[Callable[..., PortalDriver]]:
    """The real kiosk whose config lets the portal view reach the fake portal (test origin).

    On the system clock: the web engine runs in real time, and the idle tests let the real
    idle countdown end the resident's session while a page or the picker is open."""
    made: list[PortalDriver] = []

    def make(**config: Any) -> PortalDriver:
        settings = PortalConfig(
            test_origin=LoopbackOrigin.parse(portal.origin),
            scan_folder=scan_folder,
            removable_media=False,
        )
        extra = config.pop("portal", {})
        clock = config.pop("clock", SYSTEM_CLOCK)
        kiosk = make_kiosk(portal=dataclasses.replace(settings, **extra), clock=clock, **config)
        kiosk.window.portal.printers = list  # no printer: as at most help points
        made.append(PortalDriver(qtbot, kiosk))
        return made[-1]

    yield make
    for driver in made:  # a session still open when the test ends: as when the kiosk quits
        driver.window.portal.end("test over", now=True)
