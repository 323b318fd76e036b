"""The fleet's part of a sync round: check who the token is, then report health.

Before the upload, `FleetRound.before_upload` asks the collector who this token belongs to
(GET /api/v1/whoami) and measures the clock's offset against the answer's `Date`. When the
config names the token's kiosk and help point, records parked for a wrong identity are
re-stamped and queued again (kiosk.journal.parked); when it does not, that is remembered for
`dvc-kiosk status` and the volunteer panel. After the round, `after_round` sends the health
report (POST /api/v1/heartbeat). Neither step can fail the round: an old collector without
these endpoints, or a lost answer, only means no check and no report this time.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.fleet_protocol import HEARTBEAT_PATH, WHOAMI_PATH, HealthReport, Identity
from kiosk.journal.writer import JournalClosedError
from kiosk.sync.client import CollectorClient, SyncError
from kiosk.sync.health import HealthContext, HealthReporter

log = logging.getLogger(__name__)

JOURNAL_WAIT_S = 60.0
KV_TOKEN_KIOSK = "fleet.token-kiosk-id"  # who the token said it is, at the last check
KV_TOKEN_HELP_POINT = "fleet.token-help-point-id"
KV_CHECKED_AT = "fleet.identity-checked-at"
KV_CLOCK_OFFSET = "fleet.clock-offset-seconds"


class FleetUnavailableError(SyncError):
    """The collector has no fleet endpoints (an older version): nothing to check or report."""


@dataclass(frozen=True)
class HeartbeatAnswer:
    """What the collector said to a health report: the token's ids, and whether ours agree."""

    kiosk_id: str
    help_point_id: str
    identity_matches: bool
    detail: str


def _server_time(date_header: str | None) -> datetime | None:
    if not date_header:
        return None
    try:
        moment = parsedate_to_datetime(date_header)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def ask_identity(client: CollectorClient, clock: Clock) -> tuple[Identity, int | None]:
    """Who the client's token is, and this machine's clock minus the collector's, in seconds.

    SyncError for network and HTTP failures (401: code 'unauthorized'); FleetUnavailableError
    when the collector does not know the question.
    """
    before = clock.now()
    status, data = client.request_json("GET", WHOAMI_PATH)
    after = clock.now()
    if status == 404:
        raise FleetUnavailableError("no-fleet-api", detail="the collector has no whoami")
    if status != 200:
        raise SyncError(f"http-{status}", detail=f"whoami answered HTTP {status}")
    try:
        identity = Identity.from_json(data)
    except ValueError:
        raise SyncError("server-bad-answer", detail="whoami answer is not an identity") from None
    offset = None
    server = _server_time(client.last_date)
    if server is not None:
        # Date has whole seconds (truncated): the collector's time was in [D, D + 1 s).
        local = before + (after - before) / 2
        offset = round((local - server).total_seconds() - 0.5)
    return identity, offset


def send_heartbeat(client: CollectorClient, report: HealthReport) -> HeartbeatAnswer:
    """POST one health report; SyncError (or FleetUnavailableError) when it was not stored."""
    body = json.dumps(report.to_json(), separators=(",", ":")).encode()
    status, data = client.request_json("POST", HEARTBEAT_PATH, body)
    if status == 404:
        raise FleetUnavailableError("no-fleet-api", detail="the collector has no heartbeat")
    if status == 422:
        detail = data.get("detail") if isinstance(data, dict) else None
        raise SyncError("health-refused", detail=str(detail)[:300])
    if status != 200 or not isinstance(data, dict) or data.get("status") != "stored":
        raise SyncError(f"http-{status}", detail="the heartbeat was not stored")
    kiosk_id, help_point_id = data.get("kiosk_id"), data.get("help_point_id")
    if not isinstance(kiosk_id, str) or not isinstance(help_point_id, str):
        raise SyncError("server-bad-answer", detail="heartbeat answer has no ids")
    return HeartbeatAnswer(
        kiosk_id=kiosk_id[:63],
        help_point_id=help_point_id[:63],
        identity_matches=bool(data.get("identity_matches")),
        detail=str(data.get("detail", ""))[:300],
    )


class FleetRound:
    """Identity check before the upload and health report after it, for one kiosk's rounds."""

    def __init__(
        self,
        journal: Any,
        config: KioskConfig,
        data_dir: Path,
        clock: Clock,
        context: HealthContext | None = None,
    ) -> None:
        self.journal = journal
        self.kiosk_id = config.kiosk_id
        self.help_point_id = config.help_point.id
        self.clock = clock
        self.reporter = HealthReporter(journal, config, data_dir, context or HealthContext(), clock)
        self.identity: Identity | None = None
        self.clock_offset: int | None = None
        self.requeued = 0
        self.heartbeat: HeartbeatAnswer | None = None
        self.heartbeat_error: str | None = None

    @property
    def identity_matches(self) -> bool | None:
        """Whether the config names the token's kiosk and help point (None: not checked)."""
        if self.identity is None:
            return None
        return (self.identity.kiosk_id, self.identity.help_point_id) == (
            self.kiosk_id,
            self.help_point_id,
        )

    def before_upload(self, client: CollectorClient) -> None:
        """Check the token's identity; when the config agrees, queue identity-parked records."""
        try:
            self._check_identity(client)
        except JournalClosedError:
            raise
        except Exception:  # a bug here must not stop the upload that follows
            log.exception("identity check failed")

    def _check_identity(self, client: CollectorClient) -> None:
        try:
            self.identity, self.clock_offset = ask_identity(client, self.clock)
        except SyncError as exc:
            log.info("identity not checked this round: %s", exc.code)
            return
        values = {
            KV_TOKEN_KIOSK: self.identity.kiosk_id,
            KV_TOKEN_HELP_POINT: self.identity.help_point_id,
            KV_CHECKED_AT: self.clock.now().isoformat(timespec="seconds"),
            KV_CLOCK_OFFSET: str(self.clock_offset) if self.clock_offset is not None else None,
        }
        self.journal.kv_put(values).result(timeout=JOURNAL_WAIT_S)
        if not self.identity_matches:
            log.warning(
                "this config names kiosk %s at %s, but the token is kiosk %s at %s: "
                "run `dvc-kiosk provision` again",
                self.kiosk_id,
                self.help_point_id,
                self.identity.kiosk_id,
                self.identity.help_point_id,
            )
            return
        done = self.journal.requeue_dead(
            self.kiosk_id, self.help_point_id, identity_only=True
        ).result(timeout=JOURNAL_WAIT_S)
        self.requeued += done.requeued
        if done.requeued:
            log.info(
                "%d parked record(s) queued again (%d with this kiosk's ids)",
                done.requeued,
                done.restamped,
            )

    def after_round(self, client: CollectorClient, catalog_version: int) -> str:
        """Send the health report; 'sent', or the code of why not (never raises SyncError)."""
        try:
            report, totals = self.reporter.build(catalog_version, self.clock_offset)
            self.heartbeat = send_heartbeat(client, report)
        except SyncError as exc:
            self.heartbeat_error = exc.code
            log.info("health report not sent: %s", exc.code)
            return exc.code
        except JournalClosedError:
            raise
        except Exception:  # health is a report about the round: it must never undo the round
            log.exception("health report could not be built")
            self.heartbeat_error = "internal"
            return "internal"
        self.heartbeat_error = None
        self.reporter.acknowledge(totals).result(timeout=JOURNAL_WAIT_S)
        return "sent"
