"""Collision safety: a reply must not leave when the case moved on under the writer.

An agent starts a draft having read the case up to some message. If the customer
wrote again, or a colleague answered or noted something, the draft may now be wrong
or redundant; sending is stopped and the new messages are shown. The writer's own
messages never count: sending twice from one desk is not a collision.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from omnidesk.core.enums import Direction
from omnidesk.core.errors import RuleViolation
from omnidesk.core.ids import AgentId, CaseNumber, MessageId


@dataclass(frozen=True, slots=True)
class Written:
    """What the rule needs to know about a message on the case."""

    id: MessageId
    direction: Direction
    author_agent_id: AgentId | None


class ChangedSinceDraft(RuleViolation):
    """Something new arrived on the case after the agent started the reply."""

    def __init__(self, number: CaseNumber, unseen: tuple[MessageId, ...]) -> None:
        count = len(unseen)
        what = "a new message" if count == 1 else f"{count} new messages"
        super().__init__(
            f"case #{number} has {what} since you started this reply; "
            "read it and send again if your reply still fits"
        )
        self.number = number
        self.unseen = unseen


def unseen_since(
    written: Iterable[Written], *, seen_up_to: MessageId, writer: AgentId
) -> tuple[MessageId, ...]:
    """Messages newer than ``seen_up_to`` that someone other than ``writer`` wrote.

    Message ids only grow, so "newer" is "larger id" whatever the ``Date`` headers say.
    """
    return tuple(
        sorted(
            m.id
            for m in written
            if m.id > seen_up_to
            and not (m.direction is not Direction.IN and m.author_agent_id == writer)
        )
    )


def check_not_changed(
    number: CaseNumber,
    written: Iterable[Written],
    *,
    seen_up_to: MessageId | None,
    writer: AgentId,
) -> None:
    """Raise :class:`ChangedSinceDraft` when the case moved on since ``seen_up_to``.

    ``None`` means the caller does not track what the writer saw (a script, the CLI
    without ``--seen``): nothing to compare against, so nothing is stopped.
    """
    if seen_up_to is None:
        return
    unseen = unseen_since(written, seen_up_to=seen_up_to, writer=writer)
    if unseen:
        raise ChangedSinceDraft(number, unseen)
