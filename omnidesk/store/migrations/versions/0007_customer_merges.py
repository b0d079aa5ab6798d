"""Customer merges are recorded with what moved, so an agent can undo one.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_customer_id", sa.Integer(), nullable=False),
        sa.Column("merged_customer_id", sa.Integer(), nullable=False),
        sa.Column("identity_ids", sa.Text(), nullable=False),
        sa.Column("case_ids", sa.Text(), nullable=False),
        sa.Column("actor_agent_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["actor_agent_id"], ["agent.id"]),
        sa.ForeignKeyConstraint(["kept_customer_id"], ["customer.id"]),
        sa.ForeignKeyConstraint(["merged_customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("customer_merge", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_merge_kept_customer_id"), ["kept_customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_customer_merge_merged_customer_id"),
            ["merged_customer_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("customer_merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_merge_merged_customer_id"))
        batch_op.drop_index(batch_op.f("ix_customer_merge_kept_customer_id"))
    op.drop_table("customer_merge")
