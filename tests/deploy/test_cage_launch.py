"""deploy/linux under the real cage: it starts with the packages install.sh installs, and the
unit's command line ends with the KIOSK's exit status, so a crash is restarted and only the
deliberate exit (status 0) is not.

cage runs in wlroots' headless mode (no screen, no input devices) as an unprivileged account
(cage refuses root), with a small shell client standing in for the kiosk: the Qt program
itself cannot be run by `nobody` here (the interpreter lives under root's home). systemd is not
PID 1 on these machines, so the unit is checked with `systemd-analyze verify`, its ExecStart
command line is run as the unit would run it (its Environment= lines, a RuntimeDirectory), and
the restart decision is read from its Restart= and RestartPreventExitStatus= lines.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.kiosk_process import wait

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "deploy" / "linux"
UNIT = LINUX / "dvc-kiosk.service"
LAUNCHER = LINUX / "dvc-kiosk-launch"
INSTALLED_LAUNCHER = "/usr/local/libexec/dvc-kiosk-launch"
CAGE = shutil.which("cage")
NOBODY = 65534
TIMEOUT = 60  # a cage that never ends fails the test instead of hanging it

pytestmark = pytest.mark.skipif(
    CAGE is None or shutil.which("Xwayland") is None,
    reason="needs cage and xwayland (scripts/system_packages.sh test installs them)",
)


def unit_lines(key: str) -> list[str]:
    """The values of every `key=` line of dvc-kiosk.service."""
    return [
        line.split("=", 1)[1].strip()
        for line in UNIT.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"{key}=")
    ]


def unit_restarts(status: int) -> bool:
    """What systemd does when the unit's main process exits with `status` (Restart=always
    with RestartPreventExitStatus=): the unit's own lines decide."""
    assert unit_lines("Restart") == ["always"]
    prevented = {
        int(code) for line in unit_lines("RestartPreventExitStatus") for code in line.split()
    }
    return status not in prevented


@dataclass
class Scratch:
    """A folder `nobody` can read, with a runtime dir of its own (XDG_RUNTIME_DIR)."""

    path: Path
    runtime: Path

    def client(self, name: str, body: str) -> Path:
        """A small stand-in for the kiosk: it says it ran (and where), then does `body`."""
        script = self.path / name
        script.write_text(
            "#!/bin/sh\n"
            f'echo "$$ WAYLAND_DISPLAY=$WAYLAND_DISPLAY QT_QPA_PLATFORM=$QT_QPA_PLATFORM" '
            f"> {self.path}/{name}.ran\n{body}\n",
            encoding="utf-8",
        )
        script.chmod(0o755)
        return script

    def ran(self, name: str) -> str:
        marker = self.path / f"{name}.ran"
        return marker.read_text(encoding="utf-8") if marker.exists() else ""


@pytest.fixture
def scratch() -> Iterator[Scratch]:
    path = Path(tempfile.mkdtemp(prefix="dvc-cage-", dir="/tmp"))
    path.chmod(0o777)  # the clients, run as nobody, leave their markers here
    runtime = path / "runtime"
    runtime.mkdir(mode=0o700)
    if os.geteuid() == 0:
        os.chown(runtime, NOBODY, NOBODY)
    shutil.copy(LAUNCHER, path / "dvc-kiosk-launch")  # the checkout may be unreadable to nobody
    try:
        yield Scratch(path, runtime)
    finally:
        shutil.rmtree(path, ignore_errors=True)


def as_kiosk_account(argv: list[str]) -> list[str]:
    """cage refuses to run as root: an unprivileged account, as the unit's User=kiosk."""
    if os.geteuid() != 0:
        return argv
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *argv]


def headless_env(scratch: Scratch, **extra: str) -> dict[str, str]:
    """wlroots without a screen or input devices; the unit's own Environment= lines."""
    env = {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "XDG_RUNTIME_DIR": str(scratch.runtime),
        "WLR_BACKENDS": "headless",
        "WLR_LIBINPUT_NO_DEVICES": "1",
    }
    for line in unit_lines("Environment"):
        name, value = line.split("=", 1)
        env[name] = value
    env.update(extra)
    return env


def exec_start(scratch: Scratch) -> list[str]:
    """The unit's ExecStart command line, with the installed launcher's path pointing at this
    checkout's copy (install.sh installs that very file there)."""
    (line,) = unit_lines("ExecStart")
    argv = line.split()
    assert argv[0] == INSTALLED_LAUNCHER
    return [str(scratch.path / "dvc-kiosk-launch"), *argv[1:]]


