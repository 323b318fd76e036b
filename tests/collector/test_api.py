"""The upload and catalog API over real HTTP on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from collector import cli, db
from kiosk.clock import FixedClock
from kiosk.protocol import MAX_BATCH_RECORDS, MAX_BODY_BYTES
from kiosk.sync.manifest import SignedManifest, verify_file, verify_manifest
from tests.collector.conftest import Kiosk, LiveServer, add_kiosk, outcome_record, session_record

URL = "/api/v1/sessions"


def _count(database_url: str, table: Any) -> int:
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(table)).scalar_one())
    finally:
        engine.dispose()


@pytest.fixture
def kiosk(live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> Kiosk:
    """A kiosk registered on the live server's database."""
    return add_kiosk(live_server.database_url, capsys)


def _post(server: LiveServer, kiosk: Kiosk, body: Any) -> httpx.Response:
    return httpx.post(server.url + URL, json=body, headers=kiosk.headers, timeout=30)


def test_health_needs_no_token(live_server: LiveServer) -> None:
    """GET /api/v1/health answers ok with the version, without a token."""
    response = httpx.get(live_server.url + "/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_upload_stores_then_resend_is_already_there(live_server: LiveServer, kiosk: Kiosk) -> None:
    """A batch is stored once; the identical re-send is 200 with every record already-there."""
    session = session_record(kiosk)
    outcome = outcome_record(kiosk, session["uuid"])
    body = {"sessions": [session], "outcomes": [outcome]}
    first = _post(live_server, kiosk, body)
    assert first.status_code == 200, first.text
    assert [(r["uuid"], r["kind"], r["status"]) for r in first.json()["results"]] == [
        (session["uuid"], "session", "stored"),
        (outcome["uuid"], "outcome", "stored"),
    ]
    again = _post(live_server, kiosk, body)
    assert again.status_code == 200
    assert {r["status"] for r in again.json()["results"]} == {"already-there"}
    assert _count(live_server.database_url, db.sessions) == 1
    assert _count(live_server.database_url, db.outcomes) == 1


def test_omitted_defaults_equal_explicit_defaults(live_server: LiveServer, kiosk: Kiosk) -> None:
    """A re-send that spells out default values is the same record, not a conflict."""
    explicit = session_record(kiosk, practice_modules=[], help_requests=0, rating=None)
    implicit = {
        k: v
        for k, v in explicit.items()
        if k not in ("practice_modules", "help_requests", "rating", "schema")
    }
    assert _post(live_server, kiosk, {"sessions": [explicit]}).status_code == 200
    response = _post(live_server, kiosk, {"sessions": [implicit]})
    assert response.json()["results"][0]["status"] == "already-there"


def test_same_uuid_different_content_is_409(live_server: LiveServer, kiosk: Kiosk) -> None:
    """The same uuid with other content is a conflict (409); the stored row is unchanged."""
    session = session_record(kiosk)
    assert _post(live_server, kiosk, {"sessions": [session]}).status_code == 200
    changed = {**session, "rating": 1}
    other = session_record(kiosk)
    response = _post(live_server, kiosk, {"sessions": [changed, other]})
    assert response.status_code == 409
    statuses = {r["uuid"]: r["status"] for r in response.json()["results"]}
    assert statuses == {session["uuid"]: "conflict", other["uuid"]: "stored"}
    engine = db.make_engine(live_server.database_url)
    with engine.connect() as connection:
        rating = connection.execute(
            select(db.sessions.c.rating).where(db.sessions.c.uuid == session["uuid"])
        ).scalar()
    engine.dispose()
    assert rating == 5


def test_duplicates_inside_one_batch(live_server: LiveServer, kiosk: Kiosk) -> None:
    """Within one batch the first copy is stored, a second identical copy is already-there."""
    session = session_record(kiosk)
    response = _post(live_server, kiosk, {"sessions": [session, session, {**session, "rating": 2}]})
    assert response.status_code == 409
    assert [r["status"] for r in response.json()["results"]] == [
        "stored",
        "already-there",
        "conflict",
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"resident_name": "Nguyễn Văn A"},
        {"cccd": "079123456789"},
        {"language": "fr"},
        {"rating": 6},
        {"rating": True},
        {"furthest_step": 9, "step_count": 7},
        {"started_at": "2026-11-27T02:00:00"},
        {"ended_at": "2026-11-27T01:00:00+00:00"},
        {"uuid": "ABCDEF00-0000-0000-0000-000000000000"},
        {"help_point_id": "Phường 1"},
        {"practice_modules": ["cccd"] * 11},
        {"catalog_version": 2**31},
        {"schema": 2},
        {"step_count": "7"},
    ],
)
def test_bad_records_are_rejected_and_good_ones_kept(
    live_server: LiveServer, kiosk: Kiosk, bad: dict[str, Any]
) -> None:
    """A record with an unknown field or a bad value is rejected (422); its batch-mates are kept."""
    good = session_record(kiosk)
    wrong = {**session_record(kiosk), **bad}
    response = _post(live_server, kiosk, {"sessions": [good, wrong]})
    assert response.status_code == 422, response.text
    results = response.json()["results"]
    assert results[0]["status"] == "stored"
    assert results[1]["status"] == "rejected" and results[1]["detail"]
    assert _count(live_server.database_url, db.sessions) == 1


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        ("session", "help_point_id", "phu-nhuan-kp3\n"),
        ("session", "procedure_id", "a" * 63 + "\n"),
        ("outcome", "volunteer_code", "TNV-1234\n"),
    ],
)
def test_trailing_newline_values_are_rejected_not_500(
    live_server: LiveServer, kiosk: Kiosk, kind: str, field: str, value: str
) -> None:
    """kiosk.protocol's patterns end in `$`, which lets a final newline through; the collector
    refuses it (and so never overflows a column on PostgreSQL)."""
    session = session_record(kiosk)
    if kind == "session":
        body = {"sessions": [{**session, field: value}]}
    else:
        body = {"outcomes": [outcome_record(kiosk, session["uuid"], **{field: value})]}
    response = _post(live_server, kiosk, body)
    assert response.status_code == 422, response.text
    assert response.json()["results"][0]["status"] == "rejected"


