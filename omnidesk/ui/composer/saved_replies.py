"""Saved replies: named texts with placeholders OmniDesk fills in for the case at hand.

Known placeholders (``{{customer}}``, ``{{first_name}}``, ``{{agent}}``, ``{{case}}``,
``{{subject}}``) are filled when the reply is inserted. Any other placeholder is left
as it is on purpose: the pre-send check flags it, so the agent fills it by hand.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


@dataclass(frozen=True, slots=True)
class SavedReply:
    title: str
    text: str


def saved_replies_from(section: Mapping[str, Any]) -> tuple[SavedReply, ...]:
    """Saved replies from the settings' ``[desktop.saved_replies]`` table (title = text)."""
    return tuple(
        SavedReply(title=str(title), text=text)
        for title, text in section.items()
        if isinstance(text, str) and text.strip()
    )


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace the placeholders whose value is known; keep the others for the check."""

    def _value(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return value if value else match.group(0)

    return _PLACEHOLDER.sub(_value, text)


def first_name(full_name: str) -> str:
    """The first word of a name ("Jörg Krüger" → "Jörg"); empty for an unknown customer."""
    parts = full_name.split()
    return parts[0] if parts else ""
