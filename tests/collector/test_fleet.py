"""The fleet on the collector: who a token is, health heartbeats, refusals with a named reason,
the alarms IT reads, and sessions from kiosks whose clock is wrong — on SQLite and PostgreSQL.

The collector runs for real (uvicorn on loopback) with a FixedClock, so "three opening days
ago" and "within the last hour" are the same on any day the suite runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from collector import cli, db, stats
from collector.fleet import fleet_view
from collector.fleet_store import HISTORY_PER_KIOSK, history_count
from collector.opening_days import missed_opening_days
from collector.session_time import counted_time
from kiosk.clock import FixedClock
from tests.collector.conftest import Kiosk, add_kiosk, session_record
from tests.loopback import LiveCollector, running_collector

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog"
TUESDAY_NOON_VN = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # Tue 1 Dec 2026, 12:00 in HCMC


@pytest.fixture
def clock() -> FixedClock:
    """The collector's clock, pinned."""
    return FixedClock(TUESDAY_NOON_VN)


@pytest.fixture
def live(database_url: str, clock: FixedClock) -> Iterator[LiveCollector]:
    """A real collector whose fleet API and pages go by `clock`."""
    with running_collector(database_url, clock=clock) as server:
        yield server


def report(kiosk: Kiosk, **fields: Any) -> dict[str, Any]:
    """A health report as a kiosk sends it."""
    body: dict[str, Any] = {
        "kind": "sync",
        "kiosk_id": kiosk.kiosk_id,
        "help_point_id": kiosk.help_point_id,
        "app_version": "0.1.0",
        "catalog_version": 1,
        "disk_free_bytes": 40_000_000_000,
        "unsynced": 0,
        "parked": 0,
        "parked_by_reason": {},
        "restarts": 0,
        "crashes": 0,
        "errors": 0,
        "clock_offset_seconds": 0,
        "uptime_seconds": 3600,
        "screen_width": 1920,
        "screen_height": 1080,
        "kiosk_mode": True,
        "opening_hours": [],
        "schema": 1,
    }
    body.update(fields)
    return body


def beat(live: LiveCollector, kiosk: Kiosk, **fields: Any) -> httpx.Response:
    """POST one heartbeat."""
    return httpx.post(
        live.url + "/api/v1/heartbeat", headers=kiosk.headers, json=report(kiosk, **fields)
    )


def _alarms(live: LiveCollector, clock: FixedClock) -> dict[str, list[str]]:
    engine = db.make_engine(live.database_url)
    try:
        fleet = fleet_view(engine, clock)
    finally:
        engine.dispose()
    return {k.id: [a.code for a in k.alarms] for k in fleet.kiosks()}


