"""Files only the kiosk account may read: 0600 files in 0700 folders, written atomically.

What the kiosk keeps on disk is small but not for everyone on the PC: the journal (which
procedures residents asked about, and when), the PIN's pepper and lockout state, the config
with its sync token, the log. On POSIX every such file is created owner-only and every folder
owner-only, whatever the umask the kiosk was started with; `tighten` fixes files an older
version left 0644 (issue #13 item 12). Windows has no mode bits: there the kiosk's data lives
in the kiosk account's own profile folder, whose inherited ACL lets only that account,
SYSTEM and administrators in (deploy/README.md, "Who can read what").

Writes that replace a file (pointer, lockout state, export) go through `write_atomically`:
a temporary file in the same folder, fsynced, then os.replace and a folder fsync, so a crash
or a full disk leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.paths import AppDirs

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
# Group and others lose every bit; the owner keeps what it had.
_NOT_OWNER = stat.S_IRWXG | stat.S_IRWXO
POSIX = os.name == "posix"


def restrict_umask() -> None:
    """Make every file this process creates owner-only (SQLite's, logging's, Qt's too)."""
    if POSIX:
        os.umask(0o077)


def make_private_dir(folder: Path) -> None:
    """Create `folder` (and missing parents) 0700; an existing one keeps its mode."""
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)


def create_private_file(path: Path) -> None:
    """Create `path` empty and 0600 if it does not exist yet (SQLite then copies that mode to
    its -wal and -shm files); an existing file is left alone."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` durably and owner-only; raises OSError and leaves the old
    file untouched when the disk is full, read-only or refuses permission."""
    # Not at the top: `secrets` loads hashlib and OpenSSL (~4 MB), and this module is imported
    # before the home screen is painted; writes happen only after it.
    import secrets

    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries durable (POSIX); Windows has no directory fsync."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def tighten(folders: Iterable[Path]) -> list[str]:
    """Remove group and other access from `folders`, everything in them, recursively.

    Returns one line per path that is still readable by others and could not be fixed (not
    ours, or a read-only disk): the caller logs them and shows them to IT. Symlinks are not
    followed, so a link planted in the data folder cannot make the kiosk chmod elsewhere.
    """
    if not POSIX:
        return []
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            continue
        _tighten_one(folder, problems)
        for root, dirs, names in os.walk(folder):
            base = Path(root)
            for name in dirs + names:
                _tighten_one(base / name, problems)
    return problems


def tighten_paths(paths: Iterable[Path]) -> list[str]:
    """`tighten` for single files (those that exist; symlinks are left alone)."""
    if not POSIX:
        return []
    problems: list[str] = []
    for path in paths:
        _tighten_one(path, problems)
    return problems


def tighten_config(path: Path | None) -> list[str]:
    """Make the config owner-only when it is ours; report it when others can read it.

    `provision` writes the machine's config owned by root, group kiosk, 0640: the kiosk reads
    it through its group and cannot (and need not) change it. Only "others" matter there.
    """
    if not POSIX or path is None or path.is_symlink() or not path.is_file():
        return []
    problems: list[str] = []
    info = path.stat()
    if info.st_uid == os.geteuid():
        _tighten_one(path, problems)
    elif info.st_mode & stat.S_IRWXO:
        problems.append(f"{path}: readable by every account on this PC (chmod o-rwx {path})")
    return problems


def _tighten_one(path: Path, problems: list[str]) -> None:
    try:
        info = path.lstat()
    except OSError:
        return  # gone meanwhile
    if stat.S_ISLNK(info.st_mode) or not info.st_mode & _NOT_OWNER:
        return
    try:
        os.chmod(path, stat.S_IMODE(info.st_mode) & ~_NOT_OWNER)
    except OSError as exc:
        problems.append(f"{path}: readable by other accounts, cannot be fixed ({exc.strerror})")


def kiosk_folders(dirs: AppDirs) -> list[Path]:
    """The folders the kiosk writes: config (its own), data, cache, logs."""
    return [dirs.config, dirs.data, dirs.cache, dirs.logs]


def ensure_folders(dirs: AppDirs) -> list[str]:
    """Create the kiosk's folders 0700; one line per folder that cannot be made (read-only or
    full disk, no permission) — never an exception, so the kiosk still starts and says so."""
    problems: list[str] = []
    for folder in kiosk_folders(dirs):
        try:
            make_private_dir(folder)
        except OSError as exc:
            problems.append(f"{folder}: cannot be created ({exc.strerror or exc})")
    return problems


def secure_kiosk_files(dirs: AppDirs, config: Path | None) -> list[str]:
    """Tighten everything the kiosk keeps (on every start); what could not be fixed."""
    return tighten(kiosk_folders(dirs)) + tighten_config(config)


def exposed_files(dirs: AppDirs, config: Path | None, limit: int = 20) -> list[str]:
    """Paths other accounts can read (for `dvc-kiosk status`, which changes nothing)."""
    if not POSIX:
        return []
    found: list[str] = []
    for folder in kiosk_folders(dirs):
        if not folder.is_dir():
            continue
        for root, dirs_, names in os.walk(folder):
            for path in [Path(root)] + [Path(root) / n for n in dirs_ + names]:
                if _readable_by_others(path):
                    found.append(str(path))
    if config is not None and config.is_file():
        info = config.stat()
        if info.st_mode & stat.S_IRWXO or (
            info.st_uid == os.geteuid() and info.st_mode & stat.S_IRWXG
        ):
            found.append(str(config))
    return sorted(set(found))[:limit]


def _readable_by_others(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    return not stat.S_ISLNK(info.st_mode) and bool(info.st_mode & _NOT_OWNER)
