"""Fixtures for the Qt tests: offscreen Qt, a qasync loop, real SQLite files, no Qt warnings.

Every test gets its own SQLite file (a copy of a demo database filled once per
session), its own ``TaskRunner`` on a qasync loop that runs inside the Qt event loop
pytest-qt spins, and fails when Qt prints a warning that is not on the short list below.
"""

import asyncio
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

# Before anything creates a QApplication: the platform plugin is chosen once, at creation.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
import qasync
from PySide6.QtCore import QLocale, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.services.demo import fill_demo
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from omnidesk.ui.i18n import install_translations
from omnidesk.ui.mainwindow import MainWindow
from omnidesk.ui.setup import DeskSetup
from omnidesk.ui.tasks import TaskRunner

DEMO_CASES = 60
BIG_CASES = 250
"""More than two pages of the case list (page size 100)."""

IGNORED_QT_MESSAGES = (
    # The offscreen plugin cannot size native windows; it says so on every show().
    "This plugin does not support propagateSizeHints()",
)


@pytest.fixture(autouse=True)
def fail_on_qt_warnings() -> Iterator[list[str]]:
    """Qt warnings hide real bugs (a broken model, a bad connection): make them fail."""
    problems: list[str] = []

    def on_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if any(ignored in message for ignored in IGNORED_QT_MESSAGES):
            return
        problems.append(f"{kind.name}: {message}")

    previous = qInstallMessageHandler(on_message)
    yield problems
    qInstallMessageHandler(previous)
    assert not problems, "Qt printed warnings:\n" + "\n".join(problems)


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """The UI in German, as with ``language = "de"`` in the settings."""
    locale = QLocale()
    translators = install_translations(qapp, "de")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """An asyncio loop on the Qt event loop that pytest-qt's waits keep turning.

    The app runs the loop with ``run_forever`` (that is ``app.exec()``); here pytest-qt's
    ``waitUntil`` turns the Qt event loop instead, so the loop is only *declared* running.
    (qasync's ``already_running=True`` would do the same, but its ``stop()`` calls
    ``app.exit()``, which leaves the shared test QApplication quitting for later tests.)
    """
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    yield loop
    # Undone so that pytest-asyncio tests later in the session can run their own loops.
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def make_tasks(qloop: asyncio.AbstractEventLoop, qtbot) -> Iterator[Callable[[], TaskRunner]]:
    """Task runners that fail the test when they report a bug, shut down at the end."""
    runners: list[TaskRunner] = []
    bugs: list[str] = []

    def make() -> TaskRunner:
        runner = TaskRunner(qloop)
        runner.sig_bug.connect(lambda summary, details: bugs.append(details))
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        runner.shutdown()
    # Cancelled tasks finish on the next turns of the loop.
    qtbot.waitUntil(lambda: all(r.is_idle() for r in runners), timeout=5000)
    assert not bugs, "background work failed:\n" + "\n".join(bugs)


@pytest.fixture
def tasks(make_tasks: Callable[[], TaskRunner]) -> TaskRunner:
    return make_tasks()


def _template(folder: Path, cases: int) -> Path:
    path = folder / "omnidesk.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    fill_demo(db, cases_wanted=cases)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the demo team and 60 cases, built once per session."""
    return _template(tmp_path_factory.mktemp("demo-template"), DEMO_CASES)


@pytest.fixture(scope="session")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("big-template"), BIG_CASES)


def _copy(template: Path, folder: Path) -> Iterator[Database]:
    # All connections of the template were closed, so its WAL was checkpointed into
    # the main file: copying that one file copies the database.
    target = folder / "omnidesk.db"
    shutil.copyfile(template, target)
    db = Database(f"sqlite:///{target}")
    yield db
    db.dispose()


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database for one test."""
    yield from _copy(demo_template, tmp_path)


@pytest.fixture
def big_db(big_template: Path, tmp_path: Path) -> Iterator[Database]:
    yield from _copy(big_template, tmp_path)


@pytest.fixture
def make_window(
    qtbot, tmp_path: Path, make_tasks: Callable[[], TaskRunner]
) -> Callable[..., MainWindow]:
    """Main windows on a database, each with its own task runner (like separate desktops)."""

    def make(
        db: Database,
        *,
        agent: str | None = None,
        settings: Settings | None = None,
        data_dir: Path | None = None,
        now: Callable[[], datetime] | None = None,
        secrets: SecretStore | None = None,
    ) -> MainWindow:
        setup = DeskSetup(
            db=db,
            agent_name=agent,
            settings_file=tmp_path / "settings.toml",
            data_dir=data_dir or tmp_path,
            settings=settings or Settings(agent=agent),
            secrets=secrets,
        )
        window = (
            MainWindow(setup, make_tasks(), now=now) if now else MainWindow(setup, make_tasks())
        )
        qtbot.addWidget(window)
        return window

    return make
