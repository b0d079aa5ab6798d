"""Tables of team mode: who is looking at or answering which case right now.

A desktop writes its agent's row when a case is opened or a reply begun and refreshes
it while that lasts; rows older than a short horizon are stale (a desktop that died
cannot delete its own row) and are ignored by readers.
"""

from datetime import datetime

from sqlalchemy import Column, String
from sqlmodel import Field, SQLModel

from omnidesk.store.types import UTCDateTime, utcnow


class CasePresenceRow(SQLModel, table=True):
    __tablename__ = "case_presence"
    agent_id: int = Field(foreign_key="agent.id", primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", primary_key=True, index=True)
    activity: str = Field(sa_column=Column(String(16), nullable=False))
    """``viewing`` or ``replying`` (:class:`omnidesk.core.presence.Activity`)."""
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
