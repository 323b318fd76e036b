"""The accessibility rules of DESIGN.md, read from the theme and from laid-out widgets.

Lowering a token (a colour, a font size, a target size) below the rule makes these fail.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from ui import theme


@pytest.mark.parametrize(("fg", "bg"), theme.TEXT_PAIRS)
def test_every_text_colour_pair_reaches_7_to_1(fg: str, bg: str) -> None:
    """WCAG AAA: 7:1 for every foreground/background pair the stylesheet uses."""
    ratio = theme.contrast(theme.COLORS[fg], theme.COLORS[bg])
    assert ratio >= theme.MIN_CONTRAST, f"{fg} on {bg}: {ratio:.2f}:1"


def test_contrast_formula_matches_wcag() -> None:
    """Black on white is 21:1, white on white 1:1 — so the check above can fail."""
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#ffffff") < 7


def test_font_and_target_tokens_respect_the_minimums() -> None:
    """Body text ≥ 20 px at the normal size; every touch target token ≥ 56 px."""
    assert min(theme.FONT_PX.values()) >= theme.MIN_TEXT_PX
    assert min(theme.TARGET_PX.values()) >= theme.MIN_TARGET_PX


def test_larger_sizes_scale_by_a_quarter_and_a_half() -> None:
    """Lớn is 1.25× and Rất lớn 1.5× the normal size."""
    assert theme.tokens("large")["font_body"] == f"{round(theme.FONT_PX['body'] * 1.25)}px"
    assert theme.tokens("xlarge")["font_body"] == f"{round(theme.FONT_PX['body'] * 1.5)}px"


def test_stylesheet_has_no_unfilled_placeholders() -> None:
    """Every {{ token }} in the stylesheet template has a value."""
    sheet = theme.render_stylesheet()
    assert "{{" not in sheet and "}}" not in sheet


def _visible(root: QWidget, kind: type) -> list[Any]:
    return [w for w in root.findChildren(kind) if w.isVisible() and w.width() > 0]


SCREENS = ("home", "choose", "overview", "step", "practice", "finish")


@pytest.mark.parametrize("size", ["normal", "large", "xlarge"])
def test_laid_out_widgets_meet_the_rules_on_every_screen(make_kiosk: Any, size: str) -> None:
    """On every screen, each visible button and field is ≥ 56 px tall and wide enough to touch,
    and each visible text is ≥ 20 px — measured on the real widgets after layout."""
    kiosk = make_kiosk()
    wizard, window = kiosk.wizard, kiosk.window
    wizard.set_text_size(size)
    actions = {
        "home": lambda: None,
        "choose": wizard.start,
        "overview": lambda: wizard.choose("dang-ky-tam-tru"),
        "step": wizard.begin_steps,
        "practice": lambda: wizard.open_practice("cccd"),
        "finish": lambda: (wizard.close_practice(), *[wizard.next() for _ in range(20)]),
    }
    for screen in SCREENS:
        actions[screen]()
        QApplication.processEvents()
        page = window.stack.currentWidget()
        roots = [page, window.help_button.parentWidget()]
        for root in roots:
            for target in _visible(root, QAbstractButton) + _visible(root, QLineEdit):
                if target.property("role") == "key-small":
                    continue
                assert target.height() >= theme.MIN_TARGET_PX, (screen, target.objectName())
                assert target.width() >= theme.MIN_TARGET_PX, (screen, target.objectName())
            for text in _visible(root, QLabel):
                if text.text():
                    px = text.font().pixelSize()
                    assert px >= theme.MIN_TEXT_PX, (screen, text.text()[:30], px)


@pytest.mark.parametrize("size", ["normal", "large", "xlarge"])
def test_the_home_screen_fits_1280x800_at_every_text_size(make_kiosk: Any, size: str) -> None:
    """Whatever text size a resident picked, the home screen shows 'Bắt đầu' and all three
    choices (language, text size, read-aloud) without scrolling, so 'Rất lớn' picked by mistake
    can be undone at once. Measured with the demo notice shown, the tallest case."""
    kiosk = make_kiosk()
    home = kiosk.window.pages["home"]
    home.set_speech_available(True)
    kiosk.wizard.set_text_size(size)
    QApplication.processEvents()
    assert home.demo.isVisible(), "the demo notice takes room too"
    scroll = home.findChild(QScrollArea)
    viewport = scroll.viewport()
    for widget in [home.start, *home.size_group.buttons(), *home.speech_group.buttons()]:
        assert widget.isVisible()
        bottom = widget.mapTo(viewport, widget.rect().bottomLeft()).y()
        assert bottom <= viewport.height(), (size, widget.text(), bottom, viewport.height())
    assert scroll.verticalScrollBar().maximum() == 0, "nothing to scroll to"


@pytest.mark.parametrize("size", ["normal", "xlarge"])
def test_screens_scroll_only_as_far_as_their_text_reaches(make_kiosk: Any, size: str) -> None:
    """A scrolling screen is as tall as its wrapped text at the width it has, not as tall as
    that text would be at its narrowest (the overview scrolled through ~300 px of nothing)."""
    kiosk = make_kiosk()
    wizard = kiosk.wizard
    wizard.set_text_size(size)
    for show in (wizard.start, lambda: wizard.choose("dang-ky-tam-tru"), wizard.begin_steps):
        show()
        QApplication.processEvents()
        page = kiosk.window.stack.currentWidget()
        for area in page.findChildren(QScrollArea):
            if not area.isVisible():
                continue
            content = area.widget()
            needed = max(area.viewport().height(), content.heightForWidth(content.width()))
            assert content.height() == needed, (wizard.view.screen, content.height(), needed)
