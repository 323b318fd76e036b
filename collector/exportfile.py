"""Reading a kiosk's offline export file as a stream: header first, then records in batches.

`dvc-collector import` once read the whole file into memory and stored it in one transaction
(a 7.2 GB `/dev/zero` was read whole; 10⁶ records in one transaction took 3.7 GB). Here the
file is decoded piece by piece: only one record at a time is held as text, the file may not
pass MAX_FILE_BYTES nor a record MAX_RECORD_CHARS, and `records` hands over batches the
caller commits one by one. `read_header` is a first pass that checks the whole file's shape
and reads its header (in whatever order the keys come) before anything is stored.

The format (docs/journal.md): {"format": "dvc-kiosk-export", "version": 1, "kiosk_id": ...,
"help_point_id": ..., "sessions": [...], "outcomes": [...], "content_reports": [...]};
`content_reports` only in files from kiosks since content reports, and only when there are some.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

EXPORT_FORMAT = "dvc-kiosk-export"
RECORD_KEYS = ("sessions", "outcomes", "content_reports")
OPTIONAL_KEYS = ("content_reports",)
HEADER_KEYS = ("format", "version", "kiosk_id", "help_point_id")
# ~400 bytes a session: about a million records, far more than a kiosk keeps unsynced.
MAX_FILE_BYTES = 512 * 1024 * 1024
# A record is a flat object of ids, enums, numbers and times: well under 2 KB.
MAX_RECORD_CHARS = 64 * 1024
_CHUNK = 64 * 1024
_WHITESPACE = " \t\r\n"


class ExportFileError(Exception):
    """The file is not a readable kiosk export; the message says where and why."""


@dataclass(frozen=True)
class ExportHeader:
    """What the file says about itself, and how many records it holds."""

    kiosk_id: Any
    help_point_id: Any
    format: Any
    version: Any
    sessions: int
    outcomes: int
    content_reports: int = 0


class _Stream:
    """A JSON text decoded incrementally from a binary file, with a byte cap."""

    def __init__(self, handle: BinaryIO, max_bytes: int) -> None:
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._max_bytes = max_bytes
        self._read = 0
        self.buffer = ""
        self.pos = 0
        self.eof = False

    def fill(self) -> bool:
        """Read one more chunk into the buffer; False at the end of the file."""
        if self.eof:
            return False
        chunk = self._handle.read(_CHUNK)
        self._read += len(chunk)
        if self._read > self._max_bytes:
            raise ExportFileError(f"the file is larger than {self._max_bytes / 2**20:g} MiB")
        try:
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            raise ExportFileError(f"not UTF-8 text near byte {self._read}") from None
        if self.pos:
            self.buffer = self.buffer[self.pos :]
            self.pos = 0
        self.buffer += text
        if not chunk:
            self.eof = True
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self.fill():
                return ""

    def expect(self, characters: str) -> str:
        """Consume the next character, which must be one of `characters`."""
        found = self.peek()
        if not found or found not in characters:
            shown = repr(found) if found else "the end of the file"
            raise ExportFileError(f"expected {' or '.join(characters)} but found {shown}")
        self.pos += 1
        return found

    def value(self) -> Any:
        """The next JSON value, decoded whole (at most MAX_RECORD_CHARS characters)."""
        self.peek()
        decoder = json.JSONDecoder()
        while True:
            try:
                value, end = decoder.raw_decode(self.buffer, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise ExportFileError(f"broken JSON: {exc.msg}") from None
            except RecursionError:
                raise ExportFileError("a value is nested too deeply") from None
            else:
                # A number that ends where the buffer ends may go on in the next chunk.
                if end < len(self.buffer) or self.eof:
                    self.pos = end
                    return value
            if len(self.buffer) - self.pos > MAX_RECORD_CHARS:
                raise ExportFileError(f"a record is longer than {MAX_RECORD_CHARS} characters")
            self.fill()


_HEADER, _RECORD, _END = "header", "record", "end"


def _walk(path: Path, max_bytes: int) -> Iterator[tuple[str, str, Any]]:
    """("header", key, value) for each other top-level value; ("record", key, record) for each
    record of a records list and ("end", key, None) after its last one."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ExportFileError(exc.strerror or str(exc)) from None
    with handle:
        stream = _Stream(handle, max_bytes)
        stream.expect("{")
        if stream.peek() == "}":
            stream.expect("}")
        else:
            while True:
                key = stream.value()
                if not isinstance(key, str):
                    raise ExportFileError("a key of the top-level object is not a string")
                stream.expect(":")
                if key in RECORD_KEYS and stream.peek() == "[":
                    stream.expect("[")
                    if stream.peek() == "]":
                        stream.expect("]")
                    else:
                        while True:
                            yield _RECORD, key, stream.value()
                            if stream.expect(",]") == "]":
                                break
                    yield _END, key, None
                else:
                    yield _HEADER, key, stream.value()
                if stream.expect(",}") == "}":
                    break
        if stream.peek():
            raise ExportFileError("text after the end of the JSON object")


def read_header(path: Path, max_bytes: int = MAX_FILE_BYTES) -> ExportHeader:
    """Check the whole file's shape and read its header; ExportFileError if it is not one."""
    header: dict[str, Any] = {}
    counts = dict.fromkeys(RECORD_KEYS, 0)
    seen: set[str] = set()
    for kind, key, value in _walk(path, max_bytes):
        if kind == _RECORD:
            counts[key] += 1
            continue
        if key in seen:
            raise ExportFileError(f"the key {key!r} appears twice")
        seen.add(key)
        if kind == _HEADER:
            if key in RECORD_KEYS:
                raise ExportFileError("sessions, outcomes and content_reports must be lists")
            header[key] = value
    required = set(HEADER_KEYS) | (set(RECORD_KEYS) - set(OPTIONAL_KEYS))
    if not required <= seen <= set(HEADER_KEYS) | set(RECORD_KEYS):
        raise ExportFileError("not a kiosk export file (its keys differ)")
    return ExportHeader(
        kiosk_id=header["kiosk_id"],
        help_point_id=header["help_point_id"],
        format=header["format"],
        version=header["version"],
        sessions=counts["sessions"],
        outcomes=counts["outcomes"],
        content_reports=counts["content_reports"],
    )


def records(
    path: Path, batch_size: int, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[tuple[str, list[Any]]]:
    """("sessions" | "outcomes" | "content_reports", up to `batch_size` records) in file
    order."""
    batch: list[Any] = []
    for kind, key, value in _walk(path, max_bytes):
        if kind == _RECORD:
            batch.append(value)
            if len(batch) >= batch_size:
                yield key, batch
                batch = []
        elif kind == _END and batch:
            yield key, batch
            batch = []
