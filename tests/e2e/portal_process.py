"""The kiosk program with its portal view in a child process, with a HOME of its own: the
environment and config the end-to-end portal tests give it (tests/e2e/portal_run.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_TRACES = ("QtWebEngine", ".pki", "Chromium", "chromium", "GPUCache", "Cookies")


def kiosk_home(
    tmp_path: Path, origin: str, scans: Path, kiosk_settings: str = ""
) -> tuple[Path, dict[str, str]]:
    """A fresh HOME (the kiosk's folders inside it) and the environment to run in it;
    `kiosk_settings` are more lines for the config's [kiosk] section."""
    home = tmp_path / "home"
    (home / "kiosk").mkdir(parents=True)
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[help_point]\nid = "demo"\n\n[kiosk]\nid = "kiosk-e2e"\nkiosk_mode = false\n'
        f"{kiosk_settings}\n"
        f'[portal]\ntest_origin = "{origin}"\nscan_folder = "{scans}"\n'
        "removable_media = false\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        HOME=str(home),
        DVC_KIOSK_HOME=str(home / "kiosk"),
        DVC_KIOSK_CONFIG=str(config),
        PYTHONPATH=str(ROOT),
    )
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return home, env


def start(env: dict[str, str], *args: str, stdout: Path) -> subprocess.Popen[bytes]:
    """`python -m tests.e2e.portal_run ARGS`, stdout to a file, stderr to stdout's file too."""
    with stdout.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.portal_run", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def chromium_traces(home: Path) -> list[str]:
    """Files or folders under `home` that Chromium (QtWebEngine) made."""
    found = (p for p in home.rglob("*") if any(t in p.name for t in CHROMIUM_TRACES))
    return sorted(str(p.relative_to(home)) for p in found)
