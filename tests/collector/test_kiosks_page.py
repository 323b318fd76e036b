"""The "Máy trạm" page in headless Chromium: after one sync a kiosk shows its versions and
disk; a silent kiosk, one with refused records and one whose clock is 10 minutes off each show
their alarm in words; the overview lists the kiosk with refused uploads.

Kiosks report through the real SyncWorker and FleetRound over HTTP; the collector's clock is
a FixedClock, so "silent for ten days" is made by moving it, not by waiting.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.clock import FixedClock
from kiosk.config import read_config
from kiosk.journal.db import open_journal
from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.fleet import FleetRound
from kiosk.sync.health import HealthContext
from kiosk.sync.worker import SyncWorker
from tests.collector.conftest import add_kiosk
from tests.collector.test_dashboard import (
    _COLOURS_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    _add_user,
    _contrast,
)
from tests.core.sync_support import fill_journal, write_config
from tests.loopback import LiveCollector, running_collector


@pytest.fixture
def clock() -> FixedClock:
    """The collector's clock: now, pinned (the kiosks' Date headers are real time)."""
    return FixedClock(datetime.now(UTC))


@pytest.fixture
def live(database_url: str, clock: FixedClock) -> Iterator[LiveCollector]:
    """A real collector on the parametrized database, going by `clock`."""
    with running_collector(database_url, clock=clock) as server:
        yield server


def sync_round(
    live: LiveCollector,
    tmp_path: Path,
    kiosk: Any,
    *,
    config_kiosk_id: str | None = None,
    kiosk_clock: FixedClock | None = None,
    sessions: int = 3,
) -> None:
    """One real sync round of a kiosk with `sessions` recorded sessions."""
    home = tmp_path / kiosk.kiosk_id
    named = config_kiosk_id or kiosk.kiosk_id
    path = write_config(
        home, help_point_id=kiosk.help_point_id, kiosk_id=named, server=live.url,
        token=kiosk.token, public_key=None,
    )  # fmt: skip
    config = read_config(path)
    assert config.sync is not None
    database = home / "journal.db"
    fill_journal(database, named, kiosk.help_point_id, sessions, seed=random.randrange(1000))
    clock = kiosk_clock or FixedClock(datetime.now(UTC), monotonic=100.0)
    context = HealthContext(1920, 1080, True, started_monotonic=clock.monotonic() - 7200)
    with open_journal(database) as journal:
        fleet = FleetRound(journal, config, home, clock, context)
        SyncWorker(journal, config.sync, CatalogStore(home / "catalog"), fleet=fleet).run_round()
        assert fleet.heartbeat is not None


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_kiosks_page_shows_versions_disk_and_each_alarm_in_chromium(
    live: LiveCollector,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """Versions and disk after one sync; 'silent', 'refused' and 'clock' alarms with what to
    do; text at 7:1 contrast; the overview links the refused kiosk. Screenshot kept."""
    from playwright.sync_api import sync_playwright

    url = live.database_url
    ok = add_kiosk(url, capsys, "duc-nhuan-kp1", "Phường Đức Nhuận", "kp1-may-1")
    silent = add_kiosk(url, capsys, "duc-nhuan-kp1", "Phường Đức Nhuận", "kp1-may-2")
    refused = add_kiosk(url, capsys, "cau-kieu-kp2", "Phường Cầu Kiệu", "kp2-may-1")
    fast = add_kiosk(url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận", "kp3-may-1")
    _add_user(url, monkeypatch)

    now = clock.now()
    clock.set(now - timedelta(days=10))
    # Only who-am-I and the heartbeat (no sessions): they go by the collector's clock.
    sync_round(live, tmp_path, silent, sessions=0)
    clock.set(now)
    sync_round(live, tmp_path, ok)
    sync_round(live, tmp_path, refused, config_kiosk_id="vm")  # provisioned the old way
    sync_round(
        live, tmp_path, fast, kiosk_clock=FixedClock(datetime.now(UTC) + timedelta(minutes=10))
    )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(live.url + "/kiosks")
            assert page.url.endswith("/login")
            page.fill("#username", "canbo")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("#sessions-total")
            overview = page.text_content("#refused-kiosks") or ""
            assert "kp2-may-1" in overview and "mã máy sai: 3" in overview
            if request.node.callspec.id.startswith("sqlite"):
                Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
                page.screenshot(path="/tmp/shots/overview.png", full_page=True)
            page.click("text=Máy trạm")
            page.wait_for_selector("#kiosk-count")
            assert page.text_content("#kiosk-count") == "4"
            assert page.text_content("#alarmed-count") == "3"

            def row(kiosk_id: str) -> Any:
                return page.locator(f"tr[data-kiosk={kiosk_id}]")

            def alarms(kiosk_id: str) -> list[str]:
                return [
                    str(a.get_attribute("data-alarm"))
                    for a in row(kiosk_id).locator("li.alarm").all()
                ]

            versions = row("kp1-may-1").locator(".versions").text_content() or ""
            assert "Ứng dụng 0.1.0" in versions and "Danh mục" in versions
            health = row("kp1-may-1").locator(".health").text_content() or ""
            assert re.search(r"Ổ đĩa trống: \d+,\d GB", health), health
            assert "Đồng hồ: đúng giờ" in health and "1920×1080" in health
            assert "Bình thường" in (row("kp1-may-1").text_content() or "")
            assert alarms("kp1-may-1") == []
            assert alarms("kp1-may-2") == ["silent"]
            assert alarms("kp2-may-1") == ["wrong-identity", "refused"]
            assert alarms("kp3-may-1") == ["clock"]
            silent_text = row("kp1-may-2").text_content() or ""
            assert re.search(r"trong \d ngày mở cửa", silent_text), silent_text
            assert "có bật và có mạng" in silent_text
            refused_text = row("kp2-may-1").text_content() or ""
            assert "đã từ chối 3 bản ghi" in refused_text
            assert "chạy lại dvc-kiosk provision" in refused_text
            clock_text = row("kp3-may-1").text_content() or ""
            assert "chạy nhanh 10 phút" in clock_text and "đồng bộ giờ" in clock_text
            colours = page.evaluate(_COLOURS_JS.replace('"tr.silent td"', '".alarms li"'))
            for selector, (fg, bg) in colours.items():
                assert _contrast(fg, bg) >= 7.0, (selector, fg, bg)
            page.screenshot(path=str(tmp_path / "kiosks.png"), full_page=True)
            if request.node.callspec.id.startswith("sqlite"):
                Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
                page.screenshot(path="/tmp/shots/kiosks.png", full_page=True)
        finally:
            browser.close()
    assert (tmp_path / "kiosks.png").stat().st_size > 10_000
