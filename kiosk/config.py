"""The kiosk's configuration: one TOML file, found in a fixed order, validated key by key.

Lookup order (DESIGN.md): $DVC_KIOSK_CONFIG, `kiosk.toml` next to the executable (IT's image),
the site config dir, the user config dir (or $DVC_KIOSK_HOME/config). No file anywhere means a
clearly labelled demo help point. A file that is found but wrong raises ConfigError naming the
file and key, which the UI turns into a full-screen page for IT.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

from kiosk.paths import AppDirs, executable_dir, resources_dir
from kiosk.protocol import ID_PATTERN, Language

CONFIG_ENV = "DVC_KIOSK_CONFIG"
CONFIG_NAME = "kiosk.toml"
DEMO_HELP_POINT = "demo"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) (\d\d):(\d\d)-(\d\d):(\d\d)$")


class ConfigError(Exception):
    """A config file that cannot be used; names the file and the key for IT staff."""

    def __init__(self, file: Path | str, key: str, message: str) -> None:
        super().__init__(f"{file}: {key}: {message}")
        self.file = str(file)
        self.key = key
        self.message = message


@dataclass(frozen=True)
class OpeningHours:
    """One weekly opening slot, when volunteers are at the help point."""

    weekday: int  # 0 = Monday
    start: time
    end: time

    def contains(self, moment: datetime) -> bool:
        """Whether `moment` (local time) falls inside this slot."""
        return moment.weekday() == self.weekday and self.start <= moment.time() < self.end


@dataclass(frozen=True)
class HelpPoint:
    """A registered help point (resources/help_points.toml)."""

    id: str
    name: str
    ward: str


@dataclass(frozen=True)
class SyncConfig:
    """How to reach the district collector; absent when the kiosk is offline-only."""

    server: str
    token: str
    catalog_public_key: str | None = None
    interval_seconds: int = 300


@dataclass(frozen=True)
class KioskConfig:
    """Everything configurable about one kiosk."""

    help_point: HelpPoint
    kiosk_id: str = "kiosk-1"
    demo: bool = False
    source: Path | None = None
    opening_hours: tuple[OpeningHours, ...] = ()
    idle_seconds: int = 120
    idle_answer_seconds: int = 30
    error_return_seconds: int = 8
    kiosk_mode: bool = True
    language: str = Language.VI.value
    top_procedures: tuple[str, ...] = ()
    pin_hash: str | None = None
    sync: SyncConfig | None = None
    notices: tuple[str, ...] = field(default=())

    def is_open(self, moment: datetime) -> bool:
        """Whether volunteers should be there now."""
        return any(slot.contains(moment) for slot in self.opening_hours)

    def next_opening(self, moment: datetime) -> tuple[int, OpeningHours] | None:
        """Days from `moment` and the next slot that starts after it, or None without hours."""
        best: tuple[int, OpeningHours] | None = None
        for days_ahead in range(0, 8):
            weekday = (moment.weekday() + days_ahead) % 7
            for slot in sorted(self.opening_hours, key=lambda s: s.start):
                if slot.weekday != weekday:
                    continue
                if days_ahead == 0 and slot.start <= moment.time():
                    continue
                return days_ahead, slot
        return best


def find_config_file(dirs: AppDirs) -> Path | None:
    """The first config file in the lookup order, or None (demo). $DVC_KIOSK_CONFIG must exist."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named)
    candidates = [executable_dir() / CONFIG_NAME]
    if dirs.site_config is not None:
        candidates.append(dirs.site_config / CONFIG_NAME)
    candidates.append(dirs.config / CONFIG_NAME)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def load_help_points(path: Path | None = None) -> dict[str, HelpPoint]:
    """The registered help points shipped with the kiosk (content, not code)."""
    path = path or resources_dir() / "help_points.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {
        hp["id"]: HelpPoint(hp["id"], hp["name"], hp["ward"]) for hp in data.get("help_points", [])
    }


def demo_config() -> KioskConfig:
    """The configuration used when no file exists: a labelled demo help point."""
    points = load_help_points()
    return KioskConfig(
        help_point=points[DEMO_HELP_POINT],
        kiosk_id="demo-1",
        demo=True,
        kiosk_mode=False,
        opening_hours=tuple(
            _parse_hours(h, "help_point.opening_hours", Path("(demo)"))
            for h in ("tue 17:30-20:30", "wed 17:30-20:30", "thu 17:30-20:30", "sat 08:00-11:00")
        ),
    )


def load_config(dirs: AppDirs) -> KioskConfig:
    """Find and read the config; demo without a file; ConfigError when the file is wrong."""
    path = find_config_file(dirs)
    if path is None:
        return demo_config()
    return read_config(path)


def read_config(path: Path) -> KioskConfig:
    """Read one config file; every fault raises ConfigError(file, key, message)."""
    if not path.is_file():
        raise ConfigError(path, "(file)", "the file does not exist")
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "(toml)", f"not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "(file)", f"cannot be read: {exc}") from None
    return _build(data, path)


