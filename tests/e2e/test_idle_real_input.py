"""The kiosk as `dvc-kiosk run` builds it, in its own process on X (xcb), and a real keyboard
and mouse: xdotool's XTEST events through Xvfb. A resident types into the portal's form for
twice the idle time — the idle question never comes; she stops — it comes one idle time after
her last key, and the session is wiped after the answer time. (The kiosk's watch used to go
deaf once the portal's web view had made Qt replace the window's QWindow: ui/input_watch.py.)
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import text_of, wait
from tests.e2e.portal_process import kiosk_home, start
from tests.fake_portal import FakePortal
from tests.x_input import click_at_xy, needs_x_display, type_keys

pytestmark = needs_x_display

IDLE_SECONDS = 15  # the smallest a config may set (kiosk.idle_seconds)
ANSWER_SECONDS = 20  # likewise (kiosk.idle_answer_seconds)
NAME_KEYS = "Nguyeenx Thij Hoaf "  # tests/e2e/portal_run.py's TYPED_NAME, as Telex keys


@pytest.fixture
def portal() -> Iterator[FakePortal]:
    site = FakePortal.start()
    yield site
    site.stop()


def arrival(out: Path, line: str, since: int) -> float | None:
    """Now, if `line` is in the program's output past offset `since`; else None."""
    return time.monotonic() if line in text_of(out)[since:] else None


def test_typing_into_the_portal_for_twice_the_idle_time_then_stopping_real_input(
    tmp_path: Path, portal: FakePortal
) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    _home, env = kiosk_home(
        tmp_path,
        portal.origin,
        scans,
        f"idle_seconds = {IDLE_SECONDS}\nidle_answer_seconds = {ANSWER_SECONDS}\n",
    )
    env["QT_QPA_PLATFORM"] = "xcb"  # a real window on the X server, as on a kiosk
    out = tmp_path / "kiosk.txt"
    kiosk = start(env, "typing-target", stdout=out)
    try:
        wait(lambda: "FIELD " in text_of(out) or kiosk.poll() is not None, 180, "the form")
        found = re.search(r"FIELD (\d+) (\d+)", text_of(out))
        assert found, text_of(out)[-3000:]
        click_at_xy(int(found[1]), int(found[2]))
        typed = 0
        started = time.monotonic()
        while time.monotonic() - started < 2 * IDLE_SECONDS:
            type_keys(NAME_KEYS)
            typed += 1
            assert "IDLE-QUESTION" not in text_of(out), (
                f"the idle question came {time.monotonic() - started:.0f} s into her typing"
            )
        last_key = time.monotonic()
        mark = len(text_of(out))
        wait(lambda: f"NAME-TYPED {typed}" in text_of(out), 30, "every key in the field")

        wait(lambda: arrival(out, "IDLE-QUESTION", mark) is not None, IDLE_SECONDS + 30, "ask")
        asked = time.monotonic()
        assert asked - last_key >= IDLE_SECONDS - 1, "the question waited one idle time"
        wait(lambda: "WIPED" in text_of(out), ANSWER_SECONDS + 30, "the wipe")
        assert kiosk.wait(60) == 0, text_of(out)[-3000:]
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait(30)
