"""The customer's answer to "Did this solve your problem?", as the event log records it.

The question is a ``resolution_asked`` event; its id is what the yes/no links carry. An
answer is an event whose ``to_value`` names that question, so one question takes one
answer.
"""

from datetime import datetime

from sqlmodel import Session, col, select

from omnidesk.core.enums import EventKind
from omnidesk.core.ids import AgentId, CaseId
from omnidesk.store.tables import EventRow
from omnidesk.store.types import utcnow

ANSWERS = (EventKind.RESOLUTION_CONFIRMED, EventKind.RESOLUTION_REJECTED)


def confirmed_since(session: Session, case_id: CaseId, since: datetime | None) -> bool:
    """Whether the customer confirmed the resolution that began at ``since``."""
    if since is None:
        return False
    found = session.exec(
        select(EventRow.id).where(
            col(EventRow.case_id) == case_id,
            col(EventRow.kind) == EventKind.RESOLUTION_CONFIRMED.value,
            col(EventRow.at) >= since,
        )
    ).first()
    return found is not None


def record_question(session: Session, case_id: CaseId, *, actor: AgentId, recipient: str) -> int:
    """Log that the customer is asked; the event's id is what the links carry."""
    row = EventRow(
        case_id=case_id,
        actor_agent_id=actor,
        kind=EventKind.RESOLUTION_ASKED.value,
        at=utcnow(),
        reason=f"asked {recipient} whether the resolution solved the problem",
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def question(session: Session, question_id: int) -> EventRow | None:
    """The ``resolution_asked`` event with this id, if there is one."""
    row = session.get(EventRow, question_id)
    return row if row is not None and row.kind == EventKind.RESOLUTION_ASKED.value else None


def answer_to(session: Session, case_id: CaseId, question: int) -> EventKind | None:
    """The answer already recorded for ``question``, if any."""
    kind = session.exec(
        select(EventRow.kind).where(
            col(EventRow.case_id) == case_id,
            col(EventRow.kind).in_([k.value for k in ANSWERS]),
            col(EventRow.to_value) == str(question),
        )
    ).first()
    return EventKind(kind) if kind else None
