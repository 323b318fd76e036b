"""Privacy by construction: what residents type never reaches the kiosk's disk or its logs.

`dvc-kiosk simulate 200 --inputs FILE` drives the real kiosk (offscreen, real widgets, real
journal) and types planted ID numbers, phone numbers and names into the practice screens and
the search box. Afterwards every file under the kiosk's config, data, cache and log folders
(the SQLite database with its -wal and -shm included) and everything the process printed are
searched for each planted value in the forms people type and programs store them — once
while the journal is still open (a copy taken by `--snapshot`, with the live -wal and -shm)
and once after the process has ended.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.paths import AppDirs
from kiosk.vietnamese_input import InputMethod, keys_for
from tests.scale import sized

REPO = Path(__file__).resolve().parents[2]
JOURNEYS = sized(small=20, full=200)  # tests/scale.py: DVC_TEST_SCALE

# Realistic and distinctive: valid province codes and century digits, mobile prefixes in use.
ID_NUMBERS = ["038185012947", "001092004518", "079203731862", "048176209315", "092301588406"]
PHONES = ["0913572468", "0387246159", "0779135824", "0862417395"]
NAMES = ["Trần Thị Ngọc Bích", "Lê Văn Thưởng", "Phạm Hoàng Yến Nhi", "Đặng Quốc Khải"]

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le")


def id_forms(number: str) -> set[str]:
    """An ID number plain and in the groupings people type or screens show (079 2 03 001234)."""
    groupings = ((3, 1, 2, 6), (3, 3, 3, 3), (4, 4, 4), (3, 9), (6, 6))
    forms = {number}
    for sizes in groupings:
        parts, at = [], 0
        for size in sizes:
            parts.append(number[at : at + size])
            at += size
        for sep in (" ", ".", "-", "  ", "_"):
            forms.add(sep.join(parts))
    return forms


def phone_forms(phone: str) -> set[str]:
    """A mobile number plain, grouped 4-3-3 / 3-3-4 / 3-4-3, and in its +84 forms."""
    national = phone[1:]
    forms = {phone, "+84" + national, "84" + national, "+84 " + national}
    for sizes in ((4, 3, 3), (3, 3, 4), (3, 4, 3)):
        parts, at = [], 0
        for size in sizes:
            parts.append(phone[at : at + size])
            at += size
        for sep in (" ", ".", "-"):
            forms.add(sep.join(parts))
            forms.add("+84" + sep + sep.join([parts[0][1:], *parts[1:]]))
    return forms


def ascii_fold(text: str) -> str:
    """Vietnamese without its accents, case kept (Đặng → Dang)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_forms(name: str) -> set[str]:
    """A full name in NFC and NFD, accent-free, as its Telex and VNI keys (the simulator types
    it that way too, and the kiosk composes it), upper and lower case, with and without
    spaces."""
    keys = {keys_for(name, method) for method in (InputMethod.TELEX, InputMethod.VNI)}
    bases = {name, unicodedata.normalize("NFD", name), ascii_fold(name), *keys}
    forms: set[str] = set()
    for base in bases:
        for cased in (base, base.upper(), base.lower(), base.title()):
            forms.add(cased)
            forms.add(cased.replace(" ", ""))
    return forms


def needles() -> dict[bytes, str]:
    """Every byte pattern to look for, mapped to a safe label for the failure message."""
    patterns: dict[bytes, str] = {}
    planted = (
        [(f"id#{i}", id_forms(v)) for i, v in enumerate(ID_NUMBERS)]
        + [(f"phone#{i}", phone_forms(v)) for i, v in enumerate(PHONES)]
        + [(f"name#{i}", name_forms(v)) for i, v in enumerate(NAMES)]
    )
    for label, forms in planted:
        for form in forms:
            for encoding in ENCODINGS:
                patterns[form.encode(encoding)] = f"{label} as {form!r} in {encoding}"
    # A number kept as an integer: SQLite stores those big-endian in 6 or 8 bytes.
    for i, value in enumerate(ID_NUMBERS + PHONES):
        for width in (6, 8):
            patterns[int(value).to_bytes(width, "big")] = f"number#{i} as a {width}-byte integer"
    return patterns


def findings(blob: bytes, patterns: dict[bytes, str]) -> list[str]:
    """Labels of the patterns found in `blob`."""
    return [label for pattern, label in patterns.items() if pattern in blob]


def test_the_scanner_finds_planted_values_in_every_form() -> None:
    """The scanner itself works: typed forms of each kind are found, in several encodings."""
    patterns = needles()
    samples = [
        b"038 1 85 012947",
        "0913.572.468".encode("utf-16-le"),
        b"+84 913 572 468",
        "LE VAN THUONG".encode("utf-16-be"),
        unicodedata.normalize("NFD", "Đặng Quốc Khải").encode(),
        b"tran thi ngoc bich",
        b"Traanf Thij Ngocj Bichs",
        b"Le6 Va8n Thu7o7ng3",
        int("001092004518").to_bytes(8, "big"),
    ]
    for sample in samples:
        assert findings(b"..." + sample + b"...", patterns), sample
    assert not findings("Đăng ký tạm trú 2026-11-28T02:15:51".encode(), patterns)


@pytest.mark.slow
def test_nothing_typed_in_simulated_journeys_reaches_disk_or_logs(tmp_path: Path) -> None:
    """JOURNEYS journeys (200 at full scale) typing the planted values: none of them, in any
    form, is in any file of the kiosk's folders (db, -wal, -shm, config, cache, logs) or in the
    process's output."""
    home = tmp_path / "home"
    snapshot = tmp_path / "before-close"  # the folders while the journal is open (-wal, -shm)
    inputs = tmp_path / "planted.json"
    inputs.write_text(
        json.dumps({"id_numbers": ID_NUMBERS, "names": NAMES, "phones": PHONES}),
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update({"DVC_KIOSK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})
    env.pop("DVC_KIOSK_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "simulate", str(JOURNEYS), "--seed", "2026",
         "--inputs", str(inputs), "--snapshot", str(snapshot)],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=1500,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    summary = done.stdout.decode()
    assert f"sessions recorded: {JOURNEYS}" in summary
    typed = json.loads(re.search(r"typed: (\{.*?\})", summary).group(1).replace("'", '"'))
    # Every kind of value was typed (ID numbers in about half of the journeys).
    assert typed.get("id_numbers", 0) >= JOURNEYS // 4 and typed.get("phones", 0) > 0, summary
    assert typed.get("names", 0) > 0, summary

    dirs = AppDirs(home / "config", None, home / "data", home / "cache", home / "logs")
    with closing(sqlite3.connect(f"file:{dirs.database}?mode=ro", uri=True)) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == JOURNEYS

    patterns = needles()
    files = [p for root in (home, snapshot) for p in root.rglob("*") if p.is_file()]
    names = {p.relative_to(tmp_path).as_posix() for p in files}
    assert {"home/data/journal.db", "home/logs/kiosk.log"} <= names
    assert {"before-close/data/journal.db-wal", "before-close/data/journal.db-shm"} <= names
    leaks: list[str] = []
    for path in files:
        where = path.relative_to(tmp_path)
        leaks += [f"{where}: {label}" for label in findings(path.read_bytes(), patterns)]
    leaks += [f"process output: {label}" for label in findings(output, patterns)]
    assert not leaks, "\n".join(sorted(leaks)[:40])
