"""The desktop app's composition root: Qt, the asyncio loop, translations, the main window.

``omnidesk`` without a command lands here (``omnidesk.cli.main`` imports this module
only then, so headless commands never load Qt). Everything the window needs is
created here and passed in explicitly; nothing is global except the two hooks every
Python GUI must own, ``sys.excepthook`` and the loop's exception handler.
"""

import argparse
import asyncio
import functools
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

import qasync
from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSize,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from omnidesk import APP_NAME, __version__
from omnidesk.cli.context import CliContext
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.core.errors import InvalidInput, KnownError
from omnidesk.core.ids import CaseNumber
from omnidesk.core.views import CaseFilter, View
from omnidesk.services.cases import count_cases
from omnidesk.services.demo import fill_demo
from omnidesk.store.engine import Database
from omnidesk.ui.i18n import install_translations
from omnidesk.ui.labels import describe_error
from omnidesk.ui.mail_status import MailStatusLabel, WorkerView
from omnidesk.ui.mainwindow import MainWindow
from omnidesk.ui.probe import display_available
from omnidesk.ui.ready import READY_LINE, REPORT_READY_ENV, InboxReadiness
from omnidesk.ui.resources import resource_path
from omnidesk.ui.setup import DeskSetup
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.views.error_dialogs import show_crash, show_warning

log = logging.getLogger(__name__)

NO_DISPLAY = (
    "no display found: run OmniDesk in a desktop session, "
    "or use --screenshot FILE / QT_QPA_PLATFORM=offscreen"
)
NO_DISPLAY_EXIT = 2
_SETTLE_PAUSE_S = 0.05
_SETTLE_ROUNDS = 40
_GATEWAY_WAIT_S = 10.0
"""The solo gateway starts once the inbox is ready, or after this long regardless."""
SCREENSHOT_SIZE = QSize(1440, 900)
"""A common laptop screen: what the README screenshot shows."""


def main() -> None:
    """The ``omnidesk-gui`` launcher: the same command line, without a console on Windows."""
    from omnidesk.cli.main import main as cli_main

    raise SystemExit(cli_main())


def run(ctx: CliContext, args: argparse.Namespace) -> int:
    """Start the desktop app (or render it to ``--screenshot FILE``); returns the exit code."""
    screenshot = Path(args.screenshot).expanduser() if getattr(args, "screenshot", None) else None
    view = parse_view(getattr(args, "view", None))
    case = parse_case(getattr(args, "case", None))
    if screenshot is not None:
        check_screenshot_target(screenshot)
        # Before the QApplication exists: the platform plugin is chosen once, at creation.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not display_available():
        # Without this Qt aborts the process with a core dump and a page of plugin noise.
        print(f"omnidesk: {NO_DISPLAY}", file=sys.stderr)
        return NO_DISPLAY_EXIT

    qInstallMessageHandler(_on_qt_message)
    apply_time_zone(ctx.settings)
    app = _create_application()
    translators = install_translations(app, ctx.settings.language)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    tasks = TaskRunner(loop)
    reporter = CrashReporter(ctx.paths.log_file, headless=screenshot is not None)
    tasks.sig_bug.connect(reporter.report_bug)
    previous_hook = sys.excepthook
    sys.excepthook = reporter.excepthook
    loop.set_exception_handler(reporter.loop_exception)
    desk = _Desk(app, ctx, tasks, reporter, screenshot=screenshot, view=view, case=case)
    try:
        with loop:
            # Referenced until the loop ends: an unreferenced task may be collected mid-flight.
            desk.starting = loop.create_task(desk.start())
            exit_code = int(loop.run_forever())
            if desk.gateway is not None:
                # Open chats are told to reconnect; nothing in flight is lost.
                loop.run_until_complete(desk.gateway.stop())
            tasks.shutdown()
            _drain(loop)
    finally:
        qInstallMessageHandler(None)
        sys.excepthook = previous_hook
        asyncio.set_event_loop(None)
        for translator in translators:
            app.removeTranslator(translator)
    return exit_code


