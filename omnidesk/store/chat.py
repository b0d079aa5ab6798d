"""Chat conversations and their sequenced entries, agent presence, form nonces, the form key.

Sequence numbers come from ``chat_conversation.last_seq``, incremented with a single
``UPDATE ... RETURNING`` inside the writing transaction: on PostgreSQL the row lock
makes a second writer wait until the first commits, on SQLite the write transaction
does, so within one conversation commit order and sequence order are the same and a
reader that has seen N has seen everything up to N.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Insert, and_, delete, func, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from omnidesk.core.enums import Channel, DeliveryState, Direction, IdentityKind
from omnidesk.core.errors import NotFound
from omnidesk.core.identities import normalize_identity
from omnidesk.core.ids import AgentId, CaseId, CustomerId, IdentityId, MessageId
from omnidesk.store.tables import (
    AgentRow,
    AttachmentRow,
    CaseRow,
    CustomerRow,
    IdentityRow,
    MessageRow,
    OutboxRow,
)
from omnidesk.store.tables_chat import (
    AgentPresenceRow,
    ChatConversationRow,
    ChatEntryRow,
    GatewayKeyRow,
    UsedNonceRow,
)
from omnidesk.store.types import affected_rows, utcnow

FORM_KEY = "form"


@dataclass(frozen=True, slots=True)
class EntryView:
    """One message as the visitor's chat shows it."""

    seq: int
    message_id: MessageId
    direction: Direction
    channel: Channel
    author: str
    text: str
    created_at: datetime
    client_id: str | None = None
    agent_id: AgentId | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def insert_conversation(session: Session, row: ChatConversationRow) -> ChatConversationRow:
    session.add(row)
    session.flush()
    return row


def conversation_by_token(session: Session, token: str) -> ChatConversationRow | None:
    return session.exec(
        select(ChatConversationRow).where(col(ChatConversationRow.token_hash) == token_hash(token))
    ).first()


def get_conversation(session: Session, conversation_id: int) -> ChatConversationRow:
    row = session.get(ChatConversationRow, conversation_id)
    if row is None:
        raise NotFound(f"there is no chat conversation {conversation_id}")
    return row


def conversations_of_cases(session: Session, case_ids: set[int]) -> dict[int, list[int]]:
    """Conversation ids by case id, for the cases that have any."""
    if not case_ids:
        return {}
    found: dict[int, list[int]] = {}
    for conversation_id, case_id in session.execute(
        select(col(ChatConversationRow.id), col(ChatConversationRow.case_id)).where(
            col(ChatConversationRow.case_id).in_(case_ids)
        )
    ):
        found.setdefault(case_id, []).append(conversation_id)
    return found


def allocate_seq(session: Session, conversation_id: int) -> int:
    return int(
        session.execute(
            update(ChatConversationRow)
            .where(col(ChatConversationRow.id) == conversation_id)
            .values(last_seq=col(ChatConversationRow.last_seq) + 1)
            .returning(col(ChatConversationRow.last_seq))
        ).scalar_one()
    )


def add_entry(
    session: Session, conversation_id: int, message_id: MessageId, client_id: str | None = None
) -> int:
    """Give the message the conversation's next sequence number and return it."""
    seq = allocate_seq(session, conversation_id)
    session.add(
        ChatEntryRow(
            conversation_id=conversation_id, seq=seq, message_id=message_id, client_id=client_id
        )
    )
    session.flush()
    return seq


def entry_by_client_id(session: Session, conversation_id: int, client_id: str) -> int | None:
    return session.exec(
        select(ChatEntryRow.seq).where(
            col(ChatEntryRow.conversation_id) == conversation_id,
            col(ChatEntryRow.client_id) == client_id,
        )
    ).first()


def entries_after(
    session: Session, conversation_id: int, after: int, *, limit: int = 1000
) -> list[EntryView]:
    rows = session.execute(
        select(ChatEntryRow, MessageRow, AgentRow.display_name)
        .join(MessageRow, col(MessageRow.id) == col(ChatEntryRow.message_id))
        .outerjoin(AgentRow, col(AgentRow.id) == col(MessageRow.author_agent_id))
        .where(col(ChatEntryRow.conversation_id) == conversation_id, col(ChatEntryRow.seq) > after)
        .order_by(col(ChatEntryRow.seq))
        .limit(limit)
    ).all()
    return [
        EntryView(
            seq=entry.seq,
            message_id=MessageId(entry.message_id),
            direction=Direction(message.direction),
            channel=Channel(message.channel),
            author=agent_name or message.author_name,
            text=message.body_text,
            created_at=message.created_at,
            client_id=entry.client_id,
            agent_id=AgentId(message.author_agent_id) if message.author_agent_id else None,
        )
        for entry, message, agent_name in rows
    ]


