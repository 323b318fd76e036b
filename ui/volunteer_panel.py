"""The volunteer panel: behind the PIN, today's work, outcome marks, sync state, catalog health.

It covers the whole window (an Overlay), so the resident's screen stays exactly where it was
underneath. Every journal read and the PIN check happen on the hook-up's background thread;
this widget only shows their answers. No resident data is shown here — the journal has none.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import format as fmt
from kiosk.journal.queries import SessionRow, SyncState, TodayStats
from kiosk.pin import PinResult
from kiosk.protocol import (
    VOLUNTEER_CODE_PATTERN,
    ContentProblem,
    EndReason,
    MarkedBy,
    Outcome,
)
from ui.content_report_page import ContentReportPage
from ui.portal.panel_box import PortalPanelBox
from ui.refused_notice import RefusedNotice
from ui.release_status import ReleaseStatusText
from ui.theme import keep_normal_size
from ui.widgets.common import button, label, scroll_area, scroll_to_top, set_role
from ui.widgets.keypad import Keypad
from ui.widgets.overlays import Overlay
from ui.widgets.pin_pad import PinPad

if TYPE_CHECKING:
    from kiosk.wizard import WizardView
    from ui.journal_hookup import JournalHookup, PanelState
    from ui.main_window import KioskWindow

log = logging.getLogger(__name__)

MAX_PROCEDURE_LINES = 6
CODE_PREFIX = "TNV-"
CODE_MAX_DIGITS = 4


def normalise_code(text: str) -> str | None:
    """'tnv-07', 'TNV-07' or '07' → 'TNV-07'; '' → None; anything else is returned as typed."""
    cleaned = text.strip().upper().replace(" ", "")
    if not cleaned:
        return None
    if cleaned.isdigit():
        cleaned = CODE_PREFIX + cleaned
    return cleaned


def local_moment(moment: datetime) -> str:
    """'14:05 28/11/2026' in the kiosk's local time."""
    local = moment.astimezone()
    return f"{local.strftime('%H:%M')} {fmt.day(local.date())}"