def apply_time_zone(settings: Settings) -> None:
    """Show every time in the zone the settings name, as due times are read in it.

    Python's ``astimezone()`` and Qt's local time both follow ``TZ``; setting it once
    here keeps "tomorrow 10:00" typed and "tomorrow 10:00" shown the same hour.
    """
    zone = settings.time_zone.strip()
    if zone and hasattr(time, "tzset"):  # Windows has no tzset; there the system zone rules
        os.environ["TZ"] = zone
        time.tzset()


def parse_view(value: str | View | None) -> View | None:
    if value is None:
        return None
    try:
        return View(value)
    except ValueError:
        names = ", ".join(v.value for v in View)
        raise InvalidInput(f"unknown view {value!r} (views: {names})") from None


def parse_case(value: str | None) -> CaseNumber | None:
    if value is None:
        return None
    text = value.strip().lstrip("#")
    if not text.isdigit():
        raise InvalidInput(f"{value!r} is not a case number (like 1042 or #1042)")
    return CaseNumber(int(text))


def check_screenshot_target(path: Path) -> None:
    """Fail before starting Qt when the PNG could not be written anyway."""
    folder = path.parent
    if path.is_dir():
        raise InvalidInput(f"cannot write the screenshot {path}: it is a folder")
    if not folder.is_dir():
        raise InvalidInput(
            f"cannot write the screenshot {path}: the folder {folder} does not exist"
        )
    if not os.access(folder, os.W_OK):
        raise InvalidInput(f"cannot write the screenshot {path}: the folder is not writable")


def _create_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("omnidesk")
    icon = resource_path("icons", "omnidesk.svg") or resource_path("icons", "omnidesk.png")
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    return app


_HARMLESS_QT_MESSAGES = (
    # The offscreen plugin (screenshots) cannot size native windows; nothing to fix.
    "This plugin does not support propagateSizeHints()",
)
_QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _on_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own messages go to the log (and its file) instead of raw lines on stderr."""
    level = _QT_LOG_LEVELS.get(kind, logging.WARNING)
    if message in _HARMLESS_QT_MESSAGES:
        level = logging.DEBUG
    logging.getLogger("qt").log(level, "%s", message)


def _drain(loop: asyncio.AbstractEventLoop) -> None:
    """Let cancelled work finish cancelling, so no task is destroyed while pending."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


class CrashReporter:
    """The one place uncaught errors end up: log, then a dialog (or stderr when headless)."""

    def __init__(self, log_file: Path, *, headless: bool) -> None:
        self.log_file = log_file
        self.headless = headless
        self.parent: QWidget | None = None
        self.failures = 0

    def excepthook(
        self,
        exc_type: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, error, tb)
            return
        self.report(error.with_traceback(tb))

    def loop_exception(self, _loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException):
            self.report(error)
        else:
            log.error("asyncio: %s", context.get("message", context))

    def report(self, error: BaseException) -> QMessageBox | None:
        """Show ``error``; returns the dialog it opened, if any."""
        if isinstance(error, KnownError):
            log.info("%s", error)
            if not self.headless:
                return show_warning(self.parent, describe_error(error))
            self.failures += 1
            print(f"omnidesk: {describe_error(error)}", file=sys.stderr)
            return None
        log.error("uncaught exception", exc_info=error)
        details = "".join(traceback.format_exception(error))
        return self.report_bug(f"{type(error).__name__}: {error}", details)

    def report_bug(self, summary: str, details: str) -> QMessageBox | None:
        """A bug (already logged): the crash dialog pointing at the log file."""
        self.failures += 1
        if self.headless:
            print(f"omnidesk: bug: {summary} (details in {self.log_file})", file=sys.stderr)
            return None
        return show_crash(self.parent, summary, details, log_file=self.log_file)


