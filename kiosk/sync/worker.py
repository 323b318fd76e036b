"""The sync worker: upload the outbox, then fetch and verify a newer catalog; on its own thread.

One round (`run_round`) is what `dvc-kiosk sync` runs once and the kiosk runs every few
minutes. Records leave the outbox only when the collector acknowledged exactly that uuid as
stored or already there (docs/reliability.md G5, G6); a conflict or rejection parks the record as
dead (kept on the kiosk, counted, shown to volunteers). Any failure of the network or the
collector backs off with full jitter, honours Retry-After, and never gives up (G7). A catalog
is installed only after its signature, version, dates, sizes and every file's hash check out
(G8–G11); anything else keeps the last good catalog and leaves a short code in the journal so
`dvc-kiosk status` and the volunteer panel say why.

Plain Python and httpx; the UI marshals the callbacks onto its own thread.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.config import SyncConfig
from kiosk.journal.writer import JournalClosedError
from kiosk.paths import resources_dir
from kiosk.protocol import MAX_BATCH_RECORDS, MAX_BODY_BYTES, ResultStatus
from kiosk.sync.catalog_store import CatalogStore, StoredCatalog
from kiosk.sync.client import CollectorClient, SyncError
from kiosk.sync.fleet import FleetRound
from kiosk.sync.manifest import (
    MAX_CATALOG_BYTES,
    ManifestError,
    SignedManifest,
    verify_file,
    verify_manifest,
)

log = logging.getLogger(__name__)

KV_CATALOG_VERSION = "sync.catalog-version"  # the highest release installed (no rollback)
# Before #13 the installed release's issued_at was kept as a floor under the kiosk's clock; a
# release signed while the server's clock ran ahead then locked out every honest release after
# it. Rollback protection rests on the version alone now; the key is deleted at the next install.
KV_CATALOG_ISSUED_AT = "sync.catalog-issued-at"
CATALOG_PREFIX = "catalog-"
BACKOFF_CAP_S = 15 * 60.0
MAX_RETRY_AFTER_S = 3600.0  # a Retry-After beyond an hour is a server bug, not a plan
# Room for the envelope and separators around the records' own bytes.
BATCH_BYTE_BUDGET = MAX_BODY_BYTES - 16 * 1024
JOURNAL_WAIT_S = 60.0
MIN_INTERVAL_S = 5.0


def journal_code(catalog_code: str) -> str:
    """How a catalog refusal is kept in the journal: 'catalog-' + the manifest's code.

    The prefix tells the volunteer panel (and IT reading `status`) that the catalog, not the
    upload, is the problem; the manifest's own code follows unchanged.
    """
    return f"{CATALOG_PREFIX}{catalog_code}"


class Backoff:
    """Exponential backoff with full jitter: wait uniform(0, min(cap, base·2ⁿ)) after n failures.

    Retry-After from the collector is a floor (up to an hour); success resets the count.
    """

    def __init__(
        self, base: float, cap: float = BACKOFF_CAP_S, rng: random.Random | None = None
    ) -> None:
        if base <= 0 or cap < base:
            raise ValueError("need 0 < base <= cap")
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rng = rng or random.Random()

    def ceiling(self, failures: int) -> float:
        """The upper bound of the wait after `failures` failures in a row."""
        return min(self.cap, self.base * 2 ** min(failures, 62))

    def next_delay(self, retry_after: float | None = None) -> float:
        """Count one more failure and return how long to wait before the next try."""
        delay = self._rng.uniform(0, self.ceiling(self.failures))
        self.failures += 1
        if retry_after is not None and retry_after > 0:
            delay = max(delay, min(retry_after, MAX_RETRY_AFTER_S))
        return delay

    def reset(self) -> None:
        """The collector answered: start again from the base."""
        self.failures = 0


class JournalApi(Protocol):
    """The parts of kiosk.journal.db.Journal the worker uses."""

    kv: Any

    def pending_outbox(self, limit: int, max_bytes: int) -> list[Any]: ...
    def acknowledge(self, uuids: Any) -> Any: ...
    def mark_dead(self, uuid: str, reason_code: str) -> Any: ...
    def note_failed_attempt(self, uuids: Any, error_code: str) -> Any: ...
    def record_sync_success(self, at: datetime) -> Any: ...
    def record_sync_error(self, code: str, at: datetime) -> Any: ...
    def unsynced_count(self) -> int: ...
    def dead_count(self) -> int: ...
    def sync_state(self) -> Any: ...
    def kv_get(self, key: str) -> str | None: ...


@dataclass
class RoundReport:
    """What one round did, for the CLI's printout, the callbacks and the tests."""

    sent: int = 0  # records put on the wire (a retried batch counts again)
    acknowledged: int = 0  # stored or already there: removed from the outbox
    dead: int = 0  # conflict or rejected: parked on the kiosk
    upload_error: str | None = None  # a SyncError code: the collector was not reached properly
    catalog: str = "skipped"  # installed | up-to-date | none-published | refused | error | ...
    catalog_version: int | None = None
    catalog_error: str | None = None
    retry_after: float | None = None
    new_catalog: StoredCatalog | None = None
    dead_codes: dict[str, int] = field(default_factory=dict)
    health: str = "skipped"  # sent | the code of why the health report was not sent

    @property
    def reached(self) -> bool:
        """Whether the collector answered everything this round asked."""
        return self.upload_error is None and self.catalog != "error"

    @property
    def error_code(self) -> str | None:
        """The code as the journal keeps it: the upload's failure first, else the catalog's."""
        if self.upload_error is not None:
            return self.upload_error
        if self.catalog == "refused" and self.catalog_error is not None:
            return journal_code(self.catalog_error)
        return self.catalog_error


