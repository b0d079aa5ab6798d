"""The expected response time: from history, the queue and who is online, said honestly."""

from datetime import UTC, datetime, timedelta

import pytest

from omnidesk.core.language_guess import guess_language
from omnidesk.core.response_estimate import (
    NOBODY_ONLINE_FLOOR,
    Basis,
    ResponseEstimate,
    ResponseHistory,
    estimate_first_response,
    percentile,
    phrase,
)

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
FALLBACK = timedelta(hours=24)


def answered(
    *hours: float, spread: timedelta = timedelta(days=7)
) -> list[tuple[datetime, datetime]]:
    """Cases answered after ``hours``, their answers spread evenly over ``spread``."""
    step = spread / max(len(hours), 1)
    pairs = []
    for index, wait in enumerate(hours):
        at = NOW - step * (index + 1)
        pairs.append((at - timedelta(hours=wait), at))
    return pairs


def test_percentile_is_an_observed_value() -> None:
    values = [timedelta(hours=h) for h in (1, 2, 3, 4, 10)]
    assert percentile(values, 0.8) == timedelta(hours=4)
    assert percentile(values[:1], 0.8) == timedelta(hours=1)
    with pytest.raises(ValueError):
        percentile([], 0.8)


def test_without_history_the_configured_figure_stands_in() -> None:
    history = ResponseHistory(first_responses=answered(1, 1), queue=0, agents_online=1)
    estimate = estimate_first_response(history, now=NOW, fallback=FALLBACK)
    assert estimate == ResponseEstimate(FALLBACK, Basis.CONFIGURED)


def test_history_gives_the_80th_percentile() -> None:
    history = ResponseHistory(
        first_responses=answered(1, 1, 2, 2, 3, 3, 3, 3, 5, 30), queue=0, agents_online=2
    )
    estimate = estimate_first_response(history, now=NOW, fallback=FALLBACK)
    assert estimate == ResponseEstimate(timedelta(hours=3), Basis.HISTORY)


def test_a_long_queue_makes_the_estimate_longer() -> None:
    # 10 first responses in 7 days after 2 hours each: usually 10 / 168 h * 2 h = 0.12
    # cases wait (so "one"); 6 ahead is six times the usual.
    history = ResponseHistory(first_responses=answered(*[2] * 10), queue=6, agents_online=1)
    estimate = estimate_first_response(history, now=NOW, fallback=FALLBACK)
    assert estimate.basis is Basis.BACKLOG
    assert estimate.within == timedelta(hours=12)
    usual = ResponseHistory(first_responses=answered(*[2] * 10), queue=1, agents_online=1)
    assert estimate_first_response(usual, now=NOW, fallback=FALLBACK).basis is Basis.HISTORY


def test_a_busy_team_s_usual_queue_is_no_backlog() -> None:
    # 100 answers in 7 days after 10 hours each: about 6 cases usually wait.
    busy = answered(*[10] * 100)
    normal = ResponseHistory(first_responses=busy, queue=5, agents_online=3)
    assert estimate_first_response(normal, now=NOW, fallback=FALLBACK).within == timedelta(hours=10)
    double = ResponseHistory(first_responses=busy, queue=12, agents_online=3)
    within = estimate_first_response(double, now=NOW, fallback=FALLBACK).within
    assert timedelta(hours=19) < within < timedelta(hours=21)


def test_nobody_online_means_not_within_minutes() -> None:
    history = ResponseHistory(first_responses=answered(*[0.1] * 10), queue=0, agents_online=0)
    estimate = estimate_first_response(history, now=NOW, fallback=FALLBACK)
    assert estimate.within == NOBODY_ONLINE_FLOOR
    online = estimate_first_response(
        ResponseHistory(first_responses=answered(*[0.1] * 10), queue=0, agents_online=1),
        now=NOW,
        fallback=FALLBACK,
    )
    assert online.within == timedelta(hours=0.1)


def test_the_promise_is_capped() -> None:
    history = ResponseHistory(first_responses=answered(*[24 * 40] * 6), queue=0, agents_online=1)
    assert estimate_first_response(history, now=NOW, fallback=FALLBACK).within == timedelta(days=14)


@pytest.mark.parametrize(
    ("within", "now_hour", "english", "german"),
    [
        (timedelta(minutes=20), 10, "within the hour", "innerhalb einer Stunde"),
        (
            timedelta(hours=2, minutes=10),
            10,
            "within about 3 hours",
            "innerhalb von etwa 3 Stunden",
        ),
        (timedelta(hours=13), 9, "later today", "im Laufe des Tages"),
        (timedelta(hours=14), 18, "by tomorrow", "bis morgen"),
        (timedelta(hours=50), 10, "within about 3 days", "innerhalb von etwa 3 Tagen"),
    ],
)
def test_phrases(within: timedelta, now_hour: int, english: str, german: str) -> None:
    estimate = ResponseEstimate(within, Basis.HISTORY)
    now = NOW.replace(hour=now_hour)
    assert phrase(estimate, now=now, language="en") == english
    assert phrase(estimate, now=now, language="de") == german


def test_language_guess() -> None:
    assert guess_language("Hallo, ich habe eine Frage zu meiner Rechnung. Grüße") == "de"
    assert guess_language("Hello, I have a question about my invoice. Thanks") == "en"
    assert guess_language("") == "en"
    assert guess_language("Straße") == "de"
