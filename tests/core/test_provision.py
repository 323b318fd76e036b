"""`dvc-kiosk provision`: the one command IT runs to tell a kiosk where it is.

Offline and against a real collector served by uvicorn on loopback. The PIN never reaches the
file or the output; the file reads back through the kiosk's own validation.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.config import find_config_file, load_config, read_config
from kiosk.paths import AppDirs, resources_dir
from kiosk.pin import load_or_create_secret, verify_pin
from kiosk.provision import choose_target
from kiosk.sync.manifest import key_id_for, public_key_b64
from tests.loopback import free_port, running_collector

PIN = "482915"
ROOT = Path(__file__).resolve().parents[2]


def run_provision(*argv: str, stdin: str = PIN + "\n") -> tuple[int, str, str]:
    """Run the real `provision` command in-process: exit code, stdout, stderr. `stdin` is what
    a pipe would hand it (the PIN, for --pin-stdin)."""
    parser, _sub = build_parser()
    args = parser.parse_args(["provision", *argv])
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = args.func(args)
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def catalog_key(tmp_path: Path) -> tuple[Path, str]:
    """A district catalog public key file, as `dvc-collector catalog keygen` writes it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    public = Ed25519PrivateKey.generate().public_key()
    path = tmp_path / "catalog-public-key.txt"
    path.write_text(public_key_b64(public) + "\n", encoding="ascii")
    return path, key_id_for(public)


def test_offline_provision_writes_a_private_config_that_starts_the_kiosk(
    kiosk_home: AppDirs, catalog_key: tuple[Path, str]
) -> None:
    """With DVC_KIOSK_HOME set, the config lands in its config folder (0600), validates, is the
    one the kiosk's lookup finds, and holds a PIN hash that verifies — never the PIN."""
    key_file, key_id = catalog_key
    token = "tok_" + "x" * 40
    code, out, err = run_provision(
        "--help-point", "duc-nhuan-kp1", "--kiosk-id", "kp1-may-2",
        "--server", "https://dvc.example.gov.vn/", "--token", token,
        "--catalog-key", str(key_file), "--pin-stdin", "--offline",
    )  # fmt: skip
    assert code == 0, err
    path = kiosk_home.config / "kiosk.toml"
    assert f"Wrote {path}" in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert PIN not in text and PIN not in out
    assert token not in out, "the full token is never printed"
    assert "tok_… (44 characters)" in out
    assert key_id in out

    config = read_config(path)
    assert config.help_point.id == "duc-nhuan-kp1"
    assert config.kiosk_id == "kp1-may-2"
    assert config.kiosk_mode is True
    assert config.sync is not None
    assert config.sync.server == "https://dvc.example.gov.vn"
    assert config.sync.token == token
    assert config.pin_hash is not None
    secret = load_or_create_secret(kiosk_home.data)
    assert verify_pin(PIN, config.pin_hash, secret)
    assert not verify_pin("000000", config.pin_hash, secret)
    assert find_config_file(kiosk_home) == path
    assert load_config(kiosk_home).source == path


def test_the_pin_is_asked_twice_hidden_when_not_given(
    kiosk_home: AppDirs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --pin-stdin: getpass twice; a 4-digit PIN or a mismatch asks again; no sync section
    when offline-only."""
    answers = iter(["1234", "258025", "258052", "258025", "258025"])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    code, out, err = run_provision("--help-point", "duc-nhuan-kp1", "--kiosk-id", "kiosk-1")
    assert code == 0, err
    assert len(prompts) == 5
    assert "A PIN is 6 to 8 digits (a shorter PIN is found in minutes" in out
    assert "differ" in out
    config = read_config(kiosk_home.config / "kiosk.toml")
    assert config.sync is None
    assert "offline kiosk" in out
    assert config.pin_hash is not None
    assert verify_pin("258025", config.pin_hash, load_or_create_secret(kiosk_home.data))


def test_three_bad_pins_write_nothing(kiosk_home: AppDirs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three failed PIN entries end the command with an error and no file."""
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "12a4")
    code, _out, err = run_provision("--help-point", "duc-nhuan-kp1", "--kiosk-id", "kiosk-1")
    assert code == 1
    assert "no PIN was set" in err
    assert not (kiosk_home.config / "kiosk.toml").exists()


