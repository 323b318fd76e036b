"""`dvc-collector`: serve the API and dashboard, and do the district's admin chores.

Every subcommand that needs the database takes it from --database or DATABASE_URL — one of
the two, never a default file in the current folder — and migrates it first, so a fresh laptop
needs nothing but this command and a database URL.
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

from collector import aggregates, db, serving, stats
from collector.app import SKIP_MIGRATIONS_ENV
from collector.auth import (
    USERNAME_PATTERN,
    hash_password,
    new_token,
    record_password_change,
    token_hash,
)
from collector.exportfile import (
    EXPORT_FORMAT,
    MAX_FILE_BYTES,
    ExportFileError,
    read_header,
    records,
)
from collector.ingest import ingest, now_utc
from collector.publish import (
    PublishRefusedError,
    catalog_contents,
    inside_catalog,
    key_encodings,
    left_out,
)
from collector.stats import VN_TZ
from collector.textcheck import printable
from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.fleet_protocol import is_opening_slot
from kiosk.protocol import ID_PATTERN, MAX_BATCH_RECORDS, ResultStatus
from kiosk.sync.manifest import (
    MAX_MANIFEST_BYTES,
    canonical_bytes,
    key_id_for,
    manifest_for,
    public_key_b64,
    sign_manifest,
)


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


NO_DATABASE = (
    "chưa chỉ định cơ sở dữ liệu (no database given): dùng --database URL hoặc đặt biến "
    "DATABASE_URL, vd. postgresql+psycopg:///dvc_collector (PostgreSQL, như "
    "deploy/linux/dvc-collector.service) hoặc sqlite:////var/lib/dvc-collector/collector.db; "
    "dvc-collector không tự tạo cơ sở dữ liệu mới trong thư mục hiện tại "
    "(it never makes a new, empty database in the current folder)"
)


def database_url(args: argparse.Namespace) -> str:
    """--database, else $DATABASE_URL; never a default: a command run in another folder must
    not make (and serve, or issue tokens into) a new, empty database there."""
    url: str | None = args.database or os.environ.get("DATABASE_URL")
    if not url:
        raise CliError(NO_DATABASE)
    return url


def _engine(args: argparse.Namespace) -> Engine:
    # One engine per command, disposed by main(), so no pooled connection outlives the command.
    engine: Engine | None = getattr(args, "engine", None)
    if engine is None:
        engine = db.make_engine(database_url(args))
        db.migrate(engine)
        args.engine = engine
    return engine


def _now(args: argparse.Namespace) -> datetime:
    """The command's clock in the storage form (naive UTC)."""
    clock: Clock = args.clock
    return now_utc(clock)


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

    url = database_url(args)
    _engine(args).dispose()
    os.environ["DATABASE_URL"] = url
    os.environ[SKIP_MIGRATIONS_ENV] = "1"
    limits = serving.ServeLimits(
        max_connections=args.max_connections,
        header_timeout=args.header_timeout,
        request_timeout=args.request_timeout,
        max_per_address=args.max_per_address,
        proxy_addresses=args.proxy_address,
        keep_alive_timeout=args.keep_alive_timeout,
        backlog=args.backlog,
    )
    limits = serving.fit_to_file_limit(limits)
    limits.install()
    uvicorn.run(
        "collector.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_level="info",
        log_config=serving.log_config(),
        **limits.uvicorn_options(),
        **(limits.worker_options() if args.workers > 1 else {}),
    )
    return 0


# -- help points --------------------------------------------------------------------------------


def _add_help_point(
    engine: Engine,
    point_id: str,
    name: str,
    ward: str,
    now: datetime,
    hours: list[str] | None = None,
) -> bool:
    # hours None: leave the registered opening hours as they are.
    extra = {} if hours is None else {"opening_hours": opening_hours_value(hours)}
    with engine.begin() as connection:
        exists = connection.execute(
            select(db.help_points.c.id).where(db.help_points.c.id == point_id)
        ).first()
        if exists:
            connection.execute(
                update(db.help_points)
                .where(db.help_points.c.id == point_id)
                .values(name=name, ward=ward, **extra)
            )
            return False
        connection.execute(
            insert(db.help_points).values(
                id=point_id, name=name, ward=ward, created_at=now, **extra
            )
        )
        return True


def cmd_help_point_add(args: argparse.Namespace) -> int:
    """Register (or rename) one help point."""
    _check_id(args.id, "Mã điểm")
    hours = check_opening_hours(args.opening_hours) if args.opening_hours is not None else None
    created = _add_help_point(
        _engine(args), args.id, args.name.strip(), args.ward.strip(), _now(args), hours
    )
    print(("Đã thêm" if created else "Đã cập nhật") + f" điểm hướng dẫn {args.id} ({args.ward}).")
    return 0


