"""A resident's whole portal journey with real input: the real pointer and keyboard (XTEST
through Xvfb, tests/x_input.py) on the real kiosk — tap «Bắt đầu», search, the overview, the
step, «Làm ngay trên máy này», then on the fake portal (with the national portal's banner and
review page) log in with the OTP, fill both form pages in Telex, upload a scan through the
kiosk's picker, tick «cam đoan», «Nộp hồ sơ», download the receipt.

Before each action she looks for it: if it is not in view she turns the wheel until it is,
and the time that takes counts as "below the fold". The counts (taps, keys, wheel turns,
pages whose next action was below the fold on arrival, seconds below the fold) are what
bench/bench_journey.py reports and what the whole-journey test asserts on.

Used by tests/ui/portal/test_whole_journey_real_input.py and bench/bench_journey.py; both run
the kiosk on Qt's xcb platform in their own process.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.portal_driver import PROCEDURE, PortalDriver
from tests.x_input import click_at, type_keys, xdotool

ID_NUMBER = "079203731862"
PASSWORD = "Mk@2026x"
OTP = "482913"
NAME_KEYS, NAME = "Nguyeenx Vawn Anh", "Nguyễn Văn Anh"  # her grandson, filed for him
PHONE = "0903123456"
ADDRESS_KEYS, ADDRESS = "12 Phan Ddinhf Phungf", "12 Phan Đình Phùng"
# The fake portal's pages, named on the steps that explain them (by the step's title).
PAGE_MARKS = {
    "Gõ số định danh và mật khẩu VNeID": "/login*",
    "Gõ mã OTP trong tin nhắn": "/otp",
    "Điền tờ khai CT01": "/form/*",
    "Tải lên giấy tờ chỗ ở": "/upload",
    "Xem lại trang tóm tắt": "/review",
    "Chép lại mã hồ sơ": "/done",
}


def step_titled(catalog: Any, title: str) -> int:
    """The index of the procedure's step with this Vietnamese title."""
    titles = [step.title.vi for step in catalog.procedures[PROCEDURE].steps]
    return titles.index(title)


def marked(catalog: Any) -> Any:
    """The catalog with the fake portal's pages named on the procedure's steps (the guide
    follows the portal by them; the bundled catalog names no real-portal page yet)."""
    procedure = catalog.procedures[PROCEDURE]
    titles = [step.title.vi for step in procedure.steps]
    missing = set(PAGE_MARKS) - set(titles)
    assert not missing, f"the procedure has no step {missing}"
    steps = tuple(
        dataclasses.replace(step, portal_path=PAGE_MARKS.get(step.title.vi))
        for step in procedure.steps
    )
    procedures = {**catalog.procedures, PROCEDURE: dataclasses.replace(procedure, steps=steps)}
    return dataclasses.replace(catalog, procedures=procedures)


@dataclasses.dataclass
class Counts:
    """What the journey took."""

    taps: int = 0
    keys: int = 0
    wheel_turns: int = 0
    pages: int = 0
    below_fold_pages: int = 0  # pages whose next action was out of view on arrival
    below_fold_seconds: float = 0.0
    out_of_step: int = 0  # pages where the guide showed another step than the portal's
    follow_taps: int = 0


