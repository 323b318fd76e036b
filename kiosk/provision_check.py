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

from kiosk import __version__
from kiosk.clock import Clock
from kiosk.config import HelpPoint
from kiosk.fleet_protocol import HealthReport, HeartbeatKind, Identity

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
    """Liveness, then GET /whoami with the token; never raises for network trouble."""
    from kiosk.sync.client import CollectorClient, SyncError
    from kiosk.sync.fleet import FleetUnavailableError, ask_identity

    check = CollectorCheck()
    with CollectorClient(server, token, timeout=CHECK_TIMEOUT) as client:
        if not client.health():
            check.why_unknown = f"cannot reach {server}"
            check.warnings.append(
                f"cannot reach {server} (or it is not a DVC collector); the kiosk will sync "
                "when it can"
            )
            return check
        try:
            check.identity, check.clock_offset = ask_identity(client, clock)
        except FleetUnavailableError:
            check.why_unknown = "the collector is too old to say who a token is"
            check.warnings.append(check.why_unknown + " (update dvc-collector)")
        except SyncError as exc:
            if exc.code == "unauthorized":
                check.why_unknown = "the collector refused the token"
                check.warnings.append("the collector refused the token (revoked, or mistyped?)")
            else:
                check.why_unknown = f"the collector did not answer who the token is ({exc.code})"
                check.warnings.append(check.why_unknown)
    offset = check.clock_offset
    if offset is not None and abs(offset) > CLOCK_WARN_SECONDS:
        way = "fast" if offset > 0 else "slow"
        check.warnings.append(
            f"this PC's clock is {round(abs(offset) / 60)} minutes {way} against the collector: "
            "set the date and time (records are kept either way)"
        )
    return check


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
