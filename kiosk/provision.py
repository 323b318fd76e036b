"""`dvc-kiosk provision`: tell a freshly installed kiosk where it is, with one command.

IT staff install 2–5 donated PCs per help point and leave. This writes the one config file
the kiosk reads (where DESIGN.md's lookup order puts it for the whole machine, or for one
user), with the volunteer PIN as a salted, peppered scrypt hash — never the PIN — and the
file readable by the kiosk only. With --server it asks the collector who the token is, and a
token the collector cannot confirm (wrong host, port, scheme, path or token: the error says
which) writes nothing and exits 1; `--offline` provisions without asking, said plainly. Then it
reads the file back through the kiosk's own validation, so a file it writes always starts the
kiosk.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import CONFIG_NAME, ConfigError, find_config_file, load_help_points, read_config
from kiosk.paths import APP_NAME, AppDirs, app_dirs
from kiosk.protocol import ID_PATTERN

PIN_TRIES = 3
SHORT_PIN = "a shorter PIN is found in minutes by trying every one"


class ProvisionError(Exception):
    """Something IT must fix before the kiosk can be provisioned; the text says what."""


@dataclass(frozen=True)
class Target:
    """Where the config goes, and whose data folder holds the PIN's per-install secret."""

    config: Path
    data: Path
    owner: tuple[int, int] | None = None  # (uid, gid) of the kiosk account, POSIX + root only
    home: Path | None = None  # that account's home folder


def user_data_dir_of(user: str) -> tuple[Path, tuple[int, int], Path]:
    """The data folder platformdirs gives `user` on this POSIX machine, its uid/gid, its home."""
    import pwd

    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise ProvisionError(f"there is no user account '{user}' on this machine") from None
    return (
        Path(entry.pw_dir) / ".local" / "share" / APP_NAME,
        (entry.pw_uid, entry.pw_gid),
        Path(entry.pw_dir),
    )


def choose_target(args: argparse.Namespace, dirs: AppDirs) -> Target:
    """The config path by DESIGN.md's lookup order: $DVC_KIOSK_HOME, --user, else the site dir."""
    owner: tuple[int, int] | None = None
    home: Path | None = None
    data = Path(args.data_dir) if args.data_dir else dirs.data
    if args.kiosk_user:
        if os.name != "posix":
            raise ProvisionError("--kiosk-user works on Linux; on Windows use --data-dir")
        user_data, owner, home = user_data_dir_of(args.kiosk_user)
        if not args.data_dir:
            data = user_data
    if dirs.site_config is None or args.scope == "user":  # DVC_KIOSK_HOME, or asked for
        config = dirs.config / CONFIG_NAME
    else:
        config = dirs.site_config / CONFIG_NAME
    return Target(config, data, owner, home)


def ask_pin() -> str:
    """The PIN, typed twice without echo; never printed, never stored in clear."""
    import getpass

    from kiosk.pin import PIN_MAX_DIGITS, PIN_MIN_DIGITS, is_valid_pin

    for _ in range(PIN_TRIES):
        first = getpass.getpass(f"Volunteer PIN ({PIN_MIN_DIGITS}-{PIN_MAX_DIGITS} digits): ")
        if not is_valid_pin(first):
            print(f"A PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits ({SHORT_PIN}). Try again.")
            continue
        if getpass.getpass("The same PIN again: ") != first:
            print("The two PINs differ. Try again.")
            continue
        return first
    raise ProvisionError("no PIN was set (typed differently or not digits, three times)")


def read_catalog_key(path: str) -> tuple[str, str]:
    """The district's catalog public key (base64, from `dvc-collector catalog keygen`), its id."""
    from kiosk.sync.manifest import ManifestError, key_id_for, load_public_key

    try:
        text = Path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ProvisionError(f"cannot read the catalog key file {path}: {exc}") from None
    # Accept the file keygen writes, or the 'public_key: …' line it prints.
    text = text.rsplit(":", 1)[-1].strip() if text.startswith("public_key") else text
    try:
        key = load_public_key(text)
    except ManifestError:
        raise ProvisionError(f"{path} does not hold an Ed25519 public key (base64)") from None
    return text, key_id_for(key)


