"""Records the collector refused: counted by reason, and sent again once the cause is fixed.

A refused record is parked (outbox state 'dead', the reason in last_error_code), never deleted
and never silent. When the refusal was about identity — the record named another kiosk or help
point than the token's, as every record of a kiosk provisioned with a wrong id does — the kiosk
cures it itself once its config names the token's kiosk again: the record is re-stamped with
the config's ids (its local session row too) and queued again. It was never stored by the
collector, so sending it now stores it exactly once. `dvc-kiosk sync --retry-refused` queues
every parked record again, whatever its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.fleet_protocol import IDENTITY_REASONS, LEGACY_REJECTED
from kiosk.journal.models import OutboxEntry, StoredSession
from kiosk.protocol import OutcomeRecord, RecordError, SessionRecord


@dataclass(frozen=True)
class Requeued:
    """What a re-queue did: records queued again, and how many of them got new ids."""

    requeued: int = 0
    restamped: int = 0


def dead_by_reason(session: Session) -> dict[str, int]:
    """Parked records per reason code, e.g. {'wrong-kiosk': 71, 'invalid': 1}."""
    rows = session.execute(
        select(OutboxEntry.last_error_code, func.count())
        .where(OutboxEntry.state == "dead")
        .group_by(OutboxEntry.last_error_code)
    ).all()
    return {str(code or LEGACY_REJECTED): int(count) for code, count in rows}


def _names_other(payload: dict[str, object], kind: str, kiosk_id: str, help_point_id: str) -> bool:
    if payload.get("kiosk_id") != kiosk_id:
        return True
    return kind == "session" and payload.get("help_point_id") != help_point_id


def requeue_dead(
    session: Session, kiosk_id: str, help_point_id: str, *, identity_only: bool
) -> Requeued:
    """Queue parked records again under `kiosk_id` / `help_point_id` (the verified identity).

    identity_only: only records refused for identity (and, from kiosks older than the reason
    codes, bare 'rejected' records that name other ids than these): what a sync round does by
    itself. Otherwise every parked record (`--retry-refused`).
    """
    rows = session.scalars(select(OutboxEntry).where(OutboxEntry.state == "dead")).all()
    requeued = restamped = 0
    for row in rows:
        payload = dict(row.payload)
        other = _names_other(payload, row.kind, kiosk_id, help_point_id)
        reason = row.last_error_code or LEGACY_REJECTED
        if identity_only and not (
            reason in IDENTITY_REASONS or (reason == LEGACY_REJECTED and other)
        ):
            continue
        if other:
            payload["kiosk_id"] = kiosk_id
            if row.kind == "session":
                payload["help_point_id"] = help_point_id
            try:  # the new payload must be a record the collector can take
                (SessionRecord if row.kind == "session" else OutcomeRecord).from_json(payload)
            except RecordError:
                continue
            row.payload = payload
            restamped += 1
            if row.kind == "session":
                session.execute(
                    update(StoredSession)
                    .where(StoredSession.uuid == row.uuid)
                    .values(kiosk_id=kiosk_id, help_point_id=help_point_id)
                )
        row.state = "pending"
        row.last_error_code = None
        requeued += 1
    return Requeued(requeued, restamped)
