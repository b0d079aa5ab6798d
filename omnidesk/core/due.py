"""Due times as agents type them: ``tomorrow 10:00``, ``in 2h``, ``morgen früh``, ``Freitag``.

Two entry points share one small grammar:

* :func:`parse_due` reads a due-time field (the whole text must be a due time) and
  raises :class:`~omnidesk.core.errors.InvalidInput` listing the accepted forms.
* :func:`find_due` looks for a due time stated somewhere in free text ("I'll call
  you back tomorrow at 10", "ich melde mich bis Freitag"); the pre-send check uses
  it to suggest a due time for a promise.

Everything is relative to an injected aware ``now`` and a ``ZoneInfo``; results are
aware UTC datetimes. Interpretation rules, chosen for commitments to customers:

* A day without a time means the end of the working day (``DEFAULT_DAY_TIME``);
  ``today`` when that has passed means the end of today (23:59).
* A time without a day means its next occurrence (``16:00`` typed at 17:00 is tomorrow).
* A weekday means its next occurrence after today: ``monday`` typed on a Monday is a
  week later; ``next monday`` is the same day as ``monday``.
* Clock times are 24-hour unless ``am``/``pm`` follows (``at 4`` is 04:00).
* ``in 2h`` / ``30 min`` count elapsed time; ``3d`` / ``2 weeks`` keep the wall-clock
  time across a daylight-saving change.
* A wall-clock time skipped by a DST change (02:30 on the last Sunday of March in
  Europe/Berlin) lands one hour later; a repeated one (October) means its first occurrence.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from omnidesk.core.errors import InvalidInput

DEFAULT_DAY_TIME = time(17, 0)
"""A day named without a time ("tomorrow", "Freitag"): the end of the working day."""
END_OF_DAY = time(23, 59)
MORNING = time(9, 0)
NOON = time(12, 0)
AFTERNOON = time(14, 0)
EVENING = time(18, 0)

ACCEPTED_FORMS = (
    "today 16:00",
    "tomorrow",
    "tomorrow morning",
    "tomorrow afternoon",
    "in 2h",
    "3d",
    "monday",
    "next monday 10:00",
    "2026-12-01",
    "2026-12-01 10:30",
    "morgen",
    "morgen früh",
    "heute 16 Uhr",
    "übermorgen",
    "Freitag",
)

_WEEKDAYS = {
    "monday": 0,
    "montag": 0,
    "tuesday": 1,
    "dienstag": 1,
    "wednesday": 2,
    "mittwoch": 2,
    "thursday": 3,
    "donnerstag": 3,
    "friday": 4,
    "freitag": 4,
    "saturday": 5,
    "samstag": 5,
    "sonnabend": 5,
    "sunday": 6,
    "sonntag": 6,
}
# Abbreviations are only read in a due-time field: in free text "so", "do" and "mi"
# are ordinary German words.
_WEEKDAY_ABBREVIATIONS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
    "mo": 0,
    "di": 1,
    "mi": 2,
    "do": 3,
    "fr": 4,
    "sa": 5,
    "so": 6,
}
_DAY_PARTS = {
    **dict.fromkeys(
        ("morning", "früh", "frueh", "vormittag", "vormittags", "morgen", "morgens"), MORNING
    ),
    **dict.fromkeys(("noon", "midday", "mittag", "mittags"), NOON),
    **dict.fromkeys(("afternoon", "nachmittag", "nachmittags"), AFTERNOON),
    **dict.fromkeys(("evening", "abend", "abends"), EVENING),
    **dict.fromkeys(("eod", "end of day", "end of the day", "feierabend"), DEFAULT_DAY_TIME),
}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1}
_UNITS: dict[str, timedelta] = {
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}


def _alternatives(words: Sequence[str]) -> str:
    # Longest first, so "vormittags" is not read as "vormittag" + "s".
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def _grammar(weekdays: Sequence[str]) -> re.Pattern[str]:
    """Build the scanner: each match is one piece (duration, day, part, time, filler)."""
    return re.compile(
        rf"""
        (?P<DUR>
            (?:(?P<dur_in>\b(?:in|within|innerhalb(?:\s+von)?|binnen))\s+)?
            (?<![\w.:-])(?P<amount>\d{{1,3}}|(?:{_alternatives(list(_NUMBER_WORDS))})(?=\s))\s*
            (?P<unit>minutes?|minuten?|mins?|m|hours?|hrs?|h|std|stunden?
                |days?|d|tag(?:e|en)?|weeks?|wks?|w|wochen?)\b
        )
        |(?P<DAY>
            (?P<after_tomorrow>\bday\s+after\s+tomorrow\b|\b(?:übermorgen|uebermorgen)\b)
            |(?P<tomorrow>\b(?:tomorrow|tmrw)\b|(?<!guten\s)(?<!heute\s)(?<!am\s)\bmorgen\b)
            |(?P<today>\b(?:today|tonight|heute)\b)
            |(?:(?P<which>\b(?:next|this|coming|on|nächsten|nächste|naechsten
                |kommenden|kommender|diesen|diesem|am))\s+)?
             (?P<weekday>\b(?:{_alternatives(weekdays)})\b)
            |(?P<iso>(?<![\d.-])\d{{4}}-\d{{2}}-\d{{2}})(?:t(?=\d))?
            |(?P<dmy>(?<![\d.])(?P<dmy_d>0?[1-9]|[12]\d|3[01])\.(?P<dmy_m>0?[1-9]|1[0-2])\.
                (?P<dmy_y>\d{{4}}|\d{{2}})?)(?![\w.])
        )
        |(?P<PART>(?:\b(?:in\s+the|am|gegen)\s+)?\b(?P<part>{_alternatives(list(_DAY_PARTS))})\b)
        |(?P<TIME>
            (?:(?P<at>\b(?:at|um|gegen|by|bis|until|till))\s+)?
            (?<![\d:.])(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?
            (?:\s*(?P<ampm>[ap]\.?m\.?)(?!\w)|\s*(?P<uhr>uhr|o['’]?clock)\b)?
            (?![\d:])
        )
        |(?P<FILL>\b(?:at|um|on|by|bis|until|till|gegen|am|zum|spätestens|latest|noch)\b)
        """,
        re.IGNORECASE | re.VERBOSE,
    )


_STRICT = _grammar([*_WEEKDAYS, *_WEEKDAY_ABBREVIATIONS])
_FREE = _grammar(list(_WEEKDAYS))


@dataclass(frozen=True, slots=True)
class DueMention:
    """A due time found in free text, with where it was stated."""

    due_at: datetime
    """Aware UTC."""
    start: int
    end: int
    text: str
    """The words that state it, e.g. ``tomorrow at 10``."""


class _Unreadable(Exception):
    """Pieces were found but do not make a due time; the caller words the message."""


def parse_due(
    text: str, *, now: datetime, tz: ZoneInfo, default_time: time = DEFAULT_DAY_TIME
) -> datetime:
    """Read a due time typed into a commitment's due field; return it as aware UTC.

    Raises ``InvalidInput`` naming the accepted forms when ``text`` is not one of them.
    The result may lie in the past ("today 09:00" typed at noon); checking that is
    :func:`omnidesk.core.commitments.check_new_due`'s job.
    """
    _require_aware(now)
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(f"a due time is required; for example: {_forms()}")
    pieces = _scan_whole(cleaned)
    if pieces is None:
        raise InvalidInput(f"cannot read {cleaned!r} as a due time; accepted forms: {_forms()}")
    try:
        return _resolve(pieces, now=now, tz=tz, default_time=default_time)
    except _Unreadable as problem:
        raise InvalidInput(
            f"cannot read {cleaned!r} as a due time ({problem}); accepted forms: {_forms()}"
        ) from None


def find_due(
    text: str, *, now: datetime, tz: ZoneInfo, default_time: time = DEFAULT_DAY_TIME
) -> DueMention | None:
    """Find the first due time stated in free text, or ``None``.

    Stricter than :func:`parse_due` so ordinary prose is not read as a date: a bare
    number is a time only with ``at``/``um``, a colon, ``Uhr`` or ``am``/``pm``; a
    duration needs ``in``/``within`` ("in 2 hours"); "Guten Morgen" is a greeting.
    """
    _require_aware(now)
    for cluster in _clusters(text):
        try:
            due_at = _resolve(cluster, now=now, tz=tz, default_time=default_time)
        except _Unreadable:
            continue
        start, end = cluster[0].start(), cluster[-1].end()
        return DueMention(due_at=due_at, start=start, end=end, text=text[start:end])
    return None


def _forms() -> str:
    return ", ".join(ACCEPTED_FORMS)


def _require_aware(now: datetime) -> None:
    # A naive "now" is a programming error, not something the agent can fix.
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")


def _scan_whole(text: str) -> list[re.Match[str]] | None:
    """Split ``text`` into pieces; ``None`` when some part of it is not in the grammar."""
    pieces: list[re.Match[str]] = []
    pos = _skip_separators(text, 0)
    while pos < len(text):
        match = _STRICT.match(text, pos)
        if match is None or match.end() == pos:
            return None
        pieces.append(match)
        pos = _skip_separators(text, match.end())
    return pieces


def _skip_separators(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] == ","):
        pos += 1
    return pos


def _clusters(text: str) -> list[list[re.Match[str]]]:
    """Group adjacent pieces in free text; keep the groups that state a due time."""
    groups: list[list[re.Match[str]]] = []
    last_end = -1
    for match in _FREE.finditer(text):
        adjacent = last_end >= 0 and not text[last_end : match.start()].strip(" \t,")
        if adjacent and groups:
            groups[-1].append(match)
        else:
            groups.append([match])
        last_end = match.end()
    trimmed = [_trim_fillers(group) for group in groups]
    return [group for group in trimmed if group and _states_due(group)]


def _trim_fillers(group: list[re.Match[str]]) -> list[re.Match[str]]:
    while group and group[0].group("FILL") is not None:
        group = group[1:]
    while group and group[-1].group("FILL") is not None:
        group = group[:-1]
    return group


def _states_due(group: Sequence[re.Match[str]]) -> bool:
    """Whether a group in prose is a due time rather than a number or a greeting."""
    for piece in group:
        if piece.group("DAY") is not None:
            return True
        if piece.group("DUR") is not None and piece.group("dur_in") is not None:
            return True
        if piece.group("TIME") is not None and _is_marked_time(piece):
            return True
    return False


def _is_marked_time(piece: re.Match[str]) -> bool:
    return any(piece.group(name) for name in ("at", "minute", "ampm", "uhr"))


def _resolve(
    pieces: Sequence[re.Match[str]], *, now: datetime, tz: ZoneInfo, default_time: time
) -> datetime:
    """Turn scanned pieces into an aware UTC datetime, or raise ``_Unreadable``."""
    meaningful = [p for p in pieces if p.group("FILL") is None]
    durations = [p for p in meaningful if p.group("DUR") is not None]
    if durations:
        if len(meaningful) > 1:
            raise _Unreadable("a duration cannot be combined with a day or time")
        return _add_duration(durations[0], now=now, tz=tz)
    days = [p for p in meaningful if p.group("DAY") is not None]
    times = [p for p in meaningful if p.group("TIME") is not None]
    parts = [p for p in meaningful if p.group("PART") is not None]
    if len(days) > 1 or len(times) > 1 or len(parts) > 1:
        raise _Unreadable("more than one day or time")
    local_now = now.astimezone(tz)
    day = _day(days[0], today=local_now.date()) if days else None
    at = _clock(times[0]) if times else None
    if at is None and parts:
        at = _DAY_PARTS[_words(parts[0].group("part"))]
    if at is None and days and _words(days[0].group(0)) == "tonight":
        at = EVENING
    if day is None:
        if at is None:
            raise _Unreadable("no day or time")
        if times and not _is_marked_time(times[0]):
            # "10" alone could be hours or a day of the month: ask for 10:00 instead.
            raise _Unreadable("a bare number; write 10:00, 10 Uhr or in 10h")
        return _next_occurrence(at, local_now=local_now, tz=tz)
    if at is None:
        at = default_time
        if day == local_now.date() and _at(day, at, tz) <= now:
            at = END_OF_DAY
    return _at(day, at, tz)


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _at(day: date, at: time, tz: ZoneInfo) -> datetime:
    # fold=0: a skipped time uses the offset before the change (lands an hour later),
    # a repeated time means its first occurrence.
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def _next_occurrence(at: time, *, local_now: datetime, tz: ZoneInfo) -> datetime:
    today = local_now.date()
    candidate = _at(today, at, tz)
    if candidate <= local_now:
        candidate = _at(today + timedelta(days=1), at, tz)
    return candidate


def _add_duration(piece: re.Match[str], *, now: datetime, tz: ZoneInfo) -> datetime:
    raw_amount = piece.group("amount").lower()
    amount = _NUMBER_WORDS.get(raw_amount) or int(raw_amount)
    if amount == 0:
        raise _Unreadable("a duration of zero")
    step = _UNITS[_unit_name(piece.group("unit"))]
    if step < timedelta(days=1):
        return now.astimezone(UTC) + amount * step
    # Whole days keep the wall-clock time, also across a daylight-saving change.
    local = now.astimezone(tz).replace(tzinfo=None) + amount * step
    return local.replace(tzinfo=tz).astimezone(UTC)


def _unit_name(unit: str) -> str:
    key = unit.lower()
    if key.startswith("m"):
        return "minute"
    if key.startswith(("h", "s")):
        return "hour"
    if key.startswith(("d", "t")):
        return "day"
    return "week"


def _day(piece: re.Match[str], *, today: date) -> date:
    if piece.group("today") is not None:
        return today
    if piece.group("tomorrow") is not None:
        return today + timedelta(days=1)
    if piece.group("after_tomorrow") is not None:
        return today + timedelta(days=2)
    if piece.group("weekday") is not None:
        name = piece.group("weekday").lower()
        weekday = _WEEKDAYS.get(name, _WEEKDAY_ABBREVIATIONS.get(name, 0))
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if piece.group("iso") is not None:
        return _calendar_date(piece.group("iso"))
    return _german_date(piece, today=today)


def _calendar_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _Unreadable(f"no such date {text}") from None


def _german_date(piece: re.Match[str], *, today: date) -> date:
    """``1.12.2026``, ``1.12.26`` or ``1.12.`` (the next 1 December)."""
    day, month, year_text = int(piece["dmy_d"]), int(piece["dmy_m"]), piece["dmy_y"]
    year = today.year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000
    try:
        found = date(year, month, day)
        if year_text is None and found < today:
            found = date(year + 1, month, day)
    except ValueError:
        raise _Unreadable(f"no such date {piece['dmy']}") from None
    return found


def _clock(piece: re.Match[str]) -> time:
    hour = int(piece.group("hour"))
    minute = int(piece.group("minute") or 0)
    ampm = piece.group("ampm")
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise _Unreadable(f"{hour} {ampm} is not a time")
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    return time(hour, minute)
