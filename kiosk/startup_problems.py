"""What the running kiosk could not start (its journal, sync), where `dvc-kiosk status` reads it.

The kiosk keeps guiding residents when a part fails to start, so it must not be quiet about
it: the volunteer panel shows a red line, and this small file in the data folder lets IT's
`dvc-kiosk status` (another process) say the same. The kiosk rewrites it at every start, so a
problem fixed by a restart disappears. Sentences only name the part, the file and the error:
never anything a resident typed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

FILE_NAME = "startup-problems.json"
JOURNAL = "journal"
SYNC = "sync"


def problems_file(data_dir: Path) -> Path:
    """Where the running kiosk keeps its start-up problems."""
    return data_dir / FILE_NAME


def write_problems(data_dir: Path, problems: Mapping[str, str], at: datetime) -> None:
    """Replace the file with `problems` (part -> sentence for IT), atomically."""
    document = {"at": at.isoformat(timespec="seconds"), "problems": dict(problems)}
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{FILE_NAME}.", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False)
        os.replace(temp, problems_file(data_dir))
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_problems(data_dir: Path) -> dict[str, Any]:
    """{"at": ..., "problems": {...}} as the kiosk last wrote it; a note when absent or broken."""
    path = problems_file(data_dir)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"at": None, "problems": {}, "note": "the kiosk has not started on this machine"}
    except (OSError, ValueError) as exc:
        return {"at": None, "problems": {}, "note": f"{path}: unreadable ({type(exc).__name__})"}
    if not isinstance(document, dict) or not isinstance(document.get("problems"), dict):
        return {"at": None, "problems": {}, "note": f"{path}: not a start-up report"}
    return {"at": document.get("at"), "problems": document["problems"]}
