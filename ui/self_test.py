"""`dvc-kiosk self-test`: does this installed kiosk really work? Offscreen, touching nothing real.

IT runs it after installing (and CI runs it on the built bundle): it reads this machine's
config, loads the catalog, opens and migrates a journal, renders every screen, and drives a
few resident journeys through the real window — all in a throw-away DVC_KIOSK_HOME, so the
kiosk's real journal, PIN lockout and logs are never touched. One line per check; exit 0 when
every check passed, else 1 with one line per failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

JOURNEYS = 3


@dataclass
class Report:
    """The checks run so far and what failed in each."""

    failures: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def check(self, name: str, run: Callable[[], str | list[str]]) -> None:
        """Run one check: it returns a summary (ok) or a list of failures; raising fails it."""
        import traceback

        try:
            result = run()
        except Exception as exc:  # a self-test reports, it never crashes
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            self.fail(name, f"{type(exc).__name__}: {exc} ({where})")
            return
        if isinstance(result, list):
            for failure in result:
                self.fail(name, failure)
            if not result:
                self.ok(name, "")
        else:
            self.ok(name, result)

    def ok(self, name: str, detail: str) -> None:
        """Record and print a passed check."""
        line = f"ok    {name}" + (f": {detail}" if detail else "")
        self.lines.append(line)
        print(line, flush=True)

    def fail(self, name: str, detail: str) -> None:
        """Record and print one failure."""
        line = f"FAIL  {name}: {detail}"
        self.failures.append(line)
        print(line, flush=True)


def check_machine_config() -> str:
    """This machine's config, found by the real lookup order (read-only)."""
    from kiosk.config import find_config_file, load_config
    from kiosk.paths import app_dirs

    dirs = app_dirs()
    path = find_config_file(dirs)
    config = load_config(dirs)  # ConfigError names the file and the key
    if path is None:
        return "no config file: the kiosk would start as the labelled demo"
    return f"{path} (help point {config.help_point.id}, kiosk {config.kiosk_id})"


def write_test_config(home: Path) -> Path:
    """A config for the throw-away home: the demo help point, a PIN hashed as provision does."""
    from kiosk.paths import app_dirs
    from kiosk.pin import DEMO_PIN, make_pin_hash

    dirs = app_dirs()
    dirs.ensure()
    path = home / "self-test.toml"
    pin_hash = make_pin_hash(DEMO_PIN, dirs.data)
    path.write_text(
        "[help_point]\n"
        'id = "demo"\n\n'
        "[kiosk]\n"
        'id = "self-test"\n'
        "kiosk_mode = false\n\n"
        "[volunteer]\n"
        f'pin_hash = "{pin_hash}"\n',
        encoding="utf-8",
    )
    return path


def check_test_config(path: Path) -> str:
    """The written config reads back through the same validation the kiosk uses."""
    from kiosk.config import read_config
    from kiosk.pin import DEMO_PIN, verify_pin

    config = read_config(path)
    assert config.pin_hash is not None
    from kiosk.paths import app_dirs
    from kiosk.pin import load_or_create_secret

    if not verify_pin(DEMO_PIN, config.pin_hash, load_or_create_secret(app_dirs().data)):
        raise AssertionError("the PIN hash written by the self-test does not verify")
    return f"written and read back ({config.help_point.name})"


def check_catalog() -> list[str] | str:
    """The bundled catalog loads; every problem in it is a failure line."""
    from kiosk.paths import resources_dir
    from ui.app import load_catalog_or_none

    catalog, reason = load_catalog_or_none(resources_dir() / "catalog")
    if catalog is None:
        return [f"unusable: {reason}"]
    problems = [f"{problem}" for problem in catalog.problems]
    if problems:
        return problems
    return f"{len(catalog.procedures)} procedures, checked {catalog.updated}"


def check_journal() -> str:
    """A new journal is created and migrated to the newest schema, then closed."""
    from kiosk.journal.db import open_journal
    from kiosk.paths import app_dirs

    dirs = app_dirs()
    journal = open_journal(dirs.database)
    try:
        unsynced = journal.unsynced_count()
    finally:
        journal.close()
    return f"{dirs.database.name} migrated, {unsynced} unsynced"


def check_translation() -> str:
    """The compiled translations are in the bundle: our English, and our Vietnamese for Qt's
    own menus."""
    from kiosk.paths import resources_dir

    names = []
    for name in ("kiosk_en.qm", "qt_vi.qm"):
        qm = resources_dir() / "i18n" / name
        if not qm.is_file() or qm.stat().st_size == 0:
            raise FileNotFoundError(f"{qm} missing (python -m ui.i18n_build)")
        names.append(qm.name)
    return ", ".join(names)


