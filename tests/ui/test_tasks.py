"""The task runner: results come back on the GUI thread, stale work is dropped, errors route."""

import asyncio
import functools
import threading
import time

import pytest
from PySide6.QtCore import QObject

from omnidesk.core.errors import NotFound
from omnidesk.ui.tasks import TaskRunner


@pytest.fixture
def runner(qloop, qtbot):
    """A runner without the bug-failing wrapper: these tests provoke bugs on purpose."""
    made = TaskRunner(qloop)
    yield made
    made.shutdown()
    qtbot.waitUntil(made.is_idle, timeout=5000)


def test_work_runs_on_the_database_thread_and_the_result_on_the_gui_thread(runner, qtbot):
    seen: dict[str, str] = {}

    def work() -> str:
        seen["work"] = threading.current_thread().name
        return "done"

    def on_done(result: str) -> None:
        seen["done"] = threading.current_thread().name
        seen["result"] = result

    runner.submit(work, on_done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["work"].startswith("omnidesk-db")
    assert seen["done"] == threading.main_thread().name
    assert seen["result"] == "done"


def test_newer_work_under_the_same_key_replaces_older_work(runner, qtbot):
    results: list[str] = []
    release = threading.Event()

    def slow() -> str:
        release.wait(5)
        return "slow"

    # The first job occupies the one database thread; the second waits behind it and
    # is replaced by the third before it ever starts.
    runner.submit(slow, results.append, key="list")
    runner.submit(lambda: "stale", results.append, key="list")
    runner.submit(lambda: "fresh", results.append, key="list")
    release.set()
    qtbot.waitUntil(runner.is_idle, timeout=5000)
    assert results == ["fresh"]


def test_work_under_other_keys_is_kept(runner, qtbot):
    results: list[str] = []
    runner.submit(lambda: "a", results.append, key="counts")
    runner.submit(lambda: "b", results.append, key="list")
    runner.submit(lambda: "c", results.append)
    qtbot.waitUntil(lambda: len(results) == 3, timeout=5000)
    assert sorted(results) == ["a", "b", "c"]


def test_known_errors_become_messages(runner, qtbot):
    failures: list[BaseException] = []

    def work() -> None:
        raise NotFound("no case #77")

    with qtbot.waitSignal(runner.sig_known_error, timeout=5000) as signal:
        runner.submit(work, lambda _: None, on_failure=failures.append)
    assert signal.args == ["no case #77"]
    qtbot.waitUntil(lambda: len(failures) == 1)


def test_bugs_are_reported_with_their_traceback(runner, qtbot, caplog):
    def work() -> None:
        raise ZeroDivisionError("boom")

    with qtbot.waitSignal(runner.sig_bug, timeout=5000) as signal:
        runner.submit(work, lambda _: None)
    summary, details = signal.args
    assert summary == "ZeroDivisionError: boom"
    assert "Traceback" in details
    assert "in work" in details
    assert "background work failed" in caplog.text


def test_a_failing_result_handler_is_a_bug_too(runner, qtbot):
    def on_done(_result: int) -> None:
        raise KeyError("ui bug")

    with qtbot.waitSignal(runner.sig_bug, timeout=5000):
        runner.submit(lambda: 1, on_done)


def test_qt_objects_are_refused_as_work(runner):
    holder = QObject()
    with pytest.raises(TypeError, match="QObject"):
        runner.submit(holder.objectName, lambda _: None)
    with pytest.raises(TypeError, match="QObject"):
        runner.submit(functools.partial(holder.setObjectName, "x"), lambda _: None)


def test_wait_idle_waits_for_work_started_by_finished_work(runner, qloop, qtbot):
    order: list[str] = []

    def first_done(_: None) -> None:
        order.append("first")
        runner.submit(lambda: time.sleep(0.05), lambda _: order.append("second"))

    runner.submit(lambda: None, first_done)
    waiting = qloop.create_task(runner.wait_idle())
    qtbot.waitUntil(waiting.done, timeout=5000)
    assert order == ["first", "second"]


def test_call_returns_the_result(runner, qloop, qtbot):
    call = qloop.create_task(runner.call(lambda: 6 * 7))
    qtbot.waitUntil(call.done, timeout=5000)
    assert call.result() == 42


def test_after_shutdown_nothing_new_starts(qloop, qtbot):
    runner = TaskRunner(qloop)
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.submit(lambda: 1, lambda _: None)
    assert isinstance(asyncio.get_event_loop(), type(qloop))
