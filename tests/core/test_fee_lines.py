"""Tests for how a fee is written for residents (kiosk.format.fee_lines), incl. online_basis."""

from __future__ import annotations

from kiosk.catalog.model import Fee, Text
from kiosk.format import fee_lines

RESOLUTION = "Nghị quyết 411/NQ-HĐND ngày 29/9/2025 của HĐND TP.HCM"


def test_online_zero_under_its_own_basis_is_shown_as_0_dong_with_that_basis() -> None:
    """A confirmed counter fee plus 0 đ online by a council resolution: both, each with basis."""
    fee = Fee(
        confirmed=True,
        in_person=75000,
        online=0,
        basis="Nghị quyết của HĐND TP.HCM về lệ phí cấp giấy phép xây dựng",
        online_basis=RESOLUTION,
    )
    lines = fee_lines(fee, "vi")
    assert lines[0] == f"0 đ khi nộp trực tuyến — theo {RESOLUTION}"
    assert "Nộp trực tiếp: 75.000 đ" in lines
    assert lines[-1].startswith("Căn cứ: Nghị quyết của HĐND TP.HCM")
    assert fee_lines(fee, "en")[0] == f"0 đ when done online — under {RESOLUTION}"


def test_unconfirmed_counter_fee_still_shows_the_sourced_online_amount() -> None:
    """In person unknown, online sourced: the online line is a fact, the counter one says check."""
    fee = Fee(
        confirmed=False,
        online=0,
        online_basis=RESOLUTION,
        note=Text("Mức nộp trực tiếp do HĐND Thành phố quy định."),
    )
    lines = fee_lines(fee, "vi")
    assert lines[0] == f"0 đ khi nộp trực tuyến — theo {RESOLUTION}"
    assert lines[1] == "Nộp trực tiếp: chưa xác nhận được mức lệ phí — kiểm tra lại trên cổng."
    assert lines[2] == "Mức nộp trực tiếp do HĐND Thành phố quy định."
    assert fee.online_confirmed


def test_unconfirmed_fee_without_online_basis_shows_no_amount() -> None:
    """Without any basis nothing is shown as fact: only 'check on the portal' and the note."""
    fee = Fee(confirmed=False, online=0, note=Text("Thường không thu lệ phí."))
    assert fee_lines(fee, "vi") == [
        "Chưa xác nhận được mức lệ phí — kiểm tra lại trên cổng.",
        "Thường không thu lệ phí.",
    ]
    assert not fee.online_confirmed
