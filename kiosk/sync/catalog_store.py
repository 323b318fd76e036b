"""Downloaded catalogs on disk: each release in its own folder, one pointer to the good one.

A release is written into a fresh versioned folder (files fsynced, then the folders), and only
then is the small `current` pointer switched with os.replace plus a directory fsync
(docs/reliability.md G4): a crash or power cut leaves either the old pointer or the new one, and
both name a complete folder. The signed manifest is stored next to the files, so every load
re-checks the signature against the pinned key and every file's hash: a folder damaged on disk
(or edited by hand) is skipped for the previous good one, never shown to residents.

A release can verify and still be unusable (its catalog.toml does not load, or no procedure
does). kiosk.sync.release_choice decides that; the store only remembers it: an `unusable.json`
note inside that release's folder, and a second pointer, `last-good`, naming the newest
release that loaded. Pruning never removes the last good release, so the kiosk falls back to
it rather than to the bundled catalog (issue #13 item 9).

Every write is owner-only (kiosk.private_files). A disk that is full, read-only or refuses
permission makes `install` raise CatalogStoreError — a refusal with a stable code that the
sync round reports like any other, with the pointer still on the last good release — never
an OSError that ends the sync thread or the `dvc-kiosk sync` command (issue #13 item 14).
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

from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.private_files import (
    DIR_MODE,
    FILE_MODE,
    fsync_dir,
    make_private_dir,
    write_atomically,
)
from kiosk.sync.manifest import (
    FILE_NAME_PATTERN,
    Manifest,
    ManifestError,
    SignedManifest,
    format_time,
    verify_file,
    verify_manifest,
)

log = logging.getLogger(__name__)

POINTER_NAME = "current"
LAST_GOOD_NAME = "last-good"
UNUSABLE_NAME = "unusable.json"
MANIFEST_NAME = "manifest.json"
FILES_DIR = "catalog"
KEEP_RELEASES = 2  # the current one and the one before it (plus the last good one, always)
DISK_FAILURE = "disk-write-failed"
MAX_NOTE_BYTES = 8192
_FOLDER = re.compile(r"^v(\d{10})-[0-9a-f]{8}$")
# Windows: antivirus or the indexer may hold the pointer open for a moment (bpo-46003).
REPLACE_ATTEMPTS = 20
REPLACE_PAUSE_S = 0.1


class CatalogStoreError(ManifestError):
    """The disk refused a write (full, read-only, permission); nothing changed on it."""

    def __init__(self, exc: OSError) -> None:
        super().__init__(DISK_FAILURE, detail=f"{exc.strerror or type(exc).__name__}")


@dataclass(frozen=True)
class UnusableNote:
    """Why a verified release could not be used, as kiosk.sync.release_choice found it."""

    reason: str  # a release_choice.FailureReason value
    detail: str  # `file: field: message` from the catalog loader, for IT
    noted_at: datetime


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

    def __init__(self, root: Path, clock: Clock = SYSTEM_CLOCK) -> None:
        self.root = root
        self._clock = clock

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
        folder = self.root / f"v{manifest.version:010d}-{secrets.token_hex(4)}"
        staging = self.root / f".staging-{folder.name}"
        try:
            make_private_dir(self.root)
            self._write_release(staging, signed, files)
            os.replace(staging, folder)
            fsync_dir(self.root)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)
            log.error("catalog release %d not stored: %s", manifest.version, exc)
            raise CatalogStoreError(exc) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            self._switch_pointer(POINTER_NAME, folder.name)
        except OSError as exc:
            # The old pointer still names the last good release: the new folder is not used.
            shutil.rmtree(folder, ignore_errors=True)
            log.error("catalog release %d not made current: %s", manifest.version, exc)
            raise CatalogStoreError(exc) from None
        self._prune(keep=folder.name)
        return folder

    def _write_release(
        self, staging: Path, signed: SignedManifest, files: dict[str, bytes]
    ) -> None:
        base = staging / FILES_DIR
        staging.mkdir(mode=DIR_MODE)
        base.mkdir(mode=DIR_MODE)
        folders = {staging, base}
        for name, data in sorted(files.items()):
            if not FILE_NAME_PATTERN.match(name):  # verify_manifest has refused these already
                raise ManifestError("bad-file-name", detail=name[:120])
            target = base.joinpath(*name.split("/"))
            made = [p for p in target.parents if p.is_relative_to(base) and p != base]
            for folder in reversed(made):  # one by one: mkdir(parents=True) ignores the mode
                folder.mkdir(mode=DIR_MODE, exist_ok=True)
            folders.update(made)
            _write_synced(target, data)
        envelope = json.dumps(signed.to_json(), ensure_ascii=False, sort_keys=True).encode()
        _write_synced(staging / MANIFEST_NAME, envelope)
        # Deepest first, so a folder's entries are durable before its parent names it.
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            fsync_dir(folder)

    def _switch_pointer(self, pointer: str, folder_name: str) -> None:
        temp = self.root / f".{pointer}.{secrets.token_hex(4)}"
        _write_synced(temp, (folder_name + "\n").encode("ascii"))
        try:
            _replace_with_retry(temp, self.root / pointer)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        fsync_dir(self.root)

    def _prune(self, keep: str) -> None:
        """Drop all but the newest KEEP_RELEASES releases (never `keep`, never the last good
        one), and stale staging. A folder that cannot be removed stays: it costs disk only."""
        releases = sorted(self._release_folders(), key=lambda p: p.name, reverse=True)
        survivors = {keep} | {p.name for p in releases[:KEEP_RELEASES]}
        last_good = self._read_pointer(LAST_GOOD_NAME)
        if last_good is not None:
            survivors.add(last_good)
        for folder in releases:
            if folder.name not in survivors:
                shutil.rmtree(folder, ignore_errors=True)
        for leftover in self.root.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for name in (POINTER_NAME, LAST_GOOD_NAME):
            for leftover in self.root.glob(f".{name}.*"):
                leftover.unlink(missing_ok=True)

    # -- what release_choice found ------------------------------------------------------------

    def note_unusable(self, folder: Path, reason: str, detail: str) -> None:
        """Remember that a verified release does not load, so it is not tried at every start.

        A disk that refuses the note only costs the next start a second try: logged, not
        raised.
        """
        note = {"reason": reason, "detail": detail[:2000], "noted_at": format_time(self._now())}
        try:
            write_atomically(folder / UNUSABLE_NAME, json.dumps(note, ensure_ascii=False).encode())
        except OSError as exc:
            log.warning("cannot note release %s as unusable: %s", folder.name, exc)

    def unusable(self, folder: Path) -> UnusableNote | None:
        """The note `note_unusable` left in `folder`, or None."""
        try:
            with (folder / UNUSABLE_NAME).open("rb") as handle:
                raw = json.loads(handle.read(MAX_NOTE_BYTES))
            return UnusableNote(
                str(raw["reason"]), str(raw["detail"]), datetime.fromisoformat(raw["noted_at"])
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return UnusableNote("unreadable-note", "the note itself cannot be read", self._now())

    def note_good(self, folder: Path) -> None:
        """Remember `folder` as the newest release that loaded (pruning keeps it)."""
        if self._read_pointer(LAST_GOOD_NAME) == folder.name:
            return
        try:
            self._switch_pointer(LAST_GOOD_NAME, folder.name)
        except OSError as exc:
            log.warning("cannot note release %s as the last good one: %s", folder.name, exc)

    def last_good(self) -> str | None:
        """The folder name of the newest release that loaded, or None."""
        return self._read_pointer(LAST_GOOD_NAME)

    def _now(self) -> datetime:
        return self._clock.now()

    # -- reading ------------------------------------------------------------------------------

    def pointer(self) -> str | None:
        """The folder name the pointer names, or None."""
        return self._read_pointer(POINTER_NAME)

    def _read_pointer(self, pointer: str) -> str | None:
        try:
            text = (self.root / pointer).read_text(encoding="ascii").strip()
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

    def releases_newest_first(self) -> list[Path]:
        """Every stored release folder, the highest version first."""
        return sorted(self._release_folders(), key=lambda p: p.name, reverse=True)

    def verify(self, folder: Path, public_key_b64: str) -> StoredCatalog:
        """Re-check one stored release (signature, version, files); ManifestError or OSError
        when it does not verify."""
        return self._verify_folder(folder, public_key_b64)

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
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _replace_with_retry(source: Path, target: Path) -> None:
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S)