def _customer_visible() -> ColumnElement[bool]:
    """Messages a chat shows: the customer's own, and replies written by an agent.

    Automatic mail (acknowledgements, transcripts) has no agent and stays out of the chat.
    """
    return or_(
        col(MessageRow.direction) == Direction.IN.value,
        and_(
            col(MessageRow.direction) == Direction.OUT.value,
            col(MessageRow.author_agent_id).is_not(None),
        ),
    )


def unsequenced(
    session: Session, *, message_ids: list[int] | None = None, limit: int = 500
) -> list[tuple[int, int]]:
    """(conversation id, message id) of chat-visible messages that have no entry yet."""
    query = (
        select(col(ChatConversationRow.id), col(MessageRow.id))
        .join(MessageRow, col(MessageRow.case_id) == col(ChatConversationRow.case_id))
        .outerjoin(
            ChatEntryRow,
            and_(
                col(ChatEntryRow.message_id) == col(MessageRow.id),
                col(ChatEntryRow.conversation_id) == col(ChatConversationRow.id),
            ),
        )
        .where(col(ChatEntryRow.id).is_(None), _customer_visible())
        .order_by(col(MessageRow.id))
        .limit(limit)
    )
    if message_ids is not None:
        query = query.where(col(MessageRow.id).in_(message_ids))
    return [(int(c), int(m)) for c, m in session.execute(query)]


def mark_seen(session: Session, conversation_id: int, seq: int) -> int:
    """Record that the visitor saw everything up to ``seq``; return how many replies that
    delivered (queued chat replies become sent)."""
    row = get_conversation(session, conversation_id)
    seq = min(seq, row.last_seq)
    if seq <= row.seen_seq:
        return 0
    row.seen_seq = seq
    row.last_seen_at = utcnow()
    session.add(row)
    shown = select(col(ChatEntryRow.message_id)).where(
        col(ChatEntryRow.conversation_id) == conversation_id, col(ChatEntryRow.seq) <= seq
    )
    result = session.execute(
        update(MessageRow)
        .where(
            col(MessageRow.id).in_(shown),
            col(MessageRow.channel) == Channel.CHAT.value,
            col(MessageRow.direction) == Direction.OUT.value,
            col(MessageRow.delivery_state) == DeliveryState.QUEUED.value,
        )
        .values(delivery_state=DeliveryState.SENT.value)
    )
    return affected_rows(result)


def touch_visitors(session: Session, conversation_ids: list[int], when: datetime) -> None:
    if conversation_ids:
        session.execute(
            update(ChatConversationRow)
            .where(col(ChatConversationRow.id).in_(conversation_ids))
            .values(last_seen_at=when)
        )


def unseen_replies_for_email(
    session: Session, *, cutoff: datetime, limit: int = 100
) -> list[tuple[ChatConversationRow, MessageRow]]:
    """Chat replies the visitor has not seen and will not see soon: they left an address
    and ended the chat, or have been away since before ``cutoff``."""
    rows = session.execute(
        select(ChatConversationRow, MessageRow)
        .join(ChatEntryRow, col(ChatEntryRow.conversation_id) == col(ChatConversationRow.id))
        .join(MessageRow, col(MessageRow.id) == col(ChatEntryRow.message_id))
        .where(
            col(ChatConversationRow.email).is_not(None),
            col(ChatConversationRow.seen_seq) < col(ChatConversationRow.last_seq),
            col(ChatEntryRow.seq) > col(ChatConversationRow.seen_seq),
            or_(
                col(ChatConversationRow.state) == "ended",
                col(ChatConversationRow.last_seen_at) < cutoff,
            ),
            col(ChatEntryRow.created_at) < cutoff,
            col(MessageRow.channel) == Channel.CHAT.value,
            col(MessageRow.direction) == Direction.OUT.value,
            col(MessageRow.delivery_state) == DeliveryState.QUEUED.value,
        )
        .order_by(col(ChatEntryRow.id))
        .limit(limit)
    ).all()
    return [(conversation, message) for conversation, message in rows]


def open_conversation_for_case(session: Session, case_id: CaseId) -> ChatConversationRow | None:
    return session.exec(
        select(ChatConversationRow)
        .where(
            col(ChatConversationRow.case_id) == case_id,
            col(ChatConversationRow.state) == "open",
        )
        .order_by(col(ChatConversationRow.id).desc())
    ).first()


# --- agents online ------------------------------------------------------------------------


def heartbeat(session: Session, agent_id: AgentId, when: datetime | None = None) -> None:
    when = when or utcnow()
    row = session.get(AgentPresenceRow, agent_id)
    if row is None:
        session.add(AgentPresenceRow(agent_id=agent_id, last_seen_at=when))
    else:
        row.last_seen_at = max(row.last_seen_at, when)
        session.add(row)


def agents_seen_since(session: Session, since: datetime) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(AgentPresenceRow)
            .join(AgentRow, col(AgentRow.id) == col(AgentPresenceRow.agent_id))
            .where(col(AgentPresenceRow.last_seen_at) >= since, col(AgentRow.active))
        ).one()
    )


