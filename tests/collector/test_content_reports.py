"""Volunteers' content reports ("Báo nội dung sai") on the collector: checked like every other
record at ingest (text, both models, the token's kiosk, one record at a time), stored once,
and listed on the dashboard from cheap grouped queries — with the sessions' rule for a kiosk
whose clock is wrong. Also how sessions ended, counted from the per-day aggregates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from collector import cli, db, exportfile, stats
from kiosk.clock import FixedClock
from tests.collector.conftest import (
    Kiosk,
    LiveServer,
    add_kiosk,
    content_report_record,
    session_record,
)

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog"


def _post(live: LiveServer, kiosk: Kiosk, body: dict[str, Any]) -> httpx.Response:
    # json.dumps with ensure_ascii spells a lone surrogate as a valid JSON escape.
    raw = json.dumps(body).encode()
    headers = {**kiosk.headers, "Content-Type": "application/json"}
    return httpx.post(live.url + "/api/v1/sessions", content=raw, headers=headers, timeout=30)


def _rows(database_url: str, table: Any) -> list[Any]:
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(select(table)).all())
    finally:
        engine.dispose()


def test_reports_pass_the_same_checks_as_other_records(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    """A good report is stored field for field at the collector's clock; another kiosk's id is
    refused as `wrong-kiosk`, bad text, an unknown reason or step as `invalid` naming the field;
    the batch's other records are stored all the same; refusals are counted per reason; a
    re-send is already there and a changed one a conflict."""
    kiosk = add_kiosk(live_server.database_url, capsys, kiosk_id="kp3-may-1")
    good = content_report_record(kiosk, reported_at="2026-11-27T09:20:00+07:00")
    session = session_record(kiosk)
    body = {
        "sessions": [session],
        "content_reports": [
            good,
            content_report_record(kiosk, kiosk_id="vm"),
            content_report_record(kiosk, procedure_id="dang-ky\ud800"),
            content_report_record(kiosk, reason="typo"),
            content_report_record(kiosk, step=201),
        ],
    }
    answer = _post(live_server, kiosk, body)
    assert answer.status_code == 422, answer.text
    results = answer.json()["results"]
    assert [r["kind"] for r in results] == ["session"] + ["content-report"] * 5
    assert [r["status"] for r in results] == ["stored", "stored"] + ["rejected"] * 4
    assert [r["reason"] for r in results] == [None, None, "wrong-kiosk"] + ["invalid"] * 3
    assert "'vm' is not this token's kiosk 'kp3-may-1'" in results[2]["detail"]
    assert results[3]["detail"].startswith("procedure_id: text is not valid Unicode")
    assert "reason" in results[4]["detail"] and "step" in results[5]["detail"]

    [row] = _rows(live_server.database_url, db.content_reports)
    assert (row.uuid, row.kiosk_id, row.procedure_id, row.step, row.reason) == (
        good["uuid"],
        "kp3-may-1",
        "dang-ky-tam-tru",
        4,
        "picture",
    )
    assert (row.catalog_version, row.schema) == (3, 1)
    assert row.reported_at == datetime(2026, 11, 27, 2, 20)  # naive UTC
    assert row.received_at == clock.now().astimezone(UTC).replace(tzinfo=None)
    assert len(_rows(live_server.database_url, db.sessions)) == 1
    refusals = {r.reason: r.count for r in _rows(live_server.database_url, db.upload_refusals)}
    assert refusals == {"wrong-kiosk": 1, "invalid": 3}

    again = _post(live_server, kiosk, {"content_reports": [good]})
    assert again.status_code == 200
    assert again.json()["results"][0]["status"] == "already-there"
    changed = _post(live_server, kiosk, {"content_reports": [{**good, "reason": "fee"}]})
    assert changed.status_code == 409
    assert changed.json()["results"][0]["reason"] == "conflict"
    assert len(_rows(live_server.database_url, db.content_reports)) == 1


def test_dashboard_lists_reports_per_step_and_how_sessions_ended(
    live_server: LiveServer,
    capsys: pytest.CaptureFixture[str],
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reports are grouped per procedure and step, most reported first, with each reason's
    count, the help points and the newest catalog version; one dated years ahead or before
    the product existed counts at its receipt, one older than 90 days is left out; the lines
    are cut at REPORT_LINES (the page says so). End reasons come from the aggregates."""
    kp1 = add_kiosk(live_server.database_url, capsys, "kp1", "Phường 1", "kp1-may")
    kp3 = add_kiosk(live_server.database_url, capsys, "kp3", "Phường 3", "kp3-may")
    now = clock.now()

    def ago(**delta: float) -> str:
        return (now - timedelta(**delta)).isoformat()

    reports = [
        (
            kp1,
            [
                content_report_record(kp1, reported_at=ago(days=2), catalog_version=4),
                content_report_record(kp1, step=0, reason="fee", reported_at=ago(days=1)),
                content_report_record(
                    kp1,
                    procedure_id="cap-doi-the-can-cuoc",
                    step=2,
                    reported_at="2099-01-01T00:00:00+00:00",
                ),
                content_report_record(kp1, procedure_id="old", reported_at=ago(days=120)),
            ],
        ),
        (
            kp3,
            [
                content_report_record(kp3, reason="screen-changed", reported_at=ago(days=30)),
                content_report_record(
                    kp3,
                    procedure_id="doi-giay-phep-lai-xe",
                    step=1,
                    reported_at="2020-01-01T00:00:00+00:00",
                ),
            ],
        ),
    ]
    for kiosk, batch in reports:
        sessions = [
            session_record(kiosk, started_at=ago(hours=3), ended_at=ago(hours=2), end_reason=end)
            for end in ("home", "idle", "finished", "finished")
        ]
        answer = _post(live_server, kiosk, {"sessions": sessions, "content_reports": batch})
        assert answer.status_code == 200, answer.text

    received = now.astimezone(UTC).replace(tzinfo=None)
    engine = db.make_engine(live_server.database_url)
    try:
        board = stats.dashboard(engine, now)
        assert board.end_reasons == {"finished": 4, "idle": 2, "volunteer-reset": 0, "home": 2}
        lines = [(line.procedure_id, line.step) for line in board.content_reports]
        assert lines == [
            ("dang-ky-tam-tru", 4),  # two reports
            ("cap-doi-the-can-cuoc", 2),  # "2099" counts at its receipt: the newest single one
            ("doi-giay-phep-lai-xe", 1),  # "2020" too
            ("dang-ky-tam-tru", 0),
        ]  # "old" (120 days) is outside the window
        top = board.content_reports[0]
        assert top.reasons == {"picture": 1, "screen-changed": 1}
        assert (top.total, top.catalog_version, top.help_points) == (2, 4, ["kp1", "kp3"])
        assert top.last_at == (now - timedelta(days=2)).astimezone(UTC).replace(tzinfo=None)
        assert board.content_reports[1].last_at == received
        assert board.content_reports[2].last_at == received
        assert not board.more_content_reports

        monkeypatch.setattr(stats, "REPORT_LINES", 2)
        cut = stats.dashboard(engine, now)
        assert [(line.procedure_id, line.step) for line in cut.content_reports] == lines[:2]
        assert cut.more_content_reports
        assert cut.content_reports[0].reasons == {"picture": 1, "screen-changed": 1}
    finally:
        engine.dispose()


