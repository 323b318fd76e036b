"""The admin CLI and the migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from collector import auth, cli, db
from collector.app import database_url_from_env
from tests.loopback import running_collector

HELP_POINTS = Path(__file__).resolve().parents[2] / "resources" / "help_points.toml"


def test_migrations_match_the_tables(database_url: str) -> None:
    """The Alembic migrations create exactly the tables the code queries, and re-run cleanly."""
    engine = db.make_engine(database_url)
    try:
        db.migrate(engine)
        db.migrate(engine)  # every start runs it: the second run must be a no-op
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []
    finally:
        engine.dispose()


def test_help_point_import_is_idempotent(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Importing resources/help_points.toml twice registers each help point once, with its ward."""
    assert cli.main(["--database", database_url, "help-point", "import", str(HELP_POINTS)]) == 0
    assert cli.main(["--database", database_url, "help-point", "import", str(HELP_POINTS)]) == 0
    assert "(0 điểm mới)" in capsys.readouterr().out
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        wards = dict(connection.execute(select(db.help_points.c.id, db.help_points.c.ward)).all())
    engine.dispose()
    assert wards["cau-kieu-kp2"] == "Phường Cầu Kiệu"
    assert wards["duc-nhuan-kp1"] == "Phường Đức Nhuận"


def test_kiosk_add_list_revoke(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A kiosk gets a token printed once; the DB keeps only its SHA-256; revoke marks it."""
    base = ["--database", database_url]
    assert cli.main([*base, "kiosk", "add", "--help-point", "nowhere", "--name", "x"]) == 2
    cli.main(
        [
            *base,
            "help-point",
            "add",
            "--id",
            "phu-nhuan-kp3",
            "--name",
            "KP3",
            "--ward",
            "Phường Phú Nhuận",
        ]
    )
    capsys.readouterr()
    assert (
        cli.main(
            [
                *base,
                "kiosk",
                "add",
                "--help-point",
                "phu-nhuan-kp3",
                "--name",
                "Máy A",
                "--id",
                "may-a",
            ]
        )
        == 0
    )
    token = capsys.readouterr().out.split("token: ")[1].strip()
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(select(db.kiosks.c.token_sha256)).scalar_one()
    engine.dispose()
    assert stored == auth.token_hash(token) and token not in stored
    assert cli.main([*base, "kiosk", "list"]) == 0
    assert "may-a\tphu-nhuan-kp3\thoạt động" in capsys.readouterr().out
    assert cli.main([*base, "kiosk", "revoke", "may-a"]) == 0
    assert cli.main([*base, "kiosk", "revoke", "may-a"]) == 2  # already revoked
    assert cli.main([*base, "kiosk", "list"]) == 0
    assert "THU HỒI" in capsys.readouterr().out


def test_user_add_stores_scrypt_and_checks(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`user add --password-stdin` stores an scrypt hash that check_login accepts, nothing else."""
    monkeypatch.setattr("sys.stdin", io.StringIO("mật-khẩu-dài-1234\n"))
    assert cli.main(["--database", database_url, "user", "add", "canbo", "--password-stdin"]) == 0
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(select(db.users.c.password_hash)).scalar_one()
        assert stored.startswith("scrypt$") and "mật" not in stored
        assert auth.check_login(engine, "canbo", "mật-khẩu-dài-1234")
        assert not auth.check_login(engine, "canbo", "mật-khẩu-dài-1235")
        assert not auth.check_login(engine, "ai-do", "mật-khẩu-dài-1234")
    finally:
        engine.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO("ngắn\n"))
    assert cli.main(["--database", database_url, "user", "add", "canbo2", "--password-stdin"]) == 2


def test_keygen_writes_private_pem_and_public_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """keygen writes a 0600 private PEM and a base64 public key of 32 bytes, never overwrites."""
    import base64

    assert cli.main(["catalog", "keygen", "--out", str(tmp_path)]) == 0
    private = tmp_path / "catalog-signing-key.pem"
    assert private.stat().st_mode & 0o777 == 0o600
    assert b"PRIVATE KEY" in private.read_bytes()
    public = (tmp_path / "catalog-public-key.txt").read_text().strip()
    assert len(base64.b64decode(public)) == 32
    assert f"public_key: {public}" in capsys.readouterr().out
    assert cli.main(["catalog", "keygen", "--out", str(tmp_path)]) == 2


def test_import_rejects_foreign_formats(database_url: str, tmp_path: Path) -> None:
    """An import file that is not a kiosk export, or names an unknown kiosk, is a clean error."""
    path = tmp_path / "x.json"
    for content in ["[]", "{", json.dumps({"format": "other", "version": 1})]:
        path.write_text(content)
        assert cli.main(["--database", database_url, "import", str(path)]) == 2
    export = {
        "format": "dvc-kiosk-export",
        "version": 1,
        "kiosk_id": "ghost",
        "help_point_id": "x",
        "sessions": [],
        "outcomes": [],
    }
    path.write_text(json.dumps(export))
    assert cli.main(["--database", database_url, "import", str(path)]) == 2


def test_kiosk_tokens_can_be_typed_after_token_on_any_command_line() -> None:
    """IT pastes the printed token after `dvc-kiosk provision --token`: it must never look like
    an option (URL-safe base64 began with '-' once in 64 tokens and broke exactly that)."""
    import argparse

    from kiosk import provision

    tokens = {auth.new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    assert all(len(t) == 64 and set(t) <= set("0123456789abcdef") for t in tokens)
    parser = argparse.ArgumentParser(prog="dvc-kiosk")
    provision.register(parser.add_subparsers())
    for token in sorted(tokens)[:50]:
        args = parser.parse_args(["provision", "--help-point", "duc-nhuan-kp1", "--token", token])
        assert args.token == token


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_default_database_and_its_folder_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #21 item 12: with DATABASE_URL unset and the usual umask 022, the default SQLite
    database (which holds the cookie-signing secret) is created in a folder of mode 0700, the
    file and SQLite's -wal and -shm files 0600, by the CLI and by the server; an older
    world-readable `dvc-collector.db` in the working directory is still used, made 0600."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    old_umask = os.umask(0o022)
    try:
        assert cli.main(["help-point", "import"]) == 0
        folder = tmp_path / "dvc-collector"
        database = folder / "collector.db"
        assert _mode(folder) == 0o700 and _mode(database) == 0o600
        # The server's start-up (migrations, the cookie secret), answering over loopback.
        with running_collector(database_url_from_env()) as live:
            assert httpx.get(live.url + "/api/v1/health").status_code == 200
            assert live.app.state.secret
            for suffix in ("-wal", "-shm"):
                side = Path(f"{database}{suffix}")
                if side.exists():
                    assert _mode(side) == 0o600, suffix
        assert not (tmp_path / "dvc-collector.db").exists()

        elsewhere = tmp_path / "old"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)
        legacy = elsewhere / "dvc-collector.db"
        engine = db.make_engine(f"sqlite:///{legacy}")
        db.migrate(engine)
        engine.dispose()
        legacy.chmod(0o644)
        assert cli.main(["help-point", "import"]) == 0
        assert _mode(legacy) == 0o600
        assert not (elsewhere / "dvc-collector").exists()
    finally:
        os.umask(old_umask)
