"""Reads the catalog's TOML files into `model` objects, naming file and field for every fault.

The format is described in docs/catalog-format.md. A broken procedure file is skipped and its
problems are kept on the returned Catalog, so the kiosk keeps running on the rest; only a broken
`catalog.toml` (the index everything else refers to) raises CatalogError.
"""

from __future__ import annotations

import logging
import threading
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from kiosk.catalog.model import (
    MAX_WORKING_DAYS,
    QUOTE_MAX_CHARS,
    Account,
    Agency,
    AgencyKind,
    Catalog,
    Category,
    DocumentList,
    Fee,
    FeePeriod,
    NotOffered,
    Portal,
    PortalHost,
    PortalHostRole,
    Problem,
    Procedure,
    ProcessingTime,
    Quote,
    SharedPiece,
    Source,
    Step,
    Text,
)
from kiosk.protocol import ID_PATTERN, PracticeModule

log = logging.getLogger(__name__)
T = TypeVar("T")

INDEX_FILE = "catalog.toml"
SHARED_DIR = "shared"
PROCEDURES_DIR = "procedures"
IMAGES_DIR_NAME = "images"


class CatalogError(Exception):
    """The catalog cannot be used at all; `problems` says why, file and field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class Invalid(Exception):  # noqa: N818 (never leaves the loader; it becomes a Problem)
    """Raised inside the reader when a field is wrong; becomes a Problem."""

    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(message)
        self.field = field_path
        self.message = message


def is_government_url(url: str) -> bool:
    """Only https URLs on *.gov.vn may appear on a kiosk screen."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (host == "gov.vn" or host.endswith(".gov.vn"))


