"""Room for the portal at every text size: at 'Lớn' and 'Rất lớn' the guide folds to a slim
strip by itself (a tap opens it again), and each new portal page opens where its content
starts, past the portal's ~370 px banner. Clicked with the real pointer (tests/x_input.py);
with DVC_SHOTS set, each size's screen is saved there as a PNG to look at."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.fake_portal import FakePortal
from tests.resident_journey import marked, step_titled
from tests.ui.portal.conftest import PortalDriver
from tests.x_input import click_at, needs_x

pytestmark = needs_x

BANNER_PX = 370  # the national portal's header, measured on its pages (issue #19, item 2)


@pytest.fixture
def portal(foreign: FakePortal) -> Iterator[FakePortal]:
    """The fake portal with the real one's tall header above every page's content."""
    site = FakePortal.start(foreign_url=foreign.origin, banner_px=BANNER_PX)
    yield site
    site.stop()


def centre(widget: QWidget) -> Any:
    return widget.mapToGlobal(widget.rect().center())


AT_CONTENT = (
    "(() => { const r = document.querySelector('h1').getBoundingClientRect();"
    " const end = Math.abs(scrollY + innerHeight - document.documentElement.scrollHeight) < 2;"
    " return scrollY > 0 && r.top >= 0 && r.bottom <= innerHeight && (r.top < 40 || end); })()"
)  # scrolled past the banner: the heading in view, at the top or as far as the page goes


def shoot(tmp_path: Path, name: str) -> None:
    shots = Path(os.environ.get("DVC_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    QTest.qWait(400)  # the web view's last frame on screen
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(shots / f"{name}.png"))


@pytest.mark.parametrize(("size", "folded"), [("normal", False), ("large", True), ("xlarge", True)])
def test_the_guide_folds_at_large_text_and_pages_open_at_their_content_real_input(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    tmp_path: Path,
    size: str,
    folded: bool,
) -> None:
    driver = portal_kiosk()
    window = driver.window
    window.resize(1366, 768)
    driver.wizard.set_text_size(size)
    driver.to_step()
    driver.press_portal_button()
    guide = window.portal.page().guide
    assert guide.folded is folded
    for button in (guide.open_button, guide.fold_button, guide.next, guide.back, guide.leave):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), f"{button.text()} is clipped"
    assert guide.strip.isVisible() is folded and guide.full.isVisible() is not folded
    assert guide.strip_progress.text() == guide.progress.text()  # "Bước 1/N" either way
    # The page opened at its content, not on the banner.
    driver.wait_for(AT_CONTENT)
    shoot(tmp_path, f"portal-{size}-arrival")

    view = driver.view
    width_now = view.width()
    toggle = guide.open_button if folded else guide.fold_button
    click_at(centre(toggle))
    qtbot.waitUntil(lambda: guide.folded is not folded)
    qtbot.waitUntil(lambda: view.width() != width_now)
    if folded:
        assert view.width() < width_now, "opening the guide takes room from the page"
    else:
        assert view.width() > width_now, "folding the guide gives the page its room"
    shoot(tmp_path, f"portal-{size}-toggled")

    # The resident's choice holds on the next page, which also opens at its content.
    driver.go("/login")
    driver.wait_for(AT_CONTENT)
    assert guide.folded is not folded


def test_a_page_she_has_scrolled_is_left_where_she_put_it_real_input(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """The kiosk moves a page only when it has just loaded and is still at its top."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.wait_for("window.scrollY > 0")
    driver.js("window.scrollTo(0, 0)")  # she scrolls back up to read the banner
    qtbot.wait(500)
    assert driver.js("window.scrollY") == 0


