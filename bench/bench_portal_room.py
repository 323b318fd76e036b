"""How much of the portal's page a resident sees, at each text size, on the two screens help
points have (1366×768 and 1024×768), with the guide open and folded (issue #19, item 2):

* the web view's size in screen pixels and in the page's CSS pixels (the page is zoomed with
  the kiosk's text size, so a 1.5× page shows two thirds as much of itself);
* on arrival at the fake portal's form (which has the national portal's ~370 px banner), is
  the form's button in view without scrolling — the "next action below the fold" the
  resident met on almost every page.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python bench/bench_portal_room.py [--no-scroll-to-content]

`--no-scroll-to-content` measures the pages as they were before the kiosk scrolled a new
page to its content (the "before" figures). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCREENS = ((1366, 768), (1024, 768))
SIZES = (("normal", "Thường"), ("large", "Lớn"), ("xlarge", "Rất lớn"))
BUTTON_IN_VIEW = (
    "(() => { const r = document.getElementById('submit').getBoundingClientRect();"
    " return r.bottom <= innerHeight && r.top >= 0; })()"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-scroll-to-content", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DVC_KIOSK_HOME", tempfile.mkdtemp(prefix="dvc-room-"))
    if os.geteuid() == 0:  # Chromium refuses root with its sandbox; a bench machine only
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

    from PySide6.QtTest import QTest

    from kiosk.catalog.loader import load_catalog
    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.config import demo_config
    from kiosk.paths import app_dirs, resources_dir
    from kiosk.portal import LoopbackOrigin, PortalConfig
    from tests.fake_portal import FakePortal
    from tests.portal_driver import Bot, PortalDriver
    from ui.app import build_kiosk, make_app
    from ui.portal import content_start

    if args.no_scroll_to_content:
        content_start.CONTENT_START_JS = "0"  # the page stays where it loads

    portal = FakePortal.start(banner_px=370)
    app = make_app()
    dirs = app_dirs()
    dirs.ensure()
    config = dataclasses.replace(
        demo_config(), portal=PortalConfig(test_origin=LoopbackOrigin.parse(portal.origin))
    )
    kiosk = build_kiosk(
        app, config, load_catalog(resources_dir() / "catalog"), dirs, clock=SYSTEM_CLOCK
    )
    kiosk.window.show()
    QTest.qWaitForWindowExposed(kiosk.window)
    driver = PortalDriver(Bot(), kiosk)
    rows = []
    for width, height in SCREENS:
        kiosk.window.setGeometry(0, 0, width, height)
        for size, name in SIZES:
            kiosk.wizard.set_text_size(size)
            driver.to_step()
            driver.press_portal_button()
            driver.log_in()  # ends on the form's first page
            guide = kiosk.window.portal.page().guide
            for folded in (False, True):
                guide.set_folded(folded)
                QTest.qWait(300)
                driver.go("/form/2")
                QTest.qWait(300)
                view = driver.view
                zoom = view.zoomFactor()
                in_view = bool(driver.js(BUTTON_IN_VIEW))
                rows.append(
                    f"| {width}×{height} | {name} | {'thu gọn' if folded else 'mở'} "
                    f"| {view.width()}×{view.height()} "
                    f"| {round(view.width() / zoom)}×{round(view.height() / zoom)} "
                    f"| {'yes' if in_view else 'no'} |"
                )
            kiosk.wizard.done()
            QTest.qWait(300)
    label = "before (no scroll to content)" if args.no_scroll_to_content else "after"
    print(f"Portal room, {label}:\n")
    print("| screen | text size | guide | page in px | page in CSS px | form's button in view |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    portal.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
