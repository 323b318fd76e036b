"""A Python error inside the running kiosk never kills it and never shows a traceback: the
resident sees one calm sentence, then the home screen; the log gets the error's type and place
only (an exception's message can carry what a resident typed)."""

from __future__ import annotations

import logging
import os
import signal
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton

from kiosk.paths import AppDirs
from kiosk.wizard import Screen
from ui.crash import CALM_ERROR, FAULT_FILE, install_crash_handlers

BAD_ID = "0790-12345-nguyen-van-a"  # stands for anything a resident could have typed


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_calm_page_then_home(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs, caplog: pytest.LogCaptureFixture
) -> None:
    """A button whose slot raises (the wizard fed an id it does not know): the app lives on,
    shows the calm sentence, returns home by itself, and logs no part of the bad value."""
    kiosk = make_kiosk(error_return_seconds=1)
    window = kiosk.window
    handler = install_crash_handlers(window, ui_home)
    try:
        qtbot.mouseClick(
            window.findChild(QAbstractButton, "startButton"), Qt.MouseButton.LeftButton
        )
        assert kiosk.wizard.view.screen == Screen.CHOOSE
        broken = QPushButton("broken", window)
        broken.clicked.connect(lambda: kiosk.wizard.choose(BAD_ID))
        broken.show()
        with caplog.at_level(logging.ERROR, logger="ui.crash"):
            qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(window.message_overlay.isVisible, timeout=3000)
        assert window.message_overlay.text.text() == CALM_ERROR
        assert handler.count == 1
        [record] = [r for r in caplog.records if r.name == "ui.crash"]
        assert "uncaught KeyError" in record.getMessage()
        assert "wizard.py:" in record.getMessage(), "the log says where it happened"
        assert BAD_ID not in record.getMessage()
        assert "Traceback" not in window.message_overlay.text.text()

        qtbot.waitUntil(lambda: not window.message_overlay.isVisible(), timeout=4000)
        assert kiosk.wizard.view.screen == Screen.HOME
        assert not kiosk.wizard.view.session_open
        assert window.isVisible(), "the kiosk is still running"
        assert (ui_home.logs / FAULT_FILE).exists(), "hard crashes dump stacks to the log dir"
    finally:
        handler.uninstall()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_worker_thread_calms_the_screen_from_the_gui_thread(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs, caplog: pytest.LogCaptureFixture
) -> None:
    """An uncaught error in a background thread is logged with the thread's name and the calm
    page is shown by the GUI thread (Qt widgets must never be touched from another thread)."""
    kiosk = make_kiosk(error_return_seconds=1)
    window = kiosk.window
    handler = install_crash_handlers(window, ui_home)

    def work() -> None:
        raise ValueError(BAD_ID)

    try:
        with caplog.at_level(logging.ERROR, logger="ui.crash"):
            worker = threading.Thread(target=work, name="sync-worker-test")
            worker.start()
            worker.join()
            qtbot.waitUntil(window.message_overlay.isVisible, timeout=3000)
        message = " ".join(r.getMessage() for r in caplog.records if r.name == "ui.crash")
        assert "uncaught ValueError in thread sync-worker-test" in message
        assert BAD_ID not in message
        qtbot.waitUntil(lambda: not window.message_overlay.isVisible(), timeout=4000)
        assert kiosk.wizard.view.screen == Screen.HOME
    finally:
        handler.uninstall()


@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="POSIX signals only")
def test_sigusr1_writes_every_threads_stack_to_the_fault_log_and_the_kiosk_goes_on(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs
) -> None:
    """IT's question for a frozen screen, 'where is it stuck?': `kill -USR1` appends the Python
    stack of every thread to logs/faults.log, and the kiosk keeps running."""
    kiosk = make_kiosk()
    handler = install_crash_handlers(kiosk.window, ui_home)
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        dump = (ui_home.logs / FAULT_FILE).read_text(encoding="utf-8")
        assert "Current thread" in dump and "test_crash.py" in dump
        assert kiosk.window.isVisible()
    finally:
        handler.uninstall()
