"""Rule 4: every promise is a commitment with a due time and an owner, and is kept.

A case with an open commitment cannot be resolved; a commitment leaves the open
state only by being done or by being cancelled with a reason.
"""

from collections.abc import Iterable
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum

from omnidesk.core.entities import Commitment
from omnidesk.core.enums import CommitmentState
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.ids import CaseNumber
from omnidesk.core.ownership import MIN_REASON_LENGTH

# A due time typed a moment ago ("now") must not be refused as "in the past".
_PAST_TOLERANCE = timedelta(minutes=5)


def check_new_due(due_at: datetime, *, now: datetime) -> None:
    if due_at.tzinfo is None:
        raise InvalidInput("a due time needs a time zone")
    if due_at < now - _PAST_TOLERANCE:
        raise InvalidInput(f"the due time {due_at:%Y-%m-%d %H:%M} is in the past")


def ensure_resolvable(number: CaseNumber, commitments: Iterable[Commitment]) -> None:
    """Refuse to resolve while a promise to the customer is still open."""
    still_open = [c for c in commitments if c.state is CommitmentState.OPEN]
    if still_open:
        listed = ", ".join(
            f"{c.kind.value} due {c.due_at:%Y-%m-%d %H:%M}"
            for c in sorted(still_open, key=lambda c: c.due_at)
        )
        raise RuleViolation(
            f"case #{number} has {len(still_open)} open commitment(s) ({listed}); "
            "complete them or cancel them with a reason before resolving"
        )


def check_close(commitment: Commitment, *, cancel_reason: str | None = None) -> str | None:
    """Validate completing (no reason) or cancelling (reason required) a commitment."""
    if commitment.state is not CommitmentState.OPEN:
        raise RuleViolation(f"commitment {commitment.id} is already {commitment.state.value}")
    if cancel_reason is None:
        return None
    cleaned = " ".join(cancel_reason.split())
    if len(cleaned) < MIN_REASON_LENGTH:
        raise InvalidInput("cancelling a commitment needs a reason the team can read later")
    return cleaned


class CallOutcome(StrEnum):
    """How a call-back went; the code is what the commitment's outcome starts with."""

    REACHED = "reached"
    NO_ANSWER = "no_answer"
    VOICEMAIL = "voicemail"


TEAM_GRACE = timedelta(hours=1)
"""An overdue promise is its owner's to keep; this long past due, the whole team is told."""
NEXT_ATTEMPT_AFTER = timedelta(hours=2)
WORKDAY_START = time(9, 0)
WORKDAY_END = time(17, 0)


def needs_another_attempt(outcome: str | None) -> bool:
    """Nobody answered (or only a machine did): the promise to call is not kept yet."""
    code = (outcome or "").split(":", 1)[0].strip()
    return code in {CallOutcome.NO_ANSWER.value, CallOutcome.VOICEMAIL.value}


def next_attempt_due(now: datetime, tz: tzinfo) -> datetime:
    """When to try again: in two hours (to the next quarter hour) if that is still within
    the working day, else at the start of the next working day (Monday to Friday)."""
    local = now.astimezone(tz)
    candidate = local + NEXT_ATTEMPT_AFTER
    candidate = candidate.replace(second=0, microsecond=0)
    if candidate.minute % 15:
        candidate += timedelta(minutes=15 - candidate.minute % 15)
    if (
        candidate.weekday() < 5
        and candidate.date() == local.date()
        and WORKDAY_START <= candidate.time() <= WORKDAY_END
    ):
        return candidate
    day = local.date() + timedelta(days=1)
    if local.time() < WORKDAY_START and local.weekday() < 5:
        day = local.date()  # early morning: later today is the next working start
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, WORKDAY_START, tzinfo=tz)
