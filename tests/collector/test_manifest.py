"""The signed catalog manifest: every refusal the kiosk relies on, and random tampering."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.sync.manifest import (
    REFUSAL_CODES,
    ManifestError,
    SignedManifest,
    build_manifest,
    canonical_bytes,
    format_time,
    key_id_for,
    public_key_b64,
    sign_manifest,
    verify_file,
    verify_manifest,
)
from tests.scale import sized

NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PUB = public_key_b64(KEY.public_key())


def _catalog(tmp: Path) -> Path:
    (tmp / "procedures").mkdir(parents=True)
    (tmp / "catalog.toml").write_text('version = 1\ntitle = "Danh mục"\n', encoding="utf-8")
    (tmp / "procedures" / "dang-ky-tam-tru.toml").write_text('id = "x"\n', encoding="utf-8")
    (tmp / ".hidden.swp").write_bytes(b"editor junk")
    return tmp


def _signed(version: int = 5, key: Ed25519PrivateKey = KEY, **overrides: Any) -> SignedManifest:
    manifest: dict[str, Any] = {
        "version": version,
        "issued_at": format_time(NOW - timedelta(days=1)),
        "expires": format_time(NOW + timedelta(days=90)),
        "key_id": "",
        "files": {
            "catalog.toml": {"sha256": hashlib.sha256(b"abc").hexdigest(), "size": 3},
            "procedures/a.toml": {"sha256": hashlib.sha256(b"").hexdigest(), "size": 0},
        },
    }
    manifest.update(overrides)
    return sign_manifest(manifest, key)


def _code(signed: SignedManifest, **kwargs: Any) -> str:
    args: dict[str, Any] = {
        "current_version": 4,
        "now": NOW,
        "max_file_bytes": 1000,
        "max_files": 10,
    }
    args.update(kwargs)
    with pytest.raises(ManifestError) as info:
        verify_manifest(signed, PUB, **args)
    assert info.value.code in REFUSAL_CODES
    return info.value.code


def test_build_sign_verify_round_trip(tmp_path: Path) -> None:
    """A manifest built from a folder verifies, lists every shipped file, and binds their bytes."""
    root = _catalog(tmp_path)
    manifest = build_manifest(root, 7, NOW - timedelta(hours=1), NOW + timedelta(days=30))
    assert set(manifest["files"]) == {"catalog.toml", "procedures/dang-ky-tam-tru.toml"}
    signed = sign_manifest(manifest, KEY)
    assert signed.key_id == key_id_for(KEY.public_key()) == signed.manifest["key_id"]
    wire = json.loads(json.dumps(signed.to_json()))
    checked = verify_manifest(SignedManifest.from_json(wire), PUB, 6, NOW, 10_000, 10)
    assert checked.version == 7
    data = (root / "catalog.toml").read_bytes()
    verify_file(checked, "catalog.toml", data)
    with pytest.raises(ManifestError) as info:
        verify_file(checked, "catalog.toml", data + b"#")
    assert info.value.code == "file-mismatch"
    with pytest.raises(ManifestError):
        verify_file(checked, "catalog.toml", data[:-1] + b"X")  # same size, other hash
    with pytest.raises(ManifestError):
        verify_file(checked, "not-listed.toml", data)


def test_canonical_bytes_are_stable_and_utf8() -> None:
    """Key order and Vietnamese letters do not change what gets signed."""
    assert canonical_bytes({"b": 1, "a": "Phường"}) == canonical_bytes({"a": "Phường", "b": 1})
    assert canonical_bytes({"a": "ờ"}) == '{"a":"ờ"}'.encode()


def test_bad_signature_is_refused() -> None:
    """A manifest changed after signing, or a signature from another message, is refused."""
    signed = _signed()
    tampered = copy.deepcopy(signed.manifest)
    tampered["version"] = 6
    assert _code(SignedManifest(tampered, signed.signature, signed.key_id)) == "bad-signature"
    other = _signed(version=9)
    assert _code(SignedManifest(signed.manifest, other.signature, signed.key_id)) == "bad-signature"
    assert _code(SignedManifest(signed.manifest, "AAAA", signed.key_id)) == "bad-signature"
    assert _code(SignedManifest(signed.manifest, "not base64!", signed.key_id)) == "bad-signature"


def test_non_canonical_base64_signature_is_refused() -> None:
    """Changing the spare bits of the base64 text is refused, so a signature has one spelling."""
    signed = _signed()
    text = signed.signature
    assert text.endswith("==")
    last = text[-3]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    sibling = alphabet[alphabet.index(last) ^ 1]  # flips one of the 4 ignored bits
    twin = text[:-3] + sibling + "=="
    assert base64.b64decode(twin) == base64.b64decode(text)
    assert _code(SignedManifest(signed.manifest, twin, signed.key_id)) == "bad-signature"


def test_key_not_pinned_is_refused() -> None:
    """A manifest signed by any key but the pinned one is refused before its signature counts."""
    stranger = Ed25519PrivateKey.generate()
    assert _code(_signed(key=stranger)) == "key-not-pinned"
    signed = _signed()
    assert _code(SignedManifest(signed.manifest, signed.signature, "0" * 16)) == "key-not-pinned"


def test_rollback_and_replay_are_refused() -> None:
    """The same or an older version than the kiosk has is refused (no rollback, G9)."""
    assert _code(_signed(version=4), current_version=4) == "rollback"
    assert _code(_signed(version=3), current_version=4) == "rollback"


def test_expired_manifest_is_refused() -> None:
    """A manifest whose expiry has passed is refused (no indefinite freeze, G10)."""
    signed = _signed(
        issued_at=format_time(NOW - timedelta(days=100)),
        expires=format_time(NOW - timedelta(seconds=1)),
    )
    assert _code(signed) == "expired"


def test_manifest_from_the_future_is_refused() -> None:
    """issued_at beyond the clock tolerance is refused; a few minutes ahead is fine."""
    far = _signed(issued_at=format_time(NOW + timedelta(days=2)))
    assert _code(far) == "from-future"
    near = _signed(issued_at=format_time(NOW + timedelta(minutes=5)))
    verify_manifest(near, PUB, 4, NOW, 1000, 10)


def test_too_many_files_and_oversized_file_are_refused() -> None:
    """The signed file list and each signed size are capped (no endless data, G11)."""
    assert _code(_signed(), max_files=1) == "too-many-files"
    assert _code(_signed(), max_file_bytes=2) == "file-too-large"


@pytest.mark.parametrize(
    "name", ["../evil.toml", "/etc/passwd", "a\\b.toml", ".git/config", "a//b", "C:x.toml", ""]
)
def test_unsafe_file_names_are_refused(name: str) -> None:
    """Even a correctly signed manifest cannot name a file outside the catalog folder."""
    files = {name: {"sha256": "0" * 64, "size": 1}}
    assert _code(_signed(files=files)) == "bad-file-name"


@pytest.mark.parametrize(
    "overrides",
    [
        {"version": True},
        {"version": "7"},
        {"expires": "2027-01-01"},
        {"files": {}},
        {"files": {"a.toml": {"sha256": "x", "size": 1}}},
        {"files": {"a.toml": {"sha256": "0" * 64, "size": -1}}},
        {"files": {"a.toml": {"sha256": "0" * 64, "size": 1, "url": "http://x"}}},
        {"extra": 1},
    ],
)
def test_signed_but_malformed_manifest_is_refused(overrides: dict[str, Any]) -> None:
    """A district tool bug that signs a malformed manifest is refused, never crashes the kiosk."""
    overrides = {"version": 7, **overrides}
    assert _code(_signed(**overrides)) == "malformed"


def test_malformed_envelopes_and_pins() -> None:
    """Envelope shape errors and a broken pinned key raise ManifestError, not crashes."""
    for bad in [None, [], {"manifest": {}}, {"manifest": 1, "signature": "", "key_id": ""}]:
        with pytest.raises(ManifestError) as info:
            SignedManifest.from_json(bad)
        assert info.value.code == "malformed"
    with pytest.raises(ManifestError) as info:
        verify_manifest(_signed(), "not a key", 0, NOW)
    assert info.value.code == "bad-public-key"


def test_an_unknown_refusal_code_fails_loudly() -> None:
    """A refusal with a code nobody words (a typo) is a bug found at once, not a blank line."""
    with pytest.raises(ValueError, match="unknown refusal code"):
        ManifestError("bad-signatur")


# -- random tampering -------------------------------------------------------------------------

_json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.text(max_size=12)
)
_json_value = st.recursive(
    _json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
_BASE = _signed(version=5)
_BASE_WIRE = _BASE.to_json()


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    return found


def _set(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node[path[0]] = _set(node[path[0]], path[1:], value)
    return node


@st.composite
def _mutations(draw: st.DrawFn) -> Any:
    wire = copy.deepcopy(_BASE_WIRE)
    kind = draw(st.sampled_from(["replace", "delete", "add", "text", "signature"]))
    paths = _paths(wire)[1:]
    path = draw(st.sampled_from(paths))
    if kind == "replace":
        return _set(wire, path, draw(_json_value))
    if kind == "delete":
        parent = wire
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]
        return wire
    if kind == "add":
        parents = [p for p in _paths(wire) if isinstance(_get(wire, p), dict)]
        parent = _get(wire, draw(st.sampled_from(parents)))
        parent[draw(st.text(min_size=1, max_size=8))] = draw(_json_value)
        return wire
    if kind == "signature":
        raw = bytearray(base64.b64decode(wire["signature"]))
        index = draw(st.integers(0, len(raw) - 1))
        raw[index] ^= draw(st.integers(1, 255))
        wire["signature"] = base64.b64encode(bytes(raw)).decode()
        return wire
    # flip one character of the canonical JSON text: the "bit rot on a USB stick" case
    text = json.dumps(wire, sort_keys=True, ensure_ascii=False)
    index = draw(st.integers(0, len(text) - 1))
    replacement = draw(st.characters(codec="utf-8"))
    return text[:index] + replacement + text[index + 1 :]


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


@settings(
    max_examples=sized(small=500, full=10_000),  # tests/scale.py: DVC_TEST_SCALE
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_mutations())
def test_random_mutations_of_a_signed_manifest_are_all_refused(mutated: Any) -> None:
    """Random edits (10,000 at full scale) of a signed manifest (fields, keys, signature, raw
    text) all fail."""
    if isinstance(mutated, str):
        try:
            mutated = json.loads(mutated)
        except ValueError:
            return  # unreadable JSON never reaches verify_manifest
    assume(canonical_bytes(mutated) != canonical_bytes(_BASE_WIRE))
    with pytest.raises(ManifestError):
        signed = SignedManifest.from_json(mutated)
        verify_manifest(signed, PUB, 4, NOW, 1000, 10)