# --- web form nonces and the signing key ---------------------------------------------------


def _insert_ignoring_duplicates(
    session: Session, table: type, key: str, **values: object
) -> Insert:
    """``INSERT ... ON CONFLICT DO NOTHING``: of two writers at once, one inserts, none fails."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return insert(table).values(**values).on_conflict_do_nothing(index_elements=[key])


def use_nonce(session: Session, nonce: str) -> bool:
    """Mark a form token as used; False when it was used before (a replay)."""
    statement = _insert_ignoring_duplicates(
        session, UsedNonceRow, "nonce", nonce=nonce, used_at=utcnow()
    ).returning(col(UsedNonceRow.nonce))
    # RETURNING, not the row count: psycopg reports no count for a skipped conflict.
    return session.execute(statement).scalar_one_or_none() is not None


def forget_nonces(session: Session, before: datetime) -> None:
    """Tokens older than their lifetime are refused anyway; their records can go."""
    session.execute(delete(UsedNonceRow).where(col(UsedNonceRow.used_at) < before))


def signing_key(session: Session, name: str = FORM_KEY) -> str:
    """The shared key, created by whichever gateway asks first."""
    session.execute(
        _insert_ignoring_duplicates(
            session,
            GatewayKeyRow,
            "name",
            name=name,
            value=secrets.token_hex(32),
            created_at=utcnow(),
        )
    )
    return session.exec(select(GatewayKeyRow.value).where(col(GatewayKeyRow.name) == name)).one()


# --- identities and delivery ---------------------------------------------------------------


def add_identity(
    session: Session, customer_id: CustomerId, kind: IdentityKind, value: str, name: str
) -> IdentityId:
    """Attach one more identity (a chat visitor id, an address) to an existing customer."""
    row = IdentityRow(
        customer_id=customer_id,
        kind=kind.value,
        value=normalize_identity(kind, value),
        display_name=name.strip(),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return IdentityId(row.id)


def identity_owner(session: Session, kind: IdentityKind, value: str) -> CustomerId | None:
    found = session.exec(
        select(IdentityRow.customer_id).where(
            col(IdentityRow.kind) == kind.value,
            col(IdentityRow.value) == normalize_identity(kind, value),
        )
    ).first()
    return None if found is None else CustomerId(found)


def move_case_to_customer(
    session: Session, conversation: ChatConversationRow, customer_id: CustomerId
) -> CustomerId:
    """Link the chat (its case and chat identity) to another customer; return the old one."""
    case_row = session.get(CaseRow, conversation.case_id)
    assert case_row is not None
    previous = CustomerId(case_row.customer_id)
    session.execute(
        update(CaseRow)
        .where(col(CaseRow.id) == conversation.case_id)
        .values(customer_id=customer_id, version=col(CaseRow.version) + 1, updated_at=utcnow())
    )
    if conversation.identity_id is not None:
        session.execute(
            update(IdentityRow)
            .where(col(IdentityRow.id) == conversation.identity_id)
            .values(customer_id=customer_id)
        )
    # The chat-only customer record that nobody else uses points to the known customer,
    # so anything still naming it resolves to the same person.
    others = session.exec(
        select(func.count()).select_from(CaseRow).where(col(CaseRow.customer_id) == previous)
    ).one()
    if previous != customer_id and not others:
        session.execute(
            update(CustomerRow)
            .where(col(CustomerRow.id) == previous)
            .values(merged_into_id=customer_id)
        )
    return previous


def withdraw_email(session: Session, message_id: int, now: datetime) -> bool:
    """Take a reply out of the outbox if no sender has touched it yet."""
    result = session.execute(
        delete(OutboxRow).where(
            col(OutboxRow.message_id) == message_id,
            col(OutboxRow.state) == DeliveryState.QUEUED.value,
            col(OutboxRow.attempts) == 0,
            or_(col(OutboxRow.lease_until).is_(None), col(OutboxRow.lease_until) < now),
        )
    )
    return affected_rows(result) == 1


def switch_channel(
    session: Session, message_id: int, *, old: Channel, new: Channel, **values: object
) -> bool:
    """Move a queued reply from one channel to the other, if nobody did it first."""
    result = session.execute(
        update(MessageRow)
        .where(
            col(MessageRow.id) == message_id,
            col(MessageRow.channel) == old.value,
            col(MessageRow.delivery_state) == DeliveryState.QUEUED.value,
        )
        .values(channel=new.value, **values)
    )
    return affected_rows(result) == 1


def has_attachments(session: Session, message_id: int) -> bool:
    return (
        session.exec(
            select(func.count())
            .select_from(AttachmentRow)
            .where(col(AttachmentRow.message_id) == message_id)
        ).one()
        > 0
    )
