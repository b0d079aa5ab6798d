"""Runs the real ``omnidesk`` app and, once its inbox is ready, opens cases one after another.

Usage (by ``bench_desktop.py``, with ``QT_QPA_PLATFORM=offscreen``)::

    python tests/benchmarks/desktop_driver.py --cases 1001,1002,... -- --data-dir DIR

It creates the ``QApplication`` itself (the app reuses an existing one) so that a timer
can find the main window; everything else is the app's own start-up
(``omnidesk.cli.main.main``). When the last case is shown it prints ``OPENED_LINE`` on
stderr and keeps running, so the benchmark can read the process's memory, then ends it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer  # noqa: TID251 - this driver runs the GUI
from PySide6.QtWidgets import QApplication  # noqa: TID251

from omnidesk.cli.main import main as omnidesk_main
from omnidesk.core.ids import CaseNumber
from omnidesk.ui.mainwindow import MainWindow
from omnidesk.ui.ready import InboxReadiness

OPENED_LINE = "driver: cases opened"
_POLL_MS = 5


class Driver:
    """Waits for the inbox, then opens ``cases`` in turn, each once the previous one shows."""

    def __init__(self, app: QApplication, cases: list[CaseNumber]) -> None:
        self.app = app
        self.todo = list(cases)
        self.window: MainWindow | None = None
        self.waiting: CaseNumber | None = None
        self.timer = QTimer()
        self.timer.setInterval(_POLL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()

    def _on_timer_timeout(self) -> None:
        window = self.window or self._ready_window()
        if window is None:
            return
        self.window = window
        if self.waiting is not None and window.composer.current_number() != self.waiting:
            return
        if not self.todo:
            self.timer.stop()
            print(OPENED_LINE, file=sys.stderr, flush=True)
            return
        self.waiting = self.todo.pop(0)
        window.open_case(self.waiting)

    def _ready_window(self) -> MainWindow | None:
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, MainWindow):
                readiness = widget.findChild(InboxReadiness)
                if readiness is not None and readiness.is_ready():
                    return widget
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", required=True, help="comma-separated case numbers")
    parser.add_argument("app_args", nargs=argparse.REMAINDER, help="-- then omnidesk's arguments")
    args = parser.parse_args()
    app_args = [a for a in args.app_args if a != "--"]
    app = QApplication(sys.argv[:1])
    driver = Driver(app, [CaseNumber(int(n)) for n in args.cases.split(",") if n])
    code = omnidesk_main(app_args)
    driver.timer.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
