"""The database tables.

Enumerations are stored as their string values (not native enum types) so a new
value never needs an ``ALTER TYPE`` on PostgreSQL. Binary content lives in
``blob`` rows addressed by SHA-256, so every desktop of a team reads attachments
and raw mail from the database and identical files are stored once.
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from omnidesk.store.types import UTCDateTime, utcnow


class Counter(SQLModel, table=True):
    """Named counters, incremented atomically (``UPDATE ... RETURNING``): case numbers."""

    __tablename__ = "counter"
    name: str = Field(primary_key=True, max_length=64)
    value: int


class Blob(SQLModel, table=True):
    __tablename__ = "blob"
    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AgentRow(SQLModel, table=True):
    __tablename__ = "agent"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    display_name: str = Field(max_length=200)
    email: str = Field(max_length=320, unique=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    away_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deputy_id: int | None = Field(default=None, foreign_key="agent.id")
    away_note: str | None = Field(default=None, max_length=200)


class CustomerRow(SQLModel, table=True):
    __tablename__ = "customer"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, default="")
    merged_into_id: int | None = Field(default=None, foreign_key="customer.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IdentityRow(SQLModel, table=True):
    __tablename__ = "customer_identity"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_identity_kind_value"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: str = Field(max_length=16)
    value: str = Field(max_length=320)
    display_name: str = Field(max_length=200, default="")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseRow(SQLModel, table=True):
    __tablename__ = "support_case"
    __table_args__ = (
        Index("ix_case_status_updated", "status", "updated_at"),
        Index("ix_case_owner_status", "owner_id", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    subject: str = Field(sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(max_length=32, default="new")
    priority: str = Field(max_length=16, default="normal")
    owner_id: int | None = Field(default=None, foreign_key="agent.id")
    customer_id: int = Field(foreign_key="customer.id", index=True)
    linked_case_id: int | None = Field(default=None, foreign_key="support_case.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    first_response_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    waiting_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the customer started waiting on us; None while the turn is theirs."""
    version: int = 1
    """Bumped by every change, so a desktop can tell its view is stale."""


class CaseTagRow(SQLModel, table=True):
    __tablename__ = "case_tag"
    case_id: int = Field(foreign_key="support_case.id", primary_key=True)
    tag: str = Field(max_length=64, primary_key=True)


class MessageRow(SQLModel, table=True):
    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_case_created", "case_id", "created_at"),
        Index("uq_message_dedupe_key", "dedupe_key", unique=True),
    )
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="support_case.id")
    channel: str = Field(max_length=16)
    direction: str = Field(max_length=16)
    author_agent_id: int | None = Field(default=None, foreign_key="agent.id")
    on_behalf_of_id: int | None = Field(default=None, foreign_key="agent.id")
    author_identity_id: int | None = Field(default=None, foreign_key="customer_identity.id")
    author_name: str = Field(max_length=320, default="")
    subject: str = Field(sa_column=Column(Text, nullable=False, default=""))
    body_text: str = Field(sa_column=Column(Text, nullable=False, default=""))
    body_html: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    message_id_header: str | None = Field(
        default=None, sa_column=Column(String(998), nullable=True, index=True)
    )
    in_reply_to: str | None = Field(default=None, sa_column=Column(String(998), nullable=True))
    references: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    raw_sha256: str | None = Field(
        default=None, sa_column=Column(String(64), ForeignKey("blob.sha256"), nullable=True)
    )
    delivery_state: str | None = Field(default=None, max_length=16)
    dedupe_key: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    """Hash of Message-ID and content: the same mail through two mailboxes is stored once."""
    needs_attention: bool = False
    thread_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """The time the sender claims (the Date header); ``created_at`` is when we stored it."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AttachmentRow(SQLModel, table=True):
    __tablename__ = "attachment"
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    filename: str = Field(max_length=255, default="")
    content_type: str = Field(max_length=255, default="application/octet-stream")
    size: int = 0
    sha256: str = Field(sa_column=Column(String(64), ForeignKey("blob.sha256"), nullable=False))
    content_id: str | None = Field(default=None, max_length=998)
    inline: bool = False


class CommitmentRow(SQLModel, table=True):
    __tablename__ = "commitment"
    __table_args__ = (Index("ix_commitment_state_due", "state", "due_at"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", index=True)
    owner_id: int = Field(foreign_key="agent.id")
    kind: str = Field(max_length=16)
    due_at: datetime = Field(sa_type=UTCDateTime)
    state: str = Field(max_length=16, default="open")
    note: str = Field(sa_column=Column(Text, nullable=False, default=""))
    outcome: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    cancel_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    customer_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    """What the customer was told about this promise, in the agent's words (optional)."""


class EventRow(SQLModel, table=True):
    """The event log: who did what to which case, when and why. Rows are never changed."""

    __tablename__ = "event"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="support_case.id", index=True)
    actor_agent_id: int | None = Field(default=None, foreign_key="agent.id")
    kind: str = Field(max_length=32)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    from_value: str | None = Field(default=None, max_length=200)
    to_value: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class MailboxStateRow(SQLModel, table=True):
    """How far ingestion got in one IMAP folder."""

    __tablename__ = "mailbox_state"
    __table_args__ = (UniqueConstraint("account", "folder", name="uq_mailbox_state_folder"),)
    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=64)
    folder: str = Field(max_length=255)
    uidvalidity: int = Field(sa_column=Column(BigInteger, nullable=False))
    last_uid: int = Field(sa_column=Column(BigInteger, nullable=False, default=0))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MailReceiptRow(SQLModel, table=True):
    """One IMAP message seen by ingestion; the unique key makes ingestion idempotent."""

    __tablename__ = "mail_receipt"
    __table_args__ = (
        UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mail_receipt_uid"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=64)
    folder: str = Field(max_length=255)
    uidvalidity: int = Field(sa_column=Column(BigInteger, nullable=False))
    uid: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    """The stored message (an earlier one when this was a duplicate)."""
    duplicate: bool = False
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MailIntakeRow(SQLModel, table=True):
    """A message taken from an IMAP folder and safely stored, not yet parsed into a case.

    Ingestion first makes the server's mail durable here (raw, with its position), marks
    it processed on the server, and only then parses and threads it; the row is deleted
    in the transaction that stores the message. A row that cannot be stored stays, with
    the reason, and is tried again on the next pass.
    """

    __tablename__ = "mail_intake"
    __table_args__ = (
        UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mail_intake_uid"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=64)
    folder: str = Field(max_length=255)
    uidvalidity: int = Field(sa_column=Column(BigInteger, nullable=False))
    uid: int = Field(sa_column=Column(BigInteger, nullable=False))
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    problem: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    """What receiving found wrong (a message too large to download: only its header is here)."""
    fetched_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attempts: int = 0
    """Failed attempts to store it; the message stays here meanwhile."""
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class OutboxRow(SQLModel, table=True):
    """An outgoing email waiting for, or done with, delivery."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", unique=True)
    state: str = Field(max_length=16, default="queued")
    recipients: str = Field(sa_column=Column(Text, nullable=False, default=""))
    """Space-separated envelope recipients."""
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """A sender working on this row holds it until then; a crashed sender's lease expires."""
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


def core_table(model: type[SQLModel]) -> Table:
    """The Core table behind a model, for the hot paths that skip the ORM unit of work."""
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table
