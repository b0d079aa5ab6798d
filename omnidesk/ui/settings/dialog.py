"""The settings dialog: one tab per area, saved together, passwords to the keyring.

Saving folds every page into one ``Settings`` value first, so a field to fix is
found before anything is written. Then, on a worker thread (a keyring may be a
D-Bus service that takes a moment), passwords go to the keyring and only then the
settings file is written: a keyring that refuses leaves the file as it was.
"""

import functools
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings, save_settings
from omnidesk.core.entities import Agent
from omnidesk.core.errors import ConfigError, KnownError, SecretStoreUnavailable
from omnidesk.services.agents import list_agents
from omnidesk.store.engine import Database
from omnidesk.ui import colors
from omnidesk.ui.labels import describe_error
from omnidesk.ui.settings.database_page import DatabasePage
from omnidesk.ui.settings.gateway_page import GatewayPage
from omnidesk.ui.settings.mail_page import MailPage
from omnidesk.ui.settings.page import SettingsPage
from omnidesk.ui.settings.profile_page import ProfilePage
from omnidesk.ui.tasks import TaskRunner


class SettingsDialog(QDialog):
    """Profile, Mail, Gateway and Database, with one Save."""

    sig_saved = Signal(object)
    """The settings as written (a ``Settings``)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        settings: Settings,
        settings_file: Path,
        secrets: SecretStore | None,
        tasks: TaskRunner,
        db: Database | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("OmniDesk settings"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._settings = settings
        self._file = settings_file
        self._secrets = secrets
        self._tasks = tasks
        self.profile = ProfilePage()
        self.mail = MailPage(tasks, secrets)
        self.gateway = GatewayPage()
        self.database = DatabasePage(tasks)
        self._pages: tuple[SettingsPage, ...] = (
            self.profile,
            self.mail,
            self.gateway,
            self.database,
        )
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        for page in self._pages:
            self.tabs.addTab(page, page.title())
            page.load(settings)
        layout.addWidget(self.tabs, 1)
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("settingsProblem")
        palette = self.problem.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colors.overdue_color())
        self.problem.setPalette(palette)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        unit = self.fontMetrics().averageCharWidth()
        self.resize(unit * 110, self.fontMetrics().height() * 30)
        if db is not None:
            tasks.submit(functools.partial(list_agents, db), self._on_agents_loaded)

    def save(self) -> None:
        """Check every page, then store passwords and write the file (off the GUI thread)."""
        updated = self._settings
        for page in self._pages:
            try:
                updated = page.apply(updated)
            except ConfigError as error:
                self.tabs.setCurrentWidget(page)
                self._show_problem(describe_error(error))
                return
        passwords: dict[str, str] = {}
        for page in self._pages:
            passwords.update(page.passwords())
        if passwords and self._secrets is None:
            self._show_problem(self.tr("No keyring is available to keep passwords."))
            return
        self._show_problem("")
        self.buttons.setEnabled(False)
        self._tasks.submit(
            functools.partial(_write, self._file, updated, self._secrets, passwords),
            lambda _none: self._on_saved(updated),
            on_failure=self._on_save_failed,
            network=True,
        )

    def _on_saved(self, settings: Settings) -> None:
        self.buttons.setEnabled(True)
        self.sig_saved.emit(settings)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, SecretStoreUnavailable):
            self.tabs.setCurrentWidget(self.mail)
        text = describe_error(error) if isinstance(error, KnownError) else str(error)
        self._show_problem(self.tr("Not saved: {problem}").format(problem=text))

    def _on_agents_loaded(self, agents: list[Agent]) -> None:
        self.profile.set_agents(agents)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


def _write(
    path: Path, settings: Settings, secrets: SecretStore | None, passwords: dict[str, str]
) -> None:
    """Runs on a worker: keyring first, so a refusal leaves the file untouched."""
    if passwords:
        assert secrets is not None
        for key, password in passwords.items():
            secrets.set(key, password)
    try:
        save_settings(path, settings)
    except OSError as exc:
        raise ConfigError(f"cannot write the settings file {path}: {exc.strerror}") from None
