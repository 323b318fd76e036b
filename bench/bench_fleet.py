"""Does fleet health slow the upload? 300 kiosks reporting every minute vs upload ingest.

Goal (issue #12): 300 kiosks sending health every minute, for an hour of simulated time, do
not slow upload ingest by more than 10%.

The collector runs as `dvc-collector serve --workers 2` would (uvicorn, 2 worker processes) on
PostgreSQL; the load generator (asyncio + httpx) shares the machine. In one run:

1. An hour of simulated time: 60 rounds in which each of 300 kiosks sends one heartbeat (the
   minute is simulated: rounds follow each other at once), so the collector holds what an
   hour leaves — each kiosk's newest report and a history pruned to its bound on every insert.
2. Upload ingest, interleaved: A = 50 kiosks uploading 4 batches of 100 sessions each,
   alone; B = the same while the 300 kiosks keep reporting at their real rate (300 a minute,
   5 a second); C = the same at ten times that rate (50 a second), for headroom. A, B, C are
   repeated in turn and compared by their medians: B's records/s against the same run's A.

    .venv/bin/python bench/bench_fleet.py --postgres-url postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, func, insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_collector import (  # noqa: E402
    Kiosk,
    Server,
    batch_bodies,
    fresh_postgres,
    register,
    upload_all,
)
from collector import db  # noqa: E402
from collector.auth import new_token, token_hash  # noqa: E402
from collector.fleet_store import HISTORY_PER_KIOSK  # noqa: E402
from collector.ingest import now_utc  # noqa: E402

FLEET = 300
MINUTES = 60


def register_fleet(database_url: str, count: int) -> list[Kiosk]:
    """`count` more kiosks at the benchmark's help point, each with its token."""
    engine = create_engine(database_url)
    kiosks = [Kiosk(f"fleet-{i:03d}", new_token()) for i in range(count)]
    with engine.begin() as connection:
        connection.execute(
            insert(db.kiosks),
            [
                {
                    "id": k.kiosk_id,
                    "help_point_id": "bench-point",
                    "name": k.kiosk_id,
                    "token_sha256": token_hash(k.token),
                    "created_at": now_utc(),
                }
                for k in kiosks
            ],
        )
    engine.dispose()
    return kiosks


def report(kiosk: Kiosk, minute: int) -> bytes:
    """The heartbeat a kiosk sends at `minute` of the simulated hour."""
    body = {
        "kind": "sync",
        "kiosk_id": kiosk.kiosk_id,
        "help_point_id": "bench-point",
        "app_version": "0.1.0",
        "catalog_version": 3,
        "disk_free_bytes": 40_000_000_000 - minute * 1_000_000,
        "unsynced": minute % 7,
        "parked": 0,
        "parked_by_reason": {},
        "restarts": 0,
        "crashes": 0,
        "errors": 0,
        "clock_offset_seconds": 1,
        "uptime_seconds": 3600 + minute * 60,
        "screen_width": 1920,
        "screen_height": 1080,
        "kiosk_mode": True,
        "opening_hours": ["tue 17:30-20:30", "sat 08:00-11:00"],
        "schema": 1,
    }
    return json.dumps(body).encode()


async def send(client: httpx.AsyncClient, kiosk: Kiosk, body: bytes) -> float:
    """One heartbeat; its latency (raises on anything but 200).

    A connection the server closed as idle just as it was reused is tried again, as the
    kiosk's next round would (a heartbeat sent twice is two history rows, still bounded).
    """
    began = time.perf_counter()
    headers = {"Authorization": f"Bearer {kiosk.token}", "Content-Type": "application/json"}
    for attempt in range(3):
        try:
            response = await client.post("/api/v1/heartbeat", content=body, headers=headers)
            break
        except httpx.TransportError:
            if attempt == 2:
                raise
    if response.status_code != 200:
        raise RuntimeError(f"heartbeat {response.status_code}: {response.text[:200]}")
    return time.perf_counter() - began


async def simulated_hour(url: str, fleet: list[Kiosk], concurrency: int) -> dict[str, Any]:
    """60 simulated minutes, 300 heartbeats each, as fast as the collector takes them."""
    limits = httpx.Limits(max_connections=concurrency)
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        gate = asyncio.Semaphore(concurrency)

        async def one(kiosk: Kiosk, minute: int) -> None:
            async with gate:
                latencies.append(await send(client, kiosk, report(kiosk, minute)))

        began = time.perf_counter()
        for minute in range(MINUTES):
            await asyncio.gather(*(one(k, minute) for k in fleet))
        elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "heartbeats": len(latencies),
        "seconds": round(elapsed, 1),
        "per_s": round(len(latencies) / elapsed),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1),
    }


