"""The retry schedule: full jitter within bounds, the cap, Retry-After, and reset on success.

Property tests over the Backoff the worker uses, plus Retry-After read from a real HTTP answer
(the fault proxy's 503) by the real client.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.sync.client import CollectorClient, SyncError, parse_retry_after
from kiosk.sync.worker import BACKOFF_CAP_S, MAX_RETRY_AFTER_S, Backoff
from tests.core.sync_support import free_port
from tests.e2e.fault_proxy import FaultProxy

bases = st.floats(min_value=0.01, max_value=120.0, allow_nan=False)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


@given(base=bases, seed=seeds, failures=st.integers(min_value=1, max_value=80))
def test_each_wait_is_uniform_between_zero_and_the_capped_exponential(
    base: float, seed: int, failures: int
) -> None:
    """The n-th wait lies in [0, min(cap, base·2ⁿ)] and never above the 15-minute cap."""
    backoff = Backoff(base, BACKOFF_CAP_S, random.Random(seed))
    for n in range(failures):
        delay = backoff.next_delay()
        assert 0.0 <= delay <= min(BACKOFF_CAP_S, base * 2**n)
        assert delay <= BACKOFF_CAP_S
    assert backoff.failures == failures


@settings(max_examples=30)
@given(seed=seeds)
def test_jitter_spreads_waits_over_the_whole_window(seed: int) -> None:
    """Full jitter, not equal jitter: waits at the cap fill [0, cap], low and high alike."""
    backoff = Backoff(1.0, 60.0, random.Random(seed))
    backoff.failures = 30
    delays = [backoff.next_delay() for _ in range(400)]
    assert min(delays) < 60.0 * 0.1
    assert max(delays) > 60.0 * 0.9
    assert all(0 <= d <= 60.0 for d in delays)


@given(base=bases, seed=seeds, retry_after=st.floats(min_value=0.0, max_value=10 * 86400.0))
def test_retry_after_is_a_floor_up_to_an_hour(base: float, seed: int, retry_after: float) -> None:
    """A collector's Retry-After is honoured (never retry sooner), bounded by an hour."""
    backoff = Backoff(base, BACKOFF_CAP_S, random.Random(seed))
    delay = backoff.next_delay(retry_after)
    assert delay >= min(retry_after, MAX_RETRY_AFTER_S)
    assert delay <= max(min(retry_after, MAX_RETRY_AFTER_S), base)


def test_success_resets_to_the_base() -> None:
    """After a success the next failure waits at most `base` again."""
    backoff = Backoff(2.0, BACKOFF_CAP_S, random.Random(1))
    for _ in range(20):
        backoff.next_delay()
    backoff.reset()
    assert backoff.ceiling(backoff.failures) == 2.0
    assert backoff.next_delay() <= 2.0


def test_retry_after_header_forms() -> None:
    """Delta-seconds and HTTP dates are both read; garbage is ignored."""
    now = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90
    assert parse_retry_after(format_datetime(now - timedelta(seconds=90), usegmt=True), now) == 0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_client_reads_retry_after_from_a_real_503() -> None:
    """A 503 with Retry-After over real HTTP becomes SyncError('http-503', retry_after=7)."""
    proxy = FaultProxy(upstream_port=free_port(), seed=0, weights={"busy-503": 1.0}, retry_after=7)
    proxy.start()
    try:
        with CollectorClient(proxy.url, "token") as client:
            try:
                client.upload(b'{"sessions":[],"outcomes":[]}')
            except SyncError as exc:
                assert exc.code == "http-503"
                assert exc.retry_after == 7.0
            else:
                raise AssertionError("a 503 must raise")
    finally:
        proxy.stop()
