"""`dvc-collector serve` against slow and idle connections, and logs that cannot flood
(issue 13, item 2). The flood runs the real command in its own process with a small file limit."""

from __future__ import annotations

import contextlib
import logging
import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from collector.logfilter import RepeatFilter
from collector.serving import ServeLimits, guarded_protocol
from kiosk.clock import FixedClock
from tests.collector.conftest import NOW, add_kiosk
from tests.loopback import free_port, running_collector

PARTIAL_HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: collector\r\nX-Slow: "


def test_repeat_filter_passes_a_few_then_counts_the_rest() -> None:
    """The same message passes 5 times a minute; the rest are dropped and counted in the next
    one that passes; other messages are not affected."""
    clock = FixedClock(NOW)
    repeat = RepeatFilter(limit=5, interval=60, clock=clock)

    def record(message: str, *args: object) -> logging.LogRecord:
        return logging.LogRecord("asyncio", logging.ERROR, __file__, 1, message, args, None)

    passed = [repeat.filter(record("socket.accept() out of system resource")) for _ in range(500)]
    assert passed.count(True) == 5
    assert repeat.filter(record("Invalid HTTP request received.")) is True
    clock.advance(60)
    later = record("socket.accept() out of system resource")
    assert repeat.filter(later) is True
    assert "495 more like this dropped" in later.getMessage()
    formatted = record("%d%% of %s", 50, "slots")
    assert repeat.filter(formatted) and formatted.getMessage() == "50% of slots"


def _wait_until_closed(sock: socket.socket) -> bytes:
    """Read until the server closes the connection (the socket's timeout bounds the wait)."""
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def test_a_connection_must_send_its_request_head_in_time(tmp_path: Path) -> None:
    """A connection that trickles its request head, and a keep-alive connection that does the
    same after a first answer, are closed after the header timeout."""
    limits = ServeLimits(header_timeout=1.0, keep_alive_timeout=60)
    config = limits.uvicorn_options(guarded_protocol(limits))
    with running_collector(f"sqlite:///{tmp_path / 'collector.db'}", **config) as live:
        with socket.create_connection(("127.0.0.1", live.port), timeout=30) as slow:
            slow.sendall(PARTIAL_HEAD)
            for _ in range(3):
                time.sleep(0.4)
                try:
                    slow.sendall(b"a")  # a byte now and then does not extend the deadline
                except OSError:
                    break
            assert _wait_until_closed(slow) == b""
        with socket.create_connection(("127.0.0.1", live.port), timeout=30) as reused:
            reused.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: collector\r\n\r\n")
            answer = b""
            while not answer.endswith(b"}"):  # the whole JSON answer, head and body
                answer += reused.recv(4096)
            assert answer.startswith(b"HTTP/1.1 200")
            reused.sendall(PARTIAL_HEAD)
            assert _wait_until_closed(reused) == b""


def _limit_files(count: int) -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))


@pytest.mark.slow
def test_slow_connections_beyond_the_limit_do_not_starve_health(tmp_path: Path) -> None:
    """1,500 connections that never finish a request head, against `serve` with 100
    connections allowed and a 400-file limit: health still answers, the process never holds
    more files than its limit, and the log stays small."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "collector.cli",
                "--database",
                f"sqlite:///{tmp_path / 'collector.db'}",
                "serve",
                "--port",
                str(port),
                "--max-connections",
                "100",
                "--header-timeout",
                "60",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            preexec_fn=lambda: _limit_files(400),
        )
    attackers: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.2)
        log_before = log_path.stat().st_size
        for _ in range(1500):
            attacker = socket.socket()
            attacker.settimeout(5)
            try:
                attacker.connect(("127.0.0.1", port))
                attacker.sendall(PARTIAL_HEAD)
            except OSError:
                pass  # dropped already: the guard made room for newer connections
            attackers.append(attacker)
        answers = [
            httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=10).status_code
            for _ in range(20)
        ]
        assert answers == [200] * 20
        open_files = len(os.listdir(f"/proc/{server.pid}/fd"))
        assert open_files < 400
        assert server.poll() is None
        assert log_path.stat().st_size - log_before < 64 * 1024
    finally:
        for attacker in attackers:
            attacker.close()
        server.terminate()
        server.wait(timeout=30)


def _slow_body_head(token: str, length: int = 100_000) -> bytes:
    return (
        f"POST /api/v1/sessions HTTP/1.1\r\nHost: collector\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    ).encode() + b'{"sessions": ['


def _connect_from(address: str, port: int) -> socket.socket:
    sock = socket.socket()
    sock.settimeout(10)
    sock.bind((address, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def test_a_slow_body_is_cut_at_the_request_deadline_and_a_stranger_at_its_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #21 item 1 (R.U.D.Y.): after a complete head, a body trickled a byte at a time.
    A stranger's token is answered 401 before a byte of body is read, and the connection is
    closed at once; a kiosk's own token gets the request deadline (head and body, here 2 s)."""
    database = f"sqlite:///{tmp_path / 'collector.db'}"
    kiosk = add_kiosk(database, capsys)
    limits = ServeLimits(header_timeout=1.0, request_timeout=2.0, keep_alive_timeout=60)
    config = limits.uvicorn_options(guarded_protocol(limits))
    with running_collector(database, **config) as live:
        with socket.create_connection(("127.0.0.1", live.port), timeout=30) as stranger:
            started = time.monotonic()
            stranger.sendall(_slow_body_head("not-a-token"))
            answer = _wait_until_closed(stranger)
            assert answer.startswith(b"HTTP/1.1 401"), answer[:80]
            assert time.monotonic() - started < 1.5
        with socket.create_connection(("127.0.0.1", live.port), timeout=30) as slow:
            started = time.monotonic()
            slow.sendall(_slow_body_head(kiosk.token))
            with contextlib.suppress(OSError):
                for _ in range(40):
                    time.sleep(0.2)
                    slow.sendall(b" ")  # a byte now and then does not extend the deadline
            assert _wait_until_closed(slow) == b""
            assert 1.5 < time.monotonic() - started < 6