def toml_string(value: str) -> str:
    """A TOML basic string (the values here are ids, URLs, base64: escape the few specials)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _loopback(server: str) -> bool:
    """A plain-http collector on this PC (a trial, a test): the only http one accepted. Its
    path is not judged here: a wrong one is named by the collector check."""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = urlsplit(server).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def render_config(
    help_point: str,
    kiosk_id: str,
    pin_hash: str,
    server: str | None,
    token: str | None,
    catalog_key: str | None,
    opening_hours: tuple[str, ...] = (),
) -> str:
    """The config file's text, with comments for whoever opens it later."""
    hours = (
        f"opening_hours = [{', '.join(toml_string(h) for h in opening_hours)}]"
        if opening_hours
        else '# opening_hours = ["tue 17:30-20:30", "sat 08:00-11:00"]  # when volunteers are here'
    )
    lines = [
        "# DVC Kiosk configuration, written by `dvc-kiosk provision`.",
        "# Run provision again to change it; every key is explained in docs/it-guide.md.",
        "",
        "[help_point]",
        f"id = {toml_string(help_point)}",
        hours,
        "",
        "[kiosk]",
        f"id = {toml_string(kiosk_id)}",
        "kiosk_mode = true",
        "",
        "[volunteer]",
        "# scrypt hash of the PIN with this PC's secret; the PIN itself is stored nowhere.",
        f"pin_hash = {toml_string(pin_hash)}",
    ]
    if server:
        assert token is not None
        lines += ["", "[sync]", f"server = {toml_string(server)}", f"token = {toml_string(token)}"]
        if server.startswith("http://"):
            lines += [
                "# A plain-http loopback collector: a trial or a test on this PC only.",
                "test_loopback_http = true",
            ]
        if catalog_key:
            lines.append(f"catalog_public_key = {toml_string(catalog_key)}")
    return "\n".join(lines) + "\n"


