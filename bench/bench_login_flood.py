"""Login flood: peak memory of the collector under N concurrent dashboard login posts.

Each post is a valid form (its own pre-login cookie and CSRF token) with a made-up user name
and a wrong password, from its own address (X-Forwarded-For, trusted from loopback as from the
reverse proxy), so neither the per-name nor the per-address throttle holds it back: what
bounds memory is the hashing pool alone. All N posts are sent at once (asyncio + httpx,
one connection each); the server's peak RSS is its VmHWM after the flood.

Two servers in turn, same flood: `branch` (`dvc-collector serve`) and `main` (main's code, from
`git archive main`, run by the same uvicorn options main's `serve` used).

    .venv/bin/python bench/bench_login_flood.py --logins 400
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def start(target: str, folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The server of `target` on a fresh SQLite database with one dashboard user."""
    code = ROOT
    if target == "main":
        code = folder / "main-code"
        code.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "main"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    database = f"sqlite:///{folder / (target + '.db')}"
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run(
        [sys.executable, "-m", "collector.cli", "--database", database, "user", "add",
         "canbo", "--password-stdin"],
        input=b"mat-khau-dai-2026\n", env=env, check=True, capture_output=True, cwd=code,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "collector.cli", "--database", database, "serve",
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=code,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
            return server, port
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start") from None
            time.sleep(0.2)


async def flood(port: int, count: int) -> tuple[Counter[int], float]:
    """`count` login posts at once; their status codes and the wall time."""
    base = f"http://127.0.0.1:{port}"
    limits = httpx.Limits(max_connections=count + 10)
    clients = []
    forms = []
    for index in range(count):
        address = f"10.{index // 65536}.{index // 256 % 256}.{index % 256}"
        headers = {"X-Forwarded-For": address}
        async with httpx.AsyncClient(base_url=base, timeout=60, headers=headers) as form_client:
            page = (await form_client.get("/login")).text
            cookies = form_client.cookies
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        # A fresh connection for the flood: an idle keep-alive one may be closed meanwhile.
        clients.append(
            httpx.AsyncClient(
                base_url=base, timeout=300, limits=limits, headers=headers, cookies=cookies
            )
        )
        forms.append({"username": f"guess{index}", "password": "sai-mat-khau", "csrf": csrf})
    started = time.perf_counter()
    answers = await asyncio.gather(
        *(client.post("/login", data=form) for client, form in zip(clients, forms, strict=True))
    )
    seconds = time.perf_counter() - started
    for client in clients:
        await client.aclose()
    return Counter(answer.status_code for answer in answers), seconds


def main() -> int:
    """Flood each server in turn and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--logins", type=int, default=400)
    parser.add_argument("--target", choices=["branch", "main", "both"], default="both")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        for target in ["main", "branch"] if args.target == "both" else [args.target]:
            server, port = start(target, Path(folder))
            try:
                idle = memory(server.pid)["VmRSS"]
                statuses, seconds = asyncio.run(flood(port, args.logins))
                peak = memory(server.pid)["VmHWM"]
            finally:
                server.terminate()
                server.wait(timeout=30)
            rows.append(
                {"target": target, "idle": idle, "peak": peak, "statuses": statuses, "s": seconds}
            )
            print(f"{target}: done", flush=True)
    load = os.getloadavg()
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {args.logins} concurrent login posts, each a "
        f"different name and address; load average {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f}\n"
    )
    print("| server | RSS before | peak RSS | answers | time |")
    print("|---|---:|---:|---|---:|")
    for row in rows:
        answers = ", ".join(f"{n}× {code}" for code, n in sorted(row["statuses"].items()))
        print(
            f"| {row['target']} | {row['idle']:.0f} MiB | {row['peak']:.0f} MiB | {answers} | "
            f"{row['s']:.1f} s |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
