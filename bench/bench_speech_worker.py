"""What the read-aloud worker (`dvc-kiosk speech`, a separate process since read-aloud moved out
of the kiosk's threads) costs: time until it reports its voice, and its memory.

It runs Qt's real speechd engine against the stand-in speech-dispatcher of the tests, so the
figures do not depend on this machine's dispatcher or sound card. Linux only (/proc).

Run: `.venv/bin/python bench/bench_speech_worker.py -n 11`
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fake_speechd import fake_speech_dispatcher  # noqa: E402
from ui.speech import worker_command  # noqa: E402


def memory_kib(pid: int) -> dict[str, int]:
    """Rss, Pss and private (clean + dirty) memory of a process, in KiB."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "private": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def one_run(runtime_dir: Path) -> tuple[float, dict[str, int]]:
    program, args, folder = worker_command(["speechd"])
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [program, *args],
        cwd=folder,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None and proc.stdin is not None
    status = proc.stdout.readline()
    ready = time.perf_counter() - start
    assert b'"vi": true' in status, status
    memory = memory_kib(proc.pid)
    proc.stdin.close()
    proc.wait(timeout=10)
    return ready, memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=11, help="runs")
    args = parser.parse_args()
    with fake_speech_dispatcher() as speechd:
        one_run(speechd.runtime_dir)  # warm the file cache
        runs = [one_run(speechd.runtime_dir) for _ in range(args.n)]
    ready = statistics.median(r for r, _ in runs)
    mib = {k: statistics.median(m[k] for _, m in runs) / 1024 for k in ("rss", "pss", "private")}
    print(
        f"read-aloud worker, {args.n} runs: voice reported after {ready * 1000:.0f} ms (median); "
        f"RSS {mib['rss']:.1f} MiB, PSS {mib['pss']:.1f} MiB, private {mib['private']:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