@dataclass(frozen=True)
class SyncStatus:
    """The state the footer and the volunteer panel show."""

    unsynced: int
    dead: int
    last_success_at: datetime | None
    last_error_code: str | None  # the UI words it (ui/messages.py); `status` prints it as is
    failing: bool


def bundled_catalog_version(root: Path | None = None) -> int:
    """The version in the bundled catalog.toml (0 when it cannot be read): the floor for updates."""
    path = (root or resources_dir() / "catalog") / "catalog.toml"
    try:
        with path.open("rb") as handle:
            value = tomllib.load(handle).get("version", 0)
    except (OSError, tomllib.TOMLDecodeError):
        return 0
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


class SyncWorker:
    """Runs sync rounds against one collector for one journal; `start()` puts it on a thread."""

    def __init__(
        self,
        journal: JournalApi,
        config: SyncConfig,
        store: CatalogStore,
        *,
        bundled_version: int | None = None,
        on_state: Callable[[SyncStatus], None] | None = None,
        on_catalog: Callable[[StoredCatalog], None] | None = None,
        clock: Clock = SYSTEM_CLOCK,
        rng: random.Random | None = None,
        backoff_base: float | None = None,
        client_factory: Callable[[SyncConfig], CollectorClient] | None = None,
        batch_records: int = MAX_BATCH_RECORDS,
        fleet: FleetRound | None = None,
    ) -> None:
        self.journal = journal
        self.fleet = fleet  # identity check before the upload, health report after the round
        self.config = config
        self.store = store
        self.bundled_version = (
            bundled_version if bundled_version is not None else bundled_catalog_version()
        )
        self.on_state = on_state
        self.on_catalog = on_catalog
        self.clock = clock
        base = backoff_base or max(1.0, min(60.0, config.interval_seconds / 10))
        self.backoff = Backoff(base, max(base, BACKOFF_CAP_S), rng)
        self._client_factory = client_factory or (
            lambda c: CollectorClient(c.server, c.token, clock=clock)
        )
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lifecycle = threading.Lock()
        self.batch_records = max(1, min(batch_records, MAX_BATCH_RECORDS))
        self.last_report: RoundReport | None = None
        self.rounds = 0

    # -- the thread ---------------------------------------------------------------------------

    def start(self) -> None:
        """Run rounds on a daemon thread until stop() (no-op once stop() was called)."""
        with self._lifecycle:  # start and stop may come from different threads
            if self._thread is not None or self._stop.is_set():
                return
            self._thread = threading.Thread(target=self._loop, name="dvc-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Ask the thread to finish its current request and end; True if it ended in time."""
        with self._lifecycle:
            self._stop.set()
            self._wake.set()
            thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def wake(self) -> None:
        """Start the next round now (a volunteer pressed 'send now', or the network is back)."""
        self._wake.set()

    @property
    def stopping(self) -> bool:
        """Whether stop() was called."""
        return self._stop.is_set()

    def _loop(self) -> None:
        self._publish_state(None)
        while not self._stop.is_set():
            try:
                report = self.run_round()
            except JournalClosedError:
                # The app is quitting and closed the journal first: nothing was cleared that
                # was not committed, so whatever the collector got is resent next time.
                log.info("journal closed: sync stops")
                return
            except Exception:  # a bug must not end sync for good: log, back off, go on
                log.exception("sync round failed unexpectedly")
                report = RoundReport(upload_error="internal")
            if report.reached:
                self.backoff.reset()
                # A zero or negative interval in a config must not become a busy loop.
                delay = max(MIN_INTERVAL_S, float(self.config.interval_seconds))
            else:
                delay = self.backoff.next_delay(report.retry_after)
            if self._stop.is_set():
                break
            self._wake.wait(delay)
            self._wake.clear()

    # -- one round ----------------------------------------------------------------------------

    def run_round(self) -> RoundReport:
        """Upload everything pending (batch by batch), then check for a newer catalog."""
        report = RoundReport()
        self.rounds += 1
        client = self._client_factory(self.config)
        try:
            if self.fleet is not None:
                self.fleet.before_upload(client)
            try:
                self._upload(client, report)
            except SyncError as exc:
                report.upload_error = exc.code
                report.retry_after = exc.retry_after
                self._wait(self.journal.record_sync_error(exc.code, self.clock.now()))
            else:
                if not self._stop.is_set():  # stopped halfway is not a success
                    self._wait(self.journal.record_sync_success(self.clock.now()))
                    self._catalog(client, report)
                if self.fleet is not None and not self._stop.is_set():
                    report.health = self.fleet.after_round(client, self.current_catalog_version())
        finally:
            client.close()
        self.last_report = report
        self._publish_state(report)
        return report

    def _upload(self, client: CollectorClient, report: RoundReport) -> None:
        limit = self.batch_records
        while not self._stop.is_set():
            items = self.journal.pending_outbox(limit, BATCH_BYTE_BUDGET)
            if not items:
                return
            body = _batch_body(items)
            while len(items) > 1 and len(body) > MAX_BODY_BYTES:
                items = items[: len(items) // 2]
                body = _batch_body(items)
            sent = {item.uuid for item in items}
            try:
                answer = client.upload(body)
            except SyncError as exc:
                self._wait(self.journal.note_failed_attempt(sorted(sent), _safe_code(exc.code)))
                raise
            report.sent += len(items)
            if not answer.results and answer.http_status in (413, 422):
                # The batch as a whole was refused: find the culprit by halving; a single
                # record refused as a whole is parked rather than blocking everything behind it.
                if len(items) == 1:
                    code = "too-large" if answer.http_status == 413 else "rejected"
                    self._park(items[0].uuid, code, report)
                else:
                    limit = max(1, len(items) // 2)
                continue
            acknowledged: list[str] = []
            for result in answer.results:
                if result.uuid is None or result.uuid not in sent:
                    continue
                if result.status in (ResultStatus.STORED, ResultStatus.ALREADY_THERE):
                    acknowledged.append(result.uuid)
            self._wait(self.journal.acknowledge(acknowledged))
            report.acknowledged += len(acknowledged)
            limit = self.batch_records  # a culprit found by halving no longer slows the rest
            parked = 0
            for result in answer.results:
                if result.uuid is None or result.uuid not in sent or result.uuid in acknowledged:
                    continue
                if result.status in (ResultStatus.CONFLICT, ResultStatus.REJECTED):
                    self._park(result.uuid, result.reason or result.status.value, report)
                    parked += 1
            unanswered = sent - {r.uuid for r in answer.results if r.uuid is not None}
            if unanswered and not acknowledged and not parked:
                # Nothing moved: asking again at once would loop on the same records.
                self._wait(self.journal.note_failed_attempt(sorted(unanswered), "no-answer"))
                raise SyncError(
                    "server-bad-answer", detail="the collector answered none of the records"
                )

    def _park(self, uuid: str, code: str, report: RoundReport) -> None:
        self._wait(self.journal.mark_dead(uuid, code))
        report.dead += 1
        report.dead_codes[code] = report.dead_codes.get(code, 0) + 1
        log.warning("record %s parked by the collector: %s", uuid, code)

    # -- the catalog --------------------------------------------------------------------------

    def current_catalog_version(self) -> int:
        """The version a new release must beat: installed, recorded or bundled, the highest."""
        recorded = _int(self.journal.kv_get(KV_CATALOG_VERSION))
        return max(recorded, self.bundled_version, self.store.pointer_version())

    def _catalog(self, client: CollectorClient, report: RoundReport) -> None:
        key = self.config.catalog_public_key
        if not key:
            report.catalog = "not-pinned"
            return
        try:
            signed = client.manifest()
            if signed is None:
                report.catalog = "none-published"
                return
            stored = self._check_and_fetch(client, signed, key, report)
        except SyncError as exc:
            report.catalog = "error"
            report.catalog_error = exc.code
            report.retry_after = exc.retry_after
            self._wait(self.journal.record_sync_error(exc.code, self.clock.now()))
            return
        except ManifestError as exc:
            report.catalog = "refused"
            report.catalog_error = exc.code
            log.warning("catalog update refused: %s", exc)
            self._wait(self.journal.record_sync_error(journal_code(exc.code), self.clock.now()))
            return
        if stored is not None:
            report.new_catalog = stored
            if self.on_catalog is not None:
                self.on_catalog(stored)

    def _check_and_fetch(
        self, client: CollectorClient, signed: SignedManifest, key: str, report: RoundReport
    ) -> StoredCatalog | None:
        current = self.current_catalog_version()
        # The kiosk's own clock, checked against the manifest's times with the stated skew
        # (kiosk.sync.manifest.DEFAULT_FUTURE_TOLERANCE): a clock set back to 2001 by a dead
        # CMOS battery sees every release as "from-future" and installs none.
        now = self.clock.now()
        raw_version = signed.manifest.get("version")
        synced = max(_int(self.journal.kv_get(KV_CATALOG_VERSION)), self.store.pointer_version())
        if type(raw_version) is int and synced <= raw_version <= current:
            # The release we have, or one older than the catalog bundled with a newer app
            # (benign: the district has not published past it yet). Still checked, so a forged
            # or expired one is reported. Only going below a release sync itself installed is
            # a rollback.
            verify_manifest(signed, key, raw_version - 1, now)
            report.catalog = "up-to-date"
            report.catalog_version = current
            return None
        manifest = verify_manifest(signed, key, current, now)
        if sum(entry.size for entry in manifest.files.values()) > MAX_CATALOG_BYTES:
            raise ManifestError("file-too-large", detail="the release as a whole is too large")
        files: dict[str, bytes] = {}
        for name, entry in sorted(manifest.files.items()):
            if self._stop.is_set():
                raise SyncError("stopped", detail="stopped during the download")
            data = client.fetch_file(name, manifest.version, entry.size)
            verify_file(manifest, name, data)
            files[name] = data
        folder = self.store.install(signed, manifest, files)
        self._wait(
            self.journal.kv.put(
                {
                    KV_CATALOG_VERSION: str(manifest.version),
                    KV_CATALOG_ISSUED_AT: None,
                }
            )
        )
        report.catalog = "installed"
        report.catalog_version = manifest.version
        log.info("catalog release %d installed in %s", manifest.version, folder)
        return StoredCatalog(manifest.version, folder, manifest)

    # -- state for the UI ---------------------------------------------------------------------

    def status(self, report: RoundReport | None = None) -> SyncStatus:
        """The journal's view of sync now (plus this round's catalog problem, if any)."""
        state = self.journal.sync_state()
        code = report.error_code if report is not None and report.error_code else None
        code = code or state.last_error_code
        failing = bool(report is not None and report.error_code) or bool(state.failing)
        return SyncStatus(
            unsynced=self.journal.unsynced_count(),
            dead=self.journal.dead_count(),
            last_success_at=state.last_success_at,
            last_error_code=code,
            failing=failing,
        )

    def _publish_state(self, report: RoundReport | None) -> None:
        if self.on_state is None:
            return
        try:
            self.on_state(self.status(report))
        except Exception:
            log.exception("sync state callback failed")

    @staticmethod
    def _wait(future: Any) -> Any:
        # Journal writes are queued; the next step must see them committed.
        return future.result(timeout=JOURNAL_WAIT_S)


def _batch_body(items: list[Any]) -> bytes:
    sessions = [item.payload for item in items if item.kind == "session"]
    outcomes = [item.payload for item in items if item.kind == "outcome"]
    document = {"sessions": sessions, "outcomes": outcomes}
    reports = [item.payload for item in items if item.kind == "content-report"]
    if reports:  # only then: a collector from before content reports takes every other batch
        document["content_reports"] = reports
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def _safe_code(code: str) -> str:
    # Journal codes must look like ids; an odd one still counts the attempt.
    return code if code[:1].isalpha() else "network"


def _int(text: str | None) -> int:
    try:
        return int(text) if text is not None else 0
    except ValueError:
        return 0
