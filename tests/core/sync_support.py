"""Shared pieces of the sync tests: a real collector on loopback, kiosks, catalogs, sessions.

Everything goes through real code: uvicorn serving `collector.app.create_app` on a free port,
kiosk tokens and catalog releases issued by `dvc-collector`'s own commands, sessions written by
the journal's own recorder. Nothing here mocks our code, the database or HTTP.
"""

from __future__ import annotations

import contextlib
import io
import random
import uuid as uuid_module
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select

from kiosk.paths import resources_dir
from kiosk.protocol import EndReason, Language, Outcome, PracticeModule, TextSize
from kiosk.session import SessionSummary
from tests.loopback import (  # noqa: F401  (re-exported for the sync tests)
    LiveCollector,
    free_port,
    postgres_database,
    running_collector,
    start_collector,
)

CATALOG_DIR = resources_dir() / "catalog"


def collector_cli(database_url: str, *argv: str) -> tuple[int, str]:
    """Run `dvc-collector` in-process; its exit code and what it printed."""
    from collector import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = cli.main(["--database", database_url, *argv])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue()


def register_kiosk(database_url: str, help_point_id: str, kiosk_id: str) -> str:
    """Register the help points and one kiosk through the collector's CLI; the printed token."""
    code, _ = collector_cli(
        database_url, "help-point", "import", str(resources_dir() / "help_points.toml")
    )
    assert code == 0
    code, out = collector_cli(
        database_url,
        "kiosk",
        "add",
        "--help-point",
        help_point_id,
        "--name",
        "Máy thử",
        "--id",
        kiosk_id,
    )
    assert code == 0, out
    values = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    return values["token"]


@dataclass(frozen=True)
class SigningKey:
    """The district's key pair as `dvc-collector catalog keygen` wrote it."""

    private_path: Path
    public_b64: str


def make_key(folder: Path) -> SigningKey:
    """A fresh district key pair via `dvc-collector catalog keygen` (no database needed)."""
    from collector import cli

    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["catalog", "keygen", "--out", str(folder)]) == 0
    public = (folder / "catalog-public-key.txt").read_text(encoding="ascii").strip()
    return SigningKey(folder / "catalog-signing-key.pem", public)


def publish(
    database_url: str, key: SigningKey, version: int, catalog_dir: Path = CATALOG_DIR
) -> None:
    """Publish a catalog release through `dvc-collector catalog publish`."""
    expires = (date.today() + timedelta(days=60)).isoformat()
    code, out = collector_cli(
        database_url,
        "catalog",
        "publish",
        str(catalog_dir),
        "--version",
        str(version),
        "--expires",
        expires,
        "--key",
        str(key.private_path),
    )
    assert code == 0, out


def insert_release(
    database_url: str, signed: Any, files: dict[str, bytes], *, replace: bool = False
) -> None:
    """Store a hand-made (possibly forged) release in the collector's tables, as publish does.

    The tamper tests need releases the honest publish command refuses to make; the collector
    then serves them exactly like real ones.
    """
    from collector import db
    from kiosk.sync.manifest import canonical_bytes

    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            version = signed.manifest["version"]
            if replace:
                connection.execute(
                    db.catalog_files.delete().where(db.catalog_files.c.version == version)
                )
                connection.execute(
                    db.catalog_releases.delete().where(db.catalog_releases.c.version == version)
                )
            connection.execute(
                insert(db.catalog_releases).values(
                    version=version,
                    manifest_json=canonical_bytes(signed.manifest).decode(),
                    signature=signed.signature,
                    key_id=signed.key_id,
                    published_at=datetime.now(UTC).replace(tzinfo=None),
                )
            )
            for name, data in files.items():
                entry = signed.manifest["files"].get(name, {"sha256": "0" * 64, "size": len(data)})
                connection.execute(
                    insert(db.catalog_files).values(
                        version=version,
                        name=name,
                        sha256=entry["sha256"],
                        size=entry["size"],
                        data=data,
                    )
                )
    finally:
        engine.dispose()


