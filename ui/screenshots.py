"""Renders every screen — each text size, both languages — to PNG files, offscreen.

`dvc-kiosk screenshots --out DIR`. Used to look at every screen after a change, and for the
README's pictures. Runs in a throw-away DVC_KIOSK_HOME so it never touches a real kiosk.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The smallest common screen of the help points' donated PCs: 1366×768 (laptops, office
# monitors); every screen must show its main action there at every text size.
SCREEN_SIZE = (1366, 768)
DEMO_PROCEDURE = "dang-ky-tam-tru"
# Practice values that are not anyone's: a well-formed ID number and phone, a strong password.
PRACTICE_ID = "079203001234"
PRACTICE_PHONE = "0912345678"
PRACTICE_PASSWORD = "Thuchanh1!"
PRACTICE_PASSCODE = "730518"


def main(out: str, sizes: list[str], languages: list[str]) -> int:
    """Render the whole journey for each language and text size into `out`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["DVC_KIOSK_HOME"] = home
        return _render_all(Path(out), sizes, languages)


def walk_every_screen(
    kiosk: Any, language: str, size: str, on_screen: Callable[[str], None]
) -> None:
    """Drive the real wizard through every screen and overlay, calling `on_screen(name)` on each:
    every step of the demo procedure, both practices in each of their states, the finish
    screen before and after rating and after "Đã nộp hồ sơ", the help and idle overlays.

    Shared by the screenshot command, `dvc-kiosk self-test` and the layout tests.
    """
    window, wizard = kiosk.window, kiosk.wizard
    wizard.set_language(language)
    wizard.set_text_size(size)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("01-home", lambda: None),
        ("02-choose", wizard.start),
        ("03-search", lambda: wizard.set_query("tam tru")),
        ("04-not-found", lambda: wizard.set_query("xyzzy")),
        ("05-not-offered", lambda: wizard.set_query("lam so do")),
        ("06-filter-cong-an", lambda: (wizard.set_query(""), wizard.set_agency("cong-an"))),
        ("07-overview", lambda: wizard.choose(DEMO_PROCEDURE)),
    ]
    for name, action in steps:
        action()
        on_screen(name)
    wizard.begin_steps()
    for number in range(1, wizard.view.step_count + 1):
        on_screen(f"08-step-{number}")
        if number == 1:
            _walk_practice_cccd(window, wizard, on_screen)
        if number == 3:
            _walk_practice_vneid(window, wizard, on_screen)
        wizard.next()
    on_screen("10-finish")
    wizard.rate(4)
    on_screen("11-finish-rated")
    wizard.report_submitted()  # "Đã nộp hồ sơ": the next steps and the due date
    on_screen("11b-finish-submitted")
    window.call_volunteer()
    on_screen("12-help")
    window.help_overlay.hide()
    wizard.idle_warn()
    on_screen("13-idle")
    wizard.idle_expire()


def _walk_practice_cccd(window: Any, wizard: Any, on_screen: Callable[[str], None]) -> None:
    wizard.open_practice("cccd")
    on_screen("09a-practice-cccd")
    page = window.page_for(wizard.view)
    for digit in PRACTICE_ID:
        page.type_char(digit)
    page.check_number()
    on_screen("09b-practice-cccd-checked")
    wizard.close_practice()


def _walk_practice_vneid(window: Any, wizard: Any, on_screen: Callable[[str], None]) -> None:
    wizard.open_practice("vneid-activation")
    on_screen("09c-practice-vneid-1")
    page = window.page_for(wizard.view)
    page.send_request()  # both fields empty: both say what to type
    on_screen("09d-practice-vneid-1-problems")
    page.id_field.edit.setText(PRACTICE_ID)
    page.phone_field.edit.setText(PRACTICE_PHONE)
    page.send_request()
    on_screen("09e-practice-vneid-2")
    page.otp_field.edit.setText(page_otp())
    page.confirm_otp()
    on_screen("09f-practice-vneid-3")
    page.password_field.edit.setText(PRACTICE_PASSWORD)
    page.passcode_field.edit.setText(PRACTICE_PASSCODE)
    page.finish()
    on_screen("09g-practice-vneid-done")
    wizard.close_practice()