def cmd_help_point_import(args: argparse.Namespace) -> int:
    """Register every help point of a help_points.toml (idempotent)."""
    if args.file is None:  # the list shipped with this release (what the kiosks know too)
        from kiosk.paths import resources_dir

        args.file = str(resources_dir() / "help_points.toml")
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
        hours = point.get("opening_hours")
        checked = check_opening_hours(hours, f"{args.file}: {point['id']}") if hours else None
        added += _add_help_point(
            engine, point["id"], point["name"], point["ward"], _now(args), checked
        )
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
                    created_at=_now(args),
                )
            )
        except IntegrityError:
            raise CliError(f"Mã máy {kiosk_id} đã có") from None
    print(f"kiosk_id: {kiosk_id}")
    print(f"help_point: {args.help_point}")
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
            .values(revoked_at=_now(args))
        ).rowcount
    if not count:
        raise CliError(f"Không có máy đang hoạt động mang mã {args.kiosk_id}")
    print(f"Đã thu hồi token của máy {args.kiosk_id}.")
    return 0


# -- fleet --------------------------------------------------------------------------------------


def check_opening_hours(hours: Any, where: str = "--opening-hours") -> list[str]:
    """Opening slots like 'sat 08:00-11:00' (as in kiosk.toml), or a CliError naming the bad one."""
    if not isinstance(hours, list):
        raise CliError(f'{where}: cần một danh sách như ["sat 08:00-11:00"]')
    for slot in hours:
        if not is_opening_slot(slot):
            raise CliError(f"{where}: '{slot}' không đúng dạng 'sat 08:00-11:00'")
    return list(hours)


def opening_hours_value(hours: list[str]) -> str | None:
    """How help_points.opening_hours keeps them (JSON); an empty list forgets them."""
    return json.dumps(hours) if hours else None


def cmd_kiosks(args: argparse.Namespace) -> int:
    """Every kiosk per help point and ward: last contact, versions, health and alarms."""
    from collector.fleet import fleet_json, fleet_view, fmt_disk, fmt_offset, local_time

    fleet = fleet_view(_engine(args), args.clock)
    if args.json:
        print(json.dumps(fleet_json(fleet), ensure_ascii=False, indent=2))
        return 0
    for ward, points in fleet.wards():
        print(ward)
        for point in points:
            print(f"  {point.name} ({point.id})")
            for kiosk in point.kiosks:
                health = kiosk.health
                versions = (
                    f"ứng dụng {health['app_version']}, danh mục {health['catalog_version']}, "
                    f"ổ đĩa trống {fmt_disk(health['disk_free_bytes'])}, "
                    f"đồng hồ {fmt_offset(health['clock_offset_seconds'])}"
                    if health
                    else "chưa báo tình trạng"
                )
                print(f"    {kiosk.id}\t{local_time(kiosk.last_contact)}\t{versions}")
                for alarm in kiosk.alarms:
                    print(f"      ⚠ {alarm.text}")
    if not fleet.points:
        print("Chưa có máy kiosk nào.")
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
    if out.exists() and not out.is_dir():
        raise CliError(f"{out} là một tệp, không phải thư mục: chọn thư mục khác cho --out")
    catalog = inside_catalog(out)
    if catalog is not None:
        # Everything in a catalog folder is one careless `publish` away from every kiosk token.
        raise CliError(
            f"{out} nằm trong thư mục danh mục {catalog}: khóa bí mật không được ở đó, "
            "chọn thư mục khác cho --out"
        )
    private_path = out / "catalog-signing-key.pem"
    public_path = out / "catalog-public-key.txt"
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise CliError(f"{path} đã có: không ghi đè khóa cũ")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = public_key_b64(key.public_key())
    try:
        out.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        descriptor = os.open(public_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(descriptor, "w", encoding="ascii") as text_handle:
            text_handle.write(public + "\n")
    except OSError as exc:
        raise CliError(f"Không ghi được khóa vào {out}: {exc.strerror or exc}") from None
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


def _refuse_invalid_catalog(catalog_dir: Path, clock: Clock) -> None:
    """Run `dvc-kiosk catalog check` on the folder; print its problems; refuse on any error.

    A kiosk drops a downloaded catalog that fails this same check, so signing one would only
    ship a release every kiosk refuses."""
    from kiosk.catalog.check import run_check
    from kiosk.catalog.model import Severity

    if not (catalog_dir / "catalog.toml").is_file():
        raise CliError(f"{catalog_dir}: không có catalog.toml (đây có phải thư mục danh mục?)")
    today = clock.now().astimezone(VN_TZ).date()
    try:
        report = run_check(catalog_dir, today=today)
    except OSError as exc:
        raise CliError(f"Không đọc được danh mục {catalog_dir}: {exc}") from None
    for problem in report.problems:
        mark = "cảnh báo: " if problem.severity is Severity.WARNING else ""
        print(f"{problem.file}: {problem.field}: {mark}{problem.message}", file=sys.stderr)
    if report.errors:
        raise CliError(
            f"Danh mục có {report.errors} lỗi (dvc-kiosk catalog check): không ký, không phát hành"
        )


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
    catalog_dir = catalog_dir.resolve()
    if not (catalog_dir / "catalog.toml").is_file():
        raise CliError(f"{catalog_dir}: không có catalog.toml (đây có phải thư mục danh mục?)")
    clock: Clock = args.clock
    secrets = key_encodings(
        key.private_bytes_raw(),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    try:
        contents = catalog_contents(catalog_dir, secrets)
    except PublishRefusedError as exc:
        raise CliError(str(exc)) from None
    for name in left_out(catalog_dir, contents):
        print(f"bỏ qua (không phải tệp của danh mục): {name}", file=sys.stderr)
    _refuse_invalid_catalog(catalog_dir, clock)
    try:
        if catalog_contents(catalog_dir, secrets) != contents:
            raise CliError("Danh mục vừa thay đổi trong lúc phát hành: chạy lại lệnh")
    except PublishRefusedError as exc:
        raise CliError(str(exc)) from None
    issued = clock.now().astimezone(UTC).replace(microsecond=0)
    expires = expiry_of(expires_day)
    if expires <= clock.now():
        raise CliError("--expires đã qua: mọi máy kiosk sẽ từ chối bản phát hành")
    try:
        manifest = manifest_for(contents, args.version, issued, expires)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    signed = sign_manifest(manifest, key)
    if len(json.dumps(signed.to_json(), ensure_ascii=False).encode()) > MAX_MANIFEST_BYTES:
        raise CliError("Bản kê (manifest) lớn hơn mức máy kiosk nhận: bớt tệp rồi chạy lại")
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
                published_at=_now(args),
            )
        )
        for name, entry in signed.manifest["files"].items():
            connection.execute(
                insert(db.catalog_files).values(
                    version=args.version,
                    name=name,
                    sha256=entry["sha256"],
                    size=entry["size"],
                    data=contents[name],
                )
            )
    print(
        f"Đã phát hành danh mục phiên bản {args.version}: {len(signed.manifest['files'])} tệp, "
        f"hết hạn {signed.manifest['expires']}, key_id {signed.key_id}."
    )
    return 0


