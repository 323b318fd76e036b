"""The kiosk's log: on disk, bounded, and nothing lost when the kiosk switches on rotation
right after its first paint."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import logging_setup
from kiosk.logging_setup import log_file, setup_logging
from kiosk.paths import AppDirs


@pytest.fixture
def dirs(tmp_path: Path) -> Iterator[AppDirs]:
    yield AppDirs(tmp_path / "c", None, tmp_path / "d", tmp_path / "k", tmp_path / "logs")
    root = logging.getLogger()
    for handler in logging_setup._installed:  # leave the test run's logging as it was
        root.removeHandler(handler)
        handler.close()
    logging_setup._installed.clear()


def test_start_without_rotation_then_rotate_keeps_every_line(
    dirs: AppDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2_000)
    log = logging.getLogger("kiosk.test")
    assert setup_logging(dirs, rotate=False, stderr=False) == log_file(dirs)
    for i in range(30):  # ~2.4 kB: past MAX_BYTES, but the start-up handler never rotates
        log.info("before the first paint %02d", i)
    assert not log_file(dirs).with_suffix(".log.1").exists()

    setup_logging(dirs, stderr=False)  # what run() does after the first paint
    for i in range(30):
        log.info("after the first paint %02d", i)
    for handler in logging_setup._installed:
        handler.flush()

    files = sorted(dirs.logs.glob("kiosk.log*"))
    assert len(files) >= 2, "the rotating handler never rotated"
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    for i in range(30):
        assert f"before the first paint {i:02d}" in text
        assert f"after the first paint {i:02d}" in text


def test_unwritable_log_dir_leaves_stderr_only(
    dirs: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    dirs.logs.parent.mkdir(parents=True, exist_ok=True)
    dirs.logs.write_text("a file where the folder should be", encoding="utf-8")
    assert setup_logging(dirs, rotate=False) is None
    assert "cannot write the log" in capsys.readouterr().err
