"""What `dvc-kiosk provision` asks the collector: who the token is, and to take a test record.

The kiosk's identity comes from its token: the collector says which kiosk, help point and ward
the token was issued for (`dvc-collector kiosk add`), and provisioning writes exactly those —
an id that contradicts the token is refused, because every record it stamps would be refused.
At the end one provisioning heartbeat (a health report, not a resident session) proves that the
written config is accepted: "đã gửi thử 1 bản ghi kiểm tra: máy chủ nhận", or why not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.clock import Clock
from kiosk.config import HelpPoint
from kiosk.fleet_protocol import HealthReport, HeartbeatKind, Identity

if TYPE_CHECKING:
    import socket

CHECK_TIMEOUT = 5.0
TEST_RECORD_OK = "đã gửi thử 1 bản ghi kiểm tra: máy chủ nhận"
CLOCK_WARN_SECONDS = 5 * 60


class IdentityConflictError(Exception):
    """The ids given on the command line contradict the token; the text says which is right."""


@dataclass
class CollectorCheck:
    """What the collector said: its identity for the token (None: not learned) and warnings."""

    identity: Identity | None = None
    clock_offset: int | None = None
    warnings: list[str] = field(default_factory=list)
    why_unknown: str = ""  # why the identity could not be learned (for the error message)


def ask_collector(server: str, token: str, clock: Clock) -> CollectorCheck:
    """Liveness, then GET /whoami with the token; never raises for network trouble.

    When the token's identity cannot be learned, `why_unknown` says which part of the address
    or the token is wrong (host, port, scheme, path, token), as far as this PC can tell.
    """
    from kiosk.sync.client import CollectorClient, SyncError
    from kiosk.sync.fleet import FleetUnavailableError, ask_identity

    check = CollectorCheck()
    with CollectorClient(server, token, timeout=CHECK_TIMEOUT) as client:
        if not client.health():
            check.why_unknown = diagnose_address(server)
            return check
        try:
            check.identity, check.clock_offset = ask_identity(client, clock)
        except FleetUnavailableError:
            check.why_unknown = (
                f"the collector at {server} is too old to say who a token is (update dvc-collector)"
            )
        except SyncError as exc:
            if exc.code == "unauthorized":
                check.why_unknown = (
                    f"token: the collector at {server} answers, but refused this token "
                    "(mistyped, revoked, or made by another district's collector): copy the "
                    "token `dvc-collector kiosk add` printed for this PC again, or make a new one"
                )
            else:
                check.why_unknown = (
                    f"the collector at {server} did not answer who the token is ({exc.code})"
                )
    offset = check.clock_offset
    if offset is not None and abs(offset) > CLOCK_WARN_SECONDS:
        way = "fast" if offset > 0 else "slow"
        check.warnings.append(
            f"this PC's clock is {round(abs(offset) / 60)} minutes {way} against the collector: "
            "set the date and time (records are kept either way)"
        )
    return check


def diagnose_address(server: str) -> str:
    """Why `server` does not answer as a DVC collector: a sentence that names the part of the
    address that is wrong — host, port, scheme (http/https) or path — and what to check.

    Each step asks only the machine the address names: the name, a TCP connection, a TLS
    handshake, then the collector's liveness probe at the address without its path.
    """
    import socket
    from urllib.parse import urlsplit

    from kiosk.protocol import API_PREFIX

    parts = urlsplit(server)
    scheme = parts.scheme
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        return f"port: '{parts.netloc}' has no valid port number after the ':'"
    if not host:
        return f"host: {server} names no host (write it as https://HOST)"
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_AGAIN:
            return (
                f"host: the name '{host}' could not be looked up (no name server answered): "
                "check its spelling, and that this PC is on the network"
            )
        return f"host: the name '{host}' is not known: check its spelling in --server"
    except UnicodeError:
        return f"host: '{host}' is not a valid host name"
    try:
        raw = socket.create_connection((host, port), timeout=CHECK_TIMEOUT)
    except ConnectionRefusedError:
        return (
            f"port: {host} has nothing listening on port {port} (connection refused): check "
            "the port in --server (the district's nginx serves the collector on 443)"
        )
    except TimeoutError:
        return (
            f"port: {host} did not answer on port {port} within {CHECK_TIMEOUT:g} s (a "
            "firewall, or the wrong port)"
        )
    except OSError as exc:
        return f"host: cannot connect to {host} port {port} ({exc.strerror or exc})"
    with raw:
        raw.settimeout(CHECK_TIMEOUT)
        speaks_tls, tls_problem = _tls_handshake(raw, host)
    if scheme == "https" and not speaks_tls and tls_problem == "plain":
        return (
            f"scheme: {host} port {port} answers in plain http, not https: write "
            f"http://{parts.netloc} only for a test collector, else use the collector's "
            "https address (its nginx, port 443)"
        )
    if scheme == "http" and speaks_tls:
        return f"scheme: {host} port {port} speaks https, not http: write https://{parts.netloc}"
    if scheme == "https" and tls_problem and tls_problem != "plain":
        return f"scheme: the https connection to {host} port {port} failed ({tls_problem})"
    if scheme == "https":
        trusted = _certificate_problem(host, port)
        if trusted:
            return f"certificate: {host} port {port} speaks https, but {trusted}"
    path = parts.path.rstrip("/")
    root = f"{scheme}://{parts.netloc}"
    status = _health_status(root)
    if path and status == 200:
        return (
            f"path: the collector is at {root}, not {server}: leave out '{path}' "
            f"(the kiosk adds {API_PREFIX} itself)"
        )
    shown = f"{path}{API_PREFIX}/health"
    got = f"HTTP {status}" if status else "no HTTP answer"
    if path:
        return (
            f"path: {root} answers, but not as a DVC collector at '{path}' (GET {shown}: {got}) "
            f"nor at its root: check the path in --server"
        )
    return (
        f"path: {root} answers, but is not a DVC collector (GET {shown}: {got}): is this the "
        "district's collector address?"
    )


def _tls_handshake(raw: socket.socket, host: str) -> tuple[bool, str]:
    """(whether the peer completed a TLS handshake, '' / 'plain' / what failed)."""
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with context.wrap_socket(raw, server_hostname=host or None):
            return True, ""
    except ssl.SSLError as exc:
        reason = getattr(exc, "reason", "") or ""
        if reason in ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "HTTP_REQUEST") or (
            "wrong version number" in str(exc)
        ):
            return False, "plain"
        return False, reason or type(exc).__name__
    except (ConnectionError, TimeoutError, OSError) as exc:
        # A plain-http server often just closes on a TLS hello.
        return False, "plain" if isinstance(exc, ConnectionError) else type(exc).__name__


def _certificate_problem(host: str, port: int) -> str:
    """'' when the certificate is trusted for `host`; else what is wrong with it."""
    import socket
    import ssl

    context = ssl.create_default_context()
    try:
        with (
            socket.create_connection((host, port), timeout=CHECK_TIMEOUT) as raw,
            context.wrap_socket(raw, server_hostname=host),
        ):
            return ""
    except ssl.SSLCertVerificationError as exc:
        return f"its certificate is not trusted here ({exc.verify_message})"
    except (ssl.SSLError, OSError):
        return ""  # not a certificate question: the later steps say more


def _health_status(root: str) -> int | None:
    """The HTTP status of the collector's liveness probe at `root` (None: no HTTP answer)."""
    import httpx

    from kiosk.protocol import API_PREFIX

    try:
        with httpx.Client(timeout=CHECK_TIMEOUT, verify=True, trust_env=False) as http:
            return http.get(root + API_PREFIX + "/health").status_code
    except httpx.HTTPError:
        return None


