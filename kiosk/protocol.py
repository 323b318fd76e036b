"""The records a kiosk sends to the district collector: the one schema both sides share.

Everything here is an id, an enum, a number or a time. There is deliberately no free-text
field: nothing a resident types can ever fit into a record (DESIGN.md, "anonymous by
construction"). The collector imports this module to build its API models, so the two sides
cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

API_PREFIX = "/api/v1"
SCHEMA_VERSION = 1
MAX_BATCH_RECORDS = 500
MAX_BODY_BYTES = 1_048_576
MAX_PORTAL_SECONDS = 86_400
# Added after schema 1 shipped: left out of the JSON while None, so a record without the portal
# looks exactly as it did (same payload hash) and a collector that predates them accepts it.
ADDITIVE_FIELDS = ("portal_procedure_id", "portal_seconds", "portal_last_step")
# The same for an outcome: `reported_by` is left out while None (a volunteer's mark, as every
# mark was before it), so an old collector takes every volunteer mark as before.
OUTCOME_ADDITIVE_FIELDS = ("reported_by",)

# Use with fullmatch: with .match, '$' would let a trailing newline through.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
VOLUNTEER_CODE_PATTERN = re.compile(r"^TNV-[0-9]{1,4}$")


class Language(StrEnum):
    """The resident's chosen language."""

    VI = "vi"
    EN = "en"


class TextSize(StrEnum):
    """The resident's chosen text size: normal, 1.25x, 1.5x."""

    NORMAL = "normal"
    LARGE = "large"
    XLARGE = "xlarge"


class PracticeModule(StrEnum):
    """Practice modules a resident can try (their inputs are never recorded)."""

    CCCD = "cccd"
    VNEID_ACTIVATION = "vneid-activation"


class EndReason(StrEnum):
    """Why a session ended."""

    FINISHED = "finished"
    IDLE = "idle"
    VOLUNTEER_RESET = "volunteer-reset"
    HOME = "home"  # the resident went back to the home screen ('Quay lại' from Choose)


class Outcome(StrEnum):
    """What a volunteer marks for a session after the resident has gone."""

    VNEID_ACTIVATED = "vneid-activated"
    DOSSIER_SUBMITTED = "dossier-submitted"
    NEEDS_RETURN = "needs-return"
    INFO_ONLY = "info-only"


class MarkedBy(StrEnum):
    """Who said the outcome: a volunteer (the panel), or the resident herself on the finish
    page ("Đã nộp hồ sơ": self-reported, nobody saw the portal's receipt)."""

    VOLUNTEER = "volunteer"
    RESIDENT = "resident"


class ContentProblem(StrEnum):
    """What a volunteer reports wrong in a procedure's content: a fixed list, no free text."""

    FEE = "fee"
    DOCUMENTS = "documents"
    PORTAL = "portal"  # a web address or portal that is wrong or gone
    SCREEN_CHANGED = "screen-changed"  # the portal no longer looks like the step says
    PICTURE = "picture"  # the picture does not match the step
    PROCESSING_TIME = "processing-time"
    UNCLEAR = "unclear"  # residents do not understand the step
    OTHER = "other"  # the volunteer tells the district in person


# A content report's `step`: 0 = the procedure's overview (fee, documents, time, portal).
OVERVIEW_STEP = 0