def _get(table: dict[str, Any], key: str, kind: type, path: Path, name: str, default: Any) -> Any:
    if key not in table:
        if default is _REQUIRED:
            raise ConfigError(path, name, "missing")
        return default
    value = table[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(path, name, f"must be a whole number, not {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(path, name, f"must be {kind.__name__}, not {type(value).__name__}")
    return value


_REQUIRED = object()
_KNOWN = {
    "help_point": {"id", "opening_hours"},
    "kiosk": {
        "id",
        "idle_seconds",
        "idle_answer_seconds",
        "error_return_seconds",
        "kiosk_mode",
        "language",
        "top_procedures",
    },
    "volunteer": {"pin_hash"},
    "sync": {"server", "token", "catalog_public_key", "interval_seconds"},
}


def _table(data: dict[str, Any], key: str, path: Path, required: bool) -> dict[str, Any] | None:
    if key not in data:
        if required:
            raise ConfigError(path, f"[{key}]", "section missing")
        return None
    value = data[key]
    if not isinstance(value, dict):
        raise ConfigError(path, key, "must be a [section]")
    unknown = sorted(set(value) - _KNOWN[key])
    if unknown:
        raise ConfigError(path, f"{key}.{unknown[0]}", "unknown key (a typo?)")
    return value


def _parse_hours(text: Any, name: str, path: Path) -> OpeningHours:
    match = _HOURS.match(text) if isinstance(text, str) else None
    if not match:
        raise ConfigError(path, name, f"{text!r} is not like 'sat 08:00-11:00'")
    day, h1, m1, h2, m2 = match.groups()
    try:
        start, end = time(int(h1), int(m1)), time(int(h2), int(m2))
    except ValueError:
        raise ConfigError(path, name, f"{text!r} has an impossible time") from None
    if end <= start:
        raise ConfigError(path, name, f"{text!r} ends before it starts")
    return OpeningHours(DAYS.index(day), start, end)


def _build(data: dict[str, Any], path: Path) -> KioskConfig:
    unknown = sorted(set(data) - set(_KNOWN))
    if unknown:
        raise ConfigError(path, unknown[0], "unknown section (a typo?)")
    hp = _table(data, "help_point", path, required=True)
    kiosk = _table(data, "kiosk", path, required=True)
    assert hp is not None and kiosk is not None
    hp_id = _get(hp, "id", str, path, "help_point.id", _REQUIRED)
    points = load_help_points()
    if hp_id not in points:
        raise ConfigError(path, "help_point.id", f"unknown help point '{hp_id}'")
    hours = _get(hp, "opening_hours", list, path, "help_point.opening_hours", [])
    opening = tuple(
        _parse_hours(h, f"help_point.opening_hours[{i}]", path) for i, h in enumerate(hours)
    )
    kiosk_id = _get(kiosk, "id", str, path, "kiosk.id", _REQUIRED)
    if not ID_PATTERN.fullmatch(kiosk_id):
        raise ConfigError(path, "kiosk.id", "use lower-case letters, digits and '-'")
    idle = _get(kiosk, "idle_seconds", int, path, "kiosk.idle_seconds", 120)
    if not 15 <= idle <= 3600:
        raise ConfigError(path, "kiosk.idle_seconds", "must be between 15 and 3600")
    answer = _get(kiosk, "idle_answer_seconds", int, path, "kiosk.idle_answer_seconds", 30)
    if not 20 <= answer <= 600:
        raise ConfigError(path, "kiosk.idle_answer_seconds", "must be between 20 and 600")
    error_return = _get(kiosk, "error_return_seconds", int, path, "kiosk.error_return_seconds", 8)
    language = _get(kiosk, "language", str, path, "kiosk.language", "vi")
    if language not in {lang.value for lang in Language}:
        raise ConfigError(path, "kiosk.language", "must be 'vi' or 'en'")
    top = _get(kiosk, "top_procedures", list, path, "kiosk.top_procedures", [])
    if not all(isinstance(t, str) for t in top):
        raise ConfigError(path, "kiosk.top_procedures", "must be a list of procedure ids")

    volunteer = _table(data, "volunteer", path, required=False) or {}
    pin_hash = _get(volunteer, "pin_hash", str, path, "volunteer.pin_hash", None)

    sync_table = _table(data, "sync", path, required=False)
    sync = None
    if sync_table is not None:
        server = _get(sync_table, "server", str, path, "sync.server", _REQUIRED)
        if not server.startswith(("https://", "http://")):
            raise ConfigError(path, "sync.server", "must start with https://")
        sync = SyncConfig(
            server=server.rstrip("/"),
            token=_get(sync_table, "token", str, path, "sync.token", _REQUIRED),
            catalog_public_key=_get(
                sync_table, "catalog_public_key", str, path, "sync.catalog_public_key", None
            ),
            interval_seconds=_get(
                sync_table, "interval_seconds", int, path, "sync.interval_seconds", 300
            ),
        )
    return KioskConfig(
        help_point=points[hp_id],
        kiosk_id=kiosk_id,
        source=path,
        opening_hours=opening,
        idle_seconds=idle,
        idle_answer_seconds=answer,
        error_return_seconds=error_return,
        kiosk_mode=_get(kiosk, "kiosk_mode", bool, path, "kiosk.kiosk_mode", True),
        language=language,
        top_procedures=tuple(top),
        pin_hash=pin_hash,
        sync=sync,
    )
