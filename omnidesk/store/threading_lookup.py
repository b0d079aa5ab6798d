"""What threading needs to know from the database about an inbound message.

Core statements built once, run on a session (web form, chat) or on ingestion's
connection: every inbound message asks some of them. They read columns, not ORM rows,
so an import batch that updates cases in between never gets a stale row back from the
session's identity map.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from omnidesk.core.enums import CaseStatus, Direction, IdentityKind
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId
from omnidesk.core.threading_rules import CaseCandidate
from omnidesk.store.tables import AgentRow, CaseRow, IdentityRow, MessageRow, core_table

_MAX_REFERENCES = 50
"""A References header can be very long; the newest entries matter most."""

Executor = Session | Connection

_CASES = core_table(CaseRow)
_MESSAGES = core_table(MessageRow)
_IDENTITIES = core_table(IdentityRow)
_AGENTS = core_table(AgentRow)
_CANDIDATE_COLUMNS = (
    _CASES.c.id,
    _CASES.c.number,
    _CASES.c.status,
    _CASES.c.customer_id,
    _CASES.c.subject,
    _CASES.c.updated_at,
    _CASES.c.resolved_at,
)
_BY_MESSAGE_IDS = (
    sa_select(*_CANDIDATE_COLUMNS)
    .join(_MESSAGES, _MESSAGES.c.case_id == _CASES.c.id)
    .where(_MESSAGES.c.message_id_header.in_(bindparam("ids", expanding=True)))
    .order_by(_MESSAGES.c.created_at.desc(), _MESSAGES.c.id.desc())
    .limit(1)
)
# The same for one Message-ID, the usual case (In-Reply-To repeats the last of References):
# an expanding IN list is rendered anew for every execution.
_BY_MESSAGE_ID = (
    sa_select(*_CANDIDATE_COLUMNS)
    .join(_MESSAGES, _MESSAGES.c.case_id == _CASES.c.id)
    .where(_MESSAGES.c.message_id_header == bindparam("id"))
    .order_by(_MESSAGES.c.created_at.desc(), _MESSAGES.c.id.desc())
    .limit(1)
)
_BY_NUMBER = sa_select(*_CANDIDATE_COLUMNS).where(_CASES.c.number == bindparam("number"))
_RECENT_OF_CUSTOMER = (
    sa_select(*_CANDIDATE_COLUMNS)
    .where(_CASES.c.customer_id == bindparam("customer_id"))
    .order_by(_CASES.c.updated_at.desc())
    .limit(bindparam("limit"))
)
_CUSTOMER_ADDRESS = (
    sa_select(func.count())
    .select_from(_IDENTITIES)
    .where(
        _IDENTITIES.c.customer_id == bindparam("customer_id"),
        _IDENTITIES.c.kind == IdentityKind.EMAIL.value,
        _IDENTITIES.c.value == bindparam("address"),
    )
)
_WROTE_ON_CASE = (
    sa_select(func.count())
    .select_from(_MESSAGES)
    .join(_IDENTITIES, _IDENTITIES.c.id == _MESSAGES.c.author_identity_id)
    .where(
        _MESSAGES.c.case_id == bindparam("case_id"),
        _MESSAGES.c.direction == Direction.IN.value,
        _IDENTITIES.c.value == bindparam("address"),
    )
)
_AGENT_ADDRESS = (
    sa_select(func.count()).select_from(_AGENTS).where(_AGENTS.c.email == bindparam("address"))
)


def _candidate(row: Sequence[Any]) -> CaseCandidate:
    return CaseCandidate(
        id=CaseId(row[0]),
        number=CaseNumber(row[1]),
        status=CaseStatus(row[2]),
        customer_id=CustomerId(row[3]),
        subject=row[4],
        updated_at=row[5],
        resolved_at=row[6],
    )


def case_by_message_ids(session: Executor, message_ids: list[str]) -> CaseCandidate | None:
    """The case holding the most recent of these Message-IDs, if any."""
    wanted = list(dict.fromkeys([m for m in message_ids if m][-_MAX_REFERENCES:]))
    if not wanted:
        return None
    if len(wanted) == 1:
        row = session.execute(_BY_MESSAGE_ID, {"id": wanted[0]}).first()
    else:
        row = session.execute(_BY_MESSAGE_IDS, {"ids": wanted}).first()
    return None if row is None else _candidate(row)


def case_by_number(session: Executor, number: CaseNumber) -> CaseCandidate | None:
    row = session.execute(_BY_NUMBER, {"number": number}).first()
    return None if row is None else _candidate(row)


def is_participant(session: Executor, case: CaseCandidate, address: str) -> bool:
    """Has this address written on the case, or is it the customer's or an agent's address?"""
    if not address:
        return False
    address = address.lower()
    if session.execute(
        _CUSTOMER_ADDRESS, {"customer_id": case.customer_id, "address": address}
    ).scalar_one():
        return True
    if session.execute(_WROTE_ON_CASE, {"case_id": case.id, "address": address}).scalar_one():
        return True
    return bool(session.execute(_AGENT_ADDRESS, {"address": address}).scalar_one())


def recent_cases_of(
    session: Executor, customer_id: CustomerId, limit: int = 20
) -> list[CaseCandidate]:
    rows = session.execute(_RECENT_OF_CUSTOMER, {"customer_id": customer_id, "limit": limit})
    return [_candidate(r) for r in rows]
