"""Delivering what agents write to chat visitors (blocking: runs on the database executor).

Agent replies are written by ``omnidesk.services.cases.write_on_case`` from any
process; the gateway learns about them from the change feed and:

1. gives every customer-visible message of a chat case its sequence number
   (:func:`sequence_messages`), so the visitor's chat shows it — also replies sent by
   email and the customer's own mail, because the transcript is the whole conversation;
2. delivers a reply that was queued as email in the chat instead, while the visitor is
   there (:func:`deliver_in_chat_instead`): "by chat while the chat is open";
3. sends by email the chat replies a visitor with an address has not seen for a while
   or will not see because they ended the chat (:func:`email_unseen_replies`).

Every step is one transaction with conditional updates, so gateways never deliver one
reply twice through the same channel.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from omnidesk.core.enums import Channel, Direction, EventKind
from omnidesk.core.ids import CaseId, CaseNumber, MessageId
from omnidesk.core.mail_ids import new_message_id, reply_subject
from omnidesk.services.acknowledge import AckSettings
from omnidesk.store import chat as store
from omnidesk.store import events, outbox
from omnidesk.store.engine import Database
from omnidesk.store.tables import CaseRow, MessageRow
from omnidesk.store.types import utcnow


@dataclass(frozen=True, slots=True)
class Sequenced:
    conversation_id: int
    seq: int
    message_id: MessageId
    direction: Direction
    channel: Channel


def sequence_messages(db: Database, message_ids: list[int] | None = None) -> list[Sequenced]:
    """Give new customer-visible messages of chat cases their sequence numbers.

    ``message_ids`` limits the work to a change-feed batch; None sweeps everything
    (at start-up, and now and then as a safety net). Idempotent on any number of gateways.
    """
    try:
        return _sequence(db, message_ids)
    except IntegrityError:
        # Another gateway sequenced the same message meanwhile; what is left is ours.
        return _sequence(db, message_ids)


def _sequence(db: Database, message_ids: list[int] | None) -> list[Sequenced]:
    # Most new messages belong to cases without a chat: a read says so without taking
    # SQLite's write lock, which every visitor's message is waiting for.
    with db.read() as session:
        if not store.unsequenced(session, message_ids=message_ids, limit=1):
            return []
    with db.write() as session:
        found = []
        for conversation_id, message_id in store.unsequenced(session, message_ids=message_ids):
            seq = store.add_entry(session, conversation_id, MessageId(message_id))
            message = session.get(MessageRow, message_id)
            assert message is not None
            found.append(
                Sequenced(
                    conversation_id=conversation_id,
                    seq=seq,
                    message_id=MessageId(message_id),
                    direction=Direction(message.direction),
                    channel=Channel(message.channel),
                )
            )
        return found


def deliver_in_chat_instead(db: Database, message_id: MessageId) -> bool:
    """The visitor is in the chat right now: take a reply queued as email out of the outbox
    and let the chat deliver it. False when a sender already has it (it then goes both ways)."""
    with db.write() as session:
        now = utcnow()
        if store.has_attachments(session, message_id):
            return False  # the chat carries no files: the email goes, the text shows in both
        if not store.withdraw_email(session, message_id, now):
            return False
        store.switch_channel(session, message_id, old=Channel.EMAIL, new=Channel.CHAT)
        message = session.get(MessageRow, message_id)
        assert message is not None
        events.log_event(
            session,
            case_id=CaseId(message.case_id),
            kind=EventKind.STATUS_CHANGED,
            actor=None,
            from_value="email",
            to_value="chat",
            reason="the visitor was in the chat: delivered there instead of by email",
        )
        return True


def email_unseen_replies(db: Database, *, grace: timedelta, ack: AckSettings) -> int:
    """Send by email the chat replies a visitor with an address has not seen for ``grace``."""
    now = utcnow()
    with db.write() as session:
        sent = 0
        for conversation, message in store.unseen_replies_for_email(session, cutoff=now - grace):
            case = session.get(CaseRow, conversation.case_id)
            assert case is not None
            assert message.id is not None
            assert conversation.email
            number = CaseNumber(case.number)
            if not store.switch_channel(
                session,
                message.id,
                old=Channel.CHAT,
                new=Channel.EMAIL,
                subject=reply_subject(case.subject, number),
                message_id_header=message.message_id_header
                or new_message_id(number, ack.mail_domain),
            ):
                continue
            outbox.enqueue(session, MessageId(message.id), [conversation.email])
            events.log_event(
                session,
                case_id=CaseId(case.id or 0),
                kind=EventKind.STATUS_CHANGED,
                actor=None,
                from_value="chat",
                to_value="email",
                reason=f"the visitor was away from the chat; sent by email to {conversation.email}",
            )
            sent += 1
        return sent
