"""Writing the fleet's data: each kiosk's health reports and the records its uploads had refused.

A heartbeat replaces the kiosk's newest report (counting them) and takes its slot in a ring of
HISTORY_PER_KIOSK rows per kiosk, replacing the report that many before it: two statements,
built once, and a table that stays bounded however long a kiosk runs. Refused records are
counted per kiosk and reason (one row each, upserted), so the dashboard can say "12 records
refused: wrong kiosk id" without scanning anything.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from collector import db
from collector.models import RecordResult
from kiosk.fleet_protocol import HealthReport, is_opening_slot
from kiosk.protocol import ResultStatus

# An hour of reports at a one-minute sync interval; five hours at the default five minutes.
HISTORY_PER_KIOSK = 60


def _upsert(connection: Connection) -> Any:
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


def note_refusals(
    connection: Connection, kiosk_id: str, results: Sequence[RecordResult], now: datetime
) -> None:
    """Count this batch's rejected and conflicting records per reason (nothing when none)."""
    refused = [r for r in results if r.status in (ResultStatus.REJECTED, ResultStatus.CONFLICT)]
    if not refused:
        return
    counts: Counter[str] = Counter()
    details: dict[str, str] = {}
    for result in refused:
        reason = result.reason or result.status.value
        counts[reason] += 1
        details[reason] = result.detail[:300]
    table = db.upload_refusals
    for reason, count in sorted(counts.items()):
        statement = _upsert(connection)(table).values(
            kiosk_id=kiosk_id,
            reason=reason,
            count=count,
            first_at=now,
            last_at=now,
            last_detail=details[reason],
        )
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["kiosk_id", "reason"],
                set_={
                    "count": table.c.count + count,
                    "last_at": now,
                    "last_detail": details[reason],
                },
            )
        )


def stored_hours(text: str | None) -> tuple[str, ...]:
    """Opening hours as stored (a JSON list of slots); anything unusable gives ()."""
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    return tuple(h for h in value if is_opening_slot(h)) if isinstance(value, list) else ()


HEALTH_FIELDS = (
    "kind",
    "app_version",
    "catalog_version",
    "disk_free_bytes",
    "unsynced",
    "parked",
    "parked_by_reason",
    "restarts",
    "crashes",
    "errors",
    "clock_offset_seconds",
    "uptime_seconds",
    "screen_width",
    "screen_height",
    "kiosk_mode",
    "opening_hours",
    "configured_kiosk_id",
    "configured_help_point_id",
    "machine_id",
)


def health_values(report: HealthReport) -> dict[str, Any]:
    """A report as the columns of kiosk_health and kiosk_health_history."""
    return {
        "kind": report.kind,
        "app_version": report.app_version,
        "catalog_version": report.catalog_version,
        "disk_free_bytes": report.disk_free_bytes,
        "unsynced": report.unsynced,
        "parked": report.parked,
        "parked_by_reason": json.dumps(report.parked_by_reason, sort_keys=True),
        "restarts": report.restarts,
        "crashes": report.crashes,
        "errors": report.errors,
        "clock_offset_seconds": report.clock_offset_seconds,
        "uptime_seconds": report.uptime_seconds,
        "screen_width": report.screen_width,
        "screen_height": report.screen_height,
        "kiosk_mode": report.kiosk_mode,
        "opening_hours": json.dumps(list(report.opening_hours)),
        "configured_kiosk_id": report.kiosk_id,
        "configured_help_point_id": report.help_point_id,
        "machine_id": report.machine_id,
    }


@functools.cache
def _heartbeat_statements(dialect: str) -> tuple[Any, Any]:
    """The two statements of a heartbeat, built once per dialect (values go as parameters, so
    SQLAlchemy and the driver reuse their compiled and prepared forms)."""
    insert_for = postgresql.insert if dialect == "postgresql" else sqlite.insert
    upsert = insert_for(db.kiosk_health)
    latest = upsert.on_conflict_do_update(
        index_elements=["kiosk_id"],
        set_={
            **{name: upsert.excluded[name] for name in ("received_at", *HEALTH_FIELDS)},
            "reports": db.kiosk_health.c.reports + 1,
        },
    ).returning(db.kiosk_health.c.reports)
    ring = insert_for(db.kiosk_health_history)
    ring = ring.on_conflict_do_update(
        index_elements=["kiosk_id", "slot"],
        set_={name: ring.excluded[name] for name in ("seq", "received_at", *HEALTH_FIELDS)},
    )
    return latest, ring


def store_heartbeat(
    connection: Connection, kiosk_id: str, report: HealthReport, received_at: datetime
) -> None:
    """Make `report` the kiosk's newest and put it in its slot of the history ring."""
    latest, ring = _heartbeat_statements(connection.dialect.name)
    values = {"kiosk_id": kiosk_id, "received_at": received_at, **health_values(report)}
    number = int(connection.execute(latest, {**values, "reports": 1}).scalar_one())
    connection.execute(ring, {**values, "slot": number % HISTORY_PER_KIOSK, "seq": number})


def history_count(connection: Connection, kiosk_id: str) -> int:
    """How many reports of one kiosk the history holds (tests and the benchmark)."""
    history = db.kiosk_health_history
    return int(
        connection.execute(select(func.count()).where(history.c.kiosk_id == kiosk_id)).scalar_one()
    )
