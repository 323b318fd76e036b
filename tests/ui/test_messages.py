"""Every code the Qt-free core answers with has words in both languages (ui/messages.py), and
they come from the one translation mechanism: switching the translator switches them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QTranslator

from kiosk.catalog.model import Account, DocumentList, Fee, FeePeriod, Text
from kiosk.cccd import CccdError, CccdProblem, parse_cccd
from kiosk.paths import resources_dir
from kiosk.practice import Answer, PasswordRule, PracticeProblem
from kiosk.sync.manifest import REFUSAL_CODES
from ui import messages

TODAY = date(2026, 12, 1)
SYNC_CODES = ("unauthorized", "http-429", "server-bad-answer", "not-pinned")


def every_sentence() -> list[tuple[str, Callable[[], str]]]:
    """(what, how to word it) for every code the UI must word."""
    cases: list[tuple[str, Callable[[], str]]] = []
    for code in sorted(REFUSAL_CODES):
        cases.append((f"catalog {code}", lambda c=code: messages.sync_problem(f"catalog-{c}")))
    for code in SYNC_CODES:
        cases.append((f"sync {code}", lambda c=code: messages.sync_problem(c)))
    cases.append(("sync network", lambda: messages.sync_problem("timeout")))
    for problem in CccdProblem:
        cases.append((f"cccd {problem}", lambda p=problem: messages.cccd_problem(CccdError(p, 11))))
    for practice in PracticeProblem:
        cases.append(
            (f"practice {practice}", lambda p=practice: messages.practice_problem(Answer(p, 9)))
        )
    for rule in PasswordRule:
        cases.append((f"password {rule}", lambda r=rule: messages.password_rule(r)))
    for account in Account:
        cases.append((f"account {account}", lambda a=account: messages.account_line(a)))
    for day in range(7):
        cases.append((f"day {day}", lambda d=day: messages.day_name(d)))
    return cases


@pytest.fixture
def english(qapp: Any) -> Iterator[Callable[[bool], None]]:
    """Switch the English translation on or off, as the language switcher does."""
    translator = QTranslator()
    assert translator.load(str(resources_dir() / "i18n" / "kiosk_en.qm"))

    def use(on: bool) -> None:
        if on:
            qapp.installTranslator(translator)
        else:
            qapp.removeTranslator(translator)

    yield use
    qapp.removeTranslator(translator)


def test_every_code_has_its_own_words_in_both_languages(english: Callable[[bool], None]) -> None:
    """Each code gives a Vietnamese sentence, and a different, English one with the English
    translation on: none is missing from kiosk_en.ts, none falls back to Vietnamese."""
    english(False)
    vietnamese = {what: word() for what, word in every_sentence()}
    english(True)
    translated = {what: word() for what, word in every_sentence()}
    for what, text in vietnamese.items():
        assert text.strip(), what
        assert translated[what] != text, f"{what}: no English"
    sync_words = [vietnamese[f"sync {c}"] for c in SYNC_CODES]
    assert len(set(sync_words)) == len(SYNC_CODES), "each sync problem says its own thing"
    assert "11" in vietnamese["cccd too-short"] and "9" in vietnamese["practice otp-length"]


def test_the_id_number_explained_names_place_sex_and_year(english: Callable[[bool], None]) -> None:
    """The practice sentence names the place (and where it is now), sex and birth year."""
    english(False)
    text = messages.cccd_description(parse_cccd("074103123456", today=TODAY))
    assert "Bình Dương, nay thuộc TP. Hồ Chí Minh" in text
    assert "nữ" in text and "1903" in text
    same = messages.cccd_description(parse_cccd("079203001234", today=TODAY))
    assert "nay thuộc" not in same and " nam " in same and "2003" in same
    english(True)
    text = messages.cccd_description(parse_cccd("074103123456", today=TODAY))
    assert "now part of TP. Hồ Chí Minh" in text and "female" in text


RESOLUTION = "Nghị quyết 411/NQ-HĐND ngày 29/9/2025 của HĐND TP.HCM"


def test_online_zero_under_its_own_basis_is_shown_as_0_dong_with_that_basis(
    english: Callable[[bool], None],
) -> None:
    """A confirmed counter fee plus 0 đ online by a council resolution: both, each with basis."""
    fee = Fee(
        confirmed=True,
        in_person=75000,
        online=0,
        basis="Nghị quyết của HĐND TP.HCM về lệ phí cấp giấy phép xây dựng",
        online_basis=RESOLUTION,
    )
    english(False)
    lines = messages.fee_lines(fee, "vi", TODAY)
    assert lines[0] == f"0 đ khi nộp trực tuyến — theo {RESOLUTION}"
    assert "Nộp trực tiếp: 75.000 đ" in lines
    assert lines[-1].startswith("Căn cứ: Nghị quyết của HĐND TP.HCM")
    english(True)
    assert messages.fee_lines(fee, "en", TODAY)[0] == f"0 đ when done online — under {RESOLUTION}"


def test_unconfirmed_counter_fee_still_shows_the_sourced_online_amount(
    english: Callable[[bool], None],
) -> None:
    """In person unknown, online sourced: the online line is a fact, the counter one says check."""
    fee = Fee(
        confirmed=False,
        online=0,
        online_basis=RESOLUTION,
        note=Text("Mức nộp trực tiếp do HĐND Thành phố quy định."),
    )
    english(False)
    lines = messages.fee_lines(fee, "vi", TODAY)
    assert lines[0] == f"0 đ khi nộp trực tuyến — theo {RESOLUTION}"
    assert lines[1] == "Nộp trực tiếp: chưa xác nhận được mức lệ phí — kiểm tra lại trên cổng."
    assert lines[2] == "Mức nộp trực tiếp do HĐND Thành phố quy định."
    assert fee.online_confirmed


def test_unconfirmed_fee_without_online_basis_shows_no_amount(
    english: Callable[[bool], None],
) -> None:
    """Without any basis nothing is shown as fact: only 'check on the portal' and the note."""
    fee = Fee(confirmed=False, online=0, note=Text("Thường không thu lệ phí."))
    english(False)
    assert messages.fee_lines(fee, "vi", TODAY) == [
        "Chưa xác nhận được mức lệ phí — kiểm tra lại trên cổng.",
        "Thường không thu lệ phí.",
    ]
    assert not fee.online_confirmed


EXEMPTION = FeePeriod(
    text=Text(
        "miễn lệ phí cho công dân có tài khoản định danh điện tử mức độ 2",
        "exempt for citizens with a level 2 electronic identity account",
    ),
    confirmed=True,
    amount=0,
    basis="Thông tư 117/2026/TT-BTC",
    valid_from=date(2026, 8, 15),
    valid_until=date(2027, 2, 28),
)


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2026, 8, 14), False),
        (date(2026, 8, 15), True),
        (date(2027, 2, 27), True),
        (date(2027, 2, 28), True),
        (date(2027, 3, 1), False),
    ],
)
def test_a_dated_exemption_is_said_only_on_the_days_it_holds(
    english: Callable[[bool], None], day: date, shown: bool
) -> None:
    """Before 15/08/2026 and from 01/03/2027 only the normal fee; in between the exemption
    first, with its condition, its end date and its basis, then the normal fee."""
    fee = Fee(
        confirmed=True, in_person=50000, basis="Thông tư 155/2025/TT-BTC", periods=(EXEMPTION,)
    )
    english(False)
    lines = messages.fee_lines(fee, "vi", day)
    normal = ["Nộp trực tiếp: 50.000 đ", "Căn cứ: Thông tư 155/2025/TT-BTC"]
    if shown:
        assert lines == [
            "Miễn phí đến hết ngày 28/02/2027: miễn lệ phí cho công dân có tài khoản định danh "
            "điện tử mức độ 2. Căn cứ: Thông tư 117/2026/TT-BTC",
            *normal,
        ]
        english(True)
        assert messages.fee_lines(fee, "en", day)[0].startswith(
            "Free until the end of 28/02/2027: exempt for citizens with a level 2 electronic"
        )
    else:
        assert lines == normal


def test_an_unconfirmed_dated_rule_says_check_on_the_portal(
    english: Callable[[bool], None],
) -> None:
    """A dated rule seen only in secondary sources is shown with 'kiểm tra lại trên cổng', not
    as fact, beside an unconfirmed normal fee."""
    period = dataclasses.replace(EXEMPTION, confirmed=False, basis=None)
    fee = Fee(confirmed=False, periods=(period,))
    english(False)
    lines = messages.fee_lines(fee, "vi", date(2026, 12, 1))
    assert lines[0].startswith("Miễn phí đến hết ngày 28/02/2027: miễn lệ phí cho công dân")
    assert lines[0].endswith("mức độ 2 — kiểm tra lại trên cổng.")
    assert lines[1] == "Chưa xác nhận được mức lệ phí — kiểm tra lại trên cổng."


def test_an_unconfirmed_document_list_says_to_check_on_the_portal(
    english: Callable[[bool], None],
) -> None:
    """Item 4 of #22: a list of documents not found in a source says so under the list; a
    confirmed one (with its quote) adds nothing."""
    english(False)
    assert messages.documents_line(DocumentList(confirmed=True)) == ""
    line = messages.documents_line(DocumentList())
    assert line == "Danh sách giấy tờ chưa xác nhận được — kiểm tra lại trên cổng."
    english(True)
    assert messages.documents_line(DocumentList()) == (
        "This list of documents is not confirmed — please check on the portal."
    )
