"""Settings ▸ Mail: the IMAP accounts OmniDesk reads, each with "Test connection".

Accounts are kept as the TOML tables ``config.mail_accounts`` reads, so what the
page saves is exactly what the gateway will parse. Passwords never enter those
tables: they go to the keyring under each account's ``secret_key`` when saving.
"""

import functools
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from omnidesk.config.mail_accounts import MailAccount, Security, mail_accounts
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.core.errors import ConfigError, KnownError
from omnidesk.ui import colors
from omnidesk.ui.dialogs.base import muted_label
from omnidesk.ui.labels import describe_error
from omnidesk.ui.settings.connection_test import try_imap
from omnidesk.ui.settings.page import SettingsPage
from omnidesk.ui.tasks import TaskRunner

_DEFAULT_PORTS = {Security.TLS: 993, Security.STARTTLS: 143, Security.PLAIN: 143}


class MailPage(SettingsPage):
    """A list of accounts on the left, the chosen one's fields on the right."""

    def __init__(
        self, tasks: TaskRunner, secrets: SecretStore | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mailPage")
        self._tasks = tasks
        self._secrets = secrets
        self._accounts: list[dict[str, Any]] = []
        self._passwords: dict[str, str] = {}
        self._current = -1
        self._loading = False

        layout = QVBoxLayout(self)
        layout.addWidget(
            muted_label(
                self.tr(
                    "The mailboxes customers write to. OmniDesk reads them over IMAP; "
                    "passwords are kept in the system keyring, never in the settings file."
                )
            )
        )
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("mailAccountList")
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.setObjectName("mailAddAccount")
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("mailRemoveAccount")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        body.addLayout(left, 1)
        self.fields = QWidget()
        self._build_fields(QFormLayout(self.fields))
        body.addWidget(self.fields, 2)
        layout.addLayout(body, 1)

        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.add_button.clicked.connect(self.add_account)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.security.currentIndexChanged.connect(self._on_security_changed)
        self.test_button.clicked.connect(self.test_connection)
        for line in (self.name, self.host, self.user, self.folders, self.password):
            line.textEdited.connect(self._on_field_edited)
        self.port.valueChanged.connect(self._on_field_edited)
        self._show_fields()

    def _build_fields(self, form: QFormLayout) -> None:
        self.name = QLineEdit()
        self.name.setObjectName("mailName")
        self.host = QLineEdit()
        self.host.setObjectName("mailHost")
        self.host.setPlaceholderText("imap.example.com")
        self.security = QComboBox()
        self.security.setObjectName("mailSecurity")
        self.security.addItem(self.tr("TLS (port 993)"), Security.TLS.value)
        self.security.addItem(self.tr("STARTTLS (port 143)"), Security.STARTTLS.value)
        self.security.addItem(self.tr("None (this computer only)"), Security.PLAIN.value)
        self.port = QSpinBox()
        self.port.setObjectName("mailPort")
        self.port.setRange(1, 65535)
        self.user = QLineEdit()
        self.user.setObjectName("mailUser")
        self.user.setPlaceholderText("support@example.com")
        self.password = QLineEdit()
        self.password.setObjectName("mailPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("leave empty to keep the stored password"))
        self.folders = QLineEdit()
        self.folders.setObjectName("mailFolders")
        self.folders.setPlaceholderText("INBOX")
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("Se&curity:"), self.security)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("&Folders:"), self.folders)
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setObjectName("mailTest")
        self.test_result = QLabel(wordWrap=True)
        self.test_result.setObjectName("mailTestResult")
        form.addRow("", self.test_button)
        form.addRow("", self.test_result)

    def title(self) -> str:
        return self.tr("Mail")

    # -- settings in and out ----------------------------------------------------------

    def load(self, settings: Settings) -> None:
        mail = settings.extra.get("mail", {})
        accounts = mail.get("accounts", {}) if isinstance(mail, dict) else {}
        self._accounts = [
            {"name": name, **raw} for name, raw in accounts.items() if isinstance(raw, dict)
        ]
        self._passwords = {}
        self.list.clear()
        self.list.addItems([a["name"] for a in self._accounts])
        self.list.setCurrentRow(0 if self._accounts else -1)
        self._show_fields()

    def apply(self, settings: Settings) -> Settings:
        self._store_fields()
        names = [a["name"] for a in self._accounts]
        if len(set(names)) != len(names):
            raise ConfigError(self.tr("Two mail accounts have the same name."))
        mail = dict(settings.extra.get("mail", {}))
        mail["accounts"] = {
            a["name"]: {k: v for k, v in a.items() if k != "name"} for a in self._accounts
        }
        if not mail["accounts"]:
            del mail["accounts"]
        updated = replace(settings, extra={**settings.extra, "mail": mail})
        if not mail:
            updated = replace(
                settings, extra={k: v for k, v in settings.extra.items() if k != "mail"}
            )
        mail_accounts(updated)  # the gateway's own check: a bad field fails here, not later
        return updated

    def passwords(self) -> dict[str, str]:
        self._store_fields()
        return {
            MailAccount(name=n, host="", port=1, user="").secret_key: p
            for n, p in self._passwords.items()
            if p
        }

    # -- editing --------------------------------------------------------------------------

    def add_account(self) -> None:
        self._store_fields()
        taken = {a["name"] for a in self._accounts}
        name = next(f"support{i or ''}" for i in range(100) if f"support{i or ''}" not in taken)
        self._accounts.append(
            {"name": name, "host": "", "user": "", "security": Security.TLS.value}
        )
        self.list.addItem(name)
        self.list.setCurrentRow(len(self._accounts) - 1)
        self.host.setFocus()

    def _on_remove_clicked(self) -> None:
        row = self._current
        if not 0 <= row < len(self._accounts):
            return
        removed = self._accounts.pop(row)
        self._passwords.pop(removed["name"], None)
        self._current = -1
        self.list.takeItem(row)
        self._show_fields()

    def _on_list_current_row_changed(self, row: int) -> None:
        self._store_fields()
        self._current = row
        self._show_fields()

    def _show_fields(self) -> None:
        self._loading = True
        self.test_result.clear()
        account = self._account()
        self.fields.setEnabled(account is not None)
        self.remove_button.setEnabled(account is not None)
        account = account or {"name": "", "host": "", "user": ""}
        security = account.get("security", Security.TLS.value)
        self.name.setText(account["name"])
        self.host.setText(str(account.get("host", "")))
        self.security.setCurrentIndex(max(0, self.security.findData(security)))
        self.port.setValue(int(account.get("port", _DEFAULT_PORTS.get(Security(security), 993))))
        self.user.setText(str(account.get("user", "")))
        self.password.setText(self._passwords.get(account["name"], ""))
        self.folders.setText(", ".join(account.get("folders", ["INBOX"])))
        self._loading = False

    def _store_fields(self) -> None:
        """Copy the fields into the account they show (before switching or saving)."""
        account = self._account()
        if account is None or self._loading:
            return
        old_name = account["name"]
        name = self.name.text().strip() or old_name
        account["name"] = name
        account["host"] = self.host.text().strip()
        account["user"] = self.user.text().strip()
        account["security"] = str(self.security.currentData())
        security = Security(account["security"])
        if self.port.value() == _DEFAULT_PORTS[security]:
            account.pop("port", None)  # keep the file free of defaults
        else:
            account["port"] = self.port.value()
        folders = [f.strip() for f in self.folders.text().split(",") if f.strip()]
        account["folders"] = folders or ["INBOX"]
        password = self.password.text()
        self._passwords.pop(old_name, None)
        if password:
            self._passwords[name] = password
        item = self.list.item(self._current)
        if item is not None:
            item.setText(name)

    def _account(self) -> dict[str, Any] | None:
        return self._accounts[self._current] if 0 <= self._current < len(self._accounts) else None

    def _on_security_changed(self, _index: int) -> None:
        if not self._loading:
            # Switching TLS <-> STARTTLS almost always means the standard port changes too.
            self.port.setValue(_DEFAULT_PORTS[Security(str(self.security.currentData()))])
            self._on_field_edited()

    def _on_field_edited(self, *_args: object) -> None:
        if not self._loading:
            self.test_result.clear()

    # -- test connection ------------------------------------------------------------------

    def test_connection(self) -> None:
        """Log in with the fields as they are; say plainly what went wrong, if anything."""
        self._store_fields()
        raw = self._account()
        if raw is None:
            return
        try:
            probe = Settings(extra={"mail": {"accounts": {raw["name"]: _without_name(raw)}}})
            [account] = mail_accounts(probe)
        except ConfigError as error:
            self._show_result(str(error), ok=False)
            return
        typed = self.password.text()
        self.test_button.setEnabled(False)
        self._show_result(self.tr("Connecting to {host}…").format(host=account.host), ok=None)
        self._tasks.submit(
            functools.partial(_try_with_stored_password, account, typed, self._secrets),
            self._on_test_done,
            on_failure=self._on_test_failed,
            network=True,
        )

    def _on_test_done(self, folders: int) -> None:
        self.test_button.setEnabled(True)
        self._show_result(
            self.tr("Connected and logged in: %n folder(s) found.", None, folders), ok=True
        )

    def _on_test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        text = describe_error(error) if isinstance(error, KnownError) else str(error)
        self._show_result(text, ok=False)

    def _show_result(self, text: str, *, ok: bool | None) -> None:
        palette = self.test_result.palette()
        if ok is False:
            color = colors.overdue_color()
        elif ok:
            color = colors.success_color()
        else:
            color = colors.muted_color()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.test_result.setPalette(palette)
        self.test_result.setText(text)


def _without_name(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in raw.items() if k != "name"}


def _try_with_stored_password(account: MailAccount, typed: str, secrets: SecretStore | None) -> int:
    """Runs on a network thread: the typed password, else the one in the keyring."""
    password = typed or (secrets.get(account.secret_key) if secrets is not None else None)
    if not password:
        raise ConfigError(f"enter the password of {account.user!r} to test the connection")
    return try_imap(account, password)
