"""Commitments: the words the customer is told, and outcomes longer than a code.

``outcome`` held 64 characters: enough for "no_answer", not for what an agent writes
after it ("no_answer: rang at 10:05 and 10:20, mailbox full"), which PostgreSQL refused.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("customer_text", sa.Text(), nullable=True))
        batch_op.alter_column(
            "outcome", existing_type=sa.String(length=64), type_=sa.Text(), existing_nullable=True
        )


def downgrade() -> None:
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.alter_column(
            "outcome", existing_type=sa.Text(), type_=sa.String(length=64), existing_nullable=True
        )
        batch_op.drop_column("customer_text")
