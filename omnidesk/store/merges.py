"""Recording and undoing customer merges (``customer_merge``)."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from omnidesk.core.enums import EventKind
from omnidesk.core.errors import NotFound, RuleViolation
from omnidesk.core.ids import AgentId, CaseId, CustomerId
from omnidesk.core.merging import MergeRecord, check_merge, check_undo
from omnidesk.store import events
from omnidesk.store.customers import display_name, get_customer
from omnidesk.store.tables import CaseRow, CustomerRow, IdentityRow
from omnidesk.store.tables_team import CustomerMergeRow
from omnidesk.store.types import affected_rows


def merge(
    session: Session, kept: CustomerId, other: CustomerId, *, actor: AgentId | None, now: datetime
) -> int:
    """Move ``other``'s identities and cases to ``kept``; return the merge's id."""
    rows = {
        r.id: r
        for r in session.exec(
            select(CustomerRow).where(col(CustomerRow.id).in_([kept, other]))
        ).all()
    }
    for customer in (kept, other):
        if customer not in rows:
            raise NotFound(f"there is no customer {customer}")
    check_merge(
        kept,
        other,
        kept_merged_into=rows[kept].merged_into_id,
        other_merged_into=rows[other].merged_into_id,
    )
    kept_name = display_name(get_customer(session, kept))
    other_name = display_name(get_customer(session, other))
    # The conditional update is the lock: of two agents merging at once, one wins.
    claimed = session.execute(
        update(CustomerRow)
        .where(col(CustomerRow.id) == other, col(CustomerRow.merged_into_id).is_(None))
        .values(merged_into_id=kept)
    )
    if affected_rows(claimed) != 1:
        raise RuleViolation(f"customer {other} was merged by someone else just now")
    identity_ids = _ids(
        session, select(IdentityRow.id).where(col(IdentityRow.customer_id) == other)
    )
    case_ids = _ids(session, select(CaseRow.id).where(col(CaseRow.customer_id) == other))
    _move(session, identity_ids, case_ids, to=kept, now=now)
    record = CustomerMergeRow(
        kept_customer_id=kept,
        merged_customer_id=other,
        identity_ids=" ".join(map(str, identity_ids)),
        case_ids=" ".join(map(str, case_ids)),
        actor_agent_id=actor,
        at=now,
    )
    session.add(record)
    session.flush()
    assert record.id is not None
    for case_id in _ids(session, select(CaseRow.id).where(col(CaseRow.customer_id) == kept)):
        events.log_event(
            session,
            case_id=CaseId(case_id),
            kind=EventKind.CUSTOMER_MERGED,
            actor=actor,
            from_value=other_name[:200],
            to_value=kept_name[:200],
            reason=f"merge {record.id}",
        )
    return record.id


def undo(session: Session, merge_id: int, *, actor: AgentId | None, now: datetime) -> MergeRecord:
    row = session.get(CustomerMergeRow, merge_id)
    if row is None:
        raise NotFound(f"there is no customer merge {merge_id}")
    record = _record(row)
    later = [
        _record(r)
        for r in session.exec(
            select(CustomerMergeRow).where(col(CustomerMergeRow.id) > merge_id)
        ).all()
    ]
    check_undo(record, later)
    identity_ids = [int(i) for i in row.identity_ids.split()]
    case_ids = [int(i) for i in row.case_ids.split()]
    taken = session.execute(
        update(CustomerMergeRow)
        .where(col(CustomerMergeRow.id) == merge_id, col(CustomerMergeRow.undone_at).is_(None))
        .values(undone_at=now)
    )
    if affected_rows(taken) != 1:
        raise RuleViolation(f"merge {merge_id} was undone by someone else just now")
    _move(session, identity_ids, case_ids, to=record.merged, now=now)
    session.execute(
        update(CustomerRow).where(col(CustomerRow.id) == record.merged).values(merged_into_id=None)
    )
    for case_id in case_ids:
        events.log_event(
            session,
            case_id=CaseId(case_id),
            kind=EventKind.CUSTOMER_UNMERGED,
            actor=actor,
            reason=f"merge {merge_id} undone",
        )
    return MergeRecord(record.id, record.kept, record.merged, undone=True)


def merges_of(session: Session, customer: CustomerId) -> list[MergeRecord]:
    rows = session.exec(
        select(CustomerMergeRow)
        .where(
            (col(CustomerMergeRow.kept_customer_id) == customer)
            | (col(CustomerMergeRow.merged_customer_id) == customer)
        )
        .order_by(col(CustomerMergeRow.id))
    ).all()
    return [_record(r) for r in rows]


def _move(
    session: Session, identity_ids: list[int], case_ids: list[int], *, to: CustomerId, now: datetime
) -> None:
    if identity_ids:
        session.execute(
            update(IdentityRow).where(col(IdentityRow.id).in_(identity_ids)).values(customer_id=to)
        )
    if case_ids:
        session.execute(
            update(CaseRow)
            .where(col(CaseRow.id).in_(case_ids))
            .values(customer_id=to, updated_at=now, version=col(CaseRow.version) + 1)
        )


def _ids(session: Session, statement: object) -> list[int]:
    return [int(i) for i in session.exec(statement).all()]  # type: ignore[call-overload]


def _record(row: CustomerMergeRow) -> MergeRecord:
    assert row.id is not None
    return MergeRecord(
        row.id,
        CustomerId(row.kept_customer_id),
        CustomerId(row.merged_customer_id),
        undone=row.undone_at is not None,
    )
