"""The whole portal procedure at 'Rất lớn', with the real pointer and keyboard: a resident
who types slowly registers temporary residence for her grandson on the fake portal (the
national portal's banner and review page) — login with the OTP, both form pages typed in
Telex, her scan uploaded through the kiosk's picker, the review, «cam đoan», «Nộp hồ sơ», the
receipt — for longer than the idle time (tests/resident_journey.py does her part).

Then the guide to its end, «Đã nộp hồ sơ» on the finish page, the slip printed, «Xong».

Asserted: the idle question never came; the guide was in step with the portal at each page
(it offered to follow, and followed on her tap); every page opened with its next action in
view; the finish page says she submitted and the slip was made; the journal's outcome is her
own 'dossier-submitted'; the next resident starts logged out and the picker offers none of
her scans (deleted when her session ended)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_portal import FakePortal
from tests.resident_journey import RealResident, marked
from tests.ui.portal.conftest import PortalDriver, while_asked
from tests.ui.test_journey_journal import stored, stored_outcomes
from tests.x_input import needs_x
from ui.journal_hookup import hookup_of, start_journal
from ui.printing import SLIP_PDF_NAME

pytestmark = needs_x

IDLE_SECONDS = 20  # her journey takes longer than this, typing all the way


@pytest.fixture
def portal(foreign: FakePortal) -> Iterator[FakePortal]:
    site = FakePortal.start(foreign_url=foreign.origin, banner_px=370, review=True)
    yield site
    site.stop()


def test_a_whole_portal_procedure_at_rat_lon_with_real_input_real_input(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    real_catalog: Any,
    scan_folder: Path,
    portal: FakePortal,
    request: pytest.FixtureRequest,
) -> None:
    driver = portal_kiosk(idle_seconds=IDLE_SECONDS, catalog=marked(real_catalog))
    start_journal(driver.kiosk)
    hookup = hookup_of(driver.kiosk)
    assert hookup is not None
    request.addfinalizer(hookup.shutdown)
    window = driver.window
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.activity.started)
    warned: list[float] = []
    window.idle_timer.timeout.connect(lambda: warned.append(time.monotonic()))
    driver.wizard.set_text_size("xlarge")
    resident = RealResident(
        driver,
        qtbot.waitUntil,
        key_delay_ms=250,
        reading_seconds=2,
        shots=Path(os.environ["DVC_SHOTS"]) if os.environ.get("DVC_SHOTS") else None,
    )
    started = time.monotonic()

    resident.to_the_portal()
    (scan_folder / "giay-to-cho-o-cua-ba.pdf").write_bytes(b"%PDF-1.4 her lease, scanned now\n")
    resident.portal_journey(resident.picks_scan("giay-to-cho-o-cua-ba.pdf"))
    resident.finish_and_report()
    took = time.monotonic() - started

    counts = resident.counts
    assert took > IDLE_SECONDS, f"the journey took {took:.0f} s: longer than the idle time"
    assert not warned, "the idle question came while she was working"
    assert portal.state.uploads, "her scan reached the portal"
    assert counts.below_fold_pages == 0, counts
    assert counts.out_of_step == counts.follow_taps, "each time out of step, one tap fixed it"
    assert counts.follow_taps >= 1, "the portal's pages moved the guide"
    finish = window.page_for(driver.wizard.view)
    assert finish.title.text() == "Bạn đã nộp hồ sơ"
    assert "Hạn trả kết quả" in finish.next_steps.text()
    assert "Đã lưu phiếu thành tệp PDF" in finish.print_status.text()
    assert (driver.kiosk.dirs.cache / SLIP_PDF_NAME).read_bytes().startswith(b"%PDF")
    uuid = driver.wizard.session_uuid
    resident.tap(finish.done)  # «Xong»
    qtbot.waitUntil(lambda: driver.wizard.session_uuid is None)
    [mark] = [m for m in stored_outcomes(hookup) if m["session_uuid"] == uuid]
    assert (mark["outcome"], mark["reported_by"]) == ("dossier-submitted", "resident")
    assert stored(hookup)[uuid]["end_reason"] == "finished"
    assert not (scan_folder / "giay-to-cho-o-cua-ba.pdf").exists(), "her scan is gone"

    # The next resident: logged out, and the picker offers nothing of hers.
    driver.to_step()
    driver.press_portal_button()
    assert not driver.logged_in()
    driver.log_in(id_number="038185012947", password="Bi@mat-99", otp="730614")
    driver.go("/form/1")
    driver.submit()
    driver.wait_for("location.pathname === '/form/2'")
    driver.submit()
    driver.wait_for("location.pathname === '/upload' && !!document.getElementById('file')")
    picker = driver.pane.picker
    offered: list[list[str]] = []

    def look_and_cancel() -> None:
        offered.append([f.path.name for f in picker.row_buttons.values()])
        picker.cancel()

    acted = while_asked(picker, lambda: picker.asking, look_and_cancel)
    resident.tap_element("file")
    qtbot.waitUntil(lambda: bool(acted), timeout=15_000)
    assert offered == [[]], "the next resident's picker lists none of the earlier scans"
