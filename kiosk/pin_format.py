"""What a stored volunteer-PIN hash looks like, checked without hashing anything.

The config check reads `[volunteer] pin_hash` before the home screen is painted, so this
module imports only `re` (kiosk.pin, which hashes, loads hashlib and friends after the paint).
A hash reads `scrypt6$<pepper id>$N$r$p$<salt>$<digest>`; `scrypt6` marks the 6-digit rule of
issue #13. A hash from before it (`scrypt$N$r$p$<salt>$<digest>`) may hide a 4-digit PIN, so
the kiosk refuses it with a sentence for IT rather than calling every PIN wrong.
"""

from __future__ import annotations

import re

PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 8
PIN_RULE = f"a volunteer PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits"
HASH_PREFIX = "scrypt6"
LEGACY_PREFIX = "scrypt"
_B64 = r"[A-Za-z0-9_-]{1,200}"
HASH_PATTERN = re.compile(
    rf"^{HASH_PREFIX}\$[0-9a-f]{{8}}\$\d{{1,8}}\$\d{{1,3}}\$\d{{1,3}}\${_B64}\${_B64}$"
)


class PinProblem:
    """Why no PIN can open the panel (codes the UI turns into sentences for IT)."""

    LEGACY_HASH = "legacy-hash"  # made under the old 4-digit rule: set a new PIN
    OTHER_PEPPER = "other-pepper"  # made with a pepper this kiosk no longer has
    MALFORMED_HASH = "malformed-hash"
    SECRET_UNAVAILABLE = "secret-unavailable"  # pin-pepper.key unreadable, damaged, not made


def pin_hash_problem(stored: str) -> str | None:
    """Why `stored` can never be a usable PIN hash (a PinProblem code), or None."""
    if HASH_PATTERN.match(stored):
        return None
    if stored.startswith(LEGACY_PREFIX + "$"):
        return PinProblem.LEGACY_HASH
    return PinProblem.MALFORMED_HASH


def pin_hash_config_message(problem: str) -> str:
    """The sentence the config check gives IT for a `pin_hash` with this problem."""
    if problem == PinProblem.LEGACY_HASH:
        return (
            "was made under the old rule that allowed 4-digit PINs; "
            f"{PIN_RULE} now: run `dvc-kiosk provision` again to set a new PIN"
        )
    return "is not a PIN hash made by `dvc-kiosk provision` (run it again to set the PIN)"
