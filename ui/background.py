"""The one way the UI runs slow work off the GUI thread and gets the answer back on it.

Blocking work (SQLite, HTTP, hashing a PIN, loading a catalog) never runs on the GUI thread
(DESIGN.md). `Background` runs a callable on its own worker thread(s) and calls `on_done(result)`
or `on_error(exception)` on the GUI thread, the way anki's QueryOp does; `deliver` does the same
for a Future someone else runs (the journal's writer thread), and `post` hands any callback from
any thread to the GUI thread. After `shutdown`, nothing more is delivered: a window being torn
down is never called back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


def _log_error(label: str) -> Callable[[BaseException], None]:
    def report(exc: BaseException) -> None:
        # The type only: an exception's text can carry data (a path, a value) from the job.
        log.error("background job '%s' failed: %s", label, type(exc).__name__)

    return report


class Background(QObject):
    """A named pool of worker threads whose results arrive on the GUI thread.

    Signals:
        _posted(object, object): internal; (callback, argument) queued to the GUI thread.
    """

    _posted = Signal(object, object)

    def __init__(self, name: str, workers: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._closed = False
        self._posted.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @property
    def closed(self) -> bool:
        """True after `shutdown`: nothing more runs or is delivered."""
        return self._closed

    def run(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str,
    ) -> Future[T] | None:
        """Run `job()` on a worker; `on_done(result)` or `on_error(exc)` on the GUI thread.

        `label` names the job in the log when it fails (and `on_error` is not given). Returns
        the Future, or None when the runner is already shut down (the job does not run).
        """
        with self._lock:
            if self._closed:
                return None
            future = self._pool.submit(job)
        self.deliver(future, on_done, on_error, label=label)
        return future

    def deliver(
        self,
        future: Future[T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        label: str,
    ) -> None:
        """When `future` (run by anyone) completes, call back on the GUI thread."""
        failed = on_error or _log_error(label)

        def done(f: Future[T]) -> None:
            exc = f.exception()
            if exc is not None:
                self.post(failed, exc)
            else:
                self.post(on_done, f.result())

        future.add_done_callback(done)

    def post(self, callback: Callable[[Any], None], argument: Any = None) -> None:
        """Call `callback(argument)` on the GUI thread soon (from any thread)."""
        if not self._closed:
            self._posted.emit(callback, argument)

    def _call(self, callback: Callable[[Any], None], argument: Any) -> None:
        if not self._closed:
            callback(argument)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking jobs, cancel queued ones, and (by default) let the running one finish."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=True)
