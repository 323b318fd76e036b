"""`catalog check`: every rule a catalog must pass before it ships, as a list of Problems.

The loader stops at the first fault in a file (it only needs to know whether to skip it); an
editor wants every fault at once. So this module re-reads the raw TOML of every file and applies
each rule on its own, then merges in the loader's findings. The sync client calls
`check_catalog` on a downloaded catalog too, before applying it.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kiosk.catalog.loader import (
    IMAGES_DIR_NAME,
    INDEX_FILE,
    NO_QUOTE,
    PROCEDURES_DIR,
    SHARED_DIR,
    CatalogError,
    is_government_url,
    load_catalog,
)
from kiosk.catalog.model import QUOTE_MAX_CHARS, AgencyKind, Catalog, Problem, Severity
from kiosk.catalog.pictures import PictureRules
from kiosk.clock import SYSTEM_CLOCK, local_today
from kiosk.textfold import has_marks

DEFAULT_MAX_AGE_DAYS = 365
MIN_STEPS = 4
# A dated fact (`[[fee.periods]]`) this close to its end, with nothing dated to follow it, makes
# `catalog check` warn: an editor has a month to find out what holds next.
EXPIRY_WARNING_DAYS = 30

PROCEDURE_REQUIRED = (
    "id",
    "name",
    "short_name",
    "summary",
    "who",
    "agency",
    "category",
    "portals",
    "account",
    "everyday_words",
    "documents",
    "fee",
    "processing_time",
    "result",
    "steps",
    "sources",
    "checked",
)
SHARED_REQUIRED = ("id", "title", "steps")
INDEX_REQUIRED = ("version", "updated", "categories", "agencies", "portals")
INDEX_LIST_REQUIRED = {
    "categories": ("id", "name"),
    "agencies": ("id", "name", "kind"),
    "portals": ("id", "name", "url"),
    "not_offered": ("words", "message"),
    "synonyms": ("words",),
    "portal_hosts": ("host", "role", "name", "confirmed", "source"),
}
# Keys whose values residents read in Vietnamese; they should carry diacritics.
VIETNAMESE_TEXT_KEYS = frozenset(
    {
        "name",
        "short_name",
        "summary",
        "who",
        "result",
        "title",
        "body",
        "tip",
        "mistake",
        "note",
        "exemptions",
        "text",
        "message",
        "documents",
    }
)
# A string needs this many ordinary words before a missing accent counts as a mistake; shorter
# strings ("VNeID", "KT3", "CT01") are codes or names.
MIN_WORDS_FOR_DIACRITICS = 3

_URL = re.compile(
    r"(?i)(?:\bhttps?://|\bwww\.)[^\s<>\"'()]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:vn|com|net|org|info|io|me|app|xyz|top|site|online|biz|link|ly)\b"
    r"(?:/[^\s<>\"'()]*)?"
)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class FactCount:
    """The checkable facts of the procedures (fees, online amounts on their own basis, dated
    fee rules, time limits, document lists): confirmed with a quote, confirmed without one (each
    an error), and not confirmed (shown with 'kiểm tra lại trên cổng')."""

    quoted: int = 0
    unquoted: int = 0
    not_confirmed: int = 0

    def line(self) -> str:
        """`Facts: Q confirmed with a quote, U confirmed without a quote, N not confirmed`."""
        return (
            f"Facts: {self.quoted} confirmed with a quote, {self.unquoted} confirmed without a "
            f"quote, {self.not_confirmed} not confirmed"
        )


@dataclass
class CheckReport:
    """The problems found, and the catalog as the kiosk would load it (None if unusable)."""

    catalog: Catalog | None
    problems: list[Problem]
    facts: FactCount = dataclasses.field(default_factory=FactCount)

    @property
    def errors(self) -> int:
        """How many problems stop the catalog shipping."""
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many problems an editor should look at but that do not block."""
        return sum(p.severity is Severity.WARNING for p in self.problems)

    def summary(self) -> str:
        """`N procedures (U UBND, C Công an), S steps, E errors, W warnings`."""
        procedures = list(self.catalog.procedures.values()) if self.catalog else []
        ubnd = cong_an = 0
        for p in procedures:
            assert self.catalog is not None
            agency = self.catalog.agencies.get(p.agency)
            if agency is not None and agency.kind is AgencyKind.UBND:
                ubnd += 1
            elif agency is not None:
                cong_an += 1
        steps = sum(len(p.steps) for p in procedures)
        return (
            f"{len(procedures)} procedures ({ubnd} UBND, {cong_an} Công an), {steps} steps, "
            f"{self.errors} errors, {self.warnings} warnings"
        )