def test_whoami_says_the_tokens_kiosk_help_point_ward_and_hours(
    live: LiveCollector, capsys: pytest.CaptureFixture[str]
) -> None:
    """The token alone says which kiosk, help point, ward and opening hours; no token, 401."""
    kiosk = add_kiosk(live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-1")
    base = ["--database", live.database_url, "help-point", "add", "--id", "phu-nhuan-kp3"]
    hours = ["--opening-hours", "tue 17:30-20:30", "sat 08:00-11:00"]
    assert cli.main([*base, "--name", "KP3", "--ward", "Phường Phú Nhuận", *hours]) == 0
    answer = httpx.get(live.url + "/api/v1/whoami", headers=kiosk.headers)
    assert answer.status_code == 200
    assert answer.json() == {
        "kiosk_id": "kp3-may-1",
        "help_point_id": "phu-nhuan-kp3",
        "help_point_name": "KP3",
        "ward": "Phường Phú Nhuận",
        "opening_hours": ["tue 17:30-20:30", "sat 08:00-11:00"],
    }
    assert httpx.get(live.url + "/api/v1/whoami").status_code == 401
    bad = ["--opening-hours", "saturday 8-11"]
    assert cli.main([*base, "--name", "KP3", "--ward", "Phường Phú Nhuận", *bad]) == 2


def test_records_naming_another_kiosk_or_help_point_are_refused_with_a_named_reason(
    live: LiveCollector, capsys: pytest.CaptureFixture[str]
) -> None:
    """The token decides: another kiosk id or another help point is refused (reason named,
    the right id in the detail) and counted per kiosk and reason; the good record is stored."""
    kiosk = add_kiosk(live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-1")
    sessions = [
        session_record(kiosk),
        session_record(kiosk, kiosk_id="vm"),
        session_record(kiosk, help_point_id="duc-nhuan-kp1"),
    ]
    answer = httpx.post(
        live.url + "/api/v1/sessions", headers=kiosk.headers, json={"sessions": sessions}
    )
    assert answer.status_code == 422
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["stored", "rejected", "rejected"]
    assert [r["reason"] for r in results] == [None, "wrong-kiosk", "wrong-help-point"]
    assert "'vm' is not this token's kiosk 'kp3-may-1'" in results[1]["detail"]
    assert "'duc-nhuan-kp1'" in results[2]["detail"] and "'phu-nhuan-kp3'" in results[2]["detail"]
    engine = db.make_engine(live.database_url)
    try:
        with engine.connect() as connection:
            counts = dict(
                connection.execute(
                    select(db.upload_refusals.c.reason, db.upload_refusals.c.count)
                ).all()
            )
            stored = connection.execute(select(db.sessions.c.uuid)).scalars().all()
    finally:
        engine.dispose()
    assert counts == {"wrong-kiosk": 1, "wrong-help-point": 1}
    assert stored == [sessions[0]["uuid"]]


def test_heartbeats_keep_the_newest_report_and_a_bounded_history(
    live: LiveCollector, capsys: pytest.CaptureFixture[str]
) -> None:
    """However many reports arrive, the newest is kept and the history stays at its bound."""
    kiosk = add_kiosk(live.database_url, capsys)
    for unsynced in range(HISTORY_PER_KIOSK + 5):
        answer = beat(live, kiosk, unsynced=unsynced)
        assert answer.status_code == 200, answer.text
        assert answer.json()["identity_matches"] is True
    engine = db.make_engine(live.database_url)
    try:
        with engine.connect() as connection:
            latest = connection.execute(select(db.kiosk_health)).one()
            kept = history_count(connection, kiosk.kiosk_id)
            oldest = connection.execute(
                select(db.kiosk_health_history.c.unsynced).order_by(db.kiosk_health_history.c.seq)
            ).first()
    finally:
        engine.dispose()
    assert latest.unsynced == HISTORY_PER_KIOSK + 4
    assert kept == HISTORY_PER_KIOSK
    assert oldest is not None and oldest.unsynced == 5


def test_a_heartbeat_naming_other_ids_is_filed_under_the_token_and_flagged(
    live: LiveCollector, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ids in a report never override the token: stored under the token's kiosk, answered
    with the right ids, and the kiosks page raises wrong-identity."""
    kiosk = add_kiosk(live.database_url, capsys, "duc-nhuan-kp1", "Phường Đức Nhuận", "kp1-may-1")
    answer = beat(live, kiosk, kiosk_id="vm")
    assert answer.status_code == 200
    data = answer.json()
    assert data["identity_matches"] is False
    assert (data["kiosk_id"], data["help_point_id"]) == ("kp1-may-1", "duc-nhuan-kp1")
    assert "names kiosk 'vm'" in data["detail"] and "'kp1-may-1'" in data["detail"]
    assert _alarms(live, clock) == {"kp1-may-1": ["wrong-identity"]}


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"resident_name": "Nguyễn Văn An"}, "resident_name: unknown field"),
        ({"app_version": None}, "app_version"),
        ({"kind": "session"}, "kind"),
        ({"disk_free_bytes": "40 GB"}, "disk_free_bytes"),
        ({"parked_by_reason": {"Máy sai": 3}}, "parked_by_reason"),
        ({"opening_hours": ["thứ 7 8h-11h"]}, "opening_hours"),
        ({"kiosk_mode": "on"}, "kiosk_mode"),
    ],
)
def test_a_malformed_heartbeat_is_refused_naming_the_field(
    live: LiveCollector, capsys: pytest.CaptureFixture[str], change: dict[str, Any], named: str
) -> None:
    """A report with an unknown field (no room for resident data) or a bad value: 422, the
    field named, nothing stored."""
    kiosk = add_kiosk(live.database_url, capsys)
    answer = beat(live, kiosk, **change)
    assert answer.status_code == 422
    assert named in answer.json()["detail"]
    assert (
        httpx.post(live.url + "/api/v1/heartbeat", headers=kiosk.headers, content=b"{").status_code
        == 422
    )
    assert _alarms(live, FixedClock(TUESDAY_NOON_VN))[kiosk.kiosk_id] == []


def _publish(database_url: str, tmp_path: Path, version: int) -> None:
    keys = tmp_path / "keys"
    if not keys.exists():
        assert cli.main(["catalog", "keygen", "--out", str(keys)]) == 0
    publish = ["catalog", "publish", str(CATALOG), "--version", str(version)]
    key = ["--expires", "2099-12-31", "--key", str(keys / "catalog-signing-key.pem")]
    assert cli.main(["--database", database_url, *publish, *key]) == 0


def test_each_alarm_is_raised_by_its_own_cause_and_says_what_to_do(
    live: LiveCollector, clock: FixedClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Disk under 1 GB, a clock 10 minutes off, an older catalog, refused records and three
    crashes within an hour each raise their alarm (one Vietnamese sentence with the action),
    and a healthy kiosk raises none."""
    names = ["ok", "disk", "clock", "catalog", "refused", "crashes"]
    kiosks = {
        name: add_kiosk(
            live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", f"kp3-{name}"
        )
        for name in names
    }
    _publish(live.database_url, tmp_path, 1)
    _publish(live.database_url, tmp_path, 2)
    common = {"catalog_version": 2}
    assert beat(live, kiosks["ok"], **common).status_code == 200
    assert beat(live, kiosks["disk"], **common, disk_free_bytes=800_000_000).status_code == 200
    assert beat(live, kiosks["clock"], **common, clock_offset_seconds=-600).status_code == 200
    assert beat(live, kiosks["catalog"], catalog_version=1).status_code == 200
    refused = {"parked": 12, "parked_by_reason": {"wrong-kiosk": 12}}
    assert beat(live, kiosks["refused"], **common, **refused).status_code == 200
    for _ in range(3):
        assert beat(live, kiosks["crashes"], **common, crashes=1).status_code == 200
        clock.advance(15 * 60)
    alarms = _alarms(live, clock)
    assert alarms == {
        "kp3-ok": [],
        "kp3-disk": ["disk"],
        "kp3-clock": ["clock"],
        "kp3-catalog": ["catalog"],
        "kp3-refused": ["refused"],
        "kp3-crashes": ["crash-loop"],
    }
    engine = db.make_engine(live.database_url)
    try:
        texts = {k.id: k.alarms[0].text for k in fleet_view(engine, clock).kiosks() if k.alarms}
    finally:
        engine.dispose()
    assert "0,8 GB" in texts["kp3-disk"] and "xóa bớt" in texts["kp3-disk"]
    assert "chậm 10 phút" in texts["kp3-clock"] and "chỉnh lại ngày giờ" in texts["kp3-clock"]
    assert "phiên bản 1" in texts["kp3-catalog"] and "(2)" in texts["kp3-catalog"]
    assert "12 bản ghi" in texts["kp3-refused"] and "dvc-kiosk provision" in texts["kp3-refused"]
    assert "3 lần" in texts["kp3-crashes"] and "faults.log" in texts["kp3-crashes"]
    clock.advance(3600)  # an hour without crashes: the loop is over
    assert _alarms(live, clock)["kp3-crashes"] == []


def test_silence_counts_the_help_points_opening_days(
    live: LiveCollector, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A point open on Saturday mornings: a kiosk heard on Tuesday is silent only after its
    third missed Saturday has ended; a point without hours counts whole days."""
    weekly = add_kiosk(live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-1")
    base = ["--database", live.database_url, "help-point", "add", "--id", "phu-nhuan-kp3"]
    hours = ["--name", "KP3", "--ward", "Phường Phú Nhuận", "--opening-hours", "sat 08:00-11:00"]
    assert cli.main([*base, *hours]) == 0
    daily = add_kiosk(live.database_url, capsys, "cau-kieu-kp2", "Phường Cầu Kiệu", "kp2-may-1")
    assert beat(live, weekly).status_code == 200  # Tue 1 Dec, 12:00
    assert beat(live, daily).status_code == 200
    clock.set(datetime(2026, 12, 4, 5, 0, tzinfo=UTC))  # Fri 4 Dec: 2 whole days, no Saturday
    assert _alarms(live, clock) == {"kp3-may-1": [], "kp2-may-1": []}
    clock.set(datetime(2026, 12, 5, 5, 0, tzinfo=UTC))  # Sat 5 Dec noon: 3 whole days
    assert _alarms(live, clock) == {"kp3-may-1": [], "kp2-may-1": ["silent"]}
    clock.set(datetime(2026, 12, 19, 3, 30, tzinfo=UTC))  # Sat 19 Dec 10:30: slot not over
    assert _alarms(live, clock)["kp3-may-1"] == []
    clock.set(datetime(2026, 12, 19, 4, 0, tzinfo=UTC))  # 11:00: the third Saturday has ended
    assert _alarms(live, clock)["kp3-may-1"] == ["silent"]
    assert beat(live, weekly).status_code == 200  # heard again: silence is over
    assert _alarms(live, clock)["kp3-may-1"] == []


def test_missed_opening_days_rule() -> None:
    """A slot counts when it began after the last contact and has ended; one per day."""
    tuesday = datetime(2026, 12, 1, 5, 0)  # naive UTC: 12:00 in HCMC
    evenings = ["tue 17:30-20:30", "thu 17:30-20:30", "sat 08:00-11:00", "sat 14:00-16:00"]
    # Tue evening, Thu evening, Sat (two slots, one day) by Sun 6 Dec
    assert missed_opening_days(tuesday, datetime(2026, 12, 6, 5, 0), evenings) == 3
    # heard during Tuesday's slot: that slot began before the contact and does not count
    during = datetime(2026, 12, 1, 11, 0)  # 18:00 in HCMC
    assert missed_opening_days(during, datetime(2026, 12, 3, 14, 0), evenings) == 1
    assert missed_opening_days(tuesday, datetime(2026, 12, 3, 5, 0), []) == 1  # Wed whole day


def test_kiosks_command_prints_every_kiosk_with_health_and_alarms(
    live: LiveCollector, capsys: pytest.CaptureFixture[str]
) -> None:
    """`dvc-collector kiosks --json`: per help point, the kiosk, its versions, disk, alarms."""
    kiosk = add_kiosk(live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-1")
    assert beat(live, kiosk, disk_free_bytes=500_000_000, catalog_version=4).status_code == 200
    capsys.readouterr()
    assert cli.main(["--database", live.database_url, "kiosks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (point,) = data["help_points"]
    assert point["id"] == "phu-nhuan-kp3" and point["ward"] == "Phường Phú Nhuận"
    (entry,) = point["kiosks"]
    assert entry["id"] == "kp3-may-1"
    assert entry["health"]["app_version"] == "0.1.0"
    assert entry["health"]["catalog_version"] == 4
    assert entry["health"]["disk_free_bytes"] == 500_000_000
    assert "disk" in [a["code"] for a in entry["alarms"]]
    assert cli.main(["--database", live.database_url, "kiosks"]) == 0
    text = capsys.readouterr().out
    assert "kp3-may-1" in text and "ứng dụng 0.1.0, danh mục 4" in text and "0,5 GB" in text


def test_sessions_with_implausible_times_count_when_they_arrived(
    live: LiveCollector, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kiosk whose clock said 2001 or 2030 is not dropped: its sessions are stored and the
    dashboard counts them on the day the collector received them."""
    kiosk = add_kiosk(live.database_url, capsys)
    now = clock.now().replace(microsecond=0)
    started = (now - timedelta(days=2)).isoformat()
    sessions = [
        session_record(kiosk, started_at=started, ended_at=started),
        session_record(
            kiosk, started_at="2001-01-01T00:00:00+00:00", ended_at="2001-01-01T00:10:00+00:00"
        ),
        session_record(
            kiosk, started_at="2030-06-01T00:00:00+00:00", ended_at="2030-06-01T00:10:00+00:00"
        ),
    ]
    answer = httpx.post(
        live.url + "/api/v1/sessions", headers=kiosk.headers, json={"sessions": sessions}
    )
    assert answer.status_code == 200, answer.text
    engine = db.make_engine(live.database_url)
    try:
        with engine.connect() as connection:
            received = connection.execute(select(db.sessions.c.received_at)).scalars().first()
        assert received is not None
        data = stats.dashboard(engine, now=received.replace(tzinfo=UTC))
    finally:
        engine.dispose()
    assert data.sessions_total == 3
    today = data.days.index(stats.local_day(received))
    assert data.per_day_total[today] == 2  # 2001 and 2030, counted on arrival
    assert sum(data.per_day_total) == 3
    assert counted_time(datetime(2026, 12, 1, 5), datetime(2026, 12, 1, 5, 5)) == datetime(
        2026, 12, 1, 5
    )


def test_help_point_import_reads_opening_hours(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A help_points.toml may carry opening_hours; without a file, the release's list is used."""
    path = tmp_path / "points.toml"
    path.write_text(
        '[[help_points]]\nid = "phu-nhuan-kp3"\nname = "KP3"\nward = "Phường Phú Nhuận"\n'
        'opening_hours = ["wed 18:00-20:00"]\n',
        encoding="utf-8",
    )
    assert cli.main(["--database", database_url, "help-point", "import", str(path)]) == 0
    assert cli.main(["--database", database_url, "help-point", "import"]) == 0
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = dict(
                connection.execute(
                    select(db.help_points.c.id, db.help_points.c.opening_hours)
                ).all()
            )
    finally:
        engine.dispose()
    assert json.loads(rows["phu-nhuan-kp3"]) == ["wed 18:00-20:00"]
    assert "duc-nhuan-kp1" in rows  # from the release's resources/help_points.toml
    path.write_text(
        path.read_text(encoding="utf-8").replace("wed 18:00-20:00", "thứ tư"), encoding="utf-8"
    )
    assert cli.main(["--database", database_url, "help-point", "import", str(path)]) == 2


BAD_TEXT_BEATS = {
    "lone surrogate as an unknown field name": ({"\ud800": 1}, "field name"),
    "lone surrogate in a known field": ({"app_version": "1.0\udfff"}, "app_version"),
    "NUL in a known field": ({"app_version": "1.0\x00"}, "app_version"),
    "lone surrogate as a parked reason": ({"parked_by_reason": {"\udc80": 1}}, "field name"),
}


@pytest.mark.parametrize("change", BAD_TEXT_BEATS.values(), ids=list(BAD_TEXT_BEATS))
def test_bad_text_in_a_heartbeat_is_a_422_never_a_500(
    live: LiveCollector, capsys: pytest.CaptureFixture[str], change: tuple[dict[str, Any], str]
) -> None:
    """Issue #21 item 9: a heartbeat whose unknown field name is a lone surrogate (as JSON
    spells it, `"\\ud800"`) was a 500, the "unknown field" message echoing the key. Now it and
    its kin are a 422 whose detail names the field with the bad text escaped; nothing stored."""
    fields, named = change
    kiosk = add_kiosk(live.database_url, capsys)
    raw = json.dumps(report(kiosk, **fields)).encode("ascii")  # ensure_ascii spells \ud800
    headers = {**kiosk.headers, "Content-Type": "application/json"}
    answer = httpx.post(live.url + "/api/v1/heartbeat", headers=headers, content=raw)
    assert answer.status_code == 422, answer.text
    detail = answer.json()["detail"]
    assert named in detail
    assert answer.content.decode("utf-8")  # the answer itself is valid UTF-8
    assert _alarms(live, FixedClock(TUESDAY_NOON_VN))[kiosk.kiosk_id] == []


def test_two_pcs_on_one_token_raise_the_twin_alarm_on_the_page_and_in_kiosks_json(
    live: LiveCollector,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue #21 item 13: heartbeats on one token from two PCs (two machine ids) raise the
    'twin' alarm, with what to do, on the Máy trạm page and in `dvc-collector kiosks --json`
    (which counts the PCs); one PC beating often raises none, nor does a kiosk too old to send
    a machine id; a day after the second PC fell silent the alarm is gone."""
    from tests.collector.test_dashboard import PASSWORD, _add_user
    from tests.collector.test_login_guard import Browser

    twin = add_kiosk(live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-1")
    single = add_kiosk(live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-2")
    old = add_kiosk(live.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-3")
    for _ in range(3):
        assert beat(live, twin, machine_id="0123456789abcdef").status_code == 200
        assert beat(live, single, machine_id="fedcba9876543210").status_code == 200
        assert beat(live, old).status_code == 200
        clock.advance(300)
    assert beat(live, twin, machine_id="a1b2c3d4e5f60718").status_code == 200
    assert beat(live, twin, machine_id="A1B2").status_code == 422  # not a hash: refused

    capsys.readouterr()
    assert cli.main(["--database", live.database_url, "kiosks", "--json"], clock=clock) == 0
    entries = {k["id"]: k for p in json.loads(capsys.readouterr().out)["help_points"]
               for k in p["kiosks"]}  # fmt: skip
    assert entries["kp3-may-1"]["machines"] == 2
    assert [a["code"] for a in entries["kp3-may-1"]["alarms"]] == ["twin"]
    assert "2 máy tính" in entries["kp3-may-1"]["alarms"][0]["text"]
    assert entries["kp3-may-2"]["alarms"] == [] and entries["kp3-may-2"]["machines"] == 1
    assert entries["kp3-may-3"]["alarms"] == [] and entries["kp3-may-3"]["machines"] == 0

    _add_user(live.database_url, monkeypatch)
    browser = Browser(live.url)
    assert browser.login(PASSWORD, username="canbo").status_code == 303
    page = browser.client.get("/kiosks")
    assert page.status_code == 200
    assert "2 máy tính khác nhau" in page.text and "dvc-collector kiosk add" in page.text
    browser.close()

    clock.advance(25 * 3600)  # the second PC is silent; the first beats on
    assert beat(live, twin, machine_id="0123456789abcdef").status_code == 200
    assert "twin" not in _alarms(live, clock)["kp3-may-1"]