def test_record_of_another_kiosk_is_rejected(
    live_server: LiveServer, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    """A token may only upload its own kiosk's records."""
    other = add_kiosk(live_server.database_url, capsys, kiosk_id="may-khac")
    response = _post(
        live_server,
        kiosk,
        {
            "sessions": [session_record(other)],
            "outcomes": [outcome_record(other, "0" * 8 + "-0000-4000-8000-" + "0" * 12)],
        },
    )
    assert response.status_code == 422
    assert {r["status"] for r in response.json()["results"]} == {"rejected"}
    assert _count(live_server.database_url, db.sessions) == 0


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[]",
        b'{"sessions": {}}',
        b'{"sessions": [], "extra": 1}',
        b"\xff\xfe",
        b"[" * 100_000,
        b'{"sessions": [' + b"1" * 5000 + b"]}",
    ],
)
def test_unreadable_bodies_are_a_whole_body_422(
    live_server: LiveServer, kiosk: Kiosk, raw: bytes
) -> None:
    """Bodies that are not a batch at all give 422 with `errors` and store nothing (never 5xx)."""
    response = httpx.post(
        live_server.url + URL,
        content=raw,
        headers={**kiosk.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["results"] == [] and response.json()["errors"]


def test_batch_over_the_record_limit_is_422(live_server: LiveServer, kiosk: Kiosk) -> None:
    """More than MAX_BATCH_RECORDS sessions in one batch is refused as a whole."""
    small = {"uuid": "x"}
    response = _post(live_server, kiosk, {"sessions": [small] * (MAX_BATCH_RECORDS + 1)})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["body", "sessions"]


def test_401_missing_wrong_and_revoked_token(
    live_server: LiveServer, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    """No token, a wrong token, and a revoked token all get 401, on upload and catalog."""
    body = {"sessions": [session_record(kiosk)]}
    for headers in [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}]:
        response = httpx.post(live_server.url + URL, json=body, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert _post(live_server, kiosk, {"sessions": []}).status_code == 200
    assert (
        cli.main(["--database", live_server.database_url, "kiosk", "revoke", kiosk.kiosk_id]) == 0
    )
    assert _post(live_server, kiosk, body).status_code == 401
    manifest = httpx.get(live_server.url + "/api/v1/catalog/manifest", headers=kiosk.headers)
    assert manifest.status_code == 401
    assert _count(live_server.database_url, db.sessions) == 0


def test_last_seen_is_updated_on_every_authenticated_request(
    live_server: LiveServer, kiosk: Kiosk, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    """After a request the kiosk's last_seen_at is set, and `stats --json` shows it."""
    capsys.readouterr()
    assert cli.main(["--database", live_server.database_url, "stats", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["kiosks"][0]["last_seen_at"] is None
    httpx.get(live_server.url + "/api/v1/catalog/manifest", headers=kiosk.headers)
    assert cli.main(["--database", live_server.database_url, "stats", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    seen = datetime.fromisoformat(after["kiosks"][0]["last_seen_at"])
    assert seen == clock.now()  # the collector's own clock, not the test machine's


def _raw_request(server: LiveServer, head: bytes, body_chunks: list[bytes]) -> bytes:
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head)
        for chunk in body_chunks:
            try:
                sock.sendall(chunk)
            except OSError:
                break  # the server answered and closed: exactly what we want
        data = b""
        while b"\r\n\r\n" not in data:
            piece = sock.recv(65536)
            if not piece:
                break
            data += piece
        return data


def test_413_on_declared_length_before_reading_the_body(
    live_server: LiveServer, kiosk: Kiosk
) -> None:
    """A Content-Length over the cap gets 413 at once, before a single body byte is sent."""
    head = (
        f"POST {URL} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {kiosk.token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {MAX_BODY_BYTES + 1}\r\n\r\n"
    ).encode()
    answer = _raw_request(live_server, head, [])  # no body at all: it was never parsed
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]


def test_413_on_streamed_chunked_body(live_server: LiveServer, kiosk: Kiosk) -> None:
    """A chunked body without Content-Length is counted while streaming and cut off at 413."""
    head = (
        f"POST {URL} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {kiosk.token}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunk = b" " * 65536
    chunks = [f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"] * ((MAX_BODY_BYTES // 65536) + 4)
    answer = _raw_request(live_server, head, [*chunks, b"0\r\n\r\n"])
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    assert _count(live_server.database_url, db.sessions) == 0


def test_413_also_without_a_token(live_server: LiveServer) -> None:
    """The size cap comes before authentication: nobody gets to make the server read 1 MB+."""
    response = httpx.post(live_server.url + URL, content=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413


def test_50_concurrent_identical_posts_make_one_row(live_server: LiveServer, kiosk: Kiosk) -> None:
    """50 identical uploads at once: exactly one 'stored', 49 'already-there', one row (G17)."""
    body = {"sessions": [session_record(kiosk)]}
    barrier = threading.Barrier(50)
    statuses: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def send() -> None:
        try:
            with httpx.Client(timeout=60) as client:
                barrier.wait()
                response = client.post(live_server.url + URL, json=body, headers=kiosk.headers)
            assert response.status_code == 200, response.text
            with lock:
                statuses.append(response.json()["results"][0]["status"])
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=send) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[0]
    assert sorted(statuses) == ["already-there"] * 49 + ["stored"]
    assert _count(live_server.database_url, db.sessions) == 1


def test_import_file_is_idempotent_with_upload(
    live_server: LiveServer, kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Records uploaded over HTTP and then imported from a USB export are not duplicated."""
    uploaded = session_record(kiosk)
    assert _post(live_server, kiosk, {"sessions": [uploaded]}).status_code == 200
    offline = session_record(kiosk)
    export = {
        "format": "dvc-kiosk-export",
        "version": 1,
        "kiosk_id": kiosk.kiosk_id,
        "help_point_id": kiosk.help_point_id,
        "sessions": [uploaded, offline],
        "outcomes": [outcome_record(kiosk, offline["uuid"])],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--database", live_server.database_url, "import", str(path)]) == 0
    assert "2 bản ghi mới, 1 đã có" in capsys.readouterr().out
    assert cli.main(["--database", live_server.database_url, "import", str(path)]) == 0
    assert "0 bản ghi mới, 3 đã có" in capsys.readouterr().out
    again = _post(live_server, kiosk, {"sessions": [offline]})
    assert again.json()["results"][0]["status"] == "already-there"
    assert _count(live_server.database_url, db.sessions) == 2
    export["sessions"] = [{**offline, "rating": 1}]  # same uuid, other content
    export["outcomes"] = []
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["--database", live_server.database_url, "import", str(path)]) == 1
    assert "1 xung đột" in capsys.readouterr().out


def test_stats_json_counts_per_help_point_and_kiosk(
    live_server: LiveServer, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stats --json` counts sessions per help point and per kiosk."""
    other = add_kiosk(live_server.database_url, capsys, "duc-nhuan-kp1", "Phường Đức Nhuận")
    _post(live_server, kiosk, {"sessions": [session_record(kiosk) for _ in range(3)]})
    _post(live_server, other, {"sessions": [session_record(other) for _ in range(2)]})
    capsys.readouterr()
    assert cli.main(["--database", live_server.database_url, "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    points = {p["id"]: p["sessions"] for p in data["help_points"]}
    assert points == {"phu-nhuan-kp3": 3, "duc-nhuan-kp1": 2}
    kiosks = {k["id"]: k["sessions"] for k in data["kiosks"]}
    assert kiosks == {kiosk.kiosk_id: 3, other.kiosk_id: 2}
    assert all(k["last_seen_at"] for k in data["kiosks"])


def test_catalog_publish_and_serve(
    live_server: LiveServer, kiosk: Kiosk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """keygen + publish, then the kiosk fetches, verifies and checks every file it downloads."""
    assert (
        httpx.get(live_server.url + "/api/v1/catalog/manifest", headers=kiosk.headers).status_code
        == 404
    )
    keys = tmp_path / "keys"
    assert cli.main(["catalog", "keygen", "--out", str(keys)]) == 0
    public = (keys / "catalog-public-key.txt").read_text().strip()
    catalog = Path(__file__).resolve().parents[2] / "resources" / "catalog"
    base = [
        "--database",
        live_server.database_url,
        "catalog",
        "publish",
        str(catalog),
        "--key",
        str(keys / "catalog-signing-key.pem"),
        "--expires",
        "2099-12-31",
    ]
    assert cli.main([*base, "--version", "3"]) == 0
    assert cli.main([*base, "--version", "3"]) == 2  # no re-publishing an old version
    response = httpx.get(live_server.url + "/api/v1/catalog/manifest", headers=kiosk.headers)
    assert response.status_code == 200
    signed = SignedManifest.from_json(response.json())
    manifest = verify_manifest(signed, public, 2, datetime.now(UTC), 2_000_000, 500)
    assert manifest.version == 3 and "catalog.toml" in manifest.files
    for name in manifest.files:
        data = httpx.get(
            f"{live_server.url}/api/v1/catalog/files/{name}",
            params={"version": 3},
            headers=kiosk.headers,
        )
        assert data.status_code == 200
        verify_file(manifest, name, data.content)
    missing = httpx.get(live_server.url + "/api/v1/catalog/files/nope.toml", headers=kiosk.headers)
    assert missing.status_code == 404
    for odd in ["a%00b.toml", "..%2Fcatalog.toml", "%E1%BB%9D.toml"]:  # NUL, "..", non-ASCII
        answer = httpx.get(f"{live_server.url}/api/v1/catalog/files/{odd}", headers=kiosk.headers)
        assert answer.status_code == 404


def test_wrong_key_file_is_a_clean_cli_error(tmp_path: Path) -> None:
    """Publishing with something that is not an Ed25519 key is a one-line error, exit 2."""
    bad = tmp_path / "bad.pem"
    bad.write_text("nope")
    assert (
        cli.main(
            [
                "--database",
                f"sqlite:///{tmp_path / 'x.db'}",
                "catalog",
                "publish",
                str(tmp_path),
                "--version",
                "1",
                "--expires",
                "2099-01-01",
                "--key",
                str(bad),
            ]
        )
        == 2
    )
    assert Ed25519PrivateKey  # the key type the CLI insists on