def resolve_identity(
    given_kiosk: str | None,
    given_point: str | None,
    identity: Identity,
    points: dict[str, HelpPoint],
) -> tuple[str, str]:
    """The token's (kiosk id, help point id); IdentityConflictError when the arguments differ."""
    if given_kiosk is not None and given_kiosk != identity.kiosk_id:
        raise IdentityConflictError(
            f"this token belongs to kiosk '{identity.kiosk_id}' (help point "
            f"'{identity.help_point_id}'), not '{given_kiosk}': leave out --kiosk-id, or use "
            f"the token `dvc-collector kiosk add` printed for '{given_kiosk}'"
        )
    if given_point is not None and given_point != identity.help_point_id:
        raise IdentityConflictError(
            f"this token's kiosk '{identity.kiosk_id}' is registered at help point "
            f"'{identity.help_point_id}' ({identity.ward}), not '{given_point}': leave out "
            "--help-point, or ask the district to register this PC at the right help point"
        )
    if identity.help_point_id not in points:
        raise IdentityConflictError(
            f"the token's help point '{identity.help_point_id}' is not in this kiosk's list of "
            "help points (resources/help_points.toml): install the current kiosk release"
        )
    return identity.kiosk_id, identity.help_point_id


def send_test_record(
    server: str,
    token: str,
    kiosk_id: str,
    help_point_id: str,
    data_dir: Path,
    opening_hours: tuple[str, ...],
    clock_offset: int | None,
) -> str:
    """Send the provisioning heartbeat; TEST_RECORD_OK, or a sentence saying why it failed."""
    from kiosk.sync.client import CollectorClient, SyncError
    from kiosk.sync.fleet import FleetUnavailableError, send_heartbeat
    from kiosk.sync.health import disk_free_bytes, machine_id
    from kiosk.sync.worker import bundled_catalog_version

    report = HealthReport(
        kind=HeartbeatKind.PROVISION.value,
        kiosk_id=kiosk_id,
        help_point_id=help_point_id,
        app_version=__version__,
        catalog_version=bundled_catalog_version(),
        disk_free_bytes=disk_free_bytes(data_dir),
        clock_offset_seconds=clock_offset,
        opening_hours=opening_hours,
        machine_id=machine_id(),
    )
    try:
        with CollectorClient(server, token, timeout=CHECK_TIMEOUT) as client:
            answer = send_heartbeat(client, report)
    except FleetUnavailableError:
        return (
            "chưa gửi thử được bản ghi kiểm tra: máy chủ quận là phiên bản cũ, chưa nhận loại này"
        )
    except SyncError as exc:
        if exc.code == "unauthorized":
            return "chưa gửi thử được bản ghi kiểm tra: máy chủ không nhận token (unauthorized)"
        return f"chưa gửi thử được bản ghi kiểm tra: máy chủ không trả lời đúng ({exc.code})"
    if not answer.identity_matches:
        return f"máy chủ nhận bản ghi kiểm tra nhưng báo sai mã máy: {answer.detail}"
    return TEST_RECORD_OK
