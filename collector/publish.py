"""What `dvc-collector catalog publish` may sign: the catalog's own files, checked as a kiosk would.

A release is served to every kiosk token, so whatever is signed is as good as public. Only the
files the kiosk's loader reads are taken (kiosk.catalog.loader: catalog.toml, shared/*.toml,
procedures/*.toml); anything else in the folder (a keys/ folder left by `catalog keygen`, notes,
exports) is left out and named on stderr. Each file taken must be a regular file reached without
a symlink, must not look like key material, and the whole set must fit the limits every kiosk
applies (kiosk.sync.manifest), so a release that every kiosk refuses is never signed and so can
never become the newest (issue #21 item 5).

Pictures are not part of a release: a synced catalog is shown with the pictures bundled with the
kiosk (kiosk.sync.release_choice passes the bundled images folder), and the manifest's names
cannot leave the catalog folder.
"""

from __future__ import annotations

import base64
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from kiosk.catalog.loader import INDEX_FILE, PROCEDURES_DIR, SHARED_DIR
from kiosk.sync.manifest import (
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_FILES,
    FILE_NAME_PATTERN,
    MAX_CATALOG_BYTES,
)

# What a private key looks like on disk: every PEM private key ("-----BEGIN PRIVATE KEY-----",
# the form `catalog keygen` writes, and the RSA/EC/OPENSSH/ENCRYPTED variants), PuTTY's format.
KEY_MARKERS = (b"PRIVATE KEY-----", b"PuTTY-User-Key-File")
KEYGEN_FILE_NAMES = frozenset({"catalog-signing-key.pem"})


class PublishRefusedError(Exception):
    """The folder cannot be signed as it is; the message is one sentence for the operator."""


def _open_regular(path: Path, name: str, limit: int) -> bytes:
    """The bytes of a regular file, never through a symlink, at most `limit` bytes."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        if path.is_symlink():
            raise PublishRefusedError(
                f"{name} là liên kết tượng trưng (symlink): không ký"
            ) from None
        raise PublishRefusedError(f"Không đọc được {name}: {exc.strerror or exc}") from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise PublishRefusedError(f"{name} không phải tệp thường: không ký")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise PublishRefusedError(
            f"{name} lớn hơn {limit // (1024 * 1024)} MiB: mọi máy kiosk sẽ từ chối bản phát hành"
        )
    return data


def _plain_dir(path: Path, name: str) -> bool:
    """True for a real folder; False when absent; refused when a symlink or something else."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        raise PublishRefusedError(f"{name}/ là liên kết tượng trưng (symlink): không ký")
    if not stat.S_ISDIR(mode):
        raise PublishRefusedError(f"{name} không phải thư mục")
    return True


def _catalog_names(root: Path) -> list[str]:
    names = [INDEX_FILE]
    for folder in (SHARED_DIR, PROCEDURES_DIR):
        if _plain_dir(root / folder, folder):
            names.extend(
                f"{folder}/{entry.name}"
                for entry in sorted(os.scandir(root / folder), key=lambda e: e.name)
                if entry.name.endswith(".toml") and not entry.name.startswith(".")
            )
    return names


def _looks_like_key(data: bytes, secrets: Iterable[bytes]) -> bool:
    return any(marker in data for marker in KEY_MARKERS) or any(s in data for s in secrets)


def left_out(root: Path, taken: Iterable[str]) -> list[str]:
    """Every file under root that is not in the release (for the operator to see)."""
    chosen = set(taken)
    others: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for file_name in sorted(files):
            relative = (Path(folder) / file_name).relative_to(root).as_posix()
            if relative not in chosen:
                others.append(relative)
    return others


def catalog_contents(root: Path, secrets: Iterable[bytes] = ()) -> dict[str, bytes]:
    """The release's files (manifest name → bytes), or PublishRefusedError with the first reason.

    `secrets` are byte strings that must appear in no file (the signing key's own encodings)."""
    secret_list = [s for s in secrets if s]
    if os.path.lexists(root / INDEX_FILE) and (root / INDEX_FILE).is_symlink():
        raise PublishRefusedError(f"{INDEX_FILE} là liên kết tượng trưng (symlink): không ký")
    names = _catalog_names(root)
    if len(names) > DEFAULT_MAX_FILES:
        raise PublishRefusedError(
            f"Danh mục có {len(names)} tệp, quá {DEFAULT_MAX_FILES} tệp mà máy kiosk nhận: không ký"
        )
    contents: dict[str, bytes] = {}
    total = 0
    for name in names:
        if not FILE_NAME_PATTERN.match(name):
            raise PublishRefusedError(
                f"{name}: tên tệp chỉ được có chữ, số, '.', '-', '_' (máy kiosk từ chối): không ký"
            )
        if name.split("/")[-1] in KEYGEN_FILE_NAMES:
            raise PublishRefusedError(f"{name} là khóa bí mật: không ký")
        data = _open_regular(root.joinpath(*name.split("/")), name, DEFAULT_MAX_FILE_BYTES)
        if _looks_like_key(data, secret_list):
            raise PublishRefusedError(f"{name} chứa thứ trông như khóa bí mật: không ký")
        total += len(data)
        if total > MAX_CATALOG_BYTES:
            raise PublishRefusedError(
                f"Danh mục lớn hơn {MAX_CATALOG_BYTES // (1024 * 1024)} MiB mà máy kiosk nhận: "
                "không ký"
            )
        contents[name] = data
    return contents


def key_encodings(raw_private: bytes, pem: bytes) -> list[bytes]:
    """The spellings of one private key that a careless copy could put into a catalog file."""
    body = b"".join(line for line in pem.splitlines() if line and not line.startswith(b"-----"))
    return [
        raw_private,
        base64.b64encode(raw_private),
        raw_private.hex().encode(),
        body,
    ]


def inside_catalog(path: Path) -> Path | None:
    """The catalog folder that `path` (existing or not) lies in or is, if any."""
    here = path.absolute()
    for candidate in (here, *here.parents):
        if (candidate / INDEX_FILE).exists():
            return candidate
    return None