def test_slow_bodies_from_many_addresses_do_not_starve_health(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The attack's shape, bounded: 40 loopback addresses each open 8 connections that send
    a complete head with a kiosk's valid token and then a body byte now and then (320 against
    100 allowed). The guard drops the slowest requests for new ones, health answers every
    probe, and one address gets at most `max_per_address` connections."""
    database = f"sqlite:///{tmp_path / 'collector.db'}"
    kiosk = add_kiosk(database, capsys)
    limits = ServeLimits(
        max_connections=100, header_timeout=30, request_timeout=60, max_per_address=5
    )
    config = limits.uvicorn_options(guarded_protocol(limits))
    attackers: list[socket.socket] = []
    with running_collector(database, **config) as live:
        try:
            for host in range(2, 42):
                for _ in range(8):
                    try:
                        sock = _connect_from(f"127.0.0.{host}", live.port)
                        sock.sendall(_slow_body_head(kiosk.token))
                        attackers.append(sock)
                    except OSError:
                        pass  # dropped already
            time.sleep(0.5)
            for sock in attackers:
                with contextlib.suppress(OSError):
                    sock.sendall(b" ")
            probes = [
                httpx.get(live.url + "/api/v1/health", timeout=5).status_code for _ in range(30)
            ]
            assert probes == [200] * 30
            guard = max(_guards_of_server(), key=lambda g: len(g.open))
            assert max(guard.per_address.values(), default=0) <= 5
            assert len(guard.open) <= 100
        finally:
            for sock in attackers:
                sock.close()


def _guards_of_server() -> list[Any]:
    from collector.serving import _guards

    return list(_guards.values())


def test_the_access_log_keeps_a_sample_of_every_path_and_status_with_counts() -> None:
    """Issue #21 item 10: every access line shares uvicorn's one template, so the repeat
    filter kept 5 lines a minute in all. Now each method, path and status keeps 5 a minute,
    the next one passed counts the dropped; 10,000 made-up paths add a bounded number."""
    clock = FixedClock(NOW)
    repeat = RepeatFilter(limit=5, interval=60, clock=clock)

    def access(method: str, path: str, status: int) -> logging.LogRecord:
        args = ("127.0.0.1:5000", method, path, "1.1", status)
        return logging.LogRecord(
            "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None
        )

    kinds = [
        ("GET", "/api/v1/health", 200),
        ("POST", "/api/v1/sessions", 200),
        ("POST", "/api/v1/sessions", 401),
        ("POST", "/login", 429),
    ]
    passed = {kind: 0 for kind in kinds}
    for _ in range(1000):
        for kind in kinds:
            passed[kind] += repeat.filter(access(*kind))
    assert passed == {kind: 5 for kind in kinds}
    made_up = sum(repeat.filter(access("GET", f"/x{n}?q={n}", 404)) for n in range(10_000))
    assert made_up <= (RepeatFilter.MAX_ACCESS_PATHS + 1) * 5
    clock.advance(60)
    later = access("GET", "/api/v1/health?probe=1", 200)
    assert repeat.filter(later)
    assert "995 more like this dropped" in later.getMessage()
    assert "/api/v1/health?probe=1" in later.getMessage()