async def ingest(
    url: str, uploaders: list[Kiosk], batches: int, size: int, fleet: list[Kiosk], rate: float
) -> dict[str, Any]:
    """The upload workload, with heartbeats at `rate` per second alongside (0: none)."""
    bodies = {k.kiosk_id: batch_bodies(k, batches, size) for k in uploaders}
    latencies: list[float] = []
    done = asyncio.Event()
    sent = 0

    async def heartbeats() -> None:
        nonlocal sent
        if rate <= 0:
            return
        async with httpx.AsyncClient(base_url=url, timeout=120) as client:
            pending: set[asyncio.Task[float]] = set()
            interval = 1.0 / rate
            next_at = time.perf_counter()
            while not done.is_set():
                kiosk = fleet[sent % len(fleet)]
                task = asyncio.create_task(send(client, kiosk, report(kiosk, MINUTES + sent)))
                pending.add(task)
                task.add_done_callback(pending.discard)
                sent += 1
                next_at += interval
                await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            if pending:
                await asyncio.gather(*pending)

    async def uploads() -> float:
        began = time.perf_counter()
        await asyncio.gather(
            *(upload_all(url, k, bodies[k.kiosk_id], latencies) for k in uploaders)
        )
        elapsed = time.perf_counter() - began
        done.set()
        return elapsed

    elapsed, _ = await asyncio.gather(uploads(), heartbeats())
    records = len(uploaders) * batches * size
    return {"records_per_s": records / elapsed, "seconds": elapsed, "heartbeats": sent}


def counts(database_url: str) -> tuple[int, int, int]:
    """(sessions, newest reports, history rows)."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        values = tuple(
            int(connection.execute(select(func.count()).select_from(table)).scalar_one())
            for table in (db.sessions, db.kiosk_health, db.kiosk_health_history)
        )
    engine.dispose()
    return values  # type: ignore[return-value]


def main() -> int:
    """Run the hour, then A/B/C in turn; print the figures and the verdict."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres-url", default=os.environ.get("DVC_TEST_POSTGRES_URL"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--uploaders", type=int, default=50)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=7, help="A, B, C in turn, this often")
    parser.add_argument("--concurrency", type=int, default=30, help="heartbeats in flight (hour)")
    args = parser.parse_args()
    if not args.postgres_url:
        print("needs --postgres-url (or DVC_TEST_POSTGRES_URL)")
        return 2

    url, drop = fresh_postgres(args.postgres_url)
    try:
        uploaders = register(url, args.uploaders)
        fleet = register_fleet(url, FLEET)
        server = Server(url, args.workers)
        try:
            hour = asyncio.run(simulated_hour(server.url, fleet, args.concurrency))
            print(f"simulated hour: {hour}", flush=True)
            _sessions, latest, history = counts(url)
            assert latest == FLEET and history == FLEET * min(MINUTES, HISTORY_PER_KIOSK), (
                latest,
                history,
            )
            results: dict[str, list[dict[str, Any]]] = {"A": [], "B": [], "C": []}
            rates = {"A": 0.0, "B": FLEET / 60.0, "C": 10 * FLEET / 60.0}
            for _ in range(args.repeats):
                for label in ("A", "B", "C"):
                    figures = asyncio.run(
                        ingest(
                            server.url,
                            uploaders,
                            args.batches,
                            args.batch_size,
                            fleet,
                            rates[label],
                        )
                    )
                    results[label].append(figures)
                    print(
                        f"{label}: {figures['records_per_s']:.0f} records/s "
                        f"({figures['seconds']:.2f} s, {figures['heartbeats']} heartbeats, "
                        f"load average {os.getloadavg()[0]:.1f})",
                        flush=True,
                    )
        finally:
            server.stop()
        sessions, latest, history = counts(url)
        runs = 3 * args.repeats
        assert sessions == runs * args.uploaders * args.batches * args.batch_size, sessions
        assert history == FLEET * HISTORY_PER_KIOSK, history
    finally:
        drop()

    median = {k: statistics.median(r["records_per_s"] for r in v) for k, v in results.items()}
    beats = {k: statistics.median(r["heartbeats"] for r in v) for k, v in results.items()}
    slowdown_b = 1 - median["B"] / median["A"]
    slowdown_c = 1 - median["C"] / median["A"]
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"uvicorn workers: {args.workers}, load average {os.getloadavg()[0]:.1f}\n"
    )
    print(
        f"simulated hour: {hour['heartbeats']} heartbeats in {hour['seconds']} s "
        f"({hour['per_s']}/s, p50 {hour['p50_ms']} ms, p99 {hour['p99_ms']} ms); "
        f"kept: {latest} newest reports, {history} history rows"
    )
    print(f"| run | upload records/s (median of {args.repeats}) | heartbeats during | vs A |")
    print("|---|---:|---:|---:|")
    for label, name in (
        ("A", "A: uploads alone"),
        ("B", "B: + 300 kiosks each minute (5/s)"),
        ("C", "C: + ten times that (50/s)"),
    ):
        ratio = median[label] / median["A"]
        print(f"| {name} | {median[label]:.0f} | {beats[label]:.0f} | {ratio:.3f} |")
    verdict = "met" if slowdown_b <= 0.10 else "NOT met"
    print(
        f"\nslowdown B: {slowdown_b * 100:.1f}% (goal <= 10%: {verdict}); "
        f"C: {slowdown_c * 100:.1f}%"
    )
    return 0 if slowdown_b <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
