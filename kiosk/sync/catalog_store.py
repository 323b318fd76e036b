"""Downloaded catalogs on disk: each release in its own folder, one pointer to the good one.

A release is written into a fresh versioned folder (files fsynced, then the folders), and only
then is the small `current` pointer switched with os.replace plus a directory fsync
(docs/reliability.md G4): a crash or power cut leaves either the old pointer or the new one, and
both name a complete folder. The signed manifest is stored next to the files, so every load
re-checks the signature against the pinned key and every file's hash: a folder damaged on disk
(or edited by hand) is skipped for the previous good one, never shown to residents.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.sync.manifest import (
    FILE_NAME_PATTERN,
    Manifest,
    ManifestError,
    SignedManifest,
    verify_file,
    verify_manifest,
)

log = logging.getLogger(__name__)

POINTER_NAME = "current"
MANIFEST_NAME = "manifest.json"
FILES_DIR = "catalog"
KEEP_RELEASES = 2  # the current one and the last good one before it
_FOLDER = re.compile(r"^v(\d{10})-[0-9a-f]{8}$")
# Windows: antivirus or the indexer may hold the pointer open for a moment (bpo-46003).
REPLACE_ATTEMPTS = 20
REPLACE_PAUSE_S = 0.1


@dataclass(frozen=True)
class StoredCatalog:
    """A stored release that passed the signature and hash checks just now."""

    version: int
    folder: Path
    manifest: Manifest

    @property
    def root(self) -> Path:
        """The folder to hand to kiosk.catalog.loader.load_catalog."""
        return self.folder / FILES_DIR


class CatalogStore:
    """The releases under one folder (the kiosk's data dir / 'catalog')."""

    def __init__(self, root: Path) -> None:
        self.root = root

    # -- writing ------------------------------------------------------------------------------

    def install(self, signed: SignedManifest, manifest: Manifest, files: dict[str, bytes]) -> Path:
        """Write a verified release durably and make it current; returns its folder.

        The caller has verified `signed` and every file; this re-checks the files anyway,
        because what is written must be exactly what was signed.
        """
        if set(files) != set(manifest.files):
            raise ManifestError("file-mismatch", detail="files differ from the manifest")
        for name, data in files.items():
            verify_file(manifest, name, data)
        self.root.mkdir(parents=True, exist_ok=True)
        folder = self.root / f"v{manifest.version:010d}-{secrets.token_hex(4)}"
        staging = self.root / f".staging-{folder.name}"
        try:
            self._write_release(staging, signed, files)
            os.replace(staging, folder)
            _fsync_dir(self.root)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._switch_pointer(folder.name)
        self._prune(keep=folder.name)
        return folder

    def _write_release(
        self, staging: Path, signed: SignedManifest, files: dict[str, bytes]
    ) -> None:
        base = staging / FILES_DIR
        base.mkdir(parents=True)
        folders = {staging, base}
        for name, data in sorted(files.items()):
            if not FILE_NAME_PATTERN.match(name):  # verify_manifest has refused these already
                raise ManifestError("bad-file-name", detail=name[:120])
            target = base.joinpath(*name.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.update(p for p in target.parents if p.is_relative_to(staging))
            _write_synced(target, data)
        envelope = json.dumps(signed.to_json(), ensure_ascii=False, sort_keys=True).encode()
        _write_synced(staging / MANIFEST_NAME, envelope)
        # Deepest first, so a folder's entries are durable before its parent names it.
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            _fsync_dir(folder)

    def _switch_pointer(self, folder_name: str) -> None:
        temp = self.root / f".{POINTER_NAME}.{secrets.token_hex(4)}"
        _write_synced(temp, (folder_name + "\n").encode("ascii"))
        try:
            _replace_with_retry(temp, self.root / POINTER_NAME)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_dir(self.root)

    def _prune(self, keep: str) -> None:
        """Drop all but the newest KEEP_RELEASES releases (never `keep`), and stale staging."""
        releases = sorted(self._release_folders(), key=lambda p: p.name, reverse=True)
        survivors = {keep} | {p.name for p in releases[:KEEP_RELEASES]}
        for folder in releases:
            if folder.name not in survivors:
                shutil.rmtree(folder, ignore_errors=True)
        for leftover in self.root.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in self.root.glob(f".{POINTER_NAME}.*"):
            leftover.unlink(missing_ok=True)

    # -- reading ------------------------------------------------------------------------------

    def pointer(self) -> str | None:
        """The folder name the pointer names, or None."""
        try:
            text = (self.root / POINTER_NAME).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return text if _FOLDER.match(text) else None

    def pointer_version(self) -> int:
        """The version of the release the pointer names (0 without one)."""
        named = self.pointer()
        match = _FOLDER.match(named) if named else None
        return int(match.group(1)) if match else 0

    def _release_folders(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return [p for p in self.root.iterdir() if p.is_dir() and _FOLDER.match(p.name)]

    def load_verified(self, public_key_b64: str) -> StoredCatalog | None:
        """The current release if it still verifies, else the newest older one that does."""
        candidates: list[Path] = []
        named = self.pointer()
        if named is not None:
            candidates.append(self.root / named)
        for folder in sorted(self._release_folders(), key=lambda p: p.name, reverse=True):
            if folder not in candidates:
                candidates.append(folder)
        for folder in candidates:
            try:
                return self._verify_folder(folder, public_key_b64)
            except (ManifestError, OSError, ValueError) as exc:
                log.warning("stored catalog %s refused: %s", folder.name, exc)
        return None

    def _verify_folder(self, folder: Path, public_key_b64: str) -> StoredCatalog:
        raw = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        signed = SignedManifest.from_json(raw)
        version = signed.manifest.get("version")
        issued = signed.manifest.get("issued_at")
        if not isinstance(version, int) or not isinstance(issued, str):
            raise ManifestError("malformed", detail="stored manifest")
        # Expiry guards the update channel against a freeze; a release that was current when
        # it was installed stays usable offline, so it is checked "as of" its own issue time.
        as_of = datetime.fromisoformat(issued)
        manifest = verify_manifest(
            signed,
            public_key_b64,
            current_version=version - 1,
            now=as_of,
            future_tolerance=timedelta(0),
        )
        match = _FOLDER.match(folder.name)
        if match is None or int(match.group(1)) != manifest.version:
            raise ManifestError("malformed", detail="folder and manifest versions differ")
        base = folder / FILES_DIR
        on_disk = {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()}
        if on_disk != set(manifest.files):
            raise ManifestError("file-mismatch", detail="stored files differ from the manifest")
        for name in manifest.files:
            verify_file(manifest, name, base.joinpath(*name.split("/")).read_bytes())
        return StoredCatalog(manifest.version, folder, manifest)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make a folder's entries durable (POSIX); Windows has no directory fsync."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_with_retry(source: Path, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)
