"""One language everywhere: every screen, the footer, the volunteer panel and Qt's own context
menus speak the resident's language, never a mix (issue: 'Chưa gửi' and the panel stayed
Vietnamese in English mode; the search field's menu was English in Vietnamese mode)."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.catalog.model import Catalog, Fee, ProcessingTime, Text
from kiosk.cccd import PROVINCE_NOW, PROVINCES
from kiosk.protocol import Language
from tests.ui.screen_checks import on_top, shown, visible_texts
from ui.screenshots import walk_every_screen, walk_volunteer_panel

# Letters only Vietnamese uses: đ, the hats and horns, and any tone mark.
_VIETNAMESE_BASE = set("ăâđêôơưĂÂĐÊÔƠƯ")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# English words that are not also Vietnamese syllables written without marks ("to", "in",
# "do", "an", "hay", "con" … are Vietnamese too, so they are not here).
ENGLISH_WORDS = frozenset(
    re.findall(
        r"[a-z]+",
        """
        the and of you your are for with this that from not please back next step steps start
        search copy paste undo redo delete select all scroll here top bottom page edge left right
        close cancel help volunteer send sent records record done finish print check practice fee
        free online portal account level yes stay leave mode language size text large normal read
        aloud off call when what where who how time result official documents prepare last today
        session sessions error catalog version updated content wrong report reason picture
        information checked date there still answer again clear number phone password code
        procedure procedures ward police people committee temporary residence birth easy hard very
        """,
    )
)
# Names written the same in both languages: a language named in its own language, places.
PROPER_NAMES = (
    "Tiếng Việt",
    *sorted({*PROVINCES.values(), *PROVINCE_NOW.values()}, key=len, reverse=True),
)


def vietnamese(text: str, quoted: tuple[str, ...] = ()) -> bool:
    """Whether `text` has a letter only Vietnamese writes, outside proper names and the
    `quoted` texts."""
    for name in (*quoted, *PROPER_NAMES):
        text = text.replace(name, "")
    # “…”: the words of a Vietnamese-only screen the resident will meet (the real portal).
    text = re.sub(r"“[^”]*”", "", text)
    text = re.sub(r"\d[\d.]* đ\b", "", text)  # money: '30.000 đ' in both languages
    decomposed = unicodedata.normalize("NFD", text)
    return any(c in _VIETNAMESE_BASE for c in text) or any(c in _TONES for c in decomposed)


def english(text: str) -> bool:
    """Whether `text` has a common English word (menu accelerators '&' and shortcuts ignored)."""
    text = text.split("\t")[0].replace("&", "")
    return any(word.lower() in ENGLISH_WORDS for word in re.findall(r"[A-Za-z]+", text))


def english_content(catalog: Catalog) -> tuple[str, ...]:
    """Every English text of the catalog, longest first. Content may quote the Vietnamese
    words a resident will meet ('Land-use certificates (sổ đỏ / sổ hồng)'): the content
    stream writes it; this test checks the words the kiosk itself puts around it."""
    found: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, Text):
            if item.en:
                found.add(item.en)
        elif isinstance(item, Fee | ProcessingTime) and item.basis:
            found.add(item.basis)  # the legal basis: a law's Vietnamese title, as cited
            walk(dataclasses.replace(item, basis=None))
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            for f in dataclasses.fields(item):
                walk(getattr(item, f.name))
        elif isinstance(item, list | tuple):
            for value in item:
                walk(value)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)

    walk(catalog)
    return tuple(sorted(found, key=len, reverse=True))


def wrong_language(texts: list[str], language: str, quoted: tuple[str, ...] = ()) -> list[str]:
    """The strings that are in the other language."""
    if language == Language.EN.value:
        return [t for t in texts if vietnamese(t, quoted)]
    return [t for t in texts if english(t)]


def menus_of(root: QWidget) -> Iterator[str]:
    """The words of Qt's own context menus a resident can open here (text fields), and of the
    scroll bar's menu, as Qt would build them now."""
    for field in root.findChildren(QLineEdit):
        if shown(field) and field.contextMenuPolicy().name == "DefaultContextMenu":
            menu = field.createStandardContextMenu()
            yield from (a.text() for a in menu.actions() if a.text())
            menu.deleteLater()
    for words in ("Scroll here", "Top", "Bottom", "Page up", "Page down", "Left edge"):
        yield QCoreApplication.translate("QScrollBar", words)


def test_the_language_check_sees_both_languages() -> None:
    """The detector itself: a Vietnamese sentence, an English one, and names that are both."""
    assert vietnamese("Chưa gửi: 3") and not english("Chưa gửi: 3")
    assert english("Not sent: 3") and not vietnamese("Not sent: 3")
    assert english("&Copy\tCtrl+C") and not english("Đọc to")
    assert not vietnamese("Tiếng Việt") and not vietnamese("born in TP. Hồ Chí Minh")
    assert not vietnamese("In person: 30.000 đ") and vietnamese("Online: miễn phí")


@pytest.mark.parametrize("language", [Language.VI.value, Language.EN.value])
def test_every_screen_and_the_panel_speak_one_language(
    qtbot: Any, journal_kiosk: Any, language: str
) -> None:
    """Walk every screen, the footer, Qt's context menus and every page of the volunteer
    panel in `language`; any string in the other language fails, named with its screen."""
    from ui.sync_hookup import start_sync

    kiosk, _hookup, _driver = journal_kiosk()
    start_sync(kiosk)  # offline demo: only the footer's 'Chưa gửi: N'
    bridge = kiosk.sync
    window = kiosk.window
    try:
        qtbot.waitUntil(lambda: bool(window.sync_label.text()), timeout=10_000)
        found: list[str] = []
        quoted = english_content(kiosk.wizard.catalog)

        def check(name: str) -> None:
            for _ in range(3):
                QApplication.processEvents()
            seen = on_top(window)
            texts = visible_texts(seen) + list(menus_of(seen))  # the footer is in the window
            found.extend(f"{name}: {t!r}" for t in wrong_language(texts, language, quoted))

        walk_every_screen(kiosk, language, "normal", check)
        kiosk.wizard.set_language(language)
        walk_volunteer_panel(kiosk, check)
        assert found == [], "\n".join(found)
    finally:
        bridge.stop()  # type: ignore[attr-defined]
