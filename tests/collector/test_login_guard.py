"""Dashboard logins under attack (issue 13, items 3 and 4): a bounded hashing pool, growing waits
per user name and per address counted in the database, and password changes that end sessions.
Real HTTP on loopback, SQLite and PostgreSQL, on a pinned clock."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import httpx
import pytest

from collector import cli
from collector.throttle import MAX_WAIT_S
from kiosk.clock import FixedClock
from tests.collector.conftest import LiveServer
from tests.loopback import running_collector

PASSWORD = "mật-khẩu-quận-2026"


def _set_password(
    database_url: str, monkeypatch: pytest.MonkeyPatch, clock: FixedClock, password: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    argv = ["--database", database_url, "user", "add", "canbo", "--password-stdin"]
    assert cli.main(argv, clock=clock) == 0


class Browser:
    """A browser on the login form: keeps its cookies and the form's CSRF token."""

    def __init__(self, url: str, address: str = "203.0.113.7") -> None:
        # uvicorn trusts X-Forwarded-For from loopback, as it does from the reverse proxy.
        self.client = httpx.Client(base_url=url, headers={"X-Forwarded-For": address})
        match = re.search(r'name="csrf" value="([^"]+)"', self.client.get("/login").text)
        assert match
        self.csrf = match.group(1)

    def login(self, password: str, username: str = "canbo") -> httpx.Response:
        """POST the login form."""
        data = {"username": username, "password": password, "csrf": self.csrf}
        return self.client.post("/login", data=data)

    def close(self) -> None:
        """Forget the browser."""
        self.client.close()


def test_login_gets_429_when_every_hashing_slot_is_busy(
    database_url: str, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """With the pool's slot taken, a login is refused at once with 429 and Retry-After (no
    scrypt, no memory spent); once the slot is free the same login goes through."""
    _set_password(database_url, monkeypatch, clock, PASSWORD)
    options = {"clock": clock, "hash_slots": 1}
    with running_collector(database_url, app_options=options) as live:
        browser = Browser(live.url)
        pool = live.app.state.hash_pool
        assert pool.try_acquire()  # another login is hashing right now
        try:
            busy = browser.login(PASSWORD)
        finally:
            pool.release()
        assert busy.status_code == 429
        assert busy.headers["retry-after"] == "1"
        assert "Máy chủ đang bận" in busy.text
        assert browser.login(PASSWORD).status_code == 303
        browser.close()


def test_waits_grow_per_user_and_the_owner_still_gets_in(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """Four typos cost nothing; then each failure doubles the wait (1, 2, 4 … s), never past
    MAX_WAIT_S; during a wait even the right password waits; after it, the owner gets in."""
    _set_password(live_server.database_url, monkeypatch, clock, PASSWORD)
    browser = Browser(live_server.url)
    for _ in range(4):
        assert browser.login("sai").status_code == 401
    waits = []
    for _ in range(10):
        assert browser.login("sai").status_code == 401
        refused = browser.login(PASSWORD)
        assert refused.status_code == 429
        assert "Vui lòng chờ" in refused.text
        wait = int(refused.headers["retry-after"])
        waits.append(wait)
        clock.advance(wait)
    assert waits == [1, 2, 4, 8, 16, 32, MAX_WAIT_S, MAX_WAIT_S, MAX_WAIT_S, MAX_WAIT_S]
    assert browser.login(PASSWORD).status_code == 303
    # The success cleared the name's count: the next typo is free again.
    elsewhere = Browser(live_server.url, "198.51.100.9")
    assert elsewhere.login("sai").status_code == 401
    elsewhere.close()
    browser.close()


def test_failures_are_counted_in_the_database_for_every_worker(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """A second collector process on the same database (another worker) sees the failures."""
    _set_password(live_server.database_url, monkeypatch, clock, PASSWORD)
    first = Browser(live_server.url)
    for _ in range(5):
        assert first.login("sai").status_code == 401
    with running_collector(live_server.database_url, app_options={"clock": clock}) as other:
        second = Browser(other.url)  # the same address, through the other worker
        refused = second.login(PASSWORD)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
        second.close()
    first.close()


def test_one_wrong_password_a_minute_never_keeps_the_owner_out(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """Issue #21 item 7, the attack itself: from another address, an attacker sends the
    official's name with a wrong password every 3 s of the collector's clock, so each try is
    spent the moment its wait ends (about one counted a minute). After 10 minutes of that, for
    270 s the owner, from their own address, logs in every 9 s: every login goes through at
    once (on the old throttle none did). An owner who makes one typo in the middle of the
    attack gets in at most MAX_WAIT_S after it. The attacker's own address still waits: 4
    free tries, then 1, 2 … 32 s, then about one a minute, the owner's logins or not."""
    _set_password(live_server.database_url, monkeypatch, clock, PASSWORD)
    attacker = Browser(live_server.url, "203.0.113.99")
    counted = 0
    owner_logins = 0
    for step in range(290):
        answer = attacker.login("đoán-sai")
        assert answer.status_code in (401, 429)
        counted += answer.status_code == 401
        if step >= 200 and step % 3 == 0:
            owner = Browser(live_server.url, "198.51.100.20")
            assert owner.login(PASSWORD).status_code == 303, f"owner kept out at step {step}"
            owner.close()
            owner_logins += 1
        clock.advance(3)
    assert owner_logins == 30
    assert counted <= 4 + 6 + (290 * 3) // MAX_WAIT_S + 1

    typo = Browser(live_server.url, "198.51.100.21")
    assert typo.login("gõ-nhầm").status_code == 401
    waited = 0
    while typo.login(PASSWORD).status_code == 429:
        assert attacker.login("đoán-sai").status_code in (401, 429)
        clock.advance(3)
        waited += 3
        assert waited <= MAX_WAIT_S, "the owner's own typo kept them out past MAX_WAIT_S"
    attacker.close()
    typo.close()


def test_one_address_trying_many_names_is_slowed_down(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """Twenty failures from one address across many names make that address wait; the owner
    logging in from another address is not held up by it."""
    _set_password(live_server.database_url, monkeypatch, clock, PASSWORD)
    guesser = Browser(live_server.url, "203.0.113.66")
    for number in range(21):
        assert guesser.login("sai", username=f"user{number}").status_code == 401
    assert guesser.login("sai", username="someone-else").status_code == 429
    owner = Browser(live_server.url, "198.51.100.20")
    assert owner.login(PASSWORD).status_code == 303
    guesser.close()
    owner.close()


def test_a_password_change_ends_the_users_sessions(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """After `user add` sets a new password, cookies issued before it stop working at once;
    a login with the new password works."""
    _set_password(live_server.database_url, monkeypatch, clock, PASSWORD)
    browser = Browser(live_server.url)
    assert browser.login(PASSWORD).status_code == 303
    assert browser.client.get("/").status_code == 200
    clock.advance(timedelta(minutes=5).total_seconds())
    _set_password(live_server.database_url, monkeypatch, clock, "mật-khẩu-mới-2027")
    assert browser.client.get("/").status_code == 303  # back to the login form
    fresh = Browser(live_server.url)
    assert fresh.login("mật-khẩu-mới-2027").status_code == 303
    assert fresh.client.get("/").status_code == 200
    browser.close()
    fresh.close()