def test_the_guides_buttons_say_they_move_the_guide_real_input(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """Beside the portal there is no second bare «Tiếp tục»: the guide's buttons name the
    guide, and a real click on them moves the guide's step only."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    guide = window_guide = driver.window.portal.page().guide
    assert not window_guide.folded
    assert guide.next.text().replace("\n", " ") == "Bước sau của hướng dẫn ›"
    assert guide.back.text() == "‹ Bước trước"
    assert not guide.back.isEnabled(), "no step before the first"
    for button in (guide.next, guide.back, guide.leave):
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is clipped"
    path = driver.js("location.pathname")
    click_at(centre(guide.next))
    qtbot.waitUntil(lambda: driver.wizard.view.step_index == 1)
    assert guide.progress.text().startswith("Bước 2/")
    assert driver.js("location.pathname") == path, "the portal's page did not move"


def field_rect_on_screen(driver: PortalDriver, element_id: str) -> tuple[int, int]:
    """The top and bottom of a page's field, in screen pixels."""
    top, bottom = driver.js(
        f"(() => {{ const r = document.getElementById({element_id!r}).getBoundingClientRect();"
        " return [r.top, r.bottom]; })()"
    )
    zoom = driver.view.zoomFactor()
    origin = driver.view.mapToGlobal(driver.view.rect().topLeft()).y()
    return origin + round(top * zoom), origin + round(bottom * zoom)


def test_the_on_screen_keyboard_never_covers_the_field_she_types_in_real_input(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], tmp_path: Path
) -> None:
    """At 'Rất lớn' the name field sits at the bottom of the view when she opens the keyboard
    and taps it: the page ends above the keys and the field moves up into what is left; her
    taps on the keys type 'Nguyễn' into it, echoed large above the keys."""
    driver = portal_kiosk()
    window = driver.window
    window.resize(1366, 768)
    driver.wizard.set_text_size("xlarge")
    driver.to_step()
    driver.press_portal_button()
    driver.log_in()  # to the form's first page
    driver.js(
        "(() => { const gap = document.createElement('div'); gap.style.height = '900px';"
        " document.getElementById('name').parentNode.before(gap);"
        " document.getElementById('name').scrollIntoView({block: 'end'}); return 1; })()"
    )
    split = window.portal.page()
    keyboard = split.typing.keyboard
    click_at(centre(split.typing.switch.keyboard_button))
    _top, bottom = field_rect_on_screen(driver, "name")
    assert bottom > window.mapToGlobal(window.rect().bottomLeft()).y() - 400, "field low"
    at = driver.view.mapToGlobal(driver.view.rect().topLeft())
    x = driver.js("document.getElementById('name').getBoundingClientRect().left + 20")
    top_now, bottom_now = field_rect_on_screen(driver, "name")
    click_at(type(at)(at.x() + round(x * driver.view.zoomFactor()), (top_now + bottom_now) // 2))
    qtbot.waitUntil(keyboard.isVisible)
    keys_top = keyboard.mapToGlobal(keyboard.rect().topLeft()).y()

    def field_above_the_keys() -> bool:
        top, bottom = field_rect_on_screen(driver, "name")
        return bottom <= keys_top and top >= driver.view.mapToGlobal(driver.view.pos()).y() - 1

    qtbot.waitUntil(field_above_the_keys, timeout=10_000)
    assert driver.view.mapToGlobal(driver.view.rect().bottomLeft()).y() <= keys_top
    click_at(centre(keyboard.keys["shift"]))
    for key in "nguyeenx":
        click_at(centre(keyboard.keys[key]))
    driver.wait_for("document.getElementById('name').value === 'Nguyễn'")
    assert keyboard.echo_line.text() == "Nguyễn"
    assert keyboard.echo_line.width() >= keyboard.echo_line.fontMetrics().horizontalAdvance(
        "Nguyễn"
    )
    shoot(tmp_path, "portal-xlarge-keyboard")
    click_at(centre(keyboard.keys["hide"]))
    qtbot.waitUntil(lambda: not keyboard.isVisible())
    assert keyboard.echo.text == "", "the echo is forgotten with the keyboard"


def test_the_guide_offers_to_follow_the_portal_and_moves_when_asked_real_input(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], real_catalog: Any, tmp_path: Path
) -> None:
    """She is on step 1 of the guide while the portal reaches its form: the guide says which
    step the portal is on and moves there on her tap — not before; then the two agree."""
    driver = portal_kiosk(catalog=marked(real_catalog))
    form = step_titled(real_catalog, "Điền tờ khai CT01")
    driver.window.resize(1366, 768)
    driver.to_step()
    driver.press_portal_button()
    guide = driver.window.portal.page().guide
    assert not guide.follow_box.isVisible()
    driver.log_in()  # the portal goes /login → /otp → /form/1 while the guide stays put
    qtbot.waitUntil(guide.follow_box.isVisible)
    assert driver.wizard.view.step_index == 0, "the guide never moves by itself"
    assert guide.follow_text.text() == (
        f"Cổng đang ở bước {form + 1}: Điền tờ khai CT01 — chuyển hướng dẫn?"
    )
    button = guide.follow_button
    assert button.text() == f"Chuyển tới bước {form + 1} ›"
    assert button.width() >= button.sizeHint().width(), "the offer's button is clipped"
    shoot(tmp_path, "portal-follow-offer")
    click_at(centre(guide.follow_button))
    qtbot.waitUntil(lambda: driver.wizard.view.step_index == form)
    qtbot.waitUntil(lambda: not guide.follow_box.isVisible())
    assert guide.offered is None
    assert guide.progress.text().startswith(f"Bước {form + 1}/")


def test_folded_the_strip_carries_the_offer_and_stays_a_strip_real_input(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], real_catalog: Any, tmp_path: Path
) -> None:
    """At 'Rất lớn' the guide is folded: the offer comes as one button in the strip ('Cổng ở
    bước N ›'), the page keeps its width, and a tap moves the guide."""
    driver = portal_kiosk(catalog=marked(real_catalog))
    window = driver.window
    window.resize(1366, 768)
    driver.wizard.set_text_size("xlarge")
    form = step_titled(real_catalog, "Điền tờ khai CT01")
    driver.to_step()
    driver.press_portal_button()
    guide = window.portal.page().guide
    assert guide.folded
    driver.log_in()
    qtbot.waitUntil(guide.strip_follow.isVisible)
    assert guide.folded, "the offer does not open the guide"
    assert guide.strip_follow.text().replace("\n", " ") == f"Cổng ở bước {form + 1} ›"
    for button in (guide.strip_follow, guide.open_button):
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is clipped"
    shoot(tmp_path, "portal-xlarge-strip-offer")
    click_at(centre(guide.strip_follow))
    qtbot.waitUntil(lambda: driver.wizard.view.step_index == form)
    qtbot.waitUntil(lambda: not guide.strip_follow.isVisible())
    assert guide.folded
