"""The kiosk window: a top bar (help point, 'Đọc to', 'Gọi tình nguyện viên'), the current
screen, a footer (catalog date, demo label, sync state), and the idle / help / error overlays.

It renders whatever the Wizard says and forwards input; the rules live in kiosk.wizard.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import format as fmt
from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.wizard import Screen, Wizard, WizardView
from ui.first_paint import FirstPaintWatcher
from ui.input_watch import InputWatch
from ui.pages.base import Page
from ui.pages.home_page import HomePage
from ui.portal.controller import PortalController
from ui.theme import apply_theme
from ui.widgets.common import button, label, scroll_to_top
from ui.widgets.overlays import HelpOverlay, IdleOverlay, MessageOverlay

if TYPE_CHECKING:
    from ui.speech import Speaker

log = logging.getLogger(__name__)


def qt_app() -> QApplication:
    """The running QApplication (the window exists only inside one)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


LOGO_HOLD_MS = 3000
# The button each screen puts under the keyboard focus when it appears.
FIRST_FOCUS = ("startButton", "nextButton", "doneButton")


# Every screen but Home is built the first time a resident reaches it, so the home screen
# paints sooner on old PCs: each factory imports its page's module only when called.
def _choose_page(wizard: Wizard) -> Page:
    from ui.pages.choose_page import ChoosePage

    return ChoosePage(wizard)


def _overview_page(wizard: Wizard) -> Page:
    from ui.pages.overview_page import OverviewPage

    return OverviewPage(wizard)


def _step_page(wizard: Wizard) -> Page:
    from ui.pages.step_page import StepPage

    return StepPage(wizard)


def _finish_page(wizard: Wizard) -> Page:
    from ui.pages.finish_page import FinishPage

    return FinishPage(wizard)


def _practice_cccd_page(wizard: Wizard) -> Page:
    from ui.pages.practice_cccd_page import PracticeCccdPage

    return PracticeCccdPage(wizard)


def _practice_vneid_page(wizard: Wizard) -> Page:
    from ui.pages.practice_vneid_page import PracticeVneidPage

    return PracticeVneidPage(wizard)


# Screen (or practice module) -> the factory of its page.
PAGE_FACTORIES: dict[str, Callable[[Wizard], Page]] = {
    Screen.CHOOSE.value: _choose_page,
    Screen.OVERVIEW.value: _overview_page,
    Screen.STEP.value: _step_page,
    Screen.FINISH.value: _finish_page,
    "cccd": _practice_cccd_page,
    "vneid-activation": _practice_vneid_page,
}


class LazyPages(Mapping[str, Page]):
    """The window's pages by screen name, each built (and added to the stack) on first use."""

    def __init__(self, wizard: Wizard, stack: QStackedWidget) -> None:
        self.wizard = wizard
        self.stack = stack
        self._built: dict[str, Page] = {}

    def add(self, name: str, page: Page) -> None:
        """Register an already built page."""
        self._built[name] = page
        self.stack.addWidget(page)

    def __getitem__(self, name: str) -> Page:
        if name not in self._built:
            if name not in PAGE_FACTORIES:
                raise KeyError(name)
            self.add(name, PAGE_FACTORIES[name](self.wizard))
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in PAGE_FACTORIES

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._built), **dict.fromkeys(PAGE_FACTORIES)})

    def __len__(self) -> int:
        return len(set(self._built) | set(PAGE_FACTORIES))

    def built(self) -> list[Page]:
        """The pages that exist so far (only they can hold anything to wipe)."""
        return list(self._built.values())


def reading_place(view: WizardView) -> tuple[object, ...]:
    """What a reading belongs to: the screen, procedure, step, practice and language shown."""
    procedure = view.procedure.id if view.procedure is not None else None
    return (view.screen, procedure, view.step_index, view.practice, view.language, view.read_aloud)


