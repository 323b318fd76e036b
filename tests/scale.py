"""How big the scale tests run: one setting, `DVC_TEST_SCALE` = small (the default) or full.

A scale test (hundreds of journeys, kills, fault rounds) proves its behaviour at small scale
in seconds, before every commit (`scripts/test.sh --quick`), and at full scale in the full run
that CI makes (`scripts/test.sh` sets full). Any other value is an error, not a silent default.
"""

from __future__ import annotations

import os

SCALE_ENV = "DVC_TEST_SCALE"
SCALES = ("small", "full")


def scale() -> str:
    """'small' or 'full', from DVC_TEST_SCALE (unset: small)."""
    value = os.environ.get(SCALE_ENV, "small").strip().lower() or "small"
    if value not in SCALES:
        raise ValueError(f"{SCALE_ENV}={value!r}: use one of {', '.join(SCALES)}")
    return value


def sized(small: int, full: int) -> int:
    """`small` at the small scale, `full` at the full scale."""
    return full if scale() == "full" else small