def test_step_titles_come_from_the_newest_release_once(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Steps are named from the published catalog (numbered as the kiosk shows them); steps
    and procedures it does not have are left out; a release is read once, not per page."""
    engine = db.make_engine(database_url)
    try:
        db.migrate(engine)
        wanted = {("dang-ky-tam-tru", 1), ("dang-ky-tam-tru", 999), ("no-such", 1)}
        assert stats.step_titles(engine, wanted) == {}  # nothing published yet
        keys = tmp_path / "keys"
        assert cli.main(["catalog", "keygen", "--out", str(keys)]) == 0
        publish = ["--database", database_url, "catalog", "publish", str(CATALOG)]
        key = ["--expires", "2099-12-31", "--key", str(keys / "catalog-signing-key.pem")]
        assert cli.main([*publish, "--version", "1", *key]) == 0
        titles = stats.step_titles(engine, wanted)
        assert list(titles) == [("dang-ky-tam-tru", 1)] and titles[("dang-ky-tam-tru", 1)]

        def no_second_read(rows: Any) -> Any:
            raise AssertionError("the release was read again")

        monkeypatch.setattr(stats, "_all_step_titles", no_second_read)
        assert stats.step_titles(engine, wanted) == titles
    finally:
        engine.dispose()


@pytest.mark.skipif(
    "content_reports" not in exportfile.RECORD_KEYS,
    reason="collector/exportfile.py does not read content_reports yet",
)
def test_import_stores_the_reports_of_an_export_file(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`dvc-collector import` stores an export file's content reports with the same checks:
    another kiosk's report is refused, a second import finds the rest already there."""
    kiosk = add_kiosk(database_url, capsys, kiosk_id="kp3-may-1")
    good = content_report_record(kiosk)
    document = {
        "format": "dvc-kiosk-export",
        "version": 1,
        "kiosk_id": kiosk.kiosk_id,
        "help_point_id": kiosk.help_point_id,
        "sessions": [session_record(kiosk)],
        "outcomes": [],
        "content_reports": [good, content_report_record(kiosk, kiosk_id="vm")],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--database", database_url, "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "2 bản ghi mới, 0 đã có, 0 xung đột, 1 bị từ chối" in out
    assert "content-report" in out and "'vm' is not this token's kiosk" in out
    assert [row.uuid for row in _rows(database_url, db.content_reports)] == [good["uuid"]]
    document["content_reports"] = [good]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert cli.main(["--database", database_url, "import", str(path)]) == 0
    assert "0 bản ghi mới, 2 đã có" in capsys.readouterr().out
