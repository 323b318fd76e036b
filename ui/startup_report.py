"""Writes what the kiosk could not start to the data folder, off the GUI thread, for `status`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.startup_problems import write_problems
from ui.background import Background

if TYPE_CHECKING:
    from ui.app import Kiosk

log = logging.getLogger(__name__)


def report_startup(kiosk: Kiosk) -> Background:
    """Replace the start-up report with `kiosk.problems` (empty when everything started)."""
    problems = dict(kiosk.problems)
    at = kiosk.clock.now()
    writer = Background("startup-report", parent=kiosk.window)

    def failed(exc: BaseException) -> None:
        # Not fatal: the panel still shows the problems; only `status` cannot read them.
        log.error("the start-up report could not be written: %s", type(exc).__name__)
        writer.shutdown(wait=False)

    writer.run(
        lambda: write_problems(kiosk.dirs.data, problems, at),
        lambda _none: writer.shutdown(wait=False),
        failed,
        label="startup-report",
    )
    return writer
