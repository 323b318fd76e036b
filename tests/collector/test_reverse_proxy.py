"""The shipped nginx config (deploy/nginx/dvc-collector.conf), run for real in front of a real
collector on loopback with a self-signed certificate made here (issue 13, item 2)."""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.protocol import MAX_BODY_BYTES
from tests.collector.conftest import add_kiosk, session_record
from tests.loopback import free_port, running_collector

SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "dvc-collector.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dvc-collector test")])
    now = datetime.now(UTC)  # the certificate must be valid on the machine's own clock
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the shipped config no longer has exactly one {old!r}"
    return text.replace(old, new)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
            return
        except httpx.TransportError:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)


class Proxy:
    """nginx running the shipped config: its HTTPS and HTTP ports and the CA to trust."""

    def __init__(self, https_port: int, http_port: int, ca: Path) -> None:
        self.https = f"https://127.0.0.1:{https_port}"
        self.http = f"http://127.0.0.1:{http_port}"
        self.ca = ca


@pytest.fixture
def proxy_and_collector(tmp_path: Path) -> Iterator[tuple[Proxy, str]]:
    """A collector on loopback and nginx with the shipped config in front of it."""
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed (scripts/system_packages.sh test installs it)")
        pytest.skip("nginx is not installed")
    database_url = f"sqlite:///{tmp_path / 'collector.db'}"
    collector_port, https_port, http_port = free_port(), free_port(), free_port()
    cert, key = _self_signed(tmp_path)
    site = SHIPPED.read_text(encoding="utf-8")
    site = _replace_once(site, "listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = _replace_once(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = _replace_once(site, "/etc/ssl/dvc-collector/fullchain.pem", str(cert))
    site = _replace_once(site, "/etc/ssl/dvc-collector/privkey.pem", str(key))
    site = _replace_once(site, "server 127.0.0.1:8080;", f"server 127.0.0.1:{collector_port};")
    (tmp_path / "dvc-collector.conf").write_text(site, encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    user = "user root root;" if os.geteuid() == 0 else ""  # workers must reach tmp_path
    main = f"""
        daemon off;
        worker_processes 1;
        {user}
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log warn;
        events {{ worker_connections 256; }}
        http {{
            access_log off;
            client_body_temp_path {temp}/body;
            proxy_temp_path {temp}/proxy;
            fastcgi_temp_path {temp}/fastcgi;
            uwsgi_temp_path {temp}/uwsgi;
            scgi_temp_path {temp}/scgi;
            include {tmp_path}/dvc-collector.conf;
        }}
    """
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    log = tmp_path / "error.log"
    with running_collector(database_url, port=collector_port):
        nginx = subprocess.Popen(
            [NGINX, "-p", str(tmp_path), "-e", str(log), "-c", str(tmp_path / "nginx.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_port(http_port, nginx, log)
            yield Proxy(https_port, http_port, cert), database_url
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)


def test_shipped_body_cap_equals_the_protocols() -> None:
    """client_max_body_size is the protocol's MAX_BODY_BYTES, so nginx and the collector
    refuse exactly the same bodies."""
    match = re.search(r"^\s*client_max_body_size\s+(\d+)([km]?);", SHIPPED.read_text(), re.M)
    assert match
    factor = {"": 1, "k": 1024, "m": 1024 * 1024}[match.group(2)]
    assert int(match.group(1)) * factor == MAX_BODY_BYTES


def test_health_and_upload_through_nginx_and_oversized_body_refused(
    proxy_and_collector: tuple[Proxy, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Over TLS through the shipped config: health answers, a kiosk's upload is stored, a body
    one byte over the cap is refused by nginx with 413, and plain HTTP redirects to HTTPS."""
    proxy, database_url = proxy_and_collector
    kiosk = add_kiosk(database_url, capsys)
    trust = ssl.create_default_context(cafile=str(proxy.ca))
    with httpx.Client(base_url=proxy.https, verify=trust, timeout=30) as client:
        health = client.get("/api/v1/health")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert "strict-transport-security" in health.headers
        upload = client.post(
            "/api/v1/sessions", json={"sessions": [session_record(kiosk)]}, headers=kiosk.headers
        )
        assert upload.status_code == 200, upload.text
        assert upload.json()["results"][0]["status"] == "stored"
        oversized = client.post(
            "/api/v1/sessions",
            content=b"x" * (MAX_BODY_BYTES + 1),
            headers={**kiosk.headers, "Content-Type": "application/json"},
        )
        assert oversized.status_code == 413
        assert oversized.headers["content-type"].startswith("text/html")  # nginx's own page
        at_cap = client.post(
            "/api/v1/sessions",
            content=b" " * MAX_BODY_BYTES,
            headers={**kiosk.headers, "Content-Type": "application/json"},
        )
        assert at_cap.status_code == 422  # passed nginx; the collector read it as bad JSON
    redirect = httpx.get(proxy.http + "/api/v1/health")
    assert redirect.status_code == 301
    assert redirect.headers["location"].startswith("https://")


def test_the_proxys_429_answers_keep_hsts(proxy_and_collector: tuple[Proxy, str]) -> None:
    """Issue #21: nginx's own 429 (the login form's rate, burst 10) came without HSTS, since
    the @too_many location's add_header replaced the server's. Every answer, the 429s with
    their Retry-After included, now carries Strict-Transport-Security."""
    proxy, _database_url = proxy_and_collector
    trust = ssl.create_default_context(cafile=str(proxy.ca))
    with httpx.Client(base_url=proxy.https, verify=trust, timeout=30) as client:
        answers = [
            client.post("/login", data={"username": "x", "password": "y"}) for _ in range(20)
        ]
    limited = [a for a in answers if a.status_code == 429]
    assert limited, [a.status_code for a in answers]
    for answer in answers:
        assert "strict-transport-security" in answer.headers, answer.status_code
    assert all(a.headers.get("retry-after") == "5" for a in limited)