@pytest.mark.parametrize(
    ("piped", "message"),
    [
        ("12\n", "the PIN must be 6 to 8 digits"),
        ("1234\n", "the PIN must be 6 to 8 digits"),
        ("12345\n", "a shorter PIN is found in"),
        ("", "the PIN must be 6 to 8 digits"),
    ],
)
def test_a_piped_pin_is_checked_like_a_typed_one(
    kiosk_home: AppDirs, piped: str, message: str
) -> None:
    """--pin-stdin (issue #21: not on the command line, where `ps` and the shell's history
    show it): a short or missing PIN is one sentence, exit 1, no file."""
    argv = ["--help-point", "duc-nhuan-kp1", "--kiosk-id", "kiosk-1", "--pin-stdin"]
    code, _out, err = run_provision(*argv, stdin=piped)
    assert code == 1
    assert message in err
    assert not (kiosk_home.config / "kiosk.toml").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--help-point", "phuong-15"], "unknown help point 'phuong-15'; known: "),
        (["--help-point", "duc-nhuan-kp1", "--kiosk-id", "May 2"], "lower-case letters"),
        (["--help-point", "duc-nhuan-kp1", "--server", "https://x.gov.vn"], "--server needs"),
        (["--help-point", "duc-nhuan-kp1", "--token", "abc"], "--token needs --server"),
        (["--help-point", "duc-nhuan-kp1", "--pin", "482915"], "--pin is no longer accepted"),
        (
            ["--help-point", "duc-nhuan-kp1", "--server", "ftp://x", "--token", "t"],
            "must start with https://",
        ),
    ],
)
def test_wrong_arguments_say_what_to_fix_and_write_nothing(
    kiosk_home: AppDirs, argv: list[str], message: str
) -> None:
    """Each wrong argument gives one sentence naming it, exit 1, and leaves no file."""
    code, _out, err = run_provision(*argv)
    assert code == 1
    assert message in err
    assert not (kiosk_home.config / "kiosk.toml").exists()


def test_a_bad_catalog_key_file_is_refused(kiosk_home: AppDirs, tmp_path: Path) -> None:
    """A key file that is not an Ed25519 public key is named and refused."""
    bad = tmp_path / "key.txt"
    bad.write_text("not a key\n", encoding="ascii")
    code, _out, err = run_provision(
        "--help-point", "duc-nhuan-kp1", "--server", "https://x.gov.vn", "--token", "t" * 20,
        "--catalog-key", str(bad), "--pin-stdin",
    )  # fmt: skip
    assert code == 1
    assert "does not hold an Ed25519 public key" in err


def test_running_again_keeps_a_backup_of_the_previous_file(kiosk_home: AppDirs) -> None:
    """Re-provisioning replaces the file atomically and keeps the old one as kiosk.toml.bak."""
    base = ["--help-point", "duc-nhuan-kp1", "--pin-stdin"]
    assert run_provision(*base, "--kiosk-id", "kiosk-1")[0] == 0
    assert run_provision(*base, "--kiosk-id", "kiosk-2")[0] == 0
    path = kiosk_home.config / "kiosk.toml"
    assert read_config(path).kiosk_id == "kiosk-2"
    backup = path.with_name("kiosk.toml.bak")
    assert 'id = "kiosk-1"' in backup.read_text(encoding="utf-8")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_system_goes_to_the_site_folder_and_user_to_the_user_folder(tmp_path: Path) -> None:
    """Without DVC_KIOSK_HOME: --system (the default) writes the site config, --user the user's."""
    dirs = AppDirs(
        config=tmp_path / "user",
        site_config=tmp_path / "site",
        data=tmp_path / "data",
        cache=tmp_path / "cache",
        logs=tmp_path / "logs",
    )
    parser, _sub = build_parser()
    for argv, expected in (
        ([], tmp_path / "site" / "kiosk.toml"),
        (["--system"], tmp_path / "site" / "kiosk.toml"),
        (["--user"], tmp_path / "user" / "kiosk.toml"),
    ):
        args = parser.parse_args(["provision", "--help-point", "demo", *argv])
        target = choose_target(args, dirs)
        assert target.config == expected
        assert target.data == tmp_path / "data"


