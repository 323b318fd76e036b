"""The journal's one writer: a background thread that runs every write in its own transaction.

The GUI thread must never wait for the disk (DESIGN.md), and SQLite wants exactly one writer
(docs/reliability.md G3). So every write is queued here and runs on this thread as one
`BEGIN IMMEDIATE ... COMMIT`; the caller gets a `Future` that resolves only after the COMMIT
returned — that is what "acknowledged" means for the crash test and for the sync worker.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
T = TypeVar("T")

Work = Callable[[Session], Any]


class JournalClosedError(RuntimeError):
    """A write was queued after the writer was closed."""


@dataclass
class _Job:
    work: Work
    future: Future[Any]
    name: str


class _Barrier:
    """A marker in the queue: `flush` waits until the writer has passed it."""

    def __init__(self) -> None:
        self.done = threading.Event()


_STOP = object()


class JournalWriter:
    """Owns the single writing thread and its queue; every journal write goes through it."""

    def __init__(
        self, engine: Engine, *, write_delay: float = 0.0, name: str = "journal-writer"
    ) -> None:
        # write_delay slows every write down on purpose: a UI test uses it to prove that
        # the GUI thread never waits for the journal.
        self._engine = engine
        self._write_delay = write_delay
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, work: Callable[[Session], T], name: str = "write") -> Future[T]:
        """Queue `work(session)` to run in one transaction; returns at once.

        The future resolves with work's result after COMMIT, or with its exception after a
        rollback. `name` is a fixed label for logs (never data).
        """
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(JournalClosedError("the journal writer is closed"))
                return future
            self._queue.put(_Job(work, future, name))
        return future

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued before this call is committed; False on timeout."""
        barrier = _Barrier()
        with self._lock:
            if self._closed:
                return not self._thread.is_alive()
            self._queue.put(barrier)
        return barrier.done.wait(timeout)

    def close(self, timeout: float | None = 30.0) -> None:
        """Finish the queued writes, then stop the thread; later submits fail."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.error("journal writer did not finish within %s s", timeout)

    @property
    def closed(self) -> bool:
        """Whether close() was called."""
        return self._closed

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if isinstance(item, _Barrier):
                item.done.set()
                continue
            self._execute(item)

    def _execute(self, job: _Job) -> None:
        if not job.future.set_running_or_notify_cancel():
            return
        if self._write_delay:
            time.sleep(self._write_delay)
        try:
            # The engine's "begin" hook makes this BEGIN IMMEDIATE; leaving the block commits.
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                result = job.work(session)
        except BaseException as exc:  # the thread must survive any one bad write
            # Only the exception's type: SQL errors could otherwise echo row values.
            log.error("journal write '%s' failed: %s", job.name, type(exc).__name__)
            job.future.set_exception(exc)
            return
        job.future.set_result(result)
