"""A resident's own "Đã nộp hồ sơ" reaches the district marked as self-reported: stored with
`reported_by`, counted in the day's submitted visits; kiosks that predate the field keep
syncing (their marks are a volunteer's, hashed as before) — on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from alembic import command
from sqlalchemy import select, text

from collector import db, stats
from collector.ingest import ingest, payload_hash
from kiosk.protocol import OutcomeRecord
from tests.collector.conftest import Kiosk, LiveServer, add_kiosk, outcome_record, session_record

URL = "/api/v1/sessions"
SUBMITTED = {"outcome": "dossier-submitted", "volunteer_code": None}


@pytest.fixture
def kiosk(live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> Kiosk:
    """A kiosk registered on the live server's database."""
    return add_kiosk(live_server.database_url, capsys)


def post(server: LiveServer, kiosk: Kiosk, body: dict[str, Any]) -> list[str]:
    response = httpx.post(server.url + URL, json=body, headers=kiosk.headers, timeout=30)
    assert response.status_code in (200, 409, 422), response.text
    return [r["status"] for r in response.json()["results"]]


def test_a_residents_own_report_is_stored_as_such_and_counted(
    live_server: LiveServer, kiosk: Kiosk
) -> None:
    """A session with the resident's mark and an old kiosk's session with a volunteer's mark:
    all stored; the rows say who reported; the dashboard counts both submitted visits."""
    own_session = session_record(kiosk, end_reason="finished")
    own = outcome_record(kiosk, own_session["uuid"], **SUBMITTED, reported_by="resident")
    del own["volunteer_code"]
    old_session = session_record(kiosk)
    old = outcome_record(kiosk, old_session["uuid"], outcome="dossier-submitted")
    body = {"sessions": [own_session, old_session], "outcomes": [own, old]}
    assert post(live_server, kiosk, body) == ["stored"] * 4
    assert post(live_server, kiosk, body) == ["already-there"] * 4
    engine = db.make_engine(live_server.database_url)
    try:
        with engine.connect() as connection:
            rows = {r.uuid: r.reported_by for r in connection.execute(select(db.outcomes))}
        board = stats.dashboard(engine, now=datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    finally:
        engine.dispose()
    assert rows == {own["uuid"]: "resident", old["uuid"]: None}
    assert board.outcome_counts["dossier-submitted"] == 2
    assert board.end_reasons["finished"] == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"reported_by": "resident", "volunteer_code": "TNV-07"},  # her own report has no code
        {"reported_by": "kiosk"},
        {"reported_by": ""},
    ],
)
def test_a_bad_reported_by_is_rejected_without_losing_the_batch(
    live_server: LiveServer, kiosk: Kiosk, fields: dict[str, Any]
) -> None:
    """Not a MarkedBy value, or a resident's report with a volunteer's code: that mark only."""
    session = session_record(kiosk)
    good = outcome_record(kiosk, session["uuid"])
    bad = outcome_record(kiosk, session["uuid"], **fields)
    body = {"sessions": [session], "outcomes": [good, bad]}
    assert post(live_server, kiosk, body) == ["stored", "stored", "rejected"]


def old_hash(record: dict[str, Any]) -> str:
    """The payload hash as the collector computed it before `reported_by` existed."""
    body = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def test_a_mark_stored_before_the_upgrade_is_the_same_mark_after_it(database_url: str) -> None:
    """A database at 0008 (the migration before) holds a session and a volunteer's mark hashed
    the old way; after the upgrade (0009 adds outcomes.reported_by) the kiosk re-sends the
    mark: already-there (not a conflict), its row intact with reported_by NULL."""
    kiosk = Kiosk("kiosk-1", "phu-nhuan-kp3", "unused")
    session = session_record(kiosk)
    mark = outcome_record(kiosk, session["uuid"], outcome="dossier-submitted")
    assert payload_hash(OutcomeRecord.from_json(mark)) == old_hash(mark)
    engine = db.make_engine(database_url)
    try:
        config = db.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0008_machine_id")
        now = datetime(2026, 11, 27, 3, 0)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO help_points (id, name, ward, created_at) "
                    "VALUES (:id, 'Điểm', 'Phường', :at)"
                ),
                {"id": kiosk.help_point_id, "at": now},
            )
            connection.execute(
                text("INSERT INTO kiosks (id, help_point_id, name, token_sha256, created_at) "
                     "VALUES (:id, :hp, 'Máy 1', :token, :at)"),
                {"id": kiosk.kiosk_id, "hp": kiosk.help_point_id, "token": "0" * 64, "at": now},
            )  # fmt: skip
            [stored] = ingest(connection, kiosk.kiosk_id, [session], [])
            assert stored.status.value == "stored"
            values = {
                **mark,
                "marked_at": datetime(2026, 11, 27, 2, 15),
                "payload_sha256": old_hash(mark),
                "received_at": now,
            }
            names = ", ".join(f'"{c}"' for c in values)  # quoted: "schema" is a column
            marks = ", ".join(f":{c}" for c in values)
            connection.execute(text(f"INSERT INTO outcomes ({names}) VALUES ({marks})"), values)
        before = _outcome_rows(engine)
        db.migrate(engine)
        with engine.begin() as connection:
            [again] = ingest(connection, kiosk.kiosk_id, [], [mark])
            row = connection.execute(select(db.outcomes)).one()
        assert again.status.value == "already-there"
        assert row.reported_by is None
        assert [r[: len(before[0])] for r in _outcome_rows(engine)] == before
    finally:
        engine.dispose()


def _outcome_rows(engine: Any) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                text(
                    "SELECT uuid, session_uuid, kiosk_id, outcome, marked_at, volunteer_code, "
                    '"schema", payload_sha256 FROM outcomes ORDER BY uuid'
                )
            )
        ]


def test_the_collectors_migrations_have_one_head() -> None:
    """Branches that each added a migration after the same one (0008_machine_id and this
    one did) leave two heads, and `upgrade head` fails on every collector: one chain only."""
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(db.alembic_config()).get_heads() == ["0009_self_reported"]
