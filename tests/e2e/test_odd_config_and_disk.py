"""The real `dvc-kiosk run` (a subprocess, as systemd starts it) against an odd config file or
a disk that refuses writes: the IT page or the home screen is painted, the log or stderr says
what is wrong, no traceback, and SIGTERM ends it with exit 0 — never a crash loop (issue #13
items 13 and 14)."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.disk_faults import blocked_folder, fill, small_tmpfs
from tests.e2e.kiosk_process import start_kiosk_run, text_of, wait

GOOD = '[help_point]\nid = "duc-nhuan-kp1"\n\n[kiosk]\nid = "kiosk-1"\nkiosk_mode = false\n'
STARTED = "kiosk kiosk-1 at help point duc-nhuan-kp1 started"
# With no disk to write on, the kiosk starts without its journal, and says so (never quietly).
WITHOUT_JOURNAL = "the kiosk started without: journal"


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 0, f"exit {proc.returncode}"


def _run_until(home: Path, config: Path, stderr: Path, text: str) -> str:
    """Start the kiosk, wait until `text` is in its stderr (the log goes there too), stop it
    with SIGTERM; the whole stderr."""
    proc = start_kiosk_run(home, config, stderr, QT_QPA_PLATFORM="offscreen")
    try:
        wait(
            lambda: text in text_of(stderr) or proc.poll() is not None,
            60,
            f"'{text}' in the kiosk's stderr",
        )
        assert proc.poll() is None, (
            f"the kiosk exited with {proc.returncode}:\n" + text_of(stderr)[-3000:]
        )
    finally:
        if proc.poll() is None:
            _stop(proc)
    assert proc.returncode == 0
    output = text_of(stderr)
    assert "Traceback" not in output, output[-3000:]
    assert "signal 15: stopping" in output
    return output


def _write_config(path: Path, case: str) -> str:
    """Write the odd config `case`; the key the IT page must name (or '' for a good file)."""
    if case == "deep-nesting":
        path.write_text(GOOD + "top_procedures = " + "[" * 50_000 + "]" * 50_000 + "\n")
        return "kiosk.top_procedures"
    if case == "300-mb":
        with path.open("wb") as handle:
            handle.write(GOOD.encode())
            handle.truncate(300 * 1024 * 1024)  # sparse: no real disk used
        return "(file)"
    if case == "dotted-keys":  # issue #21 item 6: 9.2 GB and a MemoryError before
        path.write_text(GOOD + ".".join(["a"] * 130_000) + " = 1\n")
        return "kiosk." + ".".join(["a"] * 36)[:71] + "…"  # named, cut short for the page
    if case == "negative-number":
        path.write_text(GOOD + "error_return_seconds = -5\n")
        return "kiosk.error_return_seconds"
    if case == "absurd-number":
        path.write_text(GOOD + "idle_seconds = 1000000000\n")
        return "kiosk.idle_seconds"
    if case == "old-4-digit-pin-hash":
        path.write_text(GOOD + '[volunteer]\npin_hash = "scrypt$32768$8$1$c2FsdA$ZGln"\n')
        return "volunteer.pin_hash"
    raise AssertionError(case)


@pytest.mark.parametrize(
    "case",
    [
        "deep-nesting",
        "300-mb",
        "dotted-keys",
        "negative-number",
        "absurd-number",
        "old-4-digit-pin-hash",
    ],
)
def test_an_odd_config_gets_the_it_page_naming_the_key(tmp_path: Path, case: str) -> None:
    """No RecursionError, no reading 300 MB, no accepting -5 s: the IT page names file + key."""
    config = tmp_path / "kiosk.toml"
    key = _write_config(config, case)
    output = _run_until(
        tmp_path / "home", config, tmp_path / "stderr.txt", "the IT config page is on screen"
    )
    assert f"config problem: {config}: {key}: " in output


def test_a_config_with_a_byte_order_mark_starts_the_kiosk(tmp_path: Path) -> None:
    """Notepad's UTF-8 BOM in front of a good file: the home screen, not the IT page."""
    config = tmp_path / "kiosk.toml"
    config.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    output = _run_until(
        tmp_path / "home", config, tmp_path / "stderr.txt", "the home screen is on screen"
    )
    assert STARTED in output and "config problem" not in output


def test_a_read_only_disk_still_starts_the_kiosk(tmp_path: Path) -> None:
    """DVC_KIOSK_HOME on a read-only tmpfs (EROFS stops root too): the kiosk paints the home
    screen, logs to stderr why it cannot keep its folders and journal, and stops cleanly."""
    config = tmp_path / "kiosk.toml"
    config.write_text(GOOD)
    with small_tmpfs(tmp_path / "home", 64, read_only=True) as home:
        output = _run_until(home, config, tmp_path / "stderr.txt", WITHOUT_JOURNAL)
    assert "the home screen is on screen" in output
    assert "folder problem:" in output and "Read-only file system" in output
    assert "the journal cannot be opened" in output


def test_a_full_disk_still_starts_the_kiosk(tmp_path: Path) -> None:
    """DVC_KIOSK_HOME on a tmpfs filled to the last byte (ENOSPC): the same calm start."""
    config = tmp_path / "kiosk.toml"
    config.write_text(GOOD)
    with small_tmpfs(tmp_path / "home", 64) as home:
        fill(home)
        output = _run_until(home, config, tmp_path / "stderr.txt", WITHOUT_JOURNAL)
    assert "the home screen is on screen" in output
    assert "No space left on device" in output


def test_a_file_where_the_data_folder_should_be_still_starts_the_kiosk(tmp_path: Path) -> None:
    """No mount needed: a regular file in place of DVC_KIOSK_HOME's folders (fails for root)."""
    config = tmp_path / "kiosk.toml"
    config.write_text(GOOD)
    with blocked_folder(tmp_path / "home") as home:
        output = _run_until(home, config, tmp_path / "stderr.txt", WITHOUT_JOURNAL)
    assert "folder problem:" in output


def test_files_left_readable_by_an_older_version_are_tightened_at_start(tmp_path: Path) -> None:
    """A kiosk upgraded from a version that left journal, log, pepper and its own config
    0644: after the start they are 0600 and their folders 0700 (POSIX)."""
    import os
    import stat

    from kiosk.journal.db import open_journal
    from kiosk.pin import SECRET_FILE, load_or_create_secret

    home = tmp_path / "home"
    config = home / "config" / "kiosk.toml"
    config.parent.mkdir(parents=True)
    config.write_text(GOOD)
    (home / "logs").mkdir()
    (home / "logs" / "kiosk.log").write_text("an old line\n")
    with open_journal(home / "data" / "journal.db"):
        pass
    load_or_create_secret(home / "data")
    loose = [config, home / "logs" / "kiosk.log", home / "data" / "journal.db"]
    loose.append(home / "data" / SECRET_FILE)
    for path in loose:
        os.chmod(path, 0o644)
    for folder in ("config", "data", "logs"):
        os.chmod(home / folder, 0o755)

    def modes() -> list[int]:
        paths = [*loose, home / "config", home / "data", home / "logs"]
        return [stat.S_IMODE(p.stat().st_mode) for p in paths]

    stderr = tmp_path / "stderr.txt"
    proc = start_kiosk_run(home, config, stderr, QT_QPA_PLATFORM="offscreen")
    try:
        wait(lambda: "the kiosk is ready" in text_of(stderr), 60, "the kiosk to be ready")
        wait(lambda: modes() == [0o600] * 4 + [0o700] * 3, 20, f"0600/0700, not {modes()}")
    finally:
        _stop(proc)
