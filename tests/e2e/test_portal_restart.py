"""After a crash (kill -9) and a restart, the next resident starts logged out of the portal,
and Chromium left nothing in the kiosk's HOME: the profile lived in memory only."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import text_of, wait
from tests.e2e.portal_process import chromium_traces, kiosk_home, start
from tests.fake_portal import FakePortal


@pytest.fixture
def portal() -> FakePortal:
    site = FakePortal.start()
    yield site  # type: ignore[misc]
    site.stop()


def test_after_kill_9_and_a_restart_the_next_resident_is_logged_out(
    tmp_path: Path, portal: FakePortal
) -> None:
    """Resident A logs in on the portal; the kiosk is killed (-9) mid-session; it starts again
    and resident B opens the portal: logged out. The HOME holds no Chromium folder (no
    cookies, cache or storage), and A's portal folder is gone after B's start."""
    scans = tmp_path / "scans"
    scans.mkdir()
    home, env = kiosk_home(tmp_path, portal.origin, scans)
    first_out = tmp_path / "first.txt"
    first = start(env, "login-and-wait", stdout=first_out)
    try:
        wait(lambda: "LOGGED-IN" in text_of(first_out) or first.poll() is not None, 180, "login")
        assert "LOGGED-IN" in text_of(first_out), text_of(first_out)[-3000:]
        run_folders = list((home / "kiosk" / "cache" / "portal").glob("run-*"))
        assert len(run_folders) == 1, "A's session folder exists while A is there"
        assert len(portal.state.sessions) == 1, "the portal gave A a session cookie"
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    assert chromium_traces(home) == []

    second_out = tmp_path / "second.txt"
    second = start(env, "check", stdout=second_out)
    assert second.wait(180) == 0, text_of(second_out)[-3000:]
    assert "LOGGED-OUT" in text_of(second_out), text_of(second_out)[-3000:]
    assert not run_folders[0].exists(), "the crashed run's folder was deleted at start-up"
    assert chromium_traces(home) == []
