"""The few colours the UI adds to the platform palette, chosen to read in light and dark mode."""

from PySide6.QtGui import QColor, QGuiApplication, QPalette


def _palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the platform theme draws light text on a dark background."""
    return (palette or _palette()).color(QPalette.ColorRole.Base).lightness() < 128


def overdue_color(palette: QPalette | None = None) -> QColor:
    """A broken promise: red, bright enough on dark backgrounds."""
    return QColor("#ff7070") if is_dark(palette) else QColor("#c62828")


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text (an unassigned owner, metadata lines)."""
    return (palette or _palette()).color(QPalette.ColorRole.PlaceholderText)


def note_background(palette: QPalette | None = None) -> QColor:
    """Internal notes are tinted like a sticky note so nobody mistakes them for mail."""
    return QColor("#4d4322") if is_dark(palette) else QColor("#fff4c8")


def message_background(palette: QPalette | None = None) -> QColor:
    """Messages sit on a faint card so the timeline reads as separate items."""
    return (palette or _palette()).color(QPalette.ColorRole.AlternateBase)


def finding_background(palette: QPalette | None = None) -> QColor:
    """The pre-send check's findings: a warm tint that says "look here" without alarm."""
    return QColor("#4a3418") if is_dark(palette) else QColor("#fff1dc")


def finding_border(palette: QPalette | None = None) -> QColor:
    return QColor("#a8732a") if is_dark(palette) else QColor("#e0a552")


def success_color(palette: QPalette | None = None) -> QColor:
    """Something worked (a connection test): green, readable on dark backgrounds."""
    return QColor("#7bd88f") if is_dark(palette) else QColor("#2e7d32")
