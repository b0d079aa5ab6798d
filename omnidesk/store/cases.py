"""Cases: numbering, loading, and the conditional updates behind ownership.

Every change that must be safe with many writers (claim, status, numbering) is a
single conditional ``UPDATE`` — never a read followed by a write.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, case, func, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from omnidesk.core.case_numbers import FIRST_CASE_NUMBER
from omnidesk.core.entities import Case
from omnidesk.core.enums import CaseStatus, Priority
from omnidesk.core.errors import NotFound
from omnidesk.core.ids import AgentId, CaseId, CaseNumber, CustomerId
from omnidesk.core.ownership import OwnerRef
from omnidesk.store.mapping import case_from_row
from omnidesk.store.tables import AgentRow, CaseRow, CaseTagRow, Counter, core_table
from omnidesk.store.text_safety import db_text
from omnidesk.store.types import UTCDateTime, affected_rows, utcnow

CASE_COUNTER = "case_number"

_CASES = core_table(CaseRow)
_COUNTERS = core_table(Counter)
# Built once: ingestion runs these for nearly every message.
_NEXT_NUMBER = (
    update(_COUNTERS)
    .where(_COUNTERS.c.name == bindparam("counter"))
    .values(value=_COUNTERS.c.value + 1)
    .returning(_COUNTERS.c.value)
)
_INSERT_COUNTER = insert(_COUNTERS)
_INSERT_CASE = insert(_CASES).returning(_CASES.c.id)
_TOUCH = (
    update(_CASES)
    .where(_CASES.c.id == bindparam("case_id"))
    .values(updated_at=bindparam("now", type_=UTCDateTime), version=_CASES.c.version + 1)
)
_NUMBER_OF = sa_select(_CASES.c.number).where(_CASES.c.id == bindparam("case_id"))
_CUSTOMER_WROTE = (
    update(_CASES)
    .where(_CASES.c.id == bindparam("case_id"), _CASES.c.status == bindparam("expected"))
    .values(
        status=bindparam("new"),
        waiting_since=func.coalesce(_CASES.c.waiting_since, bindparam("now", type_=UTCDateTime)),
        resolved_at=None,
        updated_at=bindparam("now", type_=UTCDateTime),
        version=_CASES.c.version + 1,
    )
)


def next_case_number(session: Session) -> CaseNumber:
    """Allocate the next case number.

    The counter row is incremented with ``UPDATE ... RETURNING``: on PostgreSQL the
    row lock serializes concurrent allocators until commit, on SQLite the write
    transaction does; a rolled-back transaction gives its number back.
    """
    value = session.execute(_NEXT_NUMBER, {"counter": CASE_COUNTER}).scalar_one_or_none()
    if value is None:
        session.add(Counter(name=CASE_COUNTER, value=FIRST_CASE_NUMBER))
        session.flush()
        return CaseNumber(FIRST_CASE_NUMBER)
    return CaseNumber(value)


def insert_case(
    session: Session,
    *,
    subject: str,
    customer_id: CustomerId,
    priority: Priority = Priority.NORMAL,
    created_at: datetime | None = None,
    linked_case_id: CaseId | None = None,
) -> Case:
    when = created_at or utcnow()
    number = next_case_number(session)
    new = _NewCase(number, subject, customer_id, priority, when, linked_case_id)
    return new.case(session.execute(_INSERT_CASE, new.values()).scalar_one())


def open_case(
    connection: Connection,
    *,
    subject: str,
    customer_id: CustomerId,
    created_at: datetime,
    linked_case_id: CaseId | None = None,
) -> Case:
    """:func:`insert_case` for ingestion: the same rows, on the connection, no ORM session."""
    number = connection.execute(_NEXT_NUMBER, {"counter": CASE_COUNTER}).scalar_one_or_none()
    if number is None:
        connection.execute(_INSERT_COUNTER, {"name": CASE_COUNTER, "value": FIRST_CASE_NUMBER})
        number = FIRST_CASE_NUMBER
    new = _NewCase(
        CaseNumber(number), subject, customer_id, Priority.NORMAL, created_at, linked_case_id
    )
    return new.case(connection.execute(_INSERT_CASE, new.values()).scalar_one())


@dataclass(frozen=True, slots=True)
class _NewCase:
    number: CaseNumber
    subject: str
    customer_id: CustomerId
    priority: Priority
    when: datetime
    linked_case_id: CaseId | None

    def values(self) -> dict[str, object]:
        return {
            "number": self.number,
            "subject": db_text(self.subject),
            "status": CaseStatus.NEW.value,
            "priority": self.priority.value,
            "customer_id": self.customer_id,
            "created_at": self.when,
            "updated_at": self.when,
            "waiting_since": self.when,
            "linked_case_id": self.linked_case_id,
            "version": 1,
        }

    def case(self, case_id: int) -> Case:
        return Case(
            id=CaseId(case_id),
            number=self.number,
            subject=self.subject,
            status=CaseStatus.NEW,
            priority=self.priority,
            owner_id=None,
            customer_id=self.customer_id,
            created_at=self.when,
            updated_at=self.when,
            waiting_since=self.when,
            linked_case_id=self.linked_case_id,
        )


def case_row_by_number(session: Session, number: CaseNumber) -> CaseRow:
    row = session.exec(select(CaseRow).where(col(CaseRow.number) == number)).one_or_none()
    if row is None:
        raise NotFound(f"there is no case #{number}")
    return row


def get_case(session: Session, number: CaseNumber) -> Case:
    row = case_row_by_number(session, number)
    assert row.id is not None
    tags = tuple(
        session.execute(
            select(col(CaseTagRow.tag))
            .where(col(CaseTagRow.case_id) == row.id)
            .order_by(col(CaseTagRow.tag))
        ).scalars()
    )
    return case_from_row(row, tags)


def owner_of(session: Session, case_id: CaseId) -> OwnerRef | None:
    found = session.execute(
        select(col(AgentRow.id), col(AgentRow.name))
        .join(CaseRow, col(CaseRow.owner_id) == col(AgentRow.id))
        .where(col(CaseRow.id) == case_id)
    ).one_or_none()
    if found is None:
        return None
    return OwnerRef(id=AgentId(found[0]), name=found[1])


def try_claim(session: Session, case_id: CaseId, agent_id: AgentId) -> bool:
    """Make ``agent_id`` the owner if, and only if, the case has no owner. Atomic."""
    now = utcnow()
    result = session.execute(
        update(CaseRow)
        .where(col(CaseRow.id) == case_id, col(CaseRow.owner_id).is_(None))
        .values(
            owner_id=agent_id,
            # A claim is the first agent action: a new case becomes open.
            status=case(
                (col(CaseRow.status) == CaseStatus.NEW.value, CaseStatus.OPEN.value),
                else_=col(CaseRow.status),
            ),
            updated_at=now,
            version=col(CaseRow.version) + 1,
        )
    )
    return affected_rows(result) > 0


def set_owner(session: Session, case_id: CaseId, *, expected: AgentId | None, new: AgentId) -> bool:
    """Change the owner only if it is still ``expected`` (a handover racing another loses)."""
    owner_column = col(CaseRow.owner_id)
    condition = owner_column.is_(None) if expected is None else owner_column == expected
    result = session.execute(
        update(CaseRow)
        .where(col(CaseRow.id) == case_id, condition)
        .values(owner_id=new, updated_at=utcnow(), version=col(CaseRow.version) + 1)
    )
    return affected_rows(result) > 0


def set_status(
    session: Session,
    case_id: CaseId,
    *,
    expected: CaseStatus,
    new: CaseStatus,
    waiting_since: datetime | None,
    resolved_at: datetime | None,
) -> bool:
    """Move the case from ``expected`` to ``new``; False if someone changed it first."""
    result = session.execute(
        update(CaseRow)
        .where(col(CaseRow.id) == case_id, col(CaseRow.status) == expected.value)
        .values(
            status=new.value,
            updated_at=utcnow(),
            waiting_since=waiting_since,
            resolved_at=resolved_at,
            version=col(CaseRow.version) + 1,
        )
    )
    return affected_rows(result) > 0


def touch(session: Session, case_id: CaseId, **values: object) -> None:
    """Record a change to the case (new message, first response) and bump its version."""
    session.execute(
        update(CaseRow)
        .where(col(CaseRow.id) == case_id)
        .values(updated_at=utcnow(), version=col(CaseRow.version) + 1, **values)
    )


def touch_case(connection: Connection, case_id: CaseId) -> None:
    """:func:`touch` without further values, for ingestion (on the connection, no ORM)."""
    connection.execute(_TOUCH, {"case_id": case_id, "now": utcnow()})


def customer_wrote(
    connection: Connection,
    case_id: CaseId,
    *,
    expected: CaseStatus,
    new: CaseStatus,
    now: datetime,
) -> bool:
    """The customer wrote: the case moves to ``new`` and their waiting clock runs.

    One statement (the clock keeps its start when it already runs): ingestion calls
    this for every reply it threads.
    """
    result = connection.execute(
        _CUSTOMER_WROTE,
        {"case_id": case_id, "expected": expected.value, "new": new.value, "now": now},
    )
    return affected_rows(result) > 0


def number_of(session: Session | Connection, case_id: CaseId) -> CaseNumber:
    return CaseNumber(session.execute(_NUMBER_OF, {"case_id": case_id}).scalar_one())
