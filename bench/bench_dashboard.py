"""Dashboard latency at 1 and 5 million sessions on PostgreSQL, with main's code as baseline.

The records are loaded with one INSERT … SELECT over generate_series (not the HTTP path) into a
database at the schema before the aggregates (0003), so the Alembic migration's backfill runs
on them exactly as on an existing collector and is timed too. Then, for each size:

- the real `dvc-collector serve` in its own process: log in, GET / (the dashboard) and
  GET /login N times each over HTTP; median, p95, max; the server's peak RSS (VmHWM);
- in this process, `stats.dashboard` of this branch and of `main` (the same-run baseline,
  loaded from `git show main:collector/stats.py`), on the same data and the same "now".

    .venv/bin/python bench/bench_dashboard.py --postgres-url postgresql+psycopg://... \
        --sizes 1000000 5000000
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collector import aggregates, db, stats  # noqa: E402

NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
KIOSKS = 60  # 30 help points, 2 kiosks each
DAYS = 90  # sessions spread over the last 90 days: ~15 % of them in the 14-day window
PASSWORD = "mật-khẩu-đo-2026"


def fresh_database(base_url: str) -> tuple[str, Any]:
    """A new PostgreSQL database and a function that drops it."""
    name = f"dvc_dash_{secrets.token_hex(4)}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(base_url).set(database=name).render_as_string(hide_password=False), drop


def load(engine: Engine, first: int, last: int) -> float:
    """Sessions numbered first..last (and a mark on every fifth, re-marked on every fiftieth)."""
    started = time.perf_counter()
    window = DAYS * 24 * 3600
    ago = f"make_interval(secs => (i::bigint * 7919) % {window})"  # spread over DAYS days
    with engine.begin() as connection:
        connection.execute(
            text(
                f"""
                INSERT INTO sessions
                SELECT md5(i::text)::uuid::text, 'kiosk-' || (i % {KIOSKS}),
                       'hp-' || ((i % {KIOSKS}) / 2),
                       TIMESTAMP '2026-11-28 03:00' - {ago},
                       TIMESTAMP '2026-11-28 03:10' - {ago},
                       'vi', 'large',
                       CASE WHEN i % 10 = 0 THEN NULL ELSE 'procedure-' || (i % 49) END,
                       CASE WHEN i % 10 = 0 THEN 0 ELSE i % 8 END,
                       CASE WHEN i % 10 = 0 THEN 0 ELSE 7 END,
                       'cccd', i % 3, 1 + i % 5, 'finished', 3, 1, md5(i::text),
                       TIMESTAMP '2026-11-28 03:00'
                FROM generate_series({first}, {last}) AS i
                """
            )
        )
        connection.execute(
            text(
                f"""
                INSERT INTO outcomes
                SELECT md5('o' || i::text)::uuid::text, md5(i::text)::uuid::text,
                       'kiosk-' || (i % {KIOSKS}),
                       (ARRAY['vneid-activated', 'dossier-submitted', 'needs-return',
                              'info-only'])[1 + i % 4],
                       TIMESTAMP '2026-11-28 03:00' - {ago}
                         + INTERVAL '15 minutes',
                       NULL, 1, md5('o' || i::text), TIMESTAMP '2026-11-28 03:00'
                FROM generate_series({first}, {last}) AS i WHERE i % 5 = 0
                UNION ALL
                SELECT md5('r' || i::text)::uuid::text, md5(i::text)::uuid::text,
                       'kiosk-' || (i % {KIOSKS}), 'dossier-submitted',
                       TIMESTAMP '2026-11-28 03:00' - {ago}
                         + INTERVAL '20 minutes',
                       NULL, 1, md5('r' || i::text), TIMESTAMP '2026-11-28 03:00'
                FROM generate_series({first}, {last}) AS i WHERE i % 50 = 0
                """
            )
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def setup_schema(engine: Engine) -> None:
    """The schema before the aggregates, one help point per two kiosks."""
    config = db.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003_login_throttle")
        for point in range(KIOSKS // 2):
            connection.execute(
                text("INSERT INTO help_points VALUES (:id, :name, 'Phường Phú Nhuận', :at)"),
                {"id": f"hp-{point}", "name": f"Điểm {point}", "at": NOW.replace(tzinfo=None)},
            )
        for kiosk in range(KIOSKS):
            connection.execute(
                text("INSERT INTO kiosks VALUES (:id, :point, :id, :token, :at, NULL, :at)"),
                {
                    "id": f"kiosk-{kiosk}",
                    "point": f"hp-{kiosk // 2}",
                    "token": secrets.token_hex(32),
                    "at": NOW.replace(tzinfo=None),
                },
            )


def main_stats() -> ModuleType:
    """main's collector/stats.py as a module (the baseline)."""
    source = subprocess.check_output(["git", "-C", str(ROOT), "show", "main:collector/stats.py"])
    path = Path(tempfile.mkdtemp()) / "main_stats.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("main_stats", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["main_stats"] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def timed(function: Any, repeat: int) -> dict[str, float]:
    """Median / max seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return {"median": statistics.median(times), "max": max(times)}


def peak_rss_mib(pid: int) -> float:
    """A process's peak resident memory so far."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def over_http(database_url: str, repeat: int) -> dict[str, Any]:
    """The real server: log in, then time GET / and GET /login."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "collector.cli",
            "--database",
            database_url,
            "user",
            "add",
            "canbo",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        text=True,
        check=True,
        env=env,
        capture_output=True,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "collector.cli",
            "--database",
            database_url,
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(base + "/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=120) as client:
            form = client.get("/login").text
            csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
            login = client.post(
                "/login", data={"username": "canbo", "password": PASSWORD, "csrf": csrf}
            )
            assert login.status_code == 303, login.text

            def page(path: str) -> Any:
                def get() -> None:
                    response = client.get(path)
                    assert response.status_code == 200, response.status_code

                return get

            results: dict[str, Any] = {}
            for path in ("/", "/login"):
                page(path)()  # warm
                times = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    page(path)()
                    times.append(time.perf_counter() - started)
                times.sort()
                results[path] = {
                    "median": statistics.median(times),
                    "p95": times[max(0, int(len(times) * 0.95) - 1)],
                    "max": times[-1],
                }
        results["peak_rss_mib"] = peak_rss_mib(server.pid)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    """Load, migrate, measure at each size; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres-url", default=os.environ.get("DVC_TEST_POSTGRES_URL"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline-repeat", type=int, default=3)
    parser.add_argument("--no-baseline-above", type=int, default=5_000_000)
    args = parser.parse_args()
    if not args.postgres_url:
        print("needs --postgres-url (or DVC_TEST_POSTGRES_URL)")
        return 2
    old = main_stats()
    url, drop = fresh_database(args.postgres_url)
    engine = db.make_engine(url)
    rows = []
    try:
        setup_schema(engine)
        loaded = 0
        for size in sorted(args.sizes):
            load_s = load(engine, loaded + 1, size)
            started = time.perf_counter()
            if loaded == 0:
                db.migrate(engine)  # the backfill of 0004, as on an existing collector
                how = "migration 0004 backfill"
            else:
                with engine.begin() as connection:
                    aggregates.rebuild(connection)
                how = "aggregates rebuild"
            fill_s = time.perf_counter() - started
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE daily_sessions"))  # as autovacuum would soon
            loaded = size
            with engine.connect() as connection:
                sessions_in_window = connection.execute(
                    text("SELECT count(*) FROM sessions WHERE started_at >= :since"),
                    {"since": datetime(2026, 11, 14, 17, 0)},
                ).scalar_one()
                agg_rows = connection.execute(
                    text("SELECT count(*) FROM daily_sessions")
                ).scalar_one()
            new = timed(lambda: stats.dashboard(engine, NOW), args.repeat)
            assert stats.dashboard(engine, NOW).sessions_total == sessions_in_window
            baseline = (
                timed(lambda: old.dashboard(engine, NOW), args.baseline_repeat)
                if size <= args.no_baseline_above
                else None
            )
            http = over_http(url, args.repeat)
            rows.append(
                (size, load_s, how, fill_s, sessions_in_window, agg_rows, new, baseline, http)
            )
            print(f"{size}: done", flush=True)
    finally:
        engine.dispose()
        drop()
    load_avg = os.getloadavg()
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load_avg[0]:.1f} / {load_avg[1]:.1f} / {load_avg[2]:.1f}\n"
    )
    print(
        "| sessions | in window | aggregate rows | load | fill aggregates | stats.dashboard "
        "(branch) median / max | stats.dashboard (main) median / max | × | GET / median / "
        "p95 / max | GET /login median | server peak RSS |"
    )
    print("|---:|---:|---:|---:|---|---|---|---:|---|---:|---:|")
    for size, load_s, how, fill_s, window, agg, new, base, http in rows:
        ratio = f"{base['median'] / new['median']:.0f}" if base else "—"
        base_text = f"{base['median']:.2f} / {base['max']:.2f} s" if base else "—"
        print(
            f"| {size:,} | {window:,} | {agg:,} | {load_s:.0f} s | {how}: {fill_s:.1f} s | "
            f"{new['median'] * 1000:.0f} / {new['max'] * 1000:.0f} ms | {base_text} | {ratio} | "
            f"{http['/']['median'] * 1000:.0f} / {http['/']['p95'] * 1000:.0f} / "
            f"{http['/']['max'] * 1000:.0f} ms | {http['/login']['median'] * 1000:.0f} ms | "
            f"{http['peak_rss_mib']:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
