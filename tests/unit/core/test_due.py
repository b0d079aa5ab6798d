"""Due times as agents type them, relative to an injected now and time zone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from omnidesk.core.due import find_due, parse_due
from omnidesk.core.errors import InvalidInput

BERLIN = ZoneInfo("Europe/Berlin")
# Friday 27 March 2026, 11:00 in Berlin: two days before the clocks go forward.
FRIDAY = datetime(2026, 3, 27, 11, 0, tzinfo=BERLIN)


def local(text: str, now: datetime = FRIDAY, tz: ZoneInfo = BERLIN) -> datetime:
    """Parse and show the result as Berlin wall-clock time without tzinfo, for readable tables."""
    return parse_due(text, now=now, tz=tz).astimezone(tz).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today 16:00", datetime(2026, 3, 27, 16, 0)),
        ("tomorrow", datetime(2026, 3, 28, 17, 0)),
        ("tomorrow morning", datetime(2026, 3, 28, 9, 0)),
        ("tomorrow afternoon", datetime(2026, 3, 28, 14, 0)),
        ("Tomorrow 10:30", datetime(2026, 3, 28, 10, 30)),
        ("10:00 tomorrow", datetime(2026, 3, 28, 10, 0)),
        ("tomorrow at 4pm", datetime(2026, 3, 28, 16, 0)),
        ("tomorrow 10", datetime(2026, 3, 28, 10, 0)),
        ("in 2h", datetime(2026, 3, 27, 13, 0)),
        ("2h", datetime(2026, 3, 27, 13, 0)),
        ("in 30 min", datetime(2026, 3, 27, 11, 30)),
        ("in an hour", datetime(2026, 3, 27, 12, 0)),
        ("3d", datetime(2026, 3, 30, 11, 0)),
        ("in 2 weeks", datetime(2026, 4, 10, 11, 0)),
        ("monday", datetime(2026, 3, 30, 17, 0)),
        ("next monday 10:00", datetime(2026, 3, 30, 10, 0)),
        ("Mon 9:15", datetime(2026, 3, 30, 9, 15)),
        ("2026-12-01", datetime(2026, 12, 1, 17, 0)),
        ("2026-12-01 10:30", datetime(2026, 12, 1, 10, 30)),
        ("2026-12-01T10:30", datetime(2026, 12, 1, 10, 30)),
        ("4:30 p.m.", datetime(2026, 3, 27, 16, 30)),
        ("12am", datetime(2026, 3, 28, 0, 0)),
        ("tonight", datetime(2026, 3, 27, 18, 0)),
        ("day after tomorrow", datetime(2026, 3, 29, 17, 0)),
    ],
)
def test_english_forms(text: str, expected: datetime) -> None:
    assert local(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("morgen", datetime(2026, 3, 28, 17, 0)),
        ("morgen früh", datetime(2026, 3, 28, 9, 0)),
        ("Morgen Nachmittag", datetime(2026, 3, 28, 14, 0)),
        ("morgen um 8 Uhr", datetime(2026, 3, 28, 8, 0)),
        ("heute 16 Uhr", datetime(2026, 3, 27, 16, 0)),
        ("heute Abend", datetime(2026, 3, 27, 18, 0)),
        ("heute um 16:30 Uhr", datetime(2026, 3, 27, 16, 30)),
        ("übermorgen", datetime(2026, 3, 29, 17, 0)),
        ("Übermorgen 9 Uhr", datetime(2026, 3, 29, 9, 0)),
        ("uebermorgen", datetime(2026, 3, 29, 17, 0)),
        ("Freitag", datetime(2026, 4, 3, 17, 0)),
        ("am Freitag um 10", datetime(2026, 4, 3, 10, 0)),
        ("nächsten Montag 10:00", datetime(2026, 3, 30, 10, 0)),
        ("in 2 Stunden", datetime(2026, 3, 27, 13, 0)),
        ("in einer Stunde", datetime(2026, 3, 27, 12, 0)),
        ("in 3 Tagen", datetime(2026, 3, 30, 11, 0)),
        ("1.12.", datetime(2026, 12, 1, 17, 0)),
        ("1.12.2026 14:00", datetime(2026, 12, 1, 14, 0)),
        ("am 1.12. um 10.30 Uhr", datetime(2026, 12, 1, 10, 30)),
    ],
)
def test_german_forms(text: str, expected: datetime) -> None:
    assert local(text) == expected


def test_result_is_aware_utc() -> None:
    due = parse_due("tomorrow 10:00", now=FRIDAY, tz=BERLIN)
    assert due.tzinfo is UTC
    assert due == datetime(2026, 3, 28, 9, 0, tzinfo=UTC)


def test_now_in_another_zone_is_read_in_the_agents_zone() -> None:
    # 23:30 UTC on Friday is already Saturday in Berlin: "tomorrow" is Sunday there.
    now = datetime(2026, 3, 27, 23, 30, tzinfo=UTC)
    assert local("tomorrow 10:00", now=now) == datetime(2026, 3, 29, 10, 0)


def test_a_day_without_time_uses_the_given_default() -> None:
    due = parse_due("tomorrow", now=FRIDAY, tz=BERLIN, default_time=time(12, 0))
    assert due.astimezone(BERLIN).time() == time(12, 0)


def test_today_after_working_hours_means_end_of_today() -> None:
    evening = FRIDAY.replace(hour=18)
    assert local("today", now=evening) == datetime(2026, 3, 27, 23, 59)
    assert local("heute", now=FRIDAY) == datetime(2026, 3, 27, 17, 0)


def test_a_time_alone_means_its_next_occurrence() -> None:
    assert local("16:00") == datetime(2026, 3, 27, 16, 0)
    assert local("10:00") == datetime(2026, 3, 28, 10, 0)
    assert local("um 11 Uhr") == datetime(2026, 3, 28, 11, 0)  # exactly now counts as past


def test_today_with_a_past_time_stays_today() -> None:
    # The commitment rules refuse due times in the past; the parser only reads.
    assert local("today 9:00") == datetime(2026, 3, 27, 9, 0)


# --- weekdays and rollover ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "expected_day"),
    [
        (datetime(2026, 3, 30, 9, 0), "monday", 6),  # Monday: the one a week later
        (datetime(2026, 3, 29, 9, 0), "monday", 30),  # Sunday: tomorrow
        (datetime(2026, 3, 28, 9, 0), "Freitag", 3),  # Saturday -> Friday 3 April
        (datetime(2026, 3, 27, 9, 0), "friday", 3),  # Friday -> next Friday
        (datetime(2026, 3, 27, 9, 0), "next friday", 3),
        (datetime(2026, 3, 27, 9, 0), "Donnerstag", 2),
        (datetime(2026, 3, 27, 9, 0), "sonntag", 29),
    ],
)
def test_weekdays_mean_the_next_one_after_today(
    today: datetime, text: str, expected_day: int
) -> None:
    due = local(text, now=today.replace(tzinfo=BERLIN))
    assert due.day == expected_day
    assert due.date() > today.date()


def test_year_rollover() -> None:
    new_years_eve = datetime(2026, 12, 31, 15, 0, tzinfo=BERLIN)
    assert local("tomorrow 9:00", now=new_years_eve) == datetime(2027, 1, 1, 9, 0)
    assert local("friday", now=new_years_eve) == datetime(2027, 1, 1, 17, 0)
    # A day and month that have passed this year mean next year.
    assert local("2.1.", now=new_years_eve) == datetime(2027, 1, 2, 17, 0)


# --- daylight saving time (Europe/Berlin: last Sunday of March and of October) --------------


def test_hours_count_elapsed_time_across_spring_forward() -> None:
    # 01:30 CET on 29 March 2026; at 02:00 the clocks jump to 03:00.
    night = datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)
    due = parse_due("in 2h", now=night, tz=BERLIN)
    assert due - night.astimezone(UTC) == timedelta(hours=2)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 4, 30)


def test_days_keep_wall_clock_time_across_spring_forward() -> None:
    saturday = datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN)
    due = parse_due("1d", now=saturday, tz=BERLIN)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 10, 0)
    assert due - saturday.astimezone(UTC) == timedelta(hours=23)


def test_days_keep_wall_clock_time_across_fall_back() -> None:
    saturday = datetime(2026, 10, 24, 10, 0, tzinfo=BERLIN)
    due = parse_due("in 2 days", now=saturday, tz=BERLIN)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 10, 26, 10, 0)
    assert due - saturday.astimezone(UTC) == timedelta(hours=49)


def test_tomorrow_on_the_day_clocks_go_forward() -> None:
    saturday = datetime(2026, 3, 28, 10, 0, tzinfo=BERLIN)
    assert parse_due("tomorrow", now=saturday, tz=BERLIN) == datetime(
        2026, 3, 29, 15, 0, tzinfo=UTC
    )  # 17:00 CEST


def test_skipped_wall_clock_time_lands_an_hour_later() -> None:
    # 02:30 does not exist in Berlin on 29 March 2026.
    due = parse_due("2026-03-29 02:30", now=FRIDAY, tz=BERLIN)
    assert due == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


def test_repeated_wall_clock_time_means_the_first_one() -> None:
    # 02:30 happens twice in Berlin on 25 October 2026: first in CEST (00:30 UTC).
    due = parse_due("2026-10-25 02:30", now=FRIDAY, tz=BERLIN)
    assert due == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_other_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    now = datetime(2026, 3, 27, 11, 0, tzinfo=new_york)
    assert parse_due("tomorrow 9am", now=now, tz=new_york) == datetime(
        2026, 3, 28, 13, 0, tzinfo=UTC
    )


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "soon",
        "asap",
        "10",  # hours? a day? ambiguous
        "25:00",
        "13pm",
        "2026-02-30",
        "31.2.2026",
        "tomorrow monday",
        "in 2h tomorrow",
        "tomorrow 10:00 11:00",
        "in 0h",
        "tomorrow please",
    ],
)
def test_unreadable_input_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_due(text, now=FRIDAY, tz=BERLIN)


def test_the_error_lists_accepted_forms() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_due("irgendwann", now=FRIDAY, tz=BERLIN)
    message = str(caught.value)
    assert "'irgendwann'" in message
    for form in ("tomorrow morning", "in 2h", "2026-12-01 10:30", "morgen früh", "Freitag"):
        assert form in message


def test_the_error_names_an_impossible_date() -> None:
    with pytest.raises(InvalidInput, match="no such date 2026-02-30"):
        parse_due("2026-02-30", now=FRIDAY, tz=BERLIN)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_due("tomorrow", now=datetime(2026, 3, 27, 11, 0), tz=BERLIN)


# --- due times in free text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stated", "expected"),
    [
        ("I'll call you back tomorrow at 10.", "tomorrow at 10", datetime(2026, 3, 28, 10, 0)),
        ("ich melde mich bis Freitag", "Freitag", datetime(2026, 4, 3, 17, 0)),
        (
            "Guten Morgen, ich rufe Sie morgen um 10 Uhr zurück.",
            "morgen um 10 Uhr",
            datetime(2026, 3, 28, 10, 0),
        ),
        ("I'll get back to you in 2 hours.", "in 2 hours", datetime(2026, 3, 27, 13, 0)),
        ("Wir rufen Sie heute Nachmittag an.", "heute Nachmittag", datetime(2026, 3, 27, 14, 0)),
        ("You'll have it by Monday, 9:30.", "Monday, 9:30", datetime(2026, 3, 30, 9, 30)),
        ("Expect an update at 3pm", "at 3pm", datetime(2026, 3, 27, 15, 0)),
        ("Ich melde mich übermorgen früh.", "übermorgen früh", datetime(2026, 3, 29, 9, 0)),
    ],
)
def test_find_due_in_prose(text: str, stated: str, expected: datetime) -> None:
    mention = find_due(text, now=FRIDAY, tz=BERLIN)
    assert mention is not None
    assert mention.text == stated
    assert text[mention.start : mention.end] == stated
    assert mention.due_at.astimezone(BERLIN).replace(tzinfo=None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Guten Morgen Frau Schmidt,",
        "We have 3 days of stock and 10 items left.",
        "Wir haben 10 Artikel auf Lager.",
        "Your order number is 4711.",
        "I'll call you back as soon as I know more.",
        "",
    ],
)
def test_prose_without_a_due_time(text: str) -> None:
    assert find_due(text, now=FRIDAY, tz=BERLIN) is None


def test_find_due_skips_a_contradictory_group_and_takes_the_next() -> None:
    text = "Monday, Tuesday were busy. I'll call you tomorrow at 9:00."
    mention = find_due(text, now=FRIDAY, tz=BERLIN)
    assert mention is not None
    assert mention.text == "tomorrow at 9:00"