def run_unit_command(
    scratch: Scratch, program: Path, stdin: int | None = subprocess.DEVNULL, **extra: str
) -> subprocess.Popen[str]:
    """Start the unit's command line as systemd would: RuntimeDirectory=dvc-kiosk gives the
    launcher $RUNTIME_DIRECTORY (here a folder of the scratch)."""
    (runtime_name,) = unit_lines("RuntimeDirectory")
    runtime_directory = scratch.runtime / runtime_name
    runtime_directory.mkdir(mode=0o700)
    if os.geteuid() == 0:
        os.chown(runtime_directory, NOBODY, NOBODY)
    env = headless_env(
        scratch, RUNTIME_DIRECTORY=str(runtime_directory), DVC_KIOSK_PROGRAM=str(program), **extra
    )
    return subprocess.Popen(
        as_kiosk_account(exec_start(scratch)),
        env=env,
        stdin=stdin,
        start_new_session=True,  # finish() can end the whole group
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(proc: subprocess.Popen[str], stdin: str | None = None) -> tuple[int, str]:
    """Its exit status and output; a run still going after TIMEOUT fails the test, and its
    whole process group (cage, the launcher, the client) is killed."""
    try:
        out, _ = proc.communicate(stdin, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=TIMEOUT)
        raise AssertionError(
            f"the launcher or cage did not end within {TIMEOUT} s:\n{out}"
        ) from None
    return proc.returncode, out


def test_install_sh_installs_xwayland_with_cage() -> None:
    """The package list of install.sh's cage mode: cage and the Xwayland it cannot start
    without, and the launcher installed where the unit runs it."""
    script = (LINUX / "install.sh").read_text(encoding="utf-8")
    match = re.search(r'if \[ "\$mode" = cage \]; then pkgs\+=\(([^)]*)\)', script)
    assert match, "install.sh no longer adds cage's packages the way this test reads them"
    assert set(match.group(1).split()) >= {"cage", "xwayland"}
    assert f'"$here/dvc-kiosk-launch" {INSTALLED_LAUNCHER}' in script


@pytest.mark.skipif(os.geteuid() != 0, reason="hiding Xwayland takes a mount namespace (root)")
def test_cage_without_xwayland_refuses_to_start(scratch: Scratch) -> None:
    """Why xwayland is in the list: Debian 12's cage with Xwayland hidden (a non-executable
    file bound over it, in a mount namespace of this test's own) exits 1 before starting the
    kiosk, even though the kiosk speaks Wayland. That was the black screen."""
    client = scratch.client("kiosk", "exit 0")
    hidden = scratch.path / "no-xwayland"
    hidden.write_text("", encoding="utf-8")
    xwayland = shutil.which("Xwayland")
    inner = " ".join(as_kiosk_account([str(CAGE), "-d", "--", str(client)]))
    proc = subprocess.Popen(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         f"mount --bind {hidden} {xwayland} && exec {inner}"],
        env=headless_env(scratch), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    status, out = finish(proc)
    assert status == 1, out
    assert "Cannot create XWayland server" in out
    assert scratch.ran("kiosk") == ""


def test_cage_with_the_installed_packages_runs_the_kiosk_as_a_wayland_client(
    scratch: Scratch,
) -> None:
    """cage + xwayland, as install.sh installs them, through the unit's command line: the
    kiosk runs inside cage with WAYLAND_DISPLAY and the unit's QT_QPA_PLATFORM=wayland."""
    client = scratch.client("kiosk", "exit 0")
    status, out = finish(run_unit_command(scratch, client))
    ran = scratch.ran("kiosk")
    assert "WAYLAND_DISPLAY=wayland-" in ran, out
    assert "QT_QPA_PLATFORM=wayland" in ran
    assert status == 0, out


def test_cage_alone_says_0_even_after_kill_9(scratch: Scratch) -> None:
    """The control for the next test: cage run directly, as the old unit did, exits 0 after
    its client was killed: systemd could not tell that crash from a deliberate exit."""
    client = scratch.client("kiosk", "exec sleep 60")
    proc = subprocess.Popen(
        as_kiosk_account([str(CAGE), "-d", "--", str(client)]),
        env=headless_env(scratch), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    wait(lambda: scratch.ran("kiosk"), TIMEOUT, "the client to start under cage")
    os.kill(int(scratch.ran("kiosk").split()[0]), signal.SIGKILL)
    status, out = finish(proc)
    assert status == 0, out


def test_kill_9_of_the_kiosk_is_a_restartable_failure(scratch: Scratch) -> None:
    """kill -9 of the kiosk under cage: the unit's command line ends with 128+9, and the
    unit's lines restart it."""
    client = scratch.client("kiosk", "exec sleep 60")
    proc = run_unit_command(scratch, client)
    wait(lambda: scratch.ran("kiosk"), TIMEOUT, "the kiosk to start under cage")
    os.kill(int(scratch.ran("kiosk").split()[0]), signal.SIGKILL)
    status, out = finish(proc)
    assert status == 128 + signal.SIGKILL, out
    assert "exit status 137" in out and "restarted" in out
    assert unit_restarts(status)


def test_a_crash_exit_is_restarted(scratch: Scratch) -> None:
    client = scratch.client("kiosk", "exit 1")
    status, out = finish(run_unit_command(scratch, client))
    assert status == 1, out
    assert unit_restarts(status)


def test_the_deliberate_exit_is_not_restarted(scratch: Scratch) -> None:
    """Exit status 0 (a volunteer left kiosk mode with the PIN; "Thoát" on the IT page) is
    passed through, and it is the one the unit does not restart."""
    client = scratch.client("kiosk", "exit 0")
    status, out = finish(run_unit_command(scratch, client))
    assert scratch.ran("kiosk"), out
    assert status == 0, out
    assert "exit status 0 (left kiosk mode with the PIN, or stopped): not restarted" in out
    assert not unit_restarts(status)


def test_cage_that_cannot_start_is_restarted(scratch: Scratch) -> None:
    """No exit status from the kiosk (cage failed, or the inner launcher was killed): a
    failure, never the deliberate 0."""
    client = scratch.client("kiosk", "exit 0")
    fake_cage = scratch.path / "cage-that-fails"
    fake_cage.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # cage's 0, client never run
    fake_cage.chmod(0o755)
    status, out = finish(run_unit_command(scratch, client, DVC_KIOSK_CAGE=str(fake_cage)))
    assert scratch.ran("kiosk") == ""
    assert status == 1, out
    assert "left no exit status" in out
    assert unit_restarts(status)


def test_a_stop_reaches_the_kiosk_which_ends_in_order(scratch: Scratch) -> None:
    """SIGTERM to the unit's main process alone (KillMode=mixed): the launcher hands it to the
    kiosk (here a client that stops in order on SIGTERM, as the kiosk does), cage ends with
    it, and the unit's command line ends with the kiosk's 0; cage never got the signal."""
    assert unit_lines("KillMode") == ["mixed"]
    client = scratch.client(
        "kiosk",
        f"trap 'echo stopped-in-order > {scratch.path}/kiosk.stopped; exit 0' TERM\n"
        "while :; do sleep 0.1; done",
    )
    proc = run_unit_command(scratch, client)
    wait(lambda: scratch.ran("kiosk"), TIMEOUT, "the kiosk to start under cage")
    time.sleep(0.5)  # the launcher is waiting for cage by now
    proc.send_signal(signal.SIGTERM)
    status, out = finish(proc)
    stopped = scratch.path / "kiosk.stopped"
    assert stopped.exists(), f"the kiosk never saw the stop:\n{out}"
    assert status == 0, out
    assert "Assertion" not in out  # cage 0.1.4 aborts when it is sent SIGTERM itself


def test_the_kiosk_keeps_the_units_stdin(scratch: Scratch) -> None:
    """The unit gives the launcher the tty (StandardInput=tty-fail); cage and the kiosk, run
    in the background by the launcher, keep it rather than /dev/null."""
    client = scratch.client("kiosk", f'read line; echo "$line" > {scratch.path}/kiosk.stdin')
    proc = run_unit_command(scratch, client, stdin=subprocess.PIPE)
    status, out = finish(proc, stdin="from-the-unit\n")
    assert (scratch.path / "kiosk.stdin").read_text(encoding="utf-8") == "from-the-unit\n", out
    assert status == 0, out


def test_systemd_analyze_verifies_the_unit(tmp_path: Path) -> None:
    """`systemd-analyze verify` on the unit as installed (the launcher at its installed path,
    here this checkout's copy) finds nothing wrong."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    unit = tmp_path / "dvc-kiosk.service"
    unit.write_text(
        UNIT.read_text(encoding="utf-8").replace(INSTALLED_LAUNCHER, str(LAUNCHER)),
        encoding="utf-8",
    )
    result = subprocess.run(
        [analyze, "verify", str(unit)], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "dvc-kiosk.service" not in result.stderr, result.stderr  # no warning about it
