"""Connects the running kiosk to the session journal, after the home screen has been painted.

Opening SQLite (and maybe migrating it) takes time an old PC should spend after the first
paint, so `ui.app.after_first_paint` calls `start_journal`. Everything that could wait on the
disk — the PIN check (a slow hash plus durable writes) and the panel's reads — runs on one
`ui.background.Background` worker here; results come back to the GUI thread as signals. Writes
go through the journal's own writer thread, whose Futures the same Background delivers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk.journal.db import Journal, JournalError, open_journal
from kiosk.journal.queries import SessionRow, SyncState, TodayStats
from kiosk.journal.recorder import JournalRecorder
from kiosk.pin import PinGuard, PinResult
from kiosk.protocol import VOLUNTEER_CODE_PATTERN, ContentProblem, Outcome
from kiosk.wizard import Screen
from ui.background import Background

if TYPE_CHECKING:
    from ui.app import Kiosk
    from ui.volunteer_panel import VolunteerPanel

log = logging.getLogger(__name__)

# How long the panel's loader waits for queued writes before it reads (so a reset or a mark
# just made shows up); the GUI thread never waits for this.
READ_AFTER_WRITES_TIMEOUT = 10.0
# The PIN check first lets the writer catch up (a busy journal must not fail a right PIN),
# then waits for its own durable writes.
PIN_QUEUE_TIMEOUT = 60.0
PIN_WRITE_TIMEOUT = 30.0


@dataclass(frozen=True)
class PanelState:
    """Everything the volunteer panel shows from the journal, read in one go off the GUI thread."""

    stats: TodayStats
    last: SessionRow | None
    unsynced: int
    dead: int
    sync: SyncState
    read_at: datetime
    problem: str | None = None  # the journal could not be opened: this, for IT
    dead_by_reason: dict[str, int] = field(default_factory=dict)  # refused records per reason


class MemoryKv:
    """The PIN guard's kv store when the journal cannot be opened (the lockout itself lives in
    the pepper's file, kiosk.pin_state, and does not need the journal).

    Without it a broken journal (full disk, damaged file) would also lock the volunteer out of
    the panel — the one place that says what is wrong and lets IT leave kiosk mode.
    """

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        """The value, or None."""
        return self._values.get(key)

    def put(self, values: Mapping[str, str | None]) -> Future[None]:
        """Set (None deletes) keys; already done when it returns."""
        for key, value in values.items():
            if value is None:
                self._values.pop(key, None)
            else:
                self._values[key] = value
        done: Future[None] = Future()
        done.set_result(None)
        return done


class JournalHookup(QObject):
    """The journal, its recorder and the PIN guard for one kiosk; does the slow work off-thread.

    Signals:
        pin_checked(object): a PinResult for the PIN handed to `check_pin`.
        pin_wait(float): seconds of lockout left, answered to `ask_pin_wait`.
        state_loaded(object): a PanelState, answered to `load_state`.
        outcome_marked(bool): a mark was committed (True) or refused (False).
        content_reported(bool): a content report was committed (True) or refused (False).
        demo_pin(str): this demo kiosk still opens with the demo PIN (answered to
            `ask_pin_wait`), so the PIN pad can say it.
        failed(str): a background job failed; the text is a fixed label, never data.
    """

    pin_checked = Signal(object)
    pin_wait = Signal(float)
    state_loaded = Signal(object)
    outcome_marked = Signal(bool)
    content_reported = Signal(bool)
    demo_pin = Signal(str)
    failed = Signal(str)

    def __init__(self, kiosk: Kiosk, journal: Journal | None, problem: str | None = None) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.journal = journal
        self.problem = problem
        catalog = kiosk.wizard.catalog
        known = {screen.value for screen in Screen} | set(catalog.procedures)
        self.recorder = (
            JournalRecorder(
                journal,
                kiosk.config.kiosk_id,
                kiosk.config.help_point.id,
                known_ids=known,
                clock=kiosk.clock,
            )
            if journal is not None
            else None
        )
        self._kv = journal.kv if journal is not None else MemoryKv()
        self._guard: PinGuard | None = None
        self._guard_lock = threading.Lock()
        self._background = Background("journal-reads", parent=self)
        self.panel: VolunteerPanel | None = None
        self._quit_connected = False

    @property
    def guard(self) -> PinGuard:
        """The PIN guard, made on first use: on the first boot that writes (and fsyncs) the
        pepper file, which the background thread should do rather than the GUI thread."""
        with self._guard_lock:
            if self._guard is None:
                self._guard = PinGuard.for_kiosk(
                    self._kv,
                    self.kiosk.dirs.data,
                    config_hash=self.kiosk.config.pin_hash,
                    demo=self.kiosk.config.demo,
                    clock=self.kiosk.clock,
                    write_timeout=PIN_WRITE_TIMEOUT,
                )
            return self._guard

    # ----- background jobs ---------------------------------------------------------------
    def _run(self, job: Callable[[], Any], then: Callable[[Any], None], label: str) -> None:
        def failed(exc: BaseException) -> None:
            # The type and a fixed label only: an exception's text can carry data.
            log.error("journal job '%s' failed: %s", label, type(exc).__name__)
            self.failed.emit(label)

        self._background.run(job, then, failed, label=label)

    def check_pin(self, pin: str) -> None:
        """Check `pin` in the background; answers with `pin_checked`."""

        def check() -> PinResult:
            if self.journal is not None:
                self.journal.flush(PIN_QUEUE_TIMEOUT)
            return self.guard.check(pin)

        self._run(check, self.pin_checked.emit, "pin-check")

    def ask_pin_wait(self) -> None:
        """How long the PIN pad must wait before a try (survives restarts); answers `pin_wait`,
        and `demo_pin` first when the demo PIN opens this kiosk."""

        def ask() -> tuple[float, str | None]:
            return self.guard.wait_seconds(), self.guard.demo_pin()

        def answer(facts: tuple[float, str | None]) -> None:
            wait, demo = facts
            if demo is not None:
                self.demo_pin.emit(demo)
            self.pin_wait.emit(wait)

        self._run(ask, answer, "pin-wait")

    def load_state(self) -> None:
        """Read today's work, the last session and the sync state; answers `state_loaded`."""
        self._run(self._read_state, self.state_loaded.emit, "panel-read")

    def _read_state(self) -> PanelState:
        now = self.kiosk.clock.now().astimezone()
        if self.journal is None:
            return PanelState(
                stats=TodayStats(day=now.date()),
                last=None,
                unsynced=0,
                dead=0,
                sync=SyncState(None, None, None),
                read_at=now,
                problem=self.problem,
            )
        self.journal.flush(READ_AFTER_WRITES_TIMEOUT)
        return PanelState(
            stats=self.journal.today_stats(now),
            last=self.journal.last_session(),
            unsynced=self.journal.unsynced_count(),
            dead=self.journal.dead_count(),
            sync=self.journal.sync_state(),
            read_at=now,
            dead_by_reason=self.journal.dead_by_reason(),
        )

    def mark_outcome(self, session_uuid: str, outcome: Outcome, code: str | None) -> bool:
        """Queue a volunteer's mark; False at once when the code is not like TNV-07."""
        if code is not None and not VOLUNTEER_CODE_PATTERN.fullmatch(code):
            return False
        if self.recorder is None:
            return False
        future = self.recorder.mark_outcome(session_uuid, outcome.value, code)

        def refused(exc: BaseException) -> None:
            log.warning("an outcome mark was refused: %s", type(exc).__name__)
            self.outcome_marked.emit(False)

        self._background.deliver(
            future, lambda _none: self.outcome_marked.emit(True), refused, label="mark"
        )
        return True

    def report_content(self, procedure_id: str, step: int, reason: ContentProblem) -> bool:
        """Queue a volunteer's "Báo nội dung sai" against the catalog shown now; answers
        `content_reported`. False at once when nothing can be recorded."""
        if self.recorder is None:
            return False
        version = self.kiosk.wizard.catalog.version
        future = self.recorder.report_content(procedure_id, step, reason.value, version)

        def refused(exc: BaseException) -> None:
            log.warning("a content report was refused: %s", type(exc).__name__)
            self.content_reported.emit(False)

        self._background.deliver(
            future, lambda _none: self.content_reported.emit(True), refused, label="report"
        )
        return True

    # ----- lifecycle ---------------------------------------------------------------------
    def shutdown(self) -> None:
        """Finish the background reads, commit every queued write and close the journal."""
        if self._background.closed:
            return
        self._background.shutdown(wait=True)
        if self.journal is not None:
            if not self.journal.flush(READ_AFTER_WRITES_TIMEOUT * 3):
                log.error("the journal did not finish its writes before closing")
            self.journal.close()
            if self.kiosk.journal is self.journal:
                self.kiosk.journal = None
        if self.recorder is not None and self.kiosk.wizard.listener is self.recorder:
            self.kiosk.wizard.listener = None
        app = QApplication.instance()
        if app is not None and self._quit_connected:
            # The connection holds this hook-up, its kiosk and its window alive otherwise.
            self._quit_connected = False
            app.aboutToQuit.disconnect(self.shutdown)


