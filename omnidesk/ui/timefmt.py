"""Times as agents read them: "5 min" of waiting, "tomorrow 10:00" for a due time.

Values arrive as aware UTC datetimes; they are shown in the local time zone and in
the format of the UI language (``QLocale()`` follows a forced language).
"""

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

_DAY = timedelta(days=1)
_ISO_DATE_TIME = "yyyy-MM-dd HH:mm"
"""For the "C" locale (no LANG set), whose short format ("5 11 2026") nobody reads well."""


def _is_c_locale(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def waiting_text(since: datetime, now: datetime) -> str:
    """How long someone has waited, in the largest whole unit: "5 min", "3 h", "2 d"."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 1:
        return QCoreApplication.translate("Duration", "now")
    if minutes < 60:
        return QCoreApplication.translate("Duration", "%n min", None, minutes)
    hours = minutes // 60
    if hours < 24:
        return QCoreApplication.translate("Duration", "%n h", None, hours)
    return QCoreApplication.translate("Duration", "%n d", None, hours // 24)


def clock_text(when: datetime) -> str:
    """The local time of day, e.g. "10:00"."""
    local = when.astimezone()
    clock = QTime(local.hour, local.minute)
    locale = QLocale()
    if _is_c_locale(locale):
        return clock.toString("HH:mm")
    return locale.toString(clock, QLocale.FormatType.ShortFormat)


def date_time_text(when: datetime) -> str:
    """A full local date and time in the UI language's short format."""
    stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
    locale = QLocale()
    if _is_c_locale(locale):
        return stamp.toString(_ISO_DATE_TIME)
    return locale.toString(stamp, QLocale.FormatType.ShortFormat)


def due_text(due: datetime, now: datetime) -> str:
    """A due time relative to today: "today 16:00", "tomorrow 10:00", "Fri 09:00", a date."""
    day = due.astimezone().date()
    today = now.astimezone().date()
    clock = clock_text(due)
    if day == today:
        return QCoreApplication.translate("Due", "today {time}").format(time=clock)
    if day == today + _DAY:
        return QCoreApplication.translate("Due", "tomorrow {time}").format(time=clock)
    if day == today - _DAY:
        return QCoreApplication.translate("Due", "yesterday {time}").format(time=clock)
    if today < day < today + 7 * _DAY:
        weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
        return f"{weekday} {clock}"
    return date_time_text(due)


def long_date_time_text(when: datetime, tz: tzinfo | None = None) -> str:
    """A due time nobody can misread: "Friday, 14 November 2026, 10:00" (in ``tz``)."""
    local = when.astimezone(tz)
    day = QDate(local.year, local.month, local.day)
    clock = QTime(local.hour, local.minute)
    locale = QLocale()
    if _is_c_locale(locale):
        return f"{day.toString('dddd, yyyy-MM-dd')}, {clock.toString('HH:mm')}"
    date_part = locale.toString(day, QLocale.FormatType.LongFormat)
    return f"{date_part}, {locale.toString(clock, QLocale.FormatType.ShortFormat)}"
