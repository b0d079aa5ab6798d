"""Who else is on a case right now: viewing it, or writing a reply to it.

Desktops report what their agent is doing and refresh the report while it lasts. A
desktop that crashed cannot take its report back, so a report counts only while it is
fresher than :data:`STALE_AFTER`; refreshing every :data:`REFRESH_EVERY` keeps a live
one well inside that horizon.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from omnidesk.core.ids import AgentId

REFRESH_EVERY = timedelta(seconds=15)
STALE_AFTER = timedelta(seconds=45)


class Activity(StrEnum):
    VIEWING = "viewing"
    REPLYING = "replying"


@dataclass(frozen=True, slots=True)
class Presence:
    agent_id: AgentId
    name: str
    activity: Activity
    seen_at: datetime


def colleagues_on_case(
    reports: Iterable[Presence], *, me: AgentId | None, now: datetime
) -> list[Presence]:
    """Fresh reports of other agents, those replying first (they matter most), then by name."""
    fresh = [r for r in reports if r.agent_id != me and now - r.seen_at <= STALE_AFTER]
    return sorted(fresh, key=lambda r: (r.activity is not Activity.REPLYING, r.name.casefold()))
