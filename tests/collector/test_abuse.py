"""The collector under a hostile or careless kiosk: odd text, floods of requests and foreign or
future marks (issue 13, items 1 and 5), over real HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from collector import db
from collector.ratelimit import Rate
from kiosk.clock import FixedClock
from tests.collector.conftest import (
    NOW,
    Kiosk,
    LiveServer,
    add_kiosk,
    outcome_record,
    session_record,
)
from tests.loopback import running_collector

URL = "/api/v1/sessions"


def _rows(database_url: str, table: Any) -> int:
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(table)).scalar_one())
    finally:
        engine.dispose()


def _post_raw(server: LiveServer, kiosk: Kiosk, body: dict[str, Any]) -> httpx.Response:
    # json.dumps with ensure_ascii spells lone surrogates and NUL as valid JSON escapes,
    # exactly as a hostile client can.
    raw = json.dumps(body).encode("ascii")
    headers = {**kiosk.headers, "Content-Type": "application/json"}
    return httpx.post(server.url + URL, content=raw, headers=headers, timeout=30)


@pytest.fixture
def kiosk(live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> Kiosk:
    """A kiosk registered on the live server's database."""
    return add_kiosk(live_server.database_url, capsys)


BAD_SESSIONS = {
    "lone surrogate in the uuid": ({"uuid": "\ud800"}, "uuid"),
    "NUL in the help point": ({"help_point_id": "phu\x00nhuan"}, "help_point_id"),
    "NUL in the time": ({"ended_at": "2026-11-27T02:12:30\x00+00:00"}, "ended_at"),
    "lone surrogate as a field name": ({"\udfff": 1}, "field name"),
    "over-long procedure id": ({"procedure_id": "a" * 5000}, "procedure_id"),
    "surrogate inside the modules list": ({"practice_modules": ["cccd", "\ud83d"]}, "[1]"),
}


@pytest.mark.parametrize("change", BAD_SESSIONS.values(), ids=list(BAD_SESSIONS))
def test_bad_text_in_a_session_is_a_422_naming_the_field(
    live_server: LiveServer, kiosk: Kiosk, change: tuple[dict[str, Any], str]
) -> None:
    """A record with text no database takes is rejected alone, its field named; the good
    records of the batch are stored whole and nothing of the bad one is written."""
    overrides, field = change
    good = session_record(kiosk)
    bad = session_record(kiosk)
    bad.update(overrides)
    response = _post_raw(live_server, kiosk, {"sessions": [good, bad]})
    assert response.status_code == 422, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["stored", "rejected"]
    assert field in results[1]["detail"]
    assert _rows(live_server.database_url, db.sessions) == 1
    # The kiosk re-sends the good record: it is there exactly once.
    again = _post_raw(live_server, kiosk, {"sessions": [good]})
    assert again.json()["results"][0]["status"] == "already-there"


def test_bad_text_in_an_outcome_is_a_422_naming_the_field(
    live_server: LiveServer, kiosk: Kiosk
) -> None:
    """Outcomes get the same check: a surrogate session_uuid or a NUL volunteer code."""
    session = session_record(kiosk)
    good = outcome_record(kiosk, session["uuid"])
    surrogate = outcome_record(kiosk, "\udc80")
    nul = outcome_record(kiosk, session["uuid"], volunteer_code="TNV\x0007")
    response = _post_raw(
        live_server, kiosk, {"sessions": [session], "outcomes": [good, surrogate, nul]}
    )
    assert response.status_code == 422, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["stored", "stored", "rejected", "rejected"]
    assert "session_uuid" in results[2]["detail"] and "volunteer_code" in results[3]["detail"]
    assert _rows(live_server.database_url, db.outcomes) == 1


