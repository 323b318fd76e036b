"""Collector throughput on loopback: one kiosk's 10,000-session backlog, and 100 kiosks at once.

Goals (DESIGN.md / brief): 10,000 sessions from one kiosk in batches in <= 5 s; 100 concurrent
kiosks against PostgreSQL at >= 5,000 records/s, with p99 request latency reported.
The server is real uvicorn (`dvc-collector serve` equivalent) in its own process with
`--workers` worker processes; the load generator is asyncio + httpx in this process, on the
same machine, so both share the cores.

    .venv/bin/python bench/bench_collector.py --postgres-url postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector import db  # noqa: E402
from collector.auth import new_token, token_hash  # noqa: E402
from collector.ingest import now_utc  # noqa: E402


@dataclass
class Kiosk:
    """A registered kiosk for the benchmark."""

    kiosk_id: str
    token: str


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def register(database_url: str, count: int) -> list[Kiosk]:
    """Migrate, add one help point and `count` kiosks directly (the CLI's code path, minus argv)."""
    engine = db.make_engine(database_url)
    db.migrate(engine)
    kiosks = [Kiosk(f"bench-{i:03d}", new_token()) for i in range(count)]
    with engine.begin() as connection:
        connection.execute(
            insert(db.help_points).values(
                id="bench-point", name="Bench", ward="Phường Phú Nhuận", created_at=now_utc()
            )
        )
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


def batch_bodies(kiosk: Kiosk, batches: int, size: int) -> list[bytes]:
    """Pre-serialised upload bodies, so the timing measures the server, not json.dumps."""
    start = datetime(2026, 11, 1, 1, 0, tzinfo=UTC)
    bodies = []
    for _ in range(batches):
        sessions = []
        for i in range(size):
            began = start + timedelta(minutes=i)
            sessions.append(
                {
                    "uuid": str(uuid.uuid4()),
                    "kiosk_id": kiosk.kiosk_id,
                    "help_point_id": "bench-point",
                    "started_at": began.isoformat(),
                    "ended_at": (began + timedelta(minutes=9)).isoformat(),
                    "language": "vi",
                    "text_size": "large",
                    "procedure_id": "dang-ky-tam-tru",
                    "furthest_step": 4,
                    "step_count": 7,
                    "practice_modules": ["cccd"],
                    "help_requests": 1,
                    "rating": 4,
                    "end_reason": "finished",
                    "catalog_version": 3,
                    "schema": 1,
                }
            )
        bodies.append(json.dumps({"sessions": sessions, "outcomes": []}).encode())
    return bodies


class Server:
    """uvicorn in a child process, like `dvc-collector serve --workers N`."""

    def __init__(self, database_url: str, workers: int) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DVC_COLLECTOR_SKIP_MIGRATIONS": "1",
            "PYTHONPATH": str(ROOT),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "collector.app:app_from_env",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env=env,
            cwd=str(ROOT),
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    # every worker must be up, not just the first: give the rest a moment
                    time.sleep(1.0)
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("collector did not start")

    def stop(self) -> None:
        """Terminate and reap the server process."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


async def upload_all(url: str, kiosk: Kiosk, bodies: list[bytes], latencies: list[float]) -> None:
    """One kiosk sending its batches one after another (as the real sync loop does)."""
    headers = {"Authorization": f"Bearer {kiosk.token}", "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        for body in bodies:
            began = time.perf_counter()
            response = await client.post("/api/v1/sessions", content=body, headers=headers)
            latencies.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code}: {response.text[:200]}")


def count_rows(database_url: str) -> int:
    """Rows in sessions (to prove nothing was lost or doubled)."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        value = int(connection.execute(select(func.count()).select_from(db.sessions)).scalar_one())
    engine.dispose()
    return value


def scenario(
    database_url: str, kiosks: int, batches: int, size: int, workers: int
) -> dict[str, Any]:
    """Run one load shape against a fresh server; return the figures."""
    registered = register(database_url, kiosks)
    bodies = {k.kiosk_id: batch_bodies(k, batches, size) for k in registered}
    server = Server(database_url, workers)
    latencies: list[float] = []
    try:

        async def run() -> None:
            await asyncio.gather(
                *(upload_all(server.url, k, bodies[k.kiosk_id], latencies) for k in registered)
            )

        began = time.perf_counter()
        asyncio.run(run())
        elapsed = time.perf_counter() - began
    finally:
        server.stop()
    records = kiosks * batches * size
    assert count_rows(database_url) == records, "rows lost or duplicated"
    ordered = sorted(latencies)
    return {
        "records": records,
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "records_per_s": round(records / elapsed),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000, 1),
    }


def fresh_postgres(base_url: str) -> tuple[str, Any]:
    """A new empty database on the given server; returns its URL and a dropper."""
    name = f"dvc_bench_{secrets.token_hex(4)}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(base_url).set(database=name).render_as_string(hide_password=False), drop


def main() -> int:
    """Run the scenarios and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("DVC_TEST_POSTGRES_URL"),
        help="a PostgreSQL server to create throw-away databases on",
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (2 cores: 2)")
    parser.add_argument("--kiosks", type=int, default=100)
    parser.add_argument("--batches", type=int, default=5, help="batches per kiosk (concurrent)")
    parser.add_argument("--batch-size", type=int, default=100, help="sessions per batch")
    args = parser.parse_args()

    rows: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        rows.append(("SQLite, 1 kiosk, 20 x 500", scenario(sqlite_url, 1, 20, 500, args.workers)))
    if args.postgres_url:
        url, drop = fresh_postgres(args.postgres_url)
        try:
            rows.append(("PostgreSQL, 1 kiosk, 20 x 500", scenario(url, 1, 20, 500, args.workers)))
        finally:
            drop()
        url, drop = fresh_postgres(args.postgres_url)
        try:
            label = f"PostgreSQL, {args.kiosks} kiosks, {args.batches} x {args.batch_size} each"
            rows.append(
                (label, scenario(url, args.kiosks, args.batches, args.batch_size, args.workers))
            )
        finally:
            drop()
    else:
        print("no --postgres-url / DVC_TEST_POSTGRES_URL: PostgreSQL scenarios skipped")

    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"uvicorn workers: {args.workers}\n"
    )
    print("| Scenario | Records | Requests | Time (s) | Records/s | p50 (ms) | p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r in rows:
        print(
            f"| {label} | {r['records']} | {r['requests']} | {r['seconds']} | "
            f"{r['records_per_s']} | {r['p50_ms']} | {r['p99_ms']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
