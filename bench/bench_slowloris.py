"""Slowloris against the collector: health latency, file descriptors and log growth.

Thousands of connections send a request head one header line at a time, one line every
`--drip` seconds; one the server closed is opened again at its next tick, as the slowloris
tool does (`--reconnect` sets that delay; 0.1 makes it a connection flood as well).
Meanwhile a probe, in its own thread with blocking sockets (so the attackers' event loop
cannot delay it), asks GET /api/v1/health every 0.25 s on a fresh connection (5 s timeout).
Every second the server's open file descriptors (/proc/PID/fd) are counted. The server's log
(stdout and stderr, at uvicorn's "info" level as `serve` runs it) is a file whose growth is
measured.

`--mode body` is the slow-body attack (R.U.D.Y., issue #21 item 1) instead: a complete head of
`POST /api/v1/sessions` with a kiosk's valid token and `Content-Length: 100000`, then one body
byte every `--drip` seconds. `--addresses N` spreads the attackers over N loopback source
addresses (127.0.0.2 …); the probe comes from 127.0.0.1.

Two servers, one after the other, same attack: `--target branch` is `dvc-collector serve`
(this branch: GuardedH11Protocol, RepeatFilter); `--target main` is what main's `serve` ran
(uvicorn with the stock h11 protocol and logging). The server's open-file limit is set with
`--server-nofile` (this machine: `ulimit -n` 20000, shared by the attacker's sockets), and
reported.

    .venv/bin/python bench/bench_slowloris.py --connections 10000 --seconds 60
    .venv/bin/python bench/bench_slowloris.py --mode body --addresses 40 --target branch
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
BODY_LENGTH = 100_000


def body_head(token: str) -> bytes:
    """A complete upload head: everything but the body, which then comes a byte at a time."""
    return (
        "POST /api/v1/sessions HTTP/1.1\r\nHost: collector\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {BODY_LENGTH}\r\n\r\n"
    ).encode() + b'{"sessions": ['


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def kiosk_token(folder: Path, root: Path = ROOT) -> str:
    """Register a help point and a kiosk on the bench's database; the kiosk's token."""
    database = f"sqlite:///{folder / 'collector.db'}"
    env = {**os.environ, "PYTHONPATH": str(root)}
    base = [sys.executable, "-m", "collector.cli", "--database", database]
    subprocess.run(
        [*base, "help-point", "import"], env=env, check=True, capture_output=True, cwd=root
    )
    point = "duc-nhuan-kp1"
    added = subprocess.run(
        [*base, "kiosk", "add", "--help-point", point, "--name", "Máy bench"],
        env=env,
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return next(line.split(": ", 1)[1] for line in added.splitlines() if line.startswith("token"))


def start_server(
    target: str, folder: Path, port: int, nofile: int, root: Path = ROOT
) -> tuple[Any, Path]:
    """The collector (the code in `root`) in its own process, its log in a file."""
    database = f"sqlite:///{folder / 'collector.db'}"
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONUNBUFFERED": "1"}
    subprocess.run(
        [sys.executable, "-m", "collector.cli", "--database", database, "stats"],
        env=env,
        cwd=root,
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
        command, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit
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
    port: int,
    drip: float,
    reconnect: float,
    stop: asyncio.Event,
    counts: dict[str, int],
    source: str = "127.0.0.1",
    token: str | None = None,
) -> None:
    """One slowloris connection: a header line (or, with a token, a body byte after a whole
    upload head) every `drip` s; reconnect when closed."""
    while not stop.is_set():
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0)), 10
            )
        except (OSError, TimeoutError):
            counts["connect_failed"] += 1
            await asyncio.sleep(0.5)
            continue
        counts["opened"] += 1
        try:
            writer.write(HEAD if token is None else body_head(token))
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(reader.read(1024), drip)
                except TimeoutError:
                    writer.write(b"X-Slow: 1\r\n" if token is None else b" ")
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
    root = Path(args.root).resolve()
    token = kiosk_token(folder, root) if args.mode == "body" else None
    process, log_path = start_server(target, folder, port, args.server_nofile, root)
    try:
        await wait_healthy(port)
        log_before = log_path.stat().st_size
        stop = asyncio.Event()
        counts = {"opened": 0, "closed": 0, "connect_failed": 0}
        clients = []
        for index in range(args.connections):
            source = f"127.0.0.{2 + index % args.addresses}" if args.addresses else "127.0.0.1"
            clients.append(
                asyncio.create_task(
                    slow_client(port, args.drip, args.reconnect, stop, counts, source, token)
                )
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
        "within_1s": f"{sum(t is not None and t <= 1 for t in latencies) / len(latencies):.1%}"
        if latencies
        else "—",
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
    parser.add_argument("--mode", choices=["head", "body"], default="head")
    parser.add_argument(
        "--root",
        default=str(ROOT),
        help="checkout whose collector is run (a worktree of main: main's `serve`)",
    )
    parser.add_argument(
        "--addresses", type=int, default=0, help="attack from N loopback addresses (0: 127.0.0.1)"
    )
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.connections + 200
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    targets = ["main", "branch"] if args.target == "both" else [args.target]
    results = []
    load_before = os.getloadavg()
    for target in targets:
        with tempfile.TemporaryDirectory() as folder:
            results.append(asyncio.run(attack(args, target, Path(folder))))
            print(f"{target}: done", flush=True)
    load = os.getloadavg()
    what = (
        f"slow bodies (a whole upload head with a valid token, then a byte every {args.drip:g} s)"
        if args.mode == "body"
        else f"slow heads (one header line every {args.drip:g} s)"
    )
    sources = f"{args.addresses} loopback addresses" if args.addresses else "one address"
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; attacker ulimit -n {soft}/{hard}, server "
        f"ulimit -n {args.server_nofile}; {args.connections} connections of {what} from "
        f"{sources} for {args.seconds:g} s, reopened after {args.reconnect:g} s; load average "
        f"before {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f}, after "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n"
    )
    print(
        "| server | health probes | failed (5 s) | within 1 s | p50 | p99 | max | "
        "server fds (max) | log growth | slow connections opened / closed | server alive |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")

    def ms(value: float | None) -> str:
        return f"{value * 1000:.0f} ms" if value is not None else "—"

    for r in results:
        print(
            f"| {r['target']} | {r['probes']} | {r['failed']} | {r['within_1s']} | "
            f"{ms(r['p50'])} | {ms(r['p99'])} "
            f"| {ms(r['max'])} | {r['files_max']} | {r['log_growth'] / 1024:.1f} KiB | "
            f"{r['opened']} / {r['closed']} | {'yes' if r['alive'] else 'NO'} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
