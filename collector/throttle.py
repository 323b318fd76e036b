"""Dashboard login throttling per user name and per client address, counted in the database.

NIST SP 800-63B (5.2.2) asks a verifier to limit failed attempts and names growing waits between
them as the way to do it without locking the owner out. So: the first few failures cost nothing
(typos happen), then each further failure doubles the wait before the next try, up to
MAX_WAIT_S. A wait is never longer than that, whatever an attacker does: the owner with the
right password gets in at most MAX_WAIT_S later; a guesser gets about one try a minute per
name and per address (~1,440 a day), hopeless against a 10-character password.

The counts live in the `login_failures` table, so every worker process and every restart sees
the same numbers. The key is the SHA-256 of the name or address, never the typed text (a
password typed into the name field must not be stored). A success clears the name's count;
counts are forgotten FORGET_AFTER after the last failure.
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

Scope = Literal["user", "address"]

# Failures allowed before any wait: an office behind one NAT address has several officials.
FREE_FAILURES: dict[Scope, int] = {"user": 4, "address": 20}
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
        """The rows this attempt is counted in."""
        return [("user", _key(self.username)), ("address", _key(self.address))]


def seconds_to_wait(engine: Engine, attempt: LoginAttempt, now: datetime) -> int:
    """How long this attempt must wait before its password is checked (0 = check now)."""
    table = db.login_failures
    wait = 0
    with engine.connect() as connection:
        for scope, key in attempt.counted_keys():
            row = connection.execute(
                select(table.c.failures, table.c.last_failed_at).where(
                    table.c.scope == scope, table.c.key == key
                )
            ).first()
            if row is None or now - row.last_failed_at > FORGET_AFTER:
                continue
            until = row.last_failed_at + timedelta(seconds=wait_after(row.failures, scope))
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
    """The right password clears the name's count (the address keeps its own history)."""
    table = db.login_failures
    scope, key = attempt.counted_keys()[0]
    with engine.begin() as connection:
        connection.execute(delete(table).where(table.c.scope == scope, table.c.key == key))
