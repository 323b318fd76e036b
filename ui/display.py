"""Is there a screen to open the kiosk on? Said in one sentence before Qt aborts the process.

Without a display Qt's xcb plugin prints a page of plugin diagnostics and dumps core. On
Linux the kiosk looks first: no X or Wayland display and no QT_QPA_PLATFORM chosen means
there is nothing to draw on, so it says how to run it instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

NO_DISPLAY = (
    "There is no screen to open the kiosk on (no DISPLAY or WAYLAND_DISPLAY): run it on the "
    "desktop of the kiosk PC with `bash scripts/run_kiosk.sh` (a window, or "
    "`.venv/bin/dvc-kiosk run --windowed`), or without a screen under a virtual one with "
    "`xvfb-run -a bash scripts/run_kiosk.sh`."
)


def no_display(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a Linux kiosk has no display to draw on (and no Qt platform was chosen)."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform) != "linux":
        return False  # Windows and macOS always have their own window system
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
