"""`dvc-kiosk simulate N`: drive N random resident journeys through the real kiosk, offscreen.

It builds the real window, wizard and journal (the same `build_kiosk` and `start_journal` the
kiosk runs) and presses the real buttons and keys with QTest, so every journey takes the real
code path end to end: typed ID numbers, names and phone numbers go into the real practice
widgets, and each session is checked to be acknowledged by the journal. The privacy test uses
it to plant values and then looks for them on disk; IT can use it to fill a demo kiosk.
Idle time-outs are fired the way their timers would fire them, so nothing sleeps: the kiosk runs
on a FixedClock that the driver moves on by the seconds a resident would have waited.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cccd import PROVINCES
from kiosk.clock import SYSTEM_CLOCK, FixedClock
from kiosk.pin import DEMO_PIN
from kiosk.protocol import EndReason, Outcome

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.app import Kiosk
    from ui.journal_hookup import JournalHookup

log = logging.getLogger(__name__)

SEARCHES = (
    "tam tru",
    "khai sinh",
    "can cuoc",
    "ho chieu",
    "bang lai",
    "ket hon",
    "thuong tru",
    "khai tu",
    "lý lịch tư pháp",
    "chung thuc",
    "ho kinh doanh",
    "vneid",
    "tam vang",
    "lam giay khai sinh cho con",
    "doi bang lai xe",
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân", "Bảo")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hạnh",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nga",
    "Phúc",
    "Quyên",
    "Sơn",
    "Thảo",
    "Tuấn",
    "Vy",
    "Yến",
)
PHONE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077",
                  "078", "079", "081", "083", "084", "085", "086", "088", "089", "090", "091",
                  "093", "094", "096", "097", "098")  # fmt: skip


def random_id_number(rng: random.Random) -> str:
    """A realistic 12-digit personal ID: province, sex+century digit, birth year, 6 digits."""
    province = rng.choice(sorted(PROVINCES))
    year = rng.randint(1940, 2012)
    female = rng.random() < 0.5
    century_digit = (0 if year < 2000 else 2) + (1 if female else 0)
    return f"{province}{century_digit}{year % 100:02d}{rng.randint(0, 999_999):06d}"


def random_name(rng: random.Random) -> str:
    """A Vietnamese full name with its accents."""
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def random_phone(rng: random.Random) -> str:
    """A 10-digit Vietnamese mobile number."""
    return rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}"


def grouped(number: str, rng: random.Random) -> str:
    """An ID number as people type it: plain, or in the card's groups (079 2 03 001234)."""
    style = rng.random()
    if style < 0.6:
        return number
    sep = rng.choice((" ", ".", "-"))
    return sep.join((number[:3], number[3], number[4:6], number[6:]))


def grouped_phone(phone: str, rng: random.Random) -> str:
    """A phone number as people type it: plain, 0912 345 678, or +84 912 345 678."""
    style = rng.random()
    if style < 0.6:
        return phone
    if style < 0.9:
        return f"{phone[:4]} {phone[4:7]} {phone[7:]}"
    return f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}"


def random_password(rng: random.Random) -> str:
    """A password meeting the portal's rules (upper, lower, digit, special, >= 8)."""
    return f"{rng.choice(('Lan', 'Hoa', 'Minh', 'Tuan', 'Mai'))}@{rng.randint(1000, 9999)}ab"


def random_passcode(rng: random.Random) -> str:
    """A 6-digit passcode the practice accepts (not an easy one like 123456)."""
    from kiosk.practice import check_passcode

    while True:
        code = f"{rng.randint(0, 999_999):06d}"
        if check_passcode(code) is None:
            return code


