"""Real disk faults for tests: a full disk and a read-only folder that fail even for root.

The tests run as root here, and `chmod` does not stop root. A tiny tmpfs does: writes past
its size fail with ENOSPC, and a tmpfs mounted (or remounted) read-only fails with EROFS, for
root too. Mounting needs CAP_SYS_ADMIN; where the tests cannot mount (an unprivileged CI
runner), the tests that need it are skipped with that reason, never passed silently.

`blocked_folder` needs no privilege at all: a regular file where a folder should be makes
every mkdir and every file creation under that path fail (ENOTDIR / EEXIST), for root too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *argv], capture_output=True, text=True, check=False)


def can_mount() -> bool:
    """Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, `mount` installed)."""
    return os.name == "posix" and shutil.which("mount") is not None and os.geteuid() == 0


@contextmanager
def small_tmpfs(folder: Path, size_kb: int = 64, *, read_only: bool = False) -> Iterator[Path]:
    """`folder` as a fresh tmpfs of `size_kb` KB (read-only if asked), unmounted afterwards."""
    if not can_mount():
        pytest.skip("needs root to mount a small tmpfs (a real full or read-only disk)")
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kb}k,mode=0700" + (",ro" if read_only else "")
    done = _mount("-t", "tmpfs", "-o", options, "tmpfs", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def remount(folder: Path, *, read_only: bool) -> None:
    """Switch a `small_tmpfs` between read-only and writable (files stay)."""
    mode = "ro" if read_only else "rw"
    done = _mount("-o", f"remount,{mode}", str(folder))
    assert done.returncode == 0, done.stderr


def fill(folder: Path) -> None:
    """Write to `folder` until its disk is full (ENOSPC), leaving it full."""
    chunk = b"\0" * 4096
    try:
        with (folder / ".filler").open("wb") as handle:
            while True:
                handle.write(chunk)
                handle.flush()
    except OSError:
        pass  # ENOSPC: full (closing the file may raise it again)
    # The last partial block may still fit a tiny file: fill by name until even that fails.
    for index in range(10_000):
        try:
            (folder / f".filler-{index}").write_bytes(b"\0" * 64)
        except OSError:
            return


@contextmanager
def blocked_folder(path: Path) -> Iterator[Path]:
    """A regular file at `path`, so nothing can be created in "the folder" (root included)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a folder\n")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


@contextmanager
def undeletable(path: Path) -> Iterator[Path]:
    """`path` cannot be deleted while inside, for root too: the immutable flag (chattr +i,
    CAP_LINUX_IMMUTABLE) as root, a read-only parent folder for anyone else. Skipped where
    neither works, never passed silently."""
    if os.geteuid() != 0:
        path.parent.chmod(0o500)
        try:
            yield path
        finally:
            path.parent.chmod(0o700)
        return
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot make an undeletable file here: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
