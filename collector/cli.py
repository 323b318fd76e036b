"""`dvc-collector`: serve the API and dashboard, and do the district's admin chores.

Every subcommand works on DATABASE_URL (or --database), SQLite file by default, and migrates
the database first, so a fresh laptop needs nothing but this command.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import secrets
import sys
import tomllib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from collector import db, stats
from collector.app import SKIP_MIGRATIONS_ENV, database_url_from_env
from collector.auth import USERNAME_PATTERN, hash_password, new_token, token_hash
from collector.ingest import ingest, now_utc
from collector.stats import VN_TZ
from kiosk.protocol import ID_PATTERN, ResultStatus
from kiosk.sync.manifest import (
    build_manifest,
    canonical_bytes,
    key_id_for,
    public_key_b64,
    sign_manifest,
)

EXPORT_FORMAT = "dvc-kiosk-export"


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


def _engine(args: argparse.Namespace) -> Engine:
    # One engine per command, disposed by main(), so no pooled connection outlives the command.
    engine: Engine | None = getattr(args, "engine", None)
    if engine is None:
        engine = db.make_engine(args.database or database_url_from_env())
        db.migrate(engine)
        args.engine = engine
    return engine


def _check_id(value: str, what: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise CliError(
            f"{what} '{value}': dùng chữ thường không dấu, số và '-' (vd. phu-nhuan-kp3)"
        )
    return value


# -- serve --------------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    """Run uvicorn; migrations run once here, before any worker starts."""
    import uvicorn

    url = args.database or database_url_from_env()
    _engine(args).dispose()
    os.environ["DATABASE_URL"] = url
    os.environ[SKIP_MIGRATIONS_ENV] = "1"
    uvicorn.run(
        "collector.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_level="info",
    )
    return 0


# -- help points --------------------------------------------------------------------------------


def _add_help_point(engine: Engine, point_id: str, name: str, ward: str) -> bool:
    with engine.begin() as connection:
        exists = connection.execute(
            select(db.help_points.c.id).where(db.help_points.c.id == point_id)
        ).first()
        if exists:
            connection.execute(
                update(db.help_points)
                .where(db.help_points.c.id == point_id)
                .values(name=name, ward=ward)
            )
            return False
        connection.execute(
            insert(db.help_points).values(id=point_id, name=name, ward=ward, created_at=now_utc())
        )
        return True


def cmd_help_point_add(args: argparse.Namespace) -> int:
    """Register (or rename) one help point."""
    _check_id(args.id, "Mã điểm")
    created = _add_help_point(_engine(args), args.id, args.name.strip(), args.ward.strip())
    print(("Đã thêm" if created else "Đã cập nhật") + f" điểm hướng dẫn {args.id} ({args.ward}).")
    return 0


def cmd_help_point_import(args: argparse.Namespace) -> int:
    """Register every help point of a help_points.toml (idempotent)."""
    try:
        data = tomllib.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CliError(f"Không đọc được {args.file}: {exc}") from None
    points = data.get("help_points")
    if not isinstance(points, list):
        raise CliError(f"{args.file}: thiếu [[help_points]]")
    engine = _engine(args)
    added = 0
    for point in points:
        if not isinstance(point, dict) or not all(
            isinstance(point.get(k), str) for k in ("id", "name", "ward")
        ):
            raise CliError(f"{args.file}: mỗi điểm cần id, name, ward")
        _check_id(point["id"], "Mã điểm")
        added += _add_help_point(engine, point["id"], point["name"], point["ward"])
    print(f"Đã nhập {len(points)} điểm hướng dẫn ({added} điểm mới).")
    return 0


# -- kiosks -------------------------------------------------------------------------------------


def cmd_kiosk_add(args: argparse.Namespace) -> int:
    """Register a kiosk and print its token once (only its SHA-256 is kept)."""
    engine = _engine(args)
    _check_id(args.help_point, "Mã điểm")
    kiosk_id = args.id or f"{args.help_point[:55]}-{secrets.token_hex(3)}"
    _check_id(kiosk_id, "Mã máy")
    token = new_token()
    with engine.begin() as connection:
        if (
            connection.execute(
                select(db.help_points.c.id).where(db.help_points.c.id == args.help_point)
            ).first()
            is None
        ):
            raise CliError(f"Chưa có điểm hướng dẫn {args.help_point}: thêm bằng 'help-point add'")
        try:
            connection.execute(
                insert(db.kiosks).values(
                    id=kiosk_id,
                    help_point_id=args.help_point,
                    name=args.name.strip(),
                    token_sha256=token_hash(token),
                    created_at=now_utc(),
                )
            )
        except IntegrityError:
            raise CliError(f"Mã máy {kiosk_id} đã có") from None
    print(f"kiosk_id: {kiosk_id}")
    print(f"token: {token}")
    print("Token chỉ hiện MỘT lần: chép ngay vào cấu hình của máy kiosk.", file=sys.stderr)
    return 0


def cmd_kiosk_list(args: argparse.Namespace) -> int:
    """List kiosks with their help point, state and last contact."""
    with _engine(args).connect() as connection:
        rows = connection.execute(select(db.kiosks).order_by(db.kiosks.c.id)).all()
    for row in rows:
        state = "THU HỒI" if row.revoked_at else "hoạt động"
        seen = row.last_seen_at.isoformat(timespec="seconds") + "Z" if row.last_seen_at else "-"
        print(f"{row.id}\t{row.help_point_id}\t{state}\t{seen}\t{row.name}")
    if not rows:
        print("Chưa có máy kiosk nào.")
    return 0


def cmd_kiosk_revoke(args: argparse.Namespace) -> int:
    """Revoke a kiosk's token; its next request gets 401."""
    with _engine(args).begin() as connection:
        count = connection.execute(
            update(db.kiosks)
            .where(db.kiosks.c.id == args.kiosk_id, db.kiosks.c.revoked_at.is_(None))
            .values(revoked_at=now_utc())
        ).rowcount
    if not count:
        raise CliError(f"Không có máy đang hoạt động mang mã {args.kiosk_id}")
    print(f"Đã thu hồi token của máy {args.kiosk_id}.")
    return 0


