"""Pydantic models of the API, mirroring kiosk/protocol.py field for field.

They exist for the OpenAPI document and for precise error messages; the dataclasses in
kiosk.protocol stay the single source of truth, and the ingest path checks a record with both
(a test proves they agree on sample inputs). Every check reuses the protocol's own patterns
and limits, so the two cannot drift by a regex dialect.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)

from kiosk.protocol import (
    ID_PATTERN,
    MAX_BATCH_RECORDS,
    MAX_PORTAL_SECONDS,
    OVERVIEW_STEP,
    SCHEMA_VERSION,
    VOLUNTEER_CODE_PATTERN,
    ContentProblem,
    EndReason,
    Language,
    MarkedBy,
    Outcome,
    PracticeModule,
    ResultStatus,
    TextSize,
)

_UUID_REGEX = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_TIME_REGEX = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"


def _uuid(value: str) -> str:
    try:
        parsed = uuid_module.UUID(value)
    except ValueError:
        raise ValueError("not a UUID") from None
    if str(parsed) != value:
        raise ValueError("UUID must be lower-case canonical form")
    return value


def _id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise ValueError("must be an id: lower-case letters, digits and '-'")
    return value


def _time(value: str) -> str:
    if len(value) > 40:
        raise ValueError("must be an ISO 8601 time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise ValueError("must carry a UTC offset")
    return value


def _volunteer_code(value: str) -> str:
    if not VOLUNTEER_CODE_PATTERN.fullmatch(value):
        raise ValueError("must look like TNV-07")
    return value


def _enum_schema(enum: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": [e.value for e in enum]})


Uuid = Annotated[
    StrictStr,
    AfterValidator(_uuid),
    WithJsonSchema({"type": "string", "pattern": _UUID_REGEX, "maxLength": 36}),
]
Id = Annotated[
    StrictStr,
    AfterValidator(_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN.pattern, "maxLength": 63}),
]
# The protocol accepts any ISO 8601 form fromisoformat reads; the schema advertises the form
# kiosks actually send, so generated examples stay realistic.
Time = Annotated[
    StrictStr,
    AfterValidator(_time),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": _TIME_REGEX}),
]
VolunteerCode = Annotated[
    StrictStr,
    AfterValidator(_volunteer_code),
    WithJsonSchema({"type": "string", "pattern": VOLUNTEER_CODE_PATTERN.pattern}),
]
SchemaVersion = Annotated[StrictInt, Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)]
LanguageValue = Annotated[Language, _enum_schema(Language)]
TextSizeValue = Annotated[TextSize, _enum_schema(TextSize)]
EndReasonValue = Annotated[EndReason, _enum_schema(EndReason)]
OutcomeValue = Annotated[Outcome, _enum_schema(Outcome)]
MarkedByValue = Annotated[MarkedBy, _enum_schema(MarkedBy)]
PracticeModuleValue = Annotated[PracticeModule, _enum_schema(PracticeModule)]
ContentProblemValue = Annotated[ContentProblem, _enum_schema(ContentProblem)]


class SessionIn(BaseModel):
    """kiosk.protocol.SessionRecord on the wire: ids, enums, numbers and times only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uuid: Uuid
    kiosk_id: Id
    help_point_id: Id
    started_at: Time
    ended_at: Time
    language: LanguageValue
    text_size: TextSizeValue
    procedure_id: Id | None
    furthest_step: Annotated[StrictInt, Field(ge=0, le=200)]
    step_count: Annotated[StrictInt, Field(ge=0, le=200)]
    practice_modules: Annotated[list[PracticeModuleValue], Field(max_length=10)] = []
    help_requests: Annotated[StrictInt, Field(ge=0, le=1000)] = 0
    rating: Annotated[StrictInt, Field(ge=1, le=5)] | None = None
    end_reason: EndReasonValue = EndReason.FINISHED
    catalog_version: Annotated[StrictInt, Field(ge=0, le=2**31 - 1)] = 0
    schema_: SchemaVersion = Field(default=SCHEMA_VERSION, alias="schema")
    # Added later (kiosks that predate them send none): the portal view's use, all or none.
    portal_procedure_id: Id | None = None
    portal_seconds: Annotated[StrictInt, Field(ge=0, le=MAX_PORTAL_SECONDS)] | None = None
    portal_last_step: StrictBool | None = None

    @model_validator(mode="after")
    def _cross_field(self) -> SessionIn:
        if datetime.fromisoformat(self.ended_at) < datetime.fromisoformat(self.started_at):
            raise ValueError("ended_at is before started_at")
        if self.furthest_step > self.step_count:
            raise ValueError("furthest_step is beyond step_count")
        portal = (self.portal_procedure_id, self.portal_seconds, self.portal_last_step)
        if any(v is not None for v in portal) and any(v is None for v in portal):
            raise ValueError("the portal fields come together")
        return self


