"""The event log: every ownership, status, commitment and send change, with who and why."""

from datetime import datetime

from sqlalchemy import insert
from sqlmodel import Session, col, select

from omnidesk.core.entities import Event
from omnidesk.core.enums import EventKind
from omnidesk.core.ids import AgentId, CaseId
from omnidesk.store.agents import agent_names
from omnidesk.store.mapping import event_from_row
from omnidesk.store.tables import EventRow, core_table
from omnidesk.store.text_safety import db_text, fit
from omnidesk.store.types import utcnow

_INSERT_EVENT = insert(core_table(EventRow))


def log_event(
    session: Session,
    *,
    case_id: CaseId | None,
    kind: EventKind,
    actor: AgentId | None,
    from_value: str | None = None,
    to_value: str | None = None,
    reason: str | None = None,
    at: datetime | None = None,
) -> None:
    session.execute(
        _INSERT_EVENT,
        {
            "case_id": case_id,
            "kind": kind.value,
            "actor_agent_id": actor,
            "from_value": fit(from_value, 200),
            "to_value": fit(to_value, 200),
            "reason": db_text(reason),
            "at": at or utcnow(),
        },
    )


def list_events(session: Session, case_id: CaseId) -> list[Event]:
    rows = list(
        session.execute(
            select(EventRow).where(col(EventRow.case_id) == case_id).order_by(col(EventRow.id))
        ).scalars()
    )
    names = agent_names(session, {r.actor_agent_id for r in rows if r.actor_agent_id})
    return [event_from_row(r, names.get(r.actor_agent_id or 0)) for r in rows]
