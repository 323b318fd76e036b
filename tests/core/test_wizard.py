"""The wizard state machine, without Qt: screens, transitions, sessions, idle and catalog swaps."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.clock import FixedClock
from kiosk.journal.db import Journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.paths import resources_dir
from kiosk.protocol import EndReason
from kiosk.session import EventKind, SessionEvent, SessionSummary
from kiosk.wizard import AgencyFilter, Screen, Wizard

PROCEDURE = "dang-ky-tam-tru"


class Recorder:
    """A real SessionListener that keeps what it is told, as the journal would."""

    def __init__(self) -> None:
        self.events: list[SessionEvent] = []
        self.summaries: list[SessionSummary] = []

    def on_event(self, event: SessionEvent) -> None:
        self.events.append(event)

    def on_session_end(self, summary: SessionSummary) -> None:
        self.summaries.append(summary)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(resources_dir() / "catalog")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def clock() -> FixedClock:
    """A pinned clock, so session times are exact."""
    return FixedClock(datetime(2026, 11, 28, 18, 0, tzinfo=UTC))


@pytest.fixture
def wizard(catalog: Catalog, recorder: Recorder, clock: FixedClock) -> Wizard:
    return Wizard(catalog, listener=recorder, clock=clock)


def test_a_whole_journey_ends_in_one_finished_session(
    wizard: Wizard, recorder: Recorder, clock: FixedClock
) -> None:
    """Home → choose → overview → every step → finish → rating → home records one session."""
    assert wizard.view.screen == Screen.HOME
    wizard.start()
    assert wizard.view.screen == Screen.CHOOSE
    wizard.choose(PROCEDURE)
    assert wizard.view.screen == Screen.OVERVIEW
    wizard.begin_steps()
    count = wizard.view.step_count
    assert count >= 4
    for number in range(1, count + 1):
        assert wizard.view.screen == Screen.STEP
        assert wizard.view.step_index == number - 1
        wizard.next()
    assert wizard.view.screen == Screen.FINISH
    wizard.rate(4)
    clock.advance(7 * 60)
    wizard.done()
    assert wizard.view.screen == Screen.HOME
    assert not wizard.view.session_open
    [summary] = recorder.summaries
    assert summary.procedure_id == PROCEDURE
    assert summary.furthest_step == count == summary.step_count
    assert summary.rating == 4
    assert summary.end_reason == EndReason.FINISHED
    assert summary.ended_at - summary.started_at == timedelta(minutes=7)
    kinds = [e.kind for e in recorder.events]
    assert kinds[0] == EventKind.SESSION_STARTED and kinds[-1] == EventKind.SESSION_ENDED
    assert kinds.count(EventKind.STEP_REACHED) == count


def test_back_walks_the_journey_backwards_and_keeps_the_furthest_step(
    wizard: Wizard, recorder: Recorder
) -> None:
    """'Quay lại' goes one screen back each time; going back never lowers the furthest step;
    back from Choose reaches home and so ends the session, with its own reason (HOME)."""
    wizard.start()
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    wizard.next()
    wizard.next()
    wizard.back()
    assert wizard.view.step_index == 1
    wizard.back()
    wizard.back()
    assert wizard.view.screen == Screen.OVERVIEW
    wizard.back()
    assert wizard.view.screen == Screen.CHOOSE
    wizard.set_query("tam tru")
    wizard.back()
    assert wizard.view.screen == Screen.HOME and not wizard.view.session_open
    assert wizard.choose_view.query == ""
    [summary] = recorder.summaries
    assert summary.furthest_step == 3
    assert summary.end_reason == EndReason.HOME
    assert recorder.events[-1].kind == EventKind.SESSION_ENDED
    assert recorder.events[-1].value == "home"


def test_practice_is_recorded_once_and_returns_to_its_step(
    wizard: Wizard, recorder: Recorder
) -> None:
    """Opening a practice module records the module (never what was typed) once."""
    wizard.start()
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    while wizard.view.step is not None and wizard.view.step.practice is None:
        wizard.next()
    index = wizard.view.step_index
    wizard.open_practice()
    assert wizard.view.screen == Screen.PRACTICE and wizard.view.practice == "cccd"
    wizard.back()
    assert wizard.view.screen == Screen.STEP and wizard.view.step_index == index
    wizard.open_practice()
    wizard.close_practice()
    wizard.idle_expire()
    [summary] = recorder.summaries
    assert summary.practice_modules == ("cccd",)
    assert summary.end_reason == EndReason.IDLE


def test_help_requests_are_counted(wizard: Wizard, recorder: Recorder) -> None:
    """Each press of 'Gọi tình nguyện viên' during a session counts once."""
    wizard.start()
    wizard.request_help()
    wizard.choose(PROCEDURE)
    wizard.request_help()
    wizard.done()
    assert recorder.summaries[0].help_requests == 2


def test_idle_asks_first_then_wipes_everything(wizard: Wizard, recorder: Recorder) -> None:
    """Idle: the question comes first; an answer keeps the screen; no answer wipes and goes home."""
    wizard.set_language("en")
    wizard.set_text_size("xlarge")
    wizard.start()
    wizard.set_query("tam tru")
    wizard.choose(PROCEDURE)
    wizard.idle_warn()
    assert wizard.view.idle_prompt
    wizard.still_here()
    assert not wizard.view.idle_prompt and wizard.view.screen == Screen.OVERVIEW
    wizard.idle_warn()
    wizard.idle_expire()
    view = wizard.view
    assert view.screen == Screen.HOME and not view.idle_prompt and view.procedure is None
    assert view.language == "vi" and view.text_size == "normal"
    assert wizard.choose_view.query == ""
    assert recorder.summaries[0].language == "en"
    assert recorder.summaries[0].text_size == "xlarge"


def test_idle_on_an_empty_home_screen_does_nothing(wizard: Wizard, recorder: Recorder) -> None:
    """Nobody is there: no question, no session."""
    wizard.idle_warn()
    assert not wizard.view.idle_prompt
    assert recorder.summaries == []


def test_rating_outside_one_to_five_is_refused(wizard: Wizard) -> None:
    """A rating is 1–5."""
    wizard.start()
    with pytest.raises(ValueError):
        wizard.rate(6)


def test_choose_lists_top_procedures_then_filters(catalog: Catalog) -> None:
    """Tiles: configured favourites first; filters by agency and category narrow the list."""
    ids = list(catalog.procedures)
    favourite = ids[-1]
    wizard = Wizard(catalog, top_procedures=(favourite, "khong-co-thu-tuc-nay"))
    view = wizard.choose_view
    assert view.procedures[0].id == favourite
    assert wizard.notices and "khong-co-thu-tuc-nay" in wizard.notices[0]
    wizard.set_agency(AgencyFilter.CONG_AN.value)
    kinds = {catalog.agency_kind(p).value for p in wizard.choose_view.procedures}
    assert kinds == {"cong-an"}
    wizard.set_agency(AgencyFilter.ALL.value)
    wizard.set_category("ho-tich")
    assert {p.category for p in wizard.choose_view.procedures} == {"ho-tich"}


def test_search_results_and_not_found(catalog: Catalog) -> None:
    """The search callback decides the list; no hit gives an empty, searched view."""
    wizard = Wizard(catalog, search=lambda q: ([PROCEDURE] if "tam" in q else [], None))
    wizard.set_query("tam tru")
    assert [p.id for p in wizard.choose_view.procedures] == [PROCEDURE]
    wizard.set_query("xyzzy")
    view = wizard.choose_view
    assert view.searched and view.procedures == ()


def test_a_new_catalog_waits_for_the_home_screen(wizard: Wizard, catalog: Catalog) -> None:
    """A catalog update never changes the screen under a resident: it applies at home."""
    newer = dataclasses.replace(catalog, version=catalog.version + 1)
    wizard.start()
    wizard.choose(PROCEDURE)
    wizard.offer_catalog(newer)
    assert wizard.catalog is catalog
    wizard.done()
    assert wizard.catalog is newer
    newest = dataclasses.replace(catalog, version=catalog.version + 2)
    wizard.offer_catalog(newest)
    assert wizard.catalog is newest


def test_each_catalog_gets_its_own_search(catalog: Catalog) -> None:
    """A catalog applied later (the full one after the index, or a sync update) is searched,
    not the one the kiosk started with."""
    made: list[Catalog] = []

    def factory(cat: Catalog) -> Any:
        made.append(cat)
        return lambda query: (list(cat.procedures)[:1], None)

    index_only = dataclasses.replace(catalog, procedures={}, shared={})
    wizard = Wizard(index_only, search_factory=factory, top_procedures=(PROCEDURE,))
    assert wizard.notices == [], "no false alarm about favourites before the procedures load"
    wizard.offer_catalog(catalog)
    assert made == [index_only, catalog]
    wizard.set_query("anything")
    assert [p.id for p in wizard.choose_view.procedures] == [next(iter(catalog.procedures))]
    assert wizard.choose_view.procedures and wizard.view.screen == Screen.HOME


def test_a_wall_clock_set_back_mid_session_keeps_the_session_with_its_real_duration(
    catalog: Catalog, journal: Journal
) -> None:
    """An NTP correction of -2 h mid-session: the session is stored, 5 min long, not dropped.

    The wall clock dates the start; the monotonic clock measures the rest, so the end is never
    before the start (the journal refuses such a record, and the session would be lost).
    """
    clock = FixedClock(datetime(2030, 1, 1, 8, 0, tzinfo=UTC))
    recorder = JournalRecorder(journal, "kiosk-1", "duc-nhuan-kp1", clock=clock, recover=False)
    wizard = Wizard(catalog, listener=recorder, clock=clock)
    wizard.start()
    wizard.choose(PROCEDURE)
    clock.advance(60)
    clock.set(datetime(2030, 1, 1, 6, 1, tzinfo=UTC))  # the wall clock jumps back two hours
    wizard.begin_steps()
    clock.advance(240)
    wizard.done()
    assert journal.flush(10)
    last = journal.last_session()
    assert last is not None and last.end_reason == EndReason.FINISHED
    assert last.started_at == datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
    assert last.ended_at - last.started_at == timedelta(minutes=5)
    assert recorder.rejected == 0 and journal.unsynced_count() == 1


def _to_finish(wizard: Wizard) -> None:
    wizard.start()
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    while wizard.view.screen == Screen.STEP:
        wizard.next()


@pytest.mark.parametrize("ending", ["idle_expire", "done", "back_home"])
def test_a_submitted_session_is_never_ended_by_idle(
    wizard: Wizard, recorder: Recorder, clock: FixedClock, ending: str
) -> None:
    """'Đã nộp hồ sơ' on the finish screen: the view carries the submission and its due date;
    however the session then ends (walking away, 'Xong', back home), it is finished, with
    the resident's own mark."""
    _to_finish(wizard)
    assert wizard.view.submission is None
    clock.advance(60)
    wizard.report_submitted()
    submission = wizard.view.submission
    assert submission is not None and submission.reported_by == "resident"
    assert submission.working_days == 3 and submission.due is not None
    if ending == "back_home":
        while wizard.view.screen != Screen.HOME:
            wizard.back()
    else:
        getattr(wizard, ending)()
    [summary] = recorder.summaries
    assert summary.end_reason == EndReason.FINISHED
    assert summary.mark is not None
    assert (summary.mark.outcome, summary.mark.reported_by) == ("dossier-submitted", "resident")
    assert summary.mark.volunteer_code is None
    assert wizard.view.submission is None  # the next resident starts without it


