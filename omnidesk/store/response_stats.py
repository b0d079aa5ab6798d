"""What the response estimate and the automatic-mail limit need from the database.

Small, bounded queries: at most ``SAMPLE_LIMIT`` recent cases, one count over the
queue (served by the status index), one over agent presence, and for the mail limit
the messages of one customer's cases (served by the customer and message indexes).
"""

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from omnidesk.core.enums import CaseStatus, Direction
from omnidesk.core.ids import CaseId, CustomerId
from omnidesk.core.response_estimate import ResponseHistory
from omnidesk.store.chat import agents_seen_since
from omnidesk.store.tables import CaseRow, MessageRow, OutboxRow

HISTORY_WINDOW = timedelta(days=14)
SAMPLE_LIMIT = 200
"""The newest answered cases that count: enough for a percentile, cheap to read."""


def response_history(
    session: Session,
    *,
    now: datetime,
    ahead_of: CaseId | None = None,
    online_within: timedelta = timedelta(minutes=3),
) -> ResponseHistory:
    """First-response times of the last two weeks, the queue (without ``ahead_of``, the
    case being estimated), and agents online."""
    recent = session.exec(
        select(CaseRow.created_at, CaseRow.first_response_at)
        .where(col(CaseRow.first_response_at) >= now - HISTORY_WINDOW)
        .order_by(col(CaseRow.first_response_at).desc())
        .limit(SAMPLE_LIMIT)
    ).all()
    queue = session.exec(
        select(func.count())
        .select_from(CaseRow)
        .where(
            col(CaseRow.status).in_([CaseStatus.NEW.value, CaseStatus.OPEN.value]),
            col(CaseRow.first_response_at).is_(None),
            col(CaseRow.id) != (ahead_of or 0),
        )
    ).one()
    return ResponseHistory(
        first_responses=[(created, answered) for created, answered in recent if answered],
        queue=int(queue),
        agents_online=agents_seen_since(session, now - online_within),
    )


def automatic_mails_to(
    session: Session, *, customer_id: CustomerId, address: str, since: datetime
) -> int:
    """Mail OmniDesk sent on its own (no agent wrote it) to ``address`` since ``since``.

    Automatic mail goes to one address and sits on a case of its customer, so the
    customer's cases narrow the search before the outbox row is compared.
    """
    return int(
        session.exec(
            select(func.count())
            .select_from(MessageRow)
            .join(CaseRow, col(CaseRow.id) == col(MessageRow.case_id))
            .join(OutboxRow, col(OutboxRow.message_id) == col(MessageRow.id))
            .where(
                col(CaseRow.customer_id) == customer_id,
                col(MessageRow.direction) == Direction.OUT.value,
                col(MessageRow.author_agent_id).is_(None),
                col(MessageRow.created_at) >= since,
                func.lower(col(OutboxRow.recipients)) == address.strip().lower(),
            )
        ).one()
    )
