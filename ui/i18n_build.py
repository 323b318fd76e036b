"""Builds the translations: refreshes resources/i18n/kiosk_en.ts from the sources
(pyside6-lupdate, with --update) and compiles it to kiosk_en.qm, and compiles qt_vi.ts (our
Vietnamese for Qt's own context menus; PySide6 ships none) to qt_vi.qm (pyside6-lrelease).
Run by the setup scripts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "kiosk_en.ts"
QT_VI_TS = ROOT / "resources" / "i18n" / "qt_vi.ts"  # hand-written; lupdate never touches it


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def update_ts() -> None:
    """Collect every tr() string of ui/ into the .ts file (keeps existing translations)."""
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(TS)], check=True, capture_output=True
    )


def build_qm(ts: Path = TS) -> Path:
    """Compile a .ts into the .qm the kiosk loads."""
    qm = ts.with_suffix(".qm")
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )
    return qm


def main() -> int:
    """Build kiosk_en.qm from the committed .ts (use --update to refresh the .ts first)."""
    if "--update" in sys.argv:
        update_ts()
    built = [build_qm(ts).relative_to(ROOT) for ts in (TS, QT_VI_TS)]
    print("translations: " + ", ".join(str(path) for path in built))
    return 0


if __name__ == "__main__":
    sys.exit(main())
