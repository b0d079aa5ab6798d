"""Turning a page of (case, best message) pairs into the rows a search returns."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import CaseId, CaseNumber, MessageId
from omnidesk.store.tables import AgentRow, CaseRow, CustomerRow, IdentityRow, MessageRow

PLAIN_SNIPPET_CHARS = 160
"""Length of the snippet of a query without words: the start of the message."""


@dataclass(frozen=True, slots=True)
class SearchRow:
    case_id: CaseId
    case_number: CaseNumber
    subject: str
    status: CaseStatus
    owner: str | None
    """The owner's agent name; None while unassigned."""
    customer: str
    """The customer's name, else their first address."""
    message_id: MessageId
    """The case's best-matching message."""
    snippet: str
    matched_at: datetime
    """When the best-matching message was written or received."""


def load_rows(
    session: Session, page: Sequence[tuple[int, int]], snippets: dict[int, str]
) -> list[SearchRow]:
    """Rows for ``page`` in its order; messages without a snippet show their first words."""
    if not page:
        return []
    message_ids = [message_id for _case, message_id in page]
    # sqlalchemy's select: sqlmodel's overloads stop at four columns.
    found = session.execute(
        sa_select(
            col(MessageRow.id),
            col(MessageRow.created_at),
            col(CaseRow.id),
            col(CaseRow.number),
            col(CaseRow.subject),
            col(CaseRow.status),
            col(AgentRow.name),
            col(CustomerRow.name),
            col(CaseRow.customer_id),
        )
        .select_from(MessageRow)
        .join(CaseRow, col(CaseRow.id) == col(MessageRow.case_id))
        .join(CustomerRow, col(CustomerRow.id) == col(CaseRow.customer_id))
        .outerjoin(AgentRow, col(AgentRow.id) == col(CaseRow.owner_id))
        .where(col(MessageRow.id).in_(message_ids))
    ).all()
    by_message = {row[0]: row for row in found}
    missing = [m for m in message_ids if not snippets.get(m)]
    plain = _plain_snippets(session, missing)
    addresses = _first_address(session, [row[8] for row in found if not row[7]])
    rows: list[SearchRow] = []
    for _case_id, message_id in page:
        row = by_message.get(message_id)
        if row is None:  # deleted between the two statements
            continue
        rows.append(
            SearchRow(
                case_id=CaseId(row[2]),
                case_number=CaseNumber(row[3]),
                subject=row[4],
                status=CaseStatus(row[5]),
                owner=row[6],
                customer=row[7] or addresses.get(row[8], ""),
                message_id=MessageId(message_id),
                snippet=snippets.get(message_id) or plain.get(message_id, ""),
                matched_at=row[1],
            )
        )
    return rows


def _plain_snippets(session: Session, message_ids: list[int]) -> dict[int, str]:
    if not message_ids:
        return {}
    found = session.execute(
        select(
            col(MessageRow.id), func.substr(col(MessageRow.body_text), 1, 4 * PLAIN_SNIPPET_CHARS)
        ).where(col(MessageRow.id).in_(message_ids))
    ).all()
    return {message_id: plain_snippet(text or "") for message_id, text in found}


def plain_snippet(text: str, width: int = PLAIN_SNIPPET_CHARS) -> str:
    """The first words of ``text`` on one line, cut at a word boundary with ``…``."""
    words = " ".join(text.replace("\x02", " ").replace("\x03", " ").split())
    if len(words) <= width:
        return words
    cut = words.rfind(" ", 0, width)
    return words[: cut if cut > width // 2 else width].rstrip() + " …"


def _first_address(session: Session, customer_ids: list[int]) -> dict[int, str]:
    if not customer_ids:
        return {}
    found: dict[int, str] = {}
    rows = session.execute(
        select(col(IdentityRow.customer_id), col(IdentityRow.value))
        .where(col(IdentityRow.customer_id).in_(customer_ids))
        .order_by(col(IdentityRow.id))
    )
    for customer_id, value in rows:
        found.setdefault(customer_id, value)
    return found
