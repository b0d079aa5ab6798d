"""The time zone people mean when they type "tomorrow 10:00"."""

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from omnidesk.config.settings import Settings
from omnidesk.core.errors import ConfigError


def local_zone(settings: Settings) -> ZoneInfo:
    """The ``time_zone`` setting, else the system's zone, else UTC."""
    name = settings.time_zone or _system_zone_name()
    if not name:
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {name!r} (use a name like 'Europe/Berlin')") from None


def _system_zone_name() -> str:
    if tz := os.environ.get("TZ", "").lstrip(":"):
        return tz
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
    except OSError:
        return ""
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""
