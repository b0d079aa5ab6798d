"""Mail accounts from the settings file; their passwords live in the keyring.

```toml
[mail.accounts.support]
host = "imap.example.org"
user = "support@example.org"
security = "tls"            # tls (port 993), starttls (143), or plain (loopback only)
folders = ["INBOX"]
processed = "flag"          # flag, move or none: what happens on the server after import
processed_folder = "OmniDesk/Processed"

[mail.smtp]
host = "smtp.example.org"
user = "support@example.org"
security = "starttls"       # tls (465), starttls (587), or plain (loopback only)
from_address = "support@example.org"
```
"""

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from omnidesk.config.settings import Settings
from omnidesk.core.errors import ConfigError


class Security(StrEnum):
    TLS = "tls"
    STARTTLS = "starttls"
    PLAIN = "plain"


class Processed(StrEnum):
    FLAG = "flag"
    MOVE = "move"
    NONE = "none"


_E = TypeVar("_E", bound=StrEnum)

_IMAP_PORTS = {Security.TLS: 993, Security.STARTTLS: 143, Security.PLAIN: 143}
_SMTP_PORTS = {Security.TLS: 465, Security.STARTTLS: 587, Security.PLAIN: 25}


@dataclass(frozen=True, slots=True)
class MailAccount:
    name: str
    host: str
    port: int
    user: str
    security: Security = Security.TLS
    folders: tuple[str, ...] = ("INBOX",)
    processed: Processed = Processed.FLAG
    processed_folder: str = "OmniDesk/Processed"
    timeout_seconds: float = 30.0

    @property
    def secret_key(self) -> str:
        """The keyring entry holding this account's password."""
        return f"imap:{self.name}"


@dataclass(frozen=True, slots=True)
class SmtpAccount:
    host: str
    port: int
    user: str
    from_address: str
    security: Security = Security.STARTTLS
    timeout_seconds: float = 30.0

    @property
    def secret_key(self) -> str:
        return "smtp"


def mail_accounts(settings: Settings) -> list[MailAccount]:
    section = _section(settings.extra.get("mail", {}), "mail")
    accounts = _section(section.get("accounts", {}), "mail.accounts")
    return [
        _account(name, _section(raw, f"mail.accounts.{name}")) for name, raw in accounts.items()
    ]


def find_mail_account(settings: Settings, name: str | None) -> list[MailAccount]:
    """The named account, or all of them; a clear error when there is none."""
    accounts = mail_accounts(settings)
    if not accounts:
        raise ConfigError(
            "no mail account is configured: add a [mail.accounts.NAME] section to the "
            "settings file (see the README, 'Configuration')"
        )
    if name is None:
        return accounts
    chosen = [a for a in accounts if a.name == name]
    if not chosen:
        known = ", ".join(a.name for a in accounts)
        raise ConfigError(f"no mail account named {name!r} (configured: {known})")
    return chosen


def smtp_account(settings: Settings) -> SmtpAccount | None:
    section = _section(settings.extra.get("mail", {}), "mail")
    raw = section.get("smtp")
    if raw is None:
        return None
    raw = _section(raw, "mail.smtp")
    where = "mail.smtp"
    security = _choice(raw, "security", Security, Security.STARTTLS, where)
    host = _text(raw, "host", where)
    _check_plain(security, host, where)
    user = _text(raw, "user", where, default="")
    return SmtpAccount(
        host=host,
        port=_port(raw, _SMTP_PORTS[security], where),
        user=user,
        from_address=_text(raw, "from_address", where, default=user or settings.team_address),
        security=security,
        timeout_seconds=float(raw.get("timeout_seconds", 30.0)),
    )


def _account(name: str, raw: dict[str, Any]) -> MailAccount:
    where = f"mail.accounts.{name}"
    security = _choice(raw, "security", Security, Security.TLS, where)
    host = _text(raw, "host", where)
    _check_plain(security, host, where)
    folders = raw.get("folders", ["INBOX"])
    if not isinstance(folders, list) or not folders or not all(isinstance(f, str) for f in folders):
        raise ConfigError(f"settings [{where}]: 'folders' must be a list of folder names")
    return MailAccount(
        name=name,
        host=host,
        port=_port(raw, _IMAP_PORTS[security], where),
        user=_text(raw, "user", where),
        security=security,
        folders=tuple(folders),
        processed=_choice(raw, "processed", Processed, Processed.FLAG, where),
        processed_folder=_text(raw, "processed_folder", where, default="OmniDesk/Processed"),
        timeout_seconds=float(raw.get("timeout_seconds", 30.0)),
    )


def _section(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"settings: [{where}] must be a section")
    return value


def _text(raw: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise ConfigError(f"settings [{where}]: {key!r} is missing or not text")
    return value.strip()


def _port(raw: dict[str, Any], default: int, where: str) -> int:
    port = raw.get("port", default)
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise ConfigError(f"settings [{where}]: 'port' must be a number from 1 to 65535")
    return port


def _choice(raw: dict[str, Any], key: str, kind: type[_E], default: _E, where: str) -> _E:
    value = raw.get(key, default.value)
    try:
        return kind(value)
    except ValueError:
        options = ", ".join(e.value for e in kind)
        raise ConfigError(f"settings [{where}]: {key!r} must be one of {options}") from None


def _check_plain(security: Security, host: str, where: str) -> None:
    """Unencrypted mail connections are allowed only to this machine."""
    if security is not Security.PLAIN:
        return
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise ConfigError(
        f"settings [{where}]: security = 'plain' would send the password unencrypted to "
        f"{host}; use 'tls' or 'starttls' (plain is allowed only for localhost)"
    )
