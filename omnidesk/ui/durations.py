"""Durations as agents read them in figures: "45 min", "30 h", "3 d"."""

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

NO_VALUE = "–"


def span_text(span: timedelta | None) -> str:
    """A duration in a whole unit: minutes up to two hours, hours up to two days, then days;
    a dash for none."""
    if span is None:
        return NO_VALUE
    minutes = max(0, int(span.total_seconds() // 60))
    if minutes < 120:
        return QCoreApplication.translate("Duration", "%n min", None, minutes)
    hours = minutes // 60
    if hours < 48:
        return QCoreApplication.translate("Duration", "%n h", None, hours)
    return QCoreApplication.translate("Duration", "%n d", None, hours // 24)
