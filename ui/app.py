"""Bootstrap: build the QApplication, theme, translations, the wizard and the window.

Start-up order matters on old PCs: the home screen is painted first; the journal, speech and
sync start only after that first paint (`after_first_paint`). A config that cannot be used
shows the IT page; a catalog that cannot be used shows a calm page — never a traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.catalog.loader import CatalogError, load_catalog, load_catalog_index
from kiosk.catalog.model import Catalog
from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.paths import AppDirs, app_dirs, resources_dir
from kiosk.protocol import Language
from kiosk.session import SessionListener
from kiosk.wizard import SearchAnswer, Timings, Wizard, WizardView
from ui.first_paint import FirstPaintWatcher
from ui.theme import apply_theme, load_fonts

if TYPE_CHECKING:
    from kiosk.catalog.search import CatalogSearch
    from kiosk.journal.db import Journal
    from ui.crash import CrashHandler
    from ui.health_hookup import HealthHookup
    from ui.journal_hookup import JournalHookup
    from ui.main_window import KioskWindow
    from ui.sync_hookup import SyncBridge

log = logging.getLogger(__name__)


class LanguageSwitcher(QObject):
    """One language everywhere: in English, our English translation; in Vietnamese, our
    Vietnamese for Qt's own words (a text field's context menu, a scroll bar's).

    It subscribes to the wizard before the window does, so the window renders in the new
    language.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        folder = resources_dir() / "i18n"
        self.translator = QTranslator(self)
        self.loaded = self.translator.load(str(folder / "kiosk_en.qm"))
        if not self.loaded:
            log.warning("English translation not built (run: python -m ui.i18n_build)")
        # PySide6 ships no Vietnamese for Qt (no qtbase_vi.qm): resources/i18n/qt_vi.ts is ours.
        self.qt_vietnamese = QTranslator(self)
        if not self.qt_vietnamese.load(str(folder / "qt_vi.qm")):
            log.warning("Qt's Vietnamese words not built (run: python -m ui.i18n_build)")
        self.app.installTranslator(self.qt_vietnamese)
        self.language = Language.VI.value

    def __call__(self, view: WizardView) -> None:
        if view.language == self.language:
            return
        self.language = view.language
        if view.language == Language.EN.value and self.loaded:
            self.app.removeTranslator(self.qt_vietnamese)
            self.app.installTranslator(self.translator)
            QLocale.setDefault(QLocale(QLocale.Language.English))
        else:
            self.app.removeTranslator(self.translator)
            self.app.installTranslator(self.qt_vietnamese)
            QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))


def prepare_qt_for_the_portal() -> None:
    """Before the QApplication exists: what QtWebEngine, loaded later, needs from it (shared
    OpenGL contexts), and no shader cache on disk (nothing of a session may stay behind)."""
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableShaderDiskCache)


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with bundled fonts and the theme (one per process)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        set_style = True  # an app made elsewhere (tests, tools)
    else:
        prepare_qt_for_the_portal()
        # Qt's own -style option: Fusion without a QStyle object reaching Python (~4 ms).
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
        set_style = False
    app.setApplicationName("dvc-kiosk")
    app.setQuitOnLastWindowClosed(True)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
    families = load_fonts()
    if families:
        font = app.font()
        # Noto Sans for text; Noto Sans Symbols 2 for the ✓ ✗ ✋ signs Noto Sans lacks.
        font.setFamilies(sorted(set(families), key=lambda f: "Symbols" in f))
        app.setFont(font)
    apply_theme(app, set_style=set_style)
    from ui.none_guard import guard_none

    guard_none(app)  # PySide6 6.12 on Python 3.11 drops refs to None/True: see ui/none_guard.py
    return app


