"""The event log: every ownership, status, commitment and send change, with who and why."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert
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

EventValues = dict[str, Any]
"""One event row as :func:`insert_events` takes it."""


def event_values(
    *,
    case_id: CaseId | None,
    kind: EventKind,
    actor: AgentId | None,
    from_value: str | None = None,
    to_value: str | None = None,
    reason: str | None = None,
    at: datetime | None = None,
) -> EventValues:
    """The row :func:`log_event` writes, with its time taken now (not when it is inserted)."""
    return {
        "case_id": case_id,
        "kind": kind.value,
        "actor_agent_id": actor,
        "from_value": fit(from_value, 200),
        "to_value": fit(to_value, 200),
        "reason": db_text(reason),
        "at": at or utcnow(),
    }


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
        event_values(
            case_id=case_id,
            kind=kind,
            actor=actor,
            from_value=from_value,
            to_value=to_value,
            reason=reason,
            at=at,
        ),
    )


def insert_events(connection: Connection, rows: Sequence[EventValues]) -> None:
    """Insert rows made by :func:`event_values`, in their order (one executemany for many)."""
    if len(rows) == 1:
        connection.execute(_INSERT_EVENT, rows[0])
    elif rows:
        connection.execute(_INSERT_EVENT, list(rows))


def list_events(session: Session, case_id: CaseId) -> list[Event]:
    rows = list(
        session.execute(
            select(EventRow).where(col(EventRow.case_id) == case_id).order_by(col(EventRow.id))
        ).scalars()
    )
    names = agent_names(session, {r.actor_agent_id for r in rows if r.actor_agent_id})
    return [event_from_row(r, names.get(r.actor_agent_id or 0)) for r in rows]
