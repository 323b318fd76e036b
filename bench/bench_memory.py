"""Memory over a long day: RSS after 20 and after 200 simulated resident journeys.

A kiosk runs for weeks without a restart, so whatever a journey leaves behind adds up. This
drives the real window, wizard and journal with `ui.simulate` (real clicks and key presses,
sessions written to a real journal in a throw-away DVC_KIOSK_HOME), and reads the process's
resident memory after each checkpoint once garbage and deferred deletes are collected.

    python bench/bench_memory.py [--journeys 20 200] [--seed 7]

Goal (issue "Ship it"): the RSS after 200 journeys is at most 10 % above the RSS after 20.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mib() -> float:
    """The current resident set size (Linux /proc)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def trimmed_rss_mib() -> float | None:
    """RSS after glibc hands freed heap back to the OS (malloc_trim), or None off glibc.

    The difference to rss_mib() is memory Python and Qt already freed but malloc kept in its
    per-thread arenas: not a leak, but it is resident until trimmed.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        return None
    return rss_mib()


def event_loop_driver(driver_class: type) -> type:
    """The simulate Driver, with deleteLater() honoured at every pump, as in the real kiosk.

    The real kiosk handles each key press from app.exec(), so widgets a screen drops with
    deleteLater() (the Choose screen rebuilds its tiles on every typed letter) are freed when
    control returns to the loop. The simulator drives everything from one Python loop with
    processEvents(), which never runs those deletions: measured, the dropped tiles then pile
    up to ~3 MB per typed search and fragment the heap — a harness artefact, not the kiosk's.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    class EventLoopDriver(driver_class):  # type: ignore[misc, valid-type]
        """Flushes deferred deletes wherever the simulator pumps events."""

        def pump(self) -> None:
            super().pump()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    return EventLoopDriver


def settle(app: object) -> None:
    """Let Qt run deferred deletes and Python collect cycles before measuring."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()  # type: ignore[attr-defined]
        gc.collect()


def main() -> int:
    """Run the journeys and print the Markdown lines for bench/RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", nargs="+", type=int, default=[20, 200])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--raw-driver",
        action="store_true",
        help="pump events exactly as ui.simulate does (deferred deletes pile up; see above)",
    )
    args = parser.parse_args()
    checkpoints = sorted(set(args.journeys))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("DVC_KIOSK_CONFIG", None)
    with tempfile.TemporaryDirectory(prefix="dvc-kiosk-mem-") as home:
        os.environ["DVC_KIOSK_HOME"] = home
        from kiosk.clock import SYSTEM_CLOCK, FixedClock
        from ui.simulate import Driver, build_simulated_kiosk

        logging_quiet()
        kiosk, hookup = build_simulated_kiosk(FixedClock(SYSTEM_CLOCK.now()))
        driver_class = Driver if args.raw_driver else event_loop_driver(Driver)
        driver = driver_class(kiosk, hookup, random.Random(args.seed))
        settle(kiosk.app)
        before = rss_mib()
        results: list[tuple[int, float, float | None, int, float]] = []
        began = time.perf_counter()
        done = 0
        for checkpoint in checkpoints:
            while done < checkpoint:
                driver.random_journey()
                done += 1
            settle(kiosk.app)
            rss = rss_mib()
            trimmed = trimmed_rss_mib()
            results.append((done, rss, trimmed, len(gc.get_objects()), time.perf_counter() - began))
        hookup.shutdown()
        kiosk.window.allow_close()  # type: ignore[attr-defined]
        kiosk.window.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first = results[0][1]
    first_trimmed = results[0][2]
    print(
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · machine: {platform.node()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()} · "
        f"seed {args.seed}, offscreen, real journal, "
        f"driver: {'ui.simulate as is' if args.raw_driver else 'deferred deletes flushed'}\n"
    )
    print("| after | RSS | vs first | RSS after malloc_trim | vs first | Python objects | time |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| start (window built, journal open) | {before:.1f} MiB | | | | | |")
    for journeys, rss, trimmed, objects, seconds in results:
        trim_text = trim_vs = "n/a"
        if trimmed is not None and first_trimmed:
            trim_text = f"{trimmed:.1f} MiB"
            trim_vs = f"{(trimmed / first_trimmed - 1) * 100:+.1f} %"
        print(
            f"| {journeys} journeys | {rss:.1f} MiB | {(rss / first - 1) * 100:+.1f} % | "
            f"{trim_text} | {trim_vs} | {objects:,} | {seconds:.0f} s |"
        )
    print(f"\nPeak RSS {peak:.1f} MiB. Goal: ≤ +10 % from {checkpoints[0]} to {checkpoints[-1]}.")
    growth = results[-1][1] / first - 1
    return 0 if growth <= 0.10 else 1


def logging_quiet() -> None:
    """Only warnings on the terminal: the table is what this prints."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)


if __name__ == "__main__":
    sys.exit(main())
