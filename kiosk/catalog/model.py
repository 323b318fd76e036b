"""The procedure catalog as plain, immutable Python objects.

The loader (`loader.py`) builds these from the TOML files under resources/catalog/; everything
else — the wizard, search, the UI, `catalog check` — reads only these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Severity(StrEnum):
    """How bad a catalog problem is: errors stop a file loading, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one catalog file, printed as `file: field: message`."""

    file: str
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Text:
    """A piece of resident-facing text: Vietnamese always, English when translated."""

    vi: str
    en: str | None = None

    def get(self, language: str) -> str:
        """The text in `language`, falling back to Vietnamese."""
        if language == "en" and self.en:
            return self.en
        return self.vi

    def translated(self, language: str) -> bool:
        """Whether `get(language)` is really in that language (not the Vietnamese fallback)."""
        return language == "vi" or bool(self.en)


class AgencyKind(StrEnum):
    """Who handles a procedure: the ward People's Committee or the police."""

    UBND = "ubnd"
    CONG_AN = "cong-an"


class Account(StrEnum):
    """The VNeID account level a procedure needs."""

    NONE = "none"  # the procedure needs no VNeID account at all (e.g. getting one)
    MUC_1 = "vneid-muc-1"
    MUC_2 = "vneid-muc-2"


@dataclass(frozen=True)
class Category:
    """A group of procedures shown on the Choose screen (Hộ tịch, Cư trú …)."""

    id: str
    name: Text
    icon: str | None = None


@dataclass(frozen=True)
class Agency:
    """A kind of office that handles procedures (UBND phường, Công an phường …)."""

    id: str
    name: Text
    kind: AgencyKind


@dataclass(frozen=True)
class Portal:
    """An official website where a procedure is done; its URL is on *.gov.vn."""

    id: str
    name: Text
    url: str


class PortalHostRole(StrEnum):
    """What an allow-listed host is for in the portal view."""

    PORTAL = "portal"
    LOGIN = "login"
    PAYMENT_PLATFORM = "payment-platform"
    PAYMENT_GATEWAY = "payment-gateway"


@dataclass(frozen=True)
class Source:
    """Where a fact was found and when it was last checked."""

    title: str
    url: str | None
    checked: date


# A quote is a short excerpt: long enough to state the number, short enough to read at a glance.
QUOTE_MAX_CHARS = 300


@dataclass(frozen=True)
class Quote:
    """The words of a source that state a fact, copied exactly (`quote = {...}` on the fact).

    A fee, a time limit, a dated fee rule or a document list marked confirmed carries one, so a
    reviewer can judge the fact — and its legal basis — without searching: `text` is a verbatim
    excerpt (at most QUOTE_MAX_CHARS characters) of the page at `url` (https, *.gov.vn), read on
    `checked`. The loader treats a confirmed fact without a valid quote as not confirmed.
    """

    text: str
    url: str
    checked: date
    title: str | None = None


@dataclass(frozen=True)
class PortalHost:
    """A host the portal view may open (catalog.toml `[[portal_hosts]]`), with its source.

    `host` is exact ("dichvucong.gov.vn") or a government portal's sub-sites
    ("*.dichvucong.gov.vn"); only a payment gateway may be outside *.gov.vn. `confirmed` is
    false when the host was not checked against an official page (catalog check warns).
    """

    host: str
    role: PortalHostRole
    name: Text
    source: Source
    confirmed: bool


