"""Helpers shared by the collector and sync tests: free loopback ports, throw-away databases,
and a real collector (uvicorn serving `collector.app.create_app`) on loopback."""

from __future__ import annotations

import contextlib
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def postgres_database(base_url: str, prefix: str = "dvc_test") -> Iterator[str]:
    """A freshly created PostgreSQL database on the server of `base_url`, dropped afterwards."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class _ThreadServer(uvicorn.Server):
    """uvicorn in a thread (no signal handlers: those belong to the main thread)."""

    def install_signal_handlers(self) -> None:  # pragma: no cover - uvicorn hook
        return None


@dataclass
class LiveCollector:
    """A running collector: base URL, database URL and its stopper."""

    url: str
    database_url: str
    port: int
    server: Any
    thread: threading.Thread
    app: Any

    def stop(self) -> None:
        """Stop serving and release the database."""
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.app.state.engine.dispose()


def start_collector(
    database_url: str,
    port: int | None = None,
    clock: Any = None,
    app_options: dict[str, Any] | None = None,
    **config: Any,
) -> LiveCollector:
    """Start uvicorn with create_app on loopback and wait until it accepts requests.

    `clock`: the app's Clock (a FixedClock pins the fleet pages' time); `app_options` go to
    create_app; `config` adds uvicorn.Config options (e.g.
    limit_concurrency). The per-token rate limits default to generous here: a kiosk-side test
    runs a day's sync rounds in seconds, and an honest kiosk never meets the limits (they are
    proved in tests/collector/test_abuse.py, which passes its own)."""
    from collector.app import create_app
    from collector.ratelimit import Rate

    generous = Rate(per_second=10_000.0, burst=100_000)
    options = {"upload_rate": generous, "catalog_rate": generous, **(app_options or {})}
    if clock is not None:
        options["clock"] = clock
    app = create_app(database_url, **options)
    port = port or free_port()
    server = _ThreadServer(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ws="none",
            lifespan="on",
            **{"http": "h11", **config},
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    return LiveCollector(f"http://127.0.0.1:{port}", database_url, port, server, thread, app)


@contextlib.contextmanager
def running_collector(
    database_url: str, app_options: dict[str, Any] | None = None, **config: Any
) -> Iterator[LiveCollector]:
    """A collector for the duration of a with-block."""
    live = start_collector(database_url, app_options=app_options, **config)
    try:
        yield live
    finally:
        live.stop()
