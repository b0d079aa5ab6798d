"""Storing who views or replies to which case (``case_presence``)."""

from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from omnidesk.core.ids import AgentId, CaseId
from omnidesk.core.presence import Activity, Presence
from omnidesk.store.tables import AgentRow
from omnidesk.store.tables_team import CasePresenceRow


def report(
    session: Session, agent_id: AgentId, case_id: CaseId, activity: Activity, now: datetime
) -> None:
    """The agent is now on this case (and on no other: one desk, one case at a time)."""
    session.execute(delete(CasePresenceRow).where(col(CasePresenceRow.agent_id) == agent_id))
    session.execute(
        insert(CasePresenceRow).values(
            agent_id=agent_id, case_id=case_id, activity=activity.value, seen_at=now
        )
    )


def withdraw(session: Session, agent_id: AgentId) -> None:
    session.execute(delete(CasePresenceRow).where(col(CasePresenceRow.agent_id) == agent_id))


def on_case(session: Session, case_id: CaseId, *, since: datetime) -> list[Presence]:
    rows = session.execute(
        sa_select(
            col(CasePresenceRow.agent_id),
            col(AgentRow.display_name),
            col(AgentRow.name),
            col(CasePresenceRow.activity),
            col(CasePresenceRow.seen_at),
        )
        .join(AgentRow, col(AgentRow.id) == col(CasePresenceRow.agent_id))
        .where(col(CasePresenceRow.case_id) == case_id, col(CasePresenceRow.seen_at) >= since)
    ).all()
    return [
        Presence(AgentId(agent_id), display or name, Activity(activity), seen_at)
        for agent_id, display, name, activity, seen_at in rows
    ]
