"""IMAP intake: mail made durable before it is parsed into a case.

Ingestion now stores what it takes from the server raw first (and marks it processed
there), then parses and threads it from this table; a message that cannot be stored
waits here with the reason instead of on the server.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mail_intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("folder", sa.String(length=255), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mail_intake_uid"),
    )


def downgrade() -> None:
    waiting = op.get_bind().execute(sa.text("SELECT count(*) FROM mail_intake")).scalar_one()
    if waiting:
        # Dropping the table would drop mail that is already marked processed on the server.
        raise RuntimeError(
            f"mail_intake still holds {waiting} message(s) not yet stored as cases; "
            "run 'omnidesk mail fetch --once' with the newer version first"
        )
    op.drop_table("mail_intake")
