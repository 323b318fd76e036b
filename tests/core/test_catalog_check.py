"""Tests for `catalog check`: each rule fails on its own broken fixture, naming file and field.

Fixtures are built in tmp_path from the real catalog (index, shared pieces, images) plus a small
sample procedure written here, so they follow the real content without depending on every
procedure file being finished.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from kiosk.catalog.check import check_catalog, run_check
from kiosk.catalog.loader import load_catalog_index
from kiosk.catalog.model import Problem, Severity
from kiosk.paths import resources_dir
from tests.core.run_cli import run_cli

TODAY = date(2026, 11, 28)
# A fixture's quote (the shape of a real one; the fixture is not catalog content).
QUOTE = (
    'quote = { text = "Mức thu lệ phí đăng ký tạm trú: 15.000 đồng/lần; '
    'trực tuyến 7.000 đồng/lần", '
    'url = "https://example.gov.vn/thong-tu-75-2022", checked = 2026-11-01 }'
)
FEE = f'[fee]\nconfirmed = true\nonline = 7000\nbasis = "Thông tư 75/2022/TT-BTC"\n{QUOTE}'
SUMMARY = re.compile(
    r"^\d+ procedures \(\d+ UBND, \d+ Công an\), \d+ steps, \d+ errors, \d+ warnings$"
)


def _image() -> str:
    return sorted(p.name for p in (resources_dir() / "images" / "steps").glob("*.svg"))[0]


def sample(pid: str = "thu-nghiem", **replace: str) -> str:
    """A valid procedure file; `replace` swaps whole top-level lines or tables by key ('' drops)."""
    parts = {
        "id": f'id = "{pid}"',
        "name": 'name = { vi = "Đăng ký thử nghiệm", en = "Test registration" }',
        "short_name": 'short_name = { vi = "Đăng ký thử nghiệm", en = "Test registration" }',
        "summary": (
            'summary = { vi = "Một thủ tục mẫu để thử bộ kiểm tra danh mục.", '
            'en = "A sample procedure for the catalog checker." }'
        ),
        "who": 'who = "Công dân muốn thử thủ tục mẫu."',
        "agency": 'agency = "ubnd-phuong"',
        "category": 'category = "ho-tich"',
        "portals": 'portals = ["dvc-quoc-gia"]',
        "account": 'account = "vneid-muc-2"',
        "everyday_words": 'everyday_words = ["thử nghiệm", "KT3"]',
        "documents": 'documents = ["Tờ khai điền ngay trên cổng dịch vụ công."]',
        "result": 'result = "Kết quả được gửi qua cổng và tin nhắn."',
        "checked": "checked = 2026-11-01",
        "fee": FEE,
        "processing_time": '[processing_time]\ntext = "Trong 3 ngày làm việc"\nconfirmed = false',
        "steps": (
            '[[steps]]\nuse = "dang-nhap-vneid"\n\n'
            '[[steps]]\ntitle = "Tìm thủ tục trên cổng"\n'
            'body = { vi = "Gõ tên thủ tục vào ô tìm kiếm rồi bấm Tìm.", en = "Search for it." }\n'
            f'image = "steps/{_image()}"\ntip = "VNeID"\n\n'
            '[[steps]]\ntitle = "Điền tờ khai"\n'
            'body = "Kiểm tra lại từng dòng trước khi gửi đi."\n\n'
            '[[steps]]\nuse = "tra-cuu-ho-so"'
        ),
        "sources": '[[sources]]\ntitle = "Luật Hộ tịch 2014"\nchecked = 2026-11-01',
    }
    for key, value in replace.items():
        parts[key] = value
    top = [v for k, v in parts.items() if v and not v.startswith("[")]
    tables = [v for v in parts.values() if v.startswith("[")]
    return "\n".join(top) + "\n\n" + "\n\n".join(tables) + "\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the real catalog's index, shared pieces and images, with one sample procedure."""
    real = resources_dir()
    catalog = tmp_path / "catalog"
    (catalog / "procedures").mkdir(parents=True)
    index = (real / "catalog" / "catalog.toml").read_text(encoding="utf-8")
    # Not-offered pointers name real procedures, which this fixture leaves out.
    write(catalog, "catalog.toml", re.sub(r"(?m)^instead = .*\n", "", index))
    shutil.copytree(real / "catalog" / "shared", catalog / "shared")
    shutil.copytree(real / "images", tmp_path / "images")
    write(catalog, "procedures/thu-nghiem.toml", sample())
    return catalog


