"""Correcting threading by hand: move a message to another case, or split it off.

Automatic threading can be wrong (a customer replies to an old thread about a new
problem). The agent fixes it here; both cases record who moved what, and why.
"""

from sqlmodel import Session

from omnidesk.core.entities import Agent
from omnidesk.core.enums import Direction, EventKind
from omnidesk.core.errors import InvalidInput, NotFound, RuleViolation
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId, MessageId
from omnidesk.core.ownership import MIN_REASON_LENGTH
from omnidesk.store import cases, events
from omnidesk.store.engine import Database
from omnidesk.store.tables import CaseRow, MessageRow


def move_message(
    db: Database, message_id: MessageId, *, to: CaseNumber, actor: Agent, reason: str
) -> None:
    """Put a customer's message on another case (logged on both)."""
    cleaned = _reason(reason)
    with db.write() as session:
        message, source = _load(session, message_id)
        target = cases.case_row_by_number(session, to)
        if target.id == source.id:
            raise RuleViolation(f"the message is already on case #{to}")
        _relink(session, message, source, target, actor=actor, reason=cleaned)


def split_message(db: Database, message_id: MessageId, *, actor: Agent, reason: str) -> CaseNumber:
    """Start a new case from a message that does not belong to its current one."""
    cleaned = _reason(reason)
    with db.write() as session:
        message, source = _load(session, message_id)
        created = cases.insert_case(
            session,
            subject=message.subject.strip() or source.subject,
            customer_id=CustomerId(source.customer_id),
            created_at=message.created_at,
        )
        events.log_event(
            session,
            case_id=created.id,
            kind=EventKind.CASE_CREATED,
            actor=actor.id,
            to_value=message.channel,
            reason=f"split from case #{source.number}: {cleaned}",
        )
        target = cases.case_row_by_number(session, created.number)
        _relink(session, message, source, target, actor=actor, reason=cleaned)
        return created.number


def _reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if len(cleaned) < MIN_REASON_LENGTH:
        raise InvalidInput("moving a message needs a reason (why does it belong elsewhere?)")
    return cleaned


def _load(session: Session, message_id: MessageId) -> tuple[MessageRow, CaseRow]:
    message = session.get(MessageRow, message_id)
    if message is None:
        raise NotFound(f"there is no message {message_id}")
    if message.direction != Direction.IN.value:
        raise RuleViolation(
            "only messages from the customer can be moved; our replies stay where they were sent"
        )
    source = session.get(CaseRow, message.case_id)
    assert source is not None
    return message, source


def _relink(
    session: Session,
    message: MessageRow,
    source: CaseRow,
    target: CaseRow,
    *,
    actor: Agent,
    reason: str,
) -> None:
    assert source.id is not None
    assert target.id is not None
    message.case_id = target.id
    message.thread_reason = f"moved by {actor.name} from case #{source.number}: {reason}"
    session.add(message)
    for case_id, kind in (
        (source.id, EventKind.MESSAGE_MOVED_OUT),
        (target.id, EventKind.MESSAGE_MOVED_IN),
    ):
        events.log_event(
            session,
            case_id=CaseId(case_id),
            kind=kind,
            actor=actor.id,
            from_value=f"#{source.number}",
            to_value=f"#{target.number}",
            reason=f"message {message.id}: {reason}",
        )
        cases.touch(session, CaseId(case_id))
