"""Text a record may not carry: lone surrogates, NUL bytes and over-long strings, found by field.

JSON can spell a lone surrogate (`"\\ud800"`) that no UTF-8 encoder accepts and a NUL byte that
PostgreSQL refuses in a text column. Either one reaching the database or the answer's encoder
was a 500 after part of a batch had been written. So every key and string of a record is looked
at before anything else, and the first bad one is named in that record's 422; whatever the
collector echoes back (uuids, field names, messages) goes through `printable` first.
"""

from __future__ import annotations

from typing import Any

# No field of the protocol is longer than a few dozen characters (ids 63, times 40); this is
# the bound for any string, including keys the schema will then refuse as unknown.
MAX_TEXT_CHARS = 1000
# Deeper than any record the protocol has (a record is flat, practice_modules one list).
MAX_DEPTH = 8


def _problem(text: str) -> str | None:
    if len(text) > MAX_TEXT_CHARS:
        return f"text longer than {MAX_TEXT_CHARS} characters"
    if "\x00" in text:
        return "text contains a NUL byte"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text is not valid Unicode (lone surrogate)"
    return None


def find_bad_text(value: Any, path: str = "$", depth: int = 0) -> str | None:
    """`field: problem` for the first key or string that cannot be stored, or None."""
    if depth > MAX_DEPTH:
        return f"{printable(path)}: nested too deeply"
    if isinstance(value, str):
        problem = _problem(value)
        return f"{printable(path)}: {problem}" if problem else None
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path != "$" else str(key)
            if isinstance(key, str) and (problem := _problem(key)):
                return f"{printable(name)}: field name: {problem}"
            found = find_bad_text(item, name, depth + 1)
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = find_bad_text(item, f"{path}[{index}]", depth + 1)
            if found:
                return found
    return None


def printable(text: str, limit: int = 100) -> str:
    """`text` cut to `limit` characters, with NUL and lone surrogates shown as escapes."""
    short = text[:limit]
    if "\x00" not in short:
        try:
            short.encode("utf-8")
            return short
        except UnicodeEncodeError:
            pass
    return short.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")