class RecordError(ValueError):
    """A record that breaks the schema; `field` names the offending key."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class SessionRecord:
    """One resident's visit to one kiosk, as sent to the collector."""

    uuid: str
    kiosk_id: str
    help_point_id: str
    started_at: str  # ISO 8601, UTC, seconds precision
    ended_at: str
    language: str
    text_size: str
    procedure_id: str | None
    furthest_step: int  # 0 = no step reached; 1-based otherwise
    step_count: int
    practice_modules: tuple[str, ...] = ()
    help_requests: int = 0
    rating: int | None = None
    end_reason: str = EndReason.FINISHED.value
    catalog_version: int = 0
    schema: int = SCHEMA_VERSION
    # The portal view ("Làm ngay trên máy này"): the procedure it was opened for, seconds on
    # screen, whether the guide's last step was reached. All None when it was not opened.
    portal_procedure_id: str | None = None
    portal_seconds: int | None = None
    portal_last_step: bool | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON object for the wire (lists, not tuples; unused additive fields left out)."""
        data = asdict(self)
        data["practice_modules"] = list(self.practice_modules)
        return without_unused_additions(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionRecord:
        """Parse and validate; raises RecordError naming the first bad field."""
        return _build(cls, data, _check_session)


@dataclass(frozen=True)
class OutcomeRecord:
    """A volunteer's mark on a session; the newest mark for a session wins."""

    uuid: str
    session_uuid: str
    kiosk_id: str
    outcome: str
    marked_at: str
    volunteer_code: str | None = None
    schema: int = SCHEMA_VERSION
    # Added after schema 1 shipped: a MarkedBy value; None = a volunteer's mark (left out of
    # the JSON, so such a record looks exactly as before).
    reported_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON object for the wire (`reported_by` left out while None)."""
        return without_unused_additions(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OutcomeRecord:
        """Parse and validate; raises RecordError naming the first bad field."""
        return _build(cls, data, _check_outcome)


@dataclass(frozen=True)
class ContentReportRecord:
    """A volunteer's "Báo nội dung sai": this step of this procedure (in this catalog version)
    seems wrong, for this reason. Ids, an enum, numbers and a time only."""

    uuid: str
    kiosk_id: str
    procedure_id: str
    step: int  # OVERVIEW_STEP (0) or the 1-based step number
    reason: str  # a ContentProblem value
    catalog_version: int
    reported_at: str
    schema: int = SCHEMA_VERSION

    def to_json(self) -> dict[str, Any]:
        """The JSON object for the wire."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ContentReportRecord:
        """Parse and validate; raises RecordError naming the first bad field."""
        return _build(cls, data, _check_content_report)


