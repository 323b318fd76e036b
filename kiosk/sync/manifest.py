"""The signed catalog manifest: built and signed by the district, verified by every kiosk.

One small JSON document binds every catalog file to its SHA-256 and size, and one Ed25519
signature over its canonical bytes makes the whole set authentic (docs/reliability.md G8–G11, a
minimal subset of TUF). The kiosk pins the district's public key at install; anything that does
not verify is refused with a short stable code that the volunteer panel turns into a calm
sentence (ui/messages.py), and the kiosk keeps its last good catalog.

Qt-free and I/O-light on purpose: the collector imports it to sign, the kiosk to verify.
Verifying needs only PyNaCl (libsodium, ~1 MB in the kiosk bundle); signing takes the
district's key as a PyCA `cryptography` object, a library only the collector installs
(its Rust core is 11 MB, which the kiosk bundle has no room for).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

if TYPE_CHECKING:  # the collector's side only (see the module docstring)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

MANIFEST_KEYS = frozenset({"version", "issued_at", "expires", "key_id", "files"})
FILE_ENTRY_KEYS = frozenset({"sha256", "size"})
MAX_VERSION = 2**31 - 1
# The stated clock skew (docs/protocol.md). Donated PCs, and sometimes the district's server,
# run minutes or hours off. A manifest issued up to 12 h ahead of the kiosk's clock is taken;
# further ahead, one of the two clocks is wrong and the release waits ("from-future", which
# names both clocks). Rollback protection rests on the version alone: no time from a manifest
# is ever kept as a floor, so a release signed while the server's clock ran ahead cannot lock
# kiosks out of the honest releases after it (issue #13 item 10).
DEFAULT_FUTURE_TOLERANCE = timedelta(hours=12)
# The kiosk's limits on a release, declared once: the kiosk refuses past them, and the
# district's `catalog publish` applies the same numbers before it signs (issue #21 item 5).
DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_FILES = 500
MAX_CATALOG_BYTES = 32 * 1024 * 1024  # all files of one release together
# A manifest is a few kilobytes even for hundreds of files; anything bigger is not ours.
MAX_MANIFEST_BYTES = 256 * 1024

# A relative path of plain segments: no "..", no leading dot, no backslash, no drive letter,
# so a manifest can never make the kiosk write outside its catalog folder.
_SEGMENT = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}"
FILE_NAME_PATTERN = re.compile(rf"^{_SEGMENT}(/{_SEGMENT}){{0,7}}$")
_SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
_KEY_ID_PATTERN = re.compile(r"^[0-9a-f]{16}$")
_TIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")

# Every code a refusal can carry (docs/protocol.md lists them; ui/messages.py words each one).
REFUSAL_CODES = frozenset(
    {
        "malformed",
        "bad-public-key",
        "key-not-pinned",
        "bad-signature",
        "rollback",
        "expired",
        "from-future",
        "too-many-files",
        "file-too-large",
        "bad-file-name",
        "file-mismatch",
        # Not the manifest's fault: the kiosk's disk refused the release (sync/catalog_store).
        "disk-write-failed",
    }
)


class ManifestError(Exception):
    """A manifest or file the kiosk must refuse; `code` is stable (the panel words it, `status`
    prints it), `detail` is for the log."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in REFUSAL_CODES:
            raise ValueError(f"unknown refusal code {code!r}")  # a typo must not go unworded
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass(frozen=True)
class FileEntry:
    """What the signed manifest promises about one catalog file."""

    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """A manifest that passed every check: the only form the kiosk acts on."""

    version: int
    issued_at: datetime
    expires: datetime
    key_id: str
    files: Mapping[str, FileEntry]


@dataclass(frozen=True)
class SignedManifest:
    """The wire form served at GET /api/v1/catalog/manifest."""

    manifest: dict[str, Any]
    signature: str  # base64 of the 64-byte Ed25519 signature over canonical_bytes(manifest)
    key_id: str

    def to_json(self) -> dict[str, Any]:
        """The JSON object for the wire."""
        return {"manifest": self.manifest, "signature": self.signature, "key_id": self.key_id}

    @classmethod
    def from_json(cls, data: Any) -> SignedManifest:
        """Check the envelope's shape only; verify_manifest does everything else."""
        if not isinstance(data, dict) or set(data) != {"manifest", "signature", "key_id"}:
            raise ManifestError("malformed", detail="envelope keys")
        manifest, signature, key_id = data["manifest"], data["signature"], data["key_id"]
        if not isinstance(manifest, dict):
            raise ManifestError("malformed", detail="manifest must be an object")
        if not isinstance(signature, str) or not isinstance(key_id, str):
            raise ManifestError("malformed", detail="signature and key_id must be strings")
        return cls(manifest=manifest, signature=signature, key_id=key_id)