# -- stats --------------------------------------------------------------------------------------


def cmd_stats(args: argparse.Namespace) -> int:
    """Sessions per help point and per kiosk, and last contact of each kiosk."""
    data = stats.summary(_engine(args))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print("Lượt sử dụng theo điểm hướng dẫn:")
    for point in data["help_points"]:
        print(f"  {point['id']}\t{point['sessions']}\t{point['ward'] or '(chưa đăng ký)'}")
    print("Theo máy kiosk:")
    for kiosk in data["kiosks"]:
        revoked = " (đã thu hồi)" if kiosk["revoked"] else ""
        print(
            f"  {kiosk['id']}\t{kiosk['sessions']}\tnhận tin lần cuối: "
            f"{kiosk['last_seen_at'] or 'chưa bao giờ'}{revoked}"
        )
    return 0


# -- catalog ------------------------------------------------------------------------------------


def cmd_catalog_keygen(args: argparse.Namespace) -> int:
    """Make the district's Ed25519 key pair; the private key never leaves the district."""
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    private_path = out / "catalog-signing-key.pem"
    if private_path.exists():
        raise CliError(f"{private_path} đã có: không ghi đè khóa cũ")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    public = public_key_b64(key.public_key())
    (out / "catalog-public-key.txt").write_text(public + "\n", encoding="ascii")
    print(f"Khóa bí mật (giữ tại quận): {private_path}")
    print(f"Khóa công khai (cài vào máy kiosk): {out / 'catalog-public-key.txt'}")
    print(f"key_id: {key_id_for(key.public_key())}")
    print(f"public_key: {public}")
    return 0


