"""The kiosk-facing HTTP API (/api/v1): upload, catalog, health. See docs/protocol.md.

The upload body is read and checked by hand rather than by FastAPI's body parameter: a batch
with one bad record must still store the good ones and answer per record, which a whole-body
validation cannot do. The OpenAPI document still describes the full schema.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.engine import Engine

from collector import __version__, db
from collector.auth import KioskIdentity, authenticate_kiosk, token_is_known
from collector.ingest import ingest, now_utc
from collector.models import (
    BodyError,
    ErrorResponse,
    HealthResponse,
    SignedManifestOut,
    UploadBatchIn,
    UploadEnvelope,
    UploadResponse,
)
from collector.ratelimit import RateLimiter
from collector.textcheck import printable
from kiosk.clock import Clock
from kiosk.protocol import MAX_BATCH_RECORDS, MAX_BODY_BYTES, ResultStatus
from kiosk.sync.manifest import FILE_NAME_PATTERN

router = APIRouter(prefix="/api/v1")

_AUTH_401 = {"model": ErrorResponse, "description": "Missing, wrong or revoked token"}
_TOO_LARGE_413 = {
    "model": ErrorResponse,
    "description": f"Body over {MAX_BODY_BYTES} bytes (refused before parsing)",
}
_TOO_MANY_429 = {
    "model": ErrorResponse,
    "description": "Too many requests from this kiosk's token: wait Retry-After seconds",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
}


class UnauthorizedError(Exception):
    """No valid bearer token: answered as 401 by the app's handler."""


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def _too_many(wait: int) -> JSONResponse:
    return JSONResponse(
        {"detail": f"too many requests from this kiosk; retry after {wait} s"},
        status_code=429,
        headers={"Retry-After": str(wait)},
    )


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _identify(engine: Engine, token: str, clock: Clock) -> KioskIdentity:
    with engine.begin() as connection:
        identity = authenticate_kiosk(connection, token, now_utc(clock))
    if identity is None:
        raise UnauthorizedError()
    return identity


async def require_token_before_body(request: Request) -> None:
    """401 for an unknown token before a byte of the body is read; the handler checks the
    token again inside its own transaction (where it also records last_seen_at)."""
    if not await run_in_threadpool(token_is_known, _engine(request), _bearer(request)):
        raise UnauthorizedError()


async def require_kiosk(request: Request) -> KioskIdentity:
    """The calling kiosk; raises UnauthorizedError (401) otherwise."""
    return await run_in_threadpool(_identify, _engine(request), _bearer(request), _clock(request))


async def _catalog_wait(request: Request) -> int:
    """Authenticate the kiosk (401 otherwise) and spend one catalog request of its rate."""
    identity = await require_kiosk(request)
    limiter: RateLimiter = request.app.state.catalog_limiter
    return limiter.take(identity.kiosk_id)


def _whole_body_error(loc: list[str | int], msg: str, kind: str) -> JSONResponse:
    body = UploadResponse(results=[], errors=[BodyError(loc=loc, msg=msg, type=kind)])
    return JSONResponse(body.model_dump(mode="json"), status_code=422)


def _handle_upload(
    engine: Engine, token: str, raw: bytes, clock: Clock, limiter: RateLimiter
) -> Response:
    # One transaction for the token check, last_seen_at and the records: one commit per
    # request. The token is checked before the body is even parsed, so a stranger learns
    # nothing about what would have been accepted.
    with engine.begin() as connection:
        identity = authenticate_kiosk(connection, token, now_utc(clock))
        if identity is None:
            raise UnauthorizedError()
        wait = limiter.take(identity.kiosk_id)
        if wait:
            return _too_many(wait)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return _whole_body_error(["body"], "body is not valid UTF-8 JSON", "json_invalid")
        try:
            envelope = UploadEnvelope.model_validate(data)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            loc: list[str | int] = [
                "body",
                *[
                    printable(p) if isinstance(p, str) else p
                    for p in first["loc"]
                    if isinstance(p, str | int)
                ],
            ]
            return _whole_body_error(loc, printable(str(first["msg"]), 300), str(first["type"]))
        results = ingest(
            connection,
            identity.kiosk_id,
            envelope.sessions,
            envelope.outcomes,
            clock,
            help_point_id=identity.help_point_id,
            content_reports=envelope.content_reports,
        )
        statuses = {result.status for result in results}
        if ResultStatus.REJECTED in statuses:
            status_code = 422
        elif ResultStatus.CONFLICT in statuses:
            status_code = 409
        else:
            status_code = 200
        # Rendered inside the transaction: if the answer could not be encoded, nothing of the
        # batch is committed (the kiosk re-sends it whole), instead of a 500 after the commit.
        return JSONResponse(
            UploadResponse(results=results).model_dump(mode="json"), status_code=status_code
        )


