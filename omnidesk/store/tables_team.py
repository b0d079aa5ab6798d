"""Tables of team mode: who is looking at or answering which case right now, and the
record of customer merges (so a merge can be undone).

A desktop writes its agent's row when a case is opened or a reply begun and refreshes
it while that lasts; rows older than a short horizon are stale (a desktop that died
cannot delete its own row) and are ignored by readers.
"""

from datetime import datetime

from sqlalchemy import Column, String, Text
from sqlmodel import Field, SQLModel

from omnidesk.store.types import UTCDateTime, utcnow


class CasePresenceRow(SQLModel, table=True):
    __tablename__ = "case_presence"
    agent_id: int = Field(foreign_key="agent.id", primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", primary_key=True, index=True)
    activity: str = Field(sa_column=Column(String(16), nullable=False))
    """``viewing`` or ``replying`` (:class:`omnidesk.core.presence.Activity`)."""
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CustomerMergeRow(SQLModel, table=True):
    """One merge of customer ``merged`` into ``kept``, with exactly what moved."""

    __tablename__ = "customer_merge"
    id: int | None = Field(default=None, primary_key=True)
    kept_customer_id: int = Field(foreign_key="customer.id", index=True)
    merged_customer_id: int = Field(foreign_key="customer.id", index=True)
    identity_ids: str = Field(sa_column=Column(Text, nullable=False))
    """Space-separated ids of the identities that moved."""
    case_ids: str = Field(sa_column=Column(Text, nullable=False))
    """Space-separated ids of the cases that moved."""
    actor_agent_id: int | None = Field(default=None, foreign_key="agent.id")
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