# -- import -------------------------------------------------------------------------------------


def _import_header(path: Path, max_bytes: int) -> str:
    """The kiosk id of a well-formed export file; CliError for anything else."""
    try:
        header = read_header(path, max_bytes)
    except ExportFileError as exc:
        raise CliError(f"Không đọc được {path}: {exc}") from None
    if header.format != EXPORT_FORMAT or header.version != 1:
        raise CliError(
            f"{path}: định dạng {printable(str(header.format))!r} "
            f"phiên bản {printable(str(header.version))!r}"
        )
    kiosk_id = header.kiosk_id
    if not isinstance(kiosk_id, str) or not ID_PATTERN.fullmatch(kiosk_id):
        raise CliError(f"{path}: kiosk_id không hợp lệ")
    return kiosk_id


def cmd_import(args: argparse.Namespace) -> int:
    """Import a kiosk's offline export file with the same idempotency as the upload.

    The file is read twice as a stream (its shape first, then its records), never whole, and
    stored in batches of MAX_BATCH_RECORDS, one transaction each: an interrupted import is
    simply run again (what is already there is reported so). A revoked kiosk's file is refused
    whole, as its uploads are. Sessions, outcomes and content reports pass the same checks as
    in an upload (collector.ingest)."""
    path = Path(args.file)
    max_bytes = int(args.max_size_mib * 2**20)
    kiosk_id = _import_header(path, max_bytes)
    engine = _engine(args)
    with engine.connect() as connection:
        kiosk = connection.execute(
            select(db.kiosks.c.id, db.kiosks.c.help_point_id, db.kiosks.c.revoked_at).where(
                db.kiosks.c.id == kiosk_id
            )
        ).first()
    if kiosk is None:
        raise CliError(f"Máy {kiosk_id!r} chưa được đăng ký (dùng 'kiosk add')")
    if kiosk.revoked_at is not None:
        raise CliError(f"Máy {kiosk_id!r} đã bị thu hồi: không nhập tệp của máy này")
    counts: dict[str, int] = {status.value: 0 for status in ResultStatus}
    problems: list[str] = []
    if args.json:
        print("[", end="")
    first = True
    try:
        for kind, batch in records(path, MAX_BATCH_RECORDS, max_bytes):
            with engine.begin() as connection:
                results = ingest(
                    connection,
                    kiosk_id,
                    batch if kind == "sessions" else [],
                    batch if kind == "outcomes" else [],
                    args.clock,
                    help_point_id=kiosk.help_point_id,
                    content_reports=batch if kind == "content_reports" else [],
                )
            for result in results:
                counts[result.status.value] += 1
                if args.json:
                    print(("" if first else ",") + result.model_dump_json(), end="")
                    first = False
                if result.status in (ResultStatus.CONFLICT, ResultStatus.REJECTED):
                    problems.append(
                        f"  {result.kind} {result.uuid}: {result.status.value}: {result.detail}"
                    )
                    del problems[:-1000]  # the counts say how many; the last 1,000 are shown
    except ExportFileError as exc:  # the file changed between the two reads
        raise CliError(f"Không đọc được {path}: {exc}") from None
    if args.json:
        print("]")
    print(
        f"{args.file}: {counts['stored']} bản ghi mới, {counts['already-there']} đã có, "
        f"{counts['conflict']} xung đột, {counts['rejected']} bị từ chối."
    )
    for line in problems:
        print(line)
    bad = counts["conflict"] + counts["rejected"]
    return 1 if bad else 0


