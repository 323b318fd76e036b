"""The volunteer panel's sentence about which catalog release serves residents, and why.

kiosk.sync.release_choice decides and returns codes; this turns them into words (Vietnamese
first, English through Qt Linguist), e.g. "Đang dùng nội dung bản 7 tải về từ quận (bản 8 tải
về bị lỗi: nội dung không đọc được — catalog.toml: version: …)."
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.sync.release_choice import FailureReason, ReleaseInUse, Source


class ReleaseStatusText(QObject):
    """Words for a ReleaseInUse (a QObject only for its tr() context)."""

    def text(self, release: ReleaseInUse) -> str:
        """One sentence: the release in use, then each newer one that failed and why."""
        if release.source is Source.DOWNLOADED:
            sentence = self.tr("Đang dùng nội dung bản %1 tải về từ quận")
        else:
            sentence = self.tr("Đang dùng nội dung bản %1 có sẵn trong máy")
        sentence = sentence.replace("%1", str(release.version))
        failures = [
            self.tr("bản %1 tải về bị lỗi: %2")
            .replace("%1", str(failed.version))
            .replace("%2", f"{self.reason(failed.reason)} — {failed.detail}")
            for failed in release.failed
        ]
        if failures:
            sentence += " (" + "; ".join(failures) + ")"
        return sentence + "."

    def reason(self, reason: FailureReason) -> str:
        """A failure reason in words."""
        words = {
            FailureReason.CATALOG_UNUSABLE: self.tr("nội dung không đọc được"),
            FailureReason.NO_PROCEDURES: self.tr("không có thủ tục nào dùng được"),
            FailureReason.DAMAGED: self.tr("tệp trên máy bị hỏng"),
        }
        return words[reason]
