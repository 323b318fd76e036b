"""The PIN's per-install secret and its lockout state, kept together in one owner-only file.

Why one file, and why not the journal. The lockout (wrong tries in a row, the current delay,
the moment the next try is looked at) must survive a restart, kill -9, and someone deleting
`journal.db` to get five fresh tries (DESIGN.md, issue #13 item 12) — so it cannot live in the
journal. It lives in `pin-pepper.key` beside the pepper, the secret every PIN hash on this
kiosk is made with. Deleting that file to reset the lockout deletes the pepper with it: the
next start makes a new pepper, the configured PIN hash no longer belongs to it (the hash
names its pepper, see kiosk.pin), and no PIN opens the panel until IT runs `provision` again.
Deleting the lockout therefore never gives anyone a free try; it only locks the panel for good.

The file is small JSON, 0600 on POSIX, replaced atomically (temporary file, fsync, os.replace,
folder fsync) on every change, so a crash or a full disk leaves the previous state or the
next one, never a torn file or a lost pepper. A file from before #13 holds only the pepper in
hex; it is read as "no lockout recorded here yet" and rewritten in this form on first change.

A try is counted before the PIN is hashed (kiosk.pin), so killing the program mid-check gives
no free try either. Anyone who can write this file as the kiosk account can also read the
pepper: file permissions (kiosk.private_files), not this format, keep other accounts out.
"""

from __future__ import annotations

import json
import math
import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.private_files import FILE_MODE, fsync_dir, make_private_dir, write_atomically

SECRET_FILE = "pin-pepper.key"
SECRET_BYTES = 32
FORMAT = 2
MAX_FILE_BYTES = 4096  # the real file is about 150 bytes
MAX_FAILURES = 10**9


class PinStateError(Exception):
    """The secret file cannot be used; `code` is 'unreadable', 'damaged' or 'not-written'."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Lockout:
    """Wrong tries in a row and how long the next try must wait (wall-clock seconds)."""

    failures: int = 0
    delay: float = 0.0
    locked_until: float = 0.0

    def worse_of(self, other: Lockout | None) -> Lockout:
        """The stricter of two states (more failures wins): memory never loosens the disk."""
        if other is None or other.failures <= self.failures:
            return self
        return other


@dataclass(frozen=True)
class PinState:
    """What the file holds."""

    secret: bytes
    lockout: Lockout
    legacy: bool = False  # a pre-#13 file: the pepper alone, no lockout ever written here


class PinStateFile:
    """`pin-pepper.key` in one kiosk's data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / SECRET_FILE

    def load_or_create(self) -> PinState:
        """The state on disk; a new pepper (and an empty lockout) when there is no file yet.

        Raises PinStateError when the file exists but cannot be read or parsed, or when it is
        missing and cannot be written: never a silent new pepper over a damaged one.
        """
        try:
            return self.load()
        except FileNotFoundError:
            pass
        state = PinState(secrets.token_bytes(SECRET_BYTES), Lockout())
        try:
            make_private_dir(self.data_dir)
            if self._create_exclusively(_encode(state)):
                return state
        except OSError as exc:
            raise PinStateError("not-written", f"{self.path}: {exc.strerror or exc}") from None
        return self.load()  # another process made it between our read and our create

    def load(self) -> PinState:
        """The state on disk; FileNotFoundError when there is none, PinStateError if unusable."""
        try:
            with self.path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise PinStateError("unreadable", f"{self.path}: {exc.strerror or exc}") from None
        if len(raw) > MAX_FILE_BYTES:
            raise PinStateError("damaged", f"{self.path}: larger than {MAX_FILE_BYTES} bytes")
        return _decode(raw, self.path)

    def save(self, state: PinState) -> None:
        """Replace the file with `state` atomically; OSError (disk full, read-only) leaves the
        previous file as it was."""
        write_atomically(self.path, _encode(replace(state, legacy=False)))

    def _create_exclusively(self, data: bytes) -> bool:
        """Write a complete new file only if none exists; False when someone else made one."""
        temp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temp, self.path)  # fails if the name exists: no race, no torn file
            except FileExistsError:
                return False
            except OSError:  # a file system without hard links (FAT on a USB-booted PC)
                if self.path.exists():
                    return False
                os.replace(temp, self.path)
            fsync_dir(self.data_dir)
            return True
        finally:
            temp.unlink(missing_ok=True)


def _encode(state: PinState) -> bytes:
    lockout = state.lockout
    document = {
        "format": FORMAT,
        "pepper": state.secret.hex(),
        "lockout": {
            "failures": lockout.failures,
            "delay": lockout.delay,
            "locked_until": lockout.locked_until,
        },
    }
    return (json.dumps(document, sort_keys=True) + "\n").encode("ascii")


def _decode(raw: bytes, path: Path) -> PinState:
    try:
        text = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        raise PinStateError("damaged", f"{path}: not ASCII") from None
    if not text.startswith("{"):
        return PinState(_pepper(text, path), Lockout(), legacy=True)
    try:
        document = json.loads(text)
        if document["format"] != FORMAT:
            raise ValueError("unknown format")
        lockout = document["lockout"]
        failures = lockout["failures"]
        delay = float(lockout["delay"])
        locked_until = float(lockout["locked_until"])
        if isinstance(failures, bool) or not isinstance(failures, int):
            raise ValueError("failures")
        if not (0 <= failures <= MAX_FAILURES and math.isfinite(delay) and delay >= 0):
            raise ValueError("lockout values")
        if not math.isfinite(locked_until):
            raise ValueError("locked_until")
        secret = _pepper(document["pepper"], path)
    except PinStateError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise PinStateError("damaged", f"{path}: {exc}") from None
    return PinState(secret, Lockout(failures, delay, locked_until))


def _pepper(text: object, path: Path) -> bytes:
    if not isinstance(text, str) or len(text) != 2 * SECRET_BYTES:
        raise PinStateError("damaged", f"{path}: the pepper is not {SECRET_BYTES} bytes of hex")
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise PinStateError("damaged", f"{path}: the pepper is not hex") from None
