"""What a whole portal procedure costs a resident, at each text size, before and after the
changes of issue #19: taps, keys, wheel turns, pages whose next action was below the fold on
arrival, the seconds spent finding it, and the times the guide was out of step with the
portal. The journey is tests/resident_journey.py's (real pointer and keys through Xvfb, on
the fake portal with the national portal's 370 px banner and review page), at 1366×768.

"before" switches off what #19 added for the resident's room and way: the guide never folds,
a new page is not scrolled to its content, and the catalog names no portal page (so the guide
never offers to follow). The scan is picked in the kiosk's picker in both.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python bench/bench_journey.py

Prints a Markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = (("normal", "Thường"), ("large", "Lớn"), ("xlarge", "Rất lớn"))
SCAN = "giay-to-cho-o.pdf"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="save each page's screen under this folder")
    parser.add_argument("--screen", default="1366x768", help="window size, e.g. 1024x768")
    parser.add_argument("--only", choices=("before", "after"), help="one of the two runs")
    parser.add_argument("--sizes", default="normal,large,xlarge")
    args = parser.parse_args()
    width, height = (int(n) for n in args.screen.split("x"))
    os.environ.setdefault("DVC_KIOSK_HOME", tempfile.mkdtemp(prefix="dvc-journey-"))
    if os.geteuid() == 0:  # Chromium refuses root with its sandbox on: bench machines only
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtTest import QTest

    from kiosk.catalog.loader import load_catalog
    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.config import demo_config
    from kiosk.paths import app_dirs, resources_dir
    from kiosk.portal import LoopbackOrigin, PortalConfig
    from tests.fake_portal import FakePortal
    from tests.portal_driver import Bot, PortalDriver
    from tests.resident_journey import RealResident, marked
    from ui.app import build_kiosk, make_app
    from ui.portal import content_start, split_page

    portal = FakePortal.start(banner_px=370, review=True)
    scans = Path(tempfile.mkdtemp(prefix="dvc-scans-"))
    catalog = load_catalog(resources_dir() / "catalog")
    app = make_app()
    dirs = app_dirs()
    dirs.ensure()
    rows = []
    script, folded_at = content_start.CONTENT_START_JS, split_page.FOLDED_AT
    for label in ("before", "after"):
        if args.only and label != args.only:
            continue
        if label == "before":
            content_start.CONTENT_START_JS, split_page.FOLDED_AT = "0", frozenset()
        else:
            content_start.CONTENT_START_JS, split_page.FOLDED_AT = script, folded_at
        for size, name in SIZES:
            if size not in args.sizes.split(","):
                continue
            config = dataclasses.replace(
                demo_config(),
                portal=PortalConfig(
                    test_origin=LoopbackOrigin.parse(portal.origin),
                    scan_folder=scans,
                    removable_media=False,
                ),
            )
            kiosk = build_kiosk(
                app,
                config,
                catalog if label == "before" else marked(catalog),
                dirs,
                clock=SYSTEM_CLOCK,
            )
            kiosk.window.portal.printers = list
            kiosk.window.setGeometry(0, 0, width, height)
            kiosk.window.show()
            QTest.qWaitForWindowExposed(kiosk.window)
            QTest.qWait(500)
            driver = PortalDriver(Bot(), kiosk)
            kiosk.wizard.set_text_size(size)
            shots = args.shots / f"{label}-{size}-{width}x{height}" if args.shots else None
            resident = RealResident(driver, Bot().waitUntil, shots=shots)
            started = time.monotonic()
            resident.to_the_portal()
            (scans / SCAN).write_bytes(b"%PDF-1.4 a scan\n")
            resident.portal_journey(resident.picks_scan(SCAN))
            resident.shoot("receipt-downloaded")
            resident.finish_and_report()
            took = time.monotonic() - started
            c = resident.counts
            rows.append(
                f"| {label} | {name} | {c.taps} | {c.keys} | {c.wheel_turns} "
                f"| {c.below_fold_pages}/{c.pages} | {c.below_fold_seconds:.1f} "
                f"| {c.out_of_step} | {took:.0f} |"
            )
            kiosk.wizard.done()
            QTest.qWait(500)
            kiosk.window.allow_close()
            kiosk.window.close()
            kiosk.window.deleteLater()
            QTest.qWait(500)
            shutil.rmtree(scans, ignore_errors=True)
            scans.mkdir()
    load = os.getloadavg()
    print(f"Load average after: {load[0]:.1f}\n")
    print(
        "| | text size | taps | keys | wheel turns | pages with the next action below the fold "
        "| seconds finding it | guide out of step (offers tapped) | journey s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    portal.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
