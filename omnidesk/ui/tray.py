"""The tray icon: OmniDesk stays in reach, and shows notifications where the desktop does.

Only created where the desktop has a system tray; elsewhere the window shows
notifications in its status bar instead.
"""

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

_MESSAGE_MS = 8_000


class DeskTray(QObject):
    """A tray icon with "Show" and "Quit", and balloons that open their case when clicked."""

    sig_show_requested = Signal()
    sig_case_requested = Signal(int)

    def __init__(self, icon: QIcon, quit_action: QAction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("OmniDesk")
        self._last_case: int | None = None
        self._menu = QMenu()
        show = self._menu.addAction(self.tr("Show OmniDesk"))
        show.triggered.connect(self.sig_show_requested)
        self._menu.addSeparator()
        self._menu.addAction(quit_action)
        self.icon.setContextMenu(self._menu)
        self.icon.activated.connect(self._on_icon_activated)
        self.icon.messageClicked.connect(self._on_message_clicked)
        self.icon.show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, title: str, text: str, number: int) -> None:
        self._last_case = number
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, _MESSAGE_MS)

    def set_unread(self, count: int) -> None:
        if count:
            self.icon.setToolTip(self.tr("OmniDesk — %n unread case(s)", None, count))
        else:
            self.icon.setToolTip("OmniDesk")

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.sig_show_requested.emit()

    def _on_message_clicked(self) -> None:
        if self._last_case is not None:
            self.sig_case_requested.emit(self._last_case)