def _load_private_key(path: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise CliError(f"Không đọc được khóa {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CliError(f"{path} không phải khóa Ed25519")
    return key


def expiry_of(day: date) -> datetime:
    """An expiry date means "valid through that whole day, Vietnam time"."""
    return datetime.combine(day + timedelta(days=1), time(0), VN_TZ).astimezone(UTC)


def cmd_catalog_publish(args: argparse.Namespace) -> int:
    """Build, sign and store a catalog release so the API serves it."""
    key = _load_private_key(args.key)
    try:
        expires_day = date.fromisoformat(args.expires)
    except ValueError:
        raise CliError("--expires phải có dạng YYYY-MM-DD") from None
    catalog_dir = Path(args.catalog_dir)
    if not catalog_dir.is_dir():
        raise CliError(f"Không có thư mục {catalog_dir}")
    issued = datetime.now(UTC).replace(microsecond=0)
    try:
        manifest = build_manifest(catalog_dir, args.version, issued, expiry_of(expires_day))
    except ValueError as exc:
        raise CliError(str(exc)) from None
    signed = sign_manifest(manifest, key)
    engine = _engine(args)
    with engine.begin() as connection:
        newest = connection.execute(
            select(db.catalog_releases.c.version)
            .order_by(db.catalog_releases.c.version.desc())
            .limit(1)
        ).scalar()
        if newest is not None and args.version <= newest:
            raise CliError(f"Phiên bản phải lớn hơn {newest} (máy kiosk từ chối bản cũ hơn)")
        connection.execute(
            insert(db.catalog_releases).values(
                version=args.version,
                manifest_json=canonical_bytes(signed.manifest).decode(),
                signature=signed.signature,
                key_id=signed.key_id,
                published_at=now_utc(),
            )
        )
        for name, entry in signed.manifest["files"].items():
            connection.execute(
                insert(db.catalog_files).values(
                    version=args.version,
                    name=name,
                    sha256=entry["sha256"],
                    size=entry["size"],
                    data=(catalog_dir / name).read_bytes(),
                )
            )
    print(
        f"Đã phát hành danh mục phiên bản {args.version}: {len(signed.manifest['files'])} tệp, "
        f"hết hạn {signed.manifest['expires']}, key_id {signed.key_id}."
    )
    return 0


# -- import -------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    """Import a kiosk's offline export file with the same idempotency as the upload."""
    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise CliError(f"Không đọc được {args.file}: {exc}") from None
    expected = {"format", "version", "kiosk_id", "help_point_id", "sessions", "outcomes"}
    # content_reports: written by kiosks since content reports, only when there are some.
    if not isinstance(data, dict) or not expected <= set(data) <= expected | {"content_reports"}:
        raise CliError(f"{args.file}: không phải tệp xuất của máy kiosk")
    if data["format"] != EXPORT_FORMAT or data["version"] != 1:
        raise CliError(f"{args.file}: định dạng {data['format']!r} phiên bản {data['version']!r}")
    reports = data.get("content_reports", [])
    if not all(isinstance(data[k], list) for k in ("sessions", "outcomes")) or not isinstance(
        reports, list
    ):
        raise CliError(f"{args.file}: sessions, outcomes và content_reports phải là danh sách")
    kiosk_id = data["kiosk_id"]
    if not isinstance(kiosk_id, str) or not ID_PATTERN.fullmatch(kiosk_id):
        raise CliError(f"{args.file}: kiosk_id không hợp lệ")
    engine = _engine(args)
    with engine.begin() as connection:
        known = connection.execute(select(db.kiosks.c.id).where(db.kiosks.c.id == kiosk_id)).first()
        if known is None:
            raise CliError(f"Máy {kiosk_id!r} chưa được đăng ký (dùng 'kiosk add')")
        results = ingest(connection, kiosk_id, data["sessions"], data["outcomes"], reports)
    counts: dict[str, int] = {status.value: 0 for status in ResultStatus}
    for result in results:
        counts[result.status.value] += 1
    if args.json:
        print(json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False))
    print(
        f"{args.file}: {counts['stored']} bản ghi mới, {counts['already-there']} đã có, "
        f"{counts['conflict']} xung đột, {counts['rejected']} bị từ chối."
    )
    for result in results:
        if result.status in (ResultStatus.CONFLICT, ResultStatus.REJECTED):
            print(f"  {result.kind} {result.uuid}: {result.status.value}: {result.detail}")
    bad = counts["conflict"] + counts["rejected"]
    return 1 if bad else 0


# -- users --------------------------------------------------------------------------------------


def cmd_user_add(args: argparse.Namespace) -> int:
    """Create a dashboard user, or set a new password for an existing one."""
    if not USERNAME_PATTERN.fullmatch(args.username):
        raise CliError("Tên đăng nhập: chữ, số, '.', '-', '_' (tối đa 64 ký tự)")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            raise CliError("Hai lần nhập không khớp")
    if len(password) < 10:
        raise CliError("Mật khẩu cần ít nhất 10 ký tự")
    hashed = hash_password(password)
    with _engine(args).begin() as connection:
        exists = connection.execute(
            select(db.users.c.username).where(db.users.c.username == args.username)
        ).first()
        if exists:
            connection.execute(
                update(db.users)
                .where(db.users.c.username == args.username)
                .values(password_hash=hashed)
            )
        else:
            connection.execute(
                insert(db.users).values(
                    username=args.username, password_hash=hashed, created_at=now_utc()
                )
            )
    print(("Đã đổi mật khẩu cho " if exists else "Đã tạo người dùng ") + args.username + ".")
    return 0


# -- parser -------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree of every subcommand."""
    parser = argparse.ArgumentParser(prog="dvc-collector", description=__doc__)
    parser.add_argument(
        "--database", help="SQLAlchemy URL (default: $DATABASE_URL or sqlite:///dvc-collector.db)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API and dashboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)

    hp = sub.add_parser("help-point", help="register help points").add_subparsers(
        dest="action", required=True
    )
    hp_add = hp.add_parser("add")
    hp_add.add_argument("--id", required=True)
    hp_add.add_argument("--name", required=True)
    hp_add.add_argument("--ward", required=True, help="e.g. 'Phường Phú Nhuận'")
    hp_add.set_defaults(func=cmd_help_point_add)
    hp_import = hp.add_parser("import")
    hp_import.add_argument("file", help="e.g. resources/help_points.toml")
    hp_import.set_defaults(func=cmd_help_point_import)

    kiosk = sub.add_parser("kiosk", help="register and revoke kiosks").add_subparsers(
        dest="action", required=True
    )
    k_add = kiosk.add_parser("add")
    k_add.add_argument("--help-point", required=True)
    k_add.add_argument("--name", required=True)
    k_add.add_argument("--id", help="kiosk id (default: help point id + random suffix)")
    k_add.set_defaults(func=cmd_kiosk_add)
    kiosk.add_parser("list").set_defaults(func=cmd_kiosk_list)
    k_revoke = kiosk.add_parser("revoke")
    k_revoke.add_argument("kiosk_id")
    k_revoke.set_defaults(func=cmd_kiosk_revoke)

    st = sub.add_parser("stats", help="sessions per help point and kiosk")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_stats)

    catalog = sub.add_parser("catalog", help="sign and publish catalogs").add_subparsers(
        dest="action", required=True
    )
    keygen = catalog.add_parser("keygen")
    keygen.add_argument("--out", required=True)
    keygen.set_defaults(func=cmd_catalog_keygen)
    publish = catalog.add_parser("publish")
    publish.add_argument("catalog_dir")
    publish.add_argument("--version", type=int, required=True)
    publish.add_argument("--expires", required=True, help="YYYY-MM-DD (valid through that day)")
    publish.add_argument("--key", required=True, help="private key PEM from 'catalog keygen'")
    publish.set_defaults(func=cmd_catalog_publish)

    imp = sub.add_parser("import", help="import a kiosk's offline export file")
    imp.add_argument("file")
    imp.add_argument("--json", action="store_true", help="also print per-record results")
    imp.set_defaults(func=cmd_import)

    user = sub.add_parser("user", help="dashboard users").add_subparsers(
        dest="action", required=True
    )
    u_add = user.add_parser("add")
    u_add.add_argument("username")
    u_add.add_argument("--password-stdin", action="store_true")
    u_add.set_defaults(func=cmd_user_add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dvc-collector` console script."""
    args = build_parser().parse_args(argv)
    try:
        result: Any = args.func(args)
    except CliError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    finally:
        engine = getattr(args, "engine", None)
        if engine is not None:
            engine.dispose()
    return int(result)


if __name__ == "__main__":
    sys.exit(main())