def test_a_volunteers_other_mark_takes_the_submission_back(
    wizard: Wizard, recorder: Recorder
) -> None:
    """A volunteer corrects the current visit to 'Cần quay lại': no next steps, and an idle
    end is idle again; the newest mark is the one kept."""
    _to_finish(wizard)
    wizard.report_submitted()
    wizard.mark_current("needs-return", "TNV-07")
    assert wizard.view.submission is None
    wizard.idle_expire()
    [summary] = recorder.summaries
    assert summary.end_reason == EndReason.IDLE
    assert summary.mark is not None
    assert (summary.mark.outcome, summary.mark.reported_by) == ("needs-return", None)
    assert summary.mark.volunteer_code == "TNV-07"
    with pytest.raises(ValueError):
        wizard.mark_current("info-only")  # nobody at the kiosk


def test_a_marked_session_reaches_the_journal_with_its_mark(
    catalog: Catalog, clock: FixedClock, journal: Journal
) -> None:
    """Through the real recorder and journal: the session row, then its outcome row with
    reported_by 'resident', both in the outbox."""
    recorder = JournalRecorder(journal, "kiosk-1", "phu-nhuan-kp3", clock=clock, recover=False)
    wizard = Wizard(catalog, listener=recorder, clock=clock)
    _to_finish(wizard)
    uuid = wizard.session_uuid
    wizard.report_submitted()
    wizard.idle_expire()
    journal.flush()
    export = journal.export_unsynced("kiosk-1", "phu-nhuan-kp3")
    [session] = export["sessions"]
    [outcome] = export["outcomes"]
    assert session["uuid"] == outcome["session_uuid"] == uuid
    assert session["end_reason"] == "finished"
    assert outcome["reported_by"] == "resident" and outcome["outcome"] == "dossier-submitted"
    last = journal.last_session()
    assert last is not None and last.outcome == "dossier-submitted"
