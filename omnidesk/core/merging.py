"""Merging customer records: two records that are one person become one, undoably.

The same person often reaches the team as two customers: a chat visitor who later
writes from their address, a private and a work address. An agent merges them: the
other record's identities and cases move to the kept one, and the other record points
to it, so anything still naming it finds the same person. Every merge is recorded with
exactly what moved, so it can be undone — identities and cases go back, nothing else
changes — as long as it is the latest merge touching either record.
"""

from dataclasses import dataclass

from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.ids import CustomerId


@dataclass(frozen=True, slots=True)
class MergeRecord:
    id: int
    kept: CustomerId
    merged: CustomerId
    undone: bool


def check_merge(
    kept: CustomerId,
    other: CustomerId,
    *,
    kept_merged_into: int | None,
    other_merged_into: int | None,
) -> None:
    if kept == other:
        raise InvalidInput("a customer cannot be merged with themselves")
    for customer, merged_into in ((kept, kept_merged_into), (other, other_merged_into)):
        if merged_into is not None:
            raise RuleViolation(
                f"customer {customer} was merged into customer {merged_into} already; "
                "merge with that record instead"
            )


def check_undo(record: MergeRecord, later: list[MergeRecord]) -> None:
    """Only the latest merge touching either record can be undone (later ones build on it)."""
    if record.undone:
        raise RuleViolation(f"merge {record.id} was undone already")
    blocking = [
        m.id
        for m in later
        if m.id > record.id and not m.undone and {m.kept, m.merged} & {record.kept, record.merged}
    ]
    if blocking:
        raise RuleViolation(
            f"merge {record.id} cannot be undone before the later merge "
            f"{', '.join(str(b) for b in blocking)} of the same customers"
        )
