"""Fixtures for UI tests: a private kiosk home, and the real kiosk built on the real catalog."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.clock import Clock
from kiosk.config import KioskConfig, demo_config
from kiosk.paths import AppDirs, app_dirs, resources_dir
from tests.ui.kiosk_helpers import pinned_clock


@pytest.fixture
def ui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppDirs:
    """Config, data, cache and logs under tmp_path; no config file from the real machine."""
    monkeypatch.setenv("DVC_KIOSK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DVC_KIOSK_CONFIG", raising=False)
    dirs = app_dirs()
    dirs.ensure()
    return dirs


@pytest.fixture(scope="session")
def real_catalog() -> Catalog:
    """The catalog shipped in resources/catalog."""
    return load_catalog(resources_dir() / "catalog")


@pytest.fixture
def make_kiosk(qtbot: Any, ui_home: AppDirs, real_catalog: Catalog) -> Iterator[Callable[..., Any]]:
    """Build the real kiosk window (1280x800, shown) with config overrides, e.g. timings.

    It runs on a pinned FixedClock unless a test passes `clock` (the idle countdown needs
    seconds that really pass).
    """
    from ui.app import build_kiosk, make_app

    built: list[Any] = []

    def make(
        catalog: Catalog | None = None, clock: Clock | None = None, **config_changes: Any
    ) -> Any:
        app = make_app()
        config: KioskConfig = dataclasses.replace(demo_config(), **config_changes)
        kiosk = build_kiosk(
            app, config, catalog or real_catalog, ui_home, clock=clock or pinned_clock()
        )
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        kiosk.window.activateWindow()
        qtbot.waitExposed(kiosk.window)
        qtbot.waitActive(kiosk.window)
        built.append(kiosk)
        return kiosk

    yield make
    from ui.theme import apply_theme

    for kiosk in built:
        kiosk.window.allow_close()
        kiosk.window.close()
        kiosk.window.deleteLater()
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    # Delete the windows now: left for later, every next test restyles them all (slow).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    apply_theme(QApplication.instance())


@pytest.fixture
def journal_kiosk(make_kiosk: Any) -> Iterator[Callable[..., tuple[Any, Any, Any]]]:
    """The real kiosk with its journal started as after the first paint, and a driver for it."""
    from ui.journal_hookup import JournalHookup, hookup_of, start_journal
    from ui.simulate import Driver

    hookups: list[JournalHookup] = []

    def make(**config_changes: Any) -> tuple[Any, JournalHookup, Driver]:
        kiosk = make_kiosk(**config_changes)
        start_journal(kiosk)
        hookup = hookup_of(kiosk)
        assert hookup is not None
        hookups.append(hookup)
        return kiosk, hookup, Driver(kiosk, hookup)

    yield make
    for hookup in hookups:
        hookup.shutdown()
