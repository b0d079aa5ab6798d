"""What threading needs to know from the database about an inbound message."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from omnidesk.core.enums import CaseStatus, Direction, IdentityKind
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId
from omnidesk.core.threading_rules import CaseCandidate
from omnidesk.store.tables import AgentRow, CaseRow, IdentityRow, MessageRow

_MAX_REFERENCES = 50
"""A References header can be very long; the newest entries matter most."""


def _candidate(row: CaseRow) -> CaseCandidate:
    assert row.id is not None
    return CaseCandidate(
        id=CaseId(row.id),
        number=CaseNumber(row.number),
        status=CaseStatus(row.status),
        customer_id=CustomerId(row.customer_id),
        subject=row.subject,
        updated_at=row.updated_at,
        resolved_at=row.resolved_at,
    )


def case_by_message_ids(session: Session, message_ids: list[str]) -> CaseCandidate | None:
    """The case holding the most recent of these Message-IDs, if any."""
    wanted = [m for m in message_ids if m][-_MAX_REFERENCES:]
    if not wanted:
        return None
    row = session.exec(
        select(CaseRow)
        .join(MessageRow, col(MessageRow.case_id) == col(CaseRow.id))
        .where(col(MessageRow.message_id_header).in_(wanted))
        .order_by(col(MessageRow.created_at).desc(), col(MessageRow.id).desc())
        .limit(1)
    ).first()
    return _candidate(row) if row else None


def case_by_number(session: Session, number: CaseNumber) -> CaseCandidate | None:
    row = session.exec(select(CaseRow).where(col(CaseRow.number) == number)).first()
    return _candidate(row) if row else None


def is_participant(session: Session, case: CaseCandidate, address: str) -> bool:
    """Has this address written on the case, or is it the customer's or an agent's address?"""
    if not address:
        return False
    address = address.lower()
    identity = session.exec(
        select(func.count())
        .select_from(IdentityRow)
        .where(
            col(IdentityRow.customer_id) == case.customer_id,
            col(IdentityRow.kind) == IdentityKind.EMAIL.value,
            col(IdentityRow.value) == address,
        )
    ).one()
    if identity:
        return True
    wrote = session.exec(
        select(func.count())
        .select_from(MessageRow)
        .join(IdentityRow, col(IdentityRow.id) == col(MessageRow.author_identity_id))
        .where(
            col(MessageRow.case_id) == case.id,
            col(MessageRow.direction) == Direction.IN.value,
            col(IdentityRow.value) == address,
        )
    ).one()
    if wrote:
        return True
    agent = session.exec(
        select(func.count()).select_from(AgentRow).where(col(AgentRow.email) == address)
    ).one()
    return bool(agent)


def recent_cases_of(
    session: Session, customer_id: CustomerId, limit: int = 20
) -> list[CaseCandidate]:
    rows = session.exec(
        select(CaseRow)
        .where(col(CaseRow.customer_id) == customer_id)
        .order_by(col(CaseRow.updated_at).desc())
        .limit(limit)
    ).all()
    return [_candidate(r) for r in rows]
