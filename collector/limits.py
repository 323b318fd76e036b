"""An ASGI middleware that refuses oversized bodies with 413 before anything parses them.

FastAPI does not apply Starlette's body-size limit (docs/reliability.md G18), so this sits in front
of the whole app: a declared Content-Length over the cap is answered at once without reading
a byte; a body without one (chunked) is counted as it streams and cut off at the cap.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLargeError(Exception):
    """Raised inside the app's receive() when a streamed body passes the cap."""


class BodyLimitMiddleware:
    """413 for any HTTP request body over `max_bytes`, checked before parsing."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is None or declared < 0:
            await _too_large(send, "bad Content-Length")
            return
        if declared > self.max_bytes:
            await _too_large(send, f"body over {self.max_bytes} bytes")
            return
        seen = 0
        over = False
        started = False

        async def counted_receive() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    over = True
                    raise BodyTooLargeError()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # whatever the app says after the cut, the answer is 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _too_large(send, f"body over {self.max_bytes} bytes")


def _content_length(scope: Scope) -> int | None:
    # Missing header means "no declared length" (0 for the check; streaming is counted).
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return 0


async def _too_large(send: Send, detail: str) -> None:
    status = 413 if detail != "bad Content-Length" else 400
    body = json.dumps({"detail": detail}).encode()
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
