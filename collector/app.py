"""The collector's ASGI application: `create_app(database_url)` wires API, dashboard and limits.

SQLite by default so one command runs it on a laptop; PostgreSQL through DATABASE_URL
(`postgresql+psycopg://...`). The same Alembic migrations run on start for both.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse

from collector import __version__, api, dashboard, fleet_api, kiosks_page
from collector.auth import server_secret
from collector.db import make_engine, migrate
from collector.hashpool import DEFAULT_SLOTS, HashPool
from collector.limits import BodyLimitMiddleware
from collector.models import UploadBatchIn
from collector.ratelimit import CATALOG_RATE, UPLOAD_RATE, Rate, RateLimiter
from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.protocol import MAX_BODY_BYTES

SKIP_MIGRATIONS_ENV = "DVC_COLLECTOR_SKIP_MIGRATIONS"


def database_url_from_env() -> str:
    """DATABASE_URL; unset, the process ends with a sentence (never a new, empty database in
    the working directory: `dvc-collector serve` refuses the same way before this)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit(
            "dvc-collector: DATABASE_URL is not set: give the collector's database "
            "(e.g. postgresql+psycopg:///dvc_collector); none is made in the current folder"
        )
    return url


def create_app(
    database_url: str | None = None,
    *,
    run_migrations: bool = True,
    secure_cookies: bool | None = None,
    pool_size: int = 10,
    clock: Clock = SYSTEM_CLOCK,
    hash_slots: int = DEFAULT_SLOTS,
    upload_rate: Rate = UPLOAD_RATE,
    catalog_rate: Rate = CATALOG_RATE,
) -> FastAPI:
    """Build the app on a database (migrated unless told otherwise).

    `clock` is the one source of "now" for everything the app does, the fleet API and the
    kiosks page included (tests pin it); the hash slots and the per-kiosk rates bound what a
    flood can make it spend (docs/security.md)."""
    engine = make_engine(database_url or database_url_from_env(), pool_size=pool_size)
    if run_migrations:
        migrate(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="DVC Kiosk district collector",
        version=__version__,
        description=(
            "Receives anonymous session records from the kiosks of the district's help points "
            "and serves signed catalog updates. See docs/protocol.md."
        ),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads its JS from a CDN; the district laptop may be offline
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.engine = engine
    app.state.secret = server_secret(engine)
    app.state.secure_cookies = (
        secure_cookies
        if secure_cookies is not None
        else os.environ.get("DVC_COLLECTOR_SECURE_COOKIES") == "1"
    )
    app.state.clock = clock
    app.state.hash_pool = HashPool(hash_slots)
    app.state.upload_limiter = RateLimiter(upload_rate, clock)
    app.state.catalog_limiter = RateLimiter(catalog_rate, clock)
    app.include_router(api.router)
    app.include_router(fleet_api.router)
    app.include_router(dashboard.router)
    app.include_router(kiosks_page.router)

    async def unauthorized(_request: Request, _exc: Exception) -> JSONResponse:
        return JSONResponse(
            {"detail": "missing, wrong or revoked kiosk token"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )

    app.add_exception_handler(api.UnauthorizedError, unauthorized)
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        # The upload body is read by hand (per-record answers), so add its schema explicitly.
        body = UploadBatchIn.model_json_schema(
            ref_template="#/components/schemas/{model}", by_alias=True
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(body.pop("$defs", {}))
        components["UploadBatchIn"] = body
        schema["components"]["securitySchemes"] = {
            "kioskToken": {"type": "http", "scheme": "bearer"}
        }
        for path, operations in schema["paths"].items():
            if path.startswith("/api/v1/") and path != "/api/v1/health":
                for operation in operations.values():
                    operation["security"] = [{"kioskToken": []}]
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def app_from_env() -> FastAPI:
    """uvicorn factory for multi-worker serving (the parent process already migrated)."""
    return create_app(
        database_url_from_env(), run_migrations=os.environ.get(SKIP_MIGRATIONS_ENV) != "1"
    )
