"""The outbox use cases: take the next reply due, record that it was sent or why not.

Delivery is at least once: a reply is marked sent only after the SMTP server
accepted it, so a crash in between sends it again on restart — with the same
Message-ID, which receiving systems use to drop the copy. A failure is never
silent: it is on the message, in the event log, and retried with back-off until a
permanent refusal or the attempts run out.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from omnidesk.core.entities import Attachment, Message
from omnidesk.core.enums import DeliveryState, EventKind
from omnidesk.core.ids import AgentId, CaseId, CaseNumber
from omnidesk.store import events, outbox
from omnidesk.store.agents import get_agent
from omnidesk.store.blobs import get_blob, put_blob
from omnidesk.store.engine import Database
from omnidesk.store.mapping import attachment_from_row, message_from_row
from omnidesk.store.tables import AttachmentRow, CaseRow, MessageRow, OutboxRow
from omnidesk.store.types import utcnow

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 12
"""With the back-off below, about a day of trying before a reply is reported as failed."""


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    outbox_id: int
    case_number: CaseNumber
    message: Message
    recipients: list[str]
    sender_name: str
    attachments: list[tuple[Attachment, bytes]]
    raw: bytes | None
    attempts: int


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at 4 hours."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 4 * 3600))


def lease_next(db: Database, *, now: datetime | None = None) -> OutgoingMail | None:
    with db.write() as session:
        row = outbox.lease_next(session, lease=LEASE, now=now)
        if row is None:
            return None
        message_row = session.get(MessageRow, row.message_id)
        assert message_row is not None
        number = session.exec(
            select(CaseRow.number).where(col(CaseRow.id) == message_row.case_id)
        ).one()
        attachments = [
            (attachment_from_row(a), get_blob(session, a.sha256) or b"")
            for a in session.exec(
                select(AttachmentRow).where(col(AttachmentRow.message_id) == message_row.id)
            ).all()
        ]
        author = (
            get_agent(session, AgentId(message_row.author_agent_id)).display_name
            if message_row.author_agent_id
            else message_row.author_name
        )
        raw = get_blob(session, message_row.raw_sha256) if message_row.raw_sha256 else None
        assert row.id is not None
        return OutgoingMail(
            outbox_id=row.id,
            case_number=CaseNumber(number),
            message=message_from_row(message_row),
            recipients=row.recipients.split(),
            sender_name=author,
            attachments=attachments,
            raw=raw,
            attempts=row.attempts,
        )


def keep_raw(db: Database, mail: OutgoingMail, raw: bytes) -> None:
    """Store the exact bytes before sending, so a resend after a crash is identical."""
    with db.write() as session:
        message_row = session.get(MessageRow, mail.message.id)
        assert message_row is not None
        message_row.raw_sha256 = put_blob(session, raw)
        session.add(message_row)


def mark_sent(db: Database, mail: OutgoingMail) -> None:
    with db.write() as session:
        row = session.get(OutboxRow, mail.outbox_id)
        assert row is not None
        now = utcnow()
        row.state, row.sent_at, row.lease_until, row.last_error = "sent", now, None, None
        row.attempts += 1
        session.add(row)
        outbox.set_delivery(session, mail.message.id, DeliveryState.SENT)
        events.log_event(
            session,
            case_id=CaseId(mail.message.case_id),
            kind=EventKind.STATUS_CHANGED,
            actor=None,
            from_value="queued",
            to_value="sent",
            reason=f"email to {', '.join(mail.recipients)}",
        )


def mark_failed_attempt(db: Database, mail: OutgoingMail, *, error: str, permanent: bool) -> bool:
    """Record a failed attempt; True when OmniDesk gives up and the agent must act."""
    with db.write() as session:
        row = session.get(OutboxRow, mail.outbox_id)
        assert row is not None
        row.attempts += 1
        row.last_error = error[:2000]
        row.lease_until = None
        give_up = permanent or row.attempts >= MAX_ATTEMPTS
        if give_up:
            row.state = DeliveryState.FAILED.value
            outbox.set_delivery(session, mail.message.id, DeliveryState.FAILED)
            events.log_event(
                session,
                case_id=CaseId(mail.message.case_id),
                kind=EventKind.STATUS_CHANGED,
                actor=None,
                from_value="queued",
                to_value="failed",
                reason=f"email to {', '.join(mail.recipients)} failed: {error[:300]}",
            )
        else:
            row.state = DeliveryState.QUEUED.value
            row.next_attempt_at = utcnow() + retry_delay(row.attempts)
        session.add(row)
        return give_up


def last_error(db: Database, message_id: int) -> str | None:
    with db.read() as session:
        return session.exec(
            select(OutboxRow.last_error).where(col(OutboxRow.message_id) == message_id)
        ).first()
