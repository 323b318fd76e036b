"""Which catalog the kiosk shows: the newest downloaded release that really loads, and why.

A release can pass every signature and hash check and still be unusable: its catalog.toml
does not load, or not one procedure in it does (a district editing mistake, signed all the
same). Before issue #13 such a release left the kiosk on the catalog bundled with the program
— version 1, possibly years old — at every start. Now the kiosk walks its stored releases
from the newest down and takes the first that verifies AND loads with procedures; each newer
one that failed is named, with the loader's `file: field: message`, so the volunteer panel
and `dvc-kiosk status` can say "Đang dùng nội dung bản 7 (bản 8 tải về bị lỗi: …)".

Only when no downloaded release newer than the bundled catalog loads does the bundled one
serve. A release found unusable is noted in its folder (kiosk.sync.catalog_store), so later
starts do not load it again, and pruning keeps the last good one on disk. Rollback protection
is untouched: the district fixes a broken release by publishing a higher version.

Qt-free: the sync bridge calls it on the sync thread, `status` and `sync` from the command line.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.catalog.loader import CatalogError, load_catalog
from kiosk.catalog.model import Catalog
from kiosk.sync.catalog_store import CatalogStore, StoredCatalog
from kiosk.sync.manifest import ManifestError

log = logging.getLogger(__name__)

MAX_DETAIL = 300  # one readable line on the panel; the log has it all


class FailureReason(enum.StrEnum):
    """Why a downloaded release is not the one in use."""

    CATALOG_UNUSABLE = "catalog-unusable"  # verified, but its catalog.toml does not load
    NO_PROCEDURES = "no-procedures"  # loads, but not one procedure file does
    DAMAGED = "damaged"  # its files on this disk no longer match the signed manifest


class Source(enum.StrEnum):
    """Where the catalog in use comes from."""

    DOWNLOADED = "downloaded"
    BUNDLED = "bundled"


@dataclass(frozen=True)
class FailedRelease:
    """A downloaded release newer than the one in use that could not be used."""

    version: int
    reason: FailureReason
    detail: str  # `file: field: message` for IT (never resident data: the catalog has none)


@dataclass(frozen=True)
class ReleaseInUse:
    """The decision: which release serves residents, and which newer ones failed."""

    version: int  # the release number (for the bundled catalog: its catalog.toml version)
    source: Source
    catalog: Catalog | None  # the loaded downloaded catalog; None when the bundled one serves
    stored: StoredCatalog | None
    failed: tuple[FailedRelease, ...] = ()  # newest first

    def summary(self) -> str:
        """One English line for IT (`dvc-kiosk status`, the log)."""
        where = "downloaded" if self.source is Source.DOWNLOADED else "bundled"
        text = f"using {where} catalog release {self.version}"
        if self.failed:
            text += (
                " ("
                + "; ".join(
                    f"release {f.version} {f.reason.value}: {f.detail}" for f in self.failed
                )
                + ")"
            )
        return text

    def to_json(self) -> dict[str, object]:
        """The form `dvc-kiosk status` prints."""
        return {
            "in_use": self.version,
            "source": self.source.value,
            "failed": [
                {"version": f.version, "reason": f.reason.value, "detail": f.detail}
                for f in self.failed
            ],
            "summary": self.summary(),
        }


Loader = Callable[[Path], Catalog]


def choose_release(
    store: CatalogStore,
    public_key_b64: str,
    bundled_version: int,
    *,
    images_dir: Path,
    load: Loader | None = None,
    record: bool = True,
) -> ReleaseInUse:
    """Walk the stored releases newest first; the first that verifies and loads is in use.

    `record=False` changes nothing on disk (for `dvc-kiosk status`, which only looks).
    """
    loader: Loader = load or (lambda root: load_catalog(root, images_dir=images_dir))
    failed: list[FailedRelease] = []
    for folder in store.releases_newest_first():
        version = _version_of(folder)
        if version <= bundled_version:
            break
        note = store.unusable(folder)
        if note is not None:
            failed.append(FailedRelease(version, _reason(note.reason), _short(note.detail)))
            continue
        try:
            stored = store.verify(folder, public_key_b64)
        except (ManifestError, OSError, ValueError) as exc:
            log.warning("stored catalog release %d refused: %s", version, exc)
            failed.append(FailedRelease(version, FailureReason.DAMAGED, _short(str(exc))))
            continue
        problem = _load(loader, stored)
        if isinstance(problem, Catalog):
            if record:
                store.note_good(folder)
            return ReleaseInUse(stored.version, Source.DOWNLOADED, problem, stored, tuple(failed))
        reason, detail = problem
        log.error("downloaded catalog release %d cannot be used (%s): %s", version, reason, detail)
        if record:
            store.note_unusable(folder, reason.value, detail)
        failed.append(FailedRelease(version, reason, _short(detail)))
    return ReleaseInUse(bundled_version, Source.BUNDLED, None, None, tuple(failed))


def _load(loader: Loader, stored: StoredCatalog) -> Catalog | tuple[FailureReason, str]:
    try:
        catalog = loader(stored.root)
    except CatalogError as exc:
        return FailureReason.CATALOG_UNUSABLE, str(exc)
    except OSError as exc:
        return FailureReason.DAMAGED, f"{exc.strerror or type(exc).__name__}"
    if not catalog.procedures:
        first = "; ".join(str(p) for p in catalog.problems[:3])
        return FailureReason.NO_PROCEDURES, first or "no procedure files"
    return catalog


def _version_of(folder: Path) -> int:
    # Folder names are checked by the store: v0000000007-1a2b3c4d.
    return int(folder.name[1:11])


def _reason(text: str) -> FailureReason:
    try:
        return FailureReason(text)
    except ValueError:
        return FailureReason.CATALOG_UNUSABLE


def _short(text: str) -> str:
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"
