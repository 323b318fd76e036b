"""The portal view's costs: tap → portal painted, and memory over many resident sessions.

Runs the real kiosk window (under a display: QtWebEngine's real drawing path; use
`xvfb-run -a -s "-screen 0 1280x800x24"` with QT_QPA_PLATFORM=xcb) against the fake portal of
the tests, served on loopback by this process's parent:

* tap → painted: from the click on «Làm ngay trên máy này» until the web view shows the fake
  portal's red header bar (the view is grabbed every 10 ms). The first tap of a kiosk run is
  "cold" (QtWebEngine imported, its processes started, a profile made); later taps, each in a
  new resident session with a new off-the-record profile, are "warm". Fresh processes give
  the cold figure again.
* memory: N resident sessions in one kiosk (open the portal, log in, open the form, 'Xong');
  the proportional set size (PSS) of the kiosk process and all its children (QtWebEngine's
  zygote, renderers, GPU and utility processes) after 5 and after 50 sessions, and how many
  renderer processes are alive.

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python bench/bench_portal.py [--processes 3] [--warm 5] [--sessions 5 50]

Goals (issue #11): memory after 50 sessions within 10 % of after 5 (renderers counted); the
first painted home screen still within 1.5× the bare-Qt baseline (bench/bench_startup.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# ----- memory of a process tree (Linux /proc) ---------------------------------------------
def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def pss_kib(pid: int) -> int:
    """Proportional set size: shared pages split between the processes that share them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def renderer_count(pids: list[int]) -> int:
    """Chromium renderer processes among `pids`."""
    count = 0
    for pid in pids:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"QtWebEngineProcess" in cmdline and b"--type=renderer" in cmdline:
            count += 1
    return count


# ----- the child: one kiosk process ----------------------------------------------------------
def child(mode: str, origin: str, warm: int, checkpoints: list[int]) -> None:
    """Build the kiosk (as the tests do), then measure; prints one JSON line."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QColor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.catalog.loader import load_catalog
    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.config import demo_config
    from kiosk.paths import app_dirs, resources_dir
    from kiosk.portal import LoopbackOrigin, PortalConfig
    from tests.fake_portal import BRAND
    from tests.portal_driver import Bot, PortalDriver
    from ui.app import build_kiosk, make_app

    app = make_app()
    dirs = app_dirs()
    dirs.ensure()
    config = dataclasses.replace(
        demo_config(), portal=PortalConfig(test_origin=LoopbackOrigin.parse(origin))
    )
    catalog = load_catalog(resources_dir() / "catalog")
    kiosk = build_kiosk(app, config, catalog, dirs, clock=SYSTEM_CLOCK)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    QTest.qWaitForWindowExposed(kiosk.window)
    QTest.qWait(300)
    driver = PortalDriver(Bot(), kiosk)
    red = QColor(BRAND)

    def painted() -> bool:
        pane = kiosk.window.portal.page().pane
        view = pane.top_view
        if view is None or pane.stack.currentWidget() is not view:
            return False
        image = view.grab().toImage()
        return image.width() > 0 and image.pixelColor(image.width() // 2, 20) == red

    def tap() -> float:
        driver.to_step()
        button = kiosk.window.pages["step"].portal
        began = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        while not painted():
            QTest.qWait(10)
            if time.perf_counter() - began > 60:
                raise TimeoutError("the portal was not painted in 60 s")
        return time.perf_counter() - began

    def end_session() -> None:
        kiosk.wizard.done()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QTest.qWait(200)

    if mode == "tap":
        cold = tap()
        end_session()
        warm_s = []
        for _ in range(warm):
            warm_s.append(tap())
            end_session()
        print(json.dumps({"cold": cold, "warm": warm_s}), flush=True)
        return
    results = []
    done = 0
    for checkpoint in sorted(checkpoints):
        while done < checkpoint:
            tap()
            driver.log_in()
            end_session()
            done += 1
        QTest.qWait(2000)  # let Chromium retire what the last session's renderer held
        pids = descendants(os.getpid())
        total = sum(pss_kib(p) for p in pids)
        results.append(
            {
                "sessions": done,
                "pss_mib": total / 1024,
                "kiosk_pss_mib": pss_kib(os.getpid()) / 1024,
                "processes": len(pids),
                "renderers": renderer_count(pids),
            }
        )
    print(json.dumps({"memory": results}), flush=True)


def run_child(args: list[str], home: Path) -> dict[str, object]:
    env = {**os.environ, "DVC_KIOSK_HOME": str(home)}
    env.pop("DVC_KIOSK_CONFIG", None)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # a root-only bench machine, as the tests
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(done.stderr[-3000:])
    result: dict[str, object] = json.loads(lines[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=3, help="fresh kiosks for cold taps")
    parser.add_argument("--warm", type=int, default=5, help="warm taps per kiosk")
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 50])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, origin, warm, *checkpoints = args.child
        child(mode, origin, int(warm), [int(c) for c in checkpoints])
        return 0

    from tests.fake_portal import FakePortal

    portal = FakePortal.start()
    try:
        cold: list[float] = []
        warm: list[float] = []
        for _ in range(args.processes):
            with tempfile.TemporaryDirectory(prefix="bench-portal-") as tmp:
                result = run_child(["tap", portal.origin, str(args.warm)], Path(tmp))
            cold.append(float(result["cold"]))  # type: ignore[arg-type]
            warm.extend(float(w) for w in result["warm"])  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory(prefix="bench-portal-") as tmp:
            memory = run_child(["memory", portal.origin, "0", *map(str, args.sessions)], Path(tmp))[
                "memory"
            ]
    finally:
        portal.stop()

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs"
    qpa = os.environ.get("QT_QPA_PLATFORM", "?")
    print(f"## Portal view ({stamp}, {machine}, QT_QPA_PLATFORM={qpa})\n")
    print("| tap → portal painted | median | runs |")
    print("|---|---:|---:|")
    print(f"| cold (first tap of a kiosk run) | {statistics.median(cold) * 1000:.0f} ms "
          f"| {len(cold)} |")  # fmt: skip
    print(f"| warm (a new resident's session) | {statistics.median(warm) * 1000:.0f} ms "
          f"| {len(warm)} |")  # fmt: skip
    print("\n| sessions | PSS, kiosk + all QtWebEngine processes | kiosk process | processes "
          "| renderers |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|")
    for row in memory:  # type: ignore[union-attr]
        print(f"| {row['sessions']} | {row['pss_mib']:.1f} MiB | {row['kiosk_pss_mib']:.1f} MiB "
              f"| {row['processes']} | {row['renderers']} |")  # fmt: skip
    first, last = memory[0], memory[-1]  # type: ignore[index]
    growth = (last["pss_mib"] / first["pss_mib"] - 1) * 100
    print(f"\nAfter {last['sessions']} sessions vs {first['sessions']}: {growth:+.1f} % "
          "(goal: within 10 %)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
