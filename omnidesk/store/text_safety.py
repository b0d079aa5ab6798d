"""Text from the internet made storable on every backend.

PostgreSQL refuses NUL characters in text and enforces VARCHAR lengths; SQLite does
neither. Mail from broken clients has both, so every value that comes from outside
passes through here before an INSERT.
"""

from typing import overload


@overload
def db_text(value: str) -> str: ...
@overload
def db_text(value: None) -> None: ...
def db_text(value: str | None) -> str | None:
    """The value with NUL replaced by U+FFFD, which marks the spot for a reader."""
    return value.replace("\x00", "\ufffd") if value and "\x00" in value else value


@overload
def fit(value: str, limit: int) -> str: ...
@overload
def fit(value: None, limit: int) -> None: ...
def fit(value: str | None, limit: int) -> str | None:
    """``db_text`` cut to a column's length."""
    cleaned = db_text(value)
    return cleaned if cleaned is None or len(cleaned) <= limit else cleaned[:limit]