class LazySearch:
    """The Choose screen's catalog search, whose index (and module) is loaded on first use or
    after the first paint — never before it: building the index costs ~0.2 s here and a second
    on an old PC, and the home screen does not search."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._index: CatalogSearch | None = None

    def prepare(self) -> CatalogSearch:
        """Build the index now (idempotent)."""
        if self._index is None:
            from kiosk.catalog.search import CatalogSearch

            self._index = CatalogSearch(self.catalog)
        return self._index

    def __call__(self, query: str) -> SearchAnswer:
        result = self.prepare().search(query, limit=12)
        ids = [hit.procedure_id for hit in result.hits]
        return SearchAnswer(ids, result.not_offered, result.understood)


@dataclass
class Kiosk:
    """The running kiosk's parts, for the entry point, tests and the screenshot script."""

    app: QApplication
    config: KioskConfig
    wizard: Wizard
    window: KioskWindow
    dirs: AppDirs
    clock: Clock = SYSTEM_CLOCK  # the one clock of this kiosk, handed to every part
    language_switcher: LanguageSwitcher | None = None
    journal: Journal | None = None  # opened after the first paint
    journal_hookup: JournalHookup | None = None  # the journal's Qt side and the volunteer panel
    sync: SyncBridge | None = None  # the sync worker's Qt bridge, started after the journal
    crash: CrashHandler | None = None  # calms uncaught errors; health counts what it calmed
    health: HealthHookup | None = None  # starts, crashes and calmed errors for the health report
    # Parts that could not start (part -> sentence for IT): volunteer panel and `status` show them.
    problems: dict[str, str] = field(default_factory=dict)


def build_kiosk(
    app: QApplication,
    config: KioskConfig,
    catalog: Catalog,
    dirs: AppDirs,
    listener: SessionListener | None = None,
    *,
    clock: Clock,
) -> Kiosk:
    """Wire the wizard, the language switcher and the window (not shown yet) to one `clock`."""
    from ui.main_window import KioskWindow

    wizard = Wizard(
        catalog,
        search_factory=LazySearch,
        top_procedures=config.top_procedures,
        timings=Timings(
            idle_seconds=config.idle_seconds,
            idle_answer_seconds=config.idle_answer_seconds,
            error_return_seconds=config.error_return_seconds,
        ),
        listener=listener,
        language=config.language,
        clock=clock,
    )
    switcher = LanguageSwitcher(app)
    wizard.subscribe(switcher)  # before the window: it renders in the new language
    switcher(wizard.view)  # a kiosk configured for English starts in English
    window = KioskWindow(wizard, config, clock=clock)
    # Owned by the window: when it goes, its translators leave the application with it.
    switcher.setParent(window)
    return Kiosk(app, config, wizard, window, dirs, clock=clock, language_switcher=switcher)


def show(window: QWidget, kiosk_mode: bool, windowed: bool) -> None:
    """Full screen and frameless in kiosk mode; a normal window for development."""
    from PySide6.QtCore import Qt

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if windowed:
        window.resize(1280, 800)
        window.show()
        return
    if kiosk_mode:
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
    # Without a window manager showFullScreen() keeps the size hint: set the screen's geometry.
    window.setGeometry(app.primaryScreen().geometry())
    window.showFullScreen()


def load_catalog_or_none(root: Path, index_only: bool = False) -> tuple[Catalog | None, str | None]:
    """The catalog (or just its index), or None and the reason (logged) when even its index
    is unusable."""
    try:
        return (load_catalog_index(root) if index_only else load_catalog(root)), None
    except CatalogError as exc:
        log.error("catalog unusable: %s", exc)
        return None, str(exc)


EXIT_AFTER_PAINT_ENV = "DVC_KIOSK_EXIT_AFTER_PAINT"  # benchmarks: quit after the first paint