# ----- against a real collector on loopback ----------------------------------------------


@pytest.fixture
def collector(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A real collector (uvicorn on loopback, SQLite) with one registered kiosk: (url, token)."""
    pytest.importorskip("fastapi")
    from collector import cli

    url = f"sqlite:///{tmp_path / 'collector.db'}"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert (
            cli.main(
                [
                    "--database",
                    url,
                    "help-point",
                    "import",
                    str(resources_dir() / "help_points.toml"),
                ]
            )
            == 0
        )
        assert (
            cli.main(["--database", url, "kiosk", "add", "--help-point", "duc-nhuan-kp1",
                      "--name", "Máy 1", "--id", "kp1-may-1"])
            == 0
        )  # fmt: skip
    token = next(
        line.split(": ", 1)[1] for line in out.getvalue().splitlines() if "token: " in line
    )

    with running_collector(url) as live:
        yield live.url, token


def test_online_provision_checks_the_collector_and_the_token(
    kiosk_home: AppDirs, collector: tuple[str, str], catalog_key: tuple[Path, str]
) -> None:
    """A reachable collector that accepts the token: said so, and the test record is taken."""
    url, token = collector
    key_file, _ = catalog_key
    code, out, err = run_provision(
        "--help-point", "duc-nhuan-kp1", "--kiosk-id", "kp1-may-1", "--pin-stdin",
        "--server", url, "--catalog-key", str(key_file), "--token", token,
    )  # fmt: skip
    assert code == 0, err
    assert "reachable, token accepted" in out
    assert "WARNING" not in out
    assert out.strip().splitlines()[-1] == "đã gửi thử 1 bản ghi kiểm tra: máy chủ nhận"


def refused(kiosk_home: AppDirs, key_file: Path, server: str, token: str) -> str:
    """Provision with `server` and `token` (and both ids, as the old advice said): it must
    exit 1 with nothing written; its error output."""
    before = sorted(p.name for p in kiosk_home.config.iterdir())
    code, out, err = run_provision(
        "--help-point", "duc-nhuan-kp1", "--kiosk-id", "kp1-may-1", "--pin-stdin",
        "--server", server, "--token", token, "--catalog-key", str(key_file),
    )  # fmt: skip
    assert code == 1, f"exit {code}:\n{out}{err}"
    assert not (kiosk_home.config / "kiosk.toml").exists(), "a config was written"
    assert sorted(p.name for p in kiosk_home.config.iterdir()) == before
    assert "Traceback" not in err and "Wrote" not in out
    assert "nothing was written" in err
    assert "--offline" in err  # the way to provision without the collector, said plainly
    return err


def test_a_wrong_token_is_refused_and_says_token(
    kiosk_home: AppDirs, collector: tuple[str, str], catalog_key: tuple[Path, str]
) -> None:
    url, token = collector
    err = refused(kiosk_home, catalog_key[0], url, "wrong-" + token)
    assert "token: the collector at" in err and "refused this token" in err


def test_a_closed_port_is_refused_and_says_port(
    kiosk_home: AppDirs, catalog_key: tuple[Path, str]
) -> None:
    port = free_port()  # nothing listens there
    err = refused(kiosk_home, catalog_key[0], f"http://127.0.0.1:{port}", "t" * 43)
    assert f"port: 127.0.0.1 has nothing listening on port {port}" in err


def test_https_to_a_plain_http_collector_is_refused_and_says_scheme(
    kiosk_home: AppDirs, collector: tuple[str, str], catalog_key: tuple[Path, str]
) -> None:
    url, token = collector
    err = refused(kiosk_home, catalog_key[0], url.replace("http://", "https://"), token)
    assert "scheme:" in err and "answers in plain http, not https" in err


def test_http_to_an_https_collector_is_refused_and_says_scheme(
    kiosk_home: AppDirs, tmp_path: Path, catalog_key: tuple[Path, str]
) -> None:
    """A collector served with TLS (a self-signed certificate) reached with http://."""
    pytest.importorskip("fastapi")
    cert, key = self_signed(tmp_path)
    with running_collector(
        f"sqlite:///{tmp_path / 'tls.db'}", ssl_certfile=str(cert), ssl_keyfile=str(key)
    ) as live:
        err = refused(kiosk_home, catalog_key[0], live.url, "t" * 43)
    assert f"scheme: 127.0.0.1 port {live.port} speaks https, not http" in err
    assert f"write https://127.0.0.1:{live.port}" in err


def test_a_wrong_path_is_refused_and_says_path(
    kiosk_home: AppDirs, collector: tuple[str, str], catalog_key: tuple[Path, str]
) -> None:
    url, token = collector
    err = refused(kiosk_home, catalog_key[0], url + "/dvc", token)
    assert f"path: the collector is at {url}, not {url}/dvc: leave out '/dvc'" in err
    err = refused(kiosk_home, catalog_key[0], url + "/api/v1", token)
    assert "leave out '/api/v1'" in err


def test_an_unknown_host_is_refused_and_says_host(
    tmp_path: Path, catalog_key: tuple[Path, str]
) -> None:
    """A mistyped host name, looked up in a network namespace of this test's own (no name
    server there: the question never leaves this machine). The real command, in a subprocess."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("a network namespace needs unshare as root")
    home = tmp_path / "home"
    result = subprocess.run(
        ["unshare", "--net", sys.executable, "-m", "ui.entry", "provision",
         "--help-point", "duc-nhuan-kp1", "--kiosk-id", "kp1-may-1", "--pin-stdin",
         "--server", "https://dvc-quan1.invalid", "--token", "t" * 43,
         "--catalog-key", str(catalog_key[0])],
        cwd=ROOT, env={**os.environ, "DVC_KIOSK_HOME": str(home)},
        input=PIN + "\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "host: the name 'dvc-quan1.invalid' could not be looked up" in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(home.rglob("kiosk.toml"))


def test_offline_with_a_server_says_plainly_that_nothing_was_checked(
    kiosk_home: AppDirs, catalog_key: tuple[Path, str]
) -> None:
    """--offline with an unreachable server: written with both ids, and said plainly."""
    code, out, err = run_provision(
        "--help-point", "duc-nhuan-kp1", "--kiosk-id", "kp1-may-2", "--pin-stdin", "--server",
        f"http://127.0.0.1:{free_port()}", "--token", "t" * 43, "--catalog-key",
        str(catalog_key[0]), "--offline",
    )  # fmt: skip
    assert code == 0, err
    assert "WARNING: --offline: the collector was not asked" in out
    assert "checked against the token at the first sync" in out
    assert out.strip().splitlines()[-1].startswith("không gửi thử bản ghi kiểm tra")
    assert (kiosk_home.config / "kiosk.toml").is_file()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (PEM files)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_no_provisioned_file_is_world_readable(kiosk_home: AppDirs) -> None:
    """The token and the PIN hash are secrets: group and others cannot read the file."""
    if os.name != "posix":
        pytest.skip("POSIX file modes")
    assert (
        run_provision("--help-point", "duc-nhuan-kp1", "--kiosk-id", "kiosk-1", "--pin-stdin")[0]
        == 0
    )
    mode = (kiosk_home.config / "kiosk.toml").stat().st_mode
    assert not mode & (stat.S_IRWXG | stat.S_IRWXO)
