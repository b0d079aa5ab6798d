"""The gateway: chat conversations and their sequenced entries, agent presence, used
web-form nonces, the form-signing key, and (PostgreSQL) a NOTIFY on every new message.

The notification is sent by a trigger, so it leaves inside the writing transaction and
arrives at commit: the desktop and the CLI need not know that a gateway listens.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "omnidesk_message"
"""The LISTEN/NOTIFY channel; omnidesk.store.change_feed listens on it."""

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION omnidesk_notify_message() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'id', NEW.id, 'case_id', NEW.case_id,
        'channel', NEW.channel, 'direction', NEW.direction)::text);
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

_PG_TRIGGER = """
CREATE TRIGGER message_notify AFTER INSERT ON message
FOR EACH ROW EXECUTE FUNCTION omnidesk_notify_message()
"""


def upgrade() -> None:
    op.create_table(
        "chat_conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("visitor_id", sa.String(length=64), nullable=False),
        sa.Column("identity_id", sa.Integer(), nullable=True),
        sa.Column("visitor_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("seen_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["support_case.id"]),
        sa.ForeignKeyConstraint(["identity_id"], ["customer_identity.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
        sa.UniqueConstraint("visitor_id"),
    )
    with op.batch_alter_table("chat_conversation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_conversation_case_id"), ["case_id"], unique=False)

    op.create_table(
        "chat_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["chat_conversation.id"]),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "seq", name="uq_chat_entry_seq"),
        sa.UniqueConstraint("conversation_id", "client_id", name="uq_chat_entry_client"),
        sa.UniqueConstraint("conversation_id", "message_id", name="uq_chat_entry_message"),
    )
    with op.batch_alter_table("chat_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_entry_message_id"), ["message_id"], unique=False)
    op.create_table(
        "agent_presence",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agent.id"]),
        sa.PrimaryKeyConstraint("agent_id"),
    )
    op.create_table(
        "gateway_used_nonce",
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("nonce"),
    )
    with op.batch_alter_table("gateway_used_nonce", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_gateway_used_nonce_used_at"), ["used_at"], unique=False
        )
    op.create_table(
        "gateway_key",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS message_notify ON message")
        op.execute("DROP FUNCTION IF EXISTS omnidesk_notify_message()")
    op.drop_table("gateway_key")
    with op.batch_alter_table("gateway_used_nonce", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gateway_used_nonce_used_at"))
    op.drop_table("gateway_used_nonce")
    op.drop_table("agent_presence")
    with op.batch_alter_table("chat_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_entry_message_id"))
    op.drop_table("chat_entry")
    with op.batch_alter_table("chat_conversation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_conversation_case_id"))
    op.drop_table("chat_conversation")
