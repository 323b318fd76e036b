"""The real kiosk program, started as `run` starts it, working its portal view by itself: the
end-to-end portal tests run it as a child process with its own HOME, kill it, restart it, and
search everything it left on disk.

    python -m tests.e2e.portal_run login-and-wait   # log in on the portal, then wait (kill me)
    python -m tests.e2e.portal_run check            # print LOGGED-IN or LOGGED-OUT, exit
    python -m tests.e2e.portal_run sessions N FILE  # N resident sessions typing FILE's values
    python -m tests.e2e.portal_run typing-target    # the portal's form open; report, don't type

The config (DVC_KIOSK_CONFIG) points the portal view at the fake portal (a test origin). The
program prints one line per milestone on stdout; nothing it types is printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.portal_driver import Bot, PortalDriver


def say(line: str) -> None:
    print(line, flush=True)


def build() -> Any:
    """The kiosk as `dvc-kiosk run` builds it (journal, crash handlers), shown in a window."""
    from kiosk.paths import app_dirs, resources_dir
    from kiosk.private_files import restrict_umask
    from ui.app import after_first_paint, build_kiosk, load_catalog_or_none, make_app
    from ui.crash import install_crash_handlers
    from ui.first_paint import FirstPaintWatcher

    restrict_umask()  # as `dvc-kiosk run` (ui/app.py): every file made here is owner-only
    dirs = app_dirs()
    dirs.ensure()
    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.config import load_config
    from kiosk.logging_setup import setup_logging

    setup_logging(dirs)
    app = make_app()
    config = load_config(dirs)
    catalog, reason = load_catalog_or_none(resources_dir() / "catalog")
    assert catalog is not None, reason
    kiosk = build_kiosk(app, config, catalog, dirs, clock=SYSTEM_CLOCK)  # as `dvc-kiosk run`
    kiosk.crash = install_crash_handlers(kiosk.window, dirs)
    started: list[bool] = []
    FirstPaintWatcher(kiosk.window, lambda: (after_first_paint(kiosk), started.append(True)))
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    Bot().waitUntil(lambda: bool(started), timeout=60_000)
    kiosk.window.portal.printers = list  # this machine's printers are not the test's business
    return kiosk


def open_portal(driver: PortalDriver) -> None:
    driver.to_step()
    driver.press_portal_button()


def login_and_wait(driver: PortalDriver) -> None:
    open_portal(driver)
    driver.log_in()
    assert driver.logged_in()
    say("LOGGED-IN")
    QApplication.instance().exec()  # until kill -9


def check(driver: PortalDriver) -> None:
    open_portal(driver)
    say("LOGGED-IN" if driver.logged_in() else "LOGGED-OUT")
    driver.wizard.done()


def one_session(driver: PortalDriver, values: dict[str, str], number: int) -> None:
    """Log in, fill both form pages, upload a scan, download the receipt, 'Xong'."""
    open_portal(driver)
    folder = driver.window.portal.settings.scan_folder
    assert folder is not None
    # The volunteer scans her paper now: only scans made during her session are offered.
    (folder / f"cccd-{number}.pdf").write_bytes(b"%PDF-1.4 a scan\n")
    driver.log_in(values["id_number"], values["password"], values["otp"])
    driver.type_into("name", values["name"])
    driver.type_into("phone", values["phone"])
    driver.submit()
    driver.wait_for("location.pathname === '/form/2' && !!document.getElementById('address')")
    driver.type_into("address", values["address"])
    driver.submit()
    driver.wait_for("location.pathname === '/upload' && !!document.getElementById('file')")
    picker = driver.pane.picker

    def choose_first() -> None:
        row = next(iter(picker.row_buttons))
        QTest.mouseClick(row, Qt.MouseButton.LeftButton)
        QTest.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)

    acted: list[bool] = []

    def poll() -> None:
        if picker.row_buttons:
            choose_first()
            acted.append(True)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    driver.click_element("file")
    Bot().waitUntil(lambda: bool(acted), timeout=15_000)
    driver.wait_for("document.getElementById('file').files.length === 1")
    driver.submit()
    driver.wait_for("location.pathname === '/done'")
    driver.click_element("receipt")
    Bot().waitUntil(lambda: driver.pane.last_download is not None, timeout=15_000)
    driver.wizard.done()
    Bot().waitUntil(lambda: not driver.window.portal.is_open, timeout=15_000)
    say(f"SESSION {number}")


def sessions(driver: PortalDriver, count: int, planted: Path) -> None:
    data = json.loads(planted.read_text(encoding="utf-8"))
    for number in range(count):
        values = {key: items[number % len(items)] for key, items in data.items()}
        one_session(driver, values, number + 1)
    QTest.qWait(1500)  # the last session's folder is deleted in the background
    say("SESSIONS-DONE")


TYPED_NAME = "Nguyễn Thị Hòa "  # what tests/e2e/test_idle_real_input.py types, as Telex keys


def typing_target(driver: PortalDriver) -> None:
    """The second resident since start-up (the first used the portal and pressed 'Xong')
    reaches the form; the program says where its name field is on the screen and then only
    watches: someone else types with the real keyboard (xdotool). It says when the idle
    question comes, when the session is wiped, and how many times the field holds the test's
    name — never the text itself."""
    from PySide6.QtCore import QPoint

    open_portal(driver)
    driver.wizard.done()
    Bot().waitUntil(lambda: not driver.window.portal.is_open, timeout=15_000)
    open_portal(driver)
    driver.log_in()
    driver.wait_for("!!document.getElementById('name')")
    window = driver.window
    window.idle_timer.timeout.connect(lambda: say("IDLE-QUESTION"))
    window.idle_overlay.expired.connect(lambda: say("WIPED"))
    x, y = driver.js(
        "(() => { const r = document.getElementById('name').getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
    )
    zoom = driver.view.zoomFactor()
    at = driver.view.mapToGlobal(QPoint(round(x * zoom), round(y * zoom)))
    last: list[int] = [-1]

    def report(value: object) -> None:
        text = value if isinstance(value, str) else ""
        times = len(text) // len(TYPED_NAME)
        if text == TYPED_NAME * times and times != last[0]:  # between words, exactly
            last[0] = times
            say(f"NAME-TYPED {times}")

    def look() -> None:
        view = driver.pane.top_view
        if view is not None:
            view.page().runJavaScript(
                "(document.getElementById('name') || {}).value || ''", 0, report
            )

    poll = QTimer(window)
    poll.timeout.connect(look)
    poll.start(300)
    say(f"FIELD {at.x()} {at.y()}")
    Bot().waitUntil(lambda: not window.portal.is_open, timeout=300_000)  # until the wipe
    QTest.qWait(500)


def main(argv: list[str]) -> int:
    kiosk = build()
    driver = PortalDriver(Bot(), kiosk)
    mode = argv[0]
    if mode == "login-and-wait":
        login_and_wait(driver)
    elif mode == "check":
        check(driver)
    elif mode == "typing-target":
        typing_target(driver)
    elif mode == "sessions":
        sessions(driver, int(argv[1]), Path(argv[2]))
    else:
        raise SystemExit(f"unknown mode {mode}")
    from ui.journal_hookup import hookup_of

    hookup = hookup_of(kiosk)
    if hookup is not None:
        hookup.shutdown()
    kiosk.window.allow_close()
    kiosk.window.close()
    QApplication.instance().quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
