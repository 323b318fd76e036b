"""Nothing leaves the portal view except to the allow-list — through any door the interceptor
does not see. The real kiosk (a child process, started as `run` starts it, so its engine gets
the kiosk's network rules) opens the fake portal's /attack page (tests/egress.py), which sends
subresources through the portal's open redirect (302 and 307, every kind, many rounds: the
old leak was racy), preconnects, tries WebRTC with TURN/STUN servers over UDP and TCP (from the
page and from a fresh about:blank frame, where the kiosk's script has not run) and finally
redirects its own main frame: every foreign trap on loopback receives nothing. The control
runs the same page in a plain QtWebEngine in a process of its own: every kind reaches its trap,
so the page's attempts are real and the test can fail."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import text_of
from tests.e2e.portal_process import ROOT, kiosk_home, start
from tests.egress import (
    PRECONNECT_ALLOWED,
    PRECONNECT_KINDS,
    TCP_KINDS,
    UDP_KINDS,
    Traps,
    attack_page,
    link_header,
    preconnect_page,
)
from tests.fake_portal import FakePortal

# What the attack page tries; its preconnects are counted by the preconnect tests below
# (an engine process makes none at times, so one control run cannot show them).
ATTACK_KINDS = tuple(
    k for k in (*TCP_KINDS, *UDP_KINDS) if k not in (*PRECONNECT_KINDS, PRECONNECT_ALLOWED)
)
# Short engine processes, until one shows it made preconnects: a page loaded in an engine's
# first moments often makes none (preconnect_child.py waits 1.5 s first; then nearly all do).
PRECONNECT_TRIES = 30


def plain_env(tmp_path: Path) -> dict[str, str]:
    """A child's environment with nothing of the kiosk's (an in-process kiosk test may have
    put its switches in os.environ)."""
    env = {k: v for k, v in os.environ.items() if k != "QTWEBENGINE_CHROMIUM_FLAGS"}
    env.update(PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


@pytest.fixture
def traps() -> Iterator[Traps]:
    """The foreign hosts, on loopback."""
    made = Traps.start()
    yield made
    made.stop()


@pytest.fixture
def attack_portal(traps: Traps) -> Iterator[FakePortal]:
    """The fake portal (the test origin, so 'allowed') serving the attack page."""
    site = FakePortal.start()
    site.set_attack(attack_page(traps), link_header(traps))
    yield site
    site.stop()


def test_every_way_out_reaches_its_trap_from_a_plain_engine(
    tmp_path: Path, traps: Traps, attack_portal: FakePortal
) -> None:
    """The control: without the kiosk's protections each kind of attempt arrives (so the
    kiosk's zero below is a result, not a broken page or a deaf trap)."""
    out = tmp_path / "control.txt"
    env = plain_env(tmp_path)
    with out.open("wb") as sink:
        child = subprocess.run(
            [sys.executable, "-m", "tests.e2e.egress_control", attack_portal.origin],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            timeout=180,
            check=False,
        )
    assert child.returncode == 0 and "CONTROL-DONE" in text_of(out), text_of(out)[-3000:]
    seen = traps.seen()
    missing = [kind for kind in ATTACK_KINDS if not seen.get(kind)]
    assert missing == [], f"the plain engine did not reach: {missing} (seen {seen})"


def test_nothing_leaves_the_kiosk_portal_view(
    tmp_path: Path, traps: Traps, attack_portal: FakePortal
) -> None:
    """The real kiosk, over three visits: no trap receives a connection or a datagram —
    redirected fetch, XHR, picture, style sheet, script, video, prefetch and frame (20 tries
    each a visit), the main-frame redirect (refused with the calm page), five kinds of
    preconnect, TURN over UDP and TCP, STUN. WebRTC is absent from the page; the blank
    frame's copy could still be built, and nothing reached the TURN server from it."""
    scans = tmp_path / "scans"
    scans.mkdir()
    _home, env = kiosk_home(tmp_path, attack_portal.origin, scans)
    out = tmp_path / "kiosk.txt"
    child = start(env, "attack", stdout=out)
    assert child.wait(240) == 0, text_of(out)[-3000:]
    said = text_of(out)
    assert "RTC page:absent" in said, said[-3000:]
    assert "NOTICE Trang này nằm ngoài Cổng dịch vụ công" in said, said[-3000:]
    assert "AT /attack" in said, said[-3000:]
    assert traps.seen() == {}
    assert "/attack" in attack_portal.paths("GET")
    bounced = [p for p in attack_portal.paths("GET") if p == "/bounce"]
    assert len(bounced) >= 100, "the portal's open redirect was asked again and again"


def preconnect_runs(tmp_path: Path, traps: Traps, mode: str) -> list[dict[str, int]]:
    """Run preconnect_child in `mode` until a run shows it made preconnects (its allowed one
    arrived) or PRECONNECT_TRIES runs are done; what the traps saw in each run."""
    site = FakePortal.start()
    site.set_attack(preconnect_page(traps), link_header(traps))
    runs: list[dict[str, int]] = []
    try:
        for number in range(PRECONNECT_TRIES):
            traps.counts.clear()
            out = tmp_path / f"preconnect-{mode}-{number}.txt"
            with out.open("wb") as sink:
                child = subprocess.run(
                    [sys.executable, "-m", "tests.e2e.preconnect_child", mode, site.origin],
                    cwd=ROOT,
                    env=plain_env(tmp_path),
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    timeout=120,
                    check=False,
                )
            assert child.returncode == 0 and "PRECONNECT-DONE" in text_of(out), text_of(out)
            runs.append(traps.seen())
            if runs[-1].get(PRECONNECT_ALLOWED):
                break
    finally:
        site.stop()
    return runs


def test_a_plain_engine_preconnects_to_foreign_hosts(tmp_path: Path, traps: Traps) -> None:
    """The control: in a run whose preconnects were made at all, each foreign preconnect —
    a <link> in the page, one added by script, one in a Link header, one by host name, one
    over https — opened a TCP connection to its foreign trap."""
    runs = preconnect_runs(tmp_path, traps, "plain")
    live = runs[-1]
    assert live.get(PRECONNECT_ALLOWED), f"no run made preconnects: {runs}"
    assert [k for k in PRECONNECT_KINDS if not live.get(k)] == [], live


def test_the_kiosk_engine_opens_no_connection_for_a_foreign_preconnect(
    tmp_path: Path, traps: Traps
) -> None:
    """The kiosk's engine (its switches, profile and interceptor): in a run whose preconnects
    were made — the one to the allowed host arrived — no foreign trap saw a connection, and
    none did in any run before it."""
    runs = preconnect_runs(tmp_path, traps, "kiosk")
    assert runs[-1].get(PRECONNECT_ALLOWED), f"no run made preconnects: {runs}"
    for seen in runs:
        assert {k: n for k, n in seen.items() if k != PRECONNECT_ALLOWED} == {}, runs
