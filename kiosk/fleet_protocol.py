"""The fleet's wire shapes: who a token is, the health a kiosk reports, why a record was refused.

Shared by the kiosk (kiosk.sync.fleet, kiosk.provision) and the collector (collector.fleet_api)
the way kiosk.protocol is shared for sessions: one definition, checked on both sides. A health
report holds versions, counts, sizes and flags only — never anything about a resident.
Documented in docs/protocol.md ("Fleet").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, TypeGuard

from kiosk.protocol import ID_PATTERN

WHOAMI_PATH = "/whoami"
HEARTBEAT_PATH = "/heartbeat"
HEALTH_SCHEMA = 1
MAX_OPENING_SLOTS = 21  # three a day, every day
MAX_REASONS = 16
APP_VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$")
# The form of [help_point].opening_hours in kiosk.toml (kiosk.config reads the same form).
OPENING_SLOT_PATTERN = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) (\d\d):(\d\d)-(\d\d):(\d\d)$")
OPENING_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A hash of the PC's own machine id (kiosk.sync.health.machine_id), never the id itself: two
# PCs on one token send two of them, and the fleet page raises an alarm (issue #21 item 13).
MACHINE_ID_PATTERN = re.compile(r"^[0-9a-f]{16}$")


class RefusalReason(StrEnum):
    """Why the collector refused a record: the code a kiosk parks it under.

    The two identity reasons are the ones a kiosk can cure by itself once its config names the
    token's kiosk again (`dvc-kiosk provision`): the records are re-stamped and sent again.
    """

    WRONG_KIOSK = "wrong-kiosk"  # the record's kiosk_id is not the token's kiosk
    WRONG_HELP_POINT = "wrong-help-point"  # its help_point_id is not that kiosk's help point
    INVALID = "invalid"  # a bad value or an unknown field
    CONFLICT = "conflict"  # a different record already has this uuid


IDENTITY_REASONS = frozenset(
    {RefusalReason.WRONG_KIOSK.value, RefusalReason.WRONG_HELP_POINT.value}
)
# Records parked by kiosks older than the reason codes carry the bare status.
LEGACY_REJECTED = "rejected"


class HeartbeatKind(StrEnum):
    """Why a heartbeat was sent."""

    SYNC = "sync"  # the end of a sync round
    PROVISION = "provision"  # `dvc-kiosk provision` proving the new config works


@dataclass(frozen=True)
class Identity:
    """What GET /api/v1/whoami says about a token: its kiosk, help point and ward."""

    kiosk_id: str
    help_point_id: str
    help_point_name: str
    ward: str
    opening_hours: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON object on the wire."""
        data = asdict(self)
        data["opening_hours"] = list(self.opening_hours)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Identity:
        """Parse an answer; ValueError when it is not one."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        kiosk_id, help_point_id = data.get("kiosk_id"), data.get("help_point_id")
        if not _is_id(kiosk_id) or not _is_id(help_point_id):
            raise ValueError("kiosk_id and help_point_id must be ids")
        name, ward = data.get("help_point_name"), data.get("ward")
        if not isinstance(name, str) or not isinstance(ward, str):
            raise ValueError("help_point_name and ward must be strings")
        hours = data.get("opening_hours", [])
        if not isinstance(hours, list) or not all(is_opening_slot(h) for h in hours):
            raise ValueError("opening_hours must be a list like ['sat 08:00-11:00']")
        return cls(kiosk_id, help_point_id, name[:200], ward[:120], tuple(hours))


@dataclass(frozen=True)
class HealthReport:
    """One kiosk's health at the end of a sync round (or at provisioning).

    kiosk_id and help_point_id are what the kiosk's config says: the collector files the
    report under the token's kiosk whatever they say, and flags a difference. Counts of
    restarts, crashes and errors are since the last report the collector acknowledged.
    """

    kind: str
    kiosk_id: str
    help_point_id: str
    app_version: str
    catalog_version: int
    disk_free_bytes: int | None = None
    unsynced: int = 0
    parked: int = 0
    parked_by_reason: dict[str, int] = field(default_factory=dict)
    restarts: int = 0
    crashes: int = 0
    errors: int = 0
    clock_offset_seconds: int | None = None  # kiosk minus collector; positive: kiosk ahead
    uptime_seconds: int | None = None
    screen_width: int | None = None
    screen_height: int | None = None
    kiosk_mode: bool | None = None
    opening_hours: tuple[str, ...] = ()
    machine_id: str | None = None  # optional: kiosks before #21 do not send it
    schema: int = HEALTH_SCHEMA

    def to_json(self) -> dict[str, Any]:
        """The JSON object on the wire."""
        data = asdict(self)
        data["opening_hours"] = list(self.opening_hours)
        data["parked_by_reason"] = dict(self.parked_by_reason)
        if data["machine_id"] is None:
            del data["machine_id"]  # a collector before #21 refuses the unknown key
        return data

    @classmethod
    def from_json(cls, data: Any) -> HealthReport:
        """Parse and check a report; HealthError naming the first bad field."""
        if not isinstance(data, dict):
            raise HealthError("$", "must be an object")
        names = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - names)
        if unknown:
            raise HealthError(unknown[0], "unknown field")
        for required in ("kind", "kiosk_id", "help_point_id", "app_version", "catalog_version"):
            if required not in data:
                raise HealthError(required, "missing field")
        values = dict(data)
        hours = values.get("opening_hours", [])
        if not isinstance(hours, list):
            raise HealthError("opening_hours", "must be a list like ['sat 08:00-11:00']")
        values["opening_hours"] = tuple(hours)
        report = cls(**values)
        _check_health(report)
        return report


class HealthError(ValueError):
    """A health report that breaks the schema; `field` names the offending key."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def is_opening_slot(text: object) -> bool:
    """Whether `text` is one opening slot like 'sat 08:00-11:00' (a real time, ending later)."""
    match = OPENING_SLOT_PATTERN.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return False
    h1, m1, h2, m2 = (int(g) for g in match.groups()[1:])
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2 != 0):
        return False
    return (h2, m2) > (h1, m1)


