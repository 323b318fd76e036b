"""The portal view's rules without Qt: where it may go, where it opens, what it keeps on disk.

The Qt side (`ui/portal/`) asks this module every question that has an answer in plain data:
is this address on the allow-list (the catalog's `[[portal_hosts]]`, plus a loopback origin
that only a test config can add), which page a procedure opens on, how a session's folder and
a downloaded file are named, which files the upload picker may offer, and which scans were
made during a session. Nothing here ever sees what a resident typed.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from kiosk.catalog.model import Catalog, PortalHostRole, Procedure

# A government host: lower-case labels of letters, digits and '-', under gov.vn.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^(?:\*\.)?(?:{_LABEL}\.)+{_LABEL}$")
GOV_SUFFIX = ".gov.vn"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Addresses the engine makes for itself: an empty popup, an inline frame's own document, the
# page's in-memory files (a receipt being saved) and inline pictures.
INTERNAL_SCHEMES = frozenset({"about", "data", "blob"})
RUN_PREFIX = "run-"
SESSION_PREFIX = "session-"
DOWNLOADS = "downloads"
MAX_FILE_NAME = 120
PICKER_LIMIT = 200
PICKER_DEPTH = 2
# How long a portal session may be recorded as lasting (a day; anything longer is a stuck kiosk).
MAX_PORTAL_SECONDS = 86_400


class Verdict(StrEnum):
    """What the allow-list says about one address."""

    ALLOWED = "allowed"
    INTERNAL = "internal"  # about:blank, data:, blob: of an allowed page
    NOT_HTTPS = "not-https"  # http:// (or another scheme) to an allowed host
    FOREIGN_HOST = "foreign-host"  # a host outside the allow-list
    NOT_A_WEB_ADDRESS = "not-a-web-address"  # file:, view-source:, chrome:, devtools: …


def host_problem(host: str, role: PortalHostRole) -> str | None:
    """Why `host` cannot be an allow-list entry for `role`, or None when it can.

    Exact host names only ("dichvucong.gov.vn"), or "*.<host>" for a government portal's own
    sub-sites; never a scheme, port, path or IP address. Outside *.gov.vn only a payment
    gateway may appear (DESIGN.md's one exception), and never as a wildcard.
    """
    if host != host.strip().lower():
        return "must be lower case, without spaces"
    if not _HOST.fullmatch(host):
        return "must be a host name like 'dichvucong.gov.vn' (no https://, port or path)"
    bare = host[2:] if host.startswith("*.") else host
    if bare.rsplit(".", 1)[-1].isdigit():
        return "must be a host name, not an IP address"
    government = bare.endswith(GOV_SUFFIX)
    if host.startswith("*.") and (not government or bare.count(".") < 2):
        return "a wildcard is allowed only for a portal's own sub-sites ('*.<portal>.gov.vn')"
    if not government and role is not PortalHostRole.PAYMENT_GATEWAY:
        return "only a payment gateway may be outside *.gov.vn"
    return None


@dataclass(frozen=True)
class LoopbackOrigin:
    """A loopback origin that test configuration (never the catalog) may add: the fake portal."""

    scheme: str
    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> LoopbackOrigin:
        """'http://127.0.0.1:8765' → LoopbackOrigin; ValueError (a sentence) for anything else."""
        parts = urlsplit(text.strip())
        if parts.scheme not in ("http", "https"):
            raise ValueError("must start with http:// or https://")
        host = (parts.hostname or "").lower()
        if host not in LOOPBACK_HOSTS:
            raise ValueError("must be a loopback address (127.0.0.1, localhost or [::1])")
        if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
            raise ValueError("must be an origin only, like http://127.0.0.1:8765")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("has an impossible port") from None
        if port is None:
            raise ValueError("needs its port, like http://127.0.0.1:8765")
        return cls(parts.scheme, host, port)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


@dataclass(frozen=True)
class PortalConfig:
    """The `[portal]` section of kiosk.toml (kiosk.config reads and checks it)."""

    enabled: bool = True
    scan_folder: Path | None = None  # where the help point's scanner saves
    removable_media: bool = True  # USB sticks may be offered in the upload picker
    # When scans leave the scan folder: None = when the resident's session ends (the default);
    # N = once they are N minutes old (never one of the open session's own scans).
    delete_scans_after_minutes: int | None = None
    software_rendering: bool = False  # old GPUs: draw the web view without OpenGL
    test_origin: LoopbackOrigin | None = None  # tests and demos only: the fake portal


def portal_report(settings: PortalConfig, data_dir: Path | None = None) -> dict[str, object]:
    """The portal view's setup for `dvc-kiosk status`: a scan folder that is configured but
    missing shows here (the upload picker would only say it found nothing), and so do old
    scans the running kiosk could not delete (kept in `data_dir`)."""
    folder = settings.scan_folder
    return {
        "enabled": settings.enabled,
        "scan_folder": str(folder) if folder else None,
        "scan_folder_found": folder.is_dir() if folder else None,
        "removable_media": settings.removable_media,
        "delete_scans": scan_rule_text(settings.delete_scans_after_minutes),
        "scans_not_deleted": read_scan_problem(data_dir) if data_dir is not None else None,
        "software_rendering": settings.software_rendering,
        "test_origin": str(settings.test_origin) if settings.test_origin else None,
    }


class AllowList:
    """The hosts the portal view may open: https on the catalog's hosts (plus a test origin)."""

    def __init__(self, hosts: Iterable[str], test_origin: LoopbackOrigin | None = None) -> None:
        self.exact: frozenset[str] = frozenset()
        self.suffixes: tuple[str, ...] = ()
        exact, suffixes = set(), []
        for host in hosts:
            if host.startswith("*."):
                suffixes.append(host[1:])  # "*.x.gov.vn" matches "a.x.gov.vn", not "x.gov.vn"
            else:
                exact.add(host)
        self.exact = frozenset(exact)
        self.suffixes = tuple(suffixes)
        self.test_origin = test_origin

    @classmethod
    def from_catalog(cls, catalog: Catalog, test_origin: LoopbackOrigin | None = None) -> AllowList:
        """The allow-list a catalog publishes."""
        return cls((entry.host for entry in catalog.portal_hosts), test_origin)

    def host_allowed(self, host: str) -> bool:
        """Whether a bare host name is on the list (test origins are matched with their port)."""
        host = host.lower().rstrip(".")
        return host in self.exact or any(host.endswith(s) for s in self.suffixes)

    def verdict(self, url: str) -> Verdict:
        """What may happen to a request for `url` (an absolute address, ASCII-encoded)."""
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            return Verdict.NOT_A_WEB_ADDRESS
        scheme = parts.scheme.lower()
        if scheme in INTERNAL_SCHEMES:
            if scheme == "blob":  # blob:https://host/uuid belongs to the page that made it
                inner = self.verdict(url.split(":", 1)[1])
                return Verdict.INTERNAL if inner is Verdict.ALLOWED else inner
            return Verdict.INTERNAL
        if scheme not in ("https", "http"):
            return Verdict.NOT_A_WEB_ADDRESS
        host = (parts.hostname or "").lower().rstrip(".")
        origin = self.test_origin
        default_port = 443 if scheme == "https" else 80
        if origin is not None and (scheme, host, port or default_port) == (
            origin.scheme,
            origin.host,
            origin.port,
        ):
            return Verdict.ALLOWED
        if not self.host_allowed(host):
            return Verdict.FOREIGN_HOST
        if scheme != "https" or port not in (None, 443):
            return Verdict.NOT_HTTPS
        return Verdict.ALLOWED

    def allows(self, url: str) -> bool:
        """Whether the portal view may load `url` as a page of its own."""
        return self.verdict(url) is Verdict.ALLOWED

    def for_test(self, url: str) -> str:
        """`url` moved onto the test origin (same path and query), or unchanged without one."""
        if self.test_origin is None:
            return url
        parts = urlsplit(url)
        return urlunsplit(
            (*urlsplit(str(self.test_origin))[:2], parts.path or "/", parts.query, "")
        )


def portal_page(procedure: Procedure, catalog: Catalog, allow: AllowList) -> str | None:
    """The page a procedure's portal opens on: its first portal whose address is allowed."""
    for portal_id in procedure.portals:
        portal = catalog.portals.get(portal_id)
        if portal is None:
            continue
        url = allow.for_test(portal.url)
        if allow.allows(url):
            return url
    return None


def display_host(url: str) -> str:
    """The host (and a non-default port) the read-only bar shows for `url`; '' if none."""
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or ""), parts.port
    except ValueError:
        return ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def is_secure(url: str) -> bool:
    """Whether the bar may call the page secure: https (the engine refuses bad certificates)."""
    return url.lower().startswith("https://")


