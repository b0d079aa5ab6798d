"""Typed settings, declared once with their defaults, read from and written to TOML.

Every option lives in one dataclass; the file holds only what differs from the
defaults. Secrets never appear here: passwords live in the OS keyring.
"""

import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomli_w

from omnidesk.core.errors import ConfigError

_SECRET_WORDS = ("password", "secret", "token")


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str | None = None
    """None means the SQLite file in the data folder."""
    agent: str | None = None
    """The name of the agent using this desktop (see ``omnidesk agent list``)."""
    language: str = "auto"
    """``auto`` follows the system; ``en`` or ``de`` force a language."""
    reopen_window_days: int = 30
    """A customer reply within this many days after resolving reopens the case."""
    subject_threading: bool = False
    """Thread mail by same customer + same subject when headers do not link it."""
    subject_threading_days: int = 5
    team_address: str = ""
    """The address customers write to; outgoing mail is sent from it."""
    time_zone: str = ""
    """For due times people type ("tomorrow 10:00"); empty means the system's zone."""
    acknowledge_email: bool = True
    """New email cases written by a person get an acknowledgement (never auto-replies)."""
    automatic_mails_per_day: int = 3
    """At most this many automatic mails to one address per 24 hours: mail loops die out."""
    tell_customer_owner: bool = False
    """When a case is claimed, email the customer who handles it now (email cases only)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Sections owned by later parts (mail accounts, gateway), kept as read."""


_KNOWN = {f.name for f in fields(Settings)} - {"extra"}


def load_settings(path: Path) -> Settings:
    """Read the settings file; a missing file means all defaults."""
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the settings file {path} is not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the settings file {path}: {exc}") from None
    return settings_from_mapping(raw, source=str(path))


def settings_from_mapping(raw: dict[str, Any], *, source: str) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _KNOWN:
            values[key] = _checked(key, value, getattr(defaults, key), source)
        elif isinstance(value, dict):
            extra[key] = value
        else:
            known = ", ".join(sorted(_KNOWN))
            raise ConfigError(f"{source}: unknown setting {key!r} (known settings: {known})")
    _refuse_secrets(raw, source)
    return replace(defaults, **values, extra=extra)


def _checked(key: str, value: Any, default: Any, source: str) -> Any:
    expected: tuple[type, ...]
    if key in {"database_url", "agent"}:
        expected = (str,)
    elif isinstance(default, bool):
        expected = (bool,)
    else:
        expected = (type(default),)
    if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
        raise ConfigError(
            f"{source}: setting {key!r} must be {expected[0].__name__}, not {value!r}"
        )
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise ConfigError(f"{source}: setting {key!r} cannot be negative")
    return value


def _refuse_secrets(raw: dict[str, Any], source: str, prefix: str = "") -> None:
    """A password in the settings file would be a plaintext secret on disk: refuse it."""
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _refuse_secrets(value, source, prefix=f"{name}.")
        elif any(word in key.lower() for word in _SECRET_WORDS) and value:
            raise ConfigError(
                f"{source}: {name!r} holds a secret; OmniDesk keeps passwords only in the "
                "system keyring. Remove it from the file and enter it in Settings."
            )


def save_settings(path: Path, settings: Settings) -> None:
    """Write what differs from the defaults, atomically (no half-written file on a crash)."""
    defaults = asdict(Settings())
    data = {k: v for k, v in asdict(settings).items() if k != "extra" and v != defaults[k]}
    data = {k: v for k, v in data.items() if v is not None}
    data.update(settings.extra)
    _refuse_secrets(data, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text(tomli_w.dumps(data), encoding="utf-8")
    temporary.replace(path)
