"""Settings ▸ Database: the SQLite file of this computer, or a shared PostgreSQL server."""

import functools
from dataclasses import replace

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from sqlalchemy.engine import make_url

from omnidesk.config.settings import Settings
from omnidesk.core.errors import ConfigError, KnownError
from omnidesk.store.engine import normalize_url
from omnidesk.ui import colors
from omnidesk.ui.labels import describe_error
from omnidesk.ui.settings.connection_test import try_database
from omnidesk.ui.settings.page import SettingsPage, form_with_intro
from omnidesk.ui.tasks import TaskRunner


class DatabasePage(SettingsPage):
    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databasePage")
        self._tasks = tasks
        form = form_with_intro(
            self,
            self.tr(
                "Alone: a SQLite file on this computer. As a team: one PostgreSQL database "
                "that every desktop and the gateway share. Takes effect after a restart."
            ),
        )
        self.default = QRadioButton(self.tr("SQLite file in OmniDesk's data folder"))
        self.default.setObjectName("databaseDefault")
        self.custom = QRadioButton(self.tr("Another database:"))
        self.custom.setObjectName("databaseCustom")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.default)
        self.choice.addButton(self.custom)
        self.url = QLineEdit()
        self.url.setObjectName("databaseUrl")
        self.url.setPlaceholderText("postgresql://omnidesk@db.example.com/omnidesk")
        self.url.setToolTip(
            self.tr(
                "A PostgreSQL URL, or the path of a SQLite file. Keep passwords out of the "
                "URL: PostgreSQL reads them from ~/.pgpass."
            )
        )
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("databaseTest")
        self.test_result = QLabel(wordWrap=True)
        self.test_result.setObjectName("databaseTestResult")
        form.addRow(self.default)
        form.addRow(self.custom)
        form.addRow(self.tr("&URL or file:"), self.url)
        form.addRow("", self.test_button)
        form.addRow("", self.test_result)
        self.custom.toggled.connect(self._on_custom_toggled)
        self.test_button.clicked.connect(self.test_connection)

    def title(self) -> str:
        return self.tr("Database")

    def load(self, settings: Settings) -> None:
        self.url.setText(settings.database_url or "")
        (self.custom if settings.database_url else self.default).setChecked(True)
        self._on_custom_toggled(self.custom.isChecked())

    def apply(self, settings: Settings) -> Settings:
        if not self.custom.isChecked():
            return replace(settings, database_url=None)
        return replace(settings, database_url=self._checked_url())

    def test_connection(self) -> None:
        try:
            url = self._checked_url()
        except ConfigError as error:
            self._show(str(error), ok=False)
            return
        self.test_button.setEnabled(False)
        self._show(self.tr("Connecting…"), ok=None)
        self._tasks.submit(
            functools.partial(try_database, url),
            self._on_test_done,
            on_failure=self._on_test_failed,
            network=True,
        )

    def _checked_url(self) -> str:
        text = self.url.text().strip()
        if not text:
            raise ConfigError(self.tr("Enter a PostgreSQL URL or the path of a SQLite file."))
        normalized = normalize_url(text)
        if make_url(normalized).password:
            # The settings file is plain text; the password belongs in ~/.pgpass.
            raise ConfigError(
                self.tr(
                    "Leave the password out of the URL: OmniDesk never writes passwords into "
                    "its settings file. Put it in ~/.pgpass (%APPDATA%\\postgresql\\pgpass.conf "
                    "on Windows) instead."
                )
            )
        return text

    def _on_custom_toggled(self, checked: bool) -> None:
        self.url.setEnabled(checked)
        self.test_button.setEnabled(checked)

    def _on_test_done(self, shown_url: str) -> None:
        self.test_button.setEnabled(True)
        self._show(self.tr("Connected to {url}.").format(url=shown_url), ok=True)

    def _on_test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._show(describe_error(error) if isinstance(error, KnownError) else str(error), ok=False)

    def _show(self, text: str, *, ok: bool | None) -> None:
        palette = self.test_result.palette()
        if ok is None:
            color = colors.muted_color()
        else:
            color = colors.success_color() if ok else colors.overdue_color()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.test_result.setPalette(palette)
        self.test_result.setText(text)
