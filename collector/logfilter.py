"""A logging filter that lets the same message through at most N times per interval.

Under a flood every failed accept() or malformed request logs the same line; 20,000 slow
connections once grew the collector's log by 268 MB. This filter passes the first `limit`
records of one kind (logger, level and message template) in each `interval` seconds, drops the
rest, and adds to the next one it passes how many were dropped, so nothing is silently lost
and the log grows by a bounded amount whatever the attack.

uvicorn's access lines all share one template, so keyed on the template they were 5 lines a
minute in all (75 lines for > 100,000 requests, issue #21 item 10). An access line's kind is
its method, path (no query) and status instead: each kind keeps its 5 a minute, the next one
passed says how many of its kind were dropped. Made-up paths cannot make the log unbounded:
past MAX_ACCESS_PATHS distinct paths in an interval, new paths share one kind per status.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from kiosk.clock import SYSTEM_CLOCK, Clock


class RepeatFilter(logging.Filter):
    """At most `limit` records per kind per `interval` seconds; then a count of the dropped."""

    MAX_KINDS = 1000
    MAX_ACCESS_PATHS = 50
    ACCESS_LOGGER = "uvicorn.access"

    def __init__(self, limit: int = 5, interval: float = 60.0, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__()
        self.limit = limit
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        # kind -> [window start, passed in window, dropped since the last one passed]
        self._kinds: OrderedDict[tuple[str, ...], list[float]] = OrderedDict()
        self._paths: set[str] = set()
        self._paths_since = clock.monotonic()

    def _kind(self, record: logging.LogRecord, now: float) -> tuple[str, ...]:
        args = record.args
        if record.name == self.ACCESS_LOGGER and isinstance(args, tuple) and len(args) == 5:
            # uvicorn: (client, method, path with query, HTTP version, status)
            method, path, status = str(args[1])[:16], str(args[2]), str(args[4])
            path = path.split("?", 1)[0][:120]
            if now - self._paths_since >= self.interval:
                self._paths.clear()
                self._paths_since = now
            if path not in self._paths:
                if len(self._paths) >= self.MAX_ACCESS_PATHS:
                    path = "(other paths)"
                else:
                    self._paths.add(path)
            return (record.name, str(record.levelno), method, path, status)
        return (record.name, str(record.levelno), str(record.msg))

    def filter(self, record: logging.LogRecord) -> bool:
        """True to emit `record` (possibly with a note of how many like it were dropped)."""
        now = self._clock.monotonic()
        with self._lock:
            kind = self._kind(record, now)
            state = self._kinds.pop(kind, None)
            if state is None or now - state[0] >= self.interval:
                dropped = int(state[2]) if state else 0
                state = [now, 0.0, float(dropped)]
            self._kinds[kind] = state
            while len(self._kinds) > self.MAX_KINDS:
                self._kinds.popitem(last=False)
            if state[1] >= self.limit:
                state[2] += 1
                return False
            state[1] += 1
            dropped = int(state[2])
            state[2] = 0
        if dropped:
            note = f" [{dropped} more like this dropped in the last {self.interval:g} s]"
            record.msg = f"{record.msg}{note.replace('%', '%%') if record.args else note}"
        return True
