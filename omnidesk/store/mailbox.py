"""IMAP ingestion progress per folder, and the receipts of what was imported."""

from sqlmodel import Session, col, select

from omnidesk.store.tables import MailboxStateRow, MailReceiptRow
from omnidesk.store.types import utcnow


def get_state(session: Session, account: str, folder: str) -> MailboxStateRow | None:
    return session.exec(
        select(MailboxStateRow).where(
            col(MailboxStateRow.account) == account, col(MailboxStateRow.folder) == folder
        )
    ).first()


def save_progress(
    session: Session, *, account: str, folder: str, uidvalidity: int, last_uid: int
) -> None:
    """Record that every UID up to ``last_uid`` under ``uidvalidity`` is imported."""
    row = get_state(session, account, folder)
    if row is None:
        row = MailboxStateRow(account=account, folder=folder, uidvalidity=uidvalidity, last_uid=0)
    if row.uidvalidity != uidvalidity:
        row.uidvalidity, row.last_uid = uidvalidity, 0
    row.last_uid = max(row.last_uid, last_uid)
    row.updated_at = utcnow()
    session.add(row)


def imported_uids(session: Session, *, account: str, folder: str, uidvalidity: int) -> set[int]:
    return set(
        session.exec(
            select(MailReceiptRow.uid).where(
                col(MailReceiptRow.account) == account,
                col(MailReceiptRow.folder) == folder,
                col(MailReceiptRow.uidvalidity) == uidvalidity,
            )
        ).all()
    )
