"""A server-side refusal is seen everywhere, and fixing the cause delivers the records once.

A kiosk provisioned the old way (its kiosk id the PC's host name) syncs: the collector refuses
every record. Then `dvc-kiosk sync` (exit 3) and `dvc-kiosk status` say so with the reason,
the volunteer panel shows the red line, and the district's dashboard lists the kiosk with its
alarm. After `dvc-kiosk provision` (no --kiosk-id) and one `dvc-kiosk sync`, the collector
holds every record exactly once under the token's ids, and all three go quiet. Real processes
for the commands, the real window for the panel, real HTTP for the dashboard.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from collector import cli
from kiosk.paths import app_dirs
from kiosk.pin import make_pin_hash
from tests.core.sync_support import (
    fill_journal,
    make_key,
    postgres_database,
    register_kiosk,
    running_collector,
    server_rows,
    write_config,
)
from tests.loopback import LiveCollector

BIN = Path(sys.executable).parent
HELP_POINT = "cau-kieu-kp2"
KIOSK = "kp2-may-1"
HOST_NAME_ID = "vm"  # what the old provision wrote without --kiosk-id on this PC
PIN = "482915"
PASSWORD = "mật-khẩu-quận-2026"


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """PostgreSQL when the suite started one (as the district runs it), else SQLite."""
    base = os.environ.get("DVC_TEST_POSTGRES_URL")
    if base:
        with postgres_database(base) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'collector.db'}"


def kiosk_cmd(
    env: dict[str, str], *argv: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`dvc-kiosk ARGV` as its own process (`stdin`: what a pipe hands it)."""
    return subprocess.run(
        [str(BIN / "dvc-kiosk"), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
    )


def dashboard_pages(live: LiveCollector) -> tuple[str, str]:
    """Log in through the form (CSRF and all) and fetch the overview and the kiosks page."""
    with httpx.Client(base_url=live.url) as client:
        form = client.get("/login").text
        match = re.search(r'name="csrf" value="([^"]+)"', form)
        assert match
        data = {"username": "canbo", "password": PASSWORD, "csrf": match.group(1)}
        assert client.post("/login", data=data).status_code == 303
        return client.get("/").text, client.get("/kiosks").text


def panel_lines(qtbot: Any) -> tuple[bool, str, str]:
    """Open the real kiosk's volunteer panel with the PIN: (red line shown, its text, help)."""
    from kiosk.clock import SYSTEM_CLOCK, FixedClock
    from ui.simulate import Driver, build_simulated_kiosk, close_kiosk

    kiosk, hookup = build_simulated_kiosk(FixedClock(SYSTEM_CLOCK.now()))  # the panel as now
    try:
        driver = Driver(kiosk, hookup, pin=PIN)
        assert driver.open_panel()
        driver.wait_panel_fresh(lambda state: state.read_at is not None)
        notice = driver.panel.refused_notice
        return notice.isVisible(), notice.line.text(), notice.help.text()
    finally:
        hookup.shutdown()
        close_kiosk(kiosk)


def test_a_refusal_shows_in_status_panel_and_dashboard_until_reprovisioning_sends_it_once(
    database_url: str,
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refused → seen by IT, volunteers and the district; re-provisioned → 12 sessions and 2
    marks stored exactly once under kp2-may-1, and every signal cleared."""
    home = tmp_path / "kiosk"
    monkeypatch.setenv("DVC_KIOSK_HOME", str(home))
    monkeypatch.delenv("DVC_KIOSK_CONFIG", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DVC_KIOSK")}
    env.update(DVC_KIOSK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    dirs = app_dirs()
    dirs.ensure()
    token = register_kiosk(database_url, HELP_POINT, KIOSK)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    with contextlib.redirect_stdout(io.StringIO()):
        assert (
            cli.main(["--database", database_url, "user", "add", "canbo", "--password-stdin"]) == 0
        )
    make_key(tmp_path / "keys")
    with running_collector(database_url) as live:
        write_config(
            dirs.config, help_point_id=HELP_POINT, kiosk_id=HOST_NAME_ID, server=live.url,
            token=token, public_key=None, pin_hash=make_pin_hash(PIN, dirs.data),
        )  # fmt: skip
        uuids = fill_journal(dirs.database, HOST_NAME_ID, HELP_POINT, 12, seed=7, outcomes=2)

        synced = kiosk_cmd(env, "sync")
        assert synced.returncode == 3, synced.stdout + synced.stderr
        assert "14 refused by the collector (kept here)" in synced.stdout
        assert "REFUSED (wrong-kiosk: 14)" in synced.stdout
        assert f"the token is kiosk '{KIOSK}'" in synced.stdout
        status = json.loads(kiosk_cmd(env, "status").stdout)
        assert status["rejected_by_reason"] == {"wrong-kiosk": 14}
        assert "`dvc-kiosk provision` again" in status["rejected_advice"]
        shown, line, help_text = panel_lines(qtbot)
        assert shown and line == "⚠ 14 bản ghi bị máy chủ từ chối — báo cho IT"
        assert "dvc-kiosk provision" in help_text
        overview, kiosks = dashboard_pages(live)
        assert f'data-refused-kiosk="{KIOSK}"' in overview
        assert 'data-alarm="refused"' in kiosks and "14 bản ghi" in kiosks
        assert 'data-alarm="wrong-identity"' in kiosks
        assert server_rows(database_url) == []

        provisioned = kiosk_cmd(
            env, "provision", "--server", live.url, "--token", token,
            "--catalog-key", str(tmp_path / "keys" / "catalog-public-key.txt"), "--pin-stdin",
            stdin=PIN + "\n",
        )  # fmt: skip
        assert provisioned.returncode == 0, provisioned.stdout + provisioned.stderr
        assert provisioned.stdout.strip().splitlines()[-1] == (
            "đã gửi thử 1 bản ghi kiểm tra: máy chủ nhận"
        )
        synced = kiosk_cmd(env, "sync")
        assert synced.returncode == 0, synced.stdout + synced.stderr
        assert "Sent again: 14 records" in synced.stdout
        assert "14 acknowledged, 0 refused" in synced.stdout
        again = kiosk_cmd(env, "sync")
        assert again.returncode == 0 and "Sent 0 records" in again.stdout

        sessions = server_rows(database_url)
        assert sorted(r["uuid"] for r in sessions) == sorted(uuids)
        assert {(r["kiosk_id"], r["help_point_id"]) for r in sessions} == {(KIOSK, HELP_POINT)}
        assert len(server_rows(database_url, "outcomes")) == 2
        status = json.loads(kiosk_cmd(env, "status").stdout)
        assert status["kiosk_id"] == KIOSK and status["rejected_records"] == 0
        shown, _line, _help = panel_lines(qtbot)
        assert not shown
        overview, kiosks = dashboard_pages(live)
        assert "data-refused-kiosk" not in overview
        assert 'data-alarm="refused"' not in kiosks and 'data-alarm="wrong-identity"' not in kiosks
