"""Settings ▸ Gateway: where the web form and chat listen and what customers are told."""

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from omnidesk.config.settings import Settings
from omnidesk.gateway.config import DEFAULT_PORT, gateway_config
from omnidesk.ui.settings.page import SettingsPage, form_with_intro

_MAX_HOURS = 24 * 30


class GatewayPage(SettingsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gatewayPage")
        form = form_with_intro(
            self,
            self.tr(
                "The gateway serves the web form and the chat to customers' browsers. "
                "Changes take effect when the gateway starts again."
            ),
        )
        self.http = QLineEdit()
        self.http.setObjectName("gatewayHttp")
        self.http.setPlaceholderText(f"127.0.0.1:{DEFAULT_PORT}")
        self.public_url = QLineEdit()
        self.public_url.setObjectName("gatewayPublicUrl")
        self.public_url.setPlaceholderText("https://support.example.com")
        self.team_name = QLineEdit()
        self.team_name.setObjectName("gatewayTeamName")
        self.team_name.setPlaceholderText(self.tr("Example Support"))
        self.frame_ancestors = QLineEdit()
        self.frame_ancestors.setObjectName("gatewayFrameAncestors")
        self.frame_ancestors.setPlaceholderText("https://www.example.com")
        self.response_hours = QSpinBox()
        self.response_hours.setObjectName("gatewayResponseHours")
        self.response_hours.setRange(1, _MAX_HOURS)
        self.response_hours.setSuffix(self.tr(" h"))
        self.fallback = QSpinBox()
        self.fallback.setObjectName("gatewayEmailFallback")
        self.fallback.setRange(0, 7 * 86400)
        self.fallback.setSuffix(self.tr(" s"))
        form.addRow(self.tr("&Listen on:"), self.http)
        form.addRow(self.tr("&Public address:"), self.public_url)
        form.addRow(self.tr("&Team name:"), self.team_name)
        form.addRow(self.tr("&Embedded in sites:"), self.frame_ancestors)
        form.addRow(self.tr("&Promised response time:"), self.response_hours)
        form.addRow(self.tr("Unseen chat replies go by &email after:"), self.fallback)

    def title(self) -> str:
        return self.tr("Gateway")

    def load(self, settings: Settings) -> None:
        raw: dict[str, Any] = settings.extra.get("gateway", {})
        config = gateway_config(settings)
        self.http.setText(str(raw.get("http", "")))
        self.public_url.setText(config.public_url)
        self.team_name.setText(config.team_name if "team_name" in raw else "")
        frame = raw.get("frame_ancestors", [])
        self.frame_ancestors.setText(", ".join(frame) if isinstance(frame, list) else "")
        self.response_hours.setValue(config.expected_response_hours)
        self.fallback.setValue(int(config.email_fallback.total_seconds()))

    def apply(self, settings: Settings) -> Settings:
        section: dict[str, Any] = dict(settings.extra.get("gateway", {}))
        texts = {
            "http": self.http.text().strip(),
            "public_url": self.public_url.text().strip(),
            "team_name": self.team_name.text().strip(),
        }
        for key, value in texts.items():
            if value:
                section[key] = value
            else:
                section.pop(key, None)
        sites = [s.strip() for s in self.frame_ancestors.text().split(",") if s.strip()]
        if sites:
            section["frame_ancestors"] = sites
        else:
            section.pop("frame_ancestors", None)
        section["expected_response_hours"] = self.response_hours.value()
        section["email_fallback_seconds"] = self.fallback.value()
        updated = replace(settings, extra={**settings.extra, "gateway": section})
        gateway_config(updated)  # the gateway's own check
        return updated
