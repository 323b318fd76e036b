"""How `dvc-collector serve` holds up against many slow or idle connections (slowloris).

uvicorn has no time limit for a request head: a connection that sends one header byte every
few seconds stays open for ever, and 20,000 of them took every file descriptor the process had
(the log grew by 268 MB of failed accepts meanwhile). `GuardedH11Protocol` is uvicorn's h11
protocol with a `ConnectionGuard`:

- a connection has `header_timeout` seconds to send a complete request head, on connecting
  and again after each response (a keep-alive connection trickling bytes is no exception);
- at most `max_connections` are open: when one more arrives, the connection that has waited
  longest without sending a request head is dropped (almost surely an attacker's), so a new
  honest request (a kiosk, the health check) always gets a slot;
- `max_connections` is kept below the process's file limit (`fit_to_file_limit`).

Logging goes through `RepeatFilter`, so a flood adds a bounded number of lines. The reverse
proxy in front (deploy/nginx) is the first line; this is the second, for when the proxy is
misconfigured or absent (docs/security.md).
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
import os
import resource
import weakref
from collections import OrderedDict
from dataclasses import asdict, dataclass, fields
from typing import Any

import h11
import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

log = logging.getLogger(__name__)

ENV_PREFIX = "DVC_COLLECTOR_SERVE_"
# File descriptors the process needs besides client connections: database pool, logs, libs.
RESERVED_FILES = 100
# uvicorn answers 503 past limit_concurrency (connections or tasks); the guard keeps the
# connections under max_connections, and this slack covers the instant between a new
# connection and the drop of the one it displaces.
CONCURRENCY_SLACK = 50


@dataclass(frozen=True)
class ServeLimits:
    """The bounds `serve` puts on what clients can hold."""

    max_connections: int = 1000
    header_timeout: float = 10.0
    keep_alive_timeout: int = 5
    backlog: int = 1024
    max_header_bytes: int = 16 * 1024

    def uvicorn_options(self, protocol: str | type[H11Protocol] | None = None) -> dict[str, Any]:
        """Options for uvicorn.run / uvicorn.Config (the guarded h11 protocol by default)."""
        return {
            "http": protocol or "collector.serving:GuardedH11Protocol",
            "limit_concurrency": self.max_connections + CONCURRENCY_SLACK,
            "timeout_keep_alive": self.keep_alive_timeout,
            # asyncio accepts up to `backlog` connections in one go; kept under the cap, a
            # connection is always read once before a burst of newer ones can displace it.
            "backlog": min(self.backlog, max(16, self.max_connections // 2)),
            "h11_max_incomplete_event_size": self.max_header_bytes,
        }

    def worker_options(self) -> dict[str, Any]:
        """Options for uvicorn's worker supervisor (--workers > 1), where this uvicorn has them.

        The supervisor kills a worker that does not answer its ping within 5 s, and a freshly
        spawned worker cannot answer before its imports are done: on a busy 2-core server
        that took longer, and the workers were killed and respawned in a loop."""
        supported = inspect.signature(uvicorn.Config).parameters
        return (
            {"timeout_worker_healthcheck": 60} if "timeout_worker_healthcheck" in supported else {}
        )

    def install(self) -> None:
        """Make these the limits of GuardedH11Protocol, here and in uvicorn's worker processes
        (which read them from the environment on import)."""
        for name, value in asdict(self).items():
            os.environ[ENV_PREFIX + name.upper()] = str(value)
        GuardedH11Protocol.limits = self

    @classmethod
    def from_env(cls) -> ServeLimits:
        """The limits `serve` exported, or the defaults."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = os.environ.get(ENV_PREFIX + field.name.upper())
            if raw is not None:
                values[field.name] = float(raw) if field.type == "float" else int(float(raw))
        return cls(**values)


def fit_to_file_limit(limits: ServeLimits) -> ServeLimits:
    """Raise the soft file limit as far as allowed; lower max_connections to fit under it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = limits.max_connections + RESERVED_FILES
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft != resource.RLIM_INFINITY and soft < wanted:
        fitted = max(10, soft - RESERVED_FILES)
        log.warning(
            "open-file limit is %d: serving at most %d connections instead of %d "
            "(raise LimitNOFILE / ulimit -n)",
            soft,
            fitted,
            limits.max_connections,
        )
        return ServeLimits(**{**asdict(limits), "max_connections": fitted})
    return limits


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`serve` options for the limits (defaults from ServeLimits)."""
    default = ServeLimits()
    parser.add_argument(
        "--max-connections",
        type=int,
        default=default.max_connections,
        help="open connections at most; the longest-idle one is dropped for a new one",
    )
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=default.header_timeout,
        help="seconds a connection has to send a complete request head",
    )
    parser.add_argument(
        "--keep-alive-timeout",
        type=int,
        default=default.keep_alive_timeout,
        help="seconds an idle keep-alive connection is kept",
    )
    parser.add_argument(
        "--backlog", type=int, default=default.backlog, help="listen queue of the socket"
    )


