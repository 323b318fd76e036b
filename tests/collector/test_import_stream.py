"""`dvc-collector import` of a kiosk's USB export (issue 13, items 1 and 6): streamed and capped,
committed in batches, refused for a revoked kiosk, answered per record, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from collector import cli, db
from collector.exportfile import ExportFileError, read_header, records
from tests.collector.conftest import Kiosk, add_kiosk, outcome_record, session_record


def _export(kiosk: Kiosk, sessions: list[Any], outcomes: list[Any] | None = None) -> dict[str, Any]:
    return {
        "format": "dvc-kiosk-export",
        "version": 1,
        "kiosk_id": kiosk.kiosk_id,
        "help_point_id": kiosk.help_point_id,
        "sessions": sessions,
        "outcomes": outcomes or [],
    }


def _sessions_stored(database_url: str) -> int:
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as connection:
            query = select(func.count()).select_from(db.sessions)
            return int(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


def _run_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    # A real process with a real UTF-8 stdout: what IT sees, including any traceback.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "collector.cli", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=300,
    )


def test_export_file_is_read_as_a_stream_of_batches(tmp_path: Path) -> None:
    """The reader yields records in batches of the asked size, whatever the key order, and
    refuses a file past the cap before reading the rest of it."""
    kiosk = Kiosk("k-1", "hp-1", "")
    document = _export(kiosk, [session_record(kiosk) for _ in range(1200)])
    path = tmp_path / "export.json"
    # Records first, header last: a writer may order the keys any way.
    reordered = {"sessions": document["sessions"], "outcomes": [], **document}
    path.write_text(json.dumps(reordered, indent=1), encoding="utf-8")
    header = read_header(path)
    assert (header.kiosk_id, header.sessions, header.outcomes) == ("k-1", 1200, 0)
    assert [len(batch) for _, batch in records(path, 500)] == [500, 500, 200]
    with pytest.raises(ExportFileError, match=r"larger than 0\.25 MiB"):
        read_header(path, max_bytes=2**18)


def test_import_refuses_a_file_over_the_cap_and_dev_zero(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file over --max-size-mib and an endless stream of NUL bytes are refused at once
    with one line, exit 2, and nothing stored."""
    kiosk = add_kiosk(database_url, capsys)
    path = tmp_path / "big.json"
    sessions = [session_record(kiosk) for _ in range(4000)]  # ~2 MB
    path.write_text(json.dumps(_export(kiosk, sessions)), encoding="utf-8")
    capsys.readouterr()
    argv = ["--database", database_url, "import", str(path), "--max-size-mib", "1"]
    assert cli.main(argv) == 2
    assert "larger than 1 MiB" in capsys.readouterr().err
    assert cli.main(["--database", database_url, "import", "/dev/zero"]) == 2
    assert "Không đọc được /dev/zero" in capsys.readouterr().err
    assert _sessions_stored(database_url) == 0


def test_import_refuses_a_revoked_kiosks_file(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Once a kiosk is revoked its USB file is refused as its uploads are: nothing stored."""
    kiosk = add_kiosk(database_url, capsys)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_export(kiosk, [session_record(kiosk)])), encoding="utf-8")
    assert cli.main(["--database", database_url, "kiosk", "revoke", kiosk.kiosk_id]) == 0
    capsys.readouterr()
    assert cli.main(["--database", database_url, "import", str(path)]) == 2
    assert "thu hồi" in capsys.readouterr().err
    assert _sessions_stored(database_url) == 0


def test_import_reports_bad_text_per_record_without_a_traceback(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Lone surrogates and NUL bytes in a USB file are rejected per record (named in the
    report, exit 1); the good records of 1,200 are stored across batches; a re-run finds
    them all there."""
    kiosk = add_kiosk(database_url, capsys)
    good = [session_record(kiosk) for _ in range(1200)]
    bad = session_record(kiosk, uuid="\ud800")
    nul = session_record(kiosk, help_point_id="a\x00b")
    mark = outcome_record(kiosk, good[0]["uuid"], volunteer_code="\udfff")
    path = tmp_path / "export.json"
    # ensure_ascii: the file spells the bad characters as JSON escapes, as a tampered file can.
    path.write_text(json.dumps(_export(kiosk, [*good, bad, nul], [mark])), encoding="ascii")
    result = _run_cli("--database", database_url, "import", str(path), "--json")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    per_record = json.loads(lines[0])
    assert len(per_record) == 1203
    assert "1200 bản ghi mới, 0 đã có, 0 xung đột, 3 bị từ chối" in result.stdout
    assert "lone surrogate" in result.stdout and "NUL" in result.stdout
    assert _sessions_stored(database_url) == 1200
    again = _run_cli("--database", database_url, "import", str(path))
    assert "0 bản ghi mới, 1200 đã có" in again.stdout
