"""Time one volunteer-PIN hash (scrypt N=2^15, r=8, p=1) against the machine's floor.

The PIN's cost is a trade: slow enough that a guesser with the config file needs days for the
million 6-digit PINs, fast enough for one tap on an old 2-core PC. The same run also times a
SHA-256 of the same input (the floor: what any hash costs here), so the figure reads as a
ratio on whatever machine runs it, and the absolute time against the 30–300 ms goal.

Run: .venv/bin/python bench/bench_pin.py [--rounds N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import time

from kiosk.pin import SCRYPT_N, SCRYPT_P, SCRYPT_R, hash_pin


def main() -> None:
    """Print the median of N hashes, the floor and whether the goal holds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    secret = os.urandom(32)
    scrypt_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(args.rounds):
        began = time.perf_counter()
        hash_pin("482915", secret)
        scrypt_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        hashlib.sha256(secret + b"482915").digest()
        floor_times.append(time.perf_counter() - began)
    each = statistics.median(scrypt_times)
    floor = statistics.median(floor_times)
    guesses_per_day = 86_400 / each
    print(f"scrypt N={SCRYPT_N} r={SCRYPT_R} p={SCRYPT_P}: median {each * 1000:.0f} ms")
    print(f"floor (sha256): {floor * 1e6:.1f} µs; ratio {each / floor:,.0f}×")
    print(f"one core tries {guesses_per_day:,.0f} PINs a day (10^6 six-digit PINs)")
    print("goal 30–300 ms per tap:", "met" if 0.03 <= each <= 0.3 else "NOT met")


if __name__ == "__main__":
    main()
