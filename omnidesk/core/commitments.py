"""Rule 4: every promise is a commitment with a due time and an owner, and is kept.

A case with an open commitment cannot be resolved; a commitment leaves the open
state only by being done or by being cancelled with a reason.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

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
