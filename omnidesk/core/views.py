"""Which cases a list shows: the filter behind each sidebar view, as plain data."""

from dataclasses import dataclass
from enum import StrEnum

from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import AgentId

OPEN_STATUSES = frozenset({CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING_ON_CUSTOMER})


class CaseSort(StrEnum):
    UPDATED = "updated"
    """Most recently changed first."""
    WAITING = "waiting"
    """The customer who has waited longest first."""
    NUMBER = "number"
    """Newest case number first."""


@dataclass(frozen=True, slots=True)
class CaseFilter:
    statuses: frozenset[CaseStatus] | None = None
    """None means every status."""
    owner_id: AgentId | None = None
    unassigned: bool = False
    with_open_commitments: bool = False
    sort: CaseSort = CaseSort.UPDATED
    include_covered: bool = False
    """With ``owner_id``: also the cases of absent agents whom that agent covers."""


class View(StrEnum):
    MINE = "mine"
    UNASSIGNED = "unassigned"
    WAITING = "waiting"
    COMMITMENTS = "commitments"
    OPEN = "open"
    RESOLVED = "resolved"
    ALL = "all"


_VIEW_FILTERS: dict[View, CaseFilter] = {
    View.UNASSIGNED: CaseFilter(statuses=OPEN_STATUSES, unassigned=True, sort=CaseSort.WAITING),
    View.WAITING: CaseFilter(statuses=frozenset({CaseStatus.WAITING_ON_CUSTOMER})),
    View.COMMITMENTS: CaseFilter(with_open_commitments=True),
    View.OPEN: CaseFilter(statuses=OPEN_STATUSES, sort=CaseSort.WAITING),
    View.RESOLVED: CaseFilter(statuses=frozenset({CaseStatus.RESOLVED})),
    View.ALL: CaseFilter(),
}


def filter_for_view(view: View, *, me: AgentId | None) -> CaseFilter:
    """The filter behind a sidebar view; "my cases" without a known agent shows nothing."""
    if view is View.MINE:
        return CaseFilter(statuses=OPEN_STATUSES, owner_id=me or AgentId(-1), include_covered=True)
    return _VIEW_FILTERS[view]