class VolunteerPanel(Overlay):
    """PIN pad first; then the panel, the volunteer-code keypad and the leave confirmation.

    It has no signals of its own: it acts on the wizard and window it was given.
    """

    def __init__(self, window: KioskWindow, hookup: JournalHookup) -> None:
        super().__init__(window)
        self.setObjectName("volunteerPanel")
        self.window_ = window
        self.hookup = hookup
        self.wizard = hookup.kiosk.wizard
        self.state: PanelState | None = None
        self.checking = False
        # The panel fills the window instead of floating as a small card.
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setStretch(0, 0)
        outer.setStretch(1, 1)
        outer.setStretch(2, 0)
        outer.setAlignment(self.card, Qt.AlignmentFlag(0))
        window.installEventFilter(self)  # follow the window's size while shown
        # A panel left open would let anyone leave kiosk mode: it closes itself after the
        # kiosk's idle time without a touch or a key.
        self.quiet = QTimer(self)
        self.quiet.setSingleShot(True)
        self.quiet.setInterval(max(1, hookup.kiosk.config.idle_seconds) * 1000)
        self.quiet.timeout.connect(self._quiet_too_long)
        self._watching_input = False
        self.body.setContentsMargins(24, 16, 24, 16)

        self.pages = QStackedWidget()
        self.body.addWidget(self.pages)
        self.pin_pad = PinPad()
        self.pin_pad.submitted.connect(self._check_pin)
        self.pin_pad.cancelled.connect(self.close_panel)
        self.pages.addWidget(self.pin_pad)
        self.main = self._build_main()
        self.pages.addWidget(self.main)
        self.code_page = self._build_code_page()
        self.pages.addWidget(self.code_page)
        self.confirm_page = self._build_confirm_page()
        self.pages.addWidget(self.confirm_page)
        self.report_page = ContentReportPage()
        self.report_page.send.connect(self._send_report)
        self.report_page.cancelled.connect(self._show_main)
        self.pages.addWidget(self.report_page)
        # The volunteer's panel keeps the normal text size whatever size the resident chose.
        keep_normal_size(self)
        self._language = self.wizard.view.language
        self.wizard.subscribe(self._follow_language)

        hookup.pin_checked.connect(self._pin_checked)
        hookup.pin_wait.connect(self._pin_wait)
        hookup.state_loaded.connect(self.show_state)
        hookup.outcome_marked.connect(self._outcome_marked)
        hookup.content_reported.connect(self._content_reported)
        hookup.demo_pin.connect(self.pin_pad.show_demo_pin)
        hookup.failed.connect(self._failed)
        self.retranslate()

    # ----- building ----------------------------------------------------------------------
    def _build_main(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.heading = label("", "h1")
        column.addWidget(self.heading)

        scroll = scroll_area(sideways=False)
        content = scroll.content
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 8, 0)
        columns.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(8)
        right = QVBoxLayout()
        right.setSpacing(8)

        self.today_title = label("", "h2")
        self.today_summary = label("", None)
        self.today_summary.setObjectName("todaySummary")
        self.today_procedures = label("", "muted")
        self.today_procedures.setObjectName("todayProcedures")

        # The visit still at the kiosk comes first: outcomes are marked on it while it lasts,
        # never on the previous, ended one by mistake.
        self.current_title = label("", "h2")
        self.current_title.setObjectName("currentTitle")
        self.current_summary = label("", None)
        self.current_summary.setObjectName("currentVisit")
        self.current_outcome = label("", "muted")
        self.current_outcome.setObjectName("currentOutcome")
        for current in (self.current_title, self.current_summary, self.current_outcome):
            current.setVisible(False)
            left.addWidget(current)
        self.last_title = label("", "h2")
        self.last_title.setObjectName("lastTitle")
        self.last_summary = label("", None)
        self.last_summary.setObjectName("lastSession")
        self.last_outcome = label("", "muted")
        self.last_outcome.setObjectName("lastOutcome")
        left.addWidget(self.last_title)
        left.addWidget(self.last_summary)
        left.addWidget(self.last_outcome)

        # The code and the outcome buttons show only when there is a session to mark (the
        # stylesheet draws disabled buttons like enabled ones).
        self.mark_box = QWidget()
        mark = QVBoxLayout(self.mark_box)
        mark.setContentsMargins(0, 0, 0, 0)
        mark.setSpacing(8)
        left.addWidget(self.mark_box)
        self.left_column = left  # show_current() puts the buttons under the visit they mark
        self.mark_box.setVisible(False)  # until a journal read says there is a session
        code_row = QHBoxLayout()
        self.code_label = label("", None)
        mark.addWidget(self.code_label)  # on its own line: at the largest text size it is long
        self.code_field = QLineEdit()
        self.code_field.setObjectName("volunteerCode")
        self.code_field.setMaxLength(len(CODE_PREFIX) + CODE_MAX_DIGITS)
        self.code_field.setMaximumWidth(220)
        self.code_keys = button("", "secondary", "codeKeypadButton")
        self.code_keys.clicked.connect(self._open_code_page)
        code_row.addWidget(self.code_field)
        code_row.addWidget(self.code_keys)
        code_row.addStretch(1)
        mark.addLayout(code_row)

        self.outcome_grid = QGridLayout()
        self.outcome_grid.setSpacing(10)
        self.outcome_buttons: dict[Outcome, QPushButton] = {}
        for outcome in Outcome:
            b = button("", "secondary", f"outcome-{outcome.value}")
            b.clicked.connect(lambda _=False, o=outcome: self.mark(o))
            self.outcome_buttons[outcome] = b
        self.outcome_columns = 0
        self._arrange_outcomes(2)  # the panel keeps the normal text size: two always fit
        mark.addLayout(self.outcome_grid)
        self.feedback = label("", "ok")
        self.feedback.setObjectName("panelFeedback")
        left.addWidget(self.feedback)
        # The last session comes first: marking it is what a volunteer opens the panel for.
        left.addSpacing(8)
        left.addWidget(self.today_title)
        left.addWidget(self.today_summary)
        left.addWidget(self.today_procedures)
        left.addStretch(1)

        self.sync_title = label("", "h2")
        self.sync_lines = label("", None)
        self.sync_lines.setObjectName("syncState")
        self.refused_notice = RefusedNotice()
        self.catalog_title = label("", "h2")
        self.catalog_lines = label("", None)
        self.catalog_lines.setObjectName("catalogState")
        self.problem_lines = label("", "small")
        self.problem_lines.setObjectName("catalogProblems")
        self.problem_lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What the kiosk could not start (sync, read-aloud …): red, on top, until fixed.
        self.start_lines = label("", "error")
        self.start_lines.setObjectName("startProblems")
        self.start_lines.setVisible(False)
        for widget in (
            self.start_lines,
            self.sync_title,
            self.refused_notice,
            self.sync_lines,
            self.catalog_title,
            self.catalog_lines,
            self.problem_lines,
        ):
            right.addWidget(widget)
        self.portal_box = PortalPanelBox(self.window_.portal)  # ui/portal/panel_box.py
        right.addWidget(self.portal_box)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        column.addWidget(scroll, 1)

        actions = QHBoxLayout()
        actions.setSpacing(12)
        self.reset_button = button("", "help", "resetButton")
        self.reset_button.clicked.connect(self.reset_session)
        self.report_button = button("", "secondary", "reportContentButton")
        self.report_button.clicked.connect(self.open_report)
        self.report_button.setVisible(False)  # until there is a procedure to report on
        self.leave_button = button("", "secondary", "leaveKioskButton")
        self.leave_button.clicked.connect(self._ask_leave)
        self.close_button = button("", None, "closePanelButton")
        self.close_button.clicked.connect(self.close_panel)
        actions.addWidget(self.reset_button)
        actions.addWidget(self.report_button)
        actions.addWidget(self.leave_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        column.addLayout(actions)
        return page

    def _arrange_outcomes(self, columns: int) -> None:
        """The outcome buttons, `columns` to a row."""
        if columns == self.outcome_columns:
            return
        self.outcome_columns = columns
        for i, b in enumerate(self.outcome_buttons.values()):
            self.outcome_grid.removeWidget(b)
            self.outcome_grid.addWidget(b, i // columns, i % columns)

    def _build_code_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(12)
        self.code_title = label("", "h1")
        self.code_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_display = label("", "hero", wrap=False)
        self.code_display.setObjectName("codeDisplay")
        self.code_display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_keypad = Keypad()
        self.code_keypad.setObjectName("codeKeypad")
        self.code_keypad.setMinimumWidth(480)  # room for "Xóa hết" on one line
        self.code_keypad.setMaximumWidth(640)
        self.code_keypad.digit.connect(self._code_digit)
        self._code_digits = ""
        self.code_keypad.backspace.connect(lambda: self._set_code_digits(self._code_digits[:-1]))
        self.code_keypad.cleared.connect(lambda: self._set_code_digits(""))
        row = QHBoxLayout()
        self.code_cancel = button("", "secondary", "codeCancelButton")
        self.code_cancel.clicked.connect(self._show_main)
        self.code_ok = button("", None, "codeOkButton")
        self.code_ok.clicked.connect(self._code_done)
        row.addStretch(1)
        row.addWidget(self.code_cancel)
        row.addWidget(self.code_ok)
        row.addStretch(1)
        column.addWidget(self.code_title)
        column.addWidget(self.code_display)
        column.addWidget(self.code_keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def _build_confirm_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(24)
        column.addStretch(1)
        self.confirm_title = label("", "h1")
        self.confirm_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_text = label("", None)
        self.confirm_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        self.confirm_stay = button("", None, "stayInKioskButton")
        self.confirm_stay.clicked.connect(self._show_main)
        self.confirm_leave = button("", "help", "confirmLeaveButton")
        self.confirm_leave.clicked.connect(self.leave_kiosk)
        row.addStretch(1)
        row.addWidget(self.confirm_stay)
        row.addWidget(self.confirm_leave)
        row.addStretch(1)
        column.addWidget(self.confirm_title)
        column.addWidget(self.confirm_text)
        column.addLayout(row)
        column.addStretch(1)
        return page

    def retranslate(self) -> None:
        """Set the fixed words in the current language."""
        self.pin_pad.retranslate()
        self.code_keypad.retranslate()
        self.heading.setText(self.tr("Bảng của tình nguyện viên"))
        self.today_title.setText(self.tr("Hôm nay tại máy này"))
        self.current_title.setText(self.tr("Lượt đang ở máy"))
        self.code_label.setText(self.tr("Mã tình nguyện viên:"))
        self.code_field.setPlaceholderText("TNV-07")
        self.code_keys.setText(self.tr("Bàn phím số"))
        names = self.outcome_names()
        for outcome, b in self.outcome_buttons.items():
            b.setText(names[outcome])
        self.sync_title.setText(self.tr("Gửi dữ liệu về quận"))
        self.refused_notice.retranslate()
        self.catalog_title.setText(self.tr("Nội dung thủ tục"))
        self.reset_button.setText(self.tr("Đặt lại phiên"))
        self.report_button.setText(self.tr("Báo nội dung sai"))
        self.report_page.retranslate()
        self.leave_button.setText(self.tr("Thoát chế độ kiosk"))
        self.close_button.setText(self.tr("Đóng"))
        self.code_title.setText(self.tr("Nhập số của mã tình nguyện viên"))
        self.code_cancel.setText(self.tr("Hủy"))
        self.code_ok.setText(self.tr("Dùng mã này"))
        self.confirm_title.setText(self.tr("Thoát chế độ kiosk?"))
        self.confirm_text.setText(
            self.tr(
                "Chương trình sẽ đóng lại và người dân không dùng được máy này cho đến khi "
                "mở lại. Chỉ thoát khi cán bộ CNTT cần làm việc trên máy."
            )
        )
        self.confirm_stay.setText(self.tr("Không, ở lại"))
        self.confirm_leave.setText(self.tr("Có, thoát"))

    def outcome_names(self) -> dict[Outcome, str]:
        """The outcome buttons' words."""
        return {
            Outcome.VNEID_ACTIVATED: self.tr("Đã kích hoạt VNeID"),
            Outcome.DOSSIER_SUBMITTED: self.tr("Đã nộp hồ sơ"),
            Outcome.NEEDS_RETURN: self.tr("Cần quay lại"),
            Outcome.INFO_ONLY: self.tr("Chỉ tìm hiểu"),
        }

    def fit(self) -> None:
        """Cover the whole window with the card (the panel is a page, not a small dialog)."""
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        self.card.setFixedSize(
            max(0, parent.width() - margins.left() - margins.right()),
            max(0, parent.height() - margins.top() - margins.bottom()),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.parentWidget():
            self.fit()
        return False

    def _input_seen(self) -> None:
        if self.quiet.isActive():
            self.quiet.start()

    def _stop_quiet(self) -> None:
        self.quiet.stop()
        if self._watching_input:
            self.window_.activity.input_seen.disconnect(self._input_seen)
            self._watching_input = False

    def _quiet_too_long(self) -> None:
        if self.checking:  # the volunteer is waiting for the PIN check, not gone
            self.quiet.start()
            return
        if self.isVisible():
            log.info(
                "volunteer panel closed after %d s without input", self.quiet.interval() // 1000
            )
            self.close_panel()

    # ----- opening and the PIN -----------------------------------------------------------
    def open_pin(self) -> None:
        """The volunteer gesture: show the PIN pad (ask how long a lockout still lasts)."""
        if self.isVisible():
            return
        self.pin_pad.stop()
        self.feedback.clear()
        self.retranslate()  # in the language on screen now
        scroll_to_top(self)
        self.portal_box.refresh()
        self.pages.setCurrentWidget(self.pin_pad)
        # The resident's idle clock must not pop its question over the volunteer's work.
        idle_timer = getattr(self.window_, "idle_timer", None)
        if idle_timer is not None:
            idle_timer.stop()
        self.show()
        self.fit()
        self.raise_()
        self.pin_pad.setFocus()
        # Any touch or key in the window restarts the quiet timer (not an app-wide filter:
        # see ui/input_watch.py).
        if not self._watching_input:
            self.window_.activity.input_seen.connect(self._input_seen)
            self._watching_input = True
        self.quiet.start()
        self.hookup.ask_pin_wait()

    def _pin_wait(self, seconds: float) -> None:
        if seconds > 0 and self.pages.currentWidget() is self.pin_pad:
            self.pin_pad.show_locked(seconds)

    def _check_pin(self, pin: str) -> None:
        self.checking = True
        self.pin_pad.set_busy(True)
        self.hookup.check_pin(pin)

    def _pin_checked(self, result: PinResult) -> None:
        self.checking = False
        self.pin_pad.set_busy(False)
        if not self.isVisible():
            return
        if result.ok:
            self.pin_pad.stop()
            self._show_main()
            self.refresh()
        elif result.problem is not None:
            self.pin_pad.show_problem(result.problem)
        elif not result.configured:
            self.pin_pad.show_not_configured()
        elif result.wait_seconds > 0:
            self.pin_pad.show_locked(result.wait_seconds)
        else:
            self.pin_pad.show_wrong()
        self.pin_pad.setFocus()

    def close_panel(self) -> None:
        """'Đóng' (or 'Hủy' on the PIN pad): back to the resident's screen as it was."""
        self.pin_pad.stop()
        self.pages.setCurrentWidget(self.pin_pad)
        self._stop_quiet()
        self.hide()
        self.window_.show_view(self.wizard.view)  # restarts the idle clock if a session is open

    def _show_main(self) -> None:
        # The visit at the kiosk is the wizard's, not the journal's: right at once, before the
        # journal's read arrives (else the last opening's visit would show until then).
        self.show_current()
        self.pages.setCurrentWidget(self.main)
        self.close_button.setFocus()

    # ----- the panel ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the journal again (in the background)."""
        self.hookup.load_state()

    def show_state(self, state: PanelState) -> None:
        """Fill the panel from one journal read."""
        self.state = state
        self.today_summary.setText(self.today_text(state.stats))
        self.today_procedures.setText(self.procedure_text(state.stats))
        self.last_summary.setText(self.last_text(state.last))
        self.last_outcome.setText(self.last_outcome_text(state.last))
        self.show_current()
        if state.problem is not None:
            set_role(self.sync_lines, "error")
            self.sync_lines.setText(
                self.tr(
                    "Không mở được nhật ký nên các lượt hôm nay không được ghi lại. "
                    "Vui lòng báo cán bộ CNTT:"
                )
                + "\n"
                + state.problem
            )
        else:
            set_role(self.sync_lines, "")
            self.sync_lines.setText(self.sync_text(state.unsynced, state.dead, state.sync))
        self.refused_notice.show_counts(state.dead, state.dead_by_reason)
        self.catalog_lines.setText(self.catalog_text())
        self.problem_lines.setText(self.problem_text())
        self.start_lines.setText(self.start_text(state))
        self.start_lines.setVisible(bool(self.start_lines.text()))
        self.report_button.setVisible(self.report_procedure() is not None)

    def show_current(self) -> None:
        """The visit at the kiosk now, if any: outcomes go to it; the previous one is ended."""
        state = self.state
        current = self.wizard.session_uuid is not None
        for widget in (self.current_title, self.current_summary, self.current_outcome):
            widget.setVisible(current)
        if current:
            self.current_summary.setText(self.current_text())
            self.current_outcome.setText(self.current_outcome_text())
            self.last_title.setText(self.tr("Lượt trước (đã kết thúc)"))
        else:
            self.last_title.setText(self.tr("Lượt vừa xong"))
        # The buttons sit under the visit they mark: the current one, else the last one.
        column = self.left_column
        column.removeWidget(self.mark_box)
        under = self.current_outcome if current else self.last_outcome
        column.insertWidget(column.indexOf(under) + 1, self.mark_box)
        last = state.last if state is not None else None
        # The previous visit is only marked when nobody is at the kiosk.
        self.last_outcome.setVisible(not current)
        problem = state.problem if state is not None else None
        self.mark_box.setVisible((current or last is not None) and problem is None)

    def current_text(self) -> str:
        """The visit at the kiosk: its procedure, step, and how long the portal has been open."""
        view = self.wizard.view
        parts = [self.procedure_name(view.procedure.id if view.procedure else None)]
        if view.procedure is not None and view.step is not None:
            parts.append(
                self.tr("đang ở bước %1/%2")
                .replace("%1", str(view.step_index + 1))
                .replace("%2", str(view.step_count))
            )
        elif view.screen.value == "finish":
            parts.append(self.tr("ở màn hình cuối"))
        portal = self.window_.portal
        if portal.is_open:
            minutes = max(0, round(portal.open_seconds() / 60))
            parts.append(self.tr("cổng đang mở %1 phút").replace("%1", str(minutes)))
        return " · ".join(parts)

    def current_outcome_text(self) -> str:
        """What was said so far for the visit at the kiosk."""
        mark = self.wizard.current_mark
        if mark is None:
            return self.tr("Chưa ghi kết quả. Bấm một nút dưới đây (ghi cho lượt này):")
        try:
            name = self.outcome_names()[Outcome(mark.outcome)]
        except ValueError:
            name = mark.outcome
        if mark.reported_by == MarkedBy.RESIDENT:
            name = self.tr("%1 (người dân tự báo)").replace("%1", name)
        return self.tr("Kết quả đã ghi: %1. Bấm nút khác để sửa.").replace("%1", name)

    def today_text(self, stats: TodayStats) -> str:
        """Count, finished vs abandoned, help requests."""
        if stats.sessions == 0:
            return self.tr("Chưa có lượt nào hôm nay.")
        return (
            self.tr(
                "%1 lượt: %2 làm đến cuối, %3 bỏ dở (%4 hết giờ chờ, %5 được đặt lại, "
                "%6 tự về màn hình đầu)."
            )
            .replace("%1", str(stats.sessions))
            .replace("%2", str(stats.finished))
            .replace("%3", str(stats.abandoned))
            .replace("%4", str(stats.idle))
            .replace("%5", str(stats.volunteer_reset))
            .replace("%6", str(stats.went_home))
            + " "
            + self.tr("Gọi tình nguyện viên: %1 lần.").replace("%1", str(stats.help_requests))
            + " "
            # Newest mark per visit, the resident's own 'Đã nộp hồ sơ' included.
            + self.tr("Đã nộp hồ sơ: %1 lượt.").replace(
                "%1", str(stats.outcomes.get(Outcome.DOSSIER_SUBMITTED.value, 0))
            )
        )

    def procedure_name(self, procedure_id: str | None) -> str:
        """A procedure's short everyday name (or its id when this catalog lacks it)."""
        if procedure_id is None:
            return self.tr("Chưa chọn thủ tục")
        procedure = self.wizard.catalog.procedures.get(procedure_id)
        if procedure is None:
            return procedure_id
        return procedure.short_name.get(self.wizard.view.language)

    def procedure_text(self, stats: TodayStats) -> str:
        """One line per procedure, the most frequent first."""
        ranked = sorted(
            stats.per_procedure.items(), key=lambda item: (-item[1], self.procedure_name(item[0]))
        )
        lines = [f"• {self.procedure_name(pid)}: {n}" for pid, n in ranked[:MAX_PROCEDURE_LINES]]
        rest = len(ranked) - MAX_PROCEDURE_LINES
        if rest > 0:
            lines.append(self.tr("• và %1 thủ tục khác").replace("%1", str(rest)))
        return "\n".join(lines)

    def end_reason_name(self, reason: str) -> str:
        """How a session ended, in words."""
        names = {
            EndReason.FINISHED.value: self.tr("làm đến cuối"),
            EndReason.IDLE.value: self.tr("bỏ dở, hết giờ chờ"),
            EndReason.VOLUNTEER_RESET.value: self.tr("được đặt lại"),
            EndReason.HOME.value: self.tr("tự về màn hình đầu"),
        }
        return names.get(reason, reason)

    def last_text(self, last: SessionRow | None) -> str:
        """The last session in one or two lines."""
        if last is None:
            return self.tr("Chưa có lượt nào trên máy này.")
        parts = [
            self.tr("Kết thúc lúc %1").replace("%1", local_moment(last.ended_at)),
            self.procedure_name(last.procedure_id),
        ]
        if last.step_count:
            parts.append(
                self.tr("tới bước %1/%2")
                .replace("%1", str(last.furthest_step))
                .replace("%2", str(last.step_count))
            )
        parts.append(self.end_reason_name(last.end_reason))
        if last.help_requests:
            parts.append(self.tr("gọi trợ giúp %1 lần").replace("%1", str(last.help_requests)))
        if last.rating:
            parts.append(self.tr("đánh giá %1/5").replace("%1", str(last.rating)))
        return " · ".join(parts)

    def last_outcome_text(self, last: SessionRow | None) -> str:
        """What was marked for the last session so far."""
        if last is None:
            return ""
        if last.outcome is None:
            return self.tr("Chưa ghi kết quả. Bấm một nút dưới đây:")
        try:
            name = self.outcome_names()[Outcome(last.outcome)]
        except ValueError:
            name = last.outcome
        if last.outcome_reported_by == MarkedBy.RESIDENT:
            name = self.tr("%1 (người dân tự báo)").replace("%1", name)
        return self.tr("Kết quả đã ghi: %1. Bấm nút khác để sửa.").replace("%1", name)

    def sync_error_words(self, code: str) -> str:
        """A sync error code as the sync worker's calm sentence, with the code itself for IT."""
        from ui.messages import sync_problem

        return f"{sync_problem(code).rstrip('.')} ({code})"

    def sync_text(self, unsynced: int, dead: int, sync: SyncState) -> str:
        """Records waiting, last success, last error."""
        lines = [self.tr("Chưa gửi: %1 bản ghi.").replace("%1", str(unsynced))]
        if self.hookup.kiosk.config.sync is None:
            lines.append(self.tr("Máy này chưa được cài đặt để gửi qua mạng; có thể xuất ra USB."))
        if sync.last_success_at is not None:
            lines.append(
                self.tr("Gửi được lần cuối: %1.").replace("%1", local_moment(sync.last_success_at))
            )
        else:
            lines.append(self.tr("Chưa gửi được lần nào."))
        if sync.last_error_code and sync.last_error_at is not None:
            lines.append(
                self.tr("Lỗi gần nhất (%1): %2.")
                .replace("%1", local_moment(sync.last_error_at))
                .replace("%2", self.sync_error_words(sync.last_error_code))
            )
            if sync.failing:
                lines.append(self.tr("Máy sẽ tự thử lại; dữ liệu vẫn được giữ an toàn."))
        # Refused records: the red line above (ui/refused_notice.py) says it and what to do.
        return "\n".join(lines)

    def start_text(self, state: PanelState) -> str:
        """The parts the kiosk could not start, for IT ('' when everything started)."""
        problems = self.hookup.kiosk.problems
        # A journal that cannot be opened is already said under 'Gửi dữ liệu về quận'.
        # The part's name in the panel's language; the technical detail (English, for IT) is
        # in the log and in `dvc-kiosk status` (kiosk_start), where the sentence points.
        lines = [f"• {self.part_name(part)}" for part in sorted(problems)
                 if not (part == "journal" and state.problem is not None)]  # fmt: skip
        if not lines:
            return ""
        return (
            self.tr(
                "Một phần của máy không khởi động được. Người dân vẫn dùng được phần hướng dẫn. "
                "Vui lòng khởi động lại máy; nếu vẫn còn, báo cán bộ CNTT "
                "(chi tiết trong nhật ký và lệnh dvc-kiosk status):"
            )
            + "\n"
            + "\n".join(lines)
        )

    def part_name(self, part: str) -> str:
        """What a volunteer calls a part the kiosk could not start."""
        names = {
            "journal": self.tr("Nhật ký phiên (ghi lại các lượt hướng dẫn)"),
            "sync": self.tr("Gửi dữ liệu về quận"),
            "read-aloud": self.tr("Đọc to"),
            "health": self.tr("Báo cáo tình trạng máy cho quận"),
        }
        return names.get(part, part)

    def catalog_text(self) -> str:
        """Version and date of the catalog in use (and which release, when sync chose one)."""
        catalog = self.wizard.catalog
        text = (
            self.tr("Phiên bản %1, cập nhật ngày %2.")
            .replace("%1", str(catalog.version))
            .replace("%2", fmt.day(catalog.updated))
        )
        release = getattr(self.hookup.kiosk.sync, "release", None)
        if release is not None:
            text += "\n" + ReleaseStatusText().text(release)
        return text

    def problem_text(self) -> str:
        """The catalog's problems and the wizard's notices as `file: field: message` lines."""
        lines = [str(p) for p in self.wizard.catalog.problems] + list(self.wizard.notices)
        if not lines:
            return self.tr("Không có lỗi nội dung.")
        return self.tr("Lỗi cần báo CNTT:") + "\n" + "\n".join(lines)

    # ----- actions -----------------------------------------------------------------------
    def current_code(self) -> tuple[bool, str | None]:
        """(valid, code) from the code field; empty is valid (no code)."""
        code = normalise_code(self.code_field.text())
        if code is None:
            return True, None
        return bool(VOLUNTEER_CODE_PATTERN.fullmatch(code)), code

    def mark(self, outcome: Outcome) -> None:
        """Mark the outcome of the visit at the kiosk, or (nobody there) of the last one, with
        the volunteer code when one is given."""
        current = self.wizard.session_uuid is not None
        if not current and (self.state is None or self.state.last is None):
            return
        valid, code = self.current_code()
        if not valid:
            self._say(
                self.tr("Mã tình nguyện viên có dạng TNV-07. Vui lòng sửa lại rồi bấm lần nữa."),
                "error",
            )
            self.code_field.setFocus()
            return
        if code is not None:
            self.code_field.setText(code)
        if current:
            # Kept with the visit and written with it when it ends (a mark needs its session).
            self.wizard.mark_current(outcome.value, code)
            self._say(self.tr("Đã ghi cho lượt đang ở máy."), "ok")
            self.show_current()
            return
        assert self.state is not None and self.state.last is not None
        self.hookup.mark_outcome(self.state.last.uuid, outcome, code)
        self._say(self.tr("Đang ghi…"), "muted")

    def _outcome_marked(self, ok: bool) -> None:
        if ok:
            self._say(self.tr("Đã ghi kết quả."), "ok")
        else:
            self._say(self.tr("Chưa ghi được kết quả. Vui lòng thử lại."), "error")
        self.refresh()

    def reset_session(self) -> None:
        """'Đặt lại phiên': end the resident's session (volunteer-reset) and go home."""
        self.wizard.volunteer_reset()
        self._say(self.tr("Đã đặt lại. Máy đã về màn hình đầu."), "ok")
        self.refresh()

    # ----- "Báo nội dung sai" -------------------------------------------------------------
    def report_procedure(self) -> tuple[str, int] | None:
        """(procedure id, step) to report on: where the open session is, else the procedure
        of the last session; None when there is none in this catalog."""
        view = self.wizard.view
        if view.session_open and view.procedure is not None:
            step = view.step_index + 1 if view.step is not None else 0
            return view.procedure.id, step
        last = self.state.last if self.state is not None else None
        if last is not None and last.procedure_id in self.wizard.catalog.procedures:
            return last.procedure_id, 0
        return None

    def open_report(self) -> None:
        """'Báo nội dung sai': pick the part and the reason."""
        found = self.report_procedure()
        if found is None:
            return
        procedure_id, step = found
        procedure = self.wizard.catalog.procedures[procedure_id]
        self.report_page.show_procedure(procedure, self.wizard.view.language, step)
        self.pages.setCurrentWidget(self.report_page)
        self.report_page.focus_first()

    def _send_report(self, procedure_id: str, step: int, reason: str) -> None:
        if self.hookup.report_content(procedure_id, step, ContentProblem(reason)):
            self._say(self.tr("Đang ghi…"), "muted")
        else:
            self._say(self.tr("Chưa ghi được báo cáo: nhật ký không mở được."), "error")
        self._show_main()

    def _content_reported(self, ok: bool) -> None:
        if ok:
            self._say(
                self.tr("Đã ghi báo cáo nội dung sai; máy sẽ gửi về quận để kiểm tra lại."), "ok"
            )
        else:
            self._say(self.tr("Chưa ghi được báo cáo. Vui lòng thử lại."), "error")

    def _follow_language(self, view: WizardView) -> None:
        # The resident (or a reset) changed the language while the panel may be open.
        if not shiboken6.isValid(self) or view.language == self._language:
            return
        self._language = view.language
        self.retranslate()
        if self.state is not None:
            self.show_state(self.state)

    def _ask_leave(self) -> None:
        self.pages.setCurrentWidget(self.confirm_page)
        self.confirm_stay.setFocus()

    def leave_kiosk(self) -> None:
        """The second confirmation: let the window close."""
        self._stop_quiet()
        self.hide()
        allow = getattr(self.window_, "allow_close", None)
        if allow is not None:
            allow()
        self.window_.close()

    def _failed(self, what: str) -> None:
        if what == "pin-check":
            self.checking = False
            self.pin_pad.set_busy(False)
            self.pin_pad.show_busy_failure()
        else:
            self._say(self.tr("Chưa đọc được dữ liệu. Vui lòng thử lại."), "error")

    def _say(self, text: str, role: str) -> None:
        set_role(self.feedback, role)
        self.feedback.setText(text)

    # ----- the volunteer-code keypad -----------------------------------------------------
    def _open_code_page(self) -> None:
        code = normalise_code(self.code_field.text()) or ""
        digits = code[len(CODE_PREFIX) :] if code.startswith(CODE_PREFIX) else ""
        self._set_code_digits(digits if digits.isdigit() else "")
        self.pages.setCurrentWidget(self.code_page)
        self.code_ok.setFocus()

    def _code_digit(self, digit: str) -> None:
        if len(self._code_digits) < CODE_MAX_DIGITS:
            self._set_code_digits(self._code_digits + digit)

    def _set_code_digits(self, digits: str) -> None:
        self._code_digits = digits
        self.code_display.setText(CODE_PREFIX + (digits or "__"))

    def _code_done(self) -> None:
        self.code_field.setText(CODE_PREFIX + self._code_digits if self._code_digits else "")
        self._show_main()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.pages.currentWidget() is self.code_page:
            text = event.text()
            if len(text) == 1 and text.isascii() and text.isdigit():
                self._code_digit(text)
                return
            if event.key() == Qt.Key.Key_Backspace:
                self._set_code_digits(self._code_digits[:-1])
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._code_done()
                return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # the kiosk window must not see Esc; 'Đóng' closes the panel
            return
        super().keyPressEvent(event)
