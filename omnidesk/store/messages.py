"""Messages on a case, with their attachments."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from omnidesk.core.entities import Attachment, Message
from omnidesk.core.enums import Channel, DeliveryState, Direction, IdentityKind
from omnidesk.core.ids import AgentId, CaseId, CustomerId, IdentityId, MessageId
from omnidesk.store.blobs import put_blob
from omnidesk.store.mapping import attachment_from_row, message_from_row
from omnidesk.store.tables import AttachmentRow, IdentityRow, MessageRow
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


def insert_message(session: Session, case_id: CaseId, new: NewMessage) -> MessageId:
    raw_hash = put_blob(session, new.raw) if new.raw is not None else None
    row = MessageRow(
        case_id=case_id,
        channel=new.channel.value,
        direction=new.direction.value,
        author_agent_id=new.author_agent_id,
        on_behalf_of_id=new.on_behalf_of_id,
        author_identity_id=new.author_identity_id,
        author_name=new.author_name,
        subject=new.subject,
        body_text=new.body_text,
        body_html=new.body_html,
        message_id_header=new.message_id_header,
        in_reply_to=new.in_reply_to,
        references=" ".join(new.references) or None,
        raw_sha256=raw_hash,
        delivery_state=new.delivery_state.value if new.delivery_state else None,
        needs_attention=new.needs_attention,
        thread_reason=new.thread_reason,
        dedupe_key=new.dedupe_key,
        sent_at=new.sent_at,
        created_at=new.created_at or utcnow(),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for attachment in new.attachments:
        session.add(
            AttachmentRow(
                message_id=row.id,
                filename=attachment.filename,
                content_type=attachment.content_type,
                size=len(attachment.data),
                sha256=put_blob(session, attachment.data),
                content_id=attachment.content_id,
                inline=attachment.inline,
            )
        )
    return MessageId(row.id)


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
