"""The resident wizard as a plain state machine: which screen follows which, and the session.

The UI renders `Wizard.view` and forwards input to the methods here; it owns no rules of its
own. Timers are numbers here and QTimers in the UI. Every session's events go to a
SessionListener (the journal) — ids, enums and numbers only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from kiosk.catalog.model import AgencyKind, Catalog, NotOffered, Procedure, Step
from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.portal import PortalUsage
from kiosk.protocol import EndReason, Language, MarkedBy, Outcome, PracticeModule, TextSize
from kiosk.session import EventKind, SessionEvent, SessionListener, SessionMark, SessionSummary
from kiosk.vietnamese_input import InputMethod

log = logging.getLogger(__name__)

TOP_TILES = 6
MAX_EVENT_SECONDS = 10_000  # an event's number stays small (kiosk.journal.privacy)


class SearchAnswer(NamedTuple):
    """What a search function answers: procedure ids best first, the not-offered entry the
    query asked for, and what it understood the query as ("đăng ký tạm trú"), if it says."""

    ids: list[str]
    not_offered: NotOffered | None = None
    understood: str | None = None


# Answers a SearchAnswer (a plain (ids, not_offered) tuple is taken too).
SearchFunction = Callable[[str], tuple[list[str], NotOffered | None] | SearchAnswer]


def _random_uuid() -> str:
    import uuid  # imported on the first session, not before the home screen is painted

    return str(uuid.uuid4())


class Screen(StrEnum):
    """The screens of the wizard, one thing per screen."""

    HOME = "home"
    CHOOSE = "choose"
    OVERVIEW = "overview"
    STEP = "step"
    PRACTICE = "practice"
    FINISH = "finish"


class AgencyFilter(StrEnum):
    """The UBND / Công an filter on the Choose screen."""

    ALL = "all"
    UBND = "ubnd"
    CONG_AN = "cong-an"


@dataclass(frozen=True)
class Timings:
    """How long the kiosk waits, in seconds (from config; tests shorten them through config)."""

    idle_seconds: int = 120
    idle_answer_seconds: int = 30
    error_return_seconds: int = 8  # the 20-second minimum answer time is enforced by config


@dataclass(frozen=True)
class ChooseView:
    """What the Choose screen lists."""

    query: str
    category: str | None
    agency: AgencyFilter
    procedures: tuple[Procedure, ...]
    searched: bool  # True when the list is search results (empty = "not here")
    not_offered: NotOffered | None = None
    understood: str | None = None  # the query read back with accents, when search says it


@dataclass(frozen=True)
class Submission:
    """The dossier was submitted ("Đã nộp hồ sơ", said by the resident or a volunteer): when,
    and when its result is due (None when the catalog gives no fixed number of working days).
    Nothing of the dossier itself: the kiosk never sees or keeps its mã hồ sơ."""

    submitted_at: datetime
    working_days: int | None
    due: date | None
    reported_by: str  # a MarkedBy value


@dataclass(frozen=True)
class WizardView:
    """Everything on screen, derived from the state: the UI renders only this."""

    screen: Screen
    language: str
    text_size: str
    read_aloud: bool
    procedure: Procedure | None
    step_index: int  # 0-based; meaningful on STEP and PRACTICE
    practice: str | None
    idle_prompt: bool
    rating: int | None
    session_open: bool
    typing: str = InputMethod.TELEX.value  # Gõ tiếng Việt: telex / vni / off, for this session
    portal_available: bool = False  # 'Làm ngay trên máy này' can open this procedure's portal
    portal_open: bool = False  # the portal is beside the current step
    portal_offline: bool = False  # the network is known to be down: the button says so
    submission: Submission | None = None  # set once "Đã nộp hồ sơ" was said in this session

    @property
    def step(self) -> Step | None:
        """The current step, on the STEP and PRACTICE screens."""
        if self.procedure is None or self.screen not in (Screen.STEP, Screen.PRACTICE):
            return None
        return self.procedure.steps[self.step_index]

    @property
    def step_count(self) -> int:
        """How many steps the chosen procedure has."""
        return len(self.procedure.steps) if self.procedure else 0


@dataclass
class _Session:
    """The open session's counters (never anything typed).

    `started_at` is the wall clock at the start; every later time of the session is
    `started_at` plus the monotonic time since (`started_monotonic`), so an NTP correction or
    a wrong BIOS date mid-session can neither make the session end before it began nor drop it.
    """

    uuid: str
    started_at: datetime
    started_monotonic: float
    procedure_id: str | None = None
    furthest_step: int = 0
    step_count: int = 0
    practice_modules: list[str] = field(default_factory=list)
    help_requests: int = 0
    rating: int | None = None
    mark: SessionMark | None = None  # the newest outcome said while the resident is here
    submission: Submission | None = None


class Wizard:
    """The resident's journey: home → choose → overview → steps (→ practice) → finish → home."""

    def __init__(
        self,
        catalog: Catalog,
        *,
        search: SearchFunction | None = None,
        search_factory: Callable[[Catalog], SearchFunction] | None = None,
        top_procedures: tuple[str, ...] = (),
        timings: Timings | None = None,
        listener: SessionListener | None = None,
        language: str = Language.VI.value,
        clock: Clock = SYSTEM_CLOCK,
        new_uuid: Callable[[], str] | None = None,
    ) -> None:
        self.catalog = catalog
        self._search_factory = search_factory
        self._search = search_factory(catalog) if search_factory is not None else search
        self.timings = timings or Timings()
        self.listener = listener
        self.clock = clock  # also the practice pages' "today" (birth years in the future)
        self._new_uuid = new_uuid or _random_uuid
        self._default_language = language
        self._subscribers: list[Callable[[WizardView], None]] = []
        self._pending_catalog: Catalog | None = None
        self.notices: list[str] = []  # problems for volunteers/IT, never resident input
        self._wanted_top = top_procedures
        self._top_ids = self._valid_top(top_procedures) if catalog.procedures else []

        self._screen = Screen.HOME
        self._language = language
        self._text_size = TextSize.NORMAL.value
        self._read_aloud = False
        self._typing = InputMethod.TELEX.value
        self._procedure: Procedure | None = None
        self._step_index = 0
        self._practice: str | None = None
        self._idle_prompt = False
        self._session: _Session | None = None
        self._query = ""
        self._category: str | None = None
        self._agency = AgencyFilter.ALL
        self.portal = PortalUsage(clock.monotonic)

    # ----- observation -------------------------------------------------------------------
    def subscribe(self, callback: Callable[[WizardView], None]) -> None:
        """Call `callback(view)` after every change of state."""
        self._subscribers.append(callback)

    @property
    def view(self) -> WizardView:
        """The current screen's content."""
        return WizardView(
            screen=self._screen,
            language=self._language,
            text_size=self._text_size,
            read_aloud=self._read_aloud,
            procedure=self._procedure,
            step_index=self._step_index,
            practice=self._practice,
            idle_prompt=self._idle_prompt,
            rating=self._session.rating if self._session else None,
            session_open=self._session is not None,
            typing=self._typing,
            portal_available=self.portal.page(self._procedure) is not None,
            portal_open=self.portal.is_open,
            portal_offline=self.portal.offline,
            submission=self._session.submission if self._session else None,
        )

    def _changed(self) -> None:
        view = self.view
        for callback in list(self._subscribers):
            callback(view)

    def _show(self, screen: Screen) -> None:
        if screen != Screen.STEP:
            self._close_portal()  # the portal sits beside a step, never beside anything else
        self._screen = screen
        self._idle_prompt = False
        if self._session is not None:
            self._emit(EventKind.SCREEN_SHOWN, value=screen.value)
        self._changed()

    # ----- home preferences --------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch between Tiếng Việt and English."""
        self._language = Language(language).value
        self._changed()

    def set_text_size(self, size: str) -> None:
        """Thường / Lớn / Rất lớn."""
        self._text_size = TextSize(size).value
        self._changed()

    def set_read_aloud(self, on: bool) -> None:
        """Turn read-aloud on or off."""
        self._read_aloud = on
        self._changed()

    def set_typing(self, method: str) -> None:
        """'Gõ tiếng Việt: Telex / VNI / Tắt' (for this resident only)."""
        self._typing = InputMethod(method).value
        self._changed()

    # ----- the journey -------------------------------------------------------------------
    def start(self) -> None:
        """'Bắt đầu': open a session (or continue the open one) and show the Choose screen."""
        if self._session is None:
            self._session = _Session(self._new_uuid(), self.clock.now(), self.clock.monotonic())
            self._emit(EventKind.SESSION_STARTED)
        self._show(Screen.CHOOSE)

    def choose(self, procedure_id: str) -> None:
        """Show the overview of a procedure."""
        procedure = self.catalog.procedures[procedure_id]
        if self._session is None:
            self.start()
        assert self._session is not None
        if self._session.procedure_id != procedure_id:
            self._session.procedure_id = procedure_id
            self._session.furthest_step = 0
            self._session.step_count = len(procedure.steps)
        self._procedure = procedure
        self._step_index = 0
        self._show(Screen.OVERVIEW)

    def begin_steps(self) -> None:
        """From the overview to step 1."""
        self._go_to_step(0)

    def next(self) -> None:
        """'Tiếp tục': the next step, or the finish screen after the last one."""
        if self._screen == Screen.OVERVIEW:
            self._go_to_step(0)
        elif self._screen == Screen.STEP:
            assert self._procedure is not None
            if self._step_index + 1 < len(self._procedure.steps):
                self._go_to_step(self._step_index + 1)
            else:
                self._show(Screen.FINISH)

    def go_to_step(self, index: int) -> None:
        """The guide moves to step `index` (the resident accepted to follow the portal)."""
        if self._screen != Screen.STEP or self._procedure is None:
            return
        if 0 <= index < len(self._procedure.steps):
            self._go_to_step(index)

    def back(self) -> None:
        """'Quay lại': one screen back; from Choose, home — which ends the session (HOME), so
        the next person finds nothing of this one's."""
        if self._screen == Screen.PRACTICE:
            self.close_practice()
        elif self._screen == Screen.STEP:
            if self._step_index > 0:
                self._go_to_step(self._step_index - 1)
            else:
                self._show(Screen.OVERVIEW)
        elif self._screen == Screen.OVERVIEW:
            self._show(Screen.CHOOSE)
        elif self._screen == Screen.FINISH:
            assert self._procedure is not None
            self._go_to_step(len(self._procedure.steps) - 1)
        elif self._screen == Screen.CHOOSE:
            self._end(EndReason.HOME)

    def _go_to_step(self, index: int) -> None:
        assert self._procedure is not None and self._session is not None
        self._step_index = index
        self._practice = None
        number = index + 1
        if number > self._session.furthest_step:
            self._session.furthest_step = number
            self._emit(EventKind.STEP_REACHED, number=number)
        self.portal.note_step(self._procedure, self._session.furthest_step)
        self._show(Screen.STEP)

    def open_practice(self, module: str | None = None) -> None:
        """Open the practice module of the current step (THỰC HÀNH: nothing typed is kept)."""
        step = self.view.step
        module = module or (step.practice if step else None)
        if module is None or self._session is None:
            return
        module = PracticeModule(module).value
        self._practice = module
        if module not in self._session.practice_modules:
            self._session.practice_modules.append(module)
            self._emit(EventKind.PRACTICE_USED, value=module)
        self._show(Screen.PRACTICE)

    def close_practice(self) -> None:
        """Back from practice to the step it belongs to."""
        self._practice = None
        self._show(Screen.STEP)

    def rate(self, stars: int) -> None:
        """The resident's 1–5 rating on the finish screen."""
        if not 1 <= stars <= 5 or self._session is None:
            raise ValueError("rating must be 1 to 5 during a session")
        self._session.rating = stars
        self._emit(EventKind.RATING, number=stars)
        self._changed()

    def done(self) -> None:
        """'Xong': end the session as finished and go home."""
        self._end(EndReason.FINISHED)

    def report_submitted(self) -> None:
        """The resident's 'Đã nộp hồ sơ' on the finish screen: self-reported, journaled as such
        with the session; the finish screen then shows what happens next."""
        if self._session is None or self._procedure is None:
            return
        self._mark(Outcome.DOSSIER_SUBMITTED, MarkedBy.RESIDENT, None)

    def mark_current(self, outcome: str, volunteer_code: str | None = None) -> None:
        """A volunteer's mark on the visit still at the kiosk (the panel); written with the
        session when it ends. 'Đã nộp hồ sơ' shows the next steps on the finish screen too."""
        if self._session is None:
            raise ValueError("no visit at the kiosk to mark")
        self._mark(Outcome(outcome), None, volunteer_code)

    def _mark(self, outcome: Outcome, by: MarkedBy | None, volunteer_code: str | None) -> None:
        session = self._session
        assert session is not None
        at = self._session_time(session)
        session.mark = SessionMark(outcome.value, by.value if by else None, volunteer_code, at)
        if outcome == Outcome.DOSSIER_SUBMITTED:
            if session.submission is None:
                session.submission = self._submission(at, by or MarkedBy.VOLUNTEER)
        else:
            session.submission = None  # a volunteer corrected the mark: not submitted after all
        self._changed()

    def _submission(self, at: datetime, by: MarkedBy) -> Submission:
        procedure = self._procedure
        days = procedure.processing_time.working_days if procedure else None
        due = None
        if days is not None:
            from kiosk.working_days import due_date  # the holiday calendar, first time only

            try:
                due = due_date(at, days)
            except (OSError, ValueError, ImportError) as error:
                # No date is better than a wrong one: the page then says the portal shows it.
                log.warning("the result's due date could not be counted: %s", error)
        return Submission(submitted_at=at, working_days=days, due=due, reported_by=by.value)

    # ----- help, idle, volunteer ---------------------------------------------------------
    def request_help(self) -> None:
        """'Gọi tình nguyện viên': counted as a help request (the UI shows the signal)."""
        if self._session is not None:
            self._session.help_requests += 1
            self._emit(EventKind.HELP_REQUESTED)

    def idle_warn(self) -> None:
        """The quiet time has passed: ask 'Bạn còn ở đó không?'."""
        if self._screen == Screen.HOME and self._session is None:
            return
        self._idle_prompt = True
        self._changed()

    def still_here(self) -> None:
        """The resident answered the idle question."""
        self._idle_prompt = False
        self._changed()

    def idle_expire(self) -> None:
        """No answer: wipe everything and go home."""
        self._end(EndReason.IDLE)

    def volunteer_reset(self) -> None:
        """A volunteer reset the kiosk from the panel."""
        self._end(EndReason.VOLUNTEER_RESET)

    # ----- the portal view (kiosk.portal.PortalUsage keeps its state) ---------------------
    def enable_portal(self, page_for: Callable[[Procedure], str | None]) -> None:
        """Offer 'Làm ngay trên máy này' where `page_for(procedure)` names a portal page."""
        self.portal.page_for = page_for
        self._changed()

    def open_portal(self) -> None:
        """'Làm ngay trên máy này': the portal beside the current step."""
        session, procedure = self._session, self._procedure
        if self._screen != Screen.STEP or session is None or procedure is None:
            return
        if not self.portal.is_open and self.portal.page(procedure) is not None:
            self.portal.open(procedure, session.furthest_step)
            self._emit(EventKind.PORTAL_OPENED, value=procedure.id)
            self._changed()

    def close_portal(self) -> None:
        """'Về hướng dẫn': the guide alone again (the portal's login lasts until the end)."""
        if self.portal.is_open:
            self._close_portal()
            self._changed()

    def set_portal_offline(self, offline: bool) -> None:
        """The network is known to be down (True), or no longer known to be (False)."""
        if offline != self.portal.offline:
            self.portal.offline = offline
            self._changed()

    def _close_portal(self) -> None:
        seconds = self.portal.close()
        if seconds is not None:
            self._emit(EventKind.PORTAL_CLOSED, number=min(seconds, MAX_EVENT_SECONDS))

    def _end(self, reason: EndReason) -> None:
        self._close_portal()
        session = self._session
        if session is not None:
            if session.submission is not None and reason in (EndReason.IDLE, EndReason.HOME):
                # She submitted and walked away: the visit went to its end, it was not abandoned.
                reason = EndReason.FINISHED
            self._emit(EventKind.SESSION_ENDED, value=reason.value)
            usage = self.portal.summary()
            summary = SessionSummary(
                uuid=session.uuid,
                started_at=session.started_at,
                ended_at=self._session_time(session),
                language=self._language,
                text_size=self._text_size,
                procedure_id=session.procedure_id,
                furthest_step=session.furthest_step,
                step_count=session.step_count,
                practice_modules=tuple(session.practice_modules),
                help_requests=session.help_requests,
                rating=session.rating,
                end_reason=reason,
                catalog_version=self.catalog.version,
                portal_procedure_id=usage.procedure_id if usage else None,
                portal_seconds=usage.seconds if usage else None,
                portal_last_step=usage.reached_last_step if usage else None,
                mark=session.mark,
            )
            self._session = None
            if self.listener is not None:
                self.listener.on_session_end(summary)
        self._reset_home()

    def _reset_home(self) -> None:
        self.portal.reset()
        self._procedure = None
        self._step_index = 0
        self._practice = None
        self._query = ""
        self._category = None
        self._agency = AgencyFilter.ALL
        self._language = self._default_language
        self._text_size = TextSize.NORMAL.value
        self._read_aloud = False
        self._typing = InputMethod.TELEX.value
        if self._pending_catalog is not None:
            self._apply_catalog(self._pending_catalog)
            self._pending_catalog = None
        self._show(Screen.HOME)

    @property
    def current_mark(self) -> SessionMark | None:
        """The outcome said so far for the visit at the kiosk (the panel shows it), if any."""
        return self._session.mark if self._session else None

    @property
    def session_uuid(self) -> str | None:
        """The open session's id (for the volunteer panel), if any."""
        return self._session.uuid if self._session else None

    def _session_time(self, session: _Session) -> datetime:
        """Now, as the session's start plus the monotonic time since (never before the start)."""
        elapsed = max(0.0, self.clock.monotonic() - session.started_monotonic)
        return session.started_at + timedelta(seconds=elapsed)

    def _emit(self, kind: EventKind, value: str | None = None, number: int | None = None) -> None:
        session = self._session
        if self.listener is None or session is None:
            return
        at = self._session_time(session)
        self.listener.on_event(SessionEvent(session.uuid, kind, at, value=value, number=number))

    # ----- catalog updates ---------------------------------------------------------------
    def offer_catalog(self, catalog: Catalog) -> None:
        """A newer verified catalog: applied at once on an idle home screen, else at next home."""
        if self._screen == Screen.HOME and self._session is None:
            self._apply_catalog(catalog)
            self._changed()
        else:
            self._pending_catalog = catalog

    def _apply_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if self._search_factory is not None:
            self._search = self._search_factory(catalog)  # the old index knows the old catalog
        self.notices = [n for n in self.notices if "top_procedures" not in n]
        self._top_ids = self._valid_top(self._wanted_top)
        count = len(catalog.procedures)
        log.info("catalog version %s applied (%d procedures)", catalog.version, count)

    # ----- the Choose screen -------------------------------------------------------------
    def _valid_top(self, ids: tuple[str, ...]) -> list[str]:
        valid = [i for i in ids if i in self.catalog.procedures]
        for missing in (i for i in ids if i not in self.catalog.procedures):
            note = f"config: kiosk.top_procedures: unknown procedure '{missing}' ignored"
            log.warning(note)
            if note not in self.notices:
                self.notices.append(note)
        return valid

    def set_query(self, query: str) -> None:
        """The search box changed (kept in memory only, wiped at session end)."""
        self._query = query
        self._changed()

    def set_category(self, category: str | None) -> None:
        """Pick a category on the Choose screen (None = all)."""
        if category is not None and category not in self.catalog.categories:
            raise KeyError(category)
        self._category = category
        self._changed()

    def set_agency(self, agency: str) -> None:
        """Filter by UBND / Công an / all."""
        self._agency = AgencyFilter(agency)
        self._changed()

    @property
    def choose_view(self) -> ChooseView:
        """The procedures the Choose screen shows for the current query and filters."""
        procedures = self.catalog.procedures
        not_offered = understood = None
        searched = bool(self._query.strip())
        if searched and self._search is not None:
            ids, not_offered, understood = SearchAnswer(*self._search(self._query))
            found = [procedures[i] for i in ids if i in procedures]
        elif self._category is None and self._agency == AgencyFilter.ALL:
            top = [procedures[i] for i in self._top_ids]
            rest = [p for p in self.catalog.by_popularity() if p.id not in self._top_ids]
            found = (top + rest)[:TOP_TILES]
        else:
            found = self.catalog.by_popularity()
        if self._category is not None:
            found = [p for p in found if p.category == self._category]
        if self._agency != AgencyFilter.ALL:
            kind = AgencyKind.UBND if self._agency == AgencyFilter.UBND else AgencyKind.CONG_AN
            found = [p for p in found if self.catalog.agency_kind(p) == kind]
        return ChooseView(
            query=self._query,
            category=self._category,
            agency=self._agency,
            procedures=tuple(found),
            searched=searched,
            not_offered=not_offered,
            understood=understood,
        )
