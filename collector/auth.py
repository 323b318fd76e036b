"""Secrets of the collector: kiosk bearer tokens, dashboard passwords, signed cookies, CSRF.

Kiosk tokens are high-entropy random strings; only their SHA-256 is stored and the check uses
hmac.compare_digest (docs/reliability.md G15). Dashboard passwords use scrypt with a per-user salt.
The dashboard cookie is "payload.signature" with an HMAC-SHA256 over a server secret that lives
in the database, so every worker process agrees on it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from collector import db

# scrypt N=2^15, r=8, p=1: about 50 ms and 32 MiB per check on a small server (OWASP minimum
# is N=2^17 for a 64 MiB budget; the dashboard has few users and throttled logins).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SESSION_MAX_AGE_S = 8 * 3600


def new_token() -> str:
    """A fresh kiosk bearer token: 256 bits as 64 hex digits.

    Hex, not URL-safe base64: one token in 64 of those starts with '-', which IT then types
    after `--token` and argparse takes for an option ("expected one argument").
    """
    return secrets.token_hex(32)


def token_hash(token: str) -> str:
    """What the database keeps instead of the token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class KioskIdentity:
    """The kiosk a valid token belongs to."""

    kiosk_id: str
    help_point_id: str


def authenticate_kiosk(connection: Connection, token: str, now: datetime) -> KioskIdentity | None:
    """The kiosk for a bearer token, or None if missing, wrong or revoked; records last_seen."""
    if not token or len(token) > 200:
        return None
    wanted = token_hash(token)
    row = connection.execute(
        select(db.kiosks.c.id, db.kiosks.c.help_point_id, db.kiosks.c.token_sha256).where(
            db.kiosks.c.token_sha256 == wanted, db.kiosks.c.revoked_at.is_(None)
        )
    ).first()
    # The indexed lookup finds the candidate; the constant-time compare is the decision.
    if row is None or not hmac.compare_digest(row.token_sha256, wanted):
        return None
    connection.execute(update(db.kiosks).where(db.kiosks.c.id == row.id).values(last_seen_at=now))
    return KioskIdentity(kiosk_id=row.id, help_point_id=row.help_point_id)


def token_is_known(engine: Engine, token: str) -> bool:
    """Whether a bearer token belongs to a kiosk not revoked: read-only, one indexed lookup.

    Checked before a request body is read (issue #21 item 1): a stranger holding a slow body
    open is answered 401 after its head, and the connection is closed, instead of being read
    for as long as it trickles."""
    if not token or len(token) > 200:
        return False
    wanted = token_hash(token)
    with engine.connect() as connection:
        row = connection.execute(
            select(db.kiosks.c.token_sha256).where(
                db.kiosks.c.token_sha256 == wanted, db.kiosks.c.revoked_at.is_(None)
            )
        ).first()
    return row is not None and hmac.compare_digest(row.token_sha256, wanted)


