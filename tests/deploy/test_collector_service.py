"""The district collector as deploy/linux/dvc-collector.service runs it: an explicit database
or a calm refusal (never a new, empty database in the working folder), a clear sentence when
the `[collector]` extra is missing, and the unit's own command line serving the API.

systemd is not PID 1 here: the unit is checked with `systemd-analyze verify`, and its
ExecStart line is run as it stands (the venv's path and the port swapped for this machine's),
with the database the test gives it in place of /etc/dvc-collector/collector.env's.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import wait
from tests.loopback import free_port, postgres_database

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "deploy" / "linux"
UNIT = LINUX / "dvc-collector.service"
BIN = Path(sys.executable).parent
INSTALLED = "/opt/dvc-collector/venv/bin/dvc-collector"


def unit_value(key: str) -> str:
    (value,) = [
        line.split("=", 1)[1]
        for line in UNIT.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"{key}=")
    ]
    return value


def no_database_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}


@pytest.mark.parametrize(
    "command",
    [["serve"], ["kiosk", "add", "--help-point", "duc-nhuan-kp1", "--name", "Máy 1"],
     ["user", "add", "canbo", "--password-stdin"]],
    ids=["serve", "kiosk-add", "user-add"],
)  # fmt: skip
def test_no_database_given_is_refused_and_nothing_is_made(
    tmp_path: Path, command: list[str]
) -> None:
    """Run in an empty folder with neither --database nor DATABASE_URL: exit 2 with one
    sentence that says what to give, and the folder stays empty (the old default made
    ./dvc-collector.db, and `serve` served that new, empty database)."""
    result = subprocess.run(
        [str(BIN / "dvc-collector"), *command],
        cwd=tmp_path, env=no_database_env(), input="mật-khẩu-quận-2026\n",
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no database given" in result.stderr
    assert "--database" in result.stderr and "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_without_the_collector_extra_it_says_how_to_install_it(tmp_path: Path) -> None:
    """A Python without the `[collector]` packages (here: without site-packages at all, the
    checkout on its path) gets the install command, not ModuleNotFoundError."""
    result = subprocess.run(
        [sys.executable, "-S", "-m", "collector.entry", "serve"],
        cwd=ROOT, env=no_database_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the collector's packages are not installed (fastapi" in result.stderr
    assert "pip install '.[collector]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_systemd_analyze_verifies_the_collector_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    unit = tmp_path / "dvc-collector.service"
    unit.write_text(
        UNIT.read_text(encoding="utf-8").replace(INSTALLED, str(BIN / "dvc-collector")),
        encoding="utf-8",
    )
    result = subprocess.run(
        [analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "dvc-collector.service" not in result.stderr, result.stderr


def test_the_env_file_names_postgresql_explicitly() -> None:
    example = (LINUX / "collector.env.example").read_text(encoding="utf-8")
    assert unit_value("EnvironmentFile") == "/etc/dvc-collector/collector.env"
    lines = [line for line in example.splitlines() if line and not line.startswith("#")]
    assert lines == ["DATABASE_URL=postgresql+psycopg:///dvc_collector"]


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """PostgreSQL when the test run has one (scripts/test.sh, CI), else a SQLite file."""
    base = os.environ.get("DVC_TEST_POSTGRES_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'collector.db'}"
        return
    with postgres_database(base) as url:
        yield url


def test_the_units_command_line_serves_the_api(tmp_path: Path, database_url: str) -> None:
    """ExecStart as written (2 workers on 127.0.0.1) answers /api/v1/health with the database
    from the environment, as EnvironmentFile= gives it, and stops on SIGTERM."""
    argv = shlex.split(unit_value("ExecStart"))
    assert argv[0] == INSTALLED
    assert argv[argv.index("--host") + 1] == "127.0.0.1"  # nginx is the one door
    port = free_port()
    argv[0] = str(BIN / "dvc-collector")
    argv[argv.index("--port") + 1] = str(port)
    env = {**no_database_env(), "DATABASE_URL": database_url}
    env.update(dict([unit_value("Environment").split("=", 1)]))
    log = (tmp_path / "collector.log").open("wb")
    proc = subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as r:
                return bool(r.status == 200)
        except OSError:
            return proc.poll() is not None  # ends the wait; asserted below

    try:
        wait(healthy, 60, "the collector to answer its health check")
        assert proc.poll() is None, (tmp_path / "collector.log").read_text()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    assert proc.returncode == 0, (tmp_path / "collector.log").read_text()
    assert not (tmp_path / "dvc-collector.db").exists()


def install_block(doc: Path) -> str:
    """The ```sh block of a doc's section on the district collector."""
    text = doc.read_text(encoding="utf-8")
    heading = (
        "## The district collector on Debian 12"
        if doc.name == "README.md"
        else "## The district collector (the server)"
    )
    return text.split(heading, 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]


def test_the_guide_and_the_deploy_readme_give_the_same_commands() -> None:
    """docs/it-guide.md and deploy/README.md say it word for word, and the block names the
    files this checkout ships and the database the env file names."""
    readme = install_block(ROOT / "deploy" / "README.md")
    assert readme == install_block(ROOT / "docs" / "it-guide.md")
    for shipped in (
        "deploy/linux/collector.env.example",
        "deploy/linux/dvc-collector.service",
        "deploy/nginx/dvc-collector.conf",
    ):
        assert shipped in readme and (ROOT / shipped).is_file()
    example = (LINUX / "collector.env.example").read_text(encoding="utf-8")
    (env_url,) = [
        line.removeprefix("DATABASE_URL=") for line in example.splitlines() if line[:1] != "#"
    ]
    assert f"--database {env_url}" in readme
    assert (
        "/opt/dvc-collector/venv/bin/pip install -e '/opt/dvc-collector/src[collector]'" in readme
    )
    assert INSTALLED in readme and unit_value("ExecStart").startswith(INSTALLED)
    assert "user add canbo" in readme  # the first dashboard login
