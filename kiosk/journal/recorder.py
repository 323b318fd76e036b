"""The wizard's journal listener: turns session events and summaries into queued writes.

`kiosk.session.SessionListener` calls arrive on the GUI thread and must return at once, so
every method only checks values (privacy gate) and queues work on the JournalWriter.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from concurrent.futures import Future

from kiosk.clock import Clock
from kiosk.journal.db import Journal, new_uuid
from kiosk.journal.models import to_utc_text
from kiosk.journal.privacy import event_problem, is_uuid
from kiosk.protocol import (
    ContentReportRecord,
    EndReason,
    MarkedBy,
    Outcome,
    OutcomeRecord,
    RecordError,
    SessionRecord,
)
from kiosk.session import EventKind, SessionEvent, SessionSummary

log = logging.getLogger(__name__)


class JournalRecorder:
    """Implements SessionListener for one kiosk: events, session ends, volunteer marks and
    content reports."""

    def __init__(
        self,
        journal: Journal,
        kiosk_id: str,
        help_point_id: str,
        *,
        known_ids: Collection[str] | None = None,
        clock: Clock | None = None,
        recover: bool = True,
    ) -> None:
        # known_ids: the screen names and procedure ids the app can emit. With it, event
        # values must be one of them; without it, they must merely look like our ids.
        self._journal = journal
        self.kiosk_id = kiosk_id
        self.help_point_id = help_point_id
        self._known_ids = frozenset(known_ids) if known_ids is not None else None
        self._clock = clock or journal.clock  # by default the journal's own
        self.rejected = 0
        # Sessions a crash left open are closed as soon as the kiosk starts again.
        self.recovered: Future[int] = (
            journal.close_unfinished_sessions(kiosk_id, help_point_id) if recover else _done(0)
        )
        if recover:
            journal.prune_events()

    def on_event(self, event: SessionEvent) -> None:
        """Queue the event row, unless a value is not an allowed id/enum/number."""
        try:
            problem = event_problem(event, self._known_ids)
        except (AttributeError, TypeError):  # not a SessionEvent at all: never crash the GUI
            problem = "malformed-event"
        if problem is not None:
            self.rejected += 1
            # The kind and a fixed reason only: the rejected value may be something typed.
            log.warning("journal refused a %s event: %s", _kind_name(event), problem)
            return
        self._journal.record_event(event)

    def on_session_end(self, summary: SessionSummary) -> None:
        """Queue the session row and its outbox entry (one transaction)."""
        self.end_session(summary)

    def end_session(self, summary: SessionSummary) -> Future[None]:
        """Like on_session_end, but returns the Future (acknowledged after COMMIT)."""
        try:
            record = self._record(summary)
        except (TypeError, ValueError, AttributeError) as exc:
            self.rejected += 1
            log.warning("journal refused a session summary: %s", type(exc).__name__)
            # A fresh error: the original message may quote the offending value.
            return _failed(RecordError("summary", "not a valid session summary"))
        future = self._journal.record_session(record)
        if future.done() and future.exception() is not None:
            self.rejected += 1
            log.warning("journal refused a session summary: bad %s", future.exception())
            return future
        if summary.mark is not None:
            # After the session's row (the writer is serial): a mark needs its session.
            self._record_mark(summary)
        return future

    def _record_mark(self, summary: SessionSummary) -> None:
        mark = summary.mark
        assert mark is not None
        try:
            outcome = OutcomeRecord(
                uuid=new_uuid(),
                session_uuid=summary.uuid,
                kiosk_id=self.kiosk_id,
                outcome=Outcome(mark.outcome).value,
                marked_at=to_utc_text(max(mark.at, summary.started_at)),
                volunteer_code=mark.volunteer_code,
                reported_by=MarkedBy(mark.reported_by).value if mark.reported_by else None,
            )
        except ValueError:
            self.rejected += 1
            log.warning("journal refused the mark of a session: not an outcome")
            return
        self._journal.record_outcome(outcome).add_done_callback(self._mark_written)

    def _mark_written(self, future: Future[None]) -> None:
        error = future.exception()
        if error is not None:
            self.rejected += 1
            # The error's type only: its message may quote a value.
            log.warning("journal refused the mark of a session: %s", type(error).__name__)

    def _record(self, summary: SessionSummary) -> SessionRecord:
        return SessionRecord(
            uuid=summary.uuid,
            kiosk_id=self.kiosk_id,
            help_point_id=self.help_point_id,
            started_at=to_utc_text(summary.started_at),
            # A clock set back during the session (NTP fixing a fast clock) must not cost the
            # session: "ended before it started" would be refused, so it ends when it started.
            ended_at=to_utc_text(max(summary.ended_at, summary.started_at)),
            language=summary.language,
            text_size=summary.text_size,
            procedure_id=summary.procedure_id,
            furthest_step=summary.furthest_step,
            step_count=summary.step_count,
            practice_modules=tuple(summary.practice_modules),
            help_requests=summary.help_requests,
            rating=summary.rating,
            end_reason=EndReason(summary.end_reason).value,
            catalog_version=summary.catalog_version,
            portal_procedure_id=summary.portal_procedure_id,
            portal_seconds=summary.portal_seconds,
            portal_last_step=summary.portal_last_step,
        )

    def mark_outcome(
        self, session_uuid: str, outcome: str, volunteer_code: str | None = None
    ) -> Future[None]:
        """A volunteer's mark for a session; a later mark for the same session wins."""
        if not is_uuid(session_uuid):
            return _failed(ValueError("session_uuid must be a uuid"))
        record = OutcomeRecord(
            uuid=new_uuid(),
            session_uuid=session_uuid,
            kiosk_id=self.kiosk_id,
            outcome=str(outcome),
            marked_at=to_utc_text(self._clock.now()),
            volunteer_code=volunteer_code,
        )
        return self._journal.record_outcome(record)

    def report_content(
        self, procedure_id: str, step: int, reason: str, catalog_version: int
    ) -> Future[None]:
        """A volunteer's "Báo nội dung sai" for a procedure's step (0 = its overview)."""
        record = ContentReportRecord(
            uuid=new_uuid(),
            kiosk_id=self.kiosk_id,
            procedure_id=procedure_id,
            step=step,
            reason=str(reason),
            catalog_version=catalog_version,
            reported_at=to_utc_text(self._clock.now()),
        )
        return self._journal.record_content_report(record)


def _kind_name(event: SessionEvent) -> str:
    kind = getattr(event, "kind", None)
    return kind.value if isinstance(kind, EventKind) else "unknown"


def _done(value: int) -> Future[int]:
    future: Future[int] = Future()
    future.set_result(value)
    return future


def _failed(exc: BaseException) -> Future[None]:
    future: Future[None] = Future()
    future.set_exception(exc)
    return future
