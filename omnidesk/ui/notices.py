"""Where the notifier's news shows: tray balloons (or the status bar) and unread dots.

Glue between :class:`~omnidesk.ui.notifier.Notifier`, the optional tray icon and
the main window, so the window itself only says what to do with a chosen case.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from omnidesk.core.ids import CaseNumber
from omnidesk.ui.icons import icon
from omnidesk.ui.models.case_table import CaseTableModel
from omnidesk.ui.notifier import Notifier
from omnidesk.ui.tray import DeskTray


class DeskNotices(QObject):
    """Shows notifications and keeps the case list's unread markers current."""

    sig_open_case = Signal(int)
    """The agent clicked a notification about this case."""

    def __init__(
        self,
        window: QWidget,
        *,
        notifier: Notifier,
        cases: CaseTableModel,
        quit_action: QAction,
        show_message: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._cases = cases
        self._show_message = show_message
        self.tray = DeskTray(icon("omnidesk"), quit_action, self) if DeskTray.available() else None
        notifier.sig_notification.connect(self._on_notification)
        notifier.sig_unread_changed.connect(self._on_unread_changed)
        cases.set_unread(notifier.unread())
        if self.tray is not None:
            self.tray.sig_show_requested.connect(self._on_tray_show_requested)
            self.tray.sig_case_requested.connect(self._on_tray_case_requested)

    def _on_notification(self, title: str, text: str, number: int) -> None:
        if self.tray is not None:
            self.tray.notify(title, text, number)
        else:
            self._show_message(f"{title} — {text}")
        QApplication.alert(self._window)  # the taskbar asks for attention; focus stays put

    def _on_unread_changed(self, unread: frozenset[CaseNumber]) -> None:
        self._cases.set_unread(unread)
        if self.tray is not None:
            self.tray.set_unread(len(unread))

    def _on_tray_show_requested(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def _on_tray_case_requested(self, number: int) -> None:
        self._on_tray_show_requested()
        self.sig_open_case.emit(number)
