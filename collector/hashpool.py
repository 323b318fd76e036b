"""A small pool of password-hashing slots: at most N scrypt runs at once in a worker process.

One scrypt check takes ~32 MiB and ~50 ms of a core. Unbounded, 400 concurrent login posts
took the collector to 1.31 GB. With the slots full, a login is answered 429 with Retry-After
at once, before any memory is spent, so memory stays bounded whatever the flood.
"""

from __future__ import annotations

import threading

# One per core of the small district server; each slot may hold ~32 MiB while it hashes.
DEFAULT_SLOTS = 2
RETRY_AFTER_S = 1


class HashPool:
    """`slots` permits; `try_acquire` never waits (a full pool means "answer 429")."""

    def __init__(self, slots: int = DEFAULT_SLOTS) -> None:
        if slots < 1:
            raise ValueError("a hash pool needs at least one slot")
        self.slots = slots
        self._semaphore = threading.BoundedSemaphore(slots)

    def try_acquire(self) -> bool:
        """Take a slot if one is free; False at once if none is."""
        return self._semaphore.acquire(blocking=False)

    def release(self) -> None:
        """Give a slot back (after the hash, whatever its outcome)."""
        self._semaphore.release()
