"""ui.background: slow work runs off the GUI thread; its answer comes back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future

import pytest
from pytestqt.qtbot import QtBot

from ui.background import Background


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[Background]:
    background = Background("test-work")
    yield background
    background.shutdown()


def test_the_job_runs_on_a_worker_and_the_answer_arrives_on_the_gui_thread(
    qtbot: QtBot, runner: Background
) -> None:
    """The job sees a worker thread; on_done sees the GUI thread and the job's result."""
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def job() -> int:
        seen["job_thread"] = threading.get_ident()
        return 42

    runner.run(
        job, lambda result: seen.update(result=result, done=threading.get_ident()), label="answer"
    )
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["job_thread"] != gui
    assert seen["done"] == gui


def test_an_error_reaches_on_error_on_the_gui_thread(qtbot: QtBot, runner: Background) -> None:
    """A failing job calls on_error with the exception, never on_done."""
    errors: list[tuple[BaseException, int]] = []
    done: list[object] = []

    def job() -> None:
        raise OSError("disk full")

    runner.run(
        job, done.append, lambda exc: errors.append((exc, threading.get_ident())), label="fails"
    )
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0][0], OSError)
    assert errors[0][1] == threading.get_ident()
    assert done == []


def test_a_future_run_elsewhere_is_delivered_too(qtbot: QtBot, runner: Background) -> None:
    """deliver() brings home a Future completed by another thread (the journal's writer)."""
    future: Future[str] = Future()
    got: list[str] = []
    runner.deliver(future, got.append, label="external")
    threading.Thread(target=lambda: future.set_result("written")).start()
    qtbot.waitUntil(lambda: got == ["written"])


def test_nothing_is_delivered_after_shutdown(qtbot: QtBot) -> None:
    """A runner that was shut down runs no new job and calls nobody back."""
    background = Background("closing")
    release = threading.Event()
    got: list[str] = []
    background.run(lambda: release.wait(5) and "late", got.append, label="slow")
    background.shutdown(wait=False)
    release.set()
    assert background.run(lambda: "never", got.append, label="after") is None
    qtbot.wait(200)
    assert got == []
    assert background.closed