def check_catalog(
    root: Path, max_age_days: int = DEFAULT_MAX_AGE_DAYS, today: date | None = None
) -> list[Problem]:
    """Every problem in the catalog under `root`: errors block shipping, warnings do not."""
    return run_check(root, max_age_days, today).problems


def run_check(
    root: Path, max_age_days: int = DEFAULT_MAX_AGE_DAYS, today: date | None = None
) -> CheckReport:
    """Load the catalog and apply every rule; see `check_catalog`. Ages count back from
    `today` (default: the kiosk's clock), so an editor can ask what will be stale by a date."""
    checker = _Checker(root, max_age_days, today or local_today(SYSTEM_CLOCK))
    return checker.run()


def _walk(value: Any, path: str = "") -> Iterator[tuple[str, str, Any]]:
    """(dotted field path, last key, value) for every leaf, named as the loader names fields."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    else:
        yield path, path.rsplit(".", 1)[-1], value


def _well_formed_quote(quote: Any) -> bool:
    """A quote the loader accepts: text of at most QUOTE_MAX_CHARS, a *.gov.vn URL, a date."""
    if not isinstance(quote, dict):
        return False
    text, url = quote.get("text"), quote.get("url")
    return (
        isinstance(text, str)
        and 0 < len(text.strip()) <= QUOTE_MAX_CHARS
        and isinstance(url, str)
        and is_government_url(url.strip())
        and isinstance(quote.get("checked"), date)
    )


def _gateway_paths(index: dict[str, Any]) -> tuple[str, ...]:
    """Field-path prefixes of the allow-list's payment gateways ('portal_hosts[9].')."""
    items = index.get("portal_hosts")
    if not isinstance(items, list):
        return ()
    return tuple(
        f"portal_hosts[{i}]."
        for i, item in enumerate(items)
        if isinstance(item, dict) and item.get("role") == "payment-gateway"
    )


def _text_key(path: str) -> str:
    """The key a text value belongs to: 'steps[2].body.vi' -> 'body', 'documents[1]' -> ..."""
    parts = re.sub(r"\[\d+\]", "", path).split(".")
    if parts[-1] in ("vi", "en") and len(parts) > 1:
        return parts[-2]
    return parts[-1]


def _looks_unaccented(text: str) -> bool:
    """Real Vietnamese sentence with not one diacritic (codes and short strings excepted)."""
    if has_marks(text):
        return False
    ordinary = [w for w in _WORD.findall(text) if len(w) >= 2 and w[1:].islower()]
    return len(ordinary) >= MIN_WORDS_FOR_DIACRITICS


