"""Messages on a case, with their attachments."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from omnidesk.core.collision import Written
from omnidesk.core.entities import Attachment, Message
from omnidesk.core.enums import Channel, DeliveryState, Direction, IdentityKind
from omnidesk.core.ids import AgentId, CaseId, CustomerId, IdentityId, MessageId
from omnidesk.store.blobs import BlobWriter
from omnidesk.store.mapping import attachment_from_row, message_from_row
from omnidesk.store.tables import AttachmentRow, IdentityRow, MessageRow, core_table
from omnidesk.store.text_safety import db_text, fit
from omnidesk.store.types import utcnow


@dataclass(frozen=True, slots=True)
class NewAttachment:
    filename: str
    content_type: str
    data: bytes
    content_id: str | None = None
    inline: bool = False


@dataclass(frozen=True, slots=True)
class NewMessage:
    """Everything needed to store one message; the store fills in ids and times."""

    channel: Channel
    direction: Direction
    author_name: str
    body_text: str
    subject: str = ""
    body_html: str | None = None
    author_agent_id: AgentId | None = None
    on_behalf_of_id: AgentId | None = None
    author_identity_id: IdentityId | None = None
    message_id_header: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    raw: bytes | None = None
    delivery_state: DeliveryState | None = None
    needs_attention: bool = False
    thread_reason: str | None = None
    dedupe_key: str | None = None
    sent_at: datetime | None = None
    created_at: datetime | None = None
    attachments: tuple[NewAttachment, ...] = field(default=())


_MESSAGES = core_table(MessageRow)
_ATTACHMENTS = core_table(AttachmentRow)
_INSERT_MESSAGE = insert(_MESSAGES).returning(_MESSAGES.c.id)
_INSERT_ATTACHMENT = insert(_ATTACHMENTS)
_BY_DEDUPE_KEY = sa_select(_MESSAGES.c.id, _MESSAGES.c.case_id).where(
    _MESSAGES.c.dedupe_key == bindparam("key")
)


def find_by_dedupe_key(session: Session | Connection, key: str) -> tuple[MessageId, CaseId] | None:
    """The message already stored with this content key (see ``ingest_email.dedupe_key``)."""
    row = session.execute(_BY_DEDUPE_KEY, {"key": key}).first()
    return None if row is None else (MessageId(row[0]), CaseId(row[1]))


def insert_message(session: Session, case_id: CaseId, new: NewMessage) -> MessageId:
    """Insert with Core statements: ingestion inserts thousands a second, the ORM costs 3x."""
    # The session's pending changes first, as its autoflush would do them.
    session.flush()
    connection = session.connection()
    return insert_inbound(connection, BlobWriter(connection), case_id, new)


def insert_inbound(
    connection: Connection, blobs: BlobWriter, case_id: CaseId, new: NewMessage
) -> MessageId:
    """:func:`insert_message` for ingestion: the same rows, on the connection, no ORM session."""
    raw_hash = blobs.put(new.raw) if new.raw is not None else None
    message_id = connection.execute(
        _INSERT_MESSAGE, _message_values(case_id, new, raw_hash)
    ).scalar_one()
    if new.attachments:
        connection.execute(
            _INSERT_ATTACHMENT,
            [_attachment_values(message_id, a, blobs.put(a.data)) for a in new.attachments],
        )
    return MessageId(message_id)


def _message_values(case_id: CaseId, new: NewMessage, raw_hash: str | None) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "channel": new.channel.value,
        "direction": new.direction.value,
        "author_agent_id": new.author_agent_id,
        "on_behalf_of_id": new.on_behalf_of_id,
        "author_identity_id": new.author_identity_id,
        "author_name": fit(new.author_name, 320) or "",
        "subject": db_text(new.subject) or "",
        "body_text": db_text(new.body_text) or "",
        "body_html": db_text(new.body_html),
        "message_id_header": fit(new.message_id_header, 998),
        "in_reply_to": fit(new.in_reply_to, 998),
        "references": " ".join(new.references) or None,
        "raw_sha256": raw_hash,
        "delivery_state": new.delivery_state.value if new.delivery_state else None,
        "dedupe_key": new.dedupe_key,
        "needs_attention": new.needs_attention,
        "thread_reason": db_text(new.thread_reason),
        "sent_at": new.sent_at,
        "created_at": new.created_at or utcnow(),
    }


def _attachment_values(message_id: int, attachment: NewAttachment, digest: str) -> dict[str, Any]:
    return {
        "message_id": message_id,
        "filename": fit(attachment.filename, 255) or "",
        "content_type": fit(attachment.content_type, 255) or "application/octet-stream",
        "size": len(attachment.data),
        "sha256": digest,
        "content_id": fit(attachment.content_id, 998),
        "inline": attachment.inline,
    }


def list_messages(session: Session, case_id: CaseId) -> list[Message]:
    rows = list(
        session.execute(
            select(MessageRow)
            .where(col(MessageRow.case_id) == case_id)
            .order_by(col(MessageRow.created_at), col(MessageRow.id))
        ).scalars()
    )
    by_message: dict[int, list[Attachment]] = defaultdict(list)
    if rows:
        attachments = session.execute(
            select(AttachmentRow)
            .where(col(AttachmentRow.message_id).in_([r.id for r in rows]))
            .order_by(col(AttachmentRow.id))
        ).scalars()
        for attachment in attachments:
            by_message[attachment.message_id].append(attachment_from_row(attachment))
    return [message_from_row(r, tuple(by_message.get(r.id or 0, ()))) for r in rows]


def latest_inbound(session: Session, case_id: CaseId) -> MessageRow | None:
    """The customer's most recent message on the case."""
    return session.exec(
        select(MessageRow)
        .where(col(MessageRow.case_id) == case_id, col(MessageRow.direction) == Direction.IN.value)
        .order_by(col(MessageRow.created_at).desc(), col(MessageRow.id).desc())
        .limit(1)
    ).first()


def reply_address(session: Session, case_id: CaseId, customer_id: CustomerId) -> str | None:
    """The address the customer last wrote from on this case, else any address of theirs."""
    latest = session.exec(
        select(IdentityRow.value)
        .join(MessageRow, col(MessageRow.author_identity_id) == col(IdentityRow.id))
        .where(
            col(MessageRow.case_id) == case_id,
            col(MessageRow.direction) == Direction.IN.value,
            col(IdentityRow.kind) == IdentityKind.EMAIL.value,
        )
        .order_by(col(MessageRow.created_at).desc(), col(MessageRow.id).desc())
        .limit(1)
    ).first()
    if latest is not None:
        return latest
    return session.exec(
        select(IdentityRow.value)
        .where(
            col(IdentityRow.customer_id) == customer_id,
            col(IdentityRow.kind) == IdentityKind.EMAIL.value,
        )
        .order_by(col(IdentityRow.id))
        .limit(1)
    ).first()


def written_after(session: Session, case_id: CaseId, after: MessageId) -> list[Written]:
    """The messages on the case with an id above ``after``, for the collision check."""
    rows = session.execute(
        sa_select(
            col(MessageRow.id), col(MessageRow.direction), col(MessageRow.author_agent_id)
        ).where(col(MessageRow.case_id) == case_id, col(MessageRow.id) > after)
    ).all()
    return [
        Written(MessageId(int(i)), Direction(d), AgentId(a) if a is not None else None)
        for i, d, a in rows
    ]
