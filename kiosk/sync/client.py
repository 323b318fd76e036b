"""The kiosk's HTTP side of sync: upload a batch, fetch the signed manifest and catalog files.

Thin and strict on purpose: every way a request can fail becomes a SyncError with a short
code (safe for the journal's kv and for `dvc-kiosk status`) and, when the collector said so, a
Retry-After; the worker decides what to do. Downloads are streamed with a byte cap, so a
misbehaving server cannot fill the kiosk's disk or memory (docs/reliability.md G11).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import httpx

from kiosk import __version__
from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.protocol import API_PREFIX, ResultStatus
from kiosk.sync.manifest import MAX_MANIFEST_BYTES, ManifestError, SignedManifest

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
# Far more than a real answer for 1,000 records, far less than a memory problem.
MAX_ANSWER_BYTES = 4 * 1024 * 1024
# httpx's read timeout is per chunk; a server trickling a byte at a time is cut off here.
MAX_REQUEST_SECONDS = 180.0
MAX_JSON_BYTES = 64 * 1024  # who-am-I and heartbeat answers are a few hundred bytes


class SyncError(Exception):
    """A request that did not get a usable answer; `code` is a short id for kv and status."""

    def __init__(self, code: str, *, retry_after: float | None = None, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.retry_after = retry_after
        self.detail = detail


@dataclass(frozen=True)
class RecordAnswer:
    """What the collector did with one uploaded record."""

    uuid: str | None
    kind: str
    status: ResultStatus
    detail: str
    reason: str | None = None  # why it was refused (kiosk.fleet_protocol.RefusalReason)


@dataclass(frozen=True)
class UploadAnswer:
    """The collector's answer to one batch: per-record results or whole-body errors."""

    http_status: int
    results: tuple[RecordAnswer, ...]
    body_errors: tuple[str, ...] = ()


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None if absent."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = (moment - now).total_seconds()
    return max(0.0, seconds)


