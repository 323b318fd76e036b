"""What the wizard tells the journal about a resident's session: plain events and a summary.

The wizard (kiosk.wizard) calls a SessionListener; the journal's recorder implements it. Only
ids, enums, numbers and times pass through here — never anything a resident typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from kiosk.protocol import EndReason


class EventKind(StrEnum):
    """Kinds of things that happen during a session."""

    SESSION_STARTED = "session-started"
    SCREEN_SHOWN = "screen-shown"
    STEP_REACHED = "step-reached"
    PRACTICE_USED = "practice-used"
    HELP_REQUESTED = "help-requested"
    RATING = "rating"
    SESSION_ENDED = "session-ended"
    PORTAL_OPENED = "portal-opened"
    PORTAL_CLOSED = "portal-closed"


@dataclass(frozen=True)
class SessionEvent:
    """One thing that happened; `value` is an id or enum value fitting the kind, or None.

    screen-shown: value = screen name; step-reached: step = 1-based step number;
    practice-used: value = PracticeModule value; rating: number = 1..5;
    session-ended: value = EndReason value; portal-opened: value = procedure id;
    portal-closed: number = seconds the portal was on screen.
    """

    session_uuid: str
    kind: EventKind
    at: datetime
    value: str | None = None
    number: int | None = None


@dataclass(frozen=True)
class SessionMark:
    """An outcome said during the session (kiosk.protocol.Outcome / MarkedBy values): the
    resident's own "Đã nộp hồ sơ" (reported_by = resident), or a volunteer's mark on the
    visit still at the kiosk. The journal writes it with the session, since a mark needs its
    session's row."""

    outcome: str
    reported_by: str | None  # None = a volunteer
    volunteer_code: str | None
    at: datetime


@dataclass(frozen=True)
class SessionSummary:
    """Everything the journal keeps about a finished session (see kiosk.protocol.SessionRecord)."""

    uuid: str
    started_at: datetime
    ended_at: datetime
    language: str
    text_size: str
    procedure_id: str | None
    furthest_step: int
    step_count: int
    practice_modules: tuple[str, ...]
    help_requests: int
    rating: int | None
    end_reason: EndReason
    catalog_version: int
    # The portal view, when it was opened: for which procedure, seconds on screen, and whether
    # the guide's last step was reached. None when the portal was not used.
    portal_procedure_id: str | None = None
    portal_seconds: int | None = None
    portal_last_step: bool | None = None
    mark: SessionMark | None = None  # the newest outcome said during the session


class SessionListener(Protocol):
    """Receives a session's events as they happen and its summary when it ends."""

    def on_event(self, event: SessionEvent) -> None:
        """Called on the GUI thread: must return at once (queue the work)."""

    def on_session_end(self, summary: SessionSummary) -> None:
        """Called once per session, after its SESSION_ENDED event; must return at once."""
