"""The candidate window: which of the newest matching messages a search ranks.

Both backends feed matching messages newest first into a :class:`Window`, which keeps
them until it holds messages of ``cases`` different cases (or ``messages`` messages) and
then says it is full. The cut is made here, in one place, so both backends rank exactly
the same candidates. Counting cases rather than messages matters because a word that
names the customer occurs in every message of their cases.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

WINDOW_CASES = 100
"""Cases whose messages are ranked by relevance: two pages of 50."""

WINDOW_MESSAGES = 2000
"""At most this many messages are ranked, however few cases they belong to."""


@dataclass
class Window:
    """Matching messages, newest first, up to the window's edge."""

    cases: int = WINDOW_CASES
    messages: int = WINDOW_MESSAGES
    skip: frozenset[int] = frozenset()
    """Cases that were already listed (their messages are passed over)."""
    rows: list[tuple[int, int]] = field(default_factory=list)
    """(message id, case id), newest first."""
    full: bool = False
    """The edge was reached: older matches may exist."""
    _seen: set[int] = field(default_factory=set)

    def add(self, found: Iterable[tuple[int, int]]) -> bool:
        """Take rows (newest first, older than those before); True once the window is full."""
        for message_id, case_id in found:
            if self.full:
                break
            if case_id in self.skip:
                continue
            if case_id not in self._seen and len(self._seen) == self.cases:
                self.full = True
                break
            self._seen.add(case_id)
            self.rows.append((message_id, case_id))
            if len(self.rows) == self.messages:
                self.full = True
        return self.full

    @property
    def oldest(self) -> int | None:
        return self.rows[-1][0] if self.rows else None

    @property
    def message_ids(self) -> list[int]:
        return [message_id for message_id, _case in self.rows]
