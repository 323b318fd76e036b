"""Dashboard login throttling per user name and per client address, counted in the database.

NIST SP 800-63B (5.2.2) asks a verifier to limit failed attempts and names growing waits between
them as the way to do it without locking the owner out. So: the first few failures cost nothing
(typos happen), then each further failure doubles the wait before the next try, up to
MAX_WAIT_S.

Who waits (issue #21 item 7): a wait is owed by the address that earned it. An attacker who
sent one wrong password a minute for the official's name used to restart the name's wait each
time it ended, so the real official, elsewhere, never got a try. Now the name's count sets how
long a wait is, but only an address that has itself failed for that name waits, and from its
own last failure: the attacker's address gets about one try a minute, and the owner, who never
typed a wrong password from their browser's address, is checked at once; an owner who did make
a typo waits at most MAX_WAIT_S after it, whatever the attacker does meanwhile. Each address
also has its own count across all names (FREE_FAILURES["address"]). The price: an attacker with
many addresses gets about one guess a minute per address, hopeless against a 10-character
password; the docs say so (docs/security.md).

The counts live in the `login_failures` table, so every worker process and every restart sees
the same numbers. The key is the SHA-256 of the name, the address, or the pair, never the
typed text (a password typed into the name field must not be stored). A success clears the
name's count and that address's count for the name; counts are forgotten FORGET_AFTER after
the last failure.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from collector import db

Scope = Literal["user", "address", "pair"]

# Failures allowed before any wait: an office behind one NAT address has several officials.
# "pair" rows (one name from one address) only say which addresses owe the name's wait.
FREE_FAILURES: dict[Scope, int] = {"user": 4, "address": 20, "pair": 4}
MAX_WAIT_S = 60
FORGET_AFTER = timedelta(hours=24)


def wait_after(failures: int, scope: Scope) -> int:
    """Seconds to wait after `failures` consecutive failures: 0, then 1, 2, 4 … MAX_WAIT_S."""
    over = failures - FREE_FAILURES[scope]
    if over <= 0:
        return 0
    return min(2 ** (over - 1), MAX_WAIT_S)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class LoginAttempt:
    """Who is trying: the name typed and the client's address."""

    username: str
    address: str

    def counted_keys(self) -> list[tuple[Scope, str]]:
        """The rows this attempt is counted in: the name, the address, the pair."""
        return [
            ("user", _key(self.username)),
            ("address", _key(self.address)),
            ("pair", _key(f"{self.username}\x00{self.address}")),
        ]


def seconds_to_wait(engine: Engine, attempt: LoginAttempt, now: datetime) -> int:
    """How long this attempt must wait before its password is checked (0 = check now)."""
    table = db.login_failures
    rows: dict[Scope, tuple[int, datetime]] = {}
    with engine.connect() as connection:
        for scope, key in attempt.counted_keys():
            row = connection.execute(
                select(table.c.failures, table.c.last_failed_at).where(
                    table.c.scope == scope, table.c.key == key
                )
            ).first()
            if row is not None and now - row.last_failed_at <= FORGET_AFTER:
                rows[scope] = (row.failures, row.last_failed_at)
    untils: list[datetime] = []
    if "address" in rows:
        failures, last = rows["address"]
        untils.append(last + timedelta(seconds=wait_after(failures, "address")))
    if "pair" in rows:
        # The name's count, timed from this address's own last failure: another address's
        # failures can make this wait longer (up to MAX_WAIT_S) but never restart it.
        own, last = rows["pair"]
        named = rows["user"][0] if "user" in rows else 0
        untils.append(last + timedelta(seconds=wait_after(max(own, named), "user")))
    wait = 0
    for until in untils:
        wait = max(wait, int((until - now).total_seconds() + 0.999))
    return wait


def record_failure(engine: Engine, attempt: LoginAttempt, now: datetime) -> None:
    """Count one wrong password for the name and the address (and forget stale counts)."""
    table = db.login_failures
    with engine.begin() as connection:
        connection.execute(delete(table).where(table.c.last_failed_at < now - FORGET_AFTER))
        for scope, key in attempt.counted_keys():
            _bump(connection, scope, key, now)


def _bump(connection: Connection, scope: Scope, key: str, now: datetime) -> None:
    table = db.login_failures
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(scope=scope, key=key, failures=1, last_failed_at=now)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["scope", "key"],
            set_={"failures": table.c.failures + 1, "last_failed_at": now},
        )
    )


def record_success(engine: Engine, attempt: LoginAttempt) -> None:
    """The right password clears the name's count and this address's count for the name (the
    address keeps its own history across names)."""
    table = db.login_failures
    with engine.begin() as connection:
        for scope, key in attempt.counted_keys():
            if scope != "address":
                connection.execute(delete(table).where(table.c.scope == scope, table.c.key == key))
