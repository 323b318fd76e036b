"""Read-aloud with QTextToSpeech, only where a Vietnamese voice exists (hidden otherwise).

Linux: speech-dispatcher + espeak-ng; Windows: SAPI. Started after the first paint because
engines can take a moment to load.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale

log = logging.getLogger(__name__)


class Speaker:
    """Speaks a text in Vietnamese (or English) if the platform has a matching voice."""

    def __init__(self) -> None:
        self.available = False
        self.vietnamese = False
        self.engine = None
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            log.info("read-aloud unavailable: QtTextToSpeech is not installed")
            return
        # "mock" is Qt's test engine: it speaks to nobody, so it never counts as a voice.
        engines = [e for e in QTextToSpeech.availableEngines() if e != "mock"]
        if not engines:
            log.info("read-aloud unavailable: no speech engine")
            return
        self.engine = QTextToSpeech(engines[0])
        locales = self.engine.availableLocales()
        self.vietnamese = any(loc.language() == QLocale.Language.Vietnamese for loc in locales)
        self.english = any(loc.language() == QLocale.Language.English for loc in locales)
        self.available = self.vietnamese
        log.info("read-aloud engines %s, Vietnamese voice: %s", engines, self.vietnamese)

    def say(self, text: str, language: str) -> None:
        """Stop whatever is being said and read `text`."""
        if not self.available or self.engine is None:
            return
        lang = QLocale.Language.English if language == "en" else QLocale.Language.Vietnamese
        if lang == QLocale.Language.English and not self.english:
            lang = QLocale.Language.Vietnamese
        self.engine.stop()
        self.engine.setLocale(QLocale(lang))
        self.engine.say(text)
