"""A Hypothesis state machine: whatever a kiosk sends, re-sends or garbles, server rows equal the
records the kiosk was told are stored (docs/reliability.md G6, G20)."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from collector import db
from kiosk.protocol import SessionRecord
from tests.collector.conftest import Kiosk, LiveServer, add_kiosk, session_record


def _hash(record: dict[str, Any]) -> str:
    body = SessionRecord.from_json(record).to_json()
    return hashlib.sha256(
        json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()


def test_server_rows_equal_acknowledged_records(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Random uploads, re-sends, conflicting edits and bad records never lose or double a row."""
    kiosk: Kiosk = add_kiosk(live_server.database_url, capsys)
    engine = db.make_engine(live_server.database_url)
    client = httpx.Client(base_url=live_server.url, headers=kiosk.headers, timeout=30)

    class KioskMachine(RuleBasedStateMachine):
        """The kiosk's outbox on one side, the server's table on the other."""

        def __init__(self) -> None:
            super().__init__()
            self.outbox: dict[str, dict[str, Any]] = {}  # created, not yet acknowledged
            self.acked: dict[str, dict[str, Any]] = {}  # the server said stored/already-there
            self.rejected: set[str] = set()  # refused records: must never appear on the server

        @rule(count=st.integers(1, 4), rating=st.sampled_from([None, 1, 3, 5]))
        def create(self, count: int, rating: int | None) -> None:
            for _ in range(count):
                record = session_record(kiosk, uuid=str(uuid.uuid4()), rating=rating)
                self.outbox[record["uuid"]] = record

        @rule(data=st.data())
        def upload_some(self, data: st.DataObject) -> None:
            pending = sorted(self.outbox)
            chosen = data.draw(st.lists(st.sampled_from(pending), max_size=6)) if pending else []
            resend = (
                data.draw(st.lists(st.sampled_from(sorted(self.acked)), max_size=3))
                if (self.acked)
                else []
            )
            batch = [self.outbox[u] for u in chosen] + [self.acked[u] for u in resend]
            response = client.post("/api/v1/sessions", json={"sessions": batch})
            assert response.status_code == 200, response.text
            for result in response.json()["results"]:
                assert result["status"] in ("stored", "already-there")
                if result["uuid"] in self.outbox:
                    self.acked[result["uuid"]] = self.outbox.pop(result["uuid"])

        @precondition(lambda self: bool(self.acked))
        @rule(data=st.data())
        def conflicting_edit(self, data: st.DataObject) -> None:
            target = data.draw(st.sampled_from(sorted(self.acked)))
            changed = copy.deepcopy(self.acked[target])
            changed["help_requests"] = changed["help_requests"] + 1
            response = client.post("/api/v1/sessions", json={"sessions": [changed]})
            assert response.status_code == 409
            assert response.json()["results"][0]["status"] == "conflict"

        @rule(field=st.sampled_from(["language", "rating", "kiosk_id", "note"]))
        def bad_record(self, field: str) -> None:
            record = session_record(kiosk, uuid=str(uuid.uuid4()))
            record[field] = "không hợp lệ"
            response = client.post("/api/v1/sessions", json={"sessions": [record]})
            assert response.status_code == 422
            assert response.json()["results"][0]["status"] == "rejected"
            self.rejected.add(record["uuid"])

        @invariant()
        def server_matches_client(self) -> None:
            mine = set(self.acked) | set(self.outbox) | self.rejected
            if not mine:
                return
            with engine.connect() as connection:
                rows = dict(
                    connection.execute(
                        select(db.sessions.c.uuid, db.sessions.c.payload_sha256).where(
                            db.sessions.c.uuid.in_(sorted(mine))
                        )
                    ).all()
                )
            assert rows == {u: _hash(r) for u, r in self.acked.items()}

    try:
        run_state_machine_as_test(
            KioskMachine,
            settings=settings(
                max_examples=12,
                stateful_step_count=8,
                deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
    finally:
        client.close()
        engine.dispose()
