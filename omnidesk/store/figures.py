"""What the figures need from the database: commitments, cases and messages in a range.

Each reader is a handful of narrow queries that return plain records for
``omnidesk.core.figures``:

* commitments due in the range go through the ``(state, due_at)`` index (one range per
  state, which SQLite and PostgreSQL both turn into index range scans);
* cases answered or resolved in the range: one pass over the case table reading five
  columns (no index covers the two moments; a report is asked for rarely), then one
  count of inbound messages per resolved case through the ``(case_id, created_at)``
  message index;
* one customer's cases and their messages through the customer and message indexes.
"""

from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from omnidesk.core.enums import CommitmentState, Direction
from omnidesk.core.figures import CaseRecord, CaseTurns, CommitmentRecord, Turn
from omnidesk.core.ids import CustomerId
from omnidesk.store.tables import AgentRow, CaseRow, CommitmentRow, MessageRow


def commitment_records(
    session: Session, *, since: datetime, until: datetime
) -> list[CommitmentRecord]:
    """Every commitment due in ``[since, until)``, with its owner's name."""
    rows = session.exec(
        select(AgentRow.name, CommitmentRow.due_at, CommitmentRow.state, CommitmentRow.closed_at)
        .join(AgentRow, col(AgentRow.id) == col(CommitmentRow.owner_id))
        .where(
            col(CommitmentRow.state).in_([s.value for s in CommitmentState]),
            col(CommitmentRow.due_at) >= since,
            col(CommitmentRow.due_at) < until,
        )
    ).all()
    return [
        CommitmentRecord(owner=name, due_at=due, state=CommitmentState(state), closed_at=closed)
        for name, due, state, closed in rows
    ]


def case_records(session: Session, *, since: datetime, until: datetime) -> list[CaseRecord]:
    """Cases first answered or resolved in ``[since, until)``, with their owner's name and,
    for resolved ones, the customer's messages up to the resolution."""
    answered = and_(col(CaseRow.first_response_at) >= since, col(CaseRow.first_response_at) < until)
    resolved = and_(col(CaseRow.resolved_at) >= since, col(CaseRow.resolved_at) < until)
    rows = session.execute(
        sa_select(
            col(CaseRow.id),
            col(AgentRow.name),
            col(CaseRow.created_at),
            col(CaseRow.first_response_at),
            col(CaseRow.resolved_at),
        )
        .outerjoin(AgentRow, col(AgentRow.id) == col(CaseRow.owner_id))
        .where(or_(answered, resolved))
    ).all()
    contacts: dict[int, int] = dict(
        session.exec(
            select(MessageRow.case_id, func.count())
            .join(CaseRow, col(CaseRow.id) == col(MessageRow.case_id))
            .where(
                resolved,
                col(MessageRow.direction) == Direction.IN.value,
                col(MessageRow.created_at) <= col(CaseRow.resolved_at),
            )
            .group_by(col(MessageRow.case_id))
        ).all()
    )
    return [
        CaseRecord(
            owner=owner,
            created_at=created,
            first_response_at=first,
            resolved_at=resolved_at,
            contacts=contacts.get(case_id or 0, 0),
        )
        for case_id, owner, created, first, resolved_at in rows
    ]


def customer_turns(session: Session, customer_id: CustomerId) -> list[CaseTurns]:
    """Every case of the customer with the messages that pass the turn: the customer's
    own, and replies an agent wrote (automatic mail and notes pass nothing)."""
    cases = session.execute(
        sa_select(
            col(CaseRow.id),
            col(CaseRow.number),
            col(CaseRow.subject),
            col(CaseRow.created_at),
            col(CaseRow.first_response_at),
            col(CaseRow.resolved_at),
        ).where(col(CaseRow.customer_id) == customer_id)
    ).all()
    messages = session.exec(
        select(MessageRow.case_id, MessageRow.direction, MessageRow.created_at)
        .join(CaseRow, col(CaseRow.id) == col(MessageRow.case_id))
        .where(
            col(CaseRow.customer_id) == customer_id,
            or_(
                col(MessageRow.direction) == Direction.IN.value,
                and_(
                    col(MessageRow.direction) == Direction.OUT.value,
                    col(MessageRow.author_agent_id).is_not(None),
                ),
            ),
        )
    ).all()
    turns: dict[int, list[Turn]] = defaultdict(list)
    for case_id, direction, at in messages:
        turns[case_id].append(Turn(at=at, from_customer=direction == Direction.IN.value))
    return [
        CaseTurns(
            number=number,
            subject=subject,
            created_at=created,
            first_response_at=first,
            resolved_at=resolved_at,
            turns=turns.get(case_id or 0, []),
        )
        for case_id, number, subject, created, first, resolved_at in cases
    ]