def check_holiday_calendar() -> str:
    """The finish page can count a result's due date: Vietnam's holiday calendar is in the
    bundle (without it the page only says the portal shows the date). Submitted on Thursday
    12/02/2026, three working days across Tết (16-20/02/2026) and two weekends: 24/02/2026."""
    from datetime import UTC, date, datetime

    from kiosk.working_days import due_date

    due = due_date(datetime(2026, 2, 12, 2, 0, tzinfo=UTC), 3)
    if due != date(2026, 2, 24):
        raise AssertionError(f"3 working days from 12/02/2026 gave {due:%d/%m/%Y}, not 24/02/2026")
    return "3 working days from 12/02/2026 across Tết: 24/02/2026"


# RFC 8032, section 7.1, test 1: an Ed25519 public key and its signature of the empty message.
RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
RFC8032_SIGNATURE = (
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def check_signatures() -> str:
    """Signed catalog updates can be checked: libsodium loads, accepts RFC 8032's test
    signature and refuses it with one bit flipped."""
    import base64

    from nacl.exceptions import BadSignatureError

    from kiosk.sync.manifest import load_public_key

    key = load_public_key(base64.b64encode(bytes.fromhex(RFC8032_PUBLIC)).decode("ascii"))
    signature = bytes.fromhex(RFC8032_SIGNATURE)
    key.verify(b"", signature)  # raises when libsodium disagrees
    forged = bytes([signature[0] ^ 1]) + signature[1:]
    try:
        key.verify(b"", forged)
    except BadSignatureError:
        return "Ed25519 (RFC 8032 test 1): valid accepted, forged refused"
    raise AssertionError("a forged signature was accepted")


def check_speech_worker() -> str:
    """The read-aloud worker starts from this build (as the kiosk starts it), loads Qt's
    speech module and answers in its protocol. No engine is started: a voice is the
    machine's business, and a stuck one must not hold up the self-test."""
    import json
    import subprocess

    from ui.speech import worker_command

    program, args, folder = worker_command(engine_names=[])
    done = subprocess.run(
        [program, *args], cwd=folder, input=b"", capture_output=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.decode(errors='replace')}")
    status = json.loads(done.stdout.decode("utf-8").splitlines()[0])
    engines = ", ".join(status["engines"]) or "none"
    return f"starts and answers; speech engines on this machine: {engines}"


def check_screens() -> str:
    """Every screen and overlay renders (both languages, normal text size), offscreen."""
    from PySide6.QtWidgets import QApplication

    from kiosk.clock import SYSTEM_CLOCK
    from kiosk.config import load_config
    from kiosk.paths import app_dirs, resources_dir
    from ui.app import build_kiosk, load_catalog_or_none, make_app
    from ui.pages.problem_page import ConfigProblemPage
    from ui.screenshots import SCREEN_SIZE, walk_every_screen
    from ui.theme import apply_theme

    app = make_app()
    dirs = app_dirs()
    catalog, reason = load_catalog_or_none(resources_dir() / "catalog")
    if catalog is None:
        raise RuntimeError(f"catalog unusable: {reason}")
    config = load_config(dirs)
    blank: list[str] = []
    count = 0

    def look(widget: object, name: str) -> None:
        nonlocal count
        for _ in range(3):
            QApplication.processEvents()
        image = widget.grab().toImage()  # type: ignore[attr-defined]
        count += 1
        # A screen that painted nothing is one colour all over; sample a coarse grid.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), max(1, image.width() // 16))
            for y in range(0, image.height(), max(1, image.height() // 16))
        }
        if image.isNull() or len(colours) < 2:
            blank.append(name)

    for language in ("vi", "en"):
        kiosk = build_kiosk(app, config, catalog, dirs, clock=SYSTEM_CLOCK)
        window = kiosk.window
        window.resize(*SCREEN_SIZE)
        window.show()
        walk_every_screen(
            kiosk,
            language,
            "normal",
            lambda name: look(window, f"{language}-{name}"),  # noqa: B023 (called at once)
        )
        window.allow_close()
        window.close()
        window.deleteLater()
        apply_theme(app)
    from kiosk.config import ConfigError

    page = ConfigProblemPage(ConfigError("kiosk.toml", "help_point.id", "self-test"))
    page.resize(*SCREEN_SIZE)
    page.show()
    look(page, "it-config-problem")
    page.close()
    page.deleteLater()
    if blank:
        raise AssertionError("painted nothing: " + ", ".join(blank))
    return f"{count} screens rendered"


# A local page the portal's web engine must paint: a dark blue block over white, with words.
ENGINE_PAGE = (
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>tự kiểm tra</title>"
    "</head><body style='margin:0;background:#ffffff'>"
    "<div style='background:#0a3d78;color:#ffffff;height:300px;font:40px sans-serif'>"
    "Cổng dịch vụ công</div></body></html>"
)
ENGINE_BLUE = (0x0A, 0x3D, 0x78)


def check_web_engine() -> str:
    """The portal view's engine (QtWebEngine: its process, resources and locales) starts as
    the kiosk starts it, in an off-the-record profile, loads a local page, runs its JavaScript
    and paints it. Offscreen, Qt paints it in software; under a display (CI: Xvfb with
    QT_QPA_PLATFORM=xcb) through the real window system."""
    import time

    from PySide6.QtCore import QEvent, QUrl
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from kiosk.portal import AllowList
    from ui.portal.controller import SANDBOX_OFF_ENV, prepare_engine

    if hasattr(os, "geteuid") and os.geteuid() == 0 and not os.environ.get(SANDBOX_OFF_ENV):
        raise RuntimeError(
            "run as the kiosk user (sudo -u kiosk dvc-kiosk self-test): as root Chromium's "
            f"sandbox cannot start ({SANDBOX_OFF_ENV}=1 is for root-only test machines)"
        )
    prepare_engine(software_rendering=False, allow=AllowList(()))  # a local page only
    from PySide6.QtPdf import QPdfDocument  # noqa: F401  # printing a downloaded receipt
    from PySide6.QtWebEngineCore import QWebEnginePage
    from PySide6.QtWebEngineWidgets import QWebEngineView

    import ui.portal.network  # QtNetwork: "the network is down" on the button
    import ui.portal.split_page  # noqa: F401  # the whole portal view is in this build
    from ui.portal.session import private_profile

    profile = private_profile()
    view = QWebEngineView()
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    view.resize(640, 480)
    view.show()
    loaded: list[bool] = []
    page.loadFinished.connect(loaded.append)
    page.setHtml(ENGINE_PAGE, QUrl("about:blank"))

    def wait(condition: Callable[[], bool], seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.02)
        return condition()

    try:
        if not wait(lambda: bool(loaded), 60) or not loaded[0]:
            raise RuntimeError("the web engine did not load a local page in 60 s")
        title: list[str] = []
        page.runJavaScript("document.title", 0, title.append)
        if not wait(lambda: bool(title), 20) or title[0] != "tự kiểm tra":
            raise RuntimeError("the web engine did not run the page's JavaScript")

        def painted() -> bool:
            image = view.grab().toImage()
            pixel = image.pixelColor(image.width() // 2, 100)
            return (pixel.red(), pixel.green(), pixel.blue()) == ENGINE_BLUE

        if not wait(painted, 30):
            raise RuntimeError("the web engine ran the page but painted nothing")
        platform = QGuiApplication.platformName()
    finally:
        view.hide()
        view.deleteLater()  # the page (its child) first, then the profile
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        profile.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return f"loads, runs JavaScript and paints ({platform})"


def check_journeys() -> str:
    """A few random resident journeys through the real window, recorded in the journal."""
    from ui.simulate import simulate  # part of every build: a missing module fails this check

    summary = simulate(JOURNEYS, seed=1)
    if summary.acknowledged != summary.journeys:
        raise AssertionError(
            f"{summary.journeys} journeys but {summary.acknowledged} sessions recorded"
        )
    return f"{summary.journeys} journeys, {summary.acknowledged} sessions recorded"


def self_test() -> int:
    """Run every check; 0 when all passed, 1 otherwise."""
    import tempfile

    report = Report()
    report.check("config", check_machine_config)
    previous = {name: os.environ.get(name) for name in ("DVC_KIOSK_HOME", "DVC_KIOSK_CONFIG")}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is loaded
    with tempfile.TemporaryDirectory(prefix="dvc-kiosk-self-test-") as tmp:
        home = Path(tmp)
        os.environ["DVC_KIOSK_HOME"] = str(home)
        try:
            from kiosk.logging_setup import setup_logging
            from kiosk.paths import app_dirs

            setup_logging(app_dirs(), stderr=False)  # keep the report readable
            config_path = write_test_config(home)
            os.environ["DVC_KIOSK_CONFIG"] = str(config_path)
            report.check("test config + PIN hash", lambda: check_test_config(config_path))
            report.check("translation", check_translation)
            report.check("catalog", check_catalog)
            report.check("journal", check_journal)
            report.check("catalog signatures", check_signatures)
            report.check("holiday calendar", check_holiday_calendar)
            report.check("read-aloud worker", check_speech_worker)
            report.check("screens", check_screens)
            report.check("portal web engine", check_web_engine)
            report.check("journeys", check_journeys)
        finally:
            import logging

            logging.shutdown()
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    if report.failures:
        print(f"self-test: {len(report.failures)} failure(s)", file=sys.stderr)
        return 1
    print("self-test: all checks passed")
    return 0


def _command(_args: argparse.Namespace) -> int:
    return self_test()


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `self-test`."""
    parser = subparsers.add_parser(
        "self-test",
        help="check this installation offscreen (config, catalog, database, screens, journeys)",
    )
    parser.set_defaults(func=_command)
