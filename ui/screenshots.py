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

SCREEN_SIZE = (1280, 800)
DEMO_PROCEDURE = "dang-ky-tam-tru"


def main(out: str, sizes: list[str], languages: list[str]) -> int:
    """Render the whole journey for each language and text size into `out`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["DVC_KIOSK_HOME"] = home
        return _render_all(Path(out), sizes, languages)


def walk_every_screen(
    kiosk: Any, language: str, size: str, on_screen: Callable[[str], None]
) -> None:
    """Drive the real wizard through every screen and overlay, calling `on_screen(name)` on each.

    Shared by the screenshot command and `dvc-kiosk self-test`.
    """
    window, wizard = kiosk.window, kiosk.wizard
    wizard.set_language(language)
    wizard.set_text_size(size)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("1-home", lambda: None),
        ("2-choose", wizard.start),
        ("3-search", lambda: wizard.set_query("tam tru")),
        ("4-not-found", lambda: wizard.set_query("xyzzy")),
        ("5-not-offered", lambda: wizard.set_query("lam so do")),
        ("6-filter-cong-an", lambda: (wizard.set_query(""), wizard.set_agency("cong-an"))),
        ("7-overview", lambda: wizard.choose(DEMO_PROCEDURE)),
        ("8-step-1", wizard.begin_steps),
        ("9-practice-cccd", lambda: wizard.open_practice("cccd")),
        ("10-step-3", lambda: (wizard.close_practice(), wizard.next(), wizard.next())),
        ("11-practice-vneid", lambda: wizard.open_practice("vneid-activation")),
    ]
    for name, action in steps:
        action()
        on_screen(name)
    wizard.close_practice()
    while wizard.view.screen.value == "step":
        wizard.next()
    on_screen("12-finish")
    window.call_volunteer()
    on_screen("13-help")
    window.help_overlay.hide()
    wizard.idle_warn()
    on_screen("14-idle")
    wizard.idle_expire()


def _render_all(out: Path, sizes: list[str], languages: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.config import ConfigError, demo_config
    from kiosk.paths import app_dirs, resources_dir
    from ui.app import build_kiosk, load_catalog_or_none, make_app
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
            prefix = f"{language}-{size}"

            def on_screen(name: str, p: str = prefix, w: QWidget = window) -> None:
                snap(w, f"{p}-{name}")

            walk_every_screen(kiosk, language, size, on_screen)
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
