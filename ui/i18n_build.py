"""Builds the English translation: refreshes resources/i18n/kiosk_en.ts from the sources
(pyside6-lupdate) and compiles it to kiosk_en.qm (pyside6-lrelease). Run by the setup scripts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "kiosk_en.ts"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def update_ts() -> None:
    """Collect every tr() string of ui/ into the .ts file (keeps existing translations)."""
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(TS)], check=True, capture_output=True
    )


def build_qm() -> Path:
    """Compile the .ts into the .qm the kiosk loads."""
    qm = TS.with_suffix(".qm")
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True
    )
    return qm


def main() -> int:
    """Build kiosk_en.qm from the committed .ts (use --update to refresh the .ts first)."""
    if "--update" in sys.argv:
        update_ts()
    print(f"translations: {build_qm().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
