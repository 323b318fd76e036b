"""A small fault-injecting HTTP proxy on loopback, between a kiosk and the collector.

Each request it receives gets one action drawn from a seeded schedule: pass it through, drop
the request (the collector never sees it), drop the response after the collector committed
(the kiosk never hears back: the hard case for duplicates), answer 500, answer 503 with
Retry-After, or stall before forwarding (the kiosk may time out while the collector still
stores the batch). That is docs/reliability.md G6's fault list, reproducible from a seed.

One request per connection: the proxy forwards with `Connection: close` and relays the
upstream's answer until EOF, which keeps it simple and HTTP-correct for the kiosk's requests.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

ACTIONS = ("pass", "drop-request", "drop-response", "error-500", "busy-503", "stall")
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "pass": 0.55,
    "drop-request": 0.09,
    "drop-response": 0.12,
    "error-500": 0.08,
    "busy-503": 0.06,
    "stall": 0.10,
}
MAX_HEADER_BYTES = 64 * 1024


@dataclass
class FaultProxy:
    """Proxy 127.0.0.1:port -> 127.0.0.1:upstream_port with faults drawn from `seed`."""

    upstream_port: int
    seed: int
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    stall_seconds: tuple[float, float] = (0.3, 2.0)
    retry_after: int = 1
    port: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    enabled: bool = True  # False: pass everything (the final clean-up round)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        # Strong references: asyncio keeps only weak ones, and a handler waiting on a socket
        # must not be garbage-collected halfway.
        self._handlers: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        """The base URL a kiosk config points at."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        """Serve on a background thread with its own event loop."""
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self

    def stop(self) -> None:
        """Stop accepting and end the thread."""
        loop = self._loop
        if loop is None:
            return

        async def close() -> None:
            if self._server is not None:
                self._server.close()
            # Cancel the handlers still running and wait for their cleanup (bounded by
            # _close's own timeout), so none is left pending when the loop stops.
            handlers = list(self._handlers)
            for task in handlers:
                task.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def next_action(self) -> str:
        """The next scheduled action (thread-safe, reproducible for a seed)."""
        with self._lock:
            if not self.enabled:
                action = "pass"
            else:
                names = list(self.weights)
                action = self._rng.choices(names, [self.weights[n] for n in names])[0]
            self.counts[action] += 1
            return action

    def _stall_time(self) -> float:
        with self._lock:
            return self._rng.uniform(*self.stall_seconds)

    # -- the event loop -----------------------------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._server = loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", self.port or 0)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            # As asyncio.run does: cancel every handler still running and let each finish its
            # cleanup, so none is destroyed while pending.
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
            task.add_done_callback(self._handlers.discard)
        try:
            request = await _read_request(reader)
            if request is None:
                return
            action = self.next_action()
            if action == "drop-request":
                return
            if action == "error-500":
                await _answer(writer, 500, b'{"detail":"injected"}', {})
                return
            if action == "busy-503":
                headers = {"Retry-After": str(self.retry_after)}
                await _answer(writer, 503, b'{"detail":"busy"}', headers)
                return
            if action == "stall":
                await asyncio.sleep(self._stall_time())
            response = await self._forward(request)
            if action == "drop-response" or response is None:
                return
            writer.write(response)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            await _close(writer)

    async def _forward(self, request: bytes) -> bytes | None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            return None
        try:
            up_writer.write(request)
            await up_writer.drain()
            return await up_reader.read()  # until EOF: the request said Connection: close
        finally:
            await _close(up_writer)


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close a connection; a peer that never finishes closing is cut off after a moment."""
    writer.close()
    try:
        await asyncio.wait_for(writer.wait_closed(), timeout=2)
    except (ConnectionError, OSError, TimeoutError):
        writer.transport.abort()


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    """One HTTP/1.1 request, rewritten to `Connection: close`; None on an empty connection."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    if len(head) > MAX_HEADER_BYTES:
        return None
    lines = head[:-4].split(b"\r\n")
    kept = [lines[0]]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        lowered = name.strip().lower()
        if lowered == b"connection":
            continue
        if lowered == b"content-length":
            length = int(value.strip())
        kept.append(line)
    kept.append(b"Connection: close")
    body = await reader.readexactly(length) if length else b""
    return b"\r\n".join(kept) + b"\r\n\r\n" + body


async def _answer(
    writer: asyncio.StreamWriter, status: int, body: bytes, headers: Mapping[str, str]
) -> None:
    reason = {500: "Internal Server Error", 503: "Service Unavailable"}.get(status, "Error")
    lines = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body)
    await writer.drain()
