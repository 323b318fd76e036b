"""Fixtures for the collector: a clean database on SQLite and PostgreSQL, and a live server.

Every test that touches the database runs twice (SQLite file, PostgreSQL); the PostgreSQL run
gets a freshly created database of its own. The server is real uvicorn on a free loopback
port, talked to over real HTTP.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from collector import cli
from collector.ratelimit import Rate
from kiosk.clock import FixedClock
from tests.loopback import LiveCollector, postgres_database, running_collector

PG_ENV = "DVC_TEST_POSTGRES_URL"
# The collector's "now" in these tests: the day after the sample records (27 Nov 2026).
NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)


def _postgres_base() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {PG_ENV} is not: the PostgreSQL tests cannot be skipped")
    return None


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database; parametrized over SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'collector.db'}"
        return
    base = _postgres_base()
    if base is None:
        pytest.skip(f"{PG_ENV} is not set (scripts/test.sh sets it)")
    with postgres_database(base, prefix="dvc_c") as url:
        yield url


# The collector tests call the running server a LiveServer (url, database_url, app).
LiveServer = LiveCollector


@pytest.fixture
def clock() -> FixedClock:
    """The collector's clock, pinned at NOW; a test moves it with advance()."""
    return FixedClock(NOW)


@pytest.fixture
def live_server(database_url: str, clock: FixedClock) -> Iterator[LiveServer]:
    """A real collector over HTTP on loopback, on a clean database, on the pinned clock."""
    # The pinned clock never refills a kiosk's request allowance, so these servers get a
    # burst large enough for any test; tests/collector/test_abuse.py tests the real limits.
    generous = Rate(per_second=1.0, burst=100_000)
    options = {"clock": clock, "upload_rate": generous, "catalog_rate": generous}
    with running_collector(database_url, app_options=options, limit_concurrency=500) as live:
        yield live


@dataclass
class Kiosk:
    """A registered kiosk and its bearer token."""

    kiosk_id: str
    help_point_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """The Authorization header the kiosk sends."""
        return {"Authorization": f"Bearer {self.token}"}


def add_kiosk(
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    help_point_id: str = "phu-nhuan-kp3",
    ward: str = "Phường Phú Nhuận",
    kiosk_id: str | None = None,
) -> Kiosk:
    """Register a help point and a kiosk through the real CLI; read the printed token."""
    capsys.readouterr()
    assert (
        cli.main(
            [
                "--database",
                database_url,
                "help-point",
                "add",
                "--id",
                help_point_id,
                "--name",
                f"Điểm {help_point_id}",
                "--ward",
                ward,
            ]
        )
        == 0
    )
    args = [
        "--database",
        database_url,
        "kiosk",
        "add",
        "--help-point",
        help_point_id,
        "--name",
        "Máy 1",
    ]
    if kiosk_id:
        args += ["--id", kiosk_id]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    values = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return Kiosk(values["kiosk_id"], help_point_id, values["token"])


def session_record(kiosk: Kiosk, **overrides: Any) -> dict[str, Any]:
    """A valid session record as a kiosk would send it."""
    import uuid as uuid_module

    record: dict[str, Any] = {
        "uuid": str(uuid_module.uuid4()),
        "kiosk_id": kiosk.kiosk_id,
        "help_point_id": kiosk.help_point_id,
        "started_at": "2026-11-27T02:00:00+00:00",
        "ended_at": "2026-11-27T02:12:30+00:00",
        "language": "vi",
        "text_size": "large",
        "procedure_id": "dang-ky-tam-tru",
        "furthest_step": 5,
        "step_count": 7,
        "practice_modules": ["cccd"],
        "help_requests": 1,
        "rating": 5,
        "end_reason": "finished",
        "catalog_version": 3,
        "schema": 1,
    }
    record.update(overrides)
    return record


def outcome_record(kiosk: Kiosk, session_uuid: str, **overrides: Any) -> dict[str, Any]:
    """A valid outcome record for a session."""
    import uuid as uuid_module

    record: dict[str, Any] = {
        "uuid": str(uuid_module.uuid4()),
        "session_uuid": session_uuid,
        "kiosk_id": kiosk.kiosk_id,
        "outcome": "vneid-activated",
        "marked_at": "2026-11-27T02:15:00+00:00",
        "volunteer_code": "TNV-07",
        "schema": 1,
    }
    record.update(overrides)
    return record


def content_report_record(kiosk: Kiosk, **overrides: Any) -> dict[str, Any]:
    """A valid content report ("Báo nội dung sai") as a kiosk would send it."""
    import uuid as uuid_module

    record: dict[str, Any] = {
        "uuid": str(uuid_module.uuid4()),
        "kiosk_id": kiosk.kiosk_id,
        "procedure_id": "dang-ky-tam-tru",
        "step": 4,
        "reason": "picture",
        "catalog_version": 3,
        "reported_at": "2026-11-27T02:20:00+00:00",
        "schema": 1,
    }
    record.update(overrides)
    return record
