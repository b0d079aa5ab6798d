"""The gateway's settings: the ``[gateway]`` section of the settings file, with defaults.

```toml
[gateway]
http = "127.0.0.1:8780"          # where the form and chat listen (--http overrides)
public_url = "https://support.example.com"   # how browsers reach it (behind a proxy)
frame_ancestors = ["https://www.example.com"] # sites that may embed form and chat
trusted_proxies = ["127.0.0.1"]  # whose X-Forwarded-For is believed
team_name = "Example Support"    # sender name of automatic mail
expected_response_hours = 24     # told to customers; a placeholder figure for now
email_fallback_seconds = 90      # unseen chat replies go by email after this
poll_interval_ms = 10            # SQLite change feed
```
"""

import ipaddress
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from typing import Any

from omnidesk.config.settings import Settings
from omnidesk.core.errors import ConfigError
from omnidesk.core.mail_ids import domain_of
from omnidesk.services.acknowledge import AckSettings

DEFAULT_PORT = 8780
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Sizes and rates that keep one visitor or bot from hurting everyone else."""

    form_chars: int = 20_000
    field_chars: int = 200
    attachments: int = 3
    attachment_bytes: int = 5 * MB
    chat_chars: int = 4_000
    chat_frame_bytes: int = 16 * 1024
    """A frame larger than this closes the socket (1009); a text limit of 4 000 characters
    is at most 16 000 bytes of UTF-8 plus a little JSON."""
    forms_per_ip_hour: int = 10
    forms_per_address_hour: int = 3
    chats_per_ip_hour: int = 10
    chat_messages_per_minute: int = 30
    chat_frames_per_10s: int = 60
    sockets_per_ip: int = 20
    transcript_mails_per_hour: int = 3

    @property
    def form_bytes(self) -> int:
        """The largest acceptable form request: every file at its limit plus the text."""
        return self.attachments * self.attachment_bytes + 256 * 1024


@dataclass(frozen=True, slots=True)
class GatewayConfig:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    public_url: str = ""
    frame_ancestors: tuple[str, ...] = ("*",)
    allowed_origins: tuple[str, ...] = ()
    """Origins besides the gateway's own allowed to post forms and open chats."""
    trusted_proxies: tuple[str, ...] = ()
    team_name: str = "Support"
    team_address: str = ""
    expected_response_hours: int = 24
    email_fallback: timedelta = timedelta(seconds=90)
    poll_interval: float = 0.01
    form_min_seconds: float = 2.0
    """A form sent faster than this after it was shown is a bot's (people read first)."""
    form_max_age: timedelta = timedelta(hours=4)
    agents_online_window: timedelta = timedelta(minutes=3)
    shutdown_timeout: float = 10.0
    limits: Limits = field(default_factory=Limits)

    @property
    def ack(self) -> AckSettings:
        return AckSettings(
            team_name=self.team_name,
            mail_domain=domain_of(self.team_address),
            response_hours=self.expected_response_hours,
        )


def parse_http(text: str) -> tuple[str, int]:
    """``HOST:PORT``, ``:PORT`` or ``[::1]:PORT``."""
    host, sep, port_text = text.strip().rpartition(":")
    if not sep:
        raise ConfigError(f"{text!r} is not HOST:PORT (for example 127.0.0.1:{DEFAULT_PORT})")
    host = host.strip("[]") or "127.0.0.1"
    try:
        port = int(port_text)
    except ValueError:
        raise ConfigError(f"{text!r}: the port must be a number") from None
    if not 0 <= port < 65536:
        raise ConfigError(f"{text!r}: the port must be from 0 to 65535")
    return host, port


def gateway_config(settings: Settings, *, http: str | None = None) -> GatewayConfig:
    """The configuration from the settings file, ``--http`` winning over ``http``."""
    raw: dict[str, Any] = settings.extra.get("gateway", {})
    if not isinstance(raw, dict):
        raise ConfigError("settings: [gateway] must be a section")
    values = _plain_values(raw)
    address = http or raw.get("http")
    if address is not None:
        values["host"], values["port"] = parse_http(_text("http", address))
    values["limits"] = _limits(raw.get("limits", {}))
    return replace(GatewayConfig(team_address=settings.team_address), **values)


def _plain_values(raw: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("public_url", "team_name"):
        if key in raw:
            values[key] = _text(key, raw[key])
    for key in ("frame_ancestors", "allowed_origins", "trusted_proxies"):
        if key in raw:
            values[key] = _texts(key, raw[key])
    for proxy in values.get("trusted_proxies", ()):
        try:
            ipaddress.ip_address(proxy)
        except ValueError:
            raise ConfigError(f"settings [gateway]: {proxy!r} is not an IP address") from None
    if "expected_response_hours" in raw:
        values["expected_response_hours"] = _number(raw, "expected_response_hours", 1, 24 * 30)
    if "email_fallback_seconds" in raw:
        seconds = _number(raw, "email_fallback_seconds", 0, 7 * 86400)
        values["email_fallback"] = timedelta(seconds=seconds)
    if "poll_interval_ms" in raw:
        values["poll_interval"] = _number(raw, "poll_interval_ms", 5, 5000) / 1000
    if "form_min_seconds" in raw:
        values["form_min_seconds"] = float(_number(raw, "form_min_seconds", 0, 600))
    return values


def _limits(raw: Any) -> Limits:
    if not isinstance(raw, dict):
        raise ConfigError("settings: [gateway.limits] must be a section")
    known = {f.name for f in fields(Limits)}
    for key in raw:
        if key not in known:
            raise ConfigError(f"settings [gateway.limits]: unknown limit {key!r}")
    return replace(Limits(), **{k: _number(raw, k, 1, 10**9) for k in raw})


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"settings [gateway]: {key!r} must be text")
    return value.strip()


def _texts(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"settings [gateway]: {key!r} must be a list of texts")
    return tuple(v.strip() for v in value if v.strip())


def _number(raw: dict[str, Any], key: str, low: int, high: int) -> int:
    value = raw[key]
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ConfigError(
            f"settings [gateway]: {key!r} must be a whole number from {low} to {high}"
        )
    return value
