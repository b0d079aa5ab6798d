"""The desktop's own options, kept in the settings file's ``[desktop]`` section.

``Settings`` declares the options every part of OmniDesk shares; what only the
desktop needs (the signature, saved replies, notifications) sits in a section of
its own, which ``Settings`` keeps as read (``Settings.extra``) and writes back.

```toml
[desktop]
signature = "Anna Schmidt\\nSupport team"
notify_new_messages = true
notify_commitments = true

[desktop.saved_replies]
"Thanks, looking into it" = "Hello {{first_name}},\\n\\nthank you, I am looking into it."
```
"""

from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from omnidesk.config.settings import Settings
from omnidesk.config.timezone import local_zone
from omnidesk.core.errors import ConfigError
from omnidesk.core.mail_ids import domain_of
from omnidesk.ui.composer.saved_replies import SavedReply, saved_replies_from

SECTION = "desktop"


@dataclass(frozen=True, slots=True)
class DesktopPreferences:
    signature: str = ""
    saved_replies: tuple[SavedReply, ...] = ()
    notify_new_messages: bool = True
    notify_commitments: bool = True


def desktop_preferences(settings: Settings) -> DesktopPreferences:
    """The ``[desktop]`` options; wrong types fall back to the defaults."""
    raw = settings.extra.get(SECTION, {})
    if not isinstance(raw, dict):
        return DesktopPreferences()
    defaults = DesktopPreferences()
    replies = raw.get("saved_replies", {})
    return DesktopPreferences(
        signature=_text(raw.get("signature"), defaults.signature),
        saved_replies=saved_replies_from(replies) if isinstance(replies, dict) else (),
        notify_new_messages=_flag(raw.get("notify_new_messages"), defaults.notify_new_messages),
        notify_commitments=_flag(raw.get("notify_commitments"), defaults.notify_commitments),
    )


def with_desktop_preferences(settings: Settings, preferences: DesktopPreferences) -> Settings:
    """``settings`` with the ``[desktop]`` section replaced by ``preferences``."""
    section: dict[str, Any] = {
        "notify_new_messages": preferences.notify_new_messages,
        "notify_commitments": preferences.notify_commitments,
    }
    if preferences.signature.strip():
        section["signature"] = preferences.signature
    if preferences.saved_replies:
        section["saved_replies"] = {r.title: r.text for r in preferences.saved_replies}
    return replace(settings, extra={**settings.extra, SECTION: section})


def zone_or_utc(settings: Settings) -> tuple[ZoneInfo, str]:
    """The zone for due times, and a problem to show when the setting is unusable."""
    try:
        return local_zone(settings), ""
    except ConfigError as error:
        return ZoneInfo("UTC"), str(error)


def mail_domain(settings: Settings) -> str:
    """The domain outgoing Message-IDs are made in (the team address's)."""
    return domain_of(settings.team_address)


def _text(value: object, default: str) -> str:
    return value if isinstance(value, str) else default


def _flag(value: object, default: bool) -> bool:
    return value if isinstance(value, bool) else default
