"""Writing the fleet's data: each kiosk's health reports and the records its uploads had refused.

A heartbeat replaces the kiosk's newest report and joins a short history that is pruned to
HISTORY_PER_KIOSK rows in the same transaction, so the table stays bounded however long a
kiosk runs. Refused records are counted per kiosk and reason (one row each, upserted), so the
dashboard can say "12 records refused: wrong kiosk id" without scanning anything.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
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
    }


def store_heartbeat(
    connection: Connection, kiosk_id: str, report: HealthReport, received_at: datetime
) -> None:
    """Make `report` the kiosk's newest, add it to the history, keep the history bounded."""
    values = {"kiosk_id": kiosk_id, "received_at": received_at, **health_values(report)}
    latest = db.kiosk_health
    statement = _upsert(connection)(latest).values(**values)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["kiosk_id"],
            set_={k: v for k, v in values.items() if k != "kiosk_id"},
        )
    )
    history = db.kiosk_health_history
    connection.execute(insert(history).values(**values))
    oldest_kept = (
        select(history.c.id)
        .where(history.c.kiosk_id == kiosk_id)
        .order_by(history.c.id.desc())
        .limit(1)
        .offset(HISTORY_PER_KIOSK)
        .scalar_subquery()
    )
    connection.execute(
        delete(history).where(history.c.kiosk_id == kiosk_id, history.c.id <= oldest_kept)
    )


def history_count(connection: Connection, kiosk_id: str) -> int:
    """How many reports of one kiosk the history holds (tests and the benchmark)."""
    history = db.kiosk_health_history
    return int(
        connection.execute(select(func.count()).where(history.c.kiosk_id == kiosk_id)).scalar_one()
    )
