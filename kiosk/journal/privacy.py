"""The journal's gate: only ids, enum values and small numbers may pass into a row.

`kiosk.protocol.ID_PATTERN` alone would let a 12-digit citizen ID number or a phone number
through (digits are valid id characters), so a journal id must also start with a letter and
may not hold a run of four or more digits. When the recorder knows the exact set of screen
names and procedure ids, values must be one of those. A rejected value is logged by kind only:
the value itself never reaches a log line.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Collection

from kiosk.protocol import ID_PATTERN, EndReason, PracticeModule, RecordError, SessionRecord
from kiosk.session import EventKind, SessionEvent

_LONG_DIGIT_RUN = re.compile(r"[0-9]{4,}")
MAX_STEP = 200
MAX_NUMBER = 10_000

_ENUM_VALUES: dict[EventKind, frozenset[str]] = {
    EventKind.PRACTICE_USED: frozenset(m.value for m in PracticeModule),
    EventKind.SESSION_ENDED: frozenset(r.value for r in EndReason),
}


def is_safe_id(value: object) -> bool:
    """Whether `value` is shaped like one of our ids and cannot be a typed number or text."""
    return (
        isinstance(value, str)
        and ID_PATTERN.fullmatch(value) is not None
        and value[0].isalpha()
        and _LONG_DIGIT_RUN.search(value) is None
    )


def event_problem(event: SessionEvent, known_ids: Collection[str] | None = None) -> str | None:
    """None when the event may be stored, else a fixed reason code (never the value)."""
    if not isinstance(event.kind, EventKind):
        return "unknown-kind"
    if not is_uuid(event.session_uuid):
        return "session-uuid-not-a-uuid"
    value, number = event.value, event.number
    if value is not None:
        allowed = _ENUM_VALUES.get(event.kind)
        if allowed is not None:
            if value not in allowed:
                return "value-not-in-enum"
        elif not is_safe_id(value):
            return "value-not-an-id"
        elif known_ids is not None and value not in known_ids:
            return "value-not-a-known-id"
    if number is not None:
        if isinstance(number, bool) or not isinstance(number, int):
            return "number-not-an-integer"
        if event.kind is EventKind.RATING and not 1 <= number <= 5:
            return "rating-out-of-range"
        if event.kind is EventKind.STEP_REACHED and not 0 <= number <= MAX_STEP:
            return "step-out-of-range"
        if not 0 <= number <= MAX_NUMBER:
            return "number-out-of-range"
    if event.at.tzinfo is None:
        return "time-without-offset"
    return None


def is_uuid(value: object) -> bool:
    """Whether `value` is a uuid in lower-case canonical form."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid_module.UUID(value)) == value
    except ValueError:
        return False


def session_problem(record: SessionRecord) -> str | None:
    """None when the record may be stored, else the name of the first bad field."""
    try:
        SessionRecord.from_json(record.to_json())
    except RecordError as exc:
        return exc.field
    if record.procedure_id is not None and not is_safe_id(record.procedure_id):
        return "procedure_id"
    if record.portal_procedure_id is not None and not is_safe_id(record.portal_procedure_id):
        return "portal_procedure_id"
    # kiosk_id and help_point_id come from IT's config, never from a resident: the
    # protocol's id check is enough for them.
    return None