@dataclass(frozen=True)
class FeePeriod:
    """A fee rule that holds only between two dates, both included (`[[fee.periods]]`).

    TT 117/2026/TT-BTC, for one: 0 đ for an eligible level-2 account from 15/08/2026 to the end
    of 28/02/2027, the normal fee again from 01/03/2027. `text` states the rule with its
    condition; `amount` is what is paid while it holds (0 = free; None = the text says it).
    An open end (None) has no limit that way. The kiosk shows a period only on the days it
    holds, by its own clock, so the screen is right on the day the resident reads it.
    """

    text: Text
    confirmed: bool
    amount: int | None = None
    basis: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    quote: Quote | None = None

    def holds_on(self, day: date) -> bool:
        """Whether the rule is in force on `day`."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


@dataclass(frozen=True)
class Fee:
    """What a procedure costs, in đồng (0 = free; None = not charged that way / unknown).

    `confirmed` and `basis` are for the amounts as a whole. When the online amount rests on a
    different document (HCMC's council sets 0 đ online for some fees), `online_basis` names it,
    and the online amount counts as confirmed even if the in-person one is not.
    """

    confirmed: bool
    in_person: int | None = None
    online: int | None = None
    exemptions: Text | None = None
    note: Text | None = None
    basis: str | None = None
    online_basis: str | None = None
    periods: tuple[FeePeriod, ...] = ()
    quote: Quote | None = None  # states the amounts under `basis`
    online_quote: Quote | None = None  # states the online amount under `online_basis`

    def periods_on(self, day: date) -> tuple[FeePeriod, ...]:
        """The dated rules that hold on `day` (an exemption that ended is not among them)."""
        return tuple(p for p in self.periods if p.holds_on(day))

    @property
    def online_confirmed(self) -> bool:
        """Whether the online amount may be shown as fact."""
        return self.online is not None and (self.confirmed or self.online_basis is not None)


MAX_WORKING_DAYS = 365  # a catalog value beyond this is a mistake, not a processing time


@dataclass(frozen=True)
class ProcessingTime:
    """How long the agency takes; unconfirmed times are shown with 'kiểm tra lại trên cổng'."""

    text: Text
    confirmed: bool
    basis: str | None = None
    # The fixed number of working days the text states ("Trong 3 ngày làm việc"), when it
    # states one: the finish page counts the result's due date from it (kiosk.working_days).
    working_days: int | None = None
    quote: Quote | None = None


@dataclass(frozen=True)
class DocumentList:
    """Whether the list of documents to prepare (`documents`) was found in a source
    (`[document_list]`); an unconfirmed list is shown with 'kiểm tra lại trên cổng'."""

    confirmed: bool = False
    basis: str | None = None
    quote: Quote | None = None


@dataclass(frozen=True)
class Step:
    """One guided step: one screen of the wizard."""

    title: Text
    body: Text
    image: str | None = None  # path under resources/images/
    tip: Text | None = None
    mistake: Text | None = None
    practice: str | None = None  # a kiosk.protocol.PracticeModule value
    shared_id: str | None = None  # set when the step comes from a shared piece
    # The portal's page this step is about, as a path pattern ("/dang-nhap*", "*/nop-ho-so"):
    # `*` matches any run of characters, nothing else is special. Only the path of a page on
    # an allow-listed host is compared, never its query (it may hold what was typed).
    portal_path: str | None = None


@dataclass(frozen=True)
class SharedPiece:
    """Steps written once and referenced by many procedures (e.g. logging in with VNeID)."""

    id: str
    title: Text
    steps: tuple[Step, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Procedure:
    """One online public service the kiosk teaches."""

    id: str
    name: Text  # official name, as in the national procedure database
    short_name: Text  # what a resident would call it
    summary: Text
    who: Text
    agency: str
    category: str
    portals: tuple[str, ...]
    account: Account
    everyday_words: tuple[str, ...]
    documents: tuple[Text, ...]
    fee: Fee
    processing_time: ProcessingTime
    result: Text
    steps: tuple[Step, ...]
    sources: tuple[Source, ...]
    checked: date
    popularity: int = 0
    file: str = ""
    document_list: DocumentList = field(default_factory=DocumentList)


@dataclass(frozen=True)
class NotOffered:
    """Something residents ask for that is not one of the kiosk's procedures (e.g. 'sổ đỏ'),
    and the nearest procedure that is taught, if there is one (`instead`, a procedure id)."""

    words: tuple[str, ...]
    message: Text
    instead: str | None = None


@dataclass(frozen=True)
class Catalog:
    """The whole loaded catalog, plus the problems met while loading it."""

    version: int
    updated: date
    categories: dict[str, Category]
    agencies: dict[str, Agency]
    portals: dict[str, Portal]
    shared: dict[str, SharedPiece]
    procedures: dict[str, Procedure]
    not_offered: tuple[NotOffered, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    # Groups of words residents use for the same thing ("CMND", "CCCD", "căn cước"); search
    # treats a procedure mentioning one as mentioning all of its group.
    synonyms: tuple[tuple[str, ...], ...] = ()
    # Where the portal view may go (DESIGN.md, "The portal view"); empty = nowhere.
    portal_hosts: tuple[PortalHost, ...] = ()

    def agency_kind(self, procedure: Procedure) -> AgencyKind:
        """Whether the procedure is handled by the UBND or the police."""
        return self.agencies[procedure.agency].kind

    def by_popularity(self) -> list[Procedure]:
        """Procedures, most used first (ties by short name)."""
        return sorted(self.procedures.values(), key=lambda p: (-p.popularity, p.short_name.vi))