def quit_on_sigterm(app: QApplication) -> None:
    """SIGTERM / SIGINT (systemd stop, IT's Ctrl+C, tests) end the event loop cleanly.

    The signal handler itself does nothing: no log line, no journal write, no lock. A handler
    runs in the middle of whatever the main thread was doing — perhaps inside the log's or the
    journal's own write, holding its lock — and writing there from the handler breaks that
    write or waits on it (issue #20: a stop that hung until systemd killed it). Python's C-level
    handler writes the signal's number to a pipe (`signal.set_wakeup_fd`: no lock, safe in a
    signal handler; a socket pair on Windows); a QSocketNotifier on the other end wakes the Qt
    loop, and the orderly stop — the log line, `exit(0)` — happens there, between two events.
    exit(0) rather than quit(): quit() asks the windows, and the kiosk window refuses to close
    in kiosk mode.
    """
    import os
    import signal

    from PySide6.QtCore import QSocketNotifier

    if os.name == "nt":  # Windows: set_wakeup_fd and QSocketNotifier take sockets only
        import socket

        reader_socket, writer_socket = socket.socketpair()
        for end in (reader_socket, writer_socket):
            end.setblocking(False)
        read_fd, write_fd = reader_socket.fileno(), writer_socket.fileno()
        _SIGNAL_WAKEUP.append((reader_socket, writer_socket))
        receive: Callable[[], bytes] = lambda: reader_socket.recv(64)  # noqa: E731
    else:  # a pipe: no `socket` import before the home screen is painted
        read_fd, write_fd = os.pipe()
        for fd in (read_fd, write_fd):
            os.set_blocking(fd, False)
        receive = lambda: os.read(read_fd, 64)  # noqa: E731
    stopping = (signal.SIGTERM, signal.SIGINT)

    def stop_from_the_loop() -> None:
        try:
            received = receive()
        except (BlockingIOError, InterruptedError):
            return
        for signum in received:
            if signum in stopping:
                log.info("signal %d: stopping", signum)
                app.exit(0)
                return

    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)
    notifier.activated.connect(stop_from_the_loop)
    _SIGNAL_WAKEUP.append(notifier)  # kept as long as the process, as the fds are
    signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    for signum in stopping:
        signal.signal(signum, _note_signal)


_SIGNAL_WAKEUP: list[object] = []


def _note_signal(_signum: int, _frame: object) -> None:
    """The Python-level handler: nothing. Installing it keeps the default action (death) away;
    the wakeup pipe, written by Python's C handler, carries the signal to the Qt loop."""


def exit_at_first_paint() -> None:
    """Benchmarks: end the process the moment the home screen is on screen.

    os._exit skips tearing down ~500 widgets and the interpreter (~60 ms here), which is not
    start-up; the log is flushed first.
    """
    import os

    log.info("first paint of the home screen: exiting (%s=1)", EXIT_AFTER_PAINT_ENV)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def run(windowed: bool = False, argv: list[str] | None = None) -> int:
    """`dvc-kiosk run`: the kiosk until a volunteer leaves kiosk mode."""
    import os

    from kiosk.logging_setup import setup_logging
    from kiosk.private_files import ensure_folders, restrict_umask

    restrict_umask()  # every file this process makes is the kiosk account's alone
    dirs = app_dirs()
    # A read-only or full disk must not end in a traceback and a restart loop: the kiosk
    # still guides residents, and the journal's page on the volunteer panel says why.
    unwritable = ensure_folders(dirs)
    setup_logging(dirs, rotate=False)  # with rotation right after the first paint
    for problem in unwritable:
        log.error("folder problem: %s", problem)

    def first_paint(what: str, then: Callable[[], None] | None = None) -> Callable[[], None]:
        """What to do once `what` is on screen: rotate the log, say so, then `then`."""

        def done() -> None:
            setup_logging(dirs)
            log.info("%s is on screen", what)
            if then is not None:
                then()

        return done

    app = make_app(argv)
    quit_on_sigterm(app)
    try:
        config = load_config(dirs)
    except ConfigError as exc:
        log.error("config problem: %s: %s: %s", exc.file, exc.key, exc.message)
        from ui.pages.problem_page import ConfigProblemPage

        page: QWidget = ConfigProblemPage(exc)
        FirstPaintWatcher(page, first_paint("the IT config page"))
        show(page, kiosk_mode=False, windowed=windowed)
        return app.exec()
    # Only the catalog's index before the first paint: the home screen shows no procedure.
    catalog, reason = load_catalog_or_none(resources_dir() / "catalog", index_only=True)
    if catalog is None:
        from ui.pages.problem_page import CatalogProblemPage

        page = CatalogProblemPage(reason or "")
        FirstPaintWatcher(page, first_paint("the catalog problem page"))
        show(page, kiosk_mode=False, windowed=windowed)
        return app.exec()
    kiosk = build_kiosk(app, config, catalog, dirs, clock=SYSTEM_CLOCK)  # the one real clock
    from ui.crash import install_crash_handlers

    crash = install_crash_handlers(kiosk.window, dirs)  # kept by this frame until exec() ends
    kiosk.crash = crash
    home = kiosk.window.pages["home"]
    if os.environ.get(EXIT_AFTER_PAINT_ENV) == "1":
        FirstPaintWatcher(home, exit_at_first_paint)
    else:
        FirstPaintWatcher(home, first_paint("the home screen", lambda: after_first_paint(kiosk)))
    show(kiosk.window, kiosk_mode=config.kiosk_mode and not windowed, windowed=windowed)
    log.info(
        "kiosk %s at help point %s started (kiosk mode %s)",
        config.kiosk_id,
        config.help_point.id,
        config.kiosk_mode and not windowed,
    )
    try:
        return app.exec()
    finally:
        crash.uninstall()


