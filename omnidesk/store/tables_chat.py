"""Tables of the gateway: chat conversations, their sequenced entries, agent presence,
used web-form nonces and the gateway's signing key.

A conversation belongs to exactly one case. The visitor proves who they are with an
unguessable token; only its SHA-256 is stored, so a copy of the database does not let
anyone into a visitor's chat. Every customer-visible message of the case gets a
per-conversation sequence number (``chat_entry``): reconnecting visitors ask for
"everything after N" and receive each message exactly once, in order.
"""

from datetime import datetime

from sqlalchemy import Column, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from omnidesk.store.types import UTCDateTime, utcnow


class ChatConversationRow(SQLModel, table=True):
    __tablename__ = "chat_conversation"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", index=True)
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    """Hex SHA-256 of the visitor's token; the token itself is never stored."""
    visitor_id: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    """A public random id, the value of the visitor's chat identity (not a secret)."""
    identity_id: int | None = Field(default=None, foreign_key="customer_identity.id")
    visitor_name: str = Field(max_length=200, default="")
    email: str | None = Field(default=None, max_length=320)
    """The address the visitor left: later replies reach them there when they are away."""
    language: str = Field(max_length=8, default="en")
    state: str = Field(max_length=16, default="open")
    """``open`` until the visitor ends the chat (``ended``); the company never ends it."""
    last_seq: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    """The highest sequence number handed out; incremented with ``UPDATE ... RETURNING``."""
    seen_seq: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    """The highest sequence number the visitor's browser has shown on a visible page."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    """Last sign of a connected visitor; replies unseen long after it go out by email."""
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ChatEntryRow(SQLModel, table=True):
    """One message of the case in the order the visitor sees it."""

    __tablename__ = "chat_entry"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_chat_entry_seq"),
        UniqueConstraint("conversation_id", "client_id", name="uq_chat_entry_client"),
        UniqueConstraint("conversation_id", "message_id", name="uq_chat_entry_message"),
    )
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="chat_conversation.id")
    seq: int
    message_id: int = Field(foreign_key="message.id", index=True)
    client_id: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    """The id the visitor's browser gave the message: a resend after a reconnect is no copy."""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AgentPresenceRow(SQLModel, table=True):
    """When an agent's desktop last said it is there: the chat tells visitors honestly."""

    __tablename__ = "agent_presence"
    agent_id: int = Field(foreign_key="agent.id", primary_key=True)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UsedNonceRow(SQLModel, table=True):
    """A web-form token that was used: the same form cannot be submitted twice."""

    __tablename__ = "gateway_used_nonce"
    nonce: str = Field(sa_column=Column(String(64), primary_key=True))
    used_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class GatewayKeyRow(SQLModel, table=True):
    """The key that signs web-form tokens, shared by every gateway on this database.

    Not a password: it only proves that a form was handed out by one of our gateways.
    Replacing it makes forms that are open in browsers ask to be reloaded, nothing more.
    """

    __tablename__ = "gateway_key"
    name: str = Field(sa_column=Column(String(32), primary_key=True))
    value: str = Field(sa_column=Column(String(128), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
