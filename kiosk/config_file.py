"""Reading the config file's bytes into TOML tables without letting the file take the kiosk down.

A config is a few hundred bytes that IT edits by hand, sometimes with Notepad (which may put a
UTF-8 byte-order mark first), sometimes by mistake with the wrong file. Whatever is at the
configured path, reading it ends in tables or a ConfigError naming the file and the key —
never a RecursionError, a MemoryError or a hang (issue #13 item 13):

- size: at most MAX_CONFIG_BYTES are ever read (a 300 MB file is refused after one stat and one
  bounded read, not loaded);
- a UTF-8 BOM is dropped; other bytes must be UTF-8;
- nesting: tomllib parses arrays and inline tables recursively, and a few hundred `[` exhaust
  Python's stack. `shape_problem` scans the text first (strings and comments skipped) and
  names the key whose value nests deeper than MAX_NESTING;
- keys: tomllib's cost grows with the square of a dotted key's depth (`a.a.a… = 1`, 80 KB of
  it took 9.2 GB and 260 KB ended in MemoryError, issue #21 item 6). The same scan bounds every
  key's dotted depth (MAX_KEY_PARTS) and the number of keys and tables (MAX_KEYS) before
  tomllib sees the text;
- whatever still goes wrong inside the parser, a MemoryError included, is a ConfigFileError,
  so the kiosk shows IT's calm config page instead of crash-looping.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

MAX_CONFIG_BYTES = 256 * 1024  # a real config is under 2 KB
MAX_NESTING = 16  # the kiosk's deepest real value is a list of strings: depth 1
MAX_KEY_PARTS = 16  # a real key is one or two parts ("sync.server")
MAX_KEYS = 1000  # keys and [tables] together; a real config has about 40
UTF8_BOM = b"\xef\xbb\xbf"

# The characters that matter for nesting; everything between them is skipped.
_INTERESTING = re.compile(r"[\[\]{},=\n#\"']")
# Whole strings, so the brackets inside them do not count. Each is tried once, at its opening
# quote; an unterminated one swallows the rest of its line (or of the text), which keeps the
# scan linear whatever the text (TOML itself then reports the unterminated string).
_STRINGS = {
    '"""': re.compile(r'"""(?:[^\\]|\\.)*?"""', re.DOTALL),
    "'''": re.compile(r"'''.*?'''", re.DOTALL),
    '"': re.compile(r'"(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"'[^'\n]*'"),
}


class ConfigFileError(Exception):
    """The file cannot be turned into tables; `key` is what IT should look at."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


def read_tables(path: Path) -> dict[str, Any]:
    """The TOML tables in `path`; ConfigFileError for anything that is not a usable config."""
    if not path.exists():
        raise ConfigFileError("(file)", "the file does not exist")
    if not path.is_file():
        raise ConfigFileError("(file)", "is not a regular file")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigFileError("(file)", f"cannot be read: {exc}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigFileError(
            "(file)",
            f"is larger than {MAX_CONFIG_BYTES // 1024} KB (a kiosk config is a few KB): "
            "is this the right file?",
        )
    raw = raw.removeprefix(UTF8_BOM)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigFileError(
            "(file)", f"is not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    problem = shape_problem(text)
    if problem is not None:
        raise ConfigFileError(*problem)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError("(toml)", f"not valid TOML: {exc}") from None
    except RecursionError:  # belt and braces: the scan above should have caught it
        raise ConfigFileError("(toml)", "nests too deeply to read") from None
    except MemoryError:  # belt and braces too: the kiosk shows IT's page, it does not crash
        raise ConfigFileError("(toml)", "too large to read (out of memory)") from None
    except Exception as exc:  # any parser fault is the file's, not the kiosk's
        raise ConfigFileError("(toml)", f"cannot be read ({type(exc).__name__})") from None


def _parts(key: str) -> int:
    # Over-counts a quoted part holding a dot ("a.b" = 1), which no real config has.
    return key.count(".") + 1


def shape_problem(
    text: str,
    limit: int = MAX_NESTING,
    max_parts: int = MAX_KEY_PARTS,
    max_keys: int = MAX_KEYS,
) -> tuple[str, str] | None:
    """(key, message) for the first key that nests deeper than `limit`, is dotted deeper than
    `max_parts`, or comes after `max_keys` keys and tables; None for a file of sane shape.

    Approximate on purpose: it only has to agree with TOML about where strings and comments
    are, so that a `[` or a `.` inside a string is not counted. Linear in the text's length.
    """
    depth = 0
    in_value = False  # after "key =" on a top-level line
    in_header = False  # inside "[table]" or "[[array]]"
    line_start = 0
    header_start = 0
    key_start = 0  # inside an inline table: just after its "{" or the last ","
    keys = 0
    table = ""
    key = ""
    position = 0

    def named(name: str) -> str:
        return f"{table}.{name}" if table else name

    while True:
        found = _INTERESTING.search(text, position)
        if found is None:
            return None
        at = found.start()
        char = text[at]
        position = at + 1
        if char == "#":
            end = text.find("\n", at)
            position = len(text) if end < 0 else end
            continue
        if char in "\"'":
            opener = char * 3 if text.startswith(char * 3, at) else char
            string = _STRINGS[opener].match(text, at)
            if string is not None:
                position = string.end()
            elif len(opener) == 3:
                return None
            else:
                end = text.find("\n", at)
                position = len(text) if end < 0 else end
            continue
        if char == "\n":
            if depth == 0:
                if in_header:
                    table = text[header_start:at].strip().strip("[]").strip()
                    keys += 1
                    if _parts(table) > max_parts:
                        return _short(table), f"has more than {max_parts} dotted parts"
                    if keys > max_keys:
                        return _short(table), f"comes after {max_keys} keys and tables"
                in_value = in_header = False
                line_start = position
            continue
        if in_header:
            continue
        if depth == 0 and not in_value:
            if char == "=":
                in_value = True
                key = text[line_start:at].strip()
                keys += 1
                if _parts(key) > max_parts:
                    return _short(named(key)), f"has more than {max_parts} dotted parts"
                if keys > max_keys:
                    return _short(named(key)), f"comes after {max_keys} keys and tables"
            elif char == "[":
                in_header = True
                header_start = at
            continue
        if char in "{,":
            key_start = position
        if char == "=" and depth > 0:  # a key inside an inline table
            keys += 1
            inner = text[key_start:at].strip()
            if _parts(inner) > max_parts:
                return _short(named(key)), f"has a key with more than {max_parts} dotted parts"
            if keys > max_keys:
                return _short(named(key)), f"comes after {max_keys} keys and tables"
        if char in "[{":
            depth += 1
            if depth > limit:
                return _short(named(key)), f"nests lists or tables deeper than {limit} levels"
        elif char in "]}":
            depth = max(0, depth - 1)


def _short(key: str) -> str:
    # The key is shown on IT's page: 40,000 "a." must not become the page.
    return key if len(key) <= 80 else key[:77] + "…"
