"""Checks for the bundled illustrations (resources/images) and fonts (resources/fonts).

Every SVG must load in QtSvg (which renders SVG Tiny 1.2), declare a viewBox and draw
something; the step illustrations that content refers to must all exist; the bundled
Noto Sans files must load in Qt and cover Vietnamese.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "resources" / "images"
FONTS = ROOT / "resources" / "fonts"

STEP_NAMES = [
    "dvc-dang-nhap",
    "vneid-dang-nhap",
    "vneid-qr",
    "dvc-tim-kiem",
    "nop-truc-tuyen",
    "to-khai-ct01",
    "to-khai",
    "tai-len",
    "thanh-toan",
    "tra-cuu",
    "vneid-kich-hoat-pc",
    "vneid-otp",
    "vneid-mat-khau",
    "vneid-app",
    "vneid-muc-2",
    "chup-giay-to",
    "nhan-ket-qua",
    "ky-ten",
    "kham-suc-khoe",
    "xe-may",
    "lien-thong",
]
CATEGORY_NAMES = [
    "ho-tich",
    "cu-tru",
    "can-cuoc",
    "xe-gplx",
    "ho-kinh-doanh",
    "xay-dung",
    "chung-thuc",
    "xuat-nhap-canh",
    "khac",
]
FONT_FILES = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"]
VIETNAMESE_SAMPLE = "ạệừđĐẢẫỗữỹ"

ALL_SVGS = sorted(IMAGES.rglob("*.svg"))
# Features QtSvg (SVG Tiny 1.2) ignores or renders wrongly.
UNSUPPORTED = ["<filter", "<mask", "<style", "<foreignObject", "<textPath", "<clipPath", " class="]


@pytest.fixture
def app(monkeypatch, request):
    """A QGuiApplication on the offscreen platform with the bundled fonts registered."""
    import os

    if "QT_QPA_PLATFORM" not in os.environ:
        monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    qapp = request.getfixturevalue("qapp")
    from PySide6.QtGui import QFontDatabase

    for name in FONT_FILES:
        QFontDatabase.addApplicationFont(str(FONTS / name))
    return qapp


def _rel(path: Path) -> str:
    return path.relative_to(IMAGES).as_posix()


def test_expected_files_exist():
    missing = [
        f"steps/{n}.svg" for n in STEP_NAMES if not (IMAGES / "steps" / f"{n}.svg").is_file()
    ]
    missing += [
        f"categories/{n}.svg"
        for n in CATEGORY_NAMES
        if not (IMAGES / "categories" / f"{n}.svg").is_file()
    ]
    if not (IMAGES / "logo.svg").is_file():
        missing.append("logo.svg")
    assert not missing, f"missing illustrations: {missing}"


@pytest.mark.parametrize("svg_path", ALL_SVGS, ids=_rel)
def test_svg_source_is_tiny_friendly(svg_path: Path):
    src = svg_path.read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*\sviewBox="[-\d.\s]+"', src), "root <svg> needs a viewBox"
    used = [feature for feature in UNSUPPORTED if feature in src]
    assert not used, f"features QtSvg does not render: {used}"
    for family in re.findall(r'font-family="([^"]*)"', src):
        assert family == "Noto Sans", f"use the bundled font, not {family!r}"


@pytest.mark.parametrize("svg_path", sorted((IMAGES / "steps").glob("*.svg")), ids=_rel)
def test_step_labels_are_large_and_layout_landscape(svg_path: Path):
    src = svg_path.read_text(encoding="utf-8")
    assert 'viewBox="0 0 640 400"' in src
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', src)]
    assert all(s >= 22 for s in sizes), f"labels smaller than 22: {sorted(set(sizes))}"


@pytest.mark.parametrize("svg_path", ALL_SVGS, ids=_rel)
def test_svg_renders_in_qt(app, svg_path: Path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_path))
    assert renderer.isValid()
    box = renderer.viewBoxF()
    assert box.width() > 0 and box.height() > 0

    width = 320
    height = max(1, round(width * box.height() / box.width()))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()

    colours = set()
    drawn = 0
    samples = 0
    for y in range(0, height, 4):
        for x in range(0, width, 4):
            pixel = image.pixel(x, y)
            samples += 1
            if pixel >> 24:  # alpha > 0
                drawn += 1
                colours.add(pixel)
    assert drawn > samples * 0.2, "illustration is (almost) blank"
    assert len(colours) >= 2, "illustration is a single flat colour"


def test_font_licence_present():
    text = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Copyright" in text


@pytest.mark.parametrize("name", FONT_FILES)
def test_bundled_font_loads_and_covers_vietnamese(app, name: str):
    from PySide6.QtGui import QFont, QFontDatabase, QRawFont

    path = FONTS / name
    assert path.is_file()
    font_id = QFontDatabase.addApplicationFont(str(path))
    assert font_id >= 0, f"Qt could not load {name}"
    families = QFontDatabase.applicationFontFamilies(font_id)
    assert "Noto Sans" in families
    assert QFontDatabase.WritingSystem.Vietnamese in QFontDatabase.writingSystems("Noto Sans")

    raw = QRawFont(str(path), 24)
    assert raw.isValid()
    missing = [ch for ch in VIETNAMESE_SAMPLE if not raw.supportsCharacter(ord(ch))]
    assert not missing, f"{name} lacks {missing}"
    if "Bold" in name:
        assert raw.weight() >= QFont.Weight.Bold


def test_logo_png_is_the_svg_drawn_at_logo_size(app):
    """The top bar shows logo.png (fast at start-up); it must still be what logo.svg draws.

    After editing the SVG: `python -m ui.widgets.logo`."""
    from PySide6.QtGui import QImage

    from ui.widgets.logo import LOGO_PX, logo_pixmap, render_logo

    drawn = render_logo()
    shipped = QImage(str(IMAGES / "logo.png"))
    assert drawn is not None and not shipped.isNull()
    assert shipped.width() == shipped.height() == LOGO_PX
    fresh = drawn.toImage().convertToFormat(shipped.format())
    worst = max(
        abs(a - b)
        for y in range(LOGO_PX)
        for x in range(LOGO_PX)
        for a, b in zip(
            fresh.pixelColor(x, y).getRgb(), shipped.pixelColor(x, y).getRgb(), strict=True
        )
    )
    assert worst <= 24, "logo.png differs from logo.svg: run `python -m ui.widgets.logo`"
    top_bar_logo = logo_pixmap()
    assert top_bar_logo is not None
    assert top_bar_logo.toImage().convertToFormat(shipped.format()) == shipped