# -- aggregates ---------------------------------------------------------------------------------


def cmd_aggregates_rebuild(args: argparse.Namespace) -> int:
    """Recompute the dashboard's per-day counts from the stored records."""
    with _engine(args).begin() as connection:
        aggregates.rebuild(connection)
    print("Đã tính lại số liệu theo ngày từ các bản ghi đã lưu.")
    return 0


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
    now = _now(args)
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
            # Sessions opened with the old password end now (a stolen cookie, a shared PC).
            record_password_change(connection, args.username, now)
        else:
            connection.execute(
                insert(db.users).values(
                    username=args.username, password_hash=hashed, created_at=now
                )
            )
    print(("Đã đổi mật khẩu cho " if exists else "Đã tạo người dùng ") + args.username + ".")
    return 0


# -- parser -------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree of every subcommand."""
    parser = argparse.ArgumentParser(prog="dvc-collector", description=__doc__)
    parser.add_argument(
        "--database",
        help="SQLAlchemy URL, e.g. postgresql+psycopg:///dvc_collector (default: $DATABASE_URL; "
        "one of the two is required: no database is made in the current folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API and dashboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--workers", type=int, default=1)
    serving.add_arguments(serve)
    serve.set_defaults(func=cmd_serve)

    hp = sub.add_parser("help-point", help="register help points").add_subparsers(
        dest="action", required=True
    )
    hp_add = hp.add_parser("add")
    hp_add.add_argument("--id", required=True)
    hp_add.add_argument("--name", required=True)
    hp_add.add_argument("--ward", required=True, help="e.g. 'Phường Phú Nhuận'")
    hp_add.add_argument(
        "--opening-hours",
        nargs="*",
        help="when volunteers are there, e.g. 'tue 17:30-20:30' 'sat 08:00-11:00' "
        "(the kiosk's alarms count its opening days)",
    )
    hp_add.set_defaults(func=cmd_help_point_add)
    hp_import = hp.add_parser("import")
    hp_import.add_argument(
        "file", nargs="?", help="a help_points.toml (default: the one shipped with this release)"
    )
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

    kiosks = sub.add_parser("kiosks", help="every kiosk's last contact, versions and alarms")
    kiosks.add_argument("--json", action="store_true")
    kiosks.set_defaults(func=cmd_kiosks)

    imp = sub.add_parser("import", help="import a kiosk's offline export file")
    imp.add_argument("file")
    imp.add_argument("--json", action="store_true", help="also print per-record results")
    imp.add_argument(
        "--max-size-mib",
        type=float,
        default=MAX_FILE_BYTES / 2**20,
        help=f"refuse larger files (default {MAX_FILE_BYTES // 2**20})",
    )
    imp.set_defaults(func=cmd_import)

    agg = sub.add_parser("aggregates", help="the dashboard's per-day counts").add_subparsers(
        dest="action", required=True
    )
    agg.add_parser("rebuild", help="recompute them from the records").set_defaults(
        func=cmd_aggregates_rebuild
    )

    user = sub.add_parser("user", help="dashboard users").add_subparsers(
        dest="action", required=True
    )
    u_add = user.add_parser("add")
    u_add.add_argument("username")
    u_add.add_argument("--password-stdin", action="store_true")
    u_add.set_defaults(func=cmd_user_add)
    return parser


def main(argv: Sequence[str] | None = None, clock: Clock = SYSTEM_CLOCK) -> int:
    """Entry point of the `dvc-collector` console script (`clock`: tests pin it)."""
    args = build_parser().parse_args(argv)
    args.clock = clock
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