class _Checker:
    """One run of every rule over one catalog folder."""

    def __init__(self, root: Path, max_age_days: int, today: date) -> None:
        self.root = root
        self.today = today
        self.oldest = today - timedelta(days=max_age_days)
        self.max_age_days = max_age_days
        self.images = root.parent / IMAGES_DIR_NAME
        # Rules the loader also applies: dropped when the loader already named that field.
        self.overlapping: list[Problem] = []
        # Rules only this module applies: always reported.
        self.own: list[Problem] = []
        self.facts = FactCount()

    def error(self, file: str, field: str, message: str, overlaps: bool = True) -> None:
        (self.overlapping if overlaps else self.own).append(Problem(file, field, message))

    def warn(self, file: str, field: str, message: str) -> None:
        self.own.append(Problem(file, field, message, Severity.WARNING))

    def _raw(self, path: Path) -> dict[str, Any] | None:
        try:
            with path.open("rb") as fh:
                return tomllib.load(fh)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return None  # the loader reports broken TOML with the parser's line and column

    def run(self) -> CheckReport:
        catalog: Catalog | None
        try:
            catalog = load_catalog(self.root)
            loader_problems = list(catalog.problems)
        except CatalogError as exc:
            catalog = None
            loader_problems = list(exc.problems)

        index = self._raw(self.root / INDEX_FILE)
        shared = {
            f"{SHARED_DIR}/{p.name}": self._raw(p)
            for p in sorted((self.root / SHARED_DIR).glob("*.toml"))
        }
        procedures = {
            f"{PROCEDURES_DIR}/{p.name}": self._raw(p)
            for p in sorted((self.root / PROCEDURES_DIR).glob("*.toml"))
        }
        if index is not None:
            self._index(index)
        self._duplicates({**shared, **procedures})
        shared_steps = {
            data["id"]: data.get("steps")
            for data in shared.values()
            if data is not None and isinstance(data.get("id"), str)
        }
        for name, data in shared.items():
            if data is not None:
                self._required(name, data, SHARED_REQUIRED)
                self._steps(name, data, shared_steps, expand=False)
                self._everywhere(name, data)
        for name, data in procedures.items():
            if data is not None:
                self._procedure(name, data, index, shared_steps)
                self._everywhere(name, data)
        if index is not None:
            self._everywhere(INDEX_FILE, index)
        # A step's picture must not be drawn for another procedure or show another fee.
        self.own.extend(PictureRules(self.images, shared, procedures).run())

        named = {(p.file, p.field) for p in loader_problems}
        problems = list(loader_problems)
        for problem in self.overlapping + self.own:
            if problem in problems:
                continue
            if problem in self.overlapping and (problem.file, problem.field) in named:
                continue
            problems.append(problem)
        problems.sort(key=lambda p: (p.file, p.severity != Severity.ERROR))
        return CheckReport(catalog, problems, self.facts)

    # -- rules --------------------------------------------------------------------------------

    def _required(
        self, file: str, data: dict[str, Any], keys: tuple[str, ...], at: str = ""
    ) -> None:
        for key in keys:
            if key not in data:
                self.error(file, f"{at}{key}", "missing (required)")

    def _index(self, data: dict[str, Any]) -> None:
        self._required(INDEX_FILE, data, INDEX_REQUIRED)
        for list_key, keys in INDEX_LIST_REQUIRED.items():
            items = data.get(list_key)
            if not isinstance(items, list):
                continue
            first: dict[str, int] = {}
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                self._required(INDEX_FILE, item, keys, at=f"{list_key}[{i}].")
                icon = item.get("icon")
                if isinstance(icon, str) and not (self.images / icon).is_file():
                    self.error(
                        INDEX_FILE,
                        f"{list_key}[{i}].icon",
                        f"image '{icon}' not found under resources/images/",
                        overlaps=False,
                    )
                item_id = item.get("id")
                if isinstance(item_id, str):
                    if item_id in first:
                        self.error(
                            INDEX_FILE,
                            f"{list_key}[{i}].id",
                            f"duplicate id '{item_id}' (also {list_key}[{first[item_id]}])",
                            overlaps=False,
                        )
                    else:
                        first[item_id] = i
        self._portal_hosts(data)

    def _portal_hosts(self, data: dict[str, Any]) -> None:
        """The portal view's allow-list: an old source is a warning and the same host twice an
        error (the loader refuses a malformed entry). `confirmed = false` is a mark for editors,
        like an unconfirmed fee: the host is still allowed."""
        items = data.get("portal_hosts")
        if not isinstance(items, list):
            return
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            at = f"portal_hosts[{i}]"
            host = item.get("host")
            if isinstance(host, str):
                if host in seen:
                    self.error(
                        INDEX_FILE,
                        f"{at}.host",
                        f"duplicate host '{host}' (also portal_hosts[{seen[host]}])",
                        overlaps=False,
                    )
                seen.setdefault(host, i)
            source = item.get("source")
            checked = source.get("checked") if isinstance(source, dict) else None
            if isinstance(checked, date) and checked < self.oldest:
                self.warn(
                    INDEX_FILE,
                    f"{at}.source.checked",
                    f"last checked {checked.isoformat()}, more than {self.max_age_days} days ago: "
                    "check the host again and update the date",
                )

    def _duplicates(self, files: dict[str, dict[str, Any] | None]) -> None:
        """The same id declared by two files (two procedures, or a shared piece and a procedure).

        Each file involved is named, pointing at the others: which one is wrong is the editor's
        call.
        """
        declared: dict[str, list[str]] = {}
        for name, data in files.items():
            value = data.get("id") if data is not None else None
            if isinstance(value, str):
                declared.setdefault(value, []).append(name)
        for value, names in declared.items():
            for name in names if len(names) > 1 else ():
                others = ", ".join(n for n in names if n != name)
                self.error(name, "id", f"duplicate id '{value}' (also {others})", overlaps=False)

    def _procedure(
        self,
        file: str,
        data: dict[str, Any],
        index: dict[str, Any] | None,
        shared_steps: dict[str, Any],
    ) -> None:
        self._required(file, data, PROCEDURE_REQUIRED)
        if index is not None:
            self._known(file, data, index)
        fee = data.get("fee")
        if isinstance(fee, dict):
            if "confirmed" not in fee:
                self.error(
                    file,
                    "fee.confirmed",
                    "missing: mark the fee confirmed = true (with its basis) or confirmed = false",
                )
            elif fee["confirmed"] is True and not str(fee.get("basis", "")).strip():
                self.error(
                    file,
                    "fee.basis",
                    "a confirmed fee needs its legal basis (or mark it confirmed = false)",
                )
            if "online_basis" in fee and "online" not in fee:
                self.error(
                    file, "fee.online_basis", "names the basis of an online amount: set fee.online"
                )
            self._periods(file, fee.get("periods"))
            self._fact(file, "fee", fee)
            if "online_basis" in fee:
                self._fact(file, "fee", fee, confirmed=True, key="online_quote")
            periods = fee.get("periods")
            for i, period in enumerate(periods if isinstance(periods, list) else []):
                if isinstance(period, dict):
                    self._fact(file, f"fee.periods[{i}]", period)
        ptime = data.get("processing_time")
        if isinstance(ptime, dict):
            self._required(file, ptime, ("text", "confirmed"), at="processing_time.")
            days = ptime.get("working_days")
            if days is not None and (
                isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 365
            ):
                self.error(
                    file,
                    "processing_time.working_days",
                    "must be a whole number of working days from 0 to 365",
                )
            self._fact(file, "processing_time", ptime)
        documents = data.get("document_list", {})
        if isinstance(documents, dict):
            if documents and "confirmed" not in documents:
                self.error(file, "document_list.confirmed", "missing (true or false)")
            self._fact(file, "document_list", documents)
        count = self._steps(file, data, shared_steps, expand=True)
        if count is not None and count < MIN_STEPS:
            self.error(
                file,
                "steps",
                f"only {count} steps after expanding shared pieces; a procedure needs at least "
                f"{MIN_STEPS}",
                overlaps=False,
            )
        self._dates(file, data)

    def _fact(
        self,
        file: str,
        at: str,
        table: dict[str, Any],
        confirmed: bool | None = None,
        key: str = "quote",
    ) -> None:
        """Count one fact; a confirmed one must carry its quote (the loader checks its shape,
        and shows the fact as not confirmed without one)."""
        if confirmed is None:
            confirmed = table.get("confirmed") is True
        if not confirmed:
            self.facts.not_confirmed += 1
        elif _well_formed_quote(table.get(key)):
            self.facts.quoted += 1
        else:
            self.facts.unquoted += 1  # a malformed quote: the loader names its field
            if key not in table:
                self.error(file, f"{at}.{key}", NO_QUOTE)

    def _periods(self, file: str, periods: Any) -> None:
        """`[[fee.periods]]`: each dated rule is well formed, and one that is about to end (or
        has ended) with no rule dated to follow it is a warning: the kiosk would silently go
        back to the normal fee, which may be right — or the exemption may have been extended."""
        if not isinstance(periods, list):
            return
        starts = {p.get("valid_from") for p in periods if isinstance(p, dict) and "valid_from" in p}
        horizon = self.today + timedelta(days=EXPIRY_WARNING_DAYS)
        for i, period in enumerate(periods):
            if not isinstance(period, dict):
                continue
            at = f"fee.periods[{i}]"
            self._required(file, period, ("text", "confirmed"), at=f"{at}.")
            start, end = period.get("valid_from"), period.get("valid_until")
            for key, value in (("valid_from", start), ("valid_until", end)):
                if value is not None and not isinstance(value, date):
                    self.error(file, f"{at}.{key}", "must be a date like 2026-11-28")
            if start is None and end is None:
                self.error(
                    file, f"{at}.valid_until", "a period needs valid_from, valid_until or both"
                )
            if isinstance(start, date) and isinstance(end, date) and end < start:
                self.error(file, f"{at}.valid_until", "ends before it begins (valid_from)")
            if period.get("confirmed") is True and not str(period.get("basis", "")).strip():
                self.error(file, f"{at}.basis", "a confirmed period needs its legal basis")
            if not isinstance(end, date) or (end + timedelta(days=1)) in starts:
                continue
            if end < self.today:
                self.warn(
                    file,
                    f"{at}.valid_until",
                    f"ended on {end.isoformat()} and nothing is dated to follow it: the kiosk "
                    "no longer shows it; remove it, or add what holds now",
                )
            elif end <= horizon:
                self.warn(
                    file,
                    f"{at}.valid_until",
                    f"ends on {end.isoformat()} ({(end - self.today).days} days from "
                    f"{self.today.isoformat()}) and nothing is dated to follow it: check whether "
                    "it is extended, and add what holds from the next day",
                )

    def _known(self, file: str, data: dict[str, Any], index: dict[str, Any]) -> None:
        def ids(key: str) -> set[str]:
            items = index.get(key)
            if not isinstance(items, list):
                return set()
            return {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}

        for key, list_key in (("category", "categories"), ("agency", "agencies")):
            value = data.get(key)
            if isinstance(value, str) and value not in ids(list_key):
                self.error(file, key, f"unknown {key} '{value}' (see {INDEX_FILE})")
        portals = data.get("portals")
        if isinstance(portals, list):
            known = ids("portals")
            for i, portal in enumerate(portals):
                if isinstance(portal, str) and portal not in known:
                    self.error(
                        file, f"portals[{i}]", f"unknown portal '{portal}' (see {INDEX_FILE})"
                    )

    def _steps(
        self, file: str, data: dict[str, Any], shared_steps: dict[str, Any], expand: bool
    ) -> int | None:
        """Check each step's fields and references; the step count after expanding `use`."""
        steps = data.get("steps")
        if not isinstance(steps, list):
            return None
        count = 0
        for i, step in enumerate(steps):
            if not isinstance(step, dict):
                continue
            at = f"steps[{i}]"
            if expand and "use" in step:
                ref = step["use"]
                if ref not in shared_steps:
                    self.error(file, f"{at}.use", f"no shared piece '{ref}' in {SHARED_DIR}/")
                elif isinstance(shared_steps[ref], list):
                    count += len(shared_steps[ref])
                continue
            count += 1
            self._required(file, step, ("title", "body"), at=f"{at}.")
            image = step.get("image")
            if isinstance(image, str) and not (self.images / image).is_file():
                self.error(
                    file, f"{at}.image", f"image '{image}' not found under resources/images/"
                )
        return count

    def _dates(self, file: str, data: dict[str, Any]) -> None:
        dated: list[tuple[str, Any]] = [("checked", data.get("checked"))]
        sources = data.get("sources")
        if isinstance(sources, list):
            dated += [
                (f"sources[{i}].checked", s.get("checked"))
                for i, s in enumerate(sources)
                if isinstance(s, dict)
            ]
        for field, value in dated:
            if isinstance(value, date) and value < self.oldest:
                self.warn(
                    file,
                    field,
                    f"last checked {value.isoformat()}, more than {self.max_age_days} days ago: "
                    "check the facts again and update the date",
                )

    def _everywhere(self, file: str, data: dict[str, Any]) -> None:
        """Rules on every value: government URLs only, and Vietnamese text with its accents.

        The one exception (DESIGN.md): a payment gateway of the portal view's allow-list is
        named, with its source, outside *.gov.vn; the loader checks those entries' hosts and
        source URLs by their own rules.
        """
        gateways = _gateway_paths(data) if file == INDEX_FILE else ()
        for path, key, value in _walk(data):
            if not isinstance(value, str):
                continue
            if path.startswith(gateways) and key != "vi":
                continue
            if key == "url":
                if not is_government_url(value.strip()):
                    self.error(file, path, f"'{value}' is not an https URL on *.gov.vn")
                continue
            for match in _URL.finditer(value):
                url = match.group(0).rstrip(".,;:!?")
                full = url if "://" in url else f"https://{url}"
                if not is_government_url(full):
                    self.error(
                        file,
                        path,
                        f"'{url}' is not an https address on *.gov.vn (only government "
                        "sites may appear, even inside text)",
                        overlaps=False,
                    )
            if self._is_vietnamese_text(path) and _looks_unaccented(value):
                self.warn(
                    file,
                    path,
                    "Vietnamese text without any diacritics (dấu): was it typed without accents?",
                )

    @staticmethod
    def _is_vietnamese_text(path: str) -> bool:
        if path.endswith(".en") or (
            path.startswith(("synonyms", "not_offered")) and "words" in path
        ):
            return False
        if re.search(r"(^|\.)sources\[\d+\]\.title$", path):
            return True
        return _text_key(path) in VIETNAMESE_TEXT_KEYS
