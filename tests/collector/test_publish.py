"""`catalog keygen` and `catalog publish` against an operator's slips (issue 13, item 8)."""

from __future__ import annotations

import base64
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
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


# -- issue #21 item 5: publish signs only the catalog's own files, as a kiosk would take them --


def _catalog_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "resources" / "catalog"
    shutil.copytree(CATALOG, folder)
    shutil.copytree(CATALOG.parent / "images", folder.parent / "images")
    return folder


def _served(database_url: str) -> dict[str, int]:
    """The newest stored release's files (name → size), as the API would serve them."""
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as connection:
            newest = connection.execute(select(func.max(db.catalog_releases.c.version))).scalar()
            rows = connection.execute(
                select(db.catalog_files.c.name, db.catalog_files.c.size).where(
                    db.catalog_files.c.version == newest
                )
            )
            return {name: size for name, size in rows}
    finally:
        engine.dispose()


def test_publish_leaves_out_a_keys_folder_and_everything_the_loader_does_not_read(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The attack: a keys/ folder (the private key beside its public half) left inside the
    catalog folder, notes and an export beside it. Only catalog.toml, shared/*.toml and
    procedures/*.toml are signed and stored; the rest is named on stderr, never published."""
    key = _keys(tmp_path)
    folder = _catalog_copy(tmp_path)
    shutil.copytree(key.parent, folder / "keys")
    (folder / "ghi-chu.txt").write_text("mật khẩu wifi: 12345678", encoding="utf-8")
    (folder / "procedures" / "nhap.bak").write_text("x", encoding="utf-8")
    capsys.readouterr()
    assert _publish(database_url, folder, key) == 0
    err = capsys.readouterr().err
    served = _served(database_url)
    assert "catalog.toml" in served
    assert all(
        name == "catalog.toml" or name.startswith(("shared/", "procedures/")) for name in served
    )
    assert all(name.endswith(".toml") for name in served)
    assert not any("key" in name or "ghi-chu" in name for name in served)
    assert "keys/catalog-signing-key.pem" in err and "ghi-chu.txt" in err


def test_publish_refuses_symlinks_key_material_and_what_every_kiosk_refuses(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symlinked procedure (its target would be signed), a symlinked procedures/ folder, a
    procedure that holds a PEM private key or the signing key's own base64, a 3 MB file and
    658 files: each is refused with one line, exit 2, and no release stored, so no release a
    kiosk refuses ever becomes the newest; the repaired folder publishes."""
    key = _keys(tmp_path)
    folder = _catalog_copy(tmp_path)
    procedures = folder / "procedures"
    sample = procedures / "dang-ky-tam-tru.toml"
    original = sample.read_text(encoding="utf-8")
    secret = tmp_path / "secret.toml"
    secret.write_text(original, encoding="utf-8")

    def refused(expect: str) -> None:
        capsys.readouterr()
        assert _publish(database_url, folder, key) == 2
        err = capsys.readouterr().err
        assert expect in err and "Traceback" not in err, err
        assert _releases(database_url) == 0

    link = procedures / "lien-ket.toml"
    link.symlink_to(secret)
    refused("symlink")
    link.unlink()

    moved = tmp_path / "procedures-elsewhere"
    procedures.rename(moved)
    procedures.symlink_to(moved, target_is_directory=True)
    refused("symlink")
    procedures.unlink()
    moved.rename(procedures)

    pem = key.read_text(encoding="ascii")
    sample.write_text(original + "\n# " + pem.replace("\n", "\n# "), encoding="utf-8")
    refused("khóa bí mật")
    other_pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
    sample.write_text(original + "\n# " + other_pem.replace("\n", "\n# "), encoding="utf-8")
    refused("khóa bí mật")
    loaded = serialization.load_pem_private_key(key.read_bytes(), password=None)
    assert isinstance(loaded, Ed25519PrivateKey)
    raw = base64.b64encode(loaded.private_bytes_raw()).decode()
    sample.write_text(original + f'\n# "{raw}"\n', encoding="utf-8")
    refused("khóa bí mật")
    sample.write_text(original, encoding="utf-8")

    big = procedures / "qua-lon.toml"
    big.write_text(original + "\n" + "# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    refused("MiB")
    big.unlink()

    many = [procedures / f"ban-sao-{i:03}.toml" for i in range(658)]
    for path in many:
        path.write_text(original.replace("dang-ky-tam-tru", path.stem), encoding="utf-8")
    refused("500")
    for path in many:
        path.unlink()

    assert _publish(database_url, folder, key) == 0
    assert _releases(database_url) == 1


def test_keygen_refuses_to_write_its_key_inside_a_catalog_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`catalog keygen --out` naming a catalog folder or any folder under one: exit 2, one
    line, no key written; beside the catalog folder is fine."""
    folder = _catalog_copy(tmp_path)
    for out in (folder, folder / "keys", folder / "procedures" / "a" / "b"):
        capsys.readouterr()
        assert cli.main(["catalog", "keygen", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "danh mục" in err and "Traceback" not in err
        assert not (out / "catalog-signing-key.pem").exists()
    assert not (folder / "keys").exists()
    assert cli.main(["catalog", "keygen", "--out", str(folder.parent / "keys")]) == 0