# ----- files ---------------------------------------------------------------------------------
def new_run_folder(root: Path) -> Path:
    """This kiosk process's folder under `root` (<root>/run-<random>; made on first use).

    Everything of an earlier run is a leftover of a crash or power cut, deleted at start-up
    without touching a session of this run (see `leftover_run_folders`).
    """
    return root / f"{RUN_PREFIX}{os.urandom(6).hex()}"


def new_session_folder(run: Path) -> Path:
    """A fresh, private folder for one portal session's downloads: <run>/session-<random>."""
    folder = run / f"{SESSION_PREFIX}{os.urandom(8).hex()}"
    (folder / DOWNLOADS).mkdir(parents=True, mode=0o700)
    return folder


def leftover_run_folders(root: Path, current: Path) -> list[Path]:
    """Folders earlier kiosk runs left under `root` (a crash, a power cut): all but `current`."""
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if p.is_dir() and p.name.startswith(RUN_PREFIX) and p.name != current.name
    )


def remove_portal_folder(folder: Path, root: Path) -> None:
    """Delete a run or session folder and everything in it — never anything outside `root`."""
    inside = folder.resolve().is_relative_to(root.resolve()) and folder.resolve() != root.resolve()
    if not inside or not folder.name.startswith((RUN_PREFIX, SESSION_PREFIX)):
        raise ValueError("not a portal folder")
    import shutil

    shutil.rmtree(folder)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_file_name(suggested: str, fallback: str = "tai-ve") -> str:
    """A downloaded file's name that cannot leave its folder or break a file system."""
    import unicodedata  # not at import: the config (read before the first paint) uses this module

    name = unicodedata.normalize("NFC", suggested).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name:
        name = fallback
    if len(name) > MAX_FILE_NAME:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_FILE_NAME - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_FILE_NAME]
    return name


