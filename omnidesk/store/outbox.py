"""The persistent outbox: outgoing mail waits here until it is delivered or given up."""

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from omnidesk.core.enums import DeliveryState
from omnidesk.core.ids import MessageId
from omnidesk.store.tables import MessageRow, OutboxRow
from omnidesk.store.types import affected_rows, utcnow


def enqueue(session: Session, message_id: MessageId, recipients: list[str]) -> None:
    session.add(OutboxRow(message_id=message_id, recipients=" ".join(recipients)))


def lease_next(
    session: Session, *, lease: timedelta, now: datetime | None = None
) -> OutboxRow | None:
    """Take the next due item for ``lease``; a sender that dies loses it when the lease ends.

    The lease is a conditional update, so two gateways never send the same item at once.
    """
    now = now or utcnow()
    candidates = session.exec(
        select(OutboxRow)
        .where(
            col(OutboxRow.state).in_([DeliveryState.QUEUED.value, DeliveryState.SENDING.value]),
            col(OutboxRow.next_attempt_at) <= now,
            or_(col(OutboxRow.lease_until).is_(None), col(OutboxRow.lease_until) < now),
        )
        .order_by(col(OutboxRow.next_attempt_at), col(OutboxRow.id))
        .limit(5)
    ).all()
    for row in candidates:
        taken = session.execute(
            update(OutboxRow)
            .where(
                col(OutboxRow.id) == row.id,
                or_(col(OutboxRow.lease_until).is_(None), col(OutboxRow.lease_until) < now),
            )
            .values(lease_until=now + lease, state=DeliveryState.SENDING.value)
        )
        if affected_rows(taken):
            session.refresh(row)
            return row
    return None


def set_delivery(session: Session, message_id: int, state: DeliveryState) -> None:
    session.execute(
        update(MessageRow)
        .where(col(MessageRow.id) == message_id)
        .values(delivery_state=state.value)
    )


def pending_count(session: Session) -> int:
    from sqlalchemy import func

    return int(
        session.exec(
            select(func.count())
            .select_from(OutboxRow)
            .where(
                col(OutboxRow.state).in_([DeliveryState.QUEUED.value, DeliveryState.SENDING.value])
            )
        ).one()
    )