@dataclass
class Inputs:
    """What residents type in practice: planted values (--inputs) or random realistic ones."""

    id_numbers: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    used: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_file(cls, path: Path) -> Inputs:
        """Read `{"id_numbers": [...], "names": [...], "phones": [...]}`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            id_numbers=[str(x) for x in data.get("id_numbers", [])],
            names=[str(x) for x in data.get("names", [])],
            phones=[str(x) for x in data.get("phones", [])],
        )

    def id_number(self, rng: random.Random) -> str:
        """One ID number to type."""
        self.used["id_numbers"] += 1
        return rng.choice(self.id_numbers) if self.id_numbers else random_id_number(rng)

    def name(self, rng: random.Random) -> str:
        """One full name to type."""
        self.used["names"] += 1
        return rng.choice(self.names) if self.names else random_name(rng)

    def name_keys(self, rng: random.Random) -> str:
        """One full name as the Telex keys a resident presses for it ("Nguyeenx Thij Hoaf"):
        the kiosk composes it back into the name."""
        from kiosk.vietnamese_input import keys_for

        return keys_for(self.name(rng))

    def phone(self, rng: random.Random) -> str:
        """One phone number to type."""
        self.used["phones"] += 1
        return rng.choice(self.phones) if self.phones else random_phone(rng)


@dataclass
class Summary:
    """What a simulation did, counted from the journal's acknowledgements."""

    journeys: int = 0
    acknowledged: int = 0
    end_reasons: Counter[str] = field(default_factory=Counter)
    outcomes: int = 0
    help_requests: int = 0
    practice: Counter[str] = field(default_factory=Counter)
    typed: Counter[str] = field(default_factory=Counter)  # how often each kind was typed
    clicks: list[float] = field(default_factory=list)  # seconds each click's handlers ran
    seconds: float = 0.0
    note: str = ""  # what the simulation left out, and why

    def text(self) -> str:
        """A short report for the terminal."""
        reasons = ", ".join(f"{r.value}: {self.end_reasons[r.value]}" for r in EndReason)
        practice = ", ".join(f"{k}: {v}" for k, v in sorted(self.practice.items())) or "none"
        return (
            f"journeys: {self.journeys}, sessions recorded: {self.acknowledged} ({reasons})\n"
            f"outcomes marked: {self.outcomes}, help requests: {self.help_requests}, "
            f"practice: {practice}; typed: {dict(sorted(self.typed.items()))}\n"
            f"time: {self.seconds:.1f} s ({self.seconds / max(1, self.journeys) * 1000:.0f} ms "
            f"per journey); {self.click_text()}" + (f"\n{self.note}" if self.note else "")
        )

    def click_text(self) -> str:
        """Median, p95 and max time of the click handlers (the GUI thread's share)."""
        if not self.clicks:
            return "no clicks"
        ordered = sorted(self.clicks)

        def ms(q: float) -> str:
            return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f}"

        return (
            f"{len(ordered)} clicks: median {ms(0.5)} ms, p95 {ms(0.95)} ms, "
            f"max {ordered[-1] * 1000:.1f} ms"
        )


class JourneyError(AssertionError):
    """The UI did not do what a resident's action should have done."""


