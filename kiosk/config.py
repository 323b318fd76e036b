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

from kiosk.config_file import ConfigFileError, read_tables
from kiosk.paths import AppDirs, executable_dir, resources_dir
from kiosk.pin_format import pin_hash_config_message, pin_hash_problem
from kiosk.portal import LoopbackOrigin, PortalConfig
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
    portal: PortalConfig = field(default_factory=PortalConfig)

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
    try:
        data = read_tables(path)  # size cap, BOM, nesting, key depth and count: kiosk.config_file
    except ConfigFileError as exc:
        raise ConfigError(path, exc.key, exc.message) from None
    except MemoryError:  # anywhere in reading: IT's calm page, never a crash loop (#21 item 6)
        data = None
    if data is None:
        raise ConfigError(path, "(file)", "too large to read (out of memory)")
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
    "sync": {"server", "token", "catalog_public_key", "interval_seconds", "test_loopback_http"},
    "portal": {
        "enabled",
        "scan_folder",
        "removable_media",
        "delete_scans",
        "delete_scans_after_minutes",
        "software_rendering",
        "test_origin",
    },
}


# Every number a config may hold, with the range the kiosk accepts (docs/it-guide.md). A value
# outside it is a typo or a misunderstanding (-5 s, a billion seconds), never a wish to honour.
RANGES: dict[str, tuple[int, int]] = {
    "kiosk.idle_seconds": (15, 3600),
    "kiosk.idle_answer_seconds": (20, 600),
    "kiosk.error_return_seconds": (3, 300),
    "sync.interval_seconds": (5, 86400),  # the sync worker never waits less than 5 s
    "portal.delete_scans_after_minutes": (5, 1440),  # a scan outlives no day
}


def _in_range(value: int, name: str, path: Path) -> int:
    low, high = RANGES[name]
    if not low <= value <= high:
        raise ConfigError(path, name, f"must be between {low} and {high}, not {value}")
    return value


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
    _in_range(idle, "kiosk.idle_seconds", path)
    answer = _get(kiosk, "idle_answer_seconds", int, path, "kiosk.idle_answer_seconds", 30)
    _in_range(answer, "kiosk.idle_answer_seconds", path)
    error_return = _get(kiosk, "error_return_seconds", int, path, "kiosk.error_return_seconds", 8)
    _in_range(error_return, "kiosk.error_return_seconds", path)
    language = _get(kiosk, "language", str, path, "kiosk.language", "vi")
    if language not in {lang.value for lang in Language}:
        raise ConfigError(path, "kiosk.language", "must be 'vi' or 'en'")
    top = _get(kiosk, "top_procedures", list, path, "kiosk.top_procedures", [])
    if not all(isinstance(t, str) for t in top):
        raise ConfigError(path, "kiosk.top_procedures", "must be a list of procedure ids")

    volunteer = _table(data, "volunteer", path, required=False) or {}
    pin_hash = _get(volunteer, "pin_hash", str, path, "volunteer.pin_hash", None)
    hash_problem = pin_hash_problem(pin_hash) if pin_hash is not None else None
    if hash_problem is not None:
        raise ConfigError(path, "volunteer.pin_hash", pin_hash_config_message(hash_problem))

    sync_table = _table(data, "sync", path, required=False)
    sync = None
    if sync_table is not None:
        server = _get(sync_table, "server", str, path, "sync.server", _REQUIRED)
        server = _sync_server(server, sync_table, path)
        sync = SyncConfig(
            server=server.rstrip("/"),
            token=_get(sync_table, "token", str, path, "sync.token", _REQUIRED),
            catalog_public_key=_get(
                sync_table, "catalog_public_key", str, path, "sync.catalog_public_key", None
            ),
            interval_seconds=_in_range(
                _get(sync_table, "interval_seconds", int, path, "sync.interval_seconds", 300),
                "sync.interval_seconds",
                path,
            ),
        )
    portal = _portal(_table(data, "portal", path, required=False), path)
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
        portal=portal,
    )


def _sync_server(server: str, table: dict[str, Any], path: Path) -> str:
    """The collector's address: https:// always, since the token goes with every request.
    Only test configuration (`test_loopback_http = true`, which provision writes for a
    loopback trial) may name a plain-http loopback origin, the test collector on this PC."""
    loopback_http = _get(table, "test_loopback_http", bool, path, "sync.test_loopback_http", False)
    if server.startswith("https://"):
        return server
    if server.startswith("http://") and loopback_http:
        try:
            LoopbackOrigin.parse(server)
        except ValueError as exc:
            raise ConfigError(path, "sync.server", f"{exc} (test_loopback_http)") from None
        return server
    raise ConfigError(
        path, "sync.server", "must start with https:// (the token must not go in clear)"
    )


def _portal(table: dict[str, Any] | None, path: Path) -> PortalConfig:
    """The `[portal]` section: the embedded portal view (all keys optional)."""
    if table is None:
        return PortalConfig()
    folder = _get(table, "scan_folder", str, path, "portal.scan_folder", None)
    scan_folder = None
    if folder is not None:
        scan_folder = Path(folder).expanduser()
        if not scan_folder.is_absolute():
            raise ConfigError(path, "portal.scan_folder", "must be a full path (/srv/scans)")
    origin_text = _get(table, "test_origin", str, path, "portal.test_origin", None)
    origin = None
    if origin_text is not None:
        try:
            origin = LoopbackOrigin.parse(origin_text)
        except ValueError as exc:
            raise ConfigError(path, "portal.test_origin", f"{exc} (tests only)") from None
    # Scans always go (a stranger's ID card must not wait for the next resident); the config
    # only says when. `delete_scans = true` of older configs says the default.
    if not _get(table, "delete_scans", bool, path, "portal.delete_scans", True):
        raise ConfigError(
            path,
            "portal.delete_scans",
            "scans are always deleted now; remove this line (they go when the resident's "
            "session ends) or set delete_scans_after_minutes",
        )
    after = _get(
        table, "delete_scans_after_minutes", int, path, "portal.delete_scans_after_minutes", None
    )
    if after is not None:
        _in_range(after, "portal.delete_scans_after_minutes", path)
    return PortalConfig(
        enabled=_get(table, "enabled", bool, path, "portal.enabled", True),
        scan_folder=scan_folder,
        removable_media=_get(table, "removable_media", bool, path, "portal.removable_media", True),
        delete_scans_after_minutes=after,
        software_rendering=_get(
            table, "software_rendering", bool, path, "portal.software_rendering", False
        ),
        test_origin=origin,
    )