class ConnectionGuard:
    """The open connections of one server, and which are waiting for a request head."""

    SWEEP_SECONDS = 1.0
    REPORT_SECONDS = 10.0

    def __init__(self, limits: ServeLimits, loop: asyncio.AbstractEventLoop) -> None:
        self.limits = limits
        self.loop = loop
        self.open: set[GuardedH11Protocol] = set()
        # Oldest wait first: the first entry is the one to drop.
        self.waiting: OrderedDict[GuardedH11Protocol, float] = OrderedDict()
        self.dropped_idle = 0
        self.dropped_full = 0
        self._sweep: asyncio.TimerHandle | None = None
        self._reported = loop.time()

    def opened(self, protocol: GuardedH11Protocol) -> None:
        """A new connection: admit it, dropping the longest-waiting one if full."""
        self.open.add(protocol)
        self.wait(protocol)
        if len(self.open) > self.limits.max_connections:
            oldest = next(iter(self.waiting))
            self.dropped_full += 1
            self.drop(oldest)
        if self._sweep is None:
            self._sweep = self.loop.call_later(self.SWEEP_SECONDS, self.sweep)

    def wait(self, protocol: GuardedH11Protocol) -> None:
        """The connection now waits for a request head (its clock starts now)."""
        if protocol in self.open:
            self.waiting.pop(protocol, None)
            self.waiting[protocol] = self.loop.time()

    def busy(self, protocol: GuardedH11Protocol) -> None:
        """The connection sent a request head and is being served."""
        self.waiting.pop(protocol, None)

    def closed(self, protocol: GuardedH11Protocol) -> None:
        """The connection is gone."""
        self.open.discard(protocol)
        self.waiting.pop(protocol, None)

    def drop(self, protocol: GuardedH11Protocol) -> None:
        """Close a connection at once, freeing its file descriptor."""
        self.closed(protocol)
        protocol.transport.abort()

    def sweep(self) -> None:
        """Drop connections that have waited longer than header_timeout; report now and then."""
        now = self.loop.time()
        deadline = now - self.limits.header_timeout
        while self.waiting:
            protocol, since = next(iter(self.waiting.items()))
            if since > deadline:
                break
            self.dropped_idle += 1
            self.drop(protocol)
        if (self.dropped_idle or self.dropped_full) and now - self._reported >= self.REPORT_SECONDS:
            log.warning(
                "dropped %d connections that sent no request within %g s and %d over the limit "
                "of %d open connections (slow or idle clients; see docs/security.md)",
                self.dropped_idle,
                self.limits.header_timeout,
                self.dropped_full,
                self.limits.max_connections,
            )
            self.dropped_idle = self.dropped_full = 0
            self._reported = now
        self._sweep = self.loop.call_later(self.SWEEP_SECONDS, self.sweep) if self.open else None


_guards: weakref.WeakKeyDictionary[ServerState, ConnectionGuard] = weakref.WeakKeyDictionary()


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol under a ConnectionGuard (one guard per server)."""

    limits: ServeLimits = ServeLimits.from_env()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Admit the connection through the guard."""
        super().connection_made(transport)
        guard = _guards.get(self.server_state)
        if guard is None:
            guard = _guards[self.server_state] = ConnectionGuard(self.limits, self.loop)
        self.guard = guard
        guard.opened(self)

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the connection."""
        self.guard.closed(self)
        super().connection_lost(exc)

    def handle_events(self) -> None:
        """After h11 moved on: between requests the connection waits, otherwise it is busy."""
        super().handle_events()
        if self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE:
            if self not in self.guard.waiting:
                self.guard.wait(self)
        else:
            self.guard.busy(self)


def guarded_protocol(limits: ServeLimits) -> type[GuardedH11Protocol]:
    """A GuardedH11Protocol with these limits (for a server run in-process, e.g. a test)."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"limits": limits})


def log_config(limit: int = 5, interval: float = 60.0) -> dict[str, Any]:
    """uvicorn's logging setup with RepeatFilter on every handler, and a root handler so
    asyncio's own errors (failed accepts) are filtered too."""
    config: dict[str, Any] = {
        **LOGGING_CONFIG,
        "handlers": {name: dict(h) for name, h in LOGGING_CONFIG["handlers"].items()},
        "loggers": {name: dict(lg) for name, lg in LOGGING_CONFIG["loggers"].items()},
    }
    config["filters"] = {
        "repeat": {"()": "collector.logfilter.RepeatFilter", "limit": limit, "interval": interval}
    }
    for handler in config["handlers"].values():
        handler["filters"] = ["repeat"]
    config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config
