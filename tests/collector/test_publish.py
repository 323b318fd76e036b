"""`catalog keygen` and `catalog publish` against an operator's slips (issue 13, item 8)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from collector import cli, db
from kiosk.clock import FixedClock

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog"


def _keys(tmp_path: Path) -> Path:
    keys = tmp_path / "keys"
    assert cli.main(["catalog", "keygen", "--out", str(keys)]) == 0
    return keys / "catalog-signing-key.pem"


def _publish(database_url: str, folder: Path, key: Path, version: int = 1) -> int:
    return cli.main(
        [
            "--database",
            database_url,
            "catalog",
            "publish",
            str(folder),
            "--version",
            str(version),
            "--expires",
            "2099-12-31",
            "--key",
            str(key),
        ]
    )


def _releases(database_url: str) -> int:
    engine = db.make_engine(database_url)
    try:
        db.migrate(engine)  # a refused publish may have stopped before touching the database
        with engine.connect() as connection:
            query = select(func.count()).select_from(db.catalog_releases)
            return int(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


def test_publish_refuses_a_catalog_that_fails_check(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A catalog `dvc-kiosk catalog check` rejects is not signed: the problems are printed,
    exit 2, no release stored; the same folder repaired is published."""
    key = _keys(tmp_path)
    folder = tmp_path / "resources" / "catalog"
    shutil.copytree(CATALOG, folder)
    shutil.copytree(CATALOG.parent / "images", folder.parent / "images")  # what icons point at
    index = folder / "catalog.toml"
    original = index.read_text(encoding="utf-8")
    index.write_text(original.replace("https://", "http://evil.example/", 1), encoding="utf-8")
    capsys.readouterr()
    assert _publish(database_url, folder, key) == 2
    err = capsys.readouterr().err
    assert "catalog.toml" in err and "không ký" in err
    assert _releases(database_url) == 0
    index.write_text(original, encoding="utf-8")
    assert _publish(database_url, folder, key) == 0
    assert _releases(database_url) == 1


def test_keygen_and_publish_over_existing_files_are_clean_errors(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out naming a file, a key file that is a folder, a half-existing key pair and a key
    path that is a folder: one line each, exit 2, nothing overwritten, never a traceback."""
    plain_file = tmp_path / "not-a-folder"
    plain_file.write_text("x")
    assert cli.main(["catalog", "keygen", "--out", str(plain_file)]) == 2
    assert "không phải thư mục" in capsys.readouterr().err
    blocked = tmp_path / "blocked"
    (blocked / "catalog-public-key.txt").mkdir(parents=True)
    assert cli.main(["catalog", "keygen", "--out", str(blocked)]) == 2
    assert not (blocked / "catalog-signing-key.pem").exists()  # no half-made key pair
    key = _keys(tmp_path)
    assert cli.main(["catalog", "keygen", "--out", str(key.parent)]) == 2
    assert _publish(database_url, CATALOG, key.parent) == 2  # --key names a folder
    assert _publish(database_url, plain_file, key) == 2  # the catalog is a file
    assert _publish(database_url, CATALOG, key) == 0
    assert _publish(database_url, CATALOG, key) == 2  # same version again
    assert "Traceback" not in capsys.readouterr().err
    assert _releases(database_url) == 1


def test_publish_shows_the_check_warning_for_a_fee_that_is_about_to_end(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The district sees what `catalog check` warns on its publishing day: on 10/02/2027 the
    TT 117/2026 vehicle exemption ends in 18 days with nothing dated after it. A warning, not
    a refusal: the release is signed and stored. On 01/12/2026 there is no such warning."""
    key = _keys(tmp_path)
    folder = tmp_path / "resources" / "catalog"
    shutil.copytree(CATALOG, folder)
    shutil.copytree(CATALOG.parent / "images", folder.parent / "images")
    argv = [
        "--database",
        database_url,
        "catalog",
        "publish",
        str(folder),
        "--expires",
        "2099-12-31",
        "--key",
        str(key),
    ]
    capsys.readouterr()
    early = FixedClock(datetime(2026, 12, 1, 3, 0, tzinfo=UTC))
    assert cli.main([*argv, "--version", "1"], clock=early) == 0
    assert "fee.periods" not in capsys.readouterr().err
    late = FixedClock(datetime(2027, 2, 10, 3, 0, tzinfo=UTC))
    assert cli.main([*argv, "--version", "2"], clock=late) == 0
    err = capsys.readouterr().err
    line = (
        "procedures/cap-doi-cap-lai-dang-ky-xe.toml: fee.periods[0].valid_until: cảnh báo: "
        "ends on 2027-02-28 (18 days from 2027-02-10)"
    )
    assert line in err
    assert _releases(database_url) == 2