def page_otp() -> str:
    """The fake code printed in the practice's text message."""
    from ui.pages.practice_vneid_page import PRACTICE_OTP

    return PRACTICE_OTP


def walk_volunteer_panel(kiosk: Any, on_screen: Callable[[str], None]) -> None:
    """Open the volunteer panel (demo PIN) and show each of its pages; needs the journal."""
    from PySide6.QtWidgets import QApplication, QPushButton

    from kiosk.pin import DEMO_PIN
    from ui.journal_hookup import hookup_of

    hookup = hookup_of(kiosk)
    if hookup is None or hookup.panel is None:
        raise RuntimeError("the volunteer panel needs the journal (ui.journal_hookup)")
    panel = hookup.panel

    def settle(until: Callable[[], bool]) -> None:
        for _ in range(500):
            QApplication.processEvents()
            if until():
                return
            import time

            time.sleep(0.01)
        raise RuntimeError("the volunteer panel did not answer in time")

    def press(name: str) -> None:
        found = panel.findChild(QPushButton, name)
        if found is None or not found.isVisible():
            raise RuntimeError(f"the volunteer panel shows no {name}")
        found.click()

    panel.open_pin()
    settle(lambda: not panel.checking)
    on_screen("20-panel-pin")
    for digit in DEMO_PIN:
        panel.pin_pad.press_digit(digit)
    panel.pin_pad.submit()
    settle(lambda: panel.pages.currentWidget() is panel.main and panel.state is not None)
    on_screen("21-panel")
    for name, opens, closes in (
        ("22-panel-report", "reportContentButton", "cancelReportButton"),
        ("23-panel-code", "codeKeypadButton", "codeCancelButton"),
        ("24-panel-leave", "leaveKioskButton", "stayInKioskButton"),
    ):
        press(opens)
        on_screen(name)
        press(closes)
    press("closePanelButton")


def _render_all(out: Path, sizes: list[str], languages: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.config import ConfigError, demo_config
    from kiosk.paths import app_dirs, resources_dir
    from ui.app import build_kiosk, load_catalog_or_none, make_app
    from ui.journal_hookup import hookup_of, start_journal
    from ui.pages.problem_page import CatalogProblemPage, ConfigProblemPage
    from ui.theme import apply_theme

    out.mkdir(parents=True, exist_ok=True)
    app = make_app()
    catalog, _ = load_catalog_or_none(resources_dir() / "catalog")
    assert catalog is not None
    config = demo_config()
    count = 0

    def snap(widget: QWidget, name: str) -> None:
        nonlocal count
        for _ in range(3):
            QApplication.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        count += 1

    for language in languages:
        for size in sizes:
            kiosk = build_kiosk(app, config, catalog, app_dirs(), clock=SYSTEM_CLOCK)
            window = kiosk.window
            window.resize(*SCREEN_SIZE)
            window.show()
            start_journal(kiosk)  # the volunteer panel lives on the journal (a throw-away one)
            prefix = f"{language}-{size}"

            def on_screen(name: str, p: str = prefix, w: QWidget = window) -> None:
                snap(w, f"{p}-{name}")

            walk_every_screen(kiosk, language, size, on_screen)
            kiosk.wizard.set_language(language)
            kiosk.wizard.set_text_size(size)
            walk_volunteer_panel(kiosk, on_screen)
            hookup = hookup_of(kiosk)
            if hookup is not None:
                hookup.shutdown()
            window.allow_close()
            window.close()
            window.deleteLater()
            apply_theme(app)

    problem = ConfigProblemPage(
        ConfigError(
            "/etc/xdg/dvc-kiosk/kiosk.toml", "help_point.id", "unknown help point 'phuong-15'"
        )
    )
    problem.resize(*SCREEN_SIZE)
    problem.show()
    snap(problem, "it-config-problem")
    problem.close()
    catalog_page = CatalogProblemPage("catalog.toml: version: must be a whole number ≥ 1")
    catalog_page.resize(*SCREEN_SIZE)
    catalog_page.show()
    snap(catalog_page, "catalog-problem")
    catalog_page.close()
    print(f"{count} screenshots in {out}")
    return 0