class Reader:
    """Typed access to one TOML table; every failure names the dotted field path."""

    def __init__(self, data: dict[str, Any], path: str = "") -> None:
        self.data = data
        self.path = path

    def _name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise Invalid(self._name(key), "missing")
        return self.data[key]

    def str_(self, key: str, optional: bool = False) -> str | None:
        if optional and key not in self.data:
            return None
        value = self.raw(key)
        if not isinstance(value, str) or not value.strip():
            raise Invalid(self._name(key), "must be a non-empty string")
        return value.strip()

    def req_str(self, key: str) -> str:
        value = self.str_(key)
        assert value is not None
        return value

    def id_(self, key: str) -> str:
        value = self.req_str(key)
        if not ID_PATTERN.fullmatch(value):
            raise Invalid(self._name(key), f"'{value}' is not an id (a-z, 0-9 and '-')")
        return value

    def int_(self, key: str, default: int | None = None, low: int = 0) -> int:
        if key not in self.data and default is not None:
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise Invalid(self._name(key), f"must be a whole number ≥ {low}")
        return value

    def opt_money(self, key: str) -> int | None:
        if key not in self.data:
            return None
        return self.int_(key)

    def bool_(self, key: str, default: bool | None = None) -> bool:
        if key not in self.data and default is not None:
            return default
        value = self.raw(key)
        if not isinstance(value, bool):
            raise Invalid(self._name(key), "must be true or false")
        return value

    def date_(self, key: str) -> date:
        value = self.raw(key)
        if not isinstance(value, date):
            raise Invalid(self._name(key), "must be a date like 2026-11-28")
        return value

    def opt_date(self, key: str) -> date | None:
        return self.date_(key) if key in self.data else None

    def text(self, key: str) -> Text:
        value = self.raw(key)
        return _text(value, self._name(key))

    def opt_text(self, key: str) -> Text | None:
        return self.text(key) if key in self.data else None

    def table(self, key: str) -> Reader:
        value = self.raw(key)
        if not isinstance(value, dict):
            raise Invalid(self._name(key), "must be a table")
        return Reader(value, self._name(key))

    def strings(self, key: str, optional: bool = False) -> tuple[str, ...]:
        if optional and key not in self.data:
            return ()
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise Invalid(self._name(key), "must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def tables(self, key: str, optional: bool = False) -> list[Reader]:
        if optional and key not in self.data:
            return []
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise Invalid(self._name(key), "must be a list of tables ([[...]])")
        return [Reader(v, f"{self._name(key)}[{i}]") for i, v in enumerate(value)]

    def texts(self, key: str) -> tuple[Text, ...]:
        value = self.raw(key)
        if not isinstance(value, list) or not value:
            raise Invalid(self._name(key), "must be a non-empty list")
        return tuple(_text(v, f"{self._name(key)}[{i}]") for i, v in enumerate(value))

    def url(self, key: str) -> str:
        value = self.req_str(key)
        if not is_government_url(value):
            raise Invalid(self._name(key), f"'{value}' is not an https URL on *.gov.vn")
        return value


def _text(value: Any, name: str) -> Text:
    if isinstance(value, str) and value.strip():
        return Text(value.strip())
    if isinstance(value, dict):
        unknown = set(value) - {"vi", "en"}
        if unknown:
            raise Invalid(f"{name}.{sorted(unknown)[0]}", "unknown language (use vi or en)")
        vi, en = value.get("vi"), value.get("en")
        if not isinstance(vi, str) or not vi.strip():
            raise Invalid(f"{name}.vi", "Vietnamese text is missing")
        if en is not None and (not isinstance(en, str) or not en.strip()):
            raise Invalid(f"{name}.en", "must be a non-empty string")
        return Text(vi.strip(), en.strip() if en else None)
    raise Invalid(name, "must be text or a table {vi = ..., en = ...}")


def _read_toml(path: Path, root: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid("(toml)", f"not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise Invalid("(file)", "not UTF-8 text") from None
    except OSError as exc:
        raise Invalid("(file)", f"cannot be read: {exc.strerror}") from None


def _sources(reader: Reader) -> tuple[Source, ...]:
    out = []
    for s in reader.tables("sources"):
        url = s.url("url") if s.has("url") else None
        out.append(Source(title=s.req_str("title"), url=url, checked=s.date_("checked")))
    if not out:
        raise Invalid(f"{reader._name('sources')}", "at least one source is needed")
    return tuple(out)


NO_QUOTE = (
    'confirmed without a quote: add quote = { text = "…", url = "https://….gov.vn/…", '
    "checked = … } copied exactly from the source, or mark it confirmed = false"
)


def _quote(r: Reader, key: str) -> Quote | None:
    """A fact's `quote` table, or None when there is none or it is malformed (a soft problem:
    the file still loads, and the fact it should back is then shown as not confirmed)."""
    if not r.has(key):
        return None
    try:
        q = r.table(key)
        text = q.req_str("text")
        if len(text) > QUOTE_MAX_CHARS:
            raise Invalid(
                q._name("text"),
                f"{len(text)} characters: a quote is a short excerpt (at most {QUOTE_MAX_CHARS})",
            )
        return Quote(text, q.url("url"), q.date_("checked"), q.str_("title", optional=True))
    except Invalid as exc:
        _soft_problems.items.append(exc)
        return None


def _quoted(r: Reader, confirmed: bool, quote: Quote | None, key: str = "quote") -> bool:
    """Whether a fact may be shown as confirmed: marked so, and backed by a quote. A confirmed
    fact without one is reported and shown as not confirmed ('kiểm tra lại trên cổng')."""
    if confirmed and quote is None:
        if not r.has(key):
            _soft_problems.items.append(Invalid(r._name(key), NO_QUOTE))
        return False
    return confirmed


def _document_list(r: Reader) -> DocumentList:
    """`[document_list]`: whether `documents` was found in a source; absent = not confirmed."""
    if not r.has("document_list"):
        return DocumentList()
    d = r.table("document_list")
    quote = _quote(d, "quote")
    return DocumentList(
        confirmed=_quoted(d, d.bool_("confirmed"), quote),
        basis=d.str_("basis", optional=True),
        quote=quote,
    )


class _Context:
    """What a procedure may refer to, and where images live."""

    def __init__(
        self, root: Path, index: Catalog, shared: dict[str, SharedPiece], images_dir: Path
    ) -> None:
        self.root = root
        self.index = index
        self.shared = shared
        self.images_dir = images_dir


# Problems that do not stop a file from loading (e.g. a missing picture: the step still shows
# its text, with a calm placeholder). They are collected per file by `_load_each`.
class _SoftProblems(threading.local):
    """Per-thread list, so a sync thread and the GUI thread can load catalogs at once."""

    def __init__(self) -> None:
        self.items: list[Invalid] = []


_soft_problems = _SoftProblems()


PORTAL_PATH_MAX = 200


def portal_path_problem(pattern: str) -> str | None:
    """Why a step's `portal_path` is not a usable page pattern, or None."""
    if not pattern.startswith(("/", "*")):
        return "a path pattern starts with '/' (or '*'), e.g. '/dang-nhap*'"
    if len(pattern) > PORTAL_PATH_MAX:
        return f"at most {PORTAL_PATH_MAX} characters"
    if any(ch in pattern for ch in "?#") or any(ch.isspace() for ch in pattern):
        return "a path only: no query ('?'), fragment ('#') or spaces"
    if pattern.strip("*/") == "":
        return "matches every page: name the page"
    return None


def _step(r: Reader, ctx_images: Path | None, shared_id: str | None = None) -> Step:
    practice = r.str_("practice", optional=True)
    if practice is not None and practice not in {m.value for m in PracticeModule}:
        choices = ", ".join(m.value for m in PracticeModule)
        raise Invalid(r._name("practice"), f"unknown practice module '{practice}' ({choices})")
    portal_path = r.str_("portal_path", optional=True)
    if portal_path is not None:
        problem = portal_path_problem(portal_path)
        if problem is not None:
            raise Invalid(r._name("portal_path"), problem)
    image = r.str_("image", optional=True)
    if image is not None and ctx_images is not None and not (ctx_images / image).is_file():
        missing = f"image '{image}' not found under resources/images/"
        _soft_problems.items.append(Invalid(r._name("image"), missing))
    return Step(
        title=r.text("title"),
        body=r.text("body"),
        image=image,
        tip=r.opt_text("tip"),
        mistake=r.opt_text("mistake"),
        practice=practice,
        shared_id=shared_id,
        portal_path=portal_path,
    )


def _index(path: Path) -> Catalog:
    r = Reader(_read_toml(path, path.parent))
    categories = {}
    for c in r.tables("categories"):
        cid = c.id_("id")
        categories[cid] = Category(cid, c.text("name"), c.str_("icon", optional=True))
    agencies = {}
    for a in r.tables("agencies"):
        aid = a.id_("id")
        kind = a.req_str("kind")
        if kind not in {k.value for k in AgencyKind}:
            raise Invalid(a._name("kind"), "must be 'ubnd' or 'cong-an'")
        agencies[aid] = Agency(aid, a.text("name"), AgencyKind(kind))
    portals = {}
    for p in r.tables("portals"):
        pid = p.id_("id")
        portals[pid] = Portal(pid, p.text("name"), p.url("url"))
    not_offered = tuple(
        NotOffered(
            n.strings("words"), n.text("message"), n.id_("instead") if n.has("instead") else None
        )
        for n in r.tables("not_offered", True)
    )
    synonyms = []
    for g in r.tables("synonyms", True):
        group = g.strings("words")
        if len(group) < 2:
            raise Invalid(g._name("words"), "a synonym group needs at least two words")
        synonyms.append(group)
    hosts, problems = _portal_hosts(r)
    return Catalog(
        version=r.int_("version", low=1),
        updated=r.date_("updated"),
        categories=categories,
        agencies=agencies,
        portals=portals,
        shared={},
        procedures={},
        not_offered=not_offered,
        problems=tuple(problems),
        synonyms=tuple(synonyms),
        portal_hosts=hosts,
    )


def _portal_hosts(r: Reader) -> tuple[tuple[PortalHost, ...], list[Problem]]:
    """The portal view's allow-list; a bad entry is left out (the view cannot go there) and
    reported, while the rest of the catalog stays usable."""
    from kiosk.portal import host_problem

    hosts: list[PortalHost] = []
    problems: list[Problem] = []
    try:
        entries = r.tables("portal_hosts", optional=True)
    except Invalid as exc:
        return (), [Problem(INDEX_FILE, exc.field, exc.message)]
    for entry in entries:
        try:
            role_text = entry.req_str("role")
            if role_text not in {role.value for role in PortalHostRole}:
                choices = ", ".join(role.value for role in PortalHostRole)
                raise Invalid(entry._name("role"), f"must be one of {choices}")
            role = PortalHostRole(role_text)
            host = entry.req_str("host")
            problem = host_problem(host, role)
            if problem is not None:
                raise Invalid(entry._name("host"), f"'{host}' {problem}")
            s = entry.table("source")
            url = s.str_("url", optional=True)
            if url is not None and not (
                is_government_url(url)
                or (role is PortalHostRole.PAYMENT_GATEWAY and url.startswith("https://"))
            ):
                message = f"'{url}' must be https, on *.gov.vn unless a gateway"
                raise Invalid(s._name("url"), message)
            source = Source(title=s.req_str("title"), url=url, checked=s.date_("checked"))
            hosts.append(
                PortalHost(host, role, entry.text("name"), source, entry.bool_("confirmed"))
            )
        except Invalid as exc:
            problems.append(Problem(INDEX_FILE, exc.field, exc.message))
    return tuple(hosts), problems


def _shared(path: Path, images: Path) -> SharedPiece:
    r = Reader(_read_toml(path, path.parent))
    pid = r.id_("id")
    if pid != path.stem:
        raise Invalid("id", f"'{pid}' must match the file name '{path.stem}'")
    steps = tuple(_step(s, images, shared_id=pid) for s in r.tables("steps"))
    if not steps:
        raise Invalid("steps", "a shared piece needs at least one step")
    return SharedPiece(pid, r.text("title"), steps, _sources(r) if r.has("sources") else ())


def _procedure(path: Path, ctx: _Context) -> Procedure:
    r = Reader(_read_toml(path, path.parent))
    pid = r.id_("id")
    if pid != path.stem:
        raise Invalid("id", f"'{pid}' must match the file name '{path.stem}'")
    agency = r.id_("agency")
    if agency not in ctx.index.agencies:
        raise Invalid("agency", f"unknown agency '{agency}' (see catalog.toml)")
    category = r.id_("category")
    if category not in ctx.index.categories:
        raise Invalid("category", f"unknown category '{category}' (see catalog.toml)")
    portals = r.strings("portals")
    for i, portal in enumerate(portals):
        if portal not in ctx.index.portals:
            raise Invalid(f"portals[{i}]", f"unknown portal '{portal}' (see catalog.toml)")
    account = r.req_str("account")
    if account not in {a.value for a in Account}:
        raise Invalid("account", "must be 'none', 'vneid-muc-1' or 'vneid-muc-2'")

    f = r.table("fee")
    quote, online_quote = _quote(f, "quote"), _quote(f, "online_quote")
    online_basis = f.str_("online_basis", optional=True)
    if online_basis is not None and not _quoted(f, True, online_quote, "online_quote"):
        online_basis = None  # an online amount on its own basis is a confirmed fact too
    fee_confirmed = f.bool_("confirmed")
    if fee_confirmed and not f.str_("basis", optional=True):
        raise Invalid("fee.basis", "a confirmed fee needs its legal basis (or confirmed = false)")
    fee = Fee(
        confirmed=_quoted(f, fee_confirmed, quote),
        in_person=f.opt_money("in_person"),
        online=f.opt_money("online"),
        exemptions=f.opt_text("exemptions"),
        note=f.opt_text("note"),
        basis=f.str_("basis", optional=True),
        online_basis=online_basis,
        periods=tuple(_fee_period(p) for p in f.tables("periods", optional=True)),
        quote=quote,
        online_quote=online_quote,
    )
    if f.has("online_basis") and fee.online is None:
        raise Invalid("fee.online_basis", "names the basis of an online amount: set fee.online")
    t = r.table("processing_time")
    t_quote = _quote(t, "quote")
    ptime = ProcessingTime(
        t.text("text"),
        _quoted(t, t.bool_("confirmed"), t_quote),
        t.str_("basis", optional=True),
        working_days=t.int_("working_days") if t.has("working_days") else None,
        quote=t_quote,
    )
    if ptime.working_days is not None and ptime.working_days > MAX_WORKING_DAYS:
        raise Invalid("processing_time.working_days", f"at most {MAX_WORKING_DAYS}")

    steps: list[Step] = []
    for s in r.tables("steps"):
        if s.has("use"):
            ref = s.req_str("use")
            piece = ctx.shared.get(ref)
            if piece is None:
                raise Invalid(s._name("use"), f"no shared piece '{ref}' in shared/")
            steps.extend(piece.steps)
        else:
            steps.append(_step(s, ctx.images_dir))
    if not steps:
        raise Invalid("steps", "a procedure needs steps")
    words = r.strings("everyday_words")
    return Procedure(
        id=pid,
        name=r.text("name"),
        short_name=r.text("short_name"),
        summary=r.text("summary"),
        who=r.text("who"),
        agency=agency,
        category=category,
        portals=portals,
        account=Account(account),
        everyday_words=words,
        documents=r.texts("documents"),
        fee=fee,
        processing_time=ptime,
        result=r.text("result"),
        steps=tuple(steps),
        sources=_sources(r),
        checked=r.date_("checked"),
        popularity=r.int_("popularity", default=0),
        file=str(path.relative_to(ctx.root)),
        document_list=_document_list(r),
    )


def _fee_period(r: Reader) -> FeePeriod:
    """One `[[fee.periods]]` entry: a fee rule with the dates it holds between (both included)."""
    quote = _quote(r, "quote")
    confirmed = r.bool_("confirmed")
    if confirmed and not r.str_("basis", optional=True):
        raise Invalid(r._name("basis"), "a confirmed period needs its legal basis")
    period = FeePeriod(
        text=r.text("text"),
        confirmed=_quoted(r, confirmed, quote),
        quote=quote,
        amount=r.opt_money("amount"),
        basis=r.str_("basis", optional=True),
        valid_from=r.opt_date("valid_from"),
        valid_until=r.opt_date("valid_until"),
    )
    if period.valid_from is None and period.valid_until is None:
        raise Invalid(r._name("valid_until"), "a period needs valid_from, valid_until or both")
    if period.valid_from and period.valid_until and period.valid_until < period.valid_from:
        raise Invalid(r._name("valid_until"), "ends before it begins (valid_from)")
    return period


def _load_each(
    files: list[Path], root: Path, build: Callable[[Path], T], problems: list[Problem]
) -> list[T]:
    out: list[T] = []
    for path in files:
        name = str(path.relative_to(root))
        soft = _soft_problems.items
        soft.clear()
        try:
            out.append(build(path))
        except Invalid as exc:
            problems.append(Problem(name, exc.field, exc.message))
        problems.extend(Problem(name, item.field, item.message) for item in soft)
        soft.clear()
    return out


def _not_offered_pointers(
    entries: tuple[NotOffered, ...], procedures: dict[str, Procedure], problems: list[Problem]
) -> tuple[NotOffered, ...]:
    """Each `instead` must name a loaded procedure; one that does not is a problem (shown to
    volunteers and failing `catalog check`), and the entry keeps only its message."""
    checked = []
    for i, entry in enumerate(entries):
        if entry.instead is not None and entry.instead not in procedures:
            problems.append(
                Problem(
                    INDEX_FILE,
                    f"not_offered[{i}].instead",
                    f"no procedure '{entry.instead}' (it must be an id under {PROCEDURES_DIR}/)",
                )
            )
            entry = NotOffered(entry.words, entry.message)
        checked.append(entry)
    return tuple(checked)


def load_catalog_index(root: Path) -> Catalog:
    """Only catalog.toml: version, date, categories, agencies, portals — no procedures yet.

    Enough for the home screen, so the kiosk can paint it before parsing every procedure file;
    the full catalog follows right after (`Wizard.offer_catalog`). Raises CatalogError like
    `load_catalog` when the index is unusable.
    """
    try:
        return _index(root / INDEX_FILE)
    except Invalid as exc:
        raise CatalogError([Problem(INDEX_FILE, exc.field, exc.message)]) from None


def load_catalog(root: Path, images_dir: Path | None = None) -> Catalog:
    """Load the catalog under `root`; skip broken procedure files, recording their problems.

    Images are looked up in `images_dir`, by default the `images` folder beside `root` (the
    bundled layout); a catalog downloaded by sync passes the bundled images folder instead.
    Raises CatalogError only when the index (catalog.toml) itself is unusable.
    """
    index_path = root / INDEX_FILE
    try:
        index = _index(index_path)
    except Invalid as exc:
        raise CatalogError([Problem(INDEX_FILE, exc.field, exc.message)]) from None
    problems: list[Problem] = list(index.problems)
    images = images_dir if images_dir is not None else root.parent / IMAGES_DIR_NAME

    shared: dict[str, SharedPiece] = {}
    for piece in _load_each(
        sorted((root / SHARED_DIR).glob("*.toml")), root, lambda p: _shared(p, images), problems
    ):
        shared[piece.id] = piece

    ctx = _Context(root, index, shared, images)
    procedures: dict[str, Procedure] = {}
    files = sorted((root / PROCEDURES_DIR).glob("*.toml"))
    for proc in _load_each(files, root, lambda p: _procedure(p, ctx), problems):
        if proc.id in procedures:
            problems.append(Problem(proc.file, "id", f"duplicate id '{proc.id}'"))
            continue
        procedures[proc.id] = proc
    not_offered = _not_offered_pointers(index.not_offered, procedures, problems)
    for problem in problems:
        log.warning("catalog problem: %s", problem)
    return Catalog(
        version=index.version,
        updated=index.updated,
        categories=index.categories,
        agencies=index.agencies,
        portals=index.portals,
        shared=shared,
        procedures=procedures,
        not_offered=not_offered,
        problems=tuple(problems),
        synonyms=index.synonyms,
        portal_hosts=index.portal_hosts,
    )
