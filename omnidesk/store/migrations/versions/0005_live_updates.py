"""Team mode: a NOTIFY for every event-log row, and who is viewing or replying to a case.

Every change to a case (claim, handover, status, commitment, …) writes an ``event`` row;
on PostgreSQL a trigger announces it on ``omnidesk_event`` inside the writing transaction,
so desktops learn of a colleague's change at commit without polling the tables.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "omnidesk_event"
"""The LISTEN/NOTIFY channel; omnidesk.store.change_feed listens on it."""

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION omnidesk_notify_event() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'id', NEW.id, 'case_id', NEW.case_id, 'kind', NEW.kind)::text);
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

_PG_TRIGGER = """
CREATE TRIGGER event_notify AFTER INSERT ON event
FOR EACH ROW EXECUTE FUNCTION omnidesk_notify_event()
"""


def upgrade() -> None:
    op.create_table(
        "case_presence",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agent.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["support_case.id"]),
        sa.PrimaryKeyConstraint("agent_id", "case_id"),
    )
    with op.batch_alter_table("case_presence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_presence_case_id"), ["case_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS event_notify ON event")
        op.execute("DROP FUNCTION IF EXISTS omnidesk_notify_event()")
    with op.batch_alter_table("case_presence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_presence_case_id"))
    op.drop_table("case_presence")