def canonical_bytes(manifest: Mapping[str, Any]) -> bytes:
    """The exact bytes that are signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def format_time(moment: datetime) -> str:
    """UTC, seconds precision, trailing Z: the only time format a manifest carries."""
    if moment.tzinfo is None:
        raise ValueError("times must carry a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def public_key_raw(key: Ed25519PublicKey | VerifyKey) -> bytes:
    """The 32 raw bytes of a public key (the collector's `cryptography` key or a pinned one)."""
    return bytes(key) if isinstance(key, VerifyKey) else key.public_bytes_raw()


def public_key_b64(key: Ed25519PublicKey | VerifyKey) -> str:
    """The form a kiosk install pins: base64 of the 32 raw bytes."""
    return base64.b64encode(public_key_raw(key)).decode("ascii")


def key_id_for(key: Ed25519PublicKey | VerifyKey) -> str:
    """A short fingerprint naming the key, so a manifest says which key it expects."""
    return hashlib.sha256(public_key_raw(key)).hexdigest()[:16]


def load_public_key(public_key_b64_text: str) -> VerifyKey:
    """Parse a pinned key; a broken pin is a ManifestError, not a crash."""
    try:
        raw = base64.b64decode(public_key_b64_text.strip(), validate=True)
        return VerifyKey(raw)  # exactly 32 bytes, or ValueError
    except (binascii.Error, ValueError) as exc:
        raise ManifestError("bad-public-key", detail=str(exc)) from None


def build_manifest(
    catalog_dir: Path, version: int, issued_at: datetime, expires: datetime
) -> dict[str, Any]:
    """Hash every file under catalog_dir into an unsigned manifest (tests and tools; the
    district's `catalog publish` picks the catalog's own files and calls manifest_for)."""
    root = Path(catalog_dir)
    contents: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # editor swap files, .git and the like never ship
        if not path.is_file():
            continue
        contents[relative] = path.read_bytes()
    if not contents:
        raise ValueError(f"{root}: no files to publish")
    return manifest_for(contents, version, issued_at, expires)


def manifest_for(
    contents: Mapping[str, bytes], version: int, issued_at: datetime, expires: datetime
) -> dict[str, Any]:
    """An unsigned manifest over exactly these files (name → bytes); key_id is set on signing."""
    if isinstance(version, bool) or not 1 <= version <= MAX_VERSION:
        raise ValueError(f"version must be from 1 to {MAX_VERSION}")
    if expires <= issued_at:
        raise ValueError("expires must be after issued_at")
    if not contents:
        raise ValueError("no files to publish")
    files: dict[str, dict[str, Any]] = {}
    for relative, data in sorted(contents.items()):
        if not FILE_NAME_PATTERN.match(relative):
            raise ValueError(f"{relative}: file names must be plain letters, digits, '.', '-', '_'")
        files[relative] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    return {
        "version": version,
        "issued_at": format_time(issued_at),
        "expires": format_time(expires),
        "key_id": "",
        "files": files,
    }


def sign_manifest(manifest: Mapping[str, Any], private_key: Ed25519PrivateKey) -> SignedManifest:
    """Stamp the key's id into a copy of the manifest and sign its canonical bytes."""
    key_id = key_id_for(private_key.public_key())
    body = json.loads(canonical_bytes(manifest))  # a deep copy the caller cannot alias
    body["key_id"] = key_id
    signature = private_key.sign(canonical_bytes(body))
    return SignedManifest(
        manifest=body, signature=base64.b64encode(signature).decode("ascii"), key_id=key_id
    )


def verify_manifest(
    signed: SignedManifest,
    public_key_b64: str,
    current_version: int,
    now: datetime,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_files: int = DEFAULT_MAX_FILES,
    future_tolerance: timedelta = DEFAULT_FUTURE_TOLERANCE,
) -> Manifest:
    """Return the manifest only if it is authentic, pinned, newer, current and bounded.

    The signature is checked before any field is trusted; the policy checks (rollback,
    expiry, clock, caps) follow, so each refusal carries the most useful code.
    """
    if not isinstance(signed, SignedManifest):
        raise ManifestError("malformed", detail="not a SignedManifest")
    key = load_public_key(public_key_b64)
    pinned_id = key_id_for(key)
    if signed.key_id != pinned_id or signed.manifest.get("key_id") != pinned_id:
        raise ManifestError("key-not-pinned", detail=f"expected key {pinned_id}")
    signature = _strict_b64(signed.signature)
    if signature is None or len(signature) != 64:
        raise ManifestError("bad-signature", detail="signature is not 64 bytes of base64")
    try:
        body = canonical_bytes(signed.manifest)
    except (TypeError, ValueError):
        raise ManifestError("malformed", detail="manifest is not plain JSON") from None
    try:
        key.verify(body, signature)
    except BadSignatureError:
        raise ManifestError("bad-signature") from None

    manifest = _parse(signed.manifest)
    if manifest.version <= current_version:
        raise ManifestError(
            "rollback", detail=f"version {manifest.version} <= current {current_version}"
        )
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    if manifest.expires <= now:
        raise ManifestError("expired", detail=f"expired {format_time(manifest.expires)}")
    if manifest.issued_at > now + future_tolerance:
        raise ManifestError("from-future", detail=f"issued {format_time(manifest.issued_at)}")
    if len(manifest.files) > max_files:
        raise ManifestError("too-many-files", detail=f"{len(manifest.files)} > {max_files}")
    for name, entry in manifest.files.items():
        if entry.size > max_file_bytes:
            raise ManifestError("file-too-large", detail=f"{name}: {entry.size} bytes")
    return manifest


def verify_file(manifest: Manifest, name: str, data: bytes) -> None:
    """Raise ManifestError unless `data` is exactly the file the manifest signed for `name`."""
    entry = manifest.files.get(name)
    if entry is None:
        raise ManifestError("file-mismatch", detail=f"{name}: not in the manifest")
    if len(data) != entry.size:
        raise ManifestError("file-mismatch", detail=f"{name}: {len(data)} != {entry.size} bytes")
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        raise ManifestError("file-mismatch", detail=f"{name}: SHA-256 differs")


def _strict_b64(text: str) -> bytes | None:
    # Only the canonical encoding counts, so a signature has exactly one spelling.
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode("ascii") == text else None


def _parse(data: Mapping[str, Any]) -> Manifest:
    # Runs only on signed bytes, but a district tool bug must still not crash the kiosk.
    if set(data) != MANIFEST_KEYS:
        raise ManifestError("malformed", detail="manifest keys")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        raise ManifestError("malformed", detail="version")
    issued_at = _parse_time("issued_at", data["issued_at"])
    expires = _parse_time("expires", data["expires"])
    if expires <= issued_at:
        raise ManifestError("malformed", detail="expires is not after issued_at")
    key_id = data["key_id"]
    if not isinstance(key_id, str) or not _KEY_ID_PATTERN.match(key_id):
        raise ManifestError("malformed", detail="key_id")
    raw_files = data["files"]
    if not isinstance(raw_files, dict) or not raw_files:
        raise ManifestError("malformed", detail="files must be a non-empty object")
    files: dict[str, FileEntry] = {}
    for name, entry in raw_files.items():
        if not isinstance(name, str) or not FILE_NAME_PATTERN.match(name):
            raise ManifestError("bad-file-name", detail=repr(name)[:120])
        if not isinstance(entry, dict) or set(entry) != FILE_ENTRY_KEYS:
            raise ManifestError("malformed", detail=f"{name}: entry keys")
        sha, size = entry["sha256"], entry["size"]
        if not isinstance(sha, str) or not _SHA256_PATTERN.match(sha):
            raise ManifestError("malformed", detail=f"{name}: sha256")
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ManifestError("malformed", detail=f"{name}: size")
        files[name] = FileEntry(sha256=sha, size=size)
    return Manifest(
        version=version, issued_at=issued_at, expires=expires, key_id=key_id, files=files
    )


def _parse_time(name: str, value: Any) -> datetime:
    if not isinstance(value, str) or not _TIME_PATTERN.match(value):
        raise ManifestError("malformed", detail=f"{name} must look like 2026-01-31T17:00:00Z")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ManifestError("malformed", detail=f"{name} is not a real time") from None