def test_bad_text_in_the_envelope_is_a_clean_whole_body_422(
    live_server: LiveServer, kiosk: Kiosk
) -> None:
    """A lone surrogate as an unknown top-level key: a readable 422, nothing stored."""
    response = _post_raw(live_server, kiosk, {"sessions": [session_record(kiosk)], "\ud800": 1})
    assert response.status_code == 422
    assert response.json()["errors"]
    assert _rows(live_server.database_url, db.sessions) == 0


@pytest.fixture
def limited_server(database_url: str) -> Iterator[tuple[LiveServer, FixedClock]]:
    """A collector with small per-kiosk allowances, on a pinned clock."""
    clock = FixedClock(NOW)
    options = {
        "clock": clock,
        "upload_rate": Rate(per_second=1.0, burst=3),
        "catalog_rate": Rate(per_second=0.5, burst=2),
    }
    with running_collector(database_url, app_options=options) as live:
        yield live, clock


def test_upload_and_catalog_requests_are_rate_limited_per_token(
    limited_server: tuple[LiveServer, FixedClock], capsys: pytest.CaptureFixture[str]
) -> None:
    """Past its allowance a token gets 429 with Retry-After; another kiosk is not affected;
    once the named seconds have passed, the kiosk is served again."""
    live, clock = limited_server
    first = add_kiosk(live.database_url, capsys, kiosk_id="kiosk-a")
    second = add_kiosk(live.database_url, capsys, "cau-kieu-kp2", "Phường Cầu Kiệu", "kiosk-b")
    for _ in range(3):
        assert _post_raw(live, first, {"sessions": [session_record(first)]}).status_code == 200
    refused = _post_raw(live, first, {"sessions": [session_record(first)]})
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    assert _post_raw(live, second, {"sessions": [session_record(second)]}).status_code == 200
    clock.advance(int(refused.headers["retry-after"]))
    assert _post_raw(live, first, {"sessions": [session_record(first)]}).status_code == 200

    manifest = live.url + "/api/v1/catalog/manifest"
    assert [httpx.get(manifest, headers=first.headers).status_code for _ in range(2)] == [404] * 2
    limited = httpx.get(live.url + "/api/v1/catalog/files/catalog.toml", headers=first.headers)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "2"
    assert httpx.get(manifest, headers=second.headers).status_code == 404


def test_a_kiosk_marks_only_its_own_sessions(
    live_server: LiveServer, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    """An outcome on another kiosk's session is rejected; on its own session it is stored."""
    other = add_kiosk(live_server.database_url, capsys, "cau-kieu-kp2", "Phường Cầu Kiệu")
    session = session_record(kiosk)
    assert _post_raw(live_server, kiosk, {"sessions": [session]}).status_code == 200
    foreign = _post_raw(live_server, other, {"outcomes": [outcome_record(other, session["uuid"])]})
    assert foreign.status_code == 422
    assert "another kiosk" in foreign.json()["results"][0]["detail"]
    own = _post_raw(live_server, kiosk, {"outcomes": [outcome_record(kiosk, session["uuid"])]})
    assert own.status_code == 200
    assert _rows(live_server.database_url, db.outcomes) == 1


def test_marked_at_from_the_future_is_rejected(
    live_server: LiveServer, kiosk: Kiosk, clock: FixedClock
) -> None:
    """A mark up to 10 minutes ahead of the collector's clock is kept (kiosk clocks drift);
    further ahead it is refused, so it cannot stay "newest" for ever."""
    session = session_record(kiosk)
    near = outcome_record(
        kiosk, session["uuid"], marked_at=(clock.now() + timedelta(minutes=9)).isoformat()
    )
    far = outcome_record(
        kiosk, session["uuid"], marked_at=(clock.now() + timedelta(minutes=11)).isoformat()
    )
    response = _post_raw(live_server, kiosk, {"sessions": [session], "outcomes": [near, far]})
    assert [r["status"] for r in response.json()["results"]] == ["stored", "stored", "rejected"]
    assert "marked_at" in response.json()["results"][2]["detail"]