def secure_files_in_background(kiosk: Kiosk) -> None:
    """Make what an older version left readable by others owner-only (kiosk.private_files)."""
    from kiosk.private_files import secure_kiosk_files
    from ui.background import Background

    def report(problems: list[str]) -> None:
        for problem in problems:
            log.warning("file permissions: %s", problem)

    runner = Background("private-files", parent=kiosk.window)
    runner.run(
        lambda: secure_kiosk_files(kiosk.dirs, kiosk.config.source), report, label="private-files"
    )


def after_first_paint(kiosk: Kiosk) -> None:
    """Start what the home screen does not need: the journal, sync, then speech.

    Residents are guided even when one of these cannot start, but never quietly: the part and
    what to do go to the log, to the volunteer panel (a red line) and, through the data
    folder's start-up report, to `dvc-kiosk status`.
    """
    from ui.health_hookup import start_health
    from ui.journal_hookup import start_journal
    from ui.startup_report import report_startup
    from ui.sync_hookup import start_sync

    secure_files_in_background(kiosk)
    if not kiosk.wizard.catalog.procedures:  # the kiosk started on the catalog's index alone
        full, _reason = load_catalog_or_none(resources_dir() / "catalog")
        if full is not None:
            kiosk.wizard.offer_catalog(full)
    # Health first: its clean-exit mark must precede the journal's close at exit.
    parts = (("health", start_health), ("journal", start_journal), ("sync", start_sync))
    for part, start in parts:
        try:
            start(kiosk)
        except Exception as exc:  # a bug in one part must not take the resident's guide down
            log.exception("%s could not start", part)
            kiosk.problems[part] = f"{part} could not start ({type(exc).__name__}); see the log"
    try:  # the worker process starts now and reports its voice a moment later
        from ui.speech import Speaker

        speaker = Speaker(parent=kiosk.window)
        kiosk.app.aboutToQuit.connect(speaker.stop)
        kiosk.window.attach_speaker(speaker)
    except Exception as exc:  # speech is a nicety: the button stays hidden
        log.exception("read-aloud could not start")
        kiosk.problems["read-aloud"] = f"read-aloud could not start ({type(exc).__name__})"
    report_startup(kiosk)
    search = getattr(kiosk.wizard, "_search", None)
    if isinstance(search, LazySearch):
        search.prepare()  # so the resident's first search answers at once
    if kiosk.problems:
        log.error("the kiosk started without: %s", ", ".join(sorted(kiosk.problems)))
    else:
        log.info("the kiosk is ready (journal, sync and read-aloud started)")