def start_journal(kiosk: Kiosk, *, write_delay: float = 0.0) -> None:
    """Open the journal, recover crashed sessions, record the wizard, wire the volunteer panel.

    `write_delay` slows every journal write on purpose (the GUI-responsiveness test).
    """
    from ui.none_guard import guard_none

    # Not the journal's business, but the first thing after the first paint that every real
    # kiosk runs: without it PySide6 6.12 on Python 3.11 aborts the app after some use.
    guard_none(kiosk.app)
    try:
        journal: Journal | None = open_journal(
            kiosk.dirs.database, clock=kiosk.clock, write_delay=write_delay
        )
        problem = None
    except (JournalError, OSError) as exc:
        # Residents are guided all the same (nothing is recorded); the panel and status say why.
        log.error("the journal cannot be opened; sessions are not recorded: %s", exc)
        journal, problem = None, str(exc)
        kiosk.problems["journal"] = (
            f"the journal cannot be opened, sessions are not recorded: {exc}"
        )
    hookup = JournalHookup(kiosk, journal, problem)  # its recorder closes crashed sessions
    if journal is not None:
        kiosk.journal = journal
        kiosk.wizard.listener = hookup.recorder

    from ui.volunteer_panel import VolunteerPanel

    window = kiosk.window
    hookup.panel = VolunteerPanel(window, hookup)
    window.volunteer_requested.connect(hookup.panel.open_pin)
    kiosk.journal_hookup = hookup
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(hookup.shutdown)
        hookup._quit_connected = True


def hookup_of(kiosk: Kiosk) -> JournalHookup | None:
    """The journal hook-up of a running kiosk, once `start_journal` ran."""
    return kiosk.journal_hookup
