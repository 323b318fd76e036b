"""Per-kiosk request rates: a token bucket per kiosk token and kind of request, answered 429.

A kiosk sends one batch at a time and downloads a catalog now and then, so an honest kiosk never
meets these limits; a leaked token or a kiosk stuck in a loop does, and then waits the
`Retry-After` seconds the answer names (the kiosk's sync worker honours it). The buckets live in
each worker process: with W workers a token gets at most W times the rate, which still bounds
it. Memory is bounded too: the buckets of the least recently seen kiosks are dropped first.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

from kiosk.clock import Clock


@dataclass(frozen=True)
class Rate:
    """`burst` requests at once, then `per_second` on average."""

    per_second: float
    burst: int


# 10,000 sessions are 20 batches of 500; a backlog that large still goes in one burst.
UPLOAD_RATE = Rate(per_second=2.0, burst=60)
# A catalog release is its manifest and ~60 files; two full downloads fit in one burst.
CATALOG_RATE = Rate(per_second=5.0, burst=150)


class RateLimiter:
    """Token buckets keyed by a string (kind and kiosk id); thread-safe."""

    MAX_KEYS = 10_000

    def __init__(self, rate: Rate, clock: Clock) -> None:
        self.rate = rate
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at

    def take(self, key: str) -> int:
        """Spend one request for `key`: 0 if allowed, else whole seconds until one is."""
        now = self._clock.monotonic()
        with self._lock:
            tokens, at = self._buckets.pop(key, (float(self.rate.burst), now))
            tokens = min(float(self.rate.burst), tokens + (now - at) * self.rate.per_second)
            if tokens >= 1.0:
                tokens -= 1.0
                wait = 0
            else:
                wait = max(1, math.ceil((1.0 - tokens) / self.rate.per_second))
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.MAX_KEYS:
                self._buckets.popitem(last=False)
        return wait
