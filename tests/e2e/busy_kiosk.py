"""`dvc-kiosk run` as systemd starts it, kept busy writing: once the home screen is painted, the
event loop writes to the journal (content reports through the kiosk's own recorder, one after
another) and logs a line between every two Qt events, so a SIGTERM lands in the middle of a
write. Started by tests/e2e/test_sigterm_stop.py as `python -m tests.e2e.busy_kiosk`.

Nothing of the kiosk is replaced: `ui.app.after_first_paint` runs as it is, and this only adds
the writer's timer once it has run.
"""

from __future__ import annotations

import logging
import sys
from concurrent.futures import Future

from PySide6.QtCore import QTimer

import ui.app
from kiosk.protocol import ContentProblem
from ui.entry import main

log = logging.getLogger("busy_kiosk")
BUSY = "busy: writing to the journal and the log"
real_after_first_paint = ui.app.after_first_paint


def busy_after_first_paint(kiosk: ui.app.Kiosk) -> None:
    real_after_first_paint(kiosk)
    pending: Future[None] | None = None
    count = 0

    def write() -> None:
        nonlocal pending, count
        hookup = kiosk.journal_hookup
        recorder = hookup.recorder if hookup is not None else None
        if recorder is not None and (pending is None or pending.done()):
            pending = recorder.report_content("p-busy", 1, ContentProblem.FEE, 1)
        count += 1
        log.info("busy: write %d", count)

    timer = QTimer(kiosk.window)
    timer.setInterval(0)
    timer.timeout.connect(write)
    timer.start()
    log.info(BUSY)


ui.app.after_first_paint = busy_after_first_paint

if __name__ == "__main__":
    sys.exit(main(["run"]))