def write_private(path: Path, text: str, owner: tuple[int, int] | None) -> None:
    """Write atomically, readable only by its owner (0600), or root + the kiosk's group (0640).

    Windows has no such modes: the file inherits the folder's access rules (ProgramData is
    writable by administrators only).
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".kiosk-", suffix=".toml", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            if owner is not None and os.geteuid() == 0:
                os.chown(tmp, 0, owner[1])
                os.chmod(tmp, 0o640)
            else:
                os.chmod(tmp, 0o600)
        # Validate before it replaces a working file: a bad file must never be left behind.
        read_config(tmp)
        if path.exists():
            backup = path.with_name(path.name + ".bak")
            os.replace(path, backup)
            if os.name == "posix":
                os.chmod(backup, 0o600)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def own_data_dir(target: Target) -> None:
    """Give the kiosk account its data folder (made here by root to hold the PIN secret)."""
    if target.owner is None or target.home is None or os.name != "posix" or os.geteuid() != 0:
        return
    folder = target.data
    while folder != target.home and target.home in folder.parents:
        if folder.stat().st_uid != target.owner[0]:
            os.chown(folder, *target.owner)
        folder = folder.parent
    for child in target.data.iterdir():
        os.chown(child, *target.owner)


def masked(token: str) -> str:
    """Enough of a token to recognise it, not enough to use it."""
    return f"{token[:4]}… ({len(token)} characters)" if len(token) > 8 else "(short token)"


def provision(args: argparse.Namespace) -> int:
    """Write, validate and report the config; 0 when the kiosk can start with it."""
    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.pin import PIN_MAX_DIGITS, PIN_MIN_DIGITS, is_valid_pin, make_pin_hash
    from kiosk.pin_state import PinStateError
    from kiosk.provision_check import (
        CollectorCheck,
        IdentityConflictError,
        ask_collector,
        resolve_identity,
        send_test_record,
    )

    points = load_help_points()
    if args.help_point is not None and args.help_point not in points:
        known = ", ".join(sorted(points))
        raise ProvisionError(f"unknown help point '{args.help_point}'; known: {known}")
    if args.kiosk_id is not None and not ID_PATTERN.fullmatch(args.kiosk_id):
        raise ProvisionError(f"kiosk id '{args.kiosk_id}': use lower-case letters, digits and '-'")
    if args.server and not args.token:
        raise ProvisionError("--server needs --token (from `dvc-collector kiosk add`)")
    if args.token and not args.server:
        raise ProvisionError("--token needs --server")
    if (
        args.server
        and not args.server.startswith("https://")
        and not (args.server.startswith("http://") and _loopback(args.server))
    ):
        raise ProvisionError("--server must start with https:// (the token must not go in clear)")
    if args.pin is not None:
        # On the command line a PIN shows in `ps` to every account and stays in shell history.
        raise ProvisionError(
            "--pin is no longer accepted (a PIN on the command line shows in `ps` and in the "
            "shell's history): type it at the prompt, or pipe it in with --pin-stdin"
        )
    piped_pin = None
    if args.pin_stdin:
        piped_pin = sys.stdin.readline().strip()
        if not is_valid_pin(piped_pin):
            raise ProvisionError(
                f"--pin-stdin: the PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits "
                f"({SHORT_PIN})"
            )
    catalog_key, key_id = (None, None)
    if args.catalog_key:
        catalog_key, key_id = read_catalog_key(args.catalog_key)
    elif args.server:
        raise ProvisionError("--server needs --catalog-key (the district's catalog public key)")

    server = args.server.rstrip("/") if args.server else None
    online = bool(server and args.token and not args.offline)
    # Identity comes from the token: ask the collector before anything is written.
    check = CollectorCheck()
    if online and server:
        check = ask_collector(server, args.token, SYSTEM_CLOCK)
    opening_hours: tuple[str, ...] = ()
    if check.identity is not None:
        try:
            kiosk_id, help_point = resolve_identity(
                args.kiosk_id, args.help_point, check.identity, points
            )
        except IdentityConflictError as exc:
            raise ProvisionError(str(exc)) from None
        opening_hours = check.identity.opening_hours
    elif online:
        # A token the collector cannot confirm is never written: the kiosk would never sync.
        raise ProvisionError(
            f"the collector could not confirm the token, so nothing was written.\n"
            f"  {check.why_unknown}.\n"
            "Fix that and run provision again. To provision without the collector today, add "
            "--offline and both --kiosk-id and --help-point exactly as `dvc-collector kiosk "
            "add` printed them (the token is then first checked at the first sync)."
        )
    elif args.kiosk_id is None or args.help_point is None:
        raise ProvisionError(
            "offline (no --server, or --offline), the collector cannot be asked: give both "
            "--kiosk-id and --help-point exactly as `dvc-collector kiosk add` printed them "
            "(they are checked at the first sync), or run provision again when the collector "
            "is reachable"
        )
    else:
        kiosk_id, help_point = args.kiosk_id, args.help_point

    dirs = app_dirs()
    target = choose_target(args, dirs)
    pin = piped_pin if piped_pin is not None else ask_pin()
    try:
        pin_hash = make_pin_hash(pin, target.data)
    except (PinStateError, OSError) as exc:
        raise ProvisionError(f"cannot write the PIN secret in {target.data}: {exc}") from None
    own_data_dir(target)
    text = render_config(
        help_point, kiosk_id, pin_hash, server, args.token, catalog_key, opening_hours
    )
    try:
        write_private(target.config, text, target.owner)
    except PermissionError as exc:
        raise ProvisionError(
            f"cannot write {target.config} ({exc.strerror}); run as administrator/root, "
            "or use --user"
        ) from None
    except ConfigError as exc:  # our own output failed validation: a bug, say so plainly
        raise ProvisionError(
            f"the written config does not validate: {exc.key}: {exc.message}"
        ) from None
    config = read_config(target.config)

    hp = points[help_point]
    print(f"Wrote {target.config}")
    print(f"  help point: {hp.id} ({hp.name}, {hp.ward})")
    print(f"  kiosk id:   {config.kiosk_id}")
    if check.identity is not None:
        print("  ids:        from the token (the collector's `kiosk add`)")
    else:
        print("  ids:        as given; checked against the token at the first sync")
    if opening_hours:
        print(f"  opening hours: {', '.join(opening_hours)} (registered at the collector)")
    print("  kiosk mode: on (full screen; leaving needs the volunteer PIN)")
    print(f"  PIN:        set (salted scrypt hash; secret in {target.data})")
    if server and args.token:
        print(f"  server:     {server}")
        print(f"  token:      {masked(args.token)}")
        print(f"  catalog key id: {key_id}")
    else:
        print("  sync:       none (offline kiosk; export with `dvc-kiosk export`)")
    found = find_config_file(dirs)
    if found is not None and found.resolve() != target.config.resolve():
        print(f"WARNING: {found} comes first in the lookup order and will be used instead.")
    if args.offline and server:
        print(
            "WARNING: --offline: the collector was not asked, so neither the address nor the "
            "token is checked; a mistake shows only at the first sync (`dvc-kiosk status`)"
        )
    for warning in check.warnings:
        print(f"WARNING: {warning}")
    if check.identity is not None:
        print("  collector:  reachable, token accepted")
    if online and server and args.token and check.identity is not None:
        print(
            send_test_record(
                server,
                args.token,
                kiosk_id,
                help_point,
                target.data,
                opening_hours,
                check.clock_offset,
            )
        )
    else:
        print("không gửi thử bản ghi kiểm tra: máy được cài không qua mạng (offline)")
    return 0


def _command(args: argparse.Namespace) -> int:
    try:
        return provision(args)
    except ProvisionError as exc:
        print(f"provision: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nprovision: cancelled, nothing written", file=sys.stderr)
        return 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `provision`."""
    parser = subparsers.add_parser(
        "provision",
        help="write this kiosk's config: help point, kiosk id, volunteer PIN, collector",
        description=(
            "Write the kiosk's config file (for the whole machine unless --user), with the "
            "volunteer PIN stored as a salted hash. Asks for the PIN twice, hidden, or reads "
            "it from standard input with --pin-stdin. Online, the kiosk id and help point "
            "come from the token (the collector says who it is) and a test record proves the "
            "config works; offline, give both ids (they are checked at the first sync)."
        ),
    )
    parser.add_argument(
        "--help-point",
        help="help point id (help_points.toml); online it comes from the token, and a "
        "different one is refused; offline it is required",
    )
    parser.add_argument("--server", help="collector address, e.g. https://dvc.quan1.gov.vn")
    parser.add_argument("--token", help="this kiosk's token from `dvc-collector kiosk add`")
    parser.add_argument("--catalog-key", help="file with the district's catalog public key")
    parser.add_argument(
        "--kiosk-id",
        help="this PC's id as `dvc-collector kiosk add` printed it; online it comes from the "
        "token, and a different one is refused; offline it is required",
    )
    parser.add_argument("--pin", help=argparse.SUPPRESS)  # refused: see run_provision
    parser.add_argument(
        "--pin-stdin",
        action="store_true",
        help="read the volunteer PIN (6 to 8 digits) from the first line of standard input; "
        "without it the PIN is asked twice, hidden. Never on the command line (`ps` shows it)",
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument(
        "--system",
        dest="scope",
        action="store_const",
        const="system",
        help="for the whole machine: the site config folder (default; needs admin/root)",
    )
    scope.add_argument(
        "--user",
        dest="scope",
        action="store_const",
        const="user",
        help="for the current user only: the user config folder",
    )
    parser.add_argument(
        "--kiosk-user",
        help="Linux: the account the kiosk runs as (its data folder gets the "
        "PIN secret; the config is made readable by it)",
    )
    parser.add_argument("--data-dir", help="the kiosk account's data folder (for the PIN secret)")
    parser.add_argument(
        "--offline",
        action="store_true",
        help="do not contact the collector (then --kiosk-id and --help-point are required, "
        "and address and token are first checked at the first sync); without it, a token "
        "the collector cannot confirm is refused and nothing is written",
    )
    parser.set_defaults(func=_command, scope="system")