class Driver:
    """Presses the real kiosk's buttons and keys like a resident or a volunteer would."""

    def __init__(
        self,
        kiosk: Kiosk,
        hookup: JournalHookup,
        rng: random.Random | None = None,
        inputs: Inputs | None = None,
        pin: str | None = DEMO_PIN,
    ) -> None:
        # pin None: the kiosk has its own volunteer PIN and none was given, so the journeys
        # leave out what needs the panel (outcome marks; a volunteer reset ends as idle).
        from PySide6.QtWidgets import QApplication

        if not isinstance(kiosk.clock, FixedClock):
            raise TypeError("the driver moves time itself: build the kiosk with a FixedClock")
        self.clock = kiosk.clock
        self.kiosk = kiosk
        self.window: Any = kiosk.window
        self.wizard = kiosk.wizard
        self.hookup = hookup
        self.rng = rng or random.Random(0)
        self.inputs = inputs or Inputs()
        self.pin = pin
        app = QApplication.instance()
        assert app is not None
        self.app = app
        self.summary = Summary(typed=self.inputs.used)
        # How long each click's handlers ran (the GUI thread's time), for the responsiveness test.
        self.click_seconds: list[tuple[str, float]] = []

    # ----- low level ---------------------------------------------------------------------
    def pump(self) -> None:
        """Let queued events run (repaints, answers from the background threads)."""
        self.app.processEvents()

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Run the event loop until `condition()` holds (the background work answered)."""
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise JourneyError("the kiosk did not answer in time")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)

    def find(self, kind: type, name: str, within: QWidget | None = None) -> Any:
        """The visible widget called `name` (searched in `within`, else the whole window)."""
        for widget in (within or self.window).findChildren(kind, name):
            if widget.isVisible():
                return widget
        raise JourneyError(f"no visible {kind.__name__} '{name}'")

    def has(self, kind: type, name: str, within: QWidget | None = None) -> bool:
        """Whether a visible widget called `name` is there."""
        return any(w.isVisible() for w in (within or self.window).findChildren(kind, name))

    def click(self, name: str, within: QWidget | None = None) -> None:
        """A left click on the visible, enabled button called `name`."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QAbstractButton

        widget = self.find(QAbstractButton, name, within)
        if not widget.isEnabled():
            raise JourneyError(f"button '{name}' is disabled")
        began = time.perf_counter()
        # Through the window where the button is on screen, as a finger's touch arrives (the
        # kiosk watches its window for input: ui/input_watch.py); straight to the button when
        # it is scrolled out of sight (a resident would scroll first).
        window = self.window.windowHandle()
        at = widget.mapTo(self.window, widget.rect().center())
        under = self.window.childAt(at)
        if window is not None and (under is widget or widget.isAncestorOf(under)):
            QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.click_seconds.append((name, time.perf_counter() - began))
        self.pump()

    def type_text(self, widget: QWidget, text: str) -> None:
        """Click into a field and type `text` key by key."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        for char in text:
            if char.isascii():
                QTest.keyClick(widget, char)  # type: ignore[call-overload]  # (QWidget, str) overload
            else:
                # QTest's char overload only knows ASCII: send the key event with its text,
                # the way an input method delivers "ễ".
                QTest.sendKeyEvent(
                    QTest.KeyAction.Click,
                    widget,
                    Qt.Key.Key_unknown,
                    char,
                    Qt.KeyboardModifier.NoModifier,
                )
        self.pump()

    def screen(self) -> str:
        """The wizard's current screen name."""
        return self.wizard.view.screen.value

    # ----- resident actions --------------------------------------------------------------
    def start(self) -> None:
        """'Bắt đầu' on the home screen."""
        self.click("startButton")

    def choose_tile(self, procedure_id: str | None = None) -> str:
        """Click a tile on the Choose screen (the given one, or a random visible one)."""
        tiles = self.window.pages["choose"].tile_buttons
        if not tiles:
            raise JourneyError("no tiles on the Choose screen")
        pid = procedure_id if procedure_id is not None else self.rng.choice(sorted(tiles))
        self.click(f"tile-{pid}")
        return pid

    def search(self, words: str) -> list[str]:
        """Type `words` into the search box; the tiles shown afterwards."""
        from PySide6.QtWidgets import QLineEdit

        box = self.find(QLineEdit, "searchBox")
        self.type_text(box, words)
        return list(self.window.pages["choose"].tile_buttons)

    def clear_search(self) -> None:
        """'Xóa' next to the search box."""
        self.click("clearSearch")

    def pick_category(self, category_id: str) -> None:
        """A category chip on the left of the Choose screen."""
        self.click(f"category-{category_id}")

    def choose_randomly(self) -> str:
        """Pick a procedure as residents do: a top tile, a category, or a typed search."""
        how = self.rng.random()
        if how < 0.1:
            # Some residents take the search box for a form and type who they are.
            kind = self.rng.choice(
                (self.inputs.name, self.inputs.name_keys, self.inputs.phone, self.inputs.id_number)
            )
            self.search(kind(self.rng))
            self.clear_search()
        if how < 0.4:
            # Account activation is the help points' most common errand (and its practice).
            words = "vneid muc 2" if how < 0.15 else self.rng.choice(SEARCHES)
            found = self.search(words)
            if found:
                return self.choose_tile(self.rng.choice(found[:4]))
            self.clear_search()
        elif how < 0.7:
            categories = sorted(self.window.pages["choose"].category_buttons)
            self.pick_category(self.rng.choice(categories))
            if self.window.pages["choose"].tile_buttons:
                return self.choose_tile()
            self.pick_category(self.wizard.choose_view.category or categories[0])
        return self.choose_tile()

    def begin_steps(self) -> None:
        """'Tiếp tục' on the overview."""
        self.click("nextButton")

    def next_step(self) -> None:
        """'Tiếp tục' on a step (after the last step: the finish screen)."""
        self.click("nextButton")

    def back(self) -> None:
        """'Quay lại' wherever the resident is."""
        self.click("backButton")

    def practice_available(self) -> bool:
        """Whether the current step offers a practice module."""
        from PySide6.QtWidgets import QAbstractButton

        return self.screen() == "step" and self.has(QAbstractButton, "practiceButton")

    def practice(self) -> str:
        """Open the step's practice, type realistic values, check, and go back to the step."""
        self.click("practiceButton")
        module = self.wizard.view.practice or ""
        page = self.window.page_for(self.wizard.view)
        if module == "cccd":
            self.practice_cccd(page)
        else:
            self.practice_vneid(page)
        if self.screen() == "practice":
            self.click("backButton", page)
        self.summary.practice[module] += 1
        return module

    def practice_cccd(self, page: QWidget, number: str | None = None) -> None:
        """The ID-number keypad: sometimes a slip first, then the number, then 'Kiểm tra'."""
        number = number or self.inputs.id_number(self.rng)
        if self.rng.random() < 0.3:
            for digit in number[:-1]:  # one digit short, as residents often do
                self.click(f"key-{digit}", page)
            self.click("checkButton", page)
            self.click("key-clear", page)
        for digit in number:
            self.click(f"key-{digit}", page)
        self.click("checkButton", page)

    def practice_vneid(self, page: QWidget) -> None:
        """VNeID activation: ID number and phone (sometimes a slip first), the code from the
        practice text message, a password and a passcode, then 'Hoàn thành'."""
        from PySide6.QtWidgets import QLabel, QLineEdit

        rng = self.rng
        id_field = self.find(QLineEdit, "idNumber", page)
        phone_field = self.find(QLineEdit, "phone", page)
        number, phone = self.inputs.id_number(rng), self.inputs.phone(rng)
        if rng.random() < 0.25:  # a digit missing from the phone number: the page says so
            self.type_text(id_field, grouped(number, rng))
            self.type_text(phone_field, phone[:-1])
            self.click("sendButton", page)
            id_field.clear()
            phone_field.clear()
        self.type_text(id_field, grouped(number, rng))
        self.type_text(phone_field, grouped_phone(phone, rng))
        self.click("sendButton", page)
        if rng.random() < 0.15:
            return  # stops here and goes back to the step
        sms = self.find(QLabel, "smsMessage", page).text()
        code = re.search(r"\d{6}", sms)
        if code is None:
            raise JourneyError("the practice text message shows no code")
        self.type_text(self.find(QLineEdit, "otp", page), code.group(0))
        self.click("otpButton", page)
        self.type_text(self.find(QLineEdit, "password", page), random_password(rng))
        self.type_text(self.find(QLineEdit, "passcode", page), random_passcode(rng))
        self.click("finishButton", page)

    def call_volunteer(self) -> None:
        """'Gọi tình nguyện viên', then 'Đã hiểu' on the signal."""
        self.click("helpButton")
        self.click("helpOkButton")
        self.summary.help_requests += 1

    def rate(self, stars: int) -> None:
        """Stars on the finish screen."""
        self.click(f"rate-{stars}")

    def done(self) -> None:
        """'Xong' on the finish screen."""
        self.click("doneButton")

    def report_submitted(self) -> None:
        """'Đã nộp hồ sơ' on the finish screen (her own report; the next steps show)."""
        self.click("submittedButton")

    def go_idle(self) -> None:
        """Walk away: the idle timer fires, then every second of the countdown passes."""
        self.window.idle_timer.timeout.emit()
        self.pump()
        overlay = self.window.idle_overlay
        if not overlay.isVisible():
            raise JourneyError("the idle question did not appear")
        for _ in range(overlay.remaining):
            if not overlay.tick.isActive():
                break
            self.clock.advance(1)  # the second the tick stands for
            overlay.tick.timeout.emit()
        self.pump()

    # ----- volunteer actions -------------------------------------------------------------
    @property
    def panel(self) -> Any:
        """The volunteer panel overlay."""
        return self.hookup.panel

    def open_panel(self, pin: str | None = None) -> bool:
        """Ctrl+Alt+V, then the PIN on the pad's keys; True when the panel opened."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(
            self.window,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
        self.pump()
        panel = self.panel
        if not panel.isVisible():
            raise JourneyError("the volunteer gesture did not open the PIN pad")
        for digit in pin if pin is not None else self.pin or "":
            self.click(f"pin-{digit}", panel)
        self.click("pin-ok", panel)
        self.wait_until(lambda: not panel.checking)
        if panel.pages.currentWidget() is not panel.main:
            return False
        self.wait_until(lambda: panel.state is not None)
        return True

    def wait_panel_fresh(self, check: Callable[[Any], bool]) -> None:
        """Wait until the panel shows a journal read for which `check(state)` holds."""
        self.wait_until(lambda: self.panel.state is not None and check(self.panel.state))

    def volunteer_reset(self) -> None:
        """Open the panel and press 'Đặt lại phiên', then 'Đóng'."""
        if not self.open_panel():
            raise JourneyError("the PIN did not open the panel")
        self.click("resetButton", self.panel)
        self.click("closePanelButton", self.panel)

    def mark_outcome(self, outcome: Outcome, code: str | None, session_uuid: str) -> None:
        """Open the panel, type the volunteer code, mark the last session's outcome, close."""
        from PySide6.QtWidgets import QLineEdit

        if not self.open_panel():
            raise JourneyError("the PIN did not open the panel")
        self.wait_panel_fresh(lambda s: s.last is not None and s.last.uuid == session_uuid)
        field_ = self.find(QLineEdit, "volunteerCode", self.panel)
        field_.clear()
        if code:
            if self.rng.random() < 0.5:
                self.type_text(field_, code)
            else:  # on the panel's own number keys
                self.click("codeKeypadButton", self.panel)
                for digit in code.split("-", 1)[1]:
                    self.click(f"key-{digit}", self.panel.code_keypad)
                self.click("codeOkButton", self.panel)
        self.click(f"outcome-{outcome.value}", self.panel)
        self.wait_panel_fresh(
            lambda s: (
                s.last is not None
                and s.last.uuid == session_uuid
                and s.last.outcome == outcome.value
            )
        )
        self.summary.outcomes += 1
        self.click("closePanelButton", self.panel)

    # ----- whole journeys ----------------------------------------------------------------
    def acknowledged(self, session_uuid: str) -> bool:
        """Whether the journal has committed this session (waits for the writer)."""
        journal = self.hookup.journal
        if journal is None:
            return False
        journal.flush(30)
        last = journal.last_session()
        return last is not None and last.uuid == session_uuid

    def end(self, reason: EndReason) -> str:
        """End the open session the way `reason` says; returns its uuid once acknowledged."""
        session_uuid = self.wizard.session_uuid
        if session_uuid is None:
            raise JourneyError("no session is open")
        if reason is EndReason.VOLUNTEER_RESET and self.pin is None:
            reason = EndReason.IDLE
        submitted = self.wizard.view.submission is not None
        if reason is EndReason.FINISHED:
            self.done()
        elif reason is EndReason.IDLE:
            self.go_idle()
        elif reason is EndReason.HOME:
            while self.screen() != "home":  # 'Quay lại' all the way: home ends the session
                self.back()
        else:
            self.volunteer_reset()
        if self.wizard.session_uuid is not None or self.screen() != "home":
            raise JourneyError(f"the session did not end ({reason.value})")
        if not self.acknowledged(session_uuid):
            raise JourneyError("the journal did not acknowledge the session")
        self.summary.acknowledged += 1
        if submitted and reason in (EndReason.IDLE, EndReason.HOME):
            reason = EndReason.FINISHED  # a submitted visit is finished however it ends
        self.summary.end_reasons[reason.value] += 1
        return session_uuid

    def random_journey(self) -> str:
        """One resident, from 'Bắt đầu' to home; sometimes a volunteer marks the outcome."""
        from ui.none_guard import top_up

        top_up()  # this loop may run long between timer ticks
        rng = self.rng
        self.summary.journeys += 1
        self.start()
        if rng.random() < 0.08:
            if rng.random() < 0.3:
                self.call_volunteer()
            uuid = self.end(EndReason.IDLE if rng.random() < 0.7 else EndReason.VOLUNTEER_RESET)
            return self.after(uuid)
        self.choose_randomly()
        if rng.random() < 0.1:
            self.back()  # not that one: back to the list, pick again
            if self.screen() == "choose":
                self.choose_randomly()
        self.begin_steps()
        steps = self.wizard.view.step_count
        goes_to_end = rng.random() < 0.55
        depth = steps if goes_to_end else rng.randint(1, steps)
        for number in range(1, depth + 1):
            if rng.random() < 0.05:
                self.call_volunteer()
            if self.practice_available() and rng.random() < 0.6:
                self.practice()
            if number > 1 and rng.random() < 0.05:
                self.back()
                self.next_step()
            if number < depth or goes_to_end:
                self.next_step()
        if goes_to_end and self.screen() == "finish":
            if rng.random() < 0.75:
                self.rate(rng.randint(1, 5))
            if rng.random() < 0.2:
                self.report_submitted()
            reason = EndReason.FINISHED if rng.random() < 0.9 else EndReason.IDLE
        else:
            reason = EndReason.IDLE if rng.random() < 0.75 else EndReason.VOLUNTEER_RESET
        return self.after(self.end(reason))

    def after(self, session_uuid: str) -> str:
        """Now and then a volunteer marks how it went, with their code."""
        if self.rng.random() < 0.25 and self.pin is not None:
            outcome = self.rng.choice(list(Outcome))
            code = f"TNV-{self.rng.randint(1, 40):02d}" if self.rng.random() < 0.8 else None
            self.mark_outcome(outcome, code, session_uuid)
        return session_uuid


