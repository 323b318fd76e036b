"""Signed catalog releases for the fallback tests: the bundled catalog as release N, good or
broken in a chosen way, installed into a store as a sync round would (issue #13 item 9)."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.sync.catalog_store import CatalogStore
from kiosk.sync.manifest import build_manifest, public_key_b64, sign_manifest, verify_manifest
from tests.core.sync_support import CATALOG_DIR

KEY = Ed25519PrivateKey.generate()
PUBLIC = public_key_b64(KEY.public_key())
ISSUED = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def release_source(tmp_path: Path, version: int, kind: str = "good") -> Path:
    """The bundled catalog as release `version`: good, with a broken catalog.toml, or with not
    one procedure file that loads."""
    source = tmp_path / f"src-{version}-{kind}"
    shutil.copytree(CATALOG_DIR, source)
    index = source / "catalog.toml"
    # Whatever version the bundled catalog is at, this copy becomes `version`.
    text, count = re.subn(
        r"^version = \d+$",
        f"version = {version}",
        index.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    assert count == 1, "catalog.toml has no 'version = N' line"
    if kind == "broken-index":
        text = text.replace("updated = ", "updated_on = ", 1)
    index.write_text(text, encoding="utf-8")
    if kind == "no-procedures":
        for procedure in (source / "procedures").glob("*.toml"):
            procedure.write_text('id = "not-a-procedure"\n', encoding="utf-8")
    return source


def install(store: CatalogStore, source: Path, version: int) -> None:
    """Sign `source` as `version` with the test key and install it, as a sync round does."""
    manifest = build_manifest(source, version, ISSUED, ISSUED + timedelta(days=60))
    signed = sign_manifest(manifest, KEY)
    checked = verify_manifest(signed, PUBLIC, version - 1, ISSUED)
    files = {
        p.relative_to(source).as_posix(): p.read_bytes()
        for p in sorted(source.rglob("*"))
        if p.is_file()
    }
    store.install(signed, checked, files)
