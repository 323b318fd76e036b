"""How `dvc-collector serve` holds up against many slow or idle connections (slowloris).

uvicorn has no time limit for a request head: a connection that sends one header byte every
few seconds stays open for ever, and 20,000 of them took every file descriptor the process had
(the log grew by 268 MB of failed accepts meanwhile). Nor for a request body: 1,200
connections that sent a complete head and then a byte of body every 5 s (R.U.D.Y.) held every
slot, and health went unanswered (issue #21 item 1). `GuardedH11Protocol` is uvicorn's h11
protocol with a `ConnectionGuard`:

- a connection has `header_timeout` seconds to send a complete request head, on connecting
  and again after each response (a keep-alive connection trickling bytes is no exception),
  and `request_timeout` seconds for the whole request, head and body;
- at most `max_connections` are open: when one more arrives, the connection that has waited
  longest for its request to arrive (head or body) is dropped (almost surely an attacker's),
  so a new honest request (a kiosk, the health check) always gets a slot;
- at most `max_per_address` (20) are open from one client address (the proxy's own addresses,
  `proxy_addresses`, excepted: nginx caps its clients itself with limit_conn), so one
  attacker cannot displace everyone else's connections;
- an answer given before the body was read (a 401 for an unknown token: the token is
  checked before the body, collector.api) closes the connection at once;
- `max_connections` is kept below the process's file limit (`fit_to_file_limit`).

Logging goes through `RepeatFilter`, so a flood adds a bounded number of lines. The reverse
proxy in front (deploy/nginx) is the first line; this is the second, for when the proxy is
misconfigured or absent (docs/security.md). The limits are per worker process: with
--workers N each worker has its own guard and its own max_connections (the file limit is per
process too); `max_per_address` is per worker as well, so one address may hold N times it.
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
    # Head and body together: 1 MiB (kiosk.protocol.MAX_BODY_BYTES) over a slow 3G line
    # (~50 KB/s) takes about 20 s.
    request_timeout: float = 60.0
    max_per_address: int = 20  # a help point has 1–3 kiosks; the proxy is not counted
    proxy_addresses: str = "127.0.0.1,::1"  # comma-separated; not capped per address
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
                if field.type == "str":
                    values[field.name] = raw
                else:
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
        "--request-timeout",
        type=float,
        default=default.request_timeout,
        help="seconds a connection has to send a whole request, head and body",
    )
    parser.add_argument(
        "--max-per-address",
        type=int,
        default=default.max_per_address,
        help="open connections at most from one client address (the proxy's excepted)",
    )
    parser.add_argument(
        "--proxy-address",
        default=default.proxy_addresses,
        help="comma-separated addresses of the reverse proxy, not capped per address",
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
    """The open connections of one server, and which are still receiving their request."""

    SWEEP_SECONDS = 1.0
    REPORT_SECONDS = 10.0

    def __init__(self, limits: ServeLimits, loop: asyncio.AbstractEventLoop) -> None:
        self.limits = limits
        self.loop = loop
        self.open: set[GuardedH11Protocol] = set()
        # Oldest first, with when the request began: the first entries are the ones to drop.
        self.waiting: OrderedDict[GuardedH11Protocol, float] = OrderedDict()  # for a head
        self.receiving: OrderedDict[GuardedH11Protocol, float] = OrderedDict()  # for a body
        self.per_address: dict[str, int] = {}
        self.proxies = {a.strip() for a in limits.proxy_addresses.split(",") if a.strip()}
        self.dropped_idle = 0
        self.dropped_slow_body = 0
        self.dropped_full = 0
        self.dropped_address = 0
        self._sweep: asyncio.TimerHandle | None = None
        self._reported = loop.time()

    def opened(self, protocol: GuardedH11Protocol) -> None:
        """A new connection: admit it, dropping the longest-waiting one if full."""
        address = protocol.client[0] if protocol.client else ""
        self.open.add(protocol)
        if address and address not in self.proxies:
            count = self.per_address.get(address, 0)
            if count >= self.limits.max_per_address:
                self.dropped_address += 1
                protocol.address = ""
                self.drop(protocol)
                self._start_sweep()
                return
            self.per_address[address] = count + 1
            protocol.address = address
        self.wait(protocol)
        if len(self.open) > self.limits.max_connections:
            self.dropped_full += 1
            self.drop(self._oldest_incomplete())
        self._start_sweep()

    def _start_sweep(self) -> None:
        if self._sweep is None:
            self._sweep = self.loop.call_later(self.SWEEP_SECONDS, self.sweep)

    def _oldest_incomplete(self) -> GuardedH11Protocol:
        # `waiting` is never empty here: the connection just admitted is in it.
        head = next(iter(self.waiting.items()))
        body = next(iter(self.receiving.items()), None)
        return body[0] if body is not None and body[1] < head[1] else head[0]

    def wait(self, protocol: GuardedH11Protocol) -> None:
        """The connection now waits for a request head (its clock starts now)."""
        if protocol in self.open:
            self.receiving.pop(protocol, None)
            self.waiting.pop(protocol, None)
            self.waiting[protocol] = self.loop.time()

    def body(self, protocol: GuardedH11Protocol) -> None:
        """The head has come, the body is coming: the request's clock runs on."""
        since = self.waiting.pop(protocol, None)
        if since is not None:
            self.receiving[protocol] = since

    def busy(self, protocol: GuardedH11Protocol) -> None:
        """The whole request has come and is being served."""
        self.waiting.pop(protocol, None)
        self.receiving.pop(protocol, None)

    def closed(self, protocol: GuardedH11Protocol) -> None:
        """The connection is gone."""
        if protocol in self.open:
            address = getattr(protocol, "address", "")
            if address:
                left = self.per_address.get(address, 1) - 1
                if left > 0:
                    self.per_address[address] = left
                else:
                    self.per_address.pop(address, None)
        self.open.discard(protocol)
        self.busy(protocol)

    def drop(self, protocol: GuardedH11Protocol) -> None:
        """Close a connection at once, freeing its file descriptor."""
        self.closed(protocol)
        protocol.transport.abort()

    def sweep(self) -> None:
        """Drop connections past their head or whole-request deadline; report now and then."""
        now = self.loop.time()
        head_deadline = now - self.limits.header_timeout
        while self.waiting:
            protocol, since = next(iter(self.waiting.items()))
            if since > head_deadline:
                break
            self.dropped_idle += 1
            self.drop(protocol)
        request_deadline = now - self.limits.request_timeout
        while self.receiving:
            protocol, since = next(iter(self.receiving.items()))
            if since > request_deadline:
                break
            self.dropped_slow_body += 1
            self.drop(protocol)
        dropped = (
            self.dropped_idle + self.dropped_slow_body + self.dropped_full + self.dropped_address
        )
        if dropped and now - self._reported >= self.REPORT_SECONDS:
            log.warning(
                "dropped %d connections that sent no request head within %g s, %d whose "
                "request took longer than %g s, %d over the limit of %d open connections and "
                "%d over %d from one address (slow or idle clients; see docs/security.md)",
                self.dropped_idle,
                self.limits.header_timeout,
                self.dropped_slow_body,
                self.limits.request_timeout,
                self.dropped_full,
                self.limits.max_connections,
                self.dropped_address,
                self.limits.max_per_address,
            )
            self.dropped_idle = self.dropped_slow_body = self.dropped_full = 0
            self.dropped_address = 0
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

    address = ""  # the client's address as counted by the guard ("" when not counted)

    def handle_events(self) -> None:
        """After h11 moved on: between requests the connection waits for a head; while the
        body comes it is still receiving; once the request is whole it is busy."""
        super().handle_events()
        if self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE:
            if self not in self.guard.waiting:
                self.guard.wait(self)
        elif self.conn.their_state is h11.SEND_BODY:
            self.guard.body(self)
        else:
            self.guard.busy(self)

    def on_response_complete(self) -> None:
        """An answer sent before the body was read (a 401 for an unknown token): close now,
        rather than keep reading a body nobody will use."""
        super().on_response_complete()
        if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():
            self.guard.closed(self)
            self.transport.close()


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
