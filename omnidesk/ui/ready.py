"""A start-up diagnostic: the moment the inbox is usable (first case page and counts shown).

``InboxReadiness`` watches the case list and the sidebar of a main window and emits
``sig_ready`` once, when the first page of cases and the view counts have both arrived
and Qt has had a turn to paint them. The app logs it (INFO); with
``OMNIDESK_REPORT_READY=1`` it also prints ``omnidesk: inbox ready`` on stderr, which is
what the desktop benchmark (``tests/benchmarks/bench_desktop.py``) times a start by.
"""

import time

from PySide6.QtCore import QObject, QTimer, Signal

from omnidesk.ui.models.case_table import CaseTableModel
from omnidesk.ui.models.sidebar import VIEWS, SidebarModel

REPORT_READY_ENV = "OMNIDESK_REPORT_READY"
"""Set to ``1`` to have the app print one line on stderr when the inbox is ready."""
READY_LINE = "omnidesk: inbox ready"


class InboxReadiness(QObject):
    """Emits ``sig_ready`` once, when the first case page and the sidebar counts are in."""

    sig_ready = Signal(float)
    """Seconds from this watcher's creation (about when the window was built) to ready."""

    def __init__(
        self, cases: CaseTableModel, sidebar: SidebarModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._started = time.perf_counter()
        self._cases = cases
        self._sidebar = sidebar
        self._page = False
        self._counts = False
        self._ready = False
        cases.sig_page_loaded.connect(self._on_cases_page_loaded)
        sidebar.dataChanged.connect(self._on_sidebar_data_changed)

    def is_ready(self) -> bool:
        return self._ready

    def _on_cases_page_loaded(self, _rows: int) -> None:
        self._page = True
        self._check()

    def _on_sidebar_data_changed(self) -> None:
        self._counts = self._sidebar.count(VIEWS[0]) is not None
        self._check()

    def _check(self) -> None:
        if not (self._page and self._counts):
            return
        self._cases.sig_page_loaded.disconnect(self._on_cases_page_loaded)
        self._sidebar.dataChanged.disconnect(self._on_sidebar_data_changed)
        # The rows are in the models; one more turn of the event loop paints them.
        QTimer.singleShot(0, self._on_painted)

    def _on_painted(self) -> None:
        self._ready = True
        self.sig_ready.emit(time.perf_counter() - self._started)
