"""The kiosk-facing fleet API: who a token is (GET /api/v1/whoami) and health (POST heartbeat).

`whoami` is how a kiosk learns its identity from its token (provisioning writes it into the
config; every sync round checks it). A heartbeat is filed under the token's kiosk whatever ids
its body names; a difference is flagged back to the kiosk and on the dashboard, never trusted.
Bodies are read by hand, like the upload, so the token is checked before anything is parsed.
See docs/protocol.md ("Fleet").
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from sqlalchemy import select
from sqlalchemy.engine import Engine

from collector import db
from collector.api import UnauthorizedError, require_token_before_body
from collector.auth import KioskIdentity, authenticate_kiosk
from collector.fleet_store import store_heartbeat, stored_hours
from collector.models import ErrorResponse
from collector.textcheck import find_bad_text, printable
from kiosk.clock import Clock
from kiosk.fleet_protocol import (
    APP_VERSION_PATTERN,
    HEARTBEAT_PATH,
    MACHINE_ID_PATTERN,
    MAX_OPENING_SLOTS,
    MAX_REASONS,
    OPENING_SLOT_PATTERN,
    WHOAMI_PATH,
    HealthError,
    HealthReport,
    HeartbeatKind,
    Identity,
)
from kiosk.protocol import ID_PATTERN, MAX_BODY_BYTES

router = APIRouter(prefix="/api/v1")

_AUTH_401 = {"model": ErrorResponse, "description": "Missing, wrong or revoked token"}
_Id = Annotated[StrictStr, Field(pattern=ID_PATTERN.pattern, max_length=63)]
_Count = Annotated[StrictInt, Field(ge=0, le=10**9)]


class IdentityOut(BaseModel):
    """GET /api/v1/whoami: the token's kiosk, its help point and ward, the opening hours."""

    kiosk_id: str
    help_point_id: str
    help_point_name: str
    ward: str
    opening_hours: list[str] = Field(description="Slots like 'sat 08:00-11:00'; may be empty")


class HeartbeatIn(BaseModel):
    """kiosk.fleet_protocol.HealthReport on the wire: versions, counts, sizes, flags only."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["sync", "provision"]
    kiosk_id: _Id
    help_point_id: _Id
    app_version: Annotated[StrictStr, Field(pattern=APP_VERSION_PATTERN.pattern, max_length=32)]
    catalog_version: Annotated[StrictInt, Field(ge=0, le=2**31 - 1)]
    disk_free_bytes: Annotated[StrictInt, Field(ge=0, le=2**62)] | None = None
    unsynced: _Count = 0
    parked: _Count = 0
    parked_by_reason: Annotated[dict[_Id, _Count], Field(max_length=MAX_REASONS)] = {}
    restarts: _Count = 0
    crashes: _Count = 0
    errors: _Count = 0
    clock_offset_seconds: Annotated[StrictInt, Field(ge=-(2**40), le=2**40)] | None = None
    uptime_seconds: Annotated[StrictInt, Field(ge=0, le=2**62)] | None = None
    screen_width: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = None
    screen_height: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = None
    kiosk_mode: StrictBool | None = None
    opening_hours: Annotated[
        list[Annotated[StrictStr, Field(pattern=OPENING_SLOT_PATTERN.pattern)]],
        Field(max_length=MAX_OPENING_SLOTS),
    ] = []
    machine_id: Annotated[StrictStr, Field(pattern=MACHINE_ID_PATTERN.pattern)] | None = None
    schema_: Annotated[StrictInt, Field(ge=1, le=1)] = Field(default=1, alias="schema")


class HeartbeatOut(BaseModel):
    """The answer to a heartbeat: stored, the token's ids, and whether the config agrees."""

    status: Literal["stored"]
    kiosk_id: str
    help_point_id: str
    identity_matches: bool
    detail: str


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _identity(connection: Any, kiosk: KioskIdentity) -> Identity:
    point = connection.execute(
        select(db.help_points).where(db.help_points.c.id == kiosk.help_point_id)
    ).first()
    hours = stored_hours(point.opening_hours) if point is not None else ()
    return Identity(
        kiosk_id=kiosk.kiosk_id,
        help_point_id=kiosk.help_point_id,
        help_point_name=point.name if point is not None else kiosk.help_point_id,
        ward=point.ward if point is not None else "",
        opening_hours=hours,
    )


