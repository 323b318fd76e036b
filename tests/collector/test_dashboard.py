"""The officials' dashboard: login/CSRF over HTTP, and the real page in headless Chromium."""

from __future__ import annotations

import io
import os
import re
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from collector import cli
from tests.collector.conftest import (
    Kiosk,
    LiveServer,
    add_kiosk,
    content_report_record,
    outcome_record,
    session_record,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "mật-khẩu-quận-2026"
HELP_POINTS = Path(__file__).resolve().parents[2] / "resources" / "help_points.toml"
CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog"


def _add_user(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["--database", database_url, "user", "add", "canbo", "--password-stdin"]) == 0


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_login_requires_csrf_and_password(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cookie = redirect; a POST without the CSRF token or with a wrong password fails;
    logout ends the session on the server, so a copy of its cookie stops working too."""
    _add_user(live_server.database_url, monkeypatch)
    with httpx.Client(base_url=live_server.url) as client:
        assert client.get("/").status_code == 303
        form = client.get("/login")
        token = _csrf(form.text)
        bad_csrf = client.post(
            "/login", data={"username": "canbo", "password": PASSWORD, "csrf": "forged"}
        )
        assert bad_csrf.status_code == 403
        cross_site = client.post(
            "/login",
            data={"username": "canbo", "password": PASSWORD, "csrf": token},
            headers={"Origin": "http://evil.example"},
        )
        assert cross_site.status_code == 403
        wrong = client.post("/login", data={"username": "canbo", "password": "sai", "csrf": token})
        assert wrong.status_code == 401 and "chưa đúng" in wrong.text
        nul = client.post(
            "/login", data={"username": "can\x00bo", "password": PASSWORD, "csrf": token}
        )
        assert nul.status_code == 401  # PostgreSQL would raise on NUL: never sent to it
        echoed = client.post(
            "/login", data={"username": '"><b>x</b>', "password": "sai", "csrf": token}
        )
        assert echoed.status_code == 401 and "<b>x</b>" not in echoed.text  # escaped
        assert "&lt;b&gt;x&lt;/b&gt;" in echoed.text
        ok = client.post("/login", data={"username": "canbo", "password": PASSWORD, "csrf": token})
        assert ok.status_code == 303
        page = client.get("/")
        assert page.status_code == 200 and "Bảng theo dõi" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert page.headers["cache-control"] == "no-store"
        assert client.post("/logout", data={"csrf": "forged"}).status_code == 403
        copied = client.cookies["dvc_session"]  # e.g. left in another browser's jar
        assert httpx.get(live_server.url + "/", cookies={"dvc_session": copied}).status_code == 200
        assert client.post("/logout", data={"csrf": _csrf(page.text)}).status_code == 303
        assert client.get("/").status_code == 303
    # The logout ended the session on the server, not only in this browser.
    after = httpx.get(live_server.url + "/", cookies={"dvc_session": copied})
    assert after.status_code == 303
    forged = httpx.get(live_server.url + "/", cookies={"dvc_session": "Y2FuYm98OTk5OTk5OTk5OQ.x"})
    assert forged.status_code == 303


# For each kind of text: its colour and the first non-transparent background behind it.
_COLOURS_JS = """
() => {
  const out = {};
  for (const sel of ["p.note", "th", "td", ".warning", "header h1", "header button",
                     ".figure .number", "h2", "tr.silent td"]) {
    const el = document.querySelector(sel);
    if (!el) continue;
    let bg = "rgba(0, 0, 0, 0)", node = el;
    while (node && (bg === "rgba(0, 0, 0, 0)" || bg === "transparent")) {
      bg = getComputedStyle(node).backgroundColor; node = node.parentElement;
    }
    if (bg === "rgba(0, 0, 0, 0)") bg = "rgb(255, 255, 255)";
    out[sel] = [getComputedStyle(el).color, bg];
  }
  return out;
}
"""


def _contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(css: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(fg), luminance(bg)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_login_is_throttled_after_five_failures(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After five wrong passwords the next try waits (429, Retry-After), even the right one."""
    _add_user(live_server.database_url, monkeypatch)
    with httpx.Client(base_url=live_server.url) as client:
        token = _csrf(client.get("/login").text)
        for _ in range(5):
            wrong = client.post(
                "/login", data={"username": "canbo", "password": "sai", "csrf": token}
            )
            assert wrong.status_code == 401
        locked = client.post(
            "/login", data={"username": "canbo", "password": PASSWORD, "csrf": token}
        )
        assert locked.status_code == 429
        assert 0 < int(locked.headers["retry-after"]) <= 60  # a wait, not a lockout


def _fill(live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> dict[str, Kiosk]:
    """Help points from resources, three kiosks that upload through the API, one that never does."""
    kiosks = {
        "kp3": add_kiosk(live_server.database_url, capsys, "phu-nhuan-kp3", "Phường Phú Nhuận"),
        "kp1": add_kiosk(live_server.database_url, capsys, "duc-nhuan-kp1", "Phường Đức Nhuận"),
        "kp2": add_kiosk(live_server.database_url, capsys, "cau-kieu-kp2", "Phường Cầu Kiệu"),
        "silent": add_kiosk(live_server.database_url, capsys, "phu-nhuan-ubnd", "Phường Phú Nhuận"),
    }
    # Imported after the kiosks so the help points carry their real names.
    assert (
        cli.main(["--database", live_server.database_url, "help-point", "import", str(HELP_POINTS)])
        == 0
    )
    now = live_server.app.state.clock.now().replace(microsecond=0)

    def at(days_ago: int, hours: int = 0) -> str:
        return (now - timedelta(days=days_ago, hours=hours)).isoformat()

    plan = {  # kiosk -> list of (days ago, procedure, furthest, steps)
        "kp3": [(0, "dang-ky-tam-tru", 7, 7)] * 4
        + [(1, "dang-ky-tam-tru", 3, 7)] * 2
        + [(5, "kich-hoat-vneid", 5, 5)] * 3,
        "kp1": [(0, "kich-hoat-vneid", 5, 5)] * 2 + [(2, None, 0, 0)] * 1,
        "kp2": [(3, "dang-ky-tam-tru", 1, 7)],  # left for home: end reason "home"
    }
    for name, visits in plan.items():
        kiosk = kiosks[name]
        sessions = [
            session_record(
                kiosk,
                started_at=at(d, 1),
                ended_at=at(d),
                procedure_id=proc,
                furthest_step=furthest,
                step_count=steps,
                end_reason="home" if name == "kp2" else "finished",
            )
            for d, proc, furthest, steps in visits
        ]
        outcomes = []
        if name == "kp3":  # 2 activated, 1 submitted; one session re-marked (newest wins)
            outcomes = [
                outcome_record(kiosk, sessions[0]["uuid"], outcome="vneid-activated"),
                outcome_record(
                    kiosk, sessions[1]["uuid"], outcome="needs-return", marked_at=at(0, 1)
                ),
                outcome_record(
                    kiosk, sessions[1]["uuid"], outcome="vneid-activated", marked_at=at(0)
                ),
                outcome_record(kiosk, sessions[2]["uuid"], outcome="dossier-submitted"),
            ]
        # Volunteers at two help points report step 4's picture; one reports the overview's fee.
        reports = {
            "kp3": [
                content_report_record(kiosk, reported_at=at(1)),
                content_report_record(kiosk, step=0, reason="fee", reported_at=at(2)),
            ],
            "kp1": [content_report_record(kiosk, reason="screen-changed", reported_at=at(0))],
        }.get(name, [])
        body: dict[str, object] = {"sessions": sessions, "outcomes": outcomes}
        if reports:
            body["content_reports"] = reports
        response = httpx.post(
            live_server.url + "/api/v1/sessions", headers=kiosk.headers, json=body
        )
        assert response.status_code == 200, response.text
    return kiosks


def browser_env() -> dict[str, str | float | bool]:
    """Chromium's environment: ours, but on the machine's real clock. Chromium does not start
    under libfaketime (scripts/test_dates.sh moves the clock of everything else); the browser's
    date does not matter to a server-rendered page."""
    return {
        k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")
    }


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_dashboard_in_headless_chromium(
    live_server: LiveServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Log in through the form; see the right numbers, wards, warnings, how sessions ended
    (with "home"), the content reports per procedure and step, and 7:1 contrast."""
    from playwright.sync_api import sync_playwright

    _fill(live_server, capsys)
    _add_user(live_server.database_url, monkeypatch)
    keys = tmp_path / "keys"
    assert cli.main(["catalog", "keygen", "--out", str(keys)]) == 0
    assert (
        cli.main(
            [
                "--database",
                live_server.database_url,
                "catalog",
                "publish",
                str(CATALOG),
                "--version",
                "1",
                "--expires",
                "2099-12-31",
                "--key",
                str(keys / "catalog-signing-key.pem"),
            ]
        )
        == 0
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=browser_env()
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(live_server.url + "/")
            assert page.url.endswith("/login")
            page.fill("#username", "canbo")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("#sessions-total")
            assert page.text_content("#sessions-total") == "13"
            # 12 sessions chose a procedure; 4 + 3 + 2 reached the last step -> 75%
            assert page.text_content("#completion-rate") == "75%"
            assert page.text_content("#vneid-rate") == "15%"  # 2 of 13
            assert page.text_content("#dossier-rate") == "8%"  # 1 of 13
            assert page.text_content("#silent-count") == "1"
            assert page.text_content("tr[data-help-point=phu-nhuan-kp3] .total") == "9"
            assert page.text_content("tr[data-help-point=duc-nhuan-kp1] .total") == "3"
            silent_row = page.text_content("tr[data-help-point=phu-nhuan-ubnd]") or ""
            assert "Chưa nhận tin quá 3 ngày" in silent_row
            body = page.text_content("body") or ""
            for ward in ["Phường Đức Nhuận", "Phường Cầu Kiệu", "Phường Phú Nhuận"]:
                assert ward in body
            assert "Đăng ký tạm trú" in body  # name from the published catalog
            assert "kich-hoat-vneid" in body  # no such procedure file: the id stays
            # total, 3 busy points, 3 bar charts (procedures, rates, end reasons)
            assert page.locator("svg.chart").count() == 7
            ends = page.text_content("#end-reasons") or ""
            assert "Tự quay về màn hình đầu" in ends and "1 lượt" in ends
            step_row = page.locator("tr[data-report=dang-ky-tam-tru-4]")
            assert step_row.locator(".total").text_content() == "2"
            place = step_row.locator(".place").text_content() or ""
            assert place.startswith("Bước 4: ") and len(place) > len("Bước 4: ")
            reasons = step_row.locator(".reasons").text_content() or ""
            assert "Hình minh họa không khớp: 1" in reasons
            assert "Màn hình trên cổng đã khác hướng dẫn: 1" in reasons
            overview_row = page.text_content("tr[data-report=dang-ky-tam-tru-0]") or ""
            assert "Phần tổng quan" in overview_row and "Lệ phí không đúng: 1" in overview_row
            first = page.locator("#content-reports tbody tr").first.get_attribute("data-report")
            assert first == "dang-ky-tam-tru-4"  # the most reported first
            assert "Điểm hướng dẫn DVC trực tuyến Khu phố 5" in page.text_content("#no-sessions")
            colours = page.evaluate(_COLOURS_JS)
            assert len(colours) == 9
            for selector, (fg, bg) in colours.items():
                assert _contrast(fg, bg) >= 7.0, (selector, fg, bg)
            # Under tmp_path only: look at it with `pytest --basetemp=DIR` to keep it.
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
            page.click("header button[type=submit]")
            page.wait_for_url("**/login")
        finally:
            browser.close()


def test_help_point_silent_after_three_days(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kiosk heard from now is fine in 2 days and flagged as silent once 3 days have passed."""
    from collector import db, stats

    kiosks = _fill(live_server, capsys)
    engine = db.make_engine(live_server.database_url)
    try:
        now = live_server.app.state.clock.now()
        fresh = {p.id: p.silent for p in stats.dashboard(engine, now=now).help_points}
        later = {
            p.id: p.silent
            for p in stats.dashboard(engine, now=now + timedelta(days=2, hours=23)).help_points
        }
        stale = {
            p.id: p.silent
            for p in stats.dashboard(engine, now=now + timedelta(days=3, minutes=5)).help_points
        }
    finally:
        engine.dispose()
    busy = kiosks["kp3"].help_point_id
    assert fresh[busy] is False and later[busy] is False and stale[busy] is True
    assert fresh["phu-nhuan-ubnd"] is True  # has a kiosk that was never heard from
    assert fresh["duc-nhuan-kp5"] is False  # no kiosk at all: "Chưa có máy kiosk" instead
