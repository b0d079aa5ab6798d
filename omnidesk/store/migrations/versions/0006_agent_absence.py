"""Absence: an agent can be away with a deputy who covers their cases.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("away_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("deputy_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("away_note", sa.String(length=200), nullable=True))
        batch_op.create_foreign_key("fk_agent_deputy_id_agent", "agent", ["deputy_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("agent", schema=None) as batch_op:
        batch_op.drop_constraint("fk_agent_deputy_id_agent", type_="foreignkey")
        batch_op.drop_column("away_note")
        batch_op.drop_column("deputy_id")
        batch_op.drop_column("away_since")