def write(root: Path, name: str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(root: Path) -> list[Problem]:
    return [p for p in check_catalog(root, today=TODAY) if p.severity is Severity.ERROR]


def warnings(root: Path, max_age_days: int = 365) -> list[Problem]:
    found = check_catalog(root, max_age_days=max_age_days, today=TODAY)
    return [p for p in found if p.severity is Severity.WARNING]


def named(problems: list[Problem], file: str, field: str, word: str = "") -> bool:
    return any(p.file == file and p.field == field and word in p.message for p in problems)


PROC = "procedures/thu-nghiem.toml"


@pytest.mark.usefixtures("kiosk_home")
def test_the_fixture_is_clean_and_the_command_exits_0(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A correct catalog has no problems; `catalog check` exits 0 with one summary line."""
    assert check_catalog(root, today=TODAY) == []
    assert run_cli("catalog", "check", "--root", str(root), "--as-of", TODAY.isoformat()) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and SUMMARY.match(lines[0])
    assert lines[0].startswith("1 procedures (1 UBND, 0 Công an), ")
    assert (
        lines[1] == "Facts: 1 confirmed with a quote, 0 confirmed without a quote, 2 not confirmed"
    )


def test_two_files_declaring_the_same_id(root: Path) -> None:
    """Two procedure files with the same id: the second is named, field `id`."""
    write(root, "procedures/ban-sao.toml", sample("thu-nghiem"))
    assert named(errors(root), "procedures/ban-sao.toml", "id", "duplicate id 'thu-nghiem'")


def test_a_shared_piece_and_a_procedure_with_the_same_id(root: Path) -> None:
    """A procedure may not reuse a shared piece's id."""
    write(root, "procedures/dang-nhap-vneid.toml", sample("dang-nhap-vneid"))
    problems = errors(root)
    assert named(problems, "procedures/dang-nhap-vneid.toml", "id", "shared/dang-nhap-vneid.toml")


def test_duplicate_ids_inside_the_index(root: Path) -> None:
    """Two categories with one id in catalog.toml are reported at the second one."""
    edit(
        root,
        "catalog.toml",
        "[[agencies]]",
        '[[categories]]\nid = "ho-tich"\nname = "Hộ tịch lần hai"\n\n[[agencies]]',
    )
    assert any(
        p.file == "catalog.toml" and re.fullmatch(r"categories\[\d+\]\.id", p.field)
        for p in errors(root)
    )


def test_reference_to_a_missing_shared_piece(root: Path) -> None:
    """A step that uses a shared piece that does not exist names that step's `use`."""
    edit(root, PROC, 'use = "tra-cuu-ho-so"', 'use = "khong-co-manh-nay"')
    assert named(errors(root), PROC, "steps[3].use", "khong-co-manh-nay")


def test_reference_to_a_missing_image(root: Path) -> None:
    """A step image that is not under resources/images/ is named, field `steps[1].image`."""
    write(root, PROC, re.sub(r'image = "[^"]+"', 'image = "steps/khong-co.svg"', sample()))
    assert named(errors(root), PROC, "steps[1].image", "khong-co.svg")


def test_reference_to_a_missing_category_icon(root: Path) -> None:
    """A category icon that is not under resources/images/ is named in catalog.toml."""
    edit(root, "catalog.toml", 'icon = "categories/ho-tich.svg"', 'icon = "categories/khong.svg"')
    assert any(
        p.file == "catalog.toml" and re.fullmatch(r"categories\[\d+\]\.icon", p.field)
        for p in errors(root)
    )


def test_portal_url_outside_gov_vn(root: Path) -> None:
    """A portal pointing outside *.gov.vn is rejected at its url field."""
    edit(
        root, "catalog.toml", 'url = "https://dichvucong.gov.vn"', 'url = "https://dichvucong.com"'
    )
    assert any(
        p.file == "catalog.toml" and re.fullmatch(r"portals\[\d+\]\.url", p.field)
        for p in errors(root)
    )


def test_source_url_must_be_https_on_gov_vn(root: Path) -> None:
    """Plain http is rejected even on a government host."""
    edit(
        root,
        PROC,
        'title = "Luật Hộ tịch 2014"',
        'title = "Luật Hộ tịch 2014"\nurl = "http://moj.gov.vn"',
    )
    assert named(errors(root), PROC, "sources[0].url", "http://moj.gov.vn")


@pytest.mark.parametrize(
    ("written", "host"),
    [
        ("www.facebook.com/dichvucong", "www.facebook.com"),
        ("https://dichvucong-gov.vn.example.com/x", "example.com"),
        ("zalo.me/123", "zalo.me"),
        ("http://vneid.gov.vn", "http://vneid.gov.vn"),
    ],
)
def test_urls_written_inside_text_fields(root: Path, written: str, host: str) -> None:
    """Addresses typed into a text field (here a step body) must be https on *.gov.vn too."""
    edit(root, PROC, "rồi bấm Tìm.", f"rồi bấm Tìm, hoặc vào {written}.")
    assert named(errors(root), PROC, "steps[1].body.vi", host)


def test_government_addresses_inside_text_are_fine(root: Path) -> None:
    """'dichvucong.gov.vn' or an https gov.vn link inside a sentence is allowed."""
    edit(
        root, PROC, "rồi bấm Tìm.", "rồi bấm Tìm trên dichvucong.gov.vn hoặc https://vneid.gov.vn/."
    )
    assert errors(root) == []


def test_confirmed_fee_without_legal_basis(root: Path) -> None:
    """A fee marked confirmed needs `basis`; the field named is fee.basis."""
    edit(root, PROC, 'basis = "Thông tư 75/2022/TT-BTC"', "")
    assert named(errors(root), PROC, "fee.basis", "legal basis")


def test_fee_without_a_confirmed_mark(root: Path) -> None:
    """A fee must say whether it is confirmed."""
    edit(root, PROC, "confirmed = true\n", "")
    assert named(errors(root), PROC, "fee.confirmed")


def test_unconfirmed_fee_without_basis_is_fine(root: Path) -> None:
    """confirmed = false is the honest mark for a fee not yet checked; no basis needed."""
    edit(
        root,
        PROC,
        'confirmed = true\nonline = 7000\nbasis = "Thông tư 75/2022/TT-BTC"',
        "confirmed = false",
    )
    assert errors(root) == []


def test_online_basis_needs_an_online_amount(root: Path) -> None:
    """`fee.online_basis` names the document behind the online amount, so `online` must be set."""
    edit(root, PROC, "online = 7000\n", 'online_basis = "Nghị quyết 411/NQ-HĐND"\n')
    assert named(errors(root), PROC, "fee.online_basis", "fee.online")


def test_an_online_amount_with_its_own_basis_is_fine(root: Path) -> None:
    """In person unconfirmed, online 0 đ under a council resolution: a valid, honest fee."""
    edit(
        root,
        PROC,
        'confirmed = true\nonline = 7000\nbasis = "Thông tư 75/2022/TT-BTC"',
        'confirmed = false\nonline = 0\nonline_basis = "Nghị quyết 411/NQ-HĐND ngày 29/9/2025"\n'
        + QUOTE.replace("quote =", "online_quote =", 1),
    )
    assert errors(root) == []


# -- a quote behind every confirmed fact -----------------------------------------------------

PTIME = '[processing_time]\ntext = "Trong 3 ngày làm việc"\nconfirmed = false'


def facts(root: Path) -> tuple[int, int, int]:
    found = run_check(root, today=TODAY).facts
    return found.quoted, found.unquoted, found.not_confirmed


def test_a_confirmed_fee_without_a_quote_is_an_error_and_shown_unconfirmed(root: Path) -> None:
    """The check refuses it, counts it, and the kiosk's loader shows the fee as not confirmed
    ('kiểm tra lại trên cổng') rather than as fact."""
    edit(root, PROC, QUOTE, "")
    assert named(errors(root), PROC, "fee.quote", "without a quote")
    assert facts(root) == (0, 1, 2)
    report = run_check(root, today=TODAY)
    assert report.catalog is not None
    assert report.catalog.procedures["thu-nghiem"].fee.confirmed is False


@pytest.mark.parametrize(
    ("table", "field"),
    [
        (
            PTIME.replace("confirmed = false", 'confirmed = true\nbasis = "Luật Cư trú"'),
            "processing_time",
        ),
        ('[document_list]\nconfirmed = true\nbasis = "Luật Cư trú"', "document_list"),
    ],
)
def test_a_confirmed_time_or_document_list_without_a_quote(
    root: Path, table: str, field: str
) -> None:
    """A time limit or a document list marked confirmed needs its quote too; with one it is
    clean and counted as quoted."""
    key = "processing_time" if field == "processing_time" else "documents"
    parts = {"processing_time": table} if key == "processing_time" else {"document_list": table}
    write(root, PROC, sample(**parts))
    assert named(errors(root), PROC, f"{field}.quote", "without a quote")
    write(root, PROC, sample(**{k: v + "\n" + QUOTE for k, v in parts.items()}))
    assert errors(root) == []
    assert facts(root)[:2] == (2, 0)
    report = run_check(root, today=TODAY)
    assert report.catalog is not None
    procedure = report.catalog.procedures["thu-nghiem"]
    assert (
        procedure.processing_time if key == "processing_time" else procedure.document_list
    ).confirmed


def test_a_confirmed_period_without_a_quote(root: Path) -> None:
    """A dated fee rule marked confirmed needs its quote (fee.periods[0].quote)."""
    with_period(root, PERIOD.replace("\n" + QUOTE, ""))
    assert named(errors(root), PROC, "fee.periods[0].quote", "without a quote")


def test_an_online_amount_on_its_own_basis_without_a_quote(root: Path) -> None:
    """online_basis makes the online amount a confirmed fact: it needs fee.online_quote, and
    without one the kiosk does not show the amount as confirmed."""
    edit(
        root,
        PROC,
        'confirmed = true\nonline = 7000\nbasis = "Thông tư 75/2022/TT-BTC"',
        'confirmed = false\nonline = 0\nonline_basis = "Nghị quyết 411/NQ-HĐND ngày 29/9/2025"',
    )
    assert named(errors(root), PROC, "fee.online_quote", "without a quote")
    report = run_check(root, today=TODAY)
    assert report.catalog is not None
    assert report.catalog.procedures["thu-nghiem"].fee.online_confirmed is False


@pytest.mark.parametrize(
    ("old", "new", "field", "word"),
    [
        ('url = "https://example.gov.vn/thong-tu-75-2022", ', "", "fee.quote.url", "missing"),
        ("https://example.gov.vn/", "https://thuvienphapluat.vn/", "fee.quote.url", "gov.vn"),
        ("checked = 2026-11-01 }", 'checked = "hôm nay" }', "fee.quote.checked", "date"),
        ('text = "Mức thu', 'text = "' + "x" * 300 + "Mức thu", "fee.quote.text", "at most 300"),
        ('text = "Mức thu lệ phí', 'words = "Mức thu lệ phí', "fee.quote.text", "missing"),
    ],
)
def test_a_malformed_quote_is_an_error(
    root: Path, old: str, new: str, field: str, word: str
) -> None:
    """A quote needs its verbatim text (≤ 300 characters), a *.gov.vn address and a date; a
    malformed one does not back the fact, which then counts as confirmed without a quote."""
    edit(root, PROC, old, new)
    assert named(errors(root), PROC, field, word)
    assert facts(root)[1] == 1
    report = run_check(root, today=TODAY)
    assert report.catalog is not None
    assert report.catalog.procedures["thu-nghiem"].fee.confirmed is False


def test_an_unconfirmed_fact_needs_no_quote(root: Path) -> None:
    """'Not confirmed' is the honest mark when no source was read: no quote needed."""
    write(root, PROC, sample(document_list="[document_list]\nconfirmed = false"))
    assert errors(root) == []
    assert facts(root) == (1, 0, 2)


# -- dated fee rules ([[fee.periods]]): well formed, and a warning before one ends ------------

PERIOD = (
    "\n\n[[fee.periods]]\namount = 0\n"
    'text = "Công dân có tài khoản định danh điện tử mức độ 2 đáp ứng điều kiện"\n'
    "valid_from = 2026-08-15\nvalid_until = 2027-02-28\nconfirmed = true\n"
    'basis = "Thông tư 117/2026/TT-BTC"\n' + QUOTE
)


def with_period(root: Path, period: str = PERIOD) -> None:
    write(root, PROC, sample(fee=FEE + period))


def problems_on(root: Path, day: date) -> list[Problem]:
    return check_catalog(root, today=day)


def test_a_dated_exemption_far_from_its_end_is_clean(root: Path) -> None:
    """An exemption ending 28/02/2027, checked on 28/11/2026 (92 days before): no problem."""
    with_period(root)
    assert problems_on(root, TODAY) == []


@pytest.mark.parametrize(
    ("day", "word"),
    [
        (date(2027, 1, 29), "30 days"),  # the first day of the warning
        (date(2027, 2, 28), "0 days"),  # its last day
        (date(2027, 3, 1), "ended on 2027-02-28"),  # the day after: the kiosk no longer shows it
    ],
)
def test_an_exemption_ending_with_nothing_after_it_warns(root: Path, day: date, word: str) -> None:
    """From 30 days before its end, a dated rule with no rule dated to follow it is a warning
    (never an error: the normal fee is what holds after it), and so is one that has ended."""
    with_period(root)
    found = problems_on(root, day)
    assert all(p.severity is Severity.WARNING for p in found)
    assert named(found, PROC, "fee.periods[0].valid_until", word)


def test_one_day_before_the_warning_window_is_clean(root: Path) -> None:
    """31 days before the end: not yet."""
    with_period(root)
    assert problems_on(root, date(2027, 1, 28)) == []


def test_a_rule_dated_to_follow_it_silences_the_warning(root: Path) -> None:
    """An extension entered as a period from 01/03/2027 follows the first one: no warning for
    the first; the second (ending later) is judged on its own."""
    follow = PERIOD.replace("2026-08-15", "2027-03-01").replace("2027-02-28", "2027-12-31")
    with_period(root, PERIOD + follow)
    assert problems_on(root, date(2027, 2, 20)) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "word"),
    [
        ("valid_until = 2027-02-28", "valid_until = 2026-01-01", "valid_until", "before it begins"),
        ("valid_from = 2026-08-15\nvalid_until = 2027-02-28\n", "", "valid_until", "needs"),
        ('basis = "Thông tư 117/2026/TT-BTC"', "", "basis", "legal basis"),
        ("confirmed = true\nbasis", "basis", "confirmed", "missing"),
        ("valid_until = 2027-02-28", 'valid_until = "28/02/2027"', "valid_until", "date"),
        ("text = ", "words = ", "text", "missing"),
    ],
)
def test_a_broken_period_is_an_error(root: Path, old: str, new: str, field: str, word: str) -> None:
    """Each rule on a period fails on its own broken fixture, naming fee.periods[0].<field>."""
    assert old in PERIOD
    with_period(root, PERIOD.replace(old, new, 1))
    assert named(errors(root), PROC, f"fee.periods[0].{field}", word)


