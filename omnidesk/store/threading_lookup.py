"""What threading needs to know from the database about an inbound message."""

from sqlalchemy import bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from omnidesk.core.enums import CaseStatus, Direction, IdentityKind
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId
from omnidesk.core.threading_rules import CaseCandidate
from omnidesk.store.tables import AgentRow, CaseRow, IdentityRow, MessageRow, core_table

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


_CASES = core_table(CaseRow)
_MESSAGES = core_table(MessageRow)
# Built once: every inbound message asks it.
_BY_MESSAGE_IDS = (
    sa_select(
        _CASES.c.id,
        _CASES.c.number,
        _CASES.c.status,
        _CASES.c.customer_id,
        _CASES.c.subject,
        _CASES.c.updated_at,
        _CASES.c.resolved_at,
    )
    .join(_MESSAGES, _MESSAGES.c.case_id == _CASES.c.id)
    .where(_MESSAGES.c.message_id_header.in_(bindparam("ids", expanding=True)))
    .order_by(_MESSAGES.c.created_at.desc(), _MESSAGES.c.id.desc())
    .limit(1)
)


def case_by_message_ids(session: Session, message_ids: list[str]) -> CaseCandidate | None:
    """The case holding the most recent of these Message-IDs, if any."""
    wanted = [m for m in message_ids if m][-_MAX_REFERENCES:]
    if not wanted:
        return None
    row = session.execute(_BY_MESSAGE_IDS, {"ids": wanted}).first()
    if row is None:
        return None
    return CaseCandidate(
        id=CaseId(row[0]),
        number=CaseNumber(row[1]),
        status=CaseStatus(row[2]),
        customer_id=CustomerId(row[3]),
        subject=row[4],
        updated_at=row[5],
        resolved_at=row[6],
    )


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