class OutcomeIn(BaseModel):
    """kiosk.protocol.OutcomeRecord on the wire."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uuid: Uuid
    session_uuid: Uuid
    kiosk_id: Id
    outcome: OutcomeValue
    marked_at: Time
    volunteer_code: VolunteerCode | None = None
    schema_: SchemaVersion = Field(default=SCHEMA_VERSION, alias="schema")
    # Added later (kiosks that predate it send none = a volunteer's mark): who said it.
    reported_by: MarkedByValue | None = None

    @model_validator(mode="after")
    def _own_report_has_no_code(self) -> OutcomeIn:
        if self.reported_by == MarkedBy.RESIDENT and self.volunteer_code is not None:
            raise ValueError("a resident's own report has no volunteer code")
        return self


class ContentReportIn(BaseModel):
    """kiosk.protocol.ContentReportRecord on the wire ("Báo nội dung sai")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uuid: Uuid
    kiosk_id: Id
    procedure_id: Id
    step: Annotated[StrictInt, Field(ge=OVERVIEW_STEP, le=200)]
    reason: ContentProblemValue
    catalog_version: Annotated[StrictInt, Field(ge=0, le=2**31 - 1)]
    reported_at: Time
    schema_: SchemaVersion = Field(default=SCHEMA_VERSION, alias="schema")


class UploadBatchIn(BaseModel):
    """The body of POST /api/v1/sessions, as documented (records are checked one by one)."""

    model_config = ConfigDict(extra="forbid")

    sessions: Annotated[list[SessionIn], Field(max_length=MAX_BATCH_RECORDS)] = []
    outcomes: Annotated[list[OutcomeIn], Field(max_length=MAX_BATCH_RECORDS)] = []
    content_reports: Annotated[list[ContentReportIn], Field(max_length=MAX_BATCH_RECORDS)] = []


class UploadEnvelope(BaseModel):
    """The batch's outer shape, checked first: an error here is a whole-body 422."""

    model_config = ConfigDict(extra="forbid")

    sessions: Annotated[list[Any], Field(max_length=MAX_BATCH_RECORDS)] = []
    outcomes: Annotated[list[Any], Field(max_length=MAX_BATCH_RECORDS)] = []
    content_reports: Annotated[list[Any], Field(max_length=MAX_BATCH_RECORDS)] = []


class RecordResult(BaseModel):
    """What the collector did with one record; the kiosk clears stored/already-there ones."""

    uuid: str | None = Field(description="The record's uuid, or null if it had none readable")
    kind: Literal["session", "outcome", "content-report"]
    status: Annotated[ResultStatus, _enum_schema(ResultStatus)]
    detail: str
    reason: str | None = Field(
        default=None,
        description="Why it was refused: wrong-kiosk, wrong-help-point, invalid, conflict",
    )


class BodyError(BaseModel):
    """One problem with the body as a whole (JSON syntax, envelope, batch size)."""

    loc: list[str | int]
    msg: str
    type: str


class UploadResponse(BaseModel):
    """Answer to an upload: per-record results, or whole-body errors (then nothing is stored)."""

    results: list[RecordResult]
    errors: list[BodyError] = []


class ErrorResponse(BaseModel):
    """A plain error: 401, 404, 413."""

    detail: str


class HealthResponse(BaseModel):
    """GET /api/v1/health."""

    status: Literal["ok"]
    version: str


class FileEntryOut(BaseModel):
    """One file of a signed manifest."""

    sha256: str
    size: int


class ManifestOut(BaseModel):
    """The signed manifest body (see kiosk/sync/manifest.py)."""

    version: int
    issued_at: str
    expires: str
    key_id: str
    files: dict[str, FileEntryOut]


class SignedManifestOut(BaseModel):
    """GET /api/v1/catalog/manifest: the manifest, its Ed25519 signature and the key's id."""

    manifest: ManifestOut
    signature: str
    key_id: str