def unique_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)`, `name (3)` … when that file exists already."""
    candidate = folder / name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    number = 2
    while candidate.exists():
        candidate = folder / (f"{stem} ({number}).{ext}" if ext else f"{stem} ({number})")
        number += 1
    return candidate


@dataclass(frozen=True)
class PickableFile:
    """A file the upload picker may offer."""

    path: Path
    size: int
    modified: float  # seconds since the epoch (the file system's clock)
    place: Path  # the scan folder or the USB stick it is on


def accepts(name: str, accept: Sequence[str]) -> bool:
    """Whether a file named `name` fits an upload field's `accept` list (".pdf", "image/*")."""
    if not accept:
        return True
    import mimetypes

    lowered = name.lower()
    kind = mimetypes.guess_type(lowered)[0] or ""
    for item in (a.strip().lower() for a in accept):
        if not item:
            continue
        if item.startswith(".") and lowered.endswith(item):
            return True
        if item.endswith("/*") and kind.startswith(item[:-1]):
            return True
        if item == kind:
            return True
    return False


def pickable_files(
    places: Sequence[Path], accept: Sequence[str] = (), limit: int = PICKER_LIMIT
) -> list[PickableFile]:
    """The files in `places` (two folder levels deep, hidden ones left out), newest first."""
    found: list[PickableFile] = []
    for place in places:
        found.extend(_walk_files(place, place, accept, PICKER_DEPTH))
    found.sort(key=lambda f: (-f.modified, f.path.name))
    return found[:limit]


def _walk_files(place: Path, folder: Path, accept: Sequence[str], depth: int) -> list[PickableFile]:
    out: list[PickableFile] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return out
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if depth > 1:
                    out.extend(_walk_files(place, Path(entry.path), accept, depth - 1))
            elif entry.is_file(follow_symlinks=False) and accepts(entry.name, accept):
                info = entry.stat(follow_symlinks=False)
                out.append(PickableFile(Path(entry.path), info.st_size, info.st_mtime, place))
        except OSError:
            continue
    return out


def is_inside(path: Path, places: Sequence[Path]) -> bool:
    """Whether `path` (symlinks resolved) lies inside one of `places`: the picker's last check."""
    try:
        real = path.resolve(strict=True)
    except OSError:
        return False
    return any(real.is_relative_to(place.resolve()) for place in places)


# ----- the scan folder: whose scans, and when they go ------------------------------------
# A file dated this far after "now" is not listed: its time says nothing about whose it is.
FUTURE_SLACK_SECONDS = 120.0
SCAN_LIMIT = 10_000


def session_scans(
    files: Iterable[PickableFile], since: datetime | None, now: datetime
) -> list[PickableFile]:
    """The scans the upload picker offers this resident: those that arrived in the scan folder
    from the start of their session (`since`) on, newest first. No session, nothing: an
    earlier resident's scans (a stranger's ID card) are never offered.

    "Arrived" is the file's modification time. A scan copied in with an older time kept is
    left out, never a file of before the session counted in: the safe way to be wrong.
    """
    if since is None:
        return []
    start, latest = since.timestamp(), now.timestamp() + FUTURE_SLACK_SECONDS
    own = [f for f in files if start <= f.modified <= latest]
    own.sort(key=lambda f: (-f.modified, f.path.name))
    return own


def upload_choices(
    scan_folder: Path | None,
    usb_sticks: Sequence[Path],
    accept: Sequence[str],
    since: datetime | None,
    now: datetime,
    limit: int = PICKER_LIMIT,
) -> list[PickableFile]:
    """What the upload picker lists: this session's scans, and the files on the resident's own
    USB sticks, newest first."""
    scans = pickable_files([scan_folder], accept, SCAN_LIMIT) if scan_folder is not None else []
    found = session_scans(scans, since, now) + pickable_files(usb_sticks, accept, limit)
    found.sort(key=lambda f: (-f.modified, f.path.name))
    return found[:limit]


def scans_to_delete(
    files: Iterable[PickableFile],
    now: datetime,
    after_minutes: int | None,
    open_since: datetime | None,
) -> list[Path]:
    """The scans the rule deletes now.

    At the end of a session (`after_minutes` None, asked when a session ends and at start-up,
    with no session open): every file in the scan folder the picker could ever list — hers,
    and any an earlier resident or a crash left. After N minutes: those that arrived more than
    N minutes ago, but never one of the open session's own (`open_since` on), which stay until
    that session ends or they are N minutes old after it.
    """
    files = list(files)
    if after_minutes is None:
        if open_since is not None:
            return [f.path for f in files if f.modified < open_since.timestamp()]
        return [f.path for f in files]
    cutoff = now.timestamp() - after_minutes * 60
    if open_since is not None:
        cutoff = min(cutoff, open_since.timestamp())
    return [f.path for f in files if f.modified < cutoff]


@dataclass(frozen=True)
class ScanCleanup:
    """What one pass of the scan rule did: how many went, how many could not (and why)."""

    deleted: int
    failed: int
    error: str | None  # the first failure's kind ("PermissionError"); never a file's name

    def problem(self, folder: Path) -> str | None:
        """The sentence for IT when something could not be deleted (None when all went)."""
        if not self.failed:
            return None
        return (
            f"{self.failed} old scan(s) in {folder} could not be deleted ({self.error}): "
            "give the kiosk account the right to delete files there"
        )


def clean_scans(
    folder: Path, now: datetime, after_minutes: int | None, open_since: datetime | None
) -> ScanCleanup:
    """Apply the scan rule to `folder` (on the disk: off the GUI thread)."""
    if not folder.is_dir():
        return ScanCleanup(0, 0, None)
    files = pickable_files([folder], limit=SCAN_LIMIT)
    deleted = failed = 0
    error: str | None = None
    for path in scans_to_delete(files, now, after_minutes, open_since):
        try:
            path.unlink()
            deleted += 1
        except FileNotFoundError:
            continue
        except OSError as exc:
            failed += 1
            error = error or type(exc).__name__
    return ScanCleanup(deleted, failed, error)


def scan_rule_text(after_minutes: int | None) -> str:
    """The scan rule in IT's words (`dvc-kiosk status`, the log)."""
    if after_minutes is None:
        return "at the end of each resident's session"
    return f"{after_minutes} minutes after they arrive (never during their own session)"


SCAN_REPORT = "portal-scans.json"


def write_scan_problem(data_dir: Path, problem: str | None, at: datetime) -> None:
    """Keep (or clear, with None) the last scan-deletion failure where `status` reads it."""
    import json
    import tempfile

    target = data_dir / SCAN_REPORT
    if problem is None:
        target.unlink(missing_ok=True)
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{SCAN_REPORT}.", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"at": at.isoformat(timespec="seconds"), "problem": problem}, handle)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_scan_problem(data_dir: Path) -> dict[str, object] | None:
    """The last scan-deletion failure the kiosk kept (None when there is none)."""
    import json

    try:
        document = json.loads((data_dir / SCAN_REPORT).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return {"at": None, "problem": f"{SCAN_REPORT}: unreadable ({type(exc).__name__})"}
    return document if isinstance(document, dict) else {"at": None, "problem": "not a report"}


# ----- payments -----------------------------------------------------------------------------
PAYMENT_ROLES = (PortalHostRole.PAYMENT_PLATFORM, PortalHostRole.PAYMENT_GATEWAY)
# The test origin stands for every catalog host (AllowList.for_test); its pages under this
# path stand for the payment platform's.
TEST_PAYMENT_PATH = "/thanh-toan"


def is_payment_page(url: str, catalog: Catalog, test_origin: LoopbackOrigin | None = None) -> bool:
    """Whether `url` is on one of the catalog's payment hosts (PayGov, a gateway): a page
    refused from there is a way to pay that does not work here."""
    if test_origin is not None and url.startswith(str(test_origin)):
        return urlsplit(url).path.startswith(TEST_PAYMENT_PATH)
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    for entry in catalog.portal_hosts:
        if entry.role not in PAYMENT_ROLES:
            continue
        if host == entry.host or (entry.host.startswith("*.") and host.endswith(entry.host[1:])):
            return True
    return False


def working_payment_ways(catalog: Catalog, language: str) -> list[str]:
    """The payment gateways the portal view can open (the catalog's allow-list), by name, in
    the catalog's order, each once."""
    names: list[str] = []
    for entry in catalog.portal_hosts:
        if entry.role is PortalHostRole.PAYMENT_GATEWAY:
            name = entry.name.get(language)
            if name not in names:
                names.append(name)
    return names


LINUX_MEDIA_BASES = (Path("/media"), Path("/run/media"))


def removable_media(bases: Sequence[Path] = LINUX_MEDIA_BASES) -> list[Path]:
    """Mounted USB sticks and memory cards: mount points under /media and /run/media
    (one or two levels down: /media/<label> or /media/<user>/<label>); removable drives on
    Windows."""
    if sys.platform == "win32":  # pragma: no cover - exercised on the Windows kiosks
        return _windows_removable_drives()
    found: list[Path] = []
    for base in bases:
        for level_one in _subfolders(base):
            if os.path.ismount(level_one):
                found.append(level_one)
                continue
            found.extend(p for p in _subfolders(level_one) if os.path.ismount(p))
    return found


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


def _windows_removable_drives() -> list[Path]:  # pragma: no cover - Windows only
    import ctypes
    import string

    drive_removable = 2
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    drives = []
    for index, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << index) and kernel.GetDriveTypeW(f"{letter}:\\") == drive_removable:
            drives.append(Path(f"{letter}:\\"))
    return drives


# ----- what the journal records -----------------------------------------------------------
@dataclass(frozen=True)
class PortalUsageSummary:
    """A session's portal use as the journal keeps it: ids and numbers, never an address."""

    procedure_id: str
    seconds: int
    reached_last_step: bool


class PortalUsage:
    """The wizard's portal state for one session: open or not, for which procedure, how long.

    Times come from a monotonic clock (a wall-clock jump must not make a visit negative).
    """

    def __init__(self, monotonic: Callable[[], float]) -> None:
        self._monotonic = monotonic
        self.page_for: Callable[[Procedure], str | None] | None = None  # set when enabled
        self.offline = False  # the network is known to be down
        self.is_open = False
        self.reset()

    def reset(self) -> None:
        """A new session: nothing used yet."""
        self.is_open = False
        self.procedure_id: str | None = None
        self._seconds = 0.0
        self._opened_at: float | None = None
        self._last_step = False

    def page(self, procedure: Procedure | None) -> str | None:
        """The portal page `procedure` opens on, or None when it cannot be done here."""
        if self.page_for is None or procedure is None:
            return None
        return self.page_for(procedure)

    def open(self, procedure: Procedure, furthest_step: int) -> None:
        """The portal appears beside a step of `procedure`."""
        self.is_open = True
        self.procedure_id = procedure.id
        self._opened_at = self._monotonic()
        self.note_step(procedure, furthest_step)

    def close(self) -> int | None:
        """The portal leaves the screen; the seconds it was there (None if it was not open)."""
        if not self.is_open:
            return None
        self.is_open = False
        opened, self._opened_at = self._opened_at, None
        seconds = max(0.0, self._monotonic() - opened) if opened is not None else 0.0
        self._seconds += seconds
        return round(seconds)

    def note_step(self, procedure: Procedure, furthest_step: int) -> None:
        """The resident reached `furthest_step` of `procedure` (the last one counts)."""
        if procedure.id == self.procedure_id and furthest_step >= len(procedure.steps):
            self._last_step = True

    def summary(self) -> PortalUsageSummary | None:
        """What the journal records for this session (None when the portal was not opened)."""
        if self.procedure_id is None:
            return None
        seconds = min(round(self._seconds), MAX_PORTAL_SECONDS)
        return PortalUsageSummary(self.procedure_id, seconds, self._last_step)
