"""A config file that is odd rather than plainly wrong still ends in ConfigError(file, key) —
never a RecursionError, a MemoryError or a hang (issue #13 items 12 and 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, read_config

GOOD = '[help_point]\nid = "duc-nhuan-kp1"\n\n[kiosk]\nid = "kiosk-1"\n'
ROOT = Path(__file__).resolve().parents[2]


def _error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert caught.value.file == str(path)
    return caught.value


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Notepad's BOM in front of a good file: the kiosk reads it like any other."""
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    config = read_config(path)
    assert config.help_point.id == "duc-nhuan-kp1" and config.kiosk_id == "kiosk-1"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("[" * 100_000 + "]" * 100_000, "kiosk.top_procedures"),
        ("[" * 600 + "]" * 600, "kiosk.top_procedures"),
        ('["a", ' + "{x = " * 500 + "1" + "}" * 500 + "]", "kiosk.top_procedures"),
    ],
    ids=["100000-deep", "600-deep", "inline-tables"],
)
def test_deep_nesting_names_the_key_instead_of_recursing(
    tmp_path: Path, value: str, key: str
) -> None:
    """Arrays or inline tables nested past MAX_NESTING: ConfigError naming the key."""
    path = tmp_path / "kiosk.toml"
    path.write_text(GOOD + f"top_procedures = {value}\n", encoding="utf-8")
    error = _error(path)
    assert error.key == key
    assert "deeper than 16 levels" in error.message  # kiosk.config_file.MAX_NESTING


def test_brackets_inside_strings_and_comments_are_not_nesting(tmp_path: Path) -> None:
    """'[[[[…' in a string or a comment is text, not depth: the file reads normally."""
    path = tmp_path / "kiosk.toml"
    brackets = "[" * 200
    path.write_text(
        f"# {brackets}\n" + GOOD.replace('"kiosk-1"', f'"kiosk-1" # {brackets}') + "\n"
        f"[sync]\nserver = \"https://dvc.gov.vn/{brackets}\"\ntoken = '{brackets}'\n",
        encoding="utf-8",
    )
    config = read_config(path)
    assert config.sync is not None and config.sync.token == brackets


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")
def test_a_300_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    """A 300 MB file (sparse: no real disk used) is refused by size, naming the file, in a
    child process whose memory is capped at 200 MB — reading it whole would fail there."""
    path = tmp_path / "kiosk.toml"
    with path.open("wb") as handle:
        handle.write(GOOD.encode())
        handle.truncate(300 * 1024 * 1024)
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "resource.setrlimit(resource.RLIMIT_AS, (200 * 2**20, 200 * 2**20))\n"
        "from kiosk.config import ConfigError, read_config\n"
        "try:\n"
        "    read_config(Path(sys.argv[1]))\n"
        "except ConfigError as exc:\n"
        "    print(exc.key, '|', exc.message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    key, message = result.stdout.strip().split(" | ")
    assert key == "(file)"
    assert "larger than 256 KB" in message  # kiosk.config_file.MAX_CONFIG_BYTES


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("error_return_seconds = -5", "kiosk.error_return_seconds"),
        ("error_return_seconds = 1000000000", "kiosk.error_return_seconds"),
        ("idle_seconds = 1000000000", "kiosk.idle_seconds"),
        ("idle_seconds = -1", "kiosk.idle_seconds"),
        ("idle_answer_seconds = 9223372036854775807", "kiosk.idle_answer_seconds"),
        ('[sync]\nserver = "https://x.gov.vn"\ntoken = "t"\ninterval_seconds = -5', "sync."),
        ('[sync]\nserver = "https://x.gov.vn"\ntoken = "t"\ninterval_seconds = 0', "sync."),
    ],
)
def test_every_number_has_a_stated_range(tmp_path: Path, line: str, key: str) -> None:
    """Negative or absurd numbers name the key and the range they must be in."""
    path = tmp_path / "kiosk.toml"
    path.write_text(GOOD + line + "\n", encoding="utf-8")
    error = _error(path)
    from kiosk.config import RANGES

    name = key if key != "sync." else "sync.interval_seconds"
    low, high = RANGES[name]
    assert error.key == name
    assert f"must be between {low} and {high}" in error.message


def test_a_folder_or_a_device_is_not_read(tmp_path: Path) -> None:
    """$DVC_KIOSK_CONFIG naming a folder or /dev/zero: '(file)', at once, not a hang."""
    assert _error(tmp_path).key == "(file)"
    if Path("/dev/zero").exists():
        error = _error(Path("/dev/zero"))
        assert (error.key, error.message) == ("(file)", "is not a regular file")


@pytest.mark.parametrize(
    ("pin_hash", "words"),
    [
        ("scrypt$32768$8$1$c2FsdA$ZGlnZXN0", "old rule that allowed 4-digit PINs"),
        ("1234", "is not a PIN hash made by `dvc-kiosk provision`"),
    ],
)
def test_a_pin_hash_from_before_the_six_digit_rule_is_refused(
    tmp_path: Path, pin_hash: str, words: str
) -> None:
    """A hash that may hide a 4-digit PIN (or is not a hash): the IT page says to provision
    again with a PIN of at least 6 digits."""
    path = tmp_path / "kiosk.toml"
    path.write_text(GOOD + f'\n[volunteer]\npin_hash = "{pin_hash}"\n', encoding="utf-8")
    error = _error(path)
    assert error.key == "volunteer.pin_hash"
    assert words in error.message
