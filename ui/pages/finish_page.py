"""The last screen: what to bring again, a QR code to continue on the phone, print, rate, done.

Residents leave with the checklist (on paper or on their phone) instead of having to remember it.
After "Đã nộp hồ sơ" it says what happens next (how to track the dossier, when the result is
due, where it arrives) and prints that as a slip with an empty box for the mã hồ sơ, which she
copies by hand from the portal. Nothing typed by the resident appears here, so nothing typed
can be printed.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk import format as fmt
from kiosk.catalog.model import Procedure
from kiosk.wizard import Submission, Wizard, WizardView
from kiosk.working_days import HCMC_TIME
from ui.pages.base import Page
from ui.printing import SLIP_PDF_NAME, Checklist, ChecklistPrinter
from ui.widgets.common import button, label, nav_bar, scroll_area
from ui.widgets.qr import QrCode
from ui.widgets.tile import WrappingToggle

log = logging.getLogger(__name__)

RATINGS = (1, 2, 3, 4, 5)
QR_COLUMN_PX = 320


class FinishPage(Page):
    """'Bạn đã xem hết các bước': checklist, QR to the portal, print, 1–5 rating, 'Xong'."""

    def __init__(
        self,
        wizard: Wizard,
        parent: QWidget | None = None,
        *,
        printer: ChecklistPrinter | None = None,
    ) -> None:
        super().__init__(wizard, parent)
        self.printer = printer or ChecklistPrinter()
        self._procedure_id: str | None = None
        self._words: dict[int, str] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 16)
        outer.setSpacing(8)
        self.title = label("", "h1")
        self.title.setObjectName("finishTitle")
        outer.addWidget(self.title)
        # "Đã nộp hồ sơ": big, first thing under the title, until she has said it.
        self.submitted_row = QWidget()
        submitted_row = QHBoxLayout(self.submitted_row)
        submitted_row.setContentsMargins(0, 0, 0, 0)
        submitted_row.setSpacing(16)
        self.submitted_question = label("", None)
        self.submitted_button = button("", None, "submittedButton")
        self.submitted_button.clicked.connect(wizard.report_submitted)
        submitted_row.addWidget(self.submitted_question, 1)
        submitted_row.addWidget(self.submitted_button, 0)
        outer.addWidget(self.submitted_row)

        scroll = scroll_area()
        content = scroll.content
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 16, 0)
        body.setSpacing(12)

        row = QHBoxLayout()
        row.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(10)
        self.documents_heading = label("", "h2")
        self.documents = label("", "fact")
        self.documents.setObjectName("documentList")
        self.print_button = button("", "secondary", "printButton")
        self.print_button.clicked.connect(self.print_checklist)
        self.print_status = label("", "notice")
        self.print_status.setObjectName("printStatus")
        self.print_status.setVisible(False)
        left.addWidget(self.documents_heading)
        left.addWidget(self.documents)
        # What happens next, once submitted: tracking, the due date, where the result arrives.
        self.next_heading = label("", "h2")
        self.next_steps = label("", "fact")
        self.next_steps.setObjectName("nextSteps")
        self.next_heading.setVisible(False)
        self.next_steps.setVisible(False)
        left.addWidget(self.next_heading)
        left.addWidget(self.next_steps)
        left.addStretch(1)
        row.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(6)
        self.qr = QrCode(200)
        self.qr.setObjectName("qrCode")
        self.qr_caption = label("", None)
        self.qr_caption.setFixedWidth(QR_COLUMN_PX)
        self.qr_url = label("", "small")
        self.qr_url.setFixedWidth(QR_COLUMN_PX)
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.qr_caption)
        right.addWidget(self.qr_url)
        right.addStretch(1)
        row.addLayout(right, 0)
        body.addLayout(row)
        body.addStretch(1)
        outer.addWidget(scroll, 1)

        # The rating sits under the scrolling part, always in view: at 'Rất lớn' a long
        # document list pushed it off the screen.
        # After "Đã nộp hồ sơ" it moves into the scrolling part, under the next steps, which
        # then get the height (at 'Rất lớn' on 1024×768 they had one clipped line).
        self.body = body
        self.rating_box = QWidget()
        rating_column = QVBoxLayout(self.rating_box)
        rating_column.setContentsMargins(0, 0, 0, 0)
        rating_column.setSpacing(8)
        self.rating_question = label("", "h2")
        self.rating_thanks = label("", "ok", wrap=False)
        self.rating_thanks.setObjectName("ratingThanks")
        question_row = QHBoxLayout()
        question_row.addWidget(self.rating_question, 1)
        question_row.addWidget(self.rating_thanks, 0, Qt.AlignmentFlag.AlignBottom)
        rating_column.addLayout(question_row)
        rating_row = QHBoxLayout()
        rating_row.setSpacing(12)
        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        self.rating_buttons: dict[int, QPushButton] = {}
        for stars in RATINGS:
            choice = WrappingToggle(f"rate-{stars}")
            choice.clicked.connect(lambda _checked=False, n=stars: self.wizard.rate(n))
            self.rating_group.addButton(choice, stars)
            rating_row.addWidget(choice, 1)
            self.rating_buttons[stars] = choice
        rating_column.addLayout(rating_row)
        outer.addWidget(self.rating_box)
        self.outer = outer

        nav, self.back, done = nav_bar(wizard.back, wizard.done, "doneButton")
        assert done is not None
        self.done = done
        # Printing sits beside 'Xong', in view at every text size (under a long document list
        # it was off the screen at 'Rất lớn'); what the printer did is said next to it.
        # The status has a line of its own above them: in the bar it was squeezed to a
        # column of one word a line at 'Rất lớn' on 1024×768.
        outer.addWidget(self.print_status)
        nav.insertWidget(nav.count() - 1, self.print_button)
        outer.addLayout(nav)

    # ----- rendering ---------------------------------------------------------------------
    def show_view(self, view: WizardView) -> None:
        p = view.procedure
        if p is None:
            return
        lang = view.language
        if p.id != self._procedure_id:
            self._procedure_id = p.id
            self.print_status.setVisible(False)
        submission = view.submission
        self.submitted_row.setVisible(submission is None)
        self.submitted_question.setText(
            self.tr("Bạn đã bấm “Nộp hồ sơ” trên cổng và thấy mã hồ sơ chưa?")
        )
        self.submitted_button.setText(self.tr("✓ Đã nộp hồ sơ"))
        # After the submission the next steps take the width; the QR code (continue on the
        # phone) is for a resident who has not done it yet.
        for widget in (self.documents_heading, self.documents, self.qr, self.qr_caption):
            widget.setVisible(submission is None)
        self.qr_url.setVisible(submission is None)
        self.next_heading.setVisible(submission is not None)
        self.next_steps.setVisible(submission is not None)
        self._place_rating(scrolling=submission is not None)
        if submission is None:
            self.title.setText(self.tr("Bạn đã xem hết các bước"))
            self.print_button.setText(self.tr("In danh sách giấy tờ"))
        else:
            self.title.setText(self.tr("Bạn đã nộp hồ sơ"))
            self.next_heading.setText(
                self.tr("Việc tiếp theo cho “%1”:").replace("%1", p.short_name.get(lang))
            )
            self.next_steps.setText(
                "\n".join(f"• {line}" for line in self.next_lines(p, submission))
            )
            self.print_button.setText(self.tr("In phiếu theo dõi hồ sơ"))
        self.documents_heading.setText(
            self.tr("Giấy tờ cần chuẩn bị cho “%1”:").replace("%1", p.short_name.get(lang))
        )
        self.documents.setText("\n".join(f"• {d.get(lang)}" for d in p.documents))
        url = self.portal_url(p)
        self.qr.set_data(url)
        self.qr_caption.setText(self.tr("Quét mã bằng điện thoại để làm tiếp trên điện thoại"))
        # The address without "https://" is easier to read and to type by hand.
        self.qr_url.setText(url.removeprefix("https://").removeprefix("http://").rstrip("/"))
        self.rating_question.setText(self.tr("Bạn thấy hướng dẫn này thế nào?"))
        words = (
            self.tr("Rất khó"),
            self.tr("Khó"),
            self.tr("Bình thường"),
            self.tr("Dễ"),
            self.tr("Rất dễ"),
        )
        self._words = dict(zip(RATINGS, words, strict=True))
        self._show_rating(view.rating)
        self.back.setText(self.tr("‹ Quay lại"))
        self.done.setText(self.tr("Xong"))

    def _place_rating(self, scrolling: bool) -> None:
        """The rating under the scrolling part (always in view), or inside it, at its end."""
        inside = self.body.indexOf(self.rating_box) >= 0
        if scrolling and not inside:
            self.outer.removeWidget(self.rating_box)
            self.body.insertWidget(self.body.count() - 1, self.rating_box)  # before the stretch
        elif not scrolling and inside:
            self.body.removeWidget(self.rating_box)
            # Back between the scrolling part and the printer's status.
            self.outer.insertWidget(self.outer.indexOf(self.print_status), self.rating_box)
        self.rating_box.setVisible(True)

    def _show_rating(self, rating: int | None) -> None:
        # An exclusive group cannot be emptied, so lift exclusivity to clear a past session's pick.
        self.rating_group.setExclusive(False)
        for stars, choice in self.rating_buttons.items():
            chosen = stars == rating
            choice.setChecked(chosen)
            # The pick is marked with ✓ as well as the fill, never by colour alone.
            word = self._words.get(stars, "")
            choice.setText(f"{'✓ ' if chosen else ''}{stars}\n{word}")
            choice.setAccessibleName(f"{stars} — {word}")
        self.rating_group.setExclusive(True)
        self.rating_thanks.setVisible(rating is not None)
        self.rating_thanks.setText(self.tr("✓ Cảm ơn bạn đã cho ý kiến."))

    def weekday(self, day: date) -> str:
        """'thứ Ba', 'Chủ nhật' … for a date."""
        names = (
            self.tr("thứ Hai"),
            self.tr("thứ Ba"),
            self.tr("thứ Tư"),
            self.tr("thứ Năm"),
            self.tr("thứ Sáu"),
            self.tr("thứ Bảy"),
            self.tr("Chủ nhật"),
        )
        return names[day.weekday()]

    def due_line(self, procedure: Procedure, submission: Submission) -> str:
        """When the result is due, counted in working days (kiosk.working_days)."""
        lang = self.wizard.view.language
        if submission.due is None or submission.working_days is None:
            return self.tr("Thời gian giải quyết: %1. Ngày hẹn trả kết quả có trên cổng.").replace(
                "%1", procedure.processing_time.text.get(lang).rstrip(".")
            )
        return (
            self.tr(
                "Hạn trả kết quả: %1, %2 — %3 ngày làm việc, không tính thứ Bảy, Chủ nhật và "
                "ngày lễ, Tết. Nếu cổng ghi ngày hẹn khác, theo ngày trên cổng."
            )
            .replace("%1", self.weekday(submission.due))
            .replace("%2", fmt.day(submission.due))
            .replace("%3", str(submission.working_days))
        )

    def next_lines(self, procedure: Procedure, submission: Submission) -> list[str]:
        """What happens after the submission, one line each (catalog text and fixed words)."""
        lang = self.wizard.view.language
        # The due date first: it is what she asks, and the first line in view at 'Rất lớn'.
        return [
            self.due_line(procedure, submission),
            self.tr(
                "Theo dõi hồ sơ: trên dichvucong.gov.vn, mục “Tra cứu hồ sơ”, nhập mã hồ sơ; "
                "hoặc trong ứng dụng VNeID, mục “Dịch vụ công”."
            ),
            self.tr("Nơi nhận kết quả: %1").replace("%1", procedure.result.get(lang)),
            self.tr(
                "Mã hồ sơ: chép mã trên màn hình cổng vào ô trống của phiếu in. Máy này không "
                "lưu mã, không lưu hồ sơ của bạn."
            ),
        ]

    def portal_url(self, procedure: Procedure) -> str:
        """The procedure's first official portal, the one the QR code opens."""
        return self.wizard.catalog.portals[procedure.portals[0]].url

    # ----- printing ----------------------------------------------------------------------
    def checklist(self) -> Checklist | None:
        """What would be printed for the current procedure (catalog text only)."""
        p = self.wizard.view.procedure
        if p is None:
            return None
        lang = self.wizard.view.language
        portal = self.wizard.catalog.portals[p.portals[0]]
        submission = self.wizard.view.submission
        if submission is not None:
            return Checklist(
                title=p.short_name.get(lang),
                heading=self.tr("Phiếu theo dõi hồ sơ đã nộp"),
                items=tuple(self.next_lines(p, submission)[:3]),
                footer=self.tr("Nộp trực tuyến ngày %1 tại: %2")
                .replace("%1", fmt.day(submission.submitted_at.astimezone(HCMC_TIME).date()))
                .replace("%2", f"{portal.name.get(lang)} — {portal.url}"),
                box_caption=self.tr("Mã hồ sơ (tự chép tay từ màn hình cổng):"),
                pdf_name=SLIP_PDF_NAME,
            )
        return Checklist(
            title=p.short_name.get(lang),
            heading=self.tr("Giấy tờ cần chuẩn bị"),
            items=tuple(d.get(lang) for d in p.documents),
            footer=self.tr("Làm trực tuyến tại: %1").replace(
                "%1", f"{portal.name.get(lang)} — {portal.url}"
            ),
        )

    def print_checklist(self) -> None:
        """'In danh sách giấy tờ': print, or save a PDF and say so calmly."""
        checklist = self.checklist()
        if checklist is None:
            return
        try:
            result = self.printer.print_checklist(checklist)
        except (OSError, RuntimeError) as error:
            log.warning("printing the checklist failed: %s", error)
            text = self.tr("Chưa in được. Xin nhờ tình nguyện viên giúp.")
        else:
            if result.printed:
                text = self.tr("Đã gửi đến máy in. Xin lấy giấy ở máy in.")
            elif checklist.box_caption:
                text = self.tr(
                    "Máy này chưa nối máy in. Đã lưu phiếu thành tệp PDF để tình nguyện viên "
                    "in giúp."
                )
            else:
                text = self.tr(
                    "Máy này chưa nối máy in. Đã lưu danh sách thành tệp PDF để tình nguyện "
                    "viên in giúp."
                )
        self.print_status.setText(text)
        self.print_status.setVisible(True)

    # ----- page --------------------------------------------------------------------------
    def wipe(self) -> None:
        self._procedure_id = None
        self.print_status.setVisible(False)
        self._show_rating(None)
        self._place_rating(scrolling=False)

    def speech_text(self) -> str:
        listed = self.next_steps if self.next_steps.isVisibleTo(self) else self.documents
        heading = (
            self.next_heading if self.next_heading.isVisibleTo(self) else self.documents_heading
        )
        return ". ".join(
            [
                self.title.text(),
                heading.text(),
                listed.text().replace("• ", "").replace("\n", ". "),
                self.qr_caption.text(),
                self.rating_question.text(),
            ]
        )