class KioskWindow(QMainWindow):
    """The full-screen kiosk window.

    Signals:
        volunteer_requested: the volunteer gesture was made (logo held 3 s, or Ctrl+Alt+V).
        screen_changed(str): the wizard moved to another screen.
    """

    volunteer_requested = Signal()
    screen_changed = Signal(str)

    def __init__(
        self,
        wizard: Wizard,
        config: KioskConfig,
        *,
        extra_pages: dict[str, Page] | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.wizard = wizard
        self.config = config
        self.clock = clock or wizard.clock  # opening hours and the idle countdown
        self.kiosk_mode = config.kiosk_mode
        self._allow_close = False
        self._text_size = wizard.view.text_size
        self._place: tuple[object, ...] | None = None  # what the screen shows, for scrolling
        self.setWindowTitle("DVC Kiosk")

        root = QWidget()
        root.setObjectName("KioskRoot")
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._top_bar())

        self.stack = QStackedWidget()
        # A page's minimum size must never push the window past the screen: pages scroll instead.
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.pages = LazyPages(wizard, self.stack)
        self.pages.add(Screen.HOME.value, HomePage(wizard, config))
        for name, page in (extra_pages or {}).items():  # pre-built pages (tests inject them)
            self.pages.add(name, page)
        column.addWidget(self.stack, 1)
        column.addWidget(self._footer())
        self.setCentralWidget(root)

        self.idle_overlay = IdleOverlay(self, self.clock)
        self.idle_overlay.still_here.connect(wizard.still_here)
        self.idle_overlay.expired.connect(wizard.idle_expire)
        self.help_overlay = HelpOverlay(self)
        self.message_overlay = MessageOverlay(self)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(wizard.timings.idle_seconds * 1000)
        self.idle_timer.timeout.connect(wizard.idle_warn)
        # Any touch or key in the window restarts the idle clock (the portal's web view
        # included: see ui/input_watch.py for why this is not an app-wide filter). Started
        # after the first paint, when the window's QWindow is final.
        self.activity = InputWatch(self)
        self.activity.input_seen.connect(self._on_activity)
        FirstPaintWatcher(self, self.activity.start)
        # On the injected clock, as the wizard: the panel's minutes and the journal's agree.
        self.portal = PortalController(self, clock=wizard.clock)  # "Làm ngay trên máy này"

        self.speaker: Speaker | None = None  # attached after the first paint
        self._reading: tuple[object, ...] | None = None  # what 'Đọc to' is reading
        wizard.subscribe(self.show_view)
        self.show_view(wizard.view)
        self._first_focus(self.page_for(wizard.view))

    # ----- layout ------------------------------------------------------------------------
    def _top_bar(self) -> QWidget:
        bar = QWidget()
        bar.setProperty("role", "bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 10, 24, 10)
        from ui.widgets.logo import LogoButton

        self.logo = LogoButton(LOGO_HOLD_MS)
        self.logo.held.connect(self.volunteer_requested)
        row.addWidget(self.logo)
        hp = self.config.help_point
        title = hp.name if self.config.demo else f"{hp.name} · {hp.ward}"
        self.bar_title = label(title, "bar-title")
        row.addWidget(self.bar_title, 1)
        self.read_button = button("", "secondary", "readAloudButton")
        self.read_button.clicked.connect(self.read_aloud)
        self.read_button.setVisible(False)
        row.addWidget(self.read_button)
        self.help_button = button("", "help", "helpButton")
        self.help_button.clicked.connect(self.call_volunteer)
        row.addWidget(self.help_button)
        return bar

    def _footer(self) -> QWidget:
        bar = QWidget()
        bar.setProperty("role", "bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 6, 24, 6)
        row.setSpacing(32)
        self.catalog_date = label("", "small", wrap=False)
        self.catalog_date.setObjectName("catalogDate")
        self.demo_label = label("", "small", wrap=False)
        self.demo_label.setVisible(self.config.demo)
        self.notice_label = label("", "small")
        self.sync_label = label("", "small", wrap=False)
        self.sync_label.setObjectName("syncIndicator")
        row.addWidget(self.catalog_date)
        row.addWidget(self.demo_label)
        row.addWidget(self.notice_label, 1)
        row.addWidget(self.sync_label)
        return bar

    # ----- rendering ---------------------------------------------------------------------
    def page_for(self, view: WizardView) -> Page:
        """The page that shows `view` (built the first time it is needed)."""
        practice = view.practice if view.screen == Screen.PRACTICE else None
        if view.portal_open and view.screen == Screen.STEP:
            return self.portal.page()  # the split screen: the step beside the portal
        if practice is not None and practice in self.pages:
            return self.pages[practice]
        if view.screen.value in self.pages:
            return self.pages[view.screen.value]
        return self.pages[Screen.HOME.value]

    def show_view(self, view: WizardView) -> None:
        """Show the wizard's current screen."""
        if view.text_size != self._text_size:
            self._text_size = view.text_size
            apply_theme(qt_app(), view.text_size, set_style=False)  # Fusion since make_app
        page = self.page_for(view)
        previous = self.stack.currentWidget()
        if view.screen == Screen.HOME and not view.session_open:
            self.wipe()
        self.help_button.setText(self.tr("Gọi tình nguyện viên"))
        self.read_button.setText(self.tr("Đọc to"))
        self.read_button.setVisible(self._speech_ready() and view.read_aloud)
        self.catalog_date.setText(
            self.tr("Nội dung cập nhật %s") % fmt.day(self.wizard.catalog.updated)
        )
        self.demo_label.setText(self.tr("DEMO"))
        if self.config.demo:  # the demo point's name is ours to translate, a real one is not
            self.bar_title.setText(self.tr("Điểm hướng dẫn thử nghiệm (DEMO)"))
        problems = len(self.wizard.catalog.problems) + len(self.wizard.notices)
        self.notice_label.setVisible(problems > 0)
        self.notice_label.setText(
            self.tr("Một phần nội dung đang được sửa; tình nguyện viên đã biết.")
        )
        page.show_view(view)
        place = (*reading_place(view)[:4], self.wizard.session_uuid)
        if place != self._place:  # a new screen, step or session starts at its top
            self._place = place
            scroll_to_top(page)
        self._hush_if_moved_on(view)
        if previous is not page:
            self.stack.setCurrentWidget(page)
            self.screen_changed.emit(view.screen.value)
            self._first_focus(page)
        if view.idle_prompt:
            self.idle_overlay.start(self.wizard.timings.idle_answer_seconds)
        else:
            self.idle_overlay.stop()
        self._restart_idle(view)

    def _first_focus(self, page: Page) -> None:
        from PySide6.QtWidgets import QPushButton

        for child in page.findChildren(QPushButton):
            if child.isVisibleTo(page) and child.objectName() in FIRST_FOCUS:
                child.setFocus()
                return

    def wipe(self) -> None:
        """Forget everything a resident typed or ticked: every page, overlays, the clipboard."""
        for page in self.pages.built():
            page.wipe()
        self.help_overlay.hide()
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()

    # ----- idle --------------------------------------------------------------------------
    def _restart_idle(self, view: WizardView) -> None:
        if view.screen == Screen.HOME and not view.session_open:
            self.idle_timer.stop()
        elif not view.idle_prompt:
            self.idle_timer.start()

    def _on_activity(self) -> None:
        if self.idle_timer.isActive():
            self.idle_timer.start()

    # ----- help and read-aloud -----------------------------------------------------------
    def call_volunteer(self) -> None:
        """Show a clear signal; outside opening hours say when volunteers are next here."""
        self.wizard.request_help()
        now = self.clock.now().astimezone()  # opening hours are in local time
        if not self.config.opening_hours or self.config.is_open(now):
            text = self.tr(
                "Đã báo tình nguyện viên. Xin bạn chờ một chút, sẽ có người đến giúp ngay."
            )
        else:
            nxt = self.config.next_opening(now)
            if nxt is None:
                text = self.tr("Hiện không có tình nguyện viên ở đây.")
            else:
                days, slot = nxt
                from ui.messages import day_name

                when = f"{day_name(slot.weekday)} {slot.start.strftime('%H:%M')}"
                if days == 0:
                    when = self.tr("hôm nay lúc %s") % slot.start.strftime("%H:%M")
                text = (
                    self.tr(
                        "Bây giờ không có tình nguyện viên ở đây. Lần tới có người giúp: %s. "
                        "Bạn vẫn có thể tiếp tục xem hướng dẫn."
                    )
                    % when
                )
        self.help_overlay.show_message(text, self.tr("Đã hiểu"))

    def _speech_ready(self) -> bool:
        return self.speaker is not None and self.speaker.available

    def attach_speaker(self, speaker: Speaker) -> None:
        """Read-aloud appears once the speech engine found a Vietnamese voice (started after
        the first paint, in its own process); until then, and without a voice, it stays hidden."""
        self.speaker = speaker
        speaker.availability_changed.connect(lambda _available: self._speech_changed())
        self._speech_changed()

    def _speech_changed(self) -> None:
        home = self.pages[Screen.HOME.value]
        if isinstance(home, HomePage):
            home.set_speech_available(self._speech_ready())
        self.show_view(self.wizard.view)

    def read_aloud(self) -> None:
        """Read the current screen (the step's text, tip and mistake)."""
        if self.speaker is not None and self.speaker.available:
            view = self.wizard.view
            self.speaker.say(self.page_for(view).speech_text(), view.language)
            self._reading = reading_place(view)

    def _hush_if_moved_on(self, view: WizardView) -> None:
        """Reading stops when the screen shows something else than what is being read."""
        if self._reading is not None and reading_place(view) != self._reading:
            self._reading = None
            if self.speaker is not None:
                self.speaker.hush()

    def show_error(self, text: str) -> None:
        """A calm sentence; the kiosk returns home by itself after a few seconds."""
        self.message_overlay.show_message(
            text, self.wizard.timings.error_return_seconds, self.wizard.volunteer_reset
        )

    def set_sync_text(self, text: str) -> None:
        """The small 'Chưa gửi: N' indicator in the footer (filled by the sync worker)."""
        self.sync_label.setText(text)

    # ----- kiosk mode --------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if (
            event.key() == Qt.Key.Key_V
            and mods & Qt.KeyboardModifier.ControlModifier
            and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.volunteer_requested.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.kiosk_mode:
            event.accept()  # Esc never leaves the kiosk
            return
        super().keyPressEvent(event)

    def allow_close(self) -> None:
        """The volunteer PIN path: let the next close request through."""
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not self._allow_close:
            event.ignore()  # Alt+F4 and the window's close button do nothing in kiosk mode
            return
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in (self.idle_overlay, self.help_overlay, self.message_overlay):
            overlay.fit()
