"""Start-up against the bare-Qt floor: time to the first painted home screen, and peak memory.

Runs, interleaved in the same run, N times each: the bare PySide6 window of
`bench/baseline_hello.py`, the kiosk from source, and the
kiosk from the bundle when `dist/dvc-kiosk` exists — each offscreen, each exiting right after
its first paint (the kiosk through DVC_KIOSK_EXIT_AFTER_PAINT=1: a real first paint of the real
home screen). Wall time is measured from process start to exit; peak RSS from the kernel
(wait4's ru_maxrss). Medians and ratios to the baseline are printed as Markdown, with the bundle
size and which heavy modules were already imported at the first paint (-X importtime).

    python bench/bench_startup.py [-n 15]

Goals (issue "Ship it"): ≤ 1.5× the baseline's time and ≤ 1.5× its peak memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "bench" / "baseline_hello.py"
BUNDLE = ROOT / "dist" / "dvc-kiosk" / "dvc-kiosk"
# What the home screen must not wait for (DESIGN.md: they start after the first paint).
HEAVY = ("sqlalchemy", "alembic", "httpx", "nacl", "PySide6.QtTextToSpeech", "segno")


@dataclass
class Runs:
    """Wall times (s) and peak RSS (KiB) of one program's runs."""

    name: str
    command: list[str]
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    def median_s(self) -> float:
        """Median wall time."""
        return statistics.median(self.seconds)

    def median_mib(self) -> float:
        """Median peak RSS in MiB."""
        return statistics.median(self.peak_kib) / 1024


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """One run: (wall seconds, peak RSS KiB); fails loudly if it did not exit 0."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {proc.returncode}")
    return elapsed, int(usage.ru_maxrss)  # KiB on Linux


def heavy_imports_before_paint(env: dict[str, str]) -> list[str]:
    """Heavy modules the kiosk imported before it exited at its first paint."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ui.entry", "run"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()}
    return [name for name in HEAVY if name in imported]


def bundle_mib() -> float | None:
    """The bundle folder's size on disk (hard links counted once), or None when not built."""
    folder = BUNDLE.parent
    if not folder.is_dir():
        return None
    out = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


def main() -> int:
    """Run the interleaved benchmark and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each program")
    args = parser.parse_args()
    if not BASELINE.is_file():
        raise SystemExit(f"baseline not found: {BASELINE}")
    with tempfile.TemporaryDirectory(prefix="dvc-kiosk-bench-") as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "DVC_KIOSK_HOME": home,
            "DVC_KIOSK_EXIT_AFTER_PAINT": "1",
        }
        env.pop("DVC_KIOSK_CONFIG", None)
        programs = [
            Runs("baseline (bare PySide6 window)", [sys.executable, str(BASELINE)]),
            Runs("kiosk from source", [sys.executable, "-m", "ui.entry", "run"]),
        ]
        if BUNDLE.is_file():
            programs.append(Runs("kiosk from the bundle", [str(BUNDLE), "run"]))
        # Bytecode for our packages, as a kiosk has after its first start: where the environment
        # sets PYTHONDONTWRITEBYTECODE (this machine does) every run would compile them anew.
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "kiosk", "ui"], cwd=ROOT, check=True
        )
        for program in programs:  # warm the disk cache once, unmeasured
            run_once(program.command, env)
        for _ in range(args.n):
            for program in programs:
                seconds, kib = run_once(program.command, env)
                program.seconds.append(seconds)
                program.peak_kib.append(kib)
        heavy = heavy_imports_before_paint(env)
    base = programs[0]
    load = os.getloadavg()
    print(f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · machine: {platform.node()}, "
          f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load[0]:.1f} / {load[1]:.1f} · N = {args.n} interleaved runs each, "
          "offscreen, exit at the first paint\n")  # fmt: skip
    print("| program | median time to first paint | × baseline | median peak RSS | × baseline |")
    print("|---|---:|---:|---:|---:|")
    for program in programs:
        print(
            f"| {program.name} | {program.median_s() * 1000:.0f} ms "
            f"(min {min(program.seconds) * 1000:.0f}) | "
            f"{program.median_s() / base.median_s():.2f} | {program.median_mib():.1f} MiB | "
            f"{program.median_mib() / base.median_mib():.2f} |"
        )
    size = bundle_mib()
    print()
    # With the portal view's QtWebEngine (#11): goal ≤ 300 MB, bar ≤ 400 MB.
    goal = "goal ≤ 300, bar ≤ 400"
    print(f"Bundle on disk: {size:.0f} MiB ({goal})" if size else "Bundle: not built")
    print(f"Heavy modules imported before the first paint: {', '.join(heavy) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