@dataclass(frozen=True)
class UploadBatch:
    """The body of POST /api/v1/sessions."""

    sessions: list[SessionRecord] = field(default_factory=list)
    outcomes: list[OutcomeRecord] = field(default_factory=list)
    content_reports: list[ContentReportRecord] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON object for the wire; `content_reports` only when there are some, so a
        collector from before that key still takes every other batch."""
        body: dict[str, Any] = {
            "sessions": [s.to_json() for s in self.sessions],
            "outcomes": [o.to_json() for o in self.outcomes],
        }
        if self.content_reports:
            body["content_reports"] = [r.to_json() for r in self.content_reports]
        return body


def without_unused_additions(data: dict[str, Any]) -> dict[str, Any]:
    """`data` without the additive fields that are None (see ADDITIVE_FIELDS): a record
    without them looks, and hashes, as it did before they were added."""
    for name in (*ADDITIVE_FIELDS, *OUTCOME_ADDITIVE_FIELDS):
        if name in data and data[name] is None:
            del data[name]
    return data


class ResultStatus(StrEnum):
    """What the collector did with one record of a batch."""

    STORED = "stored"
    ALREADY_THERE = "already-there"
    CONFLICT = "conflict"
    REJECTED = "rejected"


def _build(cls: Any, data: Any, check: Any) -> Any:
    if not isinstance(data, dict):
        raise RecordError("$", "must be an object")
    names = set(cls.__dataclass_fields__)
    unknown = sorted(set(data) - names)
    if unknown:
        raise RecordError(unknown[0], "unknown field")
    values = dict(data)
    if "practice_modules" in values and isinstance(values["practice_modules"], list):
        values["practice_modules"] = tuple(values["practice_modules"])
    try:
        record = cls(**values)
    except TypeError as exc:
        missing = [n for n in names if n not in data and _required(cls, n)]
        raise RecordError(missing[0] if missing else "$", "missing field") from exc
    check(record)
    return record


def _required(cls: Any, name: str) -> bool:
    from dataclasses import MISSING

    f = cls.__dataclass_fields__[name]
    return f.default is MISSING and f.default_factory is MISSING


def _check_uuid(name: str, value: Any) -> None:
    import uuid as uuid_module  # here, not at the top: the kiosk's start-up never needs it

    if not isinstance(value, str):
        raise RecordError(name, "must be a string")
    try:
        parsed = uuid_module.UUID(value)
    except ValueError:
        raise RecordError(name, "not a UUID") from None
    if str(parsed) != value:
        raise RecordError(name, "UUID must be lower-case canonical form")


def _check_id(name: str, value: Any, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise RecordError(name, "must be an id: lower-case letters, digits and '-'")


def _check_time(name: str, value: Any) -> None:
    if not isinstance(value, str) or len(value) > 40:
        raise RecordError(name, "must be an ISO 8601 time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(name, "must be an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise RecordError(name, "must carry a UTC offset")


def _check_int(name: str, value: Any, low: int, high: int, optional: bool = False) -> None:
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RecordError(name, f"must be a whole number from {low} to {high}")


def _check_enum(name: str, value: Any, enum: type[StrEnum]) -> None:
    if not isinstance(value, str) or value not in {e.value for e in enum}:
        raise RecordError(name, "must be one of " + ", ".join(e.value for e in enum))


def _check_session(r: SessionRecord) -> None:
    _check_int("schema", r.schema, SCHEMA_VERSION, SCHEMA_VERSION)
    _check_uuid("uuid", r.uuid)
    _check_id("kiosk_id", r.kiosk_id)
    _check_id("help_point_id", r.help_point_id)
    _check_time("started_at", r.started_at)
    _check_time("ended_at", r.ended_at)
    if datetime.fromisoformat(r.ended_at) < datetime.fromisoformat(r.started_at):
        raise RecordError("ended_at", "is before started_at")
    _check_enum("language", r.language, Language)
    _check_enum("text_size", r.text_size, TextSize)
    _check_id("procedure_id", r.procedure_id, optional=True)
    _check_int("step_count", r.step_count, 0, 200)
    _check_int("furthest_step", r.furthest_step, 0, 200)
    if r.furthest_step > r.step_count:
        raise RecordError("furthest_step", "is beyond step_count")
    if not isinstance(r.practice_modules, tuple) or len(r.practice_modules) > 10:
        raise RecordError("practice_modules", "must be a list of at most 10 modules")
    for module in r.practice_modules:
        _check_enum("practice_modules", module, PracticeModule)
    _check_int("help_requests", r.help_requests, 0, 1000)
    _check_int("rating", r.rating, 1, 5, optional=True)
    _check_enum("end_reason", r.end_reason, EndReason)
    _check_int("catalog_version", r.catalog_version, 0, 2**31 - 1)
    _check_portal(r)


def _check_portal(r: SessionRecord) -> None:
    """The portal fields come all together (the portal was opened) or not at all."""
    given = [getattr(r, name) is not None for name in ADDITIVE_FIELDS]
    if not any(given):
        return
    if not all(given):
        missing = next(name for name, g in zip(ADDITIVE_FIELDS, given, strict=True) if not g)
        raise RecordError(missing, "the portal fields come together")
    _check_id("portal_procedure_id", r.portal_procedure_id)
    _check_int("portal_seconds", r.portal_seconds, 0, MAX_PORTAL_SECONDS)
    if not isinstance(r.portal_last_step, bool):
        raise RecordError("portal_last_step", "must be true or false")


def _check_outcome(r: OutcomeRecord) -> None:
    _check_int("schema", r.schema, SCHEMA_VERSION, SCHEMA_VERSION)
    _check_uuid("uuid", r.uuid)
    _check_uuid("session_uuid", r.session_uuid)
    _check_id("kiosk_id", r.kiosk_id)
    _check_enum("outcome", r.outcome, Outcome)
    _check_time("marked_at", r.marked_at)
    if r.volunteer_code is not None and (
        not isinstance(r.volunteer_code, str)
        or not VOLUNTEER_CODE_PATTERN.fullmatch(r.volunteer_code)
    ):
        raise RecordError("volunteer_code", "must look like TNV-07")
    if r.reported_by is not None:
        _check_enum("reported_by", r.reported_by, MarkedBy)
        if r.reported_by == MarkedBy.RESIDENT and r.volunteer_code is not None:
            raise RecordError("volunteer_code", "a resident's own report has no volunteer code")


def _check_content_report(r: ContentReportRecord) -> None:
    _check_int("schema", r.schema, SCHEMA_VERSION, SCHEMA_VERSION)
    _check_uuid("uuid", r.uuid)
    _check_id("kiosk_id", r.kiosk_id)
    _check_id("procedure_id", r.procedure_id)
    _check_int("step", r.step, OVERVIEW_STEP, 200)
    _check_enum("reason", r.reason, ContentProblem)
    _check_int("catalog_version", r.catalog_version, 0, 2**31 - 1)
    _check_time("reported_at", r.reported_at)