def _whoami(engine: Engine, clock: Clock, token: str) -> Identity:
    now = clock.now().replace(tzinfo=None)
    with engine.begin() as connection:
        kiosk = authenticate_kiosk(connection, token, now)
        if kiosk is None:
            raise UnauthorizedError()
        return _identity(connection, kiosk)


@router.get(
    WHOAMI_PATH,
    response_model=IdentityOut,
    summary="Who this token belongs to: kiosk, help point, ward, opening hours",
    responses={401: _AUTH_401},
)
async def whoami(request: Request) -> Response:
    """The kiosk's identity as the district registered it (`dvc-collector kiosk add`)."""
    identity = await run_in_threadpool(_whoami, _engine(request), _clock(request), _bearer(request))
    return JSONResponse(identity.to_json())


def _mismatch(report: HealthReport, identity: KioskIdentity) -> str:
    if (report.kiosk_id, report.help_point_id) == (identity.kiosk_id, identity.help_point_id):
        return ""
    return (
        f"this kiosk's config names kiosk '{report.kiosk_id}' at help point "
        f"'{report.help_point_id}', but the token is kiosk '{identity.kiosk_id}' at "
        f"'{identity.help_point_id}': run `dvc-kiosk provision` again on that PC"
    )


def _heartbeat(engine: Engine, clock: Clock, token: str, raw: bytes) -> Response:
    now = clock.now().replace(tzinfo=None)
    with engine.begin() as connection:
        kiosk = authenticate_kiosk(connection, token, now)
        if kiosk is None:
            raise UnauthorizedError()
        try:
            data = json.loads(raw)
            # A lone surrogate or a NUL anywhere, an unknown key's name included, is named
            # here and never echoed raw: it would be a 500 in the answer's encoder (#21 item 9).
            bad_text = find_bad_text(data)
            if bad_text:
                return JSONResponse({"detail": bad_text[:300]}, status_code=422)
            report = HealthReport.from_json(data)
        except (ValueError, RecursionError) as exc:
            detail = str(exc) if isinstance(exc, HealthError) else "body is not valid UTF-8 JSON"
            return JSONResponse({"detail": printable(detail, 300)}, status_code=422)
        except TypeError:
            return JSONResponse({"detail": "$: wrong shape"}, status_code=422)
        store_heartbeat(connection, kiosk.kiosk_id, report, now)
    problem = _mismatch(report, kiosk)
    # A plain dict: this answer is on the path of every kiosk's every round.
    answer = {
        "status": "stored",
        "kiosk_id": kiosk.kiosk_id,
        "help_point_id": kiosk.help_point_id,
        "identity_matches": not problem,
        "detail": problem or "stored",
    }
    return JSONResponse(answer)


@router.post(
    HEARTBEAT_PATH,
    response_model=HeartbeatOut,
    summary="A kiosk's health at the end of a sync round (or at provisioning)",
    description=(
        "Versions, free disk, unsynced and parked counts, restarts and crashes since the last "
        "report, clock offset, uptime, screen size, kiosk mode. Filed under the token's kiosk; "
        "`identity_matches` is false when the body's ids differ from the token's. "
        f"Kinds: {', '.join(k.value for k in HeartbeatKind)}."
    ),
    responses={
        401: _AUTH_401,
        413: {"model": ErrorResponse, "description": f"Body over {MAX_BODY_BYTES} bytes"},
        422: {"model": ErrorResponse, "description": "The report breaks the schema"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": HeartbeatIn.model_json_schema(by_alias=True)}
            },
        }
    },
)
async def heartbeat(request: Request) -> Response:
    """Keep the kiosk's newest health and a short history of it."""
    await require_token_before_body(request)
    raw = await request.body()
    return await run_in_threadpool(
        _heartbeat, _engine(request), _clock(request), _bearer(request), raw
    )