def test_account_none_is_allowed(root: Path) -> None:
    """A procedure may need no VNeID account at all (getting one, for instance)."""
    edit(root, PROC, 'account = "vneid-muc-2"', 'account = "none"')
    assert errors(root) == []
    edit(root, PROC, 'account = "none"', 'account = "vneid-muc-3"')
    assert named(errors(root), PROC, "account", "none")


@pytest.mark.usefixtures("kiosk_home")
def test_the_command_prints_the_expiry_warning_and_exits_0(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`catalog check --as-of` shows the warning line; warnings never fail the command."""
    with_period(root)
    assert run_cli("catalog", "check", "--root", str(root), "--as-of", "2027-02-10") == 0
    out = capsys.readouterr().out
    assert f"{PROC}: fee.periods[0].valid_until: warning: ends on 2027-02-28" in out
    assert "0 errors, 1 warnings" in out


# -- step pictures: the procedure they are drawn for, and the fee they show --------------------

SECOND = "procedures/thu-nghiem-hai.toml"
SECOND_NAME = "Đăng ký thử nghiệm hai"


def picture(root: Path, name: str, *lines: str, procedure: str | None = None) -> str:
    """Write a step picture into the fixture's images folder; returns its path for `image`."""
    label = f' data-procedure="{procedure}"' if procedure else ""
    texts = "".join(
        f'<text x="20" y="{40 + 30 * i}" font-family="Noto Sans" font-size="22">{line}</text>'
        for i, line in enumerate(lines)
    )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"{label} viewBox="0 0 640 400">{texts}</svg>'
    (root.parent / "images" / "steps" / name).write_text(svg, encoding="utf-8")
    return f"steps/{name}"


def show(root: Path, image: str) -> None:
    """Give the sample procedure's own step (steps[1]) the picture `image`."""
    write(root, PROC, re.sub(r'image = "[^"]+"', f'image = "{image}"', sample()))


@pytest.fixture
def two(root: Path) -> Path:
    """The fixture with a second procedure, so a picture can be labelled for the other one."""
    name = f'name = {{ vi = "{SECOND_NAME}", en = "Second test" }}'
    write(root, SECOND, sample("thu-nghiem-hai", name=name))
    return root


def test_a_picture_labelled_for_another_procedure(two: Path) -> None:
    """data-procedure="thu-nghiem-hai" on a picture shown in 'thu-nghiem' is an error there."""
    show(two, picture(two, "khac.svg", "Tờ khai", procedure="thu-nghiem-hai"))
    assert named(errors(two), PROC, "steps[1].image", "labelled for procedure 'thu-nghiem-hai'")


def test_a_picture_showing_another_procedures_name(two: Path) -> None:
    """A form whose text line is another procedure's official name is labelled for that one."""
    show(two, picture(two, "ten-khac.svg", "Nội dung đề nghị", SECOND_NAME))
    assert named(errors(two), PROC, "steps[1].image", f"shows the name '{SECOND_NAME}'")


def test_a_picture_labelled_for_its_own_procedure_is_fine(two: Path) -> None:
    """Declared or shown, a label that matches the step's procedure passes."""
    show(two, picture(two, "dung.svg", "Đăng ký thử nghiệm", procedure="thu-nghiem"))
    assert errors(two) == []


def test_a_label_that_names_no_procedure(root: Path) -> None:
    """A typo in data-procedure is caught, not silently ignored."""
    show(root, picture(root, "go-sai.svg", "Tờ khai", procedure="dang-ky-tam-truu"))
    assert named(errors(root), PROC, "steps[1].image", "no procedure id")


def test_a_shared_step_picture_must_not_be_labelled(two: Path) -> None:
    """A shared piece appears in many procedures; a labelled picture there is named in it."""
    image = picture(two, "chung.svg", "Tra cứu", procedure="thu-nghiem")
    edit(two, "shared/tra-cuu-ho-so.toml", 'image = "steps/tra-cuu.svg"', f'image = "{image}"')
    assert named(errors(two), "shared/tra-cuu-ho-so.toml", "steps[0].image", "other procedure(s)")


def test_a_picture_showing_a_fee_the_procedure_does_not_charge(root: Path) -> None:
    """A payment picture may show the procedure's own amount (7.000 đ here), not another."""
    show(root, picture(root, "dung-tien.svg", "Số tiền:", "7.000 đ"))
    assert errors(root) == []
    show(root, picture(root, "sai-tien.svg", "Số tiền:", "15.000 đ"))
    assert named(errors(root), PROC, "steps[1].image", "shows 15.000 đ")


def test_an_unreadable_picture_is_an_error(root: Path) -> None:
    """A step picture that is not well-formed SVG is reported, not skipped."""
    (root.parent / "images" / "steps" / "hong.svg").write_text("<svg><text>", encoding="utf-8")
    show(root, "steps/hong.svg")
    assert named(errors(root), PROC, "steps[1].image", "cannot be read as SVG")


def test_broken_toml(root: Path) -> None:
    """A file that is not TOML is reported with the parser's complaint, field '(toml)'."""
    write(root, "procedures/hong.toml", 'id = "hong"\nname = { vi = "Thiếu ngoặc"\n')
    assert named(errors(root), "procedures/hong.toml", "(toml)", "not valid TOML")


def test_every_missing_required_field_is_named(root: Path) -> None:
    """All missing fields are reported at once, not just the first the loader met."""
    write(root, PROC, sample(summary="", who="", checked=""))
    problems = errors(root)
    for field in ("summary", "who", "checked"):
        assert named(problems, PROC, field, "missing"), field


def test_step_without_body_is_named(root: Path) -> None:
    """A step needs a title and a body (or `use`)."""
    edit(root, PROC, 'body = "Kiểm tra lại từng dòng trước khi gửi đi."\n', "")
    assert named(errors(root), PROC, "steps[2].body", "missing")


@pytest.mark.parametrize(
    ("key", "line", "field"),
    [
        ("category", 'category = "thu-cung"', "category"),
        ("agency", 'agency = "ubnd-quan"', "agency"),
        ("portals", 'portals = ["dvc-quoc-gia", "cong-la"]', "portals[1]"),
    ],
)
def test_unknown_category_agency_or_portal(root: Path, key: str, line: str, field: str) -> None:
    """Ids not declared in catalog.toml are rejected at their field."""
    write(root, PROC, sample(**{key: line}))
    assert named(errors(root), PROC, field, "unknown")


def test_fewer_than_four_steps_after_expanding_shared_pieces(root: Path) -> None:
    """Shared pieces count with all their steps; below 4 in total is an error at `steps`."""
    steps = '[[steps]]\ntitle = "Điền tờ khai"\nbody = "Kiểm tra lại từng dòng trước khi gửi."'
    write(root, PROC, sample(steps=steps))
    assert named(errors(root), PROC, "steps", "only 1 steps")
    pieces = len((root / "shared" / "dang-nhap-vneid.toml").read_text().split("[[steps]]")) - 1
    if pieces >= 3:  # one shared piece of 3+ steps plus one step of its own is enough
        write(root, PROC, sample(steps='[[steps]]\nuse = "dang-nhap-vneid"\n\n' + steps))
        assert not named(errors(root), PROC, "steps")


@pytest.mark.usefixtures("kiosk_home")
def test_old_check_date_is_a_warning_with_a_configurable_age(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Facts checked more than --max-age-days ago warn (exit stays 0); a longer age silences it."""
    write(root, PROC, sample(checked="checked = 2024-01-15"))
    assert named(warnings(root), PROC, "checked", "2024-01-15")
    assert warnings(root, max_age_days=2000) == []
    as_of = ["--as-of", TODAY.isoformat()]
    assert run_cli("catalog", "check", "--root", str(root), "--max-age-days", "30", *as_of) == 0
    out = capsys.readouterr().out
    assert f"{PROC}: checked: warning: " in out
    assert out.splitlines()[-2].endswith("0 errors, 1 warnings")


def test_old_source_date_is_a_warning(root: Path) -> None:
    """Each source's check date is looked at too."""
    write(
        root, PROC, sample(sources='[[sources]]\ntitle = "Luật Hộ tịch 2014"\nchecked = 2020-05-01')
    )
    assert named(warnings(root), PROC, "sources[0].checked")


def test_vietnamese_text_without_diacritics_is_a_warning(root: Path) -> None:
    """A sentence typed without accents warns at its field; codes and short strings do not."""
    write(
        root,
        PROC,
        sample(
            summary='summary = { vi = "Mot thu tuc mau de thu bo kiem tra.", en = "A sample." }'
        ),
    )
    found = warnings(root)
    assert named(found, PROC, "summary.vi", "diacritics")
    assert len(found) == 1  # tip = "VNeID", everyday word "KT3" and English text are not flagged
    assert errors(root) == []


@pytest.mark.usefixtures("kiosk_home")
def test_errors_exit_1_and_print_file_field_message(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any error makes the command exit 1; each problem is one `file: field: message` line."""
    write(root, PROC, sample(category='category = "thu-cung"'))
    assert run_cli("catalog", "check", "--root", str(root), "--as-of", TODAY.isoformat()) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"{PROC}: category: unknown category 'thu-cung' (see catalog.toml)" in lines
    assert SUMMARY.match(lines[-2]) and lines[-2].endswith("1 errors, 0 warnings")


def test_a_broken_index_is_reported_not_raised(root: Path) -> None:
    """If catalog.toml itself is broken, the check still returns problems (no exception)."""
    write(root, "catalog.toml", "version = [\n")
    report = run_check(root, today=TODAY)
    assert report.catalog is None
    assert named(report.problems, "catalog.toml", "(toml)")
    assert report.summary().startswith("0 procedures (0 UBND, 0 Công an), 0 steps, ")


@pytest.mark.usefixtures("kiosk_home")
def test_search_command_prints_hits_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`catalog search` on the real catalog prints ranked lines, or JSON with --json."""
    assert run_cli("catalog", "search", "tam tru", "--limit", "2") == 0
    out = capsys.readouterr().out.splitlines()
    assert 1 <= len(out) <= 2 and "dang-ky-tam-tru" in out[0]
    assert run_cli("catalog", "search", "lam so do", "--json") == 0
    assert '"not_offered": "Việc cấp sổ đỏ' in capsys.readouterr().out


@pytest.mark.usefixtures("kiosk_home")
def test_the_shipped_catalog_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """The real catalog has no errors on any day (`catalog check` exits 0), and no warnings on
    the day it says it was updated: every fact was checked for that release.

    Ages are counted from the catalog's own `updated` date, not today: a check date growing old
    is a reminder for the content team (a warning, shown by `catalog check` on the day), not a
    broken build; the test must pass in 2030 as on release day.
    """
    root = resources_dir() / "catalog"
    updated = load_catalog_index(root).updated
    problems = check_catalog(root, today=updated)
    assert [str(p) for p in problems] == []
    assert run_cli("catalog", "check") == 0  # on the real day: old facts warn, never fail
    summary, facts = capsys.readouterr().out.splitlines()[-2:]
    assert SUMMARY.match(summary) and " 0 errors" in summary
    # Item 4 of #22: no fact of the shipped catalog is marked confirmed without its quote.
    assert re.fullmatch(
        r"Facts: \d+ confirmed with a quote, 0 confirmed without a quote, \d+ not confirmed", facts
    )
