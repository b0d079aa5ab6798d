"""An honest expected response time for a new case, and how to say it (en/de).

Rule 3 promises every new case an acknowledgement with an *honest* expected response
time: what the team really manages, not a figure someone typed into the settings.

The estimate is the larger of

* **typical**: the 80th percentile of recent first-response times (4 of 5 customers
  heard from us sooner), and
* **backlog**: *typical* stretched by how much longer today's queue is than usual. The
  usual queue follows from Little's law: the rate of first responses times the mean
  wait. Ten cases ahead where one is usual means about ten times the typical wait.

With too little history (fewer than ``MIN_SAMPLES`` answered cases) the configured
figure stands in for *typical*. When no agent is online, nobody answers within minutes:
the estimate is at least ``NOBODY_ONLINE_FLOOR``. Estimates are rounded up, never down.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MIN_SAMPLES = 5
PERCENTILE = 0.8
MIN_PACE_SPAN = timedelta(days=1)
"""Pace is measured over at least a day: two answers in the first hour are no pace."""
NOBODY_ONLINE_FLOOR = timedelta(hours=1)
LONGEST = timedelta(days=14)
"""Beyond two weeks an estimate says nothing; the promise is capped there."""


class Basis(StrEnum):
    """What the estimate rests on (for logs and the event reason)."""

    CONFIGURED = "configured"
    HISTORY = "history"
    BACKLOG = "backlog"


@dataclass(frozen=True, slots=True)
class ResponseHistory:
    """What the database knows, gathered by ``omnidesk.store.response_stats``."""

    first_responses: Sequence[tuple[datetime, datetime]]
    """(created, first response) of recently answered cases."""
    queue: int
    """Open cases waiting for their first response, ahead of the one being estimated."""
    agents_online: int


@dataclass(frozen=True, slots=True)
class ResponseEstimate:
    within: timedelta
    basis: Basis


def percentile(values: Sequence[timedelta], fraction: float) -> timedelta:
    """The nearest-rank percentile (a real observed value, never an interpolation)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)), 1)
    return ordered[rank - 1]


def estimate_first_response(
    history: ResponseHistory, *, now: datetime, fallback: timedelta
) -> ResponseEstimate:
    """How long a case created ``now`` will probably wait for its first response."""
    durations = [
        max(answered - created, timedelta(0)) for created, answered in history.first_responses
    ]
    if len(durations) >= MIN_SAMPLES:
        typical, basis = percentile(durations, PERCENTILE), Basis.HISTORY
    else:
        typical, basis = fallback, Basis.CONFIGURED
    within = typical
    backlog = _backlog(history, durations, typical, now=now)
    if backlog is not None and backlog > within:
        within, basis = backlog, Basis.BACKLOG
    if history.agents_online == 0:
        within = max(within, NOBODY_ONLINE_FLOOR)
    return ResponseEstimate(within=min(within, LONGEST), basis=basis)


def _backlog(
    history: ResponseHistory, durations: Sequence[timedelta], typical: timedelta, *, now: datetime
) -> timedelta | None:
    if len(durations) < MIN_SAMPLES or not history.queue:
        return None
    span = max(now - min(answered for _, answered in history.first_responses), MIN_PACE_SPAN)
    rate = len(durations) / (span / timedelta(hours=1))
    mean_wait = sum(durations, timedelta(0)) / len(durations) / timedelta(hours=1)
    usual_queue = max(rate * mean_wait, 1.0)
    if history.queue <= usual_queue:
        return None
    return typical * (history.queue / usual_queue)


def phrase(estimate: ResponseEstimate, *, now: datetime, language: str) -> str:
    """ "within about 3 hours", "by tomorrow", "innerhalb von etwa 2 Tagen".

    ``now`` is in the time zone the customer is told about (the team's): "tomorrow" is
    a calendar day there.
    """
    within = estimate.within
    german = language == "de"
    if within <= timedelta(hours=1):
        return "innerhalb einer Stunde" if german else "within the hour"
    hours = math.ceil(within / timedelta(hours=1))
    if hours < 12:
        return f"innerhalb von etwa {hours} Stunden" if german else f"within about {hours} hours"
    days_ahead = ((now + within).date() - now.date()).days
    if days_ahead == 0:
        return "im Laufe des Tages" if german else "later today"
    if days_ahead == 1:
        return "bis morgen" if german else "by tomorrow"
    days = math.ceil(within / timedelta(days=1))
    return f"innerhalb von etwa {days} Tagen" if german else f"within about {days} days"
