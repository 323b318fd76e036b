"""The volunteer PIN: a slow salted, peppered hash and a lockout that survives restarts.

A 4–6 digit PIN cannot be protected by hashing alone (reliability.md §5: all 10^6 PINs in
hours), so the real controls are the pepper — a per-install secret in its own 0600 file in the
data dir, never next to the hash — and throttling: after 5 wrong tries, delays of 30 s, 60 s,
120 s … capped at 1 h, kept in the journal's kv table so neither a restart nor kill -9 resets
them. The PIN itself is never stored or logged; only `scrypt(HMAC(pepper, pin), salt)` is.

Where the hash lives: `[volunteer] pin_hash` in the config (IT's choice, made with
`make_pin_hash` on that kiosk, since it depends on the kiosk's pepper), else kv `pin.hash`.
In demo mode with neither, the PIN is DEMO_PIN ("1234").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

DEMO_PIN = "1234"
SECRET_FILE = "pin-pepper.key"
SECRET_BYTES = 32
SCRYPT_N = 2**15  # about 70 ms on the reference 2-core PC (measured in tests/core/test_pin.py)
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
FREE_TRIES = 5
FIRST_DELAY = 30.0
MAX_DELAY = 3600.0
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8

KV_FAILURES = "pin.failures"
KV_LOCKED_UNTIL = "pin.locked-until"
KV_DELAY = "pin.delay"
KV_HASH = "pin.hash"
_PREFIX = "scrypt"


class KvStore(Protocol):
    """Small durable key/value state (kiosk.journal.db.JournalKv is the real one)."""

    def get(self, key: str) -> str | None:
        """The value, or None."""

    def put(self, values: Mapping[str, str | None]) -> Future[None]:
        """Set (None deletes) several keys at once; resolves when durable."""


@dataclass(frozen=True)
class PinResult:
    """The answer to one PIN try: ok, or how long to wait before the next try is looked at."""

    ok: bool
    wait_seconds: float = 0.0
    configured: bool = True  # False: no PIN is set on this kiosk (not demo), nothing can open


def load_or_create_secret(data_dir: Path) -> bytes:
    """The per-install pepper, made on first use in its own file readable by the owner only."""
    path = data_dir / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(SECRET_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process made it between our read and our create: use theirs.
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secret.hex())
        fh.flush()
        os.fsync(fh.fileno())
    return secret


def is_valid_pin(pin: str) -> bool:
    """Whether `pin` is 4 to 8 ASCII digits."""
    return (
        isinstance(pin, str)
        and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS
        and pin.isascii()
        and pin.isdigit()
    )


def _derive(pin: str, secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    peppered = hmac.new(secret, pin.encode("ascii"), hashlib.sha256).digest()
    return hashlib.scrypt(peppered, salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_pin(pin: str, secret: bytes, *, n: int = SCRYPT_N, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash` of HMAC-SHA256(secret, pin); raises ValueError on a bad PIN."""
    if not is_valid_pin(pin):
        raise ValueError(f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = _derive(pin, secret, salt, n, SCRYPT_R, SCRYPT_P)
    return f"{_PREFIX}${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str, secret: bytes) -> bool:
    """Whether `pin` matches `stored` (constant-time); a malformed hash never matches."""
    try:
        prefix, n, r, p, salt, digest = stored.split("$")
        if prefix != _PREFIX:
            return False
        expected = _unb64(digest)
        n_i, r_i, p_i = int(n), int(r), int(p)
        if not (2**10 <= n_i <= 2**20 and 1 <= r_i <= 32 and 1 <= p_i <= 16):
            return False
        actual = _derive(pin, secret, _unb64(salt), n_i, r_i, p_i) if is_valid_pin(pin) else b""
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def make_pin_hash(pin: str, data_dir: Path) -> str:
    """The value for `[volunteer] pin_hash` on the kiosk whose data dir this is."""
    return hash_pin(pin, load_or_create_secret(data_dir))


def delay_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong tries in a row: 0, then 30, 60, 120 … 3600."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_DELAY * 2 ** min(failures - FREE_TRIES, 20), MAX_DELAY)


class PinGuard:
    """Checks volunteer PINs with throttling that lives in durable kv, not in memory."""

    def __init__(
        self,
        store: KvStore,
        clock: Callable[[], float] = time.time,
        *,
        secret: bytes,
        config_hash: str | None = None,
        demo: bool = False,
        write_timeout: float = 10.0,
    ) -> None:
        self._store = store
        self._clock = clock
        self._secret = secret
        self._config_hash = config_hash
        self._demo = demo
        self._write_timeout = write_timeout
        self._demo_hash: str | None = None

    @classmethod
    def for_kiosk(
        cls,
        store: KvStore,
        data_dir: Path,
        *,
        config_hash: str | None,
        demo: bool,
        clock: Callable[[], float] = time.time,
    ) -> PinGuard:
        """The guard for this install: its pepper from `data_dir`, its hash from the config."""
        return cls(
            store, clock, secret=load_or_create_secret(data_dir), config_hash=config_hash, demo=demo
        )

    def _stored_hash(self) -> str | None:
        if self._config_hash:
            return self._config_hash
        stored = self._store.get(KV_HASH)
        if stored is None and self._demo:
            # Kept in memory only: a demo PIN written to kv would still open the panel after
            # IT turned the demo into a real help point.
            if self._demo_hash is None:
                self._demo_hash = hash_pin(DEMO_PIN, self._secret)
            stored = self._demo_hash
        return stored

    def demo_pin(self) -> str | None:
        """DEMO_PIN while it is what opens this kiosk (a demo with no PIN set), else None;
        reads kv, so not on the GUI thread."""
        if self._config_hash or not self._demo or self._store.get(KV_HASH) is not None:
            return None
        return DEMO_PIN

    @property
    def configured(self) -> bool:
        """Whether any PIN can open the panel on this kiosk."""
        return bool(self._config_hash or self._demo or self._store.get(KV_HASH))

    def wait_seconds(self) -> float:
        """How long until the next try will be looked at (0 when not locked)."""
        locked_until = _float(self._store.get(KV_LOCKED_UNTIL))
        delay = _float(self._store.get(KV_DELAY))
        remaining = locked_until - self._clock()
        # A clock set back (dead CMOS battery) must not turn 30 s into days.
        return max(0.0, min(remaining, delay))

    def check(self, pin: str) -> PinResult:
        """Try a PIN. Blocks for the hash (~70 ms) and one durable write: not on the GUI thread."""
        wait = self.wait_seconds()
        if wait > 0:
            return PinResult(ok=False, wait_seconds=wait)
        stored = self._stored_hash()
        if stored is None:
            return PinResult(ok=False, configured=False)
        failures = int(_float(self._store.get(KV_FAILURES)))
        # Count the try as a failure durably BEFORE hashing: killing the app mid-check
        # must not give an attacker a free try.
        self._put({KV_FAILURES: str(failures + 1)})
        if verify_pin(pin, stored, self._secret):
            self._put({KV_FAILURES: "0", KV_LOCKED_UNTIL: None, KV_DELAY: None})
            return PinResult(ok=True)
        delay = delay_after(failures + 1)
        if delay:
            self._put({KV_LOCKED_UNTIL: repr(self._clock() + delay), KV_DELAY: repr(delay)})
            log.warning("volunteer PIN: %d wrong tries, next try in %.0f s", failures + 1, delay)
        return PinResult(ok=False, wait_seconds=delay)

    def set_pin(self, pin: str) -> None:
        """Store a new PIN's hash in kv (used when the config sets none); resets the lockout."""
        self._put(
            {
                KV_HASH: hash_pin(pin, self._secret),
                KV_FAILURES: "0",
                KV_LOCKED_UNTIL: None,
                KV_DELAY: None,
            }
        )

    def _put(self, values: Mapping[str, str | None]) -> None:
        self._store.put(values).result(self._write_timeout)


def _float(text: str | None) -> float:
    try:
        return float(text) if text else 0.0
    except ValueError:
        return 0.0
