"""Kiosk mode holds against the keys a resident might press, and only the volunteer PIN opens
it: the real program on a real X server (Xvfb) with a real window manager (openbox, whose
Alt+F4 really closes windows), keys sent as X events by xdotool."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.pin import make_pin_hash
from tests.e2e.kiosk_process import start_kiosk_run, text_of, wait
from tests.fake_speechd import FakeSpeechDispatcher, fake_speech_dispatcher

PIN = "482915"
TITLE = "^DVC Kiosk$"

pytestmark = [
    pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (xvfb-run)"),
    pytest.mark.skipif(
        not (shutil.which("xdotool") and shutil.which("openbox")),
        reason="needs xdotool and openbox (scripts/system_packages.sh test)",
    ),
]


def xdotool(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run xdotool on the test's X display."""
    return subprocess.run(
        ["xdotool", *args], capture_output=True, text=True, check=check, timeout=20
    )


@pytest.fixture(scope="module")
def window_manager(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """openbox on the display (or the window manager already there)."""
    if xdotool("get_num_desktops").returncode == 0:
        yield
        return
    log = tmp_path_factory.mktemp("openbox") / "openbox.log"
    with log.open("wb") as out:
        wm = subprocess.Popen(["openbox", "--sm-disable"], stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 45  # a loaded 2-core CI machine can be slow here
        while xdotool("get_num_desktops").returncode != 0:
            if wm.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    f"openbox did not manage the screen (exit {wm.returncode}): "
                    + log.read_text(errors="replace")[-500:]
                )
            time.sleep(0.1)
        yield
    finally:
        wm.terminate()
        try:
            wm.wait(timeout=20)
        except subprocess.TimeoutExpired:
            wm.kill()
            wm.wait()


@pytest.fixture(scope="module")
def speech_service() -> Iterator[FakeSpeechDispatcher]:
    """A stand-in speech-dispatcher, so these tests never meet the machine's own (whose state,
    stuck or not, is no business of kiosk mode)."""
    with fake_speech_dispatcher() as fake:
        yield fake


def start_kiosk(
    tmp_path: Path, kiosk_mode: bool, speech: FakeSpeechDispatcher
) -> tuple[subprocess.Popen[bytes], Path]:
    """The real kiosk (`python -m ui.entry run`) on the X display with a provisioned config."""
    home = tmp_path / "home"
    pin_hash = make_pin_hash(PIN, home / "data")  # the pepper the kiosk will find there
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[help_point]\nid = "duc-nhuan-kp1"\n\n'
        f'[kiosk]\nid = "kiosk-1"\nkiosk_mode = {"true" if kiosk_mode else "false"}\n\n'
        f'[volunteer]\npin_hash = "{pin_hash}"\n',
        encoding="utf-8",
    )
    proc = start_kiosk_run(
        home,
        config,
        tmp_path / "stderr.txt",
        QT_QPA_PLATFORM="xcb",
        XDG_RUNTIME_DIR=str(speech.runtime_dir),
    )
    return proc, home / "logs" / "kiosk.log"


def kiosk_window(visible_only: bool = True) -> str | None:
    """The X id of the kiosk's window, or None."""
    args = ["search", "--onlyvisible", "--name", TITLE] if visible_only else ["search", TITLE]
    found = xdotool(*args).stdout.split()
    return found[-1] if found else None


def ready(proc: subprocess.Popen[bytes], log: Path) -> str:
    """Wait until the window is mapped and the journal (hence the PIN panel) is wired."""
    wait(lambda: proc.poll() is None and kiosk_window() is not None, 30, "the kiosk window")
    # After the first paint the journal opens and the PIN panel is wired: wait for its log line.
    wait(
        lambda: log.exists() and "the kiosk is ready" in log.read_text(encoding="utf-8"),
        40,
        "the kiosk to finish starting (its 'ready' log line)",
    )
    window = kiosk_window()
    assert window is not None
    xdotool("windowactivate", "--sync", window)
    xdotool("windowfocus", "--sync", window)
    wait(lambda: active_window() == window, 20, "the kiosk window to have the focus")
    return window


def active_window() -> str | None:
    """The X id of the focused window (what the window manager's Alt+F4 acts on)."""
    return xdotool("getactivewindow").stdout.strip() or None


def what_happened(proc: subprocess.Popen[bytes], tmp_path: Path) -> str:
    """For a failure message: is the window still there, and the ends of the log and stderr."""
    log = tmp_path / "home" / "logs" / "kiosk.log"
    err = tmp_path / "stderr.txt"
    return (
        f"process {'running' if proc.poll() is None else f'ended {proc.returncode}'}, "
        f"window {'still mapped' if kiosk_window() else 'gone'}; log: "
        + text_of(log)[-1500:]
        + "; stderr: "
        + text_of(err)[-1500:]
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a kiosk the test left running."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_alt_f4_really_closes_an_ordinary_window(
    window_manager: None, speech_service: FakeSpeechDispatcher, tmp_path: Path
) -> None:
    """The control: with kiosk_mode = false, the same Alt+F4 closes the kiosk, so the keys
    sent in the next test are the real thing."""
    proc, log = start_kiosk(tmp_path, kiosk_mode=False, speech=speech_service)
    try:
        ready(proc, log)
        xdotool("key", "--clearmodifiers", "alt+F4")
        try:
            wait(lambda: proc.poll() is not None, 20, "Alt+F4 to close the non-kiosk window")
        except AssertionError as exc:
            raise AssertionError(f"{exc}: {what_happened(proc, tmp_path)}") from None
        assert proc.returncode == 0
    finally:
        stop(proc)


def test_alt_f4_and_esc_do_not_leave_kiosk_mode_but_the_pin_does(
    window_manager: None, speech_service: FakeSpeechDispatcher, tmp_path: Path
) -> None:
    """kiosk_mode = true: Alt+F4 and Esc leave the window mapped and the program running; then
    Ctrl+Alt+V, the PIN on the keyboard, 'Thoát chế độ kiosk' and 'Có, thoát' end it with 0."""
    proc, log = start_kiosk(tmp_path, kiosk_mode=True, speech=speech_service)
    try:
        window = ready(proc, log)
        for keys in ("alt+F4", "Escape", "alt+F4", "Escape"):
            xdotool("key", "--clearmodifiers", keys)
            time.sleep(0.5)
        time.sleep(1.0)
        assert proc.poll() is None, "the kiosk must survive Alt+F4 and Esc"
        assert kiosk_window() == window, "the kiosk window is still mapped"

        # The volunteer path: the gesture, the PIN typed on the keyboard, then two buttons.
        xdotool("key", "--clearmodifiers", "ctrl+alt+v")
        time.sleep(0.8)
        xdotool("key", "--delay", "80", *PIN)
        xdotool("key", "Return")
        time.sleep(2.0)  # the slow PIN hash runs off the GUI thread
        assert proc.poll() is None
        # The panel opens with 'Đóng' focused; one step back is 'Thoát chế độ kiosk'.
        xdotool("key", "--delay", "200", "shift+Tab", "space")
        time.sleep(0.8)
        assert proc.poll() is None, "leaving asks for a confirmation first"
        # The confirmation opens on 'Không, ở lại'; the next button is 'Có, thoát'.
        xdotool("key", "--delay", "200", "Tab", "space")
        try:
            wait(lambda: proc.poll() is not None, 20, "the kiosk to close after the PIN path")
        except AssertionError as exc:
            raise AssertionError(f"{exc}: {what_happened(proc, tmp_path)}") from None
        assert proc.returncode == 0
        assert "Traceback" not in text_of(tmp_path / "stderr.txt")
    finally:
        stop(proc)