def _is_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def _int(report: HealthReport, name: str, low: int, high: int, optional: bool = False) -> None:
    value = getattr(report, name)
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise HealthError(name, f"must be a whole number from {low} to {high}")


def _check_health(r: HealthReport) -> None:
    big = 2**62
    _int(r, "schema", HEALTH_SCHEMA, HEALTH_SCHEMA)
    if r.kind not in {k.value for k in HeartbeatKind}:
        raise HealthError("kind", "must be one of " + ", ".join(k.value for k in HeartbeatKind))
    for name in ("kiosk_id", "help_point_id"):
        if not _is_id(getattr(r, name)):
            raise HealthError(name, "must be an id: lower-case letters, digits and '-'")
    if not isinstance(r.app_version, str) or not APP_VERSION_PATTERN.fullmatch(r.app_version):
        raise HealthError("app_version", "must look like 0.1.0")
    _int(r, "catalog_version", 0, 2**31 - 1)
    _int(r, "disk_free_bytes", 0, big, optional=True)
    for name in ("unsynced", "parked", "restarts", "crashes", "errors"):
        _int(r, name, 0, 10**9)
    if not isinstance(r.parked_by_reason, dict) or len(r.parked_by_reason) > MAX_REASONS:
        raise HealthError("parked_by_reason", f"must be an object of at most {MAX_REASONS} ids")
    for reason, count in r.parked_by_reason.items():
        if not _is_id(reason) or isinstance(count, bool) or not isinstance(count, int):
            raise HealthError("parked_by_reason", "keys must be ids, values whole numbers")
        if not 0 <= count <= 10**9:
            raise HealthError("parked_by_reason", "counts must be from 0 to 10^9")
    _int(r, "clock_offset_seconds", -(2**40), 2**40, optional=True)
    _int(r, "uptime_seconds", 0, big, optional=True)
    _int(r, "screen_width", 1, 100_000, optional=True)
    _int(r, "screen_height", 1, 100_000, optional=True)
    if r.kiosk_mode is not None and not isinstance(r.kiosk_mode, bool):
        raise HealthError("kiosk_mode", "must be true, false or null")
    if len(r.opening_hours) > MAX_OPENING_SLOTS or not all(
        is_opening_slot(h) for h in r.opening_hours
    ):
        raise HealthError("opening_hours", "must be a list like ['sat 08:00-11:00']")
    if r.machine_id is not None and (
        not isinstance(r.machine_id, str) or not MACHINE_ID_PATTERN.fullmatch(r.machine_id)
    ):
        raise HealthError("machine_id", "must be 16 lower-case hex digits or null")