def build_simulated_kiosk(
    clock: FixedClock, write_delay: float = 0.0
) -> tuple[Kiosk, JournalHookup]:
    """The real kiosk on `clock`, offscreen at 1280x800, its journal started as after the first
    paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.config import load_config
    from kiosk.paths import app_dirs, resources_dir
    from ui.app import build_kiosk, load_catalog_or_none, make_app
    from ui.journal_hookup import hookup_of, start_journal

    dirs = app_dirs()
    dirs.ensure()
    app = make_app()
    config = load_config(dirs)
    catalog, reason = load_catalog_or_none(resources_dir() / "catalog")
    if catalog is None:
        raise SystemExit(f"the catalog cannot be used: {reason}")
    kiosk = build_kiosk(app, config, catalog, dirs, clock=clock)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    app.processEvents()
    start_journal(kiosk, write_delay=write_delay)
    hookup = hookup_of(kiosk)
    assert hookup is not None
    return kiosk, hookup


def simulation_start(n: int, answer_seconds: int) -> datetime:
    """When `n` simulated journeys start by default: early enough that they all end by now.

    Each journey moves the clock on by at most one idle countdown; sessions and volunteer
    marks dated in the future would be refused by the collector.
    """
    return SYSTEM_CLOCK.now() - timedelta(seconds=n * (answer_seconds + 1))


def simulate(
    n: int,
    seed: int | None = None,
    inputs: Inputs | None = None,
    snapshot: Path | None = None,
    start: datetime | None = None,
    pin: str | None = None,
) -> Summary:
    """Run `n` journeys on a freshly built kiosk and close its journal.

    `start`: the wall-clock time of the first journey (default: `simulation_start`).
    `snapshot`: before the journal closes (and SQLite folds its -wal back into the database
    and deletes it), copy the kiosk's config, data, cache and log folders there, so a privacy
    check sees the live -wal and -shm files too.
    """
    from kiosk.config import load_config
    from kiosk.paths import app_dirs

    if start is None:
        start = simulation_start(n, load_config(app_dirs()).idle_answer_seconds)
    kiosk, hookup = build_simulated_kiosk(FixedClock(start))
    if pin is None and kiosk.config.pin_hash is None:
        pin = DEMO_PIN  # a demo kiosk, or one without its own PIN
    driver = Driver(kiosk, hookup, random.Random(seed), inputs, pin=pin)
    if pin is None:
        driver.summary.note = (
            "volunteer steps skipped: this kiosk has its own PIN (give --pin to include them)"
        )
    began = time.perf_counter()
    try:
        for _ in range(n):
            driver.random_journey()
        if snapshot is not None and hookup.journal is not None:
            hookup.journal.flush(60)
            copy_kiosk_folders(kiosk, snapshot)
    finally:
        driver.summary.seconds = time.perf_counter() - began
        driver.summary.clicks = [seconds for _, seconds in driver.click_seconds]
        hookup.shutdown()
        close_kiosk(kiosk)
    return driver.summary


def copy_kiosk_folders(kiosk: Kiosk, target: Path) -> None:
    """Copy the kiosk's config, data, cache and log folders under `target/<role>`."""
    import shutil

    dirs = kiosk.dirs
    for role, folder in (
        ("config", dirs.config),
        ("data", dirs.data),
        ("cache", dirs.cache),
        ("logs", dirs.logs),
    ):
        if folder.is_dir():
            shutil.copytree(folder, target / role, dirs_exist_ok=True)