class RealResident:
    """Works the kiosk with the real pointer and keyboard, and counts what it took."""

    def __init__(
        self,
        driver: PortalDriver,
        wait: Callable[..., None],
        key_delay_ms: int = 60,
        reading_seconds: float = 0.0,
        shots: Path | None = None,
    ) -> None:
        self.driver = driver
        self.key_delay_ms = key_delay_ms  # she types slowly: ~4 keys a second at 250
        self.reading_seconds = reading_seconds  # on each new page she reads before acting
        self.shots = shots  # a folder: the screen is saved there on each new page
        self.window = driver.window
        self.wait = wait  # qtbot.waitUntil (or Bot().waitUntil)
        self.counts = Counts()

    # ----- the kiosk's own widgets ---------------------------------------------------------
    def tap(self, widget: QWidget) -> None:
        """A real click on a kiosk widget's centre (it must be on screen)."""
        self.wait(widget.isVisible)
        click_at(widget.mapToGlobal(widget.rect().center()))
        self.counts.taps += 1

    def type(self, keys: str) -> None:
        """Real key presses (Vietnamese letters as their Telex keys)."""
        type_keys(keys, self.key_delay_ms)
        self.counts.keys += len(keys)

    def to_the_portal(self) -> None:
        """Home → «Bắt đầu» → search 'tam tru' → the procedure → its steps → the portal."""
        from kiosk.wizard import Screen

        window, wizard = self.window, self.driver.wizard
        self.shoot("home")
        self.tap(window.pages["home"].start)
        self.wait(lambda: wizard.view.screen == Screen.CHOOSE)
        choose = window.page_for(wizard.view)
        self.tap(choose.search)
        self.type("tam tru")
        self.wait(lambda: PROCEDURE in choose.tile_buttons)
        QTest.qWait(300)
        self.shoot("choose")
        self.tap(choose.tile_buttons[PROCEDURE])
        self.wait(lambda: wizard.view.screen == Screen.OVERVIEW)
        overview = window.page_for(wizard.view)
        QTest.qWait(300)
        self.shoot("overview")
        self.tap(overview.next)
        self.wait(lambda: wizard.view.screen == Screen.STEP)
        step = window.page_for(wizard.view)
        QTest.qWait(300)
        self.shoot("step")
        self.tap(step.portal)
        self.driver.wait_for(
            "document.readyState === 'complete' && !!document.getElementById('state')"
        )

    # ----- the portal's page ----------------------------------------------------------------
    def _rect(self, element_id: str) -> tuple[float, float, float, float, float]:
        left, top, width, height, inner = self.driver.js(
            f"(() => {{ const r = document.getElementById({element_id!r})"
            ".getBoundingClientRect(); return [r.left, r.top, r.width, r.height, innerHeight];"
            " })()"
        )
        return left, top, width, height, inner

    def in_view(self, element_id: str) -> bool:
        _left, top, _w, height, inner = self._rect(element_id)
        return top >= 0 and top + height <= inner

    def look_for(self, element_id: str) -> None:
        """Turn the wheel (over the page) until the element is in view; count the time."""
        started = time.monotonic()
        view = self.driver.view
        centre = view.mapToGlobal(view.rect().center())
        for _turn in range(60):
            _left, top, _w, height, inner = self._rect(element_id)
            if top >= 0 and top + height <= inner:
                break
            xdotool("mousemove", str(centre.x()), str(centre.y()))
            xdotool("click", "5" if top + height > inner else "4")  # down / up
            self.counts.wheel_turns += 1
            QTest.qWait(120)
        else:
            raise AssertionError(f"{element_id} never came into view")
        self.counts.below_fold_seconds += time.monotonic() - started

    def tap_element(self, element_id: str) -> None:
        """Find the element (scrolling if she must) and click its centre with the pointer."""
        self.look_for(element_id)
        left, top, width, height, _inner = self._rect(element_id)
        zoom = self.driver.view.zoomFactor()
        at = self.driver.view.mapToGlobal(
            QPoint(round((left + min(width / 2, 40)) * zoom), round((top + height / 2) * zoom))
        )
        click_at(at)
        self.counts.taps += 1

    def arrive(self, path: str, next_action: str) -> None:
        """A new page: wait for it, note whether its next action is in view on arrival, and
        whether the guide is on the same step (tapping the guide's offer when it makes one)."""
        self.driver.wait_for(
            f"location.pathname === {path!r} && document.readyState === 'complete'"
            f" && !!document.getElementById({next_action!r})"
        )
        QTest.qWait(400)  # the kiosk's own scroll to the content, as her eyes find the page
        self.counts.pages += 1
        if not self.in_view(next_action):
            self.counts.below_fold_pages += 1
        QTest.qWait(round(self.reading_seconds * 1000))  # no input while she reads
        self.shoot(path.strip("/").replace("/", "-") or "portal-home")
        self.follow_the_portal()

    def finish_and_report(self) -> None:
        """After the receipt: the guide to its end ('Hoàn tất'), then on the finish page
        'Đã nộp hồ sơ' and the slip printed (a PDF where there is no printer)."""
        from kiosk.wizard import Screen

        wizard = self.driver.wizard
        guide = self.window.portal.page().guide
        if guide.folded:
            self.tap(guide.open_button)
        while wizard.view.screen == Screen.STEP:
            self.tap(guide.next)  # 'Bước sau của hướng dẫn', then 'Hoàn tất hướng dẫn'
        self.wait(lambda: wizard.view.screen == Screen.FINISH)
        finish = self.window.page_for(wizard.view)
        QTest.qWait(300)
        self.shoot("finish")
        self.tap(finish.submitted_button)
        self.wait(lambda: wizard.view.submission is not None)
        QTest.qWait(300)
        self.shoot("finish-submitted")
        self.tap(finish.print_button)
        self.wait(lambda: bool(finish.print_status.text()))
        QTest.qWait(300)
        self.shoot("slip-printed")

    def shoot(self, name: str) -> None:
        """The whole screen as she sees it, into `shots` (when given)."""
        if self.shots is None:
            return
        from PySide6.QtGui import QGuiApplication

        self.shots.mkdir(parents=True, exist_ok=True)
        number = len(list(self.shots.glob("*.png"))) + 1
        QGuiApplication.primaryScreen().grabWindow(0).save(
            str(self.shots / f"{number:02d}-{name}.png")
        )

    def follow_the_portal(self) -> None:
        guide = self.window.portal.page().guide
        if guide.offered is not None:
            self.counts.out_of_step += 1
            # Folded, the strip carries the offer as one button; open, the column does.
            self.tap(guide.strip_follow if guide.folded else guide.follow_button)
            self.counts.follow_taps += 1
            self.wait(lambda: guide.offered is None)

    def fill(self, element_id: str, keys: str) -> None:
        self.tap_element(element_id)
        self.driver.wait_for(f"document.activeElement.id === {element_id!r}")
        self.type(keys)

    def picks_scan(self, name: str) -> Callable[[], None]:
        """What to do at the upload field: when the kiosk's picker asks (inside its own
        wait, so from a timer), tap the scan called `name` and 'Tải lên'."""
        picker = self.driver.pane.picker

        def arm() -> None:
            def poll() -> None:
                rows = [b for b, f in picker.row_buttons.items() if f.path.name == name]
                if picker.asking and rows:
                    self.tap(rows[0])
                    self.tap(picker.choose_button)
                else:
                    QTimer.singleShot(100, poll)

            QTimer.singleShot(0, poll)

        return arm

    def portal_journey(self, choose_scan: Callable[[], None]) -> None:
        """From the portal's home page to the receipt downloaded."""
        driver = self.driver
        self.arrive("/", "login")
        self.tap_element("login")
        self.arrive("/login", "submit")
        self.fill("username", ID_NUMBER)
        self.fill("password", PASSWORD)
        self.tap_element("submit")
        self.arrive("/otp", "submit")
        self.fill("otp", OTP)  # read from her phone's SMS
        self.tap_element("submit")
        self.arrive("/form/1", "submit")
        self.fill("name", NAME_KEYS)
        driver.wait_for(f"document.getElementById('name').value === {NAME!r}")
        self.fill("phone", PHONE)
        self.tap_element("submit")
        self.arrive("/form/2", "submit")
        self.fill("address", ADDRESS_KEYS)
        driver.wait_for(f"document.getElementById('address').value === {ADDRESS!r}")
        self.tap_element("submit")
        self.arrive("/upload", "submit")
        choose_scan()  # the kiosk's picker opens over the page: pick her scan in it
        self.tap_element("file")
        self.wait(
            lambda: bool(driver.js("document.getElementById('file').files.length")), timeout=20_000
        )
        self.tap_element("submit")
        self.arrive("/review", "submit")
        self.tap_element("camdoan")
        self.tap_element("submit")  # «Nộp hồ sơ»
        self.arrive("/done", "receipt")
        self.tap_element("receipt")
        self.wait(lambda: driver.pane.last_download is not None, timeout=20_000)