class CollectorClient:
    """Talks to one collector with one kiosk token; one instance per sync thread."""

    def __init__(
        self,
        server: str,
        token: str,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.server = server.rstrip("/")
        self._clock = clock
        self._http = httpx.Client(
            base_url=self.server + API_PREFIX,
            headers={
                "Authorization": f"Bearer {token}",
                "User-Agent": f"dvc-kiosk/{__version__}",
            },
            timeout=timeout,
            # The kiosk talks to one configured address; a redirect elsewhere is not followed.
            follow_redirects=False,
            trust_env=False,
        )
        self.last_date: str | None = None  # the Date header of the newest answer

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> CollectorClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- requests -----------------------------------------------------------------------------

    def upload(self, body: bytes) -> UploadAnswer:
        """POST one batch (already serialised); 200/409/422 answers are parsed per record."""
        response = self._send(
            "POST",
            "/sessions",
            content=body,
            headers={"Content-Type": "application/json"},
            limit=MAX_ANSWER_BYTES,
        )
        status, data = response
        if status == 413:
            return UploadAnswer(413, (), ("body too large",))
        if status not in (200, 409, 422):
            raise _http_failure(status, None)
        parsed = _json(data)
        if not isinstance(parsed, dict) or not isinstance(parsed.get("results"), list):
            raise SyncError("server-bad-answer", detail="upload answer has no results list")
        results: list[RecordAnswer] = []
        for item in parsed["results"]:
            if not isinstance(item, dict):
                raise SyncError("server-bad-answer", detail="a result is not an object")
            try:
                status_value = ResultStatus(str(item.get("status")))
            except ValueError:
                raise SyncError("server-bad-answer", detail="unknown result status") from None
            uuid = item.get("uuid")
            results.append(
                RecordAnswer(
                    uuid=uuid if isinstance(uuid, str) else None,
                    kind=str(item.get("kind", "")),
                    status=status_value,
                    detail=str(item.get("detail", ""))[:300],
                    reason=_reason(item.get("reason")),
                )
            )
        errors = parsed.get("errors") or []
        body_errors = tuple(str(e.get("msg", ""))[:300] for e in errors if isinstance(e, dict))
        return UploadAnswer(status, tuple(results), body_errors)

    def manifest(self) -> SignedManifest | None:
        """The newest signed manifest as served (unverified), or None if none is published."""
        status, data = self._send("GET", "/catalog/manifest", limit=MAX_MANIFEST_BYTES)
        if status == 404:
            return None
        if status != 200:
            raise _http_failure(status, None)
        parsed = _json(data)
        try:
            return SignedManifest.from_json(parsed)
        except ManifestError:
            raise
        except Exception as exc:  # the envelope check is the manifest module's job
            raise ManifestError("malformed", detail=type(exc).__name__) from None

    def fetch_file(self, name: str, version: int, expected_size: int) -> bytes:
        """One catalog file of release `version`; more bytes than `expected_size` is refused."""
        path = "/catalog/files/" + quote(name, safe="/")
        status, data = self._send(
            "GET",
            path,
            params={"version": str(version)},
            limit=expected_size,
            over_limit=ManifestError("file-mismatch", detail=f"{name}: longer than signed"),
        )
        if status != 200:
            raise _http_failure(status, None)
        return data

    def request_json(
        self, method: str, path: str, body: bytes | None = None, limit: int = MAX_JSON_BYTES
    ) -> tuple[int, Any]:
        """(status, parsed JSON or None) for a small JSON request; SyncError as for the rest.

        `last_date` holds the answer's Date header afterwards (the fleet's clock check).
        """
        kwargs: dict[str, Any] = {}
        if body is not None:
            kwargs = {"content": body, "headers": {"Content-Type": "application/json"}}
        status, data = self._send(method, path, limit=limit, **kwargs)
        try:
            return status, json.loads(data) if data else None
        except (ValueError, RecursionError):
            return status, None

    def health(self) -> bool:
        """Whether the collector answers its liveness probe."""
        try:
            status, _ = self._send("GET", "/health", limit=4096)
        except SyncError:
            return False
        return status == 200

    # -- plumbing -----------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        limit: int,
        over_limit: Exception | None = None,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        """(status, body) for answers we can act on; SyncError for the rest."""
        try:
            with self._http.stream(method, path, **kwargs) as response:
                status = response.status_code
                self.last_date = response.headers.get("date")
                if status == 401:
                    raise SyncError("unauthorized", detail="the collector refused the token")
                if status == 429 or status >= 500:
                    raise _http_failure(
                        status,
                        parse_retry_after(response.headers.get("Retry-After"), self._clock.now()),
                    )
                chunks: list[bytes] = []
                seen = 0
                deadline = self._clock.monotonic() + MAX_REQUEST_SECONDS
                for chunk in response.iter_bytes():
                    if self._clock.monotonic() > deadline:
                        raise SyncError("timeout", detail="the answer took too long")
                    seen += len(chunk)
                    if seen > limit:
                        if over_limit is not None:
                            raise over_limit
                        raise SyncError("server-bad-answer", detail="answer larger than expected")
                    chunks.append(chunk)
                return status, b"".join(chunks)
        except httpx.TimeoutException:
            raise SyncError("timeout", detail="the collector did not answer in time") from None
        except httpx.ConnectError:
            raise SyncError("no-connection", detail="no connection to the collector") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise SyncError("network", detail=type(exc).__name__) from None


def _reason(value: Any) -> str | None:
    # A reason becomes a journal code: only a short id is kept, anything else is dropped.
    if isinstance(value, str) and 0 < len(value) <= 32 and value.replace("-", "").isalpha():
        return value if value == value.lower() else None
    return None


def _http_failure(status: int, retry_after: float | None) -> SyncError:
    return SyncError(f"http-{status}", retry_after=retry_after, detail=f"HTTP {status}")


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise SyncError("server-bad-answer", detail="the answer is not JSON") from None