def close_kiosk(kiosk: Kiosk) -> None:
    """Close and delete the window now, while Python is still whole (not at interpreter exit)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    kiosk.window.allow_close()
    kiosk.window.close()
    kiosk.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _command(args: argparse.Namespace) -> int:
    from kiosk.logging_setup import setup_logging
    from kiosk.paths import app_dirs

    # The kiosk's own log file, and at DEBUG: a privacy check reads it afterwards.
    dirs = app_dirs()
    dirs.ensure()
    setup_logging(dirs, level=logging.DEBUG)
    inputs = Inputs.from_file(Path(args.inputs)) if args.inputs else None
    snapshot = Path(args.snapshot) if args.snapshot else None
    try:
        summary = simulate(args.n, args.seed, inputs, snapshot, args.start, pin=args.pin)
    except JourneyError as exc:
        print(f"simulate: a journey went wrong: {exc}", file=sys.stderr)
        return 1
    print(summary.text())
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `simulate N [--seed S] [--inputs FILE] [--snapshot DIR]`."""
    parser = subparsers.add_parser(
        "simulate", help="drive N random resident journeys through the real kiosk, offscreen"
    )
    parser.add_argument("n", type=int, help="how many journeys")
    parser.add_argument("--seed", type=int, default=None, help="random seed (repeatable runs)")
    parser.add_argument(
        "--inputs",
        default=None,
        help='JSON {"id_numbers": [...], "names": [...], "phones": [...]} to type',
    )
    parser.add_argument(
        "--snapshot",
        default=None,
        help="copy the kiosk's folders here before the journal closes (keeps -wal and -shm)",
    )
    parser.add_argument(
        "--start",
        type=_aware_time,
        default=None,
        metavar="ISO-TIME",
        help="when the first journey starts, e.g. 2030-01-01T08:00+07:00 "
        "(default: early enough that every journey ends by now)",
    )
    parser.add_argument(
        "--pin",
        default=None,
        help="the volunteer PIN, for outcome marks and resets (without it, on a kiosk with its "
        "own PIN, those steps are left out)",
    )
    parser.set_defaults(func=_command)


def _aware_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("give the time with its offset, e.g. +07:00")
    return moment
