"""The volunteer PIN: a slow salted, peppered hash and a lockout that survives restarts.

A short PIN cannot be protected by hashing alone (a 4-digit PIN with a readable hash fell to
an offline search in 245 s, issue #13; docs/reliability.md G14), so the controls are: at
least 6 digits (10^6 PINs at ~70 ms of scrypt each is about 19 hours of one core, and the hash
is useless without the pepper); the pepper — a per-install secret in its own 0600 file in the
data dir, never next to the hash; and throttling — after 5 wrong tries, delays of 30 s, 60 s,
120 s … capped at 1 h, kept in that same file (kiosk.pin_state explains why deleting it, or
the journal, never resets the count). The PIN itself is never stored or logged; only
`scrypt(HMAC(pepper, pin), salt)`.

A hash reads `scrypt6$<pepper id>$N$r$p$<salt>$<digest>` (kiosk.pin_format): `scrypt6` says it
was made under the 6-digit rule; the pepper id (8 hex digits of an HMAC of the pepper) says
which pepper it belongs to, so a kiosk whose pepper file was deleted says "set the PIN again"
instead of calling every right PIN wrong.

Where the hash lives: `[volunteer] pin_hash` in the config (IT's choice, made with
`make_pin_hash` on that kiosk, since it depends on the kiosk's pepper), else kv `pin.hash`.
In demo mode with neither, the PIN is DEMO_PIN ("123456").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.pin_format import (
    HASH_PREFIX,
    PIN_RULE,
    PinProblem,
    pin_hash_problem,
)
from kiosk.pin_format import (
    PIN_MAX_DIGITS as PIN_MAX_DIGITS,
)
from kiosk.pin_format import (
    PIN_MIN_DIGITS as PIN_MIN_DIGITS,
)
from kiosk.pin_state import SECRET_FILE as SECRET_FILE
from kiosk.pin_state import Lockout, PinState, PinStateError, PinStateFile

log = logging.getLogger(__name__)

DEMO_PIN = "123456"
SCRYPT_N = 2**15  # about 70 ms on the reference 2-core PC (measured in tests/core/test_pin.py)
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
FREE_TRIES = 5
FIRST_DELAY = 30.0
MAX_DELAY = 3600.0

# Before #13 the lockout lived in the journal's kv table; read once, then moved to the file.
KV_FAILURES = "pin.failures"
KV_LOCKED_UNTIL = "pin.locked-until"
KV_DELAY = "pin.delay"
KV_HASH = "pin.hash"
_PEPPER_ID_LABEL = b"dvc-kiosk pepper id"


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
    problem: str | None = None  # a PinProblem code: no PIN can open until IT acts


def load_or_create_secret(data_dir: Path) -> bytes:
    """The per-install pepper, made on first use in its own owner-only file.

    Raises PinStateError when the file is damaged or cannot be read or written.
    """
    return PinStateFile(data_dir).load_or_create().secret


def is_valid_pin(pin: str) -> bool:
    """Whether `pin` is 6 to 8 ASCII digits."""
    return (
        isinstance(pin, str)
        and PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS
        and pin.isascii()
        and pin.isdigit()
    )


def pepper_id(secret: bytes) -> str:
    """Which pepper a hash was made with: 8 hex digits that reveal nothing about it."""
    return hmac.new(secret, _PEPPER_ID_LABEL, hashlib.sha256).hexdigest()[:8]


def _derive(pin: str, secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    peppered = hmac.new(secret, pin.encode("ascii"), hashlib.sha256).digest()
    return hashlib.scrypt(peppered, salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_pin(pin: str, secret: bytes, *, n: int = SCRYPT_N, salt: bytes | None = None) -> str:
    """`scrypt6$pepper-id$n$r$p$salt$hash` of HMAC-SHA256(secret, pin); ValueError on a bad PIN."""
    if not is_valid_pin(pin):
        raise ValueError(PIN_RULE)
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = _derive(pin, secret, salt, n, SCRYPT_R, SCRYPT_P)
    return (
        f"{HASH_PREFIX}${pepper_id(secret)}${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"
    )


def verify_pin(pin: str, stored: str, secret: bytes) -> bool:
    """Whether `pin` matches `stored` (constant-time); a malformed or foreign hash never does."""
    if pin_hash_problem(stored) is not None:
        return False
    _prefix, owner, n, r, p, salt, digest = stored.split("$")
    if not hmac.compare_digest(owner, pepper_id(secret)):
        return False
    try:
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
    """Checks volunteer PINs with throttling kept in the pepper's file (kiosk.pin_state).

    `store` (the journal's kv) only holds a PIN set with `set_pin` when the config has none;
    the lockout never lives there. Every answer re-reads the file, so what is on disk is the
    truth across restarts. If the disk refuses a write (full, read-only), the count goes on in
    memory until the next restart and the failure is logged: the panel stays reachable for
    IT, and the stricter of the two states always applies.
    """

    def __init__(
        self,
        store: KvStore,
        data_dir: Path,
        *,
        clock: Clock = SYSTEM_CLOCK,
        config_hash: str | None = None,
        demo: bool = False,
        write_timeout: float = 10.0,
    ) -> None:
        self._store = store
        self._file = PinStateFile(data_dir)
        self._clock = clock
        self._config_hash = config_hash
        self._demo = demo
        self._write_timeout = write_timeout
        self._demo_hash: str | None = None
        self._in_memory: Lockout | None = None  # only after the disk refused a write

    @classmethod
    def for_kiosk(
        cls,
        store: KvStore,
        data_dir: Path,
        *,
        config_hash: str | None,
        demo: bool,
        clock: Clock = SYSTEM_CLOCK,
        write_timeout: float = 10.0,
    ) -> PinGuard:
        """The guard for this install: its pepper file in `data_dir`, its hash from the config."""
        return cls(
            store,
            data_dir,
            clock=clock,
            config_hash=config_hash,
            demo=demo,
            write_timeout=write_timeout,
        )

    # -- the state ------------------------------------------------------------------------

    def _state(self) -> PinState:
        """The file's state (made on first use), with a pre-#13 kv lockout moved into it."""
        state = self._file.load_or_create()
        if state.legacy:
            migrated = Lockout(
                int(_float(self._store.get(KV_FAILURES))),
                _float(self._store.get(KV_DELAY)),
                _float(self._store.get(KV_LOCKED_UNTIL)),
            )
            if migrated.failures or migrated.locked_until:
                state = PinState(state.secret, migrated, legacy=True)
                self._save(state)
                self._put({KV_FAILURES: None, KV_DELAY: None, KV_LOCKED_UNTIL: None})
        return PinState(state.secret, state.lockout.worse_of(self._in_memory), state.legacy)

    def _save(self, state: PinState) -> None:
        try:
            self._file.save(state)
        except OSError as exc:
            if self._in_memory is None:
                log.error(
                    "volunteer PIN: cannot write %s (%s); wrong tries are counted in memory "
                    "until the kiosk restarts",
                    self._file.path,
                    exc.strerror or type(exc).__name__,
                )
            self._in_memory = state.lockout
        else:
            self._in_memory = None

    def _stored_hash(self, secret: bytes) -> str | None:
        if self._config_hash:
            return self._config_hash
        stored = self._store.get(KV_HASH)
        if stored is None and self._demo:
            # Kept in memory only: a demo PIN written to kv would still open the panel after
            # IT turned the demo into a real help point.
            if self._demo_hash is None:
                self._demo_hash = hash_pin(DEMO_PIN, secret)
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

    def _now(self) -> float:
        return self._clock.now().timestamp()

    def wait_seconds(self) -> float:
        """How long until the next try will be looked at (0 when not locked)."""
        try:
            return self._wait(self._state().lockout)
        except PinStateError:
            return 0.0  # check() says what is wrong

    def _wait(self, lockout: Lockout) -> float:
        remaining = lockout.locked_until - self._now()
        # A clock set back (dead CMOS battery) must not turn 30 s into days.
        return max(0.0, min(remaining, lockout.delay))

    def problem(self) -> str | None:
        """Why no PIN can open the panel now (a PinProblem code), or None."""
        try:
            return self._problem(self._state().secret)
        except PinStateError as exc:
            log.error("volunteer PIN: %s", exc)
            return PinProblem.SECRET_UNAVAILABLE

    def _problem(self, secret: bytes) -> str | None:
        stored = self._stored_hash(secret)
        if stored is None:
            return None
        problem = pin_hash_problem(stored)
        if problem is None and not hmac.compare_digest(stored.split("$")[1], pepper_id(secret)):
            problem = PinProblem.OTHER_PEPPER
        return problem

    def check(self, pin: str) -> PinResult:
        """Try a PIN. Blocks for the hash (~70 ms) and one durable write: not on the GUI thread."""
        try:
            state = self._state()
        except PinStateError as exc:
            log.error("volunteer PIN: %s", exc)
            return PinResult(ok=False, problem=PinProblem.SECRET_UNAVAILABLE)
        wait = self._wait(state.lockout)
        if wait > 0:
            return PinResult(ok=False, wait_seconds=wait)
        stored = self._stored_hash(state.secret)
        if stored is None:
            return PinResult(ok=False, configured=False)
        problem = self._problem(state.secret)
        if problem is not None:
            return PinResult(ok=False, problem=problem)
        failures = state.lockout.failures
        # Count the try as a failure durably BEFORE hashing: killing the app mid-check
        # must not give an attacker a free try.
        counted = Lockout(failures + 1, state.lockout.delay, state.lockout.locked_until)
        self._save(PinState(state.secret, counted))
        if verify_pin(pin, stored, state.secret):
            self._save(PinState(state.secret, Lockout()))
            return PinResult(ok=True)
        delay = delay_after(failures + 1)
        if delay:
            self._save(PinState(state.secret, Lockout(failures + 1, delay, self._now() + delay)))
            log.warning("volunteer PIN: %d wrong tries, next try in %.0f s", failures + 1, delay)
        return PinResult(ok=False, wait_seconds=delay)

    def set_pin(self, pin: str) -> None:
        """Store a new PIN's hash in kv (used when the config sets none); resets the lockout."""
        state = self._state()
        self._put({KV_HASH: hash_pin(pin, state.secret)})
        self._save(PinState(state.secret, Lockout()))

    def _put(self, values: Mapping[str, str | None]) -> None:
        self._store.put(values).result(self._write_timeout)


def _float(text: str | None) -> float:
    try:
        return float(text) if text else 0.0
    except ValueError:
        return 0.0