def hash_password(password: str) -> str:
    """scrypt$N$r$p$salt$hash, all in one string column."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024
    )
    return "$".join(
        ["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)]
    )


def verify_password(password: str, stored: str) -> bool:
    """True if the password matches the stored scrypt hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = hashlib.scrypt(
            password.encode(),
            salt=_unb64(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, _unb64(digest))


# A fixed hash to burn the same time when the user does not exist (no username oracle).
_DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def check_login(engine: Engine, username: str, password: str) -> bool:
    """True if the dashboard user exists and the password is right."""
    if not USERNAME_PATTERN.fullmatch(username):
        # Never reaches the database: PostgreSQL refuses NUL bytes with an error, not a miss.
        verify_password(password, _DUMMY_HASH)
        return False
    with engine.connect() as connection:
        stored = connection.execute(
            select(db.users.c.password_hash).where(db.users.c.username == username[:64])
        ).scalar()
    if stored is None:
        verify_password(password, _DUMMY_HASH)
        return False
    return verify_password(password, stored)


def server_secret(engine: Engine) -> bytes:
    """The cookie-signing secret: created once, shared by all workers through the database."""
    fresh = secrets.token_urlsafe(48)
    with engine.begin() as connection:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(
            dialect.insert(db.settings)
            .values(key="cookie_secret", value=fresh)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        value = connection.execute(
            select(db.settings.c.value).where(db.settings.c.key == "cookie_secret")
        ).scalar_one()
    return str(value).encode()


def sign(secret: bytes, payload: str) -> str:
    """payload.signature, URL-safe."""
    mac = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{_b64(mac)}"


def unsign(secret: bytes, value: str) -> str | None:
    """The payload if the signature is ours, else None."""
    payload, _, mac = value.rpartition(".")
    if not payload:
        return None
    expected = sign(secret, payload).rpartition(".")[2]
    return payload if hmac.compare_digest(mac, expected) else None


def session_cookie(secret: bytes, username: str, now: datetime) -> str:
    """A signed "username|expiry|nonce" value for the dashboard cookie (`now`: aware)."""
    expiry = int(now.timestamp() + SESSION_MAX_AGE_S)
    payload = _b64(f"{username}|{expiry}|{secrets.token_hex(8)}".encode())
    return sign(secret, payload)


@dataclass(frozen=True)
class DashboardSession:
    """What a valid session cookie says: who, until when (epoch seconds), and its nonce."""

    username: str
    expires: int
    nonce: str

    @property
    def issued(self) -> int:
        """When the cookie was issued (epoch seconds)."""
        return self.expires - SESSION_MAX_AGE_S


def read_session(secret: bytes, cookie: str | None, now: datetime) -> DashboardSession | None:
    """The session a cookie carries, or None for a missing, forged or expired cookie.

    A logout is not visible here: ask `session_ended` too (the dashboard does)."""
    if not cookie:
        return None
    payload = unsign(secret, cookie)
    if payload is None:
        return None
    try:
        username, expiry, nonce = _unb64(payload).decode().split("|")
        if int(expiry) < now.timestamp():
            return None
    except (ValueError, UnicodeDecodeError):
        return None
    return DashboardSession(username, int(expiry), nonce)


def session_ended(engine: Engine, session: DashboardSession) -> bool:
    """True once the session was ended by logout (its cookie may still be copied elsewhere),
    or by a change of its user's password after the cookie was issued."""
    with engine.connect() as connection:
        found = connection.execute(
            select(db.ended_sessions.c.nonce).where(db.ended_sessions.c.nonce == session.nonce)
        ).first()
        changed = connection.execute(
            select(db.password_changes.c.changed_at).where(
                db.password_changes.c.username == session.username
            )
        ).scalar()
    if changed is not None and session.issued < int(changed.replace(tzinfo=UTC).timestamp()):
        return True
    return found is not None


def record_password_change(connection: Connection, username: str, now: datetime) -> None:
    """From now on, refuse every dashboard cookie of `username` issued before `now` (naive UTC)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(db.password_changes).values(username=username, changed_at=now)
    connection.execute(
        statement.on_conflict_do_update(index_elements=["username"], set_={"changed_at": now})
    )


def end_session(engine: Engine, session: DashboardSession, now: datetime) -> None:
    """Refuse this session's cookie from now on; forget sessions that have expired anyway.

    `now` is naive UTC, like every time the collector stores."""
    expires_at = datetime.fromtimestamp(session.expires, UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(
            dialect.insert(db.ended_sessions)
            .values(nonce=session.nonce, expires_at=expires_at)
            .on_conflict_do_nothing(index_elements=["nonce"])
        )
        connection.execute(delete(db.ended_sessions).where(db.ended_sessions.c.expires_at < now))


def csrf_token(secret: bytes, bound_to: str) -> str:
    """A CSRF token bound to a cookie value (double-submit, but unforgeable without the secret)."""
    return _b64(hmac.new(secret, b"csrf|" + bound_to.encode(), hashlib.sha256).digest())


def csrf_ok(secret: bytes, bound_to: str | None, submitted: str | None) -> bool:
    """True if the form's token matches the cookie it is bound to."""
    if not bound_to or not submitted:
        return False
    return hmac.compare_digest(csrf_token(secret, bound_to), submitted)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