class _Desk:
    """The start-up sequence of one app run, as a coroutine on the Qt loop."""

    def __init__(
        self,
        app: QApplication,
        ctx: CliContext,
        tasks: TaskRunner,
        reporter: CrashReporter,
        *,
        screenshot: Path | None,
        view: View | None,
        case: CaseNumber | None,
    ) -> None:
        self.app = app
        self.ctx = ctx
        self.tasks = tasks
        self.reporter = reporter
        self.screenshot = screenshot
        self.gateway: Any = None
        self.presence: QTimer | None = None
        """The built-in gateway in solo mode (``omnidesk.gateway.server.Gateway``)."""
        self.view = view
        self.case = case
        self.window: MainWindow | None = None
        self.readiness: InboxReadiness | None = None
        self.known_errors: list[str] = []
        self.starting: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Open the database, offer demo data, show the window; exit when done or failed."""
        try:
            exit_code = await self._start()
        except KnownError as error:
            exit_code = error.exit_code
            log.warning("cannot start: %s", error)
            await self._tell(describe_error(error))
        except Exception as error:
            exit_code = 1
            dialog = self.reporter.report(error)
            if dialog is not None:
                await _answer(dialog)  # then quit: there is no window to go on with
        if exit_code is not None:
            self.app.exit(exit_code)

    async def _start(self) -> int | None:
        # Until the main window is up, closing a dialog must not end the app.
        self.app.setQuitOnLastWindowClosed(False)
        # Opening and migrating can take a moment on a big or remote database.
        db: Database = await self.tasks.call(lambda: self.ctx.db)
        empty = await self.tasks.call(functools.partial(count_cases, db, CaseFilter())) == 0
        # A screenshot on a fresh install must show something: fill without asking.
        if empty and (self.screenshot is not None or await self._ask_for_demo()):
            await self.tasks.call(functools.partial(fill_demo, db))
        window = MainWindow(
            DeskSetup(
                db=db,
                agent_name=self.ctx.settings.agent,
                settings_file=self.ctx.paths.settings_file,
                data_dir=self.ctx.paths.data_dir,
                settings=self.ctx.settings,
                secrets=SecretStore(),
                log_file=self.ctx.paths.log_file,
            ),
            self.tasks,
        )
        self.window = window
        self.reporter.parent = window
        self.readiness = InboxReadiness(window.case_model, window.sidebar_model, window)
        self.readiness.sig_ready.connect(self._on_inbox_ready)
        if self.screenshot is not None:
            self.tasks.sig_known_error.connect(self.known_errors.append)
        if self.screenshot is not None:
            window.resize(SCREENSHOT_SIZE)
        window.start(view=self.view, case=self.case)
        window.show()
        self.app.setQuitOnLastWindowClosed(True)
        if self.screenshot is None:
            window.start_live_updates()
            self._start_presence(db)
            # The gateway (aiohttp, mail workers) would hold up the first page and counts.
            await self._inbox_ready(timeout_s=_GATEWAY_WAIT_S)
            await self._start_solo_gateway(db, window)
            return None
        return await self._save_screenshot(window, self.screenshot)

    async def _inbox_ready(self, *, timeout_s: float) -> None:
        """Wait until the inbox is on screen, or ``timeout_s`` when it does not get there."""
        readiness = self.readiness
        if readiness is None or readiness.is_ready():
            return
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def _on_readiness_ready(_seconds: float) -> None:
            if not ready.done():
                ready.set_result(None)

        readiness.sig_ready.connect(_on_readiness_ready)
        try:
            await asyncio.wait_for(ready, timeout_s)
        except TimeoutError:
            log.info("the inbox is not ready after %s s; starting the gateway anyway", timeout_s)
        finally:
            readiness.sig_ready.disconnect(_on_readiness_ready)

    def _on_inbox_ready(self, seconds: float) -> None:
        log.info("inbox ready: case list and counts shown %.0f ms after the window", seconds * 1000)
        if os.environ.get(REPORT_READY_ENV) == "1":
            print(READY_LINE, file=sys.stderr, flush=True)

    def _start_presence(self, db: Database) -> None:
        """Tell the chat gateway an agent is at their desk, so visitors are not told otherwise."""
        name = self.ctx.settings.agent
        if not name:
            return
        from omnidesk.services.agents import find_agent
        from omnidesk.services.chat import agent_heartbeat

        def beat() -> None:
            agent_heartbeat(db, find_agent(db, name).id)

        def send() -> None:
            self.tasks.submit(beat, lambda _none: None, key="presence")

        self.presence = QTimer()
        self.presence.setInterval(60_000)
        self.presence.timeout.connect(send)
        self.presence.start()
        send()

    async def _start_solo_gateway(self, db: Database, window: MainWindow) -> None:
        """In solo mode (SQLite) the form, chat and mail workers run inside the app.

        In team mode a dedicated ``omnidesk gateway`` serves the shared PostgreSQL.
        A gateway that cannot start (port taken, say) is reported; the inbox still works.
        """
        if db.backend != "sqlite" or not self.ctx.settings.extra.get("gateway", {}).get(
            "solo", True
        ):
            return
        from omnidesk.channels.email.workers import MailWorkers, run_mail_workers
        from omnidesk.config.mail_accounts import mail_accounts, smtp_account
        from omnidesk.gateway.server import Gateway

        settings = self.ctx.settings
        workers = []
        if mail_accounts(settings) or smtp_account(settings) is not None:
            statuses = MailWorkers()
            workers.append(
                functools.partial(run_mail_workers, db, settings, SecretStore(), workers=statuses)
            )
            window.statusBar().insertPermanentWidget(
                0,
                MailStatusLabel(
                    lambda: [
                        WorkerView(s.name, s.state, s.last_error)
                        for s in list(statuses.statuses.values())
                    ]
                ),
            )
        gateway = Gateway(db, settings, workers=workers)
        try:
            await gateway.start()
        except (OSError, KnownError) as error:
            log.warning("the built-in gateway did not start: %s", error)
            window.statusBar().showMessage(
                QCoreApplication.translate("app", "Web form and chat are off: {error}").format(
                    error=error
                )
            )
            return
        self.gateway = gateway
        log.info("built-in gateway on %s", gateway.url)

    async def _save_screenshot(self, window: MainWindow, path: Path) -> int:
        await self._settle()
        # The offscreen "mouse" rests on the toolbar; its hover tip is not part of the picture.
        window.statusBar().clearMessage()
        if not window.grab().save(str(path), "PNG"):
            print(f"omnidesk: cannot write the screenshot {path}", file=sys.stderr)
            return 1
        for message in self.known_errors:
            print(f"omnidesk: {message}", file=sys.stderr)
        log.info("screenshot saved to %s", path)
        return 1 if self.known_errors or self.reporter.failures else 0

    async def _settle(self) -> None:
        """Wait until loads are done, including pages the views ask for after laying out."""
        for _ in range(_SETTLE_ROUNDS):
            await self.tasks.wait_idle()
            # A pause lets Qt lay out and paint, which may start more loads.
            await asyncio.sleep(_SETTLE_PAUSE_S)
            if self.tasks.is_idle():
                return

    async def _ask_for_demo(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_NAME,
            QCoreApplication.translate("App", "This database has no cases yet."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "App",
                "Fill it with made-up demo cases to try OmniDesk? "
                "They can be told apart by their example.net addresses.",
            )
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return await _answer(box) == QMessageBox.StandardButton.Yes

    async def _tell(self, message: str) -> None:
        if self.reporter.headless:
            print(f"omnidesk: {message}", file=sys.stderr)
            return
        await _answer(show_warning(None, message))


async def _answer(box: QMessageBox) -> QMessageBox.StandardButton:
    """Show ``box`` without a nested event loop and wait for the button pressed."""
    answered: asyncio.Future[QMessageBox.StandardButton] = (
        asyncio.get_running_loop().create_future()
    )

    def _on_box_finished(_result: int) -> None:
        if not answered.done():
            answered.set_result(box.standardButton(box.clickedButton()))

    box.finished.connect(_on_box_finished)
    if not box.isVisible():
        box.open()
    return await answered
