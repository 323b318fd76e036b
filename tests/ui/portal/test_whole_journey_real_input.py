"""The whole portal procedure at 'Rất lớn', with the real pointer and keyboard: a resident
who types slowly registers temporary residence for her grandson on the fake portal (the
national portal's banner and review page) — login with the OTP, both form pages typed in
Telex, her scan uploaded through the kiosk's picker, the review, «cam đoan», «Nộp hồ sơ», the
receipt — for longer than the idle time (tests/resident_journey.py does her part).

Asserted: the idle question never came; the guide was in step with the portal at each page
(it offered to follow, and followed on her tap); every page opened with its next action in
view."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from tests.fake_portal import FakePortal
from tests.resident_journey import RealResident, marked, step_titled
from tests.ui.portal.conftest import PortalDriver
from tests.x_input import needs_x

pytestmark = needs_x

IDLE_SECONDS = 20  # her journey takes longer than this, typing all the way


@pytest.fixture
def portal(foreign: FakePortal) -> Iterator[FakePortal]:
    site = FakePortal.start(foreign_url=foreign.origin, banner_px=370, review=True)
    yield site
    site.stop()


def picks_her_scan(resident: RealResident, name: str) -> Callable[[], None]:
    """When the kiosk's picker asks (inside its own wait), tap her scan and 'Tải lên'."""
    picker = resident.driver.pane.picker

    def arm() -> None:
        def poll() -> None:
            rows = [b for b, f in picker.row_buttons.items() if f.path.name == name]
            if picker.asking and rows:
                resident.tap(rows[0])
                resident.tap(picker.choose_button)
            else:
                QTimer.singleShot(100, poll)

        QTimer.singleShot(0, poll)

    return arm


def test_a_whole_portal_procedure_at_rat_lon_with_real_input_real_input(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    real_catalog: Any,
    scan_folder: Path,
    portal: FakePortal,
) -> None:
    driver = portal_kiosk(idle_seconds=IDLE_SECONDS, catalog=marked(real_catalog))
    window = driver.window
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.activity.started)
    warned: list[float] = []
    window.idle_timer.timeout.connect(lambda: warned.append(time.monotonic()))
    driver.wizard.set_text_size("xlarge")
    resident = RealResident(driver, qtbot.waitUntil, key_delay_ms=250, reading_seconds=2)
    started = time.monotonic()

    resident.to_the_portal()
    (scan_folder / "giay-to-cho-o-cua-ba.pdf").write_bytes(b"%PDF-1.4 her lease, scanned now\n")
    resident.portal_journey(picks_her_scan(resident, "giay-to-cho-o-cua-ba.pdf"))
    took = time.monotonic() - started

    counts = resident.counts
    assert took > IDLE_SECONDS, f"the journey took {took:.0f} s: longer than the idle time"
    assert not warned, "the idle question came while she was working"
    assert portal.state.uploads, "her scan reached the portal"
    assert counts.below_fold_pages == 0, counts
    assert counts.out_of_step == counts.follow_taps, "each time out of step, one tap fixed it"
    assert driver.wizard.view.step_index == step_titled(real_catalog, "Chép lại mã hồ sơ"), (
        "the guide is on the step of the portal's last page"
    )