def catalog_files(catalog_dir: Path = CATALOG_DIR) -> dict[str, bytes]:
    """The files a release of `catalog_dir` consists of, by manifest name."""
    return {
        p.relative_to(catalog_dir).as_posix(): p.read_bytes()
        for p in sorted(catalog_dir.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.parts)
    }


def write_config(
    home: Path,
    *,
    help_point_id: str,
    kiosk_id: str,
    server: str | None,
    token: str | None,
    public_key: str | None,
    interval_seconds: int = 300,
    pin_hash: str | None = None,
) -> Path:
    """A kiosk.toml as IT would write it; returns its path (point DVC_KIOSK_CONFIG at it)."""
    home.mkdir(parents=True, exist_ok=True)
    lines = [
        "[help_point]",
        f'id = "{help_point_id}"',
        "",
        "[kiosk]",
        f'id = "{kiosk_id}"',
        "kiosk_mode = false",
    ]
    if pin_hash is not None:
        lines += ["", "[volunteer]", f'pin_hash = "{pin_hash}"']
    if server is not None:
        lines += ["", "[sync]", f'server = "{server}"', f'token = "{token}"']
        if server.startswith("http://"):
            lines.append("test_loopback_http = true")  # the loopback test collector
        if public_key is not None:
            lines.append(f'catalog_public_key = "{public_key}"')
        lines.append(f"interval_seconds = {interval_seconds}")
    path = home / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def random_summary(rng: random.Random, start: datetime) -> SessionSummary:
    """A plausible finished session (ids, enums, numbers and times only)."""
    steps = rng.randint(0, 12)
    began = start + timedelta(seconds=rng.randint(0, 30 * 86400))
    modules = tuple(rng.sample([m.value for m in PracticeModule], rng.randint(0, 2)))
    return SessionSummary(
        uuid=str(uuid_module.UUID(int=rng.getrandbits(128), version=4)),
        started_at=began,
        ended_at=began + timedelta(seconds=rng.randint(30, 3600)),
        language=rng.choice([lang.value for lang in Language]),
        text_size=rng.choice([t.value for t in TextSize]),
        procedure_id=rng.choice([None, "dang-ky-tam-tru", "dang-ky-khai-sinh", "cap-doi-cccd"]),
        furthest_step=rng.randint(0, steps),
        step_count=steps,
        practice_modules=modules,
        help_requests=rng.randint(0, 3),
        rating=rng.choice([None, 1, 2, 3, 4, 5]),
        end_reason=rng.choice(list(EndReason)),
        catalog_version=rng.randint(0, 3),
    )


def fill_journal(
    database: Path,
    kiosk_id: str,
    help_point_id: str,
    sessions: int,
    seed: int,
    outcomes: int = 0,
) -> list[str]:
    """Write `sessions` generated sessions (and some volunteer marks) through JournalRecorder."""
    from kiosk.journal.db import open_journal
    from kiosk.journal.recorder import JournalRecorder

    rng = random.Random(seed)
    start = datetime(2026, 10, 1, 1, 0, tzinfo=UTC)
    uuids: list[str] = []
    journal = open_journal(database)
    try:
        recorder = JournalRecorder(journal, kiosk_id, help_point_id, recover=False)
        futures = []
        for _ in range(sessions):
            summary = random_summary(rng, start)
            uuids.append(summary.uuid)
            futures.append(recorder.end_session(summary))
        for future in futures:
            future.result(timeout=60)
        for session_uuid in rng.sample(uuids, outcomes):
            recorder.mark_outcome(session_uuid, rng.choice(list(Outcome)).value).result(60)
    finally:
        journal.close()
    return uuids


def server_rows(database_url: str, table: str = "sessions") -> list[dict[str, Any]]:
    """Every row of the collector's sessions (or outcomes) table."""
    from collector import db

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(getattr(db, table))).mappings().all()
            return [dict(row) for row in rows]
    finally:
        engine.dispose()
