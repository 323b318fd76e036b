"""A stuck speech service never holds the kiosk: the real program, started as the service
manager starts it, stops cleanly (exit 0) on SIGTERM while speech-dispatcher hangs.

This is the failure CI once met: the speech engine lived on a thread of the kiosk, PySide6
kept Python's lock during the engine's calls, and a dispatcher that stopped answering froze
the kiosk at start (in the engine's setup) or at quit (in its `stop`), so neither Alt+F4, the
volunteer's exit nor SIGTERM could end it, and systemd never restarted it.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import start_kiosk_run, text_of, wait
from tests.fake_speechd import fake_speech_dispatcher


@pytest.mark.parametrize(
    "hang_on",
    [
        # at start: the engine asks for its voices and never hears back
        "LIST SYNTHESIS_VOICES",
        # at quit: stopping the engine cancels its speech and never hears back
        "CANCEL",
    ],
)
def test_sigterm_ends_the_kiosk_while_speech_dispatcher_hangs(tmp_path: Path, hang_on: str) -> None:
    home = tmp_path / "home"
    config = tmp_path / "kiosk.toml"
    config.write_text('[help_point]\nid = "duc-nhuan-kp1"\n\n[kiosk]\nid = "kiosk-1"\n')
    log = home / "logs" / "kiosk.log"
    stderr = tmp_path / "stderr.txt"
    with fake_speech_dispatcher(hang_on=hang_on) as speechd:
        proc = start_kiosk_run(
            home,
            config,
            stderr,
            QT_QPA_PLATFORM="offscreen",
            XDG_RUNTIME_DIR=str(speechd.runtime_dir),
        )
        try:
            wait(lambda: "the kiosk is ready" in text_of(log), 60, "the kiosk to start")
            if hang_on == "CANCEL":  # the engine started and found its voice
                wait(lambda: "Vietnamese voice: True" in text_of(log), 30, "the voice")
            else:
                wait(speechd.stuck.is_set, 30, "the engine to hang on its voices")
            proc.send_signal(signal.SIGTERM)
            try:
                wait(lambda: proc.poll() is not None, 20, "the kiosk to stop on SIGTERM")
            except AssertionError as exc:
                raise AssertionError(f"{exc}; log: {text_of(log)[-1500:]}") from None
            assert proc.returncode == 0
            assert "Traceback" not in text_of(stderr)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
