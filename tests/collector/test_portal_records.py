"""The collector and the portal view's fields: kiosks that predate them are still accepted, the
new fields are stored, a record stored before the upgrade is still the same record after it,
and half a set of portal fields is refused — on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import httpx
import pytest
from alembic import command
from sqlalchemy import select, text

from collector import db
from collector.ingest import ingest, payload_hash
from kiosk.protocol import SessionRecord
from tests.collector.conftest import Kiosk, LiveServer, add_kiosk, session_record

URL = "/api/v1/sessions"
PORTAL = {"portal_procedure_id": "dang-ky-tam-tru", "portal_seconds": 840, "portal_last_step": True}


@pytest.fixture
def kiosk(live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> Kiosk:
    """A kiosk registered on the live server's database."""
    return add_kiosk(live_server.database_url, capsys)


def post(server: LiveServer, kiosk: Kiosk, sessions: list[dict[str, Any]]) -> list[str]:
    response = httpx.post(
        server.url + URL, json={"sessions": sessions}, headers=kiosk.headers, timeout=30
    )
    assert response.status_code in (200, 409, 422), response.text
    return [r["status"] for r in response.json()["results"]]


def test_old_and_new_kiosks_are_both_accepted_and_the_portal_fields_stored(
    live_server: LiveServer, kiosk: Kiosk
) -> None:
    """A record without the fields (a kiosk one schema older) and one with them: both stored;
    the portal's procedure, seconds and last step are in the row; re-sends are already-there."""
    old = session_record(kiosk)
    new = session_record(kiosk, **PORTAL)
    assert post(live_server, kiosk, [old, new]) == ["stored", "stored"]
    assert post(live_server, kiosk, [old, new]) == ["already-there", "already-there"]
    engine = db.make_engine(live_server.database_url)
    try:
        with engine.connect() as connection:
            rows = {
                r.uuid: (r.portal_procedure_id, r.portal_seconds, r.portal_last_step)
                for r in connection.execute(select(db.sessions))
            }
    finally:
        engine.dispose()
    assert rows[old["uuid"]] == (None, None, None)
    assert rows[new["uuid"]] == ("dang-ky-tam-tru", 840, True)


@pytest.mark.parametrize(
    "portal",
    [
        {"portal_procedure_id": "dang-ky-tam-tru"},
        {"portal_seconds": 10, "portal_last_step": False},
        {**PORTAL, "portal_seconds": 86_401},
        {**PORTAL, "portal_last_step": 1},
        {**PORTAL, "portal_procedure_id": "https://dichvucong.gov.vn/x"},
        {**PORTAL, "portal_url": "https://dichvucong.gov.vn/x"},
    ],
)
def test_bad_portal_fields_are_rejected_without_losing_the_batch(
    live_server: LiveServer, kiosk: Kiosk, portal: dict[str, Any]
) -> None:
    """Half a set, out of bounds, not an id, or an address field: that record is rejected."""
    good = session_record(kiosk)
    bad = session_record(kiosk, **portal)
    assert post(live_server, kiosk, [good, bad]) == ["stored", "rejected"]


def old_hash(record: dict[str, Any]) -> str:
    """The payload hash as the collector computed it before the portal fields existed."""
    body = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def test_a_record_stored_before_the_upgrade_is_the_same_record_after_it(
    database_url: str,
) -> None:
    """A database at 0002 holds a session hashed the old way; after the upgrade to the portal
    schema the kiosk re-sends it: already-there (not a conflict), its row intact with NULL
    portal fields."""
    kiosk = Kiosk("kiosk-1", "phu-nhuan-kp3", "unused")
    record = session_record(kiosk)
    parsed = SessionRecord.from_json(record)
    assert payload_hash(parsed) == old_hash(record), "a record without the portal hashes as before"
    engine = db.make_engine(database_url)
    try:
        config = db.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0002")
        now = datetime(2026, 11, 27, 3, 0)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO help_points VALUES (:id, 'Điểm', 'Phường', :at)"),
                {"id": kiosk.help_point_id, "at": now},
            )
            connection.execute(
                text("INSERT INTO kiosks (id, help_point_id, name, token_sha256, created_at) "
                     "VALUES (:id, :hp, 'Máy 1', :token, :at)"),
                {"id": kiosk.kiosk_id, "hp": kiosk.help_point_id, "token": "0" * 64, "at": now},
            )  # fmt: skip
            values = {
                **record,
                "started_at": datetime(2026, 11, 27, 2, 0),
                "ended_at": datetime(2026, 11, 27, 2, 12, 30),
                "practice_modules": "cccd",
                "payload_sha256": old_hash(record),
                "received_at": now,
            }
            names = ", ".join(f'"{c}"' for c in values)  # quoted: "schema" is a column
            marks = ", ".join(f":{c}" for c in values)
            connection.execute(text(f"INSERT INTO sessions ({names}) VALUES ({marks})"), values)
        db.migrate(engine)
        with engine.begin() as connection:
            [result] = ingest(connection, kiosk.kiosk_id, [record], [])
            row = connection.execute(select(db.sessions)).one()
        assert result.status.value == "already-there"
        assert (row.portal_procedure_id, row.portal_seconds, row.portal_last_step) == (
            None,
            None,
            None,
        )
        assert row.help_requests == record["help_requests"]
    finally:
        engine.dispose()
