"""Commitments: promises with a due time and an owner."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from omnidesk.core.entities import Commitment
from omnidesk.core.enums import CommitmentKind, CommitmentState
from omnidesk.core.errors import NotFound
from omnidesk.core.ids import AgentId, CaseId, CommitmentId
from omnidesk.store.agents import covered_owners
from omnidesk.store.mapping import commitment_from_row
from omnidesk.store.tables import AgentRow, CaseRow, CommitmentRow
from omnidesk.store.types import affected_rows, utcnow


def insert_commitment(
    session: Session,
    *,
    case_id: CaseId,
    owner_id: AgentId,
    kind: CommitmentKind,
    due_at: datetime,
    note: str = "",
    customer_text: str = "",
) -> Commitment:
    row = CommitmentRow(
        case_id=case_id,
        owner_id=owner_id,
        kind=kind.value,
        due_at=due_at,
        note=note,
        customer_text=customer_text or None,
    )
    session.add(row)
    session.flush()
    return commitment_from_row(row)


def list_commitments(session: Session, case_id: CaseId) -> list[Commitment]:
    rows = session.execute(
        select(CommitmentRow)
        .where(col(CommitmentRow.case_id) == case_id)
        .order_by(col(CommitmentRow.due_at))
    ).scalars()
    return [commitment_from_row(r) for r in rows]


def get_commitment(session: Session, commitment_id: CommitmentId) -> Commitment:
    row = session.get(CommitmentRow, commitment_id)
    if row is None:
        raise NotFound(f"there is no commitment {commitment_id}")
    return commitment_from_row(row)


def close_commitment(
    session: Session,
    commitment_id: CommitmentId,
    *,
    state: CommitmentState,
    outcome: str | None = None,
    cancel_reason: str | None = None,
) -> bool:
    """Close an open commitment; False if it was closed by someone else first."""
    result = session.execute(
        update(CommitmentRow)
        .where(
            col(CommitmentRow.id) == commitment_id,
            col(CommitmentRow.state) == CommitmentState.OPEN.value,
        )
        .values(state=state.value, outcome=outcome, cancel_reason=cancel_reason, closed_at=utcnow())
    )
    return affected_rows(result) > 0


def open_commitments(
    session: Session,
    *,
    owner_id: AgentId | None = None,
    include_covered: bool = False,
    due_before: datetime | None = None,
    limit: int = 500,
) -> list[tuple[Commitment, int, str, str]]:
    """Open commitments, earliest due first, with case number, subject and owner name."""
    statement = (
        select(CommitmentRow, CaseRow.number, CaseRow.subject, AgentRow.name)
        .join(CaseRow, col(CaseRow.id) == col(CommitmentRow.case_id))
        .join(AgentRow, col(AgentRow.id) == col(CommitmentRow.owner_id))
        .where(col(CommitmentRow.state) == CommitmentState.OPEN.value)
        .order_by(col(CommitmentRow.due_at), col(CommitmentRow.id))
        .limit(limit)
    )
    if owner_id is not None:
        owners = {owner_id}
        if include_covered:
            # An absent agent's promises are kept by whoever covers for them.
            owners |= covered_owners(session, owner_id)
        statement = statement.where(col(CommitmentRow.owner_id).in_(sorted(owners)))
    if due_before is not None:
        statement = statement.where(col(CommitmentRow.due_at) < due_before)
    return [
        (commitment_from_row(row), number, subject, owner)
        for row, number, subject, owner in session.exec(statement).all()
    ]
