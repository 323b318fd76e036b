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


def _in_capped_child(code: str, *args: str, cap_mb: int = 300) -> subprocess.CompletedProcess[str]:
    """Run `code` in a child whose address space is capped: a MemoryError there is real."""
    prologue = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({cap_mb} * 2**20, {cap_mb} * 2**20))\n"
        "from kiosk.config import ConfigError, read_config\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prologue + code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")
def test_dotted_keys_of_the_attack_end_in_config_error_not_memory_error(tmp_path: Path) -> None:
    """Issue #21 item 6: `a.a.a… = 1` under the 256 KB cap (80 KB took 9.2 GB, 260 KB ended in
    an uncaught MemoryError), the same depth as a [table] header or inside an inline table, and
    2,000 plain keys: each is ConfigError naming a short key, in a child capped at 300 MB."""
    dotted_80k = ".".join(["a"] * 40_000)
    dotted_260k = ".".join(["a"] * 130_000)
    cases = {
        "80k": (GOOD + f"{dotted_80k} = 1\n", "dotted parts"),
        "260k": (GOOD + f"{dotted_260k} = 1\n", "dotted parts"),
        "header": (GOOD + f"[{dotted_80k}]\nx = 1\n", "dotted parts"),
        "inline": (GOOD + f"[portal]\nx = {{ {dotted_80k} = 1 }}\n", "dotted parts"),
        "keys": (GOOD + "".join(f"k{i} = {i}\n" for i in range(2000)), "after 1000 keys"),
    }
    paths = []
    for name, (text, _) in cases.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        assert path.stat().st_size < 256 * 1024  # under the size cap: only the shape refuses it
        paths.append(str(path))
    code = (
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        read_config(Path(name))\n"
        "        print('read')\n"
        "    except ConfigError as exc:\n"
        "        print(exc.key, '|', exc.message)\n"
    )
    result = _in_capped_child(code, *paths)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert len(lines) == len(cases)
    for line, (name, (_, expected)) in zip(lines, cases.items(), strict=True):
        key, message = line.split(" | ")
        assert expected in message, (name, line)
        assert len(key) <= 80, name  # the page shows the key: 40,000 "a." must not become it


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")
def test_running_out_of_memory_while_reading_is_the_it_page_not_a_crash(tmp_path: Path) -> None:
    """A config of sane shape near the size cap, read with almost no memory left (0 to 1 MB
    above what the child already holds): every read ends in a normal result or ConfigError,
    never an uncaught MemoryError (which under systemd is a crash loop)."""
    path = tmp_path / "kiosk.toml"
    line = "k = [" + ", ".join(f'"{"ờ" * 20}{j}"' for j in range(40)) + "]\n"
    lines = [GOOD]
    size = len(GOOD.encode())
    for i in range(1000):
        item = line.replace("k =", f"k{i} =", 1)
        if size + len(item.encode()) > 250_000:
            break
        lines.append(item)
        size += len(item.encode())
    path.write_text("".join(lines), encoding="utf-8")
    code = (
        "import os\n"
        "held = int(open('/proc/self/statm').read().split()[0]) * os.sysconf('SC_PAGE_SIZE')\n"
        "extra = int(sys.argv[2]) * 1024\n"
        "resource.setrlimit(resource.RLIMIT_AS, (held + extra, 4096 * 2**20))\n"
        "try:\n"
        "    read_config(Path(sys.argv[1]))\n"
        "    print('read')\n"
        "except ConfigError as exc:\n"
        "    print(exc.key, '|', exc.message)\n"
    )
    outcomes = set()
    for extra_kb in (0, 128, 512, 1024):
        result = _in_capped_child(code, str(path), str(extra_kb), cap_mb=4096)
        assert result.returncode == 0, (extra_kb, result.stderr[-2000:])
        outcomes.add(result.stdout.strip())
    assert "(file) | too large to read (out of memory)" in outcomes
