"""A call-back nobody answered proposes the next attempt at a sensible time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from omnidesk.core.commitments import needs_another_attempt, next_attempt_due

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("now", "proposed"),
    [
        ("2026-11-25 10:07", "2026-11-25 12:15"),  # Wednesday morning: two hours later
        ("2026-11-25 10:00", "2026-11-25 12:00"),
        ("2026-11-25 15:30", "2026-11-26 09:00"),  # 17:30 is after hours: next morning
        ("2026-11-25 06:10", "2026-11-25 09:00"),  # early: the start of today
        ("2026-11-27 16:00", "2026-11-30 09:00"),  # Friday afternoon: Monday
        ("2026-11-28 11:00", "2026-11-30 09:00"),  # Saturday: Monday
    ],
)
def test_the_next_attempt(now: str, proposed: str):
    assert next_attempt_due(at(now), BERLIN) == at(proposed)


def test_the_next_attempt_follows_the_agents_zone_not_utc():
    utc_now = datetime.fromisoformat("2026-11-25T14:30:00+00:00")  # 15:30 in Berlin
    assert next_attempt_due(utc_now, BERLIN) == at("2026-11-26 09:00")


def test_which_outcomes_need_another_attempt():
    assert needs_another_attempt("no_answer")
    assert needs_another_attempt("voicemail: left a message")
    assert not needs_another_attempt("reached")
    assert not needs_another_attempt("reached: all good")
    assert not needs_another_attempt(None)
    assert not needs_another_attempt("customer said no answer needed")
