"""What the journal learns about the portal view, from the wizard to the wire: which procedure,
how long, whether the guide's last step was reached — ids and numbers, never an address."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.clock import FixedClock
from kiosk.journal.db import open_journal
from kiosk.journal.recorder import JournalRecorder
from kiosk.paths import resources_dir
from kiosk.portal import AllowList, portal_page
from kiosk.protocol import RecordError, SessionRecord
from kiosk.session import EventKind, SessionEvent, SessionSummary
from kiosk.wizard import Screen, Wizard

PROCEDURE = "dang-ky-tam-tru"
UUID = "7d9f2c1e-2b1a-4c55-9a0e-3f6c1d2e4b70"


class Recorder:
    """A real SessionListener that keeps what it is told."""

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


def portal_wizard(catalog: Catalog) -> tuple[Wizard, FixedClock, Recorder]:
    clock = FixedClock(datetime(2026, 12, 3, 10, 0, tzinfo=UTC))
    recorder = Recorder()
    wizard = Wizard(catalog, listener=recorder, clock=clock)
    allow = AllowList.from_catalog(catalog)
    wizard.enable_portal(lambda procedure: portal_page(procedure, catalog, allow))
    return wizard, clock, recorder


def test_the_portal_is_offered_only_beside_a_step_of_a_procedure_it_can_open(
    catalog: Catalog,
) -> None:
    """No procedure chosen or no portal page: nothing; on a step: offered, and opening it
    keeps the step screen; leaving the step closes it."""
    wizard, _clock, _recorder = portal_wizard(catalog)
    assert not wizard.view.portal_available
    wizard.start()
    wizard.choose(PROCEDURE)
    assert wizard.view.portal_available
    wizard.open_portal()
    assert not wizard.view.portal_open, "only beside a step"
    wizard.begin_steps()
    wizard.open_portal()
    assert wizard.view.portal_open and wizard.view.screen == Screen.STEP
    wizard.next()
    assert wizard.view.portal_open, "the guide moves on beside the portal"
    wizard.open_practice("cccd")
    assert not wizard.view.portal_open
    bare = Wizard(catalog)
    bare.start()
    bare.choose(PROCEDURE)
    assert not bare.view.portal_available, "no portal without the allow-list"


def test_the_session_summary_counts_portal_seconds_and_the_last_step(catalog: Catalog) -> None:
    """Two openings (60 s + 45 s) around 1000 s of guide alone; the last step reached with the
    portal open: procedure, 105 s and True in the summary; opened/closed events on the way."""
    wizard, clock, recorder = portal_wizard(catalog)
    wizard.start()
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    wizard.open_portal()
    clock.advance(60)
    wizard.close_portal()
    clock.advance(1000)
    wizard.open_portal()
    while wizard.view.step_index + 1 < wizard.view.step_count:
        wizard.next()
    clock.advance(45)
    wizard.next()  # to the finish screen: the portal closes
    assert not wizard.view.portal_open
    wizard.done()
    [summary] = recorder.summaries
    assert summary.portal_procedure_id == PROCEDURE
    assert summary.portal_seconds == 105
    assert summary.portal_last_step is True
    kinds = [(e.kind, e.value, e.number) for e in recorder.events if "portal" in e.kind]
    assert kinds == [
        (EventKind.PORTAL_OPENED, PROCEDURE, None),
        (EventKind.PORTAL_CLOSED, None, 60),
        (EventKind.PORTAL_OPENED, PROCEDURE, None),
        (EventKind.PORTAL_CLOSED, None, 45),
    ]


def test_a_session_without_the_portal_records_none_of_it(catalog: Catalog) -> None:
    """The three fields stay None; the next session starts from nothing."""
    wizard, clock, recorder = portal_wizard(catalog)
    wizard.start()
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    wizard.open_portal()
    clock.advance(10)
    wizard.idle_expire()
    wizard.start()
    wizard.done()
    first, second = recorder.summaries
    assert (first.portal_procedure_id, first.portal_seconds) == (PROCEDURE, 10)
    assert first.portal_last_step is False
    assert (second.portal_procedure_id, second.portal_seconds, second.portal_last_step) == (
        None,
        None,
        None,
    )


def test_offline_is_shown_on_the_view_until_the_network_is_back(catalog: Catalog) -> None:
    """The UI reports a known-down network; the view says so (the button's words)."""
    wizard, _clock, _recorder = portal_wizard(catalog)
    wizard.set_portal_offline(True)
    assert wizard.view.portal_offline
    wizard.set_portal_offline(False)
    assert not wizard.view.portal_offline


def record(**portal: object) -> SessionRecord:
    return SessionRecord(
        uuid=UUID,
        kiosk_id="kiosk-1",
        help_point_id="duc-nhuan-kp1",
        started_at="2026-12-03T10:00:00+00:00",
        ended_at="2026-12-03T10:20:00+00:00",
        language="vi",
        text_size="normal",
        procedure_id=PROCEDURE,
        furthest_step=7,
        step_count=7,
        **portal,  # type: ignore[arg-type]
    )


def test_the_wire_record_carries_the_portal_fields_only_when_used() -> None:
    """Without the portal the JSON is exactly the old record's (an older collector accepts it,
    and its hash does not change); with it, the three fields; only together; in bounds."""
    plain = record().to_json()
    assert not any(key.startswith("portal") for key in plain)
    used = record(portal_procedure_id=PROCEDURE, portal_seconds=905, portal_last_step=True)
    assert SessionRecord.from_json(used.to_json()) == used
    for bad, field in (
        ({"portal_procedure_id": PROCEDURE}, "portal_seconds"),
        ({"portal_procedure_id": PROCEDURE, "portal_seconds": -1, "portal_last_step": False},
         "portal_seconds"),
        ({"portal_procedure_id": "https://x", "portal_seconds": 1, "portal_last_step": False},
         "portal_procedure_id"),
        ({"portal_procedure_id": PROCEDURE, "portal_seconds": 1, "portal_last_step": "yes"},
         "portal_last_step"),
    ):  # fmt: skip
        with pytest.raises(RecordError) as caught:
            SessionRecord.from_json({**plain, **bad})
        assert caught.value.field == field


def test_the_journal_stores_and_sends_the_portal_fields(tmp_path: Path) -> None:
    """A session with the portal is stored and queued with its three fields; a crashed one
    (portal still open) is rebuilt with the portal's procedure and seconds."""
    summary = SessionSummary(
        uuid=UUID,
        started_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC),
        ended_at=datetime(2026, 12, 3, 10, 20, tzinfo=UTC),
        language="vi",
        text_size="normal",
        procedure_id=PROCEDURE,
        furthest_step=7,
        step_count=7,
        practice_modules=(),
        help_requests=0,
        rating=None,
        end_reason="finished",  # type: ignore[arg-type]
        catalog_version=1,
        portal_procedure_id=PROCEDURE,
        portal_seconds=600,
        portal_last_step=True,
    )
    with open_journal(tmp_path / "journal.db") as journal:
        recorder = JournalRecorder(journal, "kiosk-1", "duc-nhuan-kp1")
        recorder.end_session(summary).result(5)
        crashed = "0b8a6f2e-7c1d-4e2a-8f3b-5a6c7d8e9f01"
        t0 = datetime(2026, 12, 3, 11, 0, tzinfo=UTC)
        for kind, value, at in (
            (EventKind.SESSION_STARTED, None, t0),
            (EventKind.PORTAL_OPENED, PROCEDURE, t0.replace(minute=1)),
            (EventKind.SCREEN_SHOWN, "step", t0.replace(minute=9)),
        ):
            recorder.on_event(SessionEvent(crashed, kind, at, value=value))
        journal.flush()
        export = journal.export_unsynced("kiosk-1", "duc-nhuan-kp1")
        [sent] = export["sessions"]
        assert (sent["portal_procedure_id"], sent["portal_seconds"], sent["portal_last_step"]) == (
            PROCEDURE,
            600,
            True,
        )
    with open_journal(tmp_path / "journal.db") as journal:
        JournalRecorder(journal, "kiosk-1", "duc-nhuan-kp1").recovered.result(5)
        sessions = {s["uuid"]: s for s in journal.export_unsynced("k", "h")["sessions"]}
        rebuilt = sessions[crashed]
        assert rebuilt["portal_procedure_id"] == PROCEDURE and rebuilt["portal_seconds"] == 480
