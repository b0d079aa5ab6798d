"""Rule 1: the first contact owns the customer.

A case has no owner only until the first agent action. After that the owner
changes only through an explicit handover with a reason. Other agents may still
write on the case: as an internal note, or as a reply *on behalf* of the owner,
which leaves the owner unchanged.

The atomic part of claiming (of N agents at once exactly one wins) is a
conditional update in the store; these functions decide what the outcome means.
"""

from dataclasses import dataclass

from omnidesk.core.enums import ReplyMode
from omnidesk.core.errors import InvalidInput, OwnedByOther, RuleViolation
from omnidesk.core.ids import AgentId, CaseNumber

MIN_REASON_LENGTH = 3


@dataclass(frozen=True, slots=True)
class OwnerRef:
    id: AgentId
    name: str


@dataclass(frozen=True, slots=True)
class ClaimOutcome:
    won: bool
    """True when this claim made the agent the owner (it was unowned before)."""
    already_owner: bool
    """True when the agent owned the case before claiming."""


def judge_claim(
    number: CaseNumber, *, claimant: AgentId, updated: bool, owner: OwnerRef | None
) -> ClaimOutcome:
    """Interpret a conditional ``UPDATE ... WHERE owner IS NULL``.

    ``updated`` tells whether the update changed the row; ``owner`` is the owner read
    afterwards in the same transaction.
    """
    if updated:
        return ClaimOutcome(won=True, already_owner=False)
    if owner is None:
        # The row exists but the update did not apply and nobody owns it: only a
        # concurrent deletion can do that, and cases are never deleted.
        raise RuleViolation(f"case #{number} could not be claimed; try again")
    if owner.id == claimant:
        return ClaimOutcome(won=False, already_owner=True)
    raise OwnedByOther(number, owner.name)


@dataclass(frozen=True, slots=True)
class WritePlan:
    """What writing on a case does."""

    visible_to_customer: bool
    becomes_owner: bool
    """The writer takes an unowned case (a reply is a first agent action)."""
    on_behalf_of: AgentId | None
    """Set when a non-owner replies for the owner; the owner stays."""


def plan_write(
    number: CaseNumber, *, owner: OwnerRef | None, writer: AgentId, mode: ReplyMode
) -> WritePlan:
    """Decide how an agent's reply or note lands on a case, or refuse it."""
    if mode is ReplyMode.NOTE:
        return WritePlan(visible_to_customer=False, becomes_owner=False, on_behalf_of=None)
    if owner is None:
        # Replying on behalf of nobody is just replying: the writer becomes the owner.
        return WritePlan(visible_to_customer=True, becomes_owner=True, on_behalf_of=None)
    if owner.id == writer:
        return WritePlan(visible_to_customer=True, becomes_owner=False, on_behalf_of=None)
    if mode is ReplyMode.ON_BEHALF:
        return WritePlan(visible_to_customer=True, becomes_owner=False, on_behalf_of=owner.id)
    raise OwnedByOther(
        number,
        owner.name,
        hint="reply on behalf of the owner, add an internal note, or ask for a handover",
    )


def check_handover(
    number: CaseNumber, *, owner: OwnerRef | None, new_owner: OwnerRef, reason: str
) -> str:
    """Validate a handover and return the cleaned reason."""
    cleaned = " ".join(reason.split())
    if len(cleaned) < MIN_REASON_LENGTH:
        raise InvalidInput(
            f"a handover of case #{number} needs a reason (why does it change hands?)"
        )
    if owner is not None and owner.id == new_owner.id:
        raise RuleViolation(f"case #{number} is already owned by {new_owner.name}")
    return cleaned
