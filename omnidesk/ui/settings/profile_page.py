"""Settings ▸ Profile: who I am, my signature, the language and time zone, notifications."""

from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from omnidesk.config.settings import Settings
from omnidesk.core.entities import Agent
from omnidesk.core.errors import ConfigError
from omnidesk.ui.preferences import desktop_preferences, with_desktop_preferences
from omnidesk.ui.settings.page import SettingsPage, form_with_intro

_LANGUAGES = (("en", "English"), ("de", "Deutsch"))
"""Each language names itself, untranslated: that is how people find their own."""


class ProfilePage(SettingsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profilePage")
        form = form_with_intro(
            self,
            self.tr("Which agent you are on this desktop, and how your replies are signed."),
        )
        self.agent = QComboBox()
        self.agent.setObjectName("profileAgent")
        self.agent.setEditable(True)
        self.agent.setMinimumContentsLength(16)
        self.agent.setToolTip(self.tr("Your agent name (see: omnidesk agent list)"))
        self.team_address = QLineEdit()
        self.team_address.setObjectName("profileTeamAddress")
        self.team_address.setPlaceholderText("support@example.com")
        self.signature = QPlainTextEdit()
        self.signature.setObjectName("profileSignature")
        self.signature.setPlaceholderText(self.tr("Anna Schmidt\nExample Support"))
        self.signature.setFixedHeight(self.signature.fontMetrics().lineSpacing() * 4 + 12)
        self.language = QComboBox()
        self.language.setObjectName("profileLanguage")
        self.language.addItem(self.tr("Automatic (system language)"), "auto")
        for code, name in _LANGUAGES:
            self.language.addItem(name, code)
        self.time_zone = QLineEdit()
        self.time_zone.setObjectName("profileTimeZone")
        self.time_zone.setPlaceholderText(self.tr("system time zone, or e.g. Europe/Berlin"))
        self.notify_messages = QCheckBox(self.tr("New customer messages on my cases"))
        self.notify_messages.setObjectName("profileNotifyMessages")
        self.notify_commitments = QCheckBox(self.tr("My commitments coming due"))
        self.notify_commitments.setObjectName("profileNotifyCommitments")
        form.addRow(self.tr("&Agent:"), self.agent)
        form.addRow(self.tr("&Team address:"), self.team_address)
        form.addRow(self.tr("&Signature:"), self.signature)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("Time &zone:"), self.time_zone)
        form.addRow(self.tr("Notify me of:"), self.notify_messages)
        form.addRow("", self.notify_commitments)

    def title(self) -> str:
        return self.tr("Profile")

    def set_agents(self, agents: list[Agent]) -> None:
        """Offer the team's active agents (loaded in the background)."""
        current = self.agent.currentText()
        self.agent.clear()
        for agent in agents:
            if agent.active:
                self.agent.addItem(agent.name)
        self.agent.setCurrentText(current)

    def load(self, settings: Settings) -> None:
        self.agent.setCurrentText(settings.agent or "")
        self.team_address.setText(settings.team_address)
        preferences = desktop_preferences(settings)
        self.signature.setPlainText(preferences.signature)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(index, 0))
        self.time_zone.setText(settings.time_zone)
        self.notify_messages.setChecked(preferences.notify_new_messages)
        self.notify_commitments.setChecked(preferences.notify_commitments)

    def apply(self, settings: Settings) -> Settings:
        zone = self.time_zone.text().strip()
        if zone:
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError):
                raise ConfigError(
                    self.tr("Unknown time zone “{zone}”: use a name like Europe/Berlin.").format(
                        zone=zone
                    )
                ) from None
        address = self.team_address.text().strip()
        if address and "@" not in address:
            raise ConfigError(self.tr("The team address must be an email address."))
        updated = replace(
            settings,
            agent=self.agent.currentText().strip() or None,
            team_address=address,
            language=str(self.language.currentData()),
            time_zone=zone,
        )
        preferences = replace(
            desktop_preferences(settings),
            signature=self.signature.toPlainText().strip(),
            notify_new_messages=self.notify_messages.isChecked(),
            notify_commitments=self.notify_commitments.isChecked(),
        )
        return with_desktop_preferences(updated, preferences)
