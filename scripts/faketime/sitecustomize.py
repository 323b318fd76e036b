"""Loaded by every Python process of `scripts/test_dates.sh` (through PYTHONPATH), nowhere else.

libfaketime 0.9.10 with FAKETIME_DONT_FAKE_MONOTONIC=1 turns Python 3.11's `time.sleep`
(clock_nanosleep on CLOCK_MONOTONIC with an absolute deadline) into EINVAL, while timed waits
(threading, queue, select) work. With the monotonic clock faked as well, those timed waits hang
instead. So the monotonic clock stays real, and `time.sleep` waits in `select`, whose timeout
is relative and which libfaketime leaves alone. Nothing else changes.
"""

from __future__ import annotations

import select
import time


def _sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    select.select([], [], [], seconds)  # retried with the time left after a signal (PEP 475)


time.sleep = _sleep