@router.post(
    "/sessions",
    response_model=UploadResponse,
    summary="Upload a batch of session, outcome and content-report records",
    description=(
        "Idempotent by record uuid. 200: every record stored or already there. 409: at least "
        "one conflict (same uuid, different content) and no rejected record. 422: the body as "
        "a whole is unreadable (then `errors` says why and nothing is stored), or at least one "
        "record was rejected (bad value, unknown field, or a kiosk_id or help_point_id that "
        "is not this token's kiosk's; `reason` says which); valid records of that batch are "
        "still stored and listed. "
        f"At most {MAX_BATCH_RECORDS} sessions, {MAX_BATCH_RECORDS} outcomes and "
        f"{MAX_BATCH_RECORDS} content reports per batch."
    ),
    responses={
        409: {"model": UploadResponse, "description": "At least one conflict"},
        401: _AUTH_401,
        413: _TOO_LARGE_413,
        422: {"model": UploadResponse, "description": "Whole-body error or rejected records"},
        429: _TOO_MANY_429,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/UploadBatchIn"}}
            },
        }
    },
)
async def upload_sessions(request: Request) -> Response:
    """Store a batch; answer per record so the kiosk clears exactly what the server holds."""
    await require_token_before_body(request)
    raw = await request.body()  # already capped at MAX_BODY_BYTES by BodyLimitMiddleware
    return await run_in_threadpool(
        _handle_upload,
        _engine(request),
        _bearer(request),
        raw,
        _clock(request),
        request.app.state.upload_limiter,
    )


def _latest_release(engine: Engine) -> Any:
    with engine.connect() as connection:
        return connection.execute(
            select(db.catalog_releases).order_by(db.catalog_releases.c.version.desc()).limit(1)
        ).first()


@router.get(
    "/catalog/manifest",
    response_model=SignedManifestOut,
    summary="The newest signed catalog manifest",
    responses={
        401: _AUTH_401,
        404: {"model": ErrorResponse, "description": "No catalog published yet"},
        429: _TOO_MANY_429,
    },
)
async def catalog_manifest(request: Request) -> Response:
    """The manifest exactly as signed, so the kiosk verifies the bytes the district signed."""
    if wait := await _catalog_wait(request):
        return _too_many(wait)
    release = await run_in_threadpool(_latest_release, _engine(request))
    if release is None:
        return JSONResponse({"detail": "no catalog published yet"}, status_code=404)
    body = {
        "manifest": json.loads(release.manifest_json),
        "signature": release.signature,
        "key_id": release.key_id,
    }
    return JSONResponse(body)


def _file(engine: Engine, name: str, version: int | None) -> bytes | None:
    table = db.catalog_releases
    with engine.connect() as connection:
        if version is None:
            query = select(table.c.version).order_by(table.c.version.desc()).limit(1)
            version = connection.execute(query).scalar()
            if version is None:
                return None
        data = connection.execute(
            select(db.catalog_files.c.data).where(
                db.catalog_files.c.version == version, db.catalog_files.c.name == name
            )
        ).scalar()
    return bytes(data) if data is not None else None


@router.get(
    "/catalog/files/{name:path}",
    summary="One file of a catalog release, by its manifest name",
    description=(
        "Without `version`, the newest release. A kiosk should pass the manifest's version so a "
        "release published mid-download cannot mix files of two releases."
    ),
    response_class=Response,
    responses={
        200: {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "description": "The file's bytes; check them against the manifest",
        },
        401: _AUTH_401,
        404: {"model": ErrorResponse, "description": "No such file in that release"},
        429: _TOO_MANY_429,
    },
)
async def catalog_file(
    name: str,
    request: Request,
    version: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """The bytes of one file of a release (the kiosk checks them against the signed hash)."""
    if wait := await _catalog_wait(request):
        return _too_many(wait)
    if not FILE_NAME_PATTERN.fullmatch(name):
        # Only names a manifest can carry; anything else (NUL bytes, "..") is simply absent.
        return JSONResponse({"detail": "no such file in that release"}, status_code=404)
    data = await run_in_threadpool(_file, _engine(request), name, version)
    if data is None:
        return JSONResponse({"detail": "no such file in that release"}, status_code=404)
    return Response(data, media_type="application/octet-stream")


@router.get("/health", response_model=HealthResponse, summary="Liveness check (no token)")
async def health() -> HealthResponse:
    """Cheap liveness probe for a load balancer or the kiosk's connectivity check."""
    return HealthResponse(status="ok", version=__version__)


def request_body_schema() -> dict[str, Any]:
    """The JSON schema of the upload body, for the OpenAPI components."""
    return UploadBatchIn.model_json_schema(ref_template="#/components/schemas/{model}")
