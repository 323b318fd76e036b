"""`dvc-kiosk status` and `dvc-kiosk export`: JSON for IT, a USB file, calm config errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.clock import FixedClock
from kiosk.journal.db import new_uuid, open_journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.paths import AppDirs
from kiosk.protocol import SessionRecord
from tests.core.test_journal import summary


def run(*argv: str) -> int:
    parser, _ = build_parser()
    args = parser.parse_args(list(argv))
    result: int = args.func(args)
    return result


def write_sessions(dirs: AppDirs, count: int, kiosk_id: str = "demo-1") -> list[str]:
    with open_journal(dirs.database) as journal:
        recorder = JournalRecorder(journal, kiosk_id, "demo")
        sessions = [summary() for _ in range(count)]
        for s in sessions:
            recorder.end_session(s)
        recorder.mark_outcome(sessions[0].uuid, "info-only").result(5)
    return [s.uuid for s in sessions]


def test_status_prints_json_for_it(kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]) -> None:
    """status names version, catalog, help point, kiosk, database, counts, sync and logs."""
    write_sessions(kiosk_home, 2)
    assert run("status") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["app_version"]
    assert report["catalog"]["version"] >= 1 and report["catalog"]["date"]
    assert (report["help_point_id"], report["kiosk_id"], report["demo"]) == ("demo", "demo-1", True)
    assert report["database"]["path"] == str(kiosk_home.database)
    assert report["database"]["size_bytes"] > 0
    assert report["unsynced_records"] == 3  # two sessions and one outcome
    assert (report["rejected_records"], report["sessions_closed_after_crash"]) == (0, 0)
    assert report["last_sync"] == {"success_at": None, "error_code": None, "error_at": None}
    assert report["log_dir"] == str(kiosk_home.logs)
    assert isinstance(report["sessions_today"], int)
    assert report["sync_configured"] is False
    assert report["kiosk_start"]["problems"] == {}


def test_status_counts_the_sessions_of_the_clocks_day(
    kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """sessions_today counts the sessions of the day its clock says, not the machine's date."""
    from kiosk.journal.commands import run_status

    write_sessions(kiosk_home, 2)  # started 2026-11-28 11:00 UTC
    parser, _ = build_parser()
    args = parser.parse_args(["status"])
    assert run_status(args, FixedClock(datetime(2026, 11, 28, 11, 10, tzinfo=UTC))) == 0
    assert json.loads(capsys.readouterr().out)["sessions_today"] == 2
    assert run_status(args, FixedClock(datetime(2030, 1, 1, 11, 10, tzinfo=UTC))) == 0
    assert json.loads(capsys.readouterr().out)["sessions_today"] == 0


def test_status_shows_what_the_kiosk_could_not_start(
    kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """A part the running kiosk could not start (sync here) is named in status for IT."""
    from kiosk.startup_problems import write_problems

    problem = "sync could not start (ValueError); records stay queued"
    write_problems(kiosk_home.data, {"sync": problem}, datetime(2030, 1, 1, 8, 0, tzinfo=UTC))
    assert run("status") == 0
    started = json.loads(capsys.readouterr().out)["kiosk_start"]
    assert started == {"at": "2030-01-01T08:00:00+00:00", "problems": {"sync": problem}}


def test_status_says_when_old_scans_could_not_be_deleted(
    kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """The running kiosk could not delete old scans (a stranger's papers on the disk): status
    says how many and why under portal, and when the rule runs; nothing when all went."""
    from kiosk.portal import write_scan_problem

    assert run("status") == 0
    portal = json.loads(capsys.readouterr().out)["portal"]
    assert portal["scans_not_deleted"] is None
    assert portal["delete_scans"] == "at the end of each resident's session"
    problem = "2 old scan(s) in /srv/scans could not be deleted (PermissionError): ..."
    write_scan_problem(kiosk_home.data, problem, datetime(2030, 1, 1, 8, 0, tzinfo=UTC))
    assert run("status") == 0
    portal = json.loads(capsys.readouterr().out)["portal"]
    assert portal["scans_not_deleted"] == {"at": "2030-01-01T08:00:00+00:00", "problem": problem}


def test_status_prints_only_json_on_the_terminal(tmp_path: Path) -> None:
    """The real `dvc-kiosk status` on a new kiosk (the journal is created and migrated then):
    stdout is one JSON document and stderr is empty (no Alembic INFO lines)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DVC_KIOSK")}
    env["DVC_KIOSK_HOME"] = str(tmp_path / "home")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dvc-kiosk"), "status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unsynced_records"] == 0
    assert result.stderr == ""


def test_export_writes_the_collector_import_format(
    kiosk_home: AppDirs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export writes every unsynced record in the dvc-kiosk-export format and keeps them queued."""
    uuids = write_sessions(kiosk_home, 3)
    out = tmp_path / "usb" / "export.json"
    assert run("export", "--out", str(out)) == 0
    assert "3 sessions, 1 outcomes and 0 content reports" in capsys.readouterr().out
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "dvc-kiosk-export" and doc["version"] == 1
    assert (doc["kiosk_id"], doc["help_point_id"]) == ("demo-1", "demo")
    assert sorted(SessionRecord.from_json(s).uuid for s in doc["sessions"]) == sorted(uuids)
    assert len(doc["outcomes"]) == 1
    with open_journal(kiosk_home.database) as journal:
        assert journal.unsynced_count() == 4


def test_config_error_names_file_and_key(
    kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong config prints the file and the key and exits 2, without a traceback."""
    config = kiosk_home.config / "kiosk.toml"
    config.write_text('[help_point]\nid = "nowhere"\n[kiosk]\nid = "kiosk-1"\n', encoding="utf-8")
    for argv in (("status",), ("export", "--out", str(kiosk_home.cache / "x.json"))):
        assert run(*argv) == 2
        err = capsys.readouterr().err
        assert str(config) in err and "help_point.id" in err
        assert "Traceback" not in err


def test_commands_do_not_close_the_running_kiosks_session(
    kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """status while the kiosk has a session open leaves that session open (no recovery)."""
    from kiosk.session import EventKind, SessionEvent

    with open_journal(kiosk_home.database) as journal:
        recorder = JournalRecorder(journal, "demo-1", "demo")
        recorder.on_event(SessionEvent(new_uuid(), EventKind.SESSION_STARTED, datetime.now(UTC)))
        journal.flush(5)
        assert run("status") == 0
        assert json.loads(capsys.readouterr().out)["unsynced_records"] == 0


def test_cli_import_stays_light() -> None:
    """Registering status/export imports neither SQLAlchemy nor Alembic (a fast `--help`)."""
    import subprocess
    import sys

    code = (
        "import sys, argparse; import kiosk.journal.commands as c; "
        "c.register(argparse.ArgumentParser().add_subparsers()); "
        "print(any(m.split('.')[0] in ('sqlalchemy', 'alembic') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.stdout.strip() == "False"


def test_unusable_database_is_a_message_not_a_traceback(
    kiosk_home: AppDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    """A journal file that is not a database makes status exit 1 with the path named."""
    kiosk_home.database.write_bytes(b"this is not sqlite" * 100)
    assert run("status") == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)  # still JSON, with the journal's error in it
    assert str(kiosk_home.database) in report["database"]["error"]
    assert "Traceback" not in captured.out + captured.err
